#include "canvastestscenario.h"
#include "console/canvas/canvasstyle.h"
#include "console/canvas/captionoverlay.h"
#include "console/canvas/linkitem.h"
#include "console/canvas/networkscene.h"
#include "console/canvas/networkview.h"
#include "console/canvas/nodeitem.h"
#include "console/canvas/providerlegend.h"

#include <QContextMenuEvent>
#include <QJsonDocument>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

class tst_NetworkView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fitsTheNetworkWhenShown();
    void wheelZoomsAboutTheCursor_data();
    void wheelZoomsAboutTheCursor();
    void zoomIsBounded();
    void dropEmitsPaletteItem_data();
    void dropEmitsPaletteItem();
    void dragOverNodeHighlightsIt();
    void foreignDropsAreIgnored();
    void clickActivatesNodeAndLink();
    void contextMenuOnNodeAndLink();
    void draggingNodeReportsItsNewPosition();
    void draggingEmptySpacePans_data();
    void draggingEmptySpacePans();
    void captionShowsOverTheCanvas();
    void legendListsProvidersAndAsksForTheirMenu();
    void crowdedViewsDrawPlainLines();

private:
    QPoint viewportPoint(const QPointF &scenePos) const { return m_view->mapFromScene(scenePos); }
    QPoint nodePoint(const QString &id) const { return viewportPoint(m_scene->nodeItem(id)->pos()); }
    void sendDrag(QEvent::Type type, const QPoint &pos, QMimeData *mime, bool *accepted = nullptr);

    NetworkScene *m_scene = nullptr;
    NetworkView *m_view = nullptr;
};

void tst_NetworkView::init()
{
    m_scene = new NetworkScene;
    m_view = new NetworkView(m_scene);
    m_view->resize(900, 700);
    m_scene->setScenario(canvasTestScenario());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void tst_NetworkView::cleanup()
{
    delete m_view;
    delete m_scene;
    m_view = nullptr;
    m_scene = nullptr;
}

void tst_NetworkView::sendDrag(QEvent::Type type, const QPoint &pos, QMimeData *mime, bool *accepted)
{
    if (type == QEvent::Drop) {
        QDropEvent event(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_view->viewport(), &event);
        if (accepted)
            *accepted = event.isAccepted();
    } else if (type == QEvent::DragEnter) {
        QDragEnterEvent event(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_view->viewport(), &event);
        if (accepted)
            *accepted = event.isAccepted();
    } else {
        QDragMoveEvent event(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_view->viewport(), &event);
        if (accepted)
            *accepted = event.isAccepted();
    }
}

// Once shown, the view fits the map and every node into the window.
void tst_NetworkView::fitsTheNetworkWhenShown()
{
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY2(visible.contains(m_scene->contentRect()), qPrintable(u"%1 %2"_s.arg(visible.width()).arg(visible.height())));
    QVERIFY(visible.width() < m_scene->contentRect().width() * 1.5);   // and not lost in the distance

    m_view->zoomAt(3, QPointF(100, 100));
    m_view->fitToView();
    QVERIFY(m_view->mapToScene(m_view->viewport()->rect()).boundingRect().contains(m_scene->contentRect()));
}

// A wheel notch zooms in or out by a fixed step, keeping the map point under the cursor in place.
void tst_NetworkView::wheelZoomsAboutTheCursor_data()
{
    QTest::addColumn<int>("delta");
    QTest::addColumn<double>("factor");
    QTest::newRow("in") << 120 << 1.2;
    QTest::newRow("out") << -120 << 1 / 1.2;
    QTest::newRow("two notches in") << 240 << 1.44;
}

void tst_NetworkView::wheelZoomsAboutTheCursor()
{
    QFETCH(int, delta);
    QFETCH(double, factor);

    const QPoint cursor = nodePoint(u"c2"_s);
    const double before = m_view->zoom();
    QSignalSpy zoomed(m_view, &NetworkView::zoomChanged);
    QWheelEvent wheel(QPointF(cursor), QPointF(m_view->viewport()->mapToGlobal(cursor)), QPoint(), QPoint(0, delta),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_view->viewport(), &wheel);

    QCOMPARE(zoomed.size(), 1);
    QVERIFY(qAbs(m_view->zoom() / before - factor) < 1e-6);
    const QPointF underCursor = m_view->mapToScene(cursor);
    QVERIFY2(QLineF(underCursor, QPointF(400, 100)).length() < 2.0 / m_view->zoom(),
             qPrintable(u"%1,%2"_s.arg(underCursor.x()).arg(underCursor.y())));
}

// Zoom stays between its limits however far the wheel turns.
void tst_NetworkView::zoomIsBounded()
{
    for (int i = 0; i < 60; ++i)
        m_view->zoomIn();
    QVERIFY(m_view->zoom() <= NetworkView::MaxZoom + 1e-9);
    for (int i = 0; i < 120; ++i)
        m_view->zoomOut();
    QVERIFY(m_view->zoom() >= NetworkView::MinZoom - 1e-9);
}

// A palette item dropped on the map is reported with its scene point and the node it landed on, if any.
void tst_NetworkView::dropEmitsPaletteItem_data()
{
    QTest::addColumn<QPointF>("at");
    QTest::addColumn<QString>("target");
    QTest::newRow("on a router") << QPointF(400, 300) << u"e2"_s;
    QTest::newRow("on a store") << QPointF(100, 360) << u"store-1"_s;
    QTest::newRow("on empty map") << QPointF(650, 500) << QString();
}

void tst_NetworkView::dropEmitsPaletteItem()
{
    QFETCH(QPointF, at);
    QFETCH(QString, target);

    const QJsonObject item{{u"kind"_s, u"entity"_s}, {u"role"_s, u"store"_s}};
    auto *mime = new QMimeData;
    mime->setData(NetworkView::paletteMimeType(), QJsonDocument(item).toJson(QJsonDocument::Compact));
    QSignalSpy dropped(m_view, &NetworkView::paletteItemDropped);
    const QPoint pos = viewportPoint(at);
    bool accepted = false;
    sendDrag(QEvent::DragEnter, pos, mime, &accepted);
    QVERIFY(accepted);
    sendDrag(QEvent::DragMove, pos, mime, &accepted);
    QVERIFY(accepted);
    sendDrag(QEvent::Drop, pos, mime, &accepted);
    QVERIFY(accepted);
    delete mime;

    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.first().at(0).toJsonObject(), item);
    QVERIFY(QLineF(dropped.first().at(1).toPointF(), at).length() < 2.0 / m_view->zoom());
    QCOMPARE(dropped.first().at(2).toString(), target);
    if (!target.isEmpty())
        QVERIFY(!m_scene->nodeItem(target)->isDropTarget());   // highlight gone after the drop
}

