<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>pinned by {by}: {reason}</source>
        <translation>oben fixiert von {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before by {by}: {reason}</source>
        <translation>vorgezogen von {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after by {by}: {reason}</source>
        <translation>nach hinten verschoben von {by}: {reason}</translation>
    </message>
    <message>
        <source>held by {by}: {reason}</source>
        <translation>gesperrt von {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before {target} by {by}: {reason}</source>
        <translation>vor {target} eingereiht von {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after {target} by {by}: {reason}</source>
        <translation>hinter {target} eingereiht von {by}: {reason}</translation>
    </message>
    <message>
        <source>pinned by {by} at {at}: {reason}</source>
        <translation>oben fixiert von {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved before by {by} at {at}: {reason}</source>
        <translation>vorgezogen von {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved after by {by} at {at}: {reason}</source>
        <translation>nach hinten verschoben von {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>held by {by} at {at}: {reason}</source>
        <translation>gesperrt von {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>processing_min</source>
        <translation>Bearbeitung (min)</translation>
    </message>
    <message>
        <source>slack_min</source>
        <translation>Puffer (min)</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>setup_min</source>
        <translation>Rüsten (min)</translation>
    </message>
    <message>
        <source>setup_factor</source>
        <translation>Rüstfaktor</translation>
    </message>
    <message>
        <source>critical_ratio</source>
        <translation>kritisches Verhältnis</translation>
    </message>
    <message>
        <source>due_in_h</source>
        <translation>fällig in (h)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>{work_order} · op {seq}</source>
        <translation>{work_order} · AG {seq}</translation>
    </message>
    <message>
        <source>{done} / {total}</source>
        <comment>done of the quantity</comment>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>stock order</source>
        <translation>Lagerauftrag</translation>
    </message>
    <message>
        <source>{customer} ({priority_class})</source>
        <translation>{customer} ({priority_class})</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>LÄUFT</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>BEREIT</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>WARTET</translation>
    </message>
    <message>
        <source>NO MATERIAL</source>
        <translation>KEIN MATERIAL</translation>
    </message>
    <message>
        <source>MACHINE DOWN</source>
        <translation>MASCHINENSTÖRUNG</translation>
    </message>
    <message>
        <source>ON HOLD</source>
        <translation>GESPERRT</translation>
    </message>
    <message>
        <source>IDLE</source>
        <translation>LEERLAUF</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>STÖRUNG</translation>
    </message>
    <message>
        <source>NO SIGNAL</source>
        <translation>KEIN SIGNAL</translation>
    </message>
    <message>
        <source>SIGNAL LOST</source>
        <translation>SIGNAL VERLOREN</translation>
    </message>
    <message>
        <source>PLANNED STOP</source>
        <translation>GEPLANTER STILLSTAND</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>waiting for an earlier operation</source>
        <translation>wartet auf einen vorherigen Arbeitsgang</translation>
    </message>
    <message>
        <source>blocked: material short</source>
        <translation>blockiert: Material fehlt</translation>
    </message>
    <message>
        <source>blocked: machine down</source>
        <translation>blockiert: Maschinenstörung</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>OVERDUE {span}</source>
        <translation>ÜBERFÄLLIG {span}</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>Ausweis scannen</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was ist passiert</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Substitute material</source>
        <translation>Ersatzmaterial</translation>
    </message>
    <message>
        <source>Work center</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Arbeitsgang</translation>
    </message>
    <message>
        <source>Move relative to</source>
        <translation>Einreihen relativ zu</translation>
    </message>
    <message>
        <source>Good quantity</source>
        <translation>Gutmenge</translation>
    </message>
    <message>
        <source>Scrap quantity</source>
        <translation>Ausschussmenge</translation>
    </message>
    <message>
        <source>Downtime reason</source>
        <translation>Stillstandsgrund</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Verwendungsentscheid</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>Wartet auf</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Ausweis</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>Zuordnungsregeln</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Was wurde geändert</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Neuer Wert</translation>
    </message>
    <message>
        <source>New priority</source>
        <translation>Neue Priorität</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>{label} is missing</source>
        <translation>{label} fehlt</translation>
    </message>
    <message>
        <source>{label} is missing: {rest}</source>
        <translation>{label} fehlt: {rest}</translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation>{label}: {problem}</translation>
    </message>
    <message>
        <source>That did not work because of an internal error; it was logged for support.</source>
        <translation>Das hat wegen eines internen Fehlers nicht funktioniert; der Fehler wurde für den Support protokolliert.</translation>
    </message>
    <message>
        <source>or log in with your employee number and PIN</source>
        <translation>oder mit Personalnummer und PIN anmelden</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>Personalnr.</translation>
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
        <translation>Arbeitsvorrat</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Leitstand</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>Werk</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Gesehen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Arbeit beginnen</translation>
    </message>
    <message>
        <source>Waiting on…</source>
        <translation>Wartet auf…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Neu zuweisen…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Lösen…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Wieder öffnen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Acknowledge task</source>
        <translation>Aufgabe quittieren</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Aufgabe erledigt</translation>
    </message>
    <message>
        <source>My functions&apos; tasks</source>
        <translation>Aufgaben meiner Funktionen</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Inbox · {name} ({roles})</source>
        <translation>Eingang · {name} ({roles})</translation>
    </message>
    <message>
        <source>The inbox could not be read; it will try again.</source>
        <translation>Der Eingang konnte nicht gelesen werden; es wird erneut versucht.</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>Nothing to do: no open exception belongs to {name} or to {roles}, and none was escalated to them.</source>
        <translation>Nichts zu tun: Keine offene Meldung ist {name} oder {roles} zugeordnet, und keine wurde dorthin eskaliert.</translation>
    </message>
    <message numerus="yes">
        <source>%n open exception(s) belong to other functions.</source>
        <translation>
            <numerusform>%n offene Meldung gehört zu anderen Funktionen.</numerusform>
            <numerusform>%n offene Meldungen gehören zu anderen Funktionen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No task is waiting for these functions either.</source>
        <translation>Auch für diese Funktionen wartet keine Aufgabe.</translation>
    </message>
    <message>
        <source>NEW {kind} at {where}: {summary}</source>
        <translation>NEU – {kind} an {where}: {summary}</translation>
    </message>
    <message>
        <source>NEW {kind}: {summary}</source>
        <translation>NEU – {kind}: {summary}</translation>
    </message>
    <message>
        <source>{text} (+{n} more)</source>
        <translation>{text} (+{n} weitere)</translation>
    </message>
    <message>
        <source>acknowledged “{summary}”</source>
        <translation>„{summary}“ quittiert</translation>
    </message>
    <message>
        <source>started work on “{summary}”</source>
        <translation>Arbeit an „{summary}“ begonnen</translation>
    </message>
    <message>
        <source>closed “{summary}”</source>
        <translation>„{summary}“ geschlossen</translation>
    </message>
    <message>
        <source>acknowledged the task</source>
        <translation>Aufgabe quittiert</translation>
    </message>
    <message>
        <source>finished the task</source>
        <translation>Aufgabe erledigt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>e.g. spare pump from supplier</source>
        <translation>z. B. Ersatzpumpe vom Lieferanten</translation>
    </message>
    <message>
        <source>“{summary}” waits on {waiting_on}</source>
        <translation>„{summary}“ wartet auf {waiting_on}</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Neu zuweisen</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Person (user id)</source>
        <translation>Person (Benutzer-ID)</translation>
    </message>
    <message>
        <source>e.g. needs a decision on overtime</source>
        <translation>z. B. Entscheidung über Überstunden nötig</translation>
    </message>
    <message>
        <source>reassigned “{summary}” to {role}</source>
        <translation>„{summary}“ neu zugewiesen an {role}</translation>
    </message>
    <message>
        <source>what was decided and done</source>
        <translation>was entschieden und getan wurde</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Releasing held material is quality&apos;s decision.</source>
        <translation>Über die Freigabe gesperrten Materials entscheidet die Qualitätssicherung.</translation>
    </message>
    <message>
        <source>resolved “{summary}”</source>
        <translation>„{summary}“ gelöst</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>what recurred</source>
        <translation>was erneut aufgetreten ist</translation>
    </message>
    <message>
        <source>reopened “{summary}”</source>
        <translation>„{summary}“ wieder geöffnet</translation>
    </message>
    <message>
        <source>Postings</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>nobody logged in</source>
        <translation>niemand angemeldet</translation>
    </message>
    <message>
        <source>terminal {name}</source>
        <translation>Terminal {name}</translation>
    </message>
    <message>
        <source>local database only</source>
        <translation>nur lokale Datenbank</translation>
    </message>
    <message>
        <source>The language of your screens: {name}</source>
        <translation>Die Sprache Ihrer Bildschirme: {name}</translation>
    </message>
    <message>
        <source>Your language was not saved: it is used on this terminal until you log out.</source>
        <translation>Ihre Sprache wurde nicht gespeichert: Sie gilt an diesem Terminal, bis Sie sich abmelden.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet: it is loading it from the server.</source>
        <translation>Dieses Terminal hat noch keine Werksdaten: Sie werden vom Server geladen.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet. Connect it to a Takt server (takt terminal --server URL) or try the demo plant (takt demo).</source>
        <translation>Dieses Terminal hat noch keine Werksdaten. Verbinden Sie es mit einem Takt-Server (takt terminal --server URL) oder probieren Sie das Demo-Werk aus (takt demo).</translation>
    </message>
    <message>
        <source>Logged out: nobody used this terminal for a while.</source>
        <translation>Abgemeldet: Dieses Terminal wurde eine Weile nicht benutzt.</translation>
    </message>
    <message>
        <source>The scan could not be checked; try again.</source>
        <translation>Der Scan konnte nicht geprüft werden; bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>{code}: confirm this job first</source>
        <translation>{code}: zuerst diesen Arbeitsgang rückmelden</translation>
    </message>
    <message>
        <source>badge {badge} is already given to {name}</source>
        <translation>Ausweis {badge} ist bereits {name} zugeordnet</translation>
    </message>
    <message>
        <source>unknown person {user}</source>
        <translation>unbekannte Person {user}</translation>
    </message>
    <message>
        <source>PIN login does not work on this terminal: it holds no PIN key from its server (a copied or restored terminal, or a reset keyring). Scan your badge; an administrator can enroll this terminal again</source>
        <translation>PIN-Anmeldung funktioniert an diesem Terminal nicht: Es hat keinen PIN-Schlüssel von seinem Server (ein kopiertes oder wiederhergestelltes Terminal oder ein zurückgesetzter Schlüsselbund). Scannen Sie Ihren Ausweis; ein Administrator kann dieses Terminal erneut registrieren</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} try left before a {minutes}-minute lock</source>
        <translation>Personalnummer oder PIN ist falsch: noch {left} Versuch bis zur Sperre für {minutes} Minuten</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} tries left before a {minutes}-minute lock</source>
        <translation>Personalnummer oder PIN ist falsch: noch {left} Versuche bis zur Sperre für {minutes} Minuten</translation>
    </message>
    <message>
        <source>this terminal holds no PIN key from its server, so it cannot set PINs; enroll the terminal again (takt enroll)</source>
        <translation>dieses Terminal hat keinen PIN-Schlüssel von seinem Server und kann daher keine PINs setzen; registrieren Sie das Terminal erneut (takt enroll)</translation>
    </message>
    <message>
        <source>already given to {name}</source>
        <translation>bereits {name} zugeordnet</translation>
    </message>
    <message>
        <source>scan a badge or type its number</source>
        <translation>Ausweis scannen oder Nummer eingeben</translation>
    </message>
    <message>
        <source>badge {badge} is not enrolled</source>
        <translation>Ausweis {badge} ist nicht registriert</translation>
    </message>
    <message>
        <source>enter your employee number</source>
        <translation>Personalnummer eingeben</translation>
    </message>
    <message>
        <source>too many wrong PINs: try again in {minutes} min or scan your badge</source>
        <translation>zu viele falsche PINs: in {minutes} min erneut versuchen oder Ausweis scannen</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong {failures} times in a row: PIN login for {user} is locked for {minutes} min; scan your badge</source>
        <translation>Personalnummer oder PIN {failures}-mal in Folge falsch: PIN-Anmeldung für {user} ist für {minutes} min gesperrt; Ausweis scannen</translation>
    </message>
    <message>
        <source>Absent, not covered</source>
        <translation>Abwesend, keine Vertretung</translation>
    </message>
    <message>
        <source>Bearing or spindle</source>
        <translation>Lager oder Spindel</translation>
    </message>
    <message>
        <source>Break or meeting</source>
        <translation>Pause oder Besprechung</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Ausfall</translation>
    </message>
    <message>
        <source>Broken tool</source>
        <translation>Werkzeugbruch</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>Umrüsten</translation>
    </message>
    <message>
        <source>Control or program fault</source>
        <translation>Steuerungs- oder Programmfehler</translation>
    </message>
    <message>
        <source>Coolant or lubrication</source>
        <translation>Kühlmittel oder Schmierung</translation>
    </message>
    <message>
        <source>Crash or collision</source>
        <translation>Crash oder Kollision</translation>
    </message>
    <message>
        <source>Customer or order change</source>
        <translation>Kunden- oder Auftragsänderung</translation>
    </message>
    <message>
        <source>Defective material</source>
        <translation>Fehlerhaftes Material</translation>
    </message>
    <message>
        <source>Drawing or specification</source>
        <translation>Zeichnung oder Spezifikation</translation>
    </message>
    <message>
        <source>Drive or motor fault</source>
        <translation>Antriebs- oder Motorfehler</translation>
    </message>
    <message>
        <source>Electrical</source>
        <translation>Elektrik</translation>
    </message>
    <message>
        <source>Fixture or clamp problem</source>
        <translation>Problem mit Vorrichtung oder Spannmittel</translation>
    </message>
    <message>
        <source>Gauge or instrument</source>
        <translation>Messmittel oder Messgerät</translation>
    </message>
    <message>
        <source>Gauge out of calibration</source>
        <translation>Messmittel nicht kalibriert</translation>
    </message>
    <message>
        <source>Guard, door or fixture</source>
        <translation>Schutzhaube, Tür oder Vorrichtung</translation>
    </message>
    <message>
        <source>Hydraulics or pneumatics</source>
        <translation>Hydraulik oder Pneumatik</translation>
    </message>
    <message>
        <source>Inspection method</source>
        <translation>Prüfmethode</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>kein Signal</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>signal lost</source>
        <translation>Signal verloren</translation>
    </message>
    <message>
        <source>planned stop</source>
        <translation>geplanter Stillstand</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NO SIGNAL YET</source>
        <translation>NOCH KEIN SIGNAL</translation>
    </message>
    <message>
        <source>fault {fault}</source>
        <translation>Fehler {fault}</translation>
    </message>
    <message>
        <source>{count} ({duration})</source>
        <translation>{count} ({duration})</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Maschine</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Micro-stops</source>
        <translation>Kurzstopps</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Open downtime</source>
        <translation>Offener Stillstand</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>NOT CONNECTED</source>
        <translation>NICHT VERBUNDEN</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>Source / device</source>
        <translation>Quelle / Gerät</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Last birth</source>
        <translation>Letzte Geburt</translation>
    </message>
    <message>
        <source>Drafts ({n})</source>
        <translation>Entwürfe ({n})</translation>
    </message>
    <message>
        <source>Triage ({n})</source>
        <translation>Klärung ({n})</translation>
    </message>
    <message>
        <source>Archived ({n})</source>
        <translation>Archiviert ({n})</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Paste a message…</source>
        <translation>Nachricht einfügen…</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <source>The messages could not be read; it will try again.</source>
        <translation>Die Nachrichten konnten nicht gelesen werden; es wird erneut versucht.</translation>
    </message>
    <message>
        <source>{type} ({sure} sure)</source>
        <translation>{type} ({sure} sicher)</translation>
    </message>
    <message>
        <source>{status} by {who}: exception raised.</source>
        <translation>{status} von {who}: Meldung erfasst.</translation>
    </message>
    <message>
        <source>Triage: {why}. Link it to a work order or work center.</source>
        <translation>Klärung: {why}. Verknüpfen Sie sie mit einem Fertigungsauftrag oder Arbeitsplatz.</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Verknüpfen…</translation>
    </message>
    <message>
        <source>No drafts: messages that name an order or a machine appear here.</source>
        <translation>Keine Entwürfe: Nachrichten, die einen Auftrag oder eine Maschine nennen, erscheinen hier.</translation>
    </message>
    <message>
        <source>Nothing to triage.</source>
        <translation>Nichts zu klären.</translation>
    </message>
    <message>
        <source>Nothing archived yet.</source>
        <translation>Noch nichts archiviert.</translation>
    </message>
    <message>
        <source>confirmed the message: exception raised</source>
        <translation>Nachricht bestätigt: Meldung erfasst</translation>
    </message>
    <message>
        <source>discarded the draft; the message is kept under Archived</source>
        <translation>Entwurf verworfen; die Nachricht bleibt unter „Archiviert“</translation>
    </message>
    <message>
        <source>made a draft of the message</source>
        <translation>Entwurf aus der Nachricht erstellt</translation>
    </message>
    <message>
        <source>recorded a message taken at the terminal</source>
        <translation>am Terminal aufgenommene Nachricht erfasst</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <source>Seq gaps</source>
        <translation>Seq-Lücken</translation>
    </message>
    <message>
        <source>Rebirths</source>
        <translation>Rebirths</translation>
    </message>
    <message>
        <source>{time}  {topic}: {reason} ({size} bytes)</source>
        <translation>{time}  {topic}: {reason} ({size} Byte)</translation>
    </message>
    <message>
        <source>Source {source} at {broker}</source>
        <translation>Quelle {source} an {broker}</translation>
    </message>
    <message>
        <source>Host application id: {host_id}</source>
        <translation>Host-Anwendungs-ID: {host_id}</translation>
    </message>
    <message>
        <source>{state} since {time}; {losses} connection losses</source>
        <translation>{state} seit {time}; {losses} Verbindungsabbrüche</translation>
    </message>
    <message>
        <source>Quarantined: {total} in all, {own} on no node or device</source>
        <translation>In Quarantäne: {total} insgesamt, {own} ohne Knoten oder Gerät</translation>
    </message>
    <message>
        <source>Edge node {node}</source>
        <translation>Edge-Knoten {node}</translation>
    </message>
    <message>
        <source>bdSeq {bd_seq}; last birth {birth}; last death {death}</source>
        <translation>bdSeq {bd_seq}; letzte Geburt {birth}; letzter Ausfall {death}</translation>
    </message>
    <message>
        <source>{gaps} seq gaps, {rebirths} rebirths requested, {stale} stale deaths ignored</source>
        <translation>Seq-Lücken: {gaps}, angeforderte Rebirths: {rebirths}, ignorierte veraltete Ausfälle: {stale}</translation>
    </message>
    <message>
        <source>Quarantined: {total}</source>
        <translation>In Quarantäne: {total}</translation>
    </message>
    <message>
        <source>Device {device}</source>
        <translation>Gerät {device}</translation>
    </message>
    <message>
        <source>Last birth {birth}; last death {death}</source>
        <translation>Letzte Geburt {birth}; letzter Ausfall {death}</translation>
    </message>
    <message>
        <source>The payloads quarantined are listed under its nodes and devices.</source>
        <translation>Die Nachrichten in Quarantäne stehen bei seinen Knoten und Geräten.</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>operations of a work center</comment>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Ready</source>
        <comment>operations of a work center</comment>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Setup families</source>
        <translation>Rüstfamilien</translation>
    </message>
    <message>
        <source>Maintenance overdue</source>
        <translation>Wartung überfällig</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Material on hold</source>
        <translation>Material gesperrt</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation>Mechanik</translation>
    </message>
    <message>
        <source>Method and process</source>
        <translation>Methode und Prozess</translation>
    </message>
    <message>
        <source>No material</source>
        <translation>Kein Material</translation>
    </message>
    <message>
        <source>No operator</source>
        <translation>Kein Werker</translation>
    </message>
    <message>
        <source>No power or tripped breaker</source>
        <translation>Kein Strom oder Sicherung ausgelöst</translation>
    </message>
    <message>
        <source>Not enough people</source>
        <translation>Zu wenig Personal</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht ermittelt</translation>
    </message>
    <message>
        <source>Not staged at the machine</source>
        <translation>Nicht an der Maschine bereitgestellt</translation>
    </message>
    <message>
        <source>Not staged in time</source>
        <translation>Nicht rechtzeitig bereitgestellt</translation>
    </message>
    <message>
        <source>Not trained for this job</source>
        <translation>Für diesen Arbeitsgang nicht geschult</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Materialmangel</translation>
    </message>
    <message>
        <source>Machine down</source>
        <translation>Maschinenstörung</translation>
    </message>
    <message>
        <source>Quality hold</source>
        <translation>Qualitätssperre</translation>
    </message>
    <message>
        <source>Substitute</source>
        <translation>Ersatzmaterial</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Scan or type a work order</source>
        <translation>Fertigungsauftrag scannen oder eingeben</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>RUNNING NOW</source>
        <translation>LÄUFT JETZT</translation>
    </message>
    <message>
        <source>Confirm quantities</source>
        <translation>Mengen rückmelden</translation>
    </message>
    <message>
        <source>Issue material</source>
        <translation>Material entnehmen</translation>
    </message>
    <message>
        <source>machine counted {count}</source>
        <translation>Maschine zählte {count}</translation>
    </message>
    <message>
        <source>My exceptions · {count}</source>
        <translation>Meine Meldungen · {count}</translation>
    </message>
    <message>
        <source>Log in to raise an exception.</source>
        <translation>Zum Melden bitte anmelden.</translation>
    </message>
    <message>
        <source>Queue · {count}</source>
        <translation>Arbeitsvorrat · {count}</translation>
    </message>
    <message>
        <source>MACHINE {state}</source>
        <translation>MASCHINE: {state}</translation>
    </message>
    <message>
        <source>NEXT JOB</source>
        <translation>NÄCHSTER ARBEITSGANG</translation>
    </message>
    <message>
        <source>Nothing to run</source>
        <translation>Nichts zu fertigen</translation>
    </message>
    <message>
        <source>No open jobs in this lane.</source>
        <translation>Keine offenen Arbeitsgänge in diesem Arbeitsvorrat.</translation>
    </message>
    <message>
        <source>Choose a work center.</source>
        <translation>Wählen Sie einen Arbeitsplatz.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>SELECTED JOB</source>
        <translation>GEWÄHLTER ARBEITSGANG</translation>
    </message>
    <message>
        <source>Start {work_order}</source>
        <translation>{work_order} starten</translation>
    </message>
    <message>
        <source>This job is running.</source>
        <translation>Dieser Arbeitsgang läuft.</translation>
    </message>
    <message>
        <source>Confirm {work_order} (running) before starting another job.</source>
        <translation>Melden Sie {work_order} (läuft) zurück, bevor Sie einen anderen Arbeitsgang starten.</translation>
    </message>
    <message>
        <source>Log in to start jobs.</source>
        <translation>Zum Starten von Arbeitsgängen bitte anmelden.</translation>
    </message>
    <message>
        <source>Nothing running</source>
        <translation>Nichts läuft</translation>
    </message>
    <message>
        <source>Start the next job to run it on {work_center}.</source>
        <translation>Starten Sie den nächsten Arbeitsgang, um ihn an {work_center} zu fertigen.</translation>
    </message>
    <message>
        <source>Start the next job to run it on this work center.</source>
        <translation>Starten Sie den nächsten Arbeitsgang, um ihn an diesem Arbeitsplatz zu fertigen.</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>{done} von {total} fertig</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>seit {time}</translation>
    </message>
    <message>
        <source>{work_order} selected.</source>
        <translation>{work_order} ausgewählt.</translation>
    </message>
    <message>
        <source>{work_center} (op {seq})</source>
        <translation>{work_center} (AG {seq})</translation>
    </message>
    <message>
        <source>{code} is not in {work_center}&apos;s queue; its open operations are at {where}.</source>
        <translation>{code} ist nicht im Arbeitsvorrat von {work_center}; seine offenen Arbeitsgänge liegen an {where}.</translation>
    </message>
    <message>
        <source>Unknown barcode “{code}”: no open work order has this number.</source>
        <translation>Unbekannter Barcode „{code}“: Kein offener Fertigungsauftrag hat diese Nummer.</translation>
    </message>
    <message>
        <source>Starting {work_order}…</source>
        <translation>{work_order} wird gestartet…</translation>
    </message>
    <message>
        <source>{work_order} started.</source>
        <translation>{work_order} gestartet.</translation>
    </message>
    <message>
        <source>{work_order}  ·  op {seq}</source>
        <translation>{work_order}  ·  AG {seq}</translation>
    </message>
    <message>
        <source>{item}  ·  {name}</source>
        <translation>{item}  ·  {name}</translation>
    </message>
    <message>
        <source>Confirmed {good} good, {scrap} scrap on {work_order}; operation complete.</source>
        <translation>Rückgemeldet: {good} Gut, {scrap} Ausschuss für {work_order}; Arbeitsgang abgeschlossen.</translation>
    </message>
    <message>
        <source>Confirmed {good} good, {scrap} scrap on {work_order}.</source>
        <translation>Rückgemeldet: {good} Gut, {scrap} Ausschuss für {work_order}.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} from lot {lot} to {work_order}.</source>
        <translation>{qty} {item} aus Charge {lot} für {work_order} entnommen.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} to {work_order}.</source>
        <translation>{qty} {item} für {work_order} entnommen.</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Kein Bestand</translation>
    </message>
    <message>
        <source>Parts out of tolerance</source>
        <translation>Teile außer Toleranz</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Planned setup</source>
        <translation>Geplantes Rüsten</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <source>Previous operation late</source>
        <translation>Vorheriger Arbeitsgang verspätet</translation>
    </message>
    <message>
        <source>Process adjustment</source>
        <translation>Prozesskorrektur</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Return to supplier</source>
        <translation>Rücksendung an Lieferanten</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Nacharbeit</translation>
    </message>
    <message>
        <source>Schedule or sequence</source>
        <translation>Termin oder Reihenfolge</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Ausschuss</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Rückmelden</translation>
    </message>
    <message>
        <source>Confirm {operation}</source>
        <translation>{operation} rückmelden</translation>
    </message>
    <message>
        <source>{item} · {name}</source>
        <translation>{item} · {name}</translation>
    </message>
    <message>
        <source>{done} of {total} done so far</source>
        <translation>bisher {done} von {total} fertig</translation>
    </message>
    <message>
        <source>Final: the operation is complete</source>
        <translation>Endrückmeldung: Der Arbeitsgang ist abgeschlossen</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Wird rückgemeldet…</translation>
    </message>
    <message>
        <source>good: {text} is not a number</source>
        <translation>Gut: {text} ist keine Zahl</translation>
    </message>
    <message>
        <source>scrap: {text} is not a number</source>
        <translation>Ausschuss: {text} ist keine Zahl</translation>
    </message>
    <message>
        <source>Sensor or switch</source>
        <translation>Sensor oder Schalter</translation>
    </message>
    <message>
        <source>Setup or program</source>
        <translation>Rüsten oder Programm</translation>
    </message>
    <message>
        <source>Setup took too long</source>
        <translation>Rüsten dauerte zu lange</translation>
    </message>
    <message>
        <source>Stock record wrong</source>
        <translation>Bestand falsch gebucht</translation>
    </message>
    <message>
        <source>Supplier late or short</source>
        <translation>Lieferant verspätet oder Unterlieferung</translation>
    </message>
    <message>
        <source>Tool or fixture missing</source>
        <translation>Werkzeug oder Vorrichtung fehlt</translation>
    </message>
    <message>
        <source>Tool or gauge missing</source>
        <translation>Werkzeug oder Messmittel fehlt</translation>
    </message>
    <message>
        <source>Tool worn or broken</source>
        <translation>Werkzeug verschlissen oder gebrochen</translation>
    </message>
    <message>
        <source>Tooling</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Schulung</translation>
    </message>
    <message>
        <source>Use as is</source>
        <translation>Sonderfreigabe</translation>
    </message>
    <message>
        <source>Waiting for first-piece approval</source>
        <translation>Warten auf Erstteilfreigabe</translation>
    </message>
    <message>
        <source>Waiting for inspection</source>
        <translation>Warten auf Prüfung</translation>
    </message>
    <message>
        <source>Wear</source>
        <translation>Verschleiß</translation>
    </message>
    <message>
        <source>Work instruction unclear or wrong</source>
        <translation>Arbeitsanweisung unklar oder falsch</translation>
    </message>
    <message>
        <source>Worn tool, out of tolerance</source>
        <translation>Werkzeug verschlissen, außer Toleranz</translation>
    </message>
    <message>
        <source>Opening the screens…</source>
        <translation>Bildschirme werden geöffnet…</translation>
    </message>
    <message>
        <source>Takt cannot start</source>
        <translation>Takt kann nicht starten</translation>
    </message>
    <message>
        <source>The materials could not be read: {error}</source>
        <translation>Die Materialien konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>The board could not be loaded: {error}</source>
        <translation>Der Leitstand konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued  ·  lot {lot}</source>
        <translation>{issued} von {required} entnommen  ·  Charge {lot}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued</source>
        <translation>{issued} von {required} entnommen</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Entnehmen</translation>
    </message>
    <message>
        <source>Issue material to {operation}</source>
        <translation>Material für {operation} entnehmen</translation>
    </message>
    <message>
        <source>This work order lists no material to issue.</source>
        <translation>Dieser Fertigungsauftrag enthält kein Material zur Entnahme.</translation>
    </message>
    <message>
        <source>scan or type the lot</source>
        <translation>Charge scannen oder eingeben</translation>
    </message>
    <message>
        <source>item: choose the material</source>
        <translation>Artikel: Material wählen</translation>
    </message>
    <message>
        <source>qty: {text} is not a quantity</source>
        <translation>Menge: {text} ist keine gültige Menge</translation>
    </message>
    <message>
        <source>qty: nothing is not a quantity</source>
        <translation>Menge: bitte eine Menge eingeben</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>Wird entnommen…</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>Fertigungsauftrag</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Done / qty</source>
        <translation>Fertig / Menge</translation>
    </message>
    <message>
        <source>Why here</source>
        <translation>Warum hier</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Oben fixieren</translation>
    </message>
    <message>
        <source>Move before…</source>
        <translation>Einreihen vor…</translation>
    </message>
    <message>
        <source>Move after…</source>
        <translation>Einreihen nach…</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>Übersteuerung aufheben</translation>
    </message>
    <message>
        <source>Move before</source>
        <translation>Einreihen vor</translation>
    </message>
    <message>
        <source>Move after</source>
        <translation>Einreihen nach</translation>
    </message>
    <message>
        <source>Pin {job} to the top of {work_center}</source>
        <translation>{job} an der Spitze von {work_center} fixieren</translation>
    </message>
    <message>
        <source>Move {job} before another job</source>
        <translation>{job} vor einem anderen Arbeitsgang einreihen</translation>
    </message>
    <message>
        <source>Move {job} after another job</source>
        <translation>{job} nach einem anderen Arbeitsgang einreihen</translation>
    </message>
    <message>
        <source>Hold {job}: do not run it now</source>
        <translation>{job} sperren: jetzt nicht fertigen</translation>
    </message>
    <message>
        <source>Clear the override on {job}</source>
        <translation>Übersteuerung von {job} aufheben</translation>
    </message>
    <message>
        <source>Now: {override}</source>
        <translation>Aktuell: {override}</translation>
    </message>
    <message>
        <source>Reason (shown on the board next to the job)</source>
        <translation>Grund (wird im Leitstand neben dem Arbeitsgang angezeigt)</translation>
    </message>
    <message>
        <source>e.g. customer moved the truck to 14:00</source>
        <translation>z. B. Kunde hat den Lkw auf 14:00 verlegt</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go before?</source>
        <translation>Vor welchem Arbeitsgang von {work_center} soll er eingereiht werden?</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go after?</source>
        <translation>Nach welchem Arbeitsgang von {work_center} soll er eingereiht werden?</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>Auftragsänderung</translation>
    </message>
    <message>
        <source>Priority shift</source>
        <translation>Prioritätsänderung</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Alle Arbeitsgänge</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Gesperrt</translation>
    </message>
    <message numerus="yes">
        <source>%n jobs</source>
        <translation>
            <numerusform>%n Arbeitsgang</numerusform>
            <numerusform>%n Arbeitsgänge</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} von {total}</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>Melden</translation>
    </message>
    <message>
        <source>Call / message</source>
        <translation>Anruf / Nachricht</translation>
    </message>
    <message>
        <source>Unsigned handover: {shifts}</source>
        <translation>Übergabe nicht abgezeichnet: {shifts}</translation>
    </message>
    <message>
        <source>Pick a job to override its rank.</source>
        <translation>Wählen Sie einen Arbeitsgang, um seinen Rang zu übersteuern.</translation>
    </message>
    <message>
        <source>{job} in {work_center}: {status}</source>
        <translation>{job} an {work_center}: {status}</translation>
    </message>
    <message>
        <source>{work_order} (op {seq})</source>
        <translation>{work_order} (AG {seq})</translation>
    </message>
    <message>
        <source>{rank}.  {job}  ·  {status}</source>
        <translation>{rank}.  {job}  ·  {status}</translation>
    </message>
    <message>
        <source>Log in to change the board.</source>
        <translation>Zum Ändern des Leitstands bitte anmelden.</translation>
    </message>
    <message>
        <source>{action}: {reason}</source>
        <translation>{action}: {reason}</translation>
    </message>
    <message>
        <source>Takt cannot open {path}:
{problem}.
{remedy}</source>
        <translation>Takt kann {path} nicht öffnen:
{problem}.
{remedy}</translation>
    </message>
    <message>
        <source>Opening the demo&apos;s databases…</source>
        <translation>Datenbanken der Demo werden geöffnet…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Demo-Server wird gestartet…</translation>
    </message>
    <message>
        <source>Registering the demo terminal {name}…</source>
        <translation>Demo-Terminal {name} wird registriert…</translation>
    </message>
    <message>
        <source>the demo terminal could not register: {error}</source>
        <translation>das Demo-Terminal konnte sich nicht registrieren: {error}</translation>
    </message>
    <message>
        <source>Loading the plant into the demo terminal {name}…</source>
        <translation>Werk wird in das Demo-Terminal {name} geladen…</translation>
    </message>
    <message>
        <source>Preparing the demo plant (first start only): {orders} work orders with {operations} operations, {people} people…</source>
        <translation>Demo-Werk wird vorbereitet (nur beim ersten Start): {orders} Fertigungsaufträge mit {operations} Arbeitsgängen, {people} Personen…</translation>
    </message>
    <message>
        <source>{records} records written</source>
        <translation>{records} Datensätze geschrieben</translation>
    </message>
    <message>
        <source>Loading the screens…</source>
        <translation>Bildschirme werden geladen…</translation>
    </message>
    <message>
        <source>Opening this terminal&apos;s database…</source>
        <translation>Datenbank dieses Terminals wird geöffnet…</translation>
    </message>
    <message>
        <source>Connecting to the Takt server at {url}…</source>
        <translation>Verbindung zum Takt-Server unter {url} wird hergestellt…</translation>
    </message>
    <message>
        <source>cannot reach the Takt server at {url} ({error}). Check the address, the network, and that the server is running.</source>
        <translation>der Takt-Server unter {url} ist nicht erreichbar ({error}). Prüfen Sie die Adresse, das Netzwerk und ob der Server läuft.</translation>
    </message>
    <message>
        <source>the server at {url} refused the enrollment code ({error}). Check it (or {variable}), or ask an administrator for a new one (`takt server terminals add`).</source>
        <translation>der Server unter {url} hat den Registrierungscode abgelehnt ({error}). Prüfen Sie ihn (oder {variable}) oder bitten Sie einen Administrator um einen neuen (`takt server terminals add`).</translation>
    </message>
    <message>
        <source>the server at {url} is not taking enrollment codes from here for now: {error} (wait {seconds} s)</source>
        <translation>der Server unter {url} nimmt von hier vorerst keine Registrierungscodes an: {error} (warten Sie {seconds} s)</translation>
    </message>
    <message>
        <source>the server at {url} would not register this terminal: {error}</source>
        <translation>der Server unter {url} wollte dieses Terminal nicht registrieren: {error}</translation>
    </message>
    <message>
        <source>registering with the server at {url} failed: {error}</source>
        <translation>die Registrierung beim Server unter {url} ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>{kind} of {work_order}: {what}.
The ERP said: {said}</source>
        <translation>{kind} zu {work_order}: {what}.
Antwort des ERP: {said}</translation>
    </message>
    <message>
        <source>{kind}: {what}.
The ERP said: {said}</source>
        <translation>{kind}: {what}.
Antwort des ERP: {said}</translation>
    </message>
    <message>
        <source>Reason (kept with the posting)</source>
        <translation>Grund (wird mit der Buchung gespeichert)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Cancel this ERP posting</source>
        <translation>Diese ERP-Buchung stornieren</translation>
    </message>
    <message>
        <source>Cancel posting</source>
        <translation>Buchung stornieren</translation>
    </message>
    <message>
        <source>e.g. booked by hand in the ERP</source>
        <translation>z. B. im ERP manuell gebucht</translation>
    </message>
    <message>
        <source>Reversed in the ERP</source>
        <translation>Im ERP storniert</translation>
    </message>
    <message>
        <source>Record as reversed</source>
        <translation>Als storniert erfassen</translation>
    </message>
    <message>
        <source>e.g. Stock Entry cancelled in the ERP</source>
        <translation>z. B. Lagerbuchung im ERP storniert</translation>
    </message>
    <message>
        <source>Correct and resend this ERP posting</source>
        <translation>Diese ERP-Buchung korrigieren und erneut senden</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Speichern und senden</translation>
    </message>
    <message>
        <source>e.g. scrap was counted twice</source>
        <translation>z. B. Ausschuss wurde doppelt gezählt</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Rückmeldung</translation>
    </message>
    <message>
        <source>Goods movement</source>
        <translation>Warenbewegung</translation>
    </message>
    <message>
        <source>Quality event</source>
        <translation>Qualitätsereignis</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Stillstand</translation>
    </message>
    <message>
        <source>ERP order</source>
        <translation>ERP-Auftrag</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Arbeitsgang</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Rückgemeldet von</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>Zugang</translation>
    </message>
    <message>
        <source>scrap</source>
        <translation>Ausschuss</translation>
    </message>
    <message>
        <source>good {good}, scrap {scrap}</source>
        <translation>Gut {good}, Ausschuss {scrap}</translation>
    </message>
    <message>
        <source>good {good}</source>
        <translation>Gut {good}</translation>
    </message>
    <message>
        <source>{amounts} on op {seq}</source>
        <translation>{amounts} zu AG {seq}</translation>
    </message>
    <message>
        <source>move</source>
        <translation>Umlagerung</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item} (lot {lot})</source>
        <translation>{movement} {quantity} {item} (Charge {lot})</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item}</source>
        <translation>{movement} {quantity} {item}</translation>
    </message>
    <message>
        <source>release</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>release: {disposition}</source>
        <translation>Freigabe: {disposition}</translation>
    </message>
    <message>
        <source>hold: {subject}</source>
        <translation>Sperre: {subject}</translation>
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
        <translation>Verzögerung Median {median}, 95. Perzentil {p95}</translation>
    </message>
    <message>
        <source>no lag yet</source>
        <translation>noch keine Verzögerung gemessen</translation>
    </message>
    <message>
        <source>Pending {pending} · Posted {posted} · Failed {failed} · {lag} (last {days} days)</source>
        <translation>Offen {pending} · Gebucht {posted} · Fehlgeschlagen {failed} · {lag} (letzte {days} Tage)</translation>
    </message>
    <message>
        <source>Happened</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>The ERP said</source>
        <translation>Antwort des ERP</translation>
    </message>
    <message>
        <source>Posting {id}</source>
        <translation>Buchung {id}</translation>
    </message>
    <message>
        <source>ERP postings</source>
        <translation>ERP-Buchungen</translation>
    </message>
    <message>
        <source>Nothing to decide: the ERP took every posting it was sent.</source>
        <translation>Nichts zu entscheiden: Das ERP hat jede gesendete Buchung angenommen.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <comment>an ERP posting</comment>
        <translation>Stornieren…</translation>
    </message>
    <message>
        <source>Reversed in the ERP…</source>
        <translation>Im ERP storniert…</translation>
    </message>
    <message>
        <source>The postings could not be read; it will try again.</source>
        <translation>Die Buchungen konnten nicht gelesen werden; es wird erneut versucht.</translation>
    </message>
    <message>
        <source>sent {posting} to the ERP again</source>
        <translation>{posting} erneut an das ERP gesendet</translation>
    </message>
    <message>
        <source>corrected {posting} and sent it again</source>
        <translation>{posting} korrigiert und erneut gesendet</translation>
    </message>
    <message>
        <source>cancelled {posting}: it will not be sent</source>
        <translation>{posting} storniert: wird nicht gesendet</translation>
    </message>
    <message>
        <source>recorded {posting} as reversed in the ERP</source>
        <translation>{posting} als im ERP storniert erfasst</translation>
    </message>
    <message>
        <source>the posting of {work_order} ({what})</source>
        <translation>die Buchung zu {work_order} ({what})</translation>
    </message>
    <message>
        <source>the posting ({what})</source>
        <translation>die Buchung ({what})</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>Planer</translation>
    </message>
    <message>
        <source>Rush</source>
        <translation>Eilt</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Dimensions out of tolerance</source>
        <translation>Maße außer Toleranz</translation>
    </message>
    <message>
        <source>Surface defect</source>
        <translation>Oberflächenfehler</translation>
    </message>
    <message>
        <source>Wrong or mixed material</source>
        <translation>Falsches oder vermischtes Material</translation>
    </message>
    <message>
        <source>Damaged parts</source>
        <translation>Beschädigte Teile</translation>
    </message>
    <message>
        <source>{order} op {number}</source>
        <translation>{order} AG {number}</translation>
    </message>
    <message>
        <source>{category}: what exactly?</source>
        <translation>{category}: Was genau?</translation>
    </message>
    <message>
        <source>Scan or type a work order, item or lot</source>
        <translation>Fertigungsauftrag, Artikel oder Charge scannen oder eingeben</translation>
    </message>
    <message>
        <source>What was reported?</source>
        <translation>Was wurde gemeldet?</translation>
    </message>
    <message>
        <source>How did it come in?</source>
        <translation>Wie ging es ein?</translation>
    </message>
    <message>
        <source>Paste the message here (it is kept as the note)</source>
        <translation>Nachricht hier einfügen (wird als Notiz gespeichert)</translation>
    </message>
    <message>
        <source>Who asked for the change?</source>
        <translation>Wer hat die Änderung angefordert?</translation>
    </message>
    <message>
        <source>Why is the machine down?</source>
        <translation>Warum steht die Maschine?</translation>
    </message>
    <message>
        <source>What happened, in a few words</source>
        <translation>Was ist passiert, in wenigen Worten</translation>
    </message>
    <message>
        <source>Scan or type the item to use instead</source>
        <translation>Ersatzartikel scannen oder eingeben</translation>
    </message>
    <message>
        <source>How many (optional)</source>
        <translation>Wie viele (optional)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>The new quantity, date or specification</source>
        <translation>Neue Menge, neuer Termin oder neue Spezifikation</translation>
    </message>
    <message>
        <source>Why the priority changes</source>
        <translation>Warum sich die Priorität ändert</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Use instead</source>
        <translation>Stattdessen verwenden</translation>
    </message>
    <message>
        <source>Raise: {kind}</source>
        <translation>Melden: {kind}</translation>
    </message>
    <message>
        <source>Log a call / message: {kind}</source>
        <translation>Anruf / Nachricht erfassen: {kind}</translation>
    </message>
    <message>
        <source>Which material is short?</source>
        <translation>Welches Material fehlt?</translation>
    </message>
    <message>
        <source>Which material is replaced?</source>
        <translation>Welches Material wird ersetzt?</translation>
    </message>
    <message>
        <source>What is wrong?</source>
        <translation>Was stimmt nicht?</translation>
    </message>
    <message>
        <source>What changed?</source>
        <translation>Was hat sich geändert?</translation>
    </message>
    <message>
        <source>No materials known for this job: scan the item.</source>
        <translation>Für diesen Arbeitsgang ist kein Material bekannt: Artikel scannen.</translation>
    </message>
    <message>
        <source>no work center</source>
        <translation>kein Arbeitsplatz</translation>
    </message>
    <message>
        <source>missing: scan or type the work order</source>
        <translation>fehlt: Fertigungsauftrag scannen oder eingeben</translation>
    </message>
    <message>
        <source>missing: pick what changed</source>
        <translation>fehlt: wählen, was sich geändert hat</translation>
    </message>
    <message>
        <source>missing: type the new value</source>
        <translation>fehlt: neuen Wert eingeben</translation>
    </message>
    <message>
        <source>missing: pick who asked for it</source>
        <translation>fehlt: wählen, wer sie angefordert hat</translation>
    </message>
    <message>
        <source>missing: pick the new priority</source>
        <translation>fehlt: neue Priorität wählen</translation>
    </message>
    <message>
        <source>missing: say why</source>
        <translation>fehlt: Begründung angeben</translation>
    </message>
    <message>
        <source>missing: paste the message</source>
        <translation>fehlt: Nachricht einfügen</translation>
    </message>
    <message>
        <source>missing: pick the reason</source>
        <translation>fehlt: Grund wählen</translation>
    </message>
    <message>
        <source>missing: pick why the machine is down</source>
        <translation>fehlt: wählen, warum die Maschine steht</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>ist keine Zahl</translation>
    </message>
    <message>
        <source>Raising…</source>
        <translation>Wird gemeldet…</translation>
    </message>
    <message>
        <source>Looking up {code}…</source>
        <translation>{code} wird gesucht…</translation>
    </message>
    <message>
        <source>Unknown code “{code}”: not a work order, item or lot.</source>
        <translation>Unbekannter Code „{code}“: weder Fertigungsauftrag noch Artikel noch Charge.</translation>
    </message>
    <message>
        <source>Work order {order}.</source>
        <translation>Fertigungsauftrag {order}.</translation>
    </message>
    <message>
        <source>Use {item} instead.</source>
        <translation>Stattdessen {item} verwenden.</translation>
    </message>
    <message>
        <source>Lot {lot} of {item}.</source>
        <translation>Charge {lot} von {item}.</translation>
    </message>
    <message>
        <source>Item {item}.</source>
        <translation>Artikel {item}.</translation>
    </message>
    <message>
        <source>{what} raised; its owner has been told.</source>
        <translation>{what} gemeldet; die Verantwortlichen wurden informiert.</translation>
    </message>
    <message>
        <source>{category}: what exactly? (optional)</source>
        <translation>{category}: Was genau? (optional)</translation>
    </message>
    <message>
        <source>{label} (optional)</source>
        <translation>{label} (optional)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>◀ Inbox</source>
        <translation>◀ Eingang</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Tasks per function</source>
        <translation>Aufgaben je Funktion</translation>
    </message>
    <message>
        <source>{kind}: {summary}</source>
        <translation>{kind}: {summary}</translation>
    </message>
    <message>
        <source>Status: {status}   ·   Severity: {severity}   ·   Owner: {owner}</source>
        <translation>Status: {status}   ·   Schweregrad: {severity}   ·   Verantwortlich: {owner}</translation>
    </message>
    <message>
        <source>{due} (by {deadline})</source>
        <translation>{due} (bis {deadline})</translation>
    </message>
    <message>
        <source>Where: {where}   ·   Raised {raised} by {name} via {channel}</source>
        <translation>Wo: {where}   ·   Gemeldet {raised} von {name} über {channel}</translation>
    </message>
    <message>
        <source>Decision: {decision} (root cause: {root_cause})</source>
        <translation>Entscheidung: {decision} (Ursache: {root_cause})</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) still open when it was resolved were closed with it; reopening the exception opens them again.</source>
        <translation>
            <numerusform>%n beim Lösen noch offene Aufgabe wurde mit geschlossen; beim Wiederöffnen der Meldung wird sie wieder geöffnet.</numerusform>
            <numerusform>%n beim Lösen noch offene Aufgaben wurden mit geschlossen; beim Wiederöffnen der Meldung werden sie wieder geöffnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some tasks are still open.</source>
        <translation>Einige Aufgaben sind noch offen.</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>{path} konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>History written to {path}.</source>
        <translation>Verlauf nach {path} geschrieben.</translation>
    </message>
    <message>
        <source>this terminal keeps no files (its database is in memory)</source>
        <translation>dieses Terminal speichert keine Dateien (seine Datenbank liegt im Arbeitsspeicher)</translation>
    </message>
    <message>
        <source>material shortage</source>
        <translation>Materialmangel</translation>
    </message>
    <message>
        <source>machine downtime</source>
        <translation>Maschinenstörung</translation>
    </message>
    <message>
        <source>quality hold</source>
        <translation>Qualitätssperre</translation>
    </message>
    <message>
        <source>order change</source>
        <translation>Auftragsänderung</translation>
    </message>
    <message>
        <source>priority shift</source>
        <translation>Prioritätsänderung</translation>
    </message>
    <message>
        <source>substitute material</source>
        <translation>Ersatzmaterial</translation>
    </message>
    <message>
        <source>other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>line pc</source>
        <translation>Linien-PC</translation>
    </message>
    <message>
        <source>machine</source>
        <translation>Maschine</translation>
    </message>
    <message>
        <source>erp</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>{countdown} to acknowledge</source>
        <translation>{countdown} bis zum Quittieren</translation>
    </message>
    <message>
        <source>{countdown} to resolve</source>
        <translation>{countdown} bis zum Lösen</translation>
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
        <translation>Wo</translation>
    </message>
    <message>
        <source>{status}: {waiting_on}</source>
        <translation>{status}: {waiting_on}</translation>
    </message>
    <message>
        <source>{status} · tier {tier}</source>
        <translation>{status} · Stufe {tier}</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>closed with the exception</source>
        <translation>mit der Meldung geschlossen</translation>
    </message>
    <message>
        <source>{plant}: work centers</source>
        <translation>{plant}: Arbeitsplätze</translation>
    </message>
    <message>
        <source>Logged in: {name} ({roles})</source>
        <translation>Angemeldet: {name} ({roles})</translation>
    </message>
    <message>
        <source>OK: 1 rule</source>
        <translation>OK: 1 Regel</translation>
    </message>
    <message numerus="yes">
        <source>OK: %n rules</source>
        <translation>
            <numerusform>OK: %n Regel</numerusform>
            <numerusform>OK: %n Regeln</numerusform>
        </translation>
    </message>
    <message>
        <source>Revert to shipped rules</source>
        <translation>Auf ausgelieferte Regeln zurücksetzen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>This terminal keeps no files (its database is in memory).</source>
        <translation>Dieses Terminal speichert keine Dateien (seine Datenbank liegt im Arbeitsspeicher).</translation>
    </message>
    <message>
        <source>The shipped rules; saving keeps an edited copy at {path}</source>
        <translation>Die ausgelieferten Regeln; beim Speichern wird eine bearbeitete Kopie unter {path} abgelegt</translation>
    </message>
    <message>
        <source>Edit the rules, then Check and Save.</source>
        <translation>Bearbeiten Sie die Regeln, dann Prüfen und Speichern.</translation>
    </message>
    <message>
        <source>Not saved; fix these first:
{problems}</source>
        <translation>Nicht gespeichert; beheben Sie zuerst diese Punkte:
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
        <translation>{work_center} steht seit {time} still</translation>
    </message>
    <message>
        <source>{work_center} stopped from {start} to {end} ({duration})</source>
        <translation>{work_center} stand von {start} bis {end} still ({duration})</translation>
    </message>
    <message>
        <source>{stop}, fault {fault}</source>
        <translation>{stop}, Fehler {fault}</translation>
    </message>
    <message>
        <source>Why did {work_center} stop?</source>
        <translation>Warum hat {work_center} angehalten?</translation>
    </message>
    <message>
        <source>{stop}. The reason can be given until {until}.</source>
        <translation>{stop}. Der Grund kann bis {until} angegeben werden.</translation>
    </message>
    <message>
        <source>Give reason</source>
        <translation>Grund angeben</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Paste a message</source>
        <translation>Nachricht einfügen</translation>
    </message>
    <message>
        <source>Paste a mail or chat message, or write down (or dictate) what was said on the phone. Takt reads it against the plant and makes a draft for you to confirm.</source>
        <translation>Fügen Sie eine E-Mail oder Chatnachricht ein oder notieren (oder diktieren) Sie, was am Telefon gesagt wurde. Takt gleicht sie mit dem Werk ab und erstellt einen Entwurf, den Sie bestätigen.</translation>
    </message>
    <message>
        <source>Subject (optional)</source>
        <translation>Betreff (optional)</translation>
    </message>
    <message>
        <source>e.g. call from the paint shop</source>
        <translation>z. B. Anruf aus der Lackiererei</translation>
    </message>
    <message>
        <source>e.g. LAT-02 is down since 6, spindle alarm, WO-26017 waits</source>
        <translation>z. B. LAT-02 steht seit 6, Spindelalarm, WO-26017 wartet</translation>
    </message>
    <message>
        <source>Make a draft</source>
        <translation>Entwurf erstellen</translation>
    </message>
    <message>
        <source>Link and confirm</source>
        <translation>Verknüpfen und bestätigen</translation>
    </message>
    <message>
        <source>Edit and confirm</source>
        <translation>Bearbeiten und bestätigen</translation>
    </message>
    <message>
        <source>Pick the work order or the work center this message is about, then confirm.</source>
        <translation>Wählen Sie den Fertigungsauftrag oder Arbeitsplatz, um den es in der Nachricht geht, und bestätigen Sie dann.</translation>
    </message>
    <message>
        <source>Correct what was misread, then confirm: the exception is raised as shown.</source>
        <translation>Korrigieren Sie, was falsch gelesen wurde, und bestätigen Sie dann: Die Meldung wird wie angezeigt erfasst.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>e.g. 40</source>
        <translation>z. B. 40</translation>
    </message>
    <message>
        <source>optional, for the owner</source>
        <translation>optional, für die Verantwortlichen</translation>
    </message>
    <message>
        <source>Confirm</source>
        <comment>a message&apos;s draft</comment>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Discard this draft</source>
        <translation>Diesen Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Reason (kept with the message)</source>
        <translation>Grund (wird mit der Nachricht gespeichert)</translation>
    </message>
    <message>
        <source>e.g. already reported at the line</source>
        <translation>z. B. bereits an der Linie gemeldet</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n rules. New exceptions are routed by them.</source>
        <translation>
            <numerusform>Gespeichert: %n Regel. Neue Meldungen werden danach zugeordnet.</numerusform>
            <numerusform>Gespeichert: %n Regeln. Neue Meldungen werden danach zugeordnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>Nicht gespeichert: {why}</translation>
    </message>
    <message>
        <source>Changed: Check again before saving.</source>
        <translation>Geändert: Vor dem Speichern erneut prüfen.</translation>
    </message>
    <message>
        <source>This terminal&apos;s own rules: {path}</source>
        <translation>Eigene Regeln dieses Terminals: {path}</translation>
    </message>
    <message>
        <source>decision without a reason</source>
        <translation>Entscheidung ohne Begründung</translation>
    </message>
    <message>
        <source>closed without reaching the ERP</source>
        <translation>geschlossen, ohne das ERP zu erreichen</translation>
    </message>
    <message>
        <source>repeated root cause</source>
        <translation>wiederholte Ursache</translation>
    </message>
    <message>
        <source>not due</source>
        <translation>entfällt</translation>
    </message>
    <message>
        <source>in the ERP</source>
        <translation>im ERP</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>To owner</source>
        <translation>Bis Verantwortliche</translation>
    </message>
    <message>
        <source>Decision (by)</source>
        <translation>Entscheidung (von)</translation>
    </message>
    <message>
        <source>To decision</source>
        <translation>Bis Entscheidung</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Median to owner</source>
        <translation>Median bis Verantwortliche</translation>
    </message>
    <message>
        <source>Median to decision</source>
        <translation>Median bis Entscheidung</translation>
    </message>
    <message>
        <source>Median to ERP</source>
        <translation>Median bis ERP</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open, {decided} decided. Median time to owner {owner}, to decision {decision}, to the ERP {erp}.</source>
        <translation>{n} Meldungen erfasst, {open} noch offen, {decided} entschieden. Median bis zu den Verantwortlichen {owner}, bis zur Entscheidung {decision}, bis zum ERP {erp}.</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Entschieden von</translation>
    </message>
    <message>
        <source>not decided yet</source>
        <translation>noch nicht entschieden</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Welche</translation>
    </message>
    <message>
        <source>Takt</source>
        <translation>Takt</translation>
    </message>
    <message>
        <source>{plant} — {start} to {end}</source>
        <translation>{plant} — {start} bis {end}</translation>
    </message>
    <message>
        <source>Execution audit</source>
        <translation>Ausführungsaudit</translation>
    </message>
    <message>
        <source>printed {when}</source>
        <translation>gedruckt {when}</translation>
    </message>
    <message>
        <source>page {n} of {total}</source>
        <translation>Seite {n} von {total}</translation>
    </message>
    <message>
        <source>Takt is starting</source>
        <translation>Takt startet</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>This change</source>
        <translation>Diese Änderung</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>rechtzeitig</translation>
    </message>
    <message>
        <source>not acknowledged in time</source>
        <translation>nicht rechtzeitig quittiert</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>to read</source>
        <translation>zu lesen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>queried</source>
        <translation>Rückfrage</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
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
        <translation>Gemeldet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>resolved {at}</source>
        <translation>gelöst {at}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Work centers</source>
        <translation>Arbeitsplätze</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Stopps</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Stillstand</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Of plan</source>
        <translation>Erfüllung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Übersteuerung</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>bereinigt</translation>
    </message>
    <message>
        <source>still refused</source>
        <translation>weiter abgelehnt</translation>
    </message>
    <message>
        <source>Open item</source>
        <translation>Offener Punkt</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Übernahme</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Warum der Server sie abgelehnt hat</translation>
    </message>
    <message>
        <source>Drop a rejected change</source>
        <translation>Abgelehnte Änderung verwerfen</translation>
    </message>
    <message>
        <source>Drop this rejected change</source>
        <translation>Diese abgelehnte Änderung verwerfen</translation>
    </message>
    <message>
        <source>{what} (by {who}).
