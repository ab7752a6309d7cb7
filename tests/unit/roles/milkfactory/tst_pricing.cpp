#include "milkmessages.h"
#include "node/roles/milkfactory/pricing.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
namespace Milk = Portolan::Test::Milk;
using Portolan::Node::PricingRole;
using Portolan::Test::FakeRoleContext;

namespace {

QJsonObject pricingParams()
{
    return {{u"rooms"_s, QJsonArray{u"/waiting-room/1s"_s, u"/waiting-room/2s"_s}}, {u"queryTimeoutMs"_s, 1000}};
}

QJsonObject model(int version, int quantity = 4, int fat = 15, int sugar = 25, const QString &chocolate = u"dark"_s)
{
    return {{u"contractId"_s, u"C-t"_s},
            {u"version"_s, version},
            {u"quantity"_s, quantity},
            {u"productId"_s, u"milkshake"_s},
            {u"profile"_s, QJsonObject{{u"fat"_s, fat}, {u"sugar"_s, sugar}, {u"chocolate"_s, chocolate}}}};
}

Envelope draftEvent(int version = 1, const QString &name = u"CREATED_DRAFT"_s)
{
    return Milk::event(u"/event-bus"_s, name, u"C-t"_s, model(version), "sale-t");
}

// The index's answer to the newest query pricing sent.
Envelope indexAnswer(const FakeRoleContext &ctx, double index, int status = 200)
{
    const QList<Envelope> queries = sentTo(ctx, u"/raw-costs"_s);
    Envelope answer;
    answer.id = "answer-" + QByteArray::number(ctx.sent.size());
    answer.address = u"/pricing/raw-costs"_s;
    answer.requestId = queries.last().requestId;
    answer.setHeader(u"Status"_s, QString::number(status));
    answer.body = QJsonDocument(QJsonObject{{u"ref"_s, bodyOf(queries.last()).value("ref"_L1)}, {u"index"_s, index}})
                      .toJson(QJsonDocument::Compact);
    return answer;
}

// A parked draft coming back from its room.
Envelope returned(const Envelope &parked)
{
    Envelope back = parked;
    back.id = "back-" + parked.header(u"Attempt").toLatin1();
    back.address = u"/pricing/retry"_s;
    return back;
}

} // namespace

class TstPricing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void draftAsksTheIndexUnderTheSalesRequestId();
    void answerPublishesThePrices();
    void pricesFollowTheProfile_data();
    void pricesFollowTheProfile();
    void transientFailureWaitsInTheRooms_data();
    void transientFailureWaitsInTheRooms();
    void usedUpRoomsReportToTheOriginator();
    void eachVersionIsPricedOnce();
    void restartAsksAgain();
};

// A draft on the bus makes pricing ask the raw-cost index, one more hop under the sale's
// request id; other records are none of its business.
void TstPricing::draftAsksTheIndexUnderTheSalesRequestId()
{
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().group, u"pricing"_s);
    role.handle(draftEvent());
    const QList<Envelope> queries = sentTo(ctx, u"/raw-costs"_s);
    QCOMPARE(queries.size(), 1);
    QCOMPARE(queries.first().requestId, QByteArray("sale-t"));
    QCOMPARE(queries.first().replyTo, u"/pricing/raw-costs"_s);
    QCOMPARE(bodyOf(queries.first()).value("ref"_L1).toString(), u"C-t@1"_s);

    role.handle(Milk::event(u"/event-bus"_s, u"OFFERED_DRAFT"_s, u"C-t"_s, model(3), "sale-t"));
    role.handle(command(u"/event-bus"_s, u"OFFER_DRAFT"_s, u"sale-t/offer"_s, u"C-t"_s));
    QCOMPARE(ctx.sent.size(), 1);
}

