#include "node/control/controlserver.h"
#include "wire/controlprotocol.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtEndian>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan;
using Node::ControlServer;

namespace {

const QByteArray Token = "s3cret-token"_ba;
const QString NodeId = u"r1"_s;
constexpr int WaitMs = 5000;

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A console stand-in: a real QWebSocket that records every message and when it arrived.
class TestClient : public QObject
{
public:
    TestClient(quint16 port, const std::optional<QString> &token)
    {
        m_clock.start();
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
            arrivalMs.append(m_clock.elapsed());
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { disconnected = true; });
        QUrl url;
        url.setScheme(u"ws"_s);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(port);
        url.setPath(u"/"_s);
        if (token) {
            QUrlQuery query;
            query.addQueryItem(u"token"_s, *token);
            url.setQuery(query);
        }
        socket.open(url);
    }

    void send(const QByteArray &message) { socket.sendTextMessage(QString::fromUtf8(message)); }

    QList<QJsonObject> ofType(QLatin1StringView type) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject &message : messages) {
            if (message.value("type"_L1).toString() == type)
                result.append(message);
        }
        return result;
    }

    qsizetype count(QLatin1StringView type) const { return ofType(type).size(); }

    std::optional<QJsonObject> result(qint64 id) const
    {
        for (const QJsonObject &message : messages) {
            if (message.value("type"_L1).toString() == Wire::ControlMessageType::Result
                && message.value("id"_L1).toInteger() == id) {
                return message;
            }
        }
        return std::nullopt;
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    QList<qint64> arrivalMs;
    bool disconnected = false;

private:
    QElapsedTimer m_clock;
};

// A WebSocket client on a bare QTcpSocket, so a test can stop reading and let the node's
// send buffer fill as behind a stalled console.
class RawWebSocketClient
{
public:
    bool connectAndHandshake(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, WaitMs))
            return false;
        socket.write("GET /?token=" + Token + " HTTP/1.1\r\n"
                     "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n"
                     "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        if (!QTest::qWaitFor([this] { m_buffer += socket.readAll(); return m_buffer.contains("\r\n\r\n"); }, WaitMs))
            return false;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n") + 4;
        const bool upgraded = m_buffer.startsWith("HTTP/1.1 101");
        m_buffer.remove(0, end);
        return upgraded;
    }

    // Client frames must be masked (RFC 6455 5.3).
    void sendText(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            char length[2];
            qToBigEndian(quint16(payload.size()), length);
            frame.append(length, 2);
        }
        const char mask[4] = {0x12, 0x34, 0x56, 0x78};
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        socket.write(frame);
    }

    // The next complete text message, reassembled from its frames, if one has arrived.
    std::optional<QJsonObject> nextMessage()
    {
        m_buffer += socket.readAll();
        while (m_buffer.size() >= 2) {
            const auto b0 = quint8(m_buffer.at(0));
            const auto b1 = quint8(m_buffer.at(1));
            qsizetype header = 2;
            quint64 length = b1 & 0x7f;
            if (length == 126) {
                if (m_buffer.size() < 4)
                    return std::nullopt;
                length = qFromBigEndian<quint16>(m_buffer.constData() + 2);
                header = 4;
            } else if (length == 127) {
                if (m_buffer.size() < 10)
                    return std::nullopt;
                length = qFromBigEndian<quint64>(m_buffer.constData() + 2);
                header = 10;
            }
            if (quint64(m_buffer.size()) < quint64(header) + length)
                return std::nullopt;
            const int opcode = b0 & 0x0f;
            if (opcode == 0x1 || opcode == 0x0)
                m_partial += m_buffer.mid(header, qsizetype(length));
            m_buffer.remove(0, header + qsizetype(length));
            if ((opcode == 0x1 || opcode == 0x0) && (b0 & 0x80)) {
                const QJsonObject message = QJsonDocument::fromJson(m_partial).object();
                m_partial.clear();
                return message;
            }
        }
        return std::nullopt;
    }

    QTcpSocket socket;

private:
    QByteArray m_buffer;
    QByteArray m_partial;
};

} // namespace

