#include "milkmessages.h"
#include "node/roles/milkfactory/billing.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
using Portolan::Node::BillingRole;
using Portolan::Test::FakeRoleContext;

namespace {

Envelope startBilling(const QString &contract, double total, const QString &commandId)
{
    return command(u"/billing/commands"_s, u"START_BILLING"_s, commandId, contract,
                   {{u"customer"_s, u"anna"_s}, {u"total"_s, total}}, "sale-a");
}

} // namespace

class TstBilling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsBillingOnItsOwnAddress();
    void aContractIsBilledOnce();
    void invalidCommands_data();
    void invalidCommands();
};

// START_BILLING starts a contract's billing and says so on /billing/events.
void TstBilling::startsBillingOnItsOwnAddress()
{
    FakeRoleContext ctx(u"billing"_s);
    BillingRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/billing"_s);
    role.handle(startBilling(u"C-a"_s, 19.8, u"sale-a/billing"_s));
    const QList<Envelope> events = published(ctx, u"/billing/events"_s, u"BILLING_STARTED"_s);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().requestId, QByteArray("sale-a"));
    QCOMPARE(bodyOf(events.first()).value("total"_L1).toDouble(), 19.8);
    QCOMPARE(lastEvent(ctx, u"billing-started"_s).value("contractId"_L1).toString(), u"C-a"_s);
    QCOMPARE(role.telemetry().value("billed"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("billedTotal"_L1).toDouble(), 19.8);
    role.handle(get(u"/billing/C-a"_s));
    QCOMPARE(lastAnswer(ctx).value("customer"_L1).toString(), u"anna"_s);
}

// The same command again is a duplicate; another command for a billed contract starts
// nothing new and tells again what was started.
void TstBilling::aContractIsBilledOnce()
{
    FakeRoleContext ctx(u"billing"_s);
    BillingRole role;
    role.start(ctx);
    role.handle(startBilling(u"C-a"_s, 19.8, u"sale-a/billing"_s));
    role.handle(startBilling(u"C-a"_s, 19.8, u"sale-a/billing"_s));
    QCOMPARE(sentTo(ctx, u"/billing/events"_s).size(), 1);
    QCOMPARE(eventCount(ctx, u"duplicate-command"_s), 1);
    role.handle(startBilling(u"C-a"_s, 99.0, u"ui-again"_s));
    const QList<Envelope> events = sentTo(ctx, u"/billing/events"_s);
    QCOMPARE(events.size(), 2);
    QCOMPARE(bodyOf(events.last()).value("total"_L1).toDouble(), 19.8);
    QCOMPARE(eventCount(ctx, u"billing-started"_s), 1);
    QCOMPARE(role.telemetry().value("billed"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("billedTotal"_L1).toDouble(), 19.8);
}

void TstBilling::invalidCommands_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("name");
    QTest::newRow("negative total") << QJsonObject{{u"customer"_s, u"anna"_s}, {u"total"_s, -1}} << u"START_BILLING"_s;
    QTest::newRow("no customer") << QJsonObject{{u"total"_s, 10}} << u"START_BILLING"_s;
    QTest::newRow("unknown command") << QJsonObject{} << u"STOP_BILLING"_s;
}

// What billing cannot start goes to the errors address; nothing is billed.
void TstBilling::invalidCommands()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, name);
    FakeRoleContext ctx(u"billing"_s);
    BillingRole role;
    role.start(ctx);
    role.handle(command(u"/billing/commands"_s, name, u"c-1"_s, u"C-a"_s, payload, "sale-a"));
    QCOMPARE(bodyOf(sentTo(ctx, u"/errors"_s).value(0)).value("code"_L1).toString(), u"VALIDATION"_s);
    QVERIFY(sentTo(ctx, u"/billing/events"_s).isEmpty());
    QCOMPARE(role.telemetry().value("billed"_L1).toInt(), 0);
}

QTEST_GUILESS_MAIN(TstBilling)
#include "tst_billing.moc"
