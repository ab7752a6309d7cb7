#include "node/roles/robotfleet/fleetmanager.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using Pugs::RequestFields;
using RobotFleet::FleetJob;

namespace {

Q_LOGGING_CATEGORY(lcFleet, "portolan.node.robotfleet.manager")

const QString jobKind = u"job"_s;
const QString robotKind = u"robot"_s;
const QString jobsPath = u"/fleet/jobs"_s;

QByteArray requestIdOf(const Wire::Envelope &message)
{
    return message.requestId.isEmpty() ? message.id : message.requestId;
}

QString trimmedPath(const QString &path)
{
    QString out = path;
    while (out.size() > 1 && out.endsWith(u'/'))
        out.chop(1);
    return out;
}

} // namespace

QString FleetManagerRole::name() const
{
    return u"fleet-manager"_s;
}

void FleetManagerRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_heartbeatTimeoutMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"heartbeatTimeoutMs"_s), 3000));
    m_defaultJobMs = qBound<qint64>(1, Pugs::integerOf(params.value(u"defaultJobMs"_s), 1000), MaxJobMs);
    restore();
    context.subscribe(u"/fleet"_s);
}

void FleetManagerRole::restore()
{
    EntityStore &store = m_context->store();
    const qint64 now = m_context->nowMs();
    // Robots known before a restart get one timeout's grace to say hello again before
    // their jobs are taken from them; none gets new work until it has been heard.
    const QList<QJsonObject> robots = store.records(robotKind);
    for (const QJsonObject &record : robots) {
        RobotState robot;
        robot.id = record.value(u"robot"_s).toString();
        robot.number = int(Pugs::integerOf(record.value(u"number"_s)));
        robot.address = record.value(u"address"_s).toString();
        robot.lastSeenMs = now;
        robot.online = true;
        if (!robot.id.isEmpty())
            m_robots.insert(robot.id, robot);
    }

    const QList<QJsonObject> records = store.records(jobKind);
    QList<FleetJob> queued;
    for (const QJsonObject &record : records) {
        std::optional<FleetJob> job = FleetJob::fromJson(record);
        if (!job) {
            qCWarning(lcFleet) << "skipping an unreadable job record" << record.value(u"job"_s).toString();
            continue;
        }
        m_nextNumber = qMax(m_nextNumber, job->number + 1);
        m_order.append(job->id);
        if (!job->requestId.isEmpty())
            m_byRequest.insert(job->requestId, job->id);
        if (job->isActive() && !job->robot.isEmpty())
            m_assigned.insert(job->robot, job->id);
        else if (job->state == FleetJob::State::Queued)
            queued.append(*job);
        m_jobs.insert(job->id, *job);
    }
    // The queue's order is not stored: jobs taken from a silent robot go first, as they
    // did before the restart, then the rest in order of submission.
    std::stable_sort(queued.begin(), queued.end(), [](const FleetJob &a, const FleetJob &b) {
        if ((a.reassignments > 0) != (b.reassignments > 0))
            return a.reassignments > 0;
        return a.number < b.number;
    });
    for (const FleetJob &job : std::as_const(queued))
        m_queue.append(job.id);

    if (!m_jobs.isEmpty() || !m_robots.isEmpty()) {
        // Kept in telemetry as well: a process that just started has no event subscriber
        // yet, so the event reaches only consoles that attach early.
        m_restored = counts();
        m_restored.insert(u"robots"_s, qint64(m_robots.size()));
        m_context->emitEvent(u"fleet-restored"_s, m_restored);
    }
}

void FleetManagerRole::handle(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    const QString path = trimmedPath(fields.path());
    const bool get = fields.method() == u"GET";

    if (path == u"/fleet/heartbeat") {
        heartbeat(message, fields);
    } else if (path == u"/fleet/reports") {
        report(message, fields);
    } else if (path == jobsPath) {
        if (get)
            listJobs(message, fields);
        else if (fields.isWrite())
            submit(message, fields);
        else
            replyJson(message, {{u"error"_s, u"jobs take GET (list) or POST (submit)"_s}}, 405);
    } else if (path.startsWith(jobsPath + u'/')) {
        if (get)
            answerJob(message, path.mid(jobsPath.size() + 1));
        else
            replyJson(message, {{u"error"_s, u"a job is read with GET"_s}}, 405);
    } else if (path == u"/fleet/robots") {
        listRobots(message);
    } else if (path == u"/fleet") {
        QJsonObject status = telemetry();
        status.insert(u"node"_s, m_context->nodeId());
        replyJson(message, status);
    } else {
        replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    }
}

