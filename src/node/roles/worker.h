#pragma once

#include "node/roles/role.h"

namespace Portolan::Node {

// A consumer with a service time and a durable backlog: every message delivered is a
// work item, queued in the entity's store and served first in, first out by a single
// server taking serviceMs per item. Its backlog is the outstanding work that balanced
// distribution weighs. Killed and restarted, it resumes the backlog it had acknowledged
// (the item that was in service starts over).
//
// Params: address (required); group (consumer group, none by default); capacity, the most
// outstanding work balanced distribution sends it (0 = unbounded); serviceMs (10);
// replies, answer each request that has a Reply-To once its work is done (true).
class WorkerRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

    // Upper bound of items finished in one tick, so that a zero service time and a deep
    // backlog cannot hold the event loop.
    static constexpr int MaxCompletionsPerTick = 2048;

private:
    bool readParams(const QJsonObject &params);
    void publishOutstanding();

    RoleContext *m_context = nullptr;
    QString m_error;   // a param problem: the worker does not subscribe; telemetry says why

    QString m_address;
    QString m_group;
    int m_capacity = 0;
    qint64 m_serviceMs = 10;
    bool m_replies = true;

    // When the server finished its previous item. The next item starts at the later of
    // this and its own arrival, so service times add up exactly however ticks fall.
    qint64 m_freeAtMs = 0;
};

} // namespace Portolan::Node
