"""Training speed and memory: packing vs no packing (tokens/s), LoRA vs full fine-tuning (peak memory).

Same data, same recipe (recipes/tiny-es/lora.yaml on the tiny-es base). Speed: the packed and the
unpacked trainer run side by side in two processes and take turns on the CPU, SLICE_S seconds each,
until the first one has finished its epoch; each counts its tokens and seconds after its first
WARMUP_STEPS steps.
So both are timed over the same minutes: on this shared machine the speed drifts by tens of percent
within a minute, which separate runs measured as much as packing itself. Three such runs give the median. Memory: LoRA and full fine-tuning each in its own process, so peak
RSS belongs to that run alone. Figures are ratios against the baseline of the same run:
  packing_speedup = packed tokens/s / unpacked tokens/s          (goal >= 1.5x on CPU)
  lora_memory_ratio = LoRA training state / full fine-tuning's  (weights, gradients, optimizer state and
                      saved activations, counted from the tensors; the peak RSS ratio is reported beside it)
Data: out/demo/data when `chatkit prepare` wrote it (else built from the shop corpus into a temp folder).
GPU (only where CUDA is present; reported as not run otherwise): LoRA SFT through chatkit's trainer and the
qwen2.5-0.5b-instruct recipe of a Qwen2.5-0.5B-shaped model with random weights, max_length 2048, packing:
tokens/s, and MFU = tokens/s x model FLOPs per token (training_flops_per_token) / the GPU's dense bf16 peak.
`python -m eval.bench.bench_train mfu DATA 12` runs it alone.

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
from typing import Any

from eval.bench.train_memory import memory_child
from eval.bench.train_mfu import mfu_child
from eval.bench.train_setup import RECIPE, ROOT, WARMUP_STEPS, bench_trainer, data_folder

SLICE_S = 0.5  # seconds of steps a trainer runs before handing the CPU to the other


def speed_worker(mode: str, data: str, conversations: int, conn: Any, model: str | None = None) -> None:
    """One trainer of a speed run, in its own process, training only while it holds the turn (see speed_run)."""
    import torch
    from transformers import TrainerCallback

    torch.set_num_threads(os.cpu_count() or 1)

    class Turns(TrainerCallback):
        """Counts the seconds from taking the turn (or its last step) to each step's end: the next
        batch's loading and collation are in, the waits for the other trainer are out."""

        def __init__(self):
            self.seconds, self.tokens, self.timed_steps, self.counting = 0.0, 0, 0, True

        def _take_turn(self, control):
            message = conn.recv()  # "go", or "stop" once the other trainer has finished its epoch
            if message == "stop":
                self.counting, control.should_training_stop = False, True
            self.slice0 = self.last = time.perf_counter()

        def on_train_begin(self, args, state, control, **kwargs):
            self.tokens_last = 0
            self._take_turn(control)

        def on_step_end(self, args, state, control, **kwargs):
            now, tokens = time.perf_counter(), int(state.num_input_tokens_seen)
            if state.global_step > WARMUP_STEPS and self.counting:
                self.seconds += now - self.last
                self.tokens += tokens - self.tokens_last
                self.timed_steps += 1
            self.last, self.tokens_last = now, tokens
            if self.counting and now - self.slice0 >= SLICE_S:
                conn.send("yield")
                self._take_turn(control)

    turns = Turns()
    trainer, counted = bench_trainer(mode, data, conversations, 0, (turns,), model)
    conn.send("ready")
    trainer.train()
    conn.send(
        {
            "mode": mode,
            "rows": counted["rows"],
            "steps": trainer.state.global_step,
            "timed_steps": turns.timed_steps,
            "timed_tokens": turns.tokens,
            "seconds": round(turns.seconds, 2),
            "tokens_per_s": round(turns.tokens / turns.seconds, 1) if turns.seconds else None,
            "batch_tokens_per_real_token": round(counted["batch"] / max(1, counted["real"]), 3),
        }
    )


