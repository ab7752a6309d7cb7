#pragma once

#include "wire/envelope.h"

#include <QList>
#include <QString>

#include <variant>

namespace Portolan::Wire {

// Version of the inter-node link protocol. A frame that carries another version is
// refused and the link closed: mixed versions must be upgraded node by node, and a
// node that cannot read a frame must not guess.
inline constexpr int LinkProtocolVersion = 1;

// Default upper bound of one frame's payload. Larger frames close the link.
inline constexpr qsizetype DefaultMaxFrameBytes = 4 * 1024 * 1024;

enum class FrameType : quint8 {
    Hello = 1,
    LinkState = 2,
    AddressAdvert = 3,
    Message = 4,
    Ack = 5,
};

enum class NodeKind : quint8 {
    Interior = 0, // router taking part in link state
    Edge = 1,     // router with uplinks, no part in link state
    Entity = 2,   // store, factory, worker, ...: attaches to one router
};

QString nodeKindName(NodeKind kind);

// First frame on every link, then repeated as the keep-alive.
struct Hello
{
    QString nodeId;
    NodeKind kind = NodeKind::Interior;
    int version = LinkProtocolVersion;
    QString software;        // software version of the node (reported after upgrades)
    quint32 helloIntervalMs = 100;
    qint32 linkCost = 1;     // the dialling side's proposed cost; the acceptor may override it
    QString provider;        // backbone provider the link belongs to (may be empty)
    friend bool operator==(const Hello &, const Hello &) = default;
};

struct Neighbour
{
    QString id;
    qint32 cost = 1;
    QString provider;
    bool stub = false;       // an edge router: reachable as a leaf, never a transit hop
    friend bool operator==(const Neighbour &, const Neighbour &) = default;
};

// A router's own view of its links, flooded to every router.
struct LinkStateUpdate
{
    QString router;
    quint64 sequence = 0;
    QList<Neighbour> neighbours;
    bool withdrawn = false;  // the router is leaving (drain, shutdown)
    friend bool operator==(const LinkStateUpdate &, const LinkStateUpdate &) = default;
};

struct ConsumerAdvert
{
    QString address;         // subscribed prefix, e.g. "/all-stores"
    QString group;           // consumer group; empty for none
    QString consumer;        // entity node id
    qint32 outstanding = 0;  // work accepted but not finished
    qint32 capacity = 0;     // most outstanding work it takes; 0 = unbounded
    friend bool operator==(const ConsumerAdvert &, const ConsumerAdvert &) = default;
};

// The consumers behind one router (or, from an entity to its router, the entity's own
// subscriptions), flooded like link state: the newest sequence per origin wins.
struct AddressAdvert
{
    QString origin;          // router id, or entity id on an entity -> router link
    quint64 sequence = 0;
    QList<ConsumerAdvert> consumers;
    friend bool operator==(const AddressAdvert &, const AddressAdvert &) = default;
};

struct Destination
{
    QString router;
    QString consumer;
    friend bool operator==(const Destination &, const Destination &) = default;
};

// A message in flight. Entities send it with no destinations; the first router
// (the origin) decides the destinations and keeps acked messages until acked.
struct MessageFrame
{
    QString originRouter;
    bool acked = true;
    QList<Destination> destinations;
    Envelope envelope;
    friend bool operator==(const MessageFrame &, const MessageFrame &) = default;
};

enum class AckStatus : quint8 {
    Accepted = 0,    // the consumer has it (durably, for durable roles)
    NoConsumer = 1,  // origin router to sender: nobody subscribes to the address
    Expired = 2,     // the deadline passed before it could be processed
};

// End-to-end settlement: routed back to the origin router, which tells the sender.
struct Ack
{
    QByteArray messageId;
    QString consumer;
    QString originRouter;
    AckStatus status = AckStatus::Accepted;
    friend bool operator==(const Ack &, const Ack &) = default;
};

using Frame = std::variant<Hello, LinkStateUpdate, AddressAdvert, MessageFrame, Ack>;

FrameType frameType(const Frame &frame);

} // namespace Portolan::Wire