// While a palette item is dragged over a node, that node is highlighted as the drop target.
void tst_NetworkView::dragOverNodeHighlightsIt()
{
    QMimeData mime;
    mime.setData(NetworkView::paletteMimeType(), R"({"role":"worker"})");
    sendDrag(QEvent::DragEnter, nodePoint(u"e1"_s), &mime);
    QVERIFY(m_scene->nodeItem(u"e1"_s)->isDropTarget());
    sendDrag(QEvent::DragMove, nodePoint(u"c1"_s), &mime);
    QVERIFY(!m_scene->nodeItem(u"e1"_s)->isDropTarget());
    QVERIFY(m_scene->nodeItem(u"c1"_s)->isDropTarget());
    QDragLeaveEvent leave;
    QCoreApplication::sendEvent(m_view->viewport(), &leave);
    QVERIFY(!m_scene->nodeItem(u"c1"_s)->isDropTarget());
}

// Drags of other types, or palette data that is not a JSON object, are not taken and drop nothing.
void tst_NetworkView::foreignDropsAreIgnored()
{
    QSignalSpy dropped(m_view, &NetworkView::paletteItemDropped);
    QMimeData text;
    text.setText(u"hello"_s);
    bool accepted = true;
    sendDrag(QEvent::DragEnter, nodePoint(u"e1"_s), &text);
    sendDrag(QEvent::DragMove, nodePoint(u"e1"_s), &text, &accepted);
    QVERIFY(!accepted);
    QVERIFY(!m_scene->nodeItem(u"e1"_s)->isDropTarget());
    sendDrag(QEvent::Drop, nodePoint(u"e1"_s), &text);
    QMimeData broken;
    broken.setData(NetworkView::paletteMimeType(), "[1, 2");
    sendDrag(QEvent::DragMove, nodePoint(u"e1"_s), &broken, &accepted);
    QVERIFY(!accepted);
    sendDrag(QEvent::Drop, nodePoint(u"e1"_s), &broken);
    QCOMPARE(dropped.size(), 0);
}

