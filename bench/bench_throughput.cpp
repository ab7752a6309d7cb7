// bench_throughput: acked 256-byte messages through two router hops.
//
//   generator "gen" --> interior router A --> interior router B --> worker "sink"
//                        (origin: keeps each message until the sink's ack comes back)
//
// For each offered rate a fresh mesh of four portolan-node processes is started; the
// generator role sends at that rate (open loop, token bucket refilled every tick) to a
// worker with serviceMs 0 and no replies. After a warm-up the benchmark reads the
// generator's own counters and latency window over the control socket, plus the CPU time
// of every process from /proc, and prints the settled rate and latency per offered rate
// and the saturation point. Optionally profiles one node (perf or callgrind).

#include "benchmesh.h"
#include "machinesample.h"
#include "processsample.h"
#include "samplestats.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTextStream>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using Portolan::Bench::BenchMesh;
using Portolan::Bench::ProcessSample;
using Portolan::Bench::SampleStats;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

const QStringList NodeIds{u"gen"_s, u"A"_s, u"B"_s, u"sink"_s};

struct Options
{
    QList<double> rates;
    int warmupMs = 2000;
    int measureMs = 5000;
    int tickMs = 10;
    int bodyBytes = 256;
    bool memoryStore = false;
    QString profileNode;
    QString profiler = u"perf"_s;
    QString profileDir;
    QString perfArgs = u"-e cpu-clock -F 499 --call-graph dwarf,8192"_s;
    int quietWaitMs = 10000;
    int refineSteps = 3;
    int contendedRetries = 1;
};

struct Snapshot
{
    qint64 atMs = 0;
    double sent = 0;
    double accepted = 0;
    double refused = 0;
    double inFlight = 0;
    double handled = 0;
    double resentA = 0;
    QHash<QString, double> messages;   // messages each node handled: routers received, gen sent, sink received
    QHash<QString, ProcessSample> processes;
    ProcessSample self;
    Portolan::Bench::MachineSample machine;
    QString error;   // a node did not answer
};

struct StepResult
{
    double offered = 0;
    double sentRate = 0;
    double settledRate = 0;
    double deliveredRate = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double p99MaxMs = 0;
    double inFlightStart = 0;
    double inFlightEnd = 0;
    double resent = 0;
    double refused = 0;
    QHash<QString, double> cpuPercent;
    QHash<QString, double> cpuMicrosPerMessage;   // CPU time per settled message
    double otherPercent = 0;   // CPU used by processes that are not this benchmark's
    double backgroundBefore = 0;   // machine busy % just before the step started
    QString profile;   // the profile written, if any
    double profiledMessages = 0;   // messages the profiled node handled in the window
    bool unresponsive = false;     // error: a node was too busy to answer
    QString error;

    // Keeps up: (nearly) everything sent settles, and the backlog of unsettled
    // messages does not grow over the window.
    bool keepsUp(double windowSeconds) const
    {
        // 2 % slack for the window's edges (the generator sends in ticks), no more: a
        // generator held back by its window sends less than offered, and that is not keeping up.
        return error.isEmpty() && settledRate >= 0.98 * sentRate && sentRate >= 0.98 * offered
               && inFlightEnd - inFlightStart < 0.02 * sentRate * windowSeconds;
    }
};

// While profiling, a node stops for a moment whenever the profiler is told something
// (callgrind_control attaches through vgdb), and runs ~50 times slower throughout. With
// the default 300 ms dead interval and 1 s retransmission its peers would declare the
// link dead and resend everything, and the profile would show that instead of the
// forwarding path: allow 5 s of silence and 10 s before a resend.
void tolerateStalls(BenchMesh &mesh)
{
    const QStringList configured = mesh.ids();
    for (const QString &id : configured) {
        Portolan::Node::NodeConfig &config = mesh.config(id);
        config.deadIntervals = 50;
        config.retransmitMs = 10000;
    }
}

