#include "wire/controlprotocol.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Wire {

namespace {

// JSON numbers are doubles; integers beyond 2^53 would silently lose precision.
constexpr double MaxExactJsonInteger = 9007199254740992.0;

QByteArray toCompactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool isIntegral(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && d == std::trunc(d) && std::fabs(d) <= MaxExactJsonInteger;
}

// Parses text as a JSON object, or says why it is not one.
std::optional<QJsonObject> parseObject(QByteArrayView text, QString *error)
{
    QJsonParseError parseError;
    // fromRawData: no copy; the view outlives the document's parse.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = u"invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error = u"a message must be a JSON object"_s;
        return std::nullopt;
    }
    return document.object();
}

// Reads the mandatory string "type", or says why it cannot.
std::optional<QString> messageType(const QJsonObject &object, QString *error)
{
    const QJsonValue type = object.value("type"_L1);
    if (type.isUndefined()) {
        if (error)
            *error = u"missing \"type\""_s;
        return std::nullopt;
    }
    if (!type.isString()) {
        if (error)
            *error = u"\"type\" must be a string"_s;
        return std::nullopt;
    }
    return type.toString();
}

// Reads an optional boolean field; absent leaves out untouched.
bool readOptionalBool(const QJsonObject &object, QLatin1StringView key, bool &out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool()) {
        if (error)
            *error = u"\"%1\" must be a boolean"_s.arg(key);
        return false;
    }
    out = value.toBool();
    return true;
}

void diffInto(const QJsonObject &before, const QJsonObject &after, const QString &prefix,
              QJsonObject &changed, QStringList &removed)
{
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        if (!after.contains(it.key()))
            removed.append(prefix + escapeTelemetryKey(it.key()));
    }
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        const auto old = before.constFind(it.key());
        const QJsonValue newValue = it.value();
        if (old == before.constEnd()) {
            changed.insert(it.key(), newValue);
            continue;
        }
        const QJsonValue oldValue = old.value();
        if (oldValue.isObject() && newValue.isObject()) {
            // Both sides are objects: descend, so a counter ticking deep inside "links"
            // sends that counter alone rather than the whole subtree.
            QJsonObject subChanged;
            diffInto(oldValue.toObject(), newValue.toObject(),
                     prefix + escapeTelemetryKey(it.key()) + u'/', subChanged, removed);
            if (!subChanged.isEmpty())
                changed.insert(it.key(), subChanged);
        } else if (oldValue != newValue) {
            changed.insert(it.key(), newValue);
        }
    }
}

void removePath(QJsonObject &object, const QStringList &segments, qsizetype index)
{
    const QString key = unescapeTelemetryKey(segments.at(index));
    if (index + 1 == segments.size()) {
        object.remove(key);
        return;
    }
    const QJsonValue child = object.value(key);
    if (!child.isObject())
        return; // nothing there to remove: the delta was made against another base
    QJsonObject childObject = child.toObject();
    removePath(childObject, segments, index + 1);
    object.insert(key, childObject);
}

void mergeInto(QJsonObject &base, const QJsonObject &changed)
{
    for (auto it = changed.constBegin(); it != changed.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isObject()) {
            const QJsonValue current = base.value(it.key());
            if (current.isObject()) {
                QJsonObject merged = current.toObject();
                mergeInto(merged, value.toObject());
                base.insert(it.key(), merged);
                continue;
            }
        }
        base.insert(it.key(), value);
    }
}

} // namespace

QString unknownCommandError(const QString &command)
{
    return u"unknown command \"%1\""_s.arg(command);
}

// ---- telemetry deltas ----------------------------------------------------------------

QString escapeTelemetryKey(const QString &key)
{
    if (!key.contains(u'~') && !key.contains(u'/'))
        return key;
    QString escaped = key;
    // "~" first, so the "~" of "~1" is not escaped again.
    escaped.replace(u"~"_s, u"~0"_s);
    escaped.replace(u"/"_s, u"~1"_s);
    return escaped;
}

QString unescapeTelemetryKey(const QString &segment)
{
    if (!segment.contains(u'~'))
        return segment;
    QString key = segment;
    // "~1" first (RFC 6901): "~01" must become "~1", not "/".
    key.replace(u"~1"_s, u"/"_s);
    key.replace(u"~0"_s, u"~"_s);
    return key;
}

TelemetryDelta diffTelemetry(const QJsonObject &before, const QJsonObject &after)
{
    TelemetryDelta delta;
    diffInto(before, after, QString(), delta.changed, delta.removed);
    return delta;
}

QJsonObject applyTelemetryDelta(QJsonObject base, const TelemetryDelta &delta)
{
    // Removals first: a key that vanished under an object that also changed must not
    // survive the merge.
    for (const QString &path : delta.removed)
        removePath(base, path.split(u'/'), 0);
    mergeInto(base, delta.changed);
    return base;
}