class tst_ControlServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void refusesMissingOrWrongToken_data();
    void refusesMissingOrWrongToken();
    void welcomeCarriesNodeAndInfo();
    void subscribeSendsFullThenOnlyDeltas();
    void telemetryIsRateLimited_data();
    void telemetryIsRateLimited();
    void snapshotTakenOncePerTickForAllClients();
    void unsubscribeStopsTelemetryAndEvents();
    void commandRoundTrip_data();
    void commandRoundTrip();
    void commandWithoutHandlerFails();
    void eventsAreBatchedPerTurn();
    void eventQueueDropsOldestBeyondBound();
    void eventsBeforeTheFirstSubscriberAreKept();
    void badInputGetsAnErrorAndConnectionSurvives_data();
    void badInputGetsAnErrorAndConnectionSurvives();
    void oversizedMessageClosesOnlyThatConnection();
    void disconnectingClientIsCleanedUp_data();
    void disconnectingClientIsCleanedUp();
    void closeDisconnectsEveryClient();
    void destroyedWithClientsConnected();
    void stalledClientDropsEventsAndBoundsMemory();

private:
    std::unique_ptr<ControlServer> makeServer();
    std::unique_ptr<TestClient> connectClient(ControlServer &server);
    std::optional<QJsonObject> runCommand(TestClient &client, const QString &command, const QJsonObject &args = {});
    bool barrier(TestClient &client);

    QJsonObject m_snapshot;
    int m_snapshotCalls = 0;
    qint64 m_nextId = 1;
};

void tst_ControlServer::initTestCase()
{
    // Connection chatter at info level would drown the test log.
    QLoggingCategory::setFilterRules(u"portolan.node.control.info=false"_s);
}

void tst_ControlServer::init()
{
    m_snapshot = QJsonObject();
    m_snapshotCalls = 0;
}

std::unique_ptr<ControlServer> tst_ControlServer::makeServer()
{
    auto server = std::make_unique<ControlServer>(NodeId, Token);
    server->setCommandHandler([](const QString &command, const QJsonObject &args, QString *error) {
        if (command == "echo"_L1)
            return args;
        if (command == "refuse"_L1)
            *error = u"refused on purpose"_s;
        else
            *error = Wire::unknownCommandError(command);
        return QJsonObject();
    });
    server->setSnapshotProvider([this] {
        ++m_snapshotCalls;
        return m_snapshot;
    });
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error))
        qFatal("cannot listen: %s", qPrintable(error));
    return server;
}

std::unique_ptr<TestClient> tst_ControlServer::connectClient(ControlServer &server)
{
    auto client = std::make_unique<TestClient>(server.port(), QString::fromLatin1(Token));
    if (!QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Welcome) == 1; }, WaitMs))
        return nullptr;
    return client;
}

std::optional<QJsonObject> tst_ControlServer::runCommand(TestClient &client, const QString &command,
                                                         const QJsonObject &args)
{
    const qint64 id = m_nextId++;
    client.send(Wire::commandMessage(id, command, args));
    if (!QTest::qWaitFor([&] { return client.result(id).has_value(); }, WaitMs))
        return std::nullopt;
    return client.result(id);
}

// Everything the server sent this client before answering the barrier has arrived once
// the answer has: one connection delivers in order.
bool tst_ControlServer::barrier(TestClient &client)
{
    return runCommand(client, u"echo"_s).has_value();
}

// A connection without the right token is closed with 4001 "unauthorized" before it
// sees anything, and never counts as a client.
void tst_ControlServer::refusesMissingOrWrongToken_data()
{
    QTest::addColumn<std::optional<QString>>("token");
    QTest::newRow("wrong") << std::optional<QString>(u"nope"_s);
    QTest::newRow("missing") << std::optional<QString>();
    QTest::newRow("empty") << std::optional<QString>(QString());
    QTest::newRow("prefix of the right one") << std::optional<QString>(u"s3cret-toke"_s);
    QTest::newRow("right one and more") << std::optional<QString>(u"s3cret-tokenX"_s);
}

void tst_ControlServer::refusesMissingOrWrongToken()
{
    QFETCH(std::optional<QString>, token);
    const auto server = makeServer();
    QSignalSpy connected(server.get(), &ControlServer::clientConnected);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused control connection"_s));

    TestClient client(server->port(), token);
    QVERIFY(QTest::qWaitFor([&] { return client.disconnected; }, WaitMs));
    QCOMPARE(int(client.socket.closeCode()), Wire::UnauthorizedCloseCode);
    QCOMPARE(client.socket.closeReason(), u"unauthorized"_s);
    QVERIFY(client.messages.isEmpty());
    QCOMPARE(connected.count(), 0);
    QCOMPARE(server->clientCount(), 0);
}

