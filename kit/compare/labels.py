"""Report labels in English and Spanish (`--lang es`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Fine-tuning vs RAG",
        "arm": "Arm",
        "fact_accuracy": "Fact accuracy",
        "fact_recall": "Fact recall",
        "cosine": "Cosine to reference",
        "token_f1": "Token F1",
        "rouge_l": "ROUGE-L",
        "escalation_accuracy": "Escalation accuracy",
        "groundedness": "Groundedness",
        "placeholders": "Answers with a placeholder (lower is better)",
        "context_recall": "Facts in context",
        "judge": "LLM judge",
        "ttft_s": "Time to first token (s)",
        "total_s": "End to end (s)",
        "tokens_per_s": "Output tokens/s",
        "retrieval_s": "Retrieval (s)",
        "prompt_tokens": "Prompt tokens",
        "context_tokens": "Context tokens",
        "completion_tokens": "Completion tokens",
        "cost_api_per_1k": "API cost / 1k queries",
        "cost_self_per_1k": "Self-hosted cost / 1k queries",
        "monthly": "Monthly cost at your volume",
        "training": "One-off training cost",
        "recommendation": "Recommendation",
        "quality": "Quality (95% CI)",
        "latency": "Latency per request (one at a time)",
        "tokens_cost": "Tokens and cost",
        "significance": "Paired tests (Holm-corrected)",
        "freshness": "Freshness after a policy update",
        "new_fact": "Answers with the new fact",
        "stale_fact": "Answers with the stale fact",
        "context_new": "New fact in context",
        "context_stale": "Stale fact in context",
        "update_time": "Index update",
        "retrain_time": "Retrain",
        "break_even": "Break-even",
        "per_item": "Per-item answers",
        "filter_arm": "Arm",
        "filter_result": "Result",
        "filter_text": "Search",
        "all": "all",
        "correct": "correct",
        "wrong": "wrong",
        "question": "Question",
        "answer": "Answer",
        "reference": "Reference",
        "facts": "Facts",
        "significant": "significant",
        "not_significant": "not significant",
        "metadata": "Run metadata",
        "queries_month": "queries per month",
        "cost_axis": "cost per 1,000 queries",
        "pareto": "Pareto front",
        "never": "never (fine-tuning is not cheaper per query)",
        "always": "fine-tuning costs less at any volume",
        "seconds": "s",
        "plots": "Plots",
        "decision": "Decision",
        "why": "Why",
        "what_changes": "What would change it",
        "on_items": "on the {n} {split} items",
        "split": "split",
        "split_test": "test",
        "split_dev": "dev (for choosing, not for reporting)",
        "monthly_line": "Monthly cost at {volume} queries: {monthly} ({per1k} per 1,000 queries; fixed {fixed} a month: "
        "index hosting {hosting}, training {training}).",
        "latency_title": "Latency per request (answered one at a time; {n} sampled items per arm)",
        "sampled": "Sampled",
        "ttft_p50": "TTFT p50 (s)",
        "ttft_p95": "TTFT p95 (s)",
        "e2e_p50": "End to end p50 (s)",
        "e2e_p95": "End to end p95 (s)",
        "retrieval_p50_ms": "Retrieval p50 (ms)",
        "throughput_title": "Batch throughput (answers generated together; prices self-hosting, not a user's wait)",
        "batch_size": "Batch size",
        "items_per_s": "Answers/s",
        "out_tokens_per_s": "Output tokens/s",
        "cost_title": "Cost",
        "hosting_monthly": "Index hosting / month",
        "fixed_monthly": "Fixed / month",
        "matrix_title": "Pairwise tests (row − column; Holm-corrected p; bold: significant)",
        "appendix": "Appendix",
        "all_tests": "Every pairwise test",
        "prices_used": "Prices used (embedded in report.json)",
        "budget_line": "Answer budget: {n} tokens for every arm, counted with the tokenizer of {tok}; the extractive arm "
        "answers with the best-matching sentence(s) of its top passage within it.",
        "shots_line": "Worked examples: {arm} answered a plain completion prompt that first showed {k} mined question->answer "
        "pairs ({ids}), each under the KB passage that states its numbers (generation.shots); every other arm, the chat layout.",
        "context_weight_line": "Context-aware decoding: {arm} chose each token by (1 + {w}) x log p(token | passages, question) "
        "- {w} x log p(token | question), the same prompt without its passages (generation.context_weight); it costs one "
        "more forward pass a token, counted in its time and cost.",
        "cost_basis": "API view: tokens x the {model} prices, plus each question's tokens x the embedding price for arms "
        "that retrieve. Self-hosted view: the batch's machine seconds per answer x the hour price. Arms that retrieve "
        "also pay an always-on index host ({host}, {hour}/h x {hours} h a month).",
        "no_change": "—",
        "arm_row_col": "row − column",
        "unit_pp": "pp",
        "ci95": "95% CI",
        "items": "items",
    },
    "es": {
        "title": "Ajuste fino frente a RAG",
        "arm": "Variante",
        "fact_accuracy": "Exactitud de datos",
        "fact_recall": "Cobertura de datos",
        "cosine": "Coseno con la referencia",
        "token_f1": "F1 de tokens",
        "rouge_l": "ROUGE-L",
        "escalation_accuracy": "Acierto al escalar",
        "groundedness": "Fundamentación",
        "placeholders": "Respuestas con un marcador (menos es mejor)",
        "context_recall": "Datos en el contexto",
        "judge": "Juez LLM",
        "ttft_s": "Tiempo al primer token (s)",
        "total_s": "Respuesta completa (s)",
        "tokens_per_s": "Tokens de salida/s",
        "retrieval_s": "Recuperación (s)",
        "prompt_tokens": "Tokens de entrada",
        "context_tokens": "Tokens de contexto",
        "completion_tokens": "Tokens de salida",
        "cost_api_per_1k": "Costo API / 1000 consultas",
        "cost_self_per_1k": "Costo propio / 1000 consultas",
        "monthly": "Costo mensual a su volumen",
        "training": "Costo único de entrenamiento",
        "recommendation": "Recomendación",
        "quality": "Calidad (IC 95 %)",
        "latency": "Latencia por solicitud (de una en una)",
        "tokens_cost": "Tokens y costo",
        "significance": "Pruebas pareadas (corrección de Holm)",
        "freshness": "Vigencia tras un cambio de políticas",
        "new_fact": "Responde con el dato nuevo",
        "stale_fact": "Responde con el dato viejo",
        "context_new": "Dato nuevo en el contexto",
        "context_stale": "Dato viejo en el contexto",
        "update_time": "Actualizar el índice",
        "retrain_time": "Reentrenar",
        "break_even": "Punto de equilibrio",
        "per_item": "Respuestas por pregunta",
        "filter_arm": "Variante",
        "filter_result": "Resultado",
        "filter_text": "Buscar",
        "all": "todas",
        "correct": "correcta",
        "wrong": "incorrecta",
        "question": "Pregunta",
        "answer": "Respuesta",
        "reference": "Referencia",
        "facts": "Datos",
        "significant": "significativa",
        "not_significant": "no significativa",
        "metadata": "Datos de la ejecución",
        "queries_month": "consultas al mes",
        "cost_axis": "costo por 1000 consultas",
        "pareto": "Frente de Pareto",
        "never": "nunca (el ajuste fino no es más barato por consulta)",
        "always": "el ajuste fino cuesta menos a cualquier volumen",
        "seconds": "s",
        "plots": "Gráficas",
        "decision": "Decisión",
        "why": "Por qué",
        "what_changes": "Qué la cambiaría",
        "on_items": "en las {n} preguntas de {split}",
        "split": "partición",
        "split_test": "prueba (test)",
        "split_dev": "desarrollo (dev: para elegir, no para informar)",
        "monthly_line": "Costo mensual con {volume} consultas: {monthly} ({per1k} por cada 1000 consultas; fijo {fixed} al "
        "mes: alojamiento del índice {hosting}, entrenamiento {training}).",
        "latency_title": "Latencia por solicitud (respondidas de una en una; {n} preguntas de muestra por variante)",
        "sampled": "Muestra",
        "ttft_p50": "Primer token p50 (s)",
        "ttft_p95": "Primer token p95 (s)",
        "e2e_p50": "Respuesta completa p50 (s)",
        "e2e_p95": "Respuesta completa p95 (s)",
        "retrieval_p50_ms": "Recuperación p50 (ms)",
        "throughput_title": "Rendimiento por lotes (respuestas generadas juntas; fija el costo propio, no la espera de un "
        "usuario)",
        "batch_size": "Tamaño del lote",
        "items_per_s": "Respuestas/s",
        "out_tokens_per_s": "Tokens de salida/s",
        "cost_title": "Costo",
        "hosting_monthly": "Alojamiento del índice / mes",
        "fixed_monthly": "Fijo / mes",
        "matrix_title": "Pruebas pareadas (fila − columna; p corregida por Holm; en negrita: significativa)",
        "appendix": "Anexo",
        "all_tests": "Todas las pruebas pareadas",
        "prices_used": "Precios usados (incluidos en report.json)",
        "budget_line": "Presupuesto de respuesta: {n} tokens para cada variante, contados con el tokenizador de {tok}; la "
        "variante extractiva responde con la(s) oración(es) del mejor pasaje que más se parecen a la pregunta, dentro de él.",
        "shots_line": "Ejemplos resueltos: {arm} respondió un prompt de texto plano que primero mostraba {k} pares "
        "pregunta->respuesta extraídos de los chats ({ids}), cada uno bajo el pasaje de la base de conocimiento que dice sus "
        "cifras (generation.shots); las demás variantes, el formato de chat.",
        "context_weight_line": "Decodificación según el contexto: {arm} eligió cada token por (1 + {w}) x log p(token | "
        "pasajes, pregunta) - {w} x log p(token | pregunta), el mismo prompt sin sus pasajes (generation.context_weight); "
        "cuesta un paso más del modelo por token, contado en su tiempo y su costo.",
        "cost_basis": "Vista API: tokens x los precios de {model}, más los tokens de cada pregunta x el precio de embeddings "
        "en las variantes que recuperan. Vista propia: los segundos de máquina por respuesta del lote x el precio por "
        "hora. Las variantes que recuperan pagan además un servidor del índice siempre encendido ({host}, {hour}/h x "
        "{hours} h al mes).",
        "no_change": "—",
        "arm_row_col": "fila − columna",
        "unit_pp": "pp",
        "ci95": "IC 95 %",
        "items": "preguntas",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The label set for `lang` (en or es)."""
    return LABELS.get(lang, LABELS["en"])


def money(amount: float | None, currency: str) -> str:
    """An amount with enough digits to tell small per-query costs apart: 1,234 USD · 12.30 USD · 0.0042 USD."""
    if amount is None:
        return "—"
    if abs(amount) >= 100:
        text = f"{amount:,.0f}"
    elif abs(amount) >= 1:
        text = f"{amount:,.2f}"
    elif amount == 0:
        text = "0"
    else:
        text = f"{amount:.2g}" if abs(amount) < 1e-4 else f"{amount:.4f}"
    return f"{text} {currency}"


def pct(value: float | None, digits: int = 1) -> str:
    """A share as a percentage: 0.8234 -> 82.3%."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{min(digits, 2)}f}"


def volume(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
