#pragma once

#include <QtGlobal>

namespace Portolan::Node {

// Resident set size of this process in bytes, from /proc/self/statm; -1 where that file
// cannot be read (not Linux, or /proc not mounted).
qint64 residentMemoryBytes();

} // namespace Portolan::Node
