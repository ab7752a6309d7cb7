#include "node/runtime/entityruntime.h"
#include "node/runtime/link.h"
#include "wire/frameview.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan;
using Node::EntityRuntime;
using Node::Link;

namespace {

// A role that records what the runtime hands it. With forwardSettlements it leaves
// messageSettled() to the Role default, which passes the id on to settled().
class RecordingRole final : public Node::Role
{
public:
    explicit RecordingRole(bool forwardSettlements = false)
        : m_forward(forwardSettlements)
    {
    }

    QString name() const override { return u"recording"_s; }
    void start(Node::RoleContext &context) override { context.subscribe(u"/t"_s); }
    void handle(const Wire::Envelope &message) override { handled.append(message); }
    void settled(const QByteArray &messageId, bool accepted) override { settledIds.append({messageId, accepted}); }
    void messageSettled(const Node::Settlement &settlement) override
    {
        if (m_forward)
            Role::messageSettled(settlement);
        else
            settlements.append(settlement);
    }
    QJsonObject telemetry() const override { return {}; }

    QList<Wire::Envelope> handled;
    QList<Node::Settlement> settlements;
    QList<std::pair<QByteArray, bool>> settledIds;

private:
    bool m_forward;
};

// A router as far as an entity can tell: accepts its link, records the messages and acks
// it receives as their payload bytes, and sends it frames and acks.
class FakeRouter final : public QObject, public Node::LinkHandler
{
public:
    explicit FakeRouter(const QString &id)
    {
        m_hello.nodeId = id;
        m_hello.kind = Wire::NodeKind::Interior;
        m_hello.helloIntervalMs = 100;
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                new Link(socket, this, m_hello, 3, false, this);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    quint16 port() const { return m_server.serverPort(); }
    QString id() const { return m_hello.nodeId; }
    Link *link() const { return m_link; }
    bool isUp() const { return m_link && m_link->isUp(); }

    void sendAck(const QByteArray &id, const QString &consumer, Wire::AckStatus status)
    {
        m_link->sendAck(id, consumer, m_hello.nodeId, status);
    }
    void deliver(const Wire::Envelope &envelope)
    {
        Wire::MessageFrame frame;
        frame.originRouter = m_hello.nodeId;
        frame.acked = true;
        frame.destinations = {{m_hello.nodeId, u"e1"_s}};
        frame.envelope = envelope;
        m_link->send(frame);
    }

    QList<QByteArray> messages;   // payloads
    QList<Wire::Ack> acks;

protected:
    void linkEstablished(Link *link) override { m_link = link; }
    bool linkPayload(Link *, QByteArrayView payload) override
    {
        if (Wire::FrameView::peekType(payload) != Wire::FrameType::Message)
            return false;
        messages.append(payload.toByteArray());
        return true;
    }
    void linkFrame(Link *, Wire::Frame &frame) override
    {
        if (const auto *ack = std::get_if<Wire::Ack>(&frame))
            acks.append(*ack);
    }
    void linkClosed(Link *link, const QString &) override
    {
        if (link == m_link)
            m_link = nullptr;
    }

private:
    QTcpServer m_server;
    Wire::Hello m_hello;
    QPointer<Link> m_link;
};

Node::NodeConfig entityConfig(const QList<const FakeRouter *> &routers)
{
    Node::NodeConfig config;
    config.id = u"e1"_s;
    config.role = u"recording"_s;
    config.dataDir = u":memory:"_s;
    for (const FakeRouter *router : routers)
    {
        Node::PeerEndpoint endpoint;
        endpoint.peer = router->id();
        endpoint.port = router->port();
        config.dial.append(endpoint);
    }
    return config;
}

Wire::Envelope envelopeTo(const QString &address, const QByteArray &id = {})
{
    Wire::Envelope envelope;
    envelope.id = id;
    envelope.address = address;
    return envelope;
}

Wire::Envelope decodedEnvelope(const QByteArray &payload)
{
    Wire::Frame frame;
    QString error;
    if (!Wire::decodePayload(payload, frame, &error))
        qWarning() << "undecodable message:" << error;
    return std::get<Wire::MessageFrame>(frame).envelope;
}

qint64 counter(const EntityRuntime &runtime, const char *name)
{
    return runtime.telemetry().value("counters"_L1).toObject().value(QLatin1StringView(name)).toInteger();
}

} // namespace

class TstEntityRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settlementByKey_data();
    void settlementByKey();
    void consoleSendSettlesAsNotTheRole();
    void resendAfterReconnectSendsSameBytes();
    void deliveriesAckedAfterCommit_data();
    void deliveriesAckedAfterCommit();
};

