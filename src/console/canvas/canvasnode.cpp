#include "console/canvas/canvasnode.h"

#include <QCoreApplication>

namespace Portolan::Console {

QString nodeStatusText(NodeStatus status)
{
    switch (status) {
    case NodeStatus::Planned:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "planned");
    case NodeStatus::Starting:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "starting");
    case NodeStatus::Up:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "up");
    case NodeStatus::Failed:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "failed");
    case NodeStatus::Down:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "down");
    case NodeStatus::Draining:
        return QCoreApplication::translate("Portolan::Console::NodeStatus", "draining");
    }
    return {};
}

} // namespace Portolan::Console
