#include "milkmessages.h"
#include "node/roles/milkfactory/contractview.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
namespace Milk = Portolan::Test::Milk;
using Portolan::Node::ContractViewRole;
using Portolan::Test::FakeRoleContext;

namespace {

Envelope contractEvent(const QString &name, int version, const QString &contract = u"C-a"_s)
{
    return Milk::event(u"/event-bus"_s, name, contract,
                 {{u"contractId"_s, contract}, {u"version"_s, version}, {u"state"_s, u"DRAFT"_s}}, "sale-a");
}

} // namespace

class TstContractView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void joinsTheBusAsAGroup();
    void keepsTheNewestVersion();
    void reportsEveryEventItSees();
    void ignoresWhatIsNotAContractEvent();
};

// Views share the bus as one consumer group, so that a contract's events go to one view.
void TstContractView::joinsTheBusAsAGroup()
{
    FakeRoleContext ctx(u"contract-view-2"_s, {{u"number"_s, 2}});
    ContractViewRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.at(0).address, u"/event-bus"_s);
    QCOMPARE(ctx.subscriptions.at(0).group, u"contract-view"_s);
    QCOMPARE(ctx.subscriptions.at(1).address, u"/contract-view/2"_s);

    FakeRoleContext bad(u"contract-view-x"_s, {});
    ContractViewRole broken;
    broken.start(bad);
    QVERIFY(bad.subscriptions.isEmpty());
    QVERIFY(!broken.telemetry().value("error"_L1).toString().isEmpty());
}

// The view holds each contract at its newest version; an older event never takes it back.
void TstContractView::keepsTheNewestVersion()
{
    FakeRoleContext ctx(u"contract-view-1"_s, {{u"number"_s, 1}});
    ContractViewRole role;
    role.start(ctx);
    role.handle(contractEvent(u"CREATED_DRAFT"_s, 1));
    role.handle(contractEvent(u"UPDATED_DRAFT"_s, 2));
    role.handle(contractEvent(u"CREATED_DRAFT"_s, 1));   // late
    role.handle(get(u"/contract-view/1/C-a"_s));
    QCOMPARE(lastAnswer(ctx).value("version"_L1).toInt(), 2);
    QCOMPARE(role.telemetry().value("applied"_L1).toInt(), 2);
    QCOMPARE(role.telemetry().value("stale"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("contracts"_L1).toInt(), 1);
    role.handle(get(u"/contract-view/1/C-b"_s));
    QCOMPARE(lastStatus(ctx), 404);

    ContractViewRole restarted;
    restarted.start(ctx);
    restarted.handle(contractEvent(u"UPDATED_DRAFT"_s, 2));
    QCOMPARE(restarted.telemetry().value("stale"_L1).toInt(), 1);
}

// Every contract event seen is reported with its version, applied or not, so the run can
// judge whether each contract's versions arrived in order.
void TstContractView::reportsEveryEventItSees()
{
    FakeRoleContext ctx(u"contract-view-1"_s, {{u"number"_s, 1}});
    ContractViewRole role;
    role.start(ctx);
    role.handle(contractEvent(u"CREATED_DRAFT"_s, 1));
    role.handle(contractEvent(u"OFFERED_DRAFT"_s, 3));
    role.handle(contractEvent(u"UPDATED_DRAFT"_s, 2));
    QCOMPARE(eventCount(ctx, u"view-updated"_s), 3);
    const QJsonObject last = lastEvent(ctx, u"view-updated"_s);
    QCOMPARE(last.value("version"_L1).toInt(), 2);
    QCOMPARE(last.value("applied"_L1).toBool(), false);
    QCOMPARE(last.value("contractId"_L1).toString(), u"C-a"_s);
    QCOMPARE(last.value("requestId"_L1).toString(), u"sale-a"_s);
}

// Commands, prices and other records on the bus are not contract events.
void TstContractView::ignoresWhatIsNotAContractEvent()
{
    FakeRoleContext ctx(u"contract-view-1"_s, {{u"number"_s, 1}});
    ContractViewRole role;
    role.start(ctx);
    role.handle(contractEvent(u"UPDATED_PRICES"_s, 1));
    role.handle(command(u"/event-bus"_s, u"CREATE_DRAFT"_s, u"c-1"_s, u"C-a"_s));
    QCOMPARE(eventCount(ctx, u"view-updated"_s), 0);
    QCOMPARE(role.telemetry().value("contracts"_L1).toInt(), 0);
}

QTEST_GUILESS_MAIN(TstContractView)
#include "tst_contractview.moc"
