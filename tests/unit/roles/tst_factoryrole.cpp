#include "node/roles/factory.h"
#include "node/store/entitystore.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FactoryRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

const QString storeAnswers = u"/store/32/answers"_s;

QJsonObject bodyOf(const Envelope &message)
{
    return QJsonDocument::fromJson(message.body).object();
}

QJsonObject factoryParams(int number, qint64 buildMs, int capacity = 0)
{
    return QJsonObject{{u"number"_s, number},
                       {u"position"_s, QJsonArray{200, 100}},
                       {u"buildMs"_s, buildMs},
                       {u"capacity"_s, capacity}};
}

// A work order as a store sends it to "/factories/orders".
Envelope workOrder(const QString &item, QByteArray requestId = {}, const QString &customer = u"Roscoe"_s)
{
    Envelope message;
    message.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    message.requestId = requestId.isEmpty() ? message.id + "#order" : requestId;
    message.address = u"/factories/orders"_s;
    message.replyTo = storeAnswers;
    message.setHeader(u"Method"_s, u"POST"_s);
    message.body = QJsonDocument(QJsonObject{{u"item"_s, item},
                                             {u"customer"_s, customer},
                                             {u"store"_s, 32},
                                             {u"storePosition"_s, QJsonArray{10, 20}}})
                       .toJson(QJsonDocument::Compact);
    return message;
}

Envelope trackingQuery(const QString &tracking)
{
    Envelope message;
    message.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    message.requestId = message.id;
    message.address = u"/tracking/"_s + tracking;
    message.replyTo = u"/client/roscoe"_s;
    message.setHeader(u"Method"_s, u"GET"_s);
    return message;
}

QList<Envelope> sentTo(const FakeRoleContext &context, const QString &address)
{
    QList<Envelope> matching;
    for (const Envelope &message : context.sent) {
        if (message.address == address)
            matching.append(message);
    }
    return matching;
}

bool subscribed(const FakeRoleContext &context, const QString &address)
{
    return std::any_of(context.subscriptions.cbegin(), context.subscriptions.cend(),
                       [&address](const FakeRoleContext::Subscription &s) { return s.address == address; });
}

int eventCount(const FakeRoleContext &context, const QString &kind)
{
    return int(std::count_if(context.events.cbegin(), context.events.cend(),
                             [&kind](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

// Places an order and returns its tracking id from the factory's answer.
QString order(FactoryRole &role, FakeRoleContext &context, const QString &item, const QByteArray &requestId = {})
{
    role.handle(workOrder(item, requestId));
    return bodyOf(context.sent.constLast()).value(u"tracking"_s).toString();
}

// What the factory answers about a tracking id right now.
QJsonObject track(FactoryRole &role, FakeRoleContext &context, const QString &tracking)
{
    role.handle(trackingQuery(tracking));
    return bodyOf(context.sent.constLast());
}

void tickAt(FactoryRole &role, FakeRoleContext &context, qint64 nowMs)
{
    context.now = nowMs;
    role.tick(nowMs);
}

} // namespace

class tst_FactoryRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesBalancedWithCapacity();
    void orderIsQueuedWithTrackingId();
    void repeatedOrderKeepsItsTrackingId();
    void invalidOrderIsRefused();
    void queuePositionsFollowTheBacklog();
    void buildTakesBuildMs_data();
    void buildTakesBuildMs();
    void buildsFollowEachOtherWithoutTickGaps();
    void builtOrderNotifiesCustomerAndDispatchesTruck();
    void dispatchIsRetriedWhenNoTruckTakesIt();
    void restartResumesBacklogAndBuild();
    void drainStopsTakingOrders();
    void telemetryReportsBacklog();
};

// "/factories" is subscribed with the factory's capacity (balanced anycast skips a full
// factory), "/factory/<n>" for direct requests.
void tst_FactoryRole::subscribesBalancedWithCapacity()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 1000, 5));
    FactoryRole role;
    role.start(context);
    QCOMPARE(role.name(), u"factory"_s);
    QCOMPARE(context.subscriptions.size(), 2);
    QCOMPARE(context.subscriptions.at(0).address, u"/factories"_s);
    QCOMPARE(context.subscriptions.at(0).capacity, 5);
    QCOMPARE(context.subscriptions.at(1).address, u"/factory/2"_s);
    QCOMPARE(context.outstanding, 0);
}

