#include "console/panels/tracemodel.h"

#include "console/panels/displayformat.h"
#include "console/panels/eventsummary.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

// The node's own clock for a trace hop when it reported one (ms since the epoch, finer
// than the console's receive time), else -1.
qint64 nodeClock(const Scenario::RecordedEvent &e)
{
    return e.kind == "trace-hop"_L1 && e.fields.value("atMs"_L1).isDouble() ? qint64(e.fields.value("atMs"_L1).toDouble())
                                                                            : -1;
}

} // namespace

TraceModel::TraceModel(QObject *parent)
    : KeyedTableModel({tr("Hop"), tr("Node"), tr("At"), tr("+Step"), tr("Event"), tr("Detail")},
                      {tr("How many routers the message had crossed"), tr("Where it was"), tr("Run time"),
                       tr("Time since the previous row (node clocks for consecutive hops)"), {}, {}},
                      parent)
{
}

void TraceModel::setTrace(const QString &requestId, const QList<Scenario::RecordedEvent> &events)
{
    m_requestId = requestId;
    // The message ids of this request: acks at the origin router carry only those.
    QSet<QString> messageIds;
    for (const Scenario::RecordedEvent &e : events) {
        if (e.fields.value("requestId"_L1).toString() == requestId && e.fields.contains("messageId"_L1))
            messageIds.insert(e.fields.value("messageId"_L1).toString());
    }
    m_events.clear();
    for (const Scenario::RecordedEvent &e : events) {
        const bool byRequest = e.fields.value("requestId"_L1).toString() == requestId;
        const bool byMessage = e.fields.contains("messageId"_L1)
                               && messageIds.contains(e.fields.value("messageId"_L1).toString());
        if (!requestId.isEmpty() && (byRequest || byMessage))
            m_events.append(e);
    }
    std::stable_sort(m_events.begin(), m_events.end(), [](const Scenario::RecordedEvent &a, const Scenario::RecordedEvent &b) {
        if (a.atMs != b.atMs)
            return a.atMs < b.atMs;
        const qint64 ca = nodeClock(a);
        const qint64 cb = nodeClock(b);
        if (ca >= 0 && cb >= 0 && ca != cb)
            return ca < cb;
        return a.fields.value("hop"_L1).toInt(-1) < b.fields.value("hop"_L1).toInt(-1);
    });

    QList<Row> rows;
    rows.reserve(m_events.size());
    m_totalMs = -1;
    for (int i = 0; i < m_events.size(); ++i) {
        const Scenario::RecordedEvent &e = m_events.at(i);
        const QJsonObject &f = e.fields;
        Row row;
        row.key = QString::number(i);
        QString what;
        QString detail = f.value("address"_L1).toString();
        StatusTone tone = StatusTone::Neutral;
        if (e.kind == "trace-hop"_L1) {
            what = tr("forwarded");
            tone = StatusTone::Info;
        } else if (e.kind == "delivery"_L1) {
            tone = StatusTone::Good;
            if (f.value("via"_L1).toString() == "ingress"_L1) {
                what = tr("answered over HTTP");
                detail = tr("status %1").arg(DisplayFormat::value(f.value("status"_L1)));
            } else if (f.contains("consumer"_L1)) {
                what = tr("acknowledged");
                detail = tr("by %1 after %2").arg(f.value("consumer"_L1).toString(),
                                                   DisplayFormat::duration(qint64(f.value("latencyMs"_L1).toDouble())));
            } else {
                what = tr("delivered");
            }
        } else if (e.kind == "answer"_L1) {
            what = tr("answer");
            detail = tr("status %1 from %2").arg(DisplayFormat::value(f.value("status"_L1)), f.value("from"_L1).toString());
            tone = StatusTone::Good;
        } else if (e.kind == "no-consumer"_L1 || e.kind == "expired"_L1) {
            what = DisplayFormat::humanize(e.kind).toLower();
            tone = StatusTone::Bad;
        } else {
            what = e.kind;
            detail = EventSummary::summarize(e);
        }

        QString stepText;
        qint64 stepMs = -1;
        if (i > 0) {
            const Scenario::RecordedEvent &previous = m_events.at(i - 1);
            const qint64 a = nodeClock(previous);
            const qint64 b = nodeClock(e);
            stepMs = a >= 0 && b >= 0 ? b - a : e.atMs - previous.atMs;
            stepText = u"+"_s + DisplayFormat::duration(qMax<qint64>(0, stepMs));
        }
        Cell hop = f.contains("hop"_L1) ? number(f.value("hop"_L1).toDouble()) : text({});
        hop.numeric = true;
        Cell kind = text(what, EventSummary::summarize(e));
        kind.tone = tone;
        Cell at = text(DisplayFormat::clock(e.atMs, 3));
        at.sort = e.atMs;
        Cell step = text(stepText);
        step.sort = stepMs;
        step.numeric = true;
        row.cells = {hop, text(e.node), at, step, kind, text(detail)};
        rows.append(std::move(row));
    }
    if (m_events.size() >= 2) {
        const qint64 first = nodeClock(m_events.constFirst());
        const qint64 last = nodeClock(m_events.constLast());
        m_totalMs = first >= 0 && last >= 0 ? last - first : m_events.constLast().atMs - m_events.constFirst().atMs;
    }
    resetRows(std::move(rows));
}

int TraceModel::hopCount() const
{
    return int(std::count_if(m_events.cbegin(), m_events.cend(),
                             [](const Scenario::RecordedEvent &e) { return e.kind == "trace-hop"_L1; }));
}

QStringList TraceModel::path() const
{
    QStringList nodes;
    for (const Scenario::RecordedEvent &e : m_events) {
        if (!e.node.isEmpty() && (nodes.isEmpty() || nodes.constLast() != e.node))
            nodes.append(e.node);
    }
    return nodes;
}

} // namespace Portolan::Console
