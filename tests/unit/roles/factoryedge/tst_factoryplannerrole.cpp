#include "node/roles/factoryedge/factoryplanner.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FactoryPlannerRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject plannerParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"site"_s, u"f1"_s}, {u"number"_s, 1}, {u"materialsEvery"_s, 0}, {u"partsEvery"_s, 0},
                  {u"retryMs"_s, 300}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

Envelope workOrder(const QByteArray &id, const QString &item = u"gearbox"_s)
{
    Envelope m;
    m.id = id;
    m.requestId = id;
    m.address = u"/factories/work-orders"_s;
    m.body = QJsonDocument(QJsonObject{{u"item"_s, item}}).toJson(QJsonDocument::Compact);
    return m;
}

Envelope message(const QByteArray &id, const QByteArray &requestId, const QString &address, const QJsonObject &body,
                 int status = 200, const QString &from = {})
{
    Envelope m;
    m.id = id;
    m.requestId = requestId;
    m.address = address;
    m.setHeader(u"Method"_s, u"POST"_s);
    m.setHeader(u"Status"_s, QString::number(status));
    if (!from.isEmpty())
        m.setHeader(u"From"_s, from);
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &prefix)
{
    QList<Envelope> out;
    for (const Envelope &e : ctx.sent) {
        if (e.address.startsWith(prefix))
            out.append(e);
    }
    return out;
}

int eventCount(const FakeRoleContext &ctx, const QString &kind)
{
    return int(std::count_if(ctx.events.cbegin(), ctx.events.cend(),
                             [&](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

bool subscribed(const FakeRoleContext &ctx, const QString &address)
{
    return std::any_of(ctx.subscriptions.cbegin(), ctx.subscriptions.cend(),
                       [&](const FakeRoleContext::Subscription &s) { return s.address == address; });
}

QJsonObject bodyOf(const Envelope &e)
{
    return QJsonDocument::fromJson(e.body).object();
}

qint64 counter(const FactoryPlannerRole &role, const char *name)
{
    return role.telemetry().value(QLatin1StringView(name)).toInteger();
}

} // namespace

class TstFactoryPlannerRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToWorkOrdersAndItsOwnAddress();
    void workOrderBecomesAJobForTheDevices();
    void repeatedWorkOrderMakesNoNewJob();
    void deviceReportCompletesTheOrderOnce();
    void madeOrderIsReportedToItsSender();
    void completedOrdersArePublishedAndInspected();
    void unavailableInspectionIsCountedNotRetried();
    void asksWarehousesAndFactoriesEveryNthOrder_data();
    void asksWarehousesAndFactoriesEveryNthOrder();
    void answersAreCountedOnce();
    void suppliesPartsToOtherFactories();
    void pauseAndResumeByCommand();
    void statusOverItsAddress();
    void refusedJobIsOfferedAgain();
    void restartKeepsOrdersAndPause();
    void invalidParams();
};

// A planner takes work orders (with its capacity) and answers on "/factory/<n>".
void TstFactoryPlannerRole::subscribesToWorkOrdersAndItsOwnAddress()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"capacity"_s, 8}}));
    FactoryPlannerRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions.at(0).address, u"/factory/1"_s);
    QCOMPARE(ctx.subscriptions.at(1).address, u"/factories/work-orders"_s);
    QCOMPARE(ctx.subscriptions.at(1).capacity, 8);
    QCOMPARE(ctx.outstanding, 0);
}

// Each accepted work order is persisted, raises the advertised backlog, and goes to the
// site's devices as a job carrying the order's request id and a report address.
void TstFactoryPlannerRole::workOrderBecomesAJobForTheDevices()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    role.handle(workOrder("wo-2"));
    QCOMPARE(ctx.outstanding, 2);
    const QList<Envelope> jobs = sentTo(ctx, u"/jobs/"_s);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.first().address, u"/jobs/f1"_s);
    QCOMPARE(jobs.first().requestId, QByteArray("wo-1"));
    QCOMPARE(jobs.first().replyTo, u"/factory/1/done"_s);
    QCOMPARE(bodyOf(jobs.first()).value("item"_L1).toString(), u"gearbox"_s);
    QCOMPARE(eventCount(ctx, u"order-accepted"_s), 2);
    QCOMPARE(counter(role, "ordersAccepted"), 2);
    QCOMPARE(counter(role, "backlog"), 2);
}

