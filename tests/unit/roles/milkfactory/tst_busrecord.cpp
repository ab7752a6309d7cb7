#include "node/roles/milkfactory/busrecord.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::MilkFactory::BusRecord;
using Portolan::Wire::Envelope;

class TstBusRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandCarriesIdsKeyAndDeadline();
    void eventCarriesItsNameAndCause();
    void errorGoesBackToTheOriginator();
    void kindOfForeignMessages_data();
    void kindOfForeignMessages();
};

// A command names itself and its command id in the body (as the seed's commands do), is
// keyed by its contract and carries the request id and its "must be processed by".
void TstBusRecord::commandCarriesIdsKeyAndDeadline()
{
    const Envelope envelope = BusRecord::command(u"/event-bus"_s, u"CREATE_DRAFT"_s, u"sale-a/create-draft"_s,
                                                 u"C-a"_s, {{u"quantity"_s, 3}}, "sale-a", 5000);
    QCOMPARE(envelope.address, u"/event-bus"_s);
    QCOMPARE(envelope.key, u"C-a"_s);
    QCOMPARE(envelope.requestId, QByteArray("sale-a"));
    QCOMPARE(envelope.deadlineMs, 5000);
    const BusRecord record(envelope);
    QVERIFY(record.kind() == BusRecord::Kind::Command);
    QCOMPARE(record.name(), u"CREATE_DRAFT"_s);
    QCOMPARE(record.commandId(), u"sale-a/create-draft"_s);
    QCOMPARE(record.contractId(), u"C-a"_s);
    QCOMPARE(record.body().value("quantity"_L1).toInt(), 3);
    QCOMPARE(record.attempt(), 0);
}

// An event is named by its header, says which command caused it and carries the model.
void TstBusRecord::eventCarriesItsNameAndCause()
{
    Envelope envelope = BusRecord::event(u"/event-bus"_s, u"CREATED_DRAFT"_s, u"C-a"_s,
                                         {{u"contractId"_s, u"C-a"_s}, {u"version"_s, 1}}, "sale-a", u"CREATE_DRAFT"_s);
    envelope.setHeader(u"Attempt"_s, u"2"_s);
    const BusRecord record(envelope);
    QVERIFY(record.kind() == BusRecord::Kind::Event);
    QCOMPARE(record.name(), u"CREATED_DRAFT"_s);
    QCOMPARE(record.originalCommand(), u"CREATE_DRAFT"_s);
    QCOMPARE(record.requestId(), QByteArray("sale-a"));
    QCOMPARE(record.body().value("version"_L1).toInt(), 1);
    QCOMPARE(record.attempt(), 2);
    QCOMPARE(envelope.key, u"C-a"_s);
}

// A failure is the event ERROR on the errors address, non-retryable, with the failed
// command's request id, so the originator finds the request it belongs to.
void TstBusRecord::errorGoesBackToTheOriginator()
{
    const BusRecord command(BusRecord::command(u"/partners/commands"_s, u"CREATE_PARTNER_RELATIONSHIP"_s,
                                               u"sale-v/select-partner"_s, u"C-v"_s, {}, "sale-v", 0));
    const Envelope error = BusRecord::error(u"partners"_s, u"VALIDATION"_s, u"wrong country"_s, command);
    QCOMPARE(error.address, u"/errors"_s);
    QCOMPARE(error.requestId, QByteArray("sale-v"));
    const BusRecord record(error);
    QCOMPARE(record.name(), u"ERROR"_s);
    QCOMPARE(record.originalCommand(), u"CREATE_PARTNER_RELATIONSHIP"_s);
    const QJsonObject body = record.body();
    QCOMPARE(body.value("code"_L1).toString(), u"VALIDATION"_s);
    QCOMPARE(body.value("retryable"_L1).toBool(true), false);
    QCOMPARE(body.value("service"_L1).toString(), u"partners"_s);
    QCOMPARE(body.value("commandId"_L1).toString(), u"sale-v/select-partner"_s);
    QCOMPARE(body.value("contractId"_L1).toString(), u"C-v"_s);
}

void TstBusRecord::kindOfForeignMessages_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("header");
    QTest::addColumn<int>("kind");
    QTest::newRow("plain JSON") << QByteArray(R"({"quantity":3})") << QString() << int(BusRecord::Kind::Other);
    QTest::newRow("not JSON") << QByteArray("hello") << QString() << int(BusRecord::Kind::Other);
    QTest::newRow("command not a string") << QByteArray(R"({"command":7})") << QString() << int(BusRecord::Kind::Other);
    QTest::newRow("header wins") << QByteArray(R"({"command":"X"})") << u"Y"_s << int(BusRecord::Kind::Event);
}

// Anything that is neither a command nor an event is left alone by the services.
void TstBusRecord::kindOfForeignMessages()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, header);
    QFETCH(int, kind);
    Envelope envelope;
    envelope.id = "m1";
    envelope.body = body;
    if (!header.isEmpty())
        envelope.setHeader(u"event"_s, header);
    QCOMPARE(int(BusRecord(envelope).kind()), kind);
    QCOMPARE(BusRecord(envelope).requestId(), QByteArray("m1"));   // a message without one is its own request
}

QTEST_GUILESS_MAIN(TstBusRecord)
#include "tst_busrecord.moc"
