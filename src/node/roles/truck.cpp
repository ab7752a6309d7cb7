#include "node/roles/truck.h"

#include "node/roles/pugs/childrequest.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using Pugs::MapPoint;
using Pugs::RequestFields;
using Pugs::TruckJob;
using Pugs::TruckRoute;

namespace {

Q_LOGGING_CATEGORY(lcTruck, "portolan.node.truck")

const QString trackingPrefix = u"/tracking/"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

} // namespace

QString TruckRole::name() const
{
    return u"truck"_s;
}

void TruckRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_number = int(Pugs::integerOf(params.value(u"number"_s)));
    if (m_number <= 0)
        qCWarning(lcTruck) << "truck" << context.nodeId() << "has no valid param \"number\"";
    m_base = u"/truck/"_s + QString::number(m_number);
    m_position = MapPoint::fromJson(params.value(u"position"_s)).value_or(MapPoint{});
    const double speed = Pugs::numberOf(params.value(u"speed"_s), 50);
    m_speed = speed > 0 ? speed : 50;
    m_positionIntervalMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"positionIntervalMs"_s), 200));
    m_deliveryRetryMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"deliveryRetryMs"_s), 1000));
    m_lastTickMs = context.nowMs();

    restore();
    // Capacity 1: balanced distribution skips a truck that is on a job.
    context.subscribe(u"/trucks"_s, {}, 1);
    context.subscribe(m_base);
    if (m_active.isEmpty())
        startNextJob(context.nowMs());
    advertiseWork();
}

void TruckRole::restore()
{
    EntityStore &store = m_context->store();
    if (const std::optional<QJsonObject> state = store.record(u"truck"_s, u"state"_s)) {
        if (const std::optional<MapPoint> parked = MapPoint::fromJson(state->value(u"position"_s)))
            m_position = *parked;
    }
    const QList<QJsonObject> jobs = store.records(u"job"_s);
    for (const QJsonObject &record : jobs) {
        std::optional<TruckJob> job = TruckJob::fromJson(record);
        if (!job)
            continue;
        // Tracking questions keep reaching the truck for delivered jobs too.
        m_context->subscribe(trackingPrefix + job->tracking);
        switch (job->status) {
        case TruckJob::Status::OnTheWay:
            if (m_active.isEmpty()) {
                m_active = job->tracking;   // still driving: the clock says where it is
                m_jobs.insert(job->tracking, *job);
                break;
            }
            // Only one job is ever driven; another one marked so waits its turn again.
            job->status = TruckJob::Status::Queued;
            saveJob(*job);
            Q_FALLTHROUGH();
        case TruckJob::Status::Queued:
            m_queue.append(job->tracking);
            m_jobs.insert(job->tracking, *job);
            break;
        case TruckJob::Status::Delivered:
            ++m_jobsDone;
            if (!job->deliveryAcked) {
                // Sent before the restart, never acknowledged: send again, the store
                // takes a repeated tracking id as a no-op.
                m_jobs.insert(job->tracking, *job);
                m_deliveryRetryAt.insert(job->tracking, m_context->nowMs());
            }
            break;
        }
    }
}

void TruckRole::handle(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (path.startsWith(trackingPrefix)) {
        answerTracking(message, path.mid(trackingPrefix.size()).section(u'/', 0, 0));
    } else if (path == u"/trucks/jobs" || path == u"/trucks" || path == m_base + u"/jobs"_s) {
        if (fields.isWrite())
            acceptJob(message, fields);
        else
            replyJson(message, QJsonObject{{u"error"_s, u"jobs need POST"_s}}, 405);
    } else if (path == m_base || path == m_base + u"/status"_s) {
        QJsonObject status = telemetry();
        status.insert(u"node"_s, m_context->nodeId());
        replyJson(message, status);
    } else if (isUnder(path, u"/trucks"_s) || isUnder(path, m_base)) {
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    } else {
        qCDebug(lcTruck) << "truck" << m_number << "ignores" << path;
    }
}