// An order is queued durably, gets a tracking id "T-<factory>-<short id>", a tracking
// subscription, and raises the advertised backlog.
void tst_FactoryRole::orderIsQueuedWithTrackingId()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 1000));
    FactoryRole role;
    role.start(context);
    const Envelope request = workOrder(u"clear plastic tunic"_s);
    role.handle(request);

    QCOMPARE(context.sent.size(), 1);
    const Envelope &reply = context.sent.constFirst();
    QCOMPARE(reply.address, storeAnswers);
    QCOMPARE(reply.requestId, request.requestId);
    QCOMPARE(reply.header(u"Status"), u"200"_s);
    const QJsonObject answer = bodyOf(reply);
    const QString tracking = answer.value(u"tracking"_s).toString();
    QVERIFY2(QRegularExpression(u"^T-2-[0-9a-f]{8}$"_s).match(tracking).hasMatch(), qPrintable(tracking));
    QCOMPARE(answer.value(u"factory"_s).toInt(), 2);
    QCOMPARE(answer.value(u"queuePosition"_s).toInt(), 0);
    QCOMPARE(answer.value(u"status"_s).toString(), u"queued"_s);

    QVERIFY(subscribed(context, u"/tracking/"_s + tracking));
    QCOMPARE(context.outstanding, 1);
    QCOMPARE(context.store().backlogSize(), 1);
    const std::optional<QJsonObject> record = context.store().record(u"tracking"_s, tracking);
    QVERIFY(record.has_value());
    QCOMPARE(record->value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(record->value(u"item"_s).toString(), u"clear plastic tunic"_s);
    QCOMPARE(record->value(u"store"_s).toInt(), 32);
    QCOMPARE(record->value(u"factory"_s).toInt(), 2);
    QCOMPARE(eventCount(context, u"order-queued"_s), 1);
}

// The same order resent (same request id, new message id) gets the same tracking id and
// is built once.
void tst_FactoryRole::repeatedOrderKeepsItsTrackingId()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 1000));
    FactoryRole role;
    role.start(context);
    const QString first = order(role, context, u"tunic"_s, "order-1");
    const QString again = order(role, context, u"tunic"_s, "order-1");
    const QString other = order(role, context, u"tunic"_s, "order-2");
    QCOMPARE(again, first);
    QVERIFY(other != first);
    QCOMPARE(context.store().backlogSize(), 2);
    QCOMPARE(context.outstanding, 2);
}

// An order without the store to deliver to cannot be built for anyone: 400, nothing queued.
void tst_FactoryRole::invalidOrderIsRefused()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 1000));
    FactoryRole role;
    role.start(context);
    Envelope request = workOrder(u"tunic"_s);
    request.body = QJsonDocument(QJsonObject{{u"item"_s, u"tunic"_s}}).toJson();
    role.handle(request);
    QCOMPARE(context.sent.constLast().header(u"Status"), u"400"_s);
    QCOMPARE(context.store().backlogSize(), 0);
    QCOMPARE(context.outstanding, 0);
}