// The first message is the welcome: protocol version, node id and the node's info, and
// nothing else arrives until the client asks.
void tst_ControlServer::welcomeCarriesNodeAndInfo()
{
    const auto server = makeServer();
    server->setWelcome(json(R"({"role":"router","kind":"interior","version":"0.1.0","node":"impostor"})"_ba));
    QSignalSpy connected(server.get(), &ControlServer::clientConnected);

    const auto client = connectClient(*server);
    QVERIFY(client);
    QCOMPARE(compact(client->messages.first()),
             compact(json(R"({"type":"welcome","protocol":1,"node":"r1","role":"router","kind":"interior","version":"0.1.0"})"_ba)));
    QCOMPARE(connected.count(), 1);
    QCOMPARE(server->clientCount(), 1);
    QVERIFY(barrier(*client));
    QCOMPARE(client->messages.size(), 2); // welcome, then the barrier's result
}

// A subscriber first gets the whole snapshot, then nothing while it stays the same, then
// a delta holding only what changed — which rebuilds the node's snapshot.
void tst_ControlServer::subscribeSendsFullThenOnlyDeltas()
{
    const auto server = makeServer();
    m_snapshot = json(R"({"state":"up","counters":{"received":1,"forwarded":2},"queues":{"/a":1,"/b":2}})"_ba);
    const auto client = connectClient(*server);
    QVERIFY(client);

    client->send(Wire::subscribeMessage(true, false, 10));
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Telemetry) == 1; }, WaitMs));
    const QJsonObject full = client->ofType(Wire::ControlMessageType::Telemetry).first();
    QCOMPARE(full.value("node"_L1).toString(), NodeId);
    QCOMPARE(full.value("seq"_L1).toInteger(), 1);
    QCOMPARE(full.value("full"_L1).toBool(), true);
    QCOMPARE(full.value("data"_L1).toObject(), m_snapshot);

    // Several ticks over an unchanged snapshot send nothing.
    const int callsAfterFull = m_snapshotCalls;
    QVERIFY(QTest::qWaitFor([&] { return m_snapshotCalls >= callsAfterFull + 3; }, WaitMs));
    QVERIFY(barrier(*client));
    QCOMPARE(client->count(Wire::ControlMessageType::Telemetry), 1);

    m_snapshot = json(R"({"state":"up","counters":{"received":1,"forwarded":3},"queues":{"/a":1}})"_ba);
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Telemetry) == 2; }, WaitMs));
    const QJsonObject delta = client->ofType(Wire::ControlMessageType::Telemetry).at(1);
    QCOMPARE(delta.value("seq"_L1).toInteger(), 2);
    QCOMPARE(delta.value("full"_L1).toBool(), false);
    QCOMPARE(compact(delta.value("changed"_L1).toObject()), compact(json(R"({"counters":{"forwarded":3}})"_ba)));
    QCOMPARE(delta.value("removed"_L1).toArray(), QJsonArray{u"queues/~1b"_s});

    Wire::TelemetryDelta parsed;
    parsed.changed = delta.value("changed"_L1).toObject();
    parsed.removed = delta.value("removed"_L1).toVariant().toStringList();
    QCOMPARE(Wire::applyTelemetryDelta(full.value("data"_L1).toObject(), parsed), m_snapshot);
}

// A snapshot that changes on every call still reaches a client at most rateHz times a
// second (plus the initial full one), in numbered deltas.
void tst_ControlServer::telemetryIsRateLimited_data()
{
    QTest::addColumn<int>("rateHz");
    QTest::newRow("5 Hz") << 5;
    QTest::newRow("10 Hz") << 10;
}

void tst_ControlServer::telemetryIsRateLimited()
{
    QFETCH(int, rateHz);
    const auto server = makeServer();
    QElapsedTimer clock;
    clock.start();
    server->setSnapshotProvider([&clock] { return QJsonObject{{"now"_L1, clock.nsecsElapsed()}}; });
    const auto client = connectClient(*server);
    QVERIFY(client);

    client->send(Wire::subscribeMessage(true, false, rateHz));
    const qsizetype wanted = 2 * rateHz + 1; // about two seconds' worth
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Telemetry) >= wanted; }, 10000));

    QList<qint64> arrivals;
    qint64 expectedSeq = 1;
    for (qsizetype i = 0; i < client->messages.size(); ++i) {
        const QJsonObject &message = client->messages.at(i);
        if (message.value("type"_L1).toString() != Wire::ControlMessageType::Telemetry)
            continue;
        QCOMPARE(message.value("seq"_L1).toInteger(), expectedSeq);
        QCOMPARE(message.value("full"_L1).toBool(), expectedSeq == 1);
        ++expectedSeq;
        arrivals.append(client->arrivalMs.at(i));
    }
    for (qsizetype i = 0; i < arrivals.size(); ++i) {
        qsizetype inWindow = 0;
        for (qsizetype j = i; j < arrivals.size() && arrivals.at(j) - arrivals.at(i) < 1000; ++j)
            ++inWindow;
        QVERIFY2(inWindow <= rateHz + 1,
                 qPrintable(u"%1 messages within one second from message %2"_s.arg(inWindow).arg(i)));
    }
}

