#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Scenario {

// One action a timeline step can take, for the scenario docs, the loader's messages and
// the console's palette: its Step::args keys and a one-line description.
struct ActionSpec
{
    QString name;
    QStringList required;
    QStringList optional;
    QString description;
};

// The playback state machine of a scenario's timeline. Pure: it owns no timer and reads
// no clock; whoever drives it (the scenario run, the console) passes the wall clock in ms
// and fires the steps it hands out. Scenario time is wall time elapsed since start(),
// without pauses, multiplied by the speed factor. Steps are due once scenario time
// reaches their atMs; every step is handed out exactly once, whether by the clock
// (takeDue), by the operator's "step" (stepNext) or by a click on it (markFired).
class Timeline
{
public:
    static QList<ActionSpec> actions();
    // "" when the step's action is known and its args are complete and well typed;
    // otherwise one sentence naming the action and the argument at fault.
    static QString validate(const Step &step);
    // The same check of an action and its args alone (what ScenarioLoader::Validators::step
    // is handed); validate(step) adds the checks that need the whole step.
    static QString validate(const QString &action, const QJsonObject &args);

    explicit Timeline(QList<Step> steps = {});

    void start(qint64 nowMs);   // the clock starts (again a no-op once started)
    // 2 plays twice as fast, 0.5 half as fast; a factor that is not positive and finite is
    // ignored. Changing speed while playing rebases at nowMs, or, without it, at the last
    // clock reading the timeline was given.
    void setSpeed(double factor);
    void setSpeed(double factor, qint64 nowMs);
    double speed() const { return m_speed; }
    void pause(qint64 nowMs);
    void resume(qint64 nowMs);

    bool isStarted() const { return m_started; }
    bool isPaused() const { return m_started && m_paused; }
    bool isFinished() const { return m_firedCount == m_steps.size(); }

    qint64 scenarioTime(qint64 nowMs) const;
    // Steps whose time has come and that were not handed out yet, by time then file order.
    // Nothing comes due before start() or while paused.
    QList<int> takeDue(qint64 nowMs);
    // The operator's "step": hands out the next step now, paused or not, and moves scenario
    // time forward to that step's time so the steps after it keep their spacing.
    std::optional<int> stepNext();
    // The operator fired a step by hand, perhaps out of order or again: it becomes the
    // current step and is not handed out by the clock any more. The clock does not move.
    void markFired(int index);

    bool isFired(int index) const;
    std::optional<int> currentStep() const { return m_current; }
    std::optional<int> nextStep() const;
    // Wall ms until the next step is due (0 when overdue); -1 when none is left, when
    // paused, or before start().
    qint64 msUntilNext(qint64 nowMs) const;

    const QList<Step> &steps() const { return m_steps; }

private:
    double exactScenarioTime(qint64 nowMs) const;
    void fire(int index);

    QList<Step> m_steps;
    QList<int> m_order;        // indexes into m_steps by atMs, stable
    QList<bool> m_fired;
    qsizetype m_firedCount = 0;
    std::optional<int> m_current;

    bool m_started = false;
    bool m_paused = false;
    double m_speed = 1.0;
    double m_baseMs = 0;         // scenario time at the start of the running segment
    qint64 m_segmentStartMs = 0; // wall clock when the running segment began
    qint64 m_lastNowMs = 0;      // the latest clock reading given to a non-const call
};

} // namespace Portolan::Scenario
