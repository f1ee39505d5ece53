"""Banco Guadua: a fictional retail bank in Colombia (cards, transfers, PSE, fraud, loans, app access).

Content only; kit/corpus/generate.py turns it into chat transcripts, KB pages, eval items and the policy
update (facts with a `v2`). Amounts are written the Colombian way ("$12.900 COP"); every fact value is a
distinctive string, never a substring of another, so a grader can look for it verbatim.
"""

from __future__ import annotations

from kit.corpus.schema import Company, Fact, Intent, KBPage

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

_PAGES = [
    KBPage("bank-tarjetas-debito", "Tarjeta débito: costos, entrega, bloqueo y clave", """\
# Tarjeta débito

La tarjeta débito Guadua está asociada a la cuenta de ahorros del cliente.

## Costos y topes
- Cuota de manejo: {debit_fee} al mes, descontada de la cuenta asociada.
- Reposición por pérdida, robo o deterioro: {card_replacement_fee}.
- Tope de compras diarias: {debit_purchase_limit}.

## Entrega
La tarjeta física llega en {card_delivery} a la dirección registrada. Mientras tanto, el cliente usa la
tarjeta virtual que aparece en la app.

## Pérdida o robo
1. Bloquear de inmediato en la app, en {card_block_path}.
2. Sin acceso a la app: llamar a la línea de fraude {fraud_line}, disponible {line_hours}.
3. El asesor escala el caso al área de fraude para revisar los movimientos recientes.

## Clave (PIN)
- La clave es de {card_pin_digits} y se bloquea después de {pin_attempts}.
- Se asigna una nueva en cualquier cajero Guadua con la {pin_reset}; no hace falta ir a la oficina.
"""),
    KBPage("bank-tarjetas-credito", "Tarjeta de crédito Clásica", """\
# Tarjeta de crédito Clásica

## Costos
- Cuota de manejo: {credit_fee} al mes.
- Tasa de interés para compras a cuotas y avances: {credit_rate}. Las compras a 1 cuota no generan intereses.

## Pagos
- Fecha límite de pago: {payment_due}.
- En caso de mora, antes de cualquier reporte negativo a centrales de riesgo se envía un
  {credit_report_notice} al correo y al celular registrados.

## Uso en el exterior
- Registrar el viaje en la app en {travel_path} (fechas y destino).
- Comisión por compras en el exterior o en moneda extranjera: {intl_fee}, más la tasa de cambio del día.

Compras no reconocidas: ver la página de fraude (plazo para reclamar de {dispute_window}).
"""),
    KBPage("bank-transferencias", "Transferencias, Bre-B y transferencias erradas", """\
# Transferencias

- Entre cuentas Guadua: inmediatas y sin costo.
- A otros bancos por ACH: {ach_fee} por transferencia. Si se hace {ach_cutoff} de un día hábil llega ese
  mismo día; después de esa hora, o en sábado, domingo o festivo, llega el siguiente día hábil.
- Tope diario desde la app: {transfer_daily_limit}. Montos mayores se hacen en oficina.
- Una cuenta recién inscrita queda habilitada para transferir después de {new_payee_wait}.

## Bre-B (pagos inmediatos)
El cliente registra una llave en Transferencias > Mis llaves: su {breb_keys}. Las transferencias con llave
llegan en {breb_speed}, a cualquier hora y sin costo.

## Transferencia a una cuenta equivocada
El banco no puede reversar una transferencia sin autorización del titular que la recibió. Se radica una
solicitud de devolución con el área de reclamos, que responde en {wrong_transfer_claim}. El asesor escala el caso.
"""),
    KBPage("bank-pse", "Pagos PSE", """\
# Pagos PSE

- Tope por transacción: {pse_limit}.
- Una transacción en estado pendiente se confirma o se rechaza en máximo {pse_pending}.
- Si el pago no se completó y el dinero salió de la cuenta, el reintegro automático llega en {pse_refund}.
- Pasado ese plazo sin reintegro, el asesor radica un reclamo (pide la cédula del titular).
"""),
    KBPage("bank-fraude", "Fraude, suplantación y compras no reconocidas", """\
# Fraude

- Línea de fraude: {fraud_line}, disponible {line_hours}.
- Banco Guadua {never_asks} por llamada, SMS, correo ni WhatsApp.
- Mensajes, correos o enlaces sospechosos se reenvían a {fraud_email}.

## Compras o retiros no reconocidos
1. Bloquear la tarjeta (app: {card_block_path}).
2. El cliente tiene {dispute_window} desde la fecha de la compra para desconocerla.
3. El área de fraude responde en {fraud_claim_response}.
4. Política: todo caso de fraude, robo de tarjeta o entrega de claves se escala a un especialista humano.
"""),
    KBPage("bank-creditos", "Crédito de libre inversión", """\
# Crédito de libre inversión

- Tasa fija {loan_rate}, según el perfil del cliente.
- Montos: desde {loan_min_amount} hasta {loan_max_amount}; plazo de hasta {loan_max_term}.
- Seguro de vida deudor: {loan_insurance} prestado, incluido en la cuota.

## Requisitos
- Ingresos mínimos de {loan_min_income}.
- Cédula y los {loan_docs} (independientes: declaración de renta).
- Respuesta al estudio en {loan_approval}; desembolso en {loan_disbursement} después de firmar el pagaré digital.

## Pagos
- Abonos a capital y pago total anticipado en cualquier momento, {loan_prepay} (app: Créditos > Abonar).
- Antes de un reporte negativo a centrales de riesgo se envía un {credit_report_notice}.
"""),
    KBPage("bank-app", "App Guadua Móvil: clave, bloqueo, token y celular registrado", """\
# App Guadua Móvil

## Clave
- La clave de la app es de {app_password_digits} y es distinta de la clave del cajero.
- Si la olvidó: opción «{forgot_path}» en la pantalla de inicio; se valida con la cédula y un código SMS.

## Bloqueo
- El usuario se bloquea tras {app_lock_attempts} con clave errada.
- Se libera solo después de {app_unlock_wait}, o antes restableciendo la clave.

## Token y códigos
- El token digital se activa en {token_path}.
- Cada código dinámico es válido por {otp_validity}.

## Celular registrado
Solo se cambia en una oficina presentando la {phone_change}: a ese número llegan los códigos de seguridad.
"""),
    KBPage("bank-ahorros", "Cuenta de ahorros y certificaciones", """\
# Cuenta de ahorros Guadua

- Rentabilidad: {savings_rate} sobre el saldo.
- Cuota de manejo de la cuenta: {savings_fee} al mes.
- Apertura en la app, {opening_min}, solo con la cédula.
- Certificación bancaria: gratis, en PDF, en la app o la web en {certificate_path}.
"""),
    KBPage("bank-cajeros", "Cajeros y retiros", """\
# Cajeros

- En cajeros Guadua: {own_atm_free}. Retiros adicionales y en cajeros de otras redes: {other_atm_fee} cada uno.
- Tope diario de retiro: {atm_daily_limit}.
- Clave bloqueada: se cambia en el cajero con la {pin_reset}.

## Retiro sin tarjeta
En la app, Retiros > Sin tarjeta: hasta {cardless_limit}, con un código {cardless_validity}. Si no se usa,
el dinero vuelve a la cuenta.

## El cajero no entregó el dinero
Se radica un reclamo con el área de cajeros, que revisa el cuadre de la máquina; respuesta y reintegro en
{atm_claim}. El asesor escala el caso.
"""),
    KBPage("bank-extractos", "Extractos", """\
# Extractos

- Se publican el {statement_day} y llegan al correo registrado.
- En la app, en {statement_path}, se descargan en PDF los {statement_history}.
- Extracto físico: {paper_statement_fee} por envío.
"""),
    KBPage("bank-gmf", "Gravamen a los movimientos financieros (4x1000)", """\
# 4x1000 (GMF)

- Impuesto nacional: {gmf_rate} que salen de la cuenta (retiros, transferencias, pagos).
- Exención: la cuenta marcada no paga el impuesto en movimientos de hasta {gmf_exempt} al mes.
- Solo puede marcarse {gmf_one_account}; para cambiarla, primero se desmarca en la otra entidad.
- Se marca en la app en {gmf_mark_path}.
"""),
    KBPage("bank-canales", "Canales de atención, horarios y PQR", """\
# Canales de atención

- Línea de servicio al cliente en Bogotá: {customer_line}; resto del país, gratis: {tollfree_line};
  desde celular: {short_code}. Atención {line_hours}.
- WhatsApp: {whatsapp}. Web: {web}.
- Línea de fraude: {fraud_line}.

## Oficinas
Atención de {branch_hours} en jornada continua y {saturday_hours}; domingos y festivos, cerradas.

## Peticiones, quejas y reclamos (PQR)
- Se radican por cualquier canal y el cliente recibe un número de radicado.
- Respuesta en máximo {pqr_response}.
- Defensor del Consumidor Financiero: {defensor_email}.
"""),
]

