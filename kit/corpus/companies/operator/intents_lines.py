"""Altavía Móvil intents about a line itself: portability, coverage, SIM, eSIM and PUK."""

from __future__ import annotations

from kit.corpus.companies.operator.phrasing import lines as _lines
from kit.corpus.schema import Intent

INTENTS = [
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
]
