#include "node/roles/milkfactory/cases.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;

namespace {

const QString caseKind = u"case"_s;
const QString eventsAddress = u"/cases/events"_s;

} // namespace

QString CasesRole::name() const
{
    return u"cases"_s;
}

void CasesRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_humanMs = qMax(qint64(0), Pugs::integerOf(params.value(u"humanMs"_s), 1500));
    m_decision = params.value(u"decision"_s).toString(u"APPROVED"_s);
    m_ledger.open(context, name());
    const QList<QJsonObject> cases = context.store().records(caseKind);
    m_cases = cases.size();
    for (const QJsonObject &kase : cases) {
        if (kase.value(u"state"_s).toString() == u"OPEN")
            m_open.insert(kase.value(u"caseId"_s).toString(), kase);
        else
            ++m_decided;
    }
    context.subscribe(u"/cases"_s);
}

void CasesRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    const QString &path = fields.path();
    if (path == u"/cases/commands") {
        const BusRecord record(message);
        if (record.kind() != BusRecord::Kind::Command)
            return;
        if (m_ledger.isDuplicate(record))
            return;
        if (record.name() == u"CREATE_CASE")
            createCase(record);
        else if (record.name() == u"UPDATE_TASK")
            updateTask(record);
        else
            m_ledger.rejected(record, u"VALIDATION"_s, u"cases does not know the command %1"_s.arg(record.name()));
        return;
    }
    if (fields.method() != u"GET") {
        m_context->reply(message, Pugs::compactJson({{u"error"_s, u"cases are written with commands"_s}}), 405);
        return;
    }
    if (path == u"/cases") {
        m_context->reply(message, Pugs::compactJson(telemetry()), 200);
        return;
    }
    const QString id = path.mid(u"/cases/"_s.size());
    if (const std::optional<QJsonObject> kase = m_context->store().record(caseKind, id))
        m_context->reply(message, Pugs::compactJson(*kase), 200);
    else
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"no case "_s + id)}}), 404);
}

void CasesRole::createCase(const BusRecord &record)
{
    const QJsonObject &body = record.body();
    const QString caseId = body.value(u"caseId"_s).toString(record.contractId());
    if (caseId.isEmpty()) {
        m_ledger.rejected(record, u"VALIDATION"_s, u"a case needs a caseId"_s);
        return;
    }
    EntityStore &store = m_context->store();
    if (const std::optional<QJsonObject> known = store.record(caseKind, caseId)) {
        // Opened before (by another command): updating, not inserting, means telling again.
        m_ledger.applied(record, {{u"caseId"_s, caseId}, {u"existing"_s, true}});
        publish(*known, record.name());
        return;
    }
    const qint64 now = m_context->nowMs();
    QJsonObject kase{{u"caseId"_s, caseId},
                     {u"contractId"_s, record.contractId()},
                     {u"kind"_s, body.value(u"kind"_s).toString(u"APPROVAL"_s)},
                     {u"state"_s, u"OPEN"_s},
                     {u"task"_s, QJsonObject{{u"name"_s, body.value(u"task"_s).toString()}, {u"state"_s, u"OPEN"_s}}},
                     {u"requestId"_s, QString::fromUtf8(record.requestId())},
                     {u"createdMs"_s, now}};
    if (m_humanMs > 0)
        kase.insert(u"dueMs"_s, now + m_humanMs);
    store.putRecord(caseKind, caseId, kase);
    m_open.insert(caseId, kase);
    ++m_cases;
    m_ledger.applied(record, {{u"caseId"_s, caseId}});
    publish(kase, record.name());
}

void CasesRole::updateTask(const BusRecord &record)
{
    const QString caseId = record.body().value(u"caseId"_s).toString(record.contractId());
    const auto open = m_open.constFind(caseId);
    if (open == m_open.cend()) {
        const bool exists = m_context->store().record(caseKind, caseId).has_value();
        m_ledger.rejected(record, exists ? u"ILLEGAL_STATE"_s : u"NOT_FOUND"_s,
                          exists ? u"case %1 is already decided"_s.arg(caseId) : u"no case %1"_s.arg(caseId));
        return;
    }
    m_ledger.applied(record, {{u"caseId"_s, caseId}});
    decide(*open, record.body().value(u"decision"_s).toString(u"APPROVED"_s), u"task update"_s);
}

void CasesRole::tick(qint64 nowMs)
{
    QList<QJsonObject> due;
    for (const QJsonObject &kase : std::as_const(m_open)) {
        if (kase.contains(u"dueMs"_s) && Pugs::integerOf(kase.value(u"dueMs"_s)) <= nowMs)
            due.append(kase);
    }
    for (const QJsonObject &kase : std::as_const(due))
        decide(kase, m_decision, u"human"_s);
}

void CasesRole::decide(QJsonObject kase, const QString &decision, const QString &by)
{
    const QString caseId = kase.value(u"caseId"_s).toString();
    QJsonObject task = kase.value(u"task"_s).toObject();
    task.insert(u"state"_s, u"DONE"_s);
    task.insert(u"decision"_s, decision);
    kase.insert(u"task"_s, task);
    kase.insert(u"state"_s, u"DONE"_s);
    kase.insert(u"decision"_s, decision);
    kase.insert(u"decidedMs"_s, m_context->nowMs());
    kase.insert(u"decidedBy"_s, by);
    kase.remove(u"dueMs"_s);
    m_context->store().putRecord(caseKind, caseId, kase);
    m_open.remove(caseId);
    ++m_decided;
    publish(kase, u"UPDATE_TASK"_s);
}

void CasesRole::publish(const QJsonObject &kase, const QString &originalCommand)
{
    const QByteArray requestId = kase.value(u"requestId"_s).toString().toUtf8();
    m_context->send(BusRecord::event(eventsAddress, u"CHANGED_CASE"_s, kase.value(u"contractId"_s).toString(), kase,
                                     requestId, originalCommand));
    m_context->emitEvent(u"case-changed"_s, {{u"requestId"_s, QString::fromUtf8(requestId)},
                                             {u"caseId"_s, kase.value(u"caseId"_s)},
                                             {u"state"_s, kase.value(u"state"_s)},
                                             {u"decision"_s, kase.value(u"decision"_s)}});
}

QJsonObject CasesRole::telemetry() const
{
    return {{u"cases"_s, m_cases},
            {u"open"_s, qint64(m_open.size())},
            {u"decided"_s, m_decided},
            {u"applied"_s, m_ledger.appliedCount()},
            {u"rejected"_s, m_ledger.rejectedCount()},
            {u"duplicates"_s, m_ledger.duplicateCount()}};
}

} // namespace Portolan::Node