// queuePosition counts the orders ahead (0 = being built), in answers and tracking queries,
// and moves up as orders are built.
void tst_FactoryRole::queuePositionsFollowTheBacklog()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 1000));
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    const QString a = order(role, context, u"tunic"_s);
    role.handle(workOrder(u"cutlass"_s));
    QCOMPARE(bodyOf(context.sent.constLast()).value(u"queuePosition"_s).toInt(), 1);
    const QString b = bodyOf(context.sent.constLast()).value(u"tracking"_s).toString();
    const QString c = order(role, context, u"hook"_s);

    tickAt(role, context, t0);
    QCOMPARE(track(role, context, a).value(u"status"_s).toString(), u"building"_s);
    QCOMPARE(track(role, context, a).value(u"queuePosition"_s).toInt(), 0);
    QCOMPARE(track(role, context, c).value(u"queuePosition"_s).toInt(), 2);

    tickAt(role, context, t0 + 1000);
    const QJsonObject builtA = track(role, context, a);
    QCOMPARE(builtA.value(u"status"_s).toString(), u"built"_s);
    QVERIFY(builtA.value(u"queuePosition"_s).isNull());
    QCOMPARE(track(role, context, b).value(u"queuePosition"_s).toInt(), 0);
    QCOMPARE(track(role, context, b).value(u"status"_s).toString(), u"building"_s);
    QCOMPARE(track(role, context, c).value(u"queuePosition"_s).toInt(), 1);
    QCOMPARE(track(role, context, c).value(u"factory"_s).toInt(), 2);
    QCOMPARE(context.outstanding, 2);
}

void tst_FactoryRole::buildTakesBuildMs_data()
{
    QTest::addColumn<qint64>("buildMs");
    QTest::newRow("fast factory") << qint64(300);
    QTest::newRow("slow factory") << qint64(2500);
}

// An item is built exactly buildMs after its build started, not a tick earlier.
void tst_FactoryRole::buildTakesBuildMs()
{
    QFETCH(qint64, buildMs);
    FakeRoleContext context(u"factory-1"_s, factoryParams(1, buildMs));
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    const QString tracking = order(role, context, u"tunic"_s);

    tickAt(role, context, t0);
    tickAt(role, context, t0 + buildMs - 1);
    QCOMPARE(eventCount(context, u"order-built"_s), 0);
    QCOMPARE(context.store().backlogSize(), 1);
    tickAt(role, context, t0 + buildMs);
    QCOMPARE(eventCount(context, u"order-built"_s), 1);
    QCOMPARE(context.store().backlogSize(), 0);
    QCOMPARE(context.store().completedCount(), 1);
    QCOMPARE(context.outstanding, 0);
    const std::optional<QJsonObject> record = context.store().record(u"tracking"_s, tracking);
    QCOMPARE(record->value(u"builtMs"_s).toInteger(), t0 + buildMs);
}

// One item at a time, back to back: a coarse tick does not slow the factory down.
void tst_FactoryRole::buildsFollowEachOtherWithoutTickGaps()
{
    FakeRoleContext context(u"factory-1"_s, factoryParams(1, 100));
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    const QStringList tracking{order(role, context, u"a"_s), order(role, context, u"b"_s), order(role, context, u"c"_s),
                               order(role, context, u"d"_s)};

    tickAt(role, context, t0 + 350);
    QCOMPARE(eventCount(context, u"order-built"_s), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(context.store().record(u"tracking"_s, tracking.at(i))->value(u"builtMs"_s).toInteger(),
                 t0 + 100 * (i + 1));
    }
    QCOMPARE(context.store().record(u"tracking"_s, tracking.at(3))->value(u"buildStartedMs"_s).toInteger(), t0 + 300);
    QCOMPARE(context.outstanding, 1);
}

