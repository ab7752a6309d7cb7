#include "node/store/entitystore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::EntityStore;

namespace {

// Set in the environment of the copy of this executable that the crash test starts:
// the path of the database the child writes before it kills itself.
constexpr auto CrashChildVariable = "PORTOLAN_TST_ENTITYSTORE_CRASH_CHILD";

QString pragmaText(const EntityStore &store, const QString &pragma)
{
    QSqlQuery query(store.database());
    if (!query.exec(u"PRAGMA "_s + pragma) || !query.next())
        return {};
    return query.value(0).toString();
}

QStringList tableNames(const EntityStore &store)
{
    QStringList names;
    QSqlQuery query(store.database());
    if (!query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s))
        return names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

qint64 rowCount(const EntityStore &store, const QString &table, const QString &where = {})
{
    QSqlQuery query(store.database());
    const QString sql = u"SELECT COUNT(*) FROM "_s + table + (where.isEmpty() ? QString() : u" WHERE "_s + where);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<QByteArray> holdIds(const EntityStore &store)
{
    QList<QByteArray> ids;
    const QList<EntityStore::Hold> all = store.holds();
    for (const EntityStore::Hold &h : all)
        ids.append(h.requestId);
    return ids;
}

// A generated message id (16 hex digits of sender prefix, 16 of counter), as deliveries carry.
QByteArray deliveryId(int counter)
{
    return QByteArray("00000000000000a1") + QByteArray::number(counter, 16).rightJustified(16, '0');
}

// What the runtime does for a delivery the worker completes on arrival.
bool deliverDone(EntityStore &store, const QByteArray &id, qint64 nowMs)
{
    return store.markSeenIfNew(id) && store.recordCompleted(id, nowMs);
}

QStringList recordNames(const EntityStore &store, const QString &kind)
{
    QStringList names;
    const QList<QJsonObject> all = store.records(kind);
    for (const QJsonObject &r : all)
        names.append(r.value("name"_L1).toString());
    return names;
}

// What the crash child commits (must survive) and leaves uncommitted (must vanish).
int runCrashChild(const QString &path)
{
    EntityStore store;
    QString error;
    if (!store.open(path, &error))
        return 3;
    store.begin();
    store.setInventory(u"cutlass"_s, 7);
    store.enqueue("w1", "first", 10);
    store.enqueue("w2", "second", 20);
    store.markSeen("m1");
    store.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});
    if (!store.hold("h1", u"cutlass"_s, u"alice"_s, 30))
        return 4;
    if (!store.commit())
        return 5;
    store.complete("w1");   // autocommit, outside any batch

    store.begin();
    store.setInventory(u"cutlass"_s, 0);
    store.enqueue("w3", "never", 40);
    store.markSeen("m2");
    store.putRecord(u"order"_s, u"o2"_s, {{"name"_L1, u"o2"_s}});
#ifdef Q_OS_UNIX
    ::raise(SIGKILL);
#endif
    return 6;
}

} // namespace

class TstEntityStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openCreatesSchema_data();
    void openCreatesSchema();
    void openRefusesNewerSchema();
    void openReportsUnusablePath();
    void closedStoreRefusesWrites();

    void seenIds_data();
    void seenIds();
    void seenCacheReloadedOnOpen_data();
    void seenCacheReloadedOnOpen();
    void markSeenIfNew_data();
    void markSeenIfNew();

    void inventorySetAndRead();
    void adjustInventory_data();
    void adjustInventory();
    void adjustInventoryIsIdempotent();
    void adjustInventoryWithoutRequestIdRepeats();

    void holdTakesOneItem();
    void holdIsIdempotent();
    void holdRefusedWhenOutOfStock();
    void holdsKeepInsertionOrder();

    void backlogIsFifo();
    void backlogEnqueueIsIdempotent();
    void recordCompletedSkipsTheQueue();
    void workItemIsTheDedupRecord_data();
    void workItemIsTheDedupRecord();
    void doneOnArrivalRowsWrittenAtCommit_data();
    void doneOnArrivalRowsWrittenAtCommit();
    void doneOnArrivalIsIdempotent();
    void doneOnArrivalRolledBack_data();
    void doneOnArrivalRolledBack();
    void doneOnArrivalOfAQueuedIdIsRefused();
    void retentionPrunesOldestRows_data();
    void retentionPrunesOldestRows();
    void retentionKeepsYoungRows();
    void schemaVersion1IsMigrated();

    void recordsUpsertKeepsOrder();
    void recordsRemove();

    void persistenceAcrossReopen();
    void nestedCommitWritesOnce();
    void commitWithoutBeginFails();
    void failedWriteRollsBackBatch();
    void seenIdsOfABatchAreOneTransaction();
    void failedDeliveryWriteRollsBackBatch_data();
    void failedDeliveryWriteRollsBackBatch();
    void emptyPayloadIsKept();
    void secondInstanceSeesOnlyCommitted();
    void closeInsideTransactionRollsBack();
    void killedProcessKeepsCommitted();

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(u"store-%1.db"_s.arg(++m_files)); }
};

void TstEntityStore::openCreatesSchema_data()
{
    QTest::addColumn<bool>("onDisk");
    QTest::addColumn<QString>("journal");
    QTest::newRow("in memory") << false << u"memory"_s;
    QTest::newRow("file") << true << u"wal"_s;
}

// Opening creates every table, stamps the schema version and puts a file in WAL mode.
void TstEntityStore::openCreatesSchema()
{
    QFETCH(bool, onDisk);
    QFETCH(QString, journal);
    EntityStore store;
    QString error;
    QVERIFY2(store.open(onDisk ? newPath() : u":memory:"_s, &error), qPrintable(error));
    QVERIFY(store.isOpen());
    QCOMPARE(pragmaText(store, u"user_version"_s), u"2"_s);
    QCOMPARE(pragmaText(store, u"journal_mode"_s), journal);
    QCOMPARE(pragmaText(store, u"synchronous"_s), u"1"_s);   // NORMAL
    const QStringList tables = tableNames(store);
    for (const QString &table : {u"adjustments"_s, u"backlog"_s, u"holds"_s, u"inventory"_s,
                                 u"meta"_s, u"records"_s, u"seen"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));
    store.close();
    QVERIFY(!store.isOpen());
}

