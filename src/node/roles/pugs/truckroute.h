#pragma once

#include "node/roles/pugs/mappoint.h"

#include <QtGlobal>

namespace Portolan::Node::Pugs {

// A delivery truck's drive for one job: from where it stands to the factory (pickup),
// then to the store (dropoff), in straight lines at a constant speed. Where the truck is
// follows from the time since it set off alone, so a restarted truck knows its position
// from the persisted start time without having saved every step.
class TruckRoute
{
public:
    // speed in map units per second; a non-positive speed is taken as 1.
    TruckRoute(MapPoint start, MapPoint pickup, MapPoint dropoff, double speed);

    double length() const { return m_toPickup + m_toDropoff; }
    qint64 durationMs() const;                       // rounded up: arrival is never early
    MapPoint positionAt(qint64 elapsedMs) const;     // clamped to the route's ends
    qint64 remainingMs(qint64 elapsedMs) const;
    bool pickedUpAt(qint64 elapsedMs) const;         // past the factory
    // Direction of travel in degrees, 0 = +x, 90 = +y (the map's y axis points down, as
    // on the console's canvas), in [0, 360). At the end: the direction it arrived in.
    double headingAt(qint64 elapsedMs) const;

private:
    double travelledAt(qint64 elapsedMs) const;

    MapPoint m_start;
    MapPoint m_pickup;
    MapPoint m_dropoff;
    double m_speed = 1;
    double m_toPickup = 0;
    double m_toDropoff = 0;
};

} // namespace Portolan::Node::Pugs
