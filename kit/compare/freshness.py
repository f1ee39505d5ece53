"""Freshness: apply a policy update through the index only (no retraining) and re-ask the affected questions.

The run folder gets its own copy of the index, so the user's index is left as it was. The update is the
same operation as `chatkit index --update FILE` (kit.rag.build.update_index: upsert by id, delete the
missing ids). Arms that do not retrieve cannot see the update, so their earlier answer to the same
question is reused (greedy decoding would repeat it); the others answer again from the updated index.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.compare.arms import ArmOutput, load_eval, run_arms
from kit.compare.config import Suite
from kit.console import info
from kit.errors import ChatkitError
from kit.facts import check_facts, contains, fold, normalise
from kit.runfolder import read_run_json


def removed_spans(old_text: str, new_text: str) -> list[str]:
    """Normalised spans of `old_text` that the new version replaced or deleted ("3 a 5 dias habiles" -> ...).

    Changes separated by a single unchanged token are one span ("3 a 5" when 3 -> 2 and 5 -> 4). Spans
    without a digit need two tokens, so a lone changed word does not retire half the corpus.
    """
    import difflib

    old, new = normalise(old_text).split(), normalise(new_text).split()
    regions: list[list[int]] = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            if regions and i1 - regions[-1][1] <= 1:
                regions[-1][1] = i2
            else:
                regions.append([i1, i2])
    spans = [" ".join(old[a:b]) for a, b in regions]
    return [s for s in spans if any(ch.isdigit() for ch in s) or len(s.split()) >= 2]


_TOKEN = re.compile(r"\d+(?:[:.,]\d+)*|\w+|[^\w\s]|\n")  # a number with its separators is one token ("$1,199", "13:00")
_SENTENCE_END = {".", ";", ":", "!", "?", "¿", "¡", "\n"}  # a quote's context never crosses these
QUOTE_MIN_TOKENS = 3  # a quoted change with its context: at least 3 tokens ("$ 99 MXN"), 2 of them words or numbers


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) of every word, number and punctuation mark, and of every line break."""
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def quoted_changes(old_text: str, new_text: str) -> list[list[tuple[tuple[str, ...], str]]]:
    """How a page's changes look when a mined answer quotes them: per changed region, (the old tokens with up to
    two unchanged tokens of context on each side, the new text of the same extent), most specific first.

    "Costo: $99 MXN por pedido." -> "Costo: $119 MXN por pedido." gives ("$", "99", "mxn", "por") -> "$119 MXN
    por", ..., ("$", "99", "mxn") -> "$119 MXN". Context stays inside the sentence. A quote needs 3 tokens, 2 of
    them words or numbers, so a lone "48" (of "48 horas posteriores") never rewrites another policy's "48 horas";
    a region that changes no number needs two words, as in `removed_spans`.
    """
    import difflib

    old, new = _tokens(old_text), _tokens(new_text)
    a, b = [t[2] for t in old], [t[2] for t in new]
    regions: list[list[int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if regions and i1 - regions[-1][1] <= 1:  # one unchanged token between two changes: one region
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in regions:
        changed = [*a[i1:i2], *b[j1:j2]]
        if not any(ch.isdigit() for t in changed for ch in t) and sum(t[0].isalnum() for t in changed) < 2:
            continue
        forms = []
        for left in range(3):
            for right in range(3):
                if i1 - left < 0 or j1 - left < 0 or i2 + right > len(a) or j2 + right > len(b):
                    continue
                context = [*a[i1 - left:i1], *a[i2:i2 + right]]
                if any(t in _SENTENCE_END for t in context):
                    continue
                quote = tuple(a[i1 - left:i2 + right])
                if len(quote) < QUOTE_MIN_TOKENS or sum(t[0].isalnum() for t in quote) < 2:
                    continue
                first, last = j1 - left, j2 + right - 1
                forms.append((len(quote), quote, new_text[new[first][0]:new[last][1]] if last >= first else ""))
        if forms:
            out.append([(quote, text) for _, quote, text in sorted(forms, key=lambda f: -f[0])])
    return out


def revise_quotes(text: str, changes: list[list[tuple[tuple[str, ...], str]]]) -> str | None:
    """`text` with every quote of a changed region (its most specific form found) in its new wording; None when it
    quotes none. The replacement takes the case of the quote's first letter ("Tiene 30 días" mid-sentence stays
    lower case)."""
    revised = False
    for forms in changes:
        for quote, replacement in forms:
            toks = _tokens(text)
            folded = [t[2] for t in toks]
            n, k, hit = len(quote), 0, False
            while k <= len(folded) - n:
                if tuple(folded[k:k + n]) != quote:
                    k += 1
                    continue
                start, end = toks[k][0], toks[k + n - 1][1]
                new = replacement
                if new[:1].isalpha() and text[start].isalpha():
                    new = (new[0].upper() if text[start].isupper() else new[0].lower()) + new[1:]
                text = text[:start] + new + text[end:]
                toks = _tokens(text)
                folded = [t[2] for t in toks]
                k += len(_tokens(new)) or 1
                hit = True
            if hit:  # the most specific form that matched; the shorter ones would match the same place again
                revised = True
                break
    return text if revised else None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) > 3 and not w.isdigit()}


