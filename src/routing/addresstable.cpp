#include "routing/addresstable.h"

#include <algorithm>
#include <tuple>

namespace Portolan::Routing {

// "/all-stores/" and "/all-stores" name the same subscription; "/" and "" the root.
QStringView canonicalPrefix(QStringView prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return prefix;
}

bool addressMatches(QStringView prefix, QStringView address)
{
    const QStringView p = canonicalPrefix(prefix);
    if (p.isEmpty())
        return true;   // "/" matches every address
    if (!address.startsWith(p))
        return false;
    if (address.size() == p.size())
        return true;
    // A segment boundary must follow; a query string also ends the path.
    const QChar next = address.at(p.size());
    return next == u'/' || next == u'?';
}

AddressTable::ApplyResult AddressTable::apply(const Wire::AddressAdvert &advert, qint64 nowMs)
{
    const auto it = m_entries.find(advert.origin);
    if (it != m_entries.end()) {
        // Our own consumers are known first hand; a flooded copy never overrides them.
        if (it->local || advert.sequence <= it->advert.sequence)
            return ApplyResult::Stale;
        it->advert = advert;
        it->refreshedMs = nowMs;
    } else {
        m_entries.insert(advert.origin, Entry{advert, nowMs, false});
    }
    ++m_generation;
    return ApplyResult::Newer;
}

void AddressTable::setLocal(const Wire::AddressAdvert &advert)
{
    const auto it = m_entries.find(advert.origin);
    if (it != m_entries.end() && it->local && it->advert == advert)
        return;
    m_entries.insert(advert.origin, Entry{advert, 0, true});
    ++m_generation;
}

QStringList AddressTable::expire(qint64 nowMs, qint64 maxAgeMs)
{
    QStringList removed;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (!it->local && nowMs - it->refreshedMs > maxAgeMs) {
            removed.append(it.key());
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    if (!removed.isEmpty()) {
        ++m_generation;
        removed.sort();
    }
    return removed;
}

void AddressTable::remove(const QString &origin)
{
    if (m_entries.remove(origin) > 0)
        ++m_generation;
}

QList<Consumer> AddressTable::match(QStringView address) const
{
    QList<Consumer> out;
    qsizetype longest = -1;
    for (const Entry &entry : m_entries) {
        for (const Wire::ConsumerAdvert &c : entry.advert.consumers) {
            if (!addressMatches(c.address, address))
                continue;
            const qsizetype length = canonicalPrefix(c.address).size();
            if (length < longest)
                continue;
            if (length > longest) {
                out.clear();
                longest = length;
            }
            out.append(Consumer{c.address, c.group, c.consumer, entry.advert.origin,
                                c.outstanding, c.capacity});
        }
    }
    std::sort(out.begin(), out.end(), [](const Consumer &a, const Consumer &b) {
        return std::tie(a.router, a.consumer, a.group, a.subscription, a.outstanding, a.capacity)
             < std::tie(b.router, b.consumer, b.group, b.subscription, b.outstanding, b.capacity);
    });
    return out;
}

QList<Wire::AddressAdvert> AddressTable::all() const
{
    QList<Wire::AddressAdvert> out;
    out.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        out.append(entry.advert);
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a.origin < b.origin; });
    return out;
}

const Wire::AddressAdvert *AddressTable::find(const QString &origin) const
{
    const auto it = m_entries.constFind(origin);
    return it == m_entries.cend() ? nullptr : &it->advert;
}

} // namespace Portolan::Routing
