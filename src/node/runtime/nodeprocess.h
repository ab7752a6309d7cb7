#pragma once

#include "node/runtime/nodeconfig.h"

#include <QObject>

#include <memory>

namespace Portolan::Node {

class ControlServer;
class EntityRuntime;
class Router;

// One portolan-node: the router or entity runtime its config asks for, plus the control
// WebSocket every node serves. Emits finished() when the node should exit (drained,
// or told to shut down).
class NodeProcess : public QObject
{
    Q_OBJECT
public:
    explicit NodeProcess(const NodeConfig &config, QObject *parent = nullptr);
    ~NodeProcess() override;

    bool start(QString *error);

    // The one machine-readable line the supervisor waits for:
    // READY {"node":..., "pid":..., "linkPort":..., "controlPort":..., "httpPort":...}
    QByteArray readyLine() const;

Q_SIGNALS:
    void finished(int exitCode);

private:
    NodeConfig m_config;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<EntityRuntime> m_entity;
    std::unique_ptr<ControlServer> m_control;
};

} // namespace Portolan::Node
