#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTcpServer>

#include <functional>
#include <utility>

class QTcpSocket;
class QWebSocketServer;

namespace Portolan::Node {

// Listens on a node's control port and tells connections apart by their first HTTP
// request, so that one port serves both the control WebSocket and plain HTTP (GET
// /metrics for Prometheus):
//
// - a request asking to upgrade to WebSocket is handed, untouched, to the WebSocket
//   server (QWebSocketServer::handleConnection), which does the handshake as if it had
//   accepted the connection itself;
// - any other request is answered by the plain handler, once, and the connection closed.
//
// A connection that sends no complete request header within the header timeout, or a
// header larger than MaxHeaderBytes, is closed without reaching either.
class ControlPortListener : public QObject
{
    Q_OBJECT

public:
    struct PlainRequest
    {
        QByteArray method; // as sent, e.g. "GET"
        QByteArray target; // path and query, e.g. "/metrics"
    };
    struct PlainResponse
    {
        int status = 200;
        QByteArray contentType = "text/plain; charset=utf-8";
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers; // extra headers, e.g. Allow
    };
    using PlainHandler = std::function<PlainResponse(const PlainRequest &request)>;

    static constexpr qsizetype MaxHeaderBytes = 16 * 1024;
    static constexpr int DefaultHeaderTimeoutMs = 10000;

    // webSockets receives the upgrade requests; it need not (and should not) listen.
    explicit ControlPortListener(QWebSocketServer *webSockets, QObject *parent = nullptr);
    ~ControlPortListener() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error); // port 0 = any
    bool isListening() const;
    quint16 port() const;
    // Stops accepting, and drops connections whose request has not been read yet.
    // Connections already handed over belong to the WebSocket server.
    void close();

    // Connections accepted whose first request is not complete yet.
    qsizetype sortingConnectionCount() const;

    void setPlainHandler(PlainHandler handler);
    void setHeaderTimeout(int ms);

private:
    void acceptPendingConnections();
    void inspect(QTcpSocket *socket);
    void handOver(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const PlainRequest &request);
    void reply(QTcpSocket *socket, const PlainResponse &response, bool withBody);
    void sorted(QTcpSocket *socket); // its first request is read: stop inspecting it

    QWebSocketServer *const m_webSockets;
    QTcpServer m_server;
    QSet<QTcpSocket *> m_sorting;
    PlainHandler m_plainHandler;
    int m_headerTimeoutMs = DefaultHeaderTimeoutMs;
};

} // namespace Portolan::Node
