"""`chatkit compare`: suites validate, bad input is one line (exit 1), and a small end-to-end run on tiny models."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_report_numbers import check_report_numbers

from kit.compare.config import load_suite
from kit.compare.cost import load_prices

SUITES = sorted((ROOT / "eval" / "suites").glob("*.yaml"))


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.mark.parametrize("path", SUITES, ids=[p.name for p in SUITES])
def test_every_suite_validates(path):
    suite = load_suite(path)
    assert suite.arms and len({a.name for a in suite.arms}) == len(suite.arms)
    prices = load_prices(ROOT / suite.cost.prices)
    prices.model(suite.cost.api_model)
    prices.rate(suite.cost.currency)


def test_price_table_is_dated_and_sourced():
    prices = load_prices(ROOT / "eval" / "prices.yaml")
    for name, model in prices.models.items():
        assert model.date and model.source.startswith("http"), name
    assert prices.self_hosting.date and prices.exchange is not None


def test_arm_shorthands_and_errors():
    from kit.compare.config import Suite
    from kit.config import validate
    from kit.errors import ChatkitError

    suite = validate(Suite, {"arms": "base,lora+rag", "adapter": "run", "index": "idx"}, "--set")
    assert [(a.name, a.lora, a.rag) for a in suite.arms] == [("base", False, False), ("lora+rag", True, True)]
    assert suite.adapter_of(suite.arms[1]) == "run" and suite.index_of(suite.arms[0]) is None
    with pytest.raises(ChatkitError, match="unknown arm 'lora-rag'"):
        validate(Suite, {"arms": ["lora-rag"]}, "--set")
    with pytest.raises(ChatkitError, match="resamples"):
        validate(Suite, {"stats": {"resamples": 10}}, "--set")


def test_help_lists_options():
    res = run_cli("compare", "--help")
    assert res.returncode == 0 and "--arms" in res.stdout and "--lang" in res.stdout
    res = run_cli("demo", "--help")
    assert res.returncode == 0 and "--out" in res.stdout


def _one_line_error(res: subprocess.CompletedProcess, *needles: str) -> None:
    assert res.returncode == 1, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert "Traceback" not in res.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_bad_input_is_one_line(tmp_path):
    evals = tmp_path / "eval.jsonl"
    evals.write_text(json.dumps({"id": "q1", "question": "¿Cuánto tarda el envío?", "reference": "3 días"}) + "\n",
                     encoding="utf-8")
    base = ("compare", "--eval", str(evals), "--out", str(tmp_path / "out"), "--no-freshness")
    _one_line_error(run_cli(*base, "--arms", "base,lora", "--adapter", str(tmp_path / "no-run")),
                    "arm 'lora'", "adapter not found", "no-run")
    _one_line_error(run_cli(*base, "--arms", "base+rag", "--index", str(tmp_path / "no-index")),
                    "arm 'base+rag'", "index not found", "no-index")
    _one_line_error(run_cli(*base, "--arms", "base", "--api-model", "gpt-imaginary"),
                    "no price for model 'gpt-imaginary'", "prices.yaml")
    no_ref = tmp_path / "noref.jsonl"
    no_ref.write_text(json.dumps({"id": "q1", "question": "¿Hola?"}) + "\n", encoding="utf-8")
    _one_line_error(run_cli("compare", "--eval", str(no_ref), "--arms", "base", "--no-freshness",
                            "--out", str(tmp_path / "o")), "noref.jsonl:1", "no 'reference'")
    _one_line_error(run_cli(*base, "--arms", "base", "--currency", "XYZ"), "no exchange rate", "XYZ")
    _one_line_error(run_cli(*base, "--lang", "fr"), "report.lang")


# --- a small end-to-end run: tiny random Llama, a real LoRA adapter file, a real (MiniLM) index --------------

KB = [
    ("shop-envios#0", "Envíos\n\nEl envío estándar tarda 3 a 5 días hábiles y cuesta $99 MXN.", "kb", "shop-envios"),
    ("shop-devoluciones#0", "Devoluciones\n\nTiene 30 días naturales para devolver un producto.", "kb",
     "shop-devoluciones"),
    ("qa:c1#1", "Pregunta: ¿cuánto cuesta el envío?\nRespuesta: El envío estándar cuesta $99 MXN.", "qa", None),
]
ITEMS = [
    ("e1", "¿Cuánto tarda el envío estándar?", "Tarda 3 a 5 días hábiles.", ["3 a 5 días hábiles"], "shop-envios"),
    ("e2", "¿Cuántos días tengo para devolver algo?", "Tiene 30 días naturales.", ["30 días naturales"],
     "shop-devoluciones"),
    ("e3", "¿Cuánto cuesta el envío?", "Cuesta $99 MXN.", ["$99 MXN"], "shop-envios"),
    ("e4", "Quiero devolver un producto, ¿hasta cuándo puedo?", "Tiene 30 días naturales.", ["30 días naturales"],
     "shop-devoluciones"),
]


@pytest.fixture(scope="module")
def small_run(tiny_model_dir, tmp_path_factory):
    """Adapter, index, eval files and a v2 KB for a 4-item compare."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from kit.data.schema import Passage
    from kit.rag.build import build_index

    root = tmp_path_factory.mktemp("compare")
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    torch.manual_seed(1)
    peft = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", init_lora_weights=False))
    run = root / "run"
    peft.save_pretrained(run, safe_serialization=True)
    (run / "run.json").write_text(json.dumps({"wall_seconds": 120.0, "gpu_hours": 0.0, "tokens_trained": 500_000,
                                              "device": "cpu", "base_model": str(tiny_model_dir), "epochs": 1}))
    build_index([Passage(i, t, "test", {"kind": k, **({"kb_id": p} if p else {})}) for i, t, k, p in KB], root / "index")
    evals = root / "eval.jsonl"
    evals.write_text("".join(json.dumps({"id": i, "question": q, "reference": r, "required_facts": f, "kb_ids": [p],
                                         "meta": {"escalate": False}}, ensure_ascii=False) + "\n"
                             for i, q, r, f, p in ITEMS), encoding="utf-8")
    update = root / "eval_update.jsonl"
    update.write_text(json.dumps({"id": "u1", "question": ITEMS[0][1], "reference": "Tarda 2 a 4 días hábiles.",
                                  "required_facts": ["2 a 4 días hábiles"], "stale_facts": ["3 a 5 días hábiles"]},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    kb_v2 = root / "kb_v2"
    kb_v2.mkdir()
    (kb_v2 / "shop-envios.md").write_text("---\nid: shop-envios\ntitle: Envíos\n---\nEl envío estándar tarda 2 a 4 "
                                          "días hábiles y cuesta $99 MXN.\n", encoding="utf-8")
    (kb_v2 / "shop-devoluciones.md").write_text("---\nid: shop-devoluciones\ntitle: Devoluciones\n---\nTiene 30 días "
                                                "naturales para devolver un producto.\n", encoding="utf-8")
    return {"root": root, "model": tiny_model_dir, "run": run, "index": root / "index", "eval": evals,
            "update": update, "kb_v2": kb_v2}


def raft_copy(run: Path, dst: Path) -> Path:
    """A copy of a run folder recorded as trained on examples with passages, as RAFT leaves one
    (resolved_config.yaml: data.context.share 0.5)."""
    import shutil

    from kit.config import to_yaml
    from kit.train.recipe import Recipe

    shutil.copytree(run, dst)
    recipe = Recipe()
    recipe.data.context.share = 0.5
    (dst / "resolved_config.yaml").write_text(to_yaml(recipe), encoding="utf-8")
    return dst


TIMINGS = {"ttft_s", "total_s", "tokens_per_s", "retrieval_s", "cost_self"}  # measured seconds and what they price


@pytest.mark.slow
def test_compare_end_to_end_on_tiny_models(small_run, tmp_path):
    import shutil

    from kit.compare.config import Suite
    from kit.compare.run import compare
    from kit.config import validate

    out = tmp_path / "report"
    second_index = tmp_path / "index-2"  # the extractive arm reads its own copy: two indexes to update
    shutil.copytree(small_run["index"], second_index)
    arms = ["base", "base+rag", "lora", "lora+rag", {"name": "extractive", "extractive": True, "index": str(second_index)}]
    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(small_run["model"]), "device": "cpu"},
        "adapter": str(small_run["run"]), "index": str(small_run["index"]), "arms": arms,
        "generation": {"max_new_tokens": 24, "batch_size": 4, "warmup": 1, "threads": 1},
        "latency": {"sample": 3}, "stats": {"resamples": 1000}, "rag": {"top_k": 2, "context_tokens": 64},
        "freshness": {"eval_update": str(small_run["update"]), "kb_update": str(small_run["kb_v2"])},
        "report": {"out": str(out), "lang": "es"},
    }
    report = compare(validate(Suite, config, "test"), out)
    assert {p.name for p in out.iterdir()} >= {"report.json", "report.md", "report.html", "run.json"}
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(saved["rows"]) == 5 * len(ITEMS)
    assert check_report_numbers(out) > 50
    rows = {(r["arm"], r["item"]): r for r in saved["rows"]}
    # extractive answers with the top passage's best sentence: it states the fact and every claim is in the passage
    ext = rows[("extractive", "e3")]
    assert ext["fact_correct"] is True and ext["grounded"] == 1.0 and "$99 MXN" in ext["answer"]
    assert all(r["completion_tokens"] <= 24 for r in saved["rows"] if r["arm"] == "extractive")
    assert saved["settings"]["answer_budget"] == 24 and saved["settings"]["split"] == "test"
    # RAG arms carry context tokens, and retrieval time on their latency sample (timed per request); base neither
    assert rows[("base+rag", "e1")]["context_tokens"] > 0 and rows[("base", "e1")]["context_tokens"] == 0
    for arm in ("base+rag", "lora+rag", "extractive"):
        arm_rows = [r for r in saved["rows"] if r["arm"] == arm]
        assert all(r["retrieval_s"] > 0 for r in arm_rows if r["latency_sampled"])
        assert all(r["retrieval_s"] is None for r in arm_rows if not r["latency_sampled"])
    assert all(r["retrieval_s"] is None for r in saved["rows"] if r["arm"] in ("base", "lora"))
    # each arm's tokenizer counted its prompt; RAG prompts are longer
    assert rows[("base+rag", "e1")]["prompt_tokens"] > rows[("base", "e1")]["prompt_tokens"]
    # latency: 3 of the 4 items per arm answered one at a time; the others carry no latency (no batch figure)
    for arm in ("base", "lora+rag", "extractive"):
        timed = [r for r in saved["rows"] if r["arm"] == arm and r["latency_sampled"]]
        assert len(timed) == 3 and all(r["total_s"] >= r["ttft_s"] > 0 for r in timed)
        assert all(r["total_s"] is None for r in saved["rows"] if r["arm"] == arm and not r["latency_sampled"])
    # every arm is priced; retrieving arms (extractive too) pay the index host and their queries' embedding
    by_arm = {a["name"]: a for a in saved["arms"]}
    assert by_arm["extractive"]["hosting_monthly"] > 0 and by_arm["base"]["hosting_monthly"] == 0
    assert all(r["cost_api"] > 0 for r in saved["rows"] if r["arm"] == "extractive")
    assert saved["prices"]["models"]["gpt-4o-mini"]["input"] == 0.15
    # the LoRA arm is priced at the fine-tuned rate and carries its training cost
    assert by_arm["lora"]["training_cost"] == pytest.approx(500_000 * 3.0 / 1e6)
    # freshness: each index got its own updated copy (one page changed), the user's indexes were not touched
    fresh = report["freshness"]
    assert fresh["update"]["changed"] == 1 and fresh["update"]["removed"] == 0
    assert fresh["update_seconds"] > 0 and fresh["retrain_seconds"] == 120.0
    assert sorted(fresh["indexes"]) == sorted([str(small_run["index"]), str(second_index)])
    for copy in ("index-updated-1", "index-updated-2"):
        updated = (out / copy / "passages.jsonl").read_text(encoding="utf-8")
        assert "2 a 4 días hábiles" in updated and "3 a 5" not in updated, copy
    assert not any(r["stale_hit"] for r in fresh["rows"] if r["arm"] == "extractive")  # nothing stale left to quote
    assert not any(r["reused"] for r in fresh["rows"] if r["arm"] in ("base+rag", "lora+rag", "extractive"))
    assert all(r["reused"] for r in fresh["rows"] if r["arm"] in ("base", "lora"))
    from kit.rag.store import load_passages

    assert any("3 a 5" in p.text for p in load_passages(small_run["index"]))
    assert any("3 a 5" in p.text for p in load_passages(second_index))
    rec = saved["recommendation"]
    assert rec["arm"] in by_arm and f"Ponga en producción **{rec['arm']}**" in rec["text"]
    # determinism: the same suite again, same seed and recorded thread count -> the same rows apart from timings
    assert saved["settings"]["threads"] == 1 and json.loads((out / "run.json").read_text())["threads"] == 1
    again = compare(validate(Suite, config | {"freshness": {"enabled": False}}, "test"), tmp_path / "again")
    strip = [{k: v for k, v in r.items() if k not in TIMINGS} for r in saved["rows"]]
    assert strip == [{k: v for k, v in r.items() if k not in TIMINGS} for r in again["rows"]]


