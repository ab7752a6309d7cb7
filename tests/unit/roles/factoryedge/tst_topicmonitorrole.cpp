#include "node/roles/factoryedge/topicmonitor.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::TopicMonitorRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope report(const QByteArray &id, const QString &topic, const QString &site, const QString &from = {})
{
    Envelope m;
    m.id = id;
    m.address = topic;
    if (!from.isEmpty())
        m.setHeader(u"From"_s, from);
    if (!site.isEmpty())
        m.body = QJsonDocument(QJsonObject{{u"site"_s, site}}).toJson(QJsonDocument::Compact);
    return m;
}

QJsonObject monitorParams(const QJsonValue &topics)
{
    return QJsonObject{{u"topics"_s, topics}};
}

} // namespace

class TstTopicMonitorRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToEachTopic_data();
    void subscribesToEachTopic();
    void countsPerTopicAndSource();
    void firstMessageOfATopicIsAnEvent();
    void restartKeepsCounts();
    void topicsAreRequired_data();
    void topicsAreRequired();
};

void TstTopicMonitorRole::subscribesToEachTopic_data()
{
    QTest::addColumn<QJsonValue>("topics");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QStringList>("subscribed");
    QTest::newRow("one, as text") << QJsonValue(u"/topics/production"_s) << QString()
                                  << QStringList{u"/topics/production"_s};
    QTest::newRow("two, in a group") << QJsonValue(QJsonArray{u"/topics/production"_s, u"/topics/quality"_s})
                                     << u"analytics"_s << QStringList{u"/topics/production"_s, u"/topics/quality"_s};
}

// Each topic is a subscription, in the monitor's group when it has one.
void TstTopicMonitorRole::subscribesToEachTopic()
{
    QFETCH(QJsonValue, topics);
    QFETCH(QString, group);
    QFETCH(QStringList, subscribed);
    QJsonObject params = monitorParams(topics);
    if (!group.isEmpty())
        params.insert(u"group"_s, group);
    FakeRoleContext ctx(u"mgmt-analytics"_s, params);
    TopicMonitorRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), subscribed.size());
    for (qsizetype i = 0; i < subscribed.size(); ++i) {
        QCOMPARE(ctx.subscriptions.at(i).address, subscribed.at(i));
        QCOMPARE(ctx.subscriptions.at(i).group, group);
    }
}

// Messages are counted per topic and per sending site (the From header without one).
void TstTopicMonitorRole::countsPerTopicAndSource()
{
    FakeRoleContext ctx(u"mgmt-analytics"_s,
                        monitorParams(QJsonArray{u"/topics/production"_s, u"/topics/quality"_s}));
    TopicMonitorRole role;
    role.start(ctx);
    role.handle(report("1", u"/topics/production"_s, u"f1"_s));
    role.handle(report("2", u"/topics/production"_s, u"f2"_s));
    role.handle(report("3", u"/topics/quality"_s, u"f1"_s));
    role.handle(report("4", u"/topics/quality/late"_s, {}, u"f3-planner"_s));
    role.handle(report("5", u"/elsewhere"_s, u"f1"_s));
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("received"_L1).toInteger(), 4);
    QCOMPARE(t.value("topics"_L1).toObject().value("/topics/production"_L1).toInteger(), 2);
    QCOMPARE(t.value("topics"_L1).toObject().value("/topics/quality"_L1).toInteger(), 2);
    QCOMPARE(t.value("sources"_L1).toObject().value("f1"_L1).toInteger(), 2);
    QCOMPARE(t.value("sources"_L1).toObject().value("f3-planner"_L1).toInteger(), 1);
    QCOMPARE(t.value("lastMs"_L1).toInteger(), ctx.now);
}

// The first message of each topic is announced once.
void TstTopicMonitorRole::firstMessageOfATopicIsAnEvent()
{
    FakeRoleContext ctx(u"mgmt-analytics"_s, monitorParams(QJsonArray{u"/topics/production"_s, u"/topics/quality"_s}));
    TopicMonitorRole role;
    role.start(ctx);
    role.handle(report("1", u"/topics/quality"_s, u"f2"_s));
    role.handle(report("2", u"/topics/quality"_s, u"f1"_s));
    role.handle(report("3", u"/topics/production"_s, u"f1"_s));
    QCOMPARE(ctx.events.size(), 2);
    QCOMPARE(ctx.events.at(0).kind, u"topic-first-message"_s);
    QCOMPARE(ctx.events.at(0).fields.value("topic"_L1).toString(), u"/topics/quality"_s);
    QCOMPARE(ctx.events.at(0).fields.value("from"_L1).toString(), u"f2"_s);
    QCOMPARE(ctx.events.at(1).fields.value("topic"_L1).toString(), u"/topics/production"_s);
}

// The counts are in the store: a restarted monitor carries on from them.
void TstTopicMonitorRole::restartKeepsCounts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"monitor.db"_s);
    QString error;
    {
        FakeRoleContext ctx(u"dashboard"_s, monitorParams(u"/topics/production"_s));
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        TopicMonitorRole role;
        role.start(ctx);
        role.handle(report("1", u"/topics/production"_s, u"f1"_s));
    }
    FakeRoleContext ctx(u"dashboard"_s, monitorParams(u"/topics/production"_s));
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    TopicMonitorRole role;
    role.start(ctx);
    role.handle(report("2", u"/topics/production"_s, u"f1"_s));
    QCOMPARE(role.telemetry().value("received"_L1).toInteger(), 2);
    QVERIFY(ctx.events.isEmpty());   // not the first message of the topic any more
}

void TstTopicMonitorRole::topicsAreRequired_data()
{
    QTest::addColumn<QJsonValue>("topics");
    QTest::newRow("missing") << QJsonValue();
    QTest::newRow("empty list") << QJsonValue(QJsonArray{});
    QTest::newRow("not an address") << QJsonValue(QJsonArray{u"topics/production"_s});
}

// Without usable topics the monitor subscribes to nothing and says why.
void TstTopicMonitorRole::topicsAreRequired()
{
    QFETCH(QJsonValue, topics);
    QJsonObject params;
    if (!topics.isNull())
        params.insert(u"topics"_s, topics);
    FakeRoleContext ctx(u"dashboard"_s, params);
    TopicMonitorRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"topics"_s));
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QCOMPARE(role.telemetry().value("error"_L1).toString(),
             u"param \"topics\" must be a list of addresses starting with '/'"_s);
}

QTEST_APPLESS_MAIN(TstTopicMonitorRole)
#include "tst_topicmonitorrole.moc"
