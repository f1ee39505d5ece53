"""The generator's own Spanish lines: asking for identifiers, acknowledging, planting data, closing.

Company content (kit/corpus/companies/*) holds what is specific to a company; these lines are what any
support chat has, written per register (usted / tú / vos) where the register shows.
"""

from __future__ import annotations

# asks_for -> (what the agent asks for, with {pos} = su/tu; item type of the answer; word the customer uses)
IDENTIFIERS: dict[str, tuple[str, str | None, str]] = {
    "order_id": ("{pos} número de pedido", "ORDER", "pedido"),
    "tracking": ("{pos} número de guía", "TRACKING", "guía"),
    "email": ("{pos} correo electrónico registrado", "EMAIL", "correo"),
    "phone": ("{pos} número de teléfono", "PHONE", "número"),
    "name": ("{pos} nombre completo", "NAME", "nombre"),
    "rfc": ("{pos} RFC", "RFC", "RFC"),
    "curp": ("{pos} CURP", "CURP", "CURP"),
    "clabe": ("{pos} CLABE interbancaria de 18 dígitos", "CLABE", "CLABE"),
    "card_last4": ("los últimos 4 dígitos de {pos} tarjeta", None, "tarjeta"),
    "dni": ("{pos} DNI o NIE", "DNI", "DNI"),
    "nie": ("{pos} NIE", "NIE", "NIE"),
    "cedula": ("{pos} número de cédula", "CEDULA", "cédula"),
    "iban": ("{pos} IBAN", "IBAN", "IBAN"),
    "postal_code": ("{pos} código postal", "POSTAL", "código postal"),
}

AGENT_ASK = {
    "usted": [
        "¿Me podría compartir {what}, por favor?",
        "Para revisarlo, ¿me proporciona {what}?",
        "Claro, ¿me indica {what}?",
        "Con gusto. Necesito {what} para ubicar su caso.",
        "Por supuesto. Antes, ¿me confirma {what}?",
    ],
    "tu": [
        "¿Me compartes {what}, porfa?",
        "Para revisarlo, ¿me pasas {what}?",
        "Claro, ¿me das {what}?",
        "Va, necesito {what} para ubicar tu caso.",
    ],
}
AGENT_ACK = {
    "usted": ["Gracias.", "Listo, ya lo ubiqué.", "Perfecto, ya tengo su información.", "Gracias por el dato.",
              "Muy bien, ya lo revisé."],
    "tu": ["Gracias.", "Listo, ya lo encontré.", "Perfecto, ya tengo tus datos.", "Gracias por el dato."],
}
AGENT_NAME_ACK = ["Gracias, {name}.", "Con gusto, {name}.", "Claro, {name}.", "{name}, le comento:"]
AGENT_MORE = {
    "usted": ["¿Le puedo ayudar en algo más?", "¿Hay algo más en lo que le pueda apoyar?"],
    "tu": ["¿Te ayudo con algo más?", "¿Algo más en lo que te pueda ayudar?"],
}
CARD_WARNING = {
    "usted": "Por seguridad, no comparta el número completo de su tarjeta por este medio; con los últimos 4 "
    "dígitos es suficiente.",
    "tu": "Por seguridad, no compartas el número completo de tu tarjeta por aquí; con los últimos 4 dígitos basta.",
}
# Words that mark a macro as a hand-over to another team (used only when the policy says escalate).
HANDOVER_WORDS = ("le paso con", "te paso con", "transfiero", "canalizo", "le comunico", "especialista", "escal")

CUSTOMER_HELP = {
    "usted": ["¿Me puede ayudar?", "Disculpe, tengo una duda.", "Quisiera hacer una consulta."],
    "tu": ["¿Me ayudas?", "Oye, una duda.", "¿Me puedes ayudar con algo?"],
    "vos": ["¿Me podés ayudar?", "Che, una consulta.", "Mirá, tengo una duda.", "¿Vos me podés decir algo?"],
}
CUSTOMER_THANKS = {
    "usted": ["Muchas gracias, es usted muy amable.", "Le agradezco mucho."],
    "tu": ["Gracias, eres un sol.", "Mil gracias, me salvaste."],
    "vos": ["Genial, gracias, sos un crack.", "Buenísimo, gracias."],
}
NAME_INTROS = ["soy {}", "me llamo {}", "mi nombre es {}", "les escribe {}", "habla {}"]
NAME_SIGNOFFS = ["Saludos, {}", "Atte. {}", "{}"]
SECOND_QUESTION = ["Otra pregunta: ", "Y otra cosa, ", "Ah, y también: ", "Una última duda: ", "Oye y ", ""]
REPLY_FRAMES = ["{v}", "es {v}", "Claro, es {v}", "sí, {v}", "ok, {v}", "mi {w} es {v}", "ahí va: {v}", "{w}: {v}"]
CEDULA_FRAMES = ["mi cédula es {v}", "CC {v}", "C.C. {v}", "cédula {v}", "documento {v}", "mi número de cédula es {v}"]
LAST4_FRAMES = ["termina en {d}", "{d}", "los últimos son {d}", "terminación {d}"]

