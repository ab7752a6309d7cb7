#include "console/canvas/nodeitem.h"

#include "console/canvas/canvasstyle.h"
#include "console/canvas/nodefollower.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

double iconSizeFor(NodeIconLibrary::Icon icon)
{
    switch (icon) {
    case NodeIconLibrary::Icon::InteriorRouter:
        return 40;
    case NodeIconLibrary::Icon::EdgeRouter:
        return 30;
    default:
        return 28;
    }
}

// The colour a node is drawn in when it is too small on screen for its icon.
QColor dotColorFor(NodeIconLibrary::Icon icon)
{
    switch (icon) {
    case NodeIconLibrary::Icon::InteriorRouter:
        return QColor(0x2c, 0x3e, 0x50);
    case NodeIconLibrary::Icon::EdgeRouter:
        return QColor(0x16, 0xa0, 0x85);
    case NodeIconLibrary::Icon::Store:
        return QColor(0xc0, 0x39, 0x2b);
    case NodeIconLibrary::Icon::Factory:
        return QColor(0xd3, 0x54, 0x00);
    case NodeIconLibrary::Icon::Truck:
        return QColor(0xb7, 0x95, 0x0b);
    case NodeIconLibrary::Icon::Worker:
        return QColor(0x7d, 0x3c, 0x98);
    case NodeIconLibrary::Icon::Generator:
        return QColor(0x1e, 0x84, 0x49);
    case NodeIconLibrary::Icon::Device:
        return QColor(0x2e, 0x40, 0x53);
    }
    return Qt::gray;
}

QString badgeNumber(qint64 n)
{
    if (n < 1000)
        return QString::number(n);
    if (n < 10000)
        return QString::number(double(n) / 1000.0, 'f', 1) + u'k';
    return QString::number(std::min<qint64>(n / 1000, 999)) + u'k';
}

constexpr double LabelGap = 3;

} // namespace

NodeItem::NodeItem(const CanvasNode &node, CanvasStyle *style)
    : m_style(style)
    , m_id(node.id)
    , m_kind(node.kind)
    , m_role(node.role)
    , m_routers(node.routers)
    , m_provider(node.provider)
    , m_icon(NodeIconLibrary::iconFor(node.kind, node.role))
    , m_iconSize(iconSizeFor(m_icon))
    , m_dotColor(dotColorFor(m_icon))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setZValue(isTruck() ? 4 : 3);
    setPos(node.position);
    m_currentRouter = m_routers.value(0);
    setLabel(node.label);
}

bool NodeItem::isCollapsible() const
{
    return isEntity() && m_icon != NodeIconLibrary::Icon::Store && m_icon != NodeIconLibrary::Icon::Factory
           && m_icon != NodeIconLibrary::Icon::Truck;
}

void NodeItem::setLabel(const QString &label)
{
    m_label = label;
    m_idSize = QSizeF(QFontMetricsF(m_style->labelFont()).horizontalAdvance(m_id),
                      QFontMetricsF(m_style->labelFont()).height());
    const bool hasSub = !label.isEmpty() && label != m_id;
    m_labelPixmap = QPixmap();
    m_subSize = hasSub ? QSizeF(QFontMetricsF(m_style->subLabelFont()).horizontalAdvance(label),
                                QFontMetricsF(m_style->subLabelFont()).height())
                       : QSizeF();
    updateGeometry();
}

void NodeItem::setProviderColor(const QColor &color)
{
    if (m_providerColor == color)
        return;
    m_providerColor = color;
    if (isRouter() && color.isValid())
        m_dotColor = color.darker(115);
    update();
}

void NodeItem::setStatus(NodeStatus status)
{
    if (m_status == status)
        return;
    m_status = status;
    update();
}

void NodeItem::setQueueBadge(qint64 depth)
{
    depth = std::max<qint64>(0, depth);
    if (m_queue == depth)
        return;
    m_queue = depth;
    m_queueText = badgeNumber(depth);
    update();
}

