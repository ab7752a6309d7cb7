#pragma once

#include "routing/addresstable.h"
#include "routing/distribution.h"
#include "routing/routingtable.h"
#include "wire/frames.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Portolan::Routing {

// One consumer considered by a decision, with the numbers that ranked it.
struct Candidate
{
    Consumer consumer;
    bool reachable = false;
    bool atCapacity = false;
    qint64 pathCost = -1;      // -1 when unreachable
    qint64 outstanding = 0;    // advertised + assigned locally since that advert
    qint64 score = 0;          // what was minimised (mode dependent); lower wins
    bool chosen = false;
    QString note;              // why it won or lost, for people
    friend bool operator==(const Candidate &, const Candidate &) = default;
};

// Where one message goes, and why.
struct Decision
{
    Distribution distribution;
    QList<Wire::Destination> destinations;   // empty when no consumer can take it
    QList<Candidate> candidates;             // filled only when explanation was asked for
    QString summary;                         // one line for people, always filled
    // False when the work this router assigned (AssignedWork) played no part: the same
    // address tables and routes then give the same decision, so a caller may reuse it
    // until either changes. True for balanced and keyed choices and for a closest choice
    // that a tie in path cost left to outstanding work.
    bool dependsOnAssignedWork = true;
};

// Work this router assigned to consumers and that their adverts do not show yet; added
// to advertised outstanding work so bursts between adverts still spread.
using AssignedWork = QHash<QString, qint32>;

// The delivery decision, shared by the routers (to forward) and the console (to explain).
// Pure: the same inputs always give the same decision.
class DeliveryPlanner
{
public:
    struct Inputs
    {
        const DistributionTable &distributions;
        const AddressTable &addresses;
        const RoutingTable &routes;
        const AssignedWork *assigned = nullptr;
    };

    static Decision decide(const Inputs &inputs, QStringView address, QStringView key,
                           bool explain = false);

    // Splits destinations by the neighbour each must be sent to. Destinations behind
    // this router itself are under routes.self(); unreachable ones under an empty key.
    static QHash<QString, QList<Wire::Destination>>
    splitByNextHop(const QList<Wire::Destination> &destinations, const RoutingTable &routes);

    // The neighbour one destination must be sent to, under the same rules as
    // splitByNextHop: routes.self() for a local destination, empty when unreachable.
    // The forwarding fast path for a single destination, with no table built.
    static QString nextHopOf(const Wire::Destination &destination, const RoutingTable &routes);

    // Deterministic across processes (not qHash, which is seeded per process).
    static quint64 rendezvousWeight(QStringView key, QStringView consumer);
};

} // namespace Portolan::Routing
