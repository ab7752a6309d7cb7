#include "node/runtime/nodeprocess.h"

#include "node/control/controlserver.h"
#include "node/roles/role.h"
#include "node/runtime/entityruntime.h"
#include "node/runtime/router.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

NodeProcess::NodeProcess(const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
}

NodeProcess::~NodeProcess()
{
    // The control server reads from the runtime: stop it first.
    m_control.reset();
    m_entity.reset();
    m_router.reset();
}

bool NodeProcess::start(QString *error)
{
    m_control = std::make_unique<ControlServer>(m_config.id, m_config.token);
    m_control->setWelcome({{u"role"_s, m_config.role},
                           {u"kind"_s, Wire::nodeKindName(m_config.kind())},
                           {u"version"_s, m_config.software}});

    if (m_config.isRouter()) {
        m_router = std::make_unique<Router>(m_config);
        connect(m_router.get(), &Router::event, this,
                [this](const QString &kind, const QJsonObject &fields) { m_control->publishEvent(kind, fields); });
        connect(m_router.get(), &Router::drained, this, [this] { Q_EMIT finished(0); }, Qt::QueuedConnection);
        connect(m_router.get(), &Router::shutdownRequested, this, [this] { Q_EMIT finished(0); });
        m_control->setSnapshotProvider([this] { return m_router->telemetry(); });
        m_control->setCommandHandler([this](const QString &name, const QJsonObject &args, QString *err) {
            return m_router->command(name, args, err);
        });
        if (!m_router->start(error))
            return false;
    } else {
        std::unique_ptr<Role> role = createRole(m_config.role);
        if (!role) {
            *error = u"unknown role '%1' (known: interior, edge, %2)"_s.arg(m_config.role, roleNames().join(u", "_s));
            return false;
        }
        m_entity = std::make_unique<EntityRuntime>(m_config, std::move(role));
        m_entity->setEventsWanted([this] { return m_control->wantsEvents(); });
        connect(m_entity.get(), &EntityRuntime::event, this,
                [this](const QString &kind, const QJsonObject &fields) { m_control->publishEvent(kind, fields); });
        connect(m_entity.get(), &EntityRuntime::drained, this, [this] { Q_EMIT finished(0); }, Qt::QueuedConnection);
        connect(m_entity.get(), &EntityRuntime::shutdownRequested, this, [this] { Q_EMIT finished(0); });
        m_control->setSnapshotProvider([this] { return m_entity->telemetry(); });
        m_control->setCommandHandler([this](const QString &name, const QJsonObject &args, QString *err) {
            return m_entity->command(name, args, err);
        });
        if (!m_entity->start(error))
            return false;
    }
    return m_control->listen(m_config.listenAddress, m_config.controlPort, error);
}

QByteArray NodeProcess::readyLine() const
{
    const QJsonObject ready{
        {u"node"_s, m_config.id},
        {u"pid"_s, QCoreApplication::applicationPid()},
        {u"role"_s, m_config.role},
        {u"version"_s, m_config.software},
        {u"linkPort"_s, m_router ? m_router->linkPort() : 0},
        {u"controlPort"_s, m_control ? m_control->port() : 0},
        {u"httpPort"_s, m_router ? m_router->httpPort() : 0},
    };
    return "READY " + QJsonDocument(ready).toJson(QJsonDocument::Compact);
}

} // namespace Portolan::Node
