#include "console/panels/chartspanel.h"
#include "console/panels/seriescatalogmodel.h"
#include "console/panels/seriesnaming.h"
#include "console/panels/timeseriesstore.h"
#include "telemetrysamples.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QValueAxis>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_ChartsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pointsArriveOnTheTimer();
    void seriesBeforeData();
    void addAndRemove();
    void pauseFreezes();
    void windowSetsAxisAndStore();
    void catalogTracksStore();
    void catalogToggleShowsSeries();
    void axesFollowData();
};

namespace {

// A router snapshot whose /store/32 queue has the given depth.
QJsonObject routerWithQueue(int depth)
{
    QJsonObject t = TelemetrySamples::router();
    QJsonObject queues = t.value("queues"_L1).toObject();
    queues.insert(u"/store/32"_s, depth);
    t.insert(u"queues"_s, queues);
    return t;
}

QLineSeries *lineSeries(ChartsPanel &panel, int i)
{
    return qobject_cast<QLineSeries *>(panel.chart()->series().value(i));
}

} // namespace

// Telemetry ingested into the store reaches a shown series at the next redraw tick,
// without anyone calling redraw.
void tst_ChartsPanel::pointsArriveOnTheTimer()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    panel.resize(800, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    store.ingestTelemetry(u"r1"_s, 0, routerWithQueue(1));
    panel.addSeries(u"r1"_s, u"queues./store/32"_s);
    QCOMPARE(panel.pointCount(u"r1"_s, u"queues./store/32"_s), 1);
    for (int i = 1; i <= 20; ++i)
        store.ingestTelemetry(u"r1"_s, i * 100, routerWithQueue(i % 5));
    QTRY_COMPARE_WITH_TIMEOUT(panel.pointCount(u"r1"_s, u"queues./store/32"_s), 21, 2000);
    QLineSeries *series = lineSeries(panel, 0);
    QVERIFY(series);
    // x in seconds of run time, y the queue depth.
    QCOMPARE(series->at(20), QPointF(2.0, 0.0));
    QCOMPARE(series->at(3), QPointF(0.3, 3.0));
}

// A series may be picked before its first sample; it fills when data comes.
void tst_ChartsPanel::seriesBeforeData()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    panel.addSeries(u"factory-1"_s, u"data.backlog"_s);
    QCOMPARE(panel.pointCount(u"factory-1"_s, u"data.backlog"_s), 0);
    store.ingestTelemetry(u"factory-1"_s, 500, TelemetrySamples::factory());
    panel.redraw();
    QCOMPARE(panel.pointCount(u"factory-1"_s, u"data.backlog"_s), 1);
    QVERIFY(panel.catalog()->isShown(u"factory-1"_s, u"data.backlog"_s));
    const QModelIndex item = panel.catalog()->indexOf(u"factory-1"_s, u"data.backlog"_s);
    QCOMPARE(item.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
}

// Series are added once, in order, and removed cleanly; unknown ones count -1.
void tst_ChartsPanel::addAndRemove()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    QSignalSpy changed(&panel, &ChartsPanel::shownSeriesChanged);
    panel.addSeries(u"r1"_s, u"queueDepth"_s);
    panel.addSeries({}, u"latency.p99"_s);
    panel.addSeries(u"r1"_s, u"queueDepth"_s);   // already shown
    QCOMPARE(panel.shownSeries(), (QStringList{SeriesNaming::key(u"r1"_s, u"queueDepth"_s),
                                               SeriesNaming::key({}, u"latency.p99"_s)}));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(panel.chart()->series().size(), 2);
    QVERIFY(lineSeries(panel, 0)->color() != lineSeries(panel, 1)->color());
    panel.removeSeries(u"r1"_s, u"queueDepth"_s);
    QCOMPARE(panel.shownSeries(), QStringList{SeriesNaming::key({}, u"latency.p99"_s)});
    QCOMPARE(panel.pointCount(u"r1"_s, u"queueDepth"_s), -1);
    QCOMPARE(panel.chart()->series().size(), 1);
    panel.clearSeries();
    QVERIFY(panel.shownSeries().isEmpty());
    QCOMPARE(panel.chart()->series().size(), 0);
}

// Paused, the chart keeps what it shows while the store keeps collecting; resuming catches up.
void tst_ChartsPanel::pauseFreezes()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    panel.resize(800, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.addSeries(u"r1"_s, u"queues./store/32"_s);
    store.ingestTelemetry(u"r1"_s, 0, routerWithQueue(1));
    QTRY_COMPARE_WITH_TIMEOUT(panel.pointCount(u"r1"_s, u"queues./store/32"_s), 1, 2000);
    QSignalSpy paused(&panel, &ChartsPanel::pausedChanged);
    panel.setPaused(true);
    QCOMPARE(paused.size(), 1);
    QVERIFY(panel.isPaused());
    store.ingestTelemetry(u"r1"_s, 100, routerWithQueue(2));
    store.ingestTelemetry(u"r1"_s, 200, routerWithQueue(3));
    // Three redraw ticks pass: nothing may change while paused.
    auto *timer = panel.findChild<QTimer *>(u"redrawTimer"_s);
    QVERIFY(timer);
    QSignalSpy ticks(timer, &QTimer::timeout);
    QSignalSpy replaced(lineSeries(panel, 0), &QXYSeries::pointsReplaced);
    QTRY_VERIFY_WITH_TIMEOUT(ticks.size() >= 3, 3000);
    QCOMPARE(replaced.size(), 0);
    QCOMPARE(panel.pointCount(u"r1"_s, u"queues./store/32"_s), 1);
    panel.setPaused(false);
    QCOMPARE(panel.pointCount(u"r1"_s, u"queues./store/32"_s), 3);
}

