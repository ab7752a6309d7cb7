#include "node/runtime/router.h"

#include "node/ingress/httpingress.h"
#include "node/ingress/replycollector.h"
#include "wire/messageidgenerator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcRouter, "portolan.node.router")

namespace Portolan::Node {

namespace {

// The Latin-1 bytes of a name made only of ASCII characters, which is what a frame's
// views (Wire::FrameView) carry; nullopt for any other name, which no view can equal.
std::optional<QByteArray> asciiBytes(const QString &name)
{
    for (const QChar c : name) {
        if (c.unicode() >= 0x80)
            return std::nullopt;
    }
    return name.toLatin1();
}

// A message that has crossed this many routers is looping through a transient
// disagreement of link-state databases; the origin resends it once routes settle.
constexpr quint16 MaxHops = 32;
// Link state and adverts are re-flooded this often and expire after RefreshMs * 3.5.
constexpr int RefreshMs = 10000;
constexpr qint64 MaxAgeMs = RefreshMs * 7 / 2;
// An acked message nobody settled within this time is given up and reported.
constexpr qint64 GiveUpMs = 60000;
// TCP does not lose what it carries: a message is resent when its path may have lost it
// (a route changed, its consumer's router re-advertised) and otherwise only after this
// many retransmit intervals without its ack — a backstop for losses nothing announced.
// Resending on a timer shorter than the queueing delay would multiply an overload.
constexpr int QuietRetransmits = 10;
// Flow control: at most this many of one entity's acked messages are held unsettled
// here; above it the origin stops reading from that entity (Link::takeCredit).
constexpr qint32 EntityCreditWindow = 4096;

// Ids of messages this router originates (HTTP ingress requests): a per-process random
// prefix and a counter (Wire::MessageIdGenerator), not a random draw per message.
QByteArray newMessageId()
{
    static Wire::MessageIdGenerator generator;
    return generator.next();
}

// Cached decisions are dropped wholesale beyond this many addresses: addresses carry
// query strings, so their number is not bounded by the subscriptions.
constexpr qsizetype DecisionCacheLimit = 4096;

// Queue-depth key of an address: its first two segments ("/store/32", "/factories/orders").
QString queueKey(const QString &address)
{
    return AddressCounters::groupOf(address);
}

QJsonArray destinationsJson(const QList<Wire::Destination> &destinations)
{
    QJsonArray out;
    for (const Wire::Destination &d : destinations)
        out.append(QJsonObject{{u"router"_s, d.router}, {u"consumer"_s, d.consumer}});
    return out;
}

} // namespace

Router::Router(const NodeConfig &config, QObject *parent)
    : NodeRuntime(parent)
    , m_config(config)
    , m_internalConsumer(config.id + u"#ingress"_s)
    , m_idAscii(asciiBytes(config.id))
{
    m_hello.nodeId = config.id;
    m_hello.kind = config.kind();
    m_hello.software = config.software;
    m_hello.helloIntervalMs = config.helloIntervalMs;
    for (const Routing::Distribution &d : config.distributions)
        m_distributions.add(d);
    // Sequence numbers start from the clock so a restarted router's updates win.
    m_linkStateSequence = quint64(QDateTime::currentMSecsSinceEpoch()) * 1000;
    m_advertSequence = m_linkStateSequence;
    m_routes = Routing::RoutingTable::compute(m_linkState, config.id);

    m_advertTimer.setSingleShot(true);
    m_advertTimer.setInterval(5);
    connect(&m_advertTimer, &QTimer::timeout, this, &Router::originateAdvert);
    m_refreshTimer.setInterval(RefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Router::refresh);
    m_retransmitTimer.setInterval(qMax(10, int(config.retransmitMs / 4)));
    connect(&m_retransmitTimer, &QTimer::timeout, this, &Router::retransmit);
    m_ingressTimer.setSingleShot(true);
    connect(&m_ingressTimer, &QTimer::timeout, this, &Router::expireIngress);
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &Router::sampleRates);

    connect(&m_listener, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
            if (m_failed) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            auto *link = new Link(socket, this, m_hello, m_config.deadIntervals, false, this);
            m_pending.insert(link);
        }
    });
}

Router::~Router()
{
    // Links call back into us while closing; detach them first.
    const auto children = findChildren<Link *>(Qt::FindDirectChildrenOnly);
    for (Link *link : children)
        delete link;
}

qint64 Router::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString Router::ingressAddress() const
{
    return u"/_ingress/"_s + m_config.id;
}

bool Router::start(QString *error)
{
    m_uptime.start();
    if (!m_listener.listen(m_config.listenAddress, m_config.linkPort)) {
        *error = u"cannot listen for links on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
                     .arg(m_config.linkPort).arg(m_listener.errorString());
        return false;
    }
    m_boundLinkPort = m_listener.serverPort();
    if (m_config.httpIngress || m_config.httpPort != 0) {
        m_ingress = std::make_unique<HttpIngress>();
        m_replies = std::make_unique<ReplyCollector>();
        if (!m_ingress->listen(m_config.listenAddress, m_config.httpPort, error))
            return false;
        connect(m_ingress.get(), &HttpIngress::requestArrived, this, &Router::onIngressRequest);
    }
    for (const PeerEndpoint &endpoint : std::as_const(m_config.dial))
        m_dialers.append(Dialer{endpoint, {}, 50, false});
    for (int i = 0; i < m_dialers.size(); ++i)
        dial(i);
    originateLinkState();
    originateAdvert();
    m_refreshTimer.start();
    m_retransmitTimer.start();
    m_rateTimer.start();
    return true;
}

quint16 Router::linkPort() const
{
    return m_boundLinkPort;
}

quint16 Router::httpPort() const
{
    return m_ingress ? m_ingress->port() : 0;
}

// ---- links -------------------------------------------------------------------------

void Router::dial(int index)
{
    Dialer &d = m_dialers[index];
    d.retryScheduled = false;
    if (m_failed || m_draining || d.link || (!d.endpoint.peer.isEmpty() && m_cut.contains(d.endpoint.peer)))
        return;
    auto *socket = new QTcpSocket;
    Wire::Hello hello = m_hello;
    hello.linkCost = m_costOverride.value(d.endpoint.peer, d.endpoint.cost);
    hello.provider = d.endpoint.provider;
    d.link = new Link(socket, this, hello, m_config.deadIntervals, true, this);
    d.link->cost = hello.linkCost;
    d.link->provider = d.endpoint.provider;
    socket->connectToHost(d.endpoint.host, d.endpoint.port);
}

void Router::scheduleRedial(int index)
{
    Dialer &d = m_dialers[index];
    if (d.retryScheduled || m_failed || m_draining)
        return;
    d.retryScheduled = true;
    const int delay = d.backoffMs;
    d.backoffMs = qMin(d.backoffMs * 2, 1000);
    QTimer::singleShot(delay, this, [this, index] { dial(index); });
}

Link *Router::routerLink(const QString &peer) const
{
    return m_routerLinks.value(peer, nullptr);
}

