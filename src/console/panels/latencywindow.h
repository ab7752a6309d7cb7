#pragma once

#include <QtGlobal>

#include <deque>
#include <vector>

namespace Portolan::Console {

// Delivery latencies over a sliding time window, for p50/p99. Samples older than the
// window fall out as new ones arrive; the count is capped so a burst of deliveries
// keeps the cost of a percentile bounded.
class LatencyWindow
{
public:
    static constexpr qint64 DefaultWindowMs = 5000;
    static constexpr std::size_t MaxSamples = 50'000;

    explicit LatencyWindow(qint64 windowMs = DefaultWindowMs);

    void add(qint64 atMs, double latencyMs);
    void trim(qint64 nowMs);
    // Nearest-rank percentile (p in 0..100) of the samples in the window; 0 when empty.
    double percentile(double p) const;
    std::size_t size() const { return m_samples.size(); }
    qint64 windowMs() const { return m_windowMs; }

private:
    struct Sample
    {
        qint64 atMs;
        double latencyMs;
    };
    qint64 m_windowMs;
    std::deque<Sample> m_samples;
    mutable std::vector<double> m_scratch;
};

} // namespace Portolan::Console
