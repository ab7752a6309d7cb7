#include "console/panels/palettepanel.h"

#include "console/panels/paletteitemdelegate.h"
#include "console/panels/palettemodel.h"

#include <QEvent>
#include <QDrag>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

// A list that drags its item with the item's picture under the cursor (centred, so the
// node lands where the picture is), rather than a snapshot of the whole row.
class PaletteListView final : public QListView
{
public:
    using QListView::QListView;

protected:
    void startDrag(Qt::DropActions supportedActions) override
    {
        const QModelIndex index = currentIndex();
        if (!index.isValid() || !(supportedActions & Qt::CopyAction))
            return;
        QMimeData *mime = model()->mimeData({index});
        if (!mime)
            return;
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        const int side = 40;
        const QPixmap pixmap = index.data(Qt::DecorationRole).value<QIcon>().pixmap(QSize(side, side), devicePixelRatioF());
        drag->setPixmap(pixmap);
        drag->setHotSpot(QPoint(side / 2, side / 2));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }
};

} // namespace

PalettePanel::PalettePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new PaletteModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    auto *hint = new QLabel(tr("Drag onto the map to start a node. Drop it on a router to attach it there."), this);
    hint->setObjectName(u"dragHint"_s);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setContentsMargins(2, 0, 2, 2);
    layout->addWidget(hint);

    m_view = new PaletteListView(this);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new PaletteItemDelegate(m_view));
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMouseTracking(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setIconSize(QSize(PaletteItemDelegate::IconSize, PaletteItemDelegate::IconSize));
    layout->addWidget(m_view, 1);

    setEntries(defaultEntries());
}

void PalettePanel::setEntries(const QList<PaletteEntry> &entries)
{
    m_model->setEntries(entries);
}

QList<PaletteEntry> PalettePanel::defaultEntries()
{
    return {
        {u"interior"_s, u"interior"_s, tr("Interior router"), u"interior"_s, {},
         tr("Backbone: link state, shortest paths")},
        {u"edge"_s, u"edge"_s, tr("Edge router"), u"edge"_s, {},
         tr("Attaches entities; uplinks to the backbone")},
        {u"entity"_s, u"store"_s, tr("Store"), u"store"_s, QJsonObject{{u"inventory"_s, QJsonObject()}},
         tr("Its own inventory: answers, holds, orders")},
        {u"entity"_s, u"factory"_s, tr("Factory"), u"factory"_s,
         QJsonObject{{u"buildMs"_s, 1000}, {u"capacity"_s, 0}}, tr("Builds orders, hands them to trucks")},
        {u"entity"_s, u"truck"_s, tr("Truck"), u"truck"_s, QJsonObject{{u"speed"_s, 50}},
         tr("Delivers to stores, reports its position")},
        {u"entity"_s, u"worker"_s, tr("Device"), u"worker"_s,
         QJsonObject{{u"address"_s, u"/devices/work"_s}, {u"serviceMs"_s, 50}},
         tr("A worker: service time, durable backlog")},
        {u"entity"_s, u"generator"_s, tr("Traffic generator"), u"generator"_s,
         QJsonObject{{u"address"_s, u"/devices/work"_s}, {u"rate"_s, 10}},
         tr("Sends messages to an address at a rate")},
    };
}

void PalettePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
    if (auto *hint = findChild<QLabel *>(u"dragHint"_s))
        hint->setText(tr("Drag onto the map to start a node. Drop it on a router to attach it there."));
    }
}

} // namespace Portolan::Console
