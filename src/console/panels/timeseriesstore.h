#pragma once

#include "console/panels/latencywindow.h"
#include "console/panels/timeseries.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace Portolan::Console {

// Every chartable metric of every node over the last few minutes, fed from telemetry
// snapshots and deliveries and read by the charts at their own pace. It derives the
// standard metrics (see SeriesNaming) from each snapshot, so any of them can be charted
// with its history the moment the user picks it. Times are ms of run time.
class TimeSeriesStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultWindowMs = 5 * 60 * 1000;
    // Latency percentiles are recomputed at most this often (5 Hz), however many
    // deliveries arrive.
    static constexpr qint64 LatencyIntervalMs = 200;

    explicit TimeSeriesStore(QObject *parent = nullptr);

    void append(const QString &node, const QString &metric, qint64 atMs, double value);
    // Derives from one full snapshot (docs/protocol.md 2.11): queueDepth, queues.<address>,
    // links.<peer>.rate (rateIn + rateOut, or from frame counts when the node reports no
    // rates, as entities do), counters.<name> and data.<path> for numeric data fields.
    void ingestTelemetry(const QString &node, qint64 atMs, const QJsonObject &telemetry);
    // One settled delivery; feeds latency.p50 / latency.p99 of node "" over a sliding 5 s.
    void ingestDelivery(qint64 atMs, double latencyMs);

    QStringList nodes() const;                            // sorted, "" (the mesh) first
    QStringList metrics(const QString &node) const;       // sorted
    bool contains(const QString &node, const QString &metric) const;
    const TimeSeries *series(const QString &node, const QString &metric) const;   // nullptr if none
    // The points from fromMs on (plus the one before, for the line's start), x in ms.
    QList<QPointF> points(const QString &node, const QString &metric, qint64 fromMs = 0) const;

    qint64 latestMs() const { return m_latestMs; }        // the newest sample's time, -1 before any
    qint64 windowMs() const { return m_windowMs; }
    void setWindowMs(qint64 windowMs);
    void removeNode(const QString &node);
    void clear();

Q_SIGNALS:
    void seriesAdded(const QString &node, const QString &metric);
    void nodeRemoved(const QString &node);
    void cleared();

private:
    void advanceClock(qint64 atMs);
    void trimAll();
    double linkRate(const QString &node, const QString &peer, const QJsonObject &link, qint64 atMs);

    struct FrameCount
    {
        qint64 atMs = -1;
        double frames = 0;
        double rate = 0;
    };

    QHash<QString, QHash<QString, TimeSeries>> m_series;   // node -> metric -> series
    QHash<QString, FrameCount> m_frames;                   // "node\tpeer" -> last frame total
    LatencyWindow m_latency;
    qint64 m_lastLatencyPointMs = -1;
    qint64 m_latestMs = -1;
    qint64 m_lastTrimMs = -1;
    qint64 m_windowMs = DefaultWindowMs;
};

} // namespace Portolan::Console