void TruckRole::acceptJob(const Wire::Envelope &request, const RequestFields &fields)
{
    std::optional<TruckJob> parsed = TruckJob::fromJson(fields.body());
    if (!parsed) {
        replyJson(request, QJsonObject{{u"error"_s, u"a job needs tracking, from, to and toStore"_s}}, 400);
        return;
    }
    const QString tracking = parsed->tracking;
    if (m_jobs.contains(tracking) || m_context->store().record(u"job"_s, tracking)) {
        // The factory offers a job again when it did not see our acknowledgement.
        replyJson(request, QJsonObject{{u"accepted"_s, true}, {u"truck"_s, m_number}, {u"tracking"_s, tracking}});
        return;
    }
    // Only the route and the load come from the factory; the progress is ours.
    TruckJob job;
    job.tracking = tracking;
    job.item = parsed->item;
    job.quantity = parsed->quantity;
    job.customer = parsed->customer;
    job.from = parsed->from;
    job.to = parsed->to;
    job.fromFactory = parsed->fromFactory;
    job.toStore = parsed->toStore;
    job.acceptedMs = m_context->nowMs();

    // Accepted even while draining: the router acks once this returns, and a job the
    // factory believes delivered to a truck must not be dropped. It is durable.
    m_jobs.insert(tracking, job);
    m_queue.append(tracking);
    saveJob(job);
    m_context->subscribe(trackingPrefix + tracking);
    if (m_active.isEmpty())
        startNextJob(m_context->nowMs());
    advertiseWork();
    m_context->emitEvent(u"job-accepted"_s, QJsonObject{{u"truck"_s, m_number},
                                                        {u"tracking"_s, tracking},
                                                        {u"fromFactory"_s, job.fromFactory},
                                                        {u"toStore"_s, job.toStore}});
    const QJsonObject answer = trackingAnswer(m_jobs.value(tracking), m_context->nowMs());
    replyJson(request, QJsonObject{{u"accepted"_s, true},
                                   {u"truck"_s, m_number},
                                   {u"tracking"_s, tracking},
                                   {u"etaMs"_s, answer.value(u"etaMs"_s)}});
}

void TruckRole::startNextJob(qint64 atMs)
{
    m_active.clear();
    if (m_queue.isEmpty())
        return;
    const QString tracking = m_queue.takeFirst();
    TruckJob &job = m_jobs[tracking];
    job.status = TruckJob::Status::OnTheWay;
    job.start = m_position;
    job.startMs = atMs;
    saveJob(job);
    m_active = tracking;
    m_lastPositionMs = atMs - m_positionIntervalMs;   // report the departure at the next tick
    m_context->emitEvent(u"truck-departed"_s, QJsonObject{{u"truck"_s, m_number},
                                                          {u"tracking"_s, tracking},
                                                          {u"from"_s, job.from.toJson()},
                                                          {u"to"_s, job.to.toJson()},
                                                          {u"etaMs"_s, job.route(m_speed).durationMs()}});
}

void TruckRole::tick(qint64 nowMs)
{
    // Jobs follow each other without a pause between ticks: the next one sets off when
    // the previous one arrived (or, after a restart, when this process was back).
    const qint64 backSinceMs = m_lastTickMs;
    m_lastTickMs = nowMs;
    while (!m_active.isEmpty()) {
        const TruckJob &job = m_jobs[m_active];
        const qint64 arrivalMs = job.startMs + job.route(m_speed).durationMs();
        if (arrivalMs > nowMs)
            break;
        arrive(arrivalMs);
        startNextJob(qMax(arrivalMs, backSinceMs));
        advertiseWork();
    }
    if (!m_active.isEmpty() && nowMs - m_lastPositionMs >= m_positionIntervalMs)
        sendPosition(m_jobs[m_active], nowMs);

    const QList<QString> due = m_deliveryRetryAt.keys();
    for (const QString &tracking : due) {
        if (m_deliveryRetryAt.value(tracking) <= nowMs) {
            m_deliveryRetryAt.remove(tracking);
            sendDelivery(tracking);
        }
    }
}

