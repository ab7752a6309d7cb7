#pragma once

#include "console/panels/keyedtablemodel.h"
#include "scenario/runrecord.h"
#include "scenario/scenario.h"

namespace Portolan::Console {

// The scenario's timeline as a table: planned time, caption, action and what became of
// each step (pending, fired, failed, fired by hand). The current step is emphasised.
class TimelineModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, StatusColumn, ActionColumn, CaptionColumn, ColumnCount };
    enum class Status { Pending, Fired, Failed, Manual };

    explicit TimelineModel(QObject *parent = nullptr);

    void setSteps(const QList<Scenario::Step> &steps);
    void markFired(const Scenario::StepRecord &record);
    void setCurrent(int index);   // -1: none
    // Every step back to pending (a new run of the same scenario).
    void resetStatus();

    int stepCount() const { return int(m_steps.size()); }
    const Scenario::Step &step(int index) const { return m_steps.at(index); }
    Status status(int index) const { return m_entries.at(index).status; }
    int current() const { return m_current; }
    int nextPending() const;   // the first step not fired yet, -1 when all have

private:
    struct Entry
    {
        Status status = Status::Pending;
        qint64 firedMs = -1;
        QString detail;
    };
    QList<Row> buildRows() const;
    void rebuild();

    QList<Scenario::Step> m_steps;
    QList<Entry> m_entries;
    int m_current = -1;
};

} // namespace Portolan::Console
