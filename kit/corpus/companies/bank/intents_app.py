"""Banco Guadua intents about the app: password, lock-outs, token and registered phone."""

from __future__ import annotations

from kit.corpus.schema import Intent

INTENTS = [
    Intent(
        id="app_forgot_password", topic="app", kb_ids=("bank-app",),
        questions=(
            "Olvidé la clave de la app, ¿cómo la recupero?", "no me acuerdo de la contraseña para entrar a la aplicacion",
            "¿Cómo cambio la clave de ingreso a la app?", "Buenas, cambié de celular y no recuerdo la clave de la app",
            "¿Cuántos dígitos tiene la clave de la aplicación?", "Necesito restablecer la clave para entrar desde mi computador",
            "¿Dónde cambio la contraseña de la banca móvil?", "se me olvidó la clave y necesito pagar algo urgente",
            "¿Cómo creo una clave nueva para la app Guadua Móvil?", "Mi mamá no se acuerda de su clave de la app, ¿cómo le ayudo?",
        ),
        eval_questions=(
            "Perdí la contraseña con la que ingreso a la banca en línea",
            "¿Qué opción uso en la pantalla de inicio si no sé mi clave?",
            "¿Cómo genero una nueva contraseña digital sin ir al banco?", "¿Qué longitud debe tener la clave para la aplicación?",
            "Hace meses no entro a la app y ya no sé con qué clave",
            "¿Es posible reiniciar la clave de acceso desde el teléfono?",
            "Quiero entrar a la página web del banco pero no tengo la contraseña",
            "Dígame el procedimiento para recuperar el acceso si olvidé la clave",
            "¿La contraseña de la app es la misma del cajero o es otra?",
            "Nunca supe cuál era mi clave de la aplicación, ¿cómo la asigno?",
        ),
        answers=(
            "En la pantalla de inicio de la app toque «{forgot_path}», valide su identidad con la cédula y el código que "
            "le llega al celular, y cree una clave nueva de {app_password_digits}. Es distinta de la clave del cajero.",
            "Con gusto. Use la opción «{forgot_path}» en la app o en la web; después de validarse, asigna una clave de {app_password_digits}.",
        ),
        required_facts=("forgot_path", "app_password_digits"),
        reference="Se recupera con la opción «{forgot_path}» en la app; la nueva clave es de {app_password_digits}.",
        followups=(("¿Y si no me llega el código?", "Verifique que el celular registrado esté activo; si cambió de número, debe actualizarlo en una oficina con la {phone_change}."),),
    ),
    Intent(
        id="app_locked", topic="app", kb_ids=("bank-app",),
        questions=(
            "La app me dice usuario bloqueado", "me bloquearon la aplicacion, no puedo entrar",
            "¿Por qué se bloqueó mi acceso a la banca móvil?", "Buenas, intenté entrar varias veces a la app y ahora está bloqueada",
            "¿Cuánto tiempo dura bloqueada la app?", "¿Cómo desbloqueo mi usuario de la aplicación?",
            "Me salió un mensaje de acceso suspendido en la app", "¿Cuántos intentos tengo para entrar a la app antes de que se bloquee?",
            "no puedo ingresar desde mi computador, dice bloqueado", "Necesito que me desbloqueen la app ya, tengo que pagar la nómina",
        ),
        eval_questions=(
            "Después de varios errores al entrar, la aplicación ya no me deja seguir",
            "¿El bloqueo del usuario digital se quita solo o hay que llamar?",
            "¿Cuál es el número de intentos errados permitidos en la banca en línea?",
            "¿En cuántas horas se reactiva el ingreso a la app?",
            "Tengo la banca virtual inhabilitada por equivocarme de contraseña",
            "¿Qué debo hacer para volver a entrar si la plataforma me bloqueó?",
            "Quedé por fuera de la app y necesito hacer un pago hoy",
            "Mi esposo bloqueó el usuario probando claves, ¿cómo lo solucionamos?",
            "¿Es posible reactivar el acceso a la aplicación antes de que pase el tiempo de espera?",
            "La web del banco dice acceso restringido por seguridad",
        ),
        answers=(
            "Por seguridad, el usuario se bloquea tras {app_lock_attempts} con clave errada. Se desbloquea solo después "
            "de {app_unlock_wait}, o antes si restablece la clave con «{forgot_path}».",
            "El acceso se suspende después de {app_lock_attempts}. Puede esperar {app_unlock_wait} a que se libere o crear "
            "una clave nueva con «{forgot_path}» y entrar de inmediato.",
        ),
        required_facts=("app_lock_attempts", "app_unlock_wait"),
        reference="Se bloquea tras {app_lock_attempts}; se libera solo después de {app_unlock_wait} (o antes, restableciendo la clave).",
        asks_for="cedula",
    ),
    Intent(
        id="token_otp", topic="app", kb_ids=("bank-app",),
        questions=(
            "No me llega el código de verificación para transferir", "¿Cómo activo el token en la app?",
            "el codigo otp se vence muy rapido", "¿Cuánto dura el código del token?",
            "Buenas, me pide un token para una transferencia y no sé dónde está", "¿Dónde encuentro la clave dinámica?",
            "Me dice código inválido cuando pongo el token", "¿Necesito un token físico o está en la app?",
            "cambié de celular y ahora no tengo el token", "¿Cuánto tiempo tengo para escribir el código que me llega por SMS?",
        ),
        eval_questions=(
            "La clave de un solo uso que envían ya no sirve cuando la digito",
            "¿Por cuántos segundos es válido el código de seguridad?",
            "¿En qué menú de la aplicación se habilita el token digital?",
            "Para aprobar pagos me pide un código temporal que no encuentro",
            "¿El banco entrega algún llavero o dispositivo para las claves dinámicas?",
            "Me sale que el código expiró antes de que alcance a escribirlo", "¿Cómo configuro el token en el teléfono nuevo?",
            "Los mensajes con el código de autorización no me están llegando",
            "¿Qué vigencia tiene la clave temporal para confirmar transacciones?",
            "Quiero dejar activo el token para no depender de los mensajes",
        ),
        answers=(
            "El token está dentro de la app, en {token_path}; actívelo una vez y genera códigos sin depender del SMS. "
            "Cada código dura {otp_validity}, así que escríbalo apenas le aparezca.",
            "Los códigos dinámicos son válidos por {otp_validity}. Si el SMS no le llega, active el token en {token_path} y los tendrá en la app.",
        ),
        required_facts=("token_path", "otp_validity"),
        reference="El token se activa en la app en {token_path}; cada código es válido por {otp_validity}.",
    ),
    Intent(
        id="change_phone", topic="app", kb_ids=("bank-app", "bank-canales"),
        questions=(
            "Cambié de número de celular, ¿cómo lo actualizo en el banco?", "¿Cómo actualizo mi número de teléfono?",
            "perdí la línea y los códigos llegan al número viejo",
            "Buenas, necesito cambiar el celular registrado, ¿lo puedo hacer por aquí?", "¿Puedo actualizar el número desde la app?",
            "Me robaron el celular y ahora tengo otra línea", "¿Qué necesito para cambiar el número al que me llegan los mensajes?",
            "los sms del banco le llegan a mi ex, quiero cambiar el número",
            "¿Por qué no me dejan actualizar el celular por teléfono?", "Tengo un número nuevo, ¿dónde lo registro?",
        ),
        eval_questions=(
            "Mi línea anterior ya no existe, ¿cómo cambio el contacto registrado en el banco?",
            "¿Qué documento llevo a la oficina para modificar mi número móvil?",
            "Las notificaciones me siguen llegando al teléfono que ya no uso",
            "Quiero reemplazar el número asociado a mi cuenta por el de mi nuevo plan",
            "¿Es obligatorio ir presencialmente para actualizar el celular?",
            "¿Cómo hago el cambio del número para los códigos de seguridad?",
            "Cambié de operador y de número, ¿qué trámite debo hacer con ustedes?",
            "¿Por qué no se puede modificar el teléfono de contacto por el chat?",
            "Necesito poner al día mis datos de contacto, sobre todo el celular",
            "¿Qué pasos sigo para registrar otro número de teléfono en mi perfil?",
        ),
        answers=(
            "Por seguridad, el celular registrado solo se cambia en una oficina presentando su {phone_change}, porque a ese "
            "número llegan los códigos de verificación. El cambio queda activo el mismo día.",
            "Entiendo. Ese dato no se puede cambiar por chat ni por teléfono: debe ir a cualquier oficina, de "
            "{branch_hours}, con su {phone_change}.",
        ),
        required_facts=("phone_change",),
        reference="El celular registrado solo se cambia en una oficina presentando la {phone_change}.",
    ),
]
