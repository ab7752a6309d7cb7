#include "console/presentation/presentationmodel.h"

#include "console/presentation/topologypicture.h"
#include "console/session/consolesession.h"

#include <QJsonObject>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

PresentationModel::PresentationModel(ConsoleSession *session, Renderer renderer, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_renderer(std::move(renderer))
    , m_picture(std::make_shared<TopologyPicture>())
{
    connect(m_session, &ConsoleSession::scenarioOpened, this, &PresentationModel::resetFromScenario);
    connect(m_session, &ConsoleSession::runStarted, this, &PresentationModel::resetFromScenario);
    connect(m_session, &ConsoleSession::captionChanged, this, [this](const QString &caption) {
        if (caption == m_caption)
            return;
        m_caption = caption;
        Q_EMIT captionChanged();
    });
    connect(m_session, &ConsoleSession::stepFired, this, &PresentationModel::onStepFired);
    connect(m_session, &ConsoleSession::stopwatchUpdated, this, &PresentationModel::onStopwatch);
    connect(m_session, &ConsoleSession::statisticsUpdated, this, &PresentationModel::updateFigures);
    connect(m_session, &ConsoleSession::nodeStatusChanged, this, &PresentationModel::updateFigures);
    connect(m_session, &ConsoleSession::runReady, this, &PresentationModel::updateFigures);
    connect(m_session, &ConsoleSession::runFinished, this, &PresentationModel::updateFigures);
    connect(m_session, &ConsoleSession::runFailed, this, &PresentationModel::updateFigures);
    // A second is often enough for the audience to see a link go red, and cheap to render.
    m_pictureTimer.setInterval(1000);
    connect(&m_pictureTimer, &QTimer::timeout, this, &PresentationModel::refreshPicture);
    if (m_session->hasScenario())
        resetFromScenario();
}

PresentationModel::~PresentationModel() = default;

std::shared_ptr<const TopologyPicture> PresentationModel::picture() const
{
    return m_picture;
}

void PresentationModel::resetFromScenario()
{
    if (!m_session->hasScenario())
        return;
    m_scenarioName = m_session->scenario().name;
    m_stepCount = int(m_session->scenario().timeline.size());
    m_stepIndex = 0;
    m_caption.clear();
    m_hasStopwatch = false;
    m_stopwatch = {};
    Q_EMIT scenarioChanged();
    Q_EMIT captionChanged();
    Q_EMIT stepChanged();
    Q_EMIT stopwatchChanged();
    updateFigures();
    refreshPicture();
}

void PresentationModel::onStepFired(const Scenario::StepRecord &step)
{
    // Steps fired out of order by hand move the marker to where the operator is.
    const int index = qBound(0, step.index + 1, m_stepCount);
    if (index != m_stepIndex) {
        m_stepIndex = index;
        Q_EMIT stepChanged();
        Q_EMIT textsChanged();
    }
}

void PresentationModel::onStopwatch(int, const Scenario::StopwatchRecord &stopwatch)
{
    m_stopwatch = stopwatch;
    m_hasStopwatch = true;
    Q_EMIT stopwatchChanged();
}

void PresentationModel::updateFigures()
{
    qint64 delivered = 0;
    qint64 lost = 0;
    const QStringList ids = m_session->nodeIds();
    for (const QString &id : ids) {
        // Routers count what the mesh delivered and what it gave up on; entities only
        // see their own share of the same messages.
        if (m_session->kindOf(id) == "entity"_L1)
            continue;
        const QJsonObject counters = m_session->telemetry(id).value("counters"_L1).toObject();
        delivered += counters.value("delivered"_L1).toInteger();
        lost += counters.value("dropped"_L1).toInteger() + counters.value("noConsumer"_L1).toInteger()
            + counters.value("expired"_L1).toInteger();
    }
    m_delivered = delivered;
    m_lost = lost;
    m_messagesPerSecond = m_session->messagesPerSecond();
    m_nodesDown = m_session->run() ? m_session->nodesDown() : 0;
    m_nodesTotal = int(ids.size());
    Q_EMIT figuresChanged();
    Q_EMIT textsChanged();
}

QString PresentationModel::progressText() const
{
    if (m_stepCount == 0)
        return tr("No timeline");
    if (m_stepIndex == 0)
        return tr("%n step(s) ahead", nullptr, m_stepCount);
    return tr("Step %1 of %2").arg(QLocale().toString(m_stepIndex), QLocale().toString(m_stepCount));
}

QString PresentationModel::runStateText() const
{
    if (m_session->isStarting())
        return tr("Starting the network…");
    if (m_session->isRunning()) {
        const qint64 s = m_session->elapsedMs() / 1000;
        return tr("Running · %1:%2")
            .arg(s / 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    if (m_session->record())
        return tr("The run has ended");
    return tr("Not started");
}

QString PresentationModel::messagesPerSecondText() const
{
    return QLocale().toString(m_messagesPerSecond, 'f', 0);
}

QString PresentationModel::deliveredText() const
{
    return QLocale().toString(m_delivered);
}

QString PresentationModel::lostText() const
{
    return QLocale().toString(m_lost);
}

QString PresentationModel::nodesDownText() const
{
    return tr("%1 of %2").arg(QLocale().toString(m_nodesDown), QLocale().toString(m_nodesTotal));
}

QString PresentationModel::durationText(qint64 ms) const
{
    if (ms < 0)
        return tr("waiting…");
    if (ms < 10000)
        return tr("%1 ms").arg(QLocale().toString(ms));
    return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString PresentationModel::stopwatchTitle() const
{
    if (!m_hasStopwatch)
        return {};
    return tr("%1 %2").arg(m_stopwatch.action, m_stopwatch.target);
}

QString PresentationModel::stopwatchDetection() const
{
    return m_hasStopwatch ? durationText(m_stopwatch.detectionMs()) : QString();
}

QString PresentationModel::stopwatchRecovery() const
{
    return m_hasStopwatch ? durationText(m_stopwatch.recoveryMs()) : QString();
}

QString PresentationModel::lastStopwatch() const
{
    if (!m_hasStopwatch)
        return tr("No failure yet");
    return tr("%1: noticed after %2, rerouted after %3").arg(stopwatchTitle(), stopwatchDetection(), stopwatchRecovery());
}

QUrl PresentationModel::topologySource() const
{
    return QUrl(u"image://topology/%1"_s.arg(m_pictureRevision));
}

void PresentationModel::setPictureRefreshActive(bool active)
{
    if (active) {
        refreshPicture();
        m_pictureTimer.start();
    } else {
        m_pictureTimer.stop();
    }
}

void PresentationModel::setPictureSize(const QSize &size)
{
    if (!size.isValid() || size.isEmpty() || size == m_pictureSize)
        return;
    m_pictureSize = size;
    refreshPicture();
}

void PresentationModel::refreshPicture()
{
    if (!m_renderer)
        return;
    m_picture->set(m_renderer(m_pictureSize));
    ++m_pictureRevision;
    Q_EMIT topologyChanged();
}

void PresentationModel::retranslate()
{
    Q_EMIT textsChanged();
    Q_EMIT stopwatchChanged();
}

} // namespace Portolan::Console
