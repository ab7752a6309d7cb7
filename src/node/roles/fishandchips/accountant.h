#pragma once

#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

namespace Portolan::Node::FishAndChips {

// The shop's accountant: sees every order the tills send to "/orders" (its own consumer
// group, so it gets a copy of each beside the preparers) and books its price. Each order
// is booked once, by order id, in the accountant's own store: a repeat delivery changes
// nothing, and the books survive a restart.
//
// Params: group ("accounts").
// Telemetry: orders, income (pence), web / counter (income by channel), repeats.
class AccountantRole final : public Role
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
