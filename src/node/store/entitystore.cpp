#include "node/store/entitystore.h"

#include "node/store/seenidcache.h"
#include "node/store/sqlitestatement.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <iterator>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

// Internal linkage: other parts of portolan_node define their own categories.
Q_LOGGING_CATEGORY(lcStore, "portolan.node.store")

// Bumped whenever the tables below change; a file from a newer build is refused rather
// than misread, an older one is migrated (SchemaSteps).
constexpr int SchemaVersion = 2;

// Seen ids and completed items pruned per commit at most: pruning rides on the batch
// commits of deliveries, so it must not stall one of them for long.
constexpr qsizetype PruneChunkRows = 4096;
// After a prune that found nothing old enough, the next try waits this long.
constexpr qint64 PruneBackoffMs = 1000;

// Done-on-arrival rows of a batch are written together, by INSERTs of many rows: SQLite's
// work per statement (VDBE setup, opening and closing a cursor on the table and each of
// its indexes, freeing it all) then comes once per chunk, not once per message. One
// statement per power of two up to the largest chunk: any count is written in at most
// DoneChunkLevels statements.
constexpr int DoneChunkLevels = 7;
constexpr qsizetype DoneChunkMaxRows = qsizetype(1) << (DoneChunkLevels - 1);   // 64
// Two parameters a row, within the 999 of SQLite builds before 3.32.
static_assert(2 * DoneChunkMaxRows <= 999);

// "INSERT ... VALUES (?1, x'', ?2, 1, 1, ?2), (?3, x'', ?4, 1, 1, ?4), ...": per row its id
// and its time (enqueued and completed alike).
QByteArray doneInsertSql(qsizetype rows)
{
    QByteArray sql = "INSERT OR IGNORE INTO backlog (id, payload, enqueued_ms, delivered, completed, completed_ms)"
                     " VALUES ";
    for (qsizetype i = 0; i < rows; ++i) {
        const QByteArray idParam = QByteArray::number(2 * i + 1);
        const QByteArray atParam = QByteArray::number(2 * i + 2);
        if (i > 0)
            sql += ", ";
        sql += "(?" + idParam + ", x'', ?" + atParam + ", 1, 1, ?" + atParam + ')';
    }
    return sql;
}

// WAL lets a reader (the console inspecting a run, a second instance in tests) see the
// last commit while the entity writes. synchronous=NORMAL in WAL mode keeps every
// commit across a process crash (SIGKILL) and only risks the last commits on power loss,
// at a fraction of FULL's fsync cost: this sits on every delivery.
//
// A 16 MB page cache (allocated only as the database grows) keeps the B-tree pages of
// the dedup and backlog indexes in memory; a larger WAL between checkpoints lets pages
// written by many batches be copied back once.
const QLatin1StringView ConnectionPragmas[] = {
    "PRAGMA synchronous = NORMAL"_L1,
    "PRAGMA busy_timeout = 5000"_L1,
    "PRAGMA temp_store = MEMORY"_L1,
    "PRAGMA cache_size = -16384"_L1,
    "PRAGMA wal_autocheckpoint = 4096"_L1,
    "PRAGMA journal_size_limit = 67108864"_L1,
};

// Version 1: the original tables.
const QLatin1StringView SchemaV1[] = {
    // rowid gives the insertion order the memory cache is reloaded by (newest first).
    "CREATE TABLE IF NOT EXISTS seen (id BLOB PRIMARY KEY)"_L1,
    "CREATE TABLE IF NOT EXISTS inventory (item TEXT PRIMARY KEY, quantity INTEGER NOT NULL)"
    " WITHOUT ROWID"_L1,
    // Outcome of every adjustment and hold by request id, refusals included, so that a
    // repeated request gets the first answer. kind keeps holds and adjustments apart.
    "CREATE TABLE IF NOT EXISTS adjustments (request_id BLOB NOT NULL, kind TEXT NOT NULL,"
    " item TEXT NOT NULL, delta INTEGER NOT NULL, accepted INTEGER NOT NULL,"
    " PRIMARY KEY (request_id, kind)) WITHOUT ROWID"_L1,
    "CREATE TABLE IF NOT EXISTS holds (seq INTEGER PRIMARY KEY, request_id BLOB NOT NULL UNIQUE,"
    " item TEXT NOT NULL, customer TEXT NOT NULL, created_ms INTEGER NOT NULL)"_L1,
    // Completed items stay (flagged) so that enqueue stays idempotent after completion.
    "CREATE TABLE IF NOT EXISTS backlog (seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE,"
    " payload BLOB NOT NULL, enqueued_ms INTEGER NOT NULL,"
    " completed INTEGER NOT NULL DEFAULT 0, completed_ms INTEGER)"_L1,
    // Partial index: the head of the queue is found without scanning completed history.
    "CREATE INDEX IF NOT EXISTS backlog_pending ON backlog (seq) WHERE completed = 0"_L1,
    "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL,"
    " json TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID"_L1,
    "CREATE INDEX IF NOT EXISTS records_order ON records (kind, seq)"_L1,
};

// Version 2: retention. Seen ids carry the time they were recorded (pruning by age); a
// backlog row may be the dedup record of the delivered message with its id (delivered
// = 1), so a work item costs one row, not two; meta keeps counters that must outlive
// the rows pruned (completed items).
const QLatin1StringView SchemaV2[] = {
    "ALTER TABLE seen ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0"_L1,
    "ALTER TABLE backlog ADD COLUMN delivered INTEGER NOT NULL DEFAULT 0"_L1,
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID"_L1,
};

struct SchemaStep
{
    int version;
    const QLatin1StringView *statements;
    qsizetype count;
};

const SchemaStep SchemaSteps[] = {
    {1, SchemaV1, qsizetype(std::size(SchemaV1))},
    {2, SchemaV2, qsizetype(std::size(SchemaV2))},
};

