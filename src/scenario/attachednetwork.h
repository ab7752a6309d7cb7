#pragma once

#include "scenario/remotenode.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace Portolan::Scenario {

// What one running node said about itself when the console attached to it: its welcome
// (id, kind, role, version) and its first telemetry snapshot (links, attached entities).
struct DiscoveredNode
{
    RemoteNode remote;
    QString id;
    QString kind;          // "interior" | "edge" | "entity"
    QString role;
    QString version;
    QJsonObject telemetry;
};

// Turns the nodes found on other hosts into a scenario file the console opens like any
// other: every node with its attach URL, the links and uplinks the routers report,
// entities at the router they are attached to, providers from the links. The operator
// can keep the file, lay it out, and add a timeline and expectations to it.
class AttachedNetwork
{
public:
    explicit AttachedNetwork(QList<DiscoveredNode> nodes);

    // The scenario as YAML; `written` is stamped into its header comment.
    QByteArray toYaml(const QString &name, const QDateTime &written) const;
    // What did not fit: links to nodes nobody attached to, entities without a known router.
    QStringList warnings() const { return m_warnings; }

private:
    struct LinkInfo
    {
        QString a;
        QString b;
        qint32 cost = 1;
        QString provider;
    };

    void collect();
    void layOut();
    const DiscoveredNode *find(const QString &id) const;

    QList<DiscoveredNode> m_nodes;
    QList<LinkInfo> m_links;                     // interior – interior, a < b
    QHash<QString, QList<LinkInfo>> m_uplinks;   // edge router -> its uplinks (b = interior)
    QHash<QString, QString> m_entityRouter;      // entity -> the router it is attached to
    QHash<QString, QString> m_routerProvider;    // router -> the provider most of its links use
    QStringList m_providers;                     // in first-seen order
    QHash<QString, QPointF> m_positions;         // a first layout on the default 1000 × 700 map
    QStringList m_warnings;
};

} // namespace Portolan::Scenario
