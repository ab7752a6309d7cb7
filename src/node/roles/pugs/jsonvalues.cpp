#include "node/roles/pugs/jsonvalues.h"

#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace Portolan::Node::Pugs {

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

qint64 integerOf(const QJsonValue &value, qint64 fallback)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        return std::isfinite(number) ? qint64(std::llround(number)) : fallback;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        return ok ? number : fallback;
    }
    return fallback;
}

double numberOf(const QJsonValue &value, double fallback)
{
    if (value.isDouble())
        return std::isfinite(value.toDouble()) ? value.toDouble() : fallback;
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        return ok && std::isfinite(number) ? number : fallback;
    }
    return fallback;
}

QList<int> integerListOf(const QJsonValue &value)
{
    QList<int> result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        constexpr qint64 invalid = std::numeric_limits<qint64>::min();
        const qint64 number = integerOf(entry, invalid);
        if (number != invalid)
            result.append(int(number));
    }
    return result;
}

QJsonArray toJsonArray(const QList<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

} // namespace Portolan::Node::Pugs
