#include "node/control/controlserver.h"

#include "node/control/processmemory.h"
#include "node/control/prometheusexposition.h"
#include "node/control/telemetrymetrics.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <set>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

Q_LOGGING_CATEGORY(lcControl, "portolan.node.control")

// A refused client gets this long to read the close frame before the socket is aborted.
constexpr int RefusedCloseGraceMs = 2000;

QByteArray tokenDigest(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

// Compares two digests of equal length without an early exit, so the time taken does
// not tell an attacker how many leading bytes of a guess were right.
bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

QString describePeer(const QWebSocket *socket)
{
    return socket->peerAddress().toString() + u':' + QString::number(socket->peerPort());
}

} // namespace

ControlServer::ControlServer(const QString &nodeId, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_nodeId(nodeId)
    , m_tokenDigest(tokenDigest(token))
    , m_tokenEmpty(token.isEmpty())
    , m_server(u"portolan-node "_s + nodeId, QWebSocketServer::NonSecureMode)
    , m_listener(&m_server)
{
    m_listener.setPlainHandler([this](const ControlPortListener::PlainRequest &request) {
        return answerPlainHttp(request);
    });
    connect(&m_server, &QWebSocketServer::newConnection, this, &ControlServer::acceptPendingConnections);
    connect(&m_server, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode code) {
        qCWarning(lcControl).noquote() << "control handshake failed with close code" << int(code) << ':'
                                       << m_server.errorString();
    });
}

ControlServer::~ControlServer()
{
    // The sockets are our children. Delete them while this object is still whole, so
    // that signals they send while going down never reach a half-destroyed server.
    const auto sockets = findChildren<QWebSocket *>(Qt::FindDirectChildrenOnly);
    for (QWebSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        delete socket;
    }
    m_server.close();
}

bool ControlServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_listener.isListening()) {
        if (error)
            *error = u"the control server is already listening on port %1"_s.arg(m_listener.port());
        return false;
    }
    QString reason;
    if (!m_listener.listen(address, port, &reason)) {
        if (error) {
            *error = u"cannot listen for control connections on %1:%2: %3"_s
                         .arg(address.toString())
                         .arg(port)
                         .arg(reason);
        }
        return false;
    }
    if (m_tokenEmpty)
        qCWarning(lcControl) << "no control token configured: every control connection will be refused";
    qCInfo(lcControl).noquote() << "control server of" << m_nodeId << "listening on"
                                << address.toString() + u':' + QString::number(m_listener.port());
    return true;
}

quint16 ControlServer::port() const
{
    return m_listener.port();
}

void ControlServer::setWelcome(const QJsonObject &info)
{
    m_welcome = info;
}

void ControlServer::setCommandHandler(CommandHandler handler)
{
    m_commandHandler = std::move(handler);
}

void ControlServer::setSnapshotProvider(SnapshotProvider provider)
{
    m_snapshotProvider = std::move(provider);
    // A snapshot from the previous provider must not seed a new subscriber.
    m_latestSnapshotAge.invalidate();
    m_latestSnapshot = QJsonObject();
}

int ControlServer::clientCount() const
{
    return int(m_clients.size());
}

void ControlServer::close()
{
    m_listener.close();
    m_server.close();
    for (auto &[rate, timer] : m_telemetryTimers) {
        timer->stop();
        timer->deleteLater();
    }
    m_telemetryTimers.clear();
    m_eventQueue.clear();
    m_eventsDroppedFromQueue = 0;
    m_latestSnapshotAge.invalidate();
    m_latestSnapshot = QJsonObject();

    // Forget the clients first: the close handshakes finish later, and removeClient()
    // then only deletes the sockets.
    const auto sockets = m_clients.keys();
    m_clients.clear();
    m_eventSubscribers = 0;
    for (QWebSocket *socket : sockets) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"control server closed"_s);
        QTimer::singleShot(RefusedCloseGraceMs, socket, &QWebSocket::abort);
        Q_EMIT clientDisconnected();
    }
}

// ---- connections ---------------------------------------------------------------------

