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
from array import array
from dataclasses import dataclass

import numpy as np

from kit.data.schema import Conversation

_WORD = re.compile(r"\w+")
_BLOCK = 8192  # signature rows per block (blocks grow without copying old ones)


class UnionFind:
    """Groups of record indices (path halving, union by size); flat int arrays, 16 bytes a record."""

    def __init__(self) -> None:
        self.parent = array("q")
        self.size = array("q")

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


def _band_key(b: bytes) -> int:
    # datasketch `hashfunc` for band keys: a signed 64-bit int fits the compact bucket arrays below.
    return int.from_bytes(hashlib.blake2b(b, digest_size=8).digest(), "little", signed=True)


def _bucket_storage():
    """Compact LSH buckets for datasketch's MinHashLSH: (band key, record) pairs in two flat arrays.

    datasketch's in-memory default is a dict of Python sets, about 300 bytes per record per band; this
    keeps 12 bytes, so 100k conversations cost megabytes, not hundreds of them. It implements datasketch's
    UnorderedStorage interface; lookups sort the arrays once (prepare inserts everything, then reads).
    """
    from datasketch.storage import OrderedStorage, UnorderedStorage

    class ArrayBuckets(UnorderedStorage):
        def __init__(self) -> None:
            self._keys, self._vals = array("q"), array("q")
            self._sorted: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

        def insert(self, key, *vals, **kwargs) -> None:
            for v in vals:
                self._keys.append(key)
                self._vals.append(v)
            self._sorted = None

        def _index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
            if self._sorted is None:
                keys = np.frombuffer(self._keys, dtype=np.int64) if self._keys else np.empty(0, np.int64)
                vals = np.frombuffer(self._vals, dtype=np.int64) if self._vals else np.empty(0, np.int64)
                order = np.argsort(keys, kind="stable")
                keys, vals = keys[order], vals[order]
                starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.empty(0, np.int64)
                self._sorted = (keys, vals, starts, np.r_[starts[1:], len(keys)].astype(np.int64))
            return self._sorted

        def runs(self, min_size: int = 2):
            """(members array) for each bucket holding at least `min_size` records."""
            _, vals, starts, ends = self._index()
            for a, b in zip(starts[ends - starts >= min_size].tolist(), ends[ends - starts >= min_size].tolist(), strict=True):
                yield vals[a:b]

        def entries(self) -> int:
            return len(self._keys)

        def keys(self):
            keys, _, starts, _ = self._index()
            return keys[starts].tolist()

        def get(self, key):
            keys, vals, _, _ = self._index()
            a, b = np.searchsorted(keys, [key, key], side="left")[0], np.searchsorted(keys, key, side="right")
            return set(vals[a:b].tolist())

        def _keep(self, drop: np.ndarray) -> None:
            keep = ~drop
            self._keys = array("q", np.frombuffer(self._keys, dtype=np.int64)[keep].tobytes())
            self._vals = array("q", np.frombuffer(self._vals, dtype=np.int64)[keep].tobytes())
            self._sorted = None

        def remove(self, *keys, **kwargs) -> None:
            """Drop whole buckets (prepare never removes; here for the storage interface, rebuilds arrays)."""
            if self._keys:
                self._keep(np.isin(np.frombuffer(self._keys, dtype=np.int64), np.asarray(keys, dtype=np.int64)))

        def remove_val(self, key, val, **kwargs) -> None:
            """Drop one record from one bucket."""
            if self._keys:
                k, v = np.frombuffer(self._keys, dtype=np.int64), np.frombuffer(self._vals, dtype=np.int64)
                self._keep((k == key) & (v == val))

        def size(self) -> int:
            return len(self._index()[2])

        def itemcounts(self, **kwargs) -> dict:
            keys, _, starts, ends = self._index()
            return dict(zip(keys[starts].tolist(), (ends - starts).tolist(), strict=True))

        def has_key(self, key) -> bool:
            return bool(self.get(key))

    class NoKeys(OrderedStorage):
        """MinHashLSH also keeps key -> band hashes (for remove/contains); prepare needs neither."""

        def keys(self):
            return []

        def get(self, key):
            return []

        def insert(self, key, *vals, **kwargs) -> None:
            pass

        def remove(self, *keys, **kwargs) -> None:
            pass

        def remove_val(self, key, val, **kwargs) -> None:
            pass

        def size(self) -> int:
            return 0

        def itemcounts(self, **kwargs) -> dict:
            return {}

        def has_key(self, key) -> bool:
            return False

    return ArrayBuckets, NoKeys