// A file written by a newer schema is refused instead of being misread.
void TstEntityStore::openRefusesNewerSchema()
{
    const QString path = newPath();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-newer"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version = 99"_s));
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst-newer"_s);

    EntityStore store;
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"schema version 99"_s));
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains("schema version 99"_L1), qPrintable(error));
    QCOMPARE(store.lastError(), error);
    QVERIFY(!store.isOpen());
}

// A path that cannot be created fails open() with a reason instead of a half-open store.
void TstEntityStore::openReportsUnusablePath()
{
    EntityStore store;
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"open .*no-such-dir"_s));
    QVERIFY(!store.open(m_dir.filePath(u"no-such-dir/store.db"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.isOpen());
}

// Writes to a store that is not open do nothing and say why.
void TstEntityStore::closedStoreRefusesWrites()
{
    EntityStore store;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"enqueue\\(\\) on a closed store"_s));
    QVERIFY(!store.enqueue("w", "p", 1));
    QVERIFY(store.lastError().contains("closed store"_L1));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"hold\\(\\) on a closed store"_s));
    QVERIFY(!store.hold("r", u"x"_s, u"c"_s, 1));
    QCOMPARE(store.backlogSize(), 0);
    QVERIFY(!store.nextWork());
    QCOMPARE(store.inventory(u"x"_s), 0);
}

void TstEntityStore::seenIds_data()
{
    QTest::addColumn<qsizetype>("cacheLimit");
    QTest::newRow("all in memory") << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("older ids evicted to disk") << qsizetype(8);
    QTest::newRow("smallest cache") << qsizetype(2);
}

// Every marked id stays seen, whether the answer comes from memory or from disk, and
// marking an id twice counts it once.
void TstEntityStore::seenIds()
{
    QFETCH(qsizetype, cacheLimit);
    EntityStore store;
    store.setSeenCacheLimit(cacheLimit);
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(!store.hasSeen("m0"));
    for (int i = 0; i < 50; ++i)
        store.markSeen("m" + QByteArray::number(i));
    store.markSeen("m3");
    store.markSeen("m49");
    QCOMPARE(store.seenCount(), 50);
    for (int i = 0; i < 50; ++i)
        QVERIFY2(store.hasSeen("m" + QByteArray::number(i)), qPrintable(QString::number(i)));
    QVERIFY(!store.hasSeen("m50"));
    QVERIFY(!store.hasSeen(QByteArray()));
}

void TstEntityStore::seenCacheReloadedOnOpen_data()
{
    QTest::addColumn<qsizetype>("cacheLimit");
    QTest::newRow("everything reloaded") << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("newest reloaded, rest on disk") << qsizetype(4);
}

// Seen ids survive a reopen, with a cache large enough for all of them or not.
void TstEntityStore::seenCacheReloadedOnOpen()
{
    QFETCH(qsizetype, cacheLimit);
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        for (int i = 0; i < 10; ++i)
            store.markSeen("id-" + QByteArray::number(i));
    }
    EntityStore store;
    store.setSeenCacheLimit(cacheLimit);
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.seenCount(), 10);
    for (int i = 0; i < 10; ++i)
        QVERIFY(store.hasSeen("id-" + QByteArray::number(i)));
    QVERIFY(!store.hasSeen("id-10"));
    store.markSeen("id-0");
    QCOMPARE(store.seenCount(), 10);
}

void TstEntityStore::markSeenIfNew_data()
{
    QTest::addColumn<qsizetype>("cacheLimit");
    QTest::addColumn<bool>("batched");
    QTest::addColumn<bool>("generatedIds");
    QTest::newRow("generated ids, batch") << EntityStore::DefaultSeenCacheLimit << true << true;
    QTest::newRow("generated ids, no batch") << EntityStore::DefaultSeenCacheLimit << false << true;
    QTest::newRow("generated ids, evicted to disk") << qsizetype(4) << true << true;
    QTest::newRow("other ids, batch") << EntityStore::DefaultSeenCacheLimit << true << false;
    QTest::newRow("other ids, evicted to disk") << qsizetype(2) << false << false;
}

// markSeenIfNew answers true exactly once per id, from memory or from disk, and the ids
// it accepted are seen after a reopen; generated (hex) ids and other ids alike, with an
// upper-case variant of a generated id kept apart from it.
void TstEntityStore::markSeenIfNew()
{
    QFETCH(qsizetype, cacheLimit);
    QFETCH(bool, batched);
    QFETCH(bool, generatedIds);
    const auto idOf = [generatedIds](int i) -> QByteArray {
        if (generatedIds)
            return QByteArray("0123456789abcdef") + QByteArray::number(i, 16).rightJustified(16, '0');
        return "other-" + QByteArray::number(i);
    };
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        store.setSeenCacheLimit(cacheLimit);
        QVERIFY2(store.open(path, &error), qPrintable(error));
        if (batched)
            store.begin();
        for (int i = 0; i < 20; ++i)
            QVERIFY2(store.markSeenIfNew(idOf(i)), qPrintable(QString::number(i)));
        for (int i = 0; i < 20; ++i)
            QVERIFY2(!store.markSeenIfNew(idOf(i)), qPrintable(QString::number(i)));
        if (batched)
            QVERIFY(store.commit());
        QCOMPARE(store.seenCount(), 20);
        QVERIFY(!store.hasSeen(idOf(20)));
        if (generatedIds)
            QVERIFY(!store.hasSeen(idOf(3).toUpper()));
    }
    EntityStore store;
    store.setSeenCacheLimit(cacheLimit);
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.seenCount(), 20);
    for (int i = 0; i < 20; ++i)
        QVERIFY2(!store.markSeenIfNew(idOf(i)), qPrintable(QString::number(i)));
    QVERIFY(store.markSeenIfNew(idOf(20)));
    QCOMPARE(store.seenCount(), 21);
}

// setInventory overwrites, an unknown item reads 0, inventoryAll lists every item.
void TstEntityStore::inventorySetAndRead()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QCOMPARE(store.inventory(u"cutlass"_s), 0);
    store.setInventory(u"cutlass"_s, 4);
    store.setInventory(u"plaice"_s, 9);
    store.setInventory(u"cutlass"_s, 2);
    QCOMPARE(store.inventory(u"cutlass"_s), 2);
    const QHash<QString, qint64> expected{{u"cutlass"_s, 2}, {u"plaice"_s, 9}};
    QCOMPARE(store.inventoryAll(), expected);
}

