#include "routing/routingtable.h"
#include "topology.h"

#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Routing;
using Portolan::Routing::Test::databaseFor;
using Portolan::Routing::Test::describe;
using Portolan::Routing::Test::parseTopology;

namespace {

// Three interiors in a full mesh of expensive links; edge e1 hangs off i1 and i2, e2
// off i3. Through e1, i1 -> i2 would cost 2 instead of 10: only the stub rule stops it.
const QString Mesh = u"i1-i2:10 i1-i3:10 i2-i3:10 i1=e1:1 i2=e1:1 i3=e2:1"_s;

} // namespace

class tst_RoutingTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortestPaths_data();
    void shortestPaths();
    void independentOfInsertionOrder_data();
    void independentOfInsertionOrder();
    void selfAndUnknownQueries();
    void pathFlipsWhenCheapLinkGoes_data();
    void pathFlipsWhenCheapLinkGoes();
};

// Hand-checked routes for each topology: cost, next hop and full path per destination.
void tst_RoutingTable::shortestPaths_data()
{
    QTest::addColumn<QString>("topology");
    QTest::addColumn<QString>("self");
    QTest::addColumn<QString>("expected");

    QTest::newRow("line from one end")
        << u"a-b:1 b-c:2 c-d:3"_s << u"a"_s
        << u"b:1 via b (a b), c:3 via b (a b c), d:6 via b (a b c d)"_s;
    QTest::newRow("line from the other end")
        << u"a-b:1 b-c:2 c-d:3"_s << u"d"_s
        << u"a:6 via c (d c b a), b:5 via c (d c b), c:3 via c (d c)"_s;
    QTest::newRow("square: two cheap hops beat an expensive one")
        << u"a-b:1 b-d:1 a-c:1 c-d:5"_s << u"a"_s
        << u"b:1 via b (a b), c:1 via c (a c), d:2 via b (a b d)"_s;
    QTest::newRow("square: three hops round beat the direct link")
        << u"a-b:1 b-d:1 a-c:1 c-d:5"_s << u"c"_s
        << u"a:1 via a (c a), b:2 via a (c a b), d:3 via a (c a b d)"_s;
    QTest::newRow("asymmetric cost, forward side")
        << u"a-b:1/7"_s << u"a"_s << u"b:1 via b (a b)"_s;
    QTest::newRow("asymmetric cost, return side")
        << u"a-b:1/7"_s << u"b"_s << u"a:7 via a (b a)"_s;
    QTest::newRow("zero-cost links")
        << u"a-b:0 b-c:0 a-c:0"_s << u"a"_s << u"b:0 via b (a b), c:0 via c (a c)"_s;

    QTest::newRow("mesh from interior: edge is a leaf, never transit")
        << Mesh << u"i1"_s
        << u"e1:1 via e1 (i1 e1), e2:11 via i3 (i1 i3 e2), i2:10 via i2 (i1 i2), i3:10 via i3 (i1 i3)"_s;
    QTest::newRow("mesh from another interior")
        << Mesh << u"i2"_s
        << u"e1:1 via e1 (i2 e1), e2:11 via i3 (i2 i3 e2), i1:10 via i1 (i2 i1), i3:10 via i3 (i2 i3)"_s;
    QTest::newRow("mesh: edge's own update leaked, still not transit")
        << Mesh + u" e1>i1:1 e1>i2:1"_s << u"i1"_s
        << u"e1:1 via e1 (i1 e1), e2:11 via i3 (i1 i3 e2), i2:10 via i2 (i1 i2), i3:10 via i3 (i1 i3)"_s;
    QTest::newRow("mesh from a dual-homed edge: routes through its uplinks")
        << Mesh + u" e1>i1:1 e1>i2:1"_s << u"e1"_s
        << u"e2:12 via i1 (e1 i1 i3 e2), i1:1 via i1 (e1 i1), i2:1 via i2 (e1 i2), i3:11 via i1 (e1 i1 i3)"_s;
    QTest::newRow("mesh from a single-homed edge")
        << Mesh + u" e2>i3:1"_s << u"e2"_s
        << u"e1:12 via i3 (e2 i3 i1 e1), i1:11 via i3 (e2 i3 i1), i2:11 via i3 (e2 i3 i2), i3:1 via i3 (e2 i3)"_s;
    QTest::newRow("stub reachable one way")
        << u"a=e:2"_s << u"a"_s << u"e:2 via e (a e)"_s;

    QTest::newRow("two-way check: one-sided shortcut ignored")
        << u"a-b:1 b-c:1 a>c:1"_s << u"a"_s << u"b:1 via b (a b), c:2 via b (a b c)"_s;
    QTest::newRow("two-way check: ignored in the other direction too")
        << u"a-b:1 b-c:1 a>c:1"_s << u"c"_s << u"a:2 via b (c b a), b:1 via b (c b)"_s;
    QTest::newRow("two-way check: far side does not list us")
        << u"a>b:1 b"_s << u"a"_s << QString();
    QTest::newRow("two-way check: far side has no update")
        << u"a>b:1"_s << u"a"_s << QString();

    QTest::newRow("withdrawn router is not in the graph")
        << u"a-b:1 b-c:1 a-d:5 d-c:5 !b"_s << u"a"_s << u"c:10 via d (a d c), d:5 via d (a d)"_s;
    QTest::newRow("withdrawn root still hands off over its links")
        << u"a-b:1 b-c:1 !a"_s << u"a"_s << u"b:1 via b (a b), c:2 via b (a b c)"_s;
    QTest::newRow("root without an update reaches nobody")
        << u"b-c:1"_s << u"a"_s << QString();

    QTest::newRow("tie: lower cost beats fewer hops")
        << u"a-b:1 b-c:1 a-c:3"_s << u"a"_s << u"b:1 via b (a b), c:2 via b (a b c)"_s;
    QTest::newRow("tie: equal cost, fewer hops wins")
        << u"a-b:1 b-c:1 c-d:1 a-e:2 e-d:1"_s << u"a"_s
        << u"b:1 via b (a b), c:2 via b (a b c), d:3 via e (a e d), e:2 via e (a e)"_s;
    QTest::newRow("tie: equal cost and hops, smaller next hop wins")
        << u"a-z:1 a-y:1 z-d:1 y-d:1"_s << u"a"_s
        << u"d:2 via y (a y d), y:1 via y (a y), z:1 via z (a z)"_s;
    QTest::newRow("tie: same next hop, smaller predecessor fixes the path")
        << u"a-b:1 b-c:1 b-d:1 c-e:1 d-e:1"_s << u"a"_s
        << u"b:1 via b (a b), c:2 via b (a b c), d:2 via b (a b d), e:3 via b (a b c e)"_s;
    QTest::newRow("tie: predecessor settled later but smaller id still wins")
        << u"a-n:1 n-q:1 n-p:2 q-e:2 p-e:1"_s << u"a"_s
        << u"e:4 via n (a n p e), n:1 via n (a n), p:3 via n (a n p), q:2 via n (a n q)"_s;
    QTest::newRow("parallel links of two providers: cheaper one counts")
        << u"a-b:4@expensive a-b:1@cheap"_s << u"a"_s << u"b:1 via b (a b)"_s;
}