void Router::settleTerms(Link *link)
{
    const QString peer = link->peerId();
    bool configured = false;
    for (const LinkTerms &t : std::as_const(m_config.accept)) {
        if (t.peer == peer) {
            link->cost = t.cost;
            link->provider = t.provider;
            configured = true;
        }
    }
    if (!configured && !link->isDialled()) {
        link->cost = link->peerHello().linkCost;
        link->provider = link->peerHello().provider;
    }
    if (m_costOverride.contains(peer))
        link->cost = m_costOverride.value(peer);
    link->setAddedLatency(m_latency.value(peer, 0));
}

void Router::linkEstablished(Link *link)
{
    ++m_linksGeneration;
    m_pending.remove(link);
    const QString peer = link->peerId();
    if (m_failed) {
        link->close(u"node is failed"_s);
        return;
    }
    if (peer == m_config.id) {
        link->close(u"connected to itself"_s);
        return;
    }
    if (link->peerKind() == Wire::NodeKind::Entity) {
        if (Link *old = m_entityLinks.value(peer); old && old != link)
            old->close(u"replaced by a new connection"_s);
        m_entityLinks.insert(peer, link);
        link->setCreditWindow(EntityCreditWindow);
        Q_EMIT event(u"entity-attached"_s, {{u"entity"_s, peer}});
        return;
    }
    if (m_cut.contains(peer)) {
        link->close(u"link to %1 is cut"_s.arg(peer));
        return;
    }
    if (!isInterior() && link->peerKind() != Wire::NodeKind::Interior) {
        link->close(u"an edge router links to interior routers only"_s);
        return;
    }
    if (Link *old = m_routerLinks.value(peer); old && old != link)
        old->close(u"replaced by a new connection"_s);
    settleTerms(link);
    m_routerLinks.insert(peer, link);
    for (Dialer &d : m_dialers) {
        if (d.link == link) {
            d.backoffMs = 50;
            if (d.endpoint.peer.isEmpty())
                d.endpoint.peer = peer;
        }
    }
    qCInfo(lcRouter).noquote() << m_config.id << "link up to" << peer << "cost" << link->cost << link->provider;
    Q_EMIT event(u"link-up"_s, {{u"peer"_s, peer}, {u"cost"_s, link->cost}, {u"provider"_s, link->provider},
                               {u"peerKind"_s, Wire::nodeKindName(link->peerKind())}});
    originateLinkState();
    syncDatabaseTo(link);
}

void Router::linkClosed(Link *link, const QString &reason)
{
    ++m_linksGeneration;
    m_pending.remove(link);
    for (int i = 0; i < m_dialers.size(); ++i) {
        if (m_dialers[i].link == link) {
            m_dialers[i].link = nullptr;
            scheduleRedial(i);
        }
    }
    const QString peer = link->peerId();
    if (peer.isEmpty())
        return;
    if (m_entityLinks.value(peer) == link) {
        m_entityLinks.remove(peer);
        if (m_entitySubscriptions.remove(peer) > 0)
            scheduleAdvert();
        Q_EMIT event(u"entity-detached"_s, {{u"entity"_s, peer}, {u"reason"_s, reason}});
        return;
    }
    if (m_routerLinks.value(peer) == link) {
        m_routerLinks.remove(peer);
        qCInfo(lcRouter).noquote() << m_config.id << "link down to" << peer << ":" << reason;
        Q_EMIT event(u"link-down"_s, {{u"peer"_s, peer}, {u"reason"_s, reason}});
        originateLinkState();
        // Reroute and resend what was in flight now, not on the next event-loop turn:
        // every millisecond here is failover time. (A failed node has nowhere to send.)
        if (!m_failed)
            recompute();
    }
}

void Router::failNode()
{
    if (m_failed)
        return;
    m_failed = true;
    m_listener.close();
    const QList<Link *> links = findChildren<Link *>(Qt::FindDirectChildrenOnly);
    for (Link *link : links)
        link->close(u"node failed"_s);
    Q_EMIT event(u"node-failed"_s, {});
}

void Router::restoreNode()
{
    if (!m_failed)
        return;
    m_failed = false;
    if (!m_listener.listen(m_config.listenAddress, m_boundLinkPort))
        qCWarning(lcRouter) << "cannot listen again on" << m_boundLinkPort << m_listener.errorString();
    for (int i = 0; i < m_dialers.size(); ++i) {
        m_dialers[i].backoffMs = 50;
        dial(i);
    }
    originateLinkState();
    originateAdvert();
    Q_EMIT event(u"node-restored"_s, {});
}

bool Router::cutLink(const QString &peer, bool silent, QString *error)
{
    Link *link = routerLink(peer);
    bool known = link != nullptr;
    for (const Dialer &d : std::as_const(m_dialers))
        known = known || d.endpoint.peer == peer;
    if (!known) {
        *error = u"no link to %1"_s.arg(peer);
        return false;
    }
    m_cut.insert(peer, silent);
    ++m_linksGeneration;
    if (link) {
        if (silent) {
            // Keep the socket: the peer notices only through missed hellos.
            link->setSilent(true);
            m_routerLinks.remove(peer);
            Q_EMIT event(u"link-down"_s, {{u"peer"_s, peer}, {u"reason"_s, u"cut (silent)"_s}});
            originateLinkState();
        } else {
            link->close(u"cut by operator"_s);
        }
    }
    return true;
}

bool Router::restoreLink(const QString &peer, QString *error)
{
    if (!m_cut.contains(peer)) {
        *error = u"link to %1 is not cut"_s.arg(peer);
        return false;
    }
    m_cut.remove(peer);
    // A silently cut link still has its socket; drop it so both sides start afresh.
    const QList<Link *> links = findChildren<Link *>(Qt::FindDirectChildrenOnly);
    for (Link *link : links) {
        if (link->peerId() == peer && link->isSilent())
            link->close(u"restored"_s);
    }
    for (int i = 0; i < m_dialers.size(); ++i) {
        if (m_dialers[i].endpoint.peer == peer) {
            m_dialers[i].backoffMs = 50;
            dial(i);
        }
    }
    return true;
}

// ---- link state and addresses --------------------------------------------------------

void Router::originateLinkState()
{
    Wire::LinkStateUpdate update;
    update.router = m_config.id;
    update.sequence = ++m_linkStateSequence;
    update.withdrawn = m_draining;
    QStringList peers = m_routerLinks.keys();
    peers.sort();
    for (const QString &peer : std::as_const(peers)) {
        const Link *link = m_routerLinks.value(peer);
        update.neighbours.append(Wire::Neighbour{peer, link->cost, link->provider,
                                                 link->peerKind() == Wire::NodeKind::Edge});
    }
    m_linkState.setLocal(update);
    if (isInterior())
        floodExcept(update, nullptr);
    scheduleRecompute();
}

void Router::scheduleAdvert()
{
    if (!m_advertTimer.isActive())
        m_advertTimer.start();
}

