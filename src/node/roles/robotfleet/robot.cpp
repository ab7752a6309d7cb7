#include "node/roles/robotfleet/robot.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using Pugs::RequestFields;

namespace {

Q_LOGGING_CATEGORY(lcRobot, "portolan.node.robotfleet.robot")

const QString progressKind = u"progress"_s;
const QString finishedKind = u"finished"_s;
const QString abandonedKind = u"abandoned"_s;

// How often a job's progress is written while it runs: a restarted robot loses at most
// this much work.
constexpr qint64 ProgressSaveMs = 250;

QString trimmedPath(const QString &path)
{
    QString out = path;
    while (out.size() > 1 && out.endsWith(u'/'))
        out.chop(1);
    return out;
}

QString jobKey(const QString &job, int attempt)
{
    return job + u'#' + QString::number(attempt);
}

} // namespace

QString RobotRole::name() const
{
    return u"robot"_s;
}

void RobotRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_number = int(Pugs::integerOf(params.value(u"number"_s)));
    const qint64 leaseMs = Pugs::integerOf(params.value(u"leaseMs"_s), 2000);
    m_heartbeatMs = Pugs::integerOf(params.value(u"heartbeatMs"_s), 300);
    m_reportRetryMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"reportRetryMs"_s), 1000));
    m_manager = params.value(u"managerAddress"_s).toString(u"/fleet"_s);
    if (m_number <= 0)
        m_error = u"param \"number\" must be a whole number > 0"_s;
    else if (m_heartbeatMs <= 0 || leaseMs <= m_heartbeatMs)
        m_error = u"params need 0 < heartbeatMs < leaseMs"_s;
    else if (!m_manager.startsWith(u'/'))
        m_error = u"param \"managerAddress\" must be an address"_s;
    if (!m_error.isEmpty()) {
        qCWarning(lcRobot).noquote() << context.nodeId() << m_error;
        return;
    }
    m_lease.setDurationMs(leaseMs);
    m_base = u"/robot/"_s + QString::number(m_number);
    m_lastTickMs = context.nowMs();
    m_nextHeartbeatMs = m_lastTickMs;
    restore();
    context.subscribe(m_base);
}

void RobotRole::restore()
{
    EntityStore &store = m_context->store();
    const QList<QJsonObject> finished = store.records(finishedKind);
    m_completed = finished.size();
    for (const QJsonObject &record : finished) {
        // Finished before the restart, the manager may never have heard of it.
        if (!record.value(u"reported"_s).toBool())
            m_reportRetryAt.insert(jobKey(record.value(u"job"_s).toString(), int(Pugs::integerOf(record.value(u"attempt"_s)))),
                                   m_context->nowMs());
    }
    m_abandoned = store.records(abandonedKind).size();
    loadNext();
}

void RobotRole::loadNext()
{
    m_current.reset();
    m_paused = false;
    const std::optional<EntityStore::WorkItem> item = m_context->store().nextWork();
    if (!item)
        return;
    const QJsonObject payload = QJsonDocument::fromJson(item->payload).object();
    CurrentJob job;
    job.key = QString::fromUtf8(item->id);
    job.job = payload.value(u"job"_s).toString();
    job.attempt = int(Pugs::integerOf(payload.value(u"attempt"_s)));
    job.task = payload.value(u"task"_s).toString();
    job.durationMs = Pugs::integerOf(payload.value(u"durationMs"_s));
    job.requestId = payload.value(u"requestId"_s).toString().toUtf8();
    if (const std::optional<QJsonObject> progress = m_context->store().record(progressKind, job.key)) {
        job.workedMs = Pugs::integerOf(progress->value(u"workedMs"_s));
        job.started = true;
    }
    m_current = job;
}

void RobotRole::handle(const Wire::Envelope &message)
{
    if (!m_error.isEmpty())
        return;
    const RequestFields fields(message);
    const QString path = trimmedPath(fields.path());
    if (path == m_base + u"/jobs"_s && fields.isWrite()) {
        takeJob(message);
    } else if (path == m_base + u"/heartbeat"_s) {
        managerAnswered(message);
    } else if (path == m_base) {
        QJsonObject status = telemetry();
        status.insert(u"node"_s, m_context->nodeId());
        m_context->reply(message, Pugs::compactJson(status), 200);
    } else {
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"unknown resource "_s + path)}}), 404);
    }
}

