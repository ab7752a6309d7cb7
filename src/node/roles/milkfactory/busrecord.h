#pragma once

#include "wire/envelope.h"

#include <QJsonObject>
#include <QString>

namespace Portolan::Node::MilkFactory {

// A record of the Milk Factory's messaging, after the seed's Kafka records. A *command*
// says what a service must do (body attribute "command", plus a "commandId" that makes
// applying it idempotent); an *event* says what a service did (header "event", with
// "originalCommand" naming the command that caused it) and carries the updated model, so
// that the orchestrator need not read it back. An *error* is the event "ERROR" on the
// errors address, for the originator.
//
// Every record carries the request id of the user request it belongs to, on every hop,
// and the contract id as its key: on the one ordered event-bus address the records of one
// contract reach each consumer group's same member, in order.
class BusRecord
{
public:
    enum class Kind { Command, Event, Other };

    explicit BusRecord(const Wire::Envelope &envelope);

    Kind kind() const { return m_kind; }
    const QString &name() const { return m_name; }          // "CREATE_DRAFT", "CREATED_DRAFT", "ERROR"
    const QJsonObject &body() const { return m_body; }
    QString commandId() const;
    QString contractId() const;
    QString originalCommand() const { return m_originalCommand; }
    const QByteArray &requestId() const { return m_requestId; }
    int attempt() const { return m_attempt; }               // header "Attempt": retries so far (0 first time)

    // A command for address; deadlineMs is its "must be processed by" (0: none).
    static Wire::Envelope command(const QString &address, const QString &name, const QString &commandId,
                                  const QString &contractId, QJsonObject payload, const QByteArray &requestId,
                                  qint64 deadlineMs);
    // An event carrying model, caused by the command cause (its name and request id).
    static Wire::Envelope event(const QString &address, const QString &name, const QString &contractId,
                                const QJsonObject &model, const QByteArray &requestId, const QString &originalCommand);
    // The non-retryable failure of command on the errors address, back to its originator.
    static Wire::Envelope error(const QString &service, const QString &code, const QString &message,
                                const BusRecord &command);

    static inline const QString ErrorsAddress = QStringLiteral("/errors");
    static inline const QString EventBus = QStringLiteral("/event-bus");

private:
    Kind m_kind = Kind::Other;
    QString m_name;
    QJsonObject m_body;
    QString m_originalCommand;
    QByteArray m_requestId;
    QString m_key;
    int m_attempt = 0;
};

} // namespace Portolan::Node::MilkFactory
