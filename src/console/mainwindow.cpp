#include "console/mainwindow.h"

#include "console/attachflow.h"
#include "console/canvas/networkscene.h"
#include "console/canvas/networkview.h"
#include "console/dropplanner.h"
#include "console/languagemanager.h"
#include "console/operatormenus.h"
#include "console/panels/chartspanel.h"
#include "console/panels/decisionview.h"
#include "console/panels/eventlogmodel.h"
#include "console/panels/eventlogpanel.h"
#include "console/panels/nodeinspector.h"
#include "console/panels/palettepanel.h"
#include "console/panels/timelinepanel.h"
#include "console/panels/timeseriesstore.h"
#include "console/panels/traceview.h"
#include "console/presentation/presentationmodel.h"
#include "console/presentation/presentationwindow.h"
#include "console/recentfiles.h"
#include "console/runreportexport.h"
#include "console/runstatusbar.h"
#include "console/sendrequestdialog.h"
#include "console/session/consolesession.h"
#include "console/stopwatchmodel.h"
#include "ui_mainwindow.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_session(session)
    , m_recent(new RecentFiles)
{
    m_ui->setupUi(this);
    buildCanvas();
    buildDocks();
    m_menus = new OperatorMenus(m_session, this);
    m_attach = new AttachFlow(this);
    m_status = new RunStatusBar(m_session, this);
    statusBar()->addPermanentWidget(m_status);
    connectActions();
    connectSession();
    refreshRecentMenu();
    restoreWindowState();
    updateActions();
}