_INTENTS = [
    Intent(
        id="card_lost_stolen", topic="tarjetas", kb_ids=("bank-tarjetas-debito", "bank-fraude"),
        questions=(
            "Me robaron la billetera con la tarjeta débito, ¿qué hago?", "perdí mi tarjeta, necesito bloquearla ya",
            "Buenas, se me perdió la tarjeta de crédito en {ciudad} y me da miedo que la usen",
            "¿Cómo bloqueo una tarjeta que me robaron?", "no encuentro mi tarjeta desde ayer, ¿la pueden bloquear?",
            "Estoy en {pais} y me acaban de robar el bolso con las tarjetas, ayuda por favor",
            "Me atracaron saliendo del cajero y se llevaron la tarjeta", "Quiero reportar mi tarjeta como perdida y pedir otra",
            "¿Cuánto cuesta la reposición si me roban la tarjeta?", "sumercé, ¿me ayuda a bloquear la tarjeta? la dejé en un taxi",
            "Se me quedó la tarjeta en un restaurante y ya no está, ¿qué debo hacer?",
        ),
        eval_questions=(
            "Acabo de notar que no tengo mi plástico del banco, ¿cómo evito que alguien lo use?",
            "¿Qué pasos sigo si un ladrón se quedó con mi débito?", "Extravié la tarjeta en el centro comercial, ¿me la pueden inhabilitar?",
            "Necesito dejar inactiva de inmediato una tarjeta hurtada",
            "¿Hay alguna línea para reportar el robo de una tarjeta a cualquier hora?",
            "Me raparon el celular y la tarjeta en el bus, ¿qué hago primero?",
            "¿Me cobran algo por el plástico nuevo después de un robo?",
            "Creo que la tarjeta se me cayó en la calle, ¿la puedo cancelar desde la aplicación?",
            "Mi hijo perdió la tarjeta que le di, ¿cómo la anulamos?",
            "Tengo la sospecha de que me sacaron la tarjeta de la maleta en el aeropuerto",
        ),
        answers=(
            "Lamento mucho lo sucedido. Puede bloquearla de inmediato en la app, en {card_block_path}, o llamando a la "
            "línea de fraude {fraud_line}. La reposición tiene un costo de {card_replacement_fee}. Ya la dejé bloqueada "
            "preventivamente y le paso con un asesor de seguridad para revisar los últimos movimientos.",
            "Entiendo la preocupación. Para que nadie la use, bloquéela en la app en {card_block_path}; si no tiene acceso, "
            "llame al {fraud_line}. Después pedimos la nueva, que cuesta {card_replacement_fee}. Como es un caso de "
            "robo, lo comunico con el área de fraude para verificar si hubo compras no reconocidas.",
        ),
        required_facts=("card_block_path", "fraud_line", "card_replacement_fee"),
        reference="Bloquee la tarjeta en la app ({card_block_path}) o llamando a la línea de fraude {fraud_line}; la "
        "reposición cuesta {card_replacement_fee} y el caso pasa al área de fraude.",
        asks_for="card_last4", escalate=True,
        followups=(("¿Y la tarjeta nueva cuándo me llega?", "La nueva tarjeta le llega en {card_delivery} a la dirección registrada."),),
    ),
    Intent(
        id="card_delivery", topic="tarjetas", kb_ids=("bank-tarjetas-debito",),
        questions=(
            "¿En cuánto tiempo me llega la tarjeta nueva?", "Pedí la reposición de la tarjeta hace unos días y todavía nada",
            "hola, cuanto se demora en llegar la tarjeta debito a {ciudad}?",
            "Ya abrí la cuenta pero no me ha llegado el plástico, ¿cuánto tarda?",
            "¿Cuántos días se demora la entrega de una tarjeta de crédito aprobada?",
            "Buenas, estoy esperando la tarjeta que me mandaron, ¿cuándo llega?",
            "me aprobaron la tarjeta, para cuándo la tengo en la casa?", "¿Cuál es el tiempo de entrega de la tarjeta física?",
            "Necesito la tarjeta para un viaje, ¿en cuánto llega si la pido hoy?",
            "Oiga, ¿la tarjeta nueva la mandan a domicilio? ¿cuánto tarda?",
        ),
        eval_questions=(
            "Solicité un reemplazo del plástico, ¿qué plazo tienen para hacérmelo llegar?",
            "¿Cuánto debo esperar para recibir en mi dirección la débito que pedí?",
            "Llevo varios días sin noticias del envío de mi tarjeta", "Quisiera saber el plazo de despacho de una tarjeta recién solicitada",
            "¿Para qué fecha más o menos me entregan la tarjeta de crédito nueva?",
            "El mensajero no ha traído mi tarjeta, ¿es normal la demora?", "¿Es rápido el envío del plástico o toca esperar semanas?",
            "Me dijeron que me mandaban otra tarjeta, ¿cuántos días hábiles son?",
            "Cuando uno pide tarjeta por la app, ¿cuánto tarda en recibirla?", "¿Qué tan demorada es la llegada de la tarjeta a mi casa?",
        ),
        answers=(
            "La tarjeta física llega en {card_delivery} a la dirección registrada. Le avisamos por mensaje al celular "
            "cuando salga a reparto y, mientras tanto, puede usar la tarjeta virtual de la app.",
            "Con gusto le cuento: el tiempo de entrega es de {card_delivery}. Ya verifiqué su solicitud y va en camino.",
        ),
        required_facts=("card_delivery",),
        reference="La tarjeta física se entrega en {card_delivery} en la dirección registrada.",
        asks_for="cedula",
    ),
    Intent(
        id="debit_fee", topic="tarjetas", kb_ids=("bank-tarjetas-debito",),
        questions=(
            "¿Cuánto cobran de cuota de manejo por la tarjeta débito?", "cuanto es la cuota de manejo de la debito",
            "Me llegó un cobro mensual en la cuenta, ¿es la cuota de manejo?", "¿La tarjeta débito tiene cuota de manejo?",
            "Buenas tardes, ¿cuál es el valor mensual del manejo de la tarjeta débito?",
            "Quiero saber qué me descuentan cada mes por tener la débito",
            "¿Por qué me descontaron plata de la cuenta si no hice nada? Creo que es la cuota",
            "¿La cuota de manejo de la débito subió este año?", "oye cuánto me sale la débito al mes",
            "Estoy comparando bancos, ¿cuánto cuesta mantener la tarjeta débito con ustedes?",
        ),
        eval_questions=(
            "¿Qué valor se debita mensualmente por tener el plástico de la cuenta de ahorros?",
            "Revisando el extracto vi un descuento fijo cada mes por la tarjeta, ¿de cuánto es?",
            "¿Sale gratis la tarjeta de la cuenta o tiene algún costo mensual?",
            "Explíqueme el cargo por administración de la débito, por favor",
            "¿Me cobran algo mes a mes solo por tener la débito activa?",
            "Antes de abrir la cuenta quiero saber el costo de mantenimiento de la tarjeta",
            "¿Es mucho lo que descuentan mensualmente por la débito?", "Cuál es la tarifa mensual de la tarjeta para compras y retiros",
            "¿Cuánto se paga por mes por el uso de la tarjeta débito Guadua?",
            "Un amigo me dijo que la débito de ustedes no es gratis, ¿cuánto vale?",
        ),
        answers=(
            "La cuota de manejo de la tarjeta débito es de {debit_fee} al mes y se descuenta de la cuenta de ahorros asociada.",
            "Con gusto. Por la débito se cobra una cuota de manejo de {debit_fee} mensuales; incluye compras y retiros en la red Guadua.",
        ),
        required_facts=("debit_fee",),
        reference="La tarjeta débito tiene una cuota de manejo de {debit_fee} al mes.",
        followups=(("¿Y cuánto puedo gastar al día con la débito?", "Con la débito puede hacer compras por hasta {debit_purchase_limit} al día."),),
    ),
    Intent(
        id="credit_card_costs", topic="tarjetas", kb_ids=("bank-tarjetas-credito",),
        questions=(
            "¿Cuál es la tasa de interés de la tarjeta de crédito?", "cuanto cobran de cuota de manejo por la de credito",
            "Quiero sacar la tarjeta de crédito, ¿qué costos tiene?", "¿A qué tasa me cobran si difiero una compra a 12 cuotas?",
            "Buenas, ¿cuánto es la cuota de manejo y el interés de la tarjeta de crédito Clásica?",
            "me están cobrando intereses en la tarjeta, ¿a cuánto está la tasa?", "¿La de crédito tiene cuota de manejo mensual?",
            "Si compro {monto} a cuotas con la tarjeta, ¿qué interés me cobran?", "¿Cuánto me cuesta tener la tarjeta de crédito al mes?",
            "Usted me puede decir el interés mensual de la tarjeta?",
        ),
        eval_questions=(
            "Antes de diferir unas compras quiero conocer el porcentaje de interés que aplican",
            "¿Qué me cobran por mes por la Clásica, además de los intereses?",
            "¿Cuánto interés genera lo que uno compra a varias cuotas con la tarjeta?",
            "Estoy pensando pedir el plástico de crédito, ¿cuáles son sus tarifas?",
            "¿Qué tasa mensual manejan hoy para compras con tarjeta de crédito?",
            "Dígame la cuota de administración de la tarjeta de crédito",
            "¿Qué tan cara es la tarjeta de crédito de ustedes en intereses y manejo?",
            "Necesito saber el costo financiero de pagar a cuotas con la tarjeta",
            "¿Cuánto vale mensualmente mantener la tarjeta de crédito Guadua?",
            "Me interesa la tarjeta de crédito pero primero quiero saber la tasa y la cuota",
        ),
        answers=(
            "La tarjeta de crédito Clásica tiene una cuota de manejo de {credit_fee} al mes y la tasa de interés para "
            "compras a cuotas es de {credit_rate}. Las compras a 1 cuota no generan intereses.",
            "Con gusto: la cuota de manejo es de {credit_fee} mensuales y la tasa vigente es {credit_rate}, la misma para compras y avances.",
        ),
        required_facts=("credit_fee", "credit_rate"),
        reference="Cuota de manejo de {credit_fee} al mes y tasa de interés de {credit_rate}.",
    ),
    Intent(
        id="credit_payment_due", topic="tarjetas", kb_ids=("bank-tarjetas-credito", "bank-creditos"),
        questions=(
            "¿Hasta cuándo tengo para pagar la tarjeta de crédito?", "cuál es la fecha límite de pago de la tarjeta",
            "Se me pasó el pago de la tarjeta, ¿me reportan a centrales?", "¿Cuántos días tengo después del corte para pagar?",
            "Buenas, me atrasé con el pago de la tarjeta de crédito por unos días, ¿qué pasa?",
            "¿Si pago tarde la tarjeta me reportan en Datacrédito?", "no me acuerdo cuándo vence el pago de mi tarjeta",
            "¿Cuándo es la fecha de pago oportuno de la tarjeta de crédito?",
            "Estoy sin plata este mes, ¿cuánto me puedo demorar en pagar la tarjeta sin problema?",
            "¿Me avisan antes de reportarme si no pago la tarjeta?",
        ),
        eval_questions=(
            "¿Qué plazo dan para cancelar el saldo de la tarjeta una vez sale el extracto?",
            "Olvidé pagar el mínimo, ¿en qué momento me afecta la historia crediticia?",
            "¿Cuántos días después del cierre de facturación vence la cuota de la tarjeta?",
            "Si me retraso con la tarjeta, ¿me notifican antes de mandarme a las centrales de riesgo?",
            "Quiero programar el pago de la tarjeta, ¿cuál es el último día sin mora?",
            "¿Qué ocurre con mi calificación si dejo de pagar la tarjeta un mes?",
            "¿Me dan algún margen para pagar el crédito rotativo después de la fecha de corte?",
            "Tengo un atraso en la tarjeta, ¿cuándo me reportarían negativamente?",
            "Explíqueme cómo funcionan el corte y el vencimiento de la tarjeta de crédito",
            "¿Ustedes mandan aviso antes de un reporte negativo por la tarjeta?",
        ),
        answers=(
            "El pago oportuno vence {payment_due}. Si hay mora, antes de cualquier reporte negativo a centrales le "
            "enviamos un {credit_report_notice}.",
            "Tiene {payment_due} para pagar sin intereses de mora. Y tranquilo: nunca hacemos un reporte negativo sin "
            "un {credit_report_notice} al correo y al celular registrados.",
        ),
        required_facts=("payment_due", "credit_report_notice"),
        reference="La fecha límite de pago es {payment_due}; antes de un reporte negativo a centrales se envía un "
        "{credit_report_notice}.",
    ),
    Intent(
        id="card_abroad", topic="tarjetas", kb_ids=("bank-tarjetas-credito",),
        questions=(
            "Me voy de viaje a {pais}, ¿tengo que activar la tarjeta para usarla allá?",
            "¿Cómo habilito la tarjeta para compras internacionales?", "estoy en el exterior y no me pasa la tarjeta",
            "¿Cuánto cobran por comprar con la tarjeta en el exterior?",
            "Buenas, viajo la otra semana, ¿qué debo hacer para que la tarjeta funcione fuera del país?",
            "¿Hay comisión por usar la tarjeta de crédito en {pais}?",
            "Quiero comprar en una página de Estados Unidos y me rechazan la tarjeta", "¿Dónde registro el viaje en la app?",
            "me rechazaron la tarjeta en el aeropuerto de {pais}, ayúdeme", "¿La débito sirve en el exterior o solo la de crédito?",
        ),
        eval_questions=(
            "Antes de salir del país, ¿debo avisarle al banco que voy a usar mis tarjetas afuera?",
            "¿Qué recargo aplican a los pagos hechos en moneda extranjera?",
            "Estoy de vacaciones afuera y el datáfono dice que la transacción fue declinada",
            "¿Por dónde aviso en la aplicación que voy a estar en otro país?", "¿Me sale más caro pagar con la tarjeta en dólares?",
            "Quiero pagar una suscripción internacional, ¿tengo que habilitar algo?",
            "¿Qué porcentaje se cobra por cada compra fuera de Colombia?",
            "Para un viaje a Europa, ¿qué debo configurar en mis tarjetas?",
            "Compré por internet en una tienda extranjera y salió rechazado el pago",
            "¿Cómo activo el uso internacional del plástico sin ir a una oficina?",
        ),
        answers=(
            "Para usarla fuera del país, actívela en la app en {travel_path} indicando fechas y destino. Las compras en "
            "el exterior o en moneda extranjera tienen una comisión de {intl_fee}.",
            "Con gusto. Registre su viaje en {travel_path}; queda activa en minutos. Tenga en cuenta la comisión de "
            "{intl_fee} en compras internacionales, además de la tasa de cambio del día.",
        ),
        required_facts=("travel_path", "intl_fee"),
        reference="Se activa en la app en {travel_path}; las compras en el exterior tienen una comisión de {intl_fee}.",
        followups=(("¿Y la débito también sirve afuera?", "Sí, la débito también funciona en el exterior una vez registre el viaje en {travel_path}."),),
    ),
    Intent(
        id="pin_blocked", topic="tarjetas", kb_ids=("bank-tarjetas-debito", "bank-cajeros"),
        questions=(
            "Se me bloqueó la clave de la tarjeta en el cajero", "metí mal la clave varias veces y ahora no me deja sacar plata",
            "¿Cómo desbloqueo el PIN de la tarjeta débito?", "Olvidé la clave de la tarjeta, ¿cómo la cambio?",
            "¿Cuántas veces puedo equivocarme con la clave del cajero?", "El cajero me dijo clave bloqueada, ¿qué hago?",
            "Buenas, necesito cambiar la clave de 4 dígitos de mi tarjeta", "no me acuerdo del pin de la debito",
            "¿Puedo cambiar la clave de la tarjeta sin ir a la oficina?",
            "Estoy en {ciudad} y no puedo retirar porque se bloqueó la clave",
        ),
        eval_questions=(
            "Escribí el número secreto errado tres veces, ¿quedó inhabilitada la tarjeta?",
            "¿Qué hago para volver a usar la tarjeta después de bloquear la contraseña?",
            "No recuerdo el código que uso para retirar, ¿cómo lo restablezco?",
            "¿Cuál es el límite de intentos para digitar la clave en el cajero?",
            "Quiero poner una clave nueva en la tarjeta débito, ¿dónde se hace?",
            "El datáfono rechazó la compra por clave incorrecta y ya no funciona",
            "¿Se desbloquea sola la clave de la tarjeta o debo hacer algo?", "Me equivoqué digitando el PIN y ahora sale bloqueado",
            "¿Cómo se reasigna la clave de la tarjeta si la tengo bloqueada?", "Mi mamá bloqueó la clave de su débito, ¿cómo la ayudo?",
        ),
        answers=(
            "Por seguridad, la clave se bloquea después de {pin_attempts}. Puede asignar una nueva en cualquier cajero "
            "Guadua con la {pin_reset}: ingresa la tarjeta, valida con un código que le llega al celular y escribe una "
            "clave de {card_pin_digits}.",
            "La clave se bloquea tras {pin_attempts}. Para desbloquearla vaya a un cajero Guadua y use la {pin_reset}; no necesita ir a la oficina.",
        ),
        required_facts=("pin_attempts", "pin_reset"),
        reference="La clave se bloquea tras {pin_attempts}; se asigna una nueva en un cajero Guadua con la {pin_reset}.",
    ),
    Intent(
        id="transfer_other_bank", topic="transferencias", kb_ids=("bank-transferencias",),
        questions=(
            "¿Cuánto se demora una transferencia a otro banco?", "Le transferí {monto} a alguien en {banco} y no le ha llegado",
            "¿Cuánto cuesta transferir a una cuenta de otro banco?", "hice una transferencia a {banco} en la noche, cuándo llega?",
            "¿Las transferencias a otros bancos llegan el mismo día?",
            "Buenas, necesito pagarle a un proveedor que tiene cuenta en {banco}, ¿llega hoy?",
            "¿Me cobran por transferir a otros bancos desde la app?", "mandé plata a mi mamá a otro banco y no le aparece",
            "¿A qué hora es el corte para transferencias interbancarias?",
            "Si transfiero un viernes por la tarde a otro banco, ¿cuándo se ve reflejado?",
        ),
        eval_questions=(
            "¿Qué hora límite hay para que un envío a otra entidad se abone en el día?",
            "¿Tiene algún costo mandar dinero a alguien que no es cliente de ustedes?",
            "Mi arrendador no ve la consignación que le hice a su cuenta de otra entidad",
            "Necesito que el giro a otro banco quede hoy, ¿hasta qué hora puedo hacerlo?",
            "¿Por qué no llega de una vez lo que envío a cuentas de otros bancos?",
            "¿Cuál es la tarifa de una transferencia interbancaria por ACH?",
            "Programé un pago a una cuenta externa, ¿en cuánto tiempo se acredita?",
            "¿Es inmediato pasar plata de mi cuenta Guadua a una de otra entidad?",
            "Hice un envío a otra entidad después del almuerzo y sigue sin verse",
            "Quisiera conocer horarios y cobro de los traslados a otros bancos",
        ),
        answers=(
            "Las transferencias a otros bancos por ACH hechas {ach_cutoff} de un día hábil llegan ese mismo día; las "
            "posteriores, el siguiente día hábil. Cada una cuesta {ach_fee}. Si quiere que llegue en segundos, puede "
            "usar Bre-B con la llave del destinatario.",
            "Con gusto. El costo es de {ach_fee} por transferencia y, si la hace {ach_cutoff} en día hábil, se abona el "
            "mismo día. Fines de semana y festivos se procesan el siguiente día hábil.",
        ),
        required_facts=("ach_cutoff", "ach_fee"),
        reference="Si se hace {ach_cutoff} en día hábil llega el mismo día; cuesta {ach_fee} por transferencia.",
        followups=(("¿Y si la hago un sábado?", "Lo que transfiera a otros bancos en sábado, domingo o festivo se abona el siguiente día hábil."),),
    ),
    Intent(
        id="transfer_limit", topic="transferencias", kb_ids=("bank-transferencias",),
        questions=(
            "¿Cuál es el tope diario para transferir desde la app?", "No me deja transferir {monto}, dice que supera el límite",
            "¿Cuánta plata puedo transferir al día?", "Acabo de inscribir una cuenta y no me deja transferirle, ¿por qué?",
            "¿Puedo subir el monto máximo de transferencias?", "inscribí a mi hermano como beneficiario pero no aparece para transferir",
            "Buenas, ¿cuál es el máximo que se puede enviar en un día por la aplicación?",
            "¿Cuánto tiempo tengo que esperar después de inscribir una cuenta nueva?",
            "me sale error de monto al transferir, cuánto es lo máximo?",
            "Necesito pagar la cuota inicial de un carro, ¿la app me deja transferir tanto?",
        ),
        eval_questions=(
            "¿Hasta qué valor diario permite enviar la aplicación Guadua Móvil?",
            "Registré un destinatario hace un rato y la transferencia sigue sin habilitarse",
            "¿Existe un límite de dinero para mover por día desde el celular?",
            "¿Por qué hay espera para usar una cuenta que acabo de agregar?",
            "Quiero mandar una suma grande hoy, ¿cuál es el máximo permitido?",
            "¿En cuánto rato puedo transferirle a un contacto recién registrado?",
            "La transacción fue rechazada por exceder el monto permitido",
            "¿Cuál es la cantidad más alta que puedo transferir en una jornada?",
            "Agregué una cuenta de terceros y me dice que todavía no está disponible",
            "¿Qué restricciones de monto y de tiempo tienen las transferencias a cuentas nuevas?",
        ),
        answers=(
            "Desde la app puede transferir hasta {transfer_daily_limit} al día. Por seguridad, las cuentas recién "
            "inscritas quedan habilitadas después de {new_payee_wait}. Para montos mayores puede acercarse a una oficina.",
            "El tope diario en la app es de {transfer_daily_limit}. Si acaba de inscribir la cuenta, espere "
            "{new_payee_wait} y ya le aparecerá disponible.",
        ),
        required_facts=("transfer_daily_limit", "new_payee_wait"),
        reference="El tope diario en la app es {transfer_daily_limit}; una cuenta recién inscrita se habilita después de {new_payee_wait}.",
    ),
    Intent(
        id="wrong_transfer", topic="transferencias", kb_ids=("bank-transferencias", "bank-canales"),
        questions=(
            "Transferí plata a la cuenta equivocada, ¿la pueden devolver?",
            "me equivoqué en un número de la cuenta y mandé {monto} a otra persona",
            "¿Cómo reverso una transferencia que hice por error?", "Le mandé plata a quien no era, ayúdenme por favor",
            "Hice una transferencia a una cuenta de {banco} que no era la correcta", "¿Qué hago si envié dinero a una cuenta errada?",
            "Buenas, ayer transferí a un número equivocado y la persona no contesta", "¿Se puede cancelar una transferencia ya hecha?",
            "puse mal la llave y mi plata se fue para otro lado", "¿Cuánto tiempo demora la reclamación de una transferencia errada?",
        ),
        eval_questions=(
            "Por un dígito mal escrito el dinero terminó en la cuenta de un desconocido",
            "¿Tienen algún proceso para recuperar un envío hecho al destinatario incorrecto?",
            "¿En cuántos días me responden la solicitud de devolución de una transferencia?",
            "Me confundí de contacto y le giré el pago del arriendo a otra persona",
            "¿Pueden echar para atrás una transferencia que ya salió de mi cuenta?",
            "El dinero que mandé no le llegó a mi primo sino a otra cuenta",
            "Quisiera radicar un reclamo porque transferí a una cuenta errónea",
            "¿Qué opciones hay si la persona que recibió mi plata por error no la quiere devolver?",
            "Necesito que me ayuden a recuperar un pago que hice a la cuenta que no era",
            "¿Cuánto se tarda el banco en gestionar una reversión por error del cliente?",
        ),
        answers=(
            "Entiendo. Vamos a radicar la solicitud de devolución: contactamos al banco o al titular que recibió el dinero "
            "y le damos respuesta en máximo {wrong_transfer_claim}. La devolución depende de que el titular la autorice. "
            "Lo comunico con el área de reclamos para iniciar el trámite.",
            "Lamento el inconveniente. Radico el caso con el área de reclamos, que le responde en {wrong_transfer_claim}; "
            "ellos solicitan el reintegro a la cuenta que recibió la plata.",
        ),
        required_facts=("wrong_transfer_claim",),
        reference="Se radica una solicitud de devolución con el área de reclamos, que responde en {wrong_transfer_claim}; "
        "el reintegro depende del titular que recibió el dinero.",
        asks_for="cedula", escalate=True,
    ),
    Intent(
        id="breb_keys", topic="transferencias", kb_ids=("bank-transferencias",),
        questions=(
            "¿Qué es Bre-B y cómo registro mi llave?", "¿Cómo creo una llave para recibir transferencias?",
            "quiero recibir plata con mi numero de celular, se puede?", "¿Qué llaves puedo registrar en Bre-B?",
            "Buenas, ¿las transferencias con llave llegan de una?", "¿Cuánto tarda una transferencia por Bre-B?",
            "Me dijeron que ya se puede transferir entre bancos al instante, ¿cómo es eso?", "¿Puedo usar mi correo como llave?",
            "¿Sumercé me explica cómo funciona lo de las llaves para transferir?", "Quiero que me paguen a mi cédula, ¿cómo hago?",
        ),
        eval_questions=(
            "¿Qué datos sirven como identificador para que otros me consignen con el sistema de pagos inmediatos?",
            "¿Es verdad que ahora el dinero entre bancos llega en segundos?",
            "Me piden una llave para hacerme un pago, ¿cuál puedo inscribir?",
            "¿Puedo asociar mi número de teléfono a la cuenta para cobrar más fácil?",
            "¿Qué tan rápido se acredita un pago hecho con llave?",
            "Explíqueme el nuevo sistema de transferencias inmediatas del Banco de la República",
            "¿Qué tengo que registrar para que me transfieran sin dar el número de cuenta?",
            "¿Las llaves de pago funcionan con cualquier banco?", "Mi cliente quiere pagarme por llave, ¿cómo la activo en la app?",
            "Quiero dejar de dar mi número de cuenta para cobrar, ¿hay otra opción?",
        ),
        answers=(
            "Con Bre-B usted registra una llave en la app y cualquier persona, de cualquier banco, le transfiere con ella. "
            "Puede usar como llave su {breb_keys}, y el dinero llega en {breb_speed}, sin costo.",
            "En la app entre a Transferencias > Mis llaves y registre su {breb_keys}. Las transferencias con llave llegan "
            "en {breb_speed}, a cualquier hora y cualquier día.",
        ),
        required_facts=("breb_keys", "breb_speed"),
        reference="Se registra una llave Bre-B en la app (su {breb_keys}) y las transferencias llegan en {breb_speed}.",
    ),
    Intent(
        id="pse_failed", topic="pse", kb_ids=("bank-pse",),
        questions=(
            "Pagué por PSE y me descontaron plata pero la compra no salió", "la transacción de PSE quedó pendiente, ¿qué hago?",
            "¿Cuándo me devuelven mi plata de un pago PSE que falló?",
            "Hice un pago PSE en {comercio} y el comercio dice que no le llegó", "Me debitaron dos veces un pago por PSE",
            "Buenas, el pago de la matrícula por PSE aparece en proceso desde hace rato",
            "¿Cuánto tarda en reversarse un PSE rechazado?", "pse me descontó y no me dio comprobante",
            "¿Por qué mi pago PSE dice pendiente?", "Pagué la factura del gas por PSE y me la siguen cobrando",
        ),
        eval_questions=(
            "El botón de pagos me sacó el dinero pero la tienda no registró la orden",
            "¿En qué plazo reintegran un débito de PSE que no se completó?",
            "Llevo un buen rato con una transacción en estado pendiente en PSE",
            "¿Qué pasa con el dinero si la página del comercio se cayó en medio del pago?",
            "Me descontaron el valor de un pago en línea que salió fallido",
            "¿Debo esperar o reclamar si el pago electrónico no se confirma?",
            "El pago de la universidad quedó en el aire, ¿qué hago?", "¿Cuántos días se demora la devolución cuando PSE falla?",
            "Intenté pagar el SOAT en línea y el dinero salió pero no tengo póliza",
            "Aparece un cobro de PSE que el comercio asegura no haber recibido",
        ),
        answers=(
            "Un pago PSE pendiente se confirma o se rechaza en máximo {pse_pending}. Si al final no se completó y el dinero "
            "salió de su cuenta, el reintegro automático llega en {pse_refund}. Si después de ese plazo no lo ve, radicamos el reclamo.",
            "Ya revisé: la transacción quedó sin confirmar. Espere {pse_pending} a que el comercio la confirme; si no, la "
            "plata vuelve sola a su cuenta en {pse_refund}.",
        ),
        required_facts=("pse_pending", "pse_refund"),
        reference="Un PSE pendiente se resuelve en {pse_pending}; si falla, el dinero vuelve a la cuenta en {pse_refund}.",
        asks_for="cedula",
        followups=(("¿Cuál es el máximo que se puede pagar por PSE?", "Por PSE puede pagar hasta {pse_limit} por transacción."),),
    ),
    Intent(
        id="unrecognized_charge", topic="fraude", kb_ids=("bank-fraude",),
        questions=(
            "Tengo una compra en la tarjeta que yo no hice", "me aparecen cobros que no reconozco en la tarjeta de crédito",
            "Alguien hizo compras con mi tarjeta en {comercio}, ¿qué hago?", "¿Cómo reclamo un cargo que no reconozco?",
            "Me llegó un mensaje de una compra por {monto} que no hice",
            "Buenas, revisando el extracto vi dos compras en {pais} y yo no he salido de Colombia",
            "Quiero desconocer una transacción de la tarjeta", "¿Cuánto tiempo tengo para reclamar una compra no reconocida?",
            "me clonaron la tarjeta creo", "Hay retiros de mi cuenta que yo no hice, ayuda",
        ),
        eval_questions=(
            "Apareció un cargo de una plataforma que nunca he usado, ¿cómo lo objeto?",
            "Creo que alguien tiene los datos de mi tarjeta porque hay consumos raros",
            "¿Qué plazo hay para disputar un cobro después de que sale en el extracto?",
            "En cuánto tiempo me responden si reporto un fraude con mi tarjeta",
            "No reconozco unos pagos con la tarjeta de crédito hechos anoche",
            "¿Me devuelven la plata si comprueban que fue un uso fraudulento?",
            "Me notificaron una transacción que no hice, ¿qué debo hacer ya mismo?",
            "Sospecho que copiaron mi tarjeta en un datáfono de un restaurante",
            "¿Cómo inicio un contracargo por una compra que no autoricé?", "Vi débitos extraños en la cuenta de ahorros esta mañana",
        ),
        answers=(
            "Lamento lo ocurrido. Ya bloqueé la tarjeta para evitar más cargos. Usted tiene hasta {dispute_window} desde "
            "la fecha de la compra para desconocerla, y el área de fraude le da respuesta en {fraud_claim_response}. Lo "
            "paso ya con un especialista de fraude para radicar el reclamo.",
            "Entiendo su preocupación. Vamos a radicar el desconocimiento de la compra: tiene {dispute_window} para "
            "hacerlo y la respuesta llega en {fraud_claim_response}. Lo transfiero con el equipo de fraude, que revisa "
            "cada movimiento con usted.",
        ),
        required_facts=("dispute_window", "fraud_claim_response"),
        reference="La compra no reconocida se reclama dentro de {dispute_window}; el área de fraude responde en "
        "{fraud_claim_response} y el caso se escala a un especialista.",
        asks_for="card_last4", escalate=True,
    ),
    Intent(
        id="phishing", topic="fraude", kb_ids=("bank-fraude",),
        questions=(
            "Me llamaron del banco pidiéndome el código que me llegó, ¿es normal?",
            "Recibí un mensaje de texto diciendo que mi cuenta está bloqueada y con un link",
            "¿Ustedes piden la clave por WhatsApp?", "Me llegó un correo raro a nombre del banco, ¿cómo lo reporto?",
            "le di el código OTP a un señor que dijo ser del banco, ¿qué hago?",
            "Buenas, un asesor me llamó para actualizar datos y me pidió la clave de la app",
            "¿Este número que me escribió es de ustedes?", "¿A dónde reenvío un correo sospechoso?",
            "Creo que caí en una estafa, puse mis datos en una página falsa",
            "Me escribieron por WhatsApp ofreciendo un crédito preaprobado y pidiendo datos",
        ),
        eval_questions=(
            "Una persona que decía ser asesora me pidió leerle un código de seguridad",
            "¿Es legítimo un SMS que pide ingresar a un enlace para desbloquear la cuenta?",
            "Me contactaron para verificar mi tarjeta y quieren la contraseña, ¿es verdad?",
            "¿Qué canal tienen para denunciar intentos de suplantación del banco?",
            "Sin querer entregué mi clave dinámica por teléfono", "¿Cómo sé si una llamada de Banco Guadua es real?",
            "Ingresé mi usuario en un sitio que se parecía al del banco",
            "¿El banco alguna vez solicita contraseñas por mensaje o llamada?",
            "Tengo capturas de una conversación de alguien haciéndose pasar por ustedes",
            "Recibí una supuesta notificación de premio del banco que pide mis datos",
        ),
        answers=(
            "Banco Guadua {never_asks} por llamada, SMS, correo ni WhatsApp. Reenvíe el mensaje o correo a {fraud_email}. "
            "Si ya entregó un código o una clave, llame ya al {fraud_line}; le paso de inmediato con el área de fraude "
            "para proteger sus productos.",
            "Ojo: es un intento de fraude, porque el banco {never_asks}. Repórtelo a {fraud_email} y, si alcanzó a dar "
            "datos, comuníquese al {fraud_line}. Le transfiero con un especialista de fraude para bloquear lo necesario.",
        ),
        required_facts=("never_asks", "fraud_email", "fraud_line"),
        reference="El banco {never_asks}; los intentos se reportan a {fraud_email} y, si se entregaron datos, se llama a "
        "la línea de fraude {fraud_line} y el caso pasa a un especialista.",
        escalate=True,
    ),
    Intent(
        id="loan_rates", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Cuál es la tasa del crédito de libre inversión?", "quiero un prestamo, a cuanto esta el interes?",
            "¿A cuántos meses puedo sacar un crédito?", "Buenas, necesito {monto} para arreglar la casa, ¿qué tasa manejan?",
            "¿Cuál es el plazo máximo de un crédito de libre inversión?", "¿Qué tasa de interés tienen los préstamos personales?",
            "Estoy pensando en pedir un crédito para pagar deudas, ¿a qué plazo y tasa?",
            "¿Cuánto es lo máximo que me pueden dar de plazo?", "Me ofrecieron un crédito en {banco}, ¿ustedes qué tasa dan?",
            "¿Los créditos de libre inversión tienen tasa fija?",
        ),
        eval_questions=(
            "Quiero un préstamo para un negocio pequeño, ¿cuánto cobran de interés mensual?",
            "¿En cuántas cuotas como máximo se puede diferir un crédito personal?",
            "¿Qué interés manejan hoy para plata prestada sin destino específico?",
            "Si pido un préstamo, ¿hasta cuántos meses me dan para pagarlo?",
            "Comparando ofertas: ¿cuál es su tasa para libre inversión?",
            "¿Qué condiciones de interés y plazo tiene un préstamo con ustedes?",
            "Necesito financiar unos estudios, ¿qué tan barato es el crédito?",
            "¿Cuál es el periodo más largo para pagar un préstamo de consumo?",
            "¿Desde qué porcentaje arrancan las tasas de los créditos?",
            "Me gustaría consolidar mis deudas con ustedes, ¿qué tasa me darían?",
        ),
        answers=(
            "El crédito de libre inversión tiene una tasa {loan_rate}, fija durante todo el crédito, y un plazo de hasta "
            "{loan_max_term}. La tasa final depende de su perfil.",
            "Con gusto. Manejamos tasas {loan_rate} y plazos de hasta {loan_max_term}. Puede simular la cuota en la app sin compromiso.",
        ),
        required_facts=("loan_rate", "loan_max_term"),
        reference="Tasa fija {loan_rate} y plazo máximo de {loan_max_term}.",
        followups=(("¿El crédito tiene seguro?", "Sí, incluye seguro de vida deudor de {loan_insurance} prestado, que va en la cuota."),),
    ),
    Intent(
        id="loan_requirements", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Qué requisitos piden para un crédito?", "¿Qué papeles necesito para solicitar un préstamo?",
            "Soy empleado, ¿qué documentos me piden para el crédito de libre inversión?", "cuanto tengo que ganar para que me presten",
            "¿En cuánto tiempo aprueban un crédito?", "Buenas tardes, radiqué la solicitud de crédito, ¿cuándo me responden?",
            "¿Cuáles son los ingresos mínimos para pedir un préstamo?", "Quiero pedir un crédito, ¿qué necesito llevar?",
            "¿Me prestan si gano el mínimo?", "¿Qué tan rápido es el estudio del crédito?",
        ),
        eval_questions=(
            "¿Cuánto debe ganar uno al mes para calificar a un préstamo personal?",
            "¿Qué soportes de ingresos hay que adjuntar a la solicitud de crédito?",
            "Mandé todo para el préstamo, ¿en cuántas horas sale la respuesta?",
            "Si soy asalariado, ¿qué me exigen para prestarme plata?",
            "¿Qué condiciones debo cumplir para que me aprueben un crédito de consumo?",
            "¿Cuánto se demora el análisis de una solicitud de préstamo?",
            "Quiero saber si califico para un crédito con un sueldo básico",
            "Enumere los documentos para aplicar a libre inversión",
            "¿Qué tan demorada es la aprobación después de enviar los desprendibles?",
            "¿Cuál es el salario mínimo requerido por ustedes para un préstamo?",
        ),
        answers=(
            "Para el crédito de libre inversión necesita ingresos desde {loan_min_income} y adjuntar sus {loan_docs} (o "
            "la declaración de renta si es independiente). La respuesta llega en {loan_approval}.",
            "Con gusto le cuento: pedimos ingresos mínimos de {loan_min_income}, su cédula y los {loan_docs}. Una vez "
            "radicada la solicitud, el estudio tarda {loan_approval}.",
        ),
        required_facts=("loan_min_income", "loan_docs", "loan_approval"),
        reference="Ingresos desde {loan_min_income} y los {loan_docs}; la respuesta llega en {loan_approval}.",
        asks_for="cedula",
        followups=(
            ("¿Y cuánto es lo mínimo y lo máximo que prestan?", "Prestamos desde {loan_min_amount} hasta {loan_max_amount}, según su capacidad de pago."),
            ("Si me aprueban, ¿en cuánto tiempo me consignan?", "El desembolso llega a su cuenta Guadua en {loan_disbursement} después de firmar el pagaré digital."),
        ),
    ),
    Intent(
        id="loan_prepayment", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Puedo hacer abonos extra a mi crédito?", "quiero pagar el crédito completo antes de tiempo, ¿me cobran algo?",
            "¿Hay multa por prepagar un préstamo?", "Me llegó una prima y quiero abonar a capital, ¿cómo hago?",
            "¿Si adelanto cuotas del crédito me bajan los intereses?", "Buenas, ¿cómo cancelo totalmente mi préstamo?",
            "¿Los abonos a capital tienen penalidad?", "Quiero reducir el plazo del crédito con un abono, ¿se puede?",
            "¿Puedo pagar más de la cuota mensual del préstamo?", "Tengo {monto} extra, ¿los puedo abonar al crédito?",
        ),
        eval_questions=(
            "¿Qué sanción aplica si liquido el préstamo anticipadamente?",
            "Me gané una plata y quisiera salir de la deuda del crédito ya",
            "¿Es posible amortizar capital sin esperar a la cuota del mes?",
            "¿Cobran algún recargo cuando uno salda el crédito antes del plazo?",
            "¿Qué pasa si deposito un valor mayor al de la cuota del préstamo?",
            "Con la cesantía quiero disminuir lo que debo del crédito",
            "¿Cómo hago un pago anticipado total de mi libre inversión?", "¿Me penalizan por pagar más rápido lo que debo?",
            "Quisiera saber si adelantar pagos me ahorra intereses", "¿Dónde hago un abono extraordinario al préstamo?",
        ),
        answers=(
            "Sí, puede hacer abonos a capital o pagar el total cuando quiera, {loan_prepay}. En la app vaya a Créditos > "
            "Abonar y elija si quiere reducir el plazo o la cuota.",
            "Claro que sí: los prepagos y abonos extraordinarios son {loan_prepay} y reducen los intereses que paga. Se "
            "hacen en la app o en cualquier oficina.",
        ),
        required_facts=("loan_prepay",),
        reference="Los abonos a capital y el pago total anticipado se pueden hacer en cualquier momento, {loan_prepay}.",
        asks_for="cedula",
    ),
    Intent(
        id="app_forgot_password", topic="app", kb_ids=("bank-app",),
        questions=(
            "Olvidé la clave de la app, ¿cómo la recupero?", "no me acuerdo de la contraseña para entrar a la aplicacion",
            "¿Cómo cambio la clave de ingreso a la app?", "Buenas, cambié de celular y no recuerdo la clave de la app",
            "¿Cuántos dígitos tiene la clave de la aplicación?", "Necesito restablecer la clave para entrar desde mi computador",
            "¿Dónde cambio la contraseña de la banca móvil?", "se me olvidó la clave y necesito pagar algo urgente",
            "¿Cómo creo una clave nueva para la app Guadua Móvil?", "Mi mamá no se acuerda de su clave de la app, ¿cómo le ayudo?",
        ),
        eval_questions=(
            "Perdí la contraseña con la que ingreso a la banca en línea",
            "¿Qué opción uso en la pantalla de inicio si no sé mi clave?",
            "¿Cómo genero una nueva contraseña digital sin ir al banco?", "¿Qué longitud debe tener la clave para la aplicación?",
            "Hace meses no entro a la app y ya no sé con qué clave",
            "¿Es posible reiniciar la clave de acceso desde el teléfono?",
            "Quiero entrar a la página web del banco pero no tengo la contraseña",
            "Dígame el procedimiento para recuperar el acceso si olvidé la clave",
            "¿La contraseña de la app es la misma del cajero o es otra?",
            "Nunca supe cuál era mi clave de la aplicación, ¿cómo la asigno?",
        ),
        answers=(
            "En la pantalla de inicio de la app toque «{forgot_path}», valide su identidad con la cédula y el código que "
            "le llega al celular, y cree una clave nueva de {app_password_digits}. Es distinta de la clave del cajero.",
            "Con gusto. Use la opción «{forgot_path}» en la app o en la web; después de validarse, asigna una clave de {app_password_digits}.",
        ),
        required_facts=("forgot_path", "app_password_digits"),
        reference="Se recupera con la opción «{forgot_path}» en la app; la nueva clave es de {app_password_digits}.",
        followups=(("¿Y si no me llega el código?", "Verifique que el celular registrado esté activo; si cambió de número, debe actualizarlo en una oficina con la {phone_change}."),),
    ),
    Intent(
        id="app_locked", topic="app", kb_ids=("bank-app",),
        questions=(
            "La app me dice usuario bloqueado", "me bloquearon la aplicacion, no puedo entrar",
            "¿Por qué se bloqueó mi acceso a la banca móvil?", "Buenas, intenté entrar varias veces a la app y ahora está bloqueada",
            "¿Cuánto tiempo dura bloqueada la app?", "¿Cómo desbloqueo mi usuario de la aplicación?",
            "Me salió un mensaje de acceso suspendido en la app", "¿Cuántos intentos tengo para entrar a la app antes de que se bloquee?",
            "no puedo ingresar desde mi computador, dice bloqueado", "Necesito que me desbloqueen la app ya, tengo que pagar la nómina",
        ),
        eval_questions=(
            "Después de varios errores al entrar, la aplicación ya no me deja seguir",
            "¿El bloqueo del usuario digital se quita solo o hay que llamar?",
            "¿Cuál es el número de intentos errados permitidos en la banca en línea?",
            "¿En cuántas horas se reactiva el ingreso a la app?",
            "Tengo la banca virtual inhabilitada por equivocarme de contraseña",
            "¿Qué debo hacer para volver a entrar si la plataforma me bloqueó?",
            "Quedé por fuera de la app y necesito hacer un pago hoy",
            "Mi esposo bloqueó el usuario probando claves, ¿cómo lo solucionamos?",
            "¿Es posible reactivar el acceso a la aplicación antes de que pase el tiempo de espera?",
            "La web del banco dice acceso restringido por seguridad",
        ),
        answers=(
            "Por seguridad, el usuario se bloquea tras {app_lock_attempts} con clave errada. Se desbloquea solo después "
            "de {app_unlock_wait}, o antes si restablece la clave con «{forgot_path}».",
            "El acceso se suspende después de {app_lock_attempts}. Puede esperar {app_unlock_wait} a que se libere o crear "
            "una clave nueva con «{forgot_path}» y entrar de inmediato.",
        ),
        required_facts=("app_lock_attempts", "app_unlock_wait"),
        reference="Se bloquea tras {app_lock_attempts}; se libera solo después de {app_unlock_wait} (o antes, restableciendo la clave).",
        asks_for="cedula",
    ),
    Intent(
        id="token_otp", topic="app", kb_ids=("bank-app",),
        questions=(
            "No me llega el código de verificación para transferir", "¿Cómo activo el token en la app?",
            "el codigo otp se vence muy rapido", "¿Cuánto dura el código del token?",
            "Buenas, me pide un token para una transferencia y no sé dónde está", "¿Dónde encuentro la clave dinámica?",
            "Me dice código inválido cuando pongo el token", "¿Necesito un token físico o está en la app?",
            "cambié de celular y ahora no tengo el token", "¿Cuánto tiempo tengo para escribir el código que me llega por SMS?",
        ),
        eval_questions=(
            "La clave de un solo uso que envían ya no sirve cuando la digito",
            "¿Por cuántos segundos es válido el código de seguridad?",
            "¿En qué menú de la aplicación se habilita el token digital?",
            "Para aprobar pagos me pide un código temporal que no encuentro",
            "¿El banco entrega algún llavero o dispositivo para las claves dinámicas?",
            "Me sale que el código expiró antes de que alcance a escribirlo", "¿Cómo configuro el token en el teléfono nuevo?",
            "Los mensajes con el código de autorización no me están llegando",
            "¿Qué vigencia tiene la clave temporal para confirmar transacciones?",
            "Quiero dejar activo el token para no depender de los mensajes",
        ),
        answers=(
            "El token está dentro de la app, en {token_path}; actívelo una vez y genera códigos sin depender del SMS. "
            "Cada código dura {otp_validity}, así que escríbalo apenas le aparezca.",
            "Los códigos dinámicos son válidos por {otp_validity}. Si el SMS no le llega, active el token en {token_path} y los tendrá en la app.",
        ),
        required_facts=("token_path", "otp_validity"),
        reference="El token se activa en la app en {token_path}; cada código es válido por {otp_validity}.",
    ),
    Intent(
        id="change_phone", topic="app", kb_ids=("bank-app", "bank-canales"),
        questions=(
            "Cambié de número de celular, ¿cómo lo actualizo en el banco?", "¿Cómo actualizo mi número de teléfono?",
            "perdí la línea y los códigos llegan al número viejo",
            "Buenas, necesito cambiar el celular registrado, ¿lo puedo hacer por aquí?", "¿Puedo actualizar el número desde la app?",
            "Me robaron el celular y ahora tengo otra línea", "¿Qué necesito para cambiar el número al que me llegan los mensajes?",
            "los sms del banco le llegan a mi ex, quiero cambiar el número",
            "¿Por qué no me dejan actualizar el celular por teléfono?", "Tengo un número nuevo, ¿dónde lo registro?",
        ),
        eval_questions=(
            "Mi línea anterior ya no existe, ¿cómo cambio el contacto registrado en el banco?",
            "¿Qué documento llevo a la oficina para modificar mi número móvil?",
            "Las notificaciones me siguen llegando al teléfono que ya no uso",
            "Quiero reemplazar el número asociado a mi cuenta por el de mi nuevo plan",
            "¿Es obligatorio ir presencialmente para actualizar el celular?",
            "¿Cómo hago el cambio del número para los códigos de seguridad?",
            "Cambié de operador y de número, ¿qué trámite debo hacer con ustedes?",
            "¿Por qué no se puede modificar el teléfono de contacto por el chat?",
            "Necesito poner al día mis datos de contacto, sobre todo el celular",
            "¿Qué pasos sigo para registrar otro número de teléfono en mi perfil?",
        ),
        answers=(
            "Por seguridad, el celular registrado solo se cambia en una oficina presentando su {phone_change}, porque a ese "
            "número llegan los códigos de verificación. El cambio queda activo el mismo día.",
            "Entiendo. Ese dato no se puede cambiar por chat ni por teléfono: debe ir a cualquier oficina, de "
            "{branch_hours}, con su {phone_change}.",
        ),
        required_facts=("phone_change",),
        reference="El celular registrado solo se cambia en una oficina presentando la {phone_change}.",
    ),
    Intent(
        id="savings_account", topic="ahorros", kb_ids=("bank-ahorros",),
        questions=(
            "¿Cuánto paga de intereses la cuenta de ahorros?", "quiero abrir una cuenta de ahorros, qué necesito?",
            "¿La cuenta de ahorros tiene cuota de manejo?", "¿Con cuánta plata se abre una cuenta?",
            "Buenas, ¿qué rentabilidad tiene la cuenta de ahorros Guadua?", "¿Cómo abro una cuenta desde el celular?",
            "Quiero ahorrar para un viaje, ¿qué me ofrecen?", "¿Hay que tener un saldo mínimo en la cuenta de ahorros?",
            "¿Cuánto cuesta tener la cuenta de ahorros al mes?", "Mi hija cumplió 18 y quiere abrir su primera cuenta, ¿qué necesita?",
        ),
        eval_questions=(
            "¿Qué tasa efectiva anual reconocen sobre el saldo ahorrado?",
            "¿Se necesita un depósito inicial para empezar a ahorrar con ustedes?",
            "¿Cuál es el costo mensual de mantener la cuenta de ahorros abierta?",
            "Me interesa guardar mi plata con ustedes, ¿cuánto rinde?",
            "Estoy pensando cambiarme de banco, ¿qué condiciones tiene su cuenta de ahorros?",
            "¿Dan intereses por la plata que uno deja quieta en la cuenta?", "¿Puedo abrir la cuenta en línea sin consignar nada?",
            "¿Qué me cobran y qué me pagan por tener una cuenta con ustedes?", "¿Cuánto gano al año si dejo mis ahorros en el banco?",
            "Quiero una cuenta para recibir mi sueldo, ¿qué beneficios tiene?",
        ),
        answers=(
            "La cuenta de ahorros Guadua paga {savings_rate}, se abre en la app {opening_min} y tiene una cuota de manejo "
            "de {savings_fee} al mes.",
            "Con gusto: la cuenta rinde {savings_rate}, cuesta {savings_fee} mensuales y puede abrirla {opening_min}, solo con su cédula.",
        ),
        required_facts=("savings_rate", "savings_fee", "opening_min"),
        reference="Paga {savings_rate}, cuesta {savings_fee} al mes y se abre {opening_min}.",
    ),
    Intent(
        id="bank_certificate", topic="ahorros", kb_ids=("bank-ahorros",),
        questions=(
            "¿Cómo saco una certificación bancaria?", "necesito un certificado de la cuenta para un trabajo",
            "¿Dónde descargo la certificación bancaria en la app?", "Buenas, me piden una constancia de que tengo cuenta con ustedes",
            "¿La certificación bancaria tiene costo?", "¿Me pueden mandar un certificado bancario al correo?",
            "Necesito una referencia bancaria para arrendar un apartamento", "¿Cómo obtengo el certificado de mi cuenta de ahorros?",
            "en qué parte de la app está el certificado bancario", "Mi empresa me pide la certificación para consignarme la nómina",
        ),
        eval_questions=(
            "Me exigen un documento que demuestre que la cuenta está a mi nombre",
            "¿Desde qué menú se genera la constancia de titularidad de la cuenta?",
            "Para un contrato me piden referencia del banco, ¿cómo la consigo?",
            "¿Hay que pagar por la carta que certifica mi cuenta?", "¿Puedo bajar yo mismo el certificado sin ir a la sucursal?",
            "La empresa donde voy a trabajar solicita certificado del número de cuenta",
            "¿Cómo descargo en PDF la certificación de mis productos?",
            "Un proveedor necesita confirmar mi cuenta, ¿qué documento le envío?",
            "¿Dónde encuentro la opción para expedir una referencia bancaria?",
            "Quisiera tramitar una certificación de la cuenta hoy mismo",
        ),
        answers=(
            "La descarga usted mismo en la app o la web, en {certificate_path}; sale en PDF al instante y no tiene costo.",
            "Con gusto. Entre a la app, vaya a {certificate_path}, elija la cuenta y descargue el PDF. Es gratis y tiene validez inmediata.",
        ),
        required_facts=("certificate_path",),
        reference="Se descarga gratis en la app o la web en {certificate_path}.",
    ),
    Intent(
        id="atm_fees", topic="cajeros", kb_ids=("bank-cajeros",),
        questions=(
            "¿Cuánto cobran por retirar en cajeros de otros bancos?", "¿Cuántos retiros gratis tengo al mes?",
            "¿Cuánto es lo máximo que puedo sacar en el cajero al día?", "buenas, me cobraron un retiro en el cajero, por qué?",
            "¿Es gratis sacar plata en los cajeros Guadua?",
            "Estoy en {ciudad} y no hay cajero de ustedes cerca, ¿cuánto me cobran en otro?",
            "¿Cuál es el tope de retiro diario?", "Necesito sacar {monto} en efectivo hoy, ¿me deja el cajero?",
            "¿Por qué me descontaron por un retiro?", "cuanto cuesta retirar en cajero de otra red",
        ),
        eval_questions=(
            "¿Qué comisión me descuentan si saco efectivo en una red diferente a la suya?",
            "¿Cuántas veces al mes puedo retirar sin pagar en sus cajeros?",
            "¿Hasta cuánto efectivo entrega el cajero en un solo día?", "Noté un cargo por un retiro, ¿no eran gratuitos?",
            "¿Qué me sale retirar plata en un cajero que no es del banco?",
            "Voy a necesitar bastante efectivo, ¿cuál es el límite de extracción diaria?",
            "¿Me cobran por sacar dinero con la débito en cualquier cajero?",
            "¿Cuál es la política de costos de retiros en cajeros propios y ajenos?",
            "Explíqueme cuánto vale cada retiro después de los gratuitos",
            "¿Cuánto dinero se puede sacar máximo por cajero en 24 horas?",
        ),
        answers=(
            "En cajeros Guadua tiene {own_atm_free}; los retiros adicionales y los hechos en cajeros de otras redes "
            "cuestan {other_atm_fee} cada uno. Puede retirar hasta {atm_daily_limit} al día.",
            "Con gusto: su cuenta incluye {own_atm_free} en nuestra red. Fuera de eso, cada retiro vale {other_atm_fee}. "
            "El tope diario de retiro es de {atm_daily_limit}.",
        ),
        required_facts=("own_atm_free", "other_atm_fee", "atm_daily_limit"),
        reference="{own_atm_free} en cajeros Guadua; los demás retiros cuestan {other_atm_fee}; el tope diario es {atm_daily_limit}.",
    ),
    Intent(
        id="atm_no_cash", topic="cajeros", kb_ids=("bank-cajeros", "bank-canales"),
        questions=(
            "El cajero no me dio plata pero sí me descontó el retiro", "hice un retiro y el cajero no dio el dinero",
            "Buenas, en un cajero de {ciudad} me salió error y sí me descontaron plata", "¿Qué hago si el cajero me dio menos plata?",
            "El cajero se tragó mi plata, ¿qué hago?", "Me descontaron {monto} de un retiro que no recibí",
            "¿Cómo reclamo un retiro fallido en cajero?", "el cajero se quedó con mi tarjeta y además me descontó",
            "¿Cuánto se demora la devolución de un retiro que el cajero no entregó?",
            "Retiré en un cajero de otra red y no salió el efectivo",
        ),
        eval_questions=(
            "La máquina dispensadora no soltó los billetes y el movimiento aparece en la cuenta",
            "¿En cuánto tiempo me reintegran un retiro que no se completó?",
            "Me salieron billetes de menos al retirar, ¿cómo lo reporto?",
            "Tengo un débito por una extracción que nunca recibí físicamente",
            "¿Qué plazo tiene el banco para resolver un problema de cajero?",
            "El ATM se apagó en plena transacción y ya me descontaron", "¿A quién le reclamo si el dinero no salió del cajero?",
            "Hubo una falla del cajero y necesito que me regresen lo descontado",
            "Solicito la revisión de un retiro que aparece exitoso pero no recibí",
            "¿Cómo se resuelve cuando el cajero cobra y no entrega?",
        ),
        answers=(
            "Lamento el inconveniente. Radico el reclamo con el área de cajeros, que revisa el cuadre de la máquina; la "
            "respuesta y el reintegro llegan en máximo {atm_claim}. Lo paso con un asesor para tomar los datos del cajero y la hora.",
            "Entiendo. Este caso lo gestiona el área de reclamos: revisan el cajero y, si sobró efectivo, le devuelven la "
            "plata en {atm_claim}. Le transfiero con un asesor para radicarlo.",
        ),
        required_facts=("atm_claim",),
        reference="Se radica un reclamo con el área de cajeros; la respuesta y el reintegro llegan en {atm_claim}.",
        asks_for="card_last4", escalate=True,
    ),
    Intent(
        id="cardless_withdrawal", topic="cajeros", kb_ids=("bank-cajeros",),
        questions=(
            "¿Cómo retiro plata sin tarjeta?", "quiero sacar efectivo sin la tarjeta, se puede?",
            "¿Cuánto puedo retirar sin tarjeta?", "Buenas, se me quedó la tarjeta en la casa y necesito efectivo",
            "¿Cómo le mando plata a alguien para que la saque del cajero sin tarjeta?",
            "¿Cuánto dura el código de retiro sin tarjeta?", "Generé un retiro sin tarjeta y no lo alcancé a usar",
            "¿El retiro sin tarjeta funciona en cualquier cajero?", "necesito que mi hijo saque {monto} en {ciudad} sin tarjeta",
            "¿Dónde está la opción de retiro sin tarjeta en la app?",
        ),
        eval_questions=(
            "¿Puedo sacar efectivo del cajero solo con un código del celular?",
            "¿Cuál es el monto máximo para un retiro con código?",
            "Quiero que mi mamá reciba efectivo sin tener cuenta, ¿cómo lo hago?",
            "¿Por cuánto tiempo sirve el código para sacar plata?",
            "Dejé la billetera en la oficina y necesito dinero en efectivo ya mismo",
            "Se venció el código antes de llegar al cajero, ¿qué pasa con el dinero?",
            "¿Hay un límite para los retiros que se generan desde la app?",
            "Necesito enviar efectivo a otra ciudad para que lo retiren hoy",
            "¿Cómo funciona la opción de efectivo sin plástico?", "¿Qué tan pronto debo usar la clave de retiro que genero?",
        ),
        answers=(
            "En la app entre a Retiros > Sin tarjeta, indique el monto (hasta {cardless_limit}) y le damos un código "
            "{cardless_validity} para usar en cualquier cajero Guadua.",
            "Claro. Puede retirar hasta {cardless_limit} sin tarjeta; el código que genera en la app queda "
            "{cardless_validity}. Si no lo usa, el dinero vuelve a su cuenta automáticamente.",
        ),
        required_facts=("cardless_limit", "cardless_validity"),
        reference="Se genera en la app un retiro sin tarjeta de hasta {cardless_limit} con un código {cardless_validity}.",
    ),
    Intent(
        id="statements", topic="extractos", kb_ids=("bank-extractos",),
        questions=(
            "¿Dónde descargo el extracto de la cuenta?", "necesito los extractos de los últimos meses",
            "¿Cuándo sale el extracto de la tarjeta?", "Buenas, no me llegó el extracto al correo este mes",
            "¿Cuántos meses de extractos puedo descargar en la app?", "Necesito extractos para una declaración de renta",
            "¿Cómo saco un extracto de hace un año?", "¿Qué día está disponible el extracto mensual?",
            "no encuentro el extracto en la aplicación", "Para un trámite de visa me piden extractos, ¿de dónde los saco?",
        ),
        eval_questions=(
            "Me piden el estado de cuenta de los meses anteriores para un trámite",
            "¿Qué día del mes se genera el resumen de movimientos?",
            "¿Hasta qué fecha hacia atrás tienen disponibles los estados de cuenta digitales?",
            "¿En qué sección de la app aparecen los reportes mensuales de la cuenta?",
            "Para el préstamo de vivienda me exigen movimientos de varios meses",
            "¿Se puede descargar también el resumen de la tarjeta de crédito?",
            "No he recibido el resumen mensual en mi bandeja de entrada",
            "¿Cómo consigo en PDF el detalle de movimientos de mi tarjeta?",
            "¿Qué tan atrás puedo consultar mis extractos sin ir a la oficina?",
            "Quiero el historial de movimientos del año pasado completo",
        ),
        answers=(
            "Los extractos están en la app en {statement_path}; allí encuentra los {statement_history} en PDF. El del mes "
            "queda disponible el {statement_day}.",
            "Con gusto. Entre a {statement_path}: puede descargar los {statement_history}. Cada extracto se publica el "
            "{statement_day} y también le llega al correo registrado.",
        ),
        required_facts=("statement_path", "statement_history", "statement_day"),
        reference="Se descargan en la app en {statement_path} (los {statement_history}); cada extracto sale el {statement_day}.",
        followups=(("¿Y si lo quiero impreso?", "El extracto físico tiene un costo de {paper_statement_fee} por cada envío."),),
    ),
    Intent(
        id="gmf_4x1000", topic="4x1000", kb_ids=("bank-gmf",),
        questions=(
            "¿Qué es el 4x1000 que me descuentan?", "¿Cómo marco mi cuenta como exenta del 4 por mil?",
            "me cobraron 4x1000 y tengo la cuenta marcada", "¿Hasta qué monto no se cobra el 4x1000?",
            "Buenas, ¿cuánto es el gravamen de los movimientos financieros?", "¿Puedo tener dos cuentas exentas del 4x1000?",
            "¿Por qué me descontaron {monto} de 4 por mil?", "quiero que no me cobren el 4x1000, cómo hago",
            "¿Dónde se marca la exención del GMF en la app?",
            "Abrí la cuenta con ustedes y tenía otra marcada en {banco}, ¿qué hago con el 4x1000?",
        ),
        eval_questions=(
            "¿Qué impuesto es ese que aparece como GMF en los movimientos?",
            "¿Cuál es el tope mensual libre del gravamen si la cuenta está marcada?",
            "Quiero pasar la exención del impuesto a esta cuenta, ¿por dónde lo hago?",
            "¿Cuánto me quitan por cada retiro o transferencia por el impuesto del gobierno?",
            "¿Cuántas cuentas puede uno tener libres del gravamen financiero?",
            "Tengo la cuenta de nómina aquí y quiero que no me descuenten ese impuesto",
            "Me aparece un descuento pequeño en cada pago, ¿es el cuatro por mil?",
            "¿Cómo funciona la exención del impuesto a las transacciones?",
            "Si retiro más del tope de exención, ¿qué pasa?", "Explíqueme cómo calcular lo que me cobran de GMF",
        ),
        answers=(
            "El 4x1000 (GMF) es un impuesto del Estado: se cobran {gmf_rate} que salen de su cuenta. Puede marcar la "
            "cuenta como exenta en la app, en {gmf_mark_path}, y no paga el impuesto en movimientos de hasta "
            "{gmf_exempt} al mes. La exención aplica a {gmf_one_account}.",
            "Con gusto. El gravamen es de {gmf_rate} movidos. Si marca la cuenta en {gmf_mark_path}, queda exenta hasta "
            "{gmf_exempt} mensuales; solo puede marcarse {gmf_one_account}.",
        ),
        required_facts=("gmf_rate", "gmf_exempt", "gmf_mark_path"),
        reference="Es un impuesto de {gmf_rate}; marcando la cuenta en {gmf_mark_path} queda exenta hasta {gmf_exempt} "
        "al mes (se puede marcar {gmf_one_account}).",
        followups=(("¿Y si ya tengo marcada otra cuenta en otro banco?", "Primero desmarque esa cuenta en el otro banco; la exención aplica a {gmf_one_account}."),),
    ),
    Intent(
        id="branch_hours", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "¿Cuál es el horario de las oficinas?", "a qué hora abren el sábado?",
            "¿Hasta qué hora atienden en la oficina de {ciudad}?", "Buenas, ¿las oficinas abren los sábados?",
            "¿Qué horario tienen entre semana?", "Necesito ir a una oficina después del trabajo, ¿hasta qué hora están?",
            "¿Abren los domingos?", "¿A qué hora cierran las sucursales?", "horario de atencion en oficinas porfa",
            "¿Puedo ir el sábado en la tarde a hacer un trámite?",
        ),
        eval_questions=(
            "¿En qué franja atienden presencialmente de lunes a viernes?",
            "¿El fin de semana hay atención en las sedes del banco?", "Salgo tarde del trabajo, ¿alcanzo a llegar a una sucursal?",
            "¿Cuál es la hora de apertura y de cierre de sus puntos de atención?", "¿Atienden público el sábado por la mañana?",
            "Quiero hacer una vuelta en el banco mañana, ¿qué horario manejan?", "¿Las agencias trabajan jornada continua?",
            "Dígame hasta qué hora puedo ir a la sede del centro",
            "¿Qué días y horas está abierto el banco para atención personal?",
            "Tengo que firmar unos papeles en persona, ¿cuándo puedo ir?",
        ),
        answers=(
            "Nuestras oficinas atienden de {branch_hours} en jornada continua y los {saturday_hours}; domingos y festivos están cerradas.",
            "Con gusto: el horario es de {branch_hours} y {saturday_hours}, y en la app puede consultar la oficina más cercana.",
        ),
        required_facts=("branch_hours", "saturday_hours"),
        reference="Oficinas: {branch_hours} y {saturday_hours}, en jornada continua.",
    ),
    Intent(
        id="complaint_pqr", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "Quiero poner una queja", "¿Cómo radico un reclamo formal?",
            "Buenas, estoy inconforme con el servicio y quiero hacer un derecho de petición",
            "¿En cuánto tiempo responden una queja?", "¿Cómo contacto al defensor del consumidor financiero?",
            "ya puse un reclamo y no me han respondido", "¿Dónde pongo una PQR?",
            "Me parece un abuso lo que me cobraron, quiero quejarme", "¿Cuál es el plazo de respuesta de una petición?",
            "Necesito escalar mi caso porque nadie me soluciona",
        ),
        eval_questions=(
            "¿Qué canal tienen para presentar una inconformidad por escrito?",
            "¿Cuántos días tiene el banco para contestar un reclamo radicado?",
            "Deseo acudir a una instancia por fuera del servicio al cliente normal",
            "¿Cuál es el correo del defensor del cliente?", "Llevo días esperando solución y deseo dejar constancia formal",
            "¿Cómo presento una petición, queja o reclamo ante ustedes?",
            "No estoy de acuerdo con la respuesta que me dieron, ¿a quién recurro?",
            "¿Qué tiempo legal tienen para responder mis solicitudes?", "Vengo a denunciar un mal servicio en la oficina",
            "¿Existe un defensor al que pueda escribirle directamente?",
        ),
        answers=(
            "Con gusto radico su queja por este canal y le doy el número de radicado. Tenemos {pqr_response} para "
            "responderle. Si no queda conforme, puede escribir al Defensor del Consumidor Financiero a {defensor_email}.",
            "Lamento la experiencia. Su PQR queda radicada ahora y la respuesta llega en máximo {pqr_response}. También "
            "puede acudir al Defensor del Consumidor Financiero: {defensor_email}.",
        ),
        required_facts=("pqr_response", "defensor_email"),
        reference="Las PQR se responden en {pqr_response}; el Defensor del Consumidor Financiero atiende en {defensor_email}.",
        asks_for="cedula",
    ),
    Intent(
        id="contact_lines", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "¿Cuál es el número de servicio al cliente?", "como llamo al banco desde el celular",
            "¿Tienen línea gratuita nacional?", "Buenas, ¿a qué número llamo para hablar con un asesor?",
            "¿La línea de atención funciona de noche?", "¿Cuál es el teléfono del banco en Bogotá?",
            "Estoy en {ciudad}, ¿a qué número marco para servicio al cliente?", "necesito hablar con una persona, qué número es",
            "¿Hay algún número corto para llamar desde el celular?", "¿Tienen WhatsApp o teléfono para atención?",
        ),
        eval_questions=(
            "Desde un fijo fuera de Bogotá, ¿a qué línea sin costo me comunico?",
            "¿Cuál es el número abreviado para marcar desde un móvil?",
            "¿Me pasa el contacto telefónico de atención al usuario?", "¿A qué horas contestan en el call center?",
            "Quiero hablar con alguien de carne y hueso por teléfono",
            "¿Qué número uso para comunicarme con ustedes desde otra ciudad?",
            "¿Su línea de servicio opera en la madrugada y los festivos?", "Dame los teléfonos para llamar al banco",
            "¿Cómo me comunico por voz con un asesor del banco?", "¿Existe un número nacional gratuito de atención?",
        ),
        answers=(
            "Puede llamarnos al {customer_line} en Bogotá, al {tollfree_line} desde el resto del país o marcar "
            "{short_code} desde su celular. La línea atiende {line_hours}.",
            "Con gusto: desde cualquier celular marque {short_code}; desde fijo, {customer_line} en Bogotá o "
            "{tollfree_line} gratis a nivel nacional. Atendemos {line_hours}, y también por WhatsApp al {whatsapp}.",
        ),
        required_facts=("customer_line", "tollfree_line", "short_code", "line_hours"),
        reference="{customer_line} en Bogotá, {tollfree_line} (gratuita nacional) y {short_code} desde celular, {line_hours}.",
        followups=(("¿Y para fraude es el mismo número?", "Para fraude tenemos una línea exclusiva: {fraud_line}, disponible {line_hours}."),),
    ),
]

COMPANY = Company(
    key="bank",
    name="Banco Guadua",
    country="CO",
    description="A fictional retail bank in Colombia: debit and credit cards, transfers and Bre-B, PSE, fraud, "
    "loans, app access, savings, ATMs, statements and the 4x1000 tax.",
    facts={f.id: f for f in _FACTS},
    pages=_PAGES,
    intents=_INTENTS,
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
