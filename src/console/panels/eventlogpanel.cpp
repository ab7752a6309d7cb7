#include "console/panels/eventlogpanel.h"

#include "console/panels/actionglyph.h"
#include "console/panels/eventlogfilter.h"
#include "console/panels/eventlogmodel.h"
#include "console/panels/tablestyle.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

EventLogPanel::EventLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(this))
    , m_filter(new EventLogFilter(this))
{
    m_filter->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setClearButtonEnabled(true);
    bar->addWidget(m_filterEdit, 1);
    m_kindBox = new QComboBox(this);
    m_kindBox->addItem(QString(), QString());
    m_kindBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_kindBox);
    m_followButton = new QToolButton(this);
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setAutoRaise(true);
    m_followButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_followButton->setIcon(ActionGlyph::follow());
    bar->addWidget(m_followButton);
    m_count = new QLabel(this);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(u"000,000 of 000,000 events"_s));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    TableStyle::apply(m_view);
    m_view->setModel(m_filter);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    const QFontMetrics fm = m_view->fontMetrics();
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(EventLogModel::TimeColumn, fm.horizontalAdvance(u"00:00.000"_s) + 24);
    header->resizeSection(EventLogModel::NodeColumn, fm.horizontalAdvance(u"factory-10"_s) + 20);
    header->resizeSection(EventLogModel::KindColumn, fm.horizontalAdvance(u"delivery-received"_s) + 40);
    layout->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &EventLogFilter::setText);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &EventLogPanel::updateCount);
    connect(m_kindBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setKind(m_kindBox->currentData().toString());
        updateCount();
    });
    connect(m_followButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });
    connect(m_model, &EventLogModel::kindAdded, this, &EventLogPanel::addKind);
    connect(m_model, &EventLogModel::flushed, this, [this] {
        updateCount();
        if (isFollowing())
            m_view->scrollToBottom();
    });
    connect(m_model, &EventLogModel::modelReset, this, [this] {
        const QSignalBlocker blocker(m_kindBox);
        while (m_kindBox->count() > 1)
            m_kindBox->removeItem(1);
        m_kindBox->setCurrentIndex(0);
        m_filter->setKind({});
        updateCount();
    });
    // Scrolling up by hand means the user is reading: stop following until asked again.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        const QScrollBar *scroll = m_view->verticalScrollBar();
        if (scroll->sliderPosition() < scroll->maximum())
            setFollowing(false);
    });
    connect(m_view, &QTableView::doubleClicked, this, &EventLogPanel::activate);
    connect(m_view, &QTableView::customContextMenuRequested, this, &EventLogPanel::showContextMenu);
    retranslate();
}

void EventLogPanel::setFollowing(bool follow)
{
    m_followButton->setChecked(follow);
}

bool EventLogPanel::isFollowing() const
{
    return m_followButton->isChecked();
}

void EventLogPanel::setFilterText(const QString &text)
{
    m_filterEdit->setText(text);
}

void EventLogPanel::setKindFilter(const QString &kind)
{
    if (!kind.isEmpty())
        addKind(kind);
    const int index = m_kindBox->findData(kind);
    m_kindBox->setCurrentIndex(index < 0 ? 0 : index);
}

void EventLogPanel::retranslate()
{
    m_filterEdit->setPlaceholderText(tr("Filter by node, event or text…"));
    m_filterEdit->setToolTip(tr("Show only events whose node, kind, sentence or request id contain this text"));
    m_kindBox->setItemText(0, tr("All events"));
    m_kindBox->setToolTip(tr("Show only events of one kind"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setToolTip(tr("Keep the newest event in view"));
    updateCount();
}

void EventLogPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The model's column titles come from tr() too; ask the header to fetch them again.
        if (const int columns = m_model->columnCount(); columns > 0)
            Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    }
}

void EventLogPanel::addKind(const QString &kind)
{
    if (m_kindBox->findData(kind) >= 0)
        return;
    // Keep the kinds sorted after "All events".
    int at = 1;
    while (at < m_kindBox->count() && m_kindBox->itemData(at).toString() < kind)
        ++at;
    m_kindBox->insertItem(at, kind, kind);
}

void EventLogPanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const QLocale locale;
    if (shown != total)
        m_count->setText(tr("%1 of %2 events").arg(locale.toString(shown), locale.toString(total)));
    else
        m_count->setText(total == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(total)));
}

void EventLogPanel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString requestId = index.data(EventLogModel::RequestIdRole).toString();
    if (!requestId.isEmpty()) {
        Q_EMIT traceRequested(requestId);
        return;
    }
    const QString node = index.data(EventLogModel::NodeRole).toString();
    if (!node.isEmpty())
        Q_EMIT nodeSelected(node);
}

void EventLogPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString requestId = index.data(EventLogModel::RequestIdRole).toString();
    const QString node = index.data(EventLogModel::NodeRole).toString();
    const QString kind = index.data(EventLogModel::KindRole).toString();
    QMenu menu(this);
    if (!requestId.isEmpty()) {
        QAction *trace = menu.addAction(ActionGlyph::trace(), tr("Trace request %1").arg(requestId));
        connect(trace, &QAction::triggered, this, [this, requestId] { Q_EMIT traceRequested(requestId); });
    }
    if (!node.isEmpty()) {
        QAction *select = menu.addAction(tr("Select %1 on the map").arg(node));
        connect(select, &QAction::triggered, this, [this, node] { Q_EMIT nodeSelected(node); });
        QAction *only = menu.addAction(tr("Show only %1").arg(node));
        connect(only, &QAction::triggered, this, [this, node] { setFilterText(node); });
    }
    QAction *sameKind = menu.addAction(tr("Show only “%1” events").arg(kind));
    connect(sameKind, &QAction::triggered, this, [this, kind] { setKindFilter(kind); });
    menu.addSeparator();
    QAction *copy = menu.addAction(tr("Copy row"));
    const QPersistentModelIndex row(index);
    connect(copy, &QAction::triggered, this, [this, row] {
        if (!row.isValid())
            return;
        QStringList cells;
        for (int c = 0; c < EventLogModel::ColumnCount; ++c)
            cells.append(m_filter->index(row.row(), c).data().toString());
        QApplication::clipboard()->setText(cells.join(u'\t'));
    });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Portolan::Console
