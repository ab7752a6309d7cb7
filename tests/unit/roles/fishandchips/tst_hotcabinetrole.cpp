#include "node/roles/fishandchips/hotcabinet.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FishAndChips::HotCabinetRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject seeded()
{
    return QJsonObject{{u"stock"_s, QJsonObject{{u"cod"_s, 3}, {u"chips"_s, 5}}}};
}

Envelope request(const QString &path, const QByteArray &requestId, const QJsonObject &body, const QString &method = u"POST"_s)
{
    Envelope m;
    m.id = "msg-" + requestId;
    m.requestId = requestId;
    m.address = path;
    m.replyTo = u"/preparer/p/cabinet"_s;
    m.setHeader(u"Method"_s, method);
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

Envelope take(const QByteArray &requestId, const QJsonObject &items)
{
    return request(u"/cabinet/take"_s, requestId, QJsonObject{{u"order"_s, QString::fromLatin1(requestId)}, {u"items"_s, items}});
}

Envelope addStock(const QByteArray &requestId, const QJsonObject &items)
{
    return request(u"/cabinet/stock"_s, requestId, QJsonObject{{u"items"_s, items}, {u"cook"_s, u"cook-1"_s}});
}

struct Answer
{
    int status = 0;
    QJsonObject body;
};

Answer lastAnswer(const FakeRoleContext &ctx)
{
    const Envelope &e = ctx.sent.last();
    return {e.header(u"Status").toInt(), QJsonDocument::fromJson(e.body).object()};
}

qint64 stockOf(const HotCabinetRole &role, const QString &item)
{
    return role.telemetry().value(u"stock"_s).toObject().value(item).toInteger();
}

} // namespace

class TstHotCabinetRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedsStockOnTheFirstStartOnly();
    void takeIsAllOrNothing_data();
    void takeIsAllOrNothing();
    void repeatedTakeGetsTheFirstAnswer();
    void stockAddsOncePerRequest();
    void badRequests_data();
    void badRequests();
    void stockNeverNegativeAndAddsUp();
};

// The scenario's stock is written on the very first start; a restart keeps what is there.
void TstHotCabinetRole::seedsStockOnTheFirstStartOnly()
{
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    {
        HotCabinetRole role;
        role.start(ctx);
        QCOMPARE(ctx.subscriptions.first().address, u"/cabinet"_s);
        QCOMPARE(stockOf(role, u"cod"_s), 3);
        QCOMPARE(stockOf(role, u"plaice"_s), 0);   // reported though never stocked
        role.handle(take("t1", QJsonObject{{u"cod"_s, 2}}));
    }
    HotCabinetRole restarted;
    restarted.start(ctx);
    QCOMPARE(stockOf(restarted, u"cod"_s), 1);
    QCOMPARE(restarted.telemetry().value(u"taken"_s).toObject().value(u"cod"_s).toInteger(), 2);
}

void TstHotCabinetRole::takeIsAllOrNothing_data()
{
    QTest::addColumn<QJsonObject>("items");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("shortOf");
    QTest::addColumn<qint64>("codLeft");
    QTest::addColumn<qint64>("chipsLeft");
    QTest::newRow("everything there") << QJsonObject{{u"cod"_s, 3}, {u"chips"_s, 2}} << 200 << QJsonObject{} << qint64(0)
                                      << qint64(3);
    QTest::newRow("one item short") << QJsonObject{{u"cod"_s, 4}, {u"chips"_s, 2}} << 409
                                    << QJsonObject{{u"cod"_s, 1}} << qint64(3) << qint64(5);
    QTest::newRow("plaice never stocked") << QJsonObject{{u"plaice"_s, 2}, {u"chips"_s, 1}} << 409
                                          << QJsonObject{{u"plaice"_s, 2}} << qint64(3) << qint64(5);
    QTest::newRow("two items short") << QJsonObject{{u"cod"_s, 5}, {u"chips"_s, 6}} << 409
                                     << QJsonObject{{u"cod"_s, 2}, {u"chips"_s, 1}} << qint64(3) << qint64(5);
}

// A take removes every portion of an order or, when any is short, none, and says what is
// missing.
void TstHotCabinetRole::takeIsAllOrNothing()
{
    QFETCH(QJsonObject, items);
    QFETCH(int, status);
    QFETCH(QJsonObject, shortOf);
    QFETCH(qint64, codLeft);
    QFETCH(qint64, chipsLeft);
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    HotCabinetRole role;
    role.start(ctx);
    role.handle(take("t1", items));
    const Answer answer = lastAnswer(ctx);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.body.value(u"taken"_s).toBool(), status == 200);
    if (status == 409)
        QCOMPARE(answer.body.value(u"short"_s).toObject(), shortOf);
    QCOMPARE(stockOf(role, u"cod"_s), codLeft);
    QCOMPARE(stockOf(role, u"chips"_s), chipsLeft);
    QCOMPARE(role.telemetry().value(u"takes"_s).toInteger(), status == 200 ? 1 : 0);
    QCOMPARE(role.telemetry().value(u"refusedTakes"_s).toInteger(), status == 200 ? 0 : 1);
}

