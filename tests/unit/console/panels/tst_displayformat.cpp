#include "console/panels/displayformat.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace Portolan::Console;
using namespace Qt::Literals::StringLiterals;

class tst_DisplayFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void clock_data();
    void clock();
    void duration_data();
    void duration();
    void humanize_data();
    void humanize();
    void number_data();
    void number();
    void value_data();
    void value();
    void shortId();
};

void tst_DisplayFormat::clock_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << qint64(0) << 1 << u"0:00.0"_s;
    QTest::newRow("six seconds, tenths") << qint64(6012) << 1 << u"0:06.0"_s;
    QTest::newRow("six seconds, ms") << qint64(6012) << 3 << u"0:06.012"_s;
    QTest::newRow("minutes") << qint64(62'500) << 1 << u"1:02.5"_s;
    QTest::newRow("no decimals") << qint64(62'500) << 0 << u"1:02"_s;
    QTest::newRow("past an hour") << qint64(3'723'400) << 1 << u"1:02:03.4"_s;
    QTest::newRow("negative") << qint64(-1500) << 1 << u"-0:01.5"_s;
}

// Run time reads as a clock with the asked precision, hours only when needed.
void tst_DisplayFormat::clock()
{
    QFETCH(qint64, ms);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::clock(ms, decimals), expected);
}

void tst_DisplayFormat::duration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ms") << qint64(312) << u"312 ms"_s;
    QTest::newRow("whole second") << qint64(1000) << u"1 s"_s;
    QTest::newRow("seconds with hundredths") << qint64(1250) << u"1.25 s"_s;
    QTest::newRow("seconds with tenths") << qint64(8200) << u"8.2 s"_s;
    QTest::newRow("tens of seconds") << qint64(42'540) << u"42.5 s"_s;
    QTest::newRow("minutes and seconds") << qint64(81'234) << u"1 min 21 s"_s;
    QTest::newRow("whole minutes") << qint64(120'000) << u"2 min"_s;
    QTest::newRow("hours") << qint64(7'500'000) << u"2 h 5 min"_s;
    QTest::newRow("unknown") << qint64(-1) << u"—"_s;
}

// Durations use the largest sensible unit and drop useless decimals.
void tst_DisplayFormat::duration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::duration(ms), expected);
}

void tst_DisplayFormat::humanize_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word") << u"forwarded"_s << u"Forwarded"_s;
    QTest::newRow("camel case") << u"noConsumer"_s << u"No consumer"_s;
    QTest::newRow("two humps") << u"findsInProgress"_s << u"Finds in progress"_s;
    QTest::newRow("digits stay with their letter") << u"latencyP50Ms"_s << u"Latency p50 ms"_s;
    QTest::newRow("dashes") << u"no-consumer"_s << u"No consumer"_s;
    QTest::newRow("empty") << QString() << QString();
}

// Telemetry keys become words a person reads.
void tst_DisplayFormat::humanize()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::humanize(key), expected);
}

void tst_DisplayFormat::number_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("integer with groups") << 10234.0 << u"10,234"_s;
    QTest::newRow("zero") << 0.0 << u"0"_s;
    QTest::newRow("negative") << -1.0 << u"-1"_s;
    QTest::newRow("one decimal kept") << 310.5 << u"310.5"_s;
    QTest::newRow("two decimals at most") << (1.0 / 3.0) << u"0.33"_s;
    QTest::newRow("trailing zeros trimmed") << 2.50 << u"2.5"_s;
}

// Integers print without decimals, fractions with at most two, grouped per locale.
void tst_DisplayFormat::number()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::number(value), expected);
}

void tst_DisplayFormat::value_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << QJsonValue(u"on-the-way"_s) << u"on-the-way"_s;
    QTest::newRow("number") << QJsonValue(4) << u"4"_s;
    QTest::newRow("true") << QJsonValue(true) << u"yes"_s;
    QTest::newRow("false") << QJsonValue(false) << u"no"_s;
    QTest::newRow("null") << QJsonValue() << u"—"_s;
    QTest::newRow("position") << QJsonValue(QJsonArray{420, 300}) << u"420, 300"_s;
    QTest::newRow("empty array") << QJsonValue(QJsonArray()) << u"—"_s;
    QTest::newRow("array of objects") << QJsonValue(QJsonArray{QJsonObject{{u"a"_s, 1}}}) << u"[{\"a\":1}]"_s;
    QTest::newRow("object") << QJsonValue(QJsonObject{{u"x"_s, 1}}) << u"{\"x\":1}"_s;
}

// Any telemetry leaf has a readable form.
void tst_DisplayFormat::value()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::value(value), expected);
}

// Long ids are cut with an ellipsis; short ones stay whole.
void tst_DisplayFormat::shortId()
{
    QCOMPARE(DisplayFormat::shortId(u"8f3a2c1d5e6b"_s), u"8f3a2c1d…"_s);
    QCOMPARE(DisplayFormat::shortId(u"m-1"_s), u"m-1"_s);
    QCOMPARE(DisplayFormat::shortId(u"123456789"_s), u"123456789"_s);
}

QTEST_GUILESS_MAIN(tst_DisplayFormat)
#include "tst_displayformat.moc"