const QString CompletedPrunedKey = u"completed_pruned"_s;

std::atomic<quint64> connectionCounter{0};

QString kindAdjust() { return u"adjust"_s; }
QString kindHold() { return u"hold"_s; }

} // namespace

struct EntityStore::Private
{
    QString connectionName;
    QSqlDatabase db;
    QString lastError;
    int depth = 0;              // begin() nesting
    // The SQL transaction of a batch opens with its first write: a batch that only reads
    // (an entity taking acks for what it sent) costs no BEGIN and COMMIT.
    bool txOpen = false;
    bool batchFailed = false;   // a write inside the current batch failed

    // The connection's own handle: the statements of the per-message path (and BEGIN,
    // COMMIT, ROLLBACK, which QSqlDatabase::transaction() parses every time) go through
    // SQLite's C API, prepared once per open.
    sqlite3 *handle = nullptr;
    SqliteStatement txBegin;
    SqliteStatement txCommit;
    SqliteStatement txRollback;
    SqliteStatement seenInsert;
    SqliteStatement seenSelect;
    // The highest id in a range (one prefix of generated ids), for SeenIdCache.
    SqliteStatement seenHighest;
    SqliteStatement backlogHighest;
    // Indexed by "delivered" (is the row the delivered message's dedup record): the flag
    // and the completion are literals in the SQL, one statement per combination.
    SqliteStatement backlogInsert[2];
    SqliteStatement backlogInsertDone[2];
    SqliteStatement backlogNext;
    SqliteStatement backlogComplete;
    // doneInsert[level] writes 2^level done-on-arrival rows (see pendingDone).
    SqliteStatement doneInsert[DoneChunkLevels];

    // The rarer statements (inventory, holds, records, pruning) stay with QtSql,
    // prepared once per open.
    QSqlQuery inventorySelect;
    QSqlQuery inventorySelectAll;
    QSqlQuery inventorySet;
    QSqlQuery inventoryAdd;
    QSqlQuery inventoryTake;
    QSqlQuery adjustmentSelect;
    QSqlQuery adjustmentInsert;
    QSqlQuery holdInsert;
    QSqlQuery holdSelect;
    QSqlQuery holdSelectAll;
    QSqlQuery seenPrune;
    QSqlQuery backlogPruneCount;
    QSqlQuery backlogPrune;
    QSqlQuery metaAdd;
    QSqlQuery recordUpsert;
    QSqlQuery recordSelect;
    QSqlQuery recordSelectKind;
    QSqlQuery recordRemove;

    // The newest seen ids in memory (a generated id as two integers: no allocation per
    // id, a cheap hash and compare); it also says when a miss needs the disk.
    SeenIdCache seenCache{DefaultSeenCacheLimit};

    // Ids marked seen inside the current batch, not yet on disk: written at the
    // outermost commit, unless an enqueue of the same id made its row their record.
    QList<QByteArray> pendingSeen;

    // Done-on-arrival rows of the current batch (recordCompleted of the message just
    // marked seen), not yet on disk: written by flushDone() at the commit, or before any
    // statement that could see the backlog's rows or ids. Only ids known new go here: the
    // delivery's dedup look-up has just missed them, and no backlog row escapes that
    // look-up (undeliveredRows() == 0), so each row is sure to be inserted and
    // recordCompleted can answer true at once. Counted (completedRows, deliveredRows) at
    // once as well; a rollback reloads the counters.
    struct DoneRow
    {
        QByteArray id;
        qint64 atMs;
    };
    QList<DoneRow> pendingDone;
    // Cleared when a chunk wrote fewer rows than it held (an id was on disk after all):
    // that batch fails, and the rest of this connection's life writes row by row, which
    // answers for each id.
    bool deferDone = true;

    // Counters kept in memory (this instance is the file's only writer), reloaded on open
    // and after a rollback.
    qsizetype seenRows = 0;        // rows in seen
    qsizetype deliveredRows = 0;   // backlog rows that are a delivered message's dedup record
    qsizetype pending = 0;
    qint64 completedRows = 0;      // completed backlog rows still on disk
    qint64 completedPruned = 0;    // completed rows pruned (meta)
    qint64 nextRecordSeq = 1;

    qsizetype retainRows = DefaultRetainRows;
    qint64 retainMinAgeMs = DefaultRetainMinAgeMs;
    qint64 seenPruneNotBeforeMs = 0;
    qint64 backlogPruneNotBeforeMs = 0;

    QList<QSqlQuery *> statements()
    {
        return {&inventorySelect, &inventorySelectAll, &inventorySet,
                &inventoryAdd, &inventoryTake, &adjustmentSelect, &adjustmentInsert, &holdInsert,
                &holdSelect, &holdSelectAll, &seenPrune, &backlogPruneCount, &backlogPrune, &metaAdd,
                &recordUpsert, &recordSelect, &recordSelectKind, &recordRemove};
    }

    QList<SqliteStatement *> directStatements()
    {
        QList<SqliteStatement *> all{&txBegin, &txCommit, &txRollback, &seenInsert, &seenSelect, &seenHighest,
                                     &backlogHighest, &backlogInsert[0], &backlogInsert[1],
                                     &backlogInsertDone[0], &backlogInsertDone[1], &backlogNext, &backlogComplete};
        for (SqliteStatement &statement : doneInsert)
            all.append(&statement);
        return all;
    }

    // Backlog rows that are no delivered message's dedup record (enqueued under another
    // id, or by a role outside a delivery): the dedup look-up does not see them.
    qint64 undeliveredRows() const { return qint64(pending) + completedRows - qint64(deliveredRows); }

    // Whether a done-on-arrival row may wait for the batch's commit (`delivered`: its id
    // is the delivery just marked new): see pendingDone.
    bool mayDeferDone(bool delivered) const
    {
        return delivered && depth > 0 && deferDone && undeliveredRows() == 0;
    }