void TstEntityStore::adjustInventory_data()
{
    QTest::addColumn<qint64>("initial");   // -1: item absent
    QTest::addColumn<qint64>("delta");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<qint64>("after");
    QTest::newRow("add to absent item") << qint64(-1) << qint64(5) << true << qint64(5);
    QTest::newRow("add to stock") << qint64(3) << qint64(2) << true << qint64(5);
    QTest::newRow("take within stock") << qint64(3) << qint64(-2) << true << qint64(1);
    QTest::newRow("take all") << qint64(3) << qint64(-3) << true << qint64(0);
    QTest::newRow("take beyond stock") << qint64(3) << qint64(-4) << false << qint64(3);
    QTest::newRow("take from absent item") << qint64(-1) << qint64(-1) << false << qint64(0);
    QTest::newRow("zero delta") << qint64(3) << qint64(0) << true << qint64(3);
}

// adjustInventory is a check-and-take: it never leaves an item below zero.
void TstEntityStore::adjustInventory()
{
    QFETCH(qint64, initial);
    QFETCH(qint64, delta);
    QFETCH(bool, accepted);
    QFETCH(qint64, after);
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    if (initial >= 0)
        store.setInventory(u"cutlass"_s, initial);
    QCOMPARE(store.adjustInventory(u"cutlass"_s, delta, "req-1"), accepted);
    QCOMPARE(store.inventory(u"cutlass"_s), after);
    QVERIFY(!store.inTransaction());
}

// The same request id changes the inventory once and always gets the first outcome,
// a refusal included, even when stock arrived in between.
void TstEntityStore::adjustInventoryIsIdempotent()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.setInventory(u"cutlass"_s, 3);
    QVERIFY(store.adjustInventory(u"cutlass"_s, -2, "r1"));
    QVERIFY(store.adjustInventory(u"cutlass"_s, -2, "r1"));
    QCOMPARE(store.inventory(u"cutlass"_s), 1);

    QVERIFY(!store.adjustInventory(u"cutlass"_s, -2, "r2"));
    store.setInventory(u"cutlass"_s, 10);
    QVERIFY(!store.adjustInventory(u"cutlass"_s, -2, "r2"));
    QCOMPARE(store.inventory(u"cutlass"_s), 10);

    QVERIFY(store.adjustInventory(u"cutlass"_s, -2, "r3"));
    QCOMPARE(store.inventory(u"cutlass"_s), 8);
}

// Without a request id nothing is remembered: every call applies.
void TstEntityStore::adjustInventoryWithoutRequestIdRepeats()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(store.adjustInventory(u"plaice"_s, 2, {}));
    QVERIFY(store.adjustInventory(u"plaice"_s, 2, {}));
    QCOMPARE(store.inventory(u"plaice"_s), 4);
}

// A hold puts one item aside: inventory drops by one and the hold is recorded.
void TstEntityStore::holdTakesOneItem()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.setInventory(u"cutlass"_s, 2);
    QVERIFY(store.hold("h1", u"cutlass"_s, u"alice"_s, 1234));
    QCOMPARE(store.inventory(u"cutlass"_s), 1);
    const std::optional<EntityStore::Hold> hold = store.findHold("h1");
    QVERIFY(hold);
    QCOMPARE(hold->requestId, QByteArray("h1"));
    QCOMPARE(hold->item, u"cutlass"_s);
    QCOMPARE(hold->customer, u"alice"_s);
    QCOMPARE(hold->createdMs, 1234);
    QCOMPARE(store.holds().size(), 1);
}

// Repeating a hold takes nothing more, and a hold and an adjustment that share a
// request id do not answer for each other.
void TstEntityStore::holdIsIdempotent()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.setInventory(u"cutlass"_s, 2);
    QVERIFY(store.hold("h1", u"cutlass"_s, u"alice"_s, 1));
    QVERIFY(store.hold("h1", u"cutlass"_s, u"alice"_s, 2));
    QCOMPARE(store.inventory(u"cutlass"_s), 1);
    QCOMPARE(store.holds().size(), 1);
    QCOMPARE(store.findHold("h1")->createdMs, 1);

    QVERIFY(store.adjustInventory(u"cutlass"_s, -1, "h1"));
    QCOMPARE(store.inventory(u"cutlass"_s), 0);
}

// Out of stock, a hold is refused, recorded nowhere, and stays refused for that request.
void TstEntityStore::holdRefusedWhenOutOfStock()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(!store.hold("h1", u"cutlass"_s, u"alice"_s, 1));
    QVERIFY(!store.findHold("h1"));
    QVERIFY(store.holds().isEmpty());
    store.setInventory(u"cutlass"_s, 5);
    QVERIFY(!store.hold("h1", u"cutlass"_s, u"alice"_s, 2));
    QCOMPARE(store.inventory(u"cutlass"_s), 5);
    QVERIFY(store.hold("h2", u"cutlass"_s, u"alice"_s, 3));
    QCOMPARE(store.inventory(u"cutlass"_s), 4);
}

// holds() lists holds in the order they were taken, not by request id.
void TstEntityStore::holdsKeepInsertionOrder()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.setInventory(u"cutlass"_s, 10);
    QVERIFY(store.hold("zeta", u"cutlass"_s, u"bob"_s, 1));
    QVERIFY(store.hold("alpha", u"cutlass"_s, u"alice"_s, 2));
    QVERIFY(store.hold("mid", u"cutlass"_s, u"carol"_s, 3));
    const QList<QByteArray> expected{"zeta", "alpha", "mid"};
    QCOMPARE(holdIds(store), expected);
}

// The backlog hands out work first in, first out; complete() moves the head on and is
// counted once.
void TstEntityStore::backlogIsFifo()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(!store.nextWork());
    QVERIFY(store.enqueue("c", "payload-c", 10));
    QVERIFY(store.enqueue("a", "payload-a", 20));
    QVERIFY(store.enqueue("b", QByteArray(), 30));
    QCOMPARE(store.backlogSize(), 3);

    std::optional<EntityStore::WorkItem> head = store.nextWork();
    QVERIFY(head);
    QCOMPARE(head->id, QByteArray("c"));
    QCOMPARE(head->payload, QByteArray("payload-c"));
    QCOMPARE(head->enqueuedMs, 10);
    QCOMPARE(store.nextWork()->id, QByteArray("c"));   // reading does not take it

    store.complete("c");
    QCOMPARE(store.backlogSize(), 2);
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("a"));

    store.complete("c");          // already done
    store.complete("unknown");    // never enqueued
    QCOMPARE(store.backlogSize(), 2);
    QCOMPARE(store.completedCount(), 1);

    store.complete("b");          // out of order is allowed: the head stays
    QCOMPARE(store.nextWork()->id, QByteArray("a"));
    store.complete("a");
    QVERIFY(!store.nextWork());
    QCOMPARE(store.backlogSize(), 0);
    QCOMPARE(store.completedCount(), 3);
}

