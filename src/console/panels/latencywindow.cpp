#include "console/panels/latencywindow.h"

#include <algorithm>
#include <cmath>

namespace Portolan::Console {

LatencyWindow::LatencyWindow(qint64 windowMs)
    : m_windowMs(windowMs)
{
}

void LatencyWindow::add(qint64 atMs, double latencyMs)
{
    m_samples.push_back({atMs, latencyMs});
    if (m_samples.size() > MaxSamples)
        m_samples.pop_front();
    trim(atMs);
}

void LatencyWindow::trim(qint64 nowMs)
{
    while (!m_samples.empty() && m_samples.front().atMs <= nowMs - m_windowMs)
        m_samples.pop_front();
}

double LatencyWindow::percentile(double p) const
{
    if (m_samples.empty())
        return 0.0;
    m_scratch.clear();
    m_scratch.reserve(m_samples.size());
    for (const Sample &s : m_samples)
        m_scratch.push_back(s.latencyMs);
    // Nearest rank: the smallest value with at least p% of the samples at or below it.
    const double clamped = std::clamp(p, 0.0, 100.0);
    const std::size_t n = m_scratch.size();
    std::size_t rank = std::size_t(std::ceil(clamped / 100.0 * double(n)));
    rank = std::clamp<std::size_t>(rank, 1, n);
    auto nth = m_scratch.begin() + std::ptrdiff_t(rank - 1);
    std::nth_element(m_scratch.begin(), nth, m_scratch.end());
    return *nth;
}

} // namespace Portolan::Console
