#include "console/panels/timelinemodel.h"

#include "console/panels/displayformat.h"
#include "console/panels/stepsummary.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

TimelineModel::TimelineModel(QObject *parent)
    : KeyedTableModel({tr("At"), tr("Status"), tr("Action"), tr("Caption")},
                      {tr("When the step is planned, in run time"), tr("Whether it has fired, and how"),
                       tr("What the step does"), tr("What the audience is told")},
                      parent)
{
}

void TimelineModel::setSteps(const QList<Scenario::Step> &steps)
{
    m_steps = steps;
    m_entries = QList<Entry>(steps.size());
    m_current = -1;
    // New steps are a new table: reset rather than diff against another scenario's rows.
    resetRows(buildRows());
}

void TimelineModel::markFired(const Scenario::StepRecord &record)
{
    if (record.index < 0 || record.index >= m_entries.size())
        return;
    Entry &e = m_entries[record.index];
    e.status = !record.ok ? Status::Failed : record.manual ? Status::Manual : Status::Fired;
    e.firedMs = record.firedMs;
    e.detail = record.detail;
    rebuild();
}

void TimelineModel::setCurrent(int index)
{
    const int current = index >= 0 && index < m_steps.size() ? index : -1;
    if (current == m_current)
        return;
    m_current = current;
    rebuild();
}

void TimelineModel::resetStatus()
{
    for (Entry &e : m_entries)
        e = Entry();
    m_current = -1;
    rebuild();
}

int TimelineModel::nextPending() const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).status == Status::Pending)
            return i;
    }
    return -1;
}

void TimelineModel::rebuild()
{
    setRows(buildRows());
}

QList<KeyedTableModel::Row> TimelineModel::buildRows() const
{
    QList<Row> rows;
    rows.reserve(m_steps.size());
    for (int i = 0; i < m_steps.size(); ++i) {
        const Scenario::Step &s = m_steps.at(i);
        const Entry &e = m_entries.at(i);
        Row row;
        row.key = QString::number(i);
        row.emphasis = i == m_current ? Emphasis::Strong : Emphasis::Normal;

        Cell at = text(DisplayFormat::clock(s.atMs), tr("Planned at %1").arg(DisplayFormat::clock(s.atMs, 3)));
        at.sort = s.atMs;
        at.numeric = true;

        const QString described = StepSummary::describe(s);
        Cell caption = text(s.caption.isEmpty() ? u"—"_s : s.caption, s.caption);
        Cell action = text(described, s.name.isEmpty() ? s.action : tr("%1 (step “%2”)").arg(s.action, s.name));

        Cell status;
        const QString when = e.firedMs >= 0 ? tr("Fired at %1").arg(DisplayFormat::clock(e.firedMs, 3)) : QString();
        const QString detail = e.detail.isEmpty() ? when : when + u"\n"_s + e.detail;
        switch (e.status) {
        case Status::Pending:
            status = text(tr("pending"), tr("Not fired yet"));
            status.tone = StatusTone::Neutral;
            break;
        case Status::Fired:
            status = text(tr("fired ✓"), detail);
            status.tone = StatusTone::Good;
            break;
        case Status::Failed:
            status = text(tr("failed ✗"), detail);
            status.tone = StatusTone::Bad;
            break;
        case Status::Manual:
            status = text(tr("by hand ✓"), detail);
            status.tone = StatusTone::Special;
            break;
        }
        status.sort = int(e.status);
        row.cells = {at, status, action, caption};
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Portolan::Console
