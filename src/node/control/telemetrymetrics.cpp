#include "node/control/telemetrymetrics.h"

#include "node/control/prometheusexposition.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

using Type = PrometheusExposition::Type;
using Labels = PrometheusExposition::Labels;

// A value of the telemetry "counters" object and the metric it becomes.
struct CounterMetric
{
    QLatin1StringView key;
    QLatin1StringView metric;
    Type type;
    QLatin1StringView help;
};

constexpr CounterMetric RouterCounters[] = {
    {"received"_L1, "portolan_router_messages_received_total"_L1, Type::Counter,
     "Messages that arrived at this router, from routers and attached entities."_L1},
    {"forwarded"_L1, "portolan_router_messages_forwarded_total"_L1, Type::Counter,
     "Message copies sent on to a neighbouring router."_L1},
    {"delivered"_L1, "portolan_router_messages_delivered_total"_L1, Type::Counter,
     "Messages handed to a consumer attached to this router (or its HTTP ingress)."_L1},
    {"acked"_L1, "portolan_router_messages_acked_total"_L1, Type::Counter,
     "Acknowledged messages this router originated that every consumer acknowledged."_L1},
    {"resent"_L1, "portolan_router_messages_resent_total"_L1, Type::Counter,
     "Unsettled messages this router originated and sent again."_L1},
    {"dropped"_L1, "portolan_router_messages_dropped_total"_L1, Type::Counter,
     "Messages or acks dropped for want of a route or link, or after too many hops."_L1},
    {"noConsumer"_L1, "portolan_router_messages_no_consumer_total"_L1, Type::Counter,
     "Messages this router originated that had no consumer to go to."_L1},
    {"expired"_L1, "portolan_router_messages_expired_total"_L1, Type::Counter,
     "Messages given up because their deadline passed or nobody settled them in time."_L1},
    {"inFlight"_L1, "portolan_router_messages_in_flight"_L1, Type::Gauge,
     "Messages this router originated and keeps until their consumers acknowledge them."_L1},
};

constexpr CounterMetric EntityCounters[] = {
    {"received"_L1, "portolan_entity_messages_received_total"_L1, Type::Counter,
     "Messages delivered to this entity, duplicates included."_L1},
    {"handled"_L1, "portolan_entity_messages_handled_total"_L1, Type::Counter,
     "Messages this entity's role handled and acknowledged."_L1},
    {"duplicates"_L1, "portolan_entity_messages_duplicates_total"_L1, Type::Counter,
     "Messages dropped because this entity had already handled their id."_L1},
    {"expired"_L1, "portolan_entity_messages_expired_total"_L1, Type::Counter,
     "Messages that arrived after their deadline and were not handled."_L1},
    {"sent"_L1, "portolan_entity_messages_sent_total"_L1, Type::Counter,
     "Messages this entity sent."_L1},
    {"settled"_L1, "portolan_entity_messages_settled_total"_L1, Type::Counter,
     "Messages this entity sent that their consumers accepted."_L1},
    {"refused"_L1, "portolan_entity_messages_refused_total"_L1, Type::Counter,
     "Messages this entity sent that were given up (no consumer, deadline passed)."_L1},
    {"resent"_L1, "portolan_entity_messages_resent_total"_L1, Type::Counter,
     "Unsettled messages this entity sent again after reconnecting."_L1},
    {"unsettled"_L1, "portolan_entity_messages_unsettled"_L1, Type::Gauge,
     "Messages this entity sent that are not settled yet."_L1},
};

const QStringList NodeStates{u"up"_s, u"failed"_s, u"draining"_s};
const QStringList LinkStates{u"up"_s, u"down"_s, u"cut"_s};

// Object keys in a stable order, so that two scrapes list series alike.
QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

Labels with(const Labels &base, const QString &name, const QString &value)
{
    Labels labels = base;
    labels.append({name, value});
    return labels;
}

// A one-of-n state as n samples, 1 for the current state: the usual Prometheus shape for
// an enumeration, which keeps every series alive when the state changes.
void stateSet(PrometheusExposition &out, const QString &metric, const Labels &base, const QStringList &states,
              const QString &current)
{
    for (const QString &state : states)
        out.add(metric, with(base, u"state"_s, state), state == current ? 1 : 0);
    if (!current.isEmpty() && !states.contains(current))
        out.add(metric, with(base, u"state"_s, current), 1);
}

