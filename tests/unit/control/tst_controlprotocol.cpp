#include "wire/controlprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Wire;

namespace {

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad JSON in test data: %s", text.constData());
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Random telemetry-like trees for the round-trip property: few distinct keys (so that
// before and after overlap), keys with '/' and '~', scalars, arrays and nested objects.
class TreeGenerator
{
public:
    explicit TreeGenerator(quint32 seed) : m_random(seed) {}

    QJsonObject object(int depth)
    {
        QJsonObject result;
        const int count = int(m_random.bounded(5));
        for (int i = 0; i < count; ++i)
            result.insert(key(), value(depth));
        return result;
    }

    // A copy of base with some keys changed, removed, added or retyped, at every level.
    QJsonObject mutate(const QJsonObject &base, int depth)
    {
        QJsonObject result = base;
        const QStringList keys = base.keys();
        for (const QString &k : keys) {
            switch (m_random.bounded(6)) {
            case 0: result.remove(k); break;
            case 1: result.insert(k, value(depth)); break;
            case 2:
                if (base.value(k).isObject() && depth > 0)
                    result.insert(k, mutate(base.value(k).toObject(), depth - 1));
                break;
            default: break; // unchanged
            }
        }
        if (m_random.bounded(3) == 0)
            result.insert(key(), value(depth));
        return result;
    }

private:
    QString key()
    {
        static const QStringList keys{u"a"_s, u"b"_s, u"links"_s, u"r/1"_s, u"~x"_s, u"~1"_s, u""_s};
        return keys.at(int(m_random.bounded(quint32(keys.size()))));
    }

    QJsonValue value(int depth)
    {
        switch (m_random.bounded(depth > 0 ? 7 : 5)) {
        case 0: return int(m_random.bounded(3));
        case 1: return m_random.bounded(2) == 0;
        case 2: return u"s%1"_s.arg(m_random.bounded(3));
        case 3: return QJsonValue(QJsonValue::Null);
        case 4: return QJsonArray{int(m_random.bounded(2)), u"x"_s};
        default: return object(depth - 1);
        }
    }

    QRandomGenerator m_random;
};

} // namespace

class tst_ControlProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffAndApply_data();
    void diffAndApply();
    void applyRoundTripsRandomTrees();
    void applyIgnoresRemovalsOfMissingPaths();
    void keyEscaping_data();
    void keyEscaping();
    void parseValidClientMessages_data();
    void parseValidClientMessages();
    void parseClientMessageErrors_data();
    void parseClientMessageErrors();
    void welcomeKeepsItsFixedFields();
    void nodeMessagesRoundTrip();
    void parseNodeMessageErrors_data();
    void parseNodeMessageErrors();
};

