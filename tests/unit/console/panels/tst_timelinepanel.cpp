#include "console/panels/stepsummary.h"
#include "console/panels/timelinemodel.h"
#include "console/panels/timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonArray>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Portolan;
using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

Scenario::Step step(qint64 atMs, const QString &action, const QJsonObject &args, const QString &caption = {})
{
    Scenario::Step s;
    s.atMs = atMs;
    s.action = action;
    s.args = args;
    s.caption = caption;
    return s;
}

QList<Scenario::Step> pirateSteps()
{
    return {
        step(1000, u"request"_s, {{u"router"_s, u"e7"_s}, {u"method"_s, u"POST"_s}, {u"path"_s, u"/store/7/find"_s}},
             u"Iteration 1"_s),
        step(6000, u"cut-link"_s, {{u"link"_s, QJsonArray{u"c1"_s, u"c2"_s}}}, u"The link fails"_s),
        step(12000, u"provider-down"_s, {{u"provider"_s, u"cheapnet"_s}}, u"Cheapnet goes down"_s),
        step(21000, u"upgrade-node"_s, {{u"node"_s, u"p2"_s}, {u"version"_s, u"0.2.0"_s}}),
    };
}

Scenario::StepRecord record(int index, bool ok, bool manual, qint64 firedMs = 1000)
{
    Scenario::StepRecord r;
    r.index = index;
    r.ok = ok;
    r.manual = manual;
    r.firedMs = firedMs;
    r.detail = ok ? u"done"_s : u"it broke"_s;
    return r;
}

} // namespace

class tst_TimelinePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void describe_data();
    void describe();
    void rows();
    void statusMarks_data();
    void statusMarks();
    void currentIsEmphasised();
    void newStepsReset();
    void playPauseSignals();
    void stepAndFireSignals();
    void captionAndNext();
    void clockAndProgress();
};

void tst_TimelinePanel::describe_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("text");
    const QJsonArray link{u"c1"_s, u"c2"_s};
    QTest::newRow("request") << u"request"_s
                             << QJsonObject{{u"router"_s, u"e7"_s}, {u"method"_s, u"post"_s}, {u"path"_s, u"/store/7/find"_s}}
                             << u"POST /store/7/find via e7"_s;
    QTest::newRow("get request") << u"request"_s << QJsonObject{{u"router"_s, u"e7"_s}, {u"path"_s, u"/all-stores"_s}}
                                 << u"GET /all-stores via e7"_s;
    QTest::newRow("cut") << u"cut-link"_s << QJsonObject{{u"link"_s, link}} << u"cut link c1–c2"_s;
    QTest::newRow("silent cut") << u"cut-link"_s << QJsonObject{{u"link"_s, link}, {u"silent"_s, true}}
                                << u"cut link c1–c2 silently"_s;
    QTest::newRow("restore link") << u"restore-link"_s << QJsonObject{{u"link"_s, link}} << u"restore link c1–c2"_s;
    QTest::newRow("cost") << u"set-cost"_s << QJsonObject{{u"link"_s, link}, {u"cost"_s, 9}} << u"link c1–c2 costs 9"_s;
    QTest::newRow("latency") << u"set-latency"_s << QJsonObject{{u"link"_s, link}, {u"ms"_s, 50}}
                             << u"link c1–c2 delayed 50 ms"_s;
    QTest::newRow("fail") << u"fail-node"_s << QJsonObject{{u"node"_s, u"c3"_s}} << u"fail c3"_s;
    QTest::newRow("kill") << u"kill-node"_s << QJsonObject{{u"node"_s, u"c3"_s}} << u"kill c3"_s;
    QTest::newRow("upgrade") << u"upgrade-node"_s << QJsonObject{{u"node"_s, u"p2"_s}, {u"version"_s, u"0.2.0"_s}}
                             << u"upgrade p2 to 0.2.0"_s;
    QTest::newRow("provider down") << u"provider-down"_s << QJsonObject{{u"provider"_s, u"aws"_s}} << u"provider aws down"_s;
    QTest::newRow("add node") << u"add-node"_s
                              << QJsonObject{{u"entity"_s, QJsonObject{{u"id"_s, u"store-13"_s}, {u"role"_s, u"store"_s}}}}
                              << u"add store-13 (store)"_s;
    QTest::newRow("command") << u"command"_s << QJsonObject{{u"node"_s, u"r1"_s}, {u"command"_s, u"drain"_s}}
                             << u"drain on r1"_s;
    QTest::newRow("caption only") << u"caption"_s << QJsonObject() << u"caption"_s;
    QTest::newRow("unknown with args") << u"dance"_s << QJsonObject{{u"x"_s, 1}} << u"dance {\"x\":1}"_s;
    QTest::newRow("missing argument") << u"fail-node"_s << QJsonObject() << u"fail ?"_s;
}

