#pragma once

#include "console/panels/telemetrytablemodel.h"

namespace Portolan::Console {

// The addresses a node deals with. For an entity: its subscriptions (group, capacity)
// and the outstanding work per address; for a router: the messages in flight per
// address. Each row offers its queue as a chart series.
class AddressesModel : public TelemetryTableModel
{
    Q_OBJECT
public:
    enum Column { AddressColumn, QueueColumn, SubscribedColumn, GroupColumn, CapacityColumn, ColumnCount };

    explicit AddressesModel(QObject *parent = nullptr);
    void setTelemetry(const QJsonObject &telemetry) override;
};

} // namespace Portolan::Console
