#include "wire/cborappender.h"

#include <QCborStreamWriter>
#include <QTest>

#include <functional>
#include <limits>

using namespace Qt::Literals::StringLiterals;
using Portolan::Wire::CborAppender;

namespace {

// The same sequence of items, written through either writer.
struct Item
{
    enum Kind { Unsigned, Signed, Bool, Bytes, Text, Array } kind;
    quint64 u = 0;
    qint64 i = 0;
    bool b = false;
    QByteArray bytes;
    QString text;
};

QByteArray withStreamWriter(const QList<Item> &items)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    for (const Item &item : items) {
        switch (item.kind) {
        case Item::Unsigned: w.append(item.u); break;
        case Item::Signed: w.append(item.i); break;
        case Item::Bool: w.append(item.b); break;
        case Item::Bytes: w.append(item.bytes); break;
        case Item::Text: w.append(QStringView(item.text)); break;
        case Item::Array: w.startArray(item.u); break;
        }
    }
    return out;
}

QByteArray withAppender(const QList<Item> &items, const QByteArray &prefix = {})
{
    QByteArray out = prefix;
    CborAppender w(out);
    for (const Item &item : items) {
        switch (item.kind) {
        case Item::Unsigned: w.append(item.u); break;
        case Item::Signed: w.append(item.i); break;
        case Item::Bool: w.append(item.b); break;
        case Item::Bytes: w.append(item.bytes); break;
        case Item::Text: w.append(item.text); break;
        case Item::Array: w.startArray(item.u); break;
        }
    }
    return out;
}

Item u(quint64 v) { return {Item::Unsigned, v, 0, false, {}, {}}; }
Item s(qint64 v) { return {Item::Signed, 0, v, false, {}, {}}; }
Item b(bool v) { return {Item::Bool, 0, 0, v, {}, {}}; }
Item bytes(const QByteArray &v) { return {Item::Bytes, 0, 0, false, v, {}}; }
Item text(const QString &v) { return {Item::Text, 0, 0, false, {}, v}; }
Item array(quint64 n) { return {Item::Array, n, 0, false, {}, {}}; }

} // namespace

Q_DECLARE_METATYPE(QList<Item>)

class TstCborAppender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameBytesAsQCborStreamWriter_data();
    void sameBytesAsQCborStreamWriter();
    void appendsAfterExistingBytes();
};

void TstCborAppender::sameBytesAsQCborStreamWriter_data()
{
    QTest::addColumn<QList<Item>>("items");
    const quint64 maxU = std::numeric_limits<quint64>::max();
    const qint64 minS = std::numeric_limits<qint64>::min();
    QTest::newRow("unsigned at every head size")
        << QList<Item>{u(0), u(23), u(24), u(255), u(256), u(65535), u(65536), u(0xffffffffULL),
                       u(0x100000000ULL), u(maxU)};
    QTest::newRow("signed, both signs")
        << QList<Item>{s(0), s(1), s(-1), s(-24), s(-25), s(-256), s(-257), s(-65537),
                       s(1'732'000'000'123), s(minS), s(std::numeric_limits<qint64>::max())};
    QTest::newRow("booleans") << QList<Item>{b(true), b(false)};
    QTest::newRow("byte strings")
        << QList<Item>{bytes({}), bytes("m-1"), bytes(QByteArray(300, 'x')), bytes(QByteArray("\0\xff", 2))};
    QTest::newRow("ASCII text") << QList<Item>{text({}), text(u"/store/32"_s), text(QString(70000, u'a'))};
    QTest::newRow("non-ASCII text")
        << QList<Item>{text(u"/häfen/lübeck"_s), text(u"plaice 🐟"_s), text(u"⚓"_s)};
    QTest::newRow("nested arrays")
        << QList<Item>{array(2), array(0), array(24), u(1), text(u"r1"_s)};
}

// The appender is a drop-in for QCborStreamWriter: byte for byte the same encoding of
// every item kind the frame codec writes, at every head size.
void TstCborAppender::sameBytesAsQCborStreamWriter()
{
    QFETCH(QList<Item>, items);
    QCOMPARE(withAppender(items).toHex(), withStreamWriter(items).toHex());
}

// It appends: bytes already in the buffer (a length prefix, earlier frames) stay.
void TstCborAppender::appendsAfterExistingBytes()
{
    const QList<Item> items{array(2), u(1), text(u"x"_s)};
    const QByteArray prefix("\x00\x00\x00\x04", 4);
    QCOMPARE(withAppender(items, prefix), prefix + withStreamWriter(items));
}

QTEST_APPLESS_MAIN(TstCborAppender)

#include "tst_cborappender.moc"
