#include "routing/addresstable.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Routing;
using Portolan::Wire::AddressAdvert;
using Portolan::Wire::ConsumerAdvert;

namespace {

AddressAdvert advert(const QString &origin, quint64 sequence, const QList<ConsumerAdvert> &consumers)
{
    return AddressAdvert{origin, sequence, consumers};
}

ConsumerAdvert consumer(const QString &address, const QString &id, const QString &group = {},
                        qint32 outstanding = 0, qint32 capacity = 0)
{
    return ConsumerAdvert{address, group, id, outstanding, capacity};
}

// "id@router" for each match, in the order match() returns them.
QString describe(const QList<Consumer> &consumers)
{
    QStringList parts;
    for (const Consumer &c : consumers)
        parts.append(c.consumer + u'@' + c.router);
    return parts.join(u", "_s);
}

} // namespace

class tst_AddressTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefixMatching_data();
    void prefixMatching();
    void longestPrefixWins_data();
    void longestPrefixWins();
    void matchCarriesAdvertFields();
    void newerAdvertReplacesOrigin();
    void localAdvertNeverAgesNorYields();
    void expireAndRemove();
    void allSortedAndFind();
};

// A prefix matches an address only on whole path segments.
void tst_AddressTable::prefixMatching_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("matches");

    QTest::newRow("root matches anything") << u"/"_s << u"/positions/truck-4"_s << true;
    QTest::newRow("root matches root") << u"/"_s << u"/"_s << true;
    QTest::newRow("equal") << u"/store/3"_s << u"/store/3"_s << true;
    QTest::newRow("sub-path") << u"/store/3"_s << u"/store/3/hold"_s << true;
    QTest::newRow("deeper sub-path") << u"/store/3"_s << u"/store/3/hold/12"_s << true;
    QTest::newRow("not mid-segment") << u"/store/3"_s << u"/store/32"_s << false;
    QTest::newRow("not mid-segment, deeper") << u"/store"_s << u"/stores/3"_s << false;
    QTest::newRow("longer prefix than address") << u"/store/3"_s << u"/store"_s << false;
    QTest::newRow("different path") << u"/store/3"_s << u"/factory/3"_s << false;
    QTest::newRow("case sensitive") << u"/store/3"_s << u"/Store/3"_s << false;
    QTest::newRow("trailing slash on prefix, equal") << u"/all-stores/"_s << u"/all-stores"_s << true;
    QTest::newRow("trailing slash on prefix, sub-path") << u"/all-stores/"_s << u"/all-stores/inventory"_s << true;
    QTest::newRow("trailing slash on address") << u"/all-stores"_s << u"/all-stores/"_s << true;
    QTest::newRow("query string ends the path") << u"/store/3"_s << u"/store/3?item=cutlass"_s << true;
    QTest::newRow("query string mid-segment") << u"/store/3"_s << u"/store/32?item=cutlass"_s << false;
    QTest::newRow("unicode segment") << u"/häfen/ö"_s << u"/häfen/ö/1"_s << true;
}

void tst_AddressTable::prefixMatching()
{
    QFETCH(QString, prefix);
    QFETCH(QString, address);
    QFETCH(bool, matches);

    QCOMPARE(addressMatches(prefix, address), matches);
}

// Only the consumers of the longest matching subscription are returned, sorted by
// (router, consumer), each with its advert's origin as router.
void tst_AddressTable::longestPrefixWins_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");

    QTest::newRow("three subscribers of the exact prefix") << u"/store/3"_s << u"s3-local@r1, store-3@r2, store-3b@r3"_s;
    QTest::newRow("sub-path of /store/3") << u"/store/3/hold"_s << u"s3-local@r1, store-3@r2, store-3b@r3"_s;
    QTest::newRow("/store/32 is not /store/3") << u"/store/32"_s << u"store-32@r3"_s;
    QTest::newRow("falls back to /store") << u"/store/4"_s << u"index@r1, index-2@r2"_s;
    QTest::newRow("/store itself") << u"/store"_s << u"index@r1, index-2@r2"_s;
    QTest::newRow("only the root matches") << u"/positions"_s << u"catch-all@r2"_s;
}

void tst_AddressTable::longestPrefixWins()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);

    AddressTable table;
    table.apply(advert(u"r3"_s, 1, {consumer(u"/store/32"_s, u"store-32"_s),
                                    consumer(u"/store/3"_s, u"store-3b"_s)}), 0);
    table.apply(advert(u"r2"_s, 1, {consumer(u"/store/3"_s, u"store-3"_s),
                                    consumer(u"/"_s, u"catch-all"_s),
                                    consumer(u"/store"_s, u"index-2"_s)}), 0);
    table.setLocal(advert(u"r1"_s, 4, {consumer(u"/store/"_s, u"index"_s),
                                       consumer(u"/store/3/"_s, u"s3-local"_s)}));

    QCOMPARE(describe(table.match(address)), expected);
}

