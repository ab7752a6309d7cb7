#include "console/report/reportformat.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

QString ReportFormat::none()
{
    return u"\u2014"_s;
}

QString ReportFormat::clock(qint64 ms)
{
    if (ms < 0)
        return none();
    const qint64 hours = ms / 3'600'000;
    const qint64 minutes = (ms / 60'000) % 60;
    const qint64 seconds = (ms / 1000) % 60;
    const qint64 millis = ms % 1000;
    const QString tail = u"%1:%2.%3"_s.arg(minutes, 2, 10, QChar(u'0')).arg(seconds, 2, 10, QChar(u'0')).arg(millis, 3, 10, QChar(u'0'));
    return hours > 0 ? u"%1:"_s.arg(hours) + tail : tail;
}

QString ReportFormat::duration(qint64 ms)
{
    if (ms < 0)
        return none();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', ms < 10'000 ? 2 : 1));
    return tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60, 2, 10, QChar(u'0'));
}

QString ReportFormat::number(double value)
{
    if (!std::isfinite(value))
        return none();
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    QString text = QString::number(value, 'f', 2);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text == "-0"_L1 ? u"0"_s : text;
}

QString ReportFormat::wallClock(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    const int offset = at.offsetFromUtc();
    QString zone = u"UTC"_s;
    if (offset != 0)
        zone += (offset < 0 ? u'-' : u'+') + u"%1:%2"_s.arg(std::abs(offset) / 3600, 2, 10, QChar(u'0'))
                                                 .arg((std::abs(offset) / 60) % 60, 2, 10, QChar(u'0'));
    return at.toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" ("_s + zone + u')';
}

QString ReportFormat::escape(const QString &text)
{
    QString out = text.toHtmlEscaped();
    out.replace(u'\'', "&#39;"_L1);
    out.replace(u'\n', "<br>"_L1);
    return out;
}

} // namespace Portolan::Console
