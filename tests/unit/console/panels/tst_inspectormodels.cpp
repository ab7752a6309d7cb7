#include "console/panels/addressesmodel.h"
#include "console/panels/linksmodel.h"
#include "console/panels/overviewmodel.h"
#include "console/panels/roledatamodel.h"
#include "console/panels/routesmodel.h"
#include "telemetrysamples.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

// The row with this key, as "cell|cell|…", or "" when there is none.
QString rowText(const KeyedTableModel &model, const QString &key)
{
    const int row = model.rowOfKey(key);
    if (row < 0)
        return {};
    QStringList cells;
    for (int c = 0; c < model.columnCount(); ++c)
        cells.append(model.index(row, c).data().toString());
    return cells.join(u'|');
}

QString metricOf(const KeyedTableModel &model, const QString &key)
{
    return model.metricAt(model.rowOfKey(key));
}

std::unique_ptr<TelemetryTableModel> makeModel(const QString &name)
{
    if (name == "overview"_L1)
        return std::make_unique<OverviewModel>();
    if (name == "addresses"_L1)
        return std::make_unique<AddressesModel>();
    if (name == "links"_L1)
        return std::make_unique<LinksModel>();
    if (name == "data"_L1)
        return std::make_unique<RoleDataModel>();
    return std::make_unique<RoutesModel>();
}

} // namespace

class tst_InspectorModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void rows_data();
    void rows();
    void metrics_data();
    void metrics();
    void updatesInPlace_data();
    void updatesInPlace();
    void overviewBeforeTelemetry();
    void routerVersusEntity();
    void fieldLabels();
};

void tst_InspectorModels::rows_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("telemetry");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");

    const QJsonObject router = TelemetrySamples::router();
    const QJsonObject store = TelemetrySamples::store();
    const QJsonObject factory = TelemetrySamples::factory();
    QTest::newRow("overview role") << u"overview"_s << store << u"role"_s << u"Role|store"_s;
    QTest::newRow("overview state") << u"overview"_s << router << u"state"_s << u"State|up"_s;
    QTest::newRow("overview uptime") << u"overview"_s << router << u"uptimeMs"_s << u"Uptime|1 min 21 s"_s;
    QTest::newRow("overview attached to") << u"overview"_s << store << u"router"_s << u"Attached to|r1"_s;
    QTest::newRow("overview router links") << u"overview"_s << router << u"links"_s << u"Router links|1 of 2 up"_s;
    QTest::newRow("overview ingress") << u"overview"_s << router << u"httpPort"_s
                                      << u"HTTP ingress|http://127.0.0.1:8080/"_s;
    QTest::newRow("overview queue total") << u"overview"_s << router << u"queueDepth"_s
                                          << u"Queue depth (all addresses)|5"_s;
    QTest::newRow("overview counter") << u"overview"_s << router << u"counters.noConsumer"_s << u"No consumer|1"_s;
    QTest::newRow("router queue") << u"addresses"_s << router << u"/store/32"_s << u"/store/32|3|||"_s;
    QTest::newRow("subscription with queue") << u"addresses"_s << store << u"/store/32"_s
                                             << u"/store/32|1|yes||unbounded"_s;
    QTest::newRow("subscription in a group") << u"addresses"_s << store << u"/all-stores"_s
                                             << u"/all-stores||yes|shops|5"_s;
    QTest::newRow("router link up") << u"links"_s << router << u"r2"_s
                                    << u"r2|up|interior|1|aws|0 ms|310|305|10,234|10,101"_s;
    QTest::newRow("router link cut") << u"links"_s << router << u"r3"_s << u"r3|cut||4|premium|20 ms||||"_s;
    QTest::newRow("attached entity") << u"links"_s << router << u"store-32"_s << u"store-32|attached|entity||||||120|118"_s;
    QTest::newRow("entity attachment") << u"links"_s << store << u"r1"_s << u"r1|up|interior||||||118|120"_s;
    QTest::newRow("inventory item") << u"data"_s << store << u"inventory.cutlass"_s << u"Inventory › cutlass|4"_s;
    QTest::newRow("position") << u"data"_s << store << u"position"_s << u"Position|420, 300"_s;
    QTest::newRow("backlog") << u"data"_s << factory << u"backlog"_s << u"Backlog|2"_s;
    QTest::newRow("building") << u"data"_s << factory << u"building"_s << u"Building|T-9"_s;
    QTest::newRow("route") << u"routes"_s << router << u"r4"_s << u"r4|r2|3"_s;
    QTest::newRow("unreachable route") << u"routes"_s << router << u"r3"_s << u"r3||unreachable"_s;
}