// The index's answer makes the prices of that draft version, published on the bus as
// UPDATED_PRICES under the sale's request id.
void TstPricing::answerPublishesThePrices()
{
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    role.handle(draftEvent());
    role.handle(indexAnswer(ctx, 1.04));
    const QList<Envelope> events = published(ctx, u"/event-bus"_s, u"UPDATED_PRICES"_s);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().requestId, QByteArray("sale-t"));
    QCOMPARE(events.first().key, u"C-t"_s);
    const QJsonObject prices = bodyOf(events.first());
    QCOMPARE(prices.value("version"_L1).toInt(), 1);
    QCOMPARE(prices.value("index"_L1).toDouble(), 1.04);
    // (5.00 + 15 × 0.04 + 25 × 0.02 + 1.50) × 1.04 = 7.90; × 4
    QCOMPARE(prices.value("unitPrice"_L1).toDouble(), 7.9);
    QCOMPARE(prices.value("total"_L1).toDouble(), 31.6);
    QCOMPARE(lastEvent(ctx, u"prices-updated"_s).value("total"_L1).toDouble(), 31.6);
    QCOMPARE(role.telemetry().value("priced"_L1).toInt(), 1);
    QCOMPARE(role.telemetry().value("waitingForIndex"_L1).toInt(), 0);
}

void TstPricing::pricesFollowTheProfile_data()
{
    QTest::addColumn<QJsonObject>("draft");
    QTest::addColumn<double>("index");
    QTest::addColumn<double>("unit");
    QTest::addColumn<double>("total");
    QTest::newRow("plain") << model(1, 1, 0, 0, u"none"_s) << 1.0 << 5.0 << 5.0;
    QTest::newRow("fat and sugar") << model(1, 2, 10, 50, u"none"_s) << 1.0 << 6.4 << 12.8;
    QTest::newRow("chocolate") << model(1, 3, 0, 0, u"white"_s) << 1.0 << 6.5 << 19.5;
    QTest::newRow("index up") << model(1, 10, 0, 0, u"none"_s) << 1.1 << 5.5 << 55.0;
    QTest::newRow("index down, centimes") << model(1, 3, 12, 20, u"milk"_s) << 0.97 << 7.16 << 21.48;
}

// The unit price is base, fat, sugar and chocolate, times the raw-cost index, in centimes.
void TstPricing::pricesFollowTheProfile()
{
    QFETCH(QJsonObject, draft);
    QFETCH(double, index);
    QFETCH(double, unit);
    QFETCH(double, total);
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    const PricingRole::Prices prices = role.pricesFor(draft, index);
    QCOMPARE(prices.unitPrice, unit);
    QCOMPARE(prices.total, total);
}

void TstPricing::transientFailureWaitsInTheRooms_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("nobody at the index") << u"refused"_s;
    QTest::newRow("no answer in time") << u"timeout"_s;
    QTest::newRow("the index answers an error") << u"status"_s;
}

