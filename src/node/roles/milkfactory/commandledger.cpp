#include "node/roles/milkfactory/commandledger.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/role.h"
#include "node/store/entitystore.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::MilkFactory {

namespace {
const QString commandKind = u"command"_s;
}

void CommandLedger::open(RoleContext &context, const QString &service)
{
    m_context = &context;
    m_service = service;
    const QList<QJsonObject> commands = context.store().records(commandKind);
    for (const QJsonObject &command : commands)
        (command.value(u"result"_s).toString() == u"applied" ? m_applied : m_rejected) += 1;
}

bool CommandLedger::isDuplicate(const BusRecord &record)
{
    if (record.commandId().isEmpty() || !m_context->store().record(commandKind, record.commandId()))
        return false;
    ++m_duplicates;
    m_context->emitEvent(u"duplicate-command"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                  {u"commandId"_s, record.commandId()},
                                                  {u"command"_s, record.name()},
                                                  {u"contractId"_s, record.contractId()}});
    return true;
}

void CommandLedger::applied(const BusRecord &record, const QJsonObject &result)
{
    QJsonObject entry = result;
    entry.insert(u"result"_s, u"applied"_s);
    entry.insert(u"command"_s, record.name());
    entry.insert(u"atMs"_s, m_context->nowMs());
    m_context->store().putRecord(commandKind, record.commandId(), entry);
    ++m_applied;
}

void CommandLedger::rejected(const BusRecord &record, const QString &code, const QString &message)
{
    if (!record.commandId().isEmpty())
        m_context->store().putRecord(commandKind, record.commandId(), {{u"result"_s, u"rejected"_s},
                                                                       {u"code"_s, code},
                                                                       {u"command"_s, record.name()},
                                                                       {u"atMs"_s, m_context->nowMs()}});
    ++m_rejected;
    m_context->emitEvent(u"command-rejected"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                 {u"commandId"_s, record.commandId()},
                                                 {u"command"_s, record.name()},
                                                 {u"contractId"_s, record.contractId()},
                                                 {u"code"_s, code},
                                                 {u"message"_s, message}});
    m_context->send(BusRecord::error(m_service, code, message, record));
}

} // namespace Portolan::Node::MilkFactory