// The window sets the x axis span and the store's history (never below the default).
void tst_ChartsPanel::windowSetsAxisAndStore()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    QCOMPARE(panel.windowMs(), TimeSeriesStore::DefaultWindowMs);
    panel.addSeries(u"r1"_s, u"queueDepth"_s);
    for (int i = 0; i <= 400; ++i)
        store.ingestTelemetry(u"r1"_s, i * 1000, routerWithQueue(i % 7));
    panel.setWindowMs(60'000);
    QCOMPARE(panel.windowMs(), 60'000);
    QCOMPARE(store.windowMs(), TimeSeriesStore::DefaultWindowMs);
    auto *x = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    QCOMPARE(x->min(), 340.0);
    QCOMPARE(x->max(), 400.0);
    // 60 s of one sample a second, plus the entry point.
    QCOMPARE(panel.pointCount(u"r1"_s, u"queueDepth"_s), 62);
    panel.setWindowMs(600'000);
    QCOMPARE(store.windowMs(), 600'000);
    panel.setWindowMs(1);   // clamped
    QCOMPARE(panel.windowMs(), 10'000);
}

// The picker tree lists every node and its metrics as the store learns them, mesh first.
void tst_ChartsPanel::catalogTracksStore()
{
    TimeSeriesStore store;
    SeriesCatalogModel catalog(&store);
    QAbstractItemModelTester tester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.ingestTelemetry(u"store-32"_s, 0, TelemetrySamples::store());
    store.ingestTelemetry(u"r1"_s, 0, TelemetrySamples::router());
    store.ingestDelivery(0, 4);
    QCOMPARE(catalog.rowCount(), 3);
    QCOMPARE(catalog.index(0, 0).data(SeriesCatalogModel::NodeRole).toString(), QString());
    QCOMPARE(catalog.index(0, 0).data().toString(), u"Mesh"_s);
    QCOMPARE(catalog.index(1, 0).data().toString(), u"r1"_s);
    QCOMPARE(catalog.index(2, 0).data().toString(), u"store-32"_s);
    const QModelIndex r1 = catalog.index(1, 0);
    QCOMPARE(catalog.rowCount(r1), store.metrics(u"r1"_s).size());
    const QModelIndex queue = catalog.indexOf(u"r1"_s, u"queues./store/32"_s);
    QVERIFY(queue.isValid());
    QCOMPARE(queue.parent(), r1);
    QCOMPARE(queue.data().toString(), u"Queue /store/32"_s);
    QCOMPARE(queue.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(catalog.flags(queue) & Qt::ItemIsUserCheckable);
    QVERIFY(!(catalog.flags(r1) & Qt::ItemIsUserCheckable));

    // A node inserted before others keeps the tree consistent (the tester checks).
    store.ingestTelemetry(u"a-first"_s, 0, TelemetrySamples::factory());
    QCOMPARE(catalog.index(1, 0).data().toString(), u"a-first"_s);
    QCOMPARE(catalog.indexOf(u"r1"_s, u"queues./store/32"_s).parent().row(), 2);
    store.removeNode(u"a-first"_s);
    QCOMPARE(catalog.rowCount(), 3);
    store.clear();
    QCOMPARE(catalog.rowCount(), 0);
}

// Ticking a metric in the tree puts it on the chart; unticking takes it off.
void tst_ChartsPanel::catalogToggleShowsSeries()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    store.ingestTelemetry(u"r1"_s, 0, TelemetrySamples::router());
    const QModelIndex item = panel.catalog()->indexOf(u"r1"_s, u"links.r2.rate"_s);
    QVERIFY(panel.catalog()->setData(item, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(panel.isShown(u"r1"_s, u"links.r2.rate"_s));
    QCOMPARE(item.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(item.data(Qt::DecorationRole).isValid());   // the colour swatch
    QVERIFY(panel.catalog()->setData(item, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!panel.isShown(u"r1"_s, u"links.r2.rate"_s));
    QVERIFY(!item.data(Qt::DecorationRole).isValid());
}

// The y axis starts at zero for counts and covers the largest visible value.
void tst_ChartsPanel::axesFollowData()
{
    TimeSeriesStore store;
    ChartsPanel panel(&store);
    panel.addSeries(u"r1"_s, u"links.r2.rate"_s);
    store.ingestTelemetry(u"r1"_s, 1000, TelemetrySamples::router());   // 615 frames/s
    panel.redraw();
    auto *y = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    QCOMPARE(y->min(), 0.0);
    QVERIFY(y->max() >= 615.0);
    QVERIFY(y->max() <= 1000.0);
}

QTEST_MAIN(tst_ChartsPanel)
#include "tst_chartspanel.moc"
