#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace Portolan::Node {

// An entity's own SQLite database (QtSql): inventory, holds, durable backlog, generic
// records, and the ids of messages already handled. Every write is idempotent, keyed by
// a request or message id, so a resent message changes nothing the second time. WAL
// journal: a process killed with SIGKILL keeps every committed transaction.
//
// Dedup history and completed work items are kept for a retention window (newest
// rows by count, and anything younger than an age), then pruned in small chunks at
// commit time, so the tables do not grow with uptime.
//
// One instance is the only writer of its file (counters such as backlogSize() are kept
// in memory); other instances may open the same file to read. Not thread-safe: use an
// instance from the thread that opened it. Every method works with or without begin().
class EntityStore
{
public:
    EntityStore();
    ~EntityStore();
    EntityStore(const EntityStore &) = delete;
    EntityStore &operator=(const EntityStore &) = delete;

    // path ":memory:" gives a private in-memory database (tests).
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;
    QString lastError() const;

    // Batching: the runtime wraps a batch of deliveries in one transaction. Nested calls
    // are counted; only the outermost commit writes. When a write inside the batch failed,
    // or the commit itself did, the whole batch is rolled back and commit() returns false
    // (lastError() says why): nothing of it may be acknowledged. What the batch left for
    // its commit (seen ids, done-on-arrival rows) is written inside its transaction.
    // close() inside a batch rolls it back, as a crash would.
    void begin();
    bool commit();
    bool inTransaction() const;

    // Delivered message ids (dedup), remembered in memory and on disk. The memory cache
    // keeps between limit/2 and limit of the newest ids; older ones are looked up on disk,
    // but a new generated id is known new without a disk look-up (see SeenIdCache).
    // Inside a batch the id is written at commit, unless a work item with the same id is
    // enqueued (or recorded completed) later in the batch: that backlog row is then the
    // id's dedup record, one row instead of two. seenCount() counts the ids remembered
    // on disk (pruning lowers it).
    bool hasSeen(const QByteArray &messageId) const;
    void markSeen(const QByteArray &messageId);
    // hasSeen() and markSeen() in one look-up, for a consumer taking a delivery: false
    // for an id already seen (nothing written), else marks it and returns true.
    bool markSeenIfNew(const QByteArray &messageId);
    qsizetype seenCount() const;
    // Two generations of up to 131,072 ids: at 200,000 msg/s the newest 0.65 s or more,
    // well beyond what a failover resends, in a few MB instead of tens (the look-up of
    // every delivery then misses the CPU caches less). A generated id older than memory
    // is looked up on disk only when it is a genuine old resend (see SeenIdCache).
    static constexpr qsizetype DefaultSeenCacheLimit = 262'144;
    void setSeenCacheLimit(qsizetype limit);

    // Inventory. adjustInventory applies delta once per requestId (a repeat returns the
    // first outcome, refusals included) and refuses to go below zero: an atomic
    // check-and-take. An empty requestId applies the delta without remembering it.
    qint64 inventory(const QString &item) const;
    QHash<QString, qint64> inventoryAll() const;
    void setInventory(const QString &item, qint64 quantity);
    bool adjustInventory(const QString &item, qint64 delta, const QByteArray &requestId);

    // Holds: one item put aside for a customer; takes it from inventory. Idempotent by
    // requestId; false when the item is out of stock.
    struct Hold
    {
        QByteArray requestId;
        QString item;
        QString customer;
        qint64 createdMs = 0;
    };
    bool hold(const QByteArray &requestId, const QString &item, const QString &customer, qint64 nowMs);
    std::optional<Hold> findHold(const QByteArray &requestId) const;
    QList<Hold> holds() const;

    // Durable FIFO backlog of work items. enqueue is idempotent by id, completed items
    // included (they stay on disk, flagged), so a late resend is not done twice.
    struct WorkItem
    {
        QByteArray id;
        QByteArray payload;
        qint64 enqueuedMs = 0;
    };
    bool enqueue(const QByteArray &id, const QByteArray &payload, qint64 nowMs);  // false if already known
    // An item done the moment it arrives (zero service time, nothing queued before it):
    // recorded completed at once, with no payload. Idempotent by id like enqueue; false
    // if the id is already known. Inside a batch, the item of the delivery just marked
    // new (markSeenIfNew) is counted at once but written with the batch's others at the
    // commit, many rows per statement (or earlier, before anything could read it): a
    // failure to write it fails the commit like any write of the batch.
    bool recordCompleted(const QByteArray &id, qint64 nowMs);
    std::optional<WorkItem> nextWork() const;   // oldest not completed
    void complete(const QByteArray &id);
    qsizetype backlogSize() const;
    qint64 completedCount() const;   // every item ever completed, pruned ones included

    // Retention of seen ids and completed work items: rows beyond the newest `rows` that
    // are also older than minAgeMs are pruned. The age keeps every id a sender may still
    // resend (retransmission, failover) however fast messages come; the count keeps a
    // quiet entity's recent history however old it is.
    static constexpr qsizetype DefaultRetainRows = 100'000;
    static constexpr qint64 DefaultRetainMinAgeMs = 10 * 60 * 1000;
    void setRetention(qsizetype rows, qint64 minAgeMs);

    // Generic documents for roles' own state: (kind, id) -> JSON object, upserted. An
    // update keeps the record's place in the order; remove + put moves it to the end.
    void putRecord(const QString &kind, const QString &id, const QJsonObject &record);
    std::optional<QJsonObject> record(const QString &kind, const QString &id) const;
    QList<QJsonObject> records(const QString &kind) const;   // in insertion order
    void removeRecord(const QString &kind, const QString &id);

    QSqlDatabase database() const;

private:
    bool insertWork(const QByteArray &id, const QByteArray &payload, qint64 nowMs, bool completed);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Portolan::Node
