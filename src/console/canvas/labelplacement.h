#pragma once

#include "console/canvas/nodeitem.h"

#include <QList>

class QGraphicsItem;

namespace Portolan::Console {

// Where a node's label goes: the side (below, right, above, left) where it covers the
// least of the neighbouring nodes' icons, and then of their labels, so that a store drawn
// just under its edge router does not hide the router's label. Ties keep the usual place
// below, then right, above, left.
class LabelPlacement
{
public:
    static constexpr double Reach = 120;   // scene units: nodes farther away cannot collide

    // `near`: items around the node (anything; only visible nodes count).
    static NodeItem::LabelSide sideFor(const NodeItem &node, const QList<QGraphicsItem *> &near);
};

} // namespace Portolan::Console
