#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/till.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::FishOrder;
using Portolan::Node::FishAndChips::TillRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject tillParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"number"_s, 1}, {u"rate"_s, 10}, {u"count"_s, 5}, {u"seed"_s, 3}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

void runFor(TillRole &role, FakeRoleContext &ctx, qint64 ms, qint64 stepMs = 50)
{
    const qint64 until = ctx.now + ms;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + stepMs, until);
        role.tick(ctx.now);
    }
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

Envelope readyFor(const QString &order, const QString &preparer)
{
    Envelope m;
    m.id = "ready/" + preparer.toUtf8() + '/' + order.toUtf8();
    m.address = u"/till/1/ready"_s;
    m.body = QJsonDocument(QJsonObject{{u"order"_s, order}, {u"preparer"_s, preparer}, {u"cookRounds"_s, 0}})
                 .toJson(QJsonDocument::Compact);
    return m;
}

Envelope webOrder(const QByteArray &requestId, const QJsonObject &body)
{
    Envelope m;
    m.id = requestId;
    m.requestId = requestId;
    m.address = u"/till/1/orders"_s;
    m.replyTo = u"/_ingress/web"_s;
    m.setHeader(u"Method"_s, u"POST"_s);
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

int eventCount(const FakeRoleContext &ctx, const QString &kind)
{
    return int(std::count_if(ctx.events.begin(), ctx.events.end(),
                             [&](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

} // namespace

class TstTillRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToItsOwnAddress();
    void invalidParams_data();
    void invalidParams();
    void generatesCountOrdersAtRate();
    void ordersCarryPriceKeyAndReplyTo();
    void takingsAreTheSumOfPrices();
    void sameSeedSameOrders();
    void refusedOrderIsSentAgainWithTheSameId();
    void readyCollectsOnceAndFlagsRepeats();
    void webOrderThroughIngress_data();
    void webOrderThroughIngress();
    void repeatedWebRequestIsOneOrder();
    void restartSendsWhatWasNotSent();
};

// A till listens on /till/<n> for "ready" answers and web orders.
void TstTillRole::subscribesToItsOwnAddress()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams());
    TillRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 1);
    QCOMPARE(ctx.subscriptions.first().address, u"/till/1"_s);
}

void TstTillRole::invalidParams_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("no number") << u"number"_s << QJsonValue(0);
    QTest::newRow("negative rate") << u"rate"_s << QJsonValue(-1);
    QTest::newRow("share above one") << u"plaiceShare"_s << QJsonValue(2);
    QTest::newRow("bad menu price") << u"menu"_s << QJsonValue(QJsonObject{{u"cod"_s, -1}});
}

// A till with a bad param stays idle, subscribes to nothing and says why.
void TstTillRole::invalidParams()
{
    QFETCH(QString, name);
    QFETCH(QJsonValue, value);
    FakeRoleContext ctx(u"till-1"_s, tillParams({{name, value}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 2000);
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(ctx.sent.isEmpty());
    QVERIFY(!role.telemetry().value(u"error"_s).toString().isEmpty());
}

// Customers arrive at `rate` after the start delay, and no more than `count` of them.
void TstTillRole::generatesCountOrdersAtRate()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"rate"_s, 4}, {u"count"_s, 6}, {u"startDelayMs"_s, 1000}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 1000);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 0);
    runFor(role, ctx, 1000);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 4);
    runFor(role, ctx, 5000);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 6);
    QCOMPARE(role.telemetry().value(u"orders"_s).toInteger(), 6);
    QVERIFY(role.telemetry().value(u"done"_s).toBool());
    QCOMPARE(eventCount(ctx, u"order-taken"_s), 6);
}

