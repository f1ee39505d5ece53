"""PII detectors one by one: valid ids are caught, the same digits with a wrong check digit are not,
each country's phone formats, a false-positive corpus, placeholders and the allowlist."""

from __future__ import annotations

import random

import pytest
from stdnum import iban, luhn
from stdnum.ar import cbu, cuit
from stdnum.cl import rut
from stdnum.es import cif, dni, nie
from stdnum.mx import curp

from kit.data.pii import TYPES, Entity, Placeholders, Redactor, allowlist_from_text, value_key
from kit.data.pii_numbers import clabe_is_valid
from kit.errors import ChatkitError

R = Redactor()


def found(text: str, redactor: Redactor = R) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in redactor.find(text)]


# Published examples (stdnum doctests, bank documentation) plus the formats people type.
VALID = [
    ("DNI", "54362315K"),
    ("DNI", "54362315-K"),
    ("DNI", "54362315 K"),
    ("NIE", "X2482300W"),
    ("NIE", "Y1234567X"),
    ("NIE", "X-2482300-W"),
    ("CIF", "J99216582"),
    ("CIF", "A58818501"),
    ("IBAN", "ES91 2100 0418 4502 0005 1332"),
    ("IBAN", "ES9121000418450200051332"),
    ("IBAN", "GB82 WEST 1234 5698 7654 32"),
    ("IBAN", "DE89370400440532013000"),
    ("CARD", "4111 1111 1111 1111"),
    ("CARD", "4111-1111-1111-1111"),
    ("CARD", "5555555555554444"),
    ("CARD", "3782 822463 10005"),
    ("CLABE", "032180000118359719"),
    ("CLABE", "002 010 07777777777 1"),
    ("CBU", "2850590940090418135201"),
    ("CBU", "28505909 40090418135201"),
    ("CURP", "BOXW310820HNERXN09"),
    ("RFC", "GODE561231GR8"),
    ("RFC", "MAB9307148T4"),
    ("CUIT", "20-05536168-2"),
    ("CUIT", "20055361682"),
    ("RUT", "76.086.428-5"),
    ("RUT", "12531909-2"),
    ("IP", "192.168.10.20"),
    ("IP", "2001:db8:85a3::8a2e:370:7334"),
    ("EMAIL", "ana.garcia85@gmail.com"),
    ("EMAIL", "Soporte+MX@tienda.com.mx"),
]


@pytest.mark.parametrize("kind,value", VALID)
def test_valid_id_is_caught_in_a_sentence(kind, value):
    text = f"Claro, el dato es {value}. Gracias."
    assert found(text) == [(kind, value)]


def _wrong_check(value: str) -> str:
    """The same id with its last character (a check digit or letter) changed to a wrong one."""
    last = value[-1]
    pool = "0123456789" if last.isdigit() else "ABCDEFGHJKLMNPQRSTVWXYZ"
    return value[:-1] + next(c for c in pool if c != last)


@pytest.mark.parametrize(
    "kind,value",
    [
        (k, v)
        for k, v in VALID
        if k in {"DNI", "NIE", "CIF", "IBAN", "CARD", "CLABE", "CBU", "CURP", "CUIT", "RUT"}
    ],
)
def test_wrong_check_digit_is_not_caught(kind, value):
    bad = _wrong_check(value)
    assert kind not in [t for t, _ in found(f"Claro, el dato es {bad}. Gracias.")]


def test_rfc_with_impossible_date_is_not_caught():
    assert found("RFC GODE561331GR8 y GODE560231GR8") == []  # month 13, 31 February


def test_spaced_card_after_a_number_is_the_card_not_a_clabe_across_both():
    # hypothesis found it: "800414 4856 2958 7836" happens to pass the CLABE check digit
    assert clabe_is_valid("800414485629587836") and luhn.is_valid("4856295878367047")
    assert found("800414 4856 2958 7836 7047 ") == [("CARD", "4856 2958 7836 7047")]


