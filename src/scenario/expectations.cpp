#include "scenario/expectations.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

// ---- globs -------------------------------------------------------------------------

// '*' matches any run of characters (including none), '?' any one character. Node ids
// contain no '/', but request names might, so this is not a path glob.
bool globMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

// ---- formatting --------------------------------------------------------------------

QString formatNumber(double v)
{
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 10);
}

QString formatValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double:
        return formatNumber(v.toDouble());
    case QJsonValue::String:
        return u'"' + v.toString() + u'"';
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return u"null"_s;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"a map"_s;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return u"null"_s;
}

// A point in scenario time for a sentence: "250 ms", "10 s", "1.5 s".
QString formatTime(qint64 ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    return formatNumber(double(ms) / 1000.0) + u" s"_s;
}

QString plural(qsizetype n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

// At most `limit` items, then "and N more".
QString listSome(const QStringList &items, qsizetype limit, const QString &separator = u"; "_s)
{
    if (items.size() <= limit)
        return items.join(separator);
    return items.mid(0, limit).join(separator) + separator + u"and %1 more"_s.arg(items.size() - limit);
}

// ---- durations ---------------------------------------------------------------------

// ms as a number, or a string with a unit: "500ms", "10s", "1.5 s", "2m" ("min" too).
std::optional<qint64> parseDuration(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d < 0 || !std::isfinite(d))
            return std::nullopt;
        return qint64(std::llround(d));
    }
    if (!v.isString())
        return std::nullopt;
    static const QRegularExpression re(uR"(^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*$)"_s);
    const QRegularExpressionMatch m = re.match(v.toString());
    if (!m.hasMatch())
        return std::nullopt;
    const double number = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const double factor = unit == "s"_L1 ? 1000.0 : (unit == "m"_L1 || unit == "min"_L1) ? 60000.0 : 1.0;
    return qint64(std::llround(number * factor));
}

// ---- comparisons -------------------------------------------------------------------

enum class Op { Eq, Ne, Lt, Le, Gt, Ge };

std::optional<Op> parseOp(const QString &text)
{
    const QString t = text.trimmed();
    if (t == "=="_L1)
        return Op::Eq;
    if (t == "!="_L1)
        return Op::Ne;
    if (t == "<"_L1)
        return Op::Lt;
    if (t == "<="_L1)
        return Op::Le;
    if (t == ">"_L1)
        return Op::Gt;
    if (t == ">="_L1)
        return Op::Ge;
    return std::nullopt;
}

QString opSymbol(Op op)
{
    switch (op) {
    case Op::Eq:
        return u"=="_s;
    case Op::Ne:
        return u"!="_s;
    case Op::Lt:
        return u"<"_s;
    case Op::Le:
        return u"<="_s;
    case Op::Gt:
        return u">"_s;
    case Op::Ge:
        return u">="_s;
    }
    return {};
}

// What the expectation wanted, for "(expected ...)": "12", "not 0", "<= 500".
QString expectedText(Op op, const QString &value)
{
    if (op == Op::Eq)
        return value;
    if (op == Op::Ne)
        return u"not "_s + value;
    return opSymbol(op) + u' ' + value;
}

// Deep equality where numbers compare numerically (4 == 4.0) and types must agree.
bool jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    if (a.type() != b.type())
        return (a.isNull() || a.isUndefined()) && (b.isNull() || b.isUndefined());
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!jsonEqual(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!y.contains(it.key()) || !jsonEqual(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    return a == b;
}

// actual op expected. Only numbers are ordered; nullopt (with why) when the pair cannot be
// compared with op.
std::optional<bool> compareValues(const QJsonValue &actual, Op op, const QJsonValue &expected, QString *why)
{
    if (actual.isDouble() && expected.isDouble()) {
        const double a = actual.toDouble(), b = expected.toDouble();
        switch (op) {
        case Op::Eq:
            return a == b;
        case Op::Ne:
            return a != b;
        case Op::Lt:
            return a < b;
        case Op::Le:
            return a <= b;
        case Op::Gt:
            return a > b;
        case Op::Ge:
            return a >= b;
        }
    }
    if (op == Op::Eq)
        return jsonEqual(actual, expected);
    if (op == Op::Ne)
        return !jsonEqual(actual, expected);
    *why = u"cannot compare %1 (%2) with %3 (%4) using %5: only numbers are ordered"_s.arg(
        formatValue(actual), typeName(actual), formatValue(expected), typeName(expected), opSymbol(op));
    return std::nullopt;
}

// A note for an unequal pair whose types differ, so "4" vs 4 does not look like a bug.
QString typeNote(const QJsonValue &actual, const QJsonValue &expected)
{
    if (actual.type() == expected.type())
        return {};
    return u" — %1 is never equal to %2"_s.arg(typeName(actual), typeName(expected));
}

// ---- telemetry paths ---------------------------------------------------------------

struct Lookup
{
    bool found = false;
    QJsonValue value;
    QString hint;   // when not found: what is there instead, e.g. "data.inventory has: cutlass"
};

QString keyList(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    if (keys.isEmpty())
        return u"is empty"_s;
    return u"has: "_s + listSome(keys, 10, u", "_s);
}

// Walks a dot path. A key may itself contain dots ("links.r1.rateOut" works, and so does
// a key "v1.2"): at each level the longest run of segments that names a key wins. In a
// list, a segment is an index from 0.
Lookup lookupPath(const QJsonObject &root, const QString &path)
{
    const QStringList segments = path.split(u'.');
    QJsonValue current = root;
    QString walked;
    qsizetype i = 0;
    auto where = [&walked] { return walked.isEmpty() ? u"its telemetry"_s : walked; };
    while (i < segments.size()) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            bool stepped = false;
            for (qsizetype n = segments.size() - i; n >= 1; --n) {
                const QString key = segments.mid(i, n).join(u'.');
                if (object.contains(key)) {
                    current = object.value(key);
                    walked = walked.isEmpty() ? key : walked + u'.' + key;
                    i += n;
                    stepped = true;
                    break;
                }
            }
            if (!stepped)
                return {false, {}, where() + u' ' + keyList(object)};
        } else if (current.isArray()) {
            const QJsonArray list = current.toArray();
            bool isIndex = false;
            const qsizetype index = segments.at(i).toLongLong(&isIndex);
            if (!isIndex || index < 0 || index >= list.size())
                return {false, {}, u"%1 is a list of %2"_s.arg(where(), plural(list.size(), u"entry"_s, u"entries"_s))};
            current = list.at(index);
            walked += u'.' + segments.at(i);
            ++i;
        } else {
            return {false, {}, u"%1 is %2, not a map"_s.arg(where(), formatValue(current))};
        }
    }
    return {true, current, {}};
}

// ---- request status ----------------------------------------------------------------

// An exact status (200) or a class ("2xx").
struct StatusSpec
{
    int exact = 0;
    int klass = 0;

