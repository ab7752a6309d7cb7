#include "node/roles/fishandchips/cook.h"
#include "node/roles/fishandchips/fishorder.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::CookRole;
using Portolan::Node::FishAndChips::FishOrder;
using Portolan::Node::FishAndChips::Portions;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject params()
{
    return QJsonObject{{u"batch"_s, QJsonObject{{u"cod"_s, 6}, {u"chips"_s, 10}}},
                       {u"fryMs"_s, QJsonObject{{u"cod"_s, 700}, {u"chips"_s, 500}, {u"plaice"_s, 900}}},
                       {u"retryMs"_s, 200}};
}

Envelope job(const QString &orderId, const QJsonObject &items, const QJsonObject &missing, int rounds = 1)
{
    FishOrder order;
    order.id = orderId;
    order.till = 1;
    order.items = *Portions::fromJson(items);
    order.replyTo = u"/till/1/ready"_s;
    order.key = order.hasPlaice() ? u"plaice-key"_s : QString();
    order.cookRounds = rounds;
    QJsonObject body = order.toJson();
    body.insert(u"short"_s, missing);
    body.insert(u"preparer"_s, u"preparer-1"_s);
    Envelope m;
    m.id = "msg/" + orderId.toUtf8();
    m.requestId = u"cook/%1/%2"_s.arg(orderId).arg(rounds).toUtf8();
    m.address = u"/cook/orders"_s;
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

void advance(CookRole &role, FakeRoleContext &ctx, qint64 ms)
{
    const qint64 until = ctx.now + ms;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + 50, until);
        role.tick(ctx.now);
    }
}

} // namespace

class TstCookRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundUp_data();
    void roundUp();
    void friesStocksThenReturns();
    void jobTakesTheLongestFryingTime_data();
    void jobTakesTheLongestFryingTime();
    void jobsFollowEachOtherFirstInFirstOut();
    void refusedDeliveryIsRetried();
    void restartResendsDeliveries();
    void sameJobTwiceIsOneJob();
};

void TstCookRole::roundUp_data()
{
    QTest::addColumn<QJsonObject>("missing");
    QTest::addColumn<QJsonObject>("cooked");
    QTest::newRow("one cod: a whole batch") << QJsonObject{{u"cod"_s, 1}} << QJsonObject{{u"cod"_s, 6}};
    QTest::newRow("exactly a batch") << QJsonObject{{u"cod"_s, 6}} << QJsonObject{{u"cod"_s, 6}};
    QTest::newRow("a batch and one") << QJsonObject{{u"cod"_s, 7}} << QJsonObject{{u"cod"_s, 12}};
    QTest::newRow("chips") << QJsonObject{{u"chips"_s, 3}} << QJsonObject{{u"chips"_s, 10}};
    QTest::newRow("plaice to order") << QJsonObject{{u"plaice"_s, 3}} << QJsonObject{{u"plaice"_s, 3}};
    QTest::newRow("mixed") << QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 11}}
                           << QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 20}};
    QTest::newRow("nothing missing") << QJsonObject{} << QJsonObject{};
}

// Cod and chips are rounded up to whole batches; plaice is cooked exactly as missing.
void TstCookRole::roundUp()
{
    QFETCH(QJsonObject, missing);
    QFETCH(QJsonObject, cooked);
    const Portions batches{{u"cod"_s, 6}, {u"chips"_s, 10}};
    QCOMPARE(CookRole::roundUp(*Portions::fromJson(missing), batches).toJson(), cooked);
}

// A job is fried, its portions go to the cabinet, and only once the cabinet has them is
// the order sent back to the preparers on /cooked, keyed like the order.
void TstCookRole::friesStocksThenReturns()
{
    FakeRoleContext ctx(u"cook-1"_s, params());
    CookRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/cook"_s);
    role.handle(job(u"T1-1"_s, QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 1}}, QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 1}}));
    QCOMPARE(ctx.outstanding, 1);
    advance(role, ctx, 850);
    QVERIFY(sentTo(ctx, u"/cabinet/stock"_s).isEmpty());
    advance(role, ctx, 100);
    const QList<Envelope> stock = sentTo(ctx, u"/cabinet/stock"_s);
    QCOMPARE(stock.size(), 1);
    QCOMPARE(bodyOf(stock.first()).value(u"items"_s).toObject(), (QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 10}}));
    QVERIFY(sentTo(ctx, u"/cooked"_s).isEmpty());
    role.settled(stock.first().id, true);
    const QList<Envelope> back = sentTo(ctx, u"/cooked"_s);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.first().key, u"plaice-key"_s);
    const std::optional<FishOrder> order = FishOrder::fromBody(back.first().body);
    QVERIFY(order);
    QCOMPARE(order->id, u"T1-1"_s);
    QCOMPARE(order->cookRounds, 1);
    QVERIFY(!bodyOf(back.first()).contains(u"short"_s));
    role.settled(back.first().id, true);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"jobs"_s).toInteger(), 1);
    QCOMPARE(t.value(u"returned"_s).toInteger(), 1);
    QCOMPARE(t.value(u"cooked"_s).toObject().value(u"chips"_s).toInteger(), 10);
    QCOMPARE(t.value(u"delivering"_s).toInteger(), 0);
    QCOMPARE(ctx.outstanding, 0);
}

