"""Altavía Móvil: a fictional mobile and fibre operator in Spain (Spanish of Spain, usted from agents).

Content only: facts, KB pages, intents and voice. kit/corpus/generate.py turns it into conversations
(exported as a helpdesk CSV), eval items and the policy update (every Fact.v2).
"""

from __future__ import annotations

from kit.corpus.schema import Company, Fact, Intent, KBPage


def _lines(block: str) -> tuple[str, ...]:
    """One phrasing per non-empty line of a triple-quoted block (keeps the data free of quote noise)."""
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


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

_PAGES = [
    KBPage(
        "operator-contacto",
        "Canales de atención y horarios",
        """# Canales de atención y horarios

- **Teléfono desde una línea Altavía:** {phone_support} (gratuito).
- **Teléfono desde cualquier otro número:** {phone_other} (gratuito).
- **Desde el extranjero:** {phone_abroad} (se factura como llamada en itinerancia).
- **Horario de atención telefónica:** todos los días {support_hours}.
- **Chat en la app {app_name} y en {web}:** disponible {chat_hours}; fuera del horario telefónico
  responde el asistente y deja el caso a un agente.
- **Tiendas:** {stores_count} en toda España, de lunes a sábado {store_hours}.

Para cualquier gestión sobre una línea, el agente pide el número de la línea y verifica al titular
antes de dar datos de la cuenta.
""",
    ),
    KBPage(
        "operator-tarifas",
        "Tarifas móviles",
        """# Tarifas móviles

| Tarifa | Precio | Datos | Llamadas |
|---|---|---|---|
| Altavía Básica | {plan_basic_price} | {plan_basic_data} | {plan_calls} |
| Altavía Plus | {plan_plus_price} | {plan_plus_data} | {plan_calls} |
| Altavía Infinita | {plan_unlimited_price} | {plan_unlimited_data} | {plan_calls} |

Precios con IVA incluido. Para contratar hay que ser {min_age}.

## Cambiar de tarifa
- Se hace desde la app, por teléfono o en tienda; es un {plan_change_cost}.
- La nueva tarifa se aplica {plan_change_effective}; hasta entonces sigue la actual.

## Líneas adicionales
Cada línea adicional en la misma cuenta cuesta {extra_line_price} con llamadas ilimitadas y
datos compartidos con la línea principal.
""",
    ),
    KBPage(
        "operator-datos",
        "Consumo de datos y bonos",
        """# Consumo de datos y bonos

- Consulte su consumo marcando {data_check_code} (gratuito) o en la app {app_name}.
- Enviamos un {data_alert} de los datos de su tarifa.
- Al agotar los datos la navegación sigue, pero a {speed_after_cap}, hasta el siguiente ciclo.
- Puede añadir un bono extra de {data_bono}, válido hasta fin de mes; se puede contratar varias veces.
""",
    ),
    KBPage(
        "operator-facturas",
        "Facturas y reclamaciones de facturación",
        """# Facturas y reclamaciones de facturación

## Cuándo y cómo se cobra
- La factura se emite el {invoice_issue_day} y se carga por domiciliación {invoice_charge_days}.
- Se descarga en PDF desde la app o el área de clientes, en {invoice_where}.
- La factura electrónica es gratuita; la factura en papel tiene un coste de {paper_invoice_fee}.

## Reclamar un cargo
1. El cliente tiene {invoice_dispute_window} desde la fecha de la factura para reclamar.
2. El agente pide el número de la línea, revisa el detalle de consumos y abre la reclamación.
3. Si procede, el abono se devuelve en {refund_time} en la misma cuenta bancaria.
""",
    ),
    KBPage(
        "operator-impagos",
        "Recibos devueltos e impagos",
        """# Recibos devueltos e impagos

- Si el banco devuelve el recibo, se aplica un cargo de {returned_bill_fee}.
- Avisamos por SMS y correo; si la deuda sigue pendiente, la línea se suspende
  {suspension_notice} (solo se mantienen las llamadas de emergencia al 112).
- El pago se puede hacer con tarjeta en la app o por teléfono; la línea se reactiva en el mismo día.
- El agente pide el DNI o NIE del titular antes de dar el importe de la deuda.
""",
    ),
    KBPage(
        "operator-roaming",
        "Roaming: usar el móvil en el extranjero",
        """# Roaming: usar el móvil en el extranjero

## Unión Europea (zona 1)
- Llamadas, SMS y datos de su tarifa {roaming_eu}.
- Los datos en roaming tienen una política de {roaming_fair_use} al mes; por encima se aplica
  el recargo regulado.

## Resto del mundo
- Zona 2 (Reino Unido, Suiza, Estados Unidos, Marruecos, América Latina): bono de {roaming_zone2_pass}
  con 1 GB y 60 minutos.
- Zona 3 (resto de países): bono de {roaming_zone3_pass} con 500 MB.
- Sin bono, las llamadas cuestan {roaming_call_rate}.
- Por seguridad, todas las líneas tienen un {roaming_cap} fuera de la UE; al alcanzarlo se corta la
  navegación hasta que el cliente la reactive.

## Si no funciona en el extranjero
1. Comprobar que la itinerancia de datos está activada en los ajustes del móvil.
2. Marcar {roaming_activate} para activar el roaming en la línea.
3. Si sigue sin funcionar, llamar al {phone_abroad}.
""",
    ),
    KBPage(
        "operator-portabilidad",
        "Portabilidad: traer su número a Altavía",
        """# Portabilidad: traer su número a Altavía

- Solo se necesita el {port_requirements} de la línea en el operador actual; no hay que llamar a ese operador.
- El cambio se completa en {port_time} desde que se solicita.
- El corte de servicio dura como mucho unas horas, en la ventana {port_window} de la madrugada.
  Hasta entonces la SIM antigua sigue funcionando; después hay que poner la nueva.
- La portabilidad se puede cancelar {port_cancel_deadline} al cambio.
""",
    ),
    KBPage(
        "operator-cobertura",
        "Cobertura",
        """# Cobertura

- Red 4G en el {coverage_4g} y {coverage_5g}.
- Consulte la cobertura de una dirección concreta en {coverage_map}.
- Si un cliente no tiene cobertura donde el mapa la indica, el agente abre una incidencia de red con
  la dirección y el número de la línea; el equipo técnico da {coverage_incident_response}.
""",
    ),
    KBPage(
        "operator-sim-esim",
        "SIM, eSIM, PIN y PUK",
        """# SIM, eSIM, PIN y PUK

## Duplicado de SIM
- Por pérdida o rotura: {sim_duplicate_price}. En tienda se entrega en el momento; a domicilio,
  {sim_shipping}. El agente verifica la identidad del titular con su DNI o NIE.

## eSIM
- Para móviles compatibles, {esim_change_price}.
- Se activa escaneando el código QR en {esim_steps}; la línea tarda {esim_activation_time} en funcionar.

## PIN y PUK
- Con {pin_attempts} fallidos del PIN la SIM pide el PUK.
- El PUK se consulta en la app o, desde otro móvil Altavía, enviando un {puk_sms} seguido del número bloqueado.
- Tras {puk_attempts} fallidos del PUK la SIM queda inutilizada y hay que pedir un duplicado.
""",
    ),
    KBPage(
        "operator-robo-fraude",
        "Robo, pérdida y fraude",
        """# Robo, pérdida y fraude

- Ante robo o pérdida, el cliente debe llamar cuanto antes al {fraud_line} (24 horas) para bloquear
  la línea y el IMEI. El caso **se deriva siempre a un agente del equipo de seguridad**.
- Para el duplicado de SIM tras un robo se pide la {theft_docs}.
- Cargos que el cliente no reconoce (SMS de pago, suscripciones): se activa el {premium_sms_block}
  sin coste y se pasa el caso al equipo de fraude, que revisa los cargos.
""",
    ),
    KBPage(
        "operator-averias",
        "Averías de móvil y fibra",
        """# Averías de móvil y fibra

## Móvil
- Si no puede llamar ni navegar, reinicie el móvil y compruebe el modo avión.
- Compromiso de {fault_resolution} para las averías de red abiertas.
- Se compensa en la factura la parte proporcional de la cuota {fault_compensation}.

## Fibra
1. Desenchufar el router durante {router_restart} y volver a enchufarlo.
2. Comprobar que la luz de fibra (PON) está fija.
3. Si no se resuelve, el agente abre la avería y **la pasa al equipo técnico**: visita en
   {technician_visit}.
""",
    ),
    KBPage(
        "operator-permanencia-baja",
        "Permanencia, bajas y cambios de titular",
        """# Permanencia, bajas y cambios de titular

- Las tarifas con móvil subvencionado o fibra tienen {permanence_months}; si se da de baja antes,
  la penalización es proporcional a los meses que faltan, con un {permanence_penalty}.
- Los móviles se pueden pagar a plazos en {financing}.
- La baja se pide por teléfono y se tramita en {cancel_time}; el agente verifica al titular con su DNI.
- Contrataciones online o por teléfono: derecho de desistimiento de {withdrawal_period}.
- Para cambiar el titular de una línea, ambos firman el {owner_change_doc} en tienda o en la app.
""",
    ),
    KBPage(
        "operator-fibra-movil",
        "Fibra + móvil",
        """# Fibra + móvil

- Paquete de fibra de {fiber_speed} con una línea Altavía Plus por {fiber_combo_price}.
- Incluye {router_model} en cesión.
- Instalación en un {fiber_install} desde la firma; el técnico llama antes para concertar la cita.
""",
    ),
]