    static std::optional<StatusSpec> parse(const QJsonValue &v)
    {
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (d != std::floor(d) || d < 100 || d > 599)
                return std::nullopt;
            return StatusSpec{int(d), 0};
        }
        if (!v.isString())
            return std::nullopt;
        static const QRegularExpression klassRe(u"^([1-5])xx$"_s, QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression exactRe(u"^[1-5][0-9][0-9]$"_s);
        const QString s = v.toString().trimmed();
        if (const QRegularExpressionMatch m = klassRe.match(s); m.hasMatch())
            return StatusSpec{0, m.captured(1).toInt()};
        if (exactRe.match(s).hasMatch())
            return StatusSpec{s.toInt(), 0};
        return std::nullopt;
    }
    bool matches(int status) const { return exact ? status == exact : status / 100 == klass; }
    QString text() const { return exact ? QString::number(exact) : u"%1xx"_s.arg(klass); }
};

// ---- JSON subsets ------------------------------------------------------------------

// Compares `expected` as a subset of `actual`: maps recursively (extra keys in actual are
// fine), lists and scalars whole. Each expected leaf becomes one "path = value (expected
// x)" sentence, in `matched` or in `mismatched`.
void compareSubset(const QJsonValue &expected, const QJsonValue &actual, const QString &path, QStringList *matched,
                   QStringList *mismatched)
{
    const QString label = path.isEmpty() ? u"body"_s : path;
    if (expected.isObject()) {
        if (!actual.isObject()) {
            mismatched->append(u"%1 is %2, expected a map"_s.arg(label, typeName(actual)));
            return;
        }
        const QJsonObject want = expected.toObject();
        const QJsonObject have = actual.toObject();
        for (auto it = want.begin(); it != want.end(); ++it) {
            const QString child = path.isEmpty() ? it.key() : path + u'.' + it.key();
            if (!have.contains(it.key())) {
                mismatched->append(u"no %1 (expected %2)"_s.arg(child, formatValue(it.value())));
                continue;
            }
            compareSubset(it.value(), have.value(it.key()), child, matched, mismatched);
        }
        return;
    }
    const QString sentence = u"%1 = %2 (expected %3)"_s.arg(label, formatValue(actual), formatValue(expected));
    if (jsonEqual(actual, expected))
        matched->append(sentence);
    else
        mismatched->append(sentence + typeNote(actual, expected));
}

// ---- scenario time → run time ------------------------------------------------------

// Windows in expectations are written in scenario time; the record is in run time (ms
// since the run started, node start-up included, at --speed, with pauses). Steps the
// clock fired tie the two together: (plannedMs, firedMs) pairs, interpolated between and
// extrapolated past the last at the average rate. Before the first step, the timeline is
// taken to have started when every node was ready.
class RunClock
{
public:
    explicit RunClock(const RunRecord &record)
    {
        QList<QPair<double, double>> fired;
        for (const StepRecord &s : record.steps) {
            if (!s.manual)
                fired.append({double(s.plannedMs), double(s.firedMs)});
        }
        std::stable_sort(fired.begin(), fired.end());
        const bool stepAtZero = !fired.isEmpty() && fired.first().first <= 0;
        if (!stepAtZero)
            m_anchors.append({0.0, double(record.readyAfterMs)});
        for (const auto &anchor : std::as_const(fired)) {
            if (m_anchors.isEmpty()
                || (anchor.first > m_anchors.last().first && anchor.second >= m_anchors.last().second))
                m_anchors.append(anchor);
        }
    }

    qint64 toRunMs(qint64 scenarioMs) const
    {
        const double s = double(scenarioMs);
        const auto &first = m_anchors.first();
        const auto &last = m_anchors.last();
        if (s <= first.first)
            return qint64(std::llround(first.second - (first.first - s)));
        for (qsizetype i = 0; i + 1 < m_anchors.size(); ++i) {
            const auto &a = m_anchors.at(i);
            const auto &b = m_anchors.at(i + 1);
            if (s <= b.first)
                return qint64(std::llround(a.second + (s - a.first) * (b.second - a.second) / (b.first - a.first)));
        }
        const double rate = last.first > first.first ? (last.second - first.second) / (last.first - first.first) : 1.0;
        return qint64(std::llround(last.second + (s - last.first) * rate));
    }

private:
    QList<QPair<double, double>> m_anchors;   // (scenario ms, run ms), both increasing
};

// An optional [from, to] window in scenario time, for sentences and for filtering.
struct Window
{
    std::optional<qint64> from;
    std::optional<qint64> to;
    qint64 runFrom = std::numeric_limits<qint64>::min();
    qint64 runTo = std::numeric_limits<qint64>::max();

    Window(const QJsonObject &args, const RunRecord &record)
    {
        if (args.contains("from"_L1))
            from = parseDuration(args.value("from"_L1));
        if (args.contains("to"_L1))
            to = parseDuration(args.value("to"_L1));
        if (from || to) {
            const RunClock clock(record);
            if (from)
                runFrom = clock.toRunMs(*from);
            if (to)
                runTo = clock.toRunMs(*to);
        }
    }
    bool contains(qint64 runMs) const { return runMs >= runFrom && runMs <= runTo; }
    QString text() const
    {
        if (from && to)
            return u" between %1 and %2"_s.arg(formatTime(*from), formatTime(*to));
        if (from)
            return u" after %1"_s.arg(formatTime(*from));
        if (to)
            return u" before %1"_s.arg(formatTime(*to));
        return {};
    }
};

// ---- nodes -------------------------------------------------------------------------

// Every node id the run knows of, sorted: the scenario's routers and entities, nodes
// added by the timeline, and whatever reported final telemetry.
QStringList knownNodes(const Scenario &scenario, const RunRecord &record)
{
    QSet<QString> ids;
    for (const Router &r : scenario.routers)
        ids.insert(r.id);
    for (const Entity &e : scenario.entities)
        ids.insert(e.id);
    for (const Step &s : scenario.timeline) {
        if (s.action == "add-node"_L1)
            ids.insert(s.args.value("entity"_L1).toObject().value("id"_L1).toString());
    }
    for (auto it = record.finalTelemetry.constBegin(); it != record.finalTelemetry.constEnd(); ++it)
        ids.insert(it.key());
    ids.remove(QString());
    QStringList list(ids.begin(), ids.end());
    list.sort();
    return list;
}

QStringList matchingNodes(const QString &glob, const Scenario &scenario, const RunRecord &record)
{
    QStringList out;
    const QStringList nodes = knownNodes(scenario, record);
    for (const QString &id : nodes) {
        if (globMatch(glob, id))
            out.append(id);
    }
    return out;
}

QString noTelemetry(const QString &node, const Scenario &scenario, const RunRecord &record)
{
    if (knownNodes(scenario, record).contains(node))
        return u"no final telemetry from node \"%1\""_s.arg(node);
    return u"no node \"%1\" in the scenario"_s.arg(node);
}

// A value read from one node: the value, its label for sentences, or why it is missing.
struct NodeValue
{
    bool found = false;
    QJsonValue value;
    QString label;     // "store-4 data.holds"
    QString problem;
};

