#pragma once

#include "wire/envelope.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Portolan::Node {
class RoleContext;
}

namespace Portolan::Node::FactoryEdge {

// Messages a role must get through: each is sent acked and kept, in the entity's own
// store, until a consumer accepted it. A refusal (no consumer reachable, as while a
// site's edge router restarts, or given up by the origin router) puts the message back
// in line for another try after retryMs, under the same message id, so that a consumer
// which did get it after all drops the repeat. A restarted entity sends again whatever
// was still pending. Messages whose loss does not matter are sent without an outbox.
class Outbox
{
public:
    explicit Outbox(QString recordKind = QStringLiteral("outbox"));

    // Restores the pending messages from the store and sends them again.
    void start(RoleContext &context, qint64 retryMs);

    // Sends the message and keeps it until accepted; purpose is the role's own label
    // ("report", "handoff", ...). An empty id is filled in. Returns the message id.
    QByteArray send(Wire::Envelope envelope, const QString &purpose);

    struct Settlement
    {
        QString purpose;
        Wire::Envelope envelope;
        bool delivered = false;   // false: refused, and tried again after retryMs
    };
    // For the role's settled(): nullopt when the message is not one of ours.
    std::optional<Settlement> settled(const QByteArray &messageId, bool accepted);

    // Sends again the refused messages whose retry time has come.
    void tick(qint64 nowMs);

    qsizetype pending() const { return m_entries.size(); }   // not yet accepted
    qsizetype waiting() const;                                // refused, waiting to be tried again
    qint64 retries() const { return m_retries; }              // tries after a refusal, since start
    bool contains(const QByteArray &messageId) const { return m_entries.contains(messageId); }

private:
    struct Entry
    {
        Wire::Envelope envelope;
        QString purpose;
        qint64 retryAtMs = 0;   // 0: in flight
    };

    void transmit(const Entry &entry);

    QString m_recordKind;
    RoleContext *m_context = nullptr;
    qint64 m_retryMs = 500;
    QHash<QByteArray, Entry> m_entries;
    QList<QByteArray> m_order;   // send order, so retries keep it
    qint64 m_retries = 0;
};

} // namespace Portolan::Node::FactoryEdge
