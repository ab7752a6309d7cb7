#include "console/canvas/networkscene.h"

#include "console/canvas/attachmentitem.h"
#include "console/canvas/canvastooltips.h"
#include "console/canvas/labelplacement.h"
#include "console/canvas/linkitem.h"
#include "console/canvas/nodeitem.h"
#include "console/canvas/providerlegend.h"
#include "scenario/scenario.h"

#include <QApplication>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcCanvas, "portolan.console.canvas")

namespace Portolan::Console {

namespace {

constexpr int FrameIntervalMs = 16;

std::optional<QPointF> positionOf(const QJsonObject &data)
{
    // Roles report [x, y]; {x, y} is accepted as well.
    const QJsonValue position = data.value("position"_L1);
    if (position.isArray()) {
        const QJsonArray xy = position.toArray();
        if (xy.size() >= 2 && xy.at(0).isDouble() && xy.at(1).isDouble())
            return QPointF(xy.at(0).toDouble(), xy.at(1).toDouble());
    } else if (position.isObject()) {
        const QJsonObject xy = position.toObject();
        if (xy.value("x"_L1).isDouble() && xy.value("y"_L1).isDouble())
            return QPointF(xy.value("x"_L1).toDouble(), xy.value("y"_L1).toDouble());
    }
    return std::nullopt;
}

qint64 totalQueued(const QJsonObject &queues)
{
    qint64 total = 0;
    for (auto it = queues.constBegin(); it != queues.constEnd(); ++it)
        total += std::max<qint64>(0, it.value().toInteger());
    return total;
}

} // namespace

NetworkScene::NetworkScene(QObject *parent)
    : QGraphicsScene(parent)
{
    m_frameTimer.setInterval(FrameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &NetworkScene::advanceFrame);
    m_clock.start();
    m_map.setFrame(QRectF(0, 0, 1000, 700));
    updateSceneBounds();
}

NetworkScene::~NetworkScene()
{
    // Items are deleted by QGraphicsScene in no particular order; none of them touches
    // another in its destructor, so only the bookkeeping needs dropping first.
    m_frameTimer.stop();
    m_trace.clear();
}

// --- building -------------------------------------------------------------------------

void NetworkScene::clearNetwork()
{
    clearTrace();
    m_dirty.clear();
    m_gliding.clear();
    m_pressPositions.clear();
    m_dropTarget = nullptr;
    m_nodes.clear();
    m_links.clear();
    m_attachments.clear();
    clear();
    m_providers.clear();
    m_map.setImage(QString());
    setCaption(QString());
}

void NetworkScene::setScenario(const Scenario::Scenario &scenario)
{
    clearNetwork();
    for (const Scenario::Provider &provider : scenario.providers)
        m_providers.set(provider.name, provider.color, provider.cost);

    const double width = scenario.map.width > 0 ? scenario.map.width : 1000;
    const double height = scenario.map.height > 0 ? scenario.map.height : 700;
    m_map.setFrame(QRectF(0, 0, width, height));
    const QString image = MapBackground::resolve(scenario.map.image, scenario.file);
    if (!scenario.map.image.isEmpty() && image.isEmpty())
        qCWarning(lcCanvas) << "map image" << scenario.map.image << "not found; drawing a plain grid";
    m_map.setImage(image);

    // Routers first, so that entities find the router they attach to.
    for (const Scenario::Router &router : scenario.routers)
        createNode(CanvasNode{router.id, router.kind, QString(), router.label, router.position, {}, router.provider});
    for (const Scenario::Entity &entity : scenario.entities) {
        NodeItem *node = createNode(
            CanvasNode{entity.id, u"entity"_s, entity.role, entity.label, entity.position, entity.routers, QString()});
        if (node)
            attachEntity(node);
    }
    for (const Scenario::Link &link : scenario.links)
        addLink(link.from, link.to, link.provider, link.cost);
    for (const Scenario::Router &router : scenario.routers) {
        for (const Scenario::Uplink &uplink : router.uplinks)
            addLink(router.id, uplink.router, uplink.provider.isEmpty() ? router.provider : uplink.provider, uplink.cost);
    }
    for (NodeItem *node : std::as_const(m_nodes))
        applyCollapsedVisibility(node);
    // In scenario order (hash order changes from run to run), twice: the second pass sees
    // where the neighbours' labels went in the first.
    QList<NodeItem *> ordered;
    for (const Scenario::Router &router : scenario.routers)
        ordered.append(m_nodes.value(router.id));
    for (const Scenario::Entity &entity : scenario.entities)
        ordered.append(m_nodes.value(entity.id));
    for (int pass = 0; pass < 2; ++pass) {
        for (NodeItem *node : std::as_const(ordered)) {
            if (node && !node->isTruck())
                placeLabel(node);
        }
    }
    refreshCollapsedBadges();
    updateSceneBounds();
    invalidate(sceneRect(), BackgroundLayer);
    Q_EMIT providersChanged();
    Q_EMIT scenarioLoaded();
}

NodeItem *NetworkScene::createNode(const CanvasNode &node)
{
    if (node.id.isEmpty()) {
        qCWarning(lcCanvas) << "a node without an id is not drawn";
        return nullptr;
    }
    if (NodeItem *existing = m_nodes.value(node.id)) {
        qCWarning(lcCanvas) << "node" << node.id << "is already on the canvas";
        return existing;
    }
    auto *item = new NodeItem(node, &m_style);
    if (item->isRouter() && !node.provider.isEmpty()) {
        if (!m_providers.contains(node.provider)) {
            m_providers.ensure(node.provider);
            Q_EMIT providersChanged();
        }
        item->setProviderColor(m_providers.color(node.provider, QColor()));
    }
    addItem(item);
    m_nodes.insert(node.id, item);
    return item;
}

void NetworkScene::addNode(const CanvasNode &node)
{
    const bool known = m_nodes.contains(node.id);
    NodeItem *item = createNode(node);
    if (!item || known)
        return;
    if (item->isEntity()) {
        attachEntity(item);
        applyCollapsedVisibility(item);
    } else {
        // Entities added before their router now have something to hang from.
        for (AttachmentItem *attachment : std::as_const(m_attachments)) {
            if (!attachment->router() && attachment->entity()->currentRouter() == item->id())
                attachment->setRouter(item);
        }
    }
    refreshCollapsedBadges();
    placeLabelsNear(QRectF(item->pos(), QSizeF(0, 0)));
    updateSceneBounds();
}

void NetworkScene::attachEntity(NodeItem *entity)
{
    NodeItem *router = m_nodes.value(entity->currentRouter());
    auto *attachment = new AttachmentItem(entity, router && router->isRouter() ? router : nullptr, &m_style);
    entity->addFollower(attachment);
    addItem(attachment);
    m_attachments.insert(entity->id(), attachment);
}

void NetworkScene::retargetAttachment(NodeItem *entity, const QString &routerId)
{
    entity->setCurrentRouter(routerId);
    NodeItem *router = m_nodes.value(routerId);
    if (AttachmentItem *attachment = m_attachments.value(entity->id()))
        attachment->setRouter(router && router->isRouter() ? router : nullptr);
    if (entity->isCollapsible() && m_devicesCollapsed)
        m_collapsedDirty = true;
    if (m_trace.isActive() && entity->isOnTrace())
        rebuildTrace();
}

void NetworkScene::removeNode(const QString &id)
{
    NodeItem *node = m_nodes.take(id);
    if (!node)
        return;
    const QList<LinkItem *> links = node->links();
    for (LinkItem *link : links)
        deleteLink(link);
    if (AttachmentItem *own = m_attachments.take(id)) {
        own->setRouter(nullptr);
        removeItem(own);
        delete own;
    }
    for (AttachmentItem *attachment : std::as_const(m_attachments)) {
        if (attachment->router() == node)
            attachment->setRouter(nullptr);
    }
    std::erase(m_dirty, node);
    std::erase(m_gliding, node);
    m_pressPositions.remove(node);
    if (m_dropTarget == node)
        m_dropTarget = nullptr;
    m_trace.forget(node);
    removeItem(node);
    delete node;
    rebuildTrace();
    refreshCollapsedBadges();
}

void NetworkScene::addLink(const QString &a, const QString &b, const QString &linkProvider, int cost)
{
    NodeItem *nodeA = m_nodes.value(a);
    NodeItem *nodeB = m_nodes.value(b);
    if (!nodeA || !nodeB || nodeA == nodeB) {
        qCWarning(lcCanvas) << "link" << a << "-" << b << "joins nodes that are not on the canvas";
        return;
    }
    // No provider given: the dialling router's, as for a scenario link or an uplink.
    const QString provider = !linkProvider.isEmpty() ? linkProvider
                             : !nodeA->provider().isEmpty() ? nodeA->provider()
                                                            : nodeB->provider();
    if (!provider.isEmpty() && !m_providers.contains(provider)) {
        m_providers.ensure(provider);
        Q_EMIT providersChanged();
    }
    const int effectiveCost = cost >= 0 ? cost : m_providers.cost(provider, 1);
    if (LinkItem *existing = linkItem(a, b)) {
        existing->setProvider(provider, providerColor(provider));
        existing->setConfiguredCost(effectiveCost);
        return;
    }
    auto *link = new LinkItem(nodeA, nodeB, provider, providerColor(provider), effectiveCost, &m_style);
    nodeA->setLinkTo(b, link);
    nodeB->setLinkTo(a, link);
    nodeA->addFollower(link);
    nodeB->addFollower(link);
    addItem(link);
    m_links.insert(LinkKey(a, b), link);
}

void NetworkScene::removeLink(const QString &a, const QString &b)
{
    if (LinkItem *link = linkItem(a, b))
        deleteLink(link);
}

void NetworkScene::deleteLink(LinkItem *link)
{
    NodeItem *a = link->nodeA();
    NodeItem *b = link->nodeB();
    a->removeLinkTo(b->id());
    b->removeLinkTo(a->id());
    a->removeFollower(link);
    b->removeFollower(link);
    m_links.remove(LinkKey(a->id(), b->id()));
    removeItem(link);
    delete link;
}

LinkItem *NetworkScene::linkItem(const QString &a, const QString &b) const
{
    return m_links.value(LinkKey(a, b));
}

QColor NetworkScene::providerColor(const QString &provider) const
{
    return m_providers.color(provider, m_style.unknownProvider());
}

// --- live state -----------------------------------------------------------------------

void NetworkScene::setNodeStatus(const QString &id, NodeStatus status)
{
    NodeItem *node = m_nodes.value(id);
    if (!node || node->status() == status)
        return;
    node->setStatus(status);
    const QList<LinkItem *> links = node->links();
    for (LinkItem *link : links)
        link->endStatusChanged();
    for (AttachmentItem *attachment : std::as_const(m_attachments)) {
        if (attachment->entity() == node || attachment->router() == node)
            attachment->refresh();
    }
    if (node->isCollapsible() && m_devicesCollapsed)
        refreshCollapsedBadges();
}

NodeStatus NetworkScene::nodeStatus(const QString &id) const
{
    const NodeItem *node = m_nodes.value(id);
    return node ? node->status() : NodeStatus::Planned;
}

void NetworkScene::applyTelemetry(const QString &id, const QJsonObject &telemetry)
{
    NodeItem *node = m_nodes.value(id);
    if (!node)
        return;
    if (node->stagePending(telemetry))
        m_dirty.push_back(node);
    ensureFrameTimer();
}

void NetworkScene::flushTelemetry()
{
    if (m_dirty.empty())
        return;
    const qint64 now = m_clock.elapsed();
    // Applying never queues more nodes, so the list can be walked in place.
    for (NodeItem *node : m_dirty)
        applyNodeTelemetry(node, node->takePending(), now);
    const int applied = int(m_dirty.size());
    m_dirty.clear();
    if (m_collapsedDirty)
        refreshCollapsedBadges();
    Q_EMIT telemetryApplied(applied);
}

void NetworkScene::applyNodeTelemetry(NodeItem *node, const QJsonObject &telemetry, qint64 nowMs)
{
    node->setTelemetry(telemetry);
    const qint64 queued = totalQueued(telemetry.value("queues"_L1).toObject());
    if (node->isRouter()) {
        node->setQueueBadge(queued);
        // Walk the links drawn rather than the keys reported: looking a peer up by an id
        // we hold allocates nothing, unlike taking each key out of the JSON.
        const QJsonObject links = telemetry.value("links"_L1).toObject();
        for (auto it = node->linkMap().cbegin(); it != node->linkMap().cend(); ++it) {
            const QJsonValue report = links.value(it.key());
            if (report.isObject())
                it.value()->setSample(node, LinkSample::fromJson(report.toObject()));
        }
        return;
    }

    const QJsonObject data = telemetry.value("data"_L1).toObject();
    const QJsonValue backlog = data.value("backlog"_L1);
    node->setQueueBadge(backlog.isDouble() ? backlog.toInteger() : queued);

    const QString router = telemetry.value("router"_L1).toString();
    if (!router.isEmpty() && router != node->currentRouter())
        retargetAttachment(node, router);
    if (AttachmentItem *attachment = m_attachments.value(node->id())) {
        const QJsonObject link = telemetry.value("links"_L1).toObject().value(node->currentRouter()).toObject();
        attachment->setLinkState(router.isEmpty() ? LinkState::Down : LinkSample::fromJson(link).state);
    }

    if (node->isTruck()) {
        if (const std::optional<QPointF> target = positionOf(data)) {
            node->glideTo(*target, nowMs);
            if (node->isGliding() && std::find(m_gliding.begin(), m_gliding.end(), node) == m_gliding.end())
                m_gliding.push_back(node);
        }
    }
}

void NetworkScene::advanceFrame()
{
    flushTelemetry();
    const qint64 now = m_clock.elapsed();

    for (std::size_t i = 0; i < m_gliding.size();) {
        NodeItem *truck = m_gliding[i];
        // A truck the operator is dragging is theirs until they let go.
        const bool held = mouseGrabberItem() == truck;
        if (!held && !truck->advanceGlide(now)) {
            m_gliding[i] = m_gliding.back();
            m_gliding.pop_back();
        } else {
            ++i;
        }
    }

    bool flowing = false;
    for (LinkItem *link : std::as_const(m_links))
        flowing = link->advanceFlow(now) || flowing;

    const bool revealing = m_trace.advance();

    if (m_dirty.empty() && m_gliding.empty() && !flowing && !revealing)
        m_frameTimer.stop();
}

void NetworkScene::ensureFrameTimer()
{
    if (!m_frameTimer.isActive())
        m_frameTimer.start();
}

// --- collapsing devices ---------------------------------------------------------------

void NetworkScene::setDevicesCollapsed(bool collapsed)
{
    if (m_devicesCollapsed == collapsed)
        return;
    m_devicesCollapsed = collapsed;
    for (NodeItem *node : std::as_const(m_nodes))
        applyCollapsedVisibility(node);
    refreshCollapsedBadges();
    rebuildTrace();
}

void NetworkScene::applyCollapsedVisibility(NodeItem *node)
{
    if (!node->isCollapsible())
        return;
    const bool hidden = m_devicesCollapsed;
    if (hidden && node->isSelected())
        node->setSelected(false);
    node->setVisible(!hidden);
    if (AttachmentItem *attachment = m_attachments.value(node->id()))
        attachment->setVisible(!hidden);
}

void NetworkScene::refreshCollapsedBadges()
{
    m_collapsedDirty = false;
    QHash<NodeItem *, std::pair<int, bool>> folded;
    if (m_devicesCollapsed) {
        for (NodeItem *node : std::as_const(m_nodes)) {
            if (!node->isCollapsible())
                continue;
            NodeItem *router = m_nodes.value(node->currentRouter());
            if (!router || !router->isRouter())
                continue;
            std::pair<int, bool> &entry = folded[router];
            ++entry.first;
            entry.second = entry.second || node->isUnreachable();
        }
    }
    for (NodeItem *node : std::as_const(m_nodes)) {
        if (!node->isRouter())
            continue;
        const std::pair<int, bool> entry = folded.value(node, {0, false});
        node->setCollapsedDevices(entry.first, entry.second);
    }
}

NodeItem *NetworkScene::anchorFor(NodeItem *node) const
{
    if (node->isVisible())
        return node;
    NodeItem *router = m_nodes.value(node->currentRouter());
    return router ? router : node;
}

// --- trace ----------------------------------------------------------------------------

void NetworkScene::setTrace(const QStringList &hops, const QList<qint64> &hopTimesMs)
{
    m_trace.show(hops, hopTimesMs, [this](const QString &id) { return m_nodes.value(id); },
                 [this](NodeItem *node) { return anchorFor(node); });
    if (m_trace.isActive())
        ensureFrameTimer();
}

void NetworkScene::rebuildTrace()
{
    m_trace.rebuild([this](const QString &id) { return m_nodes.value(id); },
                    [this](NodeItem *node) { return anchorFor(node); });
    if (m_trace.isActive())
        ensureFrameTimer();
}

void NetworkScene::clearTrace()
{
    m_trace.clear();
}

int NetworkScene::traceRevealedHops() const
{
    return m_trace.revealed();
}

// --- presentation ---------------------------------------------------------------------

void NetworkScene::setCaption(const QString &caption)
{
    if (m_caption == caption)
        return;
    m_caption = caption;
    Q_EMIT captionChanged(caption);
}

void NetworkScene::setProviderDown(const QString &provider, bool down)
{
    if (m_providers.setDown(provider, down))
        Q_EMIT providersChanged();
}

void NetworkScene::requestProviderContextMenu(const QString &provider, const QPoint &screenPos)
{
    Q_EMIT providerContextMenuRequested(provider, screenPos);
}

void NetworkScene::selectNode(const QString &id)
{
    NodeItem *node = m_nodes.value(id);
    if (node && node->isSelected() && selectedItems().size() == 1)
        return;
    clearSelection();
    if (node && node->isVisible())
        node->setSelected(true);
}

QString NetworkScene::selectedNode() const
{
    const QList<QGraphicsItem *> selected = selectedItems();
    for (QGraphicsItem *item : selected) {
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item))
            return node->id();
    }
    return {};
}

