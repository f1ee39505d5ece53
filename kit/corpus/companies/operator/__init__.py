"""Altavía Móvil: a fictional mobile and fibre operator in Spain (Spanish of Spain, usted from agents).

Content only: facts and voice live here, KB pages in pages.py, intents in the intents_*.py modules (plans,
billing, lines, faults, contract). kit/corpus/generate.py turns COMPANY into conversations (exported as a
helpdesk CSV), eval items and the policy update (every Fact.v2).
"""

from __future__ import annotations

from kit.corpus.companies.operator.intents_billing import INTENTS as BILLING
from kit.corpus.companies.operator.intents_contract import INTENTS as CONTRACT
from kit.corpus.companies.operator.intents_faults import INTENTS as FAULTS
from kit.corpus.companies.operator.intents_lines import INTENTS as LINES
from kit.corpus.companies.operator.intents_plans import INTENTS as PLANS
from kit.corpus.companies.operator.pages import PAGES
from kit.corpus.schema import Company, Fact

# Each value is what an answer must literally state; none is a substring of another (tests check it).
_FACTS = [
    # Contact and channels
    Fact("phone_support", "1414"),
    Fact("phone_other", "900 800 414"),
    Fact("phone_abroad", "+34 911 414 000"),
    Fact("fraud_line", "900 800 999"),
    Fact("support_hours", "de 8:00 a 22:00", v2="de 9:00 a 21:00"),
    Fact("chat_hours", "24 horas al día"),
    Fact("app_name", "Mi Altavía"),
    Fact("web", "www.altavia.es"),
    Fact("store_hours", "de 10:00 a 21:30"),
    Fact("stores_count", "más de 320 tiendas"),
    # Plans
    Fact("plan_basic_price", "9,90 €/mes", v2="10,90 €/mes"),
    Fact("plan_basic_data", "15 GB", v2="20 GB"),
    Fact("plan_plus_price", "17,95 €/mes"),
    Fact("plan_plus_data", "60 GB", v2="80 GB"),
    Fact("plan_unlimited_price", "27,50 €/mes"),
    Fact("plan_unlimited_data", "datos ilimitados"),
    Fact("plan_calls", "llamadas ilimitadas"),
    Fact("plan_change_effective", "el día 1 del mes siguiente"),
    Fact("plan_change_cost", "cambio de tarifa sin coste"),
    Fact("extra_line_price", "6,50 €/mes", v2="5,50 €/mes"),
    # Data
    Fact("data_bono", "2 GB por 3 €", v2="3 GB por 3 €"),
    Fact("speed_after_cap", "32 kbps"),
    Fact("data_check_code", "*133#"),
    Fact("data_alert", "aviso por SMS al 80 %"),
    # Billing
    Fact("invoice_issue_day", "día 3 de cada mes"),
    Fact("invoice_charge_days", "entre el día 5 y el 8"),
    Fact("invoice_where", "Facturas > Descargar"),
    Fact("invoice_dispute_window", "30 días naturales", v2="60 días naturales"),
    Fact("refund_time", "10 días hábiles", v2="7 días hábiles"),
    Fact("returned_bill_fee", "3,50 € por recibo devuelto"),
    Fact("suspension_notice", "15 días después del aviso"),
    Fact("paper_invoice_fee", "1,50 € por factura en papel"),
    # Roaming
    Fact("roaming_eu", "sin coste extra en la UE y el EEE"),
    Fact("roaming_fair_use", "32 GB de uso razonable", v2="38 GB de uso razonable"),
    Fact("roaming_zone2_pass", "5,95 €/día", v2="6,95 €/día"),
    Fact("roaming_zone3_pass", "12,50 €/día"),
    Fact("roaming_cap", "límite de 50 € en datos"),
    Fact("roaming_activate", "*147#"),
    Fact("roaming_call_rate", "1,20 €/min"),
    # Portability
    Fact("port_time", "1 día hábil"),
    Fact("port_window", "de 2:00 a 6:00"),
    Fact("port_cancel_deadline", "hasta las 14:00 del día anterior"),
    Fact("port_requirements", "DNI o NIE del titular"),
    # Coverage
    Fact("coverage_map", "altavia.es/cobertura"),
    Fact("coverage_5g", "5G en 2.300 municipios", v2="5G en 2.750 municipios"),
    Fact("coverage_4g", "99,2 % de la población"),
    Fact("coverage_incident_response", "respuesta en 48 horas"),
    # SIM and eSIM
    Fact("sim_duplicate_price", "6 € por duplicado", v2="sin coste para el cliente"),
    Fact("sim_shipping", "envío en 48-72 horas"),
    Fact("esim_activation_time", "unos 15 minutos"),
    Fact("esim_steps", "Ajustes > Datos móviles > Añadir eSIM"),
    Fact("esim_change_price", "el cambio a eSIM es gratuito"),
    Fact("puk_sms", "SMS con PUK al 22414"),
    Fact("puk_attempts", "10 intentos"),
    Fact("pin_attempts", "3 intentos"),
    Fact("theft_docs", "copia de la denuncia"),
    Fact("premium_sms_block", "bloqueo de SMS premium"),
    # Faults
    Fact("fault_resolution", "resolución en 72 horas", v2="resolución en 48 horas"),
    Fact("fault_compensation", "a partir de 6 horas sin servicio"),
    Fact("router_restart", "30 segundos"),
    Fact("technician_visit", "2 días laborables"),
    # Contract
    Fact("permanence_months", "12 meses de permanencia"),
    Fact("permanence_penalty", "máximo de 150 €", v2="máximo de 100 €"),
    Fact("cancel_time", "2 días hábiles"),
    Fact("withdrawal_period", "14 días naturales"),
    Fact("financing", "24 meses sin intereses"),
    Fact("min_age", "mayor de 18 años"),
    Fact("owner_change_doc", "formulario de cambio de titular"),
    # Fibre + mobile
    Fact("fiber_combo_price", "45,90 €/mes", v2="47,90 €/mes"),
    Fact("fiber_speed", "600 Mb simétricos", v2="1 Gb simétrico"),
    Fact("fiber_install", "máximo de 7 días"),
    Fact("router_model", "router wifi 6"),
]

