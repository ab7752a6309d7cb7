#pragma once

#include "wire/frames.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Portolan::Wire {

// Length-prefixed CBOR frames: a 4-byte big-endian payload length, then one CBOR
// array [protocol version, frame type, fields...]. Positional arrays rather than maps
// keep frames small and decoding free of key lookups on the forwarding path.

// Appends one complete frame (prefix + payload) to out.
void appendFrame(QByteArray &out, const Frame &frame);
QByteArray encodeFrame(const Frame &frame);
// The same bytes as appendFrame(out, Frame(message)), without a Frame around the message:
// an entity encodes every message it sends once, and keeps the bytes for resending.
void appendMessage(QByteArray &out, const MessageFrame &message);
// The same bytes as appendFrame(out, Ack{...}), from views: an origin router acks every
// message to its sender, and building an Ack (and a Frame around it) per message costs.
void appendAck(QByteArray &out, QByteArrayView messageId, QStringView consumer, QStringView originRouter,
               AckStatus status);

// Decodes one payload (without the length prefix). On failure returns false and says
// why in error; out is then unspecified.
bool decodePayload(QByteArrayView payload, Frame &out, QString *error);

// Decodes message frames as decodePayload does, for a reader that takes one after another
// from the same peer (an entity, from its router). It decodes into the message it keeps,
// not a new one: a byte array (id, request id, body) is rewritten in place unless someone
// else still shares it, and a text field (address, origin router, destination, headers,
// path, ...) whose bytes are those of the previous message's keeps its QString, so that
// the common message costs no allocation.
//
// Only the common form is read: a message of the current version with definite-length
// items and ASCII text. Anything else, malformed or merely unusual (another frame type,
// non-ASCII text, an indefinite-length string), is refused without a reason, and the caller
// decodes it with decodePayload, which either accepts it or says what is wrong. So it never
// accepts a frame decodePayload refuses, and what it accepts decodes to the same
// MessageFrame. After a refusal message() is unspecified until the next accepted frame.
class MessageDecoder
{
public:
    bool decode(QByteArrayView payload);
    const MessageFrame &message() const { return m_message; }

private:
    MessageFrame m_message;
};

// Reassembles frames from a byte stream. After an error the decoder stays failed:
// the link it belongs to must be closed, since the stream can no longer be trusted.
class FrameDecoder
{
public:
    enum class Status { Frame, NeedMore, Error };

    explicit FrameDecoder(qsizetype maxFrameBytes = DefaultMaxFrameBytes);

    void append(QByteArrayView bytes);
    // Reading straight into the buffer, without an intermediate copy: room for up to
    // maxBytes at its end, of which commitAppend() keeps the first `written`.
    char *prepareAppend(qsizetype maxBytes);
    void commitAppend(qsizetype written);

    Status next(Frame &out);
    // The next frame's payload, undecoded (for readers that handle some frames in place,
    // see FrameView, and decode the rest with decodePayload). The view stays valid until
    // the next append or prepareAppend. Only the framing is checked here: a payload that
    // then fails to decode must end the stream as a decoding error in next() would.
    Status nextPayload(QByteArrayView &payload);

    bool hasFailed() const { return m_failed; }
    QString errorString() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    Status fail(const QString &reason);

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_prepared = 0;   // bytes made room for by prepareAppend, not yet committed
    qsizetype m_maxFrameBytes;
    bool m_failed = false;
    QString m_error;
};

} // namespace Portolan::Wire
