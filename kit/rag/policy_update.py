"""A policy update as a folder of KB pages: the whole new KB for `index --update`, with the mined pairs brought up to date.

Question->answer pairs mined from logs record the policy of their day. When a page changes, a pair that quotes
the changed sentence in the page's own words is rewritten to the new wording (`quoted_changes`,
`revise_quotes`), and one that still states removed text in other words (`removed_spans`) is retired: kept in
the file marked `retired`, not indexed, its question still expanding the updated chunk. Used by
`chatkit index --update DIR` and by compare's freshness check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from kit.data.schema import Passage
from kit.facts import fold, normalise
from kit.rag.expand import qa_parts


def removed_spans(old_text: str, new_text: str) -> list[str]:
    """Normalised spans of `old_text` that the new version replaced or deleted ("3 a 5 dias habiles" -> ...).

    Changes separated by a single unchanged token are one span ("3 a 5" when 3 -> 2 and 5 -> 4). Spans
    without a digit need two tokens, so a lone changed word does not retire half the corpus.
    """
    old, new = normalise(old_text).split(), normalise(new_text).split()
    spans = [" ".join(old[i1:i2]) for i1, i2, _, _ in _regions(old, new, ("replace", "delete"))]
    return [s for s in spans if any(ch.isdigit() for ch in s) or len(s.split()) >= 2]


def _regions(a: list[str], b: list[str], ops: tuple[str, ...]) -> list[list[int]]:
    """[i1, i2, j1, j2] of each change of kind `ops` from `a` to `b`; changes one unchanged token apart are one."""
    import difflib

    regions: list[list[int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op not in ops:
            continue
        if regions and i1 - regions[-1][1] <= 1:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return regions


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
    old, new = _tokens(old_text), _tokens(new_text)
    a, b = [t[2] for t in old], [t[2] for t in new]
    out = []
    for i1, i2, j1, j2 in _regions(a, b, ("replace", "delete", "insert")):
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
    toks = _tokens(text)
    folded = [t[2] for t in toks]
    for forms in changes:
        for quote, replacement in forms:
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


def _closest_pages(pair: Passage, pages: dict[str, set[str]]) -> set[str]:
    """The KB pages sharing the most content words with a mined pair's answer (ties: all of them)."""
    answer = _content_words((qa_parts(pair) or ("", pair.text))[1])
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
    revise: bool = True, what: str = "--update",
) -> KbUpdate:
    """The file `index --update` wants (the whole new KB) and what became of the mined Q->A passages.

    A .jsonl is taken as it is. A folder of KB pages (the corpus's kb_v2/) is chunked like `chatkit prepare`
    does and joined with the index's passages that are not KB pages (question->answer pairs mined from
    logs). Those pairs record the policy of their day. With `revise`, a pair that quotes a changed sentence of a
    page in the page's own words (`quoted_changes`) gets the new wording there ("3 a 5 días hábiles" -> "2 a 4
    días hábiles"; meta.revised). With `retire`, a pair that still quotes text the update removed is retired
    (kept in the file, not indexed): it would keep serving the old policy. A removed bare number ("12" of "12
    meses de garantía") retires only the pairs about its page (`_closest_pages`): "3, 6 y 12 meses sin
    intereses" holds the same number and is another policy. `what` names the pages' option in errors.
    """
    if kb_update.suffix == ".jsonl":
        return KbUpdate(kb_update)
    from kit.data.kb import kb_files, kb_passages
    from kit.rag.store import load_expanders, load_passages, read_manifest, resolve_folder, write_jsonl

    folder = resolve_folder(index_dir)
    read_manifest(folder)  # no index there: one line saying how to build one
    pages, _ = kb_passages(kb_files([kb_update], flag=what), chunk_chars)
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
        if any(" " in s or not s.isdigit() or pid in _closest_pages(replace(p, text=row["text"]), words) for pid, s in hits):
            # a retired pair stays in the file marked retired: not indexed, but its question still finds the chunk
            retired.append({**p.to_json(), "meta": {**(p.meta or {}), "retired": True}})
        else:
            kept.append(row)
            revised += text is not None
    path = out / name
    write_jsonl(path, [*(p.to_json() for p in pages), *kept, *retired, *(p.to_json() for p in gone)])
    return KbUpdate(path, len(retired), revised)