def _closest_pages(text: str, pages: dict[str, set[str]]) -> set[str]:
    """The KB pages sharing the most content words with a mined pair's answer (ties: all of them)."""
    answer = _content_words(text.split("Respuesta:", 1)[-1])
    scores = {pid: len(answer & ws) for pid, ws in pages.items()}
    best = max(scores.values(), default=0)
    return {pid for pid, n in scores.items() if n == best and n > 0}


@dataclass
class KbUpdate:
    """The whole new KB written for `index --update`, and what happened to the mined Q->A pairs."""

    path: Path
    retired: int = 0  # pairs that still quote removed text: not indexed
    revised: int = 0  # pairs whose quotes of changed text now read as the new page does


def whole_new_kb(
    kb_update: Path, index_dir: str, out: Path, retire: bool = True, chunk_chars: int = 1200, name: str = "kb_update.jsonl",
    revise: bool = True,
) -> KbUpdate:
    """The file `index --update` wants (the whole new KB) and what became of the mined Q->A passages.

    A .jsonl is taken as it is. A folder of KB pages (the corpus's kb_v2/) is chunked like `chatkit prepare`
    does and joined with the index's passages that are not KB pages (question->answer pairs mined from
    logs). Those pairs record the policy of their day. With `revise`, a pair that quotes a changed sentence of a
    page in the page's own words (`quoted_changes`) gets the new wording there ("3 a 5 días hábiles" -> "2 a 4
    días hábiles"; meta.revised). With `retire`, a pair that still quotes text the update removed is retired
    (kept in the file, not indexed): it would keep serving the old policy.
    """
    if kb_update.suffix == ".jsonl":
        return KbUpdate(kb_update)
    from kit.data.kb import kb_files, kb_passages
    from kit.rag.store import load_expanders, load_passages, resolve_folder, write_jsonl

    pages, _ = kb_passages(kb_files([kb_update]), chunk_chars)
    folder = resolve_folder(index_dir)
    # an index of KB chunks only (rag.mined false) keeps its mined pairs beside it, as expanders
    current = [*load_passages(folder), *load_expanders(folder)]
    mined = [p for p in current if (p.meta or {}).get("kind", "kb") != "kb" and (p.meta or {}).get("retired") is not True]
    gone = [p for p in current if (p.meta or {}).get("retired") is True]  # retired by an earlier update: stay so

    def page_texts(passages: list) -> dict[str, str]:
        texts: dict[str, list[str]] = {}
        for p in passages:
            if (p.meta or {}).get("kind", "kb") == "kb":
                texts.setdefault(str((p.meta or {}).get("kb_id") or p.id.split("#")[0]), []).append(p.text)
        return {k: "\n".join(v) for k, v in texts.items()}

    before, after = page_texts(current), page_texts(pages)
    changed = [pid for pid in before if pid in after and before[pid] != after[pid]]
    spans = {(pid, s) for pid in changed for s in removed_spans(before[pid], after[pid])} if retire else set()
    changes = [c for pid in changed for c in quoted_changes(before[pid], after[pid])] if revise else []
    words = {pid: _content_words(text) for pid, text in before.items()}
    kept, retired, revised = [], [], 0
    for p in mined:
        text = revise_quotes(p.text, changes) if changes else None
        row = p.to_json() if text is None else {**p.to_json(), "text": text, "meta": {**(p.meta or {}), "revised": True}}
        norm = f" {normalise(row['text'])} "
        hits = [(pid, s) for pid, s in spans if f" {s} " in norm]
        # a bare number ("12" of "12 meses de garantía") is in many policies: it retires a pair only when the pair
        # is about the page it was removed from (shares the most words with it); longer spans retire anywhere
        if any(" " in s or not s.isdigit() or pid in _closest_pages(row["text"], words) for pid, s in hits):
            # a retired pair stays in the file marked retired: not indexed, but its question still finds the chunk
            retired.append({**p.to_json(), "meta": {**(p.meta or {}), "retired": True}})
        else:
            kept.append(row)
            revised += text is not None
    path = out / name
    write_jsonl(path, [*(p.to_json() for p in pages), *kept, *retired, *(p.to_json() for p in gone)])
    return KbUpdate(path, len(retired), revised)


def updated_copy(out: Path, number: int, count: int) -> Path:
    """Where index number `number` of `count` gets its updated copy: index-updated, or index-updated-1, -2, ..."""
    return out / ("index-updated" if count == 1 else f"index-updated-{number + 1}")


def _retrain_seconds(suite: Suite) -> float | None:

    for arm in suite.arms:
        adapter = suite.adapter_of(arm)
        if adapter and (run := read_run_json(adapter)):
            return run.get("wall_seconds")
    return None


def _context_flags(context: str | None, required: list[str], stale: list[str]) -> dict[str, bool | None]:
    """Did the retrieved context hold every new fact / any stale one? (None: the arm does not retrieve.)"""
    if context is None:
        return {"context_new": None, "context_stale": None}
    return {"context_new": all(contains(context, f) for f in required),
            "context_stale": any(contains(context, f) for f in stale)}


