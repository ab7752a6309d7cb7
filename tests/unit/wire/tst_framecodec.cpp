#include "support/cborframearrays.h"
#include "wire/framecodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Wire;
using Portolan::Test::ackArray;
using Portolan::Test::cbor;
using Portolan::Test::with;

Q_DECLARE_METATYPE(Portolan::Wire::Frame)
Q_DECLARE_METATYPE(Portolan::Wire::MessageFrame)

namespace {

QByteArray framed(const QByteArray &payload)
{
    QByteArray out(4, '\0');
    qToBigEndian(quint32(payload.size()), out.data());
    return out + payload;
}

QByteArray prefixOnly(quint32 length)
{
    QByteArray out(4, '\0');
    qToBigEndian(length, out.data());
    return out;
}

// Hand-built payloads in the documented layout, valid as they are; rows break one field.
QCborArray helloArray()
{
    return {LinkProtocolVersion, 1, u"node-a"_s, 0, u"0.1.0"_s, 100, 1, u"cheap"_s};
}

QCborArray linkStateArray()
{
    return {LinkProtocolVersion, 2, u"r1"_s, 7, false,
            QCborArray{QCborArray{u"r2"_s, 3, u"cheap"_s, false}, QCborArray{u"e1"_s, 1, QString(), true}}};
}

QCborArray advertArray()
{
    return {LinkProtocolVersion, 3, u"r1"_s, 4,
            QCborArray{QCborArray{u"/stores"_s, QString(), u"store-1"_s, 2, 10}}};
}

QCborArray envelopeArray()
{
    return {QByteArray("m-1"), QByteArray("req-1"), u"/store/3"_s, u"/store/32"_s, QString(),
            QCborArray{QCborArray{u"Content-Type"_s, u"text/plain"_s}}, QByteArray("body"),
            1000, 0, 2, true, QCborArray{u"r1"_s, u"r2"_s}};
}

QCborArray messageArray()
{
    return Portolan::Test::messageArray(envelopeArray());
}

QCborArray without(QCborArray array, qsizetype index)
{
    array.removeAt(index);
    return array;
}

QCborArray plus(QCborArray array, const QCborValue &value)
{
    array.append(value);
    return array;
}

Envelope richEnvelope()
{
    Envelope e;
    e.id = QByteArray("\x00\x01msg-42\xff", 10);
    e.requestId = "req-7";
    e.address = u"/häfen/lübeck/store/3"_s;
    e.replyTo = u"/store/32"_s;
    e.key = u"plaice 🐟"_s;
    e.headers = {{u"Content-Type"_s, u"application/json"_s}, {u"X-Émoji"_s, u"⚓"_s}, {u"Empty"_s, QString()}};
    e.body = QByteArray("{\"item\":\"cutlass\"}\0tail", 23);
    e.createdMs = 1'732'000'000'123;
    e.deadlineMs = -5;
    e.hops = 65535;
    e.trace = true;
    e.path = {u"edge-1"_s, u"r1"_s, u"r2 (ö)"_s};
    return e;
}

QList<Frame> sampleFrames()
{
    QList<Frame> frames;
    frames.append(Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"0.1.0"_s, 100, 1, u"cheap"_s});
    frames.append(LinkStateUpdate{u"r1"_s, 3, {{u"r2"_s, 4, u"cheap"_s, false}, {u"e1"_s, 1, {}, true}}, false});
    frames.append(AddressAdvert{u"r2"_s, 9, {{u"/factories"_s, u"makers"_s, u"factory-1"_s, 3, 8}}});
    MessageFrame m;
    m.originRouter = u"r1"_s;
    m.destinations = {{u"r2"_s, u"store-3"_s}};
    m.envelope = richEnvelope();
    frames.append(m);
    frames.append(Ack{QByteArray("m-1"), u"store-3"_s, u"r1"_s, AckStatus::Accepted});
    return frames;
}

QByteArray stream(const QList<Frame> &frames)
{
    QByteArray out;
    for (const Frame &f : frames)
        appendFrame(out, f);
    return out;
}

// Drains every complete frame; returns the status that stopped it.
FrameDecoder::Status drain(FrameDecoder &decoder, QList<Frame> &out)
{
    for (;;) {
        Frame f;
        const FrameDecoder::Status s = decoder.next(f);
        if (s != FrameDecoder::Status::Frame)
            return s;
        out.append(std::move(f));
    }
}

} // namespace

class tst_FrameCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void appendFrameConcatenates();
    void nodeKindNames();
    void handBuiltPayloadsDecode_data();
    void handBuiltPayloadsDecode();
    void chunkedStringsDecode();
    void nonMinimalHeadsDecode();
    void decoderReassemblesAcrossBoundaries_data();
    void decoderReassemblesAcrossBoundaries();
    void decoderRandomChunks();
    void severalFramesInOneChunk();
    void incompleteFrameWaits();
    void rejects_data();
    void rejects();
    void goodFrameBeforeBadOneIsDelivered();
    void appendAckMatchesAppendFrame_data();
    void appendAckMatchesAppendFrame();
    void messageEncodingMatchesCbor_data();
    void messageEncodingMatchesCbor();
    void appendMessageMatchesAppendFrame_data();
    void appendMessageMatchesAppendFrame();
    void messageDecoderMatchesDecodePayload_data();
    void messageDecoderMatchesDecodePayload();
    void messageDecoderNeverStale_data();
    void messageDecoderNeverStale();
    void messageDecoderReusesEqualText();
    void messageDecoderLeavesKeptCopiesAlone();
};

