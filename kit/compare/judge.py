"""Optional LLM judge through any OpenAI-compatible chat endpoint (off by default; tests never call it).

The judge sees the question, the reference answer and the candidate, and returns a 0-10 grade that we
scale to 0-1. It calls the endpoint through the same client as compare's api arms (kit.generate.openai_api).
"""

from __future__ import annotations

import re
from typing import Any

from kit.compare.config import JudgeConfig

PROMPT = (
    "Eres un evaluador de respuestas de atención al cliente. Compara la RESPUESTA con la REFERENCIA para la "
    "PREGUNTA. Califica de 0 a 10 qué tan correcta y completa es la RESPUESTA en los datos que importan "
    "(plazos, montos, requisitos, a quién escalar); ignora el estilo. Contesta solo con: NOTA: <número>.\n\n"
    "PREGUNTA: {question}\nREFERENCIA: {reference}\nRESPUESTA: {answer}"
)
_GRADE = re.compile(r"NOTA\s*:\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)


def parse_grade(text: str) -> float | None:
    """'NOTA: 7' -> 0.7; None when the judge did not answer in the asked format."""
    m = _GRADE.search(text or "")
    if not m:
        return None
    return max(0.0, min(10.0, float(m.group(1).replace(",", ".")))) / 10


def judge_one(cfg: JudgeConfig, question: str, reference: str, answer: str) -> float | None:
    """One graded answer (0-1), or None when the endpoint answered without a grade."""
    from kit.generate.openai_api import ApiGenerator, EndpointConfig

    endpoint = EndpointConfig(base_url=cfg.base_url, api_key_env=cfg.api_key_env, timeout_s=cfg.timeout_s)
    judge = ApiGenerator(cfg.model, endpoint, who="metrics.judge")
    prompt = PROMPT.format(question=question, reference=reference, answer=answer)
    return parse_grade(judge.complete([{"role": "user", "content": prompt}], max_new_tokens=16).text)


def judge_rows(cfg: JudgeConfig, rows: list[dict[str, Any]]) -> None:
    """Fill row['judge'] for every row (in place) when the judge is enabled."""
    if not cfg.enabled:
        return
    from kit.console import progress

    for row in progress(rows, "LLM judge", total=len(rows)):
        row["judge"] = judge_one(cfg, row["question"], row["reference"], row["answer"])
