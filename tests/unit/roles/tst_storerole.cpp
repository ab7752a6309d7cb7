#include "node/roles/store.h"
#include "node/store/entitystore.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <map>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::StoreRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

const QString client = u"/client/peaches"_s;

QJsonObject bodyOf(const Envelope &message)
{
    return QJsonDocument::fromJson(message.body).object();
}

QJsonObject storeParams(int number, double x, double y, const QJsonObject &inventory, const QList<int> &nearby = {})
{
    QJsonArray near;
    for (int store : nearby)
        near.append(store);
    return QJsonObject{{u"number"_s, number},
                       {u"position"_s, QJsonArray{x, y}},
                       {u"inventory"_s, inventory},
                       {u"nearby"_s, near}};
}

// A request as the HTTP ingress makes it: path as address, Method and Query headers.
Envelope request(const QString &address, const QJsonObject &body = {}, const QString &method = u"POST"_s,
                 const QString &query = {}, QByteArray requestId = {})
{
    Envelope message;
    message.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    message.requestId = requestId.isEmpty() ? message.id : requestId;
    message.address = address;
    message.replyTo = client;
    message.setHeader(u"Method"_s, method);
    if (!query.isEmpty())
        message.setHeader(u"Query"_s, query);
    if (!body.isEmpty())
        message.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return message;
}

