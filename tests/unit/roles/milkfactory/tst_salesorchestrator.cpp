#include "milkmessages.h"
#include "node/roles/milkfactory/salesorchestrator.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
namespace Milk = Portolan::Test::Milk;
using Portolan::Node::SalesOrchestratorRole;
using Portolan::Test::FakeRoleContext;

namespace {

const QString ingress = u"/ingress/replies"_s;

QJsonObject salesParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"ttlMs"_s, 3000},
                  {u"stepTimeoutMs"_s, 8000},
                  {u"rooms"_s, QJsonArray{u"/waiting-room/1s"_s, u"/waiting-room/2s"_s}}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

QJsonObject order(const QString &customer = u"anna"_s, int quantity = 3)
{
    return {{u"customer"_s, customer},
            {u"partner"_s, u"P-3"_s},
            {u"country"_s, u"CH"_s},
            {u"quantity"_s, quantity},
            {u"profile"_s, QJsonObject{{u"fat"_s, 12}, {u"sugar"_s, 20}, {u"chocolate"_s, u"milk"_s}}},
            {u"changes"_s, QJsonObject{{u"fat"_s, 8}}}};
}

// A command the orchestrator sent to a service (not parked, not an answer to a user).
bool isCommand(const Envelope &m)
{
    return BusRecord(m).kind() == BusRecord::Kind::Command && !m.address.startsWith(u"/waiting-room")
           && m.header(u"Status").isEmpty();
}

QList<Envelope> commandsSent(const FakeRoleContext &ctx)
{
    QList<Envelope> out;
    for (const Envelope &m : ctx.sent) {
        if (isCommand(m))
            out.append(m);
    }
    return out;
}

QStringList commandNames(const FakeRoleContext &ctx)
{
    QStringList names;
    const QList<Envelope> commands = commandsSent(ctx);
    for (const Envelope &m : commands)
        names.append(BusRecord(m).name());
    return names;
}

// Plays the services: answers the newest command with the events they would publish.
// caseDecision empty leaves an approval case open.
void serve(SalesOrchestratorRole &role, const FakeRoleContext &ctx, double total = 20.0,
           const QString &caseDecision = u"APPROVED"_s)
{
    const BusRecord c(commandsSent(ctx).last());
    const QString contract = c.contractId();
    const QByteArray rid = c.requestId();
    auto model = [&](int version, std::initializer_list<std::pair<QString, QJsonValue>> extra = {}) {
        QJsonObject m{{u"contractId"_s, contract}, {u"version"_s, version}};
        for (const auto &[key, value] : extra)
            m.insert(key, value);
        return m;
    };
    const QString &name = c.name();
    if (name == u"CREATE_DRAFT" || name == u"UPDATE_DRAFT") {
        const int version = name == u"CREATE_DRAFT" ? 1 : 2;
        role.handle(Milk::event(u"/event-bus"_s, version == 1 ? u"CREATED_DRAFT"_s : u"UPDATED_DRAFT"_s, contract, model(version), rid));
        role.handle(Milk::event(u"/event-bus"_s, u"UPDATED_PRICES"_s, contract, model(version, {{u"total"_s, total}}), rid));
    } else if (name == u"CREATE_PARTNER_RELATIONSHIP") {
        role.handle(Milk::event(u"/partners/events"_s, u"CREATED_PARTNER_RELATIONSHIP"_s, contract, {{u"contractId"_s, contract}}, rid));
    } else if (name == u"OFFER_DRAFT") {
        role.handle(Milk::event(u"/event-bus"_s, u"OFFERED_DRAFT"_s, contract, model(3), rid));
    } else if (name == u"ACCEPT_OFFER") {
        role.handle(Milk::event(u"/event-bus"_s, u"ACCEPTED_OFFER"_s, contract, model(4, {{u"approvalRequired"_s, total > 500}}), rid));
    } else if (name == u"CREATE_CASE") {
        role.handle(Milk::event(u"/cases/events"_s, u"CHANGED_CASE"_s, contract, {{u"state"_s, u"OPEN"_s}}, rid));
        if (!caseDecision.isEmpty())
            role.handle(Milk::event(u"/cases/events"_s, u"CHANGED_CASE"_s, contract,
                              {{u"state"_s, u"DONE"_s}, {u"decision"_s, caseDecision}}, rid));
    } else if (name == u"APPROVE_CONTRACT") {
        role.handle(Milk::event(u"/event-bus"_s, u"APPROVED_CONTRACT"_s, contract, model(5), rid));
    } else if (name == u"START_BILLING") {
        role.handle(Milk::event(u"/billing/events"_s, u"BILLING_STARTED"_s, contract, {{u"contractId"_s, contract}}, rid));
    }
}

