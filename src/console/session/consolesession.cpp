#include "console/session/consolesession.h"

#include "scenario/expectations.h"
#include "supervisor/scenariofiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

// The layout file of a scenario: beside it when that folder can be written, otherwise in
// the user's data folder under the scenario's file name.
QString layoutPathFor(const QString &scenarioFile)
{
    const QFileInfo info(scenarioFile);
    const QString beside = info.dir().filePath(info.completeBaseName() + u".layout.json"_s);
    if (QFileInfo(info.absolutePath()).isWritable())
        return beside;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(data).filePath(u"layouts/"_s + info.completeBaseName() + u".layout.json"_s);
}

} // namespace

ConsoleSession::ConsoleSession(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &ConsoleSession::sampleRates);
}

ConsoleSession::~ConsoleSession() = default;

bool ConsoleSession::open(const QString &file, const QMap<QString, QString> &overrides, QString *error)
{
    QList<Scenario::LoadProblem> problems;
    std::optional<Scenario::Scenario> loaded = Supervisor::loadScenario(file, overrides, &problems);
    if (!loaded) {
        QStringList lines;
        for (const Scenario::LoadProblem &p : std::as_const(problems))
            lines.append(p.toString());
        *error = lines.join(u'\n');
        return false;
    }
    stop();
    m_run.reset();
    m_scenario = std::move(loaded);
    m_status.clear();
    m_kind.clear();
    m_role.clear();
    for (const Scenario::Router &r : std::as_const(m_scenario->routers)) {
        m_kind.insert(r.id, r.kind);
        m_role.insert(r.id, r.kind);
    }
    for (const Scenario::Entity &e : std::as_const(m_scenario->entities)) {
        m_kind.insert(e.id, u"entity"_s);
        m_role.insert(e.id, e.role);
    }
    applyLayout();
    m_messagesPerSecond = 0;
    Q_EMIT scenarioOpened();
    return true;
}

void ConsoleSession::applyLayout()
{
    QFile file(layoutFile());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject positions = QJsonDocument::fromJson(file.readAll()).object().value("positions"_L1).toObject();
    auto place = [&](const QString &id, QPointF &position) {
        const QJsonArray xy = positions.value(id).toArray();
        if (xy.size() == 2)
            position = QPointF(xy.at(0).toDouble(), xy.at(1).toDouble());
    };
    for (Scenario::Router &r : m_scenario->routers)
        place(r.id, r.position);
    for (Scenario::Entity &e : m_scenario->entities)
        place(e.id, e.position);
}

QString ConsoleSession::layoutFile() const
{
    return m_scenario ? layoutPathFor(m_scenario->file) : QString();
}

bool ConsoleSession::saveLayout(const QHash<QString, QPointF> &positions, QString *error)
{
    if (!m_scenario) {
        *error = tr("No scenario is open.");
        return false;
    }
    QJsonObject out;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        out.insert(it.key(), QJsonArray{qRound(it.value().x() * 10) / 10.0, qRound(it.value().y() * 10) / 10.0});
    const QString path = layoutFile();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{u"scenario"_s, m_scenario->name}, {u"positions"_s, out}}).toJson());
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    for (Scenario::Router &r : m_scenario->routers)
        r.position = positions.value(r.id, r.position);
    for (Scenario::Entity &e : m_scenario->entities)
        e.position = positions.value(e.id, e.position);
    return true;
}

