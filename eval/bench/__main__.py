"""`python -m eval.bench [NAME ...] [--quick]`: run the benchmarks, print and save their results."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

import eval.bench as pkg
from eval.bench.machine import describe
from eval.bench.results_md import update as update_results_md


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.bench")
    parser.add_argument("names", nargs="*", help="bench names (bench_<name>.py); all when empty")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--out", default="eval/bench/results", help="folder for <name>.json results")
    parser.add_argument("--results-md", default="eval/bench/RESULTS.md", help="the committed summary to update")
    args = parser.parse_args()
    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith("bench_"))
    names = args.names or found
    unknown = [n for n in names if n not in found]
    if unknown:
        sys.exit(f"error: unknown bench {unknown[0]!r}; available: {', '.join(found)}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    machine = describe()
    print(json.dumps({"machine": machine}, indent=2), file=sys.stderr)
    for name in names:
        print(f"== bench {name}", file=sys.stderr)
        module = importlib.import_module(f"eval.bench.bench_{name}")
        result = {"bench": name, "quick": args.quick, "machine": machine, **module.run(quick=args.quick)}
        text = json.dumps(result, indent=2, ensure_ascii=False)
        (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        update_results_md(Path(args.results_md), result, Path(__file__).resolve().parents[2])
        print(text)


if __name__ == "__main__":
    main()