// The same order delivered again (a resend under a new message id) makes no second job.
void TstFactoryPlannerRole::repeatedWorkOrderMakesNoNewJob()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    Envelope again = workOrder("wo-1");
    again.id = "another-message";
    role.handle(again);
    QCOMPARE(sentTo(ctx, u"/jobs/"_s).size(), 1);
    QCOMPARE(counter(role, "ordersAccepted"), 1);
}

// A device's report completes its order; a repeated report changes nothing, one from
// another device counts the job as done twice.
void TstFactoryPlannerRole::deviceReportCompletesTheOrderOnce()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    ctx.now += 700;
    const Envelope report = message("r1", "wo-1", u"/factory/1/done"_s, {{u"device"_s, u"f1-dev-3"_s}});
    role.handle(report);
    Envelope repeat = report;
    repeat.id = "r2";
    role.handle(repeat);
    QCOMPARE(counter(role, "completed"), 1);
    QCOMPARE(counter(role, "backlog"), 0);
    QCOMPARE(ctx.outstanding, 0);
    QCOMPARE(eventCount(ctx, u"order-completed"_s), 1);
    const auto done = std::find_if(ctx.events.cbegin(), ctx.events.cend(),
                                   [](const FakeRoleContext::Event &e) { return e.kind == "order-completed"_L1; });
    QCOMPARE(done->fields.value("device"_L1).toString(), u"f1-dev-3"_s);
    QCOMPARE(done->fields.value("leadMs"_L1).toInteger(), 700);
    QCOMPARE(counter(role, "jobsDoneTwice"), 0);
    // The same job reported by a second device: it was done twice, and counted so.
    role.handle(message("r4", "wo-1", u"/factory/1/done"_s, {{u"device"_s, u"f1-dev-1"_s}}));
    QCOMPARE(counter(role, "jobsDoneTwice"), 1);
    QCOMPARE(counter(role, "completed"), 1);
    // A report for an order it never had is ignored.
    role.handle(message("r3", "unknown", u"/factory/1/done"_s, {}));
    QCOMPARE(counter(role, "completed"), 1);
}

// When its order is made, the order's sender (its Reply-To: an office's desk) is told,
// through the outbox, once.
void TstFactoryPlannerRole::madeOrderIsReportedToItsSender()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    Envelope order = workOrder("wo-1");
    order.replyTo = u"/order-desk/mgmt-orders/done"_s;
    role.handle(order);
    QVERIFY(sentTo(ctx, u"/order-desk/"_s).isEmpty());   // accepted is the ack, not a message
    const Envelope report = message("r1", "wo-1", u"/factory/1/done"_s, {{u"device"_s, u"f1-dev-2"_s}});
    role.handle(report);
    Envelope repeat = report;
    repeat.id = "r2";
    role.handle(repeat);
    const QList<Envelope> notices = sentTo(ctx, u"/order-desk/"_s);
    QCOMPARE(notices.size(), 1);
    QCOMPARE(notices.first().address, u"/order-desk/mgmt-orders/done"_s);
    QCOMPARE(notices.first().requestId, QByteArray("wo-1"));
    QCOMPARE(notices.first().header(u"Status"), u"200"_s);
    QCOMPARE(notices.first().header(u"From"), u"f1-planner"_s);
    QCOMPARE(bodyOf(notices.first()).value("device"_L1).toString(), u"f1-dev-2"_s);
    QCOMPARE(bodyOf(notices.first()).value("state"_L1).toString(), u"made"_s);
    role.settled(notices.first().id, false);
    ctx.now += 300;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/order-desk/"_s).size(), 2);   // refused: told again
}

