// bench_failover: time from a link's death to the first message delivered over the new path.
//
//            A ----1---- B
//   gen -->  |           |1
//            1           E (edge)  --> sink
//            |           |2
//            C ----------+
//
// Interior routers A, B, C; edge router E with uplinks to B (cost 1) and C (cost 2); the
// generator on A sends steady acked traffic (1000 msg/s, one message per millisecond) to a
// worker on E. The primary path is A-B-E (cost 2), the alternative A-C-E (cost 3).
//
// Each trial cuts the link A-B at B — the far side from the origin A, which is the router
// that must reroute and resend:
//   close:  cut-link (socket closed): A sees the socket close at once;
//   silent: cut-link silent: B stops sending and reading on the link but keeps the socket,
//           so A can only notice missed hellos. B's own link-state update cannot reach A
//           either: B's only other neighbour is the edge E, and edges do not flood.
//
// What is measured. t0 is the benchmark's wall clock just before the cut command is
// written to B's control socket (the cut happens less than a millisecond later). Beside
// the generator's load, the benchmark injects a traced probe message at the generator
// every 2 ms (control command "send"); a traced message records the routers it passed,
// and its consumer publishes a "delivery" event stamped with the node's wall clock. The
// failover time is the timestamp of the first delivery whose path goes through C (the
// new way) minus t0; duplicates of messages already delivered produce no event, so it
// is a genuinely new delivery. Resends of untraced in-flight messages may arrive up to one
// probe interval earlier, so the figure is an upper bound tight to 2 ms (plus clock
// resolution of 1 ms). A's own "link-down" and "route-change" events split it into
// detection and rerouting. All clocks are the same machine's.

#include "benchmesh.h"
#include "samplestats.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QTextStream>
#include <QTimer>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using Portolan::Bench::BenchMesh;
using Portolan::Bench::SampleStats;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Trial
{
    std::optional<qint64> detectMs;    // A's link-down for B
    std::optional<qint64> rerouteMs;   // A's route to E moved to C
    std::optional<qint64> deliverMs;   // first delivery over A-C-E
    QString linkDownReason;
};

// Events of the nodes we watch, kept in arrival order with what the benchmark needs.
class EventLog : public QObject
{
public:
    struct Delivery
    {
        qint64 ts;
        QStringList path;
    };
    struct LinkDown
    {
        qint64 ts;
        QString peer;
        QString reason;
    };
    struct RouteChange
    {
        qint64 ts;
        QString nextHop;   // of the route to E
    };

    void watch(Portolan::Supervisor::ControlClient *client)
    {
        connect(client, &Portolan::Supervisor::ControlClient::eventReceived, this, [this](const QJsonObject &e) {
            const QString kind = e.value("kind"_L1).toString();
            const QString node = e.value("node"_L1).toString();
            const qint64 ts = e.value("ts"_L1).toInteger();
            if (kind == "delivery"_L1 && node == "sink"_L1) {
                QStringList path;
                const QJsonArray hops = e.value("path"_L1).toArray();
                for (const QJsonValue &hop : hops)
                    path.append(hop.toString());
                deliveries.append({ts, path});
            } else if (kind == "link-down"_L1 && node == "A"_L1) {
                linkDowns.append({ts, e.value("peer"_L1).toString(), e.value("reason"_L1).toString()});
            } else if (kind == "route-change"_L1 && node == "A"_L1) {
                const QJsonObject routes = e.value("routes"_L1).toObject();
                if (routes.contains("E"_L1))
                    routeChanges.append({ts, routes.value("E"_L1).toObject().value("nextHop"_L1).toString()});
            }
        });
    }

    void clear()
    {
        deliveries.clear();
        linkDowns.clear();
        routeChanges.clear();
    }

    std::optional<qint64> firstDeliveryVia(const QString &router, qint64 since) const
    {
        for (const Delivery &d : deliveries) {
            if (d.ts >= since && d.path.contains(router))
                return d.ts;
        }
        return std::nullopt;
    }

    QList<Delivery> deliveries;
    QList<LinkDown> linkDowns;
    QList<RouteChange> routeChanges;
};

QString routeOf(BenchMesh &mesh, const QString &router, const QString &destination)
{
    return mesh.status(router).value("routes"_L1).toObject().value(destination).toObject()
        .value("nextHop"_L1).toString();
}