NodeValue readNode(const QString &node, const QString &path, const Scenario &scenario, const RunRecord &record)
{
    NodeValue out;
    out.label = node + u' ' + path;
    const auto it = record.finalTelemetry.constFind(node);
    if (it == record.finalTelemetry.constEnd()) {
        out.problem = noTelemetry(node, scenario, record);
        return out;
    }
    const Lookup lookup = lookupPath(it.value(), path);
    if (!lookup.found) {
        out.problem = u"%1 has no %2 (%3)"_s.arg(node, path, lookup.hint);
        return out;
    }
    out.found = true;
    out.value = lookup.value;
    return out;
}

// The sum of a numeric path over the nodes a glob matches. Nodes without the path are
// left out (a "*" sweeps in routers that have no counters.handled); a matching node with
// no telemetry at all makes the sum unknowable and is an error.
struct NodeSum
{
    bool ok = false;
    double sum = 0;
    int contributors = 0;
    QString label;     // "data.holds over store-* (12 nodes)"
    QString problem;
};

NodeSum sumOver(const QString &glob, const QString &path, const Scenario &scenario, const RunRecord &record)
{
    NodeSum out;
    const QStringList nodes = matchingNodes(glob, scenario, record);
    if (nodes.isEmpty()) {
        out.problem = u"no node matches \"%1\""_s.arg(glob);
        return out;
    }
    QStringList silent;
    for (const QString &node : nodes) {
        const auto it = record.finalTelemetry.constFind(node);
        if (it == record.finalTelemetry.constEnd()) {
            silent.append(node);
            continue;
        }
        const Lookup lookup = lookupPath(it.value(), path);
        if (!lookup.found)
            continue;
        if (!lookup.value.isDouble()) {
            out.problem = u"%1 %2 is %3, not a number"_s.arg(node, path, formatValue(lookup.value));
            return out;
        }
        out.sum += lookup.value.toDouble();
        ++out.contributors;
    }
    if (!silent.isEmpty()) {
        out.problem = u"no final telemetry from %1, so the sum of %2 over %3 is unknown"_s.arg(
            listSome(silent, 5, u", "_s), path, glob);
        return out;
    }
    if (out.contributors == 0) {
        out.problem = u"no node matching \"%1\" reports %2"_s.arg(glob, path);
        return out;
    }
    out.ok = true;
    out.label = u"%1 over %2 (%3)"_s.arg(path, glob, plural(out.contributors, u"node"_s, u"nodes"_s));
    return out;
}

// ---- argument rules ----------------------------------------------------------------

enum class ArgType {
    Text,        // non-empty string
    Glob,        // non-empty string pattern
    Path,        // dot path without empty segments
    Op,          // == != < <= > >=
    Status,      // 200 or "2xx"
    Any,         // any JSON value
    Number,      // a number
    Object,      // a map
    Duration,    // ms or "10s"
    Count,       // integer >= 0
    NodeRef,     // {node, path}
    SumRef,      // {nodes, path}
    Stat,        // max min last mean count
    Percentile,  // p50 p99
};

struct ArgRule
{
    QString name;
    ArgType type;
    bool required;
};

struct Outcome
{
    bool passed = false;
    QString detail;
};

using Evaluate = Outcome (*)(const QJsonObject &args, const Scenario &scenario, const RunRecord &record);
using Check = QString (*)(const QJsonObject &args);   // cross-argument rules

struct KindRule
{
    QString name;
    QList<ArgRule> args;
    QString description;
    Check check;
    Evaluate evaluate;
};

const QStringList &stats()
{
    static const QStringList list{u"max"_s, u"min"_s, u"last"_s, u"mean"_s, u"count"_s};
    return list;
}

bool isCount(const QJsonValue &v)
{
    const double d = v.toDouble(-1);
    return v.isDouble() && d >= 0 && d == std::floor(d) && d <= double(std::numeric_limits<int>::max());
}

bool isPath(const QJsonValue &v)
{
    if (!v.isString() || v.toString().isEmpty())
        return false;
    const QStringList segments = v.toString().split(u'.');
    return std::none_of(segments.begin(), segments.end(), [](const QString &s) { return s.isEmpty(); });
}

bool isText(const QJsonValue &v)
{
    return v.isString() && !v.toString().trimmed().isEmpty();
}

QString argProblem(const ArgRule &rule, const QJsonValue &v)
{
    const QString &n = rule.name;
    switch (rule.type) {
    case ArgType::Text:
        return isText(v) ? QString() : u"\"%1\" must be a non-empty string"_s.arg(n);
    case ArgType::Glob:
        return isText(v) ? QString() : u"\"%1\" must be a name or a pattern such as \"store-*\""_s.arg(n);
    case ArgType::Path:
        return isPath(v) ? QString() : u"\"%1\" must be a dot path such as \"data.inventory.cutlass\""_s.arg(n);
    case ArgType::Op:
        return v.isString() && parseOp(v.toString()) ? QString()
                                                     : u"\"%1\" must be one of ==, !=, <, <=, >, >= (got %2)"_s.arg(
                                                           n, formatValue(v));
    case ArgType::Status:
        return StatusSpec::parse(v) ? QString()
                                    : u"\"%1\" must be an HTTP status such as 200 or a class such as \"2xx\" (got %2)"_s
                                          .arg(n, formatValue(v));
    case ArgType::Any:
        return {};
    case ArgType::Number:
        return v.isDouble() ? QString() : u"\"%1\" must be a number (got %2)"_s.arg(n, formatValue(v));
    case ArgType::Object:
        return v.isObject() ? QString() : u"\"%1\" must be a map"_s.arg(n);
    case ArgType::Duration:
        return parseDuration(v) ? QString()
                                : u"\"%1\" must be a duration: ms, or a string such as \"500ms\" or \"10s\" (got %2)"_s
                                      .arg(n, formatValue(v));
    case ArgType::Count:
        return isCount(v) ? QString() : u"\"%1\" must be a non-negative integer (got %2)"_s.arg(n, formatValue(v));
    case ArgType::NodeRef: {
        const QJsonObject o = v.toObject();
        if (!v.isObject() || !isText(o.value("node"_L1)) || !isPath(o.value("path"_L1)) || o.size() != 2)
            return u"\"%1\" must be a map {node, path}"_s.arg(n);
        return {};
    }
    case ArgType::SumRef: {
        const QJsonObject o = v.toObject();
        if (!v.isObject() || !isText(o.value("nodes"_L1)) || !isPath(o.value("path"_L1)) || o.size() != 2)
            return u"\"%1\" must be a map {nodes, path}"_s.arg(n);
        return {};
    }
    case ArgType::Stat:
        return v.isString() && stats().contains(v.toString())
                   ? QString()
                   : u"\"%1\" must be one of %2 (got %3)"_s.arg(n, stats().join(u", "_s), formatValue(v));
    case ArgType::Percentile:
        return v == QJsonValue(u"p50"_s) || v == QJsonValue(u"p99"_s)
                   ? QString()
                   : u"\"%1\" must be p50 or p99 (got %2)"_s.arg(n, formatValue(v));
    }
    return {};
}

