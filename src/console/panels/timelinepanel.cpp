#include "console/panels/timelinepanel.h"

#include "console/panels/actionglyph.h"
#include "console/panels/displayformat.h"
#include "console/panels/tablestyle.h"
#include "console/panels/timelinemodel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QToolButton *makeButton(QWidget *parent, const QIcon &icon, const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setIcon(icon);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

} // namespace

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TimelineModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    m_playButton = makeButton(this, ActionGlyph::play(), tr("Play"), tr("Play the timeline: steps fire at their times"));
    m_stepButton = makeButton(this, ActionGlyph::step(), tr("Step"), tr("Fire the next pending step now"));
    m_fireButton = makeButton(this, ActionGlyph::fire(), tr("Fire selected"),
                              tr("Fire the selected step now, by hand (or double-click it)"));
    bar->addWidget(m_playButton);
    bar->addWidget(m_stepButton);
    bar->addWidget(m_fireButton);
    bar->addSpacing(8);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    bar->addWidget(m_progress, 1);
    m_clockLabel = new QLabel(this);
    m_clockLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_clockLabel->setToolTip(tr("Run time / the scenario's length"));
    bar->addWidget(m_clockLabel);
    layout->addLayout(bar);

    m_captionLabel = new QLabel(this);
    m_captionLabel->setWordWrap(true);
    QFont captionFont = m_captionLabel->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 1.1);
    captionFont.setItalic(true);
    m_captionLabel->setFont(captionFont);
    m_captionLabel->setContentsMargins(4, 2, 4, 0);
    layout->addWidget(m_captionLabel);
    m_nextLabel = new QLabel(this);
    m_nextLabel->setWordWrap(true);
    m_nextLabel->setForegroundRole(QPalette::PlaceholderText);
    m_nextLabel->setContentsMargins(4, 0, 4, 2);
    layout->addWidget(m_nextLabel);

    m_view = new QTableView(this);
    TableStyle::apply(m_view);
    m_view->setModel(m_model);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_view->horizontalHeader();
    const QFontMetrics fm = m_view->fontMetrics();
    header->resizeSection(TimelineModel::TimeColumn, fm.horizontalAdvance(u"00:00.0"_s) + 20);
    header->resizeSection(TimelineModel::StatusColumn, fm.horizontalAdvance(u"by hand ✓"_s) + 40);
    header->resizeSection(TimelineModel::ActionColumn, fm.horizontalAdvance(u"POST /store/7/find via e7"_s) + 20);
    layout->addWidget(m_view, 1);

    connect(m_playButton, &QToolButton::clicked, this, [this] {
        if (m_playing)
            Q_EMIT pauseRequested();
        else
            Q_EMIT playRequested();
    });
    connect(m_stepButton, &QToolButton::clicked, this, &TimelinePanel::stepRequested);
    connect(m_fireButton, &QToolButton::clicked, this, [this] {
        const int step = selectedStep();
        if (step >= 0)
            Q_EMIT fireRequested(step);
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT fireRequested(index.row());
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, &TimelinePanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TimelinePanel::updateFireButton);

    updatePlayButton();
    setClock(0);
    updateCaption();
    updateFireButton();
}

void TimelinePanel::setSteps(const QList<Scenario::Step> &steps)
{
    m_model->setSteps(steps);
    // Until told the run's length (setDuration), the last step marks the end.
    setDuration(steps.isEmpty() ? 0 : steps.constLast().atMs);
    m_stepButton->setEnabled(!steps.isEmpty());
    updateCaption();
    updateFireButton();
}

void TimelinePanel::setDuration(qint64 scenarioMs)
{
    m_durationMs = qMax<qint64>(0, scenarioMs);
    setClock(m_clockMs);
}

void TimelinePanel::markFired(const Scenario::StepRecord &record)
{
    m_model->markFired(record);
    m_stepButton->setEnabled(m_model->nextPending() >= 0);
    updateCaption();
}

