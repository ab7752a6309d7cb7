#include "wire/frameview.h"

#include "wire/cborappender.h"
#include "wire/definitecborreader.h"

#include <QtEndian>

#include <limits>

namespace Portolan::Wire {

namespace {

// Bounds of the full decoder (framecodec.cpp), repeated so that a view accepts no list
// the decoder would refuse.
constexpr quint64 MaxListEntries = 65536;
constexpr quint64 MaxPathEntries = 1024;

// The items of a message or ack in the order the view reads them (DefiniteCborReader);
// text is ASCII only, handed on as the view's Latin-1 fields.
class Reader : public DefiniteCborReader
{
public:
    using DefiniteCborReader::DefiniteCborReader;

    bool array(quint64 &length) { return head(MajorArray, length); }

    // An array of min..max elements.
    bool array(quint64 min, quint64 max, quint64 &length)
    {
        return head(MajorArray, length) && length >= min && length <= max;
    }

    bool bytes(QByteArrayView &out) { return stringData(MajorBytes, out); }
    bool text(QLatin1StringView &out) { return asciiText(out); }

    bool skipText()
    {
        QLatin1StringView ignored;
        return asciiText(ignored);
    }
};

bool readMessage(Reader &r, FrameView &v)
{
    quint64 count = 0;
    if (!r.text(v.originRouter) || !r.boolean(v.acked) || !r.array(0, MaxListEntries, count))
        return false;
    v.destinationCount = qsizetype(count);
    for (quint64 i = 0; i < count; ++i) {
        quint64 two = 0;
        QLatin1StringView router;
        QLatin1StringView consumer;
        if (!r.array(2, 2, two) || !r.text(router) || !r.text(consumer))
            return false;
        if (i == 0) {
            v.destinationRouter = router;
            v.destinationConsumer = consumer;
        }
    }

    quint64 twelve = 0;
    QByteArrayView ignored;
    v.envelopeOffset = r.offset();
    if (!r.array(12, 12, twelve) || !r.bytes(v.messageId) || v.messageId.isEmpty() || !r.bytes(ignored)
        || !r.text(v.address) || !r.skipText() || !r.text(v.key) || !r.array(0, MaxListEntries, count))
        return false;
    for (quint64 i = 0; i < count; ++i) {
        quint64 two = 0;
        if (!r.array(2, 2, two) || !r.skipText() || !r.skipText())
            return false;
    }
    qint64 created = 0;
    if (!r.bytes(ignored) || !r.integer(created) || !r.integer(v.deadlineMs))
        return false;
    // The hop count: patchable in place when it sits in its head byte.
    const qsizetype hopsAt = r.offset();
    const bool inHead = !r.atEnd() && r.peek() < 24;
    qint64 hops = 0;
    if (!r.integer(hops) || hops < 0 || hops > 65535)
        return false;
    v.hops = quint16(hops);
    v.hopsOffset = inHead ? hopsAt : -1;
    if (!r.boolean(v.trace) || !r.array(0, MaxPathEntries, count))
        return false;
    v.pathLength = qsizetype(count);
    for (quint64 i = 0; i < count; ++i) {
        if (!r.skipText())
            return false;
    }
    return true;
}

bool readAck(Reader &r, FrameView &v)
{
    qint64 status = 0;
    if (!r.bytes(v.messageId) || v.messageId.isEmpty() || !r.text(v.consumer) || !r.text(v.originRouter)
        || !r.integer(status) || status < 0 || status > 2)
        return false;
    v.status = AckStatus(status);
    return true;
}

} // namespace

bool FrameView::parse(QByteArrayView bytes)
{
    *this = FrameView();
    Reader r(bytes);
    quint64 length = 0;
    qint64 version = 0;
    qint64 type = 0;
    if (!r.array(length) || length != 6 || !r.integer(version) || version != LinkProtocolVersion
        || !r.integer(type))
        return false;
    bool ok = false;
    if (type == qint64(FrameType::Message))
        ok = readMessage(r, *this);
    else if (type == qint64(FrameType::Ack))
        ok = readAck(r, *this);
    if (!ok || !r.atEnd()) {
        *this = FrameView();
        return false;
    }
    kind = type == qint64(FrameType::Message) ? Kind::Message : Kind::Ack;
    payload = bytes;
    return true;
}

FrameType FrameView::peekType(QByteArrayView bytes)
{
    // 0x86: array of six; then the version and the type as one-byte unsigned integers.
    if (bytes.size() < 3 || quint8(bytes[0]) != 0x86 || quint8(bytes[1]) != LinkProtocolVersion)
        return FrameType::Hello;
    const quint8 type = quint8(bytes[2]);
    return type == quint8(FrameType::Message) || type == quint8(FrameType::Ack) ? FrameType(type) : FrameType::Hello;
}

void appendPayload(QByteArray &out, QByteArrayView payload)
{
    char *dst = appendRoom(out, 4 + payload.size());
    qToBigEndian(quint32(payload.size()), dst);
    memcpy(dst + 4, payload.data(), size_t(payload.size()));
}

qsizetype appendOriginated(QByteArray &out, const FrameView &view, QStringView originRouter, bool acked,
                      const QList<Destination> &destinations)
{
    Q_ASSERT(view.hopsPatchable() && view.envelopeOffset > 0);
    const QByteArrayView envelope = view.payload.sliced(view.envelopeOffset);
    qsizetype estimate = 4 + 16 + originRouter.size() + envelope.size();
    for (const Destination &d : destinations)
        estimate += 4 + d.router.size() + d.consumer.size();
    reserveRoom(out, estimate);
    const qsizetype start = out.size();
    out.resize(start + 4);
    // The head exactly as appendFrame() writes a MessageFrame's.
    CborAppender w(out);
    w.startArray(6);
    w.append(LinkProtocolVersion);
    w.append(quint64(FrameType::Message));
    w.append(originRouter);
    w.append(acked);
    w.startArray(quint64(destinations.size()));
    for (const Destination &d : destinations) {
        w.startArray(2);
        w.append(d.router);
        w.append(d.consumer);
        w.endArray();
    }
    w.endArray();
    const qsizetype envelopeAt = out.size();
    out.append(envelope.data(), envelope.size());
    out.data()[envelopeAt + view.hopsOffset - view.envelopeOffset] = char(view.hops + 1);
    qToBigEndian(quint32(out.size() - start - 4), out.data() + start);
    return envelopeAt - view.envelopeOffset;
}

void appendForwarded(QByteArray &out, const FrameView &view)
{
    Q_ASSERT(view.hopsPatchable());
    const qsizetype at = out.size();
    appendPayload(out, view.payload);
    // Unsigned integers 0..23 are their own head byte (major type 0).
    out.data()[at + 4 + view.hopsOffset] = char(view.hops + 1);
}

} // namespace Portolan::Wire
