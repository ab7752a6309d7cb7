#include "node/roles/milkfactory/busrecord.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::MilkFactory {

BusRecord::BusRecord(const Wire::Envelope &envelope)
    : m_requestId(envelope.requestId.isEmpty() ? envelope.id : envelope.requestId)
    , m_key(envelope.key)
{
    const QJsonDocument document = QJsonDocument::fromJson(envelope.body);
    if (document.isObject())
        m_body = document.object();
    m_attempt = qMax(0, envelope.header(u"Attempt").toInt());
    m_originalCommand = envelope.header(u"originalCommand");
    const QString event = envelope.header(u"event");
    if (!event.isEmpty()) {
        m_kind = Kind::Event;
        m_name = event;
    } else if (m_body.value(u"command"_s).isString()) {
        m_kind = Kind::Command;
        m_name = m_body.value(u"command"_s).toString();
    }
}

QString BusRecord::commandId() const
{
    return m_body.value(u"commandId"_s).toString();
}

QString BusRecord::contractId() const
{
    const QString id = m_body.value(u"contractId"_s).toString();
    return id.isEmpty() ? m_key : id;
}

Wire::Envelope BusRecord::command(const QString &address, const QString &name, const QString &commandId,
                                  const QString &contractId, QJsonObject payload, const QByteArray &requestId,
                                  qint64 deadlineMs)
{
    payload.insert(u"command"_s, name);
    payload.insert(u"commandId"_s, commandId);
    payload.insert(u"contractId"_s, contractId);
    Wire::Envelope envelope;
    envelope.address = address;
    envelope.requestId = requestId;
    envelope.key = contractId;
    envelope.deadlineMs = deadlineMs;
    envelope.setHeader(u"Method"_s, u"POST"_s);
    envelope.body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    return envelope;
}

Wire::Envelope BusRecord::event(const QString &address, const QString &name, const QString &contractId,
                                const QJsonObject &model, const QByteArray &requestId, const QString &originalCommand)
{
    Wire::Envelope envelope;
    envelope.address = address;
    envelope.requestId = requestId;
    envelope.key = contractId;
    envelope.setHeader(u"event"_s, name);
    if (!originalCommand.isEmpty())
        envelope.setHeader(u"originalCommand"_s, originalCommand);
    envelope.setHeader(u"Method"_s, u"POST"_s);
    envelope.body = QJsonDocument(model).toJson(QJsonDocument::Compact);
    return envelope;
}

Wire::Envelope BusRecord::error(const QString &service, const QString &code, const QString &message,
                                const BusRecord &command)
{
    const QJsonObject body{{u"code"_s, code},
                           {u"message"_s, message},
                           {u"retryable"_s, false},
                           {u"service"_s, service},
                           {u"originalCommand"_s, command.name()},
                           {u"commandId"_s, command.commandId()},
                           {u"contractId"_s, command.contractId()}};
    return event(ErrorsAddress, u"ERROR"_s, command.contractId(), body, command.requestId(), command.name());
}

} // namespace Portolan::Node::MilkFactory
