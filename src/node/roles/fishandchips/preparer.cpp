#include "node/roles/fishandchips/preparer.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

Q_LOGGING_CATEGORY(lcPreparer, "portolan.node.fishandchips.preparer")

const QString currentKind = u"current"_s;
const QString currentId = u"work"_s;
const QString madeKind = u"made"_s;
const QString readyKind = u"pending-ready"_s;
const QString cookKind = u"pending-cook"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

QString phaseName(int phase)
{
    static const QString names[] = {u"idle"_s, u"asking"_s, u"making"_s};
    return names[phase];
}

} // namespace

QString PreparerRole::name() const
{
    return u"preparer"_s;
}

bool PreparerRole::readParams(const QJsonObject &params)
{
    m_group = params.value(u"group"_s).toString(u"preparers"_s);
    m_prepareMs = Pugs::integerOf(params.value(u"prepareMs"_s), 400);
    m_retryMs = Pugs::integerOf(params.value(u"retryMs"_s), 500);
    m_answerTimeoutMs = Pugs::integerOf(params.value(u"answerTimeoutMs"_s), 3000);
    if (m_prepareMs < 0 || m_retryMs < 1 || m_answerTimeoutMs < 1) {
        m_error = u"params prepareMs must be >= 0, retryMs and answerTimeoutMs >= 1"_s;
        return false;
    }
    return true;
}

void PreparerRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcPreparer).noquote() << context.nodeId() << m_error;
        return;
    }
    m_answers = u"/preparer/"_s + context.nodeId() + u"/cabinet"_s;
    restore();
    publishOutstanding();
    context.subscribe(u"/orders"_s, m_group);
    context.subscribe(u"/cooked"_s, m_group);
    context.subscribe(m_answers);
}

void PreparerRole::restore()
{
    EntityStore &store = m_context->store();
    m_tally.load(store);
    // Whatever was not settled goes out again; consumers drop repeats by message id.
    for (const QString &kind : {readyKind, cookKind}) {
        const QList<QJsonObject> pending = store.records(kind);
        for (const QJsonObject &record : pending)
            sendPending(kind, record.value(u"order"_s).toString());
    }
    const std::optional<QJsonObject> current = store.record(currentKind, currentId);
    if (!current)
        return;
    const std::optional<FishOrder> order = FishOrder::fromJson(current->value(u"order"_s).toObject());
    if (!order) {
        store.removeRecord(currentKind, currentId);
        return;
    }
    m_order = *order;
    m_workId = current->value(u"workId"_s).toString().toUtf8();
    m_takeId = current->value(u"takeId"_s).toString().toUtf8();
    if (current->value(u"phase"_s).toString() == phaseName(int(Phase::Making))) {
        // The portions were taken: making up resumes where it was.
        m_phase = Phase::Making;
        m_makingSinceMs = qint64(current->value(u"makingSinceMs"_s).toDouble());
    } else {
        // Asked, answer unknown: ask again with the same request id; the cabinet repeats
        // its first answer and takes nothing twice.
        m_phase = Phase::Asking;
        askCabinet(m_context->nowMs());
    }
}

void PreparerRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const QString path = Pugs::RequestFields(message).path();
    if (path == m_answers) {
        takeCabinetAnswer(message);
        return;
    }
    const std::optional<FishOrder> order = FishOrder::fromBody(message.body);
    if (!order) {
        qCWarning(lcPreparer).noquote() << m_context->nodeId() << "ignores a message to" << path << "that is no order";
        return;
    }
    if (isUnder(path, u"/orders"_s))
        queueOrder("order:" + order->id.toUtf8(), message);
    else if (isUnder(path, u"/cooked"_s))
        queueOrder("cooked:" + order->id.toUtf8() + ':' + QByteArray::number(order->cookRounds), message);
}

void PreparerRole::queueOrder(const QByteArray &workId, const Wire::Envelope &message)
{
    EntityStore &store = m_context->store();
    const std::optional<FishOrder> order = FishOrder::fromBody(message.body);
    if (store.record(madeKind, order->id)) {
        // Made here already: a repeat, not a second customer.
        m_tally.add(store, u"repeats"_s);
        return;
    }
    if (store.enqueue(workId, message.body, m_context->nowMs()))
        publishOutstanding();
}

void PreparerRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const QList<QString> due = m_pendingRetryAt.keys();
    for (const QString &key : due) {
        if (m_pendingRetryAt.value(key) > nowMs)
            continue;
        m_pendingRetryAt.remove(key);
        sendPending(key.section(u'|', 0, 0), key.section(u'|', 1));
    }
    // One order at a time; finishing one starts the next in the same tick.
    for (int guard = 0; guard < 64; ++guard) {
        if (m_phase == Phase::Idle) {
            startNext(nowMs);
            if (m_phase == Phase::Idle)
                return;
        }
        if (m_phase == Phase::Asking) {
            const bool refusedAndDue = m_askMessage.isEmpty() && m_retryAtMs > 0 && nowMs >= m_retryAtMs;
            const bool unanswered = m_retryAtMs == 0 && nowMs - m_askedAtMs >= m_answerTimeoutMs;
            if (refusedAndDue || unanswered)
                askCabinet(nowMs);
            return;
        }
        if (m_phase == Phase::Making) {
            if (nowMs < m_makingSinceMs + m_prepareMs)
                return;
            finishMaking(m_makingSinceMs + m_prepareMs);
        }
    }
}

void PreparerRole::startNext(qint64 nowMs)
{
    if (m_draining)
        return;
    EntityStore &store = m_context->store();
    while (const std::optional<EntityStore::WorkItem> item = store.nextWork()) {
        const std::optional<FishOrder> order = FishOrder::fromBody(item->payload);
        if (!order || store.record(madeKind, order->id)) {
            store.complete(item->id);   // unreadable, or made already: nothing to do
            continue;
        }
        m_order = *order;
        m_workId = item->id;
        m_takeId = u"take/%1/%2"_s.arg(order->id).arg(order->cookRounds).toUtf8();
        m_phase = Phase::Asking;
        saveCurrent();
        askCabinet(nowMs);
        return;
    }
    publishOutstanding();
}

void PreparerRole::askCabinet(qint64 nowMs)
{
    Wire::Envelope ask;
    ask.address = u"/cabinet/take"_s;
    ask.requestId = m_takeId;
    ask.replyTo = m_answers;
    ask.setHeader(u"Method"_s, u"POST"_s);
    ask.body = Pugs::compactJson(QJsonObject{{u"order"_s, m_order.id}, {u"items"_s, m_order.items.toJson()}});
    m_askMessage = m_context->send(std::move(ask));
    m_askedAtMs = nowMs;
    m_retryAtMs = 0;
}

void PreparerRole::takeCabinetAnswer(const Wire::Envelope &answer)
{
    if (m_phase != Phase::Asking || answer.requestId != m_takeId)
        return;   // an answer to an earlier question, already dealt with
    const Pugs::RequestFields fields(answer);
    const qint64 now = m_context->nowMs();
    if (fields.status() == 200 && fields.body().value(u"taken"_s).toBool()) {
        m_phase = Phase::Making;
        m_makingSinceMs = now;
        saveCurrent();
        return;
    }
    if (fields.status() == 409) {
        sendToCook(fields.body().value(u"short"_s).toObject());
        finishCurrent();
        return;
    }
    qCInfo(lcPreparer).noquote() << m_context->nodeId() << "cabinet answered" << fields.status() << "for"
                                 << m_order.id << "- asking again";
    m_askMessage.clear();
    m_retryAtMs = now + m_retryMs;
}

void PreparerRole::finishMaking(qint64 nowMs)
{
    EntityStore &store = m_context->store();
    const FishOrder order = m_order;
    store.putRecord(madeKind, order.id, QJsonObject{{u"order"_s, order.id}, {u"madeMs"_s, nowMs},
                                                    {u"cookRounds"_s, order.cookRounds}});
    m_tally.add(store, u"made"_s);
    const QStringList items = order.items.items();
    for (const QString &item : items)
        m_tally.add(store, u"served."_s + item, order.items.count(item));
    if (order.hasPlaice())
        m_tally.add(store, u"plaiceMade"_s);
    if (order.cookRounds > 0)
        m_tally.add(store, u"waited"_s);
    if (!order.replyTo.isEmpty()) {
        const QJsonObject ready{{u"order"_s, order.id},
                                {u"preparer"_s, m_context->nodeId()},
                                {u"cookRounds"_s, order.cookRounds},
                                {u"plaice"_s, order.hasPlaice()},
                                {u"items"_s, order.items.toJson()},
                                {u"madeMs"_s, nowMs}};
        store.putRecord(readyKind, order.id,
                        QJsonObject{{u"order"_s, order.id},
                                    {u"address"_s, order.replyTo},
                                    {u"messageId"_s, u"ready/%1/%2"_s.arg(m_context->nodeId(), order.id)},
                                    {u"requestId"_s, order.id},
                                    {u"body"_s, ready}});
        sendPending(readyKind, order.id);
    }
    m_context->emitEvent(u"order-made"_s, QJsonObject{{u"order"_s, order.id},
                                                     {u"preparer"_s, m_context->nodeId()},
                                                     {u"plaice"_s, order.hasPlaice()},
                                                     {u"cookRounds"_s, order.cookRounds},
                                                     {u"items"_s, order.items.toJson()}});
    finishCurrent();
}