// Each table turns its part of a snapshot into readable rows.
void tst_InspectorModels::rows()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, telemetry);
    QFETCH(QString, key);
    QFETCH(QString, text);
    auto m = makeModel(model);
    QAbstractItemModelTester tester(m.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m->setTelemetry(telemetry);
    QCOMPARE(rowText(*m, key), text);
}

void tst_InspectorModels::metrics_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("telemetry");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("metric");
    const QJsonObject router = TelemetrySamples::router();
    const QJsonObject store = TelemetrySamples::store();
    const QJsonObject factory = TelemetrySamples::factory();
    QTest::newRow("queue") << u"addresses"_s << router << u"/store/32"_s << u"queues./store/32"_s;
    QTest::newRow("subscription without queue") << u"addresses"_s << store << u"/all-stores"_s << QString();
    QTest::newRow("link rate") << u"links"_s << router << u"r2"_s << u"links.r2.rate"_s;
    QTest::newRow("entity link rate") << u"links"_s << router << u"store-32"_s << u"links.store-32.rate"_s;
    QTest::newRow("backlog") << u"data"_s << factory << u"backlog"_s << u"data.backlog"_s;
    QTest::newRow("inventory") << u"data"_s << store << u"inventory.cutlass"_s << u"data.inventory.cutlass"_s;
    QTest::newRow("text field has none") << u"data"_s << factory << u"building"_s << QString();
    QTest::newRow("counter") << u"overview"_s << router << u"counters.forwarded"_s << u"counters.forwarded"_s;
    QTest::newRow("queue total") << u"overview"_s << router << u"queueDepth"_s << u"queueDepth"_s;
    QTest::newRow("version has none") << u"overview"_s << router << u"version"_s << QString();
    QTest::newRow("routes have none") << u"routes"_s << router << u"r2"_s << QString();
}

// Rows that stand for a number name the chart series for it; others name none.
void tst_InspectorModels::metrics()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, telemetry);
    QFETCH(QString, key);
    QFETCH(QString, metric);
    auto m = makeModel(model);
    m->setTelemetry(telemetry);
    QVERIFY2(m->rowOfKey(key) >= 0, qPrintable(key));
    QCOMPARE(metricOf(*m, key), metric);
}

void tst_InspectorModels::updatesInPlace_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("telemetry");
    QTest::addColumn<QString>("path");       // object path to change, "a/b"
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("counter") << u"overview"_s << TelemetrySamples::router() << u"counters/forwarded"_s << QJsonValue(99)
                             << u"counters.forwarded"_s << 1 << u"99"_s;
    QTest::newRow("queue depth") << u"addresses"_s << TelemetrySamples::router() << u"queues//store/32"_s << QJsonValue(7)
                                 << u"/store/32"_s << 1 << u"7"_s;
    QTest::newRow("link rate") << u"links"_s << TelemetrySamples::router() << u"links/r2/rateIn"_s << QJsonValue(999)
                               << u"r2"_s << int(LinksModel::RateInColumn) << u"999"_s;
    QTest::newRow("inventory") << u"data"_s << TelemetrySamples::store() << u"data/inventory/cutlass"_s << QJsonValue(3)
                               << u"inventory.cutlass"_s << 1 << u"3"_s;
    QTest::newRow("route cost") << u"routes"_s << TelemetrySamples::router() << u"routes/r4/cost"_s << QJsonValue(8)
                                << u"r4"_s << 2 << u"8"_s;
}

