#include "meshfixture.h"

#include <QTcpSocket>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// The HTTP ingress of a router, over real processes: status codes for every outcome, and
// garbage that costs only its own connection.
class tst_Ingress : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MeshFixture> m_mesh;

private Q_SLOTS:
    void initTestCase()
    {
        m_mesh = std::make_unique<MeshFixture>();
        QVERIFY(m_mesh->isValid());
        m_mesh->router(u"r1"_s, u"interior"_s, true);
        m_mesh->router(u"r2"_s);
        m_mesh->link(u"r2"_s, u"r1"_s, 1, u"cheapnet"_s);
        m_mesh->distribute(u"/workers"_s, u"multicast"_s);
        m_mesh->entity(u"w1"_s, u"worker"_s, {u"r2"_s}, {{u"address"_s, u"/workers"_s}, {u"serviceMs"_s, 1}});
        m_mesh->entity(u"w2"_s, u"worker"_s, {u"r2"_s}, {{u"address"_s, u"/workers"_s}, {u"serviceMs"_s, 1}});
        // A consumer that never answers: the generator subscribes to its reply address.
        m_mesh->entity(u"mute"_s, u"generator"_s, {u"r2"_s},
                       {{u"address"_s, u"/nowhere"_s}, {u"rate"_s, 1}, {u"count"_s, 1}, {u"replyTo"_s, u"/mute"_s}});
        QVERIFY(m_mesh->start());
        QVERIFY(m_mesh->waitConverged());
        QVERIFY(MeshFixture::waitUntil([&] {
            return m_mesh->http(u"r1"_s, "POST", u"/workers/job"_s, "{}").status == 200;
        }, 10000));
    }

    void cleanupTestCase() { m_mesh.reset(); }

    // Each kind of request gets its documented status.
    void statusCodes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("replyTo");
        QTest::addColumn<QByteArray>("deadline");
        QTest::addColumn<int>("status");
        QTest::newRow("multicast answered") << QByteArray("POST") << u"/workers/job"_s << QByteArray() << QByteArray() << 200;
        QTest::newRow("reply-to accepted") << QByteArray("POST") << u"/workers/job"_s << QByteArray("/mute") << QByteArray() << 202;
        QTest::newRow("no consumer") << QByteArray("GET") << u"/nobody/here"_s << QByteArray() << QByteArray() << 404;
        QTest::newRow("deadline passes") << QByteArray("GET") << u"/mute"_s << QByteArray() << QByteArray("300") << 504;
        QTest::newRow("bad reply-to") << QByteArray("POST") << u"/workers/job"_s << QByteArray("not a path") << QByteArray() << 400;
        QTest::newRow("bad deadline") << QByteArray("GET") << u"/mute"_s << QByteArray() << QByteArray("soon") << 400;
    }
    void statusCodes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, replyTo);
        QFETCH(QByteArray, deadline);
        QFETCH(int, status);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!replyTo.isEmpty())
            headers.append({"Reply-To", replyTo});
        if (!deadline.isEmpty())
            headers.append({"X-Deadline-Ms", deadline});
        const auto answer = m_mesh->http(u"r1"_s, method, path, "{}", headers);
        QCOMPARE(answer.status, status);
        if (status >= 400)
            QVERIFY(answer.json().object().contains("error"_L1));
    }

    // The multicast answer is an array with one entry per worker.
    void multicastAggregates()
    {
        const auto answer = m_mesh->http(u"r1"_s, "POST", u"/workers/job"_s, R"({"n":1})");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().array().size(), 2);
    }

    // Bytes that are not HTTP close that connection only; the next request is served.
    void garbageRequestCostsOnlyItsConnection()
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_mesh->node(u"r1"_s)->httpPort());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("\x16\x03\x01 this is not http at all\r\n\r\n");
        QVERIFY(MeshFixture::waitUntil([&] {
            return socket.state() != QAbstractSocket::ConnectedState || socket.bytesAvailable() > 0;
        }, 5000));
        const QByteArray reply = socket.readAll();
        QVERIFY(reply.isEmpty() || reply.startsWith("HTTP/1.1 4"));
        QCOMPARE(m_mesh->http(u"r1"_s, "GET", u"/_portolan/health"_s).status, 200);
        QCOMPARE(m_mesh->http(u"r1"_s, "POST", u"/workers/job"_s, "{}").status, 200);
    }
};

QTEST_GUILESS_MAIN(tst_Ingress)
#include "tst_ingress.moc"
