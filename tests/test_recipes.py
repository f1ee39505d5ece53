"""Every YAML in recipes/ and eval/ loads; the real-model recipes pass the template pre-flight against a
tiny random model of the same architecture, built from the real config with its sizes shrunk."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from test_template import family_tokenizer
from test_train import write_prepared

from kit.config import load_yaml
from kit.train.recipe import load_recipe

RECIPES = sorted(p for p in (ROOT / "recipes").rglob("*.yaml") if "accelerate" not in p.parts)
ACCELERATE = sorted((ROOT / "recipes" / "accelerate").glob("*.yaml"))
EVAL = sorted((ROOT / "eval").rglob("*.yaml"))

# google/gemma-3-270m's config.json fields that shape the architecture (as converted by `chatkit models install`)
GEMMA3_270M = {
    "model_type": "gemma3_text",
    "hidden_size": 640,
    "intermediate_size": 2048,
    "num_hidden_layers": 18,
    "num_attention_heads": 4,
    "num_key_value_heads": 1,
    "head_dim": 256,
    "tie_word_embeddings": True,
    "max_position_embeddings": 32768,
    "rms_norm_eps": 1e-6,
    "eos": ["<eos>", "<end_of_turn>"],
}

GEMMA_METHODS = ("lora", "raft", "full", "freeze", "dora", "ia3", "prefix", "prompt", "adapter")

# recipe -> (chat family, the published config.json fields that shape the architecture)
REAL = {
    "qwen2.5-0.5b-instruct/lora.yaml": (
        "qwen2.5",
        {
            "model_type": "qwen2",
            "hidden_size": 896,
            "intermediate_size": 4864,
            "num_hidden_layers": 24,
            "num_attention_heads": 14,
            "num_key_value_heads": 2,
            "tie_word_embeddings": True,
            "rope_theta": 1000000.0,
            "max_position_embeddings": 32768,
            "rms_norm_eps": 1e-6,
            "eos": ["<|im_end|>", "<|endoftext|>"],
        },
    ),
    "qwen2.5-1.5b-instruct/qlora.yaml": (
        "qwen2.5",
        {
            "model_type": "qwen2",
            "hidden_size": 1536,
            "intermediate_size": 8960,
            "num_hidden_layers": 28,
            "num_attention_heads": 12,
            "num_key_value_heads": 2,
            "tie_word_embeddings": True,
            "rope_theta": 1000000.0,
            "max_position_embeddings": 32768,
            "rms_norm_eps": 1e-6,
            "eos": ["<|im_end|>", "<|endoftext|>"],
        },
    ),
    "llama-3.2-1b-instruct/lora.yaml": (
        "llama3.2",
        {
            "model_type": "llama",
            "hidden_size": 2048,
            "intermediate_size": 8192,
            "num_hidden_layers": 16,
            "num_attention_heads": 32,
            "num_key_value_heads": 8,
            "tie_word_embeddings": True,
            "rope_theta": 500000.0,
            "max_position_embeddings": 131072,
            "rms_norm_eps": 1e-5,
            "rope_scaling": {
                "rope_type": "llama3",
                "factor": 32.0,
                "low_freq_factor": 1.0,
                "high_freq_factor": 4.0,
                "original_max_position_embeddings": 8192,
            },
            "eos": ["<|end_of_text|>", "<|eot_id|>"],
        },
    ),
    "smollm2-360m-instruct/lora.yaml": (
        "smollm2",
        {
            "model_type": "llama",
            "hidden_size": 960,
            "intermediate_size": 2560,
            "num_hidden_layers": 32,
            "num_attention_heads": 15,
            "num_key_value_heads": 5,
            "tie_word_embeddings": True,
            "rope_theta": 100000.0,
            "max_position_embeddings": 8192,
            "rms_norm_eps": 1e-5,
            "eos": ["<|im_end|>"],
        },
    ),
    **{f"gemma-3-270m/{m}.yaml": ("gemma-chatkit", {**GEMMA3_270M}) for m in GEMMA_METHODS},
}


@pytest.mark.parametrize("path", RECIPES, ids=lambda p: str(p.relative_to(ROOT)))
def test_recipe_loads_and_opens_with_command_hardware_and_time(path):
    recipe = load_recipe(path)
    header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    rel = path.relative_to(ROOT).as_posix()
    assert path.read_text(encoding="utf-8").startswith("#")
    assert f"chatkit train {rel}" in header, "the header gives the exact command"
    assert "Hardware" in header and "time" in header.lower()
    assert recipe.lora.rank >= 1 and recipe.train.max_length >= 64
    if path.parent.name == "tiny-es" and path.stem not in ("tune", "raft"):  # one recipe per method, named after it
        assert recipe.train.method == path.stem  # (tune.yaml searches; raft.yaml is LoRA on examples with passages)
    if path.stem == "raft":  # RAFT recipes put passages in training examples, from the index they name
        assert recipe.train.method == "lora" and recipe.data.context.share > 0 and recipe.rag.index
    assert "Hyperparameters:" in header, "recipes say where their hyperparameters come from"


def test_every_recipe_is_covered_here():
    named = {p.relative_to(ROOT / "recipes").as_posix() for p in RECIPES}
    methods = ("full", "freeze", "lora", "dora", "ia3", "prefix", "prompt", "adapter")  # qlora needs CUDA
    assert named == {*REAL, "tiny-es/tune.yaml", "tiny-es/raft.yaml", *(f"tiny-es/{m}.yaml" for m in methods)}


@pytest.mark.parametrize("path", ACCELERATE, ids=lambda p: p.name)
def test_accelerate_config_parses_with_accelerate(path):
    from accelerate.commands.config.config_args import ClusterConfig

    config = ClusterConfig.from_yaml_file(str(path))
    assert str(config.distributed_type).split(".")[-1] in {"MULTI_GPU", "FSDP", "DEEPSPEED"}
    assert config.num_machines == 1
    assert (
        "--processes" in path.read_text(encoding="utf-8").split("compute_environment")[0]
    )  # header: how to use it


@pytest.mark.parametrize("path", EVAL, ids=lambda p: str(p.relative_to(ROOT)))
def test_eval_yaml_loads(path):
    if path.parent.name == "suites":
        from kit.compare.config import load_suite

        load_suite(path)
    elif path.name == "prices.yaml":
        from kit.compare.cost import load_prices

        load_prices(path)
    else:
        assert isinstance(load_yaml(path), dict)


def tiny_twin(folder: Path, family: str, real: dict) -> Path:
    """The recipe's architecture at toy size (random weights), its family's tokenizer and template."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    tok = family_tokenizer(folder, family)
    fields = {k: v for k, v in real.items() if k not in ("model_type", "eos")}
    heads, kv = real["num_attention_heads"], real["num_key_value_heads"]
    fields.update(  # shrink sizes, keep the shape: tying, rope, GQA ratio
        hidden_size=16 * (heads // kv) * 2,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2 * (heads // kv),
        num_key_value_heads=2,
        vocab_size=len(tok),
        bos_token_id=tok.bos_token_id,
        pad_token_id=tok.pad_token_id,
        eos_token_id=[tok.convert_tokens_to_ids(t) for t in real["eos"]],
    )
    config = AutoConfig.for_model(real["model_type"], **fields)
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config).save_pretrained(folder)
    return folder


