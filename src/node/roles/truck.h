#pragma once

#include "node/roles/pugs/mappoint.h"
#include "node/roles/pugs/truckjob.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// A Pirate Pugs delivery truck (Scenario 2): takes one job at a time from "/trucks/jobs"
// (balanced among the trucks; it advertises capacity 1), drives to the factory and on to
// the store at its speed, sends its position fire-and-forget to "/positions" while it
// drives, delivers to "/store/<n>/deliver" on arrival, and answers "/tracking/<id>" for
// its jobs, during the drive and after. The job and its start time are persisted, so a
// restarted truck knows where it is from the clock alone.
//
// Params: number, position [x, y] (the depot, where it starts), speed (map units per
// second, default 50), positionIntervalMs (default 200), deliveryRetryMs (wait before
// resending a delivery the store did not acknowledge, default 1000).
class TruckRole final : public Role
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
    void restore();
    void acceptJob(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void answerTracking(const Wire::Envelope &request, const QString &tracking);
    QJsonObject trackingAnswer(const Pugs::TruckJob &job, qint64 nowMs) const;
    qint64 etaOfQueued(const QString &tracking, qint64 nowMs) const;

    void startNextJob(qint64 atMs);
    void arrive(qint64 atMs);
    void sendPosition(const Pugs::TruckJob &job, qint64 nowMs);
    void sendDelivery(const QString &tracking);
    void saveJob(const Pugs::TruckJob &job);
    void saveState();
    void advertiseWork();
    Pugs::MapPoint positionAt(qint64 nowMs) const;
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);

    RoleContext *m_context = nullptr;
    int m_number = 0;
    QString m_base;   // "/truck/<n>"
    double m_speed = 50;
    qint64 m_positionIntervalMs = 200;
    qint64 m_deliveryRetryMs = 1000;
    bool m_draining = false;

    Pugs::MapPoint m_position;                 // where the truck stands between jobs
    QHash<QString, Pugs::TruckJob> m_jobs;     // unfinished: queued, driving, delivery unacknowledged
    QList<QString> m_queue;                    // jobs waiting for the truck, oldest first
    QString m_active;                          // the job being driven
    QHash<QByteArray, QString> m_deliveries;   // delivery message id -> tracking id, until settled
    QHash<QString, qint64> m_deliveryRetryAt;  // tracking id -> when to resend the delivery
    qint64 m_lastPositionMs = 0;
    qint64 m_lastTickMs = 0;
    qint64 m_jobsDone = 0;
};

} // namespace Portolan::Node
