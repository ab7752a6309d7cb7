#include "routing/deliveryplanner.h"
#include "topology.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Routing;
using Portolan::Routing::Test::databaseFor;
using Portolan::Wire::AddressAdvert;
using Portolan::Wire::ConsumerAdvert;
using Portolan::Wire::Destination;

Q_DECLARE_METATYPE(Portolan::Routing::Mode)

namespace {

// r1 is this router: r2 at cost 1, r3 at cost 3 (through r2). r9 does not exist.
const QString Line = u"r1-r2:1 r2-r3:2 r1-r3:5"_s;

// A redundant mesh: r4 is reachable through r2 and through r3 at the same cost.
const QString RedundantMesh = u"r1-r2:1 r1-r3:1 r2-r4:1 r3-r4:1 r2-r3:1 r1=e1:1"_s;

// Everything a decision reads, built from compact descriptions.
struct Network
{
    DistributionTable distributions;
    AddressTable addresses;
    RoutingTable routes;
    AssignedWork assigned;

    DeliveryPlanner::Inputs inputs() const { return {distributions, addresses, routes, &assigned}; }
};

// Consumers as "id@router:outstanding[/capacity][#group][~subscription]", separated by
// spaces; the subscription defaults to the given one. Assigned work as "id=n ...".
// The self router's consumers are set locally, the others arrive as flooded adverts.
Network network(const QString &topology, const QString &self, const QString &subscription,
                Mode mode, const QString &consumers, const QString &assigned = {},
                bool reversed = false)
{
    static const QRegularExpression pattern(
        uR"(^([\w.-]+)@([\w.]+):(\d+)(?:/(\d+))?(?:#([\w.-]+))?(?:~(\S+))?$)"_s);
    Network n;
    n.distributions.add({subscription, mode, true});
    n.routes = RoutingTable::compute(databaseFor(topology, self), self);

    QMap<QString, QList<ConsumerAdvert>> byRouter;
    QStringList tokens = consumers.split(u' ', Qt::SkipEmptyParts);
    if (reversed)
        std::reverse(tokens.begin(), tokens.end());
    for (const QString &token : std::as_const(tokens)) {
        const auto m = pattern.match(token);
        if (!m.hasMatch())
            qFatal("bad consumer token: %s", qPrintable(token));
        const QString prefix = m.captured(6).isEmpty() ? subscription : m.captured(6);
        byRouter[m.captured(2)].append(ConsumerAdvert{prefix, m.captured(5), m.captured(1),
                                                      m.captured(3).toInt(), m.captured(4).toInt()});
    }
    QStringList routers = byRouter.keys();
    if (reversed)
        std::reverse(routers.begin(), routers.end());
    for (const QString &router : std::as_const(routers)) {
        const AddressAdvert advert{router, 1, byRouter.value(router)};
        if (router == self)
            n.addresses.setLocal(advert);
        else
            n.addresses.apply(advert, 0);
    }
    const QStringList work = assigned.split(u' ', Qt::SkipEmptyParts);
    for (const QString &entry : work)
        n.assigned.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1).toInt());
    return n;
}

QString describe(const QList<Destination> &destinations)
{
    QStringList parts;
    for (const Destination &d : destinations)
        parts.append(d.consumer + u'@' + d.router);
    return parts.join(u", "_s);
}

// "r2: a@r2 b@r4 | r3: c@r3", keys sorted; the unreachable (empty) key shows as "-".
QString describe(const QHash<QString, QList<Destination>> &split)
{
    QStringList keys = split.keys();
    keys.sort();
    QStringList parts;
    for (const QString &key : std::as_const(keys)) {
        QStringList dests;
        for (const Destination &d : split.value(key))
            dests.append(d.consumer + u'@' + d.router);
        parts.append((key.isEmpty() ? u"-"_s : key) + u": "_s + dests.join(u' '));
    }
    return parts.join(u" | "_s);
}

const Candidate *candidate(const Decision &decision, const QString &consumer, const QString &group = {})
{
    for (const Candidate &c : decision.candidates) {
        if (c.consumer.consumer == consumer && c.consumer.group == group)
            return &c;
    }
    return nullptr;
}

} // namespace

