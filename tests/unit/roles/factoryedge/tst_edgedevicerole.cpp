#include "node/roles/factoryedge/edgedevice.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::EdgeDeviceRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject deviceParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"site"_s, u"f1"_s}, {u"number"_s, 2}, {u"serviceMs"_s, 100}, {u"nextStation"_s, 3},
                  {u"retryMs"_s, 200}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

Envelope job(const QByteArray &id)
{
    Envelope m;
    m.id = id;
    m.requestId = "order-" + id;
    m.address = u"/jobs/f1"_s;
    m.replyTo = u"/factory/1/done"_s;
    m.setHeader(u"Method"_s, u"POST"_s);
    m.body = R"({"order":"x"})";
    return m;
}

Envelope command(const QString &address, const QByteArray &id = "cmd-1")
{
    Envelope m;
    m.id = id;
    m.address = address;
    m.replyTo = u"/_ingress/f3-edge"_s;
    m.setHeader(u"Method"_s, u"POST"_s);
    return m;
}

QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &prefix)
{
    QList<Envelope> out;
    for (const Envelope &e : ctx.sent) {
        if (e.address.startsWith(prefix))
            out.append(e);
    }
    return out;
}

int eventCount(const FakeRoleContext &ctx, const QString &kind)
{
    return int(std::count_if(ctx.events.cbegin(), ctx.events.cend(),
                             [&](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

bool subscribed(const FakeRoleContext &ctx, const QString &address)
{
    return std::any_of(ctx.subscriptions.cbegin(), ctx.subscriptions.cend(),
                       [&](const FakeRoleContext::Subscription &s) { return s.address == address; });
}

QJsonObject bodyOf(const Envelope &e)
{
    return QJsonDocument::fromJson(e.body).object();
}

} // namespace

class TstEdgeDeviceRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesToItsSiteAndItself();
    void worksJobsFirstInFirstOutAtServiceTime();
    void reportsEachJobToItsSender();
    void handsFinishedPartsToTheNextStation_data();
    void handsFinishedPartsToTheNextStation();
    void countsHandoffsByTheRoutersTheyCrossed_data();
    void countsHandoffsByTheRoutersTheyCrossed();
    void shutdownStopsWorkAndStartResumes();
    void refusedReportIsSentAgainUnderTheSameId();
    void drainWaitsForBacklogAndReports();
    void restartKeepsBacklogShutdownAndPendingReports();
    void invalidParams_data();
    void invalidParams();
};

// A device hears its site's jobs (with its capacity), its site's commands and its own address.
void TstEdgeDeviceRole::subscribesToItsSiteAndItself()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"capacity"_s, 4}}));
    EdgeDeviceRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 3);
    QVERIFY(subscribed(ctx, u"/devices/f1"_s));
    QVERIFY(subscribed(ctx, u"/device/f1/2"_s));
    const auto jobs = std::find_if(ctx.subscriptions.cbegin(), ctx.subscriptions.cend(),
                                   [](const FakeRoleContext::Subscription &s) { return s.address == "/jobs/f1"_L1; });
    QVERIFY(jobs != ctx.subscriptions.cend());
    QCOMPARE(jobs->capacity, 4);
    QCOMPARE(eventCount(ctx, u"device-online"_s), 1);
    QCOMPARE(role.telemetry().value("state"_L1).toString(), u"running"_s);
}

// Jobs are served one at a time in arrival order, each taking serviceMs, and the
// backlog is the outstanding work the router balances on.
void TstEdgeDeviceRole::worksJobsFirstInFirstOutAtServiceTime()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    EdgeDeviceRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(job("a"));
    role.handle(job("b"));
    role.handle(job("c"));
    QCOMPARE(ctx.outstanding, 3);
    ctx.now = t0 + 99;
    role.tick(ctx.now);
    QVERIFY(ctx.sent.isEmpty());
    ctx.now = t0 + 100;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    QCOMPARE(ctx.outstanding, 2);
    ctx.now = t0 + 300;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 3);
    QCOMPARE(ctx.sent.at(0).requestId, QByteArray("order-a"));
    QCOMPARE(ctx.sent.at(1).requestId, QByteArray("order-b"));
    QCOMPARE(ctx.sent.at(2).requestId, QByteArray("order-c"));
    QCOMPARE(ctx.outstanding, 0);
    QCOMPARE(eventCount(ctx, u"job-done"_s), 3);
    QCOMPARE(role.telemetry().value("completed"_L1).toInteger(), 3);
}

// The report goes to the job's Reply-To with its request id, Status 200, and says who did it.
void TstEdgeDeviceRole::reportsEachJobToItsSender()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    EdgeDeviceRole role;
    role.start(ctx);
    role.handle(job("a"));
    ctx.now += 250;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    const Envelope report = ctx.sent.first();
    QCOMPARE(report.address, u"/factory/1/done"_s);
    QCOMPARE(report.requestId, QByteArray("order-a"));
    QCOMPARE(report.header(u"Status"), u"200"_s);
    const QJsonObject body = bodyOf(report);
    QCOMPARE(body.value("device"_L1).toString(), u"f1-dev-2"_s);
    QCOMPARE(body.value("job"_L1).toString(), u"order-a"_s);
    QCOMPARE(body.value("serviceMs"_L1).toInteger(), 100);
    QCOMPARE(body.value("queuedMs"_L1).toInteger(), 0);
}

