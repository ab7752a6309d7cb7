#include "console/panels/nodeglyph.h"
#include "console/panels/palettemodel.h"
#include "console/panels/palettepanel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QJsonDocument>
#include <QListView>
#include <QMimeData>
#include <QPainter>
#include <QTest>

#include <memory>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_Palette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultEntries();
    void mimeData_data();
    void mimeData();
    void mimeRoundTrip();
    void unreadableMimeData();
    void modelRoles();
    void panelOffersDrags();
    void glyphsDiffer();
};

// The palette offers routers of both kinds and every entity role the nodes know.
void tst_Palette::defaultEntries()
{
    const QList<PaletteEntry> entries = PalettePanel::defaultEntries();
    QStringList roles;
    for (const PaletteEntry &e : entries) {
        roles.append(e.role);
        QVERIFY(!e.label.isEmpty());
        QVERIFY(!e.description.isEmpty());
        QVERIFY(e.kind == "interior"_L1 || e.kind == "edge"_L1 || e.kind == "entity"_L1);
    }
    QCOMPARE(roles, (QStringList{u"interior"_s, u"edge"_s, u"store"_s, u"factory"_s, u"truck"_s, u"worker"_s,
                                 u"generator"_s}));
    // Roles that need an address get one.
    for (const PaletteEntry &e : entries) {
        if (e.role == "worker"_L1 || e.role == "generator"_L1)
            QVERIFY(e.params.value("address"_L1).toString().startsWith(u'/'));
    }
}

void tst_Palette::mimeData_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("label");
    QTest::newRow("interior router") << 0 << u"interior"_s << u"interior"_s << u"Interior router"_s;
    QTest::newRow("edge router") << 1 << u"edge"_s << u"edge"_s << u"Edge router"_s;
    QTest::newRow("store") << 2 << u"entity"_s << u"store"_s << u"Store"_s;
    QTest::newRow("device") << 5 << u"entity"_s << u"worker"_s << u"Device"_s;
}

// Dragging an item carries compact JSON {kind, role, label, params} under the palette mime type.
void tst_Palette::mimeData()
{
    QFETCH(int, row);
    QFETCH(QString, kind);
    QFETCH(QString, role);
    QFETCH(QString, label);
    PaletteModel model;
    model.setEntries(PalettePanel::defaultEntries());
    QCOMPARE(model.mimeTypes(), QStringList{u"application/x-portolan-palette-item"_s});
    std::unique_ptr<QMimeData> mime(model.mimeData({model.index(row, 0)}));
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(u"application/x-portolan-palette-item"_s));
    const QByteArray data = mime->data(u"application/x-portolan-palette-item"_s);
    QVERIFY(!data.contains('\n'));   // compact
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    QCOMPARE(o.value("kind"_L1).toString(), kind);
    QCOMPARE(o.value("role"_L1).toString(), role);
    QCOMPARE(o.value("label"_L1).toString(), label);
    QVERIFY(o.value("params"_L1).isObject());
    QCOMPARE(o.size(), 4);
    QCOMPARE(mime->text(), label);
}

// What a drop reads back equals what the palette sent.
void tst_Palette::mimeRoundTrip()
{
    const PaletteEntry factory = PalettePanel::defaultEntries().at(3);
    const PaletteEntry back = PaletteEntry::fromMimeData(factory.toMimeData());
    QCOMPARE(back.kind, factory.kind);
    QCOMPARE(back.role, factory.role);
    QCOMPARE(back.label, factory.label);
    QCOMPARE(back.params, factory.params);
    QCOMPARE(back.params.value("buildMs"_L1).toInt(), 1000);
}

// A drop of something else gives an entry with no kind, which a drop target refuses.
void tst_Palette::unreadableMimeData()
{
    QVERIFY(PaletteEntry::fromMimeData("not json").kind.isEmpty());
    QVERIFY(PaletteEntry::fromMimeData("[1,2]").kind.isEmpty());
    PaletteModel model;
    QVERIFY(!model.mimeData({}));
}

// Items show a label, a picture and a description, and are draggable but not droppable.
void tst_Palette::modelRoles()
{
    PaletteModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(PalettePanel::defaultEntries());
    const QModelIndex store = model.index(2, 0);
    QCOMPARE(store.data().toString(), u"Store"_s);
    QVERIFY(!store.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(!store.data(PaletteModel::DescriptionRole).toString().isEmpty());
    QVERIFY(store.data(Qt::ToolTipRole).toString().contains(u"Drag"_s));
    QVERIFY(model.flags(store) & Qt::ItemIsDragEnabled);
    QVERIFY(!(model.flags(store) & Qt::ItemIsDropEnabled));
    QCOMPARE(model.supportedDragActions(), Qt::CopyAction);
}

// The panel's list is set up to start drags (copy) from its items.
void tst_Palette::panelOffersDrags()
{
    PalettePanel panel;
    QCOMPARE(panel.model()->rowCount(), PalettePanel::defaultEntries().size());
    QVERIFY(panel.view()->dragEnabled());
    QCOMPARE(panel.view()->dragDropMode(), QAbstractItemView::DragOnly);
    QCOMPARE(panel.view()->defaultDropAction(), Qt::CopyAction);
    panel.setEntries({PalettePanel::defaultEntries().first()});
    QCOMPARE(panel.model()->rowCount(), 1);
}

// Each role has its own colour and picture, drawn at any size.
void tst_Palette::glyphsDiffer()
{
    QSet<QRgb> colors;
    for (const QString &role : {u"interior"_s, u"edge"_s, u"store"_s, u"factory"_s, u"truck"_s, u"worker"_s, u"generator"_s})
        colors.insert(NodeGlyph::color(role).rgb());
    QCOMPARE(colors.size(), 7);
    QImage image(48, 48, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    NodeGlyph::paint(&painter, QRectF(0, 0, 48, 48), u"store"_s);
    painter.end();
    // The tile is painted in the role's colour and the symbol in white.
    QCOMPARE(image.pixelColor(6, 24).alpha(), 255);
    bool hasWhite = false;
    for (int y = 0; y < 48 && !hasWhite; ++y) {
        for (int x = 0; x < 48 && !hasWhite; ++x)
            hasWhite = image.pixelColor(x, y) == QColor(Qt::white);
    }
    QVERIFY(hasWhite);
    QVERIFY(!NodeGlyph::icon(u"truck"_s).pixmap(16, 16).isNull());
}

QTEST_MAIN(tst_Palette)
#include "tst_palette.moc"
