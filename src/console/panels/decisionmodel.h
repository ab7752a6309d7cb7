#pragma once

#include "console/panels/keyedtablemodel.h"

#include <QJsonObject>

namespace Portolan::Console {

// The candidates of a routing decision (the `explain` result, docs/protocol.md 2.9) as a
// table: consumer, group, router, path, path cost, outstanding work, capacity, score and
// the router's note. The chosen candidates are emphasised; unreachable ones greyed.
class DecisionModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column {
        ConsumerColumn, GroupColumn, RouterColumn, PathColumn, PathCostColumn, OutstandingColumn,
        CapacityColumn, ScoreColumn, NoteColumn, ColumnCount
    };

    explicit DecisionModel(QObject *parent = nullptr);

    void setResult(const QJsonObject &explainResult);
    QList<int> chosenRows() const;
    bool hasGroups() const { return m_hasGroups; }

private:
    bool m_hasGroups = false;
};

} // namespace Portolan::Console
