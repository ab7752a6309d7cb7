#include "supervisor/scenariofiles.h"

#include "node/roles/role.h"
#include "scenario/expectations.h"
#include "scenario/timeline.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

std::optional<Scenario::Scenario> loadScenario(const QString &file, const QMap<QString, QString> &overrides,
                                               QList<Scenario::LoadProblem> *problems)
{
    Scenario::ScenarioLoader::Validators validators;
    validators.step = [](const QString &action, const QJsonObject &args) {
        return Scenario::Timeline::validate(action, args);
    };
    validators.expectation = [](const QString &kind, const QJsonObject &args) {
        return Scenario::ExpectationEvaluator::validate(kind, args);
    };
    validators.entity = [](const QString &role, const QJsonObject &) {
        const QStringList known = Node::roleNames();
        if (known.contains(role))
            return QString();
        return u"unknown role '%1' (known: %2)"_s.arg(role, known.join(u", "_s));
    };
    return Scenario::ScenarioLoader::loadFile(file, overrides, problems, validators);
}

} // namespace Portolan::Supervisor
