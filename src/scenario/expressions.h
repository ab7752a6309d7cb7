#pragma once

#include <QHash>
#include <QJSValue>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringView>

#include <chrono>
#include <memory>

class QJSEngine;

namespace Portolan::Scenario {

class EvaluationWatchdog;

// The ${...} expressions of one scenario load: a JavaScript engine (QJSEngine) that sees
// the scenario's parameters and the repeat counters as globals and nothing else — no Qt
// extensions, no console, no file or network access. Text with ${...} parts is either one
// expression, which keeps the expression's type (number, bool, string, list, map), or a
// template whose parts are replaced by their values as text. "$${" writes a literal "${".
//
// An evaluation that runs longer than the time limit (an endless loop written by mistake)
// is interrupted and reported as an error, so a scenario can never hang its loader.
class Expressions
{
public:
    struct Result
    {
        QJsonValue value;   // undefined when error is set
        QString error;      // e.g. "in ${foo + 1}: ReferenceError: foo is not defined"
        bool ok() const { return error.isEmpty(); }
    };

    static constexpr std::chrono::milliseconds DefaultTimeLimit{2000};

    explicit Expressions(std::chrono::milliseconds timeLimit = DefaultTimeLimit);
    ~Expressions();
    Expressions(const Expressions &) = delete;
    Expressions &operator=(const Expressions &) = delete;

    // Globals the expressions see. Lists and maps become JavaScript arrays and objects.
    void setGlobal(const QString &name, const QJsonValue &value);
    void removeGlobal(const QString &name);

    // Whether a name can be a global: a JavaScript identifier that is no reserved word and
    // does not hide one of JavaScript's own globals (Math, JSON, ...).
    bool isUsableName(const QString &name, QString *why = nullptr) const;

    // One JavaScript expression (what stands between "${" and "}").
    Result evaluate(const QString &expression);

    // Text that may hold ${...} parts, as described above. Text without parts comes back
    // unchanged as a string.
    Result substitute(const QString &text);

    // Whether the text holds "${" at all (an expression or an escaped "$${").
    static bool containsExpression(QStringView text);

    // Where the "}" closing an expression is, given the index just after its "${"; -1 when
    // the text ends first.
    static qsizetype closingBrace(QStringView text, qsizetype from);

private:
    // Evaluates under the watchdog; sets error (the JavaScript error, or the time-out).
    QJSValue run(const QString &expression, QString *error);

    std::unique_ptr<QJSEngine> m_engine;
    std::unique_ptr<EvaluationWatchdog> m_watchdog;
    std::chrono::milliseconds m_timeLimit;
    QSet<QString> m_names;                 // the globals set through setGlobal()
    QHash<QString, QJSValue> m_compiled;   // expression -> function returning its value
};

} // namespace Portolan::Scenario
