#include "supervisor/headlessrunner.h"

#include "scenario/expectations.h"
#include "scenario/reportjson.h"
#include "supervisor/scenariofiles.h"
#include "supervisor/scenariorun.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

namespace {

std::optional<Scenario::Scenario> load(const QString &file, const QMap<QString, QString> &overrides, QTextStream &err)
{
    QList<Scenario::LoadProblem> problems;
    std::optional<Scenario::Scenario> scenario = loadScenario(file, overrides, &problems);
    for (const Scenario::LoadProblem &p : std::as_const(problems))
        err << p.toString() << '\n';
    err.flush();
    return scenario;
}

} // namespace

HeadlessRunner::HeadlessRunner(QObject *parent)
    : QObject(parent)
    , m_err(stderr)
{
}

int HeadlessRunner::validate(const QString &scenarioFile, const QMap<QString, QString> &overrides)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    const auto scenario = load(scenarioFile, overrides, err);
    if (!scenario)
        return UnusableInput;
    out << scenarioFile << ": valid: \"" << scenario->name << "\", " << scenario->routers.size() << " routers, "
        << scenario->entities.size() << " entities, " << scenario->timeline.size() << " steps, "
        << scenario->expectations.size() << " expectations\n";
    return Passed;
}

int HeadlessRunner::run(const Options &options)
{
    const auto scenario = load(options.scenarioFile, options.overrides, m_err);
    if (!scenario)
        return UnusableInput;
    if (options.speed <= 0) {
        m_err << "--speed must be a positive factor\n";
        return UnusableInput;
    }

    ScenarioRun::Options runOptions;
    runOptions.nodeProgram = options.nodeProgram;
    runOptions.runsRoot = options.runsRoot;
    runOptions.speed = options.speed;
    ScenarioRun run(*scenario, runOptions);
    QString error;
    if (!run.prepare(&error)) {
        m_err << error << '\n';
        return UnusableInput;
    }
    m_err << "portolan: running \"" << scenario->name << "\" with " << run.nodeIds().size()
          << " nodes in " << run.runDirectory() << '\n';
    m_err.flush();

    QEventLoop loop;
    int exitCode = Failed;
    connect(&run, &ScenarioRun::ready, &loop, [&] {
        m_err << u"[%1 s] all %2 nodes ready after %3 ms\n"_s.arg(run.elapsedMs() / 1000.0, 0, 'f', 1)
                     .arg(run.nodeIds().size()).arg(run.record().readyAfterMs);
        m_err.flush();
        run.play();
    });
    connect(&run, &ScenarioRun::stepFired, &loop, [&](int index, const Scenario::StepRecord &step) {
        m_err << u"[%1 s] step %2/%3 %4: %5 — %6%7\n"_s.arg(step.firedMs / 1000.0, 0, 'f', 1).arg(index + 1)
                     .arg(scenario->timeline.size()).arg(step.action, step.caption, step.detail,
                                                         step.ok ? QString() : u" (FAILED)"_s);
        m_err.flush();
    });
    connect(&run, &ScenarioRun::failed, &loop, [&](const QString &message) {
        m_err << "portolan: the run failed: " << message << '\n';
        loop.quit();
    });
    connect(&run, &ScenarioRun::finished, &loop, &QEventLoop::quit);
    run.start();
    loop.exec();

    const QList<Scenario::ExpectationResult> results =
        run.state() == ScenarioRun::State::Finished ? Scenario::ExpectationEvaluator::evaluate(*scenario, run.record())
                                                    : QList<Scenario::ExpectationResult>{};
    const QJsonObject report = Scenario::ReportJson::build(*scenario, run.record(), results);
    const QString reportDir = options.reportDirectory.isEmpty() ? run.runDirectory() : options.reportDirectory;
    QDir().mkpath(reportDir);
    QFile file(QDir(reportDir).filePath(u"report.json"_s));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QJsonDocument(report).toJson()) < 0) {
        m_err << "portolan: cannot write " << file.fileName() << ": " << file.errorString() << '\n';
        return Failed;
    }
    file.close();
    QString reportError;
    if (options.writeReport && !options.writeReport(*scenario, run.record(), results, reportDir, &reportError))
        m_err << "portolan: the HTML/PDF report could not be written: " << reportError << '\n';

    int passed = 0;
    for (const Scenario::ExpectationResult &r : results) {
        passed += r.passed ? 1 : 0;
        m_err << (r.passed ? "  PASS  " : "  FAIL  ") << r.name << " — " << r.detail << '\n';
    }
    if (run.state() == ScenarioRun::State::Finished)
        exitCode = Scenario::ReportJson::allPassed(results) ? Passed : Failed;
    m_err << "expectations: " << passed << " passed, " << (results.size() - passed) << " failed\n"
          << "report: " << file.fileName() << '\n';
    m_err.flush();
    return exitCode;
}

} // namespace Portolan::Supervisor
