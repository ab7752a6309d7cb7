#include "console/canvas/traceoverlay.h"

#include "console/canvas/canvasstyle.h"
#include "console/canvas/nodeitem.h"
#include "console/canvas/traceitem.h"

#include <QCoreApplication>
#include <QGraphicsScene>

#include <algorithm>

namespace Portolan::Console {

TraceOverlay::TraceOverlay(QGraphicsScene *scene, CanvasStyle *style)
    : m_scene(scene)
    , m_style(style)
{
}

TraceOverlay::~TraceOverlay()
{
    clear();
}

void TraceOverlay::show(const QStringList &hops, const QList<qint64> &hopTimesMs, const NodeLookup &node,
                        const AnchorLookup &anchor)
{
    clear();
    if (hops.isEmpty())
        return;
    m_hops = hops;
    m_times = hopTimesMs;
    m_path = new TraceItem(TraceItem::Layer::Path, m_style);
    m_marks = new TraceItem(TraceItem::Layer::Marks, m_style);
    m_scene->addItem(m_path);
    m_scene->addItem(m_marks);
    m_style->traceActive = true;
    m_clock.start();
    rebuild(node, anchor);
    m_scene->update();   // everything off the path dims
}

void TraceOverlay::unmarkNodes()
{
    for (NodeItem *marked : std::as_const(m_marked)) {
        marked->setOnTrace(false);
        marked->removeFollower(m_path);
        marked->removeFollower(m_marks);
    }
    m_marked.clear();
}

void TraceOverlay::rebuild(const NodeLookup &node, const AnchorLookup &anchor)
{
    if (!isActive())
        return;
    unmarkNodes();
    QList<TraceItem::Hop> drawn;
    for (qsizetype i = 0; i < m_hops.size(); ++i) {
        NodeItem *hop = node(m_hops.at(i));
        if (!hop)
            continue;   // not on the canvas (any more): the path skips it
        NodeItem *at = anchor(hop);
        QString timing;
        if (i < m_times.size()) {
            timing = i == 0 ? QCoreApplication::translate("Portolan::Console::TraceOverlay", "%1 ms").arg(0)
                            : QCoreApplication::translate("Portolan::Console::TraceOverlay", "+%1 ms")
                                  .arg(m_times.at(i) - m_times.first());
        }
        drawn.append(TraceItem::Hop{at, timing});
        for (NodeItem *marked : {hop, at}) {
            if (m_marked.contains(marked))
                continue;
            marked->setOnTrace(true);
            marked->addFollower(m_path);
            marked->addFollower(m_marks);
            m_marked.append(marked);
        }
    }
    m_path->setHops(drawn);
    m_marks->setHops(drawn);
    advance();
}

void TraceOverlay::forget(NodeItem *node)
{
    if (!isActive() || !m_marked.contains(node))
        return;
    // The layers may hold the node as an anchor until the rebuild: empty them now.
    m_path->setHops({});
    m_marks->setHops({});
    node->removeFollower(m_path);
    node->removeFollower(m_marks);
    m_marked.removeAll(node);
}

void TraceOverlay::clear()
{
    unmarkNodes();
    m_hops.clear();
    m_times.clear();
    m_clock.invalidate();
    delete m_path;
    delete m_marks;
    m_path = nullptr;
    m_marks = nullptr;
    if (m_style->traceActive) {
        m_style->traceActive = false;
        m_scene->update();
    }
}

bool TraceOverlay::advance()
{
    if (!isActive())
        return false;
    const int hops = int(m_marks->hops().size());
    const qint64 elapsed = m_clock.isValid() ? m_clock.elapsed() : 0;
    const int revealed = int(std::min<qint64>(hops, 1 + elapsed / HopRevealMs));
    m_path->setRevealed(revealed);
    m_marks->setRevealed(revealed);
    return revealed < hops;
}

int TraceOverlay::revealed() const
{
    return m_marks ? m_marks->revealed() : 0;
}

} // namespace Portolan::Console
