#pragma once

#include <QList>
#include <QPointF>

namespace Portolan::Console {

// Thins a time series to what a chart of a given width can show: the span is cut into
// buckets (about one per pixel) and each bucket keeps its lowest and highest point, in
// time order, so spikes survive while five minutes at 10 Hz cost the chart a few hundred
// points per series instead of thousands. The first and last points are always kept.
class SeriesDecimator
{
public:
    static QList<QPointF> minMax(const QList<QPointF> &points, int buckets);
};

} // namespace Portolan::Console
