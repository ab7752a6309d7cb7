#pragma once

#include "node/roles/fishandchips/portions.h"
#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

namespace Portolan::Node::FishAndChips {

// The hot cabinet above the fryer: the stock of cooked portions the preparers take from
// and the cooks fill (the seed's Redis cache, here an entity with its own store). Serves
// "/cabinet":
//
//   POST /cabinet/take  {"order": id, "items": {"cod": 1, "chips": 2}}
//        200 {"taken": true, "stock": {...}}: every portion was there and is now taken;
//        409 {"taken": false, "short": {"cod": 1}, "stock": {...}}: nothing was taken.
//   POST /cabinet/stock {"items": {...}, "cook": id}   adds cooked portions.
//   GET  /cabinet       the stock and the counts.
//
// A take is one check-and-take inside the delivery's transaction: no other message is
// handled between the check and the take, so no order is ever made from stock that was
// not there, and the stock never goes below zero. Takes and additions are idempotent by
// request id (a repeat gets the first answer and changes nothing).
//
// Params: stock ({item: portions} on the very first start only; default none).
// Events: portions-taken (order, items), take-refused (order, short), stock-added (items,
// cook).
class HotCabinetRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    void seedOnce();
    void take(const Wire::Envelope &request, const QJsonObject &body);
    void addStock(const Wire::Envelope &request, const QJsonObject &body);
    Portions stock() const;
    QJsonObject status() const;
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status);

    RoleContext *m_context = nullptr;
    Tally m_tally;
};

} // namespace Portolan::Node::FishAndChips