// diffTelemetry yields exactly the differing leaves and vanished paths, and applying that
// delta to the old snapshot gives the new one.
void tst_ControlProtocol::diffAndApply_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QByteArray>("changed");
    QTest::addColumn<QStringList>("removed");

    QTest::newRow("identical") << R"({"a":1,"b":{"c":[1,2]}})"_ba << R"({"a":1,"b":{"c":[1,2]}})"_ba
                               << "{}"_ba << QStringList();
    QTest::newRow("both empty") << "{}"_ba << "{}"_ba << "{}"_ba << QStringList();
    QTest::newRow("scalar change") << R"({"a":1,"b":2})"_ba << R"({"a":1,"b":3})"_ba
                                   << R"({"b":3})"_ba << QStringList();
    QTest::newRow("nested change")
        << R"({"counters":{"received":5,"forwarded":3},"links":{"r2":{"state":"up","framesIn":10}}})"_ba
        << R"({"counters":{"received":6,"forwarded":3},"links":{"r2":{"state":"up","framesIn":11}}})"_ba
        << R"({"counters":{"received":6},"links":{"r2":{"framesIn":11}}})"_ba << QStringList();
    QTest::newRow("added key") << R"({"a":1})"_ba << R"({"a":1,"b":{"c":2}})"_ba
                               << R"({"b":{"c":2}})"_ba << QStringList();
    QTest::newRow("top-level removal") << R"({"a":1,"b":2})"_ba << R"({"a":1})"_ba
                                       << "{}"_ba << QStringList{u"b"_s};
    QTest::newRow("nested removal") << R"({"queues":{"/a":1,"/b":2},"x":1})"_ba
                                    << R"({"queues":{"/a":1},"x":1})"_ba
                                    << "{}"_ba << QStringList{u"queues/~1b"_s};
    QTest::newRow("subtree removal") << R"({"links":{"r2":{"cost":1},"r3":{"cost":2}}})"_ba
                                     << R"({"links":{"r3":{"cost":2}}})"_ba
                                     << "{}"_ba << QStringList{u"links/r2"_s};
    QTest::newRow("removal and change side by side")
        << R"({"l":{"r2":{"cost":1,"provider":"aws"}}})"_ba << R"({"l":{"r2":{"cost":5}}})"_ba
        << R"({"l":{"r2":{"cost":5}}})"_ba << QStringList{u"l/r2/provider"_s};
    QTest::newRow("object emptied") << R"({"a":{"x":1,"y":2}})"_ba << R"({"a":{}})"_ba
                                    << "{}"_ba << QStringList{u"a/x"_s, u"a/y"_s};
    QTest::newRow("object keys replaced") << R"({"a":{"x":1}})"_ba << R"({"a":{"y":2}})"_ba
                                          << R"({"a":{"y":2}})"_ba << QStringList{u"a/x"_s};
    QTest::newRow("slash and tilde escaped")
        << R"({"queues":{"/store/32":1,"a~b":1,"~1":1}})"_ba << R"({"queues":{}})"_ba
        << "{}"_ba << QStringList{u"queues/~1store~132"_s, u"queues/a~0b"_s, u"queues/~01"_s};
    QTest::newRow("escaped key changed") << R"({"queues":{"/store/32":1}})"_ba
                                         << R"({"queues":{"/store/32":2}})"_ba
                                         << R"({"queues":{"/store/32":2}})"_ba << QStringList();
    QTest::newRow("empty key") << R"({"":{"":1},"b":1})"_ba << R"({"":{},"b":1})"_ba
                               << "{}"_ba << QStringList{u"/"_s};
    QTest::newRow("array is a leaf") << R"({"a":[1,2,3],"b":[1]})"_ba << R"({"a":[1,2,4],"b":[1]})"_ba
                                     << R"({"a":[1,2,4]})"_ba << QStringList();
    QTest::newRow("array of objects is a leaf") << R"({"a":[{"x":1}]})"_ba << R"({"a":[{"x":1,"y":2}]})"_ba
                                                << R"({"a":[{"x":1,"y":2}]})"_ba << QStringList();
    QTest::newRow("object to scalar") << R"({"a":{"x":1,"y":{"z":2}}})"_ba << R"({"a":5})"_ba
                                      << R"({"a":5})"_ba << QStringList();
    QTest::newRow("scalar to object") << R"({"a":5})"_ba << R"({"a":{"x":1}})"_ba
                                      << R"({"a":{"x":1}})"_ba << QStringList();
    QTest::newRow("scalar to empty object") << R"({"a":5})"_ba << R"({"a":{}})"_ba
                                            << R"({"a":{}})"_ba << QStringList();
    QTest::newRow("object to array") << R"({"a":{"x":1}})"_ba << R"({"a":[1]})"_ba
                                     << R"({"a":[1]})"_ba << QStringList();
    QTest::newRow("number to string") << R"({"a":1})"_ba << R"({"a":"1"})"_ba
                                      << R"({"a":"1"})"_ba << QStringList();
    QTest::newRow("value to null") << R"({"a":1})"_ba << R"({"a":null})"_ba
                                   << R"({"a":null})"_ba << QStringList();
    QTest::newRow("integer equals double") << R"({"a":1})"_ba << R"({"a":1.0})"_ba
                                           << "{}"_ba << QStringList();
    QTest::newRow("deep") << R"({"a":{"b":{"c":{"d":1,"e":2}}}})"_ba << R"({"a":{"b":{"c":{"d":1,"f":3}}}})"_ba
                          << R"({"a":{"b":{"c":{"f":3}}}})"_ba << QStringList{u"a/b/c/e"_s};
}

