#pragma once

#include <QJsonValue>
#include <QString>

namespace Portolan::Console {

// How the panels write numbers, times and telemetry keys for people. One place, so the
// inspector, the event log and the timeline agree ("1:02.5", "312 ms", "No consumer").
class DisplayFormat
{
public:
    // Run time as a clock: "0:06.0" (decimals = 1), "0:06.012" (3), "1:02:03" past an hour.
    static QString clock(qint64 ms, int decimals = 1);
    // A duration in the largest sensible unit: "312 ms", "4.2 s", "1 min 21 s", "2 h 5 min".
    static QString duration(qint64 ms);
    // "noConsumer" -> "No consumer", "rateIn" -> "Rate in", "latencyP50Ms" -> "Latency p50 ms".
    static QString humanize(const QString &key);
    // Integers without decimals, fractions with at most two, in the user's locale.
    static QString number(double value);
    // Any telemetry leaf: strings as is, numbers as above, booleans yes/no, null as a dash,
    // arrays of scalars comma-joined, anything else as compact JSON.
    static QString value(const QJsonValue &value);
    // A long id shortened for tables ("8f3a2c1d…"); full ids go in tooltips.
    static QString shortId(const QString &id, int keep = 8);
};

} // namespace Portolan::Console
