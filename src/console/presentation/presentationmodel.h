#pragma once

#include "scenario/runrecord.h"

#include <QImage>
#include <QObject>
#include <QSize>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace Portolan::Console {

class ConsoleSession;
class TopologyPicture;

// What the presentation view shows, taken from the same session the console watches:
// the current step's caption and progress, the headline figures, the last failure
// stopwatch, and a fresh topology picture every second while someone is looking.
class PresentationModel : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString scenarioName READ scenarioName NOTIFY scenarioChanged)
    Q_PROPERTY(QString caption READ caption NOTIFY captionChanged)
    Q_PROPERTY(int stepIndex READ stepIndex NOTIFY stepChanged)      // steps fired so far, 0 before the first
    Q_PROPERTY(int stepCount READ stepCount NOTIFY scenarioChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY textsChanged)
    Q_PROPERTY(QString runStateText READ runStateText NOTIFY textsChanged)
    Q_PROPERTY(double messagesPerSecond READ messagesPerSecond NOTIFY figuresChanged)
    Q_PROPERTY(qint64 delivered READ delivered NOTIFY figuresChanged)
    Q_PROPERTY(qint64 lost READ lost NOTIFY figuresChanged)
    Q_PROPERTY(int nodesDown READ nodesDown NOTIFY figuresChanged)
    Q_PROPERTY(int nodesTotal READ nodesTotal NOTIFY figuresChanged)
    Q_PROPERTY(QString messagesPerSecondText READ messagesPerSecondText NOTIFY textsChanged)
    Q_PROPERTY(QString deliveredText READ deliveredText NOTIFY textsChanged)
    Q_PROPERTY(QString lostText READ lostText NOTIFY textsChanged)
    Q_PROPERTY(QString nodesDownText READ nodesDownText NOTIFY textsChanged)
    Q_PROPERTY(bool hasStopwatch READ hasStopwatch NOTIFY stopwatchChanged)
    Q_PROPERTY(QString stopwatchTitle READ stopwatchTitle NOTIFY stopwatchChanged)
    Q_PROPERTY(QString stopwatchDetection READ stopwatchDetection NOTIFY stopwatchChanged)
    Q_PROPERTY(QString stopwatchRecovery READ stopwatchRecovery NOTIFY stopwatchChanged)
    Q_PROPERTY(QString lastStopwatch READ lastStopwatch NOTIFY stopwatchChanged)
    Q_PROPERTY(QUrl topologySource READ topologySource NOTIFY topologyChanged)

public:
    // Renders the topology at a size; the console passes NetworkScene::renderPicture.
    using Renderer = std::function<QImage(const QSize &)>;

    explicit PresentationModel(ConsoleSession *session, Renderer renderer = {}, QObject *parent = nullptr);
    ~PresentationModel() override;

    QString scenarioName() const { return m_scenarioName; }
    QString caption() const { return m_caption; }
    int stepIndex() const { return m_stepIndex; }
    int stepCount() const { return m_stepCount; }
    QString progressText() const;
    QString runStateText() const;
    double messagesPerSecond() const { return m_messagesPerSecond; }
    qint64 delivered() const { return m_delivered; }
    qint64 lost() const { return m_lost; }
    int nodesDown() const { return m_nodesDown; }
    int nodesTotal() const { return m_nodesTotal; }
    QString messagesPerSecondText() const;
    QString deliveredText() const;
    QString lostText() const;
    QString nodesDownText() const;
    bool hasStopwatch() const { return m_hasStopwatch; }
    QString stopwatchTitle() const;
    QString stopwatchDetection() const;
    QString stopwatchRecovery() const;
    QString lastStopwatch() const;
    QUrl topologySource() const;

    // The picture the image provider hands to QML.
    std::shared_ptr<const TopologyPicture> picture() const;
    // Re-renders the topology every interval while active (the view is on screen).
    void setPictureRefreshActive(bool active);
    void setPictureSize(const QSize &size);
    void refreshPicture();
    // Re-formats every text after a language or locale change.
    void retranslate();

Q_SIGNALS:
    void scenarioChanged();
    void captionChanged();
    void stepChanged();
    void figuresChanged();
    void textsChanged();
    void stopwatchChanged();
    void topologyChanged();

private:
    void resetFromScenario();
    void onStepFired(const Scenario::StepRecord &step);
    void onStopwatch(int index, const Scenario::StopwatchRecord &stopwatch);
    void updateFigures();
    QString durationText(qint64 ms) const;

    ConsoleSession *m_session;
    Renderer m_renderer;
    std::shared_ptr<TopologyPicture> m_picture;
    QTimer m_pictureTimer;
    QSize m_pictureSize{1600, 1000};
    int m_pictureRevision = 0;

    QString m_scenarioName;
    QString m_caption;
    int m_stepIndex = 0;
    int m_stepCount = 0;
    double m_messagesPerSecond = 0;
    qint64 m_delivered = 0;
    qint64 m_lost = 0;
    int m_nodesDown = 0;
    int m_nodesTotal = 0;
    bool m_hasStopwatch = false;
    Scenario::StopwatchRecord m_stopwatch;
};

} // namespace Portolan::Console
