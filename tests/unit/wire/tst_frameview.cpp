#include "support/cborframearrays.h"
#include "wire/framecodec.h"
#include "wire/frameview.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTest>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Wire;
using Portolan::Test::ackArray;
using Portolan::Test::cbor;
using Portolan::Test::with;

Q_DECLARE_METATYPE(Portolan::Wire::MessageFrame)
Q_DECLARE_METATYPE(Portolan::Wire::Ack)
Q_DECLARE_METATYPE(Portolan::Wire::FrameType)
Q_DECLARE_METATYPE(QList<Portolan::Wire::Destination>)

namespace {

// The payload of a frame: its encoding without the 4-byte length prefix.
QByteArray payloadOf(const Frame &frame)
{
    return encodeFrame(frame).mid(4);
}

MessageFrame plainMessage()
{
    MessageFrame m;
    m.originRouter = u"A"_s;
    m.acked = true;
    m.destinations = {{u"B"_s, u"sink"_s}};
    Envelope &e = m.envelope;
    e.id = "0123456789abcdef0123456789abcdef";
    e.requestId = "0123456789abcdef0123456789abcdef";
    e.address = u"/bench/in"_s;
    e.replyTo = u"/gen"_s;
    e.key = u"k-1"_s;
    e.headers = {{u"Content-Type"_s, u"text/plain"_s}, {u"Empty"_s, QString()}};
    e.body = QByteArray(256, 'x');
    e.createdMs = 1'732'000'000'123;
    e.deadlineMs = 1'732'000'060'000;
    e.hops = 1;
    return m;
}

MessageFrame messageWith(void (*change)(MessageFrame &))
{
    MessageFrame m = plainMessage();
    change(m);
    return m;
}

QCborArray envelopeArray()
{
    return {QByteArray("m-1"), QByteArray("req-1"), u"/store/3"_s, u"/store/32"_s, QString(),
            QCborArray{QCborArray{u"Content-Type"_s, u"text/plain"_s}}, QByteArray("body"), 1000, 0, 2, false,
            QCborArray{}};
}

QCborArray messageArray()
{
    return Portolan::Test::messageArray(envelopeArray());
}

QString latin1(QLatin1StringView view)
{
    return QString(view);
}

} // namespace

class tst_FrameView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messageFieldsMatchTheDecoder_data();
    void messageFieldsMatchTheDecoder();
    void ackFieldsMatchTheDecoder_data();
    void ackFieldsMatchTheDecoder();
    void forwardedMessageHasOneHopMore_data();
    void forwardedMessageHasOneHopMore();
    void appendPayloadFramesBytesAsTheyAre();
    void originatedMessageHasTheOriginsHead_data();
    void originatedMessageHasTheOriginsHead();
    void peekType_data();
    void peekType();
    void refuses_data();
    void refuses();
    void truncatedPayloadsAreRefused();
    void neverAcceptsWhatTheDecoderRefuses();
    void decoderHandsOutPayloads();
    void decoderReadsStraightIntoItsBuffer();
};

void tst_FrameView::messageFieldsMatchTheDecoder_data()
{
    QTest::addColumn<MessageFrame>("message");
    QTest::addColumn<bool>("patchable");
    QTest::newRow("plain") << plainMessage() << true;
    QTest::newRow("no destinations") << messageWith([](MessageFrame &m) { m.destinations.clear(); }) << true;
    QTest::newRow("three destinations") << messageWith([](MessageFrame &m) {
        m.destinations = {{u"B"_s, u"s1"_s}, {u"C"_s, u"s2"_s}, {u"B"_s, u"s3"_s}};
    }) << true;
    QTest::newRow("traced with a path") << messageWith([](MessageFrame &m) {
        m.envelope.trace = true;
        m.envelope.path = {u"A"_s, u"B"_s};
    }) << true;
    QTest::newRow("unacked") << messageWith([](MessageFrame &m) { m.acked = false; }) << true;
    QTest::newRow("empty strings and body") << messageWith([](MessageFrame &m) {
        m.envelope.replyTo.clear();
        m.envelope.key.clear();
        m.envelope.body.clear();
        m.envelope.headers.clear();
        m.envelope.requestId.clear();
    }) << true;
    QTest::newRow("negative times") << messageWith([](MessageFrame &m) {
        m.envelope.createdMs = -1;
        m.envelope.deadlineMs = -70000;
    }) << true;
    QTest::newRow("hops 0") << messageWith([](MessageFrame &m) { m.envelope.hops = 0; }) << true;
    QTest::newRow("hops 22") << messageWith([](MessageFrame &m) { m.envelope.hops = 22; }) << true;
    QTest::newRow("hops 23 (last in the head byte)") << messageWith([](MessageFrame &m) { m.envelope.hops = 23; }) << false;
    QTest::newRow("hops 24 (a byte of its own)") << messageWith([](MessageFrame &m) { m.envelope.hops = 24; }) << false;
    QTest::newRow("hops 65535") << messageWith([](MessageFrame &m) { m.envelope.hops = 65535; }) << false;
    QTest::newRow("long body") << messageWith([](MessageFrame &m) { m.envelope.body = QByteArray(70000, 'b'); }) << true;
}

