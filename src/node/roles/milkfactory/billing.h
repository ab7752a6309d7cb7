#pragma once

#include "node/roles/milkfactory/commandledger.h"
#include "node/roles/role.h"

namespace Portolan::Node {

// The billing service of the Milk Factory (seed 004). Loosely coupled, as the seed has it
// ("publishing billing as command"): START_BILLING {contractId, customer, total} on
// "/billing/commands" starts the recurring billing of an accepted contract, and
// BILLING_STARTED on "/billing/events" says so. A contract is billed once: a second
// START_BILLING for it (another commandId) starts nothing and tells again what was
// started; the same commandId again is a duplicate and changes nothing.
//
// Serves GET /billing/<contractId> and GET /billing. No params.
class BillingRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    void startBilling(const MilkFactory::BusRecord &record);

    RoleContext *m_context = nullptr;
    MilkFactory::CommandLedger m_ledger;
    qint64 m_billed = 0;
    double m_billedTotal = 0;
};

} // namespace Portolan::Node
