#include "routing/linkstatedatabase.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Routing::LinkStateDatabase;
using Portolan::Wire::LinkStateUpdate;
using Portolan::Wire::Neighbour;

namespace {

LinkStateUpdate update(const QString &router, quint64 sequence, const QStringList &neighbours = {})
{
    LinkStateUpdate u;
    u.router = router;
    u.sequence = sequence;
    for (const QString &n : neighbours)
        u.neighbours.append(Neighbour{n, 1, QString(), false});
    return u;
}

QStringList routersOf(const QList<LinkStateUpdate> &updates)
{
    QStringList out;
    for (const LinkStateUpdate &u : updates)
        out.append(u.router);
    return out;
}

} // namespace

class tst_LinkStateDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applyKeepsNewestSequence_data();
    void applyKeepsNewestSequence();
    void localEntryNeverAges();
    void floodedCopyDoesNotReplaceLocal();
    void expireByAge_data();
    void expireByAge();
    void refreshRestartsAge();
    void expireReturnsSortedRouters();
    void generationCountsChanges();
    void removeAndFind();
    void allIsSortedByRouter();
};

// An update is stored only when its sequence is newer than the stored one; stale ones
// change nothing, not even the generation.
void tst_LinkStateDatabase::applyKeepsNewestSequence_data()
{
    QTest::addColumn<int>("stored");          // -1: nothing stored yet
    QTest::addColumn<quint64>("incoming");
    QTest::addColumn<bool>("newer");
    QTest::addColumn<quint64>("kept");

    QTest::newRow("first update") << -1 << quint64(0) << true << quint64(0);
    QTest::newRow("higher sequence") << 3 << quint64(4) << true << quint64(4);
    QTest::newRow("much higher sequence") << 3 << quint64(1'000'000) << true << quint64(1'000'000);
    QTest::newRow("equal sequence") << 3 << quint64(3) << false << quint64(3);
    QTest::newRow("older sequence") << 3 << quint64(2) << false << quint64(3);
    QTest::newRow("beyond 32 bits") << 3 << (quint64(1) << 63) + 5 << true << (quint64(1) << 63) + 5;
}

void tst_LinkStateDatabase::applyKeepsNewestSequence()
{
    QFETCH(int, stored);
    QFETCH(quint64, incoming);
    QFETCH(bool, newer);
    QFETCH(quint64, kept);

    LinkStateDatabase db;
    if (stored >= 0)
        QCOMPARE(db.apply(update(u"a"_s, quint64(stored), {u"old"_s}), 0), LinkStateDatabase::ApplyResult::Newer);
    const quint64 generation = db.generation();

    const auto result = db.apply(update(u"a"_s, incoming, {u"new"_s}), 10);
    QCOMPARE(result == LinkStateDatabase::ApplyResult::Newer, newer);
    QCOMPARE(db.generation(), newer ? generation + 1 : generation);
    QVERIFY(db.find(u"a"_s));
    QCOMPARE(db.find(u"a"_s)->sequence, kept);
    QCOMPARE(db.find(u"a"_s)->neighbours.constFirst().id, newer ? u"new"_s : u"old"_s);
    QCOMPARE(db.size(), 1);
}

// The node's own update survives any amount of time without refresh.
void tst_LinkStateDatabase::localEntryNeverAges()
{
    LinkStateDatabase db;
    db.setLocal(update(u"self"_s, 1, {u"b"_s}));
    db.apply(update(u"b"_s, 1, {u"self"_s}), 0);

    const QStringList removed = db.expire(1'000'000, 1000);
    QCOMPARE(removed, QStringList{u"b"_s});
    QVERIFY(db.find(u"self"_s));
    QVERIFY(!db.find(u"b"_s));
    QCOMPARE(db.size(), 1);
}

// A flooded update about this node, even with a higher sequence, never replaces what
// the node says about itself.
void tst_LinkStateDatabase::floodedCopyDoesNotReplaceLocal()
{
    LinkStateDatabase db;
    db.setLocal(update(u"self"_s, 5, {u"b"_s}));
    const quint64 generation = db.generation();

    QCOMPARE(db.apply(update(u"self"_s, 9, {u"ghost"_s}), 0), LinkStateDatabase::ApplyResult::Stale);
    QCOMPARE(db.find(u"self"_s)->sequence, quint64(5));
    QCOMPARE(db.find(u"self"_s)->neighbours.constFirst().id, u"b"_s);
    QCOMPARE(db.generation(), generation);
}

