#include "scenario/timeline.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

// A step due at 10000 ms must fire at the wall time msUntilNext() promised, even when
// scaled floating-point time lands a hair below 10000.
constexpr double DueEpsilonMs = 1e-6;

enum class ArgType {
    Text,          // a non-empty string
    Address,       // a string starting with '/'
    Method,        // an HTTP method token
    LinkPair,      // [a, b]: two different node ids
    Count,         // an integer >= 0
    Flag,          // true / false
    Body,          // an object, an array or a string
    Headers,       // an object of string values
    Object,        // any object
    EntityDecl,    // an entity as written in the scenario file
};

struct ArgRule
{
    QString name;
    ArgType type;
    bool required;
};

struct ActionRule
{
    QString name;
    QList<ArgRule> args;
    QString description;
};

// The single source of truth for actions: actions() and validate() both read it.
const QList<ActionRule> &actionRules()
{
    static const QList<ActionRule> rules{
        {u"request"_s,
         {{u"router"_s, ArgType::Text, true}, {u"path"_s, ArgType::Address, true},
          {u"method"_s, ArgType::Method, false}, {u"body"_s, ArgType::Body, false},
          {u"headers"_s, ArgType::Headers, false}, {u"replyTo"_s, ArgType::Address, false},
          {u"deadlineMs"_s, ArgType::Count, false}},
         u"sends an HTTP request (method GET unless given) through the router's ingress and records "
         u"the answer; name the step so expectations can check it"_s},
        {u"cut-link"_s, {{u"link"_s, ArgType::LinkPair, true}, {u"silent"_s, ArgType::Flag, false}},
         u"cuts the link between two routers; silent keeps the socket open so the peer notices only "
         u"by missed hellos"_s},
        {u"restore-link"_s, {{u"link"_s, ArgType::LinkPair, true}}, u"lifts a cut; the link comes back when redialled"_s},
        {u"set-cost"_s, {{u"link"_s, ArgType::LinkPair, true}, {u"cost"_s, ArgType::Count, true}},
         u"sets the link's cost on both ends; routes are recomputed"_s},
        {u"set-latency"_s, {{u"link"_s, ArgType::LinkPair, true}, {u"ms"_s, ArgType::Count, true}},
         u"delays everything sent on the link, both ways, by ms"_s},
        {u"fail-node"_s, {{u"node"_s, ArgType::Text, true}},
         u"the node goes dark: its links close and stay closed until restore-node; the process lives"_s},
        {u"restore-node"_s, {{u"node"_s, ArgType::Text, true}}, u"undoes fail-node"_s},
        {u"kill-node"_s, {{u"node"_s, ArgType::Text, true}}, u"kills the node's process with SIGKILL"_s},
        {u"restart-node"_s, {{u"node"_s, ArgType::Text, true}},
         u"starts the node's process again, on the same ports and database"_s},
        {u"upgrade-node"_s, {{u"node"_s, ArgType::Text, true}, {u"version"_s, ArgType::Text, true}},
         u"drains the node, then restarts it reporting the given software version"_s},
        {u"provider-down"_s, {{u"provider"_s, ArgType::Text, true}}, u"cuts every router link of a backbone provider"_s},
        {u"provider-up"_s, {{u"provider"_s, ArgType::Text, true}}, u"restores every router link of a provider"_s},
        {u"add-node"_s, {{u"entity"_s, ArgType::EntityDecl, true}},
         u"starts a new entity, declared as in the entities list, and attaches it to its router"_s},
        {u"remove-node"_s, {{u"node"_s, ArgType::Text, true}}, u"stops the node's process cleanly"_s},
        {u"command"_s,
         {{u"node"_s, ArgType::Text, true}, {u"command"_s, ArgType::Text, true}, {u"args"_s, ArgType::Object, false}},
         u"sends any control command (docs/protocol.md 2.9) to a node"_s},
        {u"caption"_s, {}, u"only shows its caption"_s},
    };
    return rules;
}

const ActionRule *findAction(const QString &name)
{
    for (const ActionRule &rule : actionRules()) {
        if (rule.name == name)
            return &rule;
    }
    return nullptr;
}

bool isCount(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= 0 && d <= double(std::numeric_limits<int>::max()) && d == std::floor(d);
}

bool isNonEmptyString(const QJsonValue &v)
{
    return v.isString() && !v.toString().trimmed().isEmpty();
}

// An HTTP method is a token: letters only is all Portolan's ingress needs.
bool isMethod(const QJsonValue &v)
{
    if (!v.isString() || v.toString().isEmpty())
        return false;
    const QString s = v.toString();
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.isLetter() && c.unicode() < 128; });
}

