// bench_canvas: frame times of the console's network canvas under load, offscreen.
//
// Builds a scenario of --nodes nodes (a tenth interior routers on a grid, three tenths
// edge routers, the rest entities: stores, factories, trucks, workers) joined by --links
// router links (the interior grid, two uplinks per edge router, the rest extra uplinks
// and cross links), shows it in a NetworkView of --size pixels, and plays --seconds of
// simulated time at --fps frames per second. Every node reports a full telemetry snapshot
// at 10 Hz (staggered, as real nodes are), with changing queue depths and link rates;
// trucks drive about. Each frame: the snapshots that arrived since the last frame go
// through NetworkScene::applyTelemetry (timed per call), then the frame is made as in the
// console: the scene's frame step (apply the newest snapshot per node, move trucks and
// flow marks), then Qt's own path, dirty-item processing and the viewport repaint it
// schedules (timed together: the frame time, wall clock and the GUI thread's CPU time,
// which a busy machine inflates less). --full repaints the whole viewport every frame
// instead, the worst case. Telemetry objects are built before the clock starts: building
// them is the control client's cost, not the canvas's.
//
// Runs three views by default: the whole network fitted into the window (every item
// drawn, labels left out by level of detail, lines plain), zoomed to 1:1 (labels, badges
// and costs drawn, still hundreds of lines: plain) and to 2.5:1 (few enough lines to
// antialias them and show moving flow marks). Prints p50 / p95 / max frame time per view and the mean and
// p95 cost of one applyTelemetry call. Exit status 0 when every p95 is within --budget ms.

#include "samplestats.h"

#include "console/canvas/networkscene.h"
#include "console/canvas/networkview.h"
#include "scenario/scenario.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>

#include <cmath>
#include <ctime>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;
using Portolan::Bench::SampleStats;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Options
{
    int nodes = 1000;
    int links = 2000;
    double seconds = 10;
    int fps = 60;
    QSize size{1600, 1000};
    double budgetMs = 16;
    QStringList views{u"fit"_s, u"1"_s, u"2.5"_s};
    bool collapsed = false;
    bool fullRepaint = false;
    QString saveDir;
};

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

