#pragma once

#include "routing/distribution.h"
#include "scenario/remotenode.h"

#include <QColor>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Scenario {

// Where something came from in the scenario file, for messages like
// "pirate-pugs-1.yaml:12:5: links[3].cost: expected a non-negative integer".
struct SourceLocation
{
    QString file;
    int line = 0;     // 1-based; 0 = unknown
    int column = 0;   // 1-based
    QString toString() const;   // "file:line:column"
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

struct Provider
{
    QString name;
    qint32 cost = 1;          // default cost of its links
    QColor color;
    SourceLocation where;
};

struct MapInfo
{
    QString image;            // path relative to resources/ (or absolute), empty = plain canvas
    double width = 1000;      // the coordinate frame positions are given in
    double height = 700;
};

struct Uplink
{
    QString router;
    qint32 cost = -1;         // -1 = the provider's default
    QString provider;         // empty = the edge router's provider
};

struct Router
{
    QString id;
    QString kind = QStringLiteral("interior");   // "interior" or "edge"
    QString provider;
    QPointF position;
    QList<Uplink> uplinks;                        // edge routers
    std::optional<quint16> httpPort;              // ingress; 0 = any free port
    QString label;
    RemoteNode remote;                            // set: runs on another host, attach to it
    SourceLocation where;
};

struct Link
{
    QString from;             // the dialling side
    QString to;
    qint32 cost = -1;         // -1 = the provider's default
    QString provider;
    SourceLocation where;
};

struct Entity
{
    QString id;
    QString role;             // a role name known to portolan-node
    QStringList routers;      // attach to the first, fail over to the rest
    QPointF position;
    QJsonObject params;       // the role's params (number, inventory, rate, ...)
    QString label;
    RemoteNode remote;        // set: runs on another host, attach to it
    SourceLocation where;
};

// One step of the timeline: at a time, do one action, with a caption for the audience.
struct Step
{
    qint64 atMs = 0;
    QString caption;
    QString action;           // see Timeline::actions() for the list
    QString name;             // optional: expectations refer to a request step by name
    QJsonObject args;         // the action's arguments as written (node, link, provider, path, ...)
    SourceLocation where;
};

// A declarative check on what the run recorded; evaluated when the run ends.
struct Expectation
{
    QString name;
    QString kind;             // see ExpectationEvaluator::kinds()
    QJsonObject args;
    SourceLocation where;
};

struct Scenario
{
    QString file;             // absolute path it was loaded from
    QString name;
    QString description;
    QMap<QString, QJsonValue> parameters;   // after --set overrides
    QList<Provider> providers;
    MapInfo map;
    QList<Routing::Distribution> distributions;
    QList<Router> routers;
    QList<Link> links;
    QList<Entity> entities;   // traffic generators are entities with role "generator"
    QList<Step> timeline;     // sorted by atMs, stable
    QList<Expectation> expectations;
    qint64 durationMs = 0;    // run length: at least the last step plus settle time

    const Provider *provider(const QString &name) const;
    const Router *router(const QString &id) const;
    const Entity *entity(const QString &id) const;
};

} // namespace Portolan::Scenario
