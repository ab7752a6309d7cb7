#include "console/canvas/captionoverlay.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace Portolan::Console {

namespace {

constexpr int PaddingX = 16;
constexpr int PaddingY = 9;
constexpr int TopGap = 12;
constexpr int TextFlags = Qt::AlignCenter | Qt::TextWordWrap;

} // namespace

CaptionOverlay::CaptionOverlay(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    m_fade.setDuration(240);
    m_fade.setStartValue(0.0);
    m_fade.setEndValue(1.0);
    m_fade.setEasingCurve(QEasingCurve::OutCubic);
    connect(&m_fade, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_opacity = value.toDouble();
        update();
    });
    hide();
}

QFont CaptionOverlay::captionFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() > 0 ? f.pointSizeF() * 1.25 : 12);
    f.setWeight(QFont::DemiBold);
    return f;
}

QRect CaptionOverlay::textRect(int maxWidth) const
{
    const QFontMetrics metrics(captionFont());
    return metrics.boundingRect(QRect(0, 0, std::max(40, maxWidth), 10000), TextFlags, m_caption);
}

void CaptionOverlay::setCaption(const QString &caption)
{
    if (caption == m_caption)
        return;
    m_caption = caption;
    if (m_caption.isEmpty()) {
        m_fade.stop();
        hide();
        return;
    }
    placeWithin(m_area);
    show();
    raise();
    m_fade.stop();
    m_opacity = 0;
    m_fade.start();
}

void CaptionOverlay::placeWithin(const QRect &area)
{
    m_area = area;
    if (m_caption.isEmpty() || area.isEmpty())
        return;
    const int maxText = int(area.width() * 0.72) - 2 * PaddingX;
    const QRect text = textRect(maxText);
    const int width = std::min(text.width() + 2 * PaddingX, area.width() - 16);
    const int height = text.height() + 2 * PaddingY;
    setGeometry(area.left() + (area.width() - width) / 2, area.top() + TopGap, width, height);
    update();
}

void CaptionOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setOpacity(m_opacity);
    // A dark subtitle plate: readable over any map and in either theme.
    painter.setPen(QPen(QColor(255, 255, 255, 60), 1));
    painter.setBrush(QColor(22, 30, 40, 210));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    painter.setPen(Qt::white);
    painter.setFont(captionFont());
    painter.drawText(rect().adjusted(PaddingX, PaddingY, -PaddingX, -PaddingY), TextFlags, m_caption);
}

void CaptionOverlay::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        placeWithin(m_area);
    QWidget::changeEvent(event);
}

} // namespace Portolan::Console
