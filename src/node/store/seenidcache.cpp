#include "node/store/seenidcache.h"

#include <array>

namespace Portolan::Node {

namespace {

// Hex digit values, -1 for anything else: upper case too, so that an id comes back byte
// for byte from its halves (the generator writes lower case).
constexpr std::array<qint8, 256> hexDigits()
{
    std::array<qint8, 256> table{};
    for (int i = 0; i < 256; ++i)
        table[i] = -1;
    for (int i = 0; i < 10; ++i)
        table['0' + i] = qint8(i);
    for (int i = 0; i < 6; ++i)
        table['a' + i] = qint8(10 + i);
    return table;
}
constexpr std::array<qint8, 256> HexDigits = hexDigits();

bool parseHalf(const char *hex, quint64 *out)
{
    quint64 value = 0;
    for (int i = 0; i < 16; ++i) {
        const qint8 digit = HexDigits[quint8(hex[i])];
        if (digit < 0)
            return false;
        value = (value << 4) | quint64(digit);
    }
    *out = value;
    return true;
}

constexpr qsizetype GeneratedIdLength = 32;

} // namespace

SeenIdCache::SeenIdCache(qsizetype limit)
    : m_limit(qMax<qsizetype>(2, limit))
{
}

SeenIdCache::Key SeenIdCache::keyOf(const QByteArray &id)
{
    Key key;
    key.generated = split(id, &key.prefix, &key.counter);
    if (!key.generated)
        key.other = id;
    return key;
}

void SeenIdCache::reset(qsizetype limit)
{
    m_limit = qMax<qsizetype>(2, limit);
    m_complete = true;
    m_partiallyLoaded = false;
    m_current.clear();
    m_previous.clear();
    m_currentOther.clear();
    m_previousOther.clear();
    m_droppedMax.clear();
    m_diskMax.clear();
}

void SeenIdCache::load(const QByteArray &id)
{
    const Key key = keyOf(id);
    if (key.generated)
        m_previous.insert(Generated{key.prefix, key.counter});
    else
        m_previousOther.insert(id);
}

void SeenIdCache::setPartiallyLoaded()
{
    m_complete = false;
    m_partiallyLoaded = true;
}

void SeenIdCache::insert(const Key &key, const QList<QByteArray> &pinned)
{
    if (rotatesOnInsert())
        rotate(pinned);
    add(key);
}

void SeenIdCache::add(const Key &key)
{
    if (key.generated)
        m_current.insert(Generated{key.prefix, key.counter});
    else
        m_currentOther.insert(key.other);
}

void SeenIdCache::rotate(const QList<QByteArray> &pinned)
{
    if (!m_previous.isEmpty() || !m_previousOther.isEmpty()) {
        m_complete = false;
        // Once per generation (half the limit of inserts): what the disk alone now holds.
        for (const Generated &g : std::as_const(m_previous)) {
            auto it = m_droppedMax.find(g.prefix);
            if (it == m_droppedMax.end())
                m_droppedMax.insert(g.prefix, g.counter);
            else if (*it < g.counter)
                *it = g.counter;
        }
    }
    m_previous.swap(m_current);
    m_current.clear();
    m_previousOther.swap(m_currentOther);
    m_currentOther.clear();
    // Not on disk yet: a disk look-up would miss them.
    for (const QByteArray &id : pinned)
        add(keyOf(id));
}

std::optional<bool> SeenIdCache::mayBeOnDisk(QByteArrayView id) const
{
    if (m_complete)
        return false;
    Key key;
    key.generated = split(id, &key.prefix, &key.counter);
    return mayBeOnDisk(key);
}

std::optional<bool> SeenIdCache::mayBeOnDisk(const Key &key) const
{
    if (m_complete)
        return false;
    if (!key.generated)
        return true;
    std::optional<quint64> mark;
    if (const auto it = m_droppedMax.constFind(key.prefix); it != m_droppedMax.constEnd())
        mark = *it;
    if (m_partiallyLoaded) {
        const auto it = m_diskMax.constFind(key.prefix);
        if (it == m_diskMax.constEnd())
            return std::nullopt;
        if (it->has_value() && (!mark || **it > *mark))
            mark = *it;
    }
    return mark && key.counter <= *mark;
}

std::pair<QByteArray, QByteArray> SeenIdCache::prefixRange(QByteArrayView id)
{
    const QByteArray prefix = id.first(qMin<qsizetype>(id.size(), 16)).toByteArray();
    return {prefix + QByteArray(16, '0'), prefix + QByteArray(16, 'f')};
}

void SeenIdCache::noteDiskCeiling(QByteArrayView id, QByteArrayView highestOnDisk)
{
    quint64 prefix = 0;
    quint64 counter = 0;
    if (!split(id, &prefix, &counter))
        return;
    std::optional<quint64> &mark = m_diskMax[prefix];
    if (highestOnDisk.isEmpty())
        return;
    quint64 highPrefix = 0;
    quint64 highCounter = 0;
    // Whatever sorts inside the range but is no generated id (an upper-case digit, a
    // longer id): every counter of the prefix stays possible.
    if (!split(highestOnDisk, &highPrefix, &highCounter) || highPrefix != prefix)
        highCounter = std::numeric_limits<quint64>::max();
    if (!mark || *mark < highCounter)
        mark = highCounter;
}

bool SeenIdCache::split(QByteArrayView id, quint64 *prefix, quint64 *counter)
{
    return id.size() == GeneratedIdLength && parseHalf(id.data(), prefix) && parseHalf(id.data() + 16, counter);
}

} // namespace Portolan::Node
