#include "console/canvas/mapbackground.h"

#include "console/canvas/canvasstyle.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QLoggingCategory>
#include <QPainter>
#include <QSvgRenderer>
#include <QVarLengthArray>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcMap, "portolan.console.canvas.map")

namespace Portolan::Console {

namespace {

constexpr double GridMinor = 20;
constexpr double GridMajor = 100;
constexpr double MaxCachePixels = 4096;   // per side of the rasterised art

} // namespace

MapBackground::MapBackground() = default;
MapBackground::~MapBackground() = default;

QString MapBackground::resolve(const QString &image, const QString &scenarioFile)
{
    if (image.isEmpty())
        return {};
    if (QFileInfo(image).isAbsolute())
        return QFileInfo::exists(image) ? image : QString();
    const QString compiledIn = u":/"_s + image;
    if (QFileInfo::exists(compiledIn))
        return compiledIn;
    if (!scenarioFile.isEmpty()) {
        const QDir dir = QFileInfo(scenarioFile).absoluteDir();
        for (const QString &candidate : {dir.filePath(image), dir.filePath(u"../"_s + image)}) {
            if (QFileInfo::exists(candidate))
                return QDir::cleanPath(candidate);
        }
    }
    return {};
}

bool MapBackground::setImage(const QString &path)
{
    m_path.clear();
    m_svg.reset();
    m_raster = QImage();
    m_cache = QPixmap();
    m_cacheScale = 0;
    if (path.isEmpty())
        return false;
    if (path.endsWith(".svg"_L1, Qt::CaseInsensitive) || path.endsWith(".svgz"_L1, Qt::CaseInsensitive)) {
        auto svg = std::make_unique<QSvgRenderer>(path);
        if (!svg->isValid()) {
            qCWarning(lcMap) << "cannot read the map" << path << "- drawing a plain grid";
            return false;
        }
        m_svg = std::move(svg);
    } else {
        QImageReader reader(path);
        m_raster = reader.read();
        if (m_raster.isNull()) {
            qCWarning(lcMap) << "cannot read the map" << path << ":" << reader.errorString() << "- drawing a plain grid";
            return false;
        }
    }
    m_path = path;
    return true;
}

void MapBackground::setFrame(const QRectF &frame)
{
    if (m_frame == frame)
        return;
    m_frame = frame;
    m_cache = QPixmap();
    m_cacheScale = 0;
}

void MapBackground::paint(QPainter *painter, const QRectF &exposed, const CanvasStyle &style)
{
    painter->fillRect(exposed, style.outsideMap());
    const QRectF visible = exposed & m_frame;
    if (!visible.isEmpty()) {
        if (hasImage())
            paintArt(painter, visible);
        else
            paintGrid(painter, visible, style);
    }
    // A hairline edge, so the map reads as a sheet on the canvas.
    QPen edge(style.gridMajor(), 0);
    edge.setCosmetic(true);
    painter->setPen(edge);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(m_frame);
}

void MapBackground::paintArt(QPainter *painter, const QRectF &exposed)
{
    const double dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const double lod = CanvasStyle::levelOfDetail(painter) * dpr;
    // Powers of two: zooming re-rasterises rarely, and the art is never drawn up by more
    // than 2x nor down by more than 2x (within the size limit).
    double scale = std::pow(2.0, std::ceil(std::log2(std::max(lod, 1e-3))));
    scale = std::clamp(scale, 0.25, 8.0);
    const double longest = std::max(m_frame.width(), m_frame.height());
    while (scale > 0.25 && longest * scale > MaxCachePixels)
        scale /= 2;

    if (scale != m_cacheScale || m_cache.isNull()) {
        const QSize size(std::max(1, int(std::ceil(m_frame.width() * scale))),
                         std::max(1, int(std::ceil(m_frame.height() * scale))));
        if (m_svg) {
            QImage image(size, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter art(&image);
            art.setRenderHint(QPainter::Antialiasing);
            m_svg->render(&art, QRectF(QPointF(), QSizeF(size)));
            art.end();
            m_cache = QPixmap::fromImage(std::move(image));
        } else {
            m_cache = QPixmap::fromImage(m_raster.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
        }
        m_cacheScale = scale;
    }

    // Only the exposed part of the pixmap is drawn.
    const double sx = m_cache.width() / m_frame.width();
    const double sy = m_cache.height() / m_frame.height();
    const QRectF source((exposed.left() - m_frame.left()) * sx, (exposed.top() - m_frame.top()) * sy,
                        exposed.width() * sx, exposed.height() * sy);
    painter->drawPixmap(exposed, m_cache, source);
}

void MapBackground::paintGrid(QPainter *painter, const QRectF &exposed, const CanvasStyle &style) const
{
    painter->fillRect(exposed, style.gridBase());
    const double lod = CanvasStyle::levelOfDetail(painter);
    // Hairlines on whole pixels: antialiased they would blur into two grey pixels.
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const auto drawLines = [&](double spacing, const QColor &color) {
        if (spacing * lod < 6)   // denser than this is noise, not a grid
            return;
        QVarLengthArray<QLineF, 256> lines;
        const double left = m_frame.left() + std::ceil((exposed.left() - m_frame.left()) / spacing) * spacing;
        for (double x = left; x <= exposed.right(); x += spacing)
            lines.append(QLineF(x, exposed.top(), x, exposed.bottom()));
        const double top = m_frame.top() + std::ceil((exposed.top() - m_frame.top()) / spacing) * spacing;
        for (double y = top; y <= exposed.bottom(); y += spacing)
            lines.append(QLineF(exposed.left(), y, exposed.right(), y));
        QPen pen(color, 0);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLines(lines.constData(), int(lines.size()));
    };
    drawLines(GridMinor, style.gridMinor());
    drawLines(GridMajor, style.gridMajor());
    painter->setRenderHint(QPainter::Antialiasing, antialiased);
}

} // namespace Portolan::Console
