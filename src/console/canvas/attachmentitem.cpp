#include "console/canvas/attachmentitem.h"

#include "console/canvas/canvasstyle.h"
#include "console/canvas/nodeitem.h"

#include <QPainter>

#include <algorithm>

namespace Portolan::Console {

AttachmentItem::AttachmentItem(NodeItem *entity, NodeItem *router, CanvasStyle *style)
    : m_style(style)
    , m_entity(entity)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(0);
    setRouter(router);
}

void AttachmentItem::setRouter(NodeItem *router)
{
    if (m_router == router)
        return;
    if (m_router)
        m_router->removeFollower(this);
    m_router = router;
    if (m_router)
        m_router->addFollower(this);
    adjust();
}

void AttachmentItem::setLinkState(LinkState state)
{
    if (m_linkState == state)
        return;
    m_linkState = state;
    update();
}

bool AttachmentItem::isDashed() const
{
    if (!m_router)
        return true;
    if (m_entity->isUnreachable() || m_router->isUnreachable())
        return true;
    return m_linkState == LinkState::Down || m_linkState == LinkState::Cut;
}

void AttachmentItem::nodeMoved()
{
    adjust();
}

void AttachmentItem::adjust()
{
    prepareGeometryChange();
    m_line = m_router ? QLineF(m_entity->pos(), m_router->pos()) : QLineF();
    m_bounds = m_router ? QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-3, -3, 3, 3) : QRectF();
}

QRectF AttachmentItem::boundingRect() const
{
    return m_bounds;
}

void AttachmentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_router)
        return;
    const double lod = CanvasStyle::levelOfDetail(painter);
    // Zoomed out, an entity sits on its router: nothing of the line would show between the
    // two icons, so drawing it is skipped (hundreds of lines on a big network).
    const double gap = m_line.length() - (m_entity->iconSize() + m_router->iconSize()) / 2;
    if (gap * lod < 2)
        return;
    QColor color = m_style->attachment();
    if (m_style->traceActive)
        color.setAlpha(color.alpha() / 3);
    // Thin: 1.2 units, and at least a little over a device pixel (see LinkItem::paint).
    QPen pen(color, std::max(1.2, 1.05 / lod), Qt::SolidLine, Qt::FlatCap);
    if (isDashed())
        pen.setDashPattern({3.0, 3.0});
    painter->setPen(pen);
    painter->drawLine(m_line);
}

} // namespace Portolan::Console
