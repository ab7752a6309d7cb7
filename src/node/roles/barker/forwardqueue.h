#pragma once

#include "node/roles/barker/directoryclient.h"
#include "node/roles/fishandchips/tally.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace Portolan::Node {
class RoleContext;
}

namespace Portolan::Node::Barker {

// A durable store-and-forward queue, the heart of Barker's manifolds and business logic:
// items are written to the entity's store when they arrive (before the sender hears
// "acked") and forwarded, oldest first and at most `window` at a time, to a fixed address
// or to an instance of a service picked from the directory (failover or round robin).
//
// An item is done when its consumer has it: acknowledged, or - with receipts - when the
// consumer says it has passed the item on. Receipts make the chain end to end: a consumer
// that dies holding items it acknowledged does not take them with it, because the sender
// still has them and, once the directory drops that instance, sends them to the instance
// picked now. A done item that came with a receipt address is receipted in turn.
//
// A refused item (nobody at that address) stays and the whole queue waits retryMs before
// sending again: the queue deepens while its consumer is away. Items are known by id: an
// item queued before is not queued again (but a sender asking again gets its receipt).
class ForwardQueue
{
public:
    struct Target
    {
        QString address;                  // a fixed address, or
        QString service;                  // a service from the directory,
        Policy policy = Policy::Failover; // picked this way
        bool receipts = false;            // done on the consumer's receipt, not its ack
    };

    // kind names the queue's records, so one entity could keep two queues.
    explicit ForwardQueue(QString kind = QStringLiteral("queue"));

    void start(RoleContext &context, DirectoryClient *directory, const Target &target, int window, qint64 retryMs);

    // Queues item under id, to be receipted to receiptTo (if any) once done. False (and
    // counted as a duplicate) when id was queued before; a done item is receipted again.
    bool push(const QString &id, const QJsonObject &item, const QString &receiptTo = {});
    // Consumes receipts for this queue; false for any other message.
    bool handle(const Wire::Envelope &message);
    void tick(qint64 nowMs);
    // True when messageId was one of ours.
    bool settled(const QByteArray &messageId, bool accepted);

    qsizetype depth() const { return m_order.size(); }   // not yet done, in flight included
    qsizetype inFlight() const { return m_inFlight.size(); }
    QString receiptAddress() const { return m_receipts; }
    // received, forwarded, duplicates, refusals, resent, failovers, forwardedTo {instance: n},
    // queueDepth, inFlight, target.
    QJsonObject telemetry() const;

private:
    struct Sending
    {
        QString id;
        QString instance;        // empty for a fixed address
        bool acknowledged = false;   // acked, waiting for the receipt
    };

    void send(const QString &id, qint64 nowMs);
    void complete(const QString &id, const QString &instance);
    void sendReceipt(const QString &id, const QString &receiptTo);
    void abandonGoneInstances();
    std::optional<ServiceInstance> choose();

    QString m_kind;
    RoleContext *m_context = nullptr;
    DirectoryClient *m_directory = nullptr;
    Target m_target;
    int m_window = 32;
    qint64 m_retryMs = 250;
    QString m_receipts;                      // where our consumers send receipts

    FishAndChips::Tally m_tally;
    QList<QString> m_order;                  // ids not done, oldest first
    QHash<QString, QJsonObject> m_items;
    QHash<QByteArray, Sending> m_inFlight;   // message id -> item
    QHash<QString, QByteArray> m_sending;    // id -> its message in flight
    QHash<QString, int> m_attempts;          // id -> sends so far (this process)
    qint64 m_pausedUntilMs = 0;
    QString m_lastTarget;
};

} // namespace Portolan::Node::Barker
