#include "node/runtime/addresscounters.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::AddressCounters;
using Kind = AddressCounters::Kind;

// A router's per-address message counters: grouping, bounds and the telemetry shape.
class tst_AddressCounters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Addresses are grouped by their first two path segments, like the queue depths.
    void groupsByTwoSegments_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("group");
        QTest::newRow("two segments") << u"/store/7"_s << u"/store/7"_s;
        QTest::newRow("deeper") << u"/store/7/find"_s << u"/store/7"_s;
        QTest::newRow("one segment") << u"/all-stores"_s << u"/all-stores"_s;
        QTest::newRow("trailing slash") << u"/store/7/"_s << u"/store/7"_s;
        QTest::newRow("root") << u"/"_s << u"/"_s;
    }
    void groupsByTwoSegments()
    {
        QFETCH(QString, address);
        QFETCH(QString, group);
        QCOMPARE(AddressCounters::groupOf(address), group);
        AddressCounters counters;
        counters.add(address, Kind::Received);
        QCOMPARE(counters.value(group, Kind::Received), quint64(1));
    }

    // Each kind counts on its own, and the same group's addresses add up.
    void countsEachKind()
    {
        AddressCounters counters;
        counters.add(u"/store/7/find"_s, Kind::Received);
        counters.add(u"/store/7/hold"_s, Kind::Received);
        counters.add(u"/store/7/find"_s, Kind::Forwarded, 3);
        counters.add(u"/factory/1"_s, Kind::Dropped);
        QCOMPARE(counters.value(u"/store/7"_s, Kind::Received), quint64(2));
        QCOMPARE(counters.value(u"/store/7"_s, Kind::Forwarded), quint64(3));
        QCOMPARE(counters.value(u"/store/7"_s, Kind::Acked), quint64(0));
        QCOMPARE(counters.value(u"/factory/1"_s, Kind::Dropped), quint64(1));
        QCOMPARE(counters.value(u"/nowhere"_s, Kind::Received), quint64(0));
        QCOMPARE(counters.groupCount(), 2);
    }

    // Past the bound on groups, new ones are counted under "other"; known ones go on.
    void boundsTheGroups()
    {
        AddressCounters counters(4);
        for (int i = 0; i < 10; ++i)
            counters.add(u"/thing/%1"_s.arg(i), Kind::Received);
        counters.add(u"/thing/0"_s, Kind::Received);
        QCOMPARE(counters.groupCount(), 4);
        QCOMPARE(counters.value(u"/thing/0"_s, Kind::Received), quint64(2));
        QCOMPARE(counters.value(u"/thing/2"_s, Kind::Received), quint64(1));
        QCOMPARE(counters.value(u"other"_s, Kind::Received), quint64(7));
        QCOMPARE(counters.value(u"/thing/5"_s, Kind::Received), quint64(0));
    }

    // Addresses read in place from frames (Latin-1 views) count in the same groups as
    // QStrings, also when runs of one address alternate with others and with the bound.
    void latin1AddressesShareTheGroups()
    {
        AddressCounters counters(3);
        const QByteArray a("/bench/in/x");
        const QByteArray b("/store/7");
        const QByteArray c("/late/1");
        counters.add(QLatin1StringView(a), Kind::Received);
        counters.add(QLatin1StringView(a), Kind::Forwarded);
        counters.add(u"/bench/in"_s, Kind::Received);
        counters.add(QLatin1StringView(b), Kind::Delivered, 3);
        counters.add(QLatin1StringView(a), Kind::Received);
        counters.add(u"/store/7/find"_s, Kind::Delivered);
        counters.add(QLatin1StringView(c), Kind::Dropped);   // beyond the bound: "other"
        counters.add(QLatin1StringView(c), Kind::Dropped);
        QCOMPARE(counters.value(u"/bench/in"_s, Kind::Received), quint64(3));
        QCOMPARE(counters.value(u"/bench/in"_s, Kind::Forwarded), quint64(1));
        QCOMPARE(counters.value(u"/store/7"_s, Kind::Delivered), quint64(4));
        QCOMPARE(counters.value(u"other"_s, Kind::Dropped), quint64(2));
        QCOMPARE(counters.groupCount(), 3);
    }

    // The telemetry names every kind for every group.
    void json()
    {
        AddressCounters counters;
        counters.add(u"/store/7"_s, Kind::Acked, 5);
        counters.add(u"/store/7"_s, Kind::NoConsumer);
        const QJsonObject json = counters.toJson();
        QCOMPARE(json.keys(), QStringList{u"/store/7"_s});
        const QJsonObject store = json.value("/store/7"_L1).toObject();
        QCOMPARE(store.size(), AddressCounters::KindCount);
        QCOMPARE(store.value("acked"_L1).toInt(), 5);
        QCOMPARE(store.value("noConsumer"_L1).toInt(), 1);
        QCOMPARE(store.value("received"_L1).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_AddressCounters)
#include "tst_addresscounters.moc"
