#include "scenario/scenarioloader.h"

#include "scenario/expressions.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

QString LoadProblem::toString() const
{
    if (where.line > 0)
        return where.toString() + u": "_s + message;
    if (!where.file.isEmpty())
        return where.file + u": "_s + message;
    return message;
}

namespace {

constexpr int MaxDepth = 64;
constexpr qint64 MaxResolvedValues = 1'000'000;
constexpr qint64 MaxTimeMs = 1'000'000'000'000;   // about 31 years: beyond that, a typo
constexpr qint64 MaxCost = std::numeric_limits<qint32>::max();
constexpr qsizetype MaxQuoted = 40;

// Colours for providers that do not name one, so that each backbone still stands apart.
const QStringList &providerPalette()
{
    static const QStringList colors{u"#2e86de"_s, u"#e67e22"_s, u"#27ae60"_s,
                                    u"#8e44ad"_s, u"#c0392b"_s, u"#16a085"_s};
    return colors;
}

// ---- words ---------------------------------------------------------------------------

// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    QList<QList<int>> d(n + 1, QList<int>(m + 1, 0));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1).toLower() == b.at(j - 2).toLower()
                && a.at(i - 2).toLower() == b.at(j - 1).toLower())
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

// "; did you mean 'cost'?" when exactly one candidate is close to the word, else "".
QString didYouMean(const QString &word, const QStringList &candidates)
{
    const int limit = word.size() <= 4 ? 1 : 2;
    int best = limit + 1;
    QString bestCandidate;
    bool tie = false;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(word, candidate);
        if (distance < best) {
            best = distance;
            bestCandidate = candidate;
            tie = false;
        } else if (distance == best && candidate != bestCandidate) {
            tie = true;
        }
    }
    if (best > limit || tie || bestCandidate == word)
        return {};
    return u"; did you mean '%1'?"_s.arg(bestCandidate);
}

QString clipped(const QString &text)
{
    return text.size() <= MaxQuoted ? text : text.left(MaxQuoted) + u"..."_s;
}