// Every order goes to /orders with its price, the till's ready address, and the plaice
// key exactly when it has plaice.
void TstTillRole::ordersCarryPriceKeyAndReplyTo()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 40}, {u"rate"_s, 100}, {u"plaiceShare"_s, 0.5},
                                                 {u"plaiceKey"_s, u"fish-key"_s}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 1000);
    const QList<Envelope> orders = sentTo(ctx, u"/orders"_s);
    QCOMPARE(orders.size(), 40);
    int plaice = 0;
    for (const Envelope &e : orders) {
        const std::optional<FishOrder> order = FishOrder::fromBody(e.body);
        QVERIFY(order);
        QCOMPARE(e.replyTo, u"/till/1/ready"_s);
        QCOMPARE(e.requestId, order->id.toUtf8());
        QCOMPARE(e.key, order->hasPlaice() ? u"fish-key"_s : QString());
        const qint64 price = 750 * order->items.count(u"cod"_s) + 950 * order->items.count(u"plaice"_s)
                             + 300 * order->items.count(u"chips"_s);
        QCOMPARE(order->price, price);
        plaice += order->hasPlaice();
    }
    QVERIFY(plaice > 5 && plaice < 35);
    QCOMPARE(role.telemetry().value(u"plaice"_s).toInteger(), plaice);
}

// The till's takings are the sum of the prices of the orders it took, web orders included.
void TstTillRole::takingsAreTheSumOfPrices()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 12}, {u"rate"_s, 100}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 500);
    role.handle(webOrder("w1", QJsonObject{{u"items"_s, QJsonObject{{u"plaice"_s, 1}}}}));
    runFor(role, ctx, 100);
    qint64 sum = 0;
    for (const Envelope &e : sentTo(ctx, u"/orders"_s))
        sum += FishOrder::fromBody(e.body)->price;
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 13);
    QCOMPARE(role.telemetry().value(u"takings"_s).toInteger(), sum);
}

// Two tills with the same number and seed take the same orders: runs repeat.
void TstTillRole::sameSeedSameOrders()
{
    FakeRoleContext a(u"till-1"_s, tillParams({{u"count"_s, 10}}));
    FakeRoleContext b(u"till-1"_s, tillParams({{u"count"_s, 10}}));
    TillRole roleA, roleB;
    roleA.start(a);
    roleB.start(b);
    runFor(roleA, a, 2000, 50);
    runFor(roleB, b, 2000, 170);
    const QList<Envelope> x = sentTo(a, u"/orders"_s), y = sentTo(b, u"/orders"_s);
    QCOMPARE(x.size(), 10);
    QCOMPARE(y.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(FishOrder::fromBody(x[i].body)->items, FishOrder::fromBody(y[i].body)->items);
        QCOMPARE(FishOrder::fromBody(x[i].body)->channel, FishOrder::fromBody(y[i].body)->channel);
    }
}

// An order nobody took is kept and sent again after retryMs under the same message id.
void TstTillRole::refusedOrderIsSentAgainWithTheSameId()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 1}, {u"retryMs"_s, 300}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 200);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 1);
    const Envelope first = sentTo(ctx, u"/orders"_s).first();
    role.settled(first.id, false);
    runFor(role, ctx, 250);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 1);
    runFor(role, ctx, 100);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 2);
    const Envelope again = sentTo(ctx, u"/orders"_s).last();
    QCOMPARE(again.id, first.id);
    QCOMPARE(again.body, first.body);
    QCOMPARE(role.telemetry().value(u"refusals"_s).toInteger(), 1);
    role.settled(again.id, true);
    QCOMPARE(role.telemetry().value(u"sent"_s).toInteger(), 1);
    QCOMPARE(role.telemetry().value(u"unsent"_s).toInteger(), 0);
}

// The first "ready" for an order is its collection; a second one is counted as an order
// completed twice, never as a second collection.
void TstTillRole::readyCollectsOnceAndFlagsRepeats()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 2}}));
    TillRole role;
    role.start(ctx);
    runFor(role, ctx, 500);
    const QString id = FishOrder::fromBody(sentTo(ctx, u"/orders"_s).first().body)->id;
    role.handle(readyFor(id, u"preparer-1"_s));
    QCOMPARE(role.telemetry().value(u"collected"_s).toInteger(), 1);
    QCOMPARE(role.telemetry().value(u"awaiting"_s).toInteger(), 1);
    role.handle(readyFor(id, u"preparer-2"_s));
    QCOMPARE(role.telemetry().value(u"collected"_s).toInteger(), 1);
    QCOMPARE(role.telemetry().value(u"duplicateCompletions"_s).toInteger(), 1);
    QCOMPARE(eventCount(ctx, u"order-completed-again"_s), 1);
    role.handle(readyFor(u"T9-1"_s, u"preparer-1"_s));   // not this till's
    QCOMPARE(role.telemetry().value(u"collected"_s).toInteger(), 1);
}

