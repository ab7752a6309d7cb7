#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Node::Barker {

// One bark (Barker's tweet) as it travels inbox -> business logic -> outbox -> feed. The
// JSON form is the message body at every hop; each hop keeps what it does not know.
struct Bark
{
    QString id;             // assigned by the inbox: the posting request's id
    QString user;
    QString text;
    qint64 postedMs = 0;    // when the inbox accepted it
    QString processedBy;    // the business logic instance
    qint64 processedMs = 0;
    QStringList hashtags;   // "#word", found by the business logic
    QStringList mentions;   // "@user"

    QJsonObject toJson() const;
    QByteArray toBody() const;
    // nullopt when there is no id or the body is no JSON object.
    static std::optional<Bark> fromBody(const QByteArray &body);
    // A bark as posted ({"user", "text"}) or as forwarded (with "bark"): the id is the
    // body's, else fallbackId.
    static std::optional<Bark> fromPost(const QByteArray &body, const QString &fallbackId);
};

} // namespace Portolan::Node::Barker
