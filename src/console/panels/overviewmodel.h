#pragma once

#include "console/panels/telemetrytablemodel.h"

namespace Portolan::Console {

// The inspector's first table: who the node is and how it is doing. Role, kind,
// version, state, uptime, its router (entities) or HTTP port (ingress routers), the
// total queue depth and every counter, one property per row.
class OverviewModel : public TelemetryTableModel
{
    Q_OBJECT
public:
    enum Column { PropertyColumn, ValueColumn };

    explicit OverviewModel(QObject *parent = nullptr);

    // What is known before the first snapshot arrives (or while a node is unreachable).
    void setIdentity(const QString &node, const QString &roleOrKind);
    void setTelemetry(const QJsonObject &telemetry) override;

private:
    QString m_node;
    QString m_roleOrKind;
};

} // namespace Portolan::Console