void NetworkScene::setDropTarget(const QString &id)
{
    NodeItem *node = m_nodes.value(id);
    if (node == m_dropTarget)
        return;
    if (m_dropTarget)
        m_dropTarget->setDropTarget(false);
    m_dropTarget = node;
    if (m_dropTarget)
        m_dropTarget->setDropTarget(true);
}

QHash<QString, QPointF> NetworkScene::nodePositions() const
{
    QHash<QString, QPointF> positions;
    positions.reserve(m_nodes.size());
    for (auto it = m_nodes.constBegin(); it != m_nodes.constEnd(); ++it)
        positions.insert(it.key(), it.value()->pos());
    return positions;
}

QRectF NetworkScene::contentRect() const
{
    QRectF content = m_map.frame();
    for (const NodeItem *node : std::as_const(m_nodes)) {
        if (node->isVisible())
            content |= node->sceneBoundingRect();
    }
    return content;
}

void NetworkScene::updateSceneBounds()
{
    // Generous room around the content, so the canvas can always be dragged about.
    const QRectF content = contentRect();
    const double margin = std::max(content.width(), content.height()) * 0.6;
    setSceneRect(content.adjusted(-margin, -margin, margin, margin));
}

void NetworkScene::placeLabel(NodeItem *node)
{
    const QPointF reach(LabelPlacement::Reach, LabelPlacement::Reach);
    const QList<QGraphicsItem *> near = items(QRectF(node->pos() - reach, node->pos() + reach),
                                              Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    node->setLabelSide(LabelPlacement::sideFor(*node, near));
}

void NetworkScene::placeLabelsNear(const QRectF &area)
{
    const double reach = LabelPlacement::Reach;
    const QRectF around = area.adjusted(-reach, -reach, reach, reach);
    const QList<QGraphicsItem *> near = items(around, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    for (QGraphicsItem *item : near) {
        // Trucks keep theirs below: they move, and their neighbours change all the time.
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item); node && !node->isTruck() && around.contains(node->pos()))
            placeLabel(node);
    }
}