// A match reports the subscription, group, outstanding work and capacity it was
// advertised with.
void tst_AddressTable::matchCarriesAdvertFields()
{
    AddressTable table;
    table.apply(advert(u"r2"_s, 1, {consumer(u"/factories"_s, u"factory-1"_s, u"makers"_s, 3, 8)}), 0);
    const QList<Consumer> found = table.match(u"/factories/orders");
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst(),
             (Consumer{u"/factories"_s, u"makers"_s, u"factory-1"_s, u"r2"_s, 3, 8}));
    QVERIFY(table.match(u"/factory").isEmpty());

    AddressTable empty;
    QVERIFY(empty.match(u"/anything").isEmpty());
}

// A newer advert replaces all of its origin's consumers; an older one changes nothing.
void tst_AddressTable::newerAdvertReplacesOrigin()
{
    AddressTable table;
    QCOMPARE(table.apply(advert(u"r2"_s, 5, {consumer(u"/a"_s, u"x"_s), consumer(u"/a"_s, u"y"_s)}), 0),
             AddressTable::ApplyResult::Newer);
    QCOMPARE(describe(table.match(u"/a")), u"x@r2, y@r2"_s);
    const quint64 g = table.generation();

    QCOMPARE(table.apply(advert(u"r2"_s, 6, {consumer(u"/a"_s, u"z"_s)}), 0), AddressTable::ApplyResult::Newer);
    QCOMPARE(describe(table.match(u"/a")), u"z@r2"_s);
    QCOMPARE(table.generation(), g + 1);

    QCOMPARE(table.apply(advert(u"r2"_s, 5, {consumer(u"/a"_s, u"x"_s)}), 0), AddressTable::ApplyResult::Stale);
    QCOMPARE(table.apply(advert(u"r2"_s, 6, {consumer(u"/a"_s, u"x"_s)}), 0), AddressTable::ApplyResult::Stale);
    QCOMPARE(describe(table.match(u"/a")), u"z@r2"_s);
    QCOMPARE(table.generation(), g + 1);

    // An empty advert withdraws every consumer of that origin.
    QCOMPARE(table.apply(advert(u"r2"_s, 7, {}), 0), AddressTable::ApplyResult::Newer);
    QVERIFY(table.match(u"/a").isEmpty());
}

// The router's own consumers never age out and a flooded copy never overrides them.
void tst_AddressTable::localAdvertNeverAgesNorYields()
{
    AddressTable table;
    table.setLocal(advert(u"r1"_s, 2, {consumer(u"/a"_s, u"mine"_s)}));
    const quint64 g = table.generation();
    table.setLocal(advert(u"r1"_s, 2, {consumer(u"/a"_s, u"mine"_s)}));
    QCOMPARE(table.generation(), g);   // identical: nothing changed

    QCOMPARE(table.apply(advert(u"r1"_s, 99, {consumer(u"/a"_s, u"ghost"_s)}), 0),
             AddressTable::ApplyResult::Stale);
    QVERIFY(table.expire(10'000'000, 1000).isEmpty());
    QCOMPARE(describe(table.match(u"/a")), u"mine@r1"_s);

    table.setLocal(advert(u"r1"_s, 3, {}));
    QCOMPARE(table.generation(), g + 1);
    QVERIFY(table.match(u"/a").isEmpty());
}

// Flooded adverts age out after maxAgeMs without refresh (reported sorted); remove()
// drops an origin at once; both bump the generation only when something went.
void tst_AddressTable::expireAndRemove()
{
    AddressTable table;
    table.apply(advert(u"r3"_s, 1, {consumer(u"/a"_s, u"c"_s)}), 0);
    table.apply(advert(u"r2"_s, 1, {consumer(u"/a"_s, u"b"_s)}), 0);
    table.apply(advert(u"r4"_s, 1, {consumer(u"/a"_s, u"d"_s)}), 0);
    table.apply(advert(u"r4"_s, 2, {consumer(u"/a"_s, u"d"_s)}), 800);
    quint64 g = table.generation();

    QVERIFY(table.expire(1000, 1000).isEmpty());
    QCOMPARE(table.generation(), g);
    QCOMPARE(table.expire(1001, 1000), (QStringList{u"r2"_s, u"r3"_s}));
    QCOMPARE(table.generation(), ++g);
    QCOMPARE(describe(table.match(u"/a")), u"d@r4"_s);

    table.remove(u"r9"_s);
    QCOMPARE(table.generation(), g);
    table.remove(u"r4"_s);
    QCOMPARE(table.generation(), g + 1);
    QVERIFY(table.match(u"/a").isEmpty());
    QVERIFY(table.all().isEmpty());
}

// all() lists every origin's advert sorted by origin; find() returns it or null.
void tst_AddressTable::allSortedAndFind()
{
    AddressTable table;
    const AddressAdvert r2 = advert(u"r2"_s, 1, {consumer(u"/a"_s, u"b"_s, u"g"_s, 1, 2)});
    table.apply(advert(u"r3"_s, 1, {}), 0);
    table.apply(r2, 0);
    table.setLocal(advert(u"r1"_s, 1, {}));

    const QList<AddressAdvert> all = table.all();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).origin, u"r1"_s);
    QCOMPARE(all.at(1), r2);
    QCOMPARE(all.at(2).origin, u"r3"_s);
    QVERIFY(table.find(u"r2"_s));
    QCOMPARE(*table.find(u"r2"_s), r2);
    QVERIFY(!table.find(u"r9"_s));
}

QTEST_APPLESS_MAIN(tst_AddressTable)
#include "tst_addresstable.moc"