// What is wrong with an add-node entity; "" when it is usable.
QString entityProblem(const QJsonObject &e)
{
    static const QStringList known{u"id"_s, u"role"_s, u"router"_s, u"routers"_s, u"position"_s,
                                   u"params"_s, u"label"_s};
    for (auto it = e.begin(); it != e.end(); ++it) {
        if (!known.contains(it.key()))
            return u"\"entity\" has an unknown field \"%1\" (expected %2)"_s.arg(it.key(), known.join(u", "_s));
    }
    if (!isNonEmptyString(e.value("id"_L1)))
        return u"\"entity\" needs an \"id\""_s;
    if (!isNonEmptyString(e.value("role"_L1)))
        return u"\"entity\" needs a \"role\""_s;
    const bool hasRouter = e.contains("router"_L1);
    const bool hasRouters = e.contains("routers"_L1);
    if (hasRouter == hasRouters)
        return u"\"entity\" needs exactly one of \"router\" or \"routers\""_s;
    if (hasRouter && !isNonEmptyString(e.value("router"_L1)))
        return u"\"entity.router\" must be a router id"_s;
    if (hasRouters) {
        const QJsonValue routers = e.value("routers"_L1);
        const QJsonArray list = routers.toArray();
        if (!routers.isArray() || list.isEmpty()
            || !std::all_of(list.begin(), list.end(), [](const QJsonValue &r) { return isNonEmptyString(r); }))
            return u"\"entity.routers\" must be a non-empty list of router ids"_s;
    }
    if (e.contains("params"_L1) && !e.value("params"_L1).isObject())
        return u"\"entity.params\" must be a map"_s;
    if (e.contains("position"_L1)) {
        const QJsonArray pos = e.value("position"_L1).toArray();
        if (pos.size() != 2 || !pos.at(0).isDouble() || !pos.at(1).isDouble())
            return u"\"entity.position\" must be [x, y]"_s;
    }
    return {};
}

// What is wrong with one argument's value; "" when it fits its type.
QString argProblem(const ArgRule &rule, const QJsonValue &v)
{
    const QString &n = rule.name;
    switch (rule.type) {
    case ArgType::Text:
        return isNonEmptyString(v) ? QString() : u"\"%1\" must be a non-empty string"_s.arg(n);
    case ArgType::Address:
        return v.isString() && v.toString().startsWith(u'/') ? QString()
                                                             : u"\"%1\" must be an address starting with '/'"_s.arg(n);
    case ArgType::Method:
        return isMethod(v) ? QString() : u"\"%1\" must be an HTTP method such as GET or POST"_s.arg(n);
    case ArgType::LinkPair: {
        const QJsonArray pair = v.toArray();
        if (!v.isArray() || pair.size() != 2 || !isNonEmptyString(pair.at(0)) || !isNonEmptyString(pair.at(1)))
            return u"\"%1\" must be a pair of node ids, e.g. [r1, r2]"_s.arg(n);
        if (pair.at(0).toString() == pair.at(1).toString())
            return u"\"%1\" joins %2 to itself"_s.arg(n, pair.at(0).toString());
        return {};
    }
    case ArgType::Count:
        return isCount(v) ? QString() : u"\"%1\" must be a non-negative integer"_s.arg(n);
    case ArgType::Flag:
        return v.isBool() ? QString() : u"\"%1\" must be true or false"_s.arg(n);
    case ArgType::Body:
        return v.isObject() || v.isArray() || v.isString() ? QString()
                                                           : u"\"%1\" must be a map, a list or a string"_s.arg(n);
    case ArgType::Headers: {
        if (!v.isObject())
            return u"\"%1\" must be a map of header names to values"_s.arg(n);
        const QJsonObject headers = v.toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            if (!it.value().isString())
                return u"header \"%1\" must be a string (quote numbers)"_s.arg(it.key());
        }
        return {};
    }
    case ArgType::Object:
        return v.isObject() ? QString() : u"\"%1\" must be a map"_s.arg(n);
    case ArgType::EntityDecl:
        return v.isObject() ? entityProblem(v.toObject()) : u"\"%1\" must be a map like an entity of the file"_s.arg(n);
    }
    return {};
}

} // namespace

// ---- catalogue and validation ------------------------------------------------------

QList<ActionSpec> Timeline::actions()
{
    QList<ActionSpec> specs;
    for (const ActionRule &rule : actionRules()) {
        ActionSpec spec{rule.name, {}, {}, rule.description};
        for (const ArgRule &arg : rule.args)
            (arg.required ? spec.required : spec.optional).append(arg.name);
        specs.append(spec);
    }
    return specs;
}

QString Timeline::validate(const Step &step)
{
    if (step.atMs < 0)
        return u"a step's time must not be negative (%1 ms)"_s.arg(step.atMs);
    const QString problem = validate(step.action, step.args);
    if (!problem.isEmpty())
        return problem;
    if (step.action == "caption"_L1 && step.caption.trimmed().isEmpty())
        return u"a caption step needs a caption"_s;
    return {};
}

