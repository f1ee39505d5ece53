"""Split by group (a customer's conversations and near-duplicate clusters stay together), stratified by
topic, deterministic for a seed. Works on integer indices only; texts never enter memory here."""

from __future__ import annotations

import hashlib

from kit.data.dedup import UnionFind

SPLITS = ("train", "val", "test")


def _order_key(seed: int, root: int) -> bytes:
    return hashlib.blake2b(f"{seed}:{root}".encode(), digest_size=8).digest()


def assign_splits(groups: UnionFind, strata: list[int], fractions: tuple[float, float, float],
                  seed: int, active: bytearray | None = None) -> bytearray:
    """One split (0 train, 1 val, 2 test) per record index; every member of a group shares it.

    Args:
        groups: union-find over record indices (customer and near-duplicate links already joined).
        strata: a stratum id per index (0 when unlabelled); a group takes the stratum of its first member.
        fractions: train, val, test shares (summing to 1).
        seed: shuffles the order groups are dealt in.
        active: 1 for indices that take part (merged near-duplicates are 0); all when None.

    Strata are dealt one after another; within one, groups go largest first, then in seeded order, each
    to the split furthest below its share of everything dealt so far (this stratum included). So a big
    stratum is split in proportion, and the rounding of many small strata evens out instead of always
    favouring train.
    """
    n = len(groups.parent)
    members: dict[int, list[int]] = {}  # root -> [size, first index]
    for i in range(n):
        if active is not None and not active[i]:
            continue
        r = groups.find(i)
        entry = members.get(r)
        if entry is None:
            members[r] = [1, i]
        else:
            entry[0] += 1
    by_stratum: dict[int, list[tuple[int, bytes, int]]] = {}
    for root, (size, first) in members.items():
        by_stratum.setdefault(strata[first], []).append((-size, _order_key(seed, first), root))
    global_counts = [0, 0, 0]
    seen_total = 0  # conversations in the strata dealt so far, this one included
    split_of_root: dict[int, int] = {}
    for stratum in sorted(by_stratum):
        items = sorted(by_stratum[stratum])
        stratum_total = -sum(s for s, _, _ in items)
        seen_total += stratum_total
        counts = [0, 0, 0]
        for neg_size, _, root in items:
            best = max((s for s in range(3) if fractions[s] > 0), key=lambda s: (
                round(fractions[s] * seen_total - global_counts[s], 9),
                fractions[s] * stratum_total - counts[s],
                -s,
            ))
            counts[best] -= neg_size
            global_counts[best] -= neg_size
            split_of_root[root] = best
    out = bytearray(n)
    for i in range(n):
        if active is None or active[i]:
            out[i] = split_of_root[groups.find(i)]
    return out


EVAL_SPLITS = ("dev", "test")


def eval_stratum(item: dict) -> str:
    """The label an eval item is stratified by: its intent, else its topic, else none ("")."""
    meta = item.get("meta") or {}
    intents = meta.get("intents") or []
    label = meta.get("intent") or (intents[0] if isinstance(intents, list) and intents else "") or meta.get("topic")
    return str(label or "")


def assign_eval_splits(items: list[dict], dev_fraction: float, seed: int) -> list[str]:
    """"dev" or "test" for each held-out eval item: deterministic, stratified by intent (else topic).

    An item that already names its split keeps it. Within a stratum, items go in the seeded order of their
    ids; the dev count is the running share of everything dealt so far, so many small strata round to the
    overall fraction instead of each rounding down. Order-free: the same ids give the same splits.
    """
    out = [str(it.get("split")) if it.get("split") in EVAL_SPLITS else "" for it in items]
    strata: dict[str, list[int]] = {}
    for k, it in enumerate(items):
        if not out[k]:
            strata.setdefault(eval_stratum(it), []).append(k)
    dealt = dev = 0
    for label in sorted(strata):
        members = sorted(strata[label], key=lambda k: hashlib.blake2b(f"{seed}:{items[k]['id']}".encode(), digest_size=8).digest())
        dealt += len(members)
        take = round(dev_fraction * dealt) - dev
        for rank, k in enumerate(members):
            out[k] = "dev" if rank < take else "test"
        dev += max(0, min(take, len(members)))
    return out
