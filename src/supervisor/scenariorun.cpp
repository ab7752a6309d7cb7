#include "supervisor/scenariorun.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

namespace {

QString safeName(const QString &name)
{
    QString out;
    for (const QChar c : name)
        out.append(c.isLetterOrNumber() ? c.toLower() : u'-');
    while (out.contains(u"--"_s))
        out.replace(u"--"_s, u"-"_s);
    return out.left(48);
}

QPair<QString, QString> linkArg(const QJsonObject &args)
{
    const QJsonArray pair = args.value("link"_L1).toArray();
    return {pair.at(0).toString(), pair.at(1).toString()};
}

// Numeric leaves of a telemetry object worth a time series, as dot paths.
void flattenNumbers(const QJsonObject &object, const QString &prefix, int depth, QList<QPair<QString, double>> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.value().isDouble())
            out.append({path, it.value().toDouble()});
        else if (it.value().isObject() && depth > 0)
            flattenNumbers(it.value().toObject(), path, depth - 1, out);
    }
}

} // namespace

ScenarioRun::ScenarioRun(const Scenario::Scenario &scenario, const Options &options, QObject *parent)
    : QObject(parent)
    , m_scenario(scenario)
    , m_options(options)
    , m_timeline(scenario.timeline)
{
    m_timeline.setSpeed(options.speed);
    m_token = QByteArray::number(QRandomGenerator::system()->generate64(), 16)
              + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    m_record.scenario = scenario.name;
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, &ScenarioRun::fireDue);
    m_metricsTimer.setInterval(options.metricsIntervalMs);
    connect(&m_metricsTimer, &QTimer::timeout, this, &ScenarioRun::sampleMetrics);
    m_convergeTimer.setInterval(100);
    connect(&m_convergeTimer, &QTimer::timeout, this, &ScenarioRun::checkReady);
    m_readyTimeout.setSingleShot(true);
    connect(&m_readyTimeout, &QTimer::timeout, this, [this] {
        QStringList missing;
        for (const QString &id : std::as_const(m_order)) {
            const NodeState &n = m_nodes[id];
            if (!n.connected)
                missing.append(n.attachError.isEmpty() ? id : u"%1 (%2)"_s.arg(id, n.attachError));
        }
        abort(u"not every node became ready within %1 s: %2"_s.arg(m_readyTimeout.interval() / 1000)
                  .arg(missing.mid(0, 10).join(u", "_s)));
    });
}

ScenarioRun::~ScenarioRun()
{
    stopNodes();
}

NodeLauncher *ScenarioRun::launcher(const QString &id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second.launcher.get();
}

ControlClient *ScenarioRun::control(const QString &id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second.control.get();
}

qint64 ScenarioRun::elapsedMs() const
{
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

bool ScenarioRun::prepare(QString *error)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    QDir root(m_options.runsRoot);
    m_runDirectory = root.absoluteFilePath(stamp + u'-' + safeName(m_scenario.name));
    if (!QDir().mkpath(m_runDirectory)) {
        *error = u"cannot create the run directory %1"_s.arg(m_runDirectory);
        return false;
    }
    QFile source(m_scenario.file);
    if (!m_scenario.file.isEmpty() && source.exists())
        QFile::copy(m_scenario.file, QDir(m_runDirectory).filePath(u"scenario.yaml"_s));
    QJsonObject parameters;
    for (auto it = m_scenario.parameters.constBegin(); it != m_scenario.parameters.constEnd(); ++it)
        parameters.insert(it.key(), it.value());
    QFile params(QDir(m_runDirectory).filePath(u"parameters.json"_s));
    if (params.open(QIODevice::WriteOnly))
        params.write(QJsonDocument(parameters).toJson());

    m_eventsFile.setFileName(QDir(m_runDirectory).filePath(u"events.jsonl"_s));
    m_metricsFile.setFileName(QDir(m_runDirectory).filePath(u"metrics.csv"_s));
    if (!m_eventsFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !m_metricsFile.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = u"cannot write the run's event and metric files in %1"_s.arg(m_runDirectory);
        return false;
    }
    m_metricsFile.write("ms,node,metric,value\n");
    buildConfigs();
    return true;
}

Node::NodeConfig ScenarioRun::routerConfig(const Scenario::Router &router)
{
    Node::NodeConfig c;
    c.id = router.id;
    c.role = router.kind;
    c.token = m_token;
    c.linkPort = m_ports.allocate();
    c.retransmitMs = 500;
    if (router.httpPort) {
        c.httpIngress = true;
        c.httpPort = *router.httpPort;
    }
    c.distributions = m_scenario.distributions;
    return c;
}

Node::NodeConfig ScenarioRun::entityConfig(const Scenario::Entity &entity)
{
    Node::NodeConfig c;
    c.id = entity.id;
    c.role = entity.role;
    c.token = m_token;
    c.params = entity.params;
    c.dataDir = QDir(m_runDirectory).filePath(u"data"_s);
    for (const QString &r : entity.routers)
        c.dial.append(endpointOf(r, 1, {}));
    return c;
}

