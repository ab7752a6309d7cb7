#include "node/roles/factoryedge/orderdesk.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::OrderDeskRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject deskParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"rate"_s, 10}, {u"item"_s, u"gearbox"_s}, {u"retryMs"_s, 250}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

QList<Envelope> orders(const FakeRoleContext &ctx)
{
    QList<Envelope> out;
    for (const Envelope &e : ctx.sent) {
        if (e.address == "/factories/work-orders"_L1)
            out.append(e);
    }
    return out;
}

Envelope completion(const QByteArray &id, const QByteArray &order, const QString &factory)
{
    Envelope m;
    m.id = id;
    m.requestId = order;
    m.address = u"/order-desk/mgmt-orders/done"_s;
    m.setHeader(u"Status"_s, u"200"_s);
    m.setHeader(u"From"_s, factory);
    return m;
}

Envelope command(const QString &address, const QByteArray &id)
{
    Envelope m;
    m.id = id;
    m.address = address;
    m.replyTo = u"/_ingress/mgmt-edge"_s;
    m.setHeader(u"Method"_s, u"POST"_s);
    return m;
}

qint64 counter(const OrderDeskRole &role, const char *name)
{
    return role.telemetry().value(QLatin1StringView(name)).toInteger();
}

void runFor(OrderDeskRole &role, FakeRoleContext &ctx, qint64 ms)
{
    const qint64 until = ctx.now + ms;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + 50, until);
        role.tick(ctx.now);
    }
}

} // namespace

class TstOrderDeskRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToItsOwnAndTheSharedAddress();
    void issuesOrdersAtItsRate_data();
    void issuesOrdersAtItsRate();
    void ordersCarryItemAndReplyTo();
    void refusedOrderIsIssuedAgainUnderTheSameId();
    void countsEachOrderAcknowledgedAndMadeOnce();
    void stopAndStartOnCommand();
    void restartKeepsCountsAndPendingOrders();
    void invalidRate();
};

// A desk hears reports and commands on its own address and commands to every desk.
void TstOrderDeskRole::subscribesToItsOwnAndTheSharedAddress()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams());
    OrderDeskRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions.at(0).address, u"/order-desk/mgmt-orders"_s);
    QCOMPARE(ctx.subscriptions.at(1).address, u"/order-desks"_s);
}

void TstOrderDeskRole::issuesOrdersAtItsRate_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("startDelayMs");
    QTest::addColumn<int>("runMs");
    QTest::addColumn<int>("issued");
    QTest::newRow("10 a second for 2 s") << 10.0 << 0 << 0 << 2000 << 20;
    QTest::newRow("half a second's worth") << 0.5 << 0 << 0 << 4000 << 2;
    QTest::newRow("stops at count") << 10.0 << 7 << 0 << 2000 << 7;
    QTest::newRow("waits for its start") << 10.0 << 0 << 1000 << 2000 << 10;
    QTest::newRow("rate 0 pauses") << 0.0 << 0 << 0 << 2000 << 0;
}

// Orders go out at the rate, up to count, from startDelayMs on.
void TstOrderDeskRole::issuesOrdersAtItsRate()
{
    QFETCH(double, rate);
    QFETCH(int, count);
    QFETCH(int, startDelayMs);
    QFETCH(int, runMs);
    QFETCH(int, issued);
    FakeRoleContext ctx(u"mgmt-orders"_s,
                        deskParams({{u"rate"_s, rate}, {u"count"_s, count}, {u"startDelayMs"_s, startDelayMs}}));
    OrderDeskRole role;
    role.start(ctx);
    runFor(role, ctx, runMs);
    QCOMPARE(orders(ctx).size(), issued);
    QCOMPARE(counter(role, "issued"), issued);
}

// An order is a POST to the work-orders address whose Reply-To is the desk's report address.
void TstOrderDeskRole::ordersCarryItemAndReplyTo()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams());
    OrderDeskRole role;
    role.start(ctx);
    runFor(role, ctx, 100);
    const Envelope order = orders(ctx).first();
    QCOMPARE(order.replyTo, u"/order-desk/mgmt-orders/done"_s);
    QCOMPARE(order.header(u"Method"), u"POST"_s);
    const QJsonObject body = QJsonDocument::fromJson(order.body).object();
    QCOMPARE(body.value("item"_L1).toString(), u"gearbox"_s);
    QCOMPARE(body.value("desk"_L1).toString(), u"mgmt-orders"_s);
}

// An order refused (no factory reachable) is issued again after retryMs under its id,
// and is counted as issued once.
void TstOrderDeskRole::refusedOrderIsIssuedAgainUnderTheSameId()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams({{u"count"_s, 1}}));
    OrderDeskRole role;
    role.start(ctx);
    runFor(role, ctx, 100);
    QCOMPARE(orders(ctx).size(), 1);
    const QByteArray id = orders(ctx).first().id;
    role.settled(id, false);
    runFor(role, ctx, 200);
    QCOMPARE(orders(ctx).size(), 1);
    runFor(role, ctx, 100);
    QCOMPARE(orders(ctx).size(), 2);
    QCOMPARE(orders(ctx).last().id, id);
    role.settled(id, true);
    QCOMPARE(counter(role, "issued"), 1);
    QCOMPARE(counter(role, "acknowledged"), 1);
    QCOMPARE(counter(role, "retries"), 1);
    QCOMPARE(counter(role, "pendingMessages"), 0);
}

