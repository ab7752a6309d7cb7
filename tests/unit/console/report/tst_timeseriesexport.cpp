#include "console/report/timeseriesexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;
using namespace Portolan::Scenario;

class TestTimeSeriesExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvField_data();
    void csvField();
    void csvHasOneRowPerSample();
    void jsonGroupsSeriesInFirstSeenOrder();
};

// Fields are quoted only when they must be, the RFC 4180 way.
void TestTimeSeriesExport::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("plain") << u"queues./store/1"_s << QByteArray("queues./store/1");
    QTest::newRow("comma") << u"a,b"_s << QByteArray("\"a,b\"");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("line break") << u"a\nb"_s << QByteArray("\"a\nb\"");
    QTest::newRow("unicode") << u"caf\u00e9"_s << QByteArray("caf\xc3\xa9");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestTimeSeriesExport::csvField()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, field);
    QCOMPARE(TimeSeriesExport::csvField(text), field);
}

// The CSV is a header plus one row per sample, in the samples' order, numbers shortest.
void TestTimeSeriesExport::csvHasOneRowPerSample()
{
    const QList<MetricSample> samples{{1000, u"r1"_s, u"counters.delivered"_s, 12},
                                      {1000, u"store,1"_s, u"data.inventory.cutlass"_s, 0.25},
                                      {2000, u"r1"_s, u"counters.delivered"_s, 1e12}};
    QCOMPARE(TimeSeriesExport::csv(samples), QByteArray("time_ms,node,metric,value\n"
                                                        "1000,r1,counters.delivered,12\n"
                                                        "1000,\"store,1\",data.inventory.cutlass,0.25\n"
                                                        "2000,r1,counters.delivered,1e+12\n"));
    QCOMPARE(TimeSeriesExport::csv({}), QByteArray("time_ms,node,metric,value\n"));
}

// One series per node and metric, in the order each first appeared, points in time order.
void TestTimeSeriesExport::jsonGroupsSeriesInFirstSeenOrder()
{
    const QList<MetricSample> samples{{1000, u"r2"_s, u"counters.acked"_s, 1}, {1000, u"r1"_s, u"counters.acked"_s, 2},
                                      {1000, u"r2"_s, u"queues./a"_s, 3},      {2000, u"r2"_s, u"counters.acked"_s, 4},
                                      {2000, u"r1"_s, u"counters.acked"_s, 5}};
    const QJsonObject json = TimeSeriesExport::json(samples);
    QCOMPARE(json.value("timeUnit"_L1).toString(), u"ms"_s);
    const QJsonArray series = json.value("series"_L1).toArray();
    QCOMPARE(series.size(), 3);
    const auto expect = [&](int i, const QString &node, const QString &metric, const QByteArray &points) {
        const QJsonObject s = series.at(i).toObject();
        QCOMPARE(s.value("node"_L1).toString(), node);
        QCOMPARE(s.value("metric"_L1).toString(), metric);
        QCOMPARE(QJsonDocument(s.value("points"_L1).toArray()).toJson(QJsonDocument::Compact), points);
    };
    expect(0, u"r2"_s, u"counters.acked"_s, "[[1000,1],[2000,4]]");
    expect(1, u"r1"_s, u"counters.acked"_s, "[[1000,2],[2000,5]]");
    expect(2, u"r2"_s, u"queues./a"_s, "[[1000,3]]");
}

QTEST_MAIN(TestTimeSeriesExport)
#include "tst_timeseriesexport.moc"
