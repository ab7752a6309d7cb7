#include "node/roles/pugs/truckjob.h"

#include "node/roles/pugs/jsonvalues.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Pugs {

QString TruckJob::statusName(Status status)
{
    switch (status) {
    case Status::Queued:
        return u"queued"_s;
    case Status::OnTheWay:
        return u"on-the-way"_s;
    case Status::Delivered:
        return u"delivered"_s;
    }
    return {};
}

std::optional<TruckJob> TruckJob::fromJson(const QJsonObject &json)
{
    TruckJob job;
    job.tracking = json.value(u"tracking"_s).toString();
    const std::optional<MapPoint> from = MapPoint::fromJson(json.value(u"from"_s));
    const std::optional<MapPoint> to = MapPoint::fromJson(json.value(u"to"_s));
    job.toStore = int(integerOf(json.value(u"toStore"_s)));
    if (job.tracking.isEmpty() || !from || !to || job.toStore <= 0)
        return std::nullopt;
    job.from = *from;
    job.to = *to;
    job.item = json.value(u"item"_s).toString();
    job.quantity = qMax<qint64>(1, integerOf(json.value(u"quantity"_s), 1));
    job.customer = json.value(u"customer"_s).toString();
    job.fromFactory = int(integerOf(json.value(u"fromFactory"_s)));
    const QString status = json.value(u"status"_s).toString();
    if (status == statusName(Status::OnTheWay))
        job.status = Status::OnTheWay;
    else if (status == statusName(Status::Delivered))
        job.status = Status::Delivered;
    job.start = MapPoint::fromJson(json.value(u"start"_s)).value_or(job.from);
    job.acceptedMs = integerOf(json.value(u"acceptedMs"_s));
    job.startMs = integerOf(json.value(u"startMs"_s));
    job.deliveredMs = integerOf(json.value(u"deliveredMs"_s));
    job.deliveryAcked = json.value(u"deliveryAcked"_s).toBool();
    return job;
}

QJsonObject TruckJob::toJson() const
{
    return QJsonObject{{u"tracking"_s, tracking},
                       {u"item"_s, item},
                       {u"quantity"_s, quantity},
                       {u"customer"_s, customer},
                       {u"from"_s, from.toJson()},
                       {u"to"_s, to.toJson()},
                       {u"fromFactory"_s, fromFactory},
                       {u"toStore"_s, toStore},
                       {u"status"_s, statusName(status)},
                       {u"start"_s, start.toJson()},
                       {u"acceptedMs"_s, acceptedMs},
                       {u"startMs"_s, startMs},
                       {u"deliveredMs"_s, deliveredMs},
                       {u"deliveryAcked"_s, deliveryAcked}};
}

} // namespace Portolan::Node::Pugs
