#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace Portolan::Console {

class AddressesModel;
class LinksModel;
class OverviewModel;
class PillLabel;
class RoleDataModel;
class RoutesModel;
class TelemetryTableModel;

// The inspector dock's content: the selected node's identity and state on top, and its
// telemetry as live tables below (Overview, Addresses, Links, and Data for entities or
// Routes for routers). New snapshots update the tables in place, so a selected row or a
// scroll position survives 10 updates a second. Any row that stands for a chartable
// series can be sent to the charts (double-click, context menu, or the Chart button).
class NodeInspector : public QWidget
{
    Q_OBJECT
public:
    explicit NodeInspector(QWidget *parent = nullptr);
    ~NodeInspector() override;

    // Switches to another node.
    void showNode(const QString &id, const QString &roleOrKind, const QJsonObject &telemetry);
    // A new snapshot of the node shown.
    void updateTelemetry(const QJsonObject &telemetry);
    void clear();

    QString currentNode() const { return m_node; }
    OverviewModel *overviewModel() const { return m_overview; }
    AddressesModel *addressesModel() const { return m_addresses; }
    LinksModel *linksModel() const { return m_links; }
    RoleDataModel *roleDataModel() const { return m_data; }
    RoutesModel *routesModel() const { return m_routes; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    // The user picked a series from a table row, e.g. ("r1", "queues./store/3").
    void chartRequested(const QString &node, const QString &metric);

protected:
    void changeEvent(QEvent *event) override;

private:
    QTableView *addTable(TelemetryTableModel *model, const QString &title, bool sortable, bool stretchLast);
    void applyTelemetry(const QJsonObject &telemetry);
    void updateHeader(const QJsonObject &telemetry);
    void updateChartButton();
    void requestChart(const QModelIndex &index);
    void showContextMenu(QTableView *view, const QPoint &pos);

    QString m_node;
    QString m_roleOrKind;
    QString m_glyphRole;   // the role the header picture was drawn for
    QStackedWidget *m_stack = nullptr;
    QLabel *m_glyph = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    PillLabel *m_statePill = nullptr;
    QTabWidget *m_tabs = nullptr;
    QToolButton *m_chartButton = nullptr;
    OverviewModel *m_overview = nullptr;
    AddressesModel *m_addresses = nullptr;
    LinksModel *m_links = nullptr;
    RoleDataModel *m_data = nullptr;
    RoutesModel *m_routes = nullptr;
    QList<QTableView *> m_views;
    QList<TelemetryTableModel *> m_models;
};

} // namespace Portolan::Console
