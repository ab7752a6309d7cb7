#include "canvastestscenario.h"
#include "console/canvas/attachmentitem.h"
#include "console/canvas/linkitem.h"
#include "console/canvas/networkscene.h"
#include "console/canvas/nodeitem.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

Q_DECLARE_METATYPE(Portolan::Console::NodeStatus)
Q_DECLARE_METATYPE(Portolan::Console::LinkState)
Q_DECLARE_METATYPE(Portolan::Console::NodeIconLibrary::Icon)

namespace {

QJsonObject routerTelemetry(const QJsonObject &links, const QJsonObject &queues = {})
{
    return QJsonObject{{u"state"_s, u"up"_s}, {u"links"_s, links}, {u"queues"_s, queues}};
}

QJsonObject linkReport(const QString &state, double rateIn = 0, double rateOut = 0, int cost = -1)
{
    QJsonObject link{{u"state"_s, state}, {u"rateIn"_s, rateIn}, {u"rateOut"_s, rateOut}};
    if (cost >= 0)
        link.insert(u"cost"_s, cost);
    return link;
}

QJsonObject entityTelemetry(const QString &router, const QJsonObject &data = {}, const QString &linkState = u"up"_s)
{
    return QJsonObject{{u"state"_s, u"up"_s},
                       {u"router"_s, router},
                       {u"links"_s, QJsonObject{{router, QJsonObject{{u"state"_s, linkState}}}}},
                       {u"data"_s, data}};
}

} // namespace

class tst_NetworkScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void buildsItemsFromScenario();
    void linkAppearance_data();
    void linkAppearance();
    void nodeIcons_data();
    void nodeIcons();
    void routersWearTheirProviderColour();
    void entitiesAttachToTheirPrimaryRouter();
    void statusChangesItemState_data();
    void statusChangesItemState();
    void telemetryIsCoalescedPerFrame();
    void linkStateFromEitherEnd_data();
    void linkStateFromEitherEnd();
    void linkRateIsTheBusierEnd();
    void failedEndDrawsLinkDown();
    void badgesFromQueuesAndBacklog();
    void truckGlidesToReportedPosition_data();
    void truckGlidesToReportedPosition();
    void attachmentFollowsFailover();
    void collapseDevicesIntoRouters();
    void collapsedDeviceFailureShowsOnRouter();
    void traceRevealsHopByHop();
    void traceThroughCollapsedDeviceUsesItsRouter();
    void removeNodeTakesItsLinksAlong();
    void runTimeNodesAndLinks();
    void unknownProviderGetsAColour();
    void nodeAtAndPositions();
    void contextMenuSignalsCarryIds_data();
    void contextMenuSignalsCarryIds();
    void providerDownShowsInTheTable();
    void captionChangeIsSignalled();
    void toolTipsNameTheNode();
    void pictureShowsTheTopology();
    void mapImageOrGrid();

private:
    NetworkScene *m_scene = nullptr;
};

void tst_NetworkScene::init()
{
    m_scene = new NetworkScene;
    m_scene->setScenario(canvasTestScenario());
}

void tst_NetworkScene::cleanup()
{
    delete m_scene;
    m_scene = nullptr;
}

// Every router and entity becomes a node, every link and uplink a link, every entity an attachment line.
void tst_NetworkScene::buildsItemsFromScenario()
{
    QCOMPARE(m_scene->nodeIds().size(), 10);
    QCOMPARE(m_scene->linkCount(), 5);
    for (const QString &entity : {u"store-1"_s, u"truck-1"_s, u"gen-1"_s, u"worker-1"_s, u"sensor-1"_s})
        QVERIFY2(m_scene->attachmentItem(entity), qPrintable(entity));
    QCOMPARE(m_scene->mapRect(), QRectF(0, 0, 800, 600));
    QCOMPARE(m_scene->providers().size(), 2);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->pos(), QPointF(100, 100));
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->label(), u"Cheap west"_s);
    QCOMPARE(m_scene->nodeStatus(u"c1"_s), NodeStatus::Planned);
}