// However the index fails, the draft waits in the first room, comes back, is asked about
// again, and on a second failure waits in the second room; then it is priced.
void TstPricing::transientFailureWaitsInTheRooms()
{
    QFETCH(QString, failure);
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    auto fail = [&] {
        if (failure == u"refused") {
            role.settled(sentTo(ctx, u"/raw-costs"_s).last().id, false);
        } else if (failure == u"timeout") {
            const int before = eventCount(ctx, u"retry-scheduled"_s);
            ctx.now += 1000;
            role.tick(ctx.now);
            QCOMPARE(eventCount(ctx, u"retry-scheduled"_s), before);   // not before the timeout
            ctx.now += 1;
            role.tick(ctx.now);
        } else {
            role.handle(indexAnswer(ctx, 0, 503));
        }
    };
    role.handle(draftEvent());
    fail();
    const QList<Envelope> first = sentTo(ctx, u"/waiting-room/1s"_s);
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.first().header(u"Return-To"), u"/pricing/retry"_s);
    QCOMPARE(first.first().header(u"event"), u"CREATED_DRAFT"_s);
    QCOMPARE(first.first().requestId, QByteArray("sale-t"));
    const QJsonObject scheduled = lastEvent(ctx, u"retry-scheduled"_s);
    QCOMPARE(scheduled.value("attempt"_L1).toInt(), 1);
    QCOMPARE(scheduled.value("requestId"_L1).toString(), u"sale-t"_s);
    QCOMPARE(role.telemetry().value("waitingForIndex"_L1).toInt(), 0);

    role.handle(returned(first.first()));
    QCOMPARE(sentTo(ctx, u"/raw-costs"_s).size(), 2);
    fail();
    const QList<Envelope> second = sentTo(ctx, u"/waiting-room/2s"_s);
    QCOMPARE(second.size(), 1);
    QCOMPARE(second.first().header(u"Attempt"), u"2"_s);

    role.handle(returned(second.first()));
    role.handle(indexAnswer(ctx, 1.0));
    QCOMPARE(published(ctx, u"/event-bus"_s, u"UPDATED_PRICES"_s).size(), 1);
    QCOMPARE(lastEvent(ctx, u"prices-updated"_s).value("attempt"_L1).toInt(), 2);
    QVERIFY(sentTo(ctx, u"/errors"_s).isEmpty());
    QCOMPARE(role.telemetry().value("retries"_L1).toInt(), 2);
}

// When the rooms are used up the failure is no longer transient: it goes to the errors
// address for the originator.
void TstPricing::usedUpRoomsReportToTheOriginator()
{
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    Envelope last = draftEvent();
    last.setHeader(u"Attempt"_s, u"2"_s);   // back from the last room
    last.address = u"/pricing/retry"_s;
    role.handle(last);
    role.settled(sentTo(ctx, u"/raw-costs"_s).last().id, false);
    const QList<Envelope> errors = sentTo(ctx, u"/errors"_s);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().requestId, QByteArray("sale-t"));
    QCOMPARE(bodyOf(errors.first()).value("code"_L1).toString(), u"RETRIES_EXHAUSTED"_s);
    QCOMPARE(bodyOf(errors.first()).value("service"_L1).toString(), u"pricing"_s);
    QCOMPARE(eventCount(ctx, u"retries-exhausted"_s), 1);
    QCOMPARE(role.telemetry().value("gaveUp"_L1).toInt(), 1);
}

// A draft version delivered again, while it is being priced or after, is not priced again.
void TstPricing::eachVersionIsPricedOnce()
{
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    PricingRole role;
    role.start(ctx);
    role.handle(draftEvent());
    role.handle(draftEvent());
    QCOMPARE(sentTo(ctx, u"/raw-costs"_s).size(), 1);
    role.handle(indexAnswer(ctx, 1.0));
    role.handle(indexAnswer(ctx, 1.0));   // a late second answer
    role.handle(draftEvent());
    QCOMPARE(sentTo(ctx, u"/raw-costs"_s).size(), 1);
    QCOMPARE(published(ctx, u"/event-bus"_s, u"UPDATED_PRICES"_s).size(), 1);
    role.handle(draftEvent(2, u"UPDATED_DRAFT"_s));   // a new version is new work
    QCOMPARE(sentTo(ctx, u"/raw-costs"_s).size(), 2);
}

// A draft that was waiting for the index when pricing stopped is asked about again by the
// next process: it was acknowledged, so it must not be lost.
void TstPricing::restartAsksAgain()
{
    FakeRoleContext ctx(u"pricing"_s, pricingParams());
    {
        PricingRole before;
        before.start(ctx);
        before.handle(draftEvent());
    }
    ctx.sent.clear();
    PricingRole after;
    after.start(ctx);
    QCOMPARE(sentTo(ctx, u"/raw-costs"_s).size(), 1);
    after.handle(indexAnswer(ctx, 1.0));
    QCOMPARE(published(ctx, u"/event-bus"_s, u"UPDATED_PRICES"_s).size(), 1);
}

QTEST_GUILESS_MAIN(TstPricing)
#include "tst_pricing.moc"
