#include "console/canvas/linkitem.h"

#include "console/canvas/canvasstyle.h"
#include "console/canvas/nodeitem.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr double BaseWidth = 1.6;     // device pixels at 1:1, idle
constexpr double MaxWidth = 7.5;      // device pixels at 1:1, however busy
constexpr double Margin = 16;          // around the line: widest pen, selection glow, marks
constexpr double FlowSpacing = 34;     // scene units between flow marks
constexpr double FlowMarkLength = 8;
constexpr double MinFlowRate = 0.5;   // frames/s below which a link is idle: no marks

LinkState stateFromText(const QString &text)
{
    if (text == "up"_L1)
        return LinkState::Up;
    if (text == "down"_L1)
        return LinkState::Down;
    if (text == "cut"_L1)
        return LinkState::Cut;
    return LinkState::Unknown;
}

} // namespace

LinkSample LinkSample::fromJson(const QJsonObject &link)
{
    LinkSample sample;
    sample.state = stateFromText(link.value("state"_L1).toString());
    sample.rateIn = std::max(0.0, link.value("rateIn"_L1).toDouble());
    sample.rateOut = std::max(0.0, link.value("rateOut"_L1).toDouble());
    const QJsonValue cost = link.value("cost"_L1);
    sample.cost = cost.isDouble() ? cost.toInt(-1) : -1;
    return sample;
}

LinkItem::LinkItem(NodeItem *a, NodeItem *b, const QString &provider, const QColor &color, int cost,
                   CanvasStyle *style)
    : m_style(style)
    , m_a(a)
    , m_b(b)
    , m_provider(provider)
    , m_color(color)
    , m_configuredCost(cost)
{
    setFlags(ItemIsSelectable);
    // Presses go through to the view: dragging from a link pans like dragging the map
    // (zoomed out, links cover most of it). The scene turns a click on it into activation.
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    adjust();
    refreshAppearance(true);
}

void LinkItem::setProvider(const QString &provider, const QColor &color)
{
    m_provider = provider;
    m_color = color;
    update();
}

void LinkItem::setConfiguredCost(int cost)
{
    m_configuredCost = cost;
    refreshAppearance(false);
}

int LinkItem::cost() const
{
    if (m_sampleA.cost >= 0)
        return std::max(m_sampleA.cost, m_sampleB.cost);
    if (m_sampleB.cost >= 0)
        return m_sampleB.cost;
    return m_configuredCost;
}

void LinkItem::setSample(const NodeItem *end, const LinkSample &sample)
{
    LinkSample &slot = end == m_a ? m_sampleA : m_sampleB;
    if (slot == sample)
        return;
    slot = sample;
    refreshAppearance(false);
}

LinkState LinkItem::reportedState() const
{
    const LinkState a = m_sampleA.state;
    const LinkState b = m_sampleB.state;
    if (a == LinkState::Cut || b == LinkState::Cut)
        return LinkState::Cut;
    if (a == LinkState::Down || b == LinkState::Down)
        return LinkState::Down;
    if (a == LinkState::Up || b == LinkState::Up)
        return LinkState::Up;
    return LinkState::Unknown;
}

LinkState LinkItem::state() const
{
    if (m_a->isUnreachable() || m_b->isUnreachable()) {
        // An operator's cut stays visible even while an end is down.
        return reportedState() == LinkState::Cut ? LinkState::Cut : LinkState::Down;
    }
    return reportedState();
}

double LinkItem::rate() const
{
    return std::max(m_sampleA.total(), m_sampleB.total());
}

double LinkItem::rateFrom(const NodeItem *end) const
{
    // Either end may be the one reporting: what a sends is what b receives.
    if (end == m_a)
        return std::max(m_sampleA.rateOut, m_sampleB.rateIn);
    return std::max(m_sampleB.rateOut, m_sampleA.rateIn);
}

double LinkItem::lineWidth() const
{
    if (state() != LinkState::Up)
        return BaseWidth;
    // Logarithmic: 10 frames/s is clearly busier than idle, 1,000 clearly busier than 10,
    // and no rate makes a line swallow its neighbours.
    return std::min(MaxWidth, BaseWidth + 1.5 * std::log10(1.0 + rate()));
}

void LinkItem::refreshAppearance(bool force)
{
    const LinkState drawnState = state();
    const double width = std::round(lineWidth() * 4) / 4;   // quarter pixels: no repaint for noise
    const int shownCost = cost();
    const bool costChanged = shownCost != m_drawnCost || m_costLabel.isEmpty();
    if (!force && drawnState == m_drawnState && width == m_drawnWidth && !costChanged)
        return;
    if (costChanged) {
        QString text = QString::number(shownCost);
        if (m_sampleA.cost >= 0 && m_sampleB.cost >= 0 && m_sampleA.cost != m_sampleB.cost)
            text = u"%1/%2"_s.arg(m_sampleA.cost).arg(m_sampleB.cost);
        m_costLabel = text;
    }
    if (drawnState != m_drawnState || force) {
        // A broken link is drawn over working ones it overlaps: the failure is the news.
        setZValue(drawnState == LinkState::Cut ? 1.3 : drawnState == LinkState::Down ? 1.2 : 1.0);
    }
    m_drawnState = drawnState;
    m_drawnWidth = width;
    m_drawnCost = shownCost;
    update();
}