void tst_ControlProtocol::diffAndApply()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QByteArray, changed);
    QFETCH(QStringList, removed);

    const TelemetryDelta delta = diffTelemetry(json(before), json(after));
    QCOMPARE(compact(delta.changed), compact(json(changed)));
    QCOMPARE(delta.removed, removed);
    QCOMPARE(delta.isEmpty(), changed == "{}" && removed.isEmpty());
    QCOMPARE(compact(applyTelemetryDelta(json(before), delta)), compact(json(after)));
}

// apply(before, diff(before, after)) == after holds for arbitrary nested trees, including
// keys that need escaping and values that change type.
void tst_ControlProtocol::applyRoundTripsRandomTrees()
{
    TreeGenerator generator(20240611);
    int nonEmptyDeltas = 0;
    for (int i = 0; i < 2000; ++i) {
        const QJsonObject before = generator.object(3);
        const QJsonObject after = generator.mutate(before, 3);
        const TelemetryDelta delta = diffTelemetry(before, after);
        const QJsonObject applied = applyTelemetryDelta(before, delta);
        if (applied != after) {
            qWarning("before: %s\nafter: %s\napplied: %s", compact(before).constData(),
                     compact(after).constData(), compact(applied).constData());
        }
        QCOMPARE(applied, after);
        QCOMPARE(delta.isEmpty(), before == after);
        if (!delta.isEmpty())
            ++nonEmptyDeltas;
    }
    // The generator must actually exercise the diff, not compare equal trees.
    QVERIFY(nonEmptyDeltas > 1000);
}

// A delta applied to a base that lacks some removed paths changes nothing it cannot find.
void tst_ControlProtocol::applyIgnoresRemovalsOfMissingPaths()
{
    TelemetryDelta delta;
    delta.removed = {u"missing"_s, u"a/missing"_s, u"b/c/d"_s, u"a/x/deeper"_s};
    delta.changed = json(R"({"a":{"y":2}})"_ba);
    const QJsonObject applied = applyTelemetryDelta(json(R"({"a":{"x":1},"b":3})"_ba), delta);
    QCOMPARE(compact(applied), compact(json(R"({"a":{"x":1,"y":2},"b":3})"_ba)));
}

// Keys are escaped as JSON Pointer segments, and unescaping restores them exactly.
void tst_ControlProtocol::keyEscaping_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("plain") << u"counters"_s << u"counters"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("slash") << u"/store/32"_s << u"~1store~132"_s;
    QTest::newRow("tilde") << u"a~b"_s << u"a~0b"_s;
    QTest::newRow("tilde one literal") << u"~1"_s << u"~01"_s;
    QTest::newRow("tilde slash") << u"~/"_s << u"~0~1"_s;
    QTest::newRow("slash tilde zero") << u"/~0"_s << u"~1~00"_s;
}

void tst_ControlProtocol::keyEscaping()
{
    QFETCH(QString, key);
    QFETCH(QString, escaped);
    QCOMPARE(escapeTelemetryKey(key), escaped);
    QCOMPARE(unescapeTelemetryKey(escaped), key);
}

