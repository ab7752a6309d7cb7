#include "supervisor/headlessrunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace {

// portolan-node sits next to portolan in the build and in an installation;
// PORTOLAN_NODE_BINARY overrides it.
QString nodeProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"portolan-node"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"portolan"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTOLAN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Portolan: build, run, break and explain messaging networks."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(u"headless"_s, u"Run the scenario to its end without a window; exit 0 when every expectation held."_s);
    const QCommandLineOption validate(u"validate"_s, u"Check the scenario file only."_s);
    const QCommandLineOption report(u"report"_s, u"Write report.json into <dir> (default: the run directory)."_s, u"dir"_s);
    const QCommandLineOption set(u"set"_s, u"Override a scenario parameter: name=value (repeatable)."_s, u"name=value"_s);
    const QCommandLineOption speed(u"speed"_s, u"Play the timeline <factor> times as fast."_s, u"factor"_s, u"1"_s);
    const QCommandLineOption runs(u"runs"_s, u"Create run directories under <dir> (default: runs)."_s, u"dir"_s, u"runs"_s);
    parser.addOptions({headless, validate, report, set, speed, runs});
    parser.addPositionalArgument(u"scenario"_s, u"The scenario file (YAML)."_s);
    parser.process(app);

    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    QMap<QString, QString> overrides;
    const QStringList sets = parser.values(set);
    for (const QString &pair : sets) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0) {
            err << "portolan: --set " << pair << ": expected name=value\n";
            return Portolan::Supervisor::HeadlessRunner::UnusableInput;
        }
        overrides.insert(pair.left(eq), pair.mid(eq + 1));
    }
    if (!parser.isSet(headless) && !parser.isSet(validate)) {
        err << "portolan: the console is not part of this build yet; use --headless SCENARIO or --validate SCENARIO\n";
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    if (positional.size() != 1) {
        err << "portolan: name exactly one scenario file\n";
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    if (parser.isSet(validate))
        return Portolan::Supervisor::HeadlessRunner::validate(positional.constFirst(), overrides);

    bool ok = false;
    Portolan::Supervisor::HeadlessRunner::Options options;
    options.scenarioFile = positional.constFirst();
    options.overrides = overrides;
    options.reportDirectory = parser.value(report);
    options.runsRoot = parser.value(runs);
    options.nodeProgram = nodeProgram();
    options.speed = parser.value(speed).toDouble(&ok);
    if (!ok) {
        err << "portolan: --speed " << parser.value(speed) << ": expected a number\n";
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    if (!QFileInfo::exists(options.nodeProgram)) {
        err << "portolan: cannot find portolan-node at " << options.nodeProgram << '\n';
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    Portolan::Supervisor::HeadlessRunner runner;
    return runner.run(options);
}
