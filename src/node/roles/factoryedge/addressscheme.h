#pragma once

#include <QString>

namespace Portolan::Node::FactoryEdge {

// The addresses of the edge factory demo in one place: where each kind of message goes
// and who subscribes to it. A site is a factory or a warehouse ("f1", "w2"); it has one
// edge router, a controller (planner or warehouse) and its edge devices. The scenario's
// distributions give the prefixes their meaning:
//
//   /factories/work-orders   balanced   management's work orders, to the least busy factory
//   /factory/<n>/...         closest    one factory's planner: status, commands, answers
//   /warehouses/materials    balanced   material requests, to the least busy warehouse
//   /warehouse/<n>/...       closest    one warehouse: status, pickers' reports
//   /jobs/<site>             balanced   the site's edge router anycasts jobs to its devices
//   /devices/<site>/...      multicast  commands to every device of one site (shutdown)
//   /device/<site>/<n>/...   closest    one device: hand-offs between devices, status
//   /topics/<name>           unacked    reports sent up to management (production, quality)
//   /order-desks/...         multicast  commands to every office's order desk (stop, start)
//   /order-desk/<id>/...     closest    one order desk: the factories' reports of orders made
class AddressScheme
{
public:
    static QString workOrders();
    static QString factory(int number);
    static QString materialRequests();
    static QString warehouse(int number);
    static QString jobs(const QString &site);
    static QString devices(const QString &site);
    static QString device(const QString &site, int number);
    static QString topic(const QString &name);
    static QString orderDesks();
    static QString orderDesk(const QString &nodeId);

    // A site name is one path segment of letters, digits, '-' and '_'.
    static bool isValidSite(const QString &site);

    // path is base itself or below it ("/factory/1" and "/factory/1/status", not "/factory/10").
    static bool isUnder(const QString &path, const QString &base);
    // What follows base and a '/': "status" for ("/factory/1/status", "/factory/1"); "" for base itself.
    static QString below(const QString &path, const QString &base);
};

} // namespace Portolan::Node::FactoryEdge
