#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;

// The edge factory demo (resources/scenarios/factory-edge.yaml) run as a user runs it:
// `portolan --headless` at the CI size, every one of the nine killer-demo points held,
// and the numbers behind them read back from report.json.
class tst_FactoryEdge : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenario = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios/factory-edge.yaml");
    QTemporaryDir m_dir;

    static constexpr int DevicesPerSite = 3;

    int m_exitCode = -1;
    QByteArray m_stderr;
    QJsonObject m_report;

    QJsonObject node(const QString &id) const
    {
        return m_report.value("nodes"_L1).toObject().value(id).toObject();
    }
    qint64 data(const QString &id, const QString &field) const
    {
        return node(id).value("data"_L1).toObject().value(field).toInteger(-1);
    }
    // The sum of a data field over the nodes whose id starts with prefix and ends with suffix.
    qint64 sumOver(const QString &prefix, const QString &suffix, const QString &field) const
    {
        qint64 sum = 0;
        const QJsonObject nodes = m_report.value("nodes"_L1).toObject();
        for (auto it = nodes.begin(); it != nodes.end(); ++it) {
            if (it.key().startsWith(prefix) && it.key().endsWith(suffix))
                sum += it.value().toObject().value("data"_L1).toObject().value(field).toInteger();
        }
        return sum;
    }
    QStringList failedExpectations() const
    {
        QStringList failed;
        const QJsonArray expectations = m_report.value("expectations"_L1).toArray();
        for (const QJsonValue &e : expectations) {
            if (!e.toObject().value("passed"_L1).toBool())
                failed.append(e.toObject().value("name"_L1).toString() + u": "_s
                              + e.toObject().value("detail"_L1).toString());
        }
        return failed;
    }
    QJsonObject expectation(const QString &namePrefix) const
    {
        const QJsonArray expectations = m_report.value("expectations"_L1).toArray();
        for (const QJsonValue &e : expectations) {
            if (e.toObject().value("name"_L1).toString().startsWith(namePrefix))
                return e.toObject();
        }
        return {};
    }

