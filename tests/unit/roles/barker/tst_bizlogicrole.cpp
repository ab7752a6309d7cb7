#include "barkertestmessages.h"
#include "node/roles/barker/bizlogic.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::BarkerMessages;
using Portolan::Node::Barker::BizlogicRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

const QString inboxReceipts = u"/barker/receipts/inbox/queue"_s;

QJsonObject params(int rank = 1)
{
    return QJsonObject{{u"rank"_s, rank}, {u"maxLength"_s, 20}, {u"window"_s, 16}};
}

Envelope bark(const QByteArray &id, const QString &user, const QString &text)
{
    return post(u"/barker/bizlogic/bizlogic-1"_s,
                QJsonObject{{u"bark"_s, QString::fromLatin1(id)}, {u"user"_s, user}, {u"text"_s, text},
                            {u"postedMs"_s, 1000}},
                id, inboxReceipts);
}

struct Rig
{
    Rig()
    {
        role.start(ctx);
        role.handle(announcement(u"outbox"_s, {{u"outbox-1"_s, 1}, {u"outbox-2"_s, 1}, {u"outbox-3"_s, 1}}, 1));
    }
    void advance(qint64 ms)
    {
        const qint64 until = ctx.now + ms;
        while (ctx.now < until) {
            ctx.now = qMin(ctx.now + 50, until);
            role.tick(ctx.now);
        }
    }
    FakeRoleContext ctx{u"bizlogic-1"_s, params()};
    BizlogicRole role;
};

} // namespace

class TstBizlogicRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void servesItsInstanceAddressWithItsRank();
    void checksBarks_data();
    void checksBarks();
    void stampsAndForwardsRoundRobin();
    void receiptsTheInboxOnlyOnceAnOutboxPassedItOn();
    void aBarkSeenBeforeIsNotProcessedAgain();
};

void TstBizlogicRole::tokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("hashtags");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("none") << u"just a bark"_s << QStringList{} << QStringList{};
    QTest::newRow("both") << u"hi @ark3 #barker"_s << QStringList{u"#barker"_s} << QStringList{u"@ark3"_s};
    QTest::newRow("each once, in order") << u"#b #a #b @x"_s << QStringList{u"#b"_s, u"#a"_s} << QStringList{u"@x"_s};
    QTest::newRow("inside a word is no tag") << u"mail a@b.c or c#"_s << QStringList{} << QStringList{};
    QTest::newRow("after punctuation") << u"(#dogs), @cat!"_s << QStringList{u"#dogs"_s} << QStringList{u"@cat"_s};
}

// #hashtags and @mentions are words starting a token, found once each in order.
void TstBizlogicRole::tokens()
{
    QFETCH(QString, text);
    QFETCH(QStringList, hashtags);
    QFETCH(QStringList, mentions);
    QCOMPARE(BizlogicRole::tokens(text, u'#'), hashtags);
    QCOMPARE(BizlogicRole::tokens(text, u'@'), mentions);
}

// The instance consumes its own address and heartbeats the directory with its rank.
void TstBizlogicRole::servesItsInstanceAddressWithItsRank()
{
    FakeRoleContext ctx(u"bizlogic-2"_s, params(2));
    BizlogicRole role;
    role.start(ctx);
    QVERIFY(std::any_of(ctx.subscriptions.begin(), ctx.subscriptions.end(), [](const FakeRoleContext::Subscription &s) {
        return s.address == u"/barker/bizlogic/bizlogic-2"_s;
    }));
    const QJsonObject beat = bodyOf(sentTo(ctx, u"/barker/heartbeats"_s).first());
    QCOMPARE(beat.value(u"rank"_s).toInt(), 2);
    QCOMPARE(beat.value(u"service"_s).toString(), u"bizlogic"_s);
    QCOMPARE(beat.value(u"address"_s).toString(), u"/barker/bizlogic/bizlogic-2"_s);
}

void TstBizlogicRole::checksBarks_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("fine") << u"ark3"_s << u"woof"_s << true;
    QTest::newRow("exactly maxLength") << u"ark3"_s << QString(20, u'w') << true;
    QTest::newRow("too long") << u"ark3"_s << QString(21, u'w') << false;
    QTest::newRow("no user") << u" "_s << u"woof"_s << false;
    QTest::newRow("no text") << u"ark3"_s << QString() << false;
}

