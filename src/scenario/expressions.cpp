#include "scenario/expressions.h"

#include <QJSEngine>
#include <QJSValueIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

// Interrupts the engine when one evaluation outlives the time limit. One thread per
// Expressions object polls a few times per limit; arming and disarming are single atomic
// stores, so the thousands of evaluations of a large repeat cost no thread wake-ups.
// QJSEngine::setInterrupted() is documented as thread safe for exactly this use.
class EvaluationWatchdog
{
public:
    EvaluationWatchdog(QJSEngine &engine, std::chrono::milliseconds limit)
        : m_engine(engine)
        , m_limit(limit)
        , m_poll(std::max(std::chrono::milliseconds(1), limit / 4))
        , m_thread([this] { watch(); })
    {
    }

    ~EvaluationWatchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

    void arm() { m_startedAt.store(now()); }

    // Returns whether the engine had to be interrupted; it runs again afterwards.
    bool disarm()
    {
        if (m_startedAt.exchange(Idle) != Interrupting)
            return false;
        // The watchdog set the flag under the mutex: clear it only once it has.
        std::lock_guard lock(m_mutex);
        m_engine.setInterrupted(false);
        return true;
    }

private:
    static constexpr qint64 Idle = 0;
    static constexpr qint64 Interrupting = -1;

    static qint64 now()
    {
        // Never Idle or Interrupting: the steady clock's epoch lies well in the past.
        return std::max<qint64>(
            1, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
                   .count());
    }

    void watch()
    {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, m_poll, [this] { return m_quit; })) {
            qint64 startedAt = m_startedAt.load();
            if (startedAt <= Idle || now() - startedAt < std::chrono::nanoseconds(m_limit).count())
                continue;
            // Only if that same evaluation is still running.
            if (m_startedAt.compare_exchange_strong(startedAt, Interrupting))
                m_engine.setInterrupted(true);
        }
    }

    QJSEngine &m_engine;
    const std::chrono::milliseconds m_limit;
    const std::chrono::milliseconds m_poll;
    std::atomic<qint64> m_startedAt{Idle};   // steady ns of the running evaluation
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_quit = false;
    std::thread m_thread;   // last: starts once everything above is initialised
};