// Well-formed console messages parse into the fields they carry, with documented defaults.
void tst_ControlProtocol::parseValidClientMessages_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("telemetry");
    QTest::addColumn<bool>("events");
    QTest::addColumn<int>("rateHz");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("args");

    const int subscribe = int(ClientMessage::Type::Subscribe);
    const int unsubscribe = int(ClientMessage::Type::Unsubscribe);
    const int command = int(ClientMessage::Type::Command);

    QTest::newRow("subscribe, everything") << R"({"type":"subscribe","telemetry":true,"events":false,"rateHz":4})"_ba
                                           << subscribe << true << false << 4 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("subscribe, defaults") << R"({"type":"subscribe"})"_ba
                                         << subscribe << true << true << 10 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("subscribe, slowest rate") << R"({"type":"subscribe","rateHz":1,"telemetry":false})"_ba
                                             << subscribe << false << true << 1 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("subscribe, rate as 10.0") << R"({"type":"subscribe","rateHz":10.0})"_ba
                                             << subscribe << true << true << 10 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("unsubscribe") << R"({"type":"unsubscribe"})"_ba
                                 << unsubscribe << true << true << 10 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("command with args") << R"({"type":"command","id":7,"command":"cut-link","args":{"peer":"r2","silent":true}})"_ba
                                       << command << true << true << 10 << qint64(7) << u"cut-link"_s
                                       << R"({"peer":"r2","silent":true})"_ba;
    QTest::newRow("command without args") << R"({"type":"command","id":-3,"command":"status"})"_ba
                                          << command << true << true << 10 << qint64(-3) << u"status"_s << "{}"_ba;
    QTest::newRow("command with null args") << R"({"type":"command","id":9007199254740992,"command":"fail","args":null})"_ba
                                            << command << true << true << 10 << qint64(9007199254740992) << u"fail"_s << "{}"_ba;
    QTest::newRow("unknown fields ignored") << R"({"type":"command","id":1,"command":"drain","future":[1,2]})"_ba
                                            << command << true << true << 10 << qint64(1) << u"drain"_s << "{}"_ba;
    QTest::newRow("built by subscribeMessage") << subscribeMessage(false, true, 3)
                                               << subscribe << false << true << 3 << qint64(0) << QString() << "{}"_ba;
    QTest::newRow("built by commandMessage") << commandMessage(42, u"set-link-cost"_s, json(R"({"peer":"r3","cost":7})"_ba))
                                             << command << true << true << 10 << qint64(42) << u"set-link-cost"_s
                                             << R"({"peer":"r3","cost":7})"_ba;
    QTest::newRow("built by unsubscribeMessage") << unsubscribeMessage()
                                                 << unsubscribe << true << true << 10 << qint64(0) << QString() << "{}"_ba;
}

void tst_ControlProtocol::parseValidClientMessages()
{
    QFETCH(QByteArray, text);
    QFETCH(int, type);
    QFETCH(bool, telemetry);
    QFETCH(bool, events);
    QFETCH(int, rateHz);
    QFETCH(qint64, id);
    QFETCH(QString, command);
    QFETCH(QByteArray, args);

    QString error = u"untouched"_s;
    const std::optional<ClientMessage> message = parseClientMessage(text, &error);
    QVERIFY2(message.has_value(), qPrintable(error));
    QCOMPARE(int(message->type), type);
    QCOMPARE(message->telemetry, telemetry);
    QCOMPARE(message->events, events);
    QCOMPARE(message->rateHz, rateHz);
    QCOMPARE(message->id, id);
    QCOMPARE(message->command, command);
    QCOMPARE(compact(message->args), compact(json(args)));
}

