#pragma once

#include <QAbstractItemModel>
#include <QColor>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <memory>
#include <vector>

namespace Portolan::Console {

class TimeSeriesStore;

// What can be charted, as a tree: each node, and under it each metric the store holds
// for it, with a check box that says whether the chart shows it. Grows as the store sees
// new series. Ticking a box does not change the model itself: it emits toggled, and the
// charts (the owner of what is shown) answer with setShown.
class SeriesCatalogModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Roles { NodeRole = Qt::UserRole + 1, MetricRole };

    explicit SeriesCatalogModel(TimeSeriesStore *store, QObject *parent = nullptr);
    ~SeriesCatalogModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // color: the series' colour on the chart, shown as a swatch so the tree doubles as a
    // legend when the chart is too narrow for one.
    void setShown(const QString &node, const QString &metric, bool shown, const QColor &color = {});
    bool isShown(const QString &node, const QString &metric) const;
    QModelIndex indexOf(const QString &node, const QString &metric = {}) const;

Q_SIGNALS:
    void toggled(const QString &node, const QString &metric, bool shown);

private:
    struct NodeEntry
    {
        QString node;
        QStringList metrics;   // sorted
        int row = 0;           // its row, renumbered when nodes come and go
    };

    void addSeries(const QString &node, const QString &metric);
    void removeNode(const QString &node);
    void reset();
    void renumber();
    int rowOfNode(const QString &node) const;
    const NodeEntry *entryOf(const QModelIndex &index) const;   // the parent node entry of a metric index

    TimeSeriesStore *m_store;
    // Stable entries (metric indexes point at their node's entry), in display order.
    std::vector<std::unique_ptr<NodeEntry>> m_nodes;
    QHash<QString, QColor> m_shown;   // SeriesNaming::key -> colour on the chart
};

} // namespace Portolan::Console
