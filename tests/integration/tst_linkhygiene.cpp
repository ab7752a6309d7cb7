#include "meshfixture.h"
#include "wire/framecodec.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// A peer that speaks garbage on a link port is cut off; the router and its real links
// carry on. A peer that falls silent is cut off on time.
class tst_LinkHygiene : public QObject
{
    Q_OBJECT

private:
    static QByteArray lengthPrefixed(const QByteArray &payload)
    {
        QByteArray out(4, '\0');
        qToBigEndian(quint32(payload.size()), out.data());
        return out + payload;
    }

private Q_SLOTS:
    void garbagePeerIsCutOff_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("random bytes") << lengthPrefixed("\xff\xfe\x00garbage");
        QTest::newRow("oversized length") << QByteArray("\x7f\xff\xff\xff", 4) + QByteArray(64, 'x');
        QTest::newRow("empty frame") << QByteArray(4, '\0');
        // A well-formed CBOR array that claims protocol version 99.
        QTest::newRow("unknown version") << lengthPrefixed(QByteArray::fromHex("8318630162"));
        QTest::newRow("message before hello") << Portolan::Wire::encodeFrame(Portolan::Wire::Ack{"m1", u"c"_s, u"r"_s, {}});
    }
    void garbagePeerIsCutOff()
    {
        QFETCH(QByteArray, bytes);
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        mesh.router(u"r2"_s);
        mesh.link(u"r2"_s, u"r1"_s);
        mesh.entity(u"gen"_s, u"generator"_s, {u"r1"_s}, {{u"address"_s, u"/sink"_s}, {u"rate"_s, 200}, {u"count"_s, 400}, {u"startDelayMs"_s, 1500}});
        mesh.entity(u"sink"_s, u"worker"_s, {u"r2"_s}, {{u"address"_s, u"/sink"_s}, {u"serviceMs"_s, 0}});
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());

        QTcpSocket intruder;
        intruder.connectToHost(u"127.0.0.1"_s, mesh.node(u"r1"_s)->linkPort());
        QVERIFY(intruder.waitForConnected(3000));
        intruder.write(bytes);
        QVERIFY(MeshFixture::waitUntil([&] { return intruder.state() == QAbstractSocket::UnconnectedState; }, 5000));

        // The real link stayed up and the traffic completed.
        QCOMPARE(mesh.status(u"r1"_s).value("links"_L1).toObject().value("r2"_L1).toObject()
                     .value("state"_L1).toString(), u"up"_s);
        QVERIFY(MeshFixture::waitUntil([&] {
            return mesh.status(u"sink"_s).value("counters"_L1).toObject().value("handled"_L1).toDouble() >= 400;
        }, 15000));
        QFile log(mesh.node(u"r1"_s)->logPath());
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("rejecting frame"));
    }

    void silentPeerIsDeclaredDeadOnTime_data()
    {
        QTest::addColumn<int>("helloIntervalMs");
        QTest::newRow("hello 100 ms") << 100;
        QTest::newRow("hello 200 ms") << 200;   // the peer's interval decides, not ours
    }
    // A peer that says hello and then nothing is declared dead three of its own hello
    // intervals later: on a precise deadline, not at the router's next hello tick (which
    // left it 0-1 interval late).
    void silentPeerIsDeclaredDeadOnTime()
    {
        QFETCH(int, helloIntervalMs);
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        QVERIFY(mesh.start());

        QTcpSocket ghost;
        ghost.connectToHost(u"127.0.0.1"_s, mesh.node(u"r1"_s)->linkPort());
        QVERIFY(ghost.waitForConnected(3000));
        Portolan::Wire::Hello hello;
        hello.nodeId = u"ghost"_s;
        hello.kind = Portolan::Wire::NodeKind::Interior;
        hello.helloIntervalMs = quint32(helloIntervalMs);
        QSignalSpy closed(&ghost, &QTcpSocket::disconnected);
        ghost.write(Portolan::Wire::encodeFrame(hello));
        QVERIFY(ghost.waitForBytesWritten(1000));
        QElapsedTimer sinceHello;
        sinceHello.start();
        QVERIFY(closed.wait(5000));
        const qint64 deadAfter = sinceHello.elapsed();
        const qint64 expected = 3 * helloIntervalMs;   // the mesh default: dead after 3 missed
        QVERIFY2(deadAfter >= expected - 20 && deadAfter <= expected + 60,
                 qPrintable(u"declared dead %1 ms after its hello, expected ~%2 ms"_s.arg(deadAfter).arg(expected)));
    }
};

QTEST_GUILESS_MAIN(tst_LinkHygiene)
#include "tst_linkhygiene.moc"
