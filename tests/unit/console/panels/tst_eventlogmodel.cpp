#include "console/panels/eventlogfilter.h"
#include "console/panels/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Portolan;
using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

Scenario::RecordedEvent ev(qint64 atMs, const QString &node, const QString &kind, const QJsonObject &fields = {})
{
    return {atMs, node, kind, fields};
}

} // namespace

class tst_EventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsAreBatched();
    void flushesOnItsOwn();
    void capacityDropsOldest_data();
    void capacityDropsOldest();
    void columnsAndRoles();
    void kindsAreCollected();
    void clearForgetsAll();
    void filter_data();
    void filter();
};

// Many appends become one rowsInserted at the flush, in order.
void tst_EventLogModel::appendsAreBatched()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 500; ++i)
        model.append(ev(i, u"r1"_s, u"link-up"_s, {{u"peer"_s, u"r%1"_s.arg(i)}}));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 500);
    model.flush();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.eventAt(499).fields.value("peer"_L1).toString(), u"r499"_s);
    QCOMPARE(model.pendingCount(), 0);
    model.flush();   // nothing queued: nothing happens
    QCOMPARE(inserted.size(), 1);
}

// Without an explicit flush, queued events appear within the flush interval.
void tst_EventLogModel::flushesOnItsOwn()
{
    EventLogModel model;
    QSignalSpy flushed(&model, &EventLogModel::flushed);
    model.append(ev(1, u"r1"_s, u"node-failed"_s));
    model.append(ev(2, u"r1"_s, u"node-restored"_s));
    QVERIFY(flushed.wait(2000));
    QCOMPARE(flushed.first().at(0).toInt(), 2);
    QCOMPARE(model.rowCount(), 2);
}

void tst_EventLogModel::capacityDropsOldest_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("before");   // flushed first
    QTest::addColumn<int>("after");    // then appended and flushed
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("firstAt");
    QTest::newRow("fits") << 10 << 4 << 5 << 9 << 0;
    QTest::newRow("drops old rows") << 10 << 8 << 5 << 10 << 3;
    QTest::newRow("batch larger than capacity") << 10 << 3 << 25 << 10 << 18;
    QTest::newRow("exactly full") << 10 << 10 << 0 << 10 << 0;
}

// The log keeps the newest `capacity` events; the oldest go first.
void tst_EventLogModel::capacityDropsOldest()
{
    QFETCH(int, capacity);
    QFETCH(int, before);
    QFETCH(int, after);
    QFETCH(int, rows);
    QFETCH(int, firstAt);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(capacity);
    int at = 0;
    for (int i = 0; i < before; ++i)
        model.append(ev(at++, u"n"_s, u"k"_s));
    model.flush();
    for (int i = 0; i < after; ++i)
        model.append(ev(at++, u"n"_s, u"k"_s));
    model.flush();
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.eventAt(0).atMs, qint64(firstAt));
    QCOMPARE(model.eventAt(rows - 1).atMs, qint64(at - 1));
    QCOMPARE(model.droppedCount(), qint64(before + after - rows));
}

// Columns show time, node ("run" for the runner), kind and sentence; roles carry the raw values.
void tst_EventLogModel::columnsAndRoles()
{
    EventLogModel model;
    model.append(ev(6012, u"c1"_s, u"trace-hop"_s,
                    {{u"requestId"_s, u"8f3a"_s}, {u"hop"_s, 1}, {u"address"_s, u"/a"_s}}));
    model.append(ev(7000, {}, u"step"_s, {{u"index"_s, 0}, {u"caption"_s, u"Go"_s}, {u"ok"_s, true}}));
    model.flush();
    QCOMPARE(model.index(0, EventLogModel::TimeColumn).data().toString(), u"0:06.012"_s);
    QCOMPARE(model.index(0, EventLogModel::NodeColumn).data().toString(), u"c1"_s);
    QCOMPARE(model.index(0, EventLogModel::KindColumn).data().toString(), u"trace-hop"_s);
    QCOMPARE(model.index(0, EventLogModel::SummaryColumn).data().toString(), u"hop 1 of request 8f3a to /a"_s);
    QCOMPARE(model.index(0, 0).data(EventLogModel::RequestIdRole).toString(), u"8f3a"_s);
    QCOMPARE(model.index(0, 0).data(EventLogModel::AtMsRole).toLongLong(), 6012);
    QVERIFY(model.index(0, EventLogModel::KindColumn).data(Qt::DecorationRole).isValid());
    QVERIFY(model.index(0, EventLogModel::SummaryColumn).data(Qt::ToolTipRole).toString().contains(u"8f3a"_s));
    QCOMPARE(model.index(1, EventLogModel::NodeColumn).data().toString(), u"run"_s);
    QCOMPARE(model.index(1, 0).data(EventLogModel::NodeRole).toString(), QString());
    QCOMPARE(model.index(1, 0).data(EventLogModel::RequestIdRole).toString(), QString());
    QCOMPARE(model.headerData(EventLogModel::SummaryColumn, Qt::Horizontal).toString(), u"What happened"_s);
}

// Each new kind is announced once, and kinds() lists them sorted.
void tst_EventLogModel::kindsAreCollected()
{
    EventLogModel model;
    QSignalSpy kinds(&model, &EventLogModel::kindAdded);
    model.append(ev(0, u"a"_s, u"link-up"_s));
    model.append(ev(1, u"a"_s, u"delivery"_s));
    model.append(ev(2, u"a"_s, u"link-up"_s));
    model.flush();
    QCOMPARE(kinds.size(), 2);
    QCOMPARE(model.kinds(), (QStringList{u"delivery"_s, u"link-up"_s}));
}

// Clearing drops rows, queued events and kinds.
void tst_EventLogModel::clearForgetsAll()
{
    EventLogModel model;
    model.append(ev(0, u"a"_s, u"k"_s));
    model.flush();
    model.append(ev(1, u"a"_s, u"j"_s));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);
    QVERIFY(model.kinds().isEmpty());
}

void tst_EventLogModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("rows");
    QTest::newRow("everything") << QString() << QString() << 4;
    QTest::newRow("by node") << u"store-4"_s << QString() << 2;
    QTest::newRow("by sentence, any case") << u"CUTLASS"_s << QString() << 1;
    QTest::newRow("by request id") << u"q-77"_s << QString() << 1;
    QTest::newRow("by kind") << QString() << u"link-down"_s << 2;
    QTest::newRow("kind and text") << u"c2"_s << u"link-down"_s << 1;
    QTest::newRow("nothing matches") << u"zebra"_s << QString() << 0;
}

// The filter matches node, kind, sentence and request id, and one kind when chosen.
void tst_EventLogModel::filter()
{
    QFETCH(QString, text);
    QFETCH(QString, kind);
    QFETCH(int, rows);
    EventLogModel model;
    model.append(ev(0, u"c1"_s, u"link-down"_s, {{u"peer"_s, u"c2"_s}, {u"reason"_s, u"cut by operator"_s}}));
    model.append(ev(1, u"c3"_s, u"link-down"_s, {{u"peer"_s, u"c1"_s}, {u"reason"_s, u"no hello"_s}}));
    model.append(ev(2, u"store-4"_s, u"item-held"_s, {{u"item"_s, u"cutlass"_s}, {u"customer"_s, u"peaches"_s}}));
    model.append(ev(3, u"store-4"_s, u"delivery"_s, {{u"requestId"_s, u"q-77"_s}, {u"address"_s, u"/store/4"_s}}));
    model.flush();
    EventLogFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setText(text);
    filter.setKind(kind);
    QCOMPARE(filter.rowCount(), rows);
}

QTEST_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
