#include "node/roles/factoryedge/factoryplanner.h"

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

Q_LOGGING_CATEGORY(lcPlanner, "portolan.node.roles.factoryplanner")

const QString purposeJob = u"job"_s;
const QString purposeMaterials = u"materials"_s;
const QString purposePart = u"part"_s;
const QString purposeAnswer = u"answer"_s;
const QString orderKind = u"order"_s;
const QString requestKind = u"request"_s;       // our requests to others, by request id
const QString suppliedKind = u"supplied"_s;     // parts we supplied, by request id
const QString inspectedKind = u"inspected"_s;   // orders with an inspection verdict
const QString countersKind = u"planner"_s;
const QString countersId = u"counters"_s;

QByteArray requestIdOf(const Wire::Envelope &message)
{
    return message.requestId.isEmpty() ? message.id : message.requestId;
}

} // namespace

QString FactoryPlannerRole::name() const
{
    return u"factory-planner"_s;
}

bool FactoryPlannerRole::readParams()
{
    FactoryEdge::RoleParams params(m_context->params());
    m_site = params.site(u"site"_s);
    m_number = int(params.requiredInteger(u"number"_s));
    m_capacity = int(params.integer(u"capacity"_s, 0));
    m_materialsEvery = params.integer(u"materialsEvery"_s, 3);
    m_material = params.text(u"material"_s, u"steel"_s);
    m_materialQuantity = params.integer(u"materialQuantity"_s, 5, 1);
    m_partsEvery = params.integer(u"partsEvery"_s, 4);
    m_partsFrom = int(params.integer(u"partsFrom"_s, 0));
    m_inspection = params.address(u"inspection"_s);
    const qint64 retryMs = params.integer(u"retryMs"_s, 500, 1);
    if (!params.ok()) {
        m_error = params.error();
        return false;
    }
    m_base = AddressScheme::factory(m_number);
    m_outbox.start(*m_context, retryMs);
    return true;
}

void FactoryPlannerRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams()) {
        qCWarning(lcPlanner).noquote() << context.nodeId() << m_error;
        return;
    }
    restoreCounters();
    context.subscribe(m_base);
    if (!m_paused)
        context.subscribe(AddressScheme::workOrders(), {}, m_capacity);
    publishOutstanding();
}

void FactoryPlannerRole::restoreCounters()
{
    const QJsonObject c = m_context->store().record(countersKind, countersId).value_or(QJsonObject{});
    m_paused = c.value("paused"_L1).toBool();
    m_materialsRequested = Pugs::integerOf(c.value("materialsRequested"_L1));
    m_materialsReceived = Pugs::integerOf(c.value("materialsReceived"_L1));
    m_materialsRefused = Pugs::integerOf(c.value("materialsRefused"_L1));
    m_partsRequested = Pugs::integerOf(c.value("partsRequested"_L1));
    m_partsReceived = Pugs::integerOf(c.value("partsReceived"_L1));
    m_partsSupplied = Pugs::integerOf(c.value("partsSupplied"_L1));
    m_inspected = Pugs::integerOf(c.value("inspected"_L1));
    m_inspectionsUnavailable = Pugs::integerOf(c.value("inspectionsUnavailable"_L1));
    m_jobsDoneTwice = Pugs::integerOf(c.value("jobsDoneTwice"_L1));
}

void FactoryPlannerRole::saveCounters()
{
    m_context->store().putRecord(countersKind, countersId,
                                 {{u"paused"_s, m_paused},
                                  {u"materialsRequested"_s, m_materialsRequested},
                                  {u"materialsReceived"_s, m_materialsReceived},
                                  {u"materialsRefused"_s, m_materialsRefused},
                                  {u"partsRequested"_s, m_partsRequested},
                                  {u"partsReceived"_s, m_partsReceived},
                                  {u"partsSupplied"_s, m_partsSupplied},
                                  {u"inspected"_s, m_inspected},
                                  {u"inspectionsUnavailable"_s, m_inspectionsUnavailable},
                                  {u"jobsDoneTwice"_s, m_jobsDoneTwice}});
}

void FactoryPlannerRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (AddressScheme::isUnder(path, AddressScheme::workOrders())) {
        if (fields.isWrite())
            acceptOrder(message, fields);
        else
            replyJson(message, {{u"error"_s, u"work orders need POST"_s}}, 405);
        return;
    }
    if (!AddressScheme::isUnder(path, m_base)) {
        qCDebug(lcPlanner) << m_context->nodeId() << "ignores" << path;
        return;
    }
    const QString sub = AddressScheme::below(path, m_base);
    if (sub == "done"_L1)
        completeOrder(message, fields);
    else if (sub == "materials"_L1)
        receiveAnswer(message, fields, purposeMaterials);
    else if (sub == "parts-received"_L1)
        receiveAnswer(message, fields, purposePart);
    else if (sub == "inspections"_L1)
        receiveInspection(message, fields);
    else if (sub == "parts"_L1)
        supplyPart(message, fields);
    else if (sub == "command"_L1)
        command(message, fields);
    else if (sub.isEmpty() || sub == "status"_L1)
        replyJson(message, status());
    else
        replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
}

void FactoryPlannerRole::acceptOrder(const Wire::Envelope &message, const RequestFields &fields)
{
    EntityStore &store = m_context->store();
    const QByteArray requestId = requestIdOf(message);
    const QString order = QString::fromUtf8(requestId);
    if (store.record(orderKind, order))
        return;   // the same order again: no new work, and its report comes when it is made
    QString item = fields.text(u"item"_s);
    if (item.isEmpty())
        item = u"part"_s;
    const qint64 now = m_context->nowMs();
    // Accepted here, inside the delivery transaction: acked means on disk. Unfinished
    // orders are the backlog balanced distribution weighs.
    store.enqueue(requestId, Pugs::compactJson({{u"order"_s, order}}), now);
    store.putRecord(orderKind, order, {{u"order"_s, order}, {u"item"_s, item}, {u"state"_s, u"accepted"_s},
                                       {u"acceptedMs"_s, now}, {u"replyTo"_s, message.replyTo}});
    publishOutstanding();
    const qint64 accepted = store.backlogSize() + store.completedCount();
    m_context->emitEvent(u"order-accepted"_s, {{u"factory"_s, m_number}, {u"order"_s, order}, {u"item"_s, item},
                                                {u"backlog"_s, qint64(store.backlogSize())}});

    // The order becomes a job for the factory's devices; the edge router picks one.
    Wire::Envelope job;
    job.address = AddressScheme::jobs(m_site);
    job.requestId = requestId;
    job.replyTo = m_base + u"/done"_s;
    job.setHeader(u"Method"_s, u"POST"_s);
    job.body = Pugs::compactJson({{u"order"_s, order}, {u"item"_s, item}, {u"factory"_s, m_number}});
    m_outbox.send(std::move(job), purposeJob);

    if (m_materialsEvery > 0 && accepted % m_materialsEvery == 0)
        requestMaterials();
    if (m_partsEvery > 0 && m_partsFrom > 0 && m_partsFrom != m_number && accepted % m_partsEvery == 0)
        requestPart();
}

