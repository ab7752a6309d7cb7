#pragma once

#include "console/canvas/nodefollower.h"

#include <QColor>
#include <QGraphicsItem>
#include <QJsonObject>
#include <QLineF>
#include <QPainterPath>

namespace Portolan::Console {

class CanvasStyle;
class NodeItem;

enum class LinkState { Unknown, Up, Down, Cut };

// One end's report of a link: the `links[peer]` entry of a router's telemetry.
struct LinkSample
{
    LinkState state = LinkState::Unknown;
    double rateIn = 0;     // frames/s arriving at this end
    double rateOut = 0;    // frames/s this end sends
    int cost = -1;         // -1 = not reported
    double total() const { return rateIn + rateOut; }
    static LinkSample fromJson(const QJsonObject &link);
    friend bool operator==(const LinkSample &, const LinkSample &) = default;
};

// A link between two routers (backbone link or an edge router's uplink), drawn in its
// provider's colour, wider the more traffic it carries, dashed when down, with a red
// mark when the operator cut it, its cost at its middle and, when zoomed in, marks
// flowing in the direction of the traffic. Identity: the unordered pair of its nodes.
class LinkItem : public QGraphicsItem, public NodeFollower
{
public:
    enum { Type = UserType + 2 };

    LinkItem(NodeItem *a, NodeItem *b, const QString &provider, const QColor &color, int cost, CanvasStyle *style);
    int type() const override { return Type; }

    NodeItem *nodeA() const { return m_a; }
    NodeItem *nodeB() const { return m_b; }
    NodeItem *otherEnd(const NodeItem *end) const { return end == m_a ? m_b : m_a; }
    bool joins(const NodeItem *end) const { return end == m_a || end == m_b; }

    const QString &provider() const { return m_provider; }
    QColor color() const { return m_color; }
    void setProvider(const QString &provider, const QColor &color);
    int configuredCost() const { return m_configuredCost; }
    void setConfiguredCost(int cost);
    // The cost the routers report (it can be changed at run time), else the configured one.
    int cost() const;

    // Takes one end's telemetry; repaints only when what is drawn changes.
    void setSample(const NodeItem *end, const LinkSample &sample);
    const LinkSample &sample(const NodeItem *end) const { return end == m_a ? m_sampleA : m_sampleB; }

    LinkState reportedState() const;   // from the ends' telemetry: cut > down > up > unknown
    // What is drawn: down when an end node failed or is gone, whatever was last reported.
    LinkState state() const;
    bool isDashed() const { return state() == LinkState::Down || state() == LinkState::Cut; }
    double rate() const;                           // frames/s: the larger of the two ends' totals
    double rateFrom(const NodeItem *end) const;    // frames/s leaving `end` along the link
    double lineWidth() const;                      // device pixels at 1:1; traffic widens the line

    // Moves the flow marks on; false when none are on screen (nothing to animate).
    bool advanceFlow(qint64 nowMs);
    // Repaint after an end node's status changed.
    void endStatusChanged() { refreshAppearance(true); }

    void nodeMoved() override;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void adjust();
    void refreshAppearance(bool force);
    void paintFlowMarks(QPainter *painter, double width, double lod) const;
    void paintCostPill(QPainter *painter, const QTransform &world, double lod, qreal dpr) const;
    void paintCutMark(QPainter *painter, double lod) const;

    CanvasStyle *m_style;
    NodeItem *m_a;
    NodeItem *m_b;
    QString m_provider;
    QColor m_color;
    int m_configuredCost;
    LinkSample m_sampleA;
    LinkSample m_sampleB;

    // What was last drawn, to repaint only on visible change.
    LinkState m_drawnState = LinkState::Unknown;
    double m_drawnWidth = 0;
    int m_drawnCost = -1;

    QLineF m_line;
    QRectF m_bounds;
    QPainterPath m_shape;
    QString m_costLabel;
    bool m_hovered = false;

    double m_flowPhase = 0;
    qint64 m_lastFlowMs = -1;
    mutable bool m_marksShown = false;   // set while painting: were flow marks on screen
};

} // namespace Portolan::Console
