#include "console/canvas/nodeiconlibrary.h"

#include <QSvgRenderer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

Q_DECLARE_METATYPE(Portolan::Console::NodeIconLibrary::Icon)

class tst_NodeIconLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iconForKindAndRole_data();
    void iconForKindAndRole();
    void everyIconIsCompiledIn();
    void pixmapsAreCachedPerLookAndSize();
    void mirroredIconIsFlipped();
    void greyedIconHasNoColour();
};

// Routers are chosen by kind, entities by role, and any other role is a generic device.
void tst_NodeIconLibrary::iconForKindAndRole_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("role");
    QTest::addColumn<NodeIconLibrary::Icon>("icon");
    QTest::newRow("interior") << u"interior"_s << u"interior"_s << NodeIconLibrary::Icon::InteriorRouter;
    QTest::newRow("edge") << u"edge"_s << QString() << NodeIconLibrary::Icon::EdgeRouter;
    QTest::newRow("store") << u"entity"_s << u"store"_s << NodeIconLibrary::Icon::Store;
    QTest::newRow("factory") << u"entity"_s << u"factory"_s << NodeIconLibrary::Icon::Factory;
    QTest::newRow("truck") << u"entity"_s << u"truck"_s << NodeIconLibrary::Icon::Truck;
    QTest::newRow("worker") << u"entity"_s << u"worker"_s << NodeIconLibrary::Icon::Worker;
    QTest::newRow("generator") << u"entity"_s << u"generator"_s << NodeIconLibrary::Icon::Generator;
    QTest::newRow("till") << u"entity"_s << u"till"_s << NodeIconLibrary::Icon::Device;
    QTest::newRow("no role") << u"entity"_s << QString() << NodeIconLibrary::Icon::Device;
}

void tst_NodeIconLibrary::iconForKindAndRole()
{
    QFETCH(QString, kind);
    QFETCH(QString, role);
    QFETCH(NodeIconLibrary::Icon, icon);
    QCOMPARE(NodeIconLibrary::iconFor(kind, role), icon);
    QVERIFY(!NodeIconLibrary::icon(kind, role).isNull());
}

// Each icon is a valid square SVG in the library's resources.
void tst_NodeIconLibrary::everyIconIsCompiledIn()
{
    for (int i = 0; i < NodeIconLibrary::IconCount; ++i) {
        const QString path = NodeIconLibrary::resourcePath(NodeIconLibrary::Icon(i));
        QSvgRenderer renderer(path);
        QVERIFY2(renderer.isValid(), qPrintable(path));
        QCOMPARE(renderer.defaultSize(), QSize(64, 64));
    }
}

// Pixmaps are made once per look and size and shared; a ring makes the pixmap larger
// around the same icon; the cache stays bounded however much one zooms.
void tst_NodeIconLibrary::pixmapsAreCachedPerLookAndSize()
{
    NodeIconLibrary library;
    const QPixmap &a = library.pixmap(NodeIconLibrary::Icon::Store, 30, false);
    QCOMPARE(a.size(), QSize(30, 30));
    QCOMPARE(&library.pixmap(NodeIconLibrary::Icon::Store, 30, false), &a);
    QCOMPARE(library.cachedPixmapCount(), 1);
    library.pixmap(NodeIconLibrary::Icon::Store, 31, false);
    library.pixmap(NodeIconLibrary::Icon::Store, 30, true);
    library.pixmap(NodeIconLibrary::Icon::Store, 30, false, QColor(), 0, 1.0, true);
    QCOMPARE(library.cachedPixmapCount(), 4);

    const QPixmap &ringed = library.pixmap(NodeIconLibrary::Icon::InteriorRouter, 40, false, Qt::red, 3);
    QVERIFY(ringed.width() > 40);
    QCOMPARE(ringed.width(), ringed.height());
    // The ring is drawn in its colour around the icon: the middle of the top edge is red.
    const QImage image = ringed.toImage();
    const QColor top = image.pixelColor(image.width() / 2, 1);
    QVERIFY2(top.red() > 200 && top.green() < 60, qPrintable(top.name()));

    for (int i = 0; i < NodeIconLibrary::MaxCachedPixmaps + 10; ++i)   // small, all different
        library.pixmap(NodeIconLibrary::Icon::Truck, 8, false, Qt::red, 1 + i / 10.0);
    QVERIFY(library.cachedPixmapCount() <= NodeIconLibrary::MaxCachedPixmaps);
    QVERIFY(!library.pixmap(NodeIconLibrary::Icon::Truck, 0, false).isNull());
}

// A truck heading west is drawn mirrored.
void tst_NodeIconLibrary::mirroredIconIsFlipped()
{
    NodeIconLibrary library;
    const QImage east = library.pixmap(NodeIconLibrary::Icon::Truck, 64, false).toImage();
    const QImage west = library.pixmap(NodeIconLibrary::Icon::Truck, 64, false, QColor(), 0, 1.0, true).toImage();
    QCOMPARE(west, east.mirrored(true, false));
    QVERIFY(west != east);
}

// The failed (grey) variant keeps the shape and drops the colour.
void tst_NodeIconLibrary::greyedIconHasNoColour()
{
    NodeIconLibrary library;
    const QImage colour = library.pixmap(NodeIconLibrary::Icon::Factory, 64, false).toImage();
    const QImage grey = library.pixmap(NodeIconLibrary::Icon::Factory, 64, true).toImage();
    bool colourful = false;
    for (int y = 0; y < grey.height(); ++y) {
        for (int x = 0; x < grey.width(); ++x) {
            const QColor g = grey.pixelColor(x, y);
            QCOMPARE(g.alpha(), colour.pixelColor(x, y).alpha());
            QVERIFY(qAbs(g.red() - g.green()) <= 1 && qAbs(g.green() - g.blue()) <= 1);
            const QColor c = colour.pixelColor(x, y);
            colourful = colourful || qAbs(c.red() - c.blue()) > 40;
        }
    }
    QVERIFY(colourful);
}

QTEST_MAIN(tst_NodeIconLibrary)
#include "tst_nodeiconlibrary.moc"
