#include "node/roles/milkfactory/contractview.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;

namespace {

Q_LOGGING_CATEGORY(lcView, "portolan.node.milkfactory.contractview")

const QString viewKind = u"contract"_s;

bool isContractEvent(const QString &name)
{
    static const QStringList events{u"CREATED_DRAFT"_s, u"UPDATED_DRAFT"_s, u"OFFERED_DRAFT"_s, u"ACCEPTED_OFFER"_s,
                                    u"APPROVED_CONTRACT"_s};
    return events.contains(name);
}

} // namespace

QString ContractViewRole::name() const
{
    return u"contract-view"_s;
}

void ContractViewRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    const qint64 number = Pugs::integerOf(params.value(u"number"_s));
    if (number <= 0) {
        m_error = u"param \"number\" must be a whole number > 0"_s;
        qCWarning(lcView).noquote() << context.nodeId() << m_error;
        return;
    }
    m_base = u"/contract-view/"_s + QString::number(number);
    const QList<QJsonObject> contracts = context.store().records(viewKind);
    for (const QJsonObject &c : contracts)
        m_versions.insert(c.value(u"contractId"_s).toString(), Pugs::integerOf(c.value(u"version"_s)));
    context.subscribe(BusRecord::EventBus, params.value(u"group"_s).toString(u"contract-view"_s));
    context.subscribe(m_base);
}

void ContractViewRole::handle(const Wire::Envelope &message)
{
    if (!m_error.isEmpty())
        return;
    const Pugs::RequestFields fields(message);
    const QString &path = fields.path();
    if (path == BusRecord::EventBus) {
        const BusRecord record(message);
        if (record.kind() != BusRecord::Kind::Event || !isContractEvent(record.name()))
            return;
        const QString id = record.contractId();
        const qint64 version = Pugs::integerOf(record.body().value(u"version"_s));
        const bool applied = version > m_versions.value(id, 0);
        if (applied) {
            m_versions.insert(id, version);
            m_context->store().putRecord(viewKind, id, record.body());
            ++m_applied;
        } else {
            ++m_stale;
        }
        m_context->emitEvent(u"view-updated"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                 {u"contractId"_s, id},
                                                 {u"version"_s, version},
                                                 {u"event"_s, record.name()},
                                                 {u"applied"_s, applied}});
        return;
    }
    if (path == m_base) {
        m_context->reply(message, Pugs::compactJson(telemetry()), 200);
        return;
    }
    const QString id = path.mid(m_base.size() + 1);
    if (const std::optional<QJsonObject> contract = m_context->store().record(viewKind, id))
        m_context->reply(message, Pugs::compactJson(*contract), 200);
    else
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"this view has no contract "_s + id)}}), 404);
}

QJsonObject ContractViewRole::telemetry() const
{
    QJsonObject t{{u"contracts"_s, qint64(m_versions.size())}, {u"applied"_s, m_applied}, {u"stale"_s, m_stale}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

} // namespace Portolan::Node
