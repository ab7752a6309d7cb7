#pragma once

#include "node/runtime/addresscounters.h"
#include "node/runtime/link.h"
#include "node/runtime/nodeconfig.h"
#include "node/runtime/noderuntime.h"
#include "routing/addresstable.h"
#include "routing/deliveryplanner.h"
#include "routing/distribution.h"
#include "routing/linkstatedatabase.h"
#include "routing/routingtable.h"
#include "wire/frameview.h"
#include "wire/messagekey.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <memory>
#include <optional>

namespace Portolan::Node {

class HttpIngress;
class ReplyCollector;
struct IngressRequest;

// The router role, interior or edge.
//
// Interior routers exchange hellos, flood link state and address adverts, and compute
// shortest paths. Edge routers dial one or more interior routers (uplinks), take no part
// in link state (interiors describe them as stub neighbours) but receive the database,
// so they make the same delivery decisions — traffic between two entities on one edge
// never leaves it.
//
// The router an entity's message enters first is its origin: it decides the
// destinations, keeps acked messages until every destination acked, resends over the
// new path when routes change, and tells the sender how it ended.
class Router : public NodeRuntime, public LinkHandler
{
    Q_OBJECT
public:
    explicit Router(const NodeConfig &config, QObject *parent = nullptr);
    ~Router() override;

    bool start(QString *error) override;
    quint16 linkPort() const override;
    quint16 httpPort() const override;

    QJsonObject telemetry() const override;
    QJsonObject command(const QString &name, const QJsonObject &args, QString *error) override;

    // For tests and the console's previews: the router's current view.
    const Routing::RoutingTable &routes() const { return m_routes; }
    const Routing::AddressTable &addresses() const { return m_addresses; }

protected:
    void linkEstablished(Link *link) override;
    void linkFrame(Link *link, Wire::Frame &frame) override;
    bool linkPayload(Link *link, QByteArrayView payload) override;
    void linkClosed(Link *link, const QString &reason) override;

private:
    struct Dialer
    {
        PeerEndpoint endpoint;
        QPointer<Link> link;
        int backoffMs = 50;
        bool retryScheduled = false;
    };
    // A message the origin keeps until settled. Kept encoded, as first sent (what a
    // resend decodes again), with the few fields settlement and telemetry read beside it:
    // a decoded MessageFrame per message in flight cost its allocations and copies.
    struct InFlight
    {
        QByteArray frame;               // the complete frame, length prefix included
        QList<Wire::Destination> pending;   // destinations that have not acked yet
        QString address;
        QByteArray id;
        qint64 deadlineMs = 0;
        bool trace = false;
        Routing::Mode mode = Routing::Mode::Closest;
        QString fromEntity;             // empty: originated here (ingress, console)
        qint64 firstSentMs = 0;
        qint64 lastSentMs = 0;
        int attempts = 1;
        Wire::AckStatus outcome = Wire::AckStatus::Accepted;   // worst status any consumer reported
        bool holdsCredit = false;       // took a credit of the sender's link (flow control)
    };

    bool isInterior() const { return m_config.kind() == Wire::NodeKind::Interior; }
    qint64 nowMs() const;
    const QString &internalConsumer() const { return m_internalConsumer; }
    QString ingressAddress() const;

    // links
    void dial(int index);
    void scheduleRedial(int index);
    Link *routerLink(const QString &peer) const;
    void settleTerms(Link *link);
    void failNode();
    void restoreNode();
    bool cutLink(const QString &peer, bool silent, QString *error);
    bool restoreLink(const QString &peer, QString *error);

    // link state and addresses
    void originateLinkState();
    void scheduleAdvert();
    void originateAdvert();
    void syncDatabaseTo(Link *link);
    void floodExcept(const Wire::Frame &frame, Link *except);
    void scheduleRecompute();
    void recompute();
    void refresh();
    void onLinkState(Link *from, const Wire::LinkStateUpdate &update);
    void onAddressAdvert(Link *from, const Wire::AddressAdvert &advert);

