#include "node/roles/factoryedge/warehouse.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::WarehouseRole;
using Portolan::Test::FakeRoleContext;
using Portolan::Wire::Envelope;

namespace {

QJsonObject warehouseParams(std::initializer_list<std::pair<QString, QJsonValue>> extra = {})
{
    QJsonObject p{{u"site"_s, u"w1"_s}, {u"number"_s, 1}, {u"stock"_s, QJsonObject{{u"steel"_s, 12}, {u"copper"_s, 3}}}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

Envelope materialRequest(const QByteArray &id, const QString &material, int quantity, int factory = 2)
{
    Envelope m;
    m.id = id;
    m.requestId = id;
    m.address = u"/warehouses/materials"_s;
    m.replyTo = u"/factory/%1/materials"_s.arg(factory);
    m.setHeader(u"Method"_s, u"POST"_s);
    m.body = QJsonDocument(QJsonObject{{u"factory"_s, factory}, {u"material"_s, material}, {u"quantity"_s, quantity}})
                 .toJson(QJsonDocument::Compact);
    return m;
}

Envelope pickerReport(const QByteArray &id, const QByteArray &pick, const QString &picker)
{
    Envelope m;
    m.id = id;
    m.requestId = pick;
    m.address = u"/warehouse/1/done"_s;
    m.setHeader(u"Status"_s, u"200"_s);
    m.body = QJsonDocument(QJsonObject{{u"device"_s, picker}}).toJson(QJsonDocument::Compact);
    return m;
}

QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &prefix)
{
    QList<Envelope> out;
    for (const Envelope &e : ctx.sent) {
        if (e.address.startsWith(prefix))
            out.append(e);
    }
    return out;
}

QJsonObject bodyOf(const Envelope &e)
{
    return QJsonDocument::fromJson(e.body).object();
}

qint64 stockOf(const WarehouseRole &role, const char *material)
{
    return role.telemetry().value("stock"_L1).toObject().value(QLatin1StringView(material)).toInteger();
}

} // namespace

class TstWarehouseRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribesAndSeedsStock();
    void requestTakesStockAndBecomesAPickJob();
    void pickerReportAnswersTheFactory();
    void stockNeverGoesBelowZero_data();
    void stockNeverGoesBelowZero();
    void repeatedRequestTakesNothingMore();
    void restartKeepsStockAndPicks();
};

// A warehouse takes material requests (balanced) and answers on "/warehouse/<n>";
// its stock is the scenario's.
void TstWarehouseRole::subscribesAndSeedsStock()
{
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams({{u"capacity"_s, 6}}));
    WarehouseRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 2);
    QCOMPARE(ctx.subscriptions.at(0).address, u"/warehouses/materials"_s);
    QCOMPARE(ctx.subscriptions.at(0).capacity, 6);
    QCOMPARE(ctx.subscriptions.at(1).address, u"/warehouse/1"_s);
    QCOMPARE(stockOf(role, "steel"), 12);
    QCOMPARE(stockOf(role, "copper"), 3);
}

// A request takes its quantity from stock at once and becomes a job for the pickers.
void TstWarehouseRole::requestTakesStockAndBecomesAPickJob()
{
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
    WarehouseRole role;
    role.start(ctx);
    role.handle(materialRequest("m1", u"steel"_s, 5));
    QCOMPARE(stockOf(role, "steel"), 7);
    QCOMPARE(ctx.outstanding, 1);
    const QList<Envelope> jobs = sentTo(ctx, u"/jobs/"_s);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.first().address, u"/jobs/w1"_s);
    QCOMPARE(jobs.first().requestId, QByteArray("m1"));
    QCOMPARE(jobs.first().replyTo, u"/warehouse/1/done"_s);
    QVERIFY(sentTo(ctx, u"/factory/"_s).isEmpty());   // no answer before the pick is done
    QCOMPARE(role.telemetry().value("picking"_L1).toInteger(), 1);
}

