#include "node/roles/milkfactory/partners.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;

namespace {

Q_LOGGING_CATEGORY(lcPartners, "portolan.node.milkfactory.partners")

const QString partnerKind = u"partner"_s;
const QString relationshipKind = u"relationship"_s;

} // namespace

QString PartnersRole::name() const
{
    return u"partners"_s;
}

void PartnersRole::start(RoleContext &context)
{
    m_context = &context;
    m_ledger.open(context, name());
    seedPartnersOnce();
    m_partners = context.store().records(partnerKind).size();
    m_relationships = context.store().records(relationshipKind).size();
    context.subscribe(u"/partners"_s);
}

void PartnersRole::seedPartnersOnce()
{
    // The scenario's partners are the state on day one; a restarted service keeps its own.
    EntityStore &store = m_context->store();
    if (store.record(u"meta"_s, u"partners-seeded"_s))
        return;
    const QJsonArray partners = m_context->params().value(u"partners"_s).toArray();
    for (const QJsonValue &entry : partners) {
        const QJsonObject partner = entry.toObject();
        const QString id = partner.value(u"id"_s).toString();
        if (id.isEmpty()) {
            qCWarning(lcPartners) << "skipping a partner without an id";
            continue;
        }
        store.putRecord(partnerKind, id, {{u"partnerId"_s, id},
                                          {u"name"_s, partner.value(u"name"_s).toString(id)},
                                          {u"country"_s, partner.value(u"country"_s).toString()}});
    }
    store.putRecord(u"meta"_s, u"partners-seeded"_s, {{u"seededMs"_s, m_context->nowMs()}});
}

void PartnersRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    const QString &path = fields.path();
    if (path == u"/partners/commands") {
        const BusRecord record(message);
        if (record.kind() == BusRecord::Kind::Command && record.name() == u"CREATE_PARTNER_RELATIONSHIP")
            createRelationship(record);
        else if (record.kind() == BusRecord::Kind::Command)
            m_ledger.rejected(record, u"VALIDATION"_s, u"partners does not know the command %1"_s.arg(record.name()));
        return;
    }
    if (fields.method() != u"GET") {
        m_context->reply(message, Pugs::compactJson({{u"error"_s, u"partners are written with commands"_s}}), 405);
        return;
    }
    if (path == u"/partners") {
        m_context->reply(message, Pugs::compactJson(telemetry()), 200);
        return;
    }
    const QString id = path.mid(u"/partners/"_s.size());
    if (const std::optional<QJsonObject> partner = m_context->store().record(partnerKind, id))
        m_context->reply(message, Pugs::compactJson(*partner), 200);
    else
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"no partner "_s + id)}}), 404);
}

void PartnersRole::createRelationship(const BusRecord &record)
{
    if (m_ledger.isDuplicate(record))
        return;
    const QJsonObject &body = record.body();
    const QString partnerId = body.value(u"partnerId"_s).toString();
    const QString country = body.value(u"country"_s).toString();
    const QString role = body.value(u"role"_s).toString(u"CONTRACT_HOLDER"_s);
    const std::optional<QJsonObject> partner = m_context->store().record(partnerKind, partnerId);
    if (record.contractId().isEmpty()) {
        m_ledger.rejected(record, u"VALIDATION"_s, u"a relationship needs a contractId"_s);
        return;
    }
    if (!partner) {
        m_ledger.rejected(record, u"VALIDATION"_s, u"there is no partner %1"_s.arg(partnerId));
        return;
    }
    const QString partnerCountry = partner->value(u"country"_s).toString();
    if (partnerCountry != country) {
        m_ledger.rejected(record, u"VALIDATION"_s,
                          u"partner %1 is in %2, but the draft was made for %3"_s.arg(partnerId, partnerCountry, country));
        return;
    }
    const QString key = record.contractId() + u'/' + role;
    EntityStore &store = m_context->store();
    if (!store.record(relationshipKind, key))
        ++m_relationships;
    const QJsonObject relationship{{u"contractId"_s, record.contractId()},
                                   {u"partnerId"_s, partnerId},
                                   {u"role"_s, role},
                                   {u"partner"_s, *partner}};
    store.putRecord(relationshipKind, key, relationship);
    m_ledger.applied(record);
    m_context->send(BusRecord::event(u"/partners/events"_s, u"CREATED_PARTNER_RELATIONSHIP"_s, record.contractId(),
                                     relationship, record.requestId(), record.name()));
    m_context->emitEvent(u"partner-selected"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                 {u"contractId"_s, record.contractId()},
                                                 {u"partnerId"_s, partnerId},
                                                 {u"role"_s, role}});
}

QJsonObject PartnersRole::telemetry() const
{
    return {{u"partners"_s, m_partners},
            {u"relationships"_s, m_relationships},
            {u"applied"_s, m_ledger.appliedCount()},
            {u"rejected"_s, m_ledger.rejectedCount()},
            {u"duplicates"_s, m_ledger.duplicateCount()}};
}

} // namespace Portolan::Node
