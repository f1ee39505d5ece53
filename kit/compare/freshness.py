"""Freshness: apply a policy update through the index only (no retraining) and re-ask the affected questions.

The run folder gets its own copy of the index, so the user's index is left as it was. The update is the
same operation as `chatkit index --update FILE` (kit.rag.build.update_index: upsert by id, delete the
missing ids). Arms that do not retrieve cannot see the update, so their earlier answer to the same
question is reused (greedy decoding would repeat it); the others answer again from the updated index.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from kit.compare.arms import ArmOutput, load_eval, run_arms
from kit.compare.config import Suite
from kit.compare.facts import check_facts
from kit.console import info
from kit.errors import ChatkitError


def whole_new_kb(kb_update: Path, index_dir: str, out: Path, chunk_chars: int = 1200) -> Path:
    """The file `index --update` wants: the whole new KB.

    A .jsonl is taken as it is. A folder of KB pages (the corpus's kb_v2/) is chunked like `chatkit prepare`
    does and joined with the index's passages that are not KB pages (question->answer pairs mined from logs).
    """
    if kb_update.suffix == ".jsonl":
        return kb_update
    from kit.data.kb import kb_files, kb_passages
    from kit.rag.store import load_passages, resolve_folder, write_jsonl

    pages, _ = kb_passages(kb_files([kb_update]), chunk_chars)
    kept = [p for p in load_passages(resolve_folder(index_dir)) if (p.meta or {}).get("kind", "kb") != "kb"]
    path = out / "kb_update.jsonl"
    write_jsonl(path, [p.to_json() for p in [*pages, *kept]])
    return path


def _retrain_seconds(suite: Suite) -> float | None:
    from kit.compare.run import read_run_json

    for arm in suite.arms:
        adapter = suite.adapter_of(arm)
        if adapter and (run := read_run_json(adapter)):
            return run.get("wall_seconds")
    return None


def run_freshness(suite: Suite, out: Path, outputs: list[ArmOutput]) -> dict[str, Any] | None:
    """Rows per (arm, update item) with `new_fact` / `stale_hit`, index-update and retrain seconds."""
    cfg = suite.freshness
    if not cfg.eval_update:
        return None
    items = load_eval(cfg.eval_update, suite.generation.limit, what="freshness.eval_update")
    retrieving = [a for a in suite.arms if a.retrieves]
    overrides: dict[str, str] = {}
    update: dict[str, Any] = {}
    if retrieving:
        if not cfg.kb_update:
            raise ChatkitError("freshness.kb_update is not set", "give the updated KB (a folder of pages or a kb.jsonl)")
        source = Path(cfg.kb_update)
        if not source.exists():
            raise ChatkitError(f"freshness.kb_update not found: {source}", "pass the corpus's kb_v2/ or a kb.jsonl")
        from kit.rag.build import update_index
        from kit.rag.store import resolve_folder

        for index in dict.fromkeys(suite.index_of(a) for a in retrieving):
            copy = out / "index-updated"
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(resolve_folder(index), copy)
            kb_file = whole_new_kb(source, str(copy), out)
            info(f"freshness: applying {source} to a copy of {index} (index --update)")
            start = time.perf_counter()
            report = update_index(kb_file, copy, suite.rag)
            update = {"seconds": time.perf_counter() - start, **report.to_json()}
            overrides[index] = str(copy)
    previous = {(o.arm.name, r["question"]): r for o in outputs for r in o.rows}
    rows: list[dict[str, Any]] = []
    rerun = [a for a in suite.arms if a.retrieves]
    fresh_outputs = run_arms(suite.model_copy(update={"arms": rerun}), items, overrides) if rerun else []
    answers = {(o.arm.name, r["item"]): r["answer"] for o in fresh_outputs for r in o.rows}
    missing = [a for a in suite.arms if not a.retrieves
               and any((a.name, it.question) not in previous for it in items)]
    if missing:  # non-retrieving arms that never saw these questions answer them now
        for o in run_arms(suite.model_copy(update={"arms": missing}), items):
            answers.update({(o.arm.name, r["item"]): r["answer"] for r in o.rows})
    for arm in suite.arms:
        for item in items:
            reused = (arm.name, item.id) not in answers
            answer = previous[(arm.name, item.question)]["answer"] if reused else answers[(arm.name, item.id)]
            check = check_facts(answer, item.required_facts, item.stale_facts)
            rows.append({
                "arm": arm.name, "item": item.id, "question": item.question, "answer": answer,
                "required_facts": item.required_facts, "stale_facts": item.stale_facts,
                "new_fact": not check.missing, "stale_hit": bool(check.stale), "reused": reused,
            })
    return {
        "rows": rows,
        "eval_update": cfg.eval_update,
        "kb_update": cfg.kb_update,
        "update_seconds": update.get("seconds"),
        "update": {k: (len(v) if isinstance(v, list) else v) for k, v in update.items()},
        "retrain_seconds": _retrain_seconds(suite),
    }
