#pragma once

#include "scenario/scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace Portolan::Scenario {

// One thing wrong with a scenario file, where it is written.
struct LoadProblem
{
    SourceLocation where;
    QString message;
    QString toString() const;   // "file:line:column: message" ("file: message" without a line)
    friend bool operator==(const LoadProblem &, const LoadProblem &) = default;
};

// Reads a scenario file (YAML, documented in docs/scenarios.md) into a Scenario: applies
// --set overrides to the parameters, evaluates ${...} expressions, expands repeats, types
// and checks every field and reference, and fills in the defaults. It reports every
// problem it finds, each at the line and column of the YAML node at fault, rather than
// stopping at the first.
class ScenarioLoader
{
public:
    // Checks that belong to other parts of the scenario library plug in here; each returns
    // an error message, empty when the item is fine. An unset validator accepts everything.
    struct Validators
    {
        // A timeline step's action and its arguments (the step's keys other than at,
        // caption, action and name).
        std::function<QString(const QString &action, const QJsonObject &args)> step;
        // An expectation's kind and its arguments (its keys other than name and kind).
        std::function<QString(const QString &kind, const QJsonObject &args)> expectation;
        // An entity's role and params (traffic entries arrive as role "generator").
        std::function<QString(const QString &role, const QJsonObject &params)> entity;
    };

    // overrides: --set name=value; the value is read as a YAML scalar (20 is a number,
    // true a bool, anything else text) and must name a declared parameter.
    // Returns std::nullopt, with at least one problem appended, when the file is unusable.
    static std::optional<Scenario> loadFile(const QString &path, const QMap<QString, QString> &overrides,
                                            QList<LoadProblem> *problems, const Validators &validators = {});
    static std::optional<Scenario> loadText(const QByteArray &yaml, const QString &fileName,
                                            const QMap<QString, QString> &overrides, QList<LoadProblem> *problems,
                                            const Validators &validators = {});

    // Files larger than this are refused before parsing.
    static constexpr qint64 MaxFileSize = 16 * 1024 * 1024;
    // The most copies one "repeat" makes.
    static constexpr int MaxRepeat = 10000;
    // Settle time after the last step when the file gives no duration.
    static constexpr qint64 SettleMs = 5000;
};

} // namespace Portolan::Scenario
