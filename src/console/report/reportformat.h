#pragma once

#include <QCoreApplication>
#include <QString>

namespace Portolan::Console {

// How the run report writes times, durations and numbers, so the HTML, the PDF and
// every table agree. Pure text: "—" stands for "did not happen" (negative inputs).
class ReportFormat
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::ReportFormat)

public:
    // A point on the run's clock: "00:12.345", or "1:02:03.456" past the hour.
    static QString clock(qint64 ms);
    // A length of time: "850 ms", "12.4 s", "3 min 05 s".
    static QString duration(qint64 ms);
    // Integers as they are, fractions with at most two decimals and no trailing zeros.
    static QString number(double value);
    // A wall-clock instant in local time with its UTC offset, "" for 0.
    static QString wallClock(qint64 msSinceEpoch);
    // Text made safe for HTML element content and double-quoted attributes; line breaks kept.
    static QString escape(const QString &text);
    // The placeholder for a missing value.
    static QString none();
};

} // namespace Portolan::Console
