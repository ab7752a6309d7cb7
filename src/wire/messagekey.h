#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>

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
    // A table rather than comparisons: the parse runs for every message at every table
    // keyed by id, and branches on each of 32 characters cost more than the look-up.
    struct DigitTable
    {
        qint8 value[256];
        constexpr DigitTable() : value{}
        {
            for (int c = 0; c < 256; ++c)
                value[c] = -1;
            for (int c = '0'; c <= '9'; ++c)
                value[c] = qint8(c - '0');
            for (int c = 'a'; c <= 'f'; ++c)   // not upper case: the id must come back byte for byte
                value[c] = qint8(c - 'a' + 10);
        }
    };
    static bool parseHalf(const char *hex, quint64 *out)
    {
        static constexpr DigitTable Digits;
        quint64 value = 0;
        int invalid = 0;
        for (int i = 0; i < 16; ++i) {
            const int d = Digits.value[uchar(hex[i])];
            invalid |= d;   // -1 sets the sign bit
            value = (value << 4) | quint64(d & 0xf);
        }
        *out = value;
        return invalid >= 0;
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
