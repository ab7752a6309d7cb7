#include "node/ingress/replycollector.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::ReplyCollector;
using Portolan::Wire::Envelope;

namespace {

// One answer a consumer sends back, as a test row spells it.
struct AnswerSpec
{
    QString from;
    QByteArray body;
    QString status;      // "Status" header; empty for none
    QString contentType; // "Content-Type" header; empty for none
    QByteArray requestId;
    QByteArray id;       // message id
};

AnswerSpec answer(const QString &from, const QByteArray &body, const QString &status = {},
                  const QString &contentType = {})
{
    return AnswerSpec{from, body, status, contentType, "req-1", {}};
}

AnswerSpec answerWithIds(const QString &from, const QByteArray &body, const QByteArray &requestId,
                         const QByteArray &id)
{
    return AnswerSpec{from, body, {}, {}, requestId, id};
}

Envelope answerEnvelope(const AnswerSpec &spec)
{
    Envelope e;
    e.requestId = spec.requestId;
    e.id = spec.id.isEmpty() ? spec.from.toUtf8() + "-msg" : spec.id;
    e.body = spec.body;
    if (!spec.from.isEmpty())
        e.setHeader(u"From"_s, spec.from);
    if (!spec.status.isEmpty())
        e.setHeader(u"Status"_s, spec.status);
    if (!spec.contentType.isEmpty())
        e.setHeader(u"Content-Type"_s, spec.contentType);
    return e;
}

constexpr quint64 kTicket = 7;
constexpr qint64 kDeadline = 10'000;
const QByteArray kDeadlineBody = R"({"error":"deadline passed","status":504})";

} // namespace

class tst_ReplyCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void collects_data();
    void collects();
    void expireTakesOnlyDueRequests();
    void nextDeadlineIsTheEarliestPending();
    void cancelForgetsTheRequest();
    void expectRefusesADuplicateRequestOrTicket();
};

