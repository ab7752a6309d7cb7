#include "routing/distribution.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Routing;

Q_DECLARE_METATYPE(Portolan::Routing::Mode)

class tst_DistributionTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modeNames_data();
    void modeNames();
    void modeFromUnknownName_data();
    void modeFromUnknownName();
    void lookupLongestPrefix_data();
    void lookupLongestPrefix();
    void addReplacesSamePrefix();
    void rootEntryOverridesDefault();
};

// Every mode has a scenario-file name that reads back to the same mode, in any case.
void tst_DistributionTable::modeNames_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("name");

    QTest::newRow("closest") << Mode::Closest << u"closest"_s;
    QTest::newRow("balanced") << Mode::Balanced << u"balanced"_s;
    QTest::newRow("multicast") << Mode::Multicast << u"multicast"_s;
    QTest::newRow("keyed") << Mode::Keyed << u"keyed"_s;
}

void tst_DistributionTable::modeNames()
{
    QFETCH(Mode, mode);
    QFETCH(QString, name);

    QCOMPARE(modeName(mode), name);
    QCOMPARE(modeFromName(name), std::optional<Mode>(mode));
    QCOMPARE(modeFromName(name.toUpper()), std::optional<Mode>(mode));
    QCOMPARE(modeFromName(QString(u" "_s + name + u"\t"_s)), std::optional<Mode>(mode));
}

// Names that are no mode give no mode, rather than a silent default.
void tst_DistributionTable::modeFromUnknownName_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << u"anycast"_s;
    QTest::newRow("prefix of a name") << u"multi"_s;
    QTest::newRow("name with suffix") << u"closest-first"_s;
}

void tst_DistributionTable::modeFromUnknownName()
{
    QFETCH(QString, name);
    QVERIFY(!modeFromName(name).has_value());
}

// The longest prefix on a segment boundary decides; nothing matching means closest, acked.
void tst_DistributionTable::lookupLongestPrefix_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<bool>("acked");

    QTest::newRow("balanced work orders") << u"/factories/orders"_s << u"/factories"_s << Mode::Balanced << true;
    QTest::newRow("exact prefix") << u"/factories"_s << u"/factories"_s << Mode::Balanced << true;
    QTest::newRow("not mid-segment") << u"/factoriesx"_s << u"/"_s << Mode::Closest << true;
    QTest::newRow("multicast with trailing slash") << u"/all-stores/inventory"_s << u"/all-stores/"_s << Mode::Multicast << true;
    QTest::newRow("fire-and-forget positions") << u"/positions/truck-3"_s << u"/positions"_s << Mode::Multicast << false;
    QTest::newRow("longer prefix wins") << u"/orders/plaice/17"_s << u"/orders/plaice"_s << Mode::Keyed << true;
    QTest::newRow("shorter prefix for siblings") << u"/orders/cod"_s << u"/orders"_s << Mode::Balanced << true;
    QTest::newRow("unmatched defaults to closest") << u"/store/32"_s << u"/"_s << Mode::Closest << true;
}

void tst_DistributionTable::lookupLongestPrefix()
{
    QFETCH(QString, address);
    QFETCH(QString, prefix);
    QFETCH(Mode, mode);
    QFETCH(bool, acked);

    DistributionTable table;
    table.add({u"/orders/plaice"_s, Mode::Keyed, true});
    table.add({u"/factories"_s, Mode::Balanced, true});
    table.add({u"/all-stores/"_s, Mode::Multicast, true});
    table.add({u"/positions"_s, Mode::Multicast, false});
    table.add({u"/orders"_s, Mode::Balanced, true});

    const Distribution d = table.lookup(address);
    QCOMPARE(d.prefix, prefix);
    QCOMPARE(d.mode, mode);
    QCOMPARE(d.acked, acked);
}

// Adding a prefix again (with or without a trailing '/') replaces the first entry.
void tst_DistributionTable::addReplacesSamePrefix()
{
    DistributionTable table;
    table.add({u"/factories"_s, Mode::Balanced, true});
    table.add({u"/stores"_s, Mode::Closest, true});
    table.add({u"/factories"_s, Mode::Keyed, true});
    QCOMPARE(table.entries().size(), 2);
    QCOMPARE(table.lookup(u"/factories/a").mode, Mode::Keyed);

    table.add({u"/factories/"_s, Mode::Multicast, false});
    QCOMPARE(table.entries().size(), 2);
    QCOMPARE(table.entries().constFirst(), (Distribution{u"/factories/"_s, Mode::Multicast, false}));
    QCOMPARE(table.lookup(u"/factories/a").mode, Mode::Multicast);
}

// An explicit "/" entry replaces the built-in default for unmatched addresses.
void tst_DistributionTable::rootEntryOverridesDefault()
{
    DistributionTable table;
    QCOMPARE(table.lookup(u"/x"), Distribution{});
    QCOMPARE(Distribution{}.prefix, u"/"_s);
    QCOMPARE(Distribution{}.mode, Mode::Closest);
    QVERIFY(Distribution{}.acked);

    table.add({u"/"_s, Mode::Balanced, false});
    table.add({u"/x/y"_s, Mode::Keyed, true});
    QCOMPARE(table.lookup(u"/x"), (Distribution{u"/"_s, Mode::Balanced, false}));
    QCOMPARE(table.lookup(u"/x/y/z").mode, Mode::Keyed);
}

QTEST_APPLESS_MAIN(tst_DistributionTable)
#include "tst_distributiontable.moc"
