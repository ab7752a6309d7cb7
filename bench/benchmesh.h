#pragma once

#include "node/runtime/nodeconfig.h"
#include "supervisor/controlclient.h"
#include "supervisor/nodelauncher.h"
#include "supervisor/portallocator.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Portolan::Bench {

// A mesh of real portolan-node processes on loopback for one benchmark run: routers with
// pre-allocated link ports, links, entities attached to routers, control connections and
// blocking helpers that spin the event loop. Every process dies with the mesh (SIGKILL),
// and with the benchmark process through the launcher's parent-death signal.
//
// Deliberately independent of the integration tests' fixture: benchmarks build without
// the test suites (PORTOLAN_BUILD_TESTS=OFF).
class BenchMesh
{
public:
    // program: the portolan-node binary.
    explicit BenchMesh(const QString &program);
    ~BenchMesh();
    BenchMesh(const BenchMesh &) = delete;
    BenchMesh &operator=(const BenchMesh &) = delete;

    bool isValid() const { return m_dir.isValid() && !m_program.isEmpty(); }
    QString runDirectory() const { return m_dir.path(); }

    Node::NodeConfig &router(const QString &id, const QString &role = QStringLiteral("interior"));
    // a dials b; cost and provider on both ends.
    void link(const QString &a, const QString &b, int cost = 1, const QString &provider = {});
    Node::NodeConfig &entity(const QString &id, const QString &role, const QStringList &routers,
                             const QJsonObject &params = {});
    Node::NodeConfig &config(const QString &id) { return m_configs[id]; }

    // Runs this node under a command prefix, e.g. "valgrind --tool=callgrind": the mesh
    // writes a small wrapper script that execs the prefix with the node binary.
    void wrap(const QString &id, const QString &commandPrefix);

    // Starts every configured node not yet started, routers first, and waits for their
    // READY lines. On failure says which node and where its log is.
    bool start(QString *error, int timeoutMs = 15000);

    Supervisor::NodeLauncher *node(const QString &id) const { return m_nodes.value(id).get(); }
    qint64 pid(const QString &id) const;
    QStringList ids() const { return m_order; }

    // A connected control client, subscribed to events only when asked (telemetry is
    // fetched with "status" so that no telemetry timer runs inside the measured nodes).
    Supervisor::ControlClient *control(const QString &id, bool events = false);
    QJsonObject command(const QString &id, const QString &name, const QJsonObject &args = {},
                        QString *error = nullptr, int timeoutMs = 5000);
    QJsonObject status(const QString &id) { return command(id, QStringLiteral("status")); }

    // SIGTERM and wait: lets a wrapped profiler write its output.
    bool stop(const QString &id, int timeoutMs = 60000);

    // Spins the event loop until condition() holds; false after timeoutMs.
    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int pollMs = 5);
    // Spins the event loop for ms milliseconds (timers, sockets and control clients keep working).
    static void spin(int ms);

    // The portolan-node next to the benchmark executable, unless PORTOLAN_NODE_BINARY says otherwise.
    static QString defaultProgram();

private:
    QTemporaryDir m_dir;
    QString m_program;
    QByteArray m_token = "bench-token";
    Supervisor::PortAllocator m_ports;
    QHash<QString, Node::NodeConfig> m_configs;
    QHash<QString, QString> m_wrappers;
    QStringList m_order;
    QHash<QString, std::shared_ptr<Supervisor::NodeLauncher>> m_nodes;
    QHash<QString, std::shared_ptr<Supervisor::ControlClient>> m_controls;
    QSet<QString> m_eventSubscribers;   // ids whose control client asked for events
};

} // namespace Portolan::Bench
