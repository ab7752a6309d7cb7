#include "scenario/scenarioloader.h"

#include "scenario/expressionmask.h"
#include "scenario/fieldreader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
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

// Colours for providers that do not name one, so that each backbone still stands apart.
const QStringList &providerPalette()
{
    static const QStringList colors{u"#2e86de"_s, u"#e67e22"_s, u"#27ae60"_s, u"#8e44ad"_s, u"#c0392b"_s, u"#16a085"_s};
    return colors;
}

// An uplink whose target can only be checked once every router is known.
struct PendingUplink
{
    int router = 0;   // index into Scenario::routers
    int uplink = 0;   // index into its uplinks
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
    ScenarioReader(const QString &fileName, const QList<QByteArray> &lines,
                   const ScenarioLoader::Validators &validators)
        : m_fields(fileName, lines)
        , m_validators(validators)
    {
    }

    std::optional<Scenario> read(const YAML::Node &root, const QMap<QString, QString> &overrides);
    const QList<LoadProblem> &problems() const { return m_fields.problems(); }

private:
    // References. Lookups go through indexes: a repeat makes thousands of routers.
    const Router *findRouter(const QString &id) const;
    const Entity *findEntity(const QString &id) const;
    QStringList routerIds() const;
    bool claimId(const QString &id, const Field &field);
    std::optional<QString> routerRef(const Field &field);
    std::optional<QString> providerRef(const Field &field);
    bool isNode(const QString &id) const;
    bool connected(const QString &a, const QString &b) const;
    void collectReferences(const Section &section, const QStringList &skip);
    void checkReferences();
    void checkReference(const QString &key, const Field &field);
    void checkNames(const QString &key, const Field &field, const QStringList &known);

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
    RemoteNode readRemote(const Section &section, bool router);
    void checkRemoteDialling();
    void readTimeline(const Field &field);
    void readExpectations(const Field &field);

    FieldReader m_fields;
    const ScenarioLoader::Validators &m_validators;

    Scenario m_scenario;
    QHash<QString, SourceLocation> m_ids;   // node ids: routers and entities
    QHash<QString, SourceLocation> m_stepNames;
    QList<bool> m_routerPlaced;                                  // parallel to routers: position given
    QHash<QString, qsizetype> m_routerIndex;                     // id -> index into routers
    QHash<QString, qsizetype> m_entityIndex;                     // id -> index into entities
    QHash<std::pair<QString, QString>, qsizetype> m_linkIndex;   // both orders -> index into links
    QHash<quint16, QString> m_httpPorts;                         // fixed ingress ports -> router
    QList<std::pair<QString, Field>> m_references;               // step and expectation args naming things
    QSet<QString> m_declaredNodes;                               // entities that steps add during the run
    QList<PendingUplink> m_pendingUplinks;
};

// ---- references ----------------------------------------------------------------------------

const Router *ScenarioReader::findRouter(const QString &id) const
{
    const auto it = m_routerIndex.constFind(id);
    return it == m_routerIndex.constEnd() ? nullptr : &m_scenario.routers.at(*it);
}

const Entity *ScenarioReader::findEntity(const QString &id) const
{
    const auto it = m_entityIndex.constFind(id);
    return it == m_entityIndex.constEnd() ? nullptr : &m_scenario.entities.at(*it);
}

QStringList ScenarioReader::routerIds() const
{
    QStringList ids;
    ids.reserve(m_scenario.routers.size());
    for (const Router &r : m_scenario.routers)
        ids.append(r.id);
    return ids;
}

bool ScenarioReader::claimId(const QString &nodeId, const Field &field)
{
    const auto existing = m_ids.constFind(nodeId);
    if (existing != m_ids.constEnd()) {
        m_fields.problem(field, u"duplicate id '%1' (first at %2)"_s.arg(nodeId, existing->toString()));
        return false;
    }
    m_ids.insert(nodeId, field.where);
    return true;
}

std::optional<QString> ScenarioReader::routerRef(const Field &field)
{
    const std::optional<QString> name = m_fields.nonEmptyText(field);
    if (!name)
        return std::nullopt;
    if (findRouter(*name))
        return name;
    m_fields.problem(field, u"unknown router '%1'%2"_s.arg(FieldReader::clipped(*name),
                                                           FieldReader::didYouMean(*name, routerIds())));
    return std::nullopt;
}

std::optional<QString> ScenarioReader::providerRef(const Field &field)
{
    const std::optional<QString> name = m_fields.nonEmptyText(field);
    if (!name)
        return std::nullopt;
    if (m_scenario.provider(*name))
        return name;
    QStringList names;
    for (const Provider &p : std::as_const(m_scenario.providers))
        names.append(p.name);
    m_fields.problem(
        field, u"unknown provider '%1'%2"_s.arg(FieldReader::clipped(*name), FieldReader::didYouMean(*name, names)));
    return std::nullopt;
}

bool ScenarioReader::isNode(const QString &id) const
{
    return findRouter(id) || findEntity(id) || m_declaredNodes.contains(id);
}

// Whether a link, an uplink or an entity's attachment joins the two nodes, either way.
bool ScenarioReader::connected(const QString &a, const QString &b) const
{
    if (m_linkIndex.contains({a, b}) || m_declaredNodes.contains(a) || m_declaredNodes.contains(b))
        return true;
    for (const auto &[one, other] : {std::pair(a, b), std::pair(b, a)}) {
        if (const Router *r = findRouter(one)) {
            for (const Uplink &u : r->uplinks) {
                if (u.router == other)
                    return true;
            }
        }
        if (const Entity *e = findEntity(one); e && e->routers.contains(other))
            return true;
    }
    return false;
}

