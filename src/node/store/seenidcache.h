#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

namespace Portolan::Node {

// The entity store's memory of delivered message ids, and the judge of when a miss in
// it is final. A generated id is kept as its two 64-bit halves (16 bytes, no allocation,
// a cheap hash and compare: the sets are looked up for every delivered message and
// their size decides how often that misses the CPU cache), any other id as its bytes. Ids live in two generations: when the current one reaches half the limit
// it becomes the previous one and the old previous is dropped (its ids stay on disk).
// Cheaper than an exact LRU; keeps between limit/2 and limit of the newest ids.
//
// Once ids have been dropped, a miss in memory may still be on disk, and looking every
// new id up on disk would cost a B-tree search per delivered message for the rest of the
// process's life. Generated ids (Wire::MessageIdGenerator) are a per-process prefix and
// a counter, so for each prefix the cache remembers the highest counter that may be on
// disk without being in memory: the ids it dropped and, when it was loaded only in
// part, what was on disk (asked of the store once per prefix). A generated id above its
// prefix's mark never reached the disk without staying in memory: the miss is final.
// Any other id is looked up on disk.
//
// Not thread-safe.
class SeenIdCache
{
public:
    // An id as the cache looks it up: made once per id, used for look-up and insert.
    struct Key
    {
        quint64 prefix = 0;
        quint64 counter = 0;
        bool generated = false;
        QByteArray other;   // the id's bytes when it is no generated id
    };
    static Key keyOf(const QByteArray &id);

    explicit SeenIdCache(qsizetype limit = 262'144);

    qsizetype limit() const { return m_limit; }
    // Empties the cache, for a new limit or a reload from disk.
    void reset(qsizetype limit);
    // Ids loaded from disk, newest first: they make up the previous generation.
    void load(const QByteArray &id);
    // The disk holds ids that load() was not given (more than fit): a miss may be on disk.
    void setPartiallyLoaded();
    // No id was ever left on disk only: every miss in memory is final.
    bool isComplete() const { return m_complete; }

    bool contains(const Key &key) const
    {
        if (key.generated) {
            const Generated g{key.prefix, key.counter};
            return m_current.contains(g) || m_previous.contains(g);
        }
        return m_currentOther.contains(key.other) || m_previousOther.contains(key.other);
    }

    // Remembers an id. Ids in `pinned` are not on disk yet (an open batch): they stay in
    // memory when a generation is dropped.
    void insert(const Key &key, const QList<QByteArray> &pinned = {});
    // The next insert() drops the previous generation: whatever must be found again
    // (on disk, or pinned) has to be there before it.
    bool rotatesOnInsert() const { return currentSize() >= qMax<qsizetype>(1, m_limit / 2); }

    // Whether an id missing from memory might be on disk. nullopt when the answer needs
    // the highest id on disk with the id's prefix: the store looks it up (prefixRange)
    // and reports it with noteDiskCeiling, then asks again.
    std::optional<bool> mayBeOnDisk(QByteArrayView id) const;
    // The same for an id already made a Key: no second parse of its hex digits.
    std::optional<bool> mayBeOnDisk(const Key &key) const;
    // The smallest and largest id with the prefix of `id` (a generated id), for the
    // store's MAX(id) look-up: lower-case hex sorts as its value.
    static std::pair<QByteArray, QByteArray> prefixRange(QByteArrayView id);
    // The highest id with the prefix of `id` found in one table (empty: none there).
    void noteDiskCeiling(QByteArrayView id, QByteArrayView highestOnDisk);

    // A generated id's two halves (32 lower-case hex digits); false for any other id.
    static bool split(QByteArrayView id, quint64 *prefix, quint64 *counter);

private:
    struct Generated
    {
        quint64 prefix;
        quint64 counter;
        friend bool operator==(const Generated &a, const Generated &b) noexcept
        {
            return a.prefix == b.prefix && a.counter == b.counter;
        }
        friend size_t qHash(const Generated &g, size_t seed = 0) noexcept
        {
            // The counter runs; the prefix tells senders apart.
            return qHash(g.counter ^ (g.prefix * 0x9E3779B97F4A7C15ULL), seed);
        }
    };

    void rotate(const QList<QByteArray> &pinned);
    void add(const Key &key);
    qsizetype currentSize() const { return m_current.size() + m_currentOther.size(); }

    qsizetype m_limit;
    bool m_complete = true;
    bool m_partiallyLoaded = false;
    QSet<Generated> m_current;
    QSet<Generated> m_previous;
    QSet<QByteArray> m_currentOther;
    QSet<QByteArray> m_previousOther;
    // Per prefix, the highest counter of the ids dropped from memory.
    QHash<quint64, quint64> m_droppedMax;
    // Per prefix asked of the disk (partially loaded only): its highest counter there,
    // nullopt when it has none.
    QHash<quint64, std::optional<quint64>> m_diskMax;
};

} // namespace Portolan::Node