def test_dotted_rut_after_a_word_is_not_an_rfc_across_both():
    # hypothesis found it: "AAA" + "020216913" is a valid RFC if the dots and spaces are ignored
    assert found("AAA0 20.216.913-9 ") == [("RUT", "20.216.913-9")]
    assert found("A1 9.992.817-4 ") == [("RUT", "9.992.817-4")]  # nor a CIF
    # nor does an id start inside a dotted number ("283.706-7 8-8" is not a RUT)
    assert found(" 21.283.706-7 8-8") == [("RUT", "21.283.706-7")]


def test_clabe_check_digit_weights():
    assert clabe_is_valid("032180000118359719")
    assert not clabe_is_valid("032180000118359718")
    assert not clabe_is_valid("03218000011835971")


@pytest.mark.parametrize(
    "phone",
    [
        # Spain
        "+34 612 34 56 78", "+34612345678", "0034 612 345 678", "612345678", "612 34 56 78", "912 345 678",
        "91 123 45 67",
        # Mexico
        "+52 55 1234 5678", "55-1234-5678", "(55) 1234-5678", "+52 1 55 1234 5678", "5512345678", "33 1234 5678",
        "812 345 6789",
        # Colombia
        "+57 300 123 4567", "300 123 4567", "3001234567", "601 234 5678",
        # Argentina
        "+54 9 11 1234-5678", "+54 11 1234-5678", "011 1234-5678", "011 15 1234-5678", "11 1234-5678",
        "0351 423-4567",
        # Peru
        "+51 987 654 321", "987 654 321", "987654321", "(01) 234-5678",
        # Chile
        "+56 9 8765 4321", "9 8765 4321", "+56 2 2123 4567",
    ],
)  # fmt: skip
def test_phone_formats_of_each_country(phone):
    assert found(f"Mi teléfono es {phone}, llámeme.") == [("PHONE", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Su pedido #MX-100234 ya salió.",
        "La guía es 1Z999AA10123456784, rastréela en la web.",
        "El total es $1.500.000 y el envío 149,90 €.",
        "Pagó $ 2 345 678 pesos en 12 meses.",
        "Le llega el 12/03/2026 o el 12-03-2026 a las 15:30.",
        "Código postal 06600, Ciudad de México; CP 28013 Madrid.",
        "El SKU-4432-221 y el artículo ABC-123456 están agotados.",
        "Número de pedido: 5512345678.",
        "Folio 912345678 registrado.",
        "Su ticket # 612345678 está abierto.",
        "Tiene 30 días naturales; atendemos 24 horas, 365 días.",
        "La versión 2.13.0 corrige el error 0x80070005.",
        "Un saldo de 4.500,00 MXN y 1.234.567 puntos.",
        "Pedido 45678912 listo para recoger.",
        "El plan de 12345678 megas no existe.",
    ],
)
def test_false_positive_corpus_is_untouched(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("Mi cédula es 1.023.456.789", "1.023.456.789"),
        ("C.C. 52123456 de Bogotá", "52123456"),
        ("CC 79.123.456", "79.123.456"),
        ("documento de identidad 1020304050", "1020304050"),
        ("mi DNI es 45678912", "45678912"),  # Peru: 8 digits, no letter
    ],
)
def test_national_id_only_with_context(text, value):
    assert found(text) == [("NATIONAL_ID", value)]
    assert found(f"Tengo {value.replace('.', '')} puntos acumulados") == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("Hola, me llamo Ana García López y tengo una duda", "Ana García López"),
        ("Mi nombre es María José de la Fuente.", "María José de la Fuente"),
        ("Buenas, soy Laura, le escribo por mi pedido", "Laura"),
        ("La factura está a nombre de Sr. Juan Pérez", "Juan Pérez"),
        ("Quedo atento.\nAtentamente,\nJuan Pérez\nGerente", "Juan Pérez"),
        ("Buenos días, le atiende Carlos de Soporte", "Carlos"),
        ("Nombre: Rocío Martínez", "Rocío Martínez"),
        ("hola, les escribe daniela lopez. tengo cargos de más", "daniela lopez"),
        ("buenas noches, habla sebastian lopez cardenas me ayudas?", "sebastian lopez cardenas"),
        ("HOLA, UNA PREGUNTA, SOY JOSÉ MARTÍNEZ CRUZ. ¿A CUÁNTOS MESES?", "JOSÉ MARTÍNEZ CRUZ"),
        ("hola, que tal? soy santiago herrera garcia.", "santiago herrera garcia"),
        ("mil gracias, me salvaste hector", "hector"),
        ("Quedo atento. Saludos,\nLaura | Atención a clientes", "Laura"),
        ("hola!! Hqbla Angel Salazar. Me puede ayudar?", "Angel Salazar"),  # a known name, a typo'd intro
        ("Alejandra, le comento: el envío sale hoy.", "Alejandra"),
        ("gracias!! saludos, jesus", "jesus"),
        ("Le atiende Lucía de Altavía, ¿en qué le ayudo?", "Lucía"),
        ("habla Juan de Dios Pérez", "Juan de Dios Pérez"),
    ],
)
def test_person_names_introduced_by_context(text, name):
    assert found(text) == [("PERSON", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Soy cliente desde 2019 y soy de Monterrey.",
        "Soy Cliente Premium, ¿qué beneficios tengo?",
        "Hola, buenos días. Gracias por su ayuda.",
        "Atentamente, El equipo de Soporte",
        "soy el titular de la cuenta",
        "a que numero llamo pra hablar con alguien",
        "un asesor me llamo pa actualizar datos",
        "quiero un vestido rosa blanco",
        "¿Alguien que habla inglés? Gracias por todo.",
        "Claro, Bogotá tiene cobertura. Con gusto le ayudo.",
        "Olvidé mi contraseña desde el 20 de abril",
        "--\nCanal chat Banco Guadua",
        "Hola MercaColibrí, ¿tienen envío gratis?",
    ],
)
def test_not_names(text):
    assert found(text) == []


