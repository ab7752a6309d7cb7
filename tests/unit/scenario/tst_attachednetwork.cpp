#include "scenario/attachednetwork.h"
#include "scenario/scenarioloader.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Scenario;

namespace {

DiscoveredNode node(const QString &id, const QString &kind, quint16 port, const QJsonObject &telemetry,
                    const QString &role = {})
{
    DiscoveredNode n;
    QString error;
    n.remote = *RemoteNode::fromControlUrl(u"ws://10.0.0.%1:%2/?token=tok"_s.arg(port % 100).arg(port), &error);
    n.id = id;
    n.kind = kind;
    n.role = role.isEmpty() ? kind : role;
    n.telemetry = telemetry;
    return n;
}

QJsonObject link(int cost, const QString &provider, const QString &kind)
{
    return {{u"state"_s, u"up"_s}, {u"cost"_s, cost}, {u"provider"_s, provider}, {u"kind"_s, kind}};
}

// Two interior routers (each reports the link), an edge with two uplinks, a store on
// the edge, and a link to a router nobody attached to.
QList<DiscoveredNode> sample()
{
    return {
        node(u"store-1"_s, u"entity"_s, 7201, {{u"router"_s, u"e1"_s}}, u"store"_s),
        node(u"r2"_s, u"interior"_s, 7102,
             {{u"links"_s, QJsonObject{{u"r1"_s, link(3, u"west"_s, u"interior"_s)},
                                       {u"e1"_s, link(2, u"east"_s, u"edge"_s)}}}}),
        node(u"e1"_s, u"edge"_s, 7103,
             {{u"links"_s, QJsonObject{{u"r1"_s, link(1, u"west"_s, u"interior"_s)},
                                       {u"r2"_s, link(2, u"east"_s, u"interior"_s)}}},
              {u"entities"_s, QJsonObject{{u"store-1"_s, QJsonObject{}}}}}),
        node(u"r1"_s, u"interior"_s, 7101,
             {{u"links"_s, QJsonObject{{u"r2"_s, link(3, u"west"_s, u"interior"_s)},
                                       {u"r9"_s, link(5, u"west"_s, u"interior"_s)},
                                       {u"e1"_s, link(1, u"west"_s, u"edge"_s)}}}}),
    };
}

} // namespace

// The scenario written for nodes found by attaching: loadable, complete, and stable.
class tst_AttachedNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The YAML loads into routers, one link per pair, uplinks, entities and providers,
    // every node attached at its URL.
    void writesALoadableScenario()
    {
        const AttachedNetwork network(sample());
        const QByteArray yaml = network.toYaml(u"Attached"_s, QDateTime(QDate(2026, 11, 26), QTime(4, 30)));
        QList<LoadProblem> problems;
        const std::optional<Scenario> s = ScenarioLoader::loadText(yaml, u"attached.yaml"_s, {}, &problems);
        QVERIFY2(s, problems.isEmpty() ? yaml.constData() : qPrintable(problems.constFirst().toString()));
        QCOMPARE(s->name, u"Attached"_s);
        QCOMPARE(s->routers.size(), 3);
        QCOMPARE(s->routers.at(0).id, u"r1"_s);   // interior first, then edge, by id
        QCOMPARE(s->routers.at(2).id, u"e1"_s);
        QCOMPARE(s->router(u"r1"_s)->remote.controlPort, quint16(7101));
        QCOMPARE(s->router(u"r1"_s)->remote.token, QByteArray("tok"));
        QCOMPARE(s->router(u"r1"_s)->provider, u"west"_s);
        QCOMPARE(s->links.size(), 1);
        QCOMPARE(s->links.constFirst().cost, 3);
        const Router *edge = s->router(u"e1"_s);
        QCOMPARE(edge->kind, u"edge"_s);
        QCOMPARE(edge->uplinks.size(), 2);
        QCOMPARE(edge->uplinks.at(1).router, u"r2"_s);
        QCOMPARE(edge->uplinks.at(1).cost, 2);
        QCOMPARE(edge->uplinks.at(1).provider, u"east"_s);
        QCOMPARE(s->entities.size(), 1);
        QCOMPARE(s->entities.constFirst().role, u"store"_s);
        QCOMPARE(s->entities.constFirst().routers, QStringList{u"e1"_s});
        QCOMPARE(s->entities.constFirst().remote.controlPort, quint16(7201));
        QVERIFY(s->provider(u"west"_s));
        QVERIFY(s->provider(u"east"_s));
        QVERIFY(yaml.startsWith("# Written by portolan --attach on 2026-11-26T04:30:00"));
    }

    // What did not fit is said, once per missing node; the rest is written anyway.
    void namesWhatIsLeftOut()
    {
        QList<DiscoveredNode> nodes = sample();
        nodes.append(node(u"lonely"_s, u"entity"_s, 7209, {{u"router"_s, u"e7"_s}}, u"worker"_s));
        const AttachedNetwork network(nodes);
        const QStringList warnings = network.warnings();
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings.at(0).contains(u"r1 has a link to r9"_s), qPrintable(warnings.at(0)));
        QVERIFY2(warnings.at(1).contains(u"lonely is attached to e7"_s), qPrintable(warnings.at(1)));
        QVERIFY(!network.toYaml(u"x"_s, QDateTime::currentDateTime()).contains("lonely"));
    }

    // The order the URLs came in does not change the file.
    void orderDoesNotMatter()
    {
        QList<DiscoveredNode> reversed = sample();
        std::reverse(reversed.begin(), reversed.end());
        const QDateTime at(QDate(2026, 1, 1), QTime(0, 0));
        QCOMPARE(AttachedNetwork(reversed).toYaml(u"n"_s, at), AttachedNetwork(sample()).toYaml(u"n"_s, at));
    }
};

QTEST_GUILESS_MAIN(tst_AttachedNetwork)
#include "tst_attachednetwork.moc"
