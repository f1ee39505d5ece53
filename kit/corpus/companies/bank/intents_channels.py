"""Banco Guadua intents about branch hours, complaints (PQR) and contact lines."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
    Intent(
        id="branch_hours", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "¿Cuál es el horario de las oficinas?", "a qué hora abren el sábado?",
            "¿Hasta qué hora atienden en la oficina de {ciudad}?", "Buenas, ¿las oficinas abren los sábados?",
            "¿Qué horario tienen entre semana?", "Necesito ir a una oficina después del trabajo, ¿hasta qué hora están?",
            "¿Abren los domingos?", "¿A qué hora cierran las sucursales?", "horario de atencion en oficinas porfa",
            "¿Puedo ir el sábado en la tarde a hacer un trámite?",
        ),
        eval_questions=(
            "¿En qué franja atienden presencialmente de lunes a viernes?",
            "¿El fin de semana hay atención en las sedes del banco?", "Salgo tarde del trabajo, ¿alcanzo a llegar a una sucursal?",
            "¿Cuál es la hora de apertura y de cierre de sus puntos de atención?", "¿Atienden público el sábado por la mañana?",
            "Quiero hacer una vuelta en el banco mañana, ¿qué horario manejan?", "¿Las agencias trabajan jornada continua?",
            "Dígame hasta qué hora puedo ir a la sede del centro",
            "¿Qué días y horas está abierto el banco para atención personal?",
            "Tengo que firmar unos papeles en persona, ¿cuándo puedo ir?",
        ),
        answers=(
            "Nuestras oficinas atienden de {branch_hours} en jornada continua y los {saturday_hours}; domingos y festivos están cerradas.",
            "Con gusto: el horario es de {branch_hours} y {saturday_hours}, y en la app puede consultar la oficina más cercana.",
        ),
        required_facts=("branch_hours", "saturday_hours"),
        reference="Oficinas: {branch_hours} y {saturday_hours}, en jornada continua.",
    ),
    Intent(
        id="complaint_pqr", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "Quiero poner una queja", "¿Cómo radico un reclamo formal?",
            "Buenas, estoy inconforme con el servicio y quiero hacer un derecho de petición",
            "¿En cuánto tiempo responden una queja?", "¿Cómo contacto al defensor del consumidor financiero?",
            "ya puse un reclamo y no me han respondido", "¿Dónde pongo una PQR?",
            "Me parece un abuso lo que me cobraron, quiero quejarme", "¿Cuál es el plazo de respuesta de una petición?",
            "Necesito escalar mi caso porque nadie me soluciona",
        ),
        eval_questions=(
            "¿Qué canal tienen para presentar una inconformidad por escrito?",
            "¿Cuántos días tiene el banco para contestar un reclamo radicado?",
            "Deseo acudir a una instancia por fuera del servicio al cliente normal",
            "¿Cuál es el correo del defensor del cliente?", "Llevo días esperando solución y deseo dejar constancia formal",
            "¿Cómo presento una petición, queja o reclamo ante ustedes?",
            "No estoy de acuerdo con la respuesta que me dieron, ¿a quién recurro?",
            "¿Qué tiempo legal tienen para responder mis solicitudes?", "Vengo a denunciar un mal servicio en la oficina",
            "¿Existe un defensor al que pueda escribirle directamente?",
        ),
        answers=(
            "Con gusto radico su queja por este canal y le doy el número de radicado. Tenemos {pqr_response} para "
            "responderle. Si no queda conforme, puede escribir al Defensor del Consumidor Financiero a {defensor_email}.",
            "Lamento la experiencia. Su PQR queda radicada ahora y la respuesta llega en máximo {pqr_response}. También "
            "puede acudir al Defensor del Consumidor Financiero: {defensor_email}.",
        ),
        required_facts=("pqr_response", "defensor_email"),
        reference="Las PQR se responden en {pqr_response}; el Defensor del Consumidor Financiero atiende en {defensor_email}.",
        asks_for="cedula",
    ),
    Intent(
        id="contact_lines", topic="canales", kb_ids=("bank-canales",),
        questions=(
            "¿Cuál es el número de servicio al cliente?", "como llamo al banco desde el celular",
            "¿Tienen línea gratuita nacional?", "Buenas, ¿a qué número llamo para hablar con un asesor?",
            "¿La línea de atención funciona de noche?", "¿Cuál es el teléfono del banco en Bogotá?",
            "Estoy en {ciudad}, ¿a qué número marco para servicio al cliente?", "necesito hablar con una persona, qué número es",
            "¿Hay algún número corto para llamar desde el celular?", "¿Tienen WhatsApp o teléfono para atención?",
        ),
        eval_questions=(
            "Desde un fijo fuera de Bogotá, ¿a qué línea sin costo me comunico?",
            "¿Cuál es el número abreviado para marcar desde un móvil?",
            "¿Me pasa el contacto telefónico de atención al usuario?", "¿A qué horas contestan en el call center?",
            "Quiero hablar con alguien de carne y hueso por teléfono",
            "¿Qué número uso para comunicarme con ustedes desde otra ciudad?",
            "¿Su línea de servicio opera en la madrugada y los festivos?", "Dame los teléfonos para llamar al banco",
            "¿Cómo me comunico por voz con un asesor del banco?", "¿Existe un número nacional gratuito de atención?",
        ),
        answers=(
            "Puede llamarnos al {customer_line} en Bogotá, al {tollfree_line} desde el resto del país o marcar "
            "{short_code} desde su celular. La línea atiende {line_hours}.",
            "Con gusto: desde cualquier celular marque {short_code}; desde fijo, {customer_line} en Bogotá o "
            "{tollfree_line} gratis a nivel nacional. Atendemos {line_hours}, y también por WhatsApp al {whatsapp}.",
        ),
        required_facts=("customer_line", "tollfree_line", "short_code", "line_hours"),
        reference="{customer_line} en Bogotá, {tollfree_line} (gratuita nacional) y {short_code} desde celular, {line_hours}.",
        followups=(("¿Y para fraude es el mismo número?", "Para fraude tenemos una línea exclusiva: {fraud_line}, disponible {line_hours}."),),
    ),
]