The server said: {why}</source>
        <translation>{what} (von {who}).
Antwort des Servers: {why}</translation>
    </message>
    <message>
        <source>Reason (kept with the decision)</source>
        <translation>Grund (wird mit der Entscheidung gespeichert)</translation>
    </message>
    <message>
        <source>e.g. already done again by hand</source>
        <translation>z. B. bereits manuell erneut erledigt</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Wird verworfen…</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <source>Changes the server rejected</source>
        <translation>Vom Server abgelehnte Änderungen</translation>
    </message>
    <message>
        <source>These changes were made on this terminal, but the server refused them, so they were undone here. Send one again in your name if it still applies, or drop it.</source>
        <translation>Diese Änderungen wurden an diesem Terminal vorgenommen, aber der Server hat sie abgelehnt, daher wurden sie hier rückgängig gemacht. Senden Sie eine davon in Ihrem Namen erneut, wenn sie noch zutrifft, oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>Only a supervisor or manager can send these again or drop them.</source>
        <translation>Nur Schichtleitung oder Produktionsleitung kann diese erneut senden oder verwerfen.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <source>Sent again as {name}</source>
        <translation>Erneut gesendet als {name}</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>Wird erneut gesendet…</translation>
    </message>
    <message>
        <source>Not sent again: {why}</source>
        <translation>Nicht erneut gesendet: {why}</translation>
    </message>
    <message>
        <source>Not dropped: {why}</source>
        <translation>Nicht verworfen: {why}</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting to the server</source>
        <translation>Verbindung zum Server wird hergestellt</translation>
    </message>
    <message>
        <source>Server refused this terminal</source>
        <translation>Server hat dieses Terminal abgelehnt</translation>
    </message>
    <message>
        <source>Not enrolled with the server</source>
        <translation>Nicht beim Server registriert</translation>
    </message>
    <message>
        <source>Copy of another terminal&apos;s database: not syncing</source>
        <translation>Kopie der Datenbank eines anderen Terminals: keine Synchronisation</translation>
    </message>
    <message>
        <source>Own events changed outside Takt: not syncing</source>
        <translation>Eigene Ereignisse außerhalb von Takt geändert: keine Synchronisation</translation>
    </message>
    <message>
        <source>Refused the server&apos;s data</source>
        <translation>Daten des Servers abgelehnt</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} wartend</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>synchronisiert {time}</translation>
    </message>
    <message>
        <source>run {command}</source>
        <translation>{command} ausführen</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>letzte Synchronisation {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nie synchronisiert</translation>
    </message>
    <message>
        <source>Clock {amount} behind the server</source>
        <translation>Uhr {amount} hinter dem Server</translation>
    </message>
    <message>
        <source>Clock {amount} ahead of the server</source>
        <translation>Uhr {amount} vor dem Server</translation>
    </message>
    <message>
        <source>Changes made here that the server refused: show them</source>
        <translation>Hier vorgenommene Änderungen, die der Server abgelehnt hat: anzeigen</translation>
    </message>
    <message>
        <source>Tap to try the server now</source>
        <translation>Tippen, um den Server jetzt zu erreichen</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>{n} abgelehnt</translation>
    </message>
    <message>
        <source>Machine down raised; its owner has been told. Maintenance is on its way, the lane is blocked until the machine runs again, and the next job moves up.</source>
        <translation>Maschinenstörung gemeldet; die Verantwortlichen wurden informiert. Die Instandhaltung ist unterwegs, der Arbeitsvorrat ist blockiert, bis die Maschine wieder läuft, und der nächste Arbeitsgang rückt auf.</translation>
    </message>
    <message>
        <source>Say why in at least {n} words.</source>
        <translation>Begründen Sie mit mindestens {n} Wörtern.</translation>
    </message>
    <message>
        <source>only {owner} or a supervisor may {action}; {name} is neither</source>
        <translation>Aktion „{action}“ nur für {owner} oder Schichtleitung erlaubt; {name} gehört zu keinem von beiden</translation>
    </message>
    <message>
        <source>its owner</source>
        <translation>die Verantwortlichen</translation>
    </message>
    <message>
        <source>only quality may decide this; {name} is not quality</source>
        <translation>nur die Qualitätssicherung darf dies entscheiden; {name} gehört nicht zur Qualitätssicherung</translation>
    </message>
    <message>
        <source>resolve it</source>
        <translation>Meldung lösen</translation>
    </message>
    <message>
        <source>{name} may record only a phone message; mail and chat come from the server</source>
        <translation>{name} darf nur eine Telefonnachricht erfassen; E-Mail und Chat kommen vom Server</translation>
    </message>
    <message>
        <source>define plant data</source>
        <translation>Werksdaten definieren</translation>
    </message>
    <message>
        <source>record a stock count</source>
        <translation>Inventurzählung erfassen</translation>
    </message>
    <message>
        <source>start a job</source>
        <translation>Arbeitsgang starten</translation>
    </message>
    <message>
        <source>confirm quantities</source>
        <translation>Mengen rückmelden</translation>
    </message>
    <message>
        <source>issue material</source>
        <translation>Material entnehmen</translation>
    </message>
    <message>
        <source>override priority</source>
        <translation>Priorität übersteuern</translation>
    </message>
    <message>
        <source>clear an override</source>
        <translation>Übersteuerung aufheben</translation>
    </message>
    <message>
        <source>change a machine&apos;s state</source>
        <translation>Maschinenstatus ändern</translation>
    </message>
    <message>
        <source>end a machine&apos;s downtime</source>
        <translation>Stillstand einer Maschine beenden</translation>
    </message>
    <message>
        <source>count a micro-stop</source>
        <translation>Kurzstillstand zählen</translation>
    </message>
    <message>
        <source>count parts</source>
        <translation>Teile zählen</translation>
    </message>
    <message>
        <source>give a downtime&apos;s reason</source>
        <translation>Stillstandsgrund angeben</translation>
    </message>
    <message>
        <source>place a hold</source>
        <translation>Sperre setzen</translation>
    </message>
    <message>
        <source>release a hold</source>
        <translation>Sperre aufheben</translation>
    </message>
    <message>
        <source>raise an exception</source>
        <translation>Meldung erfassen</translation>
    </message>
    <message>
        <source>acknowledge it</source>
        <translation>Meldung quittieren</translation>
    </message>
    <message>
        <source>work on it</source>
        <translation>Meldung bearbeiten</translation>
    </message>
    <message>
        <source>reassign it</source>
        <translation>Meldung neu zuweisen</translation>
    </message>
    <message>
        <source>close it</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>reopen it</source>
        <translation>Meldung wieder öffnen</translation>
    </message>
    <message>
        <source>record a passed deadline</source>
        <translation>Fristüberschreitung erfassen</translation>
    </message>
    <message>
        <source>acknowledge this task</source>
        <translation>Aufgabe quittieren</translation>
    </message>
    <message>
        <source>finish this task</source>
        <translation>Aufgabe erledigen</translation>
    </message>
    <message>
        <source>enroll people or change their roles</source>
        <translation>Personen registrieren oder ihre Rollen ändern</translation>
    </message>
    <message>
        <source>log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>choose a language</source>
        <translation>Sprache wählen</translation>
    </message>
    <message>
        <source>try a PIN</source>
        <translation>PIN eingeben</translation>
    </message>
    <message>
        <source>lock a PIN</source>
        <translation>PIN sperren</translation>
    </message>
    <message>
        <source>record an ERP acknowledgement</source>
        <translation>ERP-Bestätigung erfassen</translation>
    </message>
    <message>
        <source>record an ERP refusal</source>
        <translation>ERP-Ablehnung erfassen</translation>
    </message>
    <message>
        <source>retry an ERP posting</source>
        <translation>ERP-Buchung erneut senden</translation>
    </message>
    <message>
        <source>edit an ERP posting</source>
        <translation>ERP-Buchung bearbeiten</translation>
    </message>
    <message>
        <source>cancel an ERP posting</source>
        <translation>ERP-Buchung stornieren</translation>
    </message>
    <message>
        <source>record an ERP document of a refused event</source>
        <translation>ein ERP-Dokument eines abgelehnten Ereignisses erfassen</translation>
    </message>
    <message>
        <source>record an ERP document as reversed</source>
        <translation>ein ERP-Dokument als storniert erfassen</translation>
    </message>
    <message>
        <source>record an ERP import</source>
        <translation>ERP-Import erfassen</translation>
    </message>
    <message>
        <source>record a failed ERP import</source>
        <translation>Fehlgeschlagenen ERP-Import erfassen</translation>
    </message>
    <message>
        <source>write a handover note</source>
        <translation>Übergabenotiz schreiben</translation>
    </message>
    <message>
        <source>hand over a shift</source>
        <translation>Schicht übergeben</translation>
    </message>
    <message>
        <source>accept a handover item</source>
        <translation>Übergabepunkt annehmen</translation>
    </message>
    <message>
        <source>query a handover item</source>
        <translation>Rückfrage zu einem Übergabepunkt stellen</translation>
    </message>
    <message>
        <source>answer a handover query</source>
        <translation>Rückfrage zur Übergabe beantworten</translation>
    </message>
    <message>
        <source>sign a handover</source>
        <translation>Übergabe abzeichnen</translation>
    </message>
    <message>
        <source>record a message</source>
        <translation>Nachricht erfassen</translation>
    </message>
    <message>
        <source>confirm a message&apos;s draft</source>
        <translation>Entwurf einer Nachricht bestätigen</translation>
    </message>
    <message>
        <source>discard a message&apos;s draft</source>
        <translation>Entwurf einer Nachricht verwerfen</translation>
    </message>
    <message>
        <source>no one may record {kind} events</source>
        <translation>niemand darf Ereignisse vom Typ {kind} erfassen</translation>
    </message>
    <message>
        <source>{actor} is not a person, so cannot {action}</source>
        <translation>{actor} ist keine Person; Aktion „{action}“ nicht erlaubt</translation>
    </message>
    <message>
        <source>only the server may {action}; a terminal sent it</source>
        <translation>Aktion „{action}“ ist nur dem Server erlaubt; ein Terminal hat sie gesendet</translation>
    </message>
    <message>
        <source>a failed login is recorded as {anonymous}, not {actor}</source>
        <translation>eine fehlgeschlagene Anmeldung wird als {anonymous} erfasst, nicht als {actor}</translation>
    </message>
    <message>
        <source>{name} may only {action} as themself</source>
        <translation>Aktion „{action}“: {name} darf dies nur für sich selbst</translation>
    </message>
    <message>
        <source>only the server may {action}</source>
        <translation>Aktion „{action}“ ist nur dem Server erlaubt</translation>
    </message>
    <message>
        <source>{name} is not logged in on terminal {terminal}, so cannot {action}</source>
        <translation>{name} ist nicht an Terminal {terminal} angemeldet; Aktion „{action}“ nicht erlaubt</translation>
    </message>
    <message>
        <source>{actor} is a machine, so cannot {action}</source>
        <translation>{actor} ist eine Maschine; Aktion „{action}“ nicht erlaubt</translation>
    </message>
    <message>
        <source>a machine raises only its own downtime, on the machine channel</source>
        <translation>eine Maschine meldet nur ihren eigenen Stillstand, über den Maschinenkanal</translation>
    </message>
    <message>
        <source>terminal {terminal} does not speak for machine source {source}: enroll its bridge with a code for that source</source>
        <translation>Terminal {terminal} spricht nicht für die Maschinenquelle {source}: registrieren Sie deren Bridge mit einem Code für diese Quelle</translation>
    </message>
    <message>
        <source>{actor} is not an enrolled user, so cannot {action}</source>
        <translation>{actor} ist kein registrierter Benutzer; Aktion „{action}“ nicht erlaubt</translation>
    </message>
    <message>
        <source>only {roles} may {action}; {name} is not one</source>
        <translation>Aktion „{action}“ nur für {roles} erlaubt; {name} gehört nicht dazu</translation>
    </message>
    <message>
        <source>{path}: {problem}. {remedy}</source>
        <translation>{path}: {problem}. {remedy}</translation>
    </message>
    <message>
        <source>its event log was changed outside Takt: {findings}</source>
        <translation>sein Ereignisprotokoll wurde außerhalb von Takt geändert: {findings}</translation>
    </message>
    <message>
        <source>Takt neither syncs nor records anything on it. Keep the file as it is for whoever investigates (`takt verify --database {path}` lists every finding), then move it aside and start Takt again: a fresh database syncs from the server (changes this terminal had not sent yet are only in the kept file)</source>
        <translation>Takt synchronisiert damit nichts mehr und erfasst nichts mehr darin. Bewahren Sie die Datei unverändert für die Untersuchung auf (`takt verify --database {path}` listet jeden Befund auf), verschieben Sie sie dann und starten Sie Takt erneut: Eine neue Datenbank wird vom Server synchronisiert (Änderungen, die dieses Terminal noch nicht gesendet hatte, sind nur in der aufbewahrten Datei)</translation>
    </message>
    <message>
        <source>This terminal&apos;s database is a copy of terminal {terminal}&apos;s: from seq {seq} on, the server holds other events under the same numbers. Its own changes are kept here and nothing more is sent; enroll it as a new terminal (takt enroll --new-identity) to send them.</source>
        <translation>Die Datenbank dieses Terminals ist eine Kopie der Datenbank von Terminal {terminal}: Ab Seq {seq} hält der Server unter denselben Nummern andere Ereignisse. Die eigenen Änderungen bleiben hier erhalten, und es wird nichts mehr gesendet; registrieren Sie es als neues Terminal (takt enroll --new-identity), um sie zu senden.</translation>
    </message>
    <message>
        <source>is this terminal&apos;s identity already</source>
        <translation>ist bereits die Identität dieses Terminals</translation>
    </message>
    <message>
        <source>{terminal} already has events in this database</source>
        <translation>{terminal} hat bereits Ereignisse in dieser Datenbank</translation>
    </message>
    <message>
        <source>{unsent} of its events are not acknowledged by a server and nothing shows this database is a copy; sync it first (the server tells which events are this copy&apos;s own)</source>
        <translation>{unsent} seiner Ereignisse sind von keinem Server bestätigt, und nichts zeigt, dass diese Datenbank eine Kopie ist; synchronisieren Sie sie zuerst (der Server teilt mit, welche Ereignisse zu dieser Kopie gehören)</translation>
    </message>
    <message>
        <source>it refers to something this terminal does not hold: {error}</source>
        <translation>es bezieht sich auf etwas, das dieses Terminal nicht hat: {error}</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>another Takt is already running on {path}. Switch to that window, or close it first; a second terminal on this computer needs its own --data-dir.</source>
        <translation>ein anderes Takt läuft bereits auf {path}. Wechseln Sie zu diesem Fenster oder schließen Sie es zuerst; ein zweites Terminal auf diesem Computer braucht ein eigenes --data-dir.</translation>
    </message>
    <message>
        <source>Takt cannot write its data here ({error})</source>
        <translation>Takt kann seine Daten hier nicht schreiben ({error})</translation>
    </message>
    <message>
        <source>Give this user write access to the folder, or start Takt with --data-dir (or TAKT_DATA_DIR) pointing to a writable folder.</source>
        <translation>Geben Sie diesem Benutzer Schreibrechte auf den Ordner oder starten Sie Takt mit --data-dir (oder TAKT_DATA_DIR), das auf einen beschreibbaren Ordner zeigt.</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>must be between 1 and 100</source>
        <translation>muss zwischen 1 und 100 liegen</translation>
    </message>
    <message>
        <source>unknown setting</source>
        <translation>unbekannte Einstellung</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>kein gültiges TOML ({error})</translation>
    </message>
    <message>
        <source>order quantity {quantity} × over-delivery {factor}</source>
        <translation>Auftragsmenge {quantity} × Überlieferung {factor}</translation>
    </message>
    <message>
        <source>the order needs {quantity} × over-issue {factor}</source>
        <translation>Auftragsbedarf {quantity} × Mehrentnahme {factor}</translation>
    </message>
    <message>
        <source>{min} to {max} digits</source>
        <translation>{min} bis {max} Ziffern</translation>
    </message>
    <message>
        <source>not the employee number, not part of it and not containing it</source>
        <translation>nicht die Personalnummer, kein Teil davon und sie nicht enthaltend</translation>
    </message>
    <message>
        <source>not one digit repeated (111111), not a run (123456, 654321), not a repeated group (121212, 123123)</source>
        <translation>keine wiederholte Ziffer (111111), keine Folge (123456, 654321), keine wiederholte Gruppe (121212, 123123)</translation>
    </message>
    <message>
        <source>must be {min} to {max} digits</source>
        <translation>muss {min} bis {max} Ziffern haben</translation>
    </message>
    <message>
        <source>must not be the employee number, contain it or be part of it</source>
        <translation>darf nicht die Personalnummer sein, sie enthalten oder Teil davon sein</translation>
    </message>
    <message>
        <source>is too easy to guess: one digit repeated ({example})</source>
        <translation>ist zu leicht zu erraten: eine wiederholte Ziffer ({example})</translation>
    </message>
    <message>
        <source>is too easy to guess: a run of digits (like 123456 or 654321)</source>
        <translation>ist zu leicht zu erraten: eine Ziffernfolge (wie 123456 oder 654321)</translation>
    </message>
    <message>
        <source>is too easy to guess: a repeated group of digits (like 121212 or 123123)</source>
        <translation>ist zu leicht zu erraten: eine wiederholte Zifferngruppe (wie 121212 oder 123123)</translation>
    </message>
    <message>
        <source>must be a number &gt;= {low}</source>
        <translation>muss eine Zahl &gt;= {low} sein</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}</source>
        <translation>{value} ist keiner der Werte {choices}</translation>
    </message>
    <message>
        <source>unknown priority class</source>
        <translation>unbekannte Prioritätsklasse</translation>
    </message>
    <message>
        <source>Exceptions by type</source>
        <translation>Meldungen nach Art</translation>
    </message>
    <message>
        <source>Downtime by reason</source>
        <translation>Stillstand nach Grund</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Lösungszeit</translation>
    </message>
    <message>
        <source>ERP posting lag by day</source>
        <translation>ERP-Buchungsverzögerung je Tag</translation>
    </message>
    <message>
        <source>SLA deadlines met, by function</source>
        <translation>Eingehaltene SLA-Fristen je Funktion</translation>
    </message>
    <message>
        <source>First-pass resolution by day</source>
        <translation>Beim ersten Mal gelöst, je Tag</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} T</translation>
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
        <translation>keine Funktion</translation>
    </message>
    <message>
        <source>n={n}</source>
        <translation>n={n}</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open</source>
        <translation>{n} Meldungen erfasst, {open} noch offen</translation>
    </message>
    <message>
        <source>{n} machine downtimes, {open} still open</source>
        <translation>{n} Maschinenstillstände, {open} noch offen</translation>
    </message>
    <message>
        <source>{n} resolved: median {median}, p90 {p90}; {open} still open</source>
        <translation>{n} gelöst: Median {median}, p90 {p90}; {open} noch offen</translation>
    </message>
    <message>
        <source>{n} postings queued, {open} not in the ERP yet; bars: median, line: p90</source>
        <translation>{n} Buchungen eingereiht, {open} noch nicht im ERP; Balken: Median, Linie: p90</translation>
    </message>
    <message>
        <source>{n} deadlines; dark: acknowledged in time, light: resolved in time</source>
        <translation>{n} Fristen; dunkel: rechtzeitig quittiert, hell: rechtzeitig gelöst</translation>
    </message>
    <message>
        <source>{n} exceptions, {open} not resolved yet</source>
        <translation>{n} Meldungen, {open} noch nicht gelöst</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>exceptions</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>median {value}</source>
        <translation>Median {value}</translation>
    </message>
    <message>
        <source>p90 {value}</source>
        <translation>p90 {value}</translation>
    </message>
    <message>
        <source>due in {time}</source>
        <translation>fällig in {time}</translation>
    </message>
    <message>
        <source>overdue {time}</source>
        <translation>{time} überfällig</translation>
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
        <translation>läuft seit {time}, {good} von {total} fertig</translation>
    </message>
    <message>
        <source>running, {good} of {total} done</source>
        <translation>läuft, {good} von {total} fertig</translation>
    </message>
    <message>
        <source>{running}; machine down ({reason})</source>
        <translation>{running}; Maschinenstörung ({reason})</translation>
    </message>
    <message>
        <source>on hold: {reason}</source>
        <translation>gesperrt: {reason}</translation>
    </message>
    <message>
        <source>blocked: machine down ({reason})</source>
        <translation>blockiert: Maschinenstörung ({reason})</translation>
    </message>
    <message>
        <source>blocked: machine down (no reason yet)</source>
        <translation>blockiert: Maschinenstörung (noch kein Grund)</translation>
    </message>
    <message>
        <source>blocked: short {qty} of {item}, {due}</source>
        <translation>blockiert: {qty} {item} fehlen, {due}</translation>
    </message>
    <message>
        <source>waiting for op {seq} at {work_center}, {due}</source>
        <translation>wartet auf AG {seq} an {work_center}, {due}</translation>
    </message>
    <message>
        <source>late</source>
        <translation>verspätet</translation>
    </message>
    <message>
        <source>late risk: critical ratio {cr}</source>
        <translation>Verspätungsrisiko: kritisches Verhältnis {cr}</translation>
    </message>
    <message>
        <source>same setup family as running job ({family})</source>
        <translation>gleiche Rüstfamilie wie laufender Arbeitsgang ({family})</translation>
    </message>
    <message>
        <source>critical ratio {cr}</source>
        <translation>kritisches Verhältnis {cr}</translation>
    </message>
    <message>
        <source>customer {customer} ({priority})</source>
        <translation>Kunde {customer} ({priority})</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP already holds it as {document}</source>
        <translation>Aktion „{doing}“ nicht möglich: Das ERP führt sie bereits als {document}</translation>
    </message>
    <message>
        <source>cannot {doing}: the posting was cancelled</source>
        <translation>Aktion „{doing}“ nicht möglich: Die Buchung wurde storniert</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP holds {document} for an event Takt refused</source>
        <translation>{doing} nicht möglich: Das ERP hat {document} zu einem Ereignis, das Takt abgelehnt hat</translation>
    </message>
    <message>
        <source>only a document of an event Takt refused is recorded as reversed in the ERP; this posting is {status}</source>
        <translation>Nur ein Dokument eines von Takt abgelehnten Ereignisses wird als im ERP storniert erfasst; diese Buchung ist {status}</translation>
    </message>
    <message>
        <source>posting</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>already posted as {document}</source>
        <translation>bereits gebucht als {document}</translation>
    </message>
    <message>
        <source>record a failure</source>
        <translation>Fehlschlag erfassen</translation>
    </message>
    <message>
        <source>retry it</source>
        <translation>Buchung erneut senden</translation>
    </message>
    <message>
        <source>edit it</source>
        <translation>Buchung bearbeiten</translation>
    </message>
    <message>
        <source>cancel it</source>
        <translation>Buchung stornieren</translation>
    </message>
    <message>
        <source>posting {id} is {status} already</source>
        <translation>Buchung {id} ist bereits {status}</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Verantwortlicher</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>Verwendungsentscheid</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} was resolved by {by} at {at} UTC</source>
        <translation>Aktion „{doing}“ nicht möglich: Meldung {exception} wurde von {by} am {at} UTC gelöst</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} is {status}</source>
        <translation>Aktion „{doing}“ nicht möglich: Meldung {exception} ist {status}</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>already acknowledged by {by}</source>
        <translation>bereits quittiert von {by}</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>exception {exception} is already closed</source>
        <translation>Meldung {exception} ist bereits geschlossen</translation>
    </message>
    <message>
        <source>cannot close exception {exception}: it is {status}, not resolved</source>
        <translation>Meldung {exception} kann nicht geschlossen werden: Sie ist {status}, nicht gelöst</translation>
    </message>
    <message>
        <source>cannot reopen exception {exception}: it is {status}</source>
        <translation>Meldung {exception} kann nicht wieder geöffnet werden: Sie ist {status}</translation>
    </message>
    <message>
        <source>{fact} of exception {exception} is already recorded</source>
        <translation>{fact} von Meldung {exception} ist bereits erfasst</translation>
    </message>
    <message>
        <source>task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>task {task} is already {status}</source>
        <translation>Aufgabe {task} ist bereits {status}</translation>
    </message>
    <message>
        <source>task {task} was already done by {by}</source>
        <translation>Aufgabe {task} wurde bereits von {by} erledigt</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>Arbeitsgang</translation>
    </message>
    <message>
        <source>operation {op} is already running</source>
        <translation>Arbeitsgang {op} läuft bereits</translation>
    </message>
    <message>
        <source>cannot start operation {op}: it was completed</source>
        <translation>Arbeitsgang {op} kann nicht gestartet werden: Er ist abgeschlossen</translation>
    </message>
    <message>
        <source>cannot confirm operation {op}: it was already completed</source>
        <translation>Arbeitsgang {op} kann nicht rückgemeldet werden: Er ist bereits abgeschlossen</translation>
    </message>
    <message>
        <source>operation {op}: good + scrap would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may confirm more</source>
        <translation>Arbeitsgang {op}: Gut + Ausschuss ergäben {total}, über der Grenze von {limit} ({basis}); nur Schichtleitung oder Produktionsleitung darf mehr rückmelden</translation>
    </message>
    <message>
        <source>target operation</source>
        <translation>Ziel-Arbeitsgang</translation>
    </message>
    <message>
        <source>lot {lot} holds item {held}, not {item}</source>
        <translation>Charge {lot} enthält Artikel {held}, nicht {item}</translation>
    </message>
    <message>
        <source>lot {lot} is on quality hold</source>
        <translation>Charge {lot} ist qualitätsgesperrt</translation>
    </message>
    <message>
        <source>lot {lot} is on hold: {reason}</source>
        <translation>Charge {lot} ist gesperrt: {reason}</translation>
    </message>
    <message>
        <source>work order</source>
        <translation>Fertigungsauftrag</translation>
    </message>
    <message>
        <source>work order {order} is {status}: nothing is issued to it</source>
        <translation>Fertigungsauftrag {order} ist {status}: Es wird kein Material dafür entnommen</translation>
    </message>
    <message>
        <source>operation {op} is not part of work order {order}</source>
        <translation>Arbeitsgang {op} gehört nicht zu Fertigungsauftrag {order}</translation>
    </message>
    <message>
        <source>item {item} is not a material of work order {order}</source>
        <translation>Artikel {item} ist kein Material von Fertigungsauftrag {order}</translation>
    </message>
    <message>
        <source>{item} issued to work order {order} would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may issue more</source>
        <translation>die Entnahme von {item} für Fertigungsauftrag {order} ergäbe {total}, über der Grenze von {limit} ({basis}); nur Schichtleitung oder Produktionsleitung darf mehr entnehmen</translation>
    </message>
    <message>
        <source>work order {order} is already {state} in the ERP</source>
        <translation>Fertigungsauftrag {order} ist im ERP bereits {state}</translation>
    </message>
    <message>
        <source>{what} {key} is unknown</source>
        <translation>{what} {key} ist unbekannt</translation>
    </message>
    <message>
        <source>no rule fits and there is no catch-all rule at the end</source>
        <translation>keine Regel passt, und am Ende steht keine Auffangregel</translation>
    </message>
    <message>
        <source>must be a number of minutes above 0</source>
        <translation>muss eine Minutenzahl über 0 sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>there must be at least one [[rules]] entry</source>
        <translation>es muss mindestens einen [[rules]]-Eintrag geben</translation>
    </message>
    <message>
        <source>unknown match key</source>
        <translation>unbekannter match-Schlüssel</translation>
    </message>
    <message>
        <source>missing: who owns exceptions of this rule</source>
        <translation>fehlt: wer für Meldungen dieser Regel verantwortlich ist</translation>
    </message>
    <message>
        <source>must not be shorter than ack_minutes</source>
        <translation>darf nicht kürzer als ack_minutes sein</translation>
    </message>
    <message>
        <source>tiers must come later and later</source>
        <translation>die Stufen müssen zeitlich aufsteigend sein</translation>
    </message>
    <message>
        <source>missing: what the function must do</source>
        <translation>fehlt: was die Funktion tun muss</translation>
    </message>
    <message>
        <source>only {when} is known</source>
        <translation>nur {when} ist bekannt</translation>
    </message>
    <message>
        <source>the last rule must match everything (no match)</source>
        <translation>die letzte Regel muss auf alles passen (kein match)</translation>
    </message>
    <message>
        <source>must be a [[rules]] table</source>
        <translation>muss eine [[rules]]-Tabelle sein</translation>
    </message>
    <message>
        <source>must be a table, e.g. { kind = ... }</source>
        <translation>muss eine Tabelle sein, z. B. { kind = ... }</translation>
    </message>
    <message>
        <source>must be a list of tables</source>
        <translation>muss eine Liste von Tabellen sein</translation>
    </message>
    <message>
        <source>must be a table { ... }</source>
        <translation>muss eine Tabelle { ... } sein</translation>
    </message>
    <message>
        <source>say why (at least a few words): it is shown on the board</source>
        <translation>Begründung angeben (mindestens ein paar Wörter): Sie wird im Leitstand angezeigt</translation>
    </message>
    <message>
        <source>{order} op {seq}</source>
        <translation>{order} AG {seq}</translation>
    </message>
    <message>
        <source>{job} is running already; its place does not change until it is done</source>
        <translation>{job} läuft bereits; sein Platz ändert sich erst, wenn er fertig ist</translation>
    </message>
    <message>
        <source>{job} is {reason}; release the hold first</source>
        <translation>{job}: {reason}; heben Sie zuerst die Sperre auf</translation>
    </message>
    <message>
        <source>{job} cannot go first now ({reason}); resolve what stops it, or move it before another job instead</source>
        <translation>{job} kann jetzt nicht an die Spitze ({reason}); beheben Sie, was ihn aufhält, oder reihen Sie ihn stattdessen vor einem anderen Arbeitsgang ein</translation>
    </message>
    <message>
        <source>nothing goes before {job}: it is running</source>
        <translation>vor {job} kann nichts eingereiht werden: Er läuft</translation>
    </message>
    <message>
        <source>unknown operation {id}</source>
        <translation>unbekannter Arbeitsgang {id}</translation>
    </message>
    <message>
        <source>{op} is already completed</source>
        <translation>{op} ist bereits abgeschlossen</translation>
    </message>
    <message>
        <source>choose the job to move before</source>
        <translation>wählen Sie den Arbeitsgang, vor dem eingereiht werden soll</translation>
    </message>
    <message>
        <source>choose the job to move after</source>
        <translation>wählen Sie den Arbeitsgang, nach dem eingereiht werden soll</translation>
    </message>
    <message>
        <source>{op} is not in {work_center}&apos;s lane</source>
        <translation>{op} ist nicht im Arbeitsvorrat von {work_center}</translation>
    </message>
    <message>
        <source>a job cannot move relative to itself</source>
        <translation>ein Arbeitsgang kann nicht relativ zu sich selbst eingereiht werden</translation>
    </message>
    <message>
        <source>a pin takes no target</source>
        <translation>Oben fixieren braucht kein Ziel</translation>
    </message>
    <message>
        <source>a hold takes no target</source>
        <translation>Sperren braucht kein Ziel</translation>
    </message>
    <message>
        <source>{op} has no override to clear</source>
        <translation>{op} hat keine Übersteuerung zum Aufheben</translation>
    </message>
    <message>
        <source>unknown work center {code}</source>
        <translation>unbekannter Arbeitsplatz {code}</translation>
    </message>
    <message>
        <source>no active hold {id}</source>
        <translation>keine aktive Sperre {id}</translation>
    </message>
    <message>
        <source>say why (a few words): it is kept with the posting</source>
        <translation>Begründung angeben (ein paar Wörter): Sie wird mit der Buchung gespeichert</translation>
    </message>
    <message>
        <source>keep it under {n} characters</source>
        <translation>weniger als {n} Zeichen verwenden</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>muss Text sein</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>cannot be changed here</source>
        <translation>kann hier nicht geändert werden</translation>
    </message>
    <message>
        <source>change at least one field</source>
        <translation>ändern Sie mindestens ein Feld</translation>
    </message>
    <message>
        <source>this posting has no such field</source>
        <translation>diese Buchung hat kein solches Feld</translation>
    </message>
    <message>
        <source>cannot be changed: it says what the posting is</source>
        <translation>kann nicht geändert werden: Es legt fest, was die Buchung ist</translation>
    </message>
    <message>
        <source>nothing changed: change at least one field</source>
        <translation>nichts geändert: Ändern Sie mindestens ein Feld</translation>
    </message>
    <message>
        <source>record it as reversed</source>
        <translation>sie als storniert erfassen</translation>
    </message>
    <message>
        <source>unknown posting {id}</source>
        <translation>unbekannte Buchung {id}</translation>
    </message>
    <message>
        <source>it is {status}, not refused: the ERP writer is still sending it</source>
        <translation>sie ist {status}, nicht abgelehnt: Die ERP-Schnittstelle sendet sie noch</translation>
    </message>
    <message>
        <source>missing: say which material is short</source>
        <translation>fehlt: Angabe, welches Material fehlt</translation>
    </message>
    <message>
        <source>missing: say which machine is down</source>
        <translation>fehlt: Angabe, welche Maschine steht</translation>
    </message>
    <message>
        <source>missing: say which order changes</source>
        <translation>fehlt: Angabe, welcher Fertigungsauftrag sich ändert</translation>
    </message>
    <message>
        <source>missing: say which material is replaced</source>
        <translation>fehlt: Angabe, welches Material ersetzt wird</translation>
    </message>
    <message>
        <source>missing: say for which order</source>
        <translation>fehlt: Angabe, für welchen Fertigungsauftrag</translation>
    </message>
    <message>
        <source>missing: name the lot, item, order or operation held</source>
        <translation>fehlt: gesperrte Charge, gesperrten Artikel, Fertigungsauftrag oder Arbeitsgang angeben</translation>
    </message>
    <message>
        <source>missing: pick a downtime reason</source>
        <translation>fehlt: Stillstandsgrund wählen</translation>
    </message>
    <message>
        <source>missing: which material is proposed instead</source>
        <translation>fehlt: welches Material stattdessen vorgeschlagen wird</translation>
    </message>
    <message>
        <source>missing: say what happened in a few words</source>
        <translation>fehlt: in wenigen Worten sagen, was passiert ist</translation>
    </message>
    <message>
        <source>work center</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>substitute</source>
        <translation>Ersatzmaterial</translation>
    </message>
    <message>
        <source>unknown {what} {value}</source>
        <translation>{what} {value} unbekannt</translation>
    </message>
    <message>
        <source>unknown exception {id}</source>
        <translation>unbekannte Meldung {id}</translation>
    </message>
    <message>
        <source>it is resolved; reopen it first</source>
        <translation>sie ist gelöst; öffnen Sie sie zuerst wieder</translation>
    </message>
    <message>
        <source>unknown user {user}</source>
        <translation>unbekannter Benutzer {user}</translation>
    </message>
    <message>
        <source>it already belongs there</source>
        <translation>sie ist bereits dort zugeordnet</translation>
    </message>
    <message>
        <source>decide this</source>
        <translation>Entscheidung treffen</translation>
    </message>
    <message>
        <source>it is already resolved</source>
        <translation>sie ist bereits gelöst</translation>
    </message>
    <message>
        <source>missing: say what was decided and done</source>
        <translation>fehlt: Angabe, was entschieden und getan wurde</translation>
    </message>
    <message>
        <source>only a resolved exception can be closed</source>
        <translation>nur eine gelöste Meldung kann geschlossen werden</translation>
    </message>
    <message>
        <source>it is still open</source>
        <translation>sie ist noch offen</translation>
    </message>
    <message>
        <source>unknown task {id}</source>
        <translation>unbekannte Aufgabe {id}</translation>
    </message>
    <message>
        <source>must be at most {max}</source>
        <translation>darf höchstens {max} sein</translation>
    </message>
    <message>
        <source>{op} is already running</source>
        <translation>{op} läuft bereits</translation>
    </message>
    <message>
        <source>{op} cannot start: it is {status}</source>
        <translation>{op} kann nicht gestartet werden: Er ist {status}</translation>
    </message>
    <message>
        <source>{op} is on hold: {reason}</source>
        <translation>{op} ist gesperrt: {reason}</translation>
    </message>
    <message>
        <source>{work_center} is running {op}; confirm it before starting another job</source>
        <translation>{work_center} fertigt gerade {op}; melden Sie ihn zurück, bevor Sie einen anderen Arbeitsgang starten</translation>
    </message>
    <message>
        <source>enter a good or scrap quantity</source>
        <translation>Gut- oder Ausschussmenge eingeben</translation>
    </message>
    <message>
        <source>start {op} before confirming quantities on it</source>
        <translation>starten Sie {op}, bevor Sie Mengen dazu rückmelden</translation>
    </message>
    <message>
        <source>at most {limit} good + scrap on {op} ({basis}); {already} reported so far, so at most {left} more. A supervisor may confirm more</source>
        <translation>höchstens {limit} Gut + Ausschuss für {op} ({basis}); bisher {already} rückgemeldet, also höchstens {left} mehr. Die Schichtleitung kann mehr rückmelden</translation>
    </message>
    <message>
        <source>choose the material</source>
        <translation>Material wählen</translation>
    </message>
    <message>
        <source>enter a quantity above zero</source>
        <translation>Menge größer als null eingeben</translation>
    </message>
    <message>
        <source>work order {order} takes no more material</source>
        <translation>für Fertigungsauftrag {order} kann kein Material mehr entnommen werden</translation>
    </message>
    <message>
        <source>{item} is not a material of work order {order}</source>
        <translation>{item} ist kein Material von Fertigungsauftrag {order}</translation>
    </message>
    <message>
        <source>at most {limit} of {item} on work order {order} ({basis}); {already} issued so far, so at most {left} more. A supervisor may issue more</source>
        <translation>höchstens {limit} von {item} für Fertigungsauftrag {order} ({basis}); bisher {already} entnommen, also höchstens {left} mehr. Die Schichtleitung kann mehr entnehmen</translation>
    </message>
    <message>
        <source>site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>shift calendar</source>
        <translation>Schichtkalender</translation>
    </message>
    <message>
        <source>setup family</source>
        <translation>Rüstfamilie</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>send a change again</source>
        <translation>Änderung erneut senden</translation>
    </message>
    <message>
        <source>drop a refused change</source>
        <translation>Abgelehnte Änderung verwerfen</translation>
    </message>
    <message>
        <source>{name} has already sent it again</source>
        <translation>{name} hat sie bereits erneut gesendet</translation>
    </message>
    <message>
        <source>{name} has already dropped it</source>
        <translation>{name} hat sie bereits verworfen</translation>
    </message>
    <message>
        <source>this terminal recorded no event {id}</source>
        <translation>dieses Terminal hat kein Ereignis {id} erfasst</translation>
    </message>
    <message>
        <source>the server has not refused it</source>
        <translation>der Server hat sie nicht abgelehnt</translation>
    </message>
    <message>
        <source>say why it can go (a few words): it is kept</source>
        <translation>begründen Sie, warum sie verworfen werden kann (ein paar Wörter): Die Begründung wird gespeichert</translation>
    </message>
    <message>
        <source>must be a non-empty text</source>
        <translation>muss ein nicht leerer Text sein</translation>
    </message>
    <message>
        <source>{version} is not {expected} (a newer Takt?)</source>
        <translation>{version} ist nicht {expected} (ein neueres Takt?)</translation>
    </message>
    <message>
        <source>must be a port number</source>
        <translation>muss eine Portnummer sein</translation>
    </message>
    <message>
        <source>must start with http:// or https://</source>
        <translation>muss mit http:// oder https:// beginnen</translation>
    </message>
    <message>
        <source>unknown role</source>
        <translation>unbekannte Rolle</translation>
    </message>
    <message>
        <source>not an email address: {address}</source>
        <translation>keine E-Mail-Adresse: {address}</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>the disk is full, so nothing of this change was saved</source>
        <translation>der Datenträger ist voll, daher wurde nichts von dieser Änderung gespeichert</translation>
    </message>
    <message>
        <source>Free some space on that disk (or ask IT to), then do it again; everything saved before is intact</source>
        <translation>Geben Sie Speicherplatz auf diesem Datenträger frei (oder bitten Sie die IT darum) und wiederholen Sie den Vorgang; alles zuvor Gespeicherte ist unversehrt</translation>
    </message>
    <message>
        <source>The file was left untouched. Move it aside (keep it for support) and start Takt again to create a fresh database, which then syncs from the server.</source>
        <translation>Die Datei wurde nicht verändert. Verschieben Sie sie (bewahren Sie sie für den Support auf) und starten Sie Takt erneut, um eine neue Datenbank anzulegen, die dann vom Server synchronisiert wird.</translation>
    </message>
    <message>
        <source>this is not a Takt database (not SQLite)</source>
        <translation>dies ist keine Takt-Datenbank (kein SQLite)</translation>
    </message>
    <message>
        <source>the database is damaged ({problem})</source>
        <translation>die Datenbank ist beschädigt ({problem})</translation>
    </message>
    <message>
        <source>this SQLite file was not written by Takt</source>
        <translation>diese SQLite-Datei wurde nicht von Takt geschrieben</translation>
    </message>
    <message>
        <source>the database was written by a newer Takt (schema {revision})</source>
        <translation>die Datenbank wurde von einem neueren Takt geschrieben (Schema {revision})</translation>
    </message>
    <message>
        <source>The file was left untouched. Install that newer Takt on this terminal, or open another --data-dir.</source>
        <translation>Die Datei wurde nicht verändert. Installieren Sie dieses neuere Takt auf diesem Terminal oder öffnen Sie ein anderes --data-dir.</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>gemeldet</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>quittiert</translation>
    </message>
    <message>
        <source>in_progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>gelöst</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>acknowledge deadline</source>
        <translation>Quittierfrist</translation>
    </message>
    <message>
        <source>resolve deadline</source>
        <translation>Lösungsfrist</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>in Übertragung</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>gebucht</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>verwaist</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Werker</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Schichtleitung</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>Qualitätssicherung</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>Instandhaltung</translation>
    </message>
    <message>
        <source>procurement</source>
        <translation>Einkauf</translation>
    </message>
    <message>
        <source>customer service</source>
        <translation>Kundenservice</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Produktionsleitung</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Administration</translation>
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
        <translation>{said} oder {part}</translation>
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
        <source>must be one of {choices}</source>
        <translation>muss einer der Werte {choices} sein</translation>
    </message>
    <message>
        <source>must be a time zone name such as Europe/Berlin</source>
        <translation>muss der Name einer Zeitzone sein, z. B. Europe/Berlin</translation>
    </message>
    <message>
        <source>must be a table (name = value, one a line)</source>
        <translation>muss eine Tabelle sein (Name = Wert, einer je Zeile)</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; = {entry}: {problem}</source>
        <translation>&quot;{key}&quot; = {entry}: {problem}</translation>
    </message>
    <message>
        <source>must be a name or a list of names</source>
        <translation>muss ein Name oder eine Liste von Namen sein</translation>
    </message>
    <message>
        <source>the file needs at least one [[areas]] table</source>
        <translation>die Datei braucht mindestens eine [[areas]]-Tabelle</translation>
    </message>
    <message>
        <source>must be a table</source>
        <translation>muss eine Tabelle sein</translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation>ist kein bekanntes Feld</translation>
    </message>
    <message>
        <source>no area {area} in the plant</source>
        <translation>kein Bereich {area} im Werk</translation>
    </message>
    <message>
        <source>{value} is given twice (also in {other})</source>
        <translation>{value} ist doppelt angegeben (auch in {other})</translation>
    </message>
    <message>
        <source>no shift {shift}</source>
        <translation>keine Schicht {shift}</translation>
    </message>
    <message>
        <source>must be after starts</source>
        <translation>muss nach starts liegen</translation>
    </message>
    <message>
        <source>the area&apos;s code is missing</source>
        <translation>der Code des Bereichs fehlt</translation>
    </message>
    <message>
        <source>say why (at least a few words)</source>
        <translation>Begründung angeben (mindestens ein paar Wörter)</translation>
    </message>
    <message>
        <source>no area {area}</source>
        <translation>kein Bereich {area}</translation>
    </message>
    <message>
        <source>{area} has no shift {shift} on {day}</source>
        <translation>{area} hat am {day} keine Schicht {shift}</translation>
    </message>
    <message>
        <source>shift {shift} has not started yet</source>
        <translation>Schicht {shift} hat noch nicht begonnen</translation>
    </message>
    <message>
        <source>unknown for {kind}; known: {known}</source>
        <translation>unbekannt für {kind}; bekannt: {known}</translation>
    </message>
    <message>
        <source>Odoo needs its database name</source>
        <translation>Odoo braucht seinen Datenbanknamen</translation>
    </message>
    <message>
        <source>must be above 0</source>
        <translation>muss größer als 0 sein</translation>
    </message>
    <message>
        <source>no ERP API key stored: run `takt erp configure`</source>
        <translation>kein ERP-API-Schlüssel gespeichert: `takt erp configure` ausführen</translation>
    </message>
    <message>
        <source>no ERPNext API secret stored</source>
        <translation>kein ERPNext-API-Secret gespeichert</translation>
    </message>
    <message>
        <source>refused: kind: unknown event kind {kind}</source>
        <translation>abgelehnt: kind: unbekannte Ereignisart {kind}</translation>
    </message>
    <message>
        <source>payload.{field}: {problem}</source>
        <translation>payload.{field}: {problem}</translation>
    </message>
    <message>
        <source>refused: {problems}</source>
        <translation>abgelehnt: {problems}</translation>
    </message>
    <message>
        <source>fork: the server holds terminal {terminal}&apos;s seq {seq} with other content; this database is a copy of that terminal&apos;s</source>
        <translation>Fork: Der Server hält Seq {seq} von Terminal {terminal} mit anderem Inhalt; diese Datenbank ist eine Kopie dieses Terminals</translation>
    </message>
    <message>
        <source>gap: the server holds up to seq {last}, the batch went on at {seq}</source>
        <translation>Lücke: Der Server hält Ereignisse bis Seq {last}, der Stapel setzte bei {seq} fort</translation>
    </message>
    <message>
        <source>not allowed: {reason}</source>
        <translation>nicht erlaubt: {reason}</translation>
    </message>
    <message>
        <source>the server could not apply it: {problem}</source>
        <translation>der Server konnte sie nicht anwenden: {problem}</translation>
    </message>
    <message>
        <source>is {seq} after {before}: a batch is one unbroken stretch of the terminal&apos;s chain</source>
        <translation>ist {seq} nach {before}: Ein Stapel ist ein lückenloser Abschnitt der Kette des Terminals</translation>
    </message>
    <message>
        <source>{code} has no machine mapping</source>
        <translation>{code} hat keine Maschinenzuordnung</translation>
    </message>
    <message>
        <source>{code} is no downtime reason</source>
        <translation>{code} ist kein Stillstandsgrund</translation>
    </message>
    <message>
        <source>no downtime {key} of {work_center}</source>
        <translation>kein Stillstand {key} an {work_center}</translation>
    </message>
    <message>
        <source>the reason of {key} could be changed until {until}</source>
        <translation>der Grund von {key} konnte bis {until} geändert werden</translation>
    </message>
    <message>
        <source>exception {exception} is not a machine&apos;s downtime</source>
        <translation>Meldung {exception} ist keine Maschinenstörung</translation>
    </message>
    <message>
        <source>reason_code: {code} is not in the downtime reason list</source>
        <translation>reason_code: {code} steht nicht in der Liste der Stillstandsgründe</translation>
    </message>
    <message>
        <source>the reason of this downtime could be given until {until} UTC</source>
        <translation>der Grund dieses Stillstands konnte bis {until} UTC angegeben werden</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Maschinen</translation>
    </message>
    <message>
        <source>Read now</source>
        <translation>Jetzt lesen</translation>
    </message>
    <message>
        <source>Reading the machine diagnostics from the server…</source>
        <translation>Die Maschinendiagnose wird vom Server gelesen…</translation>
    </message>
    <message>
        <source>Read from the server at {time}; read again every few seconds.</source>
        <translation>Vom Server gelesen um {time}; wird alle paar Sekunden neu gelesen.</translation>
    </message>
    <message>
        <source>No machine diagnostics on this terminal.</source>
        <translation>Keine Maschinendiagnose auf diesem Terminal.</translation>
    </message>
    <message>
        <source>This terminal follows no Takt server. The server reads the machine signals (takt server --machines FILE); connect this terminal to it to see them here.</source>
        <translation>Dieses Terminal ist mit keinem Takt-Server verbunden. Die Maschinensignale liest der Server (takt server --machines FILE); verbinden Sie dieses Terminal mit ihm, um sie hier zu sehen.</translation>
    </message>
    <message>
        <source>The server reads no machine signals.</source>
        <translation>Der Server liest keine Maschinensignale.</translation>
    </message>
    <message>
        <source>The server was started without a machine mapping, so no machine reports to it. Start it with one (takt server --machines FILE) to see every machine, its signal sources and their devices here.</source>
        <translation>Der Server wurde ohne Maschinenzuordnung gestartet, daher meldet ihm keine Maschine etwas. Starten Sie ihn mit einer (takt server --machines FILE), um hier jede Maschine, ihre Signalquellen und deren Geräte zu sehen.</translation>
    </message>
    <message>
        <source>The server cannot be reached; shown: what was read at {time}. Trying again every few seconds.</source>
        <translation>Der Server ist nicht erreichbar; angezeigt wird der Stand von {time}. Neuer Versuch alle paar Sekunden.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so the machine diagnostics cannot be read. Trying again every few seconds.</source>
        <translation>Der Server ist nicht erreichbar, daher kann die Maschinendiagnose nicht gelesen werden. Neuer Versuch alle paar Sekunden.</translation>
    </message>
    <message>
        <source>Recorded: {events} events; {unusable} readings unusable, {unrouted} readings of no work center.</source>
        <translation>Aufgezeichnet: {events} Ereignisse; {unusable} Messwerte unbrauchbar, {unrouted} Messwerte keines Arbeitsplatzes.</translation>
    </message>
    <message>
        <source>Last failure: {failure}</source>
        <translation>Letzter Fehler: {failure}</translation>
    </message>
    <message>
        <source>Pick a source, edge node or device to see everything about it and the payloads it quarantined, with the reasons.</source>
        <translation>Wählen Sie eine Quelle, einen Edge-Knoten oder ein Gerät, um alles darüber zu sehen und die Nachrichten in Quarantäne mit ihren Gründen.</translation>
    </message>
    <message numerus="yes">
        <source>no reason given · %n more stop(s) without one</source>
        <translation>
            <numerusform>kein Grund angegeben · %n weiterer Stillstand ohne Grund</numerusform>
            <numerusform>kein Grund angegeben · %n weitere Stillstände ohne Grund</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason saved: {work_center} stopped for “{reason}”.</source>
        <translation>Grund gespeichert: {work_center} stand still wegen „{reason}“.</translation>
    </message>
    <message>
        <source>noted the handover of {shift}</source>
        <translation>Notiz zur Übergabe von {shift} gespeichert</translation>
    </message>
    <message>
        <source>handed over shift {shift}</source>
        <translation>Schicht {shift} übergeben</translation>
    </message>
    <message>
        <source>accepted a handover item</source>
        <translation>Übergabepunkt angenommen</translation>
    </message>
    <message>
        <source>queried a handover item</source>
        <translation>Rückfrage zu einem Übergabepunkt gestellt</translation>
    </message>
    <message>
        <source>answered a handover query</source>
        <translation>Rückfrage zur Übergabe beantwortet</translation>
    </message>
    <message>
        <source>signed the handover of {shift}</source>
        <translation>Übergabe von {shift} abgezeichnet</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>Schichtübergabe</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Shift note</source>
        <translation>Schichtnotiz</translation>
    </message>
    <message>
        <source>Your note on the picked item</source>
        <translation>Ihre Notiz zum gewählten Punkt</translation>
    </message>
    <message>
        <source>What the next shift should know</source>
        <translation>Was die nächste Schicht wissen sollte</translation>
    </message>
    <message>
        <source>A question about the picked item, or the answer</source>
        <translation>Eine Frage zum gewählten Punkt oder die Antwort</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Notiz speichern</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Rückfrage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Abzeichnen</translation>
    </message>
    <message>
        <source>This area has no shifts in its calendar.</source>
        <translation>Dieser Bereich hat keine Schichten im Kalender.</translation>
    </message>
    <message>
        <source>Signed by {name}: the handover is complete.</source>
        <translation>Abgezeichnet von {name}: Die Übergabe ist abgeschlossen.</translation>
    </message>
    <message>
        <source>Handed over by {name}, not signed yet.</source>
        <translation>Übergeben von {name}, noch nicht abgezeichnet.</translation>
    </message>
    <message>
        <source>Shift running until {end}: not handed over yet.</source>
        <translation>Schicht läuft bis {end}: noch nicht übergeben.</translation>
    </message>
    <message>
        <source>Shift over: not handed over yet.</source>
        <translation>Schicht vorbei: noch nicht übergeben.</translation>
    </message>
    <message>
        <source>{raised} raised, {resolved} resolved, {open} still open · downtime {down} · good {good} of {planned} planned · {overrides} overrides · {refused} refused by the ERP</source>
        <translation>{raised} gemeldet, {resolved} gelöst, {open} noch offen · Stillstand {down} · Gut {good} von {planned} geplant · {overrides} Übersteuerungen · {refused} vom ERP abgelehnt</translation>
    </message>
    <message>
        <source>Open items ({n})</source>
        <translation>Offene Punkte ({n})</translation>
    </message>
    <message>
        <source>Exceptions ({n})</source>
        <translation>Meldungen ({n})</translation>
    </message>
    <message>
        <source>Downtime ({n})</source>
        <translation>Stillstände ({n})</translation>
    </message>
    <message>
        <source>Output ({n})</source>
        <translation>Ausbringung ({n})</translation>
    </message>
    <message>
        <source>Overrides ({n})</source>
        <translation>Übersteuerungen ({n})</translation>
    </message>
    <message>
        <source>ERP refused ({n})</source>
        <translation>ERP-Ablehnungen ({n})</translation>
    </message>
    <message>
        <source>Pick an item to note, accept or query it.</source>
        <translation>Wählen Sie einen Punkt für Notiz, Annahme oder Rückfrage.</translation>
    </message>
    <message>
        <source>Queried: {text}</source>
        <translation>Rückfrage: {text}</translation>
    </message>
    <message>
        <source>Answer: {text}</source>
        <translation>Antwort: {text}</translation>
    </message>
    <message>
        <source>Material shortage</source>
        <translation>Materialmangel</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Mengenänderung</translation>
    </message>
    <message>
        <source>Date change</source>
        <translation>Terminänderung</translation>
    </message>
    <message>
        <source>Specification change</source>
        <translation>Spezifikationsänderung</translation>
    </message>
    <message>
        <source>Not an exception</source>
        <translation>Keine Meldung</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
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
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Klärung</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Lieferant</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Im Text</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Nothing in this period</source>
        <translation>Nichts in diesem Zeitraum</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>kumuliert</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 h</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>Audit as CSV…</source>
        <translation>Audit-CSV…</translation>
    </message>
    <message>
        <source>Audit as PDF…</source>
        <translation>Audit-PDF…</translation>
    </message>
    <message>
        <source>Open exception</source>
        <translation>Meldung öffnen</translation>
    </message>
    <message>
        <source>Pick a bar to list what is behind it.</source>
        <translation>Wählen Sie einen Balken, um aufzulisten, was dahintersteht.</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} bis {end}</translation>
    </message>
    <message>
        <source>The metrics could not be read: {error}</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>{chart}: {bar} — {n} listed</source>
        <translation>{chart}: {bar} — {n} aufgelistet</translation>
    </message>
    <message>
        <source>Audit as CSV</source>
        <translation>Audit als CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Audit as PDF</source>
        <translation>Audit als PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Audit written.</source>
        <translation>Audit geschrieben.</translation>
    </message>
    <message>
        <source>The audit could not be written: {error}</source>
        <translation>Das Audit konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>Schichtübergabe</translation>
    </message>
    <message>
        <source>handover {handover} is not handed over yet</source>
        <translation>Schichtübergabe {handover} ist noch nicht übergeben</translation>
    </message>
    <message>
        <source>handover {handover} is signed already, by {by}</source>
        <translation>Schichtübergabe {handover} ist bereits abgezeichnet, von {by}</translation>
    </message>
    <message>
        <source>{actor} handed this shift over; the incoming lead must take it</source>
        <translation>{actor} hat diese Schicht übergeben; die übernehmende Schichtleitung muss sie annehmen</translation>
    </message>
    <message>
        <source>{item} is not an item of handover {handover}</source>
        <translation>{item} ist kein Punkt der Schichtübergabe {handover}</translation>
    </message>
    <message>
        <source>handover {handover} is handed over already: notes are closed</source>
        <translation>Schichtübergabe {handover} ist bereits übergeben: Notizen sind geschlossen</translation>
    </message>
    <message>
        <source>handover {handover} was handed over already, by {by}</source>
        <translation>Schichtübergabe {handover} wurde bereits übergeben, von {by}</translation>
    </message>
    <message>
        <source>a shift must end after it starts</source>
        <translation>eine Schicht muss nach ihrem Beginn enden</translation>
    </message>
    <message>
        <source>an item is handed over twice</source>
        <translation>ein Punkt wird zweimal übergeben</translation>
    </message>
    <message>
        <source>{item} is accepted already</source>
        <translation>{item} ist bereits angenommen</translation>
    </message>
    <message>
        <source>{item} is queried already; wait for the answer</source>
        <translation>zu {item} gibt es bereits eine Rückfrage; warten Sie auf die Antwort</translation>
    </message>
    <message>
        <source>handover {handover} is not waiting for answers</source>
        <translation>Schichtübergabe {handover} wartet nicht auf Antworten</translation>
    </message>
    <message>
        <source>only {outgoing}, who handed the shift over, answers its queries</source>
        <translation>Rückfragen beantwortet nur {outgoing}, da von dort die Schicht übergeben wurde</translation>
    </message>
    <message>
        <source>{item} has no open query</source>
        <translation>zu {item} gibt es keine offene Rückfrage</translation>
    </message>
    <message>
        <source>not signed: {count} item(s) not accepted yet ({queried} queried)</source>
        <translation>nicht abgezeichnet: {count} Punkt(e) noch nicht angenommen ({queried} mit Rückfrage)</translation>
    </message>
    <message>
        <source>message {message} was already confirmed as exception {exception}</source>
        <translation>Nachricht {message} wurde bereits als Meldung {exception} bestätigt</translation>
    </message>
    <message>
        <source>message {message} was already discarded</source>
        <translation>Nachricht {message} wurde bereits verworfen</translation>
    </message>
    <message>
        <source>message {message} is archived as not an exception ({reason})</source>
        <translation>Nachricht {message} ist als „keine Meldung“ archiviert ({reason})</translation>
    </message>
    <message>
        <source>message {message} is already in</source>
        <translation>Nachricht {message} ist bereits eingegangen</translation>
    </message>
    <message>
        <source>message {message} names nothing the plant knows: link it to a work order, a work center or an item first</source>
        <translation>Nachricht {message} nennt nichts, was das Werk kennt: Verknüpfen Sie sie zuerst mit einem Fertigungsauftrag, einem Arbeitsplatz oder einem Artikel</translation>
    </message>
    <message>
        <source>longer than {limit} characters</source>
        <translation>länger als {limit} Zeichen</translation>
    </message>
    <message>
        <source>a message comes in as a draft, for triage or archived</source>
        <translation>eine Nachricht kommt als Entwurf, zur Klärung oder archiviert an</translation>
    </message>
    <message>
        <source>give a list of codes</source>
        <translation>eine Liste von Codes angeben</translation>
    </message>
    <message>
        <source>give it as text</source>
        <translation>als Text angeben</translation>
    </message>
    <message>
        <source>give a date as YYYY-MM-DD</source>
        <translation>Datum als JJJJ-MM-TT angeben</translation>
    </message>
    <message>
        <source>give a number</source>
        <translation>eine Zahl angeben</translation>
    </message>
    <message>
        <source>cannot be edited here</source>
        <translation>kann hier nicht bearbeitet werden</translation>
    </message>
    <message>
        <source>pick the kind of exception</source>
        <translation>Art der Meldung wählen</translation>
    </message>
    <message>
        <source>one of low, normal, high, critical</source>
        <translation>eine von: niedrig, normal, hoch, kritisch</translation>
    </message>
    <message>
        <source>missing: paste or type the message</source>
        <translation>fehlt: Nachricht einfügen oder eingeben</translation>
    </message>
    <message>
        <source>unknown message {message}</source>
        <translation>unbekannte Nachricht {message}</translation>
    </message>
    <message>
        <source>link it first: name a work order, a work center or an item</source>
        <translation>zuerst verknüpfen: Fertigungsauftrag, Arbeitsplatz oder Artikel angeben</translation>
    </message>
    <message>
        <source>a PIN lock lasts {minutes} min at most</source>
        <translation>eine PIN-Sperre dauert höchstens {minutes} min</translation>
    </message>
    <message>
        <source>PIN login for {user} was locked until {until} after {failures} wrong PINs (typed at another terminal): scan the badge</source>
        <translation>PIN-Anmeldung für {user} war bis {until} gesperrt nach {failures} falschen PINs (an einem anderen Terminal): Ausweis scannen</translation>
    </message>
</context>
</TS>
