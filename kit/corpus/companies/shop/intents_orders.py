"""MercaColibrí intents about an order on its way: tracking, failed delivery, loss, cancellation, address."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
    Intent(
        id="order_status",
        topic="rastreo",
        kb_ids=("shop-rastreo",),
        questions=(
            "¿Dónde está mi pedido?",
            "no me ha llegado mi paquete",
            "¿Me pueden decir cómo va mi compra?",
            "quiero rastrear mi pedido",
            "ya pasaron varios días y nada de mi orden",
            "¿Ya salió mi pedido? No me ha llegado la guía",
            "como le hago para saber donde viene mi paquete",
            "Compré {producto} y no sé nada del envío",
            "¿Me pasan el número de guía?",
            "hola, estatus de mi pedido porfa",
            "¿Cómo rastreo mi paquete?",
            "mi compra sigue en preparación, ya tiene varios días",
        ),
        eval_questions=(
            "¿Cómo puedo consultar en qué punto del trayecto va mi envío?",
            "¿Cuándo me mandan el número de rastreo después de que sale el paquete?",
            "Quisiera dar seguimiento a la entrega de mi compra, ¿dónde lo veo?",
            "¿En qué página puedo seguir mi paquete con la guía?",
            "Todavía no recibo información de seguimiento, ¿cuánto tarda en llegarme la guía?",
            "¿De qué manera me entero del avance de mi envío?",
            "Necesito localizar mi paquete, ¿qué herramienta de seguimiento tienen?",
            "¿Por qué medio recibo la guía de mi pedido y en cuánto tiempo?",
            "¿Dónde ingreso mi guía para ver el estado de la entrega?",
            "Hice una compra y quiero monitorear su recorrido, ¿cómo le hago?",
        ),
        answers=(
            "Su pedido ya está en camino. Le enviamos la guía por correo y WhatsApp {tracking_time} después de que sale "
            "del almacén, y puede rastrearlo en {tracking_url}.",
            "Ya lo revisé: la guía se genera {tracking_time} desde que el paquete sale y la puede consultar en {tracking_url} "
            "o en \"Mis pedidos\".",
        ),
        required_facts=("tracking_time", "tracking_url"),
        reference="Le enviamos el número de guía {tracking_time} después de que el pedido sale del almacén; "
        "puede rastrearlo en {tracking_url} o en \"Mis pedidos\".",
        asks_for="order_id",
    ),
    Intent(
        id="failed_delivery",
        topic="rastreo",
        kb_ids=("shop-rastreo",),
        questions=(
            "Vino la paquetería y no había nadie, ¿qué hago?",
            "me dejaron un aviso de que no me encontraron",
            "¿Cuántas veces intentan entregar?",
            "no estaba en casa cuando llegó el repartidor",
            "¿Vuelven a pasar si no me encontraron?",
            "dice el rastreo que el domicilio estaba cerrado",
            "¿Cuánto tiempo guardan mi paquete en la sucursal?",
            "El repartidor no tocó y puso que no había nadie",
            "que pasa si no recibo el paquete",
            "¿Puedo recoger mi paquete en la oficina de la paquetería?",
            "no pude recibir mi compra, se regresa?",
        ),
        eval_questions=(
            "¿Cuántos intentos de entrega realiza la paquetería antes de dejar el paquete en sucursal?",
            "Si nadie recibe el envío, ¿cuántos días permanece en la oficina de la paquetería?",
            "¿Qué sucede cuando el mensajero no localiza a nadie en mi domicilio?",
            "Me ausenté el día de la entrega, ¿tendré otra oportunidad de recibirlo?",
            "¿Por cuánto tiempo resguardan el paquete si no fue posible entregarlo?",
            "¿Cómo funciona el proceso cuando una entrega no se concreta?",
            "¿Cuántas visitas hace el repartidor a mi dirección?",
            "¿Mi envío regresa al almacén si no lo recojo? ¿Después de cuánto?",
            "¿Qué plazo tengo para recoger un paquete que no me pudieron entregar?",
            "Si fallan las entregas, ¿qué pasa con mi compra?",
        ),
        answers=(
            "La paquetería hace {delivery_attempts}. Si no encuentra a nadie, el paquete queda en la sucursal más "
            "cercana durante {pickup_hold}; después regresa y le reembolsamos.",
            "No se preocupe: son {delivery_attempts} y luego puede recogerlo en sucursal, donde se guarda {pickup_hold}.",
        ),
        required_facts=("delivery_attempts", "pickup_hold"),
        reference="La paquetería hace {delivery_attempts}; si no encuentra a nadie, el paquete queda en la sucursal "
        "durante {pickup_hold} y después regresa a nuestro almacén y se reembolsa.",
    ),
    Intent(
        id="lost_package",
        topic="rastreo",
        kb_ids=("shop-rastreo",),
        questions=(
            "Dice que mi pedido fue entregado pero no me llegó nada",
            "mi paquete se perdió!!",
            "El rastreo no se mueve desde hace una semana",
            "¿Qué hago si me robaron el paquete?",
            "aparece entregado y yo no recibí nada, estoy muy enojado",
            "mi guia lleva dias sin actualizarse",
            "Creo que la paquetería perdió mi {producto}",
            "quiero reportar un paquete extraviado",
            "¿Me van a reponer mi pedido si se perdió?",
            "ya van 10 dias y mi paquete sigue igual en el rastreo",
            "¿Cómo levanto una queja por un envío perdido?",
        ),
        eval_questions=(
            "¿Cuánto tiempo tengo para reportar un paquete que nunca recibí?",
            "El sistema marca mi envío como entregado, pero no lo tengo. ¿Cuál es el plazo para reclamar?",
            "¿Cuál es el procedimiento cuando un pedido se extravía en tránsito?",
            "Mi envío no tiene movimiento; ¿hasta cuándo puedo abrir una investigación?",
            "¿Qué plazo hay para presentar un reclamo por extravío?",
            "Nunca llegó mi compra aunque figura como recibida, ¿qué procede?",
            "¿Quién atiende los casos de paquetes perdidos y en qué plazo debo avisar?",
            "¿Me reembolsan si la paquetería extravía mi caja? ¿Hasta cuándo puedo reportarlo?",
            "Necesito levantar un reporte de entrega no recibida, ¿cómo es el proceso?",
            "¿Qué hacen ustedes si un envío desaparece?",
        ),
        answers=(
            "Lamento mucho lo ocurrido. Estos casos se reportan dentro de los {lost_claim_window} posteriores a la "
            "fecha estimada de entrega; ya abrí la investigación y le transfiero con el equipo de logística, que le "
            "dará seguimiento.",
            "Entiendo su molestia. Está dentro de los {lost_claim_window} para reclamar, así que canalizo su caso a un "
            "especialista de logística que investigará con la paquetería.",
        ),
        required_facts=("lost_claim_window",),
        reference="Repórtelo dentro de los {lost_claim_window} posteriores a la fecha estimada de entrega; "
        "un agente del equipo de logística abre una investigación con la paquetería.",
        asks_for="order_id",
        escalate=True,
    ),
    Intent(
        id="cancel_order",
        topic="pedidos",
        kb_ids=("shop-pedidos",),
        questions=(
            "Quiero cancelar mi pedido",
            "me equivoqué de producto, lo puedo cancelar?",
            "¿Cómo cancelo una compra?",
            "ya no quiero {producto}, cancelen porfa",
            "¿Puedo cancelar si ya pagué?",
            "hice dos pedidos por error, cancelen uno",
            "¿Hasta cuándo puedo cancelar?",
            "cancelar orden",
            "Me arrepentí de la compra, ¿qué hago?",
            "¿Se puede anular un pedido que acabo de hacer?",
            "compre por accidente, como lo cancelo?",
        ),
        eval_questions=(
            "¿Durante cuánto tiempo después de pagar puedo cancelar sin costo?",
            "¿Cuál es el plazo para anular una compra sin cargos?",
            "Realicé una compra hace rato, ¿todavía estoy a tiempo de cancelarla?",
            "¿Qué pasa si quiero cancelar cuando el pedido ya está en preparación?",
            "¿Existe un límite de tiempo para cancelar pedidos?",
            "Deseo dar de baja un pedido reciente, ¿qué condiciones hay?",
            "¿Cuándo ya no es posible cancelar una orden pagada?",
            "Necesito revertir una compra que hice por equivocación, ¿qué opciones tengo?",
            "¿Me cobran algo por cancelar un pedido recién hecho?",
            "¿En qué ventana de tiempo aceptan cancelaciones?",
        ),
        answers=(
            "Puede cancelar sin costo durante las {cancel_window} después de pagar. Si ya pasó ese plazo, el pedido "
            "está en preparación y tendría que solicitar una devolución al recibirlo.",
            "Las cancelaciones gratuitas aplican en las {cancel_window} posteriores al pago; en su caso lo reviso con su "
            "número de pedido.",
        ),
        required_facts=("cancel_window",),
        reference="Puede cancelar sin costo durante las {cancel_window} después de pagar; después el pedido ya está "
        "en preparación y debe solicitar una devolución al recibirlo.",
        asks_for="order_id",
    ),
    Intent(
        id="address_change",
        topic="pedidos",
        kb_ids=("shop-pedidos",),
        questions=(
            "Puse mal mi dirección, ¿la puedo cambiar?",
            "quiero cambiar la direccion de entrega",
            "¿Me lo pueden mandar a otra dirección?",
            "me mudé y el pedido va a mi casa anterior",
            "¿Se puede corregir el número exterior de mi domicilio?",
            "cambien la direccion porfa, me equivoque de colonia",
            "¿Puedo mandar el paquete a mi oficina en lugar de mi casa?",
            "Me equivoqué en el código postal al comprar",
            "¿Hasta cuándo puedo modificar la dirección?",
            "quiero que lo entreguen en casa de mi mamá en {ciudad}",
        ),
        eval_questions=(
            "¿Es posible modificar el domicilio de entrega de un pedido ya pagado?",
            "Registré una dirección equivocada; ¿en qué momento todavía se puede corregir?",
            "¿Pueden redirigir mi paquete a otro domicilio?",
            "¿Cuál es la condición para actualizar la dirección de envío?",
            "Necesito actualizar la calle de entrega, ¿se puede hacer?",
            "¿Qué pasa si quiero cambiar el lugar de entrega cuando el paquete ya va en camino?",
            "¿Hay forma de editar los datos de entrega después de comprar?",
            "¿Hasta qué etapa del pedido aceptan cambios de domicilio?",
            "¿Puedo pedir que lo entreguen en otra ciudad distinta a la que puse?",
            "¿Cómo solicito el cambio de dirección de mi compra?",
        ),
        answers=(
            "La dirección solo se puede cambiar {address_change_rule}. Con su número de pedido lo reviso y, si aún está "
            "en almacén, la actualizo.",
            "Sí es posible, siempre que sea {address_change_rule}. Si ya salió, la paquetería no permite desviarlo.",
        ),
        required_facts=("address_change_rule",),
        reference="La dirección de entrega solo se puede cambiar {address_change_rule}; un agente lo hace con su "
        "número de pedido.",
        asks_for="order_id",
    ),
]
