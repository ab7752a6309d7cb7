#include "node/roles/fishandchips/accountant.h"
#include "node/roles/fishandchips/fishorder.h"
#include "support/fakerolecontext.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::AccountantRole;
using Portolan::Node::FishAndChips::FishOrder;
using Portolan::Node::FishAndChips::Portions;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope order(const QString &id, qint64 price, const QString &channel, const QByteArray &messageId = {})
{
    FishOrder o;
    o.id = id;
    o.items = Portions{{u"cod"_s, 1}};
    o.price = price;
    o.channel = channel;
    Envelope m;
    m.id = messageId.isEmpty() ? id.toUtf8() : messageId;
    m.address = u"/orders"_s;
    m.body = o.toBody();
    return m;
}

} // namespace

class TstAccountantRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seesOrdersAsItsOwnGroup_data();
    void seesOrdersAsItsOwnGroup();
    void booksEachOrderOnce();
    void booksSurviveARestart();
};

void TstAccountantRole::seesOrdersAsItsOwnGroup_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("group");
    QTest::newRow("default") << QJsonObject{} << u"accounts"_s;
    QTest::newRow("named") << QJsonObject{{u"group"_s, u"books"_s}} << u"books"_s;
}

// The accountant consumes /orders in a group of its own: it gets a copy of every order.
void TstAccountantRole::seesOrdersAsItsOwnGroup()
{
    QFETCH(QJsonObject, params);
    QFETCH(QString, group);
    FakeRoleContext ctx(u"accountant"_s, params);
    AccountantRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 1);
    QCOMPARE(ctx.subscriptions.first().address, u"/orders"_s);
    QCOMPARE(ctx.subscriptions.first().group, group);
}

// Income is the sum of the prices of distinct orders; a repeat of an order is not booked.
void TstAccountantRole::booksEachOrderOnce()
{
    FakeRoleContext ctx(u"accountant"_s);
    AccountantRole role;
    role.start(ctx);
    role.handle(order(u"T1-1"_s, 1050, u"web"_s));
    role.handle(order(u"T2-1"_s, 1550, u"counter"_s));
    role.handle(order(u"T1-1"_s, 1050, u"web"_s, "a-resend"));
    Envelope junk;
    junk.id = "junk";
    junk.body = "not an order";
    role.handle(junk);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"orders"_s).toInteger(), 2);
    QCOMPARE(t.value(u"income"_s).toInteger(), 2600);
    QCOMPARE(t.value(u"web"_s).toInteger(), 1050);
    QCOMPARE(t.value(u"counter"_s).toInteger(), 1550);
    QCOMPARE(t.value(u"repeats"_s).toInteger(), 1);
}

// The books are in the accountant's store: a restart neither loses nor repeats them.
void TstAccountantRole::booksSurviveARestart()
{
    FakeRoleContext ctx(u"accountant"_s);
    {
        AccountantRole role;
        role.start(ctx);
        role.handle(order(u"T1-1"_s, 1050, u"web"_s));
    }
    AccountantRole restarted;
    restarted.start(ctx);
    restarted.handle(order(u"T1-1"_s, 1050, u"web"_s, "after-restart"));
    restarted.handle(order(u"T1-2"_s, 750, u"counter"_s));
    QCOMPARE(restarted.telemetry().value(u"income"_s).toInteger(), 1800);
    QCOMPARE(restarted.telemetry().value(u"orders"_s).toInteger(), 2);
}

QTEST_GUILESS_MAIN(TstAccountantRole)
#include "tst_accountantrole.moc"
