#include "node/roles/robotfleet/fleetmanager.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FleetManagerRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

const QString ingress = u"/ingress/replies"_s;

QJsonObject managerParams()
{
    return {{u"heartbeatTimeoutMs"_s, 3000}, {u"defaultJobMs"_s, 1500}};
}

Envelope message(const QString &address, const QJsonObject &body, const QString &method = {},
                 const QByteArray &requestId = {}, const QString &replyTo = ingress)
{
    Envelope m;
    m.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    m.requestId = requestId.isEmpty() ? m.id : requestId;
    m.address = address;
    m.replyTo = replyTo;
    if (!method.isEmpty())
        m.setHeader(u"Method"_s, method);
    if (!body.isEmpty())
        m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

Envelope submit(const QJsonObject &body, const QByteArray &requestId = {})
{
    return message(u"/fleet/jobs"_s, body, u"POST"_s, requestId);
}

Envelope get(const QString &path)
{
    return message(path, {}, u"GET"_s);
}

Envelope heartbeat(int number, qint64 sentMs, const QString &job = {}, int attempt = 0,
                   const QString &state = u"idle"_s)
{
    QJsonObject body{{u"robot"_s, u"robot-%1"_s.arg(number)},
                     {u"number"_s, number},
                     {u"address"_s, u"/robot/%1"_s.arg(number)},
                     {u"state"_s, state},
                     {u"sentMs"_s, sentMs}};
    if (!job.isEmpty()) {
        body.insert(u"job"_s, job);
        body.insert(u"attempt"_s, attempt);
        body.insert(u"progress"_s, 50);
    }
    return message(u"/fleet/heartbeat"_s, body, {}, {}, u"/robot/%1/heartbeat"_s.arg(number));
}

// A completion report; holding names the job the robot goes on with (empty: it is free).
Envelope report(int number, const QString &job, int attempt, const QString &holding = {})
{
    return message(u"/fleet/reports"_s,
                   {{u"robot"_s, u"robot-%1"_s.arg(number)}, {u"job"_s, job}, {u"attempt"_s, attempt},
                    {u"outcome"_s, u"done"_s}, {u"holding"_s, holding}},
                   u"POST"_s, {}, {});
}

QJsonObject bodyOf(const Envelope &m)
{
    return QJsonDocument::fromJson(m.body).object();
}

// The messages sent to exactly this address, oldest first.
QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &address)
{
    QList<Envelope> out;
    for (const Envelope &m : ctx.sent) {
        if (m.address == address)
            out.append(m);
    }
    return out;
}

QJsonObject lastAnswer(const FakeRoleContext &ctx, const QString &address = ingress)
{
    const QList<Envelope> answers = sentTo(ctx, address);
    return answers.isEmpty() ? QJsonObject{} : bodyOf(answers.last());
}

int lastStatus(const FakeRoleContext &ctx, const QString &address = ingress)
{
    const QList<Envelope> answers = sentTo(ctx, address);
    return answers.isEmpty() ? 0 : answers.last().header(u"Status").toInt();
}

int eventCount(const FakeRoleContext &ctx, const QString &kind)
{
    return int(std::count_if(ctx.events.cbegin(), ctx.events.cend(),
                             [&](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

QJsonObject lastEvent(const FakeRoleContext &ctx, const QString &kind)
{
    for (auto it = ctx.events.crbegin(); it != ctx.events.crend(); ++it) {
        if (it->kind == kind)
            return it->fields;
    }
    return {};
}

QJsonObject jobOf(FleetManagerRole &role, FakeRoleContext &ctx, const QString &id)
{
    role.handle(get(u"/fleet/jobs/"_s + id));
    return lastAnswer(ctx);
}

// Brings robots online: one heartbeat each, idle.
void hearFrom(FleetManagerRole &role, FakeRoleContext &ctx, std::initializer_list<int> numbers)
{
    for (int n : numbers)
        role.handle(heartbeat(n, ctx.now));
}

} // namespace

class TstFleetManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToFleet();
    void submitGoesToLowestIdleRobot();
    void submitValidation_data();
    void submitValidation();
    void resubmissionIsTheSameJob();
    void queuedUntilARobotIsFree();
    void heartbeatSaysWhoseJobItIs_data();
    void heartbeatSaysWhoseJobItIs();
    void silentRobotsJobIsReassignedOnce();
    void completionReportClosesTheJobOnce();
    void staleCompletionClosesTheJobAndSupersedes();
    void undeliveredOfferRequeues();
    void listingFiltersAndUnknownJobs();
    void restartRestoresJobsAndGivesRobotsGrace();
    void lostOfferIsMadeAgainAfterRestart();
};

// The manager serves everything under /fleet.
void TstFleetManager::subscribesToFleet()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 1);
    QCOMPARE(ctx.subscriptions.first().address, u"/fleet"_s);
    QVERIFY(ctx.events.isEmpty());   // a first start restores nothing
}