# Data customers volunteer, by item type: the frames around the value.
VOLUNTEERED = {
    "EMAIL": ["mi correo es {v}", "les dejo mi correo: {v}", "estoy registrado con {v}", "escríbanme a {v}"],
    "PHONE": ["mi número es {v}", "me pueden llamar al {v}", "mi cel es {v}", "les dejo mi teléfono {v}"],
    "CURP": ["mi CURP es {v}", "por si lo necesitan, mi CURP: {v}"],
    "RFC": ["mi RFC es {v}", "RFC: {v}"],
    "CARD": ["pagué con la tarjeta {v}", "la tarjeta es {v}", "mi tarjeta {v}"],
    "CLABE": ["mi CLABE es {v}", "les paso mi clabe {v}"],
    "DNI": ["mi DNI es {v}", "DNI {v}", "el titular soy yo, DNI {v}"],
    "NIE": ["mi NIE es {v}", "tengo NIE, es el {v}"],
    "IBAN": ["mi IBAN es {v}", "la cuenta para domiciliar es {v}", "cuenta: {v}"],
    "CEDULA": CEDULA_FRAMES,
    "ORDER": ["mi pedido es el {v}", "orden {v}", "el número de pedido es {v}", "la referencia es {v}"],
    "TRACKING": ["la guía es {v}", "el número de seguimiento es {v}", "tengo el rastreo {v}"],
    "AMOUNT": ["pagué {v}", "fue por {v}", "me cobraron {v}", "el importe es de {v}"],
    "DATE": ["fue el {v}", "desde el {v}", "lo hice el {v}"],
    "POSTAL": ["mi código postal es {v}", "CP {v}", "es el código postal {v}"],
    "SKU": ["el código del producto es {v}", "es el artículo {v}", "SKU {v}"],
}
# Which volunteered items each country's customers type, with weights.
VOLUNTEER_WEIGHTS = {
    "MX": {"EMAIL": 6, "PHONE": 6, "CURP": 1.5, "RFC": 1.5, "CARD": 1, "CLABE": 1, "ORDER": 5, "TRACKING": 2,
           "AMOUNT": 3, "DATE": 3, "POSTAL": 2, "SKU": 2},
    "ES": {"EMAIL": 5, "PHONE": 6, "DNI": 3, "NIE": 1.5, "IBAN": 2, "CARD": 1, "ORDER": 2, "TRACKING": 1,
           "AMOUNT": 4, "DATE": 3, "POSTAL": 2},
    "CO": {"EMAIL": 5, "PHONE": 6, "CEDULA": 4, "CARD": 1.5, "ORDER": 2, "AMOUNT": 5, "DATE": 3, "POSTAL": 1.5},
}
PII_TYPES = frozenset({"NAME", "EMAIL", "PHONE", "DNI", "NIE", "CURP", "RFC", "CEDULA", "CARD", "IBAN", "CLABE"})
# Item types that only come up on some topics: words of the intent id/topic that make them likely.
TOPIC_HINTS = {
    "CLABE": ("reembols", "refund", "devol"),
    "RFC": ("factur", "invoice", "cfdi"),
    "CURP": ("cuenta", "account", "factur", "invoice"),
    "CARD": ("pago", "payment", "tarjeta", "card", "cargo", "charge", "fraud", "compra"),
    "IBAN": ("factur", "billing", "pago", "payment", "domicil", "cobro", "contrat", "baja"),
    "SKU": ("devol", "garant", "return", "warranty", "pedido", "damaged", "exchange"),
    "TRACKING": ("envio", "rastreo", "shipping", "delivery", "sim", "lost", "order_status"),
}
