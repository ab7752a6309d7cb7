#include "node/control/prometheusexposition.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;
using Portolan::Node::PrometheusExposition;
using Type = PrometheusExposition::Type;

// The Prometheus text format writer: names, label and help escaping, numbers, and the
// one-HELP-one-TYPE-then-all-samples layout a scraper requires.
class tst_PrometheusExposition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Sample values read back as the format defines them: integers plainly, fractions
    // exactly and shortest, the special values by their spelled-out names.
    void formatValue_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("zero") << 0.0 << "0"_ba;
        QTest::newRow("negative zero") << -0.0 << "0"_ba;
        QTest::newRow("integer") << 1234.0 << "1234"_ba;
        QTest::newRow("negative integer") << -7.0 << "-7"_ba;
        QTest::newRow("large counter") << 4294967296.0 << "4294967296"_ba;
        QTest::newRow("largest exact integer below 2^53") << 9007199254740991.0 << "9007199254740991"_ba;
        QTest::newRow("beyond 2^53") << 1e20 << "1e+20"_ba;
        QTest::newRow("tenth") << 0.1 << "0.1"_ba;
        QTest::newRow("seconds") << 81.234 << "81.234"_ba;
        QTest::newRow("tiny") << 1.5e-9 << "1.5e-09"_ba;
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "NaN"_ba;
        QTest::newRow("+inf") << std::numeric_limits<double>::infinity() << "+Inf"_ba;
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "-Inf"_ba;
    }
    void formatValue()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, expected);
        const QByteArray text = PrometheusExposition::formatValue(value);
        QCOMPARE(text, expected);
        if (std::isfinite(value))
            QCOMPARE(text.toDouble(), value); // reads back exactly
    }

    // Label values escape exactly backslash, double quote and line feed, and keep UTF-8.
    void escapeLabelValue_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << u"/store/32"_s << "/store/32"_ba;
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("backslash") << u"C:\\runs"_s << "C:\\\\runs"_ba;
        QTest::newRow("double quote") << u"say \"hi\""_s << "say \\\"hi\\\""_ba;
        QTest::newRow("line feed") << u"two\nlines"_s << "two\\nlines"_ba;
        QTest::newRow("all three") << u"\\\"\n"_s << "\\\\\\\"\\n"_ba;
        QTest::newRow("tab and braces kept") << u"a\t{b}=c,d"_s << "a\t{b}=c,d"_ba;
        QTest::newRow("utf-8") << u"Größe"_s << "Gr\xc3\xb6\xc3\x9f" "e"_ba;
    }
    void escapeLabelValue()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(PrometheusExposition::escapeLabelValue(value), expected);
    }

    // Help text escapes backslash and line feed, but not double quotes.
    void escapeHelp_data()
    {
        QTest::addColumn<QString>("help");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << u"Frames sent."_s << "Frames sent."_ba;
        QTest::newRow("quotes kept") << u"Role telemetry \"backlog\""_s << "Role telemetry \"backlog\""_ba;
        QTest::newRow("backslash") << u"a\\b"_s << "a\\\\b"_ba;
        QTest::newRow("line feed") << u"one\ntwo"_s << "one\\ntwo"_ba;
    }
    void escapeHelp()
    {
        QFETCH(QString, help);
        QFETCH(QByteArray, expected);
        QCOMPARE(PrometheusExposition::escapeHelp(help), expected);
    }

    // Any text becomes a valid metric or label name.
    void sanitizeName_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("expected");
        QTest::newRow("valid") << u"portolan_link_cost"_s << u"portolan_link_cost"_s;
        QTest::newRow("dash and dot") << u"role-data.x"_s << u"role_data_x"_s;
        QTest::newRow("colon reserved") << u"a:b"_s << u"a_b"_s;
        QTest::newRow("leading digit") << u"50th"_s << u"_50th"_s;
        QTest::newRow("non-ascii") << u"größe"_s << u"gr__e"_s;
        QTest::newRow("empty") << QString() << u"_"_s;
    }
    void sanitizeName()
    {
        QFETCH(QString, raw);
        QFETCH(QString, expected);
        QCOMPARE(PrometheusExposition::sanitizeName(raw), expected);
    }

    // Telemetry keys in camelCase become snake_case metric name parts.
    void snakeCase_data()
    {
        QTest::addColumn<QString>("camel");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one word") << u"received"_s << u"received"_s;
        QTest::newRow("two words") << u"noConsumer"_s << u"no_consumer"_s;
        QTest::newRow("digits") << u"latencyP50Ms"_s << u"latency_p50_ms"_s;
        QTest::newRow("three words") << u"findsInProgress"_s << u"finds_in_progress"_s;
        QTest::newRow("acronym") << u"HTTPPort"_s << u"http_port"_s;
        QTest::newRow("acronym last") << u"rateIO"_s << u"rate_io"_s;
        QTest::newRow("invalid characters") << u"build-ms"_s << u"build_ms"_s;
    }
    void snakeCase()
    {
        QFETCH(QString, camel);
        QFETCH(QString, expected);
        QCOMPARE(PrometheusExposition::snakeCase(camel), expected);
    }

    // Samples added in any order come out grouped under their family's single HELP and
    // TYPE line, families in declaration order, labels in the order given.
    void groupsSamplesUnderOneHeader()
    {
        PrometheusExposition out;
        out.declare(u"portolan_a_total"_s, Type::Counter, u"A things."_s);
        out.declare(u"portolan_b"_s, Type::Gauge, u"B level."_s);
        out.add(u"portolan_b"_s, {{u"node"_s, u"r1"_s}}, 2);
        out.add(u"portolan_a_total"_s, {{u"node"_s, u"r1"_s}, {u"peer"_s, u"r2"_s}}, 5);
        out.add(u"portolan_b"_s, {{u"node"_s, u"r1"_s}, {u"address"_s, u"/x\"y"_s}}, 0.5);
        out.add(u"portolan_a_total"_s, {{u"node"_s, u"r1"_s}, {u"peer"_s, u"r3"_s}}, 6);
        QCOMPARE(out.text(),
                 "# HELP portolan_a_total A things.\n"
                 "# TYPE portolan_a_total counter\n"
                 "portolan_a_total{node=\"r1\",peer=\"r2\"} 5\n"
                 "portolan_a_total{node=\"r1\",peer=\"r3\"} 6\n"
                 "# HELP portolan_b B level.\n"
                 "# TYPE portolan_b gauge\n"
                 "portolan_b{node=\"r1\"} 2\n"
                 "portolan_b{node=\"r1\",address=\"/x\\\"y\"} 0.5\n"_ba);
    }

    // A family without samples is left out, a second declaration does not change the
    // first, and a sample for an undeclared family is written as untyped without help.
    void declarationRules()
    {
        PrometheusExposition out;
        QVERIFY(out.isEmpty());
        out.declare(u"portolan_unused"_s, Type::Gauge, u"Never sampled."_s);
        out.declare(u"portolan_x"_s, Type::Counter, u"First."_s);
        out.declare(u"portolan_x"_s, Type::Gauge, u"Second."_s);
        out.add(u"portolan_x"_s, {}, 1);
        out.add(u"portolan_adhoc"_s, {}, 3);
        QVERIFY(!out.isEmpty());
        QCOMPARE(out.text(),
                 "# HELP portolan_x First.\n"
                 "# TYPE portolan_x counter\n"
                 "portolan_x 1\n"
                 "# TYPE portolan_adhoc untyped\n"
                 "portolan_adhoc 3\n"_ba);
    }

    // Names given with invalid characters are made valid, and two spellings that become
    // the same name share one family rather than declaring it twice.
    void sanitizesFamilyAndLabelNames()
    {
        PrometheusExposition out;
        out.declare(u"portolan_role.built"_s, Type::Gauge, u"Built."_s);
        out.add(u"portolan_role-built"_s, {{u"item-name"_s, u"x"_s}}, 1);
        QCOMPARE(out.text(),
                 "# HELP portolan_role_built Built.\n"
                 "# TYPE portolan_role_built gauge\n"
                 "portolan_role_built{item_name=\"x\"} 1\n"_ba);
    }
};

QTEST_APPLESS_MAIN(tst_PrometheusExposition)
#include "tst_prometheusexposition.moc"
