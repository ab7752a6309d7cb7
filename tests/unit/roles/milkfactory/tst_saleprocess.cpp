#include "node/roles/milkfactory/saleprocess.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::MilkFactory::SaleProcess;
using Step = SaleProcess::Step;
using Progress = SaleProcess::Progress;

namespace {

QJsonObject order(const QString &customer = u"anna"_s, bool withChanges = true)
{
    QJsonObject o{{u"customer"_s, customer},
                  {u"partner"_s, u"P-3"_s},
                  {u"country"_s, u"CH"_s},
                  {u"quantity"_s, 3},
                  {u"profile"_s, QJsonObject{{u"fat"_s, 12}, {u"sugar"_s, 20}, {u"chocolate"_s, u"milk"_s}}}};
    if (withChanges)
        o.insert(u"changes"_s, QJsonObject{{u"fat"_s, 8}});
    return o;
}

SaleProcess sale(const QJsonObject &o = order())
{
    QString error;
    std::optional<SaleProcess> s = SaleProcess::fromOrder(o, {}, 3000, &error);
    Q_ASSERT(s);
    s->start(1000);
    return *s;
}

QJsonObject version(qint64 v, std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject o{{u"version"_s, v}};
    for (const auto &[key, value] : extra)
        o.insert(key, value);
    return o;
}

} // namespace

class TstSaleProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromOrder_data();
    void fromOrder();
    void commandsOfTheSteps_data();
    void commandsOfTheSteps();
    void saleWithoutApproval();
    void pricesMayComeFirst();
    void approvalWaitsForAPerson();
    void refusedApproval();
    void eventsOfOtherStepsChangeNothing();
    void noChangesSkipsModify();
    void stopsAndResumes();
    void jsonRoundTrip();
};

void TstSaleProcess::fromOrder_data()
{
    QTest::addColumn<QJsonObject>("order");
    QTest::addColumn<QByteArray>("requestId");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("expectedRequestId");
    QTest::addColumn<qint64>("ttl");
    QTest::newRow("defaults") << order() << QByteArray() << QString() << QByteArray("sale-anna") << qint64(3000);
    QTest::newRow("the caller's request id") << order() << QByteArray("ui-42") << QString() << QByteArray("ui-42")
                                             << qint64(3000);
    QJsonObject hurried = order();
    hurried.insert(u"mustBeProcessedWithinMs"_s, 2500);
    QTest::newRow("its own deadline") << hurried << QByteArray() << QString() << QByteArray("sale-anna") << qint64(2500);
    QJsonObject noCustomer = order();
    noCustomer.remove(u"customer"_s);
    QTest::newRow("no customer") << noCustomer << QByteArray() << u"a sale needs a customer"_s << QByteArray() << qint64(0);
    QJsonObject noPartner = order();
    noPartner.remove(u"partner"_s);
    QTest::newRow("no partner") << noPartner << QByteArray() << u"a sale needs a partner"_s << QByteArray() << qint64(0);
}

// An order becomes a sale with a contract id of its own and the request id every hop will
// carry (the caller's, else one made from the customer); a deadline of its own if it asks.
void TstSaleProcess::fromOrder()
{
    QFETCH(QJsonObject, order);
    QFETCH(QByteArray, requestId);
    QFETCH(QString, error);
    QFETCH(QByteArray, expectedRequestId);
    QFETCH(qint64, ttl);
    QString problem;
    const std::optional<SaleProcess> s = SaleProcess::fromOrder(order, requestId, 3000, &problem);
    QCOMPARE(problem, error);
    QCOMPARE(s.has_value(), error.isEmpty());
    if (!s)
        return;
    QCOMPARE(s->requestId(), expectedRequestId);
    QCOMPARE(s->contractId(), u"C-anna"_s);
    QCOMPARE(s->ttlMs(), ttl);
    QVERIFY(s->step() == Step::CreateDraft);
}

void TstSaleProcess::commandsOfTheSteps_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("name");
    QTest::newRow("create draft") << int(Step::CreateDraft) << u"/event-bus"_s << u"CREATE_DRAFT"_s;
    QTest::newRow("modify draft") << int(Step::ModifyDraft) << u"/event-bus"_s << u"UPDATE_DRAFT"_s;
    QTest::newRow("select partner") << int(Step::SelectPartner) << u"/partners/commands"_s << u"CREATE_PARTNER_RELATIONSHIP"_s;
    QTest::newRow("offer") << int(Step::Offer) << u"/event-bus"_s << u"OFFER_DRAFT"_s;
    QTest::newRow("accept") << int(Step::Accept) << u"/event-bus"_s << u"ACCEPT_OFFER"_s;
    QTest::newRow("approval") << int(Step::Approval) << u"/cases/commands"_s << u"CREATE_CASE"_s;
    QTest::newRow("approve") << int(Step::Approve) << u"/event-bus"_s << u"APPROVE_CONTRACT"_s;
    QTest::newRow("billing") << int(Step::Billing) << u"/billing/commands"_s << u"START_BILLING"_s;
}

