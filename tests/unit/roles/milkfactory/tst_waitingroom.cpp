#include "milkmessages.h"
#include "node/roles/milkfactory/waitingroom.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
using Portolan::Node::WaitingRoomRole;
using Portolan::Test::FakeRoleContext;

namespace {

QJsonObject roomParams()
{
    return {{u"address"_s, u"/waiting-room/1s"_s}, {u"delayMs"_s, 1000}};
}

// A command parked for its first retry, as a service parks it.
Envelope parked(qint64 deadlineMs = 0, const QString &returnTo = u"/sales/retry"_s)
{
    Envelope m = command(u"/waiting-room/1s"_s, u"CREATE_CASE"_s, u"sale-d/approval"_s, u"C-d"_s,
                         {{u"kind"_s, u"APPROVAL"_s}}, "sale-d", deadlineMs);
    if (!returnTo.isEmpty())
        m.setHeader(u"Return-To"_s, returnTo);
    m.setHeader(u"Attempt"_s, u"1"_s);
    m.setHeader(u"Original-Address"_s, u"/cases/commands"_s);
    m.setHeader(u"Retry-Reason"_s, u"nobody took it"_s);
    return m;
}

} // namespace

class TstWaitingRoom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void returnsARecordAfterItsWait();
    void refusedReturnWaitsAnotherRound();
    void deadlinePassingWhileWaitingDropsAndReports();
    void recordWithoutReturnToIsRefused();
    void restartedRoomSendsBackWhatItHeld();
    void invalidParams_data();
    void invalidParams();
};

