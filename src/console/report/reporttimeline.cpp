#include "console/report/reporttimeline.h"

#include <QSet>

#include <algorithm>

namespace Portolan::Console {

QList<ReportTimeline::Row> ReportTimeline::rows(const Scenario::RunRecord &record, const Scenario::Scenario *scenario)
{
    QList<Row> rows;
    QSet<int> fired;
    for (const Scenario::StepRecord &s : record.steps) {
        rows.append(Row{0, s.plannedMs, std::max<qint64>(0, s.firedMs), s.action, s.caption, s.manual, s.ok, s.detail});
        // An operator's own action may carry any index; it only stands for a planned
        // step when it did what that step says.
        const bool planned = scenario && s.index >= 0 && s.index < scenario->timeline.size()
                             && (!s.manual || scenario->timeline.at(s.index).action == s.action);
        if (planned)
            fired.insert(s.index);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.firedMs < b.firedMs; });

    if (scenario) {
        for (qsizetype i = 0; i < scenario->timeline.size(); ++i) {
            if (fired.contains(int(i)))
                continue;
            const Scenario::Step &step = scenario->timeline.at(i);
            rows.append(Row{0, step.atMs, -1, step.action, step.caption, false, true, {}});
        }
    }
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows[i].number = int(i) + 1;
    return rows;
}

} // namespace Portolan::Console
