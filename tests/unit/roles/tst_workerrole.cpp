#include "node/roles/worker.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::WorkerRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject workerParams(qint64 serviceMs, std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"address"_s, u"/work"_s}, {u"serviceMs"_s, serviceMs}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

Envelope request(const QByteArray &id, const QString &replyTo = u"/gen/replies"_s)
{
    Envelope m;
    m.id = id;
    m.requestId = "req-" + id;
    m.address = u"/work"_s;
    m.replyTo = replyTo;
    m.body = "job " + id;
    return m;
}

// The message ids of the "work-done" events, in the order they were emitted.
QList<QByteArray> doneIds(const FakeRoleContext &ctx)
{
    QList<QByteArray> ids;
    for (const FakeRoleContext::Event &e : ctx.events) {
        if (e.kind == "work-done"_L1)
            ids.append(e.fields.value("messageId"_L1).toString().toLatin1());
    }
    return ids;
}

void runUntil(WorkerRole &role, FakeRoleContext &ctx, qint64 until, qint64 stepMs)
{
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + stepMs, until);
        role.tick(ctx.now);
    }
}

QJsonObject bodyOf(const Envelope &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

class TstWorkerRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesWithGroupAndCapacity();
    void fifoServiceAtServiceMs_data();
    void fifoServiceAtServiceMs();
    void idleServerStartsOnArrival();
    void outstandingFollowsBacklog();
    void repliesOnCompletion();
    void noReplyWhenDisabledOrNoReplyTo_data();
    void noReplyWhenDisabledOrNoReplyTo();
    void telemetryCounts();
    void drainWaitsForBacklog();
    void completionsPerTickAreBounded();
    void zeroServiceCompletesOnArrival_data();
    void zeroServiceCompletesOnArrival();
    void restartResumesPersistedBacklog();
    void invalidParams_data();
    void invalidParams();
};

// The worker consumes its address with the configured group and capacity.
void TstWorkerRole::subscribesWithGroupAndCapacity()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(10, {{u"group"_s, u"preparers"_s}, {u"capacity"_s, 8}}));
    WorkerRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 1);
    QCOMPARE(ctx.subscriptions.first().address, u"/work"_s);
    QCOMPARE(ctx.subscriptions.first().group, u"preparers"_s);
    QCOMPARE(ctx.subscriptions.first().capacity, 8);
    QCOMPARE(ctx.outstanding, 0);
}

void TstWorkerRole::fifoServiceAtServiceMs_data()
{
    QTest::addColumn<qint64>("tickMs");
    QTest::newRow("ticks every 1 ms") << qint64(1);
    QTest::newRow("ticks every 7 ms") << qint64(7);
    QTest::newRow("ticks every 50 ms") << qint64(50);
}

// One server, first in first out: item k of a batch that arrived together finishes at
// arrival + k × serviceMs exactly, however coarse the ticks.
void TstWorkerRole::fifoServiceAtServiceMs()
{
    QFETCH(qint64, tickMs);
    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    WorkerRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(request("c"));
    role.handle(request("a"));
    role.handle(request("b"));

    ctx.now = t0 + 9;
    role.tick(ctx.now);
    QVERIFY(doneIds(ctx).isEmpty());
    ctx.now = t0 + 10;
    role.tick(ctx.now);
    QCOMPARE(doneIds(ctx), QList<QByteArray>{"c"});

    runUntil(role, ctx, t0 + 100, tickMs);
    QCOMPARE(doneIds(ctx), (QList<QByteArray>{"c", "a", "b"}));
    QCOMPARE(ctx.sent.size(), 3);
    QList<qint64> finished;
    QList<qint64> queued;
    for (const Envelope &reply : std::as_const(ctx.sent)) {
        finished.append(bodyOf(reply).value("finishedMs"_L1).toInteger() - t0);
        queued.append(bodyOf(reply).value("queuedMs"_L1).toInteger());
    }
    QCOMPARE(finished, (QList<qint64>{10, 20, 30}));
    QCOMPARE(queued, (QList<qint64>{0, 10, 20}));
    QCOMPARE(ctx.store().backlogSize(), 0);
}

