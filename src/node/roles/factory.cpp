#include "node/roles/factory.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using Pugs::RequestFields;

namespace {

Q_LOGGING_CATEGORY(lcFactory, "portolan.node.factory")

const QString trackingPrefix = u"/tracking/"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

QByteArray requestIdOf(const Wire::Envelope &message)
{
    return message.requestId.isEmpty() ? message.id : message.requestId;
}

// Order states, in the order an order goes through them.
const QString queued = u"queued"_s;
const QString building = u"building"_s;
const QString built = u"built"_s;          // built, offered to the trucks
const QString dispatched = u"dispatched"_s; // a truck has it

} // namespace

QString FactoryRole::name() const
{
    return u"factory"_s;
}

void FactoryRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_number = int(Pugs::integerOf(params.value(u"number"_s)));
    if (m_number <= 0)
        qCWarning(lcFactory) << "factory" << context.nodeId() << "has no valid param \"number\"";
    m_base = u"/factory/"_s + QString::number(m_number);
    m_position = Pugs::MapPoint::fromJson(params.value(u"position"_s)).value_or(Pugs::MapPoint{});
    m_buildMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"buildMs"_s), 1000));
    m_capacity = int(qMax<qint64>(0, Pugs::integerOf(params.value(u"capacity"_s), 0)));
    m_dispatchRetryMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"dispatchRetryMs"_s), 1000));
    m_lastTickMs = context.nowMs();

    restore();
    context.subscribe(u"/factories"_s, {}, m_capacity);
    context.subscribe(m_base);
    advertiseBacklog();
}

void FactoryRole::restore()
{
    EntityStore &store = m_context->store();
    m_builtCount = store.completedCount();
    const QList<QJsonObject> orders = store.records(u"tracking"_s);
    for (const QJsonObject &order : orders) {
        const QString tracking = order.value(u"tracking"_s).toString();
        const QString status = order.value(u"status"_s).toString();
        if (status == dispatched || tracking.isEmpty())
            continue;
        m_orders.insert(tracking, order);
        m_context->subscribe(trackingPrefix + tracking);
        if (status == queued || status == building) {
            m_queue.append(tracking);
            if (status == building)
                m_building = tracking;   // its build resumes from the persisted start time
        } else if (status == built) {
            // Offered to the trucks before the restart, settlement unknown: offer again;
            // a truck that already has it takes the repeat as a no-op.
            m_dispatchRetryAt.insert(tracking, m_context->nowMs());
        }
    }
    if (!m_building.isEmpty() && m_queue.first() != m_building) {
        // Only the head is ever built; a record saying otherwise is put back in line.
        qCWarning(lcFactory) << "factory" << m_number << "found" << m_building << "building out of order";
        updateOrder(m_building, QJsonObject{{u"status"_s, queued}});
        m_building.clear();
    }
}

void FactoryRole::handle(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (path.startsWith(trackingPrefix)) {
        answerTracking(message, path.mid(trackingPrefix.size()).section(u'/', 0, 0));
    } else if (path == u"/factories/orders" || path == u"/factories" || path == m_base + u"/orders"_s) {
        if (fields.isWrite())
            takeOrder(message, fields);
        else
            replyJson(message, QJsonObject{{u"error"_s, u"orders need POST"_s}}, 405);
    } else if (path == m_base || path == m_base + u"/status"_s) {
        QJsonObject status = telemetry();
        QJsonArray queue;
        for (const QString &tracking : std::as_const(m_queue))
            queue.append(tracking);
        status.insert(u"queue"_s, queue);
        status.insert(u"node"_s, m_context->nodeId());
        replyJson(message, status);
    } else if (isUnder(path, u"/factories"_s) || isUnder(path, m_base)) {
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    } else {
        qCDebug(lcFactory) << "factory" << m_number << "ignores" << path;
    }
}

