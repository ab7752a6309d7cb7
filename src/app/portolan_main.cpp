#include "console/languagemanager.h"
#include "console/mainwindow.h"
#include "console/runreportexport.h"
#include "console/presentation/presentationwindow.h"
#include "console/session/consolesession.h"
#include "supervisor/attachedscenariofile.h"
#include "supervisor/headlessrunner.h"

#include <QCommandLineParser>
#include <QApplication>
#include <QMessageBox>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace {

// The command line's texts, translated in the context "portolan".
QString cli(const char *text)
{
    return QCoreApplication::translate("portolan", text);
}

// portolan-node sits next to portolan in the build and in an installation;
// PORTOLAN_NODE_BINARY overrides it.
QString nodeProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("PORTOLAN_NODE_BINARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"portolan-node"_s);
}

// The scenario `portolan` opens without arguments: Pirate Pugs 1, from the installed
// share folder, or from the source tree when run from a build.
QString defaultScenario()
{
    const QString name = u"pirate-pugs-1.yaml"_s;
    const QStringList folders{qEnvironmentVariable("PORTOLAN_SCENARIOS"),
                              QDir(QCoreApplication::applicationDirPath()).filePath(u"../share/portolan/scenarios"_s),
                              QStringLiteral(PORTOLAN_SOURCE_DIR "/resources/scenarios")};
    for (const QString &folder : folders) {
        if (!folder.isEmpty() && QFileInfo::exists(QDir(folder).filePath(name)))
            return QDir(folder).absoluteFilePath(name);
    }
    return {};
}

