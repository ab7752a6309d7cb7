#include "supervisor/controlclient.h"

#include "wire/controlprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Supervisor {

ControlClient::ControlClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ControlClient::onText);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_connected = true;
        Q_EMIT connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const bool was = m_connected;
        m_connected = false;
        failPending(u"connection to the node closed"_s);
        if (was)
            Q_EMIT disconnected();
        else
            Q_EMIT errorOccurred(u"cannot connect: %1"_s.arg(m_socket.errorString()));
    });
}

ControlClient::~ControlClient()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

void ControlClient::open(const QString &host, quint16 port, const QByteArray &token)
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, QString::fromUtf8(token));
    url.setQuery(query);
    m_socket.open(url);
}

void ControlClient::close()
{
    m_socket.close();
}

void ControlClient::subscribe(int rateHz, bool telemetry, bool events)
{
    const QJsonObject message{{u"type"_s, u"subscribe"_s}, {u"rateHz"_s, rateHz},
                              {u"telemetry"_s, telemetry}, {u"events"_s, events}};
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

qint64 ControlClient::command(const QString &name, const QJsonObject &args, ResultHandler handler)
{
    const qint64 id = m_nextId++;
    if (!m_connected) {
        if (handler)
            handler(false, {}, u"not connected"_s);
        return id;
    }
    if (handler)
        m_pending.insert(id, std::move(handler));
    const QJsonObject message{{u"type"_s, u"command"_s}, {u"id"_s, id}, {u"command"_s, name}, {u"args"_s, args}};
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    return id;
}

void ControlClient::failPending(const QString &reason)
{
    const auto pending = std::exchange(m_pending, {});
    for (const ResultHandler &handler : pending)
        handler(false, {}, reason);
}

void ControlClient::onText(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value("type"_L1).toString();
    if (type == "telemetry"_L1) {
        if (message.value("full"_L1).toBool()) {
            m_telemetry = message.value("data"_L1).toObject();
        } else {
            Wire::TelemetryDelta delta;
            delta.changed = message.value("changed"_L1).toObject();
            const QJsonArray removed = message.value("removed"_L1).toArray();
            for (const QJsonValue &path : removed)
                delta.removed.append(path.toString());
            m_telemetry = Wire::applyTelemetryDelta(m_telemetry, delta);
        }
        Q_EMIT telemetryUpdated();
    } else if (type == "events"_L1) {
        const QJsonArray events = message.value("events"_L1).toArray();
        for (const QJsonValue &e : events)
            Q_EMIT eventReceived(e.toObject());
    } else if (type == "result"_L1) {
        const qint64 id = qint64(message.value("id"_L1).toDouble());
        if (const ResultHandler handler = m_pending.take(id))
            handler(message.value("ok"_L1).toBool(), message.value("result"_L1).toObject(),
                    message.value("error"_L1).toString());
    } else if (type == "welcome"_L1) {
        m_welcome = message;
    } else if (type == "error"_L1) {
        Q_EMIT errorOccurred(message.value("error"_L1).toString());
    }
}

} // namespace Portolan::Supervisor
