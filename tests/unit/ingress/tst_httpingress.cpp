#include "node/ingress/httpingress.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::HttpIngress;
using Portolan::Node::IngressRequest;

namespace {

// One HTTP response as read off the wire by RawClient.
struct RawResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
};

// A bare TCP client: sends exactly the bytes a test gives it (including what no real
// HTTP client would send) and splits what comes back into responses.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                         [this] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    void send(const QByteArray &bytes) { socket.write(bytes); }

    // Every complete response received so far, in order.
    QList<RawResponse> responses() const
    {
        QList<RawResponse> result;
        qsizetype at = 0;
        while (true) {
            const qsizetype headerEnd = received.indexOf("\r\n\r\n", at);
            if (headerEnd < 0)
                return result;
            const QList<QByteArray> lines = received.mid(at, headerEnd - at).split('\n');
            RawResponse response;
            const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
            response.status = statusLine.value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    response.headers.insert(lines.at(i).first(colon).trimmed().toLower(),
                                            lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = response.headers.value("content-length").toLongLong();
            const qsizetype bodyStart = headerEnd + 4;
            if (received.size() < bodyStart + length)
                return result;
            response.body = received.mid(bodyStart, length);
            result.append(response);
            at = bodyStart + length;
        }
    }

    QTcpSocket socket;
    QByteArray received;
};

QByteArray request(const QByteArray &requestLine, const QByteArray &headers = {},
                   const QByteArray &body = {})
{
    return requestLine + "\r\nHost: 127.0.0.1\r\n" + headers
           + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class tst_HttpIngress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void postArrivesAsEnvelope();
    void addressIsNormalised_data();
    void addressIsNormalised();
    void deadlineComesFromHeader_data();
    void deadlineComesFromHeader();
    void replyToDoesNotWait();
    void respondReachesClient_data();
    void respondReachesClient();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void bodyOverLimitIsRejected();
    void oversizedStreamIsCutOff();
    void healthIsAnsweredDirectly();
    void disconnectBeforeRespondDropsTicket();
    void requestLineSplitAcrossReads();
    void respondInsideSignalHandler();
    void headGetsNoBody();
    void respondIsOnceOnly();
    void pipelinedResponsesKeepRequestOrder();
    void garbageDoesNotStopServing();
    void listenFailsOnBusyPort();
    void boundServerStillAnswers();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_ingress->port()).arg(pathAndQuery));
    }
    QNetworkRequest jsonRequest(const QString &pathAndQuery) const
    {
        QNetworkRequest req(url(pathAndQuery));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return req;
    }
    // Sends a request over raw TCP and waits for the ingress to signal it.
    std::optional<IngressRequest> arrive(RawClient &client, const QByteArray &bytes);

    std::unique_ptr<HttpIngress> m_ingress;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QList<IngressRequest> m_arrived;
};