// Links take their provider's colour and cost unless the scenario gives one; uplinks default to the edge router's provider.
void tst_NetworkScene::linkAppearance_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("cost");
    QTest::addColumn<QColor>("color");

    const QColor blue(0x2e, 0x86, 0xde);
    const QColor orange(0xe6, 0x7e, 0x22);
    QTest::newRow("backbone, provider's cost") << u"c1"_s << u"c2"_s << u"cheap"_s << 1 << blue;
    QTest::newRow("backbone, its own cost") << u"c2"_s << u"p1"_s << u"premium"_s << 5 << orange;
    QTest::newRow("uplink inherits the edge's provider") << u"e1"_s << u"c1"_s << u"cheap"_s << 1 << blue;
    QTest::newRow("uplink with its own provider and its cost") << u"e1"_s << u"p1"_s << u"premium"_s << 4 << orange;
    QTest::newRow("uplink with its own cost") << u"e2"_s << u"c2"_s << u"cheap"_s << 3 << blue;
    QTest::newRow("found either way round") << u"c2"_s << u"c1"_s << u"cheap"_s << 1 << blue;
}

void tst_NetworkScene::linkAppearance()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, provider);
    QFETCH(int, cost);
    QFETCH(QColor, color);

    const LinkItem *link = m_scene->linkItem(a, b);
    QVERIFY(link);
    QCOMPARE(link->provider(), provider);
    QCOMPARE(link->cost(), cost);
    QCOMPARE(link->color(), color);
    QCOMPARE(link->state(), LinkState::Unknown);
    QVERIFY(!link->isDashed());
}

// Routers are told apart by kind, entities by role; unknown roles get the generic device icon.
void tst_NetworkScene::nodeIcons_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<NodeIconLibrary::Icon>("icon");
    QTest::newRow("interior router") << u"c1"_s << NodeIconLibrary::Icon::InteriorRouter;
    QTest::newRow("edge router") << u"e1"_s << NodeIconLibrary::Icon::EdgeRouter;
    QTest::newRow("store") << u"store-1"_s << NodeIconLibrary::Icon::Store;
    QTest::newRow("truck") << u"truck-1"_s << NodeIconLibrary::Icon::Truck;
    QTest::newRow("generator") << u"gen-1"_s << NodeIconLibrary::Icon::Generator;
    QTest::newRow("worker") << u"worker-1"_s << NodeIconLibrary::Icon::Worker;
    QTest::newRow("unknown role") << u"sensor-1"_s << NodeIconLibrary::Icon::Device;
}

void tst_NetworkScene::nodeIcons()
{
    QFETCH(QString, id);
    QFETCH(NodeIconLibrary::Icon, icon);
    QVERIFY(m_scene->nodeItem(id));
    QCOMPARE(m_scene->nodeItem(id)->icon(), icon);
}

// A router's ring shows its provider; entities have none.
void tst_NetworkScene::routersWearTheirProviderColour()
{
    QCOMPARE(m_scene->nodeItem(u"p1"_s)->providerColor(), QColor(0xe6, 0x7e, 0x22));
    QCOMPARE(m_scene->nodeItem(u"e2"_s)->providerColor(), QColor(0x2e, 0x86, 0xde));
    QVERIFY(!m_scene->nodeItem(u"store-1"_s)->providerColor().isValid());
}

// An entity's line goes to the first router it lists.
void tst_NetworkScene::entitiesAttachToTheirPrimaryRouter()
{
    const AttachmentItem *attachment = m_scene->attachmentItem(u"truck-1"_s);
    QCOMPARE(attachment->router(), m_scene->nodeItem(u"e2"_s));
    QCOMPARE(attachment->entity(), m_scene->nodeItem(u"truck-1"_s));
    QVERIFY(!attachment->isDashed());
}

// A node's status is drawn on it, and a failed or gone node takes its links and attachments down with it.
void tst_NetworkScene::statusChangesItemState_data()
{
    QTest::addColumn<NodeStatus>("status");
    QTest::addColumn<bool>("linksDown");

    QTest::newRow("starting") << NodeStatus::Starting << false;
    QTest::newRow("up") << NodeStatus::Up << false;
    QTest::newRow("draining") << NodeStatus::Draining << false;
    QTest::newRow("failed") << NodeStatus::Failed << true;
    QTest::newRow("down (process gone)") << NodeStatus::Down << true;
}

