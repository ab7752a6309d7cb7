#include "wire/framecodec.h"

#include "wire/cborappender.h"
#include "wire/definitecborreader.h"

#include <QStringDecoder>
#include <QtEndian>

#include <cstring>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Wire {

QString nodeKindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Interior: return u"interior"_s;
    case NodeKind::Edge: return u"edge"_s;
    case NodeKind::Entity: return u"entity"_s;
    }
    return u"unknown"_s;
}

FrameType frameType(const Frame &frame)
{
    return std::visit([](const auto &f) -> FrameType {
        using T = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<T, Hello>) return FrameType::Hello;
        else if constexpr (std::is_same_v<T, LinkStateUpdate>) return FrameType::LinkState;
        else if constexpr (std::is_same_v<T, AddressAdvert>) return FrameType::AddressAdvert;
        else if constexpr (std::is_same_v<T, MessageFrame>) return FrameType::Message;
        else return FrameType::Ack;
    }, frame);
}

namespace {

// ---- encoding ------------------------------------------------------------------

void writeEnvelope(CborAppender &w, const Envelope &e)
{
    w.startArray(12);
    w.append(e.id);
    w.append(e.requestId);
    w.append(e.address);
    w.append(e.replyTo);
    w.append(e.key);
    w.startArray(quint64(e.headers.size()));
    for (const Header &h : e.headers) {
        w.startArray(2);
        w.append(h.first);
        w.append(h.second);
        w.endArray();
    }
    w.endArray();
    w.append(e.body);
    w.append(e.createdMs);
    w.append(e.deadlineMs);
    w.append(quint64(e.hops));
    w.append(e.trace);
    w.startArray(quint64(e.path.size()));
    for (const QString &hop : e.path)
        w.append(hop);
    w.endArray();
    w.endArray();
}

struct PayloadWriter
{
    CborAppender &w;

    void operator()(const Hello &f) const
    {
        w.startArray(8);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::Hello));
        w.append(f.nodeId);
        w.append(quint64(f.kind));
        w.append(f.software);
        w.append(quint64(f.helloIntervalMs));
        w.append(qint64(f.linkCost));
        w.append(f.provider);
        w.endArray();
    }
    void operator()(const LinkStateUpdate &f) const
    {
        w.startArray(6);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::LinkState));
        w.append(f.router);
        w.append(f.sequence);
        w.append(f.withdrawn);
        w.startArray(quint64(f.neighbours.size()));
        for (const Neighbour &n : f.neighbours) {
            w.startArray(4);
            w.append(n.id);
            w.append(qint64(n.cost));
            w.append(n.provider);
            w.append(n.stub);
            w.endArray();
        }
        w.endArray();
        w.endArray();
    }
    void operator()(const AddressAdvert &f) const
    {
        w.startArray(5);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::AddressAdvert));
        w.append(f.origin);
        w.append(f.sequence);
        w.startArray(quint64(f.consumers.size()));
        for (const ConsumerAdvert &c : f.consumers) {
            w.startArray(5);
            w.append(c.address);
            w.append(c.group);
            w.append(c.consumer);
            w.append(qint64(c.outstanding));
            w.append(qint64(c.capacity));
            w.endArray();
        }
        w.endArray();
        w.endArray();
    }
    void operator()(const MessageFrame &f) const
    {
        w.startArray(6);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::Message));
        w.append(f.originRouter);
        w.append(f.acked);
        w.startArray(quint64(f.destinations.size()));
        for (const Destination &d : f.destinations) {
            w.startArray(2);
            w.append(d.router);
            w.append(d.consumer);
            w.endArray();
        }
        w.endArray();
        writeEnvelope(w, f.envelope);
        w.endArray();
    }
    void operator()(const Ack &f) const
    {
        w.startArray(6);
        w.append(LinkProtocolVersion);
        w.append(quint64(FrameType::Ack));
        w.append(f.messageId);
        w.append(f.consumer);
        w.append(f.originRouter);
        w.append(quint64(f.status));
        w.endArray();
    }
};

// ---- the message writer ---------------------------------------------------------

// Every message an entity sends and every one a router originates is encoded here, so
// messages are written through a pointer into room made once for the whole frame, rather
// than item by item through CborAppender (a size check and a QByteArray append per item).
// That needs the exact size first, which is simple when every text is ASCII (its own
// UTF-8, one byte per UTF-16 unit); a message with any other text goes through
// PayloadWriter. Both write the same bytes: shortest-form heads, definite lengths.

constexpr qsizetype headSize(quint64 value)
{
    return value < 24 ? 1 : value <= 0xff ? 2 : value <= 0xffff ? 3 : value <= 0xffffffffULL ? 5 : 9;
}

