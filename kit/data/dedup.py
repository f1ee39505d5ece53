"""Exact and near-duplicate conversations.

Exact: a 64-bit hash of the normalised, redacted, case-folded words of every turn.
Near: datasketch MinHash over word shingles, indexed in a datasketch MinHashLSH; after all records are
in, each LSH bucket's members are verified against the estimated Jaccard similarity and joined in a
union-find, so near-duplicates end up in one group (and one side of every split).
Only hashes, signatures and integer keys are kept in memory, never texts.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

from kit.data.schema import Conversation

_WORD = re.compile(r"\w+")
_BLOCK = 8192  # signature rows per block (blocks grow without copying old ones)


class UnionFind:
    """Groups of record indices (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.size: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        self.size.append(1)
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True


def conversation_words(conv: Conversation) -> list[list[str]]:
    return [_WORD.findall(m.content.casefold()) for m in conv.messages]


def exact_key(conv: Conversation, words: list[list[str]]) -> int:
    h = hashlib.blake2b(digest_size=8)
    for m, w in zip(conv.messages, words, strict=True):
        h.update(m.role[:1].encode())
        h.update(" ".join(w).encode("utf-8", "replace"))
        h.update(b"\x1f")
    return int.from_bytes(h.digest(), "little")


def _identity(x: int) -> int:
    return x


def _band_key(b: bytes) -> bytes:
    # Shorter bucket keys for the LSH tables (datasketch `hashfunc`): less memory per entry.
    return hashlib.blake2b(b, digest_size=8).digest()


@dataclass
class NearStats:
    pairs_checked: int = 0
    links: int = 0  # near-duplicate links that joined two groups
    groups: int = 0  # groups with more than one member
    grouped: int = 0  # conversations in those groups


class Deduper:
    """Feed kept conversations in order with `add`; call `finish` once to group near-duplicates."""

    def __init__(self, threshold: float = 0.85, num_perm: int = 64, shingle_words: int = 3):
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.n = shingle_words
        self._sketch = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
        self._empty = self._sketch.hashvalues.copy()
        # Weights favour recall: a missed near-duplicate can leak a test answer into training.
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9), hashfunc=_band_key)
        self.exact: dict[int, int] = {}
        self.near = UnionFind()  # near-duplicate clusters only (the split joins them with customer groups)
        self._blocks: list[np.ndarray] = []
        rng = np.random.RandomState(12345)
        self._mult = rng.randint(1, 2**31, size=shingle_words, dtype=np.uint64).astype(np.uint32) | np.uint32(1)

    def exact_duplicate_of(self, key: int) -> int | None:
        return self.exact.get(key)

    def add(self, key: int, words: list[list[str]]) -> int:
        """Register a new (not exact-duplicate) conversation; returns its index."""
        idx = self.near.add()
        self.exact[key] = idx
        sig = self._signature(words)
        if idx % _BLOCK == 0:
            self._blocks.append(np.empty((_BLOCK, self.num_perm), dtype=sig.hashvalues.dtype))
        self._blocks[-1][idx % _BLOCK] = sig.hashvalues
        self.lsh.insert(idx, sig, check_duplication=False)
        return idx

    def _signature(self, words: list[list[str]]):
        m = self._sketch  # reused: LSH insert copies the band bytes, and the row is copied into a block
        m.hashvalues = self._empty.copy()
        # One flat word sequence with a marker between turns; shingles are n consecutive word hashes.
        flat = [w for turn in words for w in (*turn, "\x1f")]
        if len(flat) <= 1:
            return m
        h = np.fromiter(map(zlib.crc32, map(str.encode, flat)), dtype=np.uint32, count=len(flat))
        n = min(self.n, len(h))
        acc = h[: len(h) - n + 1] * self._mult[0]
        for j in range(1, n):
            acc += h[j : len(h) - n + 1 + j] * self._mult[j]
        m.update_batch(np.unique(acc).tolist())
        return m

    def _rows(self, idx: np.ndarray) -> np.ndarray:
        if len(self._blocks) == 1:
            return self._blocks[0][idx]
        return np.stack([self._blocks[i // _BLOCK][i % _BLOCK] for i in idx.tolist()])

    def finish(self) -> NearStats:
        """Verify LSH buckets and join near-duplicates; frees the index. Returns counts."""
        stats = NearStats()
        for table in self.lsh.hashtables:
            for bucket in table.keys():
                members = table.get(bucket)
                if len(members) < 2:
                    continue
                pending = np.array(sorted(members), dtype=np.int64)
                # Verify against one reference at a time; unmatched members form the next round.
                for _ in range(8):
                    if len(pending) < 2:
                        break
                    rows = self._rows(pending)
                    sims = (rows == rows[0]).mean(axis=1)
                    stats.pairs_checked += len(pending) - 1
                    close = sims >= self.threshold
                    ref = int(pending[0])
                    for other in pending[1:][close[1:]].tolist():
                        if self.near.union(ref, other):
                            stats.links += 1
                    pending = pending[1:][~close[1:]]
        self.lsh = None  # the index is the biggest thing held; drop it before the outputs are built
        self._blocks = []
        self.exact = {}
        roots: dict[int, int] = {}
        for i in range(len(self.near.parent)):
            r = self.near.find(i)
            roots[r] = roots.get(r, 0) + 1
        multi = [c for c in roots.values() if c > 1]
        stats.groups, stats.grouped = len(multi), sum(multi)
        return stats