// Clients sharing a rate share one timer: the snapshot is taken once per tick, not once
// per client.
void tst_ControlServer::snapshotTakenOncePerTickForAllClients()
{
    const auto server = makeServer();
    int calls = 0;
    server->setSnapshotProvider([&calls] { return QJsonObject{{"call"_L1, ++calls}}; });
    const auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);

    a->send(Wire::subscribeMessage(true, false, 10));
    b->send(Wire::subscribeMessage(true, false, 10));
    QVERIFY(QTest::qWaitFor([&] {
        return a->count(Wire::ControlMessageType::Telemetry) >= 11 && b->count(Wire::ControlMessageType::Telemetry) >= 11;
    }, WaitMs));
    const int callsSoFar = calls;
    QVERIFY(barrier(*a));
    // Each tick sends one delta to a; a snapshot per client would double the calls.
    QVERIFY2(callsSoFar <= a->count(Wire::ControlMessageType::Telemetry) + 2,
             qPrintable(u"%1 snapshots for %2 messages"_s.arg(callsSoFar).arg(a->count(Wire::ControlMessageType::Telemetry))));
}

// After unsubscribe a client gets neither telemetry nor events, while others still do.
void tst_ControlServer::unsubscribeStopsTelemetryAndEvents()
{
    const auto server = makeServer();
    int calls = 0;
    server->setSnapshotProvider([&calls] { return QJsonObject{{"call"_L1, ++calls}}; });
    const auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);
    a->send(Wire::subscribeMessage(true, true, 10));
    b->send(Wire::subscribeMessage(true, true, 10));
    QVERIFY(QTest::qWaitFor([&] { return a->count(Wire::ControlMessageType::Telemetry) >= 2; }, WaitMs));

    a->send(Wire::unsubscribeMessage());
    QVERIFY(barrier(*a));
    const qsizetype telemetryBefore = a->count(Wire::ControlMessageType::Telemetry);
    const qsizetype bTelemetry = b->count(Wire::ControlMessageType::Telemetry);
    server->publishEvent(u"link-up"_s, {{"peer"_L1, u"r2"_s}});
    QVERIFY(QTest::qWaitFor([&] {
        return b->count(Wire::ControlMessageType::Events) == 1 && b->count(Wire::ControlMessageType::Telemetry) >= bTelemetry + 3;
    }, WaitMs));
    QVERIFY(barrier(*a));
    QCOMPARE(a->count(Wire::ControlMessageType::Telemetry), telemetryBefore);
    QCOMPARE(a->count(Wire::ControlMessageType::Events), 0);
}

// A command's reply carries its id and either the handler's result or its error.
void tst_ControlServer::commandRoundTrip_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QString>("error");

    QTest::newRow("ok") << u"echo"_s << R"({"peer":"r2","cost":4})"_ba << true << R"({"peer":"r2","cost":4})"_ba << QString();
    QTest::newRow("handler error") << u"refuse"_s << "{}"_ba << false << QByteArray() << u"refused on purpose"_s;
    QTest::newRow("unknown command") << u"teleport"_s << "{}"_ba << false << QByteArray() << u"unknown command \"teleport\""_s;
}

void tst_ControlServer::commandRoundTrip()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, args);
    QFETCH(bool, ok);
    QFETCH(QByteArray, result);
    QFETCH(QString, error);

    const auto server = makeServer();
    const auto client = connectClient(*server);
    QVERIFY(client);
    const std::optional<QJsonObject> reply = runCommand(*client, command, json(args));
    QVERIFY(reply);
    QCOMPARE(reply->value("ok"_L1).toBool(), ok);
    if (ok) {
        QCOMPARE(compact(reply->value("result"_L1).toObject()), compact(json(result)));
        QVERIFY(!reply->contains("error"_L1));
    } else {
        QCOMPARE(reply->value("error"_L1).toString(), error);
        QVERIFY(!reply->contains("result"_L1));
    }
}