// A completed order is published on /topics/production; with an inspection service
// configured it is sent there, and the verdict is counted once and published on /topics/quality.
void TstFactoryPlannerRole::completedOrdersArePublishedAndInspected()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"inspection"_s, u"/cloud/inspection"_s}}));
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    role.handle(message("r1", "wo-1", u"/factory/1/done"_s, {{u"device"_s, u"f1-dev-1"_s}}));
    const QList<Envelope> production = sentTo(ctx, u"/topics/production"_s);
    QCOMPARE(production.size(), 1);
    QCOMPARE(bodyOf(production.first()).value("site"_L1).toString(), u"f1"_s);
    const QList<Envelope> inspections = sentTo(ctx, u"/cloud/inspection"_s);
    QCOMPARE(inspections.size(), 1);
    QCOMPARE(inspections.first().requestId, QByteArray("wo-1"));
    QCOMPARE(inspections.first().replyTo, u"/factory/1/inspections"_s);

    const Envelope verdict = message("v1", "wo-1", u"/factory/1/inspections"_s, {}, 200, u"cloud-inspection"_s);
    role.handle(verdict);
    Envelope repeat = verdict;
    repeat.id = "v2";
    role.handle(repeat);
    QCOMPARE(counter(role, "inspected"), 1);
    QCOMPARE(eventCount(ctx, u"order-inspected"_s), 1);
    const QList<Envelope> quality = sentTo(ctx, u"/topics/quality"_s);
    QCOMPARE(quality.size(), 1);
    QCOMPARE(bodyOf(quality.first()).value("inspector"_L1).toString(), u"cloud-inspection"_s);
}

// Before the inspection service exists its requests are refused: counted, never retried.
void TstFactoryPlannerRole::unavailableInspectionIsCountedNotRetried()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"inspection"_s, u"/cloud/inspection"_s}}));
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    role.handle(message("r1", "wo-1", u"/factory/1/done"_s, {}));
    const QByteArray id = sentTo(ctx, u"/cloud/"_s).first().id;
    role.settled(id, false);
    ctx.now += 10000;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/cloud/"_s).size(), 1);
    QCOMPARE(counter(role, "inspectionsUnavailable"), 1);
    QCOMPARE(counter(role, "inspected"), 0);
}

void TstFactoryPlannerRole::asksWarehousesAndFactoriesEveryNthOrder_data()
{
    QTest::addColumn<int>("materialsEvery");
    QTest::addColumn<int>("partsEvery");
    QTest::addColumn<int>("partsFrom");
    QTest::addColumn<int>("materials");
    QTest::addColumn<int>("parts");
    QTest::newRow("every 3rd and 4th of 12") << 3 << 4 << 2 << 4 << 3;
    QTest::newRow("every order") << 1 << 1 << 3 << 12 << 12;
    QTest::newRow("never") << 0 << 0 << 2 << 0 << 0;
    QTest::newRow("parts not from itself") << 6 << 1 << 1 << 2 << 0;
}

// Every materialsEvery orders the warehouses are asked for materials; every partsEvery
// orders the factory partsFrom is asked for a part, never the factory itself.
void TstFactoryPlannerRole::asksWarehousesAndFactoriesEveryNthOrder()
{
    QFETCH(int, materialsEvery);
    QFETCH(int, partsEvery);
    QFETCH(int, partsFrom);
    QFETCH(int, materials);
    QFETCH(int, parts);
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"materialsEvery"_s, materialsEvery},
                                                         {u"partsEvery"_s, partsEvery},
                                                         {u"partsFrom"_s, partsFrom},
                                                         {u"material"_s, u"copper"_s},
                                                         {u"materialQuantity"_s, 7}}));
    FactoryPlannerRole role;
    role.start(ctx);
    for (int i = 1; i <= 12; ++i)
        role.handle(workOrder("wo-" + QByteArray::number(i)));
    const QList<Envelope> materialRequests = sentTo(ctx, u"/warehouses/materials"_s);
    QCOMPARE(materialRequests.size(), materials);
    QCOMPARE(sentTo(ctx, u"/factory/"_s).size(), parts);
    QCOMPARE(counter(role, "materialsRequested"), materials);
    QCOMPARE(counter(role, "partsRequested"), parts);
    if (materials > 0) {
        QCOMPARE(materialRequests.first().replyTo, u"/factory/1/materials"_s);
        QCOMPARE(bodyOf(materialRequests.first()).value("material"_L1).toString(), u"copper"_s);
        QCOMPARE(bodyOf(materialRequests.first()).value("quantity"_L1).toInteger(), 7);
    }
    if (parts > 0) {
        QCOMPARE(sentTo(ctx, u"/factory/"_s).first().address, u"/factory/%1/parts"_s.arg(partsFrom));
        QCOMPARE(sentTo(ctx, u"/factory/"_s).first().replyTo, u"/factory/1/parts-received"_s);
    }
}

