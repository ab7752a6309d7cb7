#pragma once

#include "node/runtime/nodeconfig.h"
#include "supervisor/controlclient.h"
#include "supervisor/nodelauncher.h"
#include "supervisor/portallocator.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Portolan::Test {

// Builds a mesh of real portolan-node processes on loopback for one test: routers with
// pre-allocated link ports, links between them, entities attached to routers. Every
// process dies with the fixture (and with the test process, through the launcher).
class MeshFixture
{
public:
    MeshFixture();
    ~MeshFixture();

    bool isValid() const { return m_dir.isValid() && !m_program.isEmpty(); }
    QString runDirectory() const { return m_dir.path(); }

    Node::NodeConfig &router(const QString &id, const QString &role = QStringLiteral("interior"), bool http = false);
    // a dials b, cost and provider on both ends.
    void link(const QString &a, const QString &b, int cost = 1, const QString &provider = {});
    Node::NodeConfig &entity(const QString &id, const QString &role, const QStringList &routers,
                             const QJsonObject &params = {});
    void distribute(const QString &prefix, const QString &mode);   // on every router

    // Starts every configured node not yet started, routers first; false on timeout.
    bool start(int timeoutMs = 15000);
    // Waits until every interior and edge router reaches every other router.
    bool waitConverged(int timeoutMs = 10000);

    Supervisor::NodeLauncher *node(const QString &id) const { return m_nodes.value(id).get(); }
    Supervisor::ControlClient *control(const QString &id);   // connected, subscribed
    QJsonObject command(const QString &id, const QString &name, const QJsonObject &args = {},
                        QString *error = nullptr, int timeoutMs = 5000);
    QJsonObject status(const QString &id) { return command(id, QStringLiteral("status")); }

    // Restart a node that exited or was killed, on the same ports and database.
    bool restart(const QString &id, int timeoutMs = 10000);

    struct HttpAnswer
    {
        int status = 0;
        QByteArray body;
        QJsonDocument json() const;
    };
    HttpAnswer http(const QString &router, const QByteArray &method, const QString &pathAndQuery,
                    const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    int timeoutMs = 10000);

    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    QByteArray token() const { return m_token; }
    QStringList routerIds() const;

private:
    QTemporaryDir m_dir;
    QString m_program;
    QByteArray m_token = "integration-token";
    Supervisor::PortAllocator m_ports;
    QHash<QString, Node::NodeConfig> m_configs;
    QStringList m_order;
    QHash<QString, std::shared_ptr<Supervisor::NodeLauncher>> m_nodes;
    QHash<QString, std::shared_ptr<Supervisor::ControlClient>> m_controls;
    QList<Routing::Distribution> m_distributions;
    QNetworkAccessManager m_network;
};

} // namespace Portolan::Test
