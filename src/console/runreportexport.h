#pragma once

#include "scenario/expectations.h"
#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QImage>
#include <QString>

namespace Portolan::Console {

// The run report as the console and --headless write it: gathers the scenario, the
// run's record, the verdicts and a picture of the network into the report writer.
class RunReportExport
{
public:
    // With a picture the caller already has (the console's canvas).
    static bool write(const Scenario::Scenario &scenario, const Scenario::RunRecord &record,
                      const QList<Scenario::ExpectationResult> &results, const QImage &topology,
                      const QString &directory, QString *error);
    // Without a window: draws the network as the run left it (the nodes' final telemetry)
    // on an offscreen canvas first.
    static bool writeHeadless(const Scenario::Scenario &scenario, const Scenario::RunRecord &record,
                              const QList<Scenario::ExpectationResult> &results, const QString &directory,
                              QString *error);
    static QImage picture(const Scenario::Scenario &scenario, const Scenario::RunRecord &record);
};

} // namespace Portolan::Console