constexpr qsizetype integerSize(qint64 value)
{
    return headSize(value >= 0 ? quint64(value) : quint64(-1 - value));
}

// The payload size of a message whose every text is ASCII; -1 when one is not.
qsizetype asciiMessageSize(const MessageFrame &f)
{
    bool ascii = true;
    const auto text = [&ascii](QStringView t) {
        const char16_t *units = t.utf16();
        for (qsizetype i = 0; i < t.size(); ++i)
            ascii = ascii && units[i] < 0x80;
        return headSize(quint64(t.size())) + t.size();
    };
    const auto bytes = [](QByteArrayView b) { return headSize(quint64(b.size())) + b.size(); };
    const Envelope &e = f.envelope;
    // Array heads of up to 23 elements, the version, the type and booleans take a byte each.
    qsizetype size = 4 + text(f.originRouter) + headSize(quint64(f.destinations.size()));
    for (const Destination &d : f.destinations)
        size += 1 + text(d.router) + text(d.consumer);
    size += 1 + bytes(e.id) + bytes(e.requestId) + text(e.address) + text(e.replyTo) + text(e.key)
            + headSize(quint64(e.headers.size()));
    for (const Header &h : e.headers)
        size += 1 + text(h.first) + text(h.second);
    size += bytes(e.body) + integerSize(e.createdMs) + integerSize(e.deadlineMs) + headSize(e.hops) + 1
            + headSize(quint64(e.path.size()));
    for (const QString &hop : e.path)
        size += text(hop);
    return ascii ? size : -1;
}

// Writes CBOR items into room already made for them.
class RoomWriter
{
public:
    explicit RoomWriter(char *at)
        : m_pos(at)
    {
    }

    char *position() const { return m_pos; }

    void head(CborMajorType major, quint64 value)
    {
        const char type = char(major << 5);
        if (value < 24) {
            *m_pos++ = char(type | char(value));
        } else if (value <= 0xff) {
            *m_pos++ = char(type | 24);
            *m_pos++ = char(value);
        } else if (value <= 0xffff) {
            *m_pos++ = char(type | 25);
            qToBigEndian(quint16(value), m_pos);
            m_pos += 2;
        } else if (value <= 0xffffffffULL) {
            *m_pos++ = char(type | 26);
            qToBigEndian(quint32(value), m_pos);
            m_pos += 4;
        } else {
            *m_pos++ = char(type | 27);
            qToBigEndian(value, m_pos);
            m_pos += 8;
        }
    }
    void integer(qint64 value)
    {
        if (value >= 0)
            head(MajorUnsigned, quint64(value));
        else
            head(MajorNegative, quint64(-1 - value));
    }
    void boolean(bool value) { *m_pos++ = char(value ? 0xf5 : 0xf4); }
    void bytes(QByteArrayView b)
    {
        head(MajorBytes, quint64(b.size()));
        if (!b.isEmpty())
            memcpy(m_pos, b.data(), size_t(b.size()));
        m_pos += b.size();
    }
    void ascii(QStringView text)
    {
        head(MajorText, quint64(text.size()));
        const char16_t *units = text.utf16();
        for (qsizetype i = 0; i < text.size(); ++i)
            *m_pos++ = char(units[i]);
    }

private:
    char *m_pos;
};

// Writes the frame of a message whose payload is `size` bytes, all text ASCII.
void writeAsciiMessage(QByteArray &out, const MessageFrame &f, qsizetype size)
{
    char *at = appendRoom(out, 4 + size);
    qToBigEndian(quint32(size), at);
    RoomWriter w(at + 4);
    w.head(MajorArray, 6);
    w.integer(LinkProtocolVersion);
    w.head(MajorUnsigned, quint64(FrameType::Message));
    w.ascii(f.originRouter);
    w.boolean(f.acked);
    w.head(MajorArray, quint64(f.destinations.size()));
    for (const Destination &d : f.destinations) {
        w.head(MajorArray, 2);
        w.ascii(d.router);
        w.ascii(d.consumer);
    }
    const Envelope &e = f.envelope;
    w.head(MajorArray, 12);
    w.bytes(e.id);
    w.bytes(e.requestId);
    w.ascii(e.address);
    w.ascii(e.replyTo);
    w.ascii(e.key);
    w.head(MajorArray, quint64(e.headers.size()));
    for (const Header &h : e.headers) {
        w.head(MajorArray, 2);
        w.ascii(h.first);
        w.ascii(h.second);
    }
    w.bytes(e.body);
    w.integer(e.createdMs);
    w.integer(e.deadlineMs);
    w.head(MajorUnsigned, e.hops);
    w.boolean(e.trace);
    w.head(MajorArray, quint64(e.path.size()));
    for (const QString &hop : e.path)
        w.ascii(hop);
    Q_ASSERT(w.position() == at + 4 + size);
}

