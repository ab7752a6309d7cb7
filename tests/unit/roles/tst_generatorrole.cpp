#include "node/roles/generator.h"
#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::GeneratorRole;
using Portolan::Test::FakeRoleContext;

namespace {

// Moves the fake clock on by durationMs in steps of stepMs, ticking the role at each step.
void runFor(GeneratorRole &role, FakeRoleContext &ctx, qint64 durationMs, qint64 stepMs)
{
    const qint64 until = ctx.now + durationMs;
    while (ctx.now < until) {
        ctx.now = qMin(ctx.now + stepMs, until);
        role.tick(ctx.now);
    }
}

// Reports a message the generator sent as settled, the way the entity runtime does.
void settle(GeneratorRole &role, const Portolan::Wire::Envelope &sent, bool accepted, bool sentByRole = true)
{
    role.messageSettled(Portolan::Node::Settlement{Portolan::Wire::MessageKey(sent.id), sent.createdMs, accepted,
                                                   sentByRole});
}

QJsonObject params(std::initializer_list<std::pair<QString, QJsonValue>> extra)
{
    QJsonObject p{{u"address"_s, u"/work"_s}};
    for (const auto &[key, value] : extra)
        p.insert(key, value);
    return p;
}

} // namespace

class TstGeneratorRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rateAccuracy_data();
    void rateAccuracy();
    void stallCatchUpIsCapped();
    void startDelay();
    void countLimit();
    void messageShape();
    void createdAtTick();
    void givenBody_data();
    void givenBody();
    void noReplyToNoSubscription();
    void keySubstitution_data();
    void keySubstitution();
    void settlementCounting();
    void windowBoundsUnsettled();
    void latencyPercentiles();
    void latencyWindowSlides();
    void repliesCounted();
    void invalidParams_data();
    void invalidParams();
    void drainStopsSending();
};

void TstGeneratorRole::rateAccuracy_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("50/s, 50 ms ticks, 1 s") << 50.0 << qint64(50) << qint64(1000) << qint64(50);
    QTest::newRow("50/s, 7 ms ticks, 1 s") << 50.0 << qint64(7) << qint64(1001) << qint64(50);
    QTest::newRow("50/s, 1 ms ticks, 1 s") << 50.0 << qint64(1) << qint64(1000) << qint64(50);
    QTest::newRow("1000/s, 50 ms ticks, 2 s") << 1000.0 << qint64(50) << qint64(2000) << qint64(2000);
    QTest::newRow("33/s, 30 ms ticks, 3 s") << 33.0 << qint64(30) << qint64(3000) << qint64(99);
    QTest::newRow("late ticks catch up: 100/s, 250 ms ticks") << 100.0 << qint64(250) << qint64(1000)
                                                             << qint64(100);
    QTest::newRow("fractional: 0.5/s, 100 ms ticks, 10 s") << 0.5 << qint64(100) << qint64(10'000)
                                                           << qint64(5);
    QTest::newRow("rate 0 pauses") << 0.0 << qint64(50) << qint64(1000) << qint64(0);
}

// The number sent follows elapsed time × rate however the ticks fall (a token bucket,
// not one message per tick), within one message.
void TstGeneratorRole::rateAccuracy()
{
    QFETCH(double, rate);
    QFETCH(qint64, stepMs);
    QFETCH(qint64, durationMs);
    QFETCH(qint64, expected);
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, rate}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, durationMs, stepMs);
    QVERIFY2(qAbs(ctx.sent.size() - expected) <= 1,
             qPrintable(u"sent %1, expected %2"_s.arg(ctx.sent.size()).arg(expected)));
    QCOMPARE(role.telemetry().value("sent"_L1).toInteger(), ctx.sent.size());
}

// After a stall the generator catches up at most one second's worth, not the whole gap.
void TstGeneratorRole::stallCatchUpIsCapped()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 20}}));
    GeneratorRole role;
    role.start(ctx);
    ctx.now += 10'000;
    role.tick(ctx.now);
    QCOMPARE(ctx.sent.size(), 20);
    runFor(role, ctx, 1000, 50);
    QCOMPARE(ctx.sent.size(), 40);
}

// Nothing is sent before startDelayMs; the rate counts from the end of the delay.
void TstGeneratorRole::startDelay()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 100}, {u"startDelayMs"_s, 500}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 500, 50);
    QCOMPARE(ctx.sent.size(), 0);
    runFor(role, ctx, 1000, 50);
    QCOMPARE(ctx.sent.size(), 100);
}