void FactoryPlannerRole::completeOrder(const Wire::Envelope &report, const RequestFields &fields)
{
    EntityStore &store = m_context->store();
    const QString order = QString::fromUtf8(requestIdOf(report));
    std::optional<QJsonObject> record = store.record(orderKind, order);
    if (!record)
        return;   // not ours
    const QString device = fields.text(u"device"_s);
    if (record->value("state"_L1).toString() == "done"_L1) {
        // Reported before: a repeat changes nothing. From another device, the job was
        // done twice (at-least-once delivery across a link that failed just after the
        // first device took it); counted, so the console can show it.
        if (!device.isEmpty() && device != record->value("device"_L1).toString()
            && !record->value("doneTwice"_L1).toBool()) {
            record->insert(u"doneTwice"_s, true);
            store.putRecord(orderKind, order, *record);
            ++m_jobsDoneTwice;
            saveCounters();
        }
        return;
    }
    const qint64 now = m_context->nowMs();
    const qint64 leadMs = now - Pugs::integerOf(record->value("acceptedMs"_L1), now);
    record->insert(u"state"_s, u"done"_s);
    record->insert(u"device"_s, device);
    record->insert(u"doneMs"_s, now);
    store.putRecord(orderKind, order, *record);
    store.complete(requestIdOf(report));
    publishOutstanding();
    const QString item = record->value("item"_L1).toString();
    m_context->emitEvent(u"order-completed"_s, {{u"factory"_s, m_number}, {u"order"_s, order},
                                                 {u"device"_s, device}, {u"leadMs"_s, leadMs}});
    publish(u"production"_s, {{u"factory"_s, m_number}, {u"site"_s, m_site}, {u"order"_s, order},
                              {u"item"_s, item}, {u"device"_s, device}, {u"leadMs"_s, leadMs}});
    if (!m_inspection.isEmpty())
        inspect(order, item);
    // Whoever sent the order (an office's order desk, an HTTP client) hears it was made.
    answer(record->value("replyTo"_L1).toString(), requestIdOf(report),
           {{u"factory"_s, m_number}, {u"order"_s, order}, {u"item"_s, item}, {u"device"_s, device},
            {u"leadMs"_s, leadMs}, {u"state"_s, u"made"_s}},
           200);
}

void FactoryPlannerRole::inspect(const QString &order, const QString &item)
{
    // A service in the cloud that may not be there (yet): tried once per order, without
    // an outbox. A refusal only means the order goes uninspected.
    Wire::Envelope request;
    request.address = m_inspection;
    request.requestId = order.toUtf8();
    request.replyTo = m_base + u"/inspections"_s;
    request.setHeader(u"Method"_s, u"POST"_s);
    request.body = Pugs::compactJson({{u"factory"_s, m_number}, {u"order"_s, order}, {u"item"_s, item}});
    m_inspections.insert(m_context->send(std::move(request)), order);
}

void FactoryPlannerRole::receiveInspection(const Wire::Envelope &answer, const RequestFields &fields)
{
    const QString order = QString::fromUtf8(requestIdOf(answer));
    EntityStore &store = m_context->store();
    if (fields.status() / 100 != 2 || store.record(inspectedKind, order))
        return;
    const QString inspector = answer.header(u"From");
    store.putRecord(inspectedKind, order, {{u"order"_s, order}, {u"inspector"_s, inspector}});
    ++m_inspected;
    saveCounters();
    m_context->emitEvent(u"order-inspected"_s, {{u"factory"_s, m_number}, {u"order"_s, order},
                                                 {u"inspector"_s, inspector}});
    publish(u"quality"_s, {{u"factory"_s, m_number}, {u"site"_s, m_site}, {u"order"_s, order},
                           {u"inspector"_s, inspector}, {u"verdict"_s, u"pass"_s}});
}

void FactoryPlannerRole::requestMaterials()
{
    Wire::Envelope request;
    request.address = AddressScheme::materialRequests();
    request.replyTo = m_base + u"/materials"_s;
    request.setHeader(u"Method"_s, u"POST"_s);
    request.body = Pugs::compactJson({{u"factory"_s, m_number}, {u"site"_s, m_site}, {u"material"_s, m_material},
                                      {u"quantity"_s, m_materialQuantity}});
    const QByteArray id = m_outbox.send(std::move(request), purposeMaterials);
    m_context->store().putRecord(requestKind, QString::fromUtf8(id),
                                 {{u"kind"_s, purposeMaterials}});
    ++m_materialsRequested;
    saveCounters();
}

