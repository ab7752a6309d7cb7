#include "console/panels/seriescatalogmodel.h"

#include "console/panels/seriesnaming.h"
#include "console/panels/timeseriesstore.h"

#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace Portolan::Console {

namespace {

// A short thick line in the series' colour, like a legend marker.
QIcon swatch(const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(2.5, 8), QPointF(13.5, 8));
    p.end();
    return QIcon(pixmap);
}

bool nodeLess(const QString &a, const QString &b)
{
    if (a.isEmpty() != b.isEmpty())
        return a.isEmpty();   // the mesh-wide series first
    return QString::compare(a, b, Qt::CaseInsensitive) < 0;
}

} // namespace

SeriesCatalogModel::SeriesCatalogModel(TimeSeriesStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
    connect(store, &TimeSeriesStore::seriesAdded, this, &SeriesCatalogModel::addSeries);
    connect(store, &TimeSeriesStore::nodeRemoved, this, &SeriesCatalogModel::removeNode);
    connect(store, &TimeSeriesStore::cleared, this, &SeriesCatalogModel::reset);
    reset();
}

SeriesCatalogModel::~SeriesCatalogModel() = default;

void SeriesCatalogModel::reset()
{
    beginResetModel();
    m_nodes.clear();
    for (const QString &node : m_store->nodes()) {
        auto entry = std::make_unique<NodeEntry>();
        entry->node = node;
        entry->metrics = m_store->metrics(node);
        m_nodes.push_back(std::move(entry));
    }
    renumber();
    endResetModel();
}

void SeriesCatalogModel::renumber()
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        m_nodes[i]->row = int(i);
}

int SeriesCatalogModel::rowOfNode(const QString &node) const
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i]->node == node)
            return int(i);
    }
    return -1;
}

void SeriesCatalogModel::addSeries(const QString &node, const QString &metric)
{
    int row = rowOfNode(node);
    if (row < 0) {
        auto at = std::lower_bound(m_nodes.begin(), m_nodes.end(), node,
                                   [](const std::unique_ptr<NodeEntry> &e, const QString &n) { return nodeLess(e->node, n); });
        row = int(at - m_nodes.begin());
        beginInsertRows({}, row, row);
        auto entry = std::make_unique<NodeEntry>();
        entry->node = node;
        entry->metrics = {metric};
        m_nodes.insert(at, std::move(entry));
        renumber();
        endInsertRows();
        return;
    }
    NodeEntry &entry = *m_nodes[std::size_t(row)];
    auto at = std::lower_bound(entry.metrics.begin(), entry.metrics.end(), metric);
    if (at != entry.metrics.end() && *at == metric)
        return;
    const int metricRow = int(at - entry.metrics.begin());
    beginInsertRows(index(row, 0), metricRow, metricRow);
    entry.metrics.insert(metricRow, metric);
    endInsertRows();
}

void SeriesCatalogModel::removeNode(const QString &node)
{
    const int row = rowOfNode(node);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_nodes.erase(m_nodes.begin() + row);
    renumber();
    endRemoveRows();
}

const SeriesCatalogModel::NodeEntry *SeriesCatalogModel::entryOf(const QModelIndex &index) const
{
    return static_cast<const NodeEntry *>(index.internalPointer());
}

QModelIndex SeriesCatalogModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_nodes.size()) ? createIndex(row, 0, nullptr) : QModelIndex();
    if (entryOf(parent) || parent.row() >= int(m_nodes.size()))
        return {};   // metrics have no children
    const NodeEntry *entry = m_nodes[std::size_t(parent.row())].get();
    return row < entry->metrics.size() ? createIndex(row, 0, entry) : QModelIndex();
}

QModelIndex SeriesCatalogModel::parent(const QModelIndex &child) const
{
    const NodeEntry *entry = child.isValid() ? entryOf(child) : nullptr;
    return entry ? createIndex(entry->row, 0, nullptr) : QModelIndex();
}

int SeriesCatalogModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.column() != 0 || entryOf(parent) || parent.row() >= int(m_nodes.size()))
        return 0;
    return int(m_nodes[std::size_t(parent.row())]->metrics.size());
}

int SeriesCatalogModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant SeriesCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const NodeEntry *parentEntry = entryOf(index);
    if (!parentEntry) {
        const NodeEntry &entry = *m_nodes[std::size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return SeriesNaming::nodeLabel(entry.node);
        case Qt::ToolTipRole:
            return entry.node.isEmpty() ? tr("Series of the whole mesh (delivery latency)")
                                        : tr("%1 chartable series").arg(entry.metrics.size());
        case Qt::FontRole: {
            // Bold when something of this node is on the chart, so it is easy to find.
            const bool any = std::any_of(entry.metrics.cbegin(), entry.metrics.cend(), [&](const QString &m) {
                return m_shown.contains(SeriesNaming::key(entry.node, m));
            });
            if (!any)
                return {};
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        case NodeRole:
            return entry.node;
        default:
            return {};
        }
    }
    const QString &metric = parentEntry->metrics.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return SeriesNaming::label(metric);
    case Qt::ToolTipRole:
        return metric;
    case Qt::CheckStateRole:
        return m_shown.contains(SeriesNaming::key(parentEntry->node, metric)) ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole: {
        const QColor color = m_shown.value(SeriesNaming::key(parentEntry->node, metric));
        return color.isValid() ? QVariant(swatch(color)) : QVariant();
    }
    case NodeRole:
        return parentEntry->node;
    case MetricRole:
        return metric;
    default:
        return {};
    }
}

bool SeriesCatalogModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || !entryOf(index))
        return false;
    const NodeEntry *entry = entryOf(index);
    const bool on = value.value<Qt::CheckState>() == Qt::Checked;
    Q_EMIT toggled(entry->node, entry->metrics.at(index.row()), on);
    return true;
}

Qt::ItemFlags SeriesCatalogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (entryOf(index))
        f |= Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
    return f;
}

void SeriesCatalogModel::setShown(const QString &node, const QString &metric, bool shown, const QColor &color)
{
    const QString key = SeriesNaming::key(node, metric);
    if (shown == m_shown.contains(key) && (!shown || m_shown.value(key) == color))
        return;
    if (shown)
        m_shown.insert(key, color);
    else
        m_shown.remove(key);
    const QModelIndex item = indexOf(node, metric);
    if (item.isValid()) {
        Q_EMIT dataChanged(item, item, {Qt::CheckStateRole, Qt::DecorationRole});
        const QModelIndex nodeItem = item.parent();
        Q_EMIT dataChanged(nodeItem, nodeItem, {Qt::FontRole});
    }
}

bool SeriesCatalogModel::isShown(const QString &node, const QString &metric) const
{
    return m_shown.contains(SeriesNaming::key(node, metric));
}

QModelIndex SeriesCatalogModel::indexOf(const QString &node, const QString &metric) const
{
    const int row = rowOfNode(node);
    if (row < 0)
        return {};
    const QModelIndex nodeIndex = index(row, 0);
    if (metric.isEmpty())
        return nodeIndex;
    const QStringList &metrics = m_nodes[std::size_t(row)]->metrics;
    auto at = std::lower_bound(metrics.cbegin(), metrics.cend(), metric);
    if (at == metrics.cend() || *at != metric)
        return {};
    return index(int(at - metrics.cbegin()), 0, nodeIndex);
}

} // namespace Portolan::Console
