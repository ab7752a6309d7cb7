#include "console/canvas/linkitem.h"
#include "console/canvas/networkscene.h"
#include "console/canvas/networkview.h"
#include "console/canvas/nodeitem.h"
#include "console/mainwindow.h"
#include "console/operatormenus.h"
#include "console/panels/chartspanel.h"
#include "console/panels/eventlogmodel.h"
#include "console/panels/eventlogpanel.h"
#include "console/panels/nodeinspector.h"
#include "console/panels/roledatamodel.h"
#include "console/panels/timeseriesstore.h"
#include "console/session/consolesession.h"
#include "console/stopwatchmodel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

namespace {

// Triggers the menu entry whose text, without its mnemonic, is text.
bool trigger(QMenu *menu, const QString &text)
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->text().remove(u'&') == text && action->isEnabled()) {
            action->trigger();
            return true;
        }
    }
    return false;
}

bool modelContains(const QAbstractItemModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->data(model->index(row, column)).toString().contains(text))
                return true;
        }
    }
    return false;
}

} // namespace

// The console as a user drives it, against real portolan-node processes on loopback:
// one run of Pirate Pugs 1 shared by the test functions, in order.
class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensTheScenarioReadyToStart();
    void startsEveryNode();
    void clickingAStoreShowsItsInventory();
    void failingARouterFromItsMenuMarksItAndLogsIt();
    void cuttingALinkStartsTheStopwatch();
    void droppingADeviceStartsANewProcess();
    void queueDepthChartReceivesPoints();
    void exportedReportNamesEveryExpectation();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsole::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PortolanTest"_s);
    ConsoleSession::Options options;
    options.nodeProgram = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    options.runsRoot = m_dir.filePath(u"runs"_s);
    options.autoPlay = false;   // the test acts by hand; the scenario's own steps stay put
    QVERIFY2(QFile::exists(options.nodeProgram), "PORTOLAN_NODE_BINARY must name portolan-node");
    m_session = std::make_unique<ConsoleSession>(options);
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

// Opening Pirate Pugs 1 draws every router and entity and leaves the run to the operator.
void TestConsole::opensTheScenarioReadyToStart()
{
    // A copy, so the test can write its layout beside it.
    const QString file = m_dir.filePath(u"pirate-pugs-1.yaml"_s);
    QVERIFY(QFile::copy(QStringLiteral(PORTOLAN_SCENARIOS_DIR "/pirate-pugs-1.yaml"), file));
    QString error;
    QVERIFY2(m_session->open(file, {{u"httpPort"_s, u"0"_s}}, &error), qPrintable(error));
    const auto &scenario = m_session->scenario();
    QCOMPARE(m_window->scene()->nodeIds().size(), scenario.routers.size() + scenario.entities.size());
    QVERIFY(m_window->scene()->linkCount() >= scenario.links.size());
    QVERIFY(m_window->action(u"actionStart"_s)->isEnabled());
    QVERIFY(!m_window->action(u"actionStop"_s)->isEnabled());
    QVERIFY(m_window->windowTitle().contains(scenario.name));
}

// Start launches one process per node; each turns Up on the canvas once READY.
void TestConsole::startsEveryNode()
{
    QSignalSpy ready(m_session.get(), &ConsoleSession::runReady);
    m_window->action(u"actionStart"_s)->trigger();
    QVERIFY(ready.wait(90000));
    QCOMPARE(m_session->nodesUp(), int(m_session->nodeIds().size()));
    QCOMPARE(m_window->scene()->nodeStatus(u"c1"_s), NodeStatus::Up);
    QVERIFY(m_window->action(u"actionStop"_s)->isEnabled());
}

// Clicking a store on the canvas opens it in the inspector, inventory included.
void TestConsole::clickingAStoreShowsItsInventory()
{
    const QString store = u"store-3"_s;
    NodeItem *item = m_window->scene()->nodeItem(store);
    QVERIFY(item);
    m_window->view()->centerOn(item);
    const QPoint at = m_window->view()->mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseClick(m_window->view()->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->inspector()->currentNode(), store, 5000);
    // The store's inventory arrives with its telemetry: store 3 keeps two spyglasses.
    QTRY_VERIFY_WITH_TIMEOUT(modelContains(m_window->inspector()->roleDataModel(), u"spyglass"_s), 10000);
}

