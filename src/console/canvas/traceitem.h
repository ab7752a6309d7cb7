#pragma once

#include "console/canvas/nodefollower.h"

#include <QGraphicsItem>
#include <QList>
#include <QStaticText>

namespace Portolan::Console {

class CanvasStyle;
class NodeItem;

// A traced request drawn over the canvas: the path as a glowing line with arrows (the
// Path layer, under the nodes) and a numbered mark with the hop's time at every hop (the
// Marks layer, over the nodes). Hops appear one by one as the scene reveals them.
// Marks keep a constant size on screen when zoomed out, like pins on a map.
class TraceItem : public QGraphicsItem, public NodeFollower
{
public:
    enum { Type = UserType + 4 };
    enum class Layer { Path, Marks };

    struct Hop
    {
        NodeItem *anchor = nullptr;   // the node drawn for the hop (a collapsed device's router)
        QString timing;               // "0 ms", "+12 ms", or empty
    };

    TraceItem(Layer layer, CanvasStyle *style);
    int type() const override { return Type; }

    void setHops(const QList<Hop> &hops);
    const QList<Hop> &hops() const { return m_hops; }
    void setRevealed(int count);
    int revealed() const { return m_revealed; }

    void nodeMoved() override;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Mark
    {
        QStaticText number;
        QStaticText timing;
        double numberWidth = 0;
        double timingWidth = 0;
        int stack = 0;   // how many earlier marks sit on the same node
    };

    void adjust();
    void paintPath(QPainter *painter, double lod) const;
    void paintMarks(QPainter *painter, double lod) const;

    Layer m_layer;
    CanvasStyle *m_style;
    QList<Hop> m_hops;
    QList<Mark> m_marks;
    int m_revealed = 0;
    QRectF m_bounds;
};

} // namespace Portolan::Console