void tst_HttpIngress::init()
{
    m_arrived.clear();
    m_ingress = std::make_unique<HttpIngress>();
    connect(m_ingress.get(), &HttpIngress::requestArrived, m_ingress.get(),
            [this](const IngressRequest &r) { m_arrived.append(r); });
    QString error;
    QVERIFY2(m_ingress->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(m_ingress->port() != 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void tst_HttpIngress::cleanup()
{
    m_nam.reset();
    m_ingress.reset();
}

std::optional<IngressRequest> tst_HttpIngress::arrive(RawClient &client, const QByteArray &bytes)
{
    const qsizetype before = m_arrived.size();
    client.send(bytes);
    if (!QTest::qWaitFor([&] { return m_arrived.size() > before; }, 5000))
        return std::nullopt;
    return m_arrived.last();
}

// A POST becomes one message: the path is its address, and method, query, content type,
// body and the X- headers ride along; other headers stay behind.
void tst_HttpIngress::postArrivesAsEnvelope()
{
    QNetworkRequest req(url(u"/all-stores/inventory?item=cutlass&size=a%20b"_s));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
    req.setRawHeader("X-Trace-Id", "t-1");
    req.setRawHeader("X-Customer", "ada");
    req.setRawHeader("Accept-Language", "fr");
    QNetworkReply *reply = m_nam->post(req, QByteArrayLiteral("three cutlasses"));
    QTRY_COMPARE(m_arrived.size(), 1);

    const IngressRequest &in = m_arrived.first();
    QVERIFY(in.ticket != 0);
    QVERIFY(in.waitForAnswer);
    QCOMPARE(in.envelope.address, u"/all-stores/inventory"_s);
    QCOMPARE(in.envelope.header(u"Method"), u"POST"_s);
    QCOMPARE(in.envelope.header(u"Query"), u"item=cutlass&size=a%20b"_s);
    QCOMPARE(in.envelope.header(u"Content-Type"), u"text/plain"_s);
    QCOMPARE(in.envelope.header(u"X-Trace-Id"), u"t-1"_s);
    QCOMPARE(in.envelope.header(u"X-Customer"), u"ada"_s);
    QVERIFY(in.envelope.header(u"Accept-Language").isEmpty());
    QVERIFY(in.envelope.header(u"Host").isEmpty());
    QCOMPARE(in.envelope.body, QByteArrayLiteral("three cutlasses"));
    QVERIFY(in.envelope.replyTo.isEmpty());
    QVERIFY(in.envelope.id.isEmpty());
    QVERIFY(in.envelope.requestId.isEmpty());
    QCOMPARE(in.envelope.deadlineMs, in.deadlineMs);
    QCOMPARE(m_ingress->pendingCount(), 1);

    m_ingress->respond(in.ticket, 200, QByteArrayLiteral("{}"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(m_ingress->pendingCount(), 0);
    reply->deleteLater();
}

void tst_HttpIngress::addressIsNormalised_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("address");

    QTest::newRow("plain") << QByteArray("/store/32") << u"/store/32"_s;
    QTest::newRow("empty segments") << QByteArray("/store///32/") << u"/store/32"_s;
    QTest::newRow("leading double slash") << QByteArray("//store/32") << u"/store/32"_s;
    QTest::newRow("dot segments") << QByteArray("/./store/./32/.") << u"/store/32"_s;
    QTest::newRow("percent-decoded") << QByteArray("/caf%C3%A9/%41b") << u"/café/Ab"_s;
    QTest::newRow("encoded slash splits") << QByteArray("/a%2Fb") << u"/a/b"_s;
    QTest::newRow("root") << QByteArray("/") << u"/"_s;
    QTest::newRow("query not in address") << QByteArray("/store/32?x=1") << u"/store/32"_s;
    QTest::newRow("encoded percent") << QByteArray("/sale/50%25off") << u"/sale/50%off"_s;
    QTest::newRow("absolute-form") << QByteArray("http://example.com:8080//store/32?x=1")
                                   << u"/store/32"_s;
}

// The address is the percent-decoded path with empty and "." segments removed.
void tst_HttpIngress::addressIsNormalised()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, address);

    RawClient client(m_ingress->port());
    const std::optional<IngressRequest> in = arrive(client, request("GET " + target + " HTTP/1.1"));
    QVERIFY(in);
    QCOMPARE(in->envelope.address, address);
    QCOMPARE(in->envelope.header(u"Method"), u"GET"_s);
}

void tst_HttpIngress::deadlineComesFromHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("default") << QByteArray() << qint64(2000);
    QTest::newRow("from header") << QByteArray("X-Deadline-Ms: 500\r\n") << qint64(500);
    QTest::newRow("capped at a minute") << QByteArray("X-Deadline-Ms: 120000\r\n") << qint64(60000);
    QTest::newRow("huge number capped")
        << QByteArray("X-Deadline-Ms: 99999999999999999999999\r\n") << qint64(60000);
}

// The absolute deadline is the arrival time plus X-Deadline-Ms (default 2 s, at most 60 s).
void tst_HttpIngress::deadlineComesFromHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);

    RawClient client(m_ingress->port());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const std::optional<IngressRequest> in = arrive(client, request("POST /orders HTTP/1.1", header, "{}"));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(in);
    QVERIFY2(in->deadlineMs >= before + expectedMs && in->deadlineMs <= after + expectedMs,
             qPrintable(u"deadline %1 not in [%2, %3]"_s.arg(in->deadlineMs)
                            .arg(before + expectedMs).arg(after + expectedMs)));
    QCOMPARE(in->envelope.deadlineMs, in->deadlineMs);
}

