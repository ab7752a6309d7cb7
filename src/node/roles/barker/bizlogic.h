#pragma once

#include "node/roles/barker/directoryclient.h"
#include "node/roles/barker/forwardqueue.h"
#include "node/roles/role.h"

namespace Portolan::Node::Barker {

// Barker's business logic: takes barks from the inbox on its own instance address
// ("/barker/<service>/<node>"), checks them (a user, a text of 1..maxLength characters),
// stamps them with the instance and the time and picks out #hashtags and @mentions, and
// forwards them to an outbox instance, each in turn (round robin over the outboxes the
// directory lists). Several instances run; the inbox picks one by rank (failover), so
// this instance heartbeats the directory with its rank. A bark seen before is not
// processed twice; processed barks wait in a durable queue until an outbox has them.
//
// A bark is receipted to the inbox once an outbox has it (and the outbox's receipt, with
// receipts on, says the feed has it), so barks held by an instance that dies are sent
// again by the inbox to the instance the directory lists then.
//
// Params: service ("bizlogic"), rank (1), outbox ("outbox"), policy ("round-robin"),
// receipts (wait for the outbox's receipt, true), window (32), retryMs (250),
// heartbeatMs (250), maxLength (280).
// Events: bark-rejected (bark, user, reason).
// Telemetry: processed, rejected, and the forward queue's (received, forwarded,
// forwardedTo {outbox: n}, queueDepth, ...).
class BizlogicRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // "#word" and "@word" tokens of a text, in order, each once.
    static QStringList tokens(const QString &text, QChar marker);

private:
    bool readParams(const QJsonObject &params);

    RoleContext *m_context = nullptr;
    QString m_error;
    QString m_service;
    int m_rank = 1;
    QString m_address;
    QString m_outbox;
    Policy m_policy = Policy::RoundRobin;
    int m_window = 32;
    qint64 m_retryMs = 250;
    qint64 m_heartbeatMs = 250;
    int m_maxLength = 280;
    bool m_receipts = true;
    DirectoryClient m_directory;
    ForwardQueue m_queue;
    FishAndChips::Tally m_tally;
    bool m_draining = false;
};

} // namespace Portolan::Node::Barker
