#include "node/roles/milkfactory/enveloperecord.h"

#include "node/roles/pugs/jsonvalues.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::MilkFactory {

QJsonObject EnvelopeRecord::toJson(const Wire::Envelope &envelope)
{
    QJsonArray headers;
    for (const Wire::Header &h : envelope.headers)
        headers.append(QJsonArray{h.first, h.second});
    const QString text = QString::fromUtf8(envelope.body);
    const bool utf8 = text.toUtf8() == envelope.body;
    return {{u"id"_s, QString::fromLatin1(envelope.id)},
            {u"requestId"_s, QString::fromUtf8(envelope.requestId)},
            {u"address"_s, envelope.address},
            {u"replyTo"_s, envelope.replyTo},
            {u"key"_s, envelope.key},
            {u"headers"_s, headers},
            {u"body"_s, utf8 ? text : QString::fromLatin1(envelope.body.toBase64())},
            {u"base64"_s, !utf8},
            {u"createdMs"_s, envelope.createdMs},
            {u"deadlineMs"_s, envelope.deadlineMs},
            {u"trace"_s, envelope.trace}};
}

Wire::Envelope EnvelopeRecord::fromJson(const QJsonObject &record)
{
    Wire::Envelope envelope;
    envelope.id = record.value(u"id"_s).toString().toLatin1();
    envelope.requestId = record.value(u"requestId"_s).toString().toUtf8();
    envelope.address = record.value(u"address"_s).toString();
    envelope.replyTo = record.value(u"replyTo"_s).toString();
    envelope.key = record.value(u"key"_s).toString();
    const QJsonArray headers = record.value(u"headers"_s).toArray();
    for (const QJsonValue &h : headers)
        envelope.headers.append({h.toArray().at(0).toString(), h.toArray().at(1).toString()});
    const QString body = record.value(u"body"_s).toString();
    envelope.body = record.value(u"base64"_s).toBool() ? QByteArray::fromBase64(body.toLatin1()) : body.toUtf8();
    envelope.createdMs = Pugs::integerOf(record.value(u"createdMs"_s));
    envelope.deadlineMs = Pugs::integerOf(record.value(u"deadlineMs"_s));
    envelope.trace = record.value(u"trace"_s).toBool();
    return envelope;
}

} // namespace Portolan::Node::MilkFactory
