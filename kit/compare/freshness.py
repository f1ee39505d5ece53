"""Freshness: apply a policy update through the index only (no retraining) and re-ask the affected questions.

The run folder gets its own copy of the index, so the user's index is left as it was. The update is the
same operation as `chatkit index --update FILE` (kit.rag.build.update_index: upsert by id, delete the
missing ids). Arms that do not retrieve cannot see the update, so their earlier answer to the same
question is reused (greedy decoding would repeat it); the others answer again from the updated index.

With a folder of pages, the question->answer pairs mined from logs are brought up to date too
(kit.rag.policy_update.whole_new_kb, as `index --update DIR` does): a pair quoting a changed sentence in the
page's words gets the new wording, one still stating removed text is retired.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from kit.compare.arms import ArmOutput, load_eval, run_arms
from kit.compare.config import Suite
from kit.console import info
from kit.errors import ChatkitError
from kit.facts import check_facts, contains, normalise
from kit.rag.policy_update import whole_new_kb
from kit.runfolder import read_run_json


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


def run_freshness(suite: Suite, out: Path, outputs: list[ArmOutput], tokenizers: Any = None) -> dict[str, Any] | None:
    """Rows per (arm, update item) with `new_fact` / `stale_hit`, index-update and retrain seconds (`tokenizers`:
    compare's TokenizerMemo, so the arms' models reload without reloading their tokenizers)."""
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
                              name=f"kb_update{copy.name.removeprefix('index-updated')}.jsonl", revise=cfg.revise_outdated_qa,
                              what="freshness.kb_update")
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
    fresh_outputs = run_arms(suite.model_copy(update={"arms": rerun}), items, overrides, latency_sample=0,
                            tokenizers=tokenizers) if rerun else []
    answers = {(o.arm.name, r["item"]): r["answer"] for o in fresh_outputs for r in o.rows}
    contexts = {(o.arm.name, item): normalise(" \n ".join(texts)) for o in fresh_outputs
                for item, texts in o.passages.items()}
    missing = [a for a in suite.arms if not a.retrieves
               and any((a.name, it.question) not in previous for it in items)]
    if missing:  # non-retrieving arms that never saw these questions answer them now
        for o in run_arms(suite.model_copy(update={"arms": missing}), items, latency_sample=0, tokenizers=tokenizers):
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
