#pragma once

#include "node/runtime/nodeconfig.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QProcess>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSupervisor)

namespace Portolan::Supervisor {

// One portolan-node child process: writes its config into the run directory, starts it,
// reads its READY line (ports), keeps its log, and stops, kills or restarts it. The child
// is tied to us with PR_SET_PDEATHSIG, so no node outlives a supervisor that is killed.
class NodeLauncher : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Ready, Stopping, Exited };
    Q_ENUM(State)

    NodeLauncher(const QString &program, const Node::NodeConfig &config, const QString &runDirectory,
                 QObject *parent = nullptr);
    ~NodeLauncher() override;

    const Node::NodeConfig &config() const { return m_config; }
    void setConfig(const Node::NodeConfig &config) { m_config = config; }
    QString id() const { return m_config.id; }
    State state() const { return m_state; }
    qint64 pid() const;
    QJsonObject readyInfo() const { return m_ready; }   // the READY line's object
    quint16 linkPort() const;
    quint16 controlPort() const;
    quint16 httpPort() const;
    QString logPath() const;
    QString configPath() const;
    int exitCode() const { return m_exitCode; }

    void start();
    void terminate();   // SIGTERM: clean exit
    void kill();        // SIGKILL: the crash the operator asked for
    // Blocking helpers for tests and the headless runner; they spin the event loop.
    bool waitReady(int timeoutMs);
    bool waitExited(int timeoutMs);

Q_SIGNALS:
    void ready();
    void exited(int exitCode, bool crashed);
    void failed(const QString &message);   // could not start, or exited before READY

private:
    void onStdout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void appendLog(const QByteArray &bytes);
    QString programForKind() const;

    QString m_program;
    Node::NodeConfig m_config;
    QString m_runDirectory;
    std::unique_ptr<QProcess> m_process;
    State m_state = State::NotStarted;
    QByteArray m_stdoutBuffer;
    QJsonObject m_ready;
    int m_exitCode = -1;
};

} // namespace Portolan::Supervisor
