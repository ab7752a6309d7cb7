#pragma once

#include "console/report/reportseries.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

namespace Portolan::Console {

// A timeline step drawn across a chart: a dashed line at its time, its number on top.
struct ChartMarker
{
    qint64 atMs = 0;
    QString label;
    QColor colour;
};

struct ChartSpec
{
    QString title;
    QString valueTitle;              // the y axis
    QList<ChartLine> lines;
    QList<ChartMarker> markers;
    qint64 durationMs = 0;           // the x axis runs to here at least
    QSize size{760, 320};            // logical pixels
};

// Draws a report chart with QtCharts into an image, off screen: a QChart in a private
// QGraphicsScene, rendered through QPainter at twice the logical size so the PNG in the
// HTML and the PDF stays sharp. Needs a QApplication (QtCharts is built on QGraphicsWidget).
class ReportChartRenderer
{
public:
    static bool available();
    // A null image when charts cannot be drawn here or the spec has no line with points.
    static QImage render(const ChartSpec &spec, qreal devicePixelRatio = 2.0);
    // The colour of the n-th line of a chart (0 is the emphasised total when there is one).
    static QColor lineColour(int index, bool emphasised);
};

} // namespace Portolan::Console
