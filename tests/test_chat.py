"""The chat session in-process: history through the template, fitting the context, /save, /retry, /compare,
cost, run folders. The terminal itself is driven through a pseudo-terminal in test_chat_pty.py."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from kit.errors import ChatkitError

QUESTION = "¿Cuánto tarda el envío a Monterrey? ¡Gracias, señora Núñez!"


def _readable(text: str) -> bool:
    return bool(text.strip()) and text.isprintable() and "\ufffd" not in text


def make_readable_model(src: Path, dst: Path, **generation) -> Path:
    """A copy of the random tiny model whose greedy answers are words: tokens that decode to control
    bytes, broken UTF-8 or special markers are suppressed and bigrams do not repeat. `generation` adds
    generation_config fields (min_new_tokens makes an answer long, for the Ctrl-C test)."""
    from transformers import AutoTokenizer, GenerationConfig

    shutil.copytree(src, dst)
    tok = AutoTokenizer.from_pretrained(dst)
    specials = set(tok.all_special_ids) - {tok.eos_token_id}
    bad = [i for i in range(len(tok)) if i in specials or (i != tok.eos_token_id and not _readable(tok.decode([i])))]
    cfg = GenerationConfig.from_pretrained(dst)
    cfg.suppress_tokens = bad
    cfg.no_repeat_ngram_size = 2
    for key, value in generation.items():
        setattr(cfg, key, value)
    cfg.save_pretrained(dst)
    return dst


def make_run_folder(model_dir: Path, run_dir: Path, system_prompt: str, index: str = "no/such/index") -> Path:
    """What `chatkit train` leaves: a LoRA adapter (non-zero, so it changes answers), the tokenizer,
    resolved_config.yaml and run.json."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.config import to_yaml
    from kit.models.config import ModelConfig
    from kit.rag.config import RagConfig
    from kit.train.recipe import Recipe

    torch.manual_seed(1)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    lora = LoraConfig(r=8, lora_alpha=64, target_modules=["q_proj", "v_proj", "o_proj"], init_lora_weights=False)
    get_peft_model(model, lora).save_pretrained(run_dir, safe_serialization=True)
    AutoTokenizer.from_pretrained(model_dir).save_pretrained(run_dir)
    recipe = Recipe(system_prompt=system_prompt, model=ModelConfig(name=str(model_dir)), rag=RagConfig(index=index))
    (run_dir / "resolved_config.yaml").write_text(to_yaml(recipe), encoding="utf-8")
    (run_dir / "run.json").write_text(json.dumps({"base_model": str(model_dir)}), encoding="utf-8")
    return run_dir


@pytest.fixture(scope="session")
def readable_model_dir(tiny_model_dir, tmp_path_factory) -> Path:
    return make_readable_model(tiny_model_dir, tmp_path_factory.mktemp("chat") / "readable")


