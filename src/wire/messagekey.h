#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QtEndian>

namespace Portolan::Wire {

// A message id as a hash key. Every table that follows messages by id (a router's
// messages in flight, a sender's unsettled ones, a consumer's dedup set) looks one up
// per message: hashing and comparing 32 hex characters behind a heap pointer cost more
// than the rest of the look-up. The ids MessageIdGenerator makes (32 lowercase hex
// digits) are kept as their two 64-bit halves instead, with no allocation; any other id
// (a test's "m1", an id from elsewhere) keeps its bytes, so two keys are equal exactly
// when their ids are.
class MessageKey
{
public:
    MessageKey() = default;
    explicit MessageKey(QByteArrayView id)
    {
        if (id.size() == 32 && parseHalf(id.data(), &m_high) && parseHalf(id.data() + 16, &m_low)) {
            m_compact = true;
            return;
        }
        m_other = id.toByteArray();
    }

    bool isCompact() const { return m_compact; }

    // The id this key was made from.
    QByteArray id() const
    {
        if (!m_compact)
            return m_other;
        QByteArray out(32, Qt::Uninitialized);
        writeHalf(m_high, out.data());
        writeHalf(m_low, out.data() + 16);
        return out;
    }

    friend bool operator==(const MessageKey &a, const MessageKey &b) noexcept
    {
        if (a.m_compact != b.m_compact)
            return false;
        return a.m_compact ? a.m_high == b.m_high && a.m_low == b.m_low : a.m_other == b.m_other;
    }
    friend bool operator!=(const MessageKey &a, const MessageKey &b) noexcept { return !(a == b); }

    friend size_t qHash(const MessageKey &key, size_t seed = 0) noexcept
    {
        if (!key.m_compact)
            return qHash(key.m_other, seed);
        // The low half is a sender's counter: mix the prefix in so that two senders'
        // consecutive ids do not land in the same buckets.
        return qHash(key.m_low ^ (key.m_high * 0x9E3779B97F4A7C15ULL), seed);
    }

private:
    // Sixteen hex digits as two words of eight, each digit a byte of a 64-bit word (SWAR):
    // the parse runs for every message at every table keyed by id, and a loop over the 32
    // characters, with a table look-up or branches on each, costs more than the look-up.
    static bool parseHalf(const char *hex, quint64 *out)
    {
        quint32 high = 0;
        quint32 low = 0;
        if (!parseEight(hex, &high) || !parseEight(hex + 8, &low))
            return false;
        *out = quint64(high) << 32 | low;
        return true;
    }
    static bool parseEight(const char *hex, quint32 *out)
    {
        constexpr quint64 Ones = 0x0101010101010101ULL;
        constexpr quint64 High = 0x8080808080808080ULL;
        const quint64 v = qFromLittleEndian<quint64>(hex);   // character i in byte i
        if (v & High)
            return false;
        // For a byte x below 0x80, x + (0x80 - lo) has its high bit set exactly when
        // x >= lo, and x + (0x7f - hi) exactly when x > hi; no sum carries into the next byte.
        const auto inRange = [v](quint64 lo, quint64 hi) {
            return (v + Ones * (0x80 - lo)) & ~(v + Ones * (0x7f - hi)) & High;
        };
        const quint64 letters = inRange('a', 'f');   // not upper case: the id must come back byte for byte
        if ((inRange('0', '9') | letters) != High)
            return false;
        // '0'..'9' are their low nibble; 'a'..'f' have 1..6 there, 9 less than their value.
        quint64 n = (v & (Ones * 0x0f)) + (letters >> 7) * 9;
        // Character 0 to the top, then each pair of neighbours merged into one.
        n = qbswap(n);
        n = (n | (n >> 4)) & 0x00ff00ff00ff00ffULL;
        n = (n | (n >> 8)) & 0x0000ffff0000ffffULL;
        n = (n | (n >> 16)) & 0x00000000ffffffffULL;
        *out = quint32(n);
        return true;
    }
    static void writeHalf(quint64 value, char *out)
    {
        constexpr char Digits[] = "0123456789abcdef";
        for (int i = 15; i >= 0; --i) {
            out[i] = Digits[value & 0xf];
            value >>= 4;
        }
    }

    quint64 m_high = 0;
    quint64 m_low = 0;
    bool m_compact = false;
    QByteArray m_other;
};

} // namespace Portolan::Wire
