#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <optional>

namespace Portolan::Wire {

// The control protocol between the console and a node: JSON text messages over a
// WebSocket (reference: docs/protocol.md). This file holds the pure part shared by both
// sides — message names, parsing with validation, builders and telemetry deltas — so the
// node's server and the console's client cannot drift apart. No sockets here.

// Sent in the welcome message. A console refuses a node that speaks another version.
inline constexpr int ControlProtocolVersion = 1;

// Telemetry rates a client may ask for, in messages per second.
inline constexpr int MinTelemetryRateHz = 1;
inline constexpr int MaxTelemetryRateHz = 10;
inline constexpr int DefaultTelemetryRateHz = MaxTelemetryRateHz;

// WebSocket close code and reason for a missing or wrong token (4000..4999 are private use).
inline constexpr int UnauthorizedCloseCode = 4001;
inline constexpr QLatin1StringView UnauthorizedCloseReason("unauthorized");

// Name of the URL query item carrying the per-run token: ws://host:port/?token=...
inline constexpr QLatin1StringView TokenQueryItem("token");

// The "type" of every message.
namespace ControlMessageType {
// console -> node
inline constexpr QLatin1StringView Subscribe("subscribe");
inline constexpr QLatin1StringView Unsubscribe("unsubscribe");
inline constexpr QLatin1StringView Command("command");
// node -> console
inline constexpr QLatin1StringView Welcome("welcome");
inline constexpr QLatin1StringView Telemetry("telemetry");
inline constexpr QLatin1StringView Events("events");
inline constexpr QLatin1StringView Result("result");
inline constexpr QLatin1StringView Error("error");
} // namespace ControlMessageType

// The commands every node understands (arguments in docs/protocol.md).
namespace ControlCommand {
inline constexpr QLatin1StringView Status("status");
inline constexpr QLatin1StringView Fail("fail");
inline constexpr QLatin1StringView Restore("restore");
inline constexpr QLatin1StringView CutLink("cut-link");
inline constexpr QLatin1StringView RestoreLink("restore-link");
inline constexpr QLatin1StringView SetLinkCost("set-link-cost");
inline constexpr QLatin1StringView SetLinkLatency("set-link-latency");
inline constexpr QLatin1StringView Drain("drain");
inline constexpr QLatin1StringView Send("send");
inline constexpr QLatin1StringView Explain("explain");
inline constexpr QLatin1StringView Shutdown("shutdown");
} // namespace ControlCommand

// The "kind" of the events every node may publish; roles add their own ("work-done", ...).
namespace ControlEvent {
inline constexpr QLatin1StringView LinkUp("link-up");
inline constexpr QLatin1StringView LinkDown("link-down");
inline constexpr QLatin1StringView RouteChange("route-change");
inline constexpr QLatin1StringView Delivery("delivery");
inline constexpr QLatin1StringView TraceHop("trace-hop");
inline constexpr QLatin1StringView NodeFailed("node-failed");
inline constexpr QLatin1StringView NodeRestored("node-restored");
inline constexpr QLatin1StringView Drained("drained");
} // namespace ControlEvent

// The error text of a command nobody handles, worded the same on every node.
QString unknownCommandError(const QString &command);

// ---- telemetry deltas ----------------------------------------------------------------

// The difference between two telemetry snapshots. changed is a partial tree holding only
// the leaves that differ or are new (arrays and scalars are leaves, compared whole; an
// object that replaces a non-object is a leaf too); removed lists the paths of keys that
// vanished, keys joined by '/' and escaped as in JSON Pointer ("~" -> "~0", "/" -> "~1").
struct TelemetryDelta
{
    QJsonObject changed;
    QStringList removed;

    bool isEmpty() const { return changed.isEmpty() && removed.isEmpty(); }
    friend bool operator==(const TelemetryDelta &, const TelemetryDelta &) = default;
};

TelemetryDelta diffTelemetry(const QJsonObject &before, const QJsonObject &after);

// Applies removals first, then merges changed into base (objects into objects, anything
// else replaces). For every pair: applyTelemetryDelta(a, diffTelemetry(a, b)) == b.
QJsonObject applyTelemetryDelta(QJsonObject base, const TelemetryDelta &delta);

// One path segment escaped as in JSON Pointer, and back.
QString escapeTelemetryKey(const QString &key);
QString unescapeTelemetryKey(const QString &segment);

// ---- console -> node -------------------------------------------------------------------

struct ClientMessage
{
    enum class Type { Subscribe, Unsubscribe, Command };

    Type type = Type::Subscribe;
    // subscribe
    int rateHz = DefaultTelemetryRateHz;
    bool telemetry = true;
    bool events = true;
    // command
    qint64 id = 0;
    QString command;
    QJsonObject args;
};

// Parses and validates one text message from a console. Unknown fields are ignored so
// that newer consoles can talk to older nodes. On failure returns nullopt, sets *error
// to a sentence naming the problem and, when the message was a command whose "id"
// could be read, sets *commandId so the reply can be correlated.
std::optional<ClientMessage> parseClientMessage(QByteArrayView text, QString *error,
                                                std::optional<qint64> *commandId = nullptr);

QByteArray subscribeMessage(bool telemetry, bool events, int rateHz = DefaultTelemetryRateHz);
QByteArray unsubscribeMessage();
QByteArray commandMessage(qint64 id, const QString &command, const QJsonObject &args = {});

// ---- node -> console -------------------------------------------------------------------

// info (role, kind, software version, ...) is merged in; type, protocol and node win.
QByteArray welcomeMessage(const QString &nodeId, const QJsonObject &info);
QByteArray telemetryFullMessage(const QString &nodeId, quint64 seq, const QJsonObject &data);
QByteArray telemetryDeltaMessage(const QString &nodeId, quint64 seq, const TelemetryDelta &delta);
// dropped: events lost for this client since its previous batch; omitted when zero.
QByteArray eventsMessage(const QString &nodeId, const QJsonArray &events, qint64 dropped = 0);
QByteArray resultMessage(qint64 id, const QJsonObject &result);
QByteArray resultErrorMessage(qint64 id, const QString &error);
QByteArray errorMessage(const QString &error, std::optional<qint64> commandId = std::nullopt);

// A node's message as the console reads it. Only the fields of its type are set.
struct NodeMessage
{
    enum class Type { Welcome, Telemetry, Events, Result, Error };

    Type type = Type::Error;
    QString node;                 // welcome, telemetry, events
    int protocol = 0;             // welcome
    QJsonObject info;             // welcome: the whole message (role, kind, version, ...)
    quint64 seq = 0;              // telemetry
    bool full = false;            // telemetry: data is a whole snapshot, else delta applies
    QJsonObject data;             // telemetry, full
    TelemetryDelta delta;         // telemetry, not full
    QJsonArray events;            // events
    qint64 eventsDropped = 0;     // events
    std::optional<qint64> id;     // result; error (when it answers a malformed command)
    bool ok = false;              // result
    QJsonObject result;           // result, ok
    QString error;                // result not ok; error
};

std::optional<NodeMessage> parseNodeMessage(QByteArrayView text, QString *error);

} // namespace Portolan::Wire