// When built, the customer hears so at "/notifications/<customer>" and the item is offered
// to the trucks; once a truck took the job, the factory leaves tracking to the truck.
void tst_FactoryRole::builtOrderNotifiesCustomerAndDispatchesTruck()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 500));
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    const QString tracking = order(role, context, u"clear plastic tunic"_s);
    tickAt(role, context, t0);
    tickAt(role, context, t0 + 500);

    const QList<Envelope> notes = sentTo(context, u"/notifications/Roscoe"_s);
    QCOMPARE(notes.size(), 1);
    const QJsonObject note = bodyOf(notes.constFirst());
    QCOMPARE(note.value(u"tracking"_s).toString(), tracking);
    QCOMPARE(note.value(u"status"_s).toString(), u"built"_s);
    QVERIFY(note.value(u"message"_s).toString().contains(u"clear plastic tunic"_s));
    const auto built = std::find_if(context.events.cbegin(), context.events.cend(),
                                    [](const FakeRoleContext::Event &e) { return e.kind == u"order-built"; });
    QVERIFY(built != context.events.cend());
    QCOMPARE(built->fields.value(u"tracking"_s).toString(), tracking);
    QCOMPARE(built->fields.value(u"item"_s).toString(), u"clear plastic tunic"_s);

    const QList<Envelope> jobs = sentTo(context, u"/trucks/jobs"_s);
    QCOMPARE(jobs.size(), 1);
    const QJsonObject job = bodyOf(jobs.constFirst());
    QCOMPARE(job.value(u"tracking"_s).toString(), tracking);
    QCOMPARE(job.value(u"item"_s).toString(), u"clear plastic tunic"_s);
    QCOMPARE(job.value(u"from"_s).toArray(), (QJsonArray{200, 100}));
    QCOMPARE(job.value(u"fromFactory"_s).toInt(), 2);
    QCOMPARE(job.value(u"toStore"_s).toInt(), 32);
    QCOMPARE(job.value(u"to"_s).toArray(), (QJsonArray{10, 20}));

    // Until a truck has it, the factory still answers tracking.
    QCOMPARE(track(role, context, tracking).value(u"status"_s).toString(), u"built"_s);
    QVERIFY(subscribed(context, u"/tracking/"_s + tracking));

    role.settled(jobs.constFirst().id, true);
    QVERIFY(!subscribed(context, u"/tracking/"_s + tracking));
    QCOMPARE(context.store().record(u"tracking"_s, tracking)->value(u"status"_s).toString(), u"dispatched"_s);
    QCOMPARE(eventCount(context, u"order-dispatched"_s), 1);
    QVERIFY(subscribed(context, u"/factories"_s));
}

// A job no truck took (all busy or none reachable) is offered again after dispatchRetryMs.
void tst_FactoryRole::dispatchIsRetriedWhenNoTruckTakesIt()
{
    QJsonObject params = factoryParams(2, 100);
    params.insert(u"dispatchRetryMs"_s, 400);
    FakeRoleContext context(u"factory-2"_s, params);
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    const QString tracking = order(role, context, u"tunic"_s);
    tickAt(role, context, t0 + 100);
    const Envelope firstOffer = sentTo(context, u"/trucks/jobs"_s).constFirst();

    context.now = t0 + 150;
    role.settled(firstOffer.id, false);
    tickAt(role, context, t0 + 549);
    QCOMPARE(sentTo(context, u"/trucks/jobs"_s).size(), 1);
    tickAt(role, context, t0 + 550);
    const QList<Envelope> offers = sentTo(context, u"/trucks/jobs"_s);
    QCOMPARE(offers.size(), 2);
    QCOMPARE(bodyOf(offers.at(1)).value(u"tracking"_s).toString(), tracking);
    QCOMPARE(eventCount(context, u"order-built"_s), 1);

    role.settled(offers.at(1).id, true);
    tickAt(role, context, t0 + 5000);
    QCOMPARE(sentTo(context, u"/trucks/jobs"_s).size(), 2);
}

