#pragma once

#include "console/panels/telemetrytablemodel.h"

namespace Portolan::Console {

// An entity's own data (the "data" object of its telemetry), flattened to one field per
// row: a store's inventory item by item, a factory's backlog, a truck's position and
// status. Numeric fields offer themselves as chart series ("data.backlog").
class RoleDataModel : public TelemetryTableModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, ValueColumn };

    explicit RoleDataModel(QObject *parent = nullptr);
    void setTelemetry(const QJsonObject &telemetry) override;

    // "inventory.cutlass" -> "Inventory › cutlass": the role's own field names are
    // humanized, the names below them (items, ids) are data and stay as they are.
    static QString fieldLabel(const QStringList &keys);
};

} // namespace Portolan::Console
