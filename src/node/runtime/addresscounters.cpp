#include "node/runtime/addresscounters.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {
constexpr int MaxRememberedAddresses = 4096;
}

AddressCounters::AddressCounters(int maxGroups)
    : m_maxGroups(qMax(1, maxGroups))
{
}

QString AddressCounters::groupOf(const QString &address)
{
    int slashes = 0;
    for (qsizetype i = 0; i < address.size(); ++i) {
        if (address.at(i) == u'/' && ++slashes == 3)
            return address.left(i);
    }
    return address;
}

QString AddressCounters::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Received: return u"received"_s;
    case Kind::Forwarded: return u"forwarded"_s;
    case Kind::Delivered: return u"delivered"_s;
    case Kind::Acked: return u"acked"_s;
    case Kind::Resent: return u"resent"_s;
    case Kind::Dropped: return u"dropped"_s;
    case Kind::NoConsumer: return u"noConsumer"_s;
    }
    return {};
}

int AddressCounters::slotOf(const QString &address)
{
    if (const auto it = m_slotOfAddress.constFind(address); it != m_slotOfAddress.constEnd())
        return *it;
    QString group = groupOf(address);
    int slot = m_slotOfGroup.value(group, -1);
    if (slot < 0) {
        // The last slot is kept for "other" once the bound is reached.
        if (m_groups.size() >= m_maxGroups - 1)
            group = OtherGroup;
        slot = m_slotOfGroup.value(group, -1);
        if (slot < 0) {
            slot = int(m_groups.size());
            m_groups.append(group);
            m_counts.append(std::array<quint64, KindCount>{});
            m_slotOfGroup.insert(group, slot);
        }
    }
    if (m_slotOfAddress.size() < MaxRememberedAddresses)
        m_slotOfAddress.insert(address, slot);
    return slot;
}

void AddressCounters::add(const QString &address, Kind kind, quint64 count)
{
    if (m_lastSlot < 0 || address != m_lastAddress) {
        m_lastSlot = slotOf(address);
        m_lastAddress = address;
    }
    m_counts[m_lastSlot][size_t(kind)] += count;
}

void AddressCounters::add(QLatin1StringView address, Kind kind, quint64 count)
{
    if (m_lastLatin1Slot < 0 || QByteArrayView(address.data(), address.size()) != QByteArrayView(m_lastLatin1)) {
        m_lastLatin1Slot = slotOf(QString(address));
        m_lastLatin1 = QByteArray(address.data(), address.size());
    }
    m_counts[m_lastLatin1Slot][size_t(kind)] += count;
}

quint64 AddressCounters::value(const QString &group, Kind kind) const
{
    const int slot = m_slotOfGroup.value(group, -1);
    return slot < 0 ? 0 : m_counts.at(slot)[size_t(kind)];
}

QJsonObject AddressCounters::toJson() const
{
    QJsonObject out;
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        QJsonObject counts;
        for (int k = 0; k < KindCount; ++k)
            counts.insert(kindName(Kind(k)), double(m_counts.at(i)[size_t(k)]));
        out.insert(m_groups.at(i), counts);
    }
    return out;
}

} // namespace Portolan::Node
