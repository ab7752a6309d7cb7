#include "console/panels/displayformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Portolan::Console::DisplayFormat", text);
}

} // namespace

QString DisplayFormat::clock(qint64 ms, int decimals)
{
    const bool negative = ms < 0;
    qint64 rest = negative ? -ms : ms;
    const qint64 hours = rest / 3'600'000;
    rest %= 3'600'000;
    const qint64 minutes = rest / 60'000;
    rest %= 60'000;
    const qint64 seconds = rest / 1000;
    const qint64 millis = rest % 1000;
    QString text = negative ? u"-"_s : QString();
    if (hours > 0)
        text += u"%1:%2:"_s.arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    else
        text += u"%1:"_s.arg(minutes);
    text += u"%1"_s.arg(seconds, 2, 10, QLatin1Char('0'));
    if (decimals > 0) {
        const int digits = qMin(decimals, 3);
        qint64 fraction = millis;
        for (int i = digits; i < 3; ++i)
            fraction /= 10;
        text += u"."_s + u"%1"_s.arg(fraction, digits, 10, QLatin1Char('0'));
    }
    return text;
}

QString DisplayFormat::duration(qint64 ms)
{
    if (ms < 0)
        return u"—"_s;
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000) {
        // "1 s", "1.25 s", "8.2 s", "42.5 s": two decimals under ten seconds, one above.
        const double step = ms < 10'000 ? 10.0 : 100.0;
        return tr("%1 s").arg(number(std::round(double(ms) / step) * step / 1000.0));
    }
    if (ms < 3'600'000) {
        const qint64 minutes = ms / 60'000;
        const qint64 seconds = (ms % 60'000) / 1000;
        return seconds == 0 ? tr("%1 min").arg(minutes) : tr("%1 min %2 s").arg(minutes).arg(seconds);
    }
    const qint64 hours = ms / 3'600'000;
    const qint64 minutes = (ms % 3'600'000) / 60'000;
    return minutes == 0 ? tr("%1 h").arg(hours) : tr("%1 h %2 min").arg(hours).arg(minutes);
}

QString DisplayFormat::humanize(const QString &key)
{
    QString words;
    words.reserve(key.size() + 4);
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool boundary = i > 0
                              && ((c.isUpper() && !key.at(i - 1).isUpper())
                                  || (c.isDigit() && !key.at(i - 1).isDigit() && !key.at(i - 1).isUpper()));
        if (c == u'-' || c == u'_') {
            words += u' ';
            continue;
        }
        if (boundary && !words.endsWith(u' '))
            words += u' ';
        words += c.toLower();
    }
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return words;
}

QString DisplayFormat::number(double value)
{
    if (!std::isfinite(value))
        return u"—"_s;
    const QLocale locale;
    if (value == std::trunc(value) && std::fabs(value) < 9.0e15)
        return locale.toString(qint64(value));
    QString text = locale.toString(value, 'f', 2);
    // Trim "310.50" to "310.5", keep "0.33".
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

QString DisplayFormat::value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"—"_s;
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QStringList parts;
        for (const QJsonValue &item : array) {
            if (item.isArray() || item.isObject())
                return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
            parts.append(DisplayFormat::value(item));
        }
        return parts.isEmpty() ? u"—"_s : parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QString DisplayFormat::shortId(const QString &id, int keep)
{
    if (id.size() <= keep + 1)
        return id;
    return id.left(keep) + u"…"_s;
}

} // namespace Portolan::Console