// Every frame type survives encode -> decode unchanged, including unicode text, binary
// ids and bodies, headers, trace path and the extremes of each numeric field.
void tst_FrameCodec::roundTrip_data()
{
    QTest::addColumn<Frame>("frame");
    QTest::addColumn<FrameType>("type");

    Hello defaults;
    defaults.nodeId = u"r1"_s;
    QTest::newRow("hello, defaults") << Frame(defaults) << FrameType::Hello;
    QTest::newRow("hello, edge with provider")
        << Frame(Hello{u"edge-ü"_s, NodeKind::Edge, LinkProtocolVersion, u"0.2.0-rc1"_s, 3'600'000, 0, u"amazon"_s})
        << FrameType::Hello;
    QTest::newRow("hello, entity, max cost")
        << Frame(Hello{u"store-3"_s, NodeKind::Entity, LinkProtocolVersion, {}, 1, 2147483647, {}})
        << FrameType::Hello;
    QTest::newRow("link state, no neighbours") << Frame(LinkStateUpdate{u"r1"_s, 0, {}, false}) << FrameType::LinkState;
    QTest::newRow("link state, withdrawn, max sequence")
        << Frame(LinkStateUpdate{u"r1"_s, std::numeric_limits<quint64>::max(),
                                 {{u"r2"_s, 0, u"cheap"_s, false}, {u"e1"_s, 2147483647, u"ë"_s, true}}, true})
        << FrameType::LinkState;
    QTest::newRow("address advert, empty") << Frame(AddressAdvert{u"r1"_s, 1, {}}) << FrameType::AddressAdvert;
    QTest::newRow("address advert, consumers")
        << Frame(AddressAdvert{u"store-3"_s, 12,
                               {{u"/store/3"_s, {}, u"store-3"_s, 0, 0},
                                {u"/all-stores"_s, u"stores"_s, u"store-3"_s, -2147483647 - 1, 2147483647}}})
        << FrameType::AddressAdvert;
    MessageFrame minimal;
    minimal.envelope.id = "x";
    QTest::newRow("message, minimal") << Frame(minimal) << FrameType::Message;
    MessageFrame rich;
    rich.originRouter = u"edge-1"_s;
    rich.acked = false;
    rich.destinations = {{u"r2"_s, u"store-3"_s}, {u"r3"_s, u"store-ö"_s}};
    rich.envelope = richEnvelope();
    QTest::newRow("message, headers, path, unicode") << Frame(rich) << FrameType::Message;
    QTest::newRow("ack") << Frame(Ack{QByteArray("m-1"), u"store-3"_s, u"r1"_s, AckStatus::Accepted}) << FrameType::Ack;
    QTest::newRow("ack, no consumer") << Frame(Ack{QByteArray("m-2"), {}, u"r1"_s, AckStatus::NoConsumer}) << FrameType::Ack;
    QTest::newRow("ack, expired, binary id")
        << Frame(Ack{QByteArray("\0\xff\x7f", 3), u"store-3"_s, {}, AckStatus::Expired}) << FrameType::Ack;
}

