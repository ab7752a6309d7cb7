#include "console/panels/decisionview.h"

#include "console/panels/decisionmodel.h"
#include "console/panels/pilllabel.h"
#include "console/panels/tablestyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr int EmptyPage = 0;
constexpr int DecisionPage = 1;

} // namespace

DecisionView::DecisionView(QWidget *parent)
    : QWidget(parent)
    , m_model(new DecisionModel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Pick an address or a message to see how a router decides where it goes."), m_stack);
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
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(8);
    m_title = new QLabel(page);
    m_title->setTextFormat(Qt::RichText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_title);
    m_mode = new PillLabel(page);
    m_mode->setToolTip(tr("The distribution the scenario maps this address to"));
    titleRow->addWidget(m_mode);
    m_acked = new PillLabel(page);
    titleRow->addWidget(m_acked);
    titleRow->addStretch(1);
    layout->addLayout(titleRow);
    m_summary = new QLabel(page);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_destinations = new QLabel(page);
    m_destinations->setWordWrap(true);
    m_destinations->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_destinations);

    m_view = new QTableView(page);
    TableStyle::apply(m_view);
    auto *proxy = new QSortFilterProxyModel(m_view);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(KeyedTableModel::SortRole);
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);   // the router's order until a header is clicked
    layout->addWidget(m_view, 1);
    m_stack->addWidget(page);
    clear();
}

void DecisionView::showDecision(const QJsonObject &result)
{
    m_model->setResult(result);
    const QString address = result.value("address"_L1).toString();
    // The candidates' paths start at the router that decided.
    QString router;
    const QJsonArray candidates = result.value("candidates"_L1).toArray();
    for (const QJsonValue &c : candidates) {
        const QJsonArray path = c.toObject().value("path"_L1).toArray();
        if (!path.isEmpty()) {
            router = path.first().toString();
            break;
        }
    }
    m_title->setText(router.isEmpty() ? tr("Delivery to <b>%1</b>").arg(address.toHtmlEscaped())
                                      : tr("Delivery to <b>%1</b> from <b>%2</b>")
                                            .arg(address.toHtmlEscaped(), router.toHtmlEscaped()));
    m_mode->setPill(result.value("mode"_L1).toString(), StatusTone::Info);
    const bool acked = result.value("acked"_L1).toBool(true);
    m_acked->setPill(acked ? tr("acknowledged") : tr("fire and forget"), acked ? StatusTone::Good : StatusTone::Neutral);
    m_acked->setToolTip(acked ? tr("Settled end to end: resent over a new path if a link or router dies")
                              : tr("Best effort: not acknowledged, not resent"));
    m_summary->setText(result.value("summary"_L1).toString());

    QStringList destinations;
    for (const QJsonValue &d : result.value("destinations"_L1).toArray()) {
        const QJsonObject o = d.toObject();
        destinations.append(tr("%1 (behind %2)").arg(o.value("consumer"_L1).toString(), o.value("router"_L1).toString()));
    }
    m_destinations->setText(destinations.isEmpty() ? tr("No consumer can take it now.")
                                                   : tr("Goes to: %1").arg(destinations.join(u", "_s)));
    m_view->setColumnHidden(DecisionModel::GroupColumn, !m_model->hasGroups());
    TableStyle::fitColumns(m_view);
    m_stack->setCurrentIndex(DecisionPage);
}

void DecisionView::clear()
{
    m_model->setResult({});
    m_stack->setCurrentIndex(EmptyPage);
}

QString DecisionView::summaryText() const
{
    return m_summary->text();
}

void DecisionView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
    if (auto *empty = findChild<QLabel *>(u"emptyHint"_s))
        empty->setText(tr("Pick an address or a message to see how a router decides where it goes."));
    m_mode->setToolTip(tr("The distribution the scenario maps this address to"));
    }
}

} // namespace Portolan::Console
