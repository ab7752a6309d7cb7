#pragma once

#include "console/panels/telemetrytablemodel.h"

namespace Portolan::Console {

// An interior router's routing table: for each other router, the next hop and the total
// cost; unreachable routers are greyed.
class RoutesModel : public TelemetryTableModel
{
    Q_OBJECT
public:
    enum Column { DestinationColumn, NextHopColumn, CostColumn };

    explicit RoutesModel(QObject *parent = nullptr);
    void setTelemetry(const QJsonObject &telemetry) override;
};

} // namespace Portolan::Console