// Serves the newest command, and the next, until the sale stops asking.
void serveAll(SalesOrchestratorRole &role, const FakeRoleContext &ctx, double total = 20.0)
{
    qsizetype seen = -1;
    while (commandsSent(ctx).size() != seen) {
        seen = commandsSent(ctx).size();
        serve(role, ctx, total);
    }
}

Envelope errorFor(const Envelope &command, const QString &code)
{
    return withId(BusRecord::error(u"somewhere"_s, code, u"it went wrong"_s, BusRecord(command)));
}

} // namespace

class TstSalesOrchestrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToEveryAnswerAddress();
    void saleRunsTheProcessAndAnswersTheUser();
    void callersRequestIdIsCarriedThrough();
    void approvalWaitsForThePerson();
    void undeliveredCommandWaitsAndIsSentAgain();
    void refusedPastItsDeadlineTimesOut();
    void errorsStopTheSale_data();
    void errorsStopTheSale();
    void timedOutSaleResumesWhereItStopped();
    void resendingAStepSendsTheSameCommand();
    void stepWithoutAnswerTimesOut();
    void backgroundCustomersAtTheirRate();
    void sameCustomerAgain();
    void restartKeepsTheSales();
};

// The orchestrator hears the bus as its own group, the decoupled services' event
// addresses and the errors address.
void TstSalesOrchestrator::subscribesToEveryAnswerAddress()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    QStringList addresses;
    for (const auto &s : std::as_const(ctx.subscriptions))
        addresses.append(s.address);
    QCOMPARE(addresses, (QStringList{u"/sales"_s, u"/event-bus"_s, u"/partners/events"_s, u"/cases/events"_s,
                                     u"/billing/events"_s, u"/errors"_s}));
}

// A sale sends each step's command, carrying the sale's request id, its contract as key
// and a deadline, moves on with the services' events and answers the user 200 at the end.
void TstSalesOrchestrator::saleRunsTheProcessAndAnswersTheUser()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    const Envelope first = commandsSent(ctx).first();
    QCOMPARE(first.address, u"/event-bus"_s);
    QCOMPARE(first.requestId, QByteArray("sale-anna"));
    QCOMPARE(first.key, u"C-anna"_s);
    QCOMPARE(first.deadlineMs, ctx.now + 3000);
    QCOMPARE(BusRecord(first).commandId(), u"sale-anna/create-draft"_s);
    QVERIFY(sentTo(ctx, ingress).isEmpty());   // the user waits for the outcome

    serveAll(role, ctx);
    QCOMPARE(commandNames(ctx), (QStringList{u"CREATE_DRAFT"_s, u"UPDATE_DRAFT"_s, u"CREATE_PARTNER_RELATIONSHIP"_s,
                                             u"OFFER_DRAFT"_s, u"ACCEPT_OFFER"_s, u"START_BILLING"_s}));
    QCOMPARE(lastStatus(ctx, ingress), 200);
    const QJsonObject answer = lastAnswer(ctx, ingress);
    QCOMPARE(answer.value("state"_L1).toString(), u"completed"_s);
    QCOMPARE(answer.value("total"_L1).toDouble(), 20.0);
    QCOMPARE(eventCount(ctx, u"step-done"_s), 6);
    QCOMPARE(eventCount(ctx, u"sale-completed"_s), 1);
    for (const Envelope &command : commandsSent(ctx))
        QCOMPARE(command.requestId, QByteArray("sale-anna"));
    role.handle(get(u"/sales/anna"_s));
    QCOMPARE(lastAnswer(ctx, ingress).value("state"_L1).toString(), u"completed"_s);
    QCOMPARE(role.telemetry().value("sales"_L1).toObject().value("completed"_L1).toInt(), 1);
}

// A request id given by the caller (X-Request-Id) is the one every hop carries.
void TstSalesOrchestrator::callersRequestIdIsCarriedThrough()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    Envelope request = post(u"/sales"_s, order());
    request.setHeader(u"X-Request-Id"_s, u"ui-77"_s);
    role.handle(request);
    serveAll(role, ctx);
    for (const Envelope &command : commandsSent(ctx))
        QCOMPARE(command.requestId, QByteArray("ui-77"));
    QCOMPARE(lastAnswer(ctx, ingress).value("requestId"_L1).toString(), u"ui-77"_s);
}

