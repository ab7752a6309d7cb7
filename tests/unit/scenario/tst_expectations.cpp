#include "scenario/expectations.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;

namespace {

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON in a test: %s", text.constData());
    return doc.object();
}

Step requestStep(qint64 atMs, const QString &name, const QString &path)
{
    Step s;
    s.atMs = atMs;
    s.action = u"request"_s;
    s.name = name;
    s.args = QJsonObject{{u"router"_s, u"e7"_s}, {u"path"_s, path}};
    return s;
}

// A small Pirate Pugs run: routers, stores, two generators, two workers and a tavern
// that never reported telemetry; five requests (one unanswered, one 404, one with a text
// body) and one request step that was never sent.
Scenario fixtureScenario()
{
    Scenario s;
    s.name = u"fixture"_s;
    for (const QString &id : {u"r1"_s, u"e7"_s, u"c1"_s, u"c2"_s})
        s.routers.append(Router{id, u"interior"_s, {}, {}, {}, {}, {}, {}, {}});
    for (const QString &id : {u"store-1"_s, u"store-2"_s, u"store-3"_s, u"gen-1"_s, u"gen-2"_s, u"worker-1"_s,
                              u"worker-2"_s, u"tavern"_s})
        s.entities.append(Entity{id, u"store"_s, {u"r1"_s}, {}, {}, {}, {}, {}});
    s.timeline = {requestStep(1000, u"find-1"_s, u"/store/7/find"_s),
                  requestStep(4000, u"all-1"_s, u"/all-stores/inventory"_s),
                  requestStep(6000, u"miss"_s, u"/store/7/hold"_s),
                  requestStep(7000, u"notfound"_s, u"/tracking/x"_s),
                  requestStep(8000, u"text"_s, u"/status"_s),
                  requestStep(9000, u"never"_s, u"/late"_s)};
    return s;
}

RequestRecord request(const QString &name, const QString &method, const QString &path, qint64 sent, qint64 answered,
                      int status, const QByteArray &body, const QString &error = {})
{
    return RequestRecord{name, u"e7"_s, method, path, sent, answered, status, body, error};
}

RunRecord fixtureRecord()
{
    RunRecord r;
    r.scenario = u"fixture"_s;
    r.readyAfterMs = 2000;
    // The clock fired these steps; scenario time = run time - 2000.
    r.steps = {StepRecord{0, 1000, 3000, u"request"_s, {}, true, {}, false},
               StepRecord{1, 4000, 6000, u"request"_s, {}, true, {}, false},
               StepRecord{2, 6000, 8000, u"request"_s, {}, true, {}, false}};
    r.requests = {
        request(u"find-1"_s, u"POST"_s, u"/store/7/find"_s, 1000, 1035, 200,
                R"({"answers":12,"chosen":4,"held":true,"stores":[1,2,3],"where":{"store":4,"distance":2.5}})"),
        request(u"all-1"_s, u"GET"_s, u"/all-stores/inventory"_s, 4000, 4800, 200, R"([{"store":1},{"store":2}])"),
        request(u"miss"_s, u"POST"_s, u"/store/7/hold"_s, 6000, -1, 0, {}, u"Operation timed out"_s),
        request(u"notfound"_s, u"GET"_s, u"/tracking/x"_s, 7000, 7010, 404, R"({"error":"unknown"})"),
        request(u"text"_s, u"GET"_s, u"/status"_s, 8000, 8005, 200, "hello"),
    };
    r.events = {
        RecordedEvent{500, {}, u"run-ready"_s, {}},
        RecordedEvent{9000, u"c1"_s, u"link-down"_s, json(R"({"peer":"c2","reason":"cut by operator"})")},
        RecordedEvent{9010, u"c2"_s, u"link-down"_s, json(R"({"peer":"c1","reason":"socket closed by peer"})")},
        RecordedEvent{9500, u"r1"_s, u"route-change"_s, json(R"({"routes":{"c2":{"nextHop":"c3","cost":3}}})")},
        RecordedEvent{12000, u"c1"_s, u"link-up"_s, json(R"({"peer":"c2"})")},
        // A job finished twice (J-2) and a contract whose versions arrive out of order (C-b).
        RecordedEvent{13000, u"robot-1"_s, u"job-finished"_s, json(R"({"job":"J-1"})")},
        RecordedEvent{13100, u"robot-2"_s, u"job-finished"_s, json(R"({"job":"J-2"})")},
        RecordedEvent{13200, u"robot-3"_s, u"job-finished"_s, json(R"({"job":"J-2"})")},
        RecordedEvent{13300, u"view-1"_s, u"view-updated"_s, json(R"({"contract":"C-a","version":1})")},
        RecordedEvent{13400, u"view-1"_s, u"view-updated"_s, json(R"({"contract":"C-b","version":1})")},
        RecordedEvent{13500, u"view-1"_s, u"view-updated"_s, json(R"({"contract":"C-a","version":2})")},
        RecordedEvent{13600, u"view-1"_s, u"view-updated"_s, json(R"({"contract":"C-b","version":3})")},
        RecordedEvent{13700, u"view-1"_s, u"view-updated"_s, json(R"({"contract":"C-b","version":2})")},
    };
    r.metrics = {
        MetricSample{3000, u"r1"_s, u"queues./orders"_s, 5},
        MetricSample{3000, u"r1"_s, u"counters.forwarded"_s, 10},
        MetricSample{8000, u"r1"_s, u"queues./orders"_s, 60},
        MetricSample{13000, u"r1"_s, u"queues./orders"_s, 20},
        MetricSample{22000, u"r1"_s, u"queues./orders"_s, 3},
    };
    r.finalTelemetry = {
        {u"c1"_s, json(R"({"node":"c1","state":"up","counters":{"received":10,"forwarded":10}})")},
        {u"c2"_s, json(R"({"node":"c2","state":"up","counters":{"received":10,"forwarded":10}})")},
        {u"e7"_s, json(R"({"node":"e7","state":"up","counters":{"received":10,"forwarded":10}})")},
        {u"r1"_s, json(R"({"node":"r1","state":"up","counters":{"received":100,"forwarded":100},
                          "queues":{"/orders":3,"/v1.2":7}})")},
        {u"store-1"_s, json(R"({"counters":{"handled":10,"sent":10,"settled":10,"refused":0},
                               "subscriptions":[{"address":"/store/1"}],
                               "data":{"inventory":{"cutlass":0,"tricorn":3},"holds":2}})")},
        {u"store-2"_s, json(R"({"counters":{"handled":8,"sent":8,"settled":8,"refused":0},
                               "data":{"inventory":{"cutlass":4},"holds":1}})")},
        {u"store-3"_s, json(R"({"counters":{"handled":5,"sent":5,"settled":4,"refused":1},
                               "data":{"inventory":{},"holds":0,"version":"4"}})")},
        {u"gen-1"_s, json(R"({"counters":{"sent":100,"settled":100,"refused":0,"handled":0},
                             "data":{"latencyP50Ms":12,"latencyP99Ms":340,"latencySamples":100}})")},
        {u"gen-2"_s, json(R"({"counters":{"sent":50,"settled":50,"refused":0},
                             "data":{"latencyP50Ms":0,"latencyP99Ms":0,"latencySamples":0}})")},
        {u"worker-1"_s, json(R"({"counters":{"handled":90},"data":{"backlog":0}})")},
        {u"worker-2"_s, json(R"({"counters":{"handled":60},"data":{"backlog":2}})")},
    };
    return r;
}

} // namespace

