#pragma once

#include "node/roles/factoryedge/outbox.h"
#include "node/roles/role.h"

#include <QJsonObject>

namespace Portolan::Node {

// An office's work-order system (head office, sales): issues work orders at a rate to
// the factories ("/factories/work-orders", balanced), and keeps track of each one until
// it hears it was made.
//
// Every order goes out through an outbox: refused (no factory reachable at that moment)
// it is issued again after retryMs under the same id, so an order, once issued, is
// never dropped. Its Reply-To is the desk's own "/order-desk/<id>/done": the factory that
// makes it reports there, so the desk knows, order by order, that nothing it had
// acknowledged was lost; a second report for the same order from another factory counts
// as made twice. The desk stops issuing after `count` orders, or when told on
// "/order-desks/stop" (multicast to every desk) or "/order-desk/<id>/stop"; "start"
// resumes.
//
// Params: rate (orders per second, 1; fractions allowed), count (0 = no limit), item
// ("part"), address ("/factories/work-orders"), retryMs (1000), startDelayMs (0).
// Events: orders-stopped (issued, acknowledged, completed), orders-started.
class OrderDeskRole final : public Role
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
    bool readParams();
    void issue();
    void recordCompletion(const Wire::Envelope &report);
    void setStopped(bool stopped);
    void save();
    bool limitReached() const { return m_count > 0 && m_issued >= m_count; }
    QJsonObject status() const;

    RoleContext *m_context = nullptr;
    QString m_error;

    QString m_address;
    QString m_item;
    double m_rate = 1;
    qint64 m_count = 0;
    qint64 m_startAtMs = 0;
    QString m_own;   // "/order-desk/<node id>"

    FactoryEdge::Outbox m_outbox;
    bool m_draining = false;
    // Token bucket in "order-milliseconds": elapsed ms x rate; an order costs 1000.
    double m_credit = 0;
    qint64 m_lastRefillMs = 0;

    // Persisted (record "desk"/"counters").
    bool m_stopped = false;
    qint64 m_issued = 0;
    qint64 m_acknowledged = 0;
    qint64 m_completed = 0;
    qint64 m_madeTwice = 0;
};

} // namespace Portolan::Node
