#include "console/panels/decisionmodel.h"
#include "console/panels/decisionview.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonDocument>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

namespace {

// The explain result of docs/protocol.md 2.9, plus an unreachable consumer.
QJsonObject balancedResult()
{
    return QJsonDocument::fromJson(R"j({"address":"/factories/orders","mode":"balanced","acked":true,
 "summary":"balanced: factory-2 (outstanding 1 + cost 3)",
 "destinations":[{"router":"r3","consumer":"factory-2"}],
 "candidates":[
   {"consumer":"factory-1","router":"r2","group":"","subscription":"/factories","reachable":true,"atCapacity":true,
    "pathCost":2,"outstanding":8,"score":10,"chosen":false,"note":"at capacity","path":["r1","r2"]},
   {"consumer":"factory-2","router":"r3","group":"","subscription":"/factories","reachable":true,"atCapacity":false,
    "pathCost":3,"outstanding":1,"score":4,"chosen":true,"note":"lowest score","path":["r1","r3"]},
   {"consumer":"factory-9","router":"r9","group":"","subscription":"/factories","reachable":false,"atCapacity":false,
    "pathCost":-1,"outstanding":0,"score":0,"chosen":false,"note":"unreachable","path":[]}]})j")
        .object();
}

QJsonObject multicastWithGroups()
{
    return QJsonDocument::fromJson(R"j({"address":"/orders","mode":"multicast","acked":false,"summary":"multicast: 2 copies",
 "destinations":[{"router":"r1","consumer":"prep-1"},{"router":"r2","consumer":"stats"}],
 "candidates":[
   {"consumer":"prep-1","router":"r1","group":"preparers","reachable":true,"pathCost":0,"outstanding":0,"score":0,"chosen":true,"note":"group preparers","path":["r1"]},
   {"consumer":"prep-2","router":"r2","group":"preparers","reachable":true,"pathCost":1,"outstanding":3,"score":4,"chosen":false,"note":"group has a copy","path":["r1","r2"]},
   {"consumer":"stats","router":"r2","group":"","reachable":true,"pathCost":1,"outstanding":0,"score":0,"chosen":true,"note":"ungrouped","path":["r1","r2"]}]})j")
        .object();
}

QString cell(const DecisionModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class tst_DecisionView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void candidates();
    void chosenIsHighlighted();
    void unreachableIsGreyed();
    void summaryAndBadges();
    void groupsColumnOnlyWithGroups();
    void clearShowsPlaceholder();
};

// Each candidate is a row with its numbers and the router's path.
void tst_DecisionView::candidates()
{
    DecisionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(balancedResult());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 0, DecisionModel::ConsumerColumn), u"factory-1"_s);
    QCOMPARE(cell(model, 0, DecisionModel::PathColumn), u"r1 → r2"_s);
    QCOMPARE(cell(model, 0, DecisionModel::PathCostColumn), u"2"_s);
    QCOMPARE(cell(model, 0, DecisionModel::OutstandingColumn), u"8"_s);
    QCOMPARE(cell(model, 0, DecisionModel::CapacityColumn), u"at capacity"_s);
    QCOMPARE(cell(model, 0, DecisionModel::ScoreColumn), u"10"_s);
    QCOMPARE(cell(model, 0, DecisionModel::NoteColumn), u"at capacity"_s);
    QCOMPARE(cell(model, 1, DecisionModel::CapacityColumn), QString());
    QCOMPARE(model.index(1, DecisionModel::ScoreColumn).data(KeyedTableModel::SortRole).toDouble(), 4.0);
}

// The winner stands out: bold, highlighted, a green dot, and it alone is reported chosen.
void tst_DecisionView::chosenIsHighlighted()
{
    DecisionModel model;
    model.setResult(balancedResult());
    QCOMPARE(model.chosenRows(), QList<int>{1});
    const QModelIndex winner = model.index(1, DecisionModel::ConsumerColumn);
    QVERIFY(winner.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(winner.data(Qt::BackgroundRole).isValid());
    QVERIFY(winner.data(Qt::DecorationRole).isValid());
    QVERIFY(winner.data(Qt::ToolTipRole).toString().contains(u"lowest score"_s));
    const QModelIndex loser = model.index(0, DecisionModel::ConsumerColumn);
    QVERIFY(!loser.data(Qt::FontRole).isValid());
    QVERIFY(!loser.data(Qt::BackgroundRole).isValid());

    model.setResult(multicastWithGroups());
    QCOMPARE(model.chosenRows(), (QList<int>{0, 2}));
}

// An unreachable consumer is greyed and says so where its cost would be; it sorts last.
void tst_DecisionView::unreachableIsGreyed()
{
    DecisionModel model;
    model.setResult(balancedResult());
    QCOMPARE(cell(model, 2, DecisionModel::PathCostColumn), u"unreachable"_s);
    QVERIFY(model.index(2, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(2, DecisionModel::PathCostColumn).data(KeyedTableModel::SortRole).toDouble() > 1e9);
}

// The view says what is decided, by which distribution, and where it goes.
void tst_DecisionView::summaryAndBadges()
{
    DecisionView view;
    view.showDecision(balancedResult());
    QCOMPARE(view.summaryText(), u"balanced: factory-2 (outstanding 1 + cost 3)"_s);
    const auto labels = view.findChildren<QLabel *>();
    auto shows = [&labels](const QString &text) {
        return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->text() == text; });
    };
    QVERIFY(shows(u"balanced"_s));
    QVERIFY(shows(u"acknowledged"_s));
    QVERIFY(shows(u"Goes to: factory-2 (behind r3)"_s));
    QVERIFY(shows(u"Delivery to <b>/factories/orders</b> from <b>r1</b>"_s));
    view.showDecision(multicastWithGroups());
    const auto again = view.findChildren<QLabel *>();
    QVERIFY(std::any_of(again.cbegin(), again.cend(), [](QLabel *l) { return l->text() == u"fire and forget"_s; }));
}

// The group column appears only when some candidate is in a group.
void tst_DecisionView::groupsColumnOnlyWithGroups()
{
    DecisionView view;
    view.showDecision(balancedResult());
    QVERIFY(view.view()->isColumnHidden(DecisionModel::GroupColumn));
    view.showDecision(multicastWithGroups());
    QVERIFY(!view.view()->isColumnHidden(DecisionModel::GroupColumn));
    QCOMPARE(view.model()->index(1, DecisionModel::GroupColumn).data().toString(), u"preparers"_s);
}

// Clearing empties the table.
void tst_DecisionView::clearShowsPlaceholder()
{
    DecisionView view;
    view.showDecision(balancedResult());
    view.clear();
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(view.model()->chosenRows().isEmpty());
}

QTEST_MAIN(tst_DecisionView)
#include "tst_decisionview.moc"
