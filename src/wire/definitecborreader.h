#pragma once

#include "wire/cbormajortype.h"

#include <QByteArrayView>
#include <QLatin1StringView>

#include <limits>

namespace Portolan::Wire {

// Reads the items of one encoded payload in order, in place, for the fast paths that
// handle a frame's common form (FrameView for routers, MessageDecoder for entities).
// Every method returns false on anything that is not exactly the expected item in its
// definite-length form, without a reason: the caller then hands the frame to the full
// decoder (decodePayload), which either takes it or words what is wrong with it. The
// checks are at least the full decoder's, so a fast path never accepts what it refuses.
class DefiniteCborReader
{
public:
    explicit DefiniteCborReader(QByteArrayView payload)
        : m_begin(reinterpret_cast<const quint8 *>(payload.data()))
        , m_pos(m_begin)
        , m_end(m_begin + payload.size())
    {
    }

    bool atEnd() const { return m_pos == m_end; }
    qsizetype offset() const { return qsizetype(m_pos - m_begin); }
    qsizetype remaining() const { return qsizetype(m_end - m_pos); }
    // The next byte; only when !atEnd().
    quint8 peek() const { return *m_pos; }

    // One definite head of the given major type.
    bool head(CborMajorType major, quint64 &value)
    {
        if (m_pos == m_end || (*m_pos >> 5) != major)
            return false;
        const quint8 additional = *m_pos & 0x1f;
        ++m_pos;
        if (additional < 24) {
            value = additional;
            return true;
        }
        if (additional > 27)
            return false;   // reserved, or indefinite length: the full decoder's business
        const qsizetype size = qsizetype(1) << (additional - 24);
        if (m_end - m_pos < size)
            return false;
        quint64 v = 0;
        for (qsizetype i = 0; i < size; ++i)
            v = (v << 8) | m_pos[i];
        m_pos += size;
        value = v;
        return true;
    }

    // The bytes of a byte or text string, as a view into the payload.
    bool stringData(CborMajorType major, QByteArrayView &out)
    {
        quint64 length = 0;
        if (!head(major, length) || quint64(m_end - m_pos) < length)
            return false;
        out = QByteArrayView(m_pos, qsizetype(length));
        m_pos += qsizetype(length);
        return true;
    }

    // A text string in ASCII only: it is its own Latin-1, so the view can be handed on.
    bool asciiText(QLatin1StringView &out)
    {
        QByteArrayView data;
        if (!stringData(MajorText, data))
            return false;
        for (const char c : data) {
            if (quint8(c) >= 0x80)
                return false;
        }
        out = QLatin1StringView(data.data(), data.size());
        return true;
    }

    bool integer(qint64 &out)
    {
        if (m_pos == m_end)
            return false;
        const quint8 major = *m_pos >> 5;
        quint64 value = 0;
        if ((major != MajorUnsigned && major != MajorNegative) || !head(CborMajorType(major), value)
            || value > quint64(std::numeric_limits<qint64>::max()))
            return false;
        out = major == MajorUnsigned ? qint64(value) : -1 - qint64(value);
        return true;
    }

    bool boolean(bool &out)
    {
        if (m_pos == m_end || (*m_pos != False && *m_pos != True))
            return false;
        out = *m_pos++ == True;
        return true;
    }

private:
    static constexpr quint8 False = 0xf4;
    static constexpr quint8 True = 0xf5;

    const quint8 *m_begin;
    const quint8 *m_pos;
    const quint8 *m_end;
};

} // namespace Portolan::Wire