// A new snapshot of the same node changes cells in place: dataChanged on the changed
// row only, no reset, no rows moved in or out.
void tst_InspectorModels::updatesInPlace()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, telemetry);
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, key);
    QFETCH(int, column);
    QFETCH(QString, text);
    auto m = makeModel(model);
    QAbstractItemModelTester tester(m.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m->setTelemetry(telemetry);
    const int rows = m->rowCount();
    const int row = m->rowOfKey(key);
    QVERIFY(row >= 0);

    // Set the value at the path ("queues//store/32": the key after the first slash).
    const QString top = path.section(u'/', 0, 0);
    const QString rest = path.section(u'/', 1);
    QJsonObject next = telemetry;
    if (top == "queues"_L1) {
        QJsonObject q = next.value(top).toObject();
        q.insert(rest, value);
        next.insert(top, q);
    } else {
        const QStringList keys = path.split(u'/');
        std::function<QJsonObject(QJsonObject, int)> set = [&](QJsonObject o, int depth) {
            if (depth == keys.size() - 1)
                o.insert(keys.at(depth), value);
            else
                o.insert(keys.at(depth), set(o.value(keys.at(depth)).toObject(), depth + 1));
            return o;
        };
        next = set(next, 0);
    }

    QSignalSpy reset(m.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m.get(), &QAbstractItemModel::dataChanged);
    m->setTelemetry(next);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(m->rowCount(), rows);
    QVERIFY(!changed.isEmpty());
    bool sawRow = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex from = args.at(0).value<QModelIndex>();
        const QModelIndex to = args.at(1).value<QModelIndex>();
        QCOMPARE(from.row(), to.row());   // one row per signal
        sawRow = sawRow || (from.row() == row && from.column() <= column && to.column() >= column);
    }
    QVERIFY(sawRow);
    QCOMPARE(m->index(row, column).data().toString(), text);
}

// Before any snapshot the overview still says which node it is and that it waits.
void tst_InspectorModels::overviewBeforeTelemetry()
{
    OverviewModel model;
    model.setIdentity(u"store-9"_s, u"store"_s);
    model.setTelemetry({});
    QCOMPARE(rowText(model, u"node"_s), u"Node|store-9"_s);
    QCOMPARE(rowText(model, u"role"_s), u"Role|store"_s);
    QCOMPARE(rowText(model, u"state"_s), u"State|no telemetry yet"_s);
    QCOMPARE(model.rowOfKey(u"uptimeMs"_s), -1);
}

// Router and entity snapshots are told apart by kind, or by the role given before telemetry.
void tst_InspectorModels::routerVersusEntity()
{
    QVERIFY(TelemetryTableModel::isRouter(TelemetrySamples::router()));
    QVERIFY(!TelemetryTableModel::isRouter(TelemetrySamples::store()));
    QVERIFY(TelemetryTableModel::isRouter({}, u"edge"_s));
    QVERIFY(!TelemetryTableModel::isRouter({}, u"truck"_s));

    OverviewModel model;
    model.setTelemetry(TelemetrySamples::store());
    QCOMPARE(model.rowOfKey(u"links"_s), -1);      // "Router links" is for routers
    QVERIFY(model.rowOfKey(u"router"_s) >= 0);
}

// The role's field names are humanized, the data names below them kept as they are.
void tst_InspectorModels::fieldLabels()
{
    QCOMPARE(RoleDataModel::fieldLabel({u"inventory"_s, u"cutlass"_s}), u"Inventory › cutlass"_s);
    QCOMPARE(RoleDataModel::fieldLabel({u"awaitingTruck"_s}), u"Awaiting truck"_s);
}

QTEST_MAIN(tst_InspectorModels)
#include "tst_inspectormodels.moc"
