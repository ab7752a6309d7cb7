#pragma once

#include "scenario/scenario.h"
#include "scenario/scenarioloader.h"

#include <QMap>
#include <optional>

namespace Portolan::Supervisor {

// Loads a scenario file with every check the project knows: the loader's own, the
// timeline's actions, the expectation kinds, and the entity roles portolan-node runs.
// The headless runner and the console both open files through here.
std::optional<Scenario::Scenario> loadScenario(const QString &file, const QMap<QString, QString> &overrides,
                                               QList<Scenario::LoadProblem> *problems);

} // namespace Portolan::Supervisor