void NodeItem::setCollapsedDevices(int count, bool anyFailed)
{
    if (m_collapsedCount == count && m_collapsedFailed == anyFailed)
        return;
    if (m_collapsedCount != count)
        m_collapsedText = u"+%1"_s.arg(count);
    m_collapsedCount = count;
    m_collapsedFailed = anyFailed;
    update();
}

void NodeItem::setDropTarget(bool target)
{
    if (m_dropTarget == target)
        return;
    m_dropTarget = target;
    update();
}

void NodeItem::setOnTrace(bool onTrace)
{
    if (m_onTrace == onTrace)
        return;
    m_onTrace = onTrace;
    update();
}

bool NodeItem::stagePending(const QJsonObject &telemetry)
{
    m_pending = telemetry;
    const bool wasDirty = m_pendingDirty;
    m_pendingDirty = true;
    return !wasDirty;
}

QJsonObject NodeItem::takePending()
{
    m_pendingDirty = false;
    return std::exchange(m_pending, QJsonObject());
}

void NodeItem::addFollower(NodeFollower *follower)
{
    if (!m_followers.contains(follower))
        m_followers.append(follower);
}

void NodeItem::removeFollower(NodeFollower *follower)
{
    m_followers.removeAll(follower);
}

void NodeItem::setLinkTo(const QString &peer, LinkItem *link)
{
    m_links.insert(peer, link);
}

void NodeItem::glideTo(const QPointF &target, qint64 nowMs)
{
    const QPointF from = pos();
    const qint64 interval = m_lastTargetMs < 0 ? 250 : nowMs - m_lastTargetMs;
    m_lastTargetMs = nowMs;
    if (!m_gliding && from == target)
        return;
    m_glideFrom = from;
    m_glideTo = target;
    m_glideStartMs = nowMs;
    // One report interval behind: the truck reaches each reported point just as the next
    // report arrives. Clamped so a stalled feed does not make it crawl, nor a burst jump.
    m_glideDurationMs = std::clamp<qint64>(interval, 60, 1000);
    m_gliding = true;
    if (std::abs(target.x() - from.x()) > 0.5) {
        const bool left = target.x() < from.x();
        if (left != m_facingLeft) {
            m_facingLeft = left;
            update();
        }
    }
}

bool NodeItem::advanceGlide(qint64 nowMs)
{
    if (!m_gliding)
        return false;
    const double t = double(nowMs - m_glideStartMs) / double(m_glideDurationMs);
    if (t >= 1.0) {
        m_gliding = false;
        setPos(m_glideTo);
        return false;
    }
    setPos(m_glideFrom + (m_glideTo - m_glideFrom) * std::max(0.0, t));
    return true;
}

void NodeItem::setLabelSide(LabelSide side)
{
    if (m_labelSide == side)
        return;
    m_labelSide = side;
    m_labelPixmap = QPixmap();
    updateGeometry();
}

QRectF NodeItem::labelRect(double shrink, LabelSide side) const
{
    const double half = m_iconSize / 2;
    const double width = (std::max(m_idSize.width(), m_subSize.width()) + 8) * shrink;
    const double height = (m_idSize.height() + m_subSize.height() + 1) * shrink;
    const double clearance = half + ((isRouter() ? 4 : 1) + LabelGap) * shrink;   // past the provider ring
    switch (side) {
    case LabelSide::Below:
        return QRectF(-width / 2, clearance, width, height);
    case LabelSide::Above:
        return QRectF(-width / 2, -clearance - height - 2 * shrink, width, height);
    case LabelSide::Right:
        return QRectF(clearance + 2 * shrink, -height / 2, width, height);
    case LabelSide::Left:
        return QRectF(-clearance - 2 * shrink - width, -height / 2, width, height);
    }
    return {};
}