// A node without a command handler answers every command ok:false, saying so.
void tst_ControlServer::commandWithoutHandlerFails()
{
    ControlServer server(NodeId, Token);
    QString error;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    const auto client = connectClient(server);
    QVERIFY(client);
    const std::optional<QJsonObject> reply = runCommand(*client, u"status"_s);
    QVERIFY(reply);
    QCOMPARE(reply->value("ok"_L1).toBool(), false);
    QCOMPARE(reply->value("error"_L1).toString(), u"node r1 takes no commands"_s);
}

// Events published within one event-loop turn reach each event subscriber as one batch,
// in order, stamped with kind, node and time; telemetry-only clients get none.
void tst_ControlServer::eventsAreBatchedPerTurn()
{
    const auto server = makeServer();
    const auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);
    a->send(Wire::subscribeMessage(false, true));
    b->send(Wire::subscribeMessage(true, false));
    QVERIFY(barrier(*a) && barrier(*b));

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    server->publishEvent(u"link-up"_s, {{"peer"_L1, u"r2"_s}});
    server->publishEvent(u"route-change"_s, {{"router"_L1, u"r3"_s}, {"nextHop"_L1, u"r2"_s}});
    server->publishEvent(u"link-down"_s, {{"peer"_L1, u"r2"_s}, {"reason"_L1, u"missed hellos"_s},
                                          {"kind"_L1, u"spoofed"_s}, {"node"_L1, u"spoofed"_s}});
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    QVERIFY(QTest::qWaitFor([&] { return a->count(Wire::ControlMessageType::Events) >= 1; }, WaitMs));
    QVERIFY(barrier(*a));
    QCOMPARE(a->count(Wire::ControlMessageType::Events), 1);
    const QJsonObject batch = a->ofType(Wire::ControlMessageType::Events).first();
    QCOMPARE(batch.value("node"_L1).toString(), NodeId);
    QVERIFY(!batch.contains("eventsDropped"_L1));
    const QJsonArray events = batch.value("events"_L1).toArray();
    QCOMPARE(events.size(), 3);
    const QStringList kinds{u"link-up"_s, u"route-change"_s, u"link-down"_s};
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        QCOMPARE(event.value("kind"_L1).toString(), kinds.at(i));
        QCOMPARE(event.value("node"_L1).toString(), NodeId);
        const qint64 ts = event.value("ts"_L1).toInteger();
        QVERIFY(ts >= before && ts <= after);
    }
    QCOMPARE(events.at(2).toObject().value("reason"_L1).toString(), u"missed hellos"_s);

    server->publishEvent(u"delivery"_s, {{"address"_L1, u"/store/32"_s}});
    QVERIFY(QTest::qWaitFor([&] { return a->count(Wire::ControlMessageType::Events) == 2; }, WaitMs));
    QCOMPARE(a->ofType(Wire::ControlMessageType::Events).at(1).value("events"_L1).toArray().size(), 1);

    QVERIFY(barrier(*b));
    QCOMPARE(b->count(Wire::ControlMessageType::Events), 0);
}

// More events in one turn than the queue holds: the oldest are dropped and the batch
// says how many.
void tst_ControlServer::eventQueueDropsOldestBeyondBound()
{
    const auto server = makeServer();
    const auto client = connectClient(*server);
    QVERIFY(client);
    client->send(Wire::subscribeMessage(false, true));
    QVERIFY(barrier(*client));

    const qsizetype extra = 5;
    for (qsizetype i = 0; i < ControlServer::MaxQueuedEvents + extra; ++i)
        server->publishEvent(u"delivery"_s, {{"n"_L1, qint64(i)}});
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Events) == 1; }, WaitMs));
    const QJsonObject batch = client->ofType(Wire::ControlMessageType::Events).first();
    QCOMPARE(batch.value("eventsDropped"_L1).toInteger(), extra);
    const QJsonArray events = batch.value("events"_L1).toArray();
    QCOMPARE(events.size(), ControlServer::MaxQueuedEvents);
    QCOMPARE(events.first().toObject().value("n"_L1).toInteger(), extra);
    QCOMPARE(events.last().toObject().value("n"_L1).toInteger(), ControlServer::MaxQueuedEvents + extra - 1);

    server->publishEvent(u"delivery"_s, {});
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Events) == 2; }, WaitMs));
    QVERIFY(!client->ofType(Wire::ControlMessageType::Events).at(1).contains("eventsDropped"_L1));
}

