#pragma once

#include "node/roles/factoryedge/outbox.h"
#include "node/roles/role.h"

#include <QJsonObject>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// A warehouse of the edge factory demo: it keeps the stock of materials and sends them
// to the factories that ask.
//
// A material request comes on "/warehouses/materials" (balanced over the warehouses).
// The stock is taken at once, atomically and once per request (so never below zero,
// and a resent request takes nothing more); a request the stock cannot meet is refused
// with 409. The pick itself is a job for the warehouse's own devices (pickers, vehicles)
// on "/jobs/<site>", anycast by its edge router; when a picker reports it done, the
// requester gets its answer: material, quantity and who picked it. Unfinished picks are
// the backlog balanced distribution weighs. Stock, picks and answers still to get
// through are in the entity's store.
//
// Params: site, number (required); stock ({material: quantity}, seeded on the very first
// start only); capacity (most unfinished picks it is offered, 0 = unbounded); retryMs (500).
// Events: pick-shipped (warehouse, factory, material, quantity, picker), pick-refused
// (warehouse, factory, material, quantity, available).
class WarehouseRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;
    bool drain() override;

private:
    bool readParams();
    void takeRequest(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void finishPick(const Wire::Envelope &report, const Pugs::RequestFields &fields);
    void answer(const QJsonObject &pick, const QJsonObject &body, int status);
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);
    void publishOutstanding();
    QJsonObject status() const;

    RoleContext *m_context = nullptr;
    QString m_error;

    QString m_site;
    int m_number = 0;
    int m_capacity = 0;
    QJsonObject m_initialStock;
    QString m_base;   // "/warehouse/<n>"

    FactoryEdge::Outbox m_outbox;
    qint64 m_refused = 0;   // persisted with the picks
};

} // namespace Portolan::Node