namespace {

constexpr int MaxValueDepth = 64;
constexpr qsizetype MaxQuotedLength = 60;

// Words JavaScript reserves; a parameter with such a name could never be referred to.
const QSet<QString> &reservedWords()
{
    static const QSet<QString> words{
        u"await"_s,    u"break"_s,   u"case"_s,       u"catch"_s,     u"class"_s,     u"const"_s,  u"continue"_s,
        u"debugger"_s, u"default"_s, u"delete"_s,     u"do"_s,        u"else"_s,      u"enum"_s,   u"export"_s,
        u"extends"_s,  u"false"_s,   u"finally"_s,    u"for"_s,       u"function"_s,  u"if"_s,     u"implements"_s,
        u"import"_s,   u"in"_s,      u"instanceof"_s, u"interface"_s, u"let"_s,       u"new"_s,    u"null"_s,
        u"package"_s,  u"private"_s, u"protected"_s,  u"public"_s,    u"return"_s,    u"static"_s, u"super"_s,
        u"switch"_s,   u"this"_s,    u"throw"_s,      u"true"_s,      u"try"_s,       u"typeof"_s, u"var"_s,
        u"void"_s,     u"while"_s,   u"with"_s,       u"yield"_s,     u"arguments"_s, u"eval"_s,
    };
    return words;
}

QString quoted(QStringView expression)
{
    if (expression.size() <= MaxQuotedLength)
        return u"${%1}"_s.arg(expression);
    return u"${%1...}"_s.arg(expression.left(MaxQuotedLength));
}

QJSValue toScript(QJSEngine &engine, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QJSValue(QJSValue::NullValue);
    case QJsonValue::Bool:
        return QJSValue(value.toBool());
    case QJsonValue::Double:
        return QJSValue(value.toDouble());
    case QJsonValue::String:
        return QJSValue(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QJSValue list = engine.newArray(uint(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            list.setProperty(quint32(i), toScript(engine, array.at(i)));
        return list;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJSValue map = engine.newObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            map.setProperty(it.key(), toScript(engine, it.value()));
        return map;
    }
    case QJsonValue::Undefined:
        break;
    }
    return QJSValue(QJSValue::UndefinedValue);
}

// A number as JSON: integral values stay exact integers, so that 3 compares equal to a
// plain YAML 3 and prints without a fraction.
QJsonValue numberToJson(double number)
{
    constexpr double exactLimit = 9007199254740992.0;   // 2^53
    if (std::trunc(number) == number && std::abs(number) <= exactLimit)
        return QJsonValue(qint64(number));
    return QJsonValue(number);
}

std::optional<QJsonValue> toJson(const QJSValue &value, QString *error, int depth = 0)
{
    if (depth > MaxValueDepth) {
        *error = u"the value is nested too deeply"_s;
        return std::nullopt;
    }
    if (value.isUndefined()) {
        *error = u"the expression has no value (undefined)"_s;
        return std::nullopt;
    }
    if (value.isNull())
        return QJsonValue(QJsonValue::Null);
    if (value.isBool())
        return QJsonValue(value.toBool());
    if (value.isNumber()) {
        const double number = value.toNumber();
        if (!std::isfinite(number)) {
            *error = u"the value is not a finite number (%1)"_s.arg(value.toString());
            return std::nullopt;
        }
        return numberToJson(number);
    }
    if (value.isString())
        return QJsonValue(value.toString());
    if (value.isCallable()) {
        *error = u"the value is a function, not data"_s;
        return std::nullopt;
    }
    if (value.isDate())
        return QJsonValue(value.toDateTime().toString(Qt::ISODateWithMs));
    if (value.isRegExp() || value.isVariant() || value.isQObject() || value.isQMetaObject())
        return QJsonValue(value.toString());
    if (value.isArray()) {
        QJsonArray array;
        const quint32 length = value.property(u"length"_s).toUInt();
        for (quint32 i = 0; i < length; ++i) {
            const std::optional<QJsonValue> element = toJson(value.property(i), error, depth + 1);
            if (!element)
                return std::nullopt;
            array.append(*element);
        }
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        QJSValueIterator it(value);
        while (it.hasNext()) {
            it.next();
            const std::optional<QJsonValue> member = toJson(it.value(), error, depth + 1);
            if (!member)
                return std::nullopt;
            object.insert(it.name(), *member);
        }
        return object;
    }
    *error = u"the value has no JSON form"_s;
    return std::nullopt;
}

struct Part
{
    bool expression = false;
    QString text;   // literal text, or the expression's source
};

std::optional<QList<Part>> split(QStringView text, QString *error)
{
    QList<Part> parts;
    QString literal;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype dollar = text.indexOf(u"${"_s, i);
        if (dollar < 0) {
            literal += text.mid(i);
            break;
        }
        if (dollar > 0 && text.at(dollar - 1) == u'$') {
            // "$${" is the escape for a literal "${".
            literal += text.mid(i, dollar - 1 - i) + u"${"_s;
            i = dollar + 2;
            continue;
        }
        literal += text.mid(i, dollar - i);
        const qsizetype end = Expressions::closingBrace(text, dollar + 2);
        if (end < 0) {
            *error = u"unterminated expression: '%1' has no closing '}'"_s.arg(text.mid(dollar, MaxQuotedLength));
            return std::nullopt;
        }
        const QString expression = text.mid(dollar + 2, end - dollar - 2).toString();
        if (expression.trimmed().isEmpty()) {
            *error = u"empty expression ${}"_s;
            return std::nullopt;
        }
        if (!literal.isEmpty())
            parts.append(Part{false, std::exchange(literal, QString())});
        parts.append(Part{true, expression});
        i = end + 1;
    }
    if (!literal.isEmpty() || parts.isEmpty())
        parts.append(Part{false, literal});
    return parts;
}

Expressions::Result failure(const QString &error)
{
    return Expressions::Result{QJsonValue(QJsonValue::Undefined), error};
}

} // namespace

Expressions::Expressions(std::chrono::milliseconds timeLimit)
    : m_engine(std::make_unique<QJSEngine>())
    , m_timeLimit(timeLimit)
{
    // No installExtensions(): the engine offers ECMAScript's own globals (Math, JSON,
    // String, ...) and the scenario's parameters, nothing from Qt or the host.
}

Expressions::~Expressions()
{
    // The watchdog holds a reference to the engine: it stops first.
    m_watchdog.reset();
}

