#include "meshfixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Test {

MeshFixture::MeshFixture()
    : m_program(qEnvironmentVariable("PORTOLAN_NODE_BINARY"))
{
}

MeshFixture::~MeshFixture()
{
    m_controls.clear();
    for (const auto &node : std::as_const(m_nodes))
        node->kill();
    for (const auto &node : std::as_const(m_nodes))
        node->waitExited(3000);
}

bool MeshFixture::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

Node::NodeConfig &MeshFixture::router(const QString &id, const QString &role, bool http)
{
    Node::NodeConfig c;
    c.id = id;
    c.role = role;
    c.token = m_token;
    c.linkPort = m_ports.allocate();
    c.httpIngress = http;
    c.retransmitMs = 300;
    m_configs.insert(id, c);
    m_order.append(id);
    return m_configs[id];
}

void MeshFixture::link(const QString &a, const QString &b, int cost, const QString &provider)
{
    Node::NodeConfig &from = m_configs[a];
    Node::NodeConfig &to = m_configs[b];
    from.dial.append(Node::PeerEndpoint{b, u"127.0.0.1"_s, to.linkPort, cost, provider});
    to.accept.append(Node::LinkTerms{a, cost, provider});
}

Node::NodeConfig &MeshFixture::entity(const QString &id, const QString &role, const QStringList &routers,
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

void MeshFixture::distribute(const QString &prefix, const QString &mode)
{
    Routing::Distribution d;
    d.prefix = prefix;
    if (mode == "unacked"_L1) {
        d.mode = Routing::Mode::Multicast;
        d.acked = false;
    } else {
        d.mode = Routing::modeFromName(mode).value_or(Routing::Mode::Closest);
    }
    m_distributions.append(d);
}

QStringList MeshFixture::routerIds() const
{
    QStringList ids;
    for (const QString &id : m_order) {
        if (m_configs.value(id).isRouter())
            ids.append(id);
    }
    return ids;
}

bool MeshFixture::start(int timeoutMs)
{
    QList<std::shared_ptr<Supervisor::NodeLauncher>> started;
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &id : std::as_const(m_order)) {
            Node::NodeConfig config = m_configs.value(id);
            if (m_nodes.contains(id) || config.isRouter() != (pass == 0))
                continue;
            if (config.isRouter())
                config.distributions = m_distributions;
            auto launcher = std::make_shared<Supervisor::NodeLauncher>(m_program, config, m_dir.path());
            launcher->start();
            m_nodes.insert(id, launcher);
            started.append(launcher);
        }
    }
    QElapsedTimer clock;
    clock.start();
    for (const auto &launcher : std::as_const(started)) {
        if (!launcher->waitReady(int(qMax<qint64>(1, timeoutMs - clock.elapsed())))) {
            qWarning("node %s did not become ready; log: %s", qPrintable(launcher->id()), qPrintable(launcher->logPath()));
            return false;
        }
    }
    return true;
}

bool MeshFixture::waitConverged(int timeoutMs)
{
    const QStringList routers = routerIds();
    return waitUntil([&] {
        for (const QString &r : routers) {
            const QJsonObject routes = status(r).value("routes"_L1).toObject();
            for (const QString &other : routers) {
                if (other != r && !routes.contains(other))
                    return false;
            }
        }
        return true;
    }, timeoutMs);
}

Supervisor::ControlClient *MeshFixture::control(const QString &id)
{
    if (auto existing = m_controls.value(id); existing && existing->isConnected())
        return existing.get();
    Supervisor::NodeLauncher *launcher = node(id);
    if (!launcher || launcher->state() != Supervisor::NodeLauncher::State::Ready)
        return nullptr;
    auto client = std::make_shared<Supervisor::ControlClient>();
    client->open(u"127.0.0.1"_s, launcher->controlPort(), m_token);
    if (!waitUntil([&] { return client->isConnected(); }, 5000))
        return nullptr;
    client->subscribe(10, true, true);
    m_controls.insert(id, client);
    return client.get();
}

QJsonObject MeshFixture::command(const QString &id, const QString &name, const QJsonObject &args,
                                 QString *error, int timeoutMs)
{
    Supervisor::ControlClient *client = control(id);
    if (!client) {
        if (error)
            *error = u"no control connection to %1"_s.arg(id);
        return {};
    }
    bool done = false;
    QJsonObject answer;
    client->command(name, args, [&](bool ok, const QJsonObject &result, const QString &message) {
        done = true;
        answer = result;
        if (!ok && error)
            *error = message;
    });
    if (!waitUntil([&] { return done; }, timeoutMs) && error)
        *error = u"no answer from %1 within %2 ms"_s.arg(id).arg(timeoutMs);
    return answer;
}

bool MeshFixture::restart(const QString &id, int timeoutMs)
{
    auto launcher = m_nodes.value(id);
    if (!launcher)
        return false;
    m_controls.remove(id);
    launcher->waitExited(5000);
    Node::NodeConfig config = launcher->config();
    // Same ports as before, so peers and entities find it again.
    if (config.isRouter())
        config.linkPort = launcher->linkPort();
    config.controlPort = launcher->controlPort();
    if (config.httpIngress)
        config.httpPort = launcher->httpPort();
    launcher->setConfig(config);
    launcher->start();
    return launcher->waitReady(timeoutMs);
}

QJsonDocument MeshFixture::HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body);
}

MeshFixture::HttpAnswer MeshFixture::http(const QString &router, const QByteArray &method, const QString &pathAndQuery,
                                          const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers,
                                          int timeoutMs)
{
    HttpAnswer answer;
    Supervisor::NodeLauncher *launcher = node(router);
    if (!launcher)
        return answer;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(launcher->httpPort()).arg(pathAndQuery)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    const bool finished = waitUntil([&] { return reply->isFinished(); }, timeoutMs);
    if (finished) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
    }
    reply->abort();
    reply->deleteLater();
    return answer;
}

} // namespace Portolan::Test
