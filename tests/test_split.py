"""The split: proportions, determinism, groups never divided, strata kept proportional."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.data.dedup import UnionFind
from kit.data.split import assign_splits


def groups_of(n: int, links: list[tuple[int, int]] = ()) -> UnionFind:
    uf = UnionFind()
    for _ in range(n):
        uf.add()
    for a, b in links:
        uf.union(a, b)
    return uf


def test_default_fractions_and_determinism():
    uf = groups_of(1000)
    out = assign_splits(uf, [-1] * 1000, (0.8, 0.1, 0.1), seed=0)
    assert Counter(out) == {0: 800, 1: 100, 2: 100}
    assert assign_splits(uf, [-1] * 1000, (0.8, 0.1, 0.1), seed=0) == out
    assert assign_splits(uf, [-1] * 1000, (0.8, 0.1, 0.1), seed=1) != out


def test_strata_are_each_split_in_proportion():
    rng = random.Random(3)
    strata = [rng.randrange(7) for _ in range(2100)]
    out = assign_splits(groups_of(2100), strata, (0.8, 0.1, 0.1), seed=0)
    for s in range(7):
        counts = Counter(out[i] for i in range(2100) if strata[i] == s)
        total = sum(counts.values())
        assert abs(counts[2] - 0.1 * total) <= 1 and abs(counts[0] - 0.8 * total) <= 1


def test_many_tiny_strata_still_fill_val_and_test():
    strata = [i // 3 for i in range(900)]  # 300 strata of 3 conversations
    out = Counter(assign_splits(groups_of(900), strata, (0.8, 0.1, 0.1), seed=0))
    assert abs(out[1] - 90) <= 2 and abs(out[2] - 90) <= 2


def test_inactive_records_take_no_share():
    active = bytearray([1, 0] * 50)
    out = assign_splits(groups_of(100), [-1] * 100, (0.8, 0.1, 0.1), seed=0, active=active)
    assert Counter(out[i] for i in range(100) if active[i]) == {0: 40, 1: 5, 2: 5}


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), links=st.lists(st.tuples(st.integers(0, 299), st.integers(0, 299)), max_size=200),
       seed=st.integers(0, 5), strata=st.integers(1, 4))
def test_a_group_is_never_divided(n, links, seed, strata):
    uf = groups_of(n, [(a % n, b % n) for a, b in links])
    out = assign_splits(uf, [i % strata for i in range(n)], (0.8, 0.1, 0.1), seed=seed)
    by_root: dict[int, set[int]] = {}
    for i in range(n):
        by_root.setdefault(uf.find(i), set()).add(out[i])
    assert all(len(s) == 1 for s in by_root.values())