// ---- decoding ------------------------------------------------------------------

// A strict reader over one payload: every field must have exactly the expected CBOR
// type and every array its expected length; the first mismatch records an error and
// all later reads fail fast.
//
// It reads the bytes itself rather than through QCborStreamReader: the frame layouts
// need only definite-length arrays, integers, booleans and strings, and a router
// decodes every frame it forwards. Strings are copied once, straight from the payload
// (ASCII, the common case, without a UTF-8 decoder); error texts are only built on
// failure. Indefinite-length strings are accepted, as QCborStreamReader accepted them;
// invalid UTF-8 is refused.
class Cursor
{
public:
    explicit Cursor(QByteArrayView payload)
        : m_pos(reinterpret_cast<const quint8 *>(payload.data()))
        , m_end(m_pos + payload.size())
        , m_begin(m_pos)
    {
    }

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = what;
        return false;
    }

    bool enterArray(qsizetype minLength, qsizetype maxLength, qsizetype *length, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if (head.major != MajorArray || head.indefinite)
            return fail(u"expected a definite-length array for %1"_s.arg(QLatin1StringView(what)));
        const quint64 len = head.value;
        if (len < quint64(minLength) || len > quint64(maxLength))
            return fail(u"%1 has %2 elements, expected %3..%4"_s.arg(QLatin1StringView(what)).arg(len).arg(minLength).arg(maxLength));
        if (m_depth == MaxDepth)
            return fail(u"cannot enter %1: nested too deeply"_s.arg(QLatin1StringView(what)));
        m_remaining[m_depth++] = len;
        *length = qsizetype(len);
        return true;
    }

    bool leaveArray(const char *what)
    {
        if (!ok())
            return false;
        if (m_depth == 0)
            return fail(u"cannot leave %1"_s.arg(QLatin1StringView(what)));
        if (m_remaining[m_depth - 1] > 0)
            return fail(u"trailing elements in %1"_s.arg(QLatin1StringView(what)));
        --m_depth;
        return true;
    }

    bool readString(QString &out, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if (head.major != MajorText)
            return fail(u"%1: expected a text string"_s.arg(QLatin1StringView(what)));
        QByteArrayView utf8;
        QByteArray chunks;
        if (!readStringData(head, &utf8, &chunks))
            return fail(u"%1: broken text string"_s.arg(QLatin1StringView(what)));
        if (utf8.isEmpty()) {
            out = QString();
            return true;
        }
        if (isAscii(utf8)) {
            out = QString::fromLatin1(utf8);
            return true;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        out = decoder.decode(utf8);
        if (decoder.hasError())
            return fail(u"%1: broken text string"_s.arg(QLatin1StringView(what)));
        return true;
    }

    bool readBytes(QByteArray &out, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if (head.major != MajorBytes)
            return fail(u"%1: expected a byte string"_s.arg(QLatin1StringView(what)));
        QByteArrayView bytes;
        QByteArray chunks;
        if (!readStringData(head, &bytes, &chunks))
            return fail(u"%1: broken byte string"_s.arg(QLatin1StringView(what)));
        if (!chunks.isNull())
            out = std::move(chunks);
        else if (bytes.isEmpty())
            out = QByteArray();
        else
            out = bytes.toByteArray();
        return true;
    }

    bool readInt(qint64 &out, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if ((head.major != MajorUnsigned && head.major != MajorNegative) || head.indefinite)
            return fail(u"%1: expected an integer"_s.arg(QLatin1StringView(what)));
        if (head.value > quint64(std::numeric_limits<qint64>::max()))
            return fail(u"%1: integer beyond 64 bits"_s.arg(QLatin1StringView(what)));
        out = head.major == MajorUnsigned ? qint64(head.value) : -1 - qint64(head.value);
        return true;
    }

    bool readUnsigned(quint64 &out, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if (head.major != MajorUnsigned || head.indefinite)
            return fail(u"%1: expected an unsigned integer"_s.arg(QLatin1StringView(what)));
        out = head.value;
        return true;
    }

    bool readBool(bool &out, const char *what)
    {
        if (!ok())
            return false;
        Head head;
        if (!readHead(head, what))
            return false;
        if (head.major != MajorSimple || head.indefinite || head.additional >= 24
            || (head.value != SimpleFalse && head.value != SimpleTrue))
            return fail(u"%1: expected a boolean"_s.arg(QLatin1StringView(what)));
        out = head.value == SimpleTrue;
        return true;
    }

    template<typename Int>
    bool readRanged(Int &out, qint64 min, qint64 max, const char *what)
    {
        qint64 v = 0;
        if (!readInt(v, what))
            return false;
        if (v < min || v > max)
            return fail(u"%1: %2 is out of range"_s.arg(QLatin1StringView(what)).arg(v));
        out = Int(v);
        return true;
    }

    // Every array left and no byte after the top-level item.
    bool atEnd() const { return ok() && m_depth == 0 && m_pos == m_end; }

private:
    static constexpr quint64 SimpleFalse = 20;
    static constexpr quint64 SimpleTrue = 21;
    static constexpr quint8 Break = 0xff;
    // frame > envelope > headers > header is the deepest layout.
    static constexpr int MaxDepth = 8;

    struct Head
    {
        quint8 major = 0;
        quint8 additional = 0;
        bool indefinite = false;
        quint64 value = 0;
    };

    static bool isAscii(QByteArrayView bytes)
    {
        for (char c : bytes) {
            if (quint8(c) >= 0x80)
                return false;
        }
        return true;
    }

    qsizetype offset() const { return qsizetype(m_pos - m_begin); }

    // Reads one item's initial byte and argument, and counts the item against the
    // array it belongs to.
    bool readHead(Head &head, const char *what)
    {
        if (m_depth > 0) {
            if (m_remaining[m_depth - 1] == 0)
                return fail(u"%1: past the end of its array"_s.arg(QLatin1StringView(what)));
            --m_remaining[m_depth - 1];
        }
        if (!decodeHead(head))
            return fail(u"%1: malformed CBOR at offset %2"_s.arg(QLatin1StringView(what)).arg(offset()));
        return true;
    }

    // The raw head, without counting: also used for string chunks and the break.
    bool decodeHead(Head &head)
    {
        if (m_pos == m_end)
            return false;
        const quint8 initial = *m_pos++;
        head.major = initial >> 5;
        head.additional = initial & 0x1f;
        head.indefinite = false;
        if (head.additional < 24) {
            head.value = head.additional;
            return true;
        }
        if (head.additional == 31) {
            // Indefinite length: strings, arrays and maps; the break code of major 7.
            head.indefinite = true;
            head.value = 0;
            return head.major == MajorBytes || head.major == MajorText || head.major == MajorArray
                || head.major == MajorMap || head.major == MajorSimple;
        }
        if (head.additional > 27)
            return false;   // 28..30 are reserved
        const qsizetype size = qsizetype(1) << (head.additional - 24);
        if (m_end - m_pos < size)
            return false;
        quint64 value = 0;
        for (qsizetype i = 0; i < size; ++i)
            value = (value << 8) | m_pos[i];
        m_pos += size;
        head.value = value;
        return true;
    }

    // The content of a byte or text string whose head was just read: a view into the
    // payload, or for an indefinite-length string its chunks joined into *joined.
    bool readStringData(const Head &head, QByteArrayView *view, QByteArray *joined)
    {
        if (!head.indefinite) {
            if (quint64(m_end - m_pos) < head.value)
                return false;
            *view = QByteArrayView(m_pos, qsizetype(head.value));
            m_pos += qsizetype(head.value);
            return true;
        }
        *joined = QByteArray("");
        for (;;) {
            if (m_pos == m_end)
                return false;
            if (*m_pos == Break) {
                ++m_pos;
                *view = QByteArrayView(*joined);
                return true;
            }
            Head chunk;
            if (!decodeHead(chunk) || chunk.major != head.major || chunk.indefinite
                || quint64(m_end - m_pos) < chunk.value)
                return false;
            joined->append(reinterpret_cast<const char *>(m_pos), qsizetype(chunk.value));
            m_pos += qsizetype(chunk.value);
        }
    }

    const quint8 *m_pos;
    const quint8 *m_end;
    const quint8 *m_begin;
    quint64 m_remaining[MaxDepth] = {};
    int m_depth = 0;
    QString m_error;
};

