#include "node/roles/factoryedge/roleparams.h"

#include "node/roles/factoryedge/addressscheme.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FactoryEdge {

namespace {

// A whole number from a JSON number or a decimal string.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        number = value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number) || number != std::floor(number) || std::fabs(number) > 9.0e15)
        return std::nullopt;
    return qint64(number);
}

bool absent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

RoleParams::RoleParams(QJsonObject params)
    : m_params(std::move(params))
{
}

void RoleParams::problem(const QString &sentence)
{
    if (m_error.isEmpty())
        m_error = sentence;
}

qint64 RoleParams::integer(const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    const QJsonValue value = m_params.value(name);
    if (absent(value))
        return fallback;
    const std::optional<qint64> number = wholeNumber(value);
    if (!number || *number < min || *number > max) {
        problem(u"param \"%1\" must be an integer from %2 to %3"_s.arg(name).arg(min).arg(max));
        return fallback;
    }
    return *number;
}

qint64 RoleParams::requiredInteger(const QString &name, qint64 min, qint64 max)
{
    if (absent(m_params.value(name))) {
        problem(u"param \"%1\" is required"_s.arg(name));
        return min;
    }
    return integer(name, min, min, max);
}

QString RoleParams::text(const QString &name, const QString &fallback)
{
    const QJsonValue value = m_params.value(name);
    if (absent(value))
        return fallback;
    if (!value.isString()) {
        problem(u"param \"%1\" must be text"_s.arg(name));
        return fallback;
    }
    return value.toString();
}

QString RoleParams::site(const QString &name)
{
    const QString site = text(name);
    if (!AddressScheme::isValidSite(site)) {
        problem(u"param \"%1\" must name a site: letters, digits, '-' and '_', like \"f1\""_s.arg(name));
        return {};
    }
    return site;
}

QString RoleParams::address(const QString &name)
{
    const QString address = text(name);
    if (!address.isEmpty() && !address.startsWith(u'/')) {
        problem(u"param \"%1\" must be an address starting with '/'"_s.arg(name));
        return {};
    }
    return address;
}

QStringList RoleParams::addresses(const QString &name)
{
    const QJsonValue value = m_params.value(name);
    QStringList list;
    if (value.isString()) {
        list.append(value.toString());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &entry : array)
            list.append(entry.isString() ? entry.toString() : QString());
    }
    const bool valid = !list.isEmpty() && std::all_of(list.cbegin(), list.cend(), [](const QString &a) {
        return a.startsWith(u'/');
    });
    if (!valid) {
        problem(u"param \"%1\" must be a list of addresses starting with '/'"_s.arg(name));
        return {};
    }
    return list;
}

QJsonObject RoleParams::quantities(const QString &name)
{
    const QJsonValue value = m_params.value(name);
    if (absent(value))
        return {};
    if (!value.isObject()) {
        problem(u"param \"%1\" must be a map of names to quantities"_s.arg(name));
        return {};
    }
    QJsonObject out;
    const QJsonObject map = value.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const std::optional<qint64> quantity = wholeNumber(it.value());
        if (!quantity || *quantity < 0) {
            problem(u"param \"%1\": \"%2\" must be a quantity, an integer >= 0"_s.arg(name, it.key()));
            return {};
        }
        out.insert(it.key(), *quantity);
    }
    return out;
}

} // namespace Portolan::Node::FactoryEdge
