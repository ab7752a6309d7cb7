#include "headlessscenario.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using HeadlessScenario::answerOf;
using HeadlessScenario::failedExpectations;

// The robot fleet scenario (seed 003) run headless with the real portolan and
// portolan-node binaries: a robot dropping off mid-job and a crashed fleet manager, and
// every job done exactly once.
class tst_RobotFleet : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenario = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios/robot-fleet.yaml");

    using Outcome = HeadlessScenario::Outcome;

    Outcome runHeadless(const QStringList &extra, int timeoutMs = 150000)
    {
        return HeadlessScenario::run(m_portolan, m_scenario, extra, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_portolan), "PORTOLAN_BINARY must name the built portolan");
    }

    // The shipped scenario holds: the survey went to robot 1, was reassigned once when robot
    // 1 dropped off, survived the manager's crash with its attempt, and every one of the 61
    // jobs was finished exactly once.
    void scenarioHolds()
    {
        const Outcome outcome = runHeadless({});
        QVERIFY2(outcome.exitCode == 0, qPrintable(failedExpectations(outcome.report).join(u"\n"_s)
                                                   + QString::fromUtf8(outcome.stderrText.right(3000))));
        const QJsonObject &report = outcome.report;
        QVERIFY(report.value("passed"_L1).toBool());
        QVERIFY(failedExpectations(report).isEmpty());
        QVERIFY(report.value("expectations"_L1).toArray().size() >= 20);
        QCOMPARE(report.value("timeline"_L1).toArray().size(), 10);
        QCOMPARE(report.value("processes"_L1).toInt(), 18);

        const QJsonObject survey = answerOf(report, u"submit-survey"_s);
        QCOMPARE(survey.value("job"_L1).toString(), u"J-1"_s);
        QCOMPARE(survey.value("robot"_L1).toString(), u"robot-1"_s);
        const QJsonObject afterRestart = answerOf(report, u"survey-after-restart"_s);
        QCOMPARE(afterRestart.value("attempt"_L1).toInt(), 2);
        QVERIFY(afterRestart.value("robot"_L1).toString() != u"robot-1"_s);
        QCOMPARE(afterRestart.value("history"_L1).toArray().first().toObject().value("outcome"_L1).toString(),
                 u"reassigned"_s);
        QCOMPARE(answerOf(report, u"jobs-after-restart"_s).value("total"_L1).toInt(), 41);
        const QJsonObject final = answerOf(report, u"final-jobs"_s);
        QCOMPARE(final.value("total"_L1).toInt(), 61);
        QCOMPARE(final.value("done"_L1).toInt(), 61);
        QCOMPARE(final.value("jobs"_L1).toArray().size(), 61);

        // 61 jobs, one of them started a second time after the reassignment.
        const QJsonObject events = report.value("eventCounts"_L1).toObject();
        QCOMPARE(events.value("job-submitted"_L1).toInt(), 61);
        QCOMPARE(events.value("job-finished"_L1).toInt(), 61);
        QCOMPARE(events.value("job-completed"_L1).toInt(), 61);
        QCOMPARE(events.value("job-started"_L1).toInt(), 62);
        QCOMPARE(events.value("job-reassigned"_L1).toInt(), 1);
        QCOMPARE(events.value("job-abandoned"_L1).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_RobotFleet)
#include "tst_robotfleet.moc"
