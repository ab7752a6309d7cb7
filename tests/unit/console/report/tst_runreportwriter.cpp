#include "console/report/runreportwriter.h"

#include "reportfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Console;
using namespace Portolan::Scenario;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Page objects in a PDF, not the /Pages tree node.
int pdfPages(const QByteArray &pdf)
{
    static const QRegularExpression page(u"/Type\\s*/Page(?![A-Za-z])"_s);
    int pages = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++pages;
    return pages;
}

int count(const QString &haystack, const QString &needle)
{
    return int(haystack.count(needle));
}

} // namespace

class TestRunReportWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void htmlNamesEveryExpectationAndStep_data();
    void htmlNamesEveryExpectationAndStep();
    void htmlEscapesHostileText_data();
    void htmlEscapesHostileText();
    void htmlIsSelfContained();
    void htmlSaysWhatIsMissing();
    void writeProducesEveryFile();
    void writeReportsAnEmptyRecord();
    void writeReplacesAnEarlierReport();
    void writeRefusesAnUnusableDirectory_data();
    void writeRefusesAnUnusableDirectory();
};

// The page carries the verdict and names every expectation and every timeline step.
void TestRunReportWriter::htmlNamesEveryExpectationAndStep_data()
{
    QTest::addColumn<QList<bool>>("verdicts");   // empty: the run was not judged
    QTest::addColumn<QString>("banner");
    QTest::addColumn<QString>("tally");

    QTest::newRow("all held") << QList<bool>{true, true, true, true} << u"PASSED"_s << u"4 of 4 expectations held"_s;
    QTest::newRow("one failed") << QList<bool>{true, true, false, true} << u"FAILED"_s
                                << u"3 of 4 expectations held, 1 failed"_s;
    QTest::newRow("not judged") << QList<bool>{} << u"NOT JUDGED"_s << u"not checked"_s;
}

void TestRunReportWriter::htmlNamesEveryExpectationAndStep()
{
    QFETCH(QList<bool>, verdicts);
    QFETCH(QString, banner);
    QFETCH(QString, tally);

    ReportFixture f = ReportFixture::pirateRun();
    if (verdicts.isEmpty())
        f.results.clear();
    for (qsizetype i = 0; i < verdicts.size(); ++i)
        f.results[i].passed = verdicts.at(i);
    const QString html = RunReportWriter::html(f.input());

    QVERIFY(html.contains(u">"_s + banner + u"<"_s));
    QVERIFY2(html.contains(tally), qPrintable(tally));
    for (const Expectation &x : std::as_const(f.scenario.expectations))
        QVERIFY2(html.contains(x.name.toHtmlEscaped()), qPrintable(x.name));
    for (const ExpectationResult &r : std::as_const(f.results))
        QVERIFY2(html.contains(r.detail.toHtmlEscaped()), qPrintable(r.detail));
    for (const StepRecord &s : std::as_const(f.record.steps))
        QVERIFY2(html.contains(s.caption.toHtmlEscaped()), qPrintable(s.caption));
    // The step the run never reached is listed as such.
    QVERIFY(html.contains(u"A late question nobody asked"_s));
    QCOMPARE(count(html, u"NOT REACHED"_s), 1);
    // The operator's action is marked as one.
    QCOMPARE(count(html, u">by hand<"_s), 1);
    const int failures = int(std::count(verdicts.cbegin(), verdicts.cend(), false));
    QCOMPARE(count(html, u">FAIL<"_s), failures);
    QCOMPARE(count(html, u">PASS<"_s), int(verdicts.size()) - failures);
    // The stopwatch rows and the request are there.
    QVERIFY(html.contains(u"r1-r2"_s));
    QVERIFY(html.contains(u"/all-stores/inventory"_s));
    QVERIFY(html.contains(u"117 ms"_s));   // detection of the cut link, 4120 - 4003
}

// Text from the scenario or the run never becomes markup on the page.
void TestRunReportWriter::htmlEscapesHostileText_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("text");

    const QString script = u"<script>alert(\"pwned\")</script>"_s;
    QTest::newRow("step caption") << u"caption"_s << script;
    QTest::newRow("step detail") << u"detail"_s << u"<img src=x onerror=alert(1)>"_s;
    QTest::newRow("expectation name") << u"expectation"_s << u"Fish & <chips>"_s;
    QTest::newRow("expectation detail") << u"result"_s << u"</td></tr></table><h1>boo</h1>"_s;
    QTest::newRow("node name") << u"node"_s << u"r1\"><script>x</script>"_s;
    QTest::newRow("request error") << u"request"_s << u"<b>timeout</b>"_s;
    QTest::newRow("title") << u"title"_s << u"<title>x</title>"_s;
}

