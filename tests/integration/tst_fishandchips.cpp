#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;

// The Fish and chips scenario (seed 001) run as a user runs it, `portolan --headless`
// on resources/scenarios/fish-and-chips.yaml with real node processes, and its report
// read back: every expectation held, and the figures that matter are recomputed here
// from the entities' final telemetry rather than taken on the report's word.
class tst_FishAndChips : public QObject
{
    Q_OBJECT

private:
    QString m_portolan = qEnvironmentVariable("PORTOLAN_BINARY");
    QString m_scenario = QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios/fish-and-chips.yaml");
    QJsonObject m_report;
    int m_exitCode = -1;
    QByteArray m_stderr;

    QJsonObject data(const QString &node) const
    {
        return m_report.value("nodes"_L1).toObject().value(node).toObject().value("data"_L1).toObject();
    }

    QStringList nodesStartingWith(const QString &prefix) const
    {
        QStringList out;
        const QStringList all = m_report.value("nodes"_L1).toObject().keys();
        for (const QString &id : all) {
            if (id.startsWith(prefix))
                out.append(id);
        }
        return out;
    }

    qint64 sum(const QString &prefix, const QString &field, const QString &inner = {}) const
    {
        qint64 total = 0;
        const QStringList nodes = nodesStartingWith(prefix);
        for (const QString &node : nodes) {
            const QJsonValue v = data(node).value(field);
            total += inner.isEmpty() ? v.toInteger() : v.toObject().value(inner).toInteger();
        }
        return total;
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
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess process;
        process.start(m_portolan, {u"--headless"_s, m_scenario, u"--report"_s, dir.path(), u"--runs"_s,
                                   dir.filePath(u"runs"_s), u"--set"_s, u"httpPort=0"_s});
        QVERIFY(process.waitForStarted());
        if (!process.waitForFinished(150000)) {
            process.kill();
            process.waitForFinished();
            QFAIL("the scenario did not finish within 150 s");
        }
        m_exitCode = process.exitCode();
        m_stderr = process.readAllStandardError();
        QFile report(dir.filePath(u"report.json"_s));
        QVERIFY2(report.open(QIODevice::ReadOnly), m_stderr.right(2000).constData());
        m_report = QJsonDocument::fromJson(report.readAll()).object();
    }

    // The run exits 0 with every expectation held and every step fired.
    void everyExpectationHolds()
    {
        QVERIFY2(m_exitCode == 0, qPrintable(failedExpectations().join(u"\n"_s) + QString::fromUtf8(m_stderr.right(2000))));
        QVERIFY(m_report.value("passed"_L1).toBool());
        QVERIFY(m_report.value("expectations"_L1).toArray().size() >= 20);
        QCOMPARE(m_report.value("timeline"_L1).toArray().size(), 6);
        const QJsonArray steps = m_report.value("timeline"_L1).toArray();
        for (const QJsonValue &step : steps)
            QVERIFY2(step.toObject().value("ok"_L1).toBool(), qPrintable(step.toObject().value("detail"_L1).toString()));
    }

    // Every order taken (3 tills x 20, plus the web order) was made up once and collected
    // once, and the accountant and the statistician each saw all of them.
    void everyOrderCompletedExactlyOnce()
    {
        const qint64 orders = sum(u"till-"_s, u"orders"_s);
        QCOMPARE(orders, qint64(61));
        QCOMPARE(sum(u"till-"_s, u"collected"_s), orders);
        QCOMPARE(sum(u"till-"_s, u"duplicateCompletions"_s), qint64(0));
        QCOMPARE(sum(u"preparer-"_s, u"made"_s), orders);
        QCOMPARE(data(u"accountant"_s).value("orders"_L1).toInteger(), orders);
        QCOMPARE(data(u"statistician"_s).value("orders"_L1).toInteger(), orders);
    }

    // The accountant's income is the sum of the prices the tills charged, to the penny.
    void incomeEqualsTheSumOfPrices()
    {
        const qint64 takings = sum(u"till-"_s, u"takings"_s);
        QVERIFY(takings > 61 * 1050 - 1);   // no order is cheaper than cod and chips
        QCOMPARE(data(u"accountant"_s).value("income"_L1).toInteger(), takings);
        QCOMPARE(data(u"accountant"_s).value("web"_L1).toInteger() + data(u"accountant"_s).value("counter"_L1).toInteger(),
                 takings);
    }

    // Only preparer-1 (the plaice key's preparer) made plaice orders, all of them; the
    // preparer that joined mid-run made orders without plaice.
    void plaiceOnlyAtThePlaicePreparer()
    {
        const qint64 plaice = data(u"statistician"_s).value("plaiceOrders"_L1).toInteger();
        QVERIFY(plaice > 0);
        QCOMPARE(data(u"preparer-1"_s).value("plaiceMade"_L1).toInteger(), plaice);
        QCOMPARE(sum(u"preparer-"_s, u"plaiceMade"_s), plaice);
        QCOMPARE(nodesStartingWith(u"preparer-"_s).size(), 3);
        QVERIFY(data(u"preparer-3"_s).value("made"_L1).toInteger() > 0);
        QCOMPARE(data(u"preparer-3"_s).value("plaiceMade"_L1).toInteger(), 0);
        QVERIFY(data(u"preparer-2"_s).value("made"_L1).toInteger() > 0);
    }

    // The cabinet's stock never went below zero in any sample, every portion served was
    // taken from it, and everything fried reached it.
    void stockNeverNegativeAndAccountedFor()
    {
        const QJsonObject metrics = m_report.value("metrics"_L1).toObject().value("hot-cabinet"_L1).toObject();
        for (const QString &item : {u"cod"_s, u"chips"_s, u"plaice"_s}) {
            const QJsonObject series = metrics.value(u"data.stock."_s + item).toObject();
            QVERIFY2(series.value("samples"_L1).toInt() >= 10, qPrintable(item));
            QVERIFY2(series.value("min"_L1).toDouble() >= 0, qPrintable(item));
            const QJsonObject cabinet = data(u"hot-cabinet"_s);
            QCOMPARE(sum(u"preparer-"_s, u"served"_s, item), cabinet.value("taken"_L1).toObject().value(item).toInteger());
            QCOMPARE(sum(u"cook-"_s, u"cooked"_s, item), cabinet.value("added"_L1).toObject().value(item).toInteger());
            QVERIFY(cabinet.value("stock"_L1).toObject().value(item).toInteger() >= 0);
        }
    }

    // Some orders waited for the cook, and the statistician counted exactly those.
    void statisticianCountsOrdersThatWaited()
    {
        const qint64 waited = data(u"statistician"_s).value("waitedForCooking"_L1).toInteger();
        QVERIFY(waited > 0);
        QCOMPARE(sum(u"preparer-"_s, u"waited"_s), waited);
        QVERIFY(data(u"statistician"_s).value("cookReturns"_L1).toInteger() >= waited);
        QVERIFY(data(u"statistician"_s).value("multiPortionOrders"_L1).toInteger() > 0);
    }
};

QTEST_GUILESS_MAIN(tst_FishAndChips)
#include "tst_fishandchips.moc"