QString numberText(double number)
{
    if (std::trunc(number) == number && std::abs(number) < 1e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

// A value as text, the way string interpolation and text fields see it.
QString stringify(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// What a value is, for "expected ..., got ..." messages.
QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"\"%1\""_s.arg(clipped(value.toString()));
    case QJsonValue::Double:
    case QJsonValue::Bool:
        return stringify(value);
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"a map"_s;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// ---- YAML scalars ----------------------------------------------------------------------

QJsonValue integerOrDouble(const QString &text, int base)
{
    bool ok = false;
    const qint64 integer = text.toLongLong(&ok, base);
    if (ok)
        return QJsonValue(integer);
    return QJsonValue(text.toDouble());
}

// A plain (unquoted, untagged) scalar typed the way YAML 1.2's core schema types it:
// null, true/false, integers (also 0x.., 0o..) and floats; anything else is text.
QJsonValue plainScalar(const QString &text)
{
    static const QRegularExpression decimal(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression hex(u"^0x[0-9a-fA-F]+$"_s);
    static const QRegularExpression octal(u"^0o[0-7]+$"_s);
    static const QRegularExpression floating(u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);

    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return QJsonValue(QJsonValue::Null);
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return QJsonValue(true);
    if (text == u"false" || text == u"False" || text == u"FALSE")
        return QJsonValue(false);
    if (decimal.match(text).hasMatch())
        return integerOrDouble(text, 10);
    if (hex.match(text).hasMatch())
        return integerOrDouble(text.mid(2), 16);
    if (octal.match(text).hasMatch())
        return integerOrDouble(text.mid(2), 8);
    if (floating.match(text).hasMatch())
        return QJsonValue(text.toDouble());
    return QJsonValue(text);
}

// ---- reading ---------------------------------------------------------------------------

// A place in the file being read: its path for messages, its YAML node and its location.
struct Field
{
    QString path;                          // "links[2].cost"
    YAML::Node node;                       // undefined for an element an expression produced
    SourceLocation where;
    std::optional<QJsonValue> computed;    // that element's value
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

// An uplink whose target can only be checked once every router is known.
struct PendingUplink
{
    int router = 0;     // index into Scenario::routers
    int uplink = 0;     // index into its uplinks
    QString target;
    Field targetField;
    bool providerGiven = false;
    bool costGiven = false;
    std::optional<int> iteration;   // the repeat counter when it was read, for messages
};

// One load: walks the YAML tree section by section, evaluating expressions as it types
// each field, and collects every problem on the way.
class ScenarioReader
{
public:
    ScenarioReader(const QString &fileName, const ScenarioLoader::Validators &validators)
        : m_file(fileName)
        , m_validators(validators)
    {
    }

    std::optional<Scenario> read(const YAML::Node &root, const QMap<QString, QString> &overrides);
    const QList<LoadProblem> &problems() const { return m_problems; }

private:
    // Locations and problems.
    std::optional<SourceLocation> locate(const YAML::Mark &mark) const;
    SourceLocation locateOr(const YAML::Node &node, const SourceLocation &fallback) const;
    void problemAt(const SourceLocation &where, const QString &message);
    void problem(const Field &field, const QString &message);

    // Structure.
    Field child(const Field &parent, const QString &key, const YAML::Node &keyNode, const YAML::Node &value) const;
    Field element(const Field &parent, qsizetype index, const YAML::Node &value) const;
    std::optional<Section> section(const Field &field, const QStringList &known, const QStringList &required,
                                   bool otherKeysAllowed = false);
    std::optional<Field> given(const Section &section, const QString &key);
    std::optional<QList<Field>> listOf(const Field &field);
    std::optional<QList<Field>> items(const Field &field);   // a list written out, or one an expression made
    void forEachInstance(const Field &item, const std::function<void(const Field &)> &read);

    // Values.
    std::optional<Resolved> resolve(const Field &field, int depth = 0);
    std::optional<Resolved> resolveScalar(const Field &field);
    std::optional<QJsonValue> value(const Field &field);
    std::optional<QString> text(const Field &field);
    std::optional<QString> nonEmptyText(const Field &field);
    std::optional<QString> id(const Field &field);
    std::optional<qint64> integer(const Field &field, qint64 min, qint64 max);
    std::optional<double> number(const Field &field, double min, bool minExclusive = false);
    std::optional<bool> boolean(const Field &field);
    std::optional<qint64> duration(const Field &field);
    std::optional<QPointF> point(const Field &field);
    std::optional<QString> choice(const Field &field, const QStringList &choices);

    // References.
    bool claimId(const QString &id, const Field &field);
    std::optional<QString> routerRef(const Field &field);
    std::optional<QString> providerRef(const Field &field);
    void checkReferences(const Section &section, const QStringList &skip);
    void checkReference(const QString &key, const Field &field);

    // Sections.
    void readParameters(const std::optional<Field> &field, const QMap<QString, QString> &overrides);
    std::optional<QJsonValue> readOverride(const QString &name, const QString &text, const QJsonValue &declared);
    void readProviders(const Field &field);
    void readMap(const Field &field);
    void readDistributions(const Field &field);
    void readRouters(const Field &field);
    void readRouter(const Field &field);
    void readUplinks(const Field &field, int routerIndex);
    void resolveUplinks();
    void placeUnpositionedRouters();
    void readLinks(const Field &field);
    void readLink(const Field &field);
    void readEntities(const Field &field);
    void readEntity(const Field &field, bool traffic);
    std::optional<QStringList> readAttachment(const Section &section);
    void readTimeline(const Field &field);
    void readExpectations(const Field &field);

    QString m_file;
    const ScenarioLoader::Validators &m_validators;
    QList<LoadProblem> m_problems;
    QSet<QString> m_problemKeys;       // for dropping exact repeats
    Expressions m_expressions;
    qint64 m_resolvedValues = 0;
    std::optional<int> m_iteration;    // the repeat counter i while reading a repeated item

    Scenario m_scenario;
    QHash<QString, SourceLocation> m_ids;          // node ids: routers and entities
    QHash<QString, SourceLocation> m_stepNames;
    QList<bool> m_routerPlaced;                    // parallel to routers: position given
    QList<PendingUplink> m_pendingUplinks;
};

// ---- locations and problems -----------------------------------------------------------

std::optional<SourceLocation> ScenarioReader::locate(const YAML::Mark &mark) const
{
    if (mark.is_null() || mark.line < 0)
        return std::nullopt;
    return SourceLocation{m_file, mark.line + 1, mark.column + 1};
}

SourceLocation ScenarioReader::locateOr(const YAML::Node &node, const SourceLocation &fallback) const
{
    // An empty value's mark points past it (to the next line): its key is the better place.
    if (!node.IsDefined() || node.IsNull())
        return fallback;
    return locate(node.Mark()).value_or(fallback);
}

void ScenarioReader::problemAt(const SourceLocation &where, const QString &message)
{
    const QString key = where.toString() + u'\n' + message;
    if (m_problemKeys.contains(key))
        return;
    m_problemKeys.insert(key);
    m_problems.append(LoadProblem{where, message});
}

void ScenarioReader::problem(const Field &field, const QString &message)
{
    QString full = field.path.isEmpty() ? message : field.path + u": "_s + message;
    if (m_iteration)
        full += u" (with i=%1)"_s.arg(*m_iteration);
    problemAt(field.where, full);
}

// ---- structure ---------------------------------------------------------------------------

Field ScenarioReader::child(const Field &parent, const QString &key, const YAML::Node &keyNode,
                            const YAML::Node &value) const
{
    const SourceLocation keyWhere = locate(keyNode.Mark()).value_or(parent.where);
    return Field{parent.path.isEmpty() ? key : parent.path + u'.' + key, value, locateOr(value, keyWhere), {}};
}

Field ScenarioReader::element(const Field &parent, qsizetype index, const YAML::Node &value) const
{
    return Field{parent.path + u"[%1]"_s.arg(index), value, locateOr(value, parent.where), {}};
}

std::optional<Section> ScenarioReader::section(const Field &field, const QStringList &known,
                                               const QStringList &required, bool otherKeysAllowed)
{
    if (field.computed || !field.node.IsMap()) {
        const std::optional<Resolved> got = field.computed ? std::optional<Resolved>(Resolved{*field.computed, {}, field.where})
                                                           : resolve(field);
        problem(field, u"expected a map with the keys %1, got %2"_s.arg(known.join(u", "_s),
                                                                        got ? describe(got->value) : u"something else"_s));
        return std::nullopt;
    }

    Section result{field, {}};
    QHash<QString, SourceLocation> seen;
    QStringList unknown;
    const QString in = field.path.isEmpty() ? QString() : u" in "_s + field.path;
    for (auto it = field.node.begin(); it != field.node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        const SourceLocation keyWhere = locate(keyNode.Mark()).value_or(field.where);
        if (!keyNode.IsScalar()) {
            problemAt(keyWhere, u"keys must be plain text%1"_s.arg(in));
            continue;
        }
        const QString key = QString::fromStdString(keyNode.Scalar());
        if (seen.contains(key)) {
            problemAt(keyWhere, u"duplicate key '%1'%2 (first at %3)"_s.arg(key, in, seen.value(key).toString()));
            continue;
        }
        seen.insert(key, keyWhere);
        if (!otherKeysAllowed && !known.contains(key)) {
            problemAt(keyWhere, u"unknown key '%1'%2%3"_s.arg(key, in, didYouMean(key, known)));
            unknown.append(key);
            continue;
        }
        result.entries.append({key, child(field, key, keyNode, it->second)});
    }
    for (const QString &key : required) {
        if (result.has(key))
            continue;
        QString hint;
        for (const auto &[name, entry] : std::as_const(result.entries)) {
            if (!known.contains(name) && editDistance(name, key) <= (key.size() <= 4 ? 1 : 2))
                hint = u" (is '%1' a misspelling?)"_s.arg(name);
        }
        problem(field, u"missing required key '%1'%2"_s.arg(key, hint));
    }
    return result;
}

// An optional key's field, or nothing when it is absent, empty, or an expression that
// yields null ("http: ${i == 1 ? 8080 : null}" gives only the first copy a port). An
// expression's value is kept in the field, so it is evaluated once.
std::optional<Field> ScenarioReader::given(const Section &section, const QString &key)
{
    std::optional<Field> field = section.get(key);
    if (!field || field->computed || !field->node.IsScalar()
        || !Expressions::containsExpression(QString::fromStdString(field->node.Scalar())))
        return field;
    const std::optional<Resolved> resolved = resolve(*field);
    if (resolved && resolved->value.isNull())
        return std::nullopt;
    if (resolved)
        field->computed = resolved->value;
    return field;
}

std::optional<QList<Field>> ScenarioReader::listOf(const Field &field)
{
    if (field.computed || !field.node.IsSequence()) {
        const std::optional<Resolved> got = resolve(field);
        if (got)
            problem(field, u"expected a list, got %1"_s.arg(describe(got->value)));
        return std::nullopt;
    }
    QList<Field> list;
    qsizetype index = 0;
    for (auto it = field.node.begin(); it != field.node.end(); ++it)
        list.append(element(field, index++, *it));
    return list;
}

std::optional<QList<Field>> ScenarioReader::items(const Field &field)
{
    if (!field.computed && field.node.IsSequence())
        return listOf(field);
    const std::optional<Resolved> got = resolve(field);
    if (!got)
        return std::nullopt;
    if (!got->value.isArray()) {
        problem(field, u"expected a list, got %1"_s.arg(describe(got->value)));
        return std::nullopt;
    }
    QList<Field> list;
    const QJsonArray array = got->value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        list.append(Field{field.path + u"[%1]"_s.arg(i), YAML::Node(), field.where, array.at(i)});
    return list;
}

void ScenarioReader::forEachInstance(const Field &item, const std::function<void(const Field &)> &read)
{
    if (!item.node.IsMap()) {
        read(item);   // reports that it is no map
        return;
    }
    std::optional<Field> repeatField;
    for (auto it = item.node.begin(); it != item.node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == "repeat")
            repeatField = child(item, u"repeat"_s, it->first, it->second);
    }
    if (!repeatField) {
        read(item);
        return;
    }
    const std::optional<qint64> count = integer(*repeatField, 0, ScenarioLoader::MaxRepeat);
    if (!count)
        return;
    for (int i = 1; i <= *count; ++i) {
        m_expressions.setGlobal(u"i"_s, QJsonValue(i));
        m_expressions.setGlobal(u"index0"_s, QJsonValue(i - 1));
        m_iteration = i;
        const qsizetype before = m_problems.size();
        read(item);
        // The copies share their text: what is wrong with one is most likely wrong with
        // the rest, and ten thousand copies of a message help nobody.
        if (m_problems.size() > before)
            break;
    }
    m_iteration.reset();
    m_expressions.removeGlobal(u"i"_s);
    m_expressions.removeGlobal(u"index0"_s);
}

// ---- values -------------------------------------------------------------------------------

std::optional<Resolved> ScenarioReader::resolveScalar(const Field &field)
{
    const QString scalar = QString::fromStdString(field.node.Scalar());
    const std::string &tag = field.node.Tag();
    const bool plain = tag == "?";
    const bool forcedText = tag == "tag:yaml.org,2002:str";

    if (Expressions::containsExpression(scalar)) {
        const Expressions::Result result = m_expressions.substitute(scalar);
        if (!result.ok()) {
            problem(field, result.error);
            return std::nullopt;
        }
        const QString asText = stringify(result.value);
        return Resolved{forcedText ? QJsonValue(asText) : result.value, asText, field.where};
    }
    if (plain)
        return Resolved{plainScalar(scalar), scalar, field.where};
    if (tag == "!" || forcedText)
        return Resolved{QJsonValue(scalar), scalar, field.where};

    const QJsonValue typed = plainScalar(scalar);
    if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
        if (typed.isDouble())
            return Resolved{typed, scalar, field.where};
    } else if (tag == "tag:yaml.org,2002:bool") {
        if (typed.isBool())
            return Resolved{typed, scalar, field.where};
    } else if (tag == "tag:yaml.org,2002:null") {
        if (typed.isNull())
            return Resolved{typed, scalar, field.where};
    } else {
        problem(field, u"unsupported tag '%1'"_s.arg(QString::fromStdString(tag)));
        return std::nullopt;
    }
    problem(field, u"'%1' does not match its tag '%2'"_s.arg(clipped(scalar), QString::fromStdString(tag)));
    return std::nullopt;
}

std::optional<Resolved> ScenarioReader::resolve(const Field &field, int depth)
{
    if (field.computed)
        return Resolved{*field.computed, stringify(*field.computed), field.where};
    const YAML::Node &node = field.node;
    if (!node.IsDefined() || node.IsNull())
        return Resolved{QJsonValue(QJsonValue::Null), {}, field.where};
    if (++m_resolvedValues == MaxResolvedValues)
        problem(field, u"the file expands to more than %1 values (aliases of aliases?)"_s.arg(MaxResolvedValues));
    if (m_resolvedValues >= MaxResolvedValues)
        return std::nullopt;
    if (depth > MaxDepth) {
        problem(field, u"nested more than %1 levels deep"_s.arg(MaxDepth));
        return std::nullopt;
    }

    if (node.IsScalar())
        return resolveScalar(field);

    if (node.IsSequence()) {
        QJsonArray array;
        bool ok = true;
        qsizetype index = 0;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::optional<Resolved> item = resolve(element(field, index++, *it), depth + 1);
            if (item)
                array.append(item->value);
            else
                ok = false;
        }
        return ok ? std::optional<Resolved>(Resolved{array, {}, field.where}) : std::nullopt;
    }

    QJsonObject object;
    QHash<QString, SourceLocation> seen;
    bool ok = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const SourceLocation keyWhere = locate(it->first.Mark()).value_or(field.where);
        const Field keyField{field.path, it->first, keyWhere, {}};
        if (!it->first.IsScalar()) {
            problem(keyField, u"keys must be plain text"_s);
            ok = false;
            continue;
        }
        const std::optional<Resolved> key = resolveScalar(keyField);
        if (!key) {
            ok = false;
            continue;
        }
        if (seen.contains(key->text)) {
            problem(keyField, u"duplicate key '%1' (first at %2)"_s.arg(key->text, seen.value(key->text).toString()));
            ok = false;
            continue;
        }
        seen.insert(key->text, keyWhere);
        const std::optional<Resolved> member = resolve(child(field, key->text, it->first, it->second), depth + 1);
        if (member)
            object.insert(key->text, member->value);
        else
            ok = false;
    }
    return ok ? std::optional<Resolved>(Resolved{object, {}, field.where}) : std::nullopt;
}

std::optional<QJsonValue> ScenarioReader::value(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    return resolved->value;
}

std::optional<QString> ScenarioReader::text(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    if (resolved->value.isArray() || resolved->value.isObject()) {
        problem(field, u"expected text, got %1"_s.arg(describe(resolved->value)));
        return std::nullopt;
    }
    return resolved->text;
}

std::optional<QString> ScenarioReader::nonEmptyText(const Field &field)
{
    const std::optional<QString> result = text(field);
    if (result && result->trimmed().isEmpty()) {
        problem(field, u"must not be empty"_s);
        return std::nullopt;
    }
    return result;
}

std::optional<QString> ScenarioReader::id(const Field &field)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
    const std::optional<QString> result = text(field);
    if (!result)
        return std::nullopt;
    // Ids name processes, their databases and log files: keep them to safe characters.
    if (!pattern.match(*result).hasMatch()) {
        problem(field, u"'%1' is no usable id: use letters, digits, '-', '_' and '.', starting with a letter or digit"_s
                           .arg(clipped(*result)));
        return std::nullopt;
    }
    return result;
}