def test_brand_in_allowlist_is_not_part_of_a_name():
    r = Redactor(allowlist=["TiendaMax"])
    assert found("Le atiende Laura de TiendaMax", r) == [("PERSON", "Laura")]


def test_placeholders_are_consistent_across_turns():
    turns = [
        "Hola, me llamo Ana García. Mi correo es Ana.Garcia@Mail.com y mi cel 55 1234 5678.",
        "Gracias, Ana. ¿Confirma el correo ana.garcia@mail.com y el teléfono +52 55 1234 5678?",
        "Sí, y también tengo otro: 33 9876 5432.",
    ]
    texts, entities = R.redact_conversation(turns)
    assert texts[0] == "Hola, me llamo [PERSON_1]. Mi correo es [EMAIL_1] y mi cel [PHONE_1]."
    assert texts[1] == "Gracias, [PERSON_1]. ¿Confirma el correo [EMAIL_1] y el teléfono [PHONE_1]?"
    assert texts[2] == "Sí, y también tengo otro: [PHONE_2]."
    for turn, ents in zip(turns, entities, strict=True):
        for e in ents:
            assert 0 <= e.start < e.end <= len(turn)
    assert turns[2][entities[2][0].start : entities[2][0].end] == "33 9876 5432"


def test_name_from_one_turn_is_hidden_in_the_others():
    texts, _ = R.redact_conversation(
        ["Mi nombre es Rocío Martínez", "Perfecto Rocío, ya quedó. Saludos, Sra. Martínez"]
    )
    assert "Rocío" not in texts[1] and "Martínez" not in texts[1]
    assert texts[1].count("[PERSON_1]") == 2


def test_later_mentions_match_without_accents_or_capitals_but_surname_words_need_a_capital():
    turns = [
        "hola, me llamo oscar flores",
        "Claro, Óscar. ¿Algo más, Sr. Flores?",
        "sí, enviar flores a mi mamá, oscar",
    ]
    texts, _ = R.redact_conversation(turns)
    assert texts == [
        "hola, me llamo [PERSON_1]",
        "Claro, [PERSON_1]. ¿Algo más, Sr. [PERSON_1]?",
        "sí, enviar flores a mi mamá, [PERSON_1]",
    ]


