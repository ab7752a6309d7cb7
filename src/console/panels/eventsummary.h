#pragma once

#include "console/panels/statustone.h"

#include <QCoreApplication>
#include <QString>

namespace Portolan::Scenario {
struct RecordedEvent;
}

namespace Portolan::Console {

// One sentence for people from a recorded event's kind and fields: "link to c2 went
// down: no hello for 312 ms", "held a cutlass for peaches", "step 3: Iteration 2 - the
// cheapnet backbone link c1-c2 fails". Knows the node events (docs/protocol.md 2.10),
// the runner's own events and the roles' events (docs/scenarios.md); anything else is
// written as its fields.
class EventSummary
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::EventSummary)
public:
    static QString summarize(const Scenario::RecordedEvent &event);
    // How the event reads at a glance: failures red, recoveries green, steps blue.
    static StatusTone tone(const Scenario::RecordedEvent &event);
    // The request an event belongs to, for tracing ("" if none).
    static QString requestId(const Scenario::RecordedEvent &event);
};

} // namespace Portolan::Console
