#pragma once

#include "routing/linkstatedatabase.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Portolan::Routing {

struct Route
{
    QString destination;
    QString nextHop;       // neighbour to send to; equals destination for a neighbour; empty for self
    qint64 cost = 0;       // sum of link costs along the path
    QStringList path;      // self, ..., destination
    friend bool operator==(const Route &, const Route &) = default;
};

// Shortest paths from one router over a link-state database (Dijkstra).
//
// Rules, so that every router computes the same answer:
// - a link between two routers counts only when both list each other (two-way check),
//   with the cost advertised by the side it is traversed from;
// - a neighbour marked stub (an edge router) is a leaf: reachable one-way, never a transit hop
//   (unless it is the root itself, whose own update is then in the database as local);
// - a router that any live update lists as a stub is never expanded, even when an update
//   of its own is in the database (an edge's update only matters to the edge itself);
// - withdrawn updates are ignored: that router is not in the graph (the root's own update
//   still counts, so a draining router can hand off what it holds);
// - ties break on lower cost, then fewer hops, then the lexicographically smaller next hop.
class RoutingTable
{
public:
    static RoutingTable compute(const LinkStateDatabase &database, const QString &self);

    QString self() const { return m_self; }
    bool reachable(const QString &router) const;   // self is reachable at cost 0
    qint64 cost(const QString &router) const;      // -1 when unreachable
    QString nextHop(const QString &router) const;  // empty when unreachable or self
    QStringList path(const QString &router) const; // empty when unreachable
    QList<Route> routes() const;                   // every reachable router but self, sorted by id

    friend bool operator==(const RoutingTable &, const RoutingTable &) = default;

private:
    QString m_self;
    QHash<QString, Route> m_routes;
};

} // namespace Portolan::Routing