void tst_NetworkScene::statusChangesItemState()
{
    QFETCH(NodeStatus, status);
    QFETCH(bool, linksDown);

    m_scene->applyTelemetry(u"c1"_s, routerTelemetry({{u"c2"_s, linkReport(u"up"_s)}}));
    m_scene->flushTelemetry();
    m_scene->setNodeStatus(u"e1"_s, status);
    m_scene->setNodeStatus(u"c1"_s, status);

    QCOMPARE(m_scene->nodeStatus(u"c1"_s), status);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->status(), status);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->isUnreachable(), linksDown);
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"c2"_s)->state(), linksDown ? LinkState::Down : LinkState::Up);
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"c2"_s)->isDashed(), linksDown);
    QCOMPARE(m_scene->attachmentItem(u"store-1"_s)->isDashed(), linksDown);
    QCOMPARE(m_scene->nodeItem(u"c2"_s)->status(), NodeStatus::Planned);
}

// Snapshots arriving between two frames are stored, and only the newest is applied, once, at the frame.
void tst_NetworkScene::telemetryIsCoalescedPerFrame()
{
    QSignalSpy applied(m_scene, &NetworkScene::telemetryApplied);
    for (int depth : {1, 2, 7})
        m_scene->applyTelemetry(u"c1"_s, routerTelemetry({}, {{u"/store/1"_s, depth}}));
    m_scene->applyTelemetry(u"not-on-canvas"_s, routerTelemetry({}));

    QCOMPARE(m_scene->pendingTelemetryCount(), 1);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->queueBadge(), 0);   // nothing drawn before the frame

    QVERIFY(applied.wait(2000));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.first().first().toInt(), 1);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->queueBadge(), 7);
    QCOMPARE(m_scene->pendingTelemetryCount(), 0);
}

// Either end's report decides a link's state: a cut beats down, down beats up; no report is unknown.
void tst_NetworkScene::linkStateFromEitherEnd_data()
{
    QTest::addColumn<QString>("fromC1");
    QTest::addColumn<QString>("fromC2");
    QTest::addColumn<LinkState>("state");
    QTest::addColumn<bool>("dashed");

    QTest::newRow("both up") << u"up"_s << u"up"_s << LinkState::Up << false;
    QTest::newRow("one end reports") << u"up"_s << QString() << LinkState::Up << false;
    QTest::newRow("other end reports") << QString() << u"up"_s << LinkState::Up << false;
    QTest::newRow("down at one end") << u"up"_s << u"down"_s << LinkState::Down << true;
    QTest::newRow("down at both") << u"down"_s << u"down"_s << LinkState::Down << true;
    QTest::newRow("cut") << u"cut"_s << u"down"_s << LinkState::Cut << true;
    QTest::newRow("cut reported by the other end") << u"up"_s << u"cut"_s << LinkState::Cut << true;
    QTest::newRow("nothing reported") << QString() << QString() << LinkState::Unknown << false;
}

void tst_NetworkScene::linkStateFromEitherEnd()
{
    QFETCH(QString, fromC1);
    QFETCH(QString, fromC2);
    QFETCH(LinkState, state);
    QFETCH(bool, dashed);

    if (!fromC1.isEmpty())
        m_scene->applyTelemetry(u"c1"_s, routerTelemetry({{u"c2"_s, linkReport(fromC1)}}));
    if (!fromC2.isEmpty())
        m_scene->applyTelemetry(u"c2"_s, routerTelemetry({{u"c1"_s, linkReport(fromC2)}}));
    m_scene->flushTelemetry();

    const LinkItem *link = m_scene->linkItem(u"c1"_s, u"c2"_s);
    QCOMPARE(link->state(), state);
    QCOMPARE(link->isDashed(), dashed);
}

// A link's traffic is the larger of the two ends' in+out rates, and more traffic draws a wider line.
void tst_NetworkScene::linkRateIsTheBusierEnd()
{
    const LinkItem *link = m_scene->linkItem(u"c1"_s, u"c2"_s);
    m_scene->applyTelemetry(u"c1"_s, routerTelemetry({{u"c2"_s, linkReport(u"up"_s, 0, 0)}}));
    m_scene->flushTelemetry();
    const double idle = link->lineWidth();
    QCOMPARE(link->rate(), 0.0);

    m_scene->applyTelemetry(u"c1"_s, routerTelemetry({{u"c2"_s, linkReport(u"up"_s, 10, 20)}}));
    m_scene->applyTelemetry(u"c2"_s, routerTelemetry({{u"c1"_s, linkReport(u"up"_s, 50, 5)}}));
    m_scene->flushTelemetry();
    QCOMPARE(link->rate(), 55.0);
    QCOMPARE(link->rateFrom(m_scene->nodeItem(u"c2"_s)), 10.0);   // c2 says 5 out, c1 says 10 in
    QCOMPARE(link->rateFrom(m_scene->nodeItem(u"c1"_s)), 50.0);
    const double busy = link->lineWidth();
    QVERIFY2(busy > idle, qPrintable(u"%1 vs %2"_s.arg(busy).arg(idle)));

    m_scene->applyTelemetry(u"c2"_s, routerTelemetry({{u"c1"_s, linkReport(u"up"_s, 5000, 5000)}}));
    m_scene->flushTelemetry();
    QVERIFY(link->lineWidth() > busy);
    QVERIFY(link->lineWidth() <= 9.0);   // bounded, however busy
}

