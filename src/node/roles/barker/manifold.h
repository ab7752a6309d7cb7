#pragma once

#include "node/roles/barker/directoryclient.h"
#include "node/roles/barker/forwardqueue.h"
#include "node/roles/role.h"

namespace Portolan::Node::Barker {

// A Barker manifold, the seed's inbox and outbox: takes barks on its address, keeps them
// in a durable queue and forwards them to the next stage. The inbox takes barks posted to
// "/barker/barks" (by the autobarks, or by hand through the HTTP ingress, which gets
// {"accepted": true, "bark": id} back) and forwards them to the business logic picked by
// failover; an outbox takes barks on its own instance address and forwards them to the
// feed. Every manifold heartbeats the directory as an instance of its service.
//
// The queue depth is advertised as the address's outstanding work, so the console's
// queue-depth chart (telemetry "queues") shows it.
//
// Params: service (required, e.g. "inbox"), rank (1), address (what it consumes; default
// "/barker/<service>/<node>"), forwardTo ({"address": a} or {"service": s, "policy":
// "failover" | "round-robin"}, and "receipts": wait for the consumer's receipt, default
// true for a service; required), window (32), retryMs (250), heartbeatMs (250).
// Events: failover (service, from, to, queueDepth).
// Telemetry: received, forwarded, duplicates, refusals, resent, failovers, forwardedTo,
// queueDepth, inFlight, target.
class ManifoldRole final : public Role
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
    bool readParams(const QJsonObject &params);
    void publishDepth();

    RoleContext *m_context = nullptr;
    QString m_error;
    QString m_service;
    int m_rank = 1;
    QString m_address;
    ForwardQueue::Target m_forwardTo;
    int m_window = 32;
    qint64 m_retryMs = 250;
    qint64 m_heartbeatMs = 250;
    DirectoryClient m_directory;
    ForwardQueue m_queue;
    bool m_draining = false;
};

} // namespace Portolan::Node::Barker