// A left click on a node activates and selects it; on a link it activates the link.
void tst_NetworkView::clickActivatesNodeAndLink()
{
    QSignalSpy nodes(m_scene, &NetworkScene::nodeActivated);
    QSignalSpy links(m_scene, &NetworkScene::linkActivated);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, nodePoint(u"store-1"_s));
    QCOMPARE(nodes.size(), 1);
    QCOMPARE(nodes.first().first().toString(), u"store-1"_s);
    QCOMPARE(m_scene->selectedNode(), u"store-1"_s);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, viewportPoint(QPointF(250, 100)));
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().at(0).toString(), u"c1"_s);
    QCOMPARE(links.first().at(1).toString(), u"c2"_s);
    QCOMPARE(nodes.size(), 1);
    QVERIFY(m_scene->linkItem(u"c1"_s, u"c2"_s)->isSelected());
    QCOMPARE(m_scene->selectedNode(), QString());

    // A click on empty map clears the selection and activates nothing.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, viewportPoint(QPointF(650, 520)));
    QVERIFY(!m_scene->linkItem(u"c1"_s, u"c2"_s)->isSelected());
    QCOMPARE(links.size(), 1);
    QCOMPARE(nodes.size(), 1);
}

// A right-click on a node or link in the view reaches the scene's signals with the ids and the screen point.
void tst_NetworkView::contextMenuOnNodeAndLink()
{
    QSignalSpy nodeMenu(m_scene, &NetworkScene::nodeContextMenuRequested);
    QSignalSpy linkMenu(m_scene, &NetworkScene::linkContextMenuRequested);

    const QPoint onNode = nodePoint(u"p1"_s);
    QContextMenuEvent nodeEvent(QContextMenuEvent::Mouse, onNode, m_view->viewport()->mapToGlobal(onNode));
    QCoreApplication::sendEvent(m_view->viewport(), &nodeEvent);
    QCOMPARE(nodeMenu.size(), 1);
    QCOMPARE(nodeMenu.first().at(0).toString(), u"p1"_s);
    QCOMPARE(nodeMenu.first().at(1).toPoint(), m_view->viewport()->mapToGlobal(onNode));

    const QPoint onLink = viewportPoint(QPointF(325, 275));   // middle of c2-p1
    QContextMenuEvent linkEvent(QContextMenuEvent::Mouse, onLink, m_view->viewport()->mapToGlobal(onLink));
    QCoreApplication::sendEvent(m_view->viewport(), &linkEvent);
    QCOMPARE(linkMenu.size(), 1);
    QCOMPARE(linkMenu.first().at(0).toString(), u"c2"_s);
    QCOMPARE(linkMenu.first().at(1).toString(), u"p1"_s);
}

// Dragging a node moves it (and its links), and reports where it ended up once, when released.
void tst_NetworkView::draggingNodeReportsItsNewPosition()
{
    QSignalSpy moved(m_scene, &NetworkScene::nodeMoved);
    const QPoint start = nodePoint(u"p1"_s);
    const QPoint end = start + QPoint(60, -40);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(m_view->viewport(), start + QPoint(30, -20));
    QTest::mouseMove(m_view->viewport(), end);
    QCOMPARE(moved.size(), 0);   // nothing until the drag ends
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, end);

    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.first().at(0).toString(), u"p1"_s);
    const QPointF expected = QPointF(250, 450) + QPointF(60, -40) / m_view->zoom();
    const QPointF reported = moved.first().at(1).toPointF();
    QVERIFY2(QLineF(reported, expected).length() < 2.0 / m_view->zoom(),
             qPrintable(u"%1,%2"_s.arg(reported.x()).arg(reported.y())));
    QCOMPARE(m_scene->nodePositions().value(u"p1"_s), reported);
    QVERIFY(m_scene->linkItem(u"c2"_s, u"p1"_s)->boundingRect().contains(reported));

    // A click without a move reports nothing.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, nodePoint(u"c1"_s));
    QCOMPARE(moved.size(), 1);
}

// Dragging the empty map, or a link, scrolls the view instead of moving anything.
void tst_NetworkView::draggingEmptySpacePans_data()
{
    QTest::addColumn<QPointF>("from");
    QTest::newRow("empty map") << QPointF(650, 520);
    QTest::newRow("a link") << QPointF(250, 100);
}

