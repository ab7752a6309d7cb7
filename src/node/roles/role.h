#pragma once

#include "wire/envelope.h"
#include "wire/messagekey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace Portolan::Node {

class EntityStore;

// What an entity role may do with the network and its own database. Implemented by the
// entity runtime; tests implement it with a fake that records what was sent.
class RoleContext
{
public:
    virtual ~RoleContext() = default;

    virtual QString nodeId() const = 0;
    virtual QJsonObject params() const = 0;     // the role's section of the node config
    virtual EntityStore &store() = 0;            // this entity's own SQLite database
    virtual qint64 nowMs() const = 0;            // wall clock, ms since epoch

    // Subscriptions are advertised to the attached router, which floods them.
    // capacity: most outstanding work the consumer takes (balanced skips it when full); 0 = unbounded.
    virtual void subscribe(const QString &address, const QString &group = {}, int capacity = 0) = 0;
    virtual void unsubscribe(const QString &address) = 0;

    // Sends a message. id and createdMs are filled in when empty; requestId defaults to id.
    // Returns the message id. Settlement is reported through Role::settled().
    virtual QByteArray send(Wire::Envelope envelope) = 0;

    // Answers a request: a message to request.replyTo (nothing when it has none) with the
    // same requestId, header "Status" (HTTP-style code) and header "From" (this node).
    virtual void reply(const Wire::Envelope &request, const QByteArray &body, int status = 200) = 0;

    // Outstanding work (backlog) advertised for balanced distribution.
    virtual void setOutstanding(int outstanding) = 0;

    // A role event for the console and the run's event log, e.g. "order-built".
    virtual void emitEvent(const QString &kind, const QJsonObject &fields) = 0;
    // Whether anyone listens to events: a role emitting one per message can skip
    // building it when nobody would read it (no console or run attached).
    virtual bool eventsWanted() const { return true; }
};

// A message this entity sent, as the runtime hands it back when it settles: what a role
// that sends at high rates needs to account for it without keeping a table of its own.
struct Settlement
{
    Wire::MessageKey key;     // the message's id
    qint64 createdMs = 0;     // its envelope's createdMs, as sent
    bool accepted = false;    // see Role::settled()
    bool sentByRole = true;   // false: sent for the console's "send" command, not by the role
};

// One entity behaviour (store, factory, worker, ...). The runtime calls handle() for each
// message delivered, inside a transaction of the entity's store, and acks the message
// once the transaction commits: whatever handle() wrote is durable before the sender
// hears "acked". Duplicates (same message id) never reach handle().
class Role
{
public:
    virtual ~Role() = default;

    virtual QString name() const = 0;

    // Subscribe, restore state from the store, start timers. Called once the store is open.
    virtual void start(RoleContext &context) = 0;

    virtual void handle(const Wire::Envelope &message) = 0;

    // A message this entity sent was settled (acked by its consumer or consumers), or
    // given up (accepted == false: no consumer, or its deadline passed).
    virtual void settled(const QByteArray &messageId, bool accepted) { Q_UNUSED(messageId) Q_UNUSED(accepted) }
    // What the runtime calls when a message it took from RoleContext::send() settles (once
    // per id it held unsettled), with what it kept of the message. By default the id goes
    // on to settled() above; a role that sends at high rates overrides this instead, to
    // account for its message without parsing, hashing and looking up the id once more.
    virtual void messageSettled(const Settlement &settlement) { settled(settlement.key.id(), settlement.accepted); }

    // Called every tick interval (default 50 ms) with the current time.
    virtual void tick(qint64 nowMs) { Q_UNUSED(nowMs) }

    // The role's part of telemetry: inventory, backlog, counters. Flat JSON values or
    // one level of objects, so the control server can send deltas.
    virtual QJsonObject telemetry() const = 0;

    // Asked to drain (upgrade): stop taking new work; return true once nothing is in
    // progress. Default: nothing to finish.
    virtual bool drain() { return true; }
};

// Creates the role registered under name ("store", "worker", ...); nullptr if unknown.
std::unique_ptr<Role> createRole(const QString &name);
QStringList roleNames();

} // namespace Portolan::Node