// An answer as another store's context would send it back to store <n>'s answers.
Envelope answer(const Envelope &question, const QJsonObject &body, int status = 200)
{
    Envelope message;
    message.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    message.requestId = question.requestId;
    message.address = question.replyTo;
    message.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    message.setHeader(u"Status"_s, QString::number(status));
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

int eventCount(const FakeRoleContext &context, const QString &kind)
{
    return int(std::count_if(context.events.cbegin(), context.events.cend(),
                             [&kind](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

// A few stores that reach each other the way the router would: "/store/<n>/..." to store
// n (undeliverable unicast is settled as refused), "/all-stores/..." to every store that
// is up, anything else (the client's reply address) collected in outside. One clock.
class Town
{
public:
    struct Shop
    {
        std::unique_ptr<FakeRoleContext> context;
        std::unique_ptr<StoreRole> role;
        qsizetype forwarded = 0;
    };

    StoreRole &add(const QJsonObject &params)
    {
        const int number = params.value(u"number"_s).toInt();
        Shop &shop = shops[number];
        shop.context = std::make_unique<FakeRoleContext>(u"store-"_s + QString::number(number), params);
        shop.context->now = now;
        shop.role = std::make_unique<StoreRole>();
        shop.role->start(*shop.context);
        return *shop.role;
    }

    FakeRoleContext &context(int number) { return *shops.at(number).context; }

    void post(int number, const Envelope &message)
    {
        shops.at(number).role->handle(message);
        pump();
    }

    // Delivers everything sent until nothing new is sent.
    void pump()
    {
        bool moved = true;
        while (moved) {
            moved = false;
            for (auto &[number, shop] : shops) {
                while (shop.forwarded < shop.context->sent.size()) {
                    const Envelope message = shop.context->sent.at(shop.forwarded++);
                    route(*shop.role, message);
                    moved = true;
                }
            }
        }
    }

    void advance(qint64 ms)
    {
        now += ms;
        for (auto &[number, shop] : shops) {
            shop.context->now = now;
            shop.role->tick(now);
        }
        pump();
    }

    qint64 now = 1'700'000'000'000;
    std::map<int, Shop> shops;
    QSet<int> down;            // stores whose messages vanish (accepted, never answered)
    QList<Envelope> outside;

private:
    void route(StoreRole &sender, const Envelope &message)
    {
        const QStringList parts = message.address.split(u'/', Qt::SkipEmptyParts);
        if (parts.value(0) == u"all-stores") {
            for (auto &[number, shop] : shops) {
                if (!down.contains(number))
                    shop.role->handle(message);
            }
        } else if (parts.value(0) == u"store") {
            const int number = parts.value(1).toInt();
            const auto shop = shops.find(number);
            if (shop == shops.end())
                sender.settled(message.id, false);
            else if (!down.contains(number))
                shop->second.role->handle(message);
        } else {
            outside.append(message);
        }
    }
};

} // namespace

class tst_StoreRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesItsAddressAndAllStores();
    void inventoryAnswers_data();
    void inventoryAnswers();
    void inventoryWithoutItemListsEverything();
    void holdTakesOnceAndRefusesWhenOut();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void deliveryCountsOncePerTracking();
    void seededInventoryIsNotResetOnRestart();
    void findHoldsAtNearbyStoreThatHasIt();
    void findAsksAllStoresAndHoldsAtClosestWithStock_data();
    void findAsksAllStoresAndHoldsAtClosestWithStock();
    void findReportsNotFound();
    void findTriesNextStoreWhenHoldRefused();
    void findMovesOnWhenNearbyStoreUnreachable();
    void findTimesOutSilentStores();
    void findSurvivesRestart();
    void repeatedFindIsAnsweredFromItsRecord();
    void orderRelaysFactoryTracking();
    void orderFails_data();
    void orderFails();
    void telemetryReportsState();
};

// The store listens on its own address and on the multicast "/all-stores".
void tst_StoreRole::subscribesItsAddressAndAllStores()
{
    FakeRoleContext context(u"store-32"_s, storeParams(32, 0, 0, {}));
    StoreRole role;
    role.start(context);
    QStringList addresses;
    for (const FakeRoleContext::Subscription &s : std::as_const(context.subscriptions))
        addresses.append(s.address);
    addresses.sort();
    QCOMPARE(addresses, (QStringList{u"/all-stores"_s, u"/store/32"_s}));
    QCOMPARE(role.name(), u"store"_s);
}

void tst_StoreRole::inventoryAnswers_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("item");
    QTest::addColumn<qint64>("quantity");

    QTest::newRow("item in query") << u"/store/32/inventory"_s << u"item=cutlass"_s << QJsonObject{}
                                   << u"cutlass"_s << qint64(2);
    QTest::newRow("item in body") << u"/store/32/inventory"_s << QString() << QJsonObject{{u"item"_s, u"eyepatch"_s}}
                                  << u"eyepatch"_s << qint64(5);
    QTest::newRow("unknown item is zero") << u"/store/32/inventory"_s << u"item=parrot"_s << QJsonObject{}
                                          << u"parrot"_s << qint64(0);
    QTest::newRow("plus in query is a space") << u"/store/32/inventory"_s << u"item=clear+plastic+tunic"_s
                                              << QJsonObject{} << u"clear plastic tunic"_s << qint64(1);
    QTest::newRow("query in the address") << u"/store/32/inventory?item=cutlass"_s << QString() << QJsonObject{}
                                          << u"cutlass"_s << qint64(2);
    QTest::newRow("multicast address") << u"/all-stores/inventory"_s << u"item=cutlass"_s << QJsonObject{}
                                       << u"cutlass"_s << qint64(2);
    QTest::newRow("bare multicast address") << u"/all-stores/"_s << u"item=eyepatch"_s << QJsonObject{}
                                            << u"eyepatch"_s << qint64(5);
}

// An inventory question, however it names the item, is answered with this store's count.
void tst_StoreRole::inventoryAnswers()
{
    QFETCH(QString, address);
    QFETCH(QString, query);
    QFETCH(QJsonObject, body);
    QFETCH(QString, item);
    QFETCH(qint64, quantity);

    FakeRoleContext context(u"store-32"_s,
                            storeParams(32, 3, 4,
                                        QJsonObject{{u"cutlass"_s, 2},
                                                    {u"eyepatch"_s, 5},
                                                    {u"clear plastic tunic"_s, 1}}));
    StoreRole role;
    role.start(context);
    const Envelope question = request(address, body, u"GET"_s, query);
    role.handle(question);

    QCOMPARE(context.sent.size(), 1);
    const Envelope &reply = context.sent.constFirst();
    QCOMPARE(reply.address, client);
    QCOMPARE(reply.requestId, question.requestId);
    QCOMPARE(reply.header(u"Status"), u"200"_s);
    QCOMPARE(reply.header(u"From"), u"store-32"_s);
    const QJsonObject answer = bodyOf(reply);
    QCOMPARE(answer.value(u"store"_s).toInt(), 32);
    QCOMPARE(answer.value(u"node"_s).toString(), u"store-32"_s);
    QCOMPARE(answer.value(u"item"_s).toString(), item);
    QCOMPARE(answer.value(u"quantity"_s).toInteger(), quantity);
    QCOMPARE(answer.value(u"position"_s).toArray(), (QJsonArray{3, 4}));
}

// Without an item the store answers its whole inventory.
void tst_StoreRole::inventoryWithoutItemListsEverything()
{
    FakeRoleContext context(u"store-32"_s, storeParams(32, 0, 0, QJsonObject{{u"cutlass"_s, 2}, {u"hook"_s, 7}}));
    StoreRole role;
    role.start(context);
    role.handle(request(u"/store/32"_s, {}, u"GET"_s));
    const QJsonObject answer = bodyOf(context.sent.constLast());
    QCOMPARE(answer.value(u"inventory"_s).toObject(), (QJsonObject{{u"cutlass"_s, 2}, {u"hook"_s, 7}}));
}

// A hold takes one item; a resent hold (same request id) takes nothing more; 409 when out.
void tst_StoreRole::holdTakesOnceAndRefusesWhenOut()
{
    FakeRoleContext context(u"store-7"_s, storeParams(7, 0, 0, QJsonObject{{u"cutlass"_s, 1}}));
    StoreRole role;
    role.start(context);
    const QJsonObject body{{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"Peaches"_s}};

    role.handle(request(u"/store/7/hold"_s, body, u"POST"_s, {}, "hold-1"));
    QCOMPARE(context.sent.constLast().header(u"Status"), u"200"_s);
    QJsonObject answer = bodyOf(context.sent.constLast());
    QCOMPARE(answer.value(u"held"_s).toBool(), true);
    QCOMPARE(answer.value(u"holdId"_s).toString(), u"hold-1"_s);
    QCOMPARE(answer.value(u"store"_s).toInt(), 7);
    QCOMPARE(answer.value(u"item"_s).toString(), u"cutlass"_s);
    QCOMPARE(context.store().inventory(u"cutlass"_s), 0);

    role.handle(request(u"/store/7/hold"_s, body, u"POST"_s, {}, "hold-1"));   // resent, new message id
    QCOMPARE(context.sent.constLast().header(u"Status"), u"200"_s);
    QCOMPARE(bodyOf(context.sent.constLast()).value(u"held"_s).toBool(), true);
    QCOMPARE(context.store().holds().size(), 1);
    QCOMPARE(eventCount(context, u"item-held"_s), 1);

    role.handle(request(u"/store/7/hold"_s, body, u"POST"_s, {}, "hold-2"));
    QCOMPARE(context.sent.constLast().header(u"Status"), u"409"_s);
    answer = bodyOf(context.sent.constLast());
    QCOMPARE(answer.value(u"held"_s).toBool(), false);
    QCOMPARE(answer.value(u"holdId"_s).toString(), u"hold-2"_s);
    QCOMPARE(context.store().inventory(u"cutlass"_s), 0);
}

void tst_StoreRole::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");

    const QJsonObject cutlass{{u"item"_s, u"cutlass"_s}};
    QTest::newRow("hold by GET") << u"/store/32/hold"_s << u"GET"_s << cutlass << 405;
    QTest::newRow("hold without item") << u"/store/32/hold"_s << u"POST"_s << QJsonObject{} << 400;
    QTest::newRow("deliver without item") << u"/store/32/deliver"_s << u"POST"_s
                                          << QJsonObject{{u"tracking"_s, u"T-1"_s}} << 400;
    QTest::newRow("deliver nothing") << u"/store/32/deliver"_s << u"POST"_s
                                     << QJsonObject{{u"item"_s, u"cutlass"_s}, {u"quantity"_s, 0}} << 400;
    QTest::newRow("find without item") << u"/store/32/find"_s << u"POST"_s << QJsonObject{} << 400;
    QTest::newRow("order without item") << u"/store/32/order"_s << u"POST"_s << QJsonObject{} << 400;
    QTest::newRow("unknown resource") << u"/store/32/parrots"_s << u"GET"_s << QJsonObject{} << 404;
    QTest::newRow("unknown multicast resource") << u"/all-stores/parrots"_s << u"GET"_s << QJsonObject{} << 404;
}

// Requests the store cannot serve get an HTTP-style error and change nothing.
void tst_StoreRole::badRequestsAreRefused()
{
    QFETCH(QString, address);
    QFETCH(QString, method);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);

    FakeRoleContext context(u"store-32"_s, storeParams(32, 0, 0, QJsonObject{{u"cutlass"_s, 1}}));
    StoreRole role;
    role.start(context);
    role.handle(request(address, body, method));
    QCOMPARE(context.sent.size(), 1);
    QCOMPARE(context.sent.constFirst().header(u"Status"), QString::number(status));
    QVERIFY(!bodyOf(context.sent.constFirst()).value(u"error"_s).toString().isEmpty());
    QCOMPARE(context.store().inventory(u"cutlass"_s), 1);
    QVERIFY(context.store().holds().isEmpty());
}

