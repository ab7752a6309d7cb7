#pragma once

#include "scenario/expressions.h"
#include "scenario/scenarioloader.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <limits>
#include <optional>
#include <utility>

namespace Portolan::Scenario {

// A place in the file being read: its path for messages, its YAML node and its location.
struct Field
{
    QString path;      // "links[2].cost"
    YAML::Node node;   // undefined for an element an expression produced
    SourceLocation where;
    std::optional<QJsonValue> computed;   // that element's value
};

// A field after ${...} evaluation: its typed value, and a scalar's text as written.
struct Resolved
{
    QJsonValue value;
    QString text;
    SourceLocation where;
};

// A YAML map's entries, checked against the keys a section knows.
struct Section
{
    Field self;
    QList<std::pair<QString, Field>> entries;   // in file order, without duplicates

    // The value of a key; absent or null (an empty value) count as not given.
    std::optional<Field> get(const QString &key) const
    {
        for (const auto &[name, field] : entries) {
            if (name == key) {
                if (!field.computed && (!field.node.IsDefined() || field.node.IsNull()))
                    return std::nullopt;
                return field;
            }
        }
        return std::nullopt;
    }
    bool has(const QString &key) const { return get(key).has_value(); }
};

// Reads typed values out of a scenario file's YAML tree: evaluates ${...} expressions as
// it reads each field (so repeat counters and parameters apply), types the result, and
// records a problem, at the field's line and column, for whatever does not fit. Knows
// nothing of what the sections mean; ScenarioLoader's reader does.
class FieldReader
{
public:
    static constexpr qint64 MaxInt32 = std::numeric_limits<qint32>::max();

    FieldReader(const QString &fileName, const QList<QByteArray> &lines);

    const QString &file() const { return m_file; }
    const QList<LoadProblem> &problems() const { return m_problems; }
    Expressions &expressions() { return m_expressions; }
    // The repeat counter while a repeated item is read; problems then name it.
    std::optional<int> iteration() const { return m_iteration; }
    void setIteration(std::optional<int> i) { m_iteration = i; }

    // Locations and problems.
    std::optional<SourceLocation> locate(const YAML::Mark &mark) const;
    SourceLocation locateOr(const YAML::Node &node, const SourceLocation &fallback) const;
    void problemAt(const SourceLocation &where, const QString &message);
    void problem(const Field &field, const QString &message);   // "path: message"

    // Structure.
    Field child(const Field &parent, const QString &key, const YAML::Node &keyNode, const YAML::Node &value) const;
    Field element(const Field &parent, qsizetype index, const YAML::Node &value) const;
    // A map with these keys; unknown and duplicate keys and missing required ones are problems.
    std::optional<Section> section(const Field &field, const QStringList &known, const QStringList &required,
                                   bool otherKeysAllowed = false);
    std::optional<Field> given(const Section &section, const QString &key);
    std::optional<QList<Field>> listOf(const Field &field);
    std::optional<QList<Field>> items(const Field &field);   // a list written out, or one an expression made
    // Calls read once, or once per copy with i and index0 set when the item has "repeat".
    void forEachInstance(const Field &item, const std::function<void(const Field &)> &read);

    // Values.
    std::optional<Resolved> resolve(const Field &field, int depth = 0);
    std::optional<QJsonValue> value(const Field &field);
    std::optional<QString> text(const Field &field);
    std::optional<QString> nonEmptyText(const Field &field);
    std::optional<QString> id(const Field &field);   // a node id: safe in file names
    std::optional<qint64> integer(const Field &field, qint64 min, qint64 max);
    std::optional<double> number(const Field &field, double min, bool minExclusive = false);
    std::optional<bool> boolean(const Field &field);
    std::optional<qint64> duration(const Field &field);   // ms, from "250ms", "2s", "1m" or a number
    std::optional<QPointF> point(const Field &field);     // [x, y] or {x, y}
    std::optional<QString> choice(const Field &field, const QStringList &choices);

    // Wording of messages.
    static int editDistance(QStringView a, QStringView b);
    static QString didYouMean(const QString &word, const QStringList &candidates);   // "; did you mean 'x'?" or ""
    static QString clipped(const QString &text);
    static QString stringify(const QJsonValue &value);
    static QString describe(const QJsonValue &value);   // for "expected ..., got ..."
    // The 1-based character column of a 0-based byte column.
    static int characterColumn(const QList<QByteArray> &lines, int line, int byteColumn);

private:
    std::optional<Resolved> resolveScalar(const Field &field);

    QString m_file;
    QList<QByteArray> m_lines;   // the file's lines, for character columns
    QList<LoadProblem> m_problems;
    QSet<QString> m_problemKeys;   // for dropping exact repeats
    Expressions m_expressions;
    qint64 m_resolvedValues = 0;
    std::optional<int> m_iteration;
};

} // namespace Portolan::Scenario