// Arguments of steps and expectations that name things of the scenario (router, node,
// entity, provider, link, request) are checked where their place in the file is known,
// whatever the action or kind makes of them; after the whole timeline is read, because a
// step may add an entity that a later one names.
void ScenarioReader::collectReferences(const Section &section, const QStringList &skip)
{
    static const QStringList keys{u"router"_s, u"node"_s, u"entity"_s, u"provider"_s, u"link"_s, u"request"_s};
    for (const auto &[key, field] : section.entries) {
        if (keys.contains(key) && !skip.contains(key) && section.has(key))
            m_references.append({key, field});
    }
}

void ScenarioReader::checkReferences()
{
    for (const auto &[key, field] : std::as_const(m_references))
        checkReference(key, field);
}

void ScenarioReader::checkReference(const QString &key, const Field &field)
{
    QStringList known;
    if (key == u"router" || key == u"node" || key == u"link")
        known += routerIds();
    if (key == u"entity" || key == u"node" || key == u"link") {
        for (const Entity &e : std::as_const(m_scenario.entities))
            known.append(e.id);
        known += QStringList(m_declaredNodes.begin(), m_declaredNodes.end());
    }
    if (key == u"provider") {
        for (const Provider &p : std::as_const(m_scenario.providers))
            known.append(p.name);
    }
    if (key == u"request")
        known = m_stepNames.keys();

    if (key != u"link") {
        checkNames(key, field, known);
        return;
    }
    const std::optional<QList<Field>> ends = m_fields.items(field);
    if (!ends || ends->size() != 2)
        return;   // not a pair: the action's own check says so
    QStringList names;
    for (const Field &end : *ends) {
        const std::optional<Resolved> resolved = m_fields.resolve(end);
        if (!resolved || !resolved->value.isString())
            return;
        if (!isNode(resolved->text)) {
            m_fields.problem(end, u"unknown node '%1'%2"_s.arg(FieldReader::clipped(resolved->text),
                                                              FieldReader::didYouMean(resolved->text, known)));
            return;
        }
        names.append(resolved->text);
    }
    if (names.at(0) != names.at(1) && !connected(names.at(0), names.at(1)))
        m_fields.problem(field, u"no link, uplink or attachment joins '%1' and '%2'"_s.arg(names.at(0), names.at(1)));
}

// One name or a list of them; '*' and '?' make a pattern, which must match something.
void ScenarioReader::checkNames(const QString &key, const Field &field, const QStringList &known)
{
    QList<Field> names;
    if (!field.computed && field.node.IsSequence())
        names = m_fields.listOf(field).value_or(QList<Field>());
    else
        names.append(field);
    const QString what = key == u"request" ? u"timeline step"_s : key;
    for (const Field &name : std::as_const(names)) {
        const std::optional<Resolved> resolved = m_fields.resolve(name);
        if (!resolved || !resolved->value.isString())
            continue;   // not a name: the action's own check says what it wants
        const QString target = resolved->text;
        if (target.contains(u'*') || target.contains(u'?')) {
            QString pattern = QRegularExpression::escape(target);
            pattern.replace(u"\\*"_s, u".*"_s).replace(u"\\?"_s, u"."_s);
            const QRegularExpression glob(QRegularExpression::anchoredPattern(pattern));
            if (std::none_of(known.begin(), known.end(), [&](const QString &k) { return glob.match(k).hasMatch(); }))
                m_fields.problem(name, u"no %1 matches '%2'"_s.arg(what, FieldReader::clipped(target)));
        } else if (!known.contains(target)) {
            m_fields.problem(name, u"unknown %1 '%2'%3"_s.arg(what, FieldReader::clipped(target),
                                                             FieldReader::didYouMean(target, known)));
        }
    }
}

// ---- sections ------------------------------------------------------------------------------

void ScenarioReader::readParameters(const std::optional<Field> &field, const QMap<QString, QString> &overrides)
{
    QSet<QString> declared;
    if (field) {
        if (const std::optional<Section> params = m_fields.section(*field, {}, {}, true)) {
            for (const auto &[name, entry] : params->entries) {
                QString why;
                if (name == u"i" || name == u"index0")
                    why = u"'%1' is the repeat counter, not a parameter"_s.arg(name);
                else
                    m_fields.expressions().isUsableName(name, &why);
                if (!why.isEmpty()) {
                    m_fields.problem(entry, why);
                    continue;
                }
                declared.insert(name);
                // Parameters are read in order: later defaults may use earlier parameters.
                std::optional<QJsonValue> parameter = m_fields.value(entry);
                if (!parameter)
                    continue;
                if (overrides.contains(name)) {
                    parameter = readOverride(name, overrides.value(name), *parameter);
                    if (!parameter)
                        continue;
                }
                m_scenario.parameters.insert(name, *parameter);
                m_fields.expressions().setGlobal(name, *parameter);
            }
        }
    }
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (declared.contains(it.key()))
            continue;
        m_fields.problemAt(
            SourceLocation{m_fields.file(), 0, 0},
            u"--set %1: the scenario has no parameter '%1'%2"_s.arg(
                it.key(), FieldReader::didYouMean(it.key(), QStringList(declared.begin(), declared.end()))));
    }
}