// A restarted factory resumes its persisted backlog: the build in progress finishes at
// its original time, the next follows, subscriptions and backlog are advertised again,
// and a built job whose dispatch was unsettled is offered again.
void tst_FactoryRole::restartResumesBacklogAndBuild()
{
    FakeRoleContext context(u"factory-3"_s, factoryParams(3, 1000));
    const qint64 t0 = context.now;
    QString first;
    QString second;
    QString third;
    {
        FactoryRole before;
        before.start(context);
        first = order(before, context, u"a"_s);
        second = order(before, context, u"b"_s);
        third = order(before, context, u"c"_s);
        tickAt(before, context, t0);
        tickAt(before, context, t0 + 1000);   // first built, offered to a truck, unsettled
        tickAt(before, context, t0 + 1600);   // second 60 % built
    }
    context.subscriptions.clear();
    context.outstanding = 0;
    const qsizetype sentBefore = context.sent.size();

    FactoryRole after;
    after.start(context);
    QCOMPARE(context.outstanding, 2);
    QVERIFY(subscribed(context, u"/tracking/"_s + first));
    QVERIFY(subscribed(context, u"/tracking/"_s + second));
    QVERIFY(subscribed(context, u"/tracking/"_s + third));
    QCOMPARE(track(after, context, second).value(u"status"_s).toString(), u"building"_s);

    tickAt(after, context, t0 + 1999);
    QCOMPARE(context.store().record(u"tracking"_s, second)->value(u"status"_s).toString(), u"building"_s);
    QList<Envelope> jobs;
    for (qsizetype i = sentBefore; i < context.sent.size(); ++i) {
        if (context.sent.at(i).address == u"/trucks/jobs")
            jobs.append(context.sent.at(i));
    }
    QCOMPARE(jobs.size(), 1);   // the unsettled offer of the first, again
    QCOMPARE(bodyOf(jobs.constFirst()).value(u"tracking"_s).toString(), first);

    tickAt(after, context, t0 + 2000);
    QCOMPARE(context.store().record(u"tracking"_s, second)->value(u"status"_s).toString(), u"built"_s);
    QCOMPARE(context.store().record(u"tracking"_s, third)->value(u"status"_s).toString(), u"building"_s);
    QCOMPARE(context.store().record(u"tracking"_s, third)->value(u"buildStartedMs"_s).toInteger(), t0 + 2000);
    QCOMPARE(context.outstanding, 1);
    QCOMPARE(after.telemetry().value(u"built"_s).toInteger(), 2);
}

// Draining (for an upgrade) stops taking orders and starting builds, and is done once no
// job offer waits for its settlement.
void tst_FactoryRole::drainStopsTakingOrders()
{
    FakeRoleContext context(u"factory-2"_s, factoryParams(2, 100));
    FactoryRole role;
    role.start(context);
    const qint64 t0 = context.now;
    order(role, context, u"a"_s);
    order(role, context, u"b"_s);
    tickAt(role, context, t0 + 100);   // a built and offered, b started
    const Envelope offer = sentTo(context, u"/trucks/jobs"_s).constFirst();

    QVERIFY(!role.drain());
    QVERIFY(!subscribed(context, u"/factories"_s));
    role.settled(offer.id, true);
    QVERIFY(role.drain());

    tickAt(role, context, t0 + 200);   // b, already started, still finishes
    QCOMPARE(eventCount(context, u"order-built"_s), 2);
}

// Telemetry: backlog, built count, build time and position.
void tst_FactoryRole::telemetryReportsBacklog()
{
    FakeRoleContext context(u"factory-4"_s, factoryParams(4, 700));
    FactoryRole role;
    role.start(context);
    order(role, context, u"a"_s);
    order(role, context, u"b"_s);
    const QJsonObject telemetry = role.telemetry();
    QCOMPARE(telemetry.value(u"factory"_s).toInt(), 4);
    QCOMPARE(telemetry.value(u"backlog"_s).toInt(), 2);
    QCOMPARE(telemetry.value(u"built"_s).toInt(), 0);
    QCOMPARE(telemetry.value(u"buildMs"_s).toInt(), 700);
    QCOMPARE(telemetry.value(u"position"_s).toArray(), (QJsonArray{200, 100}));
}

QTEST_GUILESS_MAIN(tst_FactoryRole)
#include "tst_factoryrole.moc"