// An idle server starts an item when it arrives, not when the previous one ended.
void TstWorkerRole::idleServerStartsOnArrival()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    WorkerRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(request("first"));
    runUntil(role, ctx, t0 + 500, 50);
    QCOMPARE(doneIds(ctx).size(), 1);

    ctx.now = t0 + 503;
    role.handle(request("second"));
    ctx.now = t0 + 512;
    role.tick(ctx.now);
    QCOMPARE(doneIds(ctx).size(), 1);
    ctx.now = t0 + 513;
    role.tick(ctx.now);
    QCOMPARE(doneIds(ctx).size(), 2);
    QCOMPARE(bodyOf(ctx.sent.last()).value("finishedMs"_L1).toInteger(), t0 + 513);
}

// The outstanding work advertised is the backlog: up on each delivery, down on completion.
void TstWorkerRole::outstandingFollowsBacklog()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    WorkerRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(request("a"));
    QCOMPARE(ctx.outstanding, 1);
    role.handle(request("b"));
    role.handle(request("c"));
    QCOMPARE(ctx.outstanding, 3);
    role.handle(request("c"));   // the store keeps one item per message id
    QCOMPARE(ctx.outstanding, 3);
    ctx.now = t0 + 20;
    role.tick(ctx.now);
    QCOMPARE(ctx.outstanding, 1);
    ctx.now = t0 + 30;
    role.tick(ctx.now);
    QCOMPARE(ctx.outstanding, 0);
}

// When its work is done a request is answered at its Reply-To, with its request id,
// Status 200 and the worker as From; a "work-done" event says the same.
void TstWorkerRole::repliesOnCompletion()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(5));
    WorkerRole role;
    role.start(ctx);
    role.handle(request("a", u"/store/32"_s));
    QVERIFY(ctx.sent.isEmpty());   // not before the work is done
    ctx.now += 5;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    const Envelope &reply = ctx.sent.first();
    QCOMPARE(reply.address, u"/store/32"_s);
    QCOMPARE(reply.requestId, QByteArray("req-a"));
    QCOMPARE(reply.header(u"Status"), u"200"_s);
    QCOMPARE(reply.header(u"From"), u"w1"_s);
    const QJsonObject body = bodyOf(reply);
    QCOMPARE(body.value("worker"_L1).toString(), u"w1"_s);
    QCOMPARE(body.value("messageId"_L1).toString(), u"a"_s);
    QCOMPARE(body.value("serviceMs"_L1).toInteger(), 5);

    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"work-done"_s);
    QCOMPARE(ctx.events.first().fields.value("requestId"_L1).toString(), u"req-a"_s);
    QCOMPARE(ctx.events.first().fields.value("backlog"_L1).toInteger(), 0);
}

void TstWorkerRole::noReplyWhenDisabledOrNoReplyTo_data()
{
    QTest::addColumn<QJsonValue>("replies");
    QTest::addColumn<QString>("replyTo");
    QTest::newRow("replies off") << QJsonValue(false) << u"/gen"_s;
    QTest::newRow("replies off as text") << QJsonValue(u"false"_s) << u"/gen"_s;
    QTest::newRow("request without Reply-To") << QJsonValue(true) << QString();
}

// No answer is sent when replies are off or nobody asked for one; the work still counts.
void TstWorkerRole::noReplyWhenDisabledOrNoReplyTo()
{
    QFETCH(QJsonValue, replies);
    QFETCH(QString, replyTo);
    FakeRoleContext ctx(u"w1"_s, workerParams(5, {{u"replies"_s, replies}}));
    WorkerRole role;
    role.start(ctx);
    role.handle(request("a", replyTo));
    ctx.now += 5;
    role.tick(ctx.now);
    QVERIFY(ctx.sent.isEmpty());
    QCOMPARE(doneIds(ctx), QList<QByteArray>{"a"});
    QCOMPARE(ctx.store().completedCount(), 1);
}

