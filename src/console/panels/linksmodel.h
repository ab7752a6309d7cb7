#pragma once

#include "console/panels/telemetrytablemodel.h"

namespace Portolan::Console {

// A node's links: for a router its neighbouring routers (state, cost, provider, added
// latency, frame rates) and the entities attached to it; for an entity its attachment.
// Each row offers the link's frame rate as a chart series.
class LinksModel : public TelemetryTableModel
{
    Q_OBJECT
public:
    enum Column {
        PeerColumn, StateColumn, KindColumn, CostColumn, ProviderColumn, LatencyColumn,
        RateInColumn, RateOutColumn, FramesInColumn, FramesOutColumn, ColumnCount
    };

    explicit LinksModel(QObject *parent = nullptr);
    void setTelemetry(const QJsonObject &telemetry) override;
};

} // namespace Portolan::Console