// ---- users ---------------------------------------------------------------------------

void FleetManagerRole::submit(const Wire::Envelope &request, const RequestFields &fields)
{
    const QByteArray requestId = requestIdOf(request);
    if (const auto known = m_byRequest.constFind(requestId); known != m_byRequest.cend()) {
        // The same submission again (a client retry): the same job, nothing new.
        replyJson(request, m_jobs.value(*known).summary(), 201);
        return;
    }
    const QJsonValue duration = fields.value(u"durationMs"_s);
    const qint64 durationMs = duration.isUndefined() ? m_defaultJobMs : Pugs::integerOf(duration, -1);
    if (durationMs <= 0 || durationMs > MaxJobMs) {
        replyJson(request,
                  {{u"error"_s, u"durationMs must be a whole number of milliseconds from 1 to %1"_s.arg(MaxJobMs)}},
                  400);
        return;
    }
    if (m_draining) {
        replyJson(request, {{u"error"_s, u"the fleet manager is restarting; submit again shortly"_s}}, 503);
        return;
    }
    FleetJob job;
    job.number = m_nextNumber++;
    job.id = FleetJob::idFor(job.number);
    job.requestId = requestId;
    job.task = fields.text(u"task"_s);
    if (job.task.isEmpty())
        job.task = u"job"_s;
    job.durationMs = durationMs;
    job.submittedMs = m_context->nowMs();
    m_jobs.insert(job.id, job);
    m_order.append(job.id);
    m_byRequest.insert(requestId, job.id);
    m_queue.append(job.id);
    save(job);
    m_context->emitEvent(u"job-submitted"_s, {{u"job"_s, job.id}, {u"task"_s, job.task}, {u"durationMs"_s, durationMs},
                                              {u"requestId"_s, QString::fromUtf8(requestId)}});
    // Hand it out at once when a robot is free, so the answer can already say where it went.
    assignQueued();
    replyJson(request, m_jobs.value(job.id).summary(), 201);
}

void FleetManagerRole::listJobs(const Wire::Envelope &request, const RequestFields &fields)
{
    const QString wanted = fields.text(u"state"_s);
    if (!wanted.isEmpty() && !FleetJob::stateFromName(wanted)) {
        replyJson(request, {{u"error"_s, u"state must be queued, assigned, running or done"_s}}, 400);
        return;
    }
    QJsonArray jobs;
    for (const QString &id : std::as_const(m_order)) {
        const FleetJob &job = m_jobs[id];
        if (wanted.isEmpty() || FleetJob::stateName(job.state) == wanted)
            jobs.append(job.summary());
    }
    QJsonObject body = counts();
    body.insert(u"jobs"_s, jobs);
    replyJson(request, body);
}

void FleetManagerRole::answerJob(const Wire::Envelope &request, const QString &id)
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend()) {
        replyJson(request, {{u"error"_s, QString(u"no job "_s + id)}}, 404);
        return;
    }
    replyJson(request, it->toJson());
}

void FleetManagerRole::listRobots(const Wire::Envelope &request)
{
    QList<const RobotState *> robots;
    for (const RobotState &robot : std::as_const(m_robots))
        robots.append(&robot);
    std::sort(robots.begin(), robots.end(), [](const RobotState *a, const RobotState *b) { return a->number < b->number; });
    QJsonArray list;
    const qint64 now = m_context->nowMs();
    for (const RobotState *robot : std::as_const(robots)) {
        list.append(QJsonObject{{u"robot"_s, robot->id},
                                {u"number"_s, robot->number},
                                {u"online"_s, robot->online},
                                {u"job"_s, m_assigned.value(robot->id)},
                                {u"silentMs"_s, now - robot->lastSeenMs}});
    }
    QJsonObject body = telemetry().value(u"robots"_s).toObject();
    body.insert(u"robots"_s, list);
    replyJson(request, body);
}

// ---- robots --------------------------------------------------------------------------

