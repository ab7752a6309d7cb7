#pragma once

#include "node/roles/pugs/mappoint.h"
#include "node/roles/pugs/truckroute.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Portolan::Node::Pugs {

// One delivery a truck took from a factory: pick the item up at "from" (the factory),
// bring it to "to" (the store). Persisted as a record of kind "job" keyed by tracking id.
struct TruckJob
{
    enum class Status { Queued, OnTheWay, Delivered };

    QString tracking;
    QString item;
    qint64 quantity = 1;
    QString customer;
    MapPoint from;          // the factory
    MapPoint to;            // the store
    int fromFactory = 0;
    int toStore = 0;
    Status status = Status::Queued;
    MapPoint start;         // where the truck set off (OnTheWay and later)
    qint64 acceptedMs = 0;
    qint64 startMs = 0;
    qint64 deliveredMs = 0;
    bool deliveryAcked = false;   // the store acknowledged the delivery message

    // nullopt when tracking, from or to is missing or toStore is not a store number.
    static std::optional<TruckJob> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    TruckRoute route(double speed) const { return TruckRoute(start, from, to, speed); }

    static QString statusName(Status status);
};

} // namespace Portolan::Node::Pugs
