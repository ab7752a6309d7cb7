#pragma once

#include "scenario/runrecord.h"
#include "scenario/scenario.h"
#include "scenario/timeline.h"
#include "supervisor/controlclient.h"
#include "supervisor/failurestopwatch.h"
#include "supervisor/nodelauncher.h"
#include "supervisor/portallocator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>

namespace Portolan::Supervisor {

// One run of a scenario: the run directory, one portolan-node process per router and
// entity, a control connection to each, the timeline played against them, and the
// record (events, metrics, requests, steps) that expectations and reports read.
// The console and the headless runner both drive a run through this class.
class ScenarioRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString nodeProgram;                 // path of portolan-node
        QString runsRoot = QStringLiteral("runs");
        double speed = 1.0;                  // timeline speed factor
        int telemetryHz = 2;
        int metricsIntervalMs = 1000;
        qint64 settleMs = 3000;              // after the last step, before the run ends
        bool autoFinish = true;              // end by itself once the timeline is done
    };

    enum class State { Idle, Starting, Running, Finishing, Finished, Failed };
    Q_ENUM(State)

    ScenarioRun(const Scenario::Scenario &scenario, const Options &options, QObject *parent = nullptr);
    ~ScenarioRun() override;

    // Creates the run directory and writes the scenario as run; false with a message.
    bool prepare(QString *error);
    void start();          // launches every node; ready() once all are READY and connected
    void play();           // starts (or resumes) the timeline
    void pause();
    void stepNext();       // fires the next step now
    void fireStep(int index);   // fires a step by hand (marked manual)
    void finish();         // collects final telemetry, stops every node, emits finished()
    void abort(const QString &reason);

    // Operator actions, the same as timeline steps (the console's context menus).
    bool perform(const QString &action, const QJsonObject &args, QString *detail);
    // The same, done by the operator: recorded as a manual step of the run (the report's
    // timeline shows it) and announced with operatorActed().
    bool performByOperator(const QString &action, const QJsonObject &args, QString *detail);

    State state() const { return m_state; }
    const Scenario::Scenario &scenario() const { return m_scenario; }
    const Scenario::RunRecord &record() const { return m_record; }
    const Scenario::Timeline &timeline() const { return m_timeline; }
    QString runDirectory() const { return m_runDirectory; }
    QStringList nodeIds() const { return m_order; }
    NodeLauncher *launcher(const QString &id) const;
    ControlClient *control(const QString &id) const;
    qint64 elapsedMs() const;   // since start()

Q_SIGNALS:
    void ready();
    void failed(const QString &message);
    void stepFired(int index, const Portolan::Scenario::StepRecord &record);
    void eventRecorded(const Portolan::Scenario::RecordedEvent &event);
    void telemetryUpdated(const QString &node);
    void requestAnswered(const Portolan::Scenario::RequestRecord &request);
    // A failure stopwatch started, noticed detection or recovery, or closed.
    void stopwatchUpdated(int index, const Portolan::Scenario::StopwatchRecord &stopwatch);
    void timelineFinished();
    void operatorActed(const Portolan::Scenario::StepRecord &step);
    void finished();

private:
    struct NodeState
    {
        std::unique_ptr<NodeLauncher> launcher;
        std::unique_ptr<ControlClient> control;
        bool connected = false;
        Scenario::RemoteNode remote;   // set: runs on another host; attached, never launched
        QString attachError;           // why the last attempt to reach a remote node failed
    };

    Node::NodeConfig routerConfig(const Scenario::Router &router);
    Node::NodeConfig entityConfig(const Scenario::Entity &entity);
    void buildConfigs();
    void launch(const QString &id);
    void connectControl(const QString &id);
    void attach(const QString &id);
    void reattachLater(const QString &id);
    void watchControl(const QString &id, ControlClient *client);
    Node::PeerEndpoint endpointOf(const QString &peer, qint32 cost, const QString &provider) const;
    bool refuseRemote(const QString &id, const QString &action, QString *detail) const;
    void checkReady();
    bool converged() const;
    void scheduleNextStep();
    void fireDue();
    void fire(int index, bool manual);
    void record(const QString &node, const QString &kind, const QJsonObject &fields);
    void sampleMetrics();
    void sendRequest(const QString &name, const QJsonObject &args);
    QString resolveAnswers(const QString &text, QString *unresolved) const;
    void commandNode(const QString &node, const QString &command, const QJsonObject &args);
    bool restartNode(const QString &id, const QString &software, QString *detail);
    QList<QPair<QString, QString>> linksOfProvider(const QString &provider) const;
    void collectFinalTelemetry();
    bool addRouter(const QJsonObject &spec, QString *detail);
    void startStopwatch(const QString &action, const QString &label, const FailureStopwatch::Target &target);
    void closeStopwatches(bool final);
    void publishStopwatch(int index);
    FailureStopwatch::Totals routerTotals() const;
    void stopNodes();

    Scenario::Scenario m_scenario;
    Options m_options;
    Scenario::Timeline m_timeline;
    Scenario::RunRecord m_record;
    FailureStopwatch m_stopwatch;
    QString m_runDirectory;
    PortAllocator m_ports;
    QHash<QString, Node::NodeConfig> m_configs;
    QStringList m_order;                      // routers first, then entities
    std::map<QString, NodeState> m_nodes;   // QHash would need copyable values
    QNetworkAccessManager m_network;
    QElapsedTimer m_clock;
    QTimer m_stepTimer;
    QTimer m_metricsTimer;
    QTimer m_readyTimeout;
    QTimer m_convergeTimer;
    QFile m_eventsFile;
    QFile m_metricsFile;
    State m_state = State::Idle;
    QByteArray m_token;
    int m_pendingRequests = 0;
    qint64 m_timelineDoneAtMs = -1;
    bool m_timelineStarted = false;
};

} // namespace Portolan::Supervisor
