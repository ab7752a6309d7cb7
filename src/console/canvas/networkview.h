#pragma once

#include <QGraphicsView>
#include <QJsonObject>
#include <QTimer>

#include <optional>

class QMimeData;

namespace Portolan::Console {

class CaptionOverlay;
class NetworkScene;
class ProviderLegend;

// The canvas widget: shows a NetworkScene with the map, zooms with the wheel about the
// cursor, pans by dragging empty space, fits the network to the window, shows the
// timeline caption and the provider legend over the picture, and turns palette items
// dropped on it into paletteItemDropped (with the node dropped on, if any).
class NetworkView : public QGraphicsView
{
    Q_OBJECT
public:
    // The drag-and-drop type of palette items: a compact JSON object.
    static QString paletteMimeType();

    explicit NetworkView(NetworkScene *scene, QWidget *parent = nullptr);

    NetworkScene *networkScene() const { return m_scene; }
    CaptionOverlay *captionOverlay() const { return m_caption; }
    ProviderLegend *providerLegend() const { return m_legend; }

    // Device pixels per map unit.
    double zoom() const { return transform().m11(); }
    // Few enough lines on screen to antialias the picture (CanvasStyle::SmoothLinesBudget).
    bool isAntialiased() const { return renderHints().testFlag(QPainter::Antialiasing); }
    static constexpr double MinZoom = 0.02;
    static constexpr double MaxZoom = 12.0;

public Q_SLOTS:
    void fitToView();
    void zoomIn();
    void zoomOut();
    // Scales by `factor` keeping the scene point under `viewportPos` where it is.
    void zoomAt(double factor, const QPointF &viewportPos);

Q_SIGNALS:
    void paletteItemDropped(const QJsonObject &item, const QPointF &scenePos, const QString &targetNodeId);
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    static std::optional<QJsonObject> paletteItem(const QMimeData *mime);
    void placeOverlays();
    void onScenarioLoaded();
    // Counts the lines on screen and decides whether they can be antialiased; run once
    // per event-loop turn after the visible area changed.
    void scheduleLineQuality();
    void updateLineQuality();

    NetworkScene *m_scene;
    CaptionOverlay *m_caption;
    ProviderLegend *m_legend;
    bool m_fitPending = true;
    QTimer m_lineQuality;
};

} // namespace Portolan::Console