Node::PeerEndpoint ScenarioRun::endpointOf(const QString &peer, qint32 cost, const QString &provider) const
{
    // A router on another host is dialled at the link address the scenario gives for it
    // (the loader refuses a local node dialling a remote router without one).
    const auto it = m_nodes.find(peer);
    if (it != m_nodes.end() && it->second.remote.isRemote())
        return Node::PeerEndpoint{peer, it->second.remote.linkHost, it->second.remote.linkPort, cost, provider};
    return Node::PeerEndpoint{peer, u"127.0.0.1"_s, m_configs.value(peer).linkPort, cost, provider};
}

void ScenarioRun::buildConfigs()
{
    for (const Scenario::Router &r : std::as_const(m_scenario.routers)) {
        m_configs.insert(r.id, routerConfig(r));
        m_order.append(r.id);
        if (r.remote.isRemote())
            m_nodes[r.id].remote = r.remote;
    }
    for (const Scenario::Entity &e : std::as_const(m_scenario.entities)) {
        if (e.remote.isRemote())
            m_nodes[e.id].remote = e.remote;
    }
    auto costOf = [this](qint32 cost, const QString &provider) {
        if (cost >= 0)
            return cost;
        const Scenario::Provider *p = m_scenario.provider(provider);
        return p ? p->cost : 1;
    };
    for (const Scenario::Link &l : std::as_const(m_scenario.links)) {
        const qint32 cost = costOf(l.cost, l.provider);
        m_configs[l.from].dial.append(endpointOf(l.to, cost, l.provider));
        m_configs[l.to].accept.append(Node::LinkTerms{l.from, cost, l.provider});
    }
    for (const Scenario::Router &r : std::as_const(m_scenario.routers)) {
        for (const Scenario::Uplink &u : r.uplinks) {
            const QString provider = u.provider.isEmpty() ? r.provider : u.provider;
            const qint32 cost = costOf(u.cost, provider);
            m_configs[r.id].dial.append(endpointOf(u.router, cost, provider));
            m_configs[u.router].accept.append(Node::LinkTerms{r.id, cost, provider});
        }
    }
    for (const Scenario::Entity &e : std::as_const(m_scenario.entities)) {
        m_configs.insert(e.id, entityConfig(e));
        m_order.append(e.id);
    }
}

void ScenarioRun::start()
{
    m_state = State::Starting;
    m_clock.start();
    m_record.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_record.processCount = int(m_order.size());
    record({}, u"run-starting"_s, {{u"nodes"_s, int(m_order.size())}, {u"runDirectory"_s, m_runDirectory}});
    // A generous bound: about 50 ms per node on this kind of machine, at least 20 s.
    m_readyTimeout.start(qMax(20000, int(m_order.size()) * 100));
    for (const QString &id : std::as_const(m_order)) {
        if (m_nodes[id].remote.isRemote())
            attach(id);
        else
            launch(id);
    }
    if (m_order.isEmpty())
        checkReady();
}

void ScenarioRun::launch(const QString &id)
{
    NodeState &node = m_nodes[id];
    node.connected = false;
    node.control.reset();
    node.launcher = std::make_unique<NodeLauncher>(m_options.nodeProgram, m_configs.value(id), m_runDirectory);
    NodeLauncher *launcher = node.launcher.get();
    connect(launcher, &NodeLauncher::ready, this, [this, id] { connectControl(id); });
    connect(launcher, &NodeLauncher::failed, this, [this, id](const QString &message) {
        record(id, u"node-start-failed"_s, {{u"message"_s, message}});
        if (m_state == State::Starting)
            abort(message);
    });
    connect(launcher, &NodeLauncher::exited, this, [this, id](int code, bool crashed) {
        m_nodes[id].connected = false;
        record(id, u"process-exited"_s, {{u"exitCode"_s, code}, {u"killed"_s, crashed}});
    });
    launcher->start();
}

void ScenarioRun::connectControl(const QString &id)
{
    NodeState &node = m_nodes[id];
    m_configs[id] = node.launcher->config();
    // Keep the ports it got, so a restart comes back where its peers look for it.
    Node::NodeConfig &config = m_configs[id];
    config.controlPort = node.launcher->controlPort();
    if (config.isRouter() && config.httpIngress)
        config.httpPort = node.launcher->httpPort();
    node.control = std::make_unique<ControlClient>();
    ControlClient *client = node.control.get();
    connect(client, &ControlClient::connected, this, [this, id, client] {
        client->subscribe(m_options.telemetryHz, true, true);
        m_nodes[id].connected = true;
        record(id, u"node-ready"_s, {{u"pid"_s, double(m_nodes[id].launcher->pid())},
                                      {u"version"_s, m_configs.value(id).software}});
        checkReady();
    });
    watchControl(id, client);
    client->open(u"127.0.0.1"_s, node.launcher->controlPort(), m_token);
}

