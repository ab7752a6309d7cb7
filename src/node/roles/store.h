#pragma once

#include "node/roles/pugs/childrequest.h"
#include "node/roles/pugs/mappoint.h"
#include "node/roles/pugs/storefind.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// A Pirate Pugs store: answers inventory questions (unicast "/store/<n>/inventory" and the
// multicast "/all-stores/inventory"), puts items on hold, receives truck deliveries, and
// does the staff's work of the seed's two scenarios: find the closest store that has an
// item and hold it there ("/store/<n>/find"), and order an item from the factories
// ("/store/<n>/order"). Everything it knows lives in its own EntityStore; finds and orders
// in progress are records there too, so a restarted store carries on with them.
//
// Params: number, position [x, y], inventory {item: quantity} (seeded on the very first
// start only), nearby [store numbers], answerTimeoutMs (800), expectedStores (optional:
// stop collecting multicast answers once that many stores answered), orderTimeoutMs (5000).
class StoreRole final : public Role
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
    void seedInventoryOnce();
    void restoreInProgress();

    // Requests to this store.
    void answerInventory(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void holdItem(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void receiveDelivery(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void startFind(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void placeOrder(const Wire::Envelope &request, const Pugs::RequestFields &fields);

    // Answers to what this store asked, routed by their request id.
    void takeAnswer(const Wire::Envelope &answer, const Pugs::RequestFields &fields);
    void takeFindAnswer(Pugs::StoreFind &find, const QString &tag, const Pugs::RequestFields &fields);
    void takeOrderAnswer(const QByteArray &orderId, const Pugs::RequestFields &fields);

    // The steps of a find.
    void askAllStores(Pugs::StoreFind &find);
    void concludeNearby(Pugs::StoreFind &find);
    void concludeAll(Pugs::StoreFind &find);
    void askToHold(Pugs::StoreFind &find);
    void holdRefused(Pugs::StoreFind &find);
    void finishFind(Pugs::StoreFind &find, int status, bool held, const QString &error);
    void saveFind(const Pugs::StoreFind &find);

    void finishOrder(const QByteArray &orderId, int status, const QJsonObject &answer);

    QByteArray ask(const QString &address, const Pugs::ChildRequest &child, const QString &method,
                   const QJsonObject &body, qint64 deadlineMs);
    void answerRequest(const QByteArray &requestId, const QString &replyTo, const QJsonObject &body, int status);
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status = 200);
    Pugs::StoreFind::Answer answerFrom(const Pugs::RequestFields &fields, int fallbackStore, bool nearby) const;
    void refreshInventory();

    RoleContext *m_context = nullptr;
    int m_number = 0;
    QString m_base;      // "/store/<n>"
    QString m_answers;   // "/store/<n>/answers": where answers to this store's questions come
    Pugs::MapPoint m_position;
    QList<int> m_nearby;
    qint64 m_answerTimeoutMs = 800;
    qint64 m_orderTimeoutMs = 5000;
    int m_expectedStores = 0;
    bool m_draining = false;

    QHash<QByteArray, Pugs::StoreFind> m_finds;    // in progress, by request id
    QHash<QByteArray, QJsonObject> m_orders;       // sent, not yet answered, by request id
    // Questions whose delivery failure changes a find or an order: message id -> question.
    QHash<QByteArray, Pugs::ChildRequest> m_awaitingSettlement;

    // Telemetry is read up to 10 times a second: keep it out of SQLite.
    QHash<QString, qint64> m_inventory;
    qsizetype m_holdCount = 0;
    qsizetype m_findCount = 0;
    qsizetype m_orderCount = 0;
};

} // namespace Portolan::Node
