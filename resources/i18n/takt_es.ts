<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>pinned by {by}: {reason}</source>
        <translation>fijada por {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before by {by}: {reason}</source>
        <translation>movida antes por {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after by {by}: {reason}</source>
        <translation>movida después por {by}: {reason}</translation>
    </message>
    <message>
        <source>held by {by}: {reason}</source>
        <translation>retenida por {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before {target} by {by}: {reason}</source>
        <translation>movida antes de {target} por {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after {target} by {by}: {reason}</source>
        <translation>movida después de {target} por {by}: {reason}</translation>
    </message>
    <message>
        <source>pinned by {by} at {at}: {reason}</source>
        <translation>fijada por {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved before by {by} at {at}: {reason}</source>
        <translation>movida antes por {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved after by {by} at {at}: {reason}</source>
        <translation>movida después por {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>held by {by} at {at}: {reason}</source>
        <translation>retenida por {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>processing_min</source>
        <translation>proceso (min)</translation>
    </message>
    <message>
        <source>slack_min</source>
        <translation>holgura (min)</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>urgencia</translation>
    </message>
    <message>
        <source>setup_min</source>
        <translation>preparación (min)</translation>
    </message>
    <message>
        <source>setup_factor</source>
        <translation>factor de preparación</translation>
    </message>
    <message>
        <source>critical_ratio</source>
        <translation>ratio crítico</translation>
    </message>
    <message>
        <source>due_in_h</source>
        <translation>vence en (h)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>puntuación</translation>
    </message>
    <message>
        <source>{work_order} · op {seq}</source>
        <translation>{work_order} · op. {seq}</translation>
    </message>
    <message>
        <source>{done} / {total}</source>
        <comment>done of the quantity</comment>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>stock order</source>
        <translation>para stock</translation>
    </message>
    <message>
        <source>{customer} ({priority_class})</source>
        <translation>{customer} ({priority_class})</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>EN MARCHA</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>LISTA</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>EN ESPERA</translation>
    </message>
    <message>
        <source>NO MATERIAL</source>
        <translation>SIN MATERIAL</translation>
    </message>
    <message>
        <source>MACHINE DOWN</source>
        <translation>MÁQUINA PARADA</translation>
    </message>
    <message>
        <source>ON HOLD</source>
        <translation>RETENIDA</translation>
    </message>
    <message>
        <source>IDLE</source>
        <translation>INACTIVA</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>PARADA</translation>
    </message>
    <message>
        <source>NO SIGNAL</source>
        <translation>SIN SEÑAL</translation>
    </message>
    <message>
        <source>SIGNAL LOST</source>
        <translation>SEÑAL PERDIDA</translation>
    </message>
    <message>
        <source>PLANNED STOP</source>
        <translation>PARADA PLANIFICADA</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>lista</translation>
    </message>
    <message>
        <source>waiting for an earlier operation</source>
        <translation>esperando una operación anterior</translation>
    </message>
    <message>
        <source>blocked: material short</source>
        <translation>bloqueada: falta material</translation>
    </message>
    <message>
        <source>blocked: machine down</source>
        <translation>bloqueada: máquina parada</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>retenida</translation>
    </message>
    <message>
        <source>OVERDUE {span}</source>
        <translation>VENCIDO {span}</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>Escanea tu tarjeta</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué ha pasado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Substitute material</source>
        <translation>Material sustituto</translation>
    </message>
    <message>
        <source>Work center</source>
        <translation>Centro de trabajo</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Move relative to</source>
        <translation>Mover respecto a</translation>
    </message>
    <message>
        <source>Good quantity</source>
        <translation>Cantidad buena</translation>
    </message>
    <message>
        <source>Scrap quantity</source>
        <translation>Cantidad de rechazo</translation>
    </message>
    <message>
        <source>Downtime reason</source>
        <translation>Motivo de parada</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Causa raíz</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>En espera de</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Incidencia</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Contabilización</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>Reglas de asignación</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Qué ha cambiado</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nuevo valor</translation>
    </message>
    <message>
        <source>New priority</source>
        <translation>Nueva prioridad</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>Quién lo pidió</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>{label} is missing</source>
        <translation>Falta {label}</translation>
    </message>
    <message>
        <source>{label} is missing: {rest}</source>
        <translation>Falta {label}: {rest}</translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation>{label}: {problem}</translation>
    </message>
    <message>
        <source>That did not work because of an internal error; it was logged for support.</source>
        <translation>No ha funcionado por un error interno; se ha registrado para el equipo de soporte.</translation>
    </message>
    <message>
        <source>or log in with your employee number and PIN</source>
        <translation>o inicia sesión con tu número de empleado y PIN</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>Nº de empleado</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>confirm key</comment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Takt — {terminal}</source>
        <translation>Takt — {terminal}</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>Planta</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Visto</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Reconocer</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Waiting on…</source>
        <translation>En espera de…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Reasignar…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Resolver…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reabrir…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Acknowledge task</source>
        <translation>Reconocer tarea</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Tarea hecha</translation>
    </message>
    <message>
        <source>My functions&apos; tasks</source>
        <translation>Tareas de mis funciones</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Bandeja</translation>
    </message>
    <message>
        <source>Inbox · {name} ({roles})</source>
        <translation>Bandeja · {name} ({roles})</translation>
    </message>
    <message>
        <source>The inbox could not be read; it will try again.</source>
        <translation>No se pudo leer la bandeja; se volverá a intentar.</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>sin rol</translation>
    </message>
    <message>
        <source>Nothing to do: no open exception belongs to {name} or to {roles}, and none was escalated to them.</source>
        <translation>Nada que hacer: ninguna incidencia abierta pertenece a {name} ni a {roles}, y ninguna se les ha escalado.</translation>
    </message>
    <message numerus="yes">
        <source>%n open exception(s) belong to other functions.</source>
        <translation>
            <numerusform>%n incidencia abierta pertenece a otras funciones.</numerusform>
            <numerusform>%n incidencias abiertas pertenecen a otras funciones.</numerusform>
        </translation>
    </message>
    <message>
        <source>No task is waiting for these functions either.</source>
        <translation>Tampoco hay ninguna tarea pendiente para estas funciones.</translation>
    </message>
    <message>
        <source>NEW {kind} at {where}: {summary}</source>
        <translation>NUEVA INCIDENCIA · {kind} en {where}: {summary}</translation>
    </message>
    <message>
        <source>NEW {kind}: {summary}</source>
        <translation>NUEVA INCIDENCIA · {kind}: {summary}</translation>
    </message>
    <message>
        <source>{text} (+{n} more)</source>
        <translation>{text} (+{n} más)</translation>
    </message>
    <message>
        <source>acknowledged “{summary}”</source>
        <translation>has reconocido «{summary}»</translation>
    </message>
    <message>
        <source>started work on “{summary}”</source>
        <translation>has empezado a trabajar en «{summary}»</translation>
    </message>
    <message>
        <source>closed “{summary}”</source>
        <translation>has cerrado «{summary}»</translation>
    </message>
    <message>
        <source>acknowledged the task</source>
        <translation>has reconocido la tarea</translation>
    </message>
    <message>
        <source>finished the task</source>
        <translation>has terminado la tarea</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>e.g. spare pump from supplier</source>
        <translation>p. ej., bomba de repuesto del proveedor</translation>
    </message>
    <message>
        <source>“{summary}” waits on {waiting_on}</source>
        <translation>«{summary}» en espera de {waiting_on}</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Reasignar</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Asignar a</translation>
    </message>
    <message>
        <source>Person (user id)</source>
        <translation>Persona (nº de empleado)</translation>
    </message>
    <message>
        <source>e.g. needs a decision on overtime</source>
        <translation>p. ej., hace falta decidir sobre horas extra</translation>
    </message>
    <message>
        <source>reassigned “{summary}” to {role}</source>
        <translation>has reasignado «{summary}» a {role}</translation>
    </message>
    <message>
        <source>what was decided and done</source>
        <translation>qué se decidió y qué se hizo</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Releasing held material is quality&apos;s decision.</source>
        <translation>Liberar material retenido es decisión de calidad.</translation>
    </message>
    <message>
        <source>resolved “{summary}”</source>
        <translation>has resuelto «{summary}»</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>what recurred</source>
        <translation>qué ha vuelto a pasar</translation>
    </message>
    <message>
        <source>reopened “{summary}”</source>
        <translation>has reabierto «{summary}»</translation>
    </message>
    <message>
        <source>Postings</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Relevo</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métricas</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>nobody logged in</source>
        <translation>nadie ha iniciado sesión</translation>
    </message>
    <message>
        <source>terminal {name}</source>
        <translation>terminal {name}</translation>
    </message>
    <message>
        <source>local database only</source>
        <translation>solo base de datos local</translation>
    </message>
    <message>
        <source>The language of your screens: {name}</source>
        <translation>El idioma de tus pantallas: {name}</translation>
    </message>
    <message>
        <source>Your language was not saved: it is used on this terminal until you log out.</source>
        <translation>Tu idioma no se ha guardado: se usará en este terminal hasta que cierres sesión.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet: it is loading it from the server.</source>
        <translation>Este terminal aún no tiene datos de planta: los está cargando desde el servidor.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet. Connect it to a Takt server (takt terminal --server URL) or try the demo plant (takt demo).</source>
        <translation>Este terminal aún no tiene datos de planta. Conéctalo a un servidor Takt (takt terminal --server URL) o prueba la planta de demostración (takt demo).</translation>
    </message>
    <message>
        <source>Logged out: nobody used this terminal for a while.</source>
        <translation>Sesión cerrada: nadie ha usado este terminal durante un rato.</translation>
    </message>
    <message>
        <source>The scan could not be checked; try again.</source>
        <translation>No se pudo comprobar el escaneo; inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>{code}: confirm this job first</source>
        <translation>{code}: primero notifica esta operación</translation>
    </message>
    <message>
        <source>badge {badge} is already given to {name}</source>
        <translation>la tarjeta {badge} ya está asignada a {name}</translation>
    </message>
    <message>
        <source>unknown person {user}</source>
        <translation>persona desconocida {user}</translation>
    </message>
    <message>
        <source>PIN login does not work on this terminal: it holds no PIN key from its server (a copied or restored terminal, or a reset keyring). Scan your badge; an administrator can enroll this terminal again</source>
        <translation>El inicio de sesión con PIN no funciona en este terminal: no tiene clave PIN de su servidor (terminal copiado o restaurado, o llavero restablecido). Escanea tu tarjeta; un administrador puede volver a dar de alta este terminal</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} try left before a {minutes}-minute lock</source>
        <translation>número de empleado o PIN incorrecto: te queda {left} intento antes de un bloqueo de {minutes} minutos</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} tries left before a {minutes}-minute lock</source>
        <translation>número de empleado o PIN incorrecto: te quedan {left} intentos antes de un bloqueo de {minutes} minutos</translation>
    </message>
    <message>
        <source>this terminal holds no PIN key from its server, so it cannot set PINs; enroll the terminal again (takt enroll)</source>
        <translation>este terminal no tiene clave PIN de su servidor, así que no puede establecer PIN; vuelve a dar de alta el terminal (takt enroll)</translation>
    </message>
    <message>
        <source>already given to {name}</source>
        <translation>ya está asignada a {name}</translation>
    </message>
    <message>
        <source>scan a badge or type its number</source>
        <translation>escanea una tarjeta o escribe su número</translation>
    </message>
    <message>
        <source>badge {badge} is not enrolled</source>
        <translation>la tarjeta {badge} no está dada de alta</translation>
    </message>
    <message>
        <source>enter your employee number</source>
        <translation>introduce tu número de empleado</translation>
    </message>
    <message>
        <source>too many wrong PINs: try again in {minutes} min or scan your badge</source>
        <translation>demasiados PIN incorrectos: inténtalo de nuevo en {minutes} min o escanea tu tarjeta</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong {failures} times in a row: PIN login for {user} is locked for {minutes} min; scan your badge</source>
        <translation>número de empleado o PIN incorrecto {failures} veces seguidas: el inicio de sesión con PIN de {user} queda bloqueado {minutes} min; escanea tu tarjeta</translation>
    </message>
    <message>
        <source>Absent, not covered</source>
        <translation>Ausente, sin sustituto</translation>
    </message>
    <message>
        <source>Bearing or spindle</source>
        <translation>Rodamiento o husillo</translation>
    </message>
    <message>
        <source>Break or meeting</source>
        <translation>Pausa o reunión</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Avería</translation>
    </message>
    <message>
        <source>Broken tool</source>
        <translation>Herramienta rota</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>Cambio de referencia</translation>
    </message>
    <message>
        <source>Control or program fault</source>
        <translation>Fallo de control o programa</translation>
    </message>
    <message>
        <source>Coolant or lubrication</source>
        <translation>Refrigerante o lubricación</translation>
    </message>
    <message>
        <source>Crash or collision</source>
        <translation>Choque o colisión</translation>
    </message>
    <message>
        <source>Customer or order change</source>
        <translation>Cambio del cliente o de la orden</translation>
    </message>
    <message>
        <source>Defective material</source>
        <translation>Material defectuoso</translation>
    </message>
    <message>
        <source>Drawing or specification</source>
        <translation>Plano o especificación</translation>
    </message>
    <message>
        <source>Drive or motor fault</source>
        <translation>Fallo de accionamiento o motor</translation>
    </message>
    <message>
        <source>Electrical</source>
        <translation>Eléctrico</translation>
    </message>
    <message>
        <source>Fixture or clamp problem</source>
        <translation>Problema de utillaje o amarre</translation>
    </message>
    <message>
        <source>Gauge or instrument</source>
        <translation>Calibre o instrumento</translation>
    </message>
    <message>
        <source>Gauge out of calibration</source>
        <translation>Calibre descalibrado</translation>
    </message>
    <message>
        <source>Guard, door or fixture</source>
        <translation>Protección, puerta o utillaje</translation>
    </message>
    <message>
        <source>Hydraulics or pneumatics</source>
        <translation>Hidráulica o neumática</translation>
    </message>
    <message>
        <source>Inspection method</source>
        <translation>Método de inspección</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>sin señal</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactiva</translation>
    </message>
    <message>
        <source>signal lost</source>
        <translation>señal perdida</translation>
    </message>
    <message>
        <source>planned stop</source>
        <translation>parada planificada</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>NO SIGNAL YET</source>
        <translation>AÚN SIN SEÑAL</translation>
    </message>
    <message>
        <source>fault {fault}</source>
        <translation>fallo {fault}</translation>
    </message>
    <message>
        <source>{count} ({duration})</source>
        <translation>{count} ({duration})</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Máquina</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Micro-stops</source>
        <translation>Microparadas</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Contador</translation>
    </message>
    <message>
        <source>Open downtime</source>
        <translation>Parada abierta</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectada</translation>
    </message>
    <message>
        <source>NOT CONNECTED</source>
        <translation>NO CONECTADA</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>DESCONECTADO</translation>
    </message>
    <message>
        <source>Source / device</source>
        <translation>Fuente / dispositivo</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Last birth</source>
        <translation>Último nacimiento</translation>
    </message>
    <message>
        <source>Drafts ({n})</source>
        <translation>Borradores ({n})</translation>
    </message>
    <message>
        <source>Triage ({n})</source>
        <translation>Revisión ({n})</translation>
    </message>
    <message>
        <source>Archived ({n})</source>
        <translation>Archivados ({n})</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Paste a message…</source>
        <translation>Pegar un mensaje…</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>The messages could not be read; it will try again.</source>
        <translation>No se pudieron leer los mensajes; se volverá a intentar.</translation>
    </message>
    <message>
        <source>{type} ({sure} sure)</source>
        <translation>{type} ({sure} de confianza)</translation>
    </message>
    <message>
        <source>{status} by {who}: exception raised.</source>
        <translation>{status} por {who}: incidencia reportada.</translation>
    </message>
    <message>
        <source>Triage: {why}. Link it to a work order or work center.</source>
        <translation>Revisión: {why}. Vincúlalo a una orden o a un centro de trabajo.</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Vincular…</translation>
    </message>
    <message>
        <source>No drafts: messages that name an order or a machine appear here.</source>
        <translation>No hay borradores: aquí aparecen los mensajes que nombran una orden o una máquina.</translation>
    </message>
    <message>
        <source>Nothing to triage.</source>
        <translation>Nada que revisar.</translation>
    </message>
    <message>
        <source>Nothing archived yet.</source>
        <translation>Aún no hay nada archivado.</translation>
    </message>
    <message>
        <source>confirmed the message: exception raised</source>
        <translation>has confirmado el mensaje: incidencia reportada</translation>
    </message>
    <message>
        <source>discarded the draft; the message is kept under Archived</source>
        <translation>has descartado el borrador; el mensaje se guarda en Archivados</translation>
    </message>
    <message>
        <source>made a draft of the message</source>
        <translation>has creado un borrador del mensaje</translation>
    </message>
    <message>
        <source>recorded a message taken at the terminal</source>
        <translation>has registrado un mensaje recibido en el terminal</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>En cuarentena</translation>
    </message>
    <message>
        <source>Seq gaps</source>
        <translation>Saltos de seq</translation>
    </message>
    <message>
        <source>Rebirths</source>
        <translation>Renacimientos</translation>
    </message>
    <message>
        <source>{time}  {topic}: {reason} ({size} bytes)</source>
        <translation>{time}  {topic}: {reason} ({size} bytes)</translation>
    </message>
    <message>
        <source>Source {source} at {broker}</source>
        <translation>Fuente {source} en {broker}</translation>
    </message>
    <message>
        <source>Host application id: {host_id}</source>
        <translation>Id. de la aplicación host: {host_id}</translation>
    </message>
    <message>
        <source>{state} since {time}; {losses} connection losses</source>
        <translation>{state} desde {time}; {losses} pérdidas de conexión</translation>
    </message>
    <message>
        <source>Quarantined: {total} in all, {own} on no node or device</source>
        <translation>En cuarentena: {total} en total, {own} sin nodo ni dispositivo</translation>
    </message>
    <message>
        <source>Edge node {node}</source>
        <translation>Nodo edge {node}</translation>
    </message>
    <message>
        <source>bdSeq {bd_seq}; last birth {birth}; last death {death}</source>
        <translation>bdSeq {bd_seq}; último nacimiento {birth}; última muerte {death}</translation>
    </message>
    <message>
        <source>{gaps} seq gaps, {rebirths} rebirths requested, {stale} stale deaths ignored</source>
        <translation>saltos de seq: {gaps}, renacimientos pedidos: {rebirths}, muertes obsoletas ignoradas: {stale}</translation>
    </message>
    <message>
        <source>Quarantined: {total}</source>
        <translation>En cuarentena: {total}</translation>
    </message>
    <message>
        <source>Device {device}</source>
        <translation>Dispositivo {device}</translation>
    </message>
    <message>
        <source>Last birth {birth}; last death {death}</source>
        <translation>Último nacimiento {birth}; última muerte {death}</translation>
    </message>
    <message>
        <source>The payloads quarantined are listed under its nodes and devices.</source>
        <translation>Los mensajes en cuarentena figuran bajo sus nodos y dispositivos.</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>operations of a work center</comment>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Ready</source>
        <comment>operations of a work center</comment>
        <translation>Listas</translation>
    </message>
    <message>
        <source>Setup families</source>
        <translation>Familias de preparación</translation>
    </message>
    <message>
        <source>Maintenance overdue</source>
        <translation>Mantenimiento vencido</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Material on hold</source>
        <translation>Material retenido</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Medición</translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation>Mecánico</translation>
    </message>
    <message>
        <source>Method and process</source>
        <translation>Método y proceso</translation>
    </message>
    <message>
        <source>No material</source>
        <translation>Sin material</translation>
    </message>
    <message>
        <source>No operator</source>
        <translation>Sin operario</translation>
    </message>
    <message>
        <source>No power or tripped breaker</source>
        <translation>Sin corriente o magnetotérmico saltado</translation>
    </message>
    <message>
        <source>Not enough people</source>
        <translation>Falta de personal</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrada</translation>
    </message>
    <message>
        <source>Not staged at the machine</source>
        <translation>No abastecido en la máquina</translation>
    </message>
    <message>
        <source>Not staged in time</source>
        <translation>No abastecido a tiempo</translation>
    </message>
    <message>
        <source>Not trained for this job</source>
        <translation>Sin formación para esta operación</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Sin existencias</translation>
    </message>
    <message>
        <source>Parts out of tolerance</source>
        <translation>Piezas fuera de tolerancia</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Planned setup</source>
        <translation>Preparación planificada</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planificación</translation>
    </message>
    <message>
        <source>Previous operation late</source>
        <translation>Operación anterior retrasada</translation>
    </message>
    <message>
        <source>Process adjustment</source>
        <translation>Ajuste de proceso</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Return to supplier</source>
        <translation>Devolver al proveedor</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Retrabajo</translation>
    </message>
    <message>
        <source>Schedule or sequence</source>
        <translation>Programa o secuencia</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Notificar</translation>
    </message>
    <message>
        <source>Confirm {operation}</source>
        <translation>Notificar {operation}</translation>
    </message>
    <message>
        <source>{item} · {name}</source>
        <translation>{item} · {name}</translation>
    </message>
    <message>
        <source>{done} of {total} done so far</source>
        <translation>Hecho hasta ahora: {done} de {total}</translation>
    </message>
    <message>
        <source>Final: the operation is complete</source>
        <translation>Final: la operación está terminada</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Buenas</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Rechazo</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítica</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>Especificación</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>Planificador</translation>
    </message>
    <message>
        <source>Rush</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Dimensions out of tolerance</source>
        <translation>Cotas fuera de tolerancia</translation>
    </message>
    <message>
        <source>Surface defect</source>
        <translation>Defecto superficial</translation>
    </message>
    <message>
        <source>Wrong or mixed material</source>
        <translation>Material erróneo o mezclado</translation>
    </message>
    <message>
        <source>Damaged parts</source>
        <translation>Piezas dañadas</translation>
    </message>
    <message>
        <source>{order} op {number}</source>
        <translation>{order} op. {number}</translation>
    </message>
    <message>
        <source>{category}: what exactly?</source>
        <translation>{category}: ¿qué exactamente?</translation>
    </message>
    <message>
        <source>Scan or type a work order, item or lot</source>
        <translation>Escanea o escribe una orden, artículo o lote</translation>
    </message>
    <message>
        <source>What was reported?</source>
        <translation>¿Qué se ha comunicado?</translation>
    </message>
    <message>
        <source>How did it come in?</source>
        <translation>¿Cómo llegó?</translation>
    </message>
    <message>
        <source>Paste the message here (it is kept as the note)</source>
        <translation>Pega aquí el mensaje (se guarda como nota)</translation>
    </message>
    <message>
        <source>Who asked for the change?</source>
        <translation>¿Quién pidió el cambio?</translation>
    </message>
    <message>
        <source>Why is the machine down?</source>
        <translation>¿Por qué está parada la máquina?</translation>
    </message>
    <message>
        <source>What happened, in a few words</source>
        <translation>Qué ha pasado, en pocas palabras</translation>
    </message>
    <message>
        <source>Scan or type the item to use instead</source>
        <translation>Escanea o escribe el artículo a usar en su lugar</translation>
    </message>
    <message>
        <source>How many (optional)</source>
        <translation>Cuántos (opcional)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>The new quantity, date or specification</source>
        <translation>La nueva cantidad, fecha o especificación</translation>
    </message>
    <message>
        <source>Why the priority changes</source>
        <translation>Por qué cambia la prioridad</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Use instead</source>
        <translation>Usar en su lugar</translation>
    </message>
    <message>
        <source>Raise: {kind}</source>
        <translation>Reportar: {kind}</translation>
    </message>
    <message>
        <source>Log a call / message: {kind}</source>
        <translation>Registrar llamada / aviso: {kind}</translation>
    </message>
    <message>
        <source>Which material is short?</source>
        <translation>¿Qué material falta?</translation>
    </message>
    <message>
        <source>Which material is replaced?</source>
        <translation>¿Qué material se sustituye?</translation>
    </message>
    <message>
        <source>What is wrong?</source>
        <translation>¿Qué está mal?</translation>
    </message>
    <message>
        <source>What changed?</source>
        <translation>¿Qué ha cambiado?</translation>
    </message>
    <message>
        <source>No materials known for this job: scan the item.</source>
        <translation>No se conocen materiales para esta operación: escanea el artículo.</translation>
    </message>
    <message>
        <source>no work center</source>
        <translation>sin centro de trabajo</translation>
    </message>
    <message>
        <source>missing: scan or type the work order</source>
        <translation>falta: escanea o escribe la orden</translation>
    </message>
    <message>
        <source>missing: pick what changed</source>
        <translation>falta: elige qué ha cambiado</translation>
    </message>
    <message>
        <source>missing: type the new value</source>
        <translation>falta: escribe el nuevo valor</translation>
    </message>
    <message>
        <source>missing: pick who asked for it</source>
        <translation>falta: elige quién lo pidió</translation>
    </message>
    <message>
        <source>missing: pick the new priority</source>
        <translation>falta: elige la nueva prioridad</translation>
    </message>
    <message>
        <source>missing: say why</source>
        <translation>falta: indica el motivo</translation>
    </message>
    <message>
        <source>missing: paste the message</source>
        <translation>falta: pega el mensaje</translation>
    </message>
    <message>
        <source>missing: pick the reason</source>
        <translation>falta: elige el motivo</translation>
    </message>
    <message>
        <source>missing: pick why the machine is down</source>
        <translation>falta: elige por qué está parada la máquina</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>no es un número</translation>
    </message>
    <message>
        <source>Raising…</source>
        <translation>Reportando…</translation>
    </message>
    <message>
        <source>Looking up {code}…</source>
        <translation>Buscando {code}…</translation>
    </message>
    <message>
        <source>Unknown code “{code}”: not a work order, item or lot.</source>
        <translation>Código desconocido «{code}»: no es una orden, un artículo ni un lote.</translation>
    </message>
    <message>
        <source>Work order {order}.</source>
        <translation>Orden {order}.</translation>
    </message>
    <message>
        <source>Use {item} instead.</source>
        <translation>Usar {item} en su lugar.</translation>
    </message>
    <message>
        <source>Lot {lot} of {item}.</source>
        <translation>Lote {lot} de {item}.</translation>
    </message>
    <message>
        <source>Item {item}.</source>
        <translation>Artículo {item}.</translation>
    </message>
    <message>
        <source>{what} raised; its owner has been told.</source>
        <translation>Reportado: {what}; se ha avisado a su responsable.</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Notificando…</translation>
    </message>
    <message>
        <source>good: {text} is not a number</source>
        <translation>buenas: {text} no es un número</translation>
    </message>
    <message>
        <source>scrap: {text} is not a number</source>
        <translation>rechazo: {text} no es un número</translation>
    </message>
    <message>
        <source>Sensor or switch</source>
        <translation>Sensor o interruptor</translation>
    </message>
    <message>
        <source>Setup or program</source>
        <translation>Preparación o programa</translation>
    </message>
    <message>
        <source>Setup took too long</source>
        <translation>Preparación demasiado larga</translation>
    </message>
    <message>
        <source>Stock record wrong</source>
        <translation>Registro de stock erróneo</translation>
    </message>
    <message>
        <source>Supplier late or short</source>
        <translation>Retraso o falta del proveedor</translation>
    </message>
    <message>
        <source>Tool or fixture missing</source>
        <translation>Falta herramienta o utillaje</translation>
    </message>
    <message>
        <source>Tool or gauge missing</source>
        <translation>Falta herramienta o calibre</translation>
    </message>
    <message>
        <source>Tool worn or broken</source>
        <translation>Herramienta gastada o rota</translation>
    </message>
    <message>
        <source>Tooling</source>
        <translation>Herramientas</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formación</translation>
    </message>
    <message>
        <source>Use as is</source>
        <translation>Usar tal cual</translation>
    </message>
    <message>
        <source>Waiting for first-piece approval</source>
        <translation>Esperando aprobación de primera pieza</translation>
    </message>
    <message>
        <source>Waiting for inspection</source>
        <translation>Esperando inspección</translation>
    </message>
    <message>
        <source>Wear</source>
        <translation>Desgaste</translation>
    </message>
    <message>
        <source>Work instruction unclear or wrong</source>
        <translation>Instrucción de trabajo confusa o errónea</translation>
    </message>
    <message>
        <source>Worn tool, out of tolerance</source>
        <translation>Herramienta gastada, fuera de tolerancia</translation>
    </message>
    <message>
        <source>The materials could not be read: {error}</source>
        <translation>No se pudieron leer los materiales: {error}</translation>
    </message>
    <message>
        <source>The board could not be loaded: {error}</source>
        <translation>No se pudo cargar el panel: {error}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued  ·  lot {lot}</source>
        <translation>salida: {issued} de {required}  ·  lote {lot}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued</source>
        <translation>salida: {issued} de {required}</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Dar salida</translation>
    </message>
    <message>
        <source>Issue material to {operation}</source>
        <translation>Salida de material a {operation}</translation>
    </message>
    <message>
        <source>This work order lists no material to issue.</source>
        <translation>Esta orden no incluye material al que dar salida.</translation>
    </message>
    <message>
        <source>scan or type the lot</source>
        <translation>escanea o escribe el lote</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>item: choose the material</source>
        <translation>artículo: elige el material</translation>
    </message>
    <message>
        <source>qty: {text} is not a quantity</source>
        <translation>cant.: {text} no es una cantidad</translation>
    </message>
    <message>
        <source>qty: nothing is not a quantity</source>
        <translation>cant.: escribe una cantidad</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>Dando salida…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Done / qty</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Resp.</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Falta material</translation>
    </message>
    <message>
        <source>Machine down</source>
        <translation>Máquina parada</translation>
    </message>
    <message>
        <source>Quality hold</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Substitute</source>
        <translation>Sustituto</translation>
    </message>
    <message>
        <source>Scan or type a work order</source>
        <translation>Escanea o escribe una orden</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <source>RUNNING NOW</source>
        <translation>EN MARCHA AHORA</translation>
    </message>
    <message>
        <source>Confirm quantities</source>
        <translation>Notificar cantidades</translation>
    </message>
    <message>
        <source>Issue material</source>
        <translation>Salida de material</translation>
    </message>
    <message>
        <source>machine counted {count}</source>
        <translation>la máquina contó {count}</translation>
    </message>
    <message>
        <source>My exceptions · {count}</source>
        <translation>Mis incidencias · {count}</translation>
    </message>
    <message>
        <source>Log in to raise an exception.</source>
        <translation>Identifícate para reportar una incidencia.</translation>
    </message>
    <message>
        <source>Queue · {count}</source>
        <translation>Cola · {count}</translation>
    </message>
    <message>
        <source>MACHINE {state}</source>
        <translation>MÁQUINA {state}</translation>
    </message>
    <message>
        <source>NEXT JOB</source>
        <translation>SIGUIENTE OPERACIÓN</translation>
    </message>
    <message>
        <source>Nothing to run</source>
        <translation>Nada que fabricar</translation>
    </message>
    <message>
        <source>No open jobs in this lane.</source>
        <translation>No hay operaciones abiertas en esta cola.</translation>
    </message>
    <message>
        <source>Choose a work center.</source>
        <translation>Elige un centro de trabajo.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>SELECTED JOB</source>
        <translation>OPERACIÓN ELEGIDA</translation>
    </message>
    <message>
        <source>Start {work_order}</source>
        <translation>Iniciar {work_order}</translation>
    </message>
    <message>
        <source>This job is running.</source>
        <translation>Esta operación está en marcha.</translation>
    </message>
    <message>
        <source>Confirm {work_order} (running) before starting another job.</source>
        <translation>Notifica {work_order} (en marcha) antes de iniciar otra operación.</translation>
    </message>
    <message>
        <source>Log in to start jobs.</source>
        <translation>Identifícate para iniciar operaciones.</translation>
    </message>
    <message>
        <source>Nothing running</source>
        <translation>Nada en marcha</translation>
    </message>
    <message>
        <source>Start the next job to run it on {work_center}.</source>
        <translation>Inicia la siguiente operación para fabricarla en {work_center}.</translation>
    </message>
    <message>
        <source>Start the next job to run it on this work center.</source>
        <translation>Inicia la siguiente operación para fabricarla en este centro de trabajo.</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>Hecho: {done} de {total}</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>desde {time}</translation>
    </message>
    <message>
        <source>{work_order} selected.</source>
        <translation>{work_order} seleccionada.</translation>
    </message>
    <message>
        <source>{work_center} (op {seq})</source>
        <translation>{work_center} (op. {seq})</translation>
    </message>
    <message>
        <source>{code} is not in {work_center}&apos;s queue; its open operations are at {where}.</source>
        <translation>{code} no está en la cola de {work_center}; sus operaciones abiertas están en {where}.</translation>
    </message>
    <message>
        <source>Unknown barcode “{code}”: no open work order has this number.</source>
        <translation>Código de barras desconocido «{code}»: ninguna orden abierta tiene este número.</translation>
    </message>
    <message>
        <source>Starting {work_order}…</source>
        <translation>Iniciando {work_order}…</translation>
    </message>
    <message>
        <source>{work_order} started.</source>
        <translation>{work_order} iniciada.</translation>
    </message>
    <message>
        <source>{work_order}  ·  op {seq}</source>
        <translation>{work_order}  ·  op. {seq}</translation>
    </message>
    <message>
        <source>{item}  ·  {name}</source>
        <translation>{item}  ·  {name}</translation>
    </message>
    <message>
        <source>Confirmed {good} good, {scrap} scrap on {work_order}; operation complete.</source>
        <translation>Notificadas {good} buenas y {scrap} de rechazo en {work_order}; operación completada.</translation>
    </message>
    <message>
        <source>Confirmed {good} good, {scrap} scrap on {work_order}.</source>
        <translation>Notificadas {good} buenas y {scrap} de rechazo en {work_order}.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} from lot {lot} to {work_order}.</source>
        <translation>Salida de {qty} {item} del lote {lot} a {work_order}.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} to {work_order}.</source>
        <translation>Salida de {qty} {item} a {work_order}.</translation>
    </message>
    <message>
        <source>Why here</source>
        <translation>Por qué aquí</translation>
    </message>
    <message>
        <source>Machine down raised; its owner has been told. Maintenance is on its way, the lane is blocked until the machine runs again, and the next job moves up.</source>
        <translation>Máquina parada reportada; se ha avisado a su responsable. Mantenimiento está en camino, la cola queda bloqueada hasta que la máquina vuelva a funcionar y la siguiente operación sube.</translation>
    </message>
    <message>
        <source>Say why in at least {n} words.</source>
        <translation>Indica el motivo con al menos {n} palabras.</translation>
    </message>
    <message>
        <source>OK: 1 rule</source>
        <translation>OK: 1 regla</translation>
    </message>
    <message numerus="yes">
        <source>OK: %n rules</source>
        <translation>
            <numerusform>OK: %n regla</numerusform>
            <numerusform>OK: %n reglas</numerusform>
        </translation>
    </message>
    <message>
        <source>Revert to shipped rules</source>
        <translation>Restaurar reglas originales</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>This terminal keeps no files (its database is in memory).</source>
        <translation>Este terminal no guarda archivos (su base de datos está en memoria).</translation>
    </message>
    <message>
        <source>The shipped rules; saving keeps an edited copy at {path}</source>
        <translation>Las reglas originales; al guardar se conserva una copia editada en {path}</translation>
    </message>
    <message>
        <source>Edit the rules, then Check and Save.</source>
        <translation>Edita las reglas y luego pulsa Comprobar y Guardar.</translation>
    </message>
    <message>
        <source>Not saved; fix these first:
{problems}</source>
        <translation>No guardado; corrige primero esto:
{problems}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{work_center} stopped at {time} and is still stopped</source>
        <translation>{work_center} se paró a las {time} y sigue parada</translation>
    </message>
    <message>
        <source>{work_center} stopped from {start} to {end} ({duration})</source>
        <translation>{work_center} estuvo parada de {start} a {end} ({duration})</translation>
    </message>
    <message>
        <source>{stop}, fault {fault}</source>
        <translation>{stop}, fallo {fault}</translation>
    </message>
    <message>
        <source>Why did {work_center} stop?</source>
        <translation>¿Por qué se paró {work_center}?</translation>
    </message>
    <message>
        <source>{stop}. The reason can be given until {until}.</source>
        <translation>{stop}. El motivo puede indicarse hasta {until}.</translation>
    </message>
    <message>
        <source>Give reason</source>
        <translation>Indicar motivo</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Paste a message</source>
        <translation>Pegar un mensaje</translation>
    </message>
    <message>
        <source>Paste a mail or chat message, or write down (or dictate) what was said on the phone. Takt reads it against the plant and makes a draft for you to confirm.</source>
        <translation>Pega un correo o un mensaje de chat, o escribe (o dicta) lo que se dijo por teléfono. Takt lo contrasta con la planta y prepara un borrador para que lo confirmes.</translation>
    </message>
    <message>
        <source>Subject (optional)</source>
        <translation>Asunto (opcional)</translation>
    </message>
    <message>
        <source>e.g. call from the paint shop</source>
        <translation>p. ej., llamada del taller de pintura</translation>
    </message>
    <message>
        <source>e.g. LAT-02 is down since 6, spindle alarm, WO-26017 waits</source>
        <translation>p. ej., LAT-02 parada desde las 6, alarma de husillo, WO-26017 en espera</translation>
    </message>
    <message>
        <source>Make a draft</source>
        <translation>Crear borrador</translation>
    </message>
    <message>
        <source>Link and confirm</source>
        <translation>Vincular y confirmar</translation>
    </message>
    <message>
        <source>Edit and confirm</source>
        <translation>Editar y confirmar</translation>
    </message>
    <message>
        <source>Pick the work order or the work center this message is about, then confirm.</source>
        <translation>Elige la orden o el centro de trabajo al que se refiere el mensaje y luego confirma.</translation>
    </message>
    <message>
        <source>Correct what was misread, then confirm: the exception is raised as shown.</source>
        <translation>Corrige lo que se haya leído mal y luego confirma: la incidencia se reporta tal como se muestra.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>e.g. 40</source>
        <translation>p. ej., 40</translation>
    </message>
    <message>
        <source>optional, for the owner</source>
        <translation>opcional, para el responsable</translation>
    </message>
    <message>
        <source>Confirm</source>
        <comment>a message&apos;s draft</comment>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Discard this draft</source>
        <translation>Descartar este borrador</translation>
    </message>
    <message>
        <source>Reason (kept with the message)</source>
        <translation>Motivo (se guarda con el mensaje)</translation>
    </message>
    <message>
        <source>e.g. already reported at the line</source>
        <translation>p. ej., ya se reportó en la línea</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n rules. New exceptions are routed by them.</source>
        <translation>
            <numerusform>Guardada: %n regla. Las nuevas incidencias se asignan con ella.</numerusform>
            <numerusform>Guardadas: %n reglas. Las nuevas incidencias se asignan con ellas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>No guardado: {why}</translation>
    </message>
    <message>
        <source>Changed: Check again before saving.</source>
        <translation>Cambiado: vuelve a comprobar antes de guardar.</translation>
    </message>
    <message>
        <source>This terminal&apos;s own rules: {path}</source>
        <translation>Reglas propias de este terminal: {path}</translation>
    </message>
    <message>
        <source>only {owner} or a supervisor may {action}; {name} is neither</source>
        <translation>solo {owner} o un supervisor puede {action}; {name} no es ninguno de los dos</translation>
    </message>
    <message>
        <source>its owner</source>
        <translation>su responsable</translation>
    </message>
    <message>
        <source>only quality may decide this; {name} is not quality</source>
        <translation>solo calidad puede decidir esto; {name} no es de calidad</translation>
    </message>
    <message>
        <source>resolve it</source>
        <translation>resolverla</translation>
    </message>
    <message>
        <source>{name} may record only a phone message; mail and chat come from the server</source>
        <translation>{name} solo puede registrar un mensaje telefónico; el correo y el chat llegan del servidor</translation>
    </message>
    <message>
        <source>define plant data</source>
        <translation>definir datos de planta</translation>
    </message>
    <message>
        <source>record a stock count</source>
        <translation>registrar un recuento de stock</translation>
    </message>
    <message>
        <source>start a job</source>
        <translation>iniciar una operación</translation>
    </message>
    <message>
        <source>confirm quantities</source>
        <translation>notificar cantidades</translation>
    </message>
    <message>
        <source>issue material</source>
        <translation>dar salida a material</translation>
    </message>
    <message>
        <source>override priority</source>
        <translation>cambiar la prioridad manualmente</translation>
    </message>
    <message>
        <source>clear an override</source>
        <translation>quitar un ajuste manual</translation>
    </message>
    <message>
        <source>change a machine&apos;s state</source>
        <translation>cambiar el estado de una máquina</translation>
    </message>
    <message>
        <source>end a machine&apos;s downtime</source>
        <translation>finalizar la parada de una máquina</translation>
    </message>
    <message>
        <source>count a micro-stop</source>
        <translation>contabilizar una microparada</translation>
    </message>
    <message>
        <source>count parts</source>
        <translation>contar piezas</translation>
    </message>
    <message>
        <source>give a downtime&apos;s reason</source>
        <translation>indicar el motivo de una parada</translation>
    </message>
    <message>
        <source>place a hold</source>
        <translation>poner una retención</translation>
    </message>
    <message>
        <source>release a hold</source>
        <translation>liberar una retención</translation>
    </message>
    <message>
        <source>raise an exception</source>
        <translation>reportar una incidencia</translation>
    </message>
    <message>
        <source>acknowledge it</source>
        <translation>reconocerla</translation>
    </message>
    <message>
        <source>work on it</source>
        <translation>trabajar en ella</translation>
    </message>
    <message>
        <source>reassign it</source>
        <translation>reasignarla</translation>
    </message>
    <message>
        <source>close it</source>
        <translation>cerrarla</translation>
    </message>
    <message>
        <source>reopen it</source>
        <translation>reabrirla</translation>
    </message>
    <message>
        <source>record a passed deadline</source>
        <translation>registrar un plazo vencido</translation>
    </message>
    <message>
        <source>acknowledge this task</source>
        <translation>reconocer esta tarea</translation>
    </message>
    <message>
        <source>finish this task</source>
        <translation>terminar esta tarea</translation>
    </message>
    <message>
        <source>enroll people or change their roles</source>
        <translation>dar de alta personas o cambiar sus roles</translation>
    </message>
    <message>
        <source>log in</source>
        <translation>iniciar sesión</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>cerrar sesión</translation>
    </message>
    <message>
        <source>choose a language</source>
        <translation>elegir un idioma</translation>
    </message>
    <message>
        <source>try a PIN</source>
        <translation>probar un PIN</translation>
    </message>
    <message>
        <source>lock a PIN</source>
        <translation>bloquear un PIN</translation>
    </message>
    <message>
        <source>record an ERP acknowledgement</source>
        <translation>registrar un acuse de recibo del ERP</translation>
    </message>
    <message>
        <source>record an ERP refusal</source>
        <translation>registrar un rechazo del ERP</translation>
    </message>
    <message>
        <source>retry an ERP posting</source>
        <translation>reintentar una contabilización en el ERP</translation>
    </message>
    <message>
        <source>edit an ERP posting</source>
        <translation>editar una contabilización en el ERP</translation>
    </message>
    <message>
        <source>cancel an ERP posting</source>
        <translation>anular una contabilización en el ERP</translation>
    </message>
    <message>
        <source>record an ERP document of a refused event</source>
        <translation>registrar un documento del ERP de un evento rechazado</translation>
    </message>
    <message>
        <source>record an ERP document as reversed</source>
        <translation>registrar un documento del ERP como anulado</translation>
    </message>
    <message>
        <source>record an ERP import</source>
        <translation>registrar una importación del ERP</translation>
    </message>
    <message>
        <source>record a failed ERP import</source>
        <translation>registrar una importación fallida del ERP</translation>
    </message>
    <message>
        <source>write a handover note</source>
        <translation>escribir una nota de relevo</translation>
    </message>
    <message>
        <source>hand over a shift</source>
        <translation>entregar un turno</translation>
    </message>
    <message>
        <source>accept a handover item</source>
        <translation>aceptar un punto del relevo</translation>
    </message>
    <message>
        <source>query a handover item</source>
        <translation>consultar un punto del relevo</translation>
    </message>
    <message>
        <source>answer a handover query</source>
        <translation>responder una consulta del relevo</translation>
    </message>
    <message>
        <source>sign a handover</source>
        <translation>firmar un relevo</translation>
    </message>
    <message>
        <source>record a message</source>
        <translation>registrar un mensaje</translation>
    </message>
    <message>
        <source>confirm a message&apos;s draft</source>
        <translation>confirmar el borrador de un mensaje</translation>
    </message>
    <message>
        <source>discard a message&apos;s draft</source>
        <translation>descartar el borrador de un mensaje</translation>
    </message>
    <message>
        <source>no one may record {kind} events</source>
        <translation>nadie puede registrar eventos {kind}</translation>
    </message>
    <message>
        <source>{actor} is not a person, so cannot {action}</source>
        <translation>{actor} no es una persona, así que no puede {action}</translation>
    </message>
    <message>
        <source>only the server may {action}; a terminal sent it</source>
        <translation>solo el servidor puede {action}; lo envió un terminal</translation>
    </message>
    <message>
        <source>a failed login is recorded as {anonymous}, not {actor}</source>
        <translation>un inicio de sesión fallido se registra como {anonymous}, no como {actor}</translation>
    </message>
    <message>
        <source>{name} may only {action} as themself</source>
        <translation>{name} solo puede {action} en su propio nombre</translation>
    </message>
    <message>
        <source>only the server may {action}</source>
        <translation>solo el servidor puede {action}</translation>
    </message>
    <message>
        <source>{name} is not logged in on terminal {terminal}, so cannot {action}</source>
        <translation>{name} no ha iniciado sesión en el terminal {terminal}, así que no puede {action}</translation>
    </message>
    <message>
        <source>{actor} is a machine, so cannot {action}</source>
        <translation>{actor} es una máquina, así que no puede {action}</translation>
    </message>
    <message>
        <source>a machine raises only its own downtime, on the machine channel</source>
        <translation>una máquina solo reporta su propia parada, por el canal de máquina</translation>
    </message>
    <message>
        <source>terminal {terminal} does not speak for machine source {source}: enroll its bridge with a code for that source</source>
        <translation>el terminal {terminal} no habla en nombre de la fuente de máquina {source}: da de alta su pasarela con un código para esa fuente</translation>
    </message>
    <message>
        <source>{actor} is not an enrolled user, so cannot {action}</source>
        <translation>{actor} no es un usuario dado de alta, así que no puede {action}</translation>
    </message>
    <message>
        <source>only {roles} may {action}; {name} is not one</source>
        <translation>solo {roles} puede {action}; {name} no tiene ese rol</translation>
    </message>
    <message>
        <source>{path}: {problem}. {remedy}</source>
        <translation>{path}: {problem}. {remedy}</translation>
    </message>
    <message>
        <source>its event log was changed outside Takt: {findings}</source>
        <translation>su registro de eventos se modificó fuera de Takt: {findings}</translation>
    </message>
    <message>
        <source>Takt neither syncs nor records anything on it. Keep the file as it is for whoever investigates (`takt verify --database {path}` lists every finding), then move it aside and start Takt again: a fresh database syncs from the server (changes this terminal had not sent yet are only in the kept file)</source>
        <translation>Takt no sincroniza ni registra nada en ella. Conserva el archivo tal cual para quien lo investigue (`takt verify --database {path}` enumera cada hallazgo); después apártalo y vuelve a iniciar Takt: una base de datos nueva se sincroniza desde el servidor (los cambios que este terminal aún no había enviado solo están en el archivo conservado)</translation>
    </message>
    <message>
        <source>another Takt is already running on {path}. Switch to that window, or close it first; a second terminal on this computer needs its own --data-dir.</source>
        <translation>ya hay otro Takt en marcha sobre {path}. Cambia a esa ventana o ciérrala primero; un segundo terminal en este ordenador necesita su propio --data-dir.</translation>
    </message>
    <message>
        <source>Takt cannot write its data here ({error})</source>
        <translation>Takt no puede escribir sus datos aquí ({error})</translation>
    </message>
    <message>
        <source>Give this user write access to the folder, or start Takt with --data-dir (or TAKT_DATA_DIR) pointing to a writable folder.</source>
        <translation>Da a este usuario permiso de escritura en la carpeta, o inicia Takt con --data-dir (o TAKT_DATA_DIR) apuntando a una carpeta con permiso de escritura.</translation>
    </message>
    <message>
        <source>missing: say which material is short</source>
        <translation>falta: indica qué material falta</translation>
    </message>
    <message>
        <source>missing: say which machine is down</source>
        <translation>falta: indica qué máquina está parada</translation>
    </message>
    <message>
        <source>missing: say which order changes</source>
        <translation>falta: indica qué orden cambia</translation>
    </message>
    <message>
        <source>missing: say which material is replaced</source>
        <translation>falta: indica qué material se sustituye</translation>
    </message>
    <message>
        <source>missing: say for which order</source>
        <translation>falta: indica para qué orden</translation>
    </message>
    <message>
        <source>missing: name the lot, item, order or operation held</source>
        <translation>falta: indica el lote, artículo, orden u operación retenidos</translation>
    </message>
    <message>
        <source>missing: pick a downtime reason</source>
        <translation>falta: elige un motivo de parada</translation>
    </message>
    <message>
        <source>missing: which material is proposed instead</source>
        <translation>falta: qué material se propone en su lugar</translation>
    </message>
    <message>
        <source>say why (a few words): it is kept with the posting</source>
        <translation>indica el motivo (unas palabras): se guarda con la contabilización</translation>
    </message>
    <message>
        <source>keep it under {n} characters</source>
        <translation>no más de {n} caracteres</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>no puede ser negativo</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>debe ser un número entero</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>no puede estar vacío</translation>
    </message>
    <message>
        <source>cannot be changed here</source>
        <translation>no se puede cambiar aquí</translation>
    </message>
    <message>
        <source>change at least one field</source>
        <translation>cambia al menos un campo</translation>
    </message>
    <message>
        <source>this posting has no such field</source>
        <translation>esta contabilización no tiene ese campo</translation>
    </message>
    <message>
        <source>cannot be changed: it says what the posting is</source>
        <translation>no se puede cambiar: indica qué es la contabilización</translation>
    </message>
    <message>
        <source>nothing changed: change at least one field</source>
        <translation>nada ha cambiado: cambia al menos un campo</translation>
    </message>
    <message>
        <source>record it as reversed</source>
        <translation>registrarlo como anulado</translation>
    </message>
    <message>
        <source>unknown posting {id}</source>
        <translation>contabilización desconocida {id}</translation>
    </message>
    <message>
        <source>it is {status}, not refused: the ERP writer is still sending it</source>
        <translation>está {status}, no rechazada: el conector del ERP todavía la está enviando</translation>
    </message>
    <message>
        <source>missing: say what happened in a few words</source>
        <translation>falta: di qué ha pasado en pocas palabras</translation>
    </message>
    <message>
        <source>work center</source>
        <translation>centro de trabajo</translation>
    </message>
    <message>
        <source>lot {lot} holds item {held}, not {item}</source>
        <translation>el lote {lot} contiene el artículo {held}, no {item}</translation>
    </message>
    <message>
        <source>lot {lot} is on quality hold</source>
        <translation>el lote {lot} tiene una retención de calidad</translation>
    </message>
    <message>
        <source>lot {lot} is on hold: {reason}</source>
        <translation>el lote {lot} está retenido: {reason}</translation>
    </message>
    <message>
        <source>work order</source>
        <translation>orden</translation>
    </message>
    <message>
        <source>work order {order} is {status}: nothing is issued to it</source>
        <translation>la orden {order} está {status}: no admite salidas de material</translation>
    </message>
    <message>
        <source>operation {op} is not part of work order {order}</source>
        <translation>la operación {op} no pertenece a la orden {order}</translation>
    </message>
    <message>
        <source>item {item} is not a material of work order {order}</source>
        <translation>el artículo {item} no es un material de la orden {order}</translation>
    </message>
    <message>
        <source>{item} issued to work order {order} would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may issue more</source>
        <translation>la salida de {item} a la orden {order} llegaría a {total}, por encima del límite de {limit} ({basis}); solo un supervisor o un gerente puede dar salida a más</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>operación</translation>
    </message>
    <message>
        <source>operation {op} is already running</source>
        <translation>la operación {op} ya está en marcha</translation>
    </message>
    <message>
        <source>cannot start operation {op}: it was completed</source>
        <translation>no se puede iniciar la operación {op}: ya se completó</translation>
    </message>
    <message>
        <source>cannot confirm operation {op}: it was already completed</source>
        <translation>no se puede notificar la operación {op}: ya se completó</translation>
    </message>
    <message>
        <source>operation {op}: good + scrap would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may confirm more</source>
        <translation>operación {op}: buenas + rechazo llegarían a {total}, por encima del límite de {limit} ({basis}); solo un supervisor o un gerente puede notificar más</translation>
    </message>
    <message>
        <source>target operation</source>
        <translation>operación de referencia</translation>
    </message>
    <message>
        <source>item</source>
        <translation>artículo</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>lote</translation>
    </message>
    <message>
        <source>substitute</source>
        <translation>sustituto</translation>
    </message>
    <message>
        <source>unknown {what} {value}</source>
        <translation>{what} {value}: no existe</translation>
    </message>
    <message>
        <source>unknown exception {id}</source>
        <translation>incidencia desconocida {id}</translation>
    </message>
    <message>
        <source>it is resolved; reopen it first</source>
        <translation>está resuelta; reábrela primero</translation>
    </message>
    <message>
        <source>unknown user {user}</source>
        <translation>usuario desconocido {user}</translation>
    </message>
    <message>
        <source>it already belongs there</source>
        <translation>ya está asignada ahí</translation>
    </message>
    <message>
        <source>decide this</source>
        <translation>decidir esto</translation>
    </message>
    <message>
        <source>it is already resolved</source>
        <translation>ya está resuelta</translation>
    </message>
    <message>
        <source>missing: say what was decided and done</source>
        <translation>falta: indica qué se decidió y qué se hizo</translation>
    </message>
    <message>
        <source>only a resolved exception can be closed</source>
        <translation>solo se puede cerrar una incidencia resuelta</translation>
    </message>
    <message>
        <source>it is still open</source>
        <translation>todavía está abierta</translation>
    </message>
    <message>
        <source>unknown task {id}</source>
        <translation>tarea desconocida {id}</translation>
    </message>
    <message>
        <source>the disk is full, so nothing of this change was saved</source>
        <translation>el disco está lleno, así que no se ha guardado nada de este cambio</translation>
    </message>
    <message>
        <source>Free some space on that disk (or ask IT to), then do it again; everything saved before is intact</source>
        <translation>Libera espacio en ese disco (o pide a informática que lo haga) y vuelve a hacerlo; todo lo guardado antes está intacto</translation>
    </message>
    <message>
        <source>The file was left untouched. Move it aside (keep it for support) and start Takt again to create a fresh database, which then syncs from the server.</source>
        <translation>No se ha tocado el archivo. Apártalo (guárdalo para soporte) y vuelve a iniciar Takt para crear una base de datos nueva, que luego se sincroniza desde el servidor.</translation>
    </message>
    <message>
        <source>this is not a Takt database (not SQLite)</source>
        <translation>no es una base de datos de Takt (no es SQLite)</translation>
    </message>
    <message>
        <source>the database is damaged ({problem})</source>
        <translation>la base de datos está dañada ({problem})</translation>
    </message>
    <message>
        <source>this SQLite file was not written by Takt</source>
        <translation>este archivo SQLite no lo ha escrito Takt</translation>
    </message>
    <message>
        <source>the database was written by a newer Takt (schema {revision})</source>
        <translation>la base de datos la escribió un Takt más reciente (esquema {revision})</translation>
    </message>
    <message>
        <source>The file was left untouched. Install that newer Takt on this terminal, or open another --data-dir.</source>
        <translation>No se ha tocado el archivo. Instala ese Takt más reciente en este terminal o abre otro --data-dir.</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>reportada</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconocida</translation>
    </message>
    <message>
        <source>in_progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>decision without a reason</source>
        <translation>decisión sin motivo</translation>
    </message>
    <message>
        <source>closed without reaching the ERP</source>
        <translation>cerrada sin llegar al ERP</translation>
    </message>
    <message>
        <source>repeated root cause</source>
        <translation>causa raíz repetida</translation>
    </message>
    <message>
        <source>not due</source>
        <translation>no aplica</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>in the ERP</source>
        <translation>en el ERP</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>To owner</source>
        <translation>Hasta responsable</translation>
    </message>
    <message>
        <source>Decision (by)</source>
        <translation>Decisión (por)</translation>
    </message>
    <message>
        <source>To decision</source>
        <translation>Hasta decisión</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Incidencias</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decididas</translation>
    </message>
    <message>
        <source>Median to owner</source>
        <translation>Mediana hasta responsable</translation>
    </message>
    <message>
        <source>Median to decision</source>
        <translation>Mediana hasta decisión</translation>
    </message>
    <message>
        <source>Median to ERP</source>
        <translation>Mediana hasta ERP</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open, {decided} decided. Median time to owner {owner}, to decision {decision}, to the ERP {erp}.</source>
        <translation>{n} incidencias reportadas, {open} aún abiertas, {decided} decididas. Mediana hasta el responsable {owner}, hasta la decisión {decision}, hasta el ERP {erp}.</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Decidido por</translation>
    </message>
    <message>
        <source>not decided yet</source>
        <translation>aún sin decidir</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Cuáles</translation>
    </message>
    <message>
        <source>{plant} — {start} to {end}</source>
        <translation>{plant} — {start} a {end}</translation>
    </message>
    <message>
        <source>Execution audit</source>
        <translation>Auditoría de ejecución</translation>
    </message>
    <message>
        <source>printed {when}</source>
        <translation>impreso {when}</translation>
    </message>
    <message>
        <source>page {n} of {total}</source>
        <translation>página {n} de {total}</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>a tiempo</translation>
    </message>
    <message>
        <source>not acknowledged in time</source>
        <translation>no reconocida a tiempo</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>vencida</translation>
    </message>
    <message>
        <source>to read</source>
        <translation>por leer</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptado</translation>
    </message>
    <message>
        <source>queried</source>
        <translation>con consulta</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>respondido</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Reportada</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>resolved {at}</source>
        <translation>resuelta {at}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>Work centers</source>
        <translation>Centros de trabajo</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Paradas</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Parada</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planificado</translation>
    </message>
    <message>
        <source>Of plan</source>
        <translation>% del plan</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <source>still refused</source>
        <translation>aún rechazada</translation>
    </message>
    <message>
        <source>Open item</source>
        <translation>Punto abierto</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrante</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Medido</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>no alcanzado</translation>
    </message>
    <message>
        <source>acknowledge deadline</source>
        <translation>plazo de reconocimiento</translation>
    </message>
    <message>
        <source>resolve deadline</source>
        <translation>plazo de resolución</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>released</source>
        <translation>liberada</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>en envío</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>contabilizada</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>huérfano</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>anulado</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminada</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operario</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>calidad</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>mantenimiento</translation>
    </message>
    <message>
        <source>procurement</source>
        <translation>compras</translation>
    </message>
    <message>
        <source>customer service</source>
        <translation>atención al cliente</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>gerente</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>an {roles}</source>
        <translation>{roles}</translation>
    </message>
    <message>
        <source>a {roles}</source>
        <translation>{roles}</translation>
    </message>
    <message>
        <source>{said} or {part}</source>
        <translation>{said} o {part}</translation>
    </message>
    <message>
        <source>{said}, {part}</source>
        <translation>{said}, {part}</translation>
    </message>
    <message>
        <source>{said}; {part}</source>
        <translation>{said}; {part}</translation>
    </message>
    <message>
        <source>Opening the screens…</source>
        <translation>Abriendo las pantallas…</translation>
    </message>
    <message>
        <source>Takt cannot start</source>
        <translation>Takt no puede iniciarse</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Fijar arriba</translation>
    </message>
    <message>
        <source>Move before…</source>
        <translation>Mover antes…</translation>
    </message>
    <message>
        <source>Move after…</source>
        <translation>Mover después…</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Retener</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>Quitar ajuste</translation>
    </message>
    <message>
        <source>Move before</source>
        <translation>Mover antes</translation>
    </message>
    <message>
        <source>Move after</source>
        <translation>Mover después</translation>
    </message>
    <message>
        <source>Pin {job} to the top of {work_center}</source>
        <translation>Fijar {job} al principio de {work_center}</translation>
    </message>
    <message>
        <source>Move {job} before another job</source>
        <translation>Mover {job} antes de otra operación</translation>
    </message>
    <message>
        <source>Move {job} after another job</source>
        <translation>Mover {job} después de otra operación</translation>
    </message>
    <message>
        <source>Hold {job}: do not run it now</source>
        <translation>Retener {job}: no fabricarla ahora</translation>
    </message>
    <message>
        <source>Clear the override on {job}</source>
        <translation>Quitar el ajuste manual de {job}</translation>
    </message>
    <message>
        <source>Now: {override}</source>
        <translation>Ahora: {override}</translation>
    </message>
    <message>
        <source>Reason (shown on the board next to the job)</source>
        <translation>Motivo (se muestra en el panel junto a la operación)</translation>
    </message>
    <message>
        <source>e.g. customer moved the truck to 14:00</source>
        <translation>p. ej., el cliente ha movido el camión a las 14:00</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go before?</source>
        <translation>¿Antes de qué operación de {work_center} debe ir?</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go after?</source>
        <translation>¿Después de qué operación de {work_center} debe ir?</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>Cambio orden</translation>
    </message>
    <message>
        <source>Priority shift</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marcha</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listas</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqueadas</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Retenidas</translation>
    </message>
    <message numerus="yes">
        <source>%n jobs</source>
        <translation>
            <numerusform>%n op.</numerusform>
            <numerusform>%n op.</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} de {total}</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>Reportar</translation>
    </message>
    <message>
        <source>Call / message</source>
        <translation>Llamada / aviso</translation>
    </message>
    <message>
        <source>Unsigned handover: {shifts}</source>
        <translation>Relevo sin firmar: {shifts}</translation>
    </message>
    <message>
        <source>Pick a job to override its rank.</source>
        <translation>Elige una operación para cambiar su posición.</translation>
    </message>
    <message>
        <source>{job} in {work_center}: {status}</source>
        <translation>{job} en {work_center}: {status}</translation>
    </message>
    <message>
        <source>{work_order} (op {seq})</source>
        <translation>{work_order} (op. {seq})</translation>
    </message>
    <message>
        <source>{rank}.  {job}  ·  {status}</source>
        <translation>{rank}.  {job}  ·  {status}</translation>
    </message>
    <message>
        <source>Log in to change the board.</source>
        <translation>Identifícate para cambiar el panel.</translation>
    </message>
    <message>
        <source>{action}: {reason}</source>
        <translation>{action}: {reason}</translation>
    </message>
    <message>
        <source>Takt cannot open {path}:
{problem}.
{remedy}</source>
        <translation>Takt no puede abrir {path}:
{problem}.
{remedy}</translation>
    </message>
    <message>
        <source>Opening the demo&apos;s databases…</source>
        <translation>Abriendo las bases de datos de la demostración…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Iniciando el servidor de demostración…</translation>
    </message>
    <message>
        <source>Registering the demo terminal {name}…</source>
        <translation>Registrando el terminal de demostración {name}…</translation>
    </message>
    <message>
        <source>the demo terminal could not register: {error}</source>
        <translation>el terminal de demostración no se pudo registrar: {error}</translation>
    </message>
    <message>
        <source>Loading the plant into the demo terminal {name}…</source>
        <translation>Cargando la planta en el terminal de demostración {name}…</translation>
    </message>
    <message>
        <source>Preparing the demo plant (first start only): {orders} work orders with {operations} operations, {people} people…</source>
        <translation>Preparando la planta de demostración (solo en el primer inicio): {orders} órdenes con {operations} operaciones, {people} personas…</translation>
    </message>
    <message>
        <source>{records} records written</source>
        <translation>{records} registros escritos</translation>
    </message>
    <message>
        <source>Loading the screens…</source>
        <translation>Cargando las pantallas…</translation>
    </message>
    <message>
        <source>Opening this terminal&apos;s database…</source>
        <translation>Abriendo la base de datos de este terminal…</translation>
    </message>
    <message>
        <source>Connecting to the Takt server at {url}…</source>
        <translation>Conectando con el servidor Takt en {url}…</translation>
    </message>
    <message>
        <source>cannot reach the Takt server at {url} ({error}). Check the address, the network, and that the server is running.</source>
        <translation>no se puede contactar con el servidor Takt en {url} ({error}). Comprueba la dirección, la red y que el servidor esté en marcha.</translation>
    </message>
    <message>
        <source>the server at {url} refused the enrollment code ({error}). Check it (or {variable}), or ask an administrator for a new one (`takt server terminals add`).</source>
        <translation>el servidor en {url} rechazó el código de alta ({error}). Compruébalo (o {variable}), o pide uno nuevo a un administrador (`takt server terminals add`).</translation>
    </message>
    <message>
        <source>the server at {url} is not taking enrollment codes from here for now: {error} (wait {seconds} s)</source>
        <translation>el servidor en {url} no acepta por ahora códigos de alta desde aquí: {error} (espera {seconds} s)</translation>
    </message>
    <message>
        <source>the server at {url} would not register this terminal: {error}</source>
        <translation>el servidor en {url} no quiso registrar este terminal: {error}</translation>
    </message>
    <message>
        <source>registering with the server at {url} failed: {error}</source>
        <translation>falló el registro en el servidor en {url}: {error}</translation>
    </message>
    <message>
        <source>{kind} of {work_order}: {what}.
The ERP said: {said}</source>
        <translation>{kind} de {work_order}: {what}.
El ERP dijo: {said}</translation>
    </message>
    <message>
        <source>{kind}: {what}.
The ERP said: {said}</source>
        <translation>{kind}: {what}.
El ERP dijo: {said}</translation>
    </message>
    <message>
        <source>Reason (kept with the posting)</source>
        <translation>Motivo (se guarda con la contabilización)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Cancel this ERP posting</source>
        <translation>Anular esta contabilización en el ERP</translation>
    </message>
    <message>
        <source>Cancel posting</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>e.g. booked by hand in the ERP</source>
        <translation>p. ej., contabilizada a mano en el ERP</translation>
    </message>
    <message>
        <source>Reversed in the ERP</source>
        <translation>Anulado en el ERP</translation>
    </message>
    <message>
        <source>Record as reversed</source>
        <translation>Registrar como anulado</translation>
    </message>
    <message>
        <source>e.g. Stock Entry cancelled in the ERP</source>
        <translation>p. ej., movimiento de stock anulado en el ERP</translation>
    </message>
    <message>
        <source>Correct and resend this ERP posting</source>
        <translation>Corregir y reenviar esta contabilización al ERP</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Guardar y enviar</translation>
    </message>
    <message>
        <source>e.g. scrap was counted twice</source>
        <translation>p. ej., el rechazo se contó dos veces</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Notificación</translation>
    </message>
    <message>
        <source>Goods movement</source>
        <translation>Movimiento de mercancías</translation>
    </message>
    <message>
        <source>Quality event</source>
        <translation>Evento de calidad</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Parada</translation>
    </message>
    <message>
        <source>ERP order</source>
        <translation>Orden ERP</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Notificado por</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>salida</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>scrap</source>
        <translation>rechazo</translation>
    </message>
    <message>
        <source>good {good}, scrap {scrap}</source>
        <translation>buenas {good}, rechazo {scrap}</translation>
    </message>
    <message>
        <source>good {good}</source>
        <translation>buenas {good}</translation>
    </message>
    <message>
        <source>{amounts} on op {seq}</source>
        <translation>{amounts} en op. {seq}</translation>
    </message>
    <message>
        <source>move</source>
        <translation>traslado</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item} (lot {lot})</source>
        <translation>{movement} {quantity} {item} (lote {lot})</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item}</source>
        <translation>{movement} {quantity} {item}</translation>
    </message>
    <message>
        <source>release</source>
        <translation>liberación</translation>
    </message>
    <message>
        <source>release: {disposition}</source>
        <translation>liberación: {disposition}</translation>
    </message>
    <message>
        <source>hold: {subject}</source>
        <translation>retención: {subject}</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>lag median {median}, 95th {p95}</source>
        <translation>demora: mediana {median}, p95 {p95}</translation>
    </message>
    <message>
        <source>no lag yet</source>
        <translation>aún sin datos de demora</translation>
    </message>
    <message>
        <source>Pending {pending} · Posted {posted} · Failed {failed} · {lag} (last {days} days)</source>
        <translation>Pendientes {pending} · Contabilizadas {posted} · Fallidas {failed} · {lag} (últimos {days} días)</translation>
    </message>
    <message>
        <source>Happened</source>
        <translation>Ocurrió</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Veces</translation>
    </message>
    <message>
        <source>The ERP said</source>
        <translation>El ERP dijo</translation>
    </message>
    <message>
        <source>Posting {id}</source>
        <translation>Contabilización {id}</translation>
    </message>
    <message>
        <source>ERP postings</source>
        <translation>Contabilizaciones ERP</translation>
    </message>
    <message>
        <source>Nothing to decide: the ERP took every posting it was sent.</source>
        <translation>Nada que decidir: el ERP aceptó todas las contabilizaciones que se le enviaron.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <comment>an ERP posting</comment>
        <translation>Anular…</translation>
    </message>
    <message>
        <source>Reversed in the ERP…</source>
        <translation>Anulado en el ERP…</translation>
    </message>
    <message>
        <source>The postings could not be read; it will try again.</source>
        <translation>No se pudieron leer las contabilizaciones; se volverá a intentar.</translation>
    </message>
    <message>
        <source>sent {posting} to the ERP again</source>
        <translation>has reenviado {posting} al ERP</translation>
    </message>
    <message>
        <source>corrected {posting} and sent it again</source>
        <translation>has corregido y reenviado {posting}</translation>
    </message>
    <message>
        <source>cancelled {posting}: it will not be sent</source>
        <translation>has anulado {posting}: no se enviará</translation>
    </message>
    <message>
        <source>recorded {posting} as reversed in the ERP</source>
        <translation>{posting} registrado como anulado en el ERP</translation>
    </message>
    <message>
        <source>the posting of {work_order} ({what})</source>
        <translation>la contabilización de {work_order} ({what})</translation>
    </message>
    <message>
        <source>the posting ({what})</source>
        <translation>la contabilización ({what})</translation>
    </message>
    <message>
        <source>{category}: what exactly? (optional)</source>
        <translation>{category}: ¿qué exactamente? (opcional)</translation>
    </message>
    <message>
        <source>{label} (optional)</source>
        <translation>{label} (opcional)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>◀ Inbox</source>
        <translation>◀ Bandeja</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Tasks per function</source>
        <translation>Tareas por función</translation>
    </message>
    <message>
        <source>{kind}: {summary}</source>
        <translation>{kind}: {summary}</translation>
    </message>
    <message>
        <source>Status: {status}   ·   Severity: {severity}   ·   Owner: {owner}</source>
        <translation>Estado: {status}   ·   Gravedad: {severity}   ·   Responsable: {owner}</translation>
    </message>
    <message>
        <source>{due} (by {deadline})</source>
        <translation>{due} (límite: {deadline})</translation>
    </message>
    <message>
        <source>Where: {where}   ·   Raised {raised} by {name} via {channel}</source>
        <translation>Dónde: {where}   ·   Reportada {raised} por {name} vía {channel}</translation>
    </message>
    <message>
        <source>Decision: {decision} (root cause: {root_cause})</source>
        <translation>Decisión: {decision} (causa raíz: {root_cause})</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) still open when it was resolved were closed with it; reopening the exception opens them again.</source>
        <translation>
            <numerusform>%n tarea que seguía abierta al resolverla se cerró con ella; al reabrir la incidencia se vuelve a abrir.</numerusform>
            <numerusform>%n tareas que seguían abiertas al resolverla se cerraron con ella; al reabrir la incidencia se vuelven a abrir.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some tasks are still open.</source>
        <translation>Algunas tareas siguen abiertas.</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Exportar el historial</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Archivos de texto (*.txt)</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>No se pudo escribir {path}: {reason}</translation>
    </message>
    <message>
        <source>History written to {path}.</source>
        <translation>Historial escrito en {path}.</translation>
    </message>
    <message>
        <source>this terminal keeps no files (its database is in memory)</source>
        <translation>este terminal no guarda archivos (su base de datos está en memoria)</translation>
    </message>
    <message>
        <source>material shortage</source>
        <translation>falta de material</translation>
    </message>
    <message>
        <source>machine downtime</source>
        <translation>parada de máquina</translation>
    </message>
    <message>
        <source>quality hold</source>
        <translation>retención de calidad</translation>
    </message>
    <message>
        <source>order change</source>
        <translation>cambio de orden</translation>
    </message>
    <message>
        <source>priority shift</source>
        <translation>cambio de prioridad</translation>
    </message>
    <message>
        <source>substitute material</source>
        <translation>material sustituto</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>media</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítica</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>quiosco</translation>
    </message>
    <message>
        <source>line pc</source>
        <translation>PC de línea</translation>
    </message>
    <message>
        <source>machine</source>
        <translation>máquina</translation>
    </message>
    <message>
        <source>erp</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>message</source>
        <translation>mensaje</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>{countdown} to acknowledge</source>
        <translation>{countdown} para reconocer</translation>
    </message>
    <message>
        <source>{countdown} to resolve</source>
        <translation>{countdown} para resolver</translation>
    </message>
    <message>
        <source>{role} ({name})</source>
        <translation>{role} ({name})</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>{status}: {waiting_on}</source>
        <translation>{status}: {waiting_on}</translation>
    </message>
    <message>
        <source>{status} · tier {tier}</source>
        <translation>{status} · nivel {tier}</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>closed with the exception</source>
        <translation>cerrada con la incidencia</translation>
    </message>
    <message>
        <source>{plant}: work centers</source>
        <translation>{plant}: centros de trabajo</translation>
    </message>
    <message>
        <source>Logged in: {name} ({roles})</source>
        <translation>Sesión iniciada: {name} ({roles})</translation>
    </message>
    <message>
        <source>Takt</source>
        <translation>Takt</translation>
    </message>
    <message>
        <source>Takt is starting</source>
        <translation>Takt se está iniciando</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>This change</source>
        <translation>Este cambio</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Por qué lo rechazó el servidor</translation>
    </message>
    <message>
        <source>Drop a rejected change</source>
        <translation>Descartar un cambio rechazado</translation>
    </message>
    <message>
        <source>Drop this rejected change</source>
        <translation>Descartar este cambio rechazado</translation>
    </message>
    <message>
        <source>{what} (by {who}).