_INTENTS = [
    Intent(
        id="plan_prices",
        topic="tarifas",
        kb_ids=("operator-tarifas",),
        questions=_lines("""
            ¿Qué tarifas tenéis?
            Hola, quería saber los precios de vuestras tarifas de móvil
            ¿Cuánto cuestan las tarifas de Altavía?
            Estoy pensando en cambiarme desde {operador}, ¿qué precios tenéis para móvil?
            precio tarifas movil porfa
            Buenas, ¿me podéis decir cuánto vale cada tarifa al mes?
            ¿Cuál es la tarifa más barata que tenéis y cuánto cuesta la más cara?
            Quisiera información sobre las tarifas disponibles y sus precios, por favor.
            ¿Qué precio tiene la {tarifa}?
            Me interesa contratar una línea, ¿qué opciones de tarifa hay?
            k tarifas teneis y a q precio
            ¿Las tarifas llevan el IVA incluido? ¿Cuánto sale cada una?
        """),
        eval_questions=_lines("""
            Necesito comparar lo que pago ahora con lo vuestro: ¿cuánto sale al mes cada plan?
            ¿Me hace un resumen de precios de los planes móviles, por favor?
            Si quiero una línea nueva con ustedes, ¿de qué cuota mensual hablamos?
            ¿Cuál es la cuota mensual de la Básica, la Plus y la Infinita?
            Mi hija necesita un móvil de contrato, ¿qué planes ofrecéis y a qué importe?
            ¿Cuál es la opción más económica para tener línea con vosotros y cuánto cuesta la de gigas sin límite?
            Vengo de la competencia y busco algo asequible, ¿qué cuotas manejáis?
            Dígame por favor los importes mensuales de sus tarifas de contrato.
            ¿Cuánto tendría que pagar cada mes según la tarifa que elija?
            Antes de portar mi número quiero ver la lista de precios de contrato.
        """),
        answers=(
            "Tenemos tres tarifas, todas con IVA incluido: Altavía Básica por {plan_basic_price}, "
            "Altavía Plus por {plan_plus_price} y Altavía Infinita por {plan_unlimited_price}.",
            "Le resumo: la Básica cuesta {plan_basic_price}, la Plus {plan_plus_price} y la Infinita, "
            "con {plan_unlimited_data}, {plan_unlimited_price}. ¿Le interesa alguna en concreto?",
        ),
        required_facts=("plan_basic_price", "plan_plus_price", "plan_unlimited_price"),
        reference="Altavía tiene tres tarifas móviles con IVA incluido: Básica a {plan_basic_price}, "
        "Plus a {plan_plus_price} e Infinita a {plan_unlimited_price}.",
        followups=(
            ("¿Y las llamadas están incluidas?", "Sí, todas las tarifas incluyen {plan_calls}."),
            ("¿Hay que ser mayor de edad para contratar?", "Sí, para contratar hay que ser {min_age}."),
        ),
    ),
    Intent(
        id="plan_data",
        topic="tarifas",
        kb_ids=("operator-tarifas",),
        questions=_lines("""
            ¿Cuántos gigas trae cada tarifa?
            ¿Cuántos GB incluye la {tarifa}?
            Hola, ¿cuántos datos tiene la tarifa básica y cuántos la Plus?
            Quiero saber los datos móviles que incluye cada tarifa
            ¿La Infinita es de verdad sin límite de datos?
            cuantas gigas tiene la tarifa plus??
            Uso mucho internet en el móvil, ¿qué tarifa me da más gigas?
            Buenas tardes, ¿podría indicarme cuántos datos incluye cada una de sus tarifas?
            ¿Con la básica tengo bastantes gigas para ver series?
            Estoy con la {tarifa} y no sé cuántos datos me corresponden al mes
            ¿Qué diferencia hay en datos entre vuestras tarifas?
        """),
        eval_questions=_lines("""
            Veo mucho YouTube en el autobús; ¿qué volumen de navegación trae cada plan?
            ¿Cuál es el tope mensual de internet móvil en la Básica y en la Plus?
            Me gustaría conocer la capacidad de navegación de los tres planes.
            ¿Es cierto que con la Infinita no se acaban nunca los datos? ¿Y las otras cuánto traen?
            Para teletrabajar compartiendo conexión con el portátil, ¿cuánta navegación me dais?
            Explíqueme qué cantidad de datos lleva cada modalidad, por favor.
            Quiero elegir plan según la navegación mensual, ¿qué me ofrecéis?
            Antes de decidirme, ¿cuántas gigas mensuales vienen en cada opción?
            ¿Qué plan me conviene si gasto unos cuarenta gigas al mes?
            ¿Me confirma el volumen de datos incluido en cada una de sus tarifas de contrato?
        """),
        answers=(
            "La Básica incluye {plan_basic_data}, la Plus {plan_plus_data} y la Infinita {plan_unlimited_data}.",
            "En datos: Altavía Básica, {plan_basic_data}; Altavía Plus, {plan_plus_data}; y Altavía Infinita, "
            "{plan_unlimited_data}. Si se queda corto, puede cambiar de tarifa cuando quiera.",
        ),
        required_facts=("plan_basic_data", "plan_plus_data", "plan_unlimited_data"),
        reference="Altavía Básica incluye {plan_basic_data} al mes, Altavía Plus {plan_plus_data} "
        "y Altavía Infinita {plan_unlimited_data}.",
        followups=(
            (
                "¿Y si me quedo sin datos antes de fin de mes?",
                "Sigue navegando a {speed_after_cap}, o puede añadir un bono de {data_bono}.",
            ),
        ),
    ),
    Intent(
        id="plan_change",
        topic="tarifas",
        kb_ids=("operator-tarifas",),
        questions=_lines("""
            Quiero cambiar de tarifa
            ¿Cómo me paso a la {tarifa}?
            Hola, quería subir de tarifa porque me quedo corto de datos
            ¿Puedo bajar a una tarifa más barata?
            ¿Cuánto cuesta cambiar de tarifa y cuándo se aplica el cambio?
            Me gustaría cambiarme de la Básica a la Plus, ¿tiene algún coste?
            Si cambio hoy de tarifa, ¿desde cuándo tengo la nueva?
            quiero cambiar mi tarifa a una con mas gigas
            Buenos días, ¿me pueden cambiar la tarifa de mi línea?
            ¿Me cobráis algo por cambiar de tarifa a mitad de mes?
            Estoy pagando demasiado, quiero pasarme a otra tarifa
        """),
        eval_questions=_lines("""
            Quisiera modificar el plan que tengo contratado, ¿qué pasos hay y desde qué fecha vale?
            Si hoy pido pasar de la Plus a la Infinita, ¿cuándo lo noto y cuánto me cuesta el trámite?
            ¿Tiene penalización subir de plan en mitad del ciclo de facturación?
            Me sobran gigas y quiero algo más económico, ¿puedo rebajar el plan?
            ¿A partir de qué fecha se activa la tarifa nueva cuando la solicito?
            Me han recomendado la Infinita; ¿hacer el cambio me supone algún gasto?
            Quiero ajustar mi contrato a lo que realmente consumo, ¿cómo lo hago?
            ¿Existe algún cargo por modificar la modalidad de mi línea?
            Pedí ayer otra tarifa y sigo con la misma, ¿es normal?
            ¿Cuándo entra en vigor un cambio de plan que pida esta semana?
        """),
        answers=(
            "Sin problema. Es un {plan_change_cost} y la nueva tarifa se aplica {plan_change_effective}; "
            "hasta entonces mantiene la actual.",
            "Le confirmo la solicitud: es un {plan_change_cost}. El cambio será efectivo {plan_change_effective}.",
        ),
        required_facts=("plan_change_cost", "plan_change_effective"),
        reference="Es un {plan_change_cost}; la nueva tarifa se aplica {plan_change_effective}.",
        asks_for="phone",
    ),
    Intent(
        id="extra_line",
        topic="tarifas",
        kb_ids=("operator-tarifas",),
        questions=_lines("""
            ¿Cuánto cuesta añadir otra línea?
            Quiero una línea para mi hijo en mi misma cuenta, ¿cuánto sería?
            ¿Tenéis precio especial para una segunda línea?
            hola cuanto vale una linea adicional
            ¿Puedo añadir una línea para mi pareja? ¿Qué cuesta al mes?
            Buenas, ¿cuánto me costaría sumar dos líneas más a mi contrato?
            ¿Las líneas adicionales comparten los datos de la principal?
            Me gustaría contratar una línea extra para mi madre, ¿qué precio tiene?
            ¿Qué sale más barato, otra tarifa o una línea adicional?
            ¿Cuánto pago por una línea adicional si ya tengo la {tarifa}?
        """),
        eval_questions=_lines("""
            Somos cuatro en casa y quiero meterlos a todos en mi cuenta, ¿cuánto cuesta cada número extra?
            ¿Qué cuota tiene un segundo número asociado a mi contrato?
            Mi abuela necesita teléfono; ¿cuánto me sumaría a la factura colgarla de mi cuenta?
            ¿Hacéis algún descuento por tener varias líneas con vosotros?
            Quiero dar de alta un número más para el móvil del trabajo de mi mujer, ¿precio mensual?
            ¿Cuál es el importe de las líneas secundarias?
            Dígame cuánto se paga por cada línea que se añade a la principal.
            Si amplío mi contrato con otra SIM para la tablet, ¿cuánto más pagaría?
            ¿Me saldría a cuenta añadir un número para mi hijo adolescente?
            Precio de una línea vinculada a la mía, por favor.
        """),
        answers=(
            "Cada línea adicional cuesta {extra_line_price}, con llamadas ilimitadas y los datos compartidos "
            "con su línea principal.",
            "Puede añadir las líneas que quiera por {extra_line_price} cada una. ¿Quiere que le dé de alta "
            "una ahora?",
        ),
        required_facts=("extra_line_price",),
        reference="Cada línea adicional en la misma cuenta cuesta {extra_line_price} y comparte los datos "
        "de la línea principal.",
        asks_for="dni",
    ),
    Intent(
        id="data_exhausted",
        topic="datos",
        kb_ids=("operator-datos",),
        questions=_lines("""
            Me he quedado sin datos, ¿qué hago?
            Se me han acabado los gigas y va lentísimo
            ¿Cómo contrato un bono de datos extra?
            hola, no me quedan datos y faltan diez días para que se renueven
            ¿Tenéis bonos de gigas adicionales? ¿Cuánto cuestan?
            Internet me va fatal desde ayer, creo que he gastado los datos
            ¿A qué velocidad navego cuando se me acaban los datos?
            Estoy de viaje por {ciudad} sin datos, necesito más gigas ya
            ¿Puedo comprar más datos para lo que queda de mes?
            me e quedado sin gigas ayuda
            Buenas, ¿qué opciones tengo si agoto los datos antes de fin de mes?
        """),
        eval_questions=_lines("""
            He consumido toda la navegación del mes y las páginas no cargan, ¿alguna solución?
            ¿Qué ocurre cuando llego al límite de mi tarifa: me cortáis internet o me cobráis?
            Necesito unos gigas más solo para este mes, ¿qué me ofrecen?
            Las aplicaciones apenas cargan y en el consumo pone que estoy a cero, ¿qué puedo hacer?
            Si supero los datos contratados, ¿la conexión se queda muy reducida?
            ¿Qué precio tiene ampliar la navegación puntualmente?
            Voy a tener que hacer videollamadas y ya no me quedan megas, ¿cómo amplío?
            ¿Existe alguna recarga de internet para cuando se terminan los gigas?
            El WhatsApp ni envía fotos porque agoté la tarifa, ¿me ayudáis?
            ¿Cuánto cuesta un paquete de datos adicional y cuánto dura?
        """),
        answers=(
            "Al agotar los datos sigue navegando a {speed_after_cap}. Si necesita más, puede añadir un bono "
            "de {data_bono}, válido hasta fin de mes, desde la app o aquí mismo.",
            "Le explico: sin datos la velocidad baja a {speed_after_cap}. Le puedo activar ahora un bono de "
            "{data_bono}; ¿se lo activo?",
        ),
        required_facts=("data_bono", "speed_after_cap"),
        reference="Al agotar los datos se navega a {speed_after_cap}; se puede añadir un bono de "
        "{data_bono} válido hasta fin de mes.",
        asks_for="phone",
    ),
    Intent(
        id="data_usage",
        topic="datos",
        kb_ids=("operator-datos",),
        questions=_lines("""
            ¿Cómo puedo ver cuántos datos me quedan?
            ¿Cómo consulto mi consumo?
            quiero saber cuantos gigas llevo gastados este mes
            ¿Hay algún código para mirar el consumo de datos?
            ¿Me avisáis cuando estoy a punto de gastar los datos?
            Hola, ¿dónde veo lo que llevo consumido de la tarifa?
            No sé si me voy a pasar de gigas este mes, ¿cómo lo compruebo?
            ¿Puedo consultar los datos que me quedan sin entrar en la app?
            Buenas, ¿me podéis decir cómo controlar el consumo de mi línea?
            ¿Recibo algún aviso antes de quedarme sin datos?
        """),
        eval_questions=_lines("""
            Quiero vigilar lo que gasto de internet para no llevarme sustos, ¿qué herramientas hay?
            ¿Existe un número corto que me diga el saldo de gigas?
            No tengo la aplicación instalada; ¿de qué otra forma puedo saber cuánto he navegado?
            ¿Me mandáis algún mensaje cuando voy llegando al tope de la tarifa?
            Mi hijo gasta los datos en dos semanas, ¿cómo puedo controlar su línea?
            ¿Cómo sé cuánto internet me queda disponible hoy?
            Explíqueme cómo revisar el consumo acumulado de este ciclo.
            ¿Hay algún aviso automático de consumo o tengo que estar pendiente yo?
            Dónde se mira el gasto de megas, que no lo encuentro.
            ¿Qué marco en el teléfono para ver los datos restantes?
        """),
        answers=(
            "Puede consultarlo marcando {data_check_code}, que es gratuito, o en la app. Además le enviamos "
            "un {data_alert} de los datos de su tarifa.",
            "Marque {data_check_code} y le llegará un SMS con lo que le queda. No se preocupe: también "
            "recibirá un {data_alert}.",
        ),
        required_facts=("data_check_code", "data_alert"),
        reference="El consumo se consulta marcando {data_check_code} o en la app, y se envía un {data_alert}.",
    ),
    Intent(
        id="invoice_download",
        topic="facturas",
        kb_ids=("operator-facturas",),
        questions=_lines("""
            ¿Dónde puedo descargar mi factura?
            Necesito la factura del mes de {mes} en PDF
            ¿Cuándo sale la factura cada mes?
            hola no encuentro las facturas en la app
            ¿Me podéis enviar una copia de la última factura?
            Necesito las facturas de los últimos meses para la empresa, ¿dónde las saco?
            ¿Qué día se emite la factura?
            Buenas, ¿cómo me descargo la factura desde el ordenador?
            ¿En qué parte de la app están las facturas?
            Todavía no me ha llegado la factura de este mes, ¿cuándo la emitís?
            quiero la factura para la declaración, donde esta
        """),
        eval_questions=_lines("""
            Mi gestor me pide los recibos del teléfono en PDF, ¿de dónde los obtengo?
            ¿En qué fecha del mes generáis el recibo?
            No localizo el apartado para bajarme los documentos de cobro, ¿me orienta?
            ¿Cómo obtengo una copia de las facturas antiguas?
            Para justificar gastos necesito los documentos mensuales, ¿cómo accedo a ellos?
            ¿Qué día puedo ver ya disponible el importe del mes?
            He cambiado de móvil y no sé dónde quedan guardadas las facturas en la aplicación.
            Me gustaría bajarme el recibo de marzo; ¿por dónde entro?
            ¿Cuándo estará lista la factura del mes en curso y dónde la consulto?
            Indíqueme la ruta en el área de clientes para ver las facturas emitidas.
        """),
        answers=(
            "La factura se emite el {invoice_issue_day}. Puede descargarla en PDF desde la app o el área de "
            "clientes, en {invoice_where}.",
            "Las tiene todas en {invoice_where}, en la app o en la web. La de cada mes está disponible desde "
            "el {invoice_issue_day}.",
        ),
        required_facts=("invoice_where", "invoice_issue_day"),
        reference="La factura se emite el {invoice_issue_day} y se descarga en {invoice_where}, en la app "
        "o el área de clientes.",
        followups=(
            (
                "¿Me la podéis mandar en papel?",
                "Sí, aunque tiene un coste de {paper_invoice_fee}; la factura electrónica es gratuita.",
            ),
            ("¿Y cuándo me la cobráis?", "Se carga por domiciliación {invoice_charge_days}."),
        ),
    ),
    Intent(
        id="invoice_dispute",
        topic="facturas",
        kb_ids=("operator-facturas",),
        questions=_lines("""
            Me habéis cobrado de más en la factura
            Quiero reclamar un cargo que no entiendo
            En la factura de {mes} aparece un consumo que no he hecho
            ¿Cuánto tiempo tengo para reclamar una factura?
            la factura de este mes viene muy alta, que ha pasado??
            Hola, me han cobrado dos veces la misma cuota
            ¿Cuándo me devolvéis el dinero si la reclamación sale bien?
            Me cobran una llamada a un número que no conozco, quiero reclamar
            Buenas tardes, deseo presentar una reclamación por un importe incorrecto
            ¿Puedo reclamar una factura de hace dos meses?
            Me habéis cobrado la tarifa antigua después de cambiarla
        """),
        eval_questions=_lines("""
            Revisando el extracto del banco veo un importe vuestro que no cuadra, ¿qué hago?
            ¿De qué plazo dispongo para disputar un recibo?
            El recibo duplica lo que pago normalmente y no he hecho nada raro.
            Si me dais la razón en la queja, ¿en cuánto tiempo veo el abono en mi cuenta?
            Aparece un servicio facturado que nunca he contratado y quiero que me lo quiten.
            ¿Hasta cuándo se puede recurrir un cobro indebido?
            Creo que hay un error en el importe del último mes, ¿me lo revisan?
            Llevo tres meses pagando un extra que no sé de dónde sale.
            ¿Cuánto tarda en llegar la devolución de un importe mal cobrado?
            Quiero abrir una incidencia de facturación porque el total no es correcto.
        """),
        answers=(
            "Lo revisamos. Tiene {invoice_dispute_window} desde la fecha de la factura para reclamar; abro la "
            "reclamación y, si procede, el abono le llega en {refund_time}.",
            "Siento la molestia. Dispone de {invoice_dispute_window} para reclamar y la devolución se hace en "
            "{refund_time} en su misma cuenta. ¿Me indica qué cargo no reconoce?",
        ),
        required_facts=("invoice_dispute_window", "refund_time"),
        reference="Se puede reclamar en {invoice_dispute_window} desde la fecha de la factura; si procede, "
        "el abono se devuelve en {refund_time}.",
        asks_for="phone",
    ),
    Intent(
        id="unpaid_bill",
        topic="facturas",
        kb_ids=("operator-impagos",),
        questions=_lines("""
            Me han devuelto el recibo, ¿qué tengo que hacer?
            No pude pagar la factura, ¿me vais a cortar la línea?
            ¿Cuánto me cobráis por un recibo devuelto?
            tengo una factura pendiente y me ha llegado un sms
            Hola, el banco rechazó el cobro de este mes, ¿cómo lo pago?
            ¿Cuándo suspendéis la línea si no pago?
            Me habéis cortado el móvil por una deuda, quiero pagarla
            Tuve un problema con la cuenta y no se cobró la factura, ¿qué pasa ahora?
            ¿Me cobráis algún recargo si el recibo sale devuelto?
            Buenos días, quiero saber cuánto debo y cómo lo pago
        """),
        eval_questions=_lines("""
            Cambié de banco y se me olvidó actualizar la domiciliación; ¿tendré algún gasto?
            ¿En cuánto tiempo me quedo sin servicio por no abonar una factura?
            Recibí un aviso de deuda pendiente, ¿qué consecuencias tiene?
            ¿Qué comisión aplicáis cuando un cargo no se puede cobrar?
            Me he retrasado con el pago este mes, ¿hay penalización?
            ¿Cuánto margen me dais antes de cortarme el teléfono por un impago?
            La cuenta no tenía saldo cuando pasasteis el recibo, ¿qué hago ahora?
            Me preocupa que me suspendan el número por una factura sin pagar.
            ¿Qué pasa si el recibo rebota?
            ¿Qué me cuesta que el banco os devuelva un cargo?
        """),
        answers=(
            "Por un recibo devuelto se aplica un cargo de {returned_bill_fee}. Puede pagarlo con tarjeta en la "
            "app o por teléfono; si la deuda sigue pendiente, la línea se suspende {suspension_notice}.",
            "Le explico: hay un cargo de {returned_bill_fee} y, si no se paga, la suspensión llega "
            "{suspension_notice}. Si quiere, lo pagamos ahora con tarjeta y la línea queda al día.",
        ),
        required_facts=("returned_bill_fee", "suspension_notice"),
        reference="Se cobra {returned_bill_fee}; si la deuda sigue pendiente, la línea se suspende "
        "{suspension_notice}.",
        asks_for="dni",
    ),
    Intent(
        id="roaming_eu",
        topic="roaming",
        kb_ids=("operator-roaming",),
        questions=_lines("""
            Me voy a {pais_ue} la semana que viene, ¿me cobráis el roaming?
            ¿El roaming en Europa está incluido?
            Estoy en {pais_ue} y quiero saber si puedo usar los datos sin pagar más
            ¿Puedo llamar desde {pais_ue} a España sin coste?
            hola me voy de erasmus a {pais_ue}, como funciona el movil alli
            ¿Cuántos gigas puedo gastar en roaming dentro de la UE?
            Viajo por trabajo a {pais_ue} y necesito datos, ¿tengo que activar algo o pagar?
            ¿Los datos de mi tarifa valen también en {pais_ue}?
            Buenas, ¿qué pasa con el roaming en la Unión Europea?
            ¿Hay límite de datos en roaming en Europa?
            voy a {pais_ue} de vacaciones, me va a salir caro el movil?
        """),
        eval_questions=_lines("""
            El mes que viene paso una temporada en Lisboa, ¿podré navegar como aquí?
            ¿Es gratis usar el teléfono en los países europeos o hay letra pequeña?
            Ahora mismo estoy en Roma y me da miedo conectarme, ¿me va a costar algo?
            ¿Cuánto internet puedo gastar fuera de España pero dentro de Europa?
            Me mudo tres meses a Berlín por trabajo, ¿tengo que contratar algo para usar la línea?
            Para un viaje a París, ¿hace falta alguna tarifa especial?
            ¿Las llamadas hechas desde Ámsterdam me las cobráis aparte?
            ¿Qué condiciones tiene la itinerancia comunitaria con vosotros?
            Tengo la Infinita y voy a Grecia: ¿allí también tengo gigas sin límite?
            ¿Me sale igual de caro llamar desde Dublín que desde casa?
        """),
        answers=(
            "Puede usar su tarifa {roaming_eu}: llamadas, SMS y datos como en España. Para los datos hay una "
            "política de {roaming_fair_use} al mes.",
            "Buenas noticias: llamadas, SMS y datos de su tarifa funcionan {roaming_eu}. Solo tenga en cuenta "
            "el límite de {roaming_fair_use} al mes.",
        ),
        required_facts=("roaming_eu", "roaming_fair_use"),
        reference="La tarifa se usa {roaming_eu}, con una política de {roaming_fair_use} al mes en datos.",
        followups=(
            (
                "¿Y si me paso de esos gigas?",
                "Por encima de ese límite se aplica el recargo regulado europeo; le avisamos por SMS antes.",
            ),
        ),
    ),
    Intent(
        id="roaming_world",
        topic="roaming",
        kb_ids=("operator-roaming",),
        questions=_lines("""
            Me voy a {pais_fuera}, ¿cuánto me cuesta usar el móvil allí?
            ¿Tenéis bonos de roaming para fuera de Europa?
            Estoy en {pais_fuera} y quiero activar datos, ¿qué precio tiene?
            hola cuanto cuesta el roaming en {pais_fuera}
            Viajo a {pais_fuera} en verano, ¿qué me recomendáis para tener internet?
            ¿El roaming fuera de la UE tiene algún límite de gasto?
            Buenas, ¿qué tarifas hay para usar el móvil en {pais_fuera}?
            Me da miedo volver de {pais_fuera} con una factura enorme, ¿hay algún tope?
            ¿Cuánto vale el bono diario de roaming fuera de Europa?
            estoy en {pais_fuera} ayuda, quiero datos pero sin arruinarme
        """),
        eval_questions=_lines("""
            Salgo hacia Nueva York el lunes; ¿qué opciones hay para tener gigas allí?
            ¿Qué precio por día tiene navegar en Marruecos o en Japón?
            Voy de luna de miel a Tailandia y quiero estar conectada, ¿qué me cuesta?
            ¿Hay algún mecanismo para que no me cobréis una barbaridad si uso datos fuera de la Unión?
            Trabajo unos días en Suiza, ¿cómo funciona allí la tarifa?
            Para un viaje por México y Colombia, ¿cuánto pagaría al día por tener datos?
            ¿Qué me cuesta conectarme a internet en Londres ahora que el Reino Unido no está en la UE?
            Me han dicho que en Estados Unidos la itinerancia es carísima, ¿es así con vosotros?
            ¿Cuánto cuesta el paquete diario para países de fuera de la zona europea?
            Me voy a recorrer Asia, ¿qué opción de itinerancia me conviene?
        """),
        answers=(
            "Fuera de la UE tiene dos bonos diarios: zona 2 (Reino Unido, Suiza, Estados Unidos, Marruecos y "
            "América Latina) a {roaming_zone2_pass} y zona 3 (resto de países) a {roaming_zone3_pass}. "
            "Además, todas las líneas tienen un {roaming_cap} para evitar sustos.",
            "El bono diario cuesta {roaming_zone2_pass} en zona 2 y {roaming_zone3_pass} en zona 3. Por "
            "seguridad hay un {roaming_cap}; al alcanzarlo se corta la navegación hasta que usted la reactive.",
        ),
        required_facts=("roaming_zone2_pass", "roaming_zone3_pass", "roaming_cap"),
        reference="Fuera de la UE hay bonos diarios de {roaming_zone2_pass} (zona 2) y {roaming_zone3_pass} "
        "(zona 3), y todas las líneas tienen un {roaming_cap}.",
        followups=(
            (
                "¿Y cuánto cuestan las llamadas sin bono?",
                "Sin bono, las llamadas cuestan {roaming_call_rate}.",
            ),
        ),
    ),
    Intent(
        id="roaming_not_working",
        topic="roaming",
        kb_ids=("operator-roaming",),
        questions=_lines("""
            Estoy en {pais_ue} y no tengo datos
            He llegado a {pais_fuera} y el móvil no se conecta a ninguna red
            No me funciona el roaming
            hola estoy en el extranjero y no puedo llamar
            ¿Cómo activo el roaming?
            Acabo de aterrizar en {pais_ue} y pone sin servicio, ¿qué hago?
            El móvil tiene cobertura en {pais_ue} pero internet no va
            ¿Qué número llamo si tengo un problema estando fuera de España?
            me fui de viaje y no me va internet, la itinerancia esta activada
            Buenas, ¿el roaming viene activado o lo tengo que activar yo?
        """),
        eval_questions=_lines("""
            Estoy en un hotel en Oporto y solo puedo usar el wifi, la línea no navega.
            Desde que crucé la frontera no recibo llamadas ni mensajes.
            ¿Hay que hacer algo en la línea antes de salir del país para que funcione fuera?
            Ahora mismo estoy en Marrakech y la conexión de datos no arranca.
            ¿Qué teléfono de atención tengo que marcar desde fuera de España?
            En el aeropuerto de Milán el móvil dice "solo emergencias", ¿cómo lo soluciono?
            ¿Cómo se habilita la itinerancia en mi número?
            He reiniciado el teléfono varias veces en Bruselas y sigue sin datos.
            Mi hijo está de intercambio en Irlanda y su móvil no conecta, ¿qué puede probar?
            Viajo mañana; ¿tengo que activar algo para usar el teléfono en el extranjero?
        """),
        answers=(
            "Compruebe que la itinerancia de datos está activada en los ajustes del móvil y marque "
            "{roaming_activate} para activar el roaming en su línea. Si sigue sin funcionar, llámenos al "
            "{phone_abroad}.",
            "Vamos a revisarlo. Primero marque {roaming_activate}; en unos minutos debería conectarse. Si no, "
            "desde fuera de España nos puede llamar al {phone_abroad}.",
        ),
        required_facts=("roaming_activate", "phone_abroad"),
        reference="Hay que activar la itinerancia de datos en el móvil y marcar {roaming_activate}; si sigue "
        "sin funcionar, llamar al {phone_abroad}.",
        asks_for="phone",
    ),
    Intent(
        id="port_in",
        topic="portabilidad",
        kb_ids=("operator-portabilidad",),
        questions=_lines("""
            Quiero pasarme a Altavía desde {operador} conservando mi número
            ¿Cómo hago la portabilidad?
            ¿Cuánto tarda la portabilidad?
            hola quiero traerme mi numero a vosotros
            ¿Qué necesito para portar mi número?
            Estoy en {operador} y quiero cambiarme, ¿tengo que llamarles para darme de baja?
            Buenas, ¿qué documentación hace falta para la portabilidad?
            Me quiero cambiar de compañía pero no quiero perder mi número, ¿se puede?
            ¿Cuántos días se tarda en hacer el cambio de operador?
            quiero hacer portabilidad, q papeles necesito
            ¿La portabilidad es rápida? Necesito el móvil para trabajar
        """),
        eval_questions=_lines("""
            Llevo años con el mismo número y quiero moverlo a vuestra compañía, ¿cómo va el proceso?
            ¿Qué me pedís para traspasar mi línea desde otra empresa?
            ¿Cuánto tiempo pasa desde que lo solicito hasta que el número está con ustedes?
            ¿Tengo que avisar a mi compañía actual antes de irme con vosotros?
            Me interesa cambiar de operador manteniendo el teléfono de siempre.
            ¿Es complicado mover un número de prepago de otra compañía a Altavía?
            ¿Qué documento tiene que presentar el titular para cambiarse a vosotros?
            Si firmo hoy con ustedes, ¿cuándo estaría operativa la línea con mi número?
            Quiero irme de mi compañía actual; ¿qué gestiones hago yo y cuáles hacéis vosotros?
            ¿Se puede traer el número de la empresa anterior sin estar días incomunicado?
        """),
        answers=(
            "Para la portabilidad solo necesitamos el {port_requirements} de la línea en su operador actual; "
            "no tiene que llamarles, nosotros lo gestionamos todo. El cambio se completa en {port_time}.",
            "Es muy sencillo: con el {port_requirements} lo solicitamos hoy y en {port_time} su número estará "
            "con nosotros.",
        ),
        required_facts=("port_requirements", "port_time"),
        reference="Solo se necesita el {port_requirements} y la portabilidad se completa en {port_time}, sin "
        "llamar al operador actual.",
        asks_for="dni",
    ),
]

