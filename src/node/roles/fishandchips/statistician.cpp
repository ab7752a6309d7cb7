#include "node/roles/fishandchips/statistician.h"

#include "node/roles/fishandchips/fishorder.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

Q_LOGGING_CATEGORY(lcStatistician, "portolan.node.fishandchips.statistician")

const QString seenKind = u"order"_s;
const QString waitedKind = u"waited"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

} // namespace

QString StatisticianRole::name() const
{
    return u"statistician"_s;
}

void StatisticianRole::start(RoleContext &context)
{
    m_context = &context;
    m_group = context.params().value(u"group"_s).toString(u"statistics"_s);
    m_tally.load(context.store());
    context.subscribe(u"/orders"_s, m_group);
    context.subscribe(u"/cooked"_s, m_group);
}

void StatisticianRole::handle(const Wire::Envelope &message)
{
    const std::optional<FishOrder> order = FishOrder::fromBody(message.body);
    if (!order) {
        qCWarning(lcStatistician).noquote() << m_context->nodeId() << "ignores a message that is no order";
        return;
    }
    EntityStore &store = m_context->store();
    const QString path = Pugs::RequestFields(message).path();
    if (isUnder(path, u"/cooked"_s)) {
        m_tally.add(store, u"cookReturns"_s);
        if (!store.record(waitedKind, order->id)) {
            store.putRecord(waitedKind, order->id, QJsonObject{{u"plaice"_s, order->hasPlaice()}});
            m_tally.add(store, u"waitedForCooking"_s);
        }
        return;
    }
    if (store.record(seenKind, order->id)) {
        m_tally.add(store, u"repeats"_s);
        return;
    }
    store.putRecord(seenKind, order->id, QJsonObject{{u"till"_s, order->till}, {u"placedMs"_s, order->placedMs}});
    m_tally.add(store, u"orders"_s);
    if (!order->channel.isEmpty())
        m_tally.add(store, order->channel);
    if (order->hasPlaice())
        m_tally.add(store, u"plaiceOrders"_s);
    if (order->isMultiPortion())
        m_tally.add(store, u"multiPortionOrders"_s);
    const QStringList items = order->items.items();
    for (const QString &item : items)
        m_tally.add(store, u"portions."_s + item, order->items.count(item));
}

QJsonObject StatisticianRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"orders"_s, u"web"_s, u"counter"_s, u"plaiceOrders"_s, u"multiPortionOrders"_s,
                                    u"cookReturns"_s, u"waitedForCooking"_s, u"repeats"_s, u"portions.cod"_s,
                                    u"portions.chips"_s, u"portions.plaice"_s});
    t.insert(u"group"_s, m_group);
    return t;
}

} // namespace Portolan::Node::FishAndChips
