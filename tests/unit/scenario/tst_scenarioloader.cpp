#include "scenario/scenarioloader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;
using Portolan::Routing::Distribution;
using Portolan::Routing::Mode;

Q_DECLARE_METATYPE(Portolan::Scenario::LoadProblem)

namespace {

const QString DataDir = QStringLiteral(PORTOLAN_TEST_DATA_DIR);
const QString ScenariosDir = QStringLiteral(PORTOLAN_SCENARIOS_DIR);
const QString DocsDir = QStringLiteral(PORTOLAN_DOCS_DIR);

QString describeProblems(const QList<LoadProblem> &problems)
{
    QStringList lines;
    for (const LoadProblem &p : problems)
        lines.append(p.toString());
    return lines.join(u'\n');
}

Scenario loadComplete(const QMap<QString, QString> &overrides = {})
{
    QList<LoadProblem> problems;
    const std::optional<Scenario> scenario =
        ScenarioLoader::loadFile(DataDir + u"/complete.yaml"_s, overrides, &problems);
    if (!scenario)
        qWarning().noquote() << describeProblems(problems);
    return scenario.value_or(Scenario{});
}

// A minimal scenario around which the broken-file rows vary one thing.
const QByteArray Base = R"(name: base
providers:
  - {name: amazon, cost: 2}
routers:
  - {id: r1, provider: amazon}
  - {id: r2, provider: amazon}
  - {id: e1, kind: edge, uplinks: [r1]}
)";

} // namespace

class tst_ScenarioLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeFile();
    void completeFileRouters();
    void completeFileEntities();
    void completeFileTimelineAndExpectations();
    void overridesChangeRepeatsAndValues();
    void overrideProblems_data();
    void overrideProblems();
    void defaultsAreFilled();
    void expressionsWhereYamlSeesStructure_data();
    void expressionsWhereYamlSeesStructure();
    void brokenFiles_data();
    void brokenFiles();
    void everyProblemIsReported();
    void remoteNodes();
    void referencesResolve();
    void repeatedItemReportsOnce();
    void validatorsPlugIn();
    void unreadableFile();
    void problemText_data();
    void problemText();
    void shippedScenarios_data();
    void shippedScenarios();
    void documentedExample();
};

