#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QImage>
#include <QIODevice>
#include <QString>

namespace Portolan::Console {

// Prints a report's HTML (the ReportHtml Print target) to a PDF: A4 portrait, laid out
// by QTextDocument, with a footer on every page naming the report and "page n of m".
// Needs a QGuiApplication (fonts).
class ReportPdfPrinter
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::ReportPdfPrinter)

public:
    // Millimetres around the text; the footer sits in the bottom margin.
    static constexpr double kMarginMm = 16.0;
    static constexpr double kBottomMarginMm = 20.0;

    // The width, in the logical pixels the HTML is written in, that a picture may take.
    static int contentWidth();
    // resources: image resources the HTML refers to by name.
    static bool print(const QString &html, const QHash<QString, QImage> &resources, const QString &title,
                      QIODevice *device, QString *error);
};

} // namespace Portolan::Console