void ScenarioRun::attach(const QString &id)
{
    // A node on another host: its process is its own host's business (systemd); the run
    // only opens its control socket, and opens it again when it drops.
    NodeState &node = m_nodes[id];
    node.connected = false;
    node.control = std::make_unique<ControlClient>();
    ControlClient *client = node.control.get();
    const Scenario::RemoteNode remote = node.remote;
    m_configs[id].controlPort = remote.controlPort;
    connect(client, &ControlClient::connected, this, [this, id, client, remote] {
        client->subscribe(m_options.telemetryHz, true, true);
        m_nodes[id].connected = true;
        m_nodes[id].attachError.clear();
        const QString version = client->welcome().value("version"_L1).toString();
        m_configs[id].software = version;
        record(id, u"node-ready"_s, {{u"host"_s, remote.host},
                                      {u"controlPort"_s, int(remote.controlPort)},
                                      {u"version"_s, version}});
        checkReady();
    });
    connect(client, &ControlClient::disconnected, this, [this, id] {
        NodeState &n = m_nodes[id];
        n.connected = false;
        record(id, u"node-unreachable"_s, {{u"host"_s, n.remote.host}});
        reattachLater(id);
    }, Qt::QueuedConnection);
    connect(client, &ControlClient::errorOccurred, this, [this, id](const QString &message) {
        NodeState &n = m_nodes[id];
        // Said once per cause, not once a second while the host stays unreachable.
        if (n.attachError != message)
            record(id, u"attach-failed"_s, {{u"host"_s, n.remote.host}, {u"message"_s, message}});
        n.attachError = message;
        reattachLater(id);
    }, Qt::QueuedConnection);
    watchControl(id, client);
    client->open(remote.host, remote.controlPort, remote.token);
}

void ScenarioRun::reattachLater(const QString &id)
{
    if (m_state != State::Starting && m_state != State::Running)
        return;
    QTimer::singleShot(1000, this, [this, id] {
        if ((m_state == State::Starting || m_state == State::Running) && !m_nodes[id].connected)
            attach(id);
    });
}

void ScenarioRun::watchControl(const QString &id, ControlClient *client)
{
    connect(client, &ControlClient::eventReceived, this, [this, id](const QJsonObject &event) {
        QJsonObject fields = event;
        const QString kind = fields.take(u"kind"_s).toString();
        fields.remove(u"node"_s);
        fields.remove(u"ts"_s);
        record(id, kind, fields);
    });
    connect(client, &ControlClient::telemetryUpdated, this, [this, id] { Q_EMIT telemetryUpdated(id); });
}

bool ScenarioRun::refuseRemote(const QString &id, const QString &action, QString *detail) const
{
    const auto it = m_nodes.find(id);
    if (it == m_nodes.end() || !it->second.remote.isRemote())
        return false;
    *detail = u"%1 runs on %2: its own host starts and stops it (systemctl), the console cannot %3 it"_s.arg(
        id, it->second.remote.host, action);
    return true;
}

bool ScenarioRun::converged() const
{
    QStringList routers;
    for (const QString &id : m_order) {
        if (m_configs.value(id).isRouter())
            routers.append(id);
    }
    for (const QString &id : std::as_const(routers)) {
        const ControlClient *client = control(id);
        if (!client)
            return false;
        const QJsonObject routes = client->telemetry().value("routes"_L1).toObject();
        if (routes.size() < routers.size() - 1)
            return false;
    }
    return true;
}

void ScenarioRun::checkReady()
{
    if (m_state != State::Starting)
        return;
    for (const QString &id : std::as_const(m_order)) {
        if (!m_nodes[id].connected)
            return;
    }
    // Every process is up; the network is ready once every router reaches every other.
    if (!converged()) {
        if (!m_convergeTimer.isActive())
            m_convergeTimer.start();
        return;
    }
    m_convergeTimer.stop();
    m_readyTimeout.stop();
    m_state = State::Running;
    m_record.readyAfterMs = m_clock.elapsed();
    record({}, u"run-ready"_s, {{u"nodes"_s, int(m_order.size())}, {u"readyAfterMs"_s, m_record.readyAfterMs}});
    m_metricsTimer.start();
    Q_EMIT ready();
}

// ---- timeline ----------------------------------------------------------------------

void ScenarioRun::play()
{
    if (m_state != State::Running)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_timeline.isPaused())
        m_timeline.resume(now);
    else if (!m_timelineStarted) {
        m_timelineStarted = true;
        m_timeline.start(now);
    }
    fireDue();
}

void ScenarioRun::pause()
{
    m_timeline.pause(m_clock.elapsed());
    m_stepTimer.stop();
}

void ScenarioRun::stepNext()
{
    if (m_state != State::Running)
        return;
    if (!m_timelineStarted) {
        m_timelineStarted = true;
        m_timeline.start(m_clock.elapsed());
        m_timeline.pause(m_clock.elapsed());
    }
    if (const auto index = m_timeline.stepNext())
        fire(*index, true);
    scheduleNextStep();
}

void ScenarioRun::fireStep(int index)
{
    if (m_state != State::Running || index < 0 || index >= m_timeline.steps().size())
        return;
    m_timeline.markFired(index);
    fire(index, true);
    scheduleNextStep();
}

void ScenarioRun::fireDue()
{
    if (m_state != State::Running)
        return;
    const QList<int> due = m_timeline.takeDue(m_clock.elapsed());
    for (int index : due)
        fire(index, false);
    scheduleNextStep();
}

