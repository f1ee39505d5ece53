"""Local generation: batched answers equal one-at-a-time answers; streaming yields the same text."""

from __future__ import annotations

import threading

import pytest


@pytest.fixture(scope="module")
def generator(tiny_model_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.generate.local import LocalGenerator

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    return LocalGenerator(model, tok)


QUESTIONS = ["¿Cuánto tarda el envío?", "Hola", "¿Puedo devolver un producto después de un mes entero?"]


def _msgs(q):
    return [{"role": "system", "content": "Eres un asistente."}, {"role": "user", "content": q}]


def test_batched_matches_single(generator):
    batched = generator.generate([_msgs(q) for q in QUESTIONS], max_new_tokens=12, batch_size=3)
    single = [generator.generate([_msgs(q)], max_new_tokens=12, batch_size=1)[0] for q in QUESTIONS]
    assert [g.text for g in batched] == [g.text for g in single]
    for g in batched:
        assert g.prompt_tokens > 0
        assert 0 < g.completion_tokens <= 12
        assert 0 < g.ttft_s <= g.total_s
        assert g.stopped in ("eos", "length")


def test_stream_matches_generate(generator):
    pieces = list(generator.stream(_msgs(QUESTIONS[0]), max_new_tokens=12))
    final = pieces[-1]
    text = "".join(p for p in pieces[:-1] if isinstance(p, str))
    assert text.strip() == final.text == generator.generate([_msgs(QUESTIONS[0])], max_new_tokens=12)[0].text


def test_stream_cancel_stops_early(generator):
    cancel = threading.Event()
    cancel.set()
    pieces = list(generator.stream(_msgs(QUESTIONS[1]), max_new_tokens=50, cancel=cancel))
    assert pieces[-1].completion_tokens <= 2
    assert pieces[-1].stopped in ("cancelled", "eos")


def test_finished_stream_does_not_set_callers_event(generator):
    cancel = threading.Event()
    pieces = list(generator.stream(_msgs(QUESTIONS[2]), max_new_tokens=8, cancel=cancel))
    assert not cancel.is_set()
    assert pieces[-1].stopped in ("eos", "length")


def test_loaded_model_lm_head_gets_contiguous_input_with_unchanged_answers(tiny_model_dir):
    """load_model hands the LM head a contiguous input (the prefill's last position is a strided view,
    slow in torch's CPU linear); the answers are the ones the unhooked model gives."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.generate.local import LocalGenerator
    from kit.models.config import ModelConfig
    from kit.models.load import load_model

    model, tok = load_model(ModelConfig(name=str(tiny_model_dir), device="cpu"))
    seen = []
    model.get_output_embeddings().register_forward_hook(lambda m, args, out: seen.append(args[0].is_contiguous()))
    hooked = LocalGenerator(model, tok).generate([_msgs(q) for q in QUESTIONS], max_new_tokens=6, batch_size=3)
    assert seen and all(seen)

    plain = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    raw = []
    plain.get_output_embeddings().register_forward_hook(lambda m, args, out: raw.append(args[0].is_contiguous()))
    unhooked = LocalGenerator(plain, AutoTokenizer.from_pretrained(tiny_model_dir)).generate(
        [_msgs(q) for q in QUESTIONS], max_new_tokens=6, batch_size=3)
    assert not all(raw)  # without the hook the prefill's last position reaches the head as a strided view
    assert [g.text for g in hooked] == [g.text for g in unhooked]


def test_stop_string_ends_the_answer_before_it_batched_and_single(generator):
    """An answer ends at the first stop string: its text is what came before it, stopped is "stop", and the
    completion tokens count through the token that completed it; batched and single runs agree."""
    prompt = "Documentos:\n[p#1] El envío tarda 3 a 5 días hábiles.\nPregunta del cliente: ¿Cuánto tarda?\nRespuesta del agente:"
    free = generator.generate([prompt], max_new_tokens=16, batch_size=1)[0]
    assert free.stopped == "length" and len(free.text) >= 6
    stop = free.text[3:5]  # two characters the free answer holds, past its start
    ids = generator.tokenizer(free.text, add_special_tokens=False)["input_ids"]
    through = next(j for j in range(1, len(ids) + 1) if stop in generator.tokenizer.decode(ids[:j]))
    single = generator.generate([prompt], max_new_tokens=16, batch_size=1, stop=[stop])[0]
    batched = generator.generate([prompt, _msgs(QUESTIONS[0])], max_new_tokens=16, batch_size=2, stop=[stop])
    assert single.text == free.text.split(stop, 1)[0].strip() == batched[0].text
    assert single.stopped == "stop" and batched[0].stopped == "stop"
    assert single.completion_tokens == through < free.completion_tokens


def test_plain_string_prompt_is_tokenized_without_the_chat_template(generator):
    text = "Pregunta del cliente: ¿Dónde está mi pedido?\nRespuesta del agente:"
    assert generator.encode(text) == generator.tokenizer(text, add_special_tokens=True)["input_ids"]
    assert generator.encode(_msgs(text)) != generator.encode(text)


def test_streamed_pieces_end_where_the_stopped_answer_does(generator):
    prompt = "Pregunta del cliente: ¿Cuánto tarda?\nRespuesta del agente:"
    free = generator.generate([prompt], max_new_tokens=12, batch_size=1)[0]
    stop = free.text[3]  # one character of the free answer, past its start
    pieces = list(generator.stream(prompt, max_new_tokens=12, stop=[stop]))
    stopped = generator.generate([prompt], max_new_tokens=12, batch_size=1, stop=[stop])[0]
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)).strip() == stopped.text == pieces[-1].text
    assert pieces[-1].stopped == "stop" and stop not in stopped.text


CAD_PROMPT = "Documentos:\n[p#1] El envío tarda 2 a 4 días hábiles.\nPregunta del cliente: ¿Cuánto tarda?\nRespuesta del agente:"
CAD_CONTRAST = "Documentos:\nPregunta del cliente: ¿Cuánto tarda?\nRespuesta del agente:"


def _weighted_greedy(generator, prompt: str, contrast: str, weight: float, steps: int) -> list[int]:
    """Greedy tokens of (1 + w) log p(y | prompt) - w log p(y | contrast), each step a whole forward pass (no cache)."""
    import torch

    tok, model = generator.tokenizer, generator.model
    ids, against, out = tok(prompt)["input_ids"], tok(contrast)["input_ids"], []
    with torch.inference_mode():
        for _ in range(steps):
            given = torch.log_softmax(model(torch.tensor([ids + out])).logits[0, -1].float(), -1)
            without = torch.log_softmax(model(torch.tensor([against + out])).logits[0, -1].float(), -1)
            out.append(int(torch.argmax((1 + weight) * given - weight * without)))
    return out


@pytest.fixture(scope="module")
def lively(tiny_model_dir):
    """The tiny model with larger random weights: its greedy answers depend on what the prompt says (the plain
    tiny model repeats one token whatever it reads, so no decoding rule could change its answer)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.generate.local import LocalGenerator

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    torch.manual_seed(1)
    with torch.no_grad():
        for weight in model.parameters():
            if weight.dim() == 2:
                weight.normal_(0.0, 0.3)
    return LocalGenerator(model, AutoTokenizer.from_pretrained(tiny_model_dir))


def test_context_aware_decoding_follows_the_weighted_log_probabilities_and_differs_from_plain(lively):
    generator = lively
    steps = 10
    cad = generator.generate([CAD_PROMPT], max_new_tokens=steps, batch_size=1, contrast=[CAD_CONTRAST],
                             context_weight=2.0)[0]
    expected = _weighted_greedy(generator, CAD_PROMPT, CAD_CONTRAST, 2.0, steps)
    eos = next((j for j, t in enumerate(expected) if t in generator.eos_ids), len(expected))
    assert cad.text == generator.tokenizer.decode(expected[:eos], skip_special_tokens=True).strip()
    plain = generator.generate([CAD_PROMPT], max_new_tokens=steps, batch_size=1)[0]
    assert plain.text != cad.text  # the weight changed the answer: the contrast branch is not a no-op
    # weight 0 is plain decoding, with or without contrast prompts
    off = generator.generate([CAD_PROMPT], max_new_tokens=steps, batch_size=1, contrast=[CAD_CONTRAST], context_weight=0)
    assert off[0].text == plain.text


def test_context_aware_decoding_batched_with_padding_matches_single_and_streamed(lively):
    generator = lively
    prompts = [CAD_PROMPT, "Documentos:\n[p#2] Aceptamos tarjeta y OXXO Pay.\nPregunta del cliente: ¿Cómo pago?\n"
               "Respuesta del agente:", _msgs(QUESTIONS[2])]
    contrasts = [CAD_CONTRAST, "Documentos:\nPregunta del cliente: ¿Cómo pago?\nRespuesta del agente:",
                 [_msgs(QUESTIONS[2])[1]]]
    batched = generator.generate(prompts, max_new_tokens=10, batch_size=3, contrast=contrasts, context_weight=1.0)
    single = [generator.generate([p], max_new_tokens=10, batch_size=1, contrast=[c], context_weight=1.0)[0]
              for p, c in zip(prompts, contrasts, strict=True)]
    assert [g.text for g in batched] == [g.text for g in single]
    pieces = list(generator.stream(prompts[1], max_new_tokens=10, contrast=contrasts[1], context_weight=1.0))
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)).strip() == pieces[-1].text == single[1].text
    with pytest.raises(ValueError, match="2 contrast prompts for 3 conversations"):
        generator.generate(prompts, max_new_tokens=2, contrast=contrasts[:2], context_weight=1.0)