// A link reported up is drawn down as soon as one of its ends fails; a cut stays a cut.
void tst_NetworkScene::failedEndDrawsLinkDown()
{
    m_scene->applyTelemetry(u"c2"_s, routerTelemetry({{u"c1"_s, linkReport(u"up"_s, 100, 100)},
                                                      {u"p1"_s, linkReport(u"cut"_s)}}));
    m_scene->flushTelemetry();
    m_scene->setNodeStatus(u"c2"_s, NodeStatus::Failed);
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"c2"_s)->state(), LinkState::Down);
    QCOMPARE(m_scene->linkItem(u"c2"_s, u"p1"_s)->state(), LinkState::Cut);
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"c2"_s)->lineWidth(), m_scene->linkItem(u"c2"_s, u"p1"_s)->lineWidth());

    m_scene->setNodeStatus(u"c2"_s, NodeStatus::Up);
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"c2"_s)->state(), LinkState::Up);
}

// Routers show the sum of their queues; entities their role's backlog, else the sum of their queues.
void tst_NetworkScene::badgesFromQueuesAndBacklog()
{
    m_scene->applyTelemetry(u"e1"_s, routerTelemetry({}, {{u"/store/1"_s, 3}, {u"/factories"_s, 4}}));
    m_scene->applyTelemetry(u"worker-1"_s, entityTelemetry(u"e2"_s, {{u"backlog"_s, 12}}));
    QJsonObject store = entityTelemetry(u"e1"_s);
    store.insert(u"queues"_s, QJsonObject{{u"/store/1"_s, 2}});
    m_scene->applyTelemetry(u"store-1"_s, store);
    m_scene->flushTelemetry();

    QCOMPARE(m_scene->nodeItem(u"e1"_s)->queueBadge(), 7);
    QCOMPARE(m_scene->nodeItem(u"worker-1"_s)->queueBadge(), 12);
    QCOMPARE(m_scene->nodeItem(u"store-1"_s)->queueBadge(), 2);
}

// A truck glides from where it is to each reported map position, in either position shape.
void tst_NetworkScene::truckGlidesToReportedPosition_data()
{
    QTest::addColumn<QJsonValue>("position");
    QTest::newRow("[x, y] as roles report it") << QJsonValue(QJsonArray{520, 380});
    QTest::newRow("{x, y}") << QJsonValue(QJsonObject{{u"x"_s, 520}, {u"y"_s, 380}});
}

void tst_NetworkScene::truckGlidesToReportedPosition()
{
    QFETCH(QJsonValue, position);
    NodeItem *truck = m_scene->nodeItem(u"truck-1"_s);
    const QPointF start = truck->pos();

    m_scene->applyTelemetry(u"truck-1"_s, entityTelemetry(u"e2"_s, {{u"position"_s, position}}));
    m_scene->flushTelemetry();
    QVERIFY(truck->isGliding());
    QCOMPARE(truck->glideTarget(), QPointF(520, 380));
    QCOMPARE(truck->pos(), start);   // it sets off; it does not jump
    QVERIFY(!truck->isFacingLeft());

    QTRY_COMPARE_WITH_TIMEOUT(truck->pos(), QPointF(520, 380), 3000);
    QVERIFY(!truck->isGliding());
    // Its attachment line moved with it.
    QCOMPARE(m_scene->attachmentItem(u"truck-1"_s)->boundingRect().contains(QPointF(519, 379)), true);

    // Going back west turns it round.
    m_scene->applyTelemetry(u"truck-1"_s, entityTelemetry(u"e2"_s, {{u"position"_s, QJsonArray{300, 380}}}));
    m_scene->flushTelemetry();
    QVERIFY(truck->isFacingLeft());
    QTRY_COMPARE_WITH_TIMEOUT(truck->pos(), QPointF(300, 380), 3000);

    // Stores report a position too, but stay where the operator put them.
    m_scene->applyTelemetry(u"store-1"_s, entityTelemetry(u"e1"_s, {{u"position"_s, QJsonArray{700, 500}}}));
    m_scene->flushTelemetry();
    QCOMPARE(m_scene->nodeItem(u"store-1"_s)->pos(), QPointF(100, 360));
}