std::optional<qint64> ScenarioReader::integer(const Field &field, qint64 min, qint64 max)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    const QJsonValue &v = resolved->value;
    const double d = v.toDouble();
    if (v.isDouble() && std::trunc(d) == d && d >= double(min) && d <= double(max))
        return qint64(d);

    QString expected;
    if (min == 0 && max == MaxCost)
        expected = u"a non-negative integer"_s;
    else if (max == std::numeric_limits<qint64>::max())
        expected = u"an integer of at least %1"_s.arg(min);
    else
        expected = u"an integer from %1 to %2"_s.arg(min).arg(max);
    problem(field, u"expected %1, got %2"_s.arg(expected, describe(v)));
    return std::nullopt;
}

std::optional<double> ScenarioReader::number(const Field &field, double min, bool minExclusive)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    const QJsonValue &v = resolved->value;
    const double d = v.toDouble();
    if (v.isDouble() && (minExclusive ? d > min : d >= min))
        return d;
    const QString expected = minExclusive ? u"a number greater than %1"_s.arg(numberText(min))
                                          : u"a number of at least %1"_s.arg(numberText(min));
    problem(field, u"expected %1, got %2"_s.arg(expected, describe(v)));
    return std::nullopt;
}

std::optional<bool> ScenarioReader::boolean(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    if (resolved->value.isBool())
        return resolved->value.toBool();
    problem(field, u"expected true or false, got %1"_s.arg(describe(resolved->value)));
    return std::nullopt;
}

std::optional<qint64> ScenarioReader::duration(const Field &field)
{
    static const QRegularExpression whole(u"^\\s*(?:[0-9]*\\.?[0-9]+\\s*(?:ms|s|m|h)?\\s*)+$"_s);
    static const QRegularExpression part(u"([0-9]*\\.?[0-9]+)\\s*(ms|s|m|h)?"_s);

    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    const QJsonValue &v = resolved->value;
    std::optional<double> ms;
    if (v.isDouble()) {
        ms = v.toDouble();
    } else if (v.isString() && whole.match(v.toString()).hasMatch()) {
        double total = 0;
        int unitless = 0;
        int parts = 0;
        for (auto it = part.globalMatch(v.toString()); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QString unit = m.captured(2);
            const double amount = m.captured(1).toDouble();
            ++parts;
            if (unit.isEmpty() || unit == u"ms") {
                unitless += unit.isEmpty() ? 1 : 0;
                total += amount;
            } else if (unit == u"s") {
                total += amount * 1000;
            } else if (unit == u"m") {
                total += amount * 60'000;
            } else {
                total += amount * 3'600'000;
            }
        }
        // "250" alone is milliseconds; "1m 30" is ambiguous.
        if (unitless == 0 || parts == 1)
            ms = total;
    }
    if (!ms || *ms < 0 || *ms > double(MaxTimeMs)) {
        problem(field, u"bad time %1: write a number of milliseconds or a number with ms, s, m or h "
                       u"(250ms, 2s, 1.5s, 1m)"_s.arg(v.isString() ? u"'%1'"_s.arg(clipped(v.toString())) : describe(v)));
        return std::nullopt;
    }
    return qint64(std::llround(*ms));
}

