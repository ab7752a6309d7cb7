#include "node/roles/factoryedge/addressscheme.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FactoryEdge::AddressScheme;

// The edge factory demo's address scheme: which paths fall under which address.
class TstFactoryEdgeAddresses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void under_data();
    void under();
    void sites_data();
    void sites();
    void addresses();
};

void TstFactoryEdgeAddresses::under_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("under");
    QTest::addColumn<QString>("below");
    QTest::newRow("itself") << u"/factory/1"_s << u"/factory/1"_s << true << QString();
    QTest::newRow("one below") << u"/factory/1/status"_s << u"/factory/1"_s << true << u"status"_s;
    QTest::newRow("two below") << u"/devices/f3/shutdown/now"_s << u"/devices/f3"_s << true << u"shutdown/now"_s;
    QTest::newRow("trailing slash") << u"/factory/1/done/"_s << u"/factory/1"_s << true << u"done"_s;
    QTest::newRow("a longer number is another factory") << u"/factory/10"_s << u"/factory/1"_s << false << QString();
    QTest::newRow("a longer site is another site") << u"/jobs/f12"_s << u"/jobs/f1"_s << false << QString();
    QTest::newRow("elsewhere") << u"/warehouse/1"_s << u"/factory/1"_s << false << QString();
}

// A path is under a base when it is the base or continues it after a '/'.
void TstFactoryEdgeAddresses::under()
{
    QFETCH(QString, path);
    QFETCH(QString, base);
    QFETCH(bool, under);
    QFETCH(QString, below);
    QCOMPARE(AddressScheme::isUnder(path, base), under);
    QCOMPARE(AddressScheme::below(path, base), below);
}

void TstFactoryEdgeAddresses::sites_data()
{
    QTest::addColumn<QString>("site");
    QTest::addColumn<bool>("valid");
    QTest::newRow("factory") << u"f1"_s << true;
    QTest::newRow("with dash and underscore") << u"hall-2_b"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("slash") << u"f/1"_s << false;
    QTest::newRow("space") << u"f 1"_s << false;
    QTest::newRow("non-ASCII") << u"f\u00e91"_s << false;
}

// A site is one path segment of ASCII letters, digits, '-' and '_'.
void TstFactoryEdgeAddresses::sites()
{
    QFETCH(QString, site);
    QFETCH(bool, valid);
    QCOMPARE(AddressScheme::isValidSite(site), valid);
}

// The addresses the roles and the scenario agree on.
void TstFactoryEdgeAddresses::addresses()
{
    QCOMPARE(AddressScheme::workOrders(), u"/factories/work-orders"_s);
    QCOMPARE(AddressScheme::factory(2), u"/factory/2"_s);
    QCOMPARE(AddressScheme::materialRequests(), u"/warehouses/materials"_s);
    QCOMPARE(AddressScheme::warehouse(1), u"/warehouse/1"_s);
    QCOMPARE(AddressScheme::jobs(u"f3"_s), u"/jobs/f3"_s);
    QCOMPARE(AddressScheme::devices(u"f3"_s), u"/devices/f3"_s);
    QCOMPARE(AddressScheme::device(u"w1"_s, 4), u"/device/w1/4"_s);
    QCOMPARE(AddressScheme::topic(u"quality"_s), u"/topics/quality"_s);
    QCOMPARE(AddressScheme::orderDesks(), u"/order-desks"_s);
    QCOMPARE(AddressScheme::orderDesk(u"mgmt-orders"_s), u"/order-desk/mgmt-orders"_s);
}

QTEST_APPLESS_MAIN(TstFactoryEdgeAddresses)
#include "tst_factoryedgeaddresses.moc"