void tst_ReplyCollector::collects_data()
{
    QTest::addColumn<bool>("multicast");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QList<AnswerSpec>>("answers");
    QTest::addColumn<int>("completingAnswer"); // index of the add() that completes; -1: none
    QTest::addColumn<qint64>("expireAt");      // 0: do not expire
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("partial");

    const QByteArray json = "application/json";

    QTest::newRow("unicast complete")
        << false << 1 << QList<AnswerSpec>{answer(u"store-32"_s, R"({"count":3})")} << 0
        << qint64(0) << 200 << QByteArray(R"({"count":3})") << json << false;
    QTest::newRow("unicast status and content type pass through")
        << false << 1
        << QList<AnswerSpec>{answer(u"store-32"_s, "no such item", u"404"_s, u"text/plain"_s)}
        << 0 << qint64(0) << 404 << QByteArray("no such item") << QByteArray("text/plain")
        << false;
    QTest::newRow("unicast malformed status is a bad gateway")
        << false << 1 << QList<AnswerSpec>{answer(u"store-32"_s, "{}", u"fine"_s)} << 0
        << qint64(0) << 502 << QByteArray("{}") << json << false;
    QTest::newRow("unicast late answers ignored")
        << false << 1
        << QList<AnswerSpec>{answer(u"store-32"_s, R"("first")"),
                             answer(u"store-9"_s, R"("second")")}
        << 0 << qint64(kDeadline) << 200 << QByteArray(R"("first")") << json << false;
    QTest::newRow("unicast none at deadline")
        << false << 1 << QList<AnswerSpec>{} << -1 << qint64(kDeadline) << 504 << kDeadlineBody
        << json << false;
    QTest::newRow("unknown request id ignored")
        << false << 1 << QList<AnswerSpec>{answerWithIds(u"store-32"_s, "{}", "req-other", "m1")}
        << -1 << qint64(kDeadline) << 504 << kDeadlineBody << json << false;
    QTest::newRow("multicast 3 of 3, sorted by from, bodies as JSON or text")
        << true << 3
        << QList<AnswerSpec>{answer(u"store-3"_s, R"({"count":1})"),
                             answer(u"store-1"_s, "not json", u"503"_s),
                             answer(u"store-2"_s, "42")}
        << 2 << qint64(kDeadline) << 200
        << QByteArray(R"([{"body":"not json","from":"store-1","status":503},)"
                      R"({"body":42,"from":"store-2","status":200},)"
                      R"({"body":{"count":1},"from":"store-3","status":200}])")
        << json << false;
    QTest::newRow("multicast partial at deadline")
        << true << 3
        << QList<AnswerSpec>{answer(u"store-2"_s, "true"), answer(u"store-1"_s, R"(["a"])")}
        << -1 << qint64(kDeadline) << 200
        << QByteArray(R"([{"body":["a"],"from":"store-1","status":200},)"
                      R"({"body":true,"from":"store-2","status":200}])")
        << json << true;
    QTest::newRow("multicast none at deadline")
        << true << 3 << QList<AnswerSpec>{} << -1 << qint64(kDeadline) << 504 << kDeadlineBody
        << json << false;
    QTest::newRow("multicast duplicate from one consumer counted once")
        << true << 2
        << QList<AnswerSpec>{answerWithIds(u"store-1"_s, R"("kept")", "req-1", "m1"),
                             answerWithIds(u"store-1"_s, R"("resent")", "req-1", "m2"),
                             answer(u"store-2"_s, "null")}
        << 2 << qint64(0) << 200
        << QByteArray(R"([{"body":"kept","from":"store-1","status":200},)"
                      R"({"body":null,"from":"store-2","status":200}])")
        << json << false;
    QTest::newRow("multicast late answers ignored")
        << true << 1 << QList<AnswerSpec>{answer(u"store-1"_s, "1"), answer(u"store-2"_s, "2")}
        << 0 << qint64(kDeadline) << 200
        << QByteArray(R"([{"body":1,"from":"store-1","status":200}])") << json << false;
    QTest::newRow("multicast answers without From told apart by message id")
        << true << 2
        << QList<AnswerSpec>{answerWithIds({}, "1", "req-1", "a"),
                             answerWithIds({}, "2", "req-1", "b")}
        << 1 << qint64(0) << 200
        << QByteArray(R"([{"body":1,"from":"","status":200},{"body":2,"from":"","status":200}])")
        << json << false;
}

// Each request completes exactly once, by its last due answer or its deadline, with the
// status, body and content type the ingress must send.
void tst_ReplyCollector::collects()
{
    QFETCH(bool, multicast);
    QFETCH(int, expected);
    QFETCH(QList<AnswerSpec>, answers);
    QFETCH(int, completingAnswer);
    QFETCH(qint64, expireAt);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, partial);

    ReplyCollector collector;
    QVERIFY(collector.expect("req-1", kTicket, expected, multicast, kDeadline));
    QCOMPARE(collector.pendingCount(), 1);

    std::optional<ReplyCollector::Outcome> outcome;
    for (int i = 0; i < answers.size(); ++i) {
        const std::optional<ReplyCollector::Outcome> result = collector.add(answerEnvelope(answers.at(i)));
        QCOMPARE(result.has_value(), i == completingAnswer);
        if (result)
            outcome = result;
    }
    if (expireAt > 0) {
        QVERIFY(expireAt >= kDeadline);
        const QList<ReplyCollector::Outcome> expired = collector.expire(expireAt);
        QCOMPARE(expired.size(), completingAnswer < 0 ? 1 : 0);
        if (!expired.isEmpty())
            outcome = expired.first();
    }

    QVERIFY(outcome);
    QCOMPARE(outcome->ticket, kTicket);
    QCOMPARE(outcome->status, status);
    QCOMPARE(outcome->body, body);
    QCOMPARE(outcome->contentType, contentType);
    QCOMPARE(outcome->partial, partial);
    QCOMPARE(collector.pendingCount(), 0);
    QCOMPARE(collector.nextDeadline(), 0);
}