class tst_DeliveryPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data();
    void decide();
    void explainClosest();
    void explainBalanced();
    void explainKeyed();
    void explainMulticast();
    void explanationOnlyWhenAsked();
    void keyedIsStable();
    void keyedSpreadsAndMovesOnlyLostKeys();
    void rendezvousWeightIsFixed_data();
    void rendezvousWeightIsFixed();
    void multicastOnRedundantMesh_data();
    void multicastOnRedundantMesh();
    void splitByNextHop_data();
    void splitByNextHop();
    void nextHopOf_data();
    void nextHopOf();
    void dependsOnAssignedWork_data();
    void dependsOnAssignedWork();
};

// Each mode picks the hand-computed destinations and says so in one line.
void tst_DeliveryPlanner::decide_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("consumers");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("assigned");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("summary");

    const QString factories = u"factory-1@r1:5 factory-2@r2:2 factory-3@r3:0"_s;

    QTest::newRow("closest: own router at cost 0")
        << Mode::Closest << factories << QString() << QString()
        << u"factory-1@r1"_s << u"closest /factories/orders -> factory-1 (cost 0)"_s;
    QTest::newRow("closest: equal cost, less outstanding")
        << Mode::Closest << u"a@r2:4 b@r2:1"_s << QString() << QString()
        << u"b@r2"_s << u"closest /factories/orders -> b (cost 1)"_s;
    QTest::newRow("closest: assigned work breaks the tie")
        << Mode::Closest << u"a@r2:1 b@r2:1"_s << QString() << u"a=2"_s
        << u"b@r2"_s << u"closest /factories/orders -> b (cost 1)"_s;
    QTest::newRow("closest: full tie, smaller id")
        << Mode::Closest << u"x@r2:1 w@r2:1"_s << QString() << QString()
        << u"w@r2"_s << u"closest /factories/orders -> w (cost 1)"_s;
    QTest::newRow("closest: unreachable never chosen")
        << Mode::Closest << u"near@r9:0 far@r3:9"_s << QString() << QString()
        << u"far@r3"_s << u"closest /factories/orders -> far (cost 3)"_s;

    QTest::newRow("balanced: backlog plus cost, tie by id")
        << Mode::Balanced << factories << QString() << QString()
        << u"factory-2@r2"_s << u"balanced /factories/orders -> factory-2 (score 3: outstanding 2 + cost 1)"_s;
    QTest::newRow("balanced: lower backlog beats closer")
        << Mode::Balanced << u"busy@r1:7 idle@r3:1"_s << QString() << QString()
        << u"idle@r3"_s << u"balanced /factories/orders -> idle (score 4: outstanding 1 + cost 3)"_s;
    QTest::newRow("balanced: work assigned since the advert counts")
        << Mode::Balanced << factories << QString() << u"factory-2=1"_s
        << u"factory-3@r3"_s << u"balanced /factories/orders -> factory-3 (score 3: outstanding 0 + cost 3)"_s;
    QTest::newRow("balanced: consumer at capacity skipped")
        << Mode::Balanced << u"full@r1:2/2 spare@r3:4/10"_s << QString() << QString()
        << u"spare@r3"_s << u"balanced /factories/orders -> spare (score 7: outstanding 4 + cost 3)"_s;
    QTest::newRow("balanced: assigned work reaches capacity")
        << Mode::Balanced << u"a@r1:1/2 b@r2:3"_s << QString() << u"a=1"_s
        << u"b@r2"_s << u"balanced /factories/orders -> b (score 4: outstanding 3 + cost 1)"_s;
    QTest::newRow("balanced: capacity 0 is unbounded")
        << Mode::Balanced << u"a@r1:100/0 b@r3:200"_s << QString() << QString()
        << u"a@r1"_s << u"balanced /factories/orders -> a (score 100: outstanding 100 + cost 0)"_s;
    QTest::newRow("balanced: everyone at capacity")
        << Mode::Balanced << u"a@r1:2/2 b@r2:5/5 c@r9:0"_s << QString() << QString()
        << QString() << u"no consumer with spare capacity for /factories/orders (2 at capacity, 1 unreachable)"_s;

    QTest::newRow("keyed: highest rendezvous weight")
        << Mode::Keyed << u"preparer-1@r2:0 preparer-2@r3:9"_s << u"plaice"_s << QString()
        << u"preparer-2@r3"_s
        << u"keyed /factories/orders key \"plaice\" -> preparer-2 (highest rendezvous weight of 2 consumers)"_s;
    QTest::newRow("keyed: ignores capacity, partitions stay put")
        << Mode::Keyed << u"preparer-1@r2:0 preparer-2@r3:9/9"_s << u"plaice"_s << QString()
        << u"preparer-2@r3"_s
        << u"keyed /factories/orders key \"plaice\" -> preparer-2 (highest rendezvous weight of 2 consumers)"_s;
    QTest::newRow("keyed: unreachable not considered")
        << Mode::Keyed << u"preparer-1@r2:0 preparer-2@r9:0"_s << u"plaice"_s << QString()
        << u"preparer-1@r2"_s
        << u"keyed /factories/orders key \"plaice\" -> preparer-1 (highest rendezvous weight of 1 consumers)"_s;
    QTest::newRow("keyed: no key falls back to balanced")
        << Mode::Keyed << factories << QString() << QString()
        << u"factory-2@r2"_s
        << u"keyed /factories/orders without a key, balanced -> factory-2 (score 3: outstanding 2 + cost 1)"_s;

    QTest::newRow("multicast: each ungrouped consumer, one per group")
        << Mode::Multicast << u"s1@r2:0 s2@r3:0 p1@r2:3#prep p2@r3:0#prep"_s << QString() << QString()
        << u"s1@r2, p2@r3, s2@r3"_s << u"multicast /factories/orders -> 3 copies (2 consumers, 1 group)"_s;
    QTest::newRow("multicast: keyed inside a group")
        << Mode::Multicast << u"preparer-1@r2:0#prep preparer-2@r3:9#prep"_s << u"plaice"_s << QString()
        << u"preparer-2@r3"_s << u"multicast /factories/orders -> 1 copy (0 consumers, 1 group)"_s;
    QTest::newRow("multicast: subscribed twice and grouped, one copy")
        << Mode::Multicast << u"s1@r2:0 s1@r2:0~/factories/ s1@r2:0#g"_s << QString() << QString()
        << u"s1@r2"_s << u"multicast /factories/orders -> 1 copy (1 consumer, 1 group)"_s;
    QTest::newRow("multicast: unreachable consumer skipped")
        << Mode::Multicast << u"s1@r2:0 s2@r9:0"_s << QString() << QString()
        << u"s1@r2"_s << u"multicast /factories/orders -> 1 copy (1 consumer, 0 groups), 1 unreachable"_s;
    QTest::newRow("multicast: ungrouped consumers ignore capacity")
        << Mode::Multicast << u"s1@r2:3/3 s2@r1:0"_s << QString() << QString()
        << u"s2@r1, s1@r2"_s << u"multicast /factories/orders -> 2 copies (2 consumers, 0 groups)"_s;
    QTest::newRow("multicast: group with everyone at capacity")
        << Mode::Multicast << u"s1@r2:0 p1@r2:4/4#prep"_s << QString() << QString()
        << u"s1@r2"_s << u"multicast /factories/orders -> 1 copy (1 consumer, 0 groups), no pick in group prep"_s;
    QTest::newRow("multicast: nobody reachable")
        << Mode::Multicast << u"s1@r9:0 p1@r8:0#prep"_s << QString() << QString()
        << QString() << u"no reachable consumer for /factories/orders (2 unreachable)"_s;

    QTest::newRow("no consumer at all")
        << Mode::Closest << QString() << QString() << QString()
        << QString() << u"no consumer for /factories/orders"_s;
    QTest::newRow("no reachable consumer")
        << Mode::Closest << u"a@r9:0 b@r8:0"_s << QString() << QString()
        << QString() << u"no reachable consumer for /factories/orders (2 unreachable)"_s;
}