// Telemetry reports backlog, completed, accepted and the service time.
void TstWorkerRole::telemetryCounts()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    WorkerRole role;
    role.start(ctx);
    for (const QByteArray &id : {QByteArray("a"), QByteArray("b"), QByteArray("c")})
        role.handle(request(id));
    ctx.now += 15;
    role.tick(ctx.now);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("backlog"_L1).toInteger(), 2);
    QCOMPARE(t.value("completed"_L1).toInteger(), 1);
    QCOMPARE(t.value("accepted"_L1).toInteger(), 3);
    QCOMPARE(t.value("serviceMs"_L1).toInteger(), 10);
    QCOMPARE(t.value("address"_L1).toString(), u"/work"_s);
}

// Draining cannot refuse delivered work: it is done once the backlog is empty.
void TstWorkerRole::drainWaitsForBacklog()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    WorkerRole role;
    role.start(ctx);
    QVERIFY(role.drain());
    role.handle(request("a"));
    QVERIFY(!role.drain());
    ctx.now += 10;
    role.tick(ctx.now);
    QVERIFY(role.drain());
}

// A zero service time and a deep backlog finish at most MaxCompletionsPerTick per tick
// (replies due: the items queue rather than complete on arrival).
void TstWorkerRole::completionsPerTickAreBounded()
{
    FakeRoleContext ctx(u"w1"_s, workerParams(0));
    WorkerRole role;
    role.start(ctx);
    const int total = WorkerRole::MaxCompletionsPerTick + 100;
    ctx.store().begin();
    for (int i = 0; i < total; ++i)
        role.handle(request("m" + QByteArray::number(i)));
    QVERIFY(ctx.store().commit());
    ctx.now += 1;
    role.tick(ctx.now);
    QCOMPARE(ctx.store().completedCount(), WorkerRole::MaxCompletionsPerTick);
    ctx.now += 1;
    role.tick(ctx.now);
    QCOMPARE(ctx.store().completedCount(), total);
    QCOMPARE(doneIds(ctx).first(), QByteArray("m0"));
    QCOMPARE(doneIds(ctx).last(), "m" + QByteArray::number(total - 1));
}

void TstWorkerRole::zeroServiceCompletesOnArrival_data()
{
    QTest::addColumn<bool>("replies");
    QTest::addColumn<QString>("replyTo");
    QTest::addColumn<bool>("queuedBefore");   // an item with a reply due waits already
    QTest::addColumn<bool>("onArrival");
    QTest::newRow("replies off") << false << u"/gen/replies"_s << false << true;
    QTest::newRow("no Reply-To") << true << QString() << false << true;
    QTest::newRow("reply due: queued") << true << u"/gen/replies"_s << false << false;
    QTest::newRow("behind a queued item") << false << u"/gen/replies"_s << true << false;
}

