#pragma once

#include "node/roles/factoryedge/outbox.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// The production planner of one factory: the factory as management sees it.
//
// It takes work orders from "/factories/work-orders" (balanced: the factory with the
// fewest unfinished orders gets the next one, so a factory whose devices work faster
// takes more) and turns each into a job for its devices, sent to "/jobs/<site>": the
// factory's edge router anycasts it to the least busy device. The order is made when a
// device reports it; the planner then tells the order's sender (its Reply-To), publishes
// it on "/topics/production" for management and, when a cloud inspection service
// answers on `inspection`, has it
// inspected and publishes the verdict on "/topics/quality". Along the way it asks the
// warehouses for materials (every materialsEvery orders) and another factory for a part
// (every partsEvery orders), and supplies parts to factories that ask it.
// Management commands it over "/factory/<n>": GET status; POST command pause / resume.
// Orders, counters and every message still to get through are in the entity's store.
//
// Params: site, number (required); capacity (most unfinished orders it is offered,
// 0 = unbounded); materialsEvery (3; 0 = never), material ("steel"), materialQuantity
// (5); partsEvery (4; 0 = never), partsFrom (factory number to ask, 0 = none);
// inspection (address of the inspection service; none by default); retryMs (500).
// Events: order-accepted, order-completed, orders-paused, orders-resumed,
// materials-received, part-supplied, part-received, order-inspected.
class FactoryPlannerRole final : public Role
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
    void restoreCounters();
    void saveCounters();
    void acceptOrder(const Wire::Envelope &message, const Pugs::RequestFields &fields);
    void completeOrder(const Wire::Envelope &report, const Pugs::RequestFields &fields);
    void requestMaterials();
    void requestPart();
    void supplyPart(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void receiveAnswer(const Wire::Envelope &answer, const Pugs::RequestFields &fields, const QString &kind);
    void receiveInspection(const Wire::Envelope &answer, const Pugs::RequestFields &fields);
    void inspect(const QString &order, const QString &item);
    void command(const Wire::Envelope &message, const Pugs::RequestFields &fields);
    void setPaused(bool paused);
    void publish(const QString &topic, const QJsonObject &body);
    void answer(const QString &replyTo, const QByteArray &requestId, const QJsonObject &body, int status);
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);
    void publishOutstanding();
    QJsonObject status() const;

    RoleContext *m_context = nullptr;
    QString m_error;

    QString m_site;
    int m_number = 0;
    int m_capacity = 0;
    qint64 m_materialsEvery = 3;
    QString m_material;
    qint64 m_materialQuantity = 5;
    qint64 m_partsEvery = 4;
    int m_partsFrom = 0;
    QString m_inspection;
    QString m_base;   // "/factory/<n>"

    FactoryEdge::Outbox m_outbox;
    QHash<QByteArray, QString> m_inspections;   // inspection message id -> order, until settled

    // Persisted (record "planner"/"counters").
    bool m_paused = false;
    qint64 m_materialsRequested = 0;
    qint64 m_materialsReceived = 0;   // quantity
    qint64 m_materialsRefused = 0;
    qint64 m_partsRequested = 0;
    qint64 m_partsReceived = 0;
    qint64 m_partsSupplied = 0;
    qint64 m_inspected = 0;
    qint64 m_inspectionsUnavailable = 0;
    qint64 m_jobsDoneTwice = 0;       // reports of one order from two devices
};

} // namespace Portolan::Node
