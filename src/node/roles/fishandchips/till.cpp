#include "node/roles/fishandchips/till.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

Q_LOGGING_CATEGORY(lcTill, "portolan.node.fishandchips.till")

const QString orderKind = u"order"_s;
const QString webRequestKind = u"web-request"_s;
const QString ordersAddress = u"/orders"_s;

QByteArray messageIdFor(const QString &orderId)
{
    // One message id per order, reused when a refused order is sent again: consumers
    // that already have it drop the repeat by id.
    return "order/" + orderId.toUtf8();
}

} // namespace

QString TillRole::name() const
{
    return u"till"_s;
}

bool TillRole::readParams(const QJsonObject &params)
{
    m_number = int(Pugs::integerOf(params.value(u"number"_s)));
    if (m_number <= 0) {
        m_error = u"param \"number\" must be a whole number >= 1"_s;
        return false;
    }
    m_rate = Pugs::numberOf(params.value(u"rate"_s), 1);
    m_count = Pugs::integerOf(params.value(u"count"_s), 0);
    const qint64 startDelay = Pugs::integerOf(params.value(u"startDelayMs"_s), 0);
    m_retryMs = Pugs::integerOf(params.value(u"retryMs"_s), 1000);
    if (m_rate < 0 || m_count < 0 || startDelay < 0 || m_retryMs < 1) {
        m_error = u"params rate, count and startDelayMs must be >= 0 and retryMs >= 1"_s;
        return false;
    }
    m_plaiceKey = params.value(u"plaiceKey"_s).toString(u"plaice"_s);
    QString problem;
    const std::optional<Menu> menu = Menu::fromJson(params.value(u"menu"_s).toObject(), &problem);
    if (!menu) {
        m_error = u"param \"menu\": "_s + problem;
        return false;
    }
    m_menu = *menu;
    const std::optional<OrderMix> mix = OrderMix::fromParams(params, &problem);
    if (!mix) {
        m_error = problem;
        return false;
    }
    m_mix = *mix;
    m_base = u"/till/"_s + QString::number(m_number);
    m_startAtMs = m_context->nowMs() + startDelay;
    return true;
}

void TillRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcTill).noquote() << context.nodeId() << m_error;
        return;
    }
    restore();
    m_lastRefillMs = m_startAtMs;
    context.subscribe(m_base);
}

void TillRole::restore()
{
    EntityStore &store = m_context->store();
    m_tally.load(store);
    m_generated = m_tally.value(u"generated"_s);
    // Orders taken but never accepted by "/orders" go out again, oldest first.
    const QList<QJsonObject> orders = store.records(orderKind);
    for (const QJsonObject &record : orders) {
        if (!record.value(u"sent"_s).toBool())
            m_unsent.append(record.value(u"order"_s).toString());
    }
}

FishOrder TillRole::newOrder(const QString &channel, const Portions &items, qint64 nowMs)
{
    FishOrder order;
    m_tally.add(m_context->store(), u"numbered"_s);
    order.id = u"T%1-%2"_s.arg(m_number).arg(m_tally.value(u"numbered"_s));
    order.till = m_number;
    order.channel = channel;
    order.items = items;
    order.price = m_menu.priceOf(items).value_or(0);
    order.placedMs = nowMs;
    order.replyTo = m_base + u"/ready"_s;
    if (order.hasPlaice())
        order.key = m_plaiceKey;
    return order;
}

void TillRole::place(const FishOrder &order)
{
    // Taken and paid for: from here on the order is the till's to deliver.
    EntityStore &store = m_context->store();
    QJsonObject record = order.toJson();
    record.insert(u"sent"_s, false);
    record.insert(u"collected"_s, false);
    store.putRecord(orderKind, order.id, record);
    m_tally.add(store, u"orders"_s);
    m_tally.add(store, u"takings"_s, order.price);
    m_tally.add(store, order.channel);
    if (order.hasPlaice())
        m_tally.add(store, u"plaice"_s);
    if (order.isMultiPortion())
        m_tally.add(store, u"multiPortion"_s);
    m_unsent.append(order.id);
    m_context->emitEvent(u"order-taken"_s, QJsonObject{{u"till"_s, m_number},
                                                      {u"order"_s, order.id},
                                                      {u"channel"_s, order.channel},
                                                      {u"items"_s, order.items.toJson()},
                                                      {u"price"_s, order.price},
                                                      {u"plaice"_s, order.hasPlaice()}});
}

void TillRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    if (!m_draining && nowMs >= m_startAtMs && !countReached()) {
        const qint64 elapsed = nowMs - m_lastRefillMs;
        if (elapsed > 0) {
            m_lastRefillMs = nowMs;
            m_credit = std::min(m_credit + double(elapsed) * m_rate, std::max(1000.0, m_rate * 1000.0));
        }
        while (m_credit >= 1000.0 && !countReached()) {
            m_credit -= 1000.0;
            const OrderMix::Draw draw = m_mix.draw(m_number, m_generated + 1);
            m_tally.add(m_context->store(), u"generated"_s);
            m_generated = m_tally.value(u"generated"_s);
            place(newOrder(draw.channel, draw.items, nowMs));
        }
    }
    sendUnsent(nowMs);
}

void TillRole::sendUnsent(qint64 nowMs)
{
    if (nowMs < m_retryAtMs)
        return;
    int sends = 0;
    EntityStore &store = m_context->store();
    while (!m_unsent.isEmpty() && sends < MaxSendsPerTick) {
        const QString id = m_unsent.takeFirst();
        const std::optional<QJsonObject> record = store.record(orderKind, id);
        const std::optional<FishOrder> order = record ? FishOrder::fromJson(*record) : std::nullopt;
        if (!order)
            continue;
        Wire::Envelope message;
        message.id = messageIdFor(id);
        message.requestId = id.toUtf8();
        message.address = ordersAddress;
        message.replyTo = order->replyTo;
        message.key = order->key;
        message.body = order->toBody();
        message.setHeader(u"Method"_s, u"POST"_s);
        m_sending.insert(m_context->send(std::move(message)), id);
        ++sends;
    }
}