def speed_run(
    data: Path, conversations: int, modes: tuple[str, str] = ("unpacked", "packed"), model: str | None = None
) -> dict:
    """Two trainers over the same examples (unpacked and packed), in two processes taking turns on the CPU.

    Only the process holding the turn trains (the other blocks on its pipe); the turn changes hands
    after SLICE_S seconds of steps. Counting stops for both once either has finished its epoch (the
    unpacked one, with ~3.5x the steps, is stopped there), so both are timed over the same minutes.
    `modes=("packed", "packed")` checks the method: two equal trainers must come out even.
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # fresh interpreters: no torch state shared
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    pipes, workers = [], []
    for mode in modes:
        parent, child = context.Pipe()
        worker = context.Process(target=speed_worker, args=(mode, str(data), conversations, child, model), daemon=True)
        worker.start()
        pipes.append(parent)
        workers.append(worker)

    def receive(i: int) -> Any:
        try:
            return pipes[i].recv()
        except EOFError:
            raise RuntimeError(f"bench speed worker {modes[i]} died (run it alone for its error)") from None

    results: dict[int, dict] = {}
    try:
        for i in (0, 1):
            if receive(i) != "ready":
                raise RuntimeError(f"bench speed worker {modes[i]} did not start")
        turn = 0
        while not results:
            pipes[turn].send("go")
            message = receive(turn)
            if message == "yield":
                turn = 1 - turn
            else:
                results[turn] = message
        pipes[1 - turn].send("stop")
        results[1 - turn] = receive(1 - turn)
    finally:
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.kill()
    return {"first_finished": modes[turn], "runs": [results[0], results[1]]}


def spawn(args: list[str]) -> dict:
    res = subprocess.run(
        [sys.executable, "-m", "eval.bench.bench_train", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
    )
    if res.returncode != 0:
        raise RuntimeError(f"bench child {args[0]} failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> dict:
    conversations = 128 if quick else 0  # 0: the recipe's whole train split (~2k QA pairs, ~80 s a speed run)
    steps = 4 if quick else 12
    with tempfile.TemporaryDirectory() as tmp:
        data = data_folder(Path(tmp))
        speeds = [speed_run(data, conversations) for _ in range(1 if quick else 3)]
        full = spawn(["full", str(data), "512", str(steps)])
        lora = spawn(["lora", str(data), "512", str(steps)])
        try:
            import torch

            gpu = torch.cuda.is_available()
        except ImportError:
            gpu = False
        mfu = spawn(["mfu", str(data), "6" if quick else "12"]) if gpu else None
    ratios = [r["runs"][1]["tokens_per_s"] / r["runs"][0]["tokens_per_s"] for r in speeds]
    median = sorted(range(len(ratios)), key=ratios.__getitem__)[len(ratios) // 2]
    unpacked, packed = speeds[median]["runs"]
    return {
        "recipe": str(RECIPE.relative_to(ROOT)),
        "examples": conversations or "all of train",
        "slice_s": SLICE_S,
        "packing_speedup": round(ratios[median], 2),
        "packing_speedup_each_run": [round(r, 2) for r in ratios],
        "packing_goal": 1.5,
        # what packing could give if a packed token cost exactly what an unpadded one does
        "padding_bound": unpacked["batch_tokens_per_real_token"],
        # LoRA's training state against full fine-tuning's, counted from the tensors (exact, repeatable)
        "lora_memory_ratio": round(lora["tensor_mb"]["total"] / full["tensor_mb"]["total"], 3),
        # the same seen by the OS: peak RSS above the loaded model (noisy: +-10 MB between equal runs here)
        "lora_rss_memory_ratio": round(lora["train_memory_mb"] / full["train_memory_mb"], 3),
        "lora_peak_rss_ratio": round(lora["peak_rss_mb"] / full["peak_rss_mb"], 3),
        "runs": {
            "unpacked": {**unpacked, "tokens_per_s_each": [r["runs"][0]["tokens_per_s"] for r in speeds]},
            "packed": {**packed, "tokens_per_s_each": [r["runs"][1]["tokens_per_s"] for r in speeds]},
            "full": full,
            "lora": lora,
        },
        "gpu_mfu": mfu or "needs a CUDA GPU (none here): LoRA SFT of a Qwen2.5-0.5B-shaped model at 2048 with packing",
    }


if __name__ == "__main__":
    if sys.argv[1] == "speed":  # speed DATA N [MODE MODE]: one speed run, e.g. packed packed for an A/A check
        modes = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else ("unpacked", "packed")
        print(json.dumps(speed_run(Path(sys.argv[2]), int(sys.argv[3]), modes)))
    elif sys.argv[1] == "mfu":  # mfu DATA STEPS [DEVICE SHRINK]: the GPU run (cpu 8: a smoke run of the same path)
        extra = (sys.argv[4], int(sys.argv[5])) if len(sys.argv) > 5 else ()
        print(json.dumps(mfu_child(sys.argv[2], int(sys.argv[3]), *extra)))
    else:
        model = sys.argv[5] if len(sys.argv) > 5 else None  # memory MODE DATA N STEPS [MODEL]
        print(json.dumps(memory_child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), model)))
