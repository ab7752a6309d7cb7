#pragma once

#include <QVariantAnimation>
#include <QWidget>

namespace Portolan::Console {

// The current timeline caption, shown over the top of the canvas as a subtitle: this is
// how a demo is told. Fades in when the caption changes; hidden when there is none.
// It lets the mouse through to the canvas.
class CaptionOverlay : public QWidget
{
    Q_OBJECT
public:
    explicit CaptionOverlay(QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    QString caption() const { return m_caption; }
    // Centres itself at the top of `area` (the canvas viewport, in parent coordinates).
    void placeWithin(const QRect &area);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QFont captionFont() const;
    QRect textRect(int maxWidth) const;

    QString m_caption;
    QRect m_area;
    QVariantAnimation m_fade;
    double m_opacity = 1;
};

} // namespace Portolan::Console
