#include "console/stopwatchmodel.h"

#include <QColor>
#include <QLocale>

namespace Portolan::Console {

namespace {

QString duration(qint64 ms, bool closed)
{
    if (ms >= 0)
        return QObject::tr("%1 ms").arg(QLocale().toString(ms));
    return closed ? QObject::tr("not seen") : QObject::tr("waiting…");
}

} // namespace

void StopwatchModel::update(int index, const Scenario::StopwatchRecord &record)
{
    if (index < 0)
        return;
    if (index < m_rows.size()) {
        m_rows[index] = record;
        Q_EMIT dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, int(m_rows.size()), index);
    while (m_rows.size() <= index)
        m_rows.append(Scenario::StopwatchRecord{});
    m_rows[index] = record;
    endInsertRows();
}

void StopwatchModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int StopwatchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StopwatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StopwatchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Scenario::StopwatchRecord &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Started: return tr("%1 s").arg(QLocale().toString(r.startedMs / 1000.0, 'f', 1));
        case Action: return r.action;
        case Target: return r.target;
        case Detection: return duration(r.detectionMs(), r.closed);
        case Recovery: return duration(r.recoveryMs(), r.closed);
        case InFlight: return QLocale().toString(r.inFlightAtStart);
        case Lost: return r.closed ? QLocale().toString(r.lost) : tr("…");
        case Resent: return r.closed ? QLocale().toString(r.resent) : tr("…");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Detection)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Lost && r.closed && r.lost > 0)
        return QColor(0xc0, 0x39, 0x2b);
    if (role == Qt::ToolTipRole && index.column() == Recovery)
        return tr("From the failure to the first traced delivery that went around it");
    if (role == Qt::UserRole)
        return r.detectionMs();
    return {};
}

QVariant StopwatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started: return tr("At");
    case Action: return tr("Action");
    case Target: return tr("Target");
    case Detection: return tr("Detected after");
    case Recovery: return tr("Rerouted after");
    case InFlight: return tr("In flight");
    case Lost: return tr("Lost");
    case Resent: return tr("Resent");
    default: return {};
    }
}

} // namespace Portolan::Console
