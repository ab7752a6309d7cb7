#include "console/panels/addressesmodel.h"
#include "console/panels/linksmodel.h"
#include "console/panels/nodeinspector.h"
#include "console/panels/overviewmodel.h"
#include "console/panels/roledatamodel.h"
#include "console/panels/routesmodel.h"
#include "telemetrysamples.h"

#include <QAbstractItemView>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_NodeInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsNode();
    void tabsFollowNodeKind();
    void updateKeepsSelection();
    void chartRequestFromRow_data();
    void chartRequestFromRow();
    void chartButtonFollowsSelection();
    void clearShowsPlaceholder();
    void updateWithoutNodeIsIgnored();

private:
    static QTableView *tableOf(NodeInspector &inspector, const QString &title);
    static QModelIndex viewIndexOfKey(QTableView *view, const QString &key);
};

QTableView *tst_NodeInspector::tableOf(NodeInspector &inspector, const QString &title)
{
    QTabWidget *tabs = inspector.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == title) {
            tabs->setCurrentIndex(i);
            return qobject_cast<QTableView *>(tabs->widget(i));
        }
    }
    return nullptr;
}

QModelIndex tst_NodeInspector::viewIndexOfKey(QTableView *view, const QString &key)
{
    QAbstractItemModel *model = view->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        if (index.data(KeyedTableModel::KeyRole).toString() == key)
            return index;
    }
    return {};
}

// Showing a node fills every table from its snapshot.
void tst_NodeInspector::showsNode()
{
    NodeInspector inspector;
    inspector.showNode(u"store-32"_s, u"store"_s, TelemetrySamples::store());
    QCOMPARE(inspector.currentNode(), u"store-32"_s);
    QVERIFY(inspector.overviewModel()->rowOfKey(u"counters.handled"_s) >= 0);
    QCOMPARE(inspector.addressesModel()->rowCount(), 2);
    QCOMPARE(inspector.linksModel()->rowCount(), 1);
    const int cutlass = inspector.roleDataModel()->rowOfKey(u"inventory.cutlass"_s);
    QVERIFY(cutlass >= 0);
    QCOMPARE(inspector.roleDataModel()->index(cutlass, 1).data().toString(), u"4"_s);
}

// Entities show their data, routers their routes; routers hide subscription columns.
void tst_NodeInspector::tabsFollowNodeKind()
{
    NodeInspector inspector;
    QTabWidget *tabs = inspector.tabs();
    auto visible = [tabs](const QString &title) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i) == title)
                return tabs->isTabVisible(i);
        }
        return false;
    };
    inspector.showNode(u"store-32"_s, u"store"_s, TelemetrySamples::store());
    QVERIFY(visible(u"Data"_s));
    QVERIFY(!visible(u"Routes"_s));
    QTableView *addresses = tableOf(inspector, u"Addresses"_s);
    QVERIFY(!addresses->isColumnHidden(AddressesModel::GroupColumn));

    tabs->setCurrentIndex(3);   // Data
    inspector.showNode(u"r1"_s, u"interior"_s, TelemetrySamples::router());
    QVERIFY(!visible(u"Data"_s));
    QVERIFY(visible(u"Routes"_s));
    QVERIFY(tabs->isTabVisible(tabs->currentIndex()));
    QVERIFY(addresses->isColumnHidden(AddressesModel::GroupColumn));
    QCOMPARE(inspector.routesModel()->rowCount(), 3);
}

