#include "node/roles/barker/forwardqueue.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/roles/role.h"
#include "node/store/entitystore.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

ForwardQueue::ForwardQueue(QString kind)
    : m_kind(std::move(kind))
    , m_tally(m_kind + u"-totals"_s)
{
}

void ForwardQueue::start(RoleContext &context, DirectoryClient *directory, const Target &target, int window,
                         qint64 retryMs)
{
    m_context = &context;
    m_directory = directory;
    m_target = target;
    m_window = qMax(1, window);
    m_retryMs = qMax<qint64>(1, retryMs);
    EntityStore &store = context.store();
    m_tally.load(store);
    // What was queued and not done before a restart goes out again, in order.
    const QList<QJsonObject> queued = store.records(m_kind);
    for (const QJsonObject &record : queued) {
        const QString id = record.value(u"id"_s).toString();
        m_order.append(id);
        m_items.insert(id, record.value(u"item"_s).toObject());
    }
    if (m_target.receipts) {
        m_receipts = u"/barker/receipts/%1/%2"_s.arg(context.nodeId(), m_kind);
        context.subscribe(m_receipts);
    }
}

bool ForwardQueue::push(const QString &id, const QJsonObject &item, const QString &receiptTo)
{
    EntityStore &store = m_context->store();
    const QString seenKind = m_kind + u"-seen"_s;
    if (store.record(seenKind, id)) {
        m_tally.add(store, u"duplicates"_s);
        std::optional<QJsonObject> queued = store.record(m_kind, id);
        if (!queued) {
            sendReceipt(id, receiptTo);   // done long ago: the sender missed the receipt
        } else if (!receiptTo.isEmpty()) {
            queued->insert(u"receiptTo"_s, receiptTo);   // receipt the latest asker when done
            store.putRecord(m_kind, id, *queued);
        }
        return false;
    }
    store.putRecord(seenKind, id, QJsonObject{{u"atMs"_s, m_context->nowMs()}});
    QJsonObject record{{u"id"_s, id}, {u"item"_s, item}};
    if (!receiptTo.isEmpty())
        record.insert(u"receiptTo"_s, receiptTo);
    store.putRecord(m_kind, id, record);
    m_tally.add(store, u"received"_s);
    m_order.append(id);
    m_items.insert(id, item);
    return true;
}

bool ForwardQueue::handle(const Wire::Envelope &message)
{
    if (m_receipts.isEmpty() || Pugs::RequestFields(message).path() != m_receipts)
        return false;
    const QString id = QString::fromUtf8(message.requestId);
    if (m_items.contains(id))
        complete(id, message.header(u"From"));
    return true;
}

std::optional<ServiceInstance> ForwardQueue::choose()
{
    if (!m_target.address.isEmpty())
        return ServiceInstance{{}, m_target.address, 0};
    const quint64 turn = quint64(m_tally.value(u"turn"_s));
    std::optional<ServiceInstance> picked = m_directory->pick(m_target.service, m_target.policy, turn);
    if (picked && m_target.policy == Policy::RoundRobin)
        m_tally.add(m_context->store(), u"turn"_s);
    return picked;
}

void ForwardQueue::abandonGoneInstances()
{
    if (m_target.service.isEmpty())
        return;
    // An item with an instance the directory has dropped may never be done: the router
    // keeps trying that instance's address until it gives up, or the instance holds it
    // acknowledged and dead. Send it to a live one; should the first copy get through
    // after all, consumers drop it by item id.
    QSet<QString> live;
    const QList<ServiceInstance> instances = m_directory->instances(m_target.service);
    for (const ServiceInstance &i : instances)
        live.insert(i.instance);
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (live.contains(it.value().instance)) {
            ++it;
            continue;
        }
        m_sending.remove(it.value().id);
        m_tally.add(m_context->store(), u"resent"_s);
        it = m_inFlight.erase(it);
    }
}

void ForwardQueue::tick(qint64 nowMs)
{
    if (!m_context)
        return;
    abandonGoneInstances();
    if (nowMs < m_pausedUntilMs)
        return;
    for (const QString &id : std::as_const(m_order)) {
        if (m_inFlight.size() >= m_window)
            break;
        if (m_sending.contains(id))
            continue;
        send(id, nowMs);
        if (nowMs < m_pausedUntilMs)
            break;   // nobody to send to
    }
}

