"""RAFT (data.context): passages from a TRAIN-only index in compare's prompt layout, gold withheld or
changed on purpose; an index holding held-out data, or none at all, is one error line."""

from __future__ import annotations

import json
import re

import pytest
from test_train import tiny_recipe, write_prepared
from test_train_cli import chatkit, write_recipe

from kit.errors import ChatkitError
from kit.prompts import CONTEXT_HEADER, format_passage
from kit.train.recipe import Recipe

KB = [
    ("envios#0", "Envíos: el pedido tarda de 3 a 5 días hábiles a cualquier ciudad de México."),
    ("devoluciones#0", "Devoluciones: tiene 30 días naturales para devolver su pedido sin costo."),
    ("tiendas#0", "Tiendas físicas: en el centro de cada ciudad, abiertas de 9 a 20 h."),
    ("envio-gratis#0", "Envío gratis en compras mayores a $999 MXN; si no, el envío cuesta $99."),
    ("pagos#0", "Pagos: tarjeta de crédito, débito o transferencia; meses sin intereses desde $1500."),
]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A prepared folder (train/val/test) and two indexes: one of the KB and TRAIN pairs, one that also
    holds a pair mined from a TEST conversation."""
    from kit.data.schema import Passage
    from kit.rag.build import build_index

    root = tmp_path_factory.mktemp("raft")
    data = write_prepared(root / "data", n_train=24, n_val=4)
    test = [{"id": "test-1", "messages": [{"role": "user", "content": "¿Hay envío a Puebla?"},
                                          {"role": "assistant", "content": "Sí, tarda de 3 a 5 días hábiles."}]}]
    (data / "test.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in test), encoding="utf-8")
    passages = [Passage(pid, text, f"kb.jsonl:{i}", {"kind": "kb"}) for i, (pid, text) in enumerate(KB, 1)]
    for record in [json.loads(line) for line in (data / "train.jsonl").read_text(encoding="utf-8").splitlines()][:6]:
        q, a = record["messages"][1]["content"], record["messages"][2]["content"]
        passages.append(Passage(f"qa:{record['id']}#1", f"Pregunta: {q}\nRespuesta: {a}", "train.jsonl",
                                {"kind": "qa", "conversation_id": record["id"]}))
    build_index(passages, root / "index")
    leaked = Passage("qa:test-1#1", "Pregunta: ¿Hay envío a Puebla?\nRespuesta: Sí.", "test.jsonl",
                     {"kind": "qa", "conversation_id": "test-1"})
    build_index([*passages, leaked], root / "leaky")
    return data, root


def _recipe(prepared, **context):
    data, root = prepared
    settings = {"share": 1.0, "index": str(root / "index"), "passages": 2, "distractors": 1, **context}
    dumped = tiny_recipe(root, data, root / "run").model_dump()
    dumped["data"]["context"] = settings
    return Recipe.model_validate(dumped)


def _records(folder):
    return [json.loads(line) for line in (folder / "train.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_chosen_example_gets_passages_in_the_rag_layout_never_its_own(prepared, tmp_path):
    from kit.raft import with_context

    recipe = _recipe(prepared, withhold_gold=0.0, counterfactual=0.0)
    trained = with_context(recipe, tmp_path / "raft")
    assert trained.data.prepared == str(tmp_path / "raft")
    records = _records(tmp_path / "raft")
    assert len(records) == 24
    for record in records:
        system = record["messages"][0]["content"]
        facts = record["meta"]["context"]
        assert CONTEXT_HEADER in system and len(facts["passages"]) == 3  # 2 retrieved + 1 distractor
        assert f"qa:{record['id']}#1" not in facts["passages"]  # its own conversation is never shown
        for pid in facts["passages"]:
            assert f"[{pid}] " in system
        if facts["gold"]:
            assert facts["gold"] in facts["passages"]
    text = dict(KB)["envios#0"]
    assert any(format_passage("envios#0", text) in r["messages"][0]["content"] for r in records)
    report = json.loads((tmp_path / "raft" / "raft.json").read_text(encoding="utf-8"))
    assert report["with_passages"] == 24 and report["gold_withheld"] == 0 and report["counterfactual"] == 0
    assert (tmp_path / "raft" / "val.jsonl").read_bytes() == (prepared[0] / "val.jsonl").read_bytes()


def test_withheld_gold_is_never_shown_and_counterfactual_numbers_change_in_answer_and_passage(prepared, tmp_path):
    from kit.raft import with_context

    with_context(_recipe(prepared, withhold_gold=1.0), tmp_path / "w")
    withheld = _records(tmp_path / "w")
    assert all(r["meta"]["context"]["gold"] not in r["meta"]["context"]["passages"] for r in withheld)
    assert sum(r["meta"]["context"]["withheld"] for r in withheld) == sum(1 for r in withheld if r["meta"]["context"]["gold"])
    with_context(_recipe(prepared, withhold_gold=0.0, counterfactual=1.0), tmp_path / "c")
    original = {json.loads(line)["id"]: json.loads(line) for line in (prepared[0] / "train.jsonl").read_text(encoding="utf-8").splitlines()}
    changed = [r for r in _records(tmp_path / "c") if r["meta"]["context"]["counterfactual"]]
    assert changed
    for record in changed:
        before = original[record["id"]]["messages"][2]["content"]
        after = record["messages"][2]["content"]
        new_numbers = set(re.findall(r"\d+", after)) - set(re.findall(r"\d+", before))
        assert before != after and len(new_numbers) == 1
        gold_line = next(line for line in record["messages"][0]["content"].splitlines()
                         if line.startswith(f"[{record['meta']['context']['gold']}] "))
        assert new_numbers <= set(re.findall(r"\d+", gold_line))  # the passage says what the answer now says


def test_an_index_with_held_out_data_or_a_missing_index_is_refused(prepared, tmp_path):
    from kit.raft import with_context

    data, root = prepared
    with pytest.raises(ChatkitError, match=r"passage qa:test-1#1 comes from the val/test/eval data"):
        with_context(_recipe(prepared, index=str(root / "leaky")), tmp_path / "x")
    with pytest.raises(ChatkitError, match="index not found"):
        with_context(_recipe(prepared, index=str(root / "nothing")), tmp_path / "x")
    fallback = _recipe(prepared, index=None)  # data.context.index unset: the recipe's rag.index
    fallback.rag.index = str(root / "nothing-here")
    with pytest.raises(ChatkitError, match="index not found: .*nothing-here"):
        with_context(fallback, tmp_path / "x")
    fallback.rag.index = str(root / "index")
    assert with_context(fallback, tmp_path / "y").data.prepared == str(tmp_path / "y")


@pytest.mark.parametrize(("index", "expected"), [("leaky", "val/test/eval data"), ("nothing", "index not found")])
def test_raft_with_a_bad_index_is_one_line_through_the_cli(capsys, prepared, tiny_model_dir, tmp_path, index, expected):
    data, root = prepared
    recipe = write_recipe(tmp_path / "recipe.yaml", tiny_model_dir, data, tmp_path / "run")
    code, out, err = chatkit(capsys, "train", str(recipe), "--set", "data.context.share=0.5",
                             "--set", f"data.context.index={root / index}")
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and expected in lines[0] and out == "", err


@pytest.mark.slow
def test_raft_trains_through_the_cli_on_the_passage_examples(capsys, prepared, tiny_model_dir, tmp_path):
    data, root = prepared
    recipe = write_recipe(tmp_path / "recipe.yaml", tiny_model_dir, data, tmp_path / "run", max_length=512)
    code, out, err = chatkit(capsys, "train", str(recipe), "--json", "--set", "data.context.share=0.5",
                             "--set", f"data.context.index={root / 'index'}")
    assert code == 0, err
    record = json.loads(out)
    assert record["data"]["folder"] == str(tmp_path / "run" / "raft_data")
    report = json.loads((tmp_path / "run" / "raft_data" / "raft.json").read_text(encoding="utf-8"))
    assert report["with_passages"] == 12 and report["examples"] == 24