// The complete test file loads with its header sections, parameters, providers, map and
// distributions exactly as written, defaults filled where fields were left out.
void tst_ScenarioLoader::completeFile()
{
    const Scenario s = loadComplete();
    QCOMPARE(s.name, u"Complete - every field"_s);
    QCOMPARE(s.file, QFileInfo(DataDir + u"/complete.yaml"_s).absoluteFilePath());
    QCOMPARE(s.description, u"Two backbones, four edge routers, stores, a factory and traffic.\n"
                            u"Used by the loader's unit test.\n"_s);

    const QMap<QString, QJsonValue> parameters{
        {u"stores"_s, 6}, {u"answerTimeoutMs"_s, 800}, {u"half"_s, 3}, {u"item"_s, u"cutlass"_s}, {u"fast"_s, false}};
    QCOMPARE(s.parameters, parameters);
    QCOMPARE(s.durationMs, 40'000);

    QCOMPARE(s.providers.size(), 3);
    QCOMPARE(s.providers.at(0).name, u"cheapnet"_s);
    QCOMPARE(s.providers.at(0).cost, 1);
    QCOMPARE(s.providers.at(0).color, QColor(0x2e, 0x86, 0xde));
    QCOMPARE(s.providers.at(1).name, u"premium"_s);
    QCOMPARE(s.providers.at(1).cost, 4);
    QCOMPARE(s.providers.at(1).color, QColor::fromString("darkorange"));
    QCOMPARE(s.providers.at(1).where.toString(), DataDir + u"/complete.yaml:18:5"_s);
    QCOMPARE(s.providers.at(2).name, u"spare"_s);
    QCOMPARE(s.providers.at(2).cost, 1);
    QVERIFY(s.providers.at(2).color.isValid());
    QVERIFY(s.providers.at(2).color != s.providers.at(0).color);
    QVERIFY(s.providers.at(2).color != s.providers.at(1).color);

    QCOMPARE(s.map.image, u"maps/harbour.svg"_s);
    QCOMPARE(s.map.width, 1200.0);
    QCOMPARE(s.map.height, 800.0);

    const QList<Distribution> distributions{
        {u"/all-stores"_s, Mode::Multicast, true}, {u"/factories"_s, Mode::Balanced, true},
        {u"/positions"_s, Mode::Multicast, false}, {u"/orders"_s, Mode::Keyed, true},
        {u"/audit"_s, Mode::Multicast, false},     {u"/store"_s, Mode::Closest, true},
    };
    QCOMPARE(s.distributions, distributions);
}

// Routers: kinds, providers, positions in both notations, a repeated edge router with
// expressions in its id, position, uplinks and HTTP port, and the links with their costs.
void tst_ScenarioLoader::completeFileRouters()
{
    const Scenario s = loadComplete();
    QStringList ids;
    for (const Router &r : s.routers)
        ids.append(r.id);
    QCOMPARE(ids, (QStringList{u"r1"_s, u"r2"_s, u"r3"_s, u"e1"_s, u"e2"_s, u"e3"_s, u"e4"_s, u"lonely"_s}));

    const Router *r1 = s.router(u"r1"_s);
    QCOMPARE(r1->kind, u"interior"_s);
    QCOMPARE(r1->provider, u"cheapnet"_s);
    QCOMPARE(r1->position, QPointF(300, 200));
    QCOMPARE(r1->label, u"Cheapnet core 1"_s);
    QCOMPARE(r1->httpPort, std::nullopt);
    QVERIFY(r1->uplinks.isEmpty());

    const Router *r3 = s.router(u"r3"_s);
    QCOMPARE(r3->position, QPointF(400, 400));
    QCOMPARE(r3->where.line, 42);
    QCOMPARE(r3->where.column, 5);

    const Router *e1 = s.router(u"e1"_s);
    QCOMPARE(e1->kind, u"edge"_s);
    QCOMPARE(e1->position, QPointF(300, 600));
    QCOMPARE(e1->httpPort, std::optional<quint16>(18080));
    QCOMPARE(e1->uplinks.size(), 2);
    QCOMPARE(e1->uplinks.at(0).router, u"r1"_s);
    QCOMPARE(e1->uplinks.at(0).provider, u"cheapnet"_s);   // the edge router's own
    QCOMPARE(e1->uplinks.at(0).cost, 1);                   // that provider's cost
    QCOMPARE(e1->uplinks.at(1).router, u"r3"_s);
    QCOMPARE(e1->uplinks.at(1).provider, u"premium"_s);
    QCOMPARE(e1->uplinks.at(1).cost, 3);

    const Router *e2 = s.router(u"e2"_s);
    QCOMPARE(e2->position, QPointF(500, 600));
    QCOMPARE(e2->uplinks.at(0).router, u"r2"_s);
    QCOMPARE(e2->httpPort, std::optional<quint16>(0));   // "any"

    // No position: placed on the ellipse round the map's centre (the only one, at the top).
    const Router *lonely = s.router(u"lonely"_s);
    QCOMPARE(lonely->kind, u"interior"_s);
    QCOMPARE(lonely->position.x(), 600.0);
    QCOMPARE(lonely->position.y(), 400.0 - 0.35 * 800);

    QCOMPARE(s.links.size(), 4);
    QCOMPARE(s.links.at(0).from, u"r1"_s);
    QCOMPARE(s.links.at(0).to, u"r2"_s);
    QCOMPARE(s.links.at(0).provider, u"cheapnet"_s);
    QCOMPARE(s.links.at(0).cost, 1);   // from the provider
    QCOMPARE(s.links.at(1).cost, 5);
    QCOMPARE(s.links.at(1).provider, u"premium"_s);
    QCOMPARE(s.links.at(1).where.toString(), DataDir + u"/complete.yaml:55:5"_s);
    QCOMPARE(s.links.at(2).provider, QString());   // r2 and r3 are on different backbones
    QCOMPARE(s.links.at(2).cost, 1);
    QCOMPARE(s.links.at(3).to, u"lonely"_s);
    QCOMPARE(s.links.at(3).provider, u"premium"_s);
    QCOMPARE(s.links.at(3).cost, 4);
}

// Entities: a repeat expands with ${i} in every field, params become typed JSON (quoted
// expressions keep their type, quoted text stays text), positions reach the role's
// params, and traffic entries become generator entities.
void tst_ScenarioLoader::completeFileEntities()
{
    const Scenario s = loadComplete();
    QStringList ids;
    for (const Entity &e : s.entities)
        ids.append(e.id);
    QCOMPARE(ids, (QStringList{u"store-1"_s, u"store-2"_s, u"store-3"_s, u"store-4"_s, u"store-5"_s, u"store-6"_s,
                               u"factory-1"_s, u"worker-1"_s, u"orders"_s, u"positions"_s}));

    const Entity *store3 = s.entity(u"store-3"_s);
    QCOMPARE(store3->role, u"store"_s);
    QCOMPARE(store3->routers, QStringList{u"e3"_s});
    QCOMPARE(store3->position, QPointF(280, 200));
    QCOMPARE(store3->label, u"Store 3"_s);
    QCOMPARE(store3->where.line, 60);
    const QJsonObject params3{
        {u"number"_s, 3},
        {u"answerTimeoutMs"_s, 800},
        {u"inventory"_s, QJsonObject{{u"cutlass"_s, 0}, {u"tricorn"_s, 2}}},
        {u"nearby"_s, QJsonArray{4}},
        {u"motto"_s, u"Arr, store 3"_s},
        {u"code"_s, u"007"_s},
        {u"position"_s, QJsonArray{280, 200}},
    };
    QCOMPARE(store3->params, params3);

    const Entity *store5 = s.entity(u"store-5"_s);
    QCOMPARE(store5->routers, QStringList{u"e1"_s});
    QCOMPARE(store5->position, QPointF(400, 400));
    const Entity *store6 = s.entity(u"store-6"_s);
    QCOMPARE(store6->params.value(u"inventory"_s).toObject().value(u"cutlass"_s), QJsonValue(1));
    QCOMPARE(store6->params.value(u"nearby"_s), QJsonValue(QJsonArray{1}));

    const Entity *factory = s.entity(u"factory-1"_s);
    QCOMPARE(factory->routers, (QStringList{u"e1"_s, u"e2"_s}));
    QCOMPARE(factory->position, QPointF(900, 100));   // taken from params.position
    QCOMPARE(factory->params.value(u"buildMs"_s), QJsonValue(1000));

    const Entity *worker = s.entity(u"worker-1"_s);
    QCOMPARE(worker->position, QPointF(500, 200));   // at its router
    QCOMPARE(worker->params.value(u"position"_s), QJsonValue(QJsonArray{500, 200}));
    QCOMPARE(worker->params.value(u"replies"_s), QJsonValue(true));
    QCOMPARE(worker->label, QString());

    const Entity *orders = s.entity(u"orders"_s);
    QCOMPARE(orders->role, u"generator"_s);
    QCOMPARE(orders->routers, QStringList{u"e1"_s});
    QCOMPARE(orders->position, QPointF(50, 50));
    QCOMPARE(orders->label, u"Order source"_s);
    const QJsonObject generator{
        {u"address"_s, u"/factories/orders"_s},
        {u"rate"_s, 2.5},
        {u"count"_s, 100},
        {u"bodyBytes"_s, 64},
        {u"key"_s, u"order-{n}"_s},
        {u"keys"_s, 8},
        {u"replyTo"_s, u"/orders-back"_s},
        {u"method"_s, u"POST"_s},
        {u"startDelayMs"_s, 1500},
        {u"position"_s, QJsonArray{50, 50}},
    };
    QCOMPARE(orders->params, generator);

    const Entity *positions = s.entity(u"positions"_s);
    QCOMPARE(positions->position, QPointF(400, 400));
    QCOMPARE(positions->params.value(u"body"_s), QJsonValue(QJsonObject{{u"truck"_s, 1}, {u"at"_s, QJsonArray{1, 2}}}));
}

// The timeline is sorted by time (ties keep file order), every time notation is read,
// the other keys of a step are its args, and expectations keep their args.
void tst_ScenarioLoader::completeFileTimelineAndExpectations()
{
    const Scenario s = loadComplete();
    QCOMPARE(s.timeline.size(), 5);
    QList<qint64> times;
    QStringList actions;
    for (const Step &step : s.timeline) {
        times.append(step.atMs);
        actions.append(step.action);
    }
    QCOMPARE(times, (QList<qint64>{250, 2000, 10'000, 10'000, 30'000}));
    QCOMPARE(actions,
             (QStringList{u"fail-node"_s, u"request"_s, u"cut-link"_s, u"fail-provider"_s, u"restore-link"_s}));

    const Step &find = s.timeline.at(1);
    QCOMPARE(find.name, u"find-1"_s);
    QCOMPARE(find.caption, u"Iteration 1: no failures"_s);
    QCOMPARE(find.where.line, 104);
    const QJsonObject findArgs{
        {u"router"_s, u"e1"_s},
        {u"method"_s, u"POST"_s},
        {u"path"_s, u"/store/1/find"_s},
        {u"body"_s,
         QJsonObject{{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"peaches"_s}, {u"quantity"_s, 1}, {u"rush"_s, true}}},
    };
    QCOMPARE(find.args, findArgs);
    QCOMPARE(s.timeline.at(2).args, (QJsonObject{{u"link"_s, QJsonArray{u"r1"_s, u"r2"_s}}}));
    QCOMPARE(s.timeline.at(2).caption, u"A backbone link fails"_s);
    QCOMPARE(s.timeline.at(3).args, (QJsonObject{{u"provider"_s, u"premium"_s}}));
    QCOMPARE(s.timeline.at(4).caption, u"Costs ${not an expression}"_s);
    QCOMPARE(s.timeline.at(0).caption, QString());

    QCOMPARE(s.expectations.size(), 2);
    QCOMPARE(s.expectations.at(0).name, u"Every store answered"_s);
    QCOMPARE(s.expectations.at(0).kind, u"request"_s);
    const QJsonObject expectationArgs{
        {u"request"_s, u"find-1"_s}, {u"status"_s, 200}, {u"json"_s, QJsonObject{{u"answers"_s, 6}}}};
    QCOMPARE(s.expectations.at(0).args, expectationArgs);
    QCOMPARE(s.expectations.at(1).name, u"no-loss"_s);   // the kind when unnamed
    QCOMPARE(s.expectations.at(1).args, (QJsonObject{{u"node"_s, u"factory-1"_s}}));
}

// --set overrides replace parameter defaults before anything uses them: repeat counts,
// parameters computed from them and every value that refers to them follow.
void tst_ScenarioLoader::overridesChangeRepeatsAndValues()
{
    const Scenario s = loadComplete({{u"stores"_s, u"9"_s}, {u"item"_s, u"tunic"_s}, {u"fast"_s, u"true"_s}});
    QCOMPARE(s.parameters.value(u"stores"_s), QJsonValue(9));
    QCOMPARE(s.parameters.value(u"half"_s), QJsonValue(4.5));
    QCOMPARE(s.parameters.value(u"item"_s), QJsonValue(u"tunic"_s));
    QCOMPARE(s.parameters.value(u"fast"_s), QJsonValue(true));

    int stores = 0;
    for (const Entity &e : s.entities)
        stores += e.role == u"store" ? 1 : 0;
    QCOMPARE(stores, 9);
    QVERIFY(s.entity(u"store-9"_s));
    QCOMPARE(s.entity(u"store-9"_s)->routers, QStringList{u"e1"_s});
    QCOMPARE(s.entity(u"store-9"_s)->params.value(u"nearby"_s), QJsonValue(QJsonArray{1}));
    QCOMPARE(s.timeline.at(1).args.value(u"body"_s).toObject().value(u"item"_s), QJsonValue(u"tunic"_s));
    QCOMPARE(s.expectations.at(0).args.value(u"json"_s).toObject().value(u"answers"_s), QJsonValue(9));

    // A text parameter stays text whatever the override looks like.
    const Scenario numeric = loadComplete({{u"item"_s, u"42"_s}});
    QCOMPARE(numeric.parameters.value(u"item"_s), QJsonValue(u"42"_s));

    // Fewer stores: fewer entities, and references follow: with no store 3 the step that
    // fails it refers to an unknown node.
    const Scenario three = loadComplete({{u"stores"_s, u"3"_s}});
    QCOMPARE(three.entities.size(), 7);
    QVERIFY(three.entity(u"store-3"_s));
    QVERIFY(!three.entity(u"store-4"_s));
    QList<LoadProblem> problems;
    QVERIFY(!ScenarioLoader::loadFile(DataDir + u"/complete.yaml"_s, {{u"stores"_s, u"0"_s}}, &problems));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().toString(),
             DataDir + u"/complete.yaml:114:40: timeline[4].node: unknown node 'store-3'"_s);
}

// Overrides that name no parameter, or do not fit the parameter's kind, are problems.
void tst_ScenarioLoader::overrideProblems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");

    const QString file = DataDir + u"/complete.yaml"_s;
    QTest::newRow("unknown parameter")
        << u"storez"_s << u"3"_s
        << file + u": --set storez: the scenario has no parameter 'storez'; did you mean 'stores'?"_s;
    QTest::newRow("text for a number") << u"stores"_s << u"many"_s
                                       << file
                                              + u": --set stores: expected a number like the default 6, got \"many\""_s;
    QTest::newRow("number for a bool") << u"fast"_s << u"1"_s
                                       << file + u": --set fast: expected true or false like the default, got 1"_s;
    QTest::newRow("bad expression") << u"stores"_s << u"${nope}"_s
                                    << file + u": --set stores: in ${nope}: ReferenceError: nope is not defined"_s;
    QTest::newRow("too many stores")
        << u"stores"_s << u"10001"_s
        << file + u":61:13: entities[0].repeat: expected an integer from 0 to 10000, got 10001"_s;
}

void tst_ScenarioLoader::overrideProblems()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, problem);

    QList<LoadProblem> problems;
    const std::optional<Scenario> s =
        ScenarioLoader::loadFile(DataDir + u"/complete.yaml"_s, {{name, value}}, &problems);
    QVERIFY(!s);
    QVERIFY2(!problems.isEmpty(), "no problem reported");
    QCOMPARE(problems.first().toString(), problem);
}

