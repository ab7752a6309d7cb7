#include "wire/messageidgenerator.h"

#include <QSet>
#include <QTest>

using Portolan::Wire::MessageIdGenerator;

class TstMessageIdGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatIsPrefixAndCounter();
    void idsAreUniqueAndInSendOrder();
    void generatorsDrawDifferentPrefixes();
};

// An id is 32 lowercase hex digits: the prefix, then the counter from 1.
void TstMessageIdGenerator::formatIsPrefixAndCounter()
{
    MessageIdGenerator ids(0x0123456789abcdefULL);
    QCOMPARE(ids.next(), QByteArray("0123456789abcdef0000000000000001"));
    QCOMPARE(ids.next(), QByteArray("0123456789abcdef0000000000000002"));
    for (int i = 0; i < 14; ++i)
        ids.next();
    QCOMPARE(ids.next(), QByteArray("0123456789abcdef0000000000000011"));
}

// One generator never repeats an id, and its ids sort in the order they were made
// (the dedup index of a receiver grows at one end).
void TstMessageIdGenerator::idsAreUniqueAndInSendOrder()
{
    MessageIdGenerator ids;
    QSet<QByteArray> seen;
    QByteArray previous;
    for (int i = 0; i < 100000; ++i) {
        const QByteArray id = ids.next();
        QCOMPARE(id.size(), MessageIdGenerator::IdLength);
        QVERIFY(!seen.contains(id));
        seen.insert(id);
        QVERIFY(previous < id);
        previous = id;
    }
}

// Two generators (two processes) start from different random prefixes, so their ids
// never meet.
void TstMessageIdGenerator::generatorsDrawDifferentPrefixes()
{
    MessageIdGenerator a;
    MessageIdGenerator b;
    const QByteArray first = a.next();
    const QByteArray second = b.next();
    QVERIFY(first.first(16) != second.first(16));
    QCOMPARE(first.last(16), second.last(16));
}

QTEST_APPLESS_MAIN(TstMessageIdGenerator)

#include "tst_messageidgenerator.moc"