// Fail from a router's context menu: the router turns Failed and the event is logged.
void TestConsole::failingARouterFromItsMenuMarksItAndLogsIt()
{
    QMenu *menu = m_window->menus()->nodeMenu(u"c3"_s);
    QVERIFY(trigger(menu, u"Fail"_s));
    delete menu;
    QTRY_COMPARE_WITH_TIMEOUT(m_window->scene()->nodeStatus(u"c3"_s), NodeStatus::Failed, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(modelContains(m_window->eventLog()->model(), u"node-failed"_s), 10000);
}

// Cutting a backbone link from its menu is measured by the failure stopwatch.
void TestConsole::cuttingALinkStartsTheStopwatch()
{
    QVERIFY(m_window->scene()->linkItem(u"p1"_s, u"p2"_s));
    QMenu *menu = m_window->menus()->linkMenu(u"p1"_s, u"p2"_s);
    QVERIFY(trigger(menu, u"Cut"_s));
    delete menu;
    StopwatchModel *model = m_window->stopwatches();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 1, 5000);
    const int row = model->rowCount() - 1;
    QCOMPARE(model->index(row, StopwatchModel::Target).data().toString(), u"p1-p2"_s);
    // The far end (p2) notices; the stopwatch records when.
    QTRY_VERIFY_WITH_TIMEOUT(model->index(row, StopwatchModel::Detection).data(Qt::UserRole).toLongLong() >= 0, 10000);
}

// Dropping a device from the palette on a router starts a real process attached there.
void TestConsole::droppingADeviceStartsANewProcess()
{
    const QStringList before = m_session->nodeIds();
    NodeItem *router = m_window->scene()->nodeItem(u"e7"_s);
    QVERIFY(router);
    NetworkView *view = m_window->view();
    view->centerOn(router);
    const QPoint at = view->mapFromScene(router->sceneBoundingRect().center());
    QMimeData mime;
    const QJsonObject item{{u"kind"_s, u"entity"_s}, {u"role"_s, u"worker"_s}, {u"label"_s, u"Test device"_s},
                           {u"params"_s, QJsonObject{{u"address"_s, u"/devices/test"_s}}}};
    mime.setData(u"application/x-portolan-palette-item"_s, QJsonDocument(item).toJson(QJsonDocument::Compact));
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &move);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &drop);

    QTRY_COMPARE_WITH_TIMEOUT(m_session->nodeIds().size(), before.size() + 1, 5000);
    QString added;
    for (const QString &id : m_session->nodeIds()) {
        if (!before.contains(id))
            added = id;
    }
    QVERIFY(added.startsWith(u"worker-"_s));
    QVERIFY(m_window->scene()->nodeItem(added));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->scene()->nodeStatus(added), NodeStatus::Up, 20000);
    QVERIFY(m_session->run()->launcher(added)->pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->telemetry(added).value("router"_L1).toString(), u"e7"_s, 10000);
}

// A queue-depth series picked for a router gets points from live telemetry.
void TestConsole::queueDepthChartReceivesPoints()
{
    const qint64 from = m_session->elapsedMs();
    m_window->charts()->addSeries(u"e7"_s, u"queueDepth"_s);
    // A queue that stays level is kept as its first and latest point; the latest must be new.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->charts()->pointCount(u"e7"_s, u"queueDepth"_s) >= 2, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->series()->points(u"e7"_s, u"queueDepth"_s).constLast().x() >= from + 1000, 15000);
}

// Export writes the HTML naming every expectation, a PDF with pages and the time series.
void TestConsole::exportedReportNamesEveryExpectation()
{
    m_window->action(u"actionStop"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning() && m_window->action(u"actionExportReport"_s)->isEnabled(), 30000);
    const QString out = m_dir.filePath(u"report"_s);
    QString error;
    QVERIFY2(m_window->exportReport(out, &error), qPrintable(error));

    QFile html(QDir(out).filePath(u"report.html"_s));
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(html.readAll());
    for (const auto &expectation : m_session->scenario().expectations)
        QVERIFY2(page.contains(expectation.name.toHtmlEscaped()), qPrintable(expectation.name));
    QVERIFY(page.contains(u"p1-p2"_s));   // the stopwatch row of the cut

    QFile pdf(QDir(out).filePath(u"report.pdf"_s));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF"));
    QVERIFY(bytes.count("/Type /Page\n") + bytes.count("/Type /Page ") + bytes.count("/Type /Page>") >= 1
            || bytes.contains("/Type /Page"));

    QFile csv(QDir(out).filePath(u"timeseries.csv"_s));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readAll().count('\n') > 10);
    QVERIFY(QFile::exists(QDir(out).filePath(u"timeseries.json"_s)));
}

void TestConsole::cleanupTestCase()
{
    if (m_session)
        m_session->stop();
    m_window.reset();
    m_session.reset();
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
