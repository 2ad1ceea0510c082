<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>pinned by {by}: {reason}</source>
        <translation>przypięta przez {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before by {by}: {reason}</source>
        <translation>przesunięta wyżej przez {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after by {by}: {reason}</source>
        <translation>przesunięta niżej przez {by}: {reason}</translation>
    </message>
    <message>
        <source>held by {by}: {reason}</source>
        <translation>wstrzymana przez {by}: {reason}</translation>
    </message>
    <message>
        <source>moved before {target} by {by}: {reason}</source>
        <translation>przesunięta przed {target} przez {by}: {reason}</translation>
    </message>
    <message>
        <source>moved after {target} by {by}: {reason}</source>
        <translation>przesunięta za {target} przez {by}: {reason}</translation>
    </message>
    <message>
        <source>pinned by {by} at {at}: {reason}</source>
        <translation>przypięta przez {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved before by {by} at {at}: {reason}</source>
        <translation>przesunięta wyżej przez {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>moved after by {by} at {at}: {reason}</source>
        <translation>przesunięta niżej przez {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>held by {by} at {at}: {reason}</source>
        <translation>wstrzymana przez {by} ({at}): {reason}</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>waga</translation>
    </message>
    <message>
        <source>processing_min</source>
        <translation>czas obróbki (min)</translation>
    </message>
    <message>
        <source>slack_min</source>
        <translation>zapas czasu (min)</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>pilność</translation>
    </message>
    <message>
        <source>setup_min</source>
        <translation>przezbrojenie (min)</translation>
    </message>
    <message>
        <source>setup_factor</source>
        <translation>współczynnik przezbrojenia</translation>
    </message>
    <message>
        <source>critical_ratio</source>
        <translation>współczynnik krytyczny</translation>
    </message>
    <message>
        <source>due_in_h</source>
        <translation>termin za (h)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>wynik</translation>
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
        <translation>zlecenie na magazyn</translation>
    </message>
    <message>
        <source>{customer} ({priority_class})</source>
        <translation>{customer} ({priority_class})</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>W PRACY</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>GOTOWA</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>OCZEKUJE</translation>
    </message>
    <message>
        <source>NO MATERIAL</source>
        <translation>BRAK MATERIAŁU</translation>
    </message>
    <message>
        <source>MACHINE DOWN</source>
        <translation>PRZESTÓJ MASZYNY</translation>
    </message>
    <message>
        <source>ON HOLD</source>
        <translation>WSTRZYMANA</translation>
    </message>
    <message>
        <source>IDLE</source>
        <translation>BEZCZYNNA</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>PRZESTÓJ</translation>
    </message>
    <message>
        <source>NO SIGNAL</source>
        <translation>BRAK SYGNAŁU</translation>
    </message>
    <message>
        <source>SIGNAL LOST</source>
        <translation>UTRATA SYGNAŁU</translation>
    </message>
    <message>
        <source>PLANNED STOP</source>
        <translation>PLANOWANY POSTÓJ</translation>
    </message>
    <message>
        <source>running</source>
        <translation>w pracy</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>gotowa</translation>
    </message>
    <message>
        <source>waiting for an earlier operation</source>
        <translation>czeka na wcześniejszą operację</translation>
    </message>
    <message>
        <source>blocked: material short</source>
        <translation>zablokowana: brak materiału</translation>
    </message>
    <message>
        <source>blocked: machine down</source>
        <translation>zablokowana: przestój maszyny</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>wstrzymana</translation>
    </message>
    <message>
        <source>OVERDUE {span}</source>
        <translation>PO TERMINIE {span}</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>Zeskanuj identyfikator</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Co się stało</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <source>Substitute material</source>
        <translation>Materiał zastępczy</translation>
    </message>
    <message>
        <source>Work center</source>
        <translation>Stanowisko robocze</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <source>Move relative to</source>
        <translation>Przesuń względem</translation>
    </message>
    <message>
        <source>Good quantity</source>
        <translation>Ilość dobra</translation>
    </message>
    <message>
        <source>Scrap quantity</source>
        <translation>Ilość złomu</translation>
    </message>
    <message>
        <source>Downtime reason</source>
        <translation>Przyczyna przestoju</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decyzja</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Przyczyna źródłowa</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Dyspozycja</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>Czeka na</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Osoba</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Zakłócenie</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Zadanie</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Poziom ważności</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Identyfikator</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Księgowanie</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Zmiany</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>Reguły kierowania</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Co się zmieniło</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nowa wartość</translation>
    </message>
    <message>
        <source>New priority</source>
        <translation>Nowy priorytet</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>Kto poprosił</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Wiadomość</translation>
    </message>
    <message>
        <source>{label} is missing</source>
        <translation>Brak: {label}</translation>
    </message>
    <message>
        <source>{label} is missing: {rest}</source>
        <translation>Brak: {label} – {rest}</translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation>{label}: {problem}</translation>
    </message>
    <message>
        <source>That did not work because of an internal error; it was logged for support.</source>
        <translation>Nie udało się z powodu błędu wewnętrznego; zapisano go w dzienniku dla wsparcia technicznego.</translation>
    </message>
    <message>
        <source>or log in with your employee number and PIN</source>
        <translation>lub zaloguj się numerem pracownika i PIN-em</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>Nr pracownika</translation>
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
        <translation>Kolejka</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Tablica</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>Zakład</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Widzę</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Przyjmij</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>Rozpocznij</translation>
    </message>
    <message>
        <source>Waiting on…</source>
        <translation>Czeka na…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Przekaż…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Rozwiąż…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Wznów…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>Acknowledge task</source>
        <translation>Przyjmij zadanie</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Zadanie wykonane</translation>
    </message>
    <message>
        <source>My functions&apos; tasks</source>
        <translation>Zadania moich działów</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Skrzynka</translation>
    </message>
    <message>
        <source>Inbox · {name} ({roles})</source>
        <translation>Skrzynka · {name} ({roles})</translation>
    </message>
    <message>
        <source>The inbox could not be read; it will try again.</source>
        <translation>Nie udało się odczytać skrzynki; nastąpi ponowna próba.</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>brak roli</translation>
    </message>
    <message>
        <source>Nothing to do: no open exception belongs to {name} or to {roles}, and none was escalated to them.</source>
        <translation>Nic do zrobienia: ani {name}, ani {roles} nie ma przypisanych otwartych zakłóceń i żadne nie zostało do nich eskalowane.</translation>
    </message>
    <message numerus="yes">
        <source>%n open exception(s) belong to other functions.</source>
        <translation>
            <numerusform>%n otwarte zakłócenie należy do innych działów.</numerusform>
            <numerusform>%n otwarte zakłócenia należą do innych działów.</numerusform>
            <numerusform>%n otwartych zakłóceń należy do innych działów.</numerusform>
        </translation>
    </message>
    <message>
        <source>No task is waiting for these functions either.</source>
        <translation>Na te działy nie czeka też żadne zadanie.</translation>
    </message>
    <message>
        <source>NEW {kind} at {where}: {summary}</source>
        <translation>NOWE: {kind} ({where}): {summary}</translation>
    </message>
    <message>
        <source>NEW {kind}: {summary}</source>
        <translation>NOWE: {kind} – {summary}</translation>
    </message>
    <message>
        <source>{text} (+{n} more)</source>
        <translation>{text} (+{n} więcej)</translation>
    </message>
    <message>
        <source>acknowledged “{summary}”</source>
        <translation>przyjęto „{summary}”</translation>
    </message>
    <message>
        <source>started work on “{summary}”</source>
        <translation>rozpoczęto pracę nad „{summary}”</translation>
    </message>
    <message>
        <source>closed “{summary}”</source>
        <translation>zamknięto „{summary}”</translation>
    </message>
    <message>
        <source>acknowledged the task</source>
        <translation>przyjęto zadanie</translation>
    </message>
    <message>
        <source>finished the task</source>
        <translation>zakończono zadanie</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>e.g. spare pump from supplier</source>
        <translation>np. pompa zapasowa od dostawcy</translation>
    </message>
    <message>
        <source>“{summary}” waits on {waiting_on}</source>
        <translation>„{summary}” czeka na: {waiting_on}</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Przekaż</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <source>Person (user id)</source>
        <translation>Osoba (ID użytkownika)</translation>
    </message>
    <message>
        <source>e.g. needs a decision on overtime</source>
        <translation>np. potrzebna decyzja o nadgodzinach</translation>
    </message>
    <message>
        <source>reassigned “{summary}” to {role}</source>
        <translation>przekazano „{summary}” do: {role}</translation>
    </message>
    <message>
        <source>what was decided and done</source>
        <translation>co postanowiono i zrobiono</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Rozwiąż</translation>
    </message>
    <message>
        <source>Releasing held material is quality&apos;s decision.</source>
        <translation>O zwolnieniu zablokowanego materiału decyduje dział jakości.</translation>
    </message>
    <message>
        <source>resolved “{summary}”</source>
        <translation>rozwiązano „{summary}”</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wznów</translation>
    </message>
    <message>
        <source>what recurred</source>
        <translation>co wystąpiło ponownie</translation>
    </message>
    <message>
        <source>reopened “{summary}”</source>
        <translation>wznowiono „{summary}”</translation>
    </message>
    <message>
        <source>Postings</source>
        <translation>Księgowania</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Przekazanie</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Wskaźniki</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <source>nobody logged in</source>
        <translation>nikt nie jest zalogowany</translation>
    </message>
    <message>
        <source>terminal {name}</source>
        <translation>terminal {name}</translation>
    </message>
    <message>
        <source>local database only</source>
        <translation>tylko lokalna baza danych</translation>
    </message>
    <message>
        <source>The language of your screens: {name}</source>
        <translation>Język Twoich ekranów: {name}</translation>
    </message>
    <message>
        <source>Your language was not saved: it is used on this terminal until you log out.</source>
        <translation>Twój język nie został zapisany: obowiązuje na tym terminalu do wylogowania.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet: it is loading it from the server.</source>
        <translation>Ten terminal nie ma jeszcze danych zakładu: trwa ich pobieranie z serwera.</translation>
    </message>
    <message>
        <source>This terminal has no plant data yet. Connect it to a Takt server (takt terminal --server URL) or try the demo plant (takt demo).</source>
        <translation>Ten terminal nie ma jeszcze danych zakładu. Połącz go z serwerem Takt (takt terminal --server URL) albo wypróbuj zakład demonstracyjny (takt demo).</translation>
    </message>
    <message>
        <source>Logged out: nobody used this terminal for a while.</source>
        <translation>Wylogowano: nikt nie używał tego terminala przez dłuższy czas.</translation>
    </message>
    <message>
        <source>The scan could not be checked; try again.</source>
        <translation>Nie udało się sprawdzić skanu; spróbuj ponownie.</translation>
    </message>
    <message>
        <source>{code}: confirm this job first</source>
        <translation>{code}: najpierw potwierdź tę operację</translation>
    </message>
    <message>
        <source>badge {badge} is already given to {name}</source>
        <translation>identyfikator {badge} jest już przypisany osobie {name}</translation>
    </message>
    <message>
        <source>unknown person {user}</source>
        <translation>nieznana osoba {user}</translation>
    </message>
    <message>
        <source>PIN login does not work on this terminal: it holds no PIN key from its server (a copied or restored terminal, or a reset keyring). Scan your badge; an administrator can enroll this terminal again</source>
        <translation>Logowanie PIN-em nie działa na tym terminalu: nie ma on klucza PIN od swojego serwera (terminal skopiowany lub przywrócony albo zresetowany pęk kluczy). Zeskanuj identyfikator; administrator może ponownie zarejestrować ten terminal</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} try left before a {minutes}-minute lock</source>
        <translation>błędny numer pracownika lub PIN: pozostała {left} próba, potem blokada na {minutes} min</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong: {left} tries left before a {minutes}-minute lock</source>
        <translation>błędny numer pracownika lub PIN: pozostałe próby: {left}, potem blokada na {minutes} min</translation>
    </message>
    <message>
        <source>this terminal holds no PIN key from its server, so it cannot set PINs; enroll the terminal again (takt enroll)</source>
        <translation>ten terminal nie ma klucza PIN od swojego serwera, więc nie może ustawiać PIN-ów; zarejestruj terminal ponownie (takt enroll)</translation>
    </message>
    <message>
        <source>already given to {name}</source>
        <translation>już przypisany osobie {name}</translation>
    </message>
    <message>
        <source>scan a badge or type its number</source>
        <translation>zeskanuj identyfikator lub wpisz jego numer</translation>
    </message>
    <message>
        <source>badge {badge} is not enrolled</source>
        <translation>identyfikator {badge} nie jest zarejestrowany</translation>
    </message>
    <message>
        <source>enter your employee number</source>
        <translation>wpisz swój numer pracownika</translation>
    </message>
    <message>
        <source>too many wrong PINs: try again in {minutes} min or scan your badge</source>
        <translation>zbyt wiele błędnych PIN-ów: spróbuj ponownie za {minutes} min lub zeskanuj identyfikator</translation>
    </message>
    <message>
        <source>employee number or PIN is wrong {failures} times in a row: PIN login for {user} is locked for {minutes} min; scan your badge</source>
        <translation>błędny numer pracownika lub PIN ({failures} razy z rzędu): logowanie PIN-em dla {user} jest zablokowane na {minutes} min; zeskanuj identyfikator</translation>
    </message>
    <message>
        <source>Absent, not covered</source>
        <translation>Nieobecność bez zastępstwa</translation>
    </message>
    <message>
        <source>Bearing or spindle</source>
        <translation>Łożysko lub wrzeciono</translation>
    </message>
    <message>
        <source>Break or meeting</source>
        <translation>Przerwa lub spotkanie</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Awaria</translation>
    </message>
    <message>
        <source>Broken tool</source>
        <translation>Złamane narzędzie</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>Przezbrojenie</translation>
    </message>
    <message>
        <source>Control or program fault</source>
        <translation>Błąd sterowania lub programu</translation>
    </message>
    <message>
        <source>Coolant or lubrication</source>
        <translation>Chłodziwo lub smarowanie</translation>
    </message>
    <message>
        <source>Crash or collision</source>
        <translation>Kolizja lub zderzenie</translation>
    </message>
    <message>
        <source>Customer or order change</source>
        <translation>Zmiana od klienta lub w zleceniu</translation>
    </message>
    <message>
        <source>Defective material</source>
        <translation>Wadliwy materiał</translation>
    </message>
    <message>
        <source>Drawing or specification</source>
        <translation>Rysunek lub specyfikacja</translation>
    </message>
    <message>
        <source>Drive or motor fault</source>
        <translation>Usterka napędu lub silnika</translation>
    </message>
    <message>
        <source>Electrical</source>
        <translation>Elektryka</translation>
    </message>
    <message>
        <source>Fixture or clamp problem</source>
        <translation>Problem z przyrządem lub mocowaniem</translation>
    </message>
    <message>
        <source>Gauge or instrument</source>
        <translation>Sprawdzian lub przyrząd pomiarowy</translation>
    </message>
    <message>
        <source>Gauge out of calibration</source>
        <translation>Sprawdzian bez ważnej kalibracji</translation>
    </message>
    <message>
        <source>Guard, door or fixture</source>
        <translation>Osłona, drzwi lub przyrząd</translation>
    </message>
    <message>
        <source>Hydraulics or pneumatics</source>
        <translation>Hydraulika lub pneumatyka</translation>
    </message>
    <message>
        <source>Inspection method</source>
        <translation>Metoda kontroli</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>brak sygnału</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bezczynna</translation>
    </message>
    <message>
        <source>signal lost</source>
        <translation>utrata sygnału</translation>
    </message>
    <message>
        <source>planned stop</source>
        <translation>planowany postój</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>NO SIGNAL YET</source>
        <translation>JESZCZE BRAK SYGNAŁU</translation>
    </message>
    <message>
        <source>fault {fault}</source>
        <translation>błąd {fault}</translation>
    </message>
    <message>
        <source>{count} ({duration})</source>
        <translation>{count} ({duration})</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Maszyna</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>Micro-stops</source>
        <translation>Mikroprzestoje</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Licznik</translation>
    </message>
    <message>
        <source>Open downtime</source>
        <translation>Otwarty przestój</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>połączone</translation>
    </message>
    <message>
        <source>NOT CONNECTED</source>
        <translation>BRAK POŁĄCZENIA</translation>
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
        <translation>Źródło / urządzenie</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Połączenie</translation>
    </message>
    <message>
        <source>Last birth</source>
        <translation>Ostatnie narodziny</translation>
    </message>
    <message>
        <source>Drafts ({n})</source>
        <translation>Szkice ({n})</translation>
    </message>
    <message>
        <source>Triage ({n})</source>
        <translation>Weryfikacja ({n})</translation>
    </message>
    <message>
        <source>Archived ({n})</source>
        <translation>Archiwum ({n})</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Paste a message…</source>
        <translation>Wklej wiadomość…</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Odrzuć…</translation>
    </message>
    <message>
        <source>The messages could not be read; it will try again.</source>
        <translation>Nie udało się odczytać wiadomości; nastąpi ponowna próba.</translation>
    </message>
    <message>
        <source>{type} ({sure} sure)</source>
        <translation>{type} (pewność {sure})</translation>
    </message>
    <message>
        <source>{status} by {who}: exception raised.</source>
        <translation>{status} przez {who}: zgłoszono zakłócenie.</translation>
    </message>
    <message>
        <source>Triage: {why}. Link it to a work order or work center.</source>
        <translation>Weryfikacja: {why}. Powiąż ją ze zleceniem lub stanowiskiem roboczym.</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Powiąż…</translation>
    </message>
    <message>
        <source>No drafts: messages that name an order or a machine appear here.</source>
        <translation>Brak szkiców: pojawiają się tu wiadomości, które wymieniają zlecenie lub maszynę.</translation>
    </message>
    <message>
        <source>Nothing to triage.</source>
        <translation>Nic do weryfikacji.</translation>
    </message>
    <message>
        <source>Nothing archived yet.</source>
        <translation>Archiwum jest jeszcze puste.</translation>
    </message>
    <message>
        <source>confirmed the message: exception raised</source>
        <translation>potwierdzono wiadomość: zgłoszono zakłócenie</translation>
    </message>
    <message>
        <source>discarded the draft; the message is kept under Archived</source>
        <translation>odrzucono szkic; wiadomość zostaje w Archiwum</translation>
    </message>
    <message>
        <source>made a draft of the message</source>
        <translation>utworzono szkic z wiadomości</translation>
    </message>
    <message>
        <source>recorded a message taken at the terminal</source>
        <translation>zarejestrowano wiadomość przyjętą na terminalu</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>W kwarantannie</translation>
    </message>
    <message>
        <source>Seq gaps</source>
        <translation>Luki seq</translation>
    </message>
    <message>
        <source>Rebirths</source>
        <translation>Odnowienia</translation>
    </message>
    <message>
        <source>{time}  {topic}: {reason} ({size} bytes)</source>
        <translation>{time}  {topic}: {reason} ({size} B)</translation>
    </message>
    <message>
        <source>Source {source} at {broker}</source>
        <translation>Źródło {source} na {broker}</translation>
    </message>
    <message>
        <source>Host application id: {host_id}</source>
        <translation>Id aplikacji hosta: {host_id}</translation>
    </message>
    <message>
        <source>{state} since {time}; {losses} connection losses</source>
        <translation>{state} od {time}; utraty połączenia: {losses}</translation>
    </message>
    <message>
        <source>Quarantined: {total} in all, {own} on no node or device</source>
        <translation>W kwarantannie: łącznie {total}, bez węzła ani urządzenia: {own}</translation>
    </message>
    <message>
        <source>Edge node {node}</source>
        <translation>Węzeł brzegowy {node}</translation>
    </message>
    <message>
        <source>bdSeq {bd_seq}; last birth {birth}; last death {death}</source>
        <translation>bdSeq {bd_seq}; ostatnie narodziny {birth}; ostatnia śmierć {death}</translation>
    </message>
    <message>
        <source>{gaps} seq gaps, {rebirths} rebirths requested, {stale} stale deaths ignored</source>
        <translation>luki seq: {gaps}, żądane odnowienia: {rebirths}, zignorowane nieaktualne śmierci: {stale}</translation>
    </message>
    <message>
        <source>Quarantined: {total}</source>
        <translation>W kwarantannie: {total}</translation>
    </message>
    <message>
        <source>Device {device}</source>
        <translation>Urządzenie {device}</translation>
    </message>
    <message>
        <source>Last birth {birth}; last death {death}</source>
        <translation>Ostatnie narodziny {birth}; ostatnia śmierć {death}</translation>
    </message>
    <message>
        <source>The payloads quarantined are listed under its nodes and devices.</source>
        <translation>Wiadomości w kwarantannie są wymienione przy jego węzłach i urządzeniach.</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>operations of a work center</comment>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Ready</source>
        <comment>operations of a work center</comment>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Setup families</source>
        <translation>Rodziny przezbrojeń</translation>
    </message>
    <message>
        <source>Maintenance overdue</source>
        <translation>Zaległa konserwacja</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Materiał</translation>
    </message>
    <message>
        <source>Material on hold</source>
        <translation>Materiał zablokowany</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Pomiar</translation>
    </message>
    <message>
        <source>Mechanical</source>
        <translation>Mechanika</translation>
    </message>
    <message>
        <source>Method and process</source>
        <translation>Metoda i proces</translation>
    </message>
    <message>
        <source>No material</source>
        <translation>Brak materiału</translation>
    </message>
    <message>
        <source>No operator</source>
        <translation>Brak operatora</translation>
    </message>
    <message>
        <source>No power or tripped breaker</source>
        <translation>Brak zasilania lub zadziałał wyłącznik</translation>
    </message>
    <message>
        <source>Not enough people</source>
        <translation>Za mało ludzi</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nie ustalono</translation>
    </message>
    <message>
        <source>Not staged at the machine</source>
        <translation>Nie dostarczono do maszyny</translation>
    </message>
    <message>
        <source>Not staged in time</source>
        <translation>Nie dostarczono na czas</translation>
    </message>
    <message>
        <source>Not trained for this job</source>
        <translation>Brak przeszkolenia do tej operacji</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Inne</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Brak w magazynie</translation>
    </message>
    <message>
        <source>Parts out of tolerance</source>
        <translation>Części poza tolerancją</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Ludzie</translation>
    </message>
    <message>
        <source>Planned setup</source>
        <translation>Planowane przezbrojenie</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planowanie</translation>
    </message>
    <message>
        <source>Previous operation late</source>
        <translation>Opóźniona poprzednia operacja</translation>
    </message>
    <message>
        <source>Process adjustment</source>
        <translation>Korekta procesu</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Jakość</translation>
    </message>
    <message>
        <source>Return to supplier</source>
        <translation>Zwrot do dostawcy</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>Przeróbka</translation>
    </message>
    <message>
        <source>Schedule or sequence</source>
        <translation>Harmonogram lub kolejność</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Potwierdź</translation>
    </message>
    <message>
        <source>Confirm {operation}</source>
        <translation>Potwierdź {operation}</translation>
    </message>
    <message>
        <source>{item} · {name}</source>
        <translation>{item} · {name}</translation>
    </message>
    <message>
        <source>{done} of {total} done so far</source>
        <translation>dotychczas wykonano {done} z {total}</translation>
    </message>
    <message>
        <source>Final: the operation is complete</source>
        <translation>Końcowe: operacja jest zakończona</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Dobre</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Złom</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niski</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Średni</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Wysoki</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Krytyczny</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>Specyfikacja</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>Planista</translation>
    </message>
    <message>
        <source>Rush</source>
        <translation>Pilny</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normalny</translation>
    </message>
    <message>
        <source>Dimensions out of tolerance</source>
        <translation>Wymiary poza tolerancją</translation>
    </message>
    <message>
        <source>Surface defect</source>
        <translation>Wada powierzchni</translation>
    </message>
    <message>
        <source>Wrong or mixed material</source>
        <translation>Błędny lub pomieszany materiał</translation>
    </message>
    <message>
        <source>Damaged parts</source>
        <translation>Uszkodzone części</translation>
    </message>
    <message>
        <source>{order} op {number}</source>
        <translation>{order} op. {number}</translation>
    </message>
    <message>
        <source>{category}: what exactly?</source>
        <translation>{category}: co dokładnie?</translation>
    </message>
    <message>
        <source>Scan or type a work order, item or lot</source>
        <translation>Zeskanuj lub wpisz zlecenie, materiał lub partię</translation>
    </message>
    <message>
        <source>What was reported?</source>
        <translation>Co zgłoszono?</translation>
    </message>
    <message>
        <source>How did it come in?</source>
        <translation>Jak to zgłoszono?</translation>
    </message>
    <message>
        <source>Paste the message here (it is kept as the note)</source>
        <translation>Wklej tutaj wiadomość (zostanie zachowana jako notatka)</translation>
    </message>
    <message>
        <source>Who asked for the change?</source>
        <translation>Kto poprosił o zmianę?</translation>
    </message>
    <message>
        <source>Why is the machine down?</source>
        <translation>Dlaczego maszyna stoi?</translation>
    </message>
    <message>
        <source>What happened, in a few words</source>
        <translation>Co się stało, w kilku słowach</translation>
    </message>
    <message>
        <source>Scan or type the item to use instead</source>
        <translation>Zeskanuj lub wpisz materiał zastępczy</translation>
    </message>
    <message>
        <source>How many (optional)</source>
        <translation>Ile (opcjonalnie)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notatka (opcjonalnie)</translation>
    </message>
    <message>
        <source>The new quantity, date or specification</source>
        <translation>Nowa ilość, termin lub specyfikacja</translation>
    </message>
    <message>
        <source>Why the priority changes</source>
        <translation>Dlaczego zmienia się priorytet</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Use instead</source>
        <translation>Zamiennik</translation>
    </message>
    <message>
        <source>Raise: {kind}</source>
        <translation>Zgłoś: {kind}</translation>
    </message>
    <message>
        <source>Log a call / message: {kind}</source>
        <translation>Zarejestruj telefon / wiadomość: {kind}</translation>
    </message>
    <message>
        <source>Which material is short?</source>
        <translation>Którego materiału brakuje?</translation>
    </message>
    <message>
        <source>Which material is replaced?</source>
        <translation>Który materiał jest zastępowany?</translation>
    </message>
    <message>
        <source>What is wrong?</source>
        <translation>Co jest nie tak?</translation>
    </message>
    <message>
        <source>What changed?</source>
        <translation>Co się zmieniło?</translation>
    </message>
    <message>
        <source>No materials known for this job: scan the item.</source>
        <translation>Brak znanych materiałów dla tej operacji: zeskanuj materiał.</translation>
    </message>
    <message>
        <source>no work center</source>
        <translation>brak stanowiska</translation>
    </message>
    <message>
        <source>missing: scan or type the work order</source>
        <translation>brak: zeskanuj lub wpisz zlecenie</translation>
    </message>
    <message>
        <source>missing: pick what changed</source>
        <translation>brak: wybierz, co się zmieniło</translation>
    </message>
    <message>
        <source>missing: type the new value</source>
        <translation>brak: wpisz nową wartość</translation>
    </message>
    <message>
        <source>missing: pick who asked for it</source>
        <translation>brak: wybierz, kto o to poprosił</translation>
    </message>
    <message>
        <source>missing: pick the new priority</source>
        <translation>brak: wybierz nowy priorytet</translation>
    </message>
    <message>
        <source>missing: say why</source>
        <translation>brak: podaj powód</translation>
    </message>
    <message>
        <source>missing: paste the message</source>
        <translation>brak: wklej wiadomość</translation>
    </message>
    <message>
        <source>missing: pick the reason</source>
        <translation>brak: wybierz przyczynę</translation>
    </message>
    <message>
        <source>missing: pick why the machine is down</source>
        <translation>brak: wybierz przyczynę przestoju maszyny</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>nie jest liczbą</translation>
    </message>
    <message>
        <source>Raising…</source>
        <translation>Zgłaszanie…</translation>
    </message>
    <message>
        <source>Looking up {code}…</source>
        <translation>Wyszukiwanie {code}…</translation>
    </message>
    <message>
        <source>Unknown code “{code}”: not a work order, item or lot.</source>
        <translation>Nieznany kod „{code}”: to nie jest zlecenie, materiał ani partia.</translation>
    </message>
    <message>
        <source>Work order {order}.</source>
        <translation>Zlecenie {order}.</translation>
    </message>
    <message>
        <source>Use {item} instead.</source>
        <translation>Zamiast tego użyj {item}.</translation>
    </message>
    <message>
        <source>Lot {lot} of {item}.</source>
        <translation>Partia {lot} materiału {item}.</translation>
    </message>
    <message>
        <source>Item {item}.</source>
        <translation>Materiał {item}.</translation>
    </message>
    <message>
        <source>{what} raised; its owner has been told.</source>
        <translation>Zgłoszono: {what}. Osoba odpowiedzialna została powiadomiona.</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Potwierdzanie…</translation>
    </message>
    <message>
        <source>good: {text} is not a number</source>
        <translation>dobre: {text} nie jest liczbą</translation>
    </message>
    <message>
        <source>scrap: {text} is not a number</source>
        <translation>złom: {text} nie jest liczbą</translation>
    </message>
    <message>
        <source>Sensor or switch</source>
        <translation>Czujnik lub łącznik</translation>
    </message>
    <message>
        <source>Setup or program</source>
        <translation>Ustawienie lub program</translation>
    </message>
    <message>
        <source>Setup took too long</source>
        <translation>Przezbrojenie trwało zbyt długo</translation>
    </message>
    <message>
        <source>Stock record wrong</source>
        <translation>Błędny stan magazynowy</translation>
    </message>
    <message>
        <source>Supplier late or short</source>
        <translation>Dostawca opóźniony lub niepełna dostawa</translation>
    </message>
    <message>
        <source>Tool or fixture missing</source>
        <translation>Brak narzędzia lub przyrządu</translation>
    </message>
    <message>
        <source>Tool or gauge missing</source>
        <translation>Brak narzędzia lub sprawdzianu</translation>
    </message>
    <message>
        <source>Tool worn or broken</source>
        <translation>Narzędzie zużyte lub złamane</translation>
    </message>
    <message>
        <source>Tooling</source>
        <translation>Oprzyrządowanie</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Szkolenie</translation>
    </message>
    <message>
        <source>Use as is</source>
        <translation>Użycie bez zmian</translation>
    </message>
    <message>
        <source>Waiting for first-piece approval</source>
        <translation>Oczekiwanie na akceptację pierwszej sztuki</translation>
    </message>
    <message>
        <source>Waiting for inspection</source>
        <translation>Oczekiwanie na kontrolę</translation>
    </message>
    <message>
        <source>Wear</source>
        <translation>Zużycie</translation>
    </message>
    <message>
        <source>Work instruction unclear or wrong</source>
        <translation>Instrukcja stanowiskowa niejasna lub błędna</translation>
    </message>
    <message>
        <source>Worn tool, out of tolerance</source>
        <translation>Zużyte narzędzie, poza tolerancją</translation>
    </message>
    <message>
        <source>The materials could not be read: {error}</source>
        <translation>Nie udało się odczytać materiałów: {error}</translation>
    </message>
    <message>
        <source>The board could not be loaded: {error}</source>
        <translation>Nie udało się wczytać tablicy: {error}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued  ·  lot {lot}</source>
        <translation>wydano {issued} z {required}  ·  partia {lot}</translation>
    </message>
    <message>
        <source>{issued} of {required} issued</source>
        <translation>wydano {issued} z {required}</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Wydaj</translation>
    </message>
    <message>
        <source>Issue material to {operation}</source>
        <translation>Wydaj materiał na {operation}</translation>
    </message>
    <message>
        <source>This work order lists no material to issue.</source>
        <translation>To zlecenie nie zawiera materiału do wydania.</translation>
    </message>
    <message>
        <source>scan or type the lot</source>
        <translation>zeskanuj lub wpisz partię</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Partia</translation>
    </message>
    <message>
        <source>item: choose the material</source>
        <translation>materiał: wybierz materiał</translation>
    </message>
    <message>
        <source>qty: {text} is not a quantity</source>
        <translation>ilość: {text} nie jest poprawną ilością</translation>
    </message>
    <message>
        <source>qty: nothing is not a quantity</source>
        <translation>ilość: nie podano ilości</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>Wydawanie…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>Zlecenie</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Materiał</translation>
    </message>
    <message>
        <source>Done / qty</source>
        <translation>Wykonano / ilość</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Odpowiedzialny</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Niedobór</translation>
    </message>
    <message>
        <source>Machine down</source>
        <translation>Przestój</translation>
    </message>
    <message>
        <source>Quality hold</source>
        <translation>Blokada jakości</translation>
    </message>
    <message>
        <source>Substitute</source>
        <translation>Zamiennik</translation>
    </message>
    <message>
        <source>Scan or type a work order</source>
        <translation>Zeskanuj lub wpisz zlecenie</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <source>RUNNING NOW</source>
        <translation>TERAZ W PRACY</translation>
    </message>
    <message>
        <source>Confirm quantities</source>
        <translation>Potwierdź ilości</translation>
    </message>
    <message>
        <source>Issue material</source>
        <translation>Wydaj materiał</translation>
    </message>
    <message>
        <source>machine counted {count}</source>
        <translation>maszyna naliczyła {count}</translation>
    </message>
    <message>
        <source>My exceptions · {count}</source>
        <translation>Moje zakłócenia · {count}</translation>
    </message>
    <message>
        <source>Log in to raise an exception.</source>
        <translation>Zaloguj się, aby zgłosić zakłócenie.</translation>
    </message>
    <message>
        <source>Queue · {count}</source>
        <translation>Kolejka · {count}</translation>
    </message>
    <message>
        <source>MACHINE {state}</source>
        <translation>MASZYNA: {state}</translation>
    </message>
    <message>
        <source>NEXT JOB</source>
        <translation>NASTĘPNA OPERACJA</translation>
    </message>
    <message>
        <source>Nothing to run</source>
        <translation>Brak operacji do wykonania</translation>
    </message>
    <message>
        <source>No open jobs in this lane.</source>
        <translation>Brak otwartych operacji w tej kolejce.</translation>
    </message>
    <message>
        <source>Choose a work center.</source>
        <translation>Wybierz stanowisko robocze.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>SELECTED JOB</source>
        <translation>WYBRANA OPERACJA</translation>
    </message>
    <message>
        <source>Start {work_order}</source>
        <translation>Start {work_order}</translation>
    </message>
    <message>
        <source>This job is running.</source>
        <translation>Ta operacja jest w pracy.</translation>
    </message>
    <message>
        <source>Confirm {work_order} (running) before starting another job.</source>
        <translation>Potwierdź {work_order} (w pracy), zanim rozpoczniesz kolejną operację.</translation>
    </message>
    <message>
        <source>Log in to start jobs.</source>
        <translation>Zaloguj się, aby rozpoczynać operacje.</translation>
    </message>
    <message>
        <source>Nothing running</source>
        <translation>Brak operacji w pracy</translation>
    </message>
    <message>
        <source>Start the next job to run it on {work_center}.</source>
        <translation>Rozpocznij następną operację, aby wykonać ją na stanowisku {work_center}.</translation>
    </message>
    <message>
        <source>Start the next job to run it on this work center.</source>
        <translation>Rozpocznij następną operację, aby wykonać ją na tym stanowisku.</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>wykonano {done} z {total}</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>od {time}</translation>
    </message>
    <message>
        <source>{work_order} selected.</source>
        <translation>Wybrano {work_order}.</translation>
    </message>
    <message>
        <source>{work_center} (op {seq})</source>
        <translation>{work_center} (op. {seq})</translation>
    </message>
    <message>
        <source>{code} is not in {work_center}&apos;s queue; its open operations are at {where}.</source>
        <translation>{code} nie ma w kolejce stanowiska {work_center}; jego otwarte operacje są na: {where}.</translation>
    </message>
    <message>
        <source>Unknown barcode “{code}”: no open work order has this number.</source>
        <translation>Nieznany kod kreskowy „{code}”: żadne otwarte zlecenie nie ma tego numeru.</translation>
    </message>
    <message>
        <source>Starting {work_order}…</source>
        <translation>Uruchamianie {work_order}…</translation>
    </message>
    <message>
        <source>{work_order} started.</source>
        <translation>Rozpoczęto {work_order}.</translation>
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
        <translation>Potwierdzono {work_order}: dobre {good}, złom {scrap}; operacja zakończona.</translation>
    </message>
    <message>
        <source>Confirmed {good} good, {scrap} scrap on {work_order}.</source>
        <translation>Potwierdzono {work_order}: dobre {good}, złom {scrap}.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} from lot {lot} to {work_order}.</source>
        <translation>Wydano {qty} {item} z partii {lot} na {work_order}.</translation>
    </message>
    <message>
        <source>Issued {qty} {item} to {work_order}.</source>
        <translation>Wydano {qty} {item} na {work_order}.</translation>
    </message>
    <message>
        <source>Why here</source>
        <translation>Dlaczego tu</translation>
    </message>
    <message>
        <source>Machine down raised; its owner has been told. Maintenance is on its way, the lane is blocked until the machine runs again, and the next job moves up.</source>
        <translation>Zgłoszono: przestój. Osoba odpowiedzialna została powiadomiona. Utrzymanie ruchu jest w drodze, kolejka jest zablokowana do ponownego uruchomienia maszyny, a następna operacja przesuwa się w górę.</translation>
    </message>
    <message>
        <source>Say why in at least {n} words.</source>
        <translation>Podaj powód (minimalna liczba słów: {n}).</translation>
    </message>
    <message>
        <source>OK: 1 rule</source>
        <translation>OK: 1 reguła</translation>
    </message>
    <message numerus="yes">
        <source>OK: %n rules</source>
        <translation>
            <numerusform>OK: %n reguła</numerusform>
            <numerusform>OK: %n reguły</numerusform>
            <numerusform>OK: %n reguł</numerusform>
        </translation>
    </message>
    <message>
        <source>Revert to shipped rules</source>
        <translation>Przywróć reguły domyślne</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <source>This terminal keeps no files (its database is in memory).</source>
        <translation>Ten terminal nie przechowuje plików (jego baza danych jest w pamięci).</translation>
    </message>
    <message>
        <source>The shipped rules; saving keeps an edited copy at {path}</source>
        <translation>Reguły domyślne; zapisanie zachowa edytowaną kopię w {path}</translation>
    </message>
    <message>
        <source>Edit the rules, then Check and Save.</source>
        <translation>Edytuj reguły, potem kliknij Sprawdź i Zapisz.</translation>
    </message>
    <message>
        <source>Not saved; fix these first:
{problems}</source>
        <translation>Nie zapisano; najpierw popraw:
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
        <translation>{work_center} stoi od {time}</translation>
    </message>
    <message>
        <source>{work_center} stopped from {start} to {end} ({duration})</source>
        <translation>{work_center} stało od {start} do {end} ({duration})</translation>
    </message>
    <message>
        <source>{stop}, fault {fault}</source>
        <translation>{stop}, błąd {fault}</translation>
    </message>
    <message>
        <source>Why did {work_center} stop?</source>
        <translation>Dlaczego {work_center} się zatrzymało?</translation>
    </message>
    <message>
        <source>{stop}. The reason can be given until {until}.</source>
        <translation>{stop}. Powód można podać do {until}.</translation>
    </message>
    <message>
        <source>Give reason</source>
        <translation>Podaj powód</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Później</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Paste a message</source>
        <translation>Wklej wiadomość</translation>
    </message>
    <message>
        <source>Paste a mail or chat message, or write down (or dictate) what was said on the phone. Takt reads it against the plant and makes a draft for you to confirm.</source>
        <translation>Wklej e-mail lub wiadomość z czatu albo zapisz (lub podyktuj), co powiedziano przez telefon. Takt porówna ją z danymi zakładu i przygotuje szkic do Twojego potwierdzenia.</translation>
    </message>
    <message>
        <source>Subject (optional)</source>
        <translation>Temat (opcjonalnie)</translation>
    </message>
    <message>
        <source>e.g. call from the paint shop</source>
        <translation>np. telefon z lakierni</translation>
    </message>
    <message>
        <source>e.g. LAT-02 is down since 6, spindle alarm, WO-26017 waits</source>
        <translation>np. LAT-02 stoi od 6, alarm wrzeciona, WO-26017 czeka</translation>
    </message>
    <message>
        <source>Make a draft</source>
        <translation>Utwórz szkic</translation>
    </message>
    <message>
        <source>Link and confirm</source>
        <translation>Powiąż i potwierdź</translation>
    </message>
    <message>
        <source>Edit and confirm</source>
        <translation>Edytuj i potwierdź</translation>
    </message>
    <message>
        <source>Pick the work order or the work center this message is about, then confirm.</source>
        <translation>Wybierz zlecenie lub stanowisko robocze, którego dotyczy wiadomość, a potem potwierdź.</translation>
    </message>
    <message>
        <source>Correct what was misread, then confirm: the exception is raised as shown.</source>
        <translation>Popraw to, co zostało źle odczytane, a potem potwierdź: zakłócenie zostanie zgłoszone tak, jak pokazano.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>RRRR-MM-DD</translation>
    </message>
    <message>
        <source>e.g. 40</source>
        <translation>np. 40</translation>
    </message>
    <message>
        <source>optional, for the owner</source>
        <translation>opcjonalnie, dla osoby odpowiedzialnej</translation>
    </message>
    <message>
        <source>Confirm</source>
        <comment>a message&apos;s draft</comment>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <source>Discard this draft</source>
        <translation>Odrzuć ten szkic</translation>
    </message>
    <message>
        <source>Reason (kept with the message)</source>
        <translation>Powód (zapisywany z wiadomością)</translation>
    </message>
    <message>
        <source>e.g. already reported at the line</source>
        <translation>np. już zgłoszone na linii</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Odrzuć</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n rules. New exceptions are routed by them.</source>
        <translation>
            <numerusform>Zapisano: %n reguła. Nowe zakłócenia są kierowane według niej.</numerusform>
            <numerusform>Zapisano: %n reguły. Nowe zakłócenia są kierowane według nich.</numerusform>
            <numerusform>Zapisano: %n reguł. Nowe zakłócenia są kierowane według nich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>Nie zapisano: {why}</translation>
    </message>
    <message>
        <source>Changed: Check again before saving.</source>
        <translation>Zmieniono: przed zapisaniem ponownie kliknij Sprawdź.</translation>
    </message>
    <message>
        <source>This terminal&apos;s own rules: {path}</source>
        <translation>Własne reguły tego terminala: {path}</translation>
    </message>
    <message>
        <source>only {owner} or a supervisor may {action}; {name} is neither</source>
        <translation>tylko {owner} lub mistrz może {action}; {name} nie jest żadnym z nich</translation>
    </message>
    <message>
        <source>its owner</source>
        <translation>osoba odpowiedzialna</translation>
    </message>
    <message>
        <source>only quality may decide this; {name} is not quality</source>
        <translation>tylko dział jakości może o tym zdecydować; {name} nie należy do działu jakości</translation>
    </message>
    <message>
        <source>resolve it</source>
        <translation>je rozwiązać</translation>
    </message>
    <message>
        <source>{name} may record only a phone message; mail and chat come from the server</source>
        <translation>{name} może zarejestrować tylko wiadomość telefoniczną; e-maile i czat przychodzą z serwera</translation>
    </message>
    <message>
        <source>define plant data</source>
        <translation>definiować dane zakładu</translation>
    </message>
    <message>
        <source>record a stock count</source>
        <translation>rejestrować inwentaryzację</translation>
    </message>
    <message>
        <source>start a job</source>
        <translation>rozpocząć operację</translation>
    </message>
    <message>
        <source>confirm quantities</source>
        <translation>potwierdzać ilości</translation>
    </message>
    <message>
        <source>issue material</source>
        <translation>wydawać materiał</translation>
    </message>
    <message>
        <source>override priority</source>
        <translation>korygować kolejność</translation>
    </message>
    <message>
        <source>clear an override</source>
        <translation>usunąć korektę kolejności</translation>
    </message>
    <message>
        <source>change a machine&apos;s state</source>
        <translation>zmienić stan maszyny</translation>
    </message>
    <message>
        <source>end a machine&apos;s downtime</source>
        <translation>zakończyć przestój maszyny</translation>
    </message>
    <message>
        <source>count a micro-stop</source>
        <translation>zliczyć mikroprzestój</translation>
    </message>
    <message>
        <source>count parts</source>
        <translation>zliczać części</translation>
    </message>
    <message>
        <source>give a downtime&apos;s reason</source>
        <translation>podać przyczynę przestoju</translation>
    </message>
    <message>
        <source>place a hold</source>
        <translation>założyć blokadę</translation>
    </message>
    <message>
        <source>release a hold</source>
        <translation>zdjąć blokadę</translation>
    </message>
    <message>
        <source>raise an exception</source>
        <translation>zgłosić zakłócenie</translation>
    </message>
    <message>
        <source>acknowledge it</source>
        <translation>je przyjąć</translation>
    </message>
    <message>
        <source>work on it</source>
        <translation>nad nim pracować</translation>
    </message>
    <message>
        <source>reassign it</source>
        <translation>je przekazać</translation>
    </message>
    <message>
        <source>close it</source>
        <translation>je zamknąć</translation>
    </message>
    <message>
        <source>reopen it</source>
        <translation>je wznowić</translation>
    </message>
    <message>
        <source>record a passed deadline</source>
        <translation>zarejestrować przekroczenie terminu</translation>
    </message>
    <message>
        <source>acknowledge this task</source>
        <translation>przyjąć to zadanie</translation>
    </message>
    <message>
        <source>finish this task</source>
        <translation>zakończyć to zadanie</translation>
    </message>
    <message>
        <source>enroll people or change their roles</source>
        <translation>rejestrować osoby lub zmieniać ich role</translation>
    </message>
    <message>
        <source>log in</source>
        <translation>zalogować się</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>wylogować się</translation>
    </message>
    <message>
        <source>choose a language</source>
        <translation>wybrać język</translation>
    </message>
    <message>
        <source>try a PIN</source>
        <translation>wprowadzić PIN</translation>
    </message>
    <message>
        <source>lock a PIN</source>
        <translation>zablokować PIN</translation>
    </message>
    <message>
        <source>record an ERP acknowledgement</source>
        <translation>zarejestrować przyjęcie przez ERP</translation>
    </message>
    <message>
        <source>record an ERP refusal</source>
        <translation>zarejestrować odrzucenie przez ERP</translation>
    </message>
    <message>
        <source>retry an ERP posting</source>
        <translation>ponowić księgowanie w ERP</translation>
    </message>
    <message>
        <source>edit an ERP posting</source>
        <translation>edytować księgowanie w ERP</translation>
    </message>
    <message>
        <source>cancel an ERP posting</source>
        <translation>anulować księgowanie w ERP</translation>
    </message>
    <message>
        <source>record an ERP document of a refused event</source>
        <translation>zapisać dokument ERP odrzuconego zdarzenia</translation>
    </message>
    <message>
        <source>record an ERP document as reversed</source>
        <translation>zapisać dokument ERP jako stornowany</translation>
    </message>
    <message>
        <source>record an ERP import</source>
        <translation>zarejestrować import z ERP</translation>
    </message>
    <message>
        <source>record a failed ERP import</source>
        <translation>zarejestrować nieudany import z ERP</translation>
    </message>
    <message>
        <source>write a handover note</source>
        <translation>pisać notatkę do przekazania zmiany</translation>
    </message>
    <message>
        <source>hand over a shift</source>
        <translation>przekazać zmianę</translation>
    </message>
    <message>
        <source>accept a handover item</source>
        <translation>zaakceptować pozycję przekazania</translation>
    </message>
    <message>
        <source>query a handover item</source>
        <translation>zadać pytanie do pozycji przekazania</translation>
    </message>
    <message>
        <source>answer a handover query</source>
        <translation>odpowiedzieć na pytanie do przekazania</translation>
    </message>
    <message>
        <source>sign a handover</source>
        <translation>podpisać przekazanie zmiany</translation>
    </message>
    <message>
        <source>record a message</source>
        <translation>zarejestrować wiadomość</translation>
    </message>
    <message>
        <source>confirm a message&apos;s draft</source>
        <translation>potwierdzić szkic wiadomości</translation>
    </message>
    <message>
        <source>discard a message&apos;s draft</source>
        <translation>odrzucić szkic wiadomości</translation>
    </message>
    <message>
        <source>no one may record {kind} events</source>
        <translation>nikt nie może rejestrować zdarzeń {kind}</translation>
    </message>
    <message>
        <source>{actor} is not a person, so cannot {action}</source>
        <translation>{actor} nie jest osobą, więc nie może {action}</translation>
    </message>
    <message>
        <source>only the server may {action}; a terminal sent it</source>
        <translation>tylko serwer może {action}; wysłał to terminal</translation>
    </message>
    <message>
        <source>a failed login is recorded as {anonymous}, not {actor}</source>
        <translation>nieudane logowanie jest rejestrowane jako {anonymous}, a nie {actor}</translation>
    </message>
    <message>
        <source>{name} may only {action} as themself</source>
        <translation>{name} może {action} tylko we własnym imieniu</translation>
    </message>
    <message>
        <source>only the server may {action}</source>
        <translation>tylko serwer może {action}</translation>
    </message>
    <message>
        <source>{name} is not logged in on terminal {terminal}, so cannot {action}</source>
        <translation>{name} nie jest zalogowany(-a) na terminalu {terminal}, więc nie może {action}</translation>
    </message>
    <message>
        <source>{actor} is a machine, so cannot {action}</source>
        <translation>{actor} jest maszyną, więc nie może {action}</translation>
    </message>
    <message>
        <source>a machine raises only its own downtime, on the machine channel</source>
        <translation>maszyna zgłasza tylko własny przestój, przez kanał maszyny</translation>
    </message>
    <message>
        <source>terminal {terminal} does not speak for machine source {source}: enroll its bridge with a code for that source</source>
        <translation>terminal {terminal} nie występuje w imieniu źródła maszynowego {source}: zarejestruj jego bramkę kodem dla tego źródła</translation>
    </message>
    <message>
        <source>{actor} is not an enrolled user, so cannot {action}</source>
        <translation>{actor} nie jest zarejestrowanym użytkownikiem, więc nie może {action}</translation>
    </message>
    <message>
        <source>only {roles} may {action}; {name} is not one</source>
        <translation>tylko {roles} może {action}; {name} nie ma tej roli</translation>
    </message>
    <message>
        <source>{path}: {problem}. {remedy}</source>
        <translation>{path}: {problem}. {remedy}</translation>
    </message>
    <message>
        <source>its event log was changed outside Takt: {findings}</source>
        <translation>jej dziennik zdarzeń został zmieniony poza programem Takt: {findings}</translation>
    </message>
    <message>
        <source>Takt neither syncs nor records anything on it. Keep the file as it is for whoever investigates (`takt verify --database {path}` lists every finding), then move it aside and start Takt again: a fresh database syncs from the server (changes this terminal had not sent yet are only in the kept file)</source>
        <translation>Takt niczego w niej nie synchronizuje ani nie zapisuje. Zachowaj plik w obecnym stanie dla osoby, która będzie to badać (`takt verify --database {path}` wyświetla wszystkie ustalenia), a potem przenieś go w inne miejsce i uruchom Takt ponownie: nowa baza danych zsynchronizuje się z serwerem (zmiany, których ten terminal jeszcze nie wysłał, są tylko w zachowanym pliku)</translation>
    </message>
    <message>
        <source>another Takt is already running on {path}. Switch to that window, or close it first; a second terminal on this computer needs its own --data-dir.</source>
        <translation>inna instancja Takt już działa na {path}. Przełącz się do tamtego okna albo najpierw je zamknij; drugi terminal na tym komputerze potrzebuje własnego --data-dir.</translation>
    </message>
    <message>
        <source>Takt cannot write its data here ({error})</source>
        <translation>Takt nie może tutaj zapisywać swoich danych ({error})</translation>
    </message>
    <message>
        <source>Give this user write access to the folder, or start Takt with --data-dir (or TAKT_DATA_DIR) pointing to a writable folder.</source>
        <translation>Nadaj temu użytkownikowi prawo zapisu do folderu albo uruchom Takt z opcją --data-dir (lub TAKT_DATA_DIR) wskazującą folder z prawem zapisu.</translation>
    </message>
    <message>
        <source>missing: say which material is short</source>
        <translation>brak: podaj, którego materiału brakuje</translation>
    </message>
    <message>
        <source>missing: say which machine is down</source>
        <translation>brak: podaj, która maszyna stoi</translation>
    </message>
    <message>
        <source>missing: say which order changes</source>
        <translation>brak: podaj, które zlecenie się zmienia</translation>
    </message>
    <message>
        <source>missing: say which material is replaced</source>
        <translation>brak: podaj, który materiał jest zastępowany</translation>
    </message>
    <message>
        <source>missing: say for which order</source>
        <translation>brak: podaj, którego zlecenia to dotyczy</translation>
    </message>
    <message>
        <source>missing: name the lot, item, order or operation held</source>
        <translation>brak: podaj blokowaną partię, materiał, zlecenie lub operację</translation>
    </message>
    <message>
        <source>missing: pick a downtime reason</source>
        <translation>brak: wybierz przyczynę przestoju</translation>
    </message>
    <message>
        <source>missing: which material is proposed instead</source>
        <translation>brak: jaki materiał proponuje się w zamian</translation>
    </message>
    <message>
        <source>say why (a few words): it is kept with the posting</source>
        <translation>podaj powód (kilka słów): zostanie zapisany przy księgowaniu</translation>
    </message>
    <message>
        <source>keep it under {n} characters</source>
        <translation>mniej niż {n} znaków</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>wartość nie może być ujemna</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>musi być liczbą całkowitą</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>musi być tekstem</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>pole nie może być puste</translation>
    </message>
    <message>
        <source>cannot be changed here</source>
        <translation>nie można tego tutaj zmienić</translation>
    </message>
    <message>
        <source>change at least one field</source>
        <translation>zmień co najmniej jedno pole</translation>
    </message>
    <message>
        <source>this posting has no such field</source>
        <translation>to księgowanie nie ma takiego pola</translation>
    </message>
    <message>
        <source>cannot be changed: it says what the posting is</source>
        <translation>nie można zmienić: określa rodzaj księgowania</translation>
    </message>
    <message>
        <source>nothing changed: change at least one field</source>
        <translation>nic nie zmieniono: zmień co najmniej jedno pole</translation>
    </message>
    <message>
        <source>record it as reversed</source>
        <translation>zapisać je jako stornowane</translation>
    </message>
    <message>
        <source>unknown posting {id}</source>
        <translation>nie znaleziono księgowania {id}</translation>
    </message>
    <message>
        <source>it is {status}, not refused: the ERP writer is still sending it</source>
        <translation>ma status „{status}”, a nie „odrzucone”: moduł zapisu do ERP wciąż je wysyła</translation>
    </message>
    <message>
        <source>missing: say what happened in a few words</source>
        <translation>brak: opisz w kilku słowach, co się stało</translation>
    </message>
    <message>
        <source>work center</source>
        <translation>stanowisko robocze</translation>
    </message>
    <message>
        <source>lot {lot} holds item {held}, not {item}</source>
        <translation>partia {lot} zawiera materiał {held}, a nie {item}</translation>
    </message>
    <message>
        <source>lot {lot} is on quality hold</source>
        <translation>partia {lot} ma blokadę jakościową</translation>
    </message>
    <message>
        <source>lot {lot} is on hold: {reason}</source>
        <translation>partia {lot} jest zablokowana: {reason}</translation>
    </message>
    <message>
        <source>work order</source>
        <translation>zlecenie</translation>
    </message>
    <message>
        <source>work order {order} is {status}: nothing is issued to it</source>
        <translation>zlecenie {order} ma status „{status}”: nie wydaje się na nie materiału</translation>
    </message>
    <message>
        <source>operation {op} is not part of work order {order}</source>
        <translation>operacja {op} nie należy do zlecenia {order}</translation>
    </message>
    <message>
        <source>item {item} is not a material of work order {order}</source>
        <translation>materiał {item} nie jest materiałem zlecenia {order}</translation>
    </message>
    <message>
        <source>{item} issued to work order {order} would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may issue more</source>
        <translation>wydanie {item} na zlecenie {order} dałoby łącznie {total}, powyżej limitu {limit} ({basis}); więcej może wydać tylko mistrz lub kierownik</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>operacja</translation>
    </message>
    <message>
        <source>operation {op} is already running</source>
        <translation>operacja {op} jest już w pracy</translation>
    </message>
    <message>
        <source>cannot start operation {op}: it was completed</source>
        <translation>nie można rozpocząć operacji {op}: została zakończona</translation>
    </message>
    <message>
        <source>cannot confirm operation {op}: it was already completed</source>
        <translation>nie można potwierdzić operacji {op}: została już zakończona</translation>
    </message>
    <message>
        <source>operation {op}: good + scrap would come to {total}, over the limit of {limit} ({basis}); only a supervisor or a manager may confirm more</source>
        <translation>operacja {op}: dobre + złom dałyby łącznie {total}, powyżej limitu {limit} ({basis}); więcej może potwierdzić tylko mistrz lub kierownik</translation>
    </message>
    <message>
        <source>target operation</source>
        <translation>operacja docelowa</translation>
    </message>
    <message>
        <source>item</source>
        <translation>materiał</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>partia</translation>
    </message>
    <message>
        <source>substitute</source>
        <translation>zamiennik</translation>
    </message>
    <message>
        <source>unknown {what} {value}</source>
        <translation>nie znaleziono: {what} {value}</translation>
    </message>
    <message>
        <source>unknown exception {id}</source>
        <translation>nie znaleziono zakłócenia {id}</translation>
    </message>
    <message>
        <source>it is resolved; reopen it first</source>
        <translation>jest rozwiązane; najpierw je wznów</translation>
    </message>
    <message>
        <source>unknown user {user}</source>
        <translation>nieznany użytkownik {user}</translation>
    </message>
    <message>
        <source>it already belongs there</source>
        <translation>już jest tam przypisane</translation>
    </message>
    <message>
        <source>decide this</source>
        <translation>o tym zdecydować</translation>
    </message>
    <message>
        <source>it is already resolved</source>
        <translation>jest już rozwiązane</translation>
    </message>
    <message>
        <source>missing: say what was decided and done</source>
        <translation>brak: podaj, co postanowiono i zrobiono</translation>
    </message>
    <message>
        <source>only a resolved exception can be closed</source>
        <translation>zamknąć można tylko rozwiązane zakłócenie</translation>
    </message>
    <message>
        <source>it is still open</source>
        <translation>jest wciąż otwarte</translation>
    </message>
    <message>
        <source>unknown task {id}</source>
        <translation>nie znaleziono zadania {id}</translation>
    </message>
    <message>
        <source>the disk is full, so nothing of this change was saved</source>
        <translation>dysk jest pełny, więc nic z tej zmiany nie zostało zapisane</translation>
    </message>
    <message>
        <source>Free some space on that disk (or ask IT to), then do it again; everything saved before is intact</source>
        <translation>Zwolnij miejsce na tym dysku (lub poproś o to dział IT), a potem spróbuj ponownie; wszystko zapisane wcześniej jest nienaruszone</translation>
    </message>
    <message>
        <source>The file was left untouched. Move it aside (keep it for support) and start Takt again to create a fresh database, which then syncs from the server.</source>
        <translation>Plik pozostał nietknięty. Przenieś go w inne miejsce (zachowaj go dla wsparcia technicznego) i uruchom Takt ponownie, aby utworzyć nową bazę danych, która następnie zsynchronizuje się z serwerem.</translation>
    </message>
    <message>
        <source>this is not a Takt database (not SQLite)</source>
        <translation>to nie jest baza danych Takt (nie SQLite)</translation>
    </message>
    <message>
        <source>the database is damaged ({problem})</source>
        <translation>baza danych jest uszkodzona ({problem})</translation>
    </message>
    <message>
        <source>this SQLite file was not written by Takt</source>
        <translation>ten plik SQLite nie został zapisany przez Takt</translation>
    </message>
    <message>
        <source>the database was written by a newer Takt (schema {revision})</source>
        <translation>baza danych została zapisana przez nowszą wersję Takt (schemat {revision})</translation>
    </message>
    <message>
        <source>The file was left untouched. Install that newer Takt on this terminal, or open another --data-dir.</source>
        <translation>Plik pozostał nietknięty. Zainstaluj tę nowszą wersję Takt na tym terminalu albo otwórz inny --data-dir.</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>zgłoszone</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>przyjęte</translation>
    </message>
    <message>
        <source>in_progress</source>
        <translation>w toku</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>w toku</translation>
    </message>
    <message>
        <source>decision without a reason</source>
        <translation>decyzja bez uzasadnienia</translation>
    </message>
    <message>
        <source>closed without reaching the ERP</source>
        <translation>zamknięte bez dotarcia do ERP</translation>
    </message>
    <message>
        <source>repeated root cause</source>
        <translation>powtarzająca się przyczyna źródłowa</translation>
    </message>
    <message>
        <source>not due</source>
        <translation>nie dotyczy</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>w oczekiwaniu</translation>
    </message>
    <message>
        <source>in the ERP</source>
        <translation>w ERP</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nigdy</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Nr</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanał</translation>
    </message>
    <message>
        <source>To owner</source>
        <translation>Do odpowiedzialnego</translation>
    </message>
    <message>
        <source>Decision (by)</source>
        <translation>Decyzja (kto)</translation>
    </message>
    <message>
        <source>To decision</source>
        <translation>Do decyzji</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Oznaczenia</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Zakłócenia</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Z decyzją</translation>
    </message>
    <message>
        <source>Median to owner</source>
        <translation>Mediana do odpowiedzialnego</translation>
    </message>
    <message>
        <source>Median to decision</source>
        <translation>Mediana do decyzji</translation>
    </message>
    <message>
        <source>Median to ERP</source>
        <translation>Mediana do ERP</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open, {decided} decided. Median time to owner {owner}, to decision {decision}, to the ERP {erp}.</source>
        <translation>Zgłoszone zakłócenia: {n}, nadal otwarte: {open}, z decyzją: {decided}. Mediana czasu do osoby odpowiedzialnej {owner}, do decyzji {decision}, do ERP {erp}.</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Kto zdecydował</translation>
    </message>
    <message>
        <source>not decided yet</source>
        <translation>jeszcze bez decyzji</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Oznaczenie</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Które</translation>
    </message>
    <message>
        <source>{plant} — {start} to {end}</source>
        <translation>{plant} — od {start} do {end}</translation>
    </message>
    <message>
        <source>Execution audit</source>
        <translation>Audyt realizacji</translation>
    </message>
    <message>
        <source>printed {when}</source>
        <translation>wydrukowano {when}</translation>
    </message>
    <message>
        <source>page {n} of {total}</source>
        <translation>strona {n} z {total}</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>rozwiązane</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięte</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>na czas</translation>
    </message>
    <message>
        <source>not acknowledged in time</source>
        <translation>nieprzyjęte na czas</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>po terminie</translation>
    </message>
    <message>
        <source>to read</source>
        <translation>do przeczytania</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>zaakceptowane</translation>
    </message>
    <message>
        <source>queried</source>
        <translation>z pytaniem</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>z odpowiedzią</translation>
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
        <translation>Zgłoszono</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>resolved {at}</source>
        <translation>rozwiązane {at}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>otwarte</translation>
    </message>
    <message>
        <source>Work centers</source>
        <translation>Stanowiska</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Postoje</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Przestój</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Of plan</source>
        <translation>% planu</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Korekta</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Odrzucono</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Teraz</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>wyjaśnione</translation>
    </message>
    <message>
        <source>still refused</source>
        <translation>nadal odrzucone</translation>
    </message>
    <message>
        <source>Open item</source>
        <translation>Otwarta pozycja</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Przejmujący</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Początek</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Zmierzono</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nie osiągnięto</translation>
    </message>
    <message>
        <source>acknowledge deadline</source>
        <translation>termin przyjęcia</translation>
    </message>
    <message>
        <source>resolve deadline</source>
        <translation>termin rozwiązania</translation>
    </message>
    <message>
        <source>done</source>
        <translation>wykonane</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowane</translation>
    </message>
    <message>
        <source>released</source>
        <translation>zwolnione</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>zakończone</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>zawieszone</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>oczekujące</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>w wysyłce</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>zaksięgowane</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>nieznane</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nieudane</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>osierocone</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>stornowane</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>zatrzymane</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>usunięte</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>mistrz</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>dział jakości</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>utrzymanie ruchu</translation>
    </message>
    <message>
        <source>procurement</source>
        <translation>zaopatrzenie</translation>
    </message>
    <message>
        <source>customer service</source>
        <translation>obsługa klienta</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>kierownik</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrator</translation>
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
        <translation>{said} lub {part}</translation>
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
        <translation>Otwieranie ekranów…</translation>
    </message>
    <message>
        <source>Takt cannot start</source>
        <translation>Nie można uruchomić Takt</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Przypnij na górę</translation>
    </message>
    <message>
        <source>Move before…</source>
        <translation>Przesuń przed…</translation>
    </message>
    <message>
        <source>Move after…</source>
        <translation>Przesuń za…</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Wstrzymaj</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>Usuń korektę</translation>
    </message>
    <message>
        <source>Move before</source>
        <translation>Przesuń przed</translation>
    </message>
    <message>
        <source>Move after</source>
        <translation>Przesuń za</translation>
    </message>
    <message>
        <source>Pin {job} to the top of {work_center}</source>
        <translation>Przypnij {job} na górę kolejki {work_center}</translation>
    </message>
    <message>
        <source>Move {job} before another job</source>
        <translation>Przesuń {job} przed inną operację</translation>
    </message>
    <message>
        <source>Move {job} after another job</source>
        <translation>Przesuń {job} za inną operację</translation>
    </message>
    <message>
        <source>Hold {job}: do not run it now</source>
        <translation>Wstrzymaj {job}: nie wykonuj jej teraz</translation>
    </message>
    <message>
        <source>Clear the override on {job}</source>
        <translation>Usuń korektę kolejności dla {job}</translation>
    </message>
    <message>
        <source>Now: {override}</source>
        <translation>Teraz: {override}</translation>
    </message>
    <message>
        <source>Reason (shown on the board next to the job)</source>
        <translation>Powód (widoczny na tablicy przy operacji)</translation>
    </message>
    <message>
        <source>e.g. customer moved the truck to 14:00</source>
        <translation>np. klient przesunął odbiór na 14:00</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go before?</source>
        <translation>Przed którą operacją stanowiska {work_center} ma się znaleźć?</translation>
    </message>
    <message>
        <source>Which job of {work_center} should it go after?</source>
        <translation>Za którą operacją stanowiska {work_center} ma się znaleźć?</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>Zmiana zlecenia</translation>
    </message>
    <message>
        <source>Priority shift</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Wszystkie operacje</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>W pracy</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Oczekujące</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Zablokowane</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Wstrzymane</translation>
    </message>
    <message numerus="yes">
        <source>%n jobs</source>
        <translation>
            <numerusform>%n operacja</numerusform>
            <numerusform>%n operacje</numerusform>
            <numerusform>%n operacji</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} z {total}</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Obszar</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>Zgłoś</translation>
    </message>
    <message>
        <source>Call / message</source>
        <translation>Tel. / wiadomość</translation>
    </message>
    <message>
        <source>Unsigned handover: {shifts}</source>
        <translation>Niepodpisane przekazanie: {shifts}</translation>
    </message>
    <message>
        <source>Pick a job to override its rank.</source>
        <translation>Wybierz operację, aby skorygować jej pozycję.</translation>
    </message>
    <message>
        <source>{job} in {work_center}: {status}</source>
        <translation>{job} na stanowisku {work_center}: {status}</translation>
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
        <translation>Zaloguj się, aby zmieniać tablicę.</translation>
    </message>
    <message>
        <source>{action}: {reason}</source>
        <translation>{action}: {reason}</translation>
    </message>
    <message>
        <source>Takt cannot open {path}:
{problem}.
{remedy}</source>
        <translation>Takt nie może otworzyć {path}:
{problem}.
{remedy}</translation>
    </message>
    <message>
        <source>Opening the demo&apos;s databases…</source>
        <translation>Otwieranie baz danych wersji demonstracyjnej…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Uruchamianie serwera demonstracyjnego…</translation>
    </message>
    <message>
        <source>Registering the demo terminal {name}…</source>
        <translation>Rejestrowanie terminala demonstracyjnego {name}…</translation>
    </message>
    <message>
        <source>the demo terminal could not register: {error}</source>
        <translation>nie udało się zarejestrować terminala demonstracyjnego: {error}</translation>
    </message>
    <message>
        <source>Loading the plant into the demo terminal {name}…</source>
        <translation>Wczytywanie zakładu do terminala demonstracyjnego {name}…</translation>
    </message>
    <message>
        <source>Preparing the demo plant (first start only): {orders} work orders with {operations} operations, {people} people…</source>
        <translation>Przygotowywanie zakładu demonstracyjnego (tylko przy pierwszym uruchomieniu): zlecenia: {orders}, operacje: {operations}, osoby: {people}…</translation>
    </message>
    <message>
        <source>{records} records written</source>
        <translation>zapisane rekordy: {records}</translation>
    </message>
    <message>
        <source>Loading the screens…</source>
        <translation>Wczytywanie ekranów…</translation>
    </message>
    <message>
        <source>Opening this terminal&apos;s database…</source>
        <translation>Otwieranie bazy danych tego terminala…</translation>
    </message>
    <message>
        <source>Connecting to the Takt server at {url}…</source>
        <translation>Łączenie z serwerem Takt pod adresem {url}…</translation>
    </message>
    <message>
        <source>cannot reach the Takt server at {url} ({error}). Check the address, the network, and that the server is running.</source>
        <translation>nie można połączyć się z serwerem Takt pod adresem {url} ({error}). Sprawdź adres, sieć i czy serwer działa.</translation>
    </message>
    <message>
        <source>the server at {url} refused the enrollment code ({error}). Check it (or {variable}), or ask an administrator for a new one (`takt server terminals add`).</source>
        <translation>serwer pod adresem {url} odrzucił kod rejestracyjny ({error}). Sprawdź go (lub {variable}) albo poproś administratora o nowy (`takt server terminals add`).</translation>
    </message>
    <message>
        <source>the server at {url} is not taking enrollment codes from here for now: {error} (wait {seconds} s)</source>
        <translation>serwer pod adresem {url} chwilowo nie przyjmuje stąd kodów rejestracyjnych: {error} (odczekaj {seconds} s)</translation>
    </message>
    <message>
        <source>the server at {url} would not register this terminal: {error}</source>
        <translation>serwer pod adresem {url} nie chce zarejestrować tego terminala: {error}</translation>
    </message>
    <message>
        <source>registering with the server at {url} failed: {error}</source>
        <translation>rejestracja na serwerze pod adresem {url} nie powiodła się: {error}</translation>
    </message>
    <message>
        <source>{kind} of {work_order}: {what}.
The ERP said: {said}</source>
        <translation>{kind} dla {work_order}: {what}.
Odpowiedź ERP: {said}</translation>
    </message>
    <message>
        <source>{kind}: {what}.
The ERP said: {said}</source>
        <translation>{kind}: {what}.
Odpowiedź ERP: {said}</translation>
    </message>
    <message>
        <source>Reason (kept with the posting)</source>
        <translation>Powód (zapisywany przy księgowaniu)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>Cancel this ERP posting</source>
        <translation>Anuluj to księgowanie w ERP</translation>
    </message>
    <message>
        <source>Cancel posting</source>
        <translation>Anuluj księgowanie</translation>
    </message>
    <message>
        <source>e.g. booked by hand in the ERP</source>
        <translation>np. zaksięgowano ręcznie w ERP</translation>
    </message>
    <message>
        <source>Reversed in the ERP</source>
        <translation>Stornowano w ERP</translation>
    </message>
    <message>
        <source>Record as reversed</source>
        <translation>Zapisz jako stornowane</translation>
    </message>
    <message>
        <source>e.g. Stock Entry cancelled in the ERP</source>
        <translation>np. dokument magazynowy anulowany w ERP</translation>
    </message>
    <message>
        <source>Correct and resend this ERP posting</source>
        <translation>Popraw i wyślij ponownie to księgowanie w ERP</translation>
    </message>
    <message>
        <source>Save and send</source>
        <translation>Zapisz i wyślij</translation>
    </message>
    <message>
        <source>e.g. scrap was counted twice</source>
        <translation>np. złom policzono dwa razy</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Potwierdzenie</translation>
    </message>
    <message>
        <source>Goods movement</source>
        <translation>Ruch materiałowy</translation>
    </message>
    <message>
        <source>Quality event</source>
        <translation>Zdarzenie jakościowe</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Przestój</translation>
    </message>
    <message>
        <source>ERP order</source>
        <translation>Zlecenie w ERP</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Potwierdzający</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>wydanie</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>przyjęcie</translation>
    </message>
    <message>
        <source>scrap</source>
        <translation>złom</translation>
    </message>
    <message>
        <source>good {good}, scrap {scrap}</source>
        <translation>dobre {good}, złom {scrap}</translation>
    </message>
    <message>
        <source>good {good}</source>
        <translation>dobre {good}</translation>
    </message>
    <message>
        <source>{amounts} on op {seq}</source>
        <translation>{amounts} na op. {seq}</translation>
    </message>
    <message>
        <source>move</source>
        <translation>ruch</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item} (lot {lot})</source>
        <translation>{movement} {quantity} {item} (partia {lot})</translation>
    </message>
    <message>
        <source>{movement} {quantity} {item}</source>
        <translation>{movement} {quantity} {item}</translation>
    </message>
    <message>
        <source>release</source>
        <translation>zwolnienie</translation>
    </message>
    <message>
        <source>release: {disposition}</source>
        <translation>zwolnienie: {disposition}</translation>
    </message>
    <message>
        <source>hold: {subject}</source>
        <translation>blokada: {subject}</translation>
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
        <translation>opóźnienie: mediana {median}, 95. percentyl {p95}</translation>
    </message>
    <message>
        <source>no lag yet</source>
        <translation>brak danych o opóźnieniu</translation>
    </message>
    <message>
        <source>Pending {pending} · Posted {posted} · Failed {failed} · {lag} (last {days} days)</source>
        <translation>Oczekujące {pending} · Zaksięgowane {posted} · Nieudane {failed} · {lag} (ostatnie {days} dni)</translation>
    </message>
    <message>
        <source>Happened</source>
        <translation>Czas zdarzenia</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Próby</translation>
    </message>
    <message>
        <source>The ERP said</source>
        <translation>Odpowiedź ERP</translation>
    </message>
    <message>
        <source>Posting {id}</source>
        <translation>Księgowanie {id}</translation>
    </message>
    <message>
        <source>ERP postings</source>
        <translation>Księgowania ERP</translation>
    </message>
    <message>
        <source>Nothing to decide: the ERP took every posting it was sent.</source>
        <translation>Nic do rozstrzygnięcia: ERP przyjął wszystkie wysłane księgowania.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ponów</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edytuj…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <comment>an ERP posting</comment>
        <translation>Anuluj…</translation>
    </message>
    <message>
        <source>Reversed in the ERP…</source>
        <translation>Stornowano w ERP…</translation>
    </message>
    <message>
        <source>The postings could not be read; it will try again.</source>
        <translation>Nie udało się odczytać księgowań; nastąpi ponowna próba.</translation>
    </message>
    <message>
        <source>sent {posting} to the ERP again</source>
        <translation>ponownie wysłano {posting} do ERP</translation>
    </message>
    <message>
        <source>corrected {posting} and sent it again</source>
        <translation>poprawiono {posting} i wysłano ponownie</translation>
    </message>
    <message>
        <source>cancelled {posting}: it will not be sent</source>
        <translation>anulowano {posting}: nie zostanie wysłane</translation>
    </message>
    <message>
        <source>recorded {posting} as reversed in the ERP</source>
        <translation>zapisano {posting} jako stornowane w ERP</translation>
    </message>
    <message>
        <source>the posting of {work_order} ({what})</source>
        <translation>księgowanie zlecenia {work_order} ({what})</translation>
    </message>
    <message>
        <source>the posting ({what})</source>
        <translation>księgowanie ({what})</translation>
    </message>
    <message>
        <source>{category}: what exactly? (optional)</source>
        <translation>{category}: co dokładnie? (opcjonalnie)</translation>
    </message>
    <message>
        <source>{label} (optional)</source>
        <translation>{label} (opcjonalnie)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Dlaczego</translation>
    </message>
    <message>
        <source>◀ Inbox</source>
        <translation>◀ Skrzynka</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportuj…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Tasks per function</source>
        <translation>Zadania według działów</translation>
    </message>
    <message>
        <source>{kind}: {summary}</source>
        <translation>{kind}: {summary}</translation>
    </message>
    <message>
        <source>Status: {status}   ·   Severity: {severity}   ·   Owner: {owner}</source>
        <translation>Status: {status}   ·   Poziom ważności: {severity}   ·   Odpowiedzialny: {owner}</translation>
    </message>
    <message>
        <source>{due} (by {deadline})</source>
        <translation>{due} (do {deadline})</translation>
    </message>
    <message>
        <source>Where: {where}   ·   Raised {raised} by {name} via {channel}</source>
        <translation>Gdzie: {where}   ·   Zgłoszone {raised} przez {name}, kanał: {channel}</translation>
    </message>
    <message>
        <source>Decision: {decision} (root cause: {root_cause})</source>
        <translation>Decyzja: {decision} (przyczyna źródłowa: {root_cause})</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) still open when it was resolved were closed with it; reopening the exception opens them again.</source>
        <translation>
            <numerusform>%n zadanie otwarte w chwili rozwiązania zostało zamknięte razem z nim; wznowienie zakłócenia otworzy je znowu.</numerusform>
            <numerusform>%n zadania otwarte w chwili rozwiązania zostały zamknięte razem z nim; wznowienie zakłócenia otworzy je znowu.</numerusform>
            <numerusform>%n zadań otwartych w chwili rozwiązania zostało zamkniętych razem z nim; wznowienie zakłócenia otworzy je znowu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some tasks are still open.</source>
        <translation>Niektóre zadania są nadal otwarte.</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Eksportuj historię</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Pliki tekstowe (*.txt)</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Nie udało się zapisać {path}: {reason}</translation>
    </message>
    <message>
        <source>History written to {path}.</source>
        <translation>Zapisano historię w {path}.</translation>
    </message>
    <message>
        <source>this terminal keeps no files (its database is in memory)</source>
        <translation>ten terminal nie przechowuje plików (jego baza danych jest w pamięci)</translation>
    </message>
    <message>
        <source>material shortage</source>
        <translation>niedobór materiału</translation>
    </message>
    <message>
        <source>machine downtime</source>
        <translation>przestój maszyny</translation>
    </message>
    <message>
        <source>quality hold</source>
        <translation>blokada jakościowa</translation>
    </message>
    <message>
        <source>order change</source>
        <translation>zmiana zlecenia</translation>
    </message>
    <message>
        <source>priority shift</source>
        <translation>zmiana priorytetu</translation>
    </message>
    <message>
        <source>substitute material</source>
        <translation>materiał zastępczy</translation>
    </message>
    <message>
        <source>other</source>
        <translation>inne</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niski</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>średni</translation>
    </message>
    <message>
        <source>high</source>
        <translation>wysoki</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>krytyczny</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>kiosk</translation>
    </message>
    <message>
        <source>line pc</source>
        <translation>komputer linii</translation>
    </message>
    <message>
        <source>machine</source>
        <translation>maszyna</translation>
    </message>
    <message>
        <source>erp</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>message</source>
        <translation>wiadomość</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>{countdown} to acknowledge</source>
        <translation>{countdown} na przyjęcie</translation>
    </message>
    <message>
        <source>{countdown} to resolve</source>
        <translation>{countdown} na rozwiązanie</translation>
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
        <translation>Gdzie</translation>
    </message>
    <message>
        <source>{status}: {waiting_on}</source>
        <translation>{status}: {waiting_on}</translation>
    </message>
    <message>
        <source>{status} · tier {tier}</source>
        <translation>{status} · poziom {tier}</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Dział</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dotyczy</translation>
    </message>
    <message>
        <source>closed with the exception</source>
        <translation>zamknięte wraz z zakłóceniem</translation>
    </message>
    <message>
        <source>{plant}: work centers</source>
        <translation>{plant}: stanowiska robocze</translation>
    </message>
    <message>
        <source>Logged in: {name} ({roles})</source>
        <translation>Zalogowano: {name} ({roles})</translation>
    </message>
    <message>
        <source>Takt</source>
        <translation>Takt</translation>
    </message>
    <message>
        <source>Takt is starting</source>
        <translation>Takt się uruchamia</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <source>This change</source>
        <translation>Ta zmiana</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>nie podano powodu</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Dlaczego serwer ją odrzucił</translation>
    </message>
    <message>
        <source>Drop a rejected change</source>
        <translation>Usuń odrzuconą zmianę</translation>
    </message>
    <message>
        <source>Drop this rejected change</source>
        <translation>Usuń tę odrzuconą zmianę</translation>
    </message>
    <message>
        <source>{what} (by {who}).
