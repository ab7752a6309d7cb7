#include "console/canvas/traceitem.h"

#include "console/canvas/canvasstyle.h"
#include "console/canvas/nodeitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace Portolan::Console {

namespace {

// Marks are drawn at least this large on screen; the bounding rectangle leaves room for
// them down to a level of detail of MinLod.
constexpr double MarkRadius = 9;
constexpr double MinLod = 0.08;
constexpr double Margin = 70 / MinLod;

} // namespace

TraceItem::TraceItem(Layer layer, CanvasStyle *style)
    : m_layer(layer)
    , m_style(style)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(layer == Layer::Path ? 2 : 5);
}

void TraceItem::setHops(const QList<Hop> &hops)
{
    m_hops = hops;
    m_marks.clear();
    if (m_layer == Layer::Marks) {
        const QFontMetricsF metrics(m_style->badgeFont());
        for (qsizetype i = 0; i < m_hops.size(); ++i) {
            Mark mark;
            const QString number = QString::number(i + 1);
            mark.number.setText(number);
            mark.number.setTextFormat(Qt::PlainText);
            mark.number.prepare(QTransform(), m_style->badgeFont());
            mark.numberWidth = metrics.horizontalAdvance(number);
            mark.timing.setText(m_hops.at(i).timing);
            mark.timing.setTextFormat(Qt::PlainText);
            mark.timing.prepare(QTransform(), m_style->badgeFont());
            mark.timingWidth = metrics.horizontalAdvance(m_hops.at(i).timing);
            for (qsizetype j = 0; j < i; ++j) {
                if (m_hops.at(j).anchor == m_hops.at(i).anchor)
                    ++mark.stack;
            }
            m_marks.append(mark);
        }
    }
    m_revealed = std::min<int>(m_revealed, int(m_hops.size()));
    adjust();
}

void TraceItem::setRevealed(int count)
{
    count = std::clamp(count, 0, int(m_hops.size()));
    if (count == m_revealed)
        return;
    m_revealed = count;
    update();
}

void TraceItem::nodeMoved()
{
    adjust();
}

void TraceItem::adjust()
{
    prepareGeometryChange();
    QRectF bounds;
    for (const Hop &hop : std::as_const(m_hops)) {
        if (hop.anchor)
            bounds |= QRectF(hop.anchor->pos(), QSizeF(1, 1));
    }
    m_bounds = bounds.isNull() ? QRectF() : bounds.adjusted(-Margin, -Margin, Margin, Margin);
    update();
}

QRectF TraceItem::boundingRect() const
{
    return m_bounds;
}

void TraceItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const double lod = std::max(MinLod, CanvasStyle::levelOfDetail(painter));
    if (m_layer == Layer::Path)
        paintPath(painter, lod);
    else
        paintMarks(painter, lod);
}

void TraceItem::paintPath(QPainter *painter, double lod) const
{
    const QColor core = m_style->trace();
    QColor glow = core;
    glow.setAlpha(80);
    // Widths in device pixels, so the path stays visible however far one zooms out.
    const double pixel = 1.0 / lod;
    const QPen glowPen(glow, 11 * std::max(1.0, pixel), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    const QPen corePen(core, 3.5 * std::max(1.0, pixel), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    for (int i = 1; i < m_revealed; ++i) {
        const NodeItem *from = m_hops.at(i - 1).anchor;
        const NodeItem *to = m_hops.at(i).anchor;
        if (!from || !to || from == to)
            continue;
        const QLineF line(from->pos(), to->pos());
        painter->setPen(glowPen);
        painter->drawLine(line);
        painter->setPen(corePen);
        painter->drawLine(line);

        // An arrowhead a little past the middle: the direction of travel.
        const double size = 7 * std::max(1.0, pixel);
        if (line.length() < 3 * size)
            continue;
        const QPointF tip = line.pointAt(0.58);
        const QLineF unit = line.unitVector();
        const QPointF along(unit.dx() * size, unit.dy() * size);
        const QPointF across(-along.y() * 0.6, along.x() * 0.6);
        const QPolygonF head{tip + along * 0.5, tip - along * 0.7 + across, tip - along * 0.7 - across};
        painter->setPen(Qt::NoPen);
        painter->setBrush(core);
        painter->drawPolygon(head);
    }
}

void TraceItem::paintMarks(QPainter *painter, double lod) const
{
    const QColor core = m_style->trace();
    // On screen at least as large as at 1:1 when zoomed out, at most TextScaleCap times.
    const double scale = std::clamp(lod, 1.0, CanvasStyle::TextScaleCap) / lod;
    painter->setFont(m_style->badgeFont());
    for (int i = 0; i < m_revealed && i < m_marks.size(); ++i) {
        const NodeItem *node = m_hops.at(i).anchor;
        if (!node)
            continue;
        const Mark &mark = m_marks.at(i);
        const QTransform saved = painter->worldTransform();
        const double reach = node->iconSize() / 2;
        painter->translate(node->pos() + QPointF(-reach, -reach));
        painter->scale(scale, scale);
        painter->translate(0, -mark.stack * (2 * MarkRadius + 4));   // a node visited twice

        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(core);
        painter->drawEllipse(QPointF(), MarkRadius, MarkRadius);
        painter->setPen(Qt::white);
        const QSizeF numberSize = mark.number.size();
        painter->drawStaticText(QPointF(-mark.numberWidth / 2, -numberSize.height() / 2), mark.number);

        if (mark.timingWidth > 0) {
            const double height = 13;
            const QRectF pill(-MarkRadius - mark.timingWidth - 13, -height / 2, mark.timingWidth + 10, height);
            painter->setPen(QPen(core, 1.2));
            painter->setBrush(m_style->labelBackground());
            painter->drawRoundedRect(pill, height / 2, height / 2);
            painter->setPen(m_style->labelText());
            painter->drawStaticText(QPointF(pill.left() + 5, pill.center().y() - mark.timing.size().height() / 2),
                                    mark.timing);
        }
        painter->setWorldTransform(saved);
    }
}

} // namespace Portolan::Console