// Bounds that keep a hostile frame from making us allocate or loop without limit.
constexpr qsizetype MaxListEntries = 65536;
constexpr qint64 MaxInt32 = std::numeric_limits<qint32>::max();
constexpr qint64 MinInt32 = std::numeric_limits<qint32>::min();

bool readEnvelope(Cursor &c, Envelope &e)
{
    qsizetype n = 0;
    if (!c.enterArray(12, 12, &n, "envelope"))
        return false;
    c.readBytes(e.id, "envelope.id");
    c.readBytes(e.requestId, "envelope.requestId");
    c.readString(e.address, "envelope.address");
    c.readString(e.replyTo, "envelope.replyTo");
    c.readString(e.key, "envelope.key");
    qsizetype headerCount = 0;
    if (c.enterArray(0, MaxListEntries, &headerCount, "envelope.headers")) {
        e.headers.clear();
        e.headers.reserve(headerCount);
        for (qsizetype i = 0; i < headerCount && c.ok(); ++i) {
            qsizetype two = 0;
            Header h;
            c.enterArray(2, 2, &two, "header");
            c.readString(h.first, "header.name");
            c.readString(h.second, "header.value");
            c.leaveArray("header");
            e.headers.append(std::move(h));
        }
        c.leaveArray("envelope.headers");
    }
    c.readBytes(e.body, "envelope.body");
    c.readInt(e.createdMs, "envelope.created");
    c.readInt(e.deadlineMs, "envelope.deadline");
    c.readRanged(e.hops, 0, 65535, "envelope.hops");
    c.readBool(e.trace, "envelope.trace");
    qsizetype pathCount = 0;
    if (c.enterArray(0, 1024, &pathCount, "envelope.path")) {
        e.path.clear();
        e.path.reserve(pathCount);
        for (qsizetype i = 0; i < pathCount && c.ok(); ++i) {
            QString hop;
            c.readString(hop, "envelope.path[]");
            e.path.append(std::move(hop));
        }
        c.leaveArray("envelope.path");
    }
    return c.leaveArray("envelope");
}

