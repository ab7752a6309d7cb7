#include "console/canvas/canvasstyle.h"
#include "console/canvas/mapbackground.h"

#include <QDir>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

class tst_MapBackground : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void unreadableArtLeavesTheGrid();
    void paintsArtOverTheFrame();
    void paintsGridWithoutArt();

private:
    static QImage paint(MapBackground &map, const CanvasStyle &style, double scale);
};

QImage tst_MapBackground::paint(MapBackground &map, const CanvasStyle &style, double scale)
{
    QImage image(QSize(500, 400), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    painter.scale(scale, scale);
    map.paint(&painter, QRectF(0, 0, 500 / scale, 400 / scale), style);
    return image;
}

// Map paths are looked up compiled in, absolute, and next to the scenario file or one folder up.
void tst_MapBackground::resolve_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("besideScenario");
    QTest::addColumn<bool>("oneUp");
    QTest::addColumn<QString>("expected");   // "" = not found; "<tmp>" = a file in the temporary folder

    QTest::newRow("empty") << QString() << false << false << QString();
    QTest::newRow("compiled in") << u"maps/harbour.svg"_s << false << false << u":/maps/harbour.svg"_s;
    QTest::newRow("missing") << u"maps/factory-floor-x.svg"_s << false << false << QString();
    QTest::newRow("beside the scenario") << u"floor.svg"_s << true << false << u"<tmp>"_s;
    QTest::newRow("resources folder above scenarios/") << u"floor.svg"_s << false << true << u"<tmp>"_s;
}

void tst_MapBackground::resolve()
{
    QFETCH(QString, image);
    QFETCH(bool, besideScenario);
    QFETCH(bool, oneUp);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QDir(dir.path()).mkdir(u"scenarios"_s);
    const QString scenario = dir.filePath(u"scenarios/s.yaml"_s);
    QString written;
    if (besideScenario)
        written = dir.filePath(u"scenarios/"_s + image);
    if (oneUp)
        written = dir.filePath(image);
    if (!written.isEmpty()) {
        QFile file(written);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>");
    }
    const QString resolved = MapBackground::resolve(image, scenario);
    QCOMPARE(resolved, expected == u"<tmp>"_s ? QDir::cleanPath(written) : expected);
    if (!resolved.isEmpty())
        QCOMPARE(MapBackground::resolve(resolved, QString()), resolved);   // a resolved path stays put
}

// Art that cannot be read is reported and the grid stays.
void tst_MapBackground::unreadableArtLeavesTheGrid()
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(u"broken.svg"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not svg at all");
    file.close();
    MapBackground map;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot read the map"_s));
    QVERIFY(!map.setImage(broken));
    QVERIFY(!map.hasImage());
    QVERIFY(!map.setImage(QString()));
    QVERIFY(map.setImage(u":/maps/harbour.svg"_s));
    QVERIFY(map.hasImage());
}

// The art is stretched over the map frame at any zoom; outside the frame is the canvas colour.
void tst_MapBackground::paintsArtOverTheFrame()
{
    CanvasStyle style;
    MapBackground map;
    QVERIFY(map.setImage(u":/maps/harbour.svg"_s));
    map.setFrame(QRectF(0, 0, 1000, 600));
    for (double scale : {0.3, 0.45, 1.0}) {
        const QImage image = paint(map, style, scale);
        // The harbour's sea (its bottom-left corner) and sand (top) are where the frame puts them.
        const QColor sand = image.pixelColor(int(400 * scale), int(20 * scale));
        QVERIFY2(sand.red() > 200 && sand.blue() < 220, qPrintable(sand.name()));
        const QColor sea = image.pixelColor(int(300 * scale), int(590 * scale));
        if (590 * scale < 400)
            QVERIFY2(sea.blue() > sea.red(), qPrintable(sea.name()));
        if (1000 * scale < 499)
            QCOMPARE(image.pixel(499, 5), style.outsideMap().rgb());
    }
}

// Without art the frame is filled with the base colour and ruled with a grid.
void tst_MapBackground::paintsGridWithoutArt()
{
    CanvasStyle style;
    MapBackground map;
    map.setFrame(QRectF(0, 0, 300, 300));
    const QImage image = paint(map, style, 1.0);
    QCOMPARE(image.pixel(10, 10), style.gridBase().rgb());
    QCOMPARE(image.pixel(100, 50), style.gridMajor().rgb());   // a major line every 100 units
    QCOMPARE(image.pixel(40, 50), style.gridMinor().rgb());    // minor lines every 20
    QCOMPARE(image.pixel(450, 350), style.outsideMap().rgb());
}

QTEST_MAIN(tst_MapBackground)
#include "tst_mapbackground.moc"
