"""Chat-template pre-flight: assistant-only masks for every family, and the broken setups it must catch."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHATML, SPANISH

from kit.errors import ChatkitError
from kit.models.template import IGNORE, ChatEncoder, choose_pad_token, preflight, token_rows

TRL_TEMPLATES = Path(__import__("trl").__file__).parent / "chat_templates"

# Mistral-7B-Instruct style (no system role: folded into the first [INST]); written here, nothing downloadable.
MISTRAL = (
    "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content'] %}"
    "{%- set loop_messages = messages[1:] %}{%- else %}{%- set loop_messages = messages %}{%- endif %}"
    "{{- bos_token }}{%- for message in loop_messages %}"
    "{%- if message['role'] == 'user' %}"
    "{%- if loop.first and system_message is defined %}{{- '[INST] ' + system_message + '\n\n' + message['content'] + ' [/INST]' }}"
    "{%- else %}{{- '[INST] ' + message['content'] + ' [/INST]' }}{%- endif %}"
    "{%- elif message['role'] == 'assistant' %}{{- ' ' + message['content'] + eos_token }}"
    "{%- else %}{{- raise_exception('Only user and assistant roles are supported!') }}{%- endif %}{%- endfor %}"
)
# SmolLM2-Instruct: ChatML with a default system prompt, no generation markers.
SMOLLM2 = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}"
    "{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

GEMMA_CHATKIT = (Path(__import__("kit.models").models.__file__).parent / "templates" / "gemma.jinja").read_text(
    encoding="utf-8"
)

# family -> tokenizer facts and the mask strategy chatkit should pick for it
FAMILIES = {
    "qwen2.5": {
        "template": (TRL_TEMPLATES / "qwen2_5.jinja").read_text(encoding="utf-8"),
        "specials": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
        "bos": None,
        "eos": "<|im_end|>",
        "pad": "<|endoftext|>",
        "stops": [],
        "strategy": "TRL",
    },
    "llama3.2": {
        "template": (TRL_TEMPLATES / "llama3_2.jinja").read_text(encoding="utf-8"),
        "specials": [
            "<|begin_of_text|>",
            "<|end_of_text|>",
            "<|start_header_id|>",
            "<|end_header_id|>",
            "<|eot_id|>",
            "<|finetune_right_pad_id|>",
        ],
        "bos": "<|begin_of_text|>",
        "eos": "<|eot_id|>",
        "pad": None,
        "stops": [],
        "strategy": "prefixes",
    },
    "gemma": {
        "template": (TRL_TEMPLATES / "gemma.jinja").read_text(encoding="utf-8"),
        "specials": ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"],
        # Gemma's tokenizer eos is <eos>; generation_config adds <end_of_turn> as a stop token
        "bos": "<bos>",
        "eos": "<eos>",
        "pad": "<pad>",
        "stops": ["<end_of_turn>"],
        "strategy": "TRL",
    },
    # chatkit's own Gemma template (named offline model gemma-3-270m): generation markers, system folded in
    "gemma-chatkit": {
        "template": GEMMA_CHATKIT,
        "specials": ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"],
        "bos": "<bos>",
        "eos": "<eos>",
        "pad": "<pad>",
        "stops": ["<end_of_turn>"],
        "strategy": "generation markers (the tokenizer's template)",
    },
    "mistral": {
        "template": MISTRAL,
        "specials": ["<unk>", "<s>", "</s>"],
        "bos": "<s>",
        "eos": "</s>",
        "pad": None,
        "stops": [],
        "strategy": "prefixes",
    },
    "smollm2": {
        "template": SMOLLM2,
        "specials": ["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
        "bos": "<|im_start|>",
        "eos": "<|im_end|>",
        "pad": "<|im_end|>",
        "stops": [],
        "strategy": "prefixes",
    },
}

CONVERSATION = [
    {"role": "system", "content": "Eres el asistente de Tienda Ñandú. Responde en español, con amabilidad."},
    {"role": "user", "content": "¿Cuánto tarda el envío a Mérida?"},
    {"role": "assistant", "content": "¡Hola! El envío a Mérida tarda de 3 a 5 días hábiles."},
    {"role": "user", "content": "¿Y si no estoy en casa?"},
    {"role": "assistant", "content": "El repartidor deja un aviso y vuelve al día siguiente, señor."},
]


def family_tokenizer(folder: Path, family: str, vocab_size: int = 600):
    """A byte-level BPE trained on Spanish lines, with the family's special tokens and chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    spec = FAMILIES[family]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=spec["specials"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    lines = [*SPANISH, *(m["content"] for m in CONVERSATION)]
    tok.train_from_iterator(lines * 4, trainer=trainer)
    named = {spec["bos"], spec["eos"], spec["pad"]}
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=spec["bos"],
        eos_token=spec["eos"],
        pad_token=spec["pad"],
        additional_special_tokens=[s for s in spec["specials"] if s not in named],
    )
    fast.chat_template = spec["template"]
    fast.save_pretrained(folder)
    return fast


