#pragma once

#include "routing/linkstatedatabase.h"
#include "routing/routingtable.h"
#include "wire/frames.h"

#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cstdlib>

// Test fixture language for link-state topologies, so a test row reads like the
// drawing it was checked against. Tokens, separated by spaces:
//   a-b:3        a and b list each other, cost 3 both ways
//   a-b:3/5      ... cost 3 from a, 5 from b
//   a>b:2        only a lists b (an ordinary neighbour): fails the two-way check
//   a=e:1        interior a lists edge e as a stub neighbour
//   ...@cheap    the link belongs to provider "cheap" (any link token)
//   !a           a's update is withdrawn
//   a            a has an update with no neighbours
// Every router on the left of a token has an update; e in "a=e" has none unless
// another token gives it one.
namespace Portolan::Routing::Test {

using namespace Qt::Literals::StringLiterals;

inline QList<Wire::LinkStateUpdate> parseTopology(const QString &spec, quint64 sequence = 1)
{
    static const QRegularExpression link(
        uR"(^([\w.]+)([->=])([\w.]+):(\d+)(?:/(\d+))?(?:@([\w.]+))?$)"_s);
    static const QRegularExpression single(uR"(^(!?)([\w.]+)$)"_s);

    QMap<QString, Wire::LinkStateUpdate> updates;
    auto updateOf = [&](const QString &router) -> Wire::LinkStateUpdate & {
        Wire::LinkStateUpdate &u = updates[router];
        u.router = router;
        u.sequence = sequence;
        return u;
    };
    const QStringList tokens = spec.split(u' ', Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        if (const auto m = link.match(token); m.hasMatch()) {
            const QString a = m.captured(1);
            const QString kind = m.captured(2);
            const QString b = m.captured(3);
            const qint32 cost = m.captured(4).toInt();
            const qint32 back = m.captured(5).isEmpty() ? cost : m.captured(5).toInt();
            const QString provider = m.captured(6);
            updateOf(a).neighbours.append(Wire::Neighbour{b, cost, provider, kind == u"="_s});
            if (kind == u"-"_s)
                updateOf(b).neighbours.append(Wire::Neighbour{a, back, provider, false});
        } else if (const auto s = single.match(token); s.hasMatch()) {
            updateOf(s.captured(2)).withdrawn = !s.captured(1).isEmpty();
        } else {
            qFatal("bad topology token: %s", qPrintable(token));
        }
    }
    return updates.values();
}

// The database as router self holds it: its own update set locally, the rest flooded.
inline LinkStateDatabase databaseFor(const QString &spec, const QString &self, qint64 nowMs = 0)
{
    LinkStateDatabase db;
    const QList<Wire::LinkStateUpdate> updates = parseTopology(spec);
    for (const Wire::LinkStateUpdate &u : updates) {
        if (u.router == self)
            db.setLocal(u);
        else
            db.apply(u, nowMs);
    }
    return db;
}

// "b:1 via b (a b), c:3 via b (a b c)": every route but self's, sorted by destination.
inline QString describe(const RoutingTable &table)
{
    QStringList parts;
    const QList<Route> routes = table.routes();
    for (const Route &r : routes) {
        parts.append(r.destination + u':' + QString::number(r.cost) + u" via "_s + r.nextHop
                     + u" ("_s + r.path.join(u' ') + u')');
    }
    return parts.join(u", "_s);
}

} // namespace Portolan::Routing::Test