// Zeroes the cost counters of a node running under callgrind.
void callgrindZero(qint64 pid)
{
    QProcess::execute(u"callgrind_control"_s, {u"-z"_s, QString::number(pid)});
}

double number(const QJsonObject &object, QLatin1StringView path)
{
    QJsonValue value = object;
    const QStringList keys = QString(path).split(u'.');
    for (const QString &key : keys)
        value = value.toObject().value(key);
    return value.toDouble();
}

Snapshot snapshot(BenchMesh &mesh)
{
    Snapshot s;
    // An overloaded node may not answer in time (its event loop is busy sending or
    // resending); a missing answer must not read as zero.
    auto status = [&](const QString &id) {
        QString error;
        const QJsonObject answer = mesh.command(id, u"status"_s, {}, &error, 3000);
        if (!error.isEmpty() && s.error.isEmpty())
            s.error = u"%1 did not answer \"status\" within 3 s (event loop blocked)"_s.arg(id);
        return answer;
    };
    const QJsonObject gen = status(u"gen"_s);
    const QJsonObject sink = status(u"sink"_s);
    const QJsonObject a = status(u"A"_s);
    const QJsonObject b = status(u"B"_s);
    s.atMs = QDateTime::currentMSecsSinceEpoch();
    s.sent = number(gen, "data.sent"_L1);
    s.accepted = number(gen, "data.accepted"_L1);
    s.refused = number(gen, "data.refused"_L1);
    s.inFlight = number(gen, "data.inFlight"_L1);
    s.handled = number(sink, "counters.handled"_L1);
    s.resentA = number(a, "counters.resent"_L1);
    s.messages = {{u"gen"_s, s.sent}, {u"A"_s, number(a, "counters.received"_L1)},
                  {u"B"_s, number(b, "counters.received"_L1)}, {u"sink"_s, number(sink, "counters.received"_L1)}};
    for (const QString &id : NodeIds) {
        if (auto sample = ProcessSample::read(mesh.pid(id)))
            s.processes.insert(id, *sample);
    }
    s.self = ProcessSample::read(QCoreApplication::applicationPid()).value_or(ProcessSample{});
    s.machine = Portolan::Bench::MachineSample::read().value_or(Portolan::Bench::MachineSample{});
    return s;
}

// Waits (up to maxWaitMs) until the machine is nearly idle before a step, since other
// people's compilers on a shared 2-core machine would take the cores the nodes need.
// Returns how busy the machine was over the last second (percent of one core).
double waitForQuietMachine(int maxWaitMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const auto before = Portolan::Bench::MachineSample::read();
        QElapsedTimer second;
        second.start();
        BenchMesh::spin(1000);
        const auto after = Portolan::Bench::MachineSample::read();
        if (!before || !after)
            return -1;
        const double busy = Portolan::Bench::machineBusyPercent(*before, *after, second.elapsed());
        if (busy < 15 || clock.elapsed() >= maxWaitMs)
            return busy;
    }
}

