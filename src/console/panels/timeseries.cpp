#include "console/panels/timeseries.h"

namespace Portolan::Console {

void TimeSeries::append(qint64 atMs, double value)
{
    const double x = double(atMs);
    if (!m_points.isEmpty()) {
        QPointF &last = m_points.last();
        if (x < last.x())
            return;
        if (x == last.x()) {
            if (last.y() != value) {
                last.setY(value);
                ++m_revision;
            }
            return;
        }
        // A flat run: move its end instead of adding a point.
        const qsizetype n = m_points.size();
        if (n >= 2 && last.y() == value && m_points.at(n - 2).y() == value) {
            last.setX(x);
            ++m_revision;
            return;
        }
    }
    if (m_points.size() >= MaxPoints)
        m_points.remove(0, m_points.size() - MaxPoints + 1);
    m_points.append(QPointF(x, value));
    ++m_revision;
}

void TimeSeries::trimBefore(qint64 cutoffMs)
{
    const double cutoff = double(cutoffMs);
    qsizetype drop = 0;
    // Drop a point only when the next one is also at or before the cutoff.
    while (drop + 1 < m_points.size() && m_points.at(drop + 1).x() <= cutoff)
        ++drop;
    if (drop > 0) {
        m_points.remove(0, drop);
        ++m_revision;
    }
}

} // namespace Portolan::Console