bool readHello(Cursor &c, Hello &f)
{
    c.readString(f.nodeId, "hello.nodeId");
    c.readRanged(f.kind, 0, 2, "hello.kind");
    c.readString(f.software, "hello.software");
    c.readRanged(f.helloIntervalMs, 1, 3600 * 1000, "hello.interval");
    c.readRanged(f.linkCost, 0, MaxInt32, "hello.linkCost");
    c.readString(f.provider, "hello.provider");
    f.version = LinkProtocolVersion;
    if (c.ok() && f.nodeId.isEmpty())
        return c.fail(u"hello without a node id"_s);
    return c.ok();
}

bool readLinkState(Cursor &c, LinkStateUpdate &f)
{
    c.readString(f.router, "linkstate.router");
    c.readUnsigned(f.sequence, "linkstate.sequence");
    c.readBool(f.withdrawn, "linkstate.withdrawn");
    qsizetype count = 0;
    if (c.enterArray(0, MaxListEntries, &count, "linkstate.neighbours")) {
        f.neighbours.reserve(count);
        for (qsizetype i = 0; i < count && c.ok(); ++i) {
            qsizetype four = 0;
            Neighbour n;
            c.enterArray(4, 4, &four, "neighbour");
            c.readString(n.id, "neighbour.id");
            c.readRanged(n.cost, 0, MaxInt32, "neighbour.cost");
            c.readString(n.provider, "neighbour.provider");
            c.readBool(n.stub, "neighbour.stub");
            c.leaveArray("neighbour");
            f.neighbours.append(std::move(n));
        }
        c.leaveArray("linkstate.neighbours");
    }
    return c.ok();
}

bool readAddressAdvert(Cursor &c, AddressAdvert &f)
{
    c.readString(f.origin, "advert.origin");
    c.readUnsigned(f.sequence, "advert.sequence");
    qsizetype count = 0;
    if (c.enterArray(0, MaxListEntries, &count, "advert.consumers")) {
        f.consumers.reserve(count);
        for (qsizetype i = 0; i < count && c.ok(); ++i) {
            qsizetype five = 0;
            ConsumerAdvert a;
            c.enterArray(5, 5, &five, "consumer");
            c.readString(a.address, "consumer.address");
            c.readString(a.group, "consumer.group");
            c.readString(a.consumer, "consumer.id");
            c.readRanged(a.outstanding, MinInt32, MaxInt32, "consumer.outstanding");
            c.readRanged(a.capacity, 0, MaxInt32, "consumer.capacity");
            c.leaveArray("consumer");
            f.consumers.append(std::move(a));
        }
        c.leaveArray("advert.consumers");
    }
    return c.ok();
}

bool readMessage(Cursor &c, MessageFrame &f)
{
    c.readString(f.originRouter, "message.originRouter");
    c.readBool(f.acked, "message.acked");
    qsizetype count = 0;
    if (c.enterArray(0, MaxListEntries, &count, "message.destinations")) {
        f.destinations.reserve(count);
        for (qsizetype i = 0; i < count && c.ok(); ++i) {
            qsizetype two = 0;
            Destination d;
            c.enterArray(2, 2, &two, "destination");
            c.readString(d.router, "destination.router");
            c.readString(d.consumer, "destination.consumer");
            c.leaveArray("destination");
            f.destinations.append(std::move(d));
        }
        c.leaveArray("message.destinations");
    }
    readEnvelope(c, f.envelope);
    if (c.ok() && f.envelope.id.isEmpty())
        return c.fail(u"message without an id"_s);
    return c.ok();
}

