#include "node/roles/worker.h"

#include "node/store/entitystore.h"

#include <QCborMap>
#include <QCborValue>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLoggingCategory>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

Q_LOGGING_CATEGORY(lcWorker, "portolan.node.roles.worker")

// Params come from hand-written scenario files: numbers may arrive as JSON numbers or
// as decimal strings. nullopt when the value is present but not a number.
std::optional<double> numberParam(const QJsonObject &params, const QString &name, double fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

std::optional<bool> boolParam(const QJsonObject &params, const QString &name, bool fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (value.isBool())
        return value.toBool();
    const QString text = value.toString().trimmed().toLower();
    if (text == "true"_L1 || text == "yes"_L1 || text == "1"_L1)
        return true;
    if (text == "false"_L1 || text == "no"_L1 || text == "0"_L1)
        return false;
    return std::nullopt;
}

// What a work item keeps of its request: enough to answer it later, from this process or
// from the next one after a restart. CBOR rather than the link frame format, so that a
// backlog written before an upgrade of the link protocol still reads after it.
enum PayloadKey : int { RequestId = 0, ReplyTo = 1, Address = 2, Trace = 3, CreatedMs = 4 };

QByteArray encodeRequest(const Wire::Envelope &message)
{
    QCborMap map;
    map.insert(RequestId, message.requestId);
    map.insert(ReplyTo, message.replyTo);
    map.insert(Address, message.address);
    map.insert(Trace, message.trace);
    map.insert(CreatedMs, message.createdMs);
    return map.toCborValue().toCbor();
}

Wire::Envelope decodeRequest(const QByteArray &id, const QByteArray &payload)
{
    const QCborMap map = QCborValue::fromCbor(payload).toMap();
    Wire::Envelope request;
    request.id = id;
    request.requestId = map.value(RequestId).toByteArray();
    if (request.requestId.isEmpty())
        request.requestId = id;
    request.replyTo = map.value(ReplyTo).toString();
    request.address = map.value(Address).toString();
    request.trace = map.value(Trace).toBool();
    request.createdMs = map.value(CreatedMs).toInteger();
    return request;
}

} // namespace

QString WorkerRole::name() const
{
    return u"worker"_s;
}

bool WorkerRole::readParams(const QJsonObject &params)
{
    m_address = params.value(u"address"_s).toString();
    if (m_address.isEmpty()) {
        m_error = u"param \"address\" is required"_s;
        return false;
    }
    m_group = params.value(u"group"_s).toString();
    const std::optional<double> capacity = numberParam(params, u"capacity"_s, 0);
    if (!capacity || *capacity < 0 || *capacity > double(std::numeric_limits<int>::max())) {
        m_error = u"param \"capacity\" must be a number >= 0"_s;
        return false;
    }
    const std::optional<double> serviceMs = numberParam(params, u"serviceMs"_s, 10);
    if (!serviceMs || *serviceMs < 0 || !std::isfinite(*serviceMs)) {
        m_error = u"param \"serviceMs\" must be a number >= 0"_s;
        return false;
    }
    const std::optional<bool> replies = boolParam(params, u"replies"_s, true);
    if (!replies) {
        m_error = u"param \"replies\" must be true or false"_s;
        return false;
    }
    m_capacity = int(*capacity);
    m_serviceMs = qint64(*serviceMs);
    m_replies = *replies;
    return true;
}

void WorkerRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcWorker).noquote() << context.nodeId() << m_error;
        return;
    }
    // Whatever was in service when the previous process stopped starts over now.
    m_freeAtMs = context.nowMs();
    const qsizetype backlog = context.store().backlogSize();
    if (backlog > 0)
        context.emitEvent(u"work-resumed"_s, {{u"backlog"_s, qint64(backlog)}});
    publishOutstanding();
    context.subscribe(m_address, m_group, m_capacity);
}