// A delivery adds to the inventory once per tracking id, however often the truck resends it.
void tst_StoreRole::deliveryCountsOncePerTracking()
{
    FakeRoleContext context(u"store-32"_s, storeParams(32, 0, 0, QJsonObject{{u"tunic"_s, 0}}));
    StoreRole role;
    role.start(context);
    const QJsonObject first{{u"item"_s, u"tunic"_s}, {u"quantity"_s, 1}, {u"tracking"_s, u"T-2-aaaa"_s}};

    role.handle(request(u"/store/32/deliver"_s, first));
    role.handle(request(u"/store/32/deliver"_s, first));   // resent with a new request id
    QCOMPARE(context.store().inventory(u"tunic"_s), 1);
    QCOMPARE(eventCount(context, u"delivery-received"_s), 1);
    const QJsonObject answer = bodyOf(context.sent.constLast());
    QCOMPARE(answer.value(u"received"_s).toBool(), true);
    QCOMPARE(answer.value(u"tracking"_s).toString(), u"T-2-aaaa"_s);

    QJsonObject second = first;
    second.insert(u"tracking"_s, u"T-2-bbbb"_s);
    role.handle(request(u"/store/32/deliver"_s, second));
    QCOMPARE(context.store().inventory(u"tunic"_s), 2);
    QCOMPARE(eventCount(context, u"delivery-received"_s), 2);
}

