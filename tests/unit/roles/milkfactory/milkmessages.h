#pragma once

#include "node/roles/milkfactory/busrecord.h"
#include "support/fakerolecontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

// Building and reading the Milk Factory's messages in role tests.
namespace Portolan::Test::Milk {

using Node::MilkFactory::BusRecord;
using Wire::Envelope;

inline Envelope withId(Envelope envelope)
{
    envelope.id = QUuid::createUuid().toByteArray(QUuid::Id128);
    envelope.createdMs = 1;
    return envelope;
}

inline Envelope command(const QString &address, const QString &name, const QString &commandId,
                        const QString &contractId, const QJsonObject &payload = {},
                        const QByteArray &requestId = "sale-x", qint64 deadlineMs = 0)
{
    return withId(BusRecord::command(address, name, commandId, contractId, payload, requestId, deadlineMs));
}

inline Envelope event(const QString &address, const QString &name, const QString &contractId, const QJsonObject &body,
                      const QByteArray &requestId = "sale-x")
{
    return withId(BusRecord::event(address, name, contractId, body, requestId, {}));
}

inline Envelope get(const QString &path, const QString &replyTo = QStringLiteral("/ingress/replies"))
{
    Envelope m;
    m.address = path;
    m.replyTo = replyTo;
    m.setHeader(QStringLiteral("Method"), QStringLiteral("GET"));
    return withId(m);
}

inline Envelope post(const QString &path, const QJsonObject &body, const QString &replyTo = QStringLiteral("/ingress/replies"))
{
    Envelope m;
    m.address = path;
    m.replyTo = replyTo;
    m.setHeader(QStringLiteral("Method"), QStringLiteral("POST"));
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return withId(m);
}

inline QJsonObject bodyOf(const Envelope &m)
{
    return QJsonDocument::fromJson(m.body).object();
}

// The messages sent to exactly this address, oldest first.
inline QList<Envelope> sentTo(const FakeRoleContext &ctx, const QString &address)
{
    QList<Envelope> out;
    for (const Envelope &m : ctx.sent) {
        if (m.address == address)
            out.append(m);
    }
    return out;
}

// The events of a kind the role published on address (header "event").
inline QList<Envelope> published(const FakeRoleContext &ctx, const QString &address, const QString &event)
{
    QList<Envelope> out;
    for (const Envelope &m : ctx.sent) {
        if (m.address == address && m.header(u"event") == event)
            out.append(m);
    }
    return out;
}

inline int eventCount(const FakeRoleContext &ctx, const QString &kind)
{
    return int(std::count_if(ctx.events.cbegin(), ctx.events.cend(),
                             [&](const FakeRoleContext::Event &e) { return e.kind == kind; }));
}

inline QJsonObject lastEvent(const FakeRoleContext &ctx, const QString &kind)
{
    for (auto it = ctx.events.crbegin(); it != ctx.events.crend(); ++it) {
        if (it->kind == kind)
            return it->fields;
    }
    return {};
}

inline QJsonObject lastAnswer(const FakeRoleContext &ctx, const QString &address = QStringLiteral("/ingress/replies"))
{
    const QList<Envelope> answers = sentTo(ctx, address);
    return answers.isEmpty() ? QJsonObject{} : bodyOf(answers.last());
}

inline int lastStatus(const FakeRoleContext &ctx, const QString &address = QStringLiteral("/ingress/replies"))
{
    const QList<Envelope> answers = sentTo(ctx, address);
    return answers.isEmpty() ? 0 : answers.last().header(u"Status").toInt();
}

} // namespace Portolan::Test::Milk