// A parked record waits delayMs and goes back to its Return-To unchanged: request id, key,
// body, headers and deadline; once taken, the room forgets it.
void TstWaitingRoom::returnsARecordAfterItsWait()
{
    FakeRoleContext ctx(u"waiting-room-1s"_s, roomParams());
    WaitingRoomRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/waiting-room/1s"_s);
    const Envelope record = parked(ctx.now + 60'000);
    role.handle(record);
    QCOMPARE(lastEvent(ctx, u"record-parked"_s).value("returnTo"_L1).toString(), u"/sales/retry"_s);
    QCOMPARE(role.telemetry().value("parked"_L1).toInt(), 1);

    const qint64 t0 = ctx.now;
    ctx.now = t0 + 999;
    role.tick(ctx.now);
    QVERIFY(ctx.sent.isEmpty());
    ctx.now = t0 + 1000;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    const Envelope back = ctx.sent.first();
    QCOMPARE(back.address, u"/sales/retry"_s);
    QVERIFY(back.id != record.id);
    QCOMPARE(back.requestId, QByteArray("sale-d"));
    QCOMPARE(back.key, u"C-d"_s);
    QCOMPARE(back.body, record.body);
    QCOMPARE(back.deadlineMs, record.deadlineMs);
    QCOMPARE(back.header(u"Attempt"), u"1"_s);
    QCOMPARE(back.header(u"Original-Address"), u"/cases/commands"_s);
    QCOMPARE(lastEvent(ctx, u"record-returned"_s).value("waitedMs"_L1).toInteger(), 1000);

    role.tick(ctx.now + 5000);
    QCOMPARE(ctx.sent.size(), 1);   // sent back once, while it settles
    role.settled(back.id, true);
    QCOMPARE(role.telemetry().value("parked"_L1).toInt(), 0);
    QCOMPARE(role.telemetry().value("returned"_L1).toInt(), 1);
    QVERIFY(ctx.store().records(u"parked"_s).isEmpty());
}

// When nobody takes it back, the record waits another round (until its deadline).
void TstWaitingRoom::refusedReturnWaitsAnotherRound()
{
    FakeRoleContext ctx(u"waiting-room-1s"_s, roomParams());
    WaitingRoomRole role;
    role.start(ctx);
    role.handle(parked());
    ctx.now += 1000;
    role.tick(ctx.now);
    role.settled(ctx.sent.first().id, false);
    QCOMPARE(role.telemetry().value("heldAgain"_L1).toInt(), 1);
    role.tick(ctx.now + 999);
    QCOMPARE(ctx.sent.size(), 1);
    role.tick(ctx.now + 1000);
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(ctx.sent.last().address, u"/sales/retry"_s);
}

// A record whose "must be processed by" passes while it waits is dropped, not sent back:
// reported as expired and, on the errors address, to its originator.
void TstWaitingRoom::deadlinePassingWhileWaitingDropsAndReports()
{
    FakeRoleContext ctx(u"waiting-room-2s"_s, {{u"address"_s, u"/waiting-room/2s"_s}, {u"delayMs"_s, 2000}});
    WaitingRoomRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(parked(t0 + 700));
    ctx.now = t0 + 700;
    role.tick(ctx.now);
    QVERIFY(ctx.sent.isEmpty());   // not past it yet
    ctx.now = t0 + 701;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/sales/retry"_s).size(), 0);
    const QJsonObject expired = lastEvent(ctx, u"expired"_s);
    QCOMPARE(expired.value("requestId"_L1).toString(), u"sale-d"_s);
    QCOMPARE(expired.value("command"_L1).toString(), u"CREATE_CASE"_s);
    QCOMPARE(expired.value("address"_L1).toString(), u"/cases/commands"_s);
    QCOMPARE(expired.value("lateByMs"_L1).toInteger(), 1);
    const QList<Envelope> errors = sentTo(ctx, u"/errors"_s);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().requestId, QByteArray("sale-d"));
    const QJsonObject error = bodyOf(errors.first());
    QCOMPARE(error.value("code"_L1).toString(), u"DEADLINE_PASSED"_s);
    QCOMPARE(error.value("commandId"_L1).toString(), u"sale-d/approval"_s);
    QCOMPARE(error.value("retryable"_L1).toBool(true), false);
    QCOMPARE(role.telemetry().value("expired"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("parked"_L1).toInt(), 0);
    role.tick(ctx.now + 5000);
    QCOMPARE(ctx.sent.size(), 1);
}

// A room is no dead-letter queue: a record that says nowhere to go back to is refused.
void TstWaitingRoom::recordWithoutReturnToIsRefused()
{
    FakeRoleContext ctx(u"waiting-room-1s"_s, roomParams());
    WaitingRoomRole role;
    role.start(ctx);
    Envelope record = parked(0, {});
    record.replyTo = u"/sales/answers"_s;
    role.handle(record);
    QCOMPARE(lastStatus(ctx, u"/sales/answers"_s), 400);
    QCOMPARE(role.telemetry().value("parked"_L1).toInt(), 0);
}

// What a room held when it stopped is in its database; the next process sends it back
// when it is due.
void TstWaitingRoom::restartedRoomSendsBackWhatItHeld()
{
    FakeRoleContext ctx(u"waiting-room-1s"_s, roomParams());
    const qint64 t0 = ctx.now;
    {
        WaitingRoomRole before;
        before.start(ctx);
        before.handle(parked());
    }
    WaitingRoomRole after;
    after.start(ctx);
    QCOMPARE(after.telemetry().value("parked"_L1).toInt(), 1);
    after.tick(t0 + 500);
    QVERIFY(ctx.sent.isEmpty());
    after.tick(t0 + 1000);
    QCOMPARE(sentTo(ctx, u"/sales/retry"_s).size(), 1);
    QCOMPARE(bodyOf(ctx.sent.first()).value("commandId"_L1).toString(), u"sale-d/approval"_s);
}

void TstWaitingRoom::invalidParams_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("no address") << QJsonObject{{u"delayMs"_s, 1000}};
    QTest::newRow("negative delay") << QJsonObject{{u"address"_s, u"/wr"_s}, {u"delayMs"_s, -1}};
}

// A room with unusable params takes nothing and says why.
void TstWaitingRoom::invalidParams()
{
    QFETCH(QJsonObject, params);
    FakeRoleContext ctx(u"wr"_s, params);
    WaitingRoomRole role;
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(!role.telemetry().value("error"_L1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TstWaitingRoom)
#include "tst_waitingroom.moc"