void ControlServer::acceptPendingConnections()
{
    while (m_server.hasPendingConnections()) {
        QWebSocket *socket = m_server.nextPendingConnection();
        if (!socket)
            break;
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { removeClient(socket); });
        if (socket->state() != QAbstractSocket::ConnectedState) {
            // Gone before we got to it: its disconnected() may already have fired.
            socket->deleteLater();
            continue;
        }
        if (!isAuthorized(socket)) {
            qCWarning(lcControl).noquote() << "refused control connection from" << describePeer(socket)
                                           << "(missing or wrong token)";
            // 4001 lies in the private-use range 4000..4999 that QWebSocket accepts;
            // the enum simply does not name it.
            socket->close(static_cast<QWebSocketProtocol::CloseCode>(Wire::UnauthorizedCloseCode),
                          Wire::UnauthorizedCloseReason);
            QTimer::singleShot(RefusedCloseGraceMs, socket, &QWebSocket::abort);
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageBytes);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { handleText(socket, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, socket](const QByteArray &) { handleBinary(socket); });
        m_clients.insert(socket, Client{});
        qCInfo(lcControl).noquote() << "console connected from" << describePeer(socket);
        send(socket, Wire::welcomeMessage(m_nodeId, m_welcome));
        Q_EMIT clientConnected();
    }
}

bool ControlServer::isAuthorized(const QWebSocket *socket) const
{
    if (m_tokenEmpty)
        return false;
    const QUrlQuery query(socket->requestUrl());
    const QString presented = query.queryItemValue(QString(Wire::TokenQueryItem), QUrl::FullyDecoded);
    if (presented.isEmpty())
        return false;
    return equalInConstantTime(tokenDigest(presented.toUtf8()), m_tokenDigest);
}

void ControlServer::removeClient(QWebSocket *socket)
{
    socket->deleteLater();
    const auto it = m_clients.constFind(socket);
    if (it == m_clients.cend())
        return; // refused, or already forgotten by close()
    if (it->events)
        --m_eventSubscribers;
    m_clients.erase(it);
    updateTelemetryTimers();
    qCInfo(lcControl).noquote() << "console disconnected:" << describePeer(socket);
    Q_EMIT clientDisconnected();
}

void ControlServer::send(QWebSocket *socket, const QByteArray &message)
{
    socket->sendTextMessage(QString::fromUtf8(message));
}

// ---- console messages ----------------------------------------------------------------

void ControlServer::handleText(QWebSocket *socket, const QString &text)
{
    if (!m_clients.contains(socket))
        return;
    QString error;
    std::optional<qint64> commandId;
    const QByteArray utf8 = text.toUtf8();
    const std::optional<Wire::ClientMessage> message = Wire::parseClientMessage(utf8, &error, &commandId);
    if (!message) {
        qCWarning(lcControl).noquote() << "bad control message from" << describePeer(socket) << ':' << error;
        send(socket, Wire::errorMessage(error, commandId));
        return;
    }
    switch (message->type) {
    case Wire::ClientMessage::Type::Subscribe:
        subscribe(socket, *message);
        break;
    case Wire::ClientMessage::Type::Unsubscribe:
        unsubscribe(socket);
        break;
    case Wire::ClientMessage::Type::Command:
        runCommand(socket, *message);
        break;
    }
}

void ControlServer::handleBinary(QWebSocket *socket)
{
    if (!m_clients.contains(socket))
        return;
    qCWarning(lcControl).noquote() << "binary control message from" << describePeer(socket) << "ignored";
    send(socket, Wire::errorMessage(u"binary messages are not supported: send JSON text messages"_s));
}

void ControlServer::subscribe(QWebSocket *socket, const Wire::ClientMessage &message)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    if (it->events != message.events)
        m_eventSubscribers += message.events ? 1 : -1;
    it->events = message.events;
    if (!message.events)
        it->eventsDropped = 0;
    if (message.events && !std::exchange(m_hadEventSubscriber, true) && !m_eventQueue.empty()
        && !m_flushScheduled) {
        // What happened before anyone listened goes to this first subscriber.
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &ControlServer::flushEvents, Qt::QueuedConnection);
    }
    // Every subscription to telemetry starts over with a full snapshot, so a console may
    // re-subscribe (say, at another rate) to resynchronise.
    it->telemetry = message.telemetry;
    it->rateHz = message.telemetry ? message.rateHz : 0;
    it->needsFull = message.telemetry;
    it->lastSent = QJsonObject();
    it->lastSentAt.invalidate();
    updateTelemetryTimers();
    // Send the full snapshot now rather than at the next tick: at 1 Hz the console would
    // otherwise show nothing for up to a second.
    if (message.telemetry && socket->bytesToWrite() <= TelemetryBacklogBytes)
        sendTelemetry(socket, recentSnapshot());
}