void writeNode(const QJsonObject &t, const ProcessFigures &process, const Labels &node, PrometheusExposition &out)
{
    out.declare(u"portolan_node_info"_s, Type::Gauge,
                u"Constant 1, labelled with the node's role, kind (interior, edge, entity) and software version."_s);
    out.add(u"portolan_node_info"_s,
            node + Labels{{u"role"_s, t.value("role"_L1).toString()},
                          {u"kind"_s, t.value("kind"_L1).toString()},
                          {u"version"_s, t.value("version"_L1).toString()}},
            1);
    if (t.contains("state"_L1)) {
        out.declare(u"portolan_node_state"_s, Type::Gauge,
                    u"1 for the node's current state (up, failed, draining), 0 for the others."_s);
        stateSet(out, u"portolan_node_state"_s, node, NodeStates, t.value("state"_L1).toString());
    }
    if (t.contains("uptimeMs"_L1)) {
        out.declare(u"portolan_node_uptime_seconds"_s, Type::Gauge, u"Time since the node started its runtime."_s);
        out.add(u"portolan_node_uptime_seconds"_s, node, t.value("uptimeMs"_L1).toDouble() / 1000.0);
    }
    if (process.residentBytes >= 0) {
        out.declare(u"portolan_process_resident_memory_bytes"_s, Type::Gauge,
                    u"Resident set size of the node process."_s);
        out.add(u"portolan_process_resident_memory_bytes"_s, node, double(process.residentBytes));
    }
    if (process.controlClients >= 0) {
        out.declare(u"portolan_control_clients"_s, Type::Gauge,
                    u"Consoles connected to the node's control WebSocket."_s);
        out.add(u"portolan_control_clients"_s, node, process.controlClients);
    }
}

void writeLinks(const QJsonObject &links, const Labels &node, PrometheusExposition &out)
{
    out.declare(u"portolan_link_state"_s, Type::Gauge,
                u"1 for the link's current state (up, down, cut), 0 for the others."_s);
    out.declare(u"portolan_link_info"_s, Type::Gauge,
                u"Constant 1, labelled with the kind of node at the far end and the link's provider."_s);
    out.declare(u"portolan_link_cost"_s, Type::Gauge, u"Routing cost of the link."_s);
    out.declare(u"portolan_link_added_latency_seconds"_s, Type::Gauge,
                u"Latency added to the link's outgoing frames on the operator's request."_s);
    out.declare(u"portolan_link_frames_received_total"_s, Type::Counter,
                u"Frames received on the link (messages, acks, hellos, link state, adverts)."_s);
    out.declare(u"portolan_link_frames_sent_total"_s, Type::Counter, u"Frames sent on the link."_s);
    out.declare(u"portolan_link_receive_rate_frames_per_second"_s, Type::Gauge,
                u"Frames received on the link during the last second."_s);
    out.declare(u"portolan_link_send_rate_frames_per_second"_s, Type::Gauge,
                u"Frames sent on the link during the last second."_s);
    const QStringList peers = sortedKeys(links);
    for (const QString &peer : peers) {
        const QJsonObject link = links.value(peer).toObject();
        const Labels labels = with(node, u"peer"_s, peer);
        stateSet(out, u"portolan_link_state"_s, labels, LinkStates, link.value("state"_L1).toString());
        out.add(u"portolan_link_info"_s,
                labels + Labels{{u"kind"_s, link.value("kind"_L1).toString()},
                                {u"provider"_s, link.value("provider"_L1).toString()}},
                1);
        if (link.contains("cost"_L1))
            out.add(u"portolan_link_cost"_s, labels, link.value("cost"_L1).toDouble());
        if (link.contains("latencyMs"_L1))
            out.add(u"portolan_link_added_latency_seconds"_s, labels, link.value("latencyMs"_L1).toDouble() / 1000.0);
        if (link.contains("framesIn"_L1))
            out.add(u"portolan_link_frames_received_total"_s, labels, link.value("framesIn"_L1).toDouble());
        if (link.contains("framesOut"_L1))
            out.add(u"portolan_link_frames_sent_total"_s, labels, link.value("framesOut"_L1).toDouble());
        if (link.contains("rateIn"_L1))
            out.add(u"portolan_link_receive_rate_frames_per_second"_s, labels, link.value("rateIn"_L1).toDouble());
        if (link.contains("rateOut"_L1))
            out.add(u"portolan_link_send_rate_frames_per_second"_s, labels, link.value("rateOut"_L1).toDouble());
    }
}

