"""Every train.method on the tiny random Llama: only the declared weights change, the run folder loads back
to the in-memory logits, merge round-trips where it is defined and refuses plainly where not; bad input is
one line, exit 1."""

from __future__ import annotations

import pytest
from test_train import SYSTEM, tiny_recipe, write_prepared
from test_train_cli import chatkit, write_recipe

from kit.errors import ChatkitError
from kit.train.recipe import Recipe

SECTIONS = {
    "full": {},
    "freeze": {"freeze": {"layers": 1}},
    "lora": {"lora": {"rank": 4, "alpha": 8, "dropout": 0.0}},
    "dora": {"lora": {"rank": 4, "alpha": 8, "dropout": 0.0}},
    "ia3": {},
    "prefix": {"prefix": {"num_virtual_tokens": 4}},
    "prompt": {"prompt": {"num_virtual_tokens": 4}},
    "adapter": {"adapter": {"bottleneck": 8}},
}
MERGEABLE = {"lora", "dora", "ia3", "freeze"}


def method_recipe(model_dir, data, run, method: str, **train) -> Recipe:
    base = tiny_recipe(model_dir, data, run, **train).model_dump()
    base.pop("lora")
    base["train"]["method"] = method
    if method in ("prefix", "prompt"):
        base["train"]["packing"] = False
    base.update(SECTIONS[method])
    return Recipe.model_validate(base)


def declared_names(method: str, names: set[str]) -> set[str]:
    """What each method promises to train, by parameter name (the tiny model: 2 blocks, tied head)."""
    if method == "full":
        return names
    if method == "freeze":  # the top block, the final norm and the (tied) head = the embedding table
        return {n for n in names if n.startswith(("model.layers.1.", "model.norm.", "model.embed_tokens."))}
    marker = {"lora": "lora_", "dora": "lora_", "ia3": "ia3_", "prefix": "prompt_encoder", "prompt": "prompt_encoder",
              "adapter": ".bottleneck."}[method]
    return {n for n in names if marker in n}


class Watch:
    """A TrainerCallback keeping every parameter at the start and the end, and the model."""

    def __new__(cls):
        from transformers import TrainerCallback

        class _Watch(TrainerCallback):
            def on_train_begin(self, args, state, control, model=None, **kwargs):
                self.start = {n: p.detach().clone() for n, p in model.named_parameters()}

            def on_train_end(self, args, state, control, model=None, **kwargs):
                self.end = {n: p.detach().clone() for n, p in model.named_parameters()}
                self.model = model

        return _Watch()


def _ids(tok):
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "¿Cuánto tarda el envío a León?"}]
    return tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)[
        "input_ids"
    ]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return write_prepared(tmp_path_factory.mktemp("methods") / "data", n_train=24, n_val=4)