// When a picker reports the pick done, the factory gets material, quantity and picker,
// once, however often the report comes.
void TstWarehouseRole::pickerReportAnswersTheFactory()
{
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
    WarehouseRole role;
    role.start(ctx);
    role.handle(materialRequest("m1", u"steel"_s, 5));
    role.handle(pickerReport("r1", "m1", u"w1-dev-2"_s));
    role.handle(pickerReport("r2", "m1", u"w1-dev-2"_s));
    const QList<Envelope> answers = sentTo(ctx, u"/factory/"_s);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().address, u"/factory/2/materials"_s);
    QCOMPARE(answers.first().requestId, QByteArray("m1"));
    QCOMPARE(answers.first().header(u"Status"), u"200"_s);
    const QJsonObject body = bodyOf(answers.first());
    QCOMPARE(body.value("material"_L1).toString(), u"steel"_s);
    QCOMPARE(body.value("quantity"_L1).toInteger(), 5);
    QCOMPARE(body.value("picker"_L1).toString(), u"w1-dev-2"_s);
    QCOMPARE(role.telemetry().value("picksShipped"_L1).toInteger(), 1);
    QCOMPARE(ctx.outstanding, 0);
    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"pick-shipped"_s);
}

void TstWarehouseRole::stockNeverGoesBelowZero_data()
{
    QTest::addColumn<QString>("material");
    QTest::addColumn<int>("quantity");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("left");
    QTest::newRow("all of it") << u"copper"_s << 3 << 0 << qint64(0);
    QTest::newRow("one too many") << u"copper"_s << 4 << 409 << qint64(3);
    QTest::newRow("never stocked") << u"gold"_s << 1 << 409 << qint64(0);
    QTest::newRow("nothing asked") << u"copper"_s << 0 << 400 << qint64(3);
}

// A request the stock cannot meet is refused at once (409) and takes nothing.
void TstWarehouseRole::stockNeverGoesBelowZero()
{
    QFETCH(QString, material);
    QFETCH(int, quantity);
    QFETCH(int, status);
    QFETCH(qint64, left);
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
    WarehouseRole role;
    role.start(ctx);
    role.handle(materialRequest("m1", material, quantity));
    QCOMPARE(stockOf(role, qPrintable(material)), left);
    const QList<Envelope> answers = sentTo(ctx, u"/factory/"_s);
    if (status == 0) {
        QVERIFY(answers.isEmpty());
        QCOMPARE(sentTo(ctx, u"/jobs/"_s).size(), 1);
        return;
    }
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().header(u"Status"), QString::number(status));
    QVERIFY(sentTo(ctx, u"/jobs/"_s).isEmpty());
}

// The same request again (a resend) takes no more stock and makes no second job.
void TstWarehouseRole::repeatedRequestTakesNothingMore()
{
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
    WarehouseRole role;
    role.start(ctx);
    role.handle(materialRequest("m1", u"steel"_s, 5));
    Envelope again = materialRequest("m1", u"steel"_s, 5);
    again.id = "m1-resent";
    role.handle(again);
    QCOMPARE(stockOf(role, "steel"), 7);
    QCOMPARE(sentTo(ctx, u"/jobs/"_s).size(), 1);
}

// Restarted, a warehouse keeps what is left in stock (no reseeding) and finishes the
// picks it had started.
void TstWarehouseRole::restartKeepsStockAndPicks()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"warehouse.db"_s);
    QString error;
    {
        FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
        ctx.store().close();
        QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
        WarehouseRole role;
        role.start(ctx);
        role.handle(materialRequest("m1", u"steel"_s, 5));
        role.settled(sentTo(ctx, u"/jobs/"_s).first().id, true);
    }
    FakeRoleContext ctx(u"w1-warehouse"_s, warehouseParams());
    ctx.store().close();
    QVERIFY2(ctx.store().open(path, &error), qPrintable(error));
    WarehouseRole role;
    role.start(ctx);
    QCOMPARE(stockOf(role, "steel"), 7);
    QCOMPARE(ctx.outstanding, 1);
    role.handle(pickerReport("r1", "m1", u"w1-dev-1"_s));
    QCOMPARE(sentTo(ctx, u"/factory/2/materials"_s).size(), 1);
}

QTEST_APPLESS_MAIN(TstWarehouseRole)
#include "tst_warehouserole.moc"