// What a node publishes before anyone ever subscribed to events (its start-up, or its
// first moments after a restart) reaches the first subscriber, within a bound that the
// batch reports; once someone has listened, events nobody listens to are not kept.
void tst_ControlServer::eventsBeforeTheFirstSubscriberAreKept()
{
    const auto server = makeServer();
    QVERIFY(server->wantsEvents());
    const qsizetype extra = 3;
    for (qsizetype i = 0; i < ControlServer::EarlyEventLimit + extra; ++i)
        server->publishEvent(u"job-completed"_s, {{"n"_L1, qint64(i)}});
    QVERIFY(!server->wantsEvents());   // the early buffer is full
    const auto client = connectClient(*server);
    QVERIFY(client);
    QVERIFY(barrier(*client));
    QCOMPARE(client->count(Wire::ControlMessageType::Events), 0);   // only subscribers get events
    client->send(Wire::subscribeMessage(false, true));
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Events) == 1; }, WaitMs));
    const QJsonObject batch = client->ofType(Wire::ControlMessageType::Events).first();
    QCOMPARE(batch.value("eventsDropped"_L1).toInteger(), extra);
    const QJsonArray events = batch.value("events"_L1).toArray();
    QCOMPARE(events.size(), ControlServer::EarlyEventLimit);
    QCOMPARE(events.first().toObject().value("n"_L1).toInteger(), 0);
    QCOMPARE(events.first().toObject().value("kind"_L1).toString(), u"job-completed"_s);
    QVERIFY(server->wantsEvents());

    // The subscriber stops listening: from now on nothing is held for a later one.
    client->send(Wire::subscribeMessage(false, false));
    QVERIFY(barrier(*client));
    QVERIFY(!server->wantsEvents());
    server->publishEvent(u"job-completed"_s, {{"n"_L1, -1}});
    client->send(Wire::subscribeMessage(false, true));
    QVERIFY(barrier(*client));
    server->publishEvent(u"job-completed"_s, {{"n"_L1, -2}});
    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Events) == 2; }, WaitMs));
    const QJsonArray later = client->ofType(Wire::ControlMessageType::Events).at(1).value("events"_L1).toArray();
    QCOMPARE(later.size(), 1);
    QCOMPARE(later.first().toObject().value("n"_L1).toInteger(), -2);

    // A subscriber that goes away without unsubscribing stops the events too.
    QVERIFY(server->wantsEvents());
    client->socket.close();
    QVERIFY(QTest::qWaitFor([&] { return server->clientCount() == 0; }, WaitMs));
    QVERIFY(!server->wantsEvents());
}

// Garbage gets an error message naming the problem, and the connection keeps working.
void tst_ControlServer::badInputGetsAnErrorAndConnectionSurvives_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qint64>("id"); // -1: the error carries no id

    QTest::newRow("not JSON") << "{oops"_ba << false << u"invalid JSON at offset"_s << qint64(-1);
    QTest::newRow("not an object") << "[1,2,3]"_ba << false << u"a message must be a JSON object"_s << qint64(-1);
    QTest::newRow("unknown type") << R"({"type":"reboot"})"_ba << false << u"unknown message type \"reboot\""_s << qint64(-1);
    QTest::newRow("rate out of range") << R"({"type":"subscribe","rateHz":50})"_ba << false
                                       << u"\"rateHz\" is 50, must be from 1 to 10"_s << qint64(-1);
    QTest::newRow("command with bad args") << R"({"type":"command","id":77,"command":"fail","args":"now"})"_ba << false
                                           << u"\"args\" must be an object"_s << qint64(77);
    QTest::newRow("binary frame") << "\x01\x02\x03"_ba << true
                                  << u"binary messages are not supported: send JSON text messages"_s << qint64(-1);
}

void tst_ControlServer::badInputGetsAnErrorAndConnectionSurvives()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, binary);
    QFETCH(QString, error);
    QFETCH(qint64, id);

    const auto server = makeServer();
    const auto client = connectClient(*server);
    QVERIFY(client);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^(bad|binary) control message"_s));
    if (binary)
        client->socket.sendBinaryMessage(text);
    else
        client->send(text);

    QVERIFY(QTest::qWaitFor([&] { return client->count(Wire::ControlMessageType::Error) == 1; }, WaitMs));
    const QJsonObject reply = client->ofType(Wire::ControlMessageType::Error).first();
    QVERIFY2(reply.value("error"_L1).toString().startsWith(error), qPrintable(reply.value("error"_L1).toString()));
    QCOMPARE(reply.contains("id"_L1), id >= 0);
    if (id >= 0)
        QCOMPARE(reply.value("id"_L1).toInteger(), id);

    const std::optional<QJsonObject> echo = runCommand(*client, u"echo"_s, {{"still"_L1, u"here"_s}});
    QVERIFY(echo);
    QCOMPARE(echo->value("result"_L1).toObject().value("still"_L1).toString(), u"here"_s);
    QVERIFY(!client->disconnected);
    QCOMPARE(server->clientCount(), 1);
}

