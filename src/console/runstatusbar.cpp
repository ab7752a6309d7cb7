#include "console/runstatusbar.h"

#include "console/session/consolesession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace Portolan::Console {

RunStatusBar::RunStatusBar(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_nodes(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_time(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->setSpacing(18);
    for (QLabel *label : {m_nodes, m_rate, m_time}) {
        label->setTextFormat(Qt::PlainText);
        layout->addWidget(label);
    }
    m_nodes->setToolTip(tr("Node processes up, and failed or gone"));
    m_rate->setToolTip(tr("Messages delivered to consumers per second, over the last second"));
    m_time->setToolTip(tr("Time since the run started"));
    m_time->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Run 00:00:00")));
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &RunStatusBar::refresh);
    m_timer.start();
    refresh();
}

QString RunStatusBar::nodesText() const
{
    if (!m_session->run())
        return tr("%n node(s) planned", nullptr, int(m_session->nodeIds().size()));
    return tr("%1 up · %2 down").arg(QLocale().toString(m_session->nodesUp()), QLocale().toString(m_session->nodesDown()));
}

QString RunStatusBar::rateText() const
{
    return tr("%1 msg/s").arg(QLocale().toString(m_session->messagesPerSecond(), 'f', 0));
}

QString RunStatusBar::timeText() const
{
    const qint64 s = m_session->elapsedMs() / 1000;
    return tr("Run %1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

void RunStatusBar::refresh()
{
    m_nodes->setText(nodesText());
    m_rate->setText(rateText());
    m_time->setText(timeText());
}

} // namespace Portolan::Console