void TstEntityRuntime::settlementByKey_data()
{
    QTest::addColumn<QByteArray>("id");            // empty: the runtime makes one
    QTest::addColumn<QString>("consumer");         // non-ASCII: the ack goes through the full decoder
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("forward");             // the role leaves messageSettled() to the default
    QTest::newRow("generated id") << QByteArray() << u"sink"_s << true << false;
    QTest::newRow("generated id, refused") << QByteArray() << u"sink"_s << false << false;
    QTest::newRow("generated id, ack decoded in full") << QByteArray() << u"störe"_s << true << false;
    QTest::newRow("short id") << QByteArray("m-1") << u"sink"_s << true << false;
    QTest::newRow("upper-case hex id") << QByteArray("0123456789ABCDEF0123456789ABCDEF") << u"sink"_s << true
                                       << false;
    QTest::newRow("generated id, default forwards") << QByteArray() << u"sink"_s << true << true;
    QTest::newRow("short id, default forwards, refused") << QByteArray("m-1") << u"störe"_s << false << true;
}

// An ack settles the message with that id, once: the role hears its id (as a key, or as
// bytes through the default), whether it was accepted, and its createdMs; later acks of
// the same id, and acks of ids never sent, change nothing.
void TstEntityRuntime::settlementByKey()
{
    QFETCH(QByteArray, id);
    QFETCH(QString, consumer);
    QFETCH(bool, accepted);
    QFETCH(bool, forward);

    FakeRouter router(u"R1"_s);
    auto owned = std::make_unique<RecordingRole>(forward);
    RecordingRole *role = owned.get();
    EntityRuntime runtime(entityConfig({&router}), std::move(owned));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(router.isUp(), 5000);

    Wire::Envelope envelope;
    envelope.id = id;
    envelope.address = u"/t"_s;
    envelope.createdMs = 1234;
    const QByteArray sentId = runtime.send(envelope);
    QVERIFY(!sentId.isEmpty());
    if (!id.isEmpty())
        QCOMPARE(sentId, id);
    QTRY_COMPARE_WITH_TIMEOUT(router.messages.size(), 1, 5000);
    QCOMPARE(decodedEnvelope(router.messages.first()).id, sentId);
    QCOMPARE(counter(runtime, "unsettled"), 1);

    router.sendAck("never-sent", consumer, Wire::AckStatus::Accepted);
    const auto status = accepted ? Wire::AckStatus::Accepted : Wire::AckStatus::NoConsumer;
    router.sendAck(sentId, consumer, status);
    router.sendAck(sentId, consumer, Wire::AckStatus::Accepted);   // a repeat
    QTRY_COMPARE_WITH_TIMEOUT(counter(runtime, "unsettled"), 0, 5000);
    // One more round trip, so that anything after the first ack has arrived too.
    runtime.send(envelopeTo(u"/t"_s, "fence"));
    QTRY_COMPARE_WITH_TIMEOUT(router.messages.size(), 2, 5000);
    router.sendAck("fence", u"sink"_s, Wire::AckStatus::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(counter(runtime, "unsettled"), 0, 5000);

    if (forward) {
        QCOMPARE(role->settledIds.size(), 2);
        QCOMPARE(role->settledIds.at(0), std::make_pair(sentId, accepted));
        QVERIFY(role->settlements.isEmpty());
    } else {
        QCOMPARE(role->settlements.size(), 2);
        const Node::Settlement &s = role->settlements.first();
        QVERIFY(s.key == Wire::MessageKey(sentId));
        QCOMPARE(s.key.id(), sentId);
        QCOMPARE(s.key.isCompact(), id.isEmpty());
        QCOMPARE(s.accepted, accepted);
        QCOMPARE(s.createdMs, 1234);
        QVERIFY(s.sentByRole);
        QVERIFY(role->settledIds.isEmpty());
    }
    QCOMPARE(counter(runtime, accepted ? "settled" : "refused"), accepted ? 2 : 1);
}

// A message the console sends from the node settles like any other, marked as not the
// role's, with the createdMs the runtime gave it.
void TstEntityRuntime::consoleSendSettlesAsNotTheRole()
{
    FakeRouter router(u"R1"_s);
    auto owned = std::make_unique<RecordingRole>();
    RecordingRole *role = owned.get();
    EntityRuntime runtime(entityConfig({&router}), std::move(owned));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(router.isUp(), 5000);

    const qint64 before = runtime.nowMs();
    const QJsonObject answer = runtime.command(u"send"_s, {{u"address"_s, u"/t"_s}, {u"body"_s, u"hi"_s}}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray consoleId = answer.value("messageId"_L1).toString().toLatin1();
    const QByteArray roleId = runtime.send(envelopeTo(u"/t"_s));   // the role's, after it
    QTRY_COMPARE_WITH_TIMEOUT(router.messages.size(), 2, 5000);
    router.sendAck(consoleId, u"sink"_s, Wire::AckStatus::Accepted);
    router.sendAck(roleId, u"sink"_s, Wire::AckStatus::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(role->settlements.size(), 2, 5000);
    QCOMPARE(role->settlements.at(0).key.id(), consoleId);
    QVERIFY(!role->settlements.at(0).sentByRole);
    QVERIFY(role->settlements.at(0).createdMs >= before);
    QCOMPARE(role->settlements.at(1).key.id(), roleId);
    QVERIFY(role->settlements.at(1).sentByRole);
}

// After its router goes, the entity attaches to the next one and sends it every message
// not yet settled, in send order, as exactly the bytes it sent the first time; settled
// ones are not sent again.
void TstEntityRuntime::resendAfterReconnectSendsSameBytes()
{
    FakeRouter first(u"R1"_s);
    FakeRouter second(u"R2"_s);
    auto owned = std::make_unique<RecordingRole>();
    RecordingRole *role = owned.get();
    EntityRuntime runtime(entityConfig({&first, &second}), std::move(owned));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(first.isUp(), 5000);

    QList<QByteArray> ids;
    for (int i = 0; i < 4; ++i) {
        Wire::Envelope envelope;
        envelope.address = u"/t"_s;
        envelope.body = QByteArray(100 + i, char('a' + i));
        envelope.setHeader(u"N"_s, QString::number(i));
        ids.append(runtime.send(envelope));
    }
    QTRY_COMPARE_WITH_TIMEOUT(first.messages.size(), 4, 5000);
    first.sendAck(ids.at(1), u"sink"_s, Wire::AckStatus::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(role->settlements.size(), 1, 5000);

    first.link()->close(u"router gone"_s);
    QTRY_VERIFY_WITH_TIMEOUT(second.isUp(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(second.messages.size(), 3, 5000);
    QCOMPARE(second.messages.at(0), first.messages.at(0));
    QCOMPARE(second.messages.at(1), first.messages.at(2));
    QCOMPARE(second.messages.at(2), first.messages.at(3));
    QCOMPARE(counter(runtime, "resent"), 3);
    QCOMPARE(counter(runtime, "unsettled"), 3);

    for (const qsizetype i : {0, 2, 3})
        second.sendAck(ids.at(i), u"sink"_s, Wire::AckStatus::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(counter(runtime, "unsettled"), 0, 5000);
    QCOMPARE(role->settlements.size(), 4);
}

void TstEntityRuntime::deliveriesAckedAfterCommit_data()
{
    QTest::addColumn<QString>("address");   // non-ASCII: the message goes through the full decoder
    QTest::newRow("common form") << u"/t/1"_s;
    QTest::newRow("decoded in full") << u"/t/ö"_s;
}

// Each delivered message reaches the role once, as the envelope the router sent, and is
// acked to its origin router; a duplicate is acked without reaching the role, and an
// expired one is acked as expired.
void TstEntityRuntime::deliveriesAckedAfterCommit()
{
    QFETCH(QString, address);
    FakeRouter router(u"R1"_s);
    auto owned = std::make_unique<RecordingRole>();
    RecordingRole *role = owned.get();
    EntityRuntime runtime(entityConfig({&router}), std::move(owned));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(router.isUp(), 5000);

    QList<Wire::Envelope> sent;
    for (int i = 0; i < 3; ++i) {
        Wire::Envelope e;
        e.id = u"%1"_s.arg(i + 1, 32, 10, QChar(u'0')).toLatin1();
        e.requestId = "req";
        e.address = address;
        e.replyTo = i == 1 ? u"/r"_s : QString();
        e.key = u"k%1"_s.arg(i);
        e.headers = {{u"N"_s, QString::number(i)}};
        e.body = QByteArray(10 * (i + 1), 'x');
        e.createdMs = 100 + i;
        e.hops = quint16(i);
        e.trace = i == 2;
        e.path = e.trace ? QStringList{u"R1"_s} : QStringList();
        sent.append(e);
    }
    for (const Wire::Envelope &e : std::as_const(sent))
        router.deliver(e);
    router.deliver(sent.at(1));   // a duplicate
    Wire::Envelope late = sent.at(0);
    late.id = "late";
    late.deadlineMs = 1;
    router.deliver(late);
    QTRY_COMPARE_WITH_TIMEOUT(router.acks.size(), 5, 5000);

    QCOMPARE(role->handled.size(), 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY(role->handled.at(i) == sent.at(i));
    const QList<QByteArray> ackedIds{sent.at(0).id, sent.at(1).id, sent.at(2).id, sent.at(1).id, "late"};
    for (qsizetype i = 0; i < router.acks.size(); ++i) {
        const Wire::Ack &ack = router.acks.at(i);
        QCOMPARE(ack.messageId, ackedIds.at(i));
        QCOMPARE(ack.consumer, u"e1"_s);
        QCOMPARE(ack.originRouter, u"R1"_s);
        QCOMPARE(ack.status, i == 4 ? Wire::AckStatus::Expired : Wire::AckStatus::Accepted);
    }
    QCOMPARE(counter(runtime, "received"), 5);
    QCOMPARE(counter(runtime, "handled"), 3);
    QCOMPARE(counter(runtime, "duplicates"), 1);
    QCOMPARE(counter(runtime, "expired"), 1);
}

QTEST_GUILESS_MAIN(TstEntityRuntime)
#include "tst_entityruntime.moc"