// A submitted job goes at once to the lowest-numbered idle robot: the answer says so and
// the robot is sent the job, with the submission's request id, as attempt 1.
void TstFleetManager::submitGoesToLowestIdleRobot()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {3, 1, 2});
    role.handle(submit({{u"task"_s, u"survey"_s}, {u"durationMs"_s, 8000}}, "user-req-1"));

    QCOMPARE(lastStatus(ctx), 201);
    const QJsonObject answer = lastAnswer(ctx);
    QCOMPARE(answer.value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(answer.value("robot"_L1).toString(), u"robot-1"_s);
    QCOMPARE(answer.value("state"_L1).toString(), u"assigned"_s);
    QCOMPARE(answer.value("attempt"_L1).toInt(), 1);

    const QList<Envelope> offers = sentTo(ctx, u"/robot/1/jobs"_s);
    QCOMPARE(offers.size(), 1);
    QCOMPARE(offers.first().requestId, QByteArray("user-req-1"));
    const QJsonObject offer = bodyOf(offers.first());
    QCOMPARE(offer.value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(offer.value("attempt"_L1).toInt(), 1);
    QCOMPARE(offer.value("durationMs"_L1).toInt(), 8000);
    QCOMPARE(eventCount(ctx, u"job-submitted"_s), 1);
    QCOMPARE(lastEvent(ctx, u"job-assigned"_s).value("robot"_L1).toString(), u"robot-1"_s);

    // The next job goes to the next free robot.
    role.handle(submit({{u"durationMs"_s, 100}}));
    QCOMPARE(lastAnswer(ctx).value("robot"_L1).toString(), u"robot-2"_s);
    QCOMPARE(lastAnswer(ctx).value("job"_L1).toString(), u"J-2"_s);
}

void TstFleetManager::submitValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("durationMs");
    QTest::newRow("zero") << QJsonObject{{u"durationMs"_s, 0}} << 400 << qint64(0);
    QTest::newRow("negative") << QJsonObject{{u"durationMs"_s, -5}} << 400 << qint64(0);
    QTest::newRow("not a number") << QJsonObject{{u"durationMs"_s, u"soon"_s}} << 400 << qint64(0);
    QTest::newRow("longer than an hour") << QJsonObject{{u"durationMs"_s, 3'600'001}} << 400 << qint64(0);
    QTest::newRow("numeric string") << QJsonObject{{u"durationMs"_s, u"2500"_s}} << 201 << qint64(2500);
    QTest::newRow("absent: the default") << QJsonObject{{u"task"_s, u"pick"_s}} << 201 << qint64(1500);
}

// A submission's work time must be a sensible number of milliseconds; without one the
// manager's default applies.
void TstFleetManager::submitValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(qint64, durationMs);
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    role.handle(submit(body));
    QCOMPARE(lastStatus(ctx), status);
    if (status == 201) {
        QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("durationMs"_L1).toInteger(), durationMs);
    } else {
        QVERIFY(lastAnswer(ctx).value("error"_L1).toString().contains("durationMs"_L1));
        role.handle(get(u"/fleet/jobs"_s));
        QCOMPARE(lastAnswer(ctx).value("total"_L1).toInt(), 0);
    }
}

