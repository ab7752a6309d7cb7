#pragma once

#include "node/runtime/nodeconfig.h"

#include <QStringList>

namespace Portolan::Node {

// portolan-node's command line: a config file (--config) and flags that override it.
// Returns false with a message for the user; *helpText gets the --help/--version text
// when one of those was asked for (then the caller prints it and exits 0).
bool parseNodeCommandLine(const QStringList &arguments, NodeConfig *config, QString *error, QString *helpText);

// "peer@host:port[,cost[,provider]]" -> endpoint; used by --dial.
bool parsePeerEndpoint(const QString &text, PeerEndpoint *out, QString *error);

} // namespace Portolan::Node
