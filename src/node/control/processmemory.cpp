#include "node/control/processmemory.h"

#include <QFile>
#include <QList>

#include <unistd.h>

namespace Portolan::Node {

qint64 residentMemoryBytes()
{
    // statm: "size resident shared text lib data dt", all in pages. /proc reports a size
    // of 0, so read a line rather than trusting size().
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readLine(256).trimmed().split(' ');
    if (fields.size() < 2)
        return -1;
    bool ok = false;
    const qint64 pages = fields.at(1).toLongLong(&ok);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (!ok || pages < 0 || pageSize <= 0)
        return -1;
    return pages * qint64(pageSize);
}

} // namespace Portolan::Node