// Over the credit limit the sale opens a case and waits for the person however long it
// takes, then has the contract approved and billed.
void TstSalesOrchestrator::approvalWaitsForThePerson()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order(u"bea"_s, 90)));
    for (int i = 0; i < 5; ++i)
        serve(role, ctx, 690.0);
    QCOMPARE(commandNames(ctx).last(), u"CREATE_CASE"_s);
    QCOMPARE(commandsSent(ctx).last().address, u"/cases/commands"_s);
    serve(role, ctx, 690.0, {});   // the case opens; the person takes a while
    ctx.now += 60'000;
    role.tick(ctx.now);
    QVERIFY(sentTo(ctx, ingress).isEmpty());
    role.handle(Milk::event(u"/cases/events"_s, u"CHANGED_CASE"_s, u"C-bea"_s,
                      {{u"state"_s, u"DONE"_s}, {u"decision"_s, u"APPROVED"_s}}, "sale-bea"));
    serveAll(role, ctx, 690.0);
    QCOMPARE(commandNames(ctx).mid(5), (QStringList{u"CREATE_CASE"_s, u"APPROVE_CONTRACT"_s, u"START_BILLING"_s}));
    QCOMPARE(lastAnswer(ctx, ingress).value("approvalRequired"_L1).toBool(), true);
    QCOMPARE(role.telemetry().value("sales"_L1).toObject().value("approved"_L1).toInt(), 1);
}

// A command nobody took waits in the first waiting room and, back at /sales/retry, is
// sent again where it was meant to go, with the same command id and deadline.
void TstSalesOrchestrator::undeliveredCommandWaitsAndIsSentAgain()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    const Envelope first = commandsSent(ctx).first();
    role.settled(first.id, false);
    const QList<Envelope> parked = sentTo(ctx, u"/waiting-room/1s"_s);
    QCOMPARE(parked.size(), 1);
    QCOMPARE(parked.first().header(u"Return-To"), u"/sales/retry"_s);
    QCOMPARE(parked.first().header(u"Original-Address"), u"/event-bus"_s);
    QCOMPARE(parked.first().deadlineMs, first.deadlineMs);
    QCOMPARE(lastEvent(ctx, u"retry-scheduled"_s).value("command"_L1).toString(), u"CREATE_DRAFT"_s);

    Envelope back = parked.first();
    back.id = "back-1";
    back.address = u"/sales/retry"_s;
    ctx.now += 1000;
    role.handle(back);
    const Envelope again = commandsSent(ctx).last();
    QCOMPARE(commandsSent(ctx).size(), 2);
    QCOMPARE(again.address, u"/event-bus"_s);
    QVERIFY(again.id != first.id);
    QCOMPARE(BusRecord(again).commandId(), u"sale-anna/create-draft"_s);
    QCOMPARE(again.deadlineMs, first.deadlineMs);
    QCOMPARE(eventCount(ctx, u"command-retried"_s), 1);

    // Refused again: the second room; refused a third time: no room left, timed out.
    role.settled(again.id, false);
    QCOMPARE(sentTo(ctx, u"/waiting-room/2s"_s).size(), 1);
    Envelope backAgain = sentTo(ctx, u"/waiting-room/2s"_s).first();
    backAgain.id = "back-2";
    backAgain.address = u"/sales/retry"_s;
    role.handle(backAgain);
    role.settled(commandsSent(ctx).last().id, false);
    QCOMPARE(lastStatus(ctx, ingress), 504);
    QCOMPARE(lastAnswer(ctx, ingress).value("error"_L1).toObject().value("code"_L1).toString(), u"RETRIES_EXHAUSTED"_s);
}

// A command refused after its "must be processed by" is not retried: the sale times out.
void TstSalesOrchestrator::refusedPastItsDeadlineTimesOut()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    ctx.now += 3001;
    role.settled(commandsSent(ctx).first().id, false);
    QVERIFY(sentTo(ctx, u"/waiting-room/1s"_s).isEmpty());
    QCOMPARE(lastStatus(ctx, ingress), 504);
    const QJsonObject answer = lastAnswer(ctx, ingress);
    QCOMPARE(answer.value("state"_L1).toString(), u"timed-out"_s);
    QCOMPARE(answer.value("step"_L1).toString(), u"create-draft"_s);
    QCOMPARE(answer.value("error"_L1).toObject().value("code"_L1).toString(), u"DEADLINE_PASSED"_s);
}

