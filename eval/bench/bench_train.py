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

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "recipes" / "tiny-es" / "lora.yaml"
WARMUP_STEPS = 2  # steps before the clock starts, in every mode
SLICE_S = 0.5  # seconds of steps a trainer runs before handing the CPU to the other


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


def _trainer(mode: str, data: str, conversations: int, steps: int, callbacks: tuple) -> tuple[Any, dict]:
    """A trainer of the recipe for one mode over the first `conversations` examples (0: all), and its batch counts."""
    from kit.train.data import pack_rows, to_rows
    from kit.train.recipe import load_recipe
    from kit.train.sft import check
    from kit.train.trainer import build_trainer

    overrides = [f"data.prepared={data}", f"train.packing={mode != 'unpacked'}", "train.eval_steps=0"]
    recipe = load_recipe(RECIPE, overrides)
    checked = check(recipe, quiet=True)
    rows = to_rows(checked.encoded[: conversations or None], recipe.train.max_length)
    train_rows = pack_rows(rows, recipe.train.max_length) if recipe.train.packing else rows
    # speed runs: one epoch over the same examples in both modes (not the recipe's max_steps, which
    # would make the packed run cover ~3.5x the data); memory runs: a few steps
    recipe.train.max_steps = steps if mode in ("lora", "full") else -1
    recipe.train.epochs, recipe.train.save_steps, recipe.train.logging_steps = 1, 10_000, 10_000
    if mode == "full":
        recipe.train.method = "full"
    out = tempfile.mkdtemp(prefix=f"bench-train-{mode}-")
    trainer = build_trainer(
        recipe, Path(out), checked.tokenizer, train_rows, [], None, callbacks, time.perf_counter()
    )
    pad_id, counted = checked.tokenizer.pad_token_id, {"rows": len(train_rows), "batch": 0, "real": 0}
    collate = trainer.data_collator

    def counting(examples):  # padded vs real tokens of every batch the trainer draws
        batch = collate(examples)
        counted["batch"] += batch["input_ids"].numel()
        counted["real"] += int((batch["input_ids"] != pad_id).sum())
        return batch

    trainer.data_collator = counting
    return trainer, counted


class TensorMemory:
    """The training state counted from the tensors themselves, in bytes: unlike RSS (which the allocator and
    the OS blur by tens of MB on a model this small), the same run always gives the same figures.

    weights: every parameter; gradients: the trainable ones; optimizer: every tensor in the optimizer's
    state; saved_activations: the tensors autograd keeps from one forward pass for its backward (unique
    storages, parameters left out: they are weights), the largest over the steps. A lower bound of the
    activation peak (the backward's own temporaries are not counted), the same rule in every mode.
    """

    def __init__(self):
        self.current: dict[int, int] = {}
        self.saved_peak, self.params = 0, set()
        self.figures: dict[str, int] = {}

    def hooks(self):
        import torch

        def pack(t):
            storage = t.untyped_storage()
            if storage.data_ptr() not in self.params:
                self.current[storage.data_ptr()] = storage.nbytes()
            return t

        return torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t)

    def start(self, model) -> None:
        """Before every forward pass (a pre-hook on the model): close the last pass's count."""
        self.params = {p.untyped_storage().data_ptr() for p in model.parameters()}

        def close(*_):
            self.saved_peak = max(self.saved_peak, sum(self.current.values()))
            self.current = {}

        self.close = close
        model.register_forward_pre_hook(close)

    def finish(self, model, optimizer) -> dict[str, int]:
        import torch

        self.close()
        trainable = [p for p in model.parameters() if p.requires_grad]
        state = [t for s in optimizer.state.values() for t in s.values() if torch.is_tensor(t)]
        self.figures = {
            "weights": sum(p.nbytes for p in model.parameters()),
            "gradients": sum(p.nbytes for p in trainable),
            "optimizer": sum(t.nbytes for t in state),
            "saved_activations": self.saved_peak,
        }
        self.figures["total"] = sum(self.figures.values())
        return self.figures


