"""Banco Guadua intents about debit and credit cards: loss, delivery, fees, payments, travel, PIN."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
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
]
