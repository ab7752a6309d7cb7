#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/fishandchips/menu.h"
#include "node/roles/fishandchips/ordermix.h"
#include "node/roles/fishandchips/portions.h"
#include "routing/deliveryplanner.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Node::FishAndChips;

class TstFishAndChipsOrders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portionsFromJson_data();
    void portionsFromJson();
    void portionsArithmetic();
    void menuPrices_data();
    void menuPrices();
    void orderRoundTrip();
    void orderRejectsNonOrders_data();
    void orderRejectsNonOrders();
    void mixIsDeterministic();
    void mixFollowsShares_data();
    void mixFollowsShares();
    void mixRejectsBadParams_data();
    void mixRejectsBadParams();
    void plaiceKeyStaysWithPreparerOne();
};

void TstFishAndChipsOrders::portionsFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("total");
    QTest::newRow("counts") << QByteArray(R"({"cod": 1, "chips": 2})") << true << qint64(3);
    QTest::newRow("numeric strings") << QByteArray(R"({"cod": "2"})") << true << qint64(2);
    QTest::newRow("zero is dropped") << QByteArray(R"({"cod": 0, "chips": 1})") << true << qint64(1);
    QTest::newRow("empty") << QByteArray("{}") << true << qint64(0);
    QTest::newRow("negative") << QByteArray(R"({"cod": -1})") << false << qint64(0);
    QTest::newRow("fraction") << QByteArray(R"({"cod": 1.5})") << false << qint64(0);
    QTest::newRow("text") << QByteArray(R"({"cod": "lots"})") << false << qint64(0);
    QTest::newRow("blank item") << QByteArray(R"({" ": 1})") << false << qint64(0);
}

// Portion counts are whole numbers >= 0; zero counts vanish, anything else is refused.
void TstFishAndChipsOrders::portionsFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(qint64, total);
    QString problem;
    const std::optional<Portions> portions = Portions::fromJson(QJsonDocument::fromJson(json).object(), &problem);
    QCOMPARE(portions.has_value(), valid);
    QCOMPARE(problem.isEmpty(), valid);
    if (valid) {
        QCOMPARE(portions->total(), total);
        QVERIFY(!portions->toJson().contains(u"cod"_s) || portions->count(u"cod"_s) > 0);
    }
}

// Adding and setting keep only non-zero items, so equal amounts compare equal.
void TstFishAndChipsOrders::portionsArithmetic()
{
    Portions a{{u"cod"_s, 1}, {u"chips"_s, 2}};
    a.add(Portions{{u"cod"_s, 2}, {u"plaice"_s, 1}});
    QCOMPARE(a, (Portions{{u"cod"_s, 3}, {u"chips"_s, 2}, {u"plaice"_s, 1}}));
    QCOMPARE(a.largestCount(), qint64(3));
    a.set(u"plaice"_s, 0);
    QCOMPARE(a.items(), (QStringList{u"chips"_s, u"cod"_s}));
    QVERIFY(!a.has(u"plaice"_s));
    QCOMPARE(Portions{}.largestCount(), qint64(0));
}

void TstFishAndChipsOrders::menuPrices_data()
{
    QTest::addColumn<QByteArray>("menu");
    QTest::addColumn<QByteArray>("order");
    QTest::addColumn<qint64>("price");   // -1: not sold
    QTest::newRow("default cod and chips") << QByteArray("{}") << QByteArray(R"({"cod": 1, "chips": 1})") << qint64(1050);
    QTest::newRow("default plaice and two chips") << QByteArray("{}") << QByteArray(R"({"plaice": 1, "chips": 2})")
                                                  << qint64(1550);
    QTest::newRow("price override") << QByteArray(R"({"chips": 250})") << QByteArray(R"({"chips": 4})") << qint64(1000);
    QTest::newRow("added item") << QByteArray(R"({"pie": 500})") << QByteArray(R"({"pie": 1, "cod": 1})") << qint64(1250);
    QTest::newRow("not on the menu") << QByteArray("{}") << QByteArray(R"({"pie": 1})") << qint64(-1);
}

// An order costs the sum of its portions at the menu's prices, in pence.
void TstFishAndChipsOrders::menuPrices()
{
    QFETCH(QByteArray, menu);
    QFETCH(QByteArray, order);
    QFETCH(qint64, price);
    const std::optional<Menu> m = Menu::fromJson(QJsonDocument::fromJson(menu).object());
    QVERIFY(m);
    const std::optional<qint64> p = m->priceOf(*Portions::fromJson(QJsonDocument::fromJson(order).object()));
    QCOMPARE(p.value_or(-1), price);
    QVERIFY(!Menu::fromJson(QJsonObject{{u"cod"_s, -5}}));
}

// An order survives its trip as a message body field by field.
void TstFishAndChipsOrders::orderRoundTrip()
{
    FishOrder order;
    order.id = u"T2-7"_s;
    order.till = 2;
    order.channel = u"web"_s;
    order.items = Portions{{u"plaice"_s, 2}, {u"chips"_s, 1}};
    order.price = 2200;
    order.placedMs = 1234;
    order.replyTo = u"/till/2/ready"_s;
    order.key = u"plaice"_s;
    order.cookRounds = 1;
    const std::optional<FishOrder> back = FishOrder::fromBody(order.toBody());
    QVERIFY(back);
    QCOMPARE(back->toJson(), order.toJson());
    QVERIFY(back->hasPlaice());
    QVERIFY(back->isMultiPortion());
}

