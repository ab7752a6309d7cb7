#include "console/runreportexport.h"

#include "console/canvas/networkscene.h"
#include "console/report/runreportwriter.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

bool RunReportExport::write(const Scenario::Scenario &scenario, const Scenario::RunRecord &record,
                            const QList<Scenario::ExpectationResult> &results, const QImage &topology,
                            const QString &directory, QString *error)
{
    ReportInput input;
    input.scenario = &scenario;
    input.record = &record;
    input.results = results;
    input.topology = topology;
    RunReportWriter::Files files;
    return RunReportWriter::write(input, directory, &files, error);
}

QImage RunReportExport::picture(const Scenario::Scenario &scenario, const Scenario::RunRecord &record)
{
    NetworkScene scene;
    scene.setScenario(scenario);
    for (auto it = record.finalTelemetry.cbegin(); it != record.finalTelemetry.cend(); ++it) {
        const QString state = it.value().value("state"_L1).toString();
        scene.setNodeStatus(it.key(), state == "failed"_L1 ? NodeStatus::Failed : NodeStatus::Up);
        scene.applyTelemetry(it.key(), it.value());
    }
    // Nodes that sent no final telemetry were gone when the run ended.
    for (const Scenario::Router &r : scenario.routers) {
        if (!record.finalTelemetry.contains(r.id))
            scene.setNodeStatus(r.id, NodeStatus::Down);
    }
    for (const Scenario::Entity &e : scenario.entities) {
        if (!record.finalTelemetry.contains(e.id))
            scene.setNodeStatus(e.id, NodeStatus::Down);
    }
    scene.flushTelemetry();
    return scene.renderPicture(QSize(1600, 1100));
}

bool RunReportExport::writeHeadless(const Scenario::Scenario &scenario, const Scenario::RunRecord &record,
                                    const QList<Scenario::ExpectationResult> &results, const QString &directory,
                                    QString *error)
{
    return write(scenario, record, results, picture(scenario, record), directory, error);
}

} // namespace Portolan::Console
