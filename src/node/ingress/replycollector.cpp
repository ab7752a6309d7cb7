#include "node/ingress/replycollector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

QByteArray errorBody(int status, const QString &message)
{
    return QJsonDocument(QJsonObject{{u"error"_s, message}, {u"status"_s, status}})
        .toJson(QJsonDocument::Compact);
}

// An answer body as a JSON value: the value itself when the body is JSON (any JSON,
// scalars included, which QJsonDocument alone does not parse), else the body as text.
QJsonValue bodyValue(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error == QJsonParseError::NoError && wrapped.array().size() == 1)
        return wrapped.array().first();
    return QString::fromUtf8(body);
}

} // namespace

int ReplyCollector::answerStatus(const Wire::Envelope &answer)
{
    const QString raw = answer.header(u"Status").trimmed();
    if (raw.isEmpty())
        return 200;
    bool ok = false;
    const int status = raw.toInt(&ok);
    // A final HTTP status only: anything else cannot be passed on to a client.
    return ok && status >= 200 && status <= 599 ? status : 502;
}

bool ReplyCollector::expect(const QByteArray &requestId, quint64 ticket, int expected,
                            bool multicast, qint64 deadlineMs)
{
    if (m_pending.contains(requestId) || m_requestByTicket.contains(ticket))
        return false;
    Pending pending;
    pending.ticket = ticket;
    pending.expected = multicast ? std::max(1, expected) : 1;
    pending.multicast = multicast;
    pending.deadlineMs = deadlineMs;
    m_pending.insert(requestId, std::move(pending));
    m_requestByTicket.insert(ticket, requestId);
    m_byDeadline.insert(deadlineMs, requestId);
    return true;
}

std::optional<ReplyCollector::Outcome> ReplyCollector::add(const Wire::Envelope &answer)
{
    const auto it = m_pending.find(answer.requestId);
    if (it == m_pending.end())
        return std::nullopt; // unknown, or completed already: a late answer

    if (!it->multicast) {
        Outcome outcome;
        outcome.ticket = it->ticket;
        outcome.status = answerStatus(answer);
        outcome.body = answer.body;
        const QString contentType = answer.header(u"Content-Type");
        if (!contentType.isEmpty())
            outcome.contentType = contentType.toUtf8();
        forget(answer.requestId);
        return outcome;
    }

    // Each consumer counts once: a resent answer must not stand in for a silent one.
    // Answers without "From" are told apart by their message id (sorted first).
    const QString from = answer.header(u"From");
    const QString key = !from.isEmpty() ? from : u'\0' + QString::fromLatin1(answer.id.toHex());
    if (it->answers.contains(key))
        return std::nullopt;
    it->answers.insert(key, Answer{from, answerStatus(answer), answer.body});
    if (it->answers.size() < it->expected)
        return std::nullopt;
    return complete(answer.requestId, false);
}

QList<ReplyCollector::Outcome> ReplyCollector::expire(qint64 nowMs)
{
    QList<QByteArray> due;
    for (auto it = m_byDeadline.cbegin(); it != m_byDeadline.cend() && it.key() <= nowMs; ++it)
        due.append(it.value());
    QList<Outcome> outcomes;
    outcomes.reserve(due.size());
    for (const QByteArray &requestId : std::as_const(due))
        outcomes.append(complete(requestId, true));
    return outcomes;
}

qint64 ReplyCollector::nextDeadline() const
{
    return m_byDeadline.isEmpty() ? 0 : m_byDeadline.firstKey();
}

void ReplyCollector::cancel(quint64 ticket)
{
    const auto it = m_requestByTicket.constFind(ticket);
    if (it != m_requestByTicket.cend())
        forget(*it);
}

ReplyCollector::Outcome ReplyCollector::complete(const QByteArray &requestId, bool deadlinePassed)
{
    const Pending pending = m_pending.value(requestId);
    forget(requestId);

    Outcome outcome;
    outcome.ticket = pending.ticket;
    if (!pending.multicast || pending.answers.isEmpty()) {
        // Only a deadline completes a request without answers.
        outcome.status = 504;
        outcome.body = errorBody(504, u"deadline passed"_s);
        return outcome;
    }

    QJsonArray array;
    for (const Answer &answer : pending.answers) {
        array.append(QJsonObject{{u"from"_s, answer.from},
                                 {u"status"_s, answer.status},
                                 {u"body"_s, bodyValue(answer.body)}});
    }
    outcome.status = 200;
    outcome.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    outcome.partial = deadlinePassed && pending.answers.size() < pending.expected;
    return outcome;
}

void ReplyCollector::forget(const QByteArray &requestId)
{
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend())
        return;
    m_requestByTicket.remove(it->ticket);
    const auto byDeadline = m_byDeadline.find(it->deadlineMs, requestId);
    if (byDeadline != m_byDeadline.end())
        m_byDeadline.erase(byDeadline);
    m_pending.erase(it);
}

} // namespace Portolan::Node