void ScenarioRun::scheduleNextStep()
{
    if (m_state != State::Running)
        return;
    if (m_timeline.isFinished()) {
        if (m_timelineDoneAtMs < 0) {
            m_timelineDoneAtMs = m_clock.elapsed();
            Q_EMIT timelineFinished();
            if (m_options.autoFinish) {
                // Let the network settle: answers arrive, retries finish, then end.
                const qint64 planned = qint64(double(m_scenario.durationMs) / m_options.speed);
                const qint64 wait = qMax(m_options.settleMs, planned - m_clock.elapsed());
                QTimer::singleShot(int(qMin<qint64>(wait, 600000)), this, [this] {
                    if (m_pendingRequests > 0) {
                        // A request still waits for its answer: give it its own deadline.
                        QTimer::singleShot(2000, this, &ScenarioRun::finish);
                        return;
                    }
                    finish();
                });
            }
        }
        return;
    }
    const qint64 wait = m_timeline.msUntilNext(m_clock.elapsed());
    if (wait >= 0)
        m_stepTimer.start(int(qMin<qint64>(wait, 600000)));
}

void ScenarioRun::fire(int index, bool manual)
{
    const Scenario::Step &step = m_timeline.steps().at(index);
    Scenario::StepRecord rec;
    rec.index = index;
    rec.plannedMs = step.atMs;
    rec.firedMs = m_clock.elapsed();
    rec.action = step.action;
    rec.caption = step.caption;
    rec.manual = manual;
    QJsonObject args = step.args;
    if (!step.name.isEmpty())
        args.insert(u"name"_s, step.name);
    rec.ok = perform(step.action, args, &rec.detail);
    m_record.steps.append(rec);
    record({}, u"step"_s, {{u"index"_s, index}, {u"action"_s, step.action}, {u"caption"_s, step.caption},
                           {u"ok"_s, rec.ok}, {u"detail"_s, rec.detail}, {u"manual"_s, manual},
                           {u"args"_s, step.args}});
    Q_EMIT stepFired(index, rec);
}

// ---- actions -----------------------------------------------------------------------

void ScenarioRun::commandNode(const QString &node, const QString &command, const QJsonObject &args)
{
    ControlClient *client = control(node);
    if (!client || !client->isConnected()) {
        record(node, u"command-failed"_s, {{u"command"_s, command}, {u"error"_s, u"not connected"_s}});
        return;
    }
    client->command(command, args, [this, node, command](bool ok, const QJsonObject &, const QString &error) {
        if (!ok)
            record(node, u"command-failed"_s, {{u"command"_s, command}, {u"error"_s, error}});
    });
}

QList<QPair<QString, QString>> ScenarioRun::linksOfProvider(const QString &provider) const
{
    // Every router-to-router link of a provider, as (dialling side, other side).
    QList<QPair<QString, QString>> links;
    for (const QString &id : m_order) {
        const Node::NodeConfig &c = m_configs.value(id);
        if (!c.isRouter())
            continue;
        for (const Node::PeerEndpoint &p : c.dial) {
            if (p.provider == provider)
                links.append({id, p.peer});
        }
    }
    return links;
}

bool ScenarioRun::restartNode(const QString &id, const QString &software, QString *detail)
{
    NodeState &node = m_nodes[id];
    if (!node.launcher) {
        *detail = u"no node %1"_s.arg(id);
        return false;
    }
    Node::NodeConfig config = m_configs.value(id);
    if (!software.isEmpty())
        config.software = software;
    m_configs[id] = config;
    NodeLauncher *launcher = node.launcher.get();
    auto relaunch = [this, id, config] {
        NodeState &n = m_nodes[id];
        n.control.reset();
        n.connected = false;
        n.launcher->setConfig(config);
        n.launcher->start();
    };
    if (launcher->state() == NodeLauncher::State::Exited || launcher->state() == NodeLauncher::State::NotStarted) {
        relaunch();
    } else {
        // Wait for the old process to go before the new one takes its ports.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(launcher, &NodeLauncher::exited, this, [relaunch, connection](int, bool) {
            QObject::disconnect(*connection);
            relaunch();
        });
    }
    *detail = software.isEmpty() ? u"restarting %1"_s.arg(id) : u"%1 restarting as version %2"_s.arg(id, software);
    return true;
}