// When an entity fails over, its line follows the router its telemetry names; a link not up is dashed.
void tst_NetworkScene::attachmentFollowsFailover()
{
    AttachmentItem *attachment = m_scene->attachmentItem(u"truck-1"_s);
    m_scene->applyTelemetry(u"truck-1"_s, entityTelemetry(u"e1"_s));
    m_scene->flushTelemetry();
    QCOMPARE(attachment->router(), m_scene->nodeItem(u"e1"_s));
    QCOMPARE(m_scene->nodeItem(u"truck-1"_s)->currentRouter(), u"e1"_s);
    QVERIFY(!attachment->isDashed());

    m_scene->applyTelemetry(u"truck-1"_s, entityTelemetry(u"e1"_s, {}, u"down"_s));
    m_scene->flushTelemetry();
    QVERIFY(attachment->isDashed());
}

// Collapsing hides devices (not stores, factories or trucks) and counts them on their router.
void tst_NetworkScene::collapseDevicesIntoRouters()
{
    m_scene->setDevicesCollapsed(true);
    QVERIFY(m_scene->devicesCollapsed());
    for (const QString &hidden : {u"gen-1"_s, u"worker-1"_s, u"sensor-1"_s}) {
        QVERIFY2(!m_scene->nodeItem(hidden)->isVisible(), qPrintable(hidden));
        QVERIFY2(!m_scene->attachmentItem(hidden)->isVisible(), qPrintable(hidden));
    }
    for (const QString &shown : {u"store-1"_s, u"truck-1"_s, u"e1"_s})
        QVERIFY2(m_scene->nodeItem(shown)->isVisible(), qPrintable(shown));
    QCOMPARE(m_scene->nodeItem(u"e1"_s)->collapsedDevices(), 1);
    QCOMPARE(m_scene->nodeItem(u"e2"_s)->collapsedDevices(), 2);
    QCOMPARE(m_scene->nodeItem(u"c1"_s)->collapsedDevices(), 0);
    QCOMPARE(m_scene->nodeAt(QPointF(40, 330)), QString());   // hidden nodes are not hit

    // A device failing over moves its count along.
    m_scene->applyTelemetry(u"worker-1"_s, entityTelemetry(u"e1"_s));
    m_scene->flushTelemetry();
    QCOMPARE(m_scene->nodeItem(u"e1"_s)->collapsedDevices(), 2);
    QCOMPARE(m_scene->nodeItem(u"e2"_s)->collapsedDevices(), 1);

    m_scene->setDevicesCollapsed(false);
    QVERIFY(m_scene->nodeItem(u"gen-1"_s)->isVisible());
    QVERIFY(m_scene->attachmentItem(u"gen-1"_s)->isVisible());
    QCOMPARE(m_scene->nodeItem(u"e1"_s)->collapsedDevices(), 0);
}

// A collapsed device that fails turns its router's count badge red.
void tst_NetworkScene::collapsedDeviceFailureShowsOnRouter()
{
    m_scene->setDevicesCollapsed(true);
    QVERIFY(!m_scene->nodeItem(u"e2"_s)->collapsedDeviceFailed());
    m_scene->setNodeStatus(u"sensor-1"_s, NodeStatus::Failed);
    QVERIFY(m_scene->nodeItem(u"e2"_s)->collapsedDeviceFailed());
    m_scene->setNodeStatus(u"sensor-1"_s, NodeStatus::Up);
    QVERIFY(!m_scene->nodeItem(u"e2"_s)->collapsedDeviceFailed());
}

// A trace marks its hops and reveals them one after another; clearing it unmarks everything.
void tst_NetworkScene::traceRevealsHopByHop()
{
    const QStringList hops{u"store-1"_s, u"e1"_s, u"c1"_s, u"c2"_s, u"e2"_s, u"worker-1"_s};
    m_scene->setTrace(hops, {1000, 1001, 1003, 1004, 1010, 1012});
    QCOMPARE(m_scene->traceHops(), hops);
    QCOMPARE(m_scene->traceRevealedHops(), 1);
    QVERIFY(m_scene->style().traceActive);
    QTRY_COMPARE_WITH_TIMEOUT(m_scene->traceRevealedHops(), int(hops.size()), 5000);
    for (const QString &hop : hops)
        QVERIFY2(m_scene->nodeItem(hop)->isOnTrace(), qPrintable(hop));
    QVERIFY(!m_scene->nodeItem(u"p1"_s)->isOnTrace());

    m_scene->clearTrace();
    QCOMPARE(m_scene->traceRevealedHops(), 0);
    QVERIFY(!m_scene->style().traceActive);
    for (const QString &hop : hops)
        QVERIFY(!m_scene->nodeItem(hop)->isOnTrace());
}