// Every malformed console message is refused with a sentence naming the problem, and a
// command's id is recovered whenever it was readable.
void tst_ControlProtocol::parseClientMessageErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("hasId");
    QTest::addColumn<qint64>("id");

    // JSON syntax errors end in Qt's own wording, so only our part of the text is pinned.
    QTest::newRow("empty text") << ""_ba << u"invalid JSON at offset "_s << false << qint64(0);
    QTest::newRow("not JSON") << "hello"_ba << u"invalid JSON at offset "_s << false << qint64(0);
    QTest::newRow("truncated") << R"({"type":"subscribe")"_ba << u"invalid JSON at offset "_s << false << qint64(0);
    QTest::newRow("array") << "[1,2]"_ba << u"a message must be a JSON object"_s << false << qint64(0);
    QTest::newRow("missing type") << R"({"rateHz":5})"_ba << u"missing \"type\""_s << false << qint64(0);
    QTest::newRow("type not a string") << R"({"type":3})"_ba << u"\"type\" must be a string"_s << false << qint64(0);
    QTest::newRow("unknown type") << R"({"type":"subscrbe"})"_ba << u"unknown message type \"subscrbe\""_s
                                  << false << qint64(0);
    QTest::newRow("telemetry not a boolean") << R"({"type":"subscribe","telemetry":"yes"})"_ba
                                             << u"\"telemetry\" must be a boolean"_s << false << qint64(0);
    QTest::newRow("events not a boolean") << R"({"type":"subscribe","events":1})"_ba
                                          << u"\"events\" must be a boolean"_s << false << qint64(0);
    QTest::newRow("rate not a number") << R"({"type":"subscribe","rateHz":"10"})"_ba
                                       << u"\"rateHz\" must be an integer"_s << false << qint64(0);
    QTest::newRow("rate fractional") << R"({"type":"subscribe","rateHz":2.5})"_ba
                                     << u"\"rateHz\" must be an integer"_s << false << qint64(0);
    QTest::newRow("rate zero") << R"({"type":"subscribe","rateHz":0})"_ba
                               << u"\"rateHz\" is 0, must be from 1 to 10"_s << false << qint64(0);
    QTest::newRow("rate too high") << R"({"type":"subscribe","rateHz":20})"_ba
                                   << u"\"rateHz\" is 20, must be from 1 to 10"_s << false << qint64(0);
    QTest::newRow("rate negative") << R"({"type":"subscribe","rateHz":-1})"_ba
                                   << u"\"rateHz\" is -1, must be from 1 to 10"_s << false << qint64(0);
    QTest::newRow("command without id") << R"({"type":"command","command":"fail"})"_ba
                                        << u"a command needs an integer \"id\""_s << false << qint64(0);
    QTest::newRow("id a string") << R"({"type":"command","id":"7","command":"fail"})"_ba
                                 << u"\"id\" must be an integer"_s << false << qint64(0);
    QTest::newRow("id fractional") << R"({"type":"command","id":1.5,"command":"fail"})"_ba
                                   << u"\"id\" must be an integer"_s << false << qint64(0);
    QTest::newRow("id beyond 2^53") << R"({"type":"command","id":1e300,"command":"fail"})"_ba
                                    << u"\"id\" must be an integer"_s << false << qint64(0);
    QTest::newRow("command missing") << R"({"type":"command","id":7})"_ba
                                     << u"a command needs a \"command\" name"_s << true << qint64(7);
    QTest::newRow("command not a string") << R"({"type":"command","id":8,"command":5})"_ba
                                          << u"\"command\" must be a string"_s << true << qint64(8);
    QTest::newRow("command empty") << R"({"type":"command","id":9,"command":""})"_ba
                                   << u"\"command\" must not be empty"_s << true << qint64(9);
    QTest::newRow("args not an object") << R"({"type":"command","id":10,"command":"fail","args":[1]})"_ba
                                        << u"\"args\" must be an object"_s << true << qint64(10);
}

void tst_ControlProtocol::parseClientMessageErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(bool, hasId);
    QFETCH(qint64, id);

    QString actualError;
    std::optional<qint64> commandId = 12345; // must be reset when no id is readable
    const std::optional<ClientMessage> message = parseClientMessage(text, &actualError, &commandId);
    QVERIFY(!message.has_value());
    if (error.startsWith("invalid JSON"_L1))
        QVERIFY2(actualError.startsWith(error) && actualError.size() > error.size() + 3, qPrintable(actualError));
    else
        QCOMPARE(actualError, error);
    QCOMPARE(commandId.has_value(), hasId);
    if (hasId)
        QCOMPARE(*commandId, id);
}

// The node's own fields in the welcome cannot be overridden by the welcome info.
void tst_ControlProtocol::welcomeKeepsItsFixedFields()
{
    const QJsonObject info = json(R"({"type":"bogus","protocol":99,"node":"impostor","role":"router","kind":"interior","version":"0.1.0"})"_ba);
    const QJsonObject welcome = json(welcomeMessage(u"r1"_s, info));
    QCOMPARE(compact(welcome),
             compact(json(R"({"type":"welcome","protocol":1,"node":"r1","role":"router","kind":"interior","version":"0.1.0"})"_ba)));
}