void TstEdgeDeviceRole::handsFinishedPartsToTheNextStation_data()
{
    QTest::addColumn<int>("nextStation");
    QTest::addColumn<QString>("handoffAddress");
    QTest::newRow("to station 3") << 3 << u"/device/f1/3/handoff"_s;
    QTest::newRow("line ends here") << 0 << QString();
    QTest::newRow("not to itself") << 2 << QString();
}

// A finished job's part goes to the next station of the same site, traced; a device
// at the end of its line, or pointed at itself, hands nothing on.
void TstEdgeDeviceRole::handsFinishedPartsToTheNextStation()
{
    QFETCH(int, nextStation);
    QFETCH(QString, handoffAddress);
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, nextStation}}));
    EdgeDeviceRole role;
    role.start(ctx);
    role.handle(job("a"));
    ctx.now += 100;
    role.tick(ctx.now);
    const QList<Envelope> handoffs = sentTo(ctx, u"/device/"_s);
    if (handoffAddress.isEmpty()) {
        QVERIFY(handoffs.isEmpty());
        QCOMPARE(role.telemetry().value("handoffsSent"_L1).toInteger(), 0);
        return;
    }
    QCOMPARE(handoffs.size(), 1);
    QCOMPARE(handoffs.first().address, handoffAddress);
    QVERIFY(handoffs.first().trace);
    QCOMPARE(bodyOf(handoffs.first()).value("from"_L1).toString(), u"f1-dev-2"_s);
    QCOMPARE(role.telemetry().value("handoffsSent"_L1).toInteger(), 1);
    role.settled(handoffs.first().id, true);
    QCOMPARE(role.telemetry().value("handoffsDelivered"_L1).toInteger(), 1);
}

void TstEdgeDeviceRole::countsHandoffsByTheRoutersTheyCrossed_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<int>("local");
    QTest::addColumn<QString>("pathKey");
    QTest::newRow("only the site's edge router") << QStringList{u"f1-edge"_s} << 1 << u"f1-edge"_s;
    QTest::newRow("through the cloud") << QStringList{u"f1-edge"_s, u"c2"_s, u"f1-edge"_s} << 0
                                       << u"f1-edge > c2 > f1-edge"_s;
    QTest::newRow("untraced") << QStringList{} << 0 << u"untraced"_s;
}

// A received hand-off is counted as local only when exactly one router carried it, as
// recorded by the routers on the traced message; every path is tallied.
void TstEdgeDeviceRole::countsHandoffsByTheRoutersTheyCrossed()
{
    QFETCH(QStringList, path);
    QFETCH(int, local);
    QFETCH(QString, pathKey);
    FakeRoleContext ctx(u"f1-dev-3"_s, deviceParams({{u"number"_s, 3}}));
    EdgeDeviceRole role;
    role.start(ctx);
    Envelope handoff;
    handoff.id = "h1";
    handoff.address = u"/device/f1/3/handoff"_s;
    handoff.trace = !path.isEmpty();
    handoff.path = path;
    handoff.setHeader(u"Method"_s, u"POST"_s);
    role.handle(handoff);
    handoff.id = "h2";
    role.handle(handoff);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("handoffsReceived"_L1).toInteger(), 2);
    QCOMPARE(t.value("handoffsLocal"_L1).toInteger(), 2 * local);
    QCOMPARE(t.value("handoffPaths"_L1).toObject().value(pathKey).toInteger(), 2);
}

// "shutdown" on the site's multicast address takes the device off the jobs address and
// stops its work; "start" puts it back; each is answered, and a repeat changes nothing.
void TstEdgeDeviceRole::shutdownStopsWorkAndStartResumes()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    EdgeDeviceRole role;
    role.start(ctx);
    role.handle(job("a"));
    role.handle(command(u"/devices/f1/shutdown"_s, "s1"));
    QVERIFY(!subscribed(ctx, u"/jobs/f1"_s));
    QCOMPARE(eventCount(ctx, u"device-shutdown"_s), 1);
    QCOMPARE(ctx.sent.size(), 1);
    QCOMPARE(ctx.sent.first().address, u"/_ingress/f3-edge"_s);
    QCOMPARE(bodyOf(ctx.sent.first()).value("state"_L1).toString(), u"shutdown"_s);

    role.handle(command(u"/devices/f1/shutdown"_s, "s2"));
    QCOMPARE(eventCount(ctx, u"device-shutdown"_s), 1);
    ctx.now += 1000;
    role.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"job-done"_s), 0);   // a stopped machine works nothing

    role.handle(command(u"/devices/f1/start"_s, "s3"));
    QVERIFY(subscribed(ctx, u"/jobs/f1"_s));
    QCOMPARE(eventCount(ctx, u"device-started"_s), 1);
    ctx.now += 99;
    role.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"job-done"_s), 0);   // the job starts when the machine does
    ctx.now += 1;
    role.tick(ctx.now);
    QCOMPARE(eventCount(ctx, u"job-done"_s), 1);
    QCOMPARE(role.telemetry().value("shutdowns"_L1).toInteger(), 1);

    role.handle(command(u"/devices/f1/explode"_s, "s4"));
    QCOMPARE(ctx.sent.last().header(u"Status"), u"400"_s);
}

