#include "node/roles/barker/bark.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

Bark fromObject(const QJsonObject &object)
{
    Bark bark;
    bark.id = object.value(u"bark"_s).toString();
    bark.user = object.value(u"user"_s).toString();
    bark.text = object.value(u"text"_s).toString();
    bark.postedMs = qint64(object.value(u"postedMs"_s).toDouble());
    bark.processedBy = object.value(u"processedBy"_s).toString();
    bark.processedMs = qint64(object.value(u"processedMs"_s).toDouble());
    bark.hashtags = toList(object.value(u"hashtags"_s));
    bark.mentions = toList(object.value(u"mentions"_s));
    return bark;
}

} // namespace

QJsonObject Bark::toJson() const
{
    QJsonObject object{{u"bark"_s, id}, {u"user"_s, user}, {u"text"_s, text}, {u"postedMs"_s, postedMs}};
    if (!processedBy.isEmpty()) {
        object.insert(u"processedBy"_s, processedBy);
        object.insert(u"processedMs"_s, processedMs);
        object.insert(u"hashtags"_s, toArray(hashtags));
        object.insert(u"mentions"_s, toArray(mentions));
    }
    return object;
}

QByteArray Bark::toBody() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

std::optional<Bark> Bark::fromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    Bark bark = fromObject(document.object());
    if (bark.id.isEmpty())
        return std::nullopt;
    return bark;
}

std::optional<Bark> Bark::fromPost(const QByteArray &body, const QString &fallbackId)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    Bark bark = fromObject(document.object());
    if (bark.id.isEmpty())
        bark.id = fallbackId;
    if (bark.id.isEmpty())
        return std::nullopt;
    return bark;
}

} // namespace Portolan::Node::Barker