// count bounds the total; the generator then says it is done, once.
void TstGeneratorRole::countLimit()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 1000}, {u"count"_s, 7}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 1000, 50);
    QCOMPARE(ctx.sent.size(), 7);
    runFor(role, ctx, 1000, 50);
    QCOMPARE(ctx.sent.size(), 7);
    QCOMPARE(ctx.events.size(), 1);
    QCOMPARE(ctx.events.first().kind, u"generator-done"_s);
    QCOMPARE(ctx.events.first().fields.value("sent"_L1).toInteger(), 7);
    QVERIFY(role.telemetry().value("done"_L1).toBool());
}

// Each message carries the configured address, reply-to, method and body size, and the
// generator listens on its reply-to address.
void TstGeneratorRole::messageShape()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 10},
                                          {u"bodyBytes"_s, 40},
                                          {u"replyTo"_s, u"/gen/replies"_s},
                                          {u"method"_s, u"POST"_s}}));
    GeneratorRole role;
    role.start(ctx);
    QCOMPARE(ctx.subscriptions.size(), 1);
    QCOMPARE(ctx.subscriptions.first().address, u"/gen/replies"_s);
    runFor(role, ctx, 200, 50);
    QCOMPARE(ctx.sent.size(), 2);
    for (const Portolan::Wire::Envelope &m : std::as_const(ctx.sent)) {
        QCOMPARE(m.address, u"/work"_s);
        QCOMPARE(m.replyTo, u"/gen/replies"_s);
        QCOMPARE(m.header(u"Method"), u"POST"_s);
        QCOMPARE(m.body.size(), 40);
        QVERIFY(m.key.isEmpty());
    }
    QVERIFY(ctx.sent.at(0).id != ctx.sent.at(1).id);
}

// A message's createdMs is the clock of the tick that sent it (read once per tick, not
// per message), and its settlement latency counts from there.
void TstGeneratorRole::createdAtTick()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 1000}, {u"count"_s, 1}}));
    GeneratorRole role;
    role.start(ctx);
    const qint64 tickAt = ctx.now + 50;
    ctx.now = tickAt + 3;   // the context's clock (which fills a createdMs of 0) is later
    role.tick(tickAt);
    QCOMPARE(ctx.sent.size(), 1);
    QCOMPARE(ctx.sent.first().createdMs, tickAt);
    ctx.now = tickAt + 20;
    settle(role, ctx.sent.first(), true);
    QCOMPARE(role.telemetry().value("latencyP50Ms"_L1).toInteger(), 20);
}

// A body given as text or JSON is sent as is, instead of padding.
void TstGeneratorRole::givenBody_data()
{
    QTest::addColumn<QJsonValue>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("text") << QJsonValue(u"hello"_s) << QByteArray("hello");
    QTest::newRow("object") << QJsonValue(QJsonObject{{u"item"_s, u"tunic"_s}}) << QByteArray(R"({"item":"tunic"})");
    QTest::newRow("list") << QJsonValue(QJsonArray{1, 2}) << QByteArray("[1,2]");
}

void TstGeneratorRole::givenBody()
{
    QFETCH(QJsonValue, body);
    QFETCH(QByteArray, expected);
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 10}, {u"bodyBytes"_s, 40}, {u"body"_s, body}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 200, 50);
    QVERIFY(!ctx.sent.isEmpty());
    QCOMPARE(ctx.sent.constFirst().body, expected);
}

// Without replyTo the generator subscribes to nothing and sends no Reply-To.
void TstGeneratorRole::noReplyToNoSubscription()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 10}}));
    GeneratorRole role;
    role.start(ctx);
    QVERIFY(ctx.subscriptions.isEmpty());
    runFor(role, ctx, 100, 100);
    QCOMPARE(ctx.sent.size(), 1);
    QVERIFY(ctx.sent.first().replyTo.isEmpty());
    QVERIFY(ctx.sent.first().headers.isEmpty());
    QCOMPARE(ctx.sent.first().body.size(), 256);
}

void TstGeneratorRole::keySubstitution_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("keys");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("counter") << u"order-{n}"_s << 0
                             << QStringList{u"order-1"_s, u"order-2"_s, u"order-3"_s, u"order-4"_s};
    QTest::newRow("counter cycling over 2 keys") << u"p{n}"_s << 2
                                                 << QStringList{u"p1"_s, u"p2"_s, u"p1"_s, u"p2"_s};
    QTest::newRow("counter twice") << u"{n}/{n}"_s << 0
                                   << QStringList{u"1/1"_s, u"2/2"_s, u"3/3"_s, u"4/4"_s};
    QTest::newRow("fixed key") << u"plaice"_s << 0
                               << QStringList{u"plaice"_s, u"plaice"_s, u"plaice"_s, u"plaice"_s};
    QTest::newRow("no key") << QString() << 0 << QStringList{{}, {}, {}, {}};
}

