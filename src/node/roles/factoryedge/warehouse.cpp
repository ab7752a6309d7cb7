#include "node/roles/factoryedge/warehouse.h"

#include "node/roles/factoryedge/addressscheme.h"
#include "node/roles/factoryedge/roleparams.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using FactoryEdge::AddressScheme;
using Pugs::RequestFields;

namespace {

Q_LOGGING_CATEGORY(lcWarehouse, "portolan.node.roles.warehouse")

const QString purposeJob = u"job"_s;
const QString purposeAnswer = u"answer"_s;
const QString pickKind = u"pick"_s;
const QString warehouseKind = u"warehouse"_s;
const QString countersId = u"counters"_s;

QByteArray requestIdOf(const Wire::Envelope &message)
{
    return message.requestId.isEmpty() ? message.id : message.requestId;
}

} // namespace

QString WarehouseRole::name() const
{
    return u"warehouse"_s;
}

bool WarehouseRole::readParams()
{
    FactoryEdge::RoleParams params(m_context->params());
    m_site = params.site(u"site"_s);
    m_number = int(params.requiredInteger(u"number"_s));
    m_capacity = int(params.integer(u"capacity"_s, 0));
    m_initialStock = params.quantities(u"stock"_s);
    const qint64 retryMs = params.integer(u"retryMs"_s, 500, 1);
    if (!params.ok()) {
        m_error = params.error();
        return false;
    }
    m_base = AddressScheme::warehouse(m_number);
    m_outbox.start(*m_context, retryMs);
    return true;
}

void WarehouseRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams()) {
        qCWarning(lcWarehouse).noquote() << context.nodeId() << m_error;
        return;
    }
    EntityStore &store = context.store();
    const std::optional<QJsonObject> counters = store.record(warehouseKind, countersId);
    if (!counters) {
        // The very first start: the stock of the scenario. Later starts keep what is left.
        for (auto it = m_initialStock.begin(); it != m_initialStock.end(); ++it)
            store.setInventory(it.key(), it.value().toInteger());
        store.putRecord(warehouseKind, countersId, {{u"refused"_s, 0}});
    } else {
        m_refused = Pugs::integerOf(counters->value("refused"_L1));
    }
    context.subscribe(AddressScheme::materialRequests(), {}, m_capacity);
    context.subscribe(m_base);
    publishOutstanding();
}

void WarehouseRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (AddressScheme::isUnder(path, AddressScheme::materialRequests())) {
        if (fields.isWrite())
            takeRequest(message, fields);
        else
            replyJson(message, status());
        return;
    }
    if (!AddressScheme::isUnder(path, m_base)) {
        qCDebug(lcWarehouse) << m_context->nodeId() << "ignores" << path;
        return;
    }
    const QString sub = AddressScheme::below(path, m_base);
    if (sub == "done"_L1)
        finishPick(message, fields);
    else if (sub.isEmpty() || sub == "status"_L1)
        replyJson(message, status());
    else
        replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
}

void WarehouseRole::takeRequest(const Wire::Envelope &request, const RequestFields &fields)
{
    EntityStore &store = m_context->store();
    const QByteArray requestId = requestIdOf(request);
    const QString pickId = QString::fromUtf8(requestId);
    if (store.record(pickKind, pickId))
        return;   // known: its answer is on its way or already delivered
    const QString material = fields.text(u"material"_s);
    const qint64 quantity = Pugs::integerOf(fields.value(u"quantity"_s), 1);
    const qint64 factory = Pugs::integerOf(fields.value(u"factory"_s));
    QJsonObject pick{{u"pick"_s, pickId},
                     {u"requestId"_s, QString::fromLatin1(requestId.toBase64())},
                     {u"replyTo"_s, request.replyTo},
                     {u"factory"_s, factory},
                     {u"material"_s, material},
                     {u"quantity"_s, quantity},
                     {u"receivedMs"_s, m_context->nowMs()}};
    if (material.isEmpty() || quantity <= 0) {
        pick.insert(u"state"_s, u"refused"_s);
        store.putRecord(pickKind, pickId, pick);
        answer(pick, {{u"error"_s, u"a material request needs material and a quantity above 0"_s}}, 400);
        return;
    }
    // Check and take in one step, once per request: the stock never goes below zero.
    if (!store.adjustInventory(material, -quantity, requestId)) {
        const qint64 available = store.inventory(material);
        pick.insert(u"state"_s, u"refused"_s);
        store.putRecord(pickKind, pickId, pick);
        ++m_refused;
        store.putRecord(warehouseKind, countersId, {{u"refused"_s, m_refused}});
        m_context->emitEvent(u"pick-refused"_s, {{u"warehouse"_s, m_number}, {u"factory"_s, factory},
                                                  {u"material"_s, material}, {u"quantity"_s, quantity},
                                                  {u"available"_s, available}});
        answer(pick, {{u"error"_s, u"out of stock"_s}, {u"material"_s, material}, {u"available"_s, available}}, 409);
        return;
    }
    pick.insert(u"state"_s, u"picking"_s);
    store.putRecord(pickKind, pickId, pick);
    store.enqueue(requestId, Pugs::compactJson({{u"pick"_s, pickId}}), m_context->nowMs());
    publishOutstanding();

    // The pick is a job for the warehouse's own devices; the edge router picks one.
    Wire::Envelope job;
    job.address = AddressScheme::jobs(m_site);
    job.requestId = requestId;
    job.replyTo = m_base + u"/done"_s;
    job.setHeader(u"Method"_s, u"POST"_s);
    job.body = Pugs::compactJson({{u"pick"_s, pickId}, {u"material"_s, material}, {u"quantity"_s, quantity}});
    m_outbox.send(std::move(job), purposeJob);
}

