"""MercaColibrí: a fictional online shop in Mexico (orders, shipping, returns, payments, CFDI, account).

Content only: facts and the voice of its chat logs live here, KB pages in pages.py, intents in the
intents_*.py modules (shipping, orders, returns, payments, account). The generator
(kit/corpus/generate.py) turns COMPANY into conversations.
"""

from __future__ import annotations

from kit.corpus.companies.shop.intents_account import INTENTS as ACCOUNT
from kit.corpus.companies.shop.intents_orders import INTENTS as ORDERS
from kit.corpus.companies.shop.intents_payments import INTENTS as PAYMENTS
from kit.corpus.companies.shop.intents_returns import INTENTS as RETURNS
from kit.corpus.companies.shop.intents_shipping import INTENTS as SHIPPING
from kit.corpus.companies.shop.pages import PAGES
from kit.corpus.schema import Company, Fact


def _facts(*rows: tuple[str, str] | tuple[str, str, str]) -> dict[str, Fact]:
    return {row[0]: Fact(*row) for row in rows}


# (id, value[, value after the policy update]). Values are what a correct answer must say, verbatim.
FACTS = _facts(
    # shipping
    ("shipping_standard_time", "3 a 5 días hábiles", "2 a 4 días hábiles"),
    ("shipping_express_time", "24 a 48 horas"),
    ("express_cities", "Ciudad de México, Guadalajara y Monterrey"),
    ("shipping_express_price", "$189 MXN", "$169 MXN"),
    ("shipping_standard_price", "$99 MXN", "$119 MXN"),
    ("free_shipping_threshold", "$999 MXN", "$1,199 MXN"),
    ("remote_zone_extra", "2 días hábiles adicionales"),
    ("order_cutoff", "antes de las 13:00 horas", "antes de las 14:00 horas"),
    ("carriers", "Estafeta y DHL", "Estafeta, DHL y 99minutos"),
    ("tracking_time", "en un máximo de 24 horas"),
    ("tracking_url", "mercacolibri.mx/rastreo"),
    ("delivery_attempts", "3 intentos de entrega"),
    ("pickup_hold", "7 días naturales"),
    ("lost_claim_window", "15 días naturales"),
    ("address_change_rule", "antes de que el pedido salga del almacén"),
    ("cancel_window", "primeras 2 horas", "primera hora"),
    ("international", "solo dentro de la República Mexicana"),
    ("max_units", "10 piezas por producto"),
    # returns, refunds, warranty
    ("return_window", "30 días naturales", "45 días naturales"),
    ("return_label", "guía prepagada sin costo"),
    ("return_steps", "Mis pedidos > Solicitar devolución"),
    ("refund_card_time", "5 a 10 días hábiles", "3 a 7 días hábiles"),
    ("refund_cash_method", "transferencia a una cuenta CLABE"),
    ("refund_review_time", "inspección de hasta 3 días hábiles"),
    ("non_returnable", "ropa interior, cosméticos abiertos y tarjetas de regalo"),
    ("exchange_policy", "un cambio de talla gratis por pedido"),
    ("warranty_months", "12 meses de garantía", "18 meses de garantía"),
    ("warranty_email", "garantias@mercacolibri.mx"),
    ("damaged_window", "48 horas posteriores a la entrega", "72 horas posteriores a la entrega"),
    ("damaged_evidence", "fotos del empaque y del producto"),
    # payments
    ("payment_methods", "tarjeta, PayPal, OXXO Pay y SPEI", "tarjeta, PayPal, Mercado Pago, OXXO Pay y SPEI"),
    ("msi_options", "3, 6 y 12 meses sin intereses", "3, 6, 9 y 12 meses sin intereses"),
    ("msi_minimum", "$1,500 MXN", "$2,000 MXN"),
    ("msi_banks", "tarjetas de crédito de bancos participantes"),
    ("oxxo_expiry", "vigencia de 48 horas"),
    ("oxxo_limit", "$10,000 MXN"),
    ("spei_confirmation", "hasta 2 horas hábiles"),
    ("card_declined_tip", "habilitar las compras en línea"),
    ("double_charge_release", "retención temporal de hasta 72 horas"),
    ("coupon_rule", "un cupón por pedido"),
    # invoices (CFDI)
    ("invoice_portal", "mercacolibri.mx/facturacion"),
    ("invoice_window", "el mismo mes de la compra", "hasta el día 5 del mes siguiente"),
    ("invoice_requirements", "RFC, razón social, código postal fiscal y régimen fiscal"),
    ("cfdi_version", "CFDI 4.0"),
    ("invoice_delivery", "XML y PDF"),
    ("invoice_email", "facturas@mercacolibri.mx"),
    ("invoice_fix", "cancelación y reexpedición del CFDI"),
    ("cfdi_use", "G03 Gastos en general"),
    # account, loyalty, promotions
    ("reset_link_validity", "30 minutos", "15 minutos"),
    ("verification_code", "código de 6 dígitos"),
    ("account_delete_time", "15 días hábiles"),
    ("points_rate", "1 punto por cada $10 MXN", "1 punto por cada $20 MXN"),
    ("points_expiry", "vencen a los 18 meses"),
    ("welcome_discount", "10% en su primera compra", "15% en su primera compra"),
    ("welcome_code", "BIENVENIDA10"),
    ("price_adjust", "7 días siguientes a su compra"),
    ("giftcard_validity", "vigencia de 1 año"),
    # contact
    ("phone", "800 266 5427"),
    ("whatsapp", "55 4170 2288"),
    ("support_email", "ayuda@mercacolibri.mx"),
    ("hours", "lunes a sábado de 8:00 a 22:00", "todos los días de 8:00 a 22:00"),
)