// The scenario's inventory is written on the first start only: a restarted store keeps
// what it sold since.
void tst_StoreRole::seededInventoryIsNotResetOnRestart()
{
    FakeRoleContext context(u"store-32"_s, storeParams(32, 0, 0, QJsonObject{{u"cutlass"_s, 2}}));
    {
        StoreRole first;
        first.start(context);
        first.handle(request(u"/store/32/hold"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}));
        QCOMPARE(context.store().inventory(u"cutlass"_s), 1);
    }
    StoreRole restarted;
    restarted.start(context);
    QCOMPARE(context.store().inventory(u"cutlass"_s), 1);
    QCOMPARE(restarted.telemetry().value(u"inventory"_s).toObject().value(u"cutlass"_s).toInteger(), 1);
    QCOMPARE(restarted.telemetry().value(u"holds"_s).toInteger(), 1);
}

// Scenario 1, step 1: a nearby store that has the item is asked by unicast, chosen and
// asked to hold, without bothering every store; the reply tells the whole story.
void tst_StoreRole::findHoldsAtNearbyStoreThatHasIt()
{
    Town town;
    town.add(storeParams(32, 0, 0, QJsonObject{{u"cutlass"_s, 0}}, {7, 9}));
    town.add(storeParams(7, 6, 8, QJsonObject{{u"cutlass"_s, 0}}));
    town.add(storeParams(9, 30, 40, QJsonObject{{u"cutlass"_s, 3}}));

    const Envelope find = request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"Peaches"_s}});
    town.post(32, find);

    const FakeRoleContext &home = town.context(32);
    const QList<Envelope> asked7 = sentTo(home, u"/store/7/inventory"_s);
    const QList<Envelope> asked9 = sentTo(home, u"/store/9/inventory"_s);
    QCOMPARE(asked7.size(), 1);
    QCOMPARE(asked9.size(), 1);
    QCOMPARE(asked7.constFirst().replyTo, u"/store/32/answers"_s);
    QCOMPARE(asked7.constFirst().header(u"Query"), u"item=cutlass"_s);
    QVERIFY(sentTo(home, u"/all-stores/inventory"_s).isEmpty());
    QCOMPARE(sentTo(home, u"/store/9/hold"_s).size(), 1);
    QCOMPARE(town.context(9).store().inventory(u"cutlass"_s), 2);

    QCOMPARE(town.outside.size(), 1);
    const Envelope &reply = town.outside.constFirst();
    QCOMPARE(reply.address, client);
    QCOMPARE(reply.requestId, find.requestId);
    QCOMPARE(reply.header(u"Status"), u"200"_s);
    const QJsonObject story = bodyOf(reply);
    QCOMPARE(story.value(u"item"_s).toString(), u"cutlass"_s);
    QCOMPARE(story.value(u"customer"_s).toString(), u"Peaches"_s);
    QCOMPARE(story.value(u"askedNearby"_s).toArray(), (QJsonArray{7, 9}));
    QCOMPARE(story.value(u"askedAll"_s).toBool(), false);
    QCOMPARE(story.value(u"storesWithItem"_s).toArray(), QJsonArray{9});
    QCOMPARE(story.value(u"chosen"_s).toInt(), 9);
    QCOMPARE(story.value(u"held"_s).toBool(), true);
    QCOMPARE(story.value(u"foundBy"_s).toString(), u"nearby"_s);
    QCOMPARE(story.value(u"distance"_s).toDouble(), 50.0);
    const QString holdId = story.value(u"holdId"_s).toString();
    QVERIFY(town.context(9).store().findHold(holdId.toUtf8()).has_value());

    QCOMPARE(eventCount(home, u"find-started"_s), 1);
    QCOMPARE(eventCount(home, u"find-answered"_s), 2);
    QCOMPARE(eventCount(home, u"find-done"_s), 1);
}