void TillRole::settled(const QByteArray &messageId, bool accepted)
{
    const auto it = m_sending.constFind(messageId);
    if (it == m_sending.cend())
        return;
    const QString id = it.value();
    m_sending.erase(it);
    EntityStore &store = m_context->store();
    if (!accepted) {
        // Nobody took it (no preparer yet, or the kitchen unreachable): keep it and try
        // again later, in the order it was taken.
        m_unsent.prepend(id);
        m_retryAtMs = m_context->nowMs() + m_retryMs;
        m_tally.add(store, u"refusals"_s);
        return;
    }
    std::optional<QJsonObject> record = store.record(orderKind, id);
    if (!record)
        return;
    record->insert(u"sent"_s, true);
    store.putRecord(orderKind, id, *record);
    m_tally.add(store, u"sent"_s);
}

void TillRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    if (path == m_base + u"/ready"_s) {
        collect(message);
    } else if (path == m_base + u"/orders"_s) {
        if (fields.isWrite())
            takeWebOrder(message);
        else
            replyJson(message, QJsonObject{{u"error"_s, u"orders need POST"_s}}, 405);
    } else if (path == m_base) {
        QJsonObject status = telemetry();
        status.insert(u"node"_s, m_context->nodeId());
        replyJson(message, status, 200);
    } else {
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    }
}

void TillRole::takeWebOrder(const Wire::Envelope &request)
{
    EntityStore &store = m_context->store();
    const QString requestId = QString::fromUtf8(request.requestId.isEmpty() ? request.id : request.requestId);
    if (const std::optional<QJsonObject> known = store.record(webRequestKind, requestId)) {
        // The same request again: the same order, not a second one.
        const QString id = known->value(u"order"_s).toString();
        if (const std::optional<QJsonObject> record = store.record(orderKind, id)) {
            replyJson(request, *record, 200);
            return;
        }
    }
    const Pugs::RequestFields fields(request);
    QString problem;
    const std::optional<Portions> items = Portions::fromJson(fields.body().value(u"items"_s).toObject(), &problem);
    if (!items || items->isEmpty()) {
        replyJson(request, QJsonObject{{u"error"_s, problem.isEmpty() ? u"an order needs items"_s : problem}}, 400);
        return;
    }
    const QStringList names = items->items();
    for (const QString &item : names) {
        if (!m_menu.sells(item)) {
            replyJson(request, QJsonObject{{u"error"_s, u"the shop does not sell %1"_s.arg(item)}}, 400);
            return;
        }
    }
    const FishOrder order = newOrder(u"web"_s, *items, m_context->nowMs());
    place(order);
    store.putRecord(webRequestKind, requestId, QJsonObject{{u"order"_s, order.id}});
    replyJson(request, order.toJson(), 200);
}

void TillRole::collect(const Wire::Envelope &ready)
{
    EntityStore &store = m_context->store();
    const QJsonObject body = QJsonDocument::fromJson(ready.body).object();
    const QString id = body.value(u"order"_s).toString();
    std::optional<QJsonObject> record = store.record(orderKind, id);
    if (!record) {
        qCDebug(lcTill) << "till" << m_number << "knows no order" << id;
        return;
    }
    const QString preparer = body.value(u"preparer"_s).toString();
    if (record->value(u"collected"_s).toBool()) {
        // Made up twice: the first bag went to the customer, this one shows the fault.
        m_tally.add(store, u"duplicateCompletions"_s);
        m_context->emitEvent(u"order-completed-again"_s,
                             QJsonObject{{u"till"_s, m_number}, {u"order"_s, id}, {u"preparer"_s, preparer},
                                         {u"firstPreparer"_s, record->value(u"preparer"_s)}});
        return;
    }
    const qint64 now = m_context->nowMs();
    const qint64 placedMs = qint64(record->value(u"placedMs"_s).toDouble());
    record->insert(u"collected"_s, true);
    record->insert(u"preparer"_s, preparer);
    record->insert(u"collectedMs"_s, now);
    store.putRecord(orderKind, id, *record);
    m_tally.add(store, u"collected"_s);
    m_context->emitEvent(u"order-collected"_s,
                         QJsonObject{{u"till"_s, m_number}, {u"order"_s, id}, {u"preparer"_s, preparer},
                                     {u"cookRounds"_s, body.value(u"cookRounds"_s).toInt()},
                                     {u"plaice"_s, body.value(u"plaice"_s).toBool()},
                                     {u"waitedMs"_s, qMax<qint64>(0, now - placedMs)}});
}

void TillRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

QJsonObject TillRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"orders"_s, u"takings"_s, u"web"_s, u"counter"_s, u"plaice"_s,
                                    u"multiPortion"_s, u"sent"_s, u"collected"_s, u"duplicateCompletions"_s,
                                    u"refusals"_s});
    t.insert(u"till"_s, m_number);
    t.insert(u"rate"_s, m_rate);
    t.insert(u"awaiting"_s, m_tally.value(u"orders"_s) - m_tally.value(u"collected"_s));
    t.insert(u"unsent"_s, qint64(m_unsent.size() + m_sending.size()));
    t.insert(u"done"_s, countReached());
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool TillRole::drain()
{
    // Take no more customers; drained once every order taken is with the kitchen.
    m_draining = true;
    return m_unsent.isEmpty() && m_sending.isEmpty();
}

} // namespace Portolan::Node::FishAndChips