QImage NetworkScene::renderPicture(const QSize &size)
{
    flushTelemetry();
    QImage image(size.expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(m_style.outsideMap());
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform | QPainter::TextAntialiasing);
    const QRectF source = contentRect().adjusted(-20, -20, 20, 20);
    m_style.presentation = true;
    render(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())), source, Qt::KeepAspectRatio);
    m_style.presentation = false;

    const QList<ProviderTable::Entry> &entries = m_providers.entries();
    if (!entries.isEmpty()) {
        const QSizeF legend = ProviderLegend::legendSize(entries, font());
        if (legend.width() + 24 < image.width() && legend.height() + 24 < image.height()) {
            ProviderLegend::paintLegend(&painter, QPointF(12, image.height() - legend.height() - 12), entries,
                                        palette(), font());
        }
    }
    return image;
}

QString NetworkScene::nodeAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> hits = items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder);
    for (QGraphicsItem *item : hits) {
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item); node && node->isVisible())
            return node->id();
    }
    return {};
}

QGraphicsItem *NetworkScene::interactiveItemAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> hits = items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder);
    for (QGraphicsItem *item : hits) {
        if (!item->isVisible())
            continue;
        if (item->type() == NodeItem::Type || item->type() == LinkItem::Type)
            return item;
    }
    return nullptr;
}

