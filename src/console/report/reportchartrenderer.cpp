#include "console/report/reportchartrenderer.h"

#include <QApplication>
#include <QChart>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

const QColor kText(0x1f, 0x29, 0x37);
const QColor kMuted(0x6b, 0x72, 0x80);
const QColor kGrid(0xe5, 0xe7, 0xeb);

QFont chartFont(qreal pointSize, bool bold = false)
{
    QFont font;
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

void styleAxis(QValueAxis *axis, const QString &title)
{
    axis->setTitleText(title);
    axis->setTitleFont(chartFont(8));
    axis->setTitleBrush(kMuted);
    axis->setLabelsFont(chartFont(8));
    axis->setLabelsColor(kMuted);
    axis->setGridLineColor(kGrid);
    axis->setLinePenColor(kGrid.darker(120));
    axis->setMinorGridLineVisible(false);
}

// Numbers on the marker flags must not collide when steps fire close together: each
// label moves down a row while it would overlap the one before it.
void drawMarkers(QPainter &painter, QChart &chart, QAbstractSeries *series, const QList<ChartMarker> &markers)
{
    const QRectF plot = chart.plotArea();
    painter.save();
    painter.setClipRect(plot.adjusted(-20, -2, 20, 2));
    const QFont font = chartFont(7, true);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    QList<QRectF> placed;
    for (const ChartMarker &marker : markers) {
        const qreal x = chart.mapToPosition(QPointF(double(marker.atMs) / 1000.0, 0), series).x();
        if (x < plot.left() - 0.5 || x > plot.right() + 0.5)
            continue;
        QPen pen(marker.colour, 1, Qt::DashLine);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));

        const qreal w = metrics.horizontalAdvance(marker.label) + 6;
        const qreal h = metrics.height() + 2;
        QRectF flag(x - w / 2, plot.top() + 2, w, h);
        flag.moveLeft(qBound(plot.left(), flag.left(), plot.right() - w));
        for (int row = 0; row < 4; ++row) {
            const bool clash = std::any_of(placed.cbegin(), placed.cend(), [&](const QRectF &r) {
                return r.intersects(flag.adjusted(-1, 0, 1, 0));
            });
            if (!clash)
                break;
            flag.translate(0, h + 1);
        }
        placed.append(flag);
        painter.setPen(Qt::NoPen);
        painter.setBrush(marker.colour);
        painter.drawRoundedRect(flag, 2, 2);
        painter.setPen(Qt::white);
        painter.drawText(flag, Qt::AlignCenter, marker.label);
    }
    painter.restore();
}

} // namespace

bool ReportChartRenderer::available()
{
    return qobject_cast<QApplication *>(QCoreApplication::instance()) != nullptr;
}

QColor ReportChartRenderer::lineColour(int index, bool emphasised)
{
    if (emphasised)
        return kText;
    static const QColor palette[] = {QColor(0x25, 0x63, 0xeb), QColor(0xdc, 0x26, 0x26), QColor(0x16, 0xa3, 0x4a),
                                     QColor(0xd9, 0x77, 0x06), QColor(0x7c, 0x3a, 0xed), QColor(0x08, 0x91, 0xb2),
                                     QColor(0xdb, 0x27, 0x77), QColor(0x65, 0xa3, 0x0d)};
    return palette[std::max(0, index) % int(std::size(palette))];
}

QImage ReportChartRenderer::render(const ChartSpec &spec, qreal devicePixelRatio)
{
    const bool anyPoints = std::any_of(spec.lines.cbegin(), spec.lines.cend(),
                                       [](const ChartLine &l) { return !l.points.isEmpty(); });
    if (!available() || !anyPoints || spec.size.isEmpty())
        return {};

    QGraphicsScene scene;
    scene.setItemIndexMethod(QGraphicsScene::NoIndex);
    auto *chart = new QChart;   // owned by the scene from addItem on
    scene.addItem(chart);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(Qt::white);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->setTitle(spec.title);
    chart->setTitleFont(chartFont(10, true));
    chart->setTitleBrush(kText);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(chartFont(8));
    chart->legend()->setLabelColor(kText);

    auto *xAxis = new QValueAxis;
    auto *yAxis = new QValueAxis;
    styleAxis(xAxis, QCoreApplication::translate("Portolan::Console::ReportChartRenderer", "seconds since the run started"));
    styleAxis(yAxis, spec.valueTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    double lastX = double(spec.durationMs) / 1000.0;
    double maxY = 0;
    QAbstractSeries *anchor = nullptr;
    int colourIndex = 0;
    for (const ChartLine &line : spec.lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        series->replace(line.points);
        QPen pen(lineColour(line.emphasised ? 0 : colourIndex++, line.emphasised), line.emphasised ? 2.4 : 1.6);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        for (const QPointF &p : line.points) {
            lastX = std::max(lastX, p.x());
            maxY = std::max(maxY, p.y());
        }
        if (!anchor)
            anchor = series;
    }

    xAxis->setRange(0, std::max(1.0, std::ceil(lastX)));
    xAxis->applyNiceNumbers();
    xAxis->setLabelFormat(u"%.0f"_s);
    yAxis->setRange(0, maxY > 0 ? maxY * 1.08 : 1.0);
    yAxis->applyNiceNumbers();
    yAxis->setLabelFormat(yAxis->max() >= 10 ? u"%.0f"_s : u"%.1f"_s);

    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(spec.size)));
    // The chart lays itself out on a posted LayoutRequest; do it now, without spinning
    // the event loop from inside a report export.
    if (QGraphicsLayout *layout = chart->layout())
        layout->activate();

    QImage image(spec.size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QRectF area(QPointF(0, 0), QSizeF(spec.size));
    scene.render(&painter, area, area);
    drawMarkers(painter, *chart, anchor, spec.markers);
    painter.end();
    return image;
}

} // namespace Portolan::Console
