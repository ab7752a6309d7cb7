#pragma once

#include "routing/distribution.h"
#include "wire/frames.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Portolan::Node {

// A link this node dials: another router (interior or uplink) or, for an entity, the
// router it attaches to.
struct PeerEndpoint
{
    QString peer;          // expected node id on the far side (may be empty: learn it from the hello)
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    qint32 cost = 1;
    QString provider;
    friend bool operator==(const PeerEndpoint &, const PeerEndpoint &) = default;
};

// Cost and provider an accepting router uses for a peer that dials it.
struct LinkTerms
{
    QString peer;
    qint32 cost = 1;
    QString provider;
    friend bool operator==(const LinkTerms &, const LinkTerms &) = default;
};

// Everything one portolan-node process needs, written by the supervisor as JSON (or
// given as flags). Field names are documented in docs/protocol.md ("Node config").
struct NodeConfig
{
    QString id;
    QString role = QStringLiteral("interior");  // "interior", "edge", or an entity role name
    QString software = QStringLiteral(PORTOLAN_VERSION);
    QByteArray token;                            // control WebSocket token
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 linkPort = 0;                        // routers: where peers and entities dial in
    quint16 controlPort = 0;
    quint16 httpPort = 0;                        // routers: HTTP ingress; 0 = none
    bool httpIngress = false;
    QString dataDir;                             // entities: where the SQLite database lives

    QList<PeerEndpoint> dial;                    // routers: links/uplinks to dial; entities: routers, in preference order
    QList<LinkTerms> accept;                     // routers: cost/provider for peers that dial in
    QList<Routing::Distribution> distributions;

    quint32 helloIntervalMs = 100;
    quint32 deadIntervals = 3;
    quint32 retransmitMs = 1000;
    quint32 tickMs = 50;
    QJsonObject params;                          // the entity role's own parameters

    bool isRouter() const;
    Wire::NodeKind kind() const;

    // Reads a config file (JSON). On failure returns false with a message naming the field.
    static bool fromJson(const QJsonObject &json, NodeConfig *out, QString *error);
    QJsonObject toJson() const;
};

} // namespace Portolan::Node
