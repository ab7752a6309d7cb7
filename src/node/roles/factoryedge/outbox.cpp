#include "node/roles/factoryedge/outbox.h"

#include "node/roles/role.h"
#include "node/store/entitystore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FactoryEdge {

namespace {

// What the store keeps of a pending message: everything needed to send it again.
QJsonObject toRecord(const Wire::Envelope &envelope, const QString &purpose)
{
    QJsonArray headers;
    for (const Wire::Header &h : envelope.headers)
        headers.append(QJsonArray{h.first, h.second});
    return QJsonObject{{u"purpose"_s, purpose},
                       {u"id"_s, QString::fromLatin1(envelope.id.toBase64())},
                       {u"requestId"_s, QString::fromLatin1(envelope.requestId.toBase64())},
                       {u"address"_s, envelope.address},
                       {u"replyTo"_s, envelope.replyTo},
                       {u"key"_s, envelope.key},
                       {u"headers"_s, headers},
                       {u"body"_s, QString::fromLatin1(envelope.body.toBase64())},
                       {u"createdMs"_s, envelope.createdMs},
                       {u"deadlineMs"_s, envelope.deadlineMs},
                       {u"trace"_s, envelope.trace}};
}

Wire::Envelope fromRecord(const QJsonObject &record)
{
    Wire::Envelope envelope;
    envelope.id = QByteArray::fromBase64(record.value("id"_L1).toString().toLatin1());
    envelope.requestId = QByteArray::fromBase64(record.value("requestId"_L1).toString().toLatin1());
    envelope.address = record.value("address"_L1).toString();
    envelope.replyTo = record.value("replyTo"_L1).toString();
    envelope.key = record.value("key"_L1).toString();
    const QJsonArray headers = record.value("headers"_L1).toArray();
    for (const QJsonValue &h : headers)
        envelope.headers.append({h.toArray().at(0).toString(), h.toArray().at(1).toString()});
    envelope.body = QByteArray::fromBase64(record.value("body"_L1).toString().toLatin1());
    envelope.createdMs = qint64(record.value("createdMs"_L1).toDouble());
    envelope.deadlineMs = qint64(record.value("deadlineMs"_L1).toDouble());
    envelope.trace = record.value("trace"_L1).toBool();
    return envelope;
}

} // namespace

Outbox::Outbox(QString recordKind)
    : m_recordKind(std::move(recordKind))
{
}

void Outbox::start(RoleContext &context, qint64 retryMs)
{
    m_context = &context;
    m_retryMs = qMax<qint64>(1, retryMs);
    m_entries.clear();
    m_order.clear();
    const QList<QJsonObject> records = context.store().records(m_recordKind);
    for (const QJsonObject &record : records) {
        Entry entry{fromRecord(record), record.value("purpose"_L1).toString(), 0};
        if (entry.envelope.id.isEmpty() || entry.envelope.address.isEmpty())
            continue;
        // Settlement was not known when the previous process stopped: send it again.
        m_order.append(entry.envelope.id);
        m_entries.insert(entry.envelope.id, entry);
        transmit(entry);
    }
}

QByteArray Outbox::send(Wire::Envelope envelope, const QString &purpose)
{
    if (envelope.id.isEmpty())
        envelope.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    if (envelope.requestId.isEmpty())
        envelope.requestId = envelope.id;
    if (envelope.createdMs == 0)
        envelope.createdMs = m_context->nowMs();
    const QByteArray id = envelope.id;
    Entry entry{std::move(envelope), purpose, 0};
    // Kept before it leaves: the caller's transaction makes both durable together.
    m_context->store().putRecord(m_recordKind, QString::fromLatin1(id.toBase64()), toRecord(entry.envelope, purpose));
    if (!m_entries.contains(id))
        m_order.append(id);
    m_entries.insert(id, entry);
    transmit(entry);
    return id;
}

std::optional<Outbox::Settlement> Outbox::settled(const QByteArray &messageId, bool accepted)
{
    const auto it = m_entries.find(messageId);
    if (it == m_entries.end())
        return std::nullopt;
    Settlement settlement{it->purpose, it->envelope, accepted};
    if (!accepted) {
        it->retryAtMs = m_context->nowMs() + m_retryMs;
        return settlement;
    }
    m_entries.erase(it);
    m_order.removeOne(messageId);
    m_context->store().removeRecord(m_recordKind, QString::fromLatin1(messageId.toBase64()));
    return settlement;
}

void Outbox::tick(qint64 nowMs)
{
    // A copy: sending may settle (and so remove) an entry on the spot.
    const QList<QByteArray> order = m_order;
    for (const QByteArray &id : order) {
        const auto it = m_entries.find(id);
        if (it == m_entries.end() || it->retryAtMs == 0 || it->retryAtMs > nowMs)
            continue;
        it->retryAtMs = 0;
        ++m_retries;
        const Entry entry = *it;
        transmit(entry);
    }
}

qsizetype Outbox::waiting() const
{
    return std::count_if(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) { return e.retryAtMs > 0; });
}

void Outbox::transmit(const Entry &entry)
{
    Wire::Envelope copy = entry.envelope;
    copy.hops = 0;
    copy.path.clear();
    m_context->send(std::move(copy));
}

} // namespace Portolan::Node::FactoryEdge