// The same submission again (same request id, new message) answers the same job and adds none.
void TstFleetManager::resubmissionIsTheSameJob()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    role.handle(submit({{u"durationMs"_s, 100}}, "retry-me"));
    role.handle(submit({{u"durationMs"_s, 100}}, "retry-me"));
    QCOMPARE(lastStatus(ctx), 201);
    QCOMPARE(lastAnswer(ctx).value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(eventCount(ctx, u"job-submitted"_s), 1);
    role.handle(get(u"/fleet/jobs"_s));
    QCOMPARE(lastAnswer(ctx).value("total"_L1).toInt(), 1);
}

// With no robot free a job waits in the queue; it goes out as soon as a robot is heard idle,
// and not to a robot that says it still holds something.
void TstFleetManager::queuedUntilARobotIsFree()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    role.handle(submit({{u"durationMs"_s, 100}}));
    QCOMPARE(lastAnswer(ctx).value("state"_L1).toString(), u"queued"_s);
    QVERIFY(lastAnswer(ctx).value("robot"_L1).toString().isEmpty());

    role.handle(heartbeat(4, ctx.now, u"J-99"_s, 1, u"working"_s));   // busy with something of its own
    QVERIFY(sentTo(ctx, u"/robot/4/jobs"_s).isEmpty());
    role.handle(heartbeat(5, ctx.now));
    QCOMPARE(sentTo(ctx, u"/robot/5/jobs"_s).size(), 1);
    QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("robot"_L1).toString(), u"robot-5"_s);
}

void TstFleetManager::heartbeatSaysWhoseJobItIs_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<bool>("yours");
    QTest::newRow("its job, its attempt") << u"J-1"_s << 1 << true;
    QTest::newRow("its job, another attempt") << u"J-1"_s << 2 << false;
    QTest::newRow("a job it never had") << u"J-2"_s << 1 << false;
    QTest::newRow("a job that does not exist") << u"J-42"_s << 1 << false;
}

// The answer to a heartbeat echoes its send time (the robot's lease runs from it) and says
// whether the job the robot reports is still its own.
void TstFleetManager::heartbeatSaysWhoseJobItIs()
{
    QFETCH(QString, job);
    QFETCH(int, attempt);
    QFETCH(bool, yours);
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1, 2});
    role.handle(submit({{u"durationMs"_s, 100}}));   // J-1 to robot-1
    role.handle(submit({{u"durationMs"_s, 100}}));   // J-2 to robot-2

    role.handle(heartbeat(1, ctx.now - 40, job, attempt, u"working"_s));
    QCOMPARE(lastStatus(ctx, u"/robot/1/heartbeat"_s), 200);
    const QJsonObject answer = lastAnswer(ctx, u"/robot/1/heartbeat"_s);
    QCOMPARE(answer.value("sentMs"_L1).toInteger(), ctx.now - 40);
    QCOMPARE(answer.value("job"_L1).toString(), job);
    QCOMPARE(answer.value("attempt"_L1).toInt(), attempt);
    QCOMPARE(answer.value("yours"_L1).toBool(), yours);
    // Only the holder's report makes the job run.
    QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("state"_L1).toString(), yours ? u"running"_s : u"assigned"_s);
}

