#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

namespace Portolan::Console {

// What the canvas shows of a node's life. The lead maps process and telemetry states onto
// it: Down means the process is gone (killed or exited), Failed that the node runs but was
// told to fail (`fail` command), Draining that it finishes its work before an upgrade.
enum class NodeStatus { Planned, Starting, Up, Failed, Down, Draining };

// The user-visible name of a status, for tooltips and legends.
QString nodeStatusText(NodeStatus status);

// One node as the canvas draws it, from the scenario or added while running.
struct CanvasNode
{
    QString id;
    QString kind;             // "interior" | "edge" | "entity"
    QString role;             // entity role: "store", "factory", "truck", "worker", "generator", ...
    QString label;            // shown under the id when it says more than the id
    QPointF position;         // map coordinates
    QStringList routers;      // entity: the routers it may attach to, first = primary
    QString provider;         // router: its provider (ring colour)
};

} // namespace Portolan::Console
