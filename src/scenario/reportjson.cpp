#include "scenario/reportjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

QString isoTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue bodyValue(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    return QString::fromUtf8(body.left(4096));
}

// min / max / mean / last per (node, metric), in the order the samples came.
QJsonObject summariseMetrics(const QList<MetricSample> &samples)
{
    struct Summary
    {
        double min = 0, max = 0, sum = 0, last = 0;
        qint64 count = 0;
    };
    QMap<QString, QMap<QString, Summary>> summaries;
    for (const MetricSample &s : samples) {
        Summary &sum = summaries[s.node][s.metric];
        if (sum.count == 0) {
            sum.min = sum.max = s.value;
        } else {
            sum.min = qMin(sum.min, s.value);
            sum.max = qMax(sum.max, s.value);
        }
        sum.sum += s.value;
        sum.last = s.value;
        ++sum.count;
    }
    QJsonObject out;
    for (auto node = summaries.cbegin(); node != summaries.cend(); ++node) {
        QJsonObject metrics;
        for (auto m = node.value().cbegin(); m != node.value().cend(); ++m) {
            const Summary &s = m.value();
            metrics.insert(m.key(), QJsonObject{{u"min"_s, s.min}, {u"max"_s, s.max}, {u"last"_s, s.last},
                                                {u"mean"_s, s.sum / double(s.count)}, {u"samples"_s, s.count}});
        }
        out.insert(node.key(), metrics);
    }
    return out;
}

} // namespace

bool ReportJson::allPassed(const QList<ExpectationResult> &results)
{
    return std::all_of(results.begin(), results.end(), [](const ExpectationResult &r) { return r.passed; });
}

QJsonObject ReportJson::build(const Scenario &scenario, const RunRecord &record,
                              const QList<ExpectationResult> &results)
{
    QJsonObject parameters;
    for (auto it = scenario.parameters.constBegin(); it != scenario.parameters.constEnd(); ++it)
        parameters.insert(it.key(), it.value());

    QJsonArray expectations;
    for (const ExpectationResult &r : results)
        expectations.append(QJsonObject{{u"name"_s, r.name}, {u"kind"_s, r.kind}, {u"passed"_s, r.passed},
                                        {u"detail"_s, r.detail}});
    QJsonArray timeline;
    for (const StepRecord &s : record.steps)
        timeline.append(QJsonObject{{u"index"_s, s.index}, {u"plannedMs"_s, s.plannedMs}, {u"firedMs"_s, s.firedMs},
                                    {u"action"_s, s.action}, {u"caption"_s, s.caption}, {u"ok"_s, s.ok},
                                    {u"detail"_s, s.detail}, {u"manual"_s, s.manual}});
    QJsonArray requests;
    for (const RequestRecord &r : record.requests) {
        QJsonObject o{{u"name"_s, r.name}, {u"router"_s, r.router}, {u"method"_s, r.method}, {u"path"_s, r.path},
                      {u"sentMs"_s, r.sentMs}, {u"status"_s, r.status}, {u"body"_s, bodyValue(r.body)}};
        if (r.answeredMs >= 0)
            o.insert(u"latencyMs"_s, r.answeredMs - r.sentMs);
        if (!r.error.isEmpty())
            o.insert(u"error"_s, r.error);
        requests.append(o);
    }
    QJsonArray stopwatches;
    for (const StopwatchRecord &w : record.stopwatches)
        stopwatches.append(QJsonObject{{u"action"_s, w.action}, {u"target"_s, w.target}, {u"startedMs"_s, w.startedMs},
                                       {u"detectionMs"_s, w.detectionMs()}, {u"recoveryMs"_s, w.recoveryMs()},
                                       {u"inFlightAtStart"_s, w.inFlightAtStart}, {u"lost"_s, w.lost},
                                       {u"resent"_s, w.resent}, {u"closed"_s, w.closed}});
    QMap<QString, int> eventCounts;
    for (const RecordedEvent &e : record.events)
        ++eventCounts[e.kind];
    QJsonObject events;
    for (auto it = eventCounts.cbegin(); it != eventCounts.cend(); ++it)
        events.insert(it.key(), it.value());

    QJsonObject finalCounters;
    for (auto it = record.finalTelemetry.constBegin(); it != record.finalTelemetry.constEnd(); ++it) {
        QJsonObject node{{u"role"_s, it.value().value("role"_L1)}, {u"version"_s, it.value().value("version"_L1)},
                         {u"state"_s, it.value().value("state"_L1)}, {u"counters"_s, it.value().value("counters"_L1)}};
        if (it.value().contains("data"_L1))
            node.insert(u"data"_s, it.value().value("data"_L1));
        finalCounters.insert(it.key(), node);
    }

    return {
        {u"scenario"_s, QJsonObject{{u"name"_s, scenario.name}, {u"file"_s, scenario.file},
                                    {u"description"_s, scenario.description}, {u"parameters"_s, parameters}}},
        {u"start"_s, isoTime(record.startedAtMs)},
        {u"end"_s, isoTime(record.endedAtMs)},
        {u"durationMs"_s, record.endedAtMs - record.startedAtMs},
        {u"processes"_s, record.processCount},
        {u"readyAfterMs"_s, record.readyAfterMs},
        {u"passed"_s, allPassed(results)},
        {u"expectations"_s, expectations},
        {u"timeline"_s, timeline},
        {u"requests"_s, requests},
        {u"stopwatches"_s, stopwatches},
        {u"eventCounts"_s, events},
        {u"metrics"_s, summariseMetrics(record.metrics)},
        {u"nodes"_s, finalCounters},
    };
}

} // namespace Portolan::Scenario
