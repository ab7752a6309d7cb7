#include "node/runtime/entityruntime.h"
#include "node/runtime/nodeprocess.h"

using namespace Qt::Literals::StringLiterals;

// An entity node (store, factory, worker, ...); portolan-node execs this for entity configs.
int main(int argc, char *argv[])
{
    using namespace Portolan::Node;
    return runNode(argc, argv, [](const NodeConfig &config, QString *error) -> std::unique_ptr<NodeRuntime> {
        if (config.isRouter()) {
            *error = u"role '%1' is a router: start it with portolan-node"_s.arg(config.role);
            return nullptr;
        }
        return EntityRuntime::forConfig(config, error);
    });
}
