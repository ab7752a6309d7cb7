#pragma once

#include "console/report/reportinput.h"

#include <QCoreApplication>
#include <QString>

namespace Portolan::Console {

// Writes the report of a run: the page a person reads (HTML, self-contained, and the
// same as a PDF) and the time series other tools read (CSV and JSON). Used by the
// console's export action and by --headless at the end of a run.
class RunReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::RunReportWriter)

public:
    struct Files
    {
        QString html, pdf, csv, json;
    };

    // Writes report.html, report.pdf, timeseries.csv and timeseries.json into directory
    // (created if needed; files there are replaced). On failure returns false with a
    // sentence in error; files already written stay, the one being written is not left
    // half-written.
    static bool write(const ReportInput &input, const QString &directory, Files *files, QString *error);
    // The self-contained page (images inlined as data: URIs).
    static QString html(const ReportInput &input);
};

} // namespace Portolan::Console
