"""The eval side of `prepare`: dev/test split, derived facts, contamination audit, pairs counted by reason."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kit.data.config import DataConfig
from kit.data.prepare import PrepareConfig, prepare
from kit.data.split import assign_eval_splits
from kit.text import plain

ROOT = Path(__file__).resolve().parents[1]
SHOP = ROOT / "conversations" / "shop"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eval_split_is_stratified_deterministic_and_keeps_a_named_split():
    items = [{"id": f"e{k}", "meta": {"intent": f"i{k % 6}"}} for k in range(60)]
    items.append({"id": "fixed", "split": "dev", "meta": {"intent": "i0"}})
    splits = assign_eval_splits(items, 0.3, seed=0)
    assert splits[-1] == "dev" and splits.count("dev") == 18 + 1
    for intent in range(6):  # 3 of each intent's 10 items
        assert sum(s == "dev" for it, s in zip(items[:-1], splits, strict=False) if it["meta"]["intent"] == f"i{intent}") == 3
    assert assign_eval_splits(list(reversed(items)), 0.3, seed=0) == list(reversed(splits))  # order-free
    assert assign_eval_splits(items, 0.3, seed=1) != splits


# A helpdesk export as a new user prepares it: one ticket subject -> the agent's answer per row, no "?".
SUBSTANTIVE = [
    ("Necesito cambiar la dirección de envío de mi pedido", "Puede cambiarla desde Mis pedidos mientras el paquete no salga del almacén; después ya no es posible."),
    ("No me llegó el código de verificación al celular", "El código de 6 dígitos tarda hasta 5 minutos; si no llega, pida uno nuevo desde la pantalla de acceso."),
    ("Quiero devolver unos tenis que me quedaron chicos", "Tiene 30 días naturales para devolverlos sin uso; genere la guía prepagada en Mis pedidos."),
    ("Me cobraron dos veces la misma compra", "El segundo cargo es una retención temporal que su banco libera en un máximo de 72 horas."),
    ("Factura con datos incorrectos", "Procede la cancelación y reexpedición del CFDI; envíenos su RFC correcto y el número de pedido."),
    ("Cuánto cuesta el envío exprés", "El envío exprés cuesta $189 MXN y llega en 24 a 48 horas en Ciudad de México, Guadalajara y Monterrey."),
    ("Mi paquete aparece detenido desde hace una semana", "Abrimos un reporte con la paquetería; le damos respuesta en un plazo de 2 días hábiles."),
    ("Cancelar mi suscripción al boletín", "Use el enlace Darse de baja al final de cualquier correo o desactívelo en Mi cuenta, Preferencias."),
    ("El producto llegó roto", "Mándenos fotos del empaque y del producto dentro de las 48 horas posteriores a la entrega para reponerlo."),
    ("Puedo pagar en efectivo", "Sí, con OXXO Pay: la ficha vale 48 horas y acepta pagos de hasta $10,000 MXN."),
    ("Olvidé mi contraseña", "Entre a Iniciar sesión, elija Olvidé mi contraseña y siga el enlace que le llega por correo."),
    ("Garantía de una licuadora que dejó de funcionar", "Los electrodomésticos tienen 12 meses de garantía; escriba a garantias@mercacolibri.mx con su pedido."),
    ("Horario de atención telefónica", "Atendemos de lunes a sábado de 8:00 a 22:00 en el 800 266 5427, sin costo."),
    ("Meses sin intereses con tarjeta de débito", "Los meses sin intereses solo aplican con tarjetas de crédito participantes en compras desde $1,500 MXN."),
    ("Mi cupón de bienvenida no funciona", "El cupón BIENVENIDA10 da 10% en su primera compra y no se combina con otras promociones."),
    ("Cambio de talla de un pantalón", "Tiene un cambio de talla gratis por pedido; el segundo cambio se trata como una devolución normal."),
    ("Cuándo me regresan mi dinero", "Tras la inspección de hasta 3 días hábiles, el reembolso llega en 5 a 10 días hábiles a su tarjeta."),
    ("No encuentro el número de guía", "Lo recibe por correo en un máximo de 24 horas después del envío y lo rastrea en mercacolibri.mx/rastreo."),
    ("Puntos Colibrí vencidos", "Los puntos vencen a los 18 meses de haberse ganado; los vencidos ya no se pueden recuperar."),
    ("Quiero facturar una compra del mes pasado", "Solo se puede facturar en el mismo mes de la compra; el sistema ya no permite facturas atrasadas."),
]
JUNK = [
    ("gracias", "De nada, que tenga excelente día y buen fin de semana."),  # small talk
    ("Tengo un problema con mi pedido", "¿Me comparte su número de pedido, por favor?"),  # the agent asks back
    ("Necesito ayuda con un reembolso pendiente", "Claro."),  # answer too short
]


@pytest.fixture(scope="module")
def helpdesk_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("helpdesk")
    path = tmp / "tickets.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["asunto", "respuesta_agente", "categoria"])
        for k, (q, a) in enumerate(SUBSTANTIVE + JUNK):
            w.writerow([q, a, f"cat{k % 4}"])
        w.writerow(["Otra pregunta sin respuesta", ""])  # rejected by the reader, with its reason
    kb = tmp / "kb.md"
    kb.write_text("# Pagos\n\nPagos con OXXO Pay hasta $10,000 MXN. Teléfono 800 266 5427.\n", encoding="utf-8")
    out = tmp / "out"
    report = prepare(PrepareConfig(inputs=[str(path)], out=str(out), kb=[str(kb)], data=DataConfig(
        format="qa", columns={"question": "asunto", "answer": "respuesta_agente", "topic": "categoria"},
        examples="qa", pii=False, test_fraction=0.2, val_fraction=0.1)))
    return report, out


def test_helpdesk_rows_without_question_marks_keep_every_substantive_pair(helpdesk_run):
    report, out = helpdesk_run
    every = report.pairs["every split (substantive pairs)"]
    assert every["taken"] == len(SUBSTANTIVE)
    assert every["skipped"] == {"small_talk": 1, "asks_back": 1, "short_answer": 1}
    assert every["considered"] == len(SUBSTANTIVE) + len(JUNK)
    assert report.rejected_by_reason and report.rejected == 1  # the row without an answer
    written = [ex for name in ("train", "val", "test") for ex in read_jsonl(out / f"{name}.jsonl")]
    removed = report.contamination["train_examples"]["removed"]
    assert len(written) + removed == len(SUBSTANTIVE)
    questions = {ex["messages"][-2]["content"] for ex in written}
    assert questions <= {q for q, _ in SUBSTANTIVE}


def test_helpdesk_pairs_are_mined_or_picked_with_every_skip_counted(helpdesk_run):
    report, out = helpdesk_run
    mining = report.pairs["mining (train split -> kb.jsonl)"]
    picking = report.pairs["eval picking (test split -> eval.jsonl)"]
    for tally in (mining, picking):
        assert tally["considered"] == tally["taken"] + sum(tally["skipped"].values())
    mined = [p for p in read_jsonl(out / "kb.jsonl") if p["meta"]["kind"] == "qa"]
    assert mining["taken"] == len(mined) == report.qa_passages
    items = read_jsonl(out / "eval.jsonl")
    assert picking["taken"] == len(items) == report.splits["test"].examples
    assert {it["split"] for it in items} <= {"dev", "test"}
    assert report.eval_split["dev"] + report.eval_split["test"] == len(items)


def test_facts_are_derived_marked_and_few_items_warn_with_the_width(helpdesk_run):
    report, out = helpdesk_run
    items = read_jsonl(out / "eval.jsonl")
    assert items and all(it["meta"]["facts_source"] in ("derived", "none") for it in items)
    by_question = dict(SUBSTANTIVE)
    for it in items:
        if it["meta"]["facts_source"] == "derived":
            assert it["required_facts"] and all(f in by_question[it["question"]] for f in it["required_facts"])
    n = report.eval_split["test"]
    assert any(w.startswith(f"only {n} test eval items") and "±" in w for w in report.warnings)


def test_derived_facts_are_the_values_and_company_contacts_of_the_reference():
    from kit.data.derive import derive_facts
    from kit.facts import check_facts

    kb = "Pague con OXXO Pay o PayPal. Llame al 800 266 5427 o escriba a ayuda@mercacolibri.mx."
    ref = "Con OXXO Pay la ficha vale 48 horas y acepta hasta $10,000 MXN; dudas al 800 266 5427."
    facts = derive_facts(ref, kb, {"800 266 5427", "ayuda@mercacolibri.mx"})
    assert facts == ["OXXO Pay", "48 horas", "$10,000 MXN", "800 266 5427"]
    assert check_facts(ref, facts).correct
    assert derive_facts("Con gusto le ayudo con eso.", kb) == []


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[k:k + n]) for k in range(max(1, len(words) - n + 1))}


@pytest.mark.slow
@pytest.mark.skipif(not (SHOP / "eval.jsonl").is_file(), reason="shipped corpus not generated")
def test_shop_demo_data_has_no_contamination_after_the_audit(tmp_path):
    """As kit/demo/flow.py prepares it; checked again here by brute force (exact Jaccard, no MinHash)."""
    from kit.train.recipe import load_recipe

    recipe = load_recipe("recipes/tiny-es/lora.yaml", [])
    cfg = recipe.data.model_copy(update={"max_length": recipe.train.max_length})
    report = prepare(PrepareConfig(inputs=[str(SHOP / "conversations.jsonl")], out=str(tmp_path), data=cfg,
                                   kb=[str(SHOP / "kb")], eval_files=[str(SHOP / "eval.jsonl")],
                                   system_prompt=recipe.system_prompt))
    section = report.contamination
    # before the audit: 135 train examples and 134 mined pairs quote a reference verbatim, 58 more nearly
    assert section["train_examples"]["found"] >= 100 and section["mined_passages"]["found"] >= 100
    assert section["train_examples"]["left"] == section["mined_passages"]["left"] == 0
    evals = read_jsonl(tmp_path / "eval.jsonl")
    texts = {" ".join(plain(it[k]).split()) for it in evals for k in ("question", "reference")}
    long = [t for t in texts if len(t.split()) >= cfg.contamination_min_words]
    shingled = [(t, _shingles(t.split())) for t in texts]
    seen: list[str] = []
    for ex in read_jsonl(tmp_path / "train.jsonl"):
        seen += [m["content"] for m in ex["messages"] if m["role"] != "system"]
    for p in read_jsonl(tmp_path / "kb.jsonl"):
        if p["meta"]["kind"] == "qa":
            seen += p["text"].removeprefix("Pregunta: ").split("\nRespuesta: ")
    for text in set(seen):
        words = plain(text).split()
        joined = f" {' '.join(words)} "
        assert joined.strip() not in texts and not any(f" {t} " in joined for t in long), text
        mine = _shingles(words)
        assert all(len(mine & s) / len(mine | s) < cfg.contamination_threshold for _, s in shingled), text
    # every item is dealt to dev or test, and the base reading check reads dev items only
    from kit.tiny_es.check import check_items

    split = {it["id"]: it["split"] for it in evals}
    assert report.eval_split["dev"] == sum(s == "dev" for s in split.values()) == 108
    assert all(split[i.id] == "dev" for i in check_items("shop", n=50))


def test_an_eval_file_may_name_a_split_and_a_wrong_one_is_one_error(tmp_path):
    from kit.data.prepare import read_eval_files
    from kit.errors import ChatkitError

    good = tmp_path / "e.jsonl"
    good.write_text(json.dumps({"question": "¿Cuánto tarda?", "reference": "3 a 5 días", "split": "dev"}) + "\n"
                    + json.dumps({"question": "¿Cuánto cuesta?", "reference": "$99 MXN"}) + "\n", encoding="utf-8")
    items = read_eval_files([str(good)])
    assert items[0]["split"] == "dev" and "split" not in items[1]  # the second is dealt by prepare
    bad = tmp_path / "b.jsonl"
    bad.write_text(json.dumps({"question": "¿Q?", "reference": "R", "split": "train"}) + "\n", encoding="utf-8")
    with pytest.raises(ChatkitError, match=r"b\.jsonl:1: not an eval item \(split must be one of dev, test"):
        read_eval_files([str(bad)])
