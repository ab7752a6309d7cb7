#include "meshfixture.h"

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
        QVERIFY(ready.value("linkPort"_L1).toInt() > 0);
        QVERIFY(ready.value("controlPort"_L1).toInt() > 0);
        QVERIFY(ready.value("httpPort"_L1).toInt() > 0);
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
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