def test_eval_split_is_chosen_and_a_missing_split_is_one_line(tmp_path):
    from kit.compare.arms import load_eval
    from kit.errors import ChatkitError

    path = tmp_path / "eval.jsonl"
    lines = [{"id": "a", "question": "¿Hola?", "reference": "Hola.", "split": "dev"},
             {"id": "b", "question": "¿Envío?", "reference": "3 días.", "split": "test"},
             {"id": "c", "question": "¿Pago?", "reference": "OXXO."}]  # no split: an old file's item counts as test
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert [i.id for i in load_eval(path, split="test")] == ["b", "c"]
    assert [i.id for i in load_eval(path, split="dev")] == ["a"]
    path.write_text(json.dumps(lines[2], ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ChatkitError, match=r"no eval item of split 'dev' \(found: test 1\)"):
        load_eval(path, split="dev")
    res = run_cli("compare", "--eval", str(path), "--arms", "base", "--no-freshness", "--split", "dev",
                  "--out", str(tmp_path / "o"))
    _one_line_error(res, "eval.jsonl", "no eval item of split 'dev'")


def test_update_items_without_a_split_are_dealt_into_disjoint_dev_and_test_by_intent():
    from kit.compare.arms import load_eval

    items = load_eval("conversations/shop/eval_update.jsonl")  # all 170 count as test without a deal
    dev = load_eval("conversations/shop/eval_update.jsonl", split="dev", deal=(0.3, 0))
    test = load_eval("conversations/shop/eval_update.jsonl", split="test", deal=(0.3, 0))
    assert {i.id for i in dev}.isdisjoint({i.id for i in test})
    assert {i.id for i in dev} | {i.id for i in test} == {i.id for i in items}
    assert abs(len(dev) - 0.3 * len(items)) <= 1
    # stratified: every intent with at least 3 update items has some in each split
    intents = {i.meta.get("intent") for i in items}
    for intent in intents:
        members = [i for i in items if i.meta.get("intent") == intent]
        if len(members) >= 3:
            assert any(i.meta.get("intent") == intent for i in dev), intent
            assert any(i.meta.get("intent") == intent for i in test), intent
    again = load_eval("conversations/shop/eval_update.jsonl", split="dev", deal=(0.3, 0))
    assert [i.id for i in again] == [i.id for i in dev]


def test_policy_update_retires_mined_answers_that_quote_removed_text():
    from kit.rag.policy_update import removed_spans

    old = "Tiempo de entrega: 3 a 5 días hábiles. Costo: $99 MXN. Cancele durante las primeras 2 horas."
    new = "Tiempo de entrega: 2 a 4 días hábiles. Costo: $119 MXN. Cancele durante la primera hora."
    spans = removed_spans(old, new)
    assert spans == ["3-5", "$99", "las primeras 2 horas"]  # a range and an amount are single units
    assert removed_spans(old, old) == []
    # a lone changed word is not distinctive enough to retire anything
    assert removed_spans("Atendemos de lunes a viernes.", "Atendemos de lunes a sábado.") == []


def test_policy_update_rewrites_mined_answers_that_quote_the_changed_sentence_and_nothing_else():
    from kit.rag.policy_update import quoted_changes, revise_quotes

    old = ("Tiempo de entrega: 3 a 5 días hábiles desde el almacén.\nCosto: $99 MXN por pedido.\n"
           "Repórtelo dentro de las 48 horas posteriores a la entrega.\nAceptamos tarjeta, PayPal, OXXO Pay y SPEI.\n"
           "Tiene 30 días naturales para devolverlo.")
    new = ("Tiempo de entrega: 2 a 4 días hábiles desde el almacén.\nCosto: $119 MXN por pedido.\n"
           "Repórtelo dentro de las 72 horas posteriores a la entrega.\nAceptamos tarjeta, PayPal, Mercado Pago, OXXO Pay y "
           "SPEI.\nTiene 45 días naturales para devolverlo.")
    changes = quoted_changes(old, new)
    assert len(changes) == 5 and revise_quotes(old, changes) == new  # the page itself reads as the new one
    assert (revise_quotes("El estándar tarda 3 a 5 días hábiles y cuesta $99 MXN.", changes)
            == "El estándar tarda 2 a 4 días hábiles y cuesta $119 MXN.")
    assert revise_quotes("Avise en 48 horas posteriores a la entrega.", changes) == "Avise en 72 horas posteriores a la entrega."
    # an insertion ("Mercado Pago") reaches the answers that list the old set
    assert revise_quotes("Puede pagar con tarjeta, PayPal, OXXO Pay o SPEI.", changes) == (
        "Puede pagar con tarjeta, PayPal, Mercado Pago, OXXO Pay o SPEI.")
    # the replacement takes the quote's case: "Tiene" of the page mid-sentence stays lower case
    assert revise_quotes("Usted tiene 30 días naturales.", changes) == "Usted tiene 45 días naturales."
    # another policy's "48 horas" and a paraphrase of the old fact are not quotes: left alone (the paraphrase is
    # for retirement to catch)
    assert revise_quotes("La ficha de OXXO tiene vigencia de 48 horas.", changes) is None
    assert revise_quotes("Llega entre 3 y 5 días.", changes) is None
    # a context never crosses a sentence: "MXN por pedido. Repórtelo" is not one quote
    assert all("." not in quote for forms in changes for quote, _ in forms)


def test_freshness_sentence_names_the_retrieving_arm_that_took_up_most_new_facts():
    from kit.compare.recommend import TEXT, _freshness_line

    def est(new, stale):
        return {"new_fact": {"mean": new}, "stale_fact": {"mean": stale}}

    arms = [{"name": "base+rag", "rag": True}, {"name": "lora", "lora": True},
            {"name": "lora+rag", "lora": True, "rag": True}, {"name": "extractive", "extractive": True}]
    fresh = {"update_seconds": 3.0, "retrain_seconds": 150.0,
             "arms": {"base+rag": est(0.0, 0.0), "lora": est(0.0, 0.118), "lora+rag": est(0.05, 0.08),
                      "extractive": est(0.588, 0.012)}}
    (line,) = _freshness_line(fresh, arms, TEXT["en"])
    assert "extractive gave the new fact in 58.8% of the affected questions (base+rag 0.0%, lora+rag 5.0%)" in line
    assert "lora gave the stale one in 11.8%" in line
    fresh["arms"]["extractive"] = est(0.0, 0.0)
    (line,) = _freshness_line(fresh, arms, TEXT["es"])
    assert "lora+rag dio el dato nuevo en 5.0% de las preguntas afectadas (base+rag 0.0%, extractive 0.0%)" in line


@pytest.mark.slow
def test_shots_give_base_rag_a_completion_prompt_with_worked_examples_and_leave_lora_arms_alone(
    small_run, tmp_path, monkeypatch
):
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices
    from kit.compare.run import arm_records
    from kit.config import validate
    from kit.generate.local import LocalGenerator

    seen: list[tuple[object, tuple]] = []
    real = LocalGenerator.generate

    def spy(self, conversations, *args, stop=(), **kwargs):
        seen.extend((c, tuple(stop)) for c in conversations)
        return real(self, conversations, *args, stop=stop, **kwargs)

    monkeypatch.setattr(LocalGenerator, "generate", spy)
    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(small_run["model"]), "device": "cpu"},
        "adapter": str(small_run["run"]), "index": str(small_run["index"]), "arms": ["base+rag", "lora+rag"],
        "generation": {"max_new_tokens": 12, "batch_size": 4, "warmup": 0, "threads": 1, "shots": 2},
        "latency": {"sample": 1, "warmup": 0}, "rag": {"top_k": 2, "context_tokens": 64}, "freshness": {"enabled": False},
    }
    suite = validate(Suite, config, "test")
    outputs = run_arms(suite, load_eval(small_run["eval"]))
    by_arm = {o.arm.name: o for o in outputs}
    # the one mined pair whose number ($99 MXN) a KB passage states is the only worked example
    assert by_arm["base+rag"].shots == ["qa:c1#1"] and by_arm["lora+rag"].shots == []
    completion = [(c, stop) for c, stop in seen if isinstance(c, str)]
    chat = [(c, stop) for c, stop in seen if not isinstance(c, str)]
    assert len(completion) == len(ITEMS) + 1 and len(chat) == len(ITEMS) + 1  # every item, plus the latency sample
    assert all(stop == ("\n",) for _, stop in completion) and all(stop == () for _, stop in chat)
    for prompt, _ in completion:
        assert prompt.startswith("Documentos:\n[shop-envios#0] Envíos El envío estándar tarda 3 a 5 días hábiles")
        assert "Respuesta del agente: El envío estándar cuesta $99 MXN.\n" in prompt
        assert prompt.endswith("Respuesta del agente:")
    assert all("\n" not in r["answer"] for r in by_arm["base+rag"].rows)
    records = {r["name"]: r for r in arm_records(suite, outputs, load_prices(suite.cost.prices), 1.0)}
    assert records["base+rag"]["shots"] == ["qa:c1#1"] and "shots" not in records["lora+rag"]