    // Writes the batch's pending done-on-arrival rows, the largest chunks first. A failed
    // write spoils the batch (commit() reports it), as the row's own write would have.
    void flushDone()
    {
        if (pendingDone.isEmpty())
            return;
        if (batchFailed) {
            pendingDone.clear();   // rolled back at the commit anyway
            return;
        }
        qsizetype at = 0;
        while (at < pendingDone.size()) {
            const qsizetype left = pendingDone.size() - at;
            int level = DoneChunkLevels - 1;
            while ((qsizetype(1) << level) > left)
                --level;
            const qsizetype rows = qsizetype(1) << level;
            SqliteStatement &insert = doneInsert[level];
            // Prepared on first use: only a consumer that completes work on arrival (a
            // worker) writes done rows, and the larger statements take tens of kB each,
            // which an idle store or factory would otherwise carry for nothing.
            if (!insert.isPrepared() && !prepare(insert, QLatin1StringView(doneInsertSql(rows)))) {
                batchFailed = true;
                break;
            }
            for (qsizetype i = 0; i < rows; ++i) {
                const DoneRow &row = pendingDone.at(at + i);
                insert.bindBlob(int(2 * i + 1), row.id);
                insert.bindInt(int(2 * i + 2), row.atMs);
            }
            if (!run(insert, "record completed work", true))
                break;
            if (insert.changes() != rows) {
                failDetail(u"record completed work"_s,
                           u"%1 of %2 rows written: an id was known already"_s.arg(insert.changes()).arg(rows));
                batchFailed = true;
                deferDone = false;
                break;
            }
            at += rows;
        }
        pendingDone.clear();
    }

    void fail(const QString &what, const QSqlError &error)
    {
        failDetail(what, error.isValid() ? error.text() : QString());
    }

    void failDetail(const QString &what, const QString &detail)
    {
        lastError = detail.isEmpty() ? what : what % u": "_s % detail;
        qCWarning(lcStore).noquote() << connectionName << lastError;
    }

    bool openTransaction()
    {
        if (txOpen)
            return true;
        if (!txBegin.execute()) {
            failDetail(u"begin transaction"_s, txBegin.errorText());
            batchFailed = true;
            return false;
        }
        txOpen = true;
        return true;
    }

    // Runs a C API statement that returns no rows, like run() below; the caller has
    // bound its parameters.
    bool run(SqliteStatement &statement, const char *what, bool write)
    {
        if (write && depth > 0 && !txOpen && !openTransaction())
            return false;
        if (statement.execute())
            return true;
        failDetail(QString::fromLatin1(what), statement.errorText());
        if (write && depth > 0)
            batchFailed = true;
        return false;
    }

    // Runs a prepared statement. A failed write spoils the batch it belongs to. The
    // first write of a batch opens its transaction.
    bool run(QSqlQuery &query, const char *what, bool write)
    {
        if (write && depth > 0 && !txOpen && !openTransaction())
            return false;
        if (query.exec())
            return true;
        fail(QString::fromLatin1(what), query.lastError());
        if (write && depth > 0)
            batchFailed = true;
        return false;
    }

    bool prepare(QSqlQuery &query, QLatin1StringView sql)
    {
        query = QSqlQuery(db);
        query.setForwardOnly(true);
        if (query.prepare(QString(sql)))
            return true;
        fail(u"prepare \""_s % sql % u'"', query.lastError());
        return false;
    }

    bool prepare(SqliteStatement &statement, QLatin1StringView sql)
    {
        QString error;
        if (statement.prepare(handle, sql, &error))
            return true;
        failDetail(u"prepare \""_s % sql % u'"', error);
        return false;
    }

    bool execDirect(const QString &sql)
    {
        QSqlQuery query(db);
        if (query.exec(sql))
            return true;
        fail(u"\""_s % sql % u'"', query.lastError());
        return false;
    }

