#pragma once

#include "console/canvas/canvasnode.h"
#include "scenario/expectations.h"
#include "scenario/runrecord.h"
#include "scenario/scenario.h"
#include "supervisor/controlclient.h"
#include "supervisor/scenariorun.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointF>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace Portolan::Console {

// The console's one connection to the network it shows: the open scenario, the run that
// brings it to life (through the supervisor's ScenarioRun), each node's life state, and
// the operator's actions. Widgets read from it and call into it; none of them talks to a
// node or a process directly.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString nodeProgram;
        QString runsRoot = QStringLiteral("runs");
        int telemetryHz = 5;
        bool autoPlay = true;      // play the timeline as soon as every node is ready
    };

    explicit ConsoleSession(const Options &options, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Loads a scenario file (stopping a run in progress) and applies its saved layout.
    bool open(const QString &file, const QMap<QString, QString> &overrides, QString *error);
    bool hasScenario() const { return m_scenario.has_value(); }
    const Scenario::Scenario &scenario() const { return *m_scenario; }

    // The run: start() launches every node; stop() ends the run and keeps its record.
    void start();
    void stop();
    bool isRunning() const;
    bool isStarting() const;
    Supervisor::ScenarioRun *run() const { return m_run.get(); }
    const Scenario::RunRecord *record() const { return m_run ? &m_run->record() : nullptr; }
    QList<Scenario::ExpectationResult> evaluate() const;

    // Timeline playback.
    void play();
    void pause();
    void stepNext();
    void fireStep(int index);
    bool isPlaying() const { return m_playing; }

    // What the console knows of each node.
    NodeStatus status(const QString &id) const { return m_status.value(id, NodeStatus::Planned); }
    QJsonObject telemetry(const QString &id) const;
    QString kindOf(const QString &id) const;      // "interior" | "edge" | "entity" | ""
    QString remoteHost(const QString &id) const;  // the host of a node attached there; "" = started here
    QString roleOf(const QString &id) const;      // an entity's role, a router's kind
    QStringList nodeIds() const;
    int nodesUp() const;
    int nodesDown() const;
    double messagesPerSecond() const { return m_messagesPerSecond; }
    qint64 elapsedMs() const { return m_run ? m_run->elapsedMs() : 0; }

    // The operator's hands on the network; recorded in the run as manual steps.
    bool act(const QString &action, const QJsonObject &args, QString *detail);
    // Injects a request at a router (the send dialog) and explains a routing decision;
    // handler gets the node's result or an error sentence.
    using Handler = Supervisor::ControlClient::ResultHandler;
    void sendRequest(const QString &router, const QJsonObject &args, Handler handler);
    void explain(const QString &router, const QString &address, const QString &key, Handler handler);
    // The trace of a request as recorded: its trace-hop, delivery and answer events in order.
    QList<Scenario::RecordedEvent> trace(const QString &requestId) const;

    // Node positions, saved beside the scenario (or in the user's data folder when the
    // scenario's folder is read-only) and applied whenever the scenario is opened.
    bool saveLayout(const QHash<QString, QPointF> &positions, QString *error);
    QString layoutFile() const;

    // A fresh node id for something dropped from the palette, e.g. "device-4".
    QString nextNodeId(const QString &stem) const;

Q_SIGNALS:
    void scenarioOpened();
    void runStarted();
    void runReady();
    void runFinished();
    void runFailed(const QString &message);
    void playingChanged(bool playing);
    void nodeStatusChanged(const QString &id, Portolan::Console::NodeStatus status);
    void nodeAdded(const QString &id);
    void telemetryUpdated(const QString &id, const QJsonObject &telemetry);
    void eventRecorded(const Portolan::Scenario::RecordedEvent &event);
    void stepFired(const Portolan::Scenario::StepRecord &step);
    void operatorActed(const Portolan::Scenario::StepRecord &step);
    void stopwatchUpdated(int index, const Portolan::Scenario::StopwatchRecord &stopwatch);
    void captionChanged(const QString &caption);
    void statisticsUpdated();

private:
    void setStatus(const QString &id, NodeStatus status);
    void onEvent(const Scenario::RecordedEvent &event);
    void applyLayout();
    void sampleRates();
    void setPlaying(bool playing);

    Options m_options;
    std::optional<Scenario::Scenario> m_scenario;
    std::unique_ptr<Supervisor::ScenarioRun> m_run;
    QHash<QString, NodeStatus> m_status;
    QHash<QString, QString> m_kind;     // node id -> interior / edge / entity
    QHash<QString, QString> m_role;
    QTimer m_rateTimer;
    QElapsedTimer m_rateClock;
    // (ms since start, delivered so far) once a second over the rate window: the rate is
    // taken over several seconds because scenario traffic comes in bursts, and a rate
    // per one-second sample would read 0 between them.
    std::deque<std::pair<qint64, qint64>> m_deliveredSamples;
    double m_messagesPerSecond = 0;
    bool m_playing = false;
};

} // namespace Portolan::Console
