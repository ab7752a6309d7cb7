#include "console/report/reporttimeline.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;
using namespace Portolan::Scenario;

namespace {

Scenario threeSteps()
{
    Scenario s;
    for (const auto &[at, action] : {std::pair{1000, u"request"_s}, std::pair{4000, u"cut-link"_s},
                                     std::pair{9000, u"restore-link"_s}}) {
        Step step;
        step.atMs = at;
        step.action = action;
        step.caption = action + u" at "_s + QString::number(at);
        s.timeline.append(step);
    }
    return s;
}

QStringList actions(const QList<ReportTimeline::Row> &rows)
{
    QStringList out;
    for (const ReportTimeline::Row &r : rows)
        out.append(r.action + (r.reached() ? u""_s : u"?"_s));
    return out;
}

} // namespace

class TestReportTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void numbersFollowTheRows();
};

// Fired steps come in firing order with the operator's among them; planned steps that
// never fired follow, marked unreached (here shown with a "?").
void TestReportTimeline::rows_data()
{
    QTest::addColumn<QList<StepRecord>>("fired");
    QTest::addColumn<QStringList>("expected");

    const StepRecord request{0, 1000, 1010, u"request"_s, {}, true, {}, false};
    const StepRecord cut{1, 4000, 4002, u"cut-link"_s, {}, true, {}, false};
    const StepRecord restore{2, 9000, 9001, u"restore-link"_s, {}, true, {}, false};
    const StepRecord operatorFail{0, 0, 2500, u"fail-node"_s, {}, true, {}, true};
    const StepRecord operatorCut{1, 4000, 3000, u"cut-link"_s, {}, true, {}, true};

    QTest::newRow("all fired") << QList<StepRecord>{request, cut, restore}
                               << QStringList{u"request"_s, u"cut-link"_s, u"restore-link"_s};
    QTest::newRow("run ended early") << QList<StepRecord>{request}
                                     << QStringList{u"request"_s, u"cut-link?"_s, u"restore-link?"_s};
    QTest::newRow("operator's own action")
        << QList<StepRecord>{request, cut, operatorFail, restore}
        << QStringList{u"request"_s, u"fail-node"_s, u"cut-link"_s, u"restore-link"_s};
    QTest::newRow("operator fired a planned step early")
        << QList<StepRecord>{request, operatorCut} << QStringList{u"request"_s, u"cut-link"_s, u"restore-link?"_s};
    QTest::newRow("nothing fired") << QList<StepRecord>{}
                                   << QStringList{u"request?"_s, u"cut-link?"_s, u"restore-link?"_s};
}

void TestReportTimeline::rows()
{
    QFETCH(QList<StepRecord>, fired);
    QFETCH(QStringList, expected);
    const Scenario scenario = threeSteps();
    RunRecord record;
    record.steps = fired;
    QCOMPARE(actions(ReportTimeline::rows(record, &scenario)), expected);
}

// Rows are numbered 1..n in the order shown; without a scenario only fired steps appear.
void TestReportTimeline::numbersFollowTheRows()
{
    RunRecord record;
    record.steps = {StepRecord{1, 4000, 4002, u"cut-link"_s, u"cut"_s, false, u"no such link"_s, false},
                    StepRecord{0, 1000, 1010, u"request"_s, u"ask"_s, true, {}, false}};
    const QList<ReportTimeline::Row> rows = ReportTimeline::rows(record, nullptr);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).number, 1);
    QCOMPARE(rows.at(0).caption, u"ask"_s);
    QCOMPARE(rows.at(1).number, 2);
    QVERIFY(!rows.at(1).ok);
    QCOMPARE(rows.at(1).detail, u"no such link"_s);
}

QTEST_MAIN(TestReportTimeline)
#include "tst_reporttimeline.moc"
