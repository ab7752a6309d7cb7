#include "console/panels/nodeglyph.h"

#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QtMath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

enum class Symbol { Interior, Edge, Store, Factory, Truck, Worker, Generator, Other };

Symbol symbolOf(const QString &role)
{
    if (role == "interior"_L1 || role == "router"_L1)
        return Symbol::Interior;
    if (role == "edge"_L1)
        return Symbol::Edge;
    if (role == "store"_L1)
        return Symbol::Store;
    if (role == "factory"_L1)
        return Symbol::Factory;
    if (role == "truck"_L1)
        return Symbol::Truck;
    if (role == "worker"_L1 || role == "device"_L1)
        return Symbol::Worker;
    if (role == "generator"_L1 || role == "traffic"_L1)
        return Symbol::Generator;
    return Symbol::Other;
}

// A line with a filled arrow head at its end, in the 24-unit glyph frame.
void arrow(QPainter *p, QPointF from, QPointF to)
{
    p->drawLine(from, to);
    const QPointF d = to - from;
    const double length = std::hypot(d.x(), d.y());
    if (length <= 0)
        return;
    const QPointF u = d / length;
    const QPointF n(-u.y(), u.x());
    QPolygonF head;
    head << to + u * 1.2 << to - u * 3.0 + n * 2.6 << to - u * 3.0 - n * 2.6;
    p->save();
    p->setPen(Qt::NoPen);
    p->drawPolygon(head);
    p->restore();
}

void drawSymbol(QPainter *p, Symbol symbol, const QColor &tile)
{
    const QColor ink(Qt::white);
    QPen pen(ink, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p->setPen(pen);
    p->setBrush(ink);
    switch (symbol) {
    case Symbol::Interior: {
        // The classic router symbol: a disc with traffic passing both ways.
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(12, 12), 8.5, 8.5);
        p->setBrush(ink);
        arrow(p, QPointF(6.5, 9.5), QPointF(16.5, 9.5));
        arrow(p, QPointF(17.5, 14.5), QPointF(7.5, 14.5));
        break;
    }
    case Symbol::Edge: {
        // A gateway: a boundary line with traffic entering and leaving across it.
        p->drawLine(QPointF(4, 12), QPointF(20, 12));
        arrow(p, QPointF(8.5, 20), QPointF(8.5, 6.5));
        arrow(p, QPointF(15.5, 4), QPointF(15.5, 17.5));
        break;
    }
    case Symbol::Store: {
        // A shop front: striped awning, walls, a door.
        QPolygonF awning;
        awning << QPointF(3.5, 10) << QPointF(6, 4.5) << QPointF(18, 4.5) << QPointF(20.5, 10);
        p->setPen(Qt::NoPen);
        p->drawPolygon(awning);
        p->setPen(QPen(tile, 1.2));
        for (const double x : {9.0, 12.0, 15.0})
            p->drawLine(QPointF(x, 5.5), QPointF(x + (x - 12) * 0.35, 9.5));
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        p->drawRect(QRectF(5.5, 11, 13, 8.5));
        p->setPen(Qt::NoPen);
        p->setBrush(ink);
        p->drawRect(QRectF(10, 13.5, 4, 6));
        break;
    }
    case Symbol::Factory: {
        // A saw-tooth roof and a chimney.
        QPolygonF body;
        body << QPointF(3.5, 20) << QPointF(3.5, 11) << QPointF(8, 14) << QPointF(8, 11) << QPointF(12.5, 14)
             << QPointF(12.5, 11) << QPointF(15.5, 13) << QPointF(15.5, 4) << QPointF(19.5, 4) << QPointF(19.5, 20);
        p->setPen(Qt::NoPen);
        p->drawPolygon(body);
        p->setBrush(tile);
        p->drawRect(QRectF(6, 16, 2.5, 2.5));
        p->drawRect(QRectF(10.5, 16, 2.5, 2.5));
        break;
    }
    case Symbol::Truck: {
        p->setPen(Qt::NoPen);
        p->drawRoundedRect(QRectF(2.5, 7, 12, 9.5), 1, 1);
        QPolygonF cab;
        cab << QPointF(15.5, 10) << QPointF(19, 10) << QPointF(21.5, 13.2) << QPointF(21.5, 16.5)
            << QPointF(15.5, 16.5);
        p->drawPolygon(cab);
        p->setPen(QPen(tile, 1.5));
        p->drawEllipse(QPointF(7, 17.5), 2.4, 2.4);
        p->drawEllipse(QPointF(18, 17.5), 2.4, 2.4);
        break;
    }
    case Symbol::Worker: {
        // A gear: eight teeth around a ring.
        p->setPen(Qt::NoPen);
        for (int i = 0; i < 8; ++i) {
            p->save();
            p->translate(12, 12);
            p->rotate(i * 45.0);
            p->drawRoundedRect(QRectF(-1.8, -9.5, 3.6, 5), 0.8, 0.8);
            p->restore();
        }
        p->drawEllipse(QPointF(12, 12), 6.5, 6.5);
        p->setBrush(tile);
        p->drawEllipse(QPointF(12, 12), 2.6, 2.6);
        break;
    }
    case Symbol::Generator: {
        // A lightning bolt: a source of traffic.
        QPolygonF bolt;
        bolt << QPointF(13.5, 3) << QPointF(6, 13.5) << QPointF(11, 13.5) << QPointF(9.5, 21) << QPointF(18, 10)
             << QPointF(12.8, 10) << QPointF(15, 3);
        p->setPen(Qt::NoPen);
        p->drawPolygon(bolt);
        break;
    }
    case Symbol::Other:
        p->setPen(Qt::NoPen);
        p->drawEllipse(QPointF(12, 12), 5, 5);
        break;
    }
}