    std::optional<qint64> scalar(QLatin1StringView sql)
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QString(sql)) || !query.next()) {
            fail(u"\""_s % sql % u'"', query.lastError());
            return std::nullopt;
        }
        return query.value(0).toLongLong();
    }

    void rememberSeen(const SeenIdCache::Key &key)
    {
        // The ids of the open batch are not on disk yet: they stay in memory. Pending
        // done rows go to disk before their ids may leave memory.
        if (!pendingDone.isEmpty() && seenCache.rotatesOnInsert())
            flushDone();
        seenCache.insert(key, pendingSeen);
    }

    // The highest id on disk in [low, high] of one table; empty for none.
    std::optional<QByteArray> highestId(SqliteStatement &query, const std::pair<QByteArray, QByteArray> &range)
    {
        query.bindBlob(1, range.first);
        query.bindBlob(2, range.second);
        const SqliteStatement::Step result = query.step();
        std::optional<QByteArray> highest;
        if (result == SqliteStatement::Step::Row)
            highest = query.columnBlob(0);
        else if (result == SqliteStatement::Step::Done)
            highest = QByteArray();
        else
            failDetail(u"look up highest seen id"_s, query.errorText());
        query.reset();
        return highest;
    }

    // Whether a miss in memory must be looked up on disk (see SeenIdCache).
    bool mayBeOnDisk(const SeenIdCache::Key &key, const QByteArray &id)
    {
        std::optional<bool> answer = seenCache.mayBeOnDisk(key);
        if (answer)
            return *answer;
        // First id of this prefix since a partial load: one range look-up per table.
        flushDone();
        const std::pair<QByteArray, QByteArray> range = SeenIdCache::prefixRange(id);
        const std::optional<QByteArray> inSeen = highestId(seenHighest, range);
        const std::optional<QByteArray> inBacklog = highestId(backlogHighest, range);
        if (!inSeen || !inBacklog)
            return true;   // cannot tell: look the id itself up
        seenCache.noteDiskCeiling(id, *inSeen);
        seenCache.noteDiskCeiling(id, *inBacklog);
        answer = seenCache.mayBeOnDisk(key);
        return !answer || *answer;
    }

    // In memory, or on disk when the memory cache cannot rule it out.
    bool seen(const SeenIdCache::Key &key, const QByteArray &id)
    {
        if (seenCache.contains(key))
            return true;
        if (seenCache.isComplete() || !db.isOpen() || !mayBeOnDisk(key, id))
            return false;
        // No flushDone() needed: a pending done row's id is in memory until it is on
        // disk (rememberSeen), so it never gets here.
        seenSelect.bindBlob(1, id);
        seenSelect.bindBlob(2, id);
        const SqliteStatement::Step result = seenSelect.step();
        seenSelect.reset();
        if (result == SqliteStatement::Step::Failed) {
            failDetail(u"look up seen id"_s, seenSelect.errorText());
            return false;
        }
        const bool found = result == SqliteStatement::Step::Row;
        if (found)
            rememberSeen(key);   // a duplicate tends to come again (resends)
        return found;
    }

    // Records an id not in memory: at the batch's commit, or at once outside a batch.
    void mark(const SeenIdCache::Key &key, const QByteArray &id)
    {
        if (!db.isOpen()) {
            fail(u"markSeen() on a closed store"_s, {});
            return;
        }
        if (depth > 0) {
            // Written at commit, or recorded by the work item the role enqueues for it.
            pendingSeen.append(id);
            rememberSeen(key);
            return;
        }
        seenInsert.bindBlob(1, id);
        seenInsert.bindInt(2, QDateTime::currentMSecsSinceEpoch());
        if (!run(seenInsert, "mark seen", true))
            return;
        if (seenInsert.changes() > 0)
            ++seenRows;
        rememberSeen(key);
    }

    // The newest ids of each dedup record (seen rows, delivered backlog rows), up to half
    // the limit from each; complete when neither table holds more.
    bool loadSeenIds(QLatin1StringView sql, qsizetype half)
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QString(sql));
        query.bindValue(0, half);
        if (!query.exec()) {
            fail(u"load seen ids"_s, query.lastError());
            return false;
        }
        while (query.next())
            seenCache.load(query.value(0).toByteArray());
        return true;
    }

    bool loadSeenCache()
    {
        seenCache.reset(seenCache.limit());
        const qsizetype half = qMax<qsizetype>(1, seenCache.limit() / 2);
        if (!loadSeenIds("SELECT id FROM seen ORDER BY rowid DESC LIMIT ?"_L1, half)
            || !loadSeenIds("SELECT id FROM backlog WHERE delivered = 1 ORDER BY seq DESC LIMIT ?"_L1, half))
            return false;
        if (seenRows > half || deliveredRows > half)
            seenCache.setPartiallyLoaded();
        return true;
    }

    bool loadCounters()
    {
        pendingSeen.clear();
        pendingDone.clear();
        const std::optional<qint64> seen = scalar("SELECT COUNT(*) FROM seen"_L1);
        const std::optional<qint64> pendingCount =
            scalar("SELECT COUNT(*) FROM backlog WHERE completed = 0"_L1);
        const std::optional<qint64> completedCount =
            scalar("SELECT COUNT(*) FROM backlog WHERE completed = 1"_L1);
        const std::optional<qint64> delivered =
            scalar("SELECT COUNT(*) FROM backlog WHERE delivered = 1"_L1);
        const std::optional<qint64> pruned =
            scalar("SELECT COALESCE(MAX(value), 0) FROM meta WHERE name = 'completed_pruned'"_L1);
        const std::optional<qint64> maxSeq = scalar("SELECT COALESCE(MAX(seq), 0) FROM records"_L1);
        if (!seen || !pendingCount || !completedCount || !delivered || !pruned || !maxSeq)
            return false;
        seenRows = *seen;
        pending = *pendingCount;
        completedRows = *completedCount;
        deliveredRows = *delivered;
        completedPruned = *pruned;
        nextRecordSeq = *maxSeq + 1;
        return loadSeenCache();
    }

    // Writes the ids marked seen in this batch that no backlog row records.
    void flushPendingSeen(qint64 nowMs)
    {
        for (const QByteArray &id : std::as_const(pendingSeen)) {
            seenInsert.bindBlob(1, id);
            seenInsert.bindInt(2, nowMs);
            if (!run(seenInsert, "mark seen", true))
                break;
            if (seenInsert.changes() > 0)
                ++seenRows;
        }
        pendingSeen.clear();
    }

    // Deletes the oldest rows beyond the retention, at most one chunk per commit.
    void prune(qint64 nowMs)
    {
        const qint64 ageLimit = nowMs - retainMinAgeMs;
        if (seenRows > retainRows && nowMs >= seenPruneNotBeforeMs) {
            const qsizetype chunk = qMin<qsizetype>(seenRows - retainRows, PruneChunkRows);
            seenPrune.bindValue(0, chunk);
            seenPrune.bindValue(1, ageLimit);
            if (run(seenPrune, "prune seen ids", true)) {
                const int removed = seenPrune.numRowsAffected();
                seenRows -= removed;
                if (removed < chunk)
                    seenPruneNotBeforeMs = nowMs + PruneBackoffMs;
            }
        }
        if (completedRows > retainRows && nowMs >= backlogPruneNotBeforeMs) {
            const qsizetype chunk = qMin<qsizetype>(completedRows - retainRows, PruneChunkRows);
            // Count what goes first: delivered rows are dedup records and leave seenCount.
            backlogPruneCount.bindValue(0, chunk);
            backlogPruneCount.bindValue(1, ageLimit);
            if (!run(backlogPruneCount, "count prunable work items", true) || !backlogPruneCount.next())
                return;
            const qint64 rows = backlogPruneCount.value(0).toLongLong();
            const qint64 delivered = backlogPruneCount.value(1).toLongLong();
            backlogPruneCount.finish();
            if (rows > 0) {
                backlogPrune.bindValue(0, chunk);
                backlogPrune.bindValue(1, ageLimit);
                metaAdd.bindValue(0, CompletedPrunedKey);
                metaAdd.bindValue(1, rows);
                if (!run(backlogPrune, "prune work items", true) || !run(metaAdd, "count pruned work items", true))
                    return;
                completedRows -= rows;
                completedPruned += rows;
                deliveredRows -= delivered;
            }
            if (rows < chunk)
                backlogPruneNotBeforeMs = nowMs + PruneBackoffMs;
        }
    }

    bool createSchema()
    {
        const std::optional<qint64> version = scalar("PRAGMA user_version"_L1);
        if (!version)
            return false;
        if (*version > SchemaVersion) {
            fail(u"the database has schema version %1; this build reads up to %2"_s
                     .arg(*version)
                     .arg(SchemaVersion),
                 {});
            return false;
        }
        // Current already: no write at all, so a second instance can open the file for
        // reading while the owner is inside a transaction.
        if (*version == SchemaVersion)
            return true;
        if (!db.transaction()) {
            fail(u"begin schema transaction"_s, db.lastError());
            return false;
        }
        // Every step newer than the file, in order, in one transaction.
        for (const SchemaStep &step : SchemaSteps) {
            if (step.version <= *version)
                continue;
            for (qsizetype i = 0; i < step.count; ++i) {
                if (!execDirect(step.statements[i])) {
                    db.rollback();
                    return false;
                }
            }
        }
        if (!execDirect(u"PRAGMA user_version = %1"_s.arg(SchemaVersion))) {
            db.rollback();
            return false;
        }
        if (!db.commit()) {
            fail(u"commit schema"_s, db.lastError());
            db.rollback();
            return false;
        }
        return true;
    }

    bool prepareAll()
    {
        handle = sqliteHandle(db);
        if (!handle) {
            failDetail(u"no SQLite handle behind the QSQLITE connection"_s, QString());
            return false;
        }
        return prepare(txBegin, "BEGIN"_L1)
            && prepare(txCommit, "COMMIT"_L1)
            && prepare(txRollback, "ROLLBACK"_L1)
            && prepare(seenInsert, "INSERT OR IGNORE INTO seen (id, at_ms) VALUES (?, ?)"_L1)
            && prepare(seenSelect,
                       "SELECT 1 FROM seen WHERE id = ?"
                       " UNION ALL SELECT 1 FROM backlog WHERE id = ? AND delivered = 1"_L1)
            // Any backlog row counts, delivered or not: a ceiling may be too high, never too low.
            && prepare(seenHighest, "SELECT id FROM seen WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT 1"_L1)
            && prepare(backlogHighest,
                       "SELECT id FROM backlog WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT 1"_L1)
            && prepare(inventorySelect, "SELECT quantity FROM inventory WHERE item = ?"_L1)
            && prepare(inventorySelectAll, "SELECT item, quantity FROM inventory"_L1)
            && prepare(inventorySet,
                       "INSERT INTO inventory (item, quantity) VALUES (?, ?)"
                       " ON CONFLICT (item) DO UPDATE SET quantity = excluded.quantity"_L1)
            && prepare(inventoryAdd,
                       "INSERT INTO inventory (item, quantity) VALUES (?, ?)"
                       " ON CONFLICT (item) DO UPDATE SET quantity = quantity + excluded.quantity"_L1)
            // The check and the take are one statement: no read-modify-write window.
            && prepare(inventoryTake,
                       "UPDATE inventory SET quantity = quantity + ?"
                       " WHERE item = ? AND quantity + ? >= 0"_L1)
            && prepare(adjustmentSelect,
                       "SELECT accepted FROM adjustments WHERE request_id = ? AND kind = ?"_L1)
            && prepare(adjustmentInsert,
                       "INSERT INTO adjustments (request_id, kind, item, delta, accepted)"
                       " VALUES (?, ?, ?, ?, ?)"_L1)
            && prepare(holdInsert,
                       "INSERT INTO holds (request_id, item, customer, created_ms) VALUES (?, ?, ?, ?)"_L1)
            && prepare(holdSelect,
                       "SELECT request_id, item, customer, created_ms FROM holds WHERE request_id = ?"_L1)
            && prepare(holdSelectAll,
                       "SELECT request_id, item, customer, created_ms FROM holds ORDER BY seq"_L1)
            && prepare(backlogInsert[0],
                       "INSERT OR IGNORE INTO backlog (id, payload, enqueued_ms, delivered)"
                       " VALUES (?, ?, ?, 0)"_L1)
            && prepare(backlogInsert[1],
                       "INSERT OR IGNORE INTO backlog (id, payload, enqueued_ms, delivered)"
                       " VALUES (?, ?, ?, 1)"_L1)
            && prepare(backlogInsertDone[0],
                       "INSERT OR IGNORE INTO backlog (id, payload, enqueued_ms, delivered, completed, completed_ms)"
                       " VALUES (?, x'', ?, 0, 1, ?)"_L1)
            && prepare(backlogInsertDone[1],
                       "INSERT OR IGNORE INTO backlog (id, payload, enqueued_ms, delivered, completed, completed_ms)"
                       " VALUES (?, x'', ?, 1, 1, ?)"_L1)
            && prepare(backlogNext,
                       "SELECT id, payload, enqueued_ms FROM backlog WHERE completed = 0"
                       " ORDER BY seq LIMIT 1"_L1)
            && prepare(backlogComplete,
                       "UPDATE backlog SET completed = 1, completed_ms = ? WHERE id = ? AND completed = 0"_L1)
            // Oldest first; rows too young for the age limit stay. Both prunes look at
            // one chunk from the start of the table only, never scan all of it.
            && prepare(seenPrune,
                       "DELETE FROM seen WHERE rowid IN (SELECT rowid FROM seen ORDER BY rowid LIMIT ?)"
                       " AND at_ms <= ?"_L1)
            && prepare(backlogPruneCount,
                       "SELECT COUNT(*), COALESCE(SUM(delivered), 0) FROM backlog WHERE seq IN"
                       " (SELECT seq FROM backlog WHERE completed = 1 ORDER BY seq LIMIT ?)"
                       " AND completed_ms <= ?"_L1)
            && prepare(backlogPrune,
                       "DELETE FROM backlog WHERE seq IN"
                       " (SELECT seq FROM backlog WHERE completed = 1 ORDER BY seq LIMIT ?)"
                       " AND completed_ms <= ?"_L1)
            && prepare(metaAdd,
                       "INSERT INTO meta (name, value) VALUES (?, ?)"
                       " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value"_L1)
            && prepare(recordUpsert,
                       "INSERT INTO records (kind, id, json, seq) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json"_L1)
            && prepare(recordSelect, "SELECT json FROM records WHERE kind = ? AND id = ?"_L1)
            && prepare(recordSelectKind, "SELECT json FROM records WHERE kind = ? ORDER BY seq"_L1)
            && prepare(recordRemove, "DELETE FROM records WHERE kind = ? AND id = ?"_L1);
    }

    void rollback()
    {
        if (txOpen && !txRollback.execute())
            failDetail(u"rollback"_s, txRollback.errorText());
        txOpen = false;
        depth = 0;
        batchFailed = false;
        // The memory side may hold what the rollback just undid.
        loadCounters();
    }

    static EntityStore::Hold holdFrom(const QSqlQuery &query)
    {
        return {query.value(0).toByteArray(), query.value(1).toString(), query.value(2).toString(),
                query.value(3).toLongLong()};
    }

    static QJsonObject jsonFrom(const QVariant &text)
    {
        return QJsonDocument::fromJson(text.toString().toUtf8()).object();
    }
};