// An entry expires only once its age is strictly greater than the maximum age.
void tst_LinkStateDatabase::expireByAge_data()
{
    QTest::addColumn<qint64>("refreshedMs");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<bool>("removed");

    QTest::newRow("fresh") << qint64(1000) << qint64(1200) << false;
    QTest::newRow("exactly max age") << qint64(1000) << qint64(1300) << false;
    QTest::newRow("one ms over") << qint64(1000) << qint64(1301) << true;
    QTest::newRow("long gone") << qint64(1000) << qint64(90'000) << true;
}

void tst_LinkStateDatabase::expireByAge()
{
    QFETCH(qint64, refreshedMs);
    QFETCH(qint64, nowMs);
    QFETCH(bool, removed);

    LinkStateDatabase db;
    db.apply(update(u"b"_s, 1), refreshedMs);
    const quint64 generation = db.generation();

    const QStringList gone = db.expire(nowMs, 300);
    QCOMPARE(gone, removed ? QStringList{u"b"_s} : QStringList{});
    QCOMPARE(db.find(u"b"_s) == nullptr, removed);
    QCOMPARE(db.generation(), removed ? generation + 1 : generation);
}

// A newer update restarts the entry's age.
void tst_LinkStateDatabase::refreshRestartsAge()
{
    LinkStateDatabase db;
    db.apply(update(u"b"_s, 1), 0);
    db.apply(update(u"b"_s, 2), 900);
    QVERIFY(db.expire(1500, 1000).isEmpty());
    QCOMPARE(db.expire(1901, 1000), QStringList{u"b"_s});
}

// expire() reports the removed routers sorted, whatever the hash order.
void tst_LinkStateDatabase::expireReturnsSortedRouters()
{
    LinkStateDatabase db;
    for (const QString &r : {u"delta"_s, u"alpha"_s, u"charlie"_s, u"bravo"_s})
        db.apply(update(r, 1), 0);
    db.apply(update(u"echo"_s, 1), 5000);
    QCOMPARE(db.expire(5000, 1000), (QStringList{u"alpha"_s, u"bravo"_s, u"charlie"_s, u"delta"_s}));
    QCOMPARE(routersOf(db.all()), QStringList{u"echo"_s});
}

// The generation moves on every change and only then, so cached routes stay valid
// exactly as long as the database is unchanged.
void tst_LinkStateDatabase::generationCountsChanges()
{
    LinkStateDatabase db;
    quint64 g = db.generation();
    auto changed = [&]() { const bool c = db.generation() != g; g = db.generation(); return c; };

    db.setLocal(update(u"self"_s, 1, {u"b"_s}));
    QVERIFY(changed());
    db.setLocal(update(u"self"_s, 1, {u"b"_s}));
    QVERIFY(!changed());   // identical local update
    db.setLocal(update(u"self"_s, 2, {u"b"_s, u"c"_s}));
    QVERIFY(changed());
    db.apply(update(u"b"_s, 1), 0);
    QVERIFY(changed());
    db.apply(update(u"b"_s, 1), 0);
    QVERIFY(!changed());   // duplicate from the flood
    db.remove(u"nobody"_s);
    QVERIFY(!changed());
    QVERIFY(db.expire(100, 1000).isEmpty());
    QVERIFY(!changed());
    db.remove(u"b"_s);
    QVERIFY(changed());
}

// remove() forgets a router at once; find() answers null for unknown routers.
void tst_LinkStateDatabase::removeAndFind()
{
    LinkStateDatabase db;
    db.apply(update(u"b"_s, 7, {u"c"_s}), 0);
    QVERIFY(!db.find(u"c"_s));
    const LinkStateUpdate *b = db.find(u"b"_s);
    QVERIFY(b);
    QCOMPARE(*b, update(u"b"_s, 7, {u"c"_s}));
    db.remove(u"b"_s);
    QVERIFY(!db.find(u"b"_s));
    QCOMPARE(db.size(), 0);
    // After removal any sequence is accepted again (the router restarted from 0).
    QCOMPARE(db.apply(update(u"b"_s, 0), 0), LinkStateDatabase::ApplyResult::Newer);
}

// all() lists local and flooded updates together, sorted by router id.
void tst_LinkStateDatabase::allIsSortedByRouter()
{
    LinkStateDatabase db;
    db.apply(update(u"r3"_s, 1), 0);
    db.setLocal(update(u"r2"_s, 1));
    db.apply(update(u"r10"_s, 1), 0);
    db.apply(update(u"r1"_s, 1), 0);
    QCOMPARE(routersOf(db.all()), (QStringList{u"r1"_s, u"r10"_s, u"r2"_s, u"r3"_s}));
}

QTEST_APPLESS_MAIN(tst_LinkStateDatabase)
#include "tst_linkstatedatabase.moc"
