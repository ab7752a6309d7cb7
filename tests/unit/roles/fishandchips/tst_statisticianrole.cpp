#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/statistician.h"
#include "support/fakerolecontext.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::FishOrder;
using Portolan::Node::FishAndChips::Portions;
using Portolan::Node::FishAndChips::StatisticianRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope message(const QString &address, const QString &id, const Portions &items, const QString &channel = u"counter"_s,
                 int cookRounds = 0)
{
    FishOrder o;
    o.id = id;
    o.items = items;
    o.channel = channel;
    o.cookRounds = cookRounds;
    Envelope m;
    m.id = (address + u'/' + id + u'/' + QString::number(cookRounds)).toUtf8();
    m.address = address;
    m.body = o.toBody();
    return m;
}

} // namespace

class TstStatisticianRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seesOrdersAndReturnsAsItsOwnGroup();
    void countsOrdersOnce();
    void ordersBackFromTheCookWaited();
};

// The statistician consumes /orders and /cooked, each in its own group.
void TstStatisticianRole::seesOrdersAndReturnsAsItsOwnGroup()
{
    FakeRoleContext ctx(u"statistician"_s);
    StatisticianRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions[0].address, u"/orders"_s);
    QCOMPARE(ctx.subscriptions[1].address, u"/cooked"_s);
    QCOMPARE(ctx.subscriptions[0].group, u"statistics"_s);
    QCOMPARE(ctx.subscriptions[1].group, u"statistics"_s);
}

// Orders are counted once each, by channel, plaice, multi-portion and portions.
void TstStatisticianRole::countsOrdersOnce()
{
    FakeRoleContext ctx(u"statistician"_s);
    StatisticianRole role;
    role.start(ctx);
    role.handle(message(u"/orders"_s, u"T1-1"_s, Portions{{u"cod"_s, 1}, {u"chips"_s, 1}}, u"web"_s));
    role.handle(message(u"/orders"_s, u"T1-2"_s, Portions{{u"plaice"_s, 2}, {u"chips"_s, 1}}));
    role.handle(message(u"/orders"_s, u"T1-2"_s, Portions{{u"plaice"_s, 2}, {u"chips"_s, 1}}));
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"orders"_s).toInteger(), 2);
    QCOMPARE(t.value(u"web"_s).toInteger(), 1);
    QCOMPARE(t.value(u"counter"_s).toInteger(), 1);
    QCOMPARE(t.value(u"plaiceOrders"_s).toInteger(), 1);
    QCOMPARE(t.value(u"multiPortionOrders"_s).toInteger(), 1);
    QCOMPARE(t.value(u"portions"_s).toObject().value(u"chips"_s).toInteger(), 2);
    QCOMPARE(t.value(u"portions"_s).toObject().value(u"plaice"_s).toInteger(), 2);
    QCOMPARE(t.value(u"repeats"_s).toInteger(), 1);
}

// Every message back from the cook counts as a return; an order counts as having waited
// once, however many rounds it went.
void TstStatisticianRole::ordersBackFromTheCookWaited()
{
    FakeRoleContext ctx(u"statistician"_s);
    StatisticianRole role;
    role.start(ctx);
    role.handle(message(u"/orders"_s, u"T1-3"_s, Portions{{u"plaice"_s, 1}}));
    role.handle(message(u"/cooked"_s, u"T1-3"_s, Portions{{u"plaice"_s, 1}}, u"counter"_s, 1));
    role.handle(message(u"/cooked"_s, u"T1-3"_s, Portions{{u"plaice"_s, 1}}, u"counter"_s, 2));
    role.handle(message(u"/cooked"_s, u"T1-4"_s, Portions{{u"cod"_s, 1}}, u"counter"_s, 1));
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"cookReturns"_s).toInteger(), 3);
    QCOMPARE(t.value(u"waitedForCooking"_s).toInteger(), 2);
    QCOMPARE(t.value(u"orders"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(TstStatisticianRole)
#include "tst_statisticianrole.moc"