class tst_Expectations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void runFigures_data();
    void runFigures();
    void metricWindowFollowsSpeed();
    void stepsOk_data();
    void stepsOk();
    void evaluateAllKeepsOrderAndNames();
    void invalidExpectationIsNotChecked();
    void validate_data();
    void validate();
    void catalogue();
};

// Every kind, passing and failing, with the sentence that explains the verdict.
void tst_Expectations::evaluate_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("detail");

    auto row = [](const char *name, const QString &kind, const QByteArray &args, bool passed, const QString &detail) {
        QTest::newRow(name) << kind << args << passed << detail;
    };

    // request
    const QString req = u"request"_s;
    row("request: status and fields", req, R"({"request":"find-1","status":200,"json":{"answers":12,"chosen":4,"held":true}})",
        true, u"status 200, answered in 35 ms, answers = 12 (expected 12), chosen = 4 (expected 4), held = true (expected true)"_s);
    row("request: nested map, numbers numerically", req, R"({"request":"find-1","json":{"where":{"store":4.0,"distance":2.5}}})",
        true, u"status 200, answered in 35 ms, where.distance = 2.5 (expected 2.5), where.store = 4 (expected 4)"_s);
    row("request: list compared whole", req, R"({"request":"find-1","json":{"stores":[1,2]}})", false,
        u"status 200, answered in 35 ms, stores = [1,2,3] (expected [1,2])"_s);
    row("request: wrong value", req, R"({"request":"find-1","json":{"answers":11,"held":true}})", false,
        u"status 200, answered in 35 ms, answers = 12 (expected 11), held = true (expected true)"_s);
    row("request: missing field", req, R"({"request":"find-1","json":{"price":3}})", false,
        u"status 200, answered in 35 ms, no price (expected 3)"_s);
    row("request: string is not a number", req, R"({"request":"find-1","json":{"answers":"12"}})", false,
        u"status 200, answered in 35 ms, answers = 12 (expected \"12\") — a number is never equal to a string"_s);
    row("request: status class", req, R"({"request":"find-1","status":"2xx"})", true,
        u"status 200, answered in 35 ms"_s);
    row("request: wrong status", req, R"({"request":"notfound","status":200})", false,
        u"status 404 (expected 200), answered in 10 ms"_s);
    row("request: a 404 expected", req, R"({"request":"notfound","status":"404","json":{"error":"unknown"}})", true,
        u"status 404, answered in 10 ms, error = \"unknown\" (expected \"unknown\")"_s);
    row("request: default status is 2xx", req, R"({"request":"notfound"})", false,
        u"status 404 (expected 2xx), answered in 10 ms"_s);
    row("request: too slow", req, R"({"request":"all-1","maxLatencyMs":500})", false,
        u"status 200, answered in 800 ms (expected at most 500 ms)"_s);
    row("request: fast enough, with a unit", req, R"({"request":"find-1","maxLatencyMs":"1s"})", true,
        u"status 200, answered in 35 ms (at most 1000 ms)"_s);
    row("request: multicast answer list", req, R"({"request":"all-1","json":[{"store":1},{"store":2}]})", true,
        u"status 200, answered in 800 ms, body = [{\"store\":1},{\"store\":2}] (expected [{\"store\":1},{\"store\":2}])"_s);
    row("request: map expected, list answered", req, R"({"request":"all-1","json":{"store":1}})", false,
        u"status 200, answered in 800 ms, body is a list, expected a map"_s);
    row("request: no answer", req, R"({"request":"miss"})", false,
        u"miss (POST /store/7/hold via e7): no answer (Operation timed out)"_s);
    row("request: body not JSON", req, R"({"request":"text","json":{"a":1}})", false,
        u"status 200, answered in 5 ms, the answer body is not JSON: \"hello\""_s);
    row("request: never sent", req, R"({"request":"never"})", false, u"request \"never\" was never sent"_s);
    row("request: no such step", req, R"({"request":"ghost"})", false,
        u"no request step named \"ghost\" in the timeline"_s);

    // every-request-answered
    const QString every = u"every-request-answered"_s;
    row("every: all of them", every, R"({})", false,
        u"3 of 6 requests answered with 2xx; miss (POST /store/7/hold via e7): no answer (Operation timed out); "
        u"notfound (GET /tracking/x via e7): status 404; never: never sent"_s);
    row("every: glob", every, R"({"names":"*-1"})", true, u"all 2 requests were answered with 2xx"_s);
    row("every: one", every, R"({"names":"find-?"})", true, u"the one request was answered with 2xx"_s);
    row("every: within a latency", every, R"({"names":"*-1","maxLatencyMs":100})", false,
        u"1 of 2 requests answered with 2xx within 100 ms; all-1 (GET /all-stores/inventory via e7): answered in 800 ms"_s);
    row("every: other status class", every, R"({"names":"notfound","status":"4xx"})", true,
        u"the one request was answered with 4xx"_s);
    row("every: nothing matched", every, R"({"names":"zzz*"})", false, u"no request matched \"zzz*\""_s);

    // telemetry
    const QString tel = u"telemetry"_s;
    row("telemetry: equal", tel, R"({"node":"store-2","path":"data.inventory.cutlass","value":4})", true,
        u"store-2 data.inventory.cutlass = 4 (expected 4)"_s);
    row("telemetry: not equal", tel, R"({"node":"store-1","path":"data.inventory.cutlass","op":"==","value":4})", false,
        u"store-1 data.inventory.cutlass = 0 (expected 4)"_s);
    row("telemetry: >=", tel, R"({"node":"store-1","path":"data.holds","op":">=","value":2})", true,
        u"store-1 data.holds = 2 (expected >= 2)"_s);
    row("telemetry: < fails", tel, R"({"node":"store-1","path":"data.holds","op":"<","value":2})", false,
        u"store-1 data.holds = 2 (expected < 2)"_s);
    row("telemetry: !=", tel, R"({"node":"store-1","path":"data.holds","op":"!=","value":3})", true,
        u"store-1 data.holds = 2 (expected not 3)"_s);
    row("telemetry: than another node", tel,
        R"({"node":"store-1","path":"data.holds","op":">","than":{"node":"store-2","path":"data.holds"}})", true,
        u"store-1 data.holds = 2 (expected > store-2 data.holds = 1)"_s);
    row("telemetry: strings", tel, R"({"node":"r1","path":"state","value":"up"})", true,
        u"r1 state = \"up\" (expected \"up\")"_s);
    row("telemetry: string is not a number", tel, R"({"node":"store-3","path":"data.version","value":4})", false,
        u"store-3 data.version = \"4\" (expected 4) — a string is never equal to a number"_s);
    row("telemetry: strings are not ordered", tel, R"({"node":"store-3","path":"data.version","op":">","value":3})",
        false,
        u"store-3 data.version: cannot compare \"4\" (a string) with 3 (a number) using >: only numbers are ordered"_s);
    row("telemetry: list index", tel, R"({"node":"store-1","path":"subscriptions.0.address","value":"/store/1"})", true,
        u"store-1 subscriptions.0.address = \"/store/1\" (expected \"/store/1\")"_s);
    row("telemetry: key with a dot", tel, R"({"node":"r1","path":"queues./v1.2","value":7})", true,
        u"r1 queues./v1.2 = 7 (expected 7)"_s);
    row("telemetry: unknown node", tel, R"({"node":"store-9","path":"data.holds","value":1})", false,
        u"no node \"store-9\" in the scenario"_s);
    row("telemetry: silent node", tel, R"({"node":"tavern","path":"data.holds","value":1})", false,
        u"no final telemetry from node \"tavern\""_s);
    row("telemetry: missing path", tel, R"({"node":"store-2","path":"data.inventory.tunic","value":1})", false,
        u"store-2 has no data.inventory.tunic (data.inventory has: cutlass)"_s);
    row("telemetry: path through a number", tel, R"({"node":"store-2","path":"data.holds.today","value":1})", false,
        u"store-2 has no data.holds.today (data.holds is 1, not a map)"_s);
    row("telemetry: index out of range", tel, R"({"node":"store-1","path":"subscriptions.3","value":1})", false,
        u"store-1 has no subscriptions.3 (subscriptions is a list of 1 entry)"_s);
    row("telemetry: missing at the root", tel, R"({"node":"worker-1","path":"links","value":1})", false,
        u"worker-1 has no links (its telemetry has: counters, data)"_s);
    row("telemetry: than a missing node", tel,
        R"({"node":"store-1","path":"data.holds","than":{"node":"store-9","path":"data.holds"}})", false,
        u"no node \"store-9\" in the scenario"_s);

    // sum
    const QString sum = u"sum"_s;
    row("sum: equal", sum, R"({"nodes":"store-*","path":"data.holds","value":3})", true,
        u"sum of data.holds over store-* (3 nodes) = 3 (expected 3)"_s);
    row("sum: too small", sum, R"({"nodes":"store-*","path":"data.holds","op":">=","value":10})", false,
        u"sum of data.holds over store-* (3 nodes) = 3 (expected >= 10)"_s);
    row("sum: nodes without the path are left out", sum, R"({"nodes":"*1","path":"counters.handled","value":100})",
        true, u"sum of counters.handled over *1 (3 nodes) = 100 (expected 100)"_s);
    row("sum: a silent node makes it unknown", sum, R"({"nodes":"*","path":"counters.handled","value":1})", false,
        u"no final telemetry from tavern, so the sum of counters.handled over * is unknown"_s);
    row("sum: than a sum", sum,
        R"({"nodes":"worker-*","path":"counters.handled","thanSum":{"nodes":"gen-*","path":"counters.settled"}})", true,
        u"sum of counters.handled over worker-* (2 nodes) = 150 (expected sum of counters.settled over gen-* (2 nodes) = 150)"_s);
    row("sum: than a node", sum,
        R"({"nodes":"store-*","path":"data.holds","op":"<","than":{"node":"gen-1","path":"counters.sent"}})", true,
        u"sum of data.holds over store-* (3 nodes) = 3 (expected < gen-1 counters.sent = 100)"_s);
    row("sum: no node matches", sum, R"({"nodes":"x-*","path":"data.holds","value":0})", false,
        u"no node matches \"x-*\""_s);
    row("sum: nobody has the path", sum, R"({"nodes":"store-*","path":"data.backlog","value":0})", false,
        u"no node matching \"store-*\" reports data.backlog"_s);
    row("sum: not a number", sum, R"({"nodes":"store-*","path":"data.version","value":0})", false,
        u"store-3 data.version is \"4\", not a number"_s);

    // events
    const QString ev = u"events"_s;
    row("events: at least one by default", ev, R"({"event":"link-down"})", true,
        u"2 link-down events (expected at least 1)"_s);
    row("events: from one node, exactly", ev, R"({"event":"link-down","node":"c1","min":1,"max":1})", true,
        u"1 link-down event from c1 (expected exactly 1)"_s);
    row("events: with fields", ev, R"({"event":"link-down","fields":{"reason":"cut by operator"}})", true,
        u"1 link-down event with reason = \"cut by operator\" (expected at least 1)"_s);
    row("events: at most", ev, R"({"event":"route-change","max":0})", false,
        u"1 route-change event (expected at most 0)"_s);
    row("events: kind glob", ev, R"({"event":"link-*","min":3})", true, u"3 link-* events (expected at least 3)"_s);
    row("events: between", ev, R"({"event":"link-*","node":"c?","min":1,"max":2})", false,
        u"3 link-* events from c? (expected between 1 and 2)"_s);
    row("events: none", ev, R"({"event":"node-failed"})", false, u"0 node-failed events (expected at least 1)"_s);
    row("events: in a window of scenario time", ev, R"({"event":"link-*","from":"8s"})", true,
        u"1 link-* event after 8 s (expected at least 1)"_s);
    row("events: before", ev, R"({"event":"link-*","to":7500,"max":2})", true,
        u"2 link-* events before 7.5 s (expected at most 2)"_s);
    row("events: each value once", ev, R"({"event":"job-finished","node":"robot-?","fields":{"job":"J-1"},"unique":"job"})",
        true, u"1 job-finished event from robot-? with job = \"J-1\" (expected at least 1), 1 distinct job"_s);
    row("events: a value repeated", ev, R"({"event":"job-finished","unique":"job","min":3})", false,
        u"3 job-finished events (expected at least 3), job repeated: \"J-2\" 2 times"_s);
    row("events: unique field missing", ev, R"({"event":"link-down","unique":"job"})", false,
        u"2 link-down events (expected at least 1), 2 events without job, 0 distinct job"_s);
    row("events: increasing per key", ev,
        R"({"event":"view-updated","fields":{"contract":"C-a"},"increasing":"version","per":"contract"})", true,
        u"2 view-updated events with contract = \"C-a\" (expected at least 1), version increasing per contract over 1"_s);
    row("events: out of order per key", ev, R"({"event":"view-updated","increasing":"version","per":"contract"})", false,
        u"5 view-updated events (expected at least 1), version out of order per contract over 2: "
        u"contract \"C-b\": 2 after 3"_s);
    row("events: increasing overall", ev, R"({"event":"view-updated","increasing":"version"})", false,
        u"5 view-updated events (expected at least 1), version out of order: 1 after 1, 2 after 3"_s);
    row("events: increasing needs the field", ev, R"({"event":"link-up","increasing":"version"})", false,
        u"1 link-up event (expected at least 1), 1 event without a numeric version, version increasing"_s);

    // no-acked-loss
    const QString loss = u"no-acked-loss"_s;
    row("no-acked-loss: generators", loss, R"({"producers":"gen-*"})", true,
        u"2 producers sent 150 messages, every one settled, none refused"_s);
    row("no-acked-loss: everyone", loss, R"({})", false,
        u"1 of 5 producers did not settle everything: store-3 sent 5 but 4 settled and 1 refused"_s);
    row("no-acked-loss: no producers", loss, R"({"producers":"worker-*"})", false,
        u"no node matching \"worker-*\" reports counters.sent"_s);

    // exactly-once
    const QString once = u"exactly-once"_s;
    row("exactly-once: equal", once, R"({"producers":"gen-*","consumers":"worker-*"})", true,
        u"consumers worker-* handled 150, producers gen-* settled 150"_s);
    row("exactly-once: lost", once, R"({"producers":"gen-*","consumers":"worker-1"})", false,
        u"consumers worker-1 handled 90, producers gen-* settled 150: 60 settled but never handled"_s);
    row("exactly-once: duplicates", once, R"({"producers":"gen-1","consumers":"worker-*"})", false,
        u"consumers worker-* handled 150, producers gen-1 settled 100: 50 handled more than once"_s);
    row("exactly-once: another path", once, R"({"producers":"gen-2","consumers":"worker-2","path":"data.backlog"})",
        false, u"consumers worker-2 data.backlog = 2, producers gen-2 settled 50: 48 settled but never handled"_s);
    row("exactly-once: no consumers", once, R"({"producers":"gen-*","consumers":"x*"})", false,
        u"no node matches \"x*\""_s);

    // metric
    const QString met = u"metric"_s;
    row("metric: max", met, R"({"node":"r1","metric":"queues./orders","stat":"max","op":">","value":50})", true,
        u"max of queues./orders on r1 = 60 over 4 samples (expected > 50)"_s);
    row("metric: max in a window", met,
        R"({"node":"r1","metric":"queues./orders","stat":"max","op":">","value":50,"from":"10s","to":"20s"})", false,
        u"max of queues./orders on r1 between 10 s and 20 s = 20 over 2 samples (expected > 50)"_s);
    row("metric: min", met, R"({"node":"r1","metric":"queues./orders","stat":"min","value":3})", true,
        u"min of queues./orders on r1 = 3 over 4 samples (expected 3)"_s);
    row("metric: last", met, R"({"node":"r1","metric":"queues./orders","stat":"last","op":"<=","value":2})", false,
        u"last of queues./orders on r1 = 3 over 4 samples (expected <= 2)"_s);
    row("metric: mean", met, R"({"node":"r1","metric":"queues./orders","stat":"mean","op":"<","value":30})", true,
        u"mean of queues./orders on r1 = 22 over 4 samples (expected < 30)"_s);
    row("metric: count in a window", met,
        R"({"node":"r1","metric":"queues./orders","stat":"count","op":">=","value":2,"from":1000,"to":"6s"})", true,
        u"count of queues./orders on r1 between 1 s and 6 s = 2 over 2 samples (expected >= 2)"_s);
    row("metric: count of nothing", met,
        R"({"node":"r1","metric":"queues./orders","stat":"count","value":0,"from":"30s"})", true,
        u"count of queues./orders on r1 after 30 s = 0 over 0 samples (expected 0)"_s);
    row("metric: empty window", met, R"({"node":"r1","metric":"queues./orders","stat":"max","value":0,"from":"30s"})",
        false, u"no samples of queues./orders on r1 after 30 s"_s);
    row("metric: unknown metric", met, R"({"node":"r1","metric":"queues./nope","stat":"max","value":0})", false,
        u"r1 has no metric queues./nope (it has: counters.forwarded, queues./orders)"_s);
    row("metric: node never sampled", met, R"({"node":"store-1","metric":"data.holds","stat":"max","value":0})", false,
        u"no metric samples from node \"store-1\""_s);

    // latency
    const QString lat = u"latency"_s;
    row("latency: p99 within", lat, R"({"node":"gen-1","value":500})", true,
        u"gen-1 p99 settlement latency = 340 ms over the last 100 messages (expected <= 500 ms)"_s);
    row("latency: p50 over", lat, R"({"node":"gen-1","percentile":"p50","value":10})", false,
        u"gen-1 p50 settlement latency = 12 ms over the last 100 messages (expected <= 10 ms)"_s);
    row("latency: with a unit", lat, R"({"node":"gen-1","value":"1s"})", true,
        u"gen-1 p99 settlement latency = 340 ms over the last 100 messages (expected <= 1000 ms)"_s);
    row("latency: another op", lat, R"({"node":"gen-1","op":">","value":100})", true,
        u"gen-1 p99 settlement latency = 340 ms over the last 100 messages (expected > 100 ms)"_s);
    row("latency: nothing settled", lat, R"({"node":"gen-2","value":500})", false,
        u"gen-2 had no settled messages, so it has no latency to judge"_s);
    row("latency: not a generator", lat, R"({"node":"store-1","value":500})", false,
        u"store-1 has no data.latencyP99Ms (data has: holds, inventory); latency is measured by generator nodes"_s);

    // nodes
    const QString nod = u"nodes"_s;
    row("nodes: all of them", nod, R"({"nodes":"store-?","path":"data.holds","op":">=","value":0})", true,
        u"3 of 3 nodes matching \"store-?\" have data.holds >= 0 (expected all)"_s);
    row("nodes: one does not", nod, R"({"nodes":"store-?","path":"data.holds","op":">","value":0})", false,
        u"2 of 3 nodes matching \"store-?\" have data.holds > 0 (expected all); store-3 data.holds = 0"_s);
    row("nodes: at least two", nod, R"({"nodes":"store-?","path":"data.holds","op":">","value":0,"min":2})", true,
        u"2 of 3 nodes matching \"store-?\" have data.holds > 0 (expected at least 2); store-3 data.holds = 0"_s);
    row("nodes: none may", nod, R"({"nodes":"store-?","path":"data.holds","op":">","value":5,"max":0})", true,
        u"0 of 3 nodes matching \"store-?\" have data.holds > 5 (expected at most 0); store-1 data.holds = 2; "
        u"store-2 data.holds = 1; store-3 data.holds = 0"_s);
    row("nodes: text equal", nod, R"({"nodes":"c?","path":"state","value":"up"})", true,
        u"2 of 2 nodes matching \"c?\" have state == \"up\" (expected all)"_s);
    row("nodes: some lack the path", nod, R"({"nodes":"store-?","path":"data.version","value":"4"})", false,
        u"1 of 3 nodes matching \"store-?\" have data.version == \"4\" (expected all); store-1 has no data.version "
        u"(data has: holds, inventory); store-2 has no data.version (data has: holds, inventory)"_s);
    row("nodes: no telemetry", nod, R"({"nodes":"tavern","path":"state","value":"up"})", false,
        u"0 of 1 node matching \"tavern\" have state == \"up\" (expected all); no final telemetry from node \"tavern\""_s);
    row("nodes: nothing matches", nod, R"({"nodes":"robot-*","path":"state","value":"up"})", false,
        u"no node matches \"robot-*\""_s);
}