EntityStore::EntityStore()
    : d(std::make_unique<Private>())
{
}

EntityStore::~EntityStore()
{
    close();
}

bool EntityStore::open(const QString &path, QString *error)
{
    close();
    d->lastError.clear();
    d->connectionName = u"portolan.store.%1"_s.arg(++connectionCounter);
    d->db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->connectionName);

    const auto failOpen = [&] {
        if (error)
            *error = d->lastError;
        const QString reason = d->lastError;
        close();
        d->lastError = reason;
        return false;
    };

    if (!d->db.isValid()) {
        d->fail(u"the QSQLITE driver is not available"_s, {});
        return failOpen();
    }
    d->db.setDatabaseName(path);
    if (!d->db.open()) {
        d->fail(u"open %1"_s.arg(path), d->db.lastError());
        return failOpen();
    }

    // An in-memory database answers "memory"; a file must really be in WAL mode, or
    // readers would block the writer and a crash could tear a transaction.
    {
        QSqlQuery query(d->db);
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next()) {
            d->fail(u"set journal_mode"_s, query.lastError());
            return failOpen();
        }
        const QString mode = query.value(0).toString().toLower();
        if (mode != "wal"_L1 && mode != "memory"_L1) {
            d->fail(u"journal_mode is %1, not wal"_s.arg(mode), {});
            return failOpen();
        }
    }
    for (QLatin1StringView pragma : ConnectionPragmas) {
        if (!d->execDirect(pragma))
            return failOpen();
    }
    if (!d->createSchema() || !d->prepareAll() || !d->loadCounters())
        return failOpen();
    return true;
}

