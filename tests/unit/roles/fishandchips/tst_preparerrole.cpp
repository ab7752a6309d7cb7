#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/preparer.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::FishOrder;
using Portolan::Node::FishAndChips::Portions;
using Portolan::Node::FishAndChips::PreparerRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

const QString answers = u"/preparer/preparer-1/cabinet"_s;

FishOrder makeOrder(const QString &id, Portions items, int cookRounds = 0)
{
    FishOrder order;
    order.id = id;
    order.till = 1;
    order.channel = u"counter"_s;
    order.items = std::move(items);
    order.price = 1050;
    order.replyTo = u"/till/1/ready"_s;
    order.key = order.hasPlaice() ? u"plaice"_s : QString();
    order.cookRounds = cookRounds;
    return order;
}

Envelope orderMessage(const FishOrder &order, const QString &address = u"/orders"_s)
{
    Envelope m;
    m.id = "msg/" + order.id.toUtf8() + '/' + QByteArray::number(order.cookRounds);
    m.requestId = order.id.toUtf8();
    m.address = address;
    m.body = order.toBody();
    return m;
}

Envelope cabinetAnswer(const QByteArray &requestId, int status, const QJsonObject &body)
{
    Envelope m;
    m.id = "answer/" + requestId;
    m.requestId = requestId;
    m.address = answers;
    m.setHeader(u"Status"_s, QString::number(status));
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &address)
{
    QList<Envelope> out;
    for (const Envelope &e : ctx.sent) {
        if (e.address == address)
            out.append(e);
    }
    return out;
}

QJsonObject bodyOf(const Envelope &e)
{
    return QJsonDocument::fromJson(e.body).object();
}

void advance(PreparerRole &role, FakeRoleContext &ctx, qint64 ms)
{
    const qint64 until = ctx.now + ms;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + 50, until);
        role.tick(ctx.now);
    }
}

QJsonObject params()
{
    return QJsonObject{{u"prepareMs"_s, 400}, {u"retryMs"_s, 200}, {u"answerTimeoutMs"_s, 1000}};
}

} // namespace

class TstPreparerRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesAsAGroup();
    void takesThenMakesUpThenTellsTheTill();
    void shortOrderGoesToTheCook();
    void cookedOrderIsTakenAgainAndCountsAsWaited();
    void oneOrderAtATimeInArrivalOrder();
    void repeatOfAMadeOrderIsNotMadeAgain();
    void asksAgainWhenRefusedOrUnanswered_data();
    void asksAgainWhenRefusedOrUnanswered();
    void staleAnswerIsIgnored();
    void refusedReadyIsSentAgain();
    void restartResumesTheOrderInHand_data();
    void restartResumesTheOrderInHand();
    void outstandingFollowsTheQueue();
};

// Preparers share /orders and /cooked as one group and hear the cabinet on their own address.
void TstPreparerRole::subscribesAsAGroup()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 3);
    QCOMPARE(ctx.subscriptions[0].address, u"/orders"_s);
    QCOMPARE(ctx.subscriptions[0].group, u"preparers"_s);
    QCOMPARE(ctx.subscriptions[1].address, u"/cooked"_s);
    QCOMPARE(ctx.subscriptions[1].group, u"preparers"_s);
    QCOMPARE(ctx.subscriptions[2].address, answers);
}

// An order is taken from the cabinet first, made up for prepareMs, then reported ready to
// its till with the preparer's name; the portions count as served.
void TstPreparerRole::takesThenMakesUpThenTellsTheTill()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    const FishOrder order = makeOrder(u"T1-1"_s, Portions{{u"cod"_s, 1}, {u"chips"_s, 2}});
    role.handle(orderMessage(order));
    role.tick(ctx.now);
    const QList<Envelope> asks = sentTo(ctx, u"/cabinet/take"_s);
    QCOMPARE(asks.size(), 1);
    QCOMPARE(asks.first().requestId, QByteArray("take/T1-1/0"));
    QCOMPARE(asks.first().replyTo, answers);
    QCOMPARE(bodyOf(asks.first()).value(u"items"_s).toObject(), order.items.toJson());
    role.handle(cabinetAnswer(asks.first().requestId, 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 350);
    QVERIFY(sentTo(ctx, u"/till/1/ready"_s).isEmpty());
    advance(role, ctx, 100);
    const QList<Envelope> ready = sentTo(ctx, u"/till/1/ready"_s);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(bodyOf(ready.first()).value(u"order"_s).toString(), u"T1-1"_s);
    QCOMPARE(bodyOf(ready.first()).value(u"preparer"_s).toString(), u"preparer-1"_s);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"made"_s).toInteger(), 1);
    QCOMPARE(t.value(u"served"_s).toObject().value(u"chips"_s).toInteger(), 2);
    QCOMPARE(t.value(u"waited"_s).toInteger(), 0);
    QCOMPARE(t.value(u"phase"_s).toString(), u"idle"_s);
}

