#include "node/control/telemetrymetrics.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::ProcessFigures;
using Portolan::Node::TelemetryMetrics;

namespace {


// Snapshots shaped like docs/protocol.md, "Telemetry snapshot".
QJsonObject routerSnapshot()
{
    return QJsonObject{
        {u"node"_s, u"r1"_s}, {u"role"_s, u"interior"_s}, {u"kind"_s, u"interior"_s}, {u"version"_s, u"0.1.0"_s},
        {u"state"_s, u"up"_s}, {u"uptimeMs"_s, 81234},
        {u"links"_s, QJsonObject{
            {u"r2"_s, QJsonObject{{u"state"_s, u"up"_s}, {u"cost"_s, 1}, {u"provider"_s, u"aws"_s},
                                  {u"latencyMs"_s, 250}, {u"kind"_s, u"interior"_s}, {u"framesIn"_s, 10234},
                                  {u"framesOut"_s, 10101}, {u"rateIn"_s, 310}, {u"rateOut"_s, 305.5}}},
            {u"r3"_s, QJsonObject{{u"state"_s, u"cut"_s}, {u"cost"_s, 5}, {u"provider"_s, u"premium"_s},
                                  {u"latencyMs"_s, 0}}},
        }},
        {u"entities"_s, QJsonObject{{u"store-32"_s, QJsonObject{{u"framesIn"_s, 120}, {u"framesOut"_s, 118}}}}},
        {u"queues"_s, QJsonObject{{u"/store/32"_s, 3}, {u"/factories/orders"_s, 0}}},
        {u"addresses"_s, QJsonObject{{u"/store/32"_s, QJsonObject{{u"received"_s, 70}, {u"forwarded"_s, 30},
                                                                  {u"delivered"_s, 40}, {u"acked"_s, 38},
                                                                  {u"resent"_s, 2}, {u"dropped"_s, 1},
                                                                  {u"noConsumer"_s, 0}}},
                                     {u"other"_s, QJsonObject{{u"received"_s, 5}}}}},
        {u"routes"_s, QJsonObject{{u"r2"_s, QJsonObject{{u"nextHop"_s, u"r2"_s}, {u"cost"_s, 1}}},
                                  {u"r3"_s, QJsonObject{{u"nextHop"_s, u"r2"_s}, {u"cost"_s, 2}}}}},
        {u"httpPort"_s, 0},
        {u"counters"_s, QJsonObject{{u"received"_s, 120}, {u"forwarded"_s, 40}, {u"delivered"_s, 80},
                                    {u"acked"_s, 75}, {u"resent"_s, 2}, {u"dropped"_s, 1}, {u"noConsumer"_s, 4},
                                    {u"expired"_s, 3}, {u"inFlight"_s, 5}, {u"futureCounter"_s, 9}}},
    };
}

QJsonObject entitySnapshot()
{
    return QJsonObject{
        {u"node"_s, u"store-32"_s}, {u"role"_s, u"store"_s}, {u"kind"_s, u"entity"_s}, {u"version"_s, u"0.2.0"_s},
        {u"state"_s, u"draining"_s}, {u"uptimeMs"_s, 500},
        {u"router"_s, u"r1"_s},
        {u"links"_s, QJsonObject{{u"r1"_s, QJsonObject{{u"state"_s, u"up"_s}, {u"kind"_s, u"interior"_s},
                                                      {u"framesIn"_s, 118}, {u"framesOut"_s, 120}}}}},
        {u"queues"_s, QJsonObject{{u"/store/32"_s, 2}}},
        {u"subscriptions"_s, QJsonArray{
            QJsonObject{{u"address"_s, u"/store/32"_s}, {u"group"_s, u""_s}, {u"capacity"_s, 0}},
            QJsonObject{{u"address"_s, u"/all-stores"_s}, {u"group"_s, u"stores"_s}, {u"capacity"_s, 8}},
        }},
        {u"counters"_s, QJsonObject{{u"received"_s, 50}, {u"handled"_s, 47}, {u"duplicates"_s, 1},
                                    {u"expired"_s, 2}, {u"sent"_s, 10}, {u"settled"_s, 9}, {u"refused"_s, 1},
                                    {u"resent"_s, 0}, {u"unsettled"_s, 0}}},
        {u"data"_s, QJsonObject{
            {u"inventory"_s, QJsonObject{{u"cutlass"_s, 4}, {u"rum \"dark\""_s, 2}, {u"label"_s, u"not a number"_s}}},
            {u"holds"_s, 3}, {u"building"_s, QJsonValue()}, {u"done"_s, true}, {u"address"_s, u"/store/32"_s},
            {u"latencyP99Ms"_s, 12.5}, {u"queue"_s, QJsonArray{u"a"_s, u"b"_s}},
        }},
    };
}

QJsonObject snapshot(const QString &which)
{
    return which == "router"_L1 ? routerSnapshot() : entitySnapshot();
}

// What a scraper reads: families (HELP, TYPE, order) and samples keyed by the text
// before the value, e.g. `portolan_link_cost{node="r1",peer="r2"}`. Anything that breaks
// the format lands in errors.
struct Exposition
{
    QHash<QString, QString> help;
    QHash<QString, QString> type;
    QHash<QString, double> samples;
    QStringList errors;
};

Exposition parse(const QByteArray &text)
{
    static const QRegularExpression name(u"^[a-zA-Z_][a-zA-Z0-9_]*$"_s);
    static const QRegularExpression sample(
        u"^([a-zA-Z_][a-zA-Z0-9_]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})? (\\S+)$"_s);
    Exposition e;
    QSet<QString> closedFamilies;
    QString current;
    if (!text.endsWith('\n'))
        e.errors.append(u"the text does not end with a line feed"_s);
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i));
        if (line.startsWith("# HELP "_L1) || line.startsWith("# TYPE "_L1)) {
            const QStringList parts = line.mid(7).split(u' ');
            const QString family = parts.value(0);
            QHash<QString, QString> &into = line.startsWith("# HELP "_L1) ? e.help : e.type;
            if (into.contains(family))
                e.errors.append(u"second %1 for %2"_s.arg(line.mid(2, 4), family));
            if (!name.match(family).hasMatch())
                e.errors.append(u"bad family name %1"_s.arg(family));
            if (family != current) {
                if (!current.isEmpty())
                    closedFamilies.insert(current);
                if (closedFamilies.contains(family))
                    e.errors.append(u"family %1 split"_s.arg(family));
                current = family;
            }
            into.insert(family, parts.mid(1).join(u' '));
            continue;
        }
        const QRegularExpressionMatch m = sample.match(line);
        if (!m.hasMatch()) {
            e.errors.append(u"malformed line: %1"_s.arg(line));
            continue;
        }
        const QString family = m.captured(1);
        if (family != current)
            e.errors.append(u"sample %1 outside its family's block"_s.arg(line));
        if (!e.type.contains(family))
            e.errors.append(u"sample %1 before its TYPE"_s.arg(line));
        const QString key = m.captured(1) + m.captured(2);
        if (e.samples.contains(key))
            e.errors.append(u"duplicate series %1"_s.arg(key));
        bool ok = false;
        const double value = m.captured(3).toDouble(&ok);
        if (!ok && m.captured(3) != "NaN"_L1 && m.captured(3) != "+Inf"_L1 && m.captured(3) != "-Inf"_L1)
            e.errors.append(u"bad value in %1"_s.arg(line));
        e.samples.insert(key, value);
    }
    return e;
}

