#pragma once

#include "console/report/reportinput.h"

#include <QCoreApplication>
#include <QImage>

namespace Portolan::Console {

// The pictures of a run report, drawn once and shared by the HTML page and the PDF:
// the topology as the run ended, queue depth over time and message rates, both with
// the timeline's steps marked on them.
struct ReportFigures
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::ReportFigures)

public:
    static constexpr int kQueueNodes = 6;   // nodes drawn besides the total

    QImage topology;
    QImage queueDepth;
    QImage rates;
    int queueingNodes = 0;                  // nodes that ever had something queued
    int queueNodesShown = 0;
    bool chartsAvailable = false;           // false without a QApplication

    static ReportFigures render(const ReportInput &input);
};

} // namespace Portolan::Console
