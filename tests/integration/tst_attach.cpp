#include "meshfixture.h"

#include "scenario/attachednetwork.h"
#include "supervisor/attachedscenariofile.h"
#include "supervisor/networkdiscovery.h"
#include "supervisor/scenariofiles.h"
#include "supervisor/scenariorun.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;
namespace Scenario = Portolan::Scenario;
namespace Supervisor = Portolan::Supervisor;

// Attaching the console to nodes that run on their own (as on other hosts under
// systemd): finding them by control URL, writing them down as a scenario, and running
// that scenario without starting or stopping their processes.
class tst_Attach : public QObject
{
    Q_OBJECT

private:
    MeshFixture m_mesh;
    QTemporaryDir m_dir;
    QString m_scenarioFile;

    QString urlOf(const QString &id) const
    {
        return u"ws://127.0.0.1:%1/?token=%2"_s.arg(m_mesh.node(id)->controlPort())
            .arg(QString::fromUtf8(m_mesh.token()));
    }
    QStringList allUrls() const
    {
        return {urlOf(u"r1"_s), urlOf(u"r2"_s), urlOf(u"e1"_s), urlOf(u"store-1"_s)};
    }
    // A port nobody listens on: bound, then released.
    static quint16 deadPort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        return server.serverPort();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_mesh.isValid());
        QVERIFY(m_dir.isValid());
        m_mesh.router(u"r1"_s, u"interior"_s, true);
        m_mesh.router(u"r2"_s);
        m_mesh.router(u"e1"_s, u"edge"_s);
        m_mesh.link(u"r1"_s, u"r2"_s, 3, u"west"_s);
        m_mesh.link(u"e1"_s, u"r1"_s, 1, u"west"_s);
        m_mesh.link(u"e1"_s, u"r2"_s, 2, u"east"_s);
        m_mesh.entity(u"store-1"_s, u"store"_s, {u"e1"_s}, {{u"number"_s, 1}, {u"inventory"_s, QJsonObject{{u"cutlass"_s, 2}}}});
        QVERIFY(m_mesh.start());
        QVERIFY(m_mesh.waitConverged());
    }

    // Every node that answers is found with its id, kind, role and telemetry; one that
    // does not is named in the problems, and the others are not held back by it.
    void discoveryFindsEveryNodeAndNamesTheMissing()
    {
        Supervisor::NetworkDiscovery discovery;
        QSignalSpy finished(&discovery, &Supervisor::NetworkDiscovery::finished);
        const QString dead = u"ws://127.0.0.1:%1/?token=x"_s.arg(deadPort());
        QString error;
        QVERIFY2(discovery.start(allUrls() << dead, 8000, &error), qPrintable(error));
        QVERIFY(finished.wait(10000));
        const QList<Scenario::DiscoveredNode> nodes = discovery.nodes();
        QCOMPARE(nodes.size(), 4);
        QHash<QString, Scenario::DiscoveredNode> byId;
        for (const Scenario::DiscoveredNode &n : nodes)
            byId.insert(n.id, n);
        QCOMPARE(byId.value(u"r1"_s).kind, u"interior"_s);
        QCOMPARE(byId.value(u"e1"_s).kind, u"edge"_s);
        QCOMPARE(byId.value(u"store-1"_s).kind, u"entity"_s);
        QCOMPARE(byId.value(u"store-1"_s).role, u"store"_s);
        QCOMPARE(byId.value(u"store-1"_s).telemetry.value("router"_L1).toString(), u"e1"_s);
        QCOMPARE(byId.value(u"r2"_s).remote.controlPort, m_mesh.node(u"r2"_s)->controlPort());
        QCOMPARE(discovery.problems().size(), 1);
        QVERIFY2(discovery.problems().constFirst().startsWith(dead), qPrintable(discovery.problems().constFirst()));
    }

    // A wrong token is refused by the node, and said so, rather than hanging.
    void wrongTokenIsAProblem()
    {
        Supervisor::NetworkDiscovery discovery;
        QSignalSpy finished(&discovery, &Supervisor::NetworkDiscovery::finished);
        QString error;
        QVERIFY(discovery.start({u"ws://127.0.0.1:%1/?token=wrong"_s.arg(m_mesh.node(u"r1"_s)->controlPort())}, 8000,
                                &error));
        QVERIFY(finished.wait(10000));
        QVERIFY(discovery.nodes().isEmpty());
        QCOMPARE(discovery.problems().size(), 1);
    }

    // The network found is written as a scenario the loader accepts, with the links and
    // uplinks the routers reported and every node attached at its URL.
    void writtenScenarioDescribesTheNetwork()
    {
        m_scenarioFile = m_dir.filePath(u"attached.yaml"_s);
        QStringList warnings;
        QString error;
        QVERIFY2(Supervisor::AttachedScenarioFile::discoverAndWrite(allUrls(), m_scenarioFile, 8000, &warnings, &error),
                 qPrintable(error));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        QList<Scenario::LoadProblem> problems;
        const std::optional<Scenario::Scenario> loaded = Supervisor::loadScenario(m_scenarioFile, {}, &problems);
        QVERIFY2(loaded, problems.isEmpty() ? "" : qPrintable(problems.constFirst().toString()));
        QCOMPARE(loaded->routers.size(), 3);
        QCOMPARE(loaded->router(u"r1"_s)->remote.controlPort, m_mesh.node(u"r1"_s)->controlPort());
        QCOMPARE(loaded->router(u"r1"_s)->remote.token, m_mesh.token());
        QCOMPARE(loaded->router(u"e1"_s)->kind, u"edge"_s);
        QCOMPARE(loaded->router(u"e1"_s)->uplinks.size(), 2);
        QCOMPARE(loaded->links.size(), 1);
        QCOMPARE(loaded->links.constFirst().provider, u"west"_s);
        QCOMPARE(loaded->links.constFirst().cost, 3);
        QCOMPARE(loaded->entities.size(), 1);
        QCOMPARE(loaded->entities.constFirst().routers, QStringList{u"e1"_s});
        QVERIFY(loaded->entities.constFirst().remote.isRemote());
        QVERIFY(loaded->provider(u"east"_s));
    }

    // A run over the attached scenario starts no process: it attaches, commands the
    // real nodes, refuses to kill them, and leaves them running when it ends.
    void runAttachesCommandsAndLeavesTheNodesRunning()
    {
        QVERIFY(!m_scenarioFile.isEmpty());
        QList<Scenario::LoadProblem> problems;
        std::optional<Scenario::Scenario> scenario = Supervisor::loadScenario(m_scenarioFile, {}, &problems);
        QVERIFY(scenario);
        Supervisor::ScenarioRun::Options options;
        options.nodeProgram = u"/nonexistent/portolan-node"_s;   // proves nothing is launched
        options.runsRoot = m_dir.filePath(u"runs"_s);
        options.autoFinish = false;
        Supervisor::ScenarioRun run(*scenario, options);
        QString error;
        QVERIFY2(run.prepare(&error), qPrintable(error));
        QSignalSpy ready(&run, &Supervisor::ScenarioRun::ready);
        run.start();
        QVERIFY(ready.wait(15000));
        QVERIFY(!run.launcher(u"r1"_s));

        QString detail;
        QVERIFY2(run.performByOperator(u"fail-node"_s, {{u"node"_s, u"r2"_s}}, &detail), qPrintable(detail));
        QTRY_COMPARE_WITH_TIMEOUT(m_mesh.status(u"r2"_s).value("state"_L1).toString(), u"failed"_s, 5000);
        QVERIFY(run.performByOperator(u"restore-node"_s, {{u"node"_s, u"r2"_s}}, &detail));
        QTRY_COMPARE_WITH_TIMEOUT(m_mesh.status(u"r2"_s).value("state"_L1).toString(), u"up"_s, 5000);

        QVERIFY(!run.performByOperator(u"kill-node"_s, {{u"node"_s, u"r1"_s}}, &detail));
        QVERIFY2(detail.contains(u"runs on 127.0.0.1"_s), qPrintable(detail));
        QVERIFY(!run.performByOperator(u"upgrade-node"_s, {{u"node"_s, u"e1"_s}, {u"version"_s, u"9"_s}}, &detail));

        QSignalSpy finished(&run, &Supervisor::ScenarioRun::finished);
        run.finish();
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        const auto &events = run.record().events;
        const bool recordedFailure = std::any_of(events.cbegin(), events.cend(), [](const Scenario::RecordedEvent &e) {
            return e.node == u"r2" && e.kind == u"node-failed";
        });
        QVERIFY(recordedFailure);
        for (const QString &id : {u"r1"_s, u"r2"_s, u"e1"_s, u"store-1"_s})
            QCOMPARE(m_mesh.node(id)->state(), Supervisor::NodeLauncher::State::Ready);
        QCOMPARE(m_mesh.status(u"store-1"_s).value("state"_L1).toString(), u"up"_s);
    }

    // A remote node that cannot be reached is reported once, with the reason, while the
    // run keeps trying.
    void unreachableNodeIsReported()
    {
        const QString file = m_dir.filePath(u"unreachable.yaml"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(u"name: unreachable\nrouters:\n  - id: far\n    attach: ws://127.0.0.1:%1/?token=t\n"_s
                      .arg(deadPort()).toUtf8());
        out.close();
        QList<Scenario::LoadProblem> problems;
        std::optional<Scenario::Scenario> scenario = Supervisor::loadScenario(file, {}, &problems);
        QVERIFY(scenario);
        Supervisor::ScenarioRun::Options options;
        options.runsRoot = m_dir.filePath(u"runs"_s);
        Supervisor::ScenarioRun run(*scenario, options);
        QString error;
        QVERIFY(run.prepare(&error));
        QSignalSpy events(&run, &Supervisor::ScenarioRun::eventRecorded);
        run.start();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &args) {
            const auto e = args.constFirst().value<Scenario::RecordedEvent>();
            return e.node == u"far" && e.kind == u"attach-failed" && !e.fields.value("message"_L1).toString().isEmpty();
        }), 5000);
        run.abort(u"test over"_s);
        QCOMPARE(run.state(), Supervisor::ScenarioRun::State::Failed);
    }

    // The command line writes the scenario where it is told and opens it: here, to
    // validate it, which needs no window.
    void commandLineWritesTheScenario()
    {
        const QString portolan = qEnvironmentVariable("PORTOLAN_BINARY");
        QVERIFY(QFileInfo::exists(portolan));
        const QString file = m_dir.filePath(u"cli.yaml"_s);
        QStringList args;
        for (const QString &url : allUrls())
            args << u"--attach"_s << url;
        args << u"--validate"_s << file;
        QProcess process;
        process.start(portolan, args);
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray yaml = written.readAll();
        QVERIFY(yaml.contains("attach: ws://127.0.0.1:"));
        QVERIFY(yaml.contains("id: store-1"));
    }
};

QTEST_GUILESS_MAIN(tst_Attach)
#include "tst_attach.moc"
