#pragma once

#include "node/control/controlportlistener.h"
#include "wire/controlprotocol.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QWebSocketServer>

#include <deque>
#include <functional>
#include <map>

class QTimer;
class QWebSocket;

namespace Portolan::Node {

// The node's side of the control protocol (docs/protocol.md): a WebSocket server that
// admits consoles holding the run's token, streams telemetry deltas at the rate each
// console asks for, batches events once per event-loop turn and hands commands to the
// node. It owns no node state: the node supplies snapshots and command handling.
//
// Slow consoles are kept from growing the node's memory: a client with more than
// TelemetryBacklogBytes unsent skips telemetry ticks (the changes coalesce into its next
// delta), and one with more than EventBacklogBytes unsent has its event batches dropped
// and counted ("eventsDropped" in its next batch).
//
// The same port answers plain HTTP GET /metrics with the telemetry in the Prometheus
// text format (TelemetryMetrics). Like the telemetry it is read-only, and it is served
// without the token, as Prometheus scrapes; the port listens where the node was told to
// (loopback by default), which is what keeps it private.
class ControlServer : public QObject
{
    Q_OBJECT

public:
    // Returns the command's result object, or sets *error (then the reply is ok:false).
    // A handler must answer commands it does not know with Wire::unknownCommandError().
    using CommandHandler = std::function<QJsonObject(const QString &command, const QJsonObject &args, QString *error)>;
    // Full telemetry, called at most once per timer tick (and for a new subscriber when
    // no snapshot younger than 1/MaxTelemetryRateHz exists).
    using SnapshotProvider = std::function<QJsonObject()>;

    static constexpr qint64 TelemetryBacklogBytes = 256 * 1024;
    static constexpr qint64 EventBacklogBytes = 4 * 1024 * 1024;
    // Events queued within one event-loop turn; beyond it the oldest are dropped.
    static constexpr qsizetype MaxQueuedEvents = 10000;
    // Events published before any client ever subscribed to events (a node's start-up,
    // or a restarted node's first moments, before its supervisor has reconnected) are
    // kept, up to this many, for the first subscriber; the rest are counted as dropped.
    static constexpr qsizetype EarlyEventLimit = 1000;
    // Larger messages from a console close its connection (close code 1009).
    static constexpr quint64 MaxIncomingMessageBytes = 1024 * 1024;

    ControlServer(const QString &nodeId, const QByteArray &token, QObject *parent = nullptr);
    ~ControlServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error); // port 0 = any
    quint16 port() const;
    // The body of GET /metrics: the latest snapshot (see recentSnapshot) and process figures.
    QByteArray metrics();
    void setWelcome(const QJsonObject &info); // role, kind, software version: sent in the welcome message
    void setCommandHandler(CommandHandler handler);
    void setSnapshotProvider(SnapshotProvider provider);
    void publishEvent(const QString &kind, const QJsonObject &fields); // adds "kind", "node", "ts" (ms since epoch)
    bool hasEventSubscribers() const;   // a client subscribed to events is connected
    // Whether an event published now would reach anyone: a subscriber, or the first one
    // still to come (see EarlyEventLimit).
    bool wantsEvents() const;
    int clientCount() const;
    void close();

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();

private:
    struct Client
    {
        bool telemetry = false;
        bool events = false;
        int rateHz = 0;
        bool needsFull = false;       // the next telemetry message must be a full snapshot
        quint64 seq = 0;              // telemetry messages sent on this connection
        QJsonObject lastSent;         // the state the client holds: base of its next delta
        QElapsedTimer lastSentAt;     // when its last telemetry message went out
        qint64 eventsDropped = 0;     // lost since its last batch, reported in the next one
    };

    void acceptPendingConnections();
    bool isAuthorized(const QWebSocket *socket) const;
    void handleText(QWebSocket *socket, const QString &text);
    void handleBinary(QWebSocket *socket);
    void subscribe(QWebSocket *socket, const Wire::ClientMessage &message);
    void unsubscribe(QWebSocket *socket);
    void runCommand(QWebSocket *socket, const Wire::ClientMessage &message);
    void removeClient(QWebSocket *socket);
    void updateTelemetryTimers();
    void telemetryTick(int rateHz);
    QJsonObject takeSnapshot();
    QJsonObject recentSnapshot();
    void sendTelemetry(QWebSocket *socket, const QJsonObject &snapshot);
    void flushEvents();
    void send(QWebSocket *socket, const QByteArray &message);
    ControlPortListener::PlainResponse answerPlainHttp(const ControlPortListener::PlainRequest &request);

    const QString m_nodeId;
    const QByteArray m_tokenDigest; // SHA-256 of the token: compared in constant time
    const bool m_tokenEmpty;
    QWebSocketServer m_server;     // never listens itself: m_listener hands it the upgrades
    ControlPortListener m_listener; // after m_server: goes first
    QJsonObject m_welcome;
    CommandHandler m_commandHandler;
    SnapshotProvider m_snapshotProvider;

    QHash<QWebSocket *, Client> m_clients;
    std::map<int, QTimer *> m_telemetryTimers; // one per distinct rate in use, children of this

    QJsonObject m_latestSnapshot;
    QElapsedTimer m_latestSnapshotAge;

    std::deque<QJsonObject> m_eventQueue;
    qint64 m_eventsDroppedFromQueue = 0;
    bool m_flushScheduled = false;
    bool m_hadEventSubscriber = false;   // some client has subscribed to events
    qsizetype m_eventSubscribers = 0;    // clients subscribed to events now
};

} // namespace Portolan::Node