// Every action reads in a few words with its arguments.
void tst_TimelinePanel::describe()
{
    QFETCH(QString, action);
    QFETCH(QJsonObject, args);
    QFETCH(QString, text);
    QCOMPARE(StepSummary::describe(step(0, action, args)), text);
}

// Steps become rows: planned time, status, action, caption.
void tst_TimelinePanel::rows()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSteps(pirateSteps());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(1, TimelineModel::TimeColumn).data().toString(), u"0:06.0"_s);
    QCOMPARE(model.index(1, TimelineModel::StatusColumn).data().toString(), u"pending"_s);
    QCOMPARE(model.index(1, TimelineModel::ActionColumn).data().toString(), u"cut link c1–c2"_s);
    QCOMPARE(model.index(1, TimelineModel::CaptionColumn).data().toString(), u"The link fails"_s);
    QCOMPARE(model.index(3, TimelineModel::CaptionColumn).data().toString(), u"—"_s);
    QCOMPARE(model.nextPending(), 0);
}

void tst_TimelinePanel::statusMarks_data()
{
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("manual");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("fired by the clock") << true << false << int(TimelineModel::Status::Fired) << u"fired ✓"_s;
    QTest::newRow("failed") << false << false << int(TimelineModel::Status::Failed) << u"failed ✗"_s;
    QTest::newRow("by hand") << true << true << int(TimelineModel::Status::Manual) << u"by hand ✓"_s;
    QTest::newRow("failed by hand") << false << true << int(TimelineModel::Status::Failed) << u"failed ✗"_s;
}

// A fired step is marked in place with how it went, the detail in its tooltip.
void tst_TimelinePanel::statusMarks()
{
    QFETCH(bool, ok);
    QFETCH(bool, manual);
    QFETCH(int, status);
    QFETCH(QString, text);
    TimelineModel model;
    model.setSteps(pirateSteps());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.markFired(record(1, ok, manual, 6010));
    QCOMPARE(int(model.status(1)), status);
    const QModelIndex cell = model.index(1, TimelineModel::StatusColumn);
    QCOMPARE(cell.data().toString(), text);
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(u"0:06.010"_s));
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(ok ? u"done"_s : u"it broke"_s));
    QVERIFY(cell.data(Qt::DecorationRole).isValid());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.nextPending(), 0);
    model.markFired(record(99, true, false));   // out of range: ignored
    QCOMPARE(changed.size(), 1);
}

// The current step's row is bold and highlighted; others are not.
void tst_TimelinePanel::currentIsEmphasised()
{
    TimelineModel model;
    model.setSteps(pirateSteps());
    model.setCurrent(2);
    QCOMPARE(model.current(), 2);
    QVERIFY(model.index(2, 0).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.index(1, 0).data(Qt::FontRole).isValid());
    model.setCurrent(-1);
    QVERIFY(!model.index(2, 0).data(Qt::FontRole).isValid());
    model.setCurrent(42);
    QCOMPARE(model.current(), -1);
}