void Router::originateAdvert()
{
    m_advertTimer.stop();
    Wire::AddressAdvert advert;
    advert.origin = m_config.id;
    advert.sequence = ++m_advertSequence;
    QStringList entities = m_entitySubscriptions.keys();
    entities.sort();
    for (const QString &entity : std::as_const(entities))
        advert.consumers.append(m_entitySubscriptions.value(entity));
    advert.consumers.append(Wire::ConsumerAdvert{ingressAddress(), {}, internalConsumer(), 0, 0});
    m_addresses.setLocal(advert);
    floodExcept(advert, nullptr);
}

void Router::syncDatabaseTo(Link *link)
{
    if (isInterior()) {
        const auto updates = m_linkState.all();
        for (const Wire::LinkStateUpdate &u : updates)
            link->send(u);
        const auto adverts = m_addresses.all();
        for (const Wire::AddressAdvert &a : adverts)
            link->send(a);
    } else if (const Wire::AddressAdvert *own = m_addresses.find(m_config.id)) {
        link->send(*own);
    }
}

void Router::floodExcept(const Wire::Frame &frame, Link *except)
{
    for (Link *link : std::as_const(m_routerLinks)) {
        if (link != except && link->isUp() && !link->isSilent())
            link->send(frame);
    }
}

void Router::scheduleRecompute()
{
    if (m_recomputeScheduled)
        return;
    m_recomputeScheduled = true;
    QMetaObject::invokeMethod(this, &Router::recompute, Qt::QueuedConnection);
}

void Router::recompute()
{
    m_recomputeScheduled = false;
    Routing::RoutingTable fresh = Routing::RoutingTable::compute(m_linkState, m_config.id);
    if (fresh == m_routes)
        return;
    QJsonObject changes;
    const auto routes = fresh.routes();
    for (const Routing::Route &r : routes) {
        if (m_routes.nextHop(r.destination) != r.nextHop || m_routes.cost(r.destination) != r.cost)
            changes.insert(r.destination, QJsonObject{{u"nextHop"_s, r.nextHop}, {u"cost"_s, r.cost}});
    }
    const auto old = m_routes.routes();
    for (const Routing::Route &r : old) {
        if (!fresh.reachable(r.destination))
            changes.insert(r.destination, QJsonObject{{u"nextHop"_s, QString()}, {u"cost"_s, -1}});
    }
    m_routes = std::move(fresh);
    ++m_routesGeneration;
    Q_EMIT event(u"route-change"_s, {{u"routes"_s, changes}});
    // What was in flight may have taken a path that no longer exists: send it again
    // over the new one. Consumers drop the duplicates by message id.
    resendAll();
}

void Router::refresh()
{
    const qint64 now = nowMs();
    const QStringList goneRouters = m_linkState.expire(now, MaxAgeMs);
    const QStringList goneOrigins = m_addresses.expire(now, MaxAgeMs);
    if (!goneRouters.isEmpty())
        scheduleRecompute();
    Q_UNUSED(goneOrigins)
    if (isInterior())
        originateLinkState();
    originateAdvert();
}

void Router::onLinkState(Link *from, const Wire::LinkStateUpdate &update)
{
    if (update.router == m_config.id) {
        // An old incarnation of ours is still circulating: outbid it.
        if (update.sequence >= m_linkStateSequence && isInterior()) {
            m_linkStateSequence = update.sequence;
            originateLinkState();
        }
        return;
    }
    if (m_linkState.apply(update, nowMs()) != Routing::LinkStateDatabase::ApplyResult::Newer)
        return;
    if (isInterior())
        floodExcept(update, from);
    scheduleRecompute();
}

void Router::onAddressAdvert(Link *from, const Wire::AddressAdvert &advert)
{
    if (from->peerKind() == Wire::NodeKind::Entity) {
        // An entity's own subscriptions: folded into this router's advert.
        QList<Wire::ConsumerAdvert> consumers = advert.consumers;
        for (Wire::ConsumerAdvert &c : consumers) {
            c.consumer = from->peerId();
            m_assigned.remove(c.consumer);
        }
        const bool appeared = !m_entitySubscriptions.contains(from->peerId());
        m_entitySubscriptions.insert(from->peerId(), consumers);
        scheduleAdvert();
        // A consumer (re)attached here: what was delivered to its predecessor connection
        // and never acked is not coming back on its own.
        if (appeared && !consumers.isEmpty())
            resendTo(m_config.id);
        return;
    }
    if (advert.origin == m_config.id) {
        if (advert.sequence >= m_advertSequence) {
            m_advertSequence = advert.sequence;
            originateAdvert();
        }
        return;
    }
    QSet<QString> before;
    if (const Wire::AddressAdvert *previous = m_addresses.find(advert.origin)) {
        for (const Wire::ConsumerAdvert &c : previous->consumers)
            before.insert(c.consumer);
    }
    if (m_addresses.apply(advert, nowMs()) != Routing::AddressTable::ApplyResult::Newer)
        return;
    bool consumerAppeared = false;
    for (const Wire::ConsumerAdvert &c : advert.consumers) {
        m_assigned.remove(c.consumer);
        consumerAppeared = consumerAppeared || !before.contains(c.consumer);
    }
    // A consumer (re)attached behind that router: resend what was sent its way (it may
    // have been dropped while it was away); its duplicates are dropped by message id.
    if (consumerAppeared)
        resendTo(advert.origin);
    if (isInterior())
        floodExcept(advert, from);
}

void Router::linkFrame(Link *link, Wire::Frame &frame)
{
    if (m_failed)
        return;
    if (auto *message = std::get_if<Wire::MessageFrame>(&frame)) {
        ++m_counters.received;
        m_addressCounters.add(message->envelope.address, AddressCounters::Kind::Received);
        if (link->peerKind() == Wire::NodeKind::Entity) {
            // Draining, this router takes no new work: it could not see it settled before
            // it exits. Unacked, the entity keeps the message and sends it again to the
            // router it attaches to next (this one's replacement).
            if (m_draining)
                return;
            message->destinations.clear();
            const Routing::Decision decision = decide(message->envelope, false);
            originate(std::move(*message), link->peerId(), decision, link);
        } else {
            forward(*message);
        }
    } else if (auto *ack = std::get_if<Wire::Ack>(&frame)) {
        onAck(*ack);
    } else if (auto *update = std::get_if<Wire::LinkStateUpdate>(&frame)) {
        if (link->peerKind() != Wire::NodeKind::Entity)
            onLinkState(link, *update);
    } else if (auto *advert = std::get_if<Wire::AddressAdvert>(&frame)) {
        onAddressAdvert(link, *advert);
    }
}

bool Router::linkPayload(Link *link, QByteArrayView payload)
{
    // Messages and acks in their common form are handled from their bytes
    // (Wire::FrameView): transit messages and acks forwarded as they are, an entity's
    // message originated with a new head before its envelope's bytes, acks for this
    // origin settled. Anything else (other frames, traced messages, several destinations,
    // the ingress as consumer, an unusual or malformed frame) is decoded: linkFrame().
    if (m_failed)
        return false;
    const Wire::FrameType type = Wire::FrameView::peekType(payload);
    if (type != Wire::FrameType::Ack && type != Wire::FrameType::Message)
        return false;
    Wire::FrameView view;
    if (!view.parse(payload))
        return false;
    if (view.kind == Wire::FrameView::Kind::Ack)
        return ackInPlace(view);
    if (link->peerKind() == Wire::NodeKind::Entity)
        return originateInPlace(link, view);
    return forwardInPlace(view);
}

