#include "node/roles/pugs/truckroute.h"
#include "node/roles/truck.h"
#include "node/store/entitystore.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::TruckRole;
using Portolan::Node::Pugs::MapPoint;
using Portolan::Node::Pugs::TruckRoute;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

// Depot (0, 0); factory 2 at (100, 0); store 32 at (100, 80). At 50 units/s the drive is
// 2000 ms to the factory and 1600 ms on to the store.
constexpr qint64 toFactoryMs = 2000;
constexpr qint64 routeMs = 3600;

QJsonObject bodyOf(const Envelope &message)
{
    return QJsonDocument::fromJson(message.body).object();
}

QJsonObject truckParams(int number = 5)
{
    return QJsonObject{{u"number"_s, number},
                       {u"position"_s, QJsonArray{0, 0}},
                       {u"speed"_s, 50},
                       {u"positionIntervalMs"_s, 200}};
}

// A job as a factory offers it on "/trucks/jobs".
Envelope job(const QString &tracking, const QJsonArray &from = {100, 0}, const QJsonArray &to = {100, 80})
{
    Envelope message;
    message.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    message.requestId = tracking.toUtf8();
    message.address = u"/trucks/jobs"_s;
    message.replyTo = u"/factory/2/answers"_s;
    message.setHeader(u"Method"_s, u"POST"_s);
    message.body = QJsonDocument(QJsonObject{{u"tracking"_s, tracking},
                                             {u"item"_s, u"clear plastic tunic"_s},
                                             {u"from"_s, from},
                                             {u"fromFactory"_s, 2},
                                             {u"toStore"_s, 32},
                                             {u"to"_s, to}})
                       .toJson(QJsonDocument::Compact);
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

QJsonObject track(TruckRole &role, FakeRoleContext &context, const QString &tracking)
{
    Envelope query;
    query.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    query.requestId = query.id;
    query.address = u"/tracking/"_s + tracking;
    query.replyTo = u"/client/roscoe"_s;
    query.setHeader(u"Method"_s, u"GET"_s);
    role.handle(query);
    return bodyOf(context.sent.constLast());
}

void tickAt(TruckRole &role, FakeRoleContext &context, qint64 nowMs)
{
    context.now = nowMs;
    role.tick(nowMs);
}

} // namespace

class tst_TruckRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routeInterpolates_data();
    void routeInterpolates();
    void subscribesWithCapacityOne();
    void acceptsJobAndTracksIt();
    void invalidJobIsRefused();
    void repeatedJobIsTakenOnce();
    void positionsAreSentAtTheInterval();
    void trackingAnswersWhileDriving_data();
    void trackingAnswersWhileDriving();
    void arrivalDeliversToTheStore();
    void deliveryIsResentUntilAcknowledged();
    void secondJobWaitsItsTurn();
    void restartResumesTheDrive();
};

void tst_TruckRole::routeInterpolates_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("heading");
    QTest::addColumn<bool>("pickedUp");

    QTest::newRow("before setting off") << qint64(-50) << 0.0 << 0.0 << 0.0 << false;
    QTest::newRow("at the depot") << qint64(0) << 0.0 << 0.0 << 0.0 << false;
    QTest::newRow("half way to the factory") << qint64(1000) << 50.0 << 0.0 << 0.0 << false;
    QTest::newRow("at the factory") << toFactoryMs << 100.0 << 0.0 << 90.0 << true;
    QTest::newRow("half way to the store") << qint64(2800) << 100.0 << 40.0 << 90.0 << true;
    QTest::newRow("at the store") << routeMs << 100.0 << 80.0 << 90.0 << true;
    QTest::newRow("long after") << qint64(99'000) << 100.0 << 80.0 << 90.0 << true;
}

// The position follows from the time since departure alone: straight legs depot ->
// factory -> store at constant speed, heading 0 = +x, 90 = +y.
void tst_TruckRole::routeInterpolates()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, heading);
    QFETCH(bool, pickedUp);

    const TruckRoute route(MapPoint{0, 0}, MapPoint{100, 0}, MapPoint{100, 80}, 50);
    QCOMPARE(route.length(), 180.0);
    QCOMPARE(route.durationMs(), routeMs);
    const MapPoint at = route.positionAt(elapsedMs);
    QCOMPARE(at.x, x);
    QCOMPARE(at.y, y);
    QCOMPARE(route.headingAt(elapsedMs), heading);
    QCOMPARE(route.pickedUpAt(elapsedMs), pickedUp);
    QCOMPARE(route.remainingMs(elapsedMs), qMax<qint64>(0, routeMs - qMax<qint64>(0, elapsedMs)));
}

