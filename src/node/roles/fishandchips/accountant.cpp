#include "node/roles/fishandchips/accountant.h"

#include "node/roles/fishandchips/fishorder.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {
Q_LOGGING_CATEGORY(lcAccountant, "portolan.node.fishandchips.accountant")
const QString bookedKind = u"booked"_s;
}

QString AccountantRole::name() const
{
    return u"accountant"_s;
}

void AccountantRole::start(RoleContext &context)
{
    m_context = &context;
    m_group = context.params().value(u"group"_s).toString(u"accounts"_s);
    m_tally.load(context.store());
    context.subscribe(u"/orders"_s, m_group);
}

void AccountantRole::handle(const Wire::Envelope &message)
{
    const std::optional<FishOrder> order = FishOrder::fromBody(message.body);
    if (!order) {
        qCWarning(lcAccountant).noquote() << m_context->nodeId() << "cannot book a message that is no order";
        return;
    }
    EntityStore &store = m_context->store();
    if (store.record(bookedKind, order->id)) {
        m_tally.add(store, u"repeats"_s);
        return;
    }
    store.putRecord(bookedKind, order->id, QJsonObject{{u"price"_s, order->price}, {u"channel"_s, order->channel}});
    m_tally.add(store, u"orders"_s);
    m_tally.add(store, u"income"_s, order->price);
    if (!order->channel.isEmpty())
        m_tally.add(store, order->channel, order->price);
}

QJsonObject AccountantRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"orders"_s, u"income"_s, u"web"_s, u"counter"_s, u"repeats"_s});
    t.insert(u"group"_s, m_group);
    return t;
}

} // namespace Portolan::Node::FishAndChips