void ForwardQueue::send(const QString &id, qint64 nowMs)
{
    const std::optional<ServiceInstance> target = choose();
    if (!target) {
        m_pausedUntilMs = nowMs + m_retryMs;   // no live instance: wait for the directory
        return;
    }
    const QString targetName = target->instance.isEmpty() ? target->address : target->instance;
    if (m_target.policy == Policy::Failover && targetName != m_lastTarget && !m_lastTarget.isEmpty()) {
        m_tally.add(m_context->store(), u"failovers"_s);
        m_context->emitEvent(u"failover"_s, QJsonObject{{u"service"_s, m_target.service},
                                                       {u"from"_s, m_lastTarget},
                                                       {u"to"_s, targetName},
                                                       {u"queueDepth"_s, qint64(m_order.size())}});
    }
    m_lastTarget = targetName;
    const int attempt = ++m_attempts[id];
    Wire::Envelope message;
    // Stable per item and attempt: a resend after reconnecting is dropped by id.
    message.id = u"%1/%2/%3"_s.arg(m_context->nodeId(), id).arg(attempt).toUtf8();
    message.requestId = id.toUtf8();
    message.address = target->address;
    message.replyTo = m_receipts;
    message.setHeader(u"Method"_s, u"POST"_s);
    message.body = Pugs::compactJson(m_items.value(id));
    const QByteArray messageId = m_context->send(std::move(message));
    m_inFlight.insert(messageId, Sending{id, target->instance, false});
    m_sending.insert(id, messageId);
}

bool ForwardQueue::settled(const QByteArray &messageId, bool accepted)
{
    const auto it = m_inFlight.find(messageId);
    if (it == m_inFlight.end())
        return false;
    if (!accepted) {
        // Nobody took it: keep it, and hold the queue a moment. A failover is the
        // directory's to declare, not one refusal's.
        m_sending.remove(it->id);
        m_inFlight.erase(it);
        m_tally.add(m_context->store(), u"refusals"_s);
        m_pausedUntilMs = m_context->nowMs() + m_retryMs;
        return true;
    }
    if (m_target.receipts) {
        it->acknowledged = true;   // with the consumer; done when it says it passed it on
        return true;
    }
    const Sending sending = it.value();
    complete(sending.id, sending.instance);
    return true;
}

void ForwardQueue::complete(const QString &id, const QString &instance)
{
    EntityStore &store = m_context->store();
    const QString receiptTo = store.record(m_kind, id).value_or(QJsonObject{}).value(u"receiptTo"_s).toString();
    store.removeRecord(m_kind, id);
    m_order.removeOne(id);
    m_items.remove(id);
    m_attempts.remove(id);
    m_inFlight.remove(m_sending.take(id));
    m_tally.add(store, u"forwarded"_s);
    if (!instance.isEmpty())
        m_tally.add(store, u"forwardedTo."_s + instance);
    sendReceipt(id, receiptTo);
}

void ForwardQueue::sendReceipt(const QString &id, const QString &receiptTo)
{
    if (receiptTo.isEmpty())
        return;
    Wire::Envelope receipt;
    receipt.address = receiptTo;
    receipt.requestId = id.toUtf8();
    receipt.setHeader(u"Status"_s, u"200"_s);
    receipt.setHeader(u"From"_s, m_context->nodeId());
    receipt.body = Pugs::compactJson(QJsonObject{{u"done"_s, id}, {u"by"_s, m_context->nodeId()}});
    m_context->send(std::move(receipt));
}

QJsonObject ForwardQueue::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"received"_s, u"forwarded"_s, u"duplicates"_s, u"refusals"_s, u"resent"_s,
                                    u"failovers"_s});
    t.remove(u"turn"_s);
    t.insert(u"queueDepth"_s, qint64(m_order.size()));
    t.insert(u"inFlight"_s, qint64(m_inFlight.size()));
    t.insert(u"target"_s, m_lastTarget.isEmpty() ? QJsonValue() : QJsonValue(m_lastTarget));
    return t;
}

} // namespace Portolan::Node::Barker