void PreparerRole::sendToCook(const QJsonObject &short_)
{
    EntityStore &store = m_context->store();
    FishOrder order = m_order;
    ++order.cookRounds;
    QJsonObject body = order.toJson();
    body.insert(u"short"_s, short_);
    body.insert(u"preparer"_s, m_context->nodeId());
    store.putRecord(cookKind, order.id,
                    QJsonObject{{u"order"_s, order.id},
                                {u"address"_s, u"/cook/orders"_s},
                                {u"messageId"_s, u"cook/%1/%2/%3"_s.arg(m_context->nodeId(), order.id)
                                                     .arg(order.cookRounds)},
                                {u"requestId"_s, u"cook/%1/%2"_s.arg(order.id).arg(order.cookRounds)},
                                {u"body"_s, body}});
    m_tally.add(store, u"sentToCook"_s);
    sendPending(cookKind, order.id);
    m_context->emitEvent(u"order-to-cook"_s, QJsonObject{{u"order"_s, order.id},
                                                        {u"preparer"_s, m_context->nodeId()},
                                                        {u"short"_s, short_},
                                                        {u"cookRounds"_s, order.cookRounds}});
}

void PreparerRole::sendPending(const QString &kind, const QString &orderId)
{
    const std::optional<QJsonObject> record = m_context->store().record(kind, orderId);
    if (!record)
        return;
    Wire::Envelope message;
    message.id = record->value(u"messageId"_s).toString().toUtf8();
    message.requestId = record->value(u"requestId"_s).toString().toUtf8();
    message.address = record->value(u"address"_s).toString();
    message.setHeader(u"Method"_s, u"POST"_s);
    message.body = Pugs::compactJson(record->value(u"body"_s).toObject());
    m_pending.insert(m_context->send(std::move(message)), {kind, orderId});
}

void PreparerRole::settled(const QByteArray &messageId, bool accepted)
{
    if (!m_context)
        return;
    if (messageId == m_askMessage) {
        m_askMessage.clear();
        if (!accepted)
            m_retryAtMs = m_context->nowMs() + m_retryMs;   // no cabinet right now
        return;
    }
    const auto it = m_pending.constFind(messageId);
    if (it == m_pending.cend())
        return;
    const auto [kind, orderId] = it.value();
    m_pending.erase(it);
    if (accepted)
        m_context->store().removeRecord(kind, orderId);
    else
        m_pendingRetryAt.insert(kind + u'|' + orderId, m_context->nowMs() + m_retryMs);
}

void PreparerRole::finishCurrent()
{
    EntityStore &store = m_context->store();
    store.complete(m_workId);
    store.removeRecord(currentKind, currentId);
    m_phase = Phase::Idle;
    m_workId.clear();
    m_takeId.clear();
    m_askMessage.clear();
    m_retryAtMs = 0;
    publishOutstanding();
}

void PreparerRole::saveCurrent()
{
    m_context->store().putRecord(currentKind, currentId,
                                 QJsonObject{{u"workId"_s, QString::fromUtf8(m_workId)},
                                             {u"order"_s, m_order.toJson()},
                                             {u"takeId"_s, QString::fromUtf8(m_takeId)},
                                             {u"phase"_s, phaseName(int(m_phase))},
                                             {u"makingSinceMs"_s, m_makingSinceMs}});
}

void PreparerRole::publishOutstanding()
{
    m_context->setOutstanding(int(qMin<qsizetype>(m_context->store().backlogSize(), 1 << 30)));
}

QJsonObject PreparerRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"made"_s, u"plaiceMade"_s, u"waited"_s, u"sentToCook"_s, u"repeats"_s,
                                    u"served.cod"_s, u"served.chips"_s, u"served.plaice"_s});
    t.insert(u"group"_s, m_group);
    t.insert(u"prepareMs"_s, m_prepareMs);
    t.insert(u"phase"_s, phaseName(int(m_phase)));
    t.insert(u"current"_s, m_phase == Phase::Idle ? QJsonValue() : QJsonValue(m_order.id));
    if (m_context)
        t.insert(u"backlog"_s, qint64(m_context->store().backlogSize()));
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool PreparerRole::drain()
{
    // Take no new orders and start no queued one: the queue is durable and waits for the
    // restart. Drained once the order in hand is done and every message is settled.
    if (!m_draining && m_context) {
        m_context->unsubscribe(u"/orders"_s);
        m_context->unsubscribe(u"/cooked"_s);
    }
    m_draining = true;
    return !m_context || (m_phase == Phase::Idle && m_pending.isEmpty() && m_pendingRetryAt.isEmpty());
}

} // namespace Portolan::Node::FishAndChips