void tst_StoreRole::findAsksAllStoresAndHoldsAtClosestWithStock_data()
{
    QTest::addColumn<bool>("expectAnswerCount");
    QTest::newRow("ends after answer timeout") << false;
    QTest::newRow("ends when every expected store answered") << true;
}

// Scenario 1, step 2: the nearby store has none, so every store is asked by multicast and
// the closest one with stock (not the closest one, not the first to answer) holds it.
void tst_StoreRole::findAsksAllStoresAndHoldsAtClosestWithStock()
{
    QFETCH(bool, expectAnswerCount);

    Town town;
    QJsonObject home = storeParams(32, 0, 0, QJsonObject{{u"cutlass"_s, 0}}, {7});
    if (expectAnswerCount)
        home.insert(u"expectedStores"_s, 5);
    town.add(home);
    town.add(storeParams(7, 5, 0, QJsonObject{{u"cutlass"_s, 0}}));      // nearby, none
    town.add(storeParams(10, 100, 0, QJsonObject{{u"cutlass"_s, 4}}));   // far, has it
    town.add(storeParams(11, 30, 40, QJsonObject{{u"cutlass"_s, 2}}));   // 50 away, has it
    town.add(storeParams(12, 10, 0, QJsonObject{{u"cutlass"_s, 0}}));    // closest, none

    const Envelope find = request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"Peaches"_s}});
    town.post(32, find);

    const FakeRoleContext &context = town.context(32);
    const QList<Envelope> multicast = sentTo(context, u"/all-stores/inventory"_s);
    QCOMPARE(multicast.size(), 1);
    QCOMPARE(multicast.constFirst().replyTo, u"/store/32/answers"_s);
    QCOMPARE(multicast.constFirst().header(u"Query"), u"item=cutlass"_s);
    if (expectAnswerCount) {
        QCOMPARE(town.outside.size(), 1);   // no waiting for the timeout
    } else {
        QVERIFY(town.outside.isEmpty());
        QVERIFY(sentTo(context, u"/store/11/hold"_s).isEmpty());
        town.advance(799);
        QVERIFY(town.outside.isEmpty());
        town.advance(1);
        QCOMPARE(town.outside.size(), 1);
    }
    QCOMPARE(sentTo(context, u"/store/11/hold"_s).size(), 1);
    QVERIFY(sentTo(context, u"/store/10/hold"_s).isEmpty());
    QCOMPARE(town.context(11).store().inventory(u"cutlass"_s), 1);
    QCOMPARE(town.context(10).store().inventory(u"cutlass"_s), 4);

    const QJsonObject story = bodyOf(town.outside.constFirst());
    QCOMPARE(town.outside.constFirst().header(u"Status"), u"200"_s);
    QCOMPARE(story.value(u"askedNearby"_s).toArray(), QJsonArray{7});
    QCOMPARE(story.value(u"askedAll"_s).toBool(), true);
    QCOMPARE(story.value(u"answers"_s).toInt(), 5);
    QCOMPARE(story.value(u"storesWithItem"_s).toArray(), (QJsonArray{11, 10}));
    QCOMPARE(story.value(u"chosen"_s).toInt(), 11);
    QCOMPARE(story.value(u"distance"_s).toDouble(), 50.0);
    QCOMPARE(story.value(u"held"_s).toBool(), true);
    QCOMPARE(story.value(u"found"_s).toBool(), true);
    QCOMPARE(story.value(u"foundBy"_s).toString(), u"all-stores"_s);

    // The outcome stays inspectable in the store's own database.
    const std::optional<QJsonObject> record = town.context(32).store().record(u"find"_s, QString::fromUtf8(find.requestId));
    QVERIFY(record.has_value());
    QCOMPARE(record->value(u"phase"_s).toString(), u"done"_s);
    QCOMPARE(record->value(u"held"_s).toBool(), true);
}