void tst_Expectations::evaluate()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, args);
    QFETCH(bool, passed);
    QFETCH(QString, detail);

    const Expectation e{u"the check"_s, kind, json(args), {}};
    QCOMPARE(ExpectationEvaluator::validate(e), QString());
    const ExpectationResult result = ExpectationEvaluator::evaluate(e, fixtureScenario(), fixtureRecord());
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.passed, passed);
    QCOMPARE(result.name, u"the check"_s);
    QCOMPARE(result.kind, kind);
}

void tst_Expectations::runFigures_data()
{
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("detail");
    const QString context = u": 36 processes started, all ready after 4.21 s"_s;
    QTest::newRow("process count") << QByteArray(R"({"field":"processCount","value":36})") << true
                                   << u"processCount = 36 (expected 36)"_s + context;
    QTest::newRow("ready too late") << QByteArray(R"({"field":"readyAfterMs","op":"<=","value":3000})") << false
                                    << u"readyAfterMs = 4210 (expected <= 3000)"_s + context;
    QTest::newRow("ran long enough") << QByteArray(R"({"field":"durationMs","op":">","value":60000})") << true
                                     << u"durationMs = 90000 (expected > 60000)"_s + context;
}

// The run kind reads the run record's own figures: processes, readiness, duration.
void tst_Expectations::runFigures()
{
    QFETCH(QByteArray, args);
    QFETCH(bool, passed);
    QFETCH(QString, detail);
    RunRecord record;
    record.processCount = 36;
    record.readyAfterMs = 4210;
    record.startedAtMs = 1000;
    record.endedAtMs = 91000;
    const Expectation e{u"setup"_s, u"run"_s, json(args), {}};
    QCOMPARE(ExpectationEvaluator::validate(e), QString());
    const ExpectationResult result = ExpectationEvaluator::evaluate(e, Scenario{}, record);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.passed, passed);
}