// Fields left out get their documented defaults: router kind, link and uplink cost and
// provider, distribution mode and acks, map size, and a duration of last step + 5 s.
void tst_ScenarioLoader::defaultsAreFilled()
{
    const QByteArray yaml = R"(name: defaults
providers:
  - {name: aws, cost: 7}
  - {name: gcp, cost: 2}
distributions:
  - {prefix: /x}
routers:
  - {id: r1, provider: aws}
  - {id: r2, provider: aws}
  - {id: r3, provider: gcp}
  - {id: r4}
  - {id: e1, kind: edge, uplinks: [r1, r3], provider: gcp}
  - {id: e2, kind: edge, uplinks: [r3, {router: r4, cost: 9}]}
links:
  - {between: [r1, r2]}
  - {between: [r2, r3]}
  - {between: [r3, r4], provider: aws}
entities:
  - {id: w, role: worker, router: e2}
timeline:
  - {at: 3s, action: a}
  - {at: 1s, action: b}
)";
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"defaults.yaml"_s, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    QVERIFY(problems.isEmpty());
    QCOMPARE(s->file, u"defaults.yaml"_s);
    QCOMPARE(s->description, QString());
    QVERIFY(s->parameters.isEmpty());
    QCOMPARE(s->map.width, 1000.0);
    QCOMPARE(s->map.height, 700.0);
    QCOMPARE(s->map.image, QString());
    QCOMPARE(s->distributions, (QList<Distribution>{{u"/x"_s, Mode::Closest, true}}));
    QCOMPARE(s->router(u"r1"_s)->kind, u"interior"_s);
    QCOMPARE(s->router(u"r1"_s)->label, QString());

    // Links: the shared provider and its cost; different providers: none, cost 1.
    QCOMPARE(s->links.at(0).provider, u"aws"_s);
    QCOMPARE(s->links.at(0).cost, 7);
    QCOMPARE(s->links.at(1).provider, QString());
    QCOMPARE(s->links.at(1).cost, 1);
    QCOMPARE(s->links.at(2).cost, 7);

    // Uplinks: the edge router's provider; without one, the interior router's.
    const Router *e1 = s->router(u"e1"_s);
    QCOMPARE(e1->uplinks.at(0).provider, u"gcp"_s);
    QCOMPARE(e1->uplinks.at(0).cost, 2);
    QCOMPARE(e1->uplinks.at(1).provider, u"gcp"_s);
    const Router *e2 = s->router(u"e2"_s);
    QCOMPARE(e2->uplinks.at(0).provider, u"gcp"_s);
    QCOMPARE(e2->uplinks.at(0).cost, 2);
    QCOMPARE(e2->uplinks.at(1).provider, QString());
    QCOMPARE(e2->uplinks.at(1).cost, 9);

    // Unplaced routers spread round the map; the entity sits at its router.
    QCOMPARE(s->router(u"r1"_s)->position, QPointF(500, 700 / 2.0 - 0.35 * 700));
    QVERIFY(s->router(u"r2"_s)->position != s->router(u"r1"_s)->position);
    QCOMPARE(s->entity(u"w"_s)->position, s->router(u"e2"_s)->position);

    QCOMPARE(s->timeline.at(0).action, u"b"_s);
    QCOMPARE(s->durationMs, 3000 + ScenarioLoader::SettleMs);
}

