"""Altavía Móvil intents about plans, extra lines and mobile data."""

from __future__ import annotations

from kit.corpus.companies.operator.phrasing import lines as _lines
from kit.corpus.schema import Intent

INTENTS = [
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
]
