"""Throughput and latency of `chatkit serve` at concurrency 1, 4 and 16, against LocalGenerator called directly.

Goal (issue 23): at concurrency 16 the server answers >= 3x the answers/s of LocalGenerator answering the
same questions one after another (the sequential baseline, measured in this run on the same weights and the
same torch threads, before and after the server; the faster of the two is the one ratios use); TTFT p50 < 150 ms at concurrency 1 on tiny-es. Every request is streamed, so TTFT is
measured where a client feels it (first content delta) and latency to the last one; tokens come from the
server's usage chunk. The server is a `chatkit serve` subprocess on a free loopback port (no index: the
baseline does no retrieval either). `compare` reads this file's answers/s to price self-hosting (Deliver 4).

The model is tiny-es (the newest cached build; `--quick` without one uses a random Llama of its shape, as
bench_chat does). BENCH_THREADS=N sets torch threads in both (default 1: the machine is shared).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval.bench.bench_chat import _model_folder, _p, _questions
from eval.bench.machine import timer

ROOT = Path(__file__).resolve().parents[2]
LEVELS = (1, 4, 16)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(folder: str, threads: int, max_tokens: int) -> tuple[subprocess.Popen, str, Path]:
    import httpx

    port = _free_port()
    log = Path(tempfile.mkstemp(prefix="bench-serve-", suffix=".log")[1])
    cmd = [sys.executable, "-m", "kit", "serve", "--model", folder, "--port", str(port), "--threads", str(threads),
           "--max-batch", "16", "--max-queue", "256", "--max-tokens", str(max_tokens), "--served-name", "bench"]
    with log.open("w") as f:
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited: " + log.read_text()[-1000:])
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url, log
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not start in 300 s")


async def _level(url: str, conversations: list, concurrency: int, max_tokens: int) -> dict:
    """Send every conversation, `concurrency` at a time; per request TTFT, latency, tokens and the answer."""
    import httpx

    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as http:
        async def one(messages: list) -> dict:
            async with sem:
                body = {"messages": messages, "max_tokens": max_tokens, "stream": True,
                        "stream_options": {"include_usage": True}}
                start, first, text, usage = time.perf_counter(), None, [], None
                async with http.stream("POST", "/v1/chat/completions", json=body) as r:
                    r.raise_for_status()
                    async for line in r.aiter_lines():
                        if not line.startswith("data: ") or line == "data: [DONE]":
                            continue
                        obj = json.loads(line[6:])
                        usage = obj.get("usage") or usage
                        for c in obj.get("choices", []):
                            piece = (c.get("delta") or {}).get("content")
                            if piece:
                                first = first or time.perf_counter()
                                text.append(piece)
                end = time.perf_counter()
                return {"ttft": (first or end) - start, "latency": end - start, "text": "".join(text),
                        "tokens": usage["completion_tokens"]}

        with timer() as wall:
            results = await asyncio.gather(*(one(m) for m in conversations))
    seconds = wall()
    ttft = [r["ttft"] * 1000 for r in results]
    latency = [r["latency"] for r in results]
    tokens = sum(r["tokens"] for r in results)
    return {
        "concurrency": concurrency, "requests": len(results), "wall_s": round(seconds, 3),
        "answers_per_s": round(len(results) / seconds, 3), "tokens_per_s": round(tokens / seconds, 1),
        "latency_p50_s": round(statistics.median(latency), 4), "latency_p95_s": round(_p(latency, 0.95), 4),
        "ttft_p50_ms": round(statistics.median(ttft), 1), "ttft_p95_ms": round(_p(ttft, 0.95), 1),
        "answers": [r["text"] for r in results],
    }


def _arun(coro):
    """The client's event loop: uvloop when installed (it is a dependency of serve), so the client (this
    process) spends less of the machine's CPU than asyncio's default loop would."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    threads = int(os.environ.get("BENCH_THREADS", "1"))
    torch.set_num_threads(threads)
    from kit.generate.local import LocalGenerator
    from kit.models.config import ModelConfig
    from kit.models.load import load_model
    from kit.prompts import DEFAULT_SYSTEM_PROMPT, build_messages

    # 256 requests per level: at concurrency 16 that is 16 turns of every client, so the steady state, not the
    # start and the tail, sets the figure. BENCH_SERVE_REQUESTS=N overrides.
    n = int(os.environ.get("BENCH_SERVE_REQUESTS", "32" if quick else "256"))
    max_tokens = 32
    conversations = [build_messages(DEFAULT_SYSTEM_PROMPT, q) for q in _questions(n)]
    with tempfile.TemporaryDirectory() as scratch:
        folder, which = _model_folder(quick, Path(scratch))
        model, tok = load_model(ModelConfig(name=folder, device="cpu"))
        gen = LocalGenerator(model, tok)
        gen.generate(conversations[:2], max_new_tokens=4, batch_size=1)  # warm-up

        def sequential() -> tuple[dict, list]:
            """LocalGenerator answering the same conversations one after another, called directly."""
            with timer() as t_seq:
                out = [gen.generate([m], max_new_tokens=max_tokens, batch_size=1)[0] for m in conversations]
            seconds = t_seq()
            return {
                "answers_per_s": round(n / seconds, 3),
                "tokens_per_s": round(sum(g.completion_tokens for g in out) / seconds, 1),
                "latency_p50_s": round(statistics.median(g.total_s for g in out), 4),
                "ttft_p50_ms": round(statistics.median(g.ttft_s for g in out) * 1000, 1),
            }, out

        before, direct = sequential()
        proc, url, log = _start(folder, threads, max_tokens)
        try:
            _arun(_level(url, conversations[:8], 4, 4))  # warm-up: the server's first requests
            levels = [_arun(_level(url, conversations, c, max_tokens)) for c in LEVELS]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.unlink(missing_ok=True)
        after, _ = sequential()  # again after the server: on a shared machine the load drifts during a run
    # Speedups against the faster of the two baselines (the conservative ratio).
    baseline = max(before, after, key=lambda b: b["answers_per_s"])
    same = [sum(a == g.text for a, g in zip(lv.pop("answers"), direct, strict=True)) for lv in levels]
    for lv, equal in zip(levels, same, strict=True):
        lv["speedup_vs_sequential"] = round(lv["answers_per_s"] / baseline["answers_per_s"], 2)
        lv["speedup_vs_served_c1"] = round(lv["answers_per_s"] / levels[0]["answers_per_s"], 2)
        lv["answers_equal_to_direct"] = f"{equal}/{n}"
    top = levels[-1]
    return {
        "model": which,
        "model_name": "tiny-es" if which.startswith("tiny-es") else which,
        "device": "cpu",
        "torch_threads": threads,
        "requests_per_level": n,
        "max_tokens": max_tokens,
        "baseline_sequential": baseline,
        "baseline_before_and_after": [before, after],
        "levels": levels,
        "goal": "speedup_vs_sequential >= 3 at concurrency 16; ttft_p50_ms < 150 at concurrency 1",
        "meets_goal": top["speedup_vs_sequential"] >= 3 and levels[0]["ttft_p50_ms"] < 150,
        "note": "shared machine: absolute figures vary with other load; the ratio is against a baseline from this run",
    }