// ${...} may stand unquoted where YAML would read its braces, commas, colons or hashes as
// structure (flow lists and maps, ": " in a ternary), and quoted scalars keep YAML's
// escapes; text that only looks like the loader's placeholders stays as written.
void tst_ScenarioLoader::expressionsWhereYamlSeesStructure_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("flow list") << QByteArray("[${n}, ${n * 2}]") << QJsonValue(QJsonArray{3, 6});
    QTest::newRow("flow map with a ternary")
        << QByteArray("{a: ${n == 3 ? 1 : 0}, b: 2}") << QJsonValue(QJsonObject{{u"a"_s, 1}, {u"b"_s, 2}});
    QTest::newRow("ternary in block context") << QByteArray("${n == 3 ? 'yes' : 'no'}") << QJsonValue(u"yes"_s);
    QTest::newRow("hash in an expression")
        << QByteArray("${[n, '# no comment'].join(' ')}") << QJsonValue(u"3 # no comment"_s);
    QTest::newRow("text around it in a flow list")
        << QByteArray("[store-${n}, x]") << QJsonValue(QJsonArray{u"store-3"_s, u"x"_s});
    QTest::newRow("single-quoted, doubled quotes") << QByteArray("'${n == 3 ? ''x'' : ''y''}'") << QJsonValue(u"x"_s);
    QTest::newRow("double-quoted, escaped quotes")
        << QByteArray("\"${n == 3 ? \\\"x\\\" : 'y'}\"") << QJsonValue(u"x"_s);
    QTest::newRow("double-quoted, tab escape") << QByteArray("\"${'a\\tb'}\"") << QJsonValue(u"a\tb"_s);
    QTest::newRow("escaped, not an expression") << QByteArray("\"$${n}\"") << QJsonValue(u"${n}"_s);
    QTest::newRow("looks like a placeholder") << QByteArray("[$^0^, ${n}]") << QJsonValue(QJsonArray{u"$^0^"_s, 3});
}

void tst_ScenarioLoader::expressionsWhereYamlSeesStructure()
{
    QFETCH(QByteArray, value);
    QFETCH(QJsonValue, expected);

    const QByteArray yaml = Base
                            + "parameters: {n: 3}\nentities:\n  - id: s\n    role: store\n    router: e1\n"
                              "    params:\n      v: "
                            + value + "\n      after: [1, {x: 2}]\n";
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"x.yaml"_s, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    QCOMPARE(s->entities.at(0).params.value(u"v"_s), expected);
    QCOMPARE(s->entities.at(0).params.value(u"after"_s), QJsonValue(QJsonArray{1, QJsonObject{{u"x"_s, 2}}}));
}

