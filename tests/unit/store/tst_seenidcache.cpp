#include "node/store/seenidcache.h"

#include <QTest>

using Portolan::Node::SeenIdCache;

namespace {

// A generated id: 16 hex digits of prefix, 16 of counter.
QByteArray generatedId(quint64 prefix, quint64 counter)
{
    return QByteArray::number(prefix, 16).rightJustified(16, '0') + QByteArray::number(counter, 16).rightJustified(16, '0');
}

constexpr quint64 PrefixA = 0xa1b2c3d4e5f60718ULL;
constexpr quint64 PrefixB = 0x0000000000000042ULL;

void insert(SeenIdCache &cache, const QByteArray &id, const QList<QByteArray> &pinned = {})
{
    cache.insert(SeenIdCache::keyOf(id), pinned);
}

} // namespace

class TstSeenIdCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void completeCacheMissIsFinal();
    void droppedIdsNeedTheDisk_data();
    void droppedIdsNeedTheDisk();
    void partialLoadAsksTheDiskOncePerPrefix();
    void unusualCeilingKeepsEveryIdPossible();
    void pinnedIdsSurviveADrop();
    void rotatesOnInsertWhenAGenerationIsFull();
    void newestIdsStayInMemory_data();
    void newestIdsStayInMemory();
    void prefixRangeSpansOnePrefix();
};

void TstSeenIdCache::split_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("generated");
    QTest::addColumn<quint64>("prefix");
    QTest::addColumn<quint64>("counter");
    QTest::newRow("generated") << generatedId(PrefixA, 7) << true << PrefixA << quint64(7);
    QTest::newRow("largest") << QByteArray(32, 'f') << true << ~quint64(0) << ~quint64(0);
    QTest::newRow("upper case") << generatedId(PrefixA, 7).toUpper() << false << quint64(0) << quint64(0);
    QTest::newRow("too short") << generatedId(PrefixA, 7).left(31) << false << quint64(0) << quint64(0);
    QTest::newRow("too long") << generatedId(PrefixA, 7) + '0' << false << quint64(0) << quint64(0);
    QTest::newRow("not hex") << QByteArray(32, 'g') << false << quint64(0) << quint64(0);
    QTest::newRow("test id") << QByteArray("m1") << false << quint64(0) << quint64(0);
}

// Generated ids (32 lower-case hex digits) split into prefix and counter; nothing else does.
void TstSeenIdCache::split()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, generated);
    QFETCH(quint64, prefix);
    QFETCH(quint64, counter);
    quint64 gotPrefix = 0;
    quint64 gotCounter = 0;
    QCOMPARE(SeenIdCache::split(id, &gotPrefix, &gotCounter), generated);
    if (generated) {
        QCOMPARE(gotPrefix, prefix);
        QCOMPARE(gotCounter, counter);
    }
}

// Before anything was dropped, memory holds every id: a miss never needs the disk.
void TstSeenIdCache::completeCacheMissIsFinal()
{
    SeenIdCache cache(8);
    for (quint64 c = 1; c <= 4; ++c)
        insert(cache, generatedId(PrefixA, c));
    QVERIFY(cache.isComplete());
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 3))));
    QVERIFY(!cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 5))));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 5)), std::optional<bool>(false));
    QCOMPARE(cache.mayBeOnDisk("m1"), std::optional<bool>(false));
}

void TstSeenIdCache::droppedIdsNeedTheDisk_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("mayBeOnDisk");
    QTest::newRow("dropped") << generatedId(PrefixA, 1) << true;
    QTest::newRow("highest dropped") << generatedId(PrefixA, 2) << true;
    QTest::newRow("below a dropped one, never seen") << generatedId(PrefixA, 0) << true;
    QTest::newRow("above every dropped one") << generatedId(PrefixA, 7) << false;
    QTest::newRow("prefix never dropped") << generatedId(PrefixB, 1) << false;
    QTest::newRow("not a generated id") << QByteArray("m1") << true;
}

// Once ids were dropped (limit 4: generations of 2), a miss may be on disk, except for a
// generated id above the highest counter dropped for its prefix.
void TstSeenIdCache::droppedIdsNeedTheDisk()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, mayBeOnDisk);
    SeenIdCache cache(4);
    for (quint64 c = 1; c <= 6; ++c)
        insert(cache, generatedId(PrefixA, c));
    QVERIFY(!cache.isComplete());
    QVERIFY(!cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 2))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 3))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 6))));
    QCOMPARE(cache.mayBeOnDisk(id), std::optional<bool>(mayBeOnDisk));
    QCOMPARE(cache.mayBeOnDisk(SeenIdCache::keyOf(id)), std::optional<bool>(mayBeOnDisk));
}