void tst_NetworkView::draggingEmptySpacePans()
{
    QFETCH(QPointF, from);
    QSignalSpy moved(m_scene, &NetworkScene::nodeMoved);
    QSignalSpy links(m_scene, &NetworkScene::linkActivated);
    const QPoint start = viewportPoint(from);
    const QPointF before = m_view->mapToScene(start);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(m_view->viewport(), start + QPoint(20, 10));
    QTest::mouseMove(m_view->viewport(), start + QPoint(80, 40));
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, start + QPoint(80, 40));

    // The map point first grabbed is now under the place the mouse was let go.
    const QPointF grabbed = m_view->mapToScene(start + QPoint(80, 40));
    QVERIFY2(QLineF(grabbed, before).length() < 2.0 / m_view->zoom(),
             qPrintable(u"%1,%2 vs %3,%4"_s.arg(grabbed.x()).arg(grabbed.y()).arg(before.x()).arg(before.y())));
    QCOMPARE(moved.size(), 0);
    QCOMPARE(links.size(), 0);   // a drag, not a click
    QCOMPARE(m_scene->nodePositions().value(u"p1"_s), QPointF(250, 450));
}

// The scene's caption appears over the canvas, centred at the top; an empty caption hides it.
void tst_NetworkView::captionShowsOverTheCanvas()
{
    CaptionOverlay *overlay = m_view->captionOverlay();
    QVERIFY(!overlay->isVisible());
    m_scene->setCaption(u"Iteration 3 - the whole cheapnet cloud goes down"_s);
    QVERIFY(overlay->isVisible());
    QCOMPARE(overlay->caption(), u"Iteration 3 - the whole cheapnet cloud goes down"_s);
    const QRect area = m_view->viewport()->geometry();
    QVERIFY(area.contains(overlay->geometry()));
    QVERIFY(qAbs(overlay->geometry().center().x() - area.center().x()) <= 1);
    QVERIFY(overlay->geometry().top() < area.top() + 40);
    QVERIFY(overlay->testAttribute(Qt::WA_TransparentForMouseEvents));

    m_scene->setCaption(QString());
    QVERIFY(!overlay->isVisible());
}

// The legend lists the scenario's providers; right-clicking one asks the scene for that provider's menu.
void tst_NetworkView::legendListsProvidersAndAsksForTheirMenu()
{
    ProviderLegend *legend = m_view->providerLegend();
    QVERIFY(legend->isVisible());
    QCOMPARE(legend->entries().size(), 2);
    QCOMPARE(legend->entries().at(1).name, u"premium"_s);
    QVERIFY(m_view->viewport()->geometry().contains(legend->geometry()));

    QSignalSpy menu(m_scene, &NetworkScene::providerContextMenuRequested);
    const QPoint row = legend->rowRect(1).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, row, legend->mapToGlobal(row));
    QCoreApplication::sendEvent(legend, &event);
    QCOMPARE(menu.size(), 1);
    QCOMPARE(menu.first().at(0).toString(), u"premium"_s);
    QCOMPARE(menu.first().at(1).toPoint(), legend->mapToGlobal(row));

    m_scene->setProviderDown(u"premium"_s, true);
    QVERIFY(legend->entries().at(1).down);
}

// With more lines on screen than the budget the view stops antialiasing; zoomed in on a few it antialiases again.
void tst_NetworkView::crowdedViewsDrawPlainLines()
{
    QVERIFY(m_view->isAntialiased());   // the small test network

    Portolan::Scenario::Scenario mesh;
    mesh.map.width = 1000;
    mesh.map.height = 1000;
    constexpr int Routers = 24;   // a full mesh: 276 links
    for (int i = 0; i < Routers; ++i) {
        Portolan::Scenario::Router router;
        router.id = u"r%1"_s.arg(i);
        router.position = QPointF(500 + 450 * std::cos(i * 2 * M_PI / Routers), 500 + 450 * std::sin(i * 2 * M_PI / Routers));
        mesh.routers.append(router);
        for (int j = 0; j < i; ++j) {
            Portolan::Scenario::Link link;
            link.from = u"r%1"_s.arg(j);
            link.to = router.id;
            mesh.links.append(link);
        }
    }
    QVERIFY(mesh.links.size() > CanvasStyle::SmoothLinesBudget);
    m_scene->setScenario(mesh);
    QTRY_VERIFY(!m_view->isAntialiased());

    // Zoomed in on the rim, between two routers, only a few lines cross the window.
    m_view->setTransform(QTransform::fromScale(8, 8));
    m_view->centerOn(QPointF(500, 50));
    QTRY_VERIFY(m_view->isAntialiased());
}

QTEST_MAIN(tst_NetworkView)
#include "tst_networkview.moc"