void tst_DeliveryPlanner::decide()
{
    QFETCH(Mode, mode);
    QFETCH(QString, consumers);
    QFETCH(QString, key);
    QFETCH(QString, assigned);
    QFETCH(QString, expected);
    QFETCH(QString, summary);

    const Network n = network(Line, u"r1"_s, u"/factories"_s, mode, consumers, assigned);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/factories/orders", key);
    QCOMPARE(describe(d.destinations), expected);
    QCOMPARE(d.summary, summary);
    QCOMPARE(d.distribution.mode, mode);
    QCOMPARE(d.distribution.prefix, u"/factories"_s);
    QVERIFY(d.candidates.isEmpty());

    // Pure: the same inputs give the same decision, whatever order the adverts came in.
    const Network reordered = network(Line, u"r1"_s, u"/factories"_s, mode, consumers, assigned, true);
    const Decision again = DeliveryPlanner::decide(reordered.inputs(), u"/factories/orders", key);
    QCOMPARE(again.destinations, d.destinations);
    QCOMPARE(again.summary, d.summary);
}

// Closest explains each loser by the criterion it lost on.
void tst_DeliveryPlanner::explainClosest()
{
    const Network n = network(Line, u"r1"_s, u"/f"_s, Mode::Closest,
                              u"c@r2:4 b@r2:1 a@r2:1 d@r3:0 gone@r9:0"_s);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/f/x", {}, true);
    QCOMPARE(describe(d.destinations), u"a@r2"_s);
    QCOMPARE(d.candidates.size(), 5);

    QCOMPARE(candidate(d, u"a"_s)->note, u"chosen: lowest cost 1 (outstanding 1)"_s);
    QCOMPARE(candidate(d, u"b"_s)->note, u"ties with a, which sorts first"_s);
    QCOMPARE(candidate(d, u"c"_s)->note, u"same cost 1, outstanding 4 > 1 of a"_s);
    QCOMPARE(candidate(d, u"d"_s)->note, u"cost 3 > 1 of a"_s);
    QCOMPARE(candidate(d, u"gone"_s)->note, u"unreachable"_s);
    for (const Candidate &c : d.candidates)
        QCOMPARE(c.chosen, c.consumer.consumer == u"a"_s);
    QCOMPARE(candidate(d, u"d"_s)->score, 3);
    QCOMPARE(candidate(d, u"gone"_s)->pathCost, -1);
}