// A bark needs a user and a text of 1..maxLength characters; others are rejected, with an
// event, and never forwarded.
void TstBizlogicRole::checksBarks()
{
    QFETCH(QString, user);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    Rig rig;
    rig.role.handle(bark("b1", user, text));
    rig.advance(50);
    QCOMPARE(sentUnder(rig.ctx, u"/barker/outbox/"_s).size(), accepted ? 1 : 0);
    QCOMPARE(rig.role.telemetry().value(u"processed"_s).toInteger(), accepted ? 1 : 0);
    QCOMPARE(rig.role.telemetry().value(u"rejected"_s).toInteger(), accepted ? 0 : 1);
    if (!accepted)
        QCOMPARE(rig.ctx.events.last().kind, u"bark-rejected"_s);
}

// Processed barks carry the instance, the time and their tokens, and go to the outboxes
// in turn.
void TstBizlogicRole::stampsAndForwardsRoundRobin()
{
    Rig rig;
    for (int i = 1; i <= 6; ++i)
        rig.role.handle(bark("b" + QByteArray::number(i), u"ark3"_s, u"#woof @you"_s));
    rig.advance(50);
    for (const QString &outbox : {u"outbox-1"_s, u"outbox-2"_s, u"outbox-3"_s})
        QCOMPARE(sentTo(rig.ctx, u"/barker/outbox/"_s + outbox).size(), 2);
    const QJsonObject first = bodyOf(sentTo(rig.ctx, u"/barker/outbox/outbox-1"_s).first());
    QCOMPARE(first.value(u"processedBy"_s).toString(), u"bizlogic-1"_s);
    QCOMPARE(first.value(u"processedMs"_s).toInteger(), rig.ctx.now - 50);
    QCOMPARE(first.value(u"hashtags"_s).toArray(), QJsonArray{u"#woof"_s});
    QCOMPARE(first.value(u"mentions"_s).toArray(), QJsonArray{u"@you"_s});
    QCOMPARE(first.value(u"postedMs"_s).toInteger(), 1000);
}

// The inbox hears "done" for a bark only when an outbox has passed it on, not when this
// instance took it.
void TstBizlogicRole::receiptsTheInboxOnlyOnceAnOutboxPassedItOn()
{
    Rig rig;
    rig.role.handle(bark("b1", u"ark3"_s, u"woof"_s));
    rig.advance(50);
    const Envelope toOutbox = sentUnder(rig.ctx, u"/barker/outbox/"_s).first();
    rig.role.settled(toOutbox.id, true);
    QVERIFY(sentTo(rig.ctx, inboxReceipts).isEmpty());
    QCOMPARE(rig.ctx.outstanding, 1);
    rig.role.handle(receipt(toOutbox.replyTo, "b1", u"outbox-1"_s));
    QCOMPARE(sentTo(rig.ctx, inboxReceipts).size(), 1);
    QCOMPARE(sentTo(rig.ctx, inboxReceipts).first().requestId, QByteArray("b1"));
    QCOMPARE(rig.ctx.outstanding, 0);
}

// A bark delivered twice (the inbox sending again after a failover) is processed once;
// once done, the repeat is receipted straight away.
void TstBizlogicRole::aBarkSeenBeforeIsNotProcessedAgain()
{
    Rig rig;
    rig.role.handle(bark("b1", u"ark3"_s, u"woof"_s));
    Envelope again = bark("b1", u"ark3"_s, u"woof"_s);
    again.id = "another-message";
    rig.role.handle(again);
    rig.advance(50);
    QCOMPARE(sentUnder(rig.ctx, u"/barker/outbox/"_s).size(), 1);
    QCOMPARE(rig.role.telemetry().value(u"processed"_s).toInteger(), 1);
    const Envelope toOutbox = sentUnder(rig.ctx, u"/barker/outbox/"_s).first();
    rig.role.settled(toOutbox.id, true);
    rig.role.handle(receipt(toOutbox.replyTo, "b1", u"outbox-1"_s));
    rig.role.handle(again);
    QCOMPARE(sentTo(rig.ctx, inboxReceipts).size(), 2);
    QCOMPARE(rig.role.telemetry().value(u"processed"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(TstBizlogicRole)
#include "tst_bizlogicrole.moc"