// Counts the viewport's paint events: proof that every frame was drawn.
class PaintCounter : public QObject
{
public:
    using QObject::QObject;
    int paints = 0;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// The synthetic network: positions on a 4000 x 2500 map, ids, and who links to whom.
struct Network
{
    Portolan::Scenario::Scenario scenario;
    QList<QStringList> routerPeers;   // by router index: the peers of its links
    QList<int> entityRouter;          // by entity index: router index
};

Network buildNetwork(const Options &options)
{
    using namespace Portolan::Scenario;
    Network net;
    Scenario &s = net.scenario;
    s.name = u"canvas benchmark"_s;
    s.map.width = 4000;
    s.map.height = 2500;
    s.providers = {Provider{u"cheapnet"_s, 1, QColor(0x2e, 0x86, 0xde), {}},
                   Provider{u"premium"_s, 4, QColor(0xe6, 0x7e, 0x22), {}}};
    QRandomGenerator random(42);

    const int interiors = std::max(4, options.nodes / 10);
    const int edges = std::max(4, options.nodes * 3 / 10);
    const int entities = std::max(0, options.nodes - interiors - edges);
    const int columns = int(std::ceil(std::sqrt(interiors * 1.6)));
    const int rows = (interiors + columns - 1) / columns;
    const double dx = s.map.width / (columns + 1);
    const double dy = s.map.height / (rows + 1);

    QHash<QString, int> index;
    QSet<QString> linked;
    const auto addLink = [&](int a, int b, const QString &provider) {
        if (a == b)
            return false;
        const QString &ia = s.routers.at(a).id;
        const QString &ib = s.routers.at(b).id;
        const QString key = ia < ib ? ia + u'|' + ib : ib + u'|' + ia;
        if (linked.contains(key))
            return false;
        linked.insert(key);
        Link link;
        link.from = ia;
        link.to = ib;
        link.provider = provider;
        s.links.append(link);
        net.routerPeers[a].append(ib);
        net.routerPeers[b].append(ia);
        return true;
    };

    for (int i = 0; i < interiors; ++i) {
        Router r;
        r.id = u"r%1"_s.arg(i);
        r.kind = u"interior"_s;
        r.provider = (i % 5 == 0) ? u"premium"_s : u"cheapnet"_s;
        r.position = QPointF(dx * (i % columns + 1), dy * (i / columns + 1));
        index.insert(r.id, int(s.routers.size()));
        s.routers.append(r);
        net.routerPeers.append(QStringList());
    }
    for (int i = 0; i < interiors; ++i) {   // the grid
        if ((i + 1) % columns != 0 && i + 1 < interiors)
            addLink(i, i + 1, s.routers.at(i).provider);
        if (i + columns < interiors)
            addLink(i, i + columns, s.routers.at(i).provider);
    }
    for (int i = 0; i < edges; ++i) {
        const int home = i % interiors;
        Router r;
        r.id = u"e%1"_s.arg(i);
        r.kind = u"edge"_s;
        r.provider = u"cheapnet"_s;
        const double angle = random.bounded(2 * M_PI);
        r.position = s.routers.at(home).position + QPointF(std::cos(angle), std::sin(angle)) * (0.3 * std::min(dx, dy));
        index.insert(r.id, int(s.routers.size()));
        s.routers.append(r);
        net.routerPeers.append(QStringList());
        const int me = int(s.routers.size()) - 1;
        addLink(me, home, u"cheapnet"_s);
        addLink(me, (home + 1) % interiors, u"premium"_s);
    }
    // Extra links until the count is reached: third uplinks and interior cross links.
    const int routerCount = int(s.routers.size());
    int guard = 0;
    while (s.links.size() < options.links && guard++ < options.links * 20) {
        const int a = int(random.bounded(routerCount));
        const int b = int(random.bounded(interiors));
        const QPointF d = s.routers.at(a).position - s.routers.at(b).position;
        if (std::hypot(d.x(), d.y()) > 2.5 * std::max(dx, dy))
            continue;   // keep links local, as real networks are
        addLink(a, b, random.bounded(3) == 0 ? u"premium"_s : u"cheapnet"_s);
    }

    static const QStringList roles{u"store"_s, u"store"_s, u"factory"_s, u"truck"_s, u"worker"_s, u"generator"_s};
    for (int i = 0; i < entities; ++i) {
        const int router = interiors + (i % edges);
        Entity e;
        e.role = roles.at(i % roles.size());
        e.id = u"%1-%2"_s.arg(e.role).arg(i);
        e.routers = {s.routers.at(router).id};
        const double angle = random.bounded(2 * M_PI);
        e.position = s.routers.at(router).position + QPointF(std::cos(angle), std::sin(angle)) * 45;
        s.entities.append(e);
        net.entityRouter.append(router);
    }
    return net;
}

// A few telemetry snapshots per node, cycled through, so that every report changes
// queue depths and link rates (and so what is drawn).
struct TelemetryFeed
{
    QList<QString> ids;
    QList<QList<QJsonObject>> variants;   // by node
    QList<int> truckIndex;                // node index -> entity index, or -1
};

TelemetryFeed buildFeed(const Network &net)
{
    constexpr int Variants = 4;
    TelemetryFeed feed;
    const auto &s = net.scenario;
    QRandomGenerator random(7);
    for (qsizetype r = 0; r < s.routers.size(); ++r) {
        feed.ids.append(s.routers.at(r).id);
        feed.truckIndex.append(-1);
        QList<QJsonObject> variants;
        for (int v = 0; v < Variants; ++v) {
            QJsonObject links;
            for (const QString &peer : net.routerPeers.at(r)) {
                const double rate = random.bounded(2000) * (v + 1) / 4.0;
                links.insert(peer, QJsonObject{{u"state"_s, u"up"_s},
                                               {u"cost"_s, 1},
                                               {u"provider"_s, u"cheapnet"_s},
                                               {u"rateIn"_s, rate},
                                               {u"rateOut"_s, rate * 0.9}});
            }
            variants.append(QJsonObject{{u"node"_s, s.routers.at(r).id},
                                        {u"state"_s, u"up"_s},
                                        {u"links"_s, links},
                                        {u"queues"_s, QJsonObject{{u"/store/1"_s, int(random.bounded(20))},
                                                                  {u"/factories"_s, int(random.bounded(5))}}},
                                        {u"counters"_s, QJsonObject{{u"forwarded"_s, v * 100}}}});
        }
        feed.variants.append(variants);
    }
    for (qsizetype e = 0; e < s.entities.size(); ++e) {
        const auto &entity = s.entities.at(e);
        const QString router = entity.routers.first();
        feed.ids.append(entity.id);
        feed.truckIndex.append(entity.role == u"truck"_s ? int(e) : -1);
        QList<QJsonObject> variants;
        for (int v = 0; v < Variants; ++v) {
            variants.append(QJsonObject{
                {u"node"_s, entity.id},
                {u"state"_s, u"up"_s},
                {u"router"_s, router},
                {u"links"_s, QJsonObject{{router, QJsonObject{{u"state"_s, u"up"_s}}}}},
                {u"queues"_s, QJsonObject{{u"/x"_s, int(random.bounded(4))}}},
                {u"data"_s, QJsonObject{{u"backlog"_s, int(random.bounded(30))}}}});
        }
        feed.variants.append(variants);
    }
    return feed;
}

QJsonObject truckTelemetry(const Network &net, int entity, double timeS)
{
    // Trucks drive circles around where they started, reporting like the truck role.
    const auto &e = net.scenario.entities.at(entity);
    const QPointF p = e.position + QPointF(std::cos(timeS * 0.8 + entity), std::sin(timeS * 0.8 + entity)) * 120;
    const QString router = e.routers.first();
    return QJsonObject{{u"node"_s, e.id},
                       {u"state"_s, u"up"_s},
                       {u"router"_s, router},
                       {u"links"_s, QJsonObject{{router, QJsonObject{{u"state"_s, u"up"_s}}}}},
                       {u"data"_s, QJsonObject{{u"position"_s, QJsonArray{p.x(), p.y()}}, {u"status"_s, u"on-the-way"_s}}}};
}

struct Result
{
    QList<double> frameMs;
    QList<double> cpuMs;
    QList<double> applyUs;
    QList<double> stepMs;   // NetworkScene::advanceFrame alone
    qint64 snapshots = 0;
    int paints = 0;
};

Result run(const Options &options, const Network &net, const TelemetryFeed &feed, NetworkScene &scene,
           NetworkView &view)
{
    Result result;
    const int frames = int(options.seconds * options.fps);
    const int framesPerReport = std::max(1, options.fps / 10);   // each node reports at 10 Hz
    QElapsedTimer clock;
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    QList<QJsonObject> batch;
    QList<int> batchNodes;
    for (int frame = 0; frame < frames; ++frame) {
        const double timeS = double(frame) / options.fps;
        batch.clear();
        batchNodes.clear();
        for (qsizetype n = frame % framesPerReport; n < feed.ids.size(); n += framesPerReport) {
            const int truck = feed.truckIndex.at(n);
            batch.append(truck >= 0 ? truckTelemetry(net, truck, timeS)
                                    : feed.variants.at(n).at((frame / framesPerReport + n) % feed.variants.at(n).size()));
            batchNodes.append(int(n));
        }

        for (qsizetype i = 0; i < batch.size(); ++i) {
            clock.start();
            scene.applyTelemetry(feed.ids.at(batchNodes.at(i)), batch.at(i));
            result.applyUs.append(double(clock.nsecsElapsed()) / 1000.0);
        }
        result.snapshots += batch.size();

        clock.start();
        const double cpu = threadCpuMs();
        scene.advanceFrame();
        result.stepMs.append(double(clock.nsecsElapsed()) / 1e6);
        if (options.fullRepaint) {
            QCoreApplication::sendPostedEvents();
            view.viewport()->repaint();
        } else {
            // Dirty items -> the view's update -> the window's update request -> paint.
            QCoreApplication::sendPostedEvents();
            QCoreApplication::sendPostedEvents();
        }
        result.frameMs.append(double(clock.nsecsElapsed()) / 1e6);
        result.cpuMs.append(threadCpuMs() - cpu);
    }
    view.viewport()->removeEventFilter(&counter);
    result.paints = counter.paints;
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Frame times of the network canvas under synthetic telemetry, offscreen."_s);
    parser.addHelpOption();
    const QCommandLineOption nodesOption(u"nodes"_s, u"Nodes (default 1000)."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption linksOption(u"links"_s, u"Router links (default 2000)."_s, u"n"_s, u"2000"_s);
    const QCommandLineOption secondsOption(u"seconds"_s, u"Simulated seconds per view (default 10)."_s, u"s"_s,
                                           u"10"_s);
    const QCommandLineOption fpsOption(u"fps"_s, u"Frames per simulated second (default 60)."_s, u"n"_s, u"60"_s);
    const QCommandLineOption sizeOption(u"size"_s, u"Viewport size WxH (default 1600x1000)."_s, u"WxH"_s,
                                        u"1600x1000"_s);
    const QCommandLineOption budgetOption(u"budget"_s, u"p95 frame budget in ms (default 16)."_s, u"ms"_s, u"16"_s);
    const QCommandLineOption viewOption(u"view"_s, u"fit, or a zoom factor; repeatable (default fit, 1 and 2.5)."_s,
                                        u"view"_s);
    const QCommandLineOption collapsedOption(u"collapsed"_s, u"Collapse devices into their routers."_s);
    const QCommandLineOption fullOption(u"full"_s, u"Repaint the whole viewport every frame (worst case)."_s);
    const QCommandLineOption saveOption(u"save"_s, u"Save the last frame of each view as DIR/bench-canvas-VIEW.png."_s,
                                        u"dir"_s);
    parser.addOptions({nodesOption, linksOption, secondsOption, fpsOption, sizeOption, budgetOption, viewOption,
                       collapsedOption, fullOption, saveOption});
    parser.process(app);

    Options options;
    options.nodes = std::max(10, parser.value(nodesOption).toInt());
    options.links = std::max(0, parser.value(linksOption).toInt());
    options.seconds = std::max(0.1, parser.value(secondsOption).toDouble());
    options.fps = std::clamp(parser.value(fpsOption).toInt(), 10, 240);
    const QStringList size = parser.value(sizeOption).split(u'x');
    if (size.size() == 2)
        options.size = QSize(size.at(0).toInt(), size.at(1).toInt()).expandedTo(QSize(200, 200));
    options.budgetMs = parser.value(budgetOption).toDouble();
    if (parser.isSet(viewOption))
        options.views = parser.values(viewOption);
    options.collapsed = parser.isSet(collapsedOption);
    options.fullRepaint = parser.isSet(fullOption);
    options.saveDir = parser.value(saveOption);

    const Network net = buildNetwork(options);
    const TelemetryFeed feed = buildFeed(net);

    NetworkScene scene;
    if (qEnvironmentVariableIsSet("BENCH_NOINDEX"))
        scene.setItemIndexMethod(QGraphicsScene::NoIndex);
    QElapsedTimer layout;
    layout.start();
    scene.setScenario(net.scenario);
    const double layoutMs = double(layout.nsecsElapsed()) / 1e6;
    scene.setDevicesCollapsed(options.collapsed);
    for (const QString &id : feed.ids)
        scene.setNodeStatus(id, NodeStatus::Up);
    NetworkView view(&scene);
    view.resize(options.size);
    view.show();
    QCoreApplication::processEvents();

    out() << "bench_canvas: " << scene.nodeIds().size() << " nodes, " << scene.linkCount() << " router links, "
          << net.scenario.entities.size() << " attachment lines; telemetry at 10 Hz per node; " << options.fps
          << " frames/s for " << options.seconds << " s per view; viewport " << options.size.width() << "x"
          << options.size.height() << (options.collapsed ? ", devices collapsed" : "")
          << (options.fullRepaint ? ", full repaint every frame" : "") << "; load average " << loadAverage() << "\n";
    out() << "  setScenario: " << QString::number(layoutMs, 'f', 1) << " ms\n";

    bool withinBudget = true;
    for (const QString &mode : std::as_const(options.views)) {
        if (mode == u"fit"_s) {
            view.fitToView();
        } else {
            const double zoom = std::clamp(mode.toDouble(), NetworkView::MinZoom, NetworkView::MaxZoom);
            view.setTransform(QTransform::fromScale(zoom, zoom));
            view.centerOn(scene.mapRect().center());
        }
        QCoreApplication::processEvents();   // the view settles: line quality for this zoom
        // One untimed second first: icon pixmaps, the map cache and glyphs get built.
        Options warmup = options;
        warmup.seconds = 1;
        run(warmup, net, feed, scene, view);
        const Result result = run(options, net, feed, scene, view);

        const SampleStats frames(result.frameMs);
        const SampleStats cpu(result.cpuMs);
        const SampleStats steps(result.stepMs);
        const SampleStats applies(result.applyUs);
        double applyTotal = 0;
        for (double us : result.applyUs)
            applyTotal += us;
        const double perFrameApplyMs = applyTotal / 1000.0 / double(result.frameMs.size());
        const auto ms = [](double value) { return QString::number(value, 'f', 2); };
        out() << "  view " << mode << " (zoom " << QString::number(view.zoom(), 'f', 3) << ", lines "
              << (view.isAntialiased() ? "antialiased" : "plain") << "), " << frames.count() << " frames, "
              << result.paints << " paints:\n";
        out() << "    frame wall:  p50 " << ms(frames.median()) << " ms, p95 " << ms(frames.percentile(95))
              << " ms, max " << ms(frames.max()) << " ms\n";
        out() << "    frame CPU:   p50 " << ms(cpu.median()) << " ms, p95 " << ms(cpu.percentile(95)) << " ms, max "
              << ms(cpu.max()) << " ms\n";
        out() << "    of which the scene's frame step: p50 " << ms(steps.median()) << " ms, p95 "
              << ms(steps.percentile(95)) << " ms\n";
        out() << "    applyTelemetry: mean " << ms(applyTotal / double(applies.count())) << " us, p95 "
              << ms(applies.percentile(95)) << " us per call; "
              << result.snapshots / std::max<qint64>(1, frames.count()) << " snapshots and "
              << QString::number(perFrameApplyMs, 'f', 3) << " ms per frame\n";
        if (!options.saveDir.isEmpty())
            view.viewport()->grab().save(options.saveDir + u"/bench-canvas-"_s + mode + u".png"_s);
        out().flush();
        withinBudget = withinBudget && frames.percentile(95) <= options.budgetMs;
    }
    out() << (withinBudget ? "within" : "OVER") << " the p95 budget of " << options.budgetMs
          << " ms (wall clock); load average " << loadAverage() << "\n";
    return withinBudget ? 0 : 1;
}
