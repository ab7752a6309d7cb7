#include "console/canvas/networkview.h"

#include "console/canvas/attachmentitem.h"
#include "console/canvas/captionoverlay.h"
#include "console/canvas/linkitem.h"
#include "console/canvas/networkscene.h"
#include "console/canvas/providerlegend.h"

#include <QDragEnterEvent>
#include <QJsonDocument>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr double WheelStep = 1.2;       // zoom per wheel notch
constexpr int OverlayMargin = 12;
constexpr double FitMargin = 24;        // map units around the content when fitting

} // namespace

QString NetworkView::paletteMimeType()
{
    return u"application/x-portolan-palette-item"_s;
}

NetworkView::NetworkView(NetworkScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
    , m_caption(new CaptionOverlay(this))
    , m_legend(new ProviderLegend(this))
{
    setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform | QPainter::TextAntialiasing);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorViewCenter);
    setResizeAnchor(AnchorViewCenter);
    // With telemetry changing items all over the map, one bounding rectangle per frame is
    // cheaper than computing exact regions; the map comes from the background cache.
    setViewportUpdateMode(BoundingRectViewportUpdate);
    setCacheMode(CacheBackground);
    // Items set every bit of painter state they use and put back what they change, so the
    // per-item save/restore (thousands per frame) is not needed.
    setOptimizationFlags(DontAdjustForAntialiasing | DontSavePainterState);
    // The background (map or grid) covers every pixel: no need to clear first.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(true);
    setMouseTracking(true);

    m_lineQuality.setSingleShot(true);
    m_lineQuality.setInterval(0);
    connect(&m_lineQuality, &QTimer::timeout, this, &NetworkView::updateLineQuality);

    connect(m_scene, &NetworkScene::captionChanged, m_caption, &CaptionOverlay::setCaption);
    connect(m_scene, &NetworkScene::providersChanged, this, [this] {
        m_legend->setEntries(m_scene->providers());
        placeOverlays();
    });
    connect(m_scene, &NetworkScene::scenarioLoaded, this, &NetworkView::onScenarioLoaded);
    connect(m_legend, &ProviderLegend::providerContextMenuRequested, m_scene,
            &NetworkScene::requestProviderContextMenu);
    m_caption->setCaption(m_scene->caption());
    m_legend->setEntries(m_scene->providers());
}

void NetworkView::onScenarioLoaded()
{
    resetCachedContent();
    m_fitPending = true;
    if (isVisible() && !viewport()->size().isEmpty())
        fitToView();
    scheduleLineQuality();
}

void NetworkView::scheduleLineQuality()
{
    if (!m_lineQuality.isActive())
        m_lineQuality.start();
}

void NetworkView::updateLineQuality()
{
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QList<QGraphicsItem *> items = m_scene->items(visible, Qt::IntersectsItemBoundingRect);
    int lines = 0;
    for (const QGraphicsItem *item : items) {
        if (item->isVisible() && (item->type() == LinkItem::Type || item->type() == AttachmentItem::Type))
            ++lines;
    }
    // Items only add antialiasing where the view's hints have it, so this one switch
    // decides for every line (and the few vector marks) on screen.
    const bool smooth = lines <= CanvasStyle::SmoothLinesBudget;
    if (smooth != isAntialiased())
        setRenderHint(QPainter::Antialiasing, smooth);   // repaints
}

void NetworkView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    scheduleLineQuality();
}

void NetworkView::fitToView()
{
    const QRectF content = m_scene->contentRect().adjusted(-FitMargin, -FitMargin, FitMargin, FitMargin);
    if (content.isEmpty() || viewport()->width() < 2 || viewport()->height() < 2) {
        m_fitPending = true;
        return;
    }
    fitInView(content, Qt::KeepAspectRatio);
    const double clamped = std::clamp(zoom(), MinZoom, MaxZoom);
    if (clamped != zoom()) {
        const double factor = clamped / zoom();
        scale(factor, factor);
        centerOn(content.center());
    }
    m_fitPending = false;
    scheduleLineQuality();
    Q_EMIT zoomChanged(zoom());
}

void NetworkView::zoomIn()
{
    zoomAt(WheelStep, QRectF(viewport()->rect()).center());
}

void NetworkView::zoomOut()
{
    zoomAt(1 / WheelStep, QRectF(viewport()->rect()).center());
}

void NetworkView::zoomAt(double factor, const QPointF &viewportPos)
{
    const double current = zoom();
    const double target = std::clamp(current * factor, MinZoom, MaxZoom);
    if (std::abs(target - current) < 1e-9)
        return;
    const QPointF anchor = mapToScene(viewportPos.toPoint());
    const double applied = target / current;
    scale(applied, applied);
    // Put the anchor back under the cursor: the centre is the anchor plus the cursor's
    // offset from the centre, in scene units at the new zoom.
    const QPointF centre = QRectF(viewport()->rect()).center();
    centerOn(anchor - (viewportPos - centre) / target);
    m_fitPending = false;
    scheduleLineQuality();
    Q_EMIT zoomChanged(zoom());
}

void NetworkView::wheelEvent(QWheelEvent *event)
{
    const QPoint notches = event->angleDelta();
    if (notches.y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomAt(std::pow(WheelStep, notches.y() / 120.0), event->position());
    event->accept();
}

std::optional<QJsonObject> NetworkView::paletteItem(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(paletteMimeType()))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(mime->data(paletteMimeType()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

void NetworkView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!paletteItem(event->mimeData())) {
        QGraphicsView::dragEnterEvent(event);
        return;
    }
    m_scene->setDropTarget(m_scene->nodeAt(mapToScene(event->position().toPoint())));
    event->acceptProposedAction();
}

void NetworkView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!paletteItem(event->mimeData())) {
        QGraphicsView::dragMoveEvent(event);
        return;
    }
    m_scene->setDropTarget(m_scene->nodeAt(mapToScene(event->position().toPoint())));
    event->acceptProposedAction();
}

void NetworkView::dragLeaveEvent(QDragLeaveEvent *event)
{
    m_scene->setDropTarget(QString());
    QGraphicsView::dragLeaveEvent(event);
}

void NetworkView::dropEvent(QDropEvent *event)
{
    const std::optional<QJsonObject> item = paletteItem(event->mimeData());
    if (!item) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const QString target = m_scene->nodeAt(scenePos);
    m_scene->setDropTarget(QString());
    event->acceptProposedAction();
    Q_EMIT paletteItemDropped(*item, scenePos, target);
}

void NetworkView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeOverlays();
    scheduleLineQuality();
    if (m_fitPending)
        fitToView();
}

void NetworkView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    placeOverlays();
    if (m_fitPending)
        fitToView();
}

void NetworkView::placeOverlays()
{
    const QRect area = viewport()->geometry();
    m_caption->placeWithin(area);
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(area.left() + OverlayMargin, area.bottom() - m_legend->height() - OverlayMargin + 1);
    m_legend->raise();
    m_caption->raise();
}

} // namespace Portolan::Console