Op opArg(const QJsonObject &args, Op fallback = Op::Eq)
{
    return args.contains("op"_L1) ? parseOp(args.value("op"_L1).toString()).value_or(fallback) : fallback;
}

QString exactlyOneOf(const QJsonObject &args, const QStringList &names)
{
    const auto present = std::count_if(names.begin(), names.end(), [&](const QString &n) { return args.contains(n); });
    if (present == 1)
        return {};
    QStringList quoted;
    for (const QString &n : names)
        quoted.append(u'"' + n + u'"');
    return u"give exactly one of %1"_s.arg(quoted.join(u", "_s));
}

QString windowCheck(const QJsonObject &args)
{
    const auto from = parseDuration(args.value("from"_L1));
    const auto to = parseDuration(args.value("to"_L1));
    if (args.contains("from"_L1) && args.contains("to"_L1) && from && to && *from > *to)
        return u"\"from\" (%1) is after \"to\" (%2)"_s.arg(formatTime(*from), formatTime(*to));
    return {};
}

// ---- kinds -------------------------------------------------------------------------

QString requestLabel(const RequestRecord &r)
{
    const QString what = u"%1 %2 via %3"_s.arg(r.method, r.path, r.router);
    return r.name.isEmpty() ? what : u"%1 (%2)"_s.arg(r.name, what);
}

bool answered(const RequestRecord &r)
{
    return r.answeredMs >= 0 && r.status > 0;
}

QString noAnswer(const RequestRecord &r)
{
    return u"no answer (%1)"_s.arg(r.error.isEmpty() ? u"still waiting when the run ended"_s : r.error);
}

Outcome evaluateRequest(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString name = args.value("request"_L1).toString();
    const RequestRecord *r = record.request(name);
    if (!r) {
        const bool planned = std::any_of(scenario.timeline.begin(), scenario.timeline.end(), [&](const Step &s) {
            return s.name == name && s.action == "request"_L1;
        });
        return {false, planned ? u"request \"%1\" was never sent"_s.arg(name)
                               : u"no request step named \"%1\" in the timeline"_s.arg(name)};
    }
    if (!answered(*r))
        return {false, u"%1: %2"_s.arg(requestLabel(*r), noAnswer(*r))};

    bool passed = true;
    QStringList parts;
    const StatusSpec status = StatusSpec::parse(args.value("status"_L1)).value_or(StatusSpec{0, 2});
    if (status.matches(r->status)) {
        parts.append(u"status %1"_s.arg(r->status));
    } else {
        passed = false;
        parts.append(u"status %1 (expected %2)"_s.arg(QString::number(r->status), status.text()));
    }
    const qint64 latency = r->answeredMs - r->sentMs;
    if (args.contains("maxLatencyMs"_L1)) {
        const qint64 max = parseDuration(args.value("maxLatencyMs"_L1)).value_or(0);
        if (latency <= max) {
            parts.append(u"answered in %1 ms (at most %2 ms)"_s.arg(latency).arg(max));
        } else {
            passed = false;
            parts.append(u"answered in %1 ms (expected at most %2 ms)"_s.arg(latency).arg(max));
        }
    } else {
        parts.append(u"answered in %1 ms"_s.arg(latency));
    }
    if (args.contains("json"_L1)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r->body, &error);
        if (error.error != QJsonParseError::NoError) {
            passed = false;
            parts.append(u"the answer body is not JSON: \"%1\""_s.arg(QString::fromUtf8(r->body.left(80)).simplified()));
        } else {
            const QJsonValue body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            QStringList matched, mismatched;
            compareSubset(args.value("json"_L1), body, {}, &matched, &mismatched);
            if (!mismatched.isEmpty())
                passed = false;
            parts.append(mismatched);
            parts.append(matched);
        }
    }
    return {passed, parts.join(u", "_s)};
}

Outcome evaluateEveryRequestAnswered(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString glob = args.value("names"_L1).toString(u"*"_s);
    const StatusSpec status = StatusSpec::parse(args.value("status"_L1)).value_or(StatusSpec{0, 2});
    // -1: no bound (validate() made sure a given bound parses).
    const qint64 maxLatency = parseDuration(args.value("maxLatencyMs"_L1)).value_or(-1);
    int total = 0;
    QStringList failures;
    QSet<QString> sentNames;
    for (const RequestRecord &r : record.requests) {
        sentNames.insert(r.name);
        if (!globMatch(glob, r.name))
            continue;
        ++total;
        if (!answered(r)) {
            failures.append(u"%1: %2"_s.arg(requestLabel(r), noAnswer(r)));
        } else if (!status.matches(r.status)) {
            failures.append(u"%1: status %2"_s.arg(requestLabel(r), QString::number(r.status)));
        } else if (maxLatency >= 0 && r.answeredMs - r.sentMs > maxLatency) {
            failures.append(u"%1: answered in %2 ms"_s.arg(requestLabel(r), QString::number(r.answeredMs - r.sentMs)));
        }
    }
    // A request step that never went out was not answered either.
    for (const Step &s : scenario.timeline) {
        if (s.action == "request"_L1 && !s.name.isEmpty() && !sentNames.contains(s.name) && globMatch(glob, s.name)) {
            ++total;
            failures.append(u"%1: never sent"_s.arg(s.name));
        }
    }
    const QString criterion = u"with %1%2"_s.arg(status.text(), maxLatency >= 0 ? u" within %1 ms"_s.arg(maxLatency)
                                                                                 : QString());
    if (total == 0)
        return {false, args.contains("names"_L1) ? u"no request matched \"%1\""_s.arg(glob) : u"no requests were sent"_s};
    if (failures.isEmpty())
        return {true, total == 1 ? u"the one request was answered %1"_s.arg(criterion)
                                 : u"all %1 requests were answered %2"_s.arg(QString::number(total), criterion)};
    return {false, u"%1 of %2 answered %3; %4"_s.arg(total - failures.size()).arg(
                       plural(total, u"request"_s, u"requests"_s), criterion, listSome(failures, 3))};
}

Outcome compareOutcome(const NodeValue &actual, Op op, const QJsonValue &expected, const QString &expectedLabel)
{
    QString why;
    const std::optional<bool> result = compareValues(actual.value, op, expected, &why);
    if (!result)
        return {false, u"%1: %2"_s.arg(actual.label, why)};
    QString detail = u"%1 = %2 (expected %3)"_s.arg(actual.label, formatValue(actual.value), expectedText(op, expectedLabel));
    if (!*result && op == Op::Eq)
        detail += typeNote(actual.value, expected);
    return {*result, detail};
}

Outcome evaluateTelemetry(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const NodeValue actual = readNode(args.value("node"_L1).toString(), args.value("path"_L1).toString(), scenario, record);
    if (!actual.found)
        return {false, actual.problem};
    const Op op = opArg(args);
    if (args.contains("than"_L1)) {
        const QJsonObject than = args.value("than"_L1).toObject();
        const NodeValue other = readNode(than.value("node"_L1).toString(), than.value("path"_L1).toString(), scenario,
                                         record);
        if (!other.found)
            return {false, other.problem};
        return compareOutcome(actual, op, other.value, u"%1 = %2"_s.arg(other.label, formatValue(other.value)));
    }
    const QJsonValue value = args.value("value"_L1);
    return compareOutcome(actual, op, value, formatValue(value));
}