// "/trucks" with capacity 1: balanced distribution offers a busy truck no second job.
void tst_TruckRole::subscribesWithCapacityOne()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    QCOMPARE(role.name(), u"truck"_s);
    QCOMPARE(context.subscriptions.size(), 2);
    QCOMPARE(context.subscriptions.at(0).address, u"/trucks"_s);
    QCOMPARE(context.subscriptions.at(0).capacity, 1);
    QCOMPARE(context.subscriptions.at(1).address, u"/truck/5"_s);
    QCOMPARE(context.outstanding, 0);
}

// A job is persisted, sets off at once, takes over "/tracking/<id>" and fills the truck.
void tst_TruckRole::acceptsJobAndTracksIt()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    role.handle(job(u"T-2-aaaa"_s));

    QCOMPARE(context.sent.size(), 1);
    QCOMPARE(context.sent.constFirst().address, u"/factory/2/answers"_s);
    const QJsonObject answer = bodyOf(context.sent.constFirst());
    QCOMPARE(answer.value(u"accepted"_s).toBool(), true);
    QCOMPARE(answer.value(u"truck"_s).toInt(), 5);
    QCOMPARE(answer.value(u"etaMs"_s).toInteger(), routeMs);
    QVERIFY(subscribed(context, u"/tracking/T-2-aaaa"_s));
    QCOMPARE(context.outstanding, 1);
    const std::optional<QJsonObject> record = context.store().record(u"job"_s, u"T-2-aaaa"_s);
    QVERIFY(record.has_value());
    QCOMPARE(record->value(u"status"_s).toString(), u"on-the-way"_s);
    QCOMPARE(record->value(u"startMs"_s).toInteger(), context.now);
    QCOMPARE(role.telemetry().value(u"status"_s).toString(), u"on-the-way"_s);
    QCOMPARE(role.telemetry().value(u"tracking"_s).toString(), u"T-2-aaaa"_s);
}

// A job without a destination cannot be driven: 400 and nothing taken on.
void tst_TruckRole::invalidJobIsRefused()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    Envelope incomplete = job(u"T-2-aaaa"_s);
    incomplete.body = QJsonDocument(QJsonObject{{u"tracking"_s, u"T-2-aaaa"_s}, {u"toStore"_s, 32}}).toJson();
    role.handle(incomplete);
    QCOMPARE(context.sent.constLast().header(u"Status"), u"400"_s);
    QCOMPARE(context.outstanding, 0);
    QVERIFY(!context.store().record(u"job"_s, u"T-2-aaaa"_s).has_value());
}

// A factory that re-offers a job it did not see acknowledged does not get it driven twice.
void tst_TruckRole::repeatedJobIsTakenOnce()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    role.handle(job(u"T-2-aaaa"_s));
    role.handle(job(u"T-2-aaaa"_s));
    QCOMPARE(bodyOf(context.sent.constLast()).value(u"accepted"_s).toBool(), true);
    QCOMPARE(context.outstanding, 1);
    QCOMPARE(context.store().records(u"job"_s).size(), 1);
    QCOMPARE(role.telemetry().value(u"queued"_s).toInt(), 0);
}

// While driving, a fire-and-forget position goes to "/positions" every positionIntervalMs
// (ticks are finer), with the interpolated position at that moment.
void tst_TruckRole::positionsAreSentAtTheInterval()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    const qint64 t0 = context.now;
    role.handle(job(u"T-2-aaaa"_s));
    for (qint64 t = t0; t <= t0 + 1000; t += 50)
        tickAt(role, context, t);

    const QList<Envelope> positions = sentTo(context, u"/positions"_s);
    QCOMPARE(positions.size(), 6);
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const Envelope &message = positions.at(i);
        QVERIFY(message.replyTo.isEmpty());
        const QJsonObject body = bodyOf(message);
        QCOMPARE(body.value(u"ts"_s).toInteger(), t0 + 200 * i);
        QCOMPARE(body.value(u"truck"_s).toInt(), 5);
        QCOMPARE(body.value(u"tracking"_s).toString(), u"T-2-aaaa"_s);
        QCOMPARE(body.value(u"position"_s).toArray(), (QJsonArray{10.0 * double(i), 0}));
        QCOMPARE(body.value(u"heading"_s).toDouble(), 0.0);
    }
}

