#pragma once

#include "wire/envelope.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Portolan::Node {

// Gathers the answers to requests that came in through the HTTP ingress and decides
// when, and with what, each waiting HTTP client is answered: the one answer of a
// closest / balanced / keyed request, or the JSON array of a multicast once every
// destination answered or the deadline passed. Pure bookkeeping: no sockets, no clock
// (the caller passes the time), so the router drives it and tests can replay it.
class ReplyCollector
{
public:
    // What the ingress should send for one ticket.
    struct Outcome
    {
        quint64 ticket = 0;
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        bool partial = false; // a multicast answered by its deadline with answers missing

        friend bool operator==(const Outcome &, const Outcome &) = default;
    };

    // Waits for `expected` answers to requestId (1 for closest / balanced / keyed, the
    // number of destinations for multicast; values below 1 count as 1). With multicast
    // the answer is a JSON array. Returns false, and changes nothing, when the request
    // id or the ticket is already pending.
    bool expect(const QByteArray &requestId, quint64 ticket, int expected, bool multicast,
                qint64 deadlineMs);

    // An answer envelope arrived, matched by its requestId. Returns the outcome when this
    // answer completes its request; nullopt while more are due, and for answers to
    // unknown or already completed requests, or repeated answers from the same "From".
    std::optional<Outcome> add(const Wire::Envelope &answer);

    // Completes every request whose deadline is at or before nowMs: 504 when nothing
    // arrived (and for unicast), 200 with the partial array for a multicast with answers.
    QList<Outcome> expire(qint64 nowMs);

    // Earliest pending deadline, or 0 when nothing is pending.
    qint64 nextDeadline() const;

    // Forgets the request behind a ticket (its client went away, or it was answered
    // another way).
    void cancel(quint64 ticket);

    qsizetype pendingCount() const { return m_pending.size(); }

    // The answer's HTTP status: its "Status" header, 200 without one, 502 when the
    // header is not a status code (the consumer sent something unusable).
    static int answerStatus(const Wire::Envelope &answer);

private:
    struct Answer
    {
        QString from;
        int status = 200;
        QByteArray body;
    };
    struct Pending
    {
        quint64 ticket = 0;
        int expected = 1;
        bool multicast = false;
        qint64 deadlineMs = 0;
        QMap<QString, Answer> answers; // keyed by "From", so the array comes out sorted
    };

    Outcome complete(const QByteArray &requestId, bool deadlinePassed);
    void forget(const QByteArray &requestId);

    QHash<QByteArray, Pending> m_pending;
    QHash<quint64, QByteArray> m_requestByTicket;
    QMultiMap<qint64, QByteArray> m_byDeadline;
};

} // namespace Portolan::Node