void TimelinePanel::setCurrent(int index)
{
    m_model->setCurrent(index);
    if (m_model->current() >= 0)
        m_view->scrollTo(m_model->index(m_model->current(), 0), QAbstractItemView::EnsureVisible);
    updateCaption();
}

void TimelinePanel::setPlaying(bool playing)
{
    m_playing = playing;
    updatePlayButton();
}

void TimelinePanel::setClock(qint64 scenarioMs)
{
    m_clockMs = scenarioMs;
    const qint64 total = qMax(m_durationMs, scenarioMs);
    m_clockLabel->setText(total > 0 ? u"%1 / %2"_s.arg(DisplayFormat::clock(scenarioMs), DisplayFormat::clock(total))
                                    : DisplayFormat::clock(scenarioMs));
    // The bar counts tenths of a second: plenty of resolution, no int overflow.
    m_progress->setRange(0, int(qMax<qint64>(1, total / 100)));
    m_progress->setValue(int(qMin(scenarioMs, total) / 100));
    updateCaption();
}

void TimelinePanel::resetStatus()
{
    m_model->resetStatus();
    m_stepButton->setEnabled(m_model->stepCount() > 0);
    updateCaption();
}

QString TimelinePanel::currentCaption() const
{
    return m_captionLabel->text();
}

void TimelinePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_stepButton->setText(tr("Step"));
    m_stepButton->setToolTip(tr("Fire the next pending step now"));
    m_fireButton->setText(tr("Fire selected"));
    m_fireButton->setToolTip(tr("Fire the selected step now, by hand (or double-click it)"));
    m_clockLabel->setToolTip(tr("Run time / the scenario's length"));
    updatePlayButton();
    updateCaption();
    if (const int columns = m_model->columnCount(); columns > 0)
        Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    if (const int rows = m_model->rowCount(); rows > 0)
        Q_EMIT m_model->dataChanged(m_model->index(0, 0), m_model->index(rows - 1, m_model->columnCount() - 1));
}

void TimelinePanel::updatePlayButton()
{
    m_playButton->setIcon(m_playing ? ActionGlyph::pause() : ActionGlyph::play());
    m_playButton->setText(m_playing ? tr("Pause") : tr("Play"));
    m_playButton->setToolTip(m_playing ? tr("Pause the timeline: no step fires until you play or step")
                                       : tr("Play the timeline: steps fire at their times"));
}

void TimelinePanel::updateCaption()
{
    const int current = m_model->current();
    const QString caption = current >= 0 ? m_model->step(current).caption : QString();
    m_captionLabel->setText(caption);
    m_captionLabel->setVisible(!caption.isEmpty());

    const int next = m_model->nextPending();
    if (m_model->stepCount() == 0) {
        m_nextLabel->setText(tr("This scenario has no timeline."));
    } else if (next < 0) {
        m_nextLabel->setText(tr("Every step has fired."));
    } else {
        const Scenario::Step &step = m_model->step(next);
        const qint64 in = step.atMs - m_clockMs;
        const QString what = step.caption.isEmpty() ? step.action : step.caption;
        m_nextLabel->setText(in > 0 ? tr("Next, in %1: %2").arg(DisplayFormat::duration(in), what)
                                    : tr("Next: %1").arg(what));
    }
}

void TimelinePanel::updateFireButton()
{
    m_fireButton->setEnabled(selectedStep() >= 0);
}

int TimelinePanel::selectedStep() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

void TimelinePanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const int step = index.row();
    QMenu menu(this);
    QAction *fire = menu.addAction(ActionGlyph::fire(), tr("Fire “%1” now").arg(
                                       m_model->step(step).caption.isEmpty() ? m_model->step(step).action
                                                                             : m_model->step(step).caption.left(60)));
    connect(fire, &QAction::triggered, this, [this, step] { Q_EMIT fireRequested(step); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Portolan::Console
