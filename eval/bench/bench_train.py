"""Training speed and memory: packing vs no packing (tokens/s), LoRA vs full fine-tuning (peak memory).

Same data, same recipe (recipes/tiny-es/lora.yaml on the tiny-es base), each run in its own process so
peak RSS belongs to that run alone; packed and unpacked alternate three times (median of each), each
timed after its first WARMUP_STEPS steps. Figures are ratios against the baseline of the same run:
  packing_speedup = packed tokens/s / unpacked tokens/s          (goal >= 1.5x on CPU)
  lora_memory_ratio = LoRA training memory / full fine-tuning's  (memory above the loaded model)
Data: out/demo/data when `chatkit prepare` wrote it (else built from the shop corpus into a temp folder).
The GPU figure of the issue (MFU of a Qwen2.5-0.5B-shaped model) needs CUDA: reported as skipped without it.

    python -m eval.bench train [--quick]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "recipes" / "tiny-es" / "lora.yaml"
WARMUP_STEPS = 2  # steps before the clock starts, in every mode


def _data_folder(tmp: Path) -> Path:
    prepared = ROOT / "out" / "demo" / "data"
    if (prepared / "train.jsonl").is_file():
        return prepared
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kit",
            "prepare",
            "--company",
            "shop",
            "--recipe",
            str(RECIPE),
            "--out",
            str(tmp / "data"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return tmp / "data"


def child(mode: str, data: str, conversations: int, steps: int) -> dict:
    """One measured run (in a fresh process): 'packed' / 'unpacked' for speed, 'lora' / 'full' for memory."""
    import torch
    from transformers import TrainerCallback

    from eval.bench.machine import peak_rss_mb
    from kit.recipe import load_recipe
    from kit.train.data import pack_rows, to_rows
    from kit.train.sft import build_trainer, check

    torch.set_num_threads(os.cpu_count() or 1)
    overrides = [f"data.prepared={data}", f"train.packing={mode != 'unpacked'}", "train.eval_steps=0"]
    recipe = load_recipe(RECIPE, overrides)
    checked = check(recipe, quiet=True)
    rows = to_rows(checked.encoded[:conversations], recipe.train.max_length)
    train_rows = pack_rows(rows, recipe.train.max_length) if recipe.train.packing else rows

    class Clock(TrainerCallback):
        """Times the steps after the first WARMUP_STEPS (data loader start, first allocations excluded)."""

        def on_train_begin(self, args, state, control, **kwargs):
            self.rss0 = peak_rss_mb()
            self.t0, self.tokens0 = time.perf_counter(), 0  # replaced after WARMUP_STEPS steps

        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == WARMUP_STEPS:
                self.t0, self.tokens0 = time.perf_counter(), int(state.num_input_tokens_seen)

        def on_train_end(self, args, state, control, **kwargs):
            self.seconds = time.perf_counter() - self.t0
            self.tokens = int(state.num_input_tokens_seen) - self.tokens0

    clock = Clock()
    with tempfile.TemporaryDirectory() as out:
        # speed runs: one epoch over the same examples in both modes (not the recipe's max_steps, which
        # would make the packed run cover ~3.5x the data); memory runs: a few steps
        recipe.train.max_steps = steps if mode in ("lora", "full") else -1
        recipe.train.epochs, recipe.train.save_steps, recipe.train.logging_steps = 1, 10_000, 10_000
        trainer = build_trainer(
            recipe,
            Path(out),
            checked.tokenizer,
            train_rows,
            [],
            None,
            (clock,),
            time.perf_counter(),
            adapter=mode != "full",
        )
        pad_id, counted = checked.tokenizer.pad_token_id, {"batch": 0, "real": 0}
        collate = trainer.data_collator

        def counting(examples):  # padded vs real tokens of every batch the trainer draws
            batch = collate(examples)
            counted["batch"] += batch["input_ids"].numel()
            counted["real"] += int((batch["input_ids"] != pad_id).sum())
            return batch

        trainer.data_collator = counting
        trainer.train()
    state = trainer.state
    return {
        "mode": mode,
        "rows": len(train_rows),
        "steps": state.global_step,
        "tokens": int(state.num_input_tokens_seen),
        "seconds": round(clock.seconds, 2),
        "timed_steps": state.global_step - WARMUP_STEPS,
        "tokens_per_s": round(clock.tokens / clock.seconds, 1),
        "batch_tokens_per_real_token": round(counted["batch"] / max(1, counted["real"]), 3),
        "rss_loaded_mb": round(clock.rss0, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "train_memory_mb": round(peak_rss_mb() - clock.rss0, 1),
    }


def _spawn(mode: str, data: Path, conversations: int, steps: int) -> dict:
    res = subprocess.run(
        [sys.executable, "-m", "eval.bench.bench_train", mode, str(data), str(conversations), str(steps)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
    )
    if res.returncode != 0:
        raise RuntimeError(f"bench child {mode} failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _median_run(runs: list[dict]) -> dict:
    """The run with the median tokens/s (odd count), with every run's tokens/s beside it."""
    ranked = sorted(runs, key=lambda r: r["tokens_per_s"])
    return {**ranked[len(ranked) // 2], "tokens_per_s_each": [r["tokens_per_s"] for r in runs]}


def run(quick: bool = False) -> dict:
    conversations = 128 if quick else 512
    steps = 4 if quick else 12
    with tempfile.TemporaryDirectory() as tmp:
        data = _data_folder(Path(tmp))
        # Alternating repeats, ratio of medians: on a shared machine the speed drifts by tens of percent
        # within minutes, and one run of each in a row measured that drift as much as packing.
        pairs = [(_spawn("unpacked", data, conversations, steps), _spawn("packed", data, conversations, steps))
                 for _ in range(1 if quick else 3)]
        unpacked = _median_run([u for u, _ in pairs])
        packed = _median_run([p for _, p in pairs])
        full = _spawn("full", data, conversations, steps)
        lora = _spawn("lora", data, conversations, steps)
    try:
        import torch

        gpu = torch.cuda.is_available()
    except ImportError:
        gpu = False
    return {
        "recipe": str(RECIPE.relative_to(ROOT)),
        "conversations": conversations,
        "packing_speedup": round(packed["tokens_per_s"] / unpacked["tokens_per_s"], 2),
        "packing_speedup_each_pair": [round(p["tokens_per_s"] / u["tokens_per_s"], 2) for u, p in pairs],
        "packing_goal": 1.5,
        # what packing could give if a packed token cost exactly what an unpadded one does
        "padding_bound": unpacked["batch_tokens_per_real_token"],
        "lora_memory_ratio": round(lora["train_memory_mb"] / full["train_memory_mb"], 3),
        "lora_peak_rss_ratio": round(lora["peak_rss_mb"] / full["peak_rss_mb"], 3),
        "runs": {"unpacked": unpacked, "packed": packed, "full": full, "lora": lora},
        "gpu_mfu": "needs a CUDA GPU (none here): LoRA SFT of a Qwen2.5-0.5B-shaped model at 2048 with packing"
        if not gpu
        else "not implemented in this bench yet",
    }


if __name__ == "__main__":
    mode, data, conversations, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    print(json.dumps(child(mode, data, conversations, steps)))