QString FactoryRole::trackingIdFor(const QByteArray &requestId) const
{
    // "T-<factory>-<short request id>": the short id is a hash prefix, so any request id
    // (HTTP ingress ids, store-made "R#order" ids) gives a short, path-safe tracking id,
    // and the same request always gives the same one. A clash with another request's
    // tracking id lengthens the prefix.
    const QByteArray digest = QCryptographicHash::hash(requestId, QCryptographicHash::Sha1).toHex();
    const QString prefix = u"T-"_s + QString::number(m_number) + u'-';
    for (qsizetype digits = 8; digits < digest.size(); digits += 4) {
        const QString id = prefix + QString::fromLatin1(digest.left(digits));
        const std::optional<QJsonObject> known = m_context->store().record(u"tracking"_s, id);
        if (!known || known->value(u"requestId"_s).toString().toUtf8() == requestId)
            return id;
    }
    return prefix + QString::fromLatin1(digest);
}

void FactoryRole::takeOrder(const Wire::Envelope &request, const RequestFields &fields)
{
    const QByteArray requestId = requestIdOf(request);
    const QString tracking = trackingIdFor(requestId);
    EntityStore &store = m_context->store();

    if (const std::optional<QJsonObject> known = store.record(u"tracking"_s, tracking)) {
        // The same order again (a resend with a new message id): same tracking id, no new work.
        replyJson(request, trackingAnswer(*known));
        return;
    }

    const QString item = fields.text(u"item"_s);
    const qint64 storeNumber = Pugs::integerOf(fields.value(u"store"_s));
    const std::optional<Pugs::MapPoint> storePosition = Pugs::MapPoint::fromJson(fields.value(u"storePosition"_s));
    if (item.isEmpty() || storeNumber <= 0 || !storePosition) {
        replyJson(request, QJsonObject{{u"error"_s, u"an order needs item, store and storePosition"_s}}, 400);
        return;
    }

    const QJsonObject order{{u"tracking"_s, tracking},
                            {u"requestId"_s, QString::fromUtf8(requestId)},
                            {u"status"_s, queued},
                            {u"item"_s, item},
                            {u"customer"_s, fields.text(u"customer"_s)},
                            {u"store"_s, storeNumber},
                            {u"storePosition"_s, storePosition->toJson()},
                            {u"factory"_s, m_number},
                            {u"enqueuedMs"_s, m_context->nowMs()}};
    // Over capacity is still accepted: the router's balancing is advisory and may race
    // with our advertisement, and a durable backlog loses nothing by being long.
    store.enqueue(requestId, Pugs::compactJson(order), m_context->nowMs());
    store.putRecord(u"tracking"_s, tracking, order);
    m_orders.insert(tracking, order);
    m_queue.append(tracking);
    m_context->subscribe(trackingPrefix + tracking);
    advertiseBacklog();
    m_context->emitEvent(u"order-queued"_s, QJsonObject{{u"factory"_s, m_number},
                                                        {u"tracking"_s, tracking},
                                                        {u"item"_s, item},
                                                        {u"store"_s, storeNumber},
                                                        {u"backlog"_s, qint64(m_queue.size())}});
    replyJson(request, trackingAnswer(order));
}

QJsonObject FactoryRole::trackingAnswer(const QJsonObject &record) const
{
    const QString tracking = record.value(u"tracking"_s).toString();
    const qsizetype position = m_queue.indexOf(tracking);
    return QJsonObject{{u"tracking"_s, tracking},
                       {u"status"_s, record.value(u"status"_s)},
                       {u"factory"_s, m_number},
                       {u"item"_s, record.value(u"item"_s)},
                       {u"store"_s, record.value(u"store"_s)},
                       // Items ahead of this one; 0 is being built. Null once built.
                       {u"queuePosition"_s, position >= 0 ? QJsonValue(qint64(position)) : QJsonValue()}};
}