bool readAck(Cursor &c, Ack &f)
{
    c.readBytes(f.messageId, "ack.messageId");
    c.readString(f.consumer, "ack.consumer");
    c.readString(f.originRouter, "ack.originRouter");
    c.readRanged(f.status, 0, 2, "ack.status");
    if (c.ok() && f.messageId.isEmpty())
        return c.fail(u"ack without a message id"_s);
    return c.ok();
}

// Bytes a message frame needs beyond its variable parts: array heads, integers, the
// length prefix. An estimate for reserve(), not a limit.
constexpr qsizetype MessageOverheadBytes = 96;

qsizetype estimatedSize(const Frame &frame)
{
    if (const auto *m = std::get_if<MessageFrame>(&frame)) {
        const Envelope &e = m->envelope;
        qsizetype size = MessageOverheadBytes + m->originRouter.size() + e.id.size() + e.requestId.size()
                         + e.address.size() + e.replyTo.size() + e.key.size() + e.body.size();
        for (const Destination &d : m->destinations)
            size += 4 + d.router.size() + d.consumer.size();
        for (const Header &h : e.headers)
            size += 4 + h.first.size() + h.second.size();
        for (const QString &hop : e.path)
            size += 2 + hop.size();
        return size;
    }
    return MessageOverheadBytes;
}

} // namespace

namespace {

// The frame through CborAppender: a message with non-ASCII text, and every other type.
void appendWithAppender(QByteArray &out, const Frame &frame)
{
    reserveRoom(out, estimatedSize(frame));
    const qsizetype start = out.size();
    out.resize(start + 4);   // the length, filled in below (append(4, c) goes through insert)
    CborAppender writer(out);
    std::visit(PayloadWriter{writer}, frame);
    const quint32 length = quint32(out.size() - start - 4);
    qToBigEndian(length, out.data() + start);
}

} // namespace

void appendFrame(QByteArray &out, const Frame &frame)
{
    if (const auto *message = std::get_if<MessageFrame>(&frame)) {
        const qsizetype size = asciiMessageSize(*message);
        if (size >= 0) {
            writeAsciiMessage(out, *message, size);
            return;
        }
    }
    appendWithAppender(out, frame);
}

void appendMessage(QByteArray &out, const MessageFrame &message)
{
    const qsizetype size = asciiMessageSize(message);
    if (size >= 0)
        writeAsciiMessage(out, message, size);
    else
        appendWithAppender(out, Frame(message));   // rare: copies the message into a Frame
}

void appendAck(QByteArray &out, QByteArrayView messageId, QStringView consumer, QStringView originRouter,
               AckStatus status)
{
    const auto isAscii = [](QStringView text) {
        const char16_t *units = text.utf16();
        char16_t all = 0;
        for (qsizetype i = 0; i < text.size(); ++i)
            all |= units[i];
        return all < 0x80;
    };
    if (isAscii(consumer) && isAscii(originRouter)) {
        // Every consumer acks every message it takes: written through a pointer, as messages.
        const qsizetype size = 4 + headSize(quint64(messageId.size())) + messageId.size()
                               + headSize(quint64(consumer.size())) + consumer.size()
                               + headSize(quint64(originRouter.size())) + originRouter.size();
        char *at = appendRoom(out, 4 + size);
        qToBigEndian(quint32(size), at);
        RoomWriter w(at + 4);
        w.head(MajorArray, 6);
        w.integer(LinkProtocolVersion);
        w.head(MajorUnsigned, quint64(FrameType::Ack));
        w.bytes(messageId);
        w.ascii(consumer);
        w.ascii(originRouter);
        w.head(MajorUnsigned, quint64(status));
        Q_ASSERT(w.position() == at + 4 + size);
        return;
    }
    reserveRoom(out, MessageOverheadBytes + messageId.size() + consumer.size() + originRouter.size());
    const qsizetype start = out.size();
    out.resize(start + 4);
    CborAppender w(out);
    // As PayloadWriter writes an Ack.
    w.startArray(6);
    w.append(LinkProtocolVersion);
    w.append(quint64(FrameType::Ack));
    w.append(messageId);
    w.append(consumer);
    w.append(originRouter);
    w.append(quint64(status));
    w.endArray();
    qToBigEndian(quint32(out.size() - start - 4), out.data() + start);
}

QByteArray encodeFrame(const Frame &frame)
{
    QByteArray out;
    appendFrame(out, frame);
    return out;
}

