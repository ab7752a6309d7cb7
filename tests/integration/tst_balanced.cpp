#include "meshfixture.h"
#include "topologies.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Test::MeshFixture;

// Balanced anycast on real processes: the faster worker ends up with more of the work,
// and every job is taken exactly once.
class tst_Balanced : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fasterWorkerGetsMoreWork()
    {
        MeshFixture mesh;
        QVERIFY(mesh.isValid());
        Portolan::Test::buildThreeInteriorMesh(mesh);
        mesh.entity(u"orders"_s, u"generator"_s, {u"e1"_s},
                    {{u"address"_s, u"/jobs/build"_s}, {u"rate"_s, 100}, {u"count"_s, 300}, {u"startDelayMs"_s, 1500}});
        // Equal path cost from e1: e2 and e4 are both two link-cost units away... e2 is
        // e1-r1-r2-e2 (3), e4 is e1-r1-e4 (2): the slow worker sits on the nearer edge,
        // so only backlog can explain the fast one winning.
        mesh.entity(u"fast"_s, u"worker"_s, {u"e2"_s},
                    {{u"address"_s, u"/jobs"_s}, {u"serviceMs"_s, 4}, {u"replies"_s, false}});
        mesh.entity(u"slow"_s, u"worker"_s, {u"e4"_s},
                    {{u"address"_s, u"/jobs"_s}, {u"serviceMs"_s, 60}, {u"replies"_s, false}});
        QVERIFY(mesh.start());
        QVERIFY(mesh.waitConverged());
        auto handled = [&](const QString &id) {
            return mesh.status(id).value("counters"_L1).toObject().value("handled"_L1).toDouble();
        };
        QVERIFY(MeshFixture::waitUntil([&] { return handled(u"fast"_s) + handled(u"slow"_s) >= 300; }, 20000));
        QCOMPARE(handled(u"fast"_s) + handled(u"slow"_s), 300.0);
        QVERIFY2(handled(u"fast"_s) > 2 * handled(u"slow"_s),
                 qPrintable(u"fast %1, slow %2"_s.arg(handled(u"fast"_s)).arg(handled(u"slow"_s))));
        QVERIFY(handled(u"slow"_s) > 0);   // it was a candidate, not ignored
        // The routing explanation shows both candidates and why the fast one scores better.
        const QJsonObject why = mesh.command(u"e1"_s, u"explain"_s, {{u"address"_s, u"/jobs/build"_s}});
        QCOMPARE(why.value("mode"_L1).toString(), u"balanced"_s);
        QCOMPARE(why.value("candidates"_L1).toArray().size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Balanced)
#include "tst_balanced.moc"
