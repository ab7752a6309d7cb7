#pragma once

#include "console/panels/keyedtablemodel.h"
#include "scenario/runrecord.h"

namespace Portolan::Console {

// A request's journey as a table, from its trace-hop events and the events that closed
// it (delivery, answer, no consumer, expiry): hop number, node, time, the step since
// the previous row, what happened and where it was going.
class TraceModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column { HopColumn, NodeColumn, AtColumn, StepColumn, EventColumn, DetailColumn, ColumnCount };

    explicit TraceModel(QObject *parent = nullptr);

    // Keeps the events of this request (by requestId, and by the message ids those carry),
    // in time order.
    void setTrace(const QString &requestId, const QList<Scenario::RecordedEvent> &events);
    QString requestId() const { return m_requestId; }
    const QList<Scenario::RecordedEvent> &events() const { return m_events; }
    // From the first row to the last, in ms; -1 with fewer than two rows.
    qint64 totalMs() const { return m_totalMs; }
    int hopCount() const;
    QStringList path() const;   // the nodes in order, repeats folded

private:
    QString m_requestId;
    QList<Scenario::RecordedEvent> m_events;
    qint64 m_totalMs = -1;
};

} // namespace Portolan::Console