FleetManagerRole::RobotState &FleetManagerRole::knowRobot(const QString &id, int number, const QString &address)
{
    auto it = m_robots.find(id);
    if (it == m_robots.end() || it->number != number || it->address != address) {
        // A robot's registration is kept, so that a restarted manager knows whom to wait for.
        m_context->store().putRecord(robotKind, id, {{u"robot"_s, id}, {u"number"_s, number}, {u"address"_s, address}});
        if (it == m_robots.end()) {
            it = m_robots.insert(id, RobotState{id, number, address, m_context->nowMs(), true, false, {}});
            m_context->emitEvent(u"robot-joined"_s, {{u"robot"_s, id}, {u"number"_s, number}});
        }
        it->number = number;
        it->address = address;
    }
    return *it;
}

void FleetManagerRole::heartbeat(const Wire::Envelope &message, const RequestFields &fields)
{
    const QString id = fields.text(u"robot"_s);
    const int number = int(Pugs::integerOf(fields.value(u"number"_s)));
    const QString address = fields.text(u"address"_s);
    if (id.isEmpty() || number <= 0 || !address.startsWith(u'/')) {
        replyJson(message, {{u"error"_s, u"a heartbeat needs robot, number and address"_s}}, 400);
        return;
    }
    const qint64 now = m_context->nowMs();
    RobotState &robot = knowRobot(id, number, address);
    robot.lastSeenMs = now;
    robot.heard = true;
    if (!robot.online) {
        robot.online = true;
        m_context->emitEvent(u"robot-online"_s, {{u"robot"_s, id}});
    }
    const QString jobId = fields.text(u"job"_s);
    const int attempt = int(Pugs::integerOf(fields.value(u"attempt"_s)));
    robot.reportedJob = jobId;

    QJsonObject answer{{u"robot"_s, id}, {u"sentMs"_s, fields.value(u"sentMs"_s)}};
    if (!jobId.isEmpty()) {
        auto job = m_jobs.find(jobId);
        const bool yours = job != m_jobs.end() && job->heldBy(id, attempt);
        answer.insert(u"job"_s, jobId);
        answer.insert(u"attempt"_s, attempt);
        answer.insert(u"yours"_s, yours);
        if (yours && job->isActive()) {
            const int progress = int(qBound(qint64(0), Pugs::integerOf(fields.value(u"progress"_s)), qint64(100)));
            const bool started = fields.text(u"state"_s) == u"working" && job->state == FleetJob::State::Assigned;
            // Progress is stored in steps of ten percent: enough to show after a restart
            // without a write for every heartbeat.
            const bool stepped = progress / 10 != job->progress / 10;
            job->progress = progress;
            if (started) {
                job->state = FleetJob::State::Running;
                m_context->emitEvent(u"job-running"_s, {{u"job"_s, job->id}, {u"robot"_s, id}, {u"attempt"_s, attempt}});
            }
            if (started || stepped)
                save(*job);
        }
    }
    replyJson(message, answer);
    if (jobId.isEmpty()) {
        // It holds nothing, yet has a job by our books and no offer is on its way: the offer
        // was lost with a previous process of ours. The same attempt again; the robot takes
        // a repeat as a no-op.
        const auto job = m_jobs.constFind(m_assigned.value(id));
        if (job != m_jobs.cend() && job->isActive() && !offerPending(job->id))
            sendOffer(*job, robot);
    }
    assignQueued();
}