void tst_TruckRole::trackingAnswersWhileDriving_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<QJsonArray>("position");
    QTest::addColumn<bool>("pickedUp");
    QTest::newRow("to the factory") << qint64(600) << QJsonArray{30, 0} << false;
    QTest::newRow("to the store") << qint64(2800) << QJsonArray{100, 40} << true;
}

// "/tracking/<id>" during the drive: on the way, where, and how long until the store.
void tst_TruckRole::trackingAnswersWhileDriving()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(QJsonArray, position);
    QFETCH(bool, pickedUp);

    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    const qint64 t0 = context.now;
    role.handle(job(u"T-2-aaaa"_s));
    tickAt(role, context, t0 + elapsedMs);

    const QJsonObject answer = track(role, context, u"T-2-aaaa"_s);
    QCOMPARE(context.sent.constLast().address, u"/client/roscoe"_s);
    QCOMPARE(answer.value(u"tracking"_s).toString(), u"T-2-aaaa"_s);
    QCOMPARE(answer.value(u"status"_s).toString(), u"on-the-way"_s);
    QCOMPARE(answer.value(u"truck"_s).toInt(), 5);
    QCOMPARE(answer.value(u"position"_s).toArray(), position);
    QCOMPARE(answer.value(u"pickedUp"_s).toBool(), pickedUp);
    QCOMPARE(answer.value(u"etaMs"_s).toInteger(), routeMs - elapsedMs);
}

// On arrival the item is delivered to "/store/<n>/deliver", the truck is free again and
// keeps answering tracking with the final state.
void tst_TruckRole::arrivalDeliversToTheStore()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    const qint64 t0 = context.now;
    role.handle(job(u"T-2-aaaa"_s));

    tickAt(role, context, t0 + routeMs - 1);
    QVERIFY(sentTo(context, u"/store/32/deliver"_s).isEmpty());
    tickAt(role, context, t0 + routeMs + 30);

    const QList<Envelope> deliveries = sentTo(context, u"/store/32/deliver"_s);
    QCOMPARE(deliveries.size(), 1);
    const QJsonObject delivery = bodyOf(deliveries.constFirst());
    QCOMPARE(delivery.value(u"item"_s).toString(), u"clear plastic tunic"_s);
    QCOMPARE(delivery.value(u"quantity"_s).toInt(), 1);
    QCOMPARE(delivery.value(u"tracking"_s).toString(), u"T-2-aaaa"_s);
    QCOMPARE(context.outstanding, 0);
    QVERIFY(std::any_of(context.events.cbegin(), context.events.cend(),
                        [](const FakeRoleContext::Event &e) { return e.kind == u"truck-arrived"; }));

    const QJsonObject last = bodyOf(sentTo(context, u"/positions"_s).constLast());
    QCOMPARE(last.value(u"position"_s).toArray(), (QJsonArray{100, 80}));
    QCOMPARE(last.value(u"ts"_s).toInteger(), t0 + routeMs);

    const QJsonObject answer = track(role, context, u"T-2-aaaa"_s);
    QCOMPARE(answer.value(u"status"_s).toString(), u"delivered"_s);
    QCOMPARE(answer.value(u"position"_s).toArray(), (QJsonArray{100, 80}));
    QCOMPARE(answer.value(u"etaMs"_s).toInteger(), 0);
    QVERIFY(subscribed(context, u"/tracking/T-2-aaaa"_s));

    const QJsonObject telemetry = role.telemetry();
    QCOMPARE(telemetry.value(u"status"_s).toString(), u"idle"_s);
    QCOMPARE(telemetry.value(u"jobsDone"_s).toInteger(), 1);
    QCOMPARE(telemetry.value(u"position"_s).toArray(), (QJsonArray{100, 80}));

    const qsizetype positionsAtArrival = sentTo(context, u"/positions"_s).size();
    tickAt(role, context, t0 + routeMs + 2000);
    QCOMPARE(sentTo(context, u"/positions"_s).size(), positionsAtArrival);   // parked: quiet
}