// Nobody has the item: 404 with the story of who was asked.
void tst_StoreRole::findReportsNotFound()
{
    Town town;
    QJsonObject home = storeParams(32, 0, 0, QJsonObject{}, {7});
    home.insert(u"expectedStores"_s, 3);
    town.add(home);
    town.add(storeParams(7, 5, 0, QJsonObject{{u"cutlass"_s, 0}}));
    town.add(storeParams(8, 9, 0, QJsonObject{{u"hook"_s, 3}}));

    town.post(32, request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"Peaches"_s}}));

    QCOMPARE(town.outside.size(), 1);
    QCOMPARE(town.outside.constFirst().header(u"Status"), u"404"_s);
    const QJsonObject story = bodyOf(town.outside.constFirst());
    QCOMPARE(story.value(u"found"_s).toBool(), false);
    QCOMPARE(story.value(u"held"_s).toBool(), false);
    QCOMPARE(story.value(u"answers"_s).toInt(), 3);
    QCOMPARE(story.value(u"storesWithItem"_s).toArray(), QJsonArray{});
    QVERIFY(story.value(u"chosen"_s).isNull());
    QVERIFY(sentTo(town.context(32), u"/store/7/hold"_s).isEmpty());
}

// A store that said it has the item but sold it meanwhile refuses the hold (409); the
// next closest store with stock is asked instead.
void tst_StoreRole::findTriesNextStoreWhenHoldRefused()
{
    QJsonObject params = storeParams(32, 0, 0, QJsonObject{});
    params.insert(u"expectedStores"_s, 2);
    FakeRoleContext context(u"store-32"_s, params);
    StoreRole role;
    role.start(context);
    role.handle(request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}));

    const Envelope multicast = sentTo(context, u"/all-stores/inventory"_s).constFirst();
    role.handle(answer(multicast, QJsonObject{{u"store"_s, 4}, {u"quantity"_s, 1}, {u"position"_s, QJsonArray{3, 4}}}));
    role.handle(answer(multicast, QJsonObject{{u"store"_s, 5}, {u"quantity"_s, 9}, {u"position"_s, QJsonArray{6, 8}}}));

    const QList<Envelope> firstHold = sentTo(context, u"/store/4/hold"_s);
    QCOMPARE(firstHold.size(), 1);
    role.handle(answer(firstHold.constFirst(), QJsonObject{{u"held"_s, false}, {u"store"_s, 4}}, 409));

    const QList<Envelope> secondHold = sentTo(context, u"/store/5/hold"_s);
    QCOMPARE(secondHold.size(), 1);
    QCOMPARE(bodyOf(secondHold.constFirst()).value(u"item"_s).toString(), u"cutlass"_s);
    role.handle(answer(secondHold.constFirst(), QJsonObject{{u"held"_s, true}, {u"store"_s, 5}}));

    const QList<Envelope> replies = sentTo(context, client);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.constFirst().header(u"Status"), u"200"_s);
    const QJsonObject story = bodyOf(replies.constFirst());
    QCOMPARE(story.value(u"chosen"_s).toInt(), 5);
    QCOMPARE(story.value(u"distance"_s).toDouble(), 10.0);
    QCOMPARE(story.value(u"holdId"_s).toString().toUtf8(), secondHold.constFirst().requestId);
}

// A nearby store that cannot be reached (the unicast is given up) is not waited for.
void tst_StoreRole::findMovesOnWhenNearbyStoreUnreachable()
{
    Town town;
    QJsonObject home = storeParams(32, 0, 0, QJsonObject{}, {99});   // store 99 does not exist
    home.insert(u"expectedStores"_s, 2);
    town.add(home);
    town.add(storeParams(8, 0, 9, QJsonObject{{u"cutlass"_s, 1}}));

    town.post(32, request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}));

    QCOMPARE(sentTo(town.context(32), u"/all-stores/inventory"_s).size(), 1);
    QCOMPARE(town.outside.size(), 1);
    const QJsonObject story = bodyOf(town.outside.constFirst());
    QCOMPARE(story.value(u"unreachable"_s).toArray(), QJsonArray{99});
    QCOMPARE(story.value(u"chosen"_s).toInt(), 8);
    QCOMPARE(story.value(u"held"_s).toBool(), true);
}

