"""Batched generation against one-at-a-time generation: same items, same model, same run.

Goal (issue 6): batched throughput (output tokens/s) at least 3x one-at-a-time. The model is the cached
tiny-es base when it exists, else a random Llama of the same shape (throughput does not depend on the
weights; a random model rarely stops early, so both passes generate the full length).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from eval.bench.machine import timer

ROOT = Path(__file__).resolve().parents[2]


def _model():
    from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from kit.environment import cache_dir

    cached = sorted(Path(cache_dir()).glob("tiny-es*/**/build.json"))
    if cached:
        folder = cached[0].parent
        return AutoModelForCausalLM.from_pretrained(folder).eval(), AutoTokenizer.from_pretrained(folder), "tiny-es"
    import torch

    from kit.tiny_es.arch import TinyConfig, train_tokenizer

    shape = TinyConfig()
    texts = [json.loads(line)["question"] for line in (ROOT / "conversations/shop/eval.jsonl").open(encoding="utf-8")]
    tok = train_tokenizer(texts * 3, vocab_size=1024)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tok), hidden_size=shape.hidden_size, intermediate_size=shape.intermediate_size,
        num_hidden_layers=shape.num_layers, num_attention_heads=shape.num_heads,
        num_key_value_heads=shape.num_kv_heads, max_position_embeddings=shape.max_positions,
        eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id, bos_token_id=None, tie_word_embeddings=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        LlamaForCausalLM(config).save_pretrained(tmp)
        tok.save_pretrained(tmp)
        model = AutoModelForCausalLM.from_pretrained(tmp).eval()
        tok = AutoTokenizer.from_pretrained(tmp)
    return model, tok, "random tiny-es-shaped Llama"


def run(quick: bool = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    # One thread by default: on a shared 2-core machine, two OpenMP threads fighting other processes make
    # every step many times slower and the ratio meaningless. BENCH_THREADS=N measures with N.
    threads = int(os.environ.get("BENCH_THREADS", "1"))
    torch.set_num_threads(threads)
    from kit.generate.local import LocalGenerator
    from kit.prompts import DEFAULT_SYSTEM_PROMPT, build_messages

    model, tok, which = _model()
    gen = LocalGenerator(model, tok)
    n, max_new, batch = (16, 24, 16) if quick else (64, 64, 16)
    lines = (ROOT / "conversations/shop/eval.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    prompts = [build_messages(DEFAULT_SYSTEM_PROMPT, json.loads(line)["question"]) for line in lines]
    gen.generate(prompts[:2], max_new_tokens=4, batch_size=2)  # warm-up
    with timer() as t_single:
        single = [gen.generate([p], max_new_tokens=max_new, batch_size=1)[0] for p in prompts]
    with timer() as t_batch:
        batched = gen.generate(prompts, max_new_tokens=max_new, batch_size=batch)
    tokens_single = sum(g.completion_tokens for g in single)
    tokens_batch = sum(g.completion_tokens for g in batched)
    single_tps, batch_tps = tokens_single / t_single(), tokens_batch / t_batch()
    return {
        "model": which,
        "torch_threads": threads,
        "items": n,
        "max_new_tokens": max_new,
        "batch_size": batch,
        "one_at_a_time": {"seconds": round(t_single(), 3), "output_tokens": tokens_single,
                          "tokens_per_s": round(single_tps, 1)},
        "batched": {"seconds": round(t_batch(), 3), "output_tokens": tokens_batch, "tokens_per_s": round(batch_tps, 1)},
        "same_answers": sum(a.text == b.text for a, b in zip(single, batched, strict=True)),
        "speedup": round(batch_tps / single_tps, 2),
        "goal": ">= 3x",
    }
