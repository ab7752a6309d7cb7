#include "node/runtime/nodeprocess.h"

#include "node/control/controlserver.h"
#include "node/runtime/nodecommandline.h"
#include "node/runtime/noderuntime.h"
#include "node/runtime/terminationsignals.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

NodeProcess::NodeProcess(const NodeConfig &config, std::unique_ptr<NodeRuntime> runtime, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_runtime(std::move(runtime))
{
}

NodeProcess::~NodeProcess()
{
    // The control server reads from the runtime: stop it first.
    m_control.reset();
    m_runtime.reset();
}

bool NodeProcess::start(QString *error)
{
    m_control = std::make_unique<ControlServer>(m_config.id, m_config.token);
    m_control->setWelcome({{u"role"_s, m_config.role},
                           {u"kind"_s, Wire::nodeKindName(m_config.kind())},
                           {u"version"_s, m_config.software}});

    NodeRuntime *runtime = m_runtime.get();
    runtime->setEventsWanted([this] { return m_control->wantsEvents(); });
    connect(runtime, &NodeRuntime::event, this,
            [this](const QString &kind, const QJsonObject &fields) { m_control->publishEvent(kind, fields); });
    connect(runtime, &NodeRuntime::drained, this, [this] { Q_EMIT finished(0); }, Qt::QueuedConnection);
    connect(runtime, &NodeRuntime::shutdownRequested, this, [this] { Q_EMIT finished(0); });
    m_control->setSnapshotProvider([runtime] { return runtime->telemetry(); });
    m_control->setCommandHandler([runtime](const QString &name, const QJsonObject &args, QString *err) {
        return runtime->command(name, args, err);
    });
    if (!runtime->start(error))
        return false;
    return m_control->listen(m_config.listenAddress, m_config.controlPort, error);
}

QByteArray NodeProcess::readyLine() const
{
    const QJsonObject ready{
        {u"node"_s, m_config.id},
        {u"pid"_s, QCoreApplication::applicationPid()},
        {u"role"_s, m_config.role},
        {u"version"_s, m_config.software},
        {u"linkPort"_s, m_runtime->linkPort()},
        {u"controlPort"_s, m_control ? m_control->port() : 0},
        {u"httpPort"_s, m_runtime->httpPort()},
    };
    return "READY " + QJsonDocument(ready).toJson(QJsonDocument::Compact);
}

int runNode(int argc, char *argv[], const NodeRuntimeFactory &makeRuntime)
{
    // Qt's own poll-based event dispatcher instead of GLib's: a node needs no GLib main
    // loop (no GUI, no GLib-based libraries), and leaving GLib's code untouched keeps
    // ~0.4 MB out of every node's resident set. Before QCoreApplication, which picks it.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"portolan-node"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTOLAN_VERSION));

    NodeConfig config;
    QString error;
    QString helpText;
    if (!parseNodeCommandLine(QCoreApplication::arguments(), &config, &error, &helpText)) {
        QTextStream(stderr) << "portolan-node: " << error << '\n';
        return 2;
    }
    if (!helpText.isEmpty()) {
        QTextStream(stdout) << helpText << '\n';
        return 0;
    }

    std::unique_ptr<NodeRuntime> runtime = makeRuntime(config, &error);
    if (!runtime) {
        QTextStream(stderr) << "portolan-node " << config.id << ": " << error << '\n';
        return 1;
    }
    NodeProcess node(config, std::move(runtime));
    TerminationSignals termination;
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &app, [] { QCoreApplication::exit(0); });
    QObject::connect(&node, &NodeProcess::finished, &app, [](int code) { QCoreApplication::exit(code); });
    if (!node.start(&error)) {
        QTextStream(stderr) << "portolan-node " << config.id << ": " << error << '\n';
        return 1;
    }
    const QByteArray ready = node.readyLine();
    std::fwrite(ready.constData(), 1, size_t(ready.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    return app.exec();
}

} // namespace Portolan::Node