// What the node's builders produce, the console's parser reads back field for field.
void tst_ControlProtocol::nodeMessagesRoundTrip()
{
    QString error;

    const auto welcome = parseNodeMessage(welcomeMessage(u"r1"_s, json(R"({"role":"router"})"_ba)), &error);
    QVERIFY2(welcome, qPrintable(error));
    QCOMPARE(welcome->type, NodeMessage::Type::Welcome);
    QCOMPARE(welcome->node, u"r1"_s);
    QCOMPARE(welcome->protocol, ControlProtocolVersion);
    QCOMPARE(welcome->info.value("role"_L1).toString(), u"router"_s);

    const QJsonObject snapshot = json(R"({"state":"up","links":{"r2":{"cost":3}}})"_ba);
    const auto full = parseNodeMessage(telemetryFullMessage(u"r1"_s, 1, snapshot), &error);
    QVERIFY2(full, qPrintable(error));
    QCOMPARE(full->type, NodeMessage::Type::Telemetry);
    QCOMPARE(full->seq, 1u);
    QVERIFY(full->full);
    QCOMPARE(full->data, snapshot);

    TelemetryDelta delta;
    delta.changed = json(R"({"links":{"r2":{"cost":4}}})"_ba);
    delta.removed = {u"queues/~1a"_s};
    const auto deltaMessage = parseNodeMessage(telemetryDeltaMessage(u"r1"_s, 2, delta), &error);
    QVERIFY2(deltaMessage, qPrintable(error));
    QVERIFY(!deltaMessage->full);
    QCOMPARE(deltaMessage->seq, 2u);
    QCOMPARE(deltaMessage->delta, delta);

    const QJsonArray events{json(R"({"kind":"link-up","peer":"r2"})"_ba)};
    const auto batch = parseNodeMessage(eventsMessage(u"r1"_s, events, 3), &error);
    QVERIFY2(batch, qPrintable(error));
    QCOMPARE(batch->type, NodeMessage::Type::Events);
    QCOMPARE(batch->events, events);
    QCOMPARE(batch->eventsDropped, 3);
    QVERIFY(!json(eventsMessage(u"r1"_s, events)).contains("eventsDropped"_L1));

    const auto ok = parseNodeMessage(resultMessage(7, json(R"({"cost":2})"_ba)), &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(ok->type, NodeMessage::Type::Result);
    QCOMPARE(ok->id, std::optional<qint64>(7));
    QVERIFY(ok->ok);
    QCOMPARE(ok->result.value("cost"_L1).toInt(), 2);

    const auto failed = parseNodeMessage(resultErrorMessage(8, u"no link to r9"_s), &error);
    QVERIFY2(failed, qPrintable(error));
    QVERIFY(!failed->ok);
    QCOMPARE(failed->error, u"no link to r9"_s);

    const auto plainError = parseNodeMessage(errorMessage(u"bad"_s), &error);
    QVERIFY2(plainError, qPrintable(error));
    QCOMPARE(plainError->type, NodeMessage::Type::Error);
    QVERIFY(!plainError->id.has_value());
    const auto commandError = parseNodeMessage(errorMessage(u"bad args"_s, 11), &error);
    QVERIFY2(commandError, qPrintable(error));
    QCOMPARE(commandError->id, std::optional<qint64>(11));
}

// The console's parser refuses node messages missing what their type requires.
void tst_ControlProtocol::parseNodeMessageErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("unknown type") << R"({"type":"hello"})"_ba << u"unknown message type \"hello\""_s;
    QTest::newRow("welcome without protocol") << R"({"type":"welcome","node":"r1"})"_ba
                                              << u"\"protocol\" must be an integer"_s;
    QTest::newRow("telemetry without full") << R"({"type":"telemetry","node":"r1","seq":1})"_ba
                                            << u"\"full\" must be a boolean"_s;
    QTest::newRow("full without data") << R"({"type":"telemetry","node":"r1","seq":1,"full":true})"_ba
                                       << u"\"data\" must be an object"_s;
    QTest::newRow("delta with bad removed") << R"({"type":"telemetry","node":"r1","seq":2,"full":false,"changed":{},"removed":[1]})"_ba
                                            << u"\"removed\" must hold strings"_s;
    QTest::newRow("events not an array") << R"({"type":"events","node":"r1","events":{}})"_ba
                                         << u"\"events\" must be an array"_s;
    QTest::newRow("result without ok") << R"({"type":"result","id":1})"_ba << u"\"ok\" must be a boolean"_s;
    QTest::newRow("failed result without error") << R"({"type":"result","id":1,"ok":false})"_ba
                                                 << u"\"error\" must be a string"_s;
}

void tst_ControlProtocol::parseNodeMessageErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!parseNodeMessage(text, &actual).has_value());
    QCOMPARE(actual, error);
}

QTEST_GUILESS_MAIN(tst_ControlProtocol)
#include "tst_controlprotocol.moc"
