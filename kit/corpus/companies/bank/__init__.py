"""Banco Guadua: a fictional retail bank in Colombia (cards, transfers, PSE, fraud, loans, app access).

Content only: facts and voice live here, KB pages in pages.py, intents in the intents_*.py modules (cards,
transfers, loans, app, accounts, channels); kit/corpus/generate.py turns COMPANY into chat transcripts, KB
pages, eval items and the policy update (facts with a `v2`). Amounts are written the Colombian way
("$12.900 COP"); every fact value is a distinctive string, never a substring of another, so a grader can
look for it verbatim.
"""

from __future__ import annotations

from kit.corpus.companies.bank.intents_accounts import INTENTS as ACCOUNTS
from kit.corpus.companies.bank.intents_app import INTENTS as APP
from kit.corpus.companies.bank.intents_cards import INTENTS as CARDS
from kit.corpus.companies.bank.intents_channels import INTENTS as CHANNELS
from kit.corpus.companies.bank.intents_loans import INTENTS as LOANS
from kit.corpus.companies.bank.intents_transfers import INTENTS as TRANSFERS
from kit.corpus.companies.bank.pages import PAGES
from kit.corpus.schema import Company, Fact

_FACTS = [
    # Tarjeta débito
    Fact("debit_fee", "$12.900 COP", "$14.500 COP"),
    Fact("card_delivery", "8 días hábiles", "6 días hábiles"),
    Fact("card_replacement_fee", "$25.000 COP"),
    Fact("card_block_path", "Tarjetas > Bloquear tarjeta"),
    Fact("debit_purchase_limit", "$5.000.000 COP"),
    Fact("card_pin_digits", "4 dígitos"),
    Fact("pin_attempts", "3 intentos fallidos"),
    Fact("pin_reset", "opción Cambio de clave"),
    # Tarjeta de crédito
    Fact("credit_fee", "$29.900 COP", "$32.400 COP"),
    Fact("credit_rate", "1,89 % mensual vencido", "1,95 % mensual vencido"),
    Fact("payment_due", "20 días calendario después del corte"),
    Fact("credit_report_notice", "aviso previo de 20 días"),
    Fact("intl_fee", "2,9 % por transacción"),
    Fact("travel_path", "Perfil > Viajes al exterior"),
    Fact("dispute_window", "120 días calendario"),
    # Transferencias y Bre-B
    Fact("ach_cutoff", "antes de las 2:00 p. m.", "antes de las 3:30 p. m."),
    Fact("ach_fee", "$6.900 COP", "$7.400 COP"),
    Fact("transfer_daily_limit", "$10.000.000 COP", "$15.000.000 COP"),
    Fact("new_payee_wait", "30 minutos", "2 horas"),
    Fact("wrong_transfer_claim", "7 días hábiles"),
    Fact("breb_keys", "celular, cédula o correo"),
    Fact("breb_speed", "menos de 20 segundos"),
    # PSE
    Fact("pse_limit", "$8.000.000 COP"),
    Fact("pse_pending", "45 minutos"),
    Fact("pse_refund", "3 días hábiles"),
    # Fraude
    Fact("fraud_line", "601 555 0199"),
    Fact("fraud_email", "reportefraude@bancoguadua.com.co"),
    Fact("never_asks", "nunca solicita claves ni códigos"),
    Fact("fraud_claim_response", "10 días hábiles"),
    # Créditos
    Fact("loan_rate", "desde 1,45 % mensual", "desde 1,32 % mensual"),
    Fact("loan_max_term", "72 meses", "84 meses"),
    Fact("loan_min_amount", "$1.000.000 COP"),
    Fact("loan_max_amount", "$80.000.000 COP"),
    Fact("loan_min_income", "$1.800.000 COP"),
    Fact("loan_docs", "3 últimos desprendibles de pago"),
    Fact("loan_approval", "48 horas"),
    Fact("loan_disbursement", "1 día hábil"),
    Fact("loan_prepay", "sin penalidad"),
    Fact("loan_insurance", "$980 COP por cada millón"),
    # App, clave y token
    Fact("app_password_digits", "6 dígitos"),
    Fact("forgot_path", "Olvidé mi clave"),
    Fact("app_lock_attempts", "5 intentos seguidos"),
    Fact("app_unlock_wait", "24 horas"),
    Fact("otp_validity", "60 segundos", "90 segundos"),
    Fact("token_path", "Seguridad > Token Guadua"),
    Fact("phone_change", "cédula original"),
    # Cuentas de ahorro
    Fact("savings_rate", "1,5 % E.A.", "2,1 % E.A."),
    Fact("savings_fee", "$8.500 COP"),
    Fact("opening_min", "sin monto mínimo de apertura"),
    Fact("certificate_path", "Certificados > Bancario"),
    # Cajeros
    Fact("own_atm_free", "4 retiros gratis al mes", "3 retiros gratis al mes"),
    Fact("other_atm_fee", "$7.300 COP", "$7.900 COP"),
    Fact("atm_daily_limit", "$2.700.000 COP", "$3.000.000 COP"),
    Fact("cardless_limit", "$600.000 COP"),
    Fact("cardless_validity", "vigente por 1 hora"),
    Fact("atm_claim", "4 días hábiles"),
    # Extractos
    Fact("statement_day", "5 de cada mes"),
    Fact("statement_history", "últimos 12 meses", "últimos 24 meses"),
    Fact("statement_path", "Productos > Extractos"),
    Fact("paper_statement_fee", "$4.500 COP"),
    # 4x1000 (GMF)
    Fact("gmf_rate", "$4 por cada $1.000"),
    Fact("gmf_exempt", "350 UVT"),
    Fact("gmf_one_account", "una cuenta en todo el sistema financiero"),
    Fact("gmf_mark_path", "Cuentas > Exención 4x1000"),
    # Canales
    Fact("branch_hours", "lunes a viernes de 8:00 a. m. a 4:00 p. m.", "lunes a viernes de 9:00 a. m. a 5:00 p. m."),
    Fact("saturday_hours", "sábados de 9:00 a. m. a 12:00 m."),
    Fact("line_hours", "24/7"),
    Fact("customer_line", "601 555 0100"),
    Fact("tollfree_line", "01 8000 555 010"),
    Fact("short_code", "#345"),
    Fact("whatsapp", "310 555 0123"),
    Fact("web", "www.bancoguadua.com.co"),
    Fact("pqr_response", "15 días hábiles"),
    Fact("defensor_email", "defensor@bancoguadua.com.co"),
]

