#pragma once

#include <QColor>
#include <QIcon>
#include <QRectF>
#include <QString>

class QPainter;

namespace Portolan::Console {

// The small pictures that stand for a node's role in the palette and the inspector: a
// rounded tile in the role's colour with a white symbol (router arrows, a shop with an
// awning, a factory roof, a truck, a gear, a lightning bolt for traffic). Drawn with
// QPainter at whatever size is asked, so they stay sharp at any scale.
class NodeGlyph
{
public:
    // Role names as in scenarios ("store", "factory", ...) or node kinds ("interior",
    // "edge", "router"); anything else gets a plain round symbol.
    static QColor color(const QString &role);
    static void paint(QPainter *painter, const QRectF &rect, const QString &role, bool enabled = true);
    static QIcon icon(const QString &role);
};

} // namespace Portolan::Console
