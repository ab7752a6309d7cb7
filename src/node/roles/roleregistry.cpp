#include "node/roles/role.h"

#include "node/roles/factory.h"
#include "node/roles/generator.h"
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
        // Fish and chips (seed 001)
        // Barker (seed 002)
        // Robot fleet (seed 003)
        // The Milk Factory (seed 004)
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
