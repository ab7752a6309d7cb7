#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>
#include <QPointF>
#include <QString>

#include <optional>

namespace Portolan::Console {

// Decides how a node dragged from the palette joins the network: an entity attaches to
// the router it was dropped on (or that router's entity's router), else to the nearest
// router; an edge router takes uplinks to the two nearest interior routers, so it can
// fail over; an interior router links to the interior router it was dropped on and the
// nearest other ones. The result is the "add-node" action's arguments.
class DropPlanner
{
public:
    // item: the palette's {kind, role, label, params}; newId: a free node id.
    static std::optional<QJsonObject> plan(const QJsonObject &item, const QPointF &position, const QString &target,
                                           const Scenario::Scenario &scenario, const QString &newId, QString *error);
    // The id stem for an item: its role for entities, "edge" or "core" for routers.
    static QString idStem(const QJsonObject &item);
};

} // namespace Portolan::Console
