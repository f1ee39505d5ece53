"""Person names, found only where context introduces them (used by kit.data.pii).

"me llamo Ana García", "mi nombre es …", "soy Laura" (not "soy cliente", "soy de Monterrey"),
"a nombre de …", "Atentamente,\\nJuan Pérez", "le atiende Laura", "Nombre: …". Once a name is known
in a conversation, its later mentions ("Gracias, Ana") are found too, so the agent's replies do not
leak what the customer's turn hid.
"""

from __future__ import annotations

import re

_UP = "A-ZÁÉÍÓÚÑÜ"
_LO = "a-záéíóúñü"
_TOKEN = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_PARTICLE = r"(?:de|del|de[ \t]+la|de[ \t]+los|de[ \t]+las)"
_TITLE = r"(?:(?:Sr|Sra|Srta|Dr|Dra|Lic|Ing|Don|Doña)\.?[ \t]+)"
# Keywords are case-insensitive; the name itself must be capitalised (case-sensitive).
_INTRO = (
    r"(?i:\b(?:llamo|nombre\s+es|nombre\s+de|soy|atiende|saluda|hola|estimad[oa]|gracias)[ \t]*,?\s+"
    r"|\b(?:atentamente|saludos\s+cordiales|cordialmente|un\s+saludo|saludos)[ \t]*,?\s*"
    r"|\b(?:nombre|titular|firma|att|atte)\.?[ \t]*:\s*)"
    r"|(?m:^--[ \t]*\n?[ \t]*)"
)
NAMES = re.compile(rf"(?:{_INTRO}){_TITLE}?(?P<name>{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN}){{0,3}})")
_NAME_TOKEN = re.compile(_TOKEN)
# Lower-case starts of the _INTRO keywords, found with str.find before the regex runs.
_KEYS = (
    "llamo", "nombre", "soy", "atiende", "saluda", "hola", "estimad", "gracias", "atentamente", "saludos",
    "cordialmente", "un saludo", "titular", "firma", "att", "--",
)  # fmt: skip
_PARTICLES = frozenset({"de", "del", "la", "los", "las"})

# Capitalised words that follow "soy", "hola", "atentamente" … and are not names.
STOPWORDS = frozenset(
    """
    cliente clienta clientes usuario usuaria socio socia titular estudiante propietario propietaria dueño dueña
    agente asesor asesora soporte atención atencion equipo servicio servicios departamento área area gerente
    supervisor supervisora administrador administradora encargado encargada responsable nuevo nueva premium plus
    gold platinum vip hola gracias buenos buenas buen día dia tardes noches saludos cordiales muy por que qué como
    cómo cuando cuándo donde dónde el la los las un una unos unas su sus mi mis tu tus yo usted ustedes él ella
    nosotros estimado estimada señor señora señorita don doña no sí si ya y e o a en con para sin sobre tengo quiero
    necesito tienda banco empresa compañía mesa centro ayuda información informacion lunes martes miércoles jueves
    viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
    noviembre diciembre inglés español francés portugués feliz felices excelente perfecto claro listo bien ok vale igualmente todos todas
    """.split()
)


def find_names(text: str, stop: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of each person name introduced by context in `text`.

    Args:
        stop: extra lower-case words that end a name (the company's own name, from the allowlist).
    """
    low = text.lower()
    if len(low) != len(text):  # a rare character whose lower case is longer ("İ"): offsets would drift
        starts = [m.start() for m in NAMES.finditer(text)]
    else:
        # str.find per keyword is far faster than a case-insensitive regex over every position.
        starts = sorted({i for key in _KEYS for i in _find_all(low, key)})
    found = []
    for i in starts:
        m = NAMES.match(text, i)
        if m is None or (found and m.start("name") < found[-1][1]):
            continue
        span = _trim(m.group("name"), stop)
        if span:
            found.append((m.start("name") + span[0], m.start("name") + span[1]))
    return found


def _find_all(low: str, key: str):
    i = low.find(key)
    while i >= 0:
        yield i
        i = low.find(key, i + 1)


def _trim(name: str, stop: frozenset[str]) -> tuple[int, int] | None:
    # Keep tokens up to the first stop word or brand-like token ("TiendaMax"); drop dangling particles.
    end = None
    for t in _NAME_TOKEN.finditer(name):
        word = t.group()
        low = word.lower()
        if low in STOPWORDS or low in stop or any(c.isupper() for c in word[1:].replace("-", "")):
            break
        end = t.end()
    return (0, end) if end else None


def name_aliases(values: list[str]) -> dict[str, str]:
    """Strings to look for later -> the full name they stand for: the full name and each given/surname.

    Longest names first, so "Ana" stands for "Ana García" even when "Ana" alone was introduced too.
    """
    aliases: dict[str, str] = {}
    for value in sorted({" ".join(v.split()) for v in values}, key=len, reverse=True):
        aliases.setdefault(value, value)
        for token in _NAME_TOKEN.findall(value):
            if len(token) >= 3 and token.lower() not in STOPWORDS and token.lower() not in _PARTICLES:
                aliases.setdefault(token, aliases.get(value, value))
    return dict(sorted(aliases.items(), key=lambda kv: len(kv[0]), reverse=True))
