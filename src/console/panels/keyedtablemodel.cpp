#include "console/panels/keyedtablemodel.h"

#include "console/panels/displayformat.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QSet>

namespace Portolan::Console {

KeyedTableModel::KeyedTableModel(const QStringList &headers, const QStringList &headerToolTips, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(headers)
    , m_headerToolTips(headerToolTips)
{
}

int KeyedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant KeyedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Cell empty;
    const Cell &cell = index.column() < row.cells.size() ? row.cells.at(index.column()) : empty;
    switch (role) {
    case Qt::DisplayRole:
        return cell.text;
    case Qt::ToolTipRole:
        return cell.toolTip.isEmpty() ? QVariant() : QVariant(cell.toolTip);
    case Qt::DecorationRole:
        return cell.tone == StatusTone::None ? QVariant() : QVariant(StatusToneStyle::dot(cell.tone));
    case Qt::TextAlignmentRole:
        return cell.numeric ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                            : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::FontRole:
        if (row.emphasis == Emphasis::Strong) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (row.emphasis == Emphasis::Muted)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::BackgroundRole:
        if (row.emphasis == Emphasis::Strong) {
            // A light wash of the highlight colour: stands out without fighting selection.
            QColor wash = QApplication::palette().color(QPalette::Highlight);
            wash.setAlpha(48);
            return wash;
        }
        return {};
    case SortRole:
        return cell.sort.isValid() ? cell.sort : QVariant(cell.text);
    case KeyRole:
        return row.key;
    case MetricRole:
        return row.metric;
    default:
        return {};
    }
}

QVariant KeyedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_headers.at(section);
    if (role == Qt::ToolTipRole && section < m_headerToolTips.size() && !m_headerToolTips.at(section).isEmpty())
        return m_headerToolTips.at(section);
    return {};
}

QString KeyedTableModel::keyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

QString KeyedTableModel::metricAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).metric : QString();
}

int KeyedTableModel::rowOfKey(const QString &key) const
{
    return m_index.value(key, -1);
}

void KeyedTableModel::setRows(QList<Row> rows)
{
    // 0. Keys are unique: a repeated key keeps its first row.
    QSet<QString> freshKeys;
    freshKeys.reserve(rows.size());
    rows.removeIf([&freshKeys](const Row &row) {
        if (freshKeys.contains(row.key))
            return true;
        freshKeys.insert(row.key);
        return false;
    });

    // 1. Remove the rows whose key is gone, as contiguous ranges from the bottom up.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshKeys.contains(m_rows.at(last).key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshKeys.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    rebuildIndex();

    // 2. Walk the wanted order: update rows already in place, move rows that changed
    //    position, insert the new ones.
    for (int i = 0; i < rows.size(); ++i) {
        Row &fresh = rows[i];
        if (i < m_rows.size() && m_rows.at(i).key == fresh.key) {
            updateRow(i, std::move(fresh));
            continue;
        }
        const int existing = rowOfKey(fresh.key);
        if (existing > i) {
            beginMoveRows({}, existing, existing, {}, i);
            m_rows.move(existing, i);
            endMoveRows();
            rebuildIndex();
            updateRow(i, std::move(fresh));
            continue;
        }
        // Insert a run of consecutive new keys in one go.
        int end = i + 1;
        while (end < rows.size() && rowOfKey(rows.at(end).key) < 0)
            ++end;
        beginInsertRows({}, i, end - 1);
        for (int j = i; j < end; ++j)
            m_rows.insert(j, std::move(rows[j]));
        endInsertRows();
        rebuildIndex();
        i = end - 1;
    }
}

void KeyedTableModel::resetRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    QSet<QString> seen;
    m_rows.removeIf([&seen](const Row &row) {
        if (seen.contains(row.key))
            return true;
        seen.insert(row.key);
        return false;
    });
    rebuildIndex();
    endResetModel();
}

void KeyedTableModel::updateRow(int row, Row &&fresh)
{
    Row &current = m_rows[row];
    if (current == fresh)
        return;
    int first = -1;
    int last = -1;
    const int columns = int(m_headers.size());
    if (current.emphasis != fresh.emphasis || current.metric != fresh.metric) {
        first = 0;
        last = columns - 1;
    } else {
        for (int c = 0; c < columns; ++c) {
            const Cell a = c < current.cells.size() ? current.cells.at(c) : Cell();
            const Cell b = c < fresh.cells.size() ? fresh.cells.at(c) : Cell();
            if (a == b)
                continue;
            if (first < 0)
                first = c;
            last = c;
        }
    }
    current = std::move(fresh);
    if (first >= 0)
        Q_EMIT dataChanged(index(row, first), index(row, last));
}

void KeyedTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).key, i);
}

KeyedTableModel::Cell KeyedTableModel::text(const QString &text, const QString &toolTip)
{
    Cell cell;
    cell.text = text;
    cell.toolTip = toolTip;
    return cell;
}

KeyedTableModel::Cell KeyedTableModel::number(double value, const QString &toolTip)
{
    Cell cell;
    cell.text = DisplayFormat::number(value);
    cell.sort = value;
    cell.toolTip = toolTip;
    cell.numeric = true;
    return cell;
}

KeyedTableModel::Cell KeyedTableModel::state(const QString &state, const QString &toolTip)
{
    Cell cell;
    cell.text = state;
    cell.toolTip = toolTip;
    cell.tone = StatusToneStyle::ofState(state);
    return cell;
}

} // namespace Portolan::Console