void NodeItem::updateGeometry()
{
    prepareGeometryChange();
    // Room for the rings and badges around the icon (a wide badge sticks out to the
    // right), and for the label on its side.
    const double ring = m_iconSize / 2 + 10;
    const QRectF around(-ring, -ring - 2, 2 * ring + 16, 2 * ring + 4);
    m_bounds = around | labelRect().adjusted(-1, -1, 1, 1);
}

QRectF NodeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    const double r = m_iconSize / 2 + 2;
    path.addEllipse(QPointF(), r, r);
    return path;
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (NodeFollower *follower : std::as_const(m_followers))
            follower->nodeMoved();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QTransform world = painter->worldTransform();
    const double lod = CanvasStyle::levelOfDetail(world);
    const qreal dpr = CanvasStyle::devicePixelRatio(painter);
    const double baseOpacity = painter->opacity();
    double opacity = baseOpacity;
    if (m_status == NodeStatus::Down)
        opacity *= 0.38;
    if (m_style->traceActive && !m_onTrace)
        opacity *= 0.3;
    if (opacity != baseOpacity)
        painter->setOpacity(opacity);

    if (!m_style->presentation)
        paintHalo(painter);
    paintIcon(painter, world, lod, dpr);
    if (lod * m_iconSize >= 8)
        paintStatus(painter);
    if (lod >= CanvasStyle::BadgesFrom)
        paintBadges(painter, world, lod, dpr);
    if (lod >= CanvasStyle::LabelsFrom)
        paintLabel(painter, world, lod, dpr);

    if (opacity != baseOpacity)
        painter->setOpacity(baseOpacity);
}

void NodeItem::paintHalo(QPainter *painter) const
{
    const double half = m_iconSize / 2;
    const bool selected = isSelected();
    if (!selected && !m_hovered && !m_dropTarget)
        return;
    QColor glow = m_style->selection();
    glow.setAlpha(selected ? 90 : 45);
    painter->setPen(Qt::NoPen);
    painter->setBrush(glow);
    painter->drawEllipse(QPointF(), half + 7, half + 7);
    if (selected) {
        painter->setPen(QPen(m_style->selection(), 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(), half + 6, half + 6);
    }
    if (m_dropTarget) {
        QPen pen(m_style->selection(), 2, Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(), half + 9, half + 9);
    }
}

void NodeItem::paintIcon(QPainter *painter, const QTransform &world, double lod, qreal dpr)
{
    const double pixels = m_iconSize * lod;
    const bool grey = m_status == NodeStatus::Failed;
    if (pixels * dpr < 6) {
        // Too small to tell icons apart: a dot in the node's colour is clearer and cheaper.
        const QPixmap &dot = m_style->pixmaps().disc(grey ? QColor(Qt::gray) : m_dotColor, QColor(),
                                                     std::max(0.75, pixels / 2), dpr);
        CanvasPixmaps::drawCentred(painter, world, QPointF(), dot);
        return;
    }
    const bool ringed = isRouter() && m_providerColor.isValid();
    const QColor ring = ringed ? (grey ? QColor(Qt::gray) : m_providerColor) : QColor();
    // Three units wide (two away from the icon), at least a pixel and a half, and growing
    // no further than text does when zoomed in.
    const double ringPixels = ringed ? std::max(1.5, 3 * CanvasStyle::textScale(lod) * dpr) : 0;
    const QPixmap &icon = m_style->icons().pixmap(m_icon, int(std::lround(pixels * dpr)), grey, ring, ringPixels, dpr,
                                                  m_facingLeft);
    CanvasPixmaps::drawCentred(painter, world, QPointF(), icon);
}

void NodeItem::paintStatus(QPainter *painter) const
{
    const double half = m_iconSize / 2;
    switch (m_status) {
    case NodeStatus::Failed: {
        // A red cross with a white edge reads on any map colour.
        const double arm = half * 0.62;
        QPen edge(Qt::white, m_iconSize * 0.11 + 2.5, Qt::SolidLine, Qt::RoundCap);
        QPen cross(CanvasStyle::failed(), m_iconSize * 0.11, Qt::SolidLine, Qt::RoundCap);
        for (const QPen &pen : {edge, cross}) {
            painter->setPen(pen);
            painter->drawLine(QPointF(-arm, -arm), QPointF(arm, arm));
            painter->drawLine(QPointF(-arm, arm), QPointF(arm, -arm));
        }
        break;
    }
    case NodeStatus::Draining: {
        QPen pen(CanvasStyle::draining(), 3, Qt::SolidLine, Qt::RoundCap);
        pen.setDashPattern({2.0, 1.5});
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(), half + 5, half + 5);
        break;
    }
    case NodeStatus::Starting: {
        QPen pen(m_style->subLabelText(), 2, Qt::SolidLine, Qt::RoundCap);
        pen.setDashPattern({1.0, 2.0});
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(), half + 5, half + 5);
        break;
    }
    case NodeStatus::Planned:
    case NodeStatus::Up:
    case NodeStatus::Down:
        break;
    }
}

