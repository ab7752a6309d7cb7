#pragma once

#include "console/canvas/canvaspixmaps.h"
#include "console/canvas/nodeiconlibrary.h"

#include <QColor>
#include <QFont>
#include <QPalette>

class QPainter;

namespace Portolan::Console {

// What every canvas item paints with, shared and owned by the scene: the icon cache,
// fonts, colours taken from the palette (so the canvas follows light and dark themes),
// the level-of-detail thresholds and the scene-wide painting modes (a trace dims what is
// not on it; the report picture shows no selection).
class CanvasStyle
{
public:
    CanvasStyle();

    void setPalette(const QPalette &palette);
    const QPalette &palette() const { return m_palette; }
    NodeIconLibrary &icons() { return m_icons; }
    CanvasPixmaps &pixmaps() { return m_pixmaps; }
    // Changes with the palette: items re-render what they cached in its colours.
    int generation() const { return m_generation; }

    const QFont &labelFont() const { return m_labelFont; }
    const QFont &subLabelFont() const { return m_subLabelFont; }
    const QFont &badgeFont() const { return m_badgeFont; }

    QColor labelText() const { return m_palette.color(QPalette::Text); }
    QColor subLabelText() const;
    QColor labelBackground() const;
    QColor selection() const { return m_palette.color(QPalette::Highlight); }
    QColor trace() const;
    QColor attachment() const;
    QColor unknownProvider() const;
    QColor outsideMap() const;
    QColor gridBase() const;
    QColor gridMinor() const;
    QColor gridMajor() const;
    static QColor failed() { return QColor(0xd6, 0x30, 0x31); }
    static QColor draining() { return QColor(0xf3, 0x9c, 0x12); }
    static QColor queueBadge() { return QColor(0xe6, 0x7e, 0x22); }

    // Device pixels per scene unit under the painter's transform.
    static double levelOfDetail(const QPainter *painter);
    static double levelOfDetail(const QTransform &world);
    static qreal devicePixelRatio(const QPainter *painter);
    // Below these levels of detail the details are left out: text would be unreadable,
    // and leaving it out is what keeps a zoomed-out canvas of 1,000 nodes fast.
    static constexpr double LabelsFrom = 0.72;
    static constexpr double BadgesFrom = 0.45;
    static constexpr double CostsFrom = 0.8;
    static constexpr double FlowMarksFrom = 0.5;
    // Text (labels, badges, costs, trace marks) grows with the zoom up to this factor and
    // no further, so that zooming in separates crowded nodes instead of inflating them.
    static constexpr double TextScaleCap = 1.6;
    static double textScale(double lod) { return lod < TextScaleCap ? lod : TextScaleCap; }
    // Antialiased lines cost several times plain ones; with more than this many on screen
    // (a big network zoomed out) the view paints without antialiasing, and links show
    // their traffic by width only (no moving marks).
    static constexpr int SmoothLinesBudget = 160;

    // Painting the run report's picture: no selection, hover or drop highlight.
    bool presentation = false;
    // A trace is shown: what is not on it is drawn faint.
    bool traceActive = false;


private:
    QPalette m_palette;
    QFont m_labelFont;
    QFont m_subLabelFont;
    QFont m_badgeFont;
    NodeIconLibrary m_icons;
    CanvasPixmaps m_pixmaps;
    int m_generation = 0;
};

} // namespace Portolan::Console
