#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QStringList>

#include <functional>

class QGraphicsScene;

namespace Portolan::Console {

class CanvasStyle;
class NodeItem;
class TraceItem;

// A traced request on the canvas: owns the path and marks layers (TraceItem), marks the
// nodes on the path (the rest of the canvas dims) and reveals the hops one after another.
// Hops are node ids; the scene resolves them to the items drawn for them, again whenever
// that can change (a node removed, devices collapsed into their router, a fail-over).
class TraceOverlay
{
public:
    static constexpr qint64 HopRevealMs = 320;   // a hop appears this long after the one before

    // The node item for an id, or nullptr when it is not on the canvas.
    using NodeLookup = std::function<NodeItem *(const QString &id)>;
    // The item a node's hop is drawn at: itself, or its router when it is folded into it.
    using AnchorLookup = std::function<NodeItem *(NodeItem *node)>;

    TraceOverlay(QGraphicsScene *scene, CanvasStyle *style);
    ~TraceOverlay();
    TraceOverlay(const TraceOverlay &) = delete;
    TraceOverlay &operator=(const TraceOverlay &) = delete;

    // hopTimesMs: when each hop saw the request (same length, or empty); shown relative to
    // the first hop.
    void show(const QStringList &hops, const QList<qint64> &hopTimesMs, const NodeLookup &node,
              const AnchorLookup &anchor);
    void clear();
    bool isActive() const { return m_path != nullptr; }
    void rebuild(const NodeLookup &node, const AnchorLookup &anchor);
    // Call before deleting a node item: the trace lets go of it (rebuild afterwards).
    void forget(NodeItem *node);

    // Reveals the hops whose time has come; true while some are still to appear.
    bool advance();
    int revealed() const;
    QStringList hops() const { return m_hops; }

private:
    void unmarkNodes();

    QGraphicsScene *m_scene;
    CanvasStyle *m_style;
    QStringList m_hops;
    QList<qint64> m_times;
    TraceItem *m_path = nullptr;
    TraceItem *m_marks = nullptr;
    QList<NodeItem *> m_marked;   // nodes marked on-trace and followed by the layers
    QElapsedTimer m_clock;
};

} // namespace Portolan::Console
