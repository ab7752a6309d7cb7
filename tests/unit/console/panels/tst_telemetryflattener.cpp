#include "console/panels/telemetryflattener.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

using Leaves = QList<TelemetryFlattener::Leaf>;

class tst_TelemetryFlattener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flatten_data();
    void flatten();
    void numbersOnly();
};

static QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

void tst_TelemetryFlattener::flatten_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("store data") << parse(R"({"inventory":{"cutlass":4,"parrot":0},"holds":1})") << QString()
                                << QStringList{u"holds"_s, u"inventory.cutlass"_s, u"inventory.parrot"_s};
    QTest::newRow("with prefix") << parse(R"({"backlog":3})") << u"data"_s << QStringList{u"data.backlog"_s};
    QTest::newRow("arrays are leaves") << parse(R"({"position":[120,80],"status":"idle"})") << QString()
                                       << QStringList{u"position"_s, u"status"_s};
    QTest::newRow("empty object has no leaves") << parse(R"({"inventory":{}})") << QString() << QStringList();
    QTest::newRow("null is a leaf") << parse(R"({"building":null})") << QString() << QStringList{u"building"_s};
}

// Nested objects become dot paths; arrays and scalars are leaves.
void tst_TelemetryFlattener::flatten()
{
    QFETCH(QJsonObject, object);
    QFETCH(QString, prefix);
    QFETCH(QStringList, paths);
    QStringList got;
    for (const TelemetryFlattener::Leaf &leaf : TelemetryFlattener::flatten(object, prefix))
        got.append(leaf.path);
    QCOMPARE(got, paths);
}

// Only numeric leaves are chartable; their keys below the prefix are kept for labels.
void tst_TelemetryFlattener::numbersOnly()
{
    const Leaves leaves = TelemetryFlattener::numbers(
        parse(R"({"factory":2,"building":null,"position":[1,2],"status":"idle","inventory":{"cutlass":4}})"), u"data"_s);
    QCOMPARE(leaves.size(), 2);
    QCOMPARE(leaves.at(0).path, u"data.factory"_s);
    QCOMPARE(leaves.at(0).value.toDouble(), 2.0);
    QCOMPARE(leaves.at(1).path, u"data.inventory.cutlass"_s);
    QCOMPARE(leaves.at(1).keys, (QStringList{u"inventory"_s, u"cutlass"_s}));
    QCOMPARE(leaves.at(1).value.toDouble(), 4.0);
}

QTEST_GUILESS_MAIN(tst_TelemetryFlattener)
#include "tst_telemetryflattener.moc"
