#pragma once

#include "scenario/expectations.h"
#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QImage>
#include <QList>
#include <QString>

namespace Portolan::Console {

// Everything a run report is made from. The writer only reads it: the console fills it
// from its session (with a picture of the canvas), --headless from its ScenarioRun.
struct ReportInput
{
    const Scenario::Scenario *scenario = nullptr;
    const Scenario::RunRecord *record = nullptr;
    QList<Scenario::ExpectationResult> results;   // empty when the run was not judged
    QImage topology;                               // may be null (then the section says so)
    QString title;                                 // default: scenario name
};

} // namespace Portolan::Console
