#include "node/runtime/entityruntime.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcEntity, "portolan.node.entity")

namespace Portolan::Node {

namespace {
// Messages a disconnected entity keeps for resending; beyond this the oldest are
// reported as refused rather than growing without bound. Roles that send at high rates
// bound their own window well below it (the generator's "window" param): that is the
// back-pressure, this is the last resort.
constexpr qsizetype MaxUnsettled = 50000;
}

std::unique_ptr<EntityRuntime> EntityRuntime::forConfig(const NodeConfig &config, QString *error)
{
    std::unique_ptr<Role> role = createRole(config.role);
    if (!role) {
        *error = u"unknown role '%1' (known: interior, edge, %2)"_s.arg(config.role, roleNames().join(u", "_s));
        return nullptr;
    }
    return std::make_unique<EntityRuntime>(config, std::move(role));
}

EntityRuntime::EntityRuntime(const NodeConfig &config, std::unique_ptr<Role> role, QObject *parent)
    : NodeRuntime(parent)
    , m_config(config)
    , m_role(std::move(role))
{
    m_hello.nodeId = config.id;
    m_hello.kind = Wire::NodeKind::Entity;
    m_hello.software = config.software;
    m_hello.helloIntervalMs = config.helloIntervalMs;
    m_advertSequence = quint64(QDateTime::currentMSecsSinceEpoch()) * 1000;
    m_advertTimer.setSingleShot(true);
    m_advertTimer.setInterval(20);
    connect(&m_advertTimer, &QTimer::timeout, this, &EntityRuntime::sendAdvert);
    m_tickTimer.setInterval(int(config.tickMs));
    connect(&m_tickTimer, &QTimer::timeout, this, &EntityRuntime::tick);
}

EntityRuntime::~EntityRuntime()
{
    if (m_link)
        delete m_link.data();
    m_role.reset();
    m_store.close();
}

qint64 EntityRuntime::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool EntityRuntime::start(QString *error)
{
    m_uptime.start();
    QString path = u":memory:"_s;
    if (m_config.dataDir != ":memory:"_L1) {
        const QString dir = m_config.dataDir.isEmpty() ? QDir::currentPath() : m_config.dataDir;
        if (!QDir().mkpath(dir)) {
            *error = u"cannot create data directory %1"_s.arg(dir);
            return false;
        }
        path = QDir(dir).filePath(m_config.id + u".sqlite"_s);
    }
    if (!m_store.open(path, error))
        return false;
    if (m_config.dial.isEmpty()) {
        *error = u"an entity needs at least one router to dial"_s;
        return false;
    }
    m_store.begin();
    m_role->start(*this);
    m_store.commit();
    dial();
    m_tickTimer.start();
    return true;
}

// ---- the router connection -------------------------------------------------------------

void EntityRuntime::dial()
{
    m_dialScheduled = false;
    if (m_failed || m_link)
        return;
    const PeerEndpoint &endpoint = m_config.dial.at(m_dialIndex % m_config.dial.size());
    auto *socket = new QTcpSocket;
    m_link = new Link(socket, this, m_hello, m_config.deadIntervals, true, this);
    socket->connectToHost(endpoint.host, endpoint.port);
}

void EntityRuntime::scheduleDial()
{
    if (m_dialScheduled || m_failed)
        return;
    m_dialScheduled = true;
    const int delay = m_backoffMs;
    m_backoffMs = qMin(m_backoffMs * 2, 1000);
    QTimer::singleShot(delay, this, &EntityRuntime::dial);
}

void EntityRuntime::linkEstablished(Link *link)
{
    if (link->peerKind() == Wire::NodeKind::Entity) {
        link->close(u"entities attach to routers only"_s);
        return;
    }
    m_backoffMs = 50;
    m_router = link->peerId();
    qCInfo(lcEntity).noquote() << m_config.id << "attached to" << m_router;
    Q_EMIT event(u"link-up"_s, {{u"peer"_s, m_router}});
    sendAdvert();
    // Whatever the previous router had not settled is sent again; the consumers drop
    // duplicates and the new origin settles them.
    for (const Wire::MessageKey &key : std::as_const(m_unsettledOrder)) {
        const auto it = m_unsettled.constFind(key);
        if (it == m_unsettled.constEnd())
            continue;
        link->sendFrame(it->frame);
        ++m_counters.resent;
    }
}

void EntityRuntime::linkClosed(Link *link, const QString &reason)
{
    if (link != m_link)
        return;
    m_link = nullptr;
    if (!m_router.isEmpty())
        Q_EMIT event(u"link-down"_s, {{u"peer"_s, m_router}, {u"reason"_s, reason}});
    m_router.clear();
    if (m_inBatch) {
        m_store.commit();
        m_inBatch = false;
        m_batchEventsWanted = -1;
    }
    m_pendingAcks.clear();   // the origin resends; we ack the duplicates then
    m_pendingAckIds.resize(0);
    ++m_dialIndex;           // fail over to the next router in the list
    scheduleDial();
}

// ---- deliveries --------------------------------------------------------------------------

void EntityRuntime::linkBatchBegin(Link *)
{
    m_store.begin();
    m_inBatch = true;
}

void EntityRuntime::linkBatchEnd(Link *link)
{
    if (!m_inBatch)
        return;
    m_inBatch = false;
    m_batchEventsWanted = -1;
    if (!m_store.commit()) {
        // Nothing of this batch is durable: do not ack, the origin will resend.
        qCWarning(lcEntity) << "commit failed:" << m_store.lastError();
        m_pendingAcks.clear();
        m_pendingAckIds.resize(0);
        return;
    }
    qsizetype idAt = 0;
    for (const PendingAck &ack : std::as_const(m_pendingAcks)) {
        link->sendAck(QByteArrayView(m_pendingAckIds).sliced(idAt, ack.idSize), m_config.id, ack.originRouter,
                      ack.status);
        idAt += ack.idSize;
    }
    // Both keep their capacity for the next batch.
    m_pendingAcks.clear();
    m_pendingAckIds.resize(0);
}

void EntityRuntime::linkFrame(Link *link, Wire::Frame &frame)
{
    Q_UNUSED(link)
    if (m_failed)
        return;
    if (const auto *message = std::get_if<Wire::MessageFrame>(&frame))
        onMessage(*message);
    else if (const auto *ack = std::get_if<Wire::Ack>(&frame))
        settle(ack->messageId, ack->status);
}

bool EntityRuntime::linkPayload(Link *link, QByteArrayView payload)
{
    Q_UNUSED(link)
    // Messages and acks in their common form are read here, without a Wire::Frame per
    // frame; anything else (and any frame of a failed node) is decoded in full and goes
    // to linkFrame(), which also says what is wrong with a bad one.
    if (m_failed)
        return false;
    switch (Wire::FrameView::peekType(payload)) {
    case Wire::FrameType::Message:
        if (!m_messages.decode(payload))
            return false;
        onMessage(m_messages.message());
        return true;
    case Wire::FrameType::Ack: {
        Wire::FrameView ack;
        if (!ack.parse(payload) || ack.kind != Wire::FrameView::Kind::Ack)
            return false;
        settle(ack.messageId, ack.status);
        return true;
    }
    default:
        return false;
    }
}

void EntityRuntime::onMessage(const Wire::MessageFrame &frame)
{
    ++m_counters.received;
    const Wire::Envelope &envelope = frame.envelope;
    Wire::AckStatus status = Wire::AckStatus::Accepted;
    // One look-up both drops a duplicate and marks a new id seen. Marked before the role
    // sees it, in the same transaction: a work item the role enqueues under the message
    // id then doubles as the dedup record (one row).
    if (!m_store.markSeenIfNew(envelope.id)) {
        ++m_counters.duplicates;
    } else if (envelope.deadlineMs > 0 && nowMs() > envelope.deadlineMs) {
        // "Must be processed by" has passed: dropped, and said so.
        ++m_counters.expired;
        status = Wire::AckStatus::Expired;
        emitEvent(u"expired"_s, {{u"messageId"_s, QString::fromLatin1(envelope.id)},
                                 {u"requestId"_s, QString::fromLatin1(envelope.requestId)},
                                 {u"address"_s, envelope.address},
                                 {u"lateByMs"_s, nowMs() - envelope.deadlineMs}});
    } else {
        ++m_counters.handled;
        // Whatever the role sends while handling a traced message is traced too: a
        // request's children show up in its trace, as in any distributed tracing.
        m_handlingTraced = envelope.trace;
        m_role->handle(envelope);
        m_handlingTraced = false;
        if (envelope.trace)
            emitEvent(u"delivery"_s, {{u"requestId"_s, QString::fromLatin1(envelope.requestId)},
                                      {u"messageId"_s, QString::fromLatin1(envelope.id)},
                                      {u"address"_s, envelope.address},
                                      {u"path"_s, QJsonArray::fromStringList(envelope.path)}});
    }
    if (frame.acked) {
        // Copied, not shared: the id's array is the decoder's, rewritten by the next message.
        m_pendingAckIds.append(envelope.id.constData(), envelope.id.size());
        m_pendingAcks.append(PendingAck{envelope.id.size(), frame.originRouter, status});
    }
}

void EntityRuntime::settle(QByteArrayView messageId, Wire::AckStatus status)
{
    const Wire::MessageKey key(messageId);
    const auto it = m_unsettled.find(key);
    if (it == m_unsettled.end())
        return;
    const bool accepted = status == Wire::AckStatus::Accepted;
    const Settlement settlement{key, it->createdMs, accepted, it->sentByRole};
    m_unsettled.erase(it);
    if (accepted)
        ++m_counters.settled;
    else
        ++m_counters.refused;
    // Inside a read batch the store's transaction is open already (linkBatchBegin).
    const bool ownTransaction = !m_inBatch;
    if (ownTransaction)
        m_store.begin();
    m_role->messageSettled(settlement);
    if (ownTransaction)
        m_store.commit();
    // Keep the order list from growing with settled ids.
    if (m_unsettledOrder.size() > 2 * m_unsettled.size() + 64)
        m_unsettledOrder.removeIf([this](const Wire::MessageKey &k) { return !m_unsettled.contains(k); });
    if (m_draining)
        checkDrained();
}

// ---- RoleContext -------------------------------------------------------------------------

void EntityRuntime::subscribe(const QString &address, const QString &group, int capacity)
{
    for (Wire::ConsumerAdvert &c : m_subscriptions) {
        if (c.address == address) {
            c.group = group;
            c.capacity = capacity;
            scheduleAdvert();
            return;
        }
    }
    m_subscriptions.append(Wire::ConsumerAdvert{address, group, m_config.id, m_outstanding, capacity});
    scheduleAdvert();
}

void EntityRuntime::unsubscribe(const QString &address)
{
    if (m_subscriptions.removeIf([&](const Wire::ConsumerAdvert &c) { return c.address == address; }) > 0)
        scheduleAdvert();
}

QByteArray EntityRuntime::send(Wire::Envelope envelope)
{
    return sendMessage(std::move(envelope), true);
}

QByteArray EntityRuntime::sendMessage(Wire::Envelope envelope, bool sentByRole)
{
    if (envelope.id.isEmpty())
        envelope.id = m_ids.next();
    if (envelope.requestId.isEmpty())
        envelope.requestId = envelope.id;
    if (envelope.createdMs == 0)
        envelope.createdMs = nowMs();
    envelope.trace = envelope.trace || m_handlingTraced;
    ++m_counters.sent;
    if (m_unsettled.size() >= MaxUnsettled && !m_unsettledOrder.isEmpty()) {
        const Wire::MessageKey oldest = m_unsettledOrder.takeFirst();
        const auto it = m_unsettled.find(oldest);
        if (it != m_unsettled.end()) {
            const Settlement settlement{oldest, it->createdMs, false, it->sentByRole};
            m_unsettled.erase(it);
            ++m_counters.refused;
            m_role->messageSettled(settlement);
        }
    }
    Wire::MessageKey key(envelope.id);
    Unsettled entry{{}, envelope.createdMs, sentByRole};
    Wire::MessageFrame message;
    message.envelope = std::move(envelope);
    // Encoded once: the link copies these bytes into its output, a resend sends them again.
    Wire::appendMessage(entry.frame, message);
    // Like insert, emplace replaces a message with the same id; it moves the entry in.
    const auto it = m_unsettled.emplace(key, std::move(entry));
    m_unsettledOrder.append(std::move(key));
    if (m_link && m_link->isUp())
        m_link->sendFrame(it->frame);
    return std::move(message.envelope.id);
}

void EntityRuntime::reply(const Wire::Envelope &request, const QByteArray &body, int status)
{
    if (request.replyTo.isEmpty())
        return;
    Wire::Envelope answer;
    answer.address = request.replyTo;
    answer.requestId = request.requestId;
    answer.body = body;
    answer.trace = request.trace;
    answer.setHeader(u"Status"_s, QString::number(status));
    answer.setHeader(u"From"_s, m_config.id);
    answer.setHeader(u"Content-Type"_s, u"application/json"_s);
    send(std::move(answer));
}

bool EntityRuntime::eventsWanted() const
{
    if (!m_eventsWanted)
        return true;
    if (!m_inBatch)
        return m_eventsWanted();
    if (m_batchEventsWanted < 0)
        m_batchEventsWanted = m_eventsWanted() ? 1 : 0;
    return m_batchEventsWanted == 1;
}

void EntityRuntime::setOutstanding(int outstanding)
{
    if (outstanding == m_outstanding)
        return;
    m_outstanding = outstanding;
    scheduleAdvert();
}

void EntityRuntime::emitEvent(const QString &kind, const QJsonObject &fields)
{
    Q_EMIT event(kind, fields);
}

void EntityRuntime::scheduleAdvert()
{
    if (!m_advertTimer.isActive())
        m_advertTimer.start();
}

void EntityRuntime::sendAdvert()
{
    m_advertTimer.stop();
    if (!m_link || !m_link->isUp())
        return;
    Wire::AddressAdvert advert;
    advert.origin = m_config.id;
    advert.sequence = ++m_advertSequence;
    if (!m_draining) {
        advert.consumers = m_subscriptions;
        for (Wire::ConsumerAdvert &c : advert.consumers)
            c.outstanding = m_outstanding;
    }
    m_link->send(advert);
}

void EntityRuntime::tick()
{
    if (m_failed)
        return;
    m_store.begin();
    m_role->tick(nowMs());
    m_store.commit();
    if (m_draining)
        checkDrained();
}

// ---- commands ----------------------------------------------------------------------------

void EntityRuntime::checkDrained()
{
    if (!m_draining || !m_unsettled.isEmpty() || !m_role->drain())
        return;
    m_draining = false;
    Q_EMIT event(u"drained"_s, {});
    Q_EMIT drained();
}

void EntityRuntime::failNode()
{
    if (m_failed)
        return;
    m_failed = true;
    m_tickTimer.stop();
    if (m_link)
        m_link->close(u"node failed"_s);
    Q_EMIT event(u"node-failed"_s, {});
}

void EntityRuntime::restoreNode()
{
    if (!m_failed)
        return;
    m_failed = false;
    m_backoffMs = 50;
    m_tickTimer.start();
    dial();
    Q_EMIT event(u"node-restored"_s, {});
}

QJsonObject EntityRuntime::command(const QString &name, const QJsonObject &args, QString *error)
{
    if (name == "status"_L1)
        return telemetry();
    if (name == "fail"_L1) {
        failNode();
        return {{u"state"_s, u"failed"_s}};
    }
    if (name == "restore"_L1) {
        restoreNode();
        return {{u"state"_s, u"up"_s}};
    }
    if (name == "drain"_L1) {
        // Stop being chosen for new work (empty advert), finish what is here.
        m_draining = true;
        sendAdvert();
        QMetaObject::invokeMethod(this, &EntityRuntime::checkDrained, Qt::QueuedConnection);
        return {{u"state"_s, u"draining"_s}, {u"unsettled"_s, m_unsettled.size()}};
    }
    if (name == "send"_L1) {
        Wire::Envelope envelope;
        envelope.address = args.value("address"_L1).toString();
        if (!envelope.address.startsWith(u'/')) {
            *error = u"address must start with '/'"_s;
            return {};
        }
        envelope.body = args.value("body"_L1).toString().toUtf8();
        envelope.key = args.value("key"_L1).toString();
        envelope.replyTo = args.value("replyTo"_L1).toString();
        envelope.trace = args.value("trace"_L1).toBool(true);
        if (args.contains("method"_L1))
            envelope.setHeader(u"Method"_s, args.value("method"_L1).toString());
        const QJsonObject headers = args.value("headers"_L1).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            envelope.setHeader(it.key(), it.value().toString());
        const QByteArray id = sendMessage(std::move(envelope), false);
        return {{u"messageId"_s, QString::fromLatin1(id)}, {u"requestId"_s, QString::fromLatin1(id)}};
    }
    if (name == "shutdown"_L1) {
        QMetaObject::invokeMethod(this, &EntityRuntime::shutdownRequested, Qt::QueuedConnection);
        return {{u"state"_s, u"stopping"_s}};
    }
    *error = u"unknown command '%1' for an entity"_s.arg(name);
    return {};
}

QJsonObject EntityRuntime::telemetry() const
{
    QJsonObject links;
    if (m_link && m_link->isUp()) {
        links.insert(m_router, QJsonObject{{u"state"_s, u"up"_s}, {u"kind"_s, Wire::nodeKindName(m_link->peerKind())},
                                           {u"framesIn"_s, double(m_link->framesIn())},
                                           {u"framesOut"_s, double(m_link->framesOut())}});
    }
    QJsonObject queues;
    for (const Wire::ConsumerAdvert &c : m_subscriptions)
        queues.insert(c.address, m_outstanding);
    QJsonArray subscriptions;
    for (const Wire::ConsumerAdvert &c : m_subscriptions)
        subscriptions.append(QJsonObject{{u"address"_s, c.address}, {u"group"_s, c.group}, {u"capacity"_s, c.capacity}});
    return {
        {u"node"_s, m_config.id},
        {u"role"_s, m_config.role},
        {u"kind"_s, u"entity"_s},
        {u"version"_s, m_config.software},
        {u"state"_s, m_failed ? u"failed"_s : m_draining ? u"draining"_s : u"up"_s},
        {u"uptimeMs"_s, double(m_uptime.isValid() ? m_uptime.elapsed() : 0)},
        {u"router"_s, m_router},
        {u"links"_s, links},
        {u"queues"_s, queues},
        {u"subscriptions"_s, subscriptions},
        {u"counters"_s, QJsonObject{
            {u"received"_s, double(m_counters.received)},
            {u"handled"_s, double(m_counters.handled)},
            {u"duplicates"_s, double(m_counters.duplicates)},
            {u"expired"_s, double(m_counters.expired)},
            {u"sent"_s, double(m_counters.sent)},
            {u"settled"_s, double(m_counters.settled)},
            {u"refused"_s, double(m_counters.refused)},
            {u"resent"_s, double(m_counters.resent)},
            {u"unsettled"_s, m_unsettled.size()},
        }},
        {u"data"_s, m_role->telemetry()},
    };
}

} // namespace Portolan::Node
