"""tiny-es: the offline base builds through the CLI, loads like any HF model, is deterministic, its
template trains exactly the answers, its tokenizer never loses a character, and it never sees the shop."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from conftest import ROOT

QUICK = [
    "--set",
    "vocab_size=512",
    "--set",
    "hidden_size=32",
    "--set",
    "intermediate_size=64",
    "--set",
    "num_layers=2",
    "--set",
    "num_heads=2",
    "--set",
    "num_kv_heads=2",
    "--set",
    "batch_tokens=1024",
]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def run_main(*args: str) -> int:
    from kit.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    return exit_.value.code


@pytest.fixture(scope="module")
def quick_dir(tmp_path_factory):
    """A toy-sized build made through `chatkit base build` (in process: imports are shared)."""
    out = tmp_path_factory.mktemp("tiny") / "model"
    assert run_main("base", "build", "--out", str(out), "--steps", "3", "--seed", "1", *QUICK) == 0
    return out


def test_cli_build_writes_a_standard_hf_folder(quick_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaForCausalLM

    names = {p.name for p in quick_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "build.json"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)
    model = AutoModelForCausalLM.from_pretrained(quick_dir)
    tok = AutoTokenizer.from_pretrained(quick_dir)
    assert isinstance(model, LlamaForCausalLM) and model.config.tie_word_embeddings
    assert model.config.vocab_size == len(tok)
    record = json.loads((quick_dir / "build.json").read_text(encoding="utf-8"))
    assert record["config"]["steps"] == 3 and record["seed"] == 1  # --steps and --seed reached the build
    assert record["parameters"] == sum(p.numel() for p in model.parameters())
    assert record["tokens_seen"] > record["tokens_trained"] > 0
    assert record["source_companies"] == ["operator", "bank"]
    assert model.config.attention_bias  # the seeded positional heads live in the q/k biases
    probe = record["copy_probe"]  # loss on random tokens and on their repeat, both finite numbers
    assert set(probe) == {"first", "second"} and all(0 < v < 50 for v in probe.values())
    asked = record["question_probe"]  # answer loss after its own question and after another intent's
    assert asked["own"] > 0 and asked["other"] > 0
    assert abs(asked["gap"] - (asked["other"] - asked["own"])) <= 0.011
    assert record["examples"]["random_copies"] > 0
    prompt = tok.apply_chat_template(
        [{"role": "user", "content": "Hola"}],
        add_generation_prompt=True,
        return_tensors="pt",
        return_dict=True,
    )
    out = model.generate(**prompt, max_new_tokens=3, do_sample=False)
    assert out.shape[1] > prompt["input_ids"].shape[1]


def test_same_seed_same_weights_other_seed_differs(tmp_path):
    from safetensors.torch import load_file

    from kit.tiny_es.arch import TinyConfig
    from kit.tiny_es.build import build_tiny_es

    cfg = TinyConfig.quick()
    a = load_file(build_tiny_es(tmp_path / "a", seed=3, config=cfg) / "model.safetensors")
    b = load_file(build_tiny_es(tmp_path / "b", seed=3, config=cfg) / "model.safetensors")
    c = load_file(build_tiny_es(tmp_path / "c", seed=4, config=cfg) / "model.safetensors")
    assert a.keys() == b.keys()
    assert all((a[k] == b[k]).all() for k in a)
    assert any(a[k].shape != c[k].shape or not (a[k] == c[k]).all() for k in a)


def test_chat_template_masks_exactly_the_answers_and_im_end(quick_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(quick_dir)
    msgs = [
        {"role": "system", "content": "Eres el asistente."},
        {"role": "user", "content": "¿Cuánto tarda el envío?"},
        {"role": "assistant", "content": "Llega en 3 a 5 días hábiles."},
        {"role": "user", "content": "¡Gracias!"},
        {"role": "assistant", "content": "¡Con gusto! 😊"},
    ]
    enc = tok.apply_chat_template(msgs, tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    ids, mask = enc["input_ids"], enc["assistant_masks"]
    trained = [i for i, m in zip(ids, mask, strict=True) if m]
    end = tok.convert_tokens_to_ids("<|im_end|>")
    assert tok.decode(trained) == "Llega en 3 a 5 días hábiles.<|im_end|>¡Con gusto! 😊<|im_end|>"
    assert trained.count(end) == 2 and ids.count(end) == 5  # system and user ends are not trained
    rendered = tok.apply_chat_template(msgs[:2], tokenize=False, add_generation_prompt=True)
    assert rendered.endswith("<|im_start|>user\n¿Cuánto tarda el envío?<|im_end|>\n<|im_start|>assistant\n")


def test_tokenizer_round_trips_spanish_and_emoji_and_pad_differs_from_eos(quick_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(quick_dir)
    text = "¿Cuánto cuesta? ñandú ¡Sí! 😊"
    ids = tok.encode(text, add_special_tokens=False)
    assert tok.decode(ids) == text
    assert tok.unk_token_id is None
    assert tok.pad_token_id != tok.eos_token_id
    assert tok.eos_token == "<|im_end|>" and tok.pad_token == "<|pad|>"
    for special in ("<|im_start|>", "<|im_end|>", "<|pad|>", "<|endoftext|>"):
        assert len(tok.encode(special, add_special_tokens=False)) == 1
    digits = tok.tokenize("900 800 414")
    assert all(len(t.lstrip("Ġ")) <= 1 for t in digits)  # one digit per token: any number can be copied


def test_real_config_is_under_ten_million_parameters():
    import torch
    from transformers import LlamaForCausalLM

    from kit.tiny_es.arch import TinyConfig, llama_config, param_count

    cfg = TinyConfig()
    assert param_count(cfg) <= 10_000_000

    class Vocab:  # llama_config only asks the tokenizer for its size and two token ids
        def __len__(self):
            return cfg.vocab_size

        def convert_tokens_to_ids(self, token):
            return {"<|im_end|>": 2, "<|pad|>": 3}[token]

    with torch.device("meta"):
        model = LlamaForCausalLM(llama_config(cfg, Vocab()))
    assert sum(p.numel() for p in model.parameters()) == param_count(cfg)


def test_training_text_never_mentions_the_shop():
    from kit.tiny_es.arch import TinyConfig
    from kit.tiny_es.build import training_messages
    from kit.tiny_es.data import load_company

    messages, counts = training_messages(TinyConfig.quick().model_copy(update={"steps": 40}), seed=0)
    text = "\n".join(m["content"] for msgs in messages for m in msgs).casefold()
    shop = load_company("shop")
    assert counts["reading"] > 0 and counts["corpus_chats"] > 0
    assert "mercacolibr" not in text and not any(page.id in text for page in shop.pages)
    distinctive = [f.value.casefold() for f in shop.facts.values() if len(f.value) > 20]
    assert len(distinctive) > 10 and not [v for v in distinctive if v in text]


def test_reading_exercises_use_the_rag_layout_and_answers_come_from_the_passages():
    import random
    import re

    from kit.prompts import CONTEXT_HEADER, DEFAULT_SYSTEM_PROMPT
    from kit.tiny_es.data import ReadingExercises, chunk_markdown, load_company

    operator, bank = load_company("operator"), load_company("bank")
    ex = ReadingExercises(bank, [operator], DEFAULT_SYSTEM_PROMPT)
    rng = random.Random(0)
    for _ in range(40):
        msgs = ex.make(rng)
        system = msgs[0]["content"]
        assert system.startswith(f"{DEFAULT_SYSTEM_PROMPT}\n\n{CONTEXT_HEADER}\n[")
        for answer in (m["content"] for m in msgs if m["role"] == "assistant"):
            cited = re.findall(r"\[([\w#:-]+)\]", answer)
            assert cited and all(f"[{c}] " in system for c in cited)
    # extractive answers copy units (sentences, list items, table rows) that are verbatim in the passage
    for company in (operator, bank):
        for page in company.pages:
            for chunk in chunk_markdown(page.id, page.title, page.body):
                flat = " ".join(chunk.text.split())  # as the prompt shows it (format_passage)
                assert chunk.units and all(unit in flat for unit in chunk.units), chunk.id


def test_ensure_builds_once_when_two_callers_race(tmp_path, monkeypatch):
    import kit.tiny_es.build as tiny
    from kit.tiny_es.arch import TinyConfig

    calls = []
    real = tiny.build_tiny_es
    monkeypatch.setattr(tiny, "build_tiny_es", lambda *a, **k: calls.append(1) or real(*a, **k))
    cfg = TinyConfig.quick().model_copy(update={"steps": 1})
    results: list = []
    threads = [
        threading.Thread(target=lambda: results.append(tiny.ensure_tiny_es(0, str(tmp_path), cfg)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 2 and results[0] == results[1]
    assert (results[0] / "build.json").is_file() and results[0].name.startswith("tiny-es-")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [results[0].name]
    assert tiny.ensure_tiny_es(0, str(tmp_path), cfg) == results[0] and len(calls) == 1


def test_check_items_carry_the_passages_that_state_their_facts():
    from kit.facts import check_facts
    from kit.tiny_es.check import check_items, has_facts

    items = check_items("shop", n=20)
    assert len(items) == 20 and len({i.id for i in items}) == 20
    # the base check chooses, so it reads dev items only: the ones prepare marks split=dev
    from kit.corpus.generate import generate
    from kit.data.split import assign_eval_splits

    evals = [{"id": it.id, "meta": it.meta} for it in generate("shop", 0, n=1).eval_items]
    dev = {it["id"] for it, split in zip(evals, assign_eval_splits(evals, 0.3, 0), strict=True) if split == "dev"}
    assert {i.id for i in items} <= dev and len(dev) == 108
    for item in items:  # the passages state every fact (among their other values: not an answer, a page)
        assert check_facts(" ".join(text for _, text in item.passages), item.required_facts).missing == []
    assert has_facts("Tiene 30 DIAS naturales", ["30 días naturales"])
    assert not has_facts("Tiene 30 días", ["30 días naturales"])


def test_base_check_and_info_run_on_a_build(quick_dir, capsys):
    assert run_main("base", "check", str(quick_dir), "-n", "2", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    rows = result["rows"]
    assert result["items"] == len(rows) == 2 and all(isinstance(r["with_passage"], str) for r in rows)
    # every row was judged by compare's facts judge, and the shares are the judged rows' shares
    from kit.facts import check_facts

    for key in ("with_passage", "without_passage"):
        judged = [check_facts(r[key], r["required_facts"]).correct for r in rows]
        assert [r[f"{key}_ok"] for r in rows] == judged, key
        assert result[f"facts_{key}"] == sum(judged) / len(rows), key
    assert run_main("base", "info", str(quick_dir), "--json") == 0
    assert json.loads(capsys.readouterr().out)["name"] == "tiny-es"


def test_cli_errors_are_one_line(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    cases = [
        (["base", "build", "--out", str(tmp_path / "full")], "already exists"),
        (
            ["base", "build", "--out", str(tmp_path / "new"), "--set", "hiden_size=8"],
            "did you mean 'hidden_size'",
        ),
        (["base", "info", str(tmp_path)], "build.json not found"),
        (["base", "check", str(tmp_path)], "not a model folder"),
    ]
    for args, expected in cases:
        res = cli(*args)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 1 and len(lines) == 1 and expected in lines[0], (args, res.stderr)
    assert not (tmp_path / "new").exists()


def test_fast_encoding_matches_the_chat_template_mask(quick_dir):
    from transformers import AutoTokenizer

    from kit.tiny_es.arch import TinyConfig
    from kit.tiny_es.build import training_messages
    from kit.tiny_es.train import IGNORE, encode_all

    tok = AutoTokenizer.from_pretrained(quick_dir)
    messages, _ = training_messages(TinyConfig.quick().model_copy(update={"steps": 30}), seed=2)
    examples = encode_all(tok, messages[:40], max_len=100_000)
    assert len(examples) == 40
    for msgs, ex in zip(messages[:40], examples, strict=True):
        enc = tok.apply_chat_template(
            msgs, tokenize=True, return_dict=True, return_assistant_tokens_mask=True
        )
        assert ex.ids == list(enc["input_ids"])
        assert ex.labels == [
            t if m else IGNORE for t, m in zip(enc["input_ids"], enc["assistant_masks"], strict=True)
        ]
    shortened = 0
    for msgs, full in zip(messages[:40], examples, strict=True):
        cut = encode_all(tok, [msgs], max_len=200)
        assert all(len(e.ids) <= 200 for e in cut)
        if (
            cut and len(full.ids) > 200 and len(cut[0].ids) < 200
        ):  # cut just after a whole answer's <|im_end|>
            assert cut[0].ids == full.ids[: len(cut[0].ids)] and cut[0].labels[-1] == tok.eos_token_id
            shortened += 1
    assert shortened


def test_loss_on_all_trains_every_token_but_turn_breaks(quick_dir):
    from transformers import AutoTokenizer

    from kit.tiny_es.arch import TinyConfig
    from kit.tiny_es.build import training_messages
    from kit.tiny_es.train import IGNORE, encode_all

    tok = AutoTokenizer.from_pretrained(quick_dir)
    messages, _ = training_messages(TinyConfig.quick().model_copy(update={"steps": 30}), seed=3)
    newline = tok.encode("\n", add_special_tokens=False)
    assistant_only = encode_all(tok, messages[:10], max_len=100_000)
    everything = encode_all(tok, messages[:10], max_len=100_000, loss_on="all")
    for a, e in zip(assistant_only, everything, strict=True):
        assert a.ids == e.ids
        masked = [t for t, label in zip(e.ids, e.labels, strict=True) if label == IGNORE]
        assert masked and all(t in newline for t in masked)  # only the breaks between turns
        assert sum(x != IGNORE for x in e.labels) > sum(x != IGNORE for x in a.labels)
        # whatever the assistant-only encoding trains, "all" trains too
        assert all(le == la for la, le in zip(a.labels, e.labels, strict=True) if la != IGNORE)


def test_seeded_heads_attend_to_the_token_their_offset_back():
    """At init, layer-0 head h looks `offsets[h]` tokens back whatever the tokens; other heads do not."""
    import torch
    from transformers import LlamaForCausalLM

    from kit.tiny_es.arch import TinyConfig, llama_config, seed_positional_heads

    cfg = TinyConfig(vocab_size=300, hidden_size=64, intermediate_size=64, num_layers=2, positional_heads=[1, 2])

    class Vocab:
        def __len__(self):
            return 300

        def convert_tokens_to_ids(self, token):
            return {"<|im_end|>": 2, "<|pad|>": 3}[token]

    torch.manual_seed(0)
    model = LlamaForCausalLM(llama_config(cfg, Vocab()))
    model.set_attn_implementation("eager")  # sdpa does not return attention weights
    seed_positional_heads(model, cfg.positional_heads, cfg.positional_strength)
    ids = torch.randint(8, 300, (2, 60))
    with torch.no_grad():
        attn = model(input_ids=ids, output_attentions=True).attentions[0]  # (batch, heads, query, key)
    peak = attn[:, :, 10:].argmax(-1)  # from query 10 on, where a query has enough tokens behind it
    query = torch.arange(10, 60)
    assert (peak[:, 0] == query - 1).float().mean() > 0.95
    assert (peak[:, 1] == query - 2).float().mean() > 0.95
    assert attn[:, 0, 10:].max(-1).values.mean() > 0.8  # sharp, not a smear over the neighbours
    assert (peak[:, 2] == query - 1).float().mean() < 0.5  # an unseeded head has no such habit


def test_question_probe_finds_no_gap_when_the_model_ignores_the_question(quick_dir):
    """Logits that never look at the input: the answer costs the same after any question, gap 0."""
    import torch
    from transformers import AutoTokenizer
    from transformers.modeling_outputs import CausalLMOutput

    from kit.tiny_es.probes import question_probe

    tok = AutoTokenizer.from_pretrained(quick_dir)

    class Deaf(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.logits = torch.linspace(-2, 2, len(tok))

        def forward(self, input_ids):
            return CausalLMOutput(logits=self.logits.expand(*input_ids.shape, -1))

    asked = question_probe(Deaf(), tok, n=8)
    assert asked["own"] > 0 and asked["gap"] == 0


def test_shipped_build_is_the_one_the_builder_would_make_now(tmp_path, monkeypatch):
    """kit/tiny_es/shipped carries the default build; its digest must match today's builder, config and seed."""
    import kit.tiny_es.build as tiny
    from kit.tiny_es.arch import TinyConfig

    record = json.loads((tiny.SHIPPED / "build.json").read_text(encoding="utf-8"))
    assert record["version"] == tiny.version_hash(TinyConfig(), 0), (
        "the shipped tiny-es is stale: rebuild it with `chatkit base build --out DIR` and copy DIR into kit/tiny_es/shipped"
    )

    def no_build(*a, **k):
        raise AssertionError("ensure_tiny_es built instead of using the shipped folder")

    monkeypatch.setattr(tiny, "build_tiny_es", no_build)
    assert tiny.ensure_tiny_es(0, str(tmp_path)) == tiny.SHIPPED
    assert list(tmp_path.iterdir()) == []  # nothing written to the cache