Outcome evaluateSum(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const NodeSum sum = sumOver(args.value("nodes"_L1).toString(), args.value("path"_L1).toString(), scenario, record);
    if (!sum.ok)
        return {false, sum.problem};
    NodeValue actual{true, sum.sum, u"sum of "_s + sum.label, {}};
    const Op op = opArg(args);
    if (args.contains("than"_L1)) {
        const QJsonObject than = args.value("than"_L1).toObject();
        const NodeValue other = readNode(than.value("node"_L1).toString(), than.value("path"_L1).toString(), scenario,
                                         record);
        if (!other.found)
            return {false, other.problem};
        return compareOutcome(actual, op, other.value, u"%1 = %2"_s.arg(other.label, formatValue(other.value)));
    }
    if (args.contains("thanSum"_L1)) {
        const QJsonObject than = args.value("thanSum"_L1).toObject();
        const NodeSum other = sumOver(than.value("nodes"_L1).toString(), than.value("path"_L1).toString(), scenario,
                                      record);
        if (!other.ok)
            return {false, other.problem};
        return compareOutcome(actual, op, other.sum, u"sum of %1 = %2"_s.arg(other.label, formatNumber(other.sum)));
    }
    const QJsonValue value = args.value("value"_L1);
    return compareOutcome(actual, op, value, formatValue(value));
}

// The optional checks of an "events" expectation across its matching events, in the order
// they were recorded: "unique" (no two share a value of that field: a job finished once)
// and "increasing" (the field's number rises strictly, per value of "per" when given: the
// versions of one contract arrive in order). detail starts with ", " when not empty.
struct EventSequenceCheck
{
    bool passed = true;
    QString detail;
};

EventSequenceCheck checkEventSequence(const QJsonObject &args, const QList<const RecordedEvent *> &events)
{
    EventSequenceCheck out;
    QStringList parts;
    if (args.contains("unique"_L1)) {
        const QString field = args.value("unique"_L1).toString();
        QHash<QString, int> seen;
        QStringList order;   // first-seen order, so the detail names duplicates as they came
        int missing = 0;
        for (const RecordedEvent *e : events) {
            if (!e->fields.contains(field)) {
                ++missing;
                continue;
            }
            const QString value = formatValue(e->fields.value(field));
            if (seen[value]++ == 0)
                order.append(value);
        }
        QStringList repeated;
        for (const QString &value : std::as_const(order)) {
            if (seen.value(value) > 1)
                repeated.append(u"%1 %2 times"_s.arg(value).arg(seen.value(value)));
        }
        if (missing > 0) {
            out.passed = false;
            parts.append(u"%1 without %2"_s.arg(plural(missing, u"event"_s, u"events"_s), field));
        }
        if (repeated.isEmpty()) {
            parts.append(u"%1 distinct %2"_s.arg(QString::number(order.size()), field));
        } else {
            out.passed = false;
            parts.append(u"%1 repeated: %2"_s.arg(field, listSome(repeated, 5, u", "_s)));
        }
    }
    if (args.contains("increasing"_L1)) {
        const QString field = args.value("increasing"_L1).toString();
        const QString per = args.value("per"_L1).toString();
        QHash<QString, double> last;
        QStringList broken;
        int missing = 0;
        for (const RecordedEvent *e : events) {
            const QJsonValue value = e->fields.value(field);
            if (!value.isDouble() || (!per.isEmpty() && !e->fields.contains(per))) {
                ++missing;
                continue;
            }
            const QString group = per.isEmpty() ? QString() : formatValue(e->fields.value(per));
            const auto previous = last.constFind(group);
            if (previous != last.constEnd() && value.toDouble() <= previous.value())
                broken.append(u"%1%2 after %3"_s.arg(per.isEmpty() ? QString() : per + u' ' + group + u": "_s,
                                                     formatNumber(value.toDouble()), formatNumber(previous.value())));
            last.insert(group, value.toDouble());
        }
        if (missing > 0) {
            out.passed = false;
            parts.append(u"%1 without a numeric %2%3"_s.arg(plural(missing, u"event"_s, u"events"_s), field,
                                                           per.isEmpty() ? QString() : u" and a "_s + per));
        }
        const QString scope = per.isEmpty() ? QString() : u" per %1 over %2"_s.arg(per, QString::number(last.size()));
        if (broken.isEmpty()) {
            parts.append(u"%1 increasing%2"_s.arg(field, scope));
        } else {
            out.passed = false;
            parts.append(u"%1 out of order%2: %3"_s.arg(field, scope, listSome(broken, 5, u", "_s)));
        }
    }
    if (!parts.isEmpty())
        out.detail = u", "_s + parts.join(u", "_s);
    return out;
}

Outcome evaluateEvents(const QJsonObject &args, const Scenario &, const RunRecord &record)
{
    const QString kind = args.value("event"_L1).toString();
    const QString node = args.value("node"_L1).toString();
    const QJsonObject fields = args.value("fields"_L1).toObject();
    const Window window(args, record);
    int count = 0;
    QList<const RecordedEvent *> matching;
    for (const RecordedEvent &e : record.events) {
        if (!globMatch(kind, e.kind) || (!node.isEmpty() && !globMatch(node, e.node)) || !window.contains(e.atMs))
            continue;
        if (!fields.isEmpty()) {
            QStringList matched, mismatched;
            compareSubset(fields, e.fields, {}, &matched, &mismatched);
            if (!mismatched.isEmpty())
                continue;
        }
        ++count;
        matching.append(&e);
    }
    const bool hasMin = args.contains("min"_L1), hasMax = args.contains("max"_L1);
    const int min = hasMin ? args.value("min"_L1).toInt() : hasMax ? 0 : 1;
    const int max = hasMax ? args.value("max"_L1).toInt() : std::numeric_limits<int>::max();
    QString wanted;
    if (hasMin && hasMax && min == max)
        wanted = u"exactly %1"_s.arg(min);
    else if (hasMin && hasMax)
        wanted = u"between %1 and %2"_s.arg(min).arg(max);
    else if (hasMax)
        wanted = u"at most %1"_s.arg(max);
    else
        wanted = u"at least %1"_s.arg(min);
    QStringList fieldTexts;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        fieldTexts.append(u"%1 = %2"_s.arg(it.key(), formatValue(it.value())));
    const QString detail = u"%1 %2 %3%4%5%6 (expected %7)"_s.arg(
        QString::number(count), kind, count == 1 ? u"event"_s : u"events"_s,
        node.isEmpty() ? QString() : u" from "_s + node,
        fieldTexts.isEmpty() ? QString() : u" with "_s + fieldTexts.join(u", "_s), window.text(), wanted);
    const EventSequenceCheck sequence = checkEventSequence(args, matching);
    return {count >= min && count <= max && sequence.passed, detail + sequence.detail};
}