// Balanced shows each candidate's score as outstanding + cost, and why the skipped
// ones were skipped.
void tst_DeliveryPlanner::explainBalanced()
{
    const Network n = network(Line, u"r1"_s, u"/factories"_s, Mode::Balanced,
                              u"factory-1@r1:5 factory-2@r2:2 factory-3@r3:0 factory-4@r9:0 full@r2:3/3"_s);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/factories/orders", {}, true);
    QCOMPARE(describe(d.destinations), u"factory-2@r2"_s);
    QCOMPARE(d.candidates.size(), 5);
    // Candidates come in match order: by router, then consumer.
    QStringList order;
    for (const Candidate &c : d.candidates)
        order.append(c.consumer.consumer);
    QCOMPARE(order, (QStringList{u"factory-1"_s, u"factory-2"_s, u"full"_s, u"factory-3"_s, u"factory-4"_s}));

    const Candidate *f1 = candidate(d, u"factory-1"_s);
    QCOMPARE(f1->note, u"score 5: outstanding 5 + cost 0 > 3 of factory-2"_s);
    QCOMPARE(f1->score, 5);
    QVERIFY(!f1->chosen);

    const Candidate *f2 = candidate(d, u"factory-2"_s);
    QVERIFY(f2->chosen);
    QVERIFY(f2->reachable);
    QCOMPARE(f2->pathCost, 1);
    QCOMPARE(f2->outstanding, 2);
    QCOMPARE(f2->score, 3);
    QCOMPARE(f2->note, u"chosen: lowest score 3: outstanding 2 + cost 1"_s);

    QCOMPARE(candidate(d, u"factory-3"_s)->note, u"score 3: outstanding 0 + cost 3 ties with factory-2, which sorts first"_s);

    const Candidate *f4 = candidate(d, u"factory-4"_s);
    QVERIFY(!f4->reachable);
    QCOMPARE(f4->pathCost, -1);
    QCOMPARE(f4->note, u"unreachable"_s);
    QVERIFY(!f4->chosen);

    const Candidate *full = candidate(d, u"full"_s);
    QVERIFY(full->atCapacity);
    QCOMPARE(full->note, u"at capacity (outstanding 3 of 3)"_s);
    QVERIFY(!full->chosen);
}

