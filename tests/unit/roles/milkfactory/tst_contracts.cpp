#include "milkmessages.h"
#include "node/roles/milkfactory/contracts.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
namespace Milk = Portolan::Test::Milk;
using Portolan::Node::ContractsRole;
using Portolan::Test::FakeRoleContext;

namespace {

QJsonObject contractsParams(bool withRooms = true)
{
    QJsonObject p{{u"creditLimit"_s, 500}};
    if (withRooms)
        p.insert(u"rooms"_s, QJsonArray{u"/waiting-room/1s"_s, u"/waiting-room/2s"_s});
    return p;
}

QJsonObject draft(const QString &country = u"CH"_s, int quantity = 3, int fat = 12)
{
    return {{u"customer"_s, u"anna"_s},
            {u"country"_s, country},
            {u"quantity"_s, quantity},
            {u"profile"_s, QJsonObject{{u"fat"_s, fat}, {u"sugar"_s, 20}, {u"chocolate"_s, u"milk"_s}}}};
}

Envelope onBus(const QString &name, const QString &step, const QJsonObject &payload = {}, const QString &contract = u"C-a"_s)
{
    return command(u"/event-bus"_s, name, u"sale-a/"_s + step, contract, payload, "sale-a");
}

Envelope prices(int version, double total, const QString &contract = u"C-a"_s)
{
    return Milk::event(u"/event-bus"_s, u"UPDATED_PRICES"_s, contract,
                 {{u"contractId"_s, contract}, {u"version"_s, version}, {u"total"_s, total}}, "sale-a");
}

QJsonObject lastPublished(const FakeRoleContext &ctx, const QString &event)
{
    const QList<Envelope> events = published(ctx, u"/event-bus"_s, event);
    return events.isEmpty() ? QJsonObject{} : bodyOf(events.last());
}

// Takes contract C-a to OFFERED at version 3, priced at total.
void offerWithPrices(ContractsRole &role, double total)
{
    role.handle(onBus(u"CREATE_DRAFT"_s, u"create-draft"_s, draft()));
    role.handle(prices(1, total * 0.9));
    role.handle(onBus(u"UPDATE_DRAFT"_s, u"modify-draft"_s, {{u"changes"_s, QJsonObject{{u"fat"_s, 8}}}}));
    role.handle(prices(2, total));
    role.handle(onBus(u"OFFER_DRAFT"_s, u"offer"_s));
}

} // namespace

class TstContracts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToTheBusAsAGroup();
    void createPublishesTheModel();
    void processUpToApproval_data();
    void processUpToApproval();
    void brokenRulesGoToTheOriginator_data();
    void brokenRulesGoToTheOriginator();
    void duplicateChangesNothing();
    void acceptBeforePricesWaitsInTheWaitingRoom();
    void olderPricesAreIgnored();
};

// Contracts consume the event bus as a consumer group of their own and serve reads.
void TstContracts::subscribesToTheBusAsAGroup()
{
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions.at(0).address, u"/event-bus"_s);
    QCOMPARE(ctx.subscriptions.at(0).group, u"contracts"_s);
    QCOMPARE(ctx.subscriptions.at(1).address, u"/contracts"_s);
}

// CREATE_DRAFT stores the contract and publishes CREATED_DRAFT on the bus with the whole
// model at version 1, keyed by the contract, under the command's request id.
void TstContracts::createPublishesTheModel()
{
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    role.handle(onBus(u"CREATE_DRAFT"_s, u"create-draft"_s, draft()));
    const QList<Envelope> events = published(ctx, u"/event-bus"_s, u"CREATED_DRAFT"_s);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().key, u"C-a"_s);
    QCOMPARE(events.first().requestId, QByteArray("sale-a"));
    QCOMPARE(events.first().header(u"originalCommand"), u"CREATE_DRAFT"_s);
    const QJsonObject model = bodyOf(events.first());
    QCOMPARE(model.value("version"_L1).toInt(), 1);
    QCOMPARE(model.value("state"_L1).toString(), u"DRAFT"_s);
    QCOMPARE(model.value("customer"_L1).toString(), u"anna"_s);
    QCOMPARE(model.value("profile"_L1).toObject().value("fat"_L1).toInt(), 12);
    QCOMPARE(lastEvent(ctx, u"contract-changed"_s).value("version"_L1).toInt(), 1);

    role.handle(get(u"/contracts/C-a"_s));
    QCOMPARE(lastStatus(ctx), 200);
    QCOMPARE(lastAnswer(ctx).value("version"_L1).toInt(), 1);
    role.handle(get(u"/contracts/C-zz"_s));
    QCOMPARE(lastStatus(ctx), 404);
}

