#pragma once

#include "wire/envelope.h"

#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerResponder>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QString>

#include <optional>
#include <unordered_map>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace Portolan::Node {

Q_DECLARE_LOGGING_CATEGORY(lcIngress)

// One HTTP request turned into a message, as the router receives it from the ingress.
struct IngressRequest
{
    quint64 ticket = 0;        // identifies the pending HTTP exchange; pass it to respond()
    Wire::Envelope envelope;   // address, headers (Method, Query, Content-Type, X-*), body,
                               // replyTo, createdMs and deadlineMs; id and requestId empty
    bool waitForAnswer = true; // false when the request carried Reply-To
    qint64 deadlineMs = 0;     // absolute, ms since epoch
};

// The HTTP face of an edge router: every request's path is a message address. The
// ingress validates and translates requests into IngressRequests, keeps the HTTP
// exchange open under a ticket, and writes the router's answer back when respond() is
// called. Malformed requests are answered here and never reach the router.
//
// Responses on one connection leave in request order (HTTP/1.1 pipelining), whatever
// order the router answers in; a ticket whose client went away is dropped silently.
//
// The address comes from the raw request line, which the ingress reads off each
// connection itself: QtHttpServer 6.4 hands over only a QUrl that has already repaired
// stray '%' and read a leading "//store" as a host name.
class HttpIngress : public QAbstractHttpServer
{
    Q_OBJECT

public:
    static constexpr qsizetype DefaultMaxBodyBytes = 1024 * 1024;
    static constexpr qint64 DefaultDeadlineMs = 2000;
    static constexpr qint64 MaxDeadlineMs = 60000;

    explicit HttpIngress(QObject *parent = nullptr);
    ~HttpIngress() override;

    // Starts serving on address:port (0 = any free port). On failure returns false and,
    // when error is given, says why. Use this rather than QAbstractHttpServer::listen()
    // or bind(): only connections accepted here have their request lines read exactly.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

    void setMaxBodyBytes(qsizetype bytes);
    qsizetype maxBodyBytes() const { return m_maxBodyBytes; }

    // Answers a pending exchange. A no-op for unknown, already answered or dropped tickets.
    void respond(quint64 ticket, int status, const QByteArray &body,
                 const QByteArray &contentType = QByteArrayLiteral("application/json"));
    // Answers with the JSON body {"error": message, "status": status}.
    void respondError(quint64 ticket, int status, const QString &message);

    // Exchanges signalled to the router and not answered yet.
    int pendingCount() const { return m_awaitingAnswer; }

    // The JSON error body the ingress uses everywhere, for callers that answer alike.
    static QByteArray errorBody(int status, const QString &message);

Q_SIGNALS:
    void requestArrived(const Portolan::Node::IngressRequest &request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
    };
    // One request on one connection, from its arrival until its response is written.
    struct Exchange
    {
        Exchange(QHttpServerResponder &&r, QTcpSocket *s, bool head)
            : responder(std::move(r)), socket(s), headRequest(head)
        {}
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        bool headRequest = false;
        std::optional<Reply> reply; // set once answered; waits for earlier exchanges
    };
    // What the ingress tracks of one client connection.
    struct Connection
    {
        QList<quint64> tickets;     // its exchanges, in request order
        qint64 bytesInRequest = 0;  // received since its last complete request
        QByteArray requestLine;     // raw request line of the request being received
        bool requestLineDone = false;
    };
    // Bytes a request may carry besides its body (request line and headers) before the
    // ingress stops buffering it.
    static constexpr qint64 HeaderAllowanceBytes = 64 * 1024;

    void watchConnection(QTcpSocket *socket);
    void trackConnection(QTcpSocket *socket);
    void inspectIncoming(QTcpSocket *socket);
    void cutOff(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);
    quint64 openExchange(const QHttpServerRequest &request, QTcpSocket *socket);
    void answer(quint64 ticket, Reply reply);
    void answerDirectly(const QHttpServerRequest &request, QTcpSocket *socket, int status,
                        const QByteArray &body);
    void flush(QTcpSocket *socket);
    std::optional<IngressRequest> translate(const QHttpServerRequest &request,
                                            const QByteArray &requestLine, qint64 nowMs,
                                            int *status, QString *error) const;

    QPointer<QTcpServer> m_server;
    qsizetype m_maxBodyBytes = DefaultMaxBodyBytes;
    quint64 m_nextTicket = 1;
    int m_awaitingAnswer = 0;
    std::unordered_map<quint64, Exchange> m_exchanges;
    QHash<QTcpSocket *, Connection> m_connections;
};

} // namespace Portolan::Node