// Keyed shows the rendezvous weights and the rank of each candidate.
void tst_DeliveryPlanner::explainKeyed()
{
    const Network n = network(Line, u"r1"_s, u"/orders"_s, Mode::Keyed,
                              u"preparer-1@r2:0 preparer-2@r3:0 preparer-3@r9:0"_s);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/orders/plaice", u"plaice", true);
    QCOMPARE(describe(d.destinations), u"preparer-2@r3"_s);

    const Candidate *p2 = candidate(d, u"preparer-2"_s);
    QVERIFY(p2->chosen);
    QCOMPARE(p2->score, 0);
    QCOMPARE(p2->note, u"chosen: highest rendezvous weight 4326d108b033eb97 for key \"plaice\""_s);
    const Candidate *p1 = candidate(d, u"preparer-1"_s);
    QVERIFY(!p1->chosen);
    QCOMPARE(p1->score, 1);
    QCOMPARE(p1->note, u"rendezvous weight 110a9004b3beecae ranks 2 for key \"plaice\""_s);
    QCOMPARE(candidate(d, u"preparer-3"_s)->note, u"unreachable"_s);
}

// Multicast says which candidates got their own copy and how each group chose.
void tst_DeliveryPlanner::explainMulticast()
{
    const Network n = network(Line, u"r1"_s, u"/all-stores"_s, Mode::Multicast,
                              u"s1@r2:0 s2@r9:0 p1@r2:3#prep p2@r3:0#prep full@r1:2/2#prep"_s);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/all-stores/inventory", {}, true);
    QCOMPARE(describe(d.destinations), u"s1@r2, p2@r3"_s);
    QCOMPARE(d.candidates.size(), 5);

    QCOMPARE(candidate(d, u"s1"_s)->note, u"chosen: ungrouped, receives its own copy"_s);
    QCOMPARE(candidate(d, u"s2"_s)->note, u"unreachable"_s);
    QCOMPARE(candidate(d, u"p2"_s, u"prep"_s)->note, u"group prep: chosen: lowest score 3: outstanding 0 + cost 3"_s);
    QCOMPARE(candidate(d, u"p1"_s, u"prep"_s)->note, u"group prep: score 4: outstanding 3 + cost 1 > 3 of p2"_s);
    QCOMPARE(candidate(d, u"full"_s, u"prep"_s)->note, u"group prep: at capacity (outstanding 2 of 2)"_s);
    QStringList chosen;
    for (const Candidate &c : d.candidates) {
        if (c.chosen)
            chosen.append(c.consumer.consumer);
    }
    QCOMPARE(chosen, (QStringList{u"s1"_s, u"p2"_s}));
}

// Without explain the decision carries no candidates but the same destinations and
// summary as with it.
void tst_DeliveryPlanner::explanationOnlyWhenAsked()
{
    for (Mode mode : {Mode::Closest, Mode::Balanced, Mode::Keyed, Mode::Multicast}) {
        const Network n = network(Line, u"r1"_s, u"/a"_s, mode,
                                  u"x@r1:3 y@r2:0 z@r3:1/1 g1@r2:0#g g2@r3:0#g"_s);
        const Decision quiet = DeliveryPlanner::decide(n.inputs(), u"/a/b", u"k");
        const Decision told = DeliveryPlanner::decide(n.inputs(), u"/a/b", u"k", true);
        QVERIFY(quiet.candidates.isEmpty());
        QVERIFY(!told.candidates.isEmpty());
        QVERIFY(!quiet.summary.isEmpty());
        QCOMPARE(quiet.summary, told.summary);
        QCOMPARE(quiet.destinations, told.destinations);
        QVERIFY(!quiet.destinations.isEmpty());
        for (const Candidate &c : told.candidates)
            QVERIFY2(!c.note.isEmpty(), qPrintable(modeName(mode) + u' ' + c.consumer.consumer));
    }
}

