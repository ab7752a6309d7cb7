#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Portolan::Node {

// One SQL statement of the entity store's per-message path, prepared once through
// SQLite's C API on the connection QtSql opened. Every delivery runs a few of these;
// through QSqlQuery each bound value costs a QVariant, a QString::arg and a hash look-up,
// more than SQLite's own work on it. Blobs are bound without a copy (SQLITE_STATIC): the
// bytes must stay alive until the statement is reset.
//
// Not thread-safe; used from the thread of its connection. Finalize it (or destroy it)
// before the connection closes.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // false with *error set when SQLite refuses the SQL.
    bool prepare(sqlite3 *db, QLatin1StringView sql, QString *error);
    void finalize();
    bool isPrepared() const { return m_statement != nullptr; }

    // Parameters count from 1, as in SQLite.
    void bindBlob(int index, QByteArrayView bytes);
    void bindInt(int index, qint64 value);

    enum class Step { Row, Done, Failed };
    // The next row; Failed leaves the reason in errorText().
    Step step();
    // Runs a statement that returns no rows to its end and resets it; false on failure.
    bool execute();
    // Back to the start, releasing the read or write lock a statement holds while active.
    void reset();

    qint64 columnInt(int column) const;
    QByteArray columnBlob(int column) const;

    // Rows the last completed INSERT, UPDATE or DELETE on this connection changed.
    int changes() const;
    QString errorText() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

// The sqlite3 handle behind a QtSql QSQLITE connection; nullptr for another driver or a
// closed connection.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace Portolan::Node
