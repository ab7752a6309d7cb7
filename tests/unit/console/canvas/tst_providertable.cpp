#include "console/canvas/providertable.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

class tst_ProviderTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsScenarioOrderColourAndCost();
    void unknownProvidersUseTheFallback();
    void automaticColoursStandApart();
    void downFlag();
};

// Providers keep the scenario's order, colours and default costs; setting one again updates it in place.
void tst_ProviderTable::keepsScenarioOrderColourAndCost()
{
    ProviderTable table;
    table.set(u"cheapnet"_s, QColor(0x2e, 0x86, 0xde), 1);
    table.set(u"premium"_s, QColor(0xe6, 0x7e, 0x22), 4);
    QCOMPARE(table.entries().size(), 2);
    QCOMPARE(table.entries().at(0).name, u"cheapnet"_s);
    QCOMPARE(table.color(u"premium"_s, Qt::black), QColor(0xe6, 0x7e, 0x22));
    QCOMPARE(table.cost(u"premium"_s, 1), 4);

    table.set(u"cheapnet"_s, QColor(), 2);   // no colour given: keeps its own
    QCOMPARE(table.entries().size(), 2);
    QCOMPARE(table.color(u"cheapnet"_s, Qt::black), QColor(0x2e, 0x86, 0xde));
    QCOMPARE(table.cost(u"cheapnet"_s, 1), 2);
}

// A provider nobody declared is drawn in the fallback colour and costs the fallback.
void tst_ProviderTable::unknownProvidersUseTheFallback()
{
    ProviderTable table;
    QCOMPARE(table.color(u"x"_s, Qt::gray), QColor(Qt::gray));
    QCOMPARE(table.cost(u"x"_s, 7), 7);
    QVERIFY(!table.isDown(u"x"_s));
    table.ensure(QString());
    QVERIFY(table.entries().isEmpty());
}

// Colours picked for undeclared providers differ in hue from those already in use and from each other.
void tst_ProviderTable::automaticColoursStandApart()
{
    ProviderTable table;
    table.set(u"declared"_s, ProviderTable::automaticColor(0), 1);
    for (int i = 0; i < 5; ++i)
        table.ensure(u"p%1"_s.arg(i));
    table.ensure(u"p0"_s);   // known: not added twice
    QCOMPARE(table.entries().size(), 6);
    for (qsizetype i = 0; i < table.entries().size(); ++i) {
        for (qsizetype j = i + 1; j < table.entries().size(); ++j) {
            const int distance = qAbs(table.entries().at(i).color.hsvHue() - table.entries().at(j).color.hsvHue());
            QVERIFY2(qMin(distance, 360 - distance) >= 24, qPrintable(u"%1 vs %2"_s.arg(i).arg(j)));
        }
    }
}

// A provider can be marked down and up again; unknown providers cannot.
void tst_ProviderTable::downFlag()
{
    ProviderTable table;
    table.set(u"cheapnet"_s, Qt::blue, 1);
    QVERIFY(table.setDown(u"cheapnet"_s, true));
    QVERIFY(!table.setDown(u"cheapnet"_s, true));
    QVERIFY(table.isDown(u"cheapnet"_s));
    QVERIFY(table.setDown(u"cheapnet"_s, false));
    QVERIFY(!table.setDown(u"nobody"_s, true));
}

QTEST_MAIN(tst_ProviderTable)
#include "tst_providertable.moc"
