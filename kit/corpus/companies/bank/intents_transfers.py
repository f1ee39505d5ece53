"""Banco Guadua intents about transfers, Bre-B keys, PSE payments and fraud."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
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
]