// expire() completes the requests due at the given time (deadline included) and leaves
// later ones waiting.
void tst_ReplyCollector::expireTakesOnlyDueRequests()
{
    ReplyCollector collector;
    QVERIFY(collector.expect("early", 1, 1, false, 1000));
    QVERIFY(collector.expect("late", 2, 1, false, 2000));

    QVERIFY(collector.expire(999).isEmpty());
    const QList<ReplyCollector::Outcome> due = collector.expire(1000);
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().ticket, quint64(1));
    QCOMPARE(due.first().status, 504);
    QCOMPARE(collector.pendingCount(), 1);

    Envelope answer;
    answer.requestId = "late";
    answer.body = "{}";
    const std::optional<ReplyCollector::Outcome> done = collector.add(answer);
    QVERIFY(done);
    QCOMPARE(done->ticket, quint64(2));
    QVERIFY(collector.expire(5000).isEmpty());
}

// nextDeadline() follows the earliest request still pending as requests complete,
// get cancelled or expire, and is 0 once none is left.
void tst_ReplyCollector::nextDeadlineIsTheEarliestPending()
{
    ReplyCollector collector;
    QCOMPARE(collector.nextDeadline(), 0);
    QVERIFY(collector.expect("a", 1, 1, false, 3000));
    QVERIFY(collector.expect("b", 2, 2, true, 1000));
    QVERIFY(collector.expect("c", 3, 1, false, 2000));
    QCOMPARE(collector.nextDeadline(), 1000);

    Envelope answer;
    answer.requestId = "b";
    answer.setHeader(u"From"_s, u"store-1"_s);
    QVERIFY(!collector.add(answer));
    QCOMPARE(collector.nextDeadline(), 1000); // one of two answers: still waiting
    answer.setHeader(u"From"_s, u"store-2"_s);
    QVERIFY(collector.add(answer));
    QCOMPARE(collector.nextDeadline(), 2000);

    collector.cancel(3);
    QCOMPARE(collector.nextDeadline(), 3000);
    QCOMPARE(collector.expire(3000).size(), 1);
    QCOMPARE(collector.nextDeadline(), 0);
}

// A cancelled ticket is forgotten: its answers are ignored and its deadline yields nothing.
void tst_ReplyCollector::cancelForgetsTheRequest()
{
    ReplyCollector collector;
    QVERIFY(collector.expect("req-1", kTicket, 1, false, kDeadline));
    collector.cancel(kTicket + 1); // not pending: no effect
    QCOMPARE(collector.pendingCount(), 1);
    collector.cancel(kTicket);
    QCOMPARE(collector.pendingCount(), 0);

    Envelope answer;
    answer.requestId = "req-1";
    QVERIFY(!collector.add(answer));
    QVERIFY(collector.expire(kDeadline).isEmpty());
    // The request id is free again.
    QVERIFY(collector.expect("req-1", kTicket, 1, false, kDeadline));
}

// A request id or ticket already waiting is refused and the first registration stays.
void tst_ReplyCollector::expectRefusesADuplicateRequestOrTicket()
{
    ReplyCollector collector;
    QVERIFY(collector.expect("req-1", 1, 1, false, 1000));
    QVERIFY(!collector.expect("req-1", 2, 1, false, 500));
    QVERIFY(!collector.expect("req-2", 1, 1, false, 500));
    QCOMPARE(collector.pendingCount(), 1);
    QCOMPARE(collector.nextDeadline(), 1000);

    Envelope answer;
    answer.requestId = "req-1";
    const std::optional<ReplyCollector::Outcome> done = collector.add(answer);
    QVERIFY(done);
    QCOMPARE(done->ticket, quint64(1));
}

QTEST_GUILESS_MAIN(tst_ReplyCollector)
#include "tst_replycollector.moc"
