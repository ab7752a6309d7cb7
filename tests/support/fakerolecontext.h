#pragma once

#include "node/roles/role.h"
#include "node/store/entitystore.h"

#include <QJsonObject>
#include <QList>
#include <QUuid>

namespace Portolan::Test {

// A RoleContext without a network: records what a role sends, subscribes and reports,
// over a private in-memory store, with a clock the test moves by hand.
class FakeRoleContext : public Node::RoleContext
{
public:
    explicit FakeRoleContext(QString id = QStringLiteral("entity-1"), QJsonObject params = {})
        : m_id(std::move(id)), m_params(std::move(params))
    {
        QString error;
        m_store.open(QStringLiteral(":memory:"), &error);
    }

    QString nodeId() const override { return m_id; }
    QJsonObject params() const override { return m_params; }
    Node::EntityStore &store() override { return m_store; }
    qint64 nowMs() const override { return now; }

    void subscribe(const QString &address, const QString &group, int capacity) override
    {
        subscriptions.append({address, group, capacity});
    }
    void unsubscribe(const QString &address) override
    {
        subscriptions.removeIf([&](const Subscription &s) { return s.address == address; });
    }
    QByteArray send(Wire::Envelope envelope) override
    {
        if (envelope.id.isEmpty())
            envelope.id = QUuid::createUuid().toByteArray(QUuid::Id128);
        if (envelope.requestId.isEmpty())
            envelope.requestId = envelope.id;
        if (envelope.createdMs == 0)
            envelope.createdMs = now;
        sent.append(envelope);
        return envelope.id;
    }
    void reply(const Wire::Envelope &request, const QByteArray &body, int status) override
    {
        if (request.replyTo.isEmpty())
            return;
        Wire::Envelope answer;
        answer.address = request.replyTo;
        answer.requestId = request.requestId;
        answer.body = body;
        answer.setHeader(QStringLiteral("Status"), QString::number(status));
        answer.setHeader(QStringLiteral("From"), m_id);
        send(std::move(answer));
    }
    void setOutstanding(int value) override { outstanding = value; }
    void emitEvent(const QString &kind, const QJsonObject &fields) override
    {
        events.append({kind, fields});
    }

    struct Subscription
    {
        QString address;
        QString group;
        int capacity = 0;
    };
    struct Event
    {
        QString kind;
        QJsonObject fields;
    };

    qint64 now = 1'700'000'000'000;
    int outstanding = 0;
    QList<Subscription> subscriptions;
    QList<Wire::Envelope> sent;
    QList<Event> events;

private:
    QString m_id;
    QJsonObject m_params;
    Node::EntityStore m_store;
};

} // namespace Portolan::Test
