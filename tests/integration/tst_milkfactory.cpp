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

// The Milk Factory scenario (seed 004) run headless with the real portolan and
// portolan-node binaries: the sell-contract process for many customers through a
// transient pricing failure, a validation error, a duplicate command and a deadline.
class tst_MilkFactory : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenario = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios/milk-factory.yaml");

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

    // The shipped scenario holds, and its answers and event counts say what happened: 35
    // sales, 34 completed (one of them resumed after its deadline passed), Vera's refused
    // with a validation error, Anna's duplicate ignored, every contract event in a view.
    void scenarioHolds()
    {
        const Outcome outcome = runHeadless({});
        QVERIFY2(outcome.exitCode == 0, qPrintable(failedExpectations(outcome.report).join(u"\n"_s)
                                                   + QString::fromUtf8(outcome.stderrText.right(3000))));
        const QJsonObject &report = outcome.report;
        QVERIFY(report.value("passed"_L1).toBool());
        QVERIFY(failedExpectations(report).isEmpty());
        QVERIFY(report.value("expectations"_L1).toArray().size() >= 30);
        QCOMPARE(report.value("timeline"_L1).toArray().size(), 13);
        QCOMPARE(report.value("processes"_L1).toInt(), 19);

        QCOMPARE(answerOf(report, u"sell-anna"_s).value("state"_L1).toString(), u"completed"_s);
        QCOMPARE(answerOf(report, u"read-anna"_s).value("version"_L1).toInt(), 4);
        const QJsonObject vera = answerOf(report, u"sell-vera"_s);
        QCOMPARE(vera.value("state"_L1).toString(), u"failed"_s);
        QCOMPARE(vera.value("error"_L1).toObject().value("code"_L1).toString(), u"VALIDATION"_s);
        QVERIFY(vera.value("error"_L1).toObject().value("message"_L1).toString().contains("DE"_L1));
        QCOMPARE(answerOf(report, u"sell-tessa"_s).value("state"_L1).toString(), u"completed"_s);
        const QJsonObject dora = answerOf(report, u"sell-dora"_s);
        QCOMPARE(dora.value("state"_L1).toString(), u"timed-out"_s);
        QCOMPARE(dora.value("error"_L1).toObject().value("code"_L1).toString(), u"DEADLINE_PASSED"_s);
        QCOMPARE(answerOf(report, u"resume-dora"_s).value("state"_L1).toString(), u"completed"_s);
        const QJsonObject sales = answerOf(report, u"all-sales"_s).value("sales"_L1).toObject();
        QCOMPARE(sales.value("total"_L1).toInt(), 35);
        QCOMPARE(sales.value("completed"_L1).toInt(), 34);
        QCOMPARE(sales.value("failed"_L1).toInt(), 1);

        const QJsonObject events = report.value("eventCounts"_L1).toObject();
        QCOMPARE(events.value("sale-started"_L1).toInt(), 35);
        QCOMPARE(events.value("sale-completed"_L1).toInt(), 34);
        QCOMPARE(events.value("sale-failed"_L1).toInt(), 1);
        QCOMPARE(events.value("sale-timed-out"_L1).toInt(), 1);
        QCOMPARE(events.value("sale-resumed"_L1).toInt(), 1);
        QCOMPARE(events.value("billing-started"_L1).toInt(), 34);
        QCOMPARE(events.value("duplicate-command"_L1).toInt(), 1);
        QCOMPARE(events.value("expired"_L1).toInt(), 1);
        QCOMPARE(events.value("command-rejected"_L1).toInt(), 1);
        QVERIFY(events.value("record-returned"_L1).toInt() >= 2);
        QCOMPARE(events.value("view-updated"_L1).toInt(), events.value("contract-changed"_L1).toInt());
    }
};

QTEST_GUILESS_MAIN(tst_MilkFactory)
#include "tst_milkfactory.moc"