COMPANY = Company(
    key="shop",
    name="MercaColibrí",
    country="MX",
    description="Tienda en línea mexicana (electrónica, hogar y moda): pedidos, envíos, devoluciones, pagos, CFDI y cuenta.",
    facts=FACTS,
    pages=PAGES,
    intents=[*SHIPPING, *ORDERS, *RETURNS, *PAYMENTS, *ACCOUNT],
    agent_names=["Laura", "Diego", "Fernanda", "Jorge", "Ximena", "Ricardo", "Mariana", "Iván", "Sofía", "Alejandro"],
    greetings_customer=[
        "Hola", "hola buenas tardes", "Buenos días", "Buenas noches", "qué tal", "Hola, buen día",
        "Buenas", "hola!!", "Hola, una pregunta", "Buen día, disculpe", "oigan una duda", "Hola MercaColibrí",
    ],
    greetings_agent=[
        "¡Hola! Le atiende {agent} de {company}. ¿En qué le puedo ayudar?",
        "Buen día, mi nombre es {agent}, asesora de {company}. Cuénteme, ¿qué necesita?",
        "Hola, gracias por escribir a {company}. Soy {agent}, ¿cómo le ayudo hoy?",
        "¡Bienvenido(a) a {company}! Soy {agent}. ¿En qué puedo apoyarle?",
        "Hola, qué gusto saludarle. Soy {agent} del equipo de atención de {company}.",
    ],
    signoffs_customer=[
        "Muchas gracias", "gracias!!", "Ok gracias, muy amable", "perfecto, gracias", "Va, gracias",
        "Listo, es todo", "mil gracias 🙏", "Sale, gracias por la ayuda", "ok", "Excelente, gracias",
        "ah ok gracias", "Gracias, buen día",
    ],
    signoffs_agent=[
        "Fue un gusto atenderle. ¡Que tenga excelente día!",
        "Gracias por comprar en MercaColibrí. ¡Bonito día!",
        "Quedo al pendiente por si surge otra duda. ¡Saludos!",
        "Con gusto. Si necesita algo más, aquí estamos.",
        "¡A usted! Que disfrute su compra.",
    ],
    agent_macros=[
        "Con gusto le ayudo.",
        "Permítame un momento mientras reviso la información.",
        "Gracias por su paciencia.",
        "Entiendo la situación, con gusto lo revisamos.",
        "Lamento mucho las molestias.",
        "Le comparto la información:",
    ],
    signatures=[
        "--\n{agent} | Atención a clientes MercaColibrí",
        "Atentamente,\n{agent}\nEquipo MercaColibrí",
        "{agent} · MercaColibrí Soporte",
    ],
    offtopic=[
        ("oigan y ustedes venden en Estados Unidos también?", "Por ahora solo operamos en México, ¡gracias por su interés!"),
        ("jaja perdón, mi hijo estaba jugando con el cel", "¡No se preocupe! Seguimos en contacto."),
        ("por cierto qué bonita la página nueva", "¡Muchas gracias! Le pasaré su comentario al equipo."),
        ("están contratando? busco trabajo", "Las vacantes se publican en nuestra página de empleos, ¡suerte!"),
        ("hace un calorón aquí en Mérida uff", "¡Uf, sí! Tome mucha agua. ¿Le ayudo en algo más?"),
        ("una pregunta que no tiene que ver, venden refacciones de autos?", "No manejamos refacciones de autos, lo siento."),
        ("me recomiendan unos audífonos buenos y baratos?", "Le sugiero revisar la sección de ofertas de audio, hay buenas opciones."),
        ("perdón por la ortografía voy en el metro", "¡Sin problema! Le entiendo perfectamente."),
    ],
    public_contacts=[
        "800 266 5427", "55 4170 2288", "ayuda@mercacolibri.mx", "facturas@mercacolibri.mx",
        "garantias@mercacolibri.mx", "mercacolibri.mx/rastreo", "mercacolibri.mx/facturacion", "mercacolibri.mx",
    ],
    slots={
        "producto": [
            "unos audífonos inalámbricos", "una licuadora", "unos tenis para correr", "una chamarra",
            "la freidora de aire", "una pantalla de 50 pulgadas", "una cafetera", "un juego de sartenes",
            "una mochila", "una bocina bluetooth", "unas botas", "un colchón individual",
        ],
        "ciudad": [
            "Monterrey", "Guadalajara", "Mérida", "Puebla", "Tijuana", "Querétaro", "León", "Oaxaca",
            "Chihuahua", "Veracruz", "Cancún", "Hermosillo", "Toluca", "Morelia",
        ],
    },
    regional={
        "celular": ["celular", "cel", "móvil", "teléfono"],
        "computadora": ["computadora", "compu", "laptop", "ordenador"],
        "dinero": ["dinero", "lana", "plata", "varo"],
        "enojado": ["enojado", "molesto", "enojada"],
    },
    channels=["chat web", "WhatsApp", "Messenger", "app"],
)