// "{n}" in key becomes the message's number (cycling over `keys` when set).
void TstGeneratorRole::keySubstitution()
{
    QFETCH(QString, key);
    QFETCH(int, keys);
    QFETCH(QStringList, expected);
    QJsonObject p = params({{u"rate"_s, 1000}, {u"count"_s, 4}, {u"keys"_s, keys}});
    if (!key.isNull())
        p.insert(u"key"_s, key);
    FakeRoleContext ctx(u"gen"_s, p);
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 100, 50);
    QStringList actual;
    for (const Portolan::Wire::Envelope &m : std::as_const(ctx.sent))
        actual.append(m.key);
    QCOMPARE(actual, expected);
}

// Settlements are counted as accepted or refused, once per message sent by this
// generator; those of messages the console sent from its node are ignored.
void TstGeneratorRole::settlementCounting()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 1000}, {u"count"_s, 4}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 10, 10);
    QCOMPARE(ctx.sent.size(), 4);
    QCOMPARE(role.telemetry().value("inFlight"_L1).toInteger(), 4);

    ctx.now += 5;
    settle(role, ctx.sent.at(0), true);
    ctx.now += 10;
    settle(role, ctx.sent.at(1), true);
    settle(role, ctx.sent.at(2), false);
    Portolan::Wire::Envelope console;
    console.id = "0123456789abcdef0123456789abcdef";
    console.createdMs = ctx.now;
    settle(role, console, true, false);   // sent by the console's "send" command
    settle(role, console, false, false);

    QJsonObject t = role.telemetry();
    QCOMPARE(t.value("accepted"_L1).toInteger(), 2);
    QCOMPARE(t.value("refused"_L1).toInteger(), 1);
    QCOMPARE(t.value("inFlight"_L1).toInteger(), 1);
    QCOMPARE(t.value("latencySamples"_L1).toInteger(), 2);   // refusals are not timed

    settle(role, ctx.sent.at(3), true);
    t = role.telemetry();
    QCOMPARE(t.value("accepted"_L1).toInteger(), 3);
    QCOMPARE(t.value("inFlight"_L1).toInteger(), 0);
    QVERIFY(role.drain());
}

// Back-pressure: no more than `window` messages are unsettled at once; the credit
// earned meanwhile is kept (up to a second's worth) and spent as settlements free room.
void TstGeneratorRole::windowBoundsUnsettled()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 1000}, {u"window"_s, 5}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 100, 10);
    QCOMPARE(ctx.sent.size(), 5);
    QJsonObject t = role.telemetry();
    QCOMPARE(t.value("inFlight"_L1).toInteger(), 5);
    QCOMPARE(t.value("window"_L1).toInteger(), 5);
    QVERIFY(t.value("windowFull"_L1).toInteger() > 0);

    settle(role, ctx.sent.at(0), true);
    settle(role, ctx.sent.at(1), false);
    runFor(role, ctx, 10, 10);
    QCOMPARE(ctx.sent.size(), 7);
    QCOMPARE(role.telemetry().value("inFlight"_L1).toInteger(), 5);
}

// Settlement latency (sent to acked, in ms) is reported as nearest-rank p50 and p99.
void TstGeneratorRole::latencyPercentiles()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 1000}, {u"count"_s, 100}}));
    GeneratorRole role;
    role.start(ctx);
    QJsonObject t = role.telemetry();
    QCOMPARE(t.value("latencyP50Ms"_L1).toInteger(), 0);
    QCOMPARE(t.value("latencySamples"_L1).toInteger(), 0);

    ctx.now += 100;
    role.tick(ctx.now);   // all 100 sent at the same instant
    QCOMPARE(ctx.sent.size(), 100);
    const qint64 sentAt = ctx.now;
    // Settle in reverse order so that arrival order does not decide the answer.
    for (qsizetype i = 99; i >= 0; --i) {
        ctx.now = sentAt + i + 1;   // latencies 1..100 ms
        settle(role, ctx.sent.at(i), true);
    }
    t = role.telemetry();
    QCOMPARE(t.value("latencySamples"_L1).toInteger(), 100);
    QCOMPARE(t.value("latencyP50Ms"_L1).toInteger(), 50);
    QCOMPARE(t.value("latencyP99Ms"_L1).toInteger(), 99);
}

