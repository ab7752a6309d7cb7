#include "meshfixture.h"
#include "topologies.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// Acked traffic across the three-interior mesh survives link cuts, router deaths and
// uplink failover: every message is delivered exactly once to the consumer's role.
class tst_MeshFailover : public QObject
{
    Q_OBJECT

private:
    static double counter(MeshFixture &mesh, const QString &node, const char *name)
    {
        return mesh.status(node).value("counters"_L1).toObject().value(QLatin1StringView(name)).toDouble();
    }

    // A generator on e1 sending `count` acked messages to a worker on e2.
    static void addStream(MeshFixture &mesh, int count, int rate, int startDelayMs = 1500)
    {
        mesh.entity(u"gen"_s, u"generator"_s, {u"e1"_s},
                    {{u"address"_s, u"/work/in"_s}, {u"rate"_s, rate}, {u"count"_s, count}, {u"bodyBytes"_s, 256},
                     // after the sink's subscription has crossed the mesh: sooner would be refused
                     {u"startDelayMs"_s, startDelayMs}});
        mesh.entity(u"sink"_s, u"worker"_s, {u"e2"_s},
                    {{u"address"_s, u"/work"_s}, {u"serviceMs"_s, 0}, {u"replies"_s, false}});
    }

    static void expectExactlyOnce(MeshFixture &mesh, int count)
    {
        QVERIFY2(MeshFixture::waitUntil([&] { return counter(mesh, u"gen"_s, "settled") >= count; }, 30000),
                 qPrintable(u"settled %1 of %2"_s.arg(counter(mesh, u"gen"_s, "settled")).arg(count)));
        QCOMPARE(counter(mesh, u"gen"_s, "refused"), 0.0);
        QCOMPARE(counter(mesh, u"sink"_s, "handled"), double(count));
    }

private Q_SLOTS:
    // The routers learn the whole mesh and pick the cheap path.
    void convergesOnCheapestPaths()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        Portolan::Test::buildThreeInteriorMesh(mesh);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        const QJsonObject routes = mesh.status(u"r1"_s).value("routes"_L1).toObject();
        QCOMPARE(routes.value("r3"_L1).toObject().value("nextHop"_L1).toString(), u"r2"_s);   // 1 + 1 < 5
        QCOMPARE(routes.value("r3"_L1).toObject().value("cost"_L1).toInt(), 2);
        const QJsonObject edgeRoutes = mesh.status(u"e1"_s).value("routes"_L1).toObject();
        QCOMPARE(edgeRoutes.value("e2"_L1).toObject().value("nextHop"_L1).toString(), u"r1"_s);
        QCOMPARE(edgeRoutes.value("e2"_L1).toObject().value("cost"_L1).toInt(), 3);  // e1-r1-r2-e2
    }

    // Cutting the interior link the stream uses loses nothing and duplicates nothing.
    void cutInteriorLinkUnderAckedTraffic()
    {
        MeshFixture mesh;
        Portolan::Test::buildThreeInteriorMesh(mesh);
        addStream(mesh, 1500, 500);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        QVERIFY(MeshFixture::waitUntil([&] { return counter(mesh, u"sink"_s, "handled") >= 300; }, 10000));
        QString error;
        mesh.command(u"r1"_s, u"cut-link"_s, {{u"peer"_s, u"r2"_s}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(counter(mesh, u"sink"_s, "handled") < 1500);   // the cut happened mid-stream
        expectExactlyOnce(mesh, 1500);
        const QJsonObject link = mesh.status(u"r1"_s).value("links"_L1).toObject().value("r2"_L1).toObject();
        QCOMPARE(link.value("state"_L1).toString(), u"cut"_s);
    }

    // SIGKILL of an interior router on the path: traffic reroutes, nothing lost.
    void killInteriorRouterReroutes()
    {
        MeshFixture mesh;
        Portolan::Test::buildThreeInteriorMesh(mesh);
        addStream(mesh, 1500, 500);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        QVERIFY(MeshFixture::waitUntil([&] { return counter(mesh, u"sink"_s, "handled") >= 300; }, 10000));
        mesh.node(u"r1"_s)->kill();
        expectExactlyOnce(mesh, 1500);
        const QJsonObject routes = mesh.status(u"e1"_s).value("routes"_L1).toObject();
        QVERIFY(!routes.contains("r1"_L1));
        QCOMPARE(routes.value("e2"_L1).toObject().value("nextHop"_L1).toString(), u"r2"_s);
    }

    // More in flight than the origin's credit window: the origin stops reading from the
    // sender instead of holding (or resending) ever more, and still every message is
    // delivered exactly once — with no resend at all, since no path changed.
    void overloadIsHeldBackNotResent()
    {
        MeshFixture mesh;
        Portolan::Test::buildThreeInteriorMesh(mesh);
        // 8,000 msg/s over a path with 1.2 s of added latency: ~9,600 would be in flight,
        // over twice the window, and every one older than the fixture's 300 ms retransmit.
        addStream(mesh, 12000, 8000, 2500);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        QString error;
        mesh.command(u"r1"_s, u"set-link-latency"_s, {{u"peer"_s, u"r2"_s}, {u"ms"_s, 1200}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counter(mesh, u"sink"_s, "handled"), 0.0);   // the latency is in place before the stream
        double mostHeld = 0;
        double window = 0;
        bool paused = false;
        QVERIFY2(MeshFixture::waitUntil([&] {
            const QJsonObject gen = mesh.status(u"e1"_s).value("entities"_L1).toObject().value("gen"_L1).toObject();
            mostHeld = qMax(mostHeld, gen.value("held"_L1).toDouble());
            window = qMax(window, gen.value("window"_L1).toDouble());
            paused = paused || gen.value("paused"_L1).toBool();
            return counter(mesh, u"gen"_s, "settled") >= 12000;
        }, 30000), qPrintable(u"settled %1 of 12000"_s.arg(counter(mesh, u"gen"_s, "settled"))));
        const QJsonObject gen = mesh.status(u"e1"_s).value("entities"_L1).toObject().value("gen"_L1).toObject();
        QVERIFY2(paused || gen.value("pauses"_L1).toDouble() > 0, "the origin never paused the sender");
        // Only a grace read (no settlement at all for half a second) may overdraw the window.
        QVERIFY(window > 0 && window < 9600);
        QVERIFY2(mostHeld <= window || gen.value("graceReads"_L1).toDouble() > 0,
                 qPrintable(u"the origin held %1 of one sender's messages"_s.arg(mostHeld)));
        QCOMPARE(counter(mesh, u"e1"_s, "resent"), 0.0);
        QCOMPARE(counter(mesh, u"gen"_s, "refused"), 0.0);
        QCOMPARE(counter(mesh, u"sink"_s, "handled"), 12000.0);
    }

    // An edge whose preferred uplink dies carries on over its second uplink.
    void edgeFailsOverToSecondUplink()
    {
        MeshFixture mesh;
        Portolan::Test::buildThreeInteriorMesh(mesh);
        addStream(mesh, 600, 300);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        QCOMPARE(mesh.status(u"e1"_s).value("routes"_L1).toObject().value("r3"_L1).toObject()
                     .value("nextHop"_L1).toString(), u"r1"_s);
        QString error;
        mesh.command(u"e1"_s, u"cut-link"_s, {{u"peer"_s, u"r1"_s}, {u"silent"_s, true}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil([&] {
            return mesh.status(u"e1"_s).value("routes"_L1).toObject().value("e2"_L1).toObject()
                       .value("nextHop"_L1).toString() == "r2"_L1;
        }, 5000));
        // r1 notices the silent uplink only through missed hellos, and then drops it.
        QVERIFY(MeshFixture::waitUntil([&] {
            return mesh.status(u"r1"_s).value("links"_L1).toObject().value("e1"_L1).toObject()
                       .value("state"_L1).toString() != "up"_L1;
        }, 5000));
        expectExactlyOnce(mesh, 600);
    }
};

QTEST_GUILESS_MAIN(tst_MeshFailover)
#include "tst_meshfailover.moc"