void FactoryPlannerRole::requestPart()
{
    Wire::Envelope request;
    request.address = AddressScheme::factory(m_partsFrom) + u"/parts"_s;
    request.replyTo = m_base + u"/parts-received"_s;
    request.setHeader(u"Method"_s, u"POST"_s);
    request.body = Pugs::compactJson({{u"factory"_s, m_number}, {u"part"_s, u"subassembly"_s}, {u"quantity"_s, 1}});
    const QByteArray id = m_outbox.send(std::move(request), purposePart);
    m_context->store().putRecord(requestKind, QString::fromUtf8(id), {{u"kind"_s, purposePart}});
    ++m_partsRequested;
    saveCounters();
}

void FactoryPlannerRole::receiveAnswer(const Wire::Envelope &answer, const RequestFields &fields, const QString &kind)
{
    EntityStore &store = m_context->store();
    const QString id = QString::fromUtf8(requestIdOf(answer));
    const std::optional<QJsonObject> request = store.record(requestKind, id);
    if (!request || request->value("kind"_L1).toString() != kind)
        return;   // not ours, or answered before
    // Answered: forgotten, so a repeated answer finds nothing to count.
    store.removeRecord(requestKind, id);
    const QString from = answer.header(u"From");
    if (kind == purposeMaterials) {
        if (fields.status() / 100 == 2) {
            const qint64 quantity = Pugs::integerOf(fields.value(u"quantity"_s));
            m_materialsReceived += quantity;
            m_context->emitEvent(u"materials-received"_s, {{u"factory"_s, m_number}, {u"warehouse"_s, from},
                                                            {u"material"_s, fields.text(u"material"_s)},
                                                            {u"quantity"_s, quantity}});
        } else {
            ++m_materialsRefused;
        }
    } else if (fields.status() / 100 == 2) {
        ++m_partsReceived;
        m_context->emitEvent(u"part-received"_s, {{u"factory"_s, m_number}, {u"from"_s, from}});
    }
    saveCounters();
}

void FactoryPlannerRole::supplyPart(const Wire::Envelope &request, const RequestFields &fields)
{
    if (!fields.isWrite()) {
        replyJson(request, {{u"error"_s, u"part requests need POST"_s}}, 405);
        return;
    }
    EntityStore &store = m_context->store();
    const QString id = QString::fromUtf8(requestIdOf(request));
    const qint64 to = Pugs::integerOf(fields.value(u"factory"_s));
    const QJsonObject body{{u"part"_s, fields.text(u"part"_s)}, {u"quantity"_s, 1}, {u"from"_s, m_number},
                           {u"to"_s, to}};
    if (!store.record(suppliedKind, id)) {
        store.putRecord(suppliedKind, id, body);
        ++m_partsSupplied;
        saveCounters();
        m_context->emitEvent(u"part-supplied"_s, {{u"factory"_s, m_number}, {u"to"_s, to}});
    }
    answer(request.replyTo, requestIdOf(request), body, 200);
}

void FactoryPlannerRole::command(const Wire::Envelope &message, const RequestFields &fields)
{
    const QString name = fields.text(u"command"_s);
    if (!fields.isWrite() || name == "status"_L1) {
        replyJson(message, status());
    } else if (name == "pause"_L1 || name == "resume"_L1) {
        setPaused(name == "pause"_L1);
        replyJson(message, status());
    } else {
        replyJson(message, {{u"error"_s, u"unknown command \"%1\" (pause, resume, status)"_s.arg(name)}}, 400);
    }
}

void FactoryPlannerRole::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused)
        m_context->unsubscribe(AddressScheme::workOrders());   // balanced offers the others
    else
        m_context->subscribe(AddressScheme::workOrders(), {}, m_capacity);
    saveCounters();
    m_context->emitEvent(paused ? u"orders-paused"_s : u"orders-resumed"_s,
                         {{u"factory"_s, m_number}, {u"backlog"_s, qint64(m_context->store().backlogSize())}});
}

