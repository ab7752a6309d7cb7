// bench_footprint: memory of idle nodes.
//
//   r1 ---- r2 ---- r3   interior routers (r3 only observes: see below)
//    \      /
//      e1                edge router with uplinks to r1 and r2
//       |
//    store-1             a Pirate Pugs store with a small inventory
//
// The measured nodes get no control connection until the idle reading: the first control
// WebSocket a node accepts maps more of Qt and its TLS libraries, which is measured
// separately. Convergence is therefore checked on r3, an unmeasured router one hop
// further, which knows the store only once its advert has crossed the whole mesh. Then the
// nodes are left alone for the settle time and their memory is read from /proc: VmRSS (the target), split into
// anonymous memory (the node's own heap and stacks) and file-backed pages (mapped Qt and
// system libraries, shared by every node on the machine), PSS (shared pages divided among
// the processes that map them: what one more node really costs) and the peak VmHWM.
// Then a console-like client subscribes to telemetry (10 Hz) and events on every node and
// the reading is repeated, since a node under a console is the usual case.

#include "benchmesh.h"
#include "processsample.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;
using Portolan::Bench::BenchMesh;
using Portolan::Bench::ProcessSample;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Row
{
    QString id;
    QString what;
};

double mb(qint64 kb)
{
    return double(kb) / 1024.0;
}

// Prints one table; returns the largest VmRSS in kB (or -1 when a process could not be read).
qint64 printTable(BenchMesh &mesh, const QList<Row> &rows)
{
    out() << QString::asprintf("  %-9s %-28s %9s %9s %9s %9s %9s\n", "node", "what", "VmRSS MB", "anon MB",
                               "file MB", "PSS MB", "VmHWM MB");
    qint64 largest = 0;
    for (const Row &row : rows) {
        const auto sample = ProcessSample::read(mesh.pid(row.id));
        if (!sample) {
            out() << "  " << row.id << ": cannot read /proc for pid " << mesh.pid(row.id) << '\n';
            largest = -1;
            continue;
        }
        out() << QString::asprintf("  %-9s %-28s %9.1f %9.1f %9.1f %9.1f %9.1f\n", qPrintable(row.id),
                                   qPrintable(row.what), mb(sample->vmRssKb), mb(sample->rssAnonKb),
                                   mb(sample->rssFileKb), mb(sample->pssKb), mb(sample->vmHwmKb));
        if (largest >= 0)
            largest = qMax(largest, sample->vmRssKb);
    }
    out().flush();
    return largest;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_footprint"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Resident memory of an idle interior router, edge router and store."_s);
    parser.addHelpOption();
    const QCommandLineOption settleOption(u"settle-ms"_s, u"How long the converged mesh is left alone before reading (default 2000)."_s, u"ms"_s);
    parser.addOption(settleOption);
    parser.process(app);
    const int settleMs = parser.isSet(settleOption) ? parser.value(settleOption).toInt() : 2000;

    BenchMesh mesh(BenchMesh::defaultProgram());
    if (!mesh.isValid()) {
        QTextStream(stderr) << "bench_footprint: portolan-node not found next to the benchmark; set PORTOLAN_NODE_BINARY\n";
        return 2;
    }
    mesh.router(u"r1"_s);
    mesh.router(u"r2"_s);
    mesh.router(u"e1"_s, u"edge"_s);
    mesh.router(u"r3"_s);
    mesh.link(u"r1"_s, u"r2"_s, 1);
    mesh.link(u"r3"_s, u"r2"_s, 1);
    mesh.link(u"e1"_s, u"r1"_s, 1);
    mesh.link(u"e1"_s, u"r2"_s, 3);
    mesh.entity(u"store-1"_s, u"store"_s, {u"e1"_s},
                {{u"number"_s, 1},
                 {u"position"_s, QJsonArray{10, 20}},
                 {u"inventory"_s, QJsonObject{{u"cutlass"_s, 2}, {u"tricorn"_s, 5}, {u"parrot"_s, 1}}}});
    QString error;
    if (!mesh.start(&error)) {
        QTextStream(stderr) << "bench_footprint: " << error << '\n';
        return 1;
    }
    const bool converged = BenchMesh::waitUntil([&] {
        return !mesh.command(u"r3"_s, u"explain"_s, {{u"address"_s, u"/store/1"_s}})
                    .value("destinations"_L1).toArray().isEmpty();
    }, 15000, 20);
    if (!converged) {
        QTextStream(stderr) << "bench_footprint: r3 never learned where /store/1 is\n";
        return 1;
    }

    const QList<Row> rows{{u"r1"_s, u"interior router (2 links)"_s},
                          {u"r2"_s, u"interior router (2 links)"_s},
                          {u"e1"_s, u"edge router (2 uplinks)"_s},
                          {u"store-1"_s, u"store, 3 items, on disk"_s}};
    out() << "bench_footprint  " << QDateTime::currentDateTime().toString(Qt::ISODate) << "  settle " << settleMs
          << " ms; target VmRSS <= 15 MB per node\n\n";
    BenchMesh::spin(settleMs);
    out() << "idle, no control connection ever opened:\n";
    const qint64 idle = printTable(mesh, rows);

    for (const Row &row : rows)
        mesh.control(row.id);
    BenchMesh::spin(settleMs);
    out() << "\nafter one control connection (connected, not subscribed):\n";
    const qint64 connected = printTable(mesh, rows);

    for (const Row &row : rows) {
        if (Portolan::Supervisor::ControlClient *client = mesh.control(row.id))
            client->subscribe(10, true, true);
    }
    BenchMesh::spin(settleMs);
    out() << "\nwith a console subscribed (telemetry 10 Hz + events):\n";
    const qint64 watched = printTable(mesh, rows);

    const bool met = idle > 0 && idle <= 15 * 1024;
    out() << "\nlargest idle VmRSS " << QString::number(mb(idle), 'f', 1) << " MB (target <= 15 MB: "
          << (met ? "met" : "NOT met") << "); after a control connection " << QString::number(mb(connected), 'f', 1)
          << " MB; with a console subscribed " << QString::number(mb(watched), 'f', 1) << " MB\n";
    out() << "RESULT idle_max_rss_kb=" << idle << " connected_max_rss_kb=" << connected
          << " watched_max_rss_kb=" << watched << '\n';
    out().flush();
    return idle > 0 ? 0 : 1;
}
