#include "node/roles/robotfleet/fleetjob.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::RobotFleet::FleetJob;

class TstFleetJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void unreadableRecords_data();
    void unreadableRecords();
    void heldBy_data();
    void heldBy();
};

// A job read back from its record is the job that was written: what survives a restart.
void TstFleetJob::roundTrip()
{
    FleetJob job;
    job.number = 7;
    job.id = FleetJob::idFor(7);
    job.requestId = "req-7";
    job.task = u"survey aisle 7"_s;
    job.durationMs = 10'000;
    job.state = FleetJob::State::Running;
    job.robot = u"robot-3"_s;
    job.attempt = 2;
    job.progress = 40;
    job.reassignments = 1;
    job.submittedMs = 100;
    job.assignedMs = 200;
    job.recordOutcome(1, u"robot-1"_s, u"reassigned"_s, 150);

    const std::optional<FleetJob> back = FleetJob::fromJson(job.toJson());
    QVERIFY(back);
    QCOMPARE(back->id, u"J-7"_s);
    QCOMPARE(back->number, 7);
    QCOMPARE(back->requestId, QByteArray("req-7"));
    QCOMPARE(back->task, job.task);
    QCOMPARE(back->durationMs, 10'000);
    QVERIFY(back->state == FleetJob::State::Running);
    QCOMPARE(back->robot, u"robot-3"_s);
    QCOMPARE(back->attempt, 2);
    QCOMPARE(back->progress, 40);
    QCOMPARE(back->reassignments, 1);
    QCOMPARE(back->assignedMs, 200);
    QCOMPARE(back->history.size(), 1);
    QCOMPARE(back->history.at(0).toObject().value("outcome"_L1).toString(), u"reassigned"_s);
    QCOMPARE(back->history.at(0).toObject().value("robot"_L1).toString(), u"robot-1"_s);
    QCOMPARE(job.summary().value("state"_L1).toString(), u"running"_s);
}

void TstFleetJob::unreadableRecords_data()
{
    QTest::addColumn<QJsonObject>("record");
    QTest::newRow("no id") << QJsonObject{{u"state"_s, u"queued"_s}};
    QTest::newRow("unknown state") << QJsonObject{{u"job"_s, u"J-1"_s}, {u"state"_s, u"lost"_s}};
    QTest::newRow("no state") << QJsonObject{{u"job"_s, u"J-1"_s}};
}

// A record that does not describe a job is refused rather than read as a queued job.
void TstFleetJob::unreadableRecords()
{
    QFETCH(QJsonObject, record);
    QVERIFY(!FleetJob::fromJson(record));
}

void TstFleetJob::heldBy_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("robot");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<bool>("held");
    const int running = int(FleetJob::State::Running);
    const int done = int(FleetJob::State::Done);
    const int queued = int(FleetJob::State::Queued);
    QTest::newRow("the current attempt") << running << u"robot-2"_s << 2 << true;
    QTest::newRow("an older attempt") << running << u"robot-1"_s << 1 << false;
    QTest::newRow("another robot") << running << u"robot-5"_s << 2 << false;
    QTest::newRow("queued: nobody") << queued << u"robot-2"_s << 2 << false;
    QTest::newRow("done: the finisher") << done << u"robot-2"_s << 2 << true;
    QTest::newRow("done: anyone else") << done << u"robot-1"_s << 1 << false;
}

// Only the robot on the job's current attempt holds it (and the finisher, once done): the
// answer a returning robot gets about its copy.
void TstFleetJob::heldBy()
{
    QFETCH(int, state);
    QFETCH(QString, robot);
    QFETCH(int, attempt);
    QFETCH(bool, held);
    FleetJob job;
    job.id = u"J-1"_s;
    job.state = FleetJob::State(state);
    job.robot = job.state == FleetJob::State::Queued ? QString() : u"robot-2"_s;
    job.attempt = 2;
    if (job.state == FleetJob::State::Done) {
        job.finishedBy = u"robot-2"_s;
        job.finishedAttempt = 2;
    }
    QCOMPARE(job.heldBy(robot, attempt), held);
}

QTEST_GUILESS_MAIN(TstFleetJob)
#include "tst_fleetjob.moc"