bool decodePayload(QByteArrayView payload, Frame &out, QString *error)
{
    Cursor c(payload);
    auto done = [&](bool ok) {
        if (!ok && error)
            *error = c.error().isEmpty() ? u"malformed frame"_s : c.error();
        return ok;
    };

    qsizetype length = 0;
    if (!c.enterArray(2, 64, &length, "frame"))
        return done(false);
    qint64 version = 0;
    if (!c.readInt(version, "frame.version"))
        return done(false);
    if (version != LinkProtocolVersion) {
        c.fail(u"unsupported protocol version %1 (this node speaks %2)"_s.arg(version).arg(LinkProtocolVersion));
        return done(false);
    }
    qint64 type = 0;
    if (!c.readInt(type, "frame.type"))
        return done(false);

    auto expect = [&](qsizetype fields) {
        if (length != fields + 2)
            return c.fail(u"frame of type %1 has %2 fields, expected %3"_s.arg(type).arg(length - 2).arg(fields));
        return true;
    };

    bool ok = false;
    switch (FrameType(type)) {
    case FrameType::Hello: {
        Hello f;
        ok = expect(6) && readHello(c, f);
        out = std::move(f);
        break;
    }
    case FrameType::LinkState: {
        LinkStateUpdate f;
        ok = expect(4) && readLinkState(c, f);
        out = std::move(f);
        break;
    }
    case FrameType::AddressAdvert: {
        AddressAdvert f;
        ok = expect(3) && readAddressAdvert(c, f);
        out = std::move(f);
        break;
    }
    case FrameType::Message: {
        MessageFrame f;
        ok = expect(4) && readMessage(c, f);
        out = std::move(f);
        break;
    }
    case FrameType::Ack: {
        Ack f;
        ok = expect(4) && readAck(c, f);
        out = std::move(f);
        break;
    }
    default:
        c.fail(u"unknown frame type %1"_s.arg(type));
        return done(false);
    }
    if (ok && !c.leaveArray("frame"))
        ok = false;
    if (ok && !c.atEnd())
        ok = c.fail(u"trailing bytes after the frame"_s);
    return done(ok);
}

namespace {

// The reader of MessageDecoder (DefiniteCborReader): byte and text strings into the
// reused frame's fields, text in ASCII only. Checks at least what Cursor checks, so that
// nothing it accepts is refused there.
class CommonFormReader : public DefiniteCborReader
{
public:
    using DefiniteCborReader::DefiniteCborReader;

    bool array(quint64 length)
    {
        quint64 value = 0;
        return head(MajorArray, value) && value == length;
    }

    // A list of at most max items, each at least minItemBytes long: a count the rest of
    // the payload cannot hold is refused before anything is sized for it.
    bool list(quint64 max, qsizetype minItemBytes, qsizetype &count)
    {
        quint64 value = 0;
        if (!head(MajorArray, value) || value > max || value * quint64(minItemBytes) > quint64(remaining()))
            return false;
        count = qsizetype(value);
        return true;
    }

    // A byte string into field: rewritten in place when field shares its data with
    // nobody and has the room (not far more than it needs, so that one large body does
    // not stay allocated for good); empty is null, as Cursor::readBytes makes it.
    bool bytes(QByteArray &field)
    {
        QByteArrayView view;
        if (!stringData(MajorBytes, view))
            return false;
        const qsizetype size = view.size();
        if (size == 0) {
            field = QByteArray();
        } else if (field.isDetached() && field.capacity() >= size && field.capacity() <= 2 * size + 64) {
            field.resize(size);
            memcpy(field.data(), view.data(), size_t(size));
        } else {
            field = view.toByteArray();
        }
        return true;
    }

    // An ASCII text string into field, which is left as it is when it already holds
    // these characters (the previous message's string: no allocation), and otherwise
    // rewritten in place or replaced. field must hold ASCII only (all MessageDecoder's
    // fields do): an equal Latin-1 comparison then proves the bytes ASCII as well.
    bool text(QString &field)
    {
        QByteArrayView view;
        if (!stringData(MajorText, view))
            return false;
        const qsizetype size = view.size();
        const QLatin1StringView latin(view.data(), size);
        if (size == 0) {
            field = QString();   // null, as Cursor::readString makes it
            return true;
        }
        if (field.size() == size && QStringView(field) == latin)
            return true;
        for (char c : view) {
            if (quint8(c) >= 0x80)
                return false;
        }
        if (field.isDetached() && field.capacity() >= size && field.capacity() <= 2 * size + 32) {
            field.resize(size);
            char16_t *units = reinterpret_cast<char16_t *>(field.data());
            for (qsizetype i = 0; i < size; ++i)
                units[i] = char16_t(quint8(view[i]));
        } else {
            field = QString::fromLatin1(latin);
        }
        return true;
    }
};

// Lists are resized to their new length (detaching from a copy a role kept, once) and
// read element by element over what the previous message left in them.
constexpr qsizetype MinPairBytes = 3;   // an array head and two empty strings
constexpr qsizetype MinTextBytes = 1;
constexpr quint64 MaxPathEntries = 1024;

} // namespace