// Windows are scenario time: at --speed 2 the run's clock runs at half the rate, so the
// window is found through the steps the clock fired, not by reading run time as is.
void tst_Expectations::metricWindowFollowsSpeed()
{
    RunRecord record;
    record.readyAfterMs = 1000;
    record.steps = {StepRecord{0, 2000, 2000, u"caption"_s, {}, true, {}, false},
                    StepRecord{1, 5000, 3600, u"caption"_s, {}, true, {}, true},   // manual: no anchor
                    StepRecord{2, 10000, 6000, u"caption"_s, {}, true, {}, false}};
    record.metrics = {MetricSample{3000, u"r1"_s, u"m"_s, 7}, MetricSample{7000, u"r1"_s, u"m"_s, 9}};
    const Scenario scenario;

    auto run = [&](const QByteArray &args) {
        return ExpectationEvaluator::evaluate(Expectation{u"w"_s, u"metric"_s, json(args), {}}, scenario, record);
    };
    // 11 s..13 s of scenario time lie past the last step: 6000 + (1..3 s) / 2 = 6500..7500 run ms.
    const ExpectationResult late = run(R"({"node":"r1","metric":"m","stat":"last","value":9,"from":"11s","to":"13s"})");
    QCOMPARE(late.detail, u"last of m on r1 between 11 s and 13 s = 9 over 1 sample (expected 9)"_s);
    QVERIFY(late.passed);
    // 3 s..5 s: between the ready anchor (0 -> 1000) and the first step (2 s -> 2000), then
    // to the step at 10 s -> 6000: 2500..3000 run ms.
    const ExpectationResult early = run(R"({"node":"r1","metric":"m","stat":"count","value":1,"from":"3s","to":"4s"})");
    QCOMPARE(early.detail, u"count of m on r1 between 3 s and 4 s = 1 over 1 sample (expected 1)"_s);
    QVERIFY(early.passed);
}