// Silent stores cost answerTimeoutMs per step, measured on the clock by tick(): the
// nearby step gives way to the multicast, the multicast to the verdict; late answers
// change nothing.
void tst_StoreRole::findTimesOutSilentStores()
{
    QJsonObject params = storeParams(32, 0, 0, QJsonObject{}, {7});
    params.insert(u"answerTimeoutMs"_s, 500);
    FakeRoleContext context(u"store-32"_s, params);
    StoreRole role;
    role.start(context);
    role.handle(request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}));
    const Envelope nearbyQuestion = sentTo(context, u"/store/7/inventory"_s).constFirst();

    context.now += 499;
    role.tick(context.now);
    QVERIFY(sentTo(context, u"/all-stores/inventory"_s).isEmpty());
    context.now += 1;
    role.tick(context.now);
    QCOMPARE(sentTo(context, u"/all-stores/inventory"_s).size(), 1);

    context.now += 500;
    role.tick(context.now);
    const QList<Envelope> replies = sentTo(context, client);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.constFirst().header(u"Status"), u"404"_s);
    QCOMPARE(bodyOf(replies.constFirst()).value(u"answers"_s).toInt(), 0);

    const qsizetype sentBefore = context.sent.size();
    role.handle(answer(nearbyQuestion, QJsonObject{{u"store"_s, 7}, {u"quantity"_s, 3}, {u"position"_s, QJsonArray{1, 1}}}));
    context.now += 5000;
    role.tick(context.now);
    QCOMPARE(context.sent.size(), sentBefore);
}

// A find in progress is a record in the store's database: a restarted store picks it up
// and finishes it with the answers that arrive after the restart.
void tst_StoreRole::findSurvivesRestart()
{
    QJsonObject params = storeParams(32, 0, 0, QJsonObject{});
    params.insert(u"expectedStores"_s, 1);
    FakeRoleContext context(u"store-32"_s, params);
    QByteArray multicastRequestId;
    {
        StoreRole before;
        before.start(context);
        before.handle(request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}, u"POST"_s, {}, "find-77"));
        multicastRequestId = sentTo(context, u"/all-stores/inventory"_s).constFirst().requestId;
    }
    StoreRole after;
    after.start(context);
    Envelope multicast;
    multicast.requestId = multicastRequestId;
    multicast.replyTo = u"/store/32/answers"_s;
    after.handle(answer(multicast, QJsonObject{{u"store"_s, 3}, {u"quantity"_s, 1}, {u"position"_s, QJsonArray{0, 2}}}));
    const QList<Envelope> holds = sentTo(context, u"/store/3/hold"_s);
    QCOMPARE(holds.size(), 1);
    after.handle(answer(holds.constFirst(), QJsonObject{{u"held"_s, true}}));

    const QList<Envelope> replies = sentTo(context, client);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.constFirst().requestId, QByteArray("find-77"));
    QCOMPARE(bodyOf(replies.constFirst()).value(u"chosen"_s).toInt(), 3);
}

// The same find request again (a client retry) is answered from the record, asking nobody.
void tst_StoreRole::repeatedFindIsAnsweredFromItsRecord()
{
    Town town;
    QJsonObject home = storeParams(32, 0, 0, QJsonObject{});
    home.insert(u"expectedStores"_s, 2);
    town.add(home);
    town.add(storeParams(8, 0, 9, QJsonObject{{u"cutlass"_s, 1}}));

    const Envelope find = request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}, u"POST"_s, {}, "find-1");
    town.post(32, find);
    const qsizetype sentBefore = town.context(32).sent.size();
    town.post(32, request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}, u"POST"_s, {}, "find-1"));

    QCOMPARE(town.context(32).sent.size(), sentBefore + 1);   // only the reply
    QCOMPARE(town.outside.size(), 2);
    QCOMPARE(bodyOf(town.outside.at(1)), bodyOf(town.outside.at(0)));
    QCOMPARE(town.context(8).store().inventory(u"cutlass"_s), 0);
}

