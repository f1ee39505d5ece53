"""MercaColibrí's knowledge base: Markdown policy pages citing facts as {fact_id}."""

from __future__ import annotations

from kit.corpus.schema import KBPage

PAGES = [
    KBPage(
        "shop-envios",
        "Envíos: tiempos y costos",
        """Enviamos {international}. Trabajamos con {carriers}.

## Envío estándar
- Tiempo de entrega: {shipping_standard_time} a partir de que el pedido sale del almacén.
- Costo: {shipping_standard_price} por pedido.
- Gratis en compras desde {free_shipping_threshold} (el monto se calcula después de descuentos).

## Envío exprés
- Disponible en {express_cities}.
- Llega en {shipping_express_time} y cuesta {shipping_express_price}.

## Horario de corte
Los pedidos pagados {order_cutoff} de un día hábil salen del almacén ese mismo día; los demás salen
el siguiente día hábil.

## Zonas extendidas
Algunos códigos postales rurales o de difícil acceso son zona extendida: la paquetería suma
{remote_zone_extra} al tiempo de entrega. El carrito avisa antes de pagar si su código postal lo es.

## Límite por pedido
Se pueden comprar hasta {max_units} en un mismo pedido.
""",
    ),
    KBPage(
        "shop-rastreo",
        "Rastreo y entregas",
        """## Número de guía
Cuando el pedido sale del almacén le enviamos el número de guía por correo y WhatsApp
{tracking_time}. Puede seguirlo en {tracking_url} o en "Mis pedidos".

## Intentos de entrega
La paquetería hace {delivery_attempts}. Si no encuentra a nadie, deja un aviso y el paquete queda
en la sucursal más cercana durante {pickup_hold}; después regresa a nuestro almacén y le
reembolsamos el pedido.

## Paquete perdido o sin movimiento
Si el rastreo no se actualiza en 5 días o aparece como entregado sin que lo haya recibido, repórtelo
dentro de los {lost_claim_window} posteriores a la fecha estimada de entrega. Un agente abre una
investigación con la paquetería; estos casos siempre los atiende una persona del equipo de logística.
""",
    ),
    KBPage(
        "shop-pedidos",
        "Cambios y cancelación de pedidos",
        """## Cancelar un pedido
Puede cancelar sin costo durante las {cancel_window} después de pagar, desde "Mis pedidos" o con un
agente. Pasado ese plazo el pedido ya está en preparación: espere a recibirlo y solicite una devolución.

## Cambiar la dirección de entrega
La dirección solo se puede cambiar {address_change_rule}. Un agente necesita su número de pedido para
hacerlo. Si el pedido ya salió, la paquetería no permite desviarlo.

## Pedidos con varios paquetes
Un pedido puede llegar en varias cajas y en días distintos; cada caja tiene su propia guía.
""",
    ),
    KBPage(
        "shop-devoluciones",
        "Devoluciones",
        """## Plazo
Tiene {return_window} desde la entrega para devolver un producto nuevo, sin uso y con su empaque.

## Cómo devolver
1. Entre a {return_steps}.
2. Elija el producto y el motivo.
3. Descargue la {return_label} y entregue el paquete en cualquier sucursal de Estafeta.

## Productos sin devolución
No aceptamos devoluciones de {non_returnable}, salvo defecto de fábrica.

## Cambios de talla
En moda y calzado ofrecemos {exchange_policy}; el segundo cambio se trata como devolución.
""",
    ),
    KBPage(
        "shop-reembolsos",
        "Reembolsos",
        """Cuando el paquete devuelto llega a nuestro almacén pasa por una {refund_review_time}. Si se aprueba:

- **Tarjeta de crédito o débito y PayPal:** el reembolso se refleja en {refund_card_time}, según su banco.
- **OXXO Pay y SPEI:** reembolsamos por {refund_cash_method} a nombre del titular de la compra; un
  agente le pedirá la CLABE interbancaria de 18 dígitos.

El costo de envío original solo se reembolsa si el producto llegó dañado o equivocado.
""",
    ),
    KBPage(
        "shop-garantias",
        "Garantías y productos dañados",
        """## Garantía
Los productos electrónicos y electrodomésticos tienen {warranty_months} contra defectos de fábrica.
Escriba a {warranty_email} con su número de pedido y una descripción de la falla.

## Producto dañado o equivocado
Repórtelo dentro de las {damaged_window}, con {damaged_evidence}. Un agente del equipo de calidad revisa
cada caso y decide entre reposición o reembolso completo, envío incluido.
""",
    ),
    KBPage(
        "shop-pagos",
        "Formas de pago",
        """Aceptamos {payment_methods}.

## OXXO Pay
La ficha de pago tiene {oxxo_expiry}; si no se paga a tiempo el pedido se cancela solo. El monto
máximo por ficha es de {oxxo_limit}.

## Transferencia SPEI
Confirmamos el pago en {spei_confirmation} después de la transferencia.

## Tarjeta rechazada
La causa más común es que el banco bloquea la compra: pida a su banco {card_declined_tip} o use otra
tarjeta. Nosotros no vemos el motivo del rechazo.

## Cargo duplicado
Si ve dos cargos, normalmente uno es una preautorización: es una {double_charge_release} que el banco
libera sola. Si sigue después de ese plazo, un agente de pagos lo investiga con su banco.

## Cupones
Se acepta {coupon_rule}; los cupones no se combinan entre sí.
""",
    ),
    KBPage(
        "shop-meses-sin-intereses",
        "Meses sin intereses",
        """Ofrecemos {msi_options} con {msi_banks}, en compras desde {msi_minimum}.
Las tarjetas de débito y PayPal no participan. Elija el plazo en el paso de pago; si no aparece, su
tarjeta o el monto no aplican.
""",
    ),
    KBPage(
        "shop-facturacion",
        "Facturación electrónica (CFDI)",
        """Emitimos {cfdi_version}. Facture en {invoice_portal} con su número de pedido.

## Plazo
Solo se puede facturar {invoice_window}; después el sistema ya no permite generar la factura.

## Datos que necesita
{invoice_requirements}, exactamente como aparecen en su Constancia de Situación Fiscal. Si no elige otro
uso, la factura sale con uso {cfdi_use}.

## Entrega
Recibe el {invoice_delivery} en su correo en cuanto se genera. Dudas: {invoice_email}.

## Corregir una factura
Si algún dato salió mal, procede la {invoice_fix}; lo hace el equipo de facturación con su RFC y número de
pedido.
""",
    ),
    KBPage(
        "shop-cuenta",
        "Cuenta y seguridad",
        """## Recuperar la contraseña
Use "¿Olvidó su contraseña?" y recibirá un enlace válido por {reset_link_validity}.

## Verificación en dos pasos
Al iniciar sesión en un dispositivo nuevo le enviamos un {verification_code} por SMS.

## Eliminar la cuenta
Solicítelo a un agente desde el correo registrado; la cuenta y sus datos se eliminan en {account_delete_time}.
Los pedidos en curso deben concluir antes.
""",
    ),
    KBPage(
        "shop-colibri-puntos",
        "Colibrí Puntos y promociones",
        """## Colibrí Puntos
Gana {points_rate} pagado (sin contar el envío). Los puntos {points_expiry} de haberlos ganado.

## Bienvenida
Al suscribirse al boletín recibe {welcome_discount} con el código {welcome_code}.

## Ajuste de precio
Si el precio de un producto baja durante los {price_adjust}, le devolvemos la diferencia en puntos.

## Tarjetas de regalo
Las tarjetas de regalo tienen {giftcard_validity} y no se pueden cambiar por efectivo.
""",
    ),
    KBPage(
        "shop-contacto",
        "Contacto y horarios",
        """- Teléfono (sin costo): {phone}
- WhatsApp: {whatsapp}
- Correo: {support_email}
- Horario de atención: {hours} (hora del centro de México).

Fuera de horario puede dejar su mensaje; le respondemos al día siguiente.
""",
    ),
]
