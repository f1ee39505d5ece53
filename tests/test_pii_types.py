"""Redaction v2 detectors one by one: addresses, birth dates, passports, plates, handles, e-mails and phones
written to dodge filters, names in free positions, and the look-alikes each must leave alone."""

from __future__ import annotations

import pytest

from kit.data.pii import EXAMPLES, TYPES, Redactor, allowlist_from_text, parse_types

R = Redactor()


def found(text: str, redactor: Redactor = R) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in redactor.find(text)]


# The lines of issue 24, as a new user tried them: what each becomes now.
ISSUE_LINES = [
    ("Mi dirección es Calle Reforma 222, Col. Juárez, CP 06600, Ciudad de México.", "Mi dirección es [ADDRESS_1]."),
    ("Vivo en C/ Alcalá 45, 3º B, 28014 Madrid.", "Vivo en [ADDRESS_1]."),
    (
        "Envíenlo a Av. Insurgentes Sur 1602 int. 4, Crédito Constructor, Benito Juárez.",
        "Envíenlo a [ADDRESS_1].",
    ),
    ("mi correo es juan punto perez arroba gmail punto com", "mi correo es [EMAIL_1]"),
    ("escríbeme a juan.perez[at]gmail[dot]com", "escríbeme a [EMAIL_1]"),
    ("nací el 3 de abril de 1990", "nací el [BIRTH_DATE_1]"),
    ("mi fecha de nacimiento es 14/03/1987", "mi fecha de nacimiento es [BIRTH_DATE_1]"),
    ("mi pasaporte es G12345678", "mi pasaporte es [PASSPORT_1]"),
    ("la placa de mi carro es ABC-123-D", "la placa de mi carro es [PLATE_1]"),
    ("mi número es cinco cinco, uno dos tres cuatro, cinco seis siete ocho", "mi número es [PHONE_1]"),
    ("mi usuario de instagram es @pedro_ramirez87", "mi usuario de instagram es [USERNAME_1]"),
]


@pytest.mark.parametrize("text,redacted", ISSUE_LINES)
def test_issue_lines_are_redacted(text, redacted):
    assert R.redact(text)[0] == redacted


@pytest.mark.parametrize(
    "address",
    [
        # Mexico
        "Calle Reforma 222, Col. Juárez, CP 06600, Ciudad de México",
        "Calz. de Tlalpan 1234, Col. Portales, Benito Juárez, C.P. 03300, CDMX",
        "Av. 5 de Mayo No. 2860 int. 5",
        "Calle 60 #491, Centro, Mérida",
        "Privada Los Pinos 12-B, Fracc. Las Flores, Querétaro",
        # Spain
        "C/ Alcalá 45, 3º B, 28014 Madrid",
        "Avda. de la Constitución 12, 4º izda., 41001 Sevilla",
        "Calle Mayor, 5, 2º C",
        "Paseo de Gracia 21, 08007 Barcelona",
        # Colombia
        "Carrera 7 # 45-23, apto 301, Bogotá",
        "Cra. 15 No. 93-47 Of. 502, Chapinero, Bogotá D.C.",
        "Diagonal 40A # 20-15",
        "Transversal 5 Bis # 10-20",
        "Av. Calle 26 # 68-35",
        # Argentina, Peru, Chile
        "Av. Corrientes 1234, piso 5, depto B, CABA",
        "Jr. de la Unión 456, Cercado de Lima",
        "Av. Javier Prado Este 2431, San Isidro, Lima",
        "Pasaje Los Aromos 123, Ñuñoa, Santiago",
        "Calle Mayor s/n",
        # lower case, as typed
        "calle reforma 222 col juarez cp 06600",
    ],
)
def test_addresses_of_each_country(address):
    assert found(f"Mi dirección es {address}. Gracias.") == [("ADDRESS", address)]