// Enqueueing a known id, pending or completed, is refused and changes nothing.
void TstEntityStore::backlogEnqueueIsIdempotent()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(store.enqueue("w1", "one", 1));
    QVERIFY(!store.enqueue("w1", "other", 2));
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.nextWork()->payload, QByteArray("one"));
    store.complete("w1");
    QVERIFY(!store.enqueue("w1", "one", 3));
    QCOMPARE(store.backlogSize(), 0);
    QVERIFY(!store.nextWork());
}

// Records are upserted per (kind, id), listed per kind in insertion order, and an
// update keeps the record's place.
void TstEntityStore::recordsUpsertKeepsOrder()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.putRecord(u"order"_s, u"o2"_s, {{"name"_L1, u"o2"_s}, {"n"_L1, 2}});
    store.putRecord(u"truck"_s, u"t1"_s, {{"name"_L1, u"t1"_s}});
    store.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}, {"n"_L1, 1}});
    QCOMPARE(recordNames(store, u"order"_s), (QStringList{u"o2"_s, u"o1"_s}));
    QCOMPARE(recordNames(store, u"truck"_s), QStringList{u"t1"_s});

    store.putRecord(u"order"_s, u"o2"_s, {{"name"_L1, u"o2"_s}, {"n"_L1, 22}});
    QCOMPARE(recordNames(store, u"order"_s), (QStringList{u"o2"_s, u"o1"_s}));
    const std::optional<QJsonObject> o2 = store.record(u"order"_s, u"o2"_s);
    QVERIFY(o2);
    QCOMPARE(o2->value("n"_L1).toInt(), 22);
    QVERIFY(!store.record(u"order"_s, u"t1"_s));
    QVERIFY(store.records(u"none"_s).isEmpty());
}

// Removing a record forgets it; putting it again places it last.
void TstEntityStore::recordsRemove()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});
    store.putRecord(u"order"_s, u"o2"_s, {{"name"_L1, u"o2"_s}});
    store.removeRecord(u"order"_s, u"o1"_s);
    store.removeRecord(u"order"_s, u"missing"_s);
    QVERIFY(!store.record(u"order"_s, u"o1"_s));
    QCOMPARE(recordNames(store, u"order"_s), QStringList{u"o2"_s});
    store.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});
    QCOMPARE(recordNames(store, u"order"_s), (QStringList{u"o2"_s, u"o1"_s}));
}

// Everything written to a file store is there after close and reopen, counters and
// the outcomes of earlier requests included.
void TstEntityStore::persistenceAcrossReopen()
{
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        store.markSeen("m1");
        store.markSeen("m2");
        store.setInventory(u"cutlass"_s, 5);
        QVERIFY(!store.adjustInventory(u"cutlass"_s, -9, "refused"));
        QVERIFY(store.adjustInventory(u"cutlass"_s, -1, "taken"));
        QVERIFY(store.hold("h1", u"cutlass"_s, u"alice"_s, 77));
        QVERIFY(store.enqueue("w1", "one", 1));
        QVERIFY(store.enqueue("w2", "two", 2));
        store.complete("w1");
        store.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});
        store.close();
        QVERIFY(!store.isOpen());
    }
    EntityStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.seenCount(), 2);
    QVERIFY(store.hasSeen("m1"));
    QVERIFY(store.hasSeen("m2"));
    QCOMPARE(store.inventory(u"cutlass"_s), 3);
    store.setInventory(u"cutlass"_s, 100);
    QVERIFY(!store.adjustInventory(u"cutlass"_s, -9, "refused"));
    QVERIFY(store.adjustInventory(u"cutlass"_s, -1, "taken"));
    QCOMPARE(store.inventory(u"cutlass"_s), 100);
    QVERIFY(store.hold("h1", u"cutlass"_s, u"alice"_s, 99));
    QCOMPARE(store.findHold("h1")->createdMs, 77);
    QCOMPARE(store.inventory(u"cutlass"_s), 100);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("w2"));
    QVERIFY(!store.enqueue("w1", "one", 3));
    store.putRecord(u"order"_s, u"o0"_s, {{"name"_L1, u"o0"_s}});
    QCOMPARE(recordNames(store, u"order"_s), (QStringList{u"o1"_s, u"o0"_s}));
}

// begin/begin/commit/commit: the inner commit writes nothing a reader can see; the
// outer one writes the whole batch.
void TstEntityStore::nestedCommitWritesOnce()
{
    const QString path = newPath();
    QString error;
    EntityStore writer;
    QVERIFY2(writer.open(path, &error), qPrintable(error));
    EntityStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));

    writer.begin();
    writer.begin();
    QVERIFY(writer.inTransaction());
    writer.setInventory(u"cutlass"_s, 1);
    writer.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});
    QVERIFY(writer.commit());
    QVERIFY(writer.inTransaction());
    QCOMPARE(reader.inventory(u"cutlass"_s), 0);
    QVERIFY(!reader.record(u"order"_s, u"o1"_s));

    QVERIFY(writer.commit());
    QVERIFY(!writer.inTransaction());
    QCOMPARE(reader.inventory(u"cutlass"_s), 1);
    QVERIFY(reader.record(u"order"_s, u"o1"_s));
}

// An unbalanced commit() is an error, not a silent no-op.
void TstEntityStore::commitWithoutBeginFails()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"commit\\(\\) without begin\\(\\)"_s));
    QVERIFY(!store.commit());
    QVERIFY(store.lastError().contains("without begin"_L1));
}

