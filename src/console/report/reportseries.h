#pragma once

#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QString>

namespace Portolan::Console {

// One line of a report chart: x is seconds since the run started.
struct ChartLine
{
    QString name;
    QList<QPointF> points;
    bool emphasised = false;   // the total: drawn thicker and darker than the rest
    double peak() const;
};

// The report's chart lines, derived from the metric samples a run recorded (see
// ScenarioRun::sampleMetrics: "queues.<address>" and "counters.<name>" per node and tick).
class ReportSeries
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::ReportSeries)

public:
    // Queue depth per node over time: the total over every node first, then the topN nodes
    // with the highest peak (nodes that never queued anything are left out). A router's
    // depth is the sum over its addresses (messages in flight per address); an entity
    // reports the same outstanding work under each address it subscribes to, so its depth
    // is the largest of them. Without a scenario, a node with a "counters.handled" is
    // taken for an entity.
    static QList<ChartLine> queueDepths(const Scenario::RunRecord &record, const Scenario::Scenario *scenario,
                                        int topN);
    // Messages per second over every node: delivered, acknowledged and resent, derived
    // from the cumulative counters between consecutive samples. A counter that went down
    // belongs to a restarted node and counts from zero again.
    static QList<ChartLine> messageRates(const Scenario::RunRecord &record);
};

} // namespace Portolan::Console
