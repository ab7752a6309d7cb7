#include "node/roles/milkfactory/billing.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;

namespace {
const QString billingKind = u"billing"_s;
}

QString BillingRole::name() const
{
    return u"billing"_s;
}

void BillingRole::start(RoleContext &context)
{
    m_context = &context;
    m_ledger.open(context, name());
    const QList<QJsonObject> billings = context.store().records(billingKind);
    m_billed = billings.size();
    for (const QJsonObject &billing : billings)
        m_billedTotal += Pugs::numberOf(billing.value(u"total"_s), 0);
    context.subscribe(u"/billing"_s);
}

void BillingRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    const QString &path = fields.path();
    if (path == u"/billing/commands") {
        const BusRecord record(message);
        if (record.kind() != BusRecord::Kind::Command || m_ledger.isDuplicate(record))
            return;
        if (record.name() == u"START_BILLING")
            startBilling(record);
        else
            m_ledger.rejected(record, u"VALIDATION"_s, u"billing does not know the command %1"_s.arg(record.name()));
        return;
    }
    if (fields.method() != u"GET") {
        m_context->reply(message, Pugs::compactJson({{u"error"_s, u"billing is started with commands"_s}}), 405);
        return;
    }
    if (path == u"/billing") {
        m_context->reply(message, Pugs::compactJson(telemetry()), 200);
        return;
    }
    const QString id = path.mid(u"/billing/"_s.size());
    if (const std::optional<QJsonObject> billing = m_context->store().record(billingKind, id))
        m_context->reply(message, Pugs::compactJson(*billing), 200);
    else
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"no billing for "_s + id)}}), 404);
}

void BillingRole::startBilling(const BusRecord &record)
{
    const QJsonObject &body = record.body();
    const QString customer = body.value(u"customer"_s).toString();
    const double total = Pugs::numberOf(body.value(u"total"_s), -1);
    if (record.contractId().isEmpty() || customer.isEmpty() || total < 0) {
        m_ledger.rejected(record, u"VALIDATION"_s, u"billing needs a contractId, a customer and a total >= 0"_s);
        return;
    }
    EntityStore &store = m_context->store();
    std::optional<QJsonObject> billing = store.record(billingKind, record.contractId());
    const bool fresh = !billing;
    if (fresh) {
        billing = QJsonObject{{u"contractId"_s, record.contractId()},
                              {u"customer"_s, customer},
                              {u"total"_s, total},
                              {u"requestId"_s, QString::fromUtf8(record.requestId())},
                              {u"startedMs"_s, m_context->nowMs()}};
        store.putRecord(billingKind, record.contractId(), *billing);
        ++m_billed;
        m_billedTotal += total;
        m_context->emitEvent(u"billing-started"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                    {u"contractId"_s, record.contractId()},
                                                    {u"customer"_s, customer},
                                                    {u"total"_s, total}});
    }
    m_ledger.applied(record, {{u"fresh"_s, fresh}});
    m_context->send(BusRecord::event(u"/billing/events"_s, u"BILLING_STARTED"_s, record.contractId(), *billing,
                                     record.requestId(), record.name()));
}

QJsonObject BillingRole::telemetry() const
{
    return {{u"billed"_s, m_billed},
            {u"billedTotal"_s, std::round(m_billedTotal * 100.0) / 100.0},
            {u"applied"_s, m_ledger.appliedCount()},
            {u"rejected"_s, m_ledger.rejectedCount()},
            {u"duplicates"_s, m_ledger.duplicateCount()}};
}

} // namespace Portolan::Node
