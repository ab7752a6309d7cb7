#pragma once

#include "scenario/attachednetwork.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Portolan::Supervisor {

// Where and how the network found by attaching to running nodes is kept: a scenario
// file (see Scenario::AttachedNetwork), so the console opens it, lays it out and runs it
// like any other, and the next attach to the same nodes finds the same layout.
class AttachedScenarioFile
{
public:
    // The file for these control URLs in the user's data folder: one per set of nodes.
    static QString defaultPath(const QStringList &controlUrls);
    // Writes the scenario to `path` (folders created); false with *error when it cannot.
    static bool write(const QString &path, const QList<Scenario::DiscoveredNode> &nodes, QStringList *warnings,
                      QString *error);
    // Attaches to every URL (a local event loop, at most timeoutMs) and writes the file.
    // False with *error when a URL is malformed, no node answered, or the file cannot be
    // written; nodes that did not answer are named in *warnings.
    static bool discoverAndWrite(const QStringList &controlUrls, const QString &path, int timeoutMs,
                                 QStringList *warnings, QString *error);
};

} // namespace Portolan::Supervisor
