#include "node/roles/fishandchips/portions.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

Portions::Portions(std::initializer_list<std::pair<QString, qint64>> counts)
{
    for (const auto &[item, count] : counts)
        add(item, count);
}

std::optional<Portions> Portions::fromJson(const QJsonObject &object, QString *problem)
{
    Portions portions;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        double number = -1;
        if (value.isDouble()) {
            number = value.toDouble();
        } else if (value.isString()) {
            bool ok = false;
            number = value.toString().trimmed().toDouble(&ok);
            if (!ok)
                number = -1;
        }
        // 1e9 portions is no order; the bound keeps sums far from overflow.
        if (!std::isfinite(number) || number < 0 || number != std::floor(number) || number > 1e9
            || it.key().trimmed().isEmpty()) {
            if (problem)
                *problem = u"\"%1\" must be a whole number of portions >= 0"_s.arg(it.key());
            return std::nullopt;
        }
        portions.add(it.key(), qint64(number));
    }
    return portions;
}

QJsonObject Portions::toJson() const
{
    QJsonObject object;
    for (auto it = m_counts.constBegin(); it != m_counts.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

void Portions::set(const QString &item, qint64 count)
{
    if (count == 0)
        m_counts.remove(item);
    else
        m_counts.insert(item, count);
}

void Portions::add(const Portions &other)
{
    for (auto it = other.m_counts.constBegin(); it != other.m_counts.constEnd(); ++it)
        add(it.key(), it.value());
}

qint64 Portions::total() const
{
    qint64 sum = 0;
    for (qint64 count : m_counts)
        sum += count;
    return sum;
}

qint64 Portions::largestCount() const
{
    qint64 largest = 0;
    for (qint64 count : m_counts)
        largest = qMax(largest, count);
    return largest;
}

} // namespace Portolan::Node::FishAndChips
