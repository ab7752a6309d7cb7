#include "console/canvas/labelplacement.h"

#include <array>
#include <cmath>

namespace Portolan::Console {

NodeItem::LabelSide LabelPlacement::sideFor(const NodeItem &node, const QList<QGraphicsItem *> &near)
{
    // Overlap areas: covering an icon costs much more than covering a label.
    constexpr double IconWeight = 4;
    constexpr double LabelWeight = 1;
    constexpr std::array<NodeItem::LabelSide, 4> Sides{NodeItem::LabelSide::Below, NodeItem::LabelSide::Right,
                                                       NodeItem::LabelSide::Above, NodeItem::LabelSide::Left};
    std::array<QRectF, 4> candidates;
    for (std::size_t i = 0; i < Sides.size(); ++i)
        candidates[i] = node.labelRectOn(Sides[i]).translated(node.pos());
    std::array<double, 4> cost{};

    const auto area = [](const QRectF &a, const QRectF &b) {
        const QRectF overlap = a & b;
        return overlap.isEmpty() ? 0.0 : overlap.width() * overlap.height();
    };
    for (QGraphicsItem *item : near) {
        const auto *other = qgraphicsitem_cast<const NodeItem *>(item);
        if (!other || other == &node || !other->isVisible())
            continue;
        const QPointF d = other->pos() - node.pos();
        if (std::hypot(d.x(), d.y()) > Reach)
            continue;
        const QRectF icon = other->iconRect().translated(other->pos());
        const QRectF label = other->labelRect().translated(other->pos());
        for (std::size_t i = 0; i < Sides.size(); ++i)
            cost[i] += IconWeight * area(candidates[i], icon) + LabelWeight * area(candidates[i], label);
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < cost.size(); ++i) {
        if (cost[i] < cost[best])
            best = i;
    }
    return Sides[best];
}

} // namespace Portolan::Console
