"""Postal addresses, and places named after people that are not persons (used by kit.data.pii).

An address starts at a street type of Mexico, Spain, Colombia, Argentina, Peru or Chile (Calle, C/,
Av./Avda., Blvd., Calz., Carrera/Cra., Diagonal, Transversal, Jr., Pasaje, Paseo, Plaza, …) and needs a
number: "Calle Reforma 222", "C/ Alcalá 45", "Carrera 7 # 45-23", "Calle Mayor, s/n". It then takes
what follows it (interior/piso/puerta/depto, "3º B", colonia/barrio, postal code, city words after a
comma), so "Calle Reforma 222, Col. Juárez, CP 06600, Ciudad de México" is one span. A street named
without a number ("sobre la calle Miguel Hidalgo") is no address, and its name is no person either.
"""

from __future__ import annotations

import re

from kit.data.pii_lexicon import FUNCTION_WORDS, PARTICLES
from kit.text import fold_same_length as fold
from kit.text import fold_words

_TYPES = (
    r"av(?:enida|da\.?|\.)?[ \t]+(?:calle|carrera|cra\.?|kr\.)|avenida|avda\.?|av\.?|calle|c/|cl\.|cll\.?|calzada|calz\.?|bulevar|boulevard|blvd\.?|bv\.?"
    r"|carrera|cra\.?|kr\.|carretera|ctra\.?|diagonal|dg\.|transversal|tv\.|jir[oó]n|jr\.|pasaje|psje\.?"
    r"|pje\.?|paseo|plaza|pza\.?|privada|priv\.?|cerrada|andador|prolongaci[oó]n|prol\.?|circuito|retorno"
    r"|callej[oó]n|camino|ronda|traves[ií]a|glorieta|rambla|alameda"
)
# The street types as words of fold_words (no accents, no dots): kit.data.pii looks them up among a text's
# words (one split for every detector) before the regex scan, which costs ~15 µs per conversation.
STREET_WORDS = frozenset(
    """
    av avenida avda calle cl cll calzada calz bulevar boulevard blvd bv carrera cra kr carretera ctra diagonal dg
    transversal tv jiron jr pasaje psje pje paseo plaza pza privada priv cerrada andador prolongacion prol
    circuito retorno callejon camino ronda travesia glorieta rambla alameda
    """.split()
)
# Street types that are also everyday words ("un paseo de 2 horas", "la plaza 3 veces"): lower case,
# they need a capitalised street name.
_AMBIGUOUS = frozenset(
    "paseo plaza pasaje diagonal transversal carrera camino ronda circuito privada cerrada retorno glorieta "
    "rambla alameda andador calzada".split()
)
# A word: "Insurgentes", "O'Higgins", "D.C.", "Gral." before another word (a sentence's full stop stays out).
_W = (
    r"(?:(?:[A-Z]\.){2,}|(?i:gral|sta|sto|dr|dra|ing|lic|pdte|pte|prof|cnel|tte|mtro|gob)\.(?=[ \t]*[^\W\d_])"
    r"|[^\W\d_]+(?:['-][^\W\d_]+)*)"
)
_NAME = rf"(?:\d{{1,2}}[ \t]+de[ \t]+)?{_W}(?:[ \t]+{_W}){{0,5}}"  # "5 de Mayo", "de la Reforma", "Insurgentes Sur"
_NUM_MARK = r"(?i:#|n(?:o|ro|úm|um)?\.?[ \t]?[º°]?|n\.?[ \t]?º|núm\.?|número|numero)"
_NUMBER = (
    rf"(?:(?:{_NUM_MARK}[ \t]*)?\d{{1,5}}(?:[ \t]?[A-Za-z](?![\w']))?(?:[ \t]?-[ \t]?\d{{1,4}}[A-Za-z]?|-[A-Za-z](?!\w))?"
    r"|[sS]/[nN]\b|km\.?[ \t]?\d{1,3}(?:[.,]\d)?)"
)
_GATE = re.compile(rf"(?<![\w/])(?:{_TYPES})(?:[ \t]|(?<=[/.]))")
_STREET = re.compile(
    rf"(?<![\w/])(?P<type>(?i:{_TYPES}))(?:[ \t]+|(?<=[/.]))"
    rf"(?:(?P<num_name>\d{{1,3}}(?:[ \t]?[A-Za-z])?(?:[ \t](?i:bis))?(?:[ \t]+(?i:sur|norte|este|oeste))?)[ \t]*"
    rf"(?P<cross>{_NUM_MARK}[ \t]*\d{{1,4}}[A-Za-z]?(?:[ \t]?-[ \t]?\d{{1,4}}[A-Za-z]?|-[A-Za-z](?!\w))?)"
    rf"|(?P<name>{_NAME})[ \t]*,?[ \t]*(?P<number>{_NUMBER}))"
    r"(?![\w:/]|[.,]\d)"
)
# After the number: the rest of the address, part by part.
_UNIT = (
    r"(?i:int\.?|interior|piso|planta|puerta|pta\.?|depto\.?|dpto\.?|departamento|apto\.?|apartamento|apt\.?"
    r"|of\.?|oficina|local|torre|bloque|edificio|edif\.?|esc\.?|escalera|casa|mz\.?|manzana|lt\.?|lote)"
    r"[ \t]*[.:#]?[ \t]*[0-9A-Za-z]{1,5}(?:[ \t]?-[ \t]?[0-9A-Za-z]{1,4})?(?![\w])"
)
_FLOOR = r"\d{1,2}[ \t]?[º°ª](?:[ \t]?(?:[A-Za-z](?![\w])|(?i:izq(?:da|uierda)?|izda|dcha|der(?:echa)?|centro|ctro)\.?))?"
_AREA = (
    r"(?i:col\.?|colonia|barrio|b[º°]|fracc?\.|fraccionamiento|urb\.|urbanizaci[oó]n|sector|conjunto|residencial"
    r"|unidad|alcald[ií]a|delegaci[oó]n|municipio|mpio\.|comuna|distrito|localidad|provincia|pob\.|poblaci[oó]n)"
    rf"[ \t]*{_W}(?:[ \t]+(?!(?i:c\.?[ \t]?p\b|c[oó]digo\b)){_W}){{0,4}}"  # "col juarez cp 06600"
)
_POSTAL = rf"(?:(?i:c\.?[ \t]?p\.?|c[oó]digo[ \t]+postal)[ \t]*:?[ \t]*\d{{4,6}}|\d{{5}}(?=[ \t]+{_W}))"
_CITY = rf"(?=[A-ZÁÉÍÓÚÑ]){_W}(?:[ \t]+{_W}){{0,3}}"
_PART = re.compile(rf"[ \t]*(?:[,;][ \t]*|-[ \t]+)?(?:(?P<unit>{_UNIT})|(?P<floor>{_FLOOR})|(?P<area>{_AREA})|(?P<postal>{_POSTAL}))")
_CITY_PART = re.compile(rf"[ \t]*,[ \t]*(?P<city>{_CITY})(?=[ \t]*(?:[.,;:!?)\n\x00]|$))")
_POSTAL_CITY = re.compile(rf"[ \t]+(?P<city>{_CITY})(?=[ \t]*(?:[.,;:!?)\n\x00]|$))")
_AFTER_NUMBER = re.compile(
    r"[ \t]*(?i:horas?|hrs?|d[ií]as?|mes(?:es)?|a[ñn]os?|veces|minutos?|min|pesos|euros?|soles|d[óo]lares|mxn|cop"
    r"|piezas?|productos?|art[ií]culos?|unidades|gb|mb|%|€|\$|cuadras?|calles|metros|mts?|km|kil[oó]metros?|kilos?"
    r"|kg|personas|cuotas|pisos|de[ \t]+(?:enero|febrero|marzo|abril|mayo|junio|julio"
    r"|agosto|septiembre|octubre|noviembre|diciembre))(?!\w)"
)
_CUE = re.compile(
    r"(?<!\w)(?i:calle|c/|av\.?|avenida|avda\.?|metro|estaci[oó]n|colonia|col\.|alcald[ií]a|delegaci[oó]n|municipio"
    r"|barrio|parque|plaza|paseo|glorieta|hospital|escuela|colegio|aeropuerto|estadio|mercado|teatro|museo"
    r"|universidad|instituto|l[ií]nea|calzada|calz\.|bulevar|blvd\.|carrera|jir[oó]n|jr\.|pasaje|sucursal"
    r"|tienda|centro|puente|plaza|mall|glorieta|edificio|torre|comuna|distrito|provincia|municipio|ciudad|pueblo)"
    r"[ \t]+(?:(?i:de|del|de[ \t]+la)[ \t]+)?\Z"
)
_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"
# Words that are never part of a street or city name ("5 de Mayo", "Centro" and "El Rosal" are).
_NOT_STREET = FUNCTION_WORDS - PARTICLES - frozenset(_MONTHS.split()) - {"el", "centro", "san", "sol", "mar", "este"}
# Boroughs, districts, metro stations and avenues named after people, folded. Never a customer.
PLACES = frozenset(
    """
    benito juarez|miguel hidalgo|venustiano carranza|alvaro obregon|gustavo a madero|cuauhtemoc|emiliano zapata
    |vicente guerrero|francisco i madero|lazaro cardenas|ignacio zaragoza|jose maria morelos|pino suarez
    |salvador diaz miron|ninos heroes|general anaya|juan de garay|simon bolivar|jose marti|san martin
    |jose de san martin|bernardo ohiggins|bernardo o higgins|manuel rodriguez|pedro de valdivia|manuel montt
    |diego de almagro|francisco bilbao|domingo faustino sarmiento|bartolome mitre|carlos pellegrini|juan b justo
    |hipolito yrigoyen|rafael nunez|francisco de paula santander|antonio narino|jorge eliecer gaitan|ricardo palma
    |javier prado|jose pardo|jose galvez|miguel grau|alfonso ugarte|andres avelino caceres|ramon castilla
    |federico garcia lorca|gregorio maranon|ramon y cajal|isaac peral|alonso martinez|ruben dario|antonio machado
    |francisco silvela|cristobal colon|juan bravo|diego de leon|nunez de balboa|principe de vergara
    |manuel becerra|lopez de hoyos|isabel la catolica|juan pablo ii|juan xxiii|adolfo lopez mateos
    |miguel aleman|manuel avila camacho|adolfo ruiz cortines|guadalupe victoria|jose vasconcelos
    |francisco javier mina|mariano escobedo|ignacio allende|juan escutia|agustin melgar|vicente suarez
    |fernando montes de oca|juan aldama|leona vicario|josefa ortiz de dominguez|santa fe|san angel
    """.replace("\n", "").replace(" |", "|").strip().split("|")
)


