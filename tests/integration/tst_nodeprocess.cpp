#include "meshfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// portolan-node as a process: its command line, its READY line, its exit on SIGTERM,
// and what it says about unusable configuration.
class tst_NodeProcess : public QObject
{
    Q_OBJECT

private:
    QString m_node = qEnvironmentVariable("PORTOLAN_NODE_BINARY");

    // The executables portolan-node execs by kind sit next to it in a build tree.
    QString helper(const QString &name) const { return QFileInfo(m_node).dir().filePath(name); }

    // Starts a node and returns its READY object (empty when it never printed one).
    static QJsonObject startAndReadReady(QProcess *process, const QString &program, const QStringList &args)
    {
        process->start(program, args);
        if (!MeshFixture::waitUntil([&] { return process->canReadLine(); }, 10000))
            return {};
        const QByteArray line = process->readLine();
        return line.startsWith("READY ") ? QJsonDocument::fromJson(line.mid(6)).object() : QJsonObject();
    }

    // The shared libraries a running process has mapped, by file name.
    static QStringList mappedLibraries(qint64 pid)
    {
        QFile maps(u"/proc/%1/maps"_s.arg(pid));
        if (!maps.open(QIODevice::ReadOnly))
            return {};
        QStringList libraries;
        for (const QByteArray &line : maps.readAll().split('\n')) {
            const qsizetype slash = line.lastIndexOf('/');
            if (slash >= 0 && line.contains(".so"))
                libraries.append(QString::fromUtf8(line.mid(slash + 1)));
        }
        libraries.removeDuplicates();
        return libraries;
    }

private Q_SLOTS:
    // --help lists every flag the man page and README rely on.
    void helpListsFlags()
    {
        QProcess process;
        process.start(m_node, {u"--help"_s});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray help = process.readAllStandardOutput();
        for (const char *flag : {"--config", "--id", "--role", "--dial", "--accept", "--distribution", "--param",
                                 "--link-port", "--control-port", "--http-port", "--token", "--data-dir"})
            QVERIFY2(help.contains(flag), flag);
    }