def trained_runs(tok, enc) -> list[str]:
    """The decoded text of each contiguous run of trained tokens."""
    runs, current = [], []
    for tid, label in zip(enc.input_ids, enc.labels, strict=True):
        if label != IGNORE:
            current.append(tid)
        elif current:
            runs.append(tok.decode(current))
            current = []
    if current:
        runs.append(tok.decode(current))
    return runs


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_trains_exactly_assistant_turns_and_their_end_of_turn(tmp_path, family):
    spec = FAMILIES[family]
    tok = family_tokenizer(tmp_path, family)
    choose_pad_token(tok)
    encoder = ChatEncoder(tok, stop_ids={tok.convert_tokens_to_ids(s) for s in spec["stops"]})
    assert spec["strategy"] in encoder.strategy
    report = preflight(encoder, [CONVERSATION], max_length=512)
    assert report.problems == []
    eot = spec["stops"][0] if spec["stops"] else spec["eos"]
    enc = encoder.encode(CONVERSATION)
    expected = [m["content"] + eot for m in CONVERSATION if m["role"] == "assistant"]
    assert [run.strip() for run in trained_runs(tok, enc)] == expected
    assert "ñ" in enc.text and "¿" in enc.text  # UTF-8 intact through render and tokenize


def test_gemma_without_system_role_folds_the_system_prompt(tmp_path):
    tok = family_tokenizer(tmp_path, "gemma")
    encoder = ChatEncoder(tok, stop_ids={tok.convert_tokens_to_ids("<end_of_turn>")})
    report = preflight(encoder, [CONVERSATION], max_length=512)
    assert encoder.fold_system
    assert any("folded" in note for note in report.notes)
    assert CONVERSATION[0]["content"] in encoder.encode(CONVERSATION).text


def test_pad_gets_a_token_distinct_from_eos_when_the_vocabulary_has_one(tmp_path):
    tok = family_tokenizer(tmp_path, "llama3.2")
    assert tok.pad_token is None
    choose_pad_token(tok)
    assert tok.pad_token == "<|finetune_right_pad_id|>"


def test_pad_equal_to_eos_is_reported_and_eos_still_learned(tmp_path):
    tok = family_tokenizer(tmp_path, "mistral")
    choose_pad_token(tok)
    assert tok.pad_token_id == tok.eos_token_id
    encoder = ChatEncoder(tok)
    report = preflight(encoder, [CONVERSATION], max_length=512)
    assert report.problems == []
    assert any("pad = eos" in note for note in report.notes)
    enc = encoder.encode(CONVERSATION)
    assert sum(label == tok.eos_token_id for label in enc.labels) == 2  # both turns end on a trained eos


def _chatml_tokenizer(tmp_path, template: str, eos: str = "<|im_end|>"):
    from conftest import build_tiny_tokenizer

    tok = build_tiny_tokenizer(tmp_path)
    tok.chat_template = template
    tok.eos_token = eos
    return tok


def test_markers_and_rendered_prefixes_give_the_same_labels(tmp_path):
    marked = ChatEncoder(_chatml_tokenizer(tmp_path, CHATML))
    plain = ChatEncoder(
        _chatml_tokenizer(tmp_path, CHATML.replace("{% generation %}", "").replace("{% endgeneration %}", ""))
    )
    assert "markers" in marked.strategy and "prefixes" in plain.strategy
    assert marked.encode(CONVERSATION).labels == plain.encode(CONVERSATION).labels


BROKEN_EOT = CHATML.replace(
    "{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}",
    "{% generation %}{{ message['content'] }}{% endgeneration %}{{ '<|im_end|>' }}",
)