@pytest.mark.parametrize(
    "text",
    [
        "vivo sobre la calle Miguel Hidalgo, sin número",
        "la sucursal de la avenida Reforma estaba cerrada",
        "fue un paseo de 2 horas",
        "fui a la plaza 3 veces",
        "la tv Samsung 55 pulgadas no prende",
        "en la calle 2 horas esperando",
        "Calle Reforma esquina Insurgentes",
        "La avenida principal 3 cuadras más adelante",
        "Calle 13 es mi banda favorita",
    ],
)
def test_streets_without_a_number_and_everyday_words_are_not_addresses(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("nací el 3 de abril de 1990", "3 de abril de 1990"),
        ("naci el 3 de abril del 90", "3 de abril del 90"),
        ("fecha de nacimiento: 1987-03-14", "1987-03-14"),
        ("F. nac. 9/6/1993", "9/6/1993"),
        ("mi cumpleaños es el 3 de abril", "3 de abril"),
        ("nacida el 14.03.1987 en Lima", "14.03.1987"),
    ],
)
def test_birth_dates_after_a_birth_cue(text, value):
    assert found(text) == [("BIRTH_DATE", value)]


@pytest.mark.parametrize(
    "text",
    [
        "la compra fue el 3 de abril de 1990",
        "la factura es del 14/03/2025",
        "Banco Nacional, estado de cuenta del 3 de abril de 2025",
        "soy cliente desde el 12/01/1999",
    ],
)
def test_other_dates_are_kept(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("mi pasaporte es G12345678", "PASSPORT", "G12345678"),
        ("pasaporte español PAA123456", "PASSPORT", "PAA123456"),
        ("el número de pasaporte es AQ123456", "PASSPORT", "AQ123456"),
        ("la placa de mi carro es ABC-123-D", "PLATE", "ABC-123-D"),
        ("placas ABC-12-34", "PLATE", "ABC-12-34"),
        ("la matrícula es 1234 BCD", "PLATE", "1234 BCD"),
        ("la placa de la moto es XYZ12D", "PLATE", "XYZ12D"),
        ("patente AB 123 CD", "PLATE", "AB 123 CD"),
        ("placa KLM-456", "PLATE", "KLM-456"),
    ],
)
def test_passports_and_plates_after_their_cue(text, kind, value):
    assert found(text) == [(kind, value)]


@pytest.mark.parametrize(
    "text",
    [
        "es el modelo ABC-123-D",
        "el número de serie es PAA123456",
        "la placa de video RTX 3060 se calienta",
        "la etiqueta dice modelo 1234 BCD",
    ],
)
def test_model_numbers_without_a_cue_are_kept(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("mi usuario de instagram es @pedro_ramirez87", "@pedro_ramirez87"),
        ("búscame en tiktok como @ana.lopez", "@ana.lopez"),
        ("mi ig: sofia_gomez99", "sofia_gomez99"),
        ("en twitter soy @jlopez_91", "@jlopez_91"),
    ],
)
def test_handles_with_a_platform_cue(text, value):
    assert found(text) == [("USERNAME", value)]


@pytest.mark.parametrize(
    "text",
    ["escriba a @soporte si tiene dudas", "La app me dice usuario bloqueado. Les escribo", "mi perfil > ajustes"],
)
def test_handles_without_a_cue_and_account_words_are_kept(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "value",
    [
        "juan punto perez arroba gmail punto com",
        "juan.perez[at]gmail[dot]com",
        "juan.perez (at) gmail (dot) com",
        "juan.perez (at) gmail.com",
        "juan.perez @ gmail.com",
        "JUAN.PEREZ ARROBA GMAIL.COM",
    ],
)
def test_obfuscated_emails_share_the_placeholder_of_the_address(value):
    texts, entities = R.redact_conversation([f"mi correo es {value}", "confirmo: juan.perez@gmail.com"])
    assert [e.type for e in entities[0]] == ["EMAIL"]
    assert texts == ["mi correo es [EMAIL_1]", "confirmo: [EMAIL_1]"]