void ControlServer::unsubscribe(QWebSocket *socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    // seq keeps counting on this connection: a later full is never mistaken for an old one.
    const quint64 seq = it->seq;
    *it = Client{};
    it->seq = seq;
    updateTelemetryTimers();
}

void ControlServer::runCommand(QWebSocket *socket, const Wire::ClientMessage &message)
{
    if (!m_commandHandler) {
        send(socket, Wire::resultErrorMessage(message.id, u"node %1 takes no commands"_s.arg(m_nodeId)));
        return;
    }
    qCInfo(lcControl).noquote() << "command" << message.command << "from" << describePeer(socket);
    const QPointer<QWebSocket> guard(socket);
    QString error;
    const QJsonObject result = m_commandHandler(message.command, message.args, &error);
    // The command may have closed this server or this client (shutdown, fail).
    if (!guard || !m_clients.contains(socket))
        return;
    if (!error.isEmpty()) {
        qCInfo(lcControl).noquote() << "command" << message.command << "failed:" << error;
        send(socket, Wire::resultErrorMessage(message.id, error));
        return;
    }
    send(socket, Wire::resultMessage(message.id, result));
}

// ---- telemetry -----------------------------------------------------------------------

void ControlServer::updateTelemetryTimers()
{
    std::set<int> rates;
    for (const Client &client : std::as_const(m_clients)) {
        if (client.telemetry)
            rates.insert(client.rateHz);
    }
    for (auto it = m_telemetryTimers.begin(); it != m_telemetryTimers.end();) {
        if (rates.count(it->first) == 0) {
            // deleteLater: we may be inside this very timer's timeout.
            it->second->stop();
            it->second->deleteLater();
            it = m_telemetryTimers.erase(it);
        } else {
            ++it;
        }
    }
    for (int rate : rates) {
        if (m_telemetryTimers.count(rate) != 0)
            continue;
        auto *timer = new QTimer(this);
        // Precise: a coarse timer may fire up to 5 % early, which would exceed the rate.
        timer->setTimerType(Qt::PreciseTimer);
        timer->setInterval(1000 / rate);
        connect(timer, &QTimer::timeout, this, [this, rate] { telemetryTick(rate); });
        timer->start();
        m_telemetryTimers.emplace(rate, timer);
    }
    if (rates.empty()) {
        m_latestSnapshotAge.invalidate();
        m_latestSnapshot = QJsonObject();
    }
}

QJsonObject ControlServer::takeSnapshot()
{
    m_latestSnapshot = m_snapshotProvider ? m_snapshotProvider() : QJsonObject();
    m_latestSnapshotAge.start();
    return m_latestSnapshot;
}

QJsonObject ControlServer::recentSnapshot()
{
    // Reuse a snapshot younger than the fastest tick: subscribing in a loop must not
    // make the node build snapshots faster than the fastest rate a client may ask for.
    if (m_latestSnapshotAge.isValid() && m_latestSnapshotAge.elapsed() < 1000 / Wire::MaxTelemetryRateHz)
        return m_latestSnapshot;
    return takeSnapshot();
}

void ControlServer::telemetryTick(int rateHz)
{
    const qint64 intervalMs = 1000 / rateHz;
    bool due = false;
    for (const Client &client : std::as_const(m_clients)) {
        if (client.telemetry && client.rateHz == rateHz) {
            due = true;
            break;
        }
    }
    if (!due)
        return;
    const QJsonObject snapshot = takeSnapshot();
    const auto sockets = m_clients.keys();
    for (QWebSocket *socket : sockets) {
        const auto it = m_clients.constFind(socket);
        if (it == m_clients.constEnd() || !it->telemetry || it->rateHz != rateHz)
            continue;
        // A client that got its full snapshot moments before this tick waits for the
        // next one, so it never sees two messages closer than half an interval.
        if (it->lastSentAt.isValid() && it->lastSentAt.elapsed() < intervalMs / 2)
            continue;
        // Still sending what it got before: skip; the changes coalesce into the next delta.
        if (socket->bytesToWrite() > TelemetryBacklogBytes)
            continue;
        sendTelemetry(socket, snapshot);
    }
}

