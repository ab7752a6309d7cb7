#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

// `portolan --headless` end to end: the shipped Pirate Pugs scenarios hold, a broken
// expectation makes the exit code 1, unusable input 2, and killing the runner leaves
// no node behind.
class tst_Headless : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenarios = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios");

    struct Outcome
    {
        int exitCode = -1;
        QByteArray stderrText;
        QJsonObject report;
    };

    Outcome runHeadless(const QString &scenario, const QStringList &extra, int timeoutMs = 120000)
    {
        QTemporaryDir dir;
        QProcess process;
        QStringList args{u"--headless"_s, QDir(m_scenarios).filePath(scenario), u"--report"_s, dir.path(),
                         u"--runs"_s, dir.filePath(u"runs"_s), u"--set"_s, u"httpPort=0"_s};
        process.start(m_portolan, args + extra);
        Outcome outcome;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return outcome;
        }
        outcome.exitCode = process.exitCode();
        outcome.stderrText = process.readAllStandardError();
        QFile report(dir.filePath(u"report.json"_s));
        if (report.open(QIODevice::ReadOnly))
            outcome.report = QJsonDocument::fromJson(report.readAll()).object();
        return outcome;
    }

    static QStringList failedExpectations(const QJsonObject &report)
    {
        QStringList failed;
        const QJsonArray expectations = report.value("expectations"_L1).toArray();
        for (const QJsonValue &e : expectations) {
            if (!e.toObject().value("passed"_L1).toBool())
                failed.append(e.toObject().value("name"_L1).toString() + u": "_s + e.toObject().value("detail"_L1).toString());
        }
        return failed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_portolan), "PORTOLAN_BINARY must name the built portolan");
    }

    // Each shipped Pirate Pugs scenario runs to its end with every expectation held.
    void pirateScenariosHold_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("steps");
        QTest::newRow("pirate-pugs-1") << u"pirate-pugs-1.yaml"_s << 8;
        QTest::newRow("pirate-pugs-2") << u"pirate-pugs-2.yaml"_s << 7;
        QTest::newRow("pirate-pugs-scale") << u"pirate-pugs-scale.yaml"_s << 1;
    }
    void pirateScenariosHold()
    {
        QFETCH(QString, scenario);
        QFETCH(int, steps);
        const Outcome outcome = runHeadless(scenario, {});
        QVERIFY2(outcome.exitCode == 0, qPrintable(failedExpectations(outcome.report).join(u"\n"_s)
                                                   + QString::fromUtf8(outcome.stderrText.right(3000))));
        QVERIFY(outcome.report.value("passed"_L1).toBool());
        QCOMPARE(outcome.report.value("timeline"_L1).toArray().size(), steps);
        QVERIFY(outcome.report.value("expectations"_L1).toArray().size() >= 2);
        QVERIFY(outcome.report.value("processes"_L1).toInt() > 10);
        QVERIFY(!outcome.report.value("start"_L1).toString().isEmpty());
        QVERIFY(!outcome.report.value("metrics"_L1).toObject().isEmpty());
        // One progress line per step on stderr.
        QCOMPARE(outcome.stderrText.count("] step "), steps);
    }

    // An expectation made impossible with --set fails the run with exit code 1.
    void brokenExpectationExitsOne()
    {
        const Outcome outcome = runHeadless(u"pirate-pugs-1.yaml"_s, {u"--set"_s, u"stores=13"_s});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY(!outcome.report.value("passed"_L1).toBool());
        const QStringList failed = failedExpectations(outcome.report);
        QCOMPARE(failed.size(), 2);   // iterations 1 and 2 expected 13 answers
        QVERIFY(failed.constFirst().contains("answers"_L1));
    }

    // Unusable input exits 2 and says where.
    void unusableInputExitsTwo()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(u"broken.yaml"_s);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name: broken\nrouters:\n  - {id: r1, kind: sideways}\n");
        file.close();
        QProcess process;
        process.start(m_portolan, {u"--validate"_s, broken});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(process.readAllStandardError().contains("broken.yaml:3:"), "the message names file and line");
        process.start(m_portolan, {u"--headless"_s, dir.filePath(u"missing.yaml"_s)});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
    }

    // SIGKILL of the runner mid-run takes every node process with it.
    void killedRunnerLeavesNoNode()
    {
        QTemporaryDir dir;
        QProcess process;
        process.start(m_portolan, {u"--headless"_s, QDir(m_scenarios).filePath(u"pirate-pugs-1.yaml"_s),
                                   u"--runs"_s, dir.path(), u"--set"_s, u"httpPort=0"_s});
        QList<qint64> pids;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            pids.clear();
            const QStringList runs = QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            if (runs.isEmpty())
                return false;
            QFile events(QDir(dir.filePath(runs.constFirst())).filePath(u"events.jsonl"_s));
            if (!events.open(QIODevice::ReadOnly))
                return false;
            const QList<QByteArray> lines = events.readAll().split('\n');
            for (const QByteArray &line : lines) {
                const QJsonObject e = QJsonDocument::fromJson(line).object();
                if (e.value("kind"_L1).toString() == "node-ready"_L1)
                    pids.append(qint64(e.value("pid"_L1).toDouble()));
            }
            return pids.size() >= 29;   // 5 interior + 12 edge routers + 12 stores
        }(), 30000);
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(std::none_of(pids.begin(), pids.end(), [](qint64 pid) {
            return ::kill(pid_t(pid), 0) == 0;
        }), 10000);
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