// The same key reaches the same consumer every time, whatever order the adverts came in.
void tst_DeliveryPlanner::keyedIsStable()
{
    const QString consumers = u"worker-a@r1:0 worker-b@r2:7 worker-c@r3:2"_s;
    const Network forward = network(Line, u"r1"_s, u"/orders"_s, Mode::Keyed, consumers);
    const Network backward = network(Line, u"r1"_s, u"/orders"_s, Mode::Keyed, consumers, {}, true);
    for (int i = 0; i < 50; ++i) {
        const QString key = u"order-%1"_s.arg(i);
        const Decision first = DeliveryPlanner::decide(forward.inputs(), u"/orders/new", key);
        QCOMPARE(first.destinations.size(), 1);
        QCOMPARE(DeliveryPlanner::decide(forward.inputs(), u"/orders/new", key).destinations, first.destinations);
        QCOMPARE(DeliveryPlanner::decide(backward.inputs(), u"/orders/new", key).destinations, first.destinations);
    }
}

// Different keys spread over the consumers; removing one consumer moves only the keys
// it owned.
void tst_DeliveryPlanner::keyedSpreadsAndMovesOnlyLostKeys()
{
    const Network three = network(Line, u"r1"_s, u"/orders"_s, Mode::Keyed,
                                  u"worker-a@r1:0 worker-b@r2:0 worker-c@r3:0"_s);
    const Network two = network(Line, u"r1"_s, u"/orders"_s, Mode::Keyed,
                                u"worker-a@r1:0 worker-b@r2:0"_s);
    QHash<QString, int> wins;
    int moved = 0;
    constexpr int Keys = 300;
    for (int i = 0; i < Keys; ++i) {
        const QString key = u"order-%1"_s.arg(i);
        const QString before = DeliveryPlanner::decide(three.inputs(), u"/orders", key).destinations.value(0).consumer;
        const QString after = DeliveryPlanner::decide(two.inputs(), u"/orders", key).destinations.value(0).consumer;
        ++wins[before];
        if (before != u"worker-c"_s)
            QCOMPARE(after, before);
        else
            ++moved;
    }
    QCOMPARE(wins.size(), 3);
    for (auto it = wins.cbegin(); it != wins.cend(); ++it)
        QVERIFY2(it.value() > Keys / 5 && it.value() < Keys / 2, qPrintable(it.key() + u": "_s + QString::number(it.value())));
    QCOMPARE(moved, wins.value(u"worker-c"_s));
}

// The weight is a fixed function (FNV-1a over UTF-8 of key, NUL, consumer, then
// splitmix64's finaliser): values pinned so every process and version agrees.
void tst_DeliveryPlanner::rendezvousWeightIsFixed_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("consumer");
    QTest::addColumn<quint64>("weight");

    QTest::newRow("ascii") << u"plaice"_s << u"preparer-1"_s << quint64(1227952198281784494ULL);
    QTest::newRow("ascii, other consumer") << u"plaice"_s << u"preparer-2"_s << quint64(4838784684902312855ULL);
    QTest::newRow("empty key") << QString() << u"factory-1"_s << quint64(14999970524540024696ULL);
    QTest::newRow("unicode, astral plane") << u"größe"_s << u"ünïcode-🐟"_s << quint64(16620243105283906142ULL);
    QTest::newRow("separator: ab|c") << u"ab"_s << u"c"_s << quint64(10561492974034600794ULL);
    QTest::newRow("separator: a|bc") << u"a"_s << u"bc"_s << quint64(9412880023170504094ULL);
}

void tst_DeliveryPlanner::rendezvousWeightIsFixed()
{
    QFETCH(QString, key);
    QFETCH(QString, consumer);
    QFETCH(quint64, weight);

    QCOMPARE(DeliveryPlanner::rendezvousWeight(key, consumer), weight);
}