// A hop at a collapsed device is drawn at its router, and the trace survives a hop's node being removed.
void tst_NetworkScene::traceThroughCollapsedDeviceUsesItsRouter()
{
    m_scene->setDevicesCollapsed(true);
    m_scene->setTrace({u"c2"_s, u"e2"_s, u"worker-1"_s}, {});
    QVERIFY(m_scene->nodeItem(u"e2"_s)->isOnTrace());
    m_scene->removeNode(u"c2"_s);
    QCOMPARE(m_scene->traceHops().size(), 3);   // the request's path, as it was
    QVERIFY(m_scene->nodeItem(u"e2"_s)->isOnTrace());
}

// Removing a node removes its links and detaches entities hanging from it.
void tst_NetworkScene::removeNodeTakesItsLinksAlong()
{
    m_scene->applyTelemetry(u"c2"_s, routerTelemetry({}));
    m_scene->removeNode(u"c2"_s);
    QVERIFY(!m_scene->nodeItem(u"c2"_s));
    QCOMPARE(m_scene->linkCount(), 2);   // e1-c1 and e1-p1 remain
    QVERIFY(!m_scene->linkItem(u"c1"_s, u"c2"_s));
    QVERIFY(!m_scene->nodeItem(u"c1"_s)->linkTo(u"c2"_s));
    QCOMPARE(m_scene->pendingTelemetryCount(), 0);

    m_scene->removeNode(u"e2"_s);
    QVERIFY(!m_scene->attachmentItem(u"truck-1"_s)->router());
    QVERIFY(m_scene->attachmentItem(u"truck-1"_s)->isDashed());
    m_scene->removeNode(u"truck-1"_s);
    QVERIFY(!m_scene->attachmentItem(u"truck-1"_s));
    m_scene->removeNode(u"no-such-node"_s);   // harmless
}

// Nodes and links added while running appear like scenario ones; an entity added first attaches when its router comes.
void tst_NetworkScene::runTimeNodesAndLinks()
{
    m_scene->addNode(CanvasNode{u"device-9"_s, u"entity"_s, u"till"_s, QString(), {600, 500}, {u"e9"_s}, QString()});
    QVERIFY(m_scene->attachmentItem(u"device-9"_s));
    QVERIFY(!m_scene->attachmentItem(u"device-9"_s)->router());

    m_scene->addNode(CanvasNode{u"e9"_s, u"edge"_s, QString(), QString(), {600, 420}, {}, u"premium"_s});
    QCOMPARE(m_scene->attachmentItem(u"device-9"_s)->router(), m_scene->nodeItem(u"e9"_s));
    m_scene->addLink(u"e9"_s, u"p1"_s, u"premium"_s, -1);
    QVERIFY(m_scene->linkItem(u"p1"_s, u"e9"_s));
    QCOMPARE(m_scene->linkItem(u"p1"_s, u"e9"_s)->cost(), 4);

    // Without a provider a link takes its first end's.
    m_scene->addLink(u"e9"_s, u"c2"_s, QString(), -1);
    QCOMPARE(m_scene->linkItem(u"c2"_s, u"e9"_s)->provider(), u"premium"_s);
    QCOMPARE(m_scene->linkItem(u"c2"_s, u"e9"_s)->cost(), 4);
    m_scene->removeLink(u"c2"_s, u"e9"_s);
    QVERIFY(!m_scene->linkItem(u"c2"_s, u"e9"_s));
    QVERIFY(!m_scene->nodeItem(u"e9"_s)->linkTo(u"c2"_s));

    // Adding it again updates it rather than doubling it.
    m_scene->addLink(u"p1"_s, u"e9"_s, u"premium"_s, 9);
    QCOMPARE(m_scene->linkCount(), 6);
    QCOMPARE(m_scene->linkItem(u"p1"_s, u"e9"_s)->cost(), 9);

    // Links to nodes that are not there are refused.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"joins nodes that are not on the canvas"_s));
    m_scene->addLink(u"e9"_s, u"nowhere"_s, u"premium"_s, 1);
    QCOMPARE(m_scene->linkCount(), 6);
}

