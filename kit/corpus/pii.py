"""Personal data a customer might type (valid check digits, usual groupings) and look-alikes that are not.

Everything here is synthetic: names come from common-name lists, numbers are random with correct check
digits so a validating redactor recognises them. The look-alikes (order numbers, tracking codes, amounts,
dates, postal codes, SKUs) are there so redaction false positives can be measured.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

FIRST_NAMES = [
    "María", "José", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Rosa", "Jorge", "Patricia", "Miguel",
    "Alejandra", "Fernando", "Gabriela", "Ricardo", "Verónica", "Andrés", "Daniela", "Sergio", "Lucía",
    "Raúl", "Mónica", "Héctor", "Claudia", "Óscar", "Begoña", "Íñigo", "Nuria", "Jesús", "Valentina",
    "Santiago", "Camila", "Sebastián", "Isabel", "Martín", "Paula", "Ángel", "Natalia", "Tomás", "Yolanda",
]
SURNAMES = [
    "García", "Hernández", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
    "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez", "Reyes", "Díaz", "Torres", "Gutiérrez",
    "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castillo", "Romero", "Núñez", "Muñoz", "Ibáñez", "Castaño",
    "Ospina", "Restrepo", "Salazar", "Cárdenas", "Peña", "Quintero", "Echeverría", "Zapata", "Herrera",
]
FEMALE_NAMES = frozenset({"María", "Guadalupe", "Ana", "Rosa", "Patricia", "Alejandra", "Gabriela", "Verónica",
                          "Daniela", "Lucía", "Mónica", "Claudia", "Begoña", "Nuria", "Valentina", "Camila",
                          "Isabel", "Paula", "Natalia", "Yolanda"})
EMAIL_DOMAINS = {
    "MX": ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "live.com.mx", "prodigy.net.mx"],
    "ES": ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net", "icloud.com"],
    "CO": ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "une.net.co", "icloud.com"],
}
MX_STATES = "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS".split()
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
VOWELS = "AEIOU"
# Words the official CURP/RFC rules never print as the name key: the second letter becomes X.
INCONVENIENT = set("""
    BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO
    GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO
    LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE
    PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY
""".split())


@dataclass(frozen=True)
class Persona:
    """One synthetic customer: the same person every time they write."""

    first: str
    surname1: str
    surname2: str
    female: bool
    birth: tuple[int, int, int]  # year, month, day
    email: str
    phone: str  # digits only, national format of the company's country

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.surname1} {self.surname2}"


def ascii_upper(text: str) -> str:
    """'Núñez' -> 'NUÑEZ': accents dropped, Ñ kept (as in CURP/RFC)."""
    out = []
    for ch in text.upper():
        if ch == "Ñ":
            out.append(ch)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def make_persona(rng: random.Random, country: str) -> Persona:
    """A customer with a name, a birth date, an email and a phone consistent with each other."""
    index = rng.randrange(len(FIRST_NAMES))
    first = FIRST_NAMES[index]
    female = first in FEMALE_NAMES
    s1, s2 = rng.sample(SURNAMES, 2)
    birth = (rng.randint(1955, 2005), rng.randint(1, 12), rng.randint(1, 28))
    return Persona(first, s1, s2, female, birth, _email(rng, first, s1, birth[0], country), _phone_digits(rng, country))


def _email(rng: random.Random, first: str, surname: str, year: int, country: str) -> str:
    f = ascii_upper(first).lower().replace("ñ", "n")
    s = ascii_upper(surname).lower().replace("ñ", "n")
    user = rng.choice([f"{f}.{s}", f"{f}{s}{year % 100:02d}", f"{f[0]}{s}", f"{f}_{s}{rng.randint(1, 99)}",
                       f"{s}.{f}{rng.randint(1, 9)}"])
    return f"{user}@{rng.choice(EMAIL_DOMAINS.get(country, EMAIL_DOMAINS['MX']))}"


def _phone_digits(rng: random.Random, country: str) -> str:
    if country == "ES":
        return rng.choice("67") + f"{rng.randrange(10**8):08d}"
    if country == "CO":
        return "3" + rng.choice(["00", "01", "04", "10", "11", "12", "13", "15", "16", "17", "20", "50"]) + f"{rng.randrange(10**7):07d}"
    area = rng.choice(["55", "33", "81", "222", "442", "999", "664", "477", "614", "998", "443", "871"])
    return area + f"{rng.randrange(10 ** (10 - len(area))):0{10 - len(area)}d}"


def format_phone(rng: random.Random, digits: str, country: str) -> str:
    """A phone number as people type it: with or without country code, in the usual groupings."""
    if country == "ES":
        a, b, c = digits[:3], digits[3:6], digits[6:]
        return rng.choice([f"{a} {b} {c}", digits, f"+34 {a} {b} {c}", f"+34{digits}", f"{a} {digits[3:5]} "
                           f"{digits[5:7]} {digits[7:]}", f"0034 {a} {b} {c}", f"+34 {digits}"])
    if country == "CO":
        a, b, c = digits[:3], digits[3:6], digits[6:]
        return rng.choice([f"{a} {b} {c}", digits, f"+57 {a} {b} {c}", f"+57 {digits}", f"{a} {digits[3:]}",
                           f"(+57) {a} {digits[3:]}", f"+57{digits}"])
    n = 2 if digits[:2] in ("55", "33", "81") else 3
    area, rest = digits[:n], digits[n:]
    mid = len(rest) - 4
    return rng.choice([f"{area} {rest[:mid]} {rest[mid:]}", digits, f"+52 {area} {rest[:mid]} {rest[mid:]}",
                       f"({area}) {rest[:mid]}-{rest[mid:]}", f"{area}-{rest[:mid]}-{rest[mid:]}",
                       f"+52 1 {area} {rest[:mid]} {rest[mid:]}", f"+52{digits}"])


# -- national ids with check digits -----------------------------------------------------------------


def dni(rng: random.Random) -> str:
    """Spanish DNI: 8 digits and the mod-23 letter."""
    number = rng.randrange(1_000_000, 99_999_999)
    letter = DNI_LETTERS[number % 23]
    return rng.choice([f"{number:08d}{letter}", f"{number:08d}-{letter}", f"{number:08d} {letter}"])


def nie(rng: random.Random) -> str:
    """Spanish NIE: X/Y/Z, 7 digits, the mod-23 letter computed with X=0, Y=1, Z=2."""
    prefix = rng.choice("XYZ")
    body = rng.randrange(10**7)
    letter = DNI_LETTERS[int(f"{'XYZ'.index(prefix)}{body:07d}") % 23]
    return rng.choice([f"{prefix}{body:07d}{letter}", f"{prefix}-{body:07d}-{letter}"])


def _first_internal(word: str, vowels: bool) -> str:
    for ch in word[1:]:
        if (ch in VOWELS) == vowels and ch.isalpha():
            return ch
    return "X"


def _name_key(persona: Persona) -> str:
    s1, s2, first = ascii_upper(persona.surname1), ascii_upper(persona.surname2), ascii_upper(persona.first)
    key = s1[0] + _first_internal(s1, True) + s2[0] + first[0]
    return key[0] + "X" + key[2:] if key in INCONVENIENT else key


def curp(rng: random.Random, persona: Persona) -> str:
    """Mexican CURP built from the persona's names and birth date, with its check digit."""
    year, month, day = persona.birth
    s1, s2, first = ascii_upper(persona.surname1), ascii_upper(persona.surname2), ascii_upper(persona.first)
    body = (
        _name_key(persona).replace("Ñ", "X")
        + f"{year % 100:02d}{month:02d}{day:02d}"
        + ("M" if persona.female else "H")
        + rng.choice(MX_STATES)
        + (_first_internal(s1, False) + _first_internal(s2, False) + _first_internal(first, False)).replace("Ñ", "X")
        + (str(rng.randrange(10)) if year < 2000 else rng.choice("ABCDEFGHIJ"))
    )
    total = sum(CURP_ALPHABET.index(ch) * (18 - i) for i, ch in enumerate(body))
    return body + str((10 - total % 10) % 10)


def rfc(rng: random.Random, persona: Persona) -> str:
    """Mexican RFC of a person (13 characters): name key, birth date, homoclave and check digit."""
    year, month, day = persona.birth
    body = _name_key(persona) + f"{year % 100:02d}{month:02d}{day:02d}"
    body += "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ123456789") for _ in range(2))
    total = sum(RFC_ALPHABET.index(ch) * (13 - i) for i, ch in enumerate(body))
    return body + RFC_ALPHABET[(11 - total % 11) % 11]


def cedula(rng: random.Random) -> str:
    """Colombian cédula de ciudadanía (no check digit): 8 or 10 digits, often dotted."""
    if rng.random() < 0.5:
        number = rng.randrange(10_000_000, 99_999_999)
    else:
        number = rng.randrange(1_000_000_000, 1_199_999_999)
    return rng.choice([str(number), f"{number:,}".replace(",", ".")])