void tst_FrameCodec::roundTrip()
{
    QFETCH(Frame, frame);
    QFETCH(FrameType, type);

    QCOMPARE(frameType(frame), type);
    const QByteArray bytes = encodeFrame(frame);
    QVERIFY(bytes.size() > 4);
    QCOMPARE(qFromBigEndian<quint32>(bytes.constData()), quint32(bytes.size() - 4));

    Frame decoded;
    QString error;
    QVERIFY2(decodePayload(QByteArrayView(bytes).sliced(4), decoded, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QVERIFY(decoded == frame);
    QCOMPARE(frameType(decoded), type);

    FrameDecoder decoder;
    decoder.append(bytes);
    Frame streamed;
    QCOMPARE(decoder.next(streamed), FrameDecoder::Status::Frame);
    QVERIFY(streamed == frame);
    QCOMPARE(decoder.bufferedBytes(), 0);
}

// appendFrame adds to what the buffer holds: several frames batch into one write.
void tst_FrameCodec::appendFrameConcatenates()
{
    const QList<Frame> frames = sampleFrames();
    QByteArray batch("existing");
    for (const Frame &f : frames)
        appendFrame(batch, f);
    QByteArray expected("existing");
    for (const Frame &f : frames)
        expected += encodeFrame(f);
    QCOMPARE(batch, expected);
}

// Node kinds have stable names for logs and the console.
void tst_FrameCodec::nodeKindNames()
{
    QCOMPARE(nodeKindName(NodeKind::Interior), u"interior"_s);
    QCOMPARE(nodeKindName(NodeKind::Edge), u"edge"_s);
    QCOMPARE(nodeKindName(NodeKind::Entity), u"entity"_s);
}

// The hand-built payloads the rejection rows start from are themselves valid, so each
// rejection is caused by the one field the row breaks.
void tst_FrameCodec::handBuiltPayloadsDecode_data()
{
    QTest::addColumn<QCborArray>("array");
    QTest::addColumn<FrameType>("type");

    QTest::newRow("hello") << helloArray() << FrameType::Hello;
    QTest::newRow("link state") << linkStateArray() << FrameType::LinkState;
    QTest::newRow("address advert") << advertArray() << FrameType::AddressAdvert;
    QTest::newRow("message") << messageArray() << FrameType::Message;
    QTest::newRow("ack") << ackArray() << FrameType::Ack;
}

void tst_FrameCodec::handBuiltPayloadsDecode()
{
    QFETCH(QCborArray, array);
    QFETCH(FrameType, type);

    Frame f;
    QString error;
    QVERIFY2(decodePayload(cbor(array), f, &error), qPrintable(error));
    QCOMPARE(frameType(f), type);
}

// Indefinite-length (chunked) text and byte strings are valid CBOR and decode to the
// joined string, as QCborStreamReader decoded them.
void tst_FrameCodec::chunkedStringsDecode()
{
    QByteArray payload("\x86\x01\x05", 3);
    payload += QByteArray("\x5f\x41m\x42-1\xff", 7);          // byte string "m-1" in two chunks
    payload += QByteArray("\x7f\x63sto\x64re-3\xff", 11);     // text "store-3" in two chunks
    payload += QByteArray("\x7f\xff", 2);                       // empty chunked text
    payload += QByteArray("\x00", 1);
    Frame f;
    QString error;
    QVERIFY2(decodePayload(payload, f, &error), qPrintable(error));
    QCOMPARE(std::get<Ack>(f), (Ack{QByteArray("m-1"), u"store-3"_s, QString(), AckStatus::Accepted}));
}

// Integers and lengths in a longer head than needed (valid CBOR, though our encoder never
// writes them) read as their value.
void tst_FrameCodec::nonMinimalHeadsDecode()
{
    QByteArray payload("\x98\x06", 2);                            // array of 6, one-byte length
    payload += QByteArray("\x19\x00\x01", 3);                     // version 1 in two bytes
    payload += QByteArray("\x1a\x00\x00\x00\x05", 5);             // type 5 in four bytes
    payload += QByteArray("\x58\x03m-1", 5);                       // bytes, one-byte length
    payload += QByteArray("\x79\x00\x01" "c", 4);                    // text, two-byte length
    payload += QByteArray("\x61r", 2);
    payload += QByteArray("\x1b\x00\x00\x00\x00\x00\x00\x00\x02", 9); // status 2 in eight bytes
    Frame f;
    QString error;
    QVERIFY2(decodePayload(payload, f, &error), qPrintable(error));
    QCOMPARE(std::get<Ack>(f), (Ack{QByteArray("m-1"), u"c"_s, u"r"_s, AckStatus::Expired}));
}

// Frames split at any byte boundary come out whole, in order, and nothing is left over.
void tst_FrameCodec::decoderReassemblesAcrossBoundaries_data()
{
    QTest::addColumn<int>("chunk");

    for (int chunk : {1, 2, 3, 4, 5, 7, 13, 64, 1000, 100000})
        QTest::newRow(qPrintable(u"chunks of %1"_s.arg(chunk))) << chunk;
}

void tst_FrameCodec::decoderReassemblesAcrossBoundaries()
{
    QFETCH(int, chunk);

    const QList<Frame> frames = sampleFrames();
    const QByteArray bytes = stream(frames);
    FrameDecoder decoder;
    QList<Frame> got;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        decoder.append(QByteArrayView(bytes).sliced(at, std::min<qsizetype>(chunk, bytes.size() - at)));
        QCOMPARE(drain(decoder, got), FrameDecoder::Status::NeedMore);
    }
    QCOMPARE(got.size(), frames.size());
    QVERIFY(got == frames);
    QCOMPARE(decoder.bufferedBytes(), 0);
    QVERIFY(!decoder.hasFailed());
}

// Random chunk sizes over a long stream (fixed seed, so a failure reproduces).
void tst_FrameCodec::decoderRandomChunks()
{
    QList<Frame> frames;
    for (int i = 0; i < 40; ++i)
        frames += sampleFrames();
    const QByteArray bytes = stream(frames);
    QRandomGenerator random(20241125);
    FrameDecoder decoder;
    QList<Frame> got;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype n = std::min<qsizetype>(random.bounded(1, 300), bytes.size() - at);
        decoder.append(QByteArrayView(bytes).sliced(at, n));
        at += n;
        QCOMPARE(drain(decoder, got), FrameDecoder::Status::NeedMore);
        QVERIFY(decoder.bufferedBytes() < 400);   // consumed bytes do not pile up
    }
    QCOMPARE(got.size(), frames.size());
    QVERIFY(got == frames);
}

// Several frames arriving in one read come out one per next() call.
void tst_FrameCodec::severalFramesInOneChunk()
{
    const QList<Frame> frames = sampleFrames();
    FrameDecoder decoder;
    decoder.append(stream(frames));
    for (const Frame &expected : frames) {
        Frame f;
        QCOMPARE(decoder.next(f), FrameDecoder::Status::Frame);
        QVERIFY(f == expected);
    }
    Frame f;
    QCOMPARE(decoder.next(f), FrameDecoder::Status::NeedMore);
    QCOMPARE(decoder.bufferedBytes(), 0);
}

