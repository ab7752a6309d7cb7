#pragma once

#include "support/fakerolecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Messages the Barker role tests hand to roles: directory announcements, barks, receipts.
namespace Portolan::Test::BarkerMessages {

using namespace Qt::Literals::StringLiterals;

inline QJsonObject instance(const QString &name, int rank, const QString &service)
{
    return QJsonObject{{u"instance"_s, name}, {u"address"_s, u"/barker/%1/%2"_s.arg(service, name)}, {u"rank"_s, rank}};
}

// The directory announcing a service's live instances, as (name, rank) pairs.
inline Wire::Envelope announcement(const QString &service, const QList<std::pair<QString, int>> &live, qint64 version)
{
    QJsonArray instances;
    for (const auto &[name, rank] : live)
        instances.append(instance(name, rank, service));
    Wire::Envelope m;
    m.id = u"announce/%1/%2"_s.arg(service).arg(version).toUtf8();
    m.address = u"/barker/services"_s;
    m.body = QJsonDocument(QJsonObject{{u"service"_s, service}, {u"instances"_s, instances},
                                       {u"live"_s, qint64(live.size())}, {u"version"_s, version}})
                 .toJson(QJsonDocument::Compact);
    return m;
}

inline Wire::Envelope post(const QString &address, const QJsonObject &body, const QByteArray &requestId,
                           const QString &replyTo = {})
{
    Wire::Envelope m;
    m.id = "msg/" + requestId;
    m.requestId = requestId;
    m.address = address;
    m.replyTo = replyTo;
    m.setHeader(u"Method"_s, u"POST"_s);
    m.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m;
}

inline Wire::Envelope receipt(const QString &address, const QByteArray &itemId, const QString &from)
{
    Wire::Envelope m;
    m.id = "receipt/" + itemId;
    m.requestId = itemId;
    m.address = address;
    m.setHeader(u"Status"_s, u"200"_s);
    m.setHeader(u"From"_s, from);
    return m;
}

inline QList<Wire::Envelope> sentTo(const FakeRoleContext &ctx, const QString &address)
{
    QList<Wire::Envelope> out;
    for (const Wire::Envelope &e : ctx.sent) {
        if (e.address == address)
            out.append(e);
    }
    return out;
}

inline QList<Wire::Envelope> sentUnder(const FakeRoleContext &ctx, const QString &prefix)
{
    QList<Wire::Envelope> out;
    for (const Wire::Envelope &e : ctx.sent) {
        if (e.address.startsWith(prefix))
            out.append(e);
    }
    return out;
}

inline QJsonObject bodyOf(const Wire::Envelope &e)
{
    return QJsonDocument::fromJson(e.body).object();
}

} // namespace Portolan::Test::BarkerMessages