@dataclass
class NearStats:
    pairs_checked: int = 0
    links: int = 0  # near-duplicate links that joined two groups
    groups: int = 0  # groups with more than one member
    grouped: int = 0  # conversations in those groups


class Signer:
    """MinHash signatures (datasketch) of a conversation's word shingles; no state between records."""

    def __init__(self, num_perm: int = 64, shingle_words: int = 3):
        from datasketch import MinHash

        self.n = shingle_words
        self._sketch = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
        self._empty = self._sketch.hashvalues.copy()
        rng = np.random.RandomState(12345)
        self._mult = rng.randint(1, 2**31, size=shingle_words, dtype=np.uint64).astype(np.uint32) | np.uint32(1)

    def signature(self, words: list[list[str]]) -> np.ndarray:
        m = self._sketch  # reused: only its hash values are read out
        m.hashvalues = self._empty.copy()
        # One flat word sequence with a marker between turns; a shingle is n consecutive word hashes
        # mixed into one 32-bit value (datasketch then applies its own mixing and permutations).
        flat = [w for turn in words for w in (*turn, "\x1f")]
        if len(flat) > 1:
            h = np.fromiter(map(zlib.crc32, map(str.encode, flat)), dtype=np.uint32, count=len(flat))
            n = min(self.n, len(h))
            acc = h[: len(h) - n + 1] * self._mult[0]
            for j in range(1, n):
                acc += h[j : len(h) - n + 1 + j] * self._mult[j]
            # The whole array as one batch item: datasketch turns its hash values into an array anyway,
            # so this is the same signature as one item per shingle, without a Python call per shingle.
            # Repeated shingles are harmless: a minimum is idempotent.
            m.update_batch([acc])
        return m.hashvalues


class Deduper:
    """Feed kept conversations in order with `add`; call `finish` once to group near-duplicates."""

    def __init__(self, threshold: float = 0.85, num_perm: int = 64):
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # Weights favour recall: a missed near-duplicate can leak a test answer into training.
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9), hashfunc=_band_key)
        buckets, no_keys = _bucket_storage()
        self.lsh.hashtables = [buckets() for _ in range(self.lsh.b)]
        self.lsh.keys = no_keys()
        self._carrier = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)  # holds each signature for insert
        self.exact: dict[int, int] = {}
        self.near = UnionFind()  # near-duplicate clusters only (the split joins them with customer groups)
        self._blocks: list[np.ndarray] = []

    def exact_duplicate_of(self, key: int) -> int | None:
        return self.exact.get(key)

    def add(self, key: int, signature: np.ndarray) -> int:
        """Register a new (not exact-duplicate) conversation; returns its index."""
        idx = self.near.add()
        self.exact[key] = idx
        if idx % _BLOCK == 0:
            self._blocks.append(np.empty((_BLOCK, self.num_perm), dtype=np.uint16))
        # The low 16 bits are enough to compare: a chance match inflates a similarity by ~1/65536.
        self._blocks[-1][idx % _BLOCK] = signature.astype(np.uint16)
        self._carrier.hashvalues = signature
        self.lsh.insert(idx, self._carrier, check_duplication=False)
        return idx

    def _rows(self, idx: np.ndarray) -> np.ndarray:
        if len(self._blocks) == 1:
            return self._blocks[0][idx]
        return np.stack([self._blocks[i // _BLOCK][i % _BLOCK] for i in idx.tolist()])

    def finish(self) -> NearStats:
        """Verify LSH buckets and join near-duplicates; frees the index. Returns counts."""
        stats = NearStats()
        if sum(t.entries() for t in self.lsh.hashtables) != len(self.near.parent) * self.lsh.b:
            # Guard against a datasketch release that stops routing inserts through `hashtables`.
            raise RuntimeError("datasketch MinHashLSH did not fill the bucket storage; near-duplicates would be missed")
        for table in self.lsh.hashtables:
            for members in table.runs(2):
                pending = np.sort(members)
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
