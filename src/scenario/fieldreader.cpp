#include "scenario/fieldreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

constexpr int MaxDepth = 64;
constexpr qint64 MaxResolvedValues = 5'000'000;   // a repeat of 10,000 with big params stays well below
constexpr qint64 MaxTimeMs = 1'000'000'000'000;   // about 31 years: beyond that, a typo
constexpr qsizetype MaxQuoted = 40;

QString numberText(double number)
{
    if (std::trunc(number) == number && std::abs(number) < 1e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

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

// The 1-based character column of a 0-based byte column: yaml-cpp counts bytes, editors
// count characters, and the two differ on lines with accents or emoji.

} // namespace

FieldReader::FieldReader(const QString &fileName, const QList<QByteArray> &lines)
    : m_file(fileName)
    , m_lines(lines)
{
}

// ---- words ---------------------------------------------------------------------------

// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
int FieldReader::editDistance(QStringView a, QStringView b)
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
QString FieldReader::didYouMean(const QString &word, const QStringList &candidates)
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

QString FieldReader::clipped(const QString &text)
{
    return text.size() <= MaxQuoted ? text : text.left(MaxQuoted) + u"..."_s;
}

// A value as text, the way string interpolation and text fields see it.
QString FieldReader::stringify(const QJsonValue &value)
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
QString FieldReader::describe(const QJsonValue &value)
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

int FieldReader::characterColumn(const QList<QByteArray> &lines, int line, int byteColumn)
{
    if (line < 0 || line >= lines.size())
        return byteColumn + 1;
    const QByteArray before = lines.at(line).left(byteColumn);
    const bool ascii = std::all_of(before.begin(), before.end(), [](char c) { return uchar(c) < 0x80; });
    return ascii ? byteColumn + 1 : int(QString::fromUtf8(before).size()) + 1;
}

// ---- locations and problems -----------------------------------------------------------

std::optional<SourceLocation> FieldReader::locate(const YAML::Mark &mark) const
{
    if (mark.is_null() || mark.line < 0)
        return std::nullopt;
    return SourceLocation{m_file, mark.line + 1, characterColumn(m_lines, mark.line, mark.column)};
}

SourceLocation FieldReader::locateOr(const YAML::Node &node, const SourceLocation &fallback) const
{
    // An empty value's mark points past it (to the next line): its key is the better place.
    if (!node.IsDefined() || node.IsNull())
        return fallback;
    return locate(node.Mark()).value_or(fallback);
}

void FieldReader::problemAt(const SourceLocation &where, const QString &message)
{
    const QString key = where.toString() + u'\n' + message;
    if (m_problemKeys.contains(key))
        return;
    m_problemKeys.insert(key);
    m_problems.append(LoadProblem{where, message});
}

void FieldReader::problem(const Field &field, const QString &message)
{
    QString full = field.path.isEmpty() ? message : field.path + u": "_s + message;
    if (m_iteration)
        full += u" (with i=%1)"_s.arg(*m_iteration);
    problemAt(field.where, full);
}

// ---- structure ---------------------------------------------------------------------------

Field FieldReader::child(const Field &parent, const QString &key, const YAML::Node &keyNode,
                         const YAML::Node &value) const
{
    const SourceLocation keyWhere = locate(keyNode.Mark()).value_or(parent.where);
    return Field{parent.path.isEmpty() ? key : parent.path + u'.' + key, value, locateOr(value, keyWhere), {}};
}

Field FieldReader::element(const Field &parent, qsizetype index, const YAML::Node &value) const
{
    return Field{parent.path + u"[%1]"_s.arg(index), value, locateOr(value, parent.where), {}};
}

std::optional<Section> FieldReader::section(const Field &field, const QStringList &known, const QStringList &required,
                                            bool otherKeysAllowed)
{
    if (field.computed || !field.node.IsMap()) {
        const std::optional<Resolved> got =
            field.computed ? std::optional<Resolved>(Resolved{*field.computed, {}, field.where}) : resolve(field);
        problem(field, u"expected a map with the keys %1, got %2"_s.arg(
                           known.join(u", "_s), got ? describe(got->value) : u"something else"_s));
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
std::optional<Field> FieldReader::given(const Section &section, const QString &key)
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

std::optional<QList<Field>> FieldReader::listOf(const Field &field)
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

std::optional<QList<Field>> FieldReader::items(const Field &field)
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

void FieldReader::forEachInstance(const Field &item, const std::function<void(const Field &)> &read)
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

std::optional<Resolved> FieldReader::resolveScalar(const Field &field)
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

std::optional<Resolved> FieldReader::resolve(const Field &field, int depth)
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

std::optional<QJsonValue> FieldReader::value(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    return resolved->value;
}

std::optional<QString> FieldReader::text(const Field &field)
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

std::optional<QString> FieldReader::nonEmptyText(const Field &field)
{
    const std::optional<QString> result = text(field);
    if (result && result->trimmed().isEmpty()) {
        problem(field, u"must not be empty"_s);
        return std::nullopt;
    }
    return result;
}

std::optional<QString> FieldReader::id(const Field &field)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
    const std::optional<QString> result = text(field);
    if (!result)
        return std::nullopt;
    // Ids name processes, their databases and log files: keep them to safe characters.
    if (!pattern.match(*result).hasMatch()) {
        problem(field,
                u"'%1' is no usable id: use letters, digits, '-', '_' and '.', starting with a letter or digit"_s.arg(
                    clipped(*result)));
        return std::nullopt;
    }
    return result;
}

std::optional<qint64> FieldReader::integer(const Field &field, qint64 min, qint64 max)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    const QJsonValue &v = resolved->value;
    const double d = v.toDouble();
    if (v.isDouble() && std::trunc(d) == d && d >= double(min) && d <= double(max))
        return qint64(d);

    QString expected;
    if (min == 0 && max == MaxInt32)
        expected = u"a non-negative integer"_s;
    else if (max == std::numeric_limits<qint64>::max())
        expected = u"an integer of at least %1"_s.arg(min);
    else
        expected = u"an integer from %1 to %2"_s.arg(min).arg(max);
    problem(field, u"expected %1, got %2"_s.arg(expected, describe(v)));
    return std::nullopt;
}

std::optional<double> FieldReader::number(const Field &field, double min, bool minExclusive)
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

std::optional<bool> FieldReader::boolean(const Field &field)
{
    const std::optional<Resolved> resolved = resolve(field);
    if (!resolved)
        return std::nullopt;
    if (resolved->value.isBool())
        return resolved->value.toBool();
    problem(field, u"expected true or false, got %1"_s.arg(describe(resolved->value)));
    return std::nullopt;
}

std::optional<qint64> FieldReader::duration(const Field &field)
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
        problem(field,
                u"bad time %1: write a number of milliseconds or a number with ms, s, m or h "
                u"(250ms, 2s, 1.5s, 1m)"_s.arg(v.isString() ? u"'%1'"_s.arg(clipped(v.toString())) : describe(v)));
        return std::nullopt;
    }
    return qint64(std::llround(*ms));
}

std::optional<QPointF> FieldReader::point(const Field &field)
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

std::optional<QString> FieldReader::choice(const Field &field, const QStringList &choices)
{
    const std::optional<QString> result = text(field);
    if (!result)
        return std::nullopt;
    if (choices.contains(*result))
        return result;
    problem(field,
            u"'%1' is none of %2%3"_s.arg(clipped(*result), choices.join(u", "_s), didYouMean(*result, choices)));
    return std::nullopt;
}

} // namespace Portolan::Scenario
