#include "console/panels/eventsummary.h"

#include "console/panels/displayformat.h"
#include "scenario/runrecord.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

using Fields = QJsonObject;

// A field as text; "?" stands in for a field the node did not send.
QString str(const Fields &f, QLatin1StringView key)
{
    const QJsonValue v = f.value(key);
    if (v.isUndefined() || v.isNull())
        return u"?"_s;
    return DisplayFormat::value(v);
}

qint64 integer(const Fields &f, QLatin1StringView key)
{
    return qint64(f.value(key).toDouble());
}

QString ms(const Fields &f, QLatin1StringView key)
{
    return DisplayFormat::duration(integer(f, key));
}

QString path(const Fields &f, QLatin1StringView key = "path"_L1)
{
    QStringList hops;
    for (const QJsonValue &hop : f.value(key).toArray())
        hops.append(hop.toString());
    return hops.join(u" → "_s);
}

QString shortId(const Fields &f, QLatin1StringView key)
{
    return DisplayFormat::shortId(f.value(key).toString());
}

// "c3 via c2 (cost 3), p1 unreachable and 2 more"
QString routes(const Fields &f)
{
    const QJsonObject routes = f.value("routes"_L1).toObject();
    QStringList parts;
    int shown = 0;
    for (auto it = routes.begin(); it != routes.end() && shown < 3; ++it, ++shown) {
        const QJsonObject r = it.value().toObject();
        const QString nextHop = r.value("nextHop"_L1).toString();
        if (nextHop.isEmpty() || r.value("cost"_L1).toDouble() < 0)
            parts.append(EventSummary::tr("%1 unreachable").arg(it.key()));
        else
            parts.append(EventSummary::tr("%1 via %2 (cost %3)").arg(it.key(), nextHop, str(r, "cost"_L1)));
    }
    QString text = parts.join(u", "_s);
    if (routes.size() > shown)
        text += EventSummary::tr(" and %1 more").arg(routes.size() - shown);
    return text;
}

QString fieldsAsText(const Fields &f)
{
    QStringList parts;
    for (auto it = f.begin(); it != f.end(); ++it) {
        QString value = DisplayFormat::value(it.value());
        if (value.size() > 60)
            value = value.left(59) + u"…"_s;
        parts.append(it.key() + u": "_s + value);
    }
    return parts.join(u", "_s);
}

QString step(const Fields &f)
{
    QString text = EventSummary::tr("step %1: %2")
                       .arg(integer(f, "index"_L1) + 1)
                       .arg(f.value("caption"_L1).toString().isEmpty() ? str(f, "action"_L1)
                                                                       : f.value("caption"_L1).toString());
    if (f.value("manual"_L1).toBool())
        text += EventSummary::tr(" (by hand)");
    if (f.contains("ok"_L1) && !f.value("ok"_L1).toBool())
        text += EventSummary::tr(" — failed: %1").arg(str(f, "detail"_L1));
    return text;
}

QString delivery(const Fields &f)
{
    if (f.value("via"_L1).toString() == "ingress"_L1)
        return EventSummary::tr("ingress answered request %1 with status %2").arg(shortId(f, "requestId"_L1), str(f, "status"_L1));
    if (f.contains("consumer"_L1))
        return EventSummary::tr("%1 acknowledged message %2 after %3")
            .arg(str(f, "consumer"_L1), shortId(f, "messageId"_L1), ms(f, "latencyMs"_L1));
    const QString route = path(f);
    return route.isEmpty() ? EventSummary::tr("received %1").arg(str(f, "address"_L1))
                           : EventSummary::tr("received %1 via %2").arg(str(f, "address"_L1), route);
}