private Q_SLOTS:
    // One headless run serves every test below: it is the expensive part.
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_portolan), "PORTOLAN_BINARY must name the built portolan");
        QVERIFY(m_dir.isValid());
        QProcess process;
        process.start(m_portolan, {u"--headless"_s, m_scenario, u"--report"_s, m_dir.path(), u"--runs"_s,
                                   m_dir.filePath(u"runs"_s), u"--set"_s,
                                   u"devicesPerSite=%1"_s.arg(DevicesPerSite), u"--set"_s, u"jobMs=900"_s,
                                   u"--set"_s, u"httpPort=0"_s});
        if (!process.waitForFinished(240000)) {
            process.kill();
            process.waitForFinished();
            QFAIL("the headless run did not finish within 240 s");
        }
        m_exitCode = process.exitCode();
        m_stderr = process.readAllStandardError();
        QFile report(m_dir.filePath(u"report.json"_s));
        QVERIFY2(report.open(QIODevice::ReadOnly), "report.json was written");
        m_report = QJsonDocument::fromJson(report.readAll()).object();
        QVERIFY(!m_report.isEmpty());
    }

    // The run exits 0 with every expectation held, every step fired and reported.
    void everyExpectationHolds()
    {
        QVERIFY2(m_exitCode == 0, qPrintable(failedExpectations().join(u"\n"_s) + QString::fromUtf8(m_stderr.right(3000))));
        QVERIFY(m_report.value("passed"_L1).toBool());
        QCOMPARE(failedExpectations(), QStringList());
        QVERIFY(m_report.value("expectations"_L1).toArray().size() >= 45);
        const QJsonArray timeline = m_report.value("timeline"_L1).toArray();
        QCOMPARE(timeline.size(), 30);
        for (const QJsonValue &step : timeline)
            QVERIFY2(step.toObject().value("ok"_L1).toBool(), qPrintable(step.toObject().value("detail"_L1).toString()));
        QCOMPARE(m_stderr.count("] step "), 30);
    }

    // Each of the nine points has at least one expectation, named after it, and it held.
    void everyPointIsChecked_data()
    {
        QTest::addColumn<QString>("point");
        for (int point = 1; point <= 9; ++point)
            QTest::addRow("point %d", point) << u"%1 · "_s.arg(point);
    }
    void everyPointIsChecked()
    {
        QFETCH(QString, point);
        const QJsonObject e = expectation(point);
        QVERIFY2(!e.isEmpty(), qPrintable(u"no expectation for "_s + point));
        QVERIFY2(e.value("passed"_L1).toBool(), qPrintable(e.value("detail"_L1).toString()));
    }

    // Point 1: balancing on unfinished orders gives the fastest factory the most.
    void fastestFactoryMadeTheMost()
    {
        const qint64 f1 = data(u"f1-planner"_s, u"completed"_s);
        const qint64 f2 = data(u"f2-planner"_s, u"completed"_s);
        const qint64 f3 = data(u"f3-planner"_s, u"completed"_s);
        QVERIFY2(f1 > f2 && f1 > f3, qPrintable(u"made: f1 %1, f2 %2, f3 %3"_s.arg(f1).arg(f2).arg(f3)));
        QVERIFY(f3 > 0);
    }

    // Point 2: one command, every process, ready and converged quickly.
    void oneCommandStartedTheNetwork()
    {
        const int setup = 3 + 7 + 5 * DevicesPerSite + 3 + 2 + 3;
        QCOMPARE(m_report.value("processes"_L1).toInt(), setup + 3);   // + the three of point 9
        QVERIFY(m_report.value("readyAfterMs"_L1).toInteger() > 0);
        QVERIFY(m_report.value("readyAfterMs"_L1).toInteger() < 60000);
    }

    // Point 4: hand-offs between devices crossed one router only; they happened in every
    // factory and warehouse.
    void handoffsStayedInsideTheirSite_data()
    {
        QTest::addColumn<QString>("site");
        for (const QString &site : {u"f1"_s, u"f2"_s, u"f3"_s, u"w1"_s, u"w2"_s})
            QTest::newRow(qPrintable(site)) << site;
    }
    void handoffsStayedInsideTheirSite()
    {
        QFETCH(QString, site);
        const qint64 received = sumOver(site + u"-dev-"_s, {}, u"handoffsReceived"_s);
        QVERIFY2(received > 0, qPrintable(site));
        QCOMPARE(sumOver(site + u"-dev-"_s, {}, u"handoffsLocal"_s), received);
        // Every path any device of the site saw, as the routers recorded it: the site's edge router alone.
        QSet<QString> paths;
        const QJsonObject nodes = m_report.value("nodes"_L1).toObject();
        for (auto it = nodes.begin(); it != nodes.end(); ++it) {
            if (it.key().startsWith(site + u"-dev-"_s)) {
                const QStringList keys = it.value().toObject().value("data"_L1).toObject().value("handoffPaths"_L1).toObject().keys();
                paths.unite(QSet<QString>(keys.begin(), keys.end()));
            }
        }
        QCOMPARE(paths, QSet<QString>{site + u"-edge"_s});
    }

    // Point 6: exactly factory 3's devices shut down, and started again.
    void shutdownReachedOneFactoryOnly()
    {
        const QJsonObject counts = m_report.value("eventCounts"_L1).toObject();
        QCOMPARE(counts.value("device-shutdown"_L1).toInt(), DevicesPerSite);
        QCOMPARE(counts.value("device-started"_L1).toInt(), DevicesPerSite);
        for (int i = 1; i <= DevicesPerSite; ++i) {
            QCOMPARE(data(u"f3-dev-%1"_s.arg(i), u"shutdowns"_s), 1);
            QCOMPARE(data(u"f1-dev-%1"_s.arg(i), u"shutdowns"_s), 0);
            QCOMPARE(node(u"f3-dev-%1"_s.arg(i)).value("data"_L1).toObject().value("state"_L1).toString(), u"running"_s);
        }
    }

    // Point 8: every router runs the new version; every order issued was acknowledged
    // and reported made.
    void upgradedWithoutLosingAnOrder()
    {
        for (const QString &router : {u"c1"_s, u"c2"_s, u"c3"_s, u"mgmt-edge"_s, u"sales-edge"_s, u"f1-edge"_s,
                                      u"f2-edge"_s, u"f3-edge"_s, u"w1-edge"_s, u"w2-edge"_s})
            QCOMPARE(node(router).value("version"_L1).toString(), u"2.0.0"_s);
        const qint64 issued = sumOver({}, u"-orders"_s, u"issued"_s);
        QVERIFY(issued > 100);
        QCOMPARE(sumOver({}, u"-orders"_s, u"acknowledged"_s), issued);
        QCOMPARE(sumOver({}, u"-orders"_s, u"completed"_s), issued);
        QCOMPARE(sumOver(u"f"_s, u"-planner"_s, u"backlog"_s), 0);
    }

    // Point 9: the newcomers took part.
    void newcomersTookPart()
    {
        QVERIFY(data(u"f1-dev-%1"_s.arg(DevicesPerSite + 1), u"completed"_s) > 0);
        QVERIFY(data(u"cloud-inspection"_s, u"completed"_s) > 0);
        const QJsonObject topics = node(u"mgmt-analytics"_s).value("data"_L1).toObject().value("topics"_L1).toObject();
        QVERIFY(topics.value("/topics/quality"_L1).toInteger() > 0);
        QVERIFY(topics.value("/topics/production"_L1).toInteger() > 0);
        for (const QString &planner : {u"f1-planner"_s, u"f2-planner"_s, u"f3-planner"_s}) {
            QVERIFY(data(planner, u"inspected"_s) > 0);
            QVERIFY(data(planner, u"inspectionsUnavailable"_s) > 0);   // tried before the service existed
        }
    }
};

QTEST_GUILESS_MAIN(tst_FactoryEdge)
#include "tst_factoryedge.moc"
