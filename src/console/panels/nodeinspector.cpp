#include "console/panels/nodeinspector.h"

#include "console/panels/actionglyph.h"
#include "console/panels/addressesmodel.h"
#include "console/panels/displayformat.h"
#include "console/panels/linksmodel.h"
#include "console/panels/nodeglyph.h"
#include "console/panels/overviewmodel.h"
#include "console/panels/pilllabel.h"
#include "console/panels/roledatamodel.h"
#include "console/panels/routesmodel.h"
#include "console/panels/seriesnaming.h"
#include "console/panels/tablestyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr int EmptyPage = 0;
constexpr int NodePage = 1;

} // namespace

NodeInspector::NodeInspector(QWidget *parent)
    : QWidget(parent)
    , m_overview(new OverviewModel(this))
    , m_addresses(new AddressesModel(this))
    , m_links(new LinksModel(this))
    , m_data(new RoleDataModel(this))
    , m_routes(new RoutesModel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Click a node on the map to inspect it."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    empty->setMargin(16);
    m_stack->addWidget(empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    auto *header = new QHBoxLayout;
    header->setSpacing(10);
    m_glyph = new QLabel(page);
    m_glyph->setFixedSize(36, 36);
    header->addWidget(m_glyph);
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(page);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    names->addWidget(m_title);
    names->addWidget(m_subtitle);
    header->addLayout(names, 1);
    m_statePill = new PillLabel(page);
    header->addWidget(m_statePill, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_tabs = new QTabWidget(page);
    m_tabs->setDocumentMode(true);
    m_chartButton = new QToolButton(m_tabs);
    m_chartButton->setObjectName(u"chartButton"_s);
    m_chartButton->setIcon(ActionGlyph::chart());
    m_chartButton->setText(tr("Chart"));
    m_chartButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_chartButton->setAutoRaise(true);
    m_chartButton->setToolTip(tr("Chart the selected row's value over time (or double-click the row)"));
    m_chartButton->setEnabled(false);
    m_tabs->setCornerWidget(m_chartButton, Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(page);

    addTable(m_overview, tr("Overview"), false, true);
    addTable(m_addresses, tr("Addresses"), true, false);
    addTable(m_links, tr("Links"), true, false);
    addTable(m_data, tr("Data"), true, true);
    addTable(m_routes, tr("Routes"), true, false);

    connect(m_tabs, &QTabWidget::currentChanged, this, &NodeInspector::updateChartButton);
    connect(m_chartButton, &QToolButton::clicked, this, [this] {
        const int tab = m_tabs->currentIndex();
        if (tab >= 0 && tab < m_views.size())
            requestChart(m_views.at(tab)->currentIndex());
    });
    clear();
}

NodeInspector::~NodeInspector() = default;

void NodeInspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    if (auto *empty = qobject_cast<QLabel *>(m_stack->widget(0)))
        empty->setText(tr("Click a node on the map to inspect it."));
    m_chartButton->setText(tr("Chart"));
    // The tabs in the order the constructor added them.
    const QStringList titles{tr("Overview"), tr("Addresses"), tr("Links"), tr("Data"), tr("Routes")};
    for (int i = 0; i < titles.size() && i < m_tabs->count(); ++i)
        m_tabs->setTabText(i, titles.at(i));
    for (TelemetryTableModel *model : {static_cast<TelemetryTableModel *>(m_overview), static_cast<TelemetryTableModel *>(m_addresses),
                                       static_cast<TelemetryTableModel *>(m_links), static_cast<TelemetryTableModel *>(m_data),
                                       static_cast<TelemetryTableModel *>(m_routes)}) {
        if (const int columns = model->columnCount(); columns > 0)
            Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    }
    updateChartButton();
}

QTableView *NodeInspector::addTable(TelemetryTableModel *model, const QString &title, bool sortable, bool stretchLast)
{
    auto *view = new QTableView(m_tabs);
    TableStyle::apply(view, stretchLast ? TableStyle::LastColumn::Stretch : TableStyle::LastColumn::Fixed);
    if (sortable) {
        auto *proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(KeyedTableModel::SortRole);
        proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
        view->setModel(proxy);
        view->setSortingEnabled(true);
        view->sortByColumn(0, Qt::AscendingOrder);
    } else {
        view->setModel(model);
    }
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QTableView::doubleClicked, this, &NodeInspector::requestChart);
    connect(view, &QTableView::customContextMenuRequested, this,
            [this, view](const QPoint &pos) { showContextMenu(view, pos); });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &NodeInspector::updateChartButton);
    m_tabs->addTab(view, title);
    m_views.append(view);
    m_models.append(model);
    return view;
}