// A partial prefix or a frame shorter than its prefix announces is not an error: the
// decoder waits for the rest (even at the size limit, without failing early).
void tst_FrameCodec::incompleteFrameWaits()
{
    const QByteArray bytes = encodeFrame(Ack{QByteArray("m-1"), u"c"_s, u"r"_s, AckStatus::Accepted});
    FrameDecoder decoder;
    Frame f;
    decoder.append(bytes.first(3));
    QCOMPARE(decoder.next(f), FrameDecoder::Status::NeedMore);
    decoder.append(QByteArrayView(bytes).sliced(3, bytes.size() - 4));
    QCOMPARE(decoder.next(f), FrameDecoder::Status::NeedMore);
    QCOMPARE(decoder.bufferedBytes(), bytes.size() - 1);
    decoder.append(bytes.last(1));
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Frame);

    FrameDecoder atLimit;
    atLimit.append(QByteArray(prefixOnly(quint32(DefaultMaxFrameBytes)) + QByteArray(100, '\0')));
    QCOMPARE(atLimit.next(f), FrameDecoder::Status::NeedMore);
    QVERIFY(!atLimit.hasFailed());
}

// Every way a frame can be malformed is refused with a reason; the decoder then stays
// failed, drops its buffer, and ignores anything appended later.
void tst_FrameCodec::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("maxBytes");
    QTest::addColumn<QString>("error");   // a part of the expected reason

    const qsizetype d = DefaultMaxFrameBytes;

    QTest::newRow("empty frame") << prefixOnly(0) << d << u"empty frame"_s;
    QTest::newRow("oversized length prefix")
        << prefixOnly(0xFFFFFFFFu) << d << u"frame of 4294967295 bytes exceeds the limit of 4194304 bytes"_s;
    QTest::newRow("one byte over the limit")
        << prefixOnly(quint32(d + 1)) << d << u"exceeds the limit"_s;
    QTest::newRow("over a configured limit")
        << framed(cbor(messageArray())) << qsizetype(16) << u"exceeds the limit of 16 bytes"_s;

    QTest::newRow("wrong protocol version")
        << framed(cbor(with(helloArray(), {0}, 2))) << d
        << u"unsupported protocol version 2 (this node speaks 1)"_s;
    QTest::newRow("protocol version 0")
        << framed(cbor(with(ackArray(), {0}, 0))) << d << u"unsupported protocol version 0"_s;
    QTest::newRow("version as text")
        << framed(cbor(with(helloArray(), {0}, u"1"_s))) << d << u"frame.version: expected an integer"_s;
    QTest::newRow("unknown frame type")
        << framed(cbor(with(ackArray(), {1}, 9))) << d << u"unknown frame type 9"_s;
    QTest::newRow("frame type 0")
        << framed(cbor(with(ackArray(), {1}, 0))) << d << u"unknown frame type 0"_s;
    QTest::newRow("frame type as text")
        << framed(cbor(with(ackArray(), {1}, u"ack"_s))) << d << u"frame.type: expected an integer"_s;

    QTest::newRow("not an array")
        << framed(QCborValue(42).toCbor()) << d << u"expected a definite-length array for frame"_s;
    QTest::newRow("a map")
        << framed(QCborValue(QCborMap{{u"version"_s, 1}}).toCbor()) << d
        << u"expected a definite-length array for frame"_s;
    QTest::newRow("array too short")
        << framed(cbor(QCborArray{1})) << d << u"frame has 1 elements, expected 2..64"_s;
    QTest::newRow("hello with a field missing")
        << framed(cbor(without(helloArray(), 7))) << d << u"frame of type 1 has 5 fields, expected 6"_s;
    QTest::newRow("ack with a field too many")
        << framed(cbor(plus(ackArray(), 0))) << d << u"frame of type 5 has 5 fields, expected 4"_s;
    QTest::newRow("envelope with a field missing")
        << framed(cbor(with(messageArray(), {5}, without(envelopeArray(), 11)))) << d
        << u"envelope has 11 elements, expected 12..12"_s;
    QTest::newRow("header not a pair")
        << framed(cbor(with(messageArray(), {5, 5, 0}, QCborArray{u"a"_s, u"b"_s, u"c"_s}))) << d
        << u"header has 3 elements, expected 2..2"_s;
    QTest::newRow("neighbour with three fields")
        << framed(cbor(with(linkStateArray(), {5, 0}, without(linkStateArray()[5].toArray()[0].toArray(), 3)))) << d
        << u"neighbour has 3 elements, expected 4..4"_s;

    QTest::newRow("node id not text")
        << framed(cbor(with(helloArray(), {2}, 42))) << d << u"hello.nodeId: expected a text string"_s;
    QTest::newRow("message id as text")
        << framed(cbor(with(ackArray(), {2}, u"m-1"_s))) << d << u"ack.messageId: expected a byte string"_s;
    QTest::newRow("withdrawn as integer")
        << framed(cbor(with(linkStateArray(), {4}, 1))) << d << u"linkstate.withdrawn: expected a boolean"_s;
    QTest::newRow("negative sequence")
        << framed(cbor(with(linkStateArray(), {3}, -1))) << d << u"linkstate.sequence: expected an unsigned integer"_s;
    QTest::newRow("headers as a map")
        << framed(cbor(with(messageArray(), {5, 5}, QCborMap{{u"a"_s, u"b"_s}}))) << d
        << u"expected a definite-length array for envelope.headers"_s;
    QTest::newRow("body as text")
        << framed(cbor(with(messageArray(), {5, 6}, u"body"_s))) << d << u"envelope.body: expected a byte string"_s;
    QTest::newRow("created as float")
        << framed(cbor(with(messageArray(), {5, 7}, 1.5))) << d << u"envelope.created: expected an integer"_s;

    QByteArray truncated = cbor(messageArray());
    truncated.chop(3);
    QTest::newRow("truncated CBOR") << framed(truncated) << d << QString();
    QByteArray shortString = cbor(ackArray());
    shortString.chop(2);   // drops the status and the "1" of the announced "r1"
    QTest::newRow("truncated text string") << framed(shortString) << d << QString();
    QTest::newRow("reserved CBOR byte") << framed(QByteArray("\x86\x01\x05\xfc\x00\x00\x00", 7)) << d << QString();
    QByteArray badUtf8 = cbor(ackArray());
    badUtf8.replace("store-3", QByteArray("store\xff" "3", 7));
    QTest::newRow("invalid UTF-8 in a text string") << framed(badUtf8) << d << u"ack.consumer: broken text string"_s;
    QTest::newRow("chunk of another type in a text string")
        << framed(QByteArray("\x86\x01\x05\x43m-1\x7f\x41x\xff\x61r\x00", 14)) << d
        << u"ack.consumer: broken text string"_s;
    QTest::newRow("integer beyond 64 bits")
        << framed(QByteArray("\x86\x01\x05\x43m-1\x61" "c\x61r\x1b\xff\xff\xff\xff\xff\xff\xff\xff", 20)) << d
        << u"ack.status: integer beyond 64 bits"_s;
    QTest::newRow("trailing bytes")
        << framed(cbor(ackArray()) + QCborValue(QCborValue::Null).toCbor()) << d
        << u"trailing bytes after the frame"_s;

    QByteArray indefinite;
    {
        QCborStreamWriter w(&indefinite);
        w.startArray();
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::Ack));
        w.append(QByteArray("m-1"));
        w.append(u"c"_s);
        w.append(u"r"_s);
        w.append(0);
        w.endArray();
    }
    QTest::newRow("indefinite-length array") << framed(indefinite) << d
        << u"expected a definite-length array for frame"_s;
    QByteArray nestedIndefinite;
    {
        QCborStreamWriter w(&nestedIndefinite);
        w.startArray(6);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::LinkState));
        w.append(u"r1"_s);
        w.append(quint64(7));
        w.append(false);
        w.startArray();
        w.endArray();
        w.endArray();
    }
    QTest::newRow("indefinite-length neighbour list") << framed(nestedIndefinite) << d
        << u"expected a definite-length array for linkstate.neighbours"_s;

    QTest::newRow("hello without node id")
        << framed(cbor(with(helloArray(), {2}, QString()))) << d << u"hello without a node id"_s;
    QTest::newRow("ack without message id")
        << framed(cbor(with(ackArray(), {2}, QByteArray()))) << d << u"ack without a message id"_s;
    QTest::newRow("message without id")
        << framed(cbor(with(messageArray(), {5, 0}, QByteArray()))) << d << u"message without an id"_s;

    QTest::newRow("node kind out of range")
        << framed(cbor(with(helloArray(), {3}, 3))) << d << u"hello.kind: 3 is out of range"_s;
    QTest::newRow("hello interval 0")
        << framed(cbor(with(helloArray(), {5}, 0))) << d << u"hello.interval: 0 is out of range"_s;
    QTest::newRow("hello interval over an hour")
        << framed(cbor(with(helloArray(), {5}, 3'600'001))) << d << u"hello.interval: 3600001 is out of range"_s;
    QTest::newRow("negative link cost")
        << framed(cbor(with(helloArray(), {6}, -1))) << d << u"hello.linkCost: -1 is out of range"_s;
    QTest::newRow("neighbour cost beyond 32 bits")
        << framed(cbor(with(linkStateArray(), {5, 0, 1}, qint64(1) << 31))) << d
        << u"neighbour.cost: 2147483648 is out of range"_s;
    QTest::newRow("negative capacity")
        << framed(cbor(with(advertArray(), {4, 0, 4}, -1))) << d << u"consumer.capacity: -1 is out of range"_s;
    QTest::newRow("outstanding below 32 bits")
        << framed(cbor(with(advertArray(), {4, 0, 3}, -(qint64(1) << 31) - 1))) << d
        << u"consumer.outstanding: -2147483649 is out of range"_s;
    QTest::newRow("ack status out of range")
        << framed(cbor(with(ackArray(), {5}, 3))) << d << u"ack.status: 3 is out of range"_s;
    QTest::newRow("hops beyond 16 bits")
        << framed(cbor(with(messageArray(), {5, 9}, 65536))) << d << u"envelope.hops: 65536 is out of range"_s;
    QCborArray longPath;
    for (int i = 0; i < 1025; ++i)
        longPath.append(u"r"_s);
    QTest::newRow("trace path too long")
        << framed(cbor(with(messageArray(), {5, 11}, longPath))) << d
        << u"envelope.path has 1025 elements, expected 0..1024"_s;
}

