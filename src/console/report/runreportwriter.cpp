#include "console/report/runreportwriter.h"

#include "console/report/reportfigures.h"
#include "console/report/reporthtml.h"
#include "console/report/reportpdfprinter.h"
#include "console/report/timeseriesexport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

Q_LOGGING_CATEGORY(lcReport, "portolan.console.report", QtInfoMsg)

namespace {

const Scenario::RunRecord &emptyRecord()
{
    static const Scenario::RunRecord record;
    return record;
}

// A report of nothing is still a report: a missing record reads as an empty one.
ReportInput normalised(const ReportInput &input)
{
    ReportInput out = input;
    if (!out.record)
        out.record = &emptyRecord();
    return out;
}

// Writes through a QSaveFile so a reader never sees half a file.
bool saveFile(const QString &path, const std::function<bool(QIODevice *, QString *)> &fill, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = RunReportWriter::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QString why;
    if (!fill(&file, &why)) {
        file.cancelWriting();
        *error = RunReportWriter::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    }
    if (!file.commit()) {
        *error = RunReportWriter::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

std::function<bool(QIODevice *, QString *)> bytes(const QByteArray &data)
{
    return [data](QIODevice *device, QString *why) {
        if (device->write(data) != data.size()) {
            *why = device->errorString();
            return false;
        }
        return true;
    };
}

} // namespace

QString RunReportWriter::html(const ReportInput &input)
{
    const ReportInput in = normalised(input);
    return ReportHtml::build(in, ReportFigures::render(in), ReportHtml::Options{});
}

bool RunReportWriter::write(const ReportInput &input, const QString &directory, Files *files, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    const QFileInfo where(directory);
    if (directory.isEmpty() || (where.exists() && !where.isDir()) || !QDir().mkpath(directory)) {
        why = tr("cannot create the report directory %1").arg(QDir::toNativeSeparators(directory));
        return false;
    }
    const QDir dir(directory);
    const Files paths{dir.absoluteFilePath(u"report.html"_s), dir.absoluteFilePath(u"report.pdf"_s),
                      dir.absoluteFilePath(u"timeseries.csv"_s), dir.absoluteFilePath(u"timeseries.json"_s)};

    const ReportInput in = normalised(input);
    const ReportFigures figures = ReportFigures::render(in);

    ReportHtml::Options browser;
    browser.mentionSeriesFiles = true;
    if (!saveFile(paths.html, bytes(ReportHtml::build(in, figures, browser).toUtf8()), &why))
        return false;
    if (!saveFile(paths.csv, bytes(TimeSeriesExport::csv(in.record->metrics)), &why))
        return false;
    if (!saveFile(paths.json, bytes(QJsonDocument(TimeSeriesExport::json(in.record->metrics)).toJson(QJsonDocument::Compact)), &why))
        return false;

    ReportHtml::Options print;
    print.target = ReportHtml::Target::Print;
    print.contentWidth = ReportPdfPrinter::contentWidth();
    print.mentionSeriesFiles = true;
    const QString printHtml = ReportHtml::build(in, figures, print);
    QHash<QString, QImage> resources;
    if (!figures.topology.isNull())
        resources.insert(ReportHtml::topologyResource(), figures.topology);
    if (!figures.queueDepth.isNull())
        resources.insert(ReportHtml::queueDepthResource(), figures.queueDepth);
    if (!figures.rates.isNull())
        resources.insert(ReportHtml::ratesResource(), figures.rates);
    const QString title = ReportHtml::title(in);
    const auto pdf = [&](QIODevice *device, QString *reason) {
        return ReportPdfPrinter::print(printHtml, resources, title, device, reason);
    };
    if (!saveFile(paths.pdf, pdf, &why))
        return false;

    qCDebug(lcReport) << "report written to" << dir.absolutePath();
    if (files)
        *files = paths;
    return true;
}

} // namespace Portolan::Console
