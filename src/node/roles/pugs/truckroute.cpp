#include "node/roles/pugs/truckroute.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace Portolan::Node::Pugs {

namespace {

double headingOf(const MapPoint &from, const MapPoint &to)
{
    const double degrees = std::atan2(to.y - from.y, to.x - from.x) * 180.0 / std::numbers::pi;
    return degrees < 0 ? degrees + 360.0 : degrees;
}

} // namespace

TruckRoute::TruckRoute(MapPoint start, MapPoint pickup, MapPoint dropoff, double speed)
    : m_start(start)
    , m_pickup(pickup)
    , m_dropoff(dropoff)
    , m_speed(speed > 0 && std::isfinite(speed) ? speed : 1.0)
    , m_toPickup(start.distanceTo(pickup))
    , m_toDropoff(pickup.distanceTo(dropoff))
{
}

qint64 TruckRoute::durationMs() const
{
    return qint64(std::ceil(length() / m_speed * 1000.0));
}

double TruckRoute::travelledAt(qint64 elapsedMs) const
{
    if (elapsedMs <= 0)
        return 0;
    return std::min(length(), m_speed * double(elapsedMs) / 1000.0);
}

MapPoint TruckRoute::positionAt(qint64 elapsedMs) const
{
    if (elapsedMs >= durationMs())
        return m_dropoff;
    const double travelled = travelledAt(elapsedMs);
    if (travelled < m_toPickup)
        return m_start.towards(m_pickup, travelled / m_toPickup);
    if (m_toDropoff <= 0)
        return m_dropoff;
    return m_pickup.towards(m_dropoff, (travelled - m_toPickup) / m_toDropoff);
}

qint64 TruckRoute::remainingMs(qint64 elapsedMs) const
{
    return std::max<qint64>(0, durationMs() - std::max<qint64>(0, elapsedMs));
}

bool TruckRoute::pickedUpAt(qint64 elapsedMs) const
{
    return travelledAt(elapsedMs) >= m_toPickup;
}

double TruckRoute::headingAt(qint64 elapsedMs) const
{
    if (travelledAt(elapsedMs) < m_toPickup)
        return headingOf(m_start, m_pickup);
    if (m_toDropoff > 0)
        return headingOf(m_pickup, m_dropoff);
    if (m_toPickup > 0)
        return headingOf(m_start, m_pickup);   // the store is at the factory
    return 0;                                  // a route of length zero goes nowhere
}

} // namespace Portolan::Node::Pugs