void EntityStore::close()
{
    if (d->connectionName.isEmpty())
        return;
    if (d->depth > 0 && d->db.isOpen()) {
        qCWarning(lcStore).noquote() << d->connectionName
                                     << "closed inside a transaction: its writes are rolled back";
        if (d->txOpen && !d->txRollback.execute())
            d->failDetail(u"rollback on close"_s, d->txRollback.errorText());
    }
    d->pendingDone.clear();
    d->deferDone = true;
    d->txOpen = false;
    d->depth = 0;
    d->batchFailed = false;
    // Every statement and handle must be gone before removeDatabase().
    for (QSqlQuery *statement : d->statements())
        *statement = QSqlQuery();
    for (SqliteStatement *statement : d->directStatements())
        statement->finalize();
    d->handle = nullptr;
    d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(d->connectionName);
    d->connectionName.clear();
    d->seenCache.reset(d->seenCache.limit());
    d->pendingSeen.clear();
    d->seenRows = 0;
    d->deliveredRows = 0;
    d->pending = 0;
    d->completedRows = 0;
    d->completedPruned = 0;
    d->nextRecordSeq = 1;
    d->seenPruneNotBeforeMs = 0;
    d->backlogPruneNotBeforeMs = 0;
}

bool EntityStore::isOpen() const
{
    return d->db.isValid() && d->db.isOpen();
}

QString EntityStore::lastError() const
{
    return d->lastError;
}

void EntityStore::begin()
{
    if (!isOpen()) {
        d->fail(u"begin() on a closed store"_s, {});
        return;
    }
    if (d->depth++ > 0)
        return;
    d->batchFailed = false;
}

bool EntityStore::commit()
{
    if (d->depth == 0) {
        d->fail(u"commit() without begin()"_s, {});
        return false;
    }
    if (d->depth > 1) {
        --d->depth;
        return !d->batchFailed;
    }
    // The outermost commit: what the batch left for it is written while the batch is
    // still open (depth 1), so that it goes into the batch's transaction (opening it if
    // nothing else did) and a failure spoils the batch.
    if (!d->batchFailed) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        d->flushDone();
        d->flushPendingSeen(now);
        if (!d->batchFailed)
            d->prune(now);
    }
    d->depth = 0;
    if (d->batchFailed) {
        const QString reason = d->lastError;
        d->rollback();
        d->lastError = u"batch rolled back: "_s % reason;
        qCWarning(lcStore).noquote() << d->connectionName << d->lastError;
        return false;
    }
    if (!d->txOpen)
        return true;   // nothing was written
    if (!d->txCommit.execute()) {
        d->failDetail(u"commit"_s, d->txCommit.errorText());
        const QString reason = d->lastError;
        d->rollback();
        d->lastError = reason;
        return false;
    }
    d->txOpen = false;
    return true;
}

