#pragma once

#include "node/roles/milkfactory/retryrooms.h"
#include "node/roles/milkfactory/saleprocess.h"
#include "node/roles/role.h"

#include <QHash>

namespace Portolan::Node {

namespace Pugs {
class RequestFields;
}

// The sales orchestrator of the Milk Factory (seed 004): it runs the sell-contract process
// (MilkFactory::SaleProcess) for many customers — for the sales UI over HTTP, and in the
// background for a stream of customers of its own, as the seed's back-end orchestrators do.
// Orchestration, not choreography: it sends each step's command (on the ordered event bus,
// or on a decoupled service's own address) and moves on when that service's event comes
// back, finding the sale by the request id every hop carries.
//
// Every command has a "must be processed by" deadline (ttlMs, or the order's
// mustBeProcessedWithinMs). A command nobody took is a transient failure: it waits in the
// waiting rooms and is sent again, under the same command id and deadline. A sale stops in
// a determinate state, kept in the orchestrator's database and answered to the HTTP
// requests waiting for it: completed (200); failed (422) when a service reports a
// non-retryable error on the errors address; timed out (504) when a command's deadline
// passed (the waiting room reports it, code DEADLINE_PASSED), the rooms are used up, or
// no answer came within stepTimeoutMs. A timed-out sale can be resumed where it stopped.
//
// HTTP: POST /sales {customer, partner, country, quantity, profile, changes,
// mustBeProcessedWithinMs} (header X-Request-Id, else "sale-<customer>", is the request id
// of every hop) answers when the sale stops; POST /sales/<customer>/resume likewise; POST
// /sales/<customer>/steps/<step> sends a finished step's command again, as a user clicking
// twice would (202); GET /sales, GET /sales/<customer>.
//
// Params: customers (background sales, 0), rate (background sales per second, 1),
// startDelayMs (0), partners (background customers pick P-1 .. P-<partners>, 10),
// approvalEvery (every n-th background customer orders enough to need an approval; 0 =
// none), ttlMs (3000), stepTimeoutMs (8000), rooms (waiting rooms, shortest wait first).
class SalesOrchestratorRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;

    // The order of background customer n: deterministic, so a run repeats.
    QJsonObject backgroundOrder(int n) const;

private:
    struct Sent
    {
        QString customer;
        MilkFactory::SaleProcess::Step step;
        Wire::Envelope command;
    };

    void restore();
    void order(const Wire::Envelope &request, const Pugs::RequestFields &fields);
    void startSale(MilkFactory::SaleProcess sale, const Wire::Envelope *request);
    void resume(const Wire::Envelope &request, const QString &customer, const Pugs::RequestFields &fields);
    void resendStep(const Wire::Envelope &request, const QString &customer, const QString &stepName);
    void retryReturned(const Wire::Envelope &message);
    void onEvent(const Wire::Envelope &message);
    void onError(const Wire::Envelope &message);

    void sendStep(MilkFactory::SaleProcess &sale);
    void send(const MilkFactory::SaleProcess &sale, MilkFactory::SaleProcess::Step step, Wire::Envelope command);
    void stop(MilkFactory::SaleProcess &sale, MilkFactory::SaleProcess::State state, const QString &code,
              const QString &message, const QString &service);
    void answerWaiters(MilkFactory::SaleProcess &sale);
    void save(const MilkFactory::SaleProcess &sale);
    MilkFactory::SaleProcess *saleOf(const QByteArray &requestId);
    void replyJson(const Wire::Envelope &request, const QJsonObject &body, int status);

    RoleContext *m_context = nullptr;
    MilkFactory::RetryRooms m_rooms;
    int m_customers = 0;
    double m_rate = 1;
    qint64 m_startDelayMs = 0;
    int m_partners = 10;
    int m_approvalEvery = 0;
    qint64 m_ttlMs = 3000;
    qint64 m_stepTimeoutMs = 8000;
    qint64 m_startedAtMs = 0;
    int m_nextCustomer = 1;   // the next background customer

    QHash<QString, MilkFactory::SaleProcess> m_sales;   // by customer
    QHash<QByteArray, QString> m_byRequest;             // request id -> customer
    QHash<QByteArray, Sent> m_sent;                     // command message id -> what, until settled
    QHash<QByteArray, QString> m_parks;                 // park message id -> customer, until settled
    qint64 m_retries = 0;
};

} // namespace Portolan::Node
