#pragma once

#include "console/canvas/linkitem.h"
#include "console/canvas/nodefollower.h"

#include <QGraphicsItem>
#include <QLineF>

namespace Portolan::Console {

class CanvasStyle;
class NodeItem;

// The thin line from an entity to the router it is attached to. It follows the router
// the entity's telemetry names, so a fail-over is seen as the line jumping to the backup
// router; dashed while the attachment is not up or either end is failed or gone.
class AttachmentItem : public QGraphicsItem, public NodeFollower
{
public:
    enum { Type = UserType + 3 };

    AttachmentItem(NodeItem *entity, NodeItem *router, CanvasStyle *style);
    int type() const override { return Type; }

    NodeItem *entity() const { return m_entity; }
    NodeItem *router() const { return m_router; }
    // Moves the line to another router (nullptr: attached to nothing we draw). Registers
    // with the routers' follower lists; the entity's registration is the scene's.
    void setRouter(NodeItem *router);
    LinkState linkState() const { return m_linkState; }
    void setLinkState(LinkState state);
    bool isDashed() const;
    void refresh() { update(); }

    void nodeMoved() override;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void adjust();

    CanvasStyle *m_style;
    NodeItem *m_entity;
    NodeItem *m_router = nullptr;
    LinkState m_linkState = LinkState::Unknown;
    QLineF m_line;
    QRectF m_bounds;
};

} // namespace Portolan::Console
