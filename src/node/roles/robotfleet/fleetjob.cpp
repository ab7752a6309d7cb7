#include "node/roles/robotfleet/fleetjob.h"

#include "node/roles/pugs/jsonvalues.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::RobotFleet {

QString FleetJob::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return u"queued"_s;
    case State::Assigned:
        return u"assigned"_s;
    case State::Running:
        return u"running"_s;
    case State::Done:
        return u"done"_s;
    }
    return {};
}

std::optional<FleetJob::State> FleetJob::stateFromName(const QString &name)
{
    for (State state : {State::Queued, State::Assigned, State::Running, State::Done}) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QString FleetJob::idFor(qint64 number)
{
    return u"J-"_s + QString::number(number);
}

bool FleetJob::heldBy(const QString &robotId, int robotAttempt) const
{
    if (state == State::Done)
        return finishedBy == robotId && finishedAttempt == robotAttempt;
    return isActive() && robot == robotId && attempt == robotAttempt;
}

void FleetJob::recordOutcome(int endedAttempt, const QString &byRobot, const QString &outcome, qint64 atMs)
{
    history.append(QJsonObject{{u"attempt"_s, endedAttempt}, {u"robot"_s, byRobot}, {u"outcome"_s, outcome},
                               {u"atMs"_s, atMs}});
}

QJsonObject FleetJob::toJson() const
{
    QJsonObject json = summary();
    json.insert(u"number"_s, number);
    json.insert(u"requestId"_s, QString::fromUtf8(requestId));
    json.insert(u"durationMs"_s, durationMs);
    json.insert(u"submittedMs"_s, submittedMs);
    json.insert(u"assignedMs"_s, assignedMs);
    json.insert(u"finishedMs"_s, finishedMs);
    json.insert(u"finishedBy"_s, finishedBy);
    json.insert(u"finishedAttempt"_s, finishedAttempt);
    json.insert(u"history"_s, history);
    return json;
}

QJsonObject FleetJob::summary() const
{
    return QJsonObject{{u"job"_s, id},
                       {u"task"_s, task},
                       {u"state"_s, stateName(state)},
                       {u"robot"_s, robot},
                       {u"attempt"_s, attempt},
                       {u"progress"_s, progress},
                       {u"reassignments"_s, reassignments}};
}

std::optional<FleetJob> FleetJob::fromJson(const QJsonObject &record)
{
    const std::optional<State> state = stateFromName(record.value(u"state"_s).toString());
    FleetJob job;
    job.id = record.value(u"job"_s).toString();
    if (job.id.isEmpty() || !state)
        return std::nullopt;
    job.state = *state;
    job.number = Pugs::integerOf(record.value(u"number"_s));
    job.requestId = record.value(u"requestId"_s).toString().toUtf8();
    job.task = record.value(u"task"_s).toString();
    job.durationMs = Pugs::integerOf(record.value(u"durationMs"_s));
    job.robot = record.value(u"robot"_s).toString();
    job.attempt = int(Pugs::integerOf(record.value(u"attempt"_s)));
    job.progress = int(Pugs::integerOf(record.value(u"progress"_s)));
    job.reassignments = int(Pugs::integerOf(record.value(u"reassignments"_s)));
    job.submittedMs = Pugs::integerOf(record.value(u"submittedMs"_s));
    job.assignedMs = Pugs::integerOf(record.value(u"assignedMs"_s));
    job.finishedMs = Pugs::integerOf(record.value(u"finishedMs"_s));
    job.finishedBy = record.value(u"finishedBy"_s).toString();
    job.finishedAttempt = int(Pugs::integerOf(record.value(u"finishedAttempt"_s)));
    job.history = record.value(u"history"_s).toArray();
    return job;
}

} // namespace Portolan::Node::RobotFleet
