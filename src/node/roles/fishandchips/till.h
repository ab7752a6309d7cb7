#pragma once

#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/menu.h"
#include "node/roles/fishandchips/ordermix.h"
#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

#include <QHash>
#include <QList>

namespace Portolan::Node::FishAndChips {

// A till of the fish and chip shop: takes orders and payment, web and in person, and sends
// each order to "/orders", where the preparers share them (a consumer group) while the
// accountant and the statistician each see every one. Orders with plaice carry the plaice
// key, so keyed distribution hands them all to one preparer. When an order is made up,
// the preparer answers the till ("/till/<n>/ready") and the customer collects it.
//
// Generated customers arrive at `rate`; a web customer may also order by hand through the
// HTTP ingress: POST /till/<n>/orders {"items": {"plaice": 1, "chips": 2}}. Every order and
// whether it was sent and collected is a record in the till's store: a restarted till
// sends what it had not sent and counts on.
//
// Params: number (required), rate (orders per second, 1), count (orders to generate, 0 =
// unlimited), startDelayMs (0), retryMs (wait after "/orders" refused an order, 1000),
// plaiceKey ("plaice"), menu ({item: pence}) and the OrderMix switches webShare,
// plaiceShare, multiShare, maxPortions, seed.
// Events: order-taken, order-collected, order-completed-again (a second "ready" for an
// order already collected: it was made twice).
class TillRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // Orders sent in one tick at most, so that a long outage does not flood on recovery.
    static constexpr int MaxSendsPerTick = 256;

private:
    bool readParams(const QJsonObject &params);
    void restore();
    FishOrder newOrder(const QString &channel, const Portions &items, qint64 nowMs);
    void place(const FishOrder &order);
    void sendUnsent(qint64 nowMs);
    void takeWebOrder(const Wire::Envelope &request);
    void collect(const Wire::Envelope &ready);
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status);
    bool countReached() const { return m_count > 0 && m_generated >= m_count; }

    RoleContext *m_context = nullptr;
    QString m_error;

    int m_number = 0;
    QString m_base;        // "/till/<n>"
    double m_rate = 1;
    qint64 m_count = 0;
    qint64 m_startAtMs = 0;
    qint64 m_retryMs = 1000;
    QString m_plaiceKey;
    Menu m_menu;
    OrderMix m_mix;

    Tally m_tally;
    qint64 m_generated = 0;            // generated customers so far (durable, in the tally)
    double m_credit = 0;               // token bucket, as the generator's
    qint64 m_lastRefillMs = 0;
    QList<QString> m_unsent;           // order ids not yet accepted by "/orders", oldest first
    QHash<QByteArray, QString> m_sending;   // message id -> order id, until settled
    qint64 m_retryAtMs = 0;
    bool m_draining = false;
};

} // namespace Portolan::Node::FishAndChips