// Reply-To turns the request into fire-and-forget: still signalled, not waited for,
// with the (normalised) reply address on the message; the router's 202 reaches the client.
void tst_HttpIngress::replyToDoesNotWait()
{
    QNetworkRequest req = jsonRequest(u"/all-stores/inventory?item=cutlass"_s);
    req.setRawHeader("Reply-To", "/store//32");
    QNetworkReply *reply = m_nam->post(req, QByteArrayLiteral("{}"));
    QTRY_COMPARE(m_arrived.size(), 1);

    const IngressRequest &in = m_arrived.first();
    QVERIFY(!in.waitForAnswer);
    QCOMPARE(in.envelope.replyTo, u"/store/32"_s);
    QCOMPARE(in.envelope.address, u"/all-stores/inventory"_s);

    m_ingress->respond(in.ticket, 202, QByteArrayLiteral(R"({"requestId":"r-1"})"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
    QCOMPARE(jsonObject(reply->readAll()).value(u"requestId").toString(), u"r-1"_s);
    reply->deleteLater();
}

void tst_HttpIngress::respondReachesClient_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("asError");

    QTest::newRow("created json") << 201 << QByteArray(R"({"order":12})")
                                  << QByteArray("application/json") << false;
    QTest::newRow("not found text") << 404 << QByteArray("no such store")
                                    << QByteArray("text/plain; charset=utf-8") << false;
    QTest::newRow("respondError") << 503 << QByteArray("no consumer for /store/99")
                                  << QByteArray("application/json") << true;
}

// respond() and respondError() reach the waiting client with status, body and type.
void tst_HttpIngress::respondReachesClient()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, asError);

    QNetworkReply *reply = m_nam->get(QNetworkRequest(url(u"/store/32/inventory"_s)));
    QTRY_COMPARE(m_arrived.size(), 1);
    const quint64 ticket = m_arrived.first().ticket;
    if (asError)
        m_ingress->respondError(ticket, status, QString::fromUtf8(body));
    else
        m_ingress->respond(ticket, status, body, contentType);

    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), contentType);
    const QByteArray received = reply->readAll();
    if (asError) {
        const QJsonObject error = jsonObject(received);
        QCOMPARE(error.value(u"error").toString(), QString::fromUtf8(body));
        QCOMPARE(error.value(u"status").toInt(), status);
    } else {
        QCOMPARE(received, body);
    }
    QCOMPARE(m_ingress->pendingCount(), 0);
    reply->deleteLater();
}

void tst_HttpIngress::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("dot-dot segment")
        << request("GET /stores/../admin HTTP/1.1") << 400 << u"'..'"_s;
    QTest::newRow("encoded dot-dot segment")
        << request("GET /stores/%2e%2E/admin HTTP/1.1") << 400 << u"'..'"_s;
    QTest::newRow("stray percent")
        << request("GET /stores/50%zz HTTP/1.1") << 400 << u"percent-encoding"_s;
    QTest::newRow("truncated percent")
        << request("GET /stores/5%4 HTTP/1.1") << 400 << u"percent-encoding"_s;
    QTest::newRow("percent-encoded bytes not UTF-8")
        << request("GET /stores/%ff HTTP/1.1") << 400 << u"UTF-8"_s;
    QTest::newRow("control character")
        << request("GET /stores/a%01b HTTP/1.1") << 400 << u"control characters"_s;
    QTest::newRow("absolute-form target without path")
        << request("GET http://example.com HTTP/1.1") << 400 << u"absolute path"_s;
    QTest::newRow("relative Reply-To")
        << request("POST /all-stores HTTP/1.1", "Reply-To: store/32\r\n", "{}") << 400
        << u"Reply-To"_s;
    QTest::newRow("Reply-To climbing")
        << request("POST /all-stores HTTP/1.1", "Reply-To: /store/../32\r\n", "{}") << 400
        << u"Reply-To"_s;
    QTest::newRow("Reply-To with control character")
        << request("POST /all-stores HTTP/1.1", "Reply-To: /store/\x01\r\n", "{}") << 400
        << u"Reply-To"_s;
    QTest::newRow("deadline not a number")
        << request("GET /stores HTTP/1.1", "X-Deadline-Ms: soon\r\n") << 400
        << u"X-Deadline-Ms"_s;
    QTest::newRow("deadline zero")
        << request("GET /stores HTTP/1.1", "X-Deadline-Ms: 0\r\n") << 400 << u"X-Deadline-Ms"_s;
    QTest::newRow("deadline negative")
        << request("GET /stores HTTP/1.1", "X-Deadline-Ms: -100\r\n") << 400
        << u"X-Deadline-Ms"_s;
    QTest::newRow("deadline fractional")
        << request("GET /stores HTTP/1.1", "X-Deadline-Ms: 1.5\r\n") << 400
        << u"X-Deadline-Ms"_s;
    QTest::newRow("unsupported method")
        << request("OPTIONS /stores HTTP/1.1") << 405 << u"OPTIONS"_s;
    QTest::newRow("reserved path")
        << request("GET /_portolan/config HTTP/1.1") << 404 << u"reserved"_s;
    QTest::newRow("health only answers GET")
        << request("POST /_portolan/health HTTP/1.1") << 405 << u"GET"_s;
}

