#include "scenario/timeline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;

namespace {

QList<Step> stepsAt(const QList<qint64> &times)
{
    QList<Step> steps;
    for (qint64 t : times) {
        Step s;
        s.atMs = t;
        s.action = u"caption"_s;
        s.caption = u"at %1"_s.arg(t);
        steps.append(s);
    }
    return steps;
}

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in a test row: %s", text.constData());
    return doc.object();
}

} // namespace

class tst_Timeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dueSteps_data();
    void dueSteps();
    void eachStepHandedOutOnce();
    void nothingBeforeStart();
    void pauseExcludesPausedTime();
    void pauseAndResumeAtSpeed();
    void setSpeedWhilePlayingRebases();
    void invalidSpeedIgnored_data();
    void invalidSpeedIgnored();
    void stepNextWhilePausedJumpsAhead();
    void stepNextNeverMovesTimeBack();
    void stepNextBeforeStart();
    void markFiredOutOfOrder();
    void finishedAndEmpty();
    void msUntilNext_data();
    void msUntilNext();
    void validate_data();
    void validate();
    void validateActionAloneSkipsStepChecks();
    void catalogue();
};

// Which steps are due at a wall time, at a speed, in time-then-file order.
void tst_Timeline::dueSteps_data()
{
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<QList<int>>("due");

    QTest::newRow("at 0 fires at start") << QList<qint64>{0, 1000} << 1.0 << qint64(0) << QList<int>{0};
    QTest::newRow("not yet") << QList<qint64>{1000} << 1.0 << qint64(999) << QList<int>{};
    QTest::newRow("exactly on time") << QList<qint64>{1000} << 1.0 << qint64(1000) << QList<int>{0};
    QTest::newRow("same time keeps file order") << QList<qint64>{500, 500, 500} << 1.0 << qint64(500) << QList<int>{0, 1, 2};
    QTest::newRow("unsorted file: by time, then file order")
        << QList<qint64>{2000, 1000, 1000} << 1.0 << qint64(2000) << QList<int>{1, 2, 0};
    QTest::newRow("late driver gets every overdue step") << QList<qint64>{100, 200, 300, 5000} << 1.0 << qint64(4000)
                                                         << QList<int>{0, 1, 2};
    QTest::newRow("speed 2: half the wall time") << QList<qint64>{2000, 4000} << 2.0 << qint64(1000) << QList<int>{0};
    QTest::newRow("speed 2: both by 2 s") << QList<qint64>{2000, 4000} << 2.0 << qint64(2000) << QList<int>{0, 1};
    QTest::newRow("speed 0.5: not at 1999") << QList<qint64>{1000} << 0.5 << qint64(1999) << QList<int>{};
    QTest::newRow("speed 0.5: at 2000") << QList<qint64>{1000} << 0.5 << qint64(2000) << QList<int>{0};
}

void tst_Timeline::dueSteps()
{
    QFETCH(QList<qint64>, times);
    QFETCH(double, speed);
    QFETCH(qint64, elapsed);
    QFETCH(QList<int>, due);

    const qint64 wall = 1'700'000'000'000;   // any epoch: only differences count
    Timeline timeline(stepsAt(times));
    timeline.setSpeed(speed);
    timeline.start(wall);
    QCOMPARE(timeline.takeDue(wall + elapsed), due);
    QCOMPARE(timeline.scenarioTime(wall + elapsed), qint64(std::floor(double(elapsed) * speed)));
}

// A step comes out of takeDue once; later calls hand out only newer steps.
void tst_Timeline::eachStepHandedOutOnce()
{
    Timeline timeline(stepsAt({0, 1000, 2000}));
    timeline.start(0);
    QCOMPARE(timeline.takeDue(0), QList<int>{0});
    QCOMPARE(timeline.takeDue(500), QList<int>{});
    QCOMPARE(timeline.takeDue(1500), QList<int>{1});
    QCOMPARE(timeline.currentStep(), std::optional<int>(1));
    QCOMPARE(timeline.takeDue(1500), QList<int>{});
    QCOMPARE(timeline.takeDue(9000), QList<int>{2});
    QCOMPARE(timeline.takeDue(9000), QList<int>{});
    QVERIFY(timeline.isFinished());
}