void ControlServer::sendTelemetry(QWebSocket *socket, const QJsonObject &snapshot)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end() || !it->telemetry)
        return;
    QByteArray message;
    if (it->needsFull) {
        message = Wire::telemetryFullMessage(m_nodeId, ++it->seq, snapshot);
        it->needsFull = false;
    } else {
        const Wire::TelemetryDelta delta = Wire::diffTelemetry(it->lastSent, snapshot);
        if (delta.isEmpty())
            return;
        message = Wire::telemetryDeltaMessage(m_nodeId, ++it->seq, delta);
    }
    it->lastSent = snapshot;
    it->lastSentAt.start();
    send(socket, message);
}

// ---- metrics ------------------------------------------------------------------------

QByteArray ControlServer::metrics()
{
    // recentSnapshot(): a scraper polling in a loop costs no more snapshots than a
    // console subscribed at the fastest rate.
    return TelemetryMetrics::render(recentSnapshot(), ProcessFigures{residentMemoryBytes(), clientCount()});
}

ControlPortListener::PlainResponse ControlServer::answerPlainHttp(const ControlPortListener::PlainRequest &request)
{
    ControlPortListener::PlainResponse response;
    const qsizetype query = request.target.indexOf('?');
    const QByteArray path = query < 0 ? request.target : request.target.first(query);
    if (path != "/metrics") {
        response.status = 404;
        response.body = "not found: this control port serves GET /metrics and WebSocket control connections\n";
        return response;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        response.status = 405;
        response.body = "/metrics answers GET and HEAD only\n";
        response.headers.emplaceBack("Allow"_ba, "GET, HEAD"_ba);
        return response;
    }
    response.contentType = PrometheusExposition::ContentType;
    response.body = metrics();
    return response;
}

// ---- events --------------------------------------------------------------------------

bool ControlServer::hasEventSubscribers() const
{
    // Asked for every message a role handles: a count, not a walk over the clients' table
    // (iterating a QHash visits every bucket, ~2,000 instructions for a handful of clients).
    return m_eventSubscribers > 0;
}

bool ControlServer::wantsEvents() const
{
    return hasEventSubscribers() || (!m_hadEventSubscriber && qsizetype(m_eventQueue.size()) < EarlyEventLimit);
}

void ControlServer::publishEvent(const QString &kind, const QJsonObject &fields)
{
    const bool listened = hasEventSubscribers();
    if (!listened) {
        // Before the first subscriber: keep it for them, within a bound. After: nobody
        // would ever receive it, so do not queue it.
        if (m_hadEventSubscriber)
            return;
        if (qsizetype(m_eventQueue.size()) >= EarlyEventLimit) {
            ++m_eventsDroppedFromQueue;
            return;
        }
    }
    QJsonObject event = fields;
    event.insert("kind"_L1, kind);
    event.insert("node"_L1, m_nodeId);
    event.insert("ts"_L1, QDateTime::currentMSecsSinceEpoch());
    if (qsizetype(m_eventQueue.size()) >= MaxQueuedEvents) {
        m_eventQueue.pop_front();
        ++m_eventsDroppedFromQueue;
    }
    m_eventQueue.push_back(std::move(event));
    if (listened && !m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &ControlServer::flushEvents, Qt::QueuedConnection);
    }
}

void ControlServer::flushEvents()
{
    m_flushScheduled = false;
    if (m_eventQueue.empty())
        return;
    QJsonArray batch;
    for (QJsonObject &event : m_eventQueue)
        batch.append(std::move(event));
    m_eventQueue.clear();
    const qint64 droppedFromQueue = std::exchange(m_eventsDroppedFromQueue, 0);

    QByteArray common; // serialised once for every client that lost nothing
    const auto sockets = m_clients.keys();
    for (QWebSocket *socket : sockets) {
        const auto it = m_clients.find(socket);
        if (it == m_clients.end() || !it->events)
            continue;
        it->eventsDropped += droppedFromQueue;
        if (socket->bytesToWrite() > EventBacklogBytes) {
            // Events cannot be coalesced like telemetry: drop them, and say so later.
            it->eventsDropped += batch.size();
            continue;
        }
        QByteArray message;
        if (it->eventsDropped == 0) {
            if (common.isEmpty())
                common = Wire::eventsMessage(m_nodeId, batch);
            message = common;
        } else {
            message = Wire::eventsMessage(m_nodeId, batch, it->eventsDropped);
            it->eventsDropped = 0;
        }
        send(socket, message);
    }
}

} // namespace Portolan::Node
