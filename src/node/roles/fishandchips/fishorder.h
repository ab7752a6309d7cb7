#pragma once

#include "node/roles/fishandchips/portions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Portolan::Node::FishAndChips {

// One customer's order as it travels: from the till to the preparers, the accountant and
// the statistician, to the cook and back, and to the till again once it is made up. The
// JSON form is the message body everywhere, so every hop reads the same fields.
struct FishOrder
{
    QString id;            // "T<till>-<n>", unique in the shop
    int till = 0;
    QString channel;       // "web" or "counter"
    Portions items;
    qint64 price = 0;      // pence
    qint64 placedMs = 0;
    QString replyTo;       // where "ready" goes: the till that took it
    QString key;           // partitioning key: plaice orders carry the plaice key
    int cookRounds = 0;    // how many times it was sent to the cook

    bool hasPlaice() const { return items.has(QStringLiteral("plaice")); }
    // Some item in more than one portion ("how often N is greater than 1").
    bool isMultiPortion() const { return items.largestCount() > 1; }

    QJsonObject toJson() const;
    QByteArray toBody() const;
    // nullopt for a body that is not an order: no id, no items, negative counts.
    static std::optional<FishOrder> fromJson(const QJsonObject &object);
    static std::optional<FishOrder> fromBody(const QByteArray &body);
};

} // namespace Portolan::Node::FishAndChips