void RobotRole::takeJob(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    const QString job = fields.text(u"job"_s);
    const int attempt = int(Pugs::integerOf(fields.value(u"attempt"_s)));
    const qint64 durationMs = Pugs::integerOf(fields.value(u"durationMs"_s));
    if (job.isEmpty() || attempt <= 0 || durationMs <= 0) {
        qCWarning(lcRobot).noquote() << m_context->nodeId() << "ignores a job without job, attempt and durationMs";
        m_context->reply(message, Pugs::compactJson({{u"error"_s, u"a job needs job, attempt and durationMs"_s}}), 400);
        return;
    }
    const QString key = jobKey(job, attempt);
    const QJsonObject payload{{u"job"_s, job},
                              {u"attempt"_s, attempt},
                              {u"task"_s, fields.text(u"task"_s)},
                              {u"durationMs"_s, durationMs},
                              {u"requestId"_s, QString::fromUtf8(message.requestId)}};
    // Idempotent by job and attempt, finished ones included: an offer made again (after
    // the manager restarted) is no new work.
    if (!m_context->store().enqueue(key.toUtf8(), Pugs::compactJson(payload), m_context->nowMs()))
        return;
    m_context->emitEvent(u"job-received"_s, {{u"job"_s, job}, {u"attempt"_s, attempt}, {u"robot"_s, m_context->nodeId()},
                                             {u"backlog"_s, qint64(m_context->store().backlogSize())}});
    if (!m_current)
        loadNext();
}

void RobotRole::managerAnswered(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    if (fields.status() != 200)
        return;
    const qint64 now = m_context->nowMs();
    const qint64 sentMs = Pugs::integerOf(fields.value(u"sentMs"_s));
    if (sentMs > 0 && sentMs <= now)
        m_lease.renew(sentMs);
    if (!m_current || fields.text(u"job"_s) != m_current->job
        || Pugs::integerOf(fields.value(u"attempt"_s)) != m_current->attempt)
        return;
    // The answer is about this very attempt; a "no" is final, since attempts only grow.
    if (fields.value(u"yours"_s) == QJsonValue(false))
        abandon(u"the fleet manager gave the job to another robot"_s);
}

void RobotRole::tick(qint64 nowMs)
{
    if (!m_error.isEmpty())
        return;
    work(nowMs);
    if (nowMs >= m_nextHeartbeatMs) {
        sendHeartbeat(nowMs);
        m_nextHeartbeatMs = nowMs + m_heartbeatMs;
    }
    const QList<QString> due = m_reportRetryAt.keys();
    for (const QString &key : due) {
        if (m_reportRetryAt.value(key) <= nowMs)
            sendReport(key);
    }
    m_lastTickMs = nowMs;
}

void RobotRole::work(qint64 nowMs)
{
    if (!m_current)
        return;
    const bool allowed = m_lease.isValid(nowMs);
    if (!m_current->started) {
        if (!allowed)
            return;   // waits for the manager's word before starting
        m_current->started = true;
        saveProgress();
        m_context->emitEvent(u"job-started"_s, jobFields());
        return;
    }
    m_current->workedMs += m_lease.coveredMs(m_lastTickMs, nowMs);
    if (!allowed && !m_paused) {
        m_paused = true;
        saveProgress();
        QJsonObject fields = jobFields();
        fields.insert(u"progress"_s, progressPercent());
        fields.insert(u"reason"_s, u"no word from the fleet manager"_s);
        // When the lease ran out, which is when the robot stopped; a process that was
        // frozen (or failed) notices only now.
        fields.insert(u"pausedForMs"_s, nowMs - m_lease.validUntilMs());
        m_context->emitEvent(u"job-paused"_s, fields);
    } else if (allowed && m_paused) {
        m_paused = false;
        QJsonObject fields = jobFields();
        fields.insert(u"progress"_s, progressPercent());
        m_context->emitEvent(u"job-resumed"_s, fields);
    }
    if (m_current->workedMs >= m_current->durationMs)
        finish(nowMs);
    else if (nowMs - m_lastProgressSaveMs >= ProgressSaveMs)
        saveProgress();
}

void RobotRole::saveProgress()
{
    m_lastProgressSaveMs = m_context->nowMs();
    m_context->store().putRecord(progressKind, m_current->key,
                                 {{u"workedMs"_s, m_current->workedMs}, {u"savedMs"_s, m_lastProgressSaveMs}});
}

void RobotRole::finish(qint64 nowMs)
{
    const CurrentJob done = *m_current;
    EntityStore &store = m_context->store();
    store.complete(done.key.toUtf8());
    store.removeRecord(progressKind, done.key);
    store.putRecord(finishedKind, done.key, {{u"job"_s, done.job},
                                             {u"attempt"_s, done.attempt},
                                             {u"task"_s, done.task},
                                             {u"workedMs"_s, done.workedMs},
                                             {u"finishedMs"_s, nowMs},
                                             {u"requestId"_s, QString::fromUtf8(done.requestId)},
                                             {u"reported"_s, false}});
    ++m_completed;
    QJsonObject fields = jobFields();
    fields.insert(u"workedMs"_s, done.workedMs);
    m_context->emitEvent(u"job-finished"_s, fields);
    loadNext();
    sendReport(done.key);
}

