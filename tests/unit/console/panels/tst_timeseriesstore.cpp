#include "console/panels/latencywindow.h"
#include "console/panels/timeseries.h"
#include "console/panels/timeseriesstore.h"
#include "telemetrysamples.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_TimeSeriesStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seriesCompressesFlatRuns();
    void seriesKeepsOrder();
    void seriesTrimKeepsEntryPoint();
    void seriesBoundedPoints();
    void derivedMetrics_data();
    void derivedMetrics();
    void entityLinkRateFromFrames();
    void windowTrimsOldPoints();
    void windowChangeTrimsEverySeries();
    void seriesAddedOncePerSeries();
    void pointsFrom();
    void latencyPercentiles();
    void latencySeriesAtFiveHertz();
    void latencyWindowSlides();
    void removeNodeAndClear();
};

// Samples of an unchanged value keep only the run's two ends.
void tst_TimeSeriesStore::seriesCompressesFlatRuns()
{
    TimeSeries s;
    for (int i = 0; i < 100; ++i)
        s.append(i * 100, 4.0);
    QCOMPARE(s.size(), 2);
    QCOMPARE(s.points().at(0), QPointF(0, 4));
    QCOMPARE(s.points().at(1), QPointF(9900, 4));
    s.append(10'000, 5.0);
    QCOMPARE(s.size(), 3);
    QCOMPARE(s.lastValue(), 5.0);
    QCOMPARE(s.lastMs(), 10'000);
}

// A sample at the last time replaces it; an older one is ignored; each change bumps the revision.
void tst_TimeSeriesStore::seriesKeepsOrder()
{
    TimeSeries s;
    s.append(100, 1);
    const quint64 r1 = s.revision();
    s.append(100, 2);
    QCOMPARE(s.size(), 1);
    QCOMPARE(s.lastValue(), 2.0);
    QVERIFY(s.revision() > r1);
    const quint64 r2 = s.revision();
    s.append(50, 9);
    QCOMPARE(s.size(), 1);
    QCOMPARE(s.lastValue(), 2.0);
    QCOMPARE(s.revision(), r2);
}

// Trimming keeps the newest point at or before the cutoff, so the line enters the window.
void tst_TimeSeriesStore::seriesTrimKeepsEntryPoint()
{
    TimeSeries s;
    for (int i = 0; i <= 10; ++i)
        s.append(i * 1000, i);
    s.trimBefore(4500);
    QCOMPARE(s.points().first(), QPointF(4000, 4));
    QCOMPARE(s.size(), 7);
    s.trimBefore(100'000);
    QCOMPARE(s.size(), 1);   // the last point is never dropped
}

// A series never holds more than MaxPoints points, whatever the window.
void tst_TimeSeriesStore::seriesBoundedPoints()
{
    TimeSeries s;
    for (qint64 i = 0; i < TimeSeries::MaxPoints + 500; ++i)
        s.append(i, double(i % 2));
    QCOMPARE(s.size(), TimeSeries::MaxPoints);
    QCOMPARE(s.lastMs(), TimeSeries::MaxPoints + 499);
}

void tst_TimeSeriesStore::derivedMetrics_data()
{
    QTest::addColumn<QJsonObject>("telemetry");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("value");
    const QJsonObject router = TelemetrySamples::router();
    const QJsonObject store = TelemetrySamples::store();
    const QJsonObject factory = TelemetrySamples::factory();
    QTest::newRow("queue depth is the sum of queues") << router << u"queueDepth"_s << 5.0;
    QTest::newRow("one queue") << router << u"queues./store/32"_s << 3.0;
    QTest::newRow("link rate is in plus out") << router << u"links.r2.rate"_s << 615.0;
    QTest::newRow("a cut link carries nothing") << router << u"links.r3.rate"_s << 0.0;
    QTest::newRow("counter") << router << u"counters.forwarded"_s << 12.0;
    QTest::newRow("factory backlog") << factory << u"data.backlog"_s << 2.0;
    QTest::newRow("inventory item") << store << u"data.inventory.cutlass"_s << 4.0;
    QTest::newRow("sold-out item") << store << u"data.inventory.parrot"_s << 0.0;
}

// One snapshot yields the standard metrics with their values.
void tst_TimeSeriesStore::derivedMetrics()
{
    QFETCH(QJsonObject, telemetry);
    QFETCH(QString, metric);
    QFETCH(double, value);
    TimeSeriesStore store;
    const QString node = telemetry.value("node"_L1).toString();
    store.ingestTelemetry(node, 1000, telemetry);
    const TimeSeries *s = store.series(node, metric);
    QVERIFY2(s, qPrintable(store.metrics(node).join(u", "_s)));
    QCOMPARE(s->lastValue(), value);
    QCOMPARE(s->lastMs(), 1000);
}

// Entities report frame counts only: their link rate comes from the counts' growth,
// over at least half a second, and restarts cleanly when the counts do.
void tst_TimeSeriesStore::entityLinkRateFromFrames()
{
    TimeSeriesStore store;
    auto snapshot = [](int framesIn, int framesOut) {
        return QJsonObject{{u"links"_s, QJsonObject{{u"r1"_s, QJsonObject{{u"state"_s, u"up"_s}, {u"framesIn"_s, framesIn},
                                                                           {u"framesOut"_s, framesOut}}}}}};
    };
    store.ingestTelemetry(u"store-1"_s, 0, snapshot(100, 100));
    QCOMPARE(store.series(u"store-1"_s, u"links.r1.rate"_s)->lastValue(), 0.0);
    store.ingestTelemetry(u"store-1"_s, 200, snapshot(140, 140));   // too soon: still the old rate
    QCOMPARE(store.series(u"store-1"_s, u"links.r1.rate"_s)->lastValue(), 0.0);
    store.ingestTelemetry(u"store-1"_s, 1000, snapshot(200, 300));  // 300 frames in 1 s
    QCOMPARE(store.series(u"store-1"_s, u"links.r1.rate"_s)->lastValue(), 300.0);
    store.ingestTelemetry(u"store-1"_s, 1200, snapshot(5, 5));      // reconnected: counts restarted
    QCOMPARE(store.series(u"store-1"_s, u"links.r1.rate"_s)->lastValue(), 0.0);
    store.ingestTelemetry(u"store-1"_s, 1700, snapshot(55, 55));
    QCOMPARE(store.series(u"store-1"_s, u"links.r1.rate"_s)->lastValue(), 200.0);
}

// Points older than the window go as newer ones arrive.
void tst_TimeSeriesStore::windowTrimsOldPoints()
{
    TimeSeriesStore store;
    store.setWindowMs(10'000);
    for (int i = 0; i <= 60; ++i)
        store.append(u"r1"_s, u"queueDepth"_s, i * 1000, i);
    const QList<QPointF> &points = store.series(u"r1"_s, u"queueDepth"_s)->points();
    QCOMPARE(points.first().x(), 50'000.0);   // the entry point at the cutoff
    QCOMPARE(points.last().x(), 60'000.0);
    QCOMPARE(points.size(), 11);
    QCOMPARE(store.latestMs(), 60'000);
}

// Series nobody appends to any more are trimmed too, and a smaller window applies at once.
void tst_TimeSeriesStore::windowChangeTrimsEverySeries()
{
    TimeSeriesStore store;
    for (int i = 0; i <= 100; ++i) {
        store.append(u"a"_s, u"m"_s, i * 1000, i);
        if (i <= 50)
            store.append(u"b"_s, u"m"_s, i * 1000, i);
    }
    QCOMPARE(store.series(u"b"_s, u"m"_s)->size(), 51);
    store.setWindowMs(20'000);
    QCOMPARE(store.series(u"a"_s, u"m"_s)->points().first().x(), 80'000.0);
    QCOMPARE(store.series(u"b"_s, u"m"_s)->size(), 1);   // only its last point, before the window
}

// The catalog learns of each series once, when its first sample arrives.
void tst_TimeSeriesStore::seriesAddedOncePerSeries()
{
    TimeSeriesStore store;
    QSignalSpy added(&store, &TimeSeriesStore::seriesAdded);
    store.ingestTelemetry(u"r1"_s, 0, TelemetrySamples::router());
    const int first = int(added.size());
    QVERIFY(first > 10);
    store.ingestTelemetry(u"r1"_s, 100, TelemetrySamples::router());
    QCOMPARE(added.size(), first);
    QCOMPARE(store.metrics(u"r1"_s).size(), first);
    QVERIFY(store.metrics(u"r1"_s).contains(u"queues./all-stores"_s));
    QCOMPARE(store.nodes(), QStringList{u"r1"_s});
}

// points(from) starts one point before from, so the line reaches the window's edge.
void tst_TimeSeriesStore::pointsFrom()
{
    TimeSeriesStore store;
    for (int i = 0; i < 10; ++i)
        store.append(u"n"_s, u"m"_s, i * 100, i);
    const QList<QPointF> points = store.points(u"n"_s, u"m"_s, 450);
    QCOMPARE(points.size(), 6);
    QCOMPARE(points.first().x(), 400.0);
    QCOMPARE(store.points(u"n"_s, u"m"_s, 0).size(), 10);
    QVERIFY(store.points(u"n"_s, u"other"_s).isEmpty());
}

// p50 and p99 are nearest-rank percentiles over the window.
void tst_TimeSeriesStore::latencyPercentiles()
{
    LatencyWindow window;
    QCOMPARE(window.percentile(50), 0.0);
    for (int i = 1; i <= 100; ++i)
        window.add(1000, i);
    QCOMPARE(window.percentile(50), 50.0);
    QCOMPARE(window.percentile(99), 99.0);
    QCOMPARE(window.percentile(100), 100.0);
    QCOMPARE(window.percentile(0), 1.0);
}

// However many deliveries arrive, latency points come at most every 200 ms.
void tst_TimeSeriesStore::latencySeriesAtFiveHertz()
{
    TimeSeriesStore store;
    // A delivery every ms, each slower than the one before.
    for (int ms = 0; ms < 1000; ++ms)
        store.ingestDelivery(ms, double(ms));
    const TimeSeries *p50 = store.series({}, u"latency.p50"_s);
    const TimeSeries *p99 = store.series({}, u"latency.p99"_s);
    QVERIFY(p50);
    QVERIFY(p99);
    QCOMPARE(p99->size(), 5);   // at 0, 200, 400, 600, 800
    QCOMPARE(p99->lastMs(), 800);
    // At 800 ms the window holds 801 samples 0..800: ranks 793 and 401.
    QCOMPARE(p99->lastValue(), 792.0);
    QCOMPARE(p50->lastValue(), 400.0);
    QCOMPARE(store.nodes().first(), QString());
}

// Old deliveries leave the 5 s window, so a latency spike passes.
void tst_TimeSeriesStore::latencyWindowSlides()
{
    LatencyWindow window(5000);
    window.add(0, 900);
    window.add(100, 10);
    QCOMPARE(window.percentile(99), 900.0);
    window.add(5050, 12);
    QCOMPARE(window.size(), std::size_t(2));
    QCOMPARE(window.percentile(99), 12.0);
}

// A removed node's series go; clear forgets everything and says so.
void tst_TimeSeriesStore::removeNodeAndClear()
{
    TimeSeriesStore store;
    store.ingestTelemetry(u"r1"_s, 0, TelemetrySamples::router());
    store.ingestTelemetry(u"store-32"_s, 0, TelemetrySamples::store());
    QSignalSpy removed(&store, &TimeSeriesStore::nodeRemoved);
    store.removeNode(u"r1"_s);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(store.nodes(), QStringList{u"store-32"_s});
    QVERIFY(!store.contains(u"r1"_s, u"queueDepth"_s));
    QSignalSpy cleared(&store, &TimeSeriesStore::cleared);
    store.clear();
    QCOMPARE(cleared.size(), 1);
    QVERIFY(store.nodes().isEmpty());
    QCOMPARE(store.latestMs(), -1);
}

QTEST_GUILESS_MAIN(tst_TimeSeriesStore)
#include "tst_timeseriesstore.moc"
