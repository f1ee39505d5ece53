"""Write a generated corpus to `<out>/<company>/` atomically: logs, KB v1/v2, eval sets, labels, README.

The folder is written as a temporary sibling and renamed into place, so a killed run never leaves a
half-written company folder behind (an older complete one stays until the new one is ready).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

from kit.corpus import formats
from kit.corpus.generate import DEFAULT_SIZES, CorpusOutput
from kit.errors import ChatkitError


def export(output: CorpusOutput, out_dir: Path, seed: int) -> Path:
    """Write `output` to out_dir/<company>/ (replacing what was there) and return that folder.

    Raises:
        ChatkitError: out_dir is a file or cannot be written.
    """
    key = output.company.key
    final = out_dir / key
    tmp = out_dir / f".{key}.tmp-{os.getpid()}"
    old = out_dir / f".{key}.old-{os.getpid()}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        _write_company(output, tmp, seed)
        if final.exists():
            final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    except (FileExistsError, NotADirectoryError) as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ChatkitError(f"--out {out_dir}: not a folder ({e.strerror.lower()})") from e
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ChatkitError(f"--out {out_dir}: cannot write there ({e.strerror or e})") from e
    return final


def _write_company(output: CorpusOutput, folder: Path, seed: int) -> None:
    company = output.company
    fmt = formats.FORMATS[company.key]
    if fmt == "jsonl":
        formats.write_jsonl(folder / "conversations.jsonl", (c.to_json() for c in output.conversations))
    elif fmt == "csv":
        escalated = {i.id for i in company.intents if i.escalate}
        formats.write_csv(folder / "tickets.csv", output.conversations, escalated)
    else:
        formats.write_transcripts(folder / "transcripts", output.conversations)
    for name, pages, version in (("kb", output.kb_pages, 1), ("kb_v2", output.kb_pages_v2, 2)):
        (folder / name).mkdir()
        for page_id, title, markdown in pages:
            (folder / name / f"{page_id}.md").write_text(_front_matter(page_id, title, version) + markdown,
                                                        encoding="utf-8", newline="\n")
    # No "split": the held-out items are split into dev and test by `chatkit prepare` (an item that names its
    # split keeps it there, so a generator that wrote the default would leave no dev items).
    formats.write_jsonl(folder / "eval.jsonl", (_unsplit(item.to_json()) for item in output.eval_items))
    formats.write_jsonl(folder / "eval_update.jsonl", (_unsplit(item.to_json()) for item in output.update_items))
    formats.write_jsonl(folder / "labels.jsonl", _labels(output))
    (folder / "README.md").write_text(company_readme(output, seed), encoding="utf-8", newline="\n")


def _front_matter(page_id: str, title: str, version: int) -> str:
    import yaml

    meta = yaml.safe_dump({"id": page_id, "title": title, "version": version}, allow_unicode=True, sort_keys=False)
    return f"---\n{meta}---\n\n"


def _labels(output: CorpusOutput):
    by_conv: dict[str, list[dict]] = {}
    for item in output.pii_labels:
        by_conv.setdefault(item.conversation_id, []).append(item.to_json())
    for conv in output.conversations:
        yield {"id": conv.id, "intents": conv.meta["intents"], "topic": conv.meta["topic"],
               "customer_id": conv.meta["customer_id"], "messages": len(conv.messages), "items": by_conv.get(conv.id, [])}


FORMAT_DOCS = {
    "jsonl": "`conversations.jsonl`: OpenAI \"messages\" JSONL, one conversation per line: "
    "`{\"id\", \"messages\": [{\"role\": \"user|assistant\", \"content\"}], \"meta\": {company, intents, topic, "
    "customer_id, created_at, channel, agent}}`.",
    "csv": "`tickets.csv`: a helpdesk export, one row per message: `ticket_id,created_at,author_type,author_name,body`; "
    "author_type is `end-user`, `agent` or `system` (notices such as assignments and ratings, not part of the chat). "
    "Some bodies are HTML (`<p>`, `<br>`, `<b>`, `&nbsp;`, `&amp;`); multi-line bodies are quoted.",
    "transcripts": "`transcripts/YYYY-MM-DD.txt`: plain-text chat logs, one file a day. Each chat starts with "
    "`=== Chat <id> · <channel> · cliente <customer_id> ===`, then `[10:32] Cliente: …` / `[10:33] Agente Laura: …`; "
    "continuation lines of a multi-line message are indented by two spaces; a blank line separates chats.",
}


def counts(output: CorpusOutput) -> dict:
    """The figures a README states about one company's corpus."""
    pii = Counter(item.type for item in output.pii_labels if item.pii)
    other = Counter(item.type for item in output.pii_labels if not item.pii)
    return {
        "conversations": len(output.conversations),
        "messages": sum(len(c.messages) for c in output.conversations),
        "intents": len(output.company.intents),
        "facts": len(output.company.facts),
        "changed_facts": sum(f.v2 is not None for f in output.company.facts.values()),
        "kb_pages": len(output.kb_pages),
        "eval_items": len(output.eval_items),
        "update_items": len(output.update_items),
        "pii": dict(sorted(pii.items())),
        "lookalikes": dict(sorted(other.items())),
    }