// A delivery the store did not acknowledge is resent after deliveryRetryMs, with the same
// tracking id (the store counts it once), until it is.
void tst_TruckRole::deliveryIsResentUntilAcknowledged()
{
    QJsonObject params = truckParams();
    params.insert(u"deliveryRetryMs"_s, 500);
    FakeRoleContext context(u"truck-5"_s, params);
    TruckRole role;
    role.start(context);
    const qint64 t0 = context.now;
    role.handle(job(u"T-2-aaaa"_s));
    tickAt(role, context, t0 + routeMs);
    const Envelope first = sentTo(context, u"/store/32/deliver"_s).constFirst();

    role.settled(first.id, false);
    tickAt(role, context, t0 + routeMs + 499);
    QCOMPARE(sentTo(context, u"/store/32/deliver"_s).size(), 1);
    tickAt(role, context, t0 + routeMs + 500);
    const QList<Envelope> deliveries = sentTo(context, u"/store/32/deliver"_s);
    QCOMPARE(deliveries.size(), 2);
    QCOMPARE(bodyOf(deliveries.at(1)).value(u"tracking"_s).toString(), u"T-2-aaaa"_s);
    QVERIFY(!role.drain());

    role.settled(deliveries.at(1).id, true);
    tickAt(role, context, t0 + routeMs + 5000);
    QCOMPARE(sentTo(context, u"/store/32/deliver"_s).size(), 2);
    QCOMPARE(context.store().record(u"job"_s, u"T-2-aaaa"_s)->value(u"deliveryAcked"_s).toBool(), true);
    QVERIFY(role.drain());
}

// A job offered while the truck is busy waits; its ETA counts the drive ahead; it sets off
// from the first store the moment the first job arrives.
void tst_TruckRole::secondJobWaitsItsTurn()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    TruckRole role;
    role.start(context);
    const qint64 t0 = context.now;
    role.handle(job(u"T-2-aaaa"_s));
    // From the first store (100, 80) back to (100, 0), where this job picks up and delivers.
    role.handle(job(u"T-2-bbbb"_s, QJsonArray{100, 0}, QJsonArray{100, 0}));
    QCOMPARE(context.outstanding, 2);

    const QJsonObject waiting = track(role, context, u"T-2-bbbb"_s);
    QCOMPARE(waiting.value(u"status"_s).toString(), u"queued"_s);
    QCOMPARE(waiting.value(u"etaMs"_s).toInteger(), routeMs + 1600);

    tickAt(role, context, t0 + routeMs + 800);
    QCOMPARE(context.outstanding, 1);
    const std::optional<QJsonObject> second = context.store().record(u"job"_s, u"T-2-bbbb"_s);
    QCOMPARE(second->value(u"status"_s).toString(), u"on-the-way"_s);
    QCOMPARE(second->value(u"startMs"_s).toInteger(), t0 + routeMs);
    QCOMPARE(second->value(u"start"_s).toArray(), (QJsonArray{100, 80}));
    const QJsonObject driving = track(role, context, u"T-2-bbbb"_s);
    QCOMPARE(driving.value(u"position"_s).toArray(), (QJsonArray{100, 40}));
    QCOMPARE(driving.value(u"etaMs"_s).toInteger(), 800);
}

// A restarted truck is where the clock says: position from the persisted start time and
// route, positions resume, and it delivers on time.
void tst_TruckRole::restartResumesTheDrive()
{
    FakeRoleContext context(u"truck-5"_s, truckParams());
    const qint64 t0 = context.now;
    {
        TruckRole before;
        before.start(context);
        before.handle(job(u"T-2-aaaa"_s));
        tickAt(before, context, t0 + 1000);
    }
    context.subscriptions.clear();
    context.outstanding = 0;
    context.now = t0 + 2800;

    TruckRole after;
    after.start(context);
    QVERIFY(subscribed(context, u"/tracking/T-2-aaaa"_s));
    QCOMPARE(context.outstanding, 1);
    const QJsonObject answer = track(after, context, u"T-2-aaaa"_s);
    QCOMPARE(answer.value(u"position"_s).toArray(), (QJsonArray{100, 40}));
    QCOMPARE(answer.value(u"etaMs"_s).toInteger(), routeMs - 2800);

    tickAt(after, context, t0 + 2800);
    const QJsonObject position = bodyOf(sentTo(context, u"/positions"_s).constLast());
    QCOMPARE(position.value(u"ts"_s).toInteger(), t0 + 2800);
    QCOMPARE(position.value(u"position"_s).toArray(), (QJsonArray{100, 40}));
    tickAt(after, context, t0 + routeMs);
    QCOMPARE(sentTo(context, u"/store/32/deliver"_s).size(), 1);
    QCOMPARE(context.outstanding, 0);
}

QTEST_GUILESS_MAIN(tst_TruckRole)
#include "tst_truckrole.moc"