@pytest.mark.slow
@pytest.mark.parametrize("method", list(SECTIONS))
def test_each_method_trains_only_its_declared_weights_and_loads_back(method, tiny_model_dir, data, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    from kit.models.load import load_model
    from kit.train.merge import merge
    from kit.train.sft import train

    digest = base_digest(tiny_model_dir)
    recipe = method_recipe(tiny_model_dir, data, tmp_path / "run", method, max_steps=4, eval_steps=4, count_memory=True)
    watch = Watch()
    result = train(recipe, callbacks=(watch,), quiet_check=True)
    record = result.record
    changed = {n for n in watch.end if not watch.end[n].equal(watch.start[n])}
    declared = declared_names(method, set(watch.end))
    assert declared and changed == declared, sorted(changed ^ declared)
    trainable = {n for n, p in watch.model.named_parameters() if p.requires_grad}
    assert trainable == declared
    assert record["method"] == method and record["trainable_params"] == sum(watch.end[n].numel() for n in declared)
    assert record["weights_bytes"] > 0 and record["tokens_trained"] > 0 and record["device_hours"] > 0
    memory = record["tensor_memory_mb"]  # gradients: one float32 per trained weight; AdamW: two
    assert memory["gradients"] == pytest.approx(record["trainable_params"] * 4 / 2**20, abs=0.01)
    assert memory["optimizer"] == pytest.approx(2 * memory["gradients"], abs=0.02) and memory["saved_activations"] > 0
    assert base_digest(tiny_model_dir) == digest  # the base model's file is never written

    # the run folder loads back (as compare and chat load it) to the in-memory model's logits
    loaded, tok = load_model(recipe.model, adapter=str(result.run_dir))
    served, _ = load_model(recipe.model, adapter=str(result.run_dir), merge=True)
    memory = watch.model.eval()
    ids = _ids(tok)
    with torch.no_grad():
        reference = memory(input_ids=ids).logits
        torch.testing.assert_close(loaded(input_ids=ids).logits, reference, atol=1e-5, rtol=1e-4)
        torch.testing.assert_close(served(input_ids=ids).logits, reference, atol=1e-4, rtol=1e-4)
    if method in MERGEABLE:
        merged = AutoModelForCausalLM.from_pretrained(merge(result.run_dir, tmp_path / "merged")).eval()
        assert not any("lora" in k or "ia3" in k for k in merged.state_dict())
        with torch.no_grad():
            torch.testing.assert_close(merged(input_ids=ids).logits, reference, atol=1e-4, rtol=1e-4)
    else:
        with pytest.raises(ChatkitError, match=f"merge is not defined for method '{method}'"):
            merge(result.run_dir, tmp_path / "merged")


def base_digest(model_dir) -> str:
    import hashlib

    return hashlib.sha256((model_dir / "model.safetensors").read_bytes()).hexdigest()


@pytest.mark.slow
def test_gradual_unfreezing_trains_the_top_block_first_and_per_layer_rates_decay(tiny_model_dir, data, tmp_path):
    """freeze.unfreeze_every=2: steps 1-2 move the top block only, the block below joins after; each block
    down trains at layer_lr_decay times the rate above."""
    from transformers import TrainerCallback

    from kit.train.sft import train

    class AtStep2(TrainerCallback):
        def on_step_end(self, args, state, control, model=None, optimizer=None, **kwargs):
            if state.global_step == 2:
                self.params = {n: p.detach().clone() for n, p in model.named_parameters()}
                self.rates = sorted({g["initial_lr"] for g in optimizer.param_groups})

    recipe = method_recipe(tiny_model_dir, data, tmp_path / "run", "freeze", max_steps=4, eval_steps=4,
                           lr_scheduler="constant")
    recipe.freeze.layers, recipe.freeze.unfreeze_every, recipe.freeze.layer_lr_decay = 2, 2, 0.5
    watch, at2 = Watch(), AtStep2()
    train(recipe, callbacks=(watch, at2), quiet_check=True)
    lower = [n for n in watch.start if n.startswith("model.layers.0.")]
    upper = [n for n in watch.start if n.startswith("model.layers.1.")]
    assert all(at2.params[n].equal(watch.start[n]) for n in lower)  # frozen for the first two steps
    assert all(not at2.params[n].equal(watch.start[n]) for n in upper)
    assert all(not watch.end[n].equal(watch.start[n]) for n in lower)  # then trained
    assert at2.rates == [recipe.train.learning_rate * 0.5, recipe.train.learning_rate]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (["--set", "train.method=sgd"], "train.method: Input should be 'full', 'freeze'"),
        (["--set", "train.method=prefix", "--set", "train.packing=false"],
         "lora: set, but train.method is 'prefix', which reads the prefix (method prefix) section"),
        (["--set", "prefix.rank=8"], "prefix.rank: 'rank' is not a key of the prefix: section; it belongs in the lora"),
        (["--set", "train.method=qlora"], "needs a CUDA GPU"),
        (["--set", "train.method=freeze", "--set", "freeze.layers=3", "--set", "lora={}"],
         "freeze.layers is 3 but"),
    ],
)
def test_bad_method_input_is_one_line_and_exit_1(capsys, tiny_model_dir, tmp_path, overrides, expected):
    import torch

    if "CUDA" in expected and torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    data = write_prepared(tmp_path / "data", n_train=8, n_val=0)
    recipe = write_recipe(tmp_path / "recipe.yaml", tiny_model_dir, data, tmp_path / "run")
    code, out, err = chatkit(capsys, "train", str(recipe), *overrides)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], err
    assert "Traceback" not in err and out == "" and not (tmp_path / "run").exists()


def test_load_in_4bit_means_qlora_and_fits_no_other_method():
    """model.load_in_4bit with the default method is QLoRA (recipes written before train.method)."""
    recipe = Recipe.model_validate({"model": {"load_in_4bit": True}})
    assert recipe.train.method == "qlora"
    assert Recipe.model_validate({"train": {"method": "qlora"}}).model.load_in_4bit
    with pytest.raises(ChatkitError, match="train.method is 'ia3'"):
        Recipe.model_validate({"model": {"load_in_4bit": True}, "train": {"method": "ia3"}})


def test_demo_with_an_unknown_method_is_one_line(capsys):
    code, out, err = chatkit(capsys, "demo", "--methods", "full,qlora", "--out", "/nonexistent/demo")
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "--methods: unknown or non-CPU method 'qlora'" in lines[0], err
