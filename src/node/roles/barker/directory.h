#pragma once

#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

#include <QMap>

namespace Portolan::Node::Barker {

// Barker's directory: service location. Every service instance heartbeats
// ("/barker/heartbeats": service, instance, address, rank); an instance is live from its
// first heartbeat until ttlMs pass without one. Whenever a service's live instances change,
// and every announceMs besides, the directory announces the list on "/barker/services"
// (multicast); callers also ask for it: GET /barker/directory/<service>, or
// GET /barker/directory for every service.
//
// Liveness is soft state, learnt again from heartbeats after a restart; the instances ever
// seen and how often each came and went are kept in the store.
//
// Params: ttlMs (1000), announceMs (1000).
// Events: instance-up (service, instance, address, rank), instance-down (service,
// instance, silentMs).
// Telemetry: live {service: n}, instances {instance: 1 live / 0 not}, ups, downs.
class DirectoryRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;

private:
    struct Instance
    {
        QString address;
        int rank = 0;
        qint64 lastSeenMs = 0;
        bool live = false;
    };

    void heartbeat(const QJsonObject &beat);
    void announce(const QString &service);
    QJsonObject serviceJson(const QString &service) const;

    RoleContext *m_context = nullptr;
    qint64 m_ttlMs = 1000;
    qint64 m_announceMs = 1000;
    qint64 m_lastAnnounceMs = 0;
    QMap<QString, QMap<QString, Instance>> m_services;   // ordered: answers list them alike
    FishAndChips::Tally m_tally;
};

} // namespace Portolan::Node::Barker
