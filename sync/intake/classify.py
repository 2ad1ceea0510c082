"""The type and urgency of a message, from cue words in English, Spanish and German.

Each type has weighted cues (regular expressions over the folded reading, so accents
do not matter and a message may mix languages). A cue right after a negation ("no
shortage", "kein Stillstand", "no falta nada") counts against an exception instead of
for it. The type with the highest score wins; ties go to the type earlier in
`EXCEPTION_TYPES`. A message with no exception cue is *other* when it names something of
the plant or asks for something, and *not an exception* otherwise, or when it is a
newsletter, a thank-you, a lunch order, an out-of-office reply and the like (its reason
is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXCEPTION_TYPES = (
    "downtime",
    "quality_hold",
    "substitute_material",
    "shortage",
    "order_change_qty",
    "order_change_date",
    "order_change_spec",
    "priority_shift",
    "other",
    "not_an_exception",
)
URGENCIES = ("low", "normal", "high", "critical")

_S = r"(?:ss|ß)"


def _cues(*pairs: tuple[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
    ordered = sorted(pairs, key=lambda pair: -pair[1])  # strong cues claim their words first
    return tuple((re.compile(rf"(?<![\w])(?:{p})(?![\w])"), w) for p, w in ordered)


CUES: dict[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    "shortage": _cues(
        (
            r"shortages?|short delivery|short shipment|came in short|are short|is short|"
            r"(?:we are|we're|were) short|short (?:by|of)|(?:\d+\s+)?short \d+",
            3.0,
        ),
        (
            r"ran out|run out|running out|out of stock|no stock|stock shows 0|none left|"
            r"nothing left|no \w+(?: \w+)? left|used up|is gone|are gone|"
            r"down to the last|running low",
            3.0,
        ),
        (
            r"missing|not enough|didn'?t (?:arrive|come)|has not arrived|have not arrived|"
            r"not arrived|never arrived|backorder(?:ed)?|lack of|waiting (?:on|for) (?:the )?"
            r"(?:material|parts|delivery|stock|[a-z]{2}-\w+)",
            2.5,
        ),
        (
            r"can only (?:ship|deliver|send)|only (?:had|got|received|came)|only \d+ of|"
            r"delay(?:ed)? (?:delivery|shipment)|delivery (?:is )?delayed|expedite",
            2.0,
        ),
        (r"delayed", 1.2),
        (
            r"verspat\w*|verzoger\w*|delayed again|kommen erst|kommt erst|won'?t arrive|"
            r"will not arrive|no llegara(?:n)?|kommt nicht|kommen nicht|"
            r"(?:tenemos|we have|wir haben) \d+[^.\n]{0,30}(?:necesitamos|need|brauchen) \d+",
            2.5,
        ),
        (
            r"out of|short on|shortfall|stock-?out|not in stock|not delivered|didn'?t ship|"
            r"short-?shipped|only got|received only|zero left|nothing in stock|"
            r"material (?:is )?missing|late delivery|supplier (?:is )?late",
            2.5,
        ),
        (
            r"no tenemos|nos falta|no queda(?:n)?|se terminaron|se termino|solo recibimos|"
            r"entrega incompleta|pendiente de recibir|retraso del proveedor|escasea",
            2.5,
        ),
        (
            r"nicht vorhanden|nicht auf lager|kein bestand|reicht nicht|nicht ausreichend|"
            r"zu wenig|unvollstandig|restmenge folgt|ausverkauft|verspatet",
            2.5,
        ),
        (
            r"faltan?|falta material|no hay|sin stock|sin material|se acab(?:o|aron)|"
            r"(?:nos )?(?:hemos )?quedado sin|no (?:nos )?llego|no llegaron|solo llegaron|"
            r"rotura de stock|escasez|agotad[oa]s?|por falta de",
            3.0,
        ),
        (
            r"fehlt|fehlen|fehlteile?|fehlmengen?|nicht geliefert|nicht da|nicht genug|"
            r"kein material|ist alle|sind alle|aufgebraucht|engpass|lieferverzug|"
            r"unterdeckung|reichen nur noch",
            3.0,
        ),
        (
            r"teillieferung|partial (?:delivery|shipment)|entrega parcial|0 on hand|zero stock|"
            r"stock (?:is|at) (?:0|zero)|sin existencias|bestand (?:ist )?(?:0|null)",
            3.0,
        ),
        (r"(?:ist|sind|is|are|esta|estan) (?:aus|out)", 2.0),
        (
            r"verschiebt sich|verzogert|retrasad[oa]s?|llega(?:n)? (?:el|la|manana)|"
            r"kommt erst|erst (?:am|morgen|mittwoch|montag|dienstag|donnerstag|freitag)",
            1.0,
        ),
    ),
    "downtime": _cues(
        (
            r"(?:is|went|was|back|still|goes|machine|line|it's|its) down|down since|"
            r"broke(?:n)?(?: down)?|breakdown|break ?down|stopped|not running|won'?t "
            r"(?:start|clamp|run|cut|turn)|doesn'?t (?:start|run|work)|tripped|crashed|"
            r"shut (?:it |\w+ )?down|locked out|out of order|out of service|dead|failed at|"
            r"out for|[\w-]+ down(?=\s*[,.;!\n]|\s*$)|crash(?:ed)?",
            3.0,
        ),
        (r"alarm|fault|error|failure|malfunction|repair|lost pressure|leaking from", 2.0),
        (
            r"stopped working|not working|won'?t work|jammed|stuck|overheat(?:ing|ed)?|"
            r"oil leak|leaking oil|power failure|no power|blown fuse|error code|e-?stop|"
            r"emergency stop|out of action|stalled|seized",
            2.5,
        ),
        (
            r"no va|atascad[oa]|se ha parado|se quedo parada|sobrecalentamiento|"
            r"fuga de aceite|no enciende|paro de maquina",
            2.5,
        ),
        (
            r"klemmt|blockiert|uberhitzt|olverlust|leckage|kein strom|not-?aus|fehlercode|"
            r"geht nicht mehr|springt nicht an|abgeschaltet",
            2.5,
        ),
        (r"maintenance|technician|spindle|breakdown|stop|stoppage|wartung", 1.5),
        (
            r"parad[oa]s?|averia(?:do|da)?|no funciona|no arranca|no corta|no baja|"
            r"se (?:rompio|paro|para)|rot[oa]|perdio presion|fallo|falla",
            3.0,
        ),
        (r"alarma|error|mantenimiento|tecnico", 1.5),
        (
            r"steht|stehen|stillstand|ausgefallen|ausfall|defekt|storung|kaputt|"
            r"lauft nicht|geht nicht|au" + _S + r"er betrieb|verloren",
            3.0,
        ),
        (r"alarm|fehlermeldung|fehler|reparatur|instandhaltung", 1.5),
        (
            r"wieder in betrieb|lauft wieder|back running|running again|back up(?: and running)?|"
            r"fixed|up and running|colgad[oa]|se colgo|reinici\w+|restart(?:ed)?|reboot(?:ed)?|"
            r"neu gestartet|hangs|hung|frozen|eingefroren|hangt|"
            r"repaired|repariert|reparad[oa]|funciona de nuevo|vuelve a funcionar",
            2.0,
        ),
    ),
    "quality_hold": _cues(
        (
            r"quality hold|qa hold|qc hold|on quality hold|quarantine|quarantaine|"
            r"block the lot|hold (?:the )?(?:lot|batch|remaining|rest|order)|hold please",
            2.5,
        ),
        (r"on hold", 1.5),
        (
            r"reject(?:ed|s|ion)?|non-?conform(?:ance|ing|ity)?|ncr|out of (?:spec|tolerance)|"
            r"below spec|above spec|defects?|defective|cracks?|cracked|porosity|burrs?|"
            r"scratch(?:es|ed)?|dents?|thread damage|failed (?:the )?(?:\d+ bar )?"
            r"(?:pressure )?(?:test|inspection)|adhesion|hardness|incoming inspection|"
            r"doesn'?t match|too short|too long|complaint|"
            r"(?<!coolant )(?<!oil )(?<!hydraulic )leak(?:s|ing)?(?! from)|"
            r"wrong (?:\w+ )?(?:length|size|diameter|thread|colou?r|material|part)s?|"
            r"falsche (?:lange|gro"
            + _S
            + r"e|ma"
            + _S
            + r"e)|medida incorrecta|longitud incorrecta|"
            r"quality (?:report|problem|issue)|8d",
            2.0,
        ),
        (r"quality|qa|qc|inspection|cert(?:ificate)?|wrong", 1.0),
        (
            r"nok|not ok|n\.?o\.?k|off spec|bad parts|rework|deviation|oversize|undersize|"
            r"rust(?:y)?|corrosion|contaminat\w+|wrong material|mixed up|mislabel\w*|"
            r"don'?t ship|stop (?:the )?shipment|customer complaint",
            2.0,
        ),
        (
            r"fuera de medida|defectuos[oa]s?|retrabajo|desviacion|oxidad[oa]s?|corrosion|"
            r"reclamacion|devolucion|no enviar",
            2.0,
        ),
        (
            r"nacharbeit|abweichung|ma" + _S + r"abweichung|ubermass|untermass|rost|"
            r"korrosion|verunreinigt|falsches material|verwechselt|rucksendung|"
            r"nicht versenden|sperrlager|q-sperre",
            2.0,
        ),
        (
            r"retener|retenid[oa]s?|bloquear|bloquead[oa]s?|bloqueo|rechaz(?:o|a|an|ad[oa]s?)|"
            r"no conformes?|fuera de tolerancia|defectos?|grietas?|poros|golpes|"
            r"cuarentena|(?:la|el|los|las) \w+ mal|apartad[oa]s?",
            2.5,
        ),
        (r"calidad|inspeccion", 1.5),
        (
            r"sperren|gesperrt|sperrung|sperre|reklamation|ausschuss|n\.?\s?i\.?\s?o|"
            r"nicht i\.?\s?o|au" + _S + r"er toleranz|riefen|risse|lunker|poren|"
            r"blattert ab|haftung|undicht|falsche",
            2.5,
        ),
        (r"qualitat|qs|wareneingangsprufung|prufung", 1.5),
    ),
    "order_change_qty": _cues(
        (
            r"(?:change|new|revised|reduce|increase)\w* (?:the )?(?:quantity|qty)|qty \d+|"
            r"quantity (?:from|to|change|reduction|increase|\d+)|more units|additional units|"
            r"units instead|pieces instead|"
            r"increase(?:d)? (?:\w+ )?(?:by|to|on)|reduce(?:d)? (?:\w+ )?(?:by|to|from)|"
            r"cancel(?:s|led)? \d+|cut to \d+|revised their call-off|from \d+ to \d+|"
            r"\d+ instead of \d+|\d+\s*->\s*\d+",
            3.0,
        ),
        (r"increase|reduc(?:e|ed|tion)|additional|quantity|qty", 1.5),
        (
            r"\d+ (?:\w+ )?(?:en total|in total)|insgesamt \d+|\(?(?:so )?\d+ in total\)?|"
            r"total(?: of)? \d+|\d+ more|\d+ mas|\d+ mehr|add \d+|anadir \d+|\d+ weitere",
            2.5,
        ),
        (
            r"(?:add|extra|more|fewer|less) \d+ (?:pcs|pieces|units)|increase to \d+|"
            r"decrease (?:to|by) \d+|lower the (?:qty|quantity)|cut the order",
            3.0,
        ),
        (
            r"cambiar la cantidad|aumentar a \d+|reducir a \d+|bajar a \d+|subir a \d+|"
            r"\d+ unidades (?:mas|menos)",
            3.0,
        ),
        (
            r"menge (?:erhohen|reduzieren|andern)|stuckzahl andern|mehrmenge|mindermenge|"
            r"aufstocken|\d+ (?:stuck )?(?:mehr|weniger)",
            3.0,
        ),
        (
            r"cantidad|aumenta(?:r)?|reducir|reduce|pasa de \d+ a \d+|\d+ \w+ en vez de \d+|"
            r"en vez de \d+|\d+ (?:unidades )?mas|ahora son \d+|unidades mas",
            3.0,
        ),
        (
            r"menge(?:nanderung)?|stuckzahl|erhohen|erhoht|reduzieren|reduziert|statt \d+|"
            r"von \d+ auf \d+|nur noch \d+ statt|auf \d+ (?:stuck )?(?:erhohen|reduzieren)",
            3.0,
        ),
    ),
    "order_change_date": _cues(
        (
            r"due date|delivery date|promise date|postpone(?:d|ment)?|pull(?:ed)? in|"
            r"push(?:ed)? out|"
            r"reschedul\w*|new date|moved? (?:\w+ )?(?:to|from) (?:\w+ )?\d+|"
            r"moves? from|moved the|accept delivery|deliver (?:\w+ ){0,6}(?:on|by) |"
            r"earlier delivery|later delivery|a week later|a week earlier|is late",
            3.0,
        ),
        (r"deliver(?:y)?|earlier|later|delay|fruher|spater", 1.5),
        (
            r"(?:mov(?:e|es|ed|ing)|push(?:ed)?|pull(?:ed)?|shift(?:ed)?|verschieb\w*|"
            r"verleg\w*|mover|movid[oa]|pasa(?:r)?|cambia(?:r)?)\b[^.\n]{0,40}?\b"
            r"(?:to|auf|al|a|for|para)\s+(?:the\s+|den\s+|el\s+)?(?:\d|mon|tue|wed|thu|fri|"
            r"sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|kw|cw|week|next|lunes|"
            r"martes|miercoles|jueves|viernes|sabado|montag|dienstag|mittwoch|donnerstag|"
            r"freitag|samstag|ende|end|enero|febrero|diciembre|januar|dezember)\w*",
            3.0,
        ),
        (
            r"bring (?:it |them )?forward|move (?:it |them )?up|push (?:it |them )?back|"
            r"later date|earlier date|needs? (?:it|them) (?:by|on)|change the date|"
            r"cambiar la fecha|nueva fecha|fecha de entrega|terminverschiebung|wunschtermin|"
            r"fruher liefern|spater liefern",
            3.0,
        ),
        (r"adelantar|retrasar|retrasa|posponer|aplazar|pasa al|nueva fecha", 3.0),
        (r"fecha|retraso|la entrega|antes|despues|mas tarde|mas pronto", 1.5),
        (
            r"earliest|at the earliest|fruhestens|como muy pronto|not before|nicht vor|"
            r"no antes del?|can'?t take|cannot take|no pueden recibir|schon am|bereits am|"
            r"nicht erst",
            2.5,
        ),
        (
            r"verschieben|verschoben|verschiebt|vorgezogen|vorziehen|spater|fruher|"
            r"erst ubermorgen|neuer termin|neuer liefertermin",
            3.0,
        ),
        (r"termin|liefertermin", 1.5),
    ),
    "order_change_spec": _cues(
        (
            r"spec(?:ification)? change|change of (?:the )?spec(?:ification)?|engineering change|"
            r"ecn|eco|new drawing|drawing change|new revision|"
            r"colou?r change|change (?:the )?colou?r|(?:in|to) ral \d+|"
            r"customer spec\w*|updated spec\w*|new spec\w*|new bom|neue stuckliste|"
            r"nueva lista de materiales",
            3.0,
        ),
        (
            r"spec(?:ification)?s?|drawing|revision|rev(?:ision)?\.? [a-z]|colou?r|ral|bom|"
            r"version|variant|different",
            1.0,
        ),
        (
            r"cambio de especificacion|especificacion|cambio de plano|nuevo plano|"
            r"nueva revision|revision [a-z]|rev\. [a-z]|cambia(?:r)? el color|cambio de color|"
            r"a ral \d+|modificacion tecnica|nueva version",
            3.0,
        ),
        (r"plano|color|version|variante", 1.0),
        (
            r"zeichnungsanderung|anderungsindex|neuer index|index [a-z]|spezifikation|"
            r"ausfuhrung|farbanderung|farbe andern|auf ral \d+|neue version|variante",
            3.0,
        ),
        (r"zeichnung|farbe|anderung", 1.0),
        (
            r"design change|modification|modified|revised drawing|different colou?r|"
            r"new version|cambio de diseno|modificacion|otro color|konstruktionsanderung|"
            r"anderungsstand|geanderte zeichnung|andere farbe",
            3.0,
        ),
    ),
    "priority_shift": _cues(
        (
            r"priority|prioriti[sz]e|top priority|first|top of (?:the )?\w+ queue|bump|"
            r"expedite|ahead of|jump the queue|swap|resequence|move \w+ behind|"
            r"can wait|run \w+-?\d* instead|sequence",
            2.5,
        ),
        (
            r"(?:before|ahead of|after|behind|vor|nach|antes de|antes que|despues de)\s+"
            r"(?:the\s+|la\s+|el\s+|der\s+|die\s+|den\s+)?(?:[\w-]+\s+){0,2}"
            r"(?:job|jobs|wo|ot|fa|order|auftrag|orden)",
            2.5,
        ),
        (r"before|behind|next in line", 1.0),
        (
            r"prioridad|priorizar|priorizadla|primero|antes que|delante|cambiad el orden|"
            r"va antes",
            3.0,
        ),
        (r"prioritat|vorrang|zuerst|tauschen|umplanung|dann erst|vorziehen|hochste", 3.0),
        (r"asap|urgent|dringend|urgente", 0.5),
        (
            r"rush|hot job|next up|before anything else|drop everything|reprioriti[sz]e|"
            r"lo primero|prioritari[oa]|por delante|meter antes|als nachstes|priorisieren|"
            r"eilauftrag|vor allen anderen",
            2.5,
        ),
    ),
    "substitute_material": _cues(
        (r"substitut\w*|alternative|equivalent|as an alternative|replace(?:ment)? with", 3.5),
        (
            r"can we (?:use|fit|cut|take)|ok to use|use \w+(?:-\w+)* (?:\w+ )?instead|"
            r"instead of the|from \w+-\w+(?:-\w+)* instead",
            2.5,
        ),
        (
            r"sustitu\w+|alternativo|alternativa|equivalente|reemplazar|podemos usar|"
            r"usar (?:\w+ )?en lugar de|en lugar de la",
            3.0,
        ),
        (
            r"ersatzmaterial|ersatzwerkstoff|ersatztyp|als ersatz|ersatzweise|alternativ\w*|"
            r"gleichwertig\w*|ersetzen|stattdessen|anstelle|sonderfreigabe",
            3.0,
        ),
        (r"alternate (?:material|part)|concession|en su lugar|reemplazo", 3.0),
        (
            r"(?:can we|could we|konnen wir|durfen wir|podemos|se puede)[^.?!\n]{0,80}?"
            r"(?:instead|statt|anstatt|en lugar|en vez|nehmen|verwenden|usar|use)",
            3.0,
        ),
        (
            r"same spec(?:ification)?|gleiche spezifikation|misma especificacion|same material|"
            r"gleiches material|mismo material",
            2.5,
        ),
        (
            r"(?:instead of|statt|anstatt|en lugar del?|en vez del?)"
            r"(?= (?!\d|morgen|heute|ubermorgen|manana|hoy|today|tomorrow|next|nachste|"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|"
            r"freitag|samstag|sonntag|lunes|martes|miercoles|jueves|viernes|sabado|domingo|"
            r"kw|week|semana|woche)\D)",
            1.5,
        ),
    ),
    "other": _cues(
        (
            r"can someone|can anyone|does anyone|who has|anyone know|please send|send me|"
            r"where do i|where is|please confirm|confirm receipt|bitte bestatigen|wer hat|"
            r"wer kann|weiss jemand|alguien sabe|alguien tiene|por favor confirm\w*|"
            r"pls look|please look|please check|bitte (?:mal )?(?:anschauen|prufen|nachsehen)|"
            r"por favor revis\w+|running but|still running|lauft noch|sigue funcionando|"
            r"funciona pero|do we have",
            2.5,
        ),
        (
            r"(?:wer|welche[rsnm]?|wo(?= [a-z])|wann|who|which|what|where|when|quien|cual(?:es)?|"
            r"donde|cuando)\b[^?\n]{0,120}\?",
            2.0,
        ),
        (
            r"noise|ruido|gerausch|anschauen|check before|revisar antes|heating|heizung|"
            r"calefaccion|roof|dach|toilet|aircon|klimaanlage",
            2.0,
        ),
        (
            r"question|visit\w*|audit\w*|safety|spill\w*|injur\w+|"
            r"accident|forklift|crane|lights?|shift|staff|sick|calibrat\w+|"
            r"tolerance|training",
            1.5,
        ),
        (
            r"alguien|pregunta|consulta|derram\w+|cuidado|seguridad|accidente|visita|"
            r"auditoria|carretilla|grua|calefaccion|turno|personal|enferm[oa]|calibr\w+|"
            r"tolerancia|formacion",
            1.5,
        ),
        (
            r"wer hat|wer kann|frage|besuch|audit|sicherheit|unfall|stapler\w*|kran|heizung|"
            r"schicht|personal|krank|kalibrier\w*|toleranz|schulung",
            1.5,
        ),
    ),
}

# Not an exception: what the message is, as its archive reason.
NOT_EXCEPTION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(rf"(?<![\w])(?:{pattern})(?![\w])"))
    for reason, pattern in (
        (
            "newsletter",
            r"unsubscribe|newsletter|view this email in your browser|webinar|"
            r"register now|manage preferences|darse de baja|boletin|abmelden|"
            r"you receive this email|% off|special offer|rabatt|oferta especial|descuento",
        ),
        (
            "out of office",
            r"out of office|abwesenheit\w*|nicht im buro|fuera de la oficina|"
            r"automatic reply|automatische antwort|respuesta automatica",
        ),
        (
            "lunch or social",
            r"lunch|pizza|mittagessen|kantine|almuerzo|cumpleanos|birthday|"
            r"geburtstag|bowling|weihnachtsfeier|cena de navidad|christmas party|tarta|cake|"
            r"kaffee|coffee|buen finde|schones wochenende|nice weekend|vacaciones|urlaubs?\w*|"
            r"party|feier|fiesta|cena de empresa|comida de empresa|betriebsausflug|afterwork|"
            r"drinks|merry christmas|frohe weihnachten|feliz navidad|happy new year|"
            r"guten rutsch|feliz ano|payslip|lohnabrechnung|nomina",
        ),
        (
            "thanks",
            r"thanks|thank you|danke|gracias|great job|gute arbeit|buen trabajo|"
            r"well done",
        ),
        (
            "meeting",
            r"reunion|meeting|besprechung|jour fixe|townhall|all-hands|inventory count|"
            r"inventur|inventario",
        ),
        (
            "no action",
            r"no action|nothing for production|nichts dringendes|no interesa|"
            r"not our problem|all good|todo listo|has shipped|track package|has been shipped|"
            r"shipping notification|tracking number|versandbestatigung|sendungsverfolgung|"
            r"numero de seguimiento|ha sido enviado|ya no falta|"
            r"ya no|anymore|nicht mehr notig",
        ),
    )
)

# "The date stays", "same quantity": that field is not what changes.
_UNCHANGED = {
    "order_change_date": re.compile(
        r"(?<![\w])(?:(?:delivery )?date (?:stays|remains|unchanged)|same (?:delivery )?date|"
        r"delivery date unchanged|la fecha se mantiene|misma fecha|termin bleibt|"
        r"liefertermin bleibt|gleicher termin)(?![\w])"
    ),
    "order_change_qty": re.compile(
        r"(?<![\w])(?:quantity (?:stays|remains|unchanged)|same quantity|misma cantidad|"
        r"la cantidad se mantiene|menge bleibt|gleiche menge)(?![\w])"
    ),
}

_NEGATION = re.compile(
    r"(?<![\w])(?:no|not|kein|keine|keinen|keiner|nicht|ohne|sin|ni|never|nie|nunca|"
    r"no more|ya no)\s+(?:\w+\s+)?$"
)
_CRITICAL = re.compile(
    r"(?<![\w])(?:critical|kritisch|critico|line down|line stopped|production stopped|"
    r"whole hall|all machines|bandstillstand|produccion parada|parada en montaje|"
    r"nicht mehr zu halten|customer line down)(?![\w])"
)
_URGENT = re.compile(
    r"(?<![\w])(?:urgent|urgente|urgentemente|dringend|asap|sofort|ab sofort|immediately|"
    r"inmediato|cuanto antes|eilig|right away|today|tonight|hoy|heute|top priority|"
    r"prioridad maxima|hochste prioritat|escalated|escalado|ha escalado|escalated|"
    r"at risk|gefahrdet|se para|is stopped|stopped|parada|steht|"
    r"!!)(?![\w])|!!"
)
_LOW = re.compile(
    r"(?<![\w])(?:fyi|for the record|no rush|keine eile|sin prisa|can wait|when you can|"
    r"back running|running again|wieder in betrieb|lauft wieder|no open issue|"
    r"reminder|recordatorio|already approved|ya lo aprobo|no hurry)(?![\w])"
)


@dataclass(frozen=True)
class Cue:
    type: str
    start: int
    end: int
    weight: float
    negated: bool
    pattern: int  # which of the type's patterns


@dataclass(frozen=True)
class Classification:
    type: str
    confidence: float
    urgency: str
    cues: tuple[Cue, ...]
    reason: str | None  # why a message is not an exception


def _negated(folded: str, start: int) -> bool:
    return bool(_NEGATION.search(folded[max(0, start - 24) : start]))


def find_cues(folded: str) -> list[Cue]:
    found: list[Cue] = []
    for kind, patterns in CUES.items():
        taken: list[tuple[int, int]] = []
        for number, (pattern, weight) in enumerate(patterns):
            for m in pattern.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                negated = _negated(folded, m.start())
                found.append(Cue(kind, m.start(), m.end(), weight, negated, number))
    return sorted(found, key=lambda c: c.start)


_STAFF = re.compile(
    r"(?<![\w])(?:operators?|workers?|drivers?|people|staff|fahrer|staplerfahrer|mitarbeiter|"
    r"kollegen?|personal|operari[oa]s?|conductor(?:es)?|gente)(?![\w])"
)
_MACHINE = re.compile(r"(?<![\w])(?:machine|maschine|maquina|anlage|equipo|equipment)(?![\w])")


def _sentence(folded: str, start: int, end: int) -> str:
    left = max(folded.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (folded.find(c, end) for c in ".!?\n") if i >= 0]
    return folded[left : min(rights) if rights else len(folded)]


def classify(
    folded: str,
    *,
    names_plant_things: bool,
    names_work_center: bool = False,
    names_supplier: bool = False,
    names_customer: bool = False,
    changes_a_date: bool = False,
) -> Classification:
    """The type of a message's folded reading (urgency: see `urgency`).

    Besides its words: a supplier named without a customer leans to a shortage (their
    late or short delivery), and a date given for another ("auf Y statt X", "from X to
    Y") says a date changes: the order's, or, from a supplier, their delivery's."""
    cues = find_cues(folded)
    scores = dict.fromkeys(EXCEPTION_TYPES, 0.0)
    counted: set[tuple[str, int]] = set()
    said: set[tuple[str, str]] = set()
    negated = 0.0
    for cue in cues:
        words = folded[cue.start : cue.end]
        if (cue.type, words) in said:
            continue  # the same words twice count once
        said.add((cue.type, words))
        # Another cue of the same pattern adds half: "rev A ... rev C" is one thing.
        weight = cue.weight / 2 if (cue.type, cue.pattern) in counted else cue.weight
        counted.add((cue.type, cue.pattern))
        kind = cue.type
        if kind == "shortage" and _STAFF.search(_sentence(folded, cue.start, cue.end)):
            kind = "other"  # people missing, not material
        if cue.negated:
            negated += weight
        else:
            scores[kind] += weight
    if not names_work_center and not _MACHINE.search(folded):
        scores["downtime"] /= 2  # stopped, but no machine named: a consequence, not the cause
    from_supplier = names_supplier and not names_customer
    if from_supplier and scores["shortage"] > 0:
        scores["shortage"] += 2.0
    if changes_a_date:
        scores["shortage" if from_supplier else "order_change_date"] += 2.5
    for kind, pattern in _UNCHANGED.items():
        if pattern.search(folded):
            scores[kind] = max(0.0, scores[kind] - 4.0)
    reasons = [reason for reason, pattern in NOT_EXCEPTION_CUES if pattern.search(folded)]
    exception_types = [t for t in EXCEPTION_TYPES if t not in ("other", "not_an_exception")]
    best = max(exception_types, key=lambda t: (scores[t], -EXCEPTION_TYPES.index(t)))
    top = scores[best]
    strong_reason = next((r for r in reasons if r not in ("thanks", "no action", "meeting")), None)
    if strong_reason and top < 5.0:
        return _result("not_an_exception", 0.8, cues, strong_reason)
    if top < 2.0 and reasons:
        return _result("not_an_exception", 0.7, cues, reasons[0])
    if top < 2.0 and negated >= 2.0:
        return _result("not_an_exception", 0.7, cues, "says there is no problem")
    if scores["other"] > top or (scores["other"] > 0 and top < 1.5):
        return _result("other", 0.6, cues, None)
    if top < 1.5:
        if names_plant_things:
            return _result("other", 0.5, cues, None)
        return _result("not_an_exception", 0.5, cues, "nothing about the plan")
    ranked = sorted(scores[t] for t in exception_types)
    margin = top - ranked[-2] if len(ranked) > 1 else top
    confidence = round(min(0.95, 0.5 + 0.05 * top + 0.1 * margin), 2)
    return _result(best, confidence, cues, None)


def _result(kind: str, confidence: float, cues: list[Cue], reason: str | None) -> Classification:
    return Classification(kind, confidence, "normal", tuple(cues), reason)


_BLOCKED = re.compile(
    r"(?<![\w])(?:ran out|run out|out of stock|no \w+(?: \w+)? left|stock shows 0|0 on hand|"
    r"can'?t|cannot|can not|konnen nicht|kann nicht|no podemos|no puedo|blocked|blockiert|"
    r"se acabo|quedado sin|ist alle|sind alle|no llegaron|no llego|expedite|vorrang|"
    r"prioridad maxima|hochste prioritat|top priority|escalated|ha escalado)(?![\w])"
)


def urgency(folded: str, kind: str, *, names_order: bool = True) -> str:
    """low / normal / high / critical, from the type and the message's words."""
    if kind == "not_an_exception":
        return "low"
    if _CRITICAL.search(folded):
        return "critical"
    if _LOW.search(folded):
        return "low"
    if kind == "downtime" or _URGENT.search(folded):
        return "high"
    if kind == "quality_hold":
        return "high" if names_order else "normal"  # a lot on hold blocks no order yet
    if kind in ("shortage", "priority_shift") and _BLOCKED.search(folded):
        return "high"
    return "normal"
