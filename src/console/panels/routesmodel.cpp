#include "console/panels/routesmodel.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

RoutesModel::RoutesModel(QObject *parent)
    : TelemetryTableModel({tr("Destination"), tr("Next hop"), tr("Cost")},
                          {tr("A router this router can reach"), tr("The neighbour it sends through"),
                           tr("Total link cost of the shortest path")},
                          parent)
{
}

void RoutesModel::setTelemetry(const QJsonObject &t)
{
    const QJsonObject routes = t.value("routes"_L1).toObject();
    QList<Row> rows;
    rows.reserve(routes.size());
    for (auto it = routes.begin(); it != routes.end(); ++it) {
        const QJsonObject r = it.value().toObject();
        const QString nextHop = r.value("nextHop"_L1).toString();
        const double cost = r.value("cost"_L1).toDouble(-1);
        Row row;
        row.key = it.key();
        const bool reachable = !nextHop.isEmpty() && cost >= 0;
        row.emphasis = reachable ? Emphasis::Normal : Emphasis::Muted;
        Cell costCell = reachable ? number(cost) : text(tr("unreachable"));
        costCell.numeric = true;
        if (!reachable)
            costCell.sort = std::numeric_limits<double>::max();
        row.cells = {text(it.key()), text(reachable ? nextHop : QString()), costCell};
        rows.append(std::move(row));
    }
    setRows(std::move(rows));
}

} // namespace Portolan::Console
