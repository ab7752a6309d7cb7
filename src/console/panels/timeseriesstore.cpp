#include "console/panels/timeseriesstore.h"

#include "console/panels/seriesnaming.h"
#include "console/panels/telemetryflattener.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

// Frame-count rates are taken over at least this long, so 10 Hz snapshots do not turn
// the batching of frames into a saw-tooth.
constexpr qint64 MinRateIntervalMs = 500;
// Series that nobody appends to any more (a removed node's) are trimmed this often.
constexpr qint64 TrimIntervalMs = 1000;

} // namespace

TimeSeriesStore::TimeSeriesStore(QObject *parent)
    : QObject(parent)
{
}

void TimeSeriesStore::append(const QString &node, const QString &metric, qint64 atMs, double value)
{
    QHash<QString, TimeSeries> &byMetric = m_series[node];
    auto it = byMetric.find(metric);
    const bool added = it == byMetric.end();
    if (added)
        it = byMetric.insert(metric, TimeSeries());
    it->append(atMs, value);
    it->trimBefore(atMs - m_windowMs);
    advanceClock(atMs);
    // Last: a slot may read the store (and its hashes may grow) once the sample is in.
    if (added)
        Q_EMIT seriesAdded(node, metric);
}

void TimeSeriesStore::advanceClock(qint64 atMs)
{
    if (atMs > m_latestMs)
        m_latestMs = atMs;
    if (m_lastTrimMs < 0 || m_latestMs - m_lastTrimMs >= TrimIntervalMs) {
        m_lastTrimMs = m_latestMs;
        trimAll();
    }
}

void TimeSeriesStore::trimAll()
{
    const qint64 cutoff = m_latestMs - m_windowMs;
    for (auto node = m_series.begin(); node != m_series.end(); ++node) {
        for (auto s = node->begin(); s != node->end(); ++s)
            s->trimBefore(cutoff);
    }
}

void TimeSeriesStore::ingestTelemetry(const QString &node, qint64 atMs, const QJsonObject &t)
{
    if (t.isEmpty())
        return;
    if (t.contains("queues"_L1)) {
        const QJsonObject queues = t.value("queues"_L1).toObject();
        double total = 0;
        for (auto it = queues.begin(); it != queues.end(); ++it) {
            const double depth = it.value().toDouble();
            total += depth;
            append(node, SeriesNaming::queue(it.key()), atMs, depth);
        }
        append(node, SeriesNaming::queueDepth(), atMs, total);
    }
    const QJsonObject links = t.value("links"_L1).toObject();
    for (auto it = links.begin(); it != links.end(); ++it)
        append(node, SeriesNaming::linkRate(it.key()), atMs, linkRate(node, it.key(), it.value().toObject(), atMs));
    // A router's attached entities are links too; they report frame counts only.
    const QJsonObject entities = t.value("entities"_L1).toObject();
    for (auto it = entities.begin(); it != entities.end(); ++it) {
        if (!links.contains(it.key()))
            append(node, SeriesNaming::linkRate(it.key()), atMs, linkRate(node, it.key(), it.value().toObject(), atMs));
    }
    const QJsonObject counters = t.value("counters"_L1).toObject();
    for (auto it = counters.begin(); it != counters.end(); ++it) {
        if (it.value().isDouble())
            append(node, SeriesNaming::counter(it.key()), atMs, it.value().toDouble());
    }
    const QList<TelemetryFlattener::Leaf> data = TelemetryFlattener::numbers(t.value("data"_L1).toObject());
    for (const TelemetryFlattener::Leaf &leaf : data)
        append(node, SeriesNaming::data(leaf.path), atMs, leaf.value.toDouble());
}

double TimeSeriesStore::linkRate(const QString &node, const QString &peer, const QJsonObject &link, qint64 atMs)
{
    if (link.contains("rateIn"_L1) || link.contains("rateOut"_L1))
        return link.value("rateIn"_L1).toDouble() + link.value("rateOut"_L1).toDouble();
    if (!link.contains("framesIn"_L1) && !link.contains("framesOut"_L1))
        return 0.0;   // a down link: nothing flows
    const double frames = link.value("framesIn"_L1).toDouble() + link.value("framesOut"_L1).toDouble();
    FrameCount &last = m_frames[node + u'\t' + peer];
    if (last.atMs < 0 || frames < last.frames || atMs < last.atMs) {
        // First sight, or the link came back and its counts restarted.
        last = {atMs, frames, 0.0};
        return 0.0;
    }
    if (atMs - last.atMs >= MinRateIntervalMs) {
        last.rate = (frames - last.frames) * 1000.0 / double(atMs - last.atMs);
        last.atMs = atMs;
        last.frames = frames;
    }
    return last.rate;
}

void TimeSeriesStore::ingestDelivery(qint64 atMs, double latencyMs)
{
    m_latency.add(atMs, latencyMs);
    if (m_lastLatencyPointMs >= 0 && atMs - m_lastLatencyPointMs < LatencyIntervalMs)
        return;
    m_lastLatencyPointMs = atMs;
    append({}, SeriesNaming::latencyP50(), atMs, m_latency.percentile(50));
    append({}, SeriesNaming::latencyP99(), atMs, m_latency.percentile(99));
}

QStringList TimeSeriesStore::nodes() const
{
    QStringList list = m_series.keys();
    std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
        if (a.isEmpty() != b.isEmpty())
            return a.isEmpty();
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    return list;
}

QStringList TimeSeriesStore::metrics(const QString &node) const
{
    QStringList list = m_series.value(node).keys();
    std::sort(list.begin(), list.end());
    return list;
}

bool TimeSeriesStore::contains(const QString &node, const QString &metric) const
{
    auto it = m_series.constFind(node);
    return it != m_series.constEnd() && it->contains(metric);
}

const TimeSeries *TimeSeriesStore::series(const QString &node, const QString &metric) const
{
    auto it = m_series.constFind(node);
    if (it == m_series.constEnd())
        return nullptr;
    auto s = it->constFind(metric);
    return s == it->constEnd() ? nullptr : &s.value();
}

QList<QPointF> TimeSeriesStore::points(const QString &node, const QString &metric, qint64 fromMs) const
{
    const TimeSeries *s = series(node, metric);
    if (!s)
        return {};
    const QList<QPointF> &all = s->points();
    auto first = std::lower_bound(all.cbegin(), all.cend(), double(fromMs),
                                  [](const QPointF &p, double x) { return p.x() < x; });
    if (first != all.cbegin())
        --first;
    return QList<QPointF>(first, all.cend());
}

void TimeSeriesStore::setWindowMs(qint64 windowMs)
{
    m_windowMs = qMax<qint64>(1000, windowMs);
    trimAll();
}

void TimeSeriesStore::removeNode(const QString &node)
{
    if (m_series.remove(node) == 0)
        return;
    for (auto it = m_frames.begin(); it != m_frames.end();) {
        if (it.key().section(u'\t', 0, 0) == node)
            it = m_frames.erase(it);
        else
            ++it;
    }
    Q_EMIT nodeRemoved(node);
}

void TimeSeriesStore::clear()
{
    m_series.clear();
    m_frames.clear();
    m_latency = LatencyWindow();
    m_lastLatencyPointMs = -1;
    m_latestMs = -1;
    m_lastTrimMs = -1;
    Q_EMIT cleared();
}

} // namespace Portolan::Console
