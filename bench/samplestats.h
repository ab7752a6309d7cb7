#pragma once

#include <QList>

#include <algorithm>
#include <cmath>

namespace Portolan::Bench {

// Order statistics of a handful of measurements (repeated trials, polls of a counter).
class SampleStats
{
public:
    explicit SampleStats(QList<double> values)
        : m_sorted(std::move(values))
    {
        std::sort(m_sorted.begin(), m_sorted.end());
    }

    bool isEmpty() const { return m_sorted.isEmpty(); }
    qsizetype count() const { return m_sorted.size(); }
    double min() const { return m_sorted.isEmpty() ? 0 : m_sorted.constFirst(); }
    double max() const { return m_sorted.isEmpty() ? 0 : m_sorted.constLast(); }
    double median() const { return percentile(50); }

    // Nearest rank, as the generator role computes its latency percentiles.
    double percentile(double p) const
    {
        if (m_sorted.isEmpty())
            return 0;
        const auto rank = qsizetype(std::ceil(p / 100.0 * double(m_sorted.size())));
        return m_sorted.at(std::clamp<qsizetype>(rank, 1, m_sorted.size()) - 1);
    }

private:
    QList<double> m_sorted;
};

} // namespace Portolan::Bench