void TruckRole::arrive(qint64 atMs)
{
    TruckJob &job = m_jobs[m_active];
    job.status = TruckJob::Status::Delivered;
    job.deliveredMs = atMs;
    m_position = job.to;
    ++m_jobsDone;
    m_context->store().begin();
    saveJob(job);
    saveState();
    if (!m_context->store().commit())
        qCWarning(lcTruck) << "truck" << m_number << "could not record the arrival:" << m_context->store().lastError();

    sendPosition(job, atMs);   // the last position: at the store
    sendDelivery(job.tracking);
    m_context->emitEvent(u"truck-arrived"_s, QJsonObject{{u"truck"_s, m_number},
                                                         {u"tracking"_s, job.tracking},
                                                         {u"toStore"_s, job.toStore},
                                                         {u"item"_s, job.item},
                                                         {u"position"_s, job.to.toJson()}});
    m_active.clear();
}

void TruckRole::sendPosition(const TruckJob &job, qint64 nowMs)
{
    const TruckRoute route = job.route(m_speed);
    const qint64 elapsedMs = (job.status == TruckJob::Status::Delivered ? job.deliveredMs : nowMs) - job.startMs;
    Wire::Envelope position;
    // "/positions" is unacked multicast by the scenario's distribution table: nobody
    // answers and nothing is resent, a lost position is replaced by the next one.
    position.address = u"/positions"_s;
    position.body = Pugs::compactJson(QJsonObject{{u"truck"_s, m_number},
                                                   {u"position"_s, route.positionAt(elapsedMs).toJson()},
                                                   {u"tracking"_s, job.tracking},
                                                   {u"heading"_s, route.headingAt(elapsedMs)},
                                                   {u"status"_s, TruckJob::statusName(job.status)},
                                                   {u"ts"_s, nowMs}});
    m_context->send(std::move(position));
    m_lastPositionMs = nowMs;
}

void TruckRole::sendDelivery(const QString &tracking)
{
    const auto job = m_jobs.constFind(tracking);
    if (job == m_jobs.cend())
        return;
    Wire::Envelope delivery;
    delivery.address = u"/store/"_s + QString::number(job->toStore) + u"/deliver"_s;
    delivery.requestId = Pugs::ChildRequest{tracking.toUtf8(), u"deliver"_s}.id();
    delivery.setHeader(u"Method"_s, u"POST"_s);
    delivery.body = Pugs::compactJson(QJsonObject{{u"item"_s, job->item},
                                                  {u"quantity"_s, job->quantity},
                                                  {u"tracking"_s, tracking},
                                                  {u"truck"_s, m_number}});
    m_deliveries.insert(m_context->send(std::move(delivery)), tracking);
}

void TruckRole::settled(const QByteArray &messageId, bool accepted)
{
    const QString tracking = m_deliveries.take(messageId);
    if (tracking.isEmpty() || !m_jobs.contains(tracking))
        return;
    if (!accepted) {
        qCInfo(lcTruck) << "truck" << m_number << "could not deliver" << tracking << "- retrying";
        m_deliveryRetryAt.insert(tracking, m_context->nowMs() + m_deliveryRetryMs);
        return;
    }
    TruckJob job = m_jobs.take(tracking);
    job.deliveryAcked = true;
    saveJob(job);
}

void TruckRole::answerTracking(const Wire::Envelope &request, const QString &tracking)
{
    const auto job = m_jobs.constFind(tracking);
    if (job != m_jobs.cend()) {
        replyJson(request, trackingAnswer(*job, m_context->nowMs()));
        return;
    }
    if (const std::optional<QJsonObject> record = m_context->store().record(u"job"_s, tracking)) {
        if (const std::optional<TruckJob> done = TruckJob::fromJson(*record)) {
            replyJson(request, trackingAnswer(*done, m_context->nowMs()));
            return;
        }
    }
    qCDebug(lcTruck) << "truck" << m_number << "knows no tracking id" << tracking;
}

