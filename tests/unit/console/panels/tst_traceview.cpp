#include "console/panels/tracemodel.h"
#include "console/panels/traceview.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Portolan;
using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

Scenario::RecordedEvent ev(qint64 atMs, const QString &node, const QString &kind, const char *fields)
{
    return {atMs, node, kind, QJsonDocument::fromJson(QByteArray(fields)).object()};
}

// A traced request from e7 to store-4 and back, with another request's hop mixed in,
// delivered to the view out of order.
QList<Scenario::RecordedEvent> events()
{
    return {
        ev(4013, u"e4"_s, u"trace-hop"_s, R"({"requestId":"q1","messageId":"m1","hop":3,"atMs":1718000004013,"address":"/store/4/hold"})"),
        ev(4010, u"e7"_s, u"trace-hop"_s, R"({"requestId":"q1","messageId":"m1","hop":0,"atMs":1718000004010,"address":"/store/4/hold"})"),
        ev(4011, u"c1"_s, u"trace-hop"_s, R"({"requestId":"q1","messageId":"m1","hop":1,"atMs":1718000004010,"address":"/store/4/hold"})"),
        ev(4011, u"c3"_s, u"trace-hop"_s, R"({"requestId":"q1","messageId":"m1","hop":2,"atMs":1718000004012,"address":"/store/4/hold"})"),
        ev(4012, u"e9"_s, u"trace-hop"_s, R"({"requestId":"q2","messageId":"m2","hop":0,"atMs":1718000004012,"address":"/x"})"),
        ev(4015, u"store-4"_s, u"delivery"_s, R"({"requestId":"q1","messageId":"m1","address":"/store/4/hold","path":["e7","c1","c3","e4"]})"),
        ev(4019, u"e7"_s, u"delivery"_s, R"({"messageId":"m1","consumer":"store-4","latencyMs":9})"),
        ev(4022, u"e7"_s, u"answer"_s, R"({"requestId":"q1","from":"store-4","status":200,"path":["e4","c3","c1","e7"]})"),
    };
}

QString column(const TraceModel &model, int column)
{
    QStringList cells;
    for (int r = 0; r < model.rowCount(); ++r)
        cells.append(model.index(r, column).data().toString());
    return cells.join(u',');
}

} // namespace

class tst_TraceView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsOnlyTheRequest();
    void hopsInOrderWithTimings();
    void closingEvents();
    void viewHeaderAndSelection();
    void unknownRequest();
};

// The request's own events are kept (its ack by message id too); another request's are not.
void tst_TraceView::keepsOnlyTheRequest()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrace(u"q1"_s, events());
    QCOMPARE(model.rowCount(), 7);
    QVERIFY(!column(model, TraceModel::NodeColumn).contains(u"e9"_s));
    QCOMPARE(model.hopCount(), 4);
}

// Hops are in path order, each with the time since the one before (node clocks for hops).
void tst_TraceView::hopsInOrderWithTimings()
{
    TraceModel model;
    model.setTrace(u"q1"_s, events());
    QCOMPARE(column(model, TraceModel::NodeColumn), u"e7,c1,c3,e4,store-4,e7,e7"_s);
    QCOMPARE(column(model, TraceModel::HopColumn), u"0,1,2,3,,,"_s);
    QCOMPARE(column(model, TraceModel::StepColumn), u",+0 ms,+2 ms,+1 ms,+2 ms,+4 ms,+3 ms"_s);
    QCOMPARE(model.index(0, TraceModel::AtColumn).data().toString(), u"0:04.010"_s);
    QCOMPARE(model.path(), (QStringList{u"e7"_s, u"c1"_s, u"c3"_s, u"e4"_s, u"store-4"_s, u"e7"_s}));
    QCOMPARE(model.totalMs(), 12);
}

// Delivery, acknowledgement and answer close the trace with their own words.
void tst_TraceView::closingEvents()
{
    TraceModel model;
    model.setTrace(u"q1"_s, events());
    QCOMPARE(column(model, TraceModel::EventColumn),
             u"forwarded,forwarded,forwarded,forwarded,delivered,acknowledged,answer"_s);
    QCOMPARE(model.index(5, TraceModel::DetailColumn).data().toString(), u"by store-4 after 9 ms"_s);
    QCOMPARE(model.index(6, TraceModel::DetailColumn).data().toString(), u"status 200 from store-4"_s);
    QVERIFY(model.index(0, TraceModel::EventColumn).data(Qt::DecorationRole).isValid());
}

// The view names the request and its path; choosing a row names its node.
void tst_TraceView::viewHeaderAndSelection()
{
    TraceView view;
    view.showTrace(u"q1"_s, events());
    QCOMPARE(view.pathText(), u"e7  →  c1  →  c3  →  e4  →  store-4  →  e7"_s);
    QSignalSpy selected(&view, &TraceView::hopSelected);
    view.view()->setCurrentIndex(view.model()->index(2, 0));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().at(0).toString(), u"c3"_s);
    view.clear();
    QCOMPARE(view.model()->rowCount(), 0);
}

// A request nobody traced shows no rows and says why.
void tst_TraceView::unknownRequest()
{
    TraceView view;
    view.showTrace(u"nope"_s, events());
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(view.model()->totalMs(), -1);
    QVERIFY(view.pathText().startsWith(u"No hops"_s));
}

QTEST_MAIN(tst_TraceView)
#include "tst_traceview.moc"