void RobotRole::abandon(const QString &reason)
{
    const CurrentJob dropped = *m_current;
    EntityStore &store = m_context->store();
    store.complete(dropped.key.toUtf8());
    store.removeRecord(progressKind, dropped.key);
    store.putRecord(abandonedKind, dropped.key, {{u"job"_s, dropped.job},
                                                {u"attempt"_s, dropped.attempt},
                                                {u"workedMs"_s, dropped.workedMs},
                                                {u"abandonedMs"_s, m_context->nowMs()},
                                                {u"reason"_s, reason}});
    ++m_abandoned;
    QJsonObject fields = jobFields();
    fields.insert(u"workedMs"_s, dropped.workedMs);
    fields.insert(u"reason"_s, reason);
    m_context->emitEvent(u"job-abandoned"_s, fields);
    loadNext();
}

void RobotRole::sendHeartbeat(qint64 nowMs)
{
    if (m_current && m_current->started)
        saveProgress();
    Wire::Envelope beat;
    beat.address = m_manager + u"/heartbeat"_s;
    beat.replyTo = m_base + u"/heartbeat"_s;
    // An answer after the lease would have run out is worth nothing; so is the heartbeat.
    beat.deadlineMs = nowMs + m_lease.durationMs();
    QJsonObject body{{u"robot"_s, m_context->nodeId()},
                     {u"number"_s, m_number},
                     {u"address"_s, m_base},
                     {u"state"_s, state(nowMs)},
                     {u"sentMs"_s, nowMs},
                     {u"backlog"_s, qint64(m_context->store().backlogSize())}};
    if (m_current) {
        body.insert(u"job"_s, m_current->job);
        body.insert(u"attempt"_s, m_current->attempt);
        body.insert(u"progress"_s, progressPercent());
    }
    beat.body = Pugs::compactJson(body);
    m_context->send(std::move(beat));
}

void RobotRole::sendReport(const QString &key)
{
    m_reportRetryAt.remove(key);
    const std::optional<QJsonObject> record = m_context->store().record(finishedKind, key);
    if (!record)
        return;
    Wire::Envelope report;
    report.address = m_manager + u"/reports"_s;
    report.requestId = record->value(u"requestId"_s).toString().toUtf8();
    report.setHeader(u"Method"_s, u"POST"_s);
    report.body = Pugs::compactJson({{u"robot"_s, m_context->nodeId()},
                                     {u"job"_s, record->value(u"job"_s)},
                                     {u"attempt"_s, record->value(u"attempt"_s)},
                                     {u"outcome"_s, u"done"_s},
                                     {u"workedMs"_s, record->value(u"workedMs"_s)},
                                     {u"holding"_s, m_current ? m_current->job : QString()}});
    m_reports.insert(m_context->send(std::move(report)), key);
}

void RobotRole::settled(const QByteArray &messageId, bool accepted)
{
    const auto it = m_reports.constFind(messageId);
    if (it == m_reports.cend())
        return;
    const QString key = *it;
    m_reports.erase(it);
    if (!accepted) {
        // No manager to take it (restarting, or out of reach): say it again later.
        m_reportRetryAt.insert(key, m_context->nowMs() + m_reportRetryMs);
        return;
    }
    std::optional<QJsonObject> record = m_context->store().record(finishedKind, key);
    if (record) {
        record->insert(u"reported"_s, true);
        m_context->store().putRecord(finishedKind, key, *record);
    }
}

QString RobotRole::state(qint64 nowMs) const
{
    if (!m_current)
        return u"idle"_s;
    if (!m_current->started)
        return u"waiting"_s;
    return m_lease.isValid(nowMs) ? u"working"_s : u"paused"_s;
}

int RobotRole::progressPercent() const
{
    if (!m_current || m_current->durationMs <= 0)
        return 0;
    return int(qBound(qint64(0), m_current->workedMs * 100 / m_current->durationMs, qint64(100)));
}

QJsonObject RobotRole::jobFields() const
{
    return {{u"job"_s, m_current->job},
            {u"attempt"_s, m_current->attempt},
            {u"robot"_s, m_context->nodeId()},
            {u"task"_s, m_current->task}};
}

QJsonObject RobotRole::telemetry() const
{
    QJsonObject t{{u"number"_s, m_number}, {u"completed"_s, m_completed}, {u"abandoned"_s, m_abandoned}};
    if (!m_error.isEmpty()) {
        t.insert(u"error"_s, m_error);
        return t;
    }
    if (!m_context)
        return t;
    t.insert(u"state"_s, state(m_context->nowMs()));
    t.insert(u"job"_s, m_current ? m_current->job : QString());
    t.insert(u"attempt"_s, m_current ? m_current->attempt : 0);
    t.insert(u"progress"_s, progressPercent());
    t.insert(u"workedMs"_s, m_current ? m_current->workedMs : 0);
    t.insert(u"backlog"_s, qint64(m_context->store().backlogSize()));
    t.insert(u"unreported"_s, qint64(m_reports.size() + m_reportRetryAt.size()));
    return t;
}

bool RobotRole::drain()
{
    // A job in progress is on disk and resumes after the restart; only completion reports
    // on their way are waited for, so that their outcome is recorded.
    return m_reports.isEmpty();
}

} // namespace Portolan::Node
