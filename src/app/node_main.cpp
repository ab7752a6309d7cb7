#include "node/runtime/nodecommandline.h"
#include "node/runtime/nodeprocess.h"
#include "node/runtime/terminationsignals.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    // Qt's own poll-based event dispatcher instead of GLib's: a node needs no GLib main
    // loop (no GUI, no GLib-based libraries), and leaving GLib's code untouched keeps
    // ~0.4 MB out of every node's resident set. Before QCoreApplication, which picks it.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"portolan-node"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTOLAN_VERSION));

    Portolan::Node::NodeConfig config;
    QString error;
    QString helpText;
    if (!Portolan::Node::parseNodeCommandLine(QCoreApplication::arguments(), &config, &error, &helpText)) {
        QTextStream(stderr) << "portolan-node: " << error << '\n';
        return 2;
    }
    if (!helpText.isEmpty()) {
        QTextStream(stdout) << helpText << '\n';
        return 0;
    }

    Portolan::Node::NodeProcess node(config);
    Portolan::Node::TerminationSignals termination;
    QObject::connect(&termination, &Portolan::Node::TerminationSignals::terminationRequested, &app,
                     [] { QCoreApplication::exit(0); });
    QObject::connect(&node, &Portolan::Node::NodeProcess::finished, &app, [](int code) { QCoreApplication::exit(code); });
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
