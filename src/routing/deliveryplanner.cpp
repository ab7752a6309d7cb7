#include "routing/deliveryplanner.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <numeric>
#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Routing {

namespace {

// ---- rendezvous hash -----------------------------------------------------------

constexpr quint64 FnvOffset = 14695981039346656037ULL;
constexpr quint64 FnvPrime = 1099511628211ULL;

quint64 fnvByte(quint64 hash, quint8 byte)
{
    return (hash ^ byte) * FnvPrime;
}

// Feeds the UTF-8 encoding of text without materialising it: keyed routing runs per
// message, so no allocation here. A lone surrogate is encoded as U+FFFD.
quint64 fnvUtf8(quint64 hash, QStringView text)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = text[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(char16_t(cp), text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(cp)) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            hash = fnvByte(hash, quint8(cp));
        } else if (cp < 0x800) {
            hash = fnvByte(hash, quint8(0xC0 | (cp >> 6)));
            hash = fnvByte(hash, quint8(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            hash = fnvByte(hash, quint8(0xE0 | (cp >> 12)));
            hash = fnvByte(hash, quint8(0x80 | ((cp >> 6) & 0x3F)));
            hash = fnvByte(hash, quint8(0x80 | (cp & 0x3F)));
        } else {
            hash = fnvByte(hash, quint8(0xF0 | (cp >> 18)));
            hash = fnvByte(hash, quint8(0x80 | ((cp >> 12) & 0x3F)));
            hash = fnvByte(hash, quint8(0x80 | ((cp >> 6) & 0x3F)));
            hash = fnvByte(hash, quint8(0x80 | (cp & 0x3F)));
        }
    }
    return hash;
}

// splitmix64's finaliser: FNV-1a alone leaves the high bits of similar inputs close,
// which would let one consumer win most keys.
quint64 mix64(quint64 x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

// ---- choosing ------------------------------------------------------------------

// Everything a decision needs while it ranks candidates.
struct Ranking
{
    QList<Candidate> &candidates;
    const bool explain;
};

using Indexes = QList<qsizetype>;

QString costText(const Candidate &c)
{
    return u"score %1: outstanding %2 + cost %3"_s.arg(c.score).arg(c.outstanding).arg(c.pathCost);
}

// Lowest path cost; ties by outstanding work, then by consumer id.
qsizetype chooseClosest(Ranking &r, const Indexes &among)
{
    qsizetype best = -1;
    for (qsizetype i : among) {
        Candidate &c = r.candidates[i];
        if (!c.reachable)
            continue;
        c.score = c.pathCost;
        if (best < 0) {
            best = i;
            continue;
        }
        const Candidate &b = r.candidates[best];
        if (std::tie(c.score, c.outstanding, c.consumer.consumer)
            < std::tie(b.score, b.outstanding, b.consumer.consumer))
            best = i;
    }
    if (!r.explain || best < 0)
        return best;
    const Candidate &w = r.candidates[best];
    for (qsizetype i : among) {
        Candidate &c = r.candidates[i];
        if (!c.reachable)
            continue;
        if (i == best)
            c.note = u"chosen: lowest cost %1 (outstanding %2)"_s.arg(c.pathCost).arg(c.outstanding);
        else if (c.score > w.score)
            c.note = u"cost %1 > %2 of %3"_s.arg(c.pathCost).arg(w.pathCost).arg(w.consumer.consumer);
        else if (c.outstanding > w.outstanding)
            c.note = u"same cost %1, outstanding %2 > %3 of %4"_s.arg(c.pathCost).arg(c.outstanding)
                         .arg(w.outstanding).arg(w.consumer.consumer);
        else
            c.note = u"ties with %1, which sorts first"_s.arg(w.consumer.consumer);
    }
    return best;
}

// Least outstanding work plus path cost; consumers at capacity are skipped; ties by id.
qsizetype chooseBalanced(Ranking &r, const Indexes &among)
{
    qsizetype best = -1;
    for (qsizetype i : among) {
        Candidate &c = r.candidates[i];
        if (!c.reachable)
            continue;
        c.score = c.outstanding + c.pathCost;
        if (c.atCapacity)
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const Candidate &b = r.candidates[best];
        if (std::tie(c.score, c.consumer.consumer) < std::tie(b.score, b.consumer.consumer))
            best = i;
    }
    if (!r.explain)
        return best;
    for (qsizetype i : among) {
        Candidate &c = r.candidates[i];
        if (!c.reachable)
            continue;
        if (c.atCapacity || best < 0) {
            c.note = u"at capacity (outstanding %1 of %2)"_s.arg(c.outstanding).arg(c.consumer.capacity);
            continue;
        }
        const Candidate &w = r.candidates[best];
        if (i == best)
            c.note = u"chosen: lowest %1"_s.arg(costText(c));
        else if (c.score > w.score)
            c.note = u"%1 > %2 of %3"_s.arg(costText(c)).arg(w.score).arg(w.consumer.consumer);
        else
            c.note = u"%1 ties with %2, which sorts first"_s.arg(costText(c), w.consumer.consumer);
    }
    return best;
}

// Rendezvous hashing: the highest weight of (key, consumer) wins. Adding or removing a
// consumer only moves the keys that consumer wins or won. Capacity is ignored on
// purpose: a partition must not move because its owner is busy.
qsizetype chooseKeyed(Ranking &r, const Indexes &among, QStringView key)
{
    qsizetype best = -1;
    quint64 bestWeight = 0;
    QHash<qsizetype, quint64> weights;
    for (qsizetype i : among) {
        const Candidate &c = r.candidates[i];
        if (!c.reachable)
            continue;
        const quint64 weight = DeliveryPlanner::rendezvousWeight(key, c.consumer.consumer);
        if (r.explain)
            weights.insert(i, weight);
        if (best < 0 || weight > bestWeight
            || (weight == bestWeight && c.consumer.consumer < r.candidates[best].consumer.consumer)) {
            best = i;
            bestWeight = weight;
        }
    }
    if (!r.explain || best < 0)
        return best;
    // Score is the rank by weight (0 = winner), so "lower wins" holds for every mode.
    QList<qsizetype> order = weights.keys();
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        if (weights[a] != weights[b])
            return weights[a] > weights[b];
        return r.candidates[a].consumer.consumer < r.candidates[b].consumer.consumer;
    });
    for (qsizetype rank = 0; rank < order.size(); ++rank) {
        Candidate &c = r.candidates[order[rank]];
        c.score = rank;
        const QString weight = u"%1"_s.arg(qulonglong(weights[order[rank]]), 16, 16, QChar(u'0'));
        if (order[rank] == best)
            c.note = u"chosen: highest rendezvous weight %1 for key \"%2\""_s.arg(weight, key);
        else
            c.note = u"rendezvous weight %1 ranks %2 for key \"%3\""_s.arg(weight).arg(rank + 1).arg(key);
    }
    return best;
}