StepResult runStep(const QString &program, const Options &options, double rate)
{
    StepResult result;
    result.offered = rate;
    result.backgroundBefore = waitForQuietMachine(options.quietWaitMs);
    BenchMesh mesh(program);
    if (!mesh.isValid()) {
        result.error = u"no portolan-node binary (set PORTOLAN_NODE_BINARY)"_s;
        return result;
    }
    mesh.router(u"A"_s);
    mesh.router(u"B"_s);
    mesh.link(u"A"_s, u"B"_s, 1);
    Portolan::Node::NodeConfig &sink = mesh.entity(
        u"sink"_s, u"worker"_s, {u"B"_s},
        {{u"address"_s, u"/bench"_s}, {u"serviceMs"_s, 0}, {u"replies"_s, false}});
    if (options.memoryStore)
        sink.dataDir = u":memory:"_s;
    if (!options.profileNode.isEmpty() && options.profiler == "callgrind"_L1) {
        const QString outFile = QDir(options.profileDir)
                                    .filePath(u"callgrind.%1.%2.out"_s.arg(options.profileNode).arg(qint64(rate)));
        // The counters are zeroed when the measurement window opens (callgrind_control -z)
        // and the node is stopped right after it, so the profile holds the steady state,
        // not start-up and warm-up. (Switching instrumentation on only then would stall the
        // node for a second while valgrind retranslates, and the stall would show up as
        // retransmissions in the profile.)
        mesh.wrap(options.profileNode, u"valgrind --tool=callgrind --callgrind-out-file=%1"_s.arg(outFile));
        result.profile = outFile;
    }
    if (!options.profileNode.isEmpty())
        tolerateStalls(mesh);
    QString error;
    if (!mesh.start(&error, 60000)) {
        result.error = error;
        return result;
    }
    // The generator starts only once A knows where /bench/in goes: otherwise its first
    // messages would be refused for want of a consumer.
    const bool routed = BenchMesh::waitUntil([&] {
        return !mesh.command(u"A"_s, u"explain"_s, {{u"address"_s, u"/bench/in"_s}})
                    .value("destinations"_L1).toArray().isEmpty();
    }, 20000, 20);
    if (!routed) {
        result.error = u"A never learned a consumer for /bench/in"_s;
        return result;
    }
    Portolan::Node::NodeConfig &gen = mesh.entity(
        u"gen"_s, u"generator"_s, {u"A"_s},
        {{u"address"_s, u"/bench/in"_s}, {u"rate"_s, rate}, {u"bodyBytes"_s, options.bodyBytes}});
    gen.tickMs = quint32(options.tickMs);
    if (options.memoryStore)
        gen.dataDir = u":memory:"_s;
    if (!options.profileNode.isEmpty())
        tolerateStalls(mesh);
    if (!mesh.start(&error, 60000)) {
        result.error = error;
        return result;
    }
    BenchMesh::spin(options.warmupMs);

    QProcess perf;
    if (!options.profileNode.isEmpty() && options.profiler == "perf"_L1) {
        const QString outFile = QDir(options.profileDir)
                                    .filePath(u"perf.%1.%2.data"_s.arg(options.profileNode).arg(qint64(rate)));
        QStringList args{u"record"_s};
        args += options.perfArgs.split(u' ', Qt::SkipEmptyParts);
        args += {u"-o"_s, outFile, u"-p"_s, QString::number(mesh.pid(options.profileNode)), u"--"_s,
                 u"sleep"_s, QString::number(double(options.measureMs) / 1000.0)};
        perf.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        perf.start(u"perf"_s, args);
        result.profile = outFile;
    }
    const bool callgrind = !options.profileNode.isEmpty() && options.profiler == "callgrind"_L1;
    if (callgrind)
        callgrindZero(mesh.pid(options.profileNode));

    const Snapshot begin = snapshot(mesh);
    QList<double> p50;
    QList<double> p99;
    QElapsedTimer window;
    window.start();
    while (window.elapsed() < options.measureMs) {
        BenchMesh::spin(250);
        QString pollError;
        const QJsonObject status = mesh.command(u"gen"_s, u"status"_s, {}, &pollError, 1000);
        if (pollError.isEmpty() && number(status, "data.latencySamples"_L1) > 0) {
            p50.append(number(status, "data.latencyP50Ms"_L1));
            p99.append(number(status, "data.latencyP99Ms"_L1));
        }
    }
    const Snapshot end = snapshot(mesh);
    if (perf.state() != QProcess::NotRunning)
        perf.waitForFinished(60000);

    if (!begin.error.isEmpty() || !end.error.isEmpty()) {
        result.error = begin.error.isEmpty() ? end.error : begin.error;
        result.unresponsive = true;
        return result;
    }
    const double seconds = double(end.atMs - begin.atMs) / 1000.0;
    result.sentRate = (end.sent - begin.sent) / seconds;
    result.settledRate = (end.accepted - begin.accepted) / seconds;
    result.deliveredRate = (end.handled - begin.handled) / seconds;
    result.refused = end.refused;
    result.inFlightStart = begin.inFlight;
    result.inFlightEnd = end.inFlight;
    result.resent = end.resentA - begin.resentA;
    if (!options.profileNode.isEmpty())
        result.profiledMessages = end.messages.value(options.profileNode) - begin.messages.value(options.profileNode);
    result.p50Ms = SampleStats(p50).median();
    result.p99Ms = SampleStats(p99).median();
    result.p99MaxMs = SampleStats(p99).max();
    const qint64 wallMs = end.atMs - begin.atMs;
    const double settled = end.accepted - begin.accepted;
    double ours = Portolan::Bench::cpuPercent(begin.self, end.self, wallMs);
    for (const QString &id : NodeIds) {
        if (!begin.processes.contains(id) || !end.processes.contains(id))
            continue;
        const ProcessSample &b = begin.processes[id];
        const ProcessSample &e = end.processes[id];
        result.cpuPercent.insert(id, Portolan::Bench::cpuPercent(b, e, wallMs));
        ours += result.cpuPercent.value(id);
        if (settled > 0)
            result.cpuMicrosPerMessage.insert(id, double(e.cpuMs - b.cpuMs) * 1000.0 / settled);
    }
    result.otherPercent = qMax(0.0, Portolan::Bench::machineBusyPercent(begin.machine, end.machine, wallMs) - ours);
    if (callgrind)
        mesh.stop(options.profileNode);   // SIGTERM: callgrind writes its file on exit
    return result;
}