// A message's routing fields read in place equal the ones the full decoder produces.
void tst_FrameView::messageFieldsMatchTheDecoder()
{
    QFETCH(MessageFrame, message);
    QFETCH(bool, patchable);
    const QByteArray payload = payloadOf(message);
    FrameView view;
    QVERIFY(view.parse(payload));
    Frame decoded;
    QString error;
    QVERIFY2(decodePayload(payload, decoded, &error), qPrintable(error));
    const MessageFrame &m = std::get<MessageFrame>(decoded);
    QCOMPARE(view.kind, FrameView::Kind::Message);
    QVERIFY(view.payload.data() == payload.constData());
    QCOMPARE(view.payload.size(), payload.size());
    QCOMPARE(latin1(view.originRouter), m.originRouter);
    QCOMPARE(view.acked, m.acked);
    QCOMPARE(view.destinationCount, m.destinations.size());
    if (!m.destinations.isEmpty()) {
        QCOMPARE(latin1(view.destinationRouter), m.destinations.constFirst().router);
        QCOMPARE(latin1(view.destinationConsumer), m.destinations.constFirst().consumer);
    }
    QCOMPARE(view.messageId.toByteArray(), m.envelope.id);
    QCOMPARE(latin1(view.address), m.envelope.address);
    QCOMPARE(latin1(view.key), m.envelope.key);
    QCOMPARE(view.deadlineMs, m.envelope.deadlineMs);
    QCOMPARE(view.hops, m.envelope.hops);
    QCOMPARE(view.trace, m.envelope.trace);
    QCOMPARE(view.pathLength, m.envelope.path.size());
    QCOMPARE(view.hopsPatchable(), patchable);
}

void tst_FrameView::ackFieldsMatchTheDecoder_data()
{
    QTest::addColumn<Ack>("ack");
    QTest::newRow("accepted") << Ack{"0123456789abcdef0123456789abcdef", u"sink"_s, u"A"_s, AckStatus::Accepted};
    QTest::newRow("no consumer") << Ack{"m-1", u"gen"_s, u"router-7"_s, AckStatus::NoConsumer};
    QTest::newRow("expired") << Ack{QByteArray("\x00\xff", 2), QString(), u"A"_s, AckStatus::Expired};
}

// An ack's fields read in place equal the ones the full decoder produces.
void tst_FrameView::ackFieldsMatchTheDecoder()
{
    QFETCH(Ack, ack);
    const QByteArray payload = payloadOf(ack);
    FrameView view;
    QVERIFY(view.parse(payload));
    Frame decoded;
    QVERIFY(decodePayload(payload, decoded, nullptr));
    QCOMPARE(std::get<Ack>(decoded), ack);
    QCOMPARE(view.kind, FrameView::Kind::Ack);
    QCOMPARE(view.messageId.toByteArray(), ack.messageId);
    QCOMPARE(latin1(view.consumer), ack.consumer);
    QCOMPARE(latin1(view.originRouter), ack.originRouter);
    QCOMPARE(view.status, ack.status);
    QVERIFY(!view.hopsPatchable());
}

void tst_FrameView::forwardedMessageHasOneHopMore_data()
{
    QTest::addColumn<int>("hops");
    QTest::newRow("0") << 0;
    QTest::newRow("1") << 1;
    QTest::newRow("22 (to 23, still in the head byte)") << 22;
}