void TstSalesOrchestrator::errorsStopTheSale_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("aboutThisStep");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("state");
    QTest::newRow("validation: failed") << u"VALIDATION"_s << true << 422 << u"failed"_s;
    QTest::newRow("deadline passed: timed out") << u"DEADLINE_PASSED"_s << true << 504 << u"timed-out"_s;
    QTest::newRow("about another command: ignored") << u"VALIDATION"_s << false << 0 << u"running"_s;
}

// An error on the errors address for the sale's current command stops it, and its
// originator hears why; an error about another command of the sale does not.
void TstSalesOrchestrator::errorsStopTheSale()
{
    QFETCH(QString, code);
    QFETCH(bool, aboutThisStep);
    QFETCH(int, status);
    QFETCH(QString, state);
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order(u"vera"_s)));
    serve(role, ctx);
    serve(role, ctx);   // now at select-partner
    Envelope failed = commandsSent(ctx).last();
    if (!aboutThisStep)
        failed = commandsSent(ctx).first();
    role.handle(errorFor(failed, code));
    QCOMPARE(lastStatus(ctx, ingress), status);
    role.handle(get(u"/sales/vera"_s));
    const QJsonObject sale = lastAnswer(ctx, ingress);
    QCOMPARE(sale.value("state"_L1).toString(), state);
    if (aboutThisStep) {
        QCOMPARE(sale.value("step"_L1).toString(), u"select-partner"_s);
        QCOMPARE(sale.value("error"_L1).toObject().value("code"_L1).toString(), code);
        QCOMPARE(sale.value("error"_L1).toObject().value("service"_L1).toString(), u"somewhere"_s);
    }
}

// A timed-out sale resumes at the step where it stopped: the same command id, a fresh
// deadline; the resuming request gets the outcome. Only timed-out sales resume.
void TstSalesOrchestrator::timedOutSaleResumesWhereItStopped()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order(u"dora"_s, 80)));
    for (int i = 0; i < 5; ++i)
        serve(role, ctx, 600.0);
    const Envelope caseCommand = commandsSent(ctx).last();
    role.handle(errorFor(caseCommand, u"DEADLINE_PASSED"_s));
    QCOMPARE(lastStatus(ctx, ingress), 504);
    QCOMPARE(eventCount(ctx, u"sale-timed-out"_s), 1);

    ctx.now += 5000;
    role.handle(post(u"/sales/dora/resume"_s, {{u"mustBeProcessedWithinMs"_s, 4000}}, u"/ingress/resume"_s));
    const Envelope resent = commandsSent(ctx).last();
    QCOMPARE(BusRecord(resent).name(), u"CREATE_CASE"_s);
    QCOMPARE(BusRecord(resent).commandId(), BusRecord(caseCommand).commandId());
    QCOMPARE(resent.deadlineMs, ctx.now + 4000);
    QCOMPARE(eventCount(ctx, u"sale-resumed"_s), 1);
    serveAll(role, ctx, 600.0);
    QCOMPARE(lastStatus(ctx, u"/ingress/resume"_s), 200);
    QCOMPARE(lastAnswer(ctx, u"/ingress/resume"_s).value("state"_L1).toString(), u"completed"_s);

    role.handle(post(u"/sales/dora/resume"_s, {}, u"/ingress/again"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/again"_s), 409);
}

// A user sending a finished step again (a double click) sends the same command under the
// same command id, for the services to recognise; unfinished or unknown steps are refused.
void TstSalesOrchestrator::resendingAStepSendsTheSameCommand()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    for (int i = 0; i < 4; ++i)
        serve(role, ctx);   // the offer is made; accept is on its way
    role.handle(post(u"/sales/anna/steps/accept"_s, {}, u"/ingress/click"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/click"_s), 409);
    serveAll(role, ctx);
    const qsizetype before = commandsSent(ctx).size();
    role.handle(post(u"/sales/anna/steps/accept"_s, {}, u"/ingress/click"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/click"_s), 202);
    QCOMPARE(lastAnswer(ctx, u"/ingress/click"_s).value("commandId"_L1).toString(), u"sale-anna/accept"_s);
    QCOMPARE(commandsSent(ctx).size(), before + 1);
    const BusRecord again(commandsSent(ctx).last());
    QCOMPARE(again.name(), u"ACCEPT_OFFER"_s);
    QCOMPARE(again.commandId(), u"sale-anna/accept"_s);
    QCOMPARE(eventCount(ctx, u"command-resent"_s), 1);
    role.handle(post(u"/sales/anna/steps/dance"_s, {}, u"/ingress/click"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/click"_s), 404);
    QCOMPARE(role.telemetry().value("sales"_L1).toObject().value("completed"_L1).toInt(), 1);
}

// A step whose service never answers times out after stepTimeoutMs, resumable.
void TstSalesOrchestrator::stepWithoutAnswerTimesOut()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    serve(role, ctx);
    const qint64 stepStarted = ctx.now;
    role.tick(stepStarted + 8000);
    QVERIFY(sentTo(ctx, ingress).isEmpty());
    role.tick(stepStarted + 8001);
    QCOMPARE(lastStatus(ctx, ingress), 504);
    const QJsonObject answer = lastAnswer(ctx, ingress);
    QCOMPARE(answer.value("step"_L1).toString(), u"modify-draft"_s);
    QCOMPARE(answer.value("error"_L1).toObject().value("code"_L1).toString(), u"NO_ANSWER"_s);
}

// Background customers start at the configured rate after the delay, each with its own
// deterministic order; every n-th orders enough to need an approval.
void TstSalesOrchestrator::backgroundCustomersAtTheirRate()
{
    FakeRoleContext ctx(u"sales"_s, salesParams({{u"customers"_s, 3}, {u"rate"_s, 2}, {u"startDelayMs"_s, 1000},
                                                 {u"approvalEvery"_s, 2}, {u"partners"_s, 4}}));
    SalesOrchestratorRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.tick(t0 + 999);
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 0);
    role.tick(t0 + 1000);
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 1);
    role.tick(t0 + 1499);
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 1);
    role.tick(t0 + 5000);
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 3);
    role.tick(t0 + 9000);
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 3);
    QCOMPARE(lastEvent(ctx, u"sale-started"_s).value("requestId"_L1).toString(), u"sale-c3"_s);
    QCOMPARE(lastEvent(ctx, u"sale-started"_s).value("background"_L1).toBool(), true);

    QCOMPARE(role.backgroundOrder(2), role.backgroundOrder(2));
    QVERIFY(role.backgroundOrder(2).value("quantity"_L1).toInt() >= 120);   // every 2nd: big
    QVERIFY(role.backgroundOrder(3).value("quantity"_L1).toInt() <= 6);
    QCOMPARE(role.backgroundOrder(3).value("partner"_L1).toString(), u"P-4"_s);
    QCOMPARE(role.telemetry().value("background"_L1).toObject().value("started"_L1).toInt(), 3);
}

