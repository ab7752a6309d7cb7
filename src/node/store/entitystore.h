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
    // are counted; only the outermost commit writes.
    void begin();
    bool commit();

    // Delivered message ids (dedup), remembered in memory and on disk.
    bool hasSeen(const QByteArray &messageId) const;
    void markSeen(const QByteArray &messageId);
    qsizetype seenCount() const;

    // Inventory. adjustInventory applies delta once per requestId (a repeat returns the
    // first outcome) and refuses to go below zero: an atomic check-and-take.
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

    // Durable FIFO backlog of work items. enqueue is idempotent by id.
    struct WorkItem
    {
        QByteArray id;
        QByteArray payload;
        qint64 enqueuedMs = 0;
    };
    bool enqueue(const QByteArray &id, const QByteArray &payload, qint64 nowMs);  // false if already known
    std::optional<WorkItem> nextWork() const;   // oldest not completed
    void complete(const QByteArray &id);
    qsizetype backlogSize() const;
    qint64 completedCount() const;

    // Generic documents for roles' own state: (kind, id) -> JSON object, upserted.
    void putRecord(const QString &kind, const QString &id, const QJsonObject &record);
    std::optional<QJsonObject> record(const QString &kind, const QString &id) const;
    QList<QJsonObject> records(const QString &kind) const;   // in insertion order
    void removeRecord(const QString &kind, const QString &id);

    QSqlDatabase database() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Portolan::Node