QJsonObject TruckRole::trackingAnswer(const TruckJob &job, qint64 nowMs) const
{
    QJsonObject answer{{u"tracking"_s, job.tracking},
                       {u"status"_s, TruckJob::statusName(job.status)},
                       {u"truck"_s, m_number},
                       {u"item"_s, job.item},
                       {u"fromFactory"_s, job.fromFactory},
                       {u"toStore"_s, job.toStore}};
    switch (job.status) {
    case TruckJob::Status::Queued:
        answer.insert(u"position"_s, positionAt(nowMs).toJson());
        answer.insert(u"etaMs"_s, etaOfQueued(job.tracking, nowMs));
        break;
    case TruckJob::Status::OnTheWay: {
        const TruckRoute route = job.route(m_speed);
        const qint64 elapsedMs = nowMs - job.startMs;
        answer.insert(u"position"_s, route.positionAt(elapsedMs).toJson());
        answer.insert(u"heading"_s, route.headingAt(elapsedMs));
        answer.insert(u"pickedUp"_s, route.pickedUpAt(elapsedMs));
        answer.insert(u"etaMs"_s, route.remainingMs(elapsedMs));
        break;
    }
    case TruckJob::Status::Delivered:
        answer.insert(u"position"_s, job.to.toJson());
        answer.insert(u"etaMs"_s, 0);
        answer.insert(u"deliveredMs"_s, job.deliveredMs);
        break;
    }
    return answer;
}

qint64 TruckRole::etaOfQueued(const QString &tracking, qint64 nowMs) const
{
    // The jobs ahead are driven one after the other, each from where the previous ended.
    qint64 etaMs = 0;
    MapPoint from = m_position;
    const auto active = m_jobs.constFind(m_active);
    if (active != m_jobs.cend()) {
        etaMs = active->route(m_speed).remainingMs(nowMs - active->startMs);
        from = active->to;
    }
    for (const QString &queued : m_queue) {
        const TruckJob &job = m_jobs[queued];
        etaMs += TruckRoute(from, job.from, job.to, m_speed).durationMs();
        from = job.to;
        if (queued == tracking)
            break;
    }
    return etaMs;
}

MapPoint TruckRole::positionAt(qint64 nowMs) const
{
    const auto active = m_jobs.constFind(m_active);
    if (active == m_jobs.cend())
        return m_position;
    return active->route(m_speed).positionAt(nowMs - active->startMs);
}

void TruckRole::saveJob(const TruckJob &job)
{
    m_context->store().putRecord(u"job"_s, job.tracking, job.toJson());
}

void TruckRole::saveState()
{
    m_context->store().putRecord(u"truck"_s, u"state"_s,
                                 QJsonObject{{u"position"_s, m_position.toJson()}, {u"jobsDone"_s, m_jobsDone}});
}

void TruckRole::advertiseWork()
{
    m_context->setOutstanding(int(m_queue.size()) + (m_active.isEmpty() ? 0 : 1));
}

QJsonObject TruckRole::telemetry() const
{
    return QJsonObject{{u"truck"_s, m_number},
                       {u"position"_s, positionAt(m_context->nowMs()).toJson()},
                       {u"status"_s, m_active.isEmpty() ? u"idle"_s : u"on-the-way"_s},
                       {u"tracking"_s, m_active.isEmpty() ? QJsonValue() : QJsonValue(m_active)},
                       {u"queued"_s, qint64(m_queue.size())},
                       {u"jobsDone"_s, m_jobsDone},
                       {u"speed"_s, m_speed}};
}

bool TruckRole::drain()
{
    // No new jobs. A drive in progress is durable (the clock gives the position after the
    // restart); only a delivery waiting for the store's acknowledgement is waited for.
    if (!m_draining) {
        m_draining = true;
        m_context->unsubscribe(u"/trucks"_s);
    }
    return m_deliveries.isEmpty();
}

void TruckRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

} // namespace Portolan::Node