// Answers from warehouses and factories count once each; a refusal counts as refused.
void TstFactoryPlannerRole::answersAreCountedOnce()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"materialsEvery"_s, 1}, {u"partsEvery"_s, 1},
                                                         {u"partsFrom"_s, 2}}));
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    role.handle(workOrder("wo-2"));
    const QList<Envelope> materials = sentTo(ctx, u"/warehouses/"_s);
    const QList<Envelope> parts = sentTo(ctx, u"/factory/2/"_s);
    QCOMPARE(materials.size(), 2);
    QCOMPARE(parts.size(), 2);
    const Envelope shipped = message("a1", materials.at(0).requestId, u"/factory/1/materials"_s,
                                     {{u"material"_s, u"steel"_s}, {u"quantity"_s, 5}}, 200, u"w1-warehouse"_s);
    role.handle(shipped);
    Envelope repeat = shipped;
    repeat.id = "a2";
    role.handle(repeat);
    role.handle(message("a3", materials.at(1).requestId, u"/factory/1/materials"_s, {{u"error"_s, u"out of stock"_s}},
                        409));
    role.handle(message("a4", parts.at(0).requestId, u"/factory/1/parts-received"_s, {{u"part"_s, u"x"_s}}, 200,
                        u"f2-planner"_s));
    role.handle(message("a5", "nobody-asked", u"/factory/1/parts-received"_s, {}, 200));
    QCOMPARE(counter(role, "materialsReceived"), 5);
    QCOMPARE(counter(role, "materialsRefused"), 1);
    QCOMPARE(counter(role, "partsReceived"), 1);
    QCOMPARE(eventCount(ctx, u"materials-received"_s), 1);
    QCOMPARE(eventCount(ctx, u"part-received"_s), 1);
}

// Another factory's part request is answered (through the outbox) and counted once.
void TstFactoryPlannerRole::suppliesPartsToOtherFactories()
{
    FakeRoleContext ctx(u"f2-planner"_s, plannerParams({{u"site"_s, u"f2"_s}, {u"number"_s, 2}}));
    FactoryPlannerRole role;
    role.start(ctx);
    Envelope request = message("p1", "p1", u"/factory/2/parts"_s, {{u"factory"_s, 1}, {u"part"_s, u"subassembly"_s}});
    request.replyTo = u"/factory/1/parts-received"_s;
    role.handle(request);
    QCOMPARE(ctx.sent.size(), 1);
    const Envelope answer = ctx.sent.first();
    QCOMPARE(answer.address, u"/factory/1/parts-received"_s);
    QCOMPARE(answer.requestId, QByteArray("p1"));
    QCOMPARE(answer.header(u"Status"), u"200"_s);
    QCOMPARE(bodyOf(answer).value("from"_L1).toInteger(), 2);
    request.id = "p1-again";
    role.handle(request);
    QCOMPARE(counter(role, "partsSupplied"), 1);
    QCOMPARE(eventCount(ctx, u"part-supplied"_s), 1);
}

// Management pauses a factory: it leaves the work-orders address so balancing offers
// the others; resume brings it back. Both are answered with the new state.
void TstFactoryPlannerRole::pauseAndResumeByCommand()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    Envelope pause = message("c1", "c1", u"/factory/1/command"_s, {{u"command"_s, u"pause"_s}});
    pause.replyTo = u"/_ingress/mgmt-edge"_s;
    role.handle(pause);
    QVERIFY(!subscribed(ctx, u"/factories/work-orders"_s));
    QVERIFY(subscribed(ctx, u"/factory/1"_s));
    QCOMPARE(bodyOf(ctx.sent.last()).value("paused"_L1).toBool(), true);
    QCOMPARE(eventCount(ctx, u"orders-paused"_s), 1);

    Envelope resume = message("c2", "c2", u"/factory/1/command"_s, {{u"command"_s, u"resume"_s}});
    resume.replyTo = pause.replyTo;
    role.handle(resume);
    QVERIFY(subscribed(ctx, u"/factories/work-orders"_s));
    QCOMPARE(bodyOf(ctx.sent.last()).value("paused"_L1).toBool(), false);
    QCOMPARE(eventCount(ctx, u"orders-resumed"_s), 1);

    Envelope bad = message("c3", "c3", u"/factory/1/command"_s, {{u"command"_s, u"explode"_s}});
    bad.replyTo = pause.replyTo;
    role.handle(bad);
    QCOMPARE(ctx.sent.last().header(u"Status"), u"400"_s);
}

