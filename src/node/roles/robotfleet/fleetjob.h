#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Portolan::Node::RobotFleet {

// One job of the robot fleet as the fleet manager keeps it: what a user asked for, which
// robot has it under which attempt, and how it went. The same JSON is the job's record in
// the manager's database and its answer to "GET /fleet/jobs/<id>", so what a user reads is
// exactly what survives a restart.
//
// attempt counts the assignments handed out (1 for the first robot). A robot's copy of a
// job names its attempt; only the robot holding the job's current attempt may work on it,
// which is how a robot that dropped off and came back learns its copy is stale.
struct FleetJob
{
    enum class State { Queued, Assigned, Running, Done };

    QString id;               // "J-<number>", numbered in order of submission
    qint64 number = 0;
    QByteArray requestId;     // the submission's request id: a resent submission finds its job
    QString task;
    qint64 durationMs = 0;    // work time the job takes a robot
    State state = State::Queued;
    QString robot;            // the current assignee; empty while queued
    int attempt = 0;          // assignments handed out so far
    int progress = 0;         // percent, from the assignee's heartbeats
    int reassignments = 0;    // times a silent robot's job went back to the queue
    qint64 submittedMs = 0;
    qint64 assignedMs = 0;
    qint64 finishedMs = 0;
    QString finishedBy;       // the robot whose completion report closed the job
    int finishedAttempt = 0;
    QJsonArray history;       // [{attempt, robot, outcome, atMs}], one entry per attempt that ended

    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
    static QString idFor(qint64 number);

    bool isActive() const { return state == State::Assigned || state == State::Running; }

    // Does robot, working on attempt, hold this job? True for the current assignee of an
    // active job and for the robot that finished it (its report may still be in flight).
    bool heldBy(const QString &robotId, int robotAttempt) const;

    // Appends an ended attempt to the history: "done", "reassigned", "undelivered", ...
    void recordOutcome(int endedAttempt, const QString &byRobot, const QString &outcome, qint64 atMs);

    QJsonObject toJson() const;
    // A short form for job lists.
    QJsonObject summary() const;
    // nullopt when the record lacks an id or has an unknown state.
    static std::optional<FleetJob> fromJson(const QJsonObject &record);
};

} // namespace Portolan::Node::RobotFleet