void Expressions::setGlobal(const QString &name, const QJsonValue &value)
{
    m_engine->globalObject().setProperty(name, toScript(*m_engine, value));
    m_names.insert(name);
}

void Expressions::removeGlobal(const QString &name)
{
    m_engine->globalObject().deleteProperty(name);
    m_names.remove(name);
}

bool Expressions::isUsableName(const QString &name, QString *why) const
{
    static const QRegularExpression identifier(u"^[A-Za-z_$][A-Za-z0-9_$]*$"_s);
    QString reason;
    if (!identifier.match(name).hasMatch())
        reason =
            u"'%1' is not a name expressions can use: letters, digits, '_' and '$', not starting with a digit"_s.arg(
                name);
    else if (reservedWords().contains(name))
        reason = u"'%1' is a reserved word of JavaScript"_s.arg(name);
    else if (!m_names.contains(name) && m_engine->globalObject().hasProperty(name))
        reason = u"'%1' would hide JavaScript's own '%1'"_s.arg(name);
    if (why)
        *why = reason;
    return reason.isEmpty();
}

QJSValue Expressions::run(const QString &expression, QString *error)
{
    if (expression.trimmed().isEmpty()) {
        *error = u"empty expression"_s;
        return {};
    }
    // Each expression is compiled once, into a function that reads the globals when it is
    // called: a repeat evaluates the same few expressions thousands of times. The line
    // break lets a trailing "// comment" end before the closing parenthesis.
    auto compiled = m_compiled.constFind(expression);
    if (compiled == m_compiled.constEnd()) {
        const QJSValue function = m_engine->evaluate(u"(function () { return ("_s + expression + u"\n); })"_s);
        if (function.isError()) {
            *error = function.toString();
            return {};
        }
        compiled = m_compiled.insert(expression, function);
    }
    if (!m_watchdog)
        m_watchdog = std::make_unique<EvaluationWatchdog>(*m_engine, m_timeLimit);

    m_watchdog->arm();
    QJSValue value = compiled->call();
    const bool interrupted = m_watchdog->disarm();
    if (value.isError()) {
        *error = interrupted ? u"took longer than %1 ms and was stopped; expressions are for small calculations"_s.arg(
                     m_timeLimit.count())
                             : value.toString();
        return {};
    }
    return value;
}

Expressions::Result Expressions::evaluate(const QString &expression)
{
    QString error;
    const QJSValue value = run(expression, &error);
    if (!error.isEmpty())
        return failure(error);
    std::optional<QJsonValue> json = toJson(value, &error);
    if (!json)
        return failure(error);
    return Result{*json, {}};
}

Expressions::Result Expressions::substitute(const QString &text)
{
    QString error;
    const std::optional<QList<Part>> parts = split(text, &error);
    if (!parts)
        return failure(error);

    if (parts->size() == 1 && parts->first().expression) {
        const Result result = evaluate(parts->first().text);
        if (!result.ok())
            return failure(u"in %1: %2"_s.arg(quoted(parts->first().text), result.error));
        return result;
    }

    QString out;
    for (const Part &part : *parts) {
        if (!part.expression) {
            out += part.text;
            continue;
        }
        const QJSValue value = run(part.text, &error);
        if (error.isEmpty() && value.isUndefined())
            error = u"the expression has no value (undefined)"_s;
        if (error.isEmpty() && value.isCallable())
            error = u"the value is a function, not data"_s;
        if (!error.isEmpty())
            return failure(u"in %1: %2"_s.arg(quoted(part.text), error));
        out += value.toString();
    }
    return Result{QJsonValue(out), {}};
}

// Braces nest (object literals) and quoted JavaScript strings may hold any brace, so both
// are skipped.
qsizetype Expressions::closingBrace(QStringView text, qsizetype from)
{
    int depth = 0;
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'"' || c == u'\'' || c == u'`') {
            for (++i; i < text.size() && text.at(i) != c; ++i) {
                if (text.at(i) == u'\\')
                    ++i;
            }
            if (i >= text.size())
                return -1;
        } else if (c == u'{') {
            ++depth;
        } else if (c == u'}') {
            if (depth == 0)
                return i;
            --depth;
        }
    }
    return -1;
}

bool Expressions::containsExpression(QStringView text)
{
    return text.contains(u"${"_s);
}

} // namespace Portolan::Scenario
