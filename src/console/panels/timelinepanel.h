#pragma once

#include "scenario/runrecord.h"
#include "scenario/scenario.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;

namespace Portolan::Console {

class TimelineModel;

// The timeline dock: the scenario's steps with their captions and what became of them,
// play / pause, step (fire the next step now), and fire any step by hand (the Fire
// button, a double-click, or the context menu). Above the table: the run clock, a
// progress bar over the scenario's length, the current caption and what comes next.
// The panel only asks (signals); the run decides and reports back through markFired,
// setCurrent, setPlaying and setClock.
class TimelinePanel : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);

    void setSteps(const QList<Scenario::Step> &steps);
    void setDuration(qint64 scenarioMs);        // the run's planned length, for the progress bar
    void markFired(const Scenario::StepRecord &record);
    void setCurrent(int index);
    void setPlaying(bool playing);
    void setClock(qint64 scenarioMs);
    void resetStatus();

    bool isPlaying() const { return m_playing; }
    TimelineModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QToolButton *playButton() const { return m_playButton; }
    QToolButton *stepButton() const { return m_stepButton; }
    QToolButton *fireButton() const { return m_fireButton; }
    QString currentCaption() const;

Q_SIGNALS:
    void playRequested();
    void pauseRequested();
    void stepRequested();
    void fireRequested(int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updatePlayButton();
    void updateCaption();
    void updateFireButton();
    void showContextMenu(const QPoint &pos);
    int selectedStep() const;

    TimelineModel *m_model;
    QToolButton *m_playButton = nullptr;
    QToolButton *m_stepButton = nullptr;
    QToolButton *m_fireButton = nullptr;
    QLabel *m_clockLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_captionLabel = nullptr;
    QLabel *m_nextLabel = nullptr;
    QTableView *m_view = nullptr;
    bool m_playing = false;
    qint64 m_clockMs = 0;
    qint64 m_durationMs = 0;
};

} // namespace Portolan::Console