void ConsoleSession::start()
{
    if (!m_scenario || isRunning() || isStarting())
        return;
    Supervisor::ScenarioRun::Options options;
    options.nodeProgram = m_options.nodeProgram;
    options.runsRoot = m_options.runsRoot;
    options.telemetryHz = m_options.telemetryHz;
    // The operator ends a console run; the timeline running out does not.
    options.autoFinish = false;
    m_run = std::make_unique<Supervisor::ScenarioRun>(*m_scenario, options);
    QString error;
    if (!m_run->prepare(&error)) {
        m_run.reset();
        Q_EMIT runFailed(error);
        return;
    }
    using Run = Supervisor::ScenarioRun;
    connect(m_run.get(), &Run::ready, this, [this] {
        m_rateClock.start();
        m_deliveredSamples.clear();
        m_rateTimer.start();
        Q_EMIT runReady();
        if (m_options.autoPlay)
            play();
    });
    connect(m_run.get(), &Run::failed, this, [this](const QString &message) {
        m_rateTimer.stop();
        setPlaying(false);
        Q_EMIT runFailed(message);
    });
    connect(m_run.get(), &Run::finished, this, [this] {
        m_rateTimer.stop();
        setPlaying(false);
        for (auto it = m_status.begin(); it != m_status.end(); ++it) {
            if (it.value() != NodeStatus::Planned)
                it.value() = NodeStatus::Down;
        }
        Q_EMIT runFinished();
    });
    connect(m_run.get(), &Run::eventRecorded, this, &ConsoleSession::onEvent);
    connect(m_run.get(), &Run::telemetryUpdated, this, [this](const QString &id) {
        if (Supervisor::ControlClient *client = m_run->control(id))
            Q_EMIT telemetryUpdated(id, client->telemetry());
    });
    connect(m_run.get(), &Run::stepFired, this, [this](int, const Scenario::StepRecord &step) {
        Q_EMIT stepFired(step);
        if (!step.caption.isEmpty())
            Q_EMIT captionChanged(step.caption);
    });
    connect(m_run.get(), &Run::operatorActed, this, &ConsoleSession::operatorActed);
    connect(m_run.get(), &Run::stopwatchUpdated, this, &ConsoleSession::stopwatchUpdated);
    connect(m_run.get(), &Run::timelineFinished, this, [this] { setPlaying(false); });

    for (const QString &id : m_run->nodeIds())
        setStatus(id, NodeStatus::Starting);
    m_run->start();
    Q_EMIT runStarted();
}

void ConsoleSession::stop()
{
    if (m_run && (isRunning() || isStarting()))
        m_run->finish();
}

bool ConsoleSession::isRunning() const
{
    return m_run && m_run->state() == Supervisor::ScenarioRun::State::Running;
}

bool ConsoleSession::isStarting() const
{
    return m_run && m_run->state() == Supervisor::ScenarioRun::State::Starting;
}

QList<Scenario::ExpectationResult> ConsoleSession::evaluate() const
{
    if (!m_scenario || !m_run)
        return {};
    return Scenario::ExpectationEvaluator::evaluate(*m_scenario, m_run->record());
}

void ConsoleSession::play()
{
    if (!isRunning())
        return;
    m_run->play();
    setPlaying(!m_run->timeline().isFinished());
}

void ConsoleSession::pause()
{
    if (!m_run)
        return;
    m_run->pause();
    setPlaying(false);
}

void ConsoleSession::stepNext()
{
    if (isRunning())
        m_run->stepNext();
}

void ConsoleSession::fireStep(int index)
{
    if (isRunning())
        m_run->fireStep(index);
}

void ConsoleSession::setPlaying(bool playing)
{
    if (m_playing == playing)
        return;
    m_playing = playing;
    Q_EMIT playingChanged(playing);
}

QJsonObject ConsoleSession::telemetry(const QString &id) const
{
    if (!m_run)
        return {};
    const Supervisor::ControlClient *client = m_run->control(id);
    if (client && !client->telemetry().isEmpty())
        return client->telemetry();
    return m_run->record().finalTelemetry.value(id);
}

QString ConsoleSession::kindOf(const QString &id) const
{
    return m_kind.value(id);
}

QString ConsoleSession::remoteHost(const QString &id) const
{
    if (!m_scenario)
        return {};
    if (const Scenario::Router *r = m_scenario->router(id))
        return r->remote.host;
    if (const Scenario::Entity *e = m_scenario->entity(id))
        return e->remote.host;
    return {};
}

QString ConsoleSession::roleOf(const QString &id) const
{
    return m_role.value(id);
}

QStringList ConsoleSession::nodeIds() const
{
    return m_run ? m_run->nodeIds() : m_kind.keys();
}

int ConsoleSession::nodesUp() const
{
    return int(std::count(m_status.cbegin(), m_status.cend(), NodeStatus::Up));
}

int ConsoleSession::nodesDown() const
{
    return int(std::count_if(m_status.cbegin(), m_status.cend(),
                             [](NodeStatus s) { return s == NodeStatus::Failed || s == NodeStatus::Down; }));
}