def find_addresses(text: str, low: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, key) of each postal address in `text`; key is its street and number, folded.

    Args:
        low: text.lower() when the caller has it (street types are found in it, then matched in `text`).
    """
    low = text.lower() if low is None else low
    found: list[tuple[int, int, str]] = []
    for gate in _GATE.finditer(low):
        m = _STREET.match(text, gate.start())
        if m is None or (found and m.start() < found[-1][1]):
            continue
        if m.group("name") is not None:
            words = fold_words(m.group("name")).split()
            if not words or any(w in _NOT_STREET for w in words):
                continue  # "la calle por 3": a street name holds no pronoun, verb or preposition
            if all(w in PARTICLES for w in words):
                continue
            kind = fold(m.group("type")).rstrip(".")
            if kind in _AMBIGUOUS and m.group("type")[0].islower() and not _capitalised(m.group("name")):
                continue
            if _AFTER_NUMBER.match(text, m.end()):
                continue  # "plaza Satélite 2 veces", "Calle 5 pesos"
        end = _tail(text, m.end())
        found.append((m.start(), end, address_key(text[m.start() : m.end()])))
    return found


def _capitalised(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split() if fold(w) not in PARTICLES)


def _tail(text: str, end: int) -> int:
    # Unit, floor, area, postal code and city parts after the number, up to six of them.
    for _ in range(6):
        m = _PART.match(text, end)
        if m is not None:
            end = m.end()
            if m.group("postal") and m.group("postal")[:1].isdigit():
                city = _POSTAL_CITY.match(text, end)
                if city is not None and _city_ok(city.group("city")):
                    end = city.end()
            continue
        m = _CITY_PART.match(text, end)
        if m is not None and _city_ok(m.group("city")):
            end = m.end()
            continue
        break
    return end


def _city_ok(words: str) -> bool:
    folded = fold_words(words).split()
    return bool(folded) and folded[0] not in _NOT_STREET and folded[0] not in PARTICLES


def address_key(street: str) -> str:
    """The identity of an address: its street name and number without the street type, folded."""
    m = _STREET.match(street)
    body = street[m.end("type") : m.end()] if m else street
    return "".join(c for c in fold(body) if c.isalnum())


def is_place(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is a place: a known place named after a person, or a name
    right after a place word ("metro Pino Suárez", "calle Miguel Hidalgo", "alcaldía Benito Juárez")."""
    if " ".join(fold_words(text[start:end]).split()) in PLACES:
        before = fold(text[max(0, start - 24) : start])
        return not re.search(r"(llamo|nombre es|nombre de|soy)\W*\Z", before)
    return _CUE.search(text, max(0, start - 24), start) is not None
