#pragma once

#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QList>
#include <QString>

namespace Portolan::Console {

// The timeline as the report shows it: the steps that fired, in the order they fired
// (the operator's own actions among them), then the scenario's steps the run never
// reached. Rows are numbered from 1; the charts mark steps with the same numbers.
class ReportTimeline
{
public:
    struct Row
    {
        int number = 0;
        qint64 plannedMs = 0;
        qint64 firedMs = -1;     // -1: not reached
        QString action;
        QString caption;
        bool manual = false;
        bool ok = true;
        QString detail;
        bool reached() const { return firedMs >= 0; }
    };

    static QList<Row> rows(const Scenario::RunRecord &record, const Scenario::Scenario *scenario);
};

} // namespace Portolan::Console