    // messages
    Routing::Decision decide(const Wire::Envelope &envelope, bool explain) const;
    Routing::Decision decide(const QString &address, const QString &key, bool explain) const;
    // decide() without explanation for the per-message path: no copy of the decision.
    // The reference stays valid until the next call.
    const Routing::Decision &decideCached(const QString &address, const QString &key);
    void originate(Wire::MessageFrame frame, const QString &fromEntity, const Routing::Decision &decision,
                   Link *fromLink = nullptr);
    void forward(Wire::MessageFrame &frame);
    void deliverLocal(const Wire::MessageFrame &frame, const QList<Wire::Destination> &destinations);
    void deliverInternal(const Wire::MessageFrame &frame);
    void onAck(const Wire::Ack &ack);
    bool forwardInPlace(const Wire::FrameView &message);
    bool originateInPlace(Link *from, const Wire::FrameView &message);
    bool ackInPlace(const Wire::FrameView &ack);
    void settle(QByteArrayView messageId, QAnyStringView consumer, Wire::AckStatus status);
    void notifySender(const QString &entity, const QByteArray &messageId, Wire::AckStatus status);
    void finish(const InFlight &entry, const QByteArray &messageId, Wire::AckStatus status);
    // The link of an attached entity, from a one-entry cache valid while no link changed:
    // the acks of a run of messages all go back to one sender.
    Link *entityLink(const QString &entity);
    void retransmit();
    void resend(InFlight &entry, qint64 now);
    void resendAll();
    void resendTo(const QString &router);
    void resendEach(const QList<std::pair<qint64, Wire::MessageKey>> &messages);   // (first sent, id)
    void checkDrained();

    // ingress and commands
    void onIngressRequest(const IngressRequest &request);
    void expireIngress();
    QJsonObject sendCommand(const QJsonObject &args, QString *error);
    QJsonObject explainCommand(const QJsonObject &args) const;

    NodeConfig m_config;
    QString m_internalConsumer;        // this router's ingress as a consumer id
    QString m_lastOriginAddress;       // originateInPlace: the last address, as a QString
    QByteArray m_lastOriginAddressLatin1;   // and as it came, to compare the next one with
    // This router's id for the acks that settle here (a view's names are ASCII); unset
    // when the id is not ASCII, which no view then carries.
    std::optional<QByteArray> m_idAscii;
    Wire::Hello m_hello;
    Routing::DistributionTable m_distributions;
    QTcpServer m_listener;
    quint16 m_boundLinkPort = 0;
    QList<Dialer> m_dialers;
    QSet<Link *> m_pending;
    QHash<QString, Link *> m_routerLinks;
    QHash<QString, Link *> m_entityLinks;
    QHash<QString, bool> m_cut;             // peer -> silent
    QHash<QString, qint32> m_costOverride;
    QHash<QString, int> m_latency;
    QHash<QString, QList<Wire::ConsumerAdvert>> m_entitySubscriptions;

    Routing::LinkStateDatabase m_linkState;
    Routing::AddressTable m_addresses;
    Routing::RoutingTable m_routes;
    quint64 m_routesGeneration = 0;    // bumped whenever m_routes changes
    struct CachedDecision
    {
        quint64 addressGeneration = 0;
        quint64 routesGeneration = 0;
        Routing::Decision decision;
    };
    mutable QHash<QString, CachedDecision> m_decisionCache;   // by address; see decide()
    // decideCached(): the last decision, for the address it was made for. valid only
    // while reusable (it did not depend on assigned work and is not keyed).
    struct LastDecision
    {
        QString address;
        quint64 addressGeneration = 0;
        quint64 routesGeneration = 0;
        bool valid = false;
        Routing::Decision decision;
    } m_lastDecision;
    Routing::AssignedWork m_assigned;
    quint64 m_linkStateSequence = 0;
    quint64 m_advertSequence = 0;
    bool m_recomputeScheduled = false;
    QTimer m_advertTimer;
    QTimer m_refreshTimer;
    QTimer m_retransmitTimer;

    QHash<Wire::MessageKey, InFlight> m_inFlight;

