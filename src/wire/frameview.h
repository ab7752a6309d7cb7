#pragma once

#include "wire/frames.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>

namespace Portolan::Wire {

// The routing fields of a message or ack frame, read in place from its encoded payload.
//
// A transit router needs only a message's destination, hops, trace flag and address (for
// its counters), and an ack's origin router; decoding the whole envelope into QStrings
// and QByteArrays, and encoding it again, cost most of its time per message. A view finds
// those fields without allocating, and a router forwards the payload's bytes as they
// are, with the hop count patched in place (appendForwarded).
//
// parse() accepts only frames in the common, canonical form: a message or ack of the
// current version, definite-length items, ASCII text, shortest-form array and string
// heads where the layout has them, and every field of the type and within the bounds the
// full decoder (decodePayload) demands. Everything else, malformed or merely unusual
// (another frame type, non-ASCII text, indefinite lengths), is refused without a reason:
// the caller then decodes the frame fully, which either handles it or says what is
// wrong with it. So a view never accepts a frame decodePayload would refuse, and the
// fields it reports equal the decoded ones.
class FrameView
{
public:
    enum class Kind : quint8 { None, Message, Ack };

    // Reads payload (one frame, without its length prefix). Returns false, with kind
    // None, when the frame is not a message or ack in the form described above.
    bool parse(QByteArrayView payload);

    // The type of a frame from its first bytes, when they are in the canonical form
    // parse() requires (a six-element array, this version); otherwise Hello, which no
    // view covers. Lets a reader skip the frames it would not view at all.
    static FrameType peekType(QByteArrayView payload);

    Kind kind = Kind::None;
    QByteArrayView payload;

    // message and ack
    QByteArrayView messageId;          // the envelope's id, or the acked message's
    QLatin1StringView originRouter;

    // message
    bool acked = false;
    qsizetype destinationCount = 0;
    QLatin1StringView destinationRouter;     // of the first destination, if any
    QLatin1StringView destinationConsumer;
    QLatin1StringView address;
    QLatin1StringView key;
    qint64 deadlineMs = 0;
    quint16 hops = 0;
    bool trace = false;
    qsizetype pathLength = 0;

    // ack
    QLatin1StringView consumer;
    AckStatus status = AckStatus::Accepted;

    // A message whose hop count can be raised by one in place: it is encoded in the
    // head byte itself (0..23), and stays there one higher.
    bool hopsPatchable() const { return kind == Kind::Message && hopsOffset >= 0 && hops < 23; }
    qsizetype hopsOffset = -1;         // of the hop count's head byte in payload; -1: longer
    qsizetype envelopeOffset = -1;     // where the envelope begins in payload (messages)
};

// Appends the frame of a parsed message (length prefix and payload) with its hop count
// one higher, to be forwarded. Requires view.hopsPatchable().
void appendForwarded(QByteArray &out, const FrameView &view);

// Appends the frame an origin router sends for a parsed message from an entity: a new
// head (this router as origin, acked, the destinations it chose), then the message's
// envelope as it came, its hop count one higher. Requires view.hopsPatchable().
// Returns where in out the payload's envelope went, less view.envelopeOffset: add an
// offset into view.payload of anything in the envelope to find it in out.
qsizetype appendOriginated(QByteArray &out, const FrameView &view, QStringView originRouter, bool acked,
                      const QList<Destination> &destinations);

// Appends one frame whose payload is already encoded: its length prefix and its bytes.
void appendPayload(QByteArray &out, QByteArrayView payload);

} // namespace Portolan::Wire