void TstFishAndChipsOrders::orderRejectsNonOrders_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("cod please");
    QTest::newRow("no id") << QByteArray(R"({"items": {"cod": 1}})");
    QTest::newRow("no items") << QByteArray(R"({"order": "T1-1", "items": {}})");
    QTest::newRow("bad count") << QByteArray(R"({"order": "T1-1", "items": {"cod": -2}})");
    QTest::newRow("negative price") << QByteArray(R"({"order": "T1-1", "items": {"cod": 1}, "price": -1})");
}

// A body that is not an order is refused rather than half read.
void TstFishAndChipsOrders::orderRejectsNonOrders()
{
    QFETCH(QByteArray, body);
    QVERIFY(!FishOrder::fromBody(body));
}

// The same seed, till and number always draw the same order; other numbers differ.
void TstFishAndChipsOrders::mixIsDeterministic()
{
    QString problem;
    const std::optional<OrderMix> mix = OrderMix::fromParams(QJsonObject{{u"seed"_s, 7}}, &problem);
    QVERIFY2(mix, qPrintable(problem));
    bool someDiffer = false;
    for (int n = 1; n <= 50; ++n) {
        const OrderMix::Draw a = mix->draw(1, n);
        const OrderMix::Draw b = mix->draw(1, n);
        QCOMPARE(a.items, b.items);
        QCOMPARE(a.channel, b.channel);
        QVERIFY(a.items.has(u"chips"_s));
        QVERIFY(a.items.has(u"cod"_s) != a.items.has(u"plaice"_s));   // one fish, cod or plaice
        const OrderMix::Draw other = mix->draw(2, n);
        someDiffer = someDiffer || other.items != a.items || other.channel != a.channel;
    }
    QVERIFY(someDiffer);
}

void TstFishAndChipsOrders::mixFollowsShares_data()
{
    QTest::addColumn<double>("web");
    QTest::addColumn<double>("plaice");
    QTest::addColumn<double>("multi");
    QTest::addColumn<int>("maxPortions");
    QTest::newRow("defaults") << 0.3 << 0.25 << 0.2 << 3;
    QTest::newRow("all web, no plaice, never more than one") << 1.0 << 0.0 << 0.0 << 3;
    QTest::newRow("no web, all plaice, always more than one") << 0.0 << 1.0 << 1.0 << 4;
    QTest::newRow("counts capped at one") << 0.5 << 0.5 << 1.0 << 1;
}

// Over many orders the shares of web, plaice and multi-portion orders come out as set,
// and no count exceeds maxPortions.
void TstFishAndChipsOrders::mixFollowsShares()
{
    QFETCH(double, web);
    QFETCH(double, plaice);
    QFETCH(double, multi);
    QFETCH(int, maxPortions);
    QString problem;
    const std::optional<OrderMix> mix = OrderMix::fromParams(
        QJsonObject{{u"webShare"_s, web}, {u"plaiceShare"_s, plaice}, {u"multiShare"_s, multi},
                    {u"maxPortions"_s, maxPortions}},
        &problem);
    QVERIFY2(mix, qPrintable(problem));
    constexpr int draws = 4000;
    int webCount = 0, plaiceCount = 0, multiCount = 0;
    for (int n = 1; n <= draws; ++n) {
        const OrderMix::Draw d = mix->draw(3, n);
        webCount += d.channel == u"web"_s;
        plaiceCount += d.items.has(u"plaice"_s);
        multiCount += d.items.largestCount() > 1;
        QVERIFY(d.items.largestCount() <= maxPortions);
    }
    // A portion count is above one with probability multi for each of the two lines.
    const double multiExpected = maxPortions < 2 ? 0.0 : 1.0 - (1.0 - multi) * (1.0 - multi);
    QVERIFY2(qAbs(webCount / double(draws) - web) < 0.03, qPrintable(QString::number(webCount)));
    QVERIFY2(qAbs(plaiceCount / double(draws) - plaice) < 0.03, qPrintable(QString::number(plaiceCount)));
    QVERIFY2(qAbs(multiCount / double(draws) - multiExpected) < 0.03, qPrintable(QString::number(multiCount)));
}

void TstFishAndChipsOrders::mixRejectsBadParams_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("share above one") << u"plaiceShare"_s << QJsonValue(1.5);
    QTest::newRow("negative share") << u"webShare"_s << QJsonValue(-0.1);
    QTest::newRow("share as text") << u"multiShare"_s << QJsonValue(u"often"_s);
    QTest::newRow("no portions") << u"maxPortions"_s << QJsonValue(0);
    QTest::newRow("fractional portions") << u"maxPortions"_s << QJsonValue(2.5);
    QTest::newRow("negative seed") << u"seed"_s << QJsonValue(-1);
}

// Out-of-range switches are refused with the parameter's name.
void TstFishAndChipsOrders::mixRejectsBadParams()
{
    QFETCH(QString, name);
    QFETCH(QJsonValue, value);
    QString problem;
    QVERIFY(!OrderMix::fromParams(QJsonObject{{name, value}}, &problem));
    QVERIFY2(problem.contains(name), qPrintable(problem));
}

// The shipped scenario's plaice key: rendezvous hashing ranks preparer-1 above
// preparer-2..12, so preparer-1 keeps every plaice order while preparers join.
void TstFishAndChipsOrders::plaiceKeyStaysWithPreparerOne()
{
    using Portolan::Routing::DeliveryPlanner;
    const QString key = u"plaice-orders"_s;
    const quint64 first = DeliveryPlanner::rendezvousWeight(key, u"preparer-1"_s);
    for (int n = 2; n <= 12; ++n)
        QVERIFY2(first > DeliveryPlanner::rendezvousWeight(key, u"preparer-%1"_s.arg(n)), qPrintable(QString::number(n)));
}

QTEST_GUILESS_MAIN(TstFishAndChipsOrders)
#include "tst_fishandchipsorders.moc"
