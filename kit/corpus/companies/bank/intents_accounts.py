"""Banco Guadua intents about savings accounts, certificates, ATMs, statements and the 4x1000."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
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
]
