"""Altavía Móvil intents about bills, unpaid invoices and roaming."""

from __future__ import annotations

from kit.corpus.companies.operator.phrasing import lines as _lines
from kit.corpus.schema import Intent

INTENTS = [
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
]