class GlyphEngine final : public QIconEngine
{
public:
    explicit GlyphEngine(QString role)
        : m_role(std::move(role))
    {
    }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        NodeGlyph::paint(painter, rect, m_role, mode != QIcon::Disabled);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }
    QIconEngine *clone() const override { return new GlyphEngine(m_role); }
    QString key() const override { return u"portolan-node-glyph"_s; }

private:
    QString m_role;
};

} // namespace

QColor NodeGlyph::color(const QString &role)
{
    switch (symbolOf(role)) {
    case Symbol::Interior:
        return QColor(0x3d, 0x4f, 0x6b);
    case Symbol::Edge:
        return QColor(0x13, 0x8d, 0x90);
    case Symbol::Store:
        return QColor(0xd9, 0x6c, 0x1e);
    case Symbol::Factory:
        return QColor(0x7e, 0x57, 0xc2);
    case Symbol::Truck:
        return QColor(0xc6, 0x3e, 0x3e);
    case Symbol::Worker:
        return QColor(0x2f, 0x80, 0xc8);
    case Symbol::Generator:
        return QColor(0x2e, 0x9d, 0x5b);
    case Symbol::Other:
        break;
    }
    return QColor(0x7f, 0x8c, 0x8d);
}

void NodeGlyph::paint(QPainter *painter, const QRectF &rect, const QString &role, bool enabled)
{
    const double side = qMin(rect.width(), rect.height());
    if (side <= 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!enabled)
        painter->setOpacity(0.45);
    const QRectF tile(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    QColor fill = color(role);
    QLinearGradient shade(tile.topLeft(), tile.bottomLeft());
    shade.setColorAt(0, fill.lighter(112));
    shade.setColorAt(1, fill.darker(108));
    painter->setPen(QPen(fill.darker(135), qMax(1.0, side / 32)));
    painter->setBrush(shade);
    const double inset = qMax(0.5, side / 48);
    painter->drawRoundedRect(tile.adjusted(inset, inset, -inset, -inset), side * 0.22, side * 0.22);
    // The symbols are drawn in a 24-unit frame with a margin.
    painter->translate(tile.topLeft());
    painter->scale(side / 24.0, side / 24.0);
    painter->translate(12, 12);
    painter->scale(0.82, 0.82);
    painter->translate(-12, -12);
    drawSymbol(painter, symbolOf(role), fill);
    painter->restore();
}

QIcon NodeGlyph::icon(const QString &role)
{
    return QIcon(new GlyphEngine(role));
}

} // namespace Portolan::Console