// Forwarding in place yields a frame that decodes to the same message with one hop more,
// appended after what the buffer held.
void tst_FrameView::forwardedMessageHasOneHopMore()
{
    QFETCH(int, hops);
    MessageFrame message = plainMessage();
    message.envelope.hops = quint16(hops);
    const QByteArray payload = payloadOf(message);
    FrameView view;
    QVERIFY(view.parse(payload));
    QVERIFY(view.hopsPatchable());

    QByteArray out("prefix");
    appendForwarded(out, view);
    QVERIFY(out.startsWith("prefix"));
    QCOMPARE(qFromBigEndian<quint32>(out.constData() + 6), quint32(payload.size()));
    Frame decoded;
    QString error;
    QVERIFY2(decodePayload(QByteArrayView(out).sliced(10), decoded, &error), qPrintable(error));
    MessageFrame expected = message;
    ++expected.envelope.hops;
    QCOMPARE(std::get<MessageFrame>(decoded), expected);
    // The view's own bytes are untouched: a second forward starts from the same hops.
    QCOMPARE(payload, payloadOf(message));
}

void tst_FrameView::originatedMessageHasTheOriginsHead_data()
{
    QTest::addColumn<QList<Destination>>("destinations");
    QTest::addColumn<bool>("acked");
    QTest::newRow("one, acked") << QList<Destination>{{u"B"_s, u"sink"_s}} << true;
    QTest::newRow("two, unacked") << QList<Destination>{{u"B"_s, u"s1"_s}, {u"C"_s, u"s2"_s}} << false;
    QTest::newRow("none") << QList<Destination>{} << true;
    QTest::newRow("non-ASCII names") << QList<Destination>{{u"Bö"_s, u"sïnk"_s}} << true;
}

// An origin's frame is exactly what appendFrame writes for the entity's message with the
// origin's head and one hop more, after what the buffer held.
void tst_FrameView::originatedMessageHasTheOriginsHead()
{
    QFETCH(QList<Destination>, destinations);
    QFETCH(bool, acked);
    MessageFrame fromEntity = plainMessage();
    fromEntity.originRouter.clear();
    fromEntity.destinations.clear();
    fromEntity.envelope.hops = 0;
    const QByteArray payload = payloadOf(fromEntity);
    FrameView view;
    QVERIFY(view.parse(payload));

    QByteArray out("prefix");
    const qsizetype shift = appendOriginated(out, view, u"router-A", acked, destinations);
    // Offsets into the entity's payload, shifted, find the same envelope bytes in out.
    const qsizetype idAt = view.messageId.data() - view.payload.data();
    QCOMPARE(out.mid(shift + idAt, view.messageId.size()), fromEntity.envelope.id);
    MessageFrame expected = fromEntity;
    expected.originRouter = u"router-A"_s;
    expected.acked = acked;
    expected.destinations = destinations;
    expected.envelope.hops = 1;
    QCOMPARE(out, QByteArray("prefix") + encodeFrame(expected));
}

// A payload appended as it is becomes one frame: its length, then its bytes.
void tst_FrameView::appendPayloadFramesBytesAsTheyAre()
{
    const Ack ack{"m-9", u"sink"_s, u"A"_s, AckStatus::Accepted};
    QByteArray out;
    appendFrame(out, Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"1"_s, 100, 1, {}});
    const qsizetype before = out.size();
    appendPayload(out, payloadOf(ack));
    QCOMPARE(out.mid(before), encodeFrame(ack));
}

void tst_FrameView::peekType_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<FrameType>("type");
    QTest::newRow("message") << payloadOf(plainMessage()) << FrameType::Message;
    QTest::newRow("ack") << payloadOf(Ack{"m", u"c"_s, u"A"_s, AckStatus::Accepted}) << FrameType::Ack;
    QTest::newRow("hello") << payloadOf(Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"1"_s, 100, 1, {}})
                           << FrameType::Hello;
    QTest::newRow("link state (six elements too)") << payloadOf(LinkStateUpdate{u"r1"_s, 3, {}, false})
                                                   << FrameType::Hello;
    QTest::newRow("advert") << payloadOf(AddressAdvert{u"r1"_s, 3, {}}) << FrameType::Hello;
    QTest::newRow("other version") << cbor(with(ackArray(), {0}, 2)) << FrameType::Hello;
    QTest::newRow("too short") << QByteArray("\x86\x01", 2) << FrameType::Hello;
    QTest::newRow("empty") << QByteArray() << FrameType::Hello;
}

