#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace Portolan::Node {

class PrometheusExposition;

// Figures about the node process that are not part of its telemetry snapshot.
struct ProcessFigures
{
    qint64 residentBytes = -1; // resident set size; < 0: unknown, not exported
    int controlClients = -1;   // consoles connected to the control WebSocket; < 0: not exported
};

// Turns a node's telemetry snapshot (docs/protocol.md, "Telemetry snapshot") into the
// Prometheus metrics served at GET /metrics (docs/protocol.md, "Metrics"): every metric
// is named portolan_* and carries the node's id as label "node". The telemetry stays the
// single source of the figures, so /metrics and the console never disagree.
class TelemetryMetrics
{
public:
    // The complete text exposition.
    static QByteArray render(const QJsonObject &telemetry, const ProcessFigures &process);

    // The same, into an exposition the caller may extend.
    static void write(const QJsonObject &telemetry, const ProcessFigures &process, PrometheusExposition &out);
};

} // namespace Portolan::Node
