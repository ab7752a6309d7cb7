#include "supervisor/nodelauncher.h"

#include "node/runtime/nodeexecutables.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcSupervisor, "portolan.supervisor")

namespace Portolan::Supervisor {

NodeLauncher::NodeLauncher(const QString &program, const Node::NodeConfig &config,
                           const QString &runDirectory, QObject *parent)
    : QObject(parent)
    , m_program(program)
    , m_config(config)
    , m_runDirectory(runDirectory)
{
}

NodeLauncher::~NodeLauncher()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

qint64 NodeLauncher::pid() const
{
    return m_process ? m_process->processId() : 0;
}

quint16 NodeLauncher::linkPort() const
{
    return quint16(m_ready.value("linkPort"_L1).toInt());
}

quint16 NodeLauncher::controlPort() const
{
    return quint16(m_ready.value("controlPort"_L1).toInt());
}

quint16 NodeLauncher::httpPort() const
{
    return quint16(m_ready.value("httpPort"_L1).toInt());
}

QString NodeLauncher::logPath() const
{
    return QDir(m_runDirectory).filePath(u"logs/"_s + m_config.id + u".log"_s);
}

QString NodeLauncher::configPath() const
{
    return QDir(m_runDirectory).filePath(u"configs/"_s + m_config.id + u".json"_s);
}

void NodeLauncher::start()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        return;
    QDir run(m_runDirectory);
    run.mkpath(u"configs"_s);
    run.mkpath(u"logs"_s);
    if (m_config.dataDir.isEmpty())
        m_config.dataDir = run.filePath(u"data"_s);
    QFile configFile(configPath());
    if (!configFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || configFile.write(QJsonDocument(m_config.toJson()).toJson()) < 0) {
        m_state = State::Exited;
        Q_EMIT failed(u"cannot write %1: %2"_s.arg(configFile.fileName(), configFile.errorString()));
        return;
    }
    configFile.close();

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(programForKind());
    m_process->setArguments({u"--config"_s, configPath()});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(logPath(), QIODevice::Append);
    m_process->setChildProcessModifier([] {
        // Die with the supervisor, however it dies.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &NodeLauncher::onStdout);
    connect(m_process.get(), &QProcess::finished, this, &NodeLauncher::onFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_state = State::Exited;
            Q_EMIT failed(u"cannot start %1: %2"_s.arg(m_process->program(), m_process->errorString()));
        }
    });
    m_state = State::Starting;
    m_ready = {};
    m_stdoutBuffer.clear();
    appendLog("---- starting " + m_config.id.toUtf8() + " (" + m_config.software.toUtf8() + ")\n");
    m_process->start();
}

QString NodeLauncher::programForKind() const
{
    // portolan-node would only read the config and exec this executable: start it
    // directly and save every node a second start-up. Anything else (a wrapper script, a
    // test double) is started as given.
    const QFileInfo program(m_program);
    if (program.fileName() != "portolan-node"_L1)
        return m_program;
    const QString forKind = Node::findNodeExecutable(program.absolutePath(), m_config.isRouter());
    return forKind.isEmpty() ? m_program : forKind;
}

void NodeLauncher::appendLog(const QByteArray &bytes)
{
    QFile log(logPath());
    if (log.open(QIODevice::Append))
        log.write(bytes);
}

void NodeLauncher::onStdout()
{
    m_stdoutBuffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutBuffer.left(newline);
        m_stdoutBuffer.remove(0, newline + 1);
        if (m_state == State::Starting && line.startsWith("READY ")) {
            const QJsonDocument doc = QJsonDocument::fromJson(line.mid(6));
            if (!doc.isObject()) {
                Q_EMIT failed(u"%1 printed a READY line that is not JSON"_s.arg(m_config.id));
                continue;
            }
            m_ready = doc.object();
            m_state = State::Ready;
            Q_EMIT ready();
        } else {
            appendLog(line + '\n');
        }
    }
}

void NodeLauncher::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const bool beforeReady = m_state == State::Starting;
    m_state = State::Exited;
    m_exitCode = exitCode;
    const bool crashed = status == QProcess::CrashExit;
    appendLog("---- exited " + QByteArray::number(exitCode) + (crashed ? " (killed)\n" : "\n"));
    if (beforeReady)
        Q_EMIT failed(u"%1 exited before it was ready (exit code %2); see %3"_s.arg(m_config.id).arg(exitCode).arg(logPath()));
    Q_EMIT exited(exitCode, crashed);
}

void NodeLauncher::terminate()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_state = State::Stopping;
        m_process->terminate();
    }
}

void NodeLauncher::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_state = State::Stopping;
        m_process->kill();
    }
}

namespace {
template<typename Done>
bool spinUntil(Done done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return false;
        QEventLoop loop;
        QTimer::singleShot(int(qMin<qint64>(left, 10)), &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}
} // namespace

bool NodeLauncher::waitReady(int timeoutMs)
{
    return spinUntil([this] { return m_state == State::Ready || m_state == State::Exited; }, timeoutMs)
           && m_state == State::Ready;
}

bool NodeLauncher::waitExited(int timeoutMs)
{
    return spinUntil([this] { return !m_process || m_process->state() == QProcess::NotRunning; }, timeoutMs);
}

} // namespace Portolan::Supervisor
