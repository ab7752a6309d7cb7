#pragma once

#include "node/roles/pugs/mappoint.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// A Pirate Pugs factory (Scenario 2): takes work orders sent to "/factories/orders"
// (balanced anycast: the factory with the shortest backlog gets the order), gives each a
// tracking id, builds one item at a time, tells the customer when it is built and hands
// it to a delivery truck ("/trucks/jobs"). Until a truck has the job, the factory answers
// "/tracking/<id>"; afterwards the truck does. The backlog and every order's state are in
// the entity's store, so a restarted factory carries on where it was.
//
// Params: number, position [x, y], buildMs (time to build one item, default 1000),
// capacity (most orders it takes in its backlog, advertised to the router; 0 = unbounded),
// dispatchRetryMs (wait before offering a job again when no truck took it, default 1000).
class FactoryRole final : public Role
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
    void restore();
    void takeOrder(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void answerTracking(const Wire::Envelope &request, const QString &tracking);
    QJsonObject trackingAnswer(const QJsonObject &record) const;

    void startBuild(const QString &tracking, qint64 atMs);
    void finishBuild(QString tracking, qint64 atMs);   // by value: callers pass m_building
    void notifyCustomer(const QJsonObject &order);
    void dispatch(const QString &tracking);
    void updateOrder(const QString &tracking, const QJsonObject &changes);
    QString trackingIdFor(const QByteArray &requestId) const;
    void advertiseBacklog();
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);

    RoleContext *m_context = nullptr;
    int m_number = 0;
    QString m_base;   // "/factory/<n>"
    Pugs::MapPoint m_position;
    qint64 m_buildMs = 1000;
    int m_capacity = 0;
    qint64 m_dispatchRetryMs = 1000;
    bool m_draining = false;

    QList<QString> m_queue;                    // tracking ids of the backlog, oldest first
    QString m_building;                        // the head of m_queue while it is built
    QHash<QString, QJsonObject> m_orders;      // not yet with a truck, by tracking id
    QHash<QByteArray, QString> m_dispatches;   // job message id -> tracking id, until settled
    QHash<QString, qint64> m_dispatchRetryAt;  // tracking id -> when to offer the job again
    qint64 m_lastTickMs = 0;
    qint64 m_builtCount = 0;
};

} // namespace Portolan::Node