std::optional<QPointF> ScenarioReader::point(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    const QJsonValue &v = resolved->value;
    if (v.isArray() && v.toArray().size() == 2 && v.toArray().at(0).isDouble() && v.toArray().at(1).isDouble())
        return QPointF(v.toArray().at(0).toDouble(), v.toArray().at(1).toDouble());
    if (v.isObject() && v.toObject().size() == 2 && v.toObject().value(u"x"_s).isDouble()
        && v.toObject().value(u"y"_s).isDouble())
        return QPointF(v.toObject().value(u"x"_s).toDouble(), v.toObject().value(u"y"_s).toDouble());

    // Point at the coordinate at fault when it is written out.
    Field at = field;
    if (!field.computed && field.node.IsSequence() && field.node.size() == 2) {
        for (std::size_t i = 0; i < 2; ++i) {
            if (!v.toArray().at(qsizetype(i)).isDouble()) {
                at = element(field, qsizetype(i), field.node[i]);
                problem(at, u"expected a number, got %1"_s.arg(describe(v.toArray().at(qsizetype(i)))));
                return std::nullopt;
            }
        }
    }
    problem(at, u"expected a position [x, y], got %1"_s.arg(describe(v)));
    return std::nullopt;
}

std::optional<QString> ScenarioReader::choice(const Field &field, const QStringList &choices)
{
    const std::optional<QString> result = text(field);
    if (!result)
        return std::nullopt;
    if (choices.contains(*result))
        return result;
    problem(field, u"'%1' is none of %2%3"_s.arg(clipped(*result), choices.join(u", "_s), didYouMean(*result, choices)));
    return std::nullopt;
}

// ---- references ----------------------------------------------------------------------------

bool ScenarioReader::claimId(const QString &nodeId, const Field &field)
{
    const auto existing = m_ids.constFind(nodeId);
    if (existing != m_ids.constEnd()) {
        problem(field, u"duplicate id '%1' (first at %2)"_s.arg(nodeId, existing->toString()));
        return false;
    }
    m_ids.insert(nodeId, field.where);
    return true;
}

std::optional<QString> ScenarioReader::routerRef(const Field &field)
{
    const std::optional<QString> name = nonEmptyText(field);
    if (!name)
        return std::nullopt;
    if (m_scenario.router(*name))
        return name;
    QStringList ids;
    for (const Router &r : std::as_const(m_scenario.routers))
        ids.append(r.id);
    problem(field, u"unknown router '%1'%2"_s.arg(clipped(*name), didYouMean(*name, ids)));
    return std::nullopt;
}

std::optional<QString> ScenarioReader::providerRef(const Field &field)
{
    const std::optional<QString> name = nonEmptyText(field);
    if (!name)
        return std::nullopt;
    if (m_scenario.provider(*name))
        return name;
    QStringList names;
    for (const Provider &p : std::as_const(m_scenario.providers))
        names.append(p.name);
    problem(field, u"unknown provider '%1'%2"_s.arg(clipped(*name), didYouMean(*name, names)));
    return std::nullopt;
}

// Arguments of steps and expectations that name things of the scenario: checked here,
// where their place in the file is known, whatever the action or kind makes of them.
void ScenarioReader::checkReferences(const Section &section, const QStringList &skip)
{
    for (const auto &[key, field] : section.entries) {
        if (skip.contains(key) || !section.has(key))
            continue;
        checkReference(key, field);
    }
}

void ScenarioReader::checkReference(const QString &key, const Field &field)
{
    static const QStringList keys{u"router"_s, u"node"_s, u"entity"_s, u"provider"_s, u"link"_s, u"request"_s};
    if (!keys.contains(key))
        return;

    if (key == u"link") {
        const std::optional<QList<Field>> ends = items(field);
        if (!ends)
            return;
        if (ends->size() != 2) {
            problem(field, u"expected the two routers of a link, [a, b], got %1 entries"_s.arg(ends->size()));
            return;
        }
        const std::optional<QString> a = routerRef(ends->at(0));
        const std::optional<QString> b = routerRef(ends->at(1));
        if (!a || !b)
            return;
        for (const Link &l : std::as_const(m_scenario.links)) {
            if ((l.from == *a && l.to == *b) || (l.from == *b && l.to == *a))
                return;
        }
        for (const Router &r : std::as_const(m_scenario.routers)) {
            for (const Uplink &u : r.uplinks) {
                if ((r.id == *a && u.router == *b) || (r.id == *b && u.router == *a))
                    return;
            }
        }
        problem(field, u"no link or uplink connects '%1' and '%2'"_s.arg(*a, *b));
        return;
    }

    // One name, or a list of them.
    QList<Field> names;
    if (!field.computed && field.node.IsSequence()) {
        const std::optional<QList<Field>> list = listOf(field);
        if (!list)
            return;
        names = *list;
    } else {
        names.append(field);
    }
    for (const Field &name : std::as_const(names)) {
        const std::optional<Resolved> resolved = resolve(name);
        if (!resolved || !resolved->value.isString())
            continue;   // not a name: the action's own validator says what it wants
        const QString target = resolved->text;
        if (key == u"router") {
            routerRef(name);
        } else if (key == u"provider") {
            providerRef(name);
        } else if (key == u"request") {
            if (!m_stepNames.contains(target)) {
                problem(name, u"no timeline step is named '%1'%2"_s.arg(clipped(target),
                                                                        didYouMean(target, m_stepNames.keys())));
            }
        } else {
            const bool isRouter = m_scenario.router(target) != nullptr;
            const bool isEntity = m_scenario.entity(target) != nullptr;
            if ((key == u"node" && !isRouter && !isEntity) || (key == u"entity" && !isEntity)) {
                QStringList ids;
                for (const Entity &e : std::as_const(m_scenario.entities))
                    ids.append(e.id);
                if (key == u"node") {
                    for (const Router &r : std::as_const(m_scenario.routers))
                        ids.append(r.id);
                }
                problem(name, u"unknown %1 '%2'%3"_s.arg(key, clipped(target), didYouMean(target, ids)));
            }
        }
    }
}

// ---- sections ------------------------------------------------------------------------------

void ScenarioReader::readParameters(const std::optional<Field> &field, const QMap<QString, QString> &overrides)
{
    QSet<QString> declared;
    if (field) {
        if (const std::optional<Section> params = section(*field, {}, {}, true)) {
            for (const auto &[name, entry] : params->entries) {
                QString why;
                if (name == u"i" || name == u"index0")
                    why = u"'%1' is the repeat counter, not a parameter"_s.arg(name);
                else
                    m_expressions.isUsableName(name, &why);
                if (!why.isEmpty()) {
                    problem(entry, why);
                    continue;
                }
                declared.insert(name);
                // Parameters are read in order: later defaults may use earlier parameters.
                std::optional<QJsonValue> parameter = value(entry);
                if (!parameter)
                    continue;
                if (overrides.contains(name)) {
                    parameter = readOverride(name, overrides.value(name), *parameter);
                    if (!parameter)
                        continue;
                }
                m_scenario.parameters.insert(name, *parameter);
                m_expressions.setGlobal(name, *parameter);
            }
        }
    }
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (declared.contains(it.key()))
            continue;
        problemAt(SourceLocation{m_file, 0, 0},
                  u"--set %1: the scenario has no parameter '%1'%2"_s.arg(it.key(), didYouMean(it.key(), QStringList(declared.begin(), declared.end()))));
    }
}