def luhn_digit(digits: str) -> str:
    """The Luhn check digit to append to `digits`."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card(rng: random.Random) -> str:
    """A payment card number passing Luhn (Visa, Mastercard or Amex), spaced, dashed or plain."""
    kind = rng.random()
    if kind < 0.15:
        body = rng.choice(["34", "37"]) + "".join(str(rng.randrange(10)) for _ in range(12))
        number = body + luhn_digit(body)
        return rng.choice([f"{number[:4]} {number[4:10]} {number[10:]}", number])
    body = (rng.choice(["4"]) if kind < 0.6 else str(rng.randint(51, 55)))
    body += "".join(str(rng.randrange(10)) for _ in range(15 - len(body)))
    number = body + luhn_digit(body)
    groups = [number[i:i + 4] for i in range(0, 16, 4)]
    return rng.choice([" ".join(groups), "-".join(groups), number])


def _ccc_digit(digits: str) -> str:
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    value = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "0" if value == 11 else "1" if value == 10 else str(value)


def iban_es(rng: random.Random) -> str:
    """A Spanish IBAN: valid CCC control digits and mod-97 check digits, grouped by four or compact."""
    bank = rng.choice(["2100", "0049", "0182", "0081", "2038", "1465", "0128", "2080", "3058"])
    branch = f"{rng.randrange(10**4):04d}"
    account = f"{rng.randrange(10**10):010d}"
    bban = bank + branch + _ccc_digit("00" + bank + branch) + _ccc_digit(account) + account
    check = 98 - int(bban + "142800") % 97
    iban = f"ES{check:02d}{bban}"
    return rng.choice([" ".join(iban[i:i + 4] for i in range(0, 24, 4)), iban])


def clabe(rng: random.Random) -> str:
    """A Mexican CLABE (18 digits): bank, plaza, account and the 3-7-1 weighted check digit."""
    body = rng.choice(["002", "012", "014", "021", "072", "127", "137", "646", "036", "044"])
    body += f"{rng.randrange(1, 999):03d}" + f"{rng.randrange(10**11):011d}"
    total = sum((int(d) * (3, 7, 1)[i % 3]) % 10 for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


# -- look-alikes that are NOT personal data ---------------------------------------------------------


def order_id(rng: random.Random, key: str) -> str:
    if key == "shop":
        return rng.choice([f"10{rng.randrange(10**8):08d}", f"MC-{rng.randrange(10**7):07d}"])
    if key == "operator":
        return f"PED-{rng.randrange(10**8):08d}"
    return f"{rng.randrange(10**11, 10**12)}"


def tracking(rng: random.Random, key: str) -> str:
    if key == "shop":
        return rng.choice([
            "".join(str(rng.randrange(10)) for _ in range(22)),  # Estafeta
            f"JD01460000{rng.randrange(10**10):010d}",  # DHL
            " ".join(f"{rng.randrange(10**4):04d}" for _ in range(3)),  # FedEx-style, looks like a card
        ])
    if key == "operator":
        return f"CX{rng.randrange(10**10):010d}ES"
    return f"SV{rng.randrange(10**9):09d}"


def amount(rng: random.Random, country: str) -> str:
    if country == "ES":
        value = rng.randrange(500, 60000) / 100
        return rng.choice([f"{value:.2f} €".replace(".", ","), f"{int(value)} euros", f"€{value:.2f}"])
    if country == "CO":
        value = rng.randrange(10, 3000) * 1000
        return rng.choice([f"${value:,}".replace(",", "."), f"${value:,} COP".replace(",", "."), f"{value // 1000} mil pesos"])
    value = rng.randrange(9900, 2500000) / 100
    return rng.choice([f"${value:,.2f}", f"${int(value):,} MXN", f"{int(value)} pesos", f"${int(value)}"])


MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


def date(rng: random.Random) -> str:
    month, day = rng.randint(1, 6), rng.randint(1, 28)
    return rng.choice([f"{day:02d}/{month:02d}/2025", f"{day}/{month}/25", f"{day} de {MONTHS[month - 1]}",
                       f"2025-{month:02d}-{day:02d}", f"{day}-{month:02d}-2025"])


def postal(rng: random.Random, country: str) -> str:
    if country == "CO":
        return rng.choice(["110111", "050021", "760001", "080001", "680001", "660001", "130001", "111321"])
    if country == "ES":
        return f"{rng.randint(1, 52):02d}{rng.randrange(1000):03d}"
    return f"{rng.randrange(1000, 99999):05d}"


def sku(rng: random.Random) -> str:
    body = "750" + f"{rng.randrange(10**9):09d}"  # an EAN-13 barcode: 13 digits, its own check digit
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return rng.choice([f"SKU-{rng.randrange(10**5):05d}-{rng.choice(['NG', 'BL', 'AZ', 'RJ'])}",
                       f"MC-{rng.choice(['AUD', 'HOG', 'MOD', 'ELE'])}-{rng.randrange(10**4):04d}", body + str(check)])