// The type is told from the first three bytes; frames no view covers say Hello.
void tst_FrameView::peekType()
{
    QFETCH(QByteArray, payload);
    QFETCH(FrameType, type);
    QCOMPARE(FrameView::peekType(payload), type);
}

void tst_FrameView::refuses_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("decoderAccepts");   // unusual but valid: the decoder takes it

    // Unusual but valid: decoded the slow way.
    QTest::newRow("hello") << payloadOf(Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"1"_s, 100, 1, {}})
                           << true;
    QTest::newRow("link state") << payloadOf(LinkStateUpdate{u"r1"_s, 3, {{u"r2"_s, 1, {}, false}}, false}) << true;
    QTest::newRow("advert") << payloadOf(AddressAdvert{u"r1"_s, 3, {}}) << true;
    QTest::newRow("non-ASCII address") << payloadOf(messageWith([](MessageFrame &m) {
        m.envelope.address = u"/häfen"_s;
    })) << true;
    QTest::newRow("non-ASCII header") << payloadOf(messageWith([](MessageFrame &m) {
        m.envelope.headers = {{u"X"_s, u"⚓"_s}};
    })) << true;
    QTest::newRow("non-ASCII path") << payloadOf(messageWith([](MessageFrame &m) {
        m.envelope.path = {u"r2 (ö)"_s};
    })) << true;
    QTest::newRow("non-ASCII ack consumer") << payloadOf(Ack{"m", u"störe"_s, u"A"_s, AckStatus::Accepted}) << true;
    {
        // The address as an indefinite-length text string of two chunks.
        QByteArray p = cbor(messageArray());
        const QByteArray definite = QByteArray("\x68/store/3", 9);
        const qsizetype at = p.indexOf(definite);
        QVERIFY(at > 0);
        p.replace(at, definite.size(), QByteArray("\x7f\x66/store\x62/3\xff", 12));
        QTest::newRow("indefinite-length address") << p << true;
    }

    // Malformed: the decoder refuses them too, and says why.
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("not an array") << QByteArray("\x01", 1) << false;
    QTest::newRow("unknown version") << cbor(with(messageArray(), {0}, 2)) << false;
    QTest::newRow("unknown ack version") << cbor(with(ackArray(), {0}, 99)) << false;
    QTest::newRow("unknown type") << cbor(with(ackArray(), {1}, 9)) << false;
    QTest::newRow("message with seven fields") << cbor(QCborArray(messageArray()) << 1) << false;
    QTest::newRow("ack with five fields") << cbor(QCborArray{LinkProtocolVersion, 5, QByteArray("m"), u"c"_s, u"r"_s})
                                          << false;
    QTest::newRow("origin as bytes") << cbor(with(messageArray(), {2}, QByteArray("r1"))) << false;
    QTest::newRow("acked as integer") << cbor(with(messageArray(), {3}, 1)) << false;
    QTest::newRow("destinations as map") << cbor(with(messageArray(), {4}, QCborValue(QCborMap()))) << false;
    QTest::newRow("destination of three") << cbor(with(messageArray(), {4, 0},
                                                       QCborArray{u"r2"_s, u"s"_s, u"x"_s})) << false;
    QTest::newRow("destination router as integer") << cbor(with(messageArray(), {4, 0, 0}, 7)) << false;
    QTest::newRow("envelope of eleven") << cbor(with(messageArray(), {5}, [] {
        QCborArray e = envelopeArray();
        e.removeLast();
        return e;
    }())) << false;
    QTest::newRow("id as text") << cbor(with(messageArray(), {5, 0}, u"m-1"_s)) << false;
    QTest::newRow("empty id") << cbor(with(messageArray(), {5, 0}, QByteArray())) << false;
    QTest::newRow("request id as text") << cbor(with(messageArray(), {5, 1}, u"r"_s)) << false;
    QTest::newRow("address as bytes") << cbor(with(messageArray(), {5, 2}, QByteArray("/a"))) << false;
    QTest::newRow("reply-to as integer") << cbor(with(messageArray(), {5, 3}, 3)) << false;
    QTest::newRow("key as boolean") << cbor(with(messageArray(), {5, 4}, true)) << false;
    QTest::newRow("header of one") << cbor(with(messageArray(), {5, 5, 0}, QCborArray{u"X"_s})) << false;
    QTest::newRow("header value as bytes") << cbor(with(messageArray(), {5, 5, 0, 1}, QByteArray("v"))) << false;
    QTest::newRow("body as text") << cbor(with(messageArray(), {5, 6}, u"b"_s)) << false;
    QTest::newRow("created as text") << cbor(with(messageArray(), {5, 7}, u"1"_s)) << false;
    QTest::newRow("deadline as double") << cbor(with(messageArray(), {5, 8}, 1.5)) << false;
    QTest::newRow("negative hops") << cbor(with(messageArray(), {5, 9}, -1)) << false;
    QTest::newRow("hops beyond 16 bits") << cbor(with(messageArray(), {5, 9}, 65536)) << false;
    QTest::newRow("trace as integer") << cbor(with(messageArray(), {5, 10}, 0)) << false;
    QTest::newRow("path entry as bytes") << cbor(with(messageArray(), {5, 11}, QCborArray{QByteArray("r1")})) << false;
    QTest::newRow("ack id as text") << cbor(with(ackArray(), {2}, u"m-1"_s)) << false;
    QTest::newRow("empty ack id") << cbor(with(ackArray(), {2}, QByteArray())) << false;
    QTest::newRow("ack consumer as bytes") << cbor(with(ackArray(), {3}, QByteArray("c"))) << false;
    QTest::newRow("ack origin as integer") << cbor(with(ackArray(), {4}, 1)) << false;
    QTest::newRow("ack status 3") << cbor(with(ackArray(), {5}, 3)) << false;
    QTest::newRow("ack status negative") << cbor(with(ackArray(), {5}, -1)) << false;
    QTest::newRow("trailing byte") << cbor(ackArray()).append('\x00') << false;
    {
        // A string that claims more bytes than the payload holds.
        QByteArray p = cbor(ackArray());
        p[3] = char(0x5a);   // byte string, 4-byte length follows
        p.insert(4, QByteArray("\x7f\xff\xff\xff", 4));
        QTest::newRow("oversized string") << p << false;
    }
    {
        // A destination list that claims more entries than the decoder allows.
        QByteArray p = cbor(messageArray());
        const qsizetype at = p.indexOf(QByteArray("\x81\x82", 2));
        QVERIFY(at > 0);
        p.replace(at, 1, QByteArray("\x9a\x00\x01\x00\x01", 5));
        QTest::newRow("oversized destination list") << p << false;
    }
    {
        // A path that claims more entries than the decoder allows.
        QByteArray p = cbor(messageArray());
        QCOMPARE(p.back(), char(0x80));
        p.chop(1);
        p.append(QByteArray("\x99\x04\x01", 3));
        QTest::newRow("oversized path") << p << false;
    }
}