// A report nobody could take (the controller's router restarting) is sent again after
// retryMs, under the same message id, until it is accepted.
void TstEdgeDeviceRole::refusedReportIsSentAgainUnderTheSameId()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    EdgeDeviceRole role;
    role.start(ctx);
    role.handle(job("a"));
    ctx.now += 100;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    const QByteArray id = ctx.sent.first().id;
    role.settled(id, false);
    ctx.now += 199;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 1);
    ctx.now += 1;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(ctx.sent.at(1).id, id);
    QCOMPARE(ctx.sent.at(1).requestId, QByteArray("order-a"));
    role.settled(id, true);
    ctx.now += 1000;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 2);
    QCOMPARE(role.telemetry().value("retries"_L1).toInteger(), 1);
    QCOMPARE(role.telemetry().value("pendingMessages"_L1).toInteger(), 0);
}

// Draining (for an upgrade) waits until the backlog is worked and every report is through.
void TstEdgeDeviceRole::drainWaitsForBacklogAndReports()
{
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    EdgeDeviceRole role;
    role.start(ctx);
    QVERIFY(role.drain());
    role.handle(job("a"));
    QVERIFY(!role.drain());
    ctx.now += 100;
    role.tick(ctx.now);
    QVERIFY(!role.drain());   // the report is not settled yet
    role.settled(ctx.sent.first().id, true);
    QVERIFY(role.drain());
}

// Killed and started again, a device keeps its backlog, its shutdown state and the
// reports it had not got through, and sends those again.
void TstEdgeDeviceRole::restartKeepsBacklogShutdownAndPendingReports()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"device.db"_s);
    QString error;
    QByteArray reportId;
    {
        FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        EdgeDeviceRole role;
        role.start(ctx);
        role.handle(job("a"));
        role.handle(job("b"));
        ctx.now += 100;
        role.tick(ctx.now);
        QCOMPARE(ctx.sent.size(), 1);
        reportId = ctx.sent.first().id;
        role.handle(command(u"/devices/f1/shutdown"_s));
    }
    FakeRoleContext ctx(u"f1-dev-2"_s, deviceParams({{u"nextStation"_s, 0}}));
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    EdgeDeviceRole role;
    role.start(ctx);
    QCOMPARE(ctx.sent.size(), 1);   // the unsettled report goes out again
    QCOMPARE(ctx.sent.first().id, reportId);
    QVERIFY(!subscribed(ctx, u"/jobs/f1"_s));
    QCOMPARE(ctx.outstanding, 1);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("state"_L1).toString(), u"shutdown"_s);
    QCOMPARE(t.value("completed"_L1).toInteger(), 1);
    QCOMPARE(t.value("backlog"_L1).toInteger(), 1);
    QCOMPARE(ctx.events.first().fields.value("shutdown"_L1).toBool(), true);
}

void TstEdgeDeviceRole::invalidParams_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("error");
    QTest::newRow("no site") << QByteArray(R"({"number":1})")
                             << u"param \"site\" must name a site: letters, digits, '-' and '_', like \"f1\""_s;
    QTest::newRow("site with a slash") << QByteArray(R"({"site":"f/1","number":1})")
                                       << u"param \"site\" must name a site: letters, digits, '-' and '_', like \"f1\""_s;
    QTest::newRow("no number") << QByteArray(R"({"site":"f1"})") << u"param \"number\" is required"_s;
    QTest::newRow("negative service time") << QByteArray(R"({"site":"f1","number":1,"serviceMs":-5})")
                                           << u"param \"serviceMs\" must be an integer from 0 to 2147483647"_s;
    QTest::newRow("service time as text") << QByteArray(R"({"site":"f1","number":1,"serviceMs":"fast"})")
                                          << u"param \"serviceMs\" must be an integer from 0 to 2147483647"_s;
}

// Bad params leave the device idle, unsubscribed, saying why in its telemetry.
void TstEdgeDeviceRole::invalidParams()
{
    QFETCH(QByteArray, params);
    QFETCH(QString, error);
    FakeRoleContext ctx(u"f1-dev-1"_s, QJsonDocument::fromJson(params).object());
    EdgeDeviceRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u".*"_s));
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    QCOMPARE(role.telemetry().value("error"_L1).toString(), error);
    role.handle(job("a"));
    role.tick(ctx.now + 10000);
    QVERIFY(ctx.sent.isEmpty());
}

QTEST_APPLESS_MAIN(TstEdgeDeviceRole)
#include "tst_edgedevicerole.moc"