void tst_RoutingTable::shortestPaths()
{
    QFETCH(QString, topology);
    QFETCH(QString, self);
    QFETCH(QString, expected);

    const RoutingTable table = RoutingTable::compute(databaseFor(topology, self), self);
    QCOMPARE(describe(table), expected);
    QCOMPARE(table.self(), self);
}

// Every router must compute the same answer from the same updates, whatever order
// they arrived in (and so whatever order the hash holds them in).
void tst_RoutingTable::independentOfInsertionOrder_data()
{
    QTest::addColumn<QString>("topology");
    QTest::addColumn<QString>("self");

    QTest::newRow("mesh with edges") << Mesh + u" e1>i1:1 e1>i2:1"_s << u"e1"_s;
    QTest::newRow("equal-cost diamond") << u"a-z:1 a-y:1 z-d:1 y-d:1 d-x:1 y-x:2 z-x:2"_s << u"a"_s;
    QTest::newRow("grid") << u"a-b:1 b-c:1 d-e:1 e-f:1 a-d:1 b-e:1 c-f:1"_s << u"a"_s;
}

void tst_RoutingTable::independentOfInsertionOrder()
{
    QFETCH(QString, topology);
    QFETCH(QString, self);

    QList<Portolan::Wire::LinkStateUpdate> updates = parseTopology(topology);
    const RoutingTable reference = RoutingTable::compute(databaseFor(topology, self), self);
    QVERIFY(!reference.routes().isEmpty());

    std::sort(updates.begin(), updates.end(),
              [](const auto &a, const auto &b) { return a.router < b.router; });
    int permutations = 0;
    do {
        LinkStateDatabase db;
        for (const auto &u : std::as_const(updates)) {
            if (u.router == self)
                db.setLocal(u);
            else
                db.apply(u, 0);
        }
        const RoutingTable table = RoutingTable::compute(db, self);
        QCOMPARE(describe(table), describe(reference));
        QVERIFY(table == reference);
        ++permutations;
    } while (permutations < 200 && std::next_permutation(updates.begin(), updates.end(),
             [](const auto &a, const auto &b) { return a.router < b.router; }));
    QVERIFY(permutations > 1);
}