// steps-ok: every step of the timeline fired and reported success.
void tst_Expectations::stepsOk_data()
{
    QTest::addColumn<int>("planned");
    QTest::addColumn<QList<bool>>("fired");   // one per record, index = position
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("detail");

    QTest::newRow("all ran") << 3 << QList<bool>{true, true, true} << true << u"all 3 steps ran"_s;
    QTest::newRow("one step") << 1 << QList<bool>{true} << true << u"the one step ran"_s;
    QTest::newRow("no steps") << 0 << QList<bool>{} << true << u"the timeline has no steps"_s;
    QTest::newRow("one failed") << 3 << QList<bool>{true, false, true} << false
                                << u"step 2 (cut-link at 6 s) failed: no node 'c9' in this run"_s;
    QTest::newRow("one never fired") << 3 << QList<bool>{true, true} << false << u"2 of 3 steps ran; step 3 never fired"_s;
    QTest::newRow("failed and missing") << 4 << QList<bool>{false} << false
                                        << u"1 of 4 steps ran; steps 2, 3, 4 never fired; step 1 (cut-link at 0 ms) "
                                           u"failed: no node 'c9' in this run"_s;
}

void tst_Expectations::stepsOk()
{
    QFETCH(int, planned);
    QFETCH(QList<bool>, fired);
    QFETCH(bool, passed);
    QFETCH(QString, detail);

    Scenario scenario;
    for (int i = 0; i < planned; ++i) {
        Step s;
        s.atMs = i * 6000;
        s.action = u"cut-link"_s;
        scenario.timeline.append(s);
    }
    RunRecord record;
    for (int i = 0; i < fired.size(); ++i) {
        record.steps.append(StepRecord{i, i * 6000, i * 6000 + 2000, u"cut-link"_s, {}, fired.at(i),
                                       fired.at(i) ? u"link c1-c2 cut"_s : u"no node 'c9' in this run"_s, false});
    }
    const ExpectationResult result =
        ExpectationEvaluator::evaluate(Expectation{u"steps"_s, u"steps-ok"_s, {}, {}}, scenario, record);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.passed, passed);
}

