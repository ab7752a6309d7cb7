#include "supervisor/failurestopwatch.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

namespace {

QStringList pathOf(const Scenario::RecordedEvent &event)
{
    QStringList path;
    const QJsonArray hops = event.fields.value("path"_L1).toArray();
    for (const QJsonValue &hop : hops)
        path.append(hop.toString());
    return path;
}

bool samePair(const QPair<QString, QString> &link, const QString &a, const QString &b)
{
    return (link.first == a && link.second == b) || (link.first == b && link.second == a);
}

} // namespace

FailureStopwatch::FailureStopwatch(qint64 windowMs)
    : m_windowMs(windowMs)
{
}

int FailureStopwatch::start(const QString &action, const QString &label, const Target &target, qint64 nowMs,
                            const Totals &totals)
{
    Scenario::StopwatchRecord record;
    record.action = action;
    record.target = label;
    record.startedMs = nowMs;
    record.inFlightAtStart = totals.inFlight;
    m_records.append(record);

    Open open;
    open.index = int(m_records.size() - 1);
    open.target = target;
    open.startTotals = totals;
    for (auto it = m_lastPath.cbegin(); it != m_lastPath.cend(); ++it) {
        if (crosses(it.value(), target))
            open.flowsAcross.insert(it.key());
    }
    m_open.append(open);
    return open.index;
}

bool FailureStopwatch::pathAvoids(const QStringList &path, const Target &target)
{
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (target.nodes.contains(path.at(i)))
            return false;
        if (i + 1 < path.size()) {
            for (const auto &link : target.links) {
                if (samePair(link, path.at(i), path.at(i + 1)))
                    return false;
            }
        }
    }
    return true;
}

bool FailureStopwatch::isDetection(const Scenario::RecordedEvent &event, const Target &target) const
{
    if (target.nodes.contains(event.node) || target.actors.contains(event.node))
        return false;
    if (event.kind == "route-change"_L1)
        return true;
    const QString peer = event.kind == "entity-detached"_L1 ? event.fields.value("entity"_L1).toString()
                                                             : event.fields.value("peer"_L1).toString();
    if (event.kind != "link-down"_L1 && event.kind != "entity-detached"_L1)
        return false;
    if (target.nodes.contains(peer))
        return true;
    for (const auto &link : target.links) {
        if (samePair(link, event.node, peer))
            return true;
    }
    return false;
}

QList<int> FailureStopwatch::observe(const Scenario::RecordedEvent &event)
{
    QList<int> changed;
    const bool traced = event.kind == "delivery"_L1 && event.fields.contains("path"_L1);
    const QStringList path = traced ? pathOf(event) : QStringList();
    // A flow is the traffic to one consumer: a multicast reaches many consumers under one
    // address, each over its own path, and one consumer is reached under many addresses
    // over the same path.
    const QString &flow = event.node;

    for (Open &open : m_open) {
        Scenario::StopwatchRecord &record = m_records[open.index];
        if (event.atMs < record.startedMs)
            continue;
        if (record.detectedMs < 0 && isDetection(event, open.target)) {
            record.detectedMs = event.atMs;
            changed.append(open.index);
        }
        if (traced && record.recoveredMs < 0 && open.flowsAcross.contains(flow)
            && pathAvoids(path, open.target)) {
            // A delivery can only go around a failure the network has noticed; one that
            // beats the detection avoided the target by luck of timing, not by rerouting.
            if (record.detectedMs >= 0) {
                record.recoveredMs = event.atMs;
                changed.append(open.index);
            }
        }
    }
    if (traced)
        m_lastPath.insert(flow, path);
    return changed;
}

QList<int> FailureStopwatch::close(qint64 nowMs, const Totals &totals, bool final)
{
    QList<int> closed;
    for (qsizetype i = 0; i < m_open.size();) {
        const Open &open = m_open.at(i);
        Scenario::StopwatchRecord &record = m_records[open.index];
        if (!final && nowMs - record.startedMs < m_windowMs) {
            ++i;
            continue;
        }
        record.lost = qMax<qint64>(0, totals.lost - open.startTotals.lost);
        record.resent = qMax<qint64>(0, totals.resent - open.startTotals.resent);
        record.closed = true;
        closed.append(open.index);
        m_open.removeAt(i);
    }
    return closed;
}

bool FailureStopwatch::hasOpen() const
{
    return !m_open.isEmpty();
}

} // namespace Portolan::Supervisor
