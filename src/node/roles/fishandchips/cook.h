#pragma once

#include "node/roles/fishandchips/portions.h"
#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

#include <QHash>

namespace Portolan::Node::FishAndChips {

// The cook behind the fryer. Takes orders the hot cabinet was short for from
// "/cook/orders" (balanced between cooks), fries what was missing, puts it in the cabinet
// ("/cabinet/stock") and, once the cabinet has it, sends the order back to the preparers
// ("/cooked", with the order's key, so plaice orders go back to the plaice preparer).
//
// Cod and chips are fried in batches: what is missing is rounded up to a whole number of
// batches, so the cabinet is stocked ahead. Plaice (and any item without a batch) is
// cooked to order: exactly what is missing. One job at a time, first in first out; a job
// takes the longest frying time of the items in it (the baskets fry side by side). Jobs
// and the deliveries still on their way are in the cook's store.
//
// Params: batch ({item: portions}, default {cod: 6, chips: 10}), fryMs ({item: ms},
// default {cod: 800, chips: 600, plaice: 1200}; items not listed take 800), retryMs (500).
// Events: batch-cooked (order, short, cooked, cookMs), order-returned (order).
class CookRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // What frying `missing` makes, given the batch sizes: whole batches for items that
    // have one, exactly the missing count for the rest.
    static Portions roundUp(const Portions &missing, const Portions &batches);

private:
    bool readParams(const QJsonObject &params);
    qint64 cookingTime(const Portions &missing) const;
    void finishJob(const QByteArray &jobId, const QByteArray &payload, qint64 doneMs);
    void sendDelivery(const QString &jobId);
    void publishOutstanding();

    RoleContext *m_context = nullptr;
    QString m_error;
    Portions m_batches;
    Portions m_fryMs;
    qint64 m_retryMs = 500;

    Tally m_tally;
    qint64 m_freeAtMs = 0;
    QHash<QByteArray, QString> m_sending;      // message id -> job id, until settled
    QHash<QString, qint64> m_retryAt;          // job id -> when to send its delivery again
    bool m_draining = false;
};

} // namespace Portolan::Node::FishAndChips