// A write that fails inside a batch rolls the whole batch back, the memory caches with
// it, so nothing of the batch can be acknowledged; the store stays usable.
void TstEntityStore::failedWriteRollsBackBatch()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.enqueue("before", "kept", 1);

    store.begin();
    store.markSeen("m1");
    store.setInventory(u"cutlass"_s, 5);
    QVERIFY(store.enqueue("w1", "lost", 2));
    {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"PRAGMA query_only = ON"_s));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"put record"_s));
    store.putRecord(u"order"_s, u"o1"_s, {});
    {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"PRAGMA query_only = OFF"_s));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"batch rolled back"_s));
    QVERIFY(!store.commit());
    QVERIFY(store.lastError().contains("rolled back"_L1));
    QVERIFY(!store.inTransaction());

    QVERIFY(!store.hasSeen("m1"));
    QCOMPARE(store.seenCount(), 0);
    QCOMPARE(store.inventory(u"cutlass"_s), 0);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("before"));

    store.markSeen("m1");
    QVERIFY(store.hasSeen("m1"));
    QCOMPARE(store.seenCount(), 1);
}

// Ids marked seen in a batch that writes nothing else are written at its commit in
// one transaction: a reader sees none of them before, all after, and when they cannot be
// written the commit fails (nothing may be acked) and they are not seen.
void TstEntityStore::seenIdsOfABatchAreOneTransaction()
{
    const QString path = newPath();
    QString error;
    EntityStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    EntityStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    store.begin();
    store.markSeen("m1");
    store.markSeen("m2");
    QVERIFY(store.commit());
    QCOMPARE(rowCount(reader, u"seen"_s), 2);

    store.begin();
    store.markSeen("m3");
    store.markSeen("m4");
    {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"PRAGMA query_only = ON"_s));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"mark seen"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"batch rolled back"_s));
    QVERIFY(!store.commit());
    {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"PRAGMA query_only = OFF"_s));
    }
    QVERIFY(!store.hasSeen("m3"));
    QVERIFY(!store.hasSeen("m4"));
    QCOMPARE(store.seenCount(), 2);
    QCOMPARE(rowCount(reader, u"seen"_s), 2);
}

void TstEntityStore::failedDeliveryWriteRollsBackBatch_data()
{
    QTest::addColumn<bool>("writtenAtCommit");
    QTest::newRow("row written at the commit") << true;
    // A queued item that is no delivery's dedup record makes every row go at once.
    QTest::newRow("row written at once") << false;
}

// A delivery whose completed-work row cannot be written (the per-message statements go
// through SQLite's C API) spoils its batch like any other write, whether the row is
// written as it is recorded or with the batch's others at the commit: the commit fails,
// the id is not seen and nothing is counted, so the message is neither acked nor lost.
void TstEntityStore::failedDeliveryWriteRollsBackBatch()
{
    QFETCH(bool, writtenAtCommit);
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    const QByteArray kept = "00000000000000010000000000000001";
    const QByteArray lost = "00000000000000010000000000000002";
    if (!writtenAtCommit)
        QVERIFY(store.enqueue("queued", "job", 0));
    const qsizetype rowsBefore = writtenAtCommit ? 0 : 1;
    store.begin();
    QVERIFY(deliverDone(store, kept, 1));
    QVERIFY(store.commit());

    const auto setQueryOnly = [&store](bool on) {
        QSqlQuery query(store.database());
        return query.exec(on ? u"PRAGMA query_only = ON"_s : u"PRAGMA query_only = OFF"_s);
    };
    store.begin();
    QVERIFY(store.markSeenIfNew(lost));
    QVERIFY(setQueryOnly(true));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"record completed work"_s));
    if (writtenAtCommit) {
        QVERIFY(store.recordCompleted(lost, 2));
        QCOMPARE(store.completedCount(), 2);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"batch rolled back"_s));
        QVERIFY(!store.commit());
        QVERIFY(setQueryOnly(false));
    } else {
        QVERIFY(!store.recordCompleted(lost, 2));
        QVERIFY(setQueryOnly(false));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"batch rolled back"_s));
        QVERIFY(!store.commit());
    }
    QVERIFY(store.lastError().contains("readonly"_L1) || store.lastError().contains("read-only"_L1)
            || store.lastError().contains("query_only"_L1));

    QVERIFY(store.hasSeen(kept));
    QVERIFY(!store.hasSeen(lost));
    QCOMPARE(store.seenCount(), 1);
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(rowCount(store, u"backlog"_s), 1 + rowsBefore);

    // The store stays usable: the resent message goes through.
    store.begin();
    QVERIFY(deliverDone(store, lost, 3));
    QVERIFY(store.commit());
    QCOMPARE(store.completedCount(), 2);
    QCOMPARE(store.seenCount(), 2);
    QCOMPARE(rowCount(store, u"backlog"_s, u"delivered = 1 AND completed = 1"_s), 2);
}

// An empty or null payload is stored as an empty blob (the column is NOT NULL) and read
// back empty; a binary payload comes back byte for byte.
void TstEntityStore::emptyPayloadIsKept()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    const QByteArray binary("\x00\x01\xff\x00", 4);
    QVERIFY(store.enqueue("null", QByteArray(), 1));
    QVERIFY(store.enqueue("empty", QByteArray(""), 2));
    QVERIFY(store.enqueue("binary", binary, 3));
    QCOMPARE(rowCount(store, u"backlog"_s, u"payload IS NULL"_s), 0);
    QCOMPARE(store.nextWork()->payload, QByteArray());
    store.complete("null");
    QCOMPARE(store.nextWork()->payload, QByteArray());
    store.complete("empty");
    const std::optional<EntityStore::WorkItem> item = store.nextWork();
    QVERIFY(item);
    QCOMPARE(item->id, QByteArray("binary"));
    QCOMPARE(item->payload, binary);
    QCOMPARE(item->enqueuedMs, 3);
}

