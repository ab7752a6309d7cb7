#include "console/canvas/providerlegend.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr double Padding = 8;
constexpr double SwatchWidth = 20;
constexpr double SwatchGap = 8;
constexpr double RowGap = 3;

QFont titleFont(const QFont &font)
{
    QFont title = font;
    title.setWeight(QFont::Bold);
    return title;
}

double rowHeight(const QFont &font)
{
    return QFontMetricsF(font).height() + RowGap;
}

QString costText(const ProviderTable::Entry &entry)
{
    return ProviderLegend::tr("cost %1").arg(entry.cost);
}

QString downText()
{
    return ProviderLegend::tr("down");
}

} // namespace

ProviderLegend::ProviderLegend(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_NoSystemBackground);
    setToolTip(tr("Right-click a provider to take it down or bring it back up"));
    hide();
}

void ProviderLegend::setEntries(const QList<ProviderTable::Entry> &entries)
{
    if (m_entries == entries)
        return;
    m_entries = entries;
    m_hoveredRow = -1;
    setVisible(!m_entries.isEmpty());
    resize(sizeHint());
    updateGeometry();
    update();
}

QSizeF ProviderLegend::legendSize(const QList<ProviderTable::Entry> &entries, const QFont &font)
{
    const QFontMetricsF metrics(font);
    const QFontMetricsF titleMetrics(titleFont(font));
    double width = titleMetrics.horizontalAdvance(tr("Providers"));
    for (const ProviderTable::Entry &entry : entries) {
        const double row = SwatchWidth + SwatchGap + metrics.horizontalAdvance(entry.name) + 10
                           + metrics.horizontalAdvance(entry.down ? downText() : costText(entry));
        width = std::max(width, row);
    }
    const double height = titleMetrics.height() + RowGap + entries.size() * rowHeight(font);
    return {std::ceil(width + 2 * Padding), std::ceil(height + 2 * Padding - RowGap)};
}

QSize ProviderLegend::sizeHint() const
{
    return legendSize(m_entries, font()).toSize();
}

QRect ProviderLegend::rowRect(int row) const
{
    const double top = Padding + QFontMetricsF(titleFont(font())).height() + RowGap + row * rowHeight(font());
    return QRectF(0, top - RowGap / 2, width(), rowHeight(font())).toAlignedRect();
}

int ProviderLegend::rowAt(const QPoint &pos) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (rowRect(row).contains(pos))
            return row;
    }
    return -1;
}

QString ProviderLegend::providerAt(const QPoint &pos) const
{
    const int row = rowAt(pos);
    return row >= 0 ? m_entries.at(row).name : QString();
}

QSizeF ProviderLegend::paintLegend(QPainter *painter, const QPointF &topLeft,
                                   const QList<ProviderTable::Entry> &entries, const QPalette &palette,
                                   const QFont &font, int hoveredRow)
{
    const QSizeF size = legendSize(entries, font);
    const QRectF box(topLeft, size);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor background = palette.color(QPalette::Window);
    background.setAlpha(232);
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    painter->setBrush(background);
    painter->drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    const QFontMetricsF metrics(font);
    const QFont title = titleFont(font);
    const QFontMetricsF titleMetrics(title);
    double y = box.top() + Padding;
    painter->setFont(title);
    painter->setPen(palette.color(QPalette::WindowText));
    painter->drawText(QPointF(box.left() + Padding, y + titleMetrics.ascent()), tr("Providers"));
    y += titleMetrics.height() + RowGap;

    painter->setFont(font);
    const QColor muted = palette.color(QPalette::PlaceholderText);
    for (int row = 0; row < entries.size(); ++row) {
        const ProviderTable::Entry &entry = entries.at(row);
        const double height = rowHeight(font);
        if (row == hoveredRow) {
            QColor hover = palette.color(QPalette::Highlight);
            hover.setAlpha(50);
            painter->setPen(Qt::NoPen);
            painter->setBrush(hover);
            painter->drawRoundedRect(QRectF(box.left() + 3, y - RowGap / 2, box.width() - 6, height), 4, 4);
        }
        const double middle = y + metrics.height() / 2;
        QPen swatch(entry.color, 4, entry.down ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
        if (entry.down)
            swatch.setDashPattern({1.2, 1.2});
        painter->setPen(swatch);
        painter->drawLine(QPointF(box.left() + Padding + 2, middle), QPointF(box.left() + Padding + SwatchWidth - 2, middle));

        QFont nameFont = font;
        nameFont.setStrikeOut(entry.down);
        painter->setFont(nameFont);
        painter->setPen(entry.down ? muted : palette.color(QPalette::WindowText));
        const double nameLeft = box.left() + Padding + SwatchWidth + SwatchGap;
        painter->drawText(QPointF(nameLeft, y + metrics.ascent()), entry.name);
        painter->setFont(font);
        painter->setPen(entry.down ? QColor(0xd6, 0x30, 0x31) : muted);
        const QString detail = entry.down ? downText() : costText(entry);
        painter->drawText(QPointF(box.right() - Padding - metrics.horizontalAdvance(detail), y + metrics.ascent()),
                          detail);
        y += height;
    }
    painter->restore();
    return size;
}

void ProviderLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paintLegend(&painter, QPointF(0, 0), m_entries, palette(), font(), m_hoveredRow);
}

void ProviderLegend::contextMenuEvent(QContextMenuEvent *event)
{
    const QString provider = providerAt(event->pos());
    if (provider.isEmpty()) {
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT providerContextMenuRequested(provider, event->globalPos());
}

void ProviderLegend::mouseMoveEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().toPoint());
    if (row != m_hoveredRow) {
        m_hoveredRow = row;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void ProviderLegend::leaveEvent(QEvent *event)
{
    if (m_hoveredRow != -1) {
        m_hoveredRow = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

} // namespace Portolan::Console
