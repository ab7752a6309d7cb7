#pragma once

#include "wire/frames.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Portolan::Routing {

// Every interior router's latest link-state update, as flooded through the mesh.
// The newest sequence per router wins; entries that are not refreshed age out, so a
// router that vanished without withdrawing disappears from everyone's view.
class LinkStateDatabase
{
public:
    enum class ApplyResult {
        Newer,  // stored: the caller floods it on and recomputes routes
        Stale,  // older or equal sequence: dropped, not flooded
    };

    // A flooded update about the local router is always Stale: the node alone speaks for
    // its links (the caller outbids an old incarnation by raising its own sequence).
    ApplyResult apply(const Wire::LinkStateUpdate &update, qint64 nowMs);

    // The node's own update: stored like any other but never aged out.
    void setLocal(const Wire::LinkStateUpdate &update);

    // Removes entries (other than the local one) last refreshed more than maxAgeMs ago;
    // returns the routers removed.
    QStringList expire(qint64 nowMs, qint64 maxAgeMs);

    void remove(const QString &router);

    const Wire::LinkStateUpdate *find(const QString &router) const;
    QList<Wire::LinkStateUpdate> all() const;   // sorted by router id
    qsizetype size() const { return m_entries.size(); }

    // Bumped on every change; lets callers cache derived routing tables.
    quint64 generation() const { return m_generation; }

private:
    struct Entry
    {
        Wire::LinkStateUpdate update;
        qint64 refreshedMs = 0;
        bool local = false;
    };
    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0;
};

} // namespace Portolan::Routing