// The root answers for itself (reachable, cost 0, no next hop, path of itself);
// unknown routers are unreachable with cost -1 and empty hop and path.
void tst_RoutingTable::selfAndUnknownQueries()
{
    const RoutingTable table = RoutingTable::compute(databaseFor(u"a-b:2"_s, u"a"_s), u"a"_s);
    QVERIFY(table.reachable(u"a"_s));
    QCOMPARE(table.cost(u"a"_s), 0);
    QCOMPARE(table.nextHop(u"a"_s), QString());
    QCOMPARE(table.path(u"a"_s), QStringList{u"a"_s});

    QVERIFY(table.reachable(u"b"_s));
    QCOMPARE(table.cost(u"b"_s), 2);
    QCOMPARE(table.nextHop(u"b"_s), u"b"_s);
    QCOMPARE(table.path(u"b"_s), (QStringList{u"a"_s, u"b"_s}));

    QVERIFY(!table.reachable(u"zz"_s));
    QCOMPARE(table.cost(u"zz"_s), -1);
    QCOMPARE(table.nextHop(u"zz"_s), QString());
    QCOMPARE(table.path(u"zz"_s), QStringList());
    QCOMPARE(table.routes().size(), 1);   // self is not listed
}

// Two providers: traffic takes the cheap cloud, moves to the expensive one when a cheap
// link goes (whether one or both sides stop listing it), and moves back when it returns.
void tst_RoutingTable::pathFlipsWhenCheapLinkGoes_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expectedBefore");
    QTest::addColumn<QString>("expectedAfter");

    QTest::newRow("both sides drop the cheap link")
        << u"a-b:1@cheap b-c:1@cheap a-c:5@expensive"_s
        << u"a-b:1@cheap a-c:5@expensive"_s
        << u"b:1 via b (a b), c:2 via b (a b c)"_s
        << u"b:1 via b (a b), c:5 via c (a c)"_s;
    QTest::newRow("only one side drops it: two-way check fails")
        << u"a-b:1@cheap b-c:1@cheap a-c:5@expensive"_s
        << u"a-b:1@cheap c>b:1@cheap a-c:5@expensive"_s
        << u"b:1 via b (a b), c:2 via b (a b c)"_s
        << u"b:1 via b (a b), c:5 via c (a c)"_s;
    QTest::newRow("parallel links, cheap one cut")
        << u"a-b:1@cheap a-b:4@expensive b-c:1@expensive"_s
        << u"a-b:4@expensive b-c:1@expensive"_s
        << u"b:1 via b (a b), c:2 via b (a b c)"_s
        << u"b:4 via b (a b), c:5 via b (a b c)"_s;
    QTest::newRow("cheap provider down: longer path on the expensive cloud")
        << u"a-b:1@cheap b-d:1@cheap a-c:3@expensive c-d:3@expensive"_s
        << u"a b a-c:3@expensive c-d:3@expensive"_s
        << u"b:1 via b (a b), c:3 via c (a c), d:2 via b (a b d)"_s
        << u"c:3 via c (a c), d:6 via c (a c d)"_s;
}

void tst_RoutingTable::pathFlipsWhenCheapLinkGoes()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expectedBefore);
    QFETCH(QString, expectedAfter);

    const QString self = u"a"_s;
    LinkStateDatabase db = databaseFor(before, self);
    const RoutingTable first = RoutingTable::compute(db, self);
    QCOMPARE(describe(first), expectedBefore);

    // The change arrives as newer updates from every router, as the flood delivers it.
    const auto newer = parseTopology(after, 2);
    for (const auto &u : newer) {
        if (u.router == self)
            db.setLocal(u);
        else
            QCOMPARE(db.apply(u, 1), LinkStateDatabase::ApplyResult::Newer);
    }
    QCOMPARE(describe(RoutingTable::compute(db, self)), expectedAfter);

    // And back when the link is restored.
    const auto restored = parseTopology(before, 3);
    for (const auto &u : restored) {
        if (u.router == self)
            db.setLocal(u);
        else
            db.apply(u, 2);
    }
    QCOMPARE(RoutingTable::compute(db, self), first);
}

QTEST_APPLESS_MAIN(tst_RoutingTable)
#include "tst_routingtable.moc"
