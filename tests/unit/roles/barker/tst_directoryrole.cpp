#include "barkertestmessages.h"
#include "node/roles/barker/directory.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::BarkerMessages;
using Portolan::Node::Barker::DirectoryRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

Envelope heartbeat(const QString &service, const QString &name, int rank)
{
    Envelope m;
    m.id = u"beat/%1/%2"_s.arg(name).arg(QRandomGenerator::global()->generate64()).toUtf8();
    m.address = u"/barker/heartbeats"_s;
    m.body = QJsonDocument(QJsonObject{{u"service"_s, service}, {u"instance"_s, name},
                                       {u"address"_s, u"/barker/%1/%2"_s.arg(service, name)}, {u"rank"_s, rank}})
                 .toJson(QJsonDocument::Compact);
    return m;
}

Envelope lookup(const QString &path)
{
    Envelope m;
    m.id = "lookup";
    m.requestId = "lookup";
    m.address = path;
    m.replyTo = u"/barker/directory-answers/inbox"_s;
    m.setHeader(u"Method"_s, u"GET"_s);
    return m;
}

QStringList liveNames(const QJsonObject &service)
{
    QStringList names;
    const QJsonArray instances = service.value(u"instances"_s).toArray();
    for (const QJsonValue &i : instances)
        names.append(i.toObject().value(u"instance"_s).toString());
    return names;
}

QJsonObject params()
{
    return QJsonObject{{u"ttlMs"_s, 1000}, {u"announceMs"_s, 5000}};
}

} // namespace

class TstDirectoryRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listensForHeartbeatsAndLookups();
    void firstHeartbeatAnnouncesTheInstance();
    void silentInstanceIsDroppedAfterTtl_data();
    void silentInstanceIsDroppedAfterTtl();
    void instanceComesBack();
    void lookupsListLiveInstancesByRank();
    void announcesEveryServicePeriodically();
    void restartKnowsInstancesButNotTheirLiveness();
};

// The directory hears heartbeats and answers lookups.
void TstDirectoryRole::listensForHeartbeatsAndLookups()
{
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions[0].address, u"/barker/heartbeats"_s);
    QCOMPARE(ctx.subscriptions[1].address, u"/barker/directory"_s);
}

// An instance is live from its first heartbeat: an event, and the service's new list is
// announced; further heartbeats change nothing.
void TstDirectoryRole::firstHeartbeatAnnouncesTheInstance()
{
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"instance-up"_s);
    QCOMPARE(sentTo(ctx, u"/barker/services"_s).size(), 1);
    const QJsonObject announced = bodyOf(sentTo(ctx, u"/barker/services"_s).first());
    QCOMPARE(announced.value(u"service"_s).toString(), u"bizlogic"_s);
    QCOMPARE(liveNames(announced), QStringList{u"bizlogic-1"_s});
    ctx.now += 200;
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    role.tick(ctx.now);
    QCOMPARE(sentTo(ctx, u"/barker/services"_s).size(), 1);
    QCOMPARE(role.telemetry().value(u"live"_s).toObject().value(u"bizlogic"_s).toInteger(), 1);
}

void TstDirectoryRole::silentInstanceIsDroppedAfterTtl_data()
{
    QTest::addColumn<qint64>("silentMs");
    QTest::addColumn<bool>("dropped");
    QTest::newRow("within the ttl") << qint64(1000) << false;
    QTest::newRow("past the ttl") << qint64(1001) << true;
}

