#include "meshfixture.h"
#include "topologies.h"

#include <QJsonArray>
#include <QSet>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// Pirate Pugs scenario 1 on real processes: twelve stores behind four edge routers,
// queried by unicast and multicast through the HTTP ingress; holds survive SIGKILL.
class tst_MeshStores : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MeshFixture> m_mesh;

    static QJsonObject storeParams(int n)
    {
        // Cutlasses only at stores 6 and 11; store 1 sits at the origin.
        const int cutlasses = (n == 6 || n == 11) ? 1 : 0;
        return {{u"number"_s, n},
                {u"position"_s, QJsonArray{n * 10, n * 10}},
                {u"inventory"_s, QJsonObject{{u"cutlass"_s, cutlasses}, {u"tricorn"_s, n}}},
                {u"expectedStores"_s, 12},
                {u"answerTimeoutMs"_s, 3000}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_mesh = std::make_unique<MeshFixture>();
        QVERIFY(m_mesh->isValid());
        Portolan::Test::buildThreeInteriorMesh(*m_mesh);
        for (int n = 1; n <= 12; ++n)
            m_mesh->entity(u"store-%1"_s.arg(n), u"store"_s, {u"e%1"_s.arg((n - 1) % 4 + 1)}, storeParams(n));
        QVERIFY(m_mesh->start());
        QVERIFY(m_mesh->waitConverged());
        // Every store's subscription has reached the ingress edge.
        QVERIFY(MeshFixture::waitUntil([&] {
            return m_mesh->http(u"e1"_s, "GET", u"/all-stores/inventory?item=tricorn"_s).json().array().size() == 12;
        }, 10000));
    }

    void cleanupTestCase() { m_mesh.reset(); }

    // A unicast question reaches exactly the store it names, across the mesh.
    void unicastInventory_data()
    {
        QTest::addColumn<int>("store");
        QTest::addColumn<int>("quantity");
        QTest::newRow("same edge") << 5 << 5;
        QTest::newRow("other edge") << 7 << 7;
        QTest::newRow("far edge") << 12 << 12;
    }
    void unicastInventory()
    {
        QFETCH(int, store);
        QFETCH(int, quantity);
        const auto answer = m_mesh->http(u"e1"_s, "GET", u"/store/%1/inventory?item=tricorn"_s.arg(store));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().object().value("store"_L1).toInt(), store);
        QCOMPARE(answer.json().object().value("quantity"_L1).toInt(), quantity);
    }

    // The multicast question reaches every store exactly once; the ingress collects all.
    void multicastReachesEveryStoreOnce()
    {
        const auto answer = m_mesh->http(u"e1"_s, "GET", u"/all-stores/inventory?item=cutlass"_s);
        QCOMPARE(answer.status, 200);
        const QJsonArray answers = answer.json().array();
        QCOMPARE(answers.size(), 12);
        QSet<QString> from;
        int withCutlass = 0;
        for (const QJsonValue &a : answers) {
            from.insert(a.toObject().value("from"_L1).toString());
            withCutlass += a.toObject().value("body"_L1).toObject().value("quantity"_L1).toInt();
        }
        QCOMPARE(from.size(), 12);
        QCOMPARE(withCutlass, 2);
        // No store handled the question twice.
        for (int n = 1; n <= 12; ++n)
            QCOMPARE(m_mesh->status(u"store-%1"_s.arg(n)).value("counters"_L1).toObject()
                         .value("duplicates"_L1).toDouble(), 0.0);
    }

    // With Reply-To the ingress answers 202 at once and the answers go to that address.
    void replyToIsAccepted()
    {
        const auto answer = m_mesh->http(u"e1"_s, "POST", u"/all-stores/inventory?item=cutlass"_s, {},
                                         {{"Reply-To", "/store/1/answers"}});
        QCOMPARE(answer.status, 202);
        QVERIFY(!answer.json().object().value("requestId"_L1).toString().isEmpty());
        QCOMPARE(answer.json().object().value("destinations"_L1).toInt(), 12);
    }

    // Peaches' cutlass: store 1 asks all stores, the answers reach it, it holds the
    // closest cutlass (store 6 rather than 11) there.
    void findHoldsClosestCutlass()
    {
        const auto answer = m_mesh->http(u"e1"_s, "POST", u"/store/1/find"_s,
                                         R"({"item":"cutlass","customer":"peaches"})", {}, 15000);
        QCOMPARE(answer.status, 200);
        const QJsonObject story = answer.json().object();
        QCOMPARE(story.value("answers"_L1).toInt(), 12);
        QCOMPARE(story.value("chosen"_L1).toInt(), 6);
        QVERIFY(story.value("held"_L1).toBool());
        const auto stock = m_mesh->http(u"e1"_s, "GET", u"/store/6/inventory?item=cutlass"_s);
        QCOMPARE(stock.json().object().value("quantity"_L1).toInt(), 0);
    }

    // A store killed with SIGKILL right after acking a hold has it when it comes back.
    void holdSurvivesSigkill()
    {
        const auto hold = m_mesh->http(u"e1"_s, "POST", u"/store/9/hold"_s, R"({"item":"tricorn","customer":"roscoe"})");
        QCOMPARE(hold.status, 200);
        QVERIFY(hold.json().object().value("held"_L1).toBool());
        m_mesh->node(u"store-9"_s)->kill();
        QVERIFY(m_mesh->node(u"store-9"_s)->waitExited(5000));
        QVERIFY(m_mesh->restart(u"store-9"_s));
        QVERIFY(MeshFixture::waitUntil([&] {
            return m_mesh->http(u"e1"_s, "GET", u"/store/9/inventory?item=tricorn"_s, {}, {}, 2000).status == 200;
        }, 10000));
        const auto stock = m_mesh->http(u"e1"_s, "GET", u"/store/9/inventory?item=tricorn"_s);
        QCOMPARE(stock.json().object().value("quantity"_L1).toInt(), 8);
        const QJsonObject data = m_mesh->status(u"store-9"_s).value("data"_L1).toObject();
        QCOMPARE(data.value("holds"_L1).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_MeshStores)
#include "tst_meshstores.moc"