// A message beyond the size limit closes that connection (1009) and no other.
void tst_ControlServer::oversizedMessageClosesOnlyThatConnection()
{
    const auto server = makeServer();
    const auto big = connectClient(*server);
    const auto other = connectClient(*server);
    QVERIFY(big && other);

    const QString huge(qsizetype(ControlServer::MaxIncomingMessageBytes) + 1024, u'x');
    big->socket.sendTextMessage(huge);
    QVERIFY(QTest::qWaitFor([&] { return big->disconnected; }, WaitMs));
    QCOMPARE(big->socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QVERIFY(QTest::qWaitFor([&] { return server->clientCount() == 1; }, WaitMs));
    QVERIFY(barrier(*other));
}

// A client that goes away mid-subscription is forgotten at once; the others carry on.
void tst_ControlServer::disconnectingClientIsCleanedUp_data()
{
    QTest::addColumn<bool>("abort");
    QTest::newRow("abort") << true;
    QTest::newRow("close") << false;
}

void tst_ControlServer::disconnectingClientIsCleanedUp()
{
    QFETCH(bool, abort);
    const auto server = makeServer();
    int calls = 0;
    server->setSnapshotProvider([&calls] { return QJsonObject{{"call"_L1, ++calls}}; });
    QSignalSpy disconnected(server.get(), &ControlServer::clientDisconnected);
    auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);
    a->send(Wire::subscribeMessage(true, true, 10));
    b->send(Wire::subscribeMessage(true, true, 10));
    QVERIFY(QTest::qWaitFor([&] { return a->count(Wire::ControlMessageType::Telemetry) >= 2; }, WaitMs));

    // Events are queued for the next turn, when the server may still think a is there.
    server->publishEvent(u"link-up"_s, {{"peer"_L1, u"r2"_s}});
    if (abort)
        a->socket.abort();
    else
        a->socket.close();
    a.reset();
    QVERIFY(QTest::qWaitFor([&] { return server->clientCount() == 1; }, WaitMs));
    QCOMPARE(disconnected.count(), 1);

    const qsizetype bTelemetry = b->count(Wire::ControlMessageType::Telemetry);
    QVERIFY(QTest::qWaitFor([&] { return b->count(Wire::ControlMessageType::Telemetry) >= bTelemetry + 3; }, WaitMs));
    QCOMPARE(b->count(Wire::ControlMessageType::Events), 1);

    b->socket.close();
    QVERIFY(QTest::qWaitFor([&] { return server->clientCount() == 0; }, WaitMs));
    QCOMPARE(disconnected.count(), 2);
    // With nobody subscribed the telemetry timers are gone, and so are the sockets.
    const int callsWithoutClients = calls;
    server->publishEvent(u"link-down"_s, {});
    QVERIFY(QTest::qWaitFor([&] {
        return server->findChildren<QTimer *>(Qt::FindDirectChildrenOnly).isEmpty()
            && server->findChildren<QWebSocket *>(Qt::FindDirectChildrenOnly).isEmpty();
    }, WaitMs));
    QCOMPARE(calls, callsWithoutClients);
}

