#include "barkertestmessages.h"
#include "node/roles/barker/manifold.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::BarkerMessages;
using Portolan::Node::Barker::ManifoldRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject inboxParams()
{
    return QJsonObject{{u"service"_s, u"inbox"_s},
                       {u"address"_s, u"/barker/barks"_s},
                       {u"forwardTo"_s, QJsonObject{{u"service"_s, u"bizlogic"_s}, {u"policy"_s, u"failover"_s}}},
                       {u"window"_s, 8},
                       {u"heartbeatMs"_s, 250}};
}

QJsonObject outboxParams()
{
    return QJsonObject{{u"service"_s, u"outbox"_s}, {u"forwardTo"_s, QJsonObject{{u"address"_s, u"/barker/feed"_s}}}};
}

void advance(ManifoldRole &role, FakeRoleContext &ctx, qint64 ms)
{
    const qint64 until = ctx.now + ms;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + 50, until);
        role.tick(ctx.now);
    }
}

} // namespace

class TstManifoldRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalidParams_data();
    void invalidParams();
    void inboxTakesPostsAndAnswersAtOnce();
    void queueDepthIsTheAddressOutstandingWork();
    void inboxForwardsToThePrimaryAndWaitsForReceipts();
    void heartbeatsTheDirectory();
    void outboxReceiptsBizlogicOnceTheFeedHasIt();
};

void TstManifoldRole::invalidParams_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("no service") << QJsonObject{{u"forwardTo"_s, QJsonObject{{u"address"_s, u"/x"_s}}}};
    QTest::newRow("no forwardTo") << QJsonObject{{u"service"_s, u"inbox"_s}};
    QTest::newRow("both address and service")
        << QJsonObject{{u"service"_s, u"inbox"_s},
                       {u"forwardTo"_s, QJsonObject{{u"address"_s, u"/x"_s}, {u"service"_s, u"y"_s}}}};
    QTest::newRow("unknown policy")
        << QJsonObject{{u"service"_s, u"inbox"_s},
                       {u"forwardTo"_s, QJsonObject{{u"service"_s, u"y"_s}, {u"policy"_s, u"random"_s}}}};
    QTest::newRow("zero window") << QJsonObject{{u"service"_s, u"inbox"_s}, {u"window"_s, 0},
                                                {u"forwardTo"_s, QJsonObject{{u"address"_s, u"/x"_s}}}};
}

// A manifold with bad params subscribes to nothing and says why.
void TstManifoldRole::invalidParams()
{
    QFETCH(QJsonObject, params);
    FakeRoleContext ctx(u"inbox"_s, params);
    ManifoldRole role;
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(!role.telemetry().value(u"error"_s).toString().isEmpty());
}

// A bark posted to the inbox is kept under the posting request's id and answered at
// once, before any business logic has seen it.
void TstManifoldRole::inboxTakesPostsAndAnswersAtOnce()
{
    FakeRoleContext ctx(u"inbox"_s, inboxParams());
    ManifoldRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.last().address, u"/barker/barks"_s);
    role.handle(post(u"/barker/barks"_s, QJsonObject{{u"user"_s, u"ark3"_s}, {u"text"_s, u"woof"_s}}, "req-1",
                     u"/_ingress/www"_s));
    const QList<Envelope> answers = sentTo(ctx, u"/_ingress/www"_s);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(bodyOf(answers.first()).value(u"accepted"_s).toBool(), true);
    QCOMPARE(bodyOf(answers.first()).value(u"bark"_s).toString(), u"req-1"_s);
    QCOMPARE(role.telemetry().value(u"received"_s).toInteger(), 1);
    role.handle(post(u"/barker/barks"_s, QJsonObject{}, "req-2", u"/_ingress/www"_s));
    QCOMPARE(role.telemetry().value(u"received"_s).toInteger(), 2);
    Envelope junk = post(u"/barker/barks"_s, QJsonObject{}, "req-3", u"/_ingress/www"_s);
    junk.body = "[1, 2]";
    role.handle(junk);
    QCOMPARE(sentTo(ctx, u"/_ingress/www"_s).last().header(u"Status").toInt(), 400);
}

// The queue depth is advertised as outstanding work, which the console charts per address.
void TstManifoldRole::queueDepthIsTheAddressOutstandingWork()
{
    FakeRoleContext ctx(u"inbox"_s, inboxParams());
    ManifoldRole role;
    role.start(ctx);
    for (int i = 1; i <= 3; ++i)
        role.handle(post(u"/barker/barks"_s, QJsonObject{{u"user"_s, u"a"_s}, {u"text"_s, u"b"_s}}, QByteArray::number(i)));
    QCOMPARE(ctx.outstanding, 3);
    QCOMPARE(role.telemetry().value(u"queueDepth"_s).toInteger(), 3);
}