void TstTillRole::webOrderThroughIngress_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("price");
    QTest::newRow("plaice and chips") << QJsonObject{{u"items"_s, QJsonObject{{u"plaice"_s, 1}, {u"chips"_s, 2}}}} << 200
                                      << qint64(1550);
    QTest::newRow("no items") << QJsonObject{{u"items"_s, QJsonObject{}}} << 400 << qint64(0);
    QTest::newRow("negative count") << QJsonObject{{u"items"_s, QJsonObject{{u"cod"_s, -1}}}} << 400 << qint64(0);
    QTest::newRow("not on the menu") << QJsonObject{{u"items"_s, QJsonObject{{u"pie"_s, 1}}}} << 400 << qint64(0);
}

// A web order posted to /till/<n>/orders is priced, answered and sent like any other.
void TstTillRole::webOrderThroughIngress()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(qint64, price);
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 0}, {u"rate"_s, 0}}));
    TillRole role;
    role.start(ctx);
    role.handle(webOrder("req-1", body));
    const QList<Envelope> answers = sentTo(ctx, u"/_ingress/web"_s);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().header(u"Status").toInt(), status);
    runFor(role, ctx, 100);
    QCOMPARE(sentTo(ctx, u"/orders"_s).size(), status == 200 ? 1 : 0);
    if (status == 200) {
        const QJsonObject answer = QJsonDocument::fromJson(answers.first().body).object();
        QCOMPARE(answer.value(u"price"_s).toInteger(), price);
        QCOMPARE(answer.value(u"channel"_s).toString(), u"web"_s);
        QCOMPARE(role.telemetry().value(u"web"_s).toInteger(), 1);
    }
}

// The same web request delivered twice is one order with one answer repeated.
void TstTillRole::repeatedWebRequestIsOneOrder()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 0}}));
    TillRole role;
    role.start(ctx);
    const QJsonObject body{{u"items"_s, QJsonObject{{u"cod"_s, 2}}}};
    role.handle(webOrder("req-7", body));
    role.handle(webOrder("req-7", body));
    const QList<Envelope> answers = sentTo(ctx, u"/_ingress/web"_s);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(answers[0].body).object().value(u"order"_s),
             QJsonDocument::fromJson(answers[1].body).object().value(u"order"_s));
    QCOMPARE(role.telemetry().value(u"orders"_s).toInteger(), 1);
}

// A till restarted on its store sends the orders it had not got accepted, and numbers on.
void TstTillRole::restartSendsWhatWasNotSent()
{
    FakeRoleContext ctx(u"till-1"_s, tillParams({{u"count"_s, 3}, {u"rate"_s, 100}}));
    QByteArray acceptedId;
    {
        TillRole role;
        role.start(ctx);
        runFor(role, ctx, 100);
        QCOMPARE(sentTo(ctx, u"/orders"_s).size(), 3);
        acceptedId = sentTo(ctx, u"/orders"_s).first().id;
        role.settled(acceptedId, true);
    }
    ctx.sent.clear();
    TillRole restarted;
    restarted.start(ctx);
    runFor(restarted, ctx, 100);
    const QList<Envelope> again = sentTo(ctx, u"/orders"_s);
    QCOMPARE(again.size(), 2);
    QVERIFY(again[0].id != acceptedId && again[1].id != acceptedId);
    QCOMPARE(restarted.telemetry().value(u"orders"_s).toInteger(), 3);
    QVERIFY(restarted.telemetry().value(u"done"_s).toBool());
}

QTEST_GUILESS_MAIN(TstTillRole)
#include "tst_tillrole.moc"
