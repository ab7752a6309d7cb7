#include "console/canvas/canvasstyle.h"
#include "console/canvas/labelplacement.h"
#include "console/canvas/nodeitem.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

Q_DECLARE_METATYPE(Portolan::Console::NodeItem::LabelSide)

class tst_LabelPlacement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sideWithFewestNeighbours_data();
    void sideWithFewestNeighbours();
    void hiddenNodesDoNotCount();
};

// The label takes the side with the least crowding, nearer neighbours weighing more; alone, it stays below.
void tst_LabelPlacement::sideWithFewestNeighbours_data()
{
    QTest::addColumn<QList<QPointF>>("neighbours");   // relative to the node
    QTest::addColumn<NodeItem::LabelSide>("side");

    QTest::newRow("alone") << QList<QPointF>{} << NodeItem::LabelSide::Below;
    QTest::newRow("too far to matter") << QList<QPointF>{{0, 90}} << NodeItem::LabelSide::Below;
    QTest::newRow("store under its edge router") << QList<QPointF>{{0, 40}} << NodeItem::LabelSide::Right;
    QTest::newRow("below and right taken") << QList<QPointF>{{0, 40}, {40, 0}} << NodeItem::LabelSide::Above;
    QTest::newRow("only left free") << QList<QPointF>{{0, 40}, {40, 0}, {0, -40}} << NodeItem::LabelSide::Left;
    QTest::newRow("nearer counts more") << QList<QPointF>{{0, 20}, {70, 0}, {0, -70}, {-70, 0}}
                                        << NodeItem::LabelSide::Right;
}

void tst_LabelPlacement::sideWithFewestNeighbours()
{
    QFETCH(QList<QPointF>, neighbours);
    QFETCH(NodeItem::LabelSide, side);

    CanvasStyle style;
    NodeItem node(CanvasNode{u"e1"_s, u"edge"_s, {}, {}, {500, 500}, {}, {}}, &style);
    std::vector<std::unique_ptr<NodeItem>> others;
    QList<QGraphicsItem *> near{&node};
    for (const QPointF &offset : neighbours) {
        others.push_back(std::make_unique<NodeItem>(
            CanvasNode{u"n%1"_s.arg(others.size()), u"entity"_s, u"store"_s, {}, QPointF(500, 500) + offset, {}, {}},
            &style));
        near.append(others.back().get());
    }
    QCOMPARE(LabelPlacement::sideFor(node, near), side);
}

// Nodes folded away (collapsed devices) do not push labels about.
void tst_LabelPlacement::hiddenNodesDoNotCount()
{
    CanvasStyle style;
    NodeItem node(CanvasNode{u"e1"_s, u"edge"_s, {}, {}, {0, 0}, {}, {}}, &style);
    NodeItem device(CanvasNode{u"d1"_s, u"entity"_s, u"sensor"_s, {}, {0, 30}, {}, {}}, &style);
    QCOMPARE(LabelPlacement::sideFor(node, {&device}), NodeItem::LabelSide::Right);
    device.setVisible(false);
    QCOMPARE(LabelPlacement::sideFor(node, {&device}), NodeItem::LabelSide::Below);
}

QTEST_MAIN(tst_LabelPlacement)
#include "tst_labelplacement.moc"