def test_end_of_turn_token_outside_the_generation_block_is_caught(tmp_path):
    report = preflight(ChatEncoder(_chatml_tokenizer(tmp_path, BROKEN_EOT)), [CONVERSATION], max_length=512)
    assert report.problems and "end-of-turn token <|im_end|> is masked" in report.problems[0]


def test_gemma_template_with_end_of_turn_outside_its_generation_block_is_caught(tmp_path, monkeypatch):
    broken = GEMMA_CHATKIT.replace(
        "{{- message['content'] | trim + '<end_of_turn>' -}}\n{%- endgeneration -%}",
        "{{- message['content'] | trim -}}\n{%- endgeneration -%}\n{{- '<end_of_turn>' -}}",
    )
    assert broken != GEMMA_CHATKIT
    monkeypatch.setitem(FAMILIES["gemma-chatkit"], "template", broken)
    tok = family_tokenizer(tmp_path, "gemma-chatkit")
    report = preflight(ChatEncoder(tok, stop_ids={tok.convert_tokens_to_ids("<end_of_turn>")}), [CONVERSATION], 512)
    assert any("end-of-turn token <end_of_turn> is masked" in p for p in report.problems), report.problems


def test_user_turn_inside_the_generation_block_is_caught(tmp_path):
    everything = CHATML.replace("{% if message['role'] == 'assistant' %}", "{% if true %}")
    report = preflight(ChatEncoder(_chatml_tokenizer(tmp_path, everything)), [CONVERSATION], max_length=512)
    assert any("outside assistant turns are trained" in p for p in report.problems)


def test_assistant_turn_without_an_end_of_turn_token_is_caught(tmp_path):
    no_eot = "{% for m in messages %}{{ m['role'] + ': ' + m['content'] + '\n\n' }}{% endfor %}"
    no_eot += "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}"
    report = preflight(ChatEncoder(_chatml_tokenizer(tmp_path, no_eot)), [CONVERSATION], max_length=512)
    assert any("without an end-of-turn token" in p for p in report.problems)


def test_end_of_turn_that_generation_does_not_stop_at_is_caught(tmp_path):
    tok = _chatml_tokenizer(
        tmp_path, CHATML, eos="<|endoftext|>"
    )  # a base model's eos under an instruct template
    report = preflight(ChatEncoder(tok), [CONVERSATION], max_length=512)
    assert any("generation stops at <|endoftext|>" in p for p in report.problems)


def test_template_that_rewrites_earlier_turns_without_markers_is_refused(tmp_path):
    counting = "{{ messages|length }}" + CHATML.replace("{% generation %}", "").replace(
        "{% endgeneration %}", ""
    )
    encoder = ChatEncoder(_chatml_tokenizer(tmp_path, counting))
    with pytest.raises(ChatkitError, match="renders earlier turns differently"):
        encoder.encode(CONVERSATION)


def test_max_length_shorter_than_the_system_prompt_is_the_first_problem(tmp_path):
    report = preflight(ChatEncoder(_chatml_tokenizer(tmp_path, CHATML)), [CONVERSATION], max_length=10)
    assert report.problems[0].startswith("train.max_length (10) is shorter than the system prompt")


def test_truncated_share_counts_examples_longer_than_max_length(tmp_path):
    encoder = ChatEncoder(_chatml_tokenizer(tmp_path, CHATML))
    short = CONVERSATION[:3]
    n_short, n_long = len(encoder.encode(short).input_ids), len(encoder.encode(CONVERSATION).input_ids)
    report = preflight(encoder, [short, CONVERSATION], max_length=(n_short + n_long) // 2)
    assert (report.truncated, report.examples, report.truncated_share) == (1, 2, 0.5)
    assert report.problems == []


def test_tokenizer_without_a_chat_template_is_one_clear_error(tmp_path):
    tok = _chatml_tokenizer(tmp_path, CHATML)
    tok.chat_template = None
    with pytest.raises(ChatkitError, match="no chat template"):
        ChatEncoder(tok)


def test_token_table_shows_the_boundaries_and_skips_the_rest(tmp_path):
    tok = _chatml_tokenizer(tmp_path, CHATML)
    enc = ChatEncoder(tok).encode(CONVERSATION)
    rows = token_rows(tok, enc)
    losses = [r[3] for r in rows]
    assert "trained" in losses and "masked" in losses and any(r[0] == "…" for r in rows)
    assert ("<|im_end|>", "trained") in {(r[1], r[3]) for r in rows}
    assert len(token_rows(tok, enc, full=True)) == len(enc.input_ids)