// Before start() the clock stands at 0 and nothing is due or scheduled.
void tst_Timeline::nothingBeforeStart()
{
    Timeline timeline(stepsAt({0, 1000}));
    QVERIFY(!timeline.isStarted());
    QVERIFY(!timeline.isPaused());
    QCOMPARE(timeline.takeDue(5000), QList<int>{});
    QCOMPARE(timeline.scenarioTime(5000), qint64(0));
    QCOMPARE(timeline.msUntilNext(5000), qint64(-1));
    QCOMPARE(timeline.nextStep(), std::optional<int>(0));
    QCOMPARE(timeline.currentStep(), std::optional<int>());
    timeline.pause(6000);   // pausing what has not started does nothing
    QVERIFY(!timeline.isPaused());
}

// Time spent paused is not scenario time: steps come due that much later.
void tst_Timeline::pauseExcludesPausedTime()
{
    Timeline timeline(stepsAt({1500, 3000}));
    timeline.start(0);
    timeline.pause(1000);
    QVERIFY(timeline.isPaused());
    QCOMPARE(timeline.scenarioTime(4000), qint64(1000));
    QCOMPARE(timeline.takeDue(4000), QList<int>{});   // nothing comes due while paused
    QCOMPARE(timeline.msUntilNext(4000), qint64(-1));
    timeline.resume(5000);
    QVERIFY(!timeline.isPaused());
    QCOMPARE(timeline.scenarioTime(6000), qint64(2000));
    QCOMPARE(timeline.msUntilNext(5000), qint64(500));
    QCOMPARE(timeline.takeDue(5499), QList<int>{});
    QCOMPARE(timeline.takeDue(5500), QList<int>{0});
    timeline.pause(6000);
    timeline.pause(8000);   // a second pause does not move the frozen time
    timeline.resume(10000);
    timeline.resume(12000); // nor does a second resume restart the segment
    QCOMPARE(timeline.scenarioTime(12000), qint64(4000));
    QCOMPARE(timeline.takeDue(12000), QList<int>{1});
}

// Pauses work in wall time while speed scales only the time spent playing.
void tst_Timeline::pauseAndResumeAtSpeed()
{
    Timeline timeline(stepsAt({5000}));
    timeline.setSpeed(2);
    timeline.start(0);
    timeline.pause(1000);
    QCOMPARE(timeline.scenarioTime(2500), qint64(2000));
    timeline.resume(3000);
    QCOMPARE(timeline.scenarioTime(3500), qint64(3000));
    QCOMPARE(timeline.msUntilNext(3500), qint64(1000));
    QCOMPARE(timeline.takeDue(4500), QList<int>{0});
}

// A new speed applies from the moment it is set; time already played keeps its value.
void tst_Timeline::setSpeedWhilePlayingRebases()
{
    Timeline explicitTime(stepsAt({}));
    explicitTime.start(0);
    explicitTime.setSpeed(4, 1000);
    QCOMPARE(explicitTime.speed(), 4.0);
    QCOMPARE(explicitTime.scenarioTime(1000), qint64(1000));
    QCOMPARE(explicitTime.scenarioTime(2000), qint64(5000));

    Timeline lastReading(stepsAt({10000}));
    lastReading.start(0);
    QCOMPARE(lastReading.takeDue(1000), QList<int>{});
    lastReading.setSpeed(2);   // rebased at 1000, the last clock reading it was given
    QCOMPARE(lastReading.scenarioTime(1500), qint64(2000));

    Timeline whilePaused(stepsAt({}));
    whilePaused.start(0);
    whilePaused.pause(1000);
    whilePaused.setSpeed(3);
    whilePaused.resume(5000);
    QCOMPARE(whilePaused.scenarioTime(6000), qint64(4000));
}

// A factor that is not positive and finite leaves the speed as it was.
void tst_Timeline::invalidSpeedIgnored_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("negative") << -2.0;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("infinite") << std::numeric_limits<double>::infinity();
}

void tst_Timeline::invalidSpeedIgnored()
{
    QFETCH(double, factor);
    Timeline timeline(stepsAt({1000}));
    timeline.setSpeed(1.5);
    timeline.setSpeed(factor);
    QCOMPARE(timeline.speed(), 1.5);
    timeline.start(0);
    QCOMPARE(timeline.scenarioTime(1000), qint64(1500));
}

