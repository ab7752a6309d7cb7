#include "meshfixture.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QtTest>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

namespace {

// Raw string literals stay unprefixed: moc does not parse raw literals with a u prefix.
QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

constexpr int WaitMs = 10000;
constexpr int MessageCount = 40;

struct Scrape
{
    int status = 0;
    QByteArray contentType;
    QByteArray allow;
    QByteArray body;
    QHash<QString, double> samples; // `name{labels}` -> value
    QHash<QString, QString> types;  // family -> counter | gauge | ...
};

// Reads a text exposition into series and types; fails the calling test on a line that
// is neither a comment nor a sample.
bool parseExposition(const QByteArray &text, Scrape *into)
{
    static const QRegularExpression sample(
        utf8(R"(^([a-zA-Z_][a-zA-Z0-9_]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (\S+)$)"));
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith("# TYPE "_L1)) {
            const QStringList parts = line.mid(7).split(u' ');
            into->types.insert(parts.value(0), parts.value(1));
            continue;
        }
        if (line.startsWith(u'#'))
            continue;
        const QRegularExpressionMatch m = sample.match(line);
        if (!m.hasMatch()) {
            qWarning("not an exposition line: %s", raw.constData());
            return false;
        }
        into->samples.insert(m.captured(1), m.captured(2).toDouble());
    }
    return true;
}

// The resident set size of another process, as the test sees it.
qint64 residentBytesOf(qint64 pid)
{
    QFile statm(u"/proc/%1/statm"_s.arg(pid));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readLine().trimmed().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

QString series(const QString &name, const QString &node, const QString &extraLabels = {})
{
    return name + u"{node=\""_s + node + u'"' + (extraLabels.isEmpty() ? QString() : u',' + extraLabels) + u'}';
}

} // namespace

