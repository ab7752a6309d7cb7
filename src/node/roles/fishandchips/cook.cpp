#include "node/roles/fishandchips/cook.h"

#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/store/entitystore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

Q_LOGGING_CATEGORY(lcCook, "portolan.node.fishandchips.cook")

// A cooked job on its way: first to the cabinet ("stocking"), then back to the
// preparers ("returning").
const QString deliveryKind = u"delivery"_s;
const QString stocking = u"stocking"_s;
const QString returning = u"returning"_s;

constexpr qint64 DefaultFryMs = 800;

} // namespace

QString CookRole::name() const
{
    return u"cook"_s;
}

Portions CookRole::roundUp(const Portions &missing, const Portions &batches)
{
    Portions cooked;
    const QStringList items = missing.items();
    for (const QString &item : items) {
        const qint64 need = missing.count(item);
        const qint64 batch = batches.count(item);
        cooked.set(item, batch > 0 ? (need + batch - 1) / batch * batch : need);
    }
    return cooked;
}

bool CookRole::readParams(const QJsonObject &params)
{
    QString problem;
    const QJsonValue batch = params.value(u"batch"_s);
    const std::optional<Portions> batches = batch.isObject()
        ? Portions::fromJson(batch.toObject(), &problem)
        : std::optional<Portions>(Portions{{u"cod"_s, 6}, {u"chips"_s, 10}});
    const QJsonValue fry = params.value(u"fryMs"_s);
    const std::optional<Portions> fryMs = fry.isObject()
        ? Portions::fromJson(fry.toObject(), &problem)
        : std::optional<Portions>(Portions{{u"cod"_s, 800}, {u"chips"_s, 600}, {u"plaice"_s, 1200}});
    m_retryMs = Pugs::integerOf(params.value(u"retryMs"_s), 500);
    if (!batches || !fryMs || m_retryMs < 1) {
        m_error = problem.isEmpty() ? u"param \"retryMs\" must be >= 1"_s : u"params batch and fryMs: "_s + problem;
        return false;
    }
    m_batches = *batches;
    m_fryMs = *fryMs;
    return true;
}

void CookRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcCook).noquote() << context.nodeId() << m_error;
        return;
    }
    m_tally.load(context.store());
    m_freeAtMs = context.nowMs();   // a job that was frying when the cook stopped starts over
    const QList<QJsonObject> deliveries = context.store().records(deliveryKind);
    for (const QJsonObject &delivery : deliveries)
        sendDelivery(delivery.value(u"job"_s).toString());
    publishOutstanding();
    context.subscribe(u"/cook"_s);
}

void CookRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    if (!FishOrder::fromBody(message.body)) {
        m_context->reply(message, Pugs::compactJson(QJsonObject{{u"error"_s, u"not an order"_s}}), 400);
        return;
    }
    const QByteArray jobId = message.requestId.isEmpty() ? message.id : message.requestId;
    if (m_context->store().enqueue(jobId, message.body, m_context->nowMs()))
        publishOutstanding();
}

qint64 CookRole::cookingTime(const Portions &missing) const
{
    qint64 longest = 0;
    const QStringList items = missing.items();
    for (const QString &item : items)
        longest = qMax(longest, m_fryMs.has(item) ? m_fryMs.count(item) : DefaultFryMs);
    return longest;
}

void CookRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const QList<QString> due = m_retryAt.keys();
    for (const QString &job : due) {
        if (m_retryAt.value(job) <= nowMs) {
            m_retryAt.remove(job);
            sendDelivery(job);
        }
    }
    EntityStore &store = m_context->store();
    // One fryer, first in first out; jobs follow each other without a gap however the
    // ticks fall.
    while (!m_draining) {
        const std::optional<EntityStore::WorkItem> job = store.nextWork();
        if (!job)
            break;
        const QJsonObject body = QJsonDocument::fromJson(job->payload).object();
        const Portions missing = Portions::fromJson(body.value(u"short"_s).toObject()).value_or(Portions{});
        const qint64 startMs = qMax(m_freeAtMs, job->enqueuedMs);
        const qint64 doneMs = startMs + cookingTime(missing);
        if (doneMs > nowMs)
            break;
        finishJob(job->id, job->payload, doneMs);
        m_freeAtMs = doneMs;
    }
}