void FactoryRole::answerTracking(const Wire::Envelope &request, const QString &tracking)
{
    const auto order = m_orders.constFind(tracking);
    if (order != m_orders.cend()) {
        replyJson(request, trackingAnswer(*order));
        return;
    }
    if (const std::optional<QJsonObject> record = m_context->store().record(u"tracking"_s, tracking)) {
        replyJson(request, trackingAnswer(*record));
        return;
    }
    // Not ours: a prefix subscription saw another order's tracking. Stay silent so the
    // factory or truck that has it answers.
    qCDebug(lcFactory) << "factory" << m_number << "knows no tracking id" << tracking;
}

void FactoryRole::tick(qint64 nowMs)
{
    // The factory builds without pause between ticks: an item started when the previous
    // one finished (or when it arrived, or when the factory last became idle), so the
    // throughput does not depend on the tick interval.
    qint64 freeAtMs = m_lastTickMs;
    m_lastTickMs = nowMs;
    while (true) {
        if (m_building.isEmpty()) {
            if (m_draining || m_queue.isEmpty())
                break;
            const qint64 enqueuedMs = Pugs::integerOf(m_orders.value(m_queue.first()).value(u"enqueuedMs"_s));
            startBuild(m_queue.first(), qMin(nowMs, qMax(freeAtMs, enqueuedMs)));
        }
        const qint64 doneAtMs = Pugs::integerOf(m_orders.value(m_building).value(u"buildStartedMs"_s)) + m_buildMs;
        if (doneAtMs > nowMs)
            break;
        finishBuild(m_building, doneAtMs);
        freeAtMs = doneAtMs;
    }

    const QList<QString> due = m_dispatchRetryAt.keys();
    for (const QString &tracking : due) {
        if (m_dispatchRetryAt.value(tracking) <= nowMs) {
            m_dispatchRetryAt.remove(tracking);
            dispatch(tracking);
        }
    }
}

void FactoryRole::startBuild(const QString &tracking, qint64 atMs)
{
    m_building = tracking;
    updateOrder(tracking, QJsonObject{{u"status"_s, building}, {u"buildStartedMs"_s, atMs}});
    m_context->emitEvent(u"build-started"_s, QJsonObject{{u"factory"_s, m_number}, {u"tracking"_s, tracking}});
}

void FactoryRole::finishBuild(QString tracking, qint64 atMs)
{
    EntityStore &store = m_context->store();
    const QByteArray requestId = m_orders.value(tracking).value(u"requestId"_s).toString().toUtf8();
    store.begin();
    store.complete(requestId);
    updateOrder(tracking, QJsonObject{{u"status"_s, built}, {u"builtMs"_s, atMs}});
    if (!store.commit())
        qCWarning(lcFactory) << "factory" << m_number << "could not record" << tracking << "built:" << store.lastError();
    m_queue.removeOne(tracking);
    m_building.clear();
    ++m_builtCount;
    advertiseBacklog();

    const QJsonObject order = m_orders.value(tracking);
    m_context->emitEvent(u"order-built"_s, QJsonObject{{u"factory"_s, m_number},
                                                       {u"tracking"_s, tracking},
                                                       {u"item"_s, order.value(u"item"_s)},
                                                       {u"store"_s, order.value(u"store"_s)},
                                                       {u"buildMs"_s, m_buildMs}});
    notifyCustomer(order);
    dispatch(tracking);
}

void FactoryRole::notifyCustomer(const QJsonObject &order)
{
    const QString customer = order.value(u"customer"_s).toString();
    if (customer.isEmpty())
        return;
    const QString item = order.value(u"item"_s).toString();
    const QString store = QString::number(Pugs::integerOf(order.value(u"store"_s)));
    Wire::Envelope notification;
    // The customer's name is one path segment, whatever characters it has.
    notification.address = u"/notifications/"_s + QString::fromLatin1(QUrl::toPercentEncoding(customer));
    notification.requestId = order.value(u"requestId"_s).toString().toUtf8();
    notification.setHeader(u"Method"_s, u"POST"_s);
    notification.body = Pugs::compactJson(
        QJsonObject{{u"tracking"_s, order.value(u"tracking"_s)},
                    {u"status"_s, built},
                    {u"item"_s, item},
                    {u"factory"_s, m_number},
                    {u"store"_s, order.value(u"store"_s)},
                    {u"message"_s, QString(u"Your "_s + item + u" is built at factory "_s + QString::number(m_number)
                                               + u" and on its way to store "_s + store + u'.')}});
    // Nobody may be listening for this customer; the notification is a courtesy, its
    // settlement changes nothing.
    m_context->send(std::move(notification));
}