_INTENTS += [
    Intent(
        id="port_timing",
        topic="portabilidad",
        kb_ids=("operator-portabilidad",),
        questions=_lines("""
            ¿A qué hora se hace el cambio de la portabilidad?
            ¿Me voy a quedar sin línea durante la portabilidad?
            Quiero cancelar la portabilidad, ¿todavía estoy a tiempo?
            ¿Cuándo tengo que poner la SIM nueva?
            hola mañana es mi portabilidad, cuando cambio la tarjeta?
            Me he arrepentido de la portabilidad, ¿se puede parar?
            ¿Cuánto tiempo estaré sin servicio con el cambio de operador?
            Buenas, tengo la SIM de Altavía pero sigo con {operador}, ¿cuándo la meto?
            ¿Hasta cuándo puedo anular la portabilidad?
            ¿El corte de la portabilidad es de día o de noche?
        """),
        eval_questions=_lines("""
            Ya me ha llegado la tarjeta nueva; ¿en qué momento exacto dejo de tener la antigua?
            ¿Puedo echarme atrás con el cambio de compañía que pedí ayer?
            Tengo que estar localizable por trabajo, ¿cuándo se produce el corte?
            Si cambio de idea sobre el traspaso de mi número, ¿qué plazo tengo para deshacerlo?
            ¿Durante cuántas horas no tendré servicio cuando se haga el traspaso?
            Me he pensado mejor lo de irme con ustedes, ¿cómo lo detengo?
            ¿De madrugada se queda el teléfono sin línea al cambiar de operador?
            Mi padre está ingresado y no puede quedarse incomunicado, ¿cuándo es el corte exactamente?
            ¿Hay algún límite de tiempo para anular una solicitud de traspaso de número?
            ¿Cuándo empiezo a usar la tarjeta de Altavía en lugar de la de mi compañía anterior?
        """),
        answers=(
            "El cambio se hace en la ventana {port_window} de la madrugada; hasta entonces su SIM antigua "
            "funciona y después debe poner la nueva. Si quiere cancelarla, puede hacerlo {port_cancel_deadline}.",
            "El corte, si lo hay, dura solo unas horas, {port_window}. Y para cancelar la portabilidad tiene "
            "margen {port_cancel_deadline} al cambio.",
        ),
        required_facts=("port_window", "port_cancel_deadline"),
        reference="El cambio se hace {port_window} de la madrugada y la portabilidad se puede cancelar "
        "{port_cancel_deadline}.",
    ),
    Intent(
        id="coverage_check",
        topic="cobertura",
        kb_ids=("operator-cobertura",),
        questions=_lines("""
            ¿Tenéis cobertura en {ciudad}?
            ¿Cómo puedo ver la cobertura en mi zona?
            ¿Hay 5G en mi pueblo?
            hola tienen buena cobertura en {ciudad}?
            Antes de cambiarme quiero saber si hay cobertura en mi casa
            ¿Dónde está el mapa de cobertura?
            ¿En cuántos sitios tenéis 5G?
            Me mudo a {ciudad}, ¿llega bien vuestra red?
            Buenas, ¿qué tal es vuestra cobertura 5G?
            kiero saber si hay 5g en mi calle
        """),
        eval_questions=_lines("""
            Vivo en una aldea de Lugo y con mi compañía actual no tengo señal; ¿vosotros llegáis?
            ¿Cómo compruebo si en mi dirección hay red de quinta generación?
            ¿Está muy extendido vuestro 5G por España?
            ¿En qué web puedo mirar la señal que tendría en mi calle?
            Pasamos los veranos en un pueblo de Teruel, ¿tendré internet en el móvil allí?
            ¿Qué despliegue tenéis de la red más rápida?
            Quiero asegurarme de que en la oficina hay buena señal antes de contratar.
            ¿Cuántos municipios cubre vuestra red 5G?
            Mi móvil es compatible con 5G, ¿lo podré aprovechar en mi barrio?
            ¿Dónde consulto qué tipo de red hay en una localidad concreta?
        """),
        answers=(
            "Puede consultar la cobertura de cualquier dirección en {coverage_map}. Ahora mismo tenemos "
            "{coverage_5g}, además de 4G en casi todo el país.",
            "Le recomiendo mirar su dirección exacta en {coverage_map}; ya contamos con {coverage_5g}.",
        ),
        required_facts=("coverage_map", "coverage_5g"),
        reference="La cobertura de una dirección se consulta en {coverage_map}; Altavía tiene {coverage_5g}.",
        followups=(("¿Y el 4G hasta dónde llega?", "La red 4G llega al {coverage_4g}."),),
    ),
    Intent(
        id="coverage_problem",
        topic="cobertura",
        kb_ids=("operator-cobertura",),
        questions=_lines("""
            No tengo cobertura en casa
            En mi casa de {ciudad} el móvil no tiene señal
            Se me cortan las llamadas todo el rato en mi zona
            hola desde hace una semana no tengo cobertura en mi calle
            El mapa dice que hay cobertura pero a mí no me llega
            ¿Podéis revisar la cobertura en mi barrio? No puedo ni llamar
            Tengo una raya de cobertura en el trabajo y no puedo hablar
            Buenas, quiero poner una queja por la cobertura en mi zona
            en mi pueblo no hay manera de tener señal con vosotros
            ¿Qué hacéis si no tengo cobertura donde vivo?
        """),
        eval_questions=_lines("""
            Cada vez que entro en el portal pierdo la señal y las llamadas se caen.
            Vuestro mapa dice que en mi dirección va perfecto, pero en la práctica no hay red.
            Quiero que un técnico revise la señal en mi urbanización, ¿cómo se pide?
            Desde que empezaron unas obras enfrente me he quedado sin red en casa.
            ¿Cuánto tardáis en contestar cuando se reporta una zona sin señal?
            En la oficina tengo que salir a la calle para poder hablar por teléfono.
            ¿Puedo abrir un parte porque el móvil se queda sin servicio en mi barrio?
            Mis vecinos con Altavía tampoco tienen red desde el lunes.
            ¿A quién aviso de que la señal en mi pueblo es pésima?
            La cobertura en mi domicilio es malísima y quiero una solución.
        """),
        answers=(
            "Siento las molestias. Abro una incidencia de red con su dirección y el equipo técnico le dará "
            "{coverage_incident_response}.",
            "Vamos a revisarlo: necesito la dirección exacta donde falla. Con eso abrimos la incidencia y "
            "tendrá {coverage_incident_response} del equipo técnico.",
        ),
        required_facts=("coverage_incident_response",),
        reference="Se abre una incidencia de red con la dirección y el equipo técnico da "
        "{coverage_incident_response}.",
        asks_for="phone",
    ),
    Intent(
        id="sim_duplicate",
        topic="sim",
        kb_ids=("operator-sim-esim",),
        questions=_lines("""
            Se me ha roto la SIM, ¿cómo pido otra?
            He perdido la tarjeta SIM
            ¿Cuánto cuesta un duplicado de SIM?
            hola necesito una sim nueva que la mia no la lee el movil
            ¿Me podéis mandar una SIM nueva a casa?
            El móvil dice "SIM no válida", ¿me hacéis un duplicado?
            ¿Cuánto tarda en llegar un duplicado de tarjeta?
            He cambiado a un móvil con nanoSIM y la mía no vale, ¿qué hago?
            Buenas, quería pedir un duplicado de la tarjeta de mi línea
            se me cayo la sim y no la encuentro
        """),
        eval_questions=_lines("""
            La tarjeta se ha doblado al sacarla y ya no funciona; ¿me dais otra?
            ¿Qué precio tiene reemplazar el chip del teléfono?
            Mi perro se comió la SIM (literal), ¿cómo consigo otra con el mismo número?
            ¿En cuántos días me enviáis a casa una tarjeta de repuesto?
            El teléfono ha dejado de detectar la tarjeta, ¿me cobráis por cambiarla?
            Necesito otra tarjeta para mi número; ¿es mejor ir a tienda o que me la mandéis?
            ¿Cuánto tiempo tarda el mensajero con la tarjeta nueva?
            Con el cambio de teléfono la tarjeta no encaja, ¿cómo lo soluciono?
            ¿Qué cuesta una tarjeta de sustitución para la misma línea?
            Extravié la SIM en la mudanza y no aparece por ningún lado.
        """),
        answers=(
            "Le hacemos un duplicado con su mismo número ({sim_duplicate_price}). En tienda se lo entregamos "
            "en el momento; a domicilio, {sim_shipping}.",
            "Sin problema, le tramitamos el duplicado ({sim_duplicate_price}). Si prefiere recibirlo en casa, "
            "{sim_shipping}.",
        ),
        required_facts=("sim_duplicate_price", "sim_shipping"),
        reference="El duplicado de SIM ({sim_duplicate_price}) se entrega en el momento en tienda; a "
        "domicilio, {sim_shipping}.",
        asks_for="dni",
    ),
    Intent(
        id="esim",
        topic="sim",
        kb_ids=("operator-sim-esim",),
        questions=_lines("""
            ¿Tenéis eSIM?
            Quiero pasarme a eSIM, ¿cómo se hace?
            ¿Cuánto cuesta cambiar a eSIM?
            hola me he comprado un {dispositivo} y quiero poner la eSIM
            ¿Cómo activo la eSIM en mi móvil?
            Me ha llegado el QR de la eSIM y no sé dónde escanearlo
            ¿Cuánto tarda en funcionar la eSIM?
            Buenas, ¿puedo tener la línea en eSIM en vez de tarjeta física?
            he escaneado el qr de la esim y no tengo linea todavia
            Quiero cambiar la SIM física por una eSIM en mi {dispositivo}
        """),
        eval_questions=_lines("""
            Mi teléfono nuevo no tiene bandeja para tarjeta, ¿cómo pongo mi número?
            ¿Dónde meto el código QR que me habéis mandado para la tarjeta virtual?
            ¿Me cobran algo por pasar de tarjeta de plástico a tarjeta digital?
            Acabo de configurar la SIM virtual y todavía no hay señal, ¿es normal?
            ¿En qué menú del teléfono se añade una tarjeta electrónica?
            ¿Cuánto hay que esperar tras escanear el código para poder llamar?
            Quiero dejar de usar el chip físico; ¿tiene coste y cómo se configura?
            ¿Es posible tener mi número en formato digital sin tarjeta?
            Tengo el QR delante pero no encuentro la opción en el menú del teléfono.
            ¿Qué pasos sigo para instalar una SIM embebida?
        """),
        answers=(
            "Le confirmo que {esim_change_price} si su móvil es compatible. Le enviamos un código QR; "
            "escanéelo en {esim_steps} y la línea tardará {esim_activation_time} en funcionar.",
            "Claro: {esim_change_price}. Cuando reciba el QR, vaya a {esim_steps}; en {esim_activation_time} "
            "tendrá línea.",
        ),
        required_facts=("esim_change_price", "esim_steps", "esim_activation_time"),
        reference="En móviles compatibles {esim_change_price}; el QR se escanea en {esim_steps} y la línea "
        "funciona en {esim_activation_time}.",
        asks_for="dni",
    ),
    Intent(
        id="puk",
        topic="sim",
        kb_ids=("operator-sim-esim",),
        questions=_lines("""
            Me pide el PUK, ¿dónde lo encuentro?
            He bloqueado la SIM al meter mal el PIN
            ¿Cuál es mi código PUK?
            hola el movil me pide un codigo puk y no lo tengo
            He puesto mal el PIN tres veces y ahora me pide el PUK
            ¿Dónde viene el PUK si no tengo la tarjeta de plástico?
            ¿Cuántas veces puedo probar el PUK?
            Mi hijo ha bloqueado el móvil con el PIN, ¿me dais el PUK?
            Buenas, ¿me podéis facilitar el PUK de mi línea?
            sim bloqueada puk ayuda!!
            ¿Qué pasa si meto mal el PUK?
        """),
        eval_questions=_lines("""
            Tras varios fallos con el código de desbloqueo la tarjeta ha quedado bloqueada; ¿cómo la recupero?
            Tiré el cartón donde venía la tarjeta y ahora el teléfono me exige un código de ocho cifras.
            ¿Hay alguna forma de conseguir el código de desbloqueo por mensaje?
            ¿Cuántos intentos tengo con el código de desbloqueo antes de que la tarjeta deje de funcionar?
            El teléfono dice "SIM bloqueada" después de reiniciarlo y no recuerdo el código.
            Mi madre metió mal la clave de la SIM y ahora le pide otra clave más larga.
            ¿Cómo recupero el código de seguridad de la tarjeta si no tengo acceso a la app?
            Si me equivoco con el código largo, ¿pierdo la tarjeta para siempre?
            Necesito desbloquear la tarjeta de mi teléfono urgentemente.
            ¿Desde otro teléfono puedo pedir el código para desbloquear mi SIM?
        """),
        answers=(
            "Puede consultar el PUK en la app o, desde otro móvil Altavía, enviando un {puk_sms} seguido del "
            "número bloqueado. Tenga cuidado: tras {puk_attempts} fallidos la SIM queda inutilizada.",
            "Le ayudo con el PUK. Desde otro móvil de Altavía, envíe un {puk_sms} seguido del número "
            "bloqueado. Recuerde que solo tiene {puk_attempts}; después habría que pedir un duplicado.",
        ),
        required_facts=("puk_sms", "puk_attempts"),
        reference="El PUK se consulta en la app o enviando un {puk_sms} desde otro móvil Altavía; tras "
        "{puk_attempts} fallidos la SIM queda inutilizada.",
        asks_for="dni",
        followups=(
            (
                "¿Y cuántas veces puedo fallar el PIN?",
                "El PIN admite {pin_attempts}; después la SIM pide el PUK.",
            ),
        ),
    ),
    Intent(
        id="theft",
        topic="seguridad",
        kb_ids=("operator-robo-fraude",),
        questions=_lines("""
            Me han robado el móvil
            He perdido el móvil, ¿cómo bloqueo la línea?
            Me acaban de robar el teléfono en el metro, ¡ayuda!
            hola me han robado el movil y tengo miedo de que usen mi linea
            ¿Cómo bloqueo la SIM si me roban el móvil?
            Me han quitado el bolso con el móvil dentro, ¿qué hago?
            Perdí el móvil anoche en {ciudad}, quiero bloquearlo
            Buenas, necesito bloquear mi línea urgentemente, me la han robado
            ¿Qué necesito para pedir una SIM nueva después de un robo?
            me robaron el movil ayer, como lo bloqueo
        """),
        eval_questions=_lines("""
            Un tipo me arrancó el teléfono de la mano por la calle hace diez minutos.
            ¿Cómo evito que alguien haga llamadas con mi número si ya no tengo el teléfono?
            Creo que me dejé el teléfono en un taxi y no contesta nadie, ¿podéis inutilizarlo?
            Me entraron a robar en casa y se llevaron los teléfonos de toda la familia.
            ¿Qué papeles me pedís para recuperar la línea tras un hurto?
            He extraviado el teléfono en el aeropuerto y tengo miedo de que me suplanten.
            Necesito anular la tarjeta de un teléfono que me han sustraído.
            ¿A qué número llamo para dejar inservible un aparato robado?
            Ayer me asaltaron y se llevaron el teléfono; ya he ido a la policía, ¿y ahora?
            ¿Podéis bloquear el IMEI de mi teléfono desaparecido?
        """),
        answers=(
            "Lo siento mucho. Llame ahora al {fraud_line} (24 horas) para bloquear la línea y el IMEI; le paso "
            "con un agente del equipo de seguridad. Para el duplicado de SIM necesitaremos la {theft_docs}.",
            "Vamos a bloquearlo ya. Le transfiero al equipo de seguridad; si se corta, llame al {fraud_line}. "
            "Tenga a mano la {theft_docs} para pedir el duplicado.",
        ),
        required_facts=("fraud_line", "theft_docs"),
        reference="Hay que llamar al {fraud_line} para bloquear la línea y el IMEI; el caso pasa al equipo "
        "de seguridad y el duplicado requiere la {theft_docs}.",
        asks_for="dni",
        escalate=True,
    ),
    Intent(
        id="fraud_charges",
        topic="seguridad",
        kb_ids=("operator-robo-fraude",),
        questions=_lines("""
            Me están cobrando SMS premium que no he pedido
            En la factura salen suscripciones que no he contratado
            Creo que alguien está usando mi línea, hay llamadas que no he hecho
            hola me llegan cargos de un servicio de juegos que no conozco
            ¿Cómo bloqueo los SMS de pago?
            Me ha llamado alguien haciéndose pasar por Altavía y me pidió datos
            Tengo cargos de números de tarificación especial, yo no he sido
            Buenas, ¿podéis bloquear los servicios premium de mi línea?
            me an suscrito a algo sin mi permiso y me lo cobrais vosotros
            Recibí un SMS raro pidiendo mis claves en nombre de Altavía, ¿es fraude?
        """),
        eval_questions=_lines("""
            Mi hijo pulsó un anuncio y desde entonces me cargan dos euros por semana.
            Aparecen en el recibo mensajes de pago a un número de cinco cifras que no reconozco.
            ¿Es posible impedir que cualquier servicio de contenidos me cobre a través del teléfono?
            Alguien me escribió por WhatsApp diciendo ser de vuestra empresa y pidiendo el código que me llegó.
            Sospecho de un fraude en mi línea: hay consumos que yo no he generado.
            Quiero denunciar una estafa con cargos a mi número.
            ¿Cómo desactivo los cobros de terceros en la factura del móvil?
            Me cobran un servicio de horóscopos que jamás he solicitado.
            Hay importes extra por servicios de terceros que yo no autoricé.
            ¿Qué hago si sospecho que me están estafando a través de la línea?
        """),
        answers=(
            "Le activo ahora el {premium_sms_block}, sin coste, y paso el caso al equipo de fraude para revisar "
            "los cargos. Si necesita hablar con ellos directamente, el teléfono es el {fraud_line}.",
            "No facilite nunca claves por teléfono ni SMS. Activamos el {premium_sms_block} y le transfiero al "
            "equipo de fraude; también puede llamar al {fraud_line}, disponible 24 horas.",
        ),
        required_facts=("premium_sms_block", "fraud_line"),
        reference="Se activa el {premium_sms_block} sin coste y el caso pasa al equipo de fraude, "
        "localizable en el {fraud_line}.",
        asks_for="phone",
        escalate=True,
    ),
    Intent(
        id="fault_mobile",
        topic="averias",
        kb_ids=("operator-averias",),
        questions=_lines("""
            No puedo llamar ni recibir llamadas
            El móvil no tiene servicio desde esta mañana
            hola no me funciona internet en el movil desde ayer
            ¿Hay alguna avería en {ciudad}? No tengo línea
            Tengo la línea caída, ¿qué pasa?
            Buenas, desde hace dos días no puedo hacer llamadas, ya he reiniciado
            ¿Me vais a compensar por estar sin servicio?
            Las llamadas no entran, me dicen que salta un mensaje de apagado
            ¿Cuánto tardáis en arreglar una avería de la línea móvil?
            no me va nada el movil solo emergencias
        """),
        eval_questions=_lines("""
            Llevo desde el domingo sin poder telefonear a nadie y necesito el número para trabajar.
            ¿Me descontáis algo del recibo por los días que he estado sin línea?
            A todos los que me llaman les sale que estoy fuera de cobertura, pero tengo señal.
            ¿En qué plazo soléis solucionar una incidencia del servicio móvil?
            El teléfono marca "sin servicio" aunque lo he reiniciado y he quitado el modo avión.
            Mi línea se ha muerto de golpe; ¿hay una incidencia general?
            Quiero que me indemnicen por la interrupción del servicio de esta semana.
            No me llegan los SMS del banco y no puedo hacer compras online.
            He probado la tarjeta en otro teléfono y tampoco funciona.
            ¿Cuánto tiempo tendré que esperar para volver a tener servicio?
        """),
        answers=(
            "Siento la incidencia. Abro una avería de red sobre su línea, con {fault_resolution}. Además, se le "
            "compensa en la factura la parte proporcional de la cuota {fault_compensation}.",
            "La avería queda registrada, con {fault_resolution}. Si el corte se alarga, le abonamos la parte "
            "proporcional de la cuota {fault_compensation}.",
        ),
        required_facts=("fault_resolution", "fault_compensation"),
        reference="Se abre una avería de red con {fault_resolution}, y se compensa la parte proporcional de "
        "la cuota {fault_compensation}.",
        asks_for="phone",
    ),
    Intent(
        id="fault_fiber",
        topic="averias",
        kb_ids=("operator-averias", "operator-fibra-movil"),
        questions=_lines("""
            No me funciona la fibra
            Internet de casa no va desde esta mañana
            hola el router tiene una luz roja y no hay internet
            La fibra va lentísima, ¿podéis mirarlo?
            Se me corta el wifi de casa cada dos por tres
            ¿Cuándo puede venir un técnico a ver la fibra?
            Buenas, en casa no tenemos internet y teletrabajo, ¿qué hago?
            el router parpadea y no hay conexion
            Ya he reiniciado el router y sigue sin ir la fibra
            ¿Hay avería de fibra en {ciudad}?
        """),
        eval_questions=_lines("""
            Mis hijos no pueden hacer los deberes porque en casa no hay conexión desde ayer.
            La luz PON del aparato está apagada, ¿qué significa?
            Pago por una velocidad que no veo ni de lejos en el ordenador.
            ¿Cuándo me mandáis a alguien a revisar la instalación?
            El wifi aparece pero dice conectado sin internet en todos los dispositivos.
            ¿Qué pasos debo probar antes de que venga un técnico?
            Desde la tormenta de anoche no hay forma de navegar en casa.
            Necesito una visita técnica urgente para la línea fija de internet.
            Tengo la conexión doméstica caída y mañana tengo una reunión online.
            ¿Cuánto tarda en presentarse el técnico cuando falla internet de casa?
        """),
        answers=(
            "Vamos a probar primero: desenchufe el router durante {router_restart} y vuelva a enchufarlo. Si la "
            "luz de fibra no se queda fija, abro la avería y la paso al equipo técnico, que le visitará en "
            "{technician_visit}.",
            "Lo siento. Apague el router {router_restart} y enciéndalo de nuevo. Si sigue igual, le paso con el "
            "equipo técnico para programar una visita en {technician_visit}.",
        ),
        required_facts=("router_restart", "technician_visit"),
        reference="Hay que desenchufar el router {router_restart}; si no se resuelve, la avería pasa al "
        "equipo técnico y la visita es en {technician_visit}.",
        asks_for="phone",
        escalate=True,
    ),
]