MainWindow::~MainWindow()
{
    delete m_presentation;
    delete m_recent;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::buildCanvas()
{
    m_scene = new NetworkScene(this);
    m_view = new NetworkView(m_scene, this);
    delete m_ui->centralArea;
    setCentralWidget(m_view);
    connect(m_scene, &NetworkScene::nodeActivated, this, &MainWindow::inspect);
    connect(m_scene, &NetworkScene::nodeContextMenuRequested, this,
            [this](const QString &id, const QPoint &pos) { m_menus->showNodeMenu(id, pos); });
    connect(m_scene, &NetworkScene::linkContextMenuRequested, this,
            [this](const QString &a, const QString &b, const QPoint &pos) { m_menus->showLinkMenu(a, b, pos); });
    connect(m_scene, &NetworkScene::providerContextMenuRequested, this,
            [this](const QString &provider, const QPoint &pos) { m_menus->showProviderMenu(provider, pos); });
    connect(m_view, &NetworkView::paletteItemDropped, this, &MainWindow::onPaletteDrop);
}

QDockWidget *MainWindow::addDock(QWidget *content, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area)
{
    // Titles come from retitleDocks(), so a language switch can set them again.
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_ui->menuView->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::buildDocks()
{
    m_inspector = new NodeInspector(this);
    m_series = new TimeSeriesStore(this);
    m_charts = new ChartsPanel(m_series, this);
    m_eventLog = new EventLogPanel(this);
    m_timeline = new TimelinePanel(this);
    m_palette = new PalettePanel(this);
    m_decision = new DecisionView(this);
    m_trace = new TraceView(this);
    m_stopwatches = new StopwatchModel(this);
    m_stopwatchView = new QTableView(this);
    m_stopwatchView->setModel(m_stopwatches);
    m_stopwatchView->verticalHeader()->hide();
    m_stopwatchView->horizontalHeader()->setStretchLastSection(true);
    m_stopwatchView->setAlternatingRowColors(true);
    m_stopwatchView->setSelectionBehavior(QAbstractItemView::SelectRows);

    QDockWidget *palette = addDock(m_palette, QString(), u"paletteDock"_s, Qt::LeftDockWidgetArea);
    QDockWidget *timeline = addDock(m_timeline, QString(), u"timelineDock"_s, Qt::LeftDockWidgetArea);
    QDockWidget *inspector = addDock(m_inspector, QString(), u"inspectorDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *decision = addDock(m_decision, QString(), u"decisionDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *trace = addDock(m_trace, QString(), u"traceDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *charts = addDock(m_charts, QString(), u"chartsDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *events = addDock(m_eventLog, QString(), u"eventLogDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *stopwatch = addDock(m_stopwatchView, QString(), u"stopwatchDock"_s, Qt::BottomDockWidgetArea);
    retitleDocks();
    splitDockWidget(palette, timeline, Qt::Vertical);
    tabifyDockWidget(inspector, decision);
    tabifyDockWidget(decision, trace);
    inspector->raise();
    tabifyDockWidget(events, stopwatch);
    splitDockWidget(charts, events, Qt::Horizontal);
    events->raise();
    resizeDocks({palette, inspector}, {230, 380}, Qt::Horizontal);
    resizeDocks({charts}, {250}, Qt::Vertical);

    connect(m_inspector, &NodeInspector::chartRequested, this, [this, charts](const QString &node, const QString &metric) {
        m_charts->addSeries(node, metric);
        charts->show();
        charts->raise();
    });
    connect(m_eventLog, &EventLogPanel::traceRequested, this, &MainWindow::showTrace);
    connect(m_eventLog, &EventLogPanel::nodeSelected, this, &MainWindow::inspect);
    connect(m_trace, &TraceView::hopSelected, this, &MainWindow::inspect);
    connect(m_timeline, &TimelinePanel::playRequested, this, [this] { togglePlay(true); });
    connect(m_timeline, &TimelinePanel::pauseRequested, this, [this] { togglePlay(false); });
    connect(m_timeline, &TimelinePanel::stepRequested, m_session, &ConsoleSession::stepNext);
    connect(m_timeline, &TimelinePanel::fireRequested, m_session, &ConsoleSession::fireStep);
}

void MainWindow::connectActions()
{
    const auto icon = [this](const char *theme, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QString::fromLatin1(theme), style()->standardIcon(fallback));
    };
    m_ui->actionOpen->setIcon(icon("document-open", QStyle::SP_DialogOpenButton));
    m_ui->actionStart->setIcon(icon("media-playback-start", QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(icon("media-playback-stop", QStyle::SP_MediaStop));
    m_ui->actionPlay->setIcon(icon("media-playback-pause", QStyle::SP_MediaPause));
    m_ui->actionStep->setIcon(icon("media-skip-forward", QStyle::SP_MediaSkipForward));
    m_ui->actionExportReport->setIcon(icon("document-export", QStyle::SP_DialogSaveButton));
    m_ui->actionFit->setIcon(icon("zoom-fit-best", QStyle::SP_TitleBarMaxButton));
    m_ui->actionSendRequest->setIcon(icon("mail-send", QStyle::SP_ArrowForward));

    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::chooseAndOpen);
    connect(m_ui->actionAttach, &QAction::triggered, m_attach, &AttachFlow::ask);
    connect(m_attach, &AttachFlow::networkReady, this, [this](const QString &file, const QStringList &warnings) {
        if (openScenario(file) && !warnings.isEmpty())
            QMessageBox::information(this, tr("Attached"), tr("Attached, with these gaps:\n%1").arg(warnings.join(u'\n')));
    });
    connect(m_attach, &AttachFlow::failed, this, [this](const QString &message, const QStringList &warnings) {
        QMessageBox::warning(this, tr("Cannot attach"),
                             warnings.isEmpty() ? message : message + u"\n\n"_s + warnings.join(u'\n'));
    });
    connect(m_ui->actionSaveLayout, &QAction::triggered, this, &MainWindow::saveLayout);
    connect(m_ui->actionExportReport, &QAction::triggered, this, &MainWindow::chooseAndExport);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionStart, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_ui->actionStop, &QAction::triggered, this, &MainWindow::stopRun);
    connect(m_ui->actionPlay, &QAction::triggered, this, &MainWindow::togglePlay);
    connect(m_ui->actionStep, &QAction::triggered, m_session, &ConsoleSession::stepNext);
    connect(m_ui->actionFit, &QAction::triggered, m_view, &NetworkView::fitToView);
    connect(m_ui->actionCollapseDevices, &QAction::toggled, m_scene, &NetworkScene::setDevicesCollapsed);
    connect(m_ui->actionSendRequest, &QAction::triggered, this, [this] { openSendDialog(); });
    connect(m_ui->actionPresentation, &QAction::triggered, this, &MainWindow::openPresentation);
    m_ui->menuLanguage->menuAction()->setVisible(false);
    connect(m_ui->actionExplain, &QAction::triggered, this, [this] {
        const QString node = m_inspector->currentNode();
        explainFrom(m_session->kindOf(node) == "entity"_L1 || node.isEmpty() ? QString() : node);
    });
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Portolan"),
                           tr("<h3>Portolan %1</h3><p>Build, run, break and explain application-layer messaging "
                              "networks: real node processes on a router mesh, watched and steered from here.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
    connect(m_menus, &OperatorMenus::acted, this, &MainWindow::report);
    connect(m_menus, &OperatorMenus::inspectRequested, this, &MainWindow::inspect);
    connect(m_menus, &OperatorMenus::explainRequested, this, &MainWindow::explainFrom);
    connect(m_menus, &OperatorMenus::sendRequested, this, &MainWindow::openSendDialog);
}

void MainWindow::connectSession()
{
    connect(m_session, &ConsoleSession::scenarioOpened, this, &MainWindow::rebuildScene);
    connect(m_session, &ConsoleSession::runStarted, this, [this] {
        m_stopwatches->clear();
        m_eventLog->model()->clear();
        m_series->clear();
        statusBar()->showMessage(tr("Starting %n node(s)…", nullptr, int(m_session->nodeIds().size())));
        updateActions();
    });
    connect(m_session, &ConsoleSession::runReady, this, [this] {
        if (m_charts->shownSeries().isEmpty()) {
            m_charts->addSeries(QString(), u"inFlight"_s);
            m_charts->addSeries(QString(), u"deliveredPerSecond"_s);
        }
        statusBar()->showMessage(tr("Every node is up; the network has converged."), 5000);
        updateActions();
    });
    connect(m_session, &ConsoleSession::runFinished, this, [this] {
        statusBar()->showMessage(tr("The run has ended; its record is in %1").arg(m_session->run()->runDirectory()));
        updateActions();
    });
    connect(m_session, &ConsoleSession::runFailed, this, [this](const QString &message) {
        updateActions();
        QMessageBox::warning(this, tr("The run failed"), message);
    });
    connect(m_session, &ConsoleSession::playingChanged, this, [this](bool playing) {
        m_timeline->setPlaying(playing);
        updateActions();
    });
    connect(m_session, &ConsoleSession::nodeStatusChanged, m_scene, &NetworkScene::setNodeStatus);
    connect(m_session, &ConsoleSession::nodeStatusChanged, this, [this](const QString &id) {
        if (id == m_inspector->currentNode())
            m_inspector->updateTelemetry(m_session->telemetry(id));
    });
    connect(m_session, &ConsoleSession::telemetryUpdated, this, [this](const QString &id, const QJsonObject &telemetry) {
        m_scene->applyTelemetry(id, telemetry);
        if (id == m_inspector->currentNode())
            m_inspector->updateTelemetry(telemetry);
    });
    connect(m_session, &ConsoleSession::eventRecorded, this, &MainWindow::onEvent);
    // Charts sample every node at a steady pace: a node whose telemetry stopped changing
    // still has a value now, and rates derived from counters fall back to zero.
    auto *sampler = new QTimer(this);
    sampler->setInterval(200);
    connect(sampler, &QTimer::timeout, this, [this] {
        if (!m_session->isRunning())
            return;
        const qint64 now = m_session->elapsedMs();
        qint64 inFlight = 0;
        for (const QString &id : m_session->nodeIds()) {
            const QJsonObject telemetry = m_session->telemetry(id);
            m_series->ingestTelemetry(id, now, telemetry);
            if (m_session->kindOf(id) != "entity"_L1)
                inFlight += telemetry.value("counters"_L1).toObject().value("inFlight"_L1).toInteger();
        }
        // The mesh as a whole ("" in the series store): what the charts show first.
        m_series->append(QString(), u"inFlight"_s, now, double(inFlight));
        m_series->append(QString(), u"deliveredPerSecond"_s, now, m_session->messagesPerSecond());
    });
    sampler->start();
    connect(m_session, &ConsoleSession::stepFired, m_timeline, &TimelinePanel::markFired);
    connect(m_session, &ConsoleSession::captionChanged, m_scene, &NetworkScene::setCaption);
    connect(m_session, &ConsoleSession::stopwatchUpdated, m_stopwatches, &StopwatchModel::update);
    connect(m_session, &ConsoleSession::eventRecorded, this, [this](const Scenario::RecordedEvent &event) {
        // Providers go down by timeline step or by the operator; the legend shows both.
        if (event.kind == "step"_L1 || event.kind == "operator"_L1) {
            const QString action = event.fields.value("action"_L1).toString();
            if (action == "provider-down"_L1 || action == "provider-up"_L1) {
                const QJsonObject args = event.fields.value("args"_L1).toObject();
                m_scene->setProviderDown(args.value("provider"_L1).toString(), action == "provider-down"_L1);
            }
        }
    });
    connect(m_session, &ConsoleSession::nodeAdded, this, [this](const QString &id) {
        const Scenario::Scenario &s = m_session->scenario();
        if (const Scenario::Entity *e = s.entity(id)) {
            m_scene->addNode(CanvasNode{e->id, u"entity"_s, e->role, e->label, e->position, e->routers, {}});
        } else if (const Scenario::Router *r = s.router(id)) {
            m_scene->addNode(CanvasNode{r->id, r->kind, r->kind, r->label, r->position, {}, r->provider});
            for (const Scenario::Uplink &u : r->uplinks)
                m_scene->addLink(r->id, u.router, u.provider, u.cost);
            for (const Scenario::Link &l : s.links) {
                if (l.from == id)
                    m_scene->addLink(l.from, l.to, l.provider, l.cost);
            }
        }
        m_scene->setNodeStatus(id, m_session->status(id));
    });
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // The docks settle the canvas's final size only once the window is on screen.
    QTimer::singleShot(0, m_view, &NetworkView::fitToView);
}

void MainWindow::rebuildScene()
{
    const Scenario::Scenario &s = m_session->scenario();
    m_scene->setScenario(s);
    m_timeline->setSteps(s.timeline);
    m_timeline->setDuration(s.durationMs);
    m_inspector->clear();
    m_decision->clear();
    m_stopwatches->clear();
    m_view->fitToView();
    retitleWindow();
    updateActions();
}

bool MainWindow::openScenario(const QString &file, QString *error)
{
    QString problem;
    if (!m_session->open(file, {}, &problem)) {
        if (error)
            *error = problem;
        else
            QMessageBox::warning(this, tr("Cannot open the scenario"), problem);
        m_recent->remove(QFileInfo(file).absoluteFilePath());
        refreshRecentMenu();
        return false;
    }
    m_recent->add(file);
    refreshRecentMenu();
    return true;
}

void MainWindow::chooseAndOpen()
{
    const QString dir = QSettings().value(u"lastScenarioDir"_s).toString();
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Scenario"), dir, tr("Scenarios (*.yaml *.yml)"));
    if (file.isEmpty())
        return;
    QSettings().setValue(u"lastScenarioDir"_s, QFileInfo(file).absolutePath());
    openScenario(file);
}

void MainWindow::refreshRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList files = m_recent->files();
    for (const QString &file : files) {
        QAction *a = m_ui->menuRecent->addAction(QFileInfo(file).fileName(), this, [this, file] { openScenario(file); });
        a->setToolTip(file);
    }
    m_ui->menuRecent->setEnabled(!files.isEmpty());
}

void MainWindow::startRun()
{
    if (!m_session->hasScenario())
        return;
    m_session->start();
}

void MainWindow::stopRun()
{
    m_session->stop();
}

void MainWindow::togglePlay(bool play)
{
    if (play)
        m_session->play();
    else
        m_session->pause();
    updateActions();
}

void MainWindow::updateActions()
{
    const bool has = m_session->hasScenario();
    const bool running = m_session->isRunning();
    const bool busy = running || m_session->isStarting();
    m_ui->actionStart->setEnabled(has && !busy);
    m_ui->actionStop->setEnabled(busy);
    m_ui->actionPlay->setEnabled(running);
    m_ui->actionPlay->setChecked(m_session->isPlaying());
    m_ui->actionPlay->setText(m_session->isPlaying() ? tr("&Pause") : tr("&Play"));
    m_ui->actionPlay->setIcon(style()->standardIcon(m_session->isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_ui->actionStep->setEnabled(running);
    m_ui->actionSendRequest->setEnabled(running);
    m_ui->actionExplain->setEnabled(running);
    m_ui->actionExportReport->setEnabled(m_session->record() != nullptr);
    m_palette->setEnabled(running);
}

void MainWindow::inspect(const QString &id)
{
    if (id.isEmpty())
        return;
    m_scene->selectNode(id);
    m_inspector->showNode(id, m_session->roleOf(id), m_session->telemetry(id));
    if (QDockWidget *dock = findChild<QDockWidget *>(u"inspectorDock"_s)) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::onEvent(const Scenario::RecordedEvent &event)
{
    m_eventLog->model()->append(event);
    if (event.kind == "delivery"_L1 && event.fields.contains("latencyMs"_L1))
        m_series->ingestDelivery(event.atMs, event.fields.value("latencyMs"_L1).toDouble());
    if (event.kind == "stopwatch"_L1) {
        const qint64 detection = event.fields.value("detectionMs"_L1).toInteger();
        const qint64 recovery = event.fields.value("recoveryMs"_L1).toInteger();
        statusBar()->showMessage(tr("%1 %2: %3, %4")
                                     .arg(event.fields.value("action"_L1).toString(),
                                          event.fields.value("target"_L1).toString(),
                                          detection < 0 ? tr("nobody noticed") : tr("noticed after %1 ms").arg(QLocale().toString(detection)),
                                          recovery < 0 ? tr("no traced traffic went around it")
                                                       : tr("rerouted after %1 ms").arg(QLocale().toString(recovery))),
                                 8000);
    }
}

void MainWindow::showTrace(const QString &requestId)
{
    const QList<Scenario::RecordedEvent> hops = m_session->trace(requestId);
    m_trace->showTrace(requestId, hops);
    QStringList nodes;
    QList<qint64> times;
    for (const Scenario::RecordedEvent &e : hops) {
        if (e.kind == "trace-hop"_L1 || e.kind == "delivery"_L1) {
            nodes.append(e.node);
            times.append(e.atMs);
        }
    }
    m_scene->setTrace(nodes, times);
    if (QDockWidget *dock = findChild<QDockWidget *>(u"traceDock"_s)) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::openSendDialog(const QString &router)
{
    if (!m_sendDialog) {
        m_sendDialog = new SendRequestDialog(m_session, this);
        m_sendDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_sendDialog, &SendRequestDialog::traceRequested, this, &MainWindow::showTrace);
    }
    if (!router.isEmpty())
        m_sendDialog->setRouter(router);
    m_sendDialog->show();
    m_sendDialog->raise();
}

void MainWindow::explainFrom(const QString &routerHint)
{
    QString router = routerHint;
    if (router.isEmpty()) {
        QStringList routers;
        for (const Scenario::Router &r : m_session->scenario().routers)
            routers.append(r.id);
        bool ok = false;
        router = QInputDialog::getItem(this, tr("Explain routing"), tr("Decide at router:"), routers, 0, false, &ok);
        if (!ok)
            return;
    }
    bool ok = false;
    const QString address = QInputDialog::getText(this, tr("Explain routing at %1").arg(router),
                                                  tr("Address (and optionally “#key”):"), QLineEdit::Normal,
                                                  QSettings().value(u"lastExplainAddress"_s, u"/"_s).toString(), &ok);
    if (!ok || address.trimmed().isEmpty())
        return;
    QSettings().setValue(u"lastExplainAddress"_s, address.trimmed());
    const qsizetype hash = address.indexOf(u'#');
    const QString path = (hash < 0 ? address : address.left(hash)).trimmed();
    const QString key = hash < 0 ? QString() : address.mid(hash + 1).trimmed();
    QPointer<MainWindow> self(this);
    m_session->explain(router, path, key, [self, router](bool done, const QJsonObject &result, const QString &error) {
        if (!self)
            return;
        if (!done) {
            self->report(tr("Explain at %1: %2").arg(router, error), false);
            return;
        }
        self->m_decision->showDecision(result);
        if (QDockWidget *dock = self->findChild<QDockWidget *>(u"decisionDock"_s)) {
            dock->show();
            dock->raise();
        }
    });
}

void MainWindow::onPaletteDrop(const QJsonObject &item, const QPointF &position, const QString &target)
{
    if (!m_session->isRunning()) {
        report(tr("Start the network before adding nodes to it."), false);
        return;
    }
    QString error;
    const QString id = m_session->nextNodeId(DropPlanner::idStem(item));
    const std::optional<QJsonObject> args = DropPlanner::plan(item, position, target, m_session->scenario(), id, &error);
    if (!args) {
        report(error, false);
        return;
    }
    QString detail;
    const bool ok = m_session->act(u"add-node"_s, *args, &detail);
    report(detail, ok);
}

void MainWindow::report(const QString &message, bool ok)
{
    statusBar()->showMessage(ok ? message : tr("Not done: %1").arg(message), 8000);
}

void MainWindow::saveLayout()
{
    QString error;
    if (!m_session->saveLayout(m_scene->nodePositions(), &error))
        QMessageBox::warning(this, tr("Cannot save the layout"), error);
    else
        statusBar()->showMessage(tr("Layout saved to %1").arg(m_session->layoutFile()), 5000);
}

bool MainWindow::exportReport(const QString &directory, QString *error)
{
    if (!m_session->hasScenario() || !m_session->record()) {
        *error = tr("There is no run to report on yet.");
        return false;
    }
    return RunReportExport::write(m_session->scenario(), *m_session->record(), m_session->evaluate(),
                                  m_scene->renderPicture(QSize(1600, 1100)), directory, error);
}

void MainWindow::chooseAndExport()
{
    const QString start = m_session->run() ? m_session->run()->runDirectory() : QDir::currentPath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the run report into"), start);
    if (dir.isEmpty())
        return;
    QString error;
    if (!exportReport(dir, &error)) {
        QMessageBox::warning(this, tr("Cannot export the report"), error);
        return;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(dir), 8000);
    QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(dir).filePath(u"report.html"_s)));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
}

void MainWindow::retitleDocks()
{
    const QList<std::pair<QString, QString>> titles{
        {u"paletteDock"_s, tr("Palette")},           {u"timelineDock"_s, tr("Timeline")},
        {u"inspectorDock"_s, tr("Inspector")},       {u"decisionDock"_s, tr("Routing Decision")},
        {u"traceDock"_s, tr("Trace")},               {u"chartsDock"_s, tr("Charts")},
        {u"eventLogDock"_s, tr("Event Log")},        {u"stopwatchDock"_s, tr("Failure Stopwatch")},
    };
    for (const auto &[objectName, title] : titles) {
        if (QDockWidget *dock = findChild<QDockWidget *>(objectName))
            dock->setWindowTitle(title);
    }
}

void MainWindow::retitleWindow()
{
    if (m_session->hasScenario())
        setWindowTitle(tr("%1 — Portolan").arg(m_session->scenario().name));
}

void MainWindow::setLanguageManager(LanguageManager *languages)
{
    m_languages = languages;
    m_ui->menuLanguage->clear();
    delete m_ui->menuLanguage->findChild<QActionGroup *>(u"languageGroup"_s);
    m_ui->menuLanguage->menuAction()->setVisible(languages != nullptr);
    if (!languages)
        return;
    auto *group = new QActionGroup(m_ui->menuLanguage);
    group->setObjectName(u"languageGroup"_s);
    group->setExclusive(true);
    const QList<LanguageManager::Language> list = LanguageManager::languages();
    for (const LanguageManager::Language &language : list) {
        QAction *a = m_ui->menuLanguage->addAction(language.name);
        a->setObjectName(u"actionLanguage_"_s + (language.code.isEmpty() ? u"system"_s : language.code));
        a->setData(language.code);
        a->setCheckable(true);
        a->setChecked(language.code == languages->language());
        group->addAction(a);
        connect(a, &QAction::triggered, languages, [languages, code = language.code] { languages->setLanguage(code); });
        if (language.code.isEmpty())
            m_ui->menuLanguage->addSeparator();
    }
    connect(languages, &LanguageManager::languageChanged, m_ui->menuLanguage, [this](const QString &code) {
        const QList<QAction *> actions = m_ui->menuLanguage->actions();
        for (QAction *a : actions) {
            if (!a->isSeparator())
                a->setChecked(a->data().toString() == code);
        }
    });
}

void MainWindow::retitleLanguageMenu()
{
    // The languages keep their own names; only "System Language" follows the switch.
    const QList<LanguageManager::Language> list = LanguageManager::languages();
    const QList<QAction *> actions = m_ui->menuLanguage->actions();
    for (QAction *a : actions) {
        for (const LanguageManager::Language &language : list) {
            if (!a->isSeparator() && a->data().toString() == language.code)
                a->setText(language.name);
        }
    }
}

PresentationWindow *MainWindow::openPresentation()
{
    if (!m_presentationModel) {
        m_presentationModel = new PresentationModel(
            m_session, [this](const QSize &size) { return m_scene->renderPicture(size); }, this);
    }
    if (!m_presentation)
        m_presentation = new PresentationWindow(m_presentationModel);
    m_presentation->present(screen());
    return m_presentation;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retitleDocks();
        retitleLanguageMenu();
        retitleWindow();
        refreshRecentMenu();
        updateActions();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_presentation)
        m_presentation->close();
    saveWindowState();
    m_session->stop();
    event->accept();
}

} // namespace Portolan::Console