void FactoryRole::dispatch(const QString &tracking)
{
    const QJsonObject order = m_orders.value(tracking);
    if (order.isEmpty())
        return;
    Wire::Envelope job;
    job.address = u"/trucks/jobs"_s;
    job.requestId = tracking.toUtf8();
    job.setHeader(u"Method"_s, u"POST"_s);
    job.body = Pugs::compactJson(QJsonObject{{u"tracking"_s, tracking},
                                             {u"item"_s, order.value(u"item"_s)},
                                             {u"quantity"_s, 1},
                                             {u"customer"_s, order.value(u"customer"_s)},
                                             {u"from"_s, m_position.toJson()},
                                             {u"fromFactory"_s, m_number},
                                             {u"toStore"_s, order.value(u"store"_s)},
                                             {u"to"_s, order.value(u"storePosition"_s)}});
    m_dispatches.insert(m_context->send(std::move(job)), tracking);
}

void FactoryRole::settled(const QByteArray &messageId, bool accepted)
{
    const QString tracking = m_dispatches.take(messageId);
    if (tracking.isEmpty())
        return;
    if (!accepted) {
        // No truck free or reachable: offer the job again later.
        qCInfo(lcFactory) << "factory" << m_number << "found no truck for" << tracking << "- retrying";
        m_dispatchRetryAt.insert(tracking, m_context->nowMs() + m_dispatchRetryMs);
        return;
    }
    updateOrder(tracking, QJsonObject{{u"status"_s, dispatched}, {u"dispatchedMs"_s, m_context->nowMs()}});
    m_orders.remove(tracking);
    // The truck that took the job answers "/tracking/<id>" from now on.
    m_context->unsubscribe(trackingPrefix + tracking);
    m_context->emitEvent(u"order-dispatched"_s, QJsonObject{{u"factory"_s, m_number}, {u"tracking"_s, tracking}});
}

void FactoryRole::updateOrder(const QString &tracking, const QJsonObject &changes)
{
    QJsonObject order = m_orders.value(tracking);
    if (order.isEmpty())
        order = m_context->store().record(u"tracking"_s, tracking).value_or(QJsonObject{});
    if (order.isEmpty())
        return;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        order.insert(it.key(), it.value());
    if (m_orders.contains(tracking))
        m_orders.insert(tracking, order);
    m_context->store().putRecord(u"tracking"_s, tracking, order);
}

void FactoryRole::advertiseBacklog()
{
    m_context->setOutstanding(int(m_context->store().backlogSize()));
}

QJsonObject FactoryRole::telemetry() const
{
    return QJsonObject{{u"factory"_s, m_number},
                       {u"backlog"_s, qint64(m_queue.size())},
                       {u"built"_s, m_builtCount},
                       {u"buildMs"_s, m_buildMs},
                       {u"capacity"_s, m_capacity},
                       {u"building"_s, m_building.isEmpty() ? QJsonValue() : QJsonValue(m_building)},
                       {u"awaitingTruck"_s, qint64(m_dispatches.size() + m_dispatchRetryAt.size())},
                       {u"position"_s, m_position.toJson()}};
}

bool FactoryRole::drain()
{
    // Take no new orders and start no new builds. The backlog and a build in progress are
    // durable and resume after the restart; only a job offered to the trucks and not yet
    // settled is waited for, so its outcome is recorded.
    if (!m_draining) {
        m_draining = true;
        m_context->unsubscribe(u"/factories"_s);
    }
    return m_dispatches.isEmpty();
}

void FactoryRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

} // namespace Portolan::Node
