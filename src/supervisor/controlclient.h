#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace Portolan::Supervisor {

// The console's side of one node's control WebSocket: sends commands and matches their
// results, keeps the node's telemetry as a whole object by applying deltas, and passes
// events on. Used for local nodes and for nodes attached on other hosts alike.
class ControlClient : public QObject
{
    Q_OBJECT
public:
    using ResultHandler = std::function<void(bool ok, const QJsonObject &result, const QString &error)>;

    explicit ControlClient(QObject *parent = nullptr);
    ~ControlClient() override;

    void open(const QString &host, quint16 port, const QByteArray &token);
    void close();
    bool isConnected() const { return m_connected; }

    void subscribe(int rateHz = 10, bool telemetry = true, bool events = true);
    // Returns the command id; handler (optional) runs once with the result, or with an
    // error when the connection drops first.
    qint64 command(const QString &name, const QJsonObject &args = {}, ResultHandler handler = {});

    QJsonObject telemetry() const { return m_telemetry; }
    QJsonObject welcome() const { return m_welcome; }
    QString nodeId() const { return m_welcome.value(QLatin1StringView("node")).toString(); }

Q_SIGNALS:
    void connected();
    void disconnected();
    void telemetryUpdated();
    void eventReceived(const QJsonObject &event);
    void errorOccurred(const QString &message);

private:
    void onText(const QString &text);
    void failPending(const QString &reason);

    QWebSocket m_socket;
    bool m_connected = false;
    qint64 m_nextId = 1;
    QHash<qint64, ResultHandler> m_pending;
    QJsonObject m_welcome;
    QJsonObject m_telemetry;
};

} // namespace Portolan::Supervisor