Outcome evaluateNoAckedLoss(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString glob = args.value("producers"_L1).toString(u"*"_s);
    int producers = 0;
    double sent = 0;
    QStringList problems;
    const QStringList nodes = matchingNodes(glob, scenario, record);
    for (const QString &node : nodes) {
        const auto it = record.finalTelemetry.constFind(node);
        if (it == record.finalTelemetry.constEnd())
            continue;
        const QJsonObject counters = it.value().value("counters"_L1).toObject();
        if (!counters.value("sent"_L1).isDouble())
            continue;
        ++producers;
        const double s = counters.value("sent"_L1).toDouble();
        const double settled = counters.value("settled"_L1).toDouble();
        const double refused = counters.value("refused"_L1).toDouble();
        sent += s;
        if (settled != s || refused != 0)
            problems.append(u"%1 sent %2 but %3 settled and %4 refused"_s.arg(node, formatNumber(s), formatNumber(settled),
                                                                              formatNumber(refused)));
    }
    if (producers == 0)
        return {false, u"no node matching \"%1\" reports counters.sent"_s.arg(glob)};
    if (problems.isEmpty())
        return {true, u"%1 sent %2, every one settled, none refused"_s.arg(
                          plural(producers, u"producer"_s, u"producers"_s),
                          plural(qsizetype(sent), u"message"_s, u"messages"_s))};
    return {false, u"%1 of %2 did not settle everything: %3"_s.arg(QString::number(problems.size()),
                                                                   plural(producers, u"producer"_s, u"producers"_s),
                                                                   listSome(problems, 3))};
}

Outcome evaluateExactlyOnce(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString consumerPath = args.value("path"_L1).toString(u"counters.handled"_s);
    const NodeSum produced = sumOver(args.value("producers"_L1).toString(), u"counters.settled"_s, scenario, record);
    if (!produced.ok)
        return {false, produced.problem};
    const NodeSum consumed = sumOver(args.value("consumers"_L1).toString(), consumerPath, scenario, record);
    if (!consumed.ok)
        return {false, consumed.problem};
    const QString handled = consumerPath == "counters.handled"_L1
                                ? u"handled %1"_s.arg(formatNumber(consumed.sum))
                                : u"%1 = %2"_s.arg(consumerPath, formatNumber(consumed.sum));
    QString detail = u"consumers %1 %2, producers %3 settled %4"_s.arg(args.value("consumers"_L1).toString(), handled,
                                                                      args.value("producers"_L1).toString(),
                                                                      formatNumber(produced.sum));
    const double difference = consumed.sum - produced.sum;
    if (difference > 0)
        detail += u": %1 handled more than once"_s.arg(formatNumber(difference));
    else if (difference < 0)
        detail += u": %1 settled but never handled"_s.arg(formatNumber(-difference));
    return {difference == 0, detail};
}

Outcome evaluateMetric(const QJsonObject &args, const Scenario &, const RunRecord &record)
{
    const QString node = args.value("node"_L1).toString();
    const QString metric = args.value("metric"_L1).toString();
    const QString stat = args.value("stat"_L1).toString();
    const Window window(args, record);
    QList<double> values;
    QSet<QString> metricsOfNode;
    for (const MetricSample &s : record.metrics) {
        if (s.node != node)
            continue;
        metricsOfNode.insert(s.metric);
        if (s.metric == metric && window.contains(s.atMs))
            values.append(s.value);
    }
    double result = double(values.size());
    if (stat != "count"_L1) {
        if (values.isEmpty()) {
            if (metricsOfNode.isEmpty())
                return {false, u"no metric samples from node \"%1\""_s.arg(node)};
            if (!metricsOfNode.contains(metric)) {
                QStringList names(metricsOfNode.begin(), metricsOfNode.end());
                names.sort();
                return {false, u"%1 has no metric %2 (it has: %3)"_s.arg(node, metric, listSome(names, 10, u", "_s))};
            }
            return {false, u"no samples of %1 on %2%3"_s.arg(metric, node, window.text())};
        }
        if (stat == "max"_L1)
            result = *std::max_element(values.begin(), values.end());
        else if (stat == "min"_L1)
            result = *std::min_element(values.begin(), values.end());
        else if (stat == "last"_L1)
            result = values.last();
        else
            result = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    }
    const Op op = opArg(args);
    const QJsonValue expected = args.value("value"_L1);
    QString why;
    const bool passed = compareValues(result, op, expected, &why).value_or(false);
    return {passed, u"%1 of %2 on %3%4 = %5 over %6 (expected %7)"_s.arg(
                        stat, metric, node, window.text(), formatNumber(result),
                        plural(values.size(), u"sample"_s, u"samples"_s), expectedText(op, formatValue(expected)))};
}

Outcome evaluateLatency(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString node = args.value("node"_L1).toString();
    const QString percentile = args.value("percentile"_L1).toString(u"p99"_s);
    const QString path = percentile == "p50"_L1 ? u"data.latencyP50Ms"_s : u"data.latencyP99Ms"_s;
    const NodeValue value = readNode(node, path, scenario, record);
    if (!value.found)
        return {false, value.problem + u"; latency is measured by generator nodes"_s};
    const NodeValue samples = readNode(node, u"data.latencySamples"_s, scenario, record);
    const double sampleCount = samples.found ? samples.value.toDouble() : 0;
    if (sampleCount <= 0)
        return {false, u"%1 had no settled messages, so it has no latency to judge"_s.arg(node)};
    const Op op = opArg(args, Op::Le);
    const qint64 limit = parseDuration(args.value("value"_L1)).value_or(0);
    QString why;
    const bool passed = compareValues(value.value, op, double(limit), &why).value_or(false);
    return {passed, u"%1 %2 settlement latency = %3 ms over the last %4 (expected %5 ms)"_s.arg(
                        node, percentile, formatValue(value.value),
                        plural(qsizetype(sampleCount), u"message"_s, u"messages"_s),
                        expectedText(op, QString::number(limit)))};
}

Outcome evaluateStepsOk(const QJsonObject &, const Scenario &scenario, const RunRecord &record)
{
    const qsizetype planned = scenario.timeline.size();
    QSet<int> fired;
    QStringList failures;
    for (const StepRecord &s : record.steps) {
        fired.insert(s.index);
        if (!s.ok)
            failures.append(u"step %1 (%2 at %3) failed: %4"_s.arg(QString::number(s.index + 1), s.action,
                                                                   formatTime(s.plannedMs), s.detail));
    }
    QStringList missing;
    for (int i = 0; i < planned; ++i) {
        if (!fired.contains(i))
            missing.append(QString::number(i + 1));
    }
    if (failures.isEmpty() && missing.isEmpty()) {
        if (planned == 0)
            return {true, u"the timeline has no steps"_s};
        return {true, planned == 1 ? u"the one step ran"_s : u"all %1 steps ran"_s.arg(planned)};
    }
    QStringList parts;
    if (!missing.isEmpty())
        parts.append(u"%1 of %2 ran; %3 never fired"_s.arg(QString::number(planned - missing.size()),
                                                           plural(planned, u"step"_s, u"steps"_s),
                                                           (missing.size() == 1 ? u"step "_s : u"steps "_s)
                                                               + listSome(missing, 10, u", "_s)));
    parts.append(failures);
    return {false, listSome(parts, 4)};
}

