#include "node/runtime/nodecommandline.h"
#include "node/runtime/nodeexecutables.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

// portolan-node is the one command for every node. It reads the config, then replaces
// itself (exec: same PID, same stdout, so the READY line and signals reach the caller
// unchanged) with the executable for the node's kind: portolan-node-router links the
// routing code and the HTTP server, portolan-node-entity the roles and SQLite. Each
// node maps only the libraries it uses, which is most of an idle node's memory.
int main(int argc, char *argv[])
{
    QString kindExecutable;
    {
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
        kindExecutable = Portolan::Node::findNodeExecutable(QCoreApplication::applicationDirPath(), config.isRouter());
        if (kindExecutable.isEmpty()) {
            QTextStream(stderr) << "portolan-node: cannot run " << Portolan::Node::nodeExecutableName(config.isRouter())
                                << ": not found next to portolan-node, nor in the libexec folder of its installation\n";
            return 1;
        }
    }

    const QByteArray path = QFile::encodeName(kindExecutable);
    argv[0] = const_cast<char *>(path.constData());
    ::execv(path.constData(), argv);
    const int failure = errno;
    QTextStream(stderr) << "portolan-node: cannot run " << kindExecutable << ": "
                        << QString::fromLocal8Bit(std::strerror(failure)) << '\n';
    return 1;
}