// Balanced when the message carries no key: there is nothing to partition on.
qsizetype chooseKeyedOrBalanced(Ranking &r, const Indexes &among, QStringView key)
{
    return key.isEmpty() ? chooseBalanced(r, among) : chooseKeyed(r, among, key);
}

// Why nothing could be chosen, for the summary.
QString nobodyText(const QList<Candidate> &candidates, QStringView address, bool capacityMatters)
{
    qsizetype unreachable = 0;
    qsizetype full = 0;
    for (const Candidate &c : candidates) {
        if (!c.reachable)
            ++unreachable;
        else if (c.atCapacity)
            ++full;
    }
    if (capacityMatters && full > 0) {
        return u"no consumer with spare capacity for %1 (%2 at capacity, %3 unreachable)"_s
            .arg(address).arg(full).arg(unreachable);
    }
    return u"no reachable consumer for %1 (%2 unreachable)"_s.arg(address).arg(unreachable);
}

// "1 copy", "3 copies".
QString counted(qsizetype n, QStringView one, QStringView many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

} // namespace

quint64 DeliveryPlanner::rendezvousWeight(QStringView key, QStringView consumer)
{
    quint64 hash = fnvUtf8(FnvOffset, key);
    hash = fnvByte(hash, 0);   // separator: ("ab", "c") and ("a", "bc") must differ
    hash = fnvUtf8(hash, consumer);
    return mix64(hash);
}