// The run itself, as RunRecord has it: how many processes it started (nodes added by
// the timeline included), how long until every one was ready, how long it ran.
const QStringList &runFields()
{
    static const QStringList fields{u"processCount"_s, u"readyAfterMs"_s, u"durationMs"_s};
    return fields;
}

Outcome evaluateRun(const QJsonObject &args, const Scenario &, const RunRecord &record)
{
    const QString field = args.value("field"_L1).toString();
    double actual = 0;
    if (field == "processCount"_L1)
        actual = record.processCount;
    else if (field == "readyAfterMs"_L1)
        actual = double(record.readyAfterMs);
    else
        actual = double(record.endedAtMs - record.startedAtMs);
    const Op op = opArg(args);
    const QJsonValue expected = args.value("value"_L1);
    QString why;
    const bool passed = compareValues(actual, op, expected, &why).value_or(false);
    return {passed, u"%1 = %2 (expected %3): %4 started, all ready after %5"_s.arg(
                        field, formatNumber(actual), expectedText(op, formatValue(expected)),
                        plural(record.processCount, u"process"_s, u"processes"_s), formatTime(record.readyAfterMs))};
}

// Every node a glob matches (or, with min / max, that many of them) reports a value that
// compares with value: "every router runs 2.0.0", "at least two devices did a job".
Outcome evaluateNodes(const QJsonObject &args, const Scenario &scenario, const RunRecord &record)
{
    const QString glob = args.value("nodes"_L1).toString();
    const QString path = args.value("path"_L1).toString();
    const QStringList nodes = matchingNodes(glob, scenario, record);
    if (nodes.isEmpty())
        return {false, u"no node matches \"%1\""_s.arg(glob)};
    const Op op = opArg(args);
    const QJsonValue expected = args.value("value"_L1);
    int holding = 0;
    QStringList others;
    for (const QString &node : nodes) {
        const NodeValue actual = readNode(node, path, scenario, record);
        if (!actual.found) {
            others.append(actual.problem);
            continue;
        }
        QString why;
        if (compareValues(actual.value, op, expected, &why).value_or(false))
            ++holding;
        else
            others.append(why.isEmpty() ? u"%1 = %2"_s.arg(actual.label, formatValue(actual.value)) : why);
    }
    const bool hasMin = args.contains("min"_L1), hasMax = args.contains("max"_L1);
    const qsizetype min = hasMin ? args.value("min"_L1).toInt() : (hasMax ? 0 : nodes.size());
    const qsizetype max = hasMax ? args.value("max"_L1).toInt() : nodes.size();
    QString wanted;
    if (!hasMin && !hasMax)
        wanted = u"all"_s;
    else if (hasMin && hasMax)
        wanted = min == max ? u"exactly %1"_s.arg(min) : u"between %1 and %2"_s.arg(min).arg(max);
    else
        wanted = hasMin ? u"at least %1"_s.arg(min) : u"at most %1"_s.arg(max);
    QString detail = u"%1 of %2 matching \"%3\" have %4 %5 %6 (expected %7)"_s.arg(
        QString::number(holding), plural(nodes.size(), u"node"_s, u"nodes"_s), glob, path, opSymbol(op),
        formatValue(expected), wanted);
    if (!others.isEmpty())
        detail += u"; "_s + listSome(others, 3);
    return {holding >= min && holding <= max, detail};
}

// ---- the table ---------------------------------------------------------------------

QString checkValueOrThan(const QJsonObject &args)
{
    return exactlyOneOf(args, {u"value"_s, u"than"_s});
}

QString checkSum(const QJsonObject &args)
{
    return exactlyOneOf(args, {u"value"_s, u"than"_s, u"thanSum"_s});
}

QString checkEvents(const QJsonObject &args)
{
    if (args.contains("per"_L1) && !args.contains("increasing"_L1))
        return u"\"per\" only goes with \"increasing\""_s;
    if (args.contains("min"_L1) && args.contains("max"_L1) && args.value("min"_L1).toInt() > args.value("max"_L1).toInt())
        return u"\"min\" (%1) is more than \"max\" (%2)"_s.arg(args.value("min"_L1).toInt()).arg(args.value("max"_L1).toInt());
    return windowCheck(args);
}

QString checkMetric(const QJsonObject &args)
{
    return windowCheck(args);
}

QString checkNothing(const QJsonObject &)
{
    return {};
}

QString checkRun(const QJsonObject &args)
{
    if (!runFields().contains(args.value("field"_L1).toString()))
        return u"\"field\" must be one of %1 (got %2)"_s.arg(runFields().join(u", "_s),
                                                             formatValue(args.value("field"_L1)));
    return {};
}

QString checkNodes(const QJsonObject &args)
{
    if (args.contains("min"_L1) && args.contains("max"_L1) && args.value("min"_L1).toInt() > args.value("max"_L1).toInt())
        return u"\"min\" (%1) is more than \"max\" (%2)"_s.arg(args.value("min"_L1).toInt()).arg(args.value("max"_L1).toInt());
    return {};
}

