"""The serve Decoder (continuous batching): rows that join a running batch at different steps, and rows that leave
it early, get the tokens generate() gives each prompt alone (greedy)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def model_and_prompts(tiny_model_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from kit.generate.local import LocalGenerator

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    gen = LocalGenerator(model, tok)
    questions = ["¿Cuánto tarda el envío a Monterrey?", "Hola", "¿Puedo devolver un producto después de un mes?",
                 "¿Aceptan pagos con tarjeta de crédito o en OXXO?", "Gracias"]
    prompts = [gen.encode([{"role": "system", "content": "Eres un asistente."}, {"role": "user", "content": q}])
               for q in questions]
    return model, tok, prompts


def _common(a: list[int], b: list[int]) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _alone(model, prompt: list[int], n: int) -> list[int]:
    import torch

    with torch.inference_mode():
        out = model.generate(input_ids=torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                             max_new_tokens=n, do_sample=False, pad_token_id=0)
    return out[0, len(prompt):].tolist()  # shorter than n only when it ended with an end of turn


def _join(dec, prompts, rows, got) -> None:
    """`rows` join the decoder; each one's first token starts its list in `got`."""
    for row, token in zip(rows, dec.add(rows, [prompts[i] for i in rows], [0.0] * len(rows)), strict=True):
        got[row] = [token]


def _step(dec, got) -> None:
    """One decode step; each running row's token goes on its list in `got`."""
    for row, token in zip(dec.rows, dec.step(), strict=True):
        got[row].append(token)


@pytest.mark.parametrize("min_prefix", [0, 4], ids=["no-prefix-cache", "prefix-cache"])
def test_rows_joining_and_leaving_get_the_tokens_generate_gives_each_prompt_alone(model_and_prompts, min_prefix):
    from kit.serve.decode import Decoder

    model, tok, prompts = model_and_prompts
    steps = 10
    dec = Decoder(model, tok.pad_token_id, min_prefix=min_prefix)
    got: dict[int, list[int]] = {}
    # rows 0 and 1 start; rows 2 and 3 join after 3 steps; row 1 leaves after 5 steps; row 4 joins after 6
    joins = {0: [0, 1], 3: [2, 3], 6: [4]}
    for step in range(steps + 6):
        if step in joins:
            _join(dec, prompts, joins[step], got)
        if step == 5:
            dec.keep([i for i, row in enumerate(dec.rows) if row != 1])
        if not len(dec):
            continue
        _step(dec, got)
        done = [i for i, row in enumerate(dec.rows) if len(got[row]) >= steps]
        dec.keep([i for i in range(len(dec.rows)) if i not in done])
    assert len(dec) == 0
    assert len(dec._prefix) >= min_prefix  # with the cache on, the shared system turn was computed once
    assert len(got[1]) < steps  # row 1 left early
    for row, tokens in got.items():
        alone = _alone(model, prompts[row], len(tokens))
        assert len(alone) == len(tokens) or alone[-1] == model.generation_config.eos_token_id, f"row {row}"
        assert tokens[: len(alone)] == alone, f"row {row}"


def test_prompts_prefilled_together_while_the_prefix_changes_get_the_tokens_generate_gives_each_prompt_alone(
        model_and_prompts):
    """One `add` of four prompts: the first has no prefix yet; the second shares with it the system turn and
    the question's first character, which becomes the prefix; the third ("Hola") shares less, so the prefix is
    cut while the second still needs the longer one's keys and values."""
    from kit.serve.decode import Decoder

    model, tok, prompts = model_and_prompts
    dec = Decoder(model, tok.pad_token_id, min_prefix=4)
    order = [0, 2, 1, 3]
    got = {row: [token] for row, token in zip(order, dec.add(order, [prompts[i] for i in order], [0.0] * 4),
                                               strict=True)}
    for _ in range(5):
        _step(dec, got)
    assert _common(prompts[0], prompts[2]) > len(dec._prefix) >= 4  # the prefix was cut during the add
    for row, tokens in got.items():
        alone = _alone(model, prompts[row], len(tokens))
        assert len(alone) == len(tokens) or alone[-1] == model.generation_config.eos_token_id, f"row {row}"
        assert tokens[: len(alone)] == alone, f"row {row}"


def test_rows_in_a_buffer_that_grows_and_moves_get_the_tokens_generate_gives_each_prompt_alone(model_and_prompts):
    """A decoder starting with one row slot and 8 columns must grow both; a long row that outlives the first one
    makes the write column reach the buffer's end with unused columns before the window, so the window moves
    back to the left while rows are running."""
    from kit.serve.decode import Decoder

    model, tok, prompts = model_and_prompts
    dec = Decoder(model, tok.pad_token_id, min_prefix=4, slots=1, columns=8)
    lengths = {0: 6, 1: 100, 2: 12, 3: 30, 4: 8}  # tokens each row generates
    joins = {0: [0], 2: [1, 2], 4: [3], 15: [4]}  # step -> rows joining then
    got: dict[int, list[int]] = {}
    ends, moved = [], False
    for step in range(110):
        if step in joins:
            _join(dec, prompts, joins[step], got)
        if len(dec):
            before = dec.end
            _step(dec, got)
            moved = moved or dec.end < before + 1
            ends.append(dec.end)
            dec.keep([i for i, row in enumerate(dec.rows) if len(got[row]) < lengths[row]])
    assert len(dec) == 0 and set(got) == set(lengths)
    assert dec.mask.shape[0] >= 4 and dec.mask.shape[1] > 8  # the buffer grew in rows and in columns
    assert moved, ends  # the window moved back to the left at least once while rows were running
    for row, tokens in got.items():
        alone = _alone(model, prompts[row], len(tokens))
        assert len(alone) == len(tokens) or alone[-1] == model.generation_config.eos_token_id, f"row {row}"
        assert tokens[: len(alone)] == alone, f"row {row}"


@pytest.mark.parametrize("min_prefix", [0, 3], ids=["no-prefix-cache", "prefix-cache"])
def test_a_sliding_window_model_gets_the_tokens_generate_gives_each_prompt_alone(min_prefix):
    """A random Gemma 3 (gemma-3-270m's architecture) whose sliding-window layers see 6 positions: its rows run
    well past the window, so a mask without the window would give other tokens."""
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    from kit.serve.decode import Decoder

    torch.manual_seed(0)
    cfg = Gemma3TextConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=4,
                           num_attention_heads=4, num_key_value_heads=2, head_dim=16, sliding_window=6,
                           max_position_embeddings=256, pad_token_id=0, eos_token_id=1, bos_token_id=2,
                           layer_types=["sliding_attention"] * 3 + ["full_attention"])
    model = Gemma3ForCausalLM(cfg).eval()
    prompts = [[2, *range(10, 10 + n)] for n in (5, 12, 20, 9)]
    dec = Decoder(model, 0, min_prefix=min_prefix, slots=1, columns=8)
    got: dict[int, list[int]] = {}
    joins = {0: [0, 1], 3: [2], 5: [3]}
    for step in range(25):
        if step in joins:
            _join(dec, prompts, joins[step], got)
        if len(dec):
            _step(dec, got)
            dec.keep([i for i, row in enumerate(dec.rows) if len(got[row]) < 15])
    assert set(got) == {0, 1, 2, 3}
    assert len(dec._prefix) >= min_prefix
    for row, tokens in got.items():
        alone = _alone(model, prompts[row], len(tokens))
        assert len(alone) == len(tokens) or alone[-1] == cfg.eos_token_id, f"row {row}"
        assert tokens[: len(alone)] == alone, f"row {row}"