void tst_FrameCodec::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, maxBytes);
    QFETCH(QString, error);

    FrameDecoder decoder(maxBytes);
    decoder.append(bytes);
    Frame f;
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Error);
    QVERIFY(decoder.hasFailed());
    const QString reason = decoder.errorString();
    QVERIFY(!reason.isEmpty());
    QVERIFY2(reason.contains(error), qPrintable(reason));
    QCOMPARE(decoder.bufferedBytes(), 0);

    // The payload alone is refused the same way (rows about the prefix aside).
    if (bytes.size() > 4 && maxBytes == DefaultMaxFrameBytes) {
        QString payloadError;
        QVERIFY(!decodePayload(QByteArrayView(bytes).sliced(4), f, &payloadError));
        QCOMPARE(payloadError, reason);
        QVERIFY(!decodePayload(QByteArrayView(bytes).sliced(4), f, nullptr));   // error is optional
        // The message decoder never accepts what decodePayload refuses.
        MessageDecoder messages;
        QVERIFY(!messages.decode(QByteArrayView(bytes).sliced(4)));
    }

    // Once failed, always failed: a good frame afterwards is not decoded.
    decoder.append(encodeFrame(Ack{QByteArray("m-1"), u"c"_s, u"r"_s, AckStatus::Accepted}));
    QCOMPARE(decoder.bufferedBytes(), 0);
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Error);
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Error);
    QVERIFY(decoder.hasFailed());
    QCOMPARE(decoder.errorString(), reason);
}

