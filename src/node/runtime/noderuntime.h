#pragma once

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace Portolan::Node {

// What a node runs behind its control server: a router or an entity. NodeProcess knows
// only this much, so each node executable links just the runtime it starts: a router
// carries no SQLite, an entity no HTTP server and no router code.
class NodeRuntime : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual bool start(QString *error) = 0;

    // The control server's snapshot and commands (docs/protocol.md).
    virtual QJsonObject telemetry() const = 0;
    virtual QJsonObject command(const QString &name, const QJsonObject &args, QString *error) = 0;

    // Ports for the READY line; 0 where the runtime does not listen.
    virtual quint16 linkPort() const { return 0; }
    virtual quint16 httpPort() const { return 0; }

    // Who answers "is anyone watching events?" (the control server, which knows its
    // subscribers), for runtimes that would rather not build events nobody reads.
    virtual void setEventsWanted(std::function<bool()> wanted) { Q_UNUSED(wanted); }

Q_SIGNALS:
    void event(const QString &kind, const QJsonObject &fields);
    void drained();            // draining finished: the process may exit 0
    void shutdownRequested();
};

} // namespace Portolan::Node