@pytest.mark.parametrize("recipe_name", sorted(REAL))
def test_real_model_recipe_passes_the_preflight_on_its_architecture(recipe_name, tmp_path):
    import torch

    from kit.models.load import load_model
    from kit.train.sft import check

    family, real = REAL[recipe_name]
    model_dir = tiny_twin(tmp_path / "model", family, real)
    data = write_prepared(tmp_path / "data", n_train=6, n_val=2)
    overrides = [
        f"model.name={model_dir}",
        f"data.prepared={data}",
        "model.load_in_4bit=false",
        "model.device=cpu",
        *(["freeze.layers=2"] if recipe_name.endswith("freeze.yaml") else []),  # the twin has 2 blocks
    ]
    recipe = load_recipe(ROOT / "recipes" / recipe_name, overrides)
    checked = check(recipe, quiet=True)
    assert checked.report.problems == [] and checked.report.truncated == 0
    model, _ = load_model(recipe.model)
    assert type(model).__name__.lower().startswith(real["model_type"].split("_")[0])  # gemma3_text: Gemma3ForCausalLM
    enc = checked.encoded[0]
    with torch.no_grad():
        out = model(input_ids=torch.tensor([enc.input_ids]), labels=torch.tensor([enc.labels]))
    assert torch.isfinite(out.loss)


@pytest.mark.slow
@pytest.mark.parametrize("method", [m for m in GEMMA_METHODS if m != "raft"])  # raft: lora.yaml plus passages
def test_gemma_method_recipe_trains_two_steps_on_a_tiny_gemma3_twin(method, tmp_path):
    """Each real-base method recipe runs on Gemma 3's architecture (sliding-window layers, tied 262k-style head)."""
    import json

    from kit.train.sft import train

    family, real = REAL[f"gemma-3-270m/{method}.yaml"]
    model_dir = tiny_twin(tmp_path / "model", family, real)
    data = write_prepared(tmp_path / "data", n_train=8, n_val=2)
    recipe = load_recipe(ROOT / "recipes" / "gemma-3-270m" / f"{method}.yaml", [
        f"model.name={model_dir}", f"data.prepared={data}", f"train.output_dir={tmp_path / 'run'}",
        "train.max_steps=2", "train.eval_steps=2", "train.save_steps=2", "train.max_length=256",
        *(["freeze.unfreeze_every=1", "freeze.layers=2"] if method == "freeze" else []),
    ])
    result = train(recipe, quiet_check=True)
    record = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert record["method"] == method and record["steps"] == 2 and result.record["trainable_params"] > 0
    assert record["weights_bytes"] > 0 and all(v == v for v in record["train_loss"].values() if isinstance(v, float))
