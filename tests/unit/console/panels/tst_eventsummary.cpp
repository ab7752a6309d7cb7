#include "console/panels/eventsummary.h"
#include "scenario/runrecord.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTest>

using namespace Portolan;
using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_EventSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void summarize_data();
    void summarize();
    void tone_data();
    void tone();
    void requestId();
};

static Scenario::RecordedEvent makeEvent(const QString &kind, const char *fields)
{
    return {1000, u"r1"_s, kind, QJsonDocument::fromJson(QByteArray(fields)).object()};
}

void tst_EventSummary::summarize_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("summary");
    // Node events (docs/protocol.md 2.10).
    QTest::newRow("router link up") << u"link-up"_s << QByteArray(R"({"peer":"c2","cost":1,"provider":"cheapnet","peerKind":"interior"})")
                                    << u"link to c2 is up (cost 1, cheapnet)"_s;
    QTest::newRow("router link up without provider") << u"link-up"_s << QByteArray(R"({"peer":"c2","cost":3})")
                                                     << u"link to c2 is up (cost 3)"_s;
    QTest::newRow("entity attached") << u"link-up"_s << QByteArray(R"({"peer":"e1"})") << u"attached to router e1"_s;
    QTest::newRow("link down") << u"link-down"_s << QByteArray(R"({"peer":"r2","reason":"no hello for 312 ms"})")
                               << u"link to r2 went down: no hello for 312 ms"_s;
    QTest::newRow("entity detached") << u"entity-detached"_s << QByteArray(R"({"entity":"store-1","reason":"node failed"})")
                                     << u"store-1 detached: node failed"_s;
    QTest::newRow("route change") << u"route-change"_s
                                  << QByteArray(R"({"routes":{"r3":{"nextHop":"r4","cost":7},"r5":{"nextHop":"","cost":-1}}})")
                                  << u"routes changed: r3 via r4 (cost 7), r5 unreachable"_s;
    QTest::newRow("many routes") << u"route-change"_s
                                 << QByteArray(R"({"routes":{"a":{"nextHop":"x","cost":1},"b":{"nextHop":"x","cost":1},"c":{"nextHop":"x","cost":1},"d":{"nextHop":"x","cost":1},"e":{"nextHop":"x","cost":1}}})")
                                 << u"routes changed: a via x (cost 1), b via x (cost 1), c via x (cost 1) and 2 more"_s;
    QTest::newRow("delivery at consumer") << u"delivery"_s
                                          << QByteArray(R"({"requestId":"q1","messageId":"m1","address":"/store/4","path":["e7","c1","e4"]})")
                                          << u"received /store/4 via e7 → c1 → e4"_s;
    QTest::newRow("delivery acked") << u"delivery"_s << QByteArray(R"({"messageId":"0123456789ab","consumer":"store-4","latencyMs":3})")
                                    << u"store-4 acknowledged message 01234567… after 3 ms"_s;
    QTest::newRow("delivery at ingress") << u"delivery"_s << QByteArray(R"({"requestId":"q1","status":200,"via":"ingress"})")
                                         << u"ingress answered request q1 with status 200"_s;
    QTest::newRow("trace hop") << u"trace-hop"_s << QByteArray(R"({"requestId":"q1","messageId":"m","hop":2,"atMs":5,"address":"/a"})")
                               << u"hop 2 of request q1 to /a"_s;
    QTest::newRow("answer") << u"answer"_s << QByteArray(R"({"requestId":"q1","from":"store-4","status":200})")
                            << u"answer 200 from store-4 to request q1"_s;
    QTest::newRow("no consumer") << u"no-consumer"_s << QByteArray(R"({"requestId":"q","address":"/nobody"})")
                                 << u"no consumer for /nobody"_s;
    QTest::newRow("expired") << u"expired"_s << QByteArray(R"({"address":"/a","lateByMs":1500})")
                             << u"message for /a expired, 1.5 s late"_s;
    QTest::newRow("node failed") << u"node-failed"_s << QByteArray("{}") << u"node failed: links closed"_s;
    // The runner's events.
    QTest::newRow("step") << u"step"_s << QByteArray(R"({"index":2,"action":"cut-link","caption":"The link fails","ok":true})")
                          << u"step 3: The link fails"_s;
    QTest::newRow("step by hand, failed") << u"step"_s
                                          << QByteArray(R"({"index":0,"action":"fail-node","caption":"","ok":false,"detail":"no such node","manual":true})")
                                          << u"step 1: fail-node (by hand) — failed: no such node"_s;
    QTest::newRow("run ready") << u"run-ready"_s << QByteArray(R"({"nodes":29,"readyAfterMs":1210})")
                               << u"all 29 nodes ready after 1.21 s"_s;
    QTest::newRow("process killed") << u"process-exited"_s << QByteArray(R"({"exitCode":9,"killed":true})")
                                    << u"process was killed"_s;
    QTest::newRow("request answered") << u"request-answered"_s
                                      << QByteArray(R"({"name":"find-1","path":"/store/7/find","status":200,"latencyMs":110})")
                                      << u"request find-1 /store/7/find answered 200 in 110 ms"_s;
    // Role events (docs/scenarios.md).
    QTest::newRow("item held") << u"item-held"_s << QByteArray(R"({"store":4,"item":"cutlass","customer":"peaches","holdId":"h"})")
                               << u"held a cutlass for peaches"_s;
    QTest::newRow("find started nearby") << u"find-started"_s
                                         << QByteArray(R"({"store":7,"find":"f","item":"cutlass","customer":"peaches","nearby":[8]})")
                                         << u"peaches wants a cutlass: asking nearby stores 8 first"_s;
    QTest::newRow("find started, none nearby") << u"find-started"_s
                                               << QByteArray(R"({"store":7,"item":"cutlass","customer":"roscoe","nearby":[]})")
                                               << u"roscoe wants a cutlass: asking every store"_s;
    QTest::newRow("find done") << u"find-done"_s
                               << QByteArray(R"({"store":7,"item":"cutlass","found":true,"chosen":4,"held":true,"answers":12})")
                               << u"find for a cutlass: closest at store 4, held (12 answers)"_s;
    QTest::newRow("find done, nothing") << u"find-done"_s << QByteArray(R"({"item":"parrot","found":false,"answers":1})")
                                        << u"find for a parrot: none found (1 answer)"_s;
    QTest::newRow("order queued") << u"order-queued"_s
                                  << QByteArray(R"({"factory":2,"tracking":"T-1","item":"cutlass","store":7,"backlog":3})")
                                  << u"queued a cutlass for store 7 (backlog 3)"_s;
    QTest::newRow("truck departed") << u"truck-departed"_s << QByteArray(R"({"truck":1,"tracking":"T-1","etaMs":8200})")
                                    << u"on the way with T-1, arriving in 8.2 s"_s;
    QTest::newRow("work done") << u"work-done"_s << QByteArray(R"({"queuedMs":40,"serviceMs":10,"backlog":2})")
                               << u"finished a work item after 40 ms in the queue (2 left)"_s;
    // Anything else is written as its fields.
    QTest::newRow("unknown kind") << u"custom"_s << QByteArray(R"({"b":"two","a":1,"c":[1,2]})") << u"a: 1, b: two, c: 1, 2"_s;
    QTest::newRow("missing field") << u"link-down"_s << QByteArray(R"({"peer":"r2"})") << u"link to r2 went down: ?"_s;
}