// Durability seen from outside: a second instance on the same file (as the console
// reading a run's database) sees each commit at once, without the writer closing, and
// never sees a transaction that is still open.
void TstEntityStore::secondInstanceSeesOnlyCommitted()
{
    const QString path = newPath();
    QString error;
    EntityStore writer;
    QVERIFY2(writer.open(path, &error), qPrintable(error));
    writer.setInventory(u"cutlass"_s, 1);
    writer.putRecord(u"order"_s, u"o1"_s, {{"name"_L1, u"o1"_s}});

    EntityStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QCOMPARE(reader.inventory(u"cutlass"_s), 1);
    QVERIFY(reader.record(u"order"_s, u"o1"_s));

    writer.begin();
    writer.setInventory(u"cutlass"_s, 2);
    writer.putRecord(u"order"_s, u"o2"_s, {{"name"_L1, u"o2"_s}});
    QVERIFY(writer.hold("h1", u"cutlass"_s, u"alice"_s, 5));
    QCOMPARE(reader.inventory(u"cutlass"_s), 1);
    QVERIFY(!reader.record(u"order"_s, u"o2"_s));
    QVERIFY(!reader.findHold("h1"));

    QVERIFY(writer.commit());
    QCOMPARE(reader.inventory(u"cutlass"_s), 1);   // 2, minus the held one
    QVERIFY(reader.record(u"order"_s, u"o2"_s));
    QVERIFY(reader.findHold("h1"));
}

// close() inside a batch behaves like a crash: the open transaction is rolled back,
// what was committed before it stays.
void TstEntityStore::closeInsideTransactionRollsBack()
{
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        store.markSeen("committed");
        QVERIFY(store.enqueue("w1", "one", 1));
        store.begin();
        store.markSeen("uncommitted");
        QVERIFY(store.enqueue("w2", "two", 2));
        store.setInventory(u"cutlass"_s, 3);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"closed inside a transaction"_s));
        store.close();
    }
    EntityStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(store.hasSeen("committed"));
    QVERIFY(!store.hasSeen("uncommitted"));
    QCOMPARE(store.seenCount(), 1);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.inventory(u"cutlass"_s), 0);
}

// A process killed with SIGKILL (a copy of this executable) comes back with every
// committed write, recovered from the WAL file it left behind, and none of the
// transaction it had open.
void TstEntityStore::killedProcessKeepsCommitted()
{
#ifndef Q_OS_UNIX
    QSKIP("needs SIGKILL");
#else
    const QString path = newPath();
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(CrashChildVariable), path);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(child.waitForFinished(30'000), qPrintable(child.errorString()));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QCOMPARE(child.exitCode(), SIGKILL);
    QVERIFY2(QFile::exists(path + u"-wal"_s), "the commits must still sit in the WAL file");

    EntityStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.inventory(u"cutlass"_s), 6);   // 7, minus the hold
    QVERIFY(store.findHold("h1"));
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("w2"));
    QVERIFY(!store.enqueue("w2", "again", 50));
    QVERIFY(store.hasSeen("m1"));
    QVERIFY(!store.hasSeen("m2"));
    QCOMPARE(store.seenCount(), 1);
    QCOMPARE(recordNames(store, u"order"_s), QStringList{u"o1"_s});
#endif
}

// An item done on arrival counts as completed at once, never enters the queue, and
// keeps its id: neither a repeat nor a later enqueue of the same id does it again.
void TstEntityStore::recordCompletedSkipsTheQueue()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    QVERIFY(store.enqueue("queued", "payload", 1));
    QVERIFY(store.recordCompleted("done", 2));
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("queued"));
    QVERIFY(!store.recordCompleted("done", 3));
    QVERIFY(!store.enqueue("done", "again", 4));
    QVERIFY(!store.recordCompleted("queued", 5));
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.backlogSize(), 1);
}

void TstEntityStore::workItemIsTheDedupRecord_data()
{
    QTest::addColumn<bool>("completedOnArrival");
    QTest::newRow("queued") << false;
    QTest::newRow("completed on arrival") << true;
}

// A delivered message marked seen and then enqueued under its own id in the same batch
// costs one row, the work item, which remembers the id across a reopen as a seen row
// would, also when the answer has to come from disk; an id marked seen without a work
// item still gets its own row.
void TstEntityStore::workItemIsTheDedupRecord()
{
    QFETCH(bool, completedOnArrival);
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        store.begin();
        for (int i = 0; i < 5; ++i) {
            const QByteArray id = "m" + QByteArray::number(i);
            store.markSeen(id);
            QVERIFY(completedOnArrival ? store.recordCompleted(id, i) : store.enqueue(id, "job", i));
        }
        store.markSeen("expired");   // no work item for this one
        QVERIFY(store.enqueue("other-key", "job", 9));   // a work item under another id
        QVERIFY(store.commit());
        QCOMPARE(rowCount(store, u"seen"_s), 1);
        QCOMPARE(rowCount(store, u"backlog"_s, u"delivered = 1"_s), 5);
        QCOMPARE(store.seenCount(), 6);
    }
    EntityStore store;
    store.setSeenCacheLimit(2);   // most answers come from disk
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.seenCount(), 6);
    for (int i = 0; i < 5; ++i)
        QVERIFY2(store.hasSeen("m" + QByteArray::number(i)), qPrintable(QString::number(i)));
    QVERIFY(store.hasSeen("expired"));
    QVERIFY(!store.hasSeen("other-key"));
    QVERIFY(!store.hasSeen("m5"));
    QCOMPARE(store.completedCount(), completedOnArrival ? 5 : 0);
    QCOMPARE(store.backlogSize(), completedOnArrival ? 1 : 6);
}

void TstEntityStore::doneOnArrivalRowsWrittenAtCommit_data()
{
    QTest::addColumn<int>("deliveries");
    QTest::addColumn<qsizetype>("cacheLimit");
    QTest::newRow("one") << 1 << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("two") << 2 << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("one short of a chunk") << 63 << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("one chunk") << 64 << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("a chunk and one") << 65 << EntityStore::DefaultSeenCacheLimit;
    QTest::newRow("many chunks and a remainder") << 1000 << EntityStore::DefaultSeenCacheLimit;
    // The memory cache drops ids many times inside the batch: rows must be on disk first.
    QTest::newRow("cache smaller than the batch") << 300 << qsizetype(16);
}

