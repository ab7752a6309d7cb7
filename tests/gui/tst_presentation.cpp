#include "console/mainwindow.h"
#include "console/presentation/presentationmodel.h"
#include "console/presentation/presentationwindow.h"
#include "console/presentation/topologypicture.h"
#include "console/session/consolesession.h"

#include <QAction>
#include <QQuickItem>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

// The presentation view over a real run of Pirate Pugs 1 (portolan-node processes on
// loopback), opened the way a presenter opens it: from the console's View menu.
class TestPresentation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensFromTheViewMenu();
    void captionFollowsTheTimeline_data();
    void captionFollowsTheTimeline();
    void stopwatchShowsTheLastFailure();
    void figuresAndPictureFollowTheRun();
    void escapeClosesIt();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    PresentationWindow *m_presentation = nullptr;
};

QQuickItem *TestPresentation::item(const QString &objectName) const
{
    return m_presentation->rootObject()->findChild<QQuickItem *>(objectName);
}

void TestPresentation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The offscreen platform has no OpenGL; the software scene graph renders anywhere.
    qputenv("QT_QUICK_BACKEND", "software");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"PortolanTest"_s);
    ConsoleSession::Options options;
    options.nodeProgram = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    options.runsRoot = m_dir.filePath(u"runs"_s);
    options.autoPlay = false;   // the test fires the steps itself
    QVERIFY2(QFile::exists(options.nodeProgram), "PORTOLAN_NODE_BINARY must name portolan-node");
    m_session = std::make_unique<ConsoleSession>(options);
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    QString error;
    QVERIFY2(m_session->open(QStringLiteral(PORTOLAN_SCENARIOS_DIR "/pirate-pugs-1.yaml"), {{u"httpPort"_s, u"0"_s}},
                             &error),
             qPrintable(error));
    QSignalSpy ready(m_session.get(), &ConsoleSession::runReady);
    m_session->start();
    QVERIFY(ready.wait(90000));
}

// View ▸ Presentation Mode opens the QML view, loaded without errors, on the open scenario.
void TestPresentation::opensFromTheViewMenu()
{
    QAction *action = m_window->action(u"actionPresentation"_s);
    QVERIFY(action);
    QVERIFY(!m_window->presentation());
    action->trigger();
    m_presentation = m_window->presentation();
    QVERIFY(m_presentation);
    QVERIFY2(m_presentation->loadErrors().isEmpty(), qPrintable(m_presentation->loadErrors().join(u'\n')));
    QVERIFY(m_presentation->isVisible());
    QVERIFY(m_presentation->rootObject());
    // A second trigger shows the same window rather than another one.
    QCOMPARE(m_window->openPresentation(), m_presentation);

    PresentationModel *model = m_window->presentationModel();
    QVERIFY(model);
    QCOMPARE(model->stepCount(), int(m_session->scenario().timeline.size()));
    QCOMPARE(model->stepIndex(), 0);
    QCOMPARE(m_presentation->rootObject()->property("caption").toString(), QString());
    QCOMPARE(item(u"scenarioText"_s)->property("text").toString(), m_session->scenario().name);
}

void TestPresentation::captionFollowsTheTimeline_data()
{
    QTest::addColumn<int>("step");
    QTest::newRow("iteration 1 find") << 0;
    QTest::newRow("multicast inventory") << 1;
    QTest::newRow("backbone link fails") << 2;
}

// Firing a timeline step puts its caption on the projector and advances the progress.
void TestPresentation::captionFollowsTheTimeline()
{
    QFETCH(int, step);
    const QString expected = m_session->scenario().timeline.at(step).caption;
    QVERIFY(!expected.isEmpty());
    m_session->fireStep(step);
    QTRY_COMPARE_WITH_TIMEOUT(m_presentation->rootObject()->property("caption").toString(), expected, 10000);
    // The caption on screen, after its cross-fade.
    QTRY_COMPARE_WITH_TIMEOUT(item(u"captionText"_s)->property("text").toString(), expected, 5000);
    QCOMPARE(m_window->presentationModel()->stepIndex(), step + 1);
    QCOMPARE(item(u"progressText"_s)->property("text").toString(),
             u"Step %1 of %2"_s.arg(step + 1).arg(m_session->scenario().timeline.size()));
}

// Cutting c1–c2 (step 3) starts a stopwatch that the view names and times.
void TestPresentation::stopwatchShowsTheLastFailure()
{
    PresentationModel *model = m_window->presentationModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->hasStopwatch(), 10000);
    QVERIFY2(model->stopwatchTitle().contains(u"c1"_s), qPrintable(model->stopwatchTitle()));
    // The mesh notices a closed connection at once: the detection time gets a number.
    QTRY_VERIFY_WITH_TIMEOUT(model->stopwatchDetection().endsWith(u" ms"_s) || model->stopwatchDetection().endsWith(u" s"_s),
                             15000);
    QVERIFY(model->lastStopwatch().contains(model->stopwatchTitle()));
}

// The headline figures are the session's, and the topology picture is the console's canvas.
void TestPresentation::figuresAndPictureFollowTheRun()
{
    PresentationModel *model = m_window->presentationModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->delivered() > 0, 20000);
    QCOMPARE(model->nodesTotal(), int(m_session->nodeIds().size()));
    QCOMPARE(model->nodesDown(), m_session->nodesDown());
    QTRY_COMPARE_WITH_TIMEOUT(item(u"deliveredTile"_s)->property("value").toString(), QLocale().toString(model->delivered()),
                              5000);

    QSignalSpy pictures(model, &PresentationModel::topologyChanged);
    QVERIFY(pictures.wait(5000));   // refreshed every second while on screen
    const QImage picture = model->picture()->get();
    QVERIFY(!picture.isNull());
    QVERIFY(picture.width() > 100 && picture.height() > 100);
    QCOMPARE(item(u"topologyImage"_s)->property("source").toUrl(), model->topologySource());
}

// Escape hands the screen back to the console.
void TestPresentation::escapeClosesIt()
{
    QTest::keyClick(m_presentation, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!m_presentation->isVisible(), 5000);
}

void TestPresentation::cleanupTestCase()
{
    if (m_session)
        m_session->stop();
    m_window.reset();
    m_session.reset();
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
