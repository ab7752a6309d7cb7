#include "console/canvas/nodeiconlibrary.h"

#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcIcons, "portolan.console.canvas.icons")

namespace Portolan::Console {

namespace {

constexpr int LargestPixmap = 1024;

QImage greyedOut(const QImage &source)
{
    // Luminance kept, colour dropped, lightened a little: a failed node reads as "off"
    // while its shape stays recognisable.
    QImage image = source.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = line[x];
            const int alpha = qAlpha(pixel);
            if (alpha == 0)
                continue;
            const int grey = qGray(pixel);                               // premultiplied grey
            const int lighter = grey + (alpha - grey) * 35 / 100;       // towards white
            line[x] = qRgba(lighter, lighter, lighter, alpha);
        }
    }
    return image;
}

} // namespace

NodeIconLibrary::NodeIconLibrary() = default;
NodeIconLibrary::~NodeIconLibrary() = default;

NodeIconLibrary::Icon NodeIconLibrary::iconFor(const QString &kind, const QString &role)
{
    if (kind == "interior"_L1)
        return Icon::InteriorRouter;
    if (kind == "edge"_L1)
        return Icon::EdgeRouter;
    if (role == "store"_L1)
        return Icon::Store;
    if (role == "factory"_L1)
        return Icon::Factory;
    if (role == "truck"_L1)
        return Icon::Truck;
    if (role == "worker"_L1)
        return Icon::Worker;
    if (role == "generator"_L1)
        return Icon::Generator;
    return Icon::Device;
}

QString NodeIconLibrary::resourcePath(Icon icon)
{
    switch (icon) {
    case Icon::InteriorRouter:
        return u":/icons/interior-router.svg"_s;
    case Icon::EdgeRouter:
        return u":/icons/edge-router.svg"_s;
    case Icon::Store:
        return u":/icons/store.svg"_s;
    case Icon::Factory:
        return u":/icons/factory.svg"_s;
    case Icon::Truck:
        return u":/icons/truck.svg"_s;
    case Icon::Worker:
        return u":/icons/worker.svg"_s;
    case Icon::Generator:
        return u":/icons/generator.svg"_s;
    case Icon::Device:
        return u":/icons/device.svg"_s;
    }
    return {};
}

QIcon NodeIconLibrary::icon(const QString &kind, const QString &role)
{
    return QIcon(resourcePath(iconFor(kind, role)));
}

QSvgRenderer &NodeIconLibrary::renderer(Icon icon)
{
    std::unique_ptr<QSvgRenderer> &slot = m_renderers[std::size_t(icon)];
    if (!slot) {
        slot = std::make_unique<QSvgRenderer>(resourcePath(icon));
        if (!slot->isValid())
            qCWarning(lcIcons) << "cannot load node icon" << resourcePath(icon);
    }
    return *slot;
}

const QPixmap &NodeIconLibrary::pixmap(Icon icon, int pixels, bool grey, const QColor &ring, double ringPixels,
                                       qreal devicePixelRatio, bool mirrored)
{
    pixels = std::clamp(pixels, 1, LargestPixmap);
    const bool ringed = ring.isValid() && ringPixels > 0;
    const Key key{icon, pixels, grey, ringed ? ring.rgba() : 0u, ringed ? int(std::lround(ringPixels * 10)) : 0,
                  int(std::lround(devicePixelRatio * 10)), mirrored};
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return it.value();
    if (m_pixmaps.size() >= MaxCachedPixmaps)
        m_pixmaps.clear();   // sizes of earlier zoom levels; what is on screen comes back at once

    const double gap = ringed ? ringPixels * 2 / 3 : 0;
    const double margin = ringed ? std::ceil(gap + ringPixels + 0.5) : 0;
    const int side = pixels + 2 * int(margin);
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF iconRect(margin, margin, pixels, pixels);
        renderer(icon).render(&painter, iconRect);
        if (ringed) {
            // The provider ring: which cloud a router belongs to, at a glance.
            const QRectF ringRect = iconRect.adjusted(-gap - ringPixels / 2, -gap - ringPixels / 2,
                                                      gap + ringPixels / 2, gap + ringPixels / 2);
            painter.setPen(QPen(ring, ringPixels));
            painter.setBrush(Qt::NoBrush);
            if (icon == Icon::InteriorRouter)
                painter.drawEllipse(ringRect);
            else
                painter.drawRoundedRect(ringRect, ringRect.width() * 0.24, ringRect.height() * 0.24);
        }
    }
    if (grey)
        image = greyedOut(image);
    if (mirrored)
        image = std::move(image).mirrored(true, false);
    QPixmap pixmap = QPixmap::fromImage(std::move(image));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return m_pixmaps.insert(key, std::move(pixmap)).value();
}

} // namespace Portolan::Console