bool ScenarioRun::perform(const QString &action, const QJsonObject &args, QString *detail)
{
    const QString node = args.value("node"_L1).toString();
    const auto [a, b] = linkArg(args);
    auto needNode = [&](const QString &id) {
        if (!m_nodes.contains(id)) {
            *detail = u"no node '%1' in this run"_s.arg(id);
            return false;
        }
        return true;
    };

    if (action == "caption"_L1) {
        *detail = u"caption shown"_s;
        return true;
    }
    if (action == "request"_L1) {
        sendRequest(args.value("name"_L1).toString(), args);
        *detail = u"%1 %2 via %3"_s.arg(args.value("method"_L1).toString(u"GET"_s), args.value("path"_L1).toString(),
                                         args.value("router"_L1).toString());
        return true;
    }
    if (action == "cut-link"_L1 || action == "restore-link"_L1 || action == "set-cost"_L1 || action == "set-latency"_L1) {
        if (!needNode(a) || !needNode(b))
            return false;
        if (action == "cut-link"_L1) {
            commandNode(a, u"cut-link"_s, {{u"peer"_s, b}, {u"silent"_s, args.value("silent"_L1).toBool()}});
            FailureStopwatch::Target target;
            target.links.append({a, b});
            target.actors.insert(a);
            startStopwatch(action, a + u'-' + b, target);
            *detail = u"link %1-%2 cut%3"_s.arg(a, b, args.value("silent"_L1).toBool() ? u" silently"_s : QString());
        } else if (action == "restore-link"_L1) {
            commandNode(a, u"restore-link"_s, {{u"peer"_s, b}});
            *detail = u"link %1-%2 restored"_s.arg(a, b);
        } else if (action == "set-cost"_L1) {
            const int cost = args.value("cost"_L1).toInt();
            commandNode(a, u"set-link-cost"_s, {{u"peer"_s, b}, {u"cost"_s, cost}});
            commandNode(b, u"set-link-cost"_s, {{u"peer"_s, a}, {u"cost"_s, cost}});
            *detail = u"link %1-%2 now costs %3"_s.arg(a, b).arg(cost);
        } else {
            const int ms = args.value("ms"_L1).toInt();
            commandNode(a, u"set-link-latency"_s, {{u"peer"_s, b}, {u"ms"_s, ms}});
            commandNode(b, u"set-link-latency"_s, {{u"peer"_s, a}, {u"ms"_s, ms}});
            *detail = u"link %1-%2 delayed by %3 ms"_s.arg(a, b).arg(ms);
        }
        return true;
    }
    if (action == "fail-node"_L1 || action == "restore-node"_L1) {
        if (!needNode(node))
            return false;
        commandNode(node, action == "fail-node"_L1 ? u"fail"_s : u"restore"_s, {});
        if (action == "fail-node"_L1)
            startStopwatch(action, node, FailureStopwatch::Target{{node}, {}, {}});
        *detail = action == "fail-node"_L1 ? u"%1 failed"_s.arg(node) : u"%1 restored"_s.arg(node);
        return true;
    }
    const bool processAction = action == "kill-node"_L1 || action == "restart-node"_L1 || action == "upgrade-node"_L1
                               || action == "remove-node"_L1;
    if (processAction && refuseRemote(node, action.chopped(5), detail))
        return false;
    if (action == "kill-node"_L1) {
        if (!needNode(node))
            return false;
        m_nodes[node].connected = false;
        m_nodes[node].launcher->kill();
        startStopwatch(action, node, FailureStopwatch::Target{{node}, {}, {}});
        *detail = u"%1 killed (SIGKILL)"_s.arg(node);
        return true;
    }
    if (action == "restart-node"_L1)
        return needNode(node) && restartNode(node, {}, detail);
    if (action == "upgrade-node"_L1) {
        if (!needNode(node))
            return false;
        const QString version = args.value("version"_L1).toString();
        // Drain first: the node finishes what it has and exits 0; the replacement
        // starts on the same ports and database.
        commandNode(node, u"drain"_s, {});
        restartNode(node, version, detail);
        *detail = u"%1 draining, then upgrading to %2"_s.arg(node, version);
        return true;
    }
    if (action == "provider-down"_L1 || action == "provider-up"_L1) {
        const QString provider = args.value("provider"_L1).toString();
        const auto links = linksOfProvider(provider);
        if (links.isEmpty()) {
            *detail = u"provider %1 has no links"_s.arg(provider);
            return false;
        }
        const bool down = action == "provider-down"_L1;
        for (const auto &[from, to] : links)
            commandNode(from, down ? u"cut-link"_s : u"restore-link"_s, {{u"peer"_s, to}});
        // The provider's own cloud routers go with it.
        QStringList routers;
        for (const Scenario::Router &r : std::as_const(m_scenario.routers)) {
            if (r.kind == "interior"_L1 && r.provider == provider) {
                commandNode(r.id, down ? u"fail"_s : u"restore"_s, {});
                routers.append(r.id);
            }
        }
        if (down) {
            FailureStopwatch::Target target;
            target.nodes = QSet<QString>(routers.cbegin(), routers.cend());
            for (const auto &[from, to] : links) {
                target.links.append({from, to});
                target.actors.insert(from);
            }
            startStopwatch(action, provider, target);
        }
        *detail = u"%1: %2 links %3, routers %4 %5"_s.arg(provider).arg(links.size())
                      .arg(down ? u"cut"_s : u"restored"_s, routers.join(u", "_s), down ? u"down"_s : u"up"_s);
        return true;
    }
    if (action == "add-node"_L1 && args.value("router"_L1).isObject())
        return addRouter(args.value("router"_L1).toObject(), detail);
    if (action == "add-node"_L1) {
        const QJsonObject e = args.value("entity"_L1).toObject();
        Scenario::Entity entity;
        entity.id = e.value("id"_L1).toString();
        entity.role = e.value("role"_L1).toString();
        entity.params = e.value("params"_L1).toObject();
        if (e.value("routers"_L1).isArray()) {
            const QJsonArray routers = e.value("routers"_L1).toArray();
            for (const QJsonValue &r : routers)
                entity.routers.append(r.toString());
        } else {
            entity.routers.append(e.value("router"_L1).toString());
        }
        if (entity.id.isEmpty() || entity.role.isEmpty() || m_nodes.contains(entity.id)) {
            *detail = u"add-node needs a new id and a role"_s;
            return false;
        }
        for (const QString &r : std::as_const(entity.routers)) {
            if (!m_configs.contains(r) || !m_configs.value(r).isRouter()) {
                *detail = u"no router '%1' to attach %2 to"_s.arg(r, entity.id);
                return false;
            }
        }
        const QJsonArray position = e.value("position"_L1).toArray();
        entity.position = QPointF(position.at(0).toDouble(), position.at(1).toDouble());
        entity.label = e.value("label"_L1).toString();
        m_configs.insert(entity.id, entityConfig(entity));
        // The run's scenario grows with it, so whoever draws it knows the newcomer.
        m_scenario.entities.append(entity);
        m_order.append(entity.id);
        m_record.processCount = int(m_order.size());
        launch(entity.id);
        *detail = u"%1 (%2) joins at %3"_s.arg(entity.id, entity.role, entity.routers.join(u", "_s));
        return true;
    }
    if (action == "remove-node"_L1) {
        if (!needNode(node))
            return false;
        m_nodes[node].launcher->terminate();
        *detail = u"%1 stopped"_s.arg(node);
        return true;
    }
    if (action == "command"_L1) {
        if (!needNode(node))
            return false;
        commandNode(node, args.value("command"_L1).toString(), args.value("args"_L1).toObject());
        *detail = u"%1 told to %2"_s.arg(node, args.value("command"_L1).toString());
        return true;
    }
    *detail = u"unknown action '%1'"_s.arg(action);
    return false;
}

