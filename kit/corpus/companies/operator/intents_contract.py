"""Altavía Móvil intents about the contract, fibre + mobile, contact hours and device financing."""

from __future__ import annotations

from kit.corpus.companies.operator.phrasing import lines as _lines
from kit.corpus.schema import Intent

INTENTS = [
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
