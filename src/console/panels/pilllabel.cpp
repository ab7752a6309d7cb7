#include "console/panels/pilllabel.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

PillLabel::PillLabel(QWidget *parent)
    : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void PillLabel::setPill(const QString &text, StatusTone tone)
{
    const StatusTone effective = tone == StatusTone::None ? StatusTone::Neutral : tone;
    // Telemetry re-states the same state ten times a second; restyling is not free.
    if (effective == m_tone && text == this->text() && !styleSheet().isEmpty())
        return;
    m_tone = effective;
    setText(text);
    setVisible(!text.isEmpty());
    const int radius = (fontMetrics().height() + 4) / 2;
    setStyleSheet(u"QLabel { background: %1; color: white; border-radius: %2px; padding: 2px 9px; font-weight: bold; }"_s
                      .arg(StatusToneStyle::color(m_tone).name())
                      .arg(radius));
}

} // namespace Portolan::Console