QString ScenarioRun::resolveAnswers(const QString &text, QString *unresolved) const
{
    // "{order-tunic.tracking}": a field of an earlier request's JSON answer, known only
    // while the run plays (a tracking id, a hold id).
    static const QRegularExpression reference(uR"(\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_.-]+)\})"_s);
    QString out;
    qsizetype last = 0;
    auto it = reference.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const Scenario::RequestRecord *answered = m_record.request(match.captured(1));
        QJsonValue value = answered ? QJsonValue(QJsonDocument::fromJson(answered->body).object()) : QJsonValue();
        const QStringList path = match.captured(2).split(u'.');
        for (const QString &key : path)
            value = value.toObject().value(key);
        if (value.isUndefined() || value.isNull() || value.isObject() || value.isArray()) {
            *unresolved = u"%1: request '%2' has no answer field '%3'"_s.arg(text, match.captured(1), match.captured(2));
            return {};
        }
        out += value.isString() ? value.toString() : value.toVariant().toString();
    }
    out += text.mid(last);
    return out;
}

void ScenarioRun::sendRequest(const QString &name, const QJsonObject &args)
{
    const QString router = args.value("router"_L1).toString();
    Scenario::RequestRecord rec;
    rec.name = name;
    rec.router = router;
    rec.method = args.value("method"_L1).toString(u"GET"_s).toUpper();
    rec.sentMs = m_clock.elapsed();
    QString unresolved;
    rec.path = resolveAnswers(args.value("path"_L1).toString(), &unresolved);
    if (!unresolved.isEmpty()) {
        rec.error = unresolved;
        m_record.requests.append(rec);
        record(router, u"request-failed"_s, {{u"name"_s, name}, {u"error"_s, unresolved}});
        Q_EMIT requestAnswered(rec);
        return;
    }
    // A local router's ingress is on loopback at the port its READY line gave; a remote
    // router's on its host, at the port its telemetry reports.
    QString host = u"127.0.0.1"_s;
    int httpPort = 0;
    if (const auto it = m_nodes.find(router); it != m_nodes.end() && it->second.remote.isRemote()) {
        host = it->second.remote.host;
        if (it->second.control)
            httpPort = it->second.control->telemetry().value("httpPort"_L1).toInt();
    } else if (const NodeLauncher *launcher = this->launcher(router)) {
        httpPort = launcher->httpPort();
    }
    if (httpPort == 0) {
        rec.error = u"router %1 serves no HTTP ingress"_s.arg(router);
        m_record.requests.append(rec);
        Q_EMIT requestAnswered(rec);
        return;
    }
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host);
    url.setPort(httpPort);
    QNetworkRequest request(QUrl(url.toString(QUrl::RemovePath) + rec.path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject headers = args.value("headers"_L1).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setRawHeader(it.key().toUtf8(), it.value().toString().toUtf8());
    // Timeline requests are traced: their hops and deliveries show on the canvas and feed
    // the failure stopwatch.
    if (!headers.contains("X-Trace"_L1))
        request.setRawHeader("X-Trace", "1");
    if (args.contains("replyTo"_L1))
        request.setRawHeader("Reply-To", args.value("replyTo"_L1).toString().toUtf8());
    if (args.contains("deadlineMs"_L1))
        request.setRawHeader("X-Deadline-Ms", QByteArray::number(args.value("deadlineMs"_L1).toInt()));
    request.setTransferTimeout(65000);
    const QJsonValue body = args.value("body"_L1);
    QByteArray payload;
    if (body.isObject())
        payload = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        payload = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isString())
        payload = body.toString().toUtf8();
    QNetworkReply *reply = m_network.sendCustomRequest(request, rec.method.toLatin1(), payload);
    ++m_pendingRequests;
    const qsizetype index = m_record.requests.size();
    m_record.requests.append(rec);
    connect(reply, &QNetworkReply::finished, this, [this, reply, index] {
        reply->deleteLater();
        --m_pendingRequests;
        Scenario::RequestRecord &r = m_record.requests[index];
        r.answeredMs = m_clock.elapsed();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (r.status == 0)
            r.error = reply->errorString();
        record(r.router, u"request-answered"_s, {{u"name"_s, r.name}, {u"path"_s, r.path}, {u"status"_s, r.status},
                                                  {u"latencyMs"_s, r.answeredMs - r.sentMs}});
        Q_EMIT requestAnswered(r);
    });
}