// A provider first seen on a run-time link joins the legend with a colour of its own.
void tst_NetworkScene::unknownProviderGetsAColour()
{
    QSignalSpy changed(m_scene, &NetworkScene::providersChanged);
    m_scene->addLink(u"c1"_s, u"p1"_s, u"backup"_s, 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_scene->providers().size(), 3);
    const QColor color = m_scene->providerColor(u"backup"_s);
    QVERIFY(color.isValid());
    QVERIFY(color != m_scene->providerColor(u"cheap"_s));
    QVERIFY(color != m_scene->providerColor(u"premium"_s));
    QCOMPARE(m_scene->linkItem(u"c1"_s, u"p1"_s)->color(), color);
}

// nodeAt finds the node under a point; nodePositions reports every node where it is.
void tst_NetworkScene::nodeAtAndPositions()
{
    QCOMPARE(m_scene->nodeAt(QPointF(102, 98)), u"c1"_s);
    QCOMPARE(m_scene->nodeAt(QPointF(250, 100)), QString());   // on the c1-c2 link, not a node
    QCOMPARE(m_scene->nodeAt(QPointF(700, 50)), QString());

    m_scene->nodeItem(u"p1"_s)->setPos(300, 500);
    const QHash<QString, QPointF> positions = m_scene->nodePositions();
    QCOMPARE(positions.size(), 10);
    QCOMPARE(positions.value(u"p1"_s), QPointF(300, 500));
    QCOMPARE(positions.value(u"store-1"_s), QPointF(100, 360));
}

// A right-click names the node or link under it (a link by its scenario ends), or the map point.
void tst_NetworkScene::contextMenuSignalsCarryIds_data()
{
    QTest::addColumn<QPointF>("at");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("link");

    QTest::newRow("node") << QPointF(400, 300) << u"e2"_s << QStringList();
    QTest::newRow("link") << QPointF(250, 101) << QString() << QStringList{u"c1"_s, u"c2"_s};
    QTest::newRow("uplink") << QPointF(100, 200) << QString() << QStringList{u"e1"_s, u"c1"_s};
    QTest::newRow("empty map") << QPointF(700, 550) << QString() << QStringList();
}

void tst_NetworkScene::contextMenuSignalsCarryIds()
{
    QFETCH(QPointF, at);
    QFETCH(QString, node);
    QFETCH(QStringList, link);

    QSignalSpy nodeMenu(m_scene, &NetworkScene::nodeContextMenuRequested);
    QSignalSpy linkMenu(m_scene, &NetworkScene::linkContextMenuRequested);
    QSignalSpy mapMenu(m_scene, &NetworkScene::backgroundContextMenuRequested);
    QGraphicsSceneContextMenuEvent event(QEvent::GraphicsSceneContextMenu);
    event.setScenePos(at);
    event.setScreenPos(QPoint(321, 123));
    QCoreApplication::sendEvent(m_scene, &event);

    QCOMPARE(nodeMenu.size(), node.isEmpty() ? 0 : 1);
    QCOMPARE(linkMenu.size(), link.isEmpty() ? 0 : 1);
    QCOMPARE(mapMenu.size(), node.isEmpty() && link.isEmpty() ? 1 : 0);
    if (!node.isEmpty()) {
        QCOMPARE(nodeMenu.first().at(0).toString(), node);
        QCOMPARE(nodeMenu.first().at(1).toPoint(), QPoint(321, 123));
        QCOMPARE(m_scene->selectedNode(), node);
    }
    if (!link.isEmpty()) {
        QCOMPARE(linkMenu.first().at(0).toString(), link.at(0));
        QCOMPARE(linkMenu.first().at(1).toString(), link.at(1));
        QCOMPARE(linkMenu.first().at(2).toPoint(), QPoint(321, 123));
    }
    if (!mapMenu.isEmpty())
        QCOMPARE(mapMenu.first().at(0).toPointF(), at);
}

