#pragma once

#include "node/roles/role.h"

#include <QHash>

namespace Portolan::Node {

// A read model of the Milk Factory's contracts (seed 004), as the seed's contract view and
// search would keep one: it consumes the contract events on the ordered event bus in a
// consumer group, where the contract id as key sends all of one contract's events to the
// same member, and keeps each contract at its newest version.
//
// Every event it sees is reported ("view-updated", with the version): the run's event log
// then shows whether one contract's versions arrived in order. An event older than what
// the view has is not applied (stale) — an update never goes backwards.
//
// Serves GET /contract-view/<number>/<contractId> and GET /contract-view/<number>.
//
// Params: number (required), group ("contract-view").
class ContractViewRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    RoleContext *m_context = nullptr;
    QString m_base;
    QString m_error;
    QHash<QString, qint64> m_versions;   // contract id -> newest version applied
    qint64 m_applied = 0;
    qint64 m_stale = 0;
};

} // namespace Portolan::Node
