"""Role names as exports spell them -> system | user | assistant | drop (Spanish and English defaults)."""

from __future__ import annotations

import re

DEFAULT_ROLES: dict[str, str] = {}
for _role, _labels in {
    "user": "user usuario usuaria cliente clienta customer client end-user end_user enduser human humano "
            "requester solicitante visitor visitante comprador compradora consumidor contacto contact buyer prompter",
    "assistant": "assistant asistente agente agent asesor asesora soporte support bot chatbot gpt chatgpt model ai ia "
                 "operator operador operadora ejecutivo ejecutiva representante staff helpdesk servicio vendedor vendedora",
    "system": "system sistema notice aviso automated automatico automático",
    "drop": "tool function ipython",
}.items():
    for _label in _labels.split():
        DEFAULT_ROLES[_label] = _role

_FIRST_WORD = re.compile(r"[\s_:\-/]+")


def map_role(label: str, extra: dict[str, str]) -> str | None:
    """The role for `label`, or None when unknown. `extra` (from --roles) wins over the defaults.

    "Agente Laura" or "cliente_vip" fall back to their first word, so agent names in headers need no mapping.
    """
    key = label.strip().lower()
    if key in extra:
        return extra[key]
    if key in DEFAULT_ROLES:
        return DEFAULT_ROLES[key]
    first = _FIRST_WORD.split(key, maxsplit=1)[0]
    if first in extra:
        return extra[first]
    return DEFAULT_ROLES.get(first)
