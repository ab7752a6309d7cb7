#include "wire/messageidgenerator.h"
#include "wire/messagekey.h"

#include <QHash>
#include <QSet>
#include <QTest>

using Portolan::Wire::MessageIdGenerator;
using Portolan::Wire::MessageKey;

class TstMessageKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void equalExactlyWhenIdsAre_data();
    void equalExactlyWhenIdsAre();
    void generatedIdsAreDistinctKeys();
    void everyCharacterAtEveryPlace_data();
    void everyCharacterAtEveryPlace();
};

void TstMessageKey::roundTrip_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("compact");
    QTest::newRow("generated") << QByteArray("0123456789abcdef0000000000000001") << true;
    QTest::newRow("all f") << QByteArray("ffffffffffffffffffffffffffffffff") << true;
    QTest::newRow("zero") << QByteArray("00000000000000000000000000000000") << true;
    QTest::newRow("upper case") << QByteArray("0123456789ABCDEF0000000000000001") << false;
    QTest::newRow("31 digits") << QByteArray("0123456789abcdef000000000000001") << false;
    QTest::newRow("33 digits") << QByteArray("0123456789abcdef00000000000000012") << false;
    QTest::newRow("not hex") << QByteArray("0123456789abcdef000000000000000g") << false;
    QTest::newRow("short") << QByteArray("m1") << false;
    QTest::newRow("uuid braces") << QByteArray("{0b0f6f8e-5c0c-4d5e-9a3b-2f7a1c9e4d21}") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

// A key gives back the id it was made from, byte for byte, whichever form it keeps.
void TstMessageKey::roundTrip()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, compact);
    const MessageKey key(id);
    QCOMPARE(key.isCompact(), compact);
    QCOMPARE(key.id(), id);
}

void TstMessageKey::equalExactlyWhenIdsAre_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same generated") << QByteArray("0123456789abcdef0000000000000001")
                                    << QByteArray("0123456789abcdef0000000000000001") << true;
    QTest::newRow("other counter") << QByteArray("0123456789abcdef0000000000000001")
                                   << QByteArray("0123456789abcdef0000000000000002") << false;
    QTest::newRow("other prefix") << QByteArray("1123456789abcdef0000000000000001")
                                  << QByteArray("0123456789abcdef0000000000000001") << false;
    QTest::newRow("halves swapped") << QByteArray("00000000000000010123456789abcdef")
                                    << QByteArray("0123456789abcdef0000000000000001") << false;
    QTest::newRow("case differs") << QByteArray("0123456789ABCDEF0000000000000001")
                                  << QByteArray("0123456789abcdef0000000000000001") << false;
    QTest::newRow("same other") << QByteArray("m1") << QByteArray("m1") << true;
    QTest::newRow("other others") << QByteArray("m1") << QByteArray("m2") << false;
}

void TstMessageKey::equalExactlyWhenIdsAre()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(MessageKey(a) == MessageKey(b), equal);
    if (equal)
        QCOMPARE(qHash(MessageKey(a), 7), qHash(MessageKey(b), 7));
}

// Keys of many senders' ids stay distinct in a hash set, and find their ids again.
void TstMessageKey::generatedIdsAreDistinctKeys()
{
    QSet<MessageKey> keys;
    QHash<MessageKey, QByteArray> byKey;
    for (int sender = 0; sender < 4; ++sender) {
        MessageIdGenerator ids;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray id = ids.next();
            const MessageKey key(id);
            QVERIFY(!keys.contains(key));
            keys.insert(key);
            byKey.insert(key, id);
        }
    }
    QCOMPARE(keys.size(), 80000);
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
        QCOMPARE(it.key().id(), it.value());
}

void TstMessageKey::everyCharacterAtEveryPlace_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::newRow("zeros") << QByteArray(32, '0');
    QTest::newRow("all digits") << QByteArray("0123456789abcdeffedcba9876543210");
    QTest::newRow("all f") << QByteArray(32, 'f');
}

// Each of the 256 byte values at each of the 32 places of an id: the key is compact
// exactly when the byte is a lower-case hex digit, and gives back the id byte for byte.
void TstMessageKey::everyCharacterAtEveryPlace()
{
    QFETCH(QByteArray, base);
    for (int place = 0; place < 32; ++place) {
        for (int c = 0; c < 256; ++c) {
            QByteArray id = base;
            id[place] = char(c);
            const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            const MessageKey key(id);
            if (key.isCompact() != hex || key.id() != id)
                QFAIL(qPrintable(QStringLiteral("byte %1 at %2").arg(c).arg(place)));
            if (hex)
                QCOMPARE(key, MessageKey(QByteArray(id)));   // parsing is deterministic
        }
    }
}

QTEST_APPLESS_MAIN(TstMessageKey)

#include "tst_messagekey.moc"
