#pragma once

#include "node/roles/factoryedge/outbox.h"
#include "node/roles/role.h"

#include <QJsonObject>

namespace Portolan::Node {

// An edge device of a factory or a warehouse: a machine, a robot or a picking vehicle
// on small hardware, attached to its site's edge router.
//
// It takes jobs from "/jobs/<site>", which the edge router anycasts to the least busy
// device of the site; works them one at a time, first in first out, serviceMs each,
// from a durable backlog; reports each job done to its sender (the site's planner or
// warehouse), and hands the finished part on to the next station of its line, another
// device of the same site ("/device/<site>/<next>/handoff"). Hand-offs travel traced,
// so the receiving device learns which routers carried each one; it counts those that
// crossed one router only (the site's edge router: the traffic never left the site).
// Every device of a site hears "/devices/<site>" (multicast): "shutdown" stops it taking
// and working jobs, "start" resumes; both are answered, and persist across restarts.
//
// Params: site (required), number (required, >= 1), kind (a label, "device"),
// serviceMs (1000), nextStation (device number hand-offs go to; 0 = none), capacity
// (most jobs in its backlog the router sends it; 0 = unbounded), retryMs (500).
// Events: device-online (site, device, kind, shutdown, backlog), job-done (site, device,
// job, queuedMs, serviceMs, backlog), device-shutdown / device-started (site, device, backlog).
class EdgeDeviceRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // Upper bound of jobs finished in one tick, so that a zero service time and a deep
    // backlog cannot hold the event loop.
    static constexpr int MaxCompletionsPerTick = 256;

private:
    bool readParams();
    void handleCommand(const Wire::Envelope &message, const QString &command);
    void receiveHandoff(const Wire::Envelope &message);
    void finishJob(const QByteArray &id, const QByteArray &payload, qint64 startedMs, qint64 finishedMs,
                   qint64 enqueuedMs);
    void setShutdown(bool shutdown);
    void saveCounters();
    void publishOutstanding();
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);
    QJsonObject status() const;

    RoleContext *m_context = nullptr;
    QString m_error;

    QString m_site;
    int m_number = 0;
    QString m_kind;
    qint64 m_serviceMs = 1000;
    int m_nextStation = 0;
    int m_capacity = 0;
    QString m_jobs;       // "/jobs/<site>"
    QString m_commands;   // "/devices/<site>"
    QString m_own;        // "/device/<site>/<number>"

    FactoryEdge::Outbox m_outbox;
    bool m_shutdown = false;
    // When the device finished its previous job; the next starts at the later of this
    // and its own arrival, so service times add up exactly however ticks fall.
    qint64 m_freeAtMs = 0;

    // Persisted in the store (record "device"/"counters"), so a restart keeps them.
    qint64 m_shutdowns = 0;
    qint64 m_handoffsSent = 0;
    qint64 m_handoffsDelivered = 0;
    qint64 m_handoffsReceived = 0;
    qint64 m_handoffsLocal = 0;        // crossed exactly one router
    QJsonObject m_handoffPaths;        // "f1-edge" -> count; "f1-edge > c2 > f1-edge" -> count
};

} // namespace Portolan::Node