// evaluate(scenario, record) judges every expectation of the file, in file order.
void tst_Expectations::evaluateAllKeepsOrderAndNames()
{
    Scenario scenario = fixtureScenario();
    scenario.expectations = {
        Expectation{u"cutlass found"_s, u"request"_s, json(R"({"request":"find-1"})"), {}},
        Expectation{u"bad"_s, u"telemetry"_s, json(R"({"node":"store-1"})"), {}},
        Expectation{u"links went down"_s, u"events"_s, json(R"({"event":"link-down"})"), {}},
    };
    const QList<ExpectationResult> results = ExpectationEvaluator::evaluate(scenario, fixtureRecord());
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(0).name, u"cutlass found"_s);
    QVERIFY(results.at(0).passed);
    QCOMPARE(results.at(1).name, u"bad"_s);
    QVERIFY(!results.at(1).passed);
    QCOMPARE(results.at(2).kind, u"events"_s);
    QVERIFY(results.at(2).passed);
}

// A malformed expectation fails and says why instead of checking something else.
void tst_Expectations::invalidExpectationIsNotChecked()
{
    const ExpectationResult result = ExpectationEvaluator::evaluate(
        Expectation{u"typo"_s, u"telemetry"_s, json(R"({"node":"store-1","path":"data.holds","op":"=>","value":1})"), {}},
        fixtureScenario(), fixtureRecord());
    QVERIFY(!result.passed);
    QCOMPARE(result.detail, u"not checked: telemetry: \"op\" must be one of ==, !=, <, <=, >, >= (got \"=>\")"_s);
}

