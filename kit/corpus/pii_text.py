"""Personal data without check digits, as customers type it, and look-alikes that are not personal data.

Addresses of Mexico, Spain, Colombia (and Argentina, Peru, Chile), birth dates, passports, vehicle plates,
social-media handles, e-mails and phones written to dodge filters ("arroba", "[at]", digits in words).
Look-alikes: the company's own office addresses (public, in its KB), places named after people (boroughs,
metro stations, streets without a number), dates that are not birth dates, model numbers shaped like
plates or passports. Everything is synthetic.
"""

from __future__ import annotations

import random

from kit.corpus.pii import FIRST_NAMES, MONTHS, SURNAMES, Persona, ascii_upper

# The company's offices, published in its KB (kit.corpus.generate adds the page): never redacted.
PUBLIC_ADDRESSES = {
    "shop": "Av. Ejército Nacional 843, Col. Granada, CP 11520, Ciudad de México",
    "operator": "Calle de Orense 34, 28020 Madrid",
    "bank": "Carrera 11 # 93-46, Chapinero, Bogotá",
}

_MX_STREETS = ["Reforma", "Insurgentes Sur", "Revolución", "Universidad", "Patriotismo", "Río Churubusco",
               "Los Pinos", "Las Flores", "5 de Mayo", "Miguel Hidalgo", "Benito Juárez", "Morelos", "Independencia",
               "Vallarta", "Constitución", "Madero", "Zaragoza", "Juan Escutia"]
_MX_TYPES = ["Calle", "Av.", "Avenida", "Blvd.", "Calz.", "Privada", "Cerrada", "Prolongación", "Circuito", "Andador"]
_MX_COLONIAS = ["Juárez", "Roma Norte", "Narvarte Poniente", "Del Valle", "Centro", "Portales", "Lindavista",
                "Las Águilas", "Jardines del Bosque", "Crédito Constructor", "Santa María la Ribera"]
_MX_CITIES = ["Ciudad de México", "CDMX", "Guadalajara, Jalisco", "Monterrey, N.L.", "Puebla", "Querétaro", "Mérida",
              "Benito Juárez", "Coyoacán", "Zapopan"]
_ES_STREETS = ["Alcalá", "Mayor", "Gran Vía", "de la Constitución", "del Prado", "de Gracia", "Real", "San Vicente",
               "de Colón", "Doctor Esquerdo", "del Carmen", "Sierra Nevada", "Goya"]
_ES_TYPES = ["C/", "Calle", "Avda.", "Avenida", "Paseo", "Plaza", "Ronda", "Camino", "Travesía"]
_ES_CITIES = [("28014", "Madrid"), ("08007", "Barcelona"), ("41001", "Sevilla"), ("46002", "Valencia"),
              ("48001", "Bilbao"), ("29015", "Málaga"), ("50001", "Zaragoza")]
_CO_TYPES = ["Carrera", "Cra.", "Calle", "Cl.", "Diagonal", "Transversal", "Av. Calle", "Avenida Carrera"]
_CO_AREAS = ["Chapinero", "Usaquén", "El Poblado", "Laureles", "Cedritos", "Teusaquillo", "Granada", "El Prado"]
_CO_CITIES = ["Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Bogotá D.C."]
_SOUTH = [  # Argentina, Peru, Chile: customers who moved or ship abroad
    "Av. Corrientes {n}, piso {f}, depto {u}, CABA", "Av. Santa Fe {n} {f}° {u}, Palermo",
    "Jr. de la Unión {n}, Cercado de Lima", "Av. Javier Prado Este {n}, San Isidro, Lima",
    "Pasaje Los Aromos {n}, Ñuñoa, Santiago", "Av. Providencia {n}, depto {d}, Providencia",
]