Exposition render(const QString &which, const ProcessFigures &process = {})
{
    return parse(TelemetryMetrics::render(snapshot(which), process));
}

} // namespace

// The telemetry-to-metrics mapping: which portolan_* series a router's and an entity's
// snapshot become, with which labels, types and values.
class tst_TelemetryMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Whatever the snapshot, the output is a well-formed exposition: one HELP and TYPE
    // per family before its samples, families never split, no series twice.
    void wellFormed_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("router") << u"router"_s;
        QTest::newRow("entity") << u"entity"_s;
    }
    void wellFormed()
    {
        QFETCH(QString, which);
        const Exposition e = render(which, ProcessFigures{123456, 2});
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        QVERIFY(e.samples.size() > 20);
        for (auto it = e.type.constBegin(); it != e.type.constEnd(); ++it) {
            QVERIFY2(it.key().startsWith("portolan_"_L1), qPrintable(it.key()));
            QVERIFY2(!e.help.value(it.key()).isEmpty(), qPrintable(u"no help for "_s + it.key()));
            // Counters, and only counters, end in _total.
            QCOMPARE(it.key().endsWith("_total"_L1), it.value() == "counter"_L1);
        }
    }

    // Each telemetry figure appears as the series and value documented in protocol.md.
    void samples_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("series");
        QTest::addColumn<double>("value");
        const QString r = u"router"_s;
        const QString e = u"entity"_s;
        QTest::newRow("node info") << r << u"portolan_node_info{node=\"r1\",role=\"interior\",kind=\"interior\",version=\"0.1.0\"}"_s << 1.0;
        QTest::newRow("node state current") << r << u"portolan_node_state{node=\"r1\",state=\"up\"}"_s << 1.0;
        QTest::newRow("node state other") << r << u"portolan_node_state{node=\"r1\",state=\"failed\"}"_s << 0.0;
        QTest::newRow("uptime in seconds") << r << u"portolan_node_uptime_seconds{node=\"r1\"}"_s << 81.234;
        QTest::newRow("rss") << r << u"portolan_process_resident_memory_bytes{node=\"r1\"}"_s << 123456.0;
        QTest::newRow("control clients") << r << u"portolan_control_clients{node=\"r1\"}"_s << 2.0;
        QTest::newRow("received") << r << u"portolan_router_messages_received_total{node=\"r1\"}"_s << 120.0;
        QTest::newRow("forwarded") << r << u"portolan_router_messages_forwarded_total{node=\"r1\"}"_s << 40.0;
        QTest::newRow("delivered") << r << u"portolan_router_messages_delivered_total{node=\"r1\"}"_s << 80.0;
        QTest::newRow("acked") << r << u"portolan_router_messages_acked_total{node=\"r1\"}"_s << 75.0;
        QTest::newRow("resent") << r << u"portolan_router_messages_resent_total{node=\"r1\"}"_s << 2.0;
        QTest::newRow("dropped") << r << u"portolan_router_messages_dropped_total{node=\"r1\"}"_s << 1.0;
        QTest::newRow("no consumer") << r << u"portolan_router_messages_no_consumer_total{node=\"r1\"}"_s << 4.0;
        QTest::newRow("expired") << r << u"portolan_router_messages_expired_total{node=\"r1\"}"_s << 3.0;
        QTest::newRow("in flight") << r << u"portolan_router_messages_in_flight{node=\"r1\"}"_s << 5.0;
        QTest::newRow("unknown counter") << r << u"portolan_router_future_counter{node=\"r1\"}"_s << 9.0;
        QTest::newRow("queue depth") << r << u"portolan_router_queue_depth{node=\"r1\",address=\"/store/32\"}"_s << 3.0;
        QTest::newRow("empty queue") << r << u"portolan_router_queue_depth{node=\"r1\",address=\"/factories/orders\"}"_s << 0.0;
        QTest::newRow("address received") << r << u"portolan_router_address_messages_received_total{node=\"r1\",address=\"/store/32\"}"_s << 70.0;
        QTest::newRow("address forwarded") << r << u"portolan_router_address_messages_forwarded_total{node=\"r1\",address=\"/store/32\"}"_s << 30.0;
        QTest::newRow("address delivered") << r << u"portolan_router_address_messages_delivered_total{node=\"r1\",address=\"/store/32\"}"_s << 40.0;
        QTest::newRow("address acked") << r << u"portolan_router_address_messages_acked_total{node=\"r1\",address=\"/store/32\"}"_s << 38.0;
        QTest::newRow("address resent") << r << u"portolan_router_address_messages_resent_total{node=\"r1\",address=\"/store/32\"}"_s << 2.0;
        QTest::newRow("address dropped") << r << u"portolan_router_address_messages_dropped_total{node=\"r1\",address=\"/store/32\"}"_s << 1.0;
        QTest::newRow("address no consumer") << r << u"portolan_router_address_messages_no_consumer_total{node=\"r1\",address=\"/store/32\"}"_s << 0.0;
        QTest::newRow("the other addresses") << r << u"portolan_router_address_messages_received_total{node=\"r1\",address=\"other\"}"_s << 5.0;
        QTest::newRow("link up") << r << u"portolan_link_state{node=\"r1\",peer=\"r2\",state=\"up\"}"_s << 1.0;
        QTest::newRow("link not cut") << r << u"portolan_link_state{node=\"r1\",peer=\"r2\",state=\"cut\"}"_s << 0.0;
        QTest::newRow("cut link") << r << u"portolan_link_state{node=\"r1\",peer=\"r3\",state=\"cut\"}"_s << 1.0;
        QTest::newRow("cut link not up") << r << u"portolan_link_state{node=\"r1\",peer=\"r3\",state=\"up\"}"_s << 0.0;
        QTest::newRow("link info") << r << u"portolan_link_info{node=\"r1\",peer=\"r2\",kind=\"interior\",provider=\"aws\"}"_s << 1.0;
        QTest::newRow("cut link info") << r << u"portolan_link_info{node=\"r1\",peer=\"r3\",kind=\"\",provider=\"premium\"}"_s << 1.0;
        QTest::newRow("link cost") << r << u"portolan_link_cost{node=\"r1\",peer=\"r3\"}"_s << 5.0;
        QTest::newRow("added latency") << r << u"portolan_link_added_latency_seconds{node=\"r1\",peer=\"r2\"}"_s << 0.25;
        QTest::newRow("frames in") << r << u"portolan_link_frames_received_total{node=\"r1\",peer=\"r2\"}"_s << 10234.0;
        QTest::newRow("frames out") << r << u"portolan_link_frames_sent_total{node=\"r1\",peer=\"r2\"}"_s << 10101.0;
        QTest::newRow("rate in") << r << u"portolan_link_receive_rate_frames_per_second{node=\"r1\",peer=\"r2\"}"_s << 310.0;
        QTest::newRow("rate out") << r << u"portolan_link_send_rate_frames_per_second{node=\"r1\",peer=\"r2\"}"_s << 305.5;
        QTest::newRow("attached entities") << r << u"portolan_router_attached_entities{node=\"r1\"}"_s << 1.0;
        QTest::newRow("entity frames in") << r << u"portolan_router_entity_frames_received_total{node=\"r1\",entity=\"store-32\"}"_s << 120.0;
        QTest::newRow("entity frames out") << r << u"portolan_router_entity_frames_sent_total{node=\"r1\",entity=\"store-32\"}"_s << 118.0;
        QTest::newRow("routes") << r << u"portolan_router_routes{node=\"r1\"}"_s << 2.0;
        QTest::newRow("route cost") << r << u"portolan_router_route_cost{node=\"r1\",destination=\"r3\",next_hop=\"r2\"}"_s << 2.0;

        QTest::newRow("entity info") << e << u"portolan_node_info{node=\"store-32\",role=\"store\",kind=\"entity\",version=\"0.2.0\"}"_s << 1.0;
        QTest::newRow("draining") << e << u"portolan_node_state{node=\"store-32\",state=\"draining\"}"_s << 1.0;
        QTest::newRow("entity link") << e << u"portolan_link_state{node=\"store-32\",peer=\"r1\",state=\"up\"}"_s << 1.0;
        QTest::newRow("entity link frames") << e << u"portolan_link_frames_received_total{node=\"store-32\",peer=\"r1\"}"_s << 118.0;
        QTest::newRow("backlog") << e << u"portolan_entity_backlog{node=\"store-32\",address=\"/store/32\"}"_s << 2.0;
        QTest::newRow("capacity") << e << u"portolan_entity_subscription_capacity{node=\"store-32\",address=\"/all-stores\",group=\"stores\"}"_s << 8.0;
        QTest::newRow("handled") << e << u"portolan_entity_messages_handled_total{node=\"store-32\"}"_s << 47.0;
        QTest::newRow("duplicates") << e << u"portolan_entity_messages_duplicates_total{node=\"store-32\"}"_s << 1.0;
        QTest::newRow("settled") << e << u"portolan_entity_messages_settled_total{node=\"store-32\"}"_s << 9.0;
        QTest::newRow("unsettled") << e << u"portolan_entity_messages_unsettled{node=\"store-32\"}"_s << 0.0;
        QTest::newRow("role number") << e << u"portolan_role_holds{node=\"store-32\",role=\"store\"}"_s << 3.0;
        QTest::newRow("role milliseconds in seconds") << e << u"portolan_role_latency_p99_seconds{node=\"store-32\",role=\"store\"}"_s << 0.0125;
        QTest::newRow("role boolean") << e << u"portolan_role_done{node=\"store-32\",role=\"store\"}"_s << 1.0;
        QTest::newRow("role object") << e << u"portolan_role_inventory{node=\"store-32\",role=\"store\",key=\"cutlass\"}"_s << 4.0;
        QTest::newRow("escaped key") << e << u"portolan_role_inventory{node=\"store-32\",role=\"store\",key=\"rum \\\"dark\\\"\"}"_s << 2.0;
    }
    void samples()
    {
        QFETCH(QString, which);
        QFETCH(QString, series);
        QFETCH(double, value);
        const Exposition e = render(which, ProcessFigures{123456, 2});
        QVERIFY2(e.samples.contains(series), qPrintable(u"missing "_s + series));
        QCOMPARE(e.samples.value(series), value);
    }

    // Each family has the documented type.
    void types_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("type");
        QTest::newRow("router counter") << u"router"_s << u"portolan_router_messages_acked_total"_s << u"counter"_s;
        QTest::newRow("in flight") << u"router"_s << u"portolan_router_messages_in_flight"_s << u"gauge"_s;
        QTest::newRow("unknown counter") << u"router"_s << u"portolan_router_future_counter"_s << u"gauge"_s;
        QTest::newRow("link frames") << u"router"_s << u"portolan_link_frames_sent_total"_s << u"counter"_s;
        QTest::newRow("link rate") << u"router"_s << u"portolan_link_receive_rate_frames_per_second"_s << u"gauge"_s;
        QTest::newRow("queue depth") << u"router"_s << u"portolan_router_queue_depth"_s << u"gauge"_s;
        QTest::newRow("entity counter") << u"entity"_s << u"portolan_entity_messages_sent_total"_s << u"counter"_s;
        QTest::newRow("backlog") << u"entity"_s << u"portolan_entity_backlog"_s << u"gauge"_s;
        QTest::newRow("role data") << u"entity"_s << u"portolan_role_holds"_s << u"gauge"_s;
        QTest::newRow("state set") << u"entity"_s << u"portolan_node_state"_s << u"gauge"_s;
    }
    void types()
    {
        QFETCH(QString, which);
        QFETCH(QString, family);
        QFETCH(QString, type);
        QCOMPARE(render(which).type.value(family), type);
    }

    // Text, nulls and lists are not metrics: they leave no series behind, and neither do
    // figures the process could not measure.
    void leavesOutWhatIsNotANumber_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("role text") << u"entity"_s << u"portolan_role_address"_s;
        QTest::newRow("role null") << u"entity"_s << u"portolan_role_building"_s;
        QTest::newRow("role list") << u"entity"_s << u"portolan_role_queue"_s;
        QTest::newRow("text inside an object") << u"entity"_s << u"portolan_role_inventory{node=\"store-32\",role=\"store\",key=\"label\"}"_s;
        QTest::newRow("unknown rss") << u"router"_s << u"portolan_process_resident_memory_bytes"_s;
        QTest::newRow("unknown clients") << u"router"_s << u"portolan_control_clients"_s;
        QTest::newRow("router families on an entity") << u"entity"_s << u"portolan_router_"_s;
        QTest::newRow("entity families on a router") << u"router"_s << u"portolan_entity_"_s;
        QTest::newRow("absent rates of a cut link") << u"router"_s << u"portolan_link_receive_rate_frames_per_second{node=\"r1\",peer=\"r3\"}"_s;
    }
    void leavesOutWhatIsNotANumber()
    {
        QFETCH(QString, which);
        QFETCH(QString, prefix);
        const Exposition e = render(which); // process figures unknown
        for (auto it = e.samples.constBegin(); it != e.samples.constEnd(); ++it)
            QVERIFY2(!it.key().startsWith(prefix), qPrintable(it.key()));
    }

    // A state set has exactly one current state per node or link, including a state
    // the node reports that this code does not know yet.
    void stateSetHasOneCurrentState()
    {
        QJsonObject t = routerSnapshot();
        t.insert(u"state"_s, u"upgrading"_s);
        const Exposition e = parse(TelemetryMetrics::render(t, {}));
        QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
        double current = 0;
        int states = 0;
        for (auto it = e.samples.constBegin(); it != e.samples.constEnd(); ++it) {
            if (it.key().startsWith("portolan_node_state{"_L1)) {
                current += it.value();
                ++states;
            }
        }
        QCOMPARE(states, 4);
        QCOMPARE(current, 1.0);
        QCOMPARE(e.samples.value(u"portolan_node_state{node=\"r1\",state=\"upgrading\"}"_s), 1.0);
    }
};

QTEST_APPLESS_MAIN(tst_TelemetryMetrics)
#include "tst_telemetrymetrics.moc"
