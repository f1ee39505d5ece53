"""The training bench's GPU figure: LoRA SFT of a Qwen2.5-0.5B-shaped model at 2048 tokens, bf16, with MFU.

`python -m eval.bench.bench_train mfu DATA 12` runs it alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from eval.bench.train_setup import ROOT, WARMUP_STEPS

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