def address(rng: random.Random, country: str) -> str:
    """A customer's postal address written the way people of `country` write it."""
    n = rng.randint(1, 2999)
    if rng.random() < 0.12:
        return rng.choice(_SOUTH).format(n=n, f=rng.randint(1, 12), u=rng.choice("ABCD"), d=rng.randint(11, 99) * 10 + 1)
    if country == "ES":
        street = f"{rng.choice(_ES_TYPES)} {rng.choice(_ES_STREETS)}"
        street = f"{street}, {n % 200 + 1}" if rng.random() < 0.3 else f"{street} {n % 200 + 1}"
        floor = rng.choice(["", f", {rng.randint(1, 9)}º {rng.choice('ABCD')}", f", {rng.randint(1, 9)}º izda.",
                            f", piso {rng.randint(1, 9)}, puerta {rng.randint(1, 4)}", f", {rng.randint(1, 9)}º dcha."])
        cp, city = rng.choice(_ES_CITIES)
        return street + floor + rng.choice([f", {cp} {city}", f", {city}", f", CP {cp}", ""])
    if country == "CO":
        a, b, c = rng.randint(1, 170), rng.randint(1, 120), rng.randint(1, 99)
        mark = rng.choice(["#", "# ", "No. ", "N° "])
        street = f"{rng.choice(_CO_TYPES)} {a}{rng.choice(['', 'A', 'B', ' Bis'])} {mark}{b}-{c:02d}"
        unit = rng.choice(["", f", apto {rng.randint(1, 20)}0{rng.randint(1, 4)}", f" int. {rng.randint(1, 9)}",
                           f", Torre {rng.randint(1, 6)} apto {rng.randint(101, 1204)}", f" Of. {rng.randint(201, 902)}"])
        return street + unit + rng.choice([f", {rng.choice(_CO_AREAS)}, {rng.choice(_CO_CITIES)}",
                                           f", {rng.choice(_CO_CITIES)}", ""])
    street = f"{rng.choice(_MX_TYPES)} {rng.choice(_MX_STREETS)} {rng.choice(['', 'No. ', '#'])}{n}"
    unit = rng.choice(["", f" int. {rng.randint(1, 20)}", f", depto {rng.randint(1, 9)}0{rng.randint(1, 4)}",
                       f" Int. {rng.choice('ABC')}", f"-{rng.choice('ABC')}"])
    parts = [f", Col. {rng.choice(_MX_COLONIAS)}"] if rng.random() < 0.8 else []
    if rng.random() < 0.6:
        parts.append(f", {rng.choice(['CP', 'C.P.', 'C.P'])} {rng.randrange(1000, 99999):05d}")
    if rng.random() < 0.7:
        parts.append(f", {rng.choice(_MX_CITIES)}")
    return street + unit + "".join(parts)


def birth_date(rng: random.Random, persona: Persona) -> str:
    """The persona's birth date, in one of the ways people write it."""
    year, month, day = persona.birth
    return rng.choice([f"{day} de {MONTHS[month - 1]} de {year}", f"{day:02d}/{month:02d}/{year}",
                       f"{day}/{month}/{year}", f"{year}-{month:02d}-{day:02d}", f"{day}-{month:02d}-{year}",
                       f"{day} de {MONTHS[month - 1]} del {year % 100:02d}", f"{day} de {MONTHS[month - 1]}"])


def passport(rng: random.Random, country: str) -> str:
    """A passport number of the usual national shape (no public check digit)."""
    digits = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))  # noqa: E731
    if country == "ES":
        return rng.choice(["PA", "PB", "XD"]) + letters(1) + digits(6)
    if country == "CO":
        return rng.choice(["AQ", "AR", "PE"]) + digits(6)
    return rng.choice(["G", "N", "E"]) + digits(8)


def plate(rng: random.Random, country: str) -> str:
    """A vehicle plate of `country`: MX ABC-123-D / ABC-12-34, ES 1234 BCD, CO ABC123 / ABC-123."""
    letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))  # noqa: E731
    if country == "ES":
        return f"{rng.randrange(10000):04d}{rng.choice([' ', '-', ''])}" + "".join(
            rng.choice("BCDFGHJKLMNPRSTVWXYZ") for _ in range(3))
    if country == "CO":
        return letters(3) + rng.choice(["", "-", " "]) + f"{rng.randrange(1000):03d}"
    return rng.choice([f"{letters(3)}-{rng.randrange(1000):03d}-{letters(1)}",
                       f"{letters(3)}-{rng.randrange(100):02d}-{rng.randrange(100):02d}",
                       f"{letters(3)}{rng.randrange(1000):03d}{letters(1)}"])


def username(rng: random.Random, persona: Persona) -> str:
    """A social-media handle made from the persona's name."""
    first = ascii_upper(persona.first).lower().replace("ñ", "n")
    last = ascii_upper(persona.surname1).lower().replace("ñ", "n")
    handle = rng.choice([f"{first}_{last}{rng.randint(1, 99)}", f"{first}.{last}", f"{first[0]}{last}_{rng.randint(70, 99)}",
                         f"{last}{first}{rng.randint(1, 999)}", f"{first}_{rng.randint(1990, 2009)}"])
    return "@" + handle if rng.random() < 0.8 else handle


