#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

// Runs a shipped scenario the way a user does — `portolan --headless` with the real
// binaries — and reads its report.json, for the seed scenarios' integration tests.
namespace HeadlessScenario {

struct Outcome
{
    int exitCode = -1;          // -1: it did not finish in time
    QByteArray stderrText;
    QJsonObject report;
};

inline Outcome run(const QString &portolan, const QString &scenario, const QStringList &extra, int timeoutMs)
{
    using namespace Qt::Literals::StringLiterals;
    QTemporaryDir dir;
    QProcess process;
    const QStringList args{u"--headless"_s, scenario, u"--report"_s, dir.path(), u"--runs"_s,
                           dir.filePath(u"runs"_s), u"--set"_s, u"httpPort=0"_s};
    process.start(portolan, args + extra);
    Outcome outcome;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.exitCode = process.exitCode();
    outcome.stderrText = process.readAllStandardError();
    QFile report(dir.filePath(u"report.json"_s));
    if (report.open(QIODevice::ReadOnly))
        outcome.report = QJsonDocument::fromJson(report.readAll()).object();
    return outcome;
}

// "name: detail" of every expectation that did not hold.
inline QStringList failedExpectations(const QJsonObject &report)
{
    using namespace Qt::Literals::StringLiterals;
    QStringList failed;
    const QJsonArray expectations = report.value("expectations"_L1).toArray();
    for (const QJsonValue &e : expectations) {
        if (!e.toObject().value("passed"_L1).toBool())
            failed.append(e.toObject().value("name"_L1).toString() + u": "_s + e.toObject().value("detail"_L1).toString());
    }
    return failed;
}

// The JSON body of the answer to the timeline request named name.
inline QJsonObject answerOf(const QJsonObject &report, const QString &name)
{
    using namespace Qt::Literals::StringLiterals;
    const QJsonArray requests = report.value("requests"_L1).toArray();
    for (const QJsonValue &r : requests) {
        if (r.toObject().value("name"_L1).toString() == name)
            return r.toObject().value("body"_L1).toObject();
    }
    return {};
}

} // namespace HeadlessScenario