// Anything but a canonical message or ack is refused without a reason, and the decoder
// then either takes it (unusual) or refuses it with one (malformed): the view never
// accepts a frame the decoder would reject.
void tst_FrameView::refuses()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, decoderAccepts);
    FrameView view;
    QVERIFY(!view.parse(payload));
    QCOMPARE(view.kind, FrameView::Kind::None);
    Frame decoded;
    QString error;
    QCOMPARE(decodePayload(payload, decoded, &error), decoderAccepts);
    QCOMPARE(error.isEmpty(), decoderAccepts);
}

// Every proper prefix of a message or ack is refused.
void tst_FrameView::truncatedPayloadsAreRefused()
{
    const QList<QByteArray> payloads{payloadOf(plainMessage()),
                                     payloadOf(Ack{"m-1", u"sink"_s, u"A"_s, AckStatus::Accepted})};
    for (const QByteArray &payload : payloads) {
        for (qsizetype n = 0; n < payload.size(); ++n) {
            FrameView view;
            QVERIFY2(!view.parse(payload.left(n)), qPrintable(u"prefix of %1 bytes"_s.arg(n)));
        }
    }
}

// Every single-byte corruption of a message and an ack that the view still accepts is
// one the decoder accepts too, with the same fields.
void tst_FrameView::neverAcceptsWhatTheDecoderRefuses()
{
    MessageFrame small = plainMessage();
    small.envelope.body = "tiny";
    small.envelope.trace = true;
    small.envelope.path = {u"r0"_s};
    const QList<QByteArray> payloads{payloadOf(small),
                                     payloadOf(Ack{"m-1", u"sink"_s, u"A"_s, AckStatus::NoConsumer})};
    const QList<quint8> values{0x00, 0x01, 0x17, 0x18, 0x1b, 0x1f, 0x20, 0x40, 0x41, 0x60, 0x61, 0x7f, 0x80,
                               0x81, 0x9f, 0xa0, 0xc0, 0xf4, 0xf5, 0xf6, 0xfb, 0xff};
    int accepted = 0;
    for (const QByteArray &payload : payloads) {
        for (qsizetype i = 0; i < payload.size(); ++i) {
            for (quint8 v : values) {
                QByteArray mutated = payload;
                mutated[i] = char(v);
                FrameView view;
                if (!view.parse(mutated))
                    continue;
                ++accepted;
                Frame decoded;
                QString error;
                QVERIFY2(decodePayload(mutated, decoded, &error),
                         qPrintable(u"byte %1 = 0x%2: view accepts, decoder says %3"_s.arg(i).arg(v, 0, 16).arg(error)));
                if (view.kind == FrameView::Kind::Ack) {
                    const Ack &a = std::get<Ack>(decoded);
                    QCOMPARE(view.messageId.toByteArray(), a.messageId);
                    QCOMPARE(latin1(view.consumer), a.consumer);
                    QCOMPARE(view.status, a.status);
                } else {
                    const MessageFrame &m = std::get<MessageFrame>(decoded);
                    QCOMPARE(view.messageId.toByteArray(), m.envelope.id);
                    QCOMPARE(latin1(view.address), m.envelope.address);
                    QCOMPARE(view.hops, m.envelope.hops);
                    QCOMPARE(view.trace, m.envelope.trace);
                }
            }
        }
    }
    QVERIFY(accepted > 0);   // some corruptions are only different values
}

