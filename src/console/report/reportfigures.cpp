#include "console/report/reportfigures.h"

#include "console/report/reportchartrenderer.h"
#include "console/report/reportseries.h"
#include "console/report/reporttimeline.h"

#include <algorithm>
#include <limits>

namespace Portolan::Console {

namespace {

QList<ChartMarker> stepMarkers(const ReportInput &input)
{
    QList<ChartMarker> markers;
    for (const ReportTimeline::Row &row : ReportTimeline::rows(*input.record, input.scenario)) {
        if (!row.reached())
            continue;
        const QColor colour = !row.ok ? QColor(0xdc, 0x26, 0x26)
                              : row.manual ? QColor(0xd9, 0x77, 0x06)
                                           : QColor(0x64, 0x74, 0x8b);
        markers.append(ChartMarker{row.firedMs, QString::number(row.number), colour});
    }
    return markers;
}

qint64 runLength(const Scenario::RunRecord &record)
{
    qint64 length = record.endedAtMs > record.startedAtMs && record.startedAtMs > 0
                        ? record.endedAtMs - record.startedAtMs
                        : 0;
    for (const Scenario::MetricSample &s : record.metrics)
        length = std::max(length, s.atMs);
    return length;
}

} // namespace

ReportFigures ReportFigures::render(const ReportInput &input)
{
    ReportFigures figures;
    figures.topology = input.topology;
    figures.chartsAvailable = ReportChartRenderer::available();
    if (!input.record || !figures.chartsAvailable)
        return figures;

    const Scenario::RunRecord &record = *input.record;
    const QList<ChartMarker> markers = stepMarkers(input);
    const qint64 length = runLength(record);

    QList<ChartLine> depths = ReportSeries::queueDepths(record, input.scenario, std::numeric_limits<int>::max());
    figures.queueingNodes = int(std::max<qsizetype>(0, depths.size() - 1));
    if (depths.size() > kQueueNodes + 1)
        depths.resize(kQueueNodes + 1);
    figures.queueNodesShown = int(std::max<qsizetype>(0, depths.size() - 1));
    // A flat line says less than the sentence the page puts there instead.
    if (figures.queueingNodes > 0)
        figures.queueDepth = ReportChartRenderer::render(
            ChartSpec{tr("Queue depth"), tr("messages queued"), depths, markers, length, {760, 320}});
    figures.rates = ReportChartRenderer::render(
        ChartSpec{tr("Message rates"), tr("messages per second"), ReportSeries::messageRates(record), markers, length,
                  {760, 300}});
    return figures;
}

} // namespace Portolan::Console