// close() says goodbye (1001) to every client and forgets them.
void tst_ControlServer::closeDisconnectsEveryClient()
{
    const auto server = makeServer();
    QSignalSpy disconnected(server.get(), &ControlServer::clientDisconnected);
    const auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);
    a->send(Wire::subscribeMessage(true, true, 10));
    QVERIFY(barrier(*a));

    server->close();
    QCOMPARE(server->clientCount(), 0);
    QCOMPARE(disconnected.count(), 2);
    QVERIFY(QTest::qWaitFor([&] { return a->disconnected && b->disconnected; }, WaitMs));
    QCOMPARE(a->socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(b->socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
}

// Destroying the server with subscribed clients and a flush pending crashes nothing, and
// the clients see the connection end.
void tst_ControlServer::destroyedWithClientsConnected()
{
    auto server = makeServer();
    const auto a = connectClient(*server);
    const auto b = connectClient(*server);
    QVERIFY(a && b);
    a->send(Wire::subscribeMessage(true, true, 10));
    b->send(Wire::subscribeMessage(true, true, 1));
    QVERIFY(barrier(*a) && barrier(*b));

    server->publishEvent(u"link-up"_s, {});
    server.reset();
    QVERIFY(QTest::qWaitFor([&] { return a->disconnected && b->disconnected; }, WaitMs));
    QCOMPARE(a->count(Wire::ControlMessageType::Events), 0);
}

// A console that stops reading costs the node a bounded send buffer: beyond the backlog
// limit its event batches are dropped, and once it reads again it learns how many.
void tst_ControlServer::stalledClientDropsEventsAndBoundsMemory()
{
    const auto server = makeServer();
    RawWebSocketClient raw;
    QVERIFY(raw.connectAndHandshake(server->port()));
    std::optional<QJsonObject> welcome;
    QVERIFY(QTest::qWaitFor([&] { return (welcome = raw.nextMessage()).has_value(); }, WaitMs));
    QCOMPARE(welcome->value("type"_L1).toString(), Wire::ControlMessageType::Welcome);
    raw.sendText(Wire::subscribeMessage(false, true));
    raw.sendText(Wire::commandMessage(1, u"echo"_s));
    QVERIFY(QTest::qWaitFor([&] {
        const auto message = raw.nextMessage();
        return message && message->value("type"_L1).toString() == Wire::ControlMessageType::Result;
    }, WaitMs));

    const QList<QWebSocket *> serverSockets = server->findChildren<QWebSocket *>();
    QCOMPARE(serverSockets.size(), 1);
    QWebSocket *serverSide = serverSockets.first();

    // Stop reading: our socket buffer fills, then the kernel's, then the node's.
    raw.socket.setReadBufferSize(64 * 1024);
    const QString padding(2000, u'p');
    constexpr int EventsPerBatch = 500;
    qint64 published = 0;
    qint64 largestBacklog = 0;
    int batchesAfterLimit = -1;
    for (int batch = 0; batch < 150 && batchesAfterLimit < 5; ++batch) {
        for (int i = 0; i < EventsPerBatch; ++i)
            server->publishEvent(u"delivery"_s, {{"n"_L1, published++}, {"pad"_L1, padding}});
        QCoreApplication::processEvents(); // the flush, and the node's socket writes
        const qint64 backlog = serverSide->bytesToWrite();
        largestBacklog = std::max(largestBacklog, backlog);
        if (batchesAfterLimit >= 0)
            ++batchesAfterLimit;
        else if (backlog > ControlServer::EventBacklogBytes)
            batchesAfterLimit = 0;
    }
    QVERIFY2(batchesAfterLimit >= 0, "the send buffer never reached the backlog limit");
    // One batch (about 1 MiB here) may land on top of the limit, never more.
    QVERIFY2(largestBacklog < ControlServer::EventBacklogBytes + 2 * 1024 * 1024,
             qPrintable(u"backlog grew to %1 bytes"_s.arg(largestBacklog)));

    // Read again until the node has nothing left to send, then publish a marker.
    raw.socket.setReadBufferSize(0);
    qint64 received = 0;
    qint64 reportedDropped = 0;
    bool markerSeen = false;
    auto drain = [&] {
        while (const auto message = raw.nextMessage()) {
            if (message->value("type"_L1).toString() != Wire::ControlMessageType::Events)
                continue;
            reportedDropped += message->value("eventsDropped"_L1).toInteger();
            const QJsonArray events = message->value("events"_L1).toArray();
            for (const QJsonValue &event : events) {
                if (event.toObject().value("kind"_L1).toString() == "marker"_L1)
                    markerSeen = true;
                else
                    ++received;
            }
        }
    };
    QVERIFY(QTest::qWaitFor([&] { drain(); return serverSide->bytesToWrite() == 0 && raw.socket.bytesAvailable() == 0; }, 30000));
    server->publishEvent(u"marker"_s, {});
    QVERIFY(QTest::qWaitFor([&] { drain(); return markerSeen; }, WaitMs));

    QVERIFY(reportedDropped > 0);
    QCOMPARE(received + reportedDropped, published);
}

QTEST_GUILESS_MAIN(tst_ControlServer)
#include "tst_controlserver.moc"