// "step" while paused fires the next step and moves scenario time to it, so the next
// step after resuming keeps its scripted distance.
void tst_Timeline::stepNextWhilePausedJumpsAhead()
{
    Timeline timeline(stepsAt({1000, 5000, 9000}));
    timeline.start(0);
    timeline.pause(100);
    QCOMPARE(timeline.stepNext(), std::optional<int>(0));
    QCOMPARE(timeline.currentStep(), std::optional<int>(0));
    QCOMPARE(timeline.nextStep(), std::optional<int>(1));
    QVERIFY(timeline.isPaused());
    QCOMPARE(timeline.scenarioTime(200), qint64(1000));
    QCOMPARE(timeline.stepNext(), std::optional<int>(1));
    QCOMPARE(timeline.scenarioTime(300), qint64(5000));
    timeline.resume(1000);
    QCOMPARE(timeline.msUntilNext(1000), qint64(4000));
    QCOMPARE(timeline.takeDue(4999), QList<int>{});
    QCOMPARE(timeline.takeDue(5000), QList<int>{2});
    QCOMPARE(timeline.stepNext(), std::optional<int>());
    QVERIFY(timeline.isFinished());
}

// Stepping to a step that is already overdue does not wind the clock back.
void tst_Timeline::stepNextNeverMovesTimeBack()
{
    Timeline timeline(stepsAt({1000, 2000}));
    timeline.start(0);
    timeline.pause(3000);   // the driver never asked for due steps
    QCOMPARE(timeline.stepNext(), std::optional<int>(0));
    QCOMPARE(timeline.scenarioTime(3000), qint64(3000));

    // While playing, the jump is measured from the last clock reading.
    Timeline playing(stepsAt({1000, 8000, 9000}));
    playing.start(0);
    QCOMPARE(playing.takeDue(1000), QList<int>{0});
    QCOMPARE(playing.stepNext(), std::optional<int>(1));
    QCOMPARE(playing.scenarioTime(1000), qint64(8000));
    QCOMPARE(playing.msUntilNext(1000), qint64(1000));
}

// Stepping before the clock starts fires the step and the clock starts from its time.
void tst_Timeline::stepNextBeforeStart()
{
    Timeline timeline(stepsAt({2000, 3000}));
    QCOMPARE(timeline.stepNext(), std::optional<int>(0));
    QCOMPARE(timeline.takeDue(0), QList<int>{});
    timeline.start(10000);
    QCOMPARE(timeline.scenarioTime(10000), qint64(2000));
    QCOMPARE(timeline.msUntilNext(10000), qint64(1000));
    QCOMPARE(timeline.takeDue(11000), QList<int>{1});
}

// A step fired by hand out of order is current, and the clock skips it later.
void tst_Timeline::markFiredOutOfOrder()
{
    Timeline timeline(stepsAt({1000, 2000, 3000}));
    timeline.start(0);
    timeline.markFired(2);
    QVERIFY(timeline.isFired(2));
    QCOMPARE(timeline.currentStep(), std::optional<int>(2));
    QCOMPARE(timeline.nextStep(), std::optional<int>(0));
    QCOMPARE(timeline.scenarioTime(0), qint64(0));   // the clock did not move
    QVERIFY(!timeline.isFinished());
    QCOMPARE(timeline.takeDue(3500), (QList<int>{0, 1}));
    QVERIFY(timeline.isFinished());

    timeline.markFired(0);   // fired again by hand: current again, still finished
    QCOMPARE(timeline.currentStep(), std::optional<int>(0));
    QVERIFY(timeline.isFinished());
    timeline.markFired(-1);  // out of range: ignored
    timeline.markFired(3);
    QCOMPARE(timeline.currentStep(), std::optional<int>(0));
    QVERIFY(!timeline.isFired(3));
}

// Finished means every step fired; an empty timeline is finished from the start.
void tst_Timeline::finishedAndEmpty()
{
    Timeline empty;
    QVERIFY(empty.isFinished());
    QCOMPARE(empty.nextStep(), std::optional<int>());
    QCOMPARE(empty.stepNext(), std::optional<int>());
    empty.start(0);
    QCOMPARE(empty.msUntilNext(0), qint64(-1));
    QCOMPARE(empty.takeDue(100000), QList<int>{});

    Timeline two(stepsAt({0, 100}));
    two.start(0);
    QVERIFY(!two.isFinished());
    QCOMPARE(two.takeDue(0), QList<int>{0});
    QVERIFY(!two.isFinished());
    QCOMPARE(two.takeDue(100), QList<int>{1});
    QVERIFY(two.isFinished());
    QCOMPARE(two.msUntilNext(100), qint64(-1));
    QCOMPARE(two.currentStep(), std::optional<int>(1));
}

