#pragma once

#include "node/roles/fishandchips/portions.h"

#include <QJsonObject>
#include <QMap>

#include <optional>

namespace Portolan::Node::FishAndChips {

// What the shop sells and for how much, in pence so that income adds up exactly.
// The default menu: cod 750, chips 300, plaice 950; a till's "menu" param replaces prices
// or adds items.
class Menu
{
public:
    Menu();

    // The default menu with the given prices laid over it. nullopt when a price is not a
    // whole number of pence >= 0.
    static std::optional<Menu> fromJson(const QJsonObject &prices, QString *problem = nullptr);

    bool sells(const QString &item) const { return m_prices.contains(item); }
    qint64 price(const QString &item) const { return m_prices.value(item, 0); }
    // The price of an order; nullopt when it holds an item the menu does not sell.
    std::optional<qint64> priceOf(const Portions &portions) const;
    QStringList items() const { return m_prices.keys(); }

private:
    QMap<QString, qint64> m_prices;
};

} // namespace Portolan::Node::FishAndChips