def test_a_stop_string_split_across_streamed_pieces_is_never_streamed(lively):
    """A stop string whose first characters end one token and the rest begin the next: the first piece must
    hold them back until the next shows whether the stop string is complete."""
    prompt = "Pregunta del cliente: ¿Cuánto tarda?\nRespuesta del agente:"
    free = lively.generate([prompt], max_new_tokens=12, batch_size=1)[0]
    ids = lively.tokenizer(free.text, add_special_tokens=False)["input_ids"]
    ends = [len(lively.tokenizer.decode(ids[:j])) for j in range(1, len(ids))]
    at = next(e for e in ends if e >= 4 and free.text.find(free.text[e - 2 : e + 2]) == e - 2 and free.text[e:e + 2].strip())
    stop = free.text[at - 2 : at + 2]  # two characters before a token boundary, two after
    pieces = list(lively.stream(prompt, max_new_tokens=12, stop=[stop]))
    streamed = "".join(p for p in pieces[:-1] if isinstance(p, str))
    assert streamed.strip() == pieces[-1].text == free.text[: at - 2].strip() and pieces[-1].stopped == "stop"
    # a held-back end that never completes a stop string still goes out
    never = free.text[-1] + "\u00a7"  # the answer's last character, then one it does not have
    pieces = list(lively.stream(prompt, max_new_tokens=12, stop=[never]))
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)).strip() == free.text == pieces[-1].text