// ---- console -> node -------------------------------------------------------------------

std::optional<ClientMessage> parseClientMessage(QByteArrayView text, QString *error,
                                                std::optional<qint64> *commandId)
{
    if (commandId)
        commandId->reset();
    const std::optional<QJsonObject> parsed = parseObject(text, error);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &object = *parsed;
    const std::optional<QString> type = messageType(object, error);
    if (!type)
        return std::nullopt;

    auto fail = [error](const QString &why) -> std::optional<ClientMessage> {
        if (error)
            *error = why;
        return std::nullopt;
    };

    ClientMessage message;
    if (*type == ControlMessageType::Subscribe) {
        message.type = ClientMessage::Type::Subscribe;
        if (!readOptionalBool(object, "telemetry"_L1, message.telemetry, error)
            || !readOptionalBool(object, "events"_L1, message.events, error)) {
            return std::nullopt;
        }
        const QJsonValue rate = object.value("rateHz"_L1);
        if (!rate.isUndefined()) {
            if (!isIntegral(rate))
                return fail(u"\"rateHz\" must be an integer"_s);
            const double hz = rate.toDouble();
            if (hz < MinTelemetryRateHz || hz > MaxTelemetryRateHz) {
                return fail(u"\"rateHz\" is %1, must be from %2 to %3"_s
                                .arg(QString::number(hz, 'g', 17))
                                .arg(MinTelemetryRateHz)
                                .arg(MaxTelemetryRateHz));
            }
            message.rateHz = int(hz);
        }
        return message;
    }
    if (*type == ControlMessageType::Unsubscribe) {
        message.type = ClientMessage::Type::Unsubscribe;
        return message;
    }
    if (*type == ControlMessageType::Command) {
        message.type = ClientMessage::Type::Command;
        const QJsonValue id = object.value("id"_L1);
        if (id.isUndefined())
            return fail(u"a command needs an integer \"id\""_s);
        if (!isIntegral(id))
            return fail(u"\"id\" must be an integer"_s);
        message.id = qint64(id.toDouble());
        if (commandId)
            *commandId = message.id;

        const QJsonValue command = object.value("command"_L1);
        if (command.isUndefined())
            return fail(u"a command needs a \"command\" name"_s);
        if (!command.isString())
            return fail(u"\"command\" must be a string"_s);
        message.command = command.toString();
        if (message.command.isEmpty())
            return fail(u"\"command\" must not be empty"_s);

        const QJsonValue args = object.value("args"_L1);
        if (!args.isUndefined() && !args.isNull()) {
            if (!args.isObject())
                return fail(u"\"args\" must be an object"_s);
            message.args = args.toObject();
        }
        return message;
    }
    return fail(u"unknown message type \"%1\""_s.arg(*type));
}

QByteArray subscribeMessage(bool telemetry, bool events, int rateHz)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Subscribe},
        {"telemetry"_L1, telemetry},
        {"events"_L1, events},
        {"rateHz"_L1, rateHz},
    });
}

QByteArray unsubscribeMessage()
{
    return toCompactJson({{"type"_L1, ControlMessageType::Unsubscribe}});
}

QByteArray commandMessage(qint64 id, const QString &command, const QJsonObject &args)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Command},
        {"id"_L1, id},
        {"command"_L1, command},
        {"args"_L1, args},
    });
}

// ---- node -> console -------------------------------------------------------------------

QByteArray welcomeMessage(const QString &nodeId, const QJsonObject &info)
{
    QJsonObject object = info;
    object.insert("type"_L1, ControlMessageType::Welcome);
    object.insert("protocol"_L1, ControlProtocolVersion);
    object.insert("node"_L1, nodeId);
    return toCompactJson(object);
}

QByteArray telemetryFullMessage(const QString &nodeId, quint64 seq, const QJsonObject &data)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Telemetry},
        {"node"_L1, nodeId},
        {"seq"_L1, qint64(seq)},
        {"full"_L1, true},
        {"data"_L1, data},
    });
}

QByteArray telemetryDeltaMessage(const QString &nodeId, quint64 seq, const TelemetryDelta &delta)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Telemetry},
        {"node"_L1, nodeId},
        {"seq"_L1, qint64(seq)},
        {"full"_L1, false},
        {"changed"_L1, delta.changed},
        {"removed"_L1, QJsonArray::fromStringList(delta.removed)},
    });
}

QByteArray eventsMessage(const QString &nodeId, const QJsonArray &events, qint64 dropped)
{
    QJsonObject object{
        {"type"_L1, ControlMessageType::Events},
        {"node"_L1, nodeId},
        {"events"_L1, events},
    };
    if (dropped > 0)
        object.insert("eventsDropped"_L1, dropped);
    return toCompactJson(object);
}

QByteArray resultMessage(qint64 id, const QJsonObject &result)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Result},
        {"id"_L1, id},
        {"ok"_L1, true},
        {"result"_L1, result},
    });
}