// Taking a provider down is shown in the provider table the legend draws.
void tst_NetworkScene::providerDownShowsInTheTable()
{
    QSignalSpy changed(m_scene, &NetworkScene::providersChanged);
    m_scene->setProviderDown(u"cheap"_s, true);
    m_scene->setProviderDown(u"cheap"_s, true);   // no change, no signal
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_scene->providers().at(0).down);
    QVERIFY(!m_scene->providers().at(1).down);

    QSignalSpy menu(m_scene, &NetworkScene::providerContextMenuRequested);
    m_scene->requestProviderContextMenu(u"premium"_s, QPoint(5, 6));
    QCOMPARE(menu.size(), 1);
    QCOMPARE(menu.first().at(0).toString(), u"premium"_s);
}

// The caption is kept and announced once per change; a new scenario clears it.
void tst_NetworkScene::captionChangeIsSignalled()
{
    QSignalSpy changed(m_scene, &NetworkScene::captionChanged);
    m_scene->setCaption(u"Iteration 2 - the backbone link fails"_s);
    m_scene->setCaption(u"Iteration 2 - the backbone link fails"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_scene->caption(), u"Iteration 2 - the backbone link fails"_s);
    m_scene->setScenario(canvasTestScenario());
    QCOMPARE(m_scene->caption(), QString());
}

// Tooltips name the node, what it is, its state, version and router; links their provider, cost and state.
void tst_NetworkScene::toolTipsNameTheNode()
{
    m_scene->setNodeStatus(u"truck-1"_s, NodeStatus::Draining);
    QJsonObject telemetry = entityTelemetry(u"e2"_s, {{u"backlog"_s, 3}});
    telemetry.insert(u"version"_s, u"0.2.0"_s);
    m_scene->applyTelemetry(u"truck-1"_s, telemetry);
    m_scene->flushTelemetry();
    const QString node = m_scene->nodeToolTip(u"truck-1"_s);
    for (const QString &part : {u"truck-1"_s, u"truck"_s, u"draining"_s, u"0.2.0"_s, u"e2"_s, u"3"_s})
        QVERIFY2(node.contains(part), qPrintable(node + u" lacks "_s + part));
    QVERIFY(m_scene->nodeToolTip(u"c1"_s).contains(u"Cheap west"_s));
    QVERIFY(m_scene->nodeToolTip(u"c1"_s).contains(u"interior router"_s));

    const QString link = m_scene->linkToolTip(u"c2"_s, u"p1"_s);
    for (const QString &part : {u"c2"_s, u"p1"_s, u"premium"_s, u"5"_s})
        QVERIFY2(link.contains(part), qPrintable(link + u" lacks "_s + part));
    QCOMPARE(m_scene->nodeToolTip(u"nothing"_s), QString());
}

// The report picture has the size asked for and shows the network on its map, with the legend.
void tst_NetworkScene::pictureShowsTheTopology()
{
    m_scene->selectNode(u"c1"_s);
    m_scene->applyTelemetry(u"c1"_s, routerTelemetry({{u"c2"_s, linkReport(u"up"_s, 900, 900)}}));
    const QImage picture = m_scene->renderPicture(QSize(800, 600));
    QCOMPARE(picture.size(), QSize(800, 600));
    QVERIFY(!m_scene->style().presentation);   // back to interactive painting
    QCOMPARE(m_scene->selectedNode(), u"c1"_s);

    // The telemetry waiting for a frame is in it: the busy c1-c2 link is wide enough to
    // have pixels of pure provider blue. And the map, icons and legend give many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < picture.height(); y += 7) {
        for (int x = 0; x < picture.width(); x += 7)
            colours.insert(picture.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    bool blueFound = false;
    for (int y = 0; y < picture.height() && !blueFound; ++y) {
        for (int x = 0; x < picture.width() && !blueFound; ++x)
            blueFound = picture.pixel(x, y) == QColor(0x2e, 0x86, 0xde).rgb();
    }
    QVERIFY(blueFound);
}

// The map art is found under ":/" (compiled in) or next to the scenario; without art the canvas draws a grid.
void tst_NetworkScene::mapImageOrGrid()
{
    QVERIFY(!m_scene->hasMapImage());
    m_scene->setScenario(canvasTestScenario(u"maps/harbour.svg"_s));
    QVERIFY(m_scene->hasMapImage());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not found; drawing a plain grid"_s));
    m_scene->setScenario(canvasTestScenario(u"maps/nowhere.svg"_s));
    QVERIFY(!m_scene->hasMapImage());
    QCOMPARE(m_scene->nodeIds().size(), 10);
}

QTEST_MAIN(tst_NetworkScene)
#include "tst_networkscene.moc"