void Router::LastHop::remember(const QString &r, const QString &c, quint64 routes, quint64 links)
{
    router = r;
    consumer = c;
    const std::optional<QByteArray> rBytes = asciiBytes(r);
    const std::optional<QByteArray> cBytes = asciiBytes(c);
    latin1 = rBytes && cBytes;
    routerLatin1 = rBytes.value_or(QByteArray());
    consumerLatin1 = cBytes.value_or(QByteArray());
    routesGeneration = routes;
    linksGeneration = links;
    valid = true;
}

const Router::LastHop &Router::messageHop(QLatin1StringView router, QLatin1StringView consumer)
{
    if (m_lastMessageHop.matches(router, consumer, m_routesGeneration, m_linksGeneration))
        return m_lastMessageHop;
    return refreshMessageHop(QString(router), QString(consumer));
}

const Router::LastHop &Router::messageHop(const QString &router, const QString &consumer)
{
    if (m_lastMessageHop.matches(router, consumer, m_routesGeneration, m_linksGeneration))
        return m_lastMessageHop;
    return refreshMessageHop(router, consumer);
}

const Router::LastHop &Router::refreshMessageHop(const QString &router, const QString &consumer)
{
    LastHop &hop = m_lastMessageHop;
    const QString next = Routing::DeliveryPlanner::nextHopOf(Wire::Destination{router, consumer}, m_routes);
    hop.remember(router, consumer, m_routesGeneration, m_linksGeneration);
    hop.local = next == m_config.id;
    hop.internal = hop.local && consumer == internalConsumer();
    if (hop.local)
        hop.link = hop.internal ? nullptr : m_entityLinks.value(consumer, nullptr);
    else
        hop.link = next.isEmpty() ? nullptr : routerLink(next);
    return hop;
}

bool Router::forwardInPlace(const Wire::FrameView &message)
{
    // What forward() does for one destination, without the envelope: the cases it treats
    // specially (a trace to record, a hop count at the limit or not patchable in place,
    // the ingress as consumer) go the decoded way.
    if (message.trace || message.destinationCount != 1 || !message.hopsPatchable() || message.hops >= MaxHops)
        return false;
    const LastHop &hop = messageHop(message.destinationRouter, message.destinationConsumer);
    if (hop.internal)
        return false;
    ++m_counters.received;
    m_addressCounters.add(message.address, AddressCounters::Kind::Received);
    sendOnHop(hop, message.address, [&](Link *link) { link->sendForwarded(message); });
    return true;
}

bool Router::originateInPlace(Link *from, const Wire::FrameView &message)
{
    // What linkFrame() and originate() do for an entity's message that goes to one
    // consumer, without decoding its envelope: the frame sent on is a new head (origin,
    // acked, destinations) before the entity's envelope bytes, its hop count raised in
    // place. Everything else (traced, no or several destinations, the ingress as
    // consumer) goes the decoded way; nothing has been counted or changed before that
    // choice is made.
    if (message.trace || !message.hopsPatchable() || message.hops >= MaxHops)
        return false;
    if (m_lastOriginAddress.isNull() || QLatin1StringView(m_lastOriginAddressLatin1) != message.address) {
        m_lastOriginAddress = QString(message.address);
        m_lastOriginAddressLatin1 = QByteArray(message.address.data(), message.address.size());
    }
    const QString &address = m_lastOriginAddress;
    const Routing::Decision &decision =
        decideCached(address, message.key.isEmpty() ? QString() : QString(message.key));
    if (decision.destinations.size() != 1)
        return false;
    const Wire::Destination &destination = decision.destinations.constFirst();
    const LastHop &hop = messageHop(destination.router, destination.consumer);
    if (hop.internal)
        return false;

    ++m_counters.received;
    m_addressCounters.add(address, AddressCounters::Kind::Received);
    // Draining, this router takes no new work (see linkFrame).
    if (m_draining)
        return true;
    const QString &fromEntity = from->peerId();
    const qint64 now = nowMs();
    if (message.deadlineMs > 0 && now > message.deadlineMs) {
        ++m_counters.expired;
        notifySender(fromEntity, message.messageId.toByteArray(), Wire::AckStatus::Expired);
        return true;
    }
    ++m_assigned[destination.consumer];
    const bool acked = decision.distribution.acked;
    QByteArray frame;
    const qsizetype idOffset = Wire::appendOriginated(frame, message, m_config.id, acked, decision.destinations)
                               + (message.messageId.constData() - message.payload.constData());
    if (acked) {
        // One look-up for both cases: operator[] adds a default entry when the id is new.
        const qsizetype before = m_inFlight.size();
        InFlight &entry = m_inFlight[Wire::MessageKey(message.messageId)];
        if (m_inFlight.size() == before) {
            // The sender resent after losing its router connection (see originate()).
            entry.fromEntity = fromEntity;
            entry.holdsCredit = false;
            return true;
        }
        entry.frame = frame;
        // The id as a view into the frame the entry holds, which never changes and goes
        // with it (copies share it): no allocation for it.
        entry.id = QByteArray::fromRawData(entry.frame.constData() + idOffset, message.messageId.size());
        entry.pending = decision.destinations;
        entry.address = address;
        entry.deadlineMs = message.deadlineMs;
        entry.mode = decision.distribution.mode;
        entry.fromEntity = fromEntity;
        entry.firstSentMs = now;
        entry.lastSentMs = now;
        entry.holdsCredit = true;
        from->takeCredit();   // may pause reading from the sender (flow control)
    } else {
        notifySender(fromEntity, message.messageId.toByteArray(), Wire::AckStatus::Accepted);
    }
    // forward(), one destination. The hop may be stale now: notifySender cannot change
    // links or routes, so it is not.
    sendOnHop(hop, address, [&](Link *link) { link->sendFrame(frame); });
    return true;
}

bool Router::ackInPlace(const Wire::FrameView &ack)
{
    // What onAck() does: settle here, or pass it on towards its origin as it is.
    if (m_idAscii && QLatin1StringView(*m_idAscii) == ack.originRouter) {
        settle(ack.messageId, ack.consumer, ack.status);
        return true;
    }
    LastHop &hop = m_lastAckHop;
    if (!hop.matches(ack.originRouter, QLatin1StringView(), m_routesGeneration, m_linksGeneration)) {
        hop.remember(QString(ack.originRouter), QString(), m_routesGeneration, m_linksGeneration);
        hop.link = routerLink(m_routes.nextHop(hop.router));
    }
    if (hop.link)
        hop.link->sendPayload(ack.payload);
    else
        ++m_counters.dropped;   // the origin resends; the consumer acks the duplicate
    return true;
}

// ---- messages ----------------------------------------------------------------------

Routing::Decision Router::decide(const Wire::Envelope &envelope, bool explain) const
{
    return decide(envelope.address, envelope.key, explain);
}

