#include "console/panels/eventlogfilter.h"
#include "console/panels/eventlogmodel.h"
#include "console/panels/eventlogpanel.h"

#include <QComboBox>
#include <QJsonObject>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Portolan;
using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_EventLogPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doubleClick_data();
    void doubleClick();
    void kindComboFollowsModel();
    void filterBoxFilters();
    void followKeepsNewestInView();

private:
    static void fill(EventLogPanel &panel, int count);
};

void tst_EventLogPanel::fill(EventLogPanel &panel, int count)
{
    for (int i = 0; i < count; ++i)
        panel.model()->append({i * 10, u"r%1"_s.arg(i % 3), u"link-up"_s, {{u"peer"_s, u"x"_s}}});
    panel.model()->flush();
}

void tst_EventLogPanel::doubleClick_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("traced");
    QTest::addColumn<QString>("selected");
    QTest::newRow("request row traces") << u"e7"_s << QJsonObject{{u"requestId"_s, u"q-1"_s}} << u"q-1"_s << QString();
    QTest::newRow("node row selects") << u"c2"_s << QJsonObject{{u"peer"_s, u"c1"_s}} << QString() << u"c2"_s;
    QTest::newRow("runner row does nothing") << QString() << QJsonObject{{u"nodes"_s, 3}} << QString() << QString();
}

// Double-clicking a row traces its request, or else selects its node.
void tst_EventLogPanel::doubleClick()
{
    QFETCH(QString, node);
    QFETCH(QJsonObject, fields);
    QFETCH(QString, traced);
    QFETCH(QString, selected);
    EventLogPanel panel;
    panel.resize(700, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.model()->append({5, node, u"some-kind"_s, fields});
    panel.model()->flush();
    QSignalSpy traceSpy(&panel, &EventLogPanel::traceRequested);
    QSignalSpy nodeSpy(&panel, &EventLogPanel::nodeSelected);
    QTableView *view = panel.view();
    const QPoint at = view->visualRect(view->model()->index(0, EventLogModel::SummaryColumn)).center();
    // A view acts on a double-click only over the row it was pressed on: press first.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(traceSpy.size(), traced.isEmpty() ? 0 : 1);
    if (!traced.isEmpty())
        QCOMPARE(traceSpy.first().at(0).toString(), traced);
    QCOMPARE(nodeSpy.size(), selected.isEmpty() ? 0 : 1);
    if (!selected.isEmpty())
        QCOMPARE(nodeSpy.first().at(0).toString(), selected);
}

// The kind box lists every kind seen, sorted after "All events", and filters by it.
void tst_EventLogPanel::kindComboFollowsModel()
{
    EventLogPanel panel;
    panel.model()->append({0, u"a"_s, u"link-up"_s, {}});
    panel.model()->append({1, u"a"_s, u"delivery"_s, {}});
    panel.model()->append({2, u"b"_s, u"link-up"_s, {}});
    panel.model()->flush();
    auto *combo = panel.findChild<QComboBox *>();
    QVERIFY(combo);
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(1), u"delivery"_s);
    QCOMPARE(combo->itemText(2), u"link-up"_s);
    combo->setCurrentIndex(2);
    QCOMPARE(panel.filter()->kind(), u"link-up"_s);
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    panel.model()->clear();
    QCOMPARE(combo->count(), 1);
    QCOMPARE(panel.filter()->kind(), QString());
}

// Typing in the filter box narrows the table.
void tst_EventLogPanel::filterBoxFilters()
{
    EventLogPanel panel;
    fill(panel, 9);
    auto *edit = panel.findChild<QLineEdit *>();
    QVERIFY(edit);
    edit->setText(u"r1"_s);
    QCOMPARE(panel.view()->model()->rowCount(), 3);
    panel.setFilterText({});
    QCOMPARE(panel.view()->model()->rowCount(), 9);
}

// Following, the view scrolls to each new batch; not following, it stays where it was.
void tst_EventLogPanel::followKeepsNewestInView()
{
    EventLogPanel panel;
    panel.resize(600, 200);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.isFollowing());
    fill(panel, 200);
    QScrollBar *bar = panel.view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    panel.setFollowing(false);
    bar->setValue(0);
    fill(panel, 50);
    QCOMPARE(bar->value(), 0);
    panel.setFollowing(true);
    QTRY_COMPARE(bar->value(), bar->maximum());
}

QTEST_MAIN(tst_EventLogPanel)
#include "tst_eventlogpanel.moc"