QByteArray resultErrorMessage(qint64 id, const QString &error)
{
    return toCompactJson({
        {"type"_L1, ControlMessageType::Result},
        {"id"_L1, id},
        {"ok"_L1, false},
        {"error"_L1, error},
    });
}

QByteArray errorMessage(const QString &error, std::optional<qint64> commandId)
{
    QJsonObject object{
        {"type"_L1, ControlMessageType::Error},
        {"error"_L1, error},
    };
    if (commandId)
        object.insert("id"_L1, *commandId);
    return toCompactJson(object);
}

std::optional<NodeMessage> parseNodeMessage(QByteArrayView text, QString *error)
{
    const std::optional<QJsonObject> parsed = parseObject(text, error);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &object = *parsed;
    const std::optional<QString> type = messageType(object, error);
    if (!type)
        return std::nullopt;

    auto fail = [error](const QString &why) -> std::optional<NodeMessage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    auto requireString = [&](QLatin1StringView key, QString &out) {
        const QJsonValue value = object.value(key);
        if (!value.isString()) {
            if (error)
                *error = u"\"%1\" must be a string"_s.arg(key);
            return false;
        }
        out = value.toString();
        return true;
    };
    auto requireObject = [&](QLatin1StringView key, QJsonObject &out) {
        const QJsonValue value = object.value(key);
        if (!value.isObject()) {
            if (error)
                *error = u"\"%1\" must be an object"_s.arg(key);
            return false;
        }
        out = value.toObject();
        return true;
    };
    auto requireInteger = [&](QLatin1StringView key, qint64 &out) {
        const QJsonValue value = object.value(key);
        if (!isIntegral(value)) {
            if (error)
                *error = u"\"%1\" must be an integer"_s.arg(key);
            return false;
        }
        out = qint64(value.toDouble());
        return true;
    };

    NodeMessage message;
    if (*type == ControlMessageType::Welcome) {
        message.type = NodeMessage::Type::Welcome;
        qint64 protocol = 0;
        if (!requireString("node"_L1, message.node) || !requireInteger("protocol"_L1, protocol))
            return std::nullopt;
        message.protocol = int(protocol);
        message.info = object;
        return message;
    }
    if (*type == ControlMessageType::Telemetry) {
        message.type = NodeMessage::Type::Telemetry;
        qint64 seq = 0;
        if (!requireString("node"_L1, message.node) || !requireInteger("seq"_L1, seq))
            return std::nullopt;
        if (seq < 0)
            return fail(u"\"seq\" must not be negative"_s);
        message.seq = quint64(seq);
        const QJsonValue full = object.value("full"_L1);
        if (!full.isBool())
            return fail(u"\"full\" must be a boolean"_s);
        message.full = full.toBool();
        if (message.full)
            return requireObject("data"_L1, message.data) ? std::optional(message) : std::nullopt;
        if (!requireObject("changed"_L1, message.delta.changed))
            return std::nullopt;
        const QJsonValue removed = object.value("removed"_L1);
        if (!removed.isArray())
            return fail(u"\"removed\" must be an array"_s);
        const QJsonArray removedPaths = removed.toArray();
        for (const QJsonValue &path : removedPaths) {
            if (!path.isString())
                return fail(u"\"removed\" must hold strings"_s);
            message.delta.removed.append(path.toString());
        }
        return message;
    }
    if (*type == ControlMessageType::Events) {
        message.type = NodeMessage::Type::Events;
        if (!requireString("node"_L1, message.node))
            return std::nullopt;
        const QJsonValue events = object.value("events"_L1);
        if (!events.isArray())
            return fail(u"\"events\" must be an array"_s);
        message.events = events.toArray();
        if (object.contains("eventsDropped"_L1) && !requireInteger("eventsDropped"_L1, message.eventsDropped))
            return std::nullopt;
        return message;
    }
    if (*type == ControlMessageType::Result) {
        message.type = NodeMessage::Type::Result;
        qint64 id = 0;
        if (!requireInteger("id"_L1, id))
            return std::nullopt;
        message.id = id;
        const QJsonValue ok = object.value("ok"_L1);
        if (!ok.isBool())
            return fail(u"\"ok\" must be a boolean"_s);
        message.ok = ok.toBool();
        if (message.ok)
            return requireObject("result"_L1, message.result) ? std::optional(message) : std::nullopt;
        return requireString("error"_L1, message.error) ? std::optional(message) : std::nullopt;
    }
    if (*type == ControlMessageType::Error) {
        message.type = NodeMessage::Type::Error;
        if (!requireString("error"_L1, message.error))
            return std::nullopt;
        if (object.contains("id"_L1)) {
            qint64 id = 0;
            if (!requireInteger("id"_L1, id))
                return std::nullopt;
            message.id = id;
        }
        return message;
    }
    return fail(u"unknown message type \"%1\""_s.arg(*type));
}

} // namespace Portolan::Wire