const Routing::Decision &Router::decideCached(const QString &address, const QString &key)
{
    // An entity sends long runs to one address: the last reusable decision is checked
    // before the cache is hashed into.
    LastDecision &last = m_lastDecision;
    if (last.valid && last.addressGeneration == m_addresses.generation()
        && last.routesGeneration == m_routesGeneration && last.address == address)
        return last.decision;
    last.decision = decide(address, key, false);
    last.valid = !last.decision.dependsOnAssignedWork && last.decision.distribution.mode != Routing::Mode::Keyed;
    last.address = address;
    last.addressGeneration = m_addresses.generation();
    last.routesGeneration = m_routesGeneration;
    return last.decision;
}

Routing::Decision Router::decide(const QString &address, const QString &key, bool explain) const
{
    const Routing::DeliveryPlanner::Inputs inputs{m_distributions, m_addresses, m_routes, &m_assigned};
    if (explain)
        return Routing::DeliveryPlanner::decide(inputs, address, key, true);
    // Most decisions (closest, plain multicast) change only with the address table or the
    // routes: reuse them while both generations stand.
    const auto cached = m_decisionCache.constFind(address);
    if (cached != m_decisionCache.cend() && cached->addressGeneration == m_addresses.generation()
        && cached->routesGeneration == m_routesGeneration)
        return cached->decision;
    Routing::Decision decision = Routing::DeliveryPlanner::decide(inputs, address, key, false);
    if (!decision.dependsOnAssignedWork && decision.distribution.mode != Routing::Mode::Keyed) {
        if (m_decisionCache.size() >= DecisionCacheLimit)
            m_decisionCache.clear();
        m_decisionCache.insert(address, CachedDecision{m_addresses.generation(), m_routesGeneration, decision});
    }
    return decision;
}

void Router::originate(Wire::MessageFrame frame, const QString &fromEntity, const Routing::Decision &decision,
                       Link *fromLink)
{
    const qint64 now = nowMs();
    const QByteArray id = frame.envelope.id;
    if (frame.envelope.deadlineMs > 0 && now > frame.envelope.deadlineMs) {
        ++m_counters.expired;
        notifySender(fromEntity, id, Wire::AckStatus::Expired);
        return;
    }
    frame.originRouter = m_config.id;
    frame.acked = decision.distribution.acked;
    frame.destinations = decision.destinations;
    if (frame.destinations.isEmpty()) {
        ++m_counters.noConsumer;
        m_addressCounters.add(frame.envelope.address, AddressCounters::Kind::NoConsumer);
        notifySender(fromEntity, id, Wire::AckStatus::NoConsumer);
        if (frame.envelope.trace)
            Q_EMIT event(u"no-consumer"_s, {{u"requestId"_s, QString::fromLatin1(frame.envelope.requestId)},
                                           {u"address"_s, frame.envelope.address}});
        return;
    }
    for (const Wire::Destination &d : std::as_const(frame.destinations))
        ++m_assigned[d.consumer];
    if (frame.acked) {
        const Wire::MessageKey key(id);
        if (const auto held = m_inFlight.find(key); held != m_inFlight.end()) {
            // The sender resent after losing its router connection: the original is
            // still being tried; just remember who to tell.
            held->fromEntity = fromEntity;
            held->holdsCredit = false;   // its credit was taken on the old connection
            return;
        }
        // Kept as sent from here, before forward() adds a hop and its trace.
        m_inFlight.insert(key, InFlight{Wire::encodeFrame(frame), frame.destinations, frame.envelope.address, id,
                                       frame.envelope.deadlineMs, frame.envelope.trace,
                                       decision.distribution.mode, fromEntity, now, now, 1,
                                       Wire::AckStatus::Accepted, fromLink != nullptr});
        if (fromLink)
            fromLink->takeCredit();   // may pause reading from the sender (flow control)
    } else {
        // Fire-and-forget: the sender is done once the origin has it.
        notifySender(fromEntity, id, Wire::AckStatus::Accepted);
    }
    forward(frame);
}

void Router::forward(Wire::MessageFrame &frame)
{
    Wire::Envelope &envelope = frame.envelope;
    if (envelope.hops >= MaxHops) {
        ++m_counters.dropped;
        m_addressCounters.add(envelope.address, AddressCounters::Kind::Dropped);
        qCWarning(lcRouter) << "dropping a message that crossed" << envelope.hops << "routers";
        return;
    }
    if (envelope.trace) {
        envelope.path.append(m_config.id);
        Q_EMIT event(u"trace-hop"_s, {{u"requestId"_s, QString::fromLatin1(envelope.requestId)},
                                     {u"messageId"_s, QString::fromLatin1(envelope.id)},
                                     {u"hop"_s, envelope.hops}, {u"atMs"_s, nowMs()},
                                     {u"address"_s, envelope.address}});
    }
    ++envelope.hops;
    if (frame.destinations.size() == 1) {
        // The common case, unicast: no table of next hops, no copy.
        const QString hop = Routing::DeliveryPlanner::nextHopOf(frame.destinations.constFirst(), m_routes);
        if (hop == m_config.id) {
            deliverLocal(frame, frame.destinations);
        } else if (Link *link = hop.isEmpty() ? nullptr : routerLink(hop)) {
            ++m_counters.forwarded;
            m_addressCounters.add(envelope.address, AddressCounters::Kind::Forwarded);
            link->send(frame);
        } else {
            ++m_counters.dropped;
        }
        return;
    }
    const auto split = Routing::DeliveryPlanner::splitByNextHop(frame.destinations, m_routes);
    if (split.size() == 1) {
        // The common case (unicast, or every copy leaves by one neighbour): no copy.
        const QString hop = split.constBegin().key();
        if (hop == m_config.id) {
            deliverLocal(frame, frame.destinations);
        } else if (Link *link = hop.isEmpty() ? nullptr : routerLink(hop)) {
            ++m_counters.forwarded;
            m_addressCounters.add(envelope.address, AddressCounters::Kind::Forwarded);
            link->send(frame);
        } else {
            m_counters.dropped += quint64(frame.destinations.size());
            m_addressCounters.add(envelope.address, AddressCounters::Kind::Dropped, quint64(frame.destinations.size()));
        }
        return;
    }
    for (auto it = split.constBegin(); it != split.constEnd(); ++it) {
        if (it.key() == m_config.id) {
            deliverLocal(frame, it.value());
            continue;
        }
        Link *link = it.key().isEmpty() ? nullptr : routerLink(it.key());
        if (!link) {
            m_counters.dropped += quint64(it.value().size());
            m_addressCounters.add(envelope.address, AddressCounters::Kind::Dropped, quint64(it.value().size()));
            continue;
        }
        Wire::MessageFrame copy = frame;
        copy.destinations = it.value();
        ++m_counters.forwarded;
        m_addressCounters.add(envelope.address, AddressCounters::Kind::Forwarded);
        link->send(copy);
    }
}