// The driver's timer interval: wall ms until the next step, rounded up so the timer
// never fires before the step is due.
void tst_Timeline::msUntilNext_data()
{
    QTest::addColumn<qint64>("stepAt");
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<qint64>("wait");

    QTest::newRow("speed 1") << qint64(10000) << 1.0 << qint64(4000) << qint64(6000);
    QTest::newRow("speed 2") << qint64(10000) << 2.0 << qint64(1000) << qint64(4000);
    QTest::newRow("speed 0.5") << qint64(10000) << 0.5 << qint64(1000) << qint64(19000);
    QTest::newRow("speed 3 rounds up") << qint64(10000) << 3.0 << qint64(0) << qint64(3334);
    QTest::newRow("overdue") << qint64(1000) << 1.0 << qint64(5000) << qint64(0);
}

void tst_Timeline::msUntilNext()
{
    QFETCH(qint64, stepAt);
    QFETCH(double, speed);
    QFETCH(qint64, elapsed);
    QFETCH(qint64, wait);

    Timeline timeline(stepsAt({stepAt}));
    timeline.setSpeed(speed);
    timeline.start(0);
    QCOMPARE(timeline.msUntilNext(elapsed), wait);
    // Waiting exactly that long makes it due; a millisecond less does not.
    if (wait > 0)
        QCOMPARE(timeline.takeDue(elapsed + wait - 1), QList<int>{});
    QCOMPARE(timeline.takeDue(elapsed + wait), QList<int>{0});
}