void TstCookRole::jobTakesTheLongestFryingTime_data()
{
    QTest::addColumn<QJsonObject>("missing");
    QTest::addColumn<qint64>("cookMs");
    QTest::newRow("chips") << QJsonObject{{u"chips"_s, 1}} << qint64(500);
    QTest::newRow("cod and chips") << QJsonObject{{u"cod"_s, 1}, {u"chips"_s, 1}} << qint64(700);
    QTest::newRow("plaice") << QJsonObject{{u"plaice"_s, 2}} << qint64(900);
    QTest::newRow("an item without a time") << QJsonObject{{u"pie"_s, 1}} << qint64(800);
}

// The baskets fry side by side: a job takes as long as its slowest item.
void TstCookRole::jobTakesTheLongestFryingTime()
{
    QFETCH(QJsonObject, missing);
    QFETCH(qint64, cookMs);
    FakeRoleContext ctx(u"cook-1"_s, params());
    CookRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(job(u"T1-2"_s, missing, missing));
    ctx.now = t0 + cookMs - 1;
    role.tick(ctx.now);
    QVERIFY(sentTo(ctx, u"/cabinet/stock"_s).isEmpty());
    ctx.now = t0 + cookMs;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 1);
    QCOMPARE(ctx.events.last().fields.value(u"cookMs"_s).toInteger(), cookMs);
}

// One fryer: jobs are cooked in arrival order, each starting when the previous ended.
void TstCookRole::jobsFollowEachOtherFirstInFirstOut()
{
    FakeRoleContext ctx(u"cook-1"_s, params());
    CookRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(job(u"T1-3"_s, QJsonObject{{u"chips"_s, 1}}, QJsonObject{{u"chips"_s, 1}}));
    role.handle(job(u"T1-4"_s, QJsonObject{{u"cod"_s, 1}}, QJsonObject{{u"cod"_s, 1}}));
    ctx.now = t0 + 1199;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 1);
    ctx.now = t0 + 1200;
    role.tick(ctx.now);
    const QList<Envelope> stock = sentTo(ctx, u"/cabinet/stock"_s);
    QCOMPARE(stock.size(), 2);
    QCOMPARE(bodyOf(stock[0]).value(u"order"_s).toString(), u"T1-3"_s);
    QCOMPARE(bodyOf(stock[1]).value(u"order"_s).toString(), u"T1-4"_s);
    QCOMPARE(ctx.events.last().fields.value(u"doneMs"_s).toInteger(), t0 + 1200);
}

// A delivery nobody took (cabinet or preparers unreachable) is sent again after retryMs,
// under the same message id.
void TstCookRole::refusedDeliveryIsRetried()
{
    FakeRoleContext ctx(u"cook-1"_s, params());
    CookRole role;
    role.start(ctx);
    role.handle(job(u"T1-5"_s, QJsonObject{{u"cod"_s, 1}}, QJsonObject{{u"cod"_s, 1}}));
    advance(role, ctx, 700);
    const Envelope stock = sentTo(ctx, u"/cabinet/stock"_s).first();
    role.settled(stock.id, false);
    advance(role, ctx, 150);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 1);
    advance(role, ctx, 100);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 2);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).last().id, stock.id);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).last().requestId, stock.requestId);
}

// A cook restarted on its store sends again the delivery it had not finished: the cabinet
// step if it was not settled, else the return.
void TstCookRole::restartResendsDeliveries()
{
    FakeRoleContext ctx(u"cook-1"_s, params());
    {
        CookRole role;
        role.start(ctx);
        role.handle(job(u"T1-6"_s, QJsonObject{{u"cod"_s, 1}}, QJsonObject{{u"cod"_s, 1}}));
        role.handle(job(u"T1-7"_s, QJsonObject{{u"chips"_s, 1}}, QJsonObject{{u"chips"_s, 1}}));
        advance(role, ctx, 1200);
        role.settled(sentTo(ctx, u"/cabinet/stock"_s).first().id, true);   // T1-6 stocked
    }
    ctx.sent.clear();
    CookRole restarted;
    restarted.start(ctx);
    QCOMPARE(sentTo(ctx, u"/cooked"_s).size(), 1);
    QCOMPARE(FishOrder::fromBody(sentTo(ctx, u"/cooked"_s).first().body)->id, u"T1-6"_s);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 1);
    QCOMPARE(bodyOf(sentTo(ctx, u"/cabinet/stock"_s).first()).value(u"order"_s).toString(), u"T1-7"_s);
    QCOMPARE(restarted.telemetry().value(u"jobs"_s).toInteger(), 2);
}

// The same job delivered twice (same request id) is fried once.
void TstCookRole::sameJobTwiceIsOneJob()
{
    FakeRoleContext ctx(u"cook-1"_s, params());
    CookRole role;
    role.start(ctx);
    Envelope first = job(u"T1-8"_s, QJsonObject{{u"cod"_s, 1}}, QJsonObject{{u"cod"_s, 1}});
    Envelope second = first;
    second.id = "another-message";
    role.handle(first);
    role.handle(second);
    advance(role, ctx, 2000);
    QCOMPARE(sentTo(ctx, u"/cabinet/stock"_s).size(), 1);
    QCOMPARE(role.telemetry().value(u"jobs"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(TstCookRole)
#include "tst_cookrole.moc"