def spelled_email(rng: random.Random, email: str) -> str:
    """An e-mail written to dodge filters: "ana punto lopez arroba gmail punto com", "ana.lopez[at]gmail[dot]com"."""
    user, domain = email.split("@")
    style = rng.randrange(5)
    if style == 0:
        return f"{user.replace('.', ' punto ')} arroba {domain.replace('.', ' punto ')}"
    if style == 1:
        return f"{user}[at]{domain.replace('.', '[dot]')}"
    if style == 2:
        return f"{user} (at) {domain}"
    if style == 3:
        return f"{user} @ {domain}"
    return f"{user} arroba {domain}"


_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
_TEENS = ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
          "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
          "veintiocho", "veintinueve"]
_TENS = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]


def _pair(digits: str) -> str:
    n = int(digits)
    if digits[0] == "0":
        return f"cero {_UNITS[n]}"
    if n < 30:
        return _TEENS[n - 10] if n >= 10 else _UNITS[n]
    return _TENS[n // 10] + (f" y {_UNITS[n % 10]}" if n % 10 else "")


def spelled_phone(rng: random.Random, digits: str) -> str:
    """A phone number said in words or cut in many groups: "cinco cinco, uno dos tres cuatro, …"."""
    style = rng.randrange(4)
    if style == 0:  # digit by digit, in the number's groups
        groups = [digits[:2], digits[2:6], digits[6:]] if len(digits) == 10 else [digits[:3], digits[3:6], digits[6:]]
        return ", ".join(" ".join(_UNITS[int(d)] for d in g) for g in groups)
    if style == 1:  # in pairs: "cincuenta y cinco, doce, treinta y cuatro …"
        head = [] if len(digits) % 2 == 0 else [_UNITS[int(digits[0])]]
        rest = digits[len(head):]
        return ", ".join(head + [_pair(rest[i:i + 2]) for i in range(0, len(rest), 2)])
    if style == 2:  # one digit at a time, spaced
        return " ".join(digits)
    return rng.choice(["-", ".", " / "]).join(digits[i:i + 2] for i in range(0, len(digits), 2))


def other_name(rng: random.Random) -> tuple[str, str]:
    """A third party's first name and surname (not the customer)."""
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


# -- look-alikes ------------------------------------------------------------------------------------

PLACES = {  # places named after people, and metro stations
    "MX": ["Benito Juárez", "Miguel Hidalgo", "Venustiano Carranza", "Álvaro Obregón", "Gustavo A. Madero",
           "Pino Suárez", "Niños Héroes", "Juan de Garay"],
    "ES": ["Alonso Martínez", "Rubén Darío", "Núñez de Balboa", "Príncipe de Vergara", "Manuel Becerra",
           "Diego de León", "Gregorio Marañón", "Isaac Peral"],
    "CO": ["Simón Bolívar", "Antonio Nariño", "Rafael Núñez", "Jorge Eliécer Gaitán", "Francisco de Paula Santander"],
}
PLACE_FRAMES = ["vivo en la alcaldía {v}", "estoy cerca del metro {v}", "vivo sobre la calle {v}, sin número",
                "la sucursal de la avenida {v} estaba cerrada", "me bajo en la estación {v}", "vivo en {v}",
                "trabajo por el parque {v}"]


def other_date(rng: random.Random) -> str:
    """A date with a year that is not a birth date (a purchase, an invoice, a contract)."""
    year = rng.choice([1998, 2005, 2012, 2019, 2023, 2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{day} de {MONTHS[month - 1]} de {year}", f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}"])


OTHER_DATE_FRAMES = ["la compra fue el {v}", "la factura es del {v}", "soy cliente desde el {v}",
                     "el contrato lo firmé el {v}", "el cargo apareció el {v}"]


def model_number(rng: random.Random) -> str:
    """A product model or serial number shaped like a plate or a passport."""
    letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVW") for _ in range(n))  # noqa: E731
    return rng.choice([f"{letters(3)}-{rng.randrange(1000):03d}-{letters(1)}", f"{letters(2)}{rng.randrange(10**6):06d}",
                       f"{letters(3)}{rng.randrange(1000):03d}", f"{rng.randrange(10000):04d} {letters(3)}"])


MODEL_FRAMES = ["es el modelo {v}", "el número de serie es {v}", "la etiqueta dice modelo {v}", "ref. {v}"]
