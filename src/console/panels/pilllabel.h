#pragma once

#include "console/panels/statustone.h"

#include <QLabel>

namespace Portolan::Console {

// A small rounded badge with white bold text on a status colour: "up", "balanced".
class PillLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PillLabel(QWidget *parent = nullptr);
    void setPill(const QString &text, StatusTone tone);
    StatusTone tone() const { return m_tone; }

private:
    StatusTone m_tone = StatusTone::Neutral;
};

} // namespace Portolan::Console
