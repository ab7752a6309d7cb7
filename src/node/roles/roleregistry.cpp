#include "node/roles/role.h"

#include "node/roles/barker/bizlogic.h"
#include "node/roles/barker/directory.h"
#include "node/roles/barker/feed.h"
#include "node/roles/barker/manifold.h"
#include "node/roles/factory.h"
#include "node/roles/factoryedge/edgedevice.h"
#include "node/roles/factoryedge/factoryplanner.h"
#include "node/roles/factoryedge/orderdesk.h"
#include "node/roles/factoryedge/topicmonitor.h"
#include "node/roles/factoryedge/warehouse.h"
#include "node/roles/fishandchips/accountant.h"
#include "node/roles/fishandchips/cook.h"
#include "node/roles/fishandchips/hotcabinet.h"
#include "node/roles/fishandchips/preparer.h"
#include "node/roles/fishandchips/statistician.h"
#include "node/roles/fishandchips/till.h"
#include "node/roles/generator.h"
#include "node/roles/milkfactory/billing.h"
#include "node/roles/milkfactory/cases.h"
#include "node/roles/milkfactory/contracts.h"
#include "node/roles/milkfactory/contractview.h"
#include "node/roles/milkfactory/costindex.h"
#include "node/roles/milkfactory/partners.h"
#include "node/roles/milkfactory/pricing.h"
#include "node/roles/milkfactory/salesorchestrator.h"
#include "node/roles/milkfactory/waitingroom.h"
#include "node/roles/robotfleet/fleetmanager.h"
#include "node/roles/robotfleet/robot.h"
#include "node/roles/store.h"
#include "node/roles/truck.h"
#include "node/roles/worker.h"

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

struct RoleEntry
{
    QLatin1StringView name;
    std::function<std::unique_ptr<Role>()> create;
};

// Every entity role a node can run, by the name scenario files and --role use.
const QList<RoleEntry> &registry()
{
    static const QList<RoleEntry> entries{
        {"generator"_L1, [] { return std::make_unique<GeneratorRole>(); }},
        {"worker"_L1, [] { return std::make_unique<WorkerRole>(); }},
        {"store"_L1, [] { return std::make_unique<StoreRole>(); }},
        {"factory"_L1, [] { return std::make_unique<FactoryRole>(); }},
        {"truck"_L1, [] { return std::make_unique<TruckRole>(); }},
        // Edge factory demo (seed 000)
        {"edge-device"_L1, [] { return std::make_unique<EdgeDeviceRole>(); }},
        {"factory-planner"_L1, [] { return std::make_unique<FactoryPlannerRole>(); }},
        {"warehouse"_L1, [] { return std::make_unique<WarehouseRole>(); }},
        {"topic-monitor"_L1, [] { return std::make_unique<TopicMonitorRole>(); }},
        {"order-desk"_L1, [] { return std::make_unique<OrderDeskRole>(); }},
        // Fish and chips (seed 001)
        {"till"_L1, [] { return std::make_unique<FishAndChips::TillRole>(); }},
        {"preparer"_L1, [] { return std::make_unique<FishAndChips::PreparerRole>(); }},
        {"hot-cabinet"_L1, [] { return std::make_unique<FishAndChips::HotCabinetRole>(); }},
        {"cook"_L1, [] { return std::make_unique<FishAndChips::CookRole>(); }},
        {"accountant"_L1, [] { return std::make_unique<FishAndChips::AccountantRole>(); }},
        {"statistician"_L1, [] { return std::make_unique<FishAndChips::StatisticianRole>(); }},
        // Barker (seed 002)
        {"directory"_L1, [] { return std::make_unique<Barker::DirectoryRole>(); }},
        {"manifold"_L1, [] { return std::make_unique<Barker::ManifoldRole>(); }},
        {"bizlogic"_L1, [] { return std::make_unique<Barker::BizlogicRole>(); }},
        {"feed"_L1, [] { return std::make_unique<Barker::FeedRole>(); }},
        // Robot fleet (seed 003)
        {"fleet-manager"_L1, [] { return std::make_unique<FleetManagerRole>(); }},
        {"robot"_L1, [] { return std::make_unique<RobotRole>(); }},
        // The Milk Factory (seed 004)
        {"sales-orchestrator"_L1, [] { return std::make_unique<SalesOrchestratorRole>(); }},
        {"contracts"_L1, [] { return std::make_unique<ContractsRole>(); }},
        {"pricing"_L1, [] { return std::make_unique<PricingRole>(); }},
        {"partners"_L1, [] { return std::make_unique<PartnersRole>(); }},
        {"cases"_L1, [] { return std::make_unique<CasesRole>(); }},
        {"billing"_L1, [] { return std::make_unique<BillingRole>(); }},
        {"waiting-room"_L1, [] { return std::make_unique<WaitingRoomRole>(); }},
        {"contract-view"_L1, [] { return std::make_unique<ContractViewRole>(); }},
        {"cost-index"_L1, [] { return std::make_unique<CostIndexRole>(); }},
    };
    return entries;
}

} // namespace

std::unique_ptr<Role> createRole(const QString &name)
{
    for (const RoleEntry &entry : registry()) {
        if (entry.name == name)
            return entry.create();
    }
    return nullptr;
}

QStringList roleNames()
{
    QStringList names;
    for (const RoleEntry &entry : registry())
        names.append(entry.name);
    return names;
}

} // namespace Portolan::Node
