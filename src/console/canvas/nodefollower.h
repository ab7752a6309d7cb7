#pragma once

namespace Portolan::Console {

// An item drawn between nodes (a link, an attachment line, a trace): told when one of its
// nodes moves so it can recompute its geometry.
class NodeFollower
{
public:
    virtual ~NodeFollower() = default;
    virtual void nodeMoved() = 0;
};

} // namespace Portolan::Console
