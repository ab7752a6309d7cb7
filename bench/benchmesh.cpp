#include "benchmesh.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Bench {

BenchMesh::BenchMesh(const QString &program)
    : m_program(program)
{
}

BenchMesh::~BenchMesh()
{
    m_controls.clear();
    for (const auto &node : std::as_const(m_nodes))
        node->kill();
    for (const auto &node : std::as_const(m_nodes))
        node->waitExited(3000);
}

QString BenchMesh::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString nextToUs = QDir(QCoreApplication::applicationDirPath()).filePath(u"portolan-node"_s);
    return QFileInfo(nextToUs).isExecutable() ? nextToUs : QString();
}

bool BenchMesh::waitUntil(const std::function<bool()> &condition, int timeoutMs, int pollMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(pollMs, Qt::PreciseTimer, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void BenchMesh::spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

Node::NodeConfig &BenchMesh::router(const QString &id, const QString &role)
{
    Node::NodeConfig c;
    c.id = id;
    c.role = role;
    c.token = m_token;
    c.linkPort = m_ports.allocate();
    m_configs.insert(id, c);
    m_order.append(id);
    return m_configs[id];
}

void BenchMesh::link(const QString &a, const QString &b, int cost, const QString &provider)
{
    Node::NodeConfig &from = m_configs[a];
    Node::NodeConfig &to = m_configs[b];
    from.dial.append(Node::PeerEndpoint{b, u"127.0.0.1"_s, to.linkPort, cost, provider});
    to.accept.append(Node::LinkTerms{a, cost, provider});
}

Node::NodeConfig &BenchMesh::entity(const QString &id, const QString &role, const QStringList &routers,
                                    const QJsonObject &params)
{
    Node::NodeConfig c;
    c.id = id;
    c.role = role;
    c.token = m_token;
    c.params = params;
    c.dataDir = m_dir.filePath(u"data"_s);
    for (const QString &r : routers)
        c.dial.append(Node::PeerEndpoint{r, u"127.0.0.1"_s, m_configs.value(r).linkPort, 1, {}});
    m_configs.insert(id, c);
    m_order.append(id);
    return m_configs[id];
}

void BenchMesh::wrap(const QString &id, const QString &commandPrefix)
{
    m_wrappers.insert(id, commandPrefix);
}

bool BenchMesh::start(QString *error, int timeoutMs)
{
    QList<std::shared_ptr<Supervisor::NodeLauncher>> started;
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &id : std::as_const(m_order)) {
            const Node::NodeConfig config = m_configs.value(id);
            if (m_nodes.contains(id) || config.isRouter() != (pass == 0))
                continue;
            QString program = m_program;
            if (m_wrappers.contains(id)) {
                program = m_dir.filePath(u"wrap-"_s + id + u".sh"_s);
                QFile script(program);
                if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                    *error = u"cannot write %1"_s.arg(program);
                    return false;
                }
                script.write("#!/bin/sh\nexec " + m_wrappers.value(id).toUtf8() + " '" + m_program.toUtf8()
                             + "' \"$@\"\n");
                script.close();
                script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            }
            auto launcher = std::make_shared<Supervisor::NodeLauncher>(program, config, m_dir.path());
            launcher->start();
            m_nodes.insert(id, launcher);
            started.append(launcher);
        }
    }
    QElapsedTimer clock;
    clock.start();
    for (const auto &launcher : std::as_const(started)) {
        if (!launcher->waitReady(int(qMax<qint64>(1, timeoutMs - clock.elapsed())))) {
            *error = u"node %1 did not become ready; log: %2"_s.arg(launcher->id(), launcher->logPath());
            return false;
        }
    }
    return true;
}

qint64 BenchMesh::pid(const QString &id) const
{
    const Supervisor::NodeLauncher *launcher = node(id);
    return launcher ? launcher->readyInfo().value("pid"_L1).toInteger() : 0;
}

Supervisor::ControlClient *BenchMesh::control(const QString &id, bool events)
{
    if (auto existing = m_controls.value(id); existing && existing->isConnected()) {
        if (events && !m_eventSubscribers.contains(id)) {
            existing->subscribe(1, false, true);
            m_eventSubscribers.insert(id);
        }
        return existing.get();
    }
    Supervisor::NodeLauncher *launcher = node(id);
    if (!launcher || launcher->state() != Supervisor::NodeLauncher::State::Ready)
        return nullptr;
    auto client = std::make_shared<Supervisor::ControlClient>();
    client->open(u"127.0.0.1"_s, launcher->controlPort(), m_token);
    if (!waitUntil([&] { return client->isConnected(); }, 5000))
        return nullptr;
    m_eventSubscribers.remove(id);
    if (events) {
        client->subscribe(1, false, true);
        m_eventSubscribers.insert(id);
    }
    m_controls.insert(id, client);
    return client.get();
}

QJsonObject BenchMesh::command(const QString &id, const QString &name, const QJsonObject &args, QString *error,
                               int timeoutMs)
{
    Supervisor::ControlClient *client = control(id);
    if (!client) {
        if (error)
            *error = u"no control connection to %1"_s.arg(id);
        return {};
    }
    // Shared, so that an answer arriving after the timeout does not write to a dead frame;
    // the loop quits as soon as the answer is in, so a command costs one round trip.
    auto done = std::make_shared<bool>(false);
    auto answer = std::make_shared<QJsonObject>();
    auto message = std::make_shared<QString>();
    QEventLoop loop;
    const QPointer<QEventLoop> waiting(&loop);
    client->command(name, args, [done, answer, message, waiting](bool ok, const QJsonObject &result,
                                                                 const QString &text) {
        *done = true;
        *answer = result;
        if (!ok)
            *message = text;
        if (waiting)
            waiting->quit();
    });
    if (!*done) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!*done) {
        if (error)
            *error = u"no answer from %1 to %2 within %3 ms"_s.arg(id, name).arg(timeoutMs);
        return {};
    }
    if (error)
        *error = *message;
    return *answer;
}

bool BenchMesh::stop(const QString &id, int timeoutMs)
{
    Supervisor::NodeLauncher *launcher = node(id);
    if (!launcher)
        return false;
    m_controls.remove(id);
    m_eventSubscribers.remove(id);
    launcher->terminate();
    return launcher->waitExited(timeoutMs);
}

} // namespace Portolan::Bench
