"""Banco Guadua's knowledge base: Markdown policy pages citing facts as {fact_id}."""

from __future__ import annotations

from kit.corpus.schema import KBPage

PAGES = [
    KBPage("bank-tarjetas-debito", "Tarjeta débito: costos, entrega, bloqueo y clave", """\
# Tarjeta débito

La tarjeta débito Guadua está asociada a la cuenta de ahorros del cliente.

## Costos y topes
- Cuota de manejo: {debit_fee} al mes, descontada de la cuenta asociada.
- Reposición por pérdida, robo o deterioro: {card_replacement_fee}.
- Tope de compras diarias: {debit_purchase_limit}.

## Entrega
La tarjeta física llega en {card_delivery} a la dirección registrada. Mientras tanto, el cliente usa la
tarjeta virtual que aparece en la app.

## Pérdida o robo
1. Bloquear de inmediato en la app, en {card_block_path}.
2. Sin acceso a la app: llamar a la línea de fraude {fraud_line}, disponible {line_hours}.
3. El asesor escala el caso al área de fraude para revisar los movimientos recientes.

## Clave (PIN)
- La clave es de {card_pin_digits} y se bloquea después de {pin_attempts}.
- Se asigna una nueva en cualquier cajero Guadua con la {pin_reset}; no hace falta ir a la oficina.
"""),
    KBPage("bank-tarjetas-credito", "Tarjeta de crédito Clásica", """\
# Tarjeta de crédito Clásica

## Costos
- Cuota de manejo: {credit_fee} al mes.
- Tasa de interés para compras a cuotas y avances: {credit_rate}. Las compras a 1 cuota no generan intereses.

## Pagos
- Fecha límite de pago: {payment_due}.
- En caso de mora, antes de cualquier reporte negativo a centrales de riesgo se envía un
  {credit_report_notice} al correo y al celular registrados.

## Uso en el exterior
- Registrar el viaje en la app en {travel_path} (fechas y destino).
- Comisión por compras en el exterior o en moneda extranjera: {intl_fee}, más la tasa de cambio del día.

Compras no reconocidas: ver la página de fraude (plazo para reclamar de {dispute_window}).
"""),
    KBPage("bank-transferencias", "Transferencias, Bre-B y transferencias erradas", """\
# Transferencias

- Entre cuentas Guadua: inmediatas y sin costo.
- A otros bancos por ACH: {ach_fee} por transferencia. Si se hace {ach_cutoff} de un día hábil llega ese
  mismo día; después de esa hora, o en sábado, domingo o festivo, llega el siguiente día hábil.
- Tope diario desde la app: {transfer_daily_limit}. Montos mayores se hacen en oficina.
- Una cuenta recién inscrita queda habilitada para transferir después de {new_payee_wait}.

## Bre-B (pagos inmediatos)
El cliente registra una llave en Transferencias > Mis llaves: su {breb_keys}. Las transferencias con llave
llegan en {breb_speed}, a cualquier hora y sin costo.

## Transferencia a una cuenta equivocada
El banco no puede reversar una transferencia sin autorización del titular que la recibió. Se radica una
solicitud de devolución con el área de reclamos, que responde en {wrong_transfer_claim}. El asesor escala el caso.
"""),
    KBPage("bank-pse", "Pagos PSE", """\
# Pagos PSE

- Tope por transacción: {pse_limit}.
- Una transacción en estado pendiente se confirma o se rechaza en máximo {pse_pending}.
- Si el pago no se completó y el dinero salió de la cuenta, el reintegro automático llega en {pse_refund}.
- Pasado ese plazo sin reintegro, el asesor radica un reclamo (pide la cédula del titular).
"""),
    KBPage("bank-fraude", "Fraude, suplantación y compras no reconocidas", """\
# Fraude

- Línea de fraude: {fraud_line}, disponible {line_hours}.
- Banco Guadua {never_asks} por llamada, SMS, correo ni WhatsApp.
- Mensajes, correos o enlaces sospechosos se reenvían a {fraud_email}.

## Compras o retiros no reconocidos
1. Bloquear la tarjeta (app: {card_block_path}).
2. El cliente tiene {dispute_window} desde la fecha de la compra para desconocerla.
3. El área de fraude responde en {fraud_claim_response}.
4. Política: todo caso de fraude, robo de tarjeta o entrega de claves se escala a un especialista humano.
"""),
    KBPage("bank-creditos", "Crédito de libre inversión", """\
# Crédito de libre inversión

- Tasa fija {loan_rate}, según el perfil del cliente.
- Montos: desde {loan_min_amount} hasta {loan_max_amount}; plazo de hasta {loan_max_term}.
- Seguro de vida deudor: {loan_insurance} prestado, incluido en la cuota.

## Requisitos
- Ingresos mínimos de {loan_min_income}.
- Cédula y los {loan_docs} (independientes: declaración de renta).
- Respuesta al estudio en {loan_approval}; desembolso en {loan_disbursement} después de firmar el pagaré digital.

## Pagos
- Abonos a capital y pago total anticipado en cualquier momento, {loan_prepay} (app: Créditos > Abonar).
- Antes de un reporte negativo a centrales de riesgo se envía un {credit_report_notice}.
"""),
    KBPage("bank-app", "App Guadua Móvil: clave, bloqueo, token y celular registrado", """\
# App Guadua Móvil

## Clave
- La clave de la app es de {app_password_digits} y es distinta de la clave del cajero.
- Si la olvidó: opción «{forgot_path}» en la pantalla de inicio; se valida con la cédula y un código SMS.

## Bloqueo
- El usuario se bloquea tras {app_lock_attempts} con clave errada.
- Se libera solo después de {app_unlock_wait}, o antes restableciendo la clave.

## Token y códigos
- El token digital se activa en {token_path}.
- Cada código dinámico es válido por {otp_validity}.

## Celular registrado
Solo se cambia en una oficina presentando la {phone_change}: a ese número llegan los códigos de seguridad.
"""),
    KBPage("bank-ahorros", "Cuenta de ahorros y certificaciones", """\
# Cuenta de ahorros Guadua

- Rentabilidad: {savings_rate} sobre el saldo.
- Cuota de manejo de la cuenta: {savings_fee} al mes.
- Apertura en la app, {opening_min}, solo con la cédula.
- Certificación bancaria: gratis, en PDF, en la app o la web en {certificate_path}.
"""),
    KBPage("bank-cajeros", "Cajeros y retiros", """\
# Cajeros

- En cajeros Guadua: {own_atm_free}. Retiros adicionales y en cajeros de otras redes: {other_atm_fee} cada uno.
- Tope diario de retiro: {atm_daily_limit}.
- Clave bloqueada: se cambia en el cajero con la {pin_reset}.

## Retiro sin tarjeta
En la app, Retiros > Sin tarjeta: hasta {cardless_limit}, con un código {cardless_validity}. Si no se usa,
el dinero vuelve a la cuenta.

## El cajero no entregó el dinero
Se radica un reclamo con el área de cajeros, que revisa el cuadre de la máquina; respuesta y reintegro en
{atm_claim}. El asesor escala el caso.
"""),
    KBPage("bank-extractos", "Extractos", """\
# Extractos

- Se publican el {statement_day} y llegan al correo registrado.
- En la app, en {statement_path}, se descargan en PDF los {statement_history}.
- Extracto físico: {paper_statement_fee} por envío.
"""),
    KBPage("bank-gmf", "Gravamen a los movimientos financieros (4x1000)", """\
# 4x1000 (GMF)

- Impuesto nacional: {gmf_rate} que salen de la cuenta (retiros, transferencias, pagos).
- Exención: la cuenta marcada no paga el impuesto en movimientos de hasta {gmf_exempt} al mes.
- Solo puede marcarse {gmf_one_account}; para cambiarla, primero se desmarca en la otra entidad.
- Se marca en la app en {gmf_mark_path}.
"""),
    KBPage("bank-canales", "Canales de atención, horarios y PQR", """\
# Canales de atención

- Línea de servicio al cliente en Bogotá: {customer_line}; resto del país, gratis: {tollfree_line};
  desde celular: {short_code}. Atención {line_hours}.
- WhatsApp: {whatsapp}. Web: {web}.
- Línea de fraude: {fraud_line}.

## Oficinas
Atención de {branch_hours} en jornada continua y {saturday_hours}; domingos y festivos, cerradas.

## Peticiones, quejas y reclamos (PQR)
- Se radican por cualquier canal y el cliente recibe un número de radicado.
- Respuesta en máximo {pqr_response}.
- Defensor del Consumidor Financiero: {defensor_email}.
"""),
]
