#include "node/control/controlportlistener.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocketServer>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

namespace {

Q_LOGGING_CATEGORY(lcControlPort, "portolan.node.control.port")

// The timer that closes a connection that is too slow to say what it wants. It is a
// child of the socket (it dies with it) and found again by this name.
const QString HeaderTimerName = u"portolan-control-header-timer"_s;
constexpr QByteArrayView EndOfHeader = "\r\n\r\n";

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: break;
    }
    return status >= 500 ? QByteArrayView("Server Error") : QByteArrayView("Error");
}

// True when a header line is "Upgrade: ..." naming websocket among its protocols.
bool asksForWebSocket(const QList<QByteArray> &headerLines)
{
    for (qsizetype i = 1; i < headerLines.size(); ++i) {
        const QByteArray &line = headerLines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.left(colon).trimmed().toLower() != "upgrade")
            continue;
        const QList<QByteArray> protocols = line.mid(colon + 1).split(',');
        for (const QByteArray &protocol : protocols) {
            // "websocket", possibly with a version: "websocket/13".
            if (protocol.trimmed().toLower().split('/').constFirst() == "websocket")
                return true;
        }
    }
    return false;
}

} // namespace

ControlPortListener::ControlPortListener(QWebSocketServer *webSockets, QObject *parent)
    : QObject(parent)
    , m_webSockets(webSockets)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ControlPortListener::acceptPendingConnections);
    connect(&m_server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        qCWarning(lcControlPort).noquote() << "cannot accept a connection on the control port:" << m_server.errorString();
    });
}

ControlPortListener::~ControlPortListener()
{
    // Connections still being sorted are children of m_server; make sure none of their
    // signals reach this object while it goes.
    close();
}

bool ControlPortListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server.isListening()) {
        if (error)
            *error = u"the control port is already open on port %1"_s.arg(m_server.serverPort());
        return false;
    }
    if (!m_server.listen(address, port)) {
        if (error)
            *error = m_server.errorString();
        return false;
    }
    return true;
}

bool ControlPortListener::isListening() const
{
    return m_server.isListening();
}

quint16 ControlPortListener::port() const
{
    return m_server.serverPort();
}

void ControlPortListener::close()
{
    m_server.close();
    // Handed-over connections are the WebSocket server's children; what is left here is
    // being sorted, or closing after a plain answer.
    const auto sockets = m_server.findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    m_sorting.clear();
}

qsizetype ControlPortListener::sortingConnectionCount() const
{
    return m_sorting.size();
}

void ControlPortListener::setPlainHandler(PlainHandler handler)
{
    m_plainHandler = std::move(handler);
}

void ControlPortListener::setHeaderTimeout(int ms)
{
    m_headerTimeoutMs = ms;
}

void ControlPortListener::acceptPendingConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *timer = new QTimer(socket);
        timer->setObjectName(HeaderTimerName);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, socket] {
            qCDebug(lcControlPort).noquote() << "closing a slow connection from" << socket->peerAddress().toString();
            m_sorting.remove(socket);
            disconnect(socket, nullptr, this, nullptr);
            socket->abort();
            socket->deleteLater();
        });
        timer->start(m_headerTimeoutMs);
        m_sorting.insert(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_sorting.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            inspect(socket);
    }
}

void ControlPortListener::inspect(QTcpSocket *socket)
{
    // Peek, do not read: a WebSocket handshake must reach the WebSocket server whole.
    const QByteArray head = socket->peek(MaxHeaderBytes + EndOfHeader.size());
    const qsizetype end = head.indexOf(EndOfHeader);
    if (end < 0) {
        if (socket->bytesAvailable() > MaxHeaderBytes) {
            sorted(socket);
            reply(socket, PlainResponse{431, "text/plain; charset=utf-8", "request header too large\n", {}}, true);
        }
        return; // wait for the rest of the header
    }
    const QList<QByteArray> lines = head.left(end).split('\n');
    QList<QByteArray> headerLines;
    headerLines.reserve(lines.size());
    for (const QByteArray &line : lines)
        headerLines.append(line.endsWith('\r') ? line.chopped(1) : line);

    if (asksForWebSocket(headerLines)) {
        handOver(socket);
        return;
    }
    sorted(socket);
    const QList<QByteArray> requestLine = headerLines.constFirst().split(' ');
    // The header is consumed; a body, if any, is never read: the connection closes.
    socket->read(end + EndOfHeader.size());
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/") || requestLine.at(0).isEmpty()
        || !requestLine.at(1).startsWith('/')) {
        reply(socket, PlainResponse{400, "text/plain; charset=utf-8", "malformed HTTP request\n", {}}, true);
        return;
    }
    answer(socket, PlainRequest{requestLine.at(0), requestLine.at(1)});
}

void ControlPortListener::handOver(QTcpSocket *socket)
{
    sorted(socket);
    delete socket->findChild<QTimer *>(HeaderTimerName, Qt::FindDirectChildrenOnly);
    disconnect(socket, nullptr, this, nullptr);
    // From now on the WebSocket server owns the connection, exactly as if its own
    // QTcpServer had accepted it; it outlives this listener.
    socket->setParent(m_webSockets);
    m_webSockets->handleConnection(socket);
}

void ControlPortListener::answer(QTcpSocket *socket, const PlainRequest &request)
{
    PlainResponse response;
    if (m_plainHandler) {
        response = m_plainHandler(request);
    } else {
        response.status = 404;
        response.body = "this port serves WebSocket control connections only\n";
    }
    reply(socket, response, request.method != "HEAD");
}

void ControlPortListener::reply(QTcpSocket *socket, const PlainResponse &response, bool withBody)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: close\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (withBody)
        out += response.body;
    socket->write(out);
    // The header timer stays armed: a client that never reads its answer is cut off
    // when it fires, rather than holding the connection open.
    socket->disconnectFromHost();
}

void ControlPortListener::sorted(QTcpSocket *socket)
{
    m_sorting.remove(socket);
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
}

} // namespace Portolan::Node