@pytest.mark.slow
def test_context_weight_contrasts_base_rag_and_a_raft_run_with_their_prompts_without_passages_and_leaves_lora_and_base_alone(
    small_run, monkeypatch, tmp_path
):
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices
    from kit.compare.run import arm_records, settings_of
    from kit.config import validate
    from kit.generate.local import LocalGenerator

    seen: list[tuple[object, object, float]] = []
    real = LocalGenerator.generate

    def spy(self, conversations, *args, contrast=None, context_weight=0.0, **kwargs):
        seen.extend((c, contrast[i] if contrast else None, context_weight) for i, c in enumerate(conversations))
        return real(self, conversations, *args, contrast=contrast, context_weight=context_weight, **kwargs)

    monkeypatch.setattr(LocalGenerator, "generate", spy)
    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(small_run["model"]), "device": "cpu"},
        "adapter": str(small_run["run"]), "index": str(small_run["index"]),
        "arms": ["base+rag", "lora+rag", {"name": "raft+rag", "rag": True,
                                          "adapter": str(raft_copy(small_run["run"], tmp_path / "raft"))}, "base"],
        "generation": {"max_new_tokens": 8, "batch_size": 4, "warmup": 1, "threads": 1, "shots": 2,
                       "context_weight": 0.5},
        "latency": {"sample": 1, "warmup": 0}, "rag": {"top_k": 2, "context_tokens": 64}, "freshness": {"enabled": False},
    }
    suite = validate(Suite, config, "test")
    outputs = run_arms(suite, load_eval(small_run["eval"]))
    weighted = [(c, contrast) for c, contrast, w in seen if w == 0.5]
    # base+rag (a worked-examples completion prompt) and raft+rag (the chat layout): warm-up, every item, the
    # latency sample; each prompt contrasted with itself less the passages. lora+rag (trained without passages)
    # and base (no passages) are not
    completion, chat = [x for x in weighted if isinstance(x[0], str)], [x for x in weighted if not isinstance(x[0], str)]
    assert len(completion) == len(chat) == 1 + len(ITEMS) + 1
    for prompt, contrast in completion:
        head, last = prompt.rsplit("Documentos:\n", 1)
        passages, rest = last.split("Pregunta del cliente:", 1)
        assert passages.startswith("[") and contrast == f"{head}Documentos:\nPregunta del cliente:{rest}"
    for messages, contrast in chat:
        assert "[shop-" in messages[0]["content"] and contrast[0]["content"] == suite.system_prompt
        assert contrast[1:] == messages[1:]  # the same question (and history), no passages
    assert all(w == 0.0 and contrast is None for c, contrast, w in seen if (c, contrast) not in weighted)
    assert len(seen) == len(weighted) + 2 * (1 + len(ITEMS) + 1)  # lora+rag and base
    records = {r["name"]: r for r in arm_records(suite, outputs, load_prices(suite.cost.prices), 1.0)}
    assert records["base+rag"]["context_weight"] == records["raft+rag"]["context_weight"] == 0.5
    assert "context_weight" not in records["lora+rag"] and "context_weight" not in records["base"]
    assert settings_of(suite)["context_weight"] == 0.5


def test_context_weight_out_of_range_is_one_line_naming_the_key(tmp_path):
    from kit.compare.config import Suite
    from kit.config import validate
    from kit.errors import ChatkitError

    with pytest.raises(ChatkitError, match=r"generation\.context_weight"):
        validate(Suite, {"eval": "e.jsonl", "model": {"name": "tiny-es"}, "generation": {"context_weight": -1}}, "suite.yaml")
