#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPixmap>
#include <QString>
#include <QTransform>

class QPainter;

namespace Portolan::Console {

// Small pieces the canvas draws many times (badge and cost pills, flow beads, the dots
// of nodes too small for an icon), rasterised once per look and scale and then blitted
// in device pixels: crisp, and far cheaper than antialiased vector drawing per item.
// Keys include the scale, so the cache is bounded and dropped when it outgrows that.
class CanvasPixmaps
{
public:
    static constexpr int MaxEntries = 2048;
    static constexpr double PillHeight = 12;   // scene units

    // A rounded pill with centred text, PillHeight high, at `scale` device pixels per unit.
    const QPixmap &pill(const QString &text, const QFont &font, const QColor &fill, const QColor &border,
                        const QColor &textColor, double scale, qreal devicePixelRatio);
    // A disc of `radius` device pixels, with an optional border (invalid colour: none).
    const QPixmap &disc(const QColor &fill, const QColor &border, double radius, qreal devicePixelRatio);
    int size() const { return int(m_pills.size() + m_discs.size()); }
    void clear();

    // Draws a pixmap centred on an item point. Under a scale-and-translate transform it
    // is blitted on whole device pixels (the pixmap was rendered for that scale);
    // otherwise it is drawn scaled.
    static void drawCentred(QPainter *painter, const QTransform &world, const QPointF &itemPoint, const QPixmap &pixmap);
    // The same with the pixmap's top-left corner on the item point.
    static void drawAt(QPainter *painter, const QTransform &world, const QPointF &itemPoint, const QPixmap &pixmap);

private:
    struct PillKey
    {
        QString text;
        QRgb fill;
        QRgb border;
        QRgb textColor;
        int scale;   // hundredths
        int font;    // pixel size
        friend bool operator==(const PillKey &, const PillKey &) = default;
        friend size_t qHash(const PillKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.fill, key.border, key.textColor, key.scale, key.font);
        }
    };
    struct DiscKey
    {
        QRgb fill;
        QRgb border;
        int radius;   // tenths of a pixel
        friend bool operator==(const DiscKey &, const DiscKey &) = default;
        friend size_t qHash(const DiscKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.fill, key.border, key.radius);
        }
    };

    void makeRoom();

    QHash<PillKey, QPixmap> m_pills;
    QHash<DiscKey, QPixmap> m_discs;
};

} // namespace Portolan::Console
