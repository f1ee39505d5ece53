"""Altavía Móvil's knowledge base: Markdown policy pages citing facts as {fact_id}."""

from __future__ import annotations

from kit.corpus.schema import KBPage

PAGES = [
    KBPage(
        "operator-contacto",
        "Canales de atención y horarios",
        """# Canales de atención y horarios

- **Teléfono desde una línea Altavía:** {phone_support} (gratuito).
- **Teléfono desde cualquier otro número:** {phone_other} (gratuito).
- **Desde el extranjero:** {phone_abroad} (se factura como llamada en itinerancia).
- **Horario de atención telefónica:** todos los días {support_hours}.
- **Chat en la app {app_name} y en {web}:** disponible {chat_hours}; fuera del horario telefónico
  responde el asistente y deja el caso a un agente.
- **Tiendas:** {stores_count} en toda España, de lunes a sábado {store_hours}.

Para cualquier gestión sobre una línea, el agente pide el número de la línea y verifica al titular
antes de dar datos de la cuenta.
""",
    ),
    KBPage(
        "operator-tarifas",
        "Tarifas móviles",
        """# Tarifas móviles

| Tarifa | Precio | Datos | Llamadas |
|---|---|---|---|
| Altavía Básica | {plan_basic_price} | {plan_basic_data} | {plan_calls} |
| Altavía Plus | {plan_plus_price} | {plan_plus_data} | {plan_calls} |
| Altavía Infinita | {plan_unlimited_price} | {plan_unlimited_data} | {plan_calls} |

Precios con IVA incluido. Para contratar hay que ser {min_age}.

## Cambiar de tarifa
- Se hace desde la app, por teléfono o en tienda; es un {plan_change_cost}.
- La nueva tarifa se aplica {plan_change_effective}; hasta entonces sigue la actual.

## Líneas adicionales
Cada línea adicional en la misma cuenta cuesta {extra_line_price} con llamadas ilimitadas y
datos compartidos con la línea principal.
""",
    ),
    KBPage(
        "operator-datos",
        "Consumo de datos y bonos",
        """# Consumo de datos y bonos

- Consulte su consumo marcando {data_check_code} (gratuito) o en la app {app_name}.
- Enviamos un {data_alert} de los datos de su tarifa.
- Al agotar los datos la navegación sigue, pero a {speed_after_cap}, hasta el siguiente ciclo.
- Puede añadir un bono extra de {data_bono}, válido hasta fin de mes; se puede contratar varias veces.
""",
    ),
    KBPage(
        "operator-facturas",
        "Facturas y reclamaciones de facturación",
        """# Facturas y reclamaciones de facturación

## Cuándo y cómo se cobra
- La factura se emite el {invoice_issue_day} y se carga por domiciliación {invoice_charge_days}.
- Se descarga en PDF desde la app o el área de clientes, en {invoice_where}.
- La factura electrónica es gratuita; la factura en papel tiene un coste de {paper_invoice_fee}.

## Reclamar un cargo
1. El cliente tiene {invoice_dispute_window} desde la fecha de la factura para reclamar.
2. El agente pide el número de la línea, revisa el detalle de consumos y abre la reclamación.
3. Si procede, el abono se devuelve en {refund_time} en la misma cuenta bancaria.
""",
    ),
    KBPage(
        "operator-impagos",
        "Recibos devueltos e impagos",
        """# Recibos devueltos e impagos

- Si el banco devuelve el recibo, se aplica un cargo de {returned_bill_fee}.
- Avisamos por SMS y correo; si la deuda sigue pendiente, la línea se suspende
  {suspension_notice} (solo se mantienen las llamadas de emergencia al 112).
- El pago se puede hacer con tarjeta en la app o por teléfono; la línea se reactiva en el mismo día.
- El agente pide el DNI o NIE del titular antes de dar el importe de la deuda.
""",
    ),
    KBPage(
        "operator-roaming",
        "Roaming: usar el móvil en el extranjero",
        """# Roaming: usar el móvil en el extranjero

## Unión Europea (zona 1)
- Llamadas, SMS y datos de su tarifa {roaming_eu}.
- Los datos en roaming tienen una política de {roaming_fair_use} al mes; por encima se aplica
  el recargo regulado.

## Resto del mundo
- Zona 2 (Reino Unido, Suiza, Estados Unidos, Marruecos, América Latina): bono de {roaming_zone2_pass}
  con 1 GB y 60 minutos.
- Zona 3 (resto de países): bono de {roaming_zone3_pass} con 500 MB.
- Sin bono, las llamadas cuestan {roaming_call_rate}.
- Por seguridad, todas las líneas tienen un {roaming_cap} fuera de la UE; al alcanzarlo se corta la
  navegación hasta que el cliente la reactive.

## Si no funciona en el extranjero
1. Comprobar que la itinerancia de datos está activada en los ajustes del móvil.
2. Marcar {roaming_activate} para activar el roaming en la línea.
3. Si sigue sin funcionar, llamar al {phone_abroad}.
""",
    ),
    KBPage(
        "operator-portabilidad",
        "Portabilidad: traer su número a Altavía",
        """# Portabilidad: traer su número a Altavía

- Solo se necesita el {port_requirements} de la línea en el operador actual; no hay que llamar a ese operador.
- El cambio se completa en {port_time} desde que se solicita.
- El corte de servicio dura como mucho unas horas, en la ventana {port_window} de la madrugada.
  Hasta entonces la SIM antigua sigue funcionando; después hay que poner la nueva.
- La portabilidad se puede cancelar {port_cancel_deadline} al cambio.
""",
    ),
    KBPage(
        "operator-cobertura",
        "Cobertura",
        """# Cobertura

- Red 4G en el {coverage_4g} y {coverage_5g}.
- Consulte la cobertura de una dirección concreta en {coverage_map}.
- Si un cliente no tiene cobertura donde el mapa la indica, el agente abre una incidencia de red con
  la dirección y el número de la línea; el equipo técnico da {coverage_incident_response}.
""",
    ),
    KBPage(
        "operator-sim-esim",
        "SIM, eSIM, PIN y PUK",
        """# SIM, eSIM, PIN y PUK

## Duplicado de SIM
- Por pérdida o rotura: {sim_duplicate_price}. En tienda se entrega en el momento; a domicilio,
  {sim_shipping}. El agente verifica la identidad del titular con su DNI o NIE.

## eSIM
- Para móviles compatibles, {esim_change_price}.
- Se activa escaneando el código QR en {esim_steps}; la línea tarda {esim_activation_time} en funcionar.

## PIN y PUK
- Con {pin_attempts} fallidos del PIN la SIM pide el PUK.
- El PUK se consulta en la app o, desde otro móvil Altavía, enviando un {puk_sms} seguido del número bloqueado.
- Tras {puk_attempts} fallidos del PUK la SIM queda inutilizada y hay que pedir un duplicado.
""",
    ),
    KBPage(
        "operator-robo-fraude",
        "Robo, pérdida y fraude",
        """# Robo, pérdida y fraude

- Ante robo o pérdida, el cliente debe llamar cuanto antes al {fraud_line} (24 horas) para bloquear
  la línea y el IMEI. El caso **se deriva siempre a un agente del equipo de seguridad**.
- Para el duplicado de SIM tras un robo se pide la {theft_docs}.
- Cargos que el cliente no reconoce (SMS de pago, suscripciones): se activa el {premium_sms_block}
  sin coste y se pasa el caso al equipo de fraude, que revisa los cargos.
""",
    ),
    KBPage(
        "operator-averias",
        "Averías de móvil y fibra",
        """# Averías de móvil y fibra

## Móvil
- Si no puede llamar ni navegar, reinicie el móvil y compruebe el modo avión.
- Compromiso de {fault_resolution} para las averías de red abiertas.
- Se compensa en la factura la parte proporcional de la cuota {fault_compensation}.

## Fibra
1. Desenchufar el router durante {router_restart} y volver a enchufarlo.
2. Comprobar que la luz de fibra (PON) está fija.
3. Si no se resuelve, el agente abre la avería y **la pasa al equipo técnico**: visita en
   {technician_visit}.
""",
    ),
    KBPage(
        "operator-permanencia-baja",
        "Permanencia, bajas y cambios de titular",
        """# Permanencia, bajas y cambios de titular

- Las tarifas con móvil subvencionado o fibra tienen {permanence_months}; si se da de baja antes,
  la penalización es proporcional a los meses que faltan, con un {permanence_penalty}.
- Los móviles se pueden pagar a plazos en {financing}.
- La baja se pide por teléfono y se tramita en {cancel_time}; el agente verifica al titular con su DNI.
- Contrataciones online o por teléfono: derecho de desistimiento de {withdrawal_period}.
- Para cambiar el titular de una línea, ambos firman el {owner_change_doc} en tienda o en la app.
""",
    ),
    KBPage(
        "operator-fibra-movil",
        "Fibra + móvil",
        """# Fibra + móvil

- Paquete de fibra de {fiber_speed} con una línea Altavía Plus por {fiber_combo_price}.
- Incluye {router_model} en cesión.
- Instalación en un {fiber_install} desde la firma; el técnico llama antes para concertar la cita.
""",
    ),
]
