"""LoRA SFT on a tiny random Llama: data loading, packing, adapter-only updates, run folder, resume, merge."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kit.errors import ChatkitError
from kit.train.data import PackedCollator, load_prepared, pack_rows
from kit.train.recipe import Recipe, load_recipe

SYSTEM = "Eres el asistente de Tienda Ñandú. Responde en español, con amabilidad."
QA = [
    ("¿Cuánto tarda el envío a {c}?", "El envío a {c} tarda de 3 a 5 días hábiles."),
    ("¿Puedo devolver mi pedido en {c}?", "Sí, tiene 30 días naturales para devolverlo sin costo en {c}."),
    ("¿Tienen tienda física en {c}?", "Sí, tenemos tienda en el centro de {c}, abierta de 9 a 20 h."),
    ("¿El envío a {c} es gratis?", "Es gratis en compras mayores a $999 MXN; si no, cuesta $99 a {c}."),
]
CITIES = ["Monterrey", "Puebla", "Mérida", "León", "Cancún", "Oaxaca", "Querétaro", "Toluca"]


def write_prepared(folder: Path, n_train: int = 48, n_val: int = 12, seed: int = 0) -> Path:
    """A prepared-data folder like `chatkit prepare` writes: OpenAI messages with the system prompt in."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("val", n_val)):
        with (folder / f"{split}.jsonl").open("w", encoding="utf-8") as f:
            for i in range(n):
                messages = [{"role": "system", "content": SYSTEM}]
                for _ in range(rng.randint(1, 2)):
                    q, a = rng.choice(QA)
                    city = rng.choice(CITIES)
                    messages += [
                        {"role": "user", "content": q.format(c=city)},
                        {"role": "assistant", "content": a.format(c=city)},
                    ]
                record = {"id": f"{split}-{i}", "messages": messages, "meta": {"source": f"test:{i}"}}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


def tiny_recipe(model_dir: Path, data_dir: Path, run_dir: Path, **train: object) -> Recipe:
    settings = {
        "output_dir": str(run_dir),
        "max_steps": 8,
        "batch_size": 8,
        "learning_rate": 2e-2,
        "max_length": 128,
        "packing": True,
        "eval_steps": 8,
        "save_steps": 3,
        "logging_steps": 2,
        "warmup_ratio": 0.0,
    }
    settings.update(train)
    return Recipe.model_validate(
        {
            "name": "tiny-test",
            "model": {"name": str(model_dir), "device": "cpu"},
            "data": {"prepared": str(data_dir)},
            "lora": {"rank": 8, "alpha": 16, "dropout": 0.0},
            "train": settings,
        }
    )


# data ---------------------------------------------------------------------------------------------


def test_missing_prepared_folder_suggests_prepare(tmp_path):
    with pytest.raises(ChatkitError) as e:
        load_prepared(tmp_path / "nada")
    assert "prepared data not found" in str(e.value) and "chatkit prepare" in str(e.value)