void TstContracts::processUpToApproval_data()
{
    QTest::addColumn<double>("total");
    QTest::addColumn<bool>("approvalRequired");
    QTest::newRow("within the credit limit") << 480.0 << false;
    QTest::newRow("over the credit limit") << 690.0 << true;
}

// Draft, modification, offer and acceptance each publish their event with the next
// version; acceptance applies the credit limit; only a contract that needs it is approved.
void TstContracts::processUpToApproval()
{
    QFETCH(double, total);
    QFETCH(bool, approvalRequired);
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    offerWithPrices(role, total);
    QCOMPARE(lastPublished(ctx, u"UPDATED_DRAFT"_s).value("version"_L1).toInt(), 2);
    QCOMPARE(lastPublished(ctx, u"UPDATED_DRAFT"_s).value("profile"_L1).toObject().value("fat"_L1).toInt(), 8);
    QCOMPARE(lastPublished(ctx, u"OFFERED_DRAFT"_s).value("state"_L1).toString(), u"OFFERED"_s);
    role.handle(onBus(u"ACCEPT_OFFER"_s, u"accept"_s));
    const QJsonObject accepted = lastPublished(ctx, u"ACCEPTED_OFFER"_s);
    QCOMPARE(accepted.value("version"_L1).toInt(), 4);
    QCOMPARE(accepted.value("approvalRequired"_L1).toBool(), approvalRequired);
    QCOMPARE(accepted.value("total"_L1).toDouble(), total);

    role.handle(onBus(u"APPROVE_CONTRACT"_s, u"approve"_s));
    QCOMPARE(published(ctx, u"/event-bus"_s, u"APPROVED_CONTRACT"_s).size(), approvalRequired ? 1 : 0);
    QCOMPARE(sentTo(ctx, u"/errors"_s).size(), approvalRequired ? 0 : 1);
    QCOMPARE(role.telemetry().value("byState"_L1).toObject().value(approvalRequired ? "APPROVED"_L1 : "ACCEPTED"_L1).toInt(), 1);
}

void TstContracts::brokenRulesGoToTheOriginator_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<bool>("createFirst");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");
    QTest::newRow("too much fat") << u"CREATE_DRAFT"_s << draft(u"CH"_s, 3, 80) << false << u"VALIDATION"_s << u"fat"_s;
    QTest::newRow("no quantity") << u"CREATE_DRAFT"_s << draft(u"CH"_s, 0) << false << u"VALIDATION"_s << u"quantity"_s;
    QTest::newRow("not a country") << u"CREATE_DRAFT"_s << draft(u"Swiss"_s) << false << u"VALIDATION"_s << u"country"_s;
    QJsonObject caramel = draft();
    caramel.insert(u"profile"_s, QJsonObject{{u"fat"_s, 5}, {u"sugar"_s, 5}, {u"chocolate"_s, u"caramel"_s}});
    QTest::newRow("unknown chocolate") << u"CREATE_DRAFT"_s << caramel << false << u"VALIDATION"_s << u"chocolate"_s;
    QTest::newRow("a draft that exists") << u"CREATE_DRAFT"_s << draft() << true << u"ALREADY_EXISTS"_s << u"already exists"_s;
    QTest::newRow("no such contract") << u"OFFER_DRAFT"_s << QJsonObject{} << false << u"NOT_FOUND"_s << u"no contract"_s;
    QTest::newRow("accepting a draft") << u"ACCEPT_OFFER"_s << QJsonObject{} << true << u"ILLEGAL_STATE"_s << u"only an offer"_s;
    QTest::newRow("modifying out of range") << u"UPDATE_DRAFT"_s << QJsonObject{{u"changes"_s, QJsonObject{{u"sugar"_s, 120}}}}
                                            << true << u"VALIDATION"_s << u"sugar"_s;
}

// A command that breaks a rule is not retryable: nothing changes, nothing is published on
// the bus, and the error goes to the errors address with the command's request id.
void TstContracts::brokenRulesGoToTheOriginator()
{
    QFETCH(QString, command);
    QFETCH(QJsonObject, payload);
    QFETCH(bool, createFirst);
    QFETCH(QString, code);
    QFETCH(QString, says);
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    if (createFirst)
        role.handle(onBus(u"CREATE_DRAFT"_s, u"create-draft"_s, draft()));
    const qsizetype busBefore = sentTo(ctx, u"/event-bus"_s).size();
    role.handle(onBus(command, u"broken"_s, payload));
    QCOMPARE(sentTo(ctx, u"/event-bus"_s).size(), busBefore);
    const QList<Envelope> errors = sentTo(ctx, u"/errors"_s);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().requestId, QByteArray("sale-a"));
    const QJsonObject error = bodyOf(errors.first());
    QCOMPARE(error.value("code"_L1).toString(), code);
    QCOMPARE(error.value("service"_L1).toString(), u"contracts"_s);
    QCOMPARE(error.value("commandId"_L1).toString(), u"sale-a/broken"_s);
    QVERIFY2(error.value("message"_L1).toString().contains(says), qPrintable(error.value("message"_L1).toString()));
    QCOMPARE(lastEvent(ctx, u"command-rejected"_s).value("code"_L1).toString(), code);
    if (createFirst) {
        role.handle(get(u"/contracts/C-a"_s));
        QCOMPARE(lastAnswer(ctx).value("version"_L1).toInt(), 1);
    }
}

