#pragma once

#include <QJsonObject>
#include <QString>

namespace Portolan::Node {
class RoleContext;
}

namespace Portolan::Node::MilkFactory {

class BusRecord;

// The commands a Milk Factory service has applied or refused, by commandId, in the
// service's own store: what makes its writes idempotent. A command seen before is a
// duplicate: it changes nothing, publishes nothing and is only reported (event
// "duplicate-command"). A refusal is recorded too, so that a duplicate of a refused
// command does not send its error twice; the error goes to the errors address for the
// originator (event "command-rejected").
class CommandLedger
{
public:
    // Reads the counts back from the store; call from the role's start().
    void open(RoleContext &context, const QString &service);

    // True when record's command was applied or refused before; reports the duplicate.
    bool isDuplicate(const BusRecord &record);
    void applied(const BusRecord &record, const QJsonObject &result = {});
    void rejected(const BusRecord &record, const QString &code, const QString &message);

    qint64 appliedCount() const { return m_applied; }
    qint64 rejectedCount() const { return m_rejected; }
    qint64 duplicateCount() const { return m_duplicates; }   // since this process started

private:
    RoleContext *m_context = nullptr;
    QString m_service;
    qint64 m_applied = 0;
    qint64 m_rejected = 0;
    qint64 m_duplicates = 0;
};

} // namespace Portolan::Node::MilkFactory