// Another scenario's steps reset the table; resetStatus sends every step back to pending.
void tst_TimelinePanel::newStepsReset()
{
    TimelineModel model;
    model.setSteps(pirateSteps());
    model.markFired(record(0, true, false));
    model.setCurrent(0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSteps(pirateSteps().mid(0, 2));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(int(model.status(0)), int(TimelineModel::Status::Pending));
    QCOMPARE(model.current(), -1);
    model.markFired(record(1, false, false));
    model.resetStatus();
    QCOMPARE(int(model.status(1)), int(TimelineModel::Status::Pending));
}

// The play button asks to play when paused and to pause when playing.
void tst_TimelinePanel::playPauseSignals()
{
    TimelinePanel panel;
    panel.setSteps(pirateSteps());
    QSignalSpy play(&panel, &TimelinePanel::playRequested);
    QSignalSpy pause(&panel, &TimelinePanel::pauseRequested);
    panel.playButton()->click();
    QCOMPARE(play.size(), 1);
    QCOMPARE(pause.size(), 0);
    QVERIFY(!panel.isPlaying());   // the run says when it plays, not the button
    panel.setPlaying(true);
    QCOMPARE(panel.playButton()->text(), u"Pause"_s);
    panel.playButton()->click();
    QCOMPARE(pause.size(), 1);
    QCOMPARE(play.size(), 1);
}

// Step asks for the next step; Fire, a double-click or the selection fire a chosen one.
void tst_TimelinePanel::stepAndFireSignals()
{
    TimelinePanel panel;
    panel.resize(700, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setSteps(pirateSteps());
    QSignalSpy step(&panel, &TimelinePanel::stepRequested);
    QSignalSpy fire(&panel, &TimelinePanel::fireRequested);
    panel.stepButton()->click();
    QCOMPARE(step.size(), 1);
    QVERIFY(!panel.fireButton()->isEnabled());
    panel.view()->selectRow(2);
    QVERIFY(panel.fireButton()->isEnabled());
    panel.fireButton()->click();
    QCOMPARE(fire.size(), 1);
    QCOMPARE(fire.last().at(0).toInt(), 2);
    const QPoint at = panel.view()->visualRect(panel.model()->index(3, TimelineModel::CaptionColumn)).center();
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(fire.size(), 2);
    QCOMPARE(fire.last().at(0).toInt(), 3);
    // When every step has fired, Step has nothing left to do.
    for (int i = 0; i < 4; ++i)
        panel.markFired(record(i, true, false));
    QVERIFY(!panel.stepButton()->isEnabled());
}

// The caption of the current step is shown, with what comes next and when.
void tst_TimelinePanel::captionAndNext()
{
    TimelinePanel panel;
    panel.setSteps(pirateSteps());
    panel.markFired(record(0, true, false));
    panel.setCurrent(0);
    panel.setClock(4000);
    QCOMPARE(panel.currentCaption(), u"Iteration 1"_s);
    auto labels = panel.findChildren<QLabel *>();
    const bool announcesNext = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *l) {
        return l->text() == u"Next, in 2 s: The link fails"_s;
    });
    QVERIFY(announcesNext);
}

// The clock reads run time over the scenario's length and fills the progress bar.
void tst_TimelinePanel::clockAndProgress()
{
    TimelinePanel panel;
    panel.setSteps(pirateSteps());
    panel.setDuration(26'000);
    panel.setClock(13'000);
    auto *bar = panel.findChild<QProgressBar *>();
    QVERIFY(bar);
    QCOMPARE(bar->maximum(), 260);
    QCOMPARE(bar->value(), 130);
    const auto labels = panel.findChildren<QLabel *>();
    const bool showsClock = std::any_of(labels.cbegin(), labels.cend(),
                                        [](QLabel *l) { return l->text() == u"0:13.0 / 0:26.0"_s; });
    QVERIFY(showsClock);
}

QTEST_MAIN(tst_TimelinePanel)
#include "tst_timelinepanel.moc"
