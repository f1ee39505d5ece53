"""The training bench's GPU figure: its FLOP count, and (on a CUDA machine) the run itself."""

from __future__ import annotations

import pytest
from conftest import build_tiny_tokenizer
from test_train import write_prepared


def test_flops_per_token_counts_every_matmul_weight_of_the_model():
    """4 FLOPs per matmul weight (forward + input gradient of a frozen base), the tied LM head included and
    the embedding lookup not, 6 per adapter weight, plus the causal attention term: checked against the
    nn.Linear weights of a real Qwen2 model built from a (shrunk) config."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from eval.bench.train_mfu import QWEN25_05B, training_flops_per_token

    shape = {**QWEN25_05B, "hidden_size": 128, "intermediate_size": 352, "num_hidden_layers": 3,
             "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 1000}
    config = Qwen2Config(**shape)
    model = Qwen2ForCausalLM(config)
    linear = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
    assert model.lm_head.weight is model.model.embed_tokens.weight  # tied: counted once, as the LM head's matmul
    no_attention = training_flops_per_token(config, lora_params=0, mean_square_length=0.0)
    assert no_attention == 4 * linear
    assert training_flops_per_token(config, 1000, 0.0) == 4 * linear + 6000
    # one document of length n: n^2/2 causal pairs, 4 * hidden FLOPs each forward, x3 with the backward
    n = 100
    attention = training_flops_per_token(config, 0, float(n)) - no_attention
    assert attention * n == pytest.approx(3 * 3 * 4 * 128 * n * n / 2)


@pytest.mark.gpu
def test_the_mfu_run_trains_a_qwen2_shaped_model_on_the_gpu(tmp_path):
    """The bench's GPU path end to end at 1/8 size: tokens counted, FLOPs and MFU reported."""
    from eval.bench.train_mfu import mfu_child

    tokenizer = tmp_path / "tok"
    build_tiny_tokenizer(tokenizer)
    data = write_prepared(tmp_path / "data", n_train=64, n_val=4)
    result = mfu_child(str(data), steps=4, device="cuda", shrink=8, tokenizer=str(tokenizer))
    assert result["timed_steps"] == 2 and result["tokens_per_s"] > 0
    assert result["dtype"] == "torch.bfloat16" and result["max_length"] == 2048
    assert result["achieved_tflops"] > 0 and result["peak_memory_gb"] > 0


def test_tensor_memory_counts_saved_inputs_and_training_state_but_not_weights():
    """A linear layer saves its input for the weight's gradient only: frozen, nothing but the weight
    (excluded: it is counted under weights) is kept; trainable, the input's bytes are, once per storage.
    Gradients and AdamW's two moments follow the trainable parameters."""
    import torch

    from kit.train.memory import TensorMemory

    def measure(trainable: bool) -> dict[str, int]:
        layer = torch.nn.Linear(64, 32, bias=False)
        layer.weight.requires_grad_(trainable)
        x = torch.randn(10, 64, requires_grad=True)
        memory = TensorMemory()
        memory.start(layer)
        optimizer = torch.optim.AdamW([layer.weight] if trainable else [torch.nn.Parameter(torch.zeros(1))])
        with memory.hooks():
            layer(x).sum().backward()
            layer(x).sum().backward()  # a second pass over the same input: the peak, not the sum
        optimizer.step()
        return memory.finish(layer, optimizer)

    frozen, trained = measure(False), measure(True)
    assert frozen["saved_activations"] == 0 and frozen["gradients"] == 0
    assert trained["saved_activations"] == 10 * 64 * 4
    assert trained["weights"] == frozen["weights"] == 64 * 32 * 4 == trained["gradients"]
    assert 2 * 64 * 32 * 4 <= trained["optimizer"] <= 2 * 64 * 32 * 4 + 8  # two moments and a step counter
    assert trained["total"] == sum(v for k, v in trained.items() if k != "total")
