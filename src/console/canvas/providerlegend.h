#pragma once

#include "console/canvas/providertable.h"

#include <QWidget>

namespace Portolan::Console {

// The providers' key over the canvas: a colour swatch, name and default cost per
// provider, struck through while the operator has it down. Right-click a provider to get
// its menu (take down / bring up); the painting is shared with the report picture.
class ProviderLegend : public QWidget
{
    Q_OBJECT
public:
    explicit ProviderLegend(QWidget *parent = nullptr);

    void setEntries(const QList<ProviderTable::Entry> &entries);
    const QList<ProviderTable::Entry> &entries() const { return m_entries; }
    // The provider on the row under a point in widget coordinates, or "".
    QString providerAt(const QPoint &pos) const;
    QRect rowRect(int row) const;

    QSize sizeHint() const override;

    // Paints a legend box with its top-left corner at `topLeft`; returns its size.
    static QSizeF paintLegend(QPainter *painter, const QPointF &topLeft, const QList<ProviderTable::Entry> &entries,
                              const QPalette &palette, const QFont &font, int hoveredRow = -1);
    static QSizeF legendSize(const QList<ProviderTable::Entry> &entries, const QFont &font);

Q_SIGNALS:
    void providerContextMenuRequested(const QString &provider, const QPoint &screenPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    int rowAt(const QPoint &pos) const;

    QList<ProviderTable::Entry> m_entries;
    int m_hoveredRow = -1;
};

} // namespace Portolan::Console
