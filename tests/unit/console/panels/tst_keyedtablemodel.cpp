#include "console/panels/keyedtablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

// The smallest concrete table: key and one value column.
class PairsModel : public KeyedTableModel
{
public:
    PairsModel()
        : KeyedTableModel({u"Name"_s, u"Value"_s}, {u"the name"_s, {}}, nullptr)
    {
    }
    // "a=1,b=2" -> rows a and b.
    void set(const QString &spec)
    {
        QList<Row> rows;
        for (const QString &pair : spec.split(u',', Qt::SkipEmptyParts)) {
            Row row;
            row.key = pair.section(u'=', 0, 0);
            row.metric = u"m."_s + row.key;
            row.cells = {text(row.key), number(pair.section(u'=', 1).toDouble())};
            rows.append(row);
        }
        setRows(rows);
    }
    QString keys() const
    {
        QStringList list;
        for (int i = 0; i < rowCount(); ++i)
            list.append(keyAt(i));
        return list.join(u',');
    }
};

} // namespace

class tst_KeyedTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refresh_data();
    void refresh();
    void updateTouchesOnlyChangedCells();
    void unchangedRowsEmitNothing();
    void persistentIndexFollowsItsKey();
    void duplicateKeysKeepFirst();
    void rolesAndHeaders();
    void resetRowsResets();
};

void tst_KeyedTableModel::refresh_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<int>("inserts");
    QTest::addColumn<int>("removes");
    QTest::addColumn<int>("moves");
    QTest::newRow("fill") << QString() << u"a=1,b=2,c=3"_s << 1 << 0 << 0;
    QTest::newRow("append") << u"a=1,b=2"_s << u"a=1,b=2,c=3"_s << 1 << 0 << 0;
    QTest::newRow("insert in the middle") << u"a=1,c=3"_s << u"a=1,b=2,c=3"_s << 1 << 0 << 0;
    QTest::newRow("insert two runs") << u"b=2,d=4"_s << u"a=1,b=2,c=3,d=4,e=5"_s << 3 << 0 << 0;
    QTest::newRow("remove one") << u"a=1,b=2,c=3"_s << u"a=1,c=3"_s << 0 << 1 << 0;
    QTest::newRow("remove a run") << u"a=1,b=2,c=3,d=4"_s << u"a=1,d=4"_s << 0 << 1 << 0;
    QTest::newRow("remove all") << u"a=1,b=2"_s << QString() << 0 << 1 << 0;
    QTest::newRow("replace") << u"a=1,b=2"_s << u"c=3,d=4"_s << 1 << 1 << 0;
    QTest::newRow("reorder") << u"a=1,b=2,c=3"_s << u"c=3,a=1,b=2"_s << 0 << 0 << 1;
    QTest::newRow("values only") << u"a=1,b=2"_s << u"a=5,b=6"_s << 0 << 0 << 0;
}

// Any new row list is reached by inserts, removes and moves, never a reset, and the
// result is exactly the list asked for.
void tst_KeyedTableModel::refresh()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(int, inserts);
    QFETCH(int, removes);
    QFETCH(int, moves);
    PairsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.set(before);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.set(after);
    QStringList expectedKeys;
    for (const QString &pair : after.split(u',', Qt::SkipEmptyParts))
        expectedKeys.append(pair.section(u'=', 0, 0));
    QCOMPARE(model.keys(), expectedKeys.join(u','));
    QCOMPARE(inserted.size(), inserts);
    QCOMPARE(removed.size(), removes);
    QCOMPARE(moved.size(), moves);
    QCOMPARE(reset.size(), 0);
    for (int i = 0; i < model.rowCount(); ++i)
        QCOMPARE(model.rowOfKey(model.keyAt(i)), i);
}

// A changed value emits dataChanged for that cell only.
void tst_KeyedTableModel::updateTouchesOnlyChangedCells()
{
    PairsModel model;
    model.set(u"a=1,b=2,c=3"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.set(u"a=1,b=7,c=3"_s);
    QCOMPARE(changed.size(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(topLeft.column(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(bottomRight.column(), 1);
    QCOMPARE(model.index(1, 1).data().toString(), u"7"_s);
}

// Refreshing with the same rows emits nothing at all: views do no work.
void tst_KeyedTableModel::unchangedRowsEmitNothing()
{
    PairsModel model;
    model.set(u"a=1,b=2"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.set(u"a=1,b=2"_s);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(layout.size(), 0);
    QCOMPARE(inserted.size(), 0);
}

// A view's selection (a persistent index) stays on its row's key through inserts above it.
void tst_KeyedTableModel::persistentIndexFollowsItsKey()
{
    PairsModel model;
    model.set(u"c=3,d=4"_s);
    const QPersistentModelIndex selected(model.index(1, 0));   // d
    model.set(u"a=1,b=2,c=3,d=5"_s);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 3);
    QCOMPARE(selected.data(KeyedTableModel::KeyRole).toString(), u"d"_s);
    model.set(u"d=5,a=1"_s);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 0);
}

// A repeated key keeps its first row instead of corrupting the table.
void tst_KeyedTableModel::duplicateKeysKeepFirst()
{
    PairsModel model;
    model.set(u"a=1,a=2,b=3"_s);
    QCOMPARE(model.keys(), u"a,b"_s);
    QCOMPARE(model.index(0, 1).data().toString(), u"1"_s);
}

// Cells give text, raw sort values, alignment, dots, emphasis and the row's metric.
void tst_KeyedTableModel::rolesAndHeaders()
{
    struct Model : KeyedTableModel
    {
        Model()
            : KeyedTableModel({u"A"_s, u"B"_s}, {u"tip A"_s}, nullptr)
        {
            Row strong;
            strong.key = u"s"_s;
            strong.metric = u"queues./x"_s;
            strong.emphasis = Emphasis::Strong;
            strong.cells = {state(u"up"_s), number(1500.5)};
            Row muted;
            muted.key = u"m"_s;
            muted.emphasis = Emphasis::Muted;
            muted.cells = {text(u"gone"_s, u"why"_s)};
            setRows({strong, muted});
        }
    } model;
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"A"_s);
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString(), u"tip A"_s);
    QVERIFY(!model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).isValid());
    QCOMPARE(model.index(0, 1).data(KeyedTableModel::SortRole).toDouble(), 1500.5);
    QCOMPARE(model.index(0, 0).data(KeyedTableModel::SortRole).toString(), u"up"_s);
    QCOMPARE(model.index(0, 1).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    QVERIFY(model.index(0, 0).data(Qt::DecorationRole).canConvert<QIcon>());
    QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.index(0, 0).data(KeyedTableModel::MetricRole).toString(), u"queues./x"_s);
    QVERIFY(model.index(1, 0).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(1, 0).data(Qt::ToolTipRole).toString(), u"why"_s);
    QCOMPARE(model.index(1, 1).data().toString(), QString());   // missing cells are empty
    QCOMPARE(model.metricAt(1), QString());
}

// resetRows replaces everything with one model reset.
void tst_KeyedTableModel::resetRowsResets()
{
    PairsModel model;
    model.set(u"a=1"_s);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    KeyedTableModel::Row row;
    row.key = u"z"_s;
    model.resetRows({row, row});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOfKey(u"z"_s), 0);
    QCOMPARE(model.rowOfKey(u"a"_s), -1);
}

QTEST_MAIN(tst_KeyedTableModel)
#include "tst_keyedtablemodel.moc"
