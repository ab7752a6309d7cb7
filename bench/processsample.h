#pragma once

#include <QtGlobal>

#include <optional>

namespace Portolan::Bench {

// What /proc says about one process at one moment: CPU time spent so far and memory.
// Two samples of the same process give its CPU share over the interval between them.
struct ProcessSample
{
    qint64 cpuMs = 0;      // user + system time, from /proc/<pid>/stat
    qint64 vmRssKb = 0;    // resident set, from /proc/<pid>/status
    qint64 rssAnonKb = 0;  // of which anonymous (heap, stacks): the process's own memory
    qint64 rssFileKb = 0;  // of which file-backed (mapped libraries, shared with other nodes)
    qint64 vmHwmKb = 0;    // peak resident set
    qint64 pssKb = -1;     // proportional set size (shared pages divided among their users); -1 if unknown

    // nullopt when the process is gone or /proc is not readable.
    static std::optional<ProcessSample> read(qint64 pid);
};

// Share of one CPU (100 = one core busy) between two samples taken wallMs apart.
double cpuPercent(const ProcessSample &before, const ProcessSample &after, qint64 wallMs);

} // namespace Portolan::Bench
