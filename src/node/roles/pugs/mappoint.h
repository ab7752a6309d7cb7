#pragma once

#include <QJsonArray>
#include <QJsonValue>

#include <optional>

namespace Portolan::Node::Pugs {

// A position on the scenario map, in map units. Scenarios and messages write it as
// [x, y]; {"x": .., "y": ..} is accepted too because hand-written curl bodies use it.
struct MapPoint
{
    double x = 0;
    double y = 0;

    static std::optional<MapPoint> fromJson(const QJsonValue &value);
    QJsonArray toJson() const;

    double distanceTo(const MapPoint &other) const;
    // The point a fraction t (0..1) of the way from this point to other.
    MapPoint towards(const MapPoint &other, double t) const;

    friend bool operator==(const MapPoint &, const MapPoint &) = default;
};

} // namespace Portolan::Node::Pugs