// A robot silent for longer than the timeout goes offline and its job back to the front
// of the queue, once; the next robot gets it as attempt 2, and the silent robot, when it
// comes back, is told its copy is not its own.
void TstFleetManager::silentRobotsJobIsReassignedOnce()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1});
    role.handle(submit({{u"task"_s, u"survey"_s}, {u"durationMs"_s, 10'000}}));   // J-1 to robot-1
    role.handle(heartbeat(1, ctx.now, u"J-1"_s, 1, u"working"_s));
    role.handle(submit({{u"durationMs"_s, 100}}));   // J-2 waits: nobody free
    const qint64 t0 = ctx.now;

    // robot-2 keeps talking; robot-1 falls silent.
    for (ctx.now = t0 + 50; ctx.now <= t0 + 3000; ctx.now += 50) {
        role.handle(heartbeat(2, ctx.now, u"J-7"_s, 1, u"working"_s));   // busy elsewhere
        role.tick(ctx.now);
    }
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 0);   // not before the timeout
    ctx.now = t0 + 3050;
    role.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"robot-offline"_s), 1);
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 1);
    const QJsonObject reassigned = lastEvent(ctx, u"job-reassigned"_s);
    QCOMPARE(reassigned.value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(reassigned.value("from"_L1).toString(), u"robot-1"_s);
    QCOMPARE(reassigned.value("attempt"_L1).toInt(), 1);

    QJsonObject job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("state"_L1).toString(), u"queued"_s);
    QCOMPARE(job.value("reassignments"_L1).toInt(), 1);
    QCOMPARE(job.value("history"_L1).toArray().first().toObject().value("outcome"_L1).toString(), u"reassigned"_s);

    // robot-3 comes along idle: the reassigned survey goes first, ahead of J-2.
    role.handle(heartbeat(3, ctx.now));
    QCOMPARE(bodyOf(sentTo(ctx, u"/robot/3/jobs"_s).first()).value("job"_L1).toString(), u"J-1"_s);
    job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("robot"_L1).toString(), u"robot-3"_s);
    QCOMPARE(job.value("attempt"_L1).toInt(), 2);

    // Much later, still no second reassignment; robot-1 comes back with its stale copy.
    for (int i = 0; i < 100; ++i) {
        ctx.now += 100;
        role.handle(heartbeat(3, ctx.now, u"J-1"_s, 2, u"working"_s));
        role.handle(heartbeat(2, ctx.now, u"J-7"_s, 1, u"working"_s));
        role.tick(ctx.now);
    }
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 1);
    role.handle(heartbeat(1, ctx.now, u"J-1"_s, 1, u"paused"_s));
    QCOMPARE(lastAnswer(ctx, u"/robot/1/heartbeat"_s).value("yours"_L1).toBool(), false);
    QCOMPARE(eventCount(ctx, u"robot-online"_s), 1);
    QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("robot"_L1).toString(), u"robot-3"_s);
}

// The holder's completion report closes a job; the same report again changes nothing.
void TstFleetManager::completionReportClosesTheJobOnce()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1});
    role.handle(submit({{u"durationMs"_s, 100}}));
    role.handle(submit({{u"durationMs"_s, 100}}));   // queued behind it
    ctx.now += 120;
    role.handle(report(1, u"J-1"_s, 1));
    QCOMPARE(eventCount(ctx, u"job-completed"_s), 1);
    const QJsonObject job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("state"_L1).toString(), u"done"_s);
    QCOMPARE(job.value("finishedBy"_L1).toString(), u"robot-1"_s);
    QCOMPARE(job.value("progress"_L1).toInt(), 100);
    // The robot said it is free: the next job follows at once.
    QCOMPARE(sentTo(ctx, u"/robot/1/jobs"_s).size(), 2);

    role.handle(report(1, u"J-1"_s, 1));
    QCOMPARE(eventCount(ctx, u"job-completed"_s), 1);
    QCOMPARE(role.telemetry().value("reports"_L1).toObject().value("duplicate"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("jobs"_L1).toObject().value("done"_L1).toInt(), 1);
}

// A robot that finished an attempt already taken back (its lease held while it worked)
// closes the job; the newer attempt is superseded and its robot told so.
void TstFleetManager::staleCompletionClosesTheJobAndSupersedes()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1});
    role.handle(submit({{u"durationMs"_s, 1000}}));
    ctx.now += 3100;
    role.tick(ctx.now);   // robot-1 silent: J-1 back in the queue
    role.handle(heartbeat(2, ctx.now));   // J-1 goes to robot-2 as attempt 2
    QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("attempt"_L1).toInt(), 2);

    role.handle(report(1, u"J-1"_s, 1));
    const QJsonObject completed = lastEvent(ctx, u"job-completed"_s);
    QCOMPARE(completed.value("robot"_L1).toString(), u"robot-1"_s);
    QCOMPARE(completed.value("stale"_L1).toBool(), true);
    const QJsonObject job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("state"_L1).toString(), u"done"_s);
    QCOMPARE(job.value("finishedBy"_L1).toString(), u"robot-1"_s);
    QStringList outcomes;
    const QJsonArray history = job.value("history"_L1).toArray();
    for (const QJsonValue &entry : history)
        outcomes.append(entry.toObject().value("outcome"_L1).toString());
    QCOMPARE(outcomes, (QStringList{u"reassigned"_s, u"superseded"_s, u"done"_s}));

    role.handle(heartbeat(2, ctx.now, u"J-1"_s, 2, u"working"_s));
    QCOMPARE(lastAnswer(ctx, u"/robot/2/heartbeat"_s).value("yours"_L1).toBool(), false);
    QCOMPARE(role.telemetry().value("reports"_L1).toObject().value("stale"_L1).toInt(), 1);
}