void FleetManagerRole::report(const Wire::Envelope &message, const RequestFields &fields)
{
    const QString robotId = fields.text(u"robot"_s);
    const QString jobId = fields.text(u"job"_s);
    const int attempt = int(Pugs::integerOf(fields.value(u"attempt"_s)));
    auto job = m_jobs.find(jobId);
    if (robotId.isEmpty() || job == m_jobs.end()) {
        replyJson(message, {{u"error"_s, QString(u"no job "_s + jobId)}}, 404);
        return;
    }
    if (fields.value(u"holding"_s).isString()) {
        // What the robot works on next, if anything: it is free for new work when nothing.
        if (auto robot = m_robots.find(robotId); robot != m_robots.end())
            robot->reportedJob = fields.text(u"holding"_s);
    }
    if (job->state == FleetJob::State::Done) {
        // The report again (resent after a lost settlement): done is done.
        ++m_duplicateReports;
        replyJson(message, {{u"job"_s, jobId}, {u"state"_s, u"done"_s}, {u"duplicate"_s, true}});
        return;
    }
    const qint64 now = m_context->nowMs();
    const bool current = job->heldBy(robotId, attempt);
    if (!current) {
        // A robot finished an attempt this manager had already taken back. Its lease was
        // valid while it worked, so the work is done: the job is closed, and whoever holds
        // the newer attempt hears at its next heartbeat that the job is no longer its own.
        ++m_staleReports;
        qCInfo(lcFleet).noquote() << robotId << "finished" << jobId << "attempt" << attempt
                                  << "after it had been taken back; closing the job";
        m_queue.removeOne(job->id);
        if (job->isActive())
            job->recordOutcome(job->attempt, job->robot, u"superseded"_s, now);
    }
    if (job->isActive() && m_assigned.value(job->robot) == job->id)
        m_assigned.remove(job->robot);
    job->recordOutcome(attempt, robotId, u"done"_s, now);
    job->robot = robotId;
    job->attempt = qMax(job->attempt, attempt);
    job->state = FleetJob::State::Done;
    job->progress = 100;
    job->finishedMs = now;
    job->finishedBy = robotId;
    job->finishedAttempt = attempt;
    save(*job);
    m_context->emitEvent(u"job-completed"_s, {{u"job"_s, job->id},
                                              {u"robot"_s, robotId},
                                              {u"attempt"_s, attempt},
                                              {u"reassignments"_s, job->reassignments},
                                              {u"latencyMs"_s, job->finishedMs - job->submittedMs},
                                              {u"stale"_s, !current}});
    replyJson(message, {{u"job"_s, jobId}, {u"state"_s, u"done"_s}});
    assignQueued();
}

// ---- assignment ----------------------------------------------------------------------

FleetManagerRole::RobotState *FleetManagerRole::idleRobot()
{
    // The lowest-numbered robot that is online, has been heard since this manager started,
    // holds nothing (by its own word and by ours): a plain, predictable choice.
    RobotState *best = nullptr;
    for (RobotState &robot : m_robots) {
        if (!robot.online || !robot.heard || !robot.reportedJob.isEmpty() || m_assigned.contains(robot.id))
            continue;
        if (!best || robot.number < best->number)
            best = &robot;
    }
    return best;
}

void FleetManagerRole::assignQueued()
{
    if (m_draining)
        return;
    while (!m_queue.isEmpty()) {
        RobotState *robot = idleRobot();
        if (!robot)
            return;
        const QString id = m_queue.takeFirst();
        auto job = m_jobs.find(id);
        if (job == m_jobs.end() || job->state != FleetJob::State::Queued)
            continue;
        assign(*job, *robot);
    }
}

void FleetManagerRole::assign(FleetJob &job, RobotState &robot)
{
    job.state = FleetJob::State::Assigned;
    job.robot = robot.id;
    ++job.attempt;
    job.progress = 0;
    job.assignedMs = m_context->nowMs();
    save(job);
    m_assigned.insert(robot.id, job.id);
    sendOffer(job, robot);
    m_context->emitEvent(u"job-assigned"_s, {{u"job"_s, job.id}, {u"robot"_s, robot.id}, {u"attempt"_s, job.attempt},
                                             {u"task"_s, job.task}});
}

void FleetManagerRole::sendOffer(const FleetJob &job, const RobotState &robot)
{
    Wire::Envelope offer;
    offer.address = robot.address + u"/jobs"_s;
    offer.requestId = job.requestId;   // the user's request id rides along to the robot
    offer.setHeader(u"Method"_s, u"POST"_s);
    offer.body = Pugs::compactJson({{u"job"_s, job.id},
                                    {u"attempt"_s, job.attempt},
                                    {u"task"_s, job.task},
                                    {u"durationMs"_s, job.durationMs}});
    m_offers.insert(m_context->send(std::move(offer)), Offer{job.id, robot.id, job.attempt});
}

bool FleetManagerRole::offerPending(const QString &job) const
{
    return std::any_of(m_offers.cbegin(), m_offers.cend(), [&](const Offer &offer) { return offer.job == job; });
}

void FleetManagerRole::settled(const QByteArray &messageId, bool accepted)
{
    const auto offer = m_offers.constFind(messageId);
    if (offer == m_offers.cend())
        return;
    const Offer taken = *offer;
    m_offers.erase(offer);
    if (accepted)
        return;
    auto job = m_jobs.find(taken.job);
    if (job == m_jobs.end() || !job->heldBy(taken.robot, taken.attempt))
        return;   // already taken back or finished
    // The robot could not be reached: it never had the job. Not a reassignment of work in
    // progress, but the robot is treated as offline until it is heard again.
    if (auto robot = m_robots.find(taken.robot); robot != m_robots.end() && robot->online) {
        robot->online = false;
        m_context->emitEvent(u"robot-offline"_s, {{u"robot"_s, taken.robot}, {u"reason"_s, u"job not delivered"_s}});
    }
    m_context->emitEvent(u"job-requeued"_s, {{u"job"_s, job->id}, {u"robot"_s, taken.robot}, {u"attempt"_s, taken.attempt}});
    requeue(*job, u"undelivered"_s);
    assignQueued();
}

