#include "node/roles/milkfactory/retryrooms.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::MilkFactory {

std::optional<RetryRooms> RetryRooms::fromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QStringList addresses;
    const QJsonArray list = value.toArray();
    for (const QJsonValue &entry : list) {
        const QString address = entry.toString();
        if (!address.startsWith(u'/'))
            return std::nullopt;
        addresses.append(address);
    }
    return RetryRooms(addresses);
}

std::optional<Wire::Envelope> RetryRooms::park(const Wire::Envelope &record, int attempt, const QString &returnTo,
                                               const QString &reason) const
{
    if (attempt < 1 || attempt > m_addresses.size())
        return std::nullopt;
    Wire::Envelope parked;
    parked.address = m_addresses.at(attempt - 1);
    parked.requestId = record.requestId.isEmpty() ? record.id : record.requestId;
    parked.key = record.key;
    parked.headers = record.headers;
    parked.body = record.body;
    parked.deadlineMs = record.deadlineMs;
    parked.trace = record.trace;
    // A record parked again keeps the address it was first meant for.
    if (parked.header(u"Original-Address").isEmpty())
        parked.setHeader(u"Original-Address"_s, record.address);
    parked.setHeader(u"Return-To"_s, returnTo);
    parked.setHeader(u"Attempt"_s, QString::number(attempt));
    parked.setHeader(u"Retry-Reason"_s, reason);
    return parked;
}

} // namespace Portolan::Node::MilkFactory
