#pragma once

#include <QCoreApplication>
#include <QString>

namespace Portolan::Console {

class LinkItem;
class NodeItem;

// The hover text of canvas items, written when asked for rather than kept up to date on
// every frame: what a node is, its state, version, router and queues; a link's ends,
// provider, cost, state and traffic each way.
class CanvasToolTips
{
    Q_DECLARE_TR_FUNCTIONS(Portolan::Console::CanvasToolTips)

public:
    static QString forNode(const NodeItem &node);
    static QString forLink(const LinkItem &link);
};

} // namespace Portolan::Console