COMPANY = Company(
    key="operator",
    name="Altavía Móvil",
    country="ES",
    description="A fictional mobile and fibre operator in Spain: plans, billing, roaming, portability, "
    "coverage, SIM/eSIM, faults and contracts.",
    facts={fact.id: fact for fact in _FACTS},
    pages=PAGES,
    intents=[*PLANS, *BILLING, *LINES, *FAULTS, *CONTRACT],
    agent_names=["Marta", "Javier", "Lucía", "Sergio", "Nerea", "Álvaro", "Carmen", "Iker", "Rocío"],
    greetings_customer=[
        "Hola",
        "Hola, buenas",
        "Buenos días",
        "Buenas tardes",
        "Buenas noches",
        "Hola, ¿qué tal?",
        "Buenas",
        "Hola, a ver si me podéis ayudar",
        "Hola Altavía",
        "Muy buenas",
    ],
    greetings_agent=[
        "Hola, soy {agent}, de {company}. ¿En qué puedo ayudarle?",
        "Buenos días, le atiende {agent}. Cuénteme, ¿qué necesita?",
        "¡Hola! Le damos la bienvenida al chat de {company}. Mi nombre es {agent}, ¿en qué le ayudo?",
        "Buenas tardes, gracias por escribirnos. Le atiende {agent}.",
        "Hola, está hablando con {agent}, del equipo de atención al cliente de {company}.",
    ],
    signoffs_customer=[
        "Vale, muchas gracias",
        "Perfecto, gracias por todo",
        "Genial, muchas gracias 😊",
        "Vale, entendido. Hasta luego",
        "Gracias, un saludo",
        "Muy amable, gracias",
        "Ok, gracias, ya está",
        "Estupendo, hasta otra",
    ],
    signoffs_agent=[
        "Gracias a usted. ¡Que tenga un buen día!",
        "Ha sido un placer ayudarle. Un saludo.",
        "Si necesita algo más, aquí estamos. ¡Hasta pronto!",
        "Gracias por su paciencia. Que pase una buena tarde.",
        "Quedo a su disposición. ¡Un saludo!",
    ],
    agent_macros=[
        "Gracias por contactar con Altavía Móvil.",
        "Para ayudarle mejor, ¿me indica el número de la línea sobre la que consulta?",
        "Por seguridad, necesito verificar al titular de la línea.",
        "Un momento, por favor, que lo compruebo en el sistema.",
        "Le informamos de que esta conversación puede revisarse para mejorar la calidad del servicio.",
        "¿Hay algo más en lo que pueda ayudarle?",
        "Le paso con un compañero especialista que podrá ayudarle mejor.",
    ],
    signatures=[
        "--\nMarta · Atención al cliente Altavía Móvil",
        "--\nJavier | Altavía Móvil",
        "--\nEquipo de Atención al Cliente · Altavía Móvil",
        "--\nLucía · Soporte Altavía",
        "Un saludo,\nAtención al cliente Altavía Móvil",
    ],
    offtopic=[
        (
            "¿Qué tiempo va a hacer mañana en Madrid?",
            "No tengo información del tiempo, lo siento. ¿Le puedo ayudar con algo de su línea?",
        ),
        (
            "¿Viste el partido del Betis anoche?",
            "¡No pude verlo! Volviendo a su consulta, ¿necesita algo más?",
        ),
        (
            "¿Eres un robot?",
            "Le atiende el equipo de atención al cliente de Altavía Móvil. Si prefiere hablar por teléfono, "
            "puede llamar al 1414.",
        ),
        ("Uf, qué calor hace hoy, ¿eh?", "¡Y que lo diga! Bueno, ¿en qué más puedo ayudarle?"),
        (
            "¿Sabes si el Madrid juega el domingo?",
            "No sabría decirle, el fútbol no es lo mío 😊. ¿Seguimos con su consulta?",
        ),
        ("Perdona, estaba hablando con mi hijo", "No se preocupe, sin prisa."),
        (
            "¿Me recomiendas un restaurante en Valencia?",
            "Ahí no le puedo ayudar, lo siento. ¿Hay algo de su línea que pueda revisar?",
        ),
    ],
    public_contacts=[
        "1414",
        "900 800 414",
        "+34 911 414 000",
        "900 800 999",
        "22414",
        "www.altavia.es",
        "altavia.es/cobertura",
        "atencion@altavia.es",
        "@AltaviaAyuda",
    ],
    slots={
        "pais_ue": [
            "Francia",
            "Italia",
            "Portugal",
            "Alemania",
            "Grecia",
            "Países Bajos",
            "Irlanda",
            "Croacia",
        ],
        "pais_fuera": ["Estados Unidos", "México", "Marruecos", "Reino Unido", "Suiza", "Argentina", "Japón"],
        "ciudad": ["Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Bilbao", "Málaga", "A Coruña"],
        "operador": ["Lumina Móvil", "Vértice", "Celeste Telecom", "Nexa", "Ozono Móvil"],
        "tarifa": ["Altavía Básica", "Altavía Plus", "Altavía Infinita"],
        "mes": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "septiembre", "octubre", "noviembre"],
        "dispositivo": ["iPhone 15", "Samsung Galaxy S24", "Google Pixel 8", "Xiaomi 14", "Motorola Edge 50"],
    },
    regional={
        "móvil": ["teléfono", "celular", "movil", "cel"],
        "ordenador": ["portátil", "computadora", "pc"],
        "dinero": ["pasta", "pelas", "plata"],
        "vale": ["ok", "okey", "de acuerdo"],
        "gigas": ["GB", "megas", "datos"],
    },
)