def company_readme(output: CorpusOutput, seed: int) -> str:
    company = output.company
    c = counts(output)
    n_flag = "" if c["conversations"] == DEFAULT_SIZES.get(company.key) else f" --n {c['conversations']}"
    fmt = formats.FORMATS[company.key]
    pii = ", ".join(f"{k} {v}" for k, v in c["pii"].items())
    other = ", ".join(f"{k} {v}" for k, v in c["lookalikes"].items())
    return f"""# {company.name}: synthetic support logs ({company.key})

**Synthetic.** Every conversation, name, email, phone number and id number in this folder was made up by
chatkit's generator (`kit/corpus/`); none belongs to a real person or company. {company.description}

Regenerate it byte for byte: `chatkit corpus generate --company {company.key} --seed {seed} --out DIR{n_flag}`

## Files

- {FORMAT_DOCS[fmt]}
- `kb/<page-id>.md`: the knowledge base ({c['kb_pages']} policy pages, {c['facts']} facts); YAML front matter
  `id`, `title`, `version`, then Markdown.
- `kb_v2/<page-id>.md`: the same pages after a policy update that changes {c['changed_facts']} facts.
- `eval.jsonl`: {c['eval_items']} held-out questions (phrasings never used in the conversations), each with a
  reference answer, `required_facts` (strings a correct answer contains) and `kb_ids`.
- `eval_update.jsonl`: {c['update_items']} questions whose answer changed in v2: `required_facts` are the new
  values, `stale_facts` the old ones.
- `labels.jsonl`: the generator's ground truth, one line per conversation: intents, topic, customer id and
  every planted item (`type`, `message` index, `start`/`end` offsets into that message's text as a reader
  recovers it, `value`, `pii`). `pii: false` items are look-alikes (order numbers, tracking codes, amounts,
  dates, postal codes, SKUs, the company's public contacts and office address, places named after people,
  dates that are not birth dates, model numbers) that redaction should leave alone.

## Counts

- {c['conversations']} conversations, {c['messages']} messages, {c['intents']} intents.
- Planted personal data: {pii}.
- Look-alikes (not personal data): {other}.
"""


def write_index(out_dir: Path, outputs: list[CorpusOutput], seed: int) -> Path:
    """DIR/README.md describing every company folder and the exact command that made them (atomic)."""
    rows = []
    for output in outputs:
        c = counts(output)
        fmt = formats.FORMATS[output.company.key]
        rows.append(f"| `{output.company.key}/` | {output.company.name} ({output.company.country}) | "
                    f"`{formats.LOG_PATHS[fmt]}` | {c['conversations']} | {c['eval_items']} | {sum(c['pii'].values())} |")
    text = f"""# Shipped sample corpus (synthetic)

Synthetic Spanish customer-support logs for three fictional companies, with their knowledge bases,
held-out eval questions, a policy update and the ground truth of every planted personal-data item.
Nothing here is real: the generator (`kit/corpus/`) made it all up.

Made with exactly:

    chatkit corpus generate --company all --seed {seed} --out {out_dir.name}

| folder | company | logs | conversations | eval questions | planted personal data |
|---|---|---|---|---|---|
{chr(10).join(rows)}

Each folder's README.md describes its format. `chatkit corpus stats {out_dir.name}` prints the figures.
"""
    path = out_dir / "README.md"
    tmp = out_dir / f".README.md.tmp-{os.getpid()}"
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)
    return path


def _unsplit(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "split"}
