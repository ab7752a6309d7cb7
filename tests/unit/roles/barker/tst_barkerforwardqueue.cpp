#include "barkertestmessages.h"
#include "node/roles/barker/directoryclient.h"
#include "node/roles/barker/forwardqueue.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::BarkerMessages;
using Portolan::Node::Barker::DirectoryClient;
using Portolan::Node::Barker::ForwardQueue;
using Portolan::Node::Barker::Policy;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

// A queue in a fake entity, with the directory client it picks instances from.
struct Rig
{
    explicit Rig(const ForwardQueue::Target &target, int window = 4, const QString &watch = {})
    {
        directory.start(ctx, 250);
        if (!watch.isEmpty())
            directory.watch(watch);
        queue.start(ctx, &directory, target, window, 200);
    }
    void tick() { queue.tick(ctx.now); }
    void advance(qint64 ms)
    {
        const qint64 until = ctx.now + ms;
        while (ctx.now < until) {
            ctx.now = qMin(ctx.now + 50, until);
            queue.tick(ctx.now);
        }
    }
    void push(const QString &id, const QString &receiptTo = {})
    {
        queue.push(id, QJsonObject{{u"bark"_s, id}, {u"text"_s, u"woof"_s}}, receiptTo);
    }

    FakeRoleContext ctx{u"inbox"_s};
    DirectoryClient directory;
    ForwardQueue queue;
};

QStringList ids(const QList<Envelope> &messages)
{
    QStringList out;
    for (const Envelope &m : messages)
        out.append(QString::fromUtf8(m.requestId));
    return out;
}

} // namespace

class TstBarkerForwardQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardsOldestFirstWithinTheWindow();
    void ackedItemsLeaveTheQueue();
    void refusalHoldsTheQueueThenResends();
    void duplicatesAreNotQueuedTwice();
    void failoverPicksTheLowestRank();
    void droppedInstanceItemsGoToTheNextOne();
    void roundRobinTakesEachInTurn();
    void noLiveInstanceMeansTheQueueGrows();
    void receiptsCompleteItemsNotAcks();
    void doneItemsAreReceiptedUpstream();
    void restartSendsWhatWasNotDone();
};

// Items go out oldest first, no more than `window` unsettled at a time.
void TstBarkerForwardQueue::forwardsOldestFirstWithinTheWindow()
{
    Rig rig({u"/barker/feed"_s, {}, Policy::Failover, false}, 3);
    for (int i = 1; i <= 5; ++i)
        rig.push(u"b%1"_s.arg(i));
    rig.tick();
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/feed"_s)), (QStringList{u"b1"_s, u"b2"_s, u"b3"_s}));
    QCOMPARE(rig.queue.inFlight(), 3);
    QCOMPARE(rig.queue.depth(), 5);
}

// An acknowledged item is done: it leaves the queue and makes room in the window.
void TstBarkerForwardQueue::ackedItemsLeaveTheQueue()
{
    Rig rig({u"/barker/feed"_s, {}, Policy::Failover, false}, 1);
    rig.push(u"b1"_s);
    rig.push(u"b2"_s);
    rig.tick();
    QVERIFY(rig.queue.settled(sentTo(rig.ctx, u"/barker/feed"_s).first().id, true));
    QCOMPARE(rig.queue.depth(), 1);
    rig.tick();
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/feed"_s)), (QStringList{u"b1"_s, u"b2"_s}));
    QCOMPARE(rig.queue.telemetry().value(u"forwarded"_s).toInteger(), 1);
    QVERIFY(!rig.queue.settled("not-ours", true));
}

// A refused item stays; the queue sends nothing for retryMs, then sends it again.
void TstBarkerForwardQueue::refusalHoldsTheQueueThenResends()
{
    Rig rig({u"/barker/feed"_s, {}, Policy::Failover, false}, 1);
    rig.push(u"b1"_s);
    rig.push(u"b2"_s);
    rig.tick();
    rig.queue.settled(sentTo(rig.ctx, u"/barker/feed"_s).first().id, false);
    rig.advance(150);
    QCOMPARE(sentTo(rig.ctx, u"/barker/feed"_s).size(), 1);
    rig.advance(100);
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/feed"_s)), (QStringList{u"b1"_s, u"b1"_s}));
    QCOMPARE(rig.queue.depth(), 2);
    QCOMPARE(rig.queue.telemetry().value(u"refusals"_s).toInteger(), 1);
}

