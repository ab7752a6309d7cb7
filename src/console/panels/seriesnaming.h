#pragma once

#include <QString>

namespace Portolan::Console {

// The names of the chartable metrics, shared by the store that derives them from
// telemetry, the inspector rows that offer them and the chart that labels them:
//   queueDepth              sum of a node's queues
//   queues.<address>        one queue ("queues./store/3")
//   links.<peer>.rate       frames per second over a link, both directions
//   counters.<name>         a telemetry counter
//   data.<path>             a numeric field of the role's data ("data.backlog")
//   latency.p50 / .p99      delivery latency over the mesh (node "")
class SeriesNaming
{
public:
    static QString queueDepth();
    static QString queue(const QString &address);
    static QString linkRate(const QString &peer);
    static QString counter(const QString &name);
    static QString data(const QString &path);
    static QString latencyP50();
    static QString latencyP99();

    // For people: "Queue /store/3", "Link to r2 (frames/s)", "Backlog".
    static QString label(const QString &metric);
    // Shorter, for the chart legend: "queue /store/3", "link r2 rate", "backlog".
    static QString shortLabel(const QString &metric);
    // "r1", or "Mesh" for the network-wide series of node "".
    static QString nodeLabel(const QString &node);
    // One string per series, for lists and settings: "r1 queues./store/3" joined by a tab.
    static QString key(const QString &node, const QString &metric);
    static QString nodeOfKey(const QString &key);
    static QString metricOfKey(const QString &key);
};

} // namespace Portolan::Console
