#include "supervisor/networkdiscovery.h"

#include "supervisor/controlclient.h"

#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

NetworkDiscovery::NetworkDiscovery(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &NetworkDiscovery::giveUp);
}

NetworkDiscovery::~NetworkDiscovery() = default;

bool NetworkDiscovery::start(const QStringList &controlUrls, int timeoutMs, QString *error)
{
    if (isRunning()) {
        *error = u"already attaching"_s;
        return false;
    }
    std::vector<Pending> pending;
    QSet<QString> endpoints;
    for (const QString &url : controlUrls) {
        if (url.trimmed().isEmpty())
            continue;
        std::optional<Scenario::RemoteNode> remote = Scenario::RemoteNode::fromControlUrl(url, error);
        if (!remote)
            return false;
        const QString endpoint = remote->host + u':' + QString::number(remote->controlPort);
        if (endpoints.contains(endpoint))
            continue;   // the same node named twice
        endpoints.insert(endpoint);
        pending.push_back(Pending{*remote, url.trimmed(), nullptr});
    }
    if (pending.empty()) {
        *error = u"no control URL given (ws://HOST:PORT/?token=TOKEN)"_s;
        return false;
    }
    m_found.clear();
    m_problems.clear();
    m_pending = std::move(pending);
    for (Pending &p : m_pending) {
        p.client = std::make_unique<ControlClient>();
        ControlClient *client = p.client.get();
        connect(client, &ControlClient::connected, this, [client] {
            // One snapshot is all discovery needs; it arrives as the first telemetry message.
            client->subscribe(1, true, false);
        });
        connect(client, &ControlClient::telemetryUpdated, this, [this, client] { settle(client, {}); });
        connect(client, &ControlClient::errorOccurred, this, [this, client](const QString &message) {
            settle(client, message);
        }, Qt::QueuedConnection);
        connect(client, &ControlClient::disconnected, this, [this, client] {
            settle(client, u"the node closed the connection"_s);
        }, Qt::QueuedConnection);
        client->open(p.remote.host, p.remote.controlPort, p.remote.token);
    }
    m_deadline.start(timeoutMs);
    return true;
}

void NetworkDiscovery::settle(ControlClient *client, const QString &problem)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [client](const Pending &p) { return p.client.get() == client; });
    if (it == m_pending.end())
        return;
    if (problem.isEmpty()) {
        const QJsonObject welcome = client->welcome();
        Scenario::DiscoveredNode node;
        node.remote = it->remote;
        node.id = client->nodeId();
        node.kind = welcome.value("kind"_L1).toString();
        node.role = welcome.value("role"_L1).toString();
        node.version = welcome.value("version"_L1).toString();
        node.telemetry = client->telemetry();
        const bool duplicate = std::any_of(m_found.cbegin(), m_found.cend(),
                                           [&node](const Scenario::DiscoveredNode &n) { return n.id == node.id; });
        if (node.id.isEmpty())
            m_problems.append(u"%1: the node did not say who it is"_s.arg(it->url));
        else if (duplicate)
            m_problems.append(u"%1: a second node called %2; only the first is kept"_s.arg(it->url, node.id));
        else
            m_found.append(node);
    } else {
        m_problems.append(u"%1: %2"_s.arg(it->url, problem));
    }
    // Not destroyed here: this runs inside the client's own signal.
    it->client.release()->deleteLater();
    m_pending.erase(it);
    if (m_pending.empty()) {
        m_deadline.stop();
        Q_EMIT finished();
    }
}

void NetworkDiscovery::giveUp()
{
    for (const Pending &p : m_pending)
        m_problems.append(u"%1: no answer in time"_s.arg(p.url));
    m_pending.clear();
    Q_EMIT finished();
}

} // namespace Portolan::Supervisor