// Closely coupled steps go on the ordered event bus, loosely coupled ones to the service's
// own address; a step's command id is the same every time it is sent.
void TstSaleProcess::commandsOfTheSteps()
{
    QFETCH(int, step);
    QFETCH(QString, address);
    QFETCH(QString, name);
    const SaleProcess s = sale();
    const SaleProcess::Command command = s.commandFor(Step(step));
    QCOMPARE(command.address, address);
    QCOMPARE(command.name, name);
    QCOMPARE(s.commandId(Step(step)), u"sale-anna/"_s + SaleProcess::stepName(Step(step)));
    if (Step(step) == Step::SelectPartner) {
        QCOMPARE(command.payload.value("partnerId"_L1).toString(), u"P-3"_s);
        QCOMPARE(command.payload.value("country"_L1).toString(), u"CH"_s);
    }
}

// Draft and its prices, modification and its prices, partner, offer, acceptance without
// approval, billing: completed, each step once.
void TstSaleProcess::saleWithoutApproval()
{
    SaleProcess s = sale();
    QVERIFY(s.apply(u"CREATED_DRAFT"_s, version(1)) == Progress::None);   // prices still to come
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 21.5}})) == Progress::StepDone);
    QVERIFY(s.step() == Step::ModifyDraft);
    QVERIFY(s.apply(u"UPDATED_DRAFT"_s, version(2)) == Progress::None);
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(2, {{u"total"_s, 19.8}})) == Progress::StepDone);
    QVERIFY(s.apply(u"CREATED_PARTNER_RELATIONSHIP"_s, {}) == Progress::StepDone);
    QVERIFY(s.apply(u"OFFERED_DRAFT"_s, version(3)) == Progress::StepDone);
    QCOMPARE(s.commandFor(Step::Accept).payload.value("total"_L1).toDouble(), 19.8);
    QVERIFY(s.apply(u"ACCEPTED_OFFER"_s, version(4, {{u"approvalRequired"_s, false}})) == Progress::StepDone);
    QVERIFY(s.step() == Step::Billing);
    QVERIFY(s.apply(u"BILLING_STARTED"_s, {}) == Progress::StepDone);
    QVERIFY(s.state() == SaleProcess::State::Completed);
    QVERIFY(s.step() == Step::Done);
    const QStringList steps = s.summary().value("steps"_L1).toVariant().toStringList();
    QCOMPARE(steps, (QStringList{u"create-draft"_s, u"modify-draft"_s, u"select-partner"_s, u"offer"_s, u"accept"_s,
                                 u"billing"_s}));
    QVERIFY(s.apply(u"BILLING_STARTED"_s, {}) == Progress::None);   // a stopped sale takes nothing more
}

// The prices of a version may arrive before the draft event itself; the step completes
// only once both agree on the version.
void TstSaleProcess::pricesMayComeFirst()
{
    SaleProcess s = sale();
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 10.0}})) == Progress::None);
    QVERIFY(s.apply(u"CREATED_DRAFT"_s, version(1)) == Progress::StepDone);
    QVERIFY(s.apply(u"UPDATED_DRAFT"_s, version(2)) == Progress::None);
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 99.0}})) == Progress::None);   // an old version
    QVERIFY(s.step() == Step::ModifyDraft);
}

// Over the credit limit, the sale opens a case and waits for a person, with no answer due
// from a service, then has the contract approved and billed.
void TstSaleProcess::approvalWaitsForAPerson()
{
    SaleProcess s = sale(order(u"bea"_s, false));
    s.apply(u"CREATED_DRAFT"_s, version(1));
    s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 690.0}}));
    QVERIFY(s.step() == Step::SelectPartner);
    s.apply(u"CREATED_PARTNER_RELATIONSHIP"_s, {});
    s.apply(u"OFFERED_DRAFT"_s, version(2));
    QVERIFY(s.apply(u"ACCEPTED_OFFER"_s, version(3, {{u"approvalRequired"_s, true}})) == Progress::StepDone);
    QVERIFY(s.step() == Step::Approval);
    QVERIFY(!s.waitingForPerson());
    QVERIFY(s.apply(u"CHANGED_CASE"_s, {{u"state"_s, u"OPEN"_s}}) == Progress::None);
    QVERIFY(s.waitingForPerson());
    QVERIFY(s.apply(u"CHANGED_CASE"_s, {{u"state"_s, u"DONE"_s}, {u"decision"_s, u"APPROVED"_s}}) == Progress::StepDone);
    QVERIFY(s.step() == Step::Approve);
    QVERIFY(s.apply(u"APPROVED_CONTRACT"_s, version(4)) == Progress::StepDone);
    QVERIFY(s.step() == Step::Billing);
    QCOMPARE(s.commandFor(Step::Billing).payload.value("total"_L1).toDouble(), 690.0);
    QVERIFY(s.apply(u"BILLING_STARTED"_s, {}) == Progress::StepDone);
    QVERIFY(s.state() == SaleProcess::State::Completed);
    QCOMPARE(s.summary().value("approvalRequired"_L1).toBool(), true);
}