    // Unusable configuration exits 2 (flags) or 1 (cannot start) with a message.
    void unusableConfig_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no id") << QStringList{u"--role"_s, u"interior"_s} << 2 << QByteArray("needs an id");
        QTest::newRow("unknown role") << QStringList{u"--id"_s, u"x"_s, u"--role"_s, u"pirate"_s,
                                                     u"--dial"_s, u"127.0.0.1:1"_s, u"--data-dir"_s, u":memory:"_s}
                                      << 1 << QByteArray("unknown role 'pirate'");
        QTest::newRow("entity without router") << QStringList{u"--id"_s, u"x"_s, u"--role"_s, u"worker"_s,
                                                              u"--data-dir"_s, u":memory:"_s}
                                               << 1 << QByteArray("at least one router");
    }
    void unusableConfig()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        QProcess process;
        process.start(m_node, args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), exitCode);
        QVERIFY2(process.readAllStandardError().contains(message), message.constData());
    }

    // A node prints READY with its ports, and SIGTERM ends it cleanly with exit code 0.
    void readyThenCleanExitOnSigterm()
    {
        QProcess process;
        process.start(m_node, {u"--id"_s, u"r1"_s, u"--role"_s, u"interior"_s, u"--token"_s, u"t"_s, u"--http"_s});
        QVERIFY(MeshFixture::waitUntil([&] { return process.canReadLine(); }, 10000));
        const QByteArray line = process.readLine();
        QVERIFY(line.startsWith("READY {"));
        const QJsonObject ready = QJsonDocument::fromJson(line.mid(6)).object();
        QCOMPARE(ready.value("node"_L1).toString(), u"r1"_s);
        // portolan-node replaced itself with the router executable: same process.
        QCOMPARE(ready.value("pid"_L1).toInteger(), process.processId());
        QVERIFY(ready.value("linkPort"_L1).toInt() > 0);
        QVERIFY(ready.value("controlPort"_L1).toInt() > 0);
        QVERIFY(ready.value("httpPort"_L1).toInt() > 0);
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    // Each kind of node runs its own executable and maps only the libraries it uses:
    // routers no SQLite, entities no HTTP server. This is most of an idle node's memory.
    void eachKindMapsOnlyItsLibraries_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("executable");
        QTest::addColumn<QStringList>("mapped");
        QTest::addColumn<QStringList>("notMapped");
        QTest::newRow("interior router")
            << QStringList{u"--id"_s, u"r1"_s, u"--role"_s, u"interior"_s, u"--http"_s} << u"portolan-node-router"_s
            << QStringList{u"libQt6HttpServer"_s} << QStringList{u"libsqlite3"_s, u"libQt6Sql"_s};
        QTest::newRow("entity") << QStringList{u"--id"_s, u"w"_s, u"--role"_s, u"worker"_s, u"--dial"_s,
                                               u"r1@127.0.0.1:1"_s, u"--data-dir"_s, u":memory:"_s,
                                               u"--param"_s, u"address=/jobs"_s}
                                << u"portolan-node-entity"_s << QStringList{u"libsqlite3"_s, u"libQt6Sql"_s}
                                << QStringList{u"libQt6HttpServer"_s};
    }
    void eachKindMapsOnlyItsLibraries()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, executable);
        QFETCH(QStringList, mapped);
        QFETCH(QStringList, notMapped);
        QProcess process;
        const QJsonObject ready = startAndReadReady(&process, m_node, args);
        QVERIFY2(!ready.isEmpty(), process.readAllStandardError().constData());
        QCOMPARE(QFileInfo(u"/proc/%1/exe"_s.arg(process.processId())).symLinkTarget(),
                 QFileInfo(helper(executable)).canonicalFilePath());
        const QStringList libraries = mappedLibraries(process.processId());
        for (const QString &library : mapped)
            QVERIFY2(!libraries.filter(library).isEmpty(), qPrintable(library + u" is not mapped"_s));
        for (const QString &library : notMapped)
            QVERIFY2(libraries.filter(library).isEmpty(), qPrintable(library + u" is mapped"_s));
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);
    }

    // The supervisor starts each node's executable directly (what portolan-node would
    // exec), saving every node a second start-up.
    void supervisorStartsTheExecutableOfEachKind()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        mesh.entity(u"w"_s, u"worker"_s, {u"r1"_s}, {{u"address"_s, u"/jobs"_s}});
        QVERIFY(mesh.start());
        const auto executableOf = [&](const QString &id) {
            return QFileInfo(u"/proc/%1/exe"_s.arg(mesh.node(id)->pid())).symLinkTarget();
        };
        QCOMPARE(executableOf(u"r1"_s), QFileInfo(helper(u"portolan-node-router"_s)).canonicalFilePath());
        QCOMPARE(executableOf(u"w"_s), QFileInfo(helper(u"portolan-node-entity"_s)).canonicalFilePath());
    }

    // Started directly, a node executable refuses a config of the other kind.
    void executableRefusesTheOtherKind_data()
    {
        QTest::addColumn<QString>("executable");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("entity config to the router executable")
            << u"portolan-node-router"_s
            << QStringList{u"--id"_s, u"w"_s, u"--role"_s, u"worker"_s, u"--dial"_s, u"r1@127.0.0.1:1"_s}
            << QByteArray("role 'worker' is not a router");
        QTest::newRow("router config to the entity executable")
            << u"portolan-node-entity"_s << QStringList{u"--id"_s, u"r1"_s, u"--role"_s, u"interior"_s}
            << QByteArray("role 'interior' is a router");
    }
    void executableRefusesTheOtherKind()
    {
        QFETCH(QString, executable);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        QProcess process;
        process.start(helper(executable), args);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(process.readAllStandardError().contains(message), message.constData());
    }

    // portolan-node without the executable for the node's kind says which one it missed.
    void missingExecutableIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString lonely = dir.filePath(u"portolan-node"_s);
        QVERIFY(QFile::copy(m_node, lonely));
        QProcess process;
        process.start(lonely, {u"--id"_s, u"r1"_s, u"--role"_s, u"interior"_s});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        const QByteArray error = process.readAllStandardError();
        QVERIFY2(error.contains("cannot run") && error.contains("portolan-node-router"), error.constData());
    }

    // An entity drained for an upgrade exits 0 by itself once nothing is in flight, and
    // its replacement on the same database reports the new version.
    void drainedEntityExitsAndUpgrades()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        mesh.router(u"r1"_s);
        mesh.entity(u"w"_s, u"worker"_s, {u"r1"_s}, {{u"address"_s, u"/jobs"_s}, {u"serviceMs"_s, 1}});
        QVERIFY(mesh.start());
        QString error;
        mesh.command(u"w"_s, u"drain"_s, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(mesh.node(u"w"_s)->waitExited(10000));
        QCOMPARE(mesh.node(u"w"_s)->exitCode(), 0);
        Portolan::Node::NodeConfig config = mesh.node(u"w"_s)->config();
        config.software = u"0.2.0"_s;
        mesh.node(u"w"_s)->setConfig(config);
        QVERIFY(mesh.restart(u"w"_s));
        QCOMPARE(mesh.status(u"w"_s).value("version"_L1).toString(), u"0.2.0"_s);
    }
};

QTEST_GUILESS_MAIN(tst_NodeProcess)
#include "tst_nodeprocess.moc"
