#include "supervisor/failurestopwatch.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Scenario::RecordedEvent;
using Portolan::Supervisor::FailureStopwatch;

Q_DECLARE_METATYPE(FailureStopwatch::Target)

namespace {

RecordedEvent delivery(qint64 atMs, const QString &consumer, const QString &address, const QStringList &path)
{
    return {atMs, consumer, u"delivery"_s,
            QJsonObject{{u"address"_s, address}, {u"path"_s, QJsonArray::fromStringList(path)}}};
}

RecordedEvent linkDown(qint64 atMs, const QString &node, const QString &peer)
{
    return {atMs, node, u"link-down"_s, QJsonObject{{u"peer"_s, peer}, {u"reason"_s, u"no hello for 300 ms"_s}}};
}

FailureStopwatch::Target cutLink(const QString &a, const QString &b)
{
    FailureStopwatch::Target t;
    t.links.append({a, b});
    t.actors.insert(a);
    return t;
}

FailureStopwatch::Target failNode(const QString &n)
{
    FailureStopwatch::Target t;
    t.nodes.insert(n);
    return t;
}

} // namespace

class TestFailureStopwatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathAvoidsTarget_data();
    void pathAvoidsTarget();
    void measuresDetectionAndRecovery();
    void actorsOwnReportIsNotDetection();
    void deliveryBeforeDetectionIsNotRecovery();
    void untouchedFlowsDoNotCountAsRecovery();
    void closesAfterWindowWithCounterDeltas();
    void finalCloseEndsEveryOpenStopwatch();
};

// A path crosses a target when it passes a failed node or uses a cut link in either direction.
void TestFailureStopwatch::pathAvoidsTarget_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<FailureStopwatch::Target>("target");
    QTest::addColumn<bool>("avoids");
    QTest::newRow("link forward") << QStringList{u"r1"_s, u"r2"_s, u"r3"_s} << cutLink(u"r1"_s, u"r2"_s) << false;
    QTest::newRow("link backward") << QStringList{u"r2"_s, u"r1"_s} << cutLink(u"r1"_s, u"r2"_s) << false;
    QTest::newRow("both ends, not adjacent") << QStringList{u"r1"_s, u"r3"_s, u"r2"_s} << cutLink(u"r1"_s, u"r2"_s) << true;
    QTest::newRow("failed node inside") << QStringList{u"r1"_s, u"r4"_s, u"r3"_s} << failNode(u"r4"_s) << false;
    QTest::newRow("failed node absent") << QStringList{u"r1"_s, u"r3"_s} << failNode(u"r4"_s) << true;
    QTest::newRow("empty path") << QStringList{} << failNode(u"r4"_s) << true;
}

void TestFailureStopwatch::pathAvoidsTarget()
{
    QFETCH(QStringList, path);
    QFETCH(FailureStopwatch::Target, target);
    QFETCH(bool, avoids);
    QCOMPARE(FailureStopwatch::pathAvoids(path, target), avoids);
}

// The peer's link-down is the detection; the first delivery of a flow that used the link,
// now around it, is the recovery; times are relative to the start.
void TestFailureStopwatch::measuresDetectionAndRecovery()
{
    FailureStopwatch watch;
    watch.observe(delivery(900, u"store-1"_s, u"/store/1"_s, {u"r1"_s, u"r2"_s}));
    const int index = watch.start(u"cut-link"_s, u"r1-r2"_s, cutLink(u"r1"_s, u"r2"_s), 1000, {3, 0, 0});
    QCOMPARE(watch.observe(linkDown(1120, u"r2"_s, u"r1"_s)), QList<int>{index});
    QCOMPARE(watch.observe(delivery(1180, u"store-1"_s, u"/store/1"_s, {u"r1"_s, u"r3"_s, u"r2"_s})), QList<int>{index});
    const auto &record = watch.records().at(index);
    QCOMPARE(record.detectionMs(), 120);
    QCOMPARE(record.recoveryMs(), 180);
    QCOMPARE(record.inFlightAtStart, 3);
}

// The node that cut the link reports its own link-down at once; that is the action, not
// the network noticing.
void TestFailureStopwatch::actorsOwnReportIsNotDetection()
{
    FailureStopwatch watch;
    const int index = watch.start(u"cut-link"_s, u"r1-r2"_s, cutLink(u"r1"_s, u"r2"_s), 0, {});
    QVERIFY(watch.observe(linkDown(1, u"r1"_s, u"r2"_s)).isEmpty());
    QCOMPARE(watch.records().at(index).detectedMs, -1);
    watch.observe(linkDown(310, u"r2"_s, u"r1"_s));
    QCOMPARE(watch.records().at(index).detectionMs(), 310);
}

// A delivery that avoided the target before anyone noticed the failure proves nothing
// about rerouting.
void TestFailureStopwatch::deliveryBeforeDetectionIsNotRecovery()
{
    FailureStopwatch watch;
    watch.observe(delivery(0, u"s"_s, u"/a"_s, {u"r1"_s, u"r9"_s}));
    const int index = watch.start(u"fail-node"_s, u"r9"_s, failNode(u"r9"_s), 100, {});
    watch.observe(delivery(150, u"s"_s, u"/a"_s, {u"r1"_s, u"r2"_s}));
    QCOMPARE(watch.records().at(index).recoveredMs, -1);
    watch.observe(linkDown(200, u"r1"_s, u"r9"_s));
    watch.observe(delivery(260, u"s"_s, u"/a"_s, {u"r1"_s, u"r2"_s}));
    QCOMPARE(watch.records().at(index).recoveryMs(), 160);
}

// Traffic that never crossed the broken part says nothing about recovery.
void TestFailureStopwatch::untouchedFlowsDoNotCountAsRecovery()
{
    FailureStopwatch watch;
    watch.observe(delivery(0, u"s"_s, u"/a"_s, {u"r1"_s, u"r2"_s}));
    const int index = watch.start(u"fail-node"_s, u"r9"_s, failNode(u"r9"_s), 10, {});
    watch.observe(linkDown(20, u"r1"_s, u"r9"_s));
    watch.observe(delivery(30, u"s"_s, u"/a"_s, {u"r1"_s, u"r2"_s}));
    QCOMPARE(watch.records().at(index).recoveredMs, -1);
}

// Lost and resent are the growth of the router counters over the stopwatch's window.
void TestFailureStopwatch::closesAfterWindowWithCounterDeltas()
{
    FailureStopwatch watch(5000);
    const int index = watch.start(u"kill-node"_s, u"r4"_s, failNode(u"r4"_s), 1000, {7, 2, 10});
    QVERIFY(watch.close(5999, {0, 9, 99}).isEmpty());
    QVERIFY(watch.hasOpen());
    QCOMPARE(watch.close(6000, {1, 5, 14}), QList<int>{index});
    const auto &record = watch.records().at(index);
    QVERIFY(record.closed);
    QCOMPARE(record.lost, 3);
    QCOMPARE(record.resent, 4);
    QVERIFY(!watch.hasOpen());
}

// At the end of a run every stopwatch still open is closed with the final counters.
void TestFailureStopwatch::finalCloseEndsEveryOpenStopwatch()
{
    FailureStopwatch watch(60000);
    watch.start(u"fail-node"_s, u"a"_s, failNode(u"a"_s), 0, {});
    watch.start(u"fail-node"_s, u"b"_s, failNode(u"b"_s), 10, {});
    QCOMPARE(watch.close(20, {}, true).size(), 2);
    QVERIFY(!watch.hasOpen());
}

QTEST_APPLESS_MAIN(TestFailureStopwatch)
#include "tst_failurestopwatch.moc"