std::optional<QJsonValue> ScenarioReader::readOverride(const QString &name, const QString &text,
                                                       const QJsonValue &declared)
{
    const Field field{u"--set %1"_s.arg(name), YAML::Node(), SourceLocation{m_fields.file(), 0, 0}, {}};
    std::optional<QJsonValue> result;
    if (text.isEmpty()) {
        result = QJsonValue(QString());
    } else {
        try {
            result = m_fields.value(Field{field.path, YAML::Load(text.toStdString()), field.where, {}});
        } catch (const YAML::Exception &e) {
            m_fields.problem(
                field, u"'%1' is no YAML value: %2"_s.arg(FieldReader::clipped(text), QString::fromStdString(e.msg)));
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
        m_fields.problem(field, u"expected a number like the default %1, got %2"_s.arg(FieldReader::stringify(declared),
                                                                                       FieldReader::describe(*result)));
        return std::nullopt;
    }
    if (declared.isBool() && !result->isBool()) {
        m_fields.problem(field,
                         u"expected true or false like the default, got %1"_s.arg(FieldReader::describe(*result)));
        return std::nullopt;
    }
    return result;
}

void ScenarioReader::readProviders(const Field &field)
{
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    for (const Field &item : *list) {
        const std::optional<Section> s = m_fields.section(item, {u"name"_s, u"cost"_s, u"color"_s}, {u"name"_s});
        if (!s)
            continue;
        Provider provider;
        provider.where = item.where;
        const std::optional<QString> name =
            s->get(u"name"_s) ? m_fields.nonEmptyText(*s->get(u"name"_s)) : std::nullopt;
        if (!name)
            continue;
        provider.name = *name;
        if (const Provider *existing = m_scenario.provider(*name)) {
            m_fields.problem(*s->get(u"name"_s),
                             u"duplicate provider '%1' (first at %2)"_s.arg(*name, existing->where.toString()));
            continue;
        }
        if (const std::optional<Field> cost = m_fields.given(*s, u"cost"_s)) {
            if (const std::optional<qint64> c = m_fields.integer(*cost, 0, FieldReader::MaxInt32))
                provider.cost = qint32(*c);
        }
        if (const std::optional<Field> color = m_fields.given(*s, u"color"_s)) {
            if (const std::optional<QString> colorName = m_fields.text(*color)) {
                if (QColor::isValidColorName(*colorName))
                    provider.color = QColor::fromString(*colorName);
                else
                    m_fields.problem(*color, u"'%1' is no colour: use a name like \"#2e86de\" or \"teal\""_s.arg(
                                                 FieldReader::clipped(*colorName)));
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
    const std::optional<Section> s = m_fields.section(field, {u"image"_s, u"width"_s, u"height"_s}, {});
    if (!s)
        return;
    if (const std::optional<Field> image = m_fields.given(*s, u"image"_s)) {
        if (const std::optional<QString> path = m_fields.text(*image))
            m_scenario.map.image = *path;
    }
    if (const std::optional<Field> width = m_fields.given(*s, u"width"_s)) {
        if (const std::optional<double> w = m_fields.number(*width, 0, true))
            m_scenario.map.width = *w;
    }
    if (const std::optional<Field> height = m_fields.given(*s, u"height"_s)) {
        if (const std::optional<double> h = m_fields.number(*height, 0, true))
            m_scenario.map.height = *h;
    }
}

void ScenarioReader::readDistributions(const Field &field)
{
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    QHash<QString, SourceLocation> prefixes;
    for (const Field &item : *list) {
        const std::optional<Section> s = m_fields.section(item, {u"prefix"_s, u"mode"_s, u"acked"_s}, {u"prefix"_s});
        if (!s || !s->get(u"prefix"_s))
            continue;
        Routing::Distribution distribution;
        const Field prefixField = *s->get(u"prefix"_s);
        const std::optional<QString> prefix = m_fields.text(prefixField);
        if (!prefix)
            continue;
        if (!prefix->startsWith(u'/')) {
            m_fields.problem(prefixField,
                             u"an address prefix starts with '/', got '%1'"_s.arg(FieldReader::clipped(*prefix)));
            continue;
        }
        if (prefixes.contains(*prefix)) {
            m_fields.problem(prefixField,
                             u"duplicate prefix '%1' (first at %2)"_s.arg(*prefix, prefixes.value(*prefix).toString()));
            continue;
        }
        prefixes.insert(*prefix, prefixField.where);
        distribution.prefix = *prefix;

        bool unacked = false;
        if (const std::optional<Field> modeField = m_fields.given(*s, u"mode"_s)) {
            const std::optional<QString> mode =
                m_fields.choice(*modeField, {u"closest"_s, u"balanced"_s, u"multicast"_s, u"keyed"_s, u"unacked"_s});
            if (!mode)
                continue;
            unacked = *mode == u"unacked";
            distribution.mode =
                unacked ? Routing::Mode::Multicast : Routing::modeFromName(*mode).value_or(Routing::Mode::Closest);
            distribution.acked = !unacked;
        }
        if (const std::optional<Field> ackedField = m_fields.given(*s, u"acked"_s)) {
            const std::optional<bool> acked = m_fields.boolean(*ackedField);
            if (!acked)
                continue;
            if (unacked && *acked) {
                m_fields.problem(*ackedField,
                                 u"mode unacked is multicast without acks; 'acked: true' contradicts it"_s);
                continue;
            }
            distribution.acked = *acked;
        }
        m_scenario.distributions.append(distribution);
    }
}

void ScenarioReader::readRouters(const Field &field)
{
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        m_fields.forEachInstance(item, [this](const Field &f) { readRouter(f); });
    resolveUplinks();
    placeUnpositionedRouters();
}

void ScenarioReader::readRouter(const Field &field)
{
    const std::optional<Section> s = m_fields.section(
        field,
        {u"id"_s, u"kind"_s, u"provider"_s, u"position"_s, u"label"_s, u"uplinks"_s, u"http"_s, u"attach"_s, u"link"_s,
         u"repeat"_s},
        {u"id"_s});
    if (!s || !s->get(u"id"_s))
        return;
    Router router;
    router.where = field.where;
    const Field idField = *s->get(u"id"_s);
    const std::optional<QString> routerId = m_fields.id(idField);
    if (!routerId || !claimId(*routerId, idField))
        return;
    router.id = *routerId;

    bool kindKnown = true;   // a misspelt kind says nothing about whether uplinks fit
    if (const std::optional<Field> kind = m_fields.given(*s, u"kind"_s)) {
        const std::optional<QString> k = m_fields.choice(*kind, {u"interior"_s, u"edge"_s});
        router.kind = k.value_or(router.kind);
        kindKnown = k.has_value();
    }
    if (const std::optional<Field> provider = m_fields.given(*s, u"provider"_s)) {
        const std::optional<QString> p = providerRef(*provider);
        router.provider = p.value_or(QString());
    }
    bool placed = false;
    if (const std::optional<Field> position = m_fields.given(*s, u"position"_s)) {
        const std::optional<QPointF> p = m_fields.point(*position);
        router.position = p.value_or(QPointF());
        placed = true;
    }
    if (const std::optional<Field> label = m_fields.given(*s, u"label"_s)) {
        const std::optional<QString> l = m_fields.text(*label);
        router.label = l.value_or(QString());
    }
    if (const std::optional<Field> http = m_fields.given(*s, u"http"_s)) {
        const std::optional<Resolved> port = m_fields.resolve(*http);
        if (port && port->value.isString() && port->value.toString() == u"any") {
            router.httpPort = 0;
        } else if (port) {
            const std::optional<qint64> p = m_fields.integer(*http, 0, 65535);
            if (p) {
                router.httpPort = quint16(*p);
                if (*p != 0 && m_httpPorts.contains(quint16(*p))) {
                    m_fields.problem(*http, u"HTTP port %1 is already taken by router '%2'"_s.arg(*p).arg(
                                                m_httpPorts.value(quint16(*p))));
                }
            }
        }
    }
    router.remote = readRemote(*s, true);
    // Kept even when a field was wrong (the load fails anyway): whatever refers to the
    // router then resolves, rather than adding "unknown router" noise to the real problem.
    const int index = int(m_scenario.routers.size());
    m_scenario.routers.append(router);
    m_routerIndex.insert(router.id, index);
    if (router.httpPort && *router.httpPort != 0)
        m_httpPorts.insert(*router.httpPort, router.id);
    m_routerPlaced.append(placed);
    if (const std::optional<Field> uplinks = m_fields.given(*s, u"uplinks"_s); uplinks && kindKnown) {
        if (router.kind == u"edge")
            readUplinks(*uplinks, index);
        else
            m_fields.problem(*uplinks, u"only edge routers have uplinks; connect interior routers with links"_s);
    }
}

void ScenarioReader::readUplinks(const Field &field, int routerIndex)
{
    const std::optional<QList<Field>> list = m_fields.items(field);
    if (!list)
        return;
    for (const Field &item : *list) {
        // Read now, while a repeat's counter is set; whether the target exists is checked
        // once every router is known.
        PendingUplink pending;
        pending.router = routerIndex;
        pending.iteration = m_fields.iteration();
        Uplink uplink;
        std::optional<QString> target;
        if (!item.computed && item.node.IsMap()) {
            const std::optional<Section> s =
                m_fields.section(item, {u"router"_s, u"cost"_s, u"provider"_s}, {u"router"_s});
            if (!s || !s->get(u"router"_s))
                continue;
            pending.targetField = *s->get(u"router"_s);
            target = m_fields.nonEmptyText(pending.targetField);
            if (const std::optional<Field> cost = m_fields.given(*s, u"cost"_s)) {
                const std::optional<qint64> c = m_fields.integer(*cost, 0, FieldReader::MaxInt32);
                if (!c)
                    continue;
                uplink.cost = qint32(*c);
                pending.costGiven = true;
            }
            if (const std::optional<Field> provider = m_fields.given(*s, u"provider"_s)) {
                const std::optional<QString> p = providerRef(*provider);
                if (!p)
                    continue;
                uplink.provider = *p;
                pending.providerGiven = true;
            }
        } else {
            pending.targetField = item;
            target = m_fields.nonEmptyText(item);
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
    const QStringList ids = routerIds();
    QSet<QString> reported;   // one problem per place in the file, not one per repeated copy
    for (const PendingUplink &pending : std::as_const(m_pendingUplinks)) {
        Router &router = m_scenario.routers[pending.router];
        Uplink &uplink = router.uplinks[pending.uplink];
        const Router *interior = findRouter(pending.target);

        QString error;
        if (!interior) {
            error = u"unknown router '%1'%2"_s.arg(FieldReader::clipped(pending.target),
                                                   FieldReader::didYouMean(pending.target, ids));
        } else if (interior->kind != u"interior") {
            error = u"'%1' is an edge router; uplinks go to interior routers"_s.arg(pending.target);
        } else {
            for (qsizetype i = 0; i < pending.uplink && error.isEmpty(); ++i) {
                if (router.uplinks.at(i).router == pending.target)
                    error = u"a second uplink to '%1'"_s.arg(pending.target);
            }
        }
        if (!error.isEmpty()) {
            const QString where = pending.targetField.where.toString();
            if (!reported.contains(where)) {
                reported.insert(where);
                m_fields.setIteration(pending.iteration);
                m_fields.problem(pending.targetField, error);
                m_fields.setIteration(std::nullopt);
            }
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
            centre
            + QPointF(0.35 * m_scenario.map.width * std::cos(angle), 0.35 * m_scenario.map.height * std::sin(angle));
    }
}

void ScenarioReader::readLinks(const Field &field)
{
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        m_fields.forEachInstance(item, [this](const Field &f) { readLink(f); });
}

void ScenarioReader::readLink(const Field &field)
{
    const std::optional<Section> s =
        m_fields.section(field, {u"between"_s, u"cost"_s, u"provider"_s, u"repeat"_s}, {u"between"_s});
    if (!s || !s->get(u"between"_s))
        return;
    const Field between = *s->get(u"between"_s);
    const std::optional<QList<Field>> ends = m_fields.items(between);
    if (!ends)
        return;
    if (ends->size() != 2) {
        m_fields.problem(between, u"a link is between two routers, [a, b]; got %1"_s.arg(ends->size()));
        return;
    }
    Link link;
    link.where = field.where;
    bool endsOk = true;
    QStringList names;
    for (const Field &end : *ends) {
        const std::optional<QString> name = routerRef(end);
        if (!name) {
            endsOk = false;
            continue;
        }
        if (findRouter(*name)->kind != u"interior") {
            m_fields.problem(
                end, u"'%1' is an edge router: links join interior routers; give an edge router uplinks"_s.arg(*name));
            endsOk = false;
        }
        names.append(*name);
    }
    if (endsOk && names.at(0) == names.at(1)) {
        m_fields.problem(between, u"a link joins two different routers, got '%1' twice"_s.arg(names.at(0)));
        endsOk = false;
    }
    if (endsOk) {
        link.from = names.at(0);
        link.to = names.at(1);
        if (const auto other = m_linkIndex.constFind({link.from, link.to}); other != m_linkIndex.constEnd()) {
            m_fields.problem(between, u"'%1' and '%2' are already linked (at %3)"_s.arg(
                                          link.from, link.to, m_scenario.links.at(*other).where.toString()));
            endsOk = false;
        }
    }
    bool costGiven = false;
    if (const std::optional<Field> cost = m_fields.given(*s, u"cost"_s)) {
        link.cost = qint32(m_fields.integer(*cost, 0, FieldReader::MaxInt32).value_or(-1));
        costGiven = true;
    }
    if (const std::optional<Field> provider = m_fields.given(*s, u"provider"_s)) {
        link.provider = providerRef(*provider).value_or(QString());
    } else if (endsOk) {
        // Two routers of the same backbone are joined by that backbone.
        const QString a = findRouter(link.from)->provider;
        if (a == findRouter(link.to)->provider)
            link.provider = a;
    }
    if (!endsOk)
        return;   // kept otherwise, like routers, so that steps naming the link resolve
    if (!costGiven || link.cost < 0) {
        const Provider *provider = m_scenario.provider(link.provider);
        link.cost = provider ? provider->cost : 1;
    }
    m_linkIndex.insert({link.from, link.to}, m_scenario.links.size());
    m_linkIndex.insert({link.to, link.from}, m_scenario.links.size());
    m_scenario.links.append(link);
}

void ScenarioReader::readEntities(const Field &field)
{
    const bool traffic = field.path == u"traffic";
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    for (const Field &item : *list)
        m_fields.forEachInstance(item, [this, traffic](const Field &f) { readEntity(f, traffic); });
}

std::optional<QStringList> ScenarioReader::readAttachment(const Section &s)
{
    const std::optional<Field> one = s.get(u"router"_s);
    const std::optional<Field> many = s.get(u"routers"_s);
    if (one && many) {
        m_fields.problem(*many, u"give either router or routers, not both"_s);
        return std::nullopt;
    }
    if (!one && !many) {
        m_fields.problem(s.self, u"missing required key 'router' (or 'routers', a failover list)"_s);
        return std::nullopt;
    }
    if (one) {
        const std::optional<QString> r = routerRef(*one);
        return r ? std::optional<QStringList>(QStringList{*r}) : std::nullopt;
    }
    const std::optional<QList<Field>> list = m_fields.items(*many);
    if (!list)
        return std::nullopt;
    if (list->isEmpty()) {
        m_fields.problem(*many, u"name at least one router"_s);
        return std::nullopt;
    }
    QStringList routers;
    bool ok = true;
    for (const Field &item : *list) {
        const std::optional<QString> r = routerRef(item);
        if (r && routers.contains(*r)) {
            m_fields.problem(item, u"'%1' is already in the list"_s.arg(*r));
            ok = false;
        } else if (r) {
            routers.append(*r);
        } else {
            ok = false;
        }
    }
    return ok ? std::optional<QStringList>(routers) : std::nullopt;
}

RemoteNode ScenarioReader::readRemote(const Section &s, bool router)
{
    const std::optional<Field> attach = m_fields.given(s, u"attach"_s);
    const std::optional<Field> link = router ? m_fields.given(s, u"link"_s) : std::nullopt;
    if (!attach) {
        if (link)
            m_fields.problem(*link, u"a link address is for a router on another host: give its attach URL too"_s);
        return {};
    }
    const std::optional<QString> url = m_fields.nonEmptyText(*attach);
    if (!url)
        return {};
    QString error;
    std::optional<RemoteNode> remote = RemoteNode::fromControlUrl(*url, &error);
    if (!remote) {
        m_fields.problem(*attach, error);
        return {};
    }
    if (link) {
        const std::optional<QString> address = m_fields.nonEmptyText(*link);
        if (address && !remote->setLinkAddress(*address, &error))
            m_fields.problem(*link, error);
    }
    return *remote;
}

void ScenarioReader::checkRemoteDialling()
{
    // The console starts the local nodes on ports it picks at run time, so a node on
    // another host cannot dial one of them; and a local node can dial a remote router
    // only at the link address the scenario gives. Links between two remote nodes are
    // configured on their hosts and only drawn here.
    auto check = [this](const QString &dialler, const QString &target, const SourceLocation &where) {
        const Router *to = findRouter(target);
        const Router *fromRouter = findRouter(dialler);
        const Entity *fromEntity = fromRouter ? nullptr : findEntity(dialler);
        const bool fromRemote = fromRouter ? fromRouter->remote.isRemote() : fromEntity && fromEntity->remote.isRemote();
        if (!to || fromRemote == to->remote.isRemote())
            return;
        if (fromRemote) {
            m_fields.problemAt(where, u"'%1' runs on another host and cannot dial '%2', which the console starts "
                                      u"here: run '%2' on another host too, or start '%1' here"_s.arg(dialler, target));
        } else if (!to->remote.hasLinkAddress()) {
            m_fields.problemAt(where, u"'%1' dials '%2' on another host: give '%2' its link address "
                                      u"(link: HOST:PORT)"_s.arg(dialler, target));
        }
    };
    for (const Link &l : std::as_const(m_scenario.links))
        check(l.from, l.to, l.where);
    for (const Router &r : std::as_const(m_scenario.routers)) {
        for (const Uplink &u : r.uplinks)
            check(r.id, u.router, r.where);
    }
    for (const Entity &e : std::as_const(m_scenario.entities)) {
        for (const QString &r : e.routers)
            check(e.id, r, e.where);
    }
}

void ScenarioReader::readEntity(const Field &field, bool traffic)
{
    // A traffic entry is a generator entity written flat: the generator's params sit
    // beside id and router instead of under params.
    static const QStringList common{u"id"_s,    u"router"_s, u"routers"_s, u"position"_s,
                                    u"label"_s, u"attach"_s, u"repeat"_s};
    static const QStringList generatorParams{u"address"_s, u"rate"_s, u"count"_s,   u"body"_s,   u"bodyBytes"_s,
                                             u"key"_s,     u"keys"_s, u"replyTo"_s, u"method"_s, u"startDelayMs"_s,
                                             u"window"_s};
    const QStringList known = traffic ? common + generatorParams : common + QStringList{u"role"_s, u"params"_s};
    const QStringList required = traffic ? QStringList{u"id"_s, u"address"_s} : QStringList{u"id"_s, u"role"_s};
    const std::optional<Section> s = m_fields.section(field, known, required);
    if (!s || !s->get(u"id"_s))
        return;

    Entity entity;
    entity.where = field.where;
    bool ok = true;
    const Field idField = *s->get(u"id"_s);
    const std::optional<QString> entityId = m_fields.id(idField);
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
            const std::optional<Field> param = key == u"address" ? s->get(key) : m_fields.given(*s, key);
            if (!param)
                continue;
            std::optional<QJsonValue> v;
            if (key == u"address" || key == u"replyTo") {
                const std::optional<QString> address = m_fields.nonEmptyText(*param);
                if (address && !address->startsWith(u'/'))
                    m_fields.problem(*param,
                                     u"an address starts with '/', got '%1'"_s.arg(FieldReader::clipped(*address)));
                else if (address)
                    v = *address;
            } else if (key == u"key" || key == u"method") {
                if (const std::optional<QString> t = m_fields.text(*param))
                    v = *t;
            } else if (key == u"rate") {
                if (const std::optional<double> rate = m_fields.number(*param, 0))
                    v = *rate;
            } else if (key == u"body") {
                // Sent as is: text, or a map or list the generator writes as JSON.
                const std::optional<Resolved> body = m_fields.resolve(*param);
                if (body && (body->value.isString() || body->value.isObject() || body->value.isArray()))
                    v = body->value;
                else if (body)
                    m_fields.problem(
                        *param, u"expected text, a map or a list, got %1"_s.arg(FieldReader::describe(body->value)));
            } else if (key == u"startDelayMs") {
                if (const std::optional<qint64> delay = m_fields.duration(*param))
                    v = *delay;
            } else if (const std::optional<qint64> count =
                           m_fields.integer(*param, 0, std::numeric_limits<qint64>::max())) {
                v = *count;
            }
            if (v)
                entity.params.insert(key, *v);
            else
                ok = false;
        }
    } else {
        roleField = s->get(u"role"_s);
        const std::optional<QString> role = roleField ? m_fields.nonEmptyText(*roleField) : std::nullopt;
        ok = ok && role;
        entity.role = role.value_or(QString());
        if (const std::optional<Field> params = m_fields.given(*s, u"params"_s)) {
            const std::optional<Resolved> p = m_fields.resolve(*params);
            if (p && !p->value.isObject()) {
                m_fields.problem(*params,
                                 u"expected a map of the role's params, got %1"_s.arg(FieldReader::describe(p->value)));
                ok = false;
            } else if (p) {
                entity.params = p->value.toObject();
            } else {
                ok = false;
            }
        }
    }

    if (const std::optional<Field> label = m_fields.given(*s, u"label"_s)) {
        const std::optional<QString> l = m_fields.text(*label);
        ok = ok && l;
        entity.label = l.value_or(QString());
    }
    entity.remote = readRemote(*s, false);

    // The position is the entity's on the map and, as params.position, the role's own
    // (stores, factories and trucks measure distances with it). Either may be written;
    // with neither, the entity sits at its router.
    if (const std::optional<Field> position = m_fields.given(*s, u"position"_s)) {
        const std::optional<QPointF> p = m_fields.point(*position);
        ok = ok && p;
        entity.position = p.value_or(QPointF());
    } else if (const QJsonArray given = entity.params.value(u"position"_s).toArray();
               given.size() == 2 && given.at(0).isDouble() && given.at(1).isDouble()) {
        entity.position = QPointF(given.at(0).toDouble(), given.at(1).toDouble());
    } else if (!entity.routers.isEmpty()) {
        entity.position = findRouter(entity.routers.first())->position;
    }
    if (!entity.params.contains(u"position"_s))
        entity.params.insert(u"position"_s, QJsonArray{entity.position.x(), entity.position.y()});

    // The role's own check only sees entities the loader found nothing wrong with. The
    // entity is kept either way, so that steps naming it resolve.
    // An entity on another host was configured there; its params are not in this file.
    if (ok && m_validators.entity && !entity.remote.isRemote()) {
        const QString error = m_validators.entity(entity.role, entity.params);
        if (!error.isEmpty())
            m_fields.problem(*roleField, error);
    }
    m_entityIndex.insert(entity.id, m_scenario.entities.size());
    m_scenario.entities.append(entity);
}

void ScenarioReader::readTimeline(const Field &field)
{
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    static const QStringList own{u"at"_s, u"caption"_s, u"action"_s, u"name"_s};
    for (const Field &item : *list) {
        const std::optional<Section> s = m_fields.section(item, own, {u"at"_s, u"action"_s}, true);
        if (!s)
            continue;
        Step step;
        step.where = item.where;
        bool ok = true;
        if (const std::optional<Field> at = s->get(u"at"_s)) {
            const std::optional<qint64> ms = m_fields.duration(*at);
            ok = ok && ms;
            step.atMs = ms.value_or(0);
        } else {
            ok = false;
        }
        const std::optional<Field> actionField = s->get(u"action"_s);
        if (actionField) {
            const std::optional<QString> action = m_fields.nonEmptyText(*actionField);
            ok = ok && action;
            step.action = action.value_or(QString());
        } else {
            ok = false;
        }
        if (const std::optional<Field> caption = m_fields.given(*s, u"caption"_s)) {
            const std::optional<QString> c = m_fields.text(*caption);
            ok = ok && c;
            step.caption = c.value_or(QString());
        }
        if (const std::optional<Field> nameField = m_fields.given(*s, u"name"_s)) {
            const std::optional<QString> name = m_fields.nonEmptyText(*nameField);
            if (name && m_stepNames.contains(*name)) {
                m_fields.problem(*nameField, u"duplicate step name '%1' (first at %2)"_s.arg(
                                                 *name, m_stepNames.value(*name).toString()));
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
            const std::optional<QJsonValue> v = m_fields.value(arg);
            ok = ok && v;
            if (v)
                step.args.insert(key, *v);
        }
        collectReferences(*s, own);
        // A step may start an entity (add-node): other steps and expectations may name it.
        if (const QJsonValue declared = step.args.value(u"entity"_s).toObject().value(u"id"_s); declared.isString())
            m_declaredNodes.insert(declared.toString());
        if (ok && m_validators.step) {
            const QString error = m_validators.step(step.action, step.args);
            if (!error.isEmpty()) {
                m_fields.problem(*actionField, error);
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
    const std::optional<QList<Field>> list = m_fields.listOf(field);
    if (!list)
        return;
    static const QStringList own{u"name"_s, u"kind"_s};
    for (const Field &item : *list) {
        const std::optional<Section> s = m_fields.section(item, own, {u"kind"_s}, true);
        if (!s || !s->get(u"kind"_s))
            continue;
        Expectation expectation;
        expectation.where = item.where;
        const Field kindField = *s->get(u"kind"_s);
        const std::optional<QString> kind = m_fields.nonEmptyText(kindField);
        bool ok = kind.has_value();
        expectation.kind = kind.value_or(QString());
        if (const std::optional<Field> nameField = m_fields.given(*s, u"name"_s)) {
            const std::optional<QString> name = m_fields.nonEmptyText(*nameField);
            ok = ok && name;
            expectation.name = name.value_or(QString());
        } else {
            expectation.name = expectation.kind;
        }
        for (const auto &[key, arg] : s->entries) {
            if (own.contains(key))
                continue;
            const std::optional<QJsonValue> v = m_fields.value(arg);
            ok = ok && v;
            if (v)
                expectation.args.insert(key, *v);
        }
        collectReferences(*s, own);
        if (ok && m_validators.expectation) {
            const QString error = m_validators.expectation(expectation.kind, expectation.args);
            if (!error.isEmpty()) {
                m_fields.problem(kindField, error);
                ok = false;
            }
        }
        if (ok)
            m_scenario.expectations.append(expectation);
    }
}

std::optional<Scenario> ScenarioReader::read(const YAML::Node &root, const QMap<QString, QString> &overrides)
{
    const Field top{QString(), root, m_fields.locateOr(root, SourceLocation{m_fields.file(), 1, 1}), {}};
    if (!root.IsDefined() || root.IsNull()) {
        m_fields.problem(top, u"the file is empty: a scenario is a YAML map with at least a name"_s);
        return std::nullopt;
    }
    static const QStringList sections{u"name"_s,    u"description"_s,   u"parameters"_s,  u"duration"_s, u"providers"_s,
                                      u"map"_s,     u"distributions"_s, u"routers"_s,     u"links"_s,    u"entities"_s,
                                      u"traffic"_s, u"timeline"_s,      u"expectations"_s};
    const std::optional<Section> s = m_fields.section(top, sections, {u"name"_s});
    if (!s)
        return std::nullopt;

    // Parameters first: every other value may refer to them.
    readParameters(s->get(u"parameters"_s), overrides);
    if (const std::optional<Field> name = m_fields.given(*s, u"name"_s))
        m_scenario.name = m_fields.nonEmptyText(*name).value_or(QString());
    if (const std::optional<Field> description = m_fields.given(*s, u"description"_s))
        m_scenario.description = m_fields.text(*description).value_or(QString());
    // Sections that others refer to come before those that refer to them.
    if (const std::optional<Field> providers = m_fields.given(*s, u"providers"_s))
        readProviders(*providers);
    if (const std::optional<Field> map = m_fields.given(*s, u"map"_s))
        readMap(*map);
    if (const std::optional<Field> distributions = m_fields.given(*s, u"distributions"_s))
        readDistributions(*distributions);
    if (const std::optional<Field> routers = m_fields.given(*s, u"routers"_s))
        readRouters(*routers);
    if (const std::optional<Field> links = m_fields.given(*s, u"links"_s))
        readLinks(*links);
    if (const std::optional<Field> entities = m_fields.given(*s, u"entities"_s))
        readEntities(*entities);
    if (const std::optional<Field> traffic = m_fields.given(*s, u"traffic"_s))
        readEntities(*traffic);
    checkRemoteDialling();
    if (const std::optional<Field> timeline = m_fields.given(*s, u"timeline"_s))
        readTimeline(*timeline);
    if (const std::optional<Field> expectations = m_fields.given(*s, u"expectations"_s))
        readExpectations(*expectations);
    checkReferences();

    const qint64 lastStepMs = m_scenario.timeline.isEmpty() ? 0 : m_scenario.timeline.last().atMs;
    m_scenario.durationMs = lastStepMs + ScenarioLoader::SettleMs;
    if (const std::optional<Field> durationField = m_fields.given(*s, u"duration"_s)) {
        if (const std::optional<qint64> ms = m_fields.duration(*durationField)) {
            if (*ms < lastStepMs) {
                m_fields.problem(
                    *durationField,
                    u"the run would end at %1 ms, before the last step at %2 ms"_s.arg(*ms).arg(lastStepMs));
            } else if (*ms == 0) {
                m_fields.problem(*durationField, u"a run needs a duration greater than 0"_s);
            } else {
                m_scenario.durationMs = *ms;
            }
        }
    }

    if (!m_fields.problems().isEmpty())
        return std::nullopt;
    return m_scenario;
}

// A hint for the YAML mistake expressions invite: "{", "[", ": " and " #" mean something
// to YAML, so an expression holding them must be quoted.
QString expressionHint(const QList<QByteArray> &lines, int line)
{
    for (int i = std::max(0, line - 1); i <= line && i < lines.size(); ++i) {
        if (lines.at(i).contains("${"))
            return u" (if an expression on this line is the cause: one that spans lines or holds non-ASCII characters must be quoted, \"${...}\")"_s;
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

    const QList<QByteArray> lines = yaml.split('\n');
    ExpressionMask mask;
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(mask.mask(yaml).toStdString());
    } catch (const YAML::Exception &e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : FieldReader::characterColumn(lines, e.mark.line, e.mark.column);
        found.append(LoadProblem{SourceLocation{fileName, line, column},
                                 u"YAML syntax error: "_s + QString::fromStdString(e.msg)
                                     + expressionHint(lines, e.mark.is_null() ? -1 : e.mark.line)});
    }

    if (found.isEmpty() && documents.size() > 1) {
        const YAML::Mark mark = documents.at(1).Mark();
        found.append(LoadProblem{
            SourceLocation{fileName, mark.is_null() ? 0 : mark.line + 1,
                           mark.is_null() ? 0 : FieldReader::characterColumn(lines, mark.line, mark.column)},
            u"a scenario file holds one YAML document; this is a second one"_s});
    }
    if (found.isEmpty()) {
        const YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
        mask.unmask(root, yaml);
        ScenarioReader reader(fileName, lines, validators);
        scenario = reader.read(root, overrides);
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
