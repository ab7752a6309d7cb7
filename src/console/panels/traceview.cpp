#include "console/panels/traceview.h"

#include "console/panels/displayformat.h"
#include "console/panels/tablestyle.h"
#include "console/panels/tracemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr int EmptyPage = 0;
constexpr int TracePage = 1;

} // namespace

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TraceModel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Double-click a request in the event log, or send one with tracing on, to follow it hop by hop."),
                             m_stack);
    empty->setObjectName(u"emptyHint"_s);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setMargin(16);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_title = new QLabel(page);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_path = new QLabel(page);
    m_path->setWordWrap(true);
    layout->addWidget(m_path);
    m_facts = new QLabel(page);
    m_facts->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_facts);
    m_view = new QTableView(page);
    TableStyle::apply(m_view);
    m_view->setModel(m_model);
    layout->addWidget(m_view, 1);
    m_stack->addWidget(page);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        const QString node = m_model->index(current.row(), TraceModel::NodeColumn).data().toString();
        if (!node.isEmpty())
            Q_EMIT hopSelected(node);
    });
    clear();
}

void TraceView::showTrace(const QString &requestId, const QList<Scenario::RecordedEvent> &hops)
{
    m_model->setTrace(requestId, hops);
    m_title->setText(tr("Request <b>%1</b>").arg(requestId.toHtmlEscaped()));
    m_title->setToolTip(requestId);
    const QStringList path = m_model->path();
    m_path->setText(path.isEmpty() ? tr("No hops recorded for this request (was tracing on?).") : path.join(u"  →  "_s));
    const int hopCount = m_model->hopCount();
    QString facts = hopCount == 1 ? tr("1 router hop") : tr("%1 router hops").arg(hopCount);
    if (m_model->totalMs() >= 0)
        facts += tr(" · %1 from first to last event").arg(DisplayFormat::duration(m_model->totalMs()));
    m_facts->setText(facts);
    TableStyle::fitColumns(m_view);
    m_stack->setCurrentIndex(TracePage);
}

void TraceView::clear()
{
    m_model->setTrace({}, {});
    m_stack->setCurrentIndex(EmptyPage);
}

QString TraceView::pathText() const
{
    return m_path->text();
}

void TraceView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
    if (auto *empty = findChild<QLabel *>(u"emptyHint"_s))
        empty->setText(tr("Double-click a request in the event log, or send one with tracing on, to follow it hop by hop."));
    }
}

} // namespace Portolan::Console
