#include "console/panels/tablestyle.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QTableView>

namespace Portolan::Console {

void TableStyle::apply(QTableView *view, LastColumn last)
{
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setTextElideMode(Qt::ElideRight);
    QHeaderView *rows = view->verticalHeader();
    rows->setVisible(false);
    // Fixed row heights let the view skip measuring rows: big logs stay fast.
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView *columns = view->horizontalHeader();
    // Tables ending in a number column do not stretch it: a right-aligned number far from
    // its row's name is hard to read.
    columns->setStretchLastSection(last == LastColumn::Stretch);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setMinimumSectionSize(40);
}

void TableStyle::fitColumns(QTableView *view)
{
    view->resizeColumnsToContents();
    QHeaderView *columns = view->horizontalHeader();
    const int pad = view->fontMetrics().horizontalAdvance(u'M');
    for (int c = 0; c < columns->count() - 1; ++c)
        columns->resizeSection(c, columns->sectionSize(c) + pad);
}

} // namespace Portolan::Console
