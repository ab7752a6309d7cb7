#pragma once

#include "console/canvas/canvasnode.h"
#include "console/canvas/nodeiconlibrary.h"

#include <QGraphicsItem>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPixmap>

namespace Portolan::Console {

class CanvasStyle;
class LinkItem;
class NodeFollower;

// One node on the canvas: its icon, id and label, status overlay (failed, down, draining,
// starting), queue badge, collapsed-devices badge and selection ring. It only draws what
// the scene tells it; the scene turns telemetry into these values once per frame.
// The item's origin is the node's centre, in map coordinates.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    // Where the id and label go; the scene picks the side with the fewest neighbours.
    enum class LabelSide { Below, Right, Above, Left };

    NodeItem(const CanvasNode &node, CanvasStyle *style);
    int type() const override { return Type; }

    const QString &id() const { return m_id; }
    const QString &kind() const { return m_kind; }
    const QString &role() const { return m_role; }
    const QString &label() const { return m_label; }
    const QStringList &routers() const { return m_routers; }
    const QString &provider() const { return m_provider; }
    NodeIconLibrary::Icon icon() const { return m_icon; }
    bool isRouter() const { return m_kind != QLatin1StringView("entity"); }
    bool isEntity() const { return !isRouter(); }
    bool isTruck() const { return m_icon == NodeIconLibrary::Icon::Truck; }
    // Devices (anything but stores, factories and trucks) fold into their router's badge
    // when the scene collapses them.
    bool isCollapsible() const;
    double iconSize() const { return m_iconSize; }

    void setLabel(const QString &label);
    LabelSide labelSide() const { return m_labelSide; }
    void setLabelSide(LabelSide side);
    // The label plate in item coordinates, its text drawn `shrink` times its normal size.
    QRectF labelRect(double shrink = 1.0) const { return labelRect(shrink, m_labelSide); }
    QRectF labelRect(double shrink, LabelSide side) const;
    QRectF labelRectOn(LabelSide side) const { return labelRect(1.0, side); }
    // The icon's square, in item coordinates.
    QRectF iconRect() const { return QRectF(-m_iconSize / 2, -m_iconSize / 2, m_iconSize, m_iconSize); }
    void setProviderColor(const QColor &color);   // the ring of a router; invalid = none
    QColor providerColor() const { return m_providerColor; }

    NodeStatus status() const { return m_status; }
    void setStatus(NodeStatus status);
    // Failed or gone: its links are drawn down.
    bool isUnreachable() const { return m_status == NodeStatus::Failed || m_status == NodeStatus::Down; }

    qint64 queueBadge() const { return m_queue; }
    void setQueueBadge(qint64 depth);
    int collapsedDevices() const { return m_collapsedCount; }
    bool collapsedDeviceFailed() const { return m_collapsedFailed; }
    void setCollapsedDevices(int count, bool anyFailed);

    // The router an entity is attached to now, from its telemetry (it fails over).
    const QString &currentRouter() const { return m_currentRouter; }
    void setCurrentRouter(const QString &router) { m_currentRouter = router; }

    void setDropTarget(bool target);
    bool isDropTarget() const { return m_dropTarget; }
    void setOnTrace(bool onTrace);
    bool isOnTrace() const { return m_onTrace; }

    // The last telemetry snapshot applied (for tooltips and the picture).
    const QJsonObject &telemetry() const { return m_telemetry; }
    void setTelemetry(const QJsonObject &telemetry) { m_telemetry = telemetry; }

    // Telemetry waiting for the next frame; only the newest snapshot is kept. Returns true
    // when nothing was waiting before, i.e. the scene must queue this node.
    bool stagePending(const QJsonObject &telemetry);
    QJsonObject takePending();
    bool hasPending() const { return m_pendingDirty; }

    void addFollower(NodeFollower *follower);
    void removeFollower(NodeFollower *follower);
    const QList<NodeFollower *> &followers() const { return m_followers; }
    void clearFollowers() { m_followers.clear(); m_links.clear(); }

    // Links to neighbouring routers, by the neighbour's id (telemetry names peers by id).
    LinkItem *linkTo(const QString &peer) const { return m_links.value(peer); }
    void setLinkTo(const QString &peer, LinkItem *link);
    void removeLinkTo(const QString &peer) { m_links.remove(peer); }
    QList<LinkItem *> links() const { return m_links.values(); }
    const QHash<QString, LinkItem *> &linkMap() const { return m_links; }

    // Trucks glide between reported positions, one report interval behind, so that
    // 2-10 Hz position updates look like continuous motion.
    void glideTo(const QPointF &target, qint64 nowMs);
    bool advanceGlide(qint64 nowMs);   // true while still moving
    bool isGliding() const { return m_gliding; }
    QPointF glideTarget() const { return m_gliding ? m_glideTo : pos(); }
    bool isFacingLeft() const { return m_facingLeft; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void updateGeometry();
    void paintHalo(QPainter *painter) const;
    void paintIcon(QPainter *painter, const QTransform &world, double lod, qreal dpr);
    void paintStatus(QPainter *painter) const;
    void paintBadges(QPainter *painter, const QTransform &world, double lod, qreal dpr);
    void paintLabel(QPainter *painter, const QTransform &world, double lod, qreal dpr);
    void renderLabel(double scale, qreal dpr);

    CanvasStyle *m_style;
    QString m_id;
    QString m_kind;
    QString m_role;
    QString m_label;
    QStringList m_routers;
    QString m_provider;
    NodeIconLibrary::Icon m_icon;
    double m_iconSize;
    QColor m_providerColor;
    QColor m_dotColor;

    NodeStatus m_status = NodeStatus::Planned;
    qint64 m_queue = 0;
    int m_collapsedCount = 0;
    bool m_collapsedFailed = false;
    QString m_currentRouter;
    bool m_dropTarget = false;
    bool m_onTrace = false;
    bool m_hovered = false;

    QJsonObject m_telemetry;
    QJsonObject m_pending;
    bool m_pendingDirty = false;

    QList<NodeFollower *> m_followers;
    QHash<QString, LinkItem *> m_links;

    QPointF m_glideFrom;
    QPointF m_glideTo;
    qint64 m_glideStartMs = 0;
    qint64 m_glideDurationMs = 0;
    qint64 m_lastTargetMs = -1;
    bool m_gliding = false;
    bool m_facingLeft = false;

    LabelSide m_labelSide = LabelSide::Below;
    QSizeF m_idSize;
    QSizeF m_subSize;
    QString m_queueText;
    QString m_collapsedText;
    // The label plate, rendered for the scale it was last drawn at.
    QPixmap m_labelPixmap;
    double m_labelScale = 0;
    int m_labelGeneration = -1;
    QRectF m_bounds;
};

} // namespace Portolan::Console
