"""Performance benchmarks (`make bench`): each bench_*.py module has `run(quick: bool = False) -> dict`.

Figures are ratios against a baseline measured in the same run, with the machine described.
"""