The server said: {why}</source>
        <translation>{what} (por {who}).
El servidor dijo: {why}</translation>
    </message>
    <message>
        <source>Reason (kept with the decision)</source>
        <translation>Motivo (se guarda con la decisión)</translation>
    </message>
    <message>
        <source>e.g. already done again by hand</source>
        <translation>p. ej., ya se rehízo a mano</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Descartando…</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>Rechazados por el servidor</translation>
    </message>
    <message>
        <source>Changes the server rejected</source>
        <translation>Cambios que el servidor rechazó</translation>
    </message>
    <message>
        <source>These changes were made on this terminal, but the server refused them, so they were undone here. Send one again in your name if it still applies, or drop it.</source>
        <translation>Estos cambios se hicieron en este terminal, pero el servidor los rechazó, así que se deshicieron aquí. Vuelve a enviar uno en tu nombre si sigue siendo válido, o descártalo.</translation>
    </message>
    <message>
        <source>Only a supervisor or manager can send these again or drop them.</source>
        <translation>Solo un supervisor o un gerente puede volver a enviarlos o descartarlos.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>Sent again as {name}</source>
        <translation>Reenviado como {name}</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>Reenviando…</translation>
    </message>
    <message>
        <source>Not sent again: {why}</source>
        <translation>No reenviado: {why}</translation>
    </message>
    <message>
        <source>Not dropped: {why}</source>
        <translation>No descartado: {why}</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Connecting to the server</source>
        <translation>Conectando con el servidor</translation>
    </message>
    <message>
        <source>Server refused this terminal</source>
        <translation>El servidor rechazó este terminal</translation>
    </message>
    <message>
        <source>Not enrolled with the server</source>
        <translation>No dado de alta en el servidor</translation>
    </message>
    <message>
        <source>Copy of another terminal&apos;s database: not syncing</source>
        <translation>Copia de la base de datos de otro terminal: sin sincronizar</translation>
    </message>
    <message>
        <source>Own events changed outside Takt: not syncing</source>
        <translation>Eventos propios modificados fuera de Takt: sin sincronizar</translation>
    </message>
    <message>
        <source>Refused the server&apos;s data</source>
        <translation>Rechazó los datos del servidor</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} en espera</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>sincronizado {time}</translation>
    </message>
    <message>
        <source>run {command}</source>
        <translation>ejecuta {command}</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>última sincronización {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizado</translation>
    </message>
    <message>
        <source>Clock {amount} behind the server</source>
        <translation>Reloj {amount} por detrás del servidor</translation>
    </message>
    <message>
        <source>Clock {amount} ahead of the server</source>
        <translation>Reloj {amount} por delante del servidor</translation>
    </message>
    <message>
        <source>Changes made here that the server refused: show them</source>
        <translation>Cambios hechos aquí que el servidor rechazó: mostrarlos</translation>
    </message>
    <message>
        <source>Tap to try the server now</source>
        <translation>Toca para probar el servidor ahora</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>{n} rechazados</translation>
    </message>
    <message>
        <source>This terminal&apos;s database is a copy of terminal {terminal}&apos;s: from seq {seq} on, the server holds other events under the same numbers. Its own changes are kept here and nothing more is sent; enroll it as a new terminal (takt enroll --new-identity) to send them.</source>
        <translation>La base de datos de este terminal es una copia de la del terminal {terminal}: a partir de la seq {seq}, el servidor tiene otros eventos con los mismos números. Sus propios cambios se conservan aquí y no se envía nada más; da de alta este terminal como uno nuevo (takt enroll --new-identity) para enviarlos.</translation>
    </message>
    <message>
        <source>is this terminal&apos;s identity already</source>
        <translation>ya es la identidad de este terminal</translation>
    </message>
    <message>
        <source>{terminal} already has events in this database</source>
        <translation>{terminal} ya tiene eventos en esta base de datos</translation>
    </message>
    <message>
        <source>{unsent} of its events are not acknowledged by a server and nothing shows this database is a copy; sync it first (the server tells which events are this copy&apos;s own)</source>
        <translation>{unsent} de sus eventos no están confirmados por un servidor y nada indica que esta base de datos sea una copia; sincronízala primero (el servidor indica qué eventos son propios de esta copia)</translation>
    </message>
    <message>
        <source>it refers to something this terminal does not hold: {error}</source>
        <translation>se refiere a algo que este terminal no tiene: {error}</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>debe ser un número</translation>
    </message>
    <message>
        <source>must be between 1 and 100</source>
        <translation>debe estar entre 1 y 100</translation>
    </message>
    <message>
        <source>unknown setting</source>
        <translation>ajuste desconocido</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>TOML no válido ({error})</translation>
    </message>
    <message>
        <source>order quantity {quantity} × over-delivery {factor}</source>
        <translation>cantidad de la orden {quantity} × exceso de entrega {factor}</translation>
    </message>
    <message>
        <source>the order needs {quantity} × over-issue {factor}</source>
        <translation>la orden necesita {quantity} × exceso de salida {factor}</translation>
    </message>
    <message>
        <source>{min} to {max} digits</source>
        <translation>de {min} a {max} dígitos</translation>
    </message>
    <message>
        <source>not the employee number, not part of it and not containing it</source>
        <translation>que no sea el número de empleado, ni parte de él, ni lo contenga</translation>
    </message>
    <message>
        <source>not one digit repeated (111111), not a run (123456, 654321), not a repeated group (121212, 123123)</source>
        <translation>que no sea un dígito repetido (111111), ni una serie (123456, 654321), ni un grupo repetido (121212, 123123)</translation>
    </message>
    <message>
        <source>must be {min} to {max} digits</source>
        <translation>debe tener de {min} a {max} dígitos</translation>
    </message>
    <message>
        <source>must not be the employee number, contain it or be part of it</source>
        <translation>no debe ser el número de empleado, contenerlo ni ser parte de él</translation>
    </message>
    <message>
        <source>is too easy to guess: one digit repeated ({example})</source>
        <translation>es demasiado fácil de adivinar: un dígito repetido ({example})</translation>
    </message>
    <message>
        <source>is too easy to guess: a run of digits (like 123456 or 654321)</source>
        <translation>es demasiado fácil de adivinar: una serie de dígitos (como 123456 o 654321)</translation>
    </message>
    <message>
        <source>is too easy to guess: a repeated group of digits (like 121212 or 123123)</source>
        <translation>es demasiado fácil de adivinar: un grupo de dígitos repetido (como 121212 o 123123)</translation>
    </message>
    <message>
        <source>must be a number &gt;= {low}</source>
        <translation>debe ser un número &gt;= {low}</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}</source>
        <translation>{value} no está entre {choices}</translation>
    </message>
    <message>
        <source>unknown priority class</source>
        <translation>clase de prioridad desconocida</translation>
    </message>
    <message>
        <source>Exceptions by type</source>
        <translation>Incidencias por tipo</translation>
    </message>
    <message>
        <source>Downtime by reason</source>
        <translation>Paradas por motivo</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Tiempo de resolución</translation>
    </message>
    <message>
        <source>ERP posting lag by day</source>
        <translation>Demora de contabilización por día</translation>
    </message>
    <message>
        <source>SLA deadlines met, by function</source>
        <translation>Plazos SLA cumplidos, por función</translation>
    </message>
    <message>
        <source>First-pass resolution by day</source>
        <translation>Resolución a la primera, por día</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>&gt;{n} h</source>
        <translation>&gt;{n} h</translation>
    </message>
    <message>
        <source>&lt;{n} min</source>
        <translation>&lt;{n} min</translation>
    </message>
    <message>
        <source>{low}–{high} min</source>
        <translation>{low}–{high} min</translation>
    </message>
    <message>
        <source>&lt;{n} h</source>
        <translation>&lt;{n} h</translation>
    </message>
    <message>
        <source>{low}–{high} h</source>
        <translation>{low}–{high} h</translation>
    </message>
    <message>
        <source>no function</source>
        <translation>sin función</translation>
    </message>
    <message>
        <source>n={n}</source>
        <translation>n={n}</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open</source>
        <translation>{n} incidencias reportadas, {open} aún abiertas</translation>
    </message>
    <message>
        <source>{n} machine downtimes, {open} still open</source>
        <translation>{n} paradas de máquina, {open} aún abiertas</translation>
    </message>
    <message>
        <source>{n} resolved: median {median}, p90 {p90}; {open} still open</source>
        <translation>{n} resueltas: mediana {median}, p90 {p90}; {open} aún abiertas</translation>
    </message>
    <message>
        <source>{n} postings queued, {open} not in the ERP yet; bars: median, line: p90</source>
        <translation>{n} contabilizaciones en cola, {open} aún no en el ERP; barras: mediana, línea: p90</translation>
    </message>
    <message>
        <source>{n} deadlines; dark: acknowledged in time, light: resolved in time</source>
        <translation>{n} plazos; oscuro: reconocida a tiempo, claro: resuelta a tiempo</translation>
    </message>
    <message>
        <source>{n} exceptions, {open} not resolved yet</source>
        <translation>{n} incidencias, {open} aún sin resolver</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>exceptions</source>
        <translation>incidencias</translation>
    </message>
    <message>
        <source>median {value}</source>
        <translation>mediana {value}</translation>
    </message>
    <message>
        <source>p90 {value}</source>
        <translation>p90 {value}</translation>
    </message>
    <message>
        <source>due in {time}</source>
        <translation>vence en {time}</translation>
    </message>
    <message>
        <source>overdue {time}</source>
        <translation>vencida hace {time}</translation>
    </message>
    <message>
        <source>{a}, {b}</source>
        <translation>{a}, {b}</translation>
    </message>
    <message>
        <source>{a}, {b}, {c}</source>
        <translation>{a}, {b}, {c}</translation>
    </message>
    <message>
        <source>{a}, {b}, {c}, {d}</source>
        <translation>{a}, {b}, {c}, {d}</translation>
    </message>
    <message>
        <source>running for {time}, {good} of {total} done</source>
        <translation>en marcha desde hace {time}, hecho {good} de {total}</translation>
    </message>
    <message>
        <source>running, {good} of {total} done</source>
        <translation>en marcha, hecho {good} de {total}</translation>
    </message>
    <message>
        <source>{running}; machine down ({reason})</source>
        <translation>{running}; máquina parada ({reason})</translation>
    </message>
    <message>
        <source>on hold: {reason}</source>
        <translation>retenida: {reason}</translation>
    </message>
    <message>
        <source>blocked: machine down ({reason})</source>
        <translation>bloqueada: máquina parada ({reason})</translation>
    </message>
    <message>
        <source>blocked: machine down (no reason yet)</source>
        <translation>bloqueada: máquina parada (aún sin motivo)</translation>
    </message>
    <message>
        <source>blocked: short {qty} of {item}, {due}</source>
        <translation>bloqueada: faltan {qty} de {item}, {due}</translation>
    </message>
    <message>
        <source>waiting for op {seq} at {work_center}, {due}</source>
        <translation>esperando la op. {seq} en {work_center}, {due}</translation>
    </message>
    <message>
        <source>late</source>
        <translation>retrasada</translation>
    </message>
    <message>
        <source>late risk: critical ratio {cr}</source>
        <translation>riesgo de retraso: ratio crítico {cr}</translation>
    </message>
    <message>
        <source>same setup family as running job ({family})</source>
        <translation>misma familia de preparación que la operación en marcha ({family})</translation>
    </message>
    <message>
        <source>critical ratio {cr}</source>
        <translation>ratio crítico {cr}</translation>
    </message>
    <message>
        <source>customer {customer} ({priority})</source>
        <translation>cliente {customer} ({priority})</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP already holds it as {document}</source>
        <translation>no es posible {doing}: el ERP ya la tiene como {document}</translation>
    </message>
    <message>
        <source>cannot {doing}: the posting was cancelled</source>
        <translation>no es posible {doing}: la contabilización fue anulada</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP holds {document} for an event Takt refused</source>
        <translation>no se puede {doing}: el ERP tiene {document} de un evento que Takt rechazó</translation>
    </message>
    <message>
        <source>only a document of an event Takt refused is recorded as reversed in the ERP; this posting is {status}</source>
        <translation>solo el documento de un evento que Takt rechazó se registra como anulado en el ERP; este registro está {status}</translation>
    </message>
    <message>
        <source>posting</source>
        <translation>contabilización</translation>
    </message>
    <message>
        <source>already posted as {document}</source>
        <translation>ya contabilizada como {document}</translation>
    </message>
    <message>
        <source>record a failure</source>
        <translation>registrar un fallo</translation>
    </message>
    <message>
        <source>retry it</source>
        <translation>reintentarla</translation>
    </message>
    <message>
        <source>edit it</source>
        <translation>editarla</translation>
    </message>
    <message>
        <source>cancel it</source>
        <translation>anularla</translation>
    </message>
    <message>
        <source>posting {id} is {status} already</source>
        <translation>el registro {id} ya está {status}</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>causa raíz</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>destino</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} was resolved by {by} at {at} UTC</source>
        <translation>no es posible {doing}: la incidencia {exception} la resolvió {by} el {at} UTC</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} is {status}</source>
        <translation>no es posible {doing}: la incidencia {exception} está {status}</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>incidencia</translation>
    </message>
    <message>
        <source>already acknowledged by {by}</source>
        <translation>ya reconocida por {by}</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>exception {exception} is already closed</source>
        <translation>la incidencia {exception} ya está cerrada</translation>
    </message>
    <message>
        <source>cannot close exception {exception}: it is {status}, not resolved</source>
        <translation>no se puede cerrar la incidencia {exception}: está {status}, no resuelta</translation>
    </message>
    <message>
        <source>cannot reopen exception {exception}: it is {status}</source>
        <translation>no se puede reabrir la incidencia {exception}: está {status}</translation>
    </message>
    <message>
        <source>{fact} of exception {exception} is already recorded</source>
        <translation>{fact} de la incidencia {exception}: ya consta</translation>
    </message>
    <message>
        <source>task</source>
        <translation>tarea</translation>
    </message>
    <message>
        <source>task {task} is already {status}</source>
        <translation>la tarea {task} ya está {status}</translation>
    </message>
    <message>
        <source>task {task} was already done by {by}</source>
        <translation>la tarea {task} ya la hizo {by}</translation>
    </message>
    <message>
        <source>work order {order} is already {state} in the ERP</source>
        <translation>la orden {order} ya está {state} en el ERP</translation>
    </message>
    <message>
        <source>{what} {key} is unknown</source>
        <translation>{what} {key}: no existe</translation>
    </message>
    <message>
        <source>no rule fits and there is no catch-all rule at the end</source>
        <translation>ninguna regla encaja y no hay una regla general al final</translation>
    </message>
    <message>
        <source>must be a number of minutes above 0</source>
        <translation>debe ser un número de minutos mayor que 0</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>debe ser una lista</translation>
    </message>
    <message>
        <source>there must be at least one [[rules]] entry</source>
        <translation>debe haber al menos una entrada [[rules]]</translation>
    </message>
    <message>
        <source>unknown match key</source>
        <translation>clave de match desconocida</translation>
    </message>
    <message>
        <source>missing: who owns exceptions of this rule</source>
        <translation>falta: quién es responsable de las incidencias de esta regla</translation>
    </message>
    <message>
        <source>must not be shorter than ack_minutes</source>
        <translation>no debe ser menor que ack_minutes</translation>
    </message>
    <message>
        <source>tiers must come later and later</source>
        <translation>cada nivel debe llegar más tarde que el anterior</translation>
    </message>
    <message>
        <source>missing: what the function must do</source>
        <translation>falta: qué debe hacer la función</translation>
    </message>
    <message>
        <source>only {when} is known</source>
        <translation>solo se conoce {when}</translation>
    </message>
    <message>
        <source>the last rule must match everything (no match)</source>
        <translation>la última regla debe abarcarlo todo (sin match)</translation>
    </message>
    <message>
        <source>must be a [[rules]] table</source>
        <translation>debe ser una tabla [[rules]]</translation>
    </message>
    <message>
        <source>must be a table, e.g. { kind = ... }</source>
        <translation>debe ser una tabla, p. ej., { kind = ... }</translation>
    </message>
    <message>
        <source>must be a list of tables</source>
        <translation>debe ser una lista de tablas</translation>
    </message>
    <message>
        <source>must be a table { ... }</source>
        <translation>debe ser una tabla { ... }</translation>
    </message>
    <message>
        <source>say why (at least a few words): it is shown on the board</source>
        <translation>indica el motivo (al menos unas palabras): se muestra en el panel</translation>
    </message>
    <message>
        <source>{order} op {seq}</source>
        <translation>{order} op. {seq}</translation>
    </message>
    <message>
        <source>{job} is running already; its place does not change until it is done</source>
        <translation>{job} ya está en marcha; su posición no cambia hasta que termine</translation>
    </message>
    <message>
        <source>{job} is {reason}; release the hold first</source>
        <translation>{job} está {reason}; libera primero la retención</translation>
    </message>
    <message>
        <source>{job} cannot go first now ({reason}); resolve what stops it, or move it before another job instead</source>
        <translation>{job} no puede ir primera ahora ({reason}); resuelve lo que la detiene, o muévela antes de otra operación</translation>
    </message>
    <message>
        <source>nothing goes before {job}: it is running</source>
        <translation>nada puede ir antes de {job}: está en marcha</translation>
    </message>
    <message>
        <source>unknown operation {id}</source>
        <translation>operación desconocida {id}</translation>
    </message>
    <message>
        <source>{op} is already completed</source>
        <translation>{op} ya está completada</translation>
    </message>
    <message>
        <source>choose the job to move before</source>
        <translation>elige antes de qué operación moverla</translation>
    </message>
    <message>
        <source>choose the job to move after</source>
        <translation>elige después de qué operación moverla</translation>
    </message>
    <message>
        <source>{op} is not in {work_center}&apos;s lane</source>
        <translation>{op} no está en la cola de {work_center}</translation>
    </message>
    <message>
        <source>a job cannot move relative to itself</source>
        <translation>una operación no puede moverse respecto a sí misma</translation>
    </message>
    <message>
        <source>a pin takes no target</source>
        <translation>fijar no lleva operación de referencia</translation>
    </message>
    <message>
        <source>a hold takes no target</source>
        <translation>retener no lleva operación de referencia</translation>
    </message>
    <message>
        <source>{op} has no override to clear</source>
        <translation>{op} no tiene ajuste manual que quitar</translation>
    </message>
    <message>
        <source>unknown work center {code}</source>
        <translation>centro de trabajo desconocido {code}</translation>
    </message>
    <message>
        <source>no active hold {id}</source>
        <translation>no hay ninguna retención activa {id}</translation>
    </message>
    <message>
        <source>must be at most {max}</source>
        <translation>debe ser como máximo {max}</translation>
    </message>
    <message>
        <source>{op} is already running</source>
        <translation>{op} ya está en marcha</translation>
    </message>
    <message>
        <source>{op} cannot start: it is {status}</source>
        <translation>{op} no puede iniciarse: está {status}</translation>
    </message>
    <message>
        <source>{op} is on hold: {reason}</source>
        <translation>{op} está retenida: {reason}</translation>
    </message>
    <message>
        <source>{work_center} is running {op}; confirm it before starting another job</source>
        <translation>{work_center} está fabricando {op}; notifícala antes de iniciar otra operación</translation>
    </message>
    <message>
        <source>enter a good or scrap quantity</source>
        <translation>introduce una cantidad buena o de rechazo</translation>
    </message>
    <message>
        <source>start {op} before confirming quantities on it</source>
        <translation>inicia {op} antes de notificar cantidades en ella</translation>
    </message>
    <message>
        <source>at most {limit} good + scrap on {op} ({basis}); {already} reported so far, so at most {left} more. A supervisor may confirm more</source>
        <translation>como máximo {limit} buenas + rechazo en {op} ({basis}); ya se han notificado {already}, así que como máximo {left} más. Un supervisor puede notificar más</translation>
    </message>
    <message>
        <source>choose the material</source>
        <translation>elige el material</translation>
    </message>
    <message>
        <source>enter a quantity above zero</source>
        <translation>introduce una cantidad mayor que cero</translation>
    </message>
    <message>
        <source>work order {order} takes no more material</source>
        <translation>la orden {order} no admite más material</translation>
    </message>
    <message>
        <source>{item} is not a material of work order {order}</source>
        <translation>{item} no es un material de la orden {order}</translation>
    </message>
    <message>
        <source>at most {limit} of {item} on work order {order} ({basis}); {already} issued so far, so at most {left} more. A supervisor may issue more</source>
        <translation>como máximo {limit} de {item} en la orden {order} ({basis}); ya se ha dado salida a {already}, así que como máximo {left} más. Un supervisor puede dar salida a más</translation>
    </message>
    <message>
        <source>site</source>
        <translation>sede</translation>
    </message>
    <message>
        <source>area</source>
        <translation>área</translation>
    </message>
    <message>
        <source>shift calendar</source>
        <translation>calendario de turnos</translation>
    </message>
    <message>
        <source>setup family</source>
        <translation>familia de preparación</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <source>send a change again</source>
        <translation>reenviar un cambio</translation>
    </message>
    <message>
        <source>drop a refused change</source>
        <translation>descartar un cambio rechazado</translation>
    </message>
    <message>
        <source>{name} has already sent it again</source>
        <translation>{name} ya lo ha reenviado</translation>
    </message>
    <message>
        <source>{name} has already dropped it</source>
        <translation>{name} ya lo ha descartado</translation>
    </message>
    <message>
        <source>this terminal recorded no event {id}</source>
        <translation>este terminal no registró ningún evento {id}</translation>
    </message>
    <message>
        <source>the server has not refused it</source>
        <translation>el servidor no lo ha rechazado</translation>
    </message>
    <message>
        <source>say why it can go (a few words): it is kept</source>
        <translation>indica por qué se puede descartar (unas palabras): se guarda</translation>
    </message>
    <message>
        <source>must be a non-empty text</source>
        <translation>debe ser un texto no vacío</translation>
    </message>
    <message>
        <source>{version} is not {expected} (a newer Takt?)</source>
        <translation>{version} no es {expected} (¿un Takt más reciente?)</translation>
    </message>
    <message>
        <source>must be a port number</source>
        <translation>debe ser un número de puerto</translation>
    </message>
    <message>
        <source>must start with http:// or https://</source>
        <translation>debe empezar por http:// o https://</translation>
    </message>
    <message>
        <source>unknown role</source>
        <translation>rol desconocido</translation>
    </message>
    <message>
        <source>not an email address: {address}</source>
        <translation>no es una dirección de correo: {address}</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>debe ser al menos 1</translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <translation>debe ser uno de {choices}</translation>
    </message>
    <message>
        <source>must be a time zone name such as Europe/Berlin</source>
        <translation>debe ser un nombre de zona horaria, como Europe/Madrid</translation>
    </message>
    <message>
        <source>must be a table (name = value, one a line)</source>
        <translation>debe ser una tabla (nombre = valor, uno por línea)</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; = {entry}: {problem}</source>
        <translation>&quot;{key}&quot; = {entry}: {problem}</translation>
    </message>
    <message>
        <source>must be a name or a list of names</source>
        <translation>debe ser un nombre o una lista de nombres</translation>
    </message>
    <message>
        <source>the file needs at least one [[areas]] table</source>
        <translation>el archivo necesita al menos una tabla [[areas]]</translation>
    </message>
    <message>
        <source>must be a table</source>
        <translation>debe ser una tabla</translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation>no es un campo conocido</translation>
    </message>
    <message>
        <source>no area {area} in the plant</source>
        <translation>no hay área {area} en la planta</translation>
    </message>
    <message>
        <source>{value} is given twice (also in {other})</source>
        <translation>{value} aparece dos veces (también en {other})</translation>
    </message>
    <message>
        <source>no shift {shift}</source>
        <translation>no hay turno {shift}</translation>
    </message>
    <message>
        <source>must be after starts</source>
        <translation>debe ser posterior a starts</translation>
    </message>
    <message>
        <source>the area&apos;s code is missing</source>
        <translation>falta el código del área</translation>
    </message>
    <message>
        <source>say why (at least a few words)</source>
        <translation>indica el motivo (al menos unas palabras)</translation>
    </message>
    <message>
        <source>no area {area}</source>
        <translation>no hay área {area}</translation>
    </message>
    <message>
        <source>{area} has no shift {shift} on {day}</source>
        <translation>{area} no tiene turno {shift} el {day}</translation>
    </message>
    <message>
        <source>shift {shift} has not started yet</source>
        <translation>el turno {shift} aún no ha empezado</translation>
    </message>
    <message>
        <source>unknown for {kind}; known: {known}</source>
        <translation>desconocido para {kind}; conocidos: {known}</translation>
    </message>
    <message>
        <source>Odoo needs its database name</source>
        <translation>Odoo necesita el nombre de su base de datos</translation>
    </message>
    <message>
        <source>must be above 0</source>
        <translation>debe ser mayor que 0</translation>
    </message>
    <message>
        <source>no ERP API key stored: run `takt erp configure`</source>
        <translation>no hay clave API del ERP guardada: ejecuta `takt erp configure`</translation>
    </message>
    <message>
        <source>no ERPNext API secret stored</source>
        <translation>no hay secreto API de ERPNext guardado</translation>
    </message>
    <message>
        <source>refused: kind: unknown event kind {kind}</source>
        <translation>rechazado: kind: tipo de evento desconocido {kind}</translation>
    </message>
    <message>
        <source>payload.{field}: {problem}</source>
        <translation>payload.{field}: {problem}</translation>
    </message>
    <message>
        <source>refused: {problems}</source>
        <translation>rechazado: {problems}</translation>
    </message>
    <message>
        <source>fork: the server holds terminal {terminal}&apos;s seq {seq} with other content; this database is a copy of that terminal&apos;s</source>
        <translation>bifurcación: el servidor tiene la seq {seq} del terminal {terminal} con otro contenido; esta base de datos es una copia de la de ese terminal</translation>
    </message>
    <message>
        <source>gap: the server holds up to seq {last}, the batch went on at {seq}</source>
        <translation>hueco: el servidor tiene hasta la seq {last}, el envío continuó en {seq}</translation>
    </message>
    <message>
        <source>not allowed: {reason}</source>
        <translation>no permitido: {reason}</translation>
    </message>
    <message>
        <source>the server could not apply it: {problem}</source>
        <translation>el servidor no pudo aplicarlo: {problem}</translation>
    </message>
    <message>
        <source>is {seq} after {before}: a batch is one unbroken stretch of the terminal&apos;s chain</source>
        <translation>es {seq} tras {before}: un envío es un tramo continuo de la cadena del terminal</translation>
    </message>
    <message>
        <source>{code} has no machine mapping</source>
        <translation>{code} no tiene asignación de máquina</translation>
    </message>
    <message>
        <source>{code} is no downtime reason</source>
        <translation>{code} no es un motivo de parada</translation>
    </message>
    <message>
        <source>no downtime {key} of {work_center}</source>
        <translation>no hay parada {key} de {work_center}</translation>
    </message>
    <message>
        <source>the reason of {key} could be changed until {until}</source>
        <translation>el motivo de {key} se podía cambiar hasta el {until}</translation>
    </message>
    <message>
        <source>exception {exception} is not a machine&apos;s downtime</source>
        <translation>la incidencia {exception} no es una parada de máquina</translation>
    </message>
    <message>
        <source>reason_code: {code} is not in the downtime reason list</source>
        <translation>reason_code: {code} no está en la lista de motivos de parada</translation>
    </message>
    <message>
        <source>the reason of this downtime could be given until {until} UTC</source>
        <translation>el motivo de esta parada se podía indicar hasta el {until} UTC</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Máquinas</translation>
    </message>
    <message>
        <source>Read now</source>
        <translation>Leer ahora</translation>
    </message>
    <message>
        <source>Reading the machine diagnostics from the server…</source>
        <translation>Leyendo el diagnóstico de máquinas del servidor…</translation>
    </message>
    <message>
        <source>Read from the server at {time}; read again every few seconds.</source>
        <translation>Leído del servidor a las {time}; se vuelve a leer cada pocos segundos.</translation>
    </message>
    <message>
        <source>No machine diagnostics on this terminal.</source>
        <translation>No hay diagnóstico de máquinas en este terminal.</translation>
    </message>
    <message>
        <source>This terminal follows no Takt server. The server reads the machine signals (takt server --machines FILE); connect this terminal to it to see them here.</source>
        <translation>Este terminal no sigue ningún servidor Takt. Las señales de las máquinas las lee el servidor (takt server --machines FILE); conecte este terminal a él para verlas aquí.</translation>
    </message>
    <message>
        <source>The server reads no machine signals.</source>
        <translation>El servidor no lee señales de máquinas.</translation>
    </message>
    <message>
        <source>The server was started without a machine mapping, so no machine reports to it. Start it with one (takt server --machines FILE) to see every machine, its signal sources and their devices here.</source>
        <translation>El servidor se inició sin una asignación de máquinas, así que ninguna máquina le informa. Inícielo con una (takt server --machines FILE) para ver aquí cada máquina, sus fuentes de señal y sus dispositivos.</translation>
    </message>
    <message>
        <source>The server cannot be reached; shown: what was read at {time}. Trying again every few seconds.</source>
        <translation>No se puede contactar con el servidor; se muestra lo leído a las {time}. Se reintenta cada pocos segundos.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so the machine diagnostics cannot be read. Trying again every few seconds.</source>
        <translation>No se puede contactar con el servidor, así que no se puede leer el diagnóstico de máquinas. Se reintenta cada pocos segundos.</translation>
    </message>
    <message>
        <source>Recorded: {events} events; {unusable} readings unusable, {unrouted} readings of no work center.</source>
        <translation>Registrado: {events} eventos; {unusable} lecturas inutilizables, {unrouted} lecturas de ningún centro de trabajo.</translation>
    </message>
    <message>
        <source>Last failure: {failure}</source>
        <translation>Último fallo: {failure}</translation>
    </message>
    <message>
        <source>Pick a source, edge node or device to see everything about it and the payloads it quarantined, with the reasons.</source>
        <translation>Elija una fuente, un nodo edge o un dispositivo para ver todo sobre él y los mensajes que puso en cuarentena, con sus motivos.</translation>
    </message>
    <message numerus="yes">
        <source>no reason given · %n more stop(s) without one</source>
        <translation>
            <numerusform>sin motivo indicado · %n parada más sin motivo</numerusform>
            <numerusform>sin motivo indicado · %n paradas más sin motivo</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason saved: {work_center} stopped for “{reason}”.</source>
        <translation>Motivo guardado: {work_center} se paró por «{reason}».</translation>
    </message>
    <message>
        <source>noted the handover of {shift}</source>
        <translation>has anotado el relevo de {shift}</translation>
    </message>
    <message>
        <source>handed over shift {shift}</source>
        <translation>has entregado el turno {shift}</translation>
    </message>
    <message>
        <source>accepted a handover item</source>
        <translation>has aceptado un punto del relevo</translation>
    </message>
    <message>
        <source>queried a handover item</source>
        <translation>has consultado un punto del relevo</translation>
    </message>
    <message>
        <source>answered a handover query</source>
        <translation>has respondido una consulta del relevo</translation>
    </message>
    <message>
        <source>signed the handover of {shift}</source>
        <translation>has firmado el relevo de {shift}</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>Relevo de turno</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Shift note</source>
        <translation>Nota del turno</translation>
    </message>
    <message>
        <source>Your note on the picked item</source>
        <translation>Tu nota sobre el punto elegido</translation>
    </message>
    <message>
        <source>What the next shift should know</source>
        <translation>Lo que el siguiente turno debe saber</translation>
    </message>
    <message>
        <source>A question about the picked item, or the answer</source>
        <translation>Una pregunta sobre el punto elegido, o la respuesta</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Consultar</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Firmar</translation>
    </message>
    <message>
        <source>This area has no shifts in its calendar.</source>
        <translation>Esta área no tiene turnos en su calendario.</translation>
    </message>
    <message>
        <source>Signed by {name}: the handover is complete.</source>
        <translation>Firmado por {name}: el relevo está completo.</translation>
    </message>
    <message>
        <source>Handed over by {name}, not signed yet.</source>
        <translation>Entregado por {name}, aún sin firmar.</translation>
    </message>
    <message>
        <source>Shift running until {end}: not handed over yet.</source>
        <translation>Turno en curso hasta las {end}: aún sin entregar.</translation>
    </message>
    <message>
        <source>Shift over: not handed over yet.</source>
        <translation>Turno terminado: aún sin entregar.</translation>
    </message>
    <message>
        <source>{raised} raised, {resolved} resolved, {open} still open · downtime {down} · good {good} of {planned} planned · {overrides} overrides · {refused} refused by the ERP</source>
        <translation>{raised} reportadas, {resolved} resueltas, {open} aún abiertas · parada {down} · buenas {good} de {planned} planificadas · {overrides} ajustes · {refused} rechazadas por el ERP</translation>
    </message>
    <message>
        <source>Open items ({n})</source>
        <translation>Puntos abiertos ({n})</translation>
    </message>
    <message>
        <source>Exceptions ({n})</source>
        <translation>Incidencias ({n})</translation>
    </message>
    <message>
        <source>Downtime ({n})</source>
        <translation>Paradas ({n})</translation>
    </message>
    <message>
        <source>Output ({n})</source>
        <translation>Producción ({n})</translation>
    </message>
    <message>
        <source>Overrides ({n})</source>
        <translation>Ajustes ({n})</translation>
    </message>
    <message>
        <source>ERP refused ({n})</source>
        <translation>Rechazos ERP ({n})</translation>
    </message>
    <message>
        <source>Pick an item to note, accept or query it.</source>
        <translation>Elige un punto para anotarlo, aceptarlo o consultarlo.</translation>
    </message>
    <message>
        <source>Queried: {text}</source>
        <translation>Consulta: {text}</translation>
    </message>
    <message>
        <source>Answer: {text}</source>
        <translation>Respuesta: {text}</translation>
    </message>
    <message>
        <source>Material shortage</source>
        <translation>Falta de material</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Cambio de cantidad</translation>
    </message>
    <message>
        <source>Date change</source>
        <translation>Cambio de fecha</translation>
    </message>
    <message>
        <source>Specification change</source>
        <translation>Cambio de especificación</translation>
    </message>
    <message>
        <source>Not an exception</source>
        <translation>No es incidencia</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>En el texto</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <source>Nothing in this period</source>
        <translation>Nada en este periodo</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>acumulado</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 h</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 días</translation>
    </message>
    <message>
        <source>Audit as CSV…</source>
        <translation>Auditoría CSV…</translation>
    </message>
    <message>
        <source>Audit as PDF…</source>
        <translation>Auditoría PDF…</translation>
    </message>
    <message>
        <source>Open exception</source>
        <translation>Abrir incidencia</translation>
    </message>
    <message>
        <source>Pick a bar to list what is behind it.</source>
        <translation>Elige una barra para ver lo que hay detrás.</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Leyendo el registro…</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} a {end}</translation>
    </message>
    <message>
        <source>The metrics could not be read: {error}</source>
        <translation>No se pudieron leer las métricas: {error}</translation>
    </message>
    <message>
        <source>{chart}: {bar} — {n} listed</source>
        <translation>{chart}: {bar} — {n} en la lista</translation>
    </message>
    <message>
        <source>Audit as CSV</source>
        <translation>Auditoría en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Audit as PDF</source>
        <translation>Auditoría en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Audit written.</source>
        <translation>Auditoría escrita.</translation>
    </message>
    <message>
        <source>The audit could not be written: {error}</source>
        <translation>No se pudo escribir la auditoría: {error}</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>relevo</translation>
    </message>
    <message>
        <source>handover {handover} is not handed over yet</source>
        <translation>el relevo {handover} aún no se ha entregado</translation>
    </message>
    <message>
        <source>handover {handover} is signed already, by {by}</source>
        <translation>el relevo {handover} ya está firmado, por {by}</translation>
    </message>
    <message>
        <source>{actor} handed this shift over; the incoming lead must take it</source>
        <translation>{actor} entregó este turno; debe recibirlo el responsable del turno entrante</translation>
    </message>
    <message>
        <source>{item} is not an item of handover {handover}</source>
        <translation>{item} no es un punto del relevo {handover}</translation>
    </message>
    <message>
        <source>handover {handover} is handed over already: notes are closed</source>
        <translation>el relevo {handover} ya se entregó: las notas están cerradas</translation>
    </message>
    <message>
        <source>handover {handover} was handed over already, by {by}</source>
        <translation>el relevo {handover} ya lo entregó {by}</translation>
    </message>
    <message>
        <source>a shift must end after it starts</source>
        <translation>un turno debe terminar después de empezar</translation>
    </message>
    <message>
        <source>an item is handed over twice</source>
        <translation>un punto se entrega dos veces</translation>
    </message>
    <message>
        <source>{item} is accepted already</source>
        <translation>{item} ya está aceptado</translation>
    </message>
    <message>
        <source>{item} is queried already; wait for the answer</source>
        <translation>{item} ya tiene una consulta; espera la respuesta</translation>
    </message>
    <message>
        <source>handover {handover} is not waiting for answers</source>
        <translation>el relevo {handover} no está esperando respuestas</translation>
    </message>
    <message>
        <source>only {outgoing}, who handed the shift over, answers its queries</source>
        <translation>solo {outgoing}, que entregó el turno, responde sus consultas</translation>
    </message>
    <message>
        <source>{item} has no open query</source>
        <translation>{item} no tiene ninguna consulta abierta</translation>
    </message>
    <message>
        <source>not signed: {count} item(s) not accepted yet ({queried} queried)</source>
        <translation>sin firmar: {count} punto(s) aún sin aceptar ({queried} con consulta)</translation>
    </message>
    <message>
        <source>message {message} was already confirmed as exception {exception}</source>
        <translation>el mensaje {message} ya se confirmó como incidencia {exception}</translation>
    </message>
    <message>
        <source>message {message} was already discarded</source>
        <translation>el mensaje {message} ya se descartó</translation>
    </message>
    <message>
        <source>message {message} is archived as not an exception ({reason})</source>
        <translation>el mensaje {message} está archivado como no incidencia ({reason})</translation>
    </message>
    <message>
        <source>message {message} is already in</source>
        <translation>el mensaje {message} ya ha entrado</translation>
    </message>
    <message>
        <source>message {message} names nothing the plant knows: link it to a work order, a work center or an item first</source>
        <translation>el mensaje {message} no nombra nada que la planta conozca: vincúlalo primero a una orden, un centro de trabajo o un artículo</translation>
    </message>
    <message>
        <source>longer than {limit} characters</source>
        <translation>más de {limit} caracteres</translation>
    </message>
    <message>
        <source>a message comes in as a draft, for triage or archived</source>
        <translation>un mensaje entra como borrador, para revisión o archivado</translation>
    </message>
    <message>
        <source>give a list of codes</source>
        <translation>indica una lista de códigos</translation>
    </message>
    <message>
        <source>give it as text</source>
        <translation>indícalo como texto</translation>
    </message>
    <message>
        <source>give a date as YYYY-MM-DD</source>
        <translation>indica la fecha como AAAA-MM-DD</translation>
    </message>
    <message>
        <source>give a number</source>
        <translation>indica un número</translation>
    </message>
    <message>
        <source>cannot be edited here</source>
        <translation>no se puede editar aquí</translation>
    </message>
    <message>
        <source>pick the kind of exception</source>
        <translation>elige el tipo de incidencia</translation>
    </message>
    <message>
        <source>one of low, normal, high, critical</source>
        <translation>una de: baja, normal, alta, crítica</translation>
    </message>
    <message>
        <source>missing: paste or type the message</source>
        <translation>falta: pega o escribe el mensaje</translation>
    </message>
    <message>
        <source>unknown message {message}</source>
        <translation>mensaje desconocido {message}</translation>
    </message>
    <message>
        <source>link it first: name a work order, a work center or an item</source>
        <translation>vincúlalo primero: indica una orden, un centro de trabajo o un artículo</translation>
    </message>
    <message>
        <source>a PIN lock lasts {minutes} min at most</source>
        <translation>un bloqueo de PIN dura como máximo {minutes} min</translation>
    </message>
    <message>
        <source>PIN login for {user} was locked until {until} after {failures} wrong PINs (typed at another terminal): scan the badge</source>
        <translation>el acceso con PIN de {user} estaba bloqueado hasta las {until} tras {failures} PIN erróneos (en otro terminal): escanee la tarjeta</translation>
    </message>
</context>
</TS>