// With a zero service time and no answer due, an item is done as it arrives, inside
// the delivery transaction: completed, its work-done event out, nothing queued, and
// recorded under the message id so that a duplicate is not done twice. An answer due,
// or an item queued before it, keeps it on the queue (first in, first out).
void TstWorkerRole::zeroServiceCompletesOnArrival()
{
    QFETCH(bool, replies);
    QFETCH(QString, replyTo);
    QFETCH(bool, queuedBefore);
    QFETCH(bool, onArrival);
    FakeRoleContext ctx(u"w1"_s, workerParams(0, {{u"replies"_s, replies}}));
    WorkerRole role;
    role.start(ctx);
    if (queuedBefore) {
        QVERIFY(ctx.store().enqueue("earlier", "payload", ctx.now));
    }
    ctx.store().begin();
    ctx.store().markSeen("a");
    role.handle(request("a", replyTo));
    role.handle(request("a", replyTo));   // a duplicate that got through
    QVERIFY(ctx.store().commit());

    const qint64 before = queuedBefore ? 1 : 0;
    QCOMPARE(ctx.store().completedCount(), onArrival ? 1 : 0);
    QCOMPARE(ctx.store().backlogSize(), before + (onArrival ? 0 : 1));
    QCOMPARE(doneIds(ctx), onArrival ? QList<QByteArray>{"a"} : QList<QByteArray>{});
    QVERIFY(ctx.sent.isEmpty());
    QCOMPARE(ctx.store().seenCount(), 1);
    if (onArrival) {
        QCOMPARE(ctx.events.constLast().fields.value("requestId"_L1).toString(), u"req-a"_s);
        QCOMPARE(ctx.outstanding, 0);
    }

    ctx.now += 1;
    role.tick(ctx.now);
    QCOMPARE(ctx.store().completedCount(), before + 1);
    QCOMPARE(ctx.store().backlogSize(), 0);
    QCOMPARE(doneIds(ctx).count(QByteArray("a")), 1);
    QCOMPARE(ctx.sent.size(), replies && !replyTo.isEmpty() && !onArrival ? 1 : 0);
}

// A worker started on the database of one that stopped resumes its backlog in order and
// still answers the original requests.
void TstWorkerRole::restartResumesPersistedBacklog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"worker.db"_s);
    QString error;
    qint64 now = 0;
    {
        FakeRoleContext ctx(u"w1"_s, workerParams(10));
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        WorkerRole role;
        role.start(ctx);
        role.handle(request("a", u"/r/a"_s));
        role.handle(request("b", u"/r/b"_s));
        role.handle(request("c", u"/r/c"_s));
        ctx.now += 15;   // "a" done, "b" in service when the process stops
        role.tick(ctx.now);
        QCOMPARE(doneIds(ctx), QList<QByteArray>{"a"});
        now = ctx.now;
    }

    FakeRoleContext ctx(u"w1"_s, workerParams(10));
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    ctx.now = now + 1000;
    WorkerRole role;
    role.start(ctx);
    QCOMPARE(ctx.outstanding, 2);
    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"work-resumed"_s);
    QCOMPARE(ctx.events.first().fields.value("backlog"_L1).toInteger(), 2);

    ctx.now += 9;   // the interrupted item starts over at restart
    role.tick(ctx.now);
    QVERIFY(doneIds(ctx).isEmpty());
    ctx.now += 11;
    role.tick(ctx.now);
    QCOMPARE(doneIds(ctx), (QList<QByteArray>{"b", "c"}));
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(ctx.sent.at(0).address, u"/r/b"_s);
    QCOMPARE(ctx.sent.at(0).requestId, QByteArray("req-b"));
    QCOMPARE(ctx.sent.at(1).address, u"/r/c"_s);
    QCOMPARE(ctx.outstanding, 0);
    QCOMPARE(role.telemetry().value("completed"_L1).toInteger(), 3);
}

void TstWorkerRole::invalidParams_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("error");
    QTest::newRow("no address") << QJsonObject{{u"serviceMs"_s, 5}} << u"\"address\" is required"_s;
    QTest::newRow("negative service time") << workerParams(-1) << u"\"serviceMs\""_s;
    QTest::newRow("capacity not a number") << workerParams(5, {{u"capacity"_s, u"lots"_s}})
                                           << u"\"capacity\""_s;
    QTest::newRow("replies not a bool") << workerParams(5, {{u"replies"_s, u"maybe"_s}})
                                        << u"\"replies\""_s;
}

// A worker with unusable params subscribes to nothing and says why.
void TstWorkerRole::invalidParams()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, error);
    FakeRoleContext ctx(u"w1"_s, config);
    WorkerRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(error)));
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(role.telemetry().value("error"_L1).toString().contains(error));
}

QTEST_GUILESS_MAIN(TstWorkerRole)
#include "tst_workerrole.moc"
