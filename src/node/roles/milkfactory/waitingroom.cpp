#include "node/roles/milkfactory/waitingroom.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/milkfactory/enveloperecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;
using MilkFactory::EnvelopeRecord;

namespace {

Q_LOGGING_CATEGORY(lcWaitingRoom, "portolan.node.milkfactory.waitingroom")

const QString parkedKind = u"parked"_s;

} // namespace

QString WaitingRoomRole::name() const
{
    return u"waiting-room"_s;
}

void WaitingRoomRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_address = params.value(u"address"_s).toString();
    m_delayMs = Pugs::integerOf(params.value(u"delayMs"_s), 1000);
    if (!m_address.startsWith(u'/'))
        m_error = u"param \"address\" must be an address such as /waiting-room/1s"_s;
    else if (m_delayMs < 0)
        m_error = u"param \"delayMs\" must be a number >= 0"_s;
    if (!m_error.isEmpty()) {
        qCWarning(lcWaitingRoom).noquote() << context.nodeId() << m_error;
        return;
    }
    restore();
    context.subscribe(m_address);
}

void WaitingRoomRole::restore()
{
    const QList<QJsonObject> records = m_context->store().records(parkedKind);
    for (const QJsonObject &record : records) {
        Parked parked;
        parked.id = record.value(u"id"_s).toString();
        parked.record = record;
        parked.dueMs = Pugs::integerOf(record.value(u"dueMs"_s));
        parked.deadlineMs = Pugs::integerOf(record.value(u"deadlineMs"_s));
        m_parked.append(parked);
    }
}

void WaitingRoomRole::handle(const Wire::Envelope &message)
{
    if (!m_error.isEmpty())
        return;
    if (message.header(u"Return-To").isEmpty()) {
        // Nowhere to send it back: a room is no dead-letter queue.
        qCWarning(lcWaitingRoom).noquote() << m_context->nodeId() << "refuses a record without Return-To";
        m_context->reply(message, Pugs::compactJson({{u"error"_s, u"a parked record needs a Return-To header"_s}}), 400);
        return;
    }
    const qint64 now = m_context->nowMs();
    Parked parked;
    parked.id = QString::fromLatin1(message.id);
    parked.record = EnvelopeRecord::toJson(message);
    parked.dueMs = now + m_delayMs;
    parked.deadlineMs = message.deadlineMs;
    parked.record.insert(u"dueMs"_s, parked.dueMs);
    parked.record.insert(u"parkedMs"_s, now);
    m_context->store().putRecord(parkedKind, parked.id, parked.record);
    m_parked.append(parked);
    m_context->emitEvent(u"record-parked"_s, {{u"requestId"_s, QString::fromUtf8(message.requestId)},
                                              {u"returnTo"_s, message.header(u"Return-To")},
                                              {u"attempt"_s, message.header(u"Attempt").toInt()},
                                              {u"reason"_s, message.header(u"Retry-Reason")},
                                              {u"delayMs"_s, m_delayMs}});
}

void WaitingRoomRole::tick(qint64 nowMs)
{
    if (!m_error.isEmpty())
        return;
    QList<QString> dropped;
    for (Parked &parked : m_parked) {
        if (parked.returning)
            continue;
        if (parked.deadlineMs > 0 && nowMs > parked.deadlineMs) {
            // Its "must be processed by" passed while it waited: disposed of, and said so.
            drop(parked, nowMs);
            dropped.append(parked.id);
        } else if (parked.dueMs <= nowMs) {
            sendBack(parked, nowMs);
        }
    }
    m_parked.removeIf([&](const Parked &p) { return dropped.contains(p.id); });
}

void WaitingRoomRole::sendBack(Parked &parked, qint64 nowMs)
{
    Wire::Envelope envelope = EnvelopeRecord::fromJson(parked.record);
    envelope.id.clear();   // a new message, the same record
    envelope.createdMs = 0;
    envelope.address = envelope.header(u"Return-To");
    parked.returning = true;
    const qint64 parkedMs = Pugs::integerOf(parked.record.value(u"parkedMs"_s), nowMs);
    m_context->emitEvent(u"record-returned"_s, {{u"requestId"_s, QString::fromUtf8(envelope.requestId)},
                                                {u"returnTo"_s, envelope.address},
                                                {u"attempt"_s, envelope.header(u"Attempt").toInt()},
                                                {u"waitedMs"_s, nowMs - parkedMs}});
    m_returns.insert(m_context->send(std::move(envelope)), parked.id);
}

void WaitingRoomRole::settled(const QByteArray &messageId, bool accepted)
{
    const QString id = m_returns.take(messageId);
    if (id.isEmpty())
        return;
    const auto it = std::find_if(m_parked.begin(), m_parked.end(), [&](const Parked &p) { return p.id == id; });
    if (it == m_parked.end())
        return;
    if (accepted) {
        m_context->store().removeRecord(parkedKind, id);
        m_parked.erase(it);
        ++m_returned;
        return;
    }
    // Nobody took it back (the service is down too): it waits another round, until its
    // deadline if it has one.
    it->returning = false;
    it->dueMs = m_context->nowMs() + m_delayMs;
    it->record.insert(u"dueMs"_s, it->dueMs);
    m_context->store().putRecord(parkedKind, id, it->record);
    ++m_heldAgain;
}

void WaitingRoomRole::drop(const Parked &parked, qint64 nowMs)
{
    const Wire::Envelope envelope = EnvelopeRecord::fromJson(parked.record);
    const BusRecord record(envelope);
    m_context->store().removeRecord(parkedKind, parked.id);
    ++m_expired;
    m_context->emitEvent(u"expired"_s, {{u"messageId"_s, parked.id},
                                        {u"requestId"_s, QString::fromUtf8(envelope.requestId)},
                                        {u"address"_s, envelope.header(u"Original-Address")},
                                        {u"command"_s, record.name()},
                                        {u"lateByMs"_s, nowMs - parked.deadlineMs},
                                        {u"where"_s, m_context->nodeId()}});
    m_context->send(BusRecord::error(m_context->nodeId(), u"DEADLINE_PASSED"_s,
                                     u"%1 was not processed by its deadline; it was dropped while waiting for a retry"_s
                                         .arg(record.name().isEmpty() ? u"the record"_s : record.name()),
                                     record));
}

QJsonObject WaitingRoomRole::telemetry() const
{
    QJsonObject t{{u"address"_s, m_address},
                  {u"delayMs"_s, m_delayMs},
                  {u"parked"_s, qint64(m_parked.size())},
                  {u"returned"_s, m_returned},
                  {u"expired"_s, m_expired},
                  {u"heldAgain"_s, m_heldAgain}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool WaitingRoomRole::drain()
{
    // What waits is on disk and is sent back by the next process; only records on their
    // way back are waited for.
    return m_returns.isEmpty();
}

} // namespace Portolan::Node