// A good frame ahead of a bad one in the same read is still delivered; the error comes
// on the next call.
void tst_FrameCodec::goodFrameBeforeBadOneIsDelivered()
{
    const Frame good = Ack{QByteArray("m-1"), u"c"_s, u"r"_s, AckStatus::Accepted};
    FrameDecoder decoder;
    decoder.append(QByteArray(encodeFrame(good) + framed(cbor(with(helloArray(), {0}, 2)))));
    Frame f;
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Frame);
    QVERIFY(f == good);
    QVERIFY(!decoder.hasFailed());
    QCOMPARE(decoder.next(f), FrameDecoder::Status::Error);
    QVERIFY(decoder.errorString().contains(u"version 2"_s));
}

void tst_FrameCodec::appendAckMatchesAppendFrame_data()
{
    QTest::addColumn<Frame>("ack");
    QTest::newRow("accepted") << Frame(Ack{"0123456789abcdef0123456789abcdef", u"gen"_s, u"A"_s, AckStatus::Accepted});
    QTest::newRow("no consumer") << Frame(Ack{"m-1", u"gen"_s, u"router-7"_s, AckStatus::NoConsumer});
    QTest::newRow("expired, non-ASCII") << Frame(Ack{QByteArray("\x00\xff", 2), u"störe"_s, u"Ä"_s, AckStatus::Expired});
    QTest::newRow("empty names") << Frame(Ack{"m", QString(), QString(), AckStatus::Accepted});
}

// appendAck writes the very bytes appendFrame writes for the same Ack, after what the
// buffer held.
void tst_FrameCodec::appendAckMatchesAppendFrame()
{
    QFETCH(Frame, ack);
    const Ack &a = std::get<Ack>(ack);
    QByteArray out("head");
    appendAck(out, a.messageId, a.consumer, a.originRouter, a.status);
    QCOMPARE(out, QByteArray("head") + encodeFrame(ack));
}