// The percentiles cover only the newest LatencyWindowSize settlements.
void TstGeneratorRole::latencyWindowSlides()
{
    const qsizetype window = GeneratorRole::LatencyWindowSize;
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, 100'000}}));
    GeneratorRole role;
    role.start(ctx);
    // One tick long enough to send a whole window at once, so every message of a round
    // has the same latency.
    const auto sendAndSettle = [&](qint64 latencyMs) {
        const qsizetype first = ctx.sent.size();
        ctx.now += 11;
        role.tick(ctx.now);
        QVERIFY(ctx.sent.size() - first >= window);
        ctx.now += latencyMs;
        for (qsizetype i = first; i < ctx.sent.size(); ++i)
            settle(role, ctx.sent.at(i), true);
    };
    sendAndSettle(1000);
    QCOMPARE(role.telemetry().value("latencyP50Ms"_L1).toInteger(), 1000);
    sendAndSettle(3);   // pushes every earlier sample out
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("latencySamples"_L1).toInteger(), window);
    QCOMPARE(t.value("latencyP50Ms"_L1).toInteger(), 3);
    QCOMPARE(t.value("latencyP99Ms"_L1).toInteger(), 3);
}

// Messages delivered to the generator are replies: counted, non-2xx ones as errors.
void TstGeneratorRole::repliesCounted()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"replyTo"_s, u"/gen"_s}}));
    GeneratorRole role;
    role.start(ctx);
    Portolan::Wire::Envelope ok;
    ok.address = u"/gen"_s;
    ok.setHeader(u"Status"_s, u"200"_s);
    Portolan::Wire::Envelope failed = ok;
    failed.setHeader(u"Status"_s, u"503"_s);
    Portolan::Wire::Envelope bare;
    bare.address = u"/gen"_s;
    role.handle(ok);
    role.handle(failed);
    role.handle(bare);
    const QJsonObject t = role.telemetry();
    QCOMPARE(t.value("replies"_L1).toInteger(), 3);
    QCOMPARE(t.value("replyErrors"_L1).toInteger(), 1);
}

void TstGeneratorRole::invalidParams_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("error");
    QTest::newRow("no address") << QJsonObject{{u"rate"_s, 10}} << u"\"address\" is required"_s;
    QTest::newRow("negative rate") << params({{u"rate"_s, -1}}) << u"\"rate\""_s;
    QTest::newRow("rate not a number") << params({{u"rate"_s, u"fast"_s}}) << u"\"rate\""_s;
    QTest::newRow("negative count") << params({{u"count"_s, -5}}) << u"\"count\""_s;
    QTest::newRow("body over frame limit") << params({{u"bodyBytes"_s, 1e9}}) << u"\"bodyBytes\""_s;
    QTest::newRow("window 0") << params({{u"window"_s, 0}}) << u"\"window\""_s;
}

// A generator with unusable params sends nothing, subscribes to nothing and says why.
void TstGeneratorRole::invalidParams()
{
    QFETCH(QJsonObject, config);
    QFETCH(QString, error);
    FakeRoleContext ctx(u"gen"_s, config);
    GeneratorRole role;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(error)));
    role.start(ctx);
    runFor(role, ctx, 1000, 50);
    QVERIFY(ctx.sent.isEmpty());
    QVERIFY(ctx.subscriptions.isEmpty());
    QVERIFY(role.telemetry().value("error"_L1).toString().contains(error));
}

// Once asked to drain it sends no more, and reports drained when all it sent has settled
// (the rate given as a string, as hand-written scenario files may).
void TstGeneratorRole::drainStopsSending()
{
    FakeRoleContext ctx(u"gen"_s, params({{u"rate"_s, u"20"_s}}));
    GeneratorRole role;
    role.start(ctx);
    runFor(role, ctx, 100, 50);
    QCOMPARE(ctx.sent.size(), 2);
    QVERIFY(!role.drain());
    runFor(role, ctx, 1000, 50);
    QCOMPARE(ctx.sent.size(), 2);
    settle(role, ctx.sent.at(0), true);
    QVERIFY(!role.drain());
    settle(role, ctx.sent.at(1), false);
    QVERIFY(role.drain());
}

QTEST_GUILESS_MAIN(TstGeneratorRole)
#include "tst_generatorrole.moc"
