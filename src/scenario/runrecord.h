#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Portolan::Scenario {

// What a run recorded, in the terms expectations are written in. Filled by whoever runs
// the scenario (the headless runner, the console); read by ExpectationEvaluator and the
// report writers. Times are ms since the run started.
struct RecordedEvent
{
    qint64 atMs = 0;
    QString node;             // the node that reported it ("" for the runner's own events)
    QString kind;             // "link-down", "route-change", "work-done", "step", ...
    QJsonObject fields;
};

// One HTTP request a timeline step sent through a router's ingress, and its answer.
struct RequestRecord
{
    QString name;             // the step's name (may be empty)
    QString router;
    QString method;
    QString path;
    qint64 sentMs = 0;
    qint64 answeredMs = -1;   // -1: no answer (timed out, connection failed)
    int status = 0;           // 0 when there was no HTTP answer
    QByteArray body;
    QString error;            // transport error, if any
};

// A step of the timeline as it happened.
struct StepRecord
{
    int index = 0;            // into Scenario::timeline
    qint64 plannedMs = 0;
    qint64 firedMs = 0;
    QString action;
    QString caption;
    bool ok = true;
    QString detail;           // what it did, or why it failed
    bool manual = false;      // fired by the operator, not the clock
};

// One sample of one numeric metric of one node, e.g. ("factory-2", "data.backlog", 3).
struct MetricSample
{
    qint64 atMs = 0;
    QString node;
    QString metric;
    double value = 0;
};

// The failure stopwatch: what happened after the operator (or a step) broke something.
// Started by a failing action; closed once traffic flows over a new path or the window
// (default 10 s) runs out. Times are ms since the run started; -1 = did not happen.
struct StopwatchRecord
{
    QString action;           // the action that broke something: "cut-link", "fail-node", ...
    QString target;           // what it broke: "r1-r2", "r3", "aws"
    qint64 startedMs = 0;
    qint64 detectedMs = -1;   // the first node to notice (link-down, route-change, detach)
    qint64 recoveredMs = -1;  // the first delivery after detection that avoided the target
    qint64 inFlightAtStart = 0;   // messages sent but not settled, summed over routers
    qint64 lost = 0;              // messages given up during the window (expired, no consumer, dropped)
    qint64 resent = 0;            // messages resent over a new path during the window
    bool closed = false;

    qint64 detectionMs() const { return detectedMs < 0 ? -1 : detectedMs - startedMs; }
    qint64 recoveryMs() const { return recoveredMs < 0 ? -1 : recoveredMs - startedMs; }
};

struct RunRecord
{
    QString scenario;
    qint64 startedAtMs = 0;    // wall clock, ms since epoch
    qint64 endedAtMs = 0;
    qint64 readyAfterMs = 0;   // from start until every node was READY
    int processCount = 0;
    QList<StepRecord> steps;
    QList<RecordedEvent> events;
    QList<RequestRecord> requests;
    QList<MetricSample> metrics;
    QList<StopwatchRecord> stopwatches;
    QHash<QString, QJsonObject> finalTelemetry;   // node id -> its last full telemetry

    const RequestRecord *request(const QString &name) const;
};

} // namespace Portolan::Scenario
