"""`python -m eval.rescore_facts REPORT.json [--eval EVAL.jsonl] [--split test]`: each arm's fact accuracy as
report.json recorded it, next to the facts judge of this checkout (kit/facts.py) on the same answers.

For telling how a judge change moves each arm: nothing is generated again. With --eval, only the items of
one split (eval.jsonl `split`) count; conflicts and listings say why the judge at hand refuses an answer.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kit.facts import check_facts


def rescore(report: dict, split_of: dict[str, str] | None = None, split: str = "test") -> dict[str, dict]:
    """{arm: {items, recorded, judged, conflicts, listings}} over rows with required facts."""
    out: dict[str, dict] = {}
    for row in report["rows"]:
        if not row.get("required_facts") or (split_of is not None and split_of.get(row["item"]) != split):
            continue
        check = check_facts(row["answer"], row["required_facts"], row.get("stale_facts") or (), row.get("question", ""))
        arm = out.setdefault(row["arm"], {"items": 0, "recorded": 0, "judged": 0, "conflicts": 0, "listings": 0})
        arm["items"] += 1
        arm["recorded"] += bool(row.get("fact_correct"))
        arm["judged"] += check.correct
        arm["conflicts"] += bool(check.conflicts)
        arm["listings"] += check.listing
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.rescore_facts")
    parser.add_argument("report", type=Path, help="a compare report.json (its rows hold every answer)")
    parser.add_argument("--eval", type=Path, help="the prepared eval.jsonl, to count one split only")
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    args = parser.parse_args()
    split_of = None
    if args.eval:
        items = [json.loads(line) for line in args.eval.read_text(encoding="utf-8").splitlines() if line.strip()]
        split_of = {it["id"]: it.get("split", "test") for it in items}
    result = rescore(json.loads(args.report.read_text(encoding="utf-8")), split_of, args.split)
    print(f"{'arm':<16}{'items':>6}{'recorded':>10}{'judged':>9}{'conflict':>10}{'listing':>9}")
    for arm, r in result.items():
        n = max(1, r["items"])
        print(f"{arm:<16}{r['items']:>6}{r['recorded'] / n:>10.1%}{r['judged'] / n:>9.1%}{r['conflicts']:>10}{r['listings']:>9}")


if __name__ == "__main__":
    main()