void FleetManagerRole::requeue(FleetJob &job, const QString &outcome)
{
    job.recordOutcome(job.attempt, job.robot, outcome, m_context->nowMs());
    if (m_assigned.value(job.robot) == job.id)
        m_assigned.remove(job.robot);
    job.state = FleetJob::State::Queued;
    job.robot.clear();
    job.progress = 0;
    m_queue.removeOne(job.id);
    m_queue.prepend(job.id);   // it waited once already
    save(job);
}

void FleetManagerRole::tick(qint64 nowMs)
{
    checkSilentRobots(nowMs);
    assignQueued();
}

void FleetManagerRole::checkSilentRobots(qint64 nowMs)
{
    for (RobotState &robot : m_robots) {
        const qint64 silentMs = nowMs - robot.lastSeenMs;
        if (!robot.online || silentMs <= m_heartbeatTimeoutMs)
            continue;
        robot.online = false;
        robot.reportedJob.clear();
        m_context->emitEvent(u"robot-offline"_s, {{u"robot"_s, robot.id}, {u"silentMs"_s, silentMs}});
        const QString jobId = m_assigned.value(robot.id);
        auto job = m_jobs.find(jobId);
        if (jobId.isEmpty() || job == m_jobs.end())
            continue;
        // The robot's lease ran out before this timeout did: it has stopped working on the
        // job, so another robot may take it.
        const int attempt = job->attempt;
        ++job->reassignments;
        requeue(*job, u"reassigned"_s);
        qCInfo(lcFleet).noquote() << "robot" << robot.id << "silent for" << silentMs << "ms; job" << jobId
                                  << "back in the queue";
        m_context->emitEvent(u"job-reassigned"_s, {{u"job"_s, jobId},
                                                   {u"from"_s, robot.id},
                                                   {u"attempt"_s, attempt},
                                                   {u"reassignments"_s, job->reassignments},
                                                   {u"silentMs"_s, silentMs}});
    }
}

// ---- state ---------------------------------------------------------------------------

void FleetManagerRole::save(const FleetJob &job)
{
    m_jobs.insert(job.id, job);
    m_context->store().putRecord(jobKind, job.id, job.toJson());
}

QJsonObject FleetManagerRole::counts() const
{
    qint64 queued = 0, assigned = 0, running = 0, done = 0, reassignments = 0;
    for (const FleetJob &job : m_jobs) {
        switch (job.state) {
        case FleetJob::State::Queued:
            ++queued;
            break;
        case FleetJob::State::Assigned:
            ++assigned;
            break;
        case FleetJob::State::Running:
            ++running;
            break;
        case FleetJob::State::Done:
            ++done;
            break;
        }
        reassignments += job.reassignments;
    }
    return {{u"total"_s, qint64(m_jobs.size())}, {u"queued"_s, queued},  {u"assigned"_s, assigned},
            {u"running"_s, running},             {u"done"_s, done},      {u"reassignments"_s, reassignments}};
}

QJsonObject FleetManagerRole::telemetry() const
{
    qint64 online = 0;
    for (const RobotState &robot : m_robots)
        online += robot.online ? 1 : 0;
    return {{u"jobs"_s, counts()},
            {u"robots"_s, QJsonObject{{u"known"_s, qint64(m_robots.size())},
                                      {u"online"_s, online},
                                      {u"busy"_s, qint64(m_assigned.size())}}},
            {u"reports"_s, QJsonObject{{u"duplicate"_s, m_duplicateReports}, {u"stale"_s, m_staleReports}}},
            {u"restored"_s, m_restored}};
}

bool FleetManagerRole::drain()
{
    // Hand out nothing new; wait until every job already offered is settled, so its
    // outcome is on disk before the process goes.
    m_draining = true;
    return m_offers.isEmpty();
}

void FleetManagerRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

} // namespace Portolan::Node