// Each kind of mistake is reported at the line and column of the YAML node at fault, with
// a message that says what is wrong.
void tst_ScenarioLoader::brokenFiles_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("messageStart");

    QTest::newRow("YAML syntax error") << QByteArray("name: x\nrouters: [r1, r2\nlinks: []\n") << u"3:6"_s
                                       << u"YAML syntax error: end of sequence flow not found"_s;
    QTest::newRow("non-ASCII expression unquoted in a flow list")
        << QByteArray("name: x\nrouters:\n  - {id: r1, position: [${'\xc3\xa9'.length}, 2]}\n") << u"3:26"_s
        << u"YAML syntax error: "_s;
    QTest::newRow("column in characters")
        << QByteArray("name: x\nrouters:\n  - {id: r1, label: Caf\xc3\xa9, kind: egde}\n") << u"3:33"_s
        << u"routers[0].kind: 'egde' is none of interior, edge"_s;
    QTest::newRow("empty file") << QByteArray("# nothing yet\n") << u"1:1"_s << u"the file is empty"_s;
    QTest::newRow("a list, not a map") << QByteArray("- name: x\n") << u"1:1"_s
                                       << u"expected a map with the keys name, "_s;
    QTest::newRow("two documents") << QByteArray("name: x\n---\nname: y\n") << u"3:1"_s
                                   << u"a scenario file holds one YAML document"_s;
    QTest::newRow("missing name") << QByteArray("description: no name\nrouters:\n  - id: r1\n") << u"1:1"_s
                                  << u"missing required key 'name'"_s;
    QTest::newRow("unknown top-level key")
        << QByteArray("name: x\nrotuers: []\n") << u"2:1"_s << u"unknown key 'rotuers'; did you mean 'routers'?"_s;
    QTest::newRow("unknown key") << Base + "links:\n  - {between: [r1, r2], cots: 3}\n"
                                 << u"9:25"_s << u"unknown key 'cots' in links[0]; did you mean 'cost'?"_s;
    QTest::newRow("duplicate key") << Base + "links:\n  - {between: [r1, r2], cost: 1, cost: 2}\n"
                                   << u"9:34"_s << u"duplicate key 'cost' in links[0] (first at "_s;
    QTest::newRow("wrong type") << Base + "links:\n  - {between: [r1, r2], cost: five}\n"
                                << u"9:31"_s << u"links[0].cost: expected a non-negative integer, got \"five\""_s;
    QTest::newRow("quoted number") << Base + "links:\n  - {between: [r1, r2], cost: \"5\"}\n"
                                   << u"9:31"_s << u"links[0].cost: expected a non-negative integer, got \"5\""_s;
    QTest::newRow("negative cost") << Base + "links:\n  - {between: [r1, r2], cost: -3}\n"
                                   << u"9:31"_s << u"links[0].cost: expected a non-negative integer, got -3"_s;
    QTest::newRow("unknown router in link") << Base + "links:\n  - {between: [r1, r9]}\n"
                                            << u"9:20"_s << u"links[0].between[1]: unknown router 'r9'"_s;
    QTest::newRow("link to an edge router") << Base + "links:\n  - {between: [e1, r2]}\n"
                                            << u"9:16"_s << u"links[0].between[0]: 'e1' is an edge router"_s;
    QTest::newRow("link twice") << Base + "links:\n  - {between: [r1, r2]}\n  - {between: [r2, r1]}\n"
                                << u"10:15"_s << u"links[1].between: 'r2' and 'r1' are already linked"_s;
    QTest::newRow("unknown provider") << Base + "  - {id: r3, provider: amazn}\n"
                                      << u"8:24"_s
                                      << u"routers[3].provider: unknown provider 'amazn'; did you mean 'amazon'?"_s;
    QTest::newRow("attach: not a ws URL") << Base + "  - {id: r3, attach: \"http://h:7101/?token=t\"}\n"
                                          << u"8:22"_s << u"routers[3].attach: a control URL starts with ws://"_s;
    QTest::newRow("attach: no token") << Base + "  - {id: r3, attach: \"ws://h:7101/\"}\n"
                                      << u"8:22"_s << u"routers[3].attach: the control URL 'ws://h:7101/' has no token"_s;
    QTest::newRow("attach: no port") << Base + "  - {id: r3, attach: \"ws://h/?token=t\"}\n"
                                     << u"8:22"_s << u"routers[3].attach: the control URL 'ws://h/?token=t' names no port"_s;
    QTest::newRow("link address without attach") << Base + "  - {id: r3, link: \"h:7001\"}\n"
                                                 << u"8:20"_s << u"routers[3].link: a link address is for a router on another host"_s;
    QTest::newRow("link address without port")
        << Base + "  - {id: r3, attach: \"ws://h:7101/?token=t\", link: h}\n"
        << u"8:52"_s << u"routers[3].link: 'h' is not a link address (HOST:PORT)"_s;
    QTest::newRow("local router dials a remote one without its link address")
        << Base + "  - {id: r3, attach: \"ws://h:7101/?token=t\"}\nlinks:\n  - {between: [r1, r3]}\n"
        << u"10:5"_s << u"'r1' dials 'r3' on another host: give 'r3' its link address"_s;
    QTest::newRow("remote router dials a local one")
        << Base + "  - {id: r3, attach: \"ws://h:7101/?token=t\", link: \"h:7001\"}\nlinks:\n  - {between: [r3, r1]}\n"
        << u"10:5"_s << u"'r3' runs on another host and cannot dial 'r1'"_s;
    QTest::newRow("local entity at a remote router without its link address")
        << Base + "  - {id: r3, attach: \"ws://h:7101/?token=t\"}\nentities:\n  - {id: w, role: worker, router: r3}\n"
        << u"10:5"_s << u"'w' dials 'r3' on another host: give 'r3' its link address"_s;
    QTest::newRow("unknown router of an entity") << Base + "entities:\n  - {id: s1, role: store, router: e7}\n"
                                                 << u"9:35"_s << u"entities[0].router: unknown router 'e7'"_s;
    QTest::newRow("duplicate id") << Base + "entities:\n  - {id: r2, role: store, router: e1}\n"
                                  << u"9:10"_s << u"entities[0].id: duplicate id 'r2' (first at "_s;
    QTest::newRow("unusable id") << Base + "entities:\n  - {id: store 1, role: store, router: e1}\n"
                                 << u"9:10"_s << u"entities[0].id: 'store 1' is no usable id"_s;
    QTest::newRow("edge uplink to an edge")
        << Base + "  - {id: e2, kind: edge, uplinks: [r2, e1]}\n"
        << u"8:40"_s << u"routers[3].uplinks[1]: 'e1' is an edge router; uplinks go to interior routers"_s;
    QTest::newRow("uplinks on an interior router")
        << Base + "  - {id: r3, uplinks: [r1]}\n"
        << u"8:23"_s << u"routers[3].uplinks: only edge routers have uplinks"_s;
    QTest::newRow("unknown kind") << Base + "  - {id: r3, kind: egde}\n"
                                  << u"8:20"_s
                                  << u"routers[3].kind: 'egde' is none of interior, edge; did you mean 'edge'?"_s;
    QTest::newRow("port taken") << Base
                                       + "  - {id: e2, kind: edge, uplinks: [r1], http: 8080}\n  - {id: e3, kind: "
                                         "edge, uplinks: [r1], http: 8080}\n"
                                << u"9:47"_s << u"routers[4].http: HTTP port 8080 is already taken by router 'e2'"_s;
    QTest::newRow("bad time") << Base + "timeline:\n  - {at: 5 parsecs, action: cut-link}\n"
                              << u"9:10"_s << u"timeline[0].at: bad time '5 parsecs': write a number of milliseconds"_s;
    QTest::newRow("negative time") << Base + "timeline:\n  - {at: -2s, action: cut-link}\n"
                                   << u"9:10"_s << u"timeline[0].at: bad time '-2s'"_s;
    QTest::newRow("duration before the last step")
        << Base + "duration: 5s\ntimeline:\n  - {at: 6s, action: x}\n"
        << u"8:11"_s << u"duration: the run would end at 5000 ms, before the last step at 6000 ms"_s;
    QTest::newRow("repeat not a number") << Base + "entities:\n  - {id: s, repeat: lots, role: store, router: e1}\n"
                                         << u"9:21"_s
                                         << u"entities[0].repeat: expected an integer from 0 to 10000, got \"lots\""_s;
    QTest::newRow("repeat over the cap") << Base + "entities:\n  - {id: s, repeat: 10001, role: store, router: e1}\n"
                                         << u"9:21"_s
                                         << u"entities[0].repeat: expected an integer from 0 to 10000, got 10001"_s;
    QTest::newRow("expression error")
        << Base + "entities:\n  - id: s\n    role: store\n    router: e1\n    position: [\"${100 + j}\", 5]\n"
        << u"12:16"_s << u"entities[0].position[0]: in ${100 + j}: ReferenceError: j is not defined"_s;
    QTest::newRow("expression syntax error") << Base + "entities:\n  - {id: \"${'s' +}\", role: store, router: e1}\n"
                                             << u"9:10"_s << u"entities[0].id: in ${'s' +}: SyntaxError"_s;
    QTest::newRow("counter outside a repeat")
        << Base + "entities:\n  - {id: \"s-${i}\", role: store, router: e1}\n"
        << u"9:10"_s << u"entities[0].id: in ${i}: ReferenceError: i is not defined"_s;
    QTest::newRow("position not a pair")
        << Base + "entities:\n  - {id: s, role: store, router: e1, position: [1, two]}\n"
        << u"9:52"_s << u"entities[0].position[1]: expected a number, got \"two\""_s;
    QTest::newRow("params not a map") << Base + "entities:\n  - {id: s, role: store, router: e1, params: [1]}\n"
                                      << u"9:46"_s
                                      << u"entities[0].params: expected a map of the role's params, got a list"_s;
    QTest::newRow("entity without router") << Base + "entities:\n  - {id: s, role: store}\n"
                                           << u"9:5"_s << u"entities[0]: missing required key 'router'"_s;
    QTest::newRow("traffic without address") << Base + "traffic:\n  - {id: t, router: e1, rate: 3}\n"
                                             << u"9:5"_s << u"traffic[0]: missing required key 'address'"_s;
    QTest::newRow("timeline step without action") << Base + "timeline:\n  - {at: 1s, caption: nothing happens}\n"
                                                  << u"9:5"_s << u"timeline[0]: missing required key 'action'"_s;
    QTest::newRow("misspelt action key")
        << Base + "timeline:\n  - {at: 1s, actoin: cut-link}\n"
        << u"9:5"_s << u"timeline[0]: missing required key 'action' (is 'actoin' a misspelling?)"_s;
    QTest::newRow("step refers to an unknown node") << Base + "timeline:\n  - {at: 1s, action: fail-node, node: r7}\n"
                                                    << u"9:39"_s << u"timeline[0].node: unknown node 'r7'"_s;
    QTest::newRow("step cuts a link that is not there")
        << Base + "timeline:\n  - {at: 1s, action: cut-link, link: [r1, r2]}\n"
        << u"9:38"_s << u"timeline[0].link: no link, uplink or attachment joins 'r1' and 'r2'"_s;
    QTest::newRow("expectation names no step")
        << Base + "expectations:\n  - {kind: request, request: find-2}\n"
        << u"9:30"_s << u"expectations[0].request: unknown timeline step 'find-2'"_s;
    QTest::newRow("node pattern matches nothing")
        << Base + "expectations:\n  - {kind: events, event: x, node: \"store-*\"}\n"
        << u"9:36"_s << u"expectations[0].node: no node matches 'store-*'"_s;
    QTest::newRow("unacked and acked") << Base + "distributions:\n  - {prefix: /p, mode: unacked, acked: true}\n"
                                       << u"9:40"_s
                                       << u"distributions[0].acked: mode unacked is multicast without acks"_s;
    QTest::newRow("prefix without slash")
        << Base + "distributions:\n  - {prefix: p, mode: closest}\n"
        << u"9:14"_s << u"distributions[0].prefix: an address prefix starts with '/'"_s;
    QTest::newRow("bad colour") << QByteArray("name: x\nproviders:\n  - {name: p, color: blurple}\n") << u"3:22"_s
                                << u"providers[0].color: 'blurple' is no colour"_s;
    QTest::newRow("parameter named like a counter") << QByteArray("name: x\nparameters:\n  i: 3\n") << u"3:6"_s
                                                    << u"parameters.i: 'i' is the repeat counter, not a parameter"_s;
}

