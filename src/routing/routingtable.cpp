#include "routing/routingtable.h"

#include <QSet>

#include <algorithm>
#include <queue>
#include <tuple>
#include <vector>

namespace Portolan::Routing {

namespace {

// What Dijkstra minimises, in tie-break order. The next hop is part of the label so
// equal-cost, equal-length paths resolve the same way on every router.
struct Label
{
    qint64 cost = 0;
    int hops = 0;
    QString nextHop;

    bool operator<(const Label &other) const
    {
        return std::tie(cost, hops, nextHop) < std::tie(other.cost, other.hops, other.nextHop);
    }
    bool operator==(const Label &other) const
    {
        return cost == other.cost && hops == other.hops && nextHop == other.nextHop;
    }
};

struct Tentative
{
    Label label;
    QString via;   // predecessor on the path; among equal labels the smallest id
};

struct QueueItem
{
    Label label;
    QString router;

    // std::priority_queue is a max-heap: "greater" puts the smallest label on top.
    bool operator>(const QueueItem &other) const
    {
        if (label == other.label)
            return router > other.router;
        return other.label < label;
    }
};

bool listsNeighbour(const Wire::LinkStateUpdate &update, const QString &router)
{
    return std::any_of(update.neighbours.cbegin(), update.neighbours.cend(),
                       [&](const Wire::Neighbour &n) { return n.id == router; });
}

} // namespace

RoutingTable RoutingTable::compute(const LinkStateDatabase &database, const QString &self)
{
    RoutingTable table;
    table.m_self = self;
    table.m_routes.insert(self, Route{self, QString(), 0, QStringList{self}});

    // The graph: every router with a live update. The root's own update counts even
    // while it withdraws, so a draining router can still hand off what it holds.
    const QList<Wire::LinkStateUpdate> updates = database.all();
    QHash<QString, const Wire::LinkStateUpdate *> live;
    live.reserve(updates.size());
    QSet<QString> stubs;
    for (const Wire::LinkStateUpdate &update : updates) {
        if (update.withdrawn && update.router != self)
            continue;
        live.insert(update.router, &update);
    }
    for (const Wire::LinkStateUpdate *update : std::as_const(live)) {
        for (const Wire::Neighbour &n : update->neighbours) {
            if (n.stub)
                stubs.insert(n.id);
        }
    }
    if (!live.contains(self))
        return table;

    QHash<QString, Tentative> tentative;
    QSet<QString> settled;
    QStringList settleOrder;
    std::priority_queue<QueueItem, std::vector<QueueItem>, std::greater<>> queue;
    queue.push(QueueItem{Label{}, self});
    tentative.insert(self, Tentative{Label{}, QString()});

    while (!queue.empty()) {
        const QueueItem item = queue.top();
        queue.pop();
        if (settled.contains(item.router))
            continue;
        const Tentative current = tentative.value(item.router);
        if (!(current.label == item.label))
            continue;   // superseded by a better label pushed later
        settled.insert(item.router);
        if (item.router != self)
            settleOrder.append(item.router);

        // A stub is a leaf: it can be reached, but nothing is reached through it.
        const Wire::LinkStateUpdate *update = live.value(item.router);
        if (!update || (item.router != self && stubs.contains(item.router)))
            continue;

        for (const Wire::Neighbour &n : update->neighbours) {
            if (n.id.isEmpty() || n.id == item.router || n.cost < 0 || settled.contains(n.id))
                continue;
            if (!n.stub) {
                // Two-way check: the far side must list us too (as a stub or not: an
                // interior lists the edge it serves as a stub).
                const Wire::LinkStateUpdate *far = live.value(n.id);
                if (!far || !listsNeighbour(*far, item.router))
                    continue;
            }
            Tentative candidate{
                Label{current.label.cost + n.cost, current.label.hops + 1,
                      item.router == self ? n.id : current.label.nextHop},
                item.router};
            const auto known = tentative.constFind(n.id);
            if (known != tentative.cend()) {
                if (known->label < candidate.label)
                    continue;
                if (known->label == candidate.label && !(candidate.via < known->via))
                    continue;
            }
            tentative.insert(n.id, candidate);
            queue.push(QueueItem{candidate.label, n.id});
        }
    }

    // Settle order puts every predecessor before its successors, so paths build up.
    for (const QString &router : std::as_const(settleOrder)) {
        const Tentative &t = tentative[router];
        QStringList path = table.m_routes.value(t.via).path;
        path.append(router);
        table.m_routes.insert(router, Route{router, t.label.nextHop, t.label.cost, path});
    }
    return table;
}

bool RoutingTable::reachable(const QString &router) const
{
    return m_routes.contains(router);
}

qint64 RoutingTable::cost(const QString &router) const
{
    const auto it = m_routes.constFind(router);
    return it == m_routes.cend() ? -1 : it->cost;
}

QString RoutingTable::nextHop(const QString &router) const
{
    const auto it = m_routes.constFind(router);
    return it == m_routes.cend() ? QString() : it->nextHop;
}

QStringList RoutingTable::path(const QString &router) const
{
    const auto it = m_routes.constFind(router);
    return it == m_routes.cend() ? QStringList() : it->path;
}

QList<Route> RoutingTable::routes() const
{
    QList<Route> out;
    out.reserve(m_routes.size());
    for (const Route &route : m_routes) {
        if (route.destination != m_self)
            out.append(route);
    }
    std::sort(out.begin(), out.end(),
              [](const Route &a, const Route &b) { return a.destination < b.destination; });
    return out;
}

} // namespace Portolan::Routing