namespace {

// The messages the encoder and the message decoder are checked with, by name.
QList<std::pair<const char *, MessageFrame>> sampleMessages()
{
    QList<std::pair<const char *, MessageFrame>> out;
    MessageFrame minimal;
    minimal.envelope.id = "x";
    out.append({"minimal", minimal});

    MessageFrame entity;   // what a generator sends: generated id, body, no routing yet
    entity.envelope.id = "0123456789abcdef0123456789abcdef";
    entity.envelope.requestId = entity.envelope.id;
    entity.envelope.address = u"/work"_s;
    entity.envelope.body = QByteArray(256, 'b');
    entity.envelope.createdMs = 1'732'000'000'123;
    out.append({"entity's message", entity});

    MessageFrame routed = entity;   // as the origin router hands it to a consumer
    routed.originRouter = u"A"_s;
    routed.destinations = {{u"B"_s, u"sink"_s}};
    routed.envelope.hops = 2;
    out.append({"routed", routed});

    MessageFrame full;   // every field, ASCII, and the numeric extremes
    full.originRouter = u"edge-1"_s;
    full.acked = false;
    full.destinations = {{u"r2"_s, u"store-3"_s}, {u"r3"_s, u"store-4"_s}};
    full.envelope.id = QByteArray("\x00\x01msg-42\xff", 10);
    full.envelope.requestId = "req-7";
    full.envelope.address = u"/store/3"_s;
    full.envelope.replyTo = u"/store/32"_s;
    full.envelope.key = u"plaice 42"_s;
    full.envelope.headers = {{u"Content-Type"_s, u"application/json"_s}, {u"Empty"_s, QString()}};
    full.envelope.body = QByteArray(70'000, 'x');
    full.envelope.createdMs = std::numeric_limits<qint64>::max();
    full.envelope.deadlineMs = std::numeric_limits<qint64>::min();
    full.envelope.hops = 65535;
    full.envelope.trace = true;
    full.envelope.path = {u"edge-1"_s, u"r1"_s, QString(u'r').repeated(300)};
    out.append({"every field", full});

    MessageFrame longLists = routed;
    for (int i = 0; i < 30; ++i) {
        longLists.destinations.append({u"r%1"_s.arg(i), u"c%1"_s.arg(i)});
        longLists.envelope.headers.append({u"H%1"_s.arg(i), u"v"_s});
        longLists.envelope.path.append(u"r%1"_s.arg(i));
    }
    longLists.envelope.deadlineMs = -24;
    longLists.envelope.hops = 24;
    out.append({"lists of more than 23", longLists});
    return out;
}

QCborArray toCbor(const MessageFrame &m)
{
    const Envelope &e = m.envelope;
    QCborArray destinations;
    for (const Destination &d : m.destinations)
        destinations.append(QCborArray{d.router, d.consumer});
    QCborArray headers;
    for (const Header &h : e.headers)
        headers.append(QCborArray{h.first, h.second});
    QCborArray path;
    for (const QString &hop : e.path)
        path.append(hop);
    const QCborArray envelope{e.id, e.requestId, e.address, e.replyTo, e.key, headers, e.body,
                              e.createdMs, e.deadlineMs, e.hops, e.trace, path};
    return {LinkProtocolVersion, 4, m.originRouter, m.acked, destinations, envelope};
}

} // namespace

void tst_FrameCodec::messageEncodingMatchesCbor_data()
{
    QTest::addColumn<MessageFrame>("message");
    for (const auto &[name, message] : sampleMessages())
        QTest::newRow(name) << message;
}

// A message is written in the canonical CBOR a general encoder writes for its layout
// (shortest heads, definite lengths), byte for byte.
void tst_FrameCodec::messageEncodingMatchesCbor()
{
    QFETCH(MessageFrame, message);
    QCOMPARE(encodeFrame(message), framed(cbor(toCbor(message))));
}

void tst_FrameCodec::appendMessageMatchesAppendFrame_data()
{
    QTest::addColumn<MessageFrame>("message");
    for (const auto &[name, message] : sampleMessages())
        QTest::newRow(name) << message;
    MessageFrame unicode;
    unicode.originRouter = u"edge-1"_s;
    unicode.destinations = {{u"r2"_s, u"store-ö"_s}};
    unicode.envelope = richEnvelope();
    QTest::newRow("unicode") << unicode;
}

// appendMessage writes the very bytes appendFrame writes for the same message, after what
// the buffer held, and they decode back to the message.
void tst_FrameCodec::appendMessageMatchesAppendFrame()
{
    QFETCH(MessageFrame, message);
    QByteArray out("head");
    appendMessage(out, message);
    QCOMPARE(out, QByteArray("head") + encodeFrame(message));
    Frame decoded;
    QString error;
    QVERIFY2(decodePayload(QByteArrayView(out).sliced(8), decoded, &error), qPrintable(error));
    QVERIFY(decoded == Frame(message));
}

void tst_FrameCodec::messageDecoderMatchesDecodePayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("accepted");
    for (const auto &[name, message] : sampleMessages())
        QTest::newRow(name) << encodeFrame(message).sliced(4) << true;
    QTest::newRow("hand-built") << cbor(messageArray()) << true;
    QTest::newRow("hops 3") << cbor(with(messageArray(), {5, 9}, 3)) << true;
    QByteArray longHeads = cbor(messageArray());
    longHeads[0] = char(0x98);   // array of 6 with a one-byte length: valid, not the common form
    longHeads.insert(1, char(0x06));
    QTest::newRow("frame array in a longer head") << longHeads << true;
    QTest::newRow("non-ASCII address") << cbor(with(messageArray(), {5, 2}, u"/häfen"_s)) << false;
    QTest::newRow("non-ASCII header") << cbor(with(messageArray(), {5, 5, 0, 1}, u"ö"_s)) << false;
    QTest::newRow("non-ASCII path") << cbor(with(messageArray(), {5, 11, 0}, u"rö"_s)) << false;
    QTest::newRow("an ack") << cbor(ackArray()) << false;
    QTest::newRow("a hello") << cbor(helloArray()) << false;
    QByteArray chunkedBody = cbor(with(messageArray(), {5, 6}, QByteArray()));
    // Replace the empty body (0x40) with the same empty body, chunked: 0x5f 0xff.
    const qsizetype bodyAt = chunkedBody.indexOf(QByteArray("\x40\x19\x03\xe8", 4));
    QVERIFY(bodyAt > 0);
    chunkedBody.replace(bodyAt, 1, QByteArray("\x5f\xff", 2));
    QTest::newRow("chunked body") << chunkedBody << false;
}

// What the message decoder accepts decodes exactly as decodePayload decodes it; what it
// refuses (anything unusual, for decodePayload to handle) decodePayload still takes.
void tst_FrameCodec::messageDecoderMatchesDecodePayload()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, accepted);
    Frame expected;
    QString error;
    QVERIFY2(decodePayload(payload, expected, &error), qPrintable(error));

    MessageDecoder decoder;
    QCOMPARE(decoder.decode(payload), accepted);
    if (accepted)
        QVERIFY(Frame(decoder.message()) == expected);

    // The same after another message filled the decoder's fields: nothing of it remains.
    MessageDecoder used;
    QVERIFY(used.decode(cbor(toCbor(sampleMessages().at(3).second))));
    QCOMPARE(used.decode(payload), accepted);
    if (accepted)
        QVERIFY(Frame(used.message()) == expected);
}