bool EntityStore::inTransaction() const
{
    return d->depth > 0;
}

bool EntityStore::hasSeen(const QByteArray &messageId) const
{
    return d->seen(SeenIdCache::keyOf(messageId), messageId);
}

void EntityStore::markSeen(const QByteArray &messageId)
{
    const SeenIdCache::Key key = SeenIdCache::keyOf(messageId);
    if (d->seenCache.contains(key))
        return;   // in memory means already on disk
    d->mark(key, messageId);
}

bool EntityStore::markSeenIfNew(const QByteArray &messageId)
{
    const SeenIdCache::Key key = SeenIdCache::keyOf(messageId);
    if (d->seen(key, messageId))
        return false;
    d->mark(key, messageId);
    return true;
}

qsizetype EntityStore::seenCount() const
{
    return d->seenRows + d->deliveredRows + d->pendingSeen.size();
}

void EntityStore::setSeenCacheLimit(qsizetype limit)
{
    // The reload reads the disk: the batch's done rows must be there, and the ids marked
    // in the batch without a row yet stay in memory.
    d->flushDone();
    d->seenCache.reset(limit);
    if (!isOpen())
        return;
    d->loadSeenCache();
    for (const QByteArray &id : std::as_const(d->pendingSeen))
        d->seenCache.insert(SeenIdCache::keyOf(id), d->pendingSeen);
}

qint64 EntityStore::inventory(const QString &item) const
{
    if (!isOpen())
        return 0;
    QSqlQuery &query = d->inventorySelect;
    query.bindValue(0, item);
    if (!d->run(query, "read inventory", false))
        return 0;
    const qint64 quantity = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return quantity;
}

QHash<QString, qint64> EntityStore::inventoryAll() const
{
    QHash<QString, qint64> all;
    if (!isOpen())
        return all;
    QSqlQuery &query = d->inventorySelectAll;
    if (!d->run(query, "read inventory", false))
        return all;
    while (query.next())
        all.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return all;
}

void EntityStore::setInventory(const QString &item, qint64 quantity)
{
    if (!isOpen()) {
        d->fail(u"setInventory() on a closed store"_s, {});
        return;
    }
    QSqlQuery &query = d->inventorySet;
    query.bindValue(0, item);
    query.bindValue(1, quantity);
    d->run(query, "set inventory", true);
}

bool EntityStore::adjustInventory(const QString &item, qint64 delta, const QByteArray &requestId)
{
    if (!isOpen()) {
        d->fail(u"adjustInventory() on a closed store"_s, {});
        return false;
    }
    // Look-up, change and outcome are one transaction (nested in the caller's batch if any).
    begin();
    const bool remembered = !requestId.isEmpty();
    std::optional<bool> outcome;
    if (remembered) {
        QSqlQuery &select = d->adjustmentSelect;
        select.bindValue(0, requestId);
        select.bindValue(1, kindAdjust());
        if (d->run(select, "look up adjustment", true) && select.next())
            outcome = select.value(0).toBool();
        select.finish();
    }
    if (!outcome) {
        QSqlQuery &change = delta >= 0 ? d->inventoryAdd : d->inventoryTake;
        if (delta >= 0) {
            change.bindValue(0, item);
            change.bindValue(1, delta);
        } else {
            change.bindValue(0, delta);
            change.bindValue(1, item);
            change.bindValue(2, delta);
        }
        outcome = d->run(change, "adjust inventory", true) && change.numRowsAffected() == 1;
        if (remembered) {
            QSqlQuery &insert = d->adjustmentInsert;
            insert.bindValue(0, requestId);
            insert.bindValue(1, kindAdjust());
            insert.bindValue(2, item);
            insert.bindValue(3, delta);
            insert.bindValue(4, *outcome);
            d->run(insert, "record adjustment", true);
        }
    }
    return commit() && *outcome;
}

bool EntityStore::hold(const QByteArray &requestId, const QString &item, const QString &customer,
                       qint64 nowMs)
{
    if (!isOpen()) {
        d->fail(u"hold() on a closed store"_s, {});
        return false;
    }
    begin();
    std::optional<bool> outcome;
    QSqlQuery &select = d->adjustmentSelect;
    select.bindValue(0, requestId);
    select.bindValue(1, kindHold());
    if (d->run(select, "look up hold", true) && select.next())
        outcome = select.value(0).toBool();
    select.finish();
    if (!outcome) {
        QSqlQuery &take = d->inventoryTake;
        take.bindValue(0, qint64(-1));
        take.bindValue(1, item);
        take.bindValue(2, qint64(-1));
        outcome = d->run(take, "take held item", true) && take.numRowsAffected() == 1;

        QSqlQuery &insert = d->adjustmentInsert;
        insert.bindValue(0, requestId);
        insert.bindValue(1, kindHold());
        insert.bindValue(2, item);
        insert.bindValue(3, qint64(-1));
        insert.bindValue(4, *outcome);
        d->run(insert, "record hold outcome", true);

        if (*outcome) {
            QSqlQuery &holdRow = d->holdInsert;
            holdRow.bindValue(0, requestId);
            holdRow.bindValue(1, item);
            holdRow.bindValue(2, customer.isNull() ? u""_s : customer);   // NOT NULL: a null QString binds as NULL
            holdRow.bindValue(3, nowMs);
            d->run(holdRow, "insert hold", true);
        }
    }
    return commit() && *outcome;
}

std::optional<EntityStore::Hold> EntityStore::findHold(const QByteArray &requestId) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery &query = d->holdSelect;
    query.bindValue(0, requestId);
    if (!d->run(query, "find hold", false))
        return std::nullopt;
    std::optional<Hold> found;
    if (query.next())
        found = Private::holdFrom(query);
    query.finish();
    return found;
}

