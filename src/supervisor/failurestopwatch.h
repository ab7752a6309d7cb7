#pragma once

#include "scenario/runrecord.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Portolan::Supervisor {

// The failure stopwatch: when something is broken on purpose (a link cut, a node failed or
// killed, a provider taken down) it measures how long the network took to notice, how
// long until traffic that used to cross the broken part was delivered around it, and how
// many messages were in flight, lost or resent meanwhile.
//
// Pure bookkeeping: the run feeds it events and router counter totals with their times;
// it owns no timer and reads no clock, so the console, the headless run and the tests
// drive it the same way. "Recovered" needs evidence: a traced delivery (its path is in
// the event) to a consumer whose previous delivery crossed the broken part, now over a
// path that avoids it. Without traced traffic across the target, recovery stays unknown
// rather than being guessed.
class FailureStopwatch
{
public:
    // Router counters summed over the mesh at one moment.
    struct Totals
    {
        qint64 inFlight = 0;
        qint64 lost = 0;      // expired + noConsumer + dropped
        qint64 resent = 0;
    };

    // What a failing action broke. nodes: every node that went dark; links: unordered
    // pairs that were cut; actors: nodes whose own reports are the action itself (the
    // side that cut a link), not a detection.
    struct Target
    {
        QSet<QString> nodes;
        QList<QPair<QString, QString>> links;
        QSet<QString> actors;
    };

    explicit FailureStopwatch(qint64 windowMs = 5000);

    // Starts a stopwatch; returns its index into records().
    int start(const QString &action, const QString &label, const Target &target, qint64 nowMs, const Totals &totals);
    // Every recorded event, in order. Returns the indexes of stopwatches it changed.
    QList<int> observe(const Scenario::RecordedEvent &event);
    // Closes the stopwatches whose window has passed (or every one, when final is true)
    // with the totals at nowMs. Returns the indexes it closed.
    QList<int> close(qint64 nowMs, const Totals &totals, bool final = false);

    const QList<Scenario::StopwatchRecord> &records() const { return m_records; }
    bool hasOpen() const;

    static bool pathAvoids(const QStringList &path, const Target &target);
    static bool crosses(const QStringList &path, const Target &target) { return !pathAvoids(path, target); }

private:
    struct Open
    {
        int index = 0;
        Target target;
        Totals startTotals;
        QSet<QString> flowsAcross;   // consumers whose last delivery crossed the target
    };

    bool isDetection(const Scenario::RecordedEvent &event, const Target &target) const;

    qint64 m_windowMs;
    QList<Scenario::StopwatchRecord> m_records;
    QList<Open> m_open;
    QHash<QString, QStringList> m_lastPath;   // consumer -> path of its latest traced delivery
};

} // namespace Portolan::Supervisor