// A take repeated under its request id gets the first answer and takes nothing again,
// even when the stock has changed since.
void TstHotCabinetRole::repeatedTakeGetsTheFirstAnswer()
{
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    HotCabinetRole role;
    role.start(ctx);
    role.handle(take("t1", QJsonObject{{u"cod"_s, 2}}));
    role.handle(take("t1", QJsonObject{{u"cod"_s, 2}}));
    QCOMPARE(lastAnswer(ctx).status, 200);
    QCOMPARE(stockOf(role, u"cod"_s), 1);
    role.handle(take("t2", QJsonObject{{u"cod"_s, 2}}));
    QCOMPARE(lastAnswer(ctx).status, 409);
    role.handle(addStock("s1", QJsonObject{{u"cod"_s, 6}}));
    role.handle(take("t2", QJsonObject{{u"cod"_s, 2}}));
    QCOMPARE(lastAnswer(ctx).status, 409);   // still the first answer
    QCOMPARE(stockOf(role, u"cod"_s), 7);
}

// Cooked portions are added once per request id.
void TstHotCabinetRole::stockAddsOncePerRequest()
{
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    HotCabinetRole role;
    role.start(ctx);
    role.handle(addStock("s1", QJsonObject{{u"plaice"_s, 2}, {u"chips"_s, 10}}));
    role.handle(addStock("s1", QJsonObject{{u"plaice"_s, 2}, {u"chips"_s, 10}}));
    QCOMPARE(stockOf(role, u"plaice"_s), 2);
    QCOMPARE(stockOf(role, u"chips"_s), 15);
    const QJsonObject added = role.telemetry().value(u"added"_s).toObject();
    QCOMPARE(added.value(u"plaice"_s).toInteger(), 2);
    QCOMPARE(role.telemetry().value(u"deliveries"_s).toInteger(), 1);
    QCOMPARE(ctx.events.last().kind, u"stock-added"_s);
}

void TstHotCabinetRole::badRequests_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("take without items") << u"/cabinet/take"_s << u"POST"_s << QJsonObject{} << 400;
    QTest::newRow("take with a negative count") << u"/cabinet/take"_s << u"POST"_s
                                                << QJsonObject{{u"items"_s, QJsonObject{{u"cod"_s, -1}}}} << 400;
    QTest::newRow("take by GET") << u"/cabinet/take"_s << u"GET"_s << QJsonObject{} << 405;
    QTest::newRow("unknown resource") << u"/cabinet/fryer"_s << u"GET"_s << QJsonObject{} << 404;
    QTest::newRow("status") << u"/cabinet"_s << u"GET"_s << QJsonObject{} << 200;
}

// Requests that are not a take or a delivery are answered with an HTTP-style status.
void TstHotCabinetRole::badRequests()
{
    QFETCH(QString, path);
    QFETCH(QString, method);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    HotCabinetRole role;
    role.start(ctx);
    role.handle(request(path, "r1", body, method));
    QCOMPARE(lastAnswer(ctx).status, status);
    QCOMPARE(stockOf(role, u"cod"_s), 3);
    if (status == 200)
        QCOMPARE(lastAnswer(ctx).body.value(u"stock"_s).toObject().value(u"chips"_s).toInteger(), 5);
}

// Under any interleaving of takes and deliveries the stock never goes below zero and
// always equals seed + added - taken.
void TstHotCabinetRole::stockNeverNegativeAndAddsUp()
{
    FakeRoleContext ctx(u"hot-cabinet"_s, seeded());
    HotCabinetRole role;
    role.start(ctx);
    QRandomGenerator random(42);
    for (int i = 0; i < 400; ++i) {
        const QByteArray id = QByteArray::number(i);
        const QJsonObject items{{u"cod"_s, int(random.bounded(0, 4))}, {u"chips"_s, int(random.bounded(0, 4))}};
        if (random.bounded(3) == 0)
            role.handle(addStock("s" + id, items));
        else
            role.handle(take("t" + id, items));
        QVERIFY(stockOf(role, u"cod"_s) >= 0);
        QVERIFY(stockOf(role, u"chips"_s) >= 0);
    }
    const QJsonObject t = role.telemetry();
    for (const auto &[item, seed] : {std::pair{u"cod"_s, 3}, {u"chips"_s, 5}}) {
        QCOMPARE(stockOf(role, item), seed + t.value(u"added"_s).toObject().value(item).toInteger()
                                          - t.value(u"taken"_s).toObject().value(item).toInteger());
    }
    QVERIFY(t.value(u"refusedTakes"_s).toInteger() > 0);
}

QTEST_GUILESS_MAIN(TstHotCabinetRole)
#include "tst_hotcabinetrole.moc"
