#include "console/report/reportseries.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

QList<QPointF> toPoints(const QMap<qint64, double> &values)
{
    QList<QPointF> points;
    points.reserve(values.size());
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        points.append(QPointF(seconds(it.key()), it.value()));
    return points;
}

} // namespace

double ChartLine::peak() const
{
    double best = 0;
    for (const QPointF &p : points)
        best = std::max(best, p.y());
    return best;
}

QList<ChartLine> ReportSeries::queueDepths(const Scenario::RunRecord &record, const Scenario::Scenario *scenario,
                                           int topN)
{
    // Every tick a node was sampled at counts, queue or not: a router drops an address
    // from its "queues" once nothing is in flight there, which reads as depth 0.
    QMap<QString, QMap<qint64, double>> depths;
    QSet<QString> handlers;
    for (const Scenario::MetricSample &s : record.metrics) {
        depths[s.node].insert(s.atMs, 0.0);
        if (s.metric == "counters.handled"_L1)
            handlers.insert(s.node);
    }
    const auto isEntity = [&](const QString &node) {
        if (scenario) {
            if (scenario->router(node))
                return false;
            if (scenario->entity(node))
                return true;
        }
        return handlers.contains(node);
    };
    QHash<QString, bool> entityCache;
    for (const Scenario::MetricSample &s : record.metrics) {
        if (!s.metric.startsWith("queues."_L1))
            continue;
        auto cached = entityCache.constFind(s.node);
        if (cached == entityCache.cend())
            cached = entityCache.insert(s.node, isEntity(s.node));
        double &depth = depths[s.node][s.atMs];
        depth = cached.value() ? std::max(depth, s.value) : depth + s.value;
    }

    QMap<qint64, double> total;
    QList<ChartLine> nodes;
    for (auto node = depths.cbegin(); node != depths.cend(); ++node) {
        for (auto it = node.value().cbegin(); it != node.value().cend(); ++it)
            total[it.key()] += it.value();
        ChartLine line{node.key(), toPoints(node.value()), false};
        if (line.peak() > 0)
            nodes.append(std::move(line));
    }
    std::stable_sort(nodes.begin(), nodes.end(),
                     [](const ChartLine &a, const ChartLine &b) { return a.peak() > b.peak(); });
    if (nodes.size() > std::max(0, topN))
        nodes.resize(std::max(0, topN));

    QList<ChartLine> lines;
    if (!total.isEmpty())
        lines.append(ChartLine{tr("all nodes"), toPoints(total), true});
    lines.append(nodes);
    return lines;
}

QList<ChartLine> ReportSeries::messageRates(const Scenario::RunRecord &record)
{
    struct Counter
    {
        const char *metric;
        QString label;
    };
    const QList<Counter> counters{{"counters.delivered", tr("delivered / s")},
                                  {"counters.acked", tr("acknowledged / s")},
                                  {"counters.resent", tr("resent / s")}};

    struct Previous
    {
        qint64 atMs;
        double value;
    };
    QList<ChartLine> lines;
    for (const Counter &counter : counters) {
        const QLatin1StringView metric(counter.metric);
        QHash<QString, Previous> previous;
        QMap<qint64, double> rates;
        for (const Scenario::MetricSample &s : record.metrics) {
            if (s.metric != metric)
                continue;
            auto last = previous.find(s.node);
            if (last == previous.end()) {
                previous.insert(s.node, Previous{s.atMs, s.value});
                rates[s.atMs] += 0;
                continue;
            }
            const qint64 dt = s.atMs - last->atMs;
            if (dt > 0) {
                const double delta = s.value >= last->value ? s.value - last->value : s.value;
                rates[s.atMs] += delta * 1000.0 / double(dt);
            }
            *last = Previous{s.atMs, s.value};
        }
        if (!rates.isEmpty())
            lines.append(ChartLine{counter.label, toPoints(rates), false});
    }
    return lines;
}

} // namespace Portolan::Console