// Each kind reads as a sentence built from its fields.
void tst_EventSummary::summarize()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, fields);
    QFETCH(QString, summary);
    QCOMPARE(EventSummary::summarize(makeEvent(kind, fields.constData())), summary);
}

void tst_EventSummary::tone_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("tone");
    QTest::newRow("failure") << u"link-down"_s << QByteArray("{}") << int(StatusTone::Bad);
    QTest::newRow("recovery") << u"link-up"_s << QByteArray("{}") << int(StatusTone::Good);
    QTest::newRow("route change") << u"route-change"_s << QByteArray("{}") << int(StatusTone::Warning);
    QTest::newRow("traffic") << u"trace-hop"_s << QByteArray("{}") << int(StatusTone::Special);
    QTest::newRow("step") << u"step"_s << QByteArray(R"({"ok":true})") << int(StatusTone::Info);
    QTest::newRow("failed step") << u"step"_s << QByteArray(R"({"ok":false})") << int(StatusTone::Bad);
    QTest::newRow("clean exit") << u"process-exited"_s << QByteArray(R"({"exitCode":0,"killed":false})") << int(StatusTone::Neutral);
    QTest::newRow("crash") << u"process-exited"_s << QByteArray(R"({"exitCode":1})") << int(StatusTone::Bad);
    QTest::newRow("role event") << u"item-held"_s << QByteArray("{}") << int(StatusTone::Neutral);
}

// Failures read red, recoveries green, steps blue, the rest neutral.
void tst_EventSummary::tone()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, fields);
    QFETCH(int, tone);
    QCOMPARE(int(EventSummary::tone(makeEvent(kind, fields.constData()))), tone);
}

// The request an event belongs to comes from its requestId field.
void tst_EventSummary::requestId()
{
    QCOMPARE(EventSummary::requestId(makeEvent(u"trace-hop"_s, R"({"requestId":"abc"})")), u"abc"_s);
    QCOMPARE(EventSummary::requestId(makeEvent(u"link-up"_s, R"({"peer":"x"})")), QString());
}

QTEST_GUILESS_MAIN(tst_EventSummary)
#include "tst_eventsummary.moc"