void CookRole::finishJob(const QByteArray &jobId, const QByteArray &payload, qint64 doneMs)
{
    EntityStore &store = m_context->store();
    QJsonObject order = QJsonDocument::fromJson(payload).object();
    const Portions missing = Portions::fromJson(order.take(u"short"_s).toObject()).value_or(Portions{});
    order.remove(u"preparer"_s);
    const Portions cooked = roundUp(missing, m_batches);
    const QString job = QString::fromUtf8(jobId);
    store.complete(jobId);
    store.putRecord(deliveryKind, job, QJsonObject{{u"job"_s, job},
                                                   {u"order"_s, order},
                                                   {u"cooked"_s, cooked.toJson()},
                                                   {u"phase"_s, cooked.isEmpty() ? returning : stocking}});
    m_tally.add(store, u"jobs"_s);
    const QStringList items = cooked.items();
    for (const QString &item : items)
        m_tally.add(store, u"cooked."_s + item, cooked.count(item));
    m_context->emitEvent(u"batch-cooked"_s, QJsonObject{{u"order"_s, order.value(u"order"_s)},
                                                       {u"short"_s, missing.toJson()},
                                                       {u"cooked"_s, cooked.toJson()},
                                                       {u"cookMs"_s, cookingTime(missing)},
                                                       {u"doneMs"_s, doneMs}});
    publishOutstanding();
    sendDelivery(job);
}

void CookRole::sendDelivery(const QString &jobId)
{
    const std::optional<QJsonObject> delivery = m_context->store().record(deliveryKind, jobId);
    if (!delivery)
        return;
    const QJsonObject order = delivery->value(u"order"_s).toObject();
    Wire::Envelope message;
    message.setHeader(u"Method"_s, u"POST"_s);
    if (delivery->value(u"phase"_s).toString() == stocking) {
        // The cabinet first: the order may only go back once its portions are there.
        message.id = u"stock/%1/%2"_s.arg(m_context->nodeId(), jobId).toUtf8();
        message.requestId = u"stock/"_s.toUtf8() + jobId.toUtf8();
        message.address = u"/cabinet/stock"_s;
        message.body = Pugs::compactJson(QJsonObject{{u"items"_s, delivery->value(u"cooked"_s)},
                                                     {u"cook"_s, m_context->nodeId()},
                                                     {u"order"_s, order.value(u"order"_s)}});
    } else {
        message.id = u"cooked/%1/%2"_s.arg(m_context->nodeId(), jobId).toUtf8();
        message.requestId = order.value(u"order"_s).toString().toUtf8();
        message.address = u"/cooked"_s;
        message.key = order.value(u"key"_s).toString();
        message.body = Pugs::compactJson(order);
    }
    m_sending.insert(m_context->send(std::move(message)), jobId);
}

void CookRole::settled(const QByteArray &messageId, bool accepted)
{
    const QString job = m_sending.take(messageId);
    if (job.isEmpty() || !m_context)
        return;
    if (!accepted) {
        m_retryAt.insert(job, m_context->nowMs() + m_retryMs);
        return;
    }
    EntityStore &store = m_context->store();
    std::optional<QJsonObject> delivery = store.record(deliveryKind, job);
    if (!delivery)
        return;
    if (delivery->value(u"phase"_s).toString() == stocking) {
        delivery->insert(u"phase"_s, returning);
        store.putRecord(deliveryKind, job, *delivery);
        sendDelivery(job);
        return;
    }
    store.removeRecord(deliveryKind, job);
    m_tally.add(store, u"returned"_s);
    m_context->emitEvent(u"order-returned"_s,
                         QJsonObject{{u"order"_s, delivery->value(u"order"_s).toObject().value(u"order"_s)}});
}

void CookRole::publishOutstanding()
{
    m_context->setOutstanding(int(qMin<qsizetype>(m_context->store().backlogSize(), 1 << 30)));
}

QJsonObject CookRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"jobs"_s, u"returned"_s, u"cooked.cod"_s, u"cooked.chips"_s, u"cooked.plaice"_s});
    t.insert(u"batch"_s, m_batches.toJson());
    if (m_context) {
        t.insert(u"backlog"_s, qint64(m_context->store().backlogSize()));
        t.insert(u"delivering"_s, qint64(m_sending.size() + m_retryAt.size()));
    }
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool CookRole::drain()
{
    // Fry nothing new (the queue is durable); drained once every delivery is settled.
    if (!m_draining && m_context)
        m_context->unsubscribe(u"/cook"_s);
    m_draining = true;
    return m_sending.isEmpty() && m_retryAt.isEmpty();
}

} // namespace Portolan::Node::FishAndChips
