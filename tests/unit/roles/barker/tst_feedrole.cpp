#include "barkertestmessages.h"
#include "node/roles/barker/feed.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::BarkerMessages;
using Portolan::Node::Barker::FeedRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope published(const QByteArray &id, const QString &user, const QString &text, qint64 postedMs = 0)
{
    return post(u"/barker/feed"_s,
                QJsonObject{{u"bark"_s, QString::fromLatin1(id)}, {u"user"_s, user}, {u"text"_s, text},
                            {u"postedMs"_s, postedMs}, {u"processedBy"_s, u"bizlogic-1"_s}},
                id);
}

QJsonObject read(FeedRole &role, FakeRoleContext &ctx, const QString &query)
{
    Envelope get;
    get.id = "get/" + query.toUtf8();
    get.requestId = get.id;
    get.address = u"/barker/feed"_s + query;
    get.replyTo = u"/_ingress/www"_s;
    get.setHeader(u"Method"_s, u"GET"_s);
    role.handle(get);
    return bodyOf(ctx.sent.last());
}

} // namespace

class TstFeedRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachBarkOnce();
    void readersGetTheNewestFirst_data();
    void readersGetTheNewestFirst();
    void measuresPostedToPublished();
    void restartKeepsTheFeed();
};

// A bark is published once by id; repeats are counted, not shown twice.
void TstFeedRole::eachBarkOnce()
{
    FakeRoleContext ctx(u"feed"_s);
    FeedRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/barker/feed"_s);
    role.handle(published("b1", u"ark3"_s, u"one"_s));
    role.handle(published("b1", u"ark3"_s, u"one"_s));
    role.handle(published("b2", u"rex"_s, u"two"_s));
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value(u"barks"_s).toInteger(), 2);
    QCOMPARE(t.value(u"duplicates"_s).toInteger(), 1);
    QCOMPARE(t.value(u"users"_s).toInteger(), 2);
}

void TstFeedRole::readersGetTheNewestFirst_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QStringList>("texts");
    QTest::newRow("everything") << QString() << qint64(4) << QStringList{u"d"_s, u"c"_s, u"b"_s, u"a"_s};
    QTest::newRow("limited") << u"?limit=2"_s << qint64(4) << QStringList{u"d"_s, u"c"_s};
    QTest::newRow("one user") << u"?user=ark3"_s << qint64(3) << QStringList{u"d"_s, u"b"_s, u"a"_s};
    QTest::newRow("one user, limited") << u"?user=ark3&limit=1"_s << qint64(3) << QStringList{u"d"_s};
    QTest::newRow("nobody") << u"?user=nobody"_s << qint64(0) << QStringList{};
}

// Readers get the newest barks first, of everyone or of one user, and the count of all.
void TstFeedRole::readersGetTheNewestFirst()
{
    QFETCH(QString, query);
    QFETCH(qint64, count);
    QFETCH(QStringList, texts);
    FakeRoleContext ctx(u"feed"_s);
    FeedRole role;
    role.start(ctx);
    role.handle(published("b1", u"ark3"_s, u"a"_s));
    role.handle(published("b2", u"ark3"_s, u"b"_s));
    role.handle(published("b3", u"rex"_s, u"c"_s));
    role.handle(published("b4", u"ark3"_s, u"d"_s));
    const QJsonObject answer = read(role, ctx, query);
    QCOMPARE(answer.value(u"count"_s).toInteger(), count);
    QStringList got;
    const QJsonArray barks = answer.value(u"barks"_s).toArray();
    for (const QJsonValue &b : barks)
        got.append(b.toObject().value(u"text"_s).toString());
    QCOMPARE(got, texts);
    QCOMPARE(answer.value(u"latest"_s).toObject().value(u"text"_s).toString(), texts.value(0));
}

// The feed tells how long the newest bark took from the inbox to here, and the worst.
void TstFeedRole::measuresPostedToPublished()
{
    FakeRoleContext ctx(u"feed"_s);
    FeedRole role;
    role.start(ctx);
    role.handle(published("b1", u"ark3"_s, u"a"_s, ctx.now - 900));
    role.handle(published("b2", u"ark3"_s, u"b"_s, ctx.now - 40));
    QCOMPARE(role.telemetry().value(u"latencyMs"_s).toInteger(), 40);
    QCOMPARE(role.telemetry().value(u"maxLatencyMs"_s).toInteger(), 900);
}

// A restarted feed still shows and counts what it had.
void TstFeedRole::restartKeepsTheFeed()
{
    FakeRoleContext ctx(u"feed"_s, QJsonObject{{u"keep"_s, 2}});
    {
        FeedRole role;
        role.start(ctx);
        role.handle(published("b1", u"ark3"_s, u"a"_s));
        role.handle(published("b2", u"ark3"_s, u"b"_s));
        role.handle(published("b3", u"ark3"_s, u"c"_s));
    }
    FeedRole restarted;
    restarted.start(ctx);
    restarted.handle(published("b2", u"ark3"_s, u"b"_s));
    const QJsonObject answer = read(restarted, ctx, u"?user=ark3"_s);
    QCOMPARE(answer.value(u"count"_s).toInteger(), 3);
    QCOMPARE(answer.value(u"barks"_s).toArray().size(), 2);
    QCOMPARE(restarted.telemetry().value(u"duplicates"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(TstFeedRole)
#include "tst_feedrole.moc"
