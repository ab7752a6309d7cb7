#pragma once

#include "scenario/runrecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace Portolan::Console {

// The run's metric samples as files other tools read: a long-format CSV (one row per
// sample: time_ms,node,metric,value, with a header row) and a JSON document with one
// series per node and metric, {"series":[{"node","metric","points":[[t,v],...]}]}, in
// the order the series first appeared. Times are ms since the run started.
class TimeSeriesExport
{
public:
    static QByteArray csv(const QList<Scenario::MetricSample> &samples);
    static QJsonObject json(const QList<Scenario::MetricSample> &samples);
    // One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static QByteArray csvField(const QString &text);
};

} // namespace Portolan::Console
