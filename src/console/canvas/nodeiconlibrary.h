#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QString>

#include <array>
#include <memory>

class QSvgRenderer;

namespace Portolan::Console {

// The node icons (resources/icons/*.svg, compiled in under ":/icons/"), rasterised once
// per size on screen into pixmaps that every node of that kind shares, a router's
// provider ring included. Painting a node is then one pixmap blit, which is what keeps a
// canvas of a thousand nodes cheap; SVG is only rasterised when a new size is needed
// (after a zoom), and the cache is bounded.
class NodeIconLibrary
{
public:
    enum class Icon { InteriorRouter, EdgeRouter, Store, Factory, Truck, Worker, Generator, Device };
    static constexpr int IconCount = 8;
    static constexpr int MaxCachedPixmaps = 512;

    NodeIconLibrary();
    ~NodeIconLibrary();
    NodeIconLibrary(const NodeIconLibrary &) = delete;
    NodeIconLibrary &operator=(const NodeIconLibrary &) = delete;

    // Which icon a node gets: routers by kind, entities by role; unknown roles are devices.
    static Icon iconFor(const QString &kind, const QString &role);
    static QString resourcePath(Icon icon);
    // The icon as a QIcon, for palettes, menus and legends outside the canvas.
    static QIcon icon(const QString &kind, const QString &role);

    // The icon `pixels` device pixels wide, in colour or greyed out (failed nodes). With a
    // valid `ring` colour a ring `ringPixels` wide is drawn around it, `ringPixels` * 2/3
    // away (interior routers: a circle, others: a rounded square), and the pixmap grows to
    // hold it; the icon stays centred. `mirrored` flips it left to right (a truck driving
    // west). Never null.
    const QPixmap &pixmap(Icon icon, int pixels, bool grey, const QColor &ring = QColor(), double ringPixels = 0,
                          qreal devicePixelRatio = 1.0, bool mirrored = false);
    int cachedPixmapCount() const { return int(m_pixmaps.size()); }

private:
    struct Key
    {
        Icon icon;
        int pixels;
        bool grey;
        QRgb ring;
        int ringTenths;
        int dprTenths;
        bool mirrored;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, int(key.icon), key.pixels, key.grey, key.ring, key.ringTenths, key.dprTenths,
                              key.mirrored);
        }
    };

    QSvgRenderer &renderer(Icon icon);

    std::array<std::unique_ptr<QSvgRenderer>, IconCount> m_renderers;
    QHash<Key, QPixmap> m_pixmaps;
};

} // namespace Portolan::Console