// On a redundant mesh, two groups and three ungrouped consumers give exactly five
// destinations, one per consumer and per group, and splitting them gives one list per
// next hop with every destination in exactly one list.
void tst_DeliveryPlanner::multicastOnRedundantMesh_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");   // empty: only the invariants are checked
    QTest::addColumn<QString>("split");

    QTest::newRow("groups balanced")
        << QString()
        << u"prep-1@r2, store-1@r2, acct-1@r3, store-2@r3, store-3@r4"_s
        << u"r2: prep-1@r2 store-1@r2 store-3@r4 | r3: acct-1@r3 store-2@r3"_s;
    for (const QString &key : {u"plaice"_s, u"cod"_s, u"haddock"_s, u"order-17"_s})
        QTest::newRow(qPrintable(u"groups keyed by "_s + key)) << key << QString() << QString();
}

void tst_DeliveryPlanner::multicastOnRedundantMesh()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QFETCH(QString, split);

    const Network n = network(RedundantMesh, u"r1"_s, u"/all-stores"_s, Mode::Multicast,
                              u"store-1@r2:0 store-2@r3:0 store-3@r4:5 "
                              u"prep-1@r2:1#preparers prep-2@r4:0#preparers "
                              u"acct-1@r3:0#accounts acct-2@r1:3#accounts "
                              u"store-1@r2:0~/all-stores/"_s);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/all-stores/inventory", key);
    if (!expected.isEmpty())
        QCOMPARE(describe(d.destinations), expected);

    QCOMPARE(d.destinations.size(), 5);
    QSet<QString> consumers;
    for (const Destination &dest : std::as_const(d.destinations))
        consumers.insert(dest.consumer);
    QCOMPARE(consumers.size(), 5);   // no consumer twice
    for (const QString &store : {u"store-1"_s, u"store-2"_s, u"store-3"_s})
        QVERIFY(consumers.contains(store));
    QCOMPARE(int(consumers.contains(u"prep-1"_s)) + int(consumers.contains(u"prep-2"_s)), 1);
    QCOMPARE(int(consumers.contains(u"acct-1"_s)) + int(consumers.contains(u"acct-2"_s)), 1);

    const auto byHop = DeliveryPlanner::splitByNextHop(d.destinations, n.routes);
    if (!split.isEmpty())
        QCOMPARE(describe(byHop), split);
    qsizetype total = 0;
    for (auto it = byHop.cbegin(); it != byHop.cend(); ++it) {
        QVERIFY(!it.key().isEmpty());
        for (const Destination &dest : it.value()) {
            const QString hop = dest.router == u"r1"_s ? u"r1"_s : n.routes.nextHop(dest.router);
            QCOMPARE(it.key(), hop);
        }
        total += it.value().size();
    }
    QCOMPARE(total, d.destinations.size());
    QVERIFY(byHop.size() <= 3);   // r2, r3 and this router itself at most
}

// Destinations group under the neighbour they are sent to; local ones under self,
// unreachable ones under the empty key; order is kept inside each group.
void tst_DeliveryPlanner::splitByNextHop_data()
{
    QTest::addColumn<QString>("destinations");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nothing") << QString() << QString();
    QTest::newRow("all behind one neighbour") << u"a@r2 b@r4"_s << u"r2: a@r2 b@r4"_s;
    QTest::newRow("two neighbours, order kept") << u"c@r4 b@r3 a@r2"_s << u"r2: c@r4 a@r2 | r3: b@r3"_s;
    QTest::newRow("local, stub and unreachable")
        << u"a@r1 b@r9 c@e1 d@r1"_s << u"-: b@r9 | e1: c@e1 | r1: a@r1 d@r1"_s;
}

