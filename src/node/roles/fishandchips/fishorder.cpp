#include "node/roles/fishandchips/fishorder.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

QJsonObject FishOrder::toJson() const
{
    QJsonObject object{{u"order"_s, id},
                       {u"till"_s, till},
                       {u"channel"_s, channel},
                       {u"items"_s, items.toJson()},
                       {u"price"_s, price},
                       {u"placedMs"_s, placedMs},
                       {u"cookRounds"_s, cookRounds}};
    if (!replyTo.isEmpty())
        object.insert(u"replyTo"_s, replyTo);
    if (!key.isEmpty())
        object.insert(u"key"_s, key);
    return object;
}

QByteArray FishOrder::toBody() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<FishOrder> FishOrder::fromJson(const QJsonObject &object)
{
    FishOrder order;
    order.id = object.value(u"order"_s).toString();
    const std::optional<Portions> items = Portions::fromJson(object.value(u"items"_s).toObject());
    if (order.id.isEmpty() || !items || items->isEmpty())
        return std::nullopt;
    order.items = *items;
    order.till = object.value(u"till"_s).toInt();
    order.channel = object.value(u"channel"_s).toString();
    order.price = qint64(object.value(u"price"_s).toDouble());
    order.placedMs = qint64(object.value(u"placedMs"_s).toDouble());
    order.replyTo = object.value(u"replyTo"_s).toString();
    order.key = object.value(u"key"_s).toString();
    order.cookRounds = qMax(0, object.value(u"cookRounds"_s).toInt());
    if (order.price < 0)
        return std::nullopt;
    return order;
}

std::optional<FishOrder> FishOrder::fromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    return fromJson(document.object());
}

} // namespace Portolan::Node::FishAndChips