// After a partial load the disk's highest id of a prefix is asked once; above it (and
// above anything dropped since) a miss is final, at or below it the disk decides.
void TstSeenIdCache::partialLoadAsksTheDiskOncePerPrefix()
{
    SeenIdCache cache(100);
    cache.load(generatedId(PrefixA, 9));
    cache.setPartiallyLoaded();
    QVERIFY(!cache.isComplete());
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 9))));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 5)), std::nullopt);
    QCOMPARE(cache.mayBeOnDisk("m1"), std::optional<bool>(true));

    cache.noteDiskCeiling(generatedId(PrefixA, 5), generatedId(PrefixA, 9));
    cache.noteDiskCeiling(generatedId(PrefixA, 5), generatedId(PrefixA, 4));   // lower: ignored
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 5)), std::optional<bool>(true));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 9)), std::optional<bool>(true));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 10)), std::optional<bool>(false));

    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixB, 1)), std::nullopt);
    cache.noteDiskCeiling(generatedId(PrefixB, 1), QByteArray());   // nothing of B on disk
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixB, 1)), std::optional<bool>(false));

    cache.reset(100);
    QVERIFY(cache.isComplete());
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 5)), std::optional<bool>(false));
}

// A highest id on disk that is no generated id (upper case, longer) keeps every counter
// of the prefix possible: the disk is asked for each.
void TstSeenIdCache::unusualCeilingKeepsEveryIdPossible()
{
    SeenIdCache cache(100);
    cache.setPartiallyLoaded();
    const QByteArray prefixOnly = generatedId(PrefixA, 0).left(16);
    cache.noteDiskCeiling(generatedId(PrefixA, 1), QByteArray(prefixOnly + QByteArray(16, 'A')));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 1)), std::optional<bool>(true));
    QCOMPARE(cache.mayBeOnDisk(QByteArray(QByteArray(16, '0') + QByteArray(16, 'f'))), std::nullopt);
    QCOMPARE(cache.mayBeOnDisk(QByteArray(prefixOnly + QByteArray(16, 'f'))), std::optional<bool>(true));
}

// Ids of an open batch (not on disk yet) stay in memory when their generation is dropped.
void TstSeenIdCache::pinnedIdsSurviveADrop()
{
    SeenIdCache cache(2);   // generations of 1
    const QList<QByteArray> pinned{generatedId(PrefixA, 1), "m1"};
    insert(cache, pinned.at(0), pinned);
    insert(cache, pinned.at(1), pinned);
    insert(cache, generatedId(PrefixA, 2), pinned);
    insert(cache, generatedId(PrefixA, 3), pinned);
    QVERIFY(cache.contains(SeenIdCache::keyOf(pinned.at(0))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(pinned.at(1))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 2))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 3))));
    // The batch committed: nothing pinned any more, the old ids go to disk alone.
    insert(cache, generatedId(PrefixA, 4));
    QVERIFY(!cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 2))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 3))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 4))));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 2)), std::optional<bool>(true));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 5)), std::optional<bool>(false));
}

// rotatesOnInsert() says ahead of time that the next insert drops a generation: when
// the current one holds half the limit.
void TstSeenIdCache::rotatesOnInsertWhenAGenerationIsFull()
{
    SeenIdCache cache(8);
    for (quint64 c = 1; c <= 3; ++c) {
        insert(cache, generatedId(PrefixA, c));
        QVERIFY(!cache.rotatesOnInsert());
    }
    insert(cache, generatedId(PrefixA, 4));
    QVERIFY(cache.rotatesOnInsert());
    QVERIFY(cache.isComplete());
    insert(cache, generatedId(PrefixA, 5));   // first rotation: nothing dropped yet
    QVERIFY(!cache.rotatesOnInsert());
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 1))));
    for (quint64 c = 6; c <= 9; ++c)
        insert(cache, generatedId(PrefixA, c));   // the second drops ids 1 to 4
    QVERIFY(!cache.isComplete());
    QVERIFY(!cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 4))));
    QVERIFY(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 5))));
}

void TstSeenIdCache::newestIdsStayInMemory_data()
{
    QTest::addColumn<qsizetype>("limit");
    QTest::newRow("small") << qsizetype(10);
    QTest::newRow("default") << SeenIdCache().limit();
}

// However many ids went through, the newest half of the limit is in memory (a resend
// burst after a failover is answered without the disk), a new id above them needs no
// disk look-up, and only the dropped ones may be on disk.
void TstSeenIdCache::newestIdsStayInMemory()
{
    QFETCH(qsizetype, limit);
    SeenIdCache cache(limit);
    const quint64 total = quint64(3 * limit + 7);
    for (quint64 c = 1; c <= total; ++c)
        insert(cache, generatedId(PrefixA, c));
    for (quint64 c = total - quint64(limit / 2) + 1; c <= total; ++c)
        QVERIFY2(cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, c))), qPrintable(QString::number(c)));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, total + 1)), std::optional<bool>(false));
    QVERIFY(!cache.contains(SeenIdCache::keyOf(generatedId(PrefixA, 1))));
    QCOMPARE(cache.mayBeOnDisk(generatedId(PrefixA, 1)), std::optional<bool>(true));
}

// The range of a prefix runs from its counter 0 to its largest counter, as bytes.
void TstSeenIdCache::prefixRangeSpansOnePrefix()
{
    const auto [low, high] = SeenIdCache::prefixRange(generatedId(PrefixA, 77));
    QCOMPARE(low, generatedId(PrefixA, 0));
    QCOMPARE(high, generatedId(PrefixA, ~quint64(0)));
    QVERIFY(low < generatedId(PrefixA, 77) && generatedId(PrefixA, 77) < high);
    QVERIFY(!(generatedId(PrefixA + 1, 0) < high));
}

QTEST_APPLESS_MAIN(TstSeenIdCache)
#include "tst_seenidcache.moc"
