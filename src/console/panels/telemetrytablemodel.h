#pragma once

#include "console/panels/keyedtablemodel.h"

#include <QJsonObject>

namespace Portolan::Console {

// One of the inspector's tables: a keyed table that knows which part of a node's
// telemetry snapshot (docs/protocol.md 2.11) it shows. Every new snapshot goes through
// setTelemetry and updates the rows in place.
class TelemetryTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    virtual void setTelemetry(const QJsonObject &telemetry) = 0;

    // Routers (interior, edge) and entities show different tables and columns.
    static bool isRouter(const QJsonObject &telemetry, const QString &roleOrKind = {});

protected:
    using KeyedTableModel::KeyedTableModel;
};

} // namespace Portolan::Console