// Scenario 2: the store sends the work order to "/factories/orders" and relays the
// factory's tracking id to the customer.
void tst_StoreRole::orderRelaysFactoryTracking()
{
    FakeRoleContext context(u"store-32"_s, storeParams(32, 12, 34, QJsonObject{}));
    StoreRole role;
    role.start(context);
    const Envelope order = request(u"/store/32/order"_s,
                                   QJsonObject{{u"item"_s, u"clear plastic tunic"_s}, {u"customer"_s, u"Roscoe"_s}});
    role.handle(order);

    const QList<Envelope> workOrders = sentTo(context, u"/factories/orders"_s);
    QCOMPARE(workOrders.size(), 1);
    QCOMPARE(workOrders.constFirst().replyTo, u"/store/32/answers"_s);
    const QJsonObject workOrder = bodyOf(workOrders.constFirst());
    QCOMPARE(workOrder.value(u"item"_s).toString(), u"clear plastic tunic"_s);
    QCOMPARE(workOrder.value(u"customer"_s).toString(), u"Roscoe"_s);
    QCOMPARE(workOrder.value(u"store"_s).toInt(), 32);
    QCOMPARE(workOrder.value(u"storePosition"_s).toArray(), (QJsonArray{12, 34}));
    QVERIFY(sentTo(context, client).isEmpty());

    role.handle(answer(workOrders.constFirst(),
                       QJsonObject{{u"tracking"_s, u"T-2-abcdef12"_s}, {u"factory"_s, 2}, {u"queuePosition"_s, 0}}));
    const QList<Envelope> replies = sentTo(context, client);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.constFirst().requestId, order.requestId);
    QCOMPARE(replies.constFirst().header(u"Status"), u"200"_s);
    const QJsonObject reply = bodyOf(replies.constFirst());
    QCOMPARE(reply.value(u"tracking"_s).toString(), u"T-2-abcdef12"_s);
    QCOMPARE(reply.value(u"factory"_s).toInt(), 2);

    const std::optional<QJsonObject> record = context.store().record(u"order"_s, QString::fromUtf8(order.requestId));
    QVERIFY(record.has_value());
    QCOMPARE(record->value(u"status"_s).toString(), u"placed"_s);
    QCOMPARE(record->value(u"tracking"_s).toString(), u"T-2-abcdef12"_s);
}

void tst_StoreRole::orderFails_data()
{
    QTest::addColumn<bool>("refused");
    QTest::addColumn<int>("status");
    QTest::newRow("no factory takes it") << true << 503;
    QTest::newRow("no factory answers in time") << false << 504;
}

// An order no factory takes, or no factory answers in time, is answered with an error.
void tst_StoreRole::orderFails()
{
    QFETCH(bool, refused);
    QFETCH(int, status);

    QJsonObject params = storeParams(32, 0, 0, QJsonObject{});
    params.insert(u"orderTimeoutMs"_s, 2000);
    FakeRoleContext context(u"store-32"_s, params);
    StoreRole role;
    role.start(context);
    role.handle(request(u"/store/32/order"_s, QJsonObject{{u"item"_s, u"tunic"_s}}));
    const Envelope workOrder = sentTo(context, u"/factories/orders"_s).constFirst();

    if (refused) {
        role.settled(workOrder.id, false);
    } else {
        context.now += 1999;
        role.tick(context.now);
        QVERIFY(sentTo(context, client).isEmpty());
        context.now += 1;
        role.tick(context.now);
    }
    const QList<Envelope> replies = sentTo(context, client);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.constFirst().header(u"Status"), QString::number(status));
    QCOMPARE(eventCount(context, u"order-failed"_s), 1);
}

// Telemetry carries the inventory, counters and the store's place on the map.
void tst_StoreRole::telemetryReportsState()
{
    Town town;
    QJsonObject home = storeParams(32, 7, 8, QJsonObject{{u"cutlass"_s, 2}});
    home.insert(u"expectedStores"_s, 1);
    StoreRole &role = town.add(home);
    town.post(32, request(u"/store/32/find"_s, QJsonObject{{u"item"_s, u"cutlass"_s}}));

    const QJsonObject telemetry = role.telemetry();
    QCOMPARE(telemetry.value(u"store"_s).toInt(), 32);
    QCOMPARE(telemetry.value(u"inventory"_s).toObject(), (QJsonObject{{u"cutlass"_s, 1}}));
    QCOMPARE(telemetry.value(u"holds"_s).toInteger(), 1);
    QCOMPARE(telemetry.value(u"finds"_s).toInteger(), 1);
    QCOMPARE(telemetry.value(u"position"_s).toArray(), (QJsonArray{7, 8}));
}

QTEST_GUILESS_MAIN(tst_StoreRole)
#include "tst_storerole.moc"
