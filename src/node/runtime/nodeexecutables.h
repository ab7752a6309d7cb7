#pragma once

#include <QString>

namespace Portolan::Node {

// portolan-node is the one command for every node; it execs the executable for the
// node's kind, which links only what that kind uses. These find that executable: next to
// portolan-node in a build tree, in libexec when installed.
QString nodeExecutableName(bool router);   // "portolan-node-router" or "portolan-node-entity"

// The executable for a node's kind that goes with the portolan-node in portolanNodeDir,
// or an empty string when it is in neither place.
QString findNodeExecutable(const QString &portolanNodeDir, bool router);

} // namespace Portolan::Node