bool LinkItem::advanceFlow(qint64 nowMs)
{
    const qint64 elapsed = m_lastFlowMs < 0 ? 0 : std::clamp<qint64>(nowMs - m_lastFlowMs, 0, 100);
    m_lastFlowMs = nowMs;
    if (!m_marksShown || m_drawnState != LinkState::Up || rate() < MinFlowRate)
        return false;
    // Busier links flow faster, within a range the eye can follow.
    const double speed = std::min(160.0, 24.0 + 22.0 * std::log2(1.0 + rate()));   // units/s
    m_flowPhase = std::fmod(m_flowPhase + speed * double(elapsed) / 1000.0, FlowSpacing);
    update();
    return true;
}

void LinkItem::nodeMoved()
{
    adjust();
}

void LinkItem::adjust()
{
    prepareGeometryChange();
    m_line = QLineF(m_a->pos(), m_b->pos());
    m_bounds = QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-Margin, -Margin, Margin, Margin);
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    m_shape = stroker.createStroke(path);
}

QRectF LinkItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath LinkItem::shape() const
{
    return m_shape;
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QTransform world = painter->worldTransform();
    const double lod = CanvasStyle::levelOfDetail(world);
    const LinkState drawn = m_drawnState;
    const bool interactive = !m_style->presentation;
    // Widths are screen pixels, growing only gently with the zoom: zoomed out the lines
    // would vanish, zoomed in they would swallow the map. Never thinner than a device
    // pixel, and never exactly one: Qt rasterises wider pens as spans, about twice as fast
    // as its one-pixel line stepping. Bounded by the item's margin in scene units.
    const double pixels = (m_drawnWidth + (m_hovered && interactive ? 1.5 : 0)) * std::sqrt(std::clamp(lod, 0.5, 2.0));
    const double width = std::min(2 * Margin - 4, std::max(pixels, 1.05) / lod);

    const double baseOpacity = painter->opacity();
    if (m_style->traceActive)
        painter->setOpacity(baseOpacity * 0.35);

    if (isSelected() && interactive) {
        QColor glow = m_style->selection();
        glow.setAlpha(110);
        painter->setPen(QPen(glow, std::min(2 * Margin - 2, width + 7 / lod), Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(m_line);
    }

    QColor color = m_color;
    const bool broken = drawn == LinkState::Down || drawn == LinkState::Cut;
    if (broken)
        color.setAlpha(175);
    QPen pen(color, width, Qt::SolidLine, Qt::FlatCap);
    if (broken)
        pen.setDashPattern({3.0, 2.2});
    painter->setPen(pen);
    painter->drawLine(m_line);

    // Only where the view can afford antialiasing, i.e. with few lines on screen: moving
    // marks on hundreds of lines would be noise, and costly.
    m_marksShown = drawn == LinkState::Up && lod >= CanvasStyle::FlowMarksFrom && rate() >= MinFlowRate
                   && painter->testRenderHint(QPainter::Antialiasing);
    if (m_marksShown)
        paintFlowMarks(painter, width, lod);

    if (drawn == LinkState::Cut && lod >= 0.3)
        paintCutMark(painter, lod);
    else if (lod >= CanvasStyle::CostsFrom && m_line.length() * lod > 70)
        paintCostPill(painter, world, lod, CanvasStyle::devicePixelRatio(painter));

    if (m_style->traceActive)
        painter->setOpacity(baseOpacity);
}

void LinkItem::paintFlowMarks(QPainter *painter, double width, double lod) const
{
    const bool forward = rateFrom(m_a) >= rateFrom(m_b);
    const NodeItem *from = forward ? m_a : m_b;
    const NodeItem *to = forward ? m_b : m_a;
    const QLineF line = forward ? m_line : QLineF(m_line.p2(), m_line.p1());
    const double length = line.length();
    const double start = from->iconSize() / 2 + 3;
    const double end = length - to->iconSize() / 2 - 3;
    if (end <= start)
        return;
    // Light dashes riding on the solid line and moving with the traffic: the line stays
    // whole, so they never read as a dashed (down) link. One dashed stroke draws them all;
    // the dash offset moves them.
    const double markWidth = std::max(1.05 / lod, width * 0.5);
    QPen pen(QColor(255, 255, 255, 215), markWidth, Qt::SolidLine, Qt::FlatCap);
    const double period = FlowSpacing / markWidth;
    pen.setDashPattern({FlowMarkLength / markWidth, (FlowSpacing - FlowMarkLength) / markWidth});
    pen.setDashOffset(period - std::fmod(m_flowPhase / markWidth, period));
    painter->setPen(pen);
    painter->drawLine(QLineF(line.pointAt(start / length), line.pointAt(end / length)));
}

void LinkItem::paintCostPill(QPainter *painter, const QTransform &world, double lod, qreal dpr) const
{
    const QPixmap &pill = m_style->pixmaps().pill(m_costLabel, m_style->badgeFont(), m_style->labelBackground(), m_color,
                                                  m_style->labelText(), CanvasStyle::textScale(lod), dpr);
    CanvasPixmaps::drawCentred(painter, world, m_line.center(), pill);
}

void LinkItem::paintCutMark(QPainter *painter, double lod) const
{
    // Stays readable when zoomed out, within the item's margin.
    const double radius = std::min(Margin - 2, std::max(8.0 * CanvasStyle::textScale(lod) / lod, 6.0 / lod));
    const QPointF centre = m_line.center();
    painter->setPen(QPen(Qt::white, radius * 0.22));
    painter->setBrush(CanvasStyle::failed());
    painter->drawEllipse(centre, radius, radius);
    const double arm = radius * 0.45;
    painter->setPen(QPen(Qt::white, radius * 0.28, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm));
    painter->drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm));
}

} // namespace Portolan::Console