// An offer no robot took (unreachable) puts the job back at the front of the queue; it is
// no reassignment of work in progress.
void TstFleetManager::undeliveredOfferRequeues()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1});
    role.handle(submit({{u"durationMs"_s, 100}}));
    const QByteArray offerId = sentTo(ctx, u"/robot/1/jobs"_s).first().id;
    role.settled(offerId, false);
    QCOMPARE(eventCount(ctx, u"job-requeued"_s), 1);
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 0);
    QCOMPARE(eventCount(ctx, u"robot-offline"_s), 1);
    QJsonObject job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("state"_L1).toString(), u"queued"_s);
    QCOMPARE(job.value("reassignments"_L1).toInt(), 0);

    role.handle(heartbeat(2, ctx.now));
    job = jobOf(role, ctx, u"J-1"_s);
    QCOMPARE(job.value("robot"_L1).toString(), u"robot-2"_s);
    QCOMPARE(job.value("attempt"_L1).toInt(), 2);
    // A late settlement of the old offer changes nothing.
    role.settled(offerId, false);
    QCOMPARE(jobOf(role, ctx, u"J-1"_s).value("robot"_L1).toString(), u"robot-2"_s);
}

// Users list jobs (optionally by state) and read one; unknown jobs and states are refused.
void TstFleetManager::listingFiltersAndUnknownJobs()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    FleetManagerRole role;
    role.start(ctx);
    hearFrom(role, ctx, {1});
    role.handle(submit({{u"durationMs"_s, 100}}));
    role.handle(submit({{u"durationMs"_s, 100}}));
    role.handle(report(1, u"J-1"_s, 1, u"J-7"_s));

    role.handle(get(u"/fleet/jobs"_s));
    QJsonObject list = lastAnswer(ctx);
    QCOMPARE(list.value("total"_L1).toInt(), 2);
    QCOMPARE(list.value("done"_L1).toInt(), 1);
    QCOMPARE(list.value("queued"_L1).toInt(), 1);
    QCOMPARE(list.value("jobs"_L1).toArray().size(), 2);

    role.handle(get(u"/fleet/jobs?state=queued"_s));
    list = lastAnswer(ctx);
    QCOMPARE(list.value("jobs"_L1).toArray().size(), 1);
    QCOMPARE(list.value("jobs"_L1).toArray().first().toObject().value("job"_L1).toString(), u"J-2"_s);

    role.handle(get(u"/fleet/jobs?state=lost"_s));
    QCOMPARE(lastStatus(ctx), 400);
    role.handle(get(u"/fleet/jobs/J-9"_s));
    QCOMPARE(lastStatus(ctx), 404);
    role.handle(message(u"/fleet/jobs/J-1"_s, {}, u"DELETE"_s));
    QCOMPARE(lastStatus(ctx), 405);
    role.handle(get(u"/fleet/robots"_s));
    QCOMPARE(lastAnswer(ctx).value("robots"_L1).toArray().size(), 1);
    QCOMPARE(lastAnswer(ctx).value("online"_L1).toInt(), 1);
}

