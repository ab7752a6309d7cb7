#include "console/panels/actionglyph.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace Portolan::Console {

namespace {

template<typename Draw>
QIcon drawn(Draw draw)
{
    QIcon icon;
    const QColor ink = QApplication::palette().color(QPalette::ButtonText);
    for (const int scale : {1, 2}) {
        QPixmap pixmap(16 * scale, 16 * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        draw(p, ink);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon ActionGlyph::chart()
{
    return drawn([](QPainter &p, const QColor &ink) {
        p.setPen(QPen(ink, 1.2));
        p.drawLine(QPointF(2.5, 2), QPointF(2.5, 13.5));
        p.drawLine(QPointF(2.5, 13.5), QPointF(14, 13.5));
        QPen line(QColor(0x3a, 0x7b, 0xd5), 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(line);
        const QPointF points[] = {{4.5, 11}, {7, 7.5}, {9.5, 9.5}, {13.5, 3.5}};
        p.drawPolyline(points, 4);
    });
}

QIcon ActionGlyph::trace()
{
    return drawn([](QPainter &p, const QColor &ink) {
        QPen pen(ink, 1.3, Qt::DashLine, Qt::RoundCap);
        p.setPen(pen);
        p.drawLine(QPointF(4, 12), QPointF(8, 5));
        p.drawLine(QPointF(8, 5), QPointF(12, 11));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd9, 0x6c, 0x1e));
        p.drawEllipse(QPointF(4, 12), 2.2, 2.2);
        p.drawEllipse(QPointF(8, 5), 2.2, 2.2);
        p.drawEllipse(QPointF(12, 11), 2.2, 2.2);
    });
}

QIcon ActionGlyph::play()
{
    return drawn([](QPainter &p, const QColor &ink) {
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        const QPointF triangle[] = {{4.5, 2.5}, {13.5, 8}, {4.5, 13.5}};
        p.drawPolygon(triangle, 3);
    });
}

QIcon ActionGlyph::pause()
{
    return drawn([](QPainter &p, const QColor &ink) {
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawRoundedRect(QRectF(4, 3, 3, 10), 0.8, 0.8);
        p.drawRoundedRect(QRectF(9, 3, 3, 10), 0.8, 0.8);
    });
}

QIcon ActionGlyph::step()
{
    return drawn([](QPainter &p, const QColor &ink) {
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        const QPointF triangle[] = {{3, 3}, {10.5, 8}, {3, 13}};
        p.drawPolygon(triangle, 3);
        p.drawRoundedRect(QRectF(11, 3, 2.5, 10), 0.8, 0.8);
    });
}

QIcon ActionGlyph::fire()
{
    return drawn([](QPainter &p, const QColor &) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xe0, 0x9b, 0x00));
        const QPointF bolt[] = {{9.5, 1.5}, {3.5, 9}, {7.5, 9}, {6.5, 14.5}, {12.5, 6.5}, {8.5, 6.5}, {10.5, 1.5}};
        p.drawPolygon(bolt, 7);
    });
}

QIcon ActionGlyph::follow()
{
    return drawn([](QPainter &p, const QColor &ink) {
        QPen pen(ink, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.drawLine(QPointF(8, 2.5), QPointF(8, 10));
        p.drawLine(QPointF(4.5, 7), QPointF(8, 10.5));
        p.drawLine(QPointF(11.5, 7), QPointF(8, 10.5));
        p.drawLine(QPointF(3, 13.5), QPointF(13, 13.5));
    });
}

} // namespace Portolan::Console
