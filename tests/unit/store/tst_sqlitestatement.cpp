#include "node/store/sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::SqliteStatement;
using Portolan::Node::sqliteHandle;

class TstSqliteStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void handleOfQtConnection();
    void prepareRefusesBadSql_data();
    void prepareRefusesBadSql();
    void bindStepAndRead_data();
    void bindStepAndRead();
    void executeCountsChanges();
    void failedStepExplains();
    void resetReleasesTheReadTransaction();

private:
    QString m_connection;
    QSqlDatabase m_db;
    int m_count = 0;
};

void TstSqliteStatement::init()
{
    m_connection = u"tst-sqlitestatement-%1"_s.arg(++m_count);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    m_db.setDatabaseName(u":memory:"_s);
    QVERIFY(m_db.open());
    QSqlQuery query(m_db);
    QVERIFY(query.exec(u"CREATE TABLE t (id BLOB PRIMARY KEY, n INTEGER NOT NULL, payload BLOB NOT NULL)"_s));
}

void TstSqliteStatement::cleanup()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

// The sqlite3 handle is found behind an open QSQLITE connection, and not behind a closed one.
void TstSqliteStatement::handleOfQtConnection()
{
    QVERIFY(sqliteHandle(m_db));
    QSqlDatabase closed = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-closed"_s);
    QVERIFY(!sqliteHandle(closed));
    closed = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"tst-closed"_s);
}

void TstSqliteStatement::prepareRefusesBadSql_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("syntax") << u"INSRT INTO t VALUES (1)"_s << u"syntax error"_s;
    QTest::newRow("unknown table") << u"SELECT * FROM nowhere"_s << u"no such table"_s;
}

// SQL SQLite refuses is reported with SQLite's reason, and the statement stays unprepared.
void TstSqliteStatement::prepareRefusesBadSql()
{
    QFETCH(QString, sql);
    QFETCH(QString, errorPart);
    const QByteArray latin1 = sql.toLatin1();
    SqliteStatement statement;
    QString error;
    QVERIFY(!statement.prepare(sqliteHandle(m_db), QLatin1StringView(latin1), &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY(!statement.isPrepared());
    QCOMPARE(statement.step(), SqliteStatement::Step::Failed);
}

void TstSqliteStatement::bindStepAndRead_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("text-like") << QByteArray("m1") << qint64(42) << QByteArray("body");
    QTest::newRow("binary with zeros") << QByteArray("\x00\x01", 2) << qint64(-7) << QByteArray("\x00\xff\x00", 3);
    QTest::newRow("empty payload") << QByteArray("m3") << qint64(1) << QByteArray("");
    QTest::newRow("large number, null payload") << QByteArray("m4") << (qint64(1) << 40) << QByteArray();
}

// Bound blobs and integers are written as given and read back byte for byte; an empty
// or null blob is an empty blob, not SQL NULL.
void TstSqliteStatement::bindStepAndRead()
{
    QFETCH(QByteArray, id);
    QFETCH(qint64, number);
    QFETCH(QByteArray, payload);
    SqliteStatement insert;
    SqliteStatement select;
    QString error;
    QVERIFY2(insert.prepare(sqliteHandle(m_db), "INSERT INTO t (id, n, payload) VALUES (?, ?, ?)"_L1, &error),
             qPrintable(error));
    QVERIFY2(select.prepare(sqliteHandle(m_db), "SELECT id, n, payload FROM t WHERE id = ?"_L1, &error),
             qPrintable(error));
    insert.bindBlob(1, id);
    insert.bindInt(2, number);
    insert.bindBlob(3, payload);
    QVERIFY2(insert.execute(), qPrintable(insert.errorText()));

    select.bindBlob(1, id);
    QCOMPARE(select.step(), SqliteStatement::Step::Row);
    QCOMPARE(select.columnBlob(0), id);
    QCOMPARE(select.columnInt(1), number);
    QCOMPARE(select.columnBlob(2), payload);
    QCOMPARE(select.step(), SqliteStatement::Step::Done);
    select.reset();

    select.bindBlob(1, QByteArray("absent"));
    QCOMPARE(select.step(), SqliteStatement::Step::Done);
    select.reset();
}

// changes() says how many rows the last write touched: 1 for an insert, 0 for an ignored one.
void TstSqliteStatement::executeCountsChanges()
{
    SqliteStatement insert;
    QString error;
    QVERIFY2(insert.prepare(sqliteHandle(m_db), "INSERT OR IGNORE INTO t (id, n, payload) VALUES (?, ?, x'')"_L1,
                            &error),
             qPrintable(error));
    insert.bindBlob(1, QByteArray("a"));
    insert.bindInt(2, 1);
    QVERIFY(insert.execute());
    QCOMPARE(insert.changes(), 1);
    QVERIFY(insert.execute());   // same bindings: ignored
    QCOMPARE(insert.changes(), 0);
    insert.bindBlob(1, QByteArray("b"));
    QVERIFY(insert.execute());
    QCOMPARE(insert.changes(), 1);
    QSqlQuery count(m_db);
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM t"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 2);
}

// A step that breaks a constraint fails with SQLite's reason, and the statement can run again.
void TstSqliteStatement::failedStepExplains()
{
    SqliteStatement insert;
    QString error;
    QVERIFY2(insert.prepare(sqliteHandle(m_db), "INSERT INTO t (id, n, payload) VALUES (?, ?, x'')"_L1, &error),
             qPrintable(error));
    insert.bindBlob(1, QByteArray("dup"));
    insert.bindInt(2, 1);
    QVERIFY(insert.execute());
    QVERIFY(!insert.execute());
    QVERIFY2(insert.errorText().contains("UNIQUE"_L1), qPrintable(insert.errorText()));
    insert.bindBlob(1, QByteArray("other"));
    QVERIFY2(insert.execute(), qPrintable(insert.errorText()));
}

// After reset() a half-read SELECT no longer holds the database: a COMMIT through QtSql
// on the same connection goes through.
void TstSqliteStatement::resetReleasesTheReadTransaction()
{
    QSqlQuery fill(m_db);
    QVERIFY(fill.exec(u"INSERT INTO t VALUES (x'01', 1, x''), (x'02', 2, x'')"_s));
    SqliteStatement select;
    QString error;
    QVERIFY2(select.prepare(sqliteHandle(m_db), "SELECT n FROM t ORDER BY n"_L1, &error), qPrintable(error));
    QCOMPARE(select.step(), SqliteStatement::Step::Row);
    QCOMPARE(select.columnInt(0), 1);
    select.reset();
    QVERIFY(m_db.transaction());
    QSqlQuery write(m_db);
    QVERIFY(write.exec(u"DELETE FROM t"_s));
    QVERIFY(m_db.commit());
    QCOMPARE(select.step(), SqliteStatement::Step::Done);
    select.reset();
}

QTEST_GUILESS_MAIN(TstSqliteStatement)
#include "tst_sqlitestatement.moc"
