#include "console/canvas/canvasstyle.h"
#include "console/canvas/linkitem.h"
#include "console/canvas/nodeitem.h"

#include <QJsonObject>
#include <QPainter>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

Q_DECLARE_METATYPE(Portolan::Console::LinkState)

class tst_LinkItem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sampleFromTelemetry_data();
    void sampleFromTelemetry();
    void reportedCostWinsOverConfigured();
    void widthGrowsWithTrafficOnlyWhenUp();
    void flowOnlyWhenMarksAreOnScreen();
    void followsItsNodes();

private:
    CanvasStyle m_style;
    std::unique_ptr<NodeItem> m_a;
    std::unique_ptr<NodeItem> m_b;
    std::unique_ptr<LinkItem> m_link;
};

void tst_LinkItem::init()
{
    m_a = std::make_unique<NodeItem>(CanvasNode{u"r1"_s, u"interior"_s, {}, {}, {0, 0}, {}, u"cheap"_s}, &m_style);
    m_b = std::make_unique<NodeItem>(CanvasNode{u"r2"_s, u"interior"_s, {}, {}, {300, 0}, {}, u"cheap"_s}, &m_style);
    m_link = std::make_unique<LinkItem>(m_a.get(), m_b.get(), u"cheap"_s, QColor(Qt::blue), 2, &m_style);
    m_a->addFollower(m_link.get());
    m_b->addFollower(m_link.get());
}

void tst_LinkItem::cleanup()
{
    m_link.reset();
    m_a.reset();
    m_b.reset();
}

// A router's links[peer] entry reads as state, rates and cost; missing or odd values fall back safely.
void tst_LinkItem::sampleFromTelemetry_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<LinkState>("state");
    QTest::addColumn<double>("rateIn");
    QTest::addColumn<double>("rateOut");
    QTest::addColumn<int>("cost");

    QTest::newRow("full")
        << QJsonObject{{u"state"_s, u"up"_s}, {u"rateIn"_s, 310}, {u"rateOut"_s, 305}, {u"cost"_s, 1}}
        << LinkState::Up << 310.0 << 305.0 << 1;
    QTest::newRow("down link reports only config")
        << QJsonObject{{u"state"_s, u"down"_s}, {u"cost"_s, 4}, {u"provider"_s, u"premium"_s}}
        << LinkState::Down << 0.0 << 0.0 << 4;
    QTest::newRow("cut") << QJsonObject{{u"state"_s, u"cut"_s}} << LinkState::Cut << 0.0 << 0.0 << -1;
    QTest::newRow("unknown state") << QJsonObject{{u"state"_s, u"restoring"_s}} << LinkState::Unknown << 0.0 << 0.0 << -1;
    QTest::newRow("negative rates clamp") << QJsonObject{{u"state"_s, u"up"_s}, {u"rateIn"_s, -5}} << LinkState::Up
                                          << 0.0 << 0.0 << -1;
    QTest::newRow("empty") << QJsonObject() << LinkState::Unknown << 0.0 << 0.0 << -1;
}

void tst_LinkItem::sampleFromTelemetry()
{
    QFETCH(QJsonObject, json);
    QFETCH(LinkState, state);
    QFETCH(double, rateIn);
    QFETCH(double, rateOut);
    QFETCH(int, cost);

    const LinkSample sample = LinkSample::fromJson(json);
    QCOMPARE(sample.state, state);
    QCOMPARE(sample.rateIn, rateIn);
    QCOMPARE(sample.rateOut, rateOut);
    QCOMPARE(sample.cost, cost);
}

// A cost changed at run time (set-link-cost) is shown over the scenario's; differing ends show the larger.
void tst_LinkItem::reportedCostWinsOverConfigured()
{
    QCOMPARE(m_link->cost(), 2);
    m_link->setSample(m_b.get(), LinkSample{LinkState::Up, 0, 0, 7});
    QCOMPARE(m_link->cost(), 7);
    m_link->setSample(m_a.get(), LinkSample{LinkState::Up, 0, 0, 3});
    QCOMPARE(m_link->cost(), 7);
    m_link->setSample(m_b.get(), LinkSample{LinkState::Up, 0, 0, 3});
    QCOMPARE(m_link->cost(), 3);
}

// Traffic widens an up link, logarithmically and bounded; a link that is not up has no traffic width.
void tst_LinkItem::widthGrowsWithTrafficOnlyWhenUp()
{
    QList<double> widths;
    for (double rate : {0.0, 10.0, 100.0, 1000.0, 100000.0}) {
        m_link->setSample(m_a.get(), LinkSample{LinkState::Up, rate, 0, -1});
        widths << m_link->lineWidth();
    }
    for (qsizetype i = 1; i < widths.size(); ++i)
        QVERIFY2(widths.at(i) > widths.at(i - 1), qPrintable(QString::number(widths.at(i))));
    QVERIFY(widths.last() <= 9.0);
    QVERIFY(widths.at(2) - widths.at(1) < 3);   // 10x the traffic is not 10x the width

    m_link->setSample(m_a.get(), LinkSample{LinkState::Down, 1000, 0, -1});
    QCOMPARE(m_link->lineWidth(), widths.first());
}

// Flow marks only animate after they were painted on screen for a busy, up link, and only
// in an antialiased (uncrowded) view.
void tst_LinkItem::flowOnlyWhenMarksAreOnScreen()
{
    m_link->setSample(m_a.get(), LinkSample{LinkState::Up, 0, 200, -1});
    QVERIFY(!m_link->advanceFlow(0));   // never painted yet

    QImage image(400, 100, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    m_link->paint(&painter, nullptr, nullptr);   // a crowded view: plain lines, no marks
    QVERIFY(!m_link->advanceFlow(8));

    painter.setRenderHint(QPainter::Antialiasing);
    m_link->paint(&painter, nullptr, nullptr);
    QVERIFY(m_link->advanceFlow(16));

    painter.scale(0.1, 0.1);   // zoomed far out: no marks drawn, none to move
    m_link->paint(&painter, nullptr, nullptr);
    QVERIFY(!m_link->advanceFlow(32));
    painter.end();

    m_link->setSample(m_a.get(), LinkSample{LinkState::Up, 0, 0, -1});
    QVERIFY(!m_link->advanceFlow(48));
}

// Moving a node moves the link's ends with it.
void tst_LinkItem::followsItsNodes()
{
    QVERIFY(m_link->boundingRect().contains(QPointF(150, 0)));
    m_b->setPos(0, 400);
    QVERIFY(m_link->boundingRect().contains(QPointF(0, 200)));
    QVERIFY(!m_link->boundingRect().contains(QPointF(250, 0)));
    QVERIFY(m_link->shape().contains(QPointF(1, 300)));
}

QTEST_MAIN(tst_LinkItem)
#include "tst_linkitem.moc"