// Each action's required args, their types, unknown args and unknown actions.
void tst_Timeline::validate_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("problem");   // empty: valid

    auto row = [](const char *name, const QString &action, const QByteArray &args, const QString &problem) {
        QTest::newRow(name) << action << args << problem;
    };
    row("request minimal", u"request"_s, R"({"router":"e7","path":"/store/7/find"})", {});
    row("request full", u"request"_s,
        R"({"router":"e7","path":"/store/7/find","method":"post","body":{"item":"cutlass"},
            "headers":{"X-Trace":"1"},"replyTo":"/store/7","deadlineMs":500})",
        {});
    row("request text body", u"request"_s, R"({"router":"e7","path":"/x","body":"plain"})", {});
    row("request without router", u"request"_s, R"({"path":"/x"})", u"request needs \"router\""_s);
    row("request without path", u"request"_s, R"({"router":"e7"})", u"request needs \"path\""_s);
    row("request path without slash", u"request"_s, R"({"router":"e7","path":"store/7"})",
        u"request: \"path\" must be an address starting with '/'"_s);
    row("request bad method", u"request"_s, R"({"router":"e7","path":"/x","method":"GE T"})",
        u"request: \"method\" must be an HTTP method such as GET or POST"_s);
    row("request numeric header", u"request"_s, R"({"router":"e7","path":"/x","headers":{"X-Count":5}})",
        u"request: header \"X-Count\" must be a string (quote numbers)"_s);
    row("request numeric body", u"request"_s, R"({"router":"e7","path":"/x","body":5})",
        u"request: \"body\" must be a map, a list or a string"_s);
    row("request negative deadline", u"request"_s, R"({"router":"e7","path":"/x","deadlineMs":-1})",
        u"request: \"deadlineMs\" must be a non-negative integer"_s);
    row("request replyTo not an address", u"request"_s, R"({"router":"e7","path":"/x","replyTo":"store-7"})",
        u"request: \"replyTo\" must be an address starting with '/'"_s);
    row("cut-link", u"cut-link"_s, R"({"link":["c1","c2"]})", {});
    row("cut-link silent", u"cut-link"_s, R"({"link":["c1","c2"],"silent":true})", {});
    row("cut-link silent not bool", u"cut-link"_s, R"({"link":["c1","c2"],"silent":"yes"})",
        u"cut-link: \"silent\" must be true or false"_s);
    row("cut-link without link", u"cut-link"_s, R"({})", u"cut-link needs \"link\""_s);
    row("link of one", u"cut-link"_s, R"({"link":["c1"]})",
        u"cut-link: \"link\" must be a pair of node ids, e.g. [r1, r2]"_s);
    row("link of three", u"restore-link"_s, R"({"link":["c1","c2","c3"]})",
        u"restore-link: \"link\" must be a pair of node ids, e.g. [r1, r2]"_s);
    row("link of numbers", u"cut-link"_s, R"({"link":[1,2]})",
        u"cut-link: \"link\" must be a pair of node ids, e.g. [r1, r2]"_s);
    row("link as text", u"cut-link"_s, R"({"link":"c1-c2"})",
        u"cut-link: \"link\" must be a pair of node ids, e.g. [r1, r2]"_s);
    row("link to itself", u"cut-link"_s, R"({"link":["c1","c1"]})", u"cut-link: \"link\" joins c1 to itself"_s);
    row("restore-link", u"restore-link"_s, R"({"link":["c1","c2"]})", {});
    row("set-cost", u"set-cost"_s, R"({"link":["c1","c2"],"cost":5})", {});
    row("set-cost zero", u"set-cost"_s, R"({"link":["c1","c2"],"cost":0})", {});
    row("set-cost without cost", u"set-cost"_s, R"({"link":["c1","c2"]})", u"set-cost needs \"cost\""_s);
    row("set-cost negative", u"set-cost"_s, R"({"link":["c1","c2"],"cost":-1})",
        u"set-cost: \"cost\" must be a non-negative integer"_s);
    row("set-cost fraction", u"set-cost"_s, R"({"link":["c1","c2"],"cost":1.5})",
        u"set-cost: \"cost\" must be a non-negative integer"_s);
    row("set-cost text", u"set-cost"_s, R"({"link":["c1","c2"],"cost":"5"})",
        u"set-cost: \"cost\" must be a non-negative integer"_s);
    row("set-latency", u"set-latency"_s, R"({"link":["c1","c2"],"ms":200})", {});
    row("set-latency without ms", u"set-latency"_s, R"({"link":["c1","c2"]})", u"set-latency needs \"ms\""_s);
    row("fail-node", u"fail-node"_s, R"({"node":"c1"})", {});
    row("fail-node without node", u"fail-node"_s, R"({})", u"fail-node needs \"node\""_s);
    row("fail-node empty node", u"fail-node"_s, R"({"node":" "})", u"fail-node: \"node\" must be a non-empty string"_s);
    row("fail-node node as list", u"fail-node"_s, R"({"node":["c1"]})",
        u"fail-node: \"node\" must be a non-empty string"_s);
    row("fail-node misspelt arg", u"fail-node"_s, R"({"nod":"c1"})",
        u"fail-node: unknown argument \"nod\" (expected node)"_s);
    row("restore-node", u"restore-node"_s, R"({"node":"c1"})", {});
    row("kill-node", u"kill-node"_s, R"({"node":"store-4"})", {});
    row("kill-node without node", u"kill-node"_s, R"({})", u"kill-node needs \"node\""_s);
    row("restart-node", u"restart-node"_s, R"({"node":"store-4"})", {});
    row("remove-node", u"remove-node"_s, R"({"node":"store-4"})", {});
    row("upgrade-node", u"upgrade-node"_s, R"({"node":"c1","version":"0.2.0"})", {});
    row("upgrade-node without version", u"upgrade-node"_s, R"({"node":"c1"})", u"upgrade-node needs \"version\""_s);
    row("provider-down", u"provider-down"_s, R"({"provider":"cheapnet"})", {});
    row("provider-up without provider", u"provider-up"_s, R"({})", u"provider-up needs \"provider\""_s);
    row("add-node", u"add-node"_s,
        R"({"entity":{"id":"store-13","role":"store","router":"e1","position":[10,20],"params":{"number":13}}})", {});
    row("add-node with routers", u"add-node"_s, R"({"entity":{"id":"d1","role":"worker","routers":["e1","e2"]}})", {});
    row("add-node without entity", u"add-node"_s, R"({})", u"add-node needs \"entity\""_s);
    row("add-node entity not a map", u"add-node"_s, R"({"entity":"store-13"})",
        u"add-node: \"entity\" must be a map like an entity of the file"_s);
    row("add-node without role", u"add-node"_s, R"({"entity":{"id":"d1","router":"e1"}})",
        u"add-node: \"entity\" needs a \"role\""_s);
    row("add-node without id", u"add-node"_s, R"({"entity":{"role":"worker","router":"e1"}})",
        u"add-node: \"entity\" needs an \"id\""_s);
    row("add-node without router", u"add-node"_s, R"({"entity":{"id":"d1","role":"worker"}})",
        u"add-node: \"entity\" needs exactly one of \"router\" or \"routers\""_s);
    row("add-node router and routers", u"add-node"_s,
        R"({"entity":{"id":"d1","role":"worker","router":"e1","routers":["e2"]}})",
        u"add-node: \"entity\" needs exactly one of \"router\" or \"routers\""_s);
    row("add-node empty routers", u"add-node"_s, R"({"entity":{"id":"d1","role":"worker","routers":[]}})",
        u"add-node: \"entity.routers\" must be a non-empty list of router ids"_s);
    row("add-node params not a map", u"add-node"_s,
        R"({"entity":{"id":"d1","role":"worker","router":"e1","params":[1]}})",
        u"add-node: \"entity.params\" must be a map"_s);
    row("add-node bad position", u"add-node"_s,
        R"({"entity":{"id":"d1","role":"worker","router":"e1","position":[1]}})",
        u"add-node: \"entity.position\" must be [x, y]"_s);
    row("add-node unknown field", u"add-node"_s, R"({"entity":{"id":"d1","role":"worker","router":"e1","colour":"red"}})",
        u"add-node: \"entity\" has an unknown field \"colour\" (expected id, role, router, routers, position, params, label)"_s);
    row("command", u"command"_s, R"({"node":"c1","command":"explain","args":{"address":"/store/4"}})", {});
    row("command without args", u"command"_s, R"({"node":"c1","command":"status"})", {});
    row("command without command", u"command"_s, R"({"node":"c1"})", u"command needs \"command\""_s);
    row("command args not a map", u"command"_s, R"({"node":"c1","command":"send","args":"x"})",
        u"command: \"args\" must be a map"_s);
    row("caption", u"caption"_s, R"({})", {});
    row("caption with an arg", u"caption"_s, R"({"node":"c1"})",
        u"caption: unknown argument \"node\" (it takes none)"_s);
    row("step fields in args are ignored", u"fail-node"_s, R"({"node":"c1","name":"break-c1","caption":"x"})", {});
    row("unknown action", u"explode"_s, R"({})",
        u"unknown action \"explode\" (known: request, cut-link, restore-link, set-cost, set-latency, fail-node, "
        u"restore-node, kill-node, restart-node, upgrade-node, provider-down, provider-up, add-node, remove-node, "
        u"command, caption)"_s);
    row("no action", QString(), R"({})", u"a step needs an \"action\""_s);
}