// When the cabinet is short, the order goes to the cook with what was missing, one cook
// round more, and the preparer moves on.
void TstPreparerRole::shortOrderGoesToTheCook()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-2"_s, Portions{{u"plaice"_s, 1}, {u"chips"_s, 1}})));
    role.handle(orderMessage(makeOrder(u"T1-3"_s, Portions{{u"cod"_s, 1}})));
    role.tick(ctx.now);
    role.handle(cabinetAnswer("take/T1-2/0", 409,
                              QJsonObject{{u"taken"_s, false}, {u"short"_s, QJsonObject{{u"plaice"_s, 1}}}}));
    role.tick(ctx.now);
    const QList<Envelope> cook = sentTo(ctx, u"/cook/orders"_s);
    QCOMPARE(cook.size(), 1);
    const QJsonObject job = bodyOf(cook.first());
    QCOMPARE(job.value(u"order"_s).toString(), u"T1-2"_s);
    QCOMPARE(job.value(u"cookRounds"_s).toInt(), 1);
    QCOMPARE(job.value(u"short"_s).toObject(), (QJsonObject{{u"plaice"_s, 1}}));
    QCOMPARE(job.value(u"key"_s).toString(), u"plaice"_s);
    QCOMPARE(cook.first().requestId, QByteArray("cook/T1-2/1"));
    // The next order is being asked for already.
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).last().requestId, QByteArray("take/T1-3/0"));
    QCOMPARE(role.telemetry().value(u"sentToCook"_s).toInteger(), 1);
    QCOMPARE(role.telemetry().value(u"made"_s).toInteger(), 0);
}

// An order back from the cook is asked for under a new request id and, once made,
// counts as an order that waited for cooking; plaice orders count as plaice made.
void TstPreparerRole::cookedOrderIsTakenAgainAndCountsAsWaited()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-4"_s, Portions{{u"plaice"_s, 2}}, 1), u"/cooked"_s));
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).first().requestId, QByteArray("take/T1-4/1"));
    role.handle(cabinetAnswer("take/T1-4/1", 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 500);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"made"_s).toInteger(), 1);
    QCOMPARE(t.value(u"waited"_s).toInteger(), 1);
    QCOMPARE(t.value(u"plaiceMade"_s).toInteger(), 1);
    QCOMPARE(t.value(u"served"_s).toObject().value(u"plaice"_s).toInteger(), 2);
    QCOMPARE(bodyOf(sentTo(ctx, u"/till/1/ready"_s).first()).value(u"cookRounds"_s).toInt(), 1);
}

// Orders are asked for one at a time, in the order they arrived.
void TstPreparerRole::oneOrderAtATimeInArrivalOrder()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    for (const QString &id : {u"T1-9"_s, u"T2-1"_s, u"T1-5"_s})
        role.handle(orderMessage(makeOrder(id, Portions{{u"cod"_s, 1}})));
    QStringList madeOrder;
    for (int i = 0; i < 3; ++i) {
        role.tick(ctx.now);
        const QList<Envelope> asks = sentTo(ctx, u"/cabinet/take"_s);
        QCOMPARE(asks.size(), i + 1);
        role.handle(cabinetAnswer(asks.last().requestId, 200, QJsonObject{{u"taken"_s, true}}));
        advance(role, ctx, 400);
        madeOrder.append(bodyOf(sentTo(ctx, u"/till/1/ready"_s).last()).value(u"order"_s).toString());
    }
    QCOMPARE(madeOrder, (QStringList{u"T1-9"_s, u"T2-1"_s, u"T1-5"_s}));
}

// An order this preparer already made, delivered again, is a repeat: not made twice.
void TstPreparerRole::repeatOfAMadeOrderIsNotMadeAgain()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    const FishOrder order = makeOrder(u"T1-6"_s, Portions{{u"cod"_s, 1}});
    role.handle(orderMessage(order));
    role.tick(ctx.now);
    role.handle(cabinetAnswer("take/T1-6/0", 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 500);
    Envelope again = orderMessage(order);
    again.id = "resent";
    role.handle(again);
    advance(role, ctx, 1000);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).size(), 1);
    QCOMPARE(role.telemetry().value(u"made"_s).toInteger(), 1);
    QCOMPARE(role.telemetry().value(u"repeats"_s).toInteger(), 1);
}

void TstPreparerRole::asksAgainWhenRefusedOrUnanswered_data()
{
    QTest::addColumn<bool>("refused");
    QTest::addColumn<qint64>("quietMs");
    QTest::addColumn<qint64>("askAgainAfterMs");
    QTest::newRow("no cabinet: refused") << true << qint64(150) << qint64(100);
    QTest::newRow("accepted, never answered") << false << qint64(950) << qint64(100);
}

