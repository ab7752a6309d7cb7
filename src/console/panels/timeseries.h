#pragma once

#include <QList>
#include <QPointF>

namespace Portolan::Console {

// One metric of one node over time: points (x = ms of run time, y = value) in time
// order, trimmed to a window. Runs of an unchanged value are kept as their two end
// points (a flat counter for five minutes costs two points, not three thousand), and a
// revision number tells a chart whether anything changed since it last looked.
class TimeSeries
{
public:
    // Keeps memory bounded even for a very large window: the oldest points go first.
    static constexpr qsizetype MaxPoints = 20'000;

    // A sample at or after the last one. A sample at the last point's time replaces it;
    // earlier samples are ignored (times come from one clock and only move forward).
    void append(qint64 atMs, double value);
    // Drops points older than cutoffMs, keeping the newest one at or before it so a line
    // still enters the window from its left edge.
    void trimBefore(qint64 cutoffMs);

    const QList<QPointF> &points() const { return m_points; }
    qsizetype size() const { return m_points.size(); }
    bool isEmpty() const { return m_points.isEmpty(); }
    quint64 revision() const { return m_revision; }
    double lastValue() const { return m_points.isEmpty() ? 0.0 : m_points.constLast().y(); }
    qint64 lastMs() const { return m_points.isEmpty() ? -1 : qint64(m_points.constLast().x()); }

private:
    QList<QPointF> m_points;
    quint64 m_revision = 0;
};

} // namespace Portolan::Console