def test_context_words_are_read_in_the_same_turn_only():
    turns = [
        "¿Me da su número de teléfono para ubicar su caso?",
        "es 612 345 678",
        "¿Y su número de pedido?",
        "5512345678",
    ]
    _, entities = R.redact_conversation(turns)
    assert [[e.type for e in ents] for ents in entities] == [[], ["PHONE"], [], ["PHONE"]]
    _, ents = R.redact("Mi número de pedido es 5512345678, mi cel 5512345679")
    assert [e.start for e in ents] == [42]


def test_redact_with_shared_mapping_and_entities_index_the_original():
    mapping = Placeholders()
    text = "Escríbame a juan@correo.es o al 612 345 678"
    out, ents = R.redact(text, mapping)
    assert out == "Escríbame a [EMAIL_1] o al [PHONE_1]"
    assert [text[e.start : e.end] for e in ents] == ["juan@correo.es", "612 345 678"]
    out2, _ = R.redact("Otro: pedro@correo.es; el mismo: JUAN@correo.es", mapping)
    assert out2 == "Otro: [EMAIL_2]; el mismo: [EMAIL_1]"
    assert mapping.counts == {"EMAIL": 2, "PHONE": 1}


def test_company_contacts_in_allowlist_are_kept():
    kb = "¿Dudas? Llame al 800 555 0199 o escriba a soporte@tienda.mx. Más en https://tienda.mx/ayuda."
    allow = allowlist_from_text(kb)
    assert {"800 555 0199", "soporte@tienda.mx", "https://tienda.mx/ayuda"} <= allow
    r = Redactor(allowlist=allow)
    out, ents = r.redact(
        "Llame al +52 800 555 0199 o al 01 800 555 0199, o a SOPORTE@tienda.mx; mi cel 55 1234 5678"
    )
    assert out == "Llame al +52 800 555 0199 o al 01 800 555 0199, o a SOPORTE@tienda.mx; mi cel [PHONE_1]"
    assert [e.type for e in ents] == ["PHONE"]


def test_types_restrict_detectors_and_unknown_type_is_a_clear_error():
    r = Redactor(types=["email"])
    assert found("ana@mail.com 612345678 54362315K", r) == [("EMAIL", "ana@mail.com")]
    with pytest.raises(ChatkitError, match="EMIAL.*did you mean EMAIL"):
        Redactor(types=["EMIAL"])


def test_value_key_normalises_for_identity():
    assert value_key("EMAIL", "Ana@Mail.COM") == "ana@mail.com"
    assert value_key("IBAN", "es91 2100-0418") == "ES9121000418"
    assert value_key("PHONE", "+34 612 34 56 78") == value_key("PHONE", "612345678")
    assert Entity("EMAIL", 0, 3) == Entity("EMAIL", 0, 3)
    assert set(TYPES) >= {"EMAIL", "PHONE", "NATIONAL_ID", "PERSON"}


def test_generated_valid_ids_are_all_caught():
    rng = random.Random(7)
    for _ in range(200):
        for kind, value in (
            ("DNI", make_dni(rng)), ("NIE", make_nie(rng)), ("CIF", make_cif(rng)), ("IBAN", make_iban(rng)),
            ("CARD", make_card(rng)), ("CLABE", make_clabe(rng)), ("CBU", make_cbu(rng)), ("CUIT", make_cuit(rng)),
            ("RUT", make_rut(rng)), ("CURP", make_curp(rng)),
        ):  # fmt: skip
            assert found(f"dato: {value}") == [(kind, value)], (kind, value)


# Generators of valid ids (check digits from python-stdnum), also used by the property tests.
def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_dni(rng: random.Random) -> str:
    body = _digits(rng, 8)
    return body + dni.calc_check_digit(body)


def make_nie(rng: random.Random) -> str:
    body = rng.choice("XYZ") + _digits(rng, 7)
    return body + nie.calc_check_digit(body)


def make_cif(rng: random.Random) -> str:
    body = rng.choice("ABCDEFGHJUV") + _digits(rng, 7)
    return body + cif.calc_check_digits(body)[0]