// The same command again (same commandId, new message) changes nothing and publishes
// nothing; a refused command again is not refused twice.
void TstContracts::duplicateChangesNothing()
{
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    offerWithPrices(role, 100);
    role.handle(onBus(u"ACCEPT_OFFER"_s, u"accept"_s));
    const qsizetype published = sentTo(ctx, u"/event-bus"_s).size();
    role.handle(onBus(u"ACCEPT_OFFER"_s, u"accept"_s));
    QCOMPARE(sentTo(ctx, u"/event-bus"_s).size(), published);
    QCOMPARE(eventCount(ctx, u"duplicate-command"_s), 1);
    QCOMPARE(lastEvent(ctx, u"duplicate-command"_s).value("commandId"_L1).toString(), u"sale-a/accept"_s);
    role.handle(get(u"/contracts/C-a"_s));
    QCOMPARE(lastAnswer(ctx).value("version"_L1).toInt(), 4);

    role.handle(onBus(u"OFFER_DRAFT"_s, u"late-offer"_s));   // refused: not a draft
    role.handle(onBus(u"OFFER_DRAFT"_s, u"late-offer"_s));
    QCOMPARE(sentTo(ctx, u"/errors"_s).size(), 1);
    QCOMPARE(role.telemetry().value("duplicates"_L1).toInt(), 2);
    QCOMPARE(role.telemetry().value("applied"_L1).toInt(), 4);
    QCOMPARE(role.telemetry().value("rejected"_L1).toInt(), 1);
}

// Accepting before the prices of the latest draft have arrived is worth waiting for: the
// command goes to the first waiting room, comes back to /contracts/retry and is applied
// once the prices are known. Without rooms the failure is final.
void TstContracts::acceptBeforePricesWaitsInTheWaitingRoom()
{
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    role.handle(onBus(u"CREATE_DRAFT"_s, u"create-draft"_s, draft()));
    role.handle(onBus(u"OFFER_DRAFT"_s, u"offer"_s));
    role.handle(onBus(u"ACCEPT_OFFER"_s, u"accept"_s));
    QCOMPARE(published(ctx, u"/event-bus"_s, u"ACCEPTED_OFFER"_s).size(), 0);
    const QList<Envelope> parked = sentTo(ctx, u"/waiting-room/1s"_s);
    QCOMPARE(parked.size(), 1);
    QCOMPARE(parked.first().header(u"Return-To"), u"/contracts/retry"_s);
    QCOMPARE(parked.first().header(u"Attempt"), u"1"_s);
    QCOMPARE(lastEvent(ctx, u"retry-scheduled"_s).value("room"_L1).toString(), u"/waiting-room/1s"_s);

    role.handle(prices(1, 42.0));
    Envelope back = parked.first();
    back.id = "back-1";
    back.address = u"/contracts/retry"_s;
    role.handle(back);
    QCOMPARE(lastPublished(ctx, u"ACCEPTED_OFFER"_s).value("total"_L1).toDouble(), 42.0);
    QVERIFY(sentTo(ctx, u"/errors"_s).isEmpty());

    FakeRoleContext bare(u"contracts"_s, contractsParams(false));
    ContractsRole noRooms;
    noRooms.start(bare);
    noRooms.handle(onBus(u"CREATE_DRAFT"_s, u"create-draft"_s, draft()));
    noRooms.handle(onBus(u"OFFER_DRAFT"_s, u"offer"_s));
    noRooms.handle(onBus(u"ACCEPT_OFFER"_s, u"accept"_s));
    QCOMPARE(bodyOf(sentTo(bare, u"/errors"_s).first()).value("code"_L1).toString(), u"RETRIES_EXHAUSTED"_s);
}

// Prices of an older draft version arriving late do not replace newer ones.
void TstContracts::olderPricesAreIgnored()
{
    FakeRoleContext ctx(u"contracts"_s, contractsParams());
    ContractsRole role;
    role.start(ctx);
    offerWithPrices(role, 300);
    role.handle(prices(1, 999));
    role.handle(get(u"/contracts/C-a"_s));
    QCOMPARE(lastAnswer(ctx).value("total"_L1).toDouble(), 300.0);
    QCOMPARE(lastAnswer(ctx).value("pricedVersion"_L1).toInt(), 2);
}

QTEST_GUILESS_MAIN(TstContracts)
#include "tst_contracts.moc"