// One sale per customer: asked again while it runs, the request waits for the same
// outcome; asked after it stopped, it is answered at once.
void TstSalesOrchestrator::sameCustomerAgain()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    SalesOrchestratorRole role;
    role.start(ctx);
    role.handle(post(u"/sales"_s, order()));
    role.handle(post(u"/sales"_s, order(), u"/ingress/second"_s));
    QCOMPARE(eventCount(ctx, u"sale-started"_s), 1);
    serveAll(role, ctx);
    QCOMPARE(lastStatus(ctx, ingress), 200);
    QCOMPARE(lastStatus(ctx, u"/ingress/second"_s), 200);
    role.handle(post(u"/sales"_s, order(), u"/ingress/third"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/third"_s), 200);
    QCOMPARE(lastAnswer(ctx, u"/ingress/third"_s).value("state"_L1).toString(), u"completed"_s);
    role.handle(post(u"/sales"_s, {{u"partner"_s, u"P-1"_s}}, u"/ingress/bad"_s));
    QCOMPARE(lastStatus(ctx, u"/ingress/bad"_s), 400);
}

// Sales are in the orchestrator's database: a restarted orchestrator still knows them and
// how they ended.
void TstSalesOrchestrator::restartKeepsTheSales()
{
    FakeRoleContext ctx(u"sales"_s, salesParams());
    {
        SalesOrchestratorRole before;
        before.start(ctx);
        before.handle(post(u"/sales"_s, order()));
        serveAll(before, ctx);
        before.handle(post(u"/sales"_s, order(u"vera"_s)));
        before.handle(errorFor(commandsSent(ctx).last(), u"VALIDATION"_s));
    }
    SalesOrchestratorRole after;
    after.start(ctx);
    after.handle(get(u"/sales/anna"_s));
    QCOMPARE(lastAnswer(ctx, ingress).value("state"_L1).toString(), u"completed"_s);
    const QJsonObject sales = after.telemetry().value("sales"_L1).toObject();
    QCOMPARE(sales.value("total"_L1).toInt(), 2);
    QCOMPARE(sales.value("completed"_L1).toInt(), 1);
    QCOMPARE(sales.value("failed"_L1).toInt(), 1);
}

QTEST_GUILESS_MAIN(TstSalesOrchestrator)
#include "tst_salesorchestrator.moc"
