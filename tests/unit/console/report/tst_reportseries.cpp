#include "console/report/reportseries.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;
using namespace Portolan::Scenario;

namespace {

Scenario twoRoutersAndAStore()
{
    Scenario s;
    Router r1;
    r1.id = u"r1"_s;
    Router r2;
    r2.id = u"r2"_s;
    s.routers = {r1, r2};
    Entity store;
    store.id = u"store-1"_s;
    store.role = u"store"_s;
    s.entities = {store};
    return s;
}

QList<QPointF> points(std::initializer_list<std::pair<double, double>> list)
{
    QList<QPointF> out;
    for (const auto &[x, y] : list)
        out.append(QPointF(x, y));
    return out;
}

const ChartLine *line(const QList<ChartLine> &lines, const QString &name)
{
    for (const ChartLine &l : lines) {
        if (l.name == name)
            return &l;
    }
    return nullptr;
}

} // namespace

class TestReportSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queueDepthAddsUpARoutersAddresses();
    void queueDepthTakesAnEntitysLargestAddress_data();
    void queueDepthTakesAnEntitysLargestAddress();
    void queueDepthKeepsTheDeepestNodes_data();
    void queueDepthKeepsTheDeepestNodes();
    void queueDepthOfNothing();
    void ratesFromCounters();
    void ratesSurviveARestart();
};

// A router's depth is the sum over its addresses; a tick where it reported no queue at
// all reads as 0, and the total adds every node up.
void TestReportSeries::queueDepthAddsUpARoutersAddresses()
{
    const Scenario scenario = twoRoutersAndAStore();
    RunRecord record;
    record.metrics = {{1000, u"r1"_s, u"counters.received"_s, 0}, {1000, u"r1"_s, u"queues./store/1"_s, 2},
                      {1000, u"r1"_s, u"queues./factories"_s, 3}, {1000, u"r2"_s, u"queues./store/1"_s, 1},
                      {2000, u"r1"_s, u"counters.received"_s, 5}, {2000, u"r2"_s, u"queues./store/1"_s, 4}};
    const QList<ChartLine> lines = ReportSeries::queueDepths(record, &scenario, 10);

    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.first().emphasised);
    QCOMPARE(lines.first().points, points({{1, 6}, {2, 4}}));
    QCOMPARE(lines.at(1).name, u"r1"_s);   // the higher peak first
    QCOMPARE(lines.at(1).points, points({{1, 5}, {2, 0}}));
    QCOMPARE(lines.at(2).name, u"r2"_s);
    QCOMPARE(lines.at(2).points, points({{1, 1}, {2, 4}}));
}

// An entity lists its one backlog under each address it serves: its depth is the largest.
void TestReportSeries::queueDepthTakesAnEntitysLargestAddress_data()
{
    QTest::addColumn<bool>("withScenario");
    QTest::newRow("known from the scenario") << true;
    QTest::newRow("recognised by counters.handled") << false;
}

void TestReportSeries::queueDepthTakesAnEntitysLargestAddress()
{
    QFETCH(bool, withScenario);
    const Scenario scenario = twoRoutersAndAStore();
    RunRecord record;
    record.metrics = {{1000, u"store-1"_s, u"counters.handled"_s, 0},
                      {1000, u"store-1"_s, u"queues./store/1"_s, 3},
                      {1000, u"store-1"_s, u"queues./all-stores"_s, 3},
                      {1000, u"store-1"_s, u"queues./stores/north"_s, 2}};
    const QList<ChartLine> lines = ReportSeries::queueDepths(record, withScenario ? &scenario : nullptr, 10);

    const ChartLine *store = line(lines, u"store-1"_s);
    QVERIFY(store);
    QCOMPARE(store->points, points({{1, 3}}));
}

// Besides the total, only the topN nodes with the highest peaks are drawn, and nodes
// that never queued anything are left out.
void TestReportSeries::queueDepthKeepsTheDeepestNodes_data()
{
    QTest::addColumn<int>("topN");
    QTest::addColumn<QStringList>("nodes");
    QTest::newRow("all that queued") << 10 << QStringList{u"n3"_s, u"n2"_s, u"n1"_s};
    QTest::newRow("top two") << 2 << QStringList{u"n3"_s, u"n2"_s};
    QTest::newRow("total only") << 0 << QStringList{};
}

void TestReportSeries::queueDepthKeepsTheDeepestNodes()
{
    QFETCH(int, topN);
    QFETCH(QStringList, nodes);
    RunRecord record;
    for (int n = 0; n < 4; ++n)
        record.metrics.append({1000, u"n%1"_s.arg(n), u"queues./x"_s, double(n)});
    const QList<ChartLine> lines = ReportSeries::queueDepths(record, nullptr, topN);

    QStringList names;
    for (qsizetype i = 1; i < lines.size(); ++i)
        names.append(lines.at(i).name);
    QCOMPARE(names, nodes);
    QCOMPARE(lines.first().points, points({{1, 6}}));
}

// No samples, no lines: nothing to draw.
void TestReportSeries::queueDepthOfNothing()
{
    QVERIFY(ReportSeries::queueDepths(RunRecord{}, nullptr, 6).isEmpty());
    QVERIFY(ReportSeries::messageRates(RunRecord{}).isEmpty());
}

// Rates per second come from the change of each node's counter between its samples,
// summed over the nodes; the first sample of a node counts as 0.
void TestReportSeries::ratesFromCounters()
{
    RunRecord record;
    record.metrics = {{1000, u"r1"_s, u"counters.delivered"_s, 10}, {1000, u"r2"_s, u"counters.delivered"_s, 0},
                      {2000, u"r1"_s, u"counters.delivered"_s, 30}, {2000, u"r2"_s, u"counters.delivered"_s, 5},
                      {2500, u"r1"_s, u"counters.delivered"_s, 40},
                      {1000, u"r1"_s, u"counters.acked"_s, 0},      {3000, u"r1"_s, u"counters.acked"_s, 8}};
    const QList<ChartLine> lines = ReportSeries::messageRates(record);

    QCOMPARE(lines.size(), 2);   // no resent counter was sampled
    const ChartLine *delivered = line(lines, u"delivered / s"_s);
    QVERIFY(delivered);
    QCOMPARE(delivered->points, points({{1, 0}, {2, 25}, {2.5, 20}}));
    const ChartLine *acked = line(lines, u"acknowledged / s"_s);
    QVERIFY(acked);
    QCOMPARE(acked->points, points({{1, 0}, {3, 4}}));
}

// A counter that went down belongs to a node that restarted: it counts from zero again
// instead of giving a negative rate.
void TestReportSeries::ratesSurviveARestart()
{
    RunRecord record;
    record.metrics = {{1000, u"r1"_s, u"counters.resent"_s, 100}, {2000, u"r1"_s, u"counters.resent"_s, 120},
                      {4000, u"r1"_s, u"counters.resent"_s, 6}};
    const QList<ChartLine> lines = ReportSeries::messageRates(record);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().name, u"resent / s"_s);
    QCOMPARE(lines.first().points, points({{1, 0}, {2, 20}, {4, 3}}));
}

QTEST_MAIN(TestReportSeries)
#include "tst_reportseries.moc"
