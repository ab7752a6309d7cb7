#pragma once

#include "scenario/runrecord.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

namespace Ui { class MainWindow; }
class QDockWidget;
class QTableView;

namespace Portolan::Console {

class ChartsPanel;
class ConsoleSession;
class DecisionView;
class EventLogPanel;
class LanguageManager;
class NetworkScene;
class NetworkView;
class NodeInspector;
class OperatorMenus;
class AttachFlow;
class PalettePanel;
class PresentationModel;
class PresentationWindow;
class RecentFiles;
class RunStatusBar;
class SendRequestDialog;
class StopwatchModel;
class TimelinePanel;
class TimeSeriesStore;
class TraceView;

// The console's window. It assembles the parts — canvas, inspector, charts, event log,
// palette, timeline, explain and stopwatch docks, toolbar and status bar — and connects
// them to the session. The parts do the work; this class only wires and remembers the
// window's layout and recent files.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openScenario(const QString &file, QString *error = nullptr);
    // Writes the run report into directory (HTML, PDF, CSV, JSON).
    bool exportReport(const QString &directory, QString *error);

    // The parts, for tests and for the presentation view.
    NetworkScene *scene() const { return m_scene; }
    NetworkView *view() const { return m_view; }
    NodeInspector *inspector() const { return m_inspector; }
    ChartsPanel *charts() const { return m_charts; }
    TimeSeriesStore *series() const { return m_series; }
    EventLogPanel *eventLog() const { return m_eventLog; }
    TimelinePanel *timeline() const { return m_timeline; }
    PalettePanel *palette() const { return m_palette; }
    DecisionView *decisionView() const { return m_decision; }
    TraceView *traceView() const { return m_trace; }
    StopwatchModel *stopwatches() const { return m_stopwatches; }
    OperatorMenus *menus() const { return m_menus; }
    AttachFlow *attachFlow() const { return m_attach; }
    RunStatusBar *runStatus() const { return m_status; }
    QAction *action(const QString &objectName) const;

    // Offers the manager's languages in View ▸ Language; without one the menu stays hidden.
    void setLanguageManager(LanguageManager *languages);
    // The projector view over the same session, created on first use and shown full
    // screen on another screen when there is one.
    PresentationWindow *openPresentation();
    PresentationWindow *presentation() const { return m_presentation; }
    PresentationModel *presentationModel() const { return m_presentationModel; }

public Q_SLOTS:
    void startRun();
    void stopRun();
    void togglePlay(bool play);
    void inspect(const QString &id);
    void showTrace(const QString &requestId);
    void openSendDialog(const QString &router = {});
    void explainFrom(const QString &router);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildCanvas();
    void buildDocks();
    QDockWidget *addDock(QWidget *content, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void connectActions();
    void connectSession();
    void updateActions();
    void rebuildScene();
    void onPaletteDrop(const QJsonObject &item, const QPointF &position, const QString &target);
    void onEvent(const Portolan::Scenario::RecordedEvent &event);
    void report(const QString &message, bool ok);
    void chooseAndOpen();
    void chooseAndExport();
    void saveLayout();
    void refreshRecentMenu();
    void restoreWindowState();
    void saveWindowState();
    void retitleDocks();
    void retitleLanguageMenu();
    void retitleWindow();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ConsoleSession *m_session;
    NetworkScene *m_scene = nullptr;
    NetworkView *m_view = nullptr;
    NodeInspector *m_inspector = nullptr;
    TimeSeriesStore *m_series = nullptr;
    ChartsPanel *m_charts = nullptr;
    EventLogPanel *m_eventLog = nullptr;
    TimelinePanel *m_timeline = nullptr;
    PalettePanel *m_palette = nullptr;
    DecisionView *m_decision = nullptr;
    TraceView *m_trace = nullptr;
    StopwatchModel *m_stopwatches = nullptr;
    QTableView *m_stopwatchView = nullptr;
    OperatorMenus *m_menus = nullptr;
    AttachFlow *m_attach = nullptr;
    RunStatusBar *m_status = nullptr;
    RecentFiles *m_recent = nullptr;
    QPointer<SendRequestDialog> m_sendDialog;
    LanguageManager *m_languages = nullptr;
    PresentationModel *m_presentationModel = nullptr;
    PresentationWindow *m_presentation = nullptr;   // a top-level QWindow, deleted with this window
};

} // namespace Portolan::Console