def make_iban(rng: random.Random, spaced: bool = True) -> str:
    bban = _digits(rng, 20)
    value = "ES" + iban.calc_check_digits("ES00" + bban) + bban
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4)) if spaced else value


def make_card(rng: random.Random) -> str:
    body = rng.choice("456") + _digits(rng, 14)
    number = body + luhn.calc_check_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def make_clabe(rng: random.Random) -> str:
    body = _digits(rng, 17)
    total = sum(int(d) * w % 10 for d, w in zip(body, ((3, 7, 1) * 6)[:17], strict=True))
    return body + str((10 - total % 10) % 10)


def make_cbu(rng: random.Random) -> str:
    bank = _digits(rng, 7)
    account = _digits(rng, 13)
    return bank + cbu.calc_check_digit(bank) + account + cbu.calc_check_digit(account)


def make_cuit(rng: random.Random) -> str:
    while True:
        body = rng.choice(["20", "23", "27", "30"]) + _digits(rng, 8)
        check = cuit.calc_check_digit(body)
        if cuit.is_valid(body + check):
            return f"{body[:2]}-{body[2:]}-{check}"


def make_rut(rng: random.Random) -> str:
    body = str(rng.randint(5_000_000, 25_000_000))
    return f"{int(body):,}".replace(",", ".") + "-" + rut.calc_check_digit(body)


def make_curp(rng: random.Random) -> str:
    while True:
        head = "".join(rng.choice("BCDFGHJKLMNPRSTVZ") for _ in range(4))
        date = f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body = head + date + rng.choice("HM") + rng.choice(["DF", "NL", "JC"]) + "RRN" + "0"
        value = body + curp.calc_check_digit(body + "0")
        if curp.is_valid(value):
            return value


def test_a_huge_message_with_thousands_of_values():
    # One 5 MB message is a case `prepare` must survive; overlap checks have to stay near-linear.
    text = " ".join(f"llame al 6{i:08d} o escriba a user{i}@mail.com, me llamo Ana." for i in range(4000))
    out, entities = R.redact(text)
    kinds = [e.type for e in entities]
    assert kinds.count("PHONE") == 4000 and kinds.count("EMAIL") == 4000 and kinds.count("PERSON") == 4000
    assert "[PHONE_4000]" in out and "[EMAIL_4000]" in out and "[PERSON_2]" not in out
    assert R.find("1 " * 50_000) == []


def test_a_character_whose_lower_case_is_longer_keeps_offsets():
    # hypothesis found it: "İ".lower() is two characters, which shifted a name's offsets past the end
    text = "İANA:GARCIA"
    redacted, entities = R.redact(text)
    assert all(0 <= e.start < e.end <= len(text) for e in entities)
    assert found("Hola, soy İsabel García Pérez") == [("PERSON", "İsabel García Pérez")]


def test_placeholders_are_the_same_under_every_hash_seed():
    # Two names of equal length ("sebastian pena" and "sebastian vivo") once came out in the order of a set,
    # which follows PYTHONHASHSEED: the agent's "Sebastián" was [PERSON_1] in most processes, [PERSON_2] in some.
    import json
    import os
    import subprocess
    import sys

    turns = ["oigan una duda, soy Sebastian Peña. Cuando validan los pagos SPEI?",
             "Claro, Sebastián. Las transferencias se acreditan en hasta 2 horas hábiles.",
             "grax, buen dia. Saludos, Sebastian Vivo en Venustiano Carranza."]
    code = ("import json, sys; from kit.data.pii import Redactor; "
            "print(json.dumps(Redactor().redact_conversation(json.loads(sys.argv[1]))[0]))")
    outs = set()
    for seed in range(1, 9):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        res = subprocess.run([sys.executable, "-c", code, json.dumps(turns)], capture_output=True, text=True, env=env,
                             check=True)
        outs.add(res.stdout)
    assert len(outs) == 1
    redacted = json.loads(outs.pop())
    assert redacted[0].startswith("oigan una duda, soy [PERSON_1].") and redacted[1].startswith("Claro, [PERSON_1].")