Decision DeliveryPlanner::decide(const Inputs &inputs, QStringView address, QStringView key,
                                 bool explain)
{
    Decision decision;
    decision.distribution = inputs.distributions.lookup(address);
    const Mode mode = decision.distribution.mode;

    const QList<Consumer> matched = inputs.addresses.match(address);
    if (matched.isEmpty()) {
        decision.summary = u"no consumer for %1"_s.arg(address);
        return decision;
    }

    // One candidate per consumer; on a multicast address one per (consumer, group),
    // since a consumer in a group and outside it takes part in both. When a consumer
    // shows behind two routers (it moved, the old advert has not aged out) the
    // reachable, cheaper one counts.
    QList<Candidate> candidates;
    candidates.reserve(matched.size());
    QHash<QString, qsizetype> byIdentity;
    for (const Consumer &consumer : matched) {
        Candidate c;
        c.consumer = consumer;
        c.reachable = inputs.routes.reachable(consumer.router);
        c.pathCost = c.reachable ? inputs.routes.cost(consumer.router) : -1;
        c.outstanding = qint64(consumer.outstanding)
                      + (inputs.assigned ? inputs.assigned->value(consumer.consumer) : 0);
        c.atCapacity = consumer.capacity > 0 && c.outstanding >= consumer.capacity;
        if (explain && !c.reachable)
            c.note = u"unreachable"_s;
        const QString identity = mode == Mode::Multicast
            ? consumer.consumer + QChar(u'\0') + consumer.group
            : consumer.consumer;
        const auto known = byIdentity.constFind(identity);
        if (known == byIdentity.cend()) {
            byIdentity.insert(identity, candidates.size());
            candidates.append(std::move(c));
            continue;
        }
        Candidate &previous = candidates[*known];
        const bool better = c.reachable
            && (!previous.reachable || c.pathCost < previous.pathCost);
        if (better)
            previous = std::move(c);
    }

    Ranking ranking{candidates, explain};
    auto finish = [&]() {
        if (explain)
            decision.candidates = candidates;
        return decision;
    };
    auto choose = [&](qsizetype index) {
        Candidate &c = candidates[index];
        c.chosen = true;
        decision.destinations.append(Wire::Destination{c.consumer.router, c.consumer.consumer});
    };

    Indexes everyone(candidates.size());
    std::iota(everyone.begin(), everyone.end(), qsizetype(0));

    switch (mode) {
    case Mode::Closest: {
        const qsizetype best = chooseClosest(ranking, everyone);
        if (best < 0) {
            decision.summary = nobodyText(candidates, address, false);
            return finish();
        }
        choose(best);
        const Candidate &w = candidates[best];
        decision.summary = u"closest %1 -> %2 (cost %3)"_s.arg(address, w.consumer.consumer).arg(w.pathCost);
        // Outstanding work only breaks ties in path cost.
        decision.dependsOnAssignedWork = std::count_if(candidates.cbegin(), candidates.cend(), [&](const Candidate &c) {
            return c.reachable && c.pathCost == w.pathCost;
        }) > 1;
        return finish();
    }
    case Mode::Balanced:
    case Mode::Keyed: {
        const bool keyed = mode == Mode::Keyed && !key.isEmpty();
        const qsizetype best = keyed ? chooseKeyed(ranking, everyone, key)
                                     : chooseBalanced(ranking, everyone);
        if (best < 0) {
            decision.summary = nobodyText(candidates, address, !keyed);
            return finish();
        }
        choose(best);
        const Candidate &w = candidates[best];
        if (keyed) {
            const qsizetype reachable = std::count_if(candidates.cbegin(), candidates.cend(),
                                                      [](const Candidate &c) { return c.reachable; });
            decision.summary = u"keyed %1 key \"%2\" -> %3 (highest rendezvous weight of %4 consumers)"_s
                .arg(address, key, w.consumer.consumer).arg(reachable);
        } else if (mode == Mode::Keyed) {
            decision.summary = u"keyed %1 without a key, balanced -> %2 (%3)"_s
                .arg(address, w.consumer.consumer, costText(w));
        } else {
            decision.summary = u"balanced %1 -> %2 (%3)"_s.arg(address, w.consumer.consumer, costText(w));
        }
        return finish();
    }
    case Mode::Multicast:
        break;
    }

    // Multicast: every ungrouped consumer gets its own copy; every group gets one copy,
    // shared inside it. A consumer never gets two copies, even when it is both ungrouped
    // and a group's pick: the group's copy is then the one it already receives.
    QSet<QString> served;
    qsizetype consumerCopies = 0;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        Candidate &c = candidates[i];
        if (!c.consumer.group.isEmpty() || !c.reachable)
            continue;
        if (explain)
            c.note = u"chosen: ungrouped, receives its own copy"_s;
        if (served.contains(c.consumer.consumer))
            continue;
        served.insert(c.consumer.consumer);
        choose(i);
        ++consumerCopies;
    }

    QMap<QString, Indexes> groups;   // ordered, so groups are visited the same way everywhere
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (!candidates[i].consumer.group.isEmpty())
            groups[candidates[i].consumer.group].append(i);
    }
    qsizetype groupsServed = 0;
    QStringList groupsMissed;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        const qsizetype best = chooseKeyedOrBalanced(ranking, it.value(), key);
        if (explain) {
            for (qsizetype i : it.value())
                candidates[i].note = u"group %1: %2"_s.arg(it.key(), candidates[i].note);
        }
        if (best < 0) {
            groupsMissed.append(it.key());
            continue;
        }
        ++groupsServed;
        Candidate &w = candidates[best];
        if (served.contains(w.consumer.consumer)) {
            w.chosen = true;
            if (explain)
                w.note += u" (already receives a copy)"_s;
            continue;
        }
        served.insert(w.consumer.consumer);
        choose(best);
    }

    std::sort(decision.destinations.begin(), decision.destinations.end(),
              [](const Wire::Destination &a, const Wire::Destination &b) {
                  return std::tie(a.router, a.consumer) < std::tie(b.router, b.consumer);
              });
    // Ungrouped consumers all get a copy; only a pick inside a group weighs work (or a key).
    decision.dependsOnAssignedWork = !groups.isEmpty();
    if (decision.destinations.isEmpty()) {
        decision.summary = nobodyText(candidates, address, true);
        return finish();
    }
    const qsizetype unreachable = std::count_if(candidates.cbegin(), candidates.cend(),
                                                [](const Candidate &c) { return !c.reachable; });
    decision.summary = u"multicast %1 -> %2 (%3, %4)"_s
        .arg(address, counted(decision.destinations.size(), u"copy", u"copies"),
             counted(consumerCopies, u"consumer", u"consumers"),
             counted(groupsServed, u"group", u"groups"));
    if (unreachable > 0)
        decision.summary += u", %1 unreachable"_s.arg(unreachable);
    if (!groupsMissed.isEmpty())
        decision.summary += u", no pick in group %1"_s.arg(groupsMissed.join(u", "_s));
    return finish();
}

QHash<QString, QList<Wire::Destination>>
DeliveryPlanner::splitByNextHop(const QList<Wire::Destination> &destinations,
                                const RoutingTable &routes)
{
    QHash<QString, QList<Wire::Destination>> out;
    for (const Wire::Destination &d : destinations)
        out[nextHopOf(d, routes)].append(d);
    return out;
}

QString DeliveryPlanner::nextHopOf(const Wire::Destination &destination, const RoutingTable &routes)
{
    if (destination.router == routes.self())
        return routes.self();
    return routes.nextHop(destination.router);   // empty when unreachable
}

} // namespace Portolan::Routing