// Deliveries done on arrival inside one batch (their rows written together at the
// commit) count at once, are on disk after the commit as one completed, delivered row
// each, stay duplicates inside the batch, after it and after a reopen, whatever the
// number of rows and however small the memory cache.
void TstEntityStore::doneOnArrivalRowsWrittenAtCommit()
{
    QFETCH(int, deliveries);
    QFETCH(qsizetype, cacheLimit);
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        store.setSeenCacheLimit(cacheLimit);
        QVERIFY2(store.open(path, &error), qPrintable(error));
        EntityStore reader;
        QVERIFY2(reader.open(path, &error), qPrintable(error));

        store.begin();
        for (int i = 0; i < deliveries; ++i)
            QVERIFY2(deliverDone(store, deliveryId(i), 1000 + i), qPrintable(QString::number(i)));
        QCOMPARE(store.completedCount(), qint64(deliveries));
        QCOMPARE(store.seenCount(), qsizetype(deliveries));
        QCOMPARE(store.backlogSize(), 0);
        for (int i = 0; i < deliveries; ++i)
            QVERIFY2(!store.markSeenIfNew(deliveryId(i)), qPrintable(QString::number(i)));
        QCOMPARE(rowCount(reader, u"backlog"_s), 0);
        QVERIFY(store.commit());
        QCOMPARE(rowCount(reader, u"backlog"_s), qint64(deliveries));

        QCOMPARE(store.completedCount(), qint64(deliveries));
        QCOMPARE(store.seenCount(), qsizetype(deliveries));
        QCOMPARE(rowCount(store, u"backlog"_s, u"delivered = 1 AND completed = 1"_s), qint64(deliveries));
        QCOMPARE(rowCount(store, u"backlog"_s), qint64(deliveries));
        QCOMPARE(rowCount(store, u"seen"_s), 0);
        // Each row with its own time, in the order of the deliveries.
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"SELECT id, enqueued_ms, completed_ms FROM backlog ORDER BY seq"_s));
        for (int i = 0; i < deliveries; ++i) {
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toByteArray(), deliveryId(i));
            QCOMPARE(query.value(1).toLongLong(), 1000 + i);
            QCOMPARE(query.value(2).toLongLong(), 1000 + i);
        }
        QVERIFY(!query.next());
    }
    EntityStore store;
    store.setSeenCacheLimit(cacheLimit);
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.completedCount(), qint64(deliveries));
    QCOMPARE(store.seenCount(), qsizetype(deliveries));
    store.begin();
    for (int i = 0; i < deliveries; ++i)
        QVERIFY2(!store.markSeenIfNew(deliveryId(i)), qPrintable(QString::number(i)));
    QVERIFY(deliverDone(store, deliveryId(deliveries), 5000));
    QVERIFY(store.commit());
    QCOMPARE(store.completedCount(), deliveries + 1);
}

// A repeated id inside the batch that holds its done row, or in a later batch, is known
// to recordCompleted and enqueue alike: nothing is done or counted twice.
void TstEntityStore::doneOnArrivalIsIdempotent()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(newPath(), &error), qPrintable(error));
    store.begin();
    QVERIFY(deliverDone(store, deliveryId(1), 1));
    QVERIFY(deliverDone(store, deliveryId(2), 2));
    QVERIFY(!store.markSeenIfNew(deliveryId(1)));
    QVERIFY(!store.recordCompleted(deliveryId(1), 3));
    QVERIFY(deliverDone(store, deliveryId(3), 4));
    QVERIFY(!store.enqueue(deliveryId(3), "again", 5));
    QVERIFY(!store.recordCompleted(deliveryId(3), 6));
    QCOMPARE(store.completedCount(), 3);
    QCOMPARE(store.backlogSize(), 0);
    QVERIFY(!store.nextWork());
    QVERIFY(store.commit());
    QCOMPARE(rowCount(store, u"backlog"_s), 3);

    store.begin();
    QVERIFY(deliverDone(store, deliveryId(4), 7));
    QVERIFY(!store.recordCompleted(deliveryId(2), 8));
    QVERIFY(!store.enqueue(deliveryId(4), "again", 9));
    QVERIFY(store.commit());
    QCOMPARE(store.completedCount(), 4);
    QCOMPARE(store.seenCount(), 4);
    QCOMPARE(store.backlogSize(), 0);
    QCOMPARE(rowCount(store, u"backlog"_s, u"delivered = 1 AND completed = 1"_s), 4);
}

void TstEntityStore::doneOnArrivalRolledBack_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("a later write fails") << u"write"_s;
    QTest::newRow("the rows cannot be written") << u"rows"_s;
    QTest::newRow("closed inside the batch") << u"close"_s;
}

// A batch whose done rows were counted but that does not commit (a write of it failed,
// its own rows could not be written, or the store closed inside it) leaves neither rows
// nor counts nor seen ids behind, on this instance and after a reopen, and the resent
// messages go through.
void TstEntityStore::doneOnArrivalRolledBack()
{
    QFETCH(QString, failure);
    const QString path = newPath();
    QString error;
    auto store = std::make_unique<EntityStore>();
    QVERIFY2(store->open(path, &error), qPrintable(error));
    store->begin();
    QVERIFY(deliverDone(*store, deliveryId(1), 1));
    QVERIFY(store->commit());

    const auto setQueryOnly = [&store](bool on) {
        QSqlQuery query(store->database());
        return query.exec(on ? u"PRAGMA query_only = ON"_s : u"PRAGMA query_only = OFF"_s);
    };
    if (failure == "rows"_L1)
        QVERIFY(setQueryOnly(true));
    store->begin();
    for (int i = 2; i < 100; ++i)
        QVERIFY(deliverDone(*store, deliveryId(i), i));
    QCOMPARE(store->completedCount(), 99);
    if (failure == "close"_L1) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"closed inside a transaction"_s));
        store->close();
        store = std::make_unique<EntityStore>();
        QVERIFY2(store->open(path, &error), qPrintable(error));
    } else {
        if (failure == "write"_L1) {
            QVERIFY(setQueryOnly(true));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"put record"_s));
            store->putRecord(u"order"_s, u"o1"_s, {});
        } else {
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"record completed work"_s));
        }
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"batch rolled back"_s));
        QVERIFY(!store->commit());
        QVERIFY(setQueryOnly(false));
    }
    QCOMPARE(store->completedCount(), 1);
    QCOMPARE(store->seenCount(), 1);
    QCOMPARE(rowCount(*store, u"backlog"_s), 1);
    QVERIFY(store->hasSeen(deliveryId(1)));
    QVERIFY(!store->hasSeen(deliveryId(2)));
    QVERIFY(!store->hasSeen(deliveryId(99)));

    store->begin();
    QVERIFY(!store->markSeenIfNew(deliveryId(1)));
    for (int i = 2; i < 100; ++i)
        QVERIFY(deliverDone(*store, deliveryId(i), i));
    QVERIFY(store->commit());
    QCOMPARE(store->completedCount(), 99);
    QCOMPARE(rowCount(*store, u"backlog"_s), 99);
}