// Kinds, required args, types, op and status parsing, cross-argument rules.
void tst_Expectations::validate_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("problem");

    auto row = [](const char *name, const QString &kind, const QByteArray &args, const QString &problem) {
        QTest::newRow(name) << kind << args << problem;
    };
    const QString tel = u"telemetry"_s;
    const QByteArray base = R"("node":"s","path":"data.x","value":1)";
    for (const char *op : {"==", "!=", "<", "<=", ">", ">="})
        row(qPrintable(u"op "_s + QLatin1StringView(op)), tel, R"({"node":"s","path":"data.x","value":1,"op":")" + QByteArray(op) + R"("})", {});
    for (const char *op : {"=", "=>", "eq", "", "<>"})
        row(qPrintable(u"bad op '"_s + QLatin1StringView(op) + u"'"_s), tel,
            R"({"node":"s","path":"data.x","value":1,"op":")" + QByteArray(op) + R"("})",
            u"telemetry: \"op\" must be one of ==, !=, <, <=, >, >= (got \"%1\")"_s.arg(QLatin1StringView(op)));
    row("op not a string", tel, "{" + base + R"(,"op":1})", u"telemetry: \"op\" must be one of ==, !=, <, <=, >, >= (got 1)"_s);
    row("op with spaces", tel, "{" + base + R"(,"op":" <= "})", {});
    row("telemetry without path", tel, R"({"node":"s","value":1})", u"telemetry needs \"path\""_s);
    row("telemetry empty path segment", tel, R"({"node":"s","path":"data..x","value":1})",
        u"telemetry: \"path\" must be a dot path such as \"data.inventory.cutlass\""_s);
    row("telemetry value and than", tel, R"({"node":"s","path":"a","value":1,"than":{"node":"t","path":"a"}})",
        u"telemetry: give exactly one of \"value\", \"than\""_s);
    row("telemetry neither value nor than", tel, R"({"node":"s","path":"a"})",
        u"telemetry: give exactly one of \"value\", \"than\""_s);
    row("telemetry null value is a value", tel, R"({"node":"s","path":"a","value":null})", {});
    row("telemetry than without path", tel, R"({"node":"s","path":"a","than":{"node":"t"}})",
        u"telemetry: \"than\" must be a map {node, path}"_s);
    row("telemetry unknown argument", tel, "{" + base + R"(,"nodes":"x"})",
        u"telemetry: unknown argument \"nodes\" (expected node, path, op, value, than)"_s);
    row("own fields are ignored", tel, "{" + base + R"(,"name":"n","kind":"telemetry"})", {});
    row("request", u"request"_s, R"({"request":"find-1","status":404})", {});
    row("request status as text", u"request"_s, R"({"request":"find-1","status":"201"})", {});
    row("request status class upper case", u"request"_s, R"({"request":"find-1","status":"5XX"})", {});
    row("request status out of range", u"request"_s, R"({"request":"find-1","status":700})",
        u"request: \"status\" must be an HTTP status such as 200 or a class such as \"2xx\" (got 700)"_s);
    row("request status bad class", u"request"_s, R"({"request":"find-1","status":"2xy"})",
        u"request: \"status\" must be an HTTP status such as 200 or a class such as \"2xx\" (got \"2xy\")"_s);
    row("request without request", u"request"_s, R"({"status":200})", u"request needs \"request\""_s);
    row("request bad latency", u"request"_s, R"({"request":"a","maxLatencyMs":"fast"})",
        u"request: \"maxLatencyMs\" must be a duration: ms, or a string such as \"500ms\" or \"10s\" (got \"fast\")"_s);
    row("request negative latency", u"request"_s, R"({"request":"a","maxLatencyMs":-5})",
        u"request: \"maxLatencyMs\" must be a duration: ms, or a string such as \"500ms\" or \"10s\" (got -5)"_s);
    row("every with nothing", u"every-request-answered"_s, R"({})", {});
    row("every empty names", u"every-request-answered"_s, R"({"names":""})",
        u"every-request-answered: \"names\" must be a name or a pattern such as \"store-*\""_s);
    row("sum value not a number", u"sum"_s, R"({"nodes":"s*","path":"a","value":"3"})",
        u"sum: \"value\" must be a number (got \"3\")"_s);
    row("sum two comparands", u"sum"_s, R"({"nodes":"s*","path":"a","value":3,"thanSum":{"nodes":"t*","path":"a"}})",
        u"sum: give exactly one of \"value\", \"than\", \"thanSum\""_s);
    row("sum bad thanSum", u"sum"_s, R"({"nodes":"s*","path":"a","thanSum":{"node":"t","path":"a"}})",
        u"sum: \"thanSum\" must be a map {nodes, path}"_s);
    row("events", u"events"_s, R"({"event":"link-down","min":1,"max":3,"from":"1.5s","to":"2m"})", {});
    row("events without event", u"events"_s, R"({"min":1})", u"events needs \"event\""_s);
    row("events min over max", u"events"_s, R"({"event":"x","min":3,"max":1})",
        u"events: \"min\" (3) is more than \"max\" (1)"_s);
    row("events negative min", u"events"_s, R"({"event":"x","min":-1})",
        u"events: \"min\" must be a non-negative integer (got -1)"_s);
    row("events from after to", u"events"_s, R"({"event":"x","from":"20s","to":"10s"})",
        u"events: \"from\" (20 s) is after \"to\" (10 s)"_s);
    row("events fields not a map", u"events"_s, R"({"event":"x","fields":[1]})", u"events: \"fields\" must be a map"_s);
    row("events unique and increasing", u"events"_s, R"({"event":"x","unique":"job","increasing":"v","per":"k"})", {});
    row("events per without increasing", u"events"_s, R"({"event":"x","per":"k"})",
        u"events: \"per\" only goes with \"increasing\""_s);
    row("events unique empty", u"events"_s, R"({"event":"x","unique":""})",
        u"events: \"unique\" must be a non-empty string"_s);
    row("metric bad stat", u"metric"_s, R"({"node":"r1","metric":"m","stat":"median","value":1})",
        u"metric: \"stat\" must be one of max, min, last, mean, count (got \"median\")"_s);
    row("metric without stat", u"metric"_s, R"({"node":"r1","metric":"m","value":1})", u"metric needs \"stat\""_s);
    row("latency bad percentile", u"latency"_s, R"({"node":"g","value":5,"percentile":"p95"})",
        u"latency: \"percentile\" must be p50 or p99 (got \"p95\")"_s);
    row("exactly-once without consumers", u"exactly-once"_s, R"({"producers":"g*"})",
        u"exactly-once needs \"consumers\""_s);
    row("no-acked-loss", u"no-acked-loss"_s, R"({})", {});
    row("steps-ok with an argument", u"steps-ok"_s, R"({"all":true})",
        u"steps-ok: unknown argument \"all\" (it takes none)"_s);
    row("unknown kind", u"throughput"_s, R"({})",
        u"unknown expectation kind \"throughput\" (known: request, every-request-answered, telemetry, sum, events, "
        u"no-acked-loss, exactly-once, metric, latency, steps-ok, run, nodes)"_s);
    row("run without field", u"run"_s, R"({"value":1})", u"run needs \"field\""_s);
    row("run unknown field", u"run"_s, R"({"field":"nodes","value":1})",
        u"run: \"field\" must be one of processCount, readyAfterMs, durationMs (got \"nodes\")"_s);
    row("run value as text", u"run"_s, R"({"field":"processCount","value":"36"})",
        u"run: \"value\" must be a number (got \"36\")"_s);
    row("nodes min over max", u"nodes"_s, R"({"nodes":"c?","path":"state","value":"up","min":3,"max":1})",
        u"nodes: \"min\" (3) is more than \"max\" (1)"_s);
    row("nodes without value", u"nodes"_s, R"({"nodes":"c?","path":"state"})", u"nodes needs \"value\""_s);
    row("no kind", QString(), R"({})", u"an expectation needs a \"kind\""_s);
}