void tst_FrameCodec::messageDecoderNeverStale_data()
{
    QTest::addColumn<QList<qsizetype>>("path");
    QTest::addColumn<QCborValue>("value");
    // Each row changes one field of the second message: same length, other length, empty.
    const QList<std::tuple<const char *, QList<qsizetype>, QCborValue, QCborValue>> fields{
        {"origin router", {2}, u"r9"_s, u"router-9"_s},
        {"destination router", {4, 0, 0}, u"r9"_s, u"router-9"_s},
        {"destination consumer", {4, 0, 1}, u"store-9"_s, u"s"_s},
        {"id", {5, 0}, QByteArray("m-9"), QByteArray("m-900")},
        {"request id", {5, 1}, QByteArray("req-9"), QByteArray("r")},
        {"address", {5, 2}, u"/store/9"_s, u"/factories"_s},
        {"reply-to", {5, 3}, u"/store/99"_s, u"/x"_s},
        {"key", {5, 4}, u"k"_s, u"a longer key"_s},
        {"header name", {5, 5, 0, 0}, u"Content-Tipe"_s, u"X"_s},
        {"header value", {5, 5, 0, 1}, u"text/plaim"_s, u"application/json"_s},
        {"body", {5, 6}, QByteArray("bodz"), QByteArray(300, 'z')},
        {"path entry", {5, 11, 1}, u"r3"_s, u"router-3"_s},
    };
    for (const auto &[name, path, sameLength, otherLength] : fields) {
        QTest::newRow(qPrintable(u"%1, same length"_s.arg(QLatin1StringView(name)))) << path << sameLength;
        QTest::newRow(qPrintable(u"%1, other length"_s.arg(QLatin1StringView(name)))) << path << otherLength;
        if (QLatin1StringView(name) != "id"_L1) {   // a message without an id is refused
            const QCborValue empty = sameLength.isByteArray() ? QCborValue(QByteArray()) : QCborValue(QString());
            QTest::newRow(qPrintable(u"%1, empty"_s.arg(QLatin1StringView(name)))) << path << empty;
        }
    }
}

// A message whose field differs from the previous message's, by a byte or in length,
// decodes to its own value, never to the previous one's; and back again.
void tst_FrameCodec::messageDecoderNeverStale()
{
    QFETCH(QList<qsizetype>, path);
    QFETCH(QCborValue, value);
    const QByteArray first = cbor(messageArray());
    const QByteArray second = cbor(with(messageArray(), path, value));
    MessageDecoder decoder;
    for (const QByteArray &payload : {first, second, second, first, second}) {
        Frame expected;
        QString error;
        QVERIFY2(decodePayload(payload, expected, &error), qPrintable(error));
        QVERIFY(decoder.decode(payload));
        QVERIFY(Frame(decoder.message()) == expected);
        // Null where decodePayload makes it null, too.
        const Envelope &e = std::get<MessageFrame>(expected).envelope;
        QCOMPARE(decoder.message().envelope.key.isNull(), e.key.isNull());
        QCOMPARE(decoder.message().envelope.requestId.isNull(), e.requestId.isNull());
    }
}

// Text equal to the previous message's keeps its string (no new one per message); a byte
// array nobody else holds is rewritten in place.
void tst_FrameCodec::messageDecoderReusesEqualText()
{
    MessageDecoder decoder;
    QVERIFY(decoder.decode(cbor(messageArray())));
    const MessageFrame before = decoder.message();   // shares every field with the decoder
    const char *idData = decoder.message().envelope.id.constData();
    QVERIFY(decoder.decode(cbor(with(messageArray(), {5, 0}, QByteArray("m-2")))));
    const MessageFrame &after = decoder.message();
    QVERIFY(after.originRouter.isSharedWith(before.originRouter));
    QVERIFY(after.envelope.address.isSharedWith(before.envelope.address));
    QVERIFY(after.envelope.replyTo.isSharedWith(before.envelope.replyTo));
    QVERIFY(after.destinations.at(0).consumer.isSharedWith(before.destinations.at(0).consumer));
    QVERIFY(after.envelope.headers.at(0).second.isSharedWith(before.envelope.headers.at(0).second));
    QCOMPARE(after.envelope.id, QByteArray("m-2"));
    QCOMPARE(before.envelope.id, QByteArray("m-1"));   // the copy kept its id: not written over

    // Once nobody else holds it, the id's array is reused for the next one.
    const char *secondIdData = after.envelope.id.constData();
    QVERIFY(secondIdData != idData);
    QVERIFY(decoder.decode(cbor(with(messageArray(), {5, 0}, QByteArray("m-3")))));
    QCOMPARE(decoder.message().envelope.id, QByteArray("m-3"));
    QCOMPARE(decoder.message().envelope.id.constData(), secondIdData);
}

// Whatever a role keeps of a delivered message (a copy of the envelope, of its body, of a
// header list) stays as it was when the next messages are decoded.
void tst_FrameCodec::messageDecoderLeavesKeptCopiesAlone()
{
    MessageDecoder decoder;
    QVERIFY(decoder.decode(cbor(messageArray())));
    const Envelope kept = decoder.message().envelope;
    const QByteArray keptBody = decoder.message().envelope.body;
    const HeaderList keptHeaders = decoder.message().envelope.headers;
    const QStringList keptPath = decoder.message().envelope.path;
    Frame original;
    QString error;
    QVERIFY(decodePayload(cbor(messageArray()), original, &error));

    QCborArray other = with(messageArray(), {5, 6}, QByteArray("BODY"));
    other = with(other, {5, 5, 0, 1}, u"text/html"_s);
    other = with(other, {5, 11, 0}, u"q1"_s);
    other = with(other, {5, 0}, QByteArray("m-2"));
    QVERIFY(decoder.decode(cbor(other)));
    QCOMPARE(decoder.message().envelope.body, QByteArray("BODY"));
    QVERIFY(kept == std::get<MessageFrame>(original).envelope);
    QCOMPARE(keptBody, QByteArray("body"));
    QCOMPARE(keptHeaders.at(0).second, u"text/plain"_s);
    QCOMPARE(keptPath.at(0), u"r1"_s);
}

QTEST_APPLESS_MAIN(tst_FrameCodec)
#include "tst_framecodec.moc"