std::optional<QJsonValue> ScenarioReader::readOverride(const QString &name, const QString &text, const QJsonValue &declared)
{
    const Field field{u"--set %1"_s.arg(name), YAML::Node(), SourceLocation{m_file, 0, 0}, {}};
    std::optional<QJsonValue> result;
    if (text.isEmpty()) {
        result = QJsonValue(QString());
    } else {
        try {
            result = value(Field{field.path, YAML::Load(text.toStdString()), field.where, {}});
        } catch (const YAML::Exception &e) {
            problem(field, u"'%1' is no YAML value: %2"_s.arg(clipped(text), QString::fromStdString(e.msg)));
            return std::nullopt;
        }
    }
    if (!result)
        return std::nullopt;

    // An override keeps the kind of value the scenario declared, so "--set stores=many"
    // is caught here rather than as a puzzling error deep in the file.
    if (declared.isString())
        return QJsonValue(result->isString() ? result->toString() : text);
    if (declared.isDouble() && !result->isDouble()) {
        problem(field, u"expected a number like the default %1, got %2"_s.arg(stringify(declared), describe(*result)));
        return std::nullopt;
    }
    if (declared.isBool() && !result->isBool()) {
        problem(field, u"expected true or false like the default, got %1"_s.arg(describe(*result)));
        return std::nullopt;
    }
    return result;
}

void ScenarioReader::readProviders(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    for (const Field &item : *list) {
        const std::optional<Section> s = section(item, {u"name"_s, u"cost"_s, u"color"_s}, {u"name"_s});
        if (!s)
            continue;
        Provider provider;
        provider.where = item.where;
        const std::optional<QString> name = s->get(u"name"_s) ? nonEmptyText(*s->get(u"name"_s)) : std::nullopt;
        if (!name)
            continue;
        provider.name = *name;
        if (const Provider *existing = m_scenario.provider(*name)) {
            problem(*s->get(u"name"_s), u"duplicate provider '%1' (first at %2)"_s.arg(*name, existing->where.toString()));
            continue;
        }
        if (const std::optional<Field> cost = given(*s, u"cost"_s)) {
            if (const std::optional<qint64> c = integer(*cost, 0, MaxCost))
                provider.cost = qint32(*c);
        }
        if (const std::optional<Field> color = given(*s, u"color"_s)) {
            if (const std::optional<QString> colorName = text(*color)) {
                if (QColor::isValidColorName(*colorName))
                    provider.color = QColor::fromString(*colorName);
                else
                    problem(*color, u"'%1' is no colour: use a name like \"#2e86de\" or \"teal\""_s.arg(clipped(*colorName)));
            }
        } else {
            const QStringList &palette = providerPalette();
            provider.color = QColor::fromString(palette.at(m_scenario.providers.size() % palette.size()));
        }
        m_scenario.providers.append(provider);
    }
}

void ScenarioReader::readMap(const Field &field)
{
    const std::optional<Section> s = section(field, {u"image"_s, u"width"_s, u"height"_s}, {});
    if (!s)
        return;
    if (const std::optional<Field> image = given(*s, u"image"_s)) {
        if (const std::optional<QString> path = text(*image))
            m_scenario.map.image = *path;
    }
    if (const std::optional<Field> width = given(*s, u"width"_s)) {
        if (const std::optional<double> w = number(*width, 0, true))
            m_scenario.map.width = *w;
    }
    if (const std::optional<Field> height = given(*s, u"height"_s)) {
        if (const std::optional<double> h = number(*height, 0, true))
            m_scenario.map.height = *h;
    }
}

void ScenarioReader::readDistributions(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    QHash<QString, SourceLocation> prefixes;
    for (const Field &item : *list) {
        const std::optional<Section> s = section(item, {u"prefix"_s, u"mode"_s, u"acked"_s}, {u"prefix"_s});
        if (!s || !s->get(u"prefix"_s))
            continue;
        Routing::Distribution distribution;
        const Field prefixField = *s->get(u"prefix"_s);
        const std::optional<QString> prefix = text(prefixField);
        if (!prefix)
            continue;
        if (!prefix->startsWith(u'/')) {
            problem(prefixField, u"an address prefix starts with '/', got '%1'"_s.arg(clipped(*prefix)));
            continue;
        }
        if (prefixes.contains(*prefix)) {
            problem(prefixField, u"duplicate prefix '%1' (first at %2)"_s.arg(*prefix, prefixes.value(*prefix).toString()));
            continue;
        }
        prefixes.insert(*prefix, prefixField.where);
        distribution.prefix = *prefix;

        bool unacked = false;
        if (const std::optional<Field> modeField = given(*s, u"mode"_s)) {
            const std::optional<QString> mode =
                choice(*modeField, {u"closest"_s, u"balanced"_s, u"multicast"_s, u"keyed"_s, u"unacked"_s});
            if (!mode)
                continue;
            unacked = *mode == u"unacked";
            distribution.mode = unacked ? Routing::Mode::Multicast : Routing::modeFromName(*mode).value_or(Routing::Mode::Closest);
            distribution.acked = !unacked;
        }
        if (const std::optional<Field> ackedField = given(*s, u"acked"_s)) {
            const std::optional<bool> acked = boolean(*ackedField);
            if (!acked)
                continue;
            if (unacked && *acked) {
                problem(*ackedField, u"mode unacked is multicast without acks; 'acked: true' contradicts it"_s);
                continue;
            }
            distribution.acked = *acked;
        }
        m_scenario.distributions.append(distribution);
    }
}

void ScenarioReader::readRouters(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        forEachInstance(item, [this](const Field &f) { readRouter(f); });
    resolveUplinks();
    placeUnpositionedRouters();
}

void ScenarioReader::readRouter(const Field &field)
{
    const std::optional<Section> s = section(
        field, {u"id"_s, u"kind"_s, u"provider"_s, u"position"_s, u"label"_s, u"uplinks"_s, u"http"_s, u"repeat"_s},
        {u"id"_s});
    if (!s || !s->get(u"id"_s))
        return;
    Router router;
    router.where = field.where;
    const Field idField = *s->get(u"id"_s);
    const std::optional<QString> routerId = id(idField);
    if (!routerId || !claimId(*routerId, idField))
        return;
    router.id = *routerId;

    bool ok = true;
    if (const std::optional<Field> kind = given(*s, u"kind"_s)) {
        const std::optional<QString> k = choice(*kind, {u"interior"_s, u"edge"_s});
        ok = ok && k;
        router.kind = k.value_or(router.kind);
    }
    if (const std::optional<Field> provider = given(*s, u"provider"_s)) {
        const std::optional<QString> p = providerRef(*provider);
        ok = ok && p;
        router.provider = p.value_or(QString());
    }
    bool placed = false;
    if (const std::optional<Field> position = given(*s, u"position"_s)) {
        const std::optional<QPointF> p = point(*position);
        ok = ok && p;
        router.position = p.value_or(QPointF());
        placed = true;
    }
    if (const std::optional<Field> label = given(*s, u"label"_s)) {
        const std::optional<QString> l = text(*label);
        ok = ok && l;
        router.label = l.value_or(QString());
    }
    if (const std::optional<Field> http = given(*s, u"http"_s)) {
        const std::optional<Resolved> port = resolve(*http);
        if (port && port->value.isString() && port->value.toString() == u"any") {
            router.httpPort = 0;
        } else if (port) {
            const std::optional<qint64> p = integer(*http, 0, 65535);
            ok = ok && p;
            if (p) {
                router.httpPort = quint16(*p);
                for (const Router &other : std::as_const(m_scenario.routers)) {
                    if (*p != 0 && other.httpPort == router.httpPort) {
                        problem(*http, u"HTTP port %1 is already taken by router '%2'"_s.arg(*p).arg(other.id));
                        ok = false;
                    }
                }
            }
        } else {
            ok = false;
        }
    }
    if (!ok)
        return;

    const int index = int(m_scenario.routers.size());
    m_scenario.routers.append(router);
    m_routerPlaced.append(placed);
    if (const std::optional<Field> uplinks = given(*s, u"uplinks"_s)) {
        if (router.kind == u"edge")
            readUplinks(*uplinks, index);
        else
            problem(*uplinks, u"only edge routers have uplinks; connect interior routers with links"_s);
    }
}

