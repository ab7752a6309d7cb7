#pragma once

#include "node/roles/milkfactory/commandledger.h"
#include "node/roles/role.h"

namespace Portolan::Node {

// The partners service of the Milk Factory (seed 004): partners (customers, sales reps)
// and their relationships to contracts. Loosely coupled to sales, it takes its commands on
// its own address ("/partners/commands") and publishes on its own ("/partners/events").
//
// CREATE_PARTNER_RELATIONSHIP {contractId, partnerId, role, country} ties a partner to a
// contract. The partner must exist and, as the seed says, comply with the data the draft
// was made with: a partner in another country than the draft's is a validation error, not
// retryable, and goes to the errors address for the originator. Relationships are upserts
// keyed by contract and role; commands are idempotent by commandId.
//
// Serves GET /partners/<id> and GET /partners.
//
// Params: partners, a list of {id, name, country}, written on the very first start only.
class PartnersRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    void seedPartnersOnce();
    void createRelationship(const MilkFactory::BusRecord &record);

    RoleContext *m_context = nullptr;
    MilkFactory::CommandLedger m_ledger;
    qint64 m_partners = 0;
    qint64 m_relationships = 0;
};

} // namespace Portolan::Node
