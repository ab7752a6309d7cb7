<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>MainWindow</name>
    <message>
        <source>Portolan</source>
        <translation>Portolan</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouverts &amp;récemment</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Exécution</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>&amp;Ouvrir un scénario…</translation>
    </message>
    <message>
        <source>Open a scenario file</source>
        <translation>Ouvrir un fichier de scénario</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Save Layout</source>
        <translation>&amp;Enregistrer la disposition</translation>
    </message>
    <message>
        <source>Save the node positions with the scenario</source>
        <translation>Enregistrer la position des nœuds avec le scénario</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>&amp;Exporter le rapport…</translation>
    </message>
    <message>
        <source>Write the run report: HTML, PDF, CSV and JSON</source>
        <translation>Écrire le rapport d’exécution : HTML, PDF, CSV et JSON</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Start every node of the scenario</source>
        <translation>Démarrer chaque nœud du scénario</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>Stop every node and end the run</source>
        <translation>Arrêter chaque nœud et terminer l’exécution</translation>
    </message>
    <message>
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>Play or pause the timeline</source>
        <translation>Lire ou mettre en pause la chronologie</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Ste&amp;p</source>
        <translation>É&amp;tape</translation>
    </message>
    <message>
        <source>Fire the next timeline step now</source>
        <translation>Déclencher maintenant l’étape suivante de la chronologie</translation>
    </message>
    <message>
        <source>F10</source>
        <translation>F10</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>&amp;Ajuster à la vue</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>Afficher tout le réseau</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Collapse Edge Devices</source>
        <translation>&amp;Regrouper les appareils en bordure</translation>
    </message>
    <message>
        <source>Draw edge devices as a count on their router</source>
        <translation>Dessiner les appareils en bordure comme un nombre sur leur routeur</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>Mode &amp;présentation</translation>
    </message>
    <message>
        <source>Show the caption, the headline figures and the topology full screen, for a projector</source>
        <translation>Afficher la légende, les chiffres clés et la topologie en plein écran, pour un projecteur</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Send &amp;Request…</source>
        <translation>Envoyer une &amp;requête…</translation>
    </message>
    <message>
        <source>Send an HTTP-style request into the mesh and see the answers</source>
        <translation>Envoyer une requête de type HTTP dans le maillage et voir les réponses</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>E&amp;xplain Routing…</source>
        <translation>E&amp;xpliquer le routage…</translation>
    </message>
    <message>
        <source>Show how a router would deliver to an address, and why</source>
        <translation>Montrer comment un routeur livrerait à une adresse, et pourquoi</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>&amp;About Portolan</source>
        <translation>À &amp;propos de Portolan</translation>
    </message>
    <message>
        <source>&amp;Attach to Running Nodes…</source>
        <translation>Se r&amp;attacher aux nœuds en marche…</translation>
    </message>
    <message>
        <source>Attach to nodes running on other hosts by their control URLs</source>
        <translation>Se rattacher aux nœuds d’autres hôtes par leurs URL de contrôle</translation>
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
        <translation>File</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Abonné</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>An address path; routers group queues by its first two segments</source>
        <translation>Un chemin d’adresse ; les routeurs regroupent les files selon ses deux premiers segments</translation>
    </message>
    <message>
        <source>Routers: messages sent and not yet settled. Entities: outstanding work.</source>
        <translation>Routeurs : messages envoyés et pas encore réglés. Entités : travail en attente.</translation>
    </message>
    <message>
        <source>Whether this entity consumes the address</source>
        <translation>Si cette entité consomme l’adresse</translation>
    </message>
    <message>
        <source>The consumer group it subscribed with (shares the address&apos;s messages)</source>
        <translation>Le groupe de consommateurs de l’abonnement (partage les messages de l’adresse)</translation>
    </message>
    <message>
        <source>The most outstanding work balanced distribution sends it (0 = unbounded)</source>
        <translation>Le travail en attente maximal que la distribution équilibrée lui envoie (0 = illimité)</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>illimité</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::AttachFlow</name>
    <message>
        <source>Attach to Running Nodes</source>
        <translation>Se rattacher aux nœuds en marche</translation>
    </message>
    <message>
        <source>Control URLs of the nodes, one per line (ws://HOST:PORT/?token=TOKEN).
The network found is saved as a scenario and opened.</source>
        <translation>URL de contrôle des nœuds, une par ligne (ws://HÔTE:PORT/?token=JETON).
Le réseau trouvé est enregistré comme scénario puis ouvert.</translation>
    </message>
    <message numerus="yes">
        <source>Attaching to %n node(s)…</source>
        <translation>
            <numerusform>Rattachement à %n nœud…</numerusform>
            <numerusform>Rattachement à %n nœuds…</numerusform>
        </translation>
    </message>
    <message>
        <source>No node answered.</source>
        <translation>Aucun nœud n’a répondu.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::CanvasToolTips</name>
    <message>
        <source>up</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>down</source>
        <translation>hors service</translation>
    </message>
    <message>
        <source>cut by the operator</source>
        <translation>coupé par l’opérateur</translation>
    </message>
    <message>
        <source>not reported yet</source>
        <translation>pas encore signalé</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 trames/s</translation>
    </message>
    <message>
        <source>interior router</source>
        <translation>routeur intérieur</translation>
    </message>
    <message>
        <source>edge router</source>
        <translation>routeur de bordure</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>entité</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Provider: %1</source>
        <translation>Fournisseur : %1</translation>
    </message>
    <message>
        <source>Attached to: %1</source>
        <translation>Rattaché à : %1</translation>
    </message>
    <message>
        <source>In flight: %1</source>
        <translation>En transit : %1</translation>
    </message>
    <message>
        <source>Backlog: %1</source>
        <translation>Arriéré : %1</translation>
    </message>
    <message>
        <source>Devices folded in: %1</source>
        <translation>Appareils regroupés : %1</translation>
    </message>
    <message>
        <source>no provider</source>
        <translation>aucun fournisseur</translation>
    </message>
    <message>
        <source>Provider: %1 · cost %2</source>
        <translation>Fournisseur : %1 · coût %2</translation>
    </message>
    <message>
        <source>Traffic: %1 (%2 → %3: %4, %3 → %2: %5)</source>
        <translation>Trafic : %1 (%2 → %3 : %4, %3 → %2 : %5)</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ChartsPanel</name>
    <message>
        <source>Filter series…</source>
        <translation>Filtrer les séries…</translation>
    </message>
    <message>
        <source>Show only nodes and metrics whose name contains this text</source>
        <translation>N’afficher que les nœuds et métriques dont le nom contient ce texte</translation>
    </message>
    <message>
        <source>Tick a series to chart it</source>
        <translation>Cochez une série pour la tracer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the charts to look closely; data keeps being collected</source>
        <translation>Figer les graphiques pour regarder de près ; les données continuent d’être collectées</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much run time the charts show, up to now</source>
        <translation>Durée d’exécution affichée par les graphiques, jusqu’à maintenant</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Remove every series from the chart</source>
        <translation>Retirer toutes les séries du graphique</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Durée d’exécution</translation>
    </message>
    <message>
        <source>No series on the chart yet.
Tick a metric on the left, or double-click a row in the inspector.</source>
        <translation>Aucune série dans le graphique pour l’instant.
Cochez une métrique à gauche ou double-cliquez sur une ligne de l’inspecteur.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>à %1</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ConsoleSession</name>
    <message>
        <source>No scenario is open.</source>
        <translation>Aucun scénario n’est ouvert.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Start the network first.</source>
        <translation>Démarrez d’abord le réseau.</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 n’est pas connecté</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DecisionModel</name>
    <message>
        <source>Consumer</source>
        <translation>Consommateur</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>Routeur</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Path cost</source>
        <translation>Coût du chemin</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>At capacity</source>
        <translation>À pleine capacité</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>An entity subscribed to the address</source>
        <translation>Une entité abonnée à l’adresse</translation>
    </message>
    <message>
        <source>Its consumer group: a group shares one copy</source>
        <translation>Son groupe de consommateurs : un groupe partage une copie</translation>
    </message>
    <message>
        <source>The router it is attached to</source>
        <translation>Le routeur auquel elle est rattachée</translation>
    </message>
    <message>
        <source>The routers a message would cross</source>
        <translation>Les routeurs qu’un message traverserait</translation>
    </message>
    <message>
        <source>Total link cost from this router to the consumer&apos;s router</source>
        <translation>Coût total des liens de ce routeur au routeur du consommateur</translation>
    </message>
    <message>
        <source>Work it has not finished (advertised, plus work assigned since)</source>
        <translation>Travail non terminé (annoncé, plus celui assigné depuis)</translation>
    </message>
    <message>
        <source>Balanced distribution skips a consumer at its capacity</source>
        <translation>La distribution équilibrée ignore un consommateur à pleine capacité</translation>
    </message>
    <message>
        <source>What the distribution minimises; the lowest wins</source>
        <translation>Ce que la distribution minimise ; la valeur la plus basse l’emporte</translation>
    </message>
    <message>
        <source>The router&apos;s reason</source>
        <translation>La raison du routeur</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Choisi : %1</translation>
    </message>
    <message>
        <source>Subscribed as %1</source>
        <translation>Abonné en tant que %1</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>at capacity</source>
        <translation>à pleine capacité</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DecisionView</name>
    <message>
        <source>Pick an address or a message to see how a router decides where it goes.</source>
        <translation>Choisissez une adresse ou un message pour voir comment un routeur décide où il va.</translation>
    </message>
    <message>
        <source>The distribution the scenario maps this address to</source>
        <translation>La distribution à laquelle le scénario associe cette adresse</translation>
    </message>
    <message>
        <source>Delivery to &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Livraison à &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Delivery to &lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Livraison à &lt;b&gt;%1&lt;/b&gt; depuis &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acquitté</translation>
    </message>
    <message>
        <source>fire and forget</source>
        <translation>envoyer et oublier</translation>
    </message>
    <message>
        <source>Settled end to end: resent over a new path if a link or router dies</source>
        <translation>Réglé de bout en bout : renvoyé par un nouveau chemin si un lien ou un routeur tombe</translation>
    </message>
    <message>
        <source>Best effort: not acknowledged, not resent</source>
        <translation>Au mieux : ni acquitté, ni renvoyé</translation>
    </message>
    <message>
        <source>%1 (behind %2)</source>
        <translation>%1 (derrière %2)</translation>
    </message>
    <message>
        <source>No consumer can take it now.</source>
        <translation>Aucun consommateur ne peut le prendre maintenant.</translation>
    </message>
    <message>
        <source>Goes to: %1</source>
        <translation>Va à : %1</translation>
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
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::DropPlanner</name>
    <message>
        <source>There is no router to attach it to.</source>
        <translation>Il n’y a aucun routeur auquel le rattacher.</translation>
    </message>
    <message>
        <source>The palette item names no role.</source>
        <translation>L’élément de palette ne nomme aucun rôle.</translation>
    </message>
    <message>
        <source>There is no interior router to link it to.</source>
        <translation>Il n’y a aucun routeur intérieur auquel le relier.</translation>
    </message>
    <message>
        <source>Unknown palette item kind “%1”.</source>
        <translation>Type d’élément de palette inconnu « %1 ».</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventLogModel</name>
    <message>
        <source>run</source>
        <translation>exécution</translation>
    </message>
    <message>
        <source>
Double-click to trace request %1</source>
        <translation>
Double-cliquez pour tracer la requête %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventLogPanel</name>
    <message>
        <source>Filter by node, event or text…</source>
        <translation>Filtrer par nœud, événement ou texte…</translation>
    </message>
    <message>
        <source>Show only events whose node, kind, sentence or request id contain this text</source>
        <translation>N’afficher que les événements dont le nœud, le type, la phrase ou l’identifiant de requête contient ce texte</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Tous les événements</translation>
    </message>
    <message>
        <source>Show only events of one kind</source>
        <translation>N’afficher que les événements d’un type</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>Keep the newest event in view</source>
        <translation>Garder le dernier événement visible</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 sur %2 événements</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 événement</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 événements</translation>
    </message>
    <message>
        <source>Trace request %1</source>
        <translation>Tracer la requête %1</translation>
    </message>
    <message>
        <source>Select %1 on the map</source>
        <translation>Sélectionner %1 sur la carte</translation>
    </message>
    <message>
        <source>Show only %1</source>
        <translation>N’afficher que %1</translation>
    </message>
    <message>
        <source>Show only “%1” events</source>
        <translation>N’afficher que les événements « %1 »</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copier la ligne</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::EventSummary</name>
    <message>
        <source>%1 unreachable</source>
        <translation>%1 injoignable</translation>
    </message>
    <message>
        <source>%1 via %2 (cost %3)</source>
        <translation>%1 via %2 (coût %3)</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> et %1 de plus</translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation>étape %1 : %2</translation>
    </message>
    <message>
        <source> (by hand)</source>
        <translation> (à la main)</translation>
    </message>
    <message>
        <source> — failed: %1</source>
        <translation> — échec : %1</translation>
    </message>
    <message>
        <source>ingress answered request %1 with status %2</source>
        <translation>l’entrée a répondu à la requête %1 avec le statut %2</translation>
    </message>
    <message>
        <source>%1 acknowledged message %2 after %3</source>
        <translation>%1 a acquitté le message %2 après %3</translation>
    </message>
    <message>
        <source>received %1</source>
        <translation>a reçu %1</translation>
    </message>
    <message>
        <source>received %1 via %2</source>
        <translation>a reçu %1 via %2</translation>
    </message>
    <message>
        <source>find for a %1: closest at store %2</source>
        <translation>recherche de %1 : le plus proche au magasin %2</translation>
    </message>
    <message>
        <source>find for a %1: none found</source>
        <translation>recherche de %1 : rien trouvé</translation>
    </message>
    <message>
        <source>, held</source>
        <translation>, réservé</translation>
    </message>
    <message>
        <source> (1 answer)</source>
        <translation> (1 réponse)</translation>
    </message>
    <message>
        <source> (%1 answers)</source>
        <translation> (%1 réponses)</translation>
    </message>
    <message>
        <source>process was killed</source>
        <translation>le processus a été tué</translation>
    </message>
    <message>
        <source>process exited with code %1</source>
        <translation>le processus s’est terminé avec le code %1</translation>
    </message>
    <message>
        <source>attached to router %1</source>
        <translation>rattaché au routeur %1</translation>
    </message>
    <message>
        <source>link to %1 is up (cost %2)</source>
        <translation>le lien vers %1 est actif (coût %2)</translation>
    </message>
    <message>
        <source>link to %1 is up (cost %2, %3)</source>
        <translation>le lien vers %1 est actif (coût %2, %3)</translation>
    </message>
    <message>
        <source>link to %1 went down: %2</source>
        <translation>le lien vers %1 est tombé : %2</translation>
    </message>
    <message>
        <source>%1 attached</source>
        <translation>%1 rattaché</translation>
    </message>
    <message>
        <source>%1 detached: %2</source>
        <translation>%1 détaché : %2</translation>
    </message>
    <message>
        <source>routes changed: %1</source>
        <translation>routes modifiées : %1</translation>
    </message>
    <message>
        <source>hop %1 of request %2 to %3</source>
        <translation>saut %1 de la requête %2 vers %3</translation>
    </message>
    <message>
        <source>answer %1 from %2 to request %3</source>
        <translation>réponse %1 de %2 à la requête %3</translation>
    </message>
    <message>
        <source>no consumer for %1</source>
        <translation>aucun consommateur pour %1</translation>
    </message>
    <message>
        <source>message for %1 expired, %2 late</source>
        <translation>message pour %1 expiré, %2 de retard</translation>
    </message>
    <message>
        <source>node failed: links closed</source>
        <translation>nœud en panne : liens fermés</translation>
    </message>
    <message>
        <source>node restored</source>
        <translation>nœud rétabli</translation>
    </message>
    <message>
        <source>drained its work and is exiting</source>
        <translation>a vidé son travail et s’arrête</translation>
    </message>
    <message>
        <source>starting %1 nodes</source>
        <translation>démarrage de %1 nœuds</translation>
    </message>
    <message>
        <source>all %1 nodes ready after %2</source>
        <translation>les %1 nœuds sont prêts après %2</translation>
    </message>
    <message>
        <source>run finished after %1</source>
        <translation>exécution terminée après %1</translation>
    </message>
    <message>
        <source>run failed: %1</source>
        <translation>l’exécution a échoué : %1</translation>
    </message>
    <message>
        <source>ready (pid %1, version %2)</source>
        <translation>prêt (PID %1, version %2)</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>n’a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>command %1 failed: %2</source>
        <translation>la commande %1 a échoué : %2</translation>
    </message>
    <message>
        <source>request %1 %2 answered %3 in %4</source>
        <translation>requête %1 %2 : réponse %3 en %4</translation>
    </message>
    <message>
        <source>request %1 failed: %2</source>
        <translation>la requête %1 a échoué : %2</translation>
    </message>
    <message>
        <source>held a %1 for %2</source>
        <translation>a réservé %1 pour %2</translation>
    </message>
    <message>
        <source>received %1 × %2 (tracking %3)</source>
        <translation>a reçu %1 × %2 (suivi %3)</translation>
    </message>
    <message>
        <source>%1 wants a %2: asking every store</source>
        <translation>%1 veut un(e) %2 : demande à chaque magasin</translation>
    </message>
    <message>
        <source>%1 wants a %2: asking nearby stores %3 first</source>
        <translation>%1 veut un(e) %2 : demande d’abord aux magasins proches %3</translation>
    </message>
    <message>
        <source>nearby store %1 has %2</source>
        <translation>le magasin proche %1 a %2</translation>
    </message>
    <message>
        <source>store %1 has %2</source>
        <translation>le magasin %1 a %2</translation>
    </message>
    <message>
        <source>ordered a %1 for %2 from the factories</source>
        <translation>a commandé %1 pour %2 aux usines</translation>
    </message>
    <message>
        <source>order placed, tracking %1</source>
        <translation>commande passée, suivi %1</translation>
    </message>
    <message>
        <source>order failed with status %1</source>
        <translation>la commande a échoué avec le statut %1</translation>
    </message>
    <message>
        <source>queued a %1 for store %2 (backlog %3)</source>
        <translation>a mis en file %1 pour le magasin %2 (arriéré %3)</translation>
    </message>
    <message>
        <source>started building %1</source>
        <translation>a commencé à fabriquer %1</translation>
    </message>
    <message>
        <source>built a %1 for store %2 in %3</source>
        <translation>a fabriqué %1 pour le magasin %2 en %3</translation>
    </message>
    <message>
        <source>handed %1 to a truck</source>
        <translation>a remis %1 à un camion</translation>
    </message>
    <message>
        <source>took job %1: factory %2 → store %3</source>
        <translation>a pris la tâche %1 : usine %2 → magasin %3</translation>
    </message>
    <message>
        <source>on the way with %1, arriving in %2</source>
        <translation>en route avec %1, arrivée dans %2</translation>
    </message>
    <message>
        <source>arrived at store %1 with a %2</source>
        <translation>arrivé au magasin %1 avec %2</translation>
    </message>
    <message>
        <source>finished a work item after %1 in the queue (%2 left)</source>
        <translation>a terminé un travail après %1 en file (%2 restants)</translation>
    </message>
    <message>
        <source>resumed a backlog of %1</source>
        <translation>a repris un arriéré de %1</translation>
    </message>
    <message>
        <source>sent all %1 messages to %2</source>
        <translation>a envoyé les %1 messages à %2</translation>
    </message>
    <message>
        <source>attached on %1:%2 (version %3)</source>
        <translation>rattaché sur %1:%2 (version %3)</translation>
    </message>
    <message>
        <source>lost its control connection (%1)</source>
        <translation>connexion de contrôle perdue (%1)</translation>
    </message>
    <message>
        <source>cannot attach on %1: %2</source>
        <translation>rattachement impossible sur %1 : %2</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::LanguageManager</name>
    <message>
        <source>System Language</source>
        <translation>Langue du système</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::LinksModel</name>
    <message>
        <source>Peer</source>
        <translation>Pair</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Added latency</source>
        <translation>Latence ajoutée</translation>
    </message>
    <message>
        <source>In /s</source>
        <translation>Reçu /s</translation>
    </message>
    <message>
        <source>Out /s</source>
        <translation>Envoyé /s</translation>
    </message>
    <message>
        <source>Frames in</source>
        <translation>Trames reçues</translation>
    </message>
    <message>
        <source>Frames out</source>
        <translation>Trames envoyées</translation>
    </message>
    <message>
        <source>What the peer is: interior or edge router, or an attached entity</source>
        <translation>Ce qu’est le pair : routeur intérieur ou de bordure, ou entité rattachée</translation>
    </message>
    <message>
        <source>The link&apos;s cost in shortest-path routing</source>
        <translation>Le coût du lien dans le routage par plus court chemin</translation>
    </message>
    <message>
        <source>The backbone provider the link belongs to</source>
        <translation>Le fournisseur de dorsale auquel appartient le lien</translation>
    </message>
    <message>
        <source>Delay added to everything sent on the link (set-link-latency)</source>
        <translation>Délai ajouté à tout ce qui est envoyé sur le lien (set-link-latency)</translation>
    </message>
    <message>
        <source>Frames received per second</source>
        <translation>Trames reçues par seconde</translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation>Trames envoyées par seconde</translation>
    </message>
    <message>
        <source>Frames received since the link came up</source>
        <translation>Trames reçues depuis que le lien est actif</translation>
    </message>
    <message>
        <source>Frames sent since the link came up</source>
        <translation>Trames envoyées depuis que le lien est actif</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::MainWindow</name>
    <message>
        <source>About Portolan</source>
        <translation>À propos de Portolan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Portolan %1&lt;/h3&gt;&lt;p&gt;Build, run, break and explain application-layer messaging networks: real node processes on a router mesh, watched and steered from here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Portolan %1&lt;/h3&gt;&lt;p&gt;Construire, exécuter, casser et expliquer des réseaux de messagerie applicatifs : de vrais processus de nœuds sur un maillage de routeurs, observés et pilotés d’ici.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n node(s)…</source>
        <translation>
            <numerusform>Démarrage de %n nœud…</numerusform>
            <numerusform>Démarrage de %n nœuds…</numerusform>
        </translation>
    </message>
    <message>
        <source>Every node is up; the network has converged.</source>
        <translation>Tous les nœuds sont actifs ; le réseau a convergé.</translation>
    </message>
    <message>
        <source>The run has ended; its record is in %1</source>
        <translation>L’exécution est terminée ; son enregistrement est dans %1</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>L’exécution a échoué</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Impossible d’ouvrir le scénario</translation>
    </message>
    <message>
        <source>Open Scenario</source>
        <translation>Ouvrir un scénario</translation>
    </message>
    <message>
        <source>Scenarios (*.yaml *.yml)</source>
        <translation>Scénarios (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>Explain routing</source>
        <translation>Expliquer le routage</translation>
    </message>
    <message>
        <source>Decide at router:</source>
        <translation>Décider au routeur :</translation>
    </message>
    <message>
        <source>Explain routing at %1</source>
        <translation>Expliquer le routage à %1</translation>
    </message>
    <message>
        <source>Address (and optionally “#key”):</source>
        <translation>Adresse (et éventuellement « #clé ») :</translation>
    </message>
    <message>
        <source>Explain at %1: %2</source>
        <translation>Explication à %1 : %2</translation>
    </message>
    <message>
        <source>Start the network before adding nodes to it.</source>
        <translation>Démarrez le réseau avant d’y ajouter des nœuds.</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Non effectué : %1</translation>
    </message>
    <message>
        <source>Cannot save the layout</source>
        <translation>Impossible d’enregistrer la disposition</translation>
    </message>
    <message>
        <source>Layout saved to %1</source>
        <translation>Disposition enregistrée dans %1</translation>
    </message>
    <message>
        <source>There is no run to report on yet.</source>
        <translation>Il n’y a pas encore d’exécution sur laquelle faire un rapport.</translation>
    </message>
    <message>
        <source>Export the run report into</source>
        <translation>Exporter le rapport d’exécution dans</translation>
    </message>
    <message>
        <source>Cannot export the report</source>
        <translation>Impossible d’exporter le rapport</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Rapport écrit dans %1</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Routing Decision</source>
        <translation>Décision de routage</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>Failure Stopwatch</source>
        <translation>Chronomètre de panne</translation>
    </message>
    <message>
        <source>%1 — Portolan</source>
        <translation>%1 — Portolan</translation>
    </message>
    <message>
        <source>%1 %2: %3, %4</source>
        <translation>%1 %2 : %3, %4</translation>
    </message>
    <message>
        <source>nobody noticed</source>
        <translation>personne ne l’a remarqué</translation>
    </message>
    <message>
        <source>noticed after %1 ms</source>
        <translation>remarqué après %1 ms</translation>
    </message>
    <message>
        <source>no traced traffic went around it</source>
        <translation>aucun trafic tracé ne l’a contourné</translation>
    </message>
    <message>
        <source>rerouted after %1 ms</source>
        <translation>redirigé après %1 ms</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Rattaché</translation>
    </message>
    <message>
        <source>Attached, with these gaps:
%1</source>
        <translation>Rattaché, avec ces lacunes :
%1</translation>
    </message>
    <message>
        <source>Cannot attach</source>
        <translation>Rattachement impossible</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::NodeInspector</name>
    <message>
        <source>Click a node on the map to inspect it.</source>
        <translation>Cliquez sur un nœud de la carte pour l’inspecter.</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Chart the selected row&apos;s value over time (or double-click the row)</source>
        <translation>Tracer la valeur de la ligne sélectionnée dans le temps (ou double-cliquer sur la ligne)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routes</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>up %1</source>
        <translation>actif depuis %1</translation>
    </message>
    <message>
        <source>no telemetry</source>
        <translation>aucune télémétrie</translation>
    </message>
    <message>
        <source>Chart %1 of %2</source>
        <translation>Graphique %1 de %2</translation>
    </message>
    <message>
        <source>Select a row with a number to chart it (or double-click the row)</source>
        <translation>Sélectionnez une ligne avec un nombre pour la tracer (ou double-cliquez sur la ligne)</translation>
    </message>
    <message>
        <source>Chart “%1”</source>
        <translation>Tracer « %1 »</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::NodeStatus</name>
    <message>
        <source>planned</source>
        <translation>prévu</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>en démarrage</translation>
    </message>
    <message>
        <source>up</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en panne</translation>
    </message>
    <message>
        <source>down</source>
        <translation>hors service</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>en vidage</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::OperatorMenus</name>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Inspecter</translation>
    </message>
    <message>
        <source>&amp;Fail</source>
        <translation>&amp;Mettre en panne</translation>
    </message>
    <message>
        <source>The node goes dark: its links close and it refuses new ones</source>
        <translation>Le nœud s’éteint : ses liens se ferment et il en refuse de nouveaux</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Kill (SIGKILL)</source>
        <translation>&amp;Tuer (SIGKILL)</translation>
    </message>
    <message>
        <source>Kill the process without warning; what it acknowledged survives on disk</source>
        <translation>Tuer le processus sans prévenir ; ce qu’il a acquitté survit sur le disque</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>Re&amp;démarrer</translation>
    </message>
    <message>
        <source>&amp;Upgrade…</source>
        <translation>&amp;Mettre à niveau…</translation>
    </message>
    <message>
        <source>Upgrade %1</source>
        <translation>Mettre à niveau %1</translation>
    </message>
    <message>
        <source>Drain %1, then restart it as version:</source>
        <translation>Vider %1, puis le redémarrer en version :</translation>
    </message>
    <message>
        <source>Rolling upgrade: the node finishes its work, exits, and comes back on the new version</source>
        <translation>Mise à niveau progressive : le nœud termine son travail, s’arrête et revient dans la nouvelle version</translation>
    </message>
    <message>
        <source>E&amp;xplain Routing From Here…</source>
        <translation>E&amp;xpliquer le routage depuis ici…</translation>
    </message>
    <message>
        <source>Send Request &amp;From Here…</source>
        <translation>Envoyer une requête &amp;depuis ici…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Stop the process for good</source>
        <translation>Arrêter le processus pour de bon</translation>
    </message>
    <message>
        <source>Link %1 – %2</source>
        <translation>Lien %1 – %2</translation>
    </message>
    <message>
        <source>&amp;Cut</source>
        <translation>&amp;Couper</translation>
    </message>
    <message>
        <source>Close the connection: both ends notice at once</source>
        <translation>Fermer la connexion : les deux extrémités le remarquent aussitôt</translation>
    </message>
    <message>
        <source>Cut &amp;Silently</source>
        <translation>Couper &amp;silencieusement</translation>
    </message>
    <message>
        <source>Stop all traffic but keep the socket: the far end must notice missed hellos</source>
        <translation>Arrêter tout trafic en gardant le socket : l’autre extrémité doit remarquer les hellos manquants</translation>
    </message>
    <message>
        <source>Set C&amp;ost…</source>
        <translation>Définir le c&amp;oût…</translation>
    </message>
    <message>
        <source>Link cost</source>
        <translation>Coût du lien</translation>
    </message>
    <message>
        <source>Cost of %1 – %2:</source>
        <translation>Coût de %1 – %2 :</translation>
    </message>
    <message>
        <source>Add &amp;Latency…</source>
        <translation>Ajouter de la &amp;latence…</translation>
    </message>
    <message>
        <source>Link latency</source>
        <translation>Latence du lien</translation>
    </message>
    <message>
        <source>Delay everything on %1 – %2 by (ms):</source>
        <translation>Retarder tout sur %1 – %2 de (ms) :</translation>
    </message>
    <message>
        <source>Provider %1</source>
        <translation>Fournisseur %1</translation>
    </message>
    <message>
        <source>Take &amp;Down</source>
        <translation>&amp;Mettre hors service</translation>
    </message>
    <message>
        <source>Bring &amp;Up</source>
        <translation>&amp;Remettre en service</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 runs on %2: start, stop and upgrade it there (systemctl)</source>
        <translation>%1 tourne sur %2 : démarrez-le, arrêtez-le et mettez-le à jour là-bas (systemctl)</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::OverviewModel</name>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>no telemetry yet</source>
        <translation>pas encore de télémétrie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Temps de fonctionnement</translation>
    </message>
    <message>
        <source>Attached to</source>
        <translation>Rattaché à</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>détaché</translation>
    </message>
    <message>
        <source>%1 of %2 up</source>
        <translation>%1 sur %2 actifs</translation>
    </message>
    <message>
        <source>Router links</source>
        <translation>Liens de routeur</translation>
    </message>
    <message>
        <source>Attached entities</source>
        <translation>Entités rattachées</translation>
    </message>
    <message>
        <source>HTTP ingress</source>
        <translation>Entrée HTTP</translation>
    </message>
    <message>
        <source>Queue depth (all addresses)</source>
        <translation>Profondeur de file (toutes adresses)</translation>
    </message>
    <message>
        <source>Messages queued or in flight, summed over the node&apos;s addresses</source>
        <translation>Messages en file ou en transit, sommés sur les adresses du nœud</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::Page</name>
    <message>
        <source>Portolan run report</source>
        <translation>Rapport d’exécution Portolan</translation>
    </message>
    <message>
        <source>NOT JUDGED</source>
        <translation>NON ÉVALUÉ</translation>
    </message>
    <message>
        <source>This run was not checked against the scenario&apos;s expectations.</source>
        <translation>Cette exécution n’a pas été vérifiée par rapport aux attentes du scénario.</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>RÉUSSIE</translation>
    </message>
    <message>
        <source>%1 of %2 expectations held</source>
        <translation>%1 attentes sur %2 tenues</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHOUÉ</translation>
    </message>
    <message>
        <source>%1 of %2 expectations held, %3 failed</source>
        <translation>%1 attentes sur %2 tenues, %3 en échec</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Expectations</source>
        <translation>Attentes</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Failure stopwatch</source>
        <translation>Chronomètre de panne</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Scenario file</source>
        <translation>Fichier de scénario</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Ready after</source>
        <translation>Prêt après</translation>
    </message>
    <message numerus="yes">
        <source>%n fired</source>
        <translation>
            <numerusform>%n déclenchée</numerusform>
            <numerusform>%n déclenchées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n planned</source>
        <translation>
            <numerusform>%n prévue</numerusform>
            <numerusform>%n prévues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n by the operator</source>
        <translation>
            <numerusform>%n par l’opérateur</numerusform>
            <numerusform>%n par l’opérateur</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline steps</source>
        <translation>Étapes de la chronologie</translation>
    </message>
    <message>
        <source>%1 sent, %2 answered</source>
        <translation>%1 envoyées, %2 répondues</translation>
    </message>
    <message>
        <source>Metric samples</source>
        <translation>Échantillons de métriques</translation>
    </message>
    <message>
        <source>%1 in %2 series</source>
        <translation>%1 dans %2 séries</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Paramètres :</translation>
    </message>
    <message>
        <source>The scenario declares no expectations.</source>
        <translation>Le scénario ne déclare aucune attente.</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>No timeline step fired during this run.</source>
        <translation>Aucune étape de la chronologie n’a été déclenchée pendant cette exécution.</translation>
    </message>
    <message>
        <source>Steps in the order they fired; the operator&apos;s own actions are marked ǋy hand”. The charts below mark each step with its number.</source>
        <translation>Étapes dans l’ordre où elles se sont déclenchées ; les actions de l’opérateur sont marquées « à la main ». Les graphiques ci-dessous marquent chaque étape de son numéro.</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>Déclenchée</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>à la main</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>chronologie</translation>
    </message>
    <message>
        <source>NOT REACHED</source>
        <translation>NON ATTEINT</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Nothing was broken during this run, so no failure was timed.</source>
        <translation>Rien n’a été cassé pendant cette exécution : aucune panne n’a été chronométrée.</translation>
    </message>
    <message>
        <source>From the moment something was broken: how long until the first node noticed, and until traffic flowed again on a path around it.</source>
        <translation>Depuis le moment où quelque chose a été cassé : combien de temps avant que le premier nœud le remarque, et avant que le trafic reprenne sur un chemin qui le contourne.</translation>
    </message>
    <message>
        <source>What broke</source>
        <translation>Ce qui a cassé</translation>
    </message>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Detected after</source>
        <translation>Détecté après</translation>
    </message>
    <message>
        <source>Recovered after</source>
        <translation>Rétabli après</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>En transit</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Renvoyés</translation>
    </message>
    <message>
        <source>not recovered</source>
        <translation>non rétabli</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>encore ouvert</translation>
    </message>
    <message>
        <source>Topology at the end of the run</source>
        <translation>Topologie à la fin de l’exécution</translation>
    </message>
    <message>
        <source>No picture of the topology was captured for this run.</source>
        <translation>Aucune image de la topologie n’a été capturée pour cette exécution.</translation>
    </message>
    <message>
        <source>The network topology as the run ended</source>
        <translation>La topologie du réseau à la fin de l’exécution</translation>
    </message>
    <message>
        <source>No metric samples were recorded, so there is nothing to chart.</source>
        <translation>Aucun échantillon de métrique n’a été enregistré : il n’y a rien à tracer.</translation>
    </message>
    <message>
        <source>Charts were not drawn: they need the application&apos;s graphics (a QApplication). The time series are in the metric files.</source>
        <translation>Les graphiques n’ont pas été dessinés : ils ont besoin des graphismes de l’application (une QApplication). Les séries temporelles sont dans les fichiers de métriques.</translation>
    </message>
    <message>
        <source>Queue depth: nothing was queued at any node during the run.</source>
        <translation>Profondeur de file : rien n’a été mis en file sur aucun nœud pendant l’exécution.</translation>
    </message>
    <message>
        <source>Queue depth over time</source>
        <translation>Profondeur de file dans le temps</translation>
    </message>
    <message>
        <source>Messages queued over all nodes, and at the %1 nodes with the deepest queues (of %2 that queued anything).</source>
        <translation>Messages en file sur l’ensemble des nœuds, et sur les %1 nœuds aux files les plus profondes (sur %2 qui ont mis quelque chose en file).</translation>
    </message>
    <message>
        <source>Messages queued over all nodes, and at each node that queued anything.</source>
        <translation>Messages en file sur l’ensemble des nœuds, et sur chaque nœud qui a mis quelque chose en file.</translation>
    </message>
    <message>
        <source>Routers count messages in flight, entities their outstanding work.</source>
        <translation>Les routeurs comptent les messages en transit, les entités leur travail en attente.</translation>
    </message>
    <message>
        <source>Message rates over time</source>
        <translation>Débits de messages dans le temps</translation>
    </message>
    <message>
        <source>Messages delivered to consumers, acknowledged back to their senders and resent over a new path, per second, summed over the routers and entities.</source>
        <translation>Messages livrés aux consommateurs, acquittés à leurs expéditeurs et renvoyés par un nouveau chemin, par seconde, sommés sur les routeurs et les entités.</translation>
    </message>
    <message>
        <source>The timeline sent no requests.</source>
        <translation>La chronologie n’a envoyé aucune requête.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>Routeur</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n octet</numerusform>
            <numerusform>%n octets</numerusform>
        </translation>
    </message>
    <message>
        <source>No events were recorded.</source>
        <translation>Aucun événement n’a été enregistré.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>No metric samples were recorded.</source>
        <translation>Aucun échantillon de métrique n’a été enregistré.</translation>
    </message>
    <message>
        <source>Every metric each node reported, sampled during the run: its last value, lowest, highest and mean.</source>
        <translation>Chaque métrique signalée par chaque nœud, échantillonnée pendant l’exécution : dernière valeur, minimum, maximum et moyenne.</translation>
    </message>
    <message numerus="yes">
        <source>%n series that stayed at zero throughout are left out.</source>
        <translation>
            <numerusform>%n série restée à zéro tout du long est omise.</numerusform>
            <numerusform>%n séries restées à zéro tout du long sont omises.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every sample is in timeseries.csv and timeseries.json next to this report.</source>
        <translation>Chaque échantillon se trouve dans timeseries.csv et timeseries.json à côté de ce rapport.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Dernier</translation>
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
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Échantillons</translation>
    </message>
    <message>
        <source>Generated by Portolan %1 on %2.</source>
        <translation>Généré par Portolan %1 le %2.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PaletteModel</name>
    <message>
        <source>Drag onto the map to start a %1</source>
        <translation>Faites glisser sur la carte pour démarrer %1</translation>
    </message>
    <message>
        <source>%1
Drag onto the map to start one.</source>
        <translation>%1
Faites-le glisser sur la carte pour en démarrer un.</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PalettePanel</name>
    <message>
        <source>Drag onto the map to start a node. Drop it on a router to attach it there.</source>
        <translation>Faites glisser sur la carte pour démarrer un nœud. Déposez-le sur un routeur pour l’y rattacher.</translation>
    </message>
    <message>
        <source>Interior router</source>
        <translation>Routeur intérieur</translation>
    </message>
    <message>
        <source>Backbone: link state, shortest paths</source>
        <translation>Dorsale : état des liens, plus courts chemins</translation>
    </message>
    <message>
        <source>Edge router</source>
        <translation>Routeur de bordure</translation>
    </message>
    <message>
        <source>Attaches entities; uplinks to the backbone</source>
        <translation>Rattache des entités ; liaisons montantes vers la dorsale</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Its own inventory: answers, holds, orders</source>
        <translation>Son propre inventaire : répond, réserve, commande</translation>
    </message>
    <message>
        <source>Factory</source>
        <translation>Usine</translation>
    </message>
    <message>
        <source>Builds orders, hands them to trucks</source>
        <translation>Fabrique les commandes, les remet aux camions</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>Camion</translation>
    </message>
    <message>
        <source>Delivers to stores, reports its position</source>
        <translation>Livre les magasins, signale sa position</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>A worker: service time, durable backlog</source>
        <translation>Un travailleur : temps de service, arriéré durable</translation>
    </message>
    <message>
        <source>Traffic generator</source>
        <translation>Générateur de trafic</translation>
    </message>
    <message>
        <source>Sends messages to an address at a rate</source>
        <translation>Envoie des messages à une adresse à un débit donné</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PresentationModel</name>
    <message>
        <source>No timeline</source>
        <translation>Pas de chronologie</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) ahead</source>
        <translation>
            <numerusform>%n étape à venir</numerusform>
            <numerusform>%n étapes à venir</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Étape %1 sur %2</translation>
    </message>
    <message>
        <source>Starting the network…</source>
        <translation>Démarrage du réseau…</translation>
    </message>
    <message>
        <source>Running · %1:%2</source>
        <translation>En cours · %1:%2</translation>
    </message>
    <message>
        <source>The run has ended</source>
        <translation>L’exécution est terminée</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Pas démarré</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>en attente…</translation>
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
        <translation>Aucune panne pour l’instant</translation>
    </message>
    <message>
        <source>%1: noticed after %2, rerouted after %3</source>
        <translation>%1 : remarqué après %2, réacheminé après %3</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::PresentationWindow</name>
    <message>
        <source>Portolan — Presentation</source>
        <translation>Portolan — Présentation</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ProviderLegend</name>
    <message>
        <source>cost %1</source>
        <translation>coût %1</translation>
    </message>
    <message>
        <source>down</source>
        <translation>hors service</translation>
    </message>
    <message>
        <source>Right-click a provider to take it down or bring it back up</source>
        <translation>Clic droit sur un fournisseur pour le mettre hors service ou le remettre en service</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Fournisseurs</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportChartRenderer</name>
    <message>
        <source>seconds since the run started</source>
        <translation>secondes depuis le début de l’exécution</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportFigures</name>
    <message>
        <source>Queue depth</source>
        <translation>Profondeur de file</translation>
    </message>
    <message>
        <source>messages queued</source>
        <translation>messages en file</translation>
    </message>
    <message>
        <source>Message rates</source>
        <translation>Débits de messages</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>messages par seconde</translation>
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
        <translation>rapport d’exécution</translation>
    </message>
    <message>
        <source>Portolan run</source>
        <translation>Exécution Portolan</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportPdfPrinter</name>
    <message>
        <source>the PDF report needs a GUI application object (QGuiApplication) for its fonts</source>
        <translation>le rapport PDF a besoin d’un objet application graphique (QGuiApplication) pour ses polices</translation>
    </message>
    <message>
        <source>cannot start the PDF</source>
        <translation>impossible de commencer le PDF</translation>
    </message>
    <message>
        <source>cannot add page %1 to the PDF</source>
        <translation>impossible d’ajouter la page %1 au PDF</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>page %1 sur %2</translation>
    </message>
    <message>
        <source>cannot finish the PDF</source>
        <translation>impossible de terminer le PDF</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::ReportSeries</name>
    <message>
        <source>all nodes</source>
        <translation>tous les nœuds</translation>
    </message>
    <message>
        <source>delivered / s</source>
        <translation>livrés / s</translation>
    </message>
    <message>
        <source>acknowledged / s</source>
        <translation>acquittés / s</translation>
    </message>
    <message>
        <source>resent / s</source>
        <translation>renvoyés / s</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RoleDataModel</name>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RoutesModel</name>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Next hop</source>
        <translation>Saut suivant</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>A router this router can reach</source>
        <translation>Un routeur que ce routeur peut joindre</translation>
    </message>
    <message>
        <source>The neighbour it sends through</source>
        <translation>Le voisin par lequel il envoie</translation>
    </message>
    <message>
        <source>Total link cost of the shortest path</source>
        <translation>Coût total des liens du plus court chemin</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RunReportWriter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>cannot create the report directory %1</source>
        <translation>impossible de créer le dossier du rapport %1</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::RunStatusBar</name>
    <message>
        <source>Node processes up, and failed or gone</source>
        <translation>Processus de nœuds actifs, et en panne ou disparus</translation>
    </message>
    <message>
        <source>Messages delivered to consumers per second, over the last second</source>
        <translation>Messages livrés aux consommateurs par seconde, sur la dernière seconde</translation>
    </message>
    <message>
        <source>Time since the run started</source>
        <translation>Temps écoulé depuis le début de l’exécution</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) planned</source>
        <translation>
            <numerusform>%n nœud prévu</numerusform>
            <numerusform>%n nœuds prévus</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 up · %2 down</source>
        <translation>%1 actifs · %2 hors service</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message>
        <source>Run %1:%2:%3</source>
        <translation>Exécution %1:%2:%3</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SendRequestDialog</name>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Show &amp;Trace</source>
        <translation>Afficher la &amp;trace</translation>
    </message>
    <message>
        <source>The address must start with “/”, for example /all-stores/inventory.</source>
        <translation>L’adresse doit commencer par « / », par exemple /all-stores/inventory.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Non envoyée : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s)</source>
        <translation>
            <numerusform>%n destination</numerusform>
            <numerusform>%n destinations</numerusform>
        </translation>
    </message>
    <message>
        <source>Request %1: %2</source>
        <translation>Requête %1 : %2</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SeriesCatalogModel</name>
    <message>
        <source>Series of the whole mesh (delivery latency)</source>
        <translation>Séries de tout le maillage (latence de livraison)</translation>
    </message>
    <message>
        <source>%1 chartable series</source>
        <translation>%1 séries traçables</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::SeriesNaming</name>
    <message>
        <source>Queue depth (all addresses)</source>
        <translation>Profondeur de file (toutes adresses)</translation>
    </message>
    <message>
        <source>Delivery latency p50 (ms)</source>
        <translation>Latence de livraison p50 (ms)</translation>
    </message>
    <message>
        <source>Delivery latency p99 (ms)</source>
        <translation>Latence de livraison p99 (ms)</translation>
    </message>
    <message>
        <source>Queue %1</source>
        <translation>File %1</translation>
    </message>
    <message>
        <source>Link to %1 (frames/s)</source>
        <translation>Lien vers %1 (trames/s)</translation>
    </message>
    <message>
        <source>%1 (count)</source>
        <translation>%1 (nombre)</translation>
    </message>
    <message>
        <source>queue depth</source>
        <translation>profondeur de file</translation>
    </message>
    <message>
        <source>latency p50</source>
        <translation>latence p50</translation>
    </message>
    <message>
        <source>latency p99</source>
        <translation>latence p99</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <source>link %1 rate</source>
        <translation>débit du lien %1</translation>
    </message>
    <message>
        <source>Mesh</source>
        <translation>Maillage</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::StepSummary</name>
    <message>
        <source>%1 %2 via %3</source>
        <translation>%1 %2 via %3</translation>
    </message>
    <message>
        <source>cut link %1 silently</source>
        <translation>couper le lien %1 silencieusement</translation>
    </message>
    <message>
        <source>cut link %1</source>
        <translation>couper le lien %1</translation>
    </message>
    <message>
        <source>restore link %1</source>
        <translation>rétablir le lien %1</translation>
    </message>
    <message>
        <source>link %1 costs %2</source>
        <translation>le lien %1 coûte %2</translation>
    </message>
    <message>
        <source>link %1 delayed %2 ms</source>
        <translation>lien %1 retardé de %2 ms</translation>
    </message>
    <message>
        <source>fail %1</source>
        <translation>mettre %1 en panne</translation>
    </message>
    <message>
        <source>restore %1</source>
        <translation>rétablir %1</translation>
    </message>
    <message>
        <source>kill %1</source>
        <translation>tuer %1</translation>
    </message>
    <message>
        <source>restart %1</source>
        <translation>redémarrer %1</translation>
    </message>
    <message>
        <source>upgrade %1 to %2</source>
        <translation>mettre %1 à niveau vers %2</translation>
    </message>
    <message>
        <source>provider %1 down</source>
        <translation>fournisseur %1 hors service</translation>
    </message>
    <message>
        <source>provider %1 up</source>
        <translation>fournisseur %1 en service</translation>
    </message>
    <message>
        <source>add %1 (%2)</source>
        <translation>ajouter %1 (%2)</translation>
    </message>
    <message>
        <source>remove %1</source>
        <translation>supprimer %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>légende</translation>
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
        <translation>De la panne à la première livraison tracée qui l’a contournée</translation>
    </message>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Detected after</source>
        <translation>Détecté après</translation>
    </message>
    <message>
        <source>Rerouted after</source>
        <translation>Réacheminé après</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>En transit</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Resent</source>
        <translation>Renvoyés</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TimelineModel</name>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>When the step is planned, in run time</source>
        <translation>Quand l’étape est prévue, en temps d’exécution</translation>
    </message>
    <message>
        <source>Whether it has fired, and how</source>
        <translation>Si elle s’est déclenchée, et comment</translation>
    </message>
    <message>
        <source>What the step does</source>
        <translation>Ce que fait l’étape</translation>
    </message>
    <message>
        <source>What the audience is told</source>
        <translation>Ce qui est dit au public</translation>
    </message>
    <message>
        <source>Planned at %1</source>
        <translation>Prévue à %1</translation>
    </message>
    <message>
        <source>%1 (step “%2”)</source>
        <translation>%1 (étape « %2 »)</translation>
    </message>
    <message>
        <source>Fired at %1</source>
        <translation>Déclenchée à %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>Not fired yet</source>
        <translation>Pas encore déclenchée</translation>
    </message>
    <message>
        <source>fired ✓</source>
        <translation>déclenchée ✓</translation>
    </message>
    <message>
        <source>failed ✗</source>
        <translation>échouée ✗</translation>
    </message>
    <message>
        <source>by hand ✓</source>
        <translation>à la main ✓</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play the timeline: steps fire at their times</source>
        <translation>Lire la chronologie : les étapes se déclenchent à leur heure</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Fire the next pending step now</source>
        <translation>Déclencher maintenant la prochaine étape en attente</translation>
    </message>
    <message>
        <source>Fire selected</source>
        <translation>Déclencher la sélection</translation>
    </message>
    <message>
        <source>Fire the selected step now, by hand (or double-click it)</source>
        <translation>Déclencher maintenant l’étape sélectionnée, à la main (ou double-cliquer dessus)</translation>
    </message>
    <message>
        <source>Run time / the scenario&apos;s length</source>
        <translation>Temps d’exécution / durée du scénario</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the timeline: no step fires until you play or step</source>
        <translation>Mettre la chronologie en pause : aucune étape ne se déclenche tant que vous ne lancez pas la lecture ou un pas</translation>
    </message>
    <message>
        <source>This scenario has no timeline.</source>
        <translation>Ce scénario n’a pas de chronologie.</translation>
    </message>
    <message>
        <source>Every step has fired.</source>
        <translation>Toutes les étapes se sont déclenchées.</translation>
    </message>
    <message>
        <source>Next, in %1: %2</source>
        <translation>Ensuite, dans %1 : %2</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Ensuite : %1</translation>
    </message>
    <message>
        <source>Fire “%1” now</source>
        <translation>Déclencher « %1 » maintenant</translation>
    </message>
</context>
<context>
    <name>Portolan::Console::TraceModel</name>
    <message>
        <source>Hop</source>
        <translation>Saut</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>+Step</source>
        <translation>+Étape</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>How many routers the message had crossed</source>
        <translation>Combien de routeurs le message avait traversés</translation>
    </message>
    <message>
        <source>Where it was</source>
        <translation>Où il était</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Durée d’exécution</translation>
    </message>
    <message>
        <source>Time since the previous row (node clocks for consecutive hops)</source>
        <translation>Temps depuis la ligne précédente (horloges des nœuds pour les sauts consécutifs)</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>transmis</translation>
    </message>
    <message>
        <source>answered over HTTP</source>
        <translation>répondu via HTTP</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>statut %1</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acquitté</translation>
    </message>
    <message>
        <source>by %1 after %2</source>
        <translation>par %1 après %2</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>livré</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>réponse</translation>
    </message>
    <message>
        <source>status %1 from %2</source>
        <translation>statut %1 de %2</translation>
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
        <translation>Double-cliquez sur une requête dans le journal des événements, ou envoyez-en une avec le traçage activé, pour la suivre saut par saut.</translation>
    </message>
    <message>
        <source>Request &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Requête &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No hops recorded for this request (was tracing on?).</source>
        <translation>Aucun saut enregistré pour cette requête (le traçage était-il activé ?).</translation>
    </message>
    <message>
        <source>1 router hop</source>
        <translation>1 saut de routeur</translation>
    </message>
    <message>
        <source>%1 router hops</source>
        <translation>%1 sauts de routeur</translation>
    </message>
    <message>
        <source> · %1 from first to last event</source>
        <translation> · %1 du premier au dernier événement</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Waiting for the first step</source>
        <translation>En attente de la première étape</translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation>Messages par seconde</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrés</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Nodes down</source>
        <translation>Nœuds hors service</translation>
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
        <translation>non vu</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>en attente…</translation>
    </message>
</context>
<context>
    <name>SendRequestDialog</name>
    <message>
        <source>Send Request</source>
        <translation>Envoyer une requête</translation>
    </message>
    <message>
        <source>&amp;Enter at router:</source>
        <translation>&amp;Entrée au routeur :</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Méthode :</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>/all-stores/inventory?item=cutlass</source>
        <translation>/all-stores/inventory?item=cutlass</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Clé :</translation>
    </message>
    <message>
        <source>for keyed addresses only</source>
        <translation>uniquement pour les adresses à clé</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Corps :</translation>
    </message>
    <message>
        <source>{&quot;item&quot;: &quot;cutlass&quot;}</source>
        <translation>{&quot;item&quot;: &quot;cutlass&quot;}</translation>
    </message>
    <message>
        <source>&amp;Trace the request on the canvas</source>
        <translation>&amp;Tracer la requête sur le canevas</translation>
    </message>
</context>
<context>
    <name>StopwatchTile</name>
    <message>
        <source>Failure stopwatch</source>
        <translation>Chronomètre de panne</translation>
    </message>
    <message>
        <source>No failure yet</source>
        <translation>Aucune panne pour l’instant</translation>
    </message>
    <message>
        <source>noticed after</source>
        <translation>remarqué après</translation>
    </message>
    <message>
        <source>rerouted after</source>
        <translation>réacheminé après</translation>
    </message>
</context>
<context>
    <name>portolan</name>
    <message>
        <source>Portolan: build, run, break and explain messaging networks.
Without --headless or --validate the console opens SCENARIO (default: Pirate Pugs 1).</source>
        <translation>Portolan : construire, exécuter, casser et expliquer des réseaux de messagerie.
Sans --headless ni --validate, la console ouvre SCENARIO (par défaut : Pirate Pugs 1).</translation>
    </message>
    <message>
        <source>Run the scenario to its end without a window; exit 0 when every expectation held.</source>
        <translation>Exécuter le scénario jusqu’au bout sans fenêtre ; code de sortie 0 si chaque attente a été tenue.</translation>
    </message>
    <message>
        <source>Check the scenario file only.</source>
        <translation>Vérifier uniquement le fichier de scénario.</translation>
    </message>
    <message>
        <source>Write the report (report.json, report.html, report.pdf, time series) into &lt;dir&gt; (default: the run directory).</source>
        <translation>Écrire le rapport (report.json, report.html, report.pdf, séries temporelles) dans &lt;dir&gt; (par défaut : le dossier d’exécution).</translation>
    </message>
    <message>
        <source>Override a scenario parameter: name=value (repeatable).</source>
        <translation>Remplacer un paramètre du scénario : nom=valeur (répétable).</translation>
    </message>
    <message>
        <source>Play the timeline &lt;factor&gt; times as fast.</source>
        <translation>Lire la chronologie &lt;factor&gt; fois plus vite.</translation>
    </message>
    <message>
        <source>Create run directories under &lt;dir&gt; (default: runs).</source>
        <translation>Créer les dossiers d’exécution sous &lt;dir&gt; (par défaut : runs).</translation>
    </message>
    <message>
        <source>Console: start the network at once.</source>
        <translation>Console : démarrer le réseau immédiatement.</translation>
    </message>
    <message>
        <source>Console: also open the presentation view, full screen on a second screen if there is one.</source>
        <translation>Console : ouvrir aussi la vue de présentation, en plein écran sur un second écran s’il y en a un.</translation>
    </message>
    <message>
        <source>The scenario file (YAML).</source>
        <translation>Le fichier de scénario (YAML).</translation>
    </message>
    <message>
        <source>portolan: --set %1: expected name=value</source>
        <translation>portolan : --set %1 : nom=valeur attendu</translation>
    </message>
    <message>
        <source>portolan: name at most one scenario file</source>
        <translation>portolan : indiquez au plus un fichier de scénario</translation>
    </message>
    <message>
        <source>portolan: no scenario named and the default one (pirate-pugs-1.yaml) is not installed</source>
        <translation>portolan : aucun scénario indiqué et celui par défaut (pirate-pugs-1.yaml) n’est pas installé</translation>
    </message>
    <message>
        <source>portolan: --speed %1: expected a positive number</source>
        <translation>portolan : --speed %1 : nombre positif attendu</translation>
    </message>
    <message>
        <source>portolan: cannot find portolan-node at %1</source>
        <translation>portolan : portolan-node introuvable à %1</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Impossible d’ouvrir le scénario</translation>
    </message>
    <message>
        <source>Attach to a node running on another host at its control URL ws://HOST:PORT/?token=TOKEN (repeatable): the network found is written as a scenario file (SCENARIO if named) and opened.</source>
        <translation>Se rattacher à un nœud tournant sur un autre hôte par son URL de contrôle ws://HÔTE:PORT/?token=JETON (répétable) : le réseau trouvé est écrit comme fichier de scénario (SCENARIO s’il est donné) puis ouvert.</translation>
    </message>
    <message>
        <source>portolan: --attach: %1</source>
        <translation>portolan : --attach : %1</translation>
    </message>
    <message>
        <source>portolan: the attached network is in %1</source>
        <translation>portolan : le réseau rattaché est dans %1</translation>
    </message>
</context>
</TS>
