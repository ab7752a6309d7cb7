#include "console/panels/seriesdecimator.h"

#include <algorithm>

namespace Portolan::Console {

QList<QPointF> SeriesDecimator::minMax(const QList<QPointF> &points, int buckets)
{
    buckets = std::max(buckets, 1);
    if (points.size() <= 2 * qsizetype(buckets) + 2)
        return points;
    const double first = points.constFirst().x();
    const double last = points.constLast().x();
    const double width = (last - first) / buckets;
    if (width <= 0)
        return points;

    QList<QPointF> out;
    out.reserve(2 * buckets + 2);
    out.append(points.constFirst());
    qsizetype i = 1;
    const qsizetype end = points.size() - 1;   // the last point is added at the end
    while (i < end) {
        const int bucket = std::min(int((points.at(i).x() - first) / width), buckets - 1);
        const double bucketEnd = first + (bucket + 1) * width;
        qsizetype low = i;
        qsizetype high = i;
        qsizetype j = i;
        while (j < end && (points.at(j).x() < bucketEnd || bucket == buckets - 1)) {
            if (points.at(j).y() < points.at(low).y())
                low = j;
            if (points.at(j).y() > points.at(high).y())
                high = j;
            ++j;
        }
        out.append(points.at(std::min(low, high)));
        if (low != high)
            out.append(points.at(std::max(low, high)));
        i = j;
    }
    out.append(points.constLast());
    return out;
}

} // namespace Portolan::Console