// Address -> number maps: the router's queue depths, the entity's backlog.
void writePerAddress(const QJsonObject &values, const QString &metric, const QString &help, const Labels &node,
                     PrometheusExposition &out)
{
    out.declare(metric, Type::Gauge, help);
    const QStringList addresses = sortedKeys(values);
    for (const QString &address : addresses)
        out.add(metric, with(node, u"address"_s, address), values.value(address).toDouble());
}

// The router's counters again, per address group ("addresses" in the telemetry): one
// series per address for each message counter, named portolan_router_address_messages_*.
void writeAddressCounters(const QJsonObject &addresses, const Labels &node, PrometheusExposition &out)
{
    const QStringList groups = sortedKeys(addresses);
    for (const CounterMetric &c : RouterCounters) {
        QString metric = QString(c.metric);
        if (!metric.startsWith("portolan_router_messages_"_L1))
            continue;
        metric.replace("portolan_router_messages_"_L1, "portolan_router_address_messages_"_L1);
        out.declare(metric, c.type, QString(c.help) + u" Per address (its first two path segments)."_s);
        for (const QString &group : groups) {
            const QJsonValue value = addresses.value(group).toObject().value(c.key);
            if (value.isDouble())
                out.add(metric, with(node, u"address"_s, group), value.toDouble());
        }
    }
}

template<size_t N>
void writeCounters(const QJsonObject &counters, const CounterMetric (&known)[N], const QString &unknownPrefix,
                   const Labels &node, PrometheusExposition &out)
{
    for (const CounterMetric &c : known) {
        out.declare(QString(c.metric), c.type, QString(c.help));
        if (counters.value(c.key).isDouble())
            out.add(QString(c.metric), node, counters.value(c.key).toDouble());
    }
    // A counter added to the telemetry later still shows; as a gauge, because nothing
    // here can promise that it only grows.
    const QStringList keys = sortedKeys(counters);
    for (const QString &key : keys) {
        const bool isKnown = std::any_of(std::begin(known), std::end(known),
                                         [&](const CounterMetric &c) { return c.key == key; });
        if (isKnown || !counters.value(key).isDouble())
            continue;
        const QString metric = unknownPrefix + PrometheusExposition::snakeCase(key);
        out.declare(metric, Type::Gauge, u"Telemetry counter \"%1\" (docs/protocol.md)."_s.arg(key));
        out.add(metric, node, counters.value(key).toDouble());
    }
}

bool isNumeric(const QJsonValue &value)
{
    return value.isDouble() || value.isBool();
}

double numeric(const QJsonValue &value)
{
    return value.isBool() ? (value.toBool() ? 1.0 : 0.0) : value.toDouble();
}

// The role's own telemetry ("data"): every number or boolean becomes a gauge named after
// its key; an object of numbers (a store's inventory) becomes one series per member,
// the member's name in label "key". Text and lists are not metrics and are left out.
// Durations in milliseconds ("serviceMs") are given in seconds ("_seconds"), the unit
// Prometheus expects.
void writeRoleData(const QJsonObject &data, const Labels &node, const QString &role, PrometheusExposition &out)
{
    const Labels labels = with(node, u"role"_s, role);
    const QStringList keys = sortedKeys(data);
    for (const QString &key : keys) {
        const QJsonValue value = data.value(key);
        const bool milliseconds = key.size() > 2 && key.endsWith("Ms"_L1);
        const double scale = milliseconds ? 0.001 : 1.0;
        const QString metric = u"portolan_role_"_s
            + (milliseconds ? PrometheusExposition::snakeCase(QStringView(key).chopped(2)) + u"_seconds"_s
                            : PrometheusExposition::snakeCase(key));
        const QString help = u"Role telemetry \"%1\"%2: the value of that name in the \"data\" object of an "
                             "entity's telemetry (see the role in docs/scenarios.md)."_s
                                 .arg(key, milliseconds ? u" in seconds"_s : QString());
        if (isNumeric(value)) {
            out.declare(metric, Type::Gauge, help);
            out.add(metric, labels, numeric(value) * scale);
        } else if (value.isObject()) {
            const QJsonObject members = value.toObject();
            const QStringList names = sortedKeys(members);
            for (const QString &name : names) {
                if (!isNumeric(members.value(name)))
                    continue;
                out.declare(metric, Type::Gauge, help);
                out.add(metric, with(labels, u"key"_s, name), numeric(members.value(name)) * scale);
            }
        }
    }
}