// A take nobody received is asked again after retryMs, one never answered after the
// answer timeout; both under the same request id, so the cabinet takes nothing twice.
void TstPreparerRole::asksAgainWhenRefusedOrUnanswered()
{
    QFETCH(bool, refused);
    QFETCH(qint64, quietMs);
    QFETCH(qint64, askAgainAfterMs);
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-7"_s, Portions{{u"cod"_s, 1}})));
    role.tick(ctx.now);
    const Envelope ask = sentTo(ctx, u"/cabinet/take"_s).first();
    role.settled(ask.id, !refused);
    advance(role, ctx, quietMs);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).size(), 1);
    advance(role, ctx, askAgainAfterMs);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).size(), 2);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).last().requestId, ask.requestId);
}

// An answer to a question no longer open changes nothing.
void TstPreparerRole::staleAnswerIsIgnored()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-8"_s, Portions{{u"cod"_s, 1}})));
    role.tick(ctx.now);
    role.handle(cabinetAnswer("take/T0-1/0", 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 600);
    QCOMPARE(role.telemetry().value(u"phase"_s).toString(), u"asking"_s);
    QCOMPARE(role.telemetry().value(u"made"_s).toInteger(), 0);
}

// A "ready" the till did not get is sent again after retryMs with the same message id.
void TstPreparerRole::refusedReadyIsSentAgain()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-10"_s, Portions{{u"cod"_s, 1}})));
    role.tick(ctx.now);
    role.handle(cabinetAnswer("take/T1-10/0", 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 400);
    const Envelope ready = sentTo(ctx, u"/till/1/ready"_s).first();
    role.settled(ready.id, false);
    advance(role, ctx, 250);
    QCOMPARE(sentTo(ctx, u"/till/1/ready"_s).size(), 2);
    QCOMPARE(sentTo(ctx, u"/till/1/ready"_s).last().id, ready.id);
    role.settled(ready.id, true);
    advance(role, ctx, 500);
    QCOMPARE(sentTo(ctx, u"/till/1/ready"_s).size(), 2);
}

void TstPreparerRole::restartResumesTheOrderInHand_data()
{
    QTest::addColumn<bool>("taken");
    QTest::newRow("asked, no answer yet") << false;
    QTest::newRow("taken, being made up") << true;
}

// A preparer restarted on its store carries on with the order it had in hand: asks again
// under the same request id, or finishes making it up without asking twice.
void TstPreparerRole::restartResumesTheOrderInHand()
{
    QFETCH(bool, taken);
    FakeRoleContext ctx(u"preparer-1"_s, params());
    {
        PreparerRole role;
        role.start(ctx);
        role.handle(orderMessage(makeOrder(u"T1-11"_s, Portions{{u"cod"_s, 1}})));
        role.tick(ctx.now);
        if (taken)
            role.handle(cabinetAnswer("take/T1-11/0", 200, QJsonObject{{u"taken"_s, true}}));
    }
    ctx.sent.clear();
    PreparerRole restarted;
    restarted.start(ctx);
    if (!taken) {
        QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).size(), 1);
        QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).first().requestId, QByteArray("take/T1-11/0"));
        restarted.handle(cabinetAnswer("take/T1-11/0", 200, QJsonObject{{u"taken"_s, true}}));
    }
    advance(restarted, ctx, 500);
    QCOMPARE(sentTo(ctx, u"/cabinet/take"_s).size(), taken ? 0 : 1);
    QCOMPARE(sentTo(ctx, u"/till/1/ready"_s).size(), 1);
    QCOMPARE(restarted.telemetry().value(u"made"_s).toInteger(), 1);
}

// The queue length is advertised as outstanding work, for balanced distribution.
void TstPreparerRole::outstandingFollowsTheQueue()
{
    FakeRoleContext ctx(u"preparer-1"_s, params());
    PreparerRole role;
    role.start(ctx);
    role.handle(orderMessage(makeOrder(u"T1-12"_s, Portions{{u"cod"_s, 1}})));
    role.handle(orderMessage(makeOrder(u"T1-13"_s, Portions{{u"cod"_s, 1}})));
    QCOMPARE(ctx.outstanding, 2);
    role.tick(ctx.now);
    role.handle(cabinetAnswer("take/T1-12/0", 200, QJsonObject{{u"taken"_s, true}}));
    advance(role, ctx, 400);
    QCOMPARE(ctx.outstanding, 1);
}

QTEST_GUILESS_MAIN(TstPreparerRole)
#include "tst_preparerrole.moc"
