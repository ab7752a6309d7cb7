#pragma once

#include "scenario/expectations.h"
#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QJsonObject>

namespace Portolan::Scenario {

// report.json: the machine-readable outcome of a run — the scenario, when it ran, each
// expectation with name, passed and detail, the timeline as it happened, the requests
// and their answers, and a summary of every metric. The HTML/PDF reports and the console
// read the same object.
class ReportJson
{
public:
    static QJsonObject build(const Scenario &scenario, const RunRecord &record,
                             const QList<ExpectationResult> &results);
    static bool allPassed(const QList<ExpectationResult> &results);
};

} // namespace Portolan::Scenario
