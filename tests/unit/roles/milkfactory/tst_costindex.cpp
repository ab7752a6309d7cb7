#include "milkmessages.h"
#include "node/roles/milkfactory/costindex.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
using Portolan::Node::CostIndexRole;
using Portolan::Test::FakeRoleContext;

class TstCostIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersTheIndexAndEchoesTheRef();
};

// Whoever asks gets the configured index back, with its ref and its request id.
void TstCostIndex::answersTheIndexAndEchoesTheRef()
{
    FakeRoleContext ctx(u"raw-costs"_s, {{u"index"_s, 0.97}});
    CostIndexRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.first().address, u"/raw-costs"_s);
    Envelope query = post(u"/raw-costs"_s, {{u"ref"_s, u"C-t@1"_s}}, u"/pricing/raw-costs"_s);
    query.requestId = "sale-t";
    role.handle(query);
    QCOMPARE(ctx.sent.size(), 1);
    QCOMPARE(ctx.sent.first().address, u"/pricing/raw-costs"_s);
    QCOMPARE(ctx.sent.first().requestId, QByteArray("sale-t"));
    QCOMPARE(ctx.sent.first().header(u"Status"), u"200"_s);
    QCOMPARE(bodyOf(ctx.sent.first()).value("index"_L1).toDouble(), 0.97);
    QCOMPARE(bodyOf(ctx.sent.first()).value("ref"_L1).toString(), u"C-t@1"_s);
    QCOMPARE(role.telemetry().value("answered"_L1).toInt(), 1);
}

QTEST_GUILESS_MAIN(TstCostIndex)
#include "tst_costindex.moc"
