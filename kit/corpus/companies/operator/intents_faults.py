"""Altavía Móvil intents about theft, fraudulent charges and mobile or fibre faults."""

from __future__ import annotations

from kit.corpus.companies.operator.phrasing import lines as _lines
from kit.corpus.schema import Intent

INTENTS = [
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
