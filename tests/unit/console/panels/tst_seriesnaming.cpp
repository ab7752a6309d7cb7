#include "console/panels/seriesnaming.h"

#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_SeriesNaming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names();
    void labels_data();
    void labels();
    void keys();
};

// The metric names are the ones the inspector, the store and the lead agree on.
void tst_SeriesNaming::names()
{
    QCOMPARE(SeriesNaming::queueDepth(), u"queueDepth"_s);
    QCOMPARE(SeriesNaming::queue(u"/store/3"_s), u"queues./store/3"_s);
    QCOMPARE(SeriesNaming::linkRate(u"r2"_s), u"links.r2.rate"_s);
    QCOMPARE(SeriesNaming::counter(u"forwarded"_s), u"counters.forwarded"_s);
    QCOMPARE(SeriesNaming::data(u"backlog"_s), u"data.backlog"_s);
    QCOMPARE(SeriesNaming::latencyP50(), u"latency.p50"_s);
    QCOMPARE(SeriesNaming::latencyP99(), u"latency.p99"_s);
}

void tst_SeriesNaming::labels_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("shortLabel");
    QTest::newRow("queue depth") << u"queueDepth"_s << u"Queue depth (all addresses)"_s << u"queue depth"_s;
    QTest::newRow("queue") << u"queues./store/3"_s << u"Queue /store/3"_s << u"queue /store/3"_s;
    QTest::newRow("link") << u"links.r2.rate"_s << u"Link to r2 (frames/s)"_s << u"link r2 rate"_s;
    QTest::newRow("counter") << u"counters.noConsumer"_s << u"No consumer (count)"_s << u"no consumer"_s;
    QTest::newRow("data") << u"data.backlog"_s << u"Backlog"_s << u"backlog"_s;
    QTest::newRow("nested data") << u"data.inventory.cutlass"_s << u"Inventory › cutlass"_s << u"inventory › cutlass"_s;
    QTest::newRow("latency") << u"latency.p99"_s << u"Delivery latency p99 (ms)"_s << u"latency p99"_s;
    QTest::newRow("unknown") << u"whatever"_s << u"whatever"_s << u"whatever"_s;
}

// Every metric has a label for the picker and a shorter one for the legend.
void tst_SeriesNaming::labels()
{
    QFETCH(QString, metric);
    QFETCH(QString, label);
    QFETCH(QString, shortLabel);
    QCOMPARE(SeriesNaming::label(metric), label);
    QCOMPARE(SeriesNaming::shortLabel(metric), shortLabel);
}

// A series key splits back into its node and metric, metrics with dots and slashes included.
void tst_SeriesNaming::keys()
{
    const QString key = SeriesNaming::key(u"r1"_s, u"queues./store/3"_s);
    QCOMPARE(SeriesNaming::nodeOfKey(key), u"r1"_s);
    QCOMPARE(SeriesNaming::metricOfKey(key), u"queues./store/3"_s);
    const QString mesh = SeriesNaming::key({}, u"latency.p50"_s);
    QCOMPARE(SeriesNaming::nodeOfKey(mesh), QString());
    QCOMPARE(SeriesNaming::metricOfKey(mesh), u"latency.p50"_s);
    QCOMPARE(SeriesNaming::nodeLabel({}), u"Mesh"_s);
    QCOMPARE(SeriesNaming::nodeLabel(u"c2"_s), u"c2"_s);
}

QTEST_GUILESS_MAIN(tst_SeriesNaming)
#include "tst_seriesnaming.moc"