void Router::deliverLocal(const Wire::MessageFrame &frame, const QList<Wire::Destination> &destinations)
{
    for (const Wire::Destination &d : destinations) {
        if (d.consumer == internalConsumer()) {
            deliverInternal(frame);
            if (frame.acked)
                onAck(Wire::Ack{frame.envelope.id, d.consumer, frame.originRouter, Wire::AckStatus::Accepted});
            continue;
        }
        Link *link = m_entityLinks.value(d.consumer, nullptr);
        if (!link) {
            ++m_counters.dropped;   // the entity left; the origin tries again
            m_addressCounters.add(frame.envelope.address, AddressCounters::Kind::Dropped);
            continue;
        }
        ++m_counters.delivered;
        m_addressCounters.add(frame.envelope.address, AddressCounters::Kind::Delivered);
        if (destinations.size() == 1 && frame.destinations.size() == 1) {
            link->send(frame);
        } else {
            Wire::MessageFrame single = frame;
            single.destinations = {d};
            link->send(single);
        }
    }
}

void Router::deliverInternal(const Wire::MessageFrame &frame)
{
    ++m_counters.delivered;
    m_addressCounters.add(frame.envelope.address, AddressCounters::Kind::Delivered);
    const Wire::Envelope &answer = frame.envelope;
    if (m_replies) {
        if (auto outcome = m_replies->add(answer)) {
            m_ingress->respond(outcome->ticket, outcome->status, outcome->body, outcome->contentType);
            Q_EMIT event(u"delivery"_s, {{u"requestId"_s, QString::fromLatin1(answer.requestId)},
                                        {u"status"_s, outcome->status}, {u"via"_s, u"ingress"_s}});
            return;
        }
    }
    // Answers to requests the console sent: hand them to the console as events.
    Q_EMIT event(u"answer"_s, {{u"requestId"_s, QString::fromLatin1(answer.requestId)},
                              {u"from"_s, answer.header(u"From")},
                              {u"status"_s, answer.header(u"Status").toInt()},
                              {u"body"_s, QString::fromUtf8(answer.body)},
                              {u"path"_s, QJsonArray::fromStringList(answer.path)}});
}

void Router::onAck(const Wire::Ack &ack)
{
    if (ack.originRouter == m_config.id) {
        settle(ack.messageId, ack.consumer, ack.status);
        return;
    }
    Link *link = routerLink(m_routes.nextHop(ack.originRouter));
    if (link)
        link->send(ack);
    else
        ++m_counters.dropped;   // the origin resends; the consumer acks the duplicate
}

void Router::settle(QByteArrayView messageId, QAnyStringView consumer, Wire::AckStatus status)
{
    auto it = m_inFlight.find(Wire::MessageKey(messageId));
    if (it == m_inFlight.end())
        return;
    if (status != Wire::AckStatus::Accepted)
        it->outcome = status;
    QList<Wire::Destination> &pending = it->pending;
    if (pending.size() == 1) {
        // The usual case, one consumer. The list is shared with the cached decision it
        // came from: emptied by assignment rather than removeIf, which would copy it first.
        if (QAnyStringView(pending.constFirst().consumer) != consumer)
            return;
        pending = {};
    } else {
        pending.removeIf([&](const Wire::Destination &d) { return QAnyStringView(d.consumer) == consumer; });
        if (!pending.isEmpty())
            return;
    }
    ++m_counters.acked;
    m_addressCounters.add(it->address, AddressCounters::Kind::Acked);
    finish(*it, it->id, it->outcome);
    if (it->trace) {
        const qint64 latency = nowMs() - it->firstSentMs;
        Q_EMIT event(u"delivery"_s, {{u"messageId"_s, QString::fromLatin1(it->id)},
                                    {u"consumer"_s, consumer.toString()}, {u"latencyMs"_s, latency}});
    }
    m_inFlight.erase(it);
    if (m_draining)
        checkDrained();
}

void Router::notifySender(const QString &entity, const QByteArray &messageId, Wire::AckStatus status)
{
    if (entity.isEmpty())
        return;
    if (Link *link = m_entityLinks.value(entity, nullptr))
        link->sendAck(messageId, entity, m_config.id, status);
}

Link *Router::entityLink(const QString &entity)
{
    LastEntityLink &last = m_lastEntityLink;
    if (!last.valid || last.linksGeneration != m_linksGeneration || last.entity != entity) {
        last.entity = entity;
        last.link = m_entityLinks.value(entity, nullptr);
        last.linksGeneration = m_linksGeneration;
        last.valid = true;
    }
    return last.link;
}

void Router::finish(const InFlight &entry, const QByteArray &messageId, Wire::AckStatus status)
{
    if (entry.fromEntity.isEmpty())
        return;
    Link *link = entityLink(entry.fromEntity);
    if (!link)
        return;
    link->sendAck(messageId, entry.fromEntity, m_config.id, status);
    if (entry.holdsCredit)
        link->returnCredit();
}

void Router::retransmit()
{
    if (m_inFlight.isEmpty() || m_failed)
        return;
    const qint64 now = nowMs();
    QList<Wire::MessageKey> finished;
    QList<std::pair<qint64, Wire::MessageKey>> quietTooLong;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        InFlight &entry = it.value();
        const qint64 deadline = entry.deadlineMs;
        if ((deadline > 0 && now > deadline) || now - entry.firstSentMs > GiveUpMs) {
            ++m_counters.expired;
            finish(entry, entry.id, Wire::AckStatus::Expired);
            finished.append(it.key());
            continue;
        }
        const qint64 quiet = qint64(m_config.retransmitMs) * QuietRetransmits << qMin(entry.attempts - 1, 4);
        if (now - entry.lastSentMs >= quiet)
            quietTooLong.append({entry.firstSentMs, it.key()});
    }
    for (const Wire::MessageKey &key : std::as_const(finished))
        m_inFlight.remove(key);
    resendEach(quietTooLong);
    if (m_draining)
        checkDrained();
}

void Router::resend(InFlight &entry, qint64 now)
{
    // Decoded again from the frame as first sent: resends are rare, and the table keeps
    // no decoded copy of every message for them.
    Wire::Frame decoded;
    QString error;
    if (!Wire::decodePayload(QByteArrayView(entry.frame).sliced(4), decoded, &error)
        || !std::holds_alternative<Wire::MessageFrame>(decoded)) {
        qCWarning(lcRouter) << "cannot resend" << entry.id << ":" << error;   // our own encoding: never
        return;
    }
    Wire::MessageFrame &frame = std::get<Wire::MessageFrame>(decoded);
    const bool single = entry.mode != Routing::Mode::Multicast;
    if (single && !entry.pending.isEmpty()) {
        // Its consumer may be gone or cut off: let the distribution choose again.
        const Wire::Destination &d = entry.pending.constFirst();
        bool stillThere = m_routes.reachable(d.router);
        if (stillThere) {
            const QList<Routing::Consumer> consumers = m_addresses.match(entry.address);
            stillThere = std::any_of(consumers.begin(), consumers.end(),
                                     [&](const Routing::Consumer &c) { return c.consumer == d.consumer; });
        }
        if (!stillThere) {
            const Routing::Decision decision = decide(frame.envelope, false);
            if (!decision.destinations.isEmpty())
                entry.pending = decision.destinations;
        }
    }
    entry.lastSentMs = now;
    ++entry.attempts;
    ++m_counters.resent;
    m_addressCounters.add(entry.address, AddressCounters::Kind::Resent);
    frame.destinations = entry.pending;
    frame.envelope.hops = 0;
    frame.envelope.path.clear();
    forward(frame);
}