void tst_Timeline::validate()
{
    QFETCH(QString, action);
    QFETCH(QByteArray, args);
    QFETCH(QString, problem);

    Step step;
    step.atMs = 1000;
    step.action = action;
    step.caption = u"a caption"_s;
    step.args = json(args);
    QCOMPARE(Timeline::validate(step), problem);
    QCOMPARE(Timeline::validate(action, step.args), problem);
}

// The whole-step checks (time, a caption step's caption) need the Step; the loader's
// action-and-args hook accepts what only they would refuse.
void tst_Timeline::validateActionAloneSkipsStepChecks()
{
    Step caption;
    caption.action = u"caption"_s;
    QCOMPARE(Timeline::validate(caption), u"a caption step needs a caption"_s);
    QCOMPARE(Timeline::validate(caption.action, caption.args), QString());

    Step early;
    early.atMs = -5;
    early.action = u"caption"_s;
    early.caption = u"too early"_s;
    QCOMPARE(Timeline::validate(early), u"a step's time must not be negative (-5 ms)"_s);
}

// The catalogue lists every action once, with the args validate() asks for.
void tst_Timeline::catalogue()
{
    const QList<ActionSpec> actions = Timeline::actions();
    QStringList names;
    for (const ActionSpec &a : actions)
        names.append(a.name);
    QCOMPARE(names, (QStringList{u"request"_s, u"cut-link"_s, u"restore-link"_s, u"set-cost"_s, u"set-latency"_s,
                                 u"fail-node"_s, u"restore-node"_s, u"kill-node"_s, u"restart-node"_s,
                                 u"upgrade-node"_s, u"provider-down"_s, u"provider-up"_s, u"add-node"_s,
                                 u"remove-node"_s, u"command"_s, u"caption"_s}));
    for (const ActionSpec &a : actions) {
        QVERIFY2(!a.description.isEmpty(), qPrintable(a.name));
        // With no args at all, validate() names the first required one.
        Step step;
        step.action = a.name;
        step.caption = u"caption"_s;
        const QString expected = a.required.isEmpty() ? QString() : u"%1 needs \"%2\""_s.arg(a.name, a.required.first());
        QCOMPARE(Timeline::validate(step), expected);
    }
    const ActionSpec &request = actions.first();
    QCOMPARE(request.required, (QStringList{u"router"_s, u"path"_s}));
    QCOMPARE(request.optional, (QStringList{u"method"_s, u"body"_s, u"headers"_s, u"replyTo"_s, u"deadlineMs"_s}));
}

QTEST_APPLESS_MAIN(tst_Timeline)
#include "tst_timeline.moc"