// GET /metrics on real portolan-node processes: served on the control port next to the
// control WebSocket, in the Prometheus text format, with the same figures the node's
// telemetry reports over the control socket.
class tst_Metrics : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    Scrape request(MeshFixture &mesh, const QString &node, const QByteArray &method = "GET",
                   const QString &path = u"/metrics"_s)
    {
        Scrape scrape;
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(mesh.node(node)->controlPort()).arg(path)));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method);
        if (!MeshFixture::waitUntil([&] { return reply->isFinished(); }, WaitMs)) {
            reply->abort();
        } else {
            scrape.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            scrape.contentType = reply->rawHeader("Content-Type");
            scrape.allow = reply->rawHeader("Allow");
            scrape.body = reply->readAll();
        }
        reply->deleteLater();
        return scrape;
    }

    Scrape scrape(MeshFixture &mesh, const QString &node)
    {
        Scrape s = request(mesh, node);
        if (s.status == 200 && !parseExposition(s.body, &s))
            s.status = -1;
        return s;
    }

    // Waits until the node's own clock is ms past the reading `since`: a scrape after that
    // cannot be served from a snapshot older than `since` (the node reuses a snapshot for
    // at most 100 ms).
    static bool waitNodeClock(MeshFixture &mesh, const QString &node, const QJsonObject &since, double ms)
    {
        const double start = since.value("uptimeMs"_L1).toDouble();
        return MeshFixture::waitUntil(
            [&] { return mesh.status(node).value("uptimeMs"_L1).toDouble() >= start + ms; }, WaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_network.setProxy(QNetworkProxy::NoProxy);
    }

    // After a burst of work has settled, every message counter, queue, link, route and
    // role figure a router and its entities report in telemetry appears in /metrics with
    // the same value, and the ever-moving ones (link frames, uptime) lie between two
    // telemetry readings taken around the scrape (the earlier one old enough that the
    // scrape cannot be served from a snapshot that predates it).
    void metricsMatchTelemetry()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        mesh.router(u"r2"_s);
        mesh.link(u"r1"_s, u"r2"_s, 3, u"cheapnet"_s);
        mesh.distribute(u"/jobs"_s, u"balanced"_s);
        mesh.entity(u"gen"_s, u"generator"_s, {u"r1"_s},
                    {{u"address"_s, u"/jobs/build"_s}, {u"rate"_s, 200}, {u"count"_s, MessageCount},
                     {u"startDelayMs"_s, 500}});
        mesh.entity(u"w"_s, u"worker"_s, {u"r2"_s},
                    {{u"address"_s, u"/jobs"_s}, {u"serviceMs"_s, 1}, {u"replies"_s, false}});
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());

        auto counter = [&](const QString &node, QLatin1StringView key) {
            return mesh.status(node).value("counters"_L1).toObject().value(key).toDouble();
        };
        QVERIFY(MeshFixture::waitUntil([&] {
            return counter(u"w"_s, "handled"_L1) == MessageCount && counter(u"gen"_s, "settled"_L1) == MessageCount
                && counter(u"r1"_s, "inFlight"_L1) == 0 && counter(u"r2"_s, "inFlight"_L1) == 0;
        }, 30000));
        const QStringList nodes{u"r1"_s, u"r2"_s, u"gen"_s, u"w"_s};
        for (const QString &node : nodes) {
            const QJsonObject early = mesh.status(node);
            QVERIFY(waitNodeClock(mesh, node, early, 150));
            const QJsonObject before = mesh.status(node);
            const Scrape s = scrape(mesh, node);
            const QJsonObject after = mesh.status(node);
            QCOMPARE(s.status, 200);
            QCOMPARE(s.contentType, "text/plain; version=0.0.4; charset=utf-8"_ba);
            const bool router = before.value("kind"_L1).toString() != "entity"_L1;

            // Identity and state.
            QCOMPARE(s.samples.value(series(u"portolan_node_info"_s, node,
                                            u"role=\"%1\",kind=\"%2\",version=\"%3\""_s.arg(
                                                before.value("role"_L1).toString(), before.value("kind"_L1).toString(),
                                                before.value("version"_L1).toString())),
                                     -1),
                     1.0);
            QCOMPARE(s.samples.value(series(u"portolan_node_state"_s, node, u"state=\"up\""_s), -1), 1.0);
            const double uptime = s.samples.value(series(u"portolan_node_uptime_seconds"_s, node), -1);
            QVERIFY2(uptime >= early.value("uptimeMs"_L1).toDouble() / 1000 - 0.001
                         && uptime <= after.value("uptimeMs"_L1).toDouble() / 1000 + 0.001,
                     qPrintable(u"%1 uptime %2"_s.arg(node).arg(uptime)));
            QCOMPARE(s.samples.value(series(u"portolan_control_clients"_s, node), -1), 1.0); // the fixture's

            // Resident memory: the node's own reading, close to what /proc says of it.
            const double rss = s.samples.value(series(u"portolan_process_resident_memory_bytes"_s, node), -1);
            const qint64 seen = residentBytesOf(mesh.node(node)->pid());
            QVERIFY2(seen > 0 && rss > seen / 2.0 && rss < seen * 2.0,
                     qPrintable(u"%1: metrics say %2 bytes, /proc says %3"_s.arg(node).arg(rss).arg(seen)));

            // Message counters: quiet now, so the same before, in, and after the scrape.
            const QJsonObject counters = before.value("counters"_L1).toObject();
            QCOMPARE(after.value("counters"_L1).toObject(), counters);
            const QString prefix = router ? u"portolan_router_messages_"_s : u"portolan_entity_messages_"_s;
            const QStringList gauges{u"inFlight"_s, u"unsettled"_s};
            for (auto it = counters.constBegin(); it != counters.constEnd(); ++it) {
                const bool gauge = gauges.contains(it.key());
                QString name = prefix;
                for (const QChar c : it.key())
                    name += c.isUpper() ? u'_' + QString(c.toLower()) : QString(c);
                if (!gauge)
                    name += u"_total"_s;
                QVERIFY2(s.samples.contains(series(name, node)), qPrintable(node + u": no "_s + name));
                QCOMPARE(s.samples.value(series(name, node)), it.value().toDouble());
                QCOMPARE(s.types.value(name), gauge ? u"gauge"_s : u"counter"_s);
            }

            // Links: state, cost, provider as configured; frame counters between the readings.
            const QJsonObject links = before.value("links"_L1).toObject();
            QVERIFY(!links.isEmpty());
            for (auto it = links.constBegin(); it != links.constEnd(); ++it) {
                const QJsonObject link = it.value().toObject();
                const QString peer = u"peer=\"%1\""_s.arg(it.key());
                QCOMPARE(s.samples.value(series(u"portolan_link_state"_s, node, peer + u",state=\"up\""_s), -1), 1.0);
                QCOMPARE(s.samples.value(series(u"portolan_link_state"_s, node, peer + u",state=\"cut\""_s), -1), 0.0);
                QCOMPARE(s.samples.value(series(u"portolan_link_info"_s, node,
                                                peer + u",kind=\"%1\",provider=\"%2\""_s.arg(
                                                           link.value("kind"_L1).toString(),
                                                           link.value("provider"_L1).toString())),
                                         -1),
                         1.0);
                if (link.contains("cost"_L1))
                    QCOMPARE(s.samples.value(series(u"portolan_link_cost"_s, node, peer), -1),
                             link.value("cost"_L1).toDouble());
                for (const auto &[key, metric] : {std::pair{"framesIn"_L1, u"portolan_link_frames_received_total"_s},
                                                  std::pair{"framesOut"_L1, u"portolan_link_frames_sent_total"_s}}) {
                    const double value = s.samples.value(series(metric, node, peer), -1);
                    const double low = early.value("links"_L1)[it.key()][key].toDouble();
                    const double high = after.value("links"_L1)[it.key()][key].toDouble();
                    QVERIFY2(value >= low && value <= high && value > 0,
                             qPrintable(u"%1 %2 %3: %4 not in %5..%6"_s.arg(node, it.key(), metric).arg(value).arg(low).arg(high)));
                }
            }
            // Per-address queues (router) or backlog (entity).
            const QJsonObject queues = before.value("queues"_L1).toObject();
            for (auto it = queues.constBegin(); it != queues.constEnd(); ++it) {
                const QString metric = router ? u"portolan_router_queue_depth"_s : u"portolan_entity_backlog"_s;
                QCOMPARE(s.samples.value(series(metric, node, u"address=\"%1\""_s.arg(it.key())), -1),
                         it.value().toDouble());
            }

            if (router) {
                // Per-address message counters: quiet, so the scrape matches the status,
                // and across a router's addresses they add up to its own counters.
                const QJsonObject addresses = before.value("addresses"_L1).toObject();
                QCOMPARE(after.value("addresses"_L1).toObject(), addresses);
                QVERIFY2(!addresses.isEmpty(), qPrintable(node + u": no per-address counters"_s));
                for (const auto &[key, metric] :
                     {std::pair{"received"_L1, u"portolan_router_address_messages_received_total"_s},
                      std::pair{"delivered"_L1, u"portolan_router_address_messages_delivered_total"_s},
                      std::pair{"acked"_L1, u"portolan_router_address_messages_acked_total"_s},
                      std::pair{"forwarded"_L1, u"portolan_router_address_messages_forwarded_total"_s}}) {
                    double sum = 0;
                    for (auto it = addresses.constBegin(); it != addresses.constEnd(); ++it) {
                        const double value = it.value().toObject().value(key).toDouble();
                        sum += value;
                        QCOMPARE(s.samples.value(series(metric, node, u"address=\"%1\""_s.arg(it.key())), -1), value);
                    }
                    QCOMPARE(sum, counters.value(key).toDouble());
                    QCOMPARE(s.types.value(metric), u"counter"_s);
                }
                const QJsonObject routes = before.value("routes"_L1).toObject();
                QCOMPARE(s.samples.value(series(u"portolan_router_routes"_s, node), -1), double(routes.size()));
                for (auto it = routes.constBegin(); it != routes.constEnd(); ++it) {
                    const QJsonObject route = it.value().toObject();
                    QCOMPARE(s.samples.value(series(u"portolan_router_route_cost"_s, node,
                                                    u"destination=\"%1\",next_hop=\"%2\""_s.arg(
                                                        it.key(), route.value("nextHop"_L1).toString())),
                                             -1),
                             route.value("cost"_L1).toDouble());
                }
                const QJsonObject entities = before.value("entities"_L1).toObject();
                QCOMPARE(s.samples.value(series(u"portolan_router_attached_entities"_s, node), -1),
                         double(entities.size()));
                QCOMPARE(entities.size(), 1);
            } else {
                // The role's own numbers, by key.
                const QJsonObject data = before.value("data"_L1).toObject();
                const QString role = u"role=\"%1\""_s.arg(before.value("role"_L1).toString());
                int numbers = 0;
                for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
                    if (!it.value().isDouble())
                        continue;
                    ++numbers;
                    // Durations in ms are exported in seconds: serviceMs -> portolan_role_service_seconds.
                    const bool milliseconds = it.key().endsWith("Ms"_L1);
                    QString name = u"portolan_role_"_s;
                    for (const QChar c : milliseconds ? it.key().chopped(2) : it.key())
                        name += c.isUpper() ? u'_' + QString(c.toLower()) : QString(c);
                    if (milliseconds)
                        name += u"_seconds"_s;
                    QVERIFY2(s.samples.contains(series(name, node, role)), qPrintable(node + u": no "_s + name));
                    QCOMPARE(s.samples.value(series(name, node, role)),
                             it.value().toDouble() * (milliseconds ? 0.001 : 1.0));
                }
                QVERIFY(numbers >= 3);
            }
        }
        // The figures agree across nodes, too: what the generator sent, the worker handled.
        const Scrape gen = scrape(mesh, u"gen"_s);
        const Scrape worker = scrape(mesh, u"w"_s);
        QCOMPARE(gen.samples.value(series(u"portolan_entity_messages_sent_total"_s, u"gen"_s)), double(MessageCount));
        QCOMPARE(worker.samples.value(series(u"portolan_entity_messages_handled_total"_s, u"w"_s)), double(MessageCount));
        QCOMPARE(worker.samples.value(series(u"portolan_role_completed"_s, u"w"_s, u"role=\"worker\""_s)),
                 double(MessageCount));
    }

    // The metrics follow the operator's actions: a cut link and a failed node show in the
    // next scrapes, and so does their restoration.
    void metricsFollowOperatorActions()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        mesh.router(u"r2"_s);
        mesh.link(u"r1"_s, u"r2"_s, 2, u"cheapnet"_s);
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        auto value = [&](const QString &node, const QString &labelledSeries) {
            return scrape(mesh, node).samples.value(labelledSeries, -1);
        };
        const QString linkCut = series(u"portolan_link_state"_s, u"r1"_s, u"peer=\"r2\",state=\"cut\""_s);
        const QString linkUp = series(u"portolan_link_state"_s, u"r1"_s, u"peer=\"r2\",state=\"up\""_s);
        const QString failed = series(u"portolan_node_state"_s, u"r1"_s, u"state=\"failed\""_s);
        const QString up = series(u"portolan_node_state"_s, u"r1"_s, u"state=\"up\""_s);
        // A scrape may serve a snapshot up to 100 ms old (one at most per telemetry tick),
        // taken before the link came up: wait for it rather than race it.
        QVERIFY(MeshFixture::waitUntil([&] { return value(u"r1"_s, linkUp) == 1.0; }, WaitMs));
        QCOMPARE(value(u"r1"_s, linkCut), 0.0);

        QString error;
        mesh.command(u"r1"_s, u"cut-link"_s, {{u"peer"_s, u"r2"_s}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil([&] { return value(u"r1"_s, linkCut) == 1.0; }, WaitMs));
        QCOMPARE(value(u"r1"_s, linkUp), 0.0);
        mesh.command(u"r1"_s, u"set-link-cost"_s, {{u"peer"_s, u"r2"_s}, {u"cost"_s, 7}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil(
            [&] { return value(u"r1"_s, series(u"portolan_link_cost"_s, u"r1"_s, u"peer=\"r2\""_s)) == 7.0; }, WaitMs));
        mesh.command(u"r1"_s, u"restore-link"_s, {{u"peer"_s, u"r2"_s}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil([&] { return value(u"r1"_s, linkUp) == 1.0; }, WaitMs));

        mesh.command(u"r1"_s, u"fail"_s, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil([&] { return value(u"r1"_s, failed) == 1.0; }, WaitMs));
        QCOMPARE(value(u"r1"_s, up), 0.0);
        mesh.command(u"r1"_s, u"restore"_s, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(MeshFixture::waitUntil([&] { return value(u"r1"_s, up) == 1.0; }, WaitMs));
    }

    // The control port answers plain HTTP as documented, without the run's token, while
    // the token-guarded control WebSocket keeps working on the same port.
    void plainHttpOnTheControlPort_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("hasBody");
        QTest::newRow("GET /metrics") << "GET"_ba << u"/metrics"_s << 200 << true;
        QTest::newRow("query ignored") << "GET"_ba << u"/metrics?name[]=portolan_node_info"_s << 200 << true;
        QTest::newRow("HEAD /metrics") << "HEAD"_ba << u"/metrics"_s << 200 << false;
        QTest::newRow("POST /metrics") << "POST"_ba << u"/metrics"_s << 405 << true;
        QTest::newRow("other path") << "GET"_ba << u"/status"_s << 404 << true;
        QTest::newRow("root") << "GET"_ba << u"/"_s << 404 << true;
    }
    void plainHttpOnTheControlPort()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(bool, hasBody);
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        QVERIFY(mesh.start());
        const Scrape s = request(mesh, u"r1"_s, method, path);
        QCOMPARE(s.status, status);
        QCOMPARE(!s.body.isEmpty(), hasBody);
        if (status == 200)
            QCOMPARE(s.contentType, "text/plain; version=0.0.4; charset=utf-8"_ba);
        if (status == 405)
            QCOMPARE(s.allow, "GET, HEAD"_ba);
        if (status == 200 && hasBody)
            QVERIFY(s.body.contains("portolan_node_info{node=\"r1\""));
        // The WebSocket side of the port is unaffected.
        QCOMPARE(mesh.status(u"r1"_s).value("node"_L1).toString(), u"r1"_s);
    }
};

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