void tst_DeliveryPlanner::splitByNextHop()
{
    QFETCH(QString, destinations);
    QFETCH(QString, expected);

    const RoutingTable routes = RoutingTable::compute(databaseFor(RedundantMesh, u"r1"_s), u"r1"_s);
    QList<Destination> list;
    const QStringList tokens = destinations.split(u' ', Qt::SkipEmptyParts);
    for (const QString &token : tokens)
        list.append(Destination{token.section(u'@', 1), token.section(u'@', 0, 0)});
    QCOMPARE(describe(DeliveryPlanner::splitByNextHop(list, routes)), expected);
}

// One destination's next hop, the forwarding fast path, follows splitByNextHop's rules:
// self for local, the neighbour otherwise (ties to the smaller id), empty when unreachable.
void tst_DeliveryPlanner::nextHopOf_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("expected");

    QTest::newRow("local") << u"a@r1"_s << u"r1"_s;
    QTest::newRow("neighbour") << u"b@r2"_s << u"r2"_s;
    QTest::newRow("two equal paths, smaller next hop") << u"c@r4"_s << u"r2"_s;
    QTest::newRow("stub edge") << u"d@e1"_s << u"e1"_s;
    QTest::newRow("unreachable") << u"e@r9"_s << QString();
}

void tst_DeliveryPlanner::nextHopOf()
{
    QFETCH(QString, destination);
    QFETCH(QString, expected);

    const RoutingTable routes = RoutingTable::compute(databaseFor(RedundantMesh, u"r1"_s), u"r1"_s);
    const Destination d{destination.section(u'@', 1), destination.section(u'@', 0, 0)};
    QCOMPARE(DeliveryPlanner::nextHopOf(d, routes), expected);
    const auto split = DeliveryPlanner::splitByNextHop({d}, routes);
    QCOMPARE(split.size(), 1);
    QCOMPARE(split.constBegin().key(), expected);
}

// A decision says whether assigned work played a part; when it says not, piling
// lopsided work on the consumers changes nothing (so a router may cache it).
void tst_DeliveryPlanner::dependsOnAssignedWork_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("consumers");
    QTest::addColumn<bool>("depends");

    QTest::newRow("closest: one cheapest") << Mode::Closest << u"a@r2:0 b@r3:0"_s << false;
    QTest::newRow("closest: cheaper one unreachable") << Mode::Closest << u"near@r9:0 far@r3:9"_s << false;
    QTest::newRow("closest: tie in cost") << Mode::Closest << u"a@r2:4 b@r2:1"_s << true;
    QTest::newRow("balanced") << Mode::Balanced << u"a@r2:0 b@r3:0"_s << true;
    QTest::newRow("keyed without a key") << Mode::Keyed << u"a@r2:0 b@r3:0"_s << true;
    QTest::newRow("multicast, ungrouped") << Mode::Multicast << u"a@r2:0 b@r3:0 c@r1:0"_s << false;
    QTest::newRow("multicast with a group") << Mode::Multicast << u"a@r2:0 p@r2:0#g q@r3:0#g"_s << true;
}

void tst_DeliveryPlanner::dependsOnAssignedWork()
{
    QFETCH(Mode, mode);
    QFETCH(QString, consumers);
    QFETCH(bool, depends);

    const Network n = network(Line, u"r1"_s, u"/factories"_s, mode, consumers);
    const Decision d = DeliveryPlanner::decide(n.inputs(), u"/factories/orders", {});
    QVERIFY(!d.destinations.isEmpty());
    QCOMPARE(d.dependsOnAssignedWork, depends);
    if (depends)
        return;
    // The chosen consumers get by far the most work, in decreasing amounts.
    QStringList work;
    for (qsizetype i = 0; i < d.destinations.size(); ++i)
        work.append(d.destinations.at(i).consumer + u'=' + QString::number(1000 * (d.destinations.size() - i)));
    const Network loaded = network(Line, u"r1"_s, u"/factories"_s, mode, consumers, work.join(u' '));
    const Decision again = DeliveryPlanner::decide(loaded.inputs(), u"/factories/orders", {});
    QCOMPARE(describe(again.destinations), describe(d.destinations));
    QCOMPARE(again.summary, d.summary);
}

QTEST_APPLESS_MAIN(tst_DeliveryPlanner)
#include "tst_deliveryplanner.moc"
