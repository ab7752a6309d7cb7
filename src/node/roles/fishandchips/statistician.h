#pragma once

#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

namespace Portolan::Node::FishAndChips {

// The statistician: sees every order the tills send ("/orders") and every order the cook
// sends back to the preparers ("/cooked"), each in its own consumer group. Comparing the
// two is the seed's measure of how many orders had to wait for something to be cooked:
// an order that came back from the cook waited, however many times it went round.
// Everything is counted once per order id, in the statistician's own store.
//
// Params: group ("statistics").
// Telemetry: orders, web, counter, plaiceOrders, multiPortionOrders (some count above
// one), portions {item: n} ordered, cookReturns (messages back from the cook),
// waitedForCooking (distinct orders among them), repeats.
class StatisticianRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    RoleContext *m_context = nullptr;
    QString m_group;
    Tally m_tally;
};

} // namespace Portolan::Node::FishAndChips