// A person declining the approval is reported as such.
void TstSaleProcess::refusedApproval()
{
    SaleProcess s = sale(order(u"bea"_s, false));
    s.apply(u"CREATED_DRAFT"_s, version(1));
    s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 690.0}}));
    s.apply(u"CREATED_PARTNER_RELATIONSHIP"_s, {});
    s.apply(u"OFFERED_DRAFT"_s, version(2));
    s.apply(u"ACCEPTED_OFFER"_s, version(3, {{u"approvalRequired"_s, true}}));
    QVERIFY(s.apply(u"CHANGED_CASE"_s, {{u"state"_s, u"DONE"_s}, {u"decision"_s, u"REJECTED"_s}}) == Progress::Refused);
    QVERIFY(s.step() == Step::Approval);
}

// Events that belong to another step do not move the sale.
void TstSaleProcess::eventsOfOtherStepsChangeNothing()
{
    SaleProcess s = sale();
    QVERIFY(s.apply(u"OFFERED_DRAFT"_s, version(3)) == Progress::None);
    QVERIFY(s.apply(u"BILLING_STARTED"_s, {}) == Progress::None);
    QVERIFY(s.apply(u"UPDATED_DRAFT"_s, version(1)) == Progress::None);
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(1)) == Progress::None);   // no CREATED_DRAFT yet
    QVERIFY(s.step() == Step::CreateDraft);
}

// An order without changes goes from the draft straight to the partner.
void TstSaleProcess::noChangesSkipsModify()
{
    SaleProcess s = sale(order(u"vera"_s, false));
    s.apply(u"CREATED_DRAFT"_s, version(1));
    s.apply(u"UPDATED_PRICES"_s, version(1));
    QVERIFY(s.step() == Step::SelectPartner);
}

// A sale stopped by a timeout stays at its step with the error, answers its waiters once,
// and resumes from that step.
void TstSaleProcess::stopsAndResumes()
{
    SaleProcess s = sale();
    s.addWaiter(u"/ingress/1"_s, "r1");
    s.apply(u"CREATED_DRAFT"_s, version(1));
    s.finish(SaleProcess::State::TimedOut, 5000, {{u"code"_s, u"DEADLINE_PASSED"_s}});
    QVERIFY(!s.isRunning());
    QCOMPARE(s.summary().value("error"_L1).toObject().value("code"_L1).toString(), u"DEADLINE_PASSED"_s);
    QCOMPARE(s.summary().value("tookMs"_L1).toInteger(), 4000);
    QCOMPARE(s.takeWaiters().size(), 1);
    QCOMPARE(s.takeWaiters().size(), 0);
    s.resume(6000);
    QVERIFY(s.isRunning());
    QVERIFY(s.step() == Step::CreateDraft);
    QCOMPARE(s.stepStartedMs(), 6000);
    QVERIFY(!s.summary().contains("error"_L1));
    QVERIFY(s.apply(u"UPDATED_PRICES"_s, version(1)) == Progress::StepDone);   // the draft event was kept
}

// A sale read back from its record is the sale that was written: the orchestrator's
// state survives a restart.
void TstSaleProcess::jsonRoundTrip()
{
    SaleProcess s = sale();
    s.addWaiter(u"/ingress/1"_s, "r1");
    s.apply(u"CREATED_DRAFT"_s, version(1));
    s.apply(u"UPDATED_PRICES"_s, version(1, {{u"total"_s, 21.5}}));
    s.apply(u"UPDATED_DRAFT"_s, version(2));
    const std::optional<SaleProcess> back = SaleProcess::fromJson(s.toJson());
    QVERIFY(back);
    QCOMPARE(back->toJson(), s.toJson());
    SaleProcess copy = *back;
    QVERIFY(copy.apply(u"UPDATED_PRICES"_s, version(2, {{u"total"_s, 20.0}})) == Progress::StepDone);
    QVERIFY(copy.step() == Step::SelectPartner);
    QVERIFY(!SaleProcess::fromJson({{u"customer"_s, u"x"_s}, {u"step"_s, u"dancing"_s}, {u"state"_s, u"running"_s}}));
}

QTEST_GUILESS_MAIN(TstSaleProcess)
#include "tst_saleprocess.moc"
