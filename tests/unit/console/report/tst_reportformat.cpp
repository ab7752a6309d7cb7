#include "console/report/reportformat.h"

#include <QDateTime>
#include <QTest>

#include <limits>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;

class TestReportFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clock_data();
    void clock();
    void duration_data();
    void duration();
    void number_data();
    void number();
    void escape_data();
    void escape();
    void wallClock();
};

// Points on the run's clock read as mm:ss.mmm, with hours once the run passes one.
void TestReportFormat::clock_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("start") << qint64(0) << u"00:00.000"_s;
    QTest::newRow("milliseconds") << qint64(1676) << u"00:01.676"_s;
    QTest::newRow("minutes") << qint64(125'004) << u"02:05.004"_s;
    QTest::newRow("hours") << qint64(3'723'456) << u"1:02:03.456"_s;
    QTest::newRow("did not happen") << qint64(-1) << u"\u2014"_s;
}

void TestReportFormat::clock()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(ReportFormat::clock(ms), text);
}

// Durations pick a unit a reader takes in at a glance.
void TestReportFormat::duration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << u"0 ms"_s;
    QTest::newRow("under a second") << qint64(850) << u"850 ms"_s;
    QTest::newRow("seconds, two decimals") << qint64(1543) << u"1.54 s"_s;
    QTest::newRow("tens of seconds, one decimal") << qint64(26'110) << u"26.1 s"_s;
    QTest::newRow("minutes") << qint64(185'000) << u"3 min 05 s"_s;
    QTest::newRow("did not happen") << qint64(-1) << u"\u2014"_s;
}

void TestReportFormat::duration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(ReportFormat::duration(ms), text);
}

// Counts stay integers; fractions keep at most two decimals and drop trailing zeros.
void TestReportFormat::number_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << 42.0 << u"42"_s;
    QTest::newRow("negative integer") << -3.0 << u"-3"_s;
    QTest::newRow("large") << 1.5e9 << u"1500000000"_s;
    QTest::newRow("two decimals") << 2.9166 << u"2.92"_s;
    QTest::newRow("trailing zero dropped") << 53.8 << u"53.8"_s;
    QTest::newRow("rounds to integer") << 4.999 << u"5"_s;
    QTest::newRow("tiny negative") << -0.001 << u"0"_s;
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << u"\u2014"_s;
}

void TestReportFormat::number()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(ReportFormat::number(value), text);
}

// Escaping covers element content and both kinds of attribute quotes; line breaks stay.
void TestReportFormat::escape_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::newRow("plain") << u"store-7"_s << u"store-7"_s;
    QTest::newRow("markup") << u"<script>x</script>"_s << u"&lt;script&gt;x&lt;/script&gt;"_s;
    QTest::newRow("ampersand") << u"fish & chips"_s << u"fish &amp; chips"_s;
    QTest::newRow("quotes") << u"\"a\" 'b'"_s << u"&quot;a&quot; &#39;b&#39;"_s;
    QTest::newRow("line break") << u"one\ntwo"_s << u"one<br>two"_s;
}

void TestReportFormat::escape()
{
    QFETCH(QString, text);
    QFETCH(QString, html);
    QCOMPARE(ReportFormat::escape(text), html);
}

// The wall clock is local time with its offset from UTC; nothing for an unknown instant.
void TestReportFormat::wallClock()
{
    QCOMPARE(ReportFormat::wallClock(0), QString());
    const qint64 at = 1'795'000'000'000;
    const QString text = ReportFormat::wallClock(at);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(at);
    QVERIFY2(text.startsWith(local.toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" (UTC"_s), qPrintable(text));
    QVERIFY(text.endsWith(u')'));
}

QTEST_MAIN(TestReportFormat)
#include "tst_reportformat.moc"
