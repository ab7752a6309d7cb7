#pragma once

#include "console/canvas/canvasnode.h"
#include "console/canvas/canvasstyle.h"
#include "console/canvas/mapbackground.h"
#include "console/canvas/providertable.h"
#include "console/canvas/traceoverlay.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QHash>
#include <QImage>
#include <QJsonObject>
#include <QTimer>

#include <vector>

namespace Portolan::Scenario {
struct Scenario;
}

namespace Portolan::Console {

class AttachmentItem;
class LinkItem;
class NodeItem;

// The network as a graphics scene, in the map's coordinates: routers, entities, links,
// attachment lines, the map, and a traced request on top. It is a view of state others
// own: the lead feeds it the scenario, node statuses and telemetry, and acts on its
// signals (clicks, context menus, drags). Telemetry is only stored when it arrives and is
// applied once per frame, so a thousand nodes reporting at 10 Hz cost one pass per frame.
class NetworkScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit NetworkScene(QObject *parent = nullptr);
    ~NetworkScene() override;

    // Replaces everything with the scenario: routers, entities, links, edge uplinks,
    // entity attachments, provider colours and the map.
    void setScenario(const Scenario::Scenario &scenario);
    void clearNetwork();

    void addNode(const CanvasNode &node);
    void removeNode(const QString &id);
    // A link between two nodes already on the canvas (run time); updates provider and
    // cost when it exists. cost < 0: the provider's default; no provider: a's (else b's).
    void addLink(const QString &a, const QString &b, const QString &provider, int cost);
    void removeLink(const QString &a, const QString &b);

    void setNodeStatus(const QString &id, NodeStatus status);
    NodeStatus nodeStatus(const QString &id) const;
    // Stores the node's full telemetry snapshot; it is drawn at the next frame.
    void applyTelemetry(const QString &id, const QJsonObject &telemetry);
    // Applies stored telemetry now (the frame timer does this on its own).
    void flushTelemetry();
    int pendingTelemetryCount() const { return int(m_dirty.size()); }

    // A request's path, hop by hop, revealed one hop after another. hopTimesMs (same
    // length, or empty) are when each hop saw it; shown relative to the first.
    void setTrace(const QStringList &hops, const QList<qint64> &hopTimesMs);
    void clearTrace();
    QStringList traceHops() const { return m_trace.hops(); }
    int traceRevealedHops() const;

    void setCaption(const QString &caption);
    QString caption() const { return m_caption; }

    // Devices (entities other than stores, factories and trucks) fold into their router,
    // which shows how many it holds.
    void setDevicesCollapsed(bool collapsed);
    bool devicesCollapsed() const { return m_devicesCollapsed; }

    // The legend shows a provider the operator took down as down.
    void setProviderDown(const QString &provider, bool down);
    const QList<ProviderTable::Entry> &providers() const { return m_providers.entries(); }
    QColor providerColor(const QString &provider) const;

    // Highlights the node the inspector shows ("" = none).
    void selectNode(const QString &id);
    QString selectedNode() const;
    // Highlights the node a palette item would be dropped on ("" = none).
    void setDropTarget(const QString &id);

    QHash<QString, QPointF> nodePositions() const;
    QStringList nodeIds() const { return m_nodes.keys(); }
    QRectF mapRect() const { return m_map.frame(); }
    bool hasMapImage() const { return m_map.hasImage(); }
    // The area worth showing: the map and every node on it.
    QRectF contentRect() const;
    // The whole topology as a picture, with the provider legend, for the run report.
    QImage renderPicture(const QSize &size);
    // The node under a scene point, "" if none.
    QString nodeAt(const QPointF &scenePos) const;

    // The items, for the view and for tests.
    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    LinkItem *linkItem(const QString &a, const QString &b) const;
    AttachmentItem *attachmentItem(const QString &entity) const { return m_attachments.value(entity); }
    int linkCount() const { return int(m_links.size()); }
    CanvasStyle &style() { return m_style; }

    // Tooltip text for a node or link (also what the canvas shows on hover).
    QString nodeToolTip(const QString &id) const;
    QString linkToolTip(const QString &a, const QString &b) const;

    // Tests and benchmarks drive frames themselves; the timer calls this.
    void advanceFrame();

Q_SIGNALS:
    void nodeActivated(const QString &id);
    void nodeContextMenuRequested(const QString &id, const QPoint &screenPos);
    void linkActivated(const QString &a, const QString &b);
    void linkContextMenuRequested(const QString &a, const QString &b, const QPoint &screenPos);
    void nodeMoved(const QString &id, const QPointF &position);
    void providerContextMenuRequested(const QString &provider, const QPoint &screenPos);
    // Right-click on the map away from nodes and links.
    void backgroundContextMenuRequested(const QPointF &scenePos, const QPoint &screenPos);
    void captionChanged(const QString &caption);
    void providersChanged();
    // A new scenario was laid out: views fit it.
    void scenarioLoaded();
    // Once per frame that applied telemetry, with the number of nodes it updated.
    void telemetryApplied(int nodes);

public Q_SLOTS:
    // For the legend (it lives on the view): asks for a provider's menu.
    void requestProviderContextMenu(const QString &provider, const QPoint &screenPos);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;
    void helpEvent(QGraphicsSceneHelpEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct LinkKey
    {
        QString low;
        QString high;
        LinkKey(const QString &a, const QString &b)
            : low(a < b ? a : b)
            , high(a < b ? b : a)
        {}
        friend bool operator==(const LinkKey &, const LinkKey &) = default;
        friend size_t qHash(const LinkKey &key, size_t seed = 0) { return qHashMulti(seed, key.low, key.high); }
    };

    NodeItem *createNode(const CanvasNode &node);
    void attachEntity(NodeItem *entity);
    void retargetAttachment(NodeItem *entity, const QString &routerId);
    void deleteLink(LinkItem *link);
    void applyNodeTelemetry(NodeItem *node, const QJsonObject &telemetry, qint64 nowMs);
    void refreshCollapsedBadges();
    void applyCollapsedVisibility(NodeItem *entity);
    NodeItem *anchorFor(NodeItem *node) const;
    void rebuildTrace();
    void updateSceneBounds();
    void placeLabel(NodeItem *node);
    void placeLabelsNear(const QRectF &area);
    void ensureFrameTimer();
    QGraphicsItem *interactiveItemAt(const QPointF &scenePos) const;

    CanvasStyle m_style;
    MapBackground m_map;
    ProviderTable m_providers;
    QString m_caption;

    QHash<QString, NodeItem *> m_nodes;
    QHash<LinkKey, LinkItem *> m_links;
    QHash<QString, AttachmentItem *> m_attachments;   // by entity id
    bool m_devicesCollapsed = false;

    // Telemetry staged on the nodes, waiting for the frame.
    std::vector<NodeItem *> m_dirty;
    std::vector<NodeItem *> m_gliding;
    QTimer m_frameTimer;
    QElapsedTimer m_clock;

    TraceOverlay m_trace{this, &m_style};
    bool m_collapsedDirty = false;

    QHash<NodeItem *, QPointF> m_pressPositions;   // nodes being dragged, where they were
    QStringList m_pressedLink;                     // the link a left press landed on: its ends
    NodeItem *m_dropTarget = nullptr;
};

} // namespace Portolan::Console
