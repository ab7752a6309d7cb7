#pragma once

#include "node/roles/role.h"

namespace Portolan::Node {

// The raw-cost index of the Milk Factory (seed 004): the seed's index-based products get
// cheaper or dearer year on year with the cost of their raw products. Pricing asks it for
// the current index on every draft; this service answers with it (echoing the asker's
// "ref") and nothing else. Taking it down makes pricing fail transiently.
//
// Params: address ("/raw-costs"), index (1.04).
class CostIndexRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    RoleContext *m_context = nullptr;
    QString m_address;
    double m_index = 1.04;
    qint64 m_answered = 0;
};

} // namespace Portolan::Node
