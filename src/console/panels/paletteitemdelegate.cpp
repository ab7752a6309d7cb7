#include "console/panels/paletteitemdelegate.h"

#include "console/panels/palettemodel.h"

#include <QApplication>
#include <QPainter>

namespace Portolan::Console {

namespace {

constexpr int Padding = 6;
constexpr int Gap = 10;

} // namespace

void PaletteItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, hover and selection as the style draws them; no text or icon.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect r = option.rect.adjusted(Padding, Padding, -Padding, -Padding);
    const QRect iconRect(r.left(), r.center().y() - IconSize / 2 + 1, IconSize, IconSize);
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    icon.paint(painter, iconRect, Qt::AlignCenter,
               (option.state & QStyle::State_Enabled) ? QIcon::Normal : QIcon::Disabled);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = (option.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    const QColor textColor = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor secondary = textColor;
    secondary.setAlphaF(selected ? 0.85f : 0.62f);

    const QRect textRect(iconRect.right() + Gap, r.top(), r.right() - iconRect.right() - Gap, r.height());
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(option.font);
    const QString description = index.data(PaletteModel::DescriptionRole).toString();
    const int block = boldMetrics.height() + (description.isEmpty() ? 0 : metrics.height() + 1);
    const int top = textRect.top() + (textRect.height() - block) / 2;

    painter->save();
    painter->setFont(bold);
    painter->setPen(textColor);
    const QString label = index.data(Qt::DisplayRole).toString();
    painter->drawText(QRect(textRect.left(), top, textRect.width(), boldMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(label, Qt::ElideRight, textRect.width()));
    if (!description.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(secondary);
        painter->drawText(QRect(textRect.left(), top + boldMetrics.height() + 1, textRect.width(), metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(description, Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QSize PaletteItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(option.font);
    const QString label = index.data(Qt::DisplayRole).toString();
    const QString description = index.data(PaletteModel::DescriptionRole).toString();
    const int textHeight = boldMetrics.height() + (description.isEmpty() ? 0 : metrics.height() + 1);
    // Only the label counts for the width: descriptions elide rather than push the list
    // into scrolling sideways in a narrow dock.
    Q_UNUSED(metrics)
    const int width = IconSize + Gap + boldMetrics.horizontalAdvance(label);
    return {width + 2 * Padding, qMax(IconSize, textHeight) + 2 * Padding};
}

} // namespace Portolan::Console
