#include "machinesample.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace Portolan::Bench {

std::optional<MachineSample> MachineSample::read()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
    const QByteArray line = file.readLine().simplified();
    const QList<QByteArray> fields = line.split(' ');
    if (fields.size() < 9 || fields.constFirst() != "cpu")
        return std::nullopt;
    auto ticks = [&](int i) { return fields.at(i).toLongLong(); };
    const qint64 ticksPerSecond = qMax<long>(1, ::sysconf(_SC_CLK_TCK));
    MachineSample s;
    s.busyMs = (ticks(1) + ticks(2) + ticks(3) + ticks(6) + ticks(7) + ticks(8)) * 1000 / ticksPerSecond;
    s.idleMs = (ticks(4) + ticks(5)) * 1000 / ticksPerSecond;
    return s;
}

double machineBusyPercent(const MachineSample &before, const MachineSample &after, qint64 wallMs)
{
    if (wallMs <= 0)
        return 0;
    return 100.0 * double(after.busyMs - before.busyMs) / double(wallMs);
}

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const double value = file.readAll().split(' ').value(0).toDouble(&ok);
    return ok ? value : -1;
}

} // namespace Portolan::Bench