// A restarted manager has every job with its state, attempt and robot from its own
// database, hands queued jobs out in order and gives the robots it knew one timeout to say
// hello before taking their jobs.
void TstFleetManager::restartRestoresJobsAndGivesRobotsGrace()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    {
        FleetManagerRole before;
        before.start(ctx);
        hearFrom(before, ctx, {1, 2});
        before.handle(submit({{u"durationMs"_s, 5000}}));   // J-1 robot-1
        before.handle(submit({{u"durationMs"_s, 100}}));    // J-2 robot-2
        before.handle(heartbeat(1, ctx.now, u"J-1"_s, 1, u"working"_s));
        before.handle(report(2, u"J-2"_s, 1, u"J-8"_s));
        ctx.now += 3100;
        before.handle(heartbeat(1, ctx.now, u"J-1"_s, 1, u"working"_s));
        before.tick(ctx.now);   // robot-2 silent, with nothing of its own to take
        before.handle(submit({{u"durationMs"_s, 100}}));    // J-3 queued
        before.handle(submit({{u"durationMs"_s, 100}}));    // J-4 queued
    }
    ctx.events.clear();
    ctx.sent.clear();
    ctx.now += 500;
    FleetManagerRole after;
    after.start(ctx);

    QCOMPARE(eventCount(ctx, u"fleet-restored"_s), 1);
    const QJsonObject restored = after.telemetry().value("restored"_L1).toObject();
    QCOMPARE(restored.value("total"_L1).toInt(), 4);
    QCOMPARE(restored.value("running"_L1).toInt(), 1);
    QCOMPARE(restored.value("done"_L1).toInt(), 1);
    QCOMPARE(restored.value("queued"_L1).toInt(), 2);
    QCOMPARE(restored.value("robots"_L1).toInt(), 2);
    QJsonObject job = jobOf(after, ctx, u"J-1"_s);
    QCOMPARE(job.value("state"_L1).toString(), u"running"_s);
    QCOMPARE(job.value("robot"_L1).toString(), u"robot-1"_s);
    QCOMPARE(jobOf(after, ctx, u"J-2"_s).value("state"_L1).toString(), u"done"_s);

    // Nothing is handed out before a robot has been heard; then J-3 before J-4.
    after.tick(ctx.now);
    QVERIFY(sentTo(ctx, u"/robot/2/jobs"_s).isEmpty());
    after.handle(heartbeat(2, ctx.now));
    QCOMPARE(bodyOf(sentTo(ctx, u"/robot/2/jobs"_s).first()).value("job"_L1).toString(), u"J-3"_s);
    // The next job number continues after the restored ones.
    after.handle(submit({{u"durationMs"_s, 100}}));
    QCOMPARE(lastAnswer(ctx).value("job"_L1).toString(), u"J-5"_s);

    // robot-1 never says hello again: after the grace its job is taken back.
    ctx.now += 2900;
    after.handle(heartbeat(2, ctx.now, u"J-3"_s, 1, u"working"_s));
    after.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 0);
    ctx.now += 200;
    after.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"job-reassigned"_s), 1);
    QCOMPARE(lastEvent(ctx, u"job-reassigned"_s).value("job"_L1).toString(), u"J-1"_s);
}

// An offer lost with the previous process (the robot reports holding nothing, yet the job
// is its own) is made again under the same attempt.
void TstFleetManager::lostOfferIsMadeAgainAfterRestart()
{
    FakeRoleContext ctx(u"fleet-manager"_s, managerParams());
    {
        FleetManagerRole before;
        before.start(ctx);
        hearFrom(before, ctx, {1});
        before.handle(submit({{u"durationMs"_s, 5000}}));
    }
    ctx.sent.clear();
    FleetManagerRole after;
    after.start(ctx);
    after.handle(heartbeat(1, ctx.now));   // idle: it never got J-1
    const QList<Envelope> offers = sentTo(ctx, u"/robot/1/jobs"_s);
    QCOMPARE(offers.size(), 1);
    QCOMPARE(bodyOf(offers.first()).value("job"_L1).toString(), u"J-1"_s);
    QCOMPARE(bodyOf(offers.first()).value("attempt"_L1).toInt(), 1);
    // While that offer is on its way, another idle heartbeat does not repeat it.
    after.handle(heartbeat(1, ctx.now));
    QCOMPARE(sentTo(ctx, u"/robot/1/jobs"_s).size(), 1);
}

QTEST_GUILESS_MAIN(TstFleetManager)
#include "tst_fleetmanager.moc"