void tst_ScenarioLoader::brokenFiles()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, location);
    QFETCH(QString, messageStart);

    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"broken.yaml"_s, {}, &problems);
    QVERIFY(!s);
    QVERIFY(!problems.isEmpty());
    const LoadProblem &first = problems.first();
    QVERIFY2(problems.size() == 1, qPrintable(describeProblems(problems)));
    QCOMPARE(first.where.file, u"broken.yaml"_s);
    QCOMPARE(u"%1:%2"_s.arg(first.where.line).arg(first.where.column), location);
    QVERIFY2(first.message.startsWith(messageStart), qPrintable(first.message));
}

// Nodes on other hosts carry their control URL and, for routers local nodes dial, the
// link address; local nodes dial them there, and links between remote nodes are drawn.
void tst_ScenarioLoader::remoteNodes()
{
    const QByteArray yaml = R"(name: attached
routers:
  - {id: far, attach: "ws://10.0.0.5:7101/?token=s3cret", link: "10.0.0.5:7001"}
  - {id: far2, attach: "ws://[::1]:7102/?token=t"}
  - {id: near}
links:
  - {between: [near, far]}
  - {between: [far, far2]}
entities:
  - {id: w, role: worker, router: far2, attach: "ws://10.0.0.7:7201/?token=u"}
  - {id: v, role: worker, router: far}
)";
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"attached.yaml"_s, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    const Router *far = s->router(u"far"_s);
    QCOMPARE(far->remote.host, u"10.0.0.5"_s);
    QCOMPARE(far->remote.controlPort, quint16(7101));
    QCOMPARE(far->remote.token, QByteArray("s3cret"));
    QCOMPARE(far->remote.linkHost, u"10.0.0.5"_s);
    QCOMPARE(far->remote.linkPort, quint16(7001));
    QCOMPARE(s->router(u"far2"_s)->remote.host, u"::1"_s);
    QVERIFY(!s->router(u"far2"_s)->remote.hasLinkAddress());
    QVERIFY(!s->router(u"near"_s)->remote.isRemote());
    QCOMPARE(s->entity(u"w"_s)->remote.controlPort, quint16(7201));
    QVERIFY(!s->entity(u"v"_s)->remote.isRemote());
    QCOMPARE(s->links.size(), 2);
}

