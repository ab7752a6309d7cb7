#pragma once

#include "node/roles/milkfactory/commandledger.h"
#include "node/roles/milkfactory/retryrooms.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

namespace Portolan::Node {

namespace MilkFactory {
class BusRecord;
}

// The contracts service of the Milk Factory (seed 004): the owner of every contract. It
// takes the sell-contract commands from the ordered event bus — CREATE_DRAFT, UPDATE_DRAFT,
// OFFER_DRAFT, ACCEPT_OFFER, APPROVE_CONTRACT — applies each to its own database and
// publishes the result as an event carrying the whole contract and its new version
// (CREATED_DRAFT, UPDATED_DRAFT, OFFERED_DRAFT, ACCEPTED_OFFER, APPROVED_CONTRACT). It
// keeps the prices pricing publishes (UPDATED_PRICES), and on ACCEPT_OFFER applies the
// seed's business rule: a total above the credit limit needs an approval.
//
// Writes are idempotent: a command whose commandId was seen before changes nothing and
// publishes nothing ("duplicate-command"). A command that breaks a rule (a value out of
// range, a contract in the wrong state, a draft that already exists) is not retryable:
// its failure goes to the errors address for the originator. Accepting before the prices
// of the current version have arrived is a transient failure: the command waits in the
// waiting rooms and comes back to "/contracts/retry".
//
// Serves GET /contracts/<id> (read via REST) and GET /contracts.
//
// Params: creditLimit (500), maxFat (40, percent), maxQuantity (500), rooms (the waiting
// rooms' addresses, shortest wait first; none by default).
class ContractsRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    struct Outcome
    {
        QString event;        // the event to publish when applied
        QString errorCode;    // non-retryable failure
        QString message;
        bool transient = false;
    };

    void apply(const Wire::Envelope &envelope, const MilkFactory::BusRecord &record);
    Outcome decide(const MilkFactory::BusRecord &record, QJsonObject &contract) const;
    QString validateProfile(const QJsonObject &values) const;
    void keepPrices(const MilkFactory::BusRecord &record);
    void reject(const MilkFactory::BusRecord &record, const QString &code, const QString &message);
    std::optional<QJsonObject> contract(const QString &id) const;
    void answerRead(const Wire::Envelope &request, const QString &path);

    RoleContext *m_context = nullptr;
    double m_creditLimit = 500;
    int m_maxFat = 40;
    int m_maxQuantity = 500;
    MilkFactory::RetryRooms m_rooms;

    QHash<QString, QString> m_states;   // contract id -> state, for telemetry

    MilkFactory::CommandLedger m_ledger;
    qint64 m_parked = 0;
};

} // namespace Portolan::Node
