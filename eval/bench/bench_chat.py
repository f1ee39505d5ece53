"""Time to first token of `chatkit chat` on CPU, against a bare forward pass measured in the same run.

Goal (issue 7): TTFT p50 under 150 ms on the tiny model on CPU. Each question goes through the chat's own
path (ChatSession: prompt fitting, chat template, the streaming thread) as a user's first question does,
and again with four earlier turns in the history. The baseline is the floor any chat could reach on this
machine: one forward pass over the same prompt ids (the prefill, which yields the first token), timed
directly; the ratio says what the chat's plumbing (generate(), the streamer thread) adds on top.

The model is tiny-es: the newest cached build, else one built now by kit.tiny_es.build (minutes); `--quick`
without a cached build uses a random Llama of the same shape (time to first token does not depend on the
weights).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from pathlib import Path

from eval.bench.machine import timer

ROOT = Path(__file__).resolve().parents[2]


def _questions(n: int) -> list[str]:
    path = ROOT / "conversations/shop/eval.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines[:n]]


def _model_folder(quick: bool, scratch: Path) -> tuple[str, str]:
    """(folder, description): tiny-es, or a random model of its shape saved into `scratch`."""
    from kit.environment import cache_dir
    from kit.tiny_es.arch import TinyConfig, llama_config, train_tokenizer
    from kit.tiny_es.build import ensure_tiny_es

    cached = sorted(Path(cache_dir()).glob("tiny-es-*/build.json"), key=lambda p: p.stat().st_mtime)
    if cached:  # the newest build on this machine (any: the shape, not the weights, sets the time)
        return str(cached[-1].parent), f"tiny-es ({cached[-1].parent.name})"
    if not quick:
        return str(ensure_tiny_es()), "tiny-es"
    import torch
    from transformers import LlamaForCausalLM

    shape = TinyConfig()
    tok = train_tokenizer(_questions(400) * 3, vocab_size=1024)
    # pad the vocabulary to tiny-es's size so the output layer costs the same
    tok.add_tokens([f"<relleno_{i}>" for i in range(shape.vocab_size - len(tok))])
    torch.manual_seed(0)
    LlamaForCausalLM(llama_config(shape, tok)).save_pretrained(scratch)
    tok.save_pretrained(scratch)
    return str(scratch), "random Llama of tiny-es's shape"


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    # One thread by default, as bench_generate: on a shared 2-core machine extra OpenMP threads fight
    # other processes. BENCH_THREADS=N measures with N.
    threads = int(os.environ.get("BENCH_THREADS", "1"))
    torch.set_num_threads(threads)
    from kit.chat.backend import load_backend, resolve_source
    from kit.chat.session import ChatSession

    n = 12 if quick else 48
    questions = _questions(n)
    with tempfile.TemporaryDirectory() as scratch:
        folder, which = _model_folder(quick, Path(scratch))
        with timer() as t_load:
            backend = load_backend(resolve_source(model=folder, device="cpu"))
        gen = backend.generator

        first, later, prompt_tokens = [], [], []
        for q in questions:
            s = ChatSession(backend, max_new_tokens=8)
            turn = s.ask(q)
            first.append(turn.generation.ttft_s * 1000)
            prompt_tokens.append(turn.generation.prompt_tokens)
        history = [{"role": r, "content": c} for q in questions[:4] for r, c in
                   (("user", q), ("assistant", "Con gusto le ayudo: su pedido llega en 3 a 5 días hábiles."))]
        for q in questions:
            s = ChatSession(backend, max_new_tokens=8)
            s.history = list(history)
            later.append(s.ask(q).generation.ttft_s * 1000)

        # Baseline: the prefill alone (forward over the same prompt ids + argmax), called directly.
        bare = []
        with torch.inference_mode():
            for q in questions:
                ids = torch.tensor([gen.encode(ChatSession(backend).prepare(q).messages)])
                with timer() as t:
                    gen.model(input_ids=ids, use_cache=True, logits_to_keep=1).logits[:, -1].argmax(-1)
                bare.append(t() * 1000)

    p50 = statistics.median(first)
    return {
        "model": which,
        "params": sum(p.numel() for p in gen.model.parameters()),
        "device": "cpu",
        "torch_threads": threads,
        "questions": n,
        "load_s": round(t_load(), 2),
        "prompt_tokens_p50": statistics.median(prompt_tokens),
        "ttft_p50_ms": round(p50, 1),
        "ttft_p95_ms": round(_p(first, 0.95), 1),
        "ttft_p50_ms_with_4_turns": round(statistics.median(later), 1),
        "baseline_prefill_p50_ms": round(statistics.median(bare), 1),
        "ttft_vs_baseline": round(p50 / statistics.median(bare), 2),
        "goal": "ttft_p50_ms < 150",
        "meets_goal": p50 < 150,
    }