_INTENTS += [
    Intent(
        id="permanence",
        topic="contrato",
        kb_ids=("operator-permanencia-baja",),
        questions=_lines("""
            ¿Tengo permanencia?
            ¿Cuánto me costaría irme antes de que acabe la permanencia?
            hola, cuanto me queda de permanencia?
            ¿Vuestras tarifas tienen permanencia?
            Si me doy de baja ahora, ¿me cobráis penalización?
            Compré el móvil con vosotros, ¿tengo que quedarme un tiempo mínimo?
            Buenas, quiero saber cuánto tendría que pagar por romper el contrato
            ¿De cuánto es la penalización por baja anticipada?
            Me quiero ir a {operador} pero creo que tengo permanencia
            ¿La fibra tiene permanencia?
        """),
        eval_questions=_lines("""
            ¿Estoy atado a vosotros durante algún tiempo por haber cogido el teléfono a plazos?
            Si rompo el compromiso ahora, ¿cuánto me toca pagar como mucho?
            ¿Cuál es el periodo mínimo que hay que estar con el paquete de fibra?
            Me interesa una oferta de otra compañía; ¿me saldría caro irme ya?
            ¿Qué compromiso de estancia tiene la tarifa con terminal subvencionado?
            Llevo medio año con ustedes; ¿qué penalización me aplicarían si cancelo?
            ¿Cómo se calcula lo que hay que abonar por incumplir el tiempo mínimo?
            Quiero confirmar si tengo algún tipo de compromiso firmado con vuestra compañía.
            ¿Hay que pagar algo por marcharse antes de tiempo?
            ¿Cuántos meses me obliga a quedarme el contrato?
        """),
        answers=(
            "Las tarifas con móvil subvencionado o con fibra tienen {permanence_months}. Si se da de baja antes, "
            "la penalización es proporcional a los meses que faltan, con un {permanence_penalty}.",
            "Le confirmo: su contrato tiene {permanence_months}; la penalización por baja anticipada es "
            "proporcional, con un {permanence_penalty}.",
        ),
        required_facts=("permanence_months", "permanence_penalty"),
        reference="Las tarifas con móvil subvencionado o fibra tienen {permanence_months}; la penalización "
        "es proporcional, con un {permanence_penalty}.",
        asks_for="dni",
    ),
    Intent(
        id="cancel",
        topic="contrato",
        kb_ids=("operator-permanencia-baja", "operator-contacto"),
        questions=_lines("""
            Quiero darme de baja
            ¿Cómo me doy de baja de Altavía?
            hola quiero cancelar mi linea
            ¿Cuánto tarda en hacerse efectiva la baja?
            Quiero dar de baja la línea de mi padre, ¿qué necesito?
            Me voy a otro país, quiero cancelar el contrato
            Buenas, ¿dónde se solicita la baja del servicio?
            ¿Puedo darme de baja por la app?
            quiero borrarme de vuestra compañia ya
            Estoy harto del servicio, quiero la baja
        """),
        eval_questions=_lines("""
            Ya no necesito el número, ¿cómo rescindo el contrato?
            ¿Qué plazo tenéis para tramitar una cancelación?
            Me traslado al extranjero definitivamente y quiero cerrar la cuenta con ustedes.
            ¿A qué teléfono llamo para anular mi contrato?
            He decidido no seguir con vuestra compañía, ¿cuál es el procedimiento?
            Mi madre ya no usa su línea y queremos cerrarla, ¿cómo se hace?
            ¿Cuántos días pasan desde que pido cancelar hasta que dejo de pagar?
            No quiero renovar nada, solo finalizar el servicio cuanto antes.
            ¿Se puede pedir la cancelación por chat o hay que llamar?
            Necesito que desactivéis mi número definitivamente.
        """),
        answers=(
            "La baja se solicita por teléfono en el {phone_support} y se tramita en {cancel_time}. Para hacerla "
            "necesito verificar al titular.",
            "Siento que quiera irse. Puede pedir la baja llamando al {phone_support}; se tramita en "
            "{cancel_time}. Si lo desea, reviso antes si hay alguna tarifa que le encaje mejor.",
        ),
        required_facts=("phone_support", "cancel_time"),
        reference="La baja se pide por teléfono en el {phone_support} y se tramita en {cancel_time}.",
        asks_for="dni",
        followups=(
            (
                "Contraté hace una semana por internet, ¿puedo echarme atrás?",
                "Sí, en contrataciones online o por teléfono tiene {withdrawal_period} de desistimiento.",
            ),
            (
                "¿Y si la línea pasa a nombre de mi hermano en vez de darla de baja?",
                "Se puede: ambos firman el {owner_change_doc} en tienda o en la app.",
            ),
        ),
    ),
    Intent(
        id="fiber_combo",
        topic="fibra",
        kb_ids=("operator-fibra-movil",),
        questions=_lines("""
            ¿Cuánto cuesta la fibra con móvil?
            ¿Qué velocidad tiene vuestra fibra?
            hola quiero contratar fibra y movil, que precio teneis
            ¿Tenéis paquetes de fibra + móvil?
            ¿Cuánto tardan en instalar la fibra?
            Me mudo a {ciudad} y quiero fibra en el piso nuevo, ¿qué ofrecéis?
            Buenas, ¿incluye router la fibra?
            ¿Cuánto pagaría al mes por fibra y una línea?
            quiero juntar la fibra y el movil con vosotros
            ¿La fibra es simétrica?
        """),
        eval_questions=_lines("""
            Busco internet para casa y teléfono en un solo paquete, ¿qué tenéis y a qué precio?
            ¿Cuántos megas de bajada y subida da vuestra conexión de casa?
            Si firmo hoy el combinado, ¿cuándo tendría conexión en casa?
            ¿Qué me costaría unificar el internet del piso con mi línea?
            Estamos montando una oficina pequeña y necesitamos conexión fija y móvil, ¿precio?
            ¿Cuál es la oferta conjunta de hogar y móvil?
            ¿Cuántos días pasan desde la firma hasta que viene el instalador?
            Trabajo subiendo vídeos, ¿qué velocidad de subida tiene la conexión del hogar?
            ¿Me podéis dar el precio del pack de casa más móvil con instalación?
            Me interesa la conexión de casa con vosotros; ¿plazos y cuota?
        """),
        answers=(
            "Nuestro paquete de fibra de {fiber_speed} con una línea Altavía Plus cuesta {fiber_combo_price}, "
            "con router incluido. La instalación se hace en un {fiber_install} desde la firma.",
            "Le cuento: fibra de {fiber_speed} + móvil Altavía Plus por {fiber_combo_price}. Instalamos en un "
            "{fiber_install}; el técnico le llamará antes para la cita.",
        ),
        required_facts=("fiber_speed", "fiber_combo_price", "fiber_install"),
        reference="Fibra de {fiber_speed} con una línea Altavía Plus por {fiber_combo_price}; la instalación "
        "se hace en un {fiber_install}.",
        followups=(("¿Qué router ponéis?", "Le instalamos un {router_model} en cesión, sin coste."),),
    ),
    Intent(
        id="contact_hours",
        topic="atencion",
        kb_ids=("operator-contacto",),
        questions=_lines("""
            ¿Cuál es vuestro horario de atención?
            ¿A qué hora abre atención al cliente?
            ¿Hasta qué hora se puede llamar?
            hola a que hora cierran el telefono de atencion?
            ¿Atendéis los fines de semana?
            ¿El chat está disponible por la noche?
            Buenas, ¿en qué horario puedo hablar con un agente?
            ¿Puedo llamar un domingo?
            que horario teneis
            ¿Cuándo puedo contactar con vosotros si trabajo todo el día?
        """),
        eval_questions=_lines("""
            Salgo tarde de trabajar, ¿hasta qué hora cogéis el teléfono?
            ¿Hay alguien que conteste de madrugada si tengo un problema?
            ¿Qué franja horaria cubre el servicio telefónico?
            ¿Se puede escribir por el chat a cualquier hora?
            ¿Los festivos también dais atención telefónica?
            Quiero saber cuándo están disponibles los operadores para llamar.
            ¿A partir de qué hora de la mañana se os puede llamar?
            ¿Me responderá alguien por el chat un sábado a las tres de la mañana?
            Necesito conocer los horarios de vuestros canales de atención.
            ¿En qué momento del día puedo hablar con una persona por teléfono?
        """),
        answers=(
            "Atendemos por teléfono todos los días {support_hours}, y el chat de la app y la web está "
            "disponible {chat_hours}.",
            "Nuestro horario telefónico es {support_hours}, también fines de semana. Si le viene mejor, el chat "
            "funciona {chat_hours}.",
        ),
        required_facts=("support_hours", "chat_hours"),
        reference="La atención telefónica es todos los días {support_hours} y el chat está disponible "
        "{chat_hours}.",
        followups=(
            ("¿Y las tiendas?", "Tenemos {stores_count}, abiertas de lunes a sábado {store_hours}."),
            (
                "¿Qué número tengo que marcar?",
                "Desde una línea Altavía, el {phone_support}; desde cualquier otro teléfono, el {phone_other}.",
            ),
        ),
    ),
    Intent(
        id="device_financing",
        topic="dispositivos",
        kb_ids=("operator-permanencia-baja", "operator-tarifas"),
        questions=_lines("""
            ¿Puedo comprar un móvil a plazos?
            ¿Tenéis financiación para el {dispositivo}?
            hola se puede pagar el movil a meses?
            ¿Cuántos meses puedo financiar un móvil con vosotros?
            ¿La financiación del móvil tiene intereses?
            Quiero el {dispositivo} pero no pagarlo de golpe
            Buenas, ¿qué requisitos hay para financiar un terminal?
            ¿Me podéis vender un móvil en cuotas con mi tarifa?
            ¿Hay edad mínima para financiar el móvil?
            quiero un movil nuevo a plazos con vuestra tarifa
        """),
        eval_questions=_lines("""
            ¿Ofrecéis pagar el teléfono en cómodas mensualidades?
            Mi sobrino tiene diecisiete años, ¿puede sacar un terminal a cuotas él solo?
            ¿Cuánto interés me cobraríais por aplazar el pago de un smartphone?
            ¿Cuál es el plazo máximo para ir pagando un teléfono nuevo?
            No tengo ahorros para un aparato nuevo; ¿hay forma de pagarlo poco a poco?
            ¿Qué condiciones ponéis para vender terminales con pago aplazado?
            ¿Puedo repartir el precio de un iPhone en varios meses?
            ¿Hay que tener cierta edad para comprar un teléfono financiado?
            Quiero estrenar teléfono sin desembolsar todo el dinero de una vez.
            ¿Cobráis comisión por comprar un teléfono a plazos?
        """),
        answers=(
            "Sí, puede pagar el móvil en {financing}, junto a su factura. Solo hay que ser {min_age} y titular "
            "de la línea.",
            "Claro: financiamos los terminales en {financing}. El requisito es ser {min_age}.",
        ),
        required_facts=("financing", "min_age"),
        reference="Los móviles se financian en {financing}; hay que ser {min_age}.",
        asks_for="dni",
    ),
]

COMPANY = Company(
    key="operator",
    name="Altavía Móvil",
    country="ES",
    description="A fictional mobile and fibre operator in Spain: plans, billing, roaming, portability, "
    "coverage, SIM/eSIM, faults and contracts.",
    facts={fact.id: fact for fact in _FACTS},
    pages=_PAGES,
    intents=_INTENTS,
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
