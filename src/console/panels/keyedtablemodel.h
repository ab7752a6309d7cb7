#pragma once

#include "console/panels/statustone.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QVariant>

namespace Portolan::Console {

// A table of rows that each have a stable key, refreshed by handing it the whole new
// list: rows whose key stays are updated in place (dataChanged on the cells that
// differ), new keys are inserted, vanished keys removed. Views keep their selection,
// current index and scroll position across refreshes, which a model reset would lose.
// The inspector's tables, the timeline and the routing-decision view are built on it.
class KeyedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles {
        SortRole = Qt::UserRole + 1,   // raw value for sorting (numbers sort as numbers)
        KeyRole,                       // the row's key
        MetricRole,                    // the chart series the row stands for, "" if none
    };

    struct Cell
    {
        QString text;
        QVariant sort;                 // invalid: sort by text
        QString toolTip;
        StatusTone tone = StatusTone::None;   // a coloured dot before the text
        bool numeric = false;          // right-aligned
        friend bool operator==(const Cell &, const Cell &) = default;
    };

    enum class Emphasis { Normal, Strong, Muted };

    struct Row
    {
        QString key;
        QList<Cell> cells;
        QString metric;
        Emphasis emphasis = Emphasis::Normal;
        friend bool operator==(const Row &, const Row &) = default;
    };

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString keyAt(int row) const;
    QString metricAt(int row) const;
    int rowOfKey(const QString &key) const;   // -1 when absent
    const Row &rowAt(int row) const { return m_rows.at(row); }
    QStringList headers() const { return m_headers; }

    // Makes the table show exactly these rows, in this order, with as few and as small
    // change signals as possible. Keys must be unique.
    void setRows(QList<Row> rows);
    // Replaces every row with a model reset: for a new subject (another scenario), where
    // keeping a selection would be wrong.
    void resetRows(QList<Row> rows);

    static Cell text(const QString &text, const QString &toolTip = {});
    static Cell number(double value, const QString &toolTip = {});
    static Cell state(const QString &state, const QString &toolTip = {});

protected:
    KeyedTableModel(const QStringList &headers, const QStringList &headerToolTips, QObject *parent);

private:
    void updateRow(int row, Row &&fresh);
    void rebuildIndex();

    QStringList m_headers;
    QStringList m_headerToolTips;
    QList<Row> m_rows;
    QHash<QString, int> m_index;   // key -> row
};

} // namespace Portolan::Console