const QList<KindRule> &kindRules()
{
    static const QList<KindRule> rules{
        {u"request"_s,
         {{u"request"_s, ArgType::Text, true}, {u"status"_s, ArgType::Status, false}, {u"json"_s, ArgType::Any, false},
          {u"maxLatencyMs"_s, ArgType::Duration, false}},
         u"the named request step got an answer with the status (default \"2xx\"), within maxLatencyMs, whose JSON "
         u"body contains json (maps compared key by key, lists whole, numbers numerically)"_s,
         checkNothing, evaluateRequest},
        {u"every-request-answered"_s,
         {{u"names"_s, ArgType::Glob, false}, {u"status"_s, ArgType::Status, false},
          {u"maxLatencyMs"_s, ArgType::Duration, false}},
         u"every request (or those whose step name matches names) was sent and answered with the status "
         u"(default \"2xx\") and within maxLatencyMs"_s,
         checkNothing, evaluateEveryRequestAnswered},
        {u"telemetry"_s,
         {{u"node"_s, ArgType::Text, true}, {u"path"_s, ArgType::Path, true}, {u"op"_s, ArgType::Op, false},
          {u"value"_s, ArgType::Any, false}, {u"than"_s, ArgType::NodeRef, false}},
         u"a value in the node's final telemetry, compared with op (default ==) to value or to another node's "
         u"value (than: {node, path})"_s,
         checkValueOrThan, evaluateTelemetry},
        {u"sum"_s,
         {{u"nodes"_s, ArgType::Glob, true}, {u"path"_s, ArgType::Path, true}, {u"op"_s, ArgType::Op, false},
          {u"value"_s, ArgType::Number, false}, {u"than"_s, ArgType::NodeRef, false},
          {u"thanSum"_s, ArgType::SumRef, false}},
         u"the sum of a numeric telemetry path over the matching nodes (nodes without the path are left out), "
         u"compared with op to value, to one node's value (than) or to another sum (thanSum: {nodes, path})"_s,
         checkSum, evaluateSum},
        {u"events"_s,
         {{u"event"_s, ArgType::Glob, true}, {u"node"_s, ArgType::Glob, false}, {u"fields"_s, ArgType::Object, false},
          {u"min"_s, ArgType::Count, false}, {u"max"_s, ArgType::Count, false}, {u"from"_s, ArgType::Duration, false},
          {u"to"_s, ArgType::Duration, false}, {u"unique"_s, ArgType::Text, false},
          {u"increasing"_s, ArgType::Text, false}, {u"per"_s, ArgType::Text, false}},
         u"the number of recorded events of that kind (from matching nodes, with those fields, in the window) is "
         u"between min and max; at least 1 when neither is given; with unique, no two of them share that field's "
         u"value; with increasing, that numeric field rises strictly in recorded order (per value of per)"_s,
         checkEvents, evaluateEvents},
        {u"no-acked-loss"_s, {{u"producers"_s, ArgType::Glob, false}},
         u"every matching node that sent messages (counters.sent) had all of them settled and none refused"_s,
         checkNothing, evaluateNoAckedLoss},
        {u"exactly-once"_s,
         {{u"producers"_s, ArgType::Glob, true}, {u"consumers"_s, ArgType::Glob, true}, {u"path"_s, ArgType::Path, false}},
         u"the consumers handled (path, default counters.handled) exactly as many messages as the producers "
         u"had settled (counters.settled)"_s,
         checkNothing, evaluateExactlyOnce},
        {u"metric"_s,
         {{u"node"_s, ArgType::Text, true}, {u"metric"_s, ArgType::Text, true}, {u"stat"_s, ArgType::Stat, true},
          {u"op"_s, ArgType::Op, false}, {u"value"_s, ArgType::Number, true}, {u"from"_s, ArgType::Duration, false},
          {u"to"_s, ArgType::Duration, false}},
         u"a statistic (max, min, last, mean, count) of a node's sampled metric, e.g. queues./orders, in an "
         u"optional window of scenario time, compared with op to value"_s,
         checkMetric, evaluateMetric},
        {u"latency"_s,
         {{u"node"_s, ArgType::Text, true}, {u"value"_s, ArgType::Duration, true},
          {u"percentile"_s, ArgType::Percentile, false}, {u"op"_s, ArgType::Op, false}},
         u"a generator's settlement latency percentile (p50 or p99, default p99) over its newest messages, "
         u"compared with op (default <=) to value in ms"_s,
         checkNothing, evaluateLatency},
        {u"steps-ok"_s, {}, u"every timeline step fired and did what it said"_s, checkNothing, evaluateStepsOk},
        {u"run"_s,
         {{u"field"_s, ArgType::Text, true}, {u"op"_s, ArgType::Op, false}, {u"value"_s, ArgType::Number, true}},
         u"a number of the run itself (processCount: processes started, nodes added by the timeline included; "
         u"readyAfterMs: from start until every node was ready and routing converged; durationMs) compared with "
         u"op (default ==) to value"_s,
         checkRun, evaluateRun},
        {u"nodes"_s,
         {{u"nodes"_s, ArgType::Glob, true}, {u"path"_s, ArgType::Path, true}, {u"op"_s, ArgType::Op, false},
          {u"value"_s, ArgType::Any, true}, {u"min"_s, ArgType::Count, false}, {u"max"_s, ArgType::Count, false}},
         u"every node matching nodes (or between min and max of them) has a final telemetry value at path that "
         u"compares with op (default ==) to value"_s,
         checkNodes, evaluateNodes},
    };
    return rules;
}

const KindRule *findKind(const QString &name)
{
    for (const KindRule &rule : kindRules()) {
        if (rule.name == name)
            return &rule;
    }
    return nullptr;
}

} // namespace

QList<ExpectationEvaluator::KindSpec> ExpectationEvaluator::kinds()
{
    QList<KindSpec> specs;
    for (const KindRule &rule : kindRules()) {
        KindSpec spec{rule.name, {}, {}, rule.description};
        for (const ArgRule &arg : rule.args)
            (arg.required ? spec.required : spec.optional).append(arg.name);
        specs.append(spec);
    }
    return specs;
}

QString ExpectationEvaluator::validate(const Expectation &e)
{
    return validate(e.kind, e.args);
}

QString ExpectationEvaluator::validate(const QString &kind, const QJsonObject &args)
{
    if (kind.isEmpty())
        return u"an expectation needs a \"kind\""_s;
    const KindRule *rule = findKind(kind);
    if (!rule) {
        QStringList names;
        for (const KindRule &r : kindRules())
            names.append(r.name);
        return u"unknown expectation kind \"%1\" (known: %2)"_s.arg(kind, names.join(u", "_s));
    }
    // The expectation's own fields may be left in args by a loader; they are no arguments.
    static const QStringList ownFields{u"name"_s, u"kind"_s};
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (ownFields.contains(it.key()))
            continue;
        const bool known = std::any_of(rule->args.begin(), rule->args.end(),
                                       [&](const ArgRule &a) { return a.name == it.key(); });
        if (!known) {
            QStringList expected;
            for (const ArgRule &a : rule->args)
                expected.append(a.name);
            return u"%1: unknown argument \"%2\" (%3)"_s.arg(
                kind, it.key(), expected.isEmpty() ? u"it takes none"_s : u"expected " + expected.join(u", "_s));
        }
    }
    for (const ArgRule &arg : rule->args) {
        if (!args.contains(arg.name)) {
            if (arg.required)
                return u"%1 needs \"%2\""_s.arg(kind, arg.name);
            continue;
        }
        const QString problem = argProblem(arg, args.value(arg.name));
        if (!problem.isEmpty())
            return kind + u": "_s + problem;
    }
    const QString problem = rule->check(args);
    return problem.isEmpty() ? QString() : kind + u": "_s + problem;
}

ExpectationResult ExpectationEvaluator::evaluate(const Expectation &e, const Scenario &scenario, const RunRecord &record)
{
    ExpectationResult result{e.name, e.kind, false, {}};
    const QString problem = validate(e);
    if (!problem.isEmpty()) {
        result.detail = u"not checked: "_s + problem;
        return result;
    }
    const Outcome outcome = findKind(e.kind)->evaluate(e.args, scenario, record);
    result.passed = outcome.passed;
    result.detail = outcome.detail;
    return result;
}

QList<ExpectationResult> ExpectationEvaluator::evaluate(const Scenario &scenario, const RunRecord &record)
{
    QList<ExpectationResult> results;
    results.reserve(scenario.expectations.size());
    for (const Expectation &e : scenario.expectations)
        results.append(evaluate(e, scenario, record));
    return results;
}

} // namespace Portolan::Scenario