def test_bad_line_names_file_and_line(tmp_path):
    data = write_prepared(tmp_path / "data", n_train=3)
    with (data / "train.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"messages": [{"role": "usuario", "content": "hola"}]}\n')
    with pytest.raises(ChatkitError, match=r"train\.jsonl:4: messages\[0\] needs a role"):
        load_prepared(data)


def test_missing_system_prompt_is_added_from_the_recipe(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    line = {
        "id": "a",
        "messages": [{"role": "user", "content": "¿Hola?"}, {"role": "assistant", "content": "¡Hola!"}],
    }
    (data / "train.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    prepared = load_prepared(data, system_prompt="Sé breve.")
    assert prepared.train[0][0] == {"role": "system", "content": "Sé breve."}
    assert prepared.val == [] and len(prepared.data_hash) == 16


def test_packing_keeps_every_token_once_and_respects_max_length():
    rng = random.Random(1)
    rows = []
    for i in range(40):
        n = rng.randint(5, 60)
        rows.append({"input_ids": [i] * n, "labels": [i] * n})
    packed = pack_rows(rows, 64)
    assert len(packed) < len(rows)
    assert all(len(p["input_ids"]) <= 64 and sum(p["seq_lengths"]) == len(p["input_ids"]) for p in packed)
    assert sorted(t for p in packed for t in p["input_ids"]) == sorted(
        t for r in rows for t in r["input_ids"]
    )


def test_packed_documents_do_not_attend_to_each_other(tiny_model_dir):
    """One packed row gives each document the same logits as running it alone (no KV cache, as in training)."""
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    a, b = list(range(5, 25)), list(range(30, 41))
    collate = PackedCollator(pad_token_id=0)
    packed = collate([{"input_ids": a + b, "labels": a + b, "seq_lengths": [len(a), len(b)]}])
    assert packed["position_ids"][0].tolist() == list(range(len(a))) + list(range(len(b)))
    with torch.no_grad():
        together = model(
            input_ids=packed["input_ids"], position_ids=packed["position_ids"], use_cache=False
        ).logits[0]
        alone_b = model(input_ids=torch.tensor([b]), use_cache=False).logits[0]
    torch.testing.assert_close(together[len(a) :], alone_b, atol=1e-5, rtol=1e-4)


def test_document_attention_matches_the_block_diagonal_mask(tiny_model_dir):
    """chatkit_docs (per-document sdpa, used for CPU training) gives the logits and gradients of the
    block-diagonal mask transformers builds from position_ids, padding included."""
    import torch
    from transformers import AutoModelForCausalLM

    from kit.train.attention import document_spans, register

    collate = PackedCollator(pad_token_id=0)
    a, b, c = list(range(5, 25)), list(range(30, 41)), list(range(50, 57))
    batch = collate(
        [
            {"input_ids": a + b, "labels": a + b, "seq_lengths": [len(a), len(b)]},
            {"input_ids": c, "labels": c, "seq_lengths": [len(c)]},
        ]
    )
    assert document_spans(batch["position_ids"]) == [[(0, 20), (20, 31)], [(0, 7), (7, 31)]]
    outputs = {}
    for name in ("sdpa", register()):
        model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
        model.set_attn_implementation(name)
        model.train()
        out = model(**batch, use_cache=False)
        out.loss.backward()
        grad = model.model.layers[0].self_attn.q_proj.weight.grad.clone()
        outputs[name] = (out.logits.detach(), out.loss.detach(), grad)
    (ref_logits, ref_loss, ref_grad), (logits, loss, grad) = outputs.values()
    torch.testing.assert_close(logits[0], ref_logits[0], atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(logits[1, :7], ref_logits[1, :7], atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(loss, ref_loss, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(grad, ref_grad, atol=1e-5, rtol=1e-4)


def test_padding_free_batch_is_one_row_with_the_padded_batch_loss(tiny_model_dir):
    """padding_free lays packed rows end to end (no pad token at all) and trains the same loss and
    gradients as the right-padded batch; unpacked rows are still padded."""
    import torch
    from transformers import AutoModelForCausalLM

    from kit.train.attention import register

    a, b, c = list(range(5, 25)), list(range(30, 41)), list(range(50, 57))
    rows = [
        {"input_ids": a + b, "labels": a + b, "seq_lengths": [len(a), len(b)]},
        {"input_ids": c, "labels": c, "seq_lengths": [len(c)]},
    ]
    flat = PackedCollator(pad_token_id=0, padding_free=True)(rows)
    assert flat["input_ids"].shape == (1, len(a + b + c)) and flat["input_ids"][0].tolist() == a + b + c
    assert flat["position_ids"][0].tolist() == [*range(len(a)), *range(len(b)), *range(len(c))]
    padded = PackedCollator(pad_token_id=0)(rows)
    unpacked = PackedCollator(pad_token_id=0, padding_free=True)([{"input_ids": c, "labels": c}, {"input_ids": a, "labels": a}])
    assert unpacked["input_ids"].shape == (2, len(a))
    results = []
    for batch in (padded, flat):
        model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
        model.set_attn_implementation(register())
        model.train()
        out = model(**batch, use_cache=False)
        out.loss.backward()
        results.append((out.loss.detach(), model.model.layers[0].self_attn.q_proj.weight.grad.clone()))
    (ref_loss, ref_grad), (loss, grad) = results
    torch.testing.assert_close(loss, ref_loss, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(grad, ref_grad, atol=1e-5, rtol=1e-4)


def test_loss_over_trained_positions_only_is_the_full_logits_loss(tiny_model_dir):
    """trained_positions (logits_to_keep + shift_labels, CPU training) gives the loss and gradients of the
    model's own loss over full logits, on a padded batch and a padding-free packed one, and with a
    num_items_in_batch normalisation; the kept logits are only the trained positions'."""
    import torch
    from transformers import AutoModelForCausalLM

    from kit.models.template import IGNORE
    from kit.train.attention import register
    from kit.train.fast_path import trained_positions

    a, b, c = list(range(5, 25)), list(range(30, 41)), list(range(50, 57))
    la = [IGNORE] * 8 + a[8:]  # a prompt, then the trained answer
    rows = [
        {"input_ids": a + b, "labels": la + [IGNORE] * 3 + b[3:], "seq_lengths": [len(a), len(b)]},
        {"input_ids": c, "labels": [IGNORE] * 2 + c[2:], "seq_lengths": [len(c)]},
    ]
    for batch in (PackedCollator(pad_token_id=0)(rows), PackedCollator(pad_token_id=0, padding_free=True)(rows)):
        for items in (None, torch.tensor(17)):
            results = []
            for reduced in (False, True):
                model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
                model.set_attn_implementation(register())
                model.train()
                inputs = {**batch, "use_cache": False}
                if items is not None:
                    inputs["num_items_in_batch"] = items
                if reduced:
                    inputs.update(trained_positions(batch["labels"]))
                out = model(**inputs)
                out.loss.backward()
                results.append((out.loss.detach(), model.model.layers[0].mlp.up_proj.weight.grad.clone(), out.logits))
            (ref_loss, ref_grad, full), (loss, grad, kept) = results
            trained = int((batch["labels"][:, 1:] != IGNORE).sum())
            assert kept.shape == (trained, full.shape[-1]) and full.shape[:2] == batch["input_ids"].shape
            torch.testing.assert_close(loss, ref_loss, atol=1e-6, rtol=1e-5)
            torch.testing.assert_close(grad, ref_grad, atol=1e-6, rtol=1e-5)


def test_a_training_forward_builds_no_mask_and_evaluation_still_does(tiny_model_dir):
    """The chatkit_docs mask builder skips the (time x time) mask only for a training pass (gradients
    on, no cache, no padding mask); an evaluation pass under no_grad still gets sdpa's block-diagonal
    mask from the position_ids, and the same logits as plain sdpa."""
    import torch
    from transformers import AutoModelForCausalLM
    from transformers.masking_utils import AttentionMaskInterface

    from kit.train import attention

    built = []

    def recording(*args, **kwargs):
        mask = attention.training_mask(*args, **kwargs)
        built.append(mask)
        return mask

    name = attention.register()
    AttentionMaskInterface.register(name, recording)
    try:
        batch = PackedCollator(pad_token_id=0, padding_free=True)(
            [{"input_ids": list(range(5, 25)) + list(range(30, 41)), "labels": list(range(31)), "seq_lengths": [20, 11]}]
        )
        model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
        model.set_attn_implementation(name)
        model.train()
        model(**batch, use_cache=False).loss.backward()
        assert built and all(mask is None for mask in built)
        built.clear()
        model.eval()
        with torch.no_grad():
            logits = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        assert built and all(mask is not None for mask in built)
        model.set_attn_implementation("sdpa")
        with torch.no_grad():
            ref = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        torch.testing.assert_close(logits, ref, atol=1e-5, rtol=1e-4)
    finally:
        attention.register()


def test_keep_freed_memory_sets_the_allocator_once():
    """glibc's mallopt takes the thresholds (this machine runs glibc); a second call is a no-op."""
    import sys

    from kit.train.allocator import keep_freed_memory

    if not sys.platform.startswith("linux"):
        pytest.skip("mallopt is glibc's")
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True


def _outputs_and_grads(model, ids):
    """A PEFT model's training logits on `ids` (labels = ids), the gradient of every trained parameter, and the
    logits with its adapter disabled."""
    import torch

    model.train()
    out = model(input_ids=ids, labels=ids)
    out.loss.backward()
    grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    with model.disable_adapter(), torch.no_grad():
        plain = model(input_ids=ids).logits
    return out.logits.detach(), grads, plain


def test_fused_lora_matches_peft_outputs_and_gradients(tiny_model_dir):
    """kit.train.fused_lora computes PEFT's LoRA forward and every gradient (adapter, trained embeddings,
    input) in one node; a disabled adapter and a layer with dropout fall back to PEFT's own forward."""
    import peft
    import torch
    from transformers import AutoModelForCausalLM

    from kit.train.fused_lora import fuse_lora

    def model_and_grads(fused: bool, dropout: float = 0.0):
        torch.manual_seed(0)
        base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
        config = peft.LoraConfig(r=4, lora_alpha=8, lora_dropout=dropout, target_modules="all-linear",
                                 modules_to_save=["embed_tokens"], ensure_weight_tying=True, task_type="CAUSAL_LM")
        model = peft.get_peft_model(base, config)
        for name, param in model.named_parameters():  # lora_B starts at zero: make the adapter do something
            if "lora_" in name:
                torch.nn.init.normal_(param, std=0.05)
        changed = fuse_lora(model) if fused else 0
        return changed, *_outputs_and_grads(model, torch.arange(3, 27).view(2, 12))

    _, ref_logits, ref_grads, ref_plain = model_and_grads(fused=False)
    changed, logits, grads, plain = model_and_grads(fused=True)
    layers = AutoModelForCausalLM.from_pretrained(tiny_model_dir).config.num_hidden_layers
    assert changed == 7 * layers  # q k v o gate up down in every layer
    torch.testing.assert_close(logits, ref_logits, atol=1e-5, rtol=1e-4)
    assert grads.keys() == ref_grads.keys() and any("lora_A" in n for n in grads)
    for name in grads:
        torch.testing.assert_close(grads[name], ref_grads[name], atol=1e-5, rtol=1e-4, msg=name)
    torch.testing.assert_close(plain, ref_plain)  # disabled adapter: PEFT's path, the base model's logits
    assert model_and_grads(fused=True, dropout=0.1)[0] == 0  # dropout on the adapter's input: not fused


def _tiny_gemma3(folder: Path) -> Path:
    """A random Gemma 3 text model at toy size: tied head and the embedding scale of the real one."""
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(0)
    config = Gemma3TextConfig(vocab_size=96, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=16, sliding_window=8,
                              pad_token_id=0, bos_token_id=2, eos_token_id=1, tie_word_embeddings=True)
    Gemma3ForCausalLM(config).save_pretrained(folder)
    return folder


@pytest.mark.parametrize("family", ["llama", "gemma3"])
def test_sparse_trainable_tokens_match_peft_outputs_and_gradients(family, tiny_model_dir, tmp_path):
    """kit.train.sparse_tokens gives PEFT's trainable-tokens logits and every gradient (the trained rows, the
    adapter) without rebuilding the table: on a tied Llama and on Gemma 3 (whose embedding is scaled); a
    disabled adapter falls back to PEFT's path and gives the base's logits."""
    import peft
    import torch
    from transformers import AutoModelForCausalLM

    from kit.train.sparse_tokens import sparse_tokens

    folder = tiny_model_dir if family == "llama" else _tiny_gemma3(tmp_path / "gemma3")
    trained = [5, 9, 40]  # 40 never occurs in the input: its head column still trains

    def model_and_grads(sparse: bool):
        torch.manual_seed(0)
        base = AutoModelForCausalLM.from_pretrained(folder)
        config = peft.LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", trainable_token_indices=trained,
                                 ensure_weight_tying=True, task_type="CAUSAL_LM")
        model = peft.get_peft_model(base, config)
        for name, param in model.named_parameters():  # lora_B and the deltas start at the base: move them
            if "lora_" in name or "trainable_tokens_delta" in name:
                torch.nn.init.normal_(param, std=0.05)
        changed = sparse_tokens(model) if sparse else 0
        ids = torch.tensor([[3, 5, 7, 9, 11, 5, 13, 15, 9, 17, 19, 21], [9, 4, 6, 8, 5, 10, 12, 14, 16, 18, 20, 22]])
        return changed, *_outputs_and_grads(model, ids)

    _, ref_logits, ref_grads, ref_plain = model_and_grads(sparse=False)
    changed, logits, grads, plain = model_and_grads(sparse=True)
    assert changed == 2  # the embedding and the tied head
    torch.testing.assert_close(logits, ref_logits, atol=1e-5, rtol=1e-4)
    deltas = [n for n in grads if "trainable_tokens_delta" in n]
    assert grads.keys() == ref_grads.keys() and deltas and any("lora_A" in n for n in grads)
    for name in grads:
        torch.testing.assert_close(grads[name], ref_grads[name], atol=1e-5, rtol=1e-4, msg=name)
    assert all(grads[n].abs().amax(dim=1).gt(0).all() for n in deltas)  # every trained row got a gradient
    torch.testing.assert_close(plain, ref_plain)


# training -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained(tiny_model_dir, tmp_path_factory):
    """One short LoRA run, watched: base weights before/after, LoRA weights at the start and the end."""
    from transformers import TrainerCallback

    from kit.train.sft import train

    class Watch(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            self.start = {n: p.detach().clone() for n, p in model.named_parameters()}

        def on_train_end(self, args, state, control, model=None, **kwargs):
            self.end = {n: p.detach().clone() for n, p in model.named_parameters()}
            self.trainable = {n for n, p in model.named_parameters() if p.requires_grad}

    root = tmp_path_factory.mktemp("trained")
    data = write_prepared(root / "data", n_train=48, n_val=8)
    watch = Watch()
    result = train(tiny_recipe(tiny_model_dir, data, root / "run", max_steps=16), callbacks=(watch,))
    return result, watch, data


@pytest.mark.slow
def test_lora_updates_adapter_weights_and_leaves_the_base_alone(trained, tiny_model_dir):
    from safetensors.torch import load_file

    _, watch, _ = trained
    lora = {n for n in watch.trainable if "lora_" in n}
    assert lora and lora == watch.trainable  # only adapter weights are trainable
    assert any(not watch.start[n].equal(watch.end[n]) for n in lora)
    original = load_file(str(tiny_model_dir / "model.safetensors"))
    for name, tensor in watch.end.items():
        if name in watch.trainable:
            continue
        key = name.replace("base_model.model.", "").replace(".base_layer", "")
        assert tensor.equal(watch.start[name]), name
        if key in original:
            assert tensor.equal(original[key]), name


@pytest.mark.slow
def test_run_folder_holds_adapter_tokenizer_config_record_curve_and_logs(trained):
    result, _, data = trained
    run = result.run_dir
    for name in (
        "adapter_model.safetensors",
        "adapter_config.json",
        "tokenizer.json",
        "chat_template.jinja",
        "loss.png",
    ):
        assert (run / name).is_file(), name
    assert (run / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list((run / "logs").glob("events.out.tfevents.*"))
    assert not (run / "checkpoints").exists()  # resume state is dropped once the run finished
    resolved = load_recipe(run / "resolved_config.yaml")
    assert resolved.train.output_dir == str(run) and resolved.lora.rank == 8
    record = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert record == result.record
    assert record["steps"] == 16 and record["device"] == "cpu" and record["gpu_hours"] == 0
    assert record["base_model"] == resolved.model.name and record["epochs"] > 1
    assert record["tokens_trained"] > record["loss_tokens_per_epoch"] > 0
    assert record["wall_seconds"] > 0 and record["data"]["hash"] == load_prepared(data).data_hash
    assert record["versions"]["trl"] and record["val_loss"]["base"] is not None


@pytest.mark.slow
def test_same_seed_and_thread_count_give_byte_identical_weights(trained, tiny_model_dir, tmp_path):
    from kit.train.sft import train

    first, _, data = trained
    assert first.record["torch_threads"] >= 1  # fixed by train.threads (default: the cores, at most 8), recorded
    again = train(tiny_recipe(tiny_model_dir, data, tmp_path / "again", max_steps=16), quiet_check=True)
    assert again.record["torch_threads"] == first.record["torch_threads"]
    same = (first.run_dir / "adapter_model.safetensors").read_bytes()
    assert (again.run_dir / "adapter_model.safetensors").read_bytes() == same


@pytest.mark.slow
def test_val_loss_drops_from_the_base(trained):
    record = trained[0].record
    assert record["val_loss"]["last"] < record["val_loss"]["base"]
    assert record["val_loss_reduction"] > 0.05  # a random 2-layer base; the 30% goal is tiny-es on the shop


@pytest.mark.slow
def test_val_examples_scores_val_loss_on_that_many_val_examples_only(trained, tiny_model_dir, tmp_path):
    from kit.train.sft import train

    assert trained[0].record["data"]["val_rows_scored"] == 8  # all of the fixture's val split
    result = train(tiny_recipe(tiny_model_dir, trained[2], tmp_path / "run", max_steps=2, val_examples=3))
    assert result.record["data"]["val_rows_scored"] == 3
    assert result.record["val_loss"]["base"] != trained[0].record["val_loss"]["base"]  # scored on fewer examples


@pytest.mark.slow
def test_merged_model_loads_without_peft_and_matches_the_adapter(trained, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    from kit.models.load import load_model
    from kit.train.merge import merge

    run = trained[0].run_dir
    out = merge(run, tmp_path / "merged")
    merged = AutoModelForCausalLM.from_pretrained(out).eval()
    recipe = load_recipe(run / "resolved_config.yaml")
    adapted, tok = load_model(recipe.model, adapter=str(run))
    ids = tok.apply_chat_template(
        [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": "¿Cuánto tarda el envío a León?"},
        ],
        add_generation_prompt=True,
        return_tensors="pt",
        return_dict=True,
    )["input_ids"]
    with torch.no_grad():
        torch.testing.assert_close(merged(ids).logits, adapted(ids).logits, atol=1e-4, rtol=1e-4)
    assert not any("lora" in k for k in merged.state_dict())
    with pytest.raises(ChatkitError, match="already exists"):
        merge(run, out)


@pytest.mark.slow
def test_resume_after_a_kill_reaches_the_same_final_step_and_weights(tiny_model_dir, tmp_path):
    from safetensors.torch import load_file

    from kit.train.callbacks import StopAtStep
    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=32, n_val=0)
    straight = train(
        tiny_recipe(tiny_model_dir, data, tmp_path / "straight", packing=False), quiet_check=True
    )
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "killed", packing=False)
    with pytest.raises(KeyboardInterrupt):
        train(recipe, callbacks=(StopAtStep(5),), quiet_check=True)
    assert (tmp_path / "killed" / "checkpoints" / "checkpoint-3").is_dir()
    with pytest.raises(ChatkitError, match="--resume"):
        train(recipe, quiet_check=True)  # refuses to clobber the unfinished run
    resumed = train(recipe, resume=True, quiet_check=True)
    assert resumed.record["steps"] == straight.record["steps"] == 8
    a = load_file(str(straight.run_dir / "adapter_model.safetensors"))
    b = load_file(str(resumed.run_dir / "adapter_model.safetensors"))
    for key in a:
        assert a[key].allclose(b[key], atol=1e-5), key
    with pytest.raises(ChatkitError, match="no checkpoint to resume"):
        train(recipe, resume=True, quiet_check=True)


@pytest.mark.slow
def test_trained_embeddings_stay_tied_and_merge_to_the_same_logits(tiny_model_dir, tmp_path):
    """lora.modules_to_save=[embed_tokens]: the embeddings train in full next to the adapter, the tied
    output head follows them, the base file is untouched, and both the merged folder and an in-memory
    merge (what `compare` serves) give the adapter's logits."""
    from safetensors.torch import load_file

    from kit.models.load import load_model
    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=32, n_val=0)
    before = load_file(str(tiny_model_dir / "model.safetensors"))
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "run")
    recipe = recipe.model_copy(update={"lora": recipe.lora.model_copy(update={"modules_to_save": ["embed_tokens"]})})
    run = train(recipe, quiet_check=True).run_dir
    saved = load_file(str(run / "adapter_model.safetensors"))
    embed = [k for k in saved if "embed_tokens" in k]
    assert embed, sorted(saved)
    original = before["model.embed_tokens.weight"]
    assert not saved[embed[0]].equal(original)  # the embeddings were trained
    after = load_file(str(tiny_model_dir / "model.safetensors"))
    assert all(after[k].equal(before[k]) for k in before)  # the base is untouched

    adapted, tok = load_model(recipe.model, adapter=str(run))
    served, _ = load_model(recipe.model, adapter=str(run), merge=True)
    assert not any("lora" in k or "modules_to_save" in k for k in served.state_dict())
    head, table = served.get_output_embeddings().weight, served.get_input_embeddings().weight
    assert head.data_ptr() == table.data_ptr() and table.equal(saved[embed[0]])  # still tied, to the trained table
    _assert_same_logits(adapted, served, run, tok, tmp_path)


def _assert_same_logits(adapted, served, run, tok, tmp_path):
    """The adapter in memory, its in-memory merge and its merged folder give the same logits on a prompt."""
    import torch
    from transformers import AutoModelForCausalLM

    from kit.train.merge import merge

    merged = AutoModelForCausalLM.from_pretrained(merge(run, tmp_path / "merged")).eval()
    ids = tok.apply_chat_template([{"role": "system", "content": SYSTEM},
                                   {"role": "user", "content": "¿Cuánto tarda el envío a Mérida?"}],
                                  add_generation_prompt=True, return_tensors="pt", return_dict=True)["input_ids"]
    with torch.no_grad():
        reference = adapted(ids).logits
        torch.testing.assert_close(served(ids).logits, reference, atol=1e-4, rtol=1e-4)
        torch.testing.assert_close(merged(ids).logits, reference, atol=1e-4, rtol=1e-4)


@pytest.mark.slow
def test_trainable_tokens_train_only_their_rows_tied_and_merge_to_the_same_logits(tiny_model_dir, tmp_path):
    """lora.trainable_tokens: only the listed tokens' embedding rows train beside the adapter; the tied head
    follows them; in-memory merge (what compare serves) and the merged folder give the adapter's logits."""
    from safetensors.torch import load_file

    from kit.models.load import load_model
    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=32, n_val=0)
    before = load_file(str(tiny_model_dir / "model.safetensors"))
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "run")
    recipe = recipe.model_copy(update={"lora": recipe.lora.model_copy(update={"trainable_tokens": ["<|im_start|>", "<|im_end|>"]})})
    run = train(recipe, quiet_check=True).run_dir
    served, tok = load_model(recipe.model, adapter=str(run), merge=True)
    ids = [tok.convert_tokens_to_ids(t) for t in ("<|im_start|>", "<|im_end|>")]
    assert json.loads((run / "adapter_config.json").read_text())["trainable_token_indices"] == ids
    table, original = served.get_input_embeddings().weight, before["model.embed_tokens.weight"]
    moved = (table - original).abs().amax(dim=1).nonzero().flatten().tolist()
    assert moved == sorted(ids)  # those rows and no other
    assert served.get_output_embeddings().weight.data_ptr() == table.data_ptr()  # still tied
    after = load_file(str(tiny_model_dir / "model.safetensors"))
    assert all(after[k].equal(before[k]) for k in before)  # the base is untouched
    adapted, _ = load_model(recipe.model, adapter=str(run))
    _assert_same_logits(adapted, served, run, tok, tmp_path)


@pytest.mark.slow
def test_a_bf16_base_on_cpu_trains_fp32_adapter_and_token_rows_and_lowers_val_loss(tiny_model_dir, tmp_path):
    """model.dtype=bfloat16 on a CPU (the Gemma demo's LoRA): the frozen weights train in bf16 while PEFT keeps
    the adapter and the trained token rows in fp32 (run.json says both), they are saved in fp32, and the run learns."""
    from safetensors import safe_open

    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=48, n_val=8)
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "run", max_steps=16)
    recipe = recipe.model_copy(update={
        "model": recipe.model.model_copy(update={"dtype": "bfloat16"}),
        "lora": recipe.lora.model_copy(update={"trainable_tokens": ["<|im_start|>", "<|im_end|>"]}),
    })
    result = train(recipe, quiet_check=True)
    assert result.record["dtypes"] == {"frozen": "bfloat16", "trained": "float32"}
    with safe_open(str(result.run_dir / "adapter_model.safetensors"), "pt") as f:
        dtypes = {name: f.get_slice(name).get_dtype() for name in f.keys()}
    assert any("lora_A" in n for n in dtypes) and any("trainable_tokens_delta" in n for n in dtypes)
    assert set(dtypes.values()) == {"F32"}
    assert result.record["val_loss"]["last"] < 0.98 * result.record["val_loss"]["base"]  # the same recipe in fp32: 4.2% lower


def test_a_trainable_token_outside_the_vocabulary_is_one_error(tiny_model_dir, tmp_path):
    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=8, n_val=0)
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "run")
    recipe = recipe.model_copy(update={"lora": recipe.lora.model_copy(update={"trainable_tokens": ["<end_of_turn>"]})})
    with pytest.raises(ChatkitError, match=r"lora.trainable_tokens: '<end_of_turn>' is not one token"):
        train(recipe, quiet_check=True)


def test_a_module_to_save_that_matches_nothing_is_one_error(tiny_model_dir, tmp_path):
    from kit.train.sft import train

    data = write_prepared(tmp_path / "data", n_train=8, n_val=0)
    recipe = tiny_recipe(tiny_model_dir, data, tmp_path / "run")
    recipe = recipe.model_copy(update={"lora": recipe.lora.model_copy(update={"modules_to_save": ["embed_token"]})})
    with pytest.raises(ChatkitError, match="no module named 'embed_token'.*embed_tokens"):
        train(recipe, quiet_check=True)