QString NetworkScene::nodeToolTip(const QString &id) const
{
    const NodeItem *node = m_nodes.value(id);
    return node ? CanvasToolTips::forNode(*node) : QString();
}

QString NetworkScene::linkToolTip(const QString &a, const QString &b) const
{
    const LinkItem *link = linkItem(a, b);
    return link ? CanvasToolTips::forLink(*link) : QString();
}

// --- events ---------------------------------------------------------------------------

void NetworkScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    m_map.paint(painter, rect, m_style);
}

void NetworkScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    m_pressPositions.clear();
    m_pressedLink.clear();
    QGraphicsItem *item = interactiveItemAt(event->scenePos());
    if (auto *node = qgraphicsitem_cast<NodeItem *>(item)) {
        // Everything selected moves together; remember where each one started.
        const QList<QGraphicsItem *> selected = selectedItems();
        for (QGraphicsItem *other : selected) {
            if (auto *moving = qgraphicsitem_cast<NodeItem *>(other))
                m_pressPositions.insert(moving, moving->pos());
        }
        m_pressPositions.insert(node, node->pos());
        Q_EMIT nodeActivated(node->id());
    } else if (auto *link = qgraphicsitem_cast<LinkItem *>(item)) {
        // Links let the press through (the view pans); a release on the spot is a click.
        m_pressedLink = {link->nodeA()->id(), link->nodeB()->id()};
    }
}

void NetworkScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;

    const QStringList pressedLink = std::exchange(m_pressedLink, {});
    if (pressedLink.size() == 2) {
        const QPoint moved = event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton);
        LinkItem *link = linkItem(pressedLink.at(0), pressedLink.at(1));
        if (link && moved.manhattanLength() < QApplication::startDragDistance()) {
            clearSelection();
            link->setSelected(true);
            Q_EMIT linkActivated(pressedLink.at(0), pressedLink.at(1));
        }
    }

    if (m_pressPositions.isEmpty())
        return;
    const QHash<NodeItem *, QPointF> pressed = std::exchange(m_pressPositions, {});
    QRectF touched;
    for (auto it = pressed.constBegin(); it != pressed.constEnd(); ++it) {
        NodeItem *node = it.key();
        if (node->pos() == it.value())
            continue;
        touched |= QRectF(it.value(), QSizeF(0.01, 0.01)) | QRectF(node->pos(), QSizeF(0.01, 0.01));
        Q_EMIT nodeMoved(node->id(), node->pos());
    }
    if (!touched.isNull()) {
        placeLabelsNear(touched);
        updateSceneBounds();
    }
}

void NetworkScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    QGraphicsItem *item = interactiveItemAt(event->scenePos());
    event->accept();
    if (item && !item->isSelected()) {
        clearSelection();
        item->setSelected(true);
    }
    if (auto *node = qgraphicsitem_cast<NodeItem *>(item)) {
        Q_EMIT nodeContextMenuRequested(node->id(), event->screenPos());
    } else if (auto *link = qgraphicsitem_cast<LinkItem *>(item)) {
        Q_EMIT linkContextMenuRequested(link->nodeA()->id(), link->nodeB()->id(), event->screenPos());
    } else {
        Q_EMIT backgroundContextMenuRequested(event->scenePos(), event->screenPos());
    }
}

void NetworkScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    // Tooltips are written when asked for, not kept up to date on every frame.
    QString text;
    QGraphicsItem *item = interactiveItemAt(event->scenePos());
    if (auto *node = qgraphicsitem_cast<NodeItem *>(item))
        text = nodeToolTip(node->id());
    else if (auto *link = qgraphicsitem_cast<LinkItem *>(item))
        text = linkToolTip(link->nodeA()->id(), link->nodeB()->id());
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return;
    }
    QToolTip::showText(event->screenPos(), text, event->widget());
    event->accept();
}

bool NetworkScene::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        m_style.setPalette(palette());
        invalidate(sceneRect(), BackgroundLayer);
        update();
    }
    return QGraphicsScene::event(event);
}

} // namespace Portolan::Console
