#include "node/roles/robotfleet/robot.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::RobotRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject robotParams(int number = 4)
{
    return {{u"number"_s, number}, {u"heartbeatMs"_s, 300}, {u"leaseMs"_s, 2000}, {u"reportRetryMs"_s, 1000}};
}

Envelope message(const QString &address, const QJsonObject &body, const QString &method = {}, int status = 0)
{
    Envelope m;
    m.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    m.requestId = "user-req";
    m.address = address;
    if (!method.isEmpty())
        m.setHeader(u"Method"_s, method);
    if (status)
        m.setHeader(u"Status"_s, QString::number(status));
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

Envelope offer(const QString &job, int attempt, qint64 durationMs)
{
    return message(u"/robot/4/jobs"_s,
                   {{u"job"_s, job}, {u"attempt"_s, attempt}, {u"task"_s, u"pick"_s}, {u"durationMs"_s, durationMs}},
                   u"POST"_s);
}

// The manager's answer to a heartbeat sent at sentMs.
Envelope answer(qint64 sentMs, const QString &job = {}, int attempt = 0, bool yours = true)
{
    QJsonObject body{{u"robot"_s, u"robot-4"_s}, {u"sentMs"_s, sentMs}};
    if (!job.isEmpty()) {
        body.insert(u"job"_s, job);
        body.insert(u"attempt"_s, attempt);
        body.insert(u"yours"_s, yours);
    }
    return message(u"/robot/4/heartbeat"_s, body, {}, 200);
}

QJsonObject bodyOf(const Envelope &m)
{
    return QJsonDocument::fromJson(m.body).object();
}

QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &address)
{
    QList<Envelope> out;
    for (const Envelope &m : ctx.sent) {
        if (m.address == address)
            out.append(m);
    }
    return out;
}

QStringList eventKinds(const FakeRoleContext &ctx)
{
    QStringList kinds;
    for (const FakeRoleContext::Event &e : ctx.events)
        kinds.append(e.kind);
    return kinds;
}

QJsonObject lastEvent(const FakeRoleContext &ctx, const QString &kind)
{
    for (auto it = ctx.events.crbegin(); it != ctx.events.crend(); ++it) {
        if (it->kind == kind)
            return it->fields;
    }
    return {};
}

// Ticks every 50 ms up to `until`, answering each heartbeat at once while `answering`.
void run(RobotRole &role, FakeRoleContext &ctx, qint64 until, bool answering)
{
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + 50, until);
        const qsizetype before = ctx.sent.size();
        role.tick(ctx.now);
        if (!answering)
            continue;
        for (qsizetype i = before; i < ctx.sent.size(); ++i) {
            const Envelope beat = ctx.sent.at(i);
            if (beat.address != u"/fleet/heartbeat")
                continue;
            const QJsonObject body = bodyOf(beat);
            role.handle(answer(body.value("sentMs"_L1).toInteger(), body.value("job"_L1).toString(),
                               body.value("attempt"_L1).toInt()));
        }
    }
}

} // namespace

class TstRobot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heartbeatReportsItselfWithADeadline();
    void startsOnlyWithTheManagersWord();
    void worksOnlyWhileTheLeaseHolds();
    void finishesAndReportsUntilTheManagerHasIt();
    void dropsAJobThatIsNoLongerItsOwn_data();
    void dropsAJobThatIsNoLongerItsOwn();
    void repeatedOfferIsNoNewWork();
    void restartResumesWorkAndReports();
    void invalidParams_data();
    void invalidParams();
};

// A heartbeat names the robot, its address and state, carries its send time for the lease
// and expires with the lease: nobody needs it later.
void TstRobot::heartbeatReportsItselfWithADeadline()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/robot/4"_s);
    role.tick(ctx.now);
    const QList<Envelope> beats = sentTo(ctx, u"/fleet/heartbeat"_s);
    QCOMPARE(beats.size(), 1);
    QCOMPARE(beats.first().replyTo, u"/robot/4/heartbeat"_s);
    QCOMPARE(beats.first().deadlineMs, ctx.now + 2000);
    const QJsonObject body = bodyOf(beats.first());
    QCOMPARE(body.value("robot"_L1).toString(), u"robot-4"_s);
    QCOMPARE(body.value("number"_L1).toInt(), 4);
    QCOMPARE(body.value("address"_L1).toString(), u"/robot/4"_s);
    QCOMPARE(body.value("state"_L1).toString(), u"idle"_s);
    QCOMPARE(body.value("sentMs"_L1).toInteger(), ctx.now);
    // The next one after heartbeatMs, not before.
    run(role, ctx, ctx.now + 250, false);
    QCOMPARE(sentTo(ctx, u"/fleet/heartbeat"_s).size(), 1);
    run(role, ctx, ctx.now + 50, false);
    QCOMPARE(sentTo(ctx, u"/fleet/heartbeat"_s).size(), 2);
}

