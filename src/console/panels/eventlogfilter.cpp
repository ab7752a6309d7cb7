#include "console/panels/eventlogfilter.h"

#include "console/panels/eventlogmodel.h"

namespace Portolan::Console {

EventLogFilter::EventLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void EventLogFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void EventLogFilter::setKind(const QString &kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateFilter();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() && m_kind.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_kind.isEmpty() && index.data(EventLogModel::KindRole).toString() != m_kind)
        return false;
    return m_text.isEmpty() || index.data(EventLogModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace Portolan::Console