// nextPayload hands out each frame's payload undecoded, across reads split anywhere.
void tst_FrameView::decoderHandsOutPayloads()
{
    const QList<Frame> frames{Frame(plainMessage()), Frame(Ack{"m-1", u"sink"_s, u"A"_s, AckStatus::Accepted}),
                              Frame(Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"1"_s, 100, 1, {}})};
    QByteArray stream;
    for (const Frame &f : frames)
        appendFrame(stream, f);
    for (qsizetype split = 1; split < stream.size(); split += 37) {
        FrameDecoder decoder;
        QList<QByteArray> got;
        QByteArrayView payload;
        decoder.append(QByteArrayView(stream).first(split));
        while (decoder.nextPayload(payload) == FrameDecoder::Status::Frame)
            got.append(payload.toByteArray());
        decoder.append(QByteArrayView(stream).sliced(split));
        while (decoder.nextPayload(payload) == FrameDecoder::Status::Frame)
            got.append(payload.toByteArray());
        QCOMPARE(got.size(), frames.size());
        for (qsizetype i = 0; i < frames.size(); ++i)
            QCOMPARE(got.at(i), payloadOf(frames.at(i)));
        QCOMPARE(decoder.bufferedBytes(), 0);
    }
}

// Bytes read straight into the decoder's buffer count only as far as committed.
void tst_FrameView::decoderReadsStraightIntoItsBuffer()
{
    const QByteArray frame = encodeFrame(Ack{"m-1", u"sink"_s, u"A"_s, AckStatus::Accepted});
    FrameDecoder decoder;
    char *dst = decoder.prepareAppend(frame.size() + 100);
    memcpy(dst, frame.constData(), size_t(frame.size()));
    decoder.commitAppend(frame.size());
    QCOMPARE(decoder.bufferedBytes(), frame.size());
    Frame decoded;
    QCOMPARE(decoder.next(decoded), FrameDecoder::Status::Frame);
    QCOMPARE(std::get<Ack>(decoded).messageId, QByteArray("m-1"));
    QByteArrayView payload;
    QCOMPARE(decoder.nextPayload(payload), FrameDecoder::Status::NeedMore);

    // A frame over the limit fails the stream, as next() does.
    FrameDecoder small(8);
    small.append(frame);
    QCOMPARE(small.nextPayload(payload), FrameDecoder::Status::Error);
    QVERIFY(small.hasFailed());
    QVERIFY(small.errorString().contains(u"exceeds the limit"_s));
}

QTEST_APPLESS_MAIN(tst_FrameView)
#include "tst_frameview.moc"