// A job received while the robot has no word from the manager waits; the first answered
// heartbeat starts it.
void TstRobot::startsOnlyWithTheManagersWord()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    role.handle(offer(u"J-1"_s, 1, 1000));
    QCOMPARE(eventKinds(ctx), QStringList{u"job-received"_s});
    run(role, ctx, ctx.now + 500, false);
    QCOMPARE(role.telemetry().value("state"_L1).toString(), u"waiting"_s);
    QVERIFY(!eventKinds(ctx).contains(u"job-started"_s));
    run(role, ctx, ctx.now + 400, true);
    QVERIFY(eventKinds(ctx).contains(u"job-started"_s));
    QCOMPARE(role.telemetry().value("state"_L1).toString(), u"working"_s);
    QCOMPARE(lastEvent(ctx, u"job-started"_s).value("job"_L1).toString(), u"J-1"_s);
}

// Without answers the robot stops when its lease runs out (and says for how long it has
// been stopped); work time counts only under the lease; answers resume it.
void TstRobot::worksOnlyWhileTheLeaseHolds()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    role.handle(offer(u"J-1"_s, 1, 10'000));
    const qint64 t0 = ctx.now;
    // Tick t0+50 sends the first heartbeat, answered at once; tick t0+100 starts the job.
    run(role, ctx, ctx.now + 300, true);
    const qint64 lastAnswered = bodyOf(sentTo(ctx, u"/fleet/heartbeat"_s).last()).value("sentMs"_L1).toInteger();
    QCOMPARE(lastAnswered, t0 + 50);
    // The process is frozen (failed node) for five seconds, then ticks again.
    ctx.now += 5000;
    role.tick(ctx.now);
    const QJsonObject paused = lastEvent(ctx, u"job-paused"_s);
    QCOMPARE(paused.value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(paused.value("pausedForMs"_L1).toInteger(), ctx.now - (lastAnswered + 2000));
    QCOMPARE(role.telemetry().value("state"_L1).toString(), u"paused"_s);
    // Only the time from the start to the lease's end counted.
    QCOMPARE(role.telemetry().value("workedMs"_L1).toInteger(), lastAnswered + 2000 - (t0 + 100));
    const int progress = role.telemetry().value("progress"_L1).toInt();
    QCOMPARE(progress, 19);
    run(role, ctx, ctx.now + 1000, false);
    QCOMPARE(role.telemetry().value("progress"_L1).toInt(), progress);
    run(role, ctx, ctx.now + 400, true);
    QVERIFY(eventKinds(ctx).contains(u"job-resumed"_s));
    QVERIFY(role.telemetry().value("progress"_L1).toInt() > progress);
}

// A finished job is recorded, announced and reported; a report nobody took is sent again
// after reportRetryMs until one is accepted.
void TstRobot::finishesAndReportsUntilTheManagerHasIt()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    role.handle(offer(u"J-1"_s, 1, 500));
    run(role, ctx, ctx.now + 700, true);
    const QJsonObject finished = lastEvent(ctx, u"job-finished"_s);
    QCOMPARE(finished.value("job"_L1).toString(), u"J-1"_s);
    QVERIFY(finished.value("workedMs"_L1).toInteger() >= 500);
    QCOMPARE(role.telemetry().value("completed"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("state"_L1).toString(), u"idle"_s);

    QList<Envelope> reports = sentTo(ctx, u"/fleet/reports"_s);
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports.first().requestId, QByteArray("user-req"));
    const QJsonObject report = bodyOf(reports.first());
    QCOMPARE(report.value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(report.value("attempt"_L1).toInt(), 1);
    QCOMPARE(report.value("holding"_L1).toString(), QString());   // nothing next: free for work

    role.settled(reports.first().id, false);
    run(role, ctx, ctx.now + 900, true);
    QCOMPARE(sentTo(ctx, u"/fleet/reports"_s).size(), 1);
    run(role, ctx, ctx.now + 150, true);
    reports = sentTo(ctx, u"/fleet/reports"_s);
    QCOMPARE(reports.size(), 2);
    QCOMPARE(role.telemetry().value("unreported"_L1).toInt(), 1);
    role.settled(reports.last().id, true);
    QCOMPARE(role.telemetry().value("unreported"_L1).toInt(), 0);
    QCOMPARE(ctx.store().record(u"finished"_s, u"J-1#1"_s)->value("reported"_L1).toBool(), true);
    run(role, ctx, ctx.now + 3000, true);
    QCOMPARE(sentTo(ctx, u"/fleet/reports"_s).size(), 2);
    QCOMPARE(role.telemetry().value("completed"_L1).toInt(), 1);
}

void TstRobot::dropsAJobThatIsNoLongerItsOwn_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<bool>("yours");
    QTest::addColumn<bool>("dropped");
    QTest::newRow("not yours: dropped") << u"J-1"_s << 1 << false << true;
    QTest::newRow("yours: kept") << u"J-1"_s << 1 << true << false;
    QTest::newRow("about another attempt: kept") << u"J-1"_s << 2 << false << false;
    QTest::newRow("about another job: kept") << u"J-5"_s << 1 << false << false;
}

// Only an answer about this very job and attempt saying "not yours" drops it; the robot
// then takes the next job it has.
void TstRobot::dropsAJobThatIsNoLongerItsOwn()
{
    QFETCH(QString, job);
    QFETCH(int, attempt);
    QFETCH(bool, yours);
    QFETCH(bool, dropped);
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    role.handle(offer(u"J-1"_s, 1, 10'000));
    role.handle(offer(u"J-2"_s, 1, 10'000));
    run(role, ctx, ctx.now + 300, true);
    role.handle(answer(ctx.now, job, attempt, yours));
    QCOMPARE(eventKinds(ctx).contains(u"job-abandoned"_s), dropped);
    QCOMPARE(role.telemetry().value("job"_L1).toString(), dropped ? u"J-2"_s : u"J-1"_s);
    QCOMPARE(role.telemetry().value("abandoned"_L1).toInt(), dropped ? 1 : 0);
    QCOMPARE(role.telemetry().value("completed"_L1).toInt(), 0);
    QCOMPARE(ctx.store().backlogSize(), dropped ? 1 : 2);
}

// The same job and attempt offered again (the manager lost track of its offer) is not
// taken twice, not even after it was finished.
void TstRobot::repeatedOfferIsNoNewWork()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    RobotRole role;
    role.start(ctx);
    role.handle(offer(u"J-1"_s, 1, 300));
    role.handle(offer(u"J-1"_s, 1, 300));
    QCOMPARE(ctx.store().backlogSize(), 1);
    run(role, ctx, ctx.now + 600, true);
    QCOMPARE(role.telemetry().value("completed"_L1).toInt(), 1);
    role.handle(offer(u"J-1"_s, 1, 300));
    QCOMPARE(ctx.store().backlogSize(), 0);
    QCOMPARE(eventKinds(ctx).count(u"job-received"_s), 1);
    // A new attempt of the same job is new work.
    role.handle(offer(u"J-1"_s, 2, 300));
    QCOMPARE(ctx.store().backlogSize(), 1);
}

// A restarted robot resumes its job with the work it had saved, waits for the manager's
// word before going on, and reports what it finished but had not reported.
void TstRobot::restartResumesWorkAndReports()
{
    FakeRoleContext ctx(u"robot-4"_s, robotParams());
    {
        RobotRole before;
        before.start(ctx);
        before.handle(offer(u"J-1"_s, 1, 200));
        before.handle(offer(u"J-2"_s, 1, 4000));
        run(before, ctx, ctx.now + 2300, true);   // J-1 done (report unsettled), J-2 half way
        QCOMPARE(before.telemetry().value("job"_L1).toString(), u"J-2"_s);
    }
    const qint64 saved = ctx.store().record(u"progress"_s, u"J-2#1"_s)->value("workedMs"_L1).toInteger();
    QVERIFY(saved >= 1500);
    ctx.sent.clear();
    ctx.events.clear();
    RobotRole after;
    after.start(ctx);
    QCOMPARE(after.telemetry().value("job"_L1).toString(), u"J-2"_s);
    QCOMPARE(after.telemetry().value("completed"_L1).toInt(), 1);
    QCOMPARE(after.telemetry().value("state"_L1).toString(), u"paused"_s);
    after.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/fleet/reports"_s).size(), 1);   // J-1 once more
    QCOMPARE(bodyOf(sentTo(ctx, u"/fleet/reports"_s).first()).value("job"_L1).toString(), u"J-1"_s);
    const int progress = after.telemetry().value("progress"_L1).toInt();
    run(after, ctx, ctx.now + 500, false);
    QCOMPARE(after.telemetry().value("progress"_L1).toInt(), progress);
    run(after, ctx, ctx.now + 2600, true);
    QCOMPARE(after.telemetry().value("completed"_L1).toInt(), 2);
    QVERIFY(!eventKinds(ctx).contains(u"job-started"_s));   // started once, before the restart
}

void TstRobot::invalidParams_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("no number") << QJsonObject{};
    QTest::newRow("lease not longer than the heartbeat") << QJsonObject{{u"number"_s, 1}, {u"heartbeatMs"_s, 500}, {u"leaseMs"_s, 500}};
    QTest::newRow("manager not an address") << QJsonObject{{u"number"_s, 1}, {u"managerAddress"_s, u"fleet"_s}};
}

// A robot with unusable params does nothing and says why in its telemetry.
void TstRobot::invalidParams()
{
    QFETCH(QJsonObject, params);
    FakeRoleContext ctx(u"robot-x"_s, params);
    RobotRole role;
    role.start(ctx);
    role.tick(ctx.now + 1000);
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(ctx.sent.isEmpty());
    QVERIFY(!role.telemetry().value("error"_L1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TstRobot)
#include "tst_robot.moc"
