#pragma once

#include "wire/envelope.h"

#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace Portolan::Node::MilkFactory {

// The waiting rooms a service parks a record in after a transient failure, in order of
// back-off: the first retry waits in the first room, the second in the next (a longer
// wait), and so on; when they are used up the failure is no longer transient. A parked
// record keeps its request id, key, body and "must be processed by", and says where to
// come back to (header "Return-To"), how many retries it has had ("Attempt"), where it
// was first sent ("Original-Address") and why it waits ("Retry-Reason").
class RetryRooms
{
public:
    RetryRooms() = default;
    explicit RetryRooms(QStringList addresses) : m_addresses(std::move(addresses)) {}

    // From a params value: a list of addresses. nullopt when it is not one.
    static std::optional<RetryRooms> fromJson(const QJsonValue &value);

    qsizetype size() const { return m_addresses.size(); }
    const QStringList &addresses() const { return m_addresses; }

    // The envelope that parks record for retry number attempt (from 1), or nullopt when
    // there is no room for that many.
    std::optional<Wire::Envelope> park(const Wire::Envelope &record, int attempt, const QString &returnTo,
                                       const QString &reason) const;

private:
    QStringList m_addresses;
};

} // namespace Portolan::Node::MilkFactory