// An id queued before is a duplicate, whether still queued or long done.
void TstBarkerForwardQueue::duplicatesAreNotQueuedTwice()
{
    Rig rig({u"/barker/feed"_s, {}, Policy::Failover, false});
    QVERIFY(rig.queue.push(u"b1"_s, QJsonObject{}));
    QVERIFY(!rig.queue.push(u"b1"_s, QJsonObject{}));
    rig.tick();
    rig.queue.settled(sentTo(rig.ctx, u"/barker/feed"_s).first().id, true);
    QVERIFY(!rig.queue.push(u"b1"_s, QJsonObject{}));
    QCOMPARE(rig.queue.depth(), 0);
    QCOMPARE(rig.queue.telemetry().value(u"duplicates"_s).toInteger(), 2);
}

// Failover sends to the live instance of lowest rank, whatever order they were listed in.
void TstBarkerForwardQueue::failoverPicksTheLowestRank()
{
    Rig rig({{}, u"bizlogic"_s, Policy::Failover, false}, 4, u"bizlogic"_s);
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-2"_s, 2}, {u"bizlogic-1"_s, 1}}, 1));
    rig.push(u"b1"_s);
    rig.push(u"b2"_s);
    rig.tick();
    QCOMPARE(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-1"_s).size(), 2);
    QVERIFY(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-2"_s).isEmpty());
    QCOMPARE(rig.queue.telemetry().value(u"target"_s).toString(), u"bizlogic-1"_s);
}

// When the directory drops an instance, what was sent to it unsettled goes to the next
// one, and the switch is an event.
void TstBarkerForwardQueue::droppedInstanceItemsGoToTheNextOne()
{
    Rig rig({{}, u"bizlogic"_s, Policy::Failover, false}, 4, u"bizlogic"_s);
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-1"_s, 1}, {u"bizlogic-2"_s, 2}}, 1));
    rig.push(u"b1"_s);
    rig.push(u"b2"_s);
    rig.tick();
    rig.queue.settled(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-1"_s).first().id, true);   // b1 done
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-2"_s, 2}}, 2));
    rig.tick();
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-2"_s)), (QStringList{u"b2"_s}));
    QCOMPARE(rig.queue.telemetry().value(u"resent"_s).toInteger(), 1);
    QCOMPARE(rig.queue.telemetry().value(u"failovers"_s).toInteger(), 1);
    QCOMPARE(rig.ctx.events.last().kind, u"failover"_s);
    QCOMPARE(rig.ctx.events.last().fields.value(u"to"_s).toString(), u"bizlogic-2"_s);
    // The first message's late ack is no longer ours.
    QVERIFY(!rig.queue.settled(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-1"_s).last().id, true));
    QCOMPARE(rig.queue.depth(), 1);
}

// Round robin gives each live instance its turn, whatever their ranks.
void TstBarkerForwardQueue::roundRobinTakesEachInTurn()
{
    Rig rig({{}, u"outbox"_s, Policy::RoundRobin, false}, 100, u"outbox"_s);
    rig.directory.handle(announcement(u"outbox"_s, {{u"outbox-1"_s, 1}, {u"outbox-2"_s, 1}, {u"outbox-3"_s, 1}}, 1));
    for (int i = 1; i <= 9; ++i)
        rig.push(u"b%1"_s.arg(i));
    rig.tick();
    for (const QString &outbox : {u"outbox-1"_s, u"outbox-2"_s, u"outbox-3"_s})
        QCOMPARE(sentTo(rig.ctx, u"/barker/outbox/"_s + outbox).size(), 3);
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/outbox/outbox-2"_s)), (QStringList{u"b2"_s, u"b5"_s, u"b8"_s}));
    for (const Envelope &m : std::as_const(rig.ctx.sent))
        rig.queue.settled(m.id, true);
    const QJsonObject to = rig.queue.telemetry().value(u"forwardedTo"_s).toObject();
    QCOMPARE(to.value(u"outbox-3"_s).toInteger(), 3);
}

// With no live instance nothing is sent and the queue only deepens, until one appears.
void TstBarkerForwardQueue::noLiveInstanceMeansTheQueueGrows()
{
    Rig rig({{}, u"bizlogic"_s, Policy::Failover, false}, 4, u"bizlogic"_s);
    rig.directory.handle(announcement(u"bizlogic"_s, {}, 1));
    for (int i = 1; i <= 6; ++i) {
        rig.push(u"b%1"_s.arg(i));
        rig.advance(100);
    }
    QVERIFY(sentUnder(rig.ctx, u"/barker/bizlogic"_s).isEmpty());
    QCOMPARE(rig.queue.depth(), 6);
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-1"_s, 1}}, 2));
    rig.advance(300);
    QCOMPARE(sentUnder(rig.ctx, u"/barker/bizlogic"_s).size(), 4);
}

// With receipts, an acknowledged item waits for its consumer's receipt; an instance that
// dies holding it acknowledged does not take it along.
void TstBarkerForwardQueue::receiptsCompleteItemsNotAcks()
{
    Rig rig({{}, u"bizlogic"_s, Policy::Failover, true}, 4, u"bizlogic"_s);
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-1"_s, 1}, {u"bizlogic-2"_s, 2}}, 1));
    rig.push(u"b1"_s);
    rig.push(u"b2"_s);
    rig.tick();
    const QList<Envelope> sent = sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-1"_s);
    QCOMPARE(sent.first().replyTo, rig.queue.receiptAddress());
    rig.queue.settled(sent[0].id, true);
    rig.queue.settled(sent[1].id, true);
    QCOMPARE(rig.queue.depth(), 2);
    QVERIFY(rig.queue.handle(receipt(rig.queue.receiptAddress(), "b1", u"bizlogic-1"_s)));
    QCOMPARE(rig.queue.depth(), 1);
    rig.directory.handle(announcement(u"bizlogic"_s, {{u"bizlogic-2"_s, 2}}, 2));
    rig.tick();
    QCOMPARE(ids(sentTo(rig.ctx, u"/barker/bizlogic/bizlogic-2"_s)), (QStringList{u"b2"_s}));
    QVERIFY(!rig.queue.handle(receipt(u"/elsewhere"_s, "b2", u"x"_s)));
}

// A done item is receipted to whoever queued it; a repeat of a done item gets the
// receipt again, so a sender that missed it is not left waiting.
void TstBarkerForwardQueue::doneItemsAreReceiptedUpstream()
{
    Rig rig({u"/barker/feed"_s, {}, Policy::Failover, false});
    rig.push(u"b1"_s, u"/barker/receipts/bizlogic-1/queue"_s);
    rig.tick();
    QVERIFY(sentTo(rig.ctx, u"/barker/receipts/bizlogic-1/queue"_s).isEmpty());
    rig.queue.settled(sentTo(rig.ctx, u"/barker/feed"_s).first().id, true);
    QCOMPARE(sentTo(rig.ctx, u"/barker/receipts/bizlogic-1/queue"_s).size(), 1);
    QCOMPARE(sentTo(rig.ctx, u"/barker/receipts/bizlogic-1/queue"_s).first().requestId, QByteArray("b1"));
    rig.push(u"b1"_s, u"/barker/receipts/bizlogic-2/queue"_s);
    QCOMPARE(sentTo(rig.ctx, u"/barker/receipts/bizlogic-2/queue"_s).size(), 1);
}

// A queue restarted on its store sends again, in order, what was not done.
void TstBarkerForwardQueue::restartSendsWhatWasNotDone()
{
    FakeRoleContext ctx(u"outbox-1"_s);
    {
        DirectoryClient directory;
        directory.start(ctx, 250);
        ForwardQueue queue;
        queue.start(ctx, &directory, {u"/barker/feed"_s, {}, Policy::Failover, false}, 4, 200);
        for (const QString &id : {u"b1"_s, u"b2"_s, u"b3"_s})
            queue.push(id, QJsonObject{{u"bark"_s, id}});
        queue.tick(ctx.now);
        queue.settled(ctx.sent.first().id, true);
    }
    ctx.sent.clear();
    DirectoryClient directory;
    directory.start(ctx, 250);
    ForwardQueue queue;
    queue.start(ctx, &directory, {u"/barker/feed"_s, {}, Policy::Failover, false}, 4, 200);
    QCOMPARE(queue.depth(), 2);
    queue.tick(ctx.now);
    QCOMPARE(ids(sentTo(ctx, u"/barker/feed"_s)), (QStringList{u"b2"_s, u"b3"_s}));
    QCOMPARE(queue.telemetry().value(u"received"_s).toInteger(), 3);
}

QTEST_GUILESS_MAIN(TstBarkerForwardQueue)
#include "tst_barkerforwardqueue.moc"