// A file with several mistakes reports each of them, in file order, not just the first.
void tst_ScenarioLoader::everyProblemIsReported()
{
    const QByteArray yaml = R"(name: many mistakes
routers:
  - {id: r1, kind: interior}
  - {id: r1}
links:
  - {between: [r1, r5], cost: -1}
entities:
  - {id: s, role: store, router: e9, colour: red}
timeline:
  - {at: soon, action: cut-link}
)";
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"many.yaml"_s, {}, &problems);
    QVERIFY(!s);
    QStringList got;
    for (const LoadProblem &p : std::as_const(problems))
        got.append(p.toString());
    const QStringList expected{
        u"many.yaml:4:10: routers[1].id: duplicate id 'r1' (first at many.yaml:3:10)"_s,
        u"many.yaml:6:20: links[0].between[1]: unknown router 'r5'; did you mean 'r1'?"_s,
        u"many.yaml:6:31: links[0].cost: expected a non-negative integer, got -1"_s,
        u"many.yaml:8:34: entities[0].router: unknown router 'e9'"_s,
        u"many.yaml:8:38: unknown key 'colour' in entities[0]"_s,
        u"many.yaml:10:10: timeline[0].at: bad time 'soon': write a number of milliseconds or a number with ms, s, m or h (250ms, 2s, 1.5s, 1m)"_s,
    };
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(got.at(i), expected.at(i));
}

// Steps and expectations may name nodes a step adds, links between an entity and its
// router, uplinks, and nodes by pattern.
void tst_ScenarioLoader::referencesResolve()
{
    const QByteArray yaml = Base + R"(links:
  - {between: [r1, r2]}
entities:
  - {id: s1, role: store, router: e1}
timeline:
  - {at: 1s, action: add-node, entity: {id: s9, role: store, router: e1}}
  - {at: 2s, action: fail-node, node: s9}
  - {at: 3s, action: cut-link, link: [s1, e1]}
  - {at: 4s, action: cut-link, link: [e1, r1]}
  - {at: 5s, action: cut-link, link: [r2, r1]}
  - {at: 6s, action: provider-down, provider: amazon}
  - {at: 7s, action: request, name: ask, router: e1, path: /x}
expectations:
  - {kind: events, event: x, node: "s*"}
  - {kind: request, request: ask}
  - {kind: telemetry, node: s9, path: data.x}
)";
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"refs.yaml"_s, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    QCOMPARE(s->timeline.size(), 7);
    QCOMPARE(s->timeline.at(0).args.value(u"entity"_s).toObject().value(u"id"_s), QJsonValue(u"s9"_s));
    QCOMPARE(s->expectations.size(), 3);
}

// A mistake in a repeated item is reported once, naming the copy where it showed first.
void tst_ScenarioLoader::repeatedItemReportsOnce()
{
    const QByteArray yaml = Base + R"(entities:
  - id: s-${i}
    repeat: 50
    role: store
    router: "e${i == 3 ? 9 : 1}"
)";
    QList<LoadProblem> problems;
    QVERIFY(!ScenarioLoader::loadText(yaml, u"r.yaml"_s, {}, &problems));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().toString(),
             u"r.yaml:12:13: entities[0].router: unknown router 'e9'; did you mean 'e1'? (with i=3)"_s);

    // Uplinks are checked once every router is known, still once per place in the file.
    const QByteArray uplinks = Base + R"(  - id: "x${i}"
    repeat: 40
    kind: edge
    uplinks: [r1, "r${i + 2}"]
)";
    problems.clear();
    QVERIFY(!ScenarioLoader::loadText(uplinks, u"u.yaml"_s, {}, &problems));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().toString(), u"u.yaml:11:19: routers[3].uplinks[1]: unknown router 'r3' (with i=1)"_s);
}