def memory_child(mode: str, data: str, conversations: int, steps: int) -> dict:
    """Peak memory of a few steps of LoRA ('lora') or full fine-tuning ('full'), in a fresh process: the
    tensors' own count (TensorMemory) and the process's peak RSS above the loaded model."""
    import torch
    from transformers import TrainerCallback

    from eval.bench.machine import peak_rss_mb

    torch.set_num_threads(os.cpu_count() or 1)
    tensors = TensorMemory()

    class Loaded(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            self.rss0 = peak_rss_mb()
            tensors.start(model)

        def on_train_end(self, args, state, control, model=None, optimizer=None, **kwargs):
            tensors.finish(model, optimizer)

    loaded = Loaded()
    trainer, _ = _trainer(mode, data, conversations, steps, (loaded,))
    with tensors.hooks():
        trainer.train()
    return {
        "mode": mode,
        "steps": trainer.state.global_step,
        "tensor_mb": {k: round(v / 2**20, 2) for k, v in tensors.figures.items()},
        "rss_loaded_mb": round(loaded.rss0, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "train_memory_mb": round(peak_rss_mb() - loaded.rss0, 1),
    }


def speed_worker(mode: str, data: str, conversations: int, conn: Any) -> None:
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
    trainer, counted = _trainer(mode, data, conversations, 0, (turns,))
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
            "tokens_per_s": round(turns.tokens / turns.seconds, 1),
            "batch_tokens_per_real_token": round(counted["batch"] / max(1, counted["real"]), 3),
        }
    )


def speed_run(data: Path, conversations: int, modes: tuple[str, str] = ("unpacked", "packed")) -> dict:
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
        worker = context.Process(target=speed_worker, args=(mode, str(data), conversations, child), daemon=True)
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


# GPU: LoRA SFT of a Qwen2.5-0.5B-shaped model (random weights from its config) at 2048 with packing -------

QWEN_RECIPE = ROOT / "recipes" / "qwen2.5-0.5b-instruct" / "lora.yaml"
QWEN25_05B = {  # Qwen/Qwen2.5-0.5B-Instruct's config.json, the fields that set the compute
    "hidden_size": 896,
    "intermediate_size": 4864,
    "num_hidden_layers": 24,
    "num_attention_heads": 14,
    "num_key_value_heads": 2,
    "vocab_size": 151936,
    "tie_word_embeddings": True,
    "rope_theta": 1000000.0,
    "max_position_embeddings": 32768,
    "rms_norm_eps": 1e-6,
}
# dense bf16 tensor-core peak (no sparsity), TFLOPS, from the vendors' data sheets (SXM parts)
BF16_PEAK_TFLOPS = {"H200": 989.0, "H100": 989.0, "A100": 312.0, "L40S": 362.0, "L4": 121.0, "A10": 125.0}
MFU_GOAL = 0.30