void tst_Expectations::validate()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, args);
    QFETCH(QString, problem);

    QCOMPARE(ExpectationEvaluator::validate(Expectation{u"e"_s, kind, json(args), {}}), problem);
    QCOMPARE(ExpectationEvaluator::validate(kind, json(args)), problem);
}

// The catalogue lists each kind once, described, with the args validate() requires.
void tst_Expectations::catalogue()
{
    const QList<ExpectationEvaluator::KindSpec> kinds = ExpectationEvaluator::kinds();
    QStringList names;
    for (const auto &k : kinds) {
        names.append(k.name);
        QVERIFY2(!k.description.isEmpty(), qPrintable(k.name));
        if (!k.required.isEmpty())
            QCOMPARE(ExpectationEvaluator::validate(k.name, {}), u"%1 needs \"%2\""_s.arg(k.name, k.required.first()));
    }
    QCOMPARE(names, (QStringList{u"request"_s, u"every-request-answered"_s, u"telemetry"_s, u"sum"_s, u"events"_s,
                                 u"no-acked-loss"_s, u"exactly-once"_s, u"metric"_s, u"latency"_s, u"steps-ok"_s,
                                 u"run"_s, u"nodes"_s}));
    QCOMPARE(kinds.at(2).required, (QStringList{u"node"_s, u"path"_s}));
    QCOMPARE(kinds.at(2).optional, (QStringList{u"op"_s, u"value"_s, u"than"_s}));
}

QTEST_APPLESS_MAIN(tst_Expectations)
#include "tst_expectations.moc"