COMPANY = Company(
    key="bank",
    name="Banco Guadua",
    country="CO",
    description="A fictional retail bank in Colombia: debit and credit cards, transfers and Bre-B, PSE, fraud, "
    "loans, app access, savings, ATMs, statements and the 4x1000 tax.",
    facts={f.id: f for f in _FACTS},
    pages=PAGES,
    intents=[*CARDS, *TRANSFERS, *LOANS, *APP, *ACCOUNTS, *CHANNELS],
    agent_names=["Andrés", "Laura", "Camila", "Julián", "Valentina", "Sebastián", "Daniela", "Felipe", "Natalia", "Santiago"],
    greetings_customer=[
        "Buenos días", "Buenas tardes", "Hola, buenas noches", "Buenas, ¿cómo está?", "Hola, qué más",
        "Buen día, sumercé", "Aló, buenas", "Hola, buenas tardes. Una pregunta", "Buenas, qué pena molestarlo",
    ],
    greetings_agent=[
        "¡Hola! Le damos la bienvenida a {company}, le saluda {agent}. ¿En qué le puedo colaborar?",
        "Buenos días, habla {agent} de {company}. Con gusto le ayudo.",
        "Hola, mi nombre es {agent}. ¿En qué le puedo servir hoy?",
        "Buenas tardes, bienvenido al chat de {company}. Le atiende {agent}.",
        "¡Hola! Soy {agent}, de {company}. Cuénteme, ¿qué necesita?",
    ],
    signoffs_customer=[
        "Listo, muchas gracias", "Mil gracias, muy amable", "Bueno, gracias, que esté bien", "Perfecto, quedo atento",
        "Dale, gracias sumercé", "Súper, muchas gracias por la ayuda", "Ok, gracias. Feliz día", "Listo, Dios le pague",
    ],
    signoffs_agent=[
        "Con gusto. ¡Que tenga un excelente día!", "A la orden. ¿Hay algo más en lo que le pueda colaborar?",
        "Fue un gusto atenderle. Feliz tarde.", "Con mucho gusto. Recuerde que estamos para servirle.",
        "Gracias a usted por escribirnos. Que le vaya muy bien.",
    ],
    agent_macros=[
        "Gracias por comunicarse con Banco Guadua. Por su seguridad, nunca le pediremos claves por este medio.",
        "Permítame un momento mientras verifico la información en el sistema.",
        "Le recuerdo que esta conversación queda registrada para fines de calidad.",
        "Gracias por su paciencia; ya continúo con su solicitud.",
        "Para su seguridad, necesito validar algunos datos antes de continuar.",
        "¿Me confirma, por favor, si la información es correcta?",
    ],
    signatures=[
        "--\nServicio al cliente · Banco Guadua", "--\nAtención en línea | Banco Guadua S.A.",
        "--\nEquipo de Servicio al Cliente\nBanco Guadua · Línea #345",
        "--\nCanal chat Banco Guadua · www.bancoguadua.com.co",
    ],
    offtopic=[
        ("¿Cómo está el clima por allá en Bogotá?", "Por aquí un poco frío y con lluvia, como siempre 😊. Sigamos con su solicitud."),
        ("¿Vio el partido de la Selección anoche?", "¡Qué partidazo! Pero volvamos a lo suyo para no demorarlo."),
        ("¿Eres un robot?", "No, soy un asesor del banco. Con gusto le sigo ayudando."),
        ("¿Usted es una persona de verdad o una máquina?", "Soy una persona del equipo de servicio al cliente, a la orden."),
        ("Qué calor el que está haciendo en Barranquilla", "¡Uy sí, tremendo calor! Sigamos con su consulta."),
        ("¿Me recomienda un buen restaurante en Medellín?", "No soy experto en eso, pero sí le puedo ayudar con sus productos del banco."),
        ("¿Quién cree que gana la liga este semestre?", "¡Difícil decirlo! Mejor me enfoco en ayudarle con su consulta."),
    ],
    public_contacts=[
        "#345", "601 555 0100", "01 8000 555 010", "601 555 0199", "310 555 0123", "+57 310 555 0123",
        "servicioalcliente@bancoguadua.com.co", "reportefraude@bancoguadua.com.co", "defensor@bancoguadua.com.co",
        "www.bancoguadua.com.co",
    ],
    slots={
        "ciudad": ["Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira", "Cartagena", "Manizales", "Pasto"],
        "pais": ["Estados Unidos", "España", "México", "Panamá", "Chile", "Argentina"],
        "monto": ["$45.000", "$90.000", "$150.000", "$300.000", "$850.000", "$1.200.000", "$2.500.000"],
        "banco": ["Banco Ceiba", "Banco Llanero", "Financiera Sabana", "Cooperativa Montaña", "Banco del Litoral"],
        "comercio": ["una tienda de ropa en línea", "una aerolínea", "una app de domicilios", "un servicio de streaming",
                     "un almacén de tecnología"],
    },
    channels=["chat web", "app Guadua Móvil", "WhatsApp"],
    # Customers' words the generator may swap; lines avoid articles before mixed-gender ones (la plata/el dinero).
    regional={
        "celular": ["celular", "cel", "móvil", "teléfono"],
        "plata": ["plata", "dinero", "platica"],
        "computador": ["computador", "computadora", "ordenador", "PC"],
    },
)
