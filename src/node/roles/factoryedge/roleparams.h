#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <limits>

namespace Portolan::Node::FactoryEdge {

// Reads a role's params as written in a scenario file: numbers as JSON numbers or as
// decimal strings ("32"), texts as strings. Every read checks its value; the first
// problem is kept, as one sentence naming the param, for the role to report in its
// telemetry instead of running half configured.
class RoleParams
{
public:
    explicit RoleParams(QJsonObject params);

    // An integer in [min, max]; fallback when absent or null. Not an integer, or out of
    // range: a problem, and fallback.
    qint64 integer(const QString &name, qint64 fallback, qint64 min = 0,
                   qint64 max = std::numeric_limits<int>::max());
    // Like integer(), but the param must be given.
    qint64 requiredInteger(const QString &name, qint64 min = 1, qint64 max = std::numeric_limits<int>::max());
    // A string; fallback when absent or null; a non-string is a problem.
    QString text(const QString &name, const QString &fallback = {});
    // A site name (see AddressScheme::isValidSite); required.
    QString site(const QString &name);
    // An address starting with '/'; empty when absent (it is optional).
    QString address(const QString &name);
    // A list of addresses; a single string counts as a list of one. Required, not empty.
    QStringList addresses(const QString &name);
    // A map of names to non-negative integers ({steel: 500}); empty when absent.
    QJsonObject quantities(const QString &name);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    void problem(const QString &sentence);

    QJsonObject m_params;
    QString m_error;
};

} // namespace Portolan::Node::FactoryEdge