void NodeItem::paintBadges(QPainter *painter, const QTransform &world, double lod, qreal dpr)
{
    const double corner = m_iconSize / 2 * 0.8;
    CanvasPixmaps &pixmaps = m_style->pixmaps();
    if (m_queue > 0) {
        const QPixmap &pill = pixmaps.pill(m_queueText, m_style->badgeFont(), CanvasStyle::queueBadge(), Qt::white,
                                           Qt::white, CanvasStyle::textScale(lod), dpr);
        CanvasPixmaps::drawCentred(painter, world, QPointF(corner + 2, -corner - 1), pill);
    }
    if (m_collapsedCount > 0) {
        const QColor fill = m_collapsedFailed ? CanvasStyle::failed() : QColor(0x5d, 0x6d, 0x7e);
        const QPixmap &pill = pixmaps.pill(m_collapsedText, m_style->badgeFont(), fill, Qt::white, Qt::white,
                                           CanvasStyle::textScale(lod), dpr);
        CanvasPixmaps::drawCentred(painter, world, QPointF(corner + 2, corner + 1), pill);
    }
}

void NodeItem::paintLabel(QPainter *painter, const QTransform &world, double lod, qreal dpr)
{
    const double textScale = CanvasStyle::textScale(lod);
    const double scale = textScale * dpr;
    // Re-rendered when the zoom changed by more than half a percent: text stays sharp.
    if (m_labelPixmap.isNull() || std::abs(m_labelScale - scale) > scale * 0.005
        || m_labelGeneration != m_style->generation())
        renderLabel(scale, dpr);
    CanvasPixmaps::drawAt(painter, world, labelRect(textScale / lod).topLeft(), m_labelPixmap);
}

void NodeItem::renderLabel(double scale, qreal dpr)
{
    const QRectF plate(QPointF(), labelRect().size());
    QImage image(std::max(1, int(std::ceil(plate.width() * scale))), std::max(1, int(std::ceil(plate.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        painter.scale(scale, scale);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_style->labelBackground());
        painter.drawRoundedRect(plate, 4, 4);
        painter.setFont(m_style->labelFont());
        painter.setPen(m_style->labelText());
        painter.drawText(QRectF(0, 0, plate.width(), m_idSize.height()), Qt::AlignCenter, m_id);
        if (!m_subSize.isEmpty()) {
            painter.setFont(m_style->subLabelFont());
            painter.setPen(m_style->subLabelText());
            painter.drawText(QRectF(0, m_idSize.height(), plate.width(), m_subSize.height()), Qt::AlignCenter, m_label);
        }
    }
    m_labelPixmap = QPixmap::fromImage(std::move(image));
    m_labelPixmap.setDevicePixelRatio(dpr);
    m_labelScale = scale;
    m_labelGeneration = m_style->generation();
}

} // namespace Portolan::Console