// A backlog row that is no delivery's dedup record (queued under the same id outside a
// delivery) does not stop the delivery as a duplicate, but its done row is refused: the
// id is known, and the delivery is remembered by a seen row instead.
void TstEntityStore::doneOnArrivalOfAQueuedIdIsRefused()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(newPath(), &error), qPrintable(error));
    QVERIFY(store.enqueue(deliveryId(7), "job", 1));
    store.begin();
    QVERIFY(deliverDone(store, deliveryId(6), 2));
    QVERIFY(store.markSeenIfNew(deliveryId(7)));
    QVERIFY(!store.recordCompleted(deliveryId(7), 3));
    QVERIFY(deliverDone(store, deliveryId(8), 4));
    QVERIFY(store.commit());
    QCOMPARE(store.completedCount(), 2);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.seenCount(), 3);
    QCOMPARE(rowCount(store, u"seen"_s), 1);
    QCOMPARE(store.nextWork()->id, deliveryId(7));
}

void TstEntityStore::retentionPrunesOldestRows_data()
{
    QTest::addColumn<bool>("workItems");
    QTest::newRow("seen ids") << false;
    QTest::newRow("completed work items") << true;
}

// Beyond the retained count, the oldest rows old enough go at the next commit; the
// newest stay, and the completed count keeps counting what was pruned.
void TstEntityStore::retentionPrunesOldestRows()
{
    QFETCH(bool, workItems);
    const QString path = newPath();
    QString error;
    {
        EntityStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        store.setRetention(10, 0);
        store.begin();
        for (int i = 0; i < 50; ++i) {
            const QByteArray id = "id-" + QByteArray::number(i);
            if (workItems)
                QVERIFY(store.recordCompleted(id, QDateTime::currentMSecsSinceEpoch()));
            else
                store.markSeen(id);
        }
        QVERIFY(store.commit());
        QCOMPARE(rowCount(store, workItems ? u"backlog"_s : u"seen"_s), 10);
        QCOMPARE(store.completedCount(), workItems ? 50 : 0);
    }
    EntityStore store;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.completedCount(), workItems ? 50 : 0);
    QVERIFY(!store.hasSeen("id-0"));
    QVERIFY(!store.hasSeen("id-39"));
    QCOMPARE(store.hasSeen("id-40"), !workItems);   // a work item alone is no dedup record
    QCOMPARE(store.hasSeen("id-49"), !workItems);
    if (workItems) {
        QVERIFY(!store.recordCompleted("id-49", 0));   // still known
        QVERIFY(store.recordCompleted("id-0", 0));     // pruned: known no more
    }
}

// Rows younger than the minimum age stay however many there are: a sender may still
// resend those messages.
void TstEntityStore::retentionKeepsYoungRows()
{
    EntityStore store;
    QString error;
    QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
    store.setRetention(10, 3'600'000);
    store.begin();
    for (int i = 0; i < 50; ++i) {
        store.markSeen("s-" + QByteArray::number(i));
        QVERIFY(store.recordCompleted("w-" + QByteArray::number(i), QDateTime::currentMSecsSinceEpoch()));
    }
    QVERIFY(store.commit());
    QCOMPARE(rowCount(store, u"seen"_s), 50);
    QCOMPARE(rowCount(store, u"backlog"_s), 50);
    QCOMPARE(store.seenCount(), 50);
}

// A database written by the first schema opens with its seen ids, backlog and
// completed items intact, and takes the new columns.
void TstEntityStore::schemaVersion1IsMigrated()
{
    const QString path = newPath();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-v1"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql : {
                 u"CREATE TABLE seen (id BLOB PRIMARY KEY)"_s,
                 u"CREATE TABLE inventory (item TEXT PRIMARY KEY, quantity INTEGER NOT NULL) WITHOUT ROWID"_s,
                 u"CREATE TABLE adjustments (request_id BLOB NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL,"
                 " delta INTEGER NOT NULL, accepted INTEGER NOT NULL, PRIMARY KEY (request_id, kind)) WITHOUT ROWID"_s,
                 u"CREATE TABLE holds (seq INTEGER PRIMARY KEY, request_id BLOB NOT NULL UNIQUE, item TEXT NOT NULL,"
                 " customer TEXT NOT NULL, created_ms INTEGER NOT NULL)"_s,
                 u"CREATE TABLE backlog (seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, payload BLOB NOT NULL,"
                 " enqueued_ms INTEGER NOT NULL, completed INTEGER NOT NULL DEFAULT 0, completed_ms INTEGER)"_s,
                 u"CREATE INDEX backlog_pending ON backlog (seq) WHERE completed = 0"_s,
                 u"CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,"
                 " seq INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID"_s,
                 u"CREATE INDEX records_order ON records (kind, seq)"_s,
                 u"INSERT INTO seen (id) VALUES (x'6d31')"_s,   // "m1"
                 u"INSERT INTO backlog (id, payload, enqueued_ms) VALUES (x'7731', x'01', 1)"_s,
                 u"INSERT INTO backlog (id, payload, enqueued_ms, completed, completed_ms)"
                 " VALUES (x'7732', x'02', 2, 1, 3)"_s,
                 u"PRAGMA user_version = 1"_s}) {
            QVERIFY2(query.exec(sql), qPrintable(sql + u": "_s + query.lastError().text()));
        }
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst-v1"_s);

    EntityStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(pragmaText(store, u"user_version"_s), u"2"_s);
    QVERIFY(store.hasSeen("m1"));
    QCOMPARE(store.seenCount(), 1);
    QCOMPARE(store.backlogSize(), 1);
    QCOMPARE(store.completedCount(), 1);
    QCOMPARE(store.nextWork()->id, QByteArray("w1"));
    QVERIFY(!store.enqueue("w2", "again", 5));
    store.begin();
    store.markSeen("m2");
    QVERIFY(store.enqueue("m2", "job", 6));
    QVERIFY(store.commit());
    QCOMPARE(rowCount(store, u"backlog"_s, u"delivered = 1"_s), 1);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (const QString path = qEnvironmentVariable(CrashChildVariable); !path.isEmpty())
        return runCrashChild(path);
    TstEntityStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_entitystore.moc"
