"""Optional LLM judge through any OpenAI-compatible chat endpoint (off by default; tests never call it).

The judge sees the question, the reference answer and the candidate, and returns a 0-10 grade that we
scale to 0-1. Only the standard library is used (urllib), so no client package is needed.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from typing import Any

from kit.compare.config import JudgeConfig
from kit.errors import ChatkitError

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
    key = os.environ.get(cfg.api_key_env, "")
    body = {
        "model": cfg.model,
        "temperature": 0,
        "messages": [{"role": "user", "content": PROMPT.format(question=question, reference=reference, answer=answer)}],
    }
    request = urllib.request.Request(
        cfg.base_url.rstrip("/") + "/chat/completions",
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {key}"} if key else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=cfg.timeout_s) as response:
            data: dict[str, Any] = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as e:
        raise ChatkitError(
            f"metrics.judge: cannot reach {cfg.base_url} ({type(e).__name__})",
            "check metrics.judge.base_url and the API key variable, or turn the judge off",
        ) from None
    try:
        return parse_grade(data["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError):
        return None


def judge_rows(cfg: JudgeConfig, rows: list[dict[str, Any]]) -> None:
    """Fill row['judge'] for every row (in place) when the judge is enabled."""
    if not cfg.enabled:
        return
    from kit.console import progress

    for row in progress(rows, "LLM judge", total=len(rows)):
        row["judge"] = judge_one(cfg, row["question"], row["reference"], row["answer"])
