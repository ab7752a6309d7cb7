#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;

// The Barker scenario (seed 002) run as a user runs it, `portolan --headless` on
// resources/scenarios/barker.yaml with real node processes, and its report read back:
// every expectation held, the inbox's queue depth went through the seed's four phases in
// the recorded samples, and every bark is in the feed once.
class tst_Barker : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenario = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios/barker.yaml");
    QTemporaryDir m_dir;
    QJsonObject m_report;
    QByteArray m_stderr;
    int m_exitCode = -1;
    // The inbox's queue depth samples (run ms, depth) and when each step fired.
    QList<QPair<qint64, double>> m_depth;
    QHash<QString, qint64> m_stepAtMs;

    static constexpr int Barks = 5 * 108 + 2;   // the autobarks' and the two by hand

    QJsonObject data(const QString &node) const
    {
        return m_report.value("nodes"_L1).toObject().value(node).toObject().value("data"_L1).toObject();
    }

    // The largest and smallest depth sampled between two run times.
    std::pair<double, double> depthBetween(qint64 fromMs, qint64 toMs) const
    {
        double most = -1, least = 1e9;
        for (const auto &[ms, depth] : m_depth) {
            if (ms < fromMs || ms > toMs)
                continue;
            most = qMax(most, depth);
            least = qMin(least, depth);
        }
        return {most, least};
    }

    QStringList failedExpectations() const
    {
        QStringList failed;
        const QJsonArray expectations = m_report.value("expectations"_L1).toArray();
        for (const QJsonValue &e : expectations) {
            if (!e.toObject().value("passed"_L1).toBool())
                failed.append(e.toObject().value("name"_L1).toString() + u": "_s + e.toObject().value("detail"_L1).toString());
        }
        return failed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_portolan), "PORTOLAN_BINARY must name the built portolan");
        QVERIFY(m_dir.isValid());
        QProcess process;
        process.start(m_portolan, {u"--headless"_s, m_scenario, u"--report"_s, m_dir.path(), u"--runs"_s,
                                   m_dir.filePath(u"runs"_s), u"--set"_s, u"httpPort=0"_s});
        QVERIFY(process.waitForStarted());
        if (!process.waitForFinished(150000)) {
            process.kill();
            process.waitForFinished();
            QFAIL("the scenario did not finish within 150 s");
        }
        m_exitCode = process.exitCode();
        m_stderr = process.readAllStandardError();
        QFile report(m_dir.filePath(u"report.json"_s));
        QVERIFY2(report.open(QIODevice::ReadOnly), m_stderr.right(2000).constData());
        m_report = QJsonDocument::fromJson(report.readAll()).object();

        // The run directory has the raw samples and events the report was judged on.
        const QStringList runs = QDir(m_dir.filePath(u"runs"_s)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(runs.size(), 1);
        const QDir run(m_dir.filePath(u"runs/"_s + runs.constFirst()));
        QFile metrics(run.filePath(u"metrics.csv"_s));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        while (!metrics.atEnd()) {
            const QList<QByteArray> cells = metrics.readLine().trimmed().split(',');
            if (cells.size() == 4 && cells[1] == "inbox" && cells[2] == "queues./barker/barks")
                m_depth.append({cells[0].toLongLong(), cells[3].toDouble()});
        }
        QFile events(run.filePath(u"events.jsonl"_s));
        QVERIFY(events.open(QIODevice::ReadOnly));
        while (!events.atEnd()) {
            const QJsonObject e = QJsonDocument::fromJson(events.readLine()).object();
            if (e.value("kind"_L1).toString() == "step"_L1 && e.value("action"_L1).toString() != "request"_L1)
                m_stepAtMs.insert(e.value("action"_L1).toString() + u'@' + QString::number(e.value("index"_L1).toInt()),
                                  qint64(e.value("ms"_L1).toDouble()));
        }
    }

    // The run exits 0 with every expectation held and every step fired.
    void everyExpectationHolds()
    {
        QVERIFY2(m_exitCode == 0, qPrintable(failedExpectations().join(u"\n"_s) + QString::fromUtf8(m_stderr.right(2000))));
        QVERIFY(m_report.value("passed"_L1).toBool());
        QVERIFY(m_report.value("expectations"_L1).toArray().size() >= 25);
        QCOMPARE(m_report.value("timeline"_L1).toArray().size(), 12);
    }

    // The queue depth samples tell the seed's story: short while the primary serves, up
    // after it is killed and down again once barks flow through the backup, growing all
    // the while both are dead, and drained once the primary is back.
    void queueDepthFollowsThePhases()
    {
        const qint64 killPrimary = m_stepAtMs.value(u"kill-node@4"_s, -1);
        const qint64 killBackup = m_stepAtMs.value(u"kill-node@6"_s, -1);
        const qint64 restart = m_stepAtMs.value(u"restart-node@9"_s, -1);
        QVERIFY2(killPrimary > 0 && killBackup > killPrimary && restart > killBackup, "the three steps fired in order");
        QVERIFY(m_depth.size() >= 25);

        const auto [steadyMax, steadyMin] = depthBetween(killPrimary - 6000, killPrimary);
        QVERIFY2(steadyMax >= 0 && steadyMax <= 15, qPrintable(QString::number(steadyMax)));
        const auto [riseMax, riseMin] = depthBetween(killPrimary, killPrimary + 3000);
        QVERIFY2(riseMax > steadyMax && riseMax >= 20, qPrintable(QString::number(riseMax)));
        const auto [backupMax, backupMin] = depthBetween(killPrimary + 4000, killBackup);
        QVERIFY2(backupMax <= 15, qPrintable(QString::number(backupMax)));

        // Both dead: every later sample is deeper than the one before.
        double previous = -1;
        for (const auto &[ms, depth] : std::as_const(m_depth)) {
            if (ms <= killBackup + 500 || ms >= restart)
                continue;
            QVERIFY2(depth > previous, qPrintable(u"%1 after %2 at %3 ms"_s.arg(depth).arg(previous).arg(ms)));
            previous = depth;
        }
        QVERIFY2(previous >= 100, qPrintable(QString::number(previous)));

        const auto [drainedMax, drainedMin] = depthBetween(restart + 3000, restart + 60000);
        QVERIFY2(drainedMax <= 15, qPrintable(QString::number(drainedMax)));
        QCOMPARE(m_depth.last().second, 0.0);
    }

    // Barks went through the primary, then the backup, then the primary again.
    void failoverThenBack()
    {
        const QJsonObject to = data(u"inbox"_s).value("forwardedTo"_L1).toObject();
        QVERIFY(to.value("bizlogic-1"_L1).toInteger() > 100);
        QVERIFY(to.value("bizlogic-2"_L1).toInteger() > 50);
        QCOMPARE(to.value("bizlogic-1"_L1).toInteger() + to.value("bizlogic-2"_L1).toInteger(), qint64(Barks));
        QVERIFY(data(u"inbox"_s).value("failovers"_L1).toInteger() >= 2);   // to the backup, back to the primary
        QCOMPARE(data(u"directory"_s).value("downs"_L1).toInteger(), qint64(2));
    }

    // Every bark reached the feed exactly once, and the three outboxes shared them in turn.
    void everyBarkOnceAndRoundRobin()
    {
        QCOMPARE(data(u"inbox"_s).value("received"_L1).toInteger(), qint64(Barks));
        QCOMPARE(data(u"feed"_s).value("barks"_L1).toInteger(), qint64(Barks));
        qint64 least = Barks, most = 0, total = 0;
        for (const QString &outbox : {u"outbox-1"_s, u"outbox-2"_s, u"outbox-3"_s}) {
            const qint64 n = data(outbox).value("received"_L1).toInteger();
            least = qMin(least, n);
            most = qMax(most, n);
            total += n;
        }
        QVERIFY(total >= Barks);
        QVERIFY2(most - least <= 6, qPrintable(u"%1..%2"_s.arg(least).arg(most)));
    }

    // The bark posted by hand through the ingress is in the feed, with its tokens.
    void handPostedBarkShowsUp()
    {
        const QJsonArray requests = m_report.value("requests"_L1).toArray();
        QJsonObject feed1, feed3;
        for (const QJsonValue &r : requests) {
            if (r.toObject().value("name"_L1).toString() == "feed-1"_L1)
                feed1 = r.toObject();
            if (r.toObject().value("name"_L1).toString() == "feed-3"_L1)
                feed3 = r.toObject();
        }
        QCOMPARE(feed1.value("status"_L1).toInt(), 200);
        const QJsonObject latest = feed1.value("body"_L1).toObject().value("latest"_L1).toObject();
        QCOMPARE(latest.value("user"_L1).toString(), u"ark3"_s);
        QCOMPARE(latest.value("hashtags"_L1).toArray(), QJsonArray{u"#barker"_s});
        QCOMPARE(feed3.value("body"_L1).toObject().value("count"_L1).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Barker)
#include "tst_barker.moc"
