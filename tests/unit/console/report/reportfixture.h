#pragma once

#include "console/report/reportinput.h"

#include <QImage>
#include <QList>

// A small Pirate Pugs run to write reports of: two interior routers, an edge router, two
// stores and a factory sampled for 12 s; a timeline with a request, a cut link, an
// operator's own action and one step the run never reached; a request; two stopwatches;
// four expectations, one of them failed.
struct ReportFixture
{
    Portolan::Scenario::Scenario scenario;
    Portolan::Scenario::RunRecord record;
    QList<Portolan::Scenario::ExpectationResult> results;
    QImage topology;

    static ReportFixture pirateRun();
    Portolan::Console::ReportInput input() const;
    // (node, metric) pairs in the record.
    int seriesCount() const;
};