// Ten updates a second must not lose the user's place: no reset, the selected row stays
// selected, and the value under it changes.
void tst_NodeInspector::updateKeepsSelection()
{
    NodeInspector inspector;
    inspector.resize(600, 400);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.showNode(u"r1"_s, u"interior"_s, TelemetrySamples::router());
    QTableView *links = tableOf(inspector, u"Links"_s);
    const QModelIndex r2 = viewIndexOfKey(links, u"r2"_s);
    QVERIFY(r2.isValid());
    links->setCurrentIndex(r2);
    links->selectionModel()->select(r2, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    QSignalSpy reset(inspector.linksModel(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(inspector.linksModel(), &QAbstractItemModel::dataChanged);
    QJsonObject next = TelemetrySamples::router();
    QJsonObject linksObject = next.value("links"_L1).toObject();
    QJsonObject r2Object = linksObject.value("r2"_L1).toObject();
    r2Object.insert(u"rateIn"_s, 777);
    linksObject.insert(u"r2"_s, r2Object);
    // A new neighbour appears too: inserted without disturbing the selection.
    linksObject.insert(u"r0"_s, QJsonObject{{u"state"_s, u"up"_s}, {u"cost"_s, 2}});
    next.insert(u"links"_s, linksObject);
    inspector.updateTelemetry(next);

    QCOMPARE(reset.size(), 0);
    QVERIFY(!changed.isEmpty());
    const QModelIndexList selected = links->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(KeyedTableModel::KeyRole).toString(), u"r2"_s);
    QCOMPARE(links->currentIndex().data(KeyedTableModel::KeyRole).toString(), u"r2"_s);
    const QModelIndex rate = selected.first().siblingAtColumn(LinksModel::RateInColumn);
    QCOMPARE(rate.data().toString(), u"777"_s);
}

void tst_NodeInspector::chartRequestFromRow_data()
{
    QTest::addColumn<QJsonObject>("telemetry");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("metric");
    QTest::newRow("router queue") << TelemetrySamples::router() << u"r1"_s << u"Addresses"_s << u"/store/32"_s
                                  << u"queues./store/32"_s;
    QTest::newRow("link rate") << TelemetrySamples::router() << u"r1"_s << u"Links"_s << u"r2"_s << u"links.r2.rate"_s;
    QTest::newRow("factory backlog") << TelemetrySamples::factory() << u"factory-1"_s << u"Data"_s << u"backlog"_s
                                     << u"data.backlog"_s;
    QTest::newRow("counter") << TelemetrySamples::store() << u"store-32"_s << u"Overview"_s << u"counters.handled"_s
                             << u"counters.handled"_s;
}

// Double-clicking a row with a number asks the charts for that node's series.
void tst_NodeInspector::chartRequestFromRow()
{
    QFETCH(QJsonObject, telemetry);
    QFETCH(QString, node);
    QFETCH(QString, tab);
    QFETCH(QString, key);
    QFETCH(QString, metric);
    NodeInspector inspector;
    inspector.resize(700, 500);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.showNode(node, telemetry.value("role"_L1).toString(), telemetry);
    QTableView *view = tableOf(inspector, tab);
    QVERIFY(view);
    const QModelIndex index = viewIndexOfKey(view, key);
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QSignalSpy requested(&inspector, &NodeInspector::chartRequested);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), node);
    QCOMPARE(requested.first().at(1).toString(), metric);
}

// The Chart button is enabled only on a chartable row and asks for that row's series.
void tst_NodeInspector::chartButtonFollowsSelection()
{
    NodeInspector inspector;
    inspector.showNode(u"r1"_s, u"interior"_s, TelemetrySamples::router());
    auto *button = inspector.findChild<QToolButton *>(u"chartButton"_s);
    QVERIFY(button);
    QTableView *overview = tableOf(inspector, u"Overview"_s);
    overview->setCurrentIndex(viewIndexOfKey(overview, u"version"_s));
    QVERIFY(!button->isEnabled());
    overview->setCurrentIndex(viewIndexOfKey(overview, u"counters.acked"_s));
    QVERIFY(button->isEnabled());
    QSignalSpy requested(&inspector, &NodeInspector::chartRequested);
    button->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(1).toString(), u"counters.acked"_s);
}

// Clearing forgets the node and empties the tables.
void tst_NodeInspector::clearShowsPlaceholder()
{
    NodeInspector inspector;
    inspector.showNode(u"r1"_s, u"interior"_s, TelemetrySamples::router());
    inspector.clear();
    QCOMPARE(inspector.currentNode(), QString());
    QCOMPARE(inspector.overviewModel()->rowCount(), 0);
    QCOMPARE(inspector.linksModel()->rowCount(), 0);
    QCOMPARE(inspector.routesModel()->rowCount(), 0);
}

// A snapshot arriving when no node is shown does not bring one back.
void tst_NodeInspector::updateWithoutNodeIsIgnored()
{
    NodeInspector inspector;
    inspector.updateTelemetry(TelemetrySamples::router());
    QCOMPARE(inspector.linksModel()->rowCount(), 0);
    QCOMPARE(inspector.currentNode(), QString());
}

QTEST_MAIN(tst_NodeInspector)
#include "tst_nodeinspector.moc"