QList<EntityStore::Hold> EntityStore::holds() const
{
    QList<Hold> all;
    if (!isOpen())
        return all;
    QSqlQuery &query = d->holdSelectAll;
    if (!d->run(query, "list holds", false))
        return all;
    while (query.next())
        all.append(Private::holdFrom(query));
    query.finish();
    return all;
}

bool EntityStore::enqueue(const QByteArray &id, const QByteArray &payload, qint64 nowMs)
{
    if (!isOpen()) {
        d->fail(u"enqueue() on a closed store"_s, {});
        return false;
    }
    if (!insertWork(id, payload, nowMs, false))
        return false;
    ++d->pending;
    return true;
}

bool EntityStore::recordCompleted(const QByteArray &id, qint64 nowMs)
{
    if (!isOpen()) {
        d->fail(u"recordCompleted() on a closed store"_s, {});
        return false;
    }
    if (!insertWork(id, {}, nowMs, true))
        return false;
    ++d->completedRows;
    return true;
}

bool EntityStore::insertWork(const QByteArray &id, const QByteArray &payload, qint64 nowMs, bool completed)
{
    // The message being delivered has just been marked seen: if this item carries its id,
    // the item's row is its dedup record and no seen row is written for it.
    const bool delivered = !d->pendingSeen.isEmpty() && d->pendingSeen.constLast() == id;
    if (completed && d->mayDeferDone(delivered)) {
        d->pendingDone.append({id, nowMs});
        d->pendingSeen.removeLast();
        ++d->deliveredRows;
        return true;
    }
    // Written at once: the pending rows go first, so that a repeated id is seen as one
    // and rows keep the order of their calls.
    d->flushDone();
    SqliteStatement &query = completed ? d->backlogInsertDone[delivered] : d->backlogInsert[delivered];
    query.bindBlob(1, id);
    if (completed) {
        query.bindInt(2, nowMs);
        query.bindInt(3, nowMs);
    } else {
        // bindBlob stores an empty (or null) payload as an empty blob, never as NULL.
        query.bindBlob(2, payload);
        query.bindInt(3, nowMs);
    }
    if (!d->run(query, completed ? "record completed work" : "enqueue", true) || query.changes() != 1)
        return false;
    if (delivered) {
        d->pendingSeen.removeLast();
        ++d->deliveredRows;
    }
    return true;
}

std::optional<EntityStore::WorkItem> EntityStore::nextWork() const
{
    if (!isOpen() || d->pending == 0)
        return std::nullopt;
    SqliteStatement &query = d->backlogNext;
    std::optional<WorkItem> item;
    const SqliteStatement::Step result = query.step();
    if (result == SqliteStatement::Step::Row)
        item = WorkItem{query.columnBlob(0), query.columnBlob(1), query.columnInt(2)};
    else if (result == SqliteStatement::Step::Failed)
        d->failDetail(u"next work item"_s, query.errorText());
    query.reset();
    return item;
}

void EntityStore::complete(const QByteArray &id)
{
    if (!isOpen()) {
        d->fail(u"complete() on a closed store"_s, {});
        return;
    }
    SqliteStatement &query = d->backlogComplete;
    query.bindInt(1, QDateTime::currentMSecsSinceEpoch());
    query.bindBlob(2, id);
    if (d->run(query, "complete work item", true) && query.changes() == 1) {
        --d->pending;
        ++d->completedRows;
    }
}

qsizetype EntityStore::backlogSize() const
{
    return d->pending;
}

qint64 EntityStore::completedCount() const
{
    return d->completedRows + d->completedPruned;
}

void EntityStore::setRetention(qsizetype rows, qint64 minAgeMs)
{
    d->retainRows = qMax<qsizetype>(0, rows);
    d->retainMinAgeMs = qMax<qint64>(0, minAgeMs);
    d->seenPruneNotBeforeMs = 0;
    d->backlogPruneNotBeforeMs = 0;
}

void EntityStore::putRecord(const QString &kind, const QString &id, const QJsonObject &record)
{
    if (!isOpen()) {
        d->fail(u"putRecord() on a closed store"_s, {});
        return;
    }
    QSqlQuery &query = d->recordUpsert;
    query.bindValue(0, kind);
    query.bindValue(1, id);
    query.bindValue(2, QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
    query.bindValue(3, d->nextRecordSeq);
    if (d->run(query, "put record", true))
        ++d->nextRecordSeq;
}

std::optional<QJsonObject> EntityStore::record(const QString &kind, const QString &id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery &query = d->recordSelect;
    query.bindValue(0, kind);
    query.bindValue(1, id);
    if (!d->run(query, "read record", false))
        return std::nullopt;
    std::optional<QJsonObject> found;
    if (query.next())
        found = Private::jsonFrom(query.value(0));
    query.finish();
    return found;
}

QList<QJsonObject> EntityStore::records(const QString &kind) const
{
    QList<QJsonObject> all;
    if (!isOpen())
        return all;
    QSqlQuery &query = d->recordSelectKind;
    query.bindValue(0, kind);
    if (!d->run(query, "list records", false))
        return all;
    while (query.next())
        all.append(Private::jsonFrom(query.value(0)));
    query.finish();
    return all;
}

void EntityStore::removeRecord(const QString &kind, const QString &id)
{
    if (!isOpen()) {
        d->fail(u"removeRecord() on a closed store"_s, {});
        return;
    }
    QSqlQuery &query = d->recordRemove;
    query.bindValue(0, kind);
    query.bindValue(1, id);
    d->run(query, "remove record", true);
}

QSqlDatabase EntityStore::database() const
{
    // Whoever is handed the connection sees every row this instance has reported written.
    d->flushDone();
    return d->db;
}

} // namespace Portolan::Node
