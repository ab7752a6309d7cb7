#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Node::MilkFactory {

// One run of the Milk Factory's sell-contract process for one customer, as the sales
// orchestrator keeps it: create draft, modify draft, select partner, offer, accept, the
// optional approval (a case for a person, then APPROVE_CONTRACT) and billing. A step is
// one command to one service; the events that come back with the sale's request id move
// it on. Orchestration rather than choreography, as the seed prefers: the whole state of
// the process is here, which is what lets it stop in a determinate state (failed, timed
// out) and be resumed from there.
//
// A value type without I/O: the role sends the commands it describes and feeds it the
// events; its JSON is the sale's record in the orchestrator's database.
class SaleProcess
{
public:
    enum class Step { CreateDraft, ModifyDraft, SelectPartner, Offer, Accept, Approval, Approve, Billing, Done };
    enum class State { Running, Completed, Failed, TimedOut };
    enum class Progress { None, StepDone, Refused };

    struct Command
    {
        QString address;
        QString name;
        QJsonObject payload;
    };

    // A sale from an order: {customer, country, partner, quantity, profile {fat, sugar,
    // chocolate}, changes {...}, productId, mustBeProcessedWithinMs}. nullopt (with why) when
    // it has no customer.
    static std::optional<SaleProcess> fromOrder(const QJsonObject &order, const QByteArray &requestId,
                                                qint64 defaultTtlMs, QString *error);

    static QString stepName(Step step);
    static std::optional<Step> stepFromName(const QString &name);
    static QString stateName(State state);

    const QString &customer() const { return m_customer; }
    const QByteArray &requestId() const { return m_requestId; }
    const QString &contractId() const { return m_contractId; }
    Step step() const { return m_step; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    qint64 ttlMs() const { return m_ttlMs; }
    void setTtlMs(qint64 ms) { m_ttlMs = ms; }
    bool stepDone(Step step) const { return m_done.contains(stepName(step)); }
    // Waiting for a person (the approval case is open): no answer is due from a service.
    bool waitingForPerson() const { return m_step == Step::Approval && m_caseOpen; }
    qint64 stepStartedMs() const { return m_stepStartedMs; }
    void setStepStartedMs(qint64 ms) { m_stepStartedMs = ms; }

    // What to send for a step, and its command id: the same for every send of that step
    // (retries, a resumed sale, a user resending it), so that services apply it once.
    Command commandFor(Step step) const;
    QString commandId(Step step) const;

    // Feeds an event of this sale (by name and body). StepDone when it completed the
    // current step, which has then moved on; Refused when a person declined the approval.
    Progress apply(const QString &event, const QJsonObject &body);

    void start(qint64 nowMs);
    void finish(State state, qint64 nowMs, const QJsonObject &error = {});
    void resume(qint64 nowMs);

    // The HTTP requests waiting for the outcome: answered when the sale stops.
    void addWaiter(const QString &replyTo, const QByteArray &requestId);
    QJsonArray takeWaiters();

    QJsonObject summary() const;
    QJsonObject toJson() const;
    static std::optional<SaleProcess> fromJson(const QJsonObject &record);

private:
    void advance();

    QString m_customer;
    QByteArray m_requestId;
    QString m_contractId;
    QString m_country;
    QString m_partnerId;
    QString m_productId;
    qint64 m_quantity = 0;
    QJsonObject m_profile;
    QJsonObject m_changes;
    qint64 m_ttlMs = 3000;

    State m_state = State::Running;
    Step m_step = Step::CreateDraft;
    QStringList m_done;
    bool m_draftSeen = false;     // this step's draft event arrived
    qint64 m_draftVersion = 0;
    qint64 m_pricedVersion = 0;
    double m_total = 0;
    bool m_approvalRequired = false;
    bool m_caseOpen = false;
    QJsonObject m_error;
    qint64 m_startedMs = 0;
    qint64 m_stepStartedMs = 0;
    qint64 m_finishedMs = 0;
    QJsonArray m_waiters;
};

} // namespace Portolan::Node::MilkFactory
