#pragma once

#include "console/report/reportfigures.h"
#include "console/report/reportinput.h"

#include <QCoreApplication>
#include <QString>

namespace Portolan::Console {

// The run report as one HTML page. The Browser target is self-contained (its images are
// PNG data: URIs, its style sheet inline); the Print target is the same content in the
// subset of HTML and CSS QTextDocument lays out, with images named by resource (see
// the *Resource() names) so the PDF printer can hand them over without decoding base64.
// Every piece of text from the scenario or the run is escaped.
class ReportHtml
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::ReportHtml)

public:
    enum class Target { Browser, Print };

    struct Options
    {
        Target target = Target::Browser;
        int contentWidth = 900;           // logical pixels available for a picture
        bool mentionSeriesFiles = false;  // say where timeseries.csv / .json are
    };

    static QString build(const ReportInput &input, const ReportFigures &figures, const Options &options);

    static QString topologyResource();
    static QString queueDepthResource();
    static QString ratesResource();
    // The title a report shows: the input's title, else the scenario's name.
    static QString title(const ReportInput &input);
};

} // namespace Portolan::Console
