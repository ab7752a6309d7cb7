#include "node/runtime/nodeprocess.h"
#include "node/runtime/router.h"

using namespace Qt::Literals::StringLiterals;

// A router node (interior or edge); portolan-node execs this for router configs.
int main(int argc, char *argv[])
{
    using namespace Portolan::Node;
    return runNode(argc, argv, [](const NodeConfig &config, QString *error) -> std::unique_ptr<NodeRuntime> {
        if (!config.isRouter()) {
            *error = u"role '%1' is not a router: start it with portolan-node"_s.arg(config.role);
            return nullptr;
        }
        return std::make_unique<Router>(config);
    });
}
