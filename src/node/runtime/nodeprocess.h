#pragma once

#include "node/runtime/nodeconfig.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Portolan::Node {

class ControlServer;
class NodeRuntime;

// One running node: the router or entity runtime its executable made for the config,
// plus the control WebSocket every node serves. Emits finished() when the node should
// exit (drained, or told to shut down).
class NodeProcess : public QObject
{
    Q_OBJECT
public:
    NodeProcess(const NodeConfig &config, std::unique_ptr<NodeRuntime> runtime, QObject *parent = nullptr);
    ~NodeProcess() override;

    bool start(QString *error);

    // The one machine-readable line the supervisor waits for:
    // READY {"node":..., "pid":..., "linkPort":..., "controlPort":..., "httpPort":...}
    QByteArray readyLine() const;

Q_SIGNALS:
    void finished(int exitCode);

private:
    NodeConfig m_config;
    std::unique_ptr<NodeRuntime> m_runtime;
    std::unique_ptr<ControlServer> m_control;
};

// Makes the runtime for a config, or returns null with *error (say, an unknown role).
using NodeRuntimeFactory = std::function<std::unique_ptr<NodeRuntime>(const NodeConfig &, QString *error)>;

// The whole life of a node executable: parse the command line, start the runtime the
// factory makes, print the READY line, run until SIGTERM or the node finishes.
// Returns the process's exit code (2 for a bad command line, 1 when it cannot start).
int runNode(int argc, char *argv[], const NodeRuntimeFactory &makeRuntime);

} // namespace Portolan::Node
