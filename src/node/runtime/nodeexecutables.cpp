#include "node/runtime/nodeexecutables.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

QString nodeExecutableName(bool router)
{
    return router ? u"portolan-node-router"_s : u"portolan-node-entity"_s;
}

QString findNodeExecutable(const QString &portolanNodeDir, bool router)
{
    const QDir dir(portolanNodeDir);
    const QString name = nodeExecutableName(router);
    for (const QString &candidate : {dir.filePath(name), dir.filePath(u"" PORTOLAN_NODE_EXECUTABLE_DIR "/"_s + name)}) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    return {};
}

} // namespace Portolan::Node
