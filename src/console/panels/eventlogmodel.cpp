#include "console/panels/eventlogmodel.h"

#include "console/panels/displayformat.h"
#include "console/panels/eventsummary.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(std::size_t(index.row()));
    const Scenario::RecordedEvent &e = row.event;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return DisplayFormat::clock(e.atMs, 3);
        case NodeColumn:
            return e.node.isEmpty() ? tr("run") : e.node;
        case KindColumn:
            return e.kind;
        case SummaryColumn:
            return row.summary;
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == KindColumn ? QVariant(StatusToneStyle::dot(row.tone)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == SummaryColumn)
            return row.requestId.isEmpty() ? row.summary
                                           : QString(row.summary + tr("\nDouble-click to trace request %1").arg(row.requestId));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == NodeColumn && e.node.isEmpty())
            return QVariant::fromValue(QGuiApplication::palette().brush(QPalette::PlaceholderText));
        return {};
    case AtMsRole:
        return e.atMs;
    case NodeRole:
        return e.node;
    case KindRole:
        return e.kind;
    case RequestIdRole:
        return row.requestId;
    case SearchTextRole:
        return QString(e.node + u' ' + e.kind + u' ' + row.summary + u' ' + row.requestId);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case NodeColumn:
        return tr("Node");
    case KindColumn:
        return tr("Event");
    case SummaryColumn:
        return tr("What happened");
    }
    return {};
}

void EventLogModel::append(const Scenario::RecordedEvent &event)
{
    m_pending.push_back(event);
    // Beyond capacity, the oldest queued events would be dropped at the flush anyway.
    if (m_pending.size() > std::size_t(m_capacity)) {
        m_pending.pop_front();
        ++m_dropped;
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventLogModel::append(const QList<Scenario::RecordedEvent> &events)
{
    for (const Scenario::RecordedEvent &e : events)
        append(e);
}

void EventLogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    const int incoming = int(m_pending.size());
    const int overflow = int(m_rows.size()) + incoming - m_capacity;
    if (overflow > 0) {
        const int drop = std::min(overflow, int(m_rows.size()));
        beginRemoveRows({}, 0, drop - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
        endRemoveRows();
        m_dropped += drop;
    }
    QStringList newKinds;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (Scenario::RecordedEvent &e : m_pending) {
        Row row;
        row.summary = EventSummary::summarize(e);
        row.requestId = EventSummary::requestId(e);
        row.tone = EventSummary::tone(e);
        if (!m_kinds.contains(e.kind)) {
            m_kinds.insert(e.kind);
            newKinds.append(e.kind);
        }
        row.event = std::move(e);
        m_rows.push_back(std::move(row));
    }
    m_pending.clear();
    endInsertRows();
    for (const QString &kind : std::as_const(newKinds))
        Q_EMIT kindAdded(kind);
    Q_EMIT flushed(incoming);
}

void EventLogModel::clear()
{
    m_flushTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_rows.clear();
    m_kinds.clear();
    m_dropped = 0;
    endResetModel();
}

void EventLogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    const int overflow = int(m_rows.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
        endRemoveRows();
        m_dropped += overflow;
    }
}

QStringList EventLogModel::kinds() const
{
    QStringList list(m_kinds.cbegin(), m_kinds.cend());
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace Portolan::Console