void Router::resendAll()
{
    if (m_inFlight.isEmpty())
        return;
    // Oldest first: they have waited longest, and the consumer sees them roughly in the
    // order they were sent.
    QList<std::pair<qint64, Wire::MessageKey>> order;
    order.reserve(m_inFlight.size());
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        order.append({it->firstSentMs, it.key()});
    std::sort(order.begin(), order.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    resendEach(order);
}

void Router::resendTo(const QString &router)
{
    QList<std::pair<qint64, Wire::MessageKey>> due;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        const auto &pending = it->pending;
        if (std::any_of(pending.begin(), pending.end(), [&](const Wire::Destination &d) { return d.router == router; }))
            due.append({it->firstSentMs, it.key()});
    }
    resendEach(due);
}

void Router::resendEach(const QList<std::pair<qint64, Wire::MessageKey>> &messages)
{
    // By id, looked up afresh: a resend delivered here (to the ingress) settles, and so
    // erases, entries of the table while we go through it.
    const qint64 now = nowMs();
    for (const auto &[firstSentMs, id] : messages) {
        Q_UNUSED(firstSentMs)
        const auto it = m_inFlight.find(id);
        if (it != m_inFlight.end())
            resend(*it, now);
    }
}

void Router::checkDrained()
{
    // Once: the process exits when drained() is handled. The router stays draining until
    // then, so nothing new is taken on in between.
    if (m_drained || !m_inFlight.isEmpty())
        return;
    m_drained = true;
    Q_EMIT event(u"drained"_s, {});
    Q_EMIT drained();
}

// ---- ingress -----------------------------------------------------------------------

void Router::onIngressRequest(const IngressRequest &request)
{
    if (m_failed || m_draining) {
        m_ingress->respondError(request.ticket, 503, u"router %1 is not taking requests"_s.arg(m_config.id));
        return;
    }
    Wire::MessageFrame frame;
    Wire::Envelope &envelope = frame.envelope;
    envelope = request.envelope;
    envelope.id = newMessageId();
    envelope.requestId = envelope.id;
    envelope.createdMs = nowMs();
    envelope.key = envelope.header(u"X-Key");
    envelope.trace = envelope.header(u"X-Trace") == "1"_L1;
    const Routing::Decision decision = decide(envelope, false);
    if (decision.destinations.isEmpty()) {
        m_ingress->respondError(request.ticket, 404, decision.summary);
        return;
    }
    const QString requestId = QString::fromLatin1(envelope.requestId);
    if (!request.waitForAnswer) {
        originate(std::move(frame), {}, decision);
        m_ingress->respond(request.ticket, 202,
                           QJsonDocument(QJsonObject{{u"requestId"_s, requestId},
                                                     {u"destinations"_s, decision.destinations.size()}})
                               .toJson(QJsonDocument::Compact));
        return;
    }
    envelope.replyTo = ingressAddress();
    const bool multicast = decision.distribution.mode == Routing::Mode::Multicast;
    m_replies->expect(envelope.requestId, request.ticket, multicast ? int(decision.destinations.size()) : 1,
                      multicast, request.deadlineMs);
    originate(std::move(frame), {}, decision);
    const qint64 next = m_replies->nextDeadline();
    if (next > 0)
        m_ingressTimer.start(int(std::clamp<qint64>(next - nowMs() + 1, 0, 60000)));
}

void Router::expireIngress()
{
    if (!m_replies)
        return;
    const auto outcomes = m_replies->expire(nowMs());
    for (const auto &outcome : outcomes)
        m_ingress->respond(outcome.ticket, outcome.status, outcome.body, outcome.contentType);
    const qint64 next = m_replies->nextDeadline();
    if (next > 0)
        m_ingressTimer.start(int(std::clamp<qint64>(next - nowMs() + 1, 0, 60000)));
}

// ---- commands and telemetry --------------------------------------------------------------

QJsonObject Router::sendCommand(const QJsonObject &args, QString *error)
{
    Wire::MessageFrame frame;
    Wire::Envelope &envelope = frame.envelope;
    envelope.address = args.value("address"_L1).toString();
    if (!envelope.address.startsWith(u'/')) {
        *error = u"address must start with '/'"_s;
        return {};
    }
    envelope.id = newMessageId();
    envelope.requestId = envelope.id;
    envelope.createdMs = nowMs();
    envelope.body = args.value("body"_L1).toString().toUtf8();
    envelope.key = args.value("key"_L1).toString();
    envelope.trace = args.value("trace"_L1).toBool(true);
    envelope.replyTo = args.value("replyTo"_L1).toString(ingressAddress());
    const QJsonObject headers = args.value("headers"_L1).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        envelope.setHeader(it.key(), it.value().toString());
    if (args.contains("method"_L1))
        envelope.setHeader(u"Method"_s, args.value("method"_L1).toString());
    const Routing::Decision decision = decide(envelope, false);
    const QJsonObject result{{u"requestId"_s, QString::fromLatin1(envelope.requestId)},
                             {u"messageId"_s, QString::fromLatin1(envelope.id)},
                             {u"destinations"_s, destinationsJson(decision.destinations)},
                             {u"summary"_s, decision.summary}};
    originate(std::move(frame), {}, decision);
    return result;
}

QJsonObject Router::explainCommand(const QJsonObject &args) const
{
    Wire::Envelope envelope;
    envelope.address = args.value("address"_L1).toString();
    envelope.key = args.value("key"_L1).toString();
    const Routing::Decision decision = decide(envelope, true);
    QJsonArray candidates;
    for (const Routing::Candidate &c : decision.candidates) {
        candidates.append(QJsonObject{
            {u"consumer"_s, c.consumer.consumer}, {u"router"_s, c.consumer.router},
            {u"group"_s, c.consumer.group}, {u"subscription"_s, c.consumer.subscription},
            {u"reachable"_s, c.reachable}, {u"atCapacity"_s, c.atCapacity},
            {u"pathCost"_s, c.pathCost}, {u"outstanding"_s, c.outstanding},
            {u"score"_s, c.score}, {u"chosen"_s, c.chosen}, {u"note"_s, c.note},
            {u"path"_s, QJsonArray::fromStringList(m_routes.path(c.consumer.router))}});
    }
    return {{u"address"_s, envelope.address},
            {u"mode"_s, Routing::modeName(decision.distribution.mode)},
            {u"acked"_s, decision.distribution.acked},
            {u"summary"_s, decision.summary},
            {u"destinations"_s, destinationsJson(decision.destinations)},
            {u"candidates"_s, candidates}};
}