The server said: {why}</source>
        <translation>{what} ({who}).
Odpowiedź serwera: {why}</translation>
    </message>
    <message>
        <source>Reason (kept with the decision)</source>
        <translation>Powód (zapisywany z decyzją)</translation>
    </message>
    <message>
        <source>e.g. already done again by hand</source>
        <translation>np. już wykonano ponownie ręcznie</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Usuwanie…</translation>
    </message>
    <message>
        <source>Rejected by the server</source>
        <translation>Odrzucone przez serwer</translation>
    </message>
    <message>
        <source>Changes the server rejected</source>
        <translation>Zmiany odrzucone przez serwer</translation>
    </message>
    <message>
        <source>These changes were made on this terminal, but the server refused them, so they were undone here. Send one again in your name if it still applies, or drop it.</source>
        <translation>Te zmiany wprowadzono na tym terminalu, ale serwer je odrzucił, więc zostały tutaj cofnięte. Wyślij zmianę ponownie we własnym imieniu, jeśli jest nadal aktualna, albo ją usuń.</translation>
    </message>
    <message>
        <source>Only a supervisor or manager can send these again or drop them.</source>
        <translation>Tylko mistrz lub kierownik może je ponownie wysłać lub usunąć.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>Sent again as {name}</source>
        <translation>Wysłano ponownie jako {name}</translation>
    </message>
    <message>
        <source>Sending again…</source>
        <translation>Ponowne wysyłanie…</translation>
    </message>
    <message>
        <source>Not sent again: {why}</source>
        <translation>Nie wysłano ponownie: {why}</translation>
    </message>
    <message>
        <source>Not dropped: {why}</source>
        <translation>Nie usunięto: {why}</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Usunięto</translation>
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
        <translation>Łączenie z serwerem</translation>
    </message>
    <message>
        <source>Server refused this terminal</source>
        <translation>Serwer odrzucił ten terminal</translation>
    </message>
    <message>
        <source>Not enrolled with the server</source>
        <translation>Niezarejestrowany na serwerze</translation>
    </message>
    <message>
        <source>Copy of another terminal&apos;s database: not syncing</source>
        <translation>Kopia bazy danych innego terminala: bez synchronizacji</translation>
    </message>
    <message>
        <source>Own events changed outside Takt: not syncing</source>
        <translation>Własne zdarzenia zmienione poza programem Takt: bez synchronizacji</translation>
    </message>
    <message>
        <source>Refused the server&apos;s data</source>
        <translation>Odrzucono dane serwera</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>oczekujące: {n}</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>zsynchronizowano {time}</translation>
    </message>
    <message>
        <source>run {command}</source>
        <translation>uruchom {command}</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>ostatnia synchronizacja {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nigdy nie synchronizowano</translation>
    </message>
    <message>
        <source>Clock {amount} behind the server</source>
        <translation>Zegar spóźnia się o {amount} względem serwera</translation>
    </message>
    <message>
        <source>Clock {amount} ahead of the server</source>
        <translation>Zegar spieszy się o {amount} względem serwera</translation>
    </message>
    <message>
        <source>Changes made here that the server refused: show them</source>
        <translation>Zmiany wprowadzone tutaj, które serwer odrzucił: pokaż je</translation>
    </message>
    <message>
        <source>Tap to try the server now</source>
        <translation>Dotknij, aby teraz połączyć się z serwerem</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>odrzucone: {n}</translation>
    </message>
    <message>
        <source>This terminal&apos;s database is a copy of terminal {terminal}&apos;s: from seq {seq} on, the server holds other events under the same numbers. Its own changes are kept here and nothing more is sent; enroll it as a new terminal (takt enroll --new-identity) to send them.</source>
        <translation>Baza danych tego terminala jest kopią bazy terminala {terminal}: od seq {seq} serwer przechowuje pod tymi samymi numerami inne zdarzenia. Własne zmiany tego terminala pozostają tutaj i nic więcej nie jest wysyłane; zarejestruj go jako nowy terminal (takt enroll --new-identity), aby je wysłać.</translation>
    </message>
    <message>
        <source>is this terminal&apos;s identity already</source>
        <translation>to już jest tożsamość tego terminala</translation>
    </message>
    <message>
        <source>{terminal} already has events in this database</source>
        <translation>{terminal} ma już zdarzenia w tej bazie danych</translation>
    </message>
    <message>
        <source>{unsent} of its events are not acknowledged by a server and nothing shows this database is a copy; sync it first (the server tells which events are this copy&apos;s own)</source>
        <translation>zdarzenia niepotwierdzone przez serwer: {unsent}, a nic nie wskazuje, że ta baza danych jest kopią; najpierw ją zsynchronizuj (serwer wskaże, które zdarzenia należą do tej kopii)</translation>
    </message>
    <message>
        <source>it refers to something this terminal does not hold: {error}</source>
        <translation>odnosi się do czegoś, czego ten terminal nie ma: {error}</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>odrzucone</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>musi być liczbą</translation>
    </message>
    <message>
        <source>must be between 1 and 100</source>
        <translation>musi być w zakresie od 1 do 100</translation>
    </message>
    <message>
        <source>unknown setting</source>
        <translation>nieznane ustawienie</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>niepoprawny TOML ({error})</translation>
    </message>
    <message>
        <source>order quantity {quantity} × over-delivery {factor}</source>
        <translation>ilość zlecenia {quantity} × tolerancja nadmiernej dostawy {factor}</translation>
    </message>
    <message>
        <source>the order needs {quantity} × over-issue {factor}</source>
        <translation>zapotrzebowanie zlecenia {quantity} × tolerancja nadmiernego wydania {factor}</translation>
    </message>
    <message>
        <source>{min} to {max} digits</source>
        <translation>od {min} do {max} cyfr</translation>
    </message>
    <message>
        <source>not the employee number, not part of it and not containing it</source>
        <translation>nie numer pracownika, nie jego część i nic, co go zawiera</translation>
    </message>
    <message>
        <source>not one digit repeated (111111), not a run (123456, 654321), not a repeated group (121212, 123123)</source>
        <translation>nie jedna powtórzona cyfra (111111), nie ciąg (123456, 654321), nie powtórzona grupa (121212, 123123)</translation>
    </message>
    <message>
        <source>must be {min} to {max} digits</source>
        <translation>musi mieć od {min} do {max} cyfr</translation>
    </message>
    <message>
        <source>must not be the employee number, contain it or be part of it</source>
        <translation>nie może być numerem pracownika, zawierać go ani być jego częścią</translation>
    </message>
    <message>
        <source>is too easy to guess: one digit repeated ({example})</source>
        <translation>jest zbyt łatwy do odgadnięcia: jedna powtórzona cyfra ({example})</translation>
    </message>
    <message>
        <source>is too easy to guess: a run of digits (like 123456 or 654321)</source>
        <translation>jest zbyt łatwy do odgadnięcia: ciąg kolejnych cyfr (np. 123456 lub 654321)</translation>
    </message>
    <message>
        <source>is too easy to guess: a repeated group of digits (like 121212 or 123123)</source>
        <translation>jest zbyt łatwy do odgadnięcia: powtórzona grupa cyfr (np. 121212 lub 123123)</translation>
    </message>
    <message>
        <source>must be a number &gt;= {low}</source>
        <translation>musi być liczbą &gt;= {low}</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}</source>
        <translation>{value} nie jest jedną z wartości: {choices}</translation>
    </message>
    <message>
        <source>unknown priority class</source>
        <translation>nieznana klasa priorytetu</translation>
    </message>
    <message>
        <source>Exceptions by type</source>
        <translation>Zakłócenia według rodzaju</translation>
    </message>
    <message>
        <source>Downtime by reason</source>
        <translation>Przestoje według przyczyny</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Czas rozwiązania</translation>
    </message>
    <message>
        <source>ERP posting lag by day</source>
        <translation>Opóźnienie księgowań ERP wg dni</translation>
    </message>
    <message>
        <source>SLA deadlines met, by function</source>
        <translation>Dotrzymane terminy SLA wg działów</translation>
    </message>
    <message>
        <source>First-pass resolution by day</source>
        <translation>Rozwiązane za 1. razem, wg dni</translation>
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
        <translation>brak działu</translation>
    </message>
    <message>
        <source>n={n}</source>
        <translation>n={n}</translation>
    </message>
    <message>
        <source>{n} exceptions raised, {open} still open</source>
        <translation>zgłoszone zakłócenia: {n}, nadal otwarte: {open}</translation>
    </message>
    <message>
        <source>{n} machine downtimes, {open} still open</source>
        <translation>przestoje maszyn: {n}, nadal otwarte: {open}</translation>
    </message>
    <message>
        <source>{n} resolved: median {median}, p90 {p90}; {open} still open</source>
        <translation>rozwiązane: {n}; mediana {median}, p90 {p90}; nadal otwarte: {open}</translation>
    </message>
    <message>
        <source>{n} postings queued, {open} not in the ERP yet; bars: median, line: p90</source>
        <translation>księgowania w kolejce: {n}, jeszcze nie w ERP: {open}; słupki: mediana, linia: p90</translation>
    </message>
    <message>
        <source>{n} deadlines; dark: acknowledged in time, light: resolved in time</source>
        <translation>terminy: {n}; ciemne: przyjęte na czas, jasne: rozwiązane na czas</translation>
    </message>
    <message>
        <source>{n} exceptions, {open} not resolved yet</source>
        <translation>zakłócenia: {n}, jeszcze nierozwiązane: {open}</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minuty</translation>
    </message>
    <message>
        <source>exceptions</source>
        <translation>zakłócenia</translation>
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
        <translation>termin za {time}</translation>
    </message>
    <message>
        <source>overdue {time}</source>
        <translation>po terminie {time}</translation>
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
        <translation>w pracy od {time}, wykonano {good} z {total}</translation>
    </message>
    <message>
        <source>running, {good} of {total} done</source>
        <translation>w pracy, wykonano {good} z {total}</translation>
    </message>
    <message>
        <source>{running}; machine down ({reason})</source>
        <translation>{running}; przestój maszyny ({reason})</translation>
    </message>
    <message>
        <source>on hold: {reason}</source>
        <translation>wstrzymana: {reason}</translation>
    </message>
    <message>
        <source>blocked: machine down ({reason})</source>
        <translation>zablokowana: przestój maszyny ({reason})</translation>
    </message>
    <message>
        <source>blocked: machine down (no reason yet)</source>
        <translation>zablokowana: przestój maszyny (brak przyczyny)</translation>
    </message>
    <message>
        <source>blocked: short {qty} of {item}, {due}</source>
        <translation>zablokowana: brakuje {qty} {item}, {due}</translation>
    </message>
    <message>
        <source>waiting for op {seq} at {work_center}, {due}</source>
        <translation>czeka na op. {seq} na stanowisku {work_center}, {due}</translation>
    </message>
    <message>
        <source>late</source>
        <translation>opóźniona</translation>
    </message>
    <message>
        <source>late risk: critical ratio {cr}</source>
        <translation>ryzyko opóźnienia: współczynnik krytyczny {cr}</translation>
    </message>
    <message>
        <source>same setup family as running job ({family})</source>
        <translation>ta sama rodzina przezbrojeń co operacja w pracy ({family})</translation>
    </message>
    <message>
        <source>critical ratio {cr}</source>
        <translation>współczynnik krytyczny {cr}</translation>
    </message>
    <message>
        <source>customer {customer} ({priority})</source>
        <translation>klient {customer} ({priority})</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP already holds it as {document}</source>
        <translation>nie można {doing}: ERP ma je już jako {document}</translation>
    </message>
    <message>
        <source>cannot {doing}: the posting was cancelled</source>
        <translation>nie można {doing}: księgowanie zostało anulowane</translation>
    </message>
    <message>
        <source>cannot {doing}: the ERP holds {document} for an event Takt refused</source>
        <translation>nie można {doing}: ERP ma {document} dla zdarzenia odrzuconego przez Takt</translation>
    </message>
    <message>
        <source>only a document of an event Takt refused is recorded as reversed in the ERP; this posting is {status}</source>
        <translation>jako stornowany w ERP zapisuje się tylko dokument zdarzenia odrzuconego przez Takt; to księgowanie jest {status}</translation>
    </message>
    <message>
        <source>posting</source>
        <translation>księgowanie</translation>
    </message>
    <message>
        <source>already posted as {document}</source>
        <translation>już zaksięgowane jako {document}</translation>
    </message>
    <message>
        <source>record a failure</source>
        <translation>zarejestrować niepowodzenie</translation>
    </message>
    <message>
        <source>retry it</source>
        <translation>je ponowić</translation>
    </message>
    <message>
        <source>edit it</source>
        <translation>je edytować</translation>
    </message>
    <message>
        <source>cancel it</source>
        <translation>je anulować</translation>
    </message>
    <message>
        <source>posting {id} is {status} already</source>
        <translation>księgowanie {id} jest już {status}</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>odpowiedzialny</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>przyczyna źródłowa</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>dyspozycja</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} was resolved by {by} at {at} UTC</source>
        <translation>nie można {doing}: zakłócenie {exception} zostało rozwiązane przez {by} ({at} UTC)</translation>
    </message>
    <message>
        <source>cannot {doing}: exception {exception} is {status}</source>
        <translation>nie można {doing}: zakłócenie {exception} ma status „{status}”</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>zakłócenie</translation>
    </message>
    <message>
        <source>already acknowledged by {by}</source>
        <translation>już przyjęte przez {by}</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>exception {exception} is already closed</source>
        <translation>zakłócenie {exception} jest już zamknięte</translation>
    </message>
    <message>
        <source>cannot close exception {exception}: it is {status}, not resolved</source>
        <translation>nie można zamknąć zakłócenia {exception}: ma status „{status}”, a nie „rozwiązane”</translation>
    </message>
    <message>
        <source>cannot reopen exception {exception}: it is {status}</source>
        <translation>nie można wznowić zakłócenia {exception}: ma status „{status}”</translation>
    </message>
    <message>
        <source>{fact} of exception {exception} is already recorded</source>
        <translation>{fact} zakłócenia {exception}: już zarejestrowano</translation>
    </message>
    <message>
        <source>task</source>
        <translation>zadanie</translation>
    </message>
    <message>
        <source>task {task} is already {status}</source>
        <translation>zadanie {task} ma już status „{status}”</translation>
    </message>
    <message>
        <source>task {task} was already done by {by}</source>
        <translation>zadanie {task} zostało już wykonane przez {by}</translation>
    </message>
    <message>
        <source>work order {order} is already {state} in the ERP</source>
        <translation>zlecenie {order} ma już w ERP status „{state}”</translation>
    </message>
    <message>
        <source>{what} {key} is unknown</source>
        <translation>nie znaleziono: {what} {key}</translation>
    </message>
    <message>
        <source>no rule fits and there is no catch-all rule at the end</source>
        <translation>żadna reguła nie pasuje, a na końcu brak reguły ogólnej</translation>
    </message>
    <message>
        <source>must be a number of minutes above 0</source>
        <translation>musi być liczbą minut większą od 0</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>musi być listą</translation>
    </message>
    <message>
        <source>there must be at least one [[rules]] entry</source>
        <translation>musi istnieć co najmniej jeden wpis [[rules]]</translation>
    </message>
    <message>
        <source>unknown match key</source>
        <translation>nieznany klucz dopasowania</translation>
    </message>
    <message>
        <source>missing: who owns exceptions of this rule</source>
        <translation>brak: kto odpowiada za zakłócenia z tej reguły</translation>
    </message>
    <message>
        <source>must not be shorter than ack_minutes</source>
        <translation>nie może być krótsze niż ack_minutes</translation>
    </message>
    <message>
        <source>tiers must come later and later</source>
        <translation>kolejne poziomy muszą następować coraz później</translation>
    </message>
    <message>
        <source>missing: what the function must do</source>
        <translation>brak: co dział ma zrobić</translation>
    </message>
    <message>
        <source>only {when} is known</source>
        <translation>znane jest tylko {when}</translation>
    </message>
    <message>
        <source>the last rule must match everything (no match)</source>
        <translation>ostatnia reguła musi pasować do wszystkiego (bez match)</translation>
    </message>
    <message>
        <source>must be a [[rules]] table</source>
        <translation>musi być tabelą [[rules]]</translation>
    </message>
    <message>
        <source>must be a table, e.g. { kind = ... }</source>
        <translation>musi być tabelą, np. { kind = ... }</translation>
    </message>
    <message>
        <source>must be a list of tables</source>
        <translation>musi być listą tabel</translation>
    </message>
    <message>
        <source>must be a table { ... }</source>
        <translation>musi być tabelą { ... }</translation>
    </message>
    <message>
        <source>say why (at least a few words): it is shown on the board</source>
        <translation>podaj powód (co najmniej kilka słów): będzie widoczny na tablicy</translation>
    </message>
    <message>
        <source>{order} op {seq}</source>
        <translation>{order} op. {seq}</translation>
    </message>
    <message>
        <source>{job} is running already; its place does not change until it is done</source>
        <translation>{job} jest już w pracy; jej pozycja nie zmieni się do zakończenia</translation>
    </message>
    <message>
        <source>{job} is {reason}; release the hold first</source>
        <translation>{job}: {reason}; najpierw usuń wstrzymanie</translation>
    </message>
    <message>
        <source>{job} cannot go first now ({reason}); resolve what stops it, or move it before another job instead</source>
        <translation>{job} nie może teraz być pierwsza ({reason}); usuń przeszkodę albo zamiast tego przesuń ją przed inną operację</translation>
    </message>
    <message>
        <source>nothing goes before {job}: it is running</source>
        <translation>nic nie może być przed {job}: jest w pracy</translation>
    </message>
    <message>
        <source>unknown operation {id}</source>
        <translation>nie znaleziono operacji {id}</translation>
    </message>
    <message>
        <source>{op} is already completed</source>
        <translation>{op} jest już zakończona</translation>
    </message>
    <message>
        <source>choose the job to move before</source>
        <translation>wybierz operację, przed którą przesunąć</translation>
    </message>
    <message>
        <source>choose the job to move after</source>
        <translation>wybierz operację, za którą przesunąć</translation>
    </message>
    <message>
        <source>{op} is not in {work_center}&apos;s lane</source>
        <translation>{op} nie ma w kolejce stanowiska {work_center}</translation>
    </message>
    <message>
        <source>a job cannot move relative to itself</source>
        <translation>operacji nie można przesunąć względem niej samej</translation>
    </message>
    <message>
        <source>a pin takes no target</source>
        <translation>przypięcie nie ma operacji docelowej</translation>
    </message>
    <message>
        <source>a hold takes no target</source>
        <translation>wstrzymanie nie ma operacji docelowej</translation>
    </message>
    <message>
        <source>{op} has no override to clear</source>
        <translation>{op} nie ma korekty kolejności do usunięcia</translation>
    </message>
    <message>
        <source>unknown work center {code}</source>
        <translation>nieznane stanowisko robocze {code}</translation>
    </message>
    <message>
        <source>no active hold {id}</source>
        <translation>brak aktywnej blokady {id}</translation>
    </message>
    <message>
        <source>must be at most {max}</source>
        <translation>może wynosić najwyżej {max}</translation>
    </message>
    <message>
        <source>{op} is already running</source>
        <translation>{op} jest już w pracy</translation>
    </message>
    <message>
        <source>{op} cannot start: it is {status}</source>
        <translation>nie można rozpocząć {op}: status „{status}”</translation>
    </message>
    <message>
        <source>{op} is on hold: {reason}</source>
        <translation>{op} jest wstrzymana: {reason}</translation>
    </message>
    <message>
        <source>{work_center} is running {op}; confirm it before starting another job</source>
        <translation>na stanowisku {work_center} trwa {op}; potwierdź ją przed rozpoczęciem kolejnej operacji</translation>
    </message>
    <message>
        <source>enter a good or scrap quantity</source>
        <translation>wpisz ilość dobrą lub ilość złomu</translation>
    </message>
    <message>
        <source>start {op} before confirming quantities on it</source>
        <translation>rozpocznij {op}, zanim potwierdzisz dla niej ilości</translation>
    </message>
    <message>
        <source>at most {limit} good + scrap on {op} ({basis}); {already} reported so far, so at most {left} more. A supervisor may confirm more</source>
        <translation>najwyżej {limit} (dobre + złom) dla {op} ({basis}); dotąd zgłoszono {already}, więc najwyżej {left} więcej. Mistrz może potwierdzić więcej</translation>
    </message>
    <message>
        <source>choose the material</source>
        <translation>wybierz materiał</translation>
    </message>
    <message>
        <source>enter a quantity above zero</source>
        <translation>wpisz ilość większą od zera</translation>
    </message>
    <message>
        <source>work order {order} takes no more material</source>
        <translation>zlecenie {order} nie przyjmuje już materiału</translation>
    </message>
    <message>
        <source>{item} is not a material of work order {order}</source>
        <translation>{item} nie jest materiałem zlecenia {order}</translation>
    </message>
    <message>
        <source>at most {limit} of {item} on work order {order} ({basis}); {already} issued so far, so at most {left} more. A supervisor may issue more</source>
        <translation>najwyżej {limit} {item} na zlecenie {order} ({basis}); dotąd wydano {already}, więc najwyżej {left} więcej. Mistrz może wydać więcej</translation>
    </message>
    <message>
        <source>site</source>
        <translation>lokalizacja</translation>
    </message>
    <message>
        <source>area</source>
        <translation>obszar</translation>
    </message>
    <message>
        <source>shift calendar</source>
        <translation>kalendarz zmian</translation>
    </message>
    <message>
        <source>setup family</source>
        <translation>rodzina przezbrojeń</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>klient</translation>
    </message>
    <message>
        <source>send a change again</source>
        <translation>ponownie wysłać zmianę</translation>
    </message>
    <message>
        <source>drop a refused change</source>
        <translation>usunąć odrzuconą zmianę</translation>
    </message>
    <message>
        <source>{name} has already sent it again</source>
        <translation>zmiana została już ponownie wysłana przez {name}</translation>
    </message>
    <message>
        <source>{name} has already dropped it</source>
        <translation>zmiana została już usunięta przez {name}</translation>
    </message>
    <message>
        <source>this terminal recorded no event {id}</source>
        <translation>ten terminal nie zarejestrował zdarzenia {id}</translation>
    </message>
    <message>
        <source>the server has not refused it</source>
        <translation>serwer jej nie odrzucił</translation>
    </message>
    <message>
        <source>say why it can go (a few words): it is kept</source>
        <translation>podaj, dlaczego można ją usunąć (kilka słów): powód zostanie zapisany</translation>
    </message>
    <message>
        <source>must be a non-empty text</source>
        <translation>musi być niepustym tekstem</translation>
    </message>
    <message>
        <source>{version} is not {expected} (a newer Takt?)</source>
        <translation>{version} to nie {expected} (nowsza wersja Takt?)</translation>
    </message>
    <message>
        <source>must be a port number</source>
        <translation>musi być numerem portu</translation>
    </message>
    <message>
        <source>must start with http:// or https://</source>
        <translation>musi zaczynać się od http:// lub https://</translation>
    </message>
    <message>
        <source>unknown role</source>
        <translation>nieznana rola</translation>
    </message>
    <message>
        <source>not an email address: {address}</source>
        <translation>to nie jest adres e-mail: {address}</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>musi wynosić co najmniej 1</translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <translation>musi być jedną z wartości: {choices}</translation>
    </message>
    <message>
        <source>must be a time zone name such as Europe/Berlin</source>
        <translation>musi być nazwą strefy czasowej, np. Europe/Warsaw</translation>
    </message>
    <message>
        <source>must be a table (name = value, one a line)</source>
        <translation>musi być tabelą (nazwa = wartość, po jednej w wierszu)</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; = {entry}: {problem}</source>
        <translation>&quot;{key}&quot; = {entry}: {problem}</translation>
    </message>
    <message>
        <source>must be a name or a list of names</source>
        <translation>musi być nazwą lub listą nazw</translation>
    </message>
    <message>
        <source>the file needs at least one [[areas]] table</source>
        <translation>plik musi zawierać co najmniej jedną tabelę [[areas]]</translation>
    </message>
    <message>
        <source>must be a table</source>
        <translation>musi być tabelą</translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation>nie jest znanym polem</translation>
    </message>
    <message>
        <source>no area {area} in the plant</source>
        <translation>brak obszaru {area} w zakładzie</translation>
    </message>
    <message>
        <source>{value} is given twice (also in {other})</source>
        <translation>{value} podano dwukrotnie (także w {other})</translation>
    </message>
    <message>
        <source>no shift {shift}</source>
        <translation>brak zmiany {shift}</translation>
    </message>
    <message>
        <source>must be after starts</source>
        <translation>musi być później niż starts</translation>
    </message>
    <message>
        <source>the area&apos;s code is missing</source>
        <translation>brak kodu obszaru</translation>
    </message>
    <message>
        <source>say why (at least a few words)</source>
        <translation>podaj powód (co najmniej kilka słów)</translation>
    </message>
    <message>
        <source>no area {area}</source>
        <translation>brak obszaru {area}</translation>
    </message>
    <message>
        <source>{area} has no shift {shift} on {day}</source>
        <translation>{area} nie ma zmiany {shift} w dniu {day}</translation>
    </message>
    <message>
        <source>shift {shift} has not started yet</source>
        <translation>zmiana {shift} jeszcze się nie rozpoczęła</translation>
    </message>
    <message>
        <source>unknown for {kind}; known: {known}</source>
        <translation>nieznane dla {kind}; znane: {known}</translation>
    </message>
    <message>
        <source>Odoo needs its database name</source>
        <translation>Odoo wymaga nazwy swojej bazy danych</translation>
    </message>
    <message>
        <source>must be above 0</source>
        <translation>musi być większe od 0</translation>
    </message>
    <message>
        <source>no ERP API key stored: run `takt erp configure`</source>
        <translation>nie zapisano klucza API ERP: uruchom `takt erp configure`</translation>
    </message>
    <message>
        <source>no ERPNext API secret stored</source>
        <translation>nie zapisano sekretu API ERPNext</translation>
    </message>
    <message>
        <source>refused: kind: unknown event kind {kind}</source>
        <translation>odrzucono: kind: nieznany rodzaj zdarzenia {kind}</translation>
    </message>
    <message>
        <source>payload.{field}: {problem}</source>
        <translation>payload.{field}: {problem}</translation>
    </message>
    <message>
        <source>refused: {problems}</source>
        <translation>odrzucono: {problems}</translation>
    </message>
    <message>
        <source>fork: the server holds terminal {terminal}&apos;s seq {seq} with other content; this database is a copy of that terminal&apos;s</source>
        <translation>fork: serwer ma seq {seq} terminala {terminal} z inną treścią; ta baza danych jest kopią bazy tamtego terminala</translation>
    </message>
    <message>
        <source>gap: the server holds up to seq {last}, the batch went on at {seq}</source>
        <translation>luka: serwer ma dane do seq {last}, a paczka kontynuuje od seq {seq}</translation>
    </message>
    <message>
        <source>not allowed: {reason}</source>
        <translation>niedozwolone: {reason}</translation>
    </message>
    <message>
        <source>the server could not apply it: {problem}</source>
        <translation>serwer nie mógł tego zastosować: {problem}</translation>
    </message>
    <message>
        <source>is {seq} after {before}: a batch is one unbroken stretch of the terminal&apos;s chain</source>
        <translation>jest {seq} po {before}: paczka to jeden nieprzerwany odcinek łańcucha zdarzeń terminala</translation>
    </message>
    <message>
        <source>{code} has no machine mapping</source>
        <translation>{code} nie ma przypisania maszyny</translation>
    </message>
    <message>
        <source>{code} is no downtime reason</source>
        <translation>{code} nie jest przyczyną przestoju</translation>
    </message>
    <message>
        <source>no downtime {key} of {work_center}</source>
        <translation>brak przestoju {key} na stanowisku {work_center}</translation>
    </message>
    <message>
        <source>the reason of {key} could be changed until {until}</source>
        <translation>przyczynę {key} można było zmienić do {until}</translation>
    </message>
    <message>
        <source>exception {exception} is not a machine&apos;s downtime</source>
        <translation>zakłócenie {exception} nie jest przestojem maszyny</translation>
    </message>
    <message>
        <source>reason_code: {code} is not in the downtime reason list</source>
        <translation>reason_code: {code} nie ma na liście przyczyn przestoju</translation>
    </message>
    <message>
        <source>the reason of this downtime could be given until {until} UTC</source>
        <translation>przyczynę tego przestoju można było podać do {until} UTC</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Maszyny</translation>
    </message>
    <message>
        <source>Read now</source>
        <translation>Odczytaj teraz</translation>
    </message>
    <message>
        <source>Reading the machine diagnostics from the server…</source>
        <translation>Odczyt diagnostyki maszyn z serwera…</translation>
    </message>
    <message>
        <source>Read from the server at {time}; read again every few seconds.</source>
        <translation>Odczytano z serwera o {time}; odczyt co kilka sekund.</translation>
    </message>
    <message>
        <source>No machine diagnostics on this terminal.</source>
        <translation>Brak diagnostyki maszyn na tym terminalu.</translation>
    </message>
    <message>
        <source>This terminal follows no Takt server. The server reads the machine signals (takt server --machines FILE); connect this terminal to it to see them here.</source>
        <translation>Ten terminal nie jest połączony z żadnym serwerem Takt. Sygnały maszyn odczytuje serwer (takt server --machines FILE); połącz z nim ten terminal, aby je tu zobaczyć.</translation>
    </message>
    <message>
        <source>The server reads no machine signals.</source>
        <translation>Serwer nie odczytuje sygnałów maszyn.</translation>
    </message>
    <message>
        <source>The server was started without a machine mapping, so no machine reports to it. Start it with one (takt server --machines FILE) to see every machine, its signal sources and their devices here.</source>
        <translation>Serwer uruchomiono bez mapowania maszyn, więc żadna maszyna mu nie raportuje. Uruchom go z mapowaniem (takt server --machines FILE), aby zobaczyć tu każdą maszynę, jej źródła sygnałów i ich urządzenia.</translation>
    </message>
    <message>
        <source>The server cannot be reached; shown: what was read at {time}. Trying again every few seconds.</source>
        <translation>Serwer jest nieosiągalny; pokazano odczyt z {time}. Ponowna próba co kilka sekund.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so the machine diagnostics cannot be read. Trying again every few seconds.</source>
        <translation>Serwer jest nieosiągalny, więc nie można odczytać diagnostyki maszyn. Ponowna próba co kilka sekund.</translation>
    </message>
    <message>
        <source>Recorded: {events} events; {unusable} readings unusable, {unrouted} readings of no work center.</source>
        <translation>Zapisano zdarzenia: {events}; nieużyteczne odczyty: {unusable}, odczyty bez stanowiska: {unrouted}.</translation>
    </message>
    <message>
        <source>Last failure: {failure}</source>
        <translation>Ostatni błąd: {failure}</translation>
    </message>
    <message>
        <source>Pick a source, edge node or device to see everything about it and the payloads it quarantined, with the reasons.</source>
        <translation>Wybierz źródło, węzeł brzegowy lub urządzenie, aby zobaczyć wszystko o nim oraz wiadomości w kwarantannie wraz z powodami.</translation>
    </message>
    <message numerus="yes">
        <source>no reason given · %n more stop(s) without one</source>
        <translation>
            <numerusform>nie podano powodu · jeszcze %n przestój bez powodu</numerusform>
            <numerusform>nie podano powodu · jeszcze %n przestoje bez powodu</numerusform>
            <numerusform>nie podano powodu · jeszcze %n przestojów bez powodu</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason saved: {work_center} stopped for “{reason}”.</source>
        <translation>Zapisano powód: {work_center} stało z powodu „{reason}”.</translation>
    </message>
    <message>
        <source>noted the handover of {shift}</source>
        <translation>dodano notatkę do przekazania zmiany {shift}</translation>
    </message>
    <message>
        <source>handed over shift {shift}</source>
        <translation>przekazano zmianę {shift}</translation>
    </message>
    <message>
        <source>accepted a handover item</source>
        <translation>zaakceptowano pozycję przekazania</translation>
    </message>
    <message>
        <source>queried a handover item</source>
        <translation>zadano pytanie do pozycji przekazania</translation>
    </message>
    <message>
        <source>answered a handover query</source>
        <translation>odpowiedziano na pytanie do przekazania</translation>
    </message>
    <message>
        <source>signed the handover of {shift}</source>
        <translation>podpisano przekazanie zmiany {shift}</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>Przekazanie zmiany</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Zmiana</translation>
    </message>
    <message>
        <source>Shift note</source>
        <translation>Notatka zmiany</translation>
    </message>
    <message>
        <source>Your note on the picked item</source>
        <translation>Twoja notatka do wybranej pozycji</translation>
    </message>
    <message>
        <source>What the next shift should know</source>
        <translation>Co powinna wiedzieć następna zmiana</translation>
    </message>
    <message>
        <source>A question about the picked item, or the answer</source>
        <translation>Pytanie o wybraną pozycję albo odpowiedź</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Zapisz notatkę</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Akceptuj</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Zapytaj</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Odpowiedz</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Przekaż</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Podpisz</translation>
    </message>
    <message>
        <source>This area has no shifts in its calendar.</source>
        <translation>Ten obszar nie ma zmian w kalendarzu.</translation>
    </message>
    <message>
        <source>Signed by {name}: the handover is complete.</source>
        <translation>Podpisane przez {name}: przekazanie zakończone.</translation>
    </message>
    <message>
        <source>Handed over by {name}, not signed yet.</source>
        <translation>Przekazane przez {name}, jeszcze niepodpisane.</translation>
    </message>
    <message>
        <source>Shift running until {end}: not handed over yet.</source>
        <translation>Zmiana trwa do {end}: jeszcze nieprzekazana.</translation>
    </message>
    <message>
        <source>Shift over: not handed over yet.</source>
        <translation>Zmiana zakończona: jeszcze nieprzekazana.</translation>
    </message>
    <message>
        <source>{raised} raised, {resolved} resolved, {open} still open · downtime {down} · good {good} of {planned} planned · {overrides} overrides · {refused} refused by the ERP</source>
        <translation>zgłoszone: {raised}, rozwiązane: {resolved}, nadal otwarte: {open} · przestój {down} · dobre {good} z {planned} planowanych · korekty: {overrides} · odrzucone przez ERP: {refused}</translation>
    </message>
    <message>
        <source>Open items ({n})</source>
        <translation>Otwarte pozycje ({n})</translation>
    </message>
    <message>
        <source>Exceptions ({n})</source>
        <translation>Zakłócenia ({n})</translation>
    </message>
    <message>
        <source>Downtime ({n})</source>
        <translation>Przestoje ({n})</translation>
    </message>
    <message>
        <source>Output ({n})</source>
        <translation>Produkcja ({n})</translation>
    </message>
    <message>
        <source>Overrides ({n})</source>
        <translation>Korekty ({n})</translation>
    </message>
    <message>
        <source>ERP refused ({n})</source>
        <translation>Odrzucone przez ERP ({n})</translation>
    </message>
    <message>
        <source>Pick an item to note, accept or query it.</source>
        <translation>Wybierz pozycję, aby dodać notatkę, zaakceptować ją lub zadać pytanie.</translation>
    </message>
    <message>
        <source>Queried: {text}</source>
        <translation>Pytanie: {text}</translation>
    </message>
    <message>
        <source>Answer: {text}</source>
        <translation>Odpowiedź: {text}</translation>
    </message>
    <message>
        <source>Material shortage</source>
        <translation>Niedobór materiału</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Zmiana ilości</translation>
    </message>
    <message>
        <source>Date change</source>
        <translation>Zmiana terminu</translation>
    </message>
    <message>
        <source>Specification change</source>
        <translation>Zmiana specyfikacji</translation>
    </message>
    <message>
        <source>Not an exception</source>
        <translation>To nie zakłócenie</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
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
        <translation>Czat</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Szkic</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Weryfikacja</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Potwierdzone</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Dostawca</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Pilność</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Odebrano</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Pole</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>W tekście</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>Pewność</translation>
    </message>
    <message>
        <source>Nothing in this period</source>
        <translation>Brak danych w tym okresie</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>narastająco</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Ta zmiana</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Ostatnie 24 h</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 dni</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 dni</translation>
    </message>
    <message>
        <source>Audit as CSV…</source>
        <translation>Audyt CSV…</translation>
    </message>
    <message>
        <source>Audit as PDF…</source>
        <translation>Audyt PDF…</translation>
    </message>
    <message>
        <source>Open exception</source>
        <translation>Otwórz zakłócenie</translation>
    </message>
    <message>
        <source>Pick a bar to list what is behind it.</source>
        <translation>Wybierz słupek, aby zobaczyć, co się za nim kryje.</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Odczyt dziennika…</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>od {start} do {end}</translation>
    </message>
    <message>
        <source>The metrics could not be read: {error}</source>
        <translation>Nie udało się odczytać wskaźników: {error}</translation>
    </message>
    <message>
        <source>{chart}: {bar} — {n} listed</source>
        <translation>{chart}: {bar} — pozycje: {n}</translation>
    </message>
    <message>
        <source>Audit as CSV</source>
        <translation>Audyt jako CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Audit as PDF</source>
        <translation>Audyt jako PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Pliki PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Audit written.</source>
        <translation>Zapisano audyt.</translation>
    </message>
    <message>
        <source>The audit could not be written: {error}</source>
        <translation>Nie udało się zapisać audytu: {error}</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Więcej</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>przekazanie zmiany</translation>
    </message>
    <message>
        <source>handover {handover} is not handed over yet</source>
        <translation>przekazanie zmiany {handover} jeszcze nie nastąpiło</translation>
    </message>
    <message>
        <source>handover {handover} is signed already, by {by}</source>
        <translation>przekazanie zmiany {handover} jest już podpisane przez {by}</translation>
    </message>
    <message>
        <source>{actor} handed this shift over; the incoming lead must take it</source>
        <translation>{actor} przekazał(-a) tę zmianę; musi ją przejąć prowadzący następnej zmiany</translation>
    </message>
    <message>
        <source>{item} is not an item of handover {handover}</source>
        <translation>{item} nie jest pozycją przekazania zmiany {handover}</translation>
    </message>
    <message>
        <source>handover {handover} is handed over already: notes are closed</source>
        <translation>przekazanie zmiany {handover} już nastąpiło: notatki są zamknięte</translation>
    </message>
    <message>
        <source>handover {handover} was handed over already, by {by}</source>
        <translation>przekazanie zmiany {handover} już nastąpiło, przekazał(-a): {by}</translation>
    </message>
    <message>
        <source>a shift must end after it starts</source>
        <translation>zmiana musi się kończyć po swoim rozpoczęciu</translation>
    </message>
    <message>
        <source>an item is handed over twice</source>
        <translation>pozycja jest przekazywana dwukrotnie</translation>
    </message>
    <message>
        <source>{item} is accepted already</source>
        <translation>{item} jest już zaakceptowana</translation>
    </message>
    <message>
        <source>{item} is queried already; wait for the answer</source>
        <translation>do {item} zadano już pytanie; poczekaj na odpowiedź</translation>
    </message>
    <message>
        <source>handover {handover} is not waiting for answers</source>
        <translation>przekazanie zmiany {handover} nie czeka na odpowiedzi</translation>
    </message>
    <message>
        <source>only {outgoing}, who handed the shift over, answers its queries</source>
        <translation>na pytania odpowiada tylko {outgoing}, osoba przekazująca zmianę</translation>
    </message>
    <message>
        <source>{item} has no open query</source>
        <translation>{item} nie ma otwartego pytania</translation>
    </message>
    <message>
        <source>not signed: {count} item(s) not accepted yet ({queried} queried)</source>
        <translation>nie podpisano: niezaakceptowane pozycje: {count} (z pytaniem: {queried})</translation>
    </message>
    <message>
        <source>message {message} was already confirmed as exception {exception}</source>
        <translation>wiadomość {message} została już potwierdzona jako zakłócenie {exception}</translation>
    </message>
    <message>
        <source>message {message} was already discarded</source>
        <translation>wiadomość {message} została już odrzucona</translation>
    </message>
    <message>
        <source>message {message} is archived as not an exception ({reason})</source>
        <translation>wiadomość {message} jest zarchiwizowana jako niebędąca zakłóceniem ({reason})</translation>
    </message>
    <message>
        <source>message {message} is already in</source>
        <translation>wiadomość {message} już wpłynęła</translation>
    </message>
    <message>
        <source>message {message} names nothing the plant knows: link it to a work order, a work center or an item first</source>
        <translation>wiadomość {message} nie wymienia niczego, co zna zakład: najpierw powiąż ją ze zleceniem, stanowiskiem roboczym lub materiałem</translation>
    </message>
    <message>
        <source>longer than {limit} characters</source>
        <translation>dłuższe niż {limit} znaków</translation>
    </message>
    <message>
        <source>a message comes in as a draft, for triage or archived</source>
        <translation>wiadomość wpływa jako szkic, do weryfikacji lub zarchiwizowana</translation>
    </message>
    <message>
        <source>give a list of codes</source>
        <translation>podaj listę kodów</translation>
    </message>
    <message>
        <source>give it as text</source>
        <translation>podaj jako tekst</translation>
    </message>
    <message>
        <source>give a date as YYYY-MM-DD</source>
        <translation>podaj datę w formacie RRRR-MM-DD</translation>
    </message>
    <message>
        <source>give a number</source>
        <translation>podaj liczbę</translation>
    </message>
    <message>
        <source>cannot be edited here</source>
        <translation>nie można tego tutaj edytować</translation>
    </message>
    <message>
        <source>pick the kind of exception</source>
        <translation>wybierz rodzaj zakłócenia</translation>
    </message>
    <message>
        <source>one of low, normal, high, critical</source>
        <translation>jedna z wartości: niski, normalny, wysoki, krytyczny</translation>
    </message>
    <message>
        <source>missing: paste or type the message</source>
        <translation>brak: wklej lub wpisz wiadomość</translation>
    </message>
    <message>
        <source>unknown message {message}</source>
        <translation>nie znaleziono wiadomości {message}</translation>
    </message>
    <message>
        <source>link it first: name a work order, a work center or an item</source>
        <translation>najpierw powiąż: podaj zlecenie, stanowisko robocze lub materiał</translation>
    </message>
    <message>
        <source>a PIN lock lasts {minutes} min at most</source>
        <translation>blokada PIN trwa najwyżej {minutes} min</translation>
    </message>
    <message>
        <source>PIN login for {user} was locked until {until} after {failures} wrong PINs (typed at another terminal): scan the badge</source>
        <translation>logowanie PIN dla {user} było zablokowane do {until} po {failures} błędnych PIN-ach (na innym terminalu): zeskanuj identyfikator</translation>
    </message>
</context>
</TS>
