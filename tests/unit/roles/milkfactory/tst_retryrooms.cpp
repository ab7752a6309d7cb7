#include "node/roles/milkfactory/retryrooms.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::MilkFactory::RetryRooms;
using Portolan::Wire::Envelope;

class TstRetryRooms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backOffRoomByAttempt_data();
    void backOffRoomByAttempt();
    void parkedRecordKeepsWhatMatters();
    void fromJson_data();
    void fromJson();
};

void TstRetryRooms::backOffRoomByAttempt_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<QString>("room");
    QTest::newRow("first retry: shortest wait") << 1 << u"/waiting-room/1s"_s;
    QTest::newRow("second retry") << 2 << u"/waiting-room/2s"_s;
    QTest::newRow("third retry: longest wait") << 3 << u"/waiting-room/4s"_s;
    QTest::newRow("used up") << 4 << QString();
    QTest::newRow("no attempt zero") << 0 << QString();
}

// Retry n waits in room n: the back-off; beyond the last room there is no retry.
void TstRetryRooms::backOffRoomByAttempt()
{
    QFETCH(int, attempt);
    QFETCH(QString, room);
    const RetryRooms rooms({u"/waiting-room/1s"_s, u"/waiting-room/2s"_s, u"/waiting-room/4s"_s});
    Envelope record;
    record.address = u"/event-bus"_s;
    const std::optional<Envelope> parked = rooms.park(record, attempt, u"/pricing/retry"_s, u"down"_s);
    QCOMPARE(parked.has_value(), !room.isEmpty());
    if (parked)
        QCOMPARE(parked->address, room);
}

// A parked record keeps its request id, key, body and deadline, and says where to come
// back to, how often it was tried and where it was first sent, even when parked again.
void TstRetryRooms::parkedRecordKeepsWhatMatters()
{
    const RetryRooms rooms({u"/wr/1"_s, u"/wr/2"_s});
    Envelope record;
    record.id = "m1";
    record.requestId = "sale-t";
    record.address = u"/cases/commands"_s;
    record.key = u"C-t"_s;
    record.body = R"({"command":"CREATE_CASE"})";
    record.deadlineMs = 12345;
    record.setHeader(u"Method"_s, u"POST"_s);
    const std::optional<Envelope> first = rooms.park(record, 1, u"/sales/retry"_s, u"nobody took it"_s);
    QVERIFY(first);
    QCOMPARE(first->requestId, QByteArray("sale-t"));
    QCOMPARE(first->key, u"C-t"_s);
    QCOMPARE(first->body, record.body);
    QCOMPARE(first->deadlineMs, 12345);
    QCOMPARE(first->header(u"Return-To"), u"/sales/retry"_s);
    QCOMPARE(first->header(u"Attempt"), u"1"_s);
    QCOMPARE(first->header(u"Original-Address"), u"/cases/commands"_s);
    QCOMPARE(first->header(u"Retry-Reason"), u"nobody took it"_s);
    QCOMPARE(first->header(u"Method"), u"POST"_s);

    Envelope back = *first;
    back.address = u"/sales/retry"_s;
    const std::optional<Envelope> second = rooms.park(back, 2, u"/sales/retry"_s, u"still nobody"_s);
    QVERIFY(second);
    QCOMPARE(second->address, u"/wr/2"_s);
    QCOMPARE(second->header(u"Attempt"), u"2"_s);
    QCOMPARE(second->header(u"Original-Address"), u"/cases/commands"_s);
}

void TstRetryRooms::fromJson_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("size");
    QTest::newRow("addresses") << QJsonValue(QJsonArray{u"/a"_s, u"/b"_s}) << 2;
    QTest::newRow("empty list") << QJsonValue(QJsonArray{}) << 0;
    QTest::newRow("not an address") << QJsonValue(QJsonArray{u"/a"_s, u"b"_s}) << -1;
    QTest::newRow("not a list") << QJsonValue(u"/a"_s) << -1;
}

// Rooms come from params as a list of addresses; anything else is refused.
void TstRetryRooms::fromJson()
{
    QFETCH(QJsonValue, value);
    QFETCH(int, size);
    const std::optional<RetryRooms> rooms = RetryRooms::fromJson(value);
    QCOMPARE(rooms.has_value(), size >= 0);
    if (rooms)
        QCOMPARE(rooms->size(), size);
}

QTEST_GUILESS_MAIN(TstRetryRooms)
#include "tst_retryrooms.moc"