void writeRouter(const QJsonObject &t, const Labels &node, PrometheusExposition &out)
{
    const QJsonObject entities = t.value("entities"_L1).toObject();
    out.declare(u"portolan_router_entity_frames_received_total"_s, Type::Counter,
                u"Frames received from an entity attached to this router."_s);
    out.declare(u"portolan_router_entity_frames_sent_total"_s, Type::Counter,
                u"Frames sent to an entity attached to this router."_s);
    out.declare(u"portolan_router_attached_entities"_s, Type::Gauge, u"Entities attached to this router."_s);
    out.add(u"portolan_router_attached_entities"_s, node, double(entities.size()));
    const QStringList ids = sortedKeys(entities);
    for (const QString &id : ids) {
        const QJsonObject entity = entities.value(id).toObject();
        const Labels labels = with(node, u"entity"_s, id);
        out.add(u"portolan_router_entity_frames_received_total"_s, labels, entity.value("framesIn"_L1).toDouble());
        out.add(u"portolan_router_entity_frames_sent_total"_s, labels, entity.value("framesOut"_L1).toDouble());
    }
    writePerAddress(t.value("queues"_L1).toObject(), u"portolan_router_queue_depth"_s,
                    u"Messages this router originated and has not settled yet, per address "
                    "(its first two path segments)."_s,
                    node, out);

    const QJsonObject routes = t.value("routes"_L1).toObject();
    out.declare(u"portolan_router_routes"_s, Type::Gauge, u"Routers this router has a route to."_s);
    out.add(u"portolan_router_routes"_s, node, double(routes.size()));
    out.declare(u"portolan_router_route_cost"_s, Type::Gauge,
                u"Total link cost of the shortest path to a router, labelled with its next hop."_s);
    const QStringList destinations = sortedKeys(routes);
    for (const QString &destination : destinations) {
        const QJsonObject route = routes.value(destination).toObject();
        out.add(u"portolan_router_route_cost"_s,
                node + Labels{{u"destination"_s, destination}, {u"next_hop"_s, route.value("nextHop"_L1).toString()}},
                route.value("cost"_L1).toDouble());
    }
    writeCounters(t.value("counters"_L1).toObject(), RouterCounters, u"portolan_router_"_s, node, out);
    writeAddressCounters(t.value("addresses"_L1).toObject(), node, out);
}

void writeEntity(const QJsonObject &t, const Labels &node, PrometheusExposition &out)
{
    writePerAddress(t.value("queues"_L1).toObject(), u"portolan_entity_backlog"_s,
                    u"Outstanding work this entity advertises for an address it consumes."_s, node, out);
    const QJsonArray subscriptions = t.value("subscriptions"_L1).toArray();
    out.declare(u"portolan_entity_subscription_capacity"_s, Type::Gauge,
                u"Most outstanding work the entity takes on an address it consumes (0: unbounded)."_s);
    for (const QJsonValue &value : subscriptions) {
        const QJsonObject s = value.toObject();
        out.add(u"portolan_entity_subscription_capacity"_s,
                node + Labels{{u"address"_s, s.value("address"_L1).toString()},
                              {u"group"_s, s.value("group"_L1).toString()}},
                s.value("capacity"_L1).toDouble());
    }
    writeCounters(t.value("counters"_L1).toObject(), EntityCounters, u"portolan_entity_"_s, node, out);
    writeRoleData(t.value("data"_L1).toObject(), node, t.value("role"_L1).toString(), out);
}

} // namespace

void TelemetryMetrics::write(const QJsonObject &telemetry, const ProcessFigures &process, PrometheusExposition &out)
{
    const Labels node{{u"node"_s, telemetry.value("node"_L1).toString()}};
    writeNode(telemetry, process, node, out);
    writeLinks(telemetry.value("links"_L1).toObject(), node, out);
    if (telemetry.value("kind"_L1).toString() == "entity"_L1)
        writeEntity(telemetry, node, out);
    else
        writeRouter(telemetry, node, out);
}

QByteArray TelemetryMetrics::render(const QJsonObject &telemetry, const ProcessFigures &process)
{
    PrometheusExposition out;
    write(telemetry, process, out);
    return out.text();
}

} // namespace Portolan::Node