QString cpuModel()
{
    QFile cpuinfo(u"/proc/cpuinfo"_s);
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = cpuinfo.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return u"unknown"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_throughput"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Acked 256-byte messages through two router hops "
                                     "(generator -> A -> B -> worker): settled rate and latency per offered rate."_s);
    parser.addHelpOption();
    const QCommandLineOption ratesOption(u"rates"_s, u"Offered rates, msg/s, comma-separated (default 10000,50000,100000,200000,400000)."_s, u"list"_s);
    const QCommandLineOption warmupOption(u"warmup-ms"_s, u"Warm-up before measuring (default 2000)."_s, u"ms"_s);
    const QCommandLineOption measureOption(u"measure-ms"_s, u"Measurement window (default 5000)."_s, u"ms"_s);
    const QCommandLineOption tickOption(u"tick-ms"_s, u"The generator's tick: it sends rate*tick/1000 messages per tick (default 10)."_s, u"ms"_s);
    const QCommandLineOption bodyOption(u"body-bytes"_s, u"Message body size (default 256)."_s, u"bytes"_s);
    const QCommandLineOption memoryOption(u"memory-store"_s, u"Entities keep their SQLite database in memory instead of on disk."_s);
    const QCommandLineOption profileOption(u"profile"_s, u"Profile this node (gen, A, B or sink) during each measurement window."_s, u"node"_s);
    const QCommandLineOption profilerOption(u"profiler"_s, u"perf (attach for the window) or callgrind (run the node under valgrind). Default perf."_s, u"tool"_s);
    const QCommandLineOption profileDirOption(u"profile-dir"_s, u"Where profiles are written (default: current directory)."_s, u"dir"_s);
    const QCommandLineOption quietOption(u"quiet-wait-ms"_s, u"Before each step, wait up to this long for the machine to be idle (default 10000)."_s, u"ms"_s);
    const QCommandLineOption refineOption(u"bisect"_s, u"Extra steps that narrow the saturation point down (default 3)."_s, u"n"_s);
    const QCommandLineOption retryOption(u"contended-retries"_s, u"Measure a step again when other processes took over 25% of a core during it (default 1)."_s, u"n"_s);
    const QCommandLineOption perfArgsOption(u"perf-args"_s, u"Arguments for perf record (default \"-e cpu-clock -F 499 --call-graph dwarf,8192\")."_s, u"args"_s);
    parser.addOptions({ratesOption, warmupOption, measureOption, tickOption, bodyOption, memoryOption,
                       profileOption, profilerOption, profileDirOption, perfArgsOption, quietOption, refineOption, retryOption});
    parser.process(app);

    Options options;
    const QString rates = parser.value(ratesOption).isEmpty() ? u"10000,50000,100000,200000,400000"_s
                                                              : parser.value(ratesOption);
    for (const QString &r : rates.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double rate = r.trimmed().toDouble(&ok);
        if (!ok || rate <= 0) {
            QTextStream(stderr) << "bench_throughput: bad rate '" << r << "'\n";
            return 2;
        }
        options.rates.append(rate);
    }
    auto intOption = [&](const QCommandLineOption &option, int *target, int minimum) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            QTextStream(stderr) << "bench_throughput: --" << option.names().constFirst() << " must be an integer >= "
                                << minimum << '\n';
            return false;
        }
        *target = value;
        return true;
    };
    if (!intOption(warmupOption, &options.warmupMs, 0) || !intOption(measureOption, &options.measureMs, 500)
        || !intOption(tickOption, &options.tickMs, 1) || !intOption(bodyOption, &options.bodyBytes, 0)
        || !intOption(quietOption, &options.quietWaitMs, 0) || !intOption(refineOption, &options.refineSteps, 0)
        || !intOption(retryOption, &options.contendedRetries, 0))
        return 2;
    options.memoryStore = parser.isSet(memoryOption);
    options.profileNode = parser.value(profileOption);
    if (!options.profileNode.isEmpty() && !NodeIds.contains(options.profileNode)) {
        QTextStream(stderr) << "bench_throughput: --profile must be one of " << NodeIds.join(u", "_s) << '\n';
        return 2;
    }
    if (parser.isSet(profilerOption))
        options.profiler = parser.value(profilerOption);
    if (options.profiler != "perf"_L1 && options.profiler != "callgrind"_L1) {
        QTextStream(stderr) << "bench_throughput: --profiler must be perf or callgrind\n";
        return 2;
    }
    options.profileDir = parser.isSet(profileDirOption) ? parser.value(profileDirOption) : QDir::currentPath();
    if (parser.isSet(perfArgsOption))
        options.perfArgs = parser.value(perfArgsOption);

    const QString program = BenchMesh::defaultProgram();
    if (program.isEmpty()) {
        QTextStream(stderr) << "bench_throughput: portolan-node not found next to the benchmark; set PORTOLAN_NODE_BINARY\n";
        return 2;
    }

    out() << "bench_throughput  " << QDateTime::currentDateTime().toString(Qt::ISODate) << "  nproc "
          << QThread::idealThreadCount() << "  cpu " << cpuModel() << '\n'
          << "  gen -> A -> B -> sink, " << options.bodyBytes << "-byte bodies, acked (closest), worker serviceMs 0, "
          << "generator tick " << options.tickMs << " ms, store " << (options.memoryStore ? "in memory" : "on disk (WAL)")
          << ", warm-up " << options.warmupMs << " ms, window " << options.measureMs << " ms\n"
          << "  CPU% is of one core; CPU us/msg = process CPU time / settled messages; other% = CPU taken by\n"
          << "  processes outside the benchmark during the window; bg% = machine busy% in the second before the step\n\n";
    out() << QString::asprintf("%9s %9s %9s %9s %6s %6s %6s %9s %8s  %-19s  %-23s %6s %6s\n", "offered/s", "sent/s",
                               "settled/s", "deliver/s", "p50ms", "p99ms", "p99max", "in flight", "resent",
                               "CPU% gen/A/B/sink", "CPU us/msg gen/A/B/sink", "other%", "bg%");
    out().flush();

    const double windowSeconds = double(options.measureMs) / 1000.0;
    double peakSettled = 0;
    double saturation = 0;
    bool anyFailed = false;
    double lowestFailing = 0;   // lowest offered rate that was not sustained
    // Runs one step and prints its row; false if the step could not run at all.
    auto step = [&](double rate, const char *note) {
        StepResult r = runStep(program, options, rate);
        // Other processes took more than a quarter of a core during the window: the figures
        // say more about them than about Portolan. Wait for a quiet machine and measure again.
        for (int retry = 0; retry < options.contendedRetries && r.error.isEmpty() && r.otherPercent > 25; ++retry) {
            out() << QString::asprintf("%9.0f  (other processes took %.0f%% of a core; measuring again)\n", rate,
                                       r.otherPercent);
            out().flush();
            r = runStep(program, options, rate);
        }
        if (!r.error.isEmpty()) {
            out() << QString::asprintf("%9.0f  not measured: %s%s\n", rate, qPrintable(r.error), note);
            out().flush();
            if (r.unresponsive) {
                // Overloaded beyond answering: certainly not sustained.
                if (lowestFailing == 0 || rate < lowestFailing)
                    lowestFailing = rate;
                return true;
            }
            anyFailed = true;
            return false;
        }
        QStringList cpu;
        QStringList perMessage;
        for (const QString &id : NodeIds) {
            cpu.append(QString::number(r.cpuPercent.value(id), 'f', 0));
            perMessage.append(QString::number(r.cpuMicrosPerMessage.value(id), 'f', 1));
        }
        const bool keepsUp = r.keepsUp(windowSeconds);
        out() << QString::asprintf("%9.0f %9.0f %9.0f %9.0f %6.0f %6.0f %6.0f %9.0f %8.0f  %-19s  %-23s %6.0f %6.0f  %s%s\n",
                                   r.offered, r.sentRate, r.settledRate, r.deliveredRate, r.p50Ms, r.p99Ms,
                                   r.p99MaxMs, r.inFlightEnd, r.resent, qPrintable(cpu.join(u'/')),
                                   qPrintable(perMessage.join(u'/')), r.otherPercent, r.backgroundBefore,
                                   keepsUp ? "" : "falls behind", note);
        if (r.otherPercent > 25)
            out() << "          (contended: other processes were busy during this window)\n";
        if (!r.profile.isEmpty())
            out() << QString::asprintf("          profile of %s: %s (window: %s handled %.0f messages)\n",
                                       qPrintable(options.profileNode), qPrintable(r.profile),
                                       qPrintable(options.profileNode), r.profiledMessages);
        out().flush();
        peakSettled = qMax(peakSettled, r.settledRate);
        if (keepsUp)
            saturation = qMax(saturation, r.offered);
        else if (lowestFailing == 0 || r.offered < lowestFailing)
            lowestFailing = r.offered;
        return true;
    };
    for (const double rate : std::as_const(options.rates))
        step(rate, "");
    // Narrow the saturation point down between the highest rate sustained and the lowest
    // one that was not, by bisection (to the nearest 500 msg/s).
    for (int i = 0; i < options.refineSteps && lowestFailing > 0; ++i) {
        const double low = saturation < lowestFailing ? saturation : 0;
        const double mid = std::round((low + lowestFailing) / 2 / 500) * 500;
        if (mid <= low || mid >= lowestFailing)
            break;
        if (!step(mid, "  (bisecting)"))
            break;
        if (saturation < mid)
            lowestFailing = mid;
    }
    out() << "\npeak settled rate: " << QString::number(peakSettled, 'f', 0) << " msg/s; "
          << "saturation: highest offered rate sustained " << QString::number(saturation, 'f', 0) << " msg/s"
          << (lowestFailing > 0 ? u", not sustained at %1 msg/s "_s.arg(lowestFailing, 0, 'f', 0) : u" "_s)
          << "(target >= 200000 sustained: " << (saturation >= 200000 ? "met" : "NOT met") << ")\n";
    // One machine-readable line for scripts (bench/run-benchmarks.sh).
    out() << "RESULT peak_settled=" << QString::number(peakSettled, 'f', 0)
          << " sustained=" << QString::number(saturation, 'f', 0) << '\n';
    out().flush();
    return anyFailed ? 1 : 0;
}
