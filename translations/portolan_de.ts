<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <source>Portolan</source>
        <translation>Portolan</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>Szenario ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a scenario file</source>
        <translation>Eine Szenariodatei öffnen</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Save Layout</source>
        <translation>Layout &amp;speichern</translation>
    </message>
    <message>
        <source>Save the node positions with the scenario</source>
        <translation>Die Knotenpositionen mit dem Szenario speichern</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Write the run report: HTML, PDF, CSV and JSON</source>
        <translation>Den Laufbericht schreiben: HTML, PDF, CSV und JSON</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start every node of the scenario</source>
        <translation>Jeden Knoten des Szenarios starten</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop every node and end the run</source>
        <translation>Jeden Knoten stoppen und den Lauf beenden</translation>
    </message>
    <message>
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <source>Play or pause the timeline</source>
        <translation>Zeitleiste abspielen oder anhalten</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Ste&amp;p</source>
        <translation>Sch&amp;ritt</translation>
    </message>
    <message>
        <source>Fire the next timeline step now</source>
        <translation>Den nächsten Schritt der Zeitleiste jetzt auslösen</translation>
    </message>
    <message>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>&amp;Ganzes Netz zeigen</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>Das ganze Netz zeigen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Collapse Edge Devices</source>
        <translation>Edge-Geräte &amp;zusammenfassen</translation>
    </message>
    <message>
        <source>Draw edge devices as a count on their router</source>
        <translation>Edge-Geräte als Anzahl an ihrem Router zeichnen</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>Show the caption, the headline figures and the topology full screen, for a projector</source>
        <translation>Beschriftung, Kennzahlen und Topologie im Vollbild zeigen, für einen Projektor</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Send &amp;Request…</source>
        <translation>&amp;Anfrage senden…</translation>
    </message>
    <message>
        <source>Send an HTTP-style request into the mesh and see the answers</source>
        <translation>Eine HTTP-artige Anfrage ins Netz senden und die Antworten sehen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>E&amp;xplain Routing…</source>
        <translation>Routing e&amp;rklären…</translation>
    </message>
    <message>
        <source>Show how a router would deliver to an address, and why</source>
        <translation>Zeigen, wie ein Router an eine Adresse zustellen würde, und warum</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>&amp;About Portolan</source>
        <translation>Über &amp;Portolan</translation>
    </message>
    <message>
        <source>&amp;Attach to Running Nodes…</source>
        <translation>An laufende Knoten &amp;anbinden…</translation>
    </message>
    <message>
        <source>Attach to nodes running on other hosts by their control URLs</source>
        <translation>An Knoten auf anderen Rechnern über ihre Steuer-URLs anbinden</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::AddressesModel</name>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Abonniert</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <source>An address path; routers group queues by its first two segments</source>
        <translation>Ein Adresspfad; Router gruppieren Warteschlangen nach seinen ersten zwei Segmenten</translation>
    </message>
    <message>
        <source>Routers: messages sent and not yet settled. Entities: outstanding work.</source>
        <translation>Router: gesendete, noch nicht abgeschlossene Nachrichten. Entitäten: offene Arbeit.</translation>
    </message>
    <message>
        <source>Whether this entity consumes the address</source>
        <translation>Ob diese Entität die Adresse konsumiert</translation>
    </message>
    <message>
        <source>The consumer group it subscribed with (shares the address&apos;s messages)</source>
        <translation>Die Verbrauchergruppe des Abonnements (teilt sich die Nachrichten der Adresse)</translation>
    </message>
    <message>
        <source>The most outstanding work balanced distribution sends it (0 = unbounded)</source>
        <translation>Die meiste offene Arbeit, die ihm die ausgeglichene Verteilung schickt (0 = unbegrenzt)</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::AttachFlow</name>
    <message>
        <source>Attach to Running Nodes</source>
        <translation>An laufende Knoten anbinden</translation>
    </message>
    <message>
        <source>Control URLs of the nodes, one per line (ws://HOST:PORT/?token=TOKEN).
The network found is saved as a scenario and opened.</source>
        <translation>Steuer-URLs der Knoten, eine pro Zeile (ws://HOST:PORT/?token=TOKEN).
Das gefundene Netz wird als Szenario gespeichert und geöffnet.</translation>
    </message>
    <message numerus="yes">
        <source>Attaching to %n node(s)…</source>
        <translation>
            <numerusform>Binde %n Knoten an…</numerusform>
            <numerusform>Binde %n Knoten an…</numerusform>
        </translation>
    </message>
    <message>
        <source>No node answered.</source>
        <translation>Kein Knoten hat geantwortet.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::CanvasToolTips</name>
    <message>
        <source>up</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>cut by the operator</source>
        <translation>vom Operator getrennt</translation>
    </message>
    <message>
        <source>not reported yet</source>
        <translation>noch nicht gemeldet</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 Frames/s</translation>
    </message>
    <message>
        <source>interior router</source>
        <translation>innerer Router</translation>
    </message>
    <message>
        <source>edge router</source>
        <translation>Edge-Router</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Provider: %1</source>
        <translation>Anbieter: %1</translation>
    </message>
    <message>
        <source>Attached to: %1</source>
        <translation>Angehängt an: %1</translation>
    </message>
    <message>
        <source>In flight: %1</source>
        <translation>Unterwegs: %1</translation>
    </message>
    <message>
        <source>Backlog: %1</source>
        <translation>Rückstand: %1</translation>
    </message>
    <message>
        <source>Devices folded in: %1</source>
        <translation>Eingeklappte Geräte: %1</translation>
    </message>
    <message>
        <source>no provider</source>
        <translation>kein Anbieter</translation>
    </message>
    <message>
        <source>Provider: %1 · cost %2</source>
        <translation>Anbieter: %1 · Kosten %2</translation>
    </message>
    <message>
        <source>Traffic: %1 (%2 → %3: %4, %3 → %2: %5)</source>
        <translation>Verkehr: %1 (%2 → %3: %4, %3 → %2: %5)</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ChartsPanel</name>
    <message>
        <source>Filter series…</source>
        <translation>Reihen filtern…</translation>
    </message>
    <message>
        <source>Show only nodes and metrics whose name contains this text</source>
        <translation>Nur Knoten und Metriken zeigen, deren Name diesen Text enthält</translation>
    </message>
    <message>
        <source>Tick a series to chart it</source>
        <translation>Eine Reihe ankreuzen, um sie darzustellen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Freeze the charts to look closely; data keeps being collected</source>
        <translation>Diagramme einfrieren, um genau hinzusehen; Daten werden weiter gesammelt</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much run time the charts show, up to now</source>
        <translation>Wie viel Laufzeit die Diagramme bis jetzt zeigen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove every series from the chart</source>
        <translation>Alle Reihen aus dem Diagramm entfernen</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>No series on the chart yet.
Tick a metric on the left, or double-click a row in the inspector.</source>
        <translation>Noch keine Reihe im Diagramm.
Links eine Metrik ankreuzen oder im Inspektor eine Zeile doppelklicken.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>bei %1</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ConsoleSession</name>
    <message>
        <source>No scenario is open.</source>
        <translation>Kein Szenario geöffnet.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Start the network first.</source>
        <translation>Zuerst das Netz starten.</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 ist nicht verbunden</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DecisionModel</name>
    <message>
        <source>Consumer</source>
        <translation>Verbraucher</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>Router</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Path cost</source>
        <translation>Pfadkosten</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>At capacity</source>
        <translation>An der Kapazitätsgrenze</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wertung</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>An entity subscribed to the address</source>
        <translation>Eine Entität, die die Adresse abonniert hat</translation>
    </message>
    <message>
        <source>Its consumer group: a group shares one copy</source>
        <translation>Seine Verbrauchergruppe: eine Gruppe teilt sich eine Kopie</translation>
    </message>
    <message>
        <source>The router it is attached to</source>
        <translation>Der Router, an dem sie hängt</translation>
    </message>
    <message>
        <source>The routers a message would cross</source>
        <translation>Die Router, die eine Nachricht durchqueren würde</translation>
    </message>
    <message>
        <source>Total link cost from this router to the consumer&apos;s router</source>
        <translation>Gesamte Linkkosten von diesem Router zum Router des Verbrauchers</translation>
    </message>
    <message>
        <source>Work it has not finished (advertised, plus work assigned since)</source>
        <translation>Noch nicht erledigte Arbeit (gemeldet, plus seither zugewiesene)</translation>
    </message>
    <message>
        <source>Balanced distribution skips a consumer at its capacity</source>
        <translation>Die ausgeglichene Verteilung überspringt einen Verbraucher an seiner Kapazitätsgrenze</translation>
    </message>
    <message>
        <source>What the distribution minimises; the lowest wins</source>
        <translation>Was die Verteilung minimiert; der niedrigste Wert gewinnt</translation>
    </message>
    <message>
        <source>The router&apos;s reason</source>
        <translation>Die Begründung des Routers</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Gewählt: %1</translation>
    </message>
    <message>
        <source>Subscribed as %1</source>
        <translation>Abonniert als %1</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>at capacity</source>
        <translation>an der Kapazitätsgrenze</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DecisionView</name>
    <message>
        <source>Pick an address or a message to see how a router decides where it goes.</source>
        <translation>Eine Adresse oder Nachricht wählen, um zu sehen, wie ein Router entscheidet, wohin sie geht.</translation>
    </message>
    <message>
        <source>The distribution the scenario maps this address to</source>
        <translation>Die Verteilung, der das Szenario diese Adresse zuordnet</translation>
    </message>
    <message>
        <source>Delivery to &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Zustellung an &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Delivery to &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Zustellung an &lt;b&gt;%1&lt;/b&gt; von &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>fire and forget</source>
        <translation>senden und vergessen</translation>
    </message>
    <message>
        <source>Settled end to end: resent over a new path if a link or router dies</source>
        <translation>Ende-zu-Ende abgeschlossen: über einen neuen Pfad erneut gesendet, wenn ein Link oder Router ausfällt</translation>
    </message>
    <message>
        <source>Best effort: not acknowledged, not resent</source>
        <translation>Best Effort: nicht bestätigt, nicht erneut gesendet</translation>
    </message>
    <message>
        <source>%1 (behind %2)</source>
        <translation>%1 (hinter %2)</translation>
    </message>
    <message>
        <source>No consumer can take it now.</source>
        <translation>Kein Verbraucher kann sie jetzt annehmen.</translation>
    </message>
    <message>
        <source>Goes to: %1</source>
        <translation>Geht an: %1</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DisplayFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DropPlanner</name>
    <message>
        <source>There is no router to attach it to.</source>
        <translation>Es gibt keinen Router, an den es angehängt werden könnte.</translation>
    </message>
    <message>
        <source>The palette item names no role.</source>
        <translation>Das Palettenelement nennt keine Rolle.</translation>
    </message>
    <message>
        <source>There is no interior router to link it to.</source>
        <translation>Es gibt keinen inneren Router, mit dem es verbunden werden könnte.</translation>
    </message>
    <message>
        <source>Unknown palette item kind “%1”.</source>
        <translation>Unbekannte Art von Palettenelement „%1“.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventLogModel</name>
    <message>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>
Double-click to trace request %1</source>
        <translation>
Doppelklicken, um Anfrage %1 zu verfolgen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventLogPanel</name>
    <message>
        <source>Filter by node, event or text…</source>
        <translation>Nach Knoten, Ereignis oder Text filtern…</translation>
    </message>
    <message>
        <source>Show only events whose node, kind, sentence or request id contain this text</source>
        <translation>Nur Ereignisse zeigen, deren Knoten, Art, Satz oder Anfrage-ID diesen Text enthält</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Show only events of one kind</source>
        <translation>Nur Ereignisse einer Art zeigen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Mitlaufen</translation>
    </message>
    <message>
        <source>Keep the newest event in view</source>
        <translation>Das neueste Ereignis sichtbar halten</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 von %2 Ereignissen</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 Ereignis</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message>
        <source>Trace request %1</source>
        <translation>Anfrage %1 verfolgen</translation>
    </message>
    <message>
        <source>Select %1 on the map</source>
        <translation>%1 auf der Karte auswählen</translation>
    </message>
    <message>
        <source>Show only %1</source>
        <translation>Nur %1 zeigen</translation>
    </message>
    <message>
        <source>Show only “%1” events</source>
        <translation>Nur „%1“-Ereignisse zeigen</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Zeile kopieren</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventSummary</name>
    <message>
        <source>%1 unreachable</source>
        <translation>%1 nicht erreichbar</translation>
    </message>
    <message>
        <source>%1 via %2 (cost %3)</source>
        <translation>%1 über %2 (Kosten %3)</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> und %1 weitere</translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source> (by hand)</source>
        <translation> (von Hand)</translation>
    </message>
    <message>
        <source> — failed: %1</source>
        <translation> — fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ingress answered request %1 with status %2</source>
        <translation>Ingress hat Anfrage %1 mit Status %2 beantwortet</translation>
    </message>
    <message>
        <source>%1 acknowledged message %2 after %3</source>
        <translation>%1 hat Nachricht %2 nach %3 bestätigt</translation>
    </message>
    <message>
        <source>received %1</source>
        <translation>%1 empfangen</translation>
    </message>
    <message>
        <source>received %1 via %2</source>
        <translation>%1 über %2 empfangen</translation>
    </message>
    <message>
        <source>find for a %1: closest at store %2</source>
        <translation>Suche nach %1: am nächsten bei Laden %2</translation>
    </message>
    <message>
        <source>find for a %1: none found</source>
        <translation>Suche nach %1: nichts gefunden</translation>
    </message>
    <message>
        <source>, held</source>
        <translation>, reserviert</translation>
    </message>
    <message>
        <source> (1 answer)</source>
        <translation> (1 Antwort)</translation>
    </message>
    <message>
        <source> (%1 answers)</source>
        <translation> (%1 Antworten)</translation>
    </message>
    <message>
        <source>process was killed</source>
        <translation>Prozess wurde getötet</translation>
    </message>
    <message>
        <source>process exited with code %1</source>
        <translation>Prozess mit Code %1 beendet</translation>
    </message>
    <message>
        <source>attached to router %1</source>
        <translation>an Router %1 angehängt</translation>
    </message>
    <message>
        <source>link to %1 is up (cost %2)</source>
        <translation>Link zu %1 ist aktiv (Kosten %2)</translation>
    </message>
    <message>
        <source>link to %1 is up (cost %2, %3)</source>
        <translation>Link zu %1 ist aktiv (Kosten %2, %3)</translation>
    </message>
    <message>
        <source>link to %1 went down: %2</source>
        <translation>Link zu %1 ausgefallen: %2</translation>
    </message>
    <message>
        <source>%1 attached</source>
        <translation>%1 angehängt</translation>
    </message>
    <message>
        <source>%1 detached: %2</source>
        <translation>%1 abgehängt: %2</translation>
    </message>
    <message>
        <source>routes changed: %1</source>
        <translation>Routen geändert: %1</translation>
    </message>
    <message>
        <source>hop %1 of request %2 to %3</source>
        <translation>Hop %1 von Anfrage %2 nach %3</translation>
    </message>
    <message>
        <source>answer %1 from %2 to request %3</source>
        <translation>Antwort %1 von %2 auf Anfrage %3</translation>
    </message>
    <message>
        <source>no consumer for %1</source>
        <translation>kein Verbraucher für %1</translation>
    </message>
    <message>
        <source>message for %1 expired, %2 late</source>
        <translation>Nachricht für %1 abgelaufen, %2 zu spät</translation>
    </message>
    <message>
        <source>node failed: links closed</source>
        <translation>Knoten ausgefallen: Links geschlossen</translation>
    </message>
    <message>
        <source>node restored</source>
        <translation>Knoten wiederhergestellt</translation>
    </message>
    <message>
        <source>drained its work and is exiting</source>
        <translation>hat seine Arbeit abgearbeitet und beendet sich</translation>
    </message>
    <message>
        <source>starting %1 nodes</source>
        <translation>starte %1 Knoten</translation>
    </message>
    <message>
        <source>all %1 nodes ready after %2</source>
        <translation>alle %1 Knoten bereit nach %2</translation>
    </message>
    <message>
        <source>run finished after %1</source>
        <translation>Lauf beendet nach %1</translation>
    </message>
    <message>
        <source>run failed: %1</source>
        <translation>Lauf fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ready (pid %1, version %2)</source>
        <translation>bereit (PID %1, Version %2)</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>command %1 failed: %2</source>
        <translation>Befehl %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>request %1 %2 answered %3 in %4</source>
        <translation>Anfrage %1 %2 beantwortet mit %3 in %4</translation>
    </message>
    <message>
        <source>request %1 failed: %2</source>
        <translation>Anfrage %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>held a %1 for %2</source>
        <translation>%1 für %2 reserviert</translation>
    </message>
    <message>
        <source>received %1 × %2 (tracking %3)</source>
        <translation>%1 × %2 empfangen (Sendung %3)</translation>
    </message>
    <message>
        <source>%1 wants a %2: asking every store</source>
        <translation>%1 will ein(e) %2: fragt jeden Laden</translation>
    </message>
    <message>
        <source>%1 wants a %2: asking nearby stores %3 first</source>
        <translation>%1 will ein(e) %2: fragt zuerst die nahen Läden %3</translation>
    </message>
    <message>
        <source>nearby store %1 has %2</source>
        <translation>naher Laden %1 hat %2</translation>
    </message>
    <message>
        <source>store %1 has %2</source>
        <translation>Laden %1 hat %2</translation>
    </message>
    <message>
        <source>ordered a %1 for %2 from the factories</source>
        <translation>%1 für %2 bei den Fabriken bestellt</translation>
    </message>
    <message>
        <source>order placed, tracking %1</source>
        <translation>Bestellung aufgegeben, Sendungsnummer %1</translation>
    </message>
    <message>
        <source>order failed with status %1</source>
        <translation>Bestellung fehlgeschlagen mit Status %1</translation>
    </message>
    <message>
        <source>queued a %1 for store %2 (backlog %3)</source>
        <translation>%1 für Laden %2 eingereiht (Rückstand %3)</translation>
    </message>
    <message>
        <source>started building %1</source>
        <translation>Bau von %1 begonnen</translation>
    </message>
    <message>
        <source>built a %1 for store %2 in %3</source>
        <translation>%1 für Laden %2 gebaut in %3</translation>
    </message>
    <message>
        <source>handed %1 to a truck</source>
        <translation>%1 an einen Lkw übergeben</translation>
    </message>
    <message>
        <source>took job %1: factory %2 → store %3</source>
        <translation>Auftrag %1 übernommen: Fabrik %2 → Laden %3</translation>
    </message>
    <message>
        <source>on the way with %1, arriving in %2</source>
        <translation>unterwegs mit %1, Ankunft in %2</translation>
    </message>
    <message>
        <source>arrived at store %1 with a %2</source>
        <translation>bei Laden %1 angekommen mit %2</translation>
    </message>
    <message>
        <source>finished a work item after %1 in the queue (%2 left)</source>
        <translation>eine Arbeit nach %1 in der Warteschlange erledigt (%2 übrig)</translation>
    </message>
    <message>
        <source>resumed a backlog of %1</source>
        <translation>Rückstand von %1 wieder aufgenommen</translation>
    </message>
    <message>
        <source>sent all %1 messages to %2</source>
        <translation>alle %1 Nachrichten an %2 gesendet</translation>
    </message>
    <message>
        <source>attached on %1:%2 (version %3)</source>
        <translation>angebunden auf %1:%2 (Version %3)</translation>
    </message>
    <message>
        <source>lost its control connection (%1)</source>
        <translation>Steuerverbindung verloren (%1)</translation>
    </message>
    <message>
        <source>cannot attach on %1: %2</source>
        <translation>Anbinden auf %1 nicht möglich: %2</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::LanguageManager</name>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::LinksModel</name>
    <message>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Added latency</source>
        <translation>Zusätzliche Latenz</translation>
    </message>
    <message>
        <source>In /s</source>
        <translation>Ein /s</translation>
    </message>
    <message>
        <source>Out /s</source>
        <translation>Aus /s</translation>
    </message>
    <message>
        <source>Frames in</source>
        <translation>Frames ein</translation>
    </message>
    <message>
        <source>Frames out</source>
        <translation>Frames aus</translation>
    </message>
    <message>
        <source>What the peer is: interior or edge router, or an attached entity</source>
        <translation>Was die Gegenstelle ist: innerer oder Edge-Router oder eine angehängte Entität</translation>
    </message>
    <message>
        <source>The link&apos;s cost in shortest-path routing</source>
        <translation>Die Kosten des Links beim Routing über kürzeste Pfade</translation>
    </message>
    <message>
        <source>The backbone provider the link belongs to</source>
        <translation>Der Backbone-Anbieter, zu dem der Link gehört</translation>
    </message>
    <message>
        <source>Delay added to everything sent on the link (set-link-latency)</source>
        <translation>Verzögerung für alles, was über den Link gesendet wird (set-link-latency)</translation>
    </message>
    <message>
        <source>Frames received per second</source>
        <translation>Empfangene Frames pro Sekunde</translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation>Gesendete Frames pro Sekunde</translation>
    </message>
    <message>
        <source>Frames received since the link came up</source>
        <translation>Empfangene Frames, seit der Link aktiv ist</translation>
    </message>
    <message>
        <source>Frames sent since the link came up</source>
        <translation>Gesendete Frames, seit der Link aktiv ist</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::MainWindow</name>
    <message>
        <source>About Portolan</source>
        <translation>Über Portolan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Portolan %1&lt;/h3&gt;&lt;p&gt;Build, run, break and explain application-layer messaging networks: real node processes on a router mesh, watched and steered from here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Portolan %1&lt;/h3&gt;&lt;p&gt;Messaging-Netze auf Anwendungsebene bauen, betreiben, stören und erklären: echte Knotenprozesse auf einem Router-Netz, von hier aus beobachtet und gesteuert.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n node(s)…</source>
        <translation>
            <numerusform>Starte %n Knoten…</numerusform>
            <numerusform>Starte %n Knoten…</numerusform>
        </translation>
    </message>
    <message>
        <source>Every node is up; the network has converged.</source>
        <translation>Alle Knoten laufen; das Netz ist konvergiert.</translation>
    </message>
    <message>
        <source>The run has ended; its record is in %1</source>
        <translation>Der Lauf ist beendet; seine Aufzeichnung liegt in %1</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>Der Lauf ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Szenario kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Open Scenario</source>
        <translation>Szenario öffnen</translation>
    </message>
    <message>
        <source>Scenarios (*.yaml *.yml)</source>
        <translation>Szenarien (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <source>Explain routing</source>
        <translation>Routing erklären</translation>
    </message>
    <message>
        <source>Decide at router:</source>
        <translation>Entscheidung am Router:</translation>
    </message>
    <message>
        <source>Explain routing at %1</source>
        <translation>Routing bei %1 erklären</translation>
    </message>
    <message>
        <source>Address (and optionally “#key”):</source>
        <translation>Adresse (optional mit „#Schlüssel“):</translation>
    </message>
    <message>
        <source>Explain at %1: %2</source>
        <translation>Erklärung bei %1: %2</translation>
    </message>
    <message>
        <source>Start the network before adding nodes to it.</source>
        <translation>Starten Sie das Netz, bevor Sie Knoten hinzufügen.</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>Cannot save the layout</source>
        <translation>Layout kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Layout saved to %1</source>
        <translation>Layout gespeichert in %1</translation>
    </message>
    <message>
        <source>There is no run to report on yet.</source>
        <translation>Es gibt noch keinen Lauf, über den berichtet werden kann.</translation>
    </message>
    <message>
        <source>Export the run report into</source>
        <translation>Laufbericht exportieren nach</translation>
    </message>
    <message>
        <source>Cannot export the report</source>
        <translation>Bericht kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht geschrieben nach %1</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Routing Decision</source>
        <translation>Routing-Entscheidung</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Verfolgung</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Failure Stopwatch</source>
        <translation>Ausfall-Stoppuhr</translation>
    </message>
    <message>
        <source>%1 — Portolan</source>
        <translation>%1 — Portolan</translation>
    </message>
    <message>
        <source>%1 %2: %3, %4</source>
        <translation>%1 %2: %3, %4</translation>
    </message>
    <message>
        <source>nobody noticed</source>
        <translation>niemand hat es bemerkt</translation>
    </message>
    <message>
        <source>noticed after %1 ms</source>
        <translation>bemerkt nach %1 ms</translation>
    </message>
    <message>
        <source>no traced traffic went around it</source>
        <translation>kein verfolgter Verkehr lief daran vorbei</translation>
    </message>
    <message>
        <source>rerouted after %1 ms</source>
        <translation>umgeleitet nach %1 ms</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Angebunden</translation>
    </message>
    <message>
        <source>Attached, with these gaps:
%1</source>
        <translation>Angebunden, mit diesen Lücken:
%1</translation>
    </message>
    <message>
        <source>Cannot attach</source>
        <translation>Anbinden nicht möglich</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::NodeInspector</name>
    <message>
        <source>Click a node on the map to inspect it.</source>
        <translation>Einen Knoten auf der Karte anklicken, um ihn zu untersuchen.</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Chart the selected row&apos;s value over time (or double-click the row)</source>
        <translation>Den Wert der gewählten Zeile über die Zeit darstellen (oder Zeile doppelklicken)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>up %1</source>
        <translation>aktiv seit %1</translation>
    </message>
    <message>
        <source>no telemetry</source>
        <translation>keine Telemetrie</translation>
    </message>
    <message>
        <source>Chart %1 of %2</source>
        <translation>Diagramm %1 von %2</translation>
    </message>
    <message>
        <source>Select a row with a number to chart it (or double-click the row)</source>
        <translation>Eine Zeile mit einer Zahl wählen, um sie darzustellen (oder Zeile doppelklicken)</translation>
    </message>
    <message>
        <source>Chart “%1”</source>
        <translation>„%1“ darstellen</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::NodeStatus</name>
    <message>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>up</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>leert sich</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::OperatorMenus</name>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Untersuchen</translation>
    </message>
    <message>
        <source>&amp;Fail</source>
        <translation>&amp;Ausfallen lassen</translation>
    </message>
    <message>
        <source>The node goes dark: its links close and it refuses new ones</source>
        <translation>Der Knoten wird dunkel: seine Links schließen sich und er lehnt neue ab</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Kill (SIGKILL)</source>
        <translation>&amp;Töten (SIGKILL)</translation>
    </message>
    <message>
        <source>Kill the process without warning; what it acknowledged survives on disk</source>
        <translation>Den Prozess ohne Vorwarnung töten; was er bestätigt hat, überlebt auf der Platte</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>&amp;Upgrade…</source>
        <translation>&amp;Aktualisieren…</translation>
    </message>
    <message>
        <source>Upgrade %1</source>
        <translation>%1 aktualisieren</translation>
    </message>
    <message>
        <source>Drain %1, then restart it as version:</source>
        <translation>%1 leeren und dann als Version neu starten:</translation>
    </message>
    <message>
        <source>Rolling upgrade: the node finishes its work, exits, and comes back on the new version</source>
        <translation>Rollierendes Update: der Knoten beendet seine Arbeit, beendet sich und kommt in der neuen Version zurück</translation>
    </message>
    <message>
        <source>E&amp;xplain Routing From Here…</source>
        <translation>Routing von hier e&amp;rklären…</translation>
    </message>
    <message>
        <source>Send Request &amp;From Here…</source>
        <translation>Anfrage &amp;von hier senden…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Stop the process for good</source>
        <translation>Den Prozess endgültig stoppen</translation>
    </message>
    <message>
        <source>Link %1 – %2</source>
        <translation>Link %1 – %2</translation>
    </message>
    <message>
        <source>&amp;Cut</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Close the connection: both ends notice at once</source>
        <translation>Die Verbindung schließen: beide Enden bemerken es sofort</translation>
    </message>
    <message>
        <source>Cut &amp;Silently</source>
        <translation>&amp;Still trennen</translation>
    </message>
    <message>
        <source>Stop all traffic but keep the socket: the far end must notice missed hellos</source>
        <translation>Jeden Verkehr stoppen, aber den Socket behalten: das andere Ende muss fehlende Hellos bemerken</translation>
    </message>
    <message>
        <source>Set C&amp;ost…</source>
        <translation>&amp;Kosten festlegen…</translation>
    </message>
    <message>
        <source>Link cost</source>
        <translation>Linkkosten</translation>
    </message>
    <message>
        <source>Cost of %1 – %2:</source>
        <translation>Kosten von %1 – %2:</translation>
    </message>
    <message>
        <source>Add &amp;Latency…</source>
        <translation>&amp;Latenz hinzufügen…</translation>
    </message>
    <message>
        <source>Link latency</source>
        <translation>Linklatenz</translation>
    </message>
    <message>
        <source>Delay everything on %1 – %2 by (ms):</source>
        <translation>Alles auf %1 – %2 verzögern um (ms):</translation>
    </message>
    <message>
        <source>Provider %1</source>
        <translation>Anbieter %1</translation>
    </message>
    <message>
        <source>Take &amp;Down</source>
        <translation>&amp;Abschalten</translation>
    </message>
    <message>
        <source>Bring &amp;Up</source>
        <translation>&amp;Hochfahren</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1 runs on %2: start, stop and upgrade it there (systemctl)</source>
        <translation>%1 läuft auf %2: dort starten, stoppen und aktualisieren (systemctl)</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::OverviewModel</name>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>no telemetry yet</source>
        <translation>noch keine Telemetrie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Attached to</source>
        <translation>Angehängt an</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>abgehängt</translation>
    </message>
    <message>
        <source>%1 of %2 up</source>
        <translation>%1 von %2 aktiv</translation>
    </message>
    <message>
        <source>Router links</source>
        <translation>Router-Links</translation>
    </message>
    <message>
        <source>Attached entities</source>
        <translation>Angehängte Entitäten</translation>
    </message>
    <message>
        <source>HTTP ingress</source>
        <translation>HTTP-Eingang</translation>
    </message>
    <message>
        <source>Queue depth (all addresses)</source>
        <translation>Warteschlangentiefe (alle Adressen)</translation>
    </message>
    <message>
        <source>Messages queued or in flight, summed over the node&apos;s addresses</source>
        <translation>Wartende oder unterwegs befindliche Nachrichten, summiert über die Adressen des Knotens</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::Page</name>
    <message>
        <source>Portolan run report</source>
        <translation>Portolan-Laufbericht</translation>
    </message>
    <message>
        <source>NOT JUDGED</source>
        <translation>NICHT BEWERTET</translation>
    </message>
    <message>
        <source>This run was not checked against the scenario&apos;s expectations.</source>
        <translation>Dieser Lauf wurde nicht gegen die Erwartungen des Szenarios geprüft.</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>%1 of %2 expectations held</source>
        <translation>%1 von %2 Erwartungen erfüllt</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>VERFEHLT</translation>
    </message>
    <message>
        <source>%1 of %2 expectations held, %3 failed</source>
        <translation>%1 von %2 Erwartungen erfüllt, %3 verfehlt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Expectations</source>
        <translation>Erwartungen</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Failure stopwatch</source>
        <translation>Ausfall-Stoppuhr</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>Scenario file</source>
        <translation>Szenariodatei</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Ready after</source>
        <translation>Bereit nach</translation>
    </message>
    <message numerus="yes">
        <source>%n fired</source>
        <translation>
            <numerusform>%n ausgelöst</numerusform>
            <numerusform>%n ausgelöst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n planned</source>
        <translation>
            <numerusform>%n geplant</numerusform>
            <numerusform>%n geplant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n by the operator</source>
        <translation>
            <numerusform>%n vom Operator</numerusform>
            <numerusform>%n vom Operator</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline steps</source>
        <translation>Schritte der Zeitleiste</translation>
    </message>
    <message>
        <source>%1 sent, %2 answered</source>
        <translation>%1 gesendet, %2 beantwortet</translation>
    </message>
    <message>
        <source>Metric samples</source>
        <translation>Metrik-Messwerte</translation>
    </message>
    <message>
        <source>%1 in %2 series</source>
        <translation>%1 in %2 Reihen</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>The scenario declares no expectations.</source>
        <translation>Das Szenario deklariert keine Erwartungen.</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>Erwartung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>No timeline step fired during this run.</source>
        <translation>In diesem Lauf wurde kein Schritt der Zeitleiste ausgelöst.</translation>
    </message>
    <message>
        <source>Steps in the order they fired; the operator&apos;s own actions are marked ǋy hand”. The charts below mark each step with its number.</source>
        <translation>Schritte in der Reihenfolge ihrer Auslösung; die eigenen Aktionen des Operators sind mit „von Hand“ markiert. Die Diagramme unten markieren jeden Schritt mit seiner Nummer.</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>NOT REACHED</source>
        <translation>NICHT ERREICHT</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Nothing was broken during this run, so no failure was timed.</source>
        <translation>In diesem Lauf ging nichts kaputt, also wurde kein Ausfall gestoppt.</translation>
    </message>
    <message>
        <source>From the moment something was broken: how long until the first node noticed, and until traffic flowed again on a path around it.</source>
        <translation>Ab dem Moment, in dem etwas kaputtging: wie lange, bis der erste Knoten es bemerkte, und bis der Verkehr auf einem Pfad drumherum wieder floss.</translation>
    </message>
    <message>
        <source>What broke</source>
        <translation>Was kaputtging</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>Detected after</source>
        <translation>Erkannt nach</translation>
    </message>
    <message>
        <source>Recovered after</source>
        <translation>Erholt nach</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Erneut gesendet</translation>
    </message>
    <message>
        <source>not recovered</source>
        <translation>nicht erholt</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>noch offen</translation>
    </message>
    <message>
        <source>Topology at the end of the run</source>
        <translation>Topologie am Ende des Laufs</translation>
    </message>
    <message>
        <source>No picture of the topology was captured for this run.</source>
        <translation>Für diesen Lauf wurde kein Bild der Topologie erfasst.</translation>
    </message>
    <message>
        <source>The network topology as the run ended</source>
        <translation>Die Netztopologie am Ende des Laufs</translation>
    </message>
    <message>
        <source>No metric samples were recorded, so there is nothing to chart.</source>
        <translation>Es wurden keine Metrik-Messwerte aufgezeichnet, also gibt es nichts darzustellen.</translation>
    </message>
    <message>
        <source>Charts were not drawn: they need the application&apos;s graphics (a QApplication). The time series are in the metric files.</source>
        <translation>Diagramme wurden nicht gezeichnet: sie brauchen die Grafik der Anwendung (eine QApplication). Die Zeitreihen liegen in den Metrikdateien.</translation>
    </message>
    <message>
        <source>Queue depth: nothing was queued at any node during the run.</source>
        <translation>Warteschlangentiefe: an keinem Knoten wurde während des Laufs etwas eingereiht.</translation>
    </message>
    <message>
        <source>Queue depth over time</source>
        <translation>Warteschlangentiefe über die Zeit</translation>
    </message>
    <message>
        <source>Messages queued over all nodes, and at the %1 nodes with the deepest queues (of %2 that queued anything).</source>
        <translation>Wartende Nachrichten über alle Knoten und an den %1 Knoten mit den tiefsten Warteschlangen (von %2 mit Warteschlange).</translation>
    </message>
    <message>
        <source>Messages queued over all nodes, and at each node that queued anything.</source>
        <translation>Wartende Nachrichten über alle Knoten und an jedem Knoten, der etwas in der Warteschlange hatte.</translation>
    </message>
    <message>
        <source>Routers count messages in flight, entities their outstanding work.</source>
        <translation>Router zählen unterwegs befindliche Nachrichten, Entitäten ihre offene Arbeit.</translation>
    </message>
    <message>
        <source>Message rates over time</source>
        <translation>Nachrichtenraten über die Zeit</translation>
    </message>
    <message>
        <source>Messages delivered to consumers, acknowledged back to their senders and resent over a new path, per second, summed over the routers and entities.</source>
        <translation>An Verbraucher zugestellte, an ihre Absender bestätigte und über einen neuen Pfad erneut gesendete Nachrichten pro Sekunde, summiert über Router und Entitäten.</translation>
    </message>
    <message>
        <source>The timeline sent no requests.</source>
        <translation>Die Zeitleiste hat keine Anfragen gesendet.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>Router</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>No events were recorded.</source>
        <translation>Es wurden keine Ereignisse aufgezeichnet.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>No metric samples were recorded.</source>
        <translation>Es wurden keine Metrik-Messwerte aufgezeichnet.</translation>
    </message>
    <message>
        <source>Every metric each node reported, sampled during the run: its last value, lowest, highest and mean.</source>
        <translation>Jede Metrik, die ein Knoten gemeldet hat, während des Laufs abgetastet: letzter Wert, Minimum, Maximum und Mittel.</translation>
    </message>
    <message numerus="yes">
        <source>%n series that stayed at zero throughout are left out.</source>
        <translation>
            <numerusform>%n Reihe, die durchgehend bei null blieb, ist ausgelassen.</numerusform>
            <numerusform>%n Reihen, die durchgehend bei null blieben, sind ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every sample is in timeseries.csv and timeseries.json next to this report.</source>
        <translation>Jeder Messwert steht in timeseries.csv und timeseries.json neben diesem Bericht.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzter</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <source>Generated by Portolan %1 on %2.</source>
        <translation>Erstellt von Portolan %1 am %2.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PaletteModel</name>
    <message>
        <source>Drag onto the map to start a %1</source>
        <translation>Auf die Karte ziehen, um %1 zu starten</translation>
    </message>
    <message>
        <source>%1
Drag onto the map to start one.</source>
        <translation>%1
Auf die Karte ziehen, um einen zu starten.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PalettePanel</name>
    <message>
        <source>Drag onto the map to start a node. Drop it on a router to attach it there.</source>
        <translation>Auf die Karte ziehen, um einen Knoten zu starten. Auf einem Router ablegen, um ihn dort anzuhängen.</translation>
    </message>
    <message>
        <source>Interior router</source>
        <translation>Innerer Router</translation>
    </message>
    <message>
        <source>Backbone: link state, shortest paths</source>
        <translation>Backbone: Link-Zustand, kürzeste Pfade</translation>
    </message>
    <message>
        <source>Edge router</source>
        <translation>Edge-Router</translation>
    </message>
    <message>
        <source>Attaches entities; uplinks to the backbone</source>
        <translation>Hängt Entitäten an; Uplinks zum Backbone</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Its own inventory: answers, holds, orders</source>
        <translation>Eigenes Inventar: antwortet, reserviert, bestellt</translation>
    </message>
    <message>
        <source>Factory</source>
        <translation>Fabrik</translation>
    </message>
    <message>
        <source>Builds orders, hands them to trucks</source>
        <translation>Baut Bestellungen, übergibt sie an Lkw</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>Lkw</translation>
    </message>
    <message>
        <source>Delivers to stores, reports its position</source>
        <translation>Liefert an Läden, meldet seine Position</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>A worker: service time, durable backlog</source>
        <translation>Ein Arbeiter: Bedienzeit, dauerhafter Rückstand</translation>
    </message>
    <message>
        <source>Traffic generator</source>
        <translation>Verkehrsgenerator</translation>
    </message>
    <message>
        <source>Sends messages to an address at a rate</source>
        <translation>Sendet Nachrichten mit einer Rate an eine Adresse</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PresentationModel</name>
    <message>
        <source>No timeline</source>
        <translation>Keine Zeitleiste</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) ahead</source>
        <translation>
            <numerusform>%n Schritt steht bevor</numerusform>
            <numerusform>%n Schritte stehen bevor</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Starting the network…</source>
        <translation>Das Netz startet…</translation>
    </message>
    <message>
        <source>Running · %1:%2</source>
        <translation>Läuft · %1:%2</translation>
    </message>
    <message>
        <source>The run has ended</source>
        <translation>Der Lauf ist beendet</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>wartet…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No failure yet</source>
        <translation>Noch kein Ausfall</translation>
    </message>
    <message>
        <source>%1: noticed after %2, rerouted after %3</source>
        <translation>%1: bemerkt nach %2, umgeleitet nach %3</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PresentationWindow</name>
    <message>
        <source>Portolan — Presentation</source>
        <translation>Portolan — Präsentation</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ProviderLegend</name>
    <message>
        <source>cost %1</source>
        <translation>Kosten %1</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>Right-click a provider to take it down or bring it back up</source>
        <translation>Rechtsklick auf einen Anbieter, um ihn abzuschalten oder wieder hochzufahren</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportChartRenderer</name>
    <message>
        <source>seconds since the run started</source>
        <translation>Sekunden seit Laufbeginn</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportFigures</name>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>messages queued</source>
        <translation>wartende Nachrichten</translation>
    </message>
    <message>
        <source>Message rates</source>
        <translation>Nachrichtenraten</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportHtml</name>
    <message>
        <source>run report</source>
        <translation>Laufbericht</translation>
    </message>
    <message>
        <source>Portolan run</source>
        <translation>Portolan-Lauf</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportPdfPrinter</name>
    <message>
        <source>the PDF report needs a GUI application object (QGuiApplication) for its fonts</source>
        <translation>der PDF-Bericht braucht ein GUI-Anwendungsobjekt (QGuiApplication) für seine Schriften</translation>
    </message>
    <message>
        <source>cannot start the PDF</source>
        <translation>das PDF kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>cannot add page %1 to the PDF</source>
        <translation>Seite %1 kann nicht zum PDF hinzugefügt werden</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>cannot finish the PDF</source>
        <translation>das PDF kann nicht abgeschlossen werden</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportSeries</name>
    <message>
        <source>all nodes</source>
        <translation>alle Knoten</translation>
    </message>
    <message>
        <source>delivered / s</source>
        <translation>zugestellt / s</translation>
    </message>
    <message>
        <source>acknowledged / s</source>
        <translation>bestätigt / s</translation>
    </message>
    <message>
        <source>resent / s</source>
        <translation>erneut gesendet / s</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RoleDataModel</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RoutesModel</name>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Next hop</source>
        <translation>Nächster Hop</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>A router this router can reach</source>
        <translation>Ein Router, den dieser Router erreichen kann</translation>
    </message>
    <message>
        <source>The neighbour it sends through</source>
        <translation>Der Nachbar, über den er sendet</translation>
    </message>
    <message>
        <source>Total link cost of the shortest path</source>
        <translation>Gesamte Linkkosten des kürzesten Pfads</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RunReportWriter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot create the report directory %1</source>
        <translation>das Berichtsverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RunStatusBar</name>
    <message>
        <source>Node processes up, and failed or gone</source>
        <translation>Laufende Knotenprozesse, und ausgefallene oder beendete</translation>
    </message>
    <message>
        <source>Messages delivered to consumers per second, over the last second</source>
        <translation>An Verbraucher zugestellte Nachrichten pro Sekunde, über die letzte Sekunde</translation>
    </message>
    <message>
        <source>Time since the run started</source>
        <translation>Zeit seit Laufbeginn</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) planned</source>
        <translation>
            <numerusform>%n Knoten geplant</numerusform>
            <numerusform>%n Knoten geplant</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 up · %2 down</source>
        <translation>%1 aktiv · %2 ausgefallen</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 Nachr./s</translation>
    </message>
    <message>
        <source>Run %1:%2:%3</source>
        <translation>Lauf %1:%2:%3</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SendRequestDialog</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Show &amp;Trace</source>
        <translation>&amp;Verfolgung zeigen</translation>
    </message>
    <message>
        <source>The address must start with “/”, for example /all-stores/inventory.</source>
        <translation>Die Adresse muss mit „/“ beginnen, zum Beispiel /all-stores/inventory.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sende…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s)</source>
        <translation>
            <numerusform>%n Ziel</numerusform>
            <numerusform>%n Ziele</numerusform>
        </translation>
    </message>
    <message>
        <source>Request %1: %2</source>
        <translation>Anfrage %1: %2</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SeriesCatalogModel</name>
    <message>
        <source>Series of the whole mesh (delivery latency)</source>
        <translation>Reihen des ganzen Netzes (Zustelllatenz)</translation>
    </message>
    <message>
        <source>%1 chartable series</source>
        <translation>%1 darstellbare Reihen</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SeriesNaming</name>
    <message>
        <source>Queue depth (all addresses)</source>
        <translation>Warteschlangentiefe (alle Adressen)</translation>
    </message>
    <message>
        <source>Delivery latency p50 (ms)</source>
        <translation>Zustelllatenz p50 (ms)</translation>
    </message>
    <message>
        <source>Delivery latency p99 (ms)</source>
        <translation>Zustelllatenz p99 (ms)</translation>
    </message>
    <message>
        <source>Queue %1</source>
        <translation>Warteschlange %1</translation>
    </message>
    <message>
        <source>Link to %1 (frames/s)</source>
        <translation>Link zu %1 (Frames/s)</translation>
    </message>
    <message>
        <source>%1 (count)</source>
        <translation>%1 (Anzahl)</translation>
    </message>
    <message>
        <source>queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>latency p50</source>
        <translation>Latenz p50</translation>
    </message>
    <message>
        <source>latency p99</source>
        <translation>Latenz p99</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>Warteschlange %1</translation>
    </message>
    <message>
        <source>link %1 rate</source>
        <translation>Rate von Link %1</translation>
    </message>
    <message>
        <source>Mesh</source>
        <translation>Netz</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::StepSummary</name>
    <message>
        <source>%1 %2 via %3</source>
        <translation>%1 %2 über %3</translation>
    </message>
    <message>
        <source>cut link %1 silently</source>
        <translation>Link %1 still trennen</translation>
    </message>
    <message>
        <source>cut link %1</source>
        <translation>Link %1 trennen</translation>
    </message>
    <message>
        <source>restore link %1</source>
        <translation>Link %1 wiederherstellen</translation>
    </message>
    <message>
        <source>link %1 costs %2</source>
        <translation>Link %1 kostet %2</translation>
    </message>
    <message>
        <source>link %1 delayed %2 ms</source>
        <translation>Link %1 um %2 ms verzögert</translation>
    </message>
    <message>
        <source>fail %1</source>
        <translation>%1 ausfallen lassen</translation>
    </message>
    <message>
        <source>restore %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <source>kill %1</source>
        <translation>%1 töten</translation>
    </message>
    <message>
        <source>restart %1</source>
        <translation>%1 neu starten</translation>
    </message>
    <message>
        <source>upgrade %1 to %2</source>
        <translation>%1 auf %2 aktualisieren</translation>
    </message>
    <message>
        <source>provider %1 down</source>
        <translation>Anbieter %1 abgeschaltet</translation>
    </message>
    <message>
        <source>provider %1 up</source>
        <translation>Anbieter %1 hochgefahren</translation>
    </message>
    <message>
        <source>add %1 (%2)</source>
        <translation>%1 hinzufügen (%2)</translation>
    </message>
    <message>
        <source>remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>Beschriftung</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::StopwatchModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>From the failure to the first traced delivery that went around it</source>
        <translation>Vom Ausfall bis zur ersten verfolgten Zustellung, die ihn umging</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Detected after</source>
        <translation>Erkannt nach</translation>
    </message>
    <message>
        <source>Rerouted after</source>
        <translation>Umgeleitet nach</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Erneut gesendet</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TimelineModel</name>
    <message>
        <source>At</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>When the step is planned, in run time</source>
        <translation>Wann der Schritt geplant ist, in Laufzeit</translation>
    </message>
    <message>
        <source>Whether it has fired, and how</source>
        <translation>Ob er ausgelöst wurde, und wie</translation>
    </message>
    <message>
        <source>What the step does</source>
        <translation>Was der Schritt tut</translation>
    </message>
    <message>
        <source>What the audience is told</source>
        <translation>Was dem Publikum gesagt wird</translation>
    </message>
    <message>
        <source>Planned at %1</source>
        <translation>Geplant bei %1</translation>
    </message>
    <message>
        <source>%1 (step “%2”)</source>
        <translation>%1 (Schritt „%2“)</translation>
    </message>
    <message>
        <source>Fired at %1</source>
        <translation>Ausgelöst bei %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Not fired yet</source>
        <translation>Noch nicht ausgelöst</translation>
    </message>
    <message>
        <source>fired ✓</source>
        <translation>ausgelöst ✓</translation>
    </message>
    <message>
        <source>failed ✗</source>
        <translation>fehlgeschlagen ✗</translation>
    </message>
    <message>
        <source>by hand ✓</source>
        <translation>von Hand ✓</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the timeline: steps fire at their times</source>
        <translation>Zeitleiste abspielen: Schritte werden zu ihren Zeiten ausgelöst</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Fire the next pending step now</source>
        <translation>Den nächsten ausstehenden Schritt jetzt auslösen</translation>
    </message>
    <message>
        <source>Fire selected</source>
        <translation>Auswahl auslösen</translation>
    </message>
    <message>
        <source>Fire the selected step now, by hand (or double-click it)</source>
        <translation>Den gewählten Schritt jetzt von Hand auslösen (oder doppelklicken)</translation>
    </message>
    <message>
        <source>Run time / the scenario&apos;s length</source>
        <translation>Laufzeit / Länge des Szenarios</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause the timeline: no step fires until you play or step</source>
        <translation>Zeitleiste anhalten: kein Schritt wird ausgelöst, bis Sie abspielen oder einen Schritt machen</translation>
    </message>
    <message>
        <source>This scenario has no timeline.</source>
        <translation>Dieses Szenario hat keine Zeitleiste.</translation>
    </message>
    <message>
        <source>Every step has fired.</source>
        <translation>Alle Schritte wurden ausgelöst.</translation>
    </message>
    <message>
        <source>Next, in %1: %2</source>
        <translation>Als Nächstes, in %1: %2</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Als Nächstes: %1</translation>
    </message>
    <message>
        <source>Fire “%1” now</source>
        <translation>„%1“ jetzt auslösen</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TraceModel</name>
    <message>
        <source>Hop</source>
        <translation>Hop</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>+Step</source>
        <translation>+Schritt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>How many routers the message had crossed</source>
        <translation>Wie viele Router die Nachricht durchquert hatte</translation>
    </message>
    <message>
        <source>Where it was</source>
        <translation>Wo sie war</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Time since the previous row (node clocks for consecutive hops)</source>
        <translation>Zeit seit der vorigen Zeile (Knotenuhren bei aufeinanderfolgenden Hops)</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>weitergeleitet</translation>
    </message>
    <message>
        <source>answered over HTTP</source>
        <translation>über HTTP beantwortet</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>by %1 after %2</source>
        <translation>von %1 nach %2</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>status %1 from %2</source>
        <translation>Status %1 von %2</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TraceOverlay</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TraceView</name>
    <message>
        <source>Double-click a request in the event log, or send one with tracing on, to follow it hop by hop.</source>
        <translation>Eine Anfrage im Ereignisprotokoll doppelklicken oder eine mit eingeschalteter Verfolgung senden, um ihr Hop für Hop zu folgen.</translation>
    </message>
    <message>
        <source>Request &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Anfrage &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No hops recorded for this request (was tracing on?).</source>
        <translation>Für diese Anfrage wurden keine Hops aufgezeichnet (war die Verfolgung an?).</translation>
    </message>
    <message>
        <source>1 router hop</source>
        <translation>1 Router-Hop</translation>
    </message>
    <message>
        <source>%1 router hops</source>
        <translation>%1 Router-Hops</translation>
    </message>
    <message>
        <source> · %1 from first to last event</source>
        <translation> · %1 vom ersten bis zum letzten Ereignis</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Waiting for the first step</source>
        <translation>Warten auf den ersten Schritt</translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Nodes down</source>
        <translation>Knoten ausgefallen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>not seen</source>
        <translation>nicht gesehen</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>wartet…</translation>
    </message>
</context>
<context>
    <name>SendRequestDialog</name>
    <message>
        <source>Send Request</source>
        <translation>Anfrage senden</translation>
    </message>
    <message>
        <source>&amp;Enter at router:</source>
        <translation>&amp;Eintritt am Router:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>/all-stores/inventory?item=cutlass</source>
        <translation>/all-stores/inventory?item=cutlass</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>for keyed addresses only</source>
        <translation>nur für Adressen mit Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Inhalt:</translation>
    </message>
    <message>
        <source>{&quot;item&quot;: &quot;cutlass&quot;}</source>
        <translation>{&quot;item&quot;: &quot;cutlass&quot;}</translation>
    </message>
    <message>
        <source>&amp;Trace the request on the canvas</source>
        <translation>Anfrage auf der Karte &amp;verfolgen</translation>
    </message>
</context>
<context>
    <name>StopwatchTile</name>
    <message>
        <source>Failure stopwatch</source>
        <translation>Ausfall-Stoppuhr</translation>
    </message>
    <message>
        <source>No failure yet</source>
        <translation>Noch kein Ausfall</translation>
    </message>
    <message>
        <source>noticed after</source>
        <translation>bemerkt nach</translation>
    </message>
    <message>
        <source>rerouted after</source>
        <translation>umgeleitet nach</translation>
    </message>
</context>
<context>
    <name>portolan</name>
    <message>
        <source>Portolan: build, run, break and explain messaging networks.
Without --headless or --validate the console opens SCENARIO (default: Pirate Pugs 1).</source>
        <translation>Portolan: Messaging-Netze bauen, betreiben, stören und erklären.
Ohne --headless oder --validate öffnet die Konsole SCENARIO (Standard: Pirate Pugs 1).</translation>
    </message>
    <message>
        <source>Run the scenario to its end without a window; exit 0 when every expectation held.</source>
        <translation>Das Szenario ohne Fenster bis zum Ende laufen lassen; Rückgabewert 0, wenn jede Erwartung erfüllt wurde.</translation>
    </message>
    <message>
        <source>Check the scenario file only.</source>
        <translation>Nur die Szenariodatei prüfen.</translation>
    </message>
    <message>
        <source>Write the report (report.json, report.html, report.pdf, time series) into &lt;dir&gt; (default: the run directory).</source>
        <translation>Den Bericht (report.json, report.html, report.pdf, Zeitreihen) nach &lt;dir&gt; schreiben (Standard: das Laufverzeichnis).</translation>
    </message>
    <message>
        <source>Override a scenario parameter: name=value (repeatable).</source>
        <translation>Einen Szenarioparameter überschreiben: Name=Wert (wiederholbar).</translation>
    </message>
    <message>
        <source>Play the timeline &lt;factor&gt; times as fast.</source>
        <translation>Die Zeitleiste &lt;factor&gt;-mal so schnell abspielen.</translation>
    </message>
    <message>
        <source>Create run directories under &lt;dir&gt; (default: runs).</source>
        <translation>Laufverzeichnisse unter &lt;dir&gt; anlegen (Standard: runs).</translation>
    </message>
    <message>
        <source>Console: start the network at once.</source>
        <translation>Konsole: das Netz sofort starten.</translation>
    </message>
    <message>
        <source>Console: also open the presentation view, full screen on a second screen if there is one.</source>
        <translation>Konsole: zusätzlich die Präsentationsansicht öffnen, im Vollbild auf einem zweiten Bildschirm, falls vorhanden.</translation>
    </message>
    <message>
        <source>The scenario file (YAML).</source>
        <translation>Die Szenariodatei (YAML).</translation>
    </message>
    <message>
        <source>portolan: --set %1: expected name=value</source>
        <translation>portolan: --set %1: Name=Wert erwartet</translation>
    </message>
    <message>
        <source>portolan: name at most one scenario file</source>
        <translation>portolan: höchstens eine Szenariodatei angeben</translation>
    </message>
    <message>
        <source>portolan: no scenario named and the default one (pirate-pugs-1.yaml) is not installed</source>
        <translation>portolan: kein Szenario angegeben und das Standardszenario (pirate-pugs-1.yaml) ist nicht installiert</translation>
    </message>
    <message>
        <source>portolan: --speed %1: expected a positive number</source>
        <translation>portolan: --speed %1: positive Zahl erwartet</translation>
    </message>
    <message>
        <source>portolan: cannot find portolan-node at %1</source>
        <translation>portolan: portolan-node nicht gefunden unter %1</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Szenario kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Attach to a node running on another host at its control URL ws://HOST:PORT/?token=TOKEN (repeatable): the network found is written as a scenario file (SCENARIO if named) and opened.</source>
        <translation>An einen Knoten auf einem anderen Rechner über seine Steuer-URL ws://HOST:PORT/?token=TOKEN anbinden (wiederholbar): das gefundene Netz wird als Szenariodatei geschrieben (SCENARIO, falls angegeben) und geöffnet.</translation>
    </message>
    <message>
        <source>portolan: --attach: %1</source>
        <translation>portolan: --attach: %1</translation>
    </message>
    <message>
        <source>portolan: the attached network is in %1</source>
        <translation>portolan: das angebundene Netz steht in %1</translation>
    </message>
</context>
</TS>