// Malformed requests are answered by the ingress with a JSON error and never reach the
// router.
void tst_HttpIngress::rejectsBadRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, errorPart);

    RawClient client(m_ingress->port());
    client.send(bytes);
    QTRY_COMPARE(client.responses().size(), 1);

    const RawResponse response = client.responses().first();
    QCOMPARE(response.status, status);
    QCOMPARE(response.headers.value("content-type"), QByteArrayLiteral("application/json"));
    const QJsonObject error = jsonObject(response.body);
    QCOMPARE(error.value(u"status").toInt(), status);
    QVERIFY2(error.value(u"error").toString().contains(errorPart),
             qPrintable(error.value(u"error").toString()));
    QVERIFY(m_arrived.isEmpty());
    QCOMPARE(m_ingress->pendingCount(), 0);
}

// A body one byte over the limit is refused with 413; one at the limit goes through.
void tst_HttpIngress::bodyOverLimitIsRejected()
{
    m_ingress->setMaxBodyBytes(16);

    QNetworkReply *tooLarge = m_nam->post(jsonRequest(u"/orders"_s), QByteArray(17, 'x'));
    QTRY_VERIFY(tooLarge->isFinished());
    QCOMPARE(tooLarge->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    const QJsonObject error = jsonObject(tooLarge->readAll());
    QCOMPARE(error.value(u"status").toInt(), 413);
    QVERIFY(error.value(u"error").toString().contains(u"16"_s));
    QVERIFY(m_arrived.isEmpty());
    tooLarge->deleteLater();

    QNetworkReply *atLimit = m_nam->post(jsonRequest(u"/orders"_s), QByteArray(16, 'x'));
    QTRY_COMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived.first().envelope.body, QByteArray(16, 'x'));
    m_ingress->respond(m_arrived.first().ticket, 200, QByteArrayLiteral("{}"));
    QTRY_VERIFY(atLimit->isFinished());
    QCOMPARE(atLimit->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    atLimit->deleteLater();
}

// A request that keeps streaming far past the limit is cut off without being buffered
// whole, and the ingress goes on serving other clients.
void tst_HttpIngress::oversizedStreamIsCutOff()
{
    m_ingress->setMaxBodyBytes(16);

    RawClient hog(m_ingress->port());
    hog.send("POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'x');
    for (int i = 0; i < 4; ++i)
        hog.send(chunk);
    QTRY_COMPARE(hog.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_arrived.isEmpty());
    QCOMPARE(m_ingress->pendingCount(), 0);

    RawClient other(m_ingress->port());
    const std::optional<IngressRequest> in = arrive(other, request("POST /orders HTTP/1.1", {}, "small"));
    QVERIFY(in);
    QCOMPARE(in->envelope.body, QByteArrayLiteral("small"));
}

// GET /_portolan/health is answered by the ingress itself.
void tst_HttpIngress::healthIsAnsweredDirectly()
{
    QNetworkReply *reply = m_nam->get(QNetworkRequest(url(u"/_portolan/health"_s)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(jsonObject(reply->readAll()).value(u"status").toString(), u"ok"_s);
    QVERIFY(m_arrived.isEmpty());
    QCOMPARE(m_ingress->pendingCount(), 0);
    reply->deleteLater();
}

// A client that leaves before its answer takes its ticket with it; answering it later
// is harmless.
void tst_HttpIngress::disconnectBeforeRespondDropsTicket()
{
    auto client = std::make_unique<RawClient>(m_ingress->port());
    const std::optional<IngressRequest> in = arrive(*client, request("GET /slow HTTP/1.1"));
    QVERIFY(in);
    QCOMPARE(m_ingress->pendingCount(), 1);

    client->socket.abort();
    client.reset();
    QTRY_COMPARE(m_ingress->pendingCount(), 0);
    m_ingress->respond(in->ticket, 200, QByteArrayLiteral("{}"));
    m_ingress->respondError(in->ticket, 504, u"deadline passed"_s);
    QCOMPARE(m_ingress->pendingCount(), 0);

    QNetworkReply *health = m_nam->get(QNetworkRequest(url(u"/_portolan/health"_s)));
    QTRY_VERIFY(health->isFinished());
    QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    health->deleteLater();
}

// A request line that trickles in over several reads still yields the exact address
// and raw query (a leading "//" included, which Qt's own URL parsing would misread).
void tst_HttpIngress::requestLineSplitAcrossReads()
{
    RawClient client(m_ingress->port());
    // A health round trip on another connection lets the ingress read each part first.
    const auto roundTrip = [this] {
        QNetworkReply *health = m_nam->get(QNetworkRequest(url(u"/_portolan/health"_s)));
        const bool finished = QTest::qWaitFor([health] { return health->isFinished(); }, 5000);
        health->deleteLater();
        return finished;
    };
    client.send("\r\nGET //sto");
    QVERIFY(roundTrip());
    client.send("re/32?item=a%20b&x HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    QVERIFY(roundTrip());
    QVERIFY(m_arrived.isEmpty());
    client.send("\r\n");
    QTRY_COMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived.first().envelope.address, u"/store/32"_s);
    QCOMPARE(m_arrived.first().envelope.header(u"Query"), u"item=a%20b&x"_s);
}

// The router may answer synchronously from its requestArrived slot (e.g. no route).
void tst_HttpIngress::respondInsideSignalHandler()
{
    connect(m_ingress.get(), &HttpIngress::requestArrived, m_ingress.get(),
            [this](const IngressRequest &r) {
                m_ingress->respondError(r.ticket, 503, u"no consumer for %1"_s.arg(r.envelope.address));
            });
    QNetworkReply *reply = m_nam->get(QNetworkRequest(url(u"/nowhere"_s)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
    QCOMPARE(jsonObject(reply->readAll()).value(u"error").toString(), u"no consumer for /nowhere"_s);
    QCOMPARE(m_arrived.size(), 1);
    QCOMPARE(m_ingress->pendingCount(), 0);
    reply->deleteLater();
}

// A HEAD request is refused without a body, so the next response on the connection is
// still read as a response of its own.
void tst_HttpIngress::headGetsNoBody()
{
    RawClient client(m_ingress->port());
    client.send(request("HEAD /stores HTTP/1.1") + request("GET /stores HTTP/1.1"));
    QTRY_COMPARE(m_arrived.size(), 1);
    m_ingress->respond(m_arrived.first().ticket, 200, QByteArrayLiteral("ok"), "text/plain");
    QTRY_VERIFY(client.received.endsWith("\r\n\r\nok"));

    QVERIFY(client.received.startsWith("HTTP/1.1 405"));
    const qsizetype firstEnd = client.received.indexOf("\r\n\r\n") + 4;
    QCOMPARE(client.received.indexOf("HTTP/1.1 200"), firstEnd);
}

// A ticket is answered once: a second respond() and unknown tickets send nothing.
void tst_HttpIngress::respondIsOnceOnly()
{
    RawClient client(m_ingress->port());
    std::optional<IngressRequest> first = arrive(client, request("GET /a HTTP/1.1"));
    QVERIFY(first);
    m_ingress->respond(first->ticket, 200, QByteArrayLiteral("one"), "text/plain");
    m_ingress->respond(first->ticket, 500, QByteArrayLiteral("two"), "text/plain");
    m_ingress->respond(first->ticket + 1000, 500, QByteArrayLiteral("stray"), "text/plain");
    QTRY_COMPARE(client.responses().size(), 1);

    // The next response on the connection is the next request's, nothing in between.
    std::optional<IngressRequest> second = arrive(client, request("GET /b HTTP/1.1"));
    QVERIFY(second);
    QCOMPARE(first->envelope.address, u"/a"_s);
    QCOMPARE(second->envelope.address, u"/b"_s);
    m_ingress->respond(second->ticket, 201, QByteArrayLiteral("three"), "text/plain");
    QTRY_COMPARE(client.responses().size(), 2);
    const QList<RawResponse> responses = client.responses();
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(0).body, QByteArrayLiteral("one"));
    QCOMPARE(responses.at(1).status, 201);
    QCOMPARE(responses.at(1).body, QByteArrayLiteral("three"));
    QCOMPARE(client.received.count("HTTP/1.1 "), 2);
}

// Pipelined requests are answered in request order even when the router answers the
// later one first, and a rejected request waits its turn too.
void tst_HttpIngress::pipelinedResponsesKeepRequestOrder()
{
    RawClient client(m_ingress->port());
    client.send(request("GET /first HTTP/1.1") + request("GET /../bad HTTP/1.1")
                + request("GET /third HTTP/1.1"));
    QTRY_COMPARE(m_arrived.size(), 2);
    QCOMPARE(m_arrived.at(0).envelope.address, u"/first"_s);
    QCOMPARE(m_arrived.at(1).envelope.address, u"/third"_s);

    m_ingress->respond(m_arrived.at(1).ticket, 200, QByteArrayLiteral("third"), "text/plain");
    QCOMPARE(m_ingress->pendingCount(), 1);
    m_ingress->respond(m_arrived.at(0).ticket, 200, QByteArrayLiteral("first"), "text/plain");

    QTRY_COMPARE(client.responses().size(), 3);
    const QList<RawResponse> responses = client.responses();
    QCOMPARE(responses.at(0).body, QByteArrayLiteral("first"));
    QCOMPARE(responses.at(1).status, 400);
    QCOMPARE(responses.at(2).body, QByteArrayLiteral("third"));
    QCOMPARE(m_ingress->pendingCount(), 0);
}

// Bytes that are not HTTP at all spoil only their own connection.
void tst_HttpIngress::garbageDoesNotStopServing()
{
    RawClient garbage(m_ingress->port());
    static const char noise[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n";
    garbage.send(QByteArray(noise, sizeof(noise) - 1));
    QTRY_COMPARE(garbage.socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_arrived.isEmpty());

    QNetworkReply *reply = m_nam->post(jsonRequest(u"/orders"_s), QByteArrayLiteral("{}"));
    QTRY_COMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived.first().envelope.address, u"/orders"_s);
    m_ingress->respond(m_arrived.first().ticket, 200, QByteArrayLiteral("{}"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

// listen() reports why it could not listen instead of failing silently.
void tst_HttpIngress::listenFailsOnBusyPort()
{
    HttpIngress second;
    QString error;
    QVERIFY(!second.listen(QHostAddress::LocalHost, m_ingress->port(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(second.port(), quint16(0));

    QVERIFY(!m_ingress->listen(QHostAddress::LocalHost, 0, &error));
    QVERIFY(error.contains(u"already listening"_s));
}

// A TCP server bound through QAbstractHttpServer::bind() bypasses the request-line
// capture; its requests still arrive (from Qt's parsed URL) and get answered.
void tst_HttpIngress::boundServerStillAnswers()
{
    HttpIngress bound;
    QList<IngressRequest> arrived;
    connect(&bound, &HttpIngress::requestArrived, &bound,
            [&arrived](const IngressRequest &r) { arrived.append(r); });
    auto *tcp = new QTcpServer;
    QVERIFY(tcp->listen(QHostAddress::LocalHost, 0));
    bound.bind(tcp);

    QTest::ignoreMessage(QtWarningMsg, "request line not captured; using the parsed URL");
    QNetworkReply *reply = m_nam->get(QNetworkRequest(
        QUrl(u"http://127.0.0.1:%1/store/32?x=1"_s.arg(tcp->serverPort()))));
    QTRY_COMPARE(arrived.size(), 1);
    QCOMPARE(arrived.first().envelope.address, u"/store/32"_s);
    QCOMPARE(arrived.first().envelope.header(u"Query"), u"x=1"_s);
    QCOMPARE(bound.pendingCount(), 1);
    bound.respond(arrived.first().ticket, 200, QByteArrayLiteral("{}"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(bound.pendingCount(), 0);
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(tst_HttpIngress)
#include "tst_httpingress.moc"
