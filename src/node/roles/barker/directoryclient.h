#pragma once

#include "wire/envelope.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Portolan::Node {
class RoleContext;
}

namespace Portolan::Node::Barker {

// One live instance of a service, as the directory lists it.
struct ServiceInstance
{
    QString instance;   // node id
    QString address;    // where to send to reach exactly this instance
    int rank = 0;       // preference for failover: lower first
    friend bool operator==(const ServiceInstance &, const ServiceInstance &) = default;
};

// How a caller picks one instance of a service.
enum class Policy {
    Failover,     // the live instance of lowest rank: primary, then backup
    RoundRobin,   // each live instance in turn
};
std::optional<Policy> policyFromName(const QString &name);
QString policyName(Policy policy);

// A Barker service's side of the directory (service location, as Datawire's Barker did
// it): heartbeats announce the instances this entity provides, and the services it calls
// are kept as a live list of instances, from the directory's announcements and a lookup
// at start. The caller chooses an instance with a Policy and sends to its address.
//
// Addresses: heartbeats go to "/barker/heartbeats" (fire and forget), announcements
// arrive on "/barker/services" (multicast), lookups go to "/barker/directory/<service>"
// and are answered on "/barker/directory-answers/<node>".
class DirectoryClient
{
public:
    static constexpr qint64 LookupRetryMs = 1000;

    void start(RoleContext &context, qint64 heartbeatMs);

    // Heartbeat this entity as an instance of service, reachable at address.
    void provide(const QString &service, const QString &address, int rank);
    // Keep a live list of service's instances.
    void watch(const QString &service);

    // Consumes the directory's messages; false for anything else.
    bool handle(const Wire::Envelope &message);
    void tick(qint64 nowMs);

    bool known(const QString &service) const { return m_views.contains(service); }
    QList<ServiceInstance> instances(const QString &service) const;   // live, by rank then id
    // The instance policy picks; turn counts the caller's picks for round robin.
    std::optional<ServiceInstance> pick(const QString &service, Policy policy, quint64 turn) const;

private:
    void beat(qint64 nowMs);
    void lookup(const QString &service, qint64 nowMs);
    void apply(const QJsonObject &announcement);

    struct Provided
    {
        QString service;
        QString address;
        int rank = 0;
    };
    struct View
    {
        QList<ServiceInstance> instances;
        qint64 version = -1;   // the directory's time of the announcement
    };

    RoleContext *m_context = nullptr;
    qint64 m_heartbeatMs = 250;
    qint64 m_lastBeatMs = 0;
    QString m_answers;
    QList<Provided> m_provided;
    QStringList m_watched;
    QHash<QString, View> m_views;
    QHash<QString, qint64> m_lookedUpAtMs;
};

} // namespace Portolan::Node::Barker