def test_tokenizer_memo_loads_each_distinct_tokenizer_once(tiny_model_dir, tmp_path, monkeypatch):
    import shutil

    from kit.models import load
    from kit.models.config import ModelConfig

    run = tmp_path / "run"  # a run folder: a byte-identical copy of the base's tokenizer, and files of its own
    run.mkdir()
    for name in load._TOKENIZER_FILES:
        if (tiny_model_dir / name).is_file():
            shutil.copy(tiny_model_dir / name, run / name)
    (run / "run.json").write_text("{}", encoding="utf-8")
    edited = tmp_path / "edited"  # the same, with another chat template
    shutil.copytree(run, edited)
    (edited / "chat_template.jinja").write_text("{% for m in messages %}{{ m['content'] }}{% endfor %}", encoding="utf-8")
    calls = []
    real = load.load_tokenizer
    monkeypatch.setattr(load, "load_tokenizer", lambda cfg, source=None: calls.append(source) or real(cfg, source))
    cfg = ModelConfig(name=str(tiny_model_dir))
    memo = load.TokenizerMemo()
    base = memo.get(cfg)
    assert memo.get(cfg, str(tiny_model_dir)) is base
    shared = memo.get(cfg, str(run))
    assert memo.get(cfg, str(run)) is shared
    other = memo.get(cfg, str(edited))
    assert other is not shared and other.chat_template != shared.chat_template
    assert len(calls) == len({id(base), id(shared), id(other)})  # one load per distinct tokenizer
    _, via_model = load.load_model(cfg, tokenizers=memo)
    assert via_model is base and len(calls) == len({id(base), id(shared), id(other)})