@pytest.mark.parametrize(
    "value",
    [
        "cinco cinco, uno dos tres cuatro, cinco seis siete ocho",
        "cincuenta y cinco, doce, treinta y cuatro, cincuenta y seis, setenta y ocho",
        "quinientos cincuenta y uno, veintitrés, cuarenta y cinco, sesenta y siete, ocho",
        "5 5 1 2 3 4 5 6 7 8",
        "55 / 12 / 34 / 56 / 78",
    ],
)
def test_spelled_or_split_phones_share_the_placeholder_of_the_number(value):
    texts, entities = R.redact_conversation([f"mi cel es {value}", "sí, el 55 1234 5678"])
    assert [e.type for e in entities[0]] == ["PHONE"]
    assert texts[0] == "mi cel es [PHONE_1]"
    assert texts[1].endswith("[PHONE_1]") or "5512345678" not in value.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "tengo dos hijos y tres perros",
        "uno dos tres cuatro, probando",
        "el pedido 1 2 3 4 5 6 7 8 9 no llegó",
        "son 12, 15, 18 y 20 por ciento",
        "mi número de cliente es cuatro cinco seis siete ocho nueve uno dos",
    ],
)
def test_counts_and_short_number_lists_are_not_phones(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("Hola Juan, gracias por escribirnos.", "Juan"),
        ("Quedo pendiente.\nAtte. Laura Gómez", "Laura Gómez"),
        ("Quedo pendiente.\nLaura Gómez — Gerente de Atención a Clientes", "Laura Gómez"),
        ("Gracias.\n— Pedro Ruiz, Coordinador de Compras", "Pedro Ruiz"),
        ("mi esposa Claudia Ramírez hizo la compra", "Claudia Ramírez"),
        ("la cuenta está a nombre de Sergio Castillo", "Sergio Castillo"),
        ("mi mamá se llama Rosa Díaz", "Rosa Díaz"),
        ("MI HIJA VALENTINA LOPEZ NO PUEDE ENTRAR", "VALENTINA LOPEZ"),
        ("A NOMBRE DE JOSÉ MARTÍNEZ CRUZ", "JOSÉ MARTÍNEZ CRUZ"),
    ],
)
def test_names_in_free_positions(text, name):
    assert found(text) == [("PERSON", name)]


@pytest.mark.parametrize(
    "text",
    [
        "vivo en la alcaldía Benito Juárez",
        "estoy cerca del metro Pino Suárez",
        "me bajo en la estación Miguel Hidalgo",
        "vivo en Benito Juárez",
        "trabajo por el parque Simón Bolívar",
        "vivo cerca de Alonso Martínez",
        "mi mamá Vive lejos",
        "mi esposa y yo tenemos cuenta",
    ],
)
def test_places_named_after_people_and_relatives_without_a_name_are_not_persons(text):
    assert found(text) == []


def test_a_person_who_says_the_name_is_still_a_person():
    assert found("me llamo Benito Juárez") == [("PERSON", "Benito Juárez")]


def test_company_address_from_the_kb_stays_and_the_customers_goes():
    kb = "# Oficinas\n\nNuestra oficina está en Av. Ejército Nacional 843, Col. Granada, CP 11520, Ciudad de México."
    r = Redactor(allowlist=allowlist_from_text(kb))
    out, _ = r.redact(
        "Puede visitarnos en Av. Ejército Nacional 843, Col. Granada. Mi casa: Calle Reforma 222, Col. Juárez."
    )
    assert out == "Puede visitarnos en Av. Ejército Nacional 843, Col. Granada. Mi casa: [ADDRESS_1]."


def test_every_type_has_examples_that_are_found_as_that_type():
    assert set(EXAMPLES) == set(TYPES) and parse_types(["address", "plate"]) == {"ADDRESS", "PLATE"}
    for kind, examples in EXAMPLES.items():
        for example in examples.split(" · "):
            assert kind in [t for t, _ in found(example)], (kind, example)


def test_the_nearest_cue_word_decides_what_a_number_in_groups_is():
    assert found("¿Cómo saco mi factura? Llámenme al 5 5 6 9 7 2 2 6 9 8.") == [("PHONE", "5 5 6 9 7 2 2 6 9 8")]
    assert found("Por el contrato, mi teléfono: siete, cero cinco, setenta y siete, setenta y uno, setenta") == [
        ("PHONE", "siete, cero cinco, setenta y siete, setenta y uno, setenta")
    ]
    assert found("mi número de póliza es cinco cinco uno dos tres cuatro cinco seis") == []
