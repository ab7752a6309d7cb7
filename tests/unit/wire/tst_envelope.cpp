#include "wire/envelope.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Wire;

class tst_Envelope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerLookupIgnoresCase_data();
    void headerLookupIgnoresCase();
    void setHeaderReplacesInPlace_data();
    void setHeaderReplacesInPlace();
    void setHeaderAppendsNew();
    void equalityCoversEveryField();
};

// header() finds a header whatever the case of the name asked for; missing is null.
void tst_Envelope::headerLookupIgnoresCase_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");

    QTest::newRow("as stored") << u"Reply-To"_s << u"/store/32"_s;
    QTest::newRow("lower case") << u"reply-to"_s << u"/store/32"_s;
    QTest::newRow("upper case") << u"CONTENT-TYPE"_s << u"application/json"_s;
    QTest::newRow("non-ASCII letters") << u"x-GRÖßE-ü"_s << u"XL"_s;
    QTest::newRow("empty value is found") << u"x-empty"_s << QString();
    QTest::newRow("missing") << u"Accept"_s << QString();
    QTest::newRow("prefix of a name is not the name") << u"Reply"_s << QString();
}

void tst_Envelope::headerLookupIgnoresCase()
{
    QFETCH(QString, name);
    QFETCH(QString, value);

    Envelope e;
    e.headers = {{u"Content-Type"_s, u"application/json"_s},
                 {u"Reply-To"_s, u"/store/32"_s},
                 {u"X-Größe-Ü"_s, u"XL"_s},
                 {u"X-Empty"_s, QString()}};
    QCOMPARE(e.header(name), value);
}

// setHeader() on an existing name, in any case, replaces its value where it stands and
// keeps the name as first written.
void tst_Envelope::setHeaderReplacesInPlace_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("same case") << u"Reply-To"_s;
    QTest::newRow("lower case") << u"reply-to"_s;
    QTest::newRow("mixed case") << u"rEPLY-tO"_s;
}

void tst_Envelope::setHeaderReplacesInPlace()
{
    QFETCH(QString, name);

    Envelope e;
    e.headers = {{u"Content-Type"_s, u"text/plain"_s}, {u"Reply-To"_s, u"/store/32"_s}, {u"X-A"_s, u"1"_s}};
    e.setHeader(name, u"/store/7"_s);
    const HeaderList expected{{u"Content-Type"_s, u"text/plain"_s}, {u"Reply-To"_s, u"/store/7"_s}, {u"X-A"_s, u"1"_s}};
    QCOMPARE(e.headers, expected);
    QCOMPARE(e.header(u"REPLY-TO"), u"/store/7"_s);
}

// A new name is appended, once.
void tst_Envelope::setHeaderAppendsNew()
{
    Envelope e;
    QVERIFY(e.header(u"Deadline").isNull());
    e.setHeader(u"Deadline"_s, u"500"_s);
    e.setHeader(u"Trace"_s, u"on"_s);
    e.setHeader(u"deadline"_s, u"900"_s);
    const HeaderList expected{{u"Deadline"_s, u"900"_s}, {u"Trace"_s, u"on"_s}};
    QCOMPARE(e.headers, expected);
}

// Two envelopes are equal only when every field, header order included, is.
void tst_Envelope::equalityCoversEveryField()
{
    Envelope a;
    a.id = "m-1";
    a.address = u"/a"_s;
    a.headers = {{u"A"_s, u"1"_s}, {u"B"_s, u"2"_s}};
    a.path = {u"r1"_s};
    Envelope b = a;
    QVERIFY(a == b);
    b.headers = {{u"B"_s, u"2"_s}, {u"A"_s, u"1"_s}};
    QVERIFY(!(a == b));
    b = a;
    b.hops = 1;
    QVERIFY(!(a == b));
    b = a;
    b.trace = true;
    QVERIFY(!(a == b));
    b = a;
    b.path.append(u"r2"_s);
    QVERIFY(!(a == b));
}

QTEST_APPLESS_MAIN(tst_Envelope)
#include "tst_envelope.moc"