QJsonObject Router::command(const QString &name, const QJsonObject &args, QString *error)
{
    const QString peer = args.value("peer"_L1).toString();
    if (name == "status"_L1)
        return telemetry();
    if (name == "fail"_L1) {
        failNode();
        return {{u"state"_s, u"failed"_s}};
    }
    if (name == "restore"_L1) {
        restoreNode();
        return {{u"state"_s, u"up"_s}};
    }
    if (name == "cut-link"_L1) {
        if (!cutLink(peer, args.value("silent"_L1).toBool(false), error))
            return {};
        return {{u"peer"_s, peer}, {u"state"_s, u"cut"_s}};
    }
    if (name == "restore-link"_L1) {
        if (!restoreLink(peer, error))
            return {};
        return {{u"peer"_s, peer}, {u"state"_s, u"restoring"_s}};
    }
    if (name == "set-link-cost"_L1) {
        const int cost = args.value("cost"_L1).toInt(-1);
        if (cost < 0) {
            *error = u"cost must be a non-negative integer"_s;
            return {};
        }
        m_costOverride.insert(peer, cost);
        if (Link *link = routerLink(peer))
            link->cost = cost;
        originateLinkState();
        return {{u"peer"_s, peer}, {u"cost"_s, cost}};
    }
    if (name == "set-link-latency"_L1) {
        const int ms = args.value("ms"_L1).toInt(-1);
        if (ms < 0) {
            *error = u"ms must be a non-negative integer"_s;
            return {};
        }
        m_latency.insert(peer, ms);
        if (Link *link = routerLink(peer))
            link->setAddedLatency(ms);
        return {{u"peer"_s, peer}, {u"latencyMs"_s, ms}};
    }
    if (name == "drain"_L1) {
        m_draining = true;
        originateLinkState();   // withdrawn: the mesh routes around us
        QMetaObject::invokeMethod(this, &Router::checkDrained, Qt::QueuedConnection);
        return {{u"state"_s, u"draining"_s}, {u"inFlight"_s, m_inFlight.size()}};
    }
    if (name == "send"_L1)
        return sendCommand(args, error);
    if (name == "explain"_L1)
        return explainCommand(args);
    if (name == "shutdown"_L1) {
        QMetaObject::invokeMethod(this, &Router::shutdownRequested, Qt::QueuedConnection);
        return {{u"state"_s, u"stopping"_s}};
    }
    *error = u"unknown command '%1'"_s.arg(name);
    return {};
}

void Router::sampleRates()
{
    for (auto it = m_routerLinks.constBegin(); it != m_routerLinks.constEnd(); ++it) {
        RateSample &s = m_rates[it.key()];
        s.rateIn = double(it.value()->framesIn() - qMin(s.framesIn, it.value()->framesIn()));
        s.rateOut = double(it.value()->framesOut() - qMin(s.framesOut, it.value()->framesOut()));
        s.framesIn = it.value()->framesIn();
        s.framesOut = it.value()->framesOut();
    }
}

QJsonObject Router::telemetry() const
{
    QJsonObject links;
    QSet<QString> peers;
    for (const Dialer &d : m_dialers)
        if (!d.endpoint.peer.isEmpty())
            peers.insert(d.endpoint.peer);
    for (auto it = m_routerLinks.constBegin(); it != m_routerLinks.constEnd(); ++it)
        peers.insert(it.key());
    for (auto it = m_cut.constBegin(); it != m_cut.constEnd(); ++it)
        peers.insert(it.key());
    for (const QString &peer : std::as_const(peers)) {
        const Link *link = m_routerLinks.value(peer, nullptr);
        const RateSample rate = m_rates.value(peer);
        QString state = link ? u"up"_s : u"down"_s;
        if (m_cut.contains(peer))
            state = u"cut"_s;
        QJsonObject o{{u"state"_s, state}, {u"latencyMs"_s, m_latency.value(peer, 0)}};
        if (link) {
            o.insert(u"cost"_s, link->cost);
            o.insert(u"provider"_s, link->provider);
            o.insert(u"kind"_s, Wire::nodeKindName(link->peerKind()));
            o.insert(u"framesIn"_s, double(link->framesIn()));
            o.insert(u"framesOut"_s, double(link->framesOut()));
            o.insert(u"rateIn"_s, rate.rateIn);
            o.insert(u"rateOut"_s, rate.rateOut);
        } else {
            for (const Dialer &d : m_dialers) {
                if (d.endpoint.peer == peer) {
                    o.insert(u"cost"_s, m_costOverride.value(peer, d.endpoint.cost));
                    o.insert(u"provider"_s, d.endpoint.provider);
                }
            }
        }
        links.insert(peer, o);
    }
    QJsonObject entities;
    for (auto it = m_entityLinks.constBegin(); it != m_entityLinks.constEnd(); ++it)
        entities.insert(it.key(), QJsonObject{{u"framesIn"_s, double(it.value()->framesIn())},
                                              {u"framesOut"_s, double(it.value()->framesOut())},
                                              // flow control: its messages held here, and how often
                                              // reading from it was paused at the window
                                              {u"held"_s, it.value()->creditsTaken()},
                                              {u"window"_s, it.value()->creditWindow()},
                                              {u"paused"_s, it.value()->isReadPaused()},
                                              {u"pauses"_s, double(it.value()->pauses())},
                                              {u"graceReads"_s, double(it.value()->graceReads())}});
    QHash<QString, int> depth;
    for (const InFlight &entry : m_inFlight)
        ++depth[queueKey(entry.address)];
    QJsonObject queues;
    for (auto it = depth.constBegin(); it != depth.constEnd(); ++it)
        queues.insert(it.key(), it.value());
    QJsonObject routes;
    const auto all = m_routes.routes();
    for (const Routing::Route &r : all)
        routes.insert(r.destination, QJsonObject{{u"nextHop"_s, r.nextHop}, {u"cost"_s, r.cost}});

    return {
        {u"node"_s, m_config.id},
        {u"role"_s, m_config.role},
        {u"kind"_s, Wire::nodeKindName(m_config.kind())},
        {u"version"_s, m_config.software},
        {u"state"_s, m_failed ? u"failed"_s : m_draining ? u"draining"_s : u"up"_s},
        {u"uptimeMs"_s, double(m_uptime.isValid() ? m_uptime.elapsed() : 0)},
        {u"links"_s, links},
        {u"entities"_s, entities},
        {u"queues"_s, queues},
        {u"addresses"_s, m_addressCounters.toJson()},
        {u"routes"_s, routes},
        {u"httpPort"_s, httpPort()},
        {u"counters"_s, QJsonObject{
            {u"received"_s, double(m_counters.received)},
            {u"forwarded"_s, double(m_counters.forwarded)},
            {u"delivered"_s, double(m_counters.delivered)},
            {u"acked"_s, double(m_counters.acked)},
            {u"resent"_s, double(m_counters.resent)},
            {u"dropped"_s, double(m_counters.dropped)},
            {u"noConsumer"_s, double(m_counters.noConsumer)},
            {u"expired"_s, double(m_counters.expired)},
            {u"inFlight"_s, m_inFlight.size()},
        }},
    };
}

} // namespace Portolan::Node
