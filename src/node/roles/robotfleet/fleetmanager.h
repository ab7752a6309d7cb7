#pragma once

#include "node/roles/robotfleet/fleetjob.h"
#include "node/roles/role.h"

#include <QHash>
#include <QList>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// The fleet management system of the robot fleet (seed 003). Users submit and list jobs
// over HTTP without knowing which robot does them; robots keep a connection to it by
// heartbeats, receive jobs, report progress in their heartbeats and report completion.
//
// Every job and its state is in the manager's own database (the seed's proof of concept
// kept them in memory; Portolan persists), so a manager killed and restarted carries on
// with the same jobs. A robot silent for heartbeatTimeoutMs is offline: its job goes back
// to the front of the queue under a new attempt, once, and the robot, should it come back,
// is told at its next heartbeat that its copy is no longer its own.
//
// Addresses under "/fleet": POST /fleet/jobs {task, durationMs} submits (201; the same
// request id again answers the same job), GET /fleet/jobs lists (?state= filters), GET
// /fleet/jobs/<id> reads one, GET /fleet/robots lists robots; robots send to
// /fleet/heartbeat and /fleet/reports. Jobs go to "<robot address>/jobs".
//
// Params: heartbeatTimeoutMs (silence after which a robot is offline, 3000; keep it above
// the robots' leaseMs), defaultJobMs (a job's work time when the submission gives none, 1000).
class FleetManagerRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    static constexpr qint64 MaxJobMs = 3'600'000;

private:
    struct RobotState
    {
        QString id;
        int number = 0;
        QString address;         // "/robot/<n>"
        qint64 lastSeenMs = 0;
        bool online = false;
        bool heard = false;      // a heartbeat arrived since this manager started
        QString reportedJob;     // what its last heartbeat said it holds
    };
    struct Offer
    {
        QString job;
        QString robot;
        int attempt = 0;
    };

    void restore();
    void submit(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void listJobs(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void answerJob(const Wire::Envelope &request, const QString &id);
    void listRobots(const Wire::Envelope &request);
    void heartbeat(const Wire::Envelope &message, const Pugs::RequestFields &fields);
    void report(const Wire::Envelope &message, const Pugs::RequestFields &fields);

    RobotState &knowRobot(const QString &id, int number, const QString &address);
    RobotState *idleRobot();
    void assignQueued();
    void assign(RobotFleet::FleetJob &job, RobotState &robot);
    void sendOffer(const RobotFleet::FleetJob &job, const RobotState &robot);
    bool offerPending(const QString &job) const;
    void requeue(RobotFleet::FleetJob &job, const QString &outcome);
    void checkSilentRobots(qint64 nowMs);
    void save(const RobotFleet::FleetJob &job);
    QJsonObject counts() const;
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);

    RoleContext *m_context = nullptr;
    qint64 m_heartbeatTimeoutMs = 3000;
    qint64 m_defaultJobMs = 1000;
    bool m_draining = false;

    QHash<QString, RobotFleet::FleetJob> m_jobs;   // by id
    QList<QString> m_order;                        // job ids in submission order
    QHash<QByteArray, QString> m_byRequest;        // submission request id -> job id
    QList<QString> m_queue;                        // queued job ids, next first
    QHash<QString, RobotState> m_robots;           // by node id
    QHash<QString, QString> m_assigned;            // robot -> its active job
    QHash<QByteArray, Offer> m_offers;             // job message id -> offer, until settled
    qint64 m_nextNumber = 1;

    QJsonObject m_restored;   // what start() read back from the database; empty on a first start

    // Since this process started; the durable story is in the jobs' histories.
    qint64 m_duplicateReports = 0;
    qint64 m_staleReports = 0;
};

} // namespace Portolan::Node
