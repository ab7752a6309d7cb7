#pragma once

#include <QImage>
#include <QPixmap>
#include <QRectF>
#include <QString>

#include <memory>

class QPainter;
class QSvgRenderer;

namespace Portolan::Console {

class CanvasStyle;

// The scenario's map under the network: its art (SVG or a raster image) stretched over
// the map's coordinate frame, or a plain grid when there is none. The art is rasterised
// at the zoom level in use (in powers of two) and kept, so painting is one pixmap blit.
class MapBackground
{
public:
    MapBackground();
    ~MapBackground();
    MapBackground(const MapBackground &) = delete;
    MapBackground &operator=(const MapBackground &) = delete;

    // Where Scenario::map.image points: a path relative to resources/ (compiled in under
    // ":/"), an absolute path, or a path relative to the scenario file or its parent
    // folder. Empty when it is not found.
    static QString resolve(const QString &image, const QString &scenarioFile);

    // Loads the art; an empty path or an unreadable file leaves the grid (returns false).
    bool setImage(const QString &path);
    QString imagePath() const { return m_path; }
    bool hasImage() const { return m_svg || !m_raster.isNull(); }
    void setFrame(const QRectF &frame);
    QRectF frame() const { return m_frame; }

    void paint(QPainter *painter, const QRectF &exposed, const CanvasStyle &style);

private:
    void paintArt(QPainter *painter, const QRectF &exposed);
    void paintGrid(QPainter *painter, const QRectF &exposed, const CanvasStyle &style) const;

    QString m_path;
    QRectF m_frame{0, 0, 1000, 700};
    std::unique_ptr<QSvgRenderer> m_svg;
    QImage m_raster;
    QPixmap m_cache;
    double m_cacheScale = 0;
};

} // namespace Portolan::Console