bool MessageDecoder::decode(QByteArrayView payload)
{
    CommonFormReader r(payload);
    MessageFrame &f = m_message;
    Envelope &e = f.envelope;
    qint64 version = 0;
    qint64 type = 0;
    if (!r.array(6) || !r.integer(version) || version != LinkProtocolVersion || !r.integer(type)
        || type != qint64(FrameType::Message))
        return false;

    qsizetype count = 0;
    if (!r.text(f.originRouter) || !r.boolean(f.acked) || !r.list(MaxListEntries, MinPairBytes, count))
        return false;
    if (f.destinations.size() != count)
        f.destinations.resize(count);
    for (qsizetype i = 0; i < count; ++i) {
        Destination &d = f.destinations[i];
        if (!r.array(2) || !r.text(d.router) || !r.text(d.consumer))
            return false;
    }

    if (!r.array(12) || !r.bytes(e.id) || e.id.isEmpty() || !r.bytes(e.requestId) || !r.text(e.address)
        || !r.text(e.replyTo) || !r.text(e.key) || !r.list(MaxListEntries, MinPairBytes, count))
        return false;
    if (e.headers.size() != count)
        e.headers.resize(count);
    for (qsizetype i = 0; i < count; ++i) {
        Header &h = e.headers[i];
        if (!r.array(2) || !r.text(h.first) || !r.text(h.second))
            return false;
    }
    qint64 hops = 0;
    if (!r.bytes(e.body) || !r.integer(e.createdMs) || !r.integer(e.deadlineMs) || !r.integer(hops) || hops < 0
        || hops > 65535 || !r.boolean(e.trace) || !r.list(MaxPathEntries, MinTextBytes, count))
        return false;
    e.hops = quint16(hops);
    if (e.path.size() != count)
        e.path.resize(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (!r.text(e.path[i]))
            return false;
    }
    return r.atEnd();
}

FrameDecoder::FrameDecoder(qsizetype maxFrameBytes)
    : m_maxFrameBytes(maxFrameBytes)
{
}

void FrameDecoder::append(QByteArrayView bytes)
{
    if (m_failed)
        return;
    char *dst = prepareAppend(bytes.size());
    memcpy(dst, bytes.data(), size_t(bytes.size()));
    commitAppend(bytes.size());
}

char *FrameDecoder::prepareAppend(qsizetype maxBytes)
{
    // The payload views handed out refer to the consumed part: it goes only now.
    if (m_offset == m_buffer.size()) {
        m_buffer.resize(0);   // keeps the capacity for the next read
        m_offset = 0;
    } else if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        // Compact once the consumed prefix dominates, so the buffer does not grow forever.
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    const qsizetype at = m_buffer.size();
    m_buffer.resize(at + maxBytes);
    m_prepared = maxBytes;
    return m_buffer.data() + at;
}

void FrameDecoder::commitAppend(qsizetype written)
{
    Q_ASSERT(written >= 0 && written <= m_prepared);
    m_buffer.resize(m_buffer.size() - m_prepared + qBound(qsizetype(0), written, m_prepared));
    m_prepared = 0;
    if (m_failed)
        m_buffer.clear();
}

FrameDecoder::Status FrameDecoder::fail(const QString &reason)
{
    m_failed = true;
    m_error = reason;
    m_buffer.clear();
    m_offset = 0;
    return Status::Error;
}

FrameDecoder::Status FrameDecoder::nextPayload(QByteArrayView &payload)
{
    if (m_failed)
        return Status::Error;
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 4)
        return Status::NeedMore;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + m_offset);
    if (length == 0)
        return fail(u"empty frame"_s);
    if (qsizetype(length) > m_maxFrameBytes)
        return fail(u"frame of %1 bytes exceeds the limit of %2 bytes"_s.arg(length).arg(m_maxFrameBytes));
    if (available < 4 + qsizetype(length))
        return Status::NeedMore;
    payload = QByteArrayView(m_buffer.constData() + m_offset + 4, length);
    m_offset += 4 + length;
    return Status::Frame;
}

FrameDecoder::Status FrameDecoder::next(Frame &out)
{
    QByteArrayView payload;
    const Status status = nextPayload(payload);
    if (status != Status::Frame)
        return status;
    QString error;
    if (!decodePayload(payload, out, &error))
        return fail(error);
    return Status::Frame;
}

} // namespace Portolan::Wire
