#include "node/roles/fishandchips/menu.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

Menu::Menu()
    : m_prices{{u"cod"_s, 750}, {u"chips"_s, 300}, {u"plaice"_s, 950}}
{
}

std::optional<Menu> Menu::fromJson(const QJsonObject &prices, QString *problem)
{
    // Prices are counts of pence, so Portions reads and checks them.
    const std::optional<Portions> given = Portions::fromJson(prices, problem);
    if (!given)
        return std::nullopt;
    Menu menu;
    for (auto it = prices.constBegin(); it != prices.constEnd(); ++it)
        menu.m_prices.insert(it.key(), given->count(it.key()));
    return menu;
}

std::optional<qint64> Menu::priceOf(const Portions &portions) const
{
    qint64 sum = 0;
    const QStringList items = portions.items();
    for (const QString &item : items) {
        if (!sells(item))
            return std::nullopt;
        sum += price(item) * portions.count(item);
    }
    return sum;
}

} // namespace Portolan::Node::FishAndChips
