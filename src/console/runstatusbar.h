#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;

namespace Portolan::Console {

class ConsoleSession;

// The status bar's live figures: nodes up and down, messages per second, run time.
// Refreshes itself twice a second; cheap enough for any network size.
class RunStatusBar : public QWidget
{
    Q_OBJECT
public:
    explicit RunStatusBar(ConsoleSession *session, QWidget *parent = nullptr);

    void refresh();
    QString nodesText() const;
    QString rateText() const;
    QString timeText() const;

private:
    ConsoleSession *m_session;
    QLabel *m_nodes;
    QLabel *m_rate;
    QLabel *m_time;
    QTimer m_timer;
};

} // namespace Portolan::Console