QString findDone(const Fields &f)
{
    const bool found = f.value("found"_L1).toBool();
    QString text = found ? EventSummary::tr("find for a %1: closest at store %2").arg(str(f, "item"_L1), str(f, "chosen"_L1))
                         : EventSummary::tr("find for a %1: none found").arg(str(f, "item"_L1));
    if (f.value("held"_L1).toBool())
        text += EventSummary::tr(", held");
    if (f.contains("answers"_L1))
        text += integer(f, "answers"_L1) == 1 ? EventSummary::tr(" (1 answer)")
                                              : EventSummary::tr(" (%1 answers)").arg(integer(f, "answers"_L1));
    return text;
}

QString processExited(const Fields &f)
{
    if (f.value("killed"_L1).toBool())
        return EventSummary::tr("process was killed");
    return EventSummary::tr("process exited with code %1").arg(str(f, "exitCode"_L1));
}

using Writer = std::function<QString(const Fields &)>;

const QHash<QString, Writer> &writers()
{
    static const QHash<QString, Writer> table{
        // Node events (docs/protocol.md 2.10).
        {u"link-up"_s, [](const Fields &f) {
             if (!f.contains("cost"_L1))
                 return EventSummary::tr("attached to router %1").arg(str(f, "peer"_L1));
             const QString provider = f.value("provider"_L1).toString();
             return provider.isEmpty() ? EventSummary::tr("link to %1 is up (cost %2)").arg(str(f, "peer"_L1), str(f, "cost"_L1))
                                       : EventSummary::tr("link to %1 is up (cost %2, %3)")
                                             .arg(str(f, "peer"_L1), str(f, "cost"_L1), provider);
         }},
        {u"link-down"_s, [](const Fields &f) {
             return EventSummary::tr("link to %1 went down: %2").arg(str(f, "peer"_L1), str(f, "reason"_L1));
         }},
        {u"entity-attached"_s, [](const Fields &f) { return EventSummary::tr("%1 attached").arg(str(f, "entity"_L1)); }},
        {u"entity-detached"_s, [](const Fields &f) {
             return EventSummary::tr("%1 detached: %2").arg(str(f, "entity"_L1), str(f, "reason"_L1));
         }},
        {u"route-change"_s, [](const Fields &f) { return EventSummary::tr("routes changed: %1").arg(routes(f)); }},
        {u"delivery"_s, delivery},
        {u"trace-hop"_s, [](const Fields &f) {
             return EventSummary::tr("hop %1 of request %2 to %3")
                 .arg(str(f, "hop"_L1), shortId(f, "requestId"_L1), str(f, "address"_L1));
         }},
        {u"answer"_s, [](const Fields &f) {
             return EventSummary::tr("answer %1 from %2 to request %3")
                 .arg(str(f, "status"_L1), str(f, "from"_L1), shortId(f, "requestId"_L1));
         }},
        {u"no-consumer"_s, [](const Fields &f) { return EventSummary::tr("no consumer for %1").arg(str(f, "address"_L1)); }},
        {u"expired"_s, [](const Fields &f) {
             return EventSummary::tr("message for %1 expired, %2 late").arg(str(f, "address"_L1), ms(f, "lateByMs"_L1));
         }},
        {u"node-failed"_s, [](const Fields &) { return EventSummary::tr("node failed: links closed"); }},
        {u"node-restored"_s, [](const Fields &) { return EventSummary::tr("node restored"); }},
        {u"drained"_s, [](const Fields &) { return EventSummary::tr("drained its work and is exiting"); }},
        // The runner's own events.
        {u"step"_s, step},
        {u"run-starting"_s, [](const Fields &f) { return EventSummary::tr("starting %1 nodes").arg(str(f, "nodes"_L1)); }},
        {u"run-ready"_s, [](const Fields &f) {
             return EventSummary::tr("all %1 nodes ready after %2").arg(str(f, "nodes"_L1), ms(f, "readyAfterMs"_L1));
         }},
        {u"run-finished"_s, [](const Fields &f) { return EventSummary::tr("run finished after %1").arg(ms(f, "elapsedMs"_L1)); }},
        {u"run-failed"_s, [](const Fields &f) { return EventSummary::tr("run failed: %1").arg(str(f, "reason"_L1)); }},
        {u"node-ready"_s, [](const Fields &f) {
             if (f.contains("host"_L1)) {
                 return EventSummary::tr("attached on %1:%2 (version %3)")
                     .arg(str(f, "host"_L1), str(f, "controlPort"_L1), str(f, "version"_L1));
             }
             return EventSummary::tr("ready (pid %1, version %2)").arg(str(f, "pid"_L1), str(f, "version"_L1));
         }},
        {u"node-unreachable"_s, [](const Fields &f) { return EventSummary::tr("lost its control connection (%1)").arg(str(f, "host"_L1)); }},
        {u"attach-failed"_s, [](const Fields &f) {
             return EventSummary::tr("cannot attach on %1: %2").arg(str(f, "host"_L1), str(f, "message"_L1));
         }},
        {u"node-start-failed"_s, [](const Fields &f) { return EventSummary::tr("could not start: %1").arg(str(f, "message"_L1)); }},
        {u"process-exited"_s, processExited},
        {u"command-failed"_s, [](const Fields &f) {
             return EventSummary::tr("command %1 failed: %2").arg(str(f, "command"_L1), str(f, "error"_L1));
         }},
        {u"request-answered"_s, [](const Fields &f) {
             return EventSummary::tr("request %1 %2 answered %3 in %4")
                 .arg(str(f, "name"_L1), str(f, "path"_L1), str(f, "status"_L1), ms(f, "latencyMs"_L1));
         }},
        {u"request-failed"_s, [](const Fields &f) {
             return EventSummary::tr("request %1 failed: %2").arg(str(f, "name"_L1), str(f, "error"_L1));
         }},
        // Store.
        {u"item-held"_s, [](const Fields &f) {
             return EventSummary::tr("held a %1 for %2").arg(str(f, "item"_L1), str(f, "customer"_L1));
         }},
        {u"delivery-received"_s, [](const Fields &f) {
             return EventSummary::tr("received %1 × %2 (tracking %3)").arg(str(f, "quantity"_L1), str(f, "item"_L1), str(f, "tracking"_L1));
         }},
        {u"find-started"_s, [](const Fields &f) {
             const QString nearby = DisplayFormat::value(f.value("nearby"_L1));
             return f.value("nearby"_L1).toArray().isEmpty()
                        ? EventSummary::tr("%1 wants a %2: asking every store").arg(str(f, "customer"_L1), str(f, "item"_L1))
                        : EventSummary::tr("%1 wants a %2: asking nearby stores %3 first")
                              .arg(str(f, "customer"_L1), str(f, "item"_L1), nearby);
         }},
        {u"find-answered"_s, [](const Fields &f) {
             return f.value("nearby"_L1).toBool()
                        ? EventSummary::tr("nearby store %1 has %2").arg(str(f, "from"_L1), str(f, "quantity"_L1))
                        : EventSummary::tr("store %1 has %2").arg(str(f, "from"_L1), str(f, "quantity"_L1));
         }},
        {u"find-done"_s, findDone},
        {u"order-sent"_s, [](const Fields &f) {
             return EventSummary::tr("ordered a %1 for %2 from the factories").arg(str(f, "item"_L1), str(f, "customer"_L1));
         }},
        {u"order-placed"_s, [](const Fields &f) {
             return EventSummary::tr("order placed, tracking %1").arg(str(f, "tracking"_L1));
         }},
        {u"order-failed"_s, [](const Fields &f) {
             return EventSummary::tr("order failed with status %1").arg(str(f, "status"_L1));
         }},
        // Factory.
        {u"order-queued"_s, [](const Fields &f) {
             return EventSummary::tr("queued a %1 for store %2 (backlog %3)").arg(str(f, "item"_L1), str(f, "store"_L1), str(f, "backlog"_L1));
         }},
        {u"build-started"_s, [](const Fields &f) { return EventSummary::tr("started building %1").arg(str(f, "tracking"_L1)); }},
        {u"order-built"_s, [](const Fields &f) {
             return EventSummary::tr("built a %1 for store %2 in %3").arg(str(f, "item"_L1), str(f, "store"_L1), ms(f, "buildMs"_L1));
         }},
        {u"order-dispatched"_s, [](const Fields &f) { return EventSummary::tr("handed %1 to a truck").arg(str(f, "tracking"_L1)); }},
        // Truck.
        {u"job-accepted"_s, [](const Fields &f) {
             return EventSummary::tr("took job %1: factory %2 → store %3")
                 .arg(str(f, "tracking"_L1), str(f, "fromFactory"_L1), str(f, "toStore"_L1));
         }},
        {u"truck-departed"_s, [](const Fields &f) {
             return EventSummary::tr("on the way with %1, arriving in %2").arg(str(f, "tracking"_L1), ms(f, "etaMs"_L1));
         }},
        {u"truck-arrived"_s, [](const Fields &f) {
             return EventSummary::tr("arrived at store %1 with a %2").arg(str(f, "toStore"_L1), str(f, "item"_L1));
         }},
        // Worker and generator.
        {u"work-done"_s, [](const Fields &f) {
             return EventSummary::tr("finished a work item after %1 in the queue (%2 left)").arg(ms(f, "queuedMs"_L1), str(f, "backlog"_L1));
         }},
        {u"work-resumed"_s, [](const Fields &f) { return EventSummary::tr("resumed a backlog of %1").arg(str(f, "backlog"_L1)); }},
        {u"generator-done"_s, [](const Fields &f) {
             return EventSummary::tr("sent all %1 messages to %2").arg(str(f, "sent"_L1), str(f, "address"_L1));
         }},
    };
    return table;
}

} // namespace

