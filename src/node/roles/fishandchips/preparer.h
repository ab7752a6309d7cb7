#pragma once

#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

#include <QHash>

namespace Portolan::Node::FishAndChips {

// A preparer at the counter: makes up orders from the hot cabinet. Orders arrive from the
// tills on "/orders" and, after cooking, from the cook on "/cooked"; the preparers share
// both as one consumer group (balanced, or keyed: plaice orders all reach the same
// preparer). Orders wait in a durable queue and are made up one at a time:
//
//   1. ask the hot cabinet to take the portions ("/cabinet/take"), which it does atomically
//      or not at all;
//   2. taken: make the order up (prepareMs) and tell the till it is ready;
//      short: send the order to the cook ("/cook/orders") and go on with the next one.
//
// The order in hand and every message not yet settled are records in the preparer's
// store, so a restarted preparer asks the cabinet again with the same request id (the
// cabinet answers a repeat with its first answer) and resends what was not settled.
//
// Params: group ("preparers"), prepareMs (400), retryMs (wait after a refused send, 500),
// answerTimeoutMs (ask the cabinet again when it has not answered, 3000).
// Events: order-made (order, preparer, plaice, cookRounds, items), order-to-cook (order,
// short, cookRounds).
class PreparerRole final : public Role
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
    enum class Phase { Idle, Asking, Making };

    bool readParams(const QJsonObject &params);
    void restore();
    void queueOrder(const QByteArray &workId, const Wire::Envelope &message);
    void startNext(qint64 nowMs);
    void askCabinet(qint64 nowMs);
    void takeCabinetAnswer(const Wire::Envelope &answer);
    void finishMaking(qint64 nowMs);
    void sendToCook(const QJsonObject &short_);
    void sendPending(const QString &kind, const QString &orderId);
    void finishCurrent();
    void saveCurrent();
    void publishOutstanding();

    RoleContext *m_context = nullptr;
    QString m_error;

    QString m_group;
    qint64 m_prepareMs = 400;
    qint64 m_retryMs = 500;
    qint64 m_answerTimeoutMs = 3000;
    QString m_answers;       // "/preparer/<node>/cabinet"

    Tally m_tally;

    // The order in hand.
    Phase m_phase = Phase::Idle;
    QByteArray m_workId;     // its backlog item
    FishOrder m_order;
    QByteArray m_takeId;     // request id of the cabinet take
    QByteArray m_askMessage; // message id of the take request while unsettled
    qint64 m_askedAtMs = 0;
    qint64 m_retryAtMs = 0;
    qint64 m_makingSinceMs = 0;

    // Messages that must get through: "ready" to the till and orders to the cook, as
    // records (kind, order id) until settled. message id -> (kind, order id).
    QHash<QByteArray, std::pair<QString, QString>> m_pending;
    QHash<QString, qint64> m_pendingRetryAt;   // "kind/order" -> when to send again
    bool m_draining = false;
};

} // namespace Portolan::Node::FishAndChips