bool ConsoleSession::act(const QString &action, const QJsonObject &args, QString *detail)
{
    if (!isRunning()) {
        *detail = tr("Start the network first.");
        return false;
    }
    const bool ok = m_run->performByOperator(action, args, detail);
    if (ok && action == "add-node"_L1) {
        const QJsonObject spec = args.value("router"_L1).isObject() ? args.value("router"_L1).toObject()
                                                                    : args.value("entity"_L1).toObject();
        const QString id = spec.value("id"_L1).toString();
        const bool router = args.value("router"_L1).isObject();
        m_kind.insert(id, router ? spec.value("kind"_L1).toString(u"edge"_s) : u"entity"_s);
        m_role.insert(id, router ? m_kind.value(id) : spec.value("role"_L1).toString());
        // The scenario the console draws grows with the run, so the canvas and a saved
        // layout know the newcomer.
        // The run's scenario grew with the newcomer; the console draws from the same picture.
        const Scenario::Scenario &grown = m_run->scenario();
        if (const Scenario::Router *added = grown.router(id)) {
            m_scenario->routers.append(*added);
            for (const Scenario::Link &l : grown.links) {
                if (l.from == id)
                    m_scenario->links.append(l);
            }
        } else if (const Scenario::Entity *entity = grown.entity(id)) {
            m_scenario->entities.append(*entity);
        }
        setStatus(id, NodeStatus::Starting);
        Q_EMIT nodeAdded(id);
    }
    return ok;
}

void ConsoleSession::sendRequest(const QString &router, const QJsonObject &args, Handler handler)
{
    Supervisor::ControlClient *client = m_run ? m_run->control(router) : nullptr;
    if (!client || !client->isConnected()) {
        handler(false, {}, tr("%1 is not connected").arg(router));
        return;
    }
    client->command(u"send"_s, args, std::move(handler));
}

void ConsoleSession::explain(const QString &router, const QString &address, const QString &key, Handler handler)
{
    Supervisor::ControlClient *client = m_run ? m_run->control(router) : nullptr;
    if (!client || !client->isConnected()) {
        handler(false, {}, tr("%1 is not connected").arg(router));
        return;
    }
    QJsonObject args{{u"address"_s, address}};
    if (!key.isEmpty())
        args.insert(u"key"_s, key);
    client->command(u"explain"_s, args, std::move(handler));
}

QList<Scenario::RecordedEvent> ConsoleSession::trace(const QString &requestId) const
{
    QList<Scenario::RecordedEvent> hops;
    if (!m_run || requestId.isEmpty())
        return hops;
    for (const Scenario::RecordedEvent &e : m_run->record().events) {
        if ((e.kind == "trace-hop"_L1 || e.kind == "delivery"_L1 || e.kind == "answer"_L1)
            && e.fields.value("requestId"_L1).toString() == requestId)
            hops.append(e);
    }
    return hops;
}

QString ConsoleSession::nextNodeId(const QString &stem) const
{
    for (int n = 1;; ++n) {
        const QString id = stem + u'-' + QString::number(n);
        if (!m_kind.contains(id))
            return id;
    }
}

void ConsoleSession::setStatus(const QString &id, NodeStatus status)
{
    auto it = m_status.find(id);
    if (it != m_status.end() && it.value() == status)
        return;
    m_status.insert(id, status);
    Q_EMIT nodeStatusChanged(id, status);
}

void ConsoleSession::onEvent(const Scenario::RecordedEvent &event)
{
    const QString &kind = event.kind;
    if (kind == "node-ready"_L1 || kind == "node-restored"_L1)
        setStatus(event.node, NodeStatus::Up);
    else if (kind == "node-failed"_L1)
        setStatus(event.node, NodeStatus::Failed);
    else if (kind == "process-exited"_L1 || kind == "node-start-failed"_L1 || kind == "node-unreachable"_L1)
        setStatus(event.node, NodeStatus::Down);
    else if (kind == "drained"_L1)
        setStatus(event.node, NodeStatus::Draining);
    Q_EMIT eventRecorded(event);
}

void ConsoleSession::sampleRates()
{
    if (!m_run)
        return;
    // Deliveries into consumers, counted at the routers that hand messages to them.
    qint64 delivered = 0;
    for (const QString &id : m_run->nodeIds()) {
        if (m_kind.value(id) == "entity"_L1)
            continue;
        if (const Supervisor::ControlClient *client = m_run->control(id))
            delivered += client->telemetry().value("counters"_L1).toObject().value("delivered"_L1).toInteger();
    }
    constexpr qint64 rateWindowMs = 5000;
    const qint64 now = m_rateClock.elapsed();
    m_deliveredSamples.emplace_back(now, delivered);
    while (m_deliveredSamples.size() > 2 && now - m_deliveredSamples.front().first > rateWindowMs)
        m_deliveredSamples.pop_front();
    const auto &[oldestMs, oldestDelivered] = m_deliveredSamples.front();
    if (now > oldestMs)
        m_messagesPerSecond = qMax<qint64>(0, delivered - oldestDelivered) * 1000.0 / double(now - oldestMs);
    Q_EMIT statisticsUpdated();
}

} // namespace Portolan::Console