QString EventSummary::summarize(const Scenario::RecordedEvent &event)
{
    const auto &table = writers();
    auto it = table.constFind(event.kind);
    if (it != table.constEnd())
        return it.value()(event.fields);
    return fieldsAsText(event.fields);
}

StatusTone EventSummary::tone(const Scenario::RecordedEvent &event)
{
    static const QSet<QString> bad{u"link-down"_s, u"node-failed"_s, u"entity-detached"_s, u"no-consumer"_s,
                                   u"expired"_s, u"run-failed"_s, u"node-start-failed"_s, u"command-failed"_s,
                                   u"request-failed"_s, u"order-failed"_s, u"process-exited"_s,
                                   u"node-unreachable"_s, u"attach-failed"_s};
    static const QSet<QString> good{u"link-up"_s, u"node-restored"_s, u"entity-attached"_s, u"node-ready"_s,
                                    u"run-ready"_s};
    static const QSet<QString> warning{u"route-change"_s, u"drained"_s};
    static const QSet<QString> traffic{u"delivery"_s, u"trace-hop"_s, u"answer"_s, u"request-answered"_s};
    const QString &kind = event.kind;
    if (kind == "step"_L1)
        return event.fields.contains("ok"_L1) && !event.fields.value("ok"_L1).toBool() ? StatusTone::Bad
                                                                                       : StatusTone::Info;
    if (kind == "process-exited"_L1 && event.fields.value("exitCode"_L1).toInt() == 0
        && !event.fields.value("killed"_L1).toBool())
        return StatusTone::Neutral;
    if (bad.contains(kind))
        return StatusTone::Bad;
    if (good.contains(kind))
        return StatusTone::Good;
    if (warning.contains(kind))
        return StatusTone::Warning;
    if (traffic.contains(kind))
        return StatusTone::Special;
    return StatusTone::Neutral;
}

QString EventSummary::requestId(const Scenario::RecordedEvent &event)
{
    return event.fields.value("requestId"_L1).toString();
}

} // namespace Portolan::Console
