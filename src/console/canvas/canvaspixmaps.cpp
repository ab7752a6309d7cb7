#include "console/canvas/canvaspixmaps.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace Portolan::Console {

namespace {

QPixmap finished(QImage image, qreal devicePixelRatio)
{
    QPixmap pixmap = QPixmap::fromImage(std::move(image));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return pixmap;
}

} // namespace

void CanvasPixmaps::clear()
{
    m_pills.clear();
    m_discs.clear();
}

void CanvasPixmaps::makeRoom()
{
    if (size() >= MaxEntries)
        clear();   // earlier zoom levels; what is on screen is rebuilt on the next frame
}

const QPixmap &CanvasPixmaps::pill(const QString &text, const QFont &font, const QColor &fill, const QColor &border,
                                   const QColor &textColor, double scale, qreal devicePixelRatio)
{
    const PillKey key{text, fill.rgba(), border.rgba(), textColor.rgba(), int(std::lround(scale * devicePixelRatio * 100)),
                      font.pixelSize()};
    auto it = m_pills.find(key);
    if (it != m_pills.end())
        return it.value();
    makeRoom();

    const double pixelScale = scale * devicePixelRatio;
    const QFontMetricsF metrics(font);
    const double width = std::max(PillHeight, metrics.horizontalAdvance(text) + 7);
    const QSize size(int(std::ceil(width * pixelScale)) + 2, int(std::ceil(PillHeight * pixelScale)) + 2);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        painter.translate(1, 1);
        painter.scale(pixelScale, pixelScale);
        const QRectF body(0, 0, width, PillHeight);
        painter.setPen(border.isValid() ? QPen(border, 1.2) : QPen(Qt::NoPen));
        painter.setBrush(fill);
        painter.drawRoundedRect(body.adjusted(0.6, 0.6, -0.6, -0.6), PillHeight / 2 - 0.6, PillHeight / 2 - 0.6);
        painter.setFont(font);
        painter.setPen(textColor);
        painter.drawText(body, Qt::AlignCenter, text);
    }
    return m_pills.insert(key, finished(std::move(image), devicePixelRatio)).value();
}

const QPixmap &CanvasPixmaps::disc(const QColor &fill, const QColor &border, double radius, qreal devicePixelRatio)
{
    const DiscKey key{fill.rgba(), border.isValid() ? border.rgba() : 0u,
                      int(std::lround(radius * devicePixelRatio * 10))};
    auto it = m_discs.find(key);
    if (it != m_discs.end())
        return it.value();
    makeRoom();

    const double r = radius * devicePixelRatio;
    const int side = int(std::ceil(2 * r)) + 2;
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        const double borderWidth = border.isValid() ? std::max(0.8, r * 0.28) : 0;
        painter.setPen(border.isValid() ? QPen(border, borderWidth) : QPen(Qt::NoPen));
        painter.setBrush(fill);
        const double inner = r - borderWidth / 2;
        painter.drawEllipse(QPointF(side / 2.0, side / 2.0), inner, inner);
    }
    return m_discs.insert(key, finished(std::move(image), devicePixelRatio)).value();
}

void CanvasPixmaps::drawAt(QPainter *painter, const QTransform &world, const QPointF &itemPoint, const QPixmap &pixmap)
{
    if (world.type() <= QTransform::TxScale) {
        const QPointF device = world.map(itemPoint);
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(QPointF(std::round(device.x()), std::round(device.y())), pixmap);
        painter->setWorldTransform(world);
        return;
    }
    const double scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(world);
    painter->drawPixmap(QRectF(itemPoint, pixmap.deviceIndependentSize() / scale), pixmap, QRectF(pixmap.rect()));
}

void CanvasPixmaps::drawCentred(QPainter *painter, const QTransform &world, const QPointF &itemPoint,
                                const QPixmap &pixmap)
{
    const QSizeF size = pixmap.deviceIndependentSize();
    if (world.type() <= QTransform::TxScale) {
        const QPointF device = world.map(itemPoint) - QPointF(size.width() / 2, size.height() / 2);
        painter->setWorldTransform(QTransform());
        painter->drawPixmap(QPointF(std::round(device.x()), std::round(device.y())), pixmap);
        painter->setWorldTransform(world);
        return;
    }
    const double scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(world);
    const QSizeF scene = size / scale;
    painter->drawPixmap(QRectF(itemPoint - QPointF(scene.width() / 2, scene.height() / 2), scene), pixmap,
                        QRectF(pixmap.rect()));
}

} // namespace Portolan::Console