void WarehouseRole::finishPick(const Wire::Envelope &report, const RequestFields &fields)
{
    EntityStore &store = m_context->store();
    const QString pickId = QString::fromUtf8(requestIdOf(report));
    std::optional<QJsonObject> pick = store.record(pickKind, pickId);
    if (!pick || pick->value("state"_L1).toString() != "picking"_L1)
        return;   // not ours, or reported before
    const QString picker = fields.text(u"device"_s);
    pick->insert(u"state"_s, u"shipped"_s);
    pick->insert(u"picker"_s, picker);
    store.putRecord(pickKind, pickId, *pick);
    store.complete(requestIdOf(report));
    publishOutstanding();
    const QString material = pick->value("material"_L1).toString();
    const qint64 quantity = Pugs::integerOf(pick->value("quantity"_L1));
    m_context->emitEvent(u"pick-shipped"_s, {{u"warehouse"_s, m_number}, {u"factory"_s, pick->value("factory"_L1)},
                                              {u"material"_s, material}, {u"quantity"_s, quantity},
                                              {u"picker"_s, picker}});
    answer(*pick, {{u"warehouse"_s, m_number}, {u"material"_s, material}, {u"quantity"_s, quantity},
                   {u"picker"_s, picker}}, 200);
}

void WarehouseRole::answer(const QJsonObject &pick, const QJsonObject &body, int status)
{
    // The factory waits for this answer: through the outbox, so that a restarting
    // router on its side does not lose it.
    const QString replyTo = pick.value("replyTo"_L1).toString();
    if (replyTo.isEmpty())
        return;
    Wire::Envelope reply;
    reply.address = replyTo;
    reply.requestId = QByteArray::fromBase64(pick.value("requestId"_L1).toString().toLatin1());
    reply.setHeader(u"Status"_s, QString::number(status));
    reply.setHeader(u"From"_s, m_context->nodeId());
    reply.setHeader(u"Content-Type"_s, u"application/json"_s);
    reply.body = Pugs::compactJson(body);
    m_outbox.send(std::move(reply), purposeAnswer);
}

void WarehouseRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

void WarehouseRole::settled(const QByteArray &messageId, bool accepted)
{
    m_outbox.settled(messageId, accepted);
}

void WarehouseRole::tick(qint64 nowMs)
{
    if (m_context && m_error.isEmpty())
        m_outbox.tick(nowMs);
}

void WarehouseRole::publishOutstanding()
{
    const qsizetype backlog = m_context->store().backlogSize();
    m_context->setOutstanding(int(qMin<qsizetype>(backlog, std::numeric_limits<int>::max())));
}

QJsonObject WarehouseRole::status() const
{
    QJsonObject s = telemetry();
    s.insert(u"node"_s, m_context->nodeId());
    return s;
}

QJsonObject WarehouseRole::telemetry() const
{
    QJsonObject t{{u"warehouse"_s, m_number},
                  {u"site"_s, m_site},
                  {u"capacity"_s, m_capacity},
                  {u"picksRefused"_s, m_refused},
                  {u"pendingMessages"_s, qint64(m_outbox.pending())},
                  {u"waitingToRetry"_s, qint64(m_outbox.waiting())},
                  {u"retries"_s, m_outbox.retries()}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    if (m_context) {
        EntityStore &store = m_context->store();
        QJsonObject stock;
        const QHash<QString, qint64> inventory = store.inventoryAll();
        for (auto it = inventory.cbegin(); it != inventory.cend(); ++it)
            stock.insert(it.key(), it.value());
        t.insert(u"stock"_s, stock);
        t.insert(u"picking"_s, qint64(store.backlogSize()));
        t.insert(u"picksShipped"_s, store.completedCount());
    }
    return t;
}

bool WarehouseRole::drain()
{
    // Picks in progress wait at the pickers, on disk; every job and answer must be through.
    return !m_context || !m_error.isEmpty() || m_outbox.pending() == 0;
}

} // namespace Portolan::Node