void WorkerRole::handle(const Wire::Envelope &message)
{
    if (!m_context)
        return;
    // Runs inside the runtime's delivery transaction: once the ack goes out, the item is
    // on disk. Idempotent by message id, should a duplicate ever get through.
    EntityStore &store = m_context->store();
    const qint64 nowMs = m_context->nowMs();
    // Zero service time and nobody queued ahead: the item is done as it arrives. One row
    // records it completed (and, being keyed by the message id, is the dedup record too),
    // instead of queueing it, selecting it on the next tick and updating it. Only when no
    // answer is due: a reply must not leave before the work it reports is committed, and
    // the tick sends it after its own commit.
    const bool answerDue = m_replies && !message.replyTo.isEmpty();
    if (m_serviceMs == 0 && !answerDue && store.backlogSize() == 0) {
        if (!store.recordCompleted(message.id, nowMs))
            return;
        m_freeAtMs = qMax(m_freeAtMs, nowMs);
        // Emitted before the batch commits; should the commit fail, the resent message is
        // done (and reported) again, as an item whose tick commit failed is.
        const QByteArray &requestId = message.requestId.isEmpty() ? message.id : message.requestId;
        if (m_context->eventsWanted())
            m_context->emitEvent(u"work-done"_s, {{u"messageId"_s, QString::fromLatin1(message.id)},
                                              {u"requestId"_s, QString::fromLatin1(requestId)},
                                              {u"queuedMs"_s, qint64(0)},
                                              {u"serviceMs"_s, m_serviceMs},
                                              {u"backlog"_s, qint64(0)}});
        return;
    }
    if (store.enqueue(message.id, encodeRequest(message), nowMs))
        publishOutstanding();
}

void WorkerRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    EntityStore &store = m_context->store();
    if (store.backlogSize() == 0)
        return;

    struct Done
    {
        EntityStore::WorkItem item;
        qint64 startedMs;
        qint64 finishedMs;
    };
    QList<Done> done;
    qint64 freeAt = m_freeAtMs;
    store.begin();
    while (done.size() < MaxCompletionsPerTick) {
        std::optional<EntityStore::WorkItem> item = store.nextWork();
        if (!item)
            break;
        const qint64 startedMs = qMax(item->enqueuedMs, freeAt);
        const qint64 finishedMs = startedMs + m_serviceMs;
        if (finishedMs > nowMs)
            break;
        const qsizetype before = store.backlogSize();
        store.complete(item->id);
        if (store.backlogSize() == before)
            break;   // the store refused; the commit below reports it
        freeAt = finishedMs;
        done.append({std::move(*item), startedMs, finishedMs});
    }
    if (!store.commit()) {
        // Nothing of it is durable: the same items are served again on a later tick.
        qCWarning(lcWorker).noquote() << m_context->nodeId() << "completing work failed:"
                                      << store.lastError();
        return;
    }
    if (done.isEmpty())
        return;
    m_freeAtMs = freeAt;
    const qint64 backlog = store.backlogSize();
    for (const Done &d : std::as_const(done)) {
        const Wire::Envelope request = decodeRequest(d.item.id, d.item.payload);
        const qint64 queuedMs = d.startedMs - d.item.enqueuedMs;
        if (m_replies && !request.replyTo.isEmpty()) {
            const QJsonObject answer{{u"worker"_s, m_context->nodeId()},
                                     {u"messageId"_s, QString::fromLatin1(d.item.id)},
                                     {u"queuedMs"_s, queuedMs},
                                     {u"serviceMs"_s, m_serviceMs},
                                     {u"finishedMs"_s, d.finishedMs}};
            m_context->reply(request, QJsonDocument(answer).toJson(QJsonDocument::Compact), 200);
        }
        if (m_context->eventsWanted())
            m_context->emitEvent(u"work-done"_s, {{u"messageId"_s, QString::fromLatin1(d.item.id)},
                                              {u"requestId"_s, QString::fromLatin1(request.requestId)},
                                              {u"queuedMs"_s, queuedMs},
                                              {u"serviceMs"_s, m_serviceMs},
                                              {u"backlog"_s, backlog}});
    }
    publishOutstanding();
}

QJsonObject WorkerRole::telemetry() const
{
    QJsonObject t{{u"address"_s, m_address}, {u"serviceMs"_s, m_serviceMs}, {u"capacity"_s, m_capacity}};
    if (!m_group.isEmpty())
        t.insert(u"group"_s, m_group);
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    if (m_context) {
        EntityStore &store = m_context->store();
        const qint64 backlog = store.backlogSize();
        const qint64 completed = store.completedCount();
        t.insert(u"backlog"_s, backlog);
        t.insert(u"completed"_s, completed);
        t.insert(u"accepted"_s, backlog + completed);   // every item ever queued, kept on disk
    }
    return t;
}

bool WorkerRole::drain()
{
    // A delivered message cannot be refused (the runtime withdraws the subscription while
    // draining), so draining means finishing the backlog.
    return !m_context || m_context->store().backlogSize() == 0;
}

void WorkerRole::publishOutstanding()
{
    const qsizetype backlog = m_context->store().backlogSize();
    m_context->setOutstanding(int(qMin<qsizetype>(backlog, std::numeric_limits<int>::max())));
}

} // namespace Portolan::Node