double counter(BenchMesh &mesh, const QString &node, QLatin1StringView section, QLatin1StringView name)
{
    return mesh.status(node).value(section).toObject().value(name).toDouble();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_failover"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Time from a link's death to the first message delivered over the new path."_s);
    parser.addHelpOption();
    const QCommandLineOption trialsOption(u"trials"_s, u"Trials per kind of cut (default 10)."_s, u"n"_s);
    const QCommandLineOption rateOption(u"rate"_s, u"Generator load, msg/s (default 1000)."_s, u"rate"_s);
    const QCommandLineOption probeOption(u"probe-ms"_s, u"Interval of traced probes (default 2)."_s, u"ms"_s);
    parser.addOptions({trialsOption, rateOption, probeOption});
    parser.process(app);
    const int trials = parser.isSet(trialsOption) ? parser.value(trialsOption).toInt() : 10;
    const double rate = parser.isSet(rateOption) ? parser.value(rateOption).toDouble() : 1000;
    const int probeMs = parser.isSet(probeOption) ? parser.value(probeOption).toInt() : 2;
    if (trials < 1 || rate <= 0 || probeMs < 1) {
        QTextStream(stderr) << "bench_failover: --trials, --rate and --probe-ms must be positive\n";
        return 2;
    }

    BenchMesh mesh(BenchMesh::defaultProgram());
    if (!mesh.isValid()) {
        QTextStream(stderr) << "bench_failover: portolan-node not found next to the benchmark; set PORTOLAN_NODE_BINARY\n";
        return 2;
    }
    mesh.router(u"A"_s);
    mesh.router(u"B"_s);
    mesh.router(u"C"_s);
    mesh.router(u"E"_s, u"edge"_s);
    mesh.link(u"A"_s, u"B"_s, 1);
    mesh.link(u"A"_s, u"C"_s, 1);
    mesh.link(u"E"_s, u"B"_s, 1);
    mesh.link(u"E"_s, u"C"_s, 2);
    mesh.entity(u"sink"_s, u"worker"_s, {u"E"_s},
                {{u"address"_s, u"/bench"_s}, {u"serviceMs"_s, 0}, {u"replies"_s, false}});
    QString error;
    if (!mesh.start(&error)) {
        QTextStream(stderr) << "bench_failover: " << error << '\n';
        return 1;
    }
    const bool ready = BenchMesh::waitUntil([&] {
        return routeOf(mesh, u"A"_s, u"E"_s) == "B"_L1
               && !mesh.command(u"A"_s, u"explain"_s, {{u"address"_s, u"/bench/in"_s}})
                       .value("destinations"_L1).toArray().isEmpty();
    }, 15000, 20);
    if (!ready) {
        QTextStream(stderr) << "bench_failover: the mesh did not converge (A has no route to E via B, or no consumer)\n";
        return 1;
    }
    Portolan::Node::NodeConfig &gen = mesh.entity(
        u"gen"_s, u"generator"_s, {u"A"_s}, {{u"address"_s, u"/bench/in"_s}, {u"rate"_s, rate}, {u"bodyBytes"_s, 256}});
    gen.tickMs = 1;   // one message per millisecond at 1000 msg/s: steady, not bursts
    if (!mesh.start(&error)) {
        QTextStream(stderr) << "bench_failover: " << error << '\n';
        return 1;
    }

    EventLog log;
    Portolan::Supervisor::ControlClient *sinkControl = mesh.control(u"sink"_s, true);
    Portolan::Supervisor::ControlClient *aControl = mesh.control(u"A"_s, true);
    Portolan::Supervisor::ControlClient *genControl = mesh.control(u"gen"_s);
    if (!sinkControl || !aControl || !genControl) {
        QTextStream(stderr) << "bench_failover: no control connection\n";
        return 1;
    }
    log.watch(sinkControl);
    log.watch(aControl);

    const QString probeBody(256, u'p');
    QTimer probes;
    probes.setTimerType(Qt::PreciseTimer);
    probes.setInterval(probeMs);
    QObject::connect(&probes, &QTimer::timeout, &log, [&] {
        if (genControl->isConnected())
            genControl->command(u"send"_s, {{u"address"_s, u"/bench/probe"_s}, {u"trace"_s, true}, {u"body"_s, probeBody}});
    });
    probes.start();

    out() << "bench_failover  " << QDateTime::currentDateTime().toString(Qt::ISODate) << '\n'
          << "  A-B-E primary, A-C-E alternative; cut A-B at B; load " << rate << " msg/s acked (tick 1 ms), traced probe every "
          << probeMs << " ms; hello 100 ms, dead after 3 missed\n"
          << "  times in ms after the cut command: detect = A's link-down, reroute = A's route to E via C,\n"
          << "  first = first new delivery at the sink over A-C-E\n\n";
    out().flush();

    struct Kind
    {
        QString name;
        bool silent;
        double targetMs;
    };
    const QList<Kind> kinds{{u"close"_s, false, 50}, {u"silent"_s, true, 300}};
    bool allMeasured = true;
    QStringList results;
    for (const Kind &kind : kinds) {
        QList<double> detect;
        QList<double> reroute;
        QList<double> first;
        out() << kind.name << ":\n";
        for (int i = 0; i < trials; ++i) {
            // Steady state first: traffic flows over B again.
            log.clear();
            const qint64 settleFrom = QDateTime::currentMSecsSinceEpoch();
            const bool steady = BenchMesh::waitUntil([&] {
                return log.firstDeliveryVia(u"B"_s, settleFrom).has_value();
            }, 10000);
            if (!steady) {
                out() << "  trial " << (i + 1) << ": traffic never flowed over A-B-E again\n";
                allMeasured = false;
                break;
            }
            BenchMesh::spin(300);
            log.clear();
            const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
            mesh.command(u"B"_s, u"cut-link"_s, {{u"peer"_s, u"A"_s}, {u"silent"_s, kind.silent}}, &error);
            if (!error.isEmpty()) {
                out() << "  trial " << (i + 1) << ": cut-link failed: " << error << '\n';
                allMeasured = false;
                break;
            }
            Trial trial;
            BenchMesh::waitUntil([&] { return log.firstDeliveryVia(u"C"_s, t0).has_value(); }, 5000, 1);
            // Give A's events (published in the same turn, sent a moment later) time to arrive.
            BenchMesh::spin(50);
            if (const auto delivered = log.firstDeliveryVia(u"C"_s, t0))
                trial.deliverMs = *delivered - t0;
            for (const auto &down : std::as_const(log.linkDowns)) {
                if (down.peer == "B"_L1 && !trial.detectMs) {
                    trial.detectMs = down.ts - t0;
                    trial.linkDownReason = down.reason;
                }
            }
            for (const auto &change : std::as_const(log.routeChanges)) {
                if (change.nextHop == "C"_L1 && !trial.rerouteMs)
                    trial.rerouteMs = change.ts - t0;
            }
            auto show = [](const std::optional<qint64> &v) { return v ? QString::number(*v) : u"-"_s; };
            out() << "  trial " << QString::asprintf("%2d", i + 1) << ": detect " << show(trial.detectMs) << "  reroute "
                  << show(trial.rerouteMs) << "  first " << show(trial.deliverMs) << "   (" << trial.linkDownReason
                  << ")\n";
            out().flush();
            if (trial.detectMs)
                detect.append(double(*trial.detectMs));
            if (trial.rerouteMs)
                reroute.append(double(*trial.rerouteMs));
            if (trial.deliverMs)
                first.append(double(*trial.deliverMs));
            else
                allMeasured = false;

            mesh.command(u"B"_s, u"restore-link"_s, {{u"peer"_s, u"A"_s}}, &error);
            if (!BenchMesh::waitUntil([&] { return routeOf(mesh, u"A"_s, u"E"_s) == "B"_L1; }, 10000, 20)) {
                out() << "  the link A-B did not come back after restore-link\n";
                allMeasured = false;
                break;
            }
        }
        const SampleStats d(detect), r(reroute), f(first);
        out() << QString::asprintf("  %-7s n=%lld  detect min/median/max %.0f/%.0f/%.0f  reroute %.0f/%.0f/%.0f  "
                                   "first delivery %.0f/%.0f/%.0f ms  (target <= %.0f ms: %s)\n\n",
                                   qPrintable(kind.name), qint64(f.count()), d.min(), d.median(), d.max(), r.min(),
                                   r.median(), r.max(), f.min(), f.median(), f.max(), kind.targetMs,
                                   !f.isEmpty() && f.median() <= kind.targetMs
                                       ? (f.max() <= kind.targetMs ? "met" : "median met, max not")
                                       : "NOT met");
        results.append(u"%1_median=%2 %1_max=%3"_s.arg(kind.name).arg(f.median()).arg(f.max()));
        out().flush();
    }
    probes.stop();

    // Nothing acked may be lost or refused through all of it.
    BenchMesh::spin(1500);
    const double refused = counter(mesh, u"gen"_s, "data"_L1, "refused"_L1);
    const double duplicates = counter(mesh, u"sink"_s, "counters"_L1, "duplicates"_L1);
    const double resent = counter(mesh, u"A"_s, "counters"_L1, "resent"_L1);
    out() << "generator refused " << refused << ", sink dropped " << duplicates << " duplicates, A resent " << resent
          << '\n';
    out() << "RESULT " << results.join(u' ') << " refused=" << refused << '\n';
    out().flush();
    return allMeasured && refused == 0 ? 0 : 1;
}