// ---- recording ---------------------------------------------------------------------

void ScenarioRun::record(const QString &node, const QString &kind, const QJsonObject &fields)
{
    Scenario::RecordedEvent event{m_clock.isValid() ? m_clock.elapsed() : 0, node, kind, fields};
    m_record.events.append(event);
    const QList<int> changed = m_stopwatch.observe(event);
    if (m_eventsFile.isOpen()) {
        QJsonObject line{{u"ms"_s, event.atMs}, {u"node"_s, node}, {u"kind"_s, kind}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            line.insert(it.key(), it.value());
        m_eventsFile.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        m_eventsFile.flush();
    }
    Q_EMIT eventRecorded(event);
    for (int index : changed)
        publishStopwatch(index);
}

bool ScenarioRun::addRouter(const QJsonObject &spec, QString *detail)
{
    Scenario::Router router;
    router.id = spec.value("id"_L1).toString();
    router.kind = spec.value("kind"_L1).toString(u"edge"_s);
    router.provider = spec.value("provider"_L1).toString();
    router.label = spec.value("label"_L1).toString();
    const QJsonArray position = spec.value("position"_L1).toArray();
    router.position = QPointF(position.at(0).toDouble(), position.at(1).toDouble());
    QStringList peers;
    const QJsonArray peerList = spec.value("peers"_L1).toArray();
    for (const QJsonValue &p : peerList)
        peers.append(p.toString());
    if (router.id.isEmpty() || m_nodes.contains(router.id)
        || (router.kind != "edge"_L1 && router.kind != "interior"_L1) || peers.isEmpty()) {
        *detail = u"adding a router needs a new id, kind edge or interior, and the routers it links to"_s;
        return false;
    }
    for (const QString &peer : std::as_const(peers)) {
        const Scenario::Router *existing = m_scenario.router(peer);
        if (!existing || existing->kind != "interior"_L1) {
            *detail = u"no interior router '%1' for %2 to link to"_s.arg(peer, router.id);
            return false;
        }
    }
    if (router.provider.isEmpty())
        router.provider = m_scenario.router(peers.constFirst())->provider;
    const Scenario::Provider *provider = m_scenario.provider(router.provider);
    const qint32 cost = spec.contains("cost"_L1) ? spec.value("cost"_L1).toInt() : (provider ? provider->cost : 1);

    // The new router dials its neighbours; they accept it on the terms its hello proposes.
    Node::NodeConfig config = routerConfig(router);
    for (const QString &peer : std::as_const(peers)) {
        config.dial.append(Node::PeerEndpoint{peer, u"127.0.0.1"_s, m_configs.value(peer).linkPort, cost, router.provider});
        if (router.kind == "edge"_L1)
            router.uplinks.append(Scenario::Uplink{peer, cost, router.provider});
        else
            m_scenario.links.append(Scenario::Link{router.id, peer, cost, router.provider, {}});
    }
    m_scenario.routers.append(router);
    m_configs.insert(router.id, config);
    m_order.append(router.id);
    m_record.processCount = int(m_order.size());
    launch(router.id);
    *detail = u"%1 (%2 router) joins, linked to %3"_s.arg(router.id, router.kind, peers.join(u", "_s));
    return true;
}

bool ScenarioRun::performByOperator(const QString &action, const QJsonObject &args, QString *detail)
{
    const bool ok = perform(action, args, detail);
    Scenario::StepRecord step;
    step.index = -1;
    step.plannedMs = step.firedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    step.action = action;
    step.caption = args.value("caption"_L1).toString();
    step.ok = ok;
    step.detail = *detail;
    step.manual = true;
    m_record.steps.append(step);
    record({}, u"operator"_s, {{u"action"_s, action}, {u"args"_s, args}, {u"ok"_s, ok}, {u"detail"_s, *detail}});
    Q_EMIT operatorActed(step);
    return ok;
}

FailureStopwatch::Totals ScenarioRun::routerTotals() const
{
    FailureStopwatch::Totals totals;
    for (const auto &[id, node] : m_nodes) {
        if (!node.control || !m_configs.value(id).isRouter())
            continue;
        const QJsonObject counters = node.control->telemetry().value("counters"_L1).toObject();
        totals.inFlight += counters.value("inFlight"_L1).toInteger();
        totals.lost += counters.value("expired"_L1).toInteger() + counters.value("noConsumer"_L1).toInteger()
            + counters.value("dropped"_L1).toInteger();
        totals.resent += counters.value("resent"_L1).toInteger();
    }
    return totals;
}

void ScenarioRun::startStopwatch(const QString &action, const QString &label, const FailureStopwatch::Target &target)
{
    publishStopwatch(m_stopwatch.start(action, label, target, m_clock.isValid() ? m_clock.elapsed() : 0, routerTotals()));
}

void ScenarioRun::closeStopwatches(bool final)
{
    const QList<int> closed = m_stopwatch.close(m_clock.isValid() ? m_clock.elapsed() : 0, routerTotals(), final);
    for (int index : closed) {
        publishStopwatch(index);
        const Scenario::StopwatchRecord &s = m_stopwatch.records().at(index);
        record({}, u"stopwatch"_s, {{u"action"_s, s.action}, {u"target"_s, s.target},
                                    {u"detectionMs"_s, s.detectionMs()}, {u"recoveryMs"_s, s.recoveryMs()},
                                    {u"inFlight"_s, s.inFlightAtStart}, {u"lost"_s, s.lost}, {u"resent"_s, s.resent}});
    }
}

void ScenarioRun::publishStopwatch(int index)
{
    m_record.stopwatches = m_stopwatch.records();
    Q_EMIT stopwatchUpdated(index, m_record.stopwatches.at(index));
}

void ScenarioRun::sampleMetrics()
{
    closeStopwatches(false);
    const qint64 now = m_clock.elapsed();
    QByteArray rows;
    for (const QString &id : std::as_const(m_order)) {
        const NodeState &node = m_nodes[id];
        if (!node.control || !node.connected)
            continue;
        const QJsonObject t = node.control->telemetry();
        QList<QPair<QString, double>> numbers;
        flattenNumbers(t.value("counters"_L1).toObject(), u"counters"_s, 0, numbers);
        flattenNumbers(t.value("queues"_L1).toObject(), u"queues"_s, 0, numbers);
        flattenNumbers(t.value("data"_L1).toObject(), u"data"_s, 1, numbers);
        const QJsonObject links = t.value("links"_L1).toObject();
        for (auto it = links.begin(); it != links.end(); ++it) {
            const QJsonObject l = it.value().toObject();
            if (l.contains("rateOut"_L1))
                numbers.append({u"links."_s + it.key() + u".rateOut"_s, l.value("rateOut"_L1).toDouble()});
        }
        for (const auto &[metric, value] : std::as_const(numbers)) {
            m_record.metrics.append(Scenario::MetricSample{now, id, metric, value});
            rows += QByteArray::number(now) + ',' + id.toUtf8() + ',' + metric.toUtf8() + ','
                    + QByteArray::number(value, 'g', 10) + '\n';
        }
    }
    m_metricsFile.write(rows);
    m_metricsFile.flush();
}

void ScenarioRun::collectFinalTelemetry()
{
    int waiting = 0;
    for (const QString &id : std::as_const(m_order)) {
        NodeState &node = m_nodes[id];
        if (!node.control || !node.connected)
            continue;
        ++waiting;
        node.control->command(u"status"_s, {}, [this, id, &waiting](bool ok, const QJsonObject &result, const QString &) {
            --waiting;
            if (ok)
                m_record.finalTelemetry.insert(id, result);
        });
    }
    QElapsedTimer clock;
    clock.start();
    while (waiting > 0 && clock.elapsed() < 5000) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    // Nodes that did not answer keep their last streamed telemetry.
    for (const QString &id : std::as_const(m_order)) {
        const NodeState &node = m_nodes[id];
        if (!m_record.finalTelemetry.contains(id) && node.control && !node.control->telemetry().isEmpty())
            m_record.finalTelemetry.insert(id, node.control->telemetry());
    }
}

void ScenarioRun::stopNodes()
{
    for (auto &[id, node] : m_nodes) {
        node.control.reset();
        if (node.launcher)
            node.launcher->terminate();
    }
    for (auto &[id, node] : m_nodes) {
        if (node.launcher && !node.launcher->waitExited(3000))
            node.launcher->kill();
    }
    for (auto &[id, node] : m_nodes) {
        if (node.launcher)
            node.launcher->waitExited(2000);
    }
}

void ScenarioRun::finish()
{
    if (m_state == State::Finished || m_state == State::Finishing)
        return;
    m_state = State::Finishing;
    m_stepTimer.stop();
    sampleMetrics();
    m_metricsTimer.stop();
    collectFinalTelemetry();
    closeStopwatches(true);
    record({}, u"run-finished"_s, {{u"elapsedMs"_s, m_clock.elapsed()}});
    stopNodes();
    m_record.endedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_eventsFile.close();
    m_metricsFile.close();
    m_state = State::Finished;
    Q_EMIT finished();
}

void ScenarioRun::abort(const QString &reason)
{
    if (m_state == State::Failed || m_state == State::Finished)
        return;
    record({}, u"run-failed"_s, {{u"reason"_s, reason}});
    m_state = State::Failed;
    m_stepTimer.stop();
    m_metricsTimer.stop();
    m_readyTimeout.stop();
    stopNodes();
    m_record.endedAtMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT failed(reason);
}

} // namespace Portolan::Supervisor