void TestRunReportWriter::htmlEscapesHostileText()
{
    QFETCH(QString, where);
    QFETCH(QString, text);

    ReportFixture f = ReportFixture::pirateRun();
    ReportInput input = f.input();
    if (where == "caption"_L1)
        f.record.steps[0].caption = text;
    else if (where == "detail"_L1)
        f.record.steps[1].detail = text;
    else if (where == "expectation"_L1)
        f.results[0].name = text;
    else if (where == "result"_L1)
        f.results[2].detail = text;
    else if (where == "node"_L1)
        f.record.metrics.append(MetricSample{500, text, u"counters.delivered"_s, 1});
    else if (where == "request"_L1)
        f.record.requests[0].error = text;
    else if (where == "title"_L1)
        input.title = text;
    input.results = f.results;
    const QString html = RunReportWriter::html(input);

    QVERIFY2(!html.contains(text), qPrintable(text));
    QString escaped = text.toHtmlEscaped();
    QVERIFY2(html.contains(escaped.replace(u'\'', u"&#39;"_s)), qPrintable(escaped));
    QCOMPARE(count(html, u"<script"_s), 0);
    QCOMPARE(count(html, u"<title>"_s), 1);
}

// The page needs nothing but itself: images are data: URIs, nothing is fetched.
void TestRunReportWriter::htmlIsSelfContained()
{
    const ReportFixture f = ReportFixture::pirateRun();
    const QString html = RunReportWriter::html(f.input());

    // The topology, the queue depth chart and the rate chart.
    QCOMPARE(count(html, u"<img "_s), 3);
    QCOMPARE(count(html, u"src=\"data:image/png;base64,"_s), 3);
    QVERIFY(!html.contains(u"src=\"http"_s));
    QVERIFY(!html.contains(u"<link"_s));
    QVERIFY(!html.contains(u"file:"_s));

    // Each inlined picture decodes to a real PNG.
    static const QRegularExpression uri(u"src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\""_s);
    auto it = uri.globalMatch(html);
    int decoded = 0;
    while (it.hasNext()) {
        const QImage image = QImage::fromData(QByteArray::fromBase64(it.next().captured(1).toLatin1()), "PNG");
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400);
        ++decoded;
    }
    QCOMPARE(decoded, 3);
}

// Sections without data say so instead of disappearing or showing an empty frame.
void TestRunReportWriter::htmlSaysWhatIsMissing()
{
    ReportFixture f = ReportFixture::pirateRun();
    f.topology = QImage();
    f.record.stopwatches.clear();
    f.record.requests.clear();
    const QString html = RunReportWriter::html(f.input());

    QVERIFY(html.contains(u"No picture of the topology was captured"_s));
    QVERIFY(html.contains(u"no failure was timed"_s));
    QVERIFY(html.contains(u"The timeline sent no requests."_s));
    QCOMPARE(count(html, u"<img "_s), 2);
}

