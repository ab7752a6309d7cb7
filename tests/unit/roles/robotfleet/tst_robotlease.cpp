#include "node/roles/robotfleet/robotlease.h"

#include <QTest>

using Portolan::Node::RobotFleet::RobotLease;

class TstRobotLease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsExpired();
    void renewNeverShortens();
    void coveredMs_data();
    void coveredMs();
};

// A robot that has not heard from its manager may not work.
void TstRobotLease::startsExpired()
{
    const RobotLease lease(2000);
    QVERIFY(!lease.isValid(0));
    QVERIFY(!lease.isValid(1'700'000'000'000));
    QCOMPARE(lease.coveredMs(100, 200), 0);
}

// A late answer to an old heartbeat does not take back time a newer one granted, and the
// lease runs from when the heartbeat was sent.
void TstRobotLease::renewNeverShortens()
{
    RobotLease lease(2000);
    lease.renew(10'000);
    QCOMPARE(lease.validUntilMs(), 12'000);
    QVERIFY(lease.isValid(11'999));
    QVERIFY(!lease.isValid(12'000));
    lease.renew(9'000);
    QCOMPARE(lease.validUntilMs(), 12'000);
    lease.renew(10'500);
    QCOMPARE(lease.validUntilMs(), 12'500);
    lease.revoke();
    QVERIFY(!lease.isValid(10'600));
}

void TstRobotLease::coveredMs_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("covered");
    // The lease runs until 12,000.
    QTest::newRow("wholly inside") << qint64(10'000) << qint64(10'050) << qint64(50);
    QTest::newRow("runs out midway") << qint64(11'950) << qint64(12'100) << qint64(50);
    QTest::newRow("after it ran out") << qint64(12'100) << qint64(12'200) << qint64(0);
    QTest::newRow("a long stall counts only up to the end") << qint64(9'000) << qint64(60'000) << qint64(3'000);
    QTest::newRow("empty interval") << qint64(11'000) << qint64(11'000) << qint64(0);
}

// Work time counts only while the lease holds: after a frozen process or a dark network,
// only the part before the lease ran out.
void TstRobotLease::coveredMs()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, covered);
    RobotLease lease(2000);
    lease.renew(10'000);
    QCOMPARE(lease.coveredMs(from, to), covered);
}

QTEST_GUILESS_MAIN(TstRobotLease)
#include "tst_robotlease.moc"
