#include "node/roles/pugs/mappoint.h"

#include <QJsonObject>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Pugs {

std::optional<MapPoint> MapPoint::fromJson(const QJsonValue &value)
{
    if (value.isArray()) {
        const QJsonArray pair = value.toArray();
        if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
            return std::nullopt;
        return MapPoint{pair.at(0).toDouble(), pair.at(1).toDouble()};
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonValue x = object.value(u"x"_s);
        const QJsonValue y = object.value(u"y"_s);
        if (!x.isDouble() || !y.isDouble())
            return std::nullopt;
        return MapPoint{x.toDouble(), y.toDouble()};
    }
    return std::nullopt;
}

QJsonArray MapPoint::toJson() const
{
    return QJsonArray{x, y};
}

double MapPoint::distanceTo(const MapPoint &other) const
{
    return std::hypot(other.x - x, other.y - y);
}

MapPoint MapPoint::towards(const MapPoint &other, double t) const
{
    return MapPoint{x + (other.x - x) * t, y + (other.y - y) * t};
}

} // namespace Portolan::Node::Pugs
