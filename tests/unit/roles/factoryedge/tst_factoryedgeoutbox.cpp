#include "node/roles/factoryedge/outbox.h"
#include "support/fakerolecontext.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::FactoryEdge::Outbox;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope messageTo(const QString &address, const QByteArray &body = "x")
{
    Envelope e;
    e.address = address;
    e.replyTo = u"/back"_s;
    e.body = body;
    e.setHeader(u"Method"_s, u"POST"_s);
    return e;
}

} // namespace

// The edge factory roles' durable, retrying sender.
class TstFactoryEdgeOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsAMessageUntilAccepted();
    void refusedMessageIsSentAgainAfterRetryMs();
    void settlementOfOthersIsNotOurs();
    void restartSendsPendingAgainInOrder();
};

// A sent message is pending until a consumer accepts it; then it is gone, and its
// purpose comes back with the settlement.
void TstFactoryEdgeOutbox::keepsAMessageUntilAccepted()
{
    FakeRoleContext ctx;
    Outbox outbox;
    outbox.start(ctx, 100);
    const QByteArray id = outbox.send(messageTo(u"/a"_s), u"report"_s);
    QVERIFY(!id.isEmpty());
    QCOMPARE(ctx.sent.size(), 1);
    QCOMPARE(ctx.sent.first().id, id);
    QCOMPARE(ctx.sent.first().requestId, id);
    QCOMPARE(outbox.pending(), 1);
    QVERIFY(outbox.contains(id));
    const auto settlement = outbox.settled(id, true);
    QVERIFY(settlement);
    QVERIFY(settlement->delivered);
    QCOMPARE(settlement->purpose, u"report"_s);
    QCOMPARE(settlement->envelope.address, u"/a"_s);
    QCOMPARE(outbox.pending(), 0);
    QVERIFY(ctx.store().records(u"outbox"_s).isEmpty());
}

// A refusal waits retryMs, then the same message (same id, fresh path) goes again.
void TstFactoryEdgeOutbox::refusedMessageIsSentAgainAfterRetryMs()
{
    FakeRoleContext ctx;
    Outbox outbox;
    outbox.start(ctx, 100);
    const QByteArray id = outbox.send(messageTo(u"/a"_s), u"job"_s);
    const auto settlement = outbox.settled(id, false);
    QVERIFY(settlement);
    QVERIFY(!settlement->delivered);
    QCOMPARE(outbox.waiting(), 1);
    ctx.now += 99;
    outbox.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    ctx.now += 1;
    outbox.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(ctx.sent.at(1).id, id);
    QCOMPARE(ctx.sent.at(1).body, QByteArray("x"));
    QCOMPARE(ctx.sent.at(1).header(u"Method"), u"POST"_s);
    QCOMPARE(outbox.waiting(), 0);
    QCOMPARE(outbox.retries(), 1);
    ctx.now += 1000;
    outbox.tick(ctx.now);   // in flight again: nothing more until it settles
    QCOMPARE(ctx.sent.size(), 2);
}

// Settlements of messages the role sent without the outbox are not the outbox's.
void TstFactoryEdgeOutbox::settlementOfOthersIsNotOurs()
{
    FakeRoleContext ctx;
    Outbox outbox;
    outbox.start(ctx, 100);
    QVERIFY(!outbox.settled("someone-else", true));
    QVERIFY(!outbox.settled("someone-else", false));
    QCOMPARE(outbox.pending(), 0);
}

// A restarted role's outbox sends every message still pending, in the order first
// sent, under the ids they had, with what they carried.
void TstFactoryEdgeOutbox::restartSendsPendingAgainInOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"outbox.db"_s);
    QString error;
    QList<QByteArray> ids;
    {
        FakeRoleContext ctx;
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        Outbox outbox;
        outbox.start(ctx, 100);
        Envelope traced = messageTo(u"/first"_s, QByteArray("\x00\xff binary", 9));
        traced.trace = true;
        traced.requestId = "order-7";
        ids.append(outbox.send(traced, u"handoff"_s));
        ids.append(outbox.send(messageTo(u"/second"_s), u"report"_s));
        ids.append(outbox.send(messageTo(u"/third"_s), u"report"_s));
        outbox.settled(ids.at(1), true);
    }
    FakeRoleContext ctx;
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    Outbox outbox;
    outbox.start(ctx, 100);
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(ctx.sent.at(0).id, ids.at(0));
    QCOMPARE(ctx.sent.at(0).address, u"/first"_s);
    QCOMPARE(ctx.sent.at(0).requestId, QByteArray("order-7"));
    QCOMPARE(ctx.sent.at(0).body, QByteArray("\x00\xff binary", 9));
    QVERIFY(ctx.sent.at(0).trace);
    QCOMPARE(ctx.sent.at(0).replyTo, u"/back"_s);
    QCOMPARE(ctx.sent.at(1).id, ids.at(2));
    QCOMPARE(outbox.pending(), 2);
    QCOMPARE(outbox.settled(ids.at(0), true)->purpose, u"handoff"_s);
}

QTEST_APPLESS_MAIN(TstFactoryEdgeOutbox)
#include "tst_factoryedgeoutbox.moc"