// Acknowledgement and the factory's report count once per order; a report from a
// second factory for the same order counts it as made twice; strangers are ignored.
void TstOrderDeskRole::countsEachOrderAcknowledgedAndMadeOnce()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams({{u"count"_s, 2}}));
    OrderDeskRole role;
    role.start(ctx);
    runFor(role, ctx, 300);
    const QList<Envelope> sent = orders(ctx);
    QCOMPARE(sent.size(), 2);
    role.settled(sent.at(0).id, true);
    role.settled(sent.at(1).id, true);
    role.handle(completion("c1", sent.at(0).id, u"f1-planner"_s));
    role.handle(completion("c2", sent.at(0).id, u"f1-planner"_s));
    QCOMPARE(counter(role, "completed"), 1);
    QCOMPARE(counter(role, "open"), 1);
    QCOMPARE(counter(role, "madeTwice"), 0);
    role.handle(completion("c3", sent.at(0).id, u"f3-planner"_s));
    QCOMPARE(counter(role, "madeTwice"), 1);
    role.handle(completion("c4", "someone-elses-order", u"f2-planner"_s));
    QCOMPARE(counter(role, "completed"), 1);
    role.handle(completion("c5", sent.at(1).id, u"f2-planner"_s));
    QCOMPARE(counter(role, "completed"), 2);
    QCOMPARE(counter(role, "open"), 0);
}

// "stop" (to every desk, or to this one) ends issuing and "start" resumes; both answer.
void TstOrderDeskRole::stopAndStartOnCommand()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams());
    OrderDeskRole role;
    role.start(ctx);
    runFor(role, ctx, 500);
    const qsizetype before = orders(ctx).size();
    QCOMPARE(before, 5);
    role.handle(command(u"/order-desks/stop"_s, "s1"));
    QCOMPARE(ctx.sent.last().address, u"/_ingress/mgmt-edge"_s);
    QCOMPARE(QJsonDocument::fromJson(ctx.sent.last().body).object().value("stopped"_L1).toBool(), true);
    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"orders-stopped"_s);
    runFor(role, ctx, 2000);
    QCOMPARE(orders(ctx).size(), before);
    role.handle(command(u"/order-desk/mgmt-orders/start"_s, "s2"));
    QCOMPARE(ctx.events.last().kind, u"orders-started"_s);
    runFor(role, ctx, 500);
    QCOMPARE(orders(ctx).size(), before + 5);   // no burst for the stopped time
    role.handle(command(u"/order-desks/explode"_s, "s3"));
    QCOMPARE(ctx.sent.last().header(u"Status"), u"400"_s);
}

// Restarted, a desk keeps its counts and stopped state, and issues again the orders
// not yet acknowledged, under their ids.
void TstOrderDeskRole::restartKeepsCountsAndPendingOrders()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"desk.db"_s);
    QString error;
    QByteArray pending;
    {
        FakeRoleContext ctx(u"mgmt-orders"_s, deskParams({{u"count"_s, 2}}));
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        OrderDeskRole role;
        role.start(ctx);
        runFor(role, ctx, 300);
        role.settled(orders(ctx).at(0).id, true);
        pending = orders(ctx).at(1).id;
        role.handle(command(u"/order-desks/stop"_s, "s1"));
    }
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams({{u"count"_s, 2}}));
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    OrderDeskRole role;
    role.start(ctx);
    QCOMPARE(orders(ctx).size(), 1);
    QCOMPARE(orders(ctx).first().id, pending);
    QCOMPARE(counter(role, "issued"), 2);
    QCOMPARE(counter(role, "acknowledged"), 1);
    QVERIFY(role.telemetry().value("stopped"_L1).toBool());
    role.settled(pending, true);
    QCOMPARE(counter(role, "acknowledged"), 2);
}

// A rate that is not a number >= 0 leaves the desk idle, saying why.
void TstOrderDeskRole::invalidRate()
{
    FakeRoleContext ctx(u"mgmt-orders"_s, deskParams({{u"rate"_s, u"lots"_s}}));
    OrderDeskRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"rate"_s));
    role.start(ctx);
    runFor(role, ctx, 1000);
    QVERIFY(ctx.sent.isEmpty());
    QVERIFY(ctx.subscriptions.isEmpty());
    QCOMPARE(role.telemetry().value("error"_L1).toString(), u"param \"rate\" must be a number >= 0"_s);
}

QTEST_APPLESS_MAIN(TstOrderDeskRole)
#include "tst_orderdeskrole.moc"