void ScenarioReader::readUplinks(const Field &field, int routerIndex)
{
    const std::optional<QList<Field>> list = items(field);
    if (!list)
        return;
    for (const Field &item : *list) {
        // Read now, while a repeat's counter is set; whether the target exists is checked
        // once every router is known.
        PendingUplink pending;
        pending.router = routerIndex;
        pending.iteration = m_iteration;
        Uplink uplink;
        std::optional<QString> target;
        if (!item.computed && item.node.IsMap()) {
            const std::optional<Section> s = section(item, {u"router"_s, u"cost"_s, u"provider"_s}, {u"router"_s});
            if (!s || !s->get(u"router"_s))
                continue;
            pending.targetField = *s->get(u"router"_s);
            target = nonEmptyText(pending.targetField);
            if (const std::optional<Field> cost = given(*s, u"cost"_s)) {
                const std::optional<qint64> c = integer(*cost, 0, MaxCost);
                if (!c)
                    continue;
                uplink.cost = qint32(*c);
                pending.costGiven = true;
            }
            if (const std::optional<Field> provider = given(*s, u"provider"_s)) {
                const std::optional<QString> p = providerRef(*provider);
                if (!p)
                    continue;
                uplink.provider = *p;
                pending.providerGiven = true;
            }
        } else {
            pending.targetField = item;
            target = nonEmptyText(item);
        }
        if (!target)
            continue;
        pending.target = *target;
        Router &router = m_scenario.routers[routerIndex];
        pending.uplink = int(router.uplinks.size());
        router.uplinks.append(uplink);
        m_pendingUplinks.append(pending);
    }
}

void ScenarioReader::resolveUplinks()
{
    QStringList ids;
    for (const Router &r : std::as_const(m_scenario.routers))
        ids.append(r.id);
    for (const PendingUplink &pending : std::as_const(m_pendingUplinks)) {
        m_iteration = pending.iteration;
        Router &router = m_scenario.routers[pending.router];
        Uplink &uplink = router.uplinks[pending.uplink];
        const Router *interior = m_scenario.router(pending.target);
        if (!interior) {
            problem(pending.targetField, u"unknown router '%1'%2"_s.arg(clipped(pending.target), didYouMean(pending.target, ids)));
            continue;
        }
        if (interior->kind != u"interior") {
            problem(pending.targetField, u"'%1' is an edge router; uplinks go to interior routers"_s.arg(pending.target));
            continue;
        }
        bool duplicate = false;
        for (qsizetype i = 0; i < pending.uplink; ++i)
            duplicate = duplicate || router.uplinks.at(i).router == pending.target;
        if (duplicate) {
            problem(pending.targetField, u"a second uplink to '%1'"_s.arg(pending.target));
            continue;
        }
        uplink.router = pending.target;
        if (!pending.providerGiven)
            uplink.provider = router.provider.isEmpty() ? interior->provider : router.provider;
        if (!pending.costGiven) {
            const Provider *provider = m_scenario.provider(uplink.provider);
            uplink.cost = provider ? provider->cost : 1;
        }
    }
    m_iteration.reset();
}

void ScenarioReader::placeUnpositionedRouters()
{
    // Routers without a position go round an ellipse in the middle of the map, in file
    // order, so that a quick sketch of a scenario is still readable on the canvas.
    QList<int> unplaced;
    for (int i = 0; i < m_routerPlaced.size(); ++i) {
        if (!m_routerPlaced.at(i))
            unplaced.append(i);
    }
    const QPointF centre(m_scenario.map.width / 2, m_scenario.map.height / 2);
    for (qsizetype k = 0; k < unplaced.size(); ++k) {
        const double angle = 2 * std::numbers::pi * double(k) / double(unplaced.size()) - std::numbers::pi / 2;
        m_scenario.routers[unplaced.at(k)].position =
            centre + QPointF(0.35 * m_scenario.map.width * std::cos(angle), 0.35 * m_scenario.map.height * std::sin(angle));
    }
}

void ScenarioReader::readLinks(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        forEachInstance(item, [this](const Field &f) { readLink(f); });
}

void ScenarioReader::readLink(const Field &field)
{
    const std::optional<Section> s =
        section(field, {u"between"_s, u"cost"_s, u"provider"_s, u"repeat"_s}, {u"between"_s});
    if (!s || !s->get(u"between"_s))
        return;
    const Field between = *s->get(u"between"_s);
    const std::optional<QList<Field>> ends = items(between);
    if (!ends)
        return;
    if (ends->size() != 2) {
        problem(between, u"a link is between two routers, [a, b]; got %1"_s.arg(ends->size()));
        return;
    }
    Link link;
    link.where = field.where;
    bool ok = true;
    QStringList names;
    for (const Field &end : *ends) {
        const std::optional<QString> name = routerRef(end);
        if (!name) {
            ok = false;
            continue;
        }
        if (m_scenario.router(*name)->kind != u"interior") {
            problem(end, u"'%1' is an edge router: links join interior routers; give an edge router uplinks"_s.arg(*name));
            ok = false;
        }
        names.append(*name);
    }
    if (ok && names.at(0) == names.at(1)) {
        problem(between, u"a link joins two different routers, got '%1' twice"_s.arg(names.at(0)));
        ok = false;
    }
    if (ok) {
        link.from = names.at(0);
        link.to = names.at(1);
        for (const Link &other : std::as_const(m_scenario.links)) {
            if ((other.from == link.from && other.to == link.to) || (other.from == link.to && other.to == link.from)) {
                problem(between, u"'%1' and '%2' are already linked (at %3)"_s.arg(link.from, link.to, other.where.toString()));
                ok = false;
                break;
            }
        }
    }
    bool costGiven = false;
    if (const std::optional<Field> cost = given(*s, u"cost"_s)) {
        const std::optional<qint64> c = integer(*cost, 0, MaxCost);
        ok = ok && c;
        link.cost = qint32(c.value_or(-1));
        costGiven = true;
    }
    if (const std::optional<Field> provider = given(*s, u"provider"_s)) {
        const std::optional<QString> p = providerRef(*provider);
        ok = ok && p;
        link.provider = p.value_or(QString());
    } else if (ok) {
        // Two routers of the same backbone are joined by that backbone.
        const QString a = m_scenario.router(link.from)->provider;
        if (a == m_scenario.router(link.to)->provider)
            link.provider = a;
    }
    if (!ok)
        return;
    if (!costGiven) {
        const Provider *provider = m_scenario.provider(link.provider);
        link.cost = provider ? provider->cost : 1;
    }
    m_scenario.links.append(link);
}

void ScenarioReader::readEntities(const Field &field)
{
    const bool traffic = field.path == u"traffic";
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        forEachInstance(item, [this, traffic](const Field &f) { readEntity(f, traffic); });
}

