#pragma once

#include <QtGlobal>

#include <optional>

namespace Portolan::Bench {

// The whole machine's CPU time from /proc/stat, summed over all cores. Two samples say how
// busy the machine was between them — including processes that are not the benchmark's,
// which on a shared 2-core machine decide whether the figures mean anything.
struct MachineSample
{
    qint64 busyMs = 0;   // user + nice + system + irq + softirq + steal
    qint64 idleMs = 0;   // idle + iowait

    static std::optional<MachineSample> read();
};

// CPU used between two samples, in percent of one core (200 = both cores of a 2-core machine).
double machineBusyPercent(const MachineSample &before, const MachineSample &after, qint64 wallMs);

// The 1-minute load average; -1 if unknown.
double loadAverage();

} // namespace Portolan::Bench
