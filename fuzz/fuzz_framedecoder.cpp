// libFuzzer target for the link frame decoder: bytes from a hostile or broken peer
// must never crash a node, and whatever decodes must survive a re-encode unchanged.

#include "wire/framecodec.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

using namespace Portolan::Wire;

namespace {

// A decoded frame, encoded again and decoded again, is the same frame: the decoder
// accepts nothing the encoder could not have produced an equivalent of.
void checkRoundTrip(const Frame &frame)
{
    const QByteArray bytes = encodeFrame(frame);
    Frame again;
    QString error;
    if (!decodePayload(QByteArrayView(bytes).sliced(4), again, &error) || !(again == frame))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks how the stream is cut into reads, so frame boundaries falling
    // anywhere get explored too.
    const qsizetype chunk = 1 + data[0];
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    // A limit below the input size keeps the oversized-frame path reachable.
    FrameDecoder decoder(2048);
    bool failed = false;
    for (qsizetype at = 0; at < input.size() && !failed; at += chunk) {
        decoder.append(input.sliced(at, std::min(chunk, input.size() - at)));
        for (;;) {
            Frame frame;
            const FrameDecoder::Status status = decoder.next(frame);
            if (status == FrameDecoder::Status::Frame) {
                checkRoundTrip(frame);
                continue;
            }
            if (status == FrameDecoder::Status::Error) {
                // Failed for good, with a reason, and nothing kept.
                if (!decoder.hasFailed() || decoder.errorString().isEmpty() || decoder.bufferedBytes() != 0)
                    __builtin_trap();
                failed = true;
            }
            break;
        }
    }

    // The same bytes as one bare payload.
    Frame frame;
    QString error;
    if (decodePayload(input, frame, &error))
        checkRoundTrip(frame);
    else if (error.isEmpty())
        __builtin_trap();
    return 0;
}