QString Timeline::validate(const QString &action, const QJsonObject &args)
{
    if (action.isEmpty())
        return u"a step needs an \"action\""_s;
    const ActionRule *rule = findAction(action);
    if (!rule) {
        QStringList names;
        for (const ActionRule &r : actionRules())
            names.append(r.name);
        return u"unknown action \"%1\" (known: %2)"_s.arg(action, names.join(u", "_s));
    }
    // The step's own fields may be left in args by a loader; they are no arguments.
    static const QStringList stepFields{u"at"_s, u"caption"_s, u"action"_s, u"name"_s};
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (stepFields.contains(it.key()))
            continue;
        const bool known = std::any_of(rule->args.begin(), rule->args.end(),
                                       [&](const ArgRule &a) { return a.name == it.key(); });
        if (!known) {
            QStringList expected;
            for (const ArgRule &a : rule->args)
                expected.append(a.name);
            return u"%1: unknown argument \"%2\" (%3)"_s.arg(
                action, it.key(),
                expected.isEmpty() ? u"it takes none"_s : u"expected " + expected.join(u", "_s));
        }
    }
    for (const ArgRule &arg : rule->args) {
        if (!args.contains(arg.name)) {
            if (arg.required)
                return u"%1 needs \"%2\""_s.arg(action, arg.name);
            continue;
        }
        const QString problem = argProblem(arg, args.value(arg.name));
        if (!problem.isEmpty())
            return action + u": "_s + problem;
    }
    return {};
}

// ---- playback ----------------------------------------------------------------------

Timeline::Timeline(QList<Step> steps)
    : m_steps(std::move(steps))
    , m_fired(m_steps.size(), false)
{
    m_order.reserve(m_steps.size());
    for (int i = 0; i < m_steps.size(); ++i)
        m_order.append(i);
    std::stable_sort(m_order.begin(), m_order.end(),
                     [this](int a, int b) { return m_steps.at(a).atMs < m_steps.at(b).atMs; });
}

void Timeline::start(qint64 nowMs)
{
    m_lastNowMs = nowMs;
    if (m_started)
        return;
    m_started = true;
    m_paused = false;
    m_segmentStartMs = nowMs;
}

void Timeline::setSpeed(double factor)
{
    setSpeed(factor, m_lastNowMs);
}

void Timeline::setSpeed(double factor, qint64 nowMs)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    if (m_started && !m_paused) {
        m_lastNowMs = qMax(m_lastNowMs, nowMs);
        m_baseMs = exactScenarioTime(nowMs);
        m_segmentStartMs = nowMs;
    }
    m_speed = factor;
}

void Timeline::pause(qint64 nowMs)
{
    m_lastNowMs = nowMs;
    if (!m_started || m_paused)
        return;
    m_baseMs = exactScenarioTime(nowMs);
    m_paused = true;
}

void Timeline::resume(qint64 nowMs)
{
    m_lastNowMs = nowMs;
    if (!m_started || !m_paused)
        return;
    m_segmentStartMs = nowMs;
    m_paused = false;
}

double Timeline::exactScenarioTime(qint64 nowMs) const
{
    if (!m_started || m_paused)
        return m_baseMs;
    return m_baseMs + double(qMax<qint64>(0, nowMs - m_segmentStartMs)) * m_speed;
}

qint64 Timeline::scenarioTime(qint64 nowMs) const
{
    return qint64(std::floor(exactScenarioTime(nowMs) + DueEpsilonMs));
}

void Timeline::fire(int index)
{
    if (!m_fired[index]) {
        m_fired[index] = true;
        ++m_firedCount;
    }
    m_current = index;
}

QList<int> Timeline::takeDue(qint64 nowMs)
{
    m_lastNowMs = nowMs;
    QList<int> due;
    if (!m_started || m_paused)
        return due;
    const double now = exactScenarioTime(nowMs) + DueEpsilonMs;
    for (int index : std::as_const(m_order)) {
        if (double(m_steps.at(index).atMs) > now)
            break;
        if (!m_fired.at(index)) {
            fire(index);
            due.append(index);
        }
    }
    return due;
}

std::optional<int> Timeline::stepNext()
{
    const std::optional<int> next = nextStep();
    if (!next)
        return std::nullopt;
    fire(*next);
    const double target = double(m_steps.at(*next).atMs);
    const double current = exactScenarioTime(m_lastNowMs);
    if (target > current)
        m_baseMs += target - current;
    return next;
}

void Timeline::markFired(int index)
{
    if (index < 0 || index >= m_steps.size())
        return;
    fire(index);
}

bool Timeline::isFired(int index) const
{
    return index >= 0 && index < m_fired.size() && m_fired.at(index);
}

std::optional<int> Timeline::nextStep() const
{
    for (int index : m_order) {
        if (!m_fired.at(index))
            return index;
    }
    return std::nullopt;
}

qint64 Timeline::msUntilNext(qint64 nowMs) const
{
    const std::optional<int> next = nextStep();
    if (!next || !m_started || m_paused)
        return -1;
    const double remaining = double(m_steps.at(*next).atMs) - exactScenarioTime(nowMs);
    if (remaining <= DueEpsilonMs)
        return 0;
    return qint64(std::ceil(remaining / m_speed));
}

} // namespace Portolan::Scenario