void NodeInspector::showNode(const QString &id, const QString &roleOrKind, const QJsonObject &telemetry)
{
    const bool switching = id != m_node;
    m_node = id;
    m_roleOrKind = roleOrKind;
    m_overview->setIdentity(id, roleOrKind);
    if (switching) {
        for (QTableView *view : std::as_const(m_views))
            view->clearSelection();
    }
    applyTelemetry(telemetry);
    const bool router = TelemetryTableModel::isRouter(telemetry, roleOrKind);
    const int dataTab = int(m_models.indexOf(m_data));
    const int routesTab = int(m_models.indexOf(m_routes));
    m_tabs->setTabVisible(dataTab, !router);
    m_tabs->setTabVisible(routesTab, router);
    if (!m_tabs->isTabVisible(m_tabs->currentIndex()))
        m_tabs->setCurrentIndex(0);
    // Routers have no subscriptions: their address table is queues only.
    QTableView *addresses = m_views.at(m_models.indexOf(m_addresses));
    for (const int column : {AddressesModel::SubscribedColumn, AddressesModel::GroupColumn, AddressesModel::CapacityColumn})
        addresses->setColumnHidden(column, router);
    if (switching) {
        for (QTableView *view : std::as_const(m_views)) {
            TableStyle::fitColumns(view);
            view->scrollToTop();
        }
    }
    m_stack->setCurrentIndex(NodePage);
    updateChartButton();
}

void NodeInspector::updateTelemetry(const QJsonObject &telemetry)
{
    if (m_node.isEmpty())
        return;
    applyTelemetry(telemetry);
}

void NodeInspector::clear()
{
    m_node.clear();
    m_roleOrKind.clear();
    for (TelemetryTableModel *model : std::as_const(m_models)) {
        if (model != m_overview)
            model->setTelemetry({});
    }
    m_overview->setIdentity({}, {});
    m_overview->setRows({});
    m_stack->setCurrentIndex(EmptyPage);
    updateChartButton();
}

void NodeInspector::applyTelemetry(const QJsonObject &telemetry)
{
    for (TelemetryTableModel *model : std::as_const(m_models))
        model->setTelemetry(telemetry);
    updateHeader(telemetry);
}

void NodeInspector::updateHeader(const QJsonObject &t)
{
    const QString role = t.value("role"_L1).toString(m_roleOrKind);
    if (role != m_glyphRole || m_glyph->pixmap().isNull()) {
        m_glyphRole = role;
        const int side = m_glyph->width();
        m_glyph->setPixmap(NodeGlyph::icon(role).pixmap(QSize(side, side), devicePixelRatioF()));
    }
    m_title->setText(m_node);
    QStringList facts;
    if (!role.isEmpty())
        facts.append(role);
    const QString kind = t.value("kind"_L1).toString();
    if (!kind.isEmpty() && kind != role)
        facts.append(kind);
    if (t.contains("version"_L1))
        facts.append(tr("version %1").arg(t.value("version"_L1).toString()));
    if (t.contains("uptimeMs"_L1))
        facts.append(tr("up %1").arg(DisplayFormat::duration(qint64(t.value("uptimeMs"_L1).toDouble()))));
    m_subtitle->setText(facts.join(u"  ·  "_s));

    const QString state = t.isEmpty() ? tr("no telemetry") : t.value("state"_L1).toString();
    const StatusTone tone = t.isEmpty() ? StatusTone::Neutral : StatusToneStyle::ofState(state);
    m_statePill->setPill(state, tone);
}

void NodeInspector::updateChartButton()
{
    const int tab = m_tabs->currentIndex();
    bool chartable = false;
    QString metric;
    if (!m_node.isEmpty() && tab >= 0 && tab < m_views.size()) {
        const QModelIndex current = m_views.at(tab)->currentIndex();
        metric = current.data(KeyedTableModel::MetricRole).toString();
        chartable = current.isValid() && !metric.isEmpty();
    }
    m_chartButton->setEnabled(chartable);
    m_chartButton->setToolTip(chartable ? tr("Chart %1 of %2").arg(SeriesNaming::label(metric), m_node)
                                        : tr("Select a row with a number to chart it (or double-click the row)"));
}

void NodeInspector::requestChart(const QModelIndex &index)
{
    const QString metric = index.data(KeyedTableModel::MetricRole).toString();
    if (!index.isValid() || metric.isEmpty() || m_node.isEmpty())
        return;
    Q_EMIT chartRequested(m_node, metric);
}

void NodeInspector::showContextMenu(QTableView *view, const QPoint &pos)
{
    const QModelIndex index = view->indexAt(pos);
    const QString metric = index.data(KeyedTableModel::MetricRole).toString();
    if (!index.isValid() || metric.isEmpty())
        return;
    QMenu menu(this);
    QAction *chart = menu.addAction(ActionGlyph::chart(), tr("Chart “%1”").arg(SeriesNaming::label(metric)));
    const QPersistentModelIndex row(index);   // telemetry may move rows while the menu is open
    connect(chart, &QAction::triggered, this, [this, row] { requestChart(row); });
    menu.exec(view->viewport()->mapToGlobal(pos));
}

} // namespace Portolan::Console