std::optional<QStringList> ScenarioReader::readAttachment(const Section &s)
{
    const std::optional<Field> one = s.get(u"router"_s);
    const std::optional<Field> many = s.get(u"routers"_s);
    if (one && many) {
        problem(*many, u"give either router or routers, not both"_s);
        return std::nullopt;
    }
    if (!one && !many) {
        problem(s.self, u"missing required key 'router' (or 'routers', a failover list)"_s);
        return std::nullopt;
    }
    if (one) {
        const std::optional<QString> r = routerRef(*one);
        return r ? std::optional<QStringList>(QStringList{*r}) : std::nullopt;
    }
    const std::optional<QList<Field>> list = items(*many);
    if (!list)
        return std::nullopt;
    if (list->isEmpty()) {
        problem(*many, u"name at least one router"_s);
        return std::nullopt;
    }
    QStringList routers;
    bool ok = true;
    for (const Field &item : *list) {
        const std::optional<QString> r = routerRef(item);
        if (r && routers.contains(*r)) {
            problem(item, u"'%1' is already in the list"_s.arg(*r));
            ok = false;
        } else if (r) {
            routers.append(*r);
        } else {
            ok = false;
        }
    }
    return ok ? std::optional<QStringList>(routers) : std::nullopt;
}

void ScenarioReader::readEntity(const Field &field, bool traffic)
{
    // A traffic entry is a generator entity written flat: the generator's params sit
    // beside id and router instead of under params.
    static const QStringList common{u"id"_s, u"router"_s, u"routers"_s, u"position"_s, u"label"_s, u"repeat"_s};
    static const QStringList generatorParams{u"address"_s, u"rate"_s, u"count"_s, u"body"_s, u"bodyBytes"_s, u"key"_s,
                                             u"keys"_s, u"replyTo"_s, u"method"_s, u"startDelayMs"_s};
    const QStringList known = traffic ? common + generatorParams : common + QStringList{u"role"_s, u"params"_s};
    const QStringList required = traffic ? QStringList{u"id"_s, u"address"_s} : QStringList{u"id"_s, u"role"_s};
    const std::optional<Section> s = section(field, known, required);
    if (!s || !s->get(u"id"_s))
        return;

    Entity entity;
    entity.where = field.where;
    bool ok = true;
    const Field idField = *s->get(u"id"_s);
    const std::optional<QString> entityId = id(idField);
    if (!entityId || !claimId(*entityId, idField))
        return;
    entity.id = *entityId;

    const std::optional<QStringList> routers = readAttachment(*s);
    ok = ok && routers;
    entity.routers = routers.value_or(QStringList());

    std::optional<Field> roleField;
    if (traffic) {
        entity.role = u"generator"_s;
        roleField = s->get(u"id"_s);
        for (const QString &key : generatorParams) {
            const std::optional<Field> param = key == u"address" ? s->get(key) : given(*s, key);
            if (!param)
                continue;
            std::optional<QJsonValue> v;
            if (key == u"address" || key == u"replyTo") {
                const std::optional<QString> address = nonEmptyText(*param);
                if (address && !address->startsWith(u'/'))
                    problem(*param, u"an address starts with '/', got '%1'"_s.arg(clipped(*address)));
                else if (address)
                    v = *address;
            } else if (key == u"key" || key == u"method") {
                if (const std::optional<QString> t = text(*param))
                    v = *t;
            } else if (key == u"rate") {
                if (const std::optional<double> rate = number(*param, 0))
                    v = *rate;
            } else if (key == u"body") {
                // Sent as is: text, or a map or list the generator writes as JSON.
                const std::optional<Resolved> body = resolve(*param);
                if (body && (body->value.isString() || body->value.isObject() || body->value.isArray()))
                    v = body->value;
                else if (body)
                    problem(*param, u"expected text, a map or a list, got %1"_s.arg(describe(body->value)));
            } else if (key == u"startDelayMs") {
                if (const std::optional<qint64> delay = duration(*param))
                    v = *delay;
            } else if (const std::optional<qint64> count = integer(*param, 0, std::numeric_limits<qint64>::max())) {
                v = *count;
            }
            if (v)
                entity.params.insert(key, *v);
            else
                ok = false;
        }
    } else {
        roleField = s->get(u"role"_s);
        const std::optional<QString> role = roleField ? nonEmptyText(*roleField) : std::nullopt;
        ok = ok && role;
        entity.role = role.value_or(QString());
        if (const std::optional<Field> params = given(*s, u"params"_s)) {
            const std::optional<Resolved> p = resolve(*params);
            if (p && !p->value.isObject()) {
                problem(*params, u"expected a map of the role's params, got %1"_s.arg(describe(p->value)));
                ok = false;
            } else if (p) {
                entity.params = p->value.toObject();
            } else {
                ok = false;
            }
        }
    }

    if (const std::optional<Field> label = given(*s, u"label"_s)) {
        const std::optional<QString> l = text(*label);
        ok = ok && l;
        entity.label = l.value_or(QString());
    }

    // The position is the entity's on the map and, as params.position, the role's own
    // (stores, factories and trucks measure distances with it). Either may be written;
    // with neither, the entity sits at its router.
    if (const std::optional<Field> position = given(*s, u"position"_s)) {
        const std::optional<QPointF> p = point(*position);
        ok = ok && p;
        entity.position = p.value_or(QPointF());
    } else if (const QJsonArray given = entity.params.value(u"position"_s).toArray();
               given.size() == 2 && given.at(0).isDouble() && given.at(1).isDouble()) {
        entity.position = QPointF(given.at(0).toDouble(), given.at(1).toDouble());
    } else if (!entity.routers.isEmpty()) {
        entity.position = m_scenario.router(entity.routers.first())->position;
    }
    if (!entity.params.contains(u"position"_s))
        entity.params.insert(u"position"_s, QJsonArray{entity.position.x(), entity.position.y()});

    if (!ok)
        return;
    if (m_validators.entity) {
        const QString error = m_validators.entity(entity.role, entity.params);
        if (!error.isEmpty()) {
            problem(*roleField, error);
            return;
        }
    }
    m_scenario.entities.append(entity);
}

void ScenarioReader::readTimeline(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    static const QStringList own{u"at"_s, u"caption"_s, u"action"_s, u"name"_s};
    for (const Field &item : *list) {
        const std::optional<Section> s = section(item, own, {u"at"_s, u"action"_s}, true);
        if (!s)
            continue;
        Step step;
        step.where = item.where;
        bool ok = true;
        if (const std::optional<Field> at = s->get(u"at"_s)) {
            const std::optional<qint64> ms = duration(*at);
            ok = ok && ms;
            step.atMs = ms.value_or(0);
        } else {
            ok = false;
        }
        const std::optional<Field> actionField = s->get(u"action"_s);
        if (actionField) {
            const std::optional<QString> action = nonEmptyText(*actionField);
            ok = ok && action;
            step.action = action.value_or(QString());
        } else {
            ok = false;
        }
        if (const std::optional<Field> caption = given(*s, u"caption"_s)) {
            const std::optional<QString> c = text(*caption);
            ok = ok && c;
            step.caption = c.value_or(QString());
        }
        if (const std::optional<Field> nameField = given(*s, u"name"_s)) {
            const std::optional<QString> name = nonEmptyText(*nameField);
            if (name && m_stepNames.contains(*name)) {
                problem(*nameField, u"duplicate step name '%1' (first at %2)"_s.arg(*name, m_stepNames.value(*name).toString()));
                ok = false;
            } else if (name) {
                m_stepNames.insert(*name, nameField->where);
                step.name = *name;
            } else {
                ok = false;
            }
        }
        for (const auto &[key, arg] : s->entries) {
            if (own.contains(key))
                continue;
            const std::optional<QJsonValue> v = value(arg);
            ok = ok && v;
            if (v)
                step.args.insert(key, *v);
        }
        checkReferences(*s, own);
        if (ok && m_validators.step) {
            const QString error = m_validators.step(step.action, step.args);
            if (!error.isEmpty()) {
                problem(*actionField, error);
                ok = false;
            }
        }
        if (ok)
            m_scenario.timeline.append(step);
    }
    std::stable_sort(m_scenario.timeline.begin(), m_scenario.timeline.end(),
                     [](const Step &a, const Step &b) { return a.atMs < b.atMs; });
}

