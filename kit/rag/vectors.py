"""The FAISS side: pick an index type by size, build it with stable int64 ids, update, save, load.

Choice (index_type "auto", FAISS wiki "Guidelines to choose an index"):
- up to `flat_max` passages: exact search (IndexFlatIP in an IndexIDMap). No training, exact results,
  and one query scans n*dim floats: ~20k x 384 floats is well under a millisecond of work per query.
- above: IndexIVFFlat, inner product. nlist = 4*sqrt(n) (the guidance says 4..16*sqrt(n) below 1M
  vectors), capped so every cell has >= 39 training points (k-means needs them); trained on at most
  50 points per cell (the guidance: 30..256), 10 k-means rounds. nprobe = nlist/4 (>= 16): sentence
  embeddings of short support texts cluster loosely, so recall@10 against exact search measured on MiniLM
  vectors of generated Q->A passages (20k) was 0.93 at nlist/16, 0.97 at nlist/8, 0.99 at nlist/4;
  eval/bench/bench_retrieval.py checks >= 0.98 at 100k, where a quarter of the cells still scans 4x less
  than exact search.
  IVF supports remove_ids, so `chatkit index --update` deletes and re-adds vectors in place.
- "hnsw" on request: IndexHNSWFlat (M links, efConstruction/efSearch); fastest queries but ~2*M*4 more
  bytes per vector and no removal, so an update re-links the kept vectors (no re-embedding).
Vectors are normalised, so inner product = cosine. Ids are 63-bit hashes of passage ids: the same
passage keeps the same FAISS id across builds and updates.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ChatkitError

if TYPE_CHECKING:
    import numpy as np

    from kit.rag.config import RagConfig

_TRAIN_PER_CELL = 50
_TRAIN_ITERATIONS = (
    10  # k-means rounds: the centroids barely move after ~10 on embeddings, and 1M stays affordable
)
_MIN_PER_CELL = 39


def passage_key(passage_id: str) -> int:
    """Stable non-negative int64 FAISS id of a passage id."""
    digest = hashlib.blake2b(passage_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def passage_keys(ids: Sequence[str], unique: bool = True) -> np.ndarray:
    """int64 keys of passage ids; with `unique` (distinct ids), a hash collision is an error, never a merge."""
    import numpy as np

    keys = np.fromiter((passage_key(i) for i in ids), dtype=np.int64, count=len(ids))
    if unique and len(np.unique(keys)) != len(keys):
        raise ChatkitError("two passage ids hash to the same 63-bit key; rename one of them")
    return keys


def choose_type(n: int, cfg: RagConfig) -> str:
    """The index type for n passages: the configured one, or flat up to flat_max and IVF above."""
    if cfg.index_type != "auto":
        return cfg.index_type
    return "flat" if n <= cfg.flat_max else "ivf"


def ivf_params(n: int, cfg: RagConfig) -> dict[str, int]:
    nlist = cfg.ivf_nlist or int(4 * math.sqrt(n))
    nlist = max(1, min(nlist, n // _MIN_PER_CELL))
    nprobe = cfg.ivf_nprobe or max(16, nlist // 4)
    return {"nlist": nlist, "nprobe": min(nprobe, nlist)}


def build(vectors: np.ndarray, keys: np.ndarray, kind: str, cfg: RagConfig) -> tuple[Any, dict[str, int]]:
    """A FAISS index over `vectors` (n x dim, normalised float32) with ids `keys`; returns (index, params)."""
    index, params = create(kind, len(keys), vectors.shape[1], cfg, vectors)
    add(index, vectors, keys)
    configure(index, kind, params)
    return index, params


def create(kind: str, n: int, dim: int, cfg: RagConfig, sample: np.ndarray) -> tuple[Any, dict[str, int]]:
    """An empty (trained) index for n vectors; IVF trains on a random subset of `sample`."""
    import faiss
    import numpy as np

    if kind == "flat":
        return faiss.IndexIDMap(faiss.IndexFlatIP(dim)), {}
    if kind == "hnsw":
        inner = faiss.IndexHNSWFlat(dim, cfg.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = cfg.hnsw_ef_construction
        params = {"M": cfg.hnsw_m, "efConstruction": cfg.hnsw_ef_construction, "efSearch": cfg.hnsw_ef_search}
        return faiss.IndexIDMap(inner), params
    if kind != "ivf":
        raise ChatkitError(f"rag.index_type: unknown index type '{kind}'", "use auto, flat, ivf or hnsw")
    params = ivf_params(n, cfg)
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, params["nlist"], faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = _TRAIN_ITERATIONS
    if len(sample) > _TRAIN_PER_CELL * params["nlist"]:
        pick = np.random.default_rng(0).choice(len(sample), _TRAIN_PER_CELL * params["nlist"], replace=False)
        sample = sample[np.sort(pick)]
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    return index, params


def configure(index: Any, kind: str, params: dict[str, int]) -> None:
    """Set search-time parameters (they are not all stored in the FAISS file)."""
    import faiss

    if kind == "ivf":
        faiss.extract_index_ivf(index).nprobe = params["nprobe"]
    elif kind == "hnsw":
        faiss.downcast_index(index.index).hnsw.efSearch = params["efSearch"]


def add(index: Any, vectors: np.ndarray, keys: np.ndarray, chunk: int = 65_536) -> None:
    """Add in chunks so memory never holds a second copy of a large batch."""
    import numpy as np

    for start in range(0, len(keys), chunk):
        index.add_with_ids(
            np.ascontiguousarray(vectors[start : start + chunk], dtype=np.float32),
            np.ascontiguousarray(keys[start : start + chunk], dtype=np.int64),
        )


def remove(index: Any, kind: str, keys: np.ndarray, params: dict[str, int]) -> Any:
    """Remove `keys`; HNSW cannot delete, so its kept vectors are re-linked into a new graph."""
    import faiss
    import numpy as np

    if len(keys) == 0:
        return index
    if kind != "hnsw":
        index.remove_ids(np.ascontiguousarray(keys, dtype=np.int64))
        return index
    inner = faiss.downcast_index(index.index)
    all_keys = faiss.vector_to_array(index.id_map).astype(np.int64)
    keep = ~np.isin(all_keys, keys)
    vectors = inner.reconstruct_n(0, inner.ntotal)[keep]
    fresh = faiss.IndexHNSWFlat(inner.d, params["M"], faiss.METRIC_INNER_PRODUCT)
    fresh.hnsw.efConstruction = params["efConstruction"]
    rebuilt = faiss.IndexIDMap(fresh)
    add(rebuilt, vectors, all_keys[keep])
    configure(rebuilt, kind, params)
    return rebuilt


def save(index: Any, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))  # FAISS's own binary format, not pickle


def load(path: Path, kind: str, params: dict[str, int]) -> Any:
    import faiss

    try:
        index = faiss.read_index(str(path))
    except RuntimeError:
        raise ChatkitError(
            f"{path}: corrupted or unreadable FAISS index",
            "rebuild it with `chatkit index --kb KB --out DIR`",
        ) from None
    configure(index, kind, params)
    return index


def search(index: Any, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, scores), each len(queries) x k; missing results have key -1."""
    import numpy as np

    k = max(1, min(k, index.ntotal))
    scores, keys = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    return keys, scores
