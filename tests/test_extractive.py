"""The extractive arm answers within the generating arms' budget, and padding its answers cannot buy the verdict."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, build_tiny_tokenizer

# Two policy pages, four values each: what a top passage holds beside the one value asked for.
PAGES = {
    "envios": [
        ("El envío estándar tarda 3 a 5 días hábiles.", "3 a 5 días hábiles"),
        ("El envío express tarda 1 a 2 días hábiles.", "1 a 2 días hábiles"),
        ("Los pedidos a zonas extendidas tardan 7 a 10 días hábiles.", "7 a 10 días hábiles"),
        ("El costo del envío estándar es de $99 MXN.", "$99 MXN"),
    ],
    "devoluciones": [
        ("Tiene 30 días naturales para devolver un producto.", "30 días naturales"),
        ("El reembolso se refleja en 5 a 7 días hábiles.", "5 a 7 días hábiles"),
        ("Los productos en oferta se cambian dentro de 15 días naturales.", "15 días naturales"),
        ("La guía de devolución prepagada cuesta $120 MXN.", "$120 MXN"),
    ],
}
# Per value: a question in the page's words, then two in the customer's own words (no shared term).
QUESTIONS = {
    "3 a 5 días hábiles": ["¿Cuánto tarda el envío estándar?", "¿Cuándo me llega el paquete normal?",
                           "¿En qué tiempo recibo mi compra?"],
    "1 a 2 días hábiles": ["¿Cuánto tarda el envío express?", "¿Qué tan rápido llega si pago urgente?",
                           "¿Hay opción veloz? ¿En qué tiempo?"],
    "7 a 10 días hábiles": ["¿Cuánto tardan los pedidos a zonas extendidas?", "Vivo en un rancho lejano, ¿cuándo llega?",
                            "¿Y si vivo fuera de la ciudad?"],
    "$99 MXN": ["¿Cuál es el costo del envío estándar?", "¿Me cobran por mandarlo?", "¿Sale gratis que lo manden?"],
    "30 días naturales": ["¿Cuántos días tengo para devolver un producto?", "¿Hasta cuándo acepto regresar algo?",
                          "Ya no lo quiero, ¿a tiempo estoy?"],
    "5 a 7 días hábiles": ["¿Cuándo se refleja el reembolso?", "¿Cuándo veo mi dinero de vuelta?",
                           "¿En qué tiempo me pagan lo que regresé?"],
    "15 días naturales": ["¿Los productos en oferta se cambian?", "Compré algo rebajado, ¿puedo cambiarlo?",
                          "¿Lo de descuento se puede regresar?"],
    "$120 MXN": ["¿Cuánto cuesta la guía de devolución prepagada?", "¿Pago algo por regresar mi compra?",
                 "¿Tiene cargo mandar de regreso un artículo?"],
}
BUDGET = 96


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return build_tiny_tokenizer(tmp_path_factory.mktemp("tok"))


def items() -> list[dict]:
    out = []
    for page, sentences in PAGES.items():
        passage = page.capitalize() + "\n\n" + " ".join(text for text, _ in sentences)
        for _, fact in sentences:
            for k, question in enumerate(QUESTIONS[fact]):
                out.append({"id": f"{page}-{len(out)}", "question": question, "fact": fact, "passage": passage,
                            "values": [f for _, f in sentences], "page_words": k == 0})
    return out


def test_extractive_answer_is_the_best_matching_sentence_within_the_budget(tokenizer):
    from kit.compare.extractive import extractive_answer, token_ids

    passage = "Envíos\n\n" + " ".join(text for text, _ in PAGES["envios"])
    answer = extractive_answer("¿Cuánto tarda el envío express?", passage, tokenizer, BUDGET)
    assert answer == "El envío express tarda 1 a 2 días hábiles."
    # a mined Q->A passage answers with its answer part only
    qa = "Pregunta: ¿cuánto cuesta el envío?\nRespuesta: El envío estándar cuesta $99 MXN. Llega en 3 a 5 días."
    assert extractive_answer("¿Cuánto cuesta el envío?", qa, tokenizer, BUDGET) == "El envío estándar cuesta $99 MXN."
    # the budget is counted with the given tokenizer: a long best sentence is cut to it
    cut = extractive_answer("¿Cuánto tarda el envío express?", passage, tokenizer, 6)
    assert len(token_ids(tokenizer, cut)) <= 6 and "El envío express tarda 1 a 2 días hábiles.".startswith(cut)
    # no shared term: the first sentence that states a value, not the page; a question back ranks last
    assert extractive_answer("¿Hola?", passage, tokenizer, BUDGET) == PAGES["envios"][0][0]
    bullets = ("Envío exprés\n\n- Disponible en Ciudad de México, Guadalajara y Monterrey.\n"
               "- Llega en 24 a 48 horas y cuesta $189 MXN.\n- ¿Le ayudo con algo más?")
    assert extractive_answer("¿Qué tarifa tiene la opción urgente?", bullets, tokenizer, BUDGET) == (
        "Llega en 24 a 48 horas y cuesta $189 MXN.")


def report_for(tokenizer, pad: bool) -> dict:
    """A compare report over ITEMS: lora+rag states the asked value on all but two; extractive answers honestly,
    or (pad) with every value of its passage appended. Scored by compare's judge, priced by its price function."""
    from kit.compare import cost
    from kit.compare.extractive import extractive_answer, token_ids
    from kit.compare.metrics import score_item
    from kit.compare.report import build_report

    prices = cost.load_prices(ROOT / "eval" / "prices.yaml")
    arms = [{"name": "lora+rag", "lora": True, "rag": True, "extractive": False, "training_cost": 3.0},
            {"name": "extractive", "lora": False, "rag": False, "extractive": True}]
    for arm in arms:
        arm.update(generates=not arm["extractive"], retrieves=True, gpu=False, machine_s_per_query=0.05,
                   hosting_monthly=cost.retrieval_fixed_monthly(prices, True))
    rows = []
    for arm in arms:
        for n, item in enumerate(items()):
            if arm["extractive"]:
                answer = extractive_answer(item["question"], item["passage"], tokenizer, BUDGET)
                if pad:
                    answer += " Otros datos: " + ", ".join(item["values"]) + "."
            else:
                other = next(v for v in item["values"] if v != item["fact"])
                answer = f"Le confirmo: {other if n in (3, 17) else item['fact']}."
            row = {"arm": arm["name"], "item": item["id"], "question": item["question"], "answer": answer,
                   "reference": f"Son {item['fact']}.", "required_facts": [item["fact"]], "stale_facts": [],
                   "prompt_tokens": 0 if arm["extractive"] else 420, "context_tokens": 0 if arm["extractive"] else 300,
                   "completion_tokens": len(token_ids(tokenizer, answer)), "query_tokens": 12, "cosine": None,
                   "judge": None, "ttft_s": None, "total_s": None, "tokens_per_s": None, "retrieval_s": 0.01}
            row.update(score_item(answer, row["reference"], [item["fact"]], [], None, [item["passage"]],
                                  question=item["question"]))
            common = {"model_key": "gpt-4o-mini", "generates": arm["generates"], "retrieves": True,
                      "fine_tuned": arm["lora"], "prompt_tokens": row["prompt_tokens"],
                      "completion_tokens": row["completion_tokens"], "query_tokens": 12, "machine_seconds": 0.05}
            row["cost_api"] = cost.price_query(prices, "api", **common)
            row["cost_self"] = cost.price_query(prices, "self_hosted", **common)
            rows.append(row)
    settings = {"resamples": 1000, "seed": 0, "level": 0.95, "alpha": 0.05, "baseline": "lora+rag", "pricing": "api",
                "api_model": "gpt-4o-mini", "monthly_volume": 30_000, "retrains_per_year": 4.0, "currency": "USD"}
    return build_report("padding", rows, arms, settings, {"n_items": len(items())},
                        prices=json.loads(prices.model_dump_json()))


def test_honest_extractive_answers_fit_the_budget_and_do_not_win(tokenizer):
    report = report_for(tokenizer, pad=False)
    ext = [r for r in report["rows"] if r["arm"] == "extractive"]
    assert all(r["completion_tokens"] <= BUDGET for r in ext)
    # in the page's words the right sentence is found; in the customer's words mostly not
    by_id = {i["id"]: i for i in items()}
    assert all(r["fact_correct"] for r in ext if by_id[r["item"]]["page_words"])
    assert not all(r["fact_correct"] for r in ext)
    # significantly less accurate than lora+rag, so not shipped although it costs less
    assert report["summary"]["comparisons"][0]["significant"]
    assert report["recommendation"]["arm"] == "lora+rag" and report["recommendation"]["candidates"] == ["lora+rag"]


def test_padding_extractive_answers_with_every_value_of_their_passage_does_not_change_the_recommendation(tokenizer):
    honest = report_for(tokenizer, pad=False)["recommendation"]
    padded = report_for(tokenizer, pad=True)
    assert padded["recommendation"]["arm"] == honest["arm"] == "lora+rag"