    // Where the frames forwarded in place (linkPayload) went last: a transit router sees
    // long runs of one destination and one origin, which then cost a comparison of their
    // names instead of conversions to QString and hash look-ups. Valid while neither the
    // routes nor the links changed (the two generations).
    struct LastHop
    {
        QString router;             // destination router (messages) or origin router (acks)
        QString consumer;           // messages: the destination consumer
        // The same names in Latin-1, which a frame's views (Wire::FrameView) are compared
        // with byte for byte: a comparison of UTF-16 with Latin-1 costs a call and a
        // conversion per character, and it runs for every message.
        QByteArray routerLatin1;
        QByteArray consumerLatin1;
        bool latin1 = false;        // both names are ASCII: the two above hold them
        quint64 routesGeneration = 0;
        quint64 linksGeneration = 0;
        bool valid = false;
        bool local = false;         // the consumer is attached here
        bool internal = false;      // the consumer is this router's ingress: decoded path
        Link *link = nullptr;       // where it goes; null: unreachable (dropped)
        bool current(quint64 routes, quint64 links) const
        {
            return valid && routesGeneration == routes && linksGeneration == links;
        }
        bool matches(QLatin1StringView r, QLatin1StringView c, quint64 routes, quint64 links) const
        {
            return current(routes, links) && latin1 && QLatin1StringView(routerLatin1) == r
                   && QLatin1StringView(consumerLatin1) == c;
        }
        bool matches(const QString &r, const QString &c, quint64 routes, quint64 links) const
        {
            return current(routes, links) && router == r && consumer == c;
        }
        void remember(const QString &r, const QString &c, quint64 routes, quint64 links);
    };
    // The hop of a message for one destination, from the cache while it matches.
    const LastHop &messageHop(QLatin1StringView router, QLatin1StringView consumer);
    const LastHop &messageHop(const QString &router, const QString &consumer);
    const LastHop &refreshMessageHop(const QString &router, const QString &consumer);
    // Counts a message leaving by hop (delivered to a local entity, forwarded to the next
    // router, or dropped when the hop has no link) and hands it to send(link).
    template <typename Address, typename Send>
    void sendOnHop(const LastHop &hop, const Address &address, Send &&send)
    {
        if (!hop.link) {
            ++m_counters.dropped;   // a local entity that left: the origin tries again
            if (hop.local)
                m_addressCounters.add(address, AddressCounters::Kind::Dropped);
            return;
        }
        ++(hop.local ? m_counters.delivered : m_counters.forwarded);
        m_addressCounters.add(address, hop.local ? AddressCounters::Kind::Delivered : AddressCounters::Kind::Forwarded);
        send(hop.link);
    }
    LastHop m_lastMessageHop;
    LastHop m_lastAckHop;
    struct LastEntityLink
    {
        QString entity;
        Link *link = nullptr;
        quint64 linksGeneration = 0;
        bool valid = false;
    } m_lastEntityLink;
    quint64 m_linksGeneration = 0;     // bumped whenever a link comes, goes or is cut

    std::unique_ptr<HttpIngress> m_ingress;
    std::unique_ptr<ReplyCollector> m_replies;
    QTimer m_ingressTimer;

    bool m_failed = false;
    bool m_draining = false;
    bool m_drained = false;    // drained() was emitted; the process is about to exit
    QElapsedTimer m_uptime;

    struct Counters
    {
        quint64 received = 0;
        quint64 forwarded = 0;
        quint64 delivered = 0;
        quint64 acked = 0;
        quint64 resent = 0;
        quint64 dropped = 0;
        quint64 noConsumer = 0;
        quint64 expired = 0;
    } m_counters;
    AddressCounters m_addressCounters;
    struct RateSample
    {
        quint64 framesIn = 0;
        quint64 framesOut = 0;
        double rateIn = 0;
        double rateOut = 0;
    };
    QHash<QString, RateSample> m_rates;
    QTimer m_rateTimer;
    void sampleRates();
};

} // namespace Portolan::Node