// An instance silent for longer than ttlMs is dropped: an event and a new announcement.
void TstDirectoryRole::silentInstanceIsDroppedAfterTtl()
{
    QFETCH(qint64, silentMs);
    QFETCH(bool, dropped);
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-2"_s, 2));
    ctx.now += silentMs - 100;
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-2"_s, 2));
    ctx.now += 100;
    role.tick(ctx.now);
    QCOMPARE(ctx.events.last().kind, dropped ? u"instance-down"_s : u"instance-up"_s);
    const QJsonObject last = bodyOf(sentTo(ctx, u"/barker/services"_s).last());
    QCOMPARE(liveNames(last), dropped ? QStringList{u"bizlogic-2"_s} : (QStringList{u"bizlogic-1"_s, u"bizlogic-2"_s}));
    QCOMPARE(role.telemetry().value(u"instances"_s).toObject().value(u"bizlogic-1"_s).toInteger(), dropped ? 0 : 1);
}

// A dropped instance that heartbeats again is live again.
void TstDirectoryRole::instanceComesBack()
{
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    ctx.now += 2000;
    role.tick(ctx.now);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    QCOMPARE(ctx.events.last().kind, u"instance-up"_s);
    QCOMPARE(role.telemetry().value(u"ups"_s).toInteger(), 2);
    QCOMPARE(role.telemetry().value(u"downs"_s).toInteger(), 1);
}

// A lookup lists a service's live instances by rank; the root lists every service.
void TstDirectoryRole::lookupsListLiveInstancesByRank()
{
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-b"_s, 2));
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-a"_s, 3));
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-c"_s, 1));
    role.handle(heartbeat(u"outbox"_s, u"outbox-1"_s, 1));
    role.handle(lookup(u"/barker/directory/bizlogic"_s));
    const QJsonObject one = bodyOf(ctx.sent.last());
    QCOMPARE(ctx.sent.last().address, u"/barker/directory-answers/inbox"_s);
    QCOMPARE(liveNames(one), (QStringList{u"bizlogic-c"_s, u"bizlogic-b"_s, u"bizlogic-a"_s}));
    QCOMPARE(one.value(u"live"_s).toInteger(), 3);
    role.handle(lookup(u"/barker/directory"_s));
    const QJsonObject all = bodyOf(ctx.sent.last()).value(u"services"_s).toObject();
    QCOMPARE(all.keys(), (QStringList{u"bizlogic"_s, u"outbox"_s}));
    role.handle(lookup(u"/barker/directory/nothing"_s));
    QCOMPARE(bodyOf(ctx.sent.last()).value(u"live"_s).toInteger(), 0);
}

// Every announceMs each service's list is announced again, for callers that missed one.
void TstDirectoryRole::announcesEveryServicePeriodically()
{
    FakeRoleContext ctx(u"directory"_s, params());
    DirectoryRole role;
    role.start(ctx);
    role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    role.handle(heartbeat(u"outbox"_s, u"outbox-1"_s, 1));
    const qsizetype before = sentTo(ctx, u"/barker/services"_s).size();
    for (int i = 0; i < 10; ++i) {
        ctx.now += 500;
        role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
        role.handle(heartbeat(u"outbox"_s, u"outbox-1"_s, 1));
        role.tick(ctx.now);
    }
    QCOMPARE(sentTo(ctx, u"/barker/services"_s).size(), before + 2);
}

// After a restart the directory lists no instance as live until it heartbeats again.
void TstDirectoryRole::restartKnowsInstancesButNotTheirLiveness()
{
    FakeRoleContext ctx(u"directory"_s, params());
    {
        DirectoryRole role;
        role.start(ctx);
        role.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    }
    DirectoryRole restarted;
    restarted.start(ctx);
    QCOMPARE(restarted.telemetry().value(u"instances"_s).toObject().value(u"bizlogic-1"_s).toInteger(), 0);
    QCOMPARE(restarted.telemetry().value(u"ups"_s).toInteger(), 1);
    restarted.handle(heartbeat(u"bizlogic"_s, u"bizlogic-1"_s, 1));
    QCOMPARE(restarted.telemetry().value(u"live"_s).toObject().value(u"bizlogic"_s).toInteger(), 1);
}

QTEST_GUILESS_MAIN(TstDirectoryRole)
#include "tst_directoryrole.moc"