// Headless and validating runs need fonts and a paint engine for the report, not a
// screen: the offscreen platform, unless the caller chose one.
bool wantsWindowlessPlatform(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--validate" || arg == "--help" || arg == "-h" || arg == "--version"
            || arg == "-v" || arg == "--help-all")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsWindowlessPlatform(argc, argv) && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Portolan"_s);
    QCoreApplication::setApplicationName(u"portolan"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTOLAN_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Portolan"_s);
    QGuiApplication::setDesktopFileName(u"portolan"_s);

    // The language first, so that --help already speaks it.
    Portolan::Console::LanguageManager languages;
    languages.restore();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        cli(QT_TRANSLATE_NOOP("portolan", "Portolan: build, run, break and explain messaging networks.\n"
                                          "Without --headless or --validate the console opens SCENARIO (default: Pirate Pugs 1).")));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(u"headless"_s, cli(QT_TRANSLATE_NOOP("portolan", "Run the scenario to its end without a window; exit 0 when every expectation held.")));
    const QCommandLineOption validate(u"validate"_s, cli(QT_TRANSLATE_NOOP("portolan", "Check the scenario file only.")));
    const QCommandLineOption report(u"report"_s, cli(QT_TRANSLATE_NOOP("portolan", "Write the report (report.json, report.html, report.pdf, time series) into <dir> (default: the run directory).")), u"dir"_s);
    const QCommandLineOption set(u"set"_s, cli(QT_TRANSLATE_NOOP("portolan", "Override a scenario parameter: name=value (repeatable).")), u"name=value"_s);
    const QCommandLineOption speed(u"speed"_s, cli(QT_TRANSLATE_NOOP("portolan", "Play the timeline <factor> times as fast.")), u"factor"_s, u"1"_s);
    const QCommandLineOption runs(u"runs"_s, cli(QT_TRANSLATE_NOOP("portolan", "Create run directories under <dir> (default: runs).")), u"dir"_s, u"runs"_s);
    const QCommandLineOption start(u"start"_s, cli(QT_TRANSLATE_NOOP("portolan", "Console: start the network at once.")));
    const QCommandLineOption present(u"present"_s, cli(QT_TRANSLATE_NOOP("portolan", "Console: also open the presentation view, full screen on a second screen if there is one.")));
    const QCommandLineOption attach(u"attach"_s, cli(QT_TRANSLATE_NOOP("portolan", "Attach to a node running on another host at its control URL ws://HOST:PORT/?token=TOKEN (repeatable): the network found is written as a scenario file (SCENARIO if named) and opened.")), u"url"_s);
    parser.addOptions({headless, validate, report, set, speed, runs, start, present, attach});
    parser.addPositionalArgument(u"scenario"_s, cli(QT_TRANSLATE_NOOP("portolan", "The scenario file (YAML).")), u"[scenario]"_s);
    parser.process(app);

    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    QMap<QString, QString> overrides;
    const QStringList sets = parser.values(set);
    for (const QString &pair : sets) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0) {
            err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: --set %1: expected name=value")).arg(pair) << '\n';
            return Portolan::Supervisor::HeadlessRunner::UnusableInput;
        }
        overrides.insert(pair.left(eq), pair.mid(eq + 1));
    }
    if (positional.size() > 1) {
        err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: name at most one scenario file")) << '\n';
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    QString scenarioFile = positional.isEmpty() ? defaultScenario() : positional.constFirst();
    if (parser.isSet(attach)) {
        // Attaching writes the network found as a scenario; from there on it is opened,
        // validated or run like any other file.
        const QStringList urls = parser.values(attach);
        scenarioFile = positional.isEmpty() ? Portolan::Supervisor::AttachedScenarioFile::defaultPath(urls)
                                            : QFileInfo(positional.constFirst()).absoluteFilePath();
        QStringList warnings;
        QString attachError;
        const bool attached =
            Portolan::Supervisor::AttachedScenarioFile::discoverAndWrite(urls, scenarioFile, 10000, &warnings, &attachError);
        for (const QString &warning : std::as_const(warnings))
            err << "portolan: " << warning << '\n';
        if (!attached) {
            err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: --attach: %1")).arg(attachError) << '\n';
            return Portolan::Supervisor::HeadlessRunner::UnusableInput;
        }
        err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: the attached network is in %1")).arg(scenarioFile) << '\n';
        err.flush();
    }
    if (scenarioFile.isEmpty()) {
        err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: no scenario named and the default one (pirate-pugs-1.yaml) is not installed")) << '\n';
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    if (parser.isSet(validate))
        return Portolan::Supervisor::HeadlessRunner::validate(scenarioFile, overrides);

    bool ok = false;
    const double speedFactor = parser.value(speed).toDouble(&ok);
    if (!ok || speedFactor <= 0) {
        err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: --speed %1: expected a positive number")).arg(parser.value(speed)) << '\n';
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }
    if (!QFileInfo::exists(nodeProgram())) {
        err << cli(QT_TRANSLATE_NOOP("portolan", "portolan: cannot find portolan-node at %1")).arg(nodeProgram()) << '\n';
        return Portolan::Supervisor::HeadlessRunner::UnusableInput;
    }

    if (parser.isSet(headless)) {
        Portolan::Supervisor::HeadlessRunner::Options options;
        options.scenarioFile = scenarioFile;
        options.overrides = overrides;
        options.reportDirectory = parser.value(report);
        options.runsRoot = parser.value(runs);
        options.nodeProgram = nodeProgram();
        options.speed = speedFactor;
        options.writeReport = &Portolan::Console::RunReportExport::writeHeadless;
        Portolan::Supervisor::HeadlessRunner runner;
        return runner.run(options);
    }

    Portolan::Console::ConsoleSession::Options sessionOptions;
    sessionOptions.nodeProgram = nodeProgram();
    sessionOptions.runsRoot = parser.value(runs);
    Portolan::Console::ConsoleSession session(sessionOptions);
    Portolan::Console::MainWindow window(&session);
    window.setLanguageManager(&languages);
    QString error;
    if (!session.open(scenarioFile, overrides, &error)) {
        err << "portolan: " << error << '\n';
        err.flush();
        window.show();
        QMessageBox::warning(&window, cli(QT_TRANSLATE_NOOP("portolan", "Cannot open the scenario")), error);
    } else {
        window.show();
        if (parser.isSet(start))
            window.startRun();
    }
    if (parser.isSet(present))
        window.openPresentation();
    return app.exec();
}
