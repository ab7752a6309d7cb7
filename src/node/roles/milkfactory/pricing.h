#pragma once

#include "node/roles/milkfactory/retryrooms.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

namespace Portolan::Node {

// The pricing service of the Milk Factory (seed 004). It listens to the drafts on the
// ordered event bus (CREATED_DRAFT, UPDATED_DRAFT) and publishes the prices of each draft
// version there (UPDATED_PRICES). Milk products are index based: every price needs the
// raw-cost index, asked of the cost index service ("/raw-costs").
//
// When the index cannot be had — nobody answers the address, or no answer comes within
// queryTimeoutMs — the failure is transient: the draft waits in the waiting rooms (see
// MilkFactory::RetryRooms), first the shortest, and comes back to "/pricing/retry" to be
// priced again. When the rooms are used up, the failure goes to the errors address.
// Drafts waiting for the index are in the service's own database; each draft version is
// priced once, whatever is delivered twice.
//
// Params: rooms (the waiting rooms' addresses, shortest wait first), queryTimeoutMs (1000),
// indexAddress ("/raw-costs"), basePrice (5.00 per unit), fatPrice (0.04 per % fat),
// sugarPrice (0.02 per % sugar), chocolatePrice (1.50 per unit with chocolate).
class PricingRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void settled(const QByteArray &messageId, bool accepted) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;

    // The price of a draft at a raw-cost index: unit price and total, in CHF, rounded to
    // the centime.
    struct Prices
    {
        double unitPrice = 0;
        double total = 0;
    };
    Prices pricesFor(const QJsonObject &draft, double index) const;

private:
    struct Pending
    {
        QString key;            // "<contract>@<version>"
        QJsonObject draft;      // the draft's envelope, stored form
        int attempt = 0;        // retries so far
        QByteArray queryId;     // the question to the index in flight
        qint64 askedMs = 0;
    };

    void price(const Wire::Envelope &draft, int attempt);
    void ask(Pending &pending);
    void answered(const Wire::Envelope &answer);
    void failTransiently(const QString &key, const QString &reason);
    void publish(const Pending &pending, double index);

    RoleContext *m_context = nullptr;
    MilkFactory::RetryRooms m_rooms;
    qint64 m_queryTimeoutMs = 1000;
    QString m_indexAddress = QStringLiteral("/raw-costs");
    double m_basePrice = 5.0;
    double m_fatPrice = 0.04;
    double m_sugarPrice = 0.02;
    double m_chocolatePrice = 1.5;

    QHash<QString, Pending> m_pending;        // by key
    QHash<QByteArray, QString> m_queries;     // query message id -> key
    QHash<QByteArray, QJsonObject> m_parks;   // park message id -> the draft parked, until settled
    qint64 m_priced = 0;
    qint64 m_retries = 0;
    qint64 m_gaveUp = 0;
};

} // namespace Portolan::Node