@pytest.fixture(scope="module")
def run_dir(readable_model_dir, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("run")
    return make_run_folder(readable_model_dir, folder, "Eres el asistente de MercaColibrí. Responde en español.")


PASSAGES = [
    ("reembolsos#1", "Los reembolsos tardan de 5 a 7 días hábiles en verse reflejados en su tarjeta."),
    ("envios#1", "El envío estándar a todo México tarda de 3 a 5 días hábiles; es gratis desde $999 MXN."),
    ("devoluciones#1", "Tiene 30 días naturales para devolver un producto sin costo desde su cuenta."),
    ("pagos#1", "Aceptamos tarjetas de crédito y débito, OXXO y transferencias SPEI."),
    ("cuenta#1", "Para cambiar su contraseña entre a Mi cuenta y elija Seguridad."),
]


def make_index(folder: Path) -> Path:
    """A five-passage index built by `chatkit index`'s library code."""
    from kit.data.schema import Passage
    from kit.rag.build import build_index

    build_index([Passage(pid, text, f"kb.jsonl:{i + 1}") for i, (pid, text) in enumerate(PASSAGES)], folder)
    return folder


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    return make_index(tmp_path_factory.mktemp("chat-index") / "index")


@pytest.fixture(scope="module")
def backend(readable_model_dir):
    from kit.chat.backend import load_backend, resolve_source

    return load_backend(resolve_source(model=str(readable_model_dir)))


@pytest.fixture(scope="module")
def tuned_backend(run_dir):
    from kit.chat.backend import load_backend, resolve_source

    return load_backend(resolve_source(run=str(run_dir)))


def session(backend, **kw):
    from kit.chat.session import ChatSession

    return ChatSession(backend, **{"max_new_tokens": 8, **kw})


def test_turns_go_through_the_chat_template_with_history(backend):
    s = session(backend)
    first = s.ask(QUESTION)
    assert first.answer and first.generation.completion_tokens > 0 and first.generation.stopped in ("eos", "length")
    second = s.prepare("¿Y a Oaxaca?")
    roles = [m["role"] for m in second.messages]
    assert roles == ["system", "user", "assistant", "user"]
    assert second.messages[0]["content"] == s.system_prompt
    assert second.messages[1]["content"] == QUESTION and second.messages[2]["content"] == first.answer
    rendered = backend.generator.tokenizer.decode(backend.generator.encode(second.messages))
    assert rendered.count("<|im_start|>user") == 2 and rendered.endswith("<|im_start|>assistant\n")


def test_history_is_trimmed_to_the_context_with_a_notice(backend):
    s = session(backend, max_new_tokens=200)  # 512-token context: 312 left for the prompt
    for i in range(8):
        s.history += [
            {"role": "user", "content": f"Pregunta {i}: " + "¿dónde está mi pedido de zapatos? " * 3},
            {"role": "assistant", "content": "Su pedido llega en 3 a 5 días hábiles. " * 2},
        ]
    prepared = s.prepare("¿Y el reembolso?")
    assert len(backend.generator.encode(prepared.messages)) <= 312
    assert any(n.startswith("history trimmed") for n in prepared.notices)
    kept = prepared.messages[1:-1]
    assert 0 < len(kept) < 16 and kept == s.history[-len(kept):]  # the newest turns stay, in order
    s.max_new_tokens = 4  # (answer briefly: the fit above is what is under test)
    list(s.stream(prepared))
    assert s.context_start == prepared.context_start > 0 and len(s.history) == 18  # /save keeps every turn
    assert s.stats()["turns_in_context"] == len(kept) // 2 + 1


def test_overlong_input_is_trimmed_with_a_warning(backend):
    s = session(backend, max_new_tokens=64)
    prepared = s.prepare("¿Puedo devolver un producto? " * 400)
    assert any(n.startswith("input trimmed") for n in prepared.notices)
    assert len(backend.generator.encode(prepared.messages)) <= backend.generator.max_context - 64
    assert prepared.question.startswith("¿Puedo devolver un producto?")


def test_save_appends_openai_messages_jsonl_utf8(backend, tmp_path):
    from kit.data.schema import Conversation

    s = session(backend)
    with pytest.raises(ChatkitError, match="nothing to save"):
        s.save(tmp_path / "c.jsonl")
    s.ask(QUESTION)
    out = tmp_path / "sub" / "c.jsonl"
    assert s.save(out) == 1
    s.ask("¿Tienen tienda en Mérida?")
    assert s.save(out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    records = [Conversation.from_json(json.loads(line)) for line in lines]
    assert [m.role for m in records[1].messages] == ["system", "user", "assistant", "user", "assistant"]
    assert records[1].messages[1].content == QUESTION  # ¿ ¡ ñ ú intact, not \u escapes
    assert "señora Núñez" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["c.jsonl"]  # no temp file left


def test_stopped_answer_is_not_kept_and_retry_asks_again(backend):
    s = session(backend, max_new_tokens=40)
    cancel = threading.Event()
    cancel.set()
    turn = list(s.stream(s.prepare(QUESTION), cancel))[-1]
    assert turn.stopped and turn.generation.completion_tokens < 40
    assert s.history == [] and s.retry() == QUESTION
    s.ask(QUESTION)
    s.ask("¿Y el costo?")
    assert s.retry() == "¿Y el costo?" and len(s.history) == 2


def test_finished_answers_are_never_labelled_cancelled(backend):
    # LocalGenerator.stream sets its Event after the last token; that must not read as a user stop
    s = session(backend, max_new_tokens=6)
    cancel = threading.Event()
    for _ in range(5):
        assert list(s.stream(s.prepare(QUESTION), cancel))[-1].generation.stopped in ("eos", "length")
    assert not cancel.is_set()


def test_settings_commands_validate(backend):
    s = session(backend)
    with pytest.raises(ChatkitError, match="no index loaded"):
        s.set_rag(True)
    with pytest.raises(ChatkitError, match="between 1 and"):
        s.set_k(0)
    with pytest.raises(ChatkitError, match="/system needs"):
        s.set_system("  ")
    s.set_system("Eres un agente de Altavía Móvil.")
    assert s.prepare("Hola").messages[0]["content"] == "Eres un agente de Altavía Móvil."
    with pytest.raises(ChatkitError, match="nothing to retry"):
        s.retry()


def test_cost_follows_the_price_table(backend):
    from conftest import ROOT

    from kit.chat.backend import load_pricing
    from kit.compare.cost import load_prices

    pricing = load_pricing(str(ROOT / "eval" / "prices.yaml"))
    table = load_prices(ROOT / "eval" / "prices.yaml").models["gpt-4o-mini"]
    gen = session(backend).ask(QUESTION).generation
    assert pricing.cost(gen) == pytest.approx((gen.prompt_tokens * table.input + gen.completion_tokens * table.output) / 1e6)
    assert pricing.cost(gen, fine_tuned=True) > pricing.cost(gen)
    # a RAG answer also pays its question's embedding: the same price_query compare charges its rows with
    from kit.compare.cost import price_query

    embedding = load_prices(ROOT / "eval" / "prices.yaml").retrieval.embedding
    assert pricing.cost(gen, retrieves=True, query_tokens=12) == pytest.approx(pricing.cost(gen) + 12 * embedding / 1e6)
    assert pricing.cost(gen, retrieves=True, query_tokens=12) == price_query(
        pricing.prices, "api", model_key="gpt-4o-mini", generates=True, retrieves=True, prompt_tokens=gen.prompt_tokens,
        completion_tokens=gen.completion_tokens, query_tokens=12)
    assert load_pricing(str(ROOT / "eval" / "prices.yaml"), model_key="no-such-model").cost(gen) is None
    with pytest.raises(ChatkitError, match="file not found"):
        load_pricing("no/such/prices.yaml")


def test_run_folder_gives_model_adapter_and_system_prompt(run_dir, readable_model_dir):
    from kit.chat.backend import resolve_source

    src = resolve_source(run=str(run_dir))
    assert src.model.name == str(readable_model_dir) and src.adapter == str(run_dir)
    assert src.system_prompt.startswith("Eres el asistente de MercaColibrí")
    assert src.index is None and any("RAG is off" in n for n in src.notes)
    with pytest.raises(ChatkitError, match="either --run"):
        resolve_source(run=str(run_dir), model="tiny-es")
    with pytest.raises(ChatkitError, match="run folder not found"):
        resolve_source(run=str(run_dir / "nope"))
    with pytest.raises(ChatkitError, match="no adapter_model.safetensors"):
        resolve_source(run=str(readable_model_dir))
    with pytest.raises(ChatkitError, match="no model to chat with"):
        resolve_source()
    with pytest.raises(ChatkitError, match="index folder not found"):
        resolve_source(run=str(run_dir), index=str(run_dir / "no-index"))


def test_recipe_gives_system_prompt_and_model(tmp_path, readable_model_dir):
    from kit.chat.backend import resolve_source

    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"system_prompt: Eres el asistente de Banco Guadua.\nmodel:\n  name: {readable_model_dir}\n", encoding="utf-8")
    src = resolve_source(recipe=str(recipe), device="cpu")
    assert src.system_prompt == "Eres el asistente de Banco Guadua."
    assert src.model.name == str(readable_model_dir) and src.model.device == "cpu" and src.adapter is None
    recipe.write_text("sistem_prompt: x\n", encoding="utf-8")
    with pytest.raises(ChatkitError, match="did you mean 'system_prompt'"):
        resolve_source(recipe=str(recipe))


def test_compare_asks_base_and_tuned_without_touching_history(tuned_backend, backend):
    s = session(tuned_backend, max_new_tokens=10)
    s.ask(QUESTION)
    history = list(s.history)
    arms = list(s.compare("¿Cuánto cuesta el envío express?"))
    assert [t.arm for t in arms] == ["base", "tuned"]
    assert s.history == history
    # the base arm really runs without the adapter: it answers as the plain base model does
    plain = session(backend, max_new_tokens=10)
    plain.history, plain.system_prompt = list(history), s.system_prompt
    assert arms[0].answer == plain.ask("¿Cuánto cuesta el envío express?").answer
    assert arms[1].answer != arms[0].answer
    assert all(t.generation.prompt_tokens > 0 and t.cost is not None for t in arms)
    assert arms[1].cost > 0 and s.stats()["turns"] == 1  # compare answers are not chat turns


@pytest.fixture(scope="module")
def rag_backend(readable_model_dir, index_dir):
    from kit.chat.backend import load_backend, resolve_source

    return load_backend(resolve_source(model=str(readable_model_dir), index=str(index_dir)))


def test_rag_puts_the_right_passage_in_the_prompt(rag_backend):
    s = session(rag_backend)
    assert s.rag_on  # on by default when an index is loaded
    turn = s.ask("¿Cuánto tarda un reembolso?")
    assert turn.rag and turn.sources[0].id == "reembolsos#1" and len(turn.sources) == s.k == 3
    assert [src.rank for src in s.last_sources] == [1, 2, 3]
    system = s.prepare("¿Y el envío?").messages[0]["content"]
    assert system.startswith(s.system_prompt) and "[envios#1]" in system
    s.set_k(1)
    assert len(s.prepare("¿Aceptan OXXO?").sources) == 1
    s.set_rag(False)
    assert s.prepare("¿Aceptan OXXO?").sources == [] and s.arms() == [("base", False, False), ("base+RAG", False, True)]
    rag_arm = list(s.compare("¿Aceptan OXXO?"))[1]
    assert rag_arm.rag and rag_arm.sources[0].id == "pagos#1"


def test_passages_give_way_when_the_context_is_short(rag_backend):
    s = session(rag_backend, max_new_tokens=220, k=5)  # 512-token context: 292 left for the prompt
    prepared = s.prepare("¿Cuánto tarda un reembolso? " * 6)
    assert len(prepared.sources) < 5 and any("passages left out" in n for n in prepared.notices)
    assert len(rag_backend.generator.encode(prepared.messages)) <= 292


def test_shots_give_base_rag_the_completion_prompt_and_leave_tuned_and_plain_turns_in_the_chat_layout(
    readable_model_dir, backend, tmp_path
):
    from kit.chat.backend import load_backend, resolve_source
    from kit.data.schema import Passage
    from kit.rag.build import build_index

    pair = Passage("qa:c1#1", "Pregunta: ¿cuánto tardan los reembolsos?\nRespuesta: Tardan de 5 a 7 días hábiles.",
                   "c.jsonl:1", {"kind": "qa"})
    kb = [Passage(pid, text, f"kb.jsonl:{i + 1}", {"kind": "kb"}) for i, (pid, text) in enumerate(PASSAGES)]
    build_index([*kb, pair], tmp_path / "index")
    rag = load_backend(resolve_source(model=str(readable_model_dir), index=str(tmp_path / "index")))
    s = session(rag, shots=2)
    assert [x.pair_id for x in s.shots] == ["qa:c1#1"]
    assert s.notices[-1] == "1 of 2 worked examples found in the index"
    prepared = s.prepare("¿Aceptan OXXO?")
    assert isinstance(prepared.messages, str) and prepared.stop == ("\n",)
    assert prepared.messages.startswith("Documentos:\n[reembolsos#1] Los reembolsos tardan de 5 a 7 días hábiles")
    assert prepared.messages.endswith("Pregunta del cliente: ¿Aceptan OXXO?\nRespuesta del agente:")
    turn = s.ask("¿Aceptan OXXO?")
    assert "\n" not in turn.answer and s.history[-1]["content"] == turn.answer
    # a tuned arm, or an answer without retrieval, keeps the chat template
    assert isinstance(s.prepare("¿Y SPEI?", tuned=True).messages, list)
    assert isinstance(s.prepare("¿Y SPEI?", rag=False).messages, list) and s.prepare("¿Y SPEI?", rag=False).stop == ()
    with pytest.raises(ChatkitError, match="--shots needs an index"):
        session(backend, shots=1)


def test_context_weight_contrasts_rag_turns_with_the_prompt_without_passages(rag_backend, backend, monkeypatch):
    from kit.generate.local import LocalGenerator

    seen: list[tuple[object, float]] = []
    real = LocalGenerator.stream

    def spy(self, messages, *args, contrast=None, context_weight=0.0, **kwargs):
        seen.append((contrast, context_weight))
        return real(self, messages, *args, contrast=contrast, context_weight=context_weight, **kwargs)

    monkeypatch.setattr(LocalGenerator, "stream", spy)
    s = session(rag_backend, context_weight=0.5)
    prepared = s.prepare("¿Aceptan OXXO?")
    assert prepared.sources and prepared.contrast == [
        {"role": "system", "content": s.system_prompt}, {"role": "user", "content": "¿Aceptan OXXO?"}]
    assert "[pagos#1]" in prepared.messages[0]["content"]
    s.ask("¿Aceptan OXXO?")
    assert seen[-1] == (prepared.contrast, 0.5)
    # without passages (RAG off) there is nothing to contrast; an adapter answering (chat layout) is contrasted too
    assert s.prepare("¿Y SPEI?", rag=False).contrast is None
    assert s.prepare("¿Y SPEI?", tuned=True).contrast == [
        {"role": "system", "content": s.system_prompt}, *s.history, {"role": "user", "content": "¿Y SPEI?"}]
    with pytest.raises(ChatkitError, match="--context-weight needs an index"):
        session(backend, context_weight=0.5)
