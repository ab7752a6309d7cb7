#include "node/control/controlportlistener.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::ControlPortListener;

namespace {

constexpr int WaitMs = 5000;

// A valid WebSocket opening handshake (RFC 6455, section 1.3) with a given Upgrade line.
QByteArray handshake(const QByteArray &upgradeLine)
{
    return "GET /?token=abc HTTP/1.1\r\n"
           "Host: 127.0.0.1\r\n"
           + upgradeLine
           + "\r\n"
             "Connection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
             "Sec-WebSocket-Version: 13\r\n"
             "\r\n";
}

// A raw TCP client: writes bytes, collects everything the server sends until it closes.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        socket.connectToHost(u"127.0.0.1"_s, port);
    }

    bool connected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, WaitMs);
    }
    void write(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    bool waitClosed() { return QTest::qWaitFor([this] { return closed; }, WaitMs); }
    QByteArray statusLine() const { return received.left(received.indexOf("\r\n")); }
    QByteArray body() const
    {
        const qsizetype end = received.indexOf("\r\n\r\n");
        return end < 0 ? QByteArray() : received.mid(end + 4);
    }
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = received.left(received.indexOf("\r\n\r\n")).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

} // namespace

// One port, two protocols: the listener hands WebSocket upgrades to the WebSocket server
// and answers every other HTTP request through its plain handler.
class tst_ControlPortListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_webSockets = std::make_unique<QWebSocketServer>(u"test"_s, QWebSocketServer::NonSecureMode);
        m_listener = std::make_unique<ControlPortListener>(m_webSockets.get());
        m_requests.clear();
        // Echoes what it was asked, so each test sees what reached the handler.
        m_listener->setPlainHandler([this](const ControlPortListener::PlainRequest &request) {
            m_requests.append(request);
            ControlPortListener::PlainResponse response;
            response.body = request.method + ' ' + request.target + '\n';
            response.headers.emplaceBack("X-Seen"_ba, "yes"_ba);
            return response;
        });
        QString error;
        QVERIFY2(m_listener->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(m_listener->port() != 0);
    }
    void cleanup()
    {
        m_listener.reset();
        m_webSockets.reset();
    }

    // A real QWebSocket client on the listener's port ends up connected to the
    // WebSocket server, with its request URL intact, and messages flow both ways.
    void webSocketClientReachesTheWebSocketServer()
    {
        QSignalSpy accepted(m_webSockets.get(), &QWebSocketServer::newConnection);
        QWebSocket client;
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        client.open(QUrl(u"ws://127.0.0.1:%1/?token=s3cret"_s.arg(m_listener->port())));
        QVERIFY(accepted.wait(WaitMs));
        std::unique_ptr<QWebSocket> server(m_webSockets->nextPendingConnection());
        QVERIFY(server);
        QCOMPARE(server->requestUrl().query(), u"token=s3cret"_s);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, WaitMs);

        QSignalSpy serverReceived(server.get(), &QWebSocket::textMessageReceived);
        client.sendTextMessage(u"from console"_s);
        QVERIFY(serverReceived.wait(WaitMs));
        QCOMPARE(serverReceived.constFirst().constFirst().toString(), u"from console"_s);
        server->sendTextMessage(u"from node"_s);
        QVERIFY(received.wait(WaitMs));
        QCOMPARE(received.constFirst().constFirst().toString(), u"from node"_s);
        QVERIFY(m_requests.isEmpty());
    }

    // Every request naming websocket in its Upgrade header goes to the WebSocket server,
    // never to the plain handler; that server then accepts the spellings RFC 6455 allows
    // (101) and closes the connection on the others.
    void upgradeSpellings_data()
    {
        QTest::addColumn<QByteArray>("upgradeLine");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("canonical") << "Upgrade: websocket"_ba << true;
        QTest::newRow("lower-case name, mixed-case value") << "upgrade: WebSocket"_ba << true;
        QTest::newRow("among other protocols") << "Upgrade: h2c, websocket"_ba << false;
        QTest::newRow("with version") << "Upgrade: websocket/13"_ba << false;
    }
    void upgradeSpellings()
    {
        QFETCH(QByteArray, upgradeLine);
        QFETCH(bool, accepted);
        QSignalSpy connections(m_webSockets.get(), &QWebSocketServer::newConnection);
        RawClient client(m_listener->port());
        QVERIFY(client.connected());
        client.write(handshake(upgradeLine));
        if (accepted) {
            QVERIFY(connections.wait(WaitMs));
            QTRY_VERIFY_WITH_TIMEOUT(client.received.contains("\r\n\r\n"), WaitMs);
            QCOMPARE(client.statusLine(), "HTTP/1.1 101 Switching Protocols"_ba);
            QCOMPARE(client.header("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_ba);
            delete m_webSockets->nextPendingConnection();
        } else {
            QVERIFY(client.waitClosed());
            QVERIFY(!client.statusLine().startsWith("HTTP/1.1 2"));
            QCOMPARE(connections.size(), 0);
        }
        QVERIFY(m_requests.isEmpty());
    }

    // Plain requests reach the handler with their method and target; HEAD gets the
    // headers of the answer without its body; every answer closes the connection.
    void plainRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"_ba << "GET"_ba << "/metrics"_ba
                             << "GET /metrics\n"_ba;
        QTest::newRow("HTTP/1.0") << "GET /metrics HTTP/1.0\r\n\r\n"_ba << "GET"_ba << "/metrics"_ba
                                  << "GET /metrics\n"_ba;
        QTest::newRow("query kept") << "GET /metrics?name[]=x HTTP/1.1\r\n\r\n"_ba << "GET"_ba
                                    << "/metrics?name[]=x"_ba << "GET /metrics?name[]=x\n"_ba;
        QTest::newRow("HEAD has no body") << "HEAD /metrics HTTP/1.1\r\n\r\n"_ba << "HEAD"_ba << "/metrics"_ba
                                          << QByteArray();
        QTest::newRow("POST with body") << "POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"_ba << "POST"_ba
                                        << "/metrics"_ba << "POST /metrics\n"_ba;
        QTest::newRow("Connection: Upgrade alone is not WebSocket")
            << "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"_ba << "GET"_ba << "/"_ba << "GET /\n"_ba;
    }
    void plainRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        RawClient client(m_listener->port());
        QVERIFY(client.connected());
        client.write(request);
        QVERIFY(client.waitClosed());
        QCOMPARE(client.statusLine(), "HTTP/1.1 200 OK"_ba);
        QCOMPARE(client.header("Content-Type"), "text/plain; charset=utf-8"_ba);
        QCOMPARE(client.header("Connection"), "close"_ba);
        QCOMPARE(client.header("X-Seen"), "yes"_ba);
        const QByteArray full = method + ' ' + target + '\n';
        QCOMPARE(client.header("Content-Length"), QByteArray::number(full.size()));
        QCOMPARE(client.body(), body);
        QCOMPARE(m_requests.size(), 1);
        QCOMPARE(m_requests.constFirst().method, method);
        QCOMPARE(m_requests.constFirst().target, target);
    }

    // A request that is not HTTP is refused with 400 and never reaches the handler.
    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("one word") << "GARBAGE\r\n\r\n"_ba;
        QTest::newRow("relative target") << "GET metrics HTTP/1.1\r\n\r\n"_ba;
        QTest::newRow("no version") << "GET /metrics\r\n\r\n"_ba;
        QTest::newRow("not HTTP") << "GET /metrics SPDY/3\r\n\r\n"_ba;
    }
    void malformedRequests()
    {
        QFETCH(QByteArray, request);
        RawClient client(m_listener->port());
        QVERIFY(client.connected());
        client.write(request);
        QVERIFY(client.waitClosed());
        QCOMPARE(client.statusLine(), "HTTP/1.1 400 Bad Request"_ba);
        QVERIFY(m_requests.isEmpty());
    }

    // A header arriving in pieces is answered once it is complete, and not before.
    void headerInPieces()
    {
        RawClient client(m_listener->port());
        QVERIFY(client.connected());
        QSignalSpy readable(&client.socket, &QTcpSocket::readyRead);
        client.write("GET /metr"_ba);
        client.write("ics HTTP/1.1\r\nHost: 127.0.0.1\r\n"_ba);
        QVERIFY(!readable.wait(300)); // incomplete: no answer yet
        QVERIFY(m_requests.isEmpty());
        client.write("\r\n"_ba);
        QVERIFY(client.waitClosed());
        QCOMPARE(client.statusLine(), "HTTP/1.1 200 OK"_ba);
        QCOMPARE(client.body(), "GET /metrics\n"_ba);
    }

    // A header that never ends is refused once it exceeds the limit, before the handler.
    void oversizedHeaderIsRefused()
    {
        RawClient client(m_listener->port());
        QVERIFY(client.connected());
        client.write("GET /metrics HTTP/1.1\r\nX-Padding: "_ba + QByteArray(ControlPortListener::MaxHeaderBytes, 'a'));
        QVERIFY(client.waitClosed());
        QCOMPARE(client.statusLine(), "HTTP/1.1 431 Request Header Fields Too Large"_ba);
        QVERIFY(m_requests.isEmpty());
    }

    // A connection that says nothing is closed after the header timeout, and does not
    // keep other clients from being served meanwhile.
    void silentConnectionIsClosed()
    {
        m_listener->setHeaderTimeout(300);
        RawClient silent(m_listener->port());
        QVERIFY(silent.connected());
        RawClient talker(m_listener->port());
        QVERIFY(talker.connected());
        talker.write("GET /metrics HTTP/1.1\r\n\r\n"_ba);
        QVERIFY(talker.waitClosed());
        QCOMPARE(talker.statusLine(), "HTTP/1.1 200 OK"_ba);
        QVERIFY(!silent.closed);
        QVERIFY(silent.waitClosed());
        QVERIFY(silent.received.isEmpty());
    }

    // The header timeout stops once a connection is handed over: an idle WebSocket
    // stays connected past it.
    void handedOverConnectionOutlivesTheHeaderTimeout()
    {
        m_listener->setHeaderTimeout(200);
        QSignalSpy accepted(m_webSockets.get(), &QWebSocketServer::newConnection);
        QWebSocket client;
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_listener->port())));
        QVERIFY(accepted.wait(WaitMs));
        std::unique_ptr<QWebSocket> server(m_webSockets->nextPendingConnection());
        QVERIFY(!disconnected.wait(600));
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }

    // Closing the listener drops connections still being sorted and frees the port.
    void closeDropsPendingConnections()
    {
        RawClient pending(m_listener->port());
        QVERIFY(pending.connected());
        QTRY_COMPARE_WITH_TIMEOUT(m_listener->sortingConnectionCount(), 1, WaitMs);
        const quint16 port = m_listener->port();
        m_listener->close();
        QVERIFY(!m_listener->isListening());
        QVERIFY(pending.waitClosed());
        QTcpSocket again;
        again.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(!again.waitForConnected(WaitMs));
    }

private:
    std::unique_ptr<QWebSocketServer> m_webSockets;
    std::unique_ptr<ControlPortListener> m_listener;
    QList<ControlPortListener::PlainRequest> m_requests;
};

QTEST_GUILESS_MAIN(tst_ControlPortListener)
#include "tst_controlportlistener.moc"
