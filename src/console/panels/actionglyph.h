#pragma once

#include <QIcon>

namespace Portolan::Console {

// Small action icons the panels draw themselves (a line chart, a trace path, media
// controls), in the palette's button-text colour so they suit light and dark themes,
// where the style's standard icons stay black.
class ActionGlyph
{
public:
    static QIcon chart();
    static QIcon trace();
    static QIcon play();
    static QIcon pause();
    static QIcon step();    // skip to the next: a triangle and a bar
    static QIcon fire();    // do this one now: a bolt
    static QIcon follow();  // keep the newest in view: an arrow down to a line
};

} // namespace Portolan::Console
