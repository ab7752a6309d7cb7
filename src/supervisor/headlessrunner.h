#pragma once

#include "scenario/expectations.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QTextStream>

#include <functional>

namespace Portolan::Supervisor {

// `portolan --headless`: loads a scenario, builds the network, plays the timeline to the
// end, evaluates the expectations and writes report.json. Progress goes to stderr, one
// line per timeline step. Exit code: 0 every expectation held, 1 one failed (or the
// network could not be built), 2 the input was unusable.
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString scenarioFile;
        QMap<QString, QString> overrides;   // --set name=value
        QString reportDirectory;            // default: the run directory
        QString runsRoot = QStringLiteral("runs");
        QString nodeProgram;                // portolan-node
        double speed = 1.0;
        // Writes the human report (HTML, PDF, time series) beside report.json; the
        // console library provides it, so this layer stays free of widgets.
        std::function<bool(const Scenario::Scenario &, const Scenario::RunRecord &,
                           const QList<Scenario::ExpectationResult> &, const QString &directory, QString *error)>
            writeReport;
    };

    enum ExitCode { Passed = 0, Failed = 1, UnusableInput = 2 };

    explicit HeadlessRunner(QObject *parent = nullptr);

    int run(const Options &options);               // blocks in its own event loop
    static int validate(const QString &scenarioFile, const QMap<QString, QString> &overrides);

private:
    QTextStream m_err;
};

} // namespace Portolan::Supervisor