// Validators from the timeline, expectation and role code reject items, reported at the
// action, kind or role they judged.
void tst_ScenarioLoader::validatorsPlugIn()
{
    const QByteArray yaml = Base + R"(entities:
  - {id: s, role: shop, router: e1}
timeline:
  - {at: 1s, action: explode, router: e1}
  - {at: 2s, action: cut-link, link: [r1, e1]}
expectations:
  - {kind: vibes}
  - {kind: request, status: 200}
)";
    QList<std::pair<QString, QJsonObject>> steps;
    ScenarioLoader::Validators validators;
    validators.step = [&steps](const QString &action, const QJsonObject &args) {
        steps.append({action, args});
        return action == u"explode" ? u"unknown action 'explode'"_s : QString();
    };
    validators.expectation = [](const QString &kind, const QJsonObject &) {
        return kind == u"vibes" ? u"unknown kind 'vibes'"_s : QString();
    };
    validators.entity = [](const QString &role, const QJsonObject &params) {
        return role == u"shop" && params.contains(u"position"_s) ? u"unknown role 'shop'"_s : QString();
    };
    QList<LoadProblem> problems;
    QVERIFY(!ScenarioLoader::loadText(yaml, u"v.yaml"_s, {}, &problems, validators));
    QStringList got;
    for (const LoadProblem &p : std::as_const(problems))
        got.append(p.toString());
    QCOMPARE(got, (QStringList{u"v.yaml:9:19: entities[0].role: unknown role 'shop'"_s,
                               u"v.yaml:11:22: timeline[0].action: unknown action 'explode'"_s,
                               u"v.yaml:14:12: expectations[0].kind: unknown kind 'vibes'"_s}));
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps.at(1).first, u"cut-link"_s);
    QCOMPARE(steps.at(1).second, (QJsonObject{{u"link"_s, QJsonArray{u"r1"_s, u"e1"_s}}}));

    // Without validators the same file is only wrong where the loader itself can tell.
    problems.clear();
    const QByteArray fine = Base + "timeline:\n  - {at: 1s, action: explode}\n";
    QVERIFY(ScenarioLoader::loadText(fine, u"v.yaml"_s, {}, &problems));
    QVERIFY(problems.isEmpty());
}

// A file that cannot be read is one problem naming the file, and no scenario.
void tst_ScenarioLoader::unreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing.yaml"_s);
    QList<LoadProblem> problems;
    QVERIFY(!ScenarioLoader::loadFile(path, {}, &problems));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().where.file, path);
    QCOMPARE(problems.first().where.line, 0);
    QVERIFY2(problems.first().toString().startsWith(path + u": cannot read the file: "_s),
             qPrintable(problems.first().toString()));

    // A null problem list is allowed: the caller only wants to know whether it loads.
    QVERIFY(!ScenarioLoader::loadFile(path, {}, nullptr));
}

// Problems print as "file:line:column: message", or "file: message" without a line.
void tst_ScenarioLoader::problemText_data()
{
    QTest::addColumn<LoadProblem>("problem");
    QTest::addColumn<QString>("text");

    QTest::newRow("located") << LoadProblem{SourceLocation{u"a.yaml"_s, 3, 7}, u"bad"_s} << u"a.yaml:3:7: bad"_s;
    QTest::newRow("file only") << LoadProblem{SourceLocation{u"a.yaml"_s, 0, 0}, u"bad"_s} << u"a.yaml: bad"_s;
    QTest::newRow("nowhere") << LoadProblem{SourceLocation{}, u"bad"_s} << u"bad"_s;
}

void tst_ScenarioLoader::problemText()
{
    QFETCH(LoadProblem, problem);
    QFETCH(QString, text);
    QCOMPARE(problem.toString(), text);
}

// Every scenario shipped in resources/scenarios loads without a problem.
void tst_ScenarioLoader::shippedScenarios_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(ScenariosDir).entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << QDir(ScenariosDir).filePath(file);
    if (files.isEmpty())
        QTest::newRow("none shipped yet") << QString();
}

void tst_ScenarioLoader::shippedScenarios()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("resources/scenarios holds no scenario yet");
    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadFile(path, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    QVERIFY(problems.isEmpty());
    QVERIFY(!s->name.isEmpty());
    QVERIFY(s->durationMs > 0);
}

// The complete example in docs/scenarios.md loads, with the repeats and defaults it
// describes, so the documentation cannot drift from the format.
void tst_ScenarioLoader::documentedExample()
{
    QFile doc(DocsDir + u"/scenarios.md"_s);
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QByteArray text = doc.readAll();
    const qsizetype section = text.indexOf("## A complete example");
    QVERIFY(section >= 0);
    const qsizetype start = text.indexOf("```yaml\n", section);
    QVERIFY(start >= 0);
    const qsizetype end = text.indexOf("```", start + 8);
    QVERIFY(end > start);
    const QByteArray yaml = text.mid(start + 8, end - start - 8);

    QList<LoadProblem> problems;
    const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"scenarios.md"_s, {}, &problems);
    QVERIFY2(s, qPrintable(describeProblems(problems)));
    QCOMPARE(s->routers.size(), 7);
    QCOMPARE(s->entities.size(), 10);   // 8 stores, the accountant, the tills
    QCOMPARE(s->router(u"e1"_s)->httpPort, std::optional<quint16>(8080));
    QCOMPARE(s->router(u"e2"_s)->httpPort, std::nullopt);
    QCOMPARE(s->links.at(1).cost, 4);
    QCOMPARE(s->entity(u"store-6"_s)->params.value(u"inventory"_s).toObject().value(u"cutlass"_s), QJsonValue(1));
    QCOMPARE(s->entity(u"tills"_s)->role, u"generator"_s);
    QCOMPARE(s->expectations.at(0).args.value(u"json"_s).toObject().value(u"chosen"_s), QJsonValue(6));
    QCOMPARE(s->durationMs, 30'000);
}

QTEST_GUILESS_MAIN(tst_ScenarioLoader)
#include "tst_scenarioloader.moc"
