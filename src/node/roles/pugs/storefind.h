#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Portolan::Node::Pugs {

// One "find this item for a customer" request served by a store's staff (Scenario 1 of
// Pirate Pugs): ask the nearby stores, then every store by multicast, choose the closest
// store that has the item, put it on hold there. This class is the state of one find and
// its decisions, without any messaging, so the store role can persist it as a record
// (kind "find") after every step and pick it up again after a restart.
class StoreFind
{
public:
    enum class Phase { AskingNearby, AskingAll, Holding, Done };

    struct Answer
    {
        int store = 0;
        qint64 quantity = 0;
        double distance = -1;   // from the finding store; -1 when the answer had no position
        bool nearby = false;    // answered step 1 (unicast to a nearby store), not the multicast
    };

    StoreFind() = default;
    StoreFind(QByteArray requestId, QString replyTo, QString item, QString customer, qint64 nowMs);

    static std::optional<StoreFind> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    const QByteArray &requestId() const { return m_requestId; }
    const QString &replyTo() const { return m_replyTo; }
    const QString &item() const { return m_item; }
    const QString &customer() const { return m_customer; }
    Phase phase() const { return m_phase; }
    qint64 phaseStartedMs() const { return m_phaseStartedMs; }
    const QList<int> &askedNearby() const { return m_askedNearby; }

    // Step 1: the nearby stores were asked, one unicast question each.
    void askNearby(const QList<int> &stores, qint64 nowMs);
    // A nearby store's question could not be delivered; it will not answer.
    void nearbyUnreachable(int store);
    bool everyNearbyAnswered() const;

    // Step 2: every store was asked by multicast.
    void askAll(qint64 nowMs);
    int allStoresAnswerCount() const;

    // An answer to the current phase's question. A store answering twice (a resent
    // question) replaces its first answer instead of counting twice.
    void recordAnswer(const Answer &answer);

    // Stores that reported the item in stock, closest first (ties: lower store number;
    // answers without a position last). A store's latest answer counts.
    QList<Answer> storesWithItem() const;

    // Steps 3 and 4: the candidates are storesWithItem(); the closest is asked to hold
    // first, and a refused hold (sold meanwhile, or unreachable) moves to the next.
    bool beginHolding(qint64 nowMs);                  // false when no store has the item
    std::optional<Answer> candidate() const;          // the store being asked to hold
    bool nextCandidate(qint64 nowMs);                 // false when none is left

    // Step 5: the outcome. status is the HTTP-style status of the reply.
    void finish(int status, bool held, const QByteArray &holdId, const QString &error, qint64 nowMs);
    int status() const { return m_status; }

    // The whole story for the reply to the customer's request, told by store thisStore.
    QJsonObject story(int thisStore) const;

    static QString phaseName(Phase phase);

private:
    QByteArray m_requestId;
    QString m_replyTo;
    QString m_item;
    QString m_customer;
    Phase m_phase = Phase::AskingNearby;
    qint64 m_startedMs = 0;
    qint64 m_phaseStartedMs = 0;
    qint64 m_finishedMs = 0;
    QList<int> m_askedNearby;
    QList<int> m_unreachable;
    bool m_askedAll = false;
    QList<Answer> m_answers;
    QList<Answer> m_candidates;
    qsizetype m_candidateIndex = -1;
    bool m_held = false;
    QByteArray m_holdId;
    QString m_error;
    int m_status = 0;
};

} // namespace Portolan::Node::Pugs
