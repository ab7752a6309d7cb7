#include "reportfixture.h"

#include <QPainter>
#include <QSet>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;

namespace {

Router router(const QString &id, const QString &kind)
{
    Router r;
    r.id = id;
    r.kind = kind;
    return r;
}

Entity entity(const QString &id, const QString &role)
{
    Entity e;
    e.id = id;
    e.role = role;
    e.routers = {u"e1"_s};
    return e;
}

Step step(qint64 atMs, const QString &action, const QString &caption)
{
    Step s;
    s.atMs = atMs;
    s.action = action;
    s.caption = caption;
    return s;
}

} // namespace

ReportFixture ReportFixture::pirateRun()
{
    ReportFixture f;
    Scenario &s = f.scenario;
    s.name = u"Pirate Pugs 1 - Peaches and the cutlass"_s;
    s.file = u"/scenarios/pirate-pugs-1.yaml"_s;
    s.description = u"Peaches walks into store 7 looking for a cutlass."_s;
    s.parameters.insert(u"stores"_s, 2);
    s.routers = {router(u"r1"_s, u"interior"_s), router(u"r2"_s, u"interior"_s), router(u"e1"_s, u"edge"_s)};
    s.entities = {entity(u"store-1"_s, u"store"_s), entity(u"store-2"_s, u"store"_s),
                  entity(u"factory-1"_s, u"factory"_s)};
    s.timeline = {step(1000, u"request"_s, u"Store 1 asks every store for a cutlass"_s),
                  step(4000, u"cut-link"_s, u"The backbone link r1-r2 fails"_s),
                  step(8000, u"restore-link"_s, u"The backbone link is back"_s),
                  step(30000, u"request"_s, u"A late question nobody asked"_s)};
    for (const QString &name : {u"Every store answered"_s, u"Store 1 holds a cutlass"_s, u"No order was lost"_s,
                                u"The factory kept up"_s}) {
        Expectation x;
        x.name = name;
        x.kind = u"telemetry"_s;
        s.expectations.append(x);
    }
    s.durationMs = 12000;

    RunRecord &r = f.record;
    r.scenario = s.name;
    r.startedAtMs = 1'795'000'000'000;
    r.endedAtMs = r.startedAtMs + 12'000;
    r.readyAfterMs = 640;
    r.processCount = 6;
    r.steps = {StepRecord{0, 1000, 1012, u"request"_s, s.timeline[0].caption, true, u"GET /all-stores/inventory via e1"_s, false},
               StepRecord{1, 4000, 4003, u"cut-link"_s, s.timeline[1].caption, true, u"link r1-r2 cut"_s, false},
               StepRecord{-1, 0, 6100, u"fail-node"_s, u"The operator fails store-2"_s, true, u"store-2 failed"_s, true},
               StepRecord{2, 8000, 8002, u"restore-link"_s, s.timeline[2].caption, false, u"link r1-r2 is not cut"_s, false}};
    r.requests = {RequestRecord{u"ask"_s, u"e1"_s, u"GET"_s, u"/all-stores/inventory"_s, 1012, 1040, 200, "[1,2]", {}}};
    r.stopwatches = {StopwatchRecord{u"cut-link"_s, u"r1-r2"_s, 4003, 4120, 4390, 5, 0, 3, true},
                     StopwatchRecord{u"fail-node"_s, u"store-2"_s, 6100, 6300, -1, 2, 1, 0, true}};
    for (qint64 t = 1000; t <= 12000; t += 1000) {
        const double k = double(t / 1000);
        for (const QString &node : {u"r1"_s, u"r2"_s, u"e1"_s}) {
            r.metrics.append(MetricSample{t, node, u"counters.delivered"_s, k * 10});
            r.metrics.append(MetricSample{t, node, u"counters.acked"_s, k * 9});
            if (node == "r1"_L1 && t >= 4000 && t <= 7000) {
                r.metrics.append(MetricSample{t, node, u"queues./store/1"_s, 3});
                r.metrics.append(MetricSample{t, node, u"queues./factories"_s, 2});
            }
        }
        for (const QString &node : {u"store-1"_s, u"store-2"_s}) {
            r.metrics.append(MetricSample{t, node, u"counters.handled"_s, k * 5});
            r.metrics.append(MetricSample{t, node, u"data.inventory.cutlass"_s, std::max(0.0, 4 - k / 3)});
        }
        r.metrics.append(MetricSample{t, u"factory-1"_s, u"counters.handled"_s, k * 2});
        r.metrics.append(MetricSample{t, u"factory-1"_s, u"queues./factories"_s, t > 6000 ? 4.0 : 1.0});
        r.metrics.append(MetricSample{t, u"factory-1"_s, u"queues./factory/1"_s, t > 6000 ? 4.0 : 1.0});
        r.metrics.append(MetricSample{t, u"factory-1"_s, u"data.backlog"_s, t > 6000 ? 4.0 : 1.0});
    }
    r.events = {RecordedEvent{4010, u"r1"_s, u"link-down"_s, {}}, RecordedEvent{4012, u"r2"_s, u"link-down"_s, {}},
                RecordedEvent{4030, u"r1"_s, u"route-change"_s, {}}};

    f.results = {ExpectationResult{s.expectations[0].name, u"request"_s, true, u"answers = 2 (expected 2)"_s},
                 ExpectationResult{s.expectations[1].name, u"telemetry"_s, true, u"store-1 holds = 1"_s},
                 ExpectationResult{s.expectations[2].name, u"no-acked-loss"_s, false, u"1 acknowledged order lost"_s},
                 ExpectationResult{s.expectations[3].name, u"telemetry"_s, true, u"backlog = 4 (expected < 10)"_s}};

    f.topology = QImage(QSize(400, 280), QImage::Format_ARGB32_Premultiplied);
    f.topology.fill(QColor(0xe8, 0xdc, 0xb5));
    QPainter painter(&f.topology);
    painter.setBrush(QColor(0x25, 0x63, 0xeb));
    painter.drawEllipse(QPointF(120, 140), 20, 20);
    painter.drawEllipse(QPointF(280, 140), 20, 20);
    painter.drawLine(QPointF(140, 140), QPointF(260, 140));
    return f;
}

Portolan::Console::ReportInput ReportFixture::input() const
{
    return Portolan::Console::ReportInput{&scenario, &record, results, topology, {}};
}

int ReportFixture::seriesCount() const
{
    QSet<QString> series;
    for (const MetricSample &s : record.metrics)
        series.insert(s.node + u'\n' + s.metric);
    return int(series.size());
}
