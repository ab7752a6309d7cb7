#pragma once

#include "scenario/runrecord.h"

#include <QAbstractTableModel>

namespace Portolan::Console {

// The failure stopwatch results of the run, one row per failing action: what broke, when,
// how long until the network noticed and until traffic flowed around it, and what was in
// flight, lost and resent. Rows update in place as the measurements arrive.
class StopwatchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Action, Target, Detection, Recovery, InFlight, Lost, Resent, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void update(int index, const Scenario::StopwatchRecord &record);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Scenario::StopwatchRecord> m_rows;
};

} // namespace Portolan::Console
