#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>

namespace Portolan::Node {

// What a router did with the messages of each address: received, forwarded, delivered,
// acked, resent, dropped, found no consumer. Addresses are grouped by their first two
// path segments (/store/7/find → /store/7), as the queue depths are, so that per-request
// paths do not make a series each; past a bound on distinct groups the rest is counted
// under "other", so a flood of made-up addresses cannot grow the table without end.
class AddressCounters
{
public:
    enum class Kind { Received, Forwarded, Delivered, Acked, Resent, Dropped, NoConsumer };
    static constexpr int KindCount = 7;
    static constexpr QLatin1StringView OtherGroup{"other"};

    explicit AddressCounters(int maxGroups = 256);

    void add(const QString &address, Kind kind, quint64 count = 1);
    // The same for an address read in place from a frame (Wire::FrameView), ASCII.
    void add(QLatin1StringView address, Kind kind, quint64 count = 1);
    quint64 value(const QString &group, Kind kind) const;
    int groupCount() const { return int(m_groups.size()); }

    // {"/store/7": {"received": 12, "forwarded": 12, ...}, ...}: every group seen.
    QJsonObject toJson() const;

    static QString groupOf(const QString &address);
    static QString kindName(Kind kind);   // "received", ..., "noConsumer"

private:
    int slotOf(const QString &address);

    int m_maxGroups;
    QList<QString> m_groups;
    QList<std::array<quint64, KindCount>> m_counts;   // parallel to m_groups
    QHash<QString, int> m_slotOfGroup;
    // Full address -> slot, so the common case hashes the address once and builds no
    // string; bounded like the groups (beyond it the group is worked out each time).
    QHash<QString, int> m_slotOfAddress;
    // The last address counted and its slot (a slot never changes once given): a router
    // mostly sees runs of one address, which then cost a comparison, not a hash look-up.
    QString m_lastAddress;
    QByteArray m_lastLatin1;
    int m_lastSlot = -1;
    int m_lastLatin1Slot = -1;
};

} // namespace Portolan::Node
