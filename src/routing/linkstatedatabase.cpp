#include "routing/linkstatedatabase.h"

#include <algorithm>

namespace Portolan::Routing {

LinkStateDatabase::ApplyResult LinkStateDatabase::apply(const Wire::LinkStateUpdate &update,
                                                        qint64 nowMs)
{
    const auto it = m_entries.find(update.router);
    if (it != m_entries.end()) {
        // The node is the only authority on its own links: a copy of an older life of
        // ours coming back through the flood must not replace what we know now.
        if (it->local || update.sequence <= it->update.sequence)
            return ApplyResult::Stale;
        it->update = update;
        it->refreshedMs = nowMs;
    } else {
        m_entries.insert(update.router, Entry{update, nowMs, false});
    }
    ++m_generation;
    return ApplyResult::Newer;
}

void LinkStateDatabase::setLocal(const Wire::LinkStateUpdate &update)
{
    const auto it = m_entries.find(update.router);
    if (it != m_entries.end() && it->local && it->update == update)
        return;   // nothing changed: keep cached routing tables valid
    m_entries.insert(update.router, Entry{update, 0, true});
    ++m_generation;
}

QStringList LinkStateDatabase::expire(qint64 nowMs, qint64 maxAgeMs)
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

void LinkStateDatabase::remove(const QString &router)
{
    if (m_entries.remove(router) > 0)
        ++m_generation;
}

const Wire::LinkStateUpdate *LinkStateDatabase::find(const QString &router) const
{
    const auto it = m_entries.constFind(router);
    return it == m_entries.cend() ? nullptr : &it->update;
}

QList<Wire::LinkStateUpdate> LinkStateDatabase::all() const
{
    QList<Wire::LinkStateUpdate> out;
    out.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        out.append(entry.update);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.router < b.router; });
    return out;
}

} // namespace Portolan::Routing
