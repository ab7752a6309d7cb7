#include "processsample.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace Portolan::Bench {

namespace {

QByteArray readProcFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1StringView(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();   // /proc files report size 0: read until the end
}

// "VmRSS:     12345 kB" -> 12345; -1 when the field is missing.
qint64 kilobytesField(const QByteArray &text, QByteArrayView field)
{
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith(field) || line.size() <= field.size() || line.at(field.size()) != ':')
            continue;
        const QList<QByteArray> parts = line.mid(field.size() + 1).simplified().split(' ');
        bool ok = false;
        const qint64 value = parts.value(0).toLongLong(&ok);
        return ok ? value : -1;
    }
    return -1;
}

} // namespace

std::optional<ProcessSample> ProcessSample::read(qint64 pid)
{
    if (pid <= 0)
        return std::nullopt;
    const QByteArray stat = readProcFile(pid, "stat");
    const QByteArray status = readProcFile(pid, "status");
    if (stat.isEmpty() || status.isEmpty())
        return std::nullopt;
    // The command name (field 2) is in parentheses and may contain spaces: count from
    // the last ')'. utime and stime are fields 14 and 15, i.e. 12th and 13th after it.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return std::nullopt;
    const qint64 ticksPerSecond = qMax<long>(1, ::sysconf(_SC_CLK_TCK));
    ProcessSample s;
    s.cpuMs = (fields.at(11).toLongLong() + fields.at(12).toLongLong()) * 1000 / ticksPerSecond;
    s.vmRssKb = kilobytesField(status, "VmRSS");
    s.rssAnonKb = kilobytesField(status, "RssAnon");
    s.rssFileKb = kilobytesField(status, "RssFile");
    s.vmHwmKb = kilobytesField(status, "VmHWM");
    const QByteArray rollup = readProcFile(pid, "smaps_rollup");
    if (!rollup.isEmpty())
        s.pssKb = kilobytesField(rollup, "Pss");
    return s;
}

double cpuPercent(const ProcessSample &before, const ProcessSample &after, qint64 wallMs)
{
    if (wallMs <= 0)
        return 0;
    return 100.0 * double(after.cpuMs - before.cpuMs) / double(wallMs);
}

} // namespace Portolan::Bench