def run_freshness(suite: Suite, out: Path, outputs: list[ArmOutput]) -> dict[str, Any] | None:
    """Rows per (arm, update item) with `new_fact` / `stale_hit`, index-update and retrain seconds."""
    cfg = suite.freshness
    if not cfg.eval_update:
        return None
    # the update items have their own dev/test split, dealt as prepare deals eval.jsonl: a dev run (choosing)
    # never sees the test ones, and a test run reports only those
    items = load_eval(cfg.eval_update, suite.generation.limit, what="freshness.eval_update", split=suite.split,
                      sample=cfg.sample or suite.generation.sample, seed=suite.stats.seed, deal=(cfg.dev_fraction, 0))
    retrieving = [a for a in suite.arms if a.retrieves]
    overrides: dict[str, str] = {}
    update: dict[str, Any] = {}
    per_index: dict[str, dict[str, Any]] = {}
    if retrieving:
        if not cfg.kb_update:
            raise ChatkitError("freshness.kb_update is not set", "give the updated KB (a folder of pages or a kb.jsonl)")
        source = Path(cfg.kb_update)
        if not source.exists():
            raise ChatkitError(f"freshness.kb_update not found: {source}", "pass the corpus's kb_v2/ or a kb.jsonl")
        from kit.rag.build import update_index
        from kit.rag.store import resolve_folder

        indexes = list(dict.fromkeys(suite.index_of(a) for a in retrieving))
        for number, index in enumerate(indexes):
            # one copy per index: with two indexes, one shared folder would hold only the last one's update
            copy = updated_copy(out, number, len(indexes))
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(resolve_folder(index), copy)
            kb = whole_new_kb(source, str(copy), out, cfg.retire_outdated_qa,
                              name=f"kb_update{copy.name.removeprefix('index-updated')}.jsonl", revise=cfg.revise_outdated_qa)
            info(f"freshness: applying {source} to a copy of {index} (index --update; outdated Q->A: {kb.revised} revised, "
                 f"{kb.retired} retired)")
            start = time.perf_counter()
            report = update_index(kb.path, copy, suite.rag)
            seconds = time.perf_counter() - start
            qa = {"retired_qa": kb.retired, "revised_qa": kb.revised}
            per_index[str(index)] = {"copy": str(copy), "seconds": seconds, **qa, **report.to_json()}
            if not update:  # the headline update time is the first index's (the suite's own)
                update = {"seconds": seconds, **qa, **report.to_json()}
            overrides[index] = str(copy)
    previous = {(o.arm.name, r["question"]): r for o in outputs for r in o.rows}
    rows: list[dict[str, Any]] = []
    rerun = [a for a in suite.arms if a.retrieves]
    # answers only: the policy-update questions are not timed
    fresh_outputs = run_arms(suite.model_copy(update={"arms": rerun}), items, overrides, latency_sample=0) if rerun else []
    answers = {(o.arm.name, r["item"]): r["answer"] for o in fresh_outputs for r in o.rows}
    contexts = {(o.arm.name, item): normalise(" \n ".join(texts)) for o in fresh_outputs
                for item, texts in o.passages.items()}
    missing = [a for a in suite.arms if not a.retrieves
               and any((a.name, it.question) not in previous for it in items)]
    if missing:  # non-retrieving arms that never saw these questions answer them now
        for o in run_arms(suite.model_copy(update={"arms": missing}), items, latency_sample=0):
            answers.update({(o.arm.name, r["item"]): r["answer"] for r in o.rows})
    for arm in suite.arms:
        for item in items:
            reused = (arm.name, item.id) not in answers
            answer = previous[(arm.name, item.question)]["answer"] if reused else answers[(arm.name, item.id)]
            check = check_facts(answer, item.required_facts, item.stale_facts, question=item.question)
            rows.append({
                "arm": arm.name, "item": item.id, "question": item.question, "answer": answer,
                "required_facts": item.required_facts, "stale_facts": item.stale_facts,
                "new_fact": not check.missing, "stale_hit": bool(check.stale), "reused": reused,
                **_context_flags(contexts.get((arm.name, item.id)), item.required_facts, item.stale_facts),
            })
    return {
        "rows": rows,
        "eval_update": cfg.eval_update,
        "split": suite.split,  # the update items' own dev/test split (dev_fraction of them dealt to dev)
        "dev_fraction": cfg.dev_fraction,
        "kb_update": cfg.kb_update,
        "update_seconds": update.get("seconds"),
        "update": {k: (len(v) if isinstance(v, list) else v) for k, v in update.items()},
        "indexes": {k: {kk: (len(vv) if isinstance(vv, list) else vv) for kk, vv in v.items()} for k, v in per_index.items()},
        "retrain_seconds": _retrain_seconds(suite),
        "retrain_seconds_per_arm": {  # each tuned arm's own run
            arm.name: run.get("wall_seconds") for arm in suite.arms
            if (adapter := suite.adapter_of(arm)) and (run := read_run_json(adapter))
        },
    }
