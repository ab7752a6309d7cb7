#pragma once

#include <QColor>
#include <QIcon>

namespace Portolan::Console {

// The few colours the panels use to say how something is doing (up, failed, pending,
// fired by hand), with a round dot icon for each. Mid-tone colours that read on light and
// dark palettes alike; icons are drawn once and cached.
enum class StatusTone { None, Neutral, Good, Warning, Bad, Info, Special };

class StatusToneStyle
{
public:
    static QColor color(StatusTone tone);
    static QIcon dot(StatusTone tone);
    // The tone of a node or link state word from telemetry: up/attached good, down/cut/
    // failed bad, draining/restoring warning, anything else neutral.
    static StatusTone ofState(const QString &state);
};

} // namespace Portolan::Console