// The inbox sends to the primary business logic and keeps each bark until its receipt.
void TstManifoldRole::inboxForwardsToThePrimaryAndWaitsForReceipts()
{
    FakeRoleContext ctx(u"inbox"_s, inboxParams());
    ManifoldRole role;
    role.start(ctx);
    role.handle(announcement(u"bizlogic"_s, {{u"bizlogic-2"_s, 2}, {u"bizlogic-1"_s, 1}}, 1));
    role.handle(post(u"/barker/barks"_s, QJsonObject{{u"user"_s, u"a"_s}, {u"text"_s, u"b"_s}}, "b1"));
    advance(role, ctx, 50);
    const QList<Envelope> sent = sentTo(ctx, u"/barker/bizlogic/bizlogic-1"_s);
    QCOMPARE(sent.size(), 1);
    QVERIFY(sent.first().replyTo.startsWith(u"/barker/receipts/inbox"_s));
    QCOMPARE(bodyOf(sent.first()).value(u"bark"_s).toString(), u"b1"_s);
    QVERIFY(bodyOf(sent.first()).value(u"postedMs"_s).toInteger() > 0);
    role.settled(sent.first().id, true);
    QCOMPARE(ctx.outstanding, 1);
    role.handle(receipt(sent.first().replyTo, "b1", u"bizlogic-1"_s));
    QCOMPARE(ctx.outstanding, 0);
    QCOMPARE(role.telemetry().value(u"forwardedTo"_s).toObject().value(u"bizlogic-1"_s).toInteger(), 1);
}

// Every heartbeatMs the manifold tells the directory it is an instance of its service.
void TstManifoldRole::heartbeatsTheDirectory()
{
    FakeRoleContext ctx(u"inbox"_s, inboxParams());
    ManifoldRole role;
    role.start(ctx);
    QCOMPARE(sentTo(ctx, u"/barker/heartbeats"_s).size(), 1);
    advance(role, ctx, 1000);
    QCOMPARE(sentTo(ctx, u"/barker/heartbeats"_s).size(), 5);
    const QJsonObject beat = bodyOf(sentTo(ctx, u"/barker/heartbeats"_s).last());
    QCOMPARE(beat.value(u"service"_s).toString(), u"inbox"_s);
    QCOMPARE(beat.value(u"instance"_s).toString(), u"inbox"_s);
    QCOMPARE(beat.value(u"address"_s).toString(), u"/barker/barks"_s);
}

// An outbox takes barks on its instance address, hands them to the feed and receipts the
// business logic once the feed has acknowledged them; it answers no HTTP client.
void TstManifoldRole::outboxReceiptsBizlogicOnceTheFeedHasIt()
{
    FakeRoleContext ctx(u"outbox-2"_s, outboxParams());
    ManifoldRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.last().address, u"/barker/outbox/outbox-2"_s);
    const QString receipts = u"/barker/receipts/bizlogic-1/queue"_s;
    role.handle(post(u"/barker/outbox/outbox-2"_s, QJsonObject{{u"bark"_s, u"b9"_s}, {u"user"_s, u"a"_s}}, "b9", receipts));
    QVERIFY(sentTo(ctx, receipts).isEmpty());
    advance(role, ctx, 50);
    const QList<Envelope> toFeed = sentTo(ctx, u"/barker/feed"_s);
    QCOMPARE(toFeed.size(), 1);
    QVERIFY(toFeed.first().replyTo.isEmpty());
    role.settled(toFeed.first().id, true);
    QCOMPARE(sentTo(ctx, receipts).size(), 1);
    QCOMPARE(sentTo(ctx, receipts).first().requestId, QByteArray("b9"));
    // The same bark again (bizlogic asking after a restart) is receipted, not published again.
    role.handle(post(u"/barker/outbox/outbox-2"_s, QJsonObject{{u"bark"_s, u"b9"_s}}, "b9", receipts));
    advance(role, ctx, 100);
    QCOMPARE(sentTo(ctx, u"/barker/feed"_s).size(), 1);
    QCOMPARE(sentTo(ctx, receipts).size(), 2);
}

QTEST_GUILESS_MAIN(TstManifoldRole)
#include "tst_manifoldrole.moc"
