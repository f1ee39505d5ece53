"""Banco Guadua intents about personal loans: rates, requirements and prepayment."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
    Intent(
        id="loan_rates", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Cuál es la tasa del crédito de libre inversión?", "quiero un prestamo, a cuanto esta el interes?",
            "¿A cuántos meses puedo sacar un crédito?", "Buenas, necesito {monto} para arreglar la casa, ¿qué tasa manejan?",
            "¿Cuál es el plazo máximo de un crédito de libre inversión?", "¿Qué tasa de interés tienen los préstamos personales?",
            "Estoy pensando en pedir un crédito para pagar deudas, ¿a qué plazo y tasa?",
            "¿Cuánto es lo máximo que me pueden dar de plazo?", "Me ofrecieron un crédito en {banco}, ¿ustedes qué tasa dan?",
            "¿Los créditos de libre inversión tienen tasa fija?",
        ),
        eval_questions=(
            "Quiero un préstamo para un negocio pequeño, ¿cuánto cobran de interés mensual?",
            "¿En cuántas cuotas como máximo se puede diferir un crédito personal?",
            "¿Qué interés manejan hoy para plata prestada sin destino específico?",
            "Si pido un préstamo, ¿hasta cuántos meses me dan para pagarlo?",
            "Comparando ofertas: ¿cuál es su tasa para libre inversión?",
            "¿Qué condiciones de interés y plazo tiene un préstamo con ustedes?",
            "Necesito financiar unos estudios, ¿qué tan barato es el crédito?",
            "¿Cuál es el periodo más largo para pagar un préstamo de consumo?",
            "¿Desde qué porcentaje arrancan las tasas de los créditos?",
            "Me gustaría consolidar mis deudas con ustedes, ¿qué tasa me darían?",
        ),
        answers=(
            "El crédito de libre inversión tiene una tasa {loan_rate}, fija durante todo el crédito, y un plazo de hasta "
            "{loan_max_term}. La tasa final depende de su perfil.",
            "Con gusto. Manejamos tasas {loan_rate} y plazos de hasta {loan_max_term}. Puede simular la cuota en la app sin compromiso.",
        ),
        required_facts=("loan_rate", "loan_max_term"),
        reference="Tasa fija {loan_rate} y plazo máximo de {loan_max_term}.",
        followups=(("¿El crédito tiene seguro?", "Sí, incluye seguro de vida deudor de {loan_insurance} prestado, que va en la cuota."),),
    ),
    Intent(
        id="loan_requirements", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Qué requisitos piden para un crédito?", "¿Qué papeles necesito para solicitar un préstamo?",
            "Soy empleado, ¿qué documentos me piden para el crédito de libre inversión?", "cuanto tengo que ganar para que me presten",
            "¿En cuánto tiempo aprueban un crédito?", "Buenas tardes, radiqué la solicitud de crédito, ¿cuándo me responden?",
            "¿Cuáles son los ingresos mínimos para pedir un préstamo?", "Quiero pedir un crédito, ¿qué necesito llevar?",
            "¿Me prestan si gano el mínimo?", "¿Qué tan rápido es el estudio del crédito?",
        ),
        eval_questions=(
            "¿Cuánto debe ganar uno al mes para calificar a un préstamo personal?",
            "¿Qué soportes de ingresos hay que adjuntar a la solicitud de crédito?",
            "Mandé todo para el préstamo, ¿en cuántas horas sale la respuesta?",
            "Si soy asalariado, ¿qué me exigen para prestarme plata?",
            "¿Qué condiciones debo cumplir para que me aprueben un crédito de consumo?",
            "¿Cuánto se demora el análisis de una solicitud de préstamo?",
            "Quiero saber si califico para un crédito con un sueldo básico",
            "Enumere los documentos para aplicar a libre inversión",
            "¿Qué tan demorada es la aprobación después de enviar los desprendibles?",
            "¿Cuál es el salario mínimo requerido por ustedes para un préstamo?",
        ),
        answers=(
            "Para el crédito de libre inversión necesita ingresos desde {loan_min_income} y adjuntar sus {loan_docs} (o "
            "la declaración de renta si es independiente). La respuesta llega en {loan_approval}.",
            "Con gusto le cuento: pedimos ingresos mínimos de {loan_min_income}, su cédula y los {loan_docs}. Una vez "
            "radicada la solicitud, el estudio tarda {loan_approval}.",
        ),
        required_facts=("loan_min_income", "loan_docs", "loan_approval"),
        reference="Ingresos desde {loan_min_income} y los {loan_docs}; la respuesta llega en {loan_approval}.",
        asks_for="cedula",
        followups=(
            ("¿Y cuánto es lo mínimo y lo máximo que prestan?", "Prestamos desde {loan_min_amount} hasta {loan_max_amount}, según su capacidad de pago."),
            ("Si me aprueban, ¿en cuánto tiempo me consignan?", "El desembolso llega a su cuenta Guadua en {loan_disbursement} después de firmar el pagaré digital."),
        ),
    ),
    Intent(
        id="loan_prepayment", topic="creditos", kb_ids=("bank-creditos",),
        questions=(
            "¿Puedo hacer abonos extra a mi crédito?", "quiero pagar el crédito completo antes de tiempo, ¿me cobran algo?",
            "¿Hay multa por prepagar un préstamo?", "Me llegó una prima y quiero abonar a capital, ¿cómo hago?",
            "¿Si adelanto cuotas del crédito me bajan los intereses?", "Buenas, ¿cómo cancelo totalmente mi préstamo?",
            "¿Los abonos a capital tienen penalidad?", "Quiero reducir el plazo del crédito con un abono, ¿se puede?",
            "¿Puedo pagar más de la cuota mensual del préstamo?", "Tengo {monto} extra, ¿los puedo abonar al crédito?",
        ),
        eval_questions=(
            "¿Qué sanción aplica si liquido el préstamo anticipadamente?",
            "Me gané una plata y quisiera salir de la deuda del crédito ya",
            "¿Es posible amortizar capital sin esperar a la cuota del mes?",
            "¿Cobran algún recargo cuando uno salda el crédito antes del plazo?",
            "¿Qué pasa si deposito un valor mayor al de la cuota del préstamo?",
            "Con la cesantía quiero disminuir lo que debo del crédito",
            "¿Cómo hago un pago anticipado total de mi libre inversión?", "¿Me penalizan por pagar más rápido lo que debo?",
            "Quisiera saber si adelantar pagos me ahorra intereses", "¿Dónde hago un abono extraordinario al préstamo?",
        ),
        answers=(
            "Sí, puede hacer abonos a capital o pagar el total cuando quiera, {loan_prepay}. En la app vaya a Créditos > "
            "Abonar y elija si quiere reducir el plazo o la cuota.",
            "Claro que sí: los prepagos y abonos extraordinarios son {loan_prepay} y reducen los intereses que paga. Se "
            "hacen en la app o en cualquier oficina.",
        ),
        required_facts=("loan_prepay",),
        reference="Los abonos a capital y el pago total anticipado se pueden hacer en cualquier momento, {loan_prepay}.",
        asks_for="cedula",
    ),
]