// GET /factory/<n>/status answers the planner's state.
void TstFactoryPlannerRole::statusOverItsAddress()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    Envelope get;
    get.id = "g1";
    get.address = u"/factory/1/status"_s;
    get.replyTo = u"/_ingress/mgmt-edge"_s;
    get.setHeader(u"Method"_s, u"GET"_s);
    role.handle(get);
    const QJsonObject status = bodyOf(ctx.sent.last());
    QCOMPARE(ctx.sent.last().address, u"/_ingress/mgmt-edge"_s);
    QCOMPARE(status.value("factory"_L1).toInteger(), 1);
    QCOMPARE(status.value("site"_L1).toString(), u"f1"_s);
    QCOMPARE(status.value("backlog"_L1).toInteger(), 1);
    QCOMPARE(status.value("node"_L1).toString(), u"f1-planner"_s);
}

// A job no device took (all shut down, router restarting) is offered again after retryMs.
void TstFactoryPlannerRole::refusedJobIsOfferedAgain()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    FactoryPlannerRole role;
    role.start(ctx);
    role.handle(workOrder("wo-1"));
    const QByteArray id = sentTo(ctx, u"/jobs/"_s).first().id;
    role.settled(id, false);
    QCOMPARE(counter(role, "waitingToRetry"), 1);
    ctx.now += 300;
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/jobs/"_s).size(), 2);
    QCOMPARE(sentTo(ctx, u"/jobs/"_s).last().id, id);
    role.settled(id, true);
    QCOMPARE(counter(role, "pendingMessages"), 0);
}

// Orders, their backlog and the paused state survive a restart.
void TstFactoryPlannerRole::restartKeepsOrdersAndPause()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"planner.db"_s);
    QString error;
    {
        FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        FactoryPlannerRole role;
        role.start(ctx);
        role.handle(workOrder("wo-1"));
        role.handle(workOrder("wo-2"));
        role.settled(ctx.sent.at(0).id, true);
        role.settled(ctx.sent.at(1).id, true);
        role.handle(message("r1", "wo-1", u"/factory/1/done"_s, {}));
        role.handle(message("c1", "c1", u"/factory/1/command"_s, {{u"command"_s, u"pause"_s}}));
    }
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams());
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    FactoryPlannerRole role;
    role.start(ctx);
    QVERIFY(!subscribed(ctx, u"/factories/work-orders"_s));
    QCOMPARE(ctx.outstanding, 1);
    QCOMPARE(counter(role, "ordersAccepted"), 2);
    QCOMPARE(counter(role, "completed"), 1);
    QVERIFY(role.telemetry().value("paused"_L1).toBool());
    QVERIFY(ctx.sent.isEmpty());   // both jobs were settled before the restart
    role.handle(message("r2", "wo-2", u"/factory/1/done"_s, {}));
    QCOMPARE(counter(role, "completed"), 2);
}

// Bad params leave the planner unsubscribed, saying why.
void TstFactoryPlannerRole::invalidParams()
{
    FakeRoleContext ctx(u"f1-planner"_s, plannerParams({{u"inspection"_s, u"cloud/inspection"_s}}));
    FactoryPlannerRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"inspection"_s));
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QCOMPARE(role.telemetry().value("error"_L1).toString(), u"param \"inspection\" must be an address starting with '/'"_s);
    role.handle(workOrder("wo-1"));
    QVERIFY(ctx.sent.isEmpty());
}

QTEST_APPLESS_MAIN(TstFactoryPlannerRole)
#include "tst_factoryplannerrole.moc"