void ScenarioReader::readExpectations(const Field &field)
{
    const std::optional<QList<Field>> list = listOf(field);
    if (!list)
        return;
    static const QStringList own{u"name"_s, u"kind"_s};
    for (const Field &item : *list) {
        const std::optional<Section> s = section(item, own, {u"kind"_s}, true);
        if (!s || !s->get(u"kind"_s))
            continue;
        Expectation expectation;
        expectation.where = item.where;
        const Field kindField = *s->get(u"kind"_s);
        const std::optional<QString> kind = nonEmptyText(kindField);
        bool ok = kind.has_value();
        expectation.kind = kind.value_or(QString());
        if (const std::optional<Field> nameField = given(*s, u"name"_s)) {
            const std::optional<QString> name = nonEmptyText(*nameField);
            ok = ok && name;
            expectation.name = name.value_or(QString());
        } else {
            expectation.name = expectation.kind;
        }
        for (const auto &[key, arg] : s->entries) {
            if (own.contains(key))
                continue;
            const std::optional<QJsonValue> v = value(arg);
            ok = ok && v;
            if (v)
                expectation.args.insert(key, *v);
        }
        checkReferences(*s, own);
        if (ok && m_validators.expectation) {
            const QString error = m_validators.expectation(expectation.kind, expectation.args);
            if (!error.isEmpty()) {
                problem(kindField, error);
                ok = false;
            }
        }
        if (ok)
            m_scenario.expectations.append(expectation);
    }
}

std::optional<Scenario> ScenarioReader::read(const YAML::Node &root, const QMap<QString, QString> &overrides)
{
    const Field top{QString(), root, locateOr(root, SourceLocation{m_file, 1, 1}), {}};
    if (!root.IsDefined() || root.IsNull()) {
        problem(top, u"the file is empty: a scenario is a YAML map with at least a name"_s);
        return std::nullopt;
    }
    static const QStringList sections{u"name"_s, u"description"_s, u"parameters"_s, u"duration"_s,
                                      u"providers"_s, u"map"_s, u"distributions"_s, u"routers"_s,
                                      u"links"_s, u"entities"_s, u"traffic"_s, u"timeline"_s, u"expectations"_s};
    const std::optional<Section> s = section(top, sections, {u"name"_s});
    if (!s)
        return std::nullopt;

    // Parameters first: every other value may refer to them.
    readParameters(s->get(u"parameters"_s), overrides);
    if (const std::optional<Field> name = given(*s, u"name"_s))
        m_scenario.name = nonEmptyText(*name).value_or(QString());
    if (const std::optional<Field> description = given(*s, u"description"_s))
        m_scenario.description = text(*description).value_or(QString());
    // Sections that others refer to come before those that refer to them.
    if (const std::optional<Field> providers = given(*s, u"providers"_s))
        readProviders(*providers);
    if (const std::optional<Field> map = given(*s, u"map"_s))
        readMap(*map);
    if (const std::optional<Field> distributions = given(*s, u"distributions"_s))
        readDistributions(*distributions);
    if (const std::optional<Field> routers = given(*s, u"routers"_s))
        readRouters(*routers);
    if (const std::optional<Field> links = given(*s, u"links"_s))
        readLinks(*links);
    if (const std::optional<Field> entities = given(*s, u"entities"_s))
        readEntities(*entities);
    if (const std::optional<Field> traffic = given(*s, u"traffic"_s))
        readEntities(*traffic);
    if (const std::optional<Field> timeline = given(*s, u"timeline"_s))
        readTimeline(*timeline);
    if (const std::optional<Field> expectations = given(*s, u"expectations"_s))
        readExpectations(*expectations);

    const qint64 lastStepMs = m_scenario.timeline.isEmpty() ? 0 : m_scenario.timeline.last().atMs;
    m_scenario.durationMs = lastStepMs + ScenarioLoader::SettleMs;
    if (const std::optional<Field> durationField = given(*s, u"duration"_s)) {
        if (const std::optional<qint64> ms = duration(*durationField)) {
            if (*ms < lastStepMs) {
                problem(*durationField, u"the run would end at %1 ms, before the last step at %2 ms"_s.arg(*ms).arg(lastStepMs));
            } else if (*ms == 0) {
                problem(*durationField, u"a run needs a duration greater than 0"_s);
            } else {
                m_scenario.durationMs = *ms;
            }
        }
    }

    if (!m_problems.isEmpty())
        return std::nullopt;
    return m_scenario;
}

// A hint for the YAML mistake expressions invite: "{", "[", ": " and " #" mean something
// to YAML, so an expression holding them must be quoted.
QString expressionHint(const QByteArray &yaml, int line)
{
    const QList<QByteArray> lines = yaml.split('\n');
    for (int i = std::max(0, line - 1); i <= line && i < lines.size(); ++i) {
        if (lines.at(i).contains("${"))
            return u" (an expression inside [...] or {...}, or one holding ': ' or ' #', must be quoted: \"${...}\")"_s;
    }
    return {};
}

} // namespace

std::optional<Scenario> ScenarioLoader::loadText(const QByteArray &yaml, const QString &fileName,
                                                 const QMap<QString, QString> &overrides, QList<LoadProblem> *problems,
                                                 const Validators &validators)
{
    QList<LoadProblem> found;
    std::optional<Scenario> scenario;

    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        found.append(LoadProblem{SourceLocation{fileName, line, column},
                                 u"YAML syntax error: "_s + QString::fromStdString(e.msg)
                                     + expressionHint(yaml, e.mark.is_null() ? -1 : e.mark.line)});
    }

    if (found.isEmpty() && documents.size() > 1) {
        const YAML::Mark mark = documents.at(1).Mark();
        found.append(LoadProblem{SourceLocation{fileName, mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1},
                                 u"a scenario file holds one YAML document; this is a second one"_s});
    }
    if (found.isEmpty()) {
        ScenarioReader reader(fileName, validators);
        scenario = reader.read(documents.empty() ? YAML::Node() : documents.front(), overrides);
        found = reader.problems();
        if (scenario)
            scenario->file = fileName;
    }

    std::stable_sort(found.begin(), found.end(), [](const LoadProblem &a, const LoadProblem &b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    if (problems)
        problems->append(found);
    if (!found.isEmpty())
        return std::nullopt;
    return scenario;
}

std::optional<Scenario> ScenarioLoader::loadFile(const QString &path, const QMap<QString, QString> &overrides,
                                                 QList<LoadProblem> *problems, const Validators &validators)
{
    QFile file(path);
    const auto fail = [&](const QString &message) -> std::optional<Scenario> {
        if (problems)
            problems->append(LoadProblem{SourceLocation{path, 0, 0}, message});
        return std::nullopt;
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read the file: %1"_s.arg(file.errorString()));
    if (file.size() > MaxFileSize)
        return fail(u"the file is larger than %1 MiB; a scenario is a short text"_s.arg(MaxFileSize / (1024 * 1024)));
    const QByteArray yaml = file.read(MaxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(u"cannot read the file: %1"_s.arg(file.errorString()));

    std::optional<Scenario> scenario = loadText(yaml, path, overrides, problems, validators);
    if (scenario)
        scenario->file = QFileInfo(path).absoluteFilePath();
    return scenario;
}

} // namespace Portolan::Scenario
