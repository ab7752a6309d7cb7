#pragma once

#include "node/roles/role.h"
#include "node/runtime/link.h"
#include "node/runtime/nodeconfig.h"
#include "node/runtime/noderuntime.h"
#include "node/store/entitystore.h"
#include "wire/framecodec.h"
#include "wire/messageidgenerator.h"
#include "wire/messagekey.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Portolan::Node {

// Runs one entity role: keeps the connection to its router (failing over along the
// configured list), advertises the role's subscriptions, hands each delivered message
// to the role inside a store transaction and acks it once committed, drops duplicates
// by message id, and resends its own unsettled messages after reconnecting.
class EntityRuntime : public NodeRuntime, public LinkHandler, public RoleContext
{
    Q_OBJECT
public:
    EntityRuntime(const NodeConfig &config, std::unique_ptr<Role> role, QObject *parent = nullptr);
    ~EntityRuntime() override;

    // The runtime for an entity config, or null with *error when its role is unknown.
    static std::unique_ptr<EntityRuntime> forConfig(const NodeConfig &config, QString *error);

    bool start(QString *error) override;

    QJsonObject telemetry() const override;
    QJsonObject command(const QString &name, const QJsonObject &args, QString *error) override;

    // RoleContext
    QString nodeId() const override { return m_config.id; }
    QJsonObject params() const override { return m_config.params; }
    EntityStore &store() override { return m_store; }
    qint64 nowMs() const override;
    void subscribe(const QString &address, const QString &group, int capacity) override;
    void unsubscribe(const QString &address) override;
    QByteArray send(Wire::Envelope envelope) override;
    void reply(const Wire::Envelope &request, const QByteArray &body, int status) override;
    void setOutstanding(int outstanding) override;
    void emitEvent(const QString &kind, const QJsonObject &fields) override;
    bool eventsWanted() const override;
    // Who answers eventsWanted(): the node's control server, which knows its subscribers.
    void setEventsWanted(std::function<bool()> wanted) override { m_eventsWanted = std::move(wanted); }

protected:
    void linkEstablished(Link *link) override;
    void linkFrame(Link *link, Wire::Frame &frame) override;
    bool linkPayload(Link *link, QByteArrayView payload) override;
    void linkBatchBegin(Link *link) override;
    void linkBatchEnd(Link *link) override;
    void linkClosed(Link *link, const QString &reason) override;

private:
    void dial();
    void scheduleDial();
    void scheduleAdvert();
    void sendAdvert();
    void onMessage(const Wire::MessageFrame &frame);
    void settle(QByteArrayView messageId, Wire::AckStatus status);
    // send() for the role (sentByRole) or for the console's "send" command, which the
    // role does not account for when it settles.
    QByteArray sendMessage(Wire::Envelope envelope, bool sentByRole);
    void tick();
    void checkDrained();
    void failNode();
    void restoreNode();

    NodeConfig m_config;
    std::unique_ptr<Role> m_role;
    EntityStore m_store;
    Wire::Hello m_hello;
    QPointer<Link> m_link;
    int m_dialIndex = 0;
    int m_backoffMs = 50;
    bool m_dialScheduled = false;
    QString m_router;          // the router we are attached to, once up

    QList<Wire::ConsumerAdvert> m_subscriptions;
    int m_outstanding = 0;
    quint64 m_advertSequence = 0;
    QTimer m_advertTimer;
    QTimer m_tickTimer;

    Wire::MessageIdGenerator m_ids;

    // Our own messages not yet settled by the origin router, each kept as the bytes of
    // the frame it was sent in (a resend after a reconnect sends exactly these again)
    // with what its settlement reports, and their ids in send order. Keyed by
    // Wire::MessageKey: an ack's id is parsed once, and the look-up then hashes and
    // compares two integers.
    struct Unsettled
    {
        QByteArray frame;
        qint64 createdMs = 0;
        bool sentByRole = true;
    };
    QHash<Wire::MessageKey, Unsettled> m_unsettled;
    QList<Wire::MessageKey> m_unsettledOrder;
    // Delivered messages are decoded into the same message, one after another.
    Wire::MessageDecoder m_messages;
    // Acks of the current read batch, sent once its transaction has committed: the ids
    // one after another in one array (no allocation per ack), the rest by ack.
    struct PendingAck
    {
        qsizetype idSize = 0;
        QString originRouter;
        Wire::AckStatus status = Wire::AckStatus::Accepted;
    };
    QList<PendingAck> m_pendingAcks;
    QByteArray m_pendingAckIds;
    bool m_inBatch = false;
    // eventsWanted() asked once per read batch: subscribers cannot change in the middle
    // of one (same thread), and a role may ask for every message it handles.
    mutable int m_batchEventsWanted = -1;   // -1: not asked yet in this batch

    bool m_failed = false;
    bool m_draining = false;
    QElapsedTimer m_uptime;

    struct Counters
    {
        quint64 received = 0;
        quint64 handled = 0;
        quint64 duplicates = 0;
        quint64 expired = 0;
        quint64 sent = 0;
        quint64 settled = 0;
        quint64 refused = 0;
        quint64 resent = 0;
    } m_counters;
    bool m_handlingTraced = false;   // inside handle() of a traced message
    std::function<bool()> m_eventsWanted;
};

} // namespace Portolan::Node
