#pragma once

#include <QStyledItemDelegate>

namespace Portolan::Console {

// Draws a palette item as its picture with the label in bold and a one-line
// description beneath, elided to the width.
class PaletteItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int IconSize = 32;

    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Portolan::Console
