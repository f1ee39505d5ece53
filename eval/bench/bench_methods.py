"""Every train.method on tiny-es: trained tokens/s and training memory, as ratios against full fine-tuning.

Same data (the shop's QA pairs), each method's recipe (recipes/tiny-es/<method>.yaml; freeze with all its
blocks live, not the first phase of gradual unfreezing). Speed: each method runs against full fine-tuning
in two processes taking turns on the CPU (bench_train's speed run), so both are timed over the same
minutes on this shared machine: tokens_per_s_vs_full = method tokens/s / full tokens/s of the same pair.
Memory: a few steps per method in its own process, counted from the tensors (weights, gradients,
optimizer state, saved activations: train_memory.TensorMemory): memory_vs_full = method / full.
qlora needs CUDA (4-bit base) and is not measured on a CPU; nor is the GPU run (a Qwen2.5-0.5B shape at
2048 tokens, bf16, with MFU: train_mfu.py) without a GPU.

    python -m eval.bench methods [--quick]
    python -m eval.bench.bench_methods [--quick] [--model DIR]     # DIR: a tiny-es folder to use
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from eval.bench.bench_train import spawn, speed_run
from eval.bench.train_setup import data_folder

METHODS = ("full", "freeze", "lora", "dora", "ia3", "prefix", "prompt", "adapter")


def run(quick: bool = False, model: str | None = None) -> dict:
    # enough examples that the packed full run (the first to finish) takes well over WARMUP_STEPS steps
    conversations = 768 if quick else 0
    steps = 4 if quick else 8
    extra = [model] if model else []
    with tempfile.TemporaryDirectory() as tmp:
        data = data_folder(Path(tmp))
        memory, pairs = {}, {}
        for m in METHODS:  # each figure also goes to stderr as it comes: a long run killed halfway keeps them
            memory[m] = spawn([f"method:{m}", str(data), "512", str(steps), *extra])
            print(json.dumps({"memory": m, **memory[m]}), file=sys.stderr, flush=True)
        for m in METHODS[1:]:
            pairs[m] = speed_run(data, conversations, ("method:full", f"method:{m}"), model)
            print(json.dumps({"speed": m, **pairs[m]}), file=sys.stderr, flush=True)
    full_mb = memory["full"]["tensor_mb"]["total"]
    table = {}
    for m in METHODS:
        row = {
            "tensor_mb": memory[m]["tensor_mb"],
            "memory_vs_full": round(memory[m]["tensor_mb"]["total"] / full_mb, 3),
            "trainable_params": memory[m]["trainable_params"],
            "peak_rss_mb": memory[m]["peak_rss_mb"],
        }
        if m in pairs:
            full_run, method_run = pairs[m]["runs"]
            row.update(
                tokens_per_s=method_run["tokens_per_s"],
                full_tokens_per_s_same_pair=full_run["tokens_per_s"],
                tokens_per_s_vs_full=round(method_run["tokens_per_s"] / full_run["tokens_per_s"], 3),
                timed_steps=method_run["timed_steps"],
            )
        table[m] = row
    return {
        "recipes": "recipes/tiny-es/<method>.yaml",
        "model": model or "tiny-es",
        "examples": conversations or "all of train",
        "memory_steps": steps,
        "methods": table,
        "not_measured": {
            "qlora": "needs a CUDA GPU (4-bit base); none here",
            "gpu": "per-method tokens/s, memory and MFU on a Qwen2.5-0.5B shape at 2048 tokens need a CUDA GPU; none here",
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m eval.bench.bench_methods")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--model", help="a tiny-es model folder (default: tiny-es, built on first use)")
    args = parser.parse_args()
    print(json.dumps({"bench": "methods", "quick": args.quick, **run(args.quick, args.model)}, indent=2))
