#include "node/roles/milkfactory/enveloperecord.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::MilkFactory::EnvelopeRecord;
using Portolan::Wire::Envelope;

class TstEnvelopeRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
};

void TstEnvelopeRecord::roundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("JSON") << QByteArray(R"({"command":"CREATE_CASE","note":"Zürich"})");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01", 4);
}

// What a service stores of a message to send it later is the message, bodies that are not
// text included.
void TstEnvelopeRecord::roundTrip()
{
    QFETCH(QByteArray, body);
    Envelope envelope;
    envelope.id = "m-1";
    envelope.requestId = "sale-t";
    envelope.address = u"/cases/commands"_s;
    envelope.replyTo = u"/sales/answers"_s;
    envelope.key = u"C-t"_s;
    envelope.body = body;
    envelope.createdMs = 100;
    envelope.deadlineMs = 2600;
    envelope.trace = true;
    envelope.setHeader(u"Return-To"_s, u"/sales/retry"_s);
    envelope.setHeader(u"Attempt"_s, u"2"_s);
    const Envelope back = EnvelopeRecord::fromJson(EnvelopeRecord::toJson(envelope));
    QCOMPARE(back, envelope);
}

QTEST_GUILESS_MAIN(TstEnvelopeRecord)
#include "tst_enveloperecord.moc"
