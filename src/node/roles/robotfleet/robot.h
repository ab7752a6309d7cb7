#pragma once

#include "node/roles/robotfleet/robotlease.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

namespace Portolan::Node {

// A robot of the robot fleet (seed 003): keeps its connection to the fleet manager by a
// heartbeat that also reports its job's progress, takes the jobs the manager sends it,
// works on them one at a time and reports each one done until the manager has the report.
//
// A robot works only while its lease is valid (see RobotFleet::RobotLease): when the
// manager stops answering — the robot dropped off the network, or the manager is down —
// the robot pauses after leaseMs, and before the manager gives the job to another robot.
// When it is heard again, the manager's answer says whether the job is still its own;
// if not, the robot drops its copy. So a job is never worked on by two robots at once,
// and never finished twice.
//
// Its jobs, their progress and its finished jobs are in its own database: a robot killed
// and restarted resumes the job it had (once the manager confirms it) and reports what it
// finished but had not yet reported.
//
// Serves "/robot/<number>": POST .../jobs (from the manager), .../heartbeat (the manager's
// answers), GET /robot/<number> (status).
//
// Params: number (required, > 0); heartbeatMs (300); leaseMs (2000; keep it below the
// manager's heartbeatTimeoutMs); reportRetryMs (1000); managerAddress ("/fleet").
class RobotRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

private:
    struct CurrentJob
    {
        QString key;          // "<job>#<attempt>": the backlog id
        QString job;
        int attempt = 0;
        QString task;
        qint64 durationMs = 0;
        qint64 workedMs = 0;
        QByteArray requestId;
        bool started = false;
    };

    void restore();
    void loadNext();
    void takeJob(const Wire::Envelope &message);
    void managerAnswered(const Wire::Envelope &message);
    void sendHeartbeat(qint64 nowMs);
    void work(qint64 nowMs);
    void saveProgress();
    void finish(qint64 nowMs);
    void abandon(const QString &reason);
    void sendReport(const QString &key);
    QString state(qint64 nowMs) const;
    int progressPercent() const;
    QJsonObject jobFields() const;

    RoleContext *m_context = nullptr;
    QString m_error;
    int m_number = 0;
    QString m_base;               // "/robot/<n>"
    QString m_manager = QStringLiteral("/fleet");
    qint64 m_heartbeatMs = 300;
    qint64 m_reportRetryMs = 1000;
    RobotFleet::RobotLease m_lease;

    std::optional<CurrentJob> m_current;
    bool m_paused = false;        // had a job and lost its lease; reported once
    qint64 m_lastTickMs = 0;
    qint64 m_nextHeartbeatMs = 0;
    qint64 m_lastProgressSaveMs = 0;

    QHash<QByteArray, QString> m_reports;     // report message id -> finished key, until settled
    QHash<QString, qint64> m_reportRetryAt;   // finished key -> when to report again
    qint64 m_completed = 0;
    qint64 m_abandoned = 0;
};

} // namespace Portolan::Node