void FactoryPlannerRole::publish(const QString &topic, const QJsonObject &body)
{
    // Sent up to whoever listens (an unacked topic): nobody listening is fine.
    Wire::Envelope report;
    report.address = AddressScheme::topic(topic);
    report.setHeader(u"Method"_s, u"POST"_s);
    report.setHeader(u"From"_s, m_context->nodeId());
    report.body = Pugs::compactJson(body);
    m_context->send(std::move(report));
}

void FactoryPlannerRole::answer(const QString &replyTo, const QByteArray &requestId, const QJsonObject &body,
                                int status)
{
    // An answer someone waits for: through the outbox, so a restarting router on their
    // side does not lose it.
    if (replyTo.isEmpty())
        return;
    Wire::Envelope reply;
    reply.address = replyTo;
    reply.requestId = requestId;
    reply.setHeader(u"Status"_s, QString::number(status));
    reply.setHeader(u"From"_s, m_context->nodeId());
    reply.setHeader(u"Content-Type"_s, u"application/json"_s);
    reply.body = Pugs::compactJson(body);
    m_outbox.send(std::move(reply), purposeAnswer);
}

void FactoryPlannerRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

void FactoryPlannerRole::settled(const QByteArray &messageId, bool accepted)
{
    if (const auto order = m_inspections.constFind(messageId); order != m_inspections.cend()) {
        if (!accepted) {
            ++m_inspectionsUnavailable;
            saveCounters();
        }
        m_inspections.erase(order);
        return;
    }
    m_outbox.settled(messageId, accepted);
}

void FactoryPlannerRole::tick(qint64 nowMs)
{
    if (m_context && m_error.isEmpty())
        m_outbox.tick(nowMs);
}

void FactoryPlannerRole::publishOutstanding()
{
    const qsizetype backlog = m_context->store().backlogSize();
    m_context->setOutstanding(int(qMin<qsizetype>(backlog, std::numeric_limits<int>::max())));
}

QJsonObject FactoryPlannerRole::status() const
{
    QJsonObject s = telemetry();
    s.insert(u"node"_s, m_context->nodeId());
    return s;
}

QJsonObject FactoryPlannerRole::telemetry() const
{
    QJsonObject t{{u"factory"_s, m_number},
                  {u"site"_s, m_site},
                  {u"paused"_s, m_paused},
                  {u"capacity"_s, m_capacity},
                  {u"waitingToRetry"_s, qint64(m_outbox.waiting())},
                  {u"pendingMessages"_s, qint64(m_outbox.pending())},
                  {u"retries"_s, m_outbox.retries()},
                  {u"materialsRequested"_s, m_materialsRequested},
                  {u"materialsReceived"_s, m_materialsReceived},
                  {u"materialsRefused"_s, m_materialsRefused},
                  {u"partsRequested"_s, m_partsRequested},
                  {u"partsReceived"_s, m_partsReceived},
                  {u"partsSupplied"_s, m_partsSupplied},
                  {u"inspected"_s, m_inspected},
                  {u"inspectionsUnavailable"_s, m_inspectionsUnavailable},
                  {u"jobsDoneTwice"_s, m_jobsDoneTwice}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    if (m_context) {
        EntityStore &store = m_context->store();
        const qint64 backlog = store.backlogSize();
        const qint64 completed = store.completedCount();
        t.insert(u"backlog"_s, backlog);
        t.insert(u"completed"_s, completed);
        t.insert(u"ordersAccepted"_s, backlog + completed);
    }
    return t;
}

bool FactoryPlannerRole::drain()
{
    // Unfinished orders wait at the devices, on disk; what must finish here is getting
    // every job, request and answer through.
    return !m_context || !m_error.isEmpty() || m_outbox.pending() == 0;
}

} // namespace Portolan::Node
