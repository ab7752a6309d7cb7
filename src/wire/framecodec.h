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

// Decodes one payload (without the length prefix). On failure returns false and says
// why in error; out is then unspecified.
bool decodePayload(QByteArrayView payload, Frame &out, QString *error);

// Reassembles frames from a byte stream. After an error the decoder stays failed:
// the link it belongs to must be closed, since the stream can no longer be trusted.
class FrameDecoder
{
public:
    enum class Status { Frame, NeedMore, Error };

    explicit FrameDecoder(qsizetype maxFrameBytes = DefaultMaxFrameBytes);

    void append(QByteArrayView bytes);
    Status next(Frame &out);

    bool hasFailed() const { return m_failed; }
    QString errorString() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    Status fail(const QString &reason);

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_maxFrameBytes;
    bool m_failed = false;
    QString m_error;
};

} // namespace Portolan::Wire