def training_flops_per_token(config: Any, lora_params: int, mean_square_length: float) -> float:
    """Model FLOPs of one trained token of LoRA SFT (frozen base), the MFU numerator.

    Matmuls: 2 FLOPs per weight forward and 2 for the input gradient backward (a frozen weight gets no
    weight gradient): 4 x the matmul weights, the (tied) LM head included, the embedding lookup not;
    the adapter's weights also get their gradient: 6 x its parameters. Attention scores and values:
    per layer 4 x hidden FLOPs per (query, key) pair forward, x3 with backward, over the causal pairs of
    each packed document (mean length^2 / 2 per token, from the documents' lengths).
    """
    d, i, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    kv = config.num_key_value_heads * (d // config.num_attention_heads)
    per_layer = d * d * 2 + d * kv * 2 + 3 * d * i  # q, o; k, v; gate, up, down
    matmul = layers * per_layer + d * config.vocab_size
    attention = 3 * layers * 4 * d * mean_square_length / 2
    return 4 * matmul + 6 * lora_params + attention


def mfu_child(data: str, steps: int, device: str = "cuda", shrink: int = 1, tokenizer: str | None = None) -> dict:
    """LoRA SFT through chatkit's trainer (recipes/qwen2.5-0.5b-instruct) on a randomly initialised
    Qwen2.5-0.5B-shaped model, max_length 2048, packing; tokens/s and MFU over the steps after warm-up.

    shrink > 1 divides the model's widths, depth and vocabulary (a smoke test of the same code path);
    tokenizer: a tokenizer folder with a ChatML template (default: tiny-es's, built on first use).
    """
    import torch
    from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM, TrainerCallback

    from kit.models.load import resolve_model
    from kit.models.template import IGNORE
    from kit.train.data import pack_rows, to_rows
    from kit.train.recipe import load_recipe
    from kit.train.sft import check
    from kit.train.trainer import build_trainer

    shape = dict(QWEN25_05B)
    if shrink > 1:
        for key in ("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads"):
            shape[key] = max(shape["num_key_value_heads"], shape[key] // shrink)
        shape["hidden_size"] = shape["num_attention_heads"] * 64
        shape["vocab_size"] //= shrink
    folder = Path(tempfile.mkdtemp(prefix="bench-mfu-"))
    # the tiny-es tokenizer (ChatML, generation markers): its ids are the first rows of the embedding
    tok = AutoTokenizer.from_pretrained(tokenizer or resolve_model("tiny-es"))
    tok.save_pretrained(folder / "model")
    torch.manual_seed(0)
    end = tok.convert_tokens_to_ids("<|im_end|>")
    config = Qwen2Config(**shape, bos_token_id=None, eos_token_id=end, pad_token_id=tok.pad_token_id)
    Qwen2ForCausalLM(config).save_pretrained(folder / "model", safe_serialization=True)
    overrides = [
        f"model.name={folder / 'model'}",
        f"model.device={device}",
        f"data.prepared={data}",
        "train.max_length=2048",
        "train.packing=true",
        f"train.max_steps={steps}",
        "train.eval_steps=0",
        "train.early_stopping_patience=0",
        "train.save_steps=100000",
        "train.logging_steps=100000",
    ]
    recipe = load_recipe(QWEN_RECIPE, overrides)
    checked = check(recipe, quiet=True)
    rows = pack_rows(to_rows(checked.encoded, recipe.train.max_length), recipe.train.max_length)
    lengths = [n for row in rows for n in row["seq_lengths"]]
    mean_square = sum(n * n for n in lengths) / sum(lengths)
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)

    class Clock(TrainerCallback):
        def __init__(self):
            self.t0 = self.tokens0 = None

        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == WARMUP_STEPS:
                sync()
                self.t0, self.tokens0 = time.perf_counter(), int(state.num_input_tokens_seen)

        def on_train_end(self, args, state, control, **kwargs):
            sync()
            self.seconds = time.perf_counter() - self.t0
            self.tokens = int(state.num_input_tokens_seen) - self.tokens0

    clock = Clock()
    trainer = build_trainer(
        recipe, folder / "run", checked.tokenizer, rows, [], None, (clock,), time.perf_counter()
    )
    trainer.train()
    lora = sum(p.numel() for n, p in trainer.model.named_parameters() if "lora_" in n)
    flops = training_flops_per_token(config, lora, mean_square)
    tokens_per_s = clock.tokens / clock.seconds
    name = torch.cuda.get_device_name(0) if device == "cuda" else "cpu"
    peak = next((v for k, v in BF16_PEAK_TFLOPS.items() if k in name), None)
    achieved = tokens_per_s * flops / 1e12
    trained = sum(1 for row in rows for label in row["labels"] if label != IGNORE)
    return {
        "device": name,
        "model": f"Qwen2.5-0.5B shape{'' if shrink == 1 else f' / {shrink}'}, random weights",
        "parameters": sum(p.numel() for p in trainer.model.parameters()),
        "lora_parameters": lora,
        "dtype": str(next(trainer.model.parameters()).dtype),
        "max_length": recipe.train.max_length,
        "rows_per_step": recipe.train.batch_size * recipe.train.grad_accum,
        "timed_steps": steps - WARMUP_STEPS,
        "tokens_per_s": round(tokens_per_s, 1),
        "trained_token_share": round(trained / sum(lengths), 3),
        "flops_per_token": flops,
        "achieved_tflops": round(achieved, 2),
        "bf16_peak_tflops": peak,
        "mfu": round(achieved / peak, 4) if peak else None,
        "mfu_goal": MFU_GOAL,
        "peak_memory_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2) if device == "cuda" else None,
    }


def _spawn(args: list[str]) -> dict:
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
        data = _data_folder(Path(tmp))
        speeds = [speed_run(data, conversations) for _ in range(1 if quick else 3)]
        full = _spawn(["full", str(data), "512", str(steps)])
        lora = _spawn(["lora", str(data), "512", str(steps)])
        try:
            import torch

            gpu = torch.cuda.is_available()
        except ImportError:
            gpu = False
        mfu = _spawn(["mfu", str(data), "6" if quick else "12"]) if gpu else None
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
        print(json.dumps(memory_child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
