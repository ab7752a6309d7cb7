#pragma once

#include <QCoreApplication>
#include <QString>

namespace Portolan::Scenario {
struct Step;
}

namespace Portolan::Console {

// A timeline step's action and arguments in a few words: "cut link c1–c2",
// "POST /store/7/find via e7", "provider cheapnet down", "upgrade p2 to 0.2.0".
class StepSummary
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::StepSummary)
public:
    static QString describe(const Scenario::Step &step);
};

} // namespace Portolan::Console