// write() leaves the four files: an HTML page, a PDF with pages, one CSV row per sample
// and one JSON series per node and metric.
void TestRunReportWriter::writeProducesEveryFile()
{
    const ReportFixture f = ReportFixture::pirateRun();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(u"reports/run-1"_s);   // created on the way

    RunReportWriter::Files files;
    QString error;
    QVERIFY2(RunReportWriter::write(f.input(), target, &files, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(QFileInfo(files.html).fileName(), u"report.html"_s);
    QCOMPARE(QFileInfo(files.pdf).fileName(), u"report.pdf"_s);
    QCOMPARE(QFileInfo(files.csv).fileName(), u"timeseries.csv"_s);
    QCOMPARE(QFileInfo(files.json).fileName(), u"timeseries.json"_s);
    for (const QString &path : {files.html, files.pdf, files.csv, files.json}) {
        QVERIFY2(QFileInfo(path).isAbsolute(), qPrintable(path));
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(target).absoluteFilePath());
    }

    const QString html = QString::fromUtf8(readAll(files.html));
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(html.trimmed().endsWith(u"</html>"_s));
    for (const ExpectationResult &r : std::as_const(f.results))
        QVERIFY2(html.contains(r.name.toHtmlEscaped()), qPrintable(r.name));
    QVERIFY(html.contains(u"timeseries.csv"_s));

    const QByteArray pdf = readAll(files.pdf);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY2(pdfPages(pdf) >= 2, QByteArray::number(pdfPages(pdf)).constData());
    QVERIFY(pdf.contains("/Subtype /Image"));   // the pictures made it in

    const QList<QByteArray> rows = readAll(files.csv).split('\n');
    QCOMPARE(rows.first(), QByteArray("time_ms,node,metric,value"));
    QCOMPARE(rows.last(), QByteArray());   // ends with a line break
    QCOMPARE(rows.size() - 2, f.record.metrics.size());
    QCOMPARE(rows.at(1), QByteArray("1000,r1,counters.delivered,10"));

    QJsonParseError parse;
    const QJsonDocument json = QJsonDocument::fromJson(readAll(files.json), &parse);
    QCOMPARE(parse.error, QJsonParseError::NoError);
    const QJsonArray series = json.object().value("series"_L1).toArray();
    QCOMPARE(series.size(), f.seriesCount());
    qsizetype points = 0;
    for (const QJsonValue &s : series)
        points += s.toObject().value("points"_L1).toArray().size();
    QCOMPARE(points, f.record.metrics.size());
}

// A run that recorded nothing (or no record at all) still gives a complete, valid report.
void TestRunReportWriter::writeReportsAnEmptyRecord()
{
    const RunRecord empty;
    for (const RunRecord *record : {&empty, static_cast<const RunRecord *>(nullptr)}) {
        const ReportInput input{nullptr, record, {}, QImage(), {}};
        QTemporaryDir dir;
        RunReportWriter::Files files;
        QString error;
        QVERIFY2(RunReportWriter::write(input, dir.path(), &files, &error), qPrintable(error));

        const QString html = QString::fromUtf8(readAll(files.html));
        QVERIFY(html.contains(u"NOT JUDGED"_s));
        QVERIFY(html.contains(u"No metric samples were recorded"_s));
        QVERIFY(html.contains(u"No timeline step fired"_s));
        QVERIFY(html.trimmed().endsWith(u"</html>"_s));
        const QByteArray pdf = readAll(files.pdf);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdfPages(pdf), 1);
        QCOMPARE(readAll(files.csv), QByteArray("time_ms,node,metric,value\n"));
        const QJsonObject json = QJsonDocument::fromJson(readAll(files.json)).object();
        QVERIFY(json.value("series"_L1).isArray());
        QCOMPARE(json.value("series"_L1).toArray().size(), 0);
    }
}

// Exporting again into the same directory replaces the files rather than failing.
void TestRunReportWriter::writeReplacesAnEarlierReport()
{
    ReportFixture f = ReportFixture::pirateRun();
    QTemporaryDir dir;
    RunReportWriter::Files files;
    QString error;
    QVERIFY2(RunReportWriter::write(f.input(), dir.path(), &files, &error), qPrintable(error));
    f.record.metrics.resize(5);
    f.results[0].name = u"A renamed expectation"_s;
    QVERIFY2(RunReportWriter::write(f.input(), dir.path(), &files, &error), qPrintable(error));
    QCOMPARE(readAll(files.csv).count('\n'), 6);
    QVERIFY(QString::fromUtf8(readAll(files.html)).contains(u"A renamed expectation"_s));
}

// A directory that cannot be made gives false and a sentence naming it, and no files.
void TestRunReportWriter::writeRefusesAnUnusableDirectory_data()
{
    QTest::addColumn<QString>("relative");   // inside a scratch dir holding a regular file "plain"

    QTest::newRow("the directory is a file") << u"plain"_s;
    QTest::newRow("its parent is a file") << u"plain/report"_s;
    QTest::newRow("no path at all") << QString();
}

void TestRunReportWriter::writeRefusesAnUnusableDirectory()
{
    QFETCH(QString, relative);

    QTemporaryDir scratch;
    QFile plain(scratch.filePath(u"plain"_s));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("not a directory");
    plain.close();
    const QString directory = relative.isEmpty() ? QString() : scratch.filePath(relative);

    const ReportFixture f = ReportFixture::pirateRun();
    RunReportWriter::Files files;
    QString error;
    QVERIFY(!RunReportWriter::write(f.input(), directory, &files, &error));
    QVERIFY(error.startsWith(u"cannot create the report directory"_s));
    if (!directory.isEmpty())
        QVERIFY2(error.contains(QDir::toNativeSeparators(directory)), qPrintable(error));
    QVERIFY(files.html.isEmpty());
    QCOMPARE(QDir(scratch.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{u"plain"_s});
}

QTEST_MAIN(TestRunReportWriter)
#include "tst_runreportwriter.moc"
