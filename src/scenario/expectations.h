#pragma once

#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Portolan::Scenario {

// The outcome of one expectation. detail is a human sentence with the numbers that decided
// it ("answers = 12 (expected 12)"); it goes into report.json and onto the console.
struct ExpectationResult
{
    QString name;
    QString kind;
    bool passed = false;
    QString detail;
};

// Judges a finished run against the scenario's expectations. Pure: it reads the scenario
// and the RunRecord (requests, steps, events, metric samples, final telemetry) and
// nothing else, so a run directory reopened later gives the same verdicts.
//
// Conventions shared by every kind: node and request-name patterns are globs (* and ?);
// paths are dot paths into a node's final telemetry ("data.inventory.cutlass", a number
// indexes a list); op is one of == != < <= > >=; numbers compare numerically, strings and
// booleans only with == and !=, and a value of another type is never equal; durations
// (from, to, maxLatencyMs) are ms, or strings such as "500ms", "10s", "2m".
class ExpectationEvaluator
{
public:
    struct KindSpec
    {
        QString name;
        QStringList required;
        QStringList optional;
        QString description;
    };

    static QList<KindSpec> kinds();
    // "" when the kind is known and its args are complete and well typed; otherwise one
    // sentence naming the argument at fault.
    static QString validate(const Expectation &e);
    // The same for a kind and its args (what ScenarioLoader::Validators::expectation is
    // handed).
    static QString validate(const QString &kind, const QJsonObject &args);

    static QList<ExpectationResult> evaluate(const Scenario &scenario, const RunRecord &record);
    static ExpectationResult evaluate(const Expectation &e, const Scenario &scenario, const RunRecord &record);
};

} // namespace Portolan::Scenario
