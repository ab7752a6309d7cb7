#include "node/store/sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

SqliteStatement::~SqliteStatement()
{
    finalize();
}

bool SqliteStatement::prepare(sqlite3 *db, QLatin1StringView sql, QString *error)
{
    finalize();
    m_db = db;
    m_error.clear();
    if (!db) {
        m_error = u"no SQLite connection"_s;
    } else if (sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                  &m_statement, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(m_statement);   // null-safe; SQLite sets it null on failure anyway
        m_statement = nullptr;
    }
    if (!m_statement && error)
        *error = m_error;
    return m_statement != nullptr;
}

void SqliteStatement::finalize()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_db = nullptr;
}

void SqliteStatement::bindBlob(int index, QByteArrayView bytes)
{
    // A null data pointer would bind SQL NULL: an empty id or payload must stay a blob.
    static const char empty = 0;
    sqlite3_bind_blob(m_statement, index, bytes.isEmpty() ? &empty : bytes.data(), int(bytes.size()),
                      SQLITE_STATIC);
}

void SqliteStatement::bindInt(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

SqliteStatement::Step SqliteStatement::step()
{
    if (!m_statement) {
        m_error = u"statement not prepared"_s;
        return Step::Failed;
    }
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        // With a v3-prepared statement the step's own code is the error: the message is current.
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return Step::Failed;
    }
}

bool SqliteStatement::execute()
{
    Step result = step();
    while (result == Step::Row)
        result = step();
    reset();
    return result == Step::Done;
}

void SqliteStatement::reset()
{
    if (m_statement)
        sqlite3_reset(m_statement);
}

qint64 SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArray SqliteStatement::columnBlob(int column) const
{
    // The pointer first, then the size: that order is what SQLite documents as safe.
    const void *data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    if (!data || size <= 0)
        return QByteArray("");
    return QByteArray(static_cast<const char *>(data), size);
}

int SqliteStatement::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

QString SqliteStatement::errorText() const
{
    return m_error;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // QSQLITE answers a QVariant of type "sqlite3*"; any other driver something else.
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace Portolan::Node
