#include "node/ingress/httpingress.h"

#include <QtHttpServer/QHttpServerRequest>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

Q_LOGGING_CATEGORY(lcIngress, "portolan.node.ingress")

namespace {

const QString kReservedPrefix = u"/_portolan"_s;
const QString kHealthPath = u"/_portolan/health"_s;

// A QTcpServer that hands each connection to the ingress before QAbstractHttpServer
// takes it, so the ingress's readyRead handler is connected first and sees every byte
// before the HTTP server's parser consumes it.
class WatchedTcpServer : public QTcpServer
{
public:
    WatchedTcpServer(std::function<void(QTcpSocket *)> onAccepted, QObject *parent)
        : QTcpServer(parent), m_onAccepted(std::move(onAccepted))
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            qCWarning(lcIngress, "cannot take incoming connection: %ls",
                      qUtf16Printable(socket->errorString()));
            delete socket;
            return;
        }
        m_onAccepted(socket);
        addPendingConnection(socket);
    }

private:
    std::function<void(QTcpSocket *)> m_onAccepted;
};

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return u"GET"_s;
    case QHttpServerRequest::Method::Post: return u"POST"_s;
    case QHttpServerRequest::Method::Put: return u"PUT"_s;
    case QHttpServerRequest::Method::Delete: return u"DELETE"_s;
    case QHttpServerRequest::Method::Patch: return u"PATCH"_s;
    case QHttpServerRequest::Method::Head: return u"HEAD"_s;
    case QHttpServerRequest::Method::Options: return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Connect: return u"CONNECT"_s;
    case QHttpServerRequest::Method::Trace: return u"TRACE"_s;
    default: return u"UNKNOWN"_s;
    }
}

bool isSupportedMethod(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
    case QHttpServerRequest::Method::Post:
    case QHttpServerRequest::Method::Put:
    case QHttpServerRequest::Method::Delete:
    case QHttpServerRequest::Method::Patch:
        return true;
    default:
        return false;
    }
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The request-target of a request line, whole and split into path and query, still
// percent-encoded.
struct RawTarget
{
    QByteArray whole;
    QByteArray path;
    QByteArray query;
};

// Splits a request line the way QtHttpServer 6.4 does (method, spaces, target, spaces,
// version) and the target into path and query. Accepts origin-form ("/a/b?q") and
// absolute-form ("http://host/a/b?q"); anything else yields a path not starting with '/'.
std::optional<RawTarget> splitRequestLine(const QByteArray &line, QByteArray *method)
{
    qsizetype i = line.indexOf(' ');
    if (i < 0)
        return std::nullopt;
    *method = line.first(i);
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    const qsizetype end = line.indexOf(' ', i);
    if (end < 0)
        return std::nullopt;
    QByteArray target = line.sliced(i, end - i);
    RawTarget result;
    result.whole = target;

    if (const qsizetype fragment = target.indexOf('#'); fragment >= 0)
        target.truncate(fragment);
    if (const qsizetype query = target.indexOf('?'); query >= 0) {
        result.query = target.sliced(query + 1);
        target.truncate(query);
    }
    if (const qsizetype scheme = target.indexOf("://"); scheme > 0 && !target.first(scheme).contains('/')) {
        const qsizetype pathStart = target.indexOf('/', scheme + 3);
        target = pathStart >= 0 ? target.sliced(pathStart) : QByteArray();
    }
    result.path = target;
    return result;
}

// Percent-decodes a path strictly: every '%' starts two hex digits and the decoded
// bytes are UTF-8.
std::optional<QString> decodePath(const QByteArray &encoded, QString *error)
{
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded.at(i) != '%')
            continue;
        if (i + 2 >= encoded.size() || !isHex(encoded.at(i + 1)) || !isHex(encoded.at(i + 2))) {
            *error = u"has invalid percent-encoding"_s;
            return std::nullopt;
        }
        i += 2;
    }
    QStringDecoder toUtf16(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    QString decoded = toUtf16(QByteArray::fromPercentEncoding(encoded));
    if (toUtf16.hasError()) {
        *error = u"is not UTF-8 once percent-decoded"_s;
        return std::nullopt;
    }
    return decoded;
}

// Turns an absolute path into a Portolan address: no empty segments, no "." segments.
// Rejects what cannot name an address: a relative path, control characters and ".."
// (an address never climbs).
std::optional<QString> normaliseAddress(const QString &path, QString *error)
{
    if (!path.startsWith(u'/')) {
        *error = u"must be an absolute path starting with '/'"_s;
        return std::nullopt;
    }
    const bool hasControl = std::any_of(path.cbegin(), path.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control;
    });
    if (hasControl) {
        *error = u"must not contain control characters"_s;
        return std::nullopt;
    }
    QStringList kept;
    const QList<QStringView> segments = QStringView(path).split(u'/', Qt::SkipEmptyParts);
    kept.reserve(segments.size());
    for (const QStringView segment : segments) {
        if (segment == u".")
            continue;
        if (segment == u"..") {
            *error = u"must not contain '..' segments"_s;
            return std::nullopt;
        }
        kept.append(segment.toString());
    }
    return u"/"_s + kept.join(u'/');
}

// The value of X-Deadline-Ms: a positive decimal integer, capped at the maximum.
std::optional<qint64> parseDeadline(const QByteArray &raw, QString *error)
{
    const QByteArray value = raw.trimmed();
    const bool digitsOnly = !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!digitsOnly) {
        *error = u"X-Deadline-Ms must be a positive integer of milliseconds"_s;
        return std::nullopt;
    }
    bool ok = false;
    const qint64 ms = value.toLongLong(&ok);
    if (!ok) // more digits than fit: far beyond the cap anyway
        return HttpIngress::MaxDeadlineMs;
    if (ms <= 0) {
        *error = u"X-Deadline-Ms must be a positive integer of milliseconds"_s;
        return std::nullopt;
    }
    return std::min(ms, HttpIngress::MaxDeadlineMs);
}

} // namespace

HttpIngress::HttpIngress(QObject *parent)
    : QAbstractHttpServer(parent)
{}

// The sockets are children of the TCP server and die in ~QObject, after it has cut
// every connection to this object, so their signals never reach destroyed members.
HttpIngress::~HttpIngress() = default;

bool HttpIngress::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server && m_server->isListening()) {
        if (error)
            *error = tr("the HTTP ingress is already listening on port %1").arg(m_server->serverPort());
        return false;
    }
    auto *server = new WatchedTcpServer([this](QTcpSocket *socket) { watchConnection(socket); }, this);
    if (!server->listen(address, port)) {
        if (error)
            *error = tr("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(server->errorString());
        delete server;
        return false;
    }
    bind(server);
    m_server = server;
    qCInfo(lcIngress, "HTTP ingress listening on %ls:%u", qUtf16Printable(address.toString()),
           unsigned(server->serverPort()));
    return true;
}

quint16 HttpIngress::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpIngress::setMaxBodyBytes(qsizetype bytes)
{
    m_maxBodyBytes = std::max<qsizetype>(0, bytes);
}

QByteArray HttpIngress::errorBody(int status, const QString &message)
{
    return QJsonDocument(QJsonObject{{u"error"_s, message}, {u"status"_s, status}})
        .toJson(QJsonDocument::Compact);
}

void HttpIngress::respond(quint64 ticket, int status, const QByteArray &body,
                          const QByteArray &contentType)
{
    if (status < 200 || status > 599) {
        // 1xx would leave the client waiting for a final answer that never comes.
        qCWarning(lcIngress, "ticket %llu answered with invalid HTTP status %d; sending 500",
                  ticket, status);
        answer(ticket, {500, errorBody(500, tr("invalid answer status %1").arg(status)),
                        QByteArrayLiteral("application/json")});
        return;
    }
    answer(ticket, {status, body, contentType});
}

void HttpIngress::respondError(quint64 ticket, int status, const QString &message)
{
    respond(ticket, status, errorBody(status, message));
}

void HttpIngress::watchConnection(QTcpSocket *socket)
{
    trackConnection(socket);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectIncoming(socket); });
}

void HttpIngress::trackConnection(QTcpSocket *socket)
{
    m_connections.insert(socket, Connection{});
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropConnection(socket); });
    // The pointer is only a key here: it is never dereferenced once destroyed.
    connect(socket, &QObject::destroyed, this, [this, socket] { dropConnection(socket); });
}

// Runs on every readyRead before the HTTP server's parser, so the unread bytes are
// exactly what the parser is about to consume. QtHttpServer 6.4 parses one request per
// readyRead and leaves the next one unread, so when the request line of the previous
// request has been taken (in handleRequest), the unread bytes begin the next request.
void HttpIngress::inspectIncoming(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it;
    const qint64 available = socket->bytesAvailable();
    connection.bytesInRequest += available;
    if (connection.bytesInRequest > qint64(m_maxBodyBytes) + HeaderAllowanceBytes) {
        cutOff(socket);
        return;
    }
    if (connection.requestLineDone)
        return;

    // Whatever part of the line is here the parser consumes now; the rest comes with the
    // next readyRead. Leading blank space is skipped, as the parser does.
    const QByteArray incoming = socket->peek(available);
    for (const char c : incoming) {
        if (connection.requestLine.isEmpty()
            && (c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v')) {
            continue;
        }
        if (c == '\n') {
            if (connection.requestLine.endsWith('\r'))
                connection.requestLine.chop(1);
            connection.requestLineDone = true;
            return;
        }
        connection.requestLine.append(c);
    }
}

void HttpIngress::cutOff(QTcpSocket *socket)
{
    qCInfo(lcIngress, "closing connection from %ls: request exceeds %lld bytes",
           qUtf16Printable(socket->peerAddress().toString()),
           qint64(m_maxBodyBytes) + HeaderAllowanceBytes);
    // Stop the HTTP server from buffering the rest of this request.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    const bool earlierInFlight = !m_connections.value(socket).tickets.isEmpty();
    dropConnection(socket);
    if (!earlierInFlight) {
        // Nothing is owed on this connection before this request, so 413 is its answer.
        const QByteArray body = errorBody(413, tr("request exceeds the limit of %1 body bytes")
                                                   .arg(m_maxBodyBytes));
        socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                      "Connection: close\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    socket->disconnectFromHost();
}

void HttpIngress::dropConnection(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const QList<quint64> tickets = it->tickets;
    m_connections.erase(it);
    for (const quint64 ticket : tickets) {
        const auto exchange = m_exchanges.find(ticket);
        if (exchange == m_exchanges.end())
            continue;
        if (!exchange->second.reply) {
            --m_awaitingAnswer;
            qCDebug(lcIngress, "client went away before ticket %llu was answered", ticket);
        }
        m_exchanges.erase(exchange);
    }
}

quint64 HttpIngress::openExchange(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const quint64 ticket = m_nextTicket++;
    m_exchanges.try_emplace(ticket, makeResponder(request, socket), socket,
                            request.method() == QHttpServerRequest::Method::Head);
    m_connections[socket].tickets.append(ticket);
    ++m_awaitingAnswer;
    return ticket;
}

void HttpIngress::answer(quint64 ticket, Reply reply)
{
    const auto it = m_exchanges.find(ticket);
    if (it == m_exchanges.end() || it->second.reply)
        return; // unknown, dropped with its connection, or answered already
    --m_awaitingAnswer;
    QTcpSocket *socket = it->second.socket.data();
    it->second.reply = std::move(reply);
    if (socket)
        flush(socket);
    else
        m_exchanges.erase(it);
}

void HttpIngress::answerDirectly(const QHttpServerRequest &request, QTcpSocket *socket,
                                 int status, const QByteArray &body)
{
    // Through an exchange like any other, so it cannot overtake earlier pipelined requests.
    answer(openExchange(request, socket), {status, body, QByteArrayLiteral("application/json")});
}

void HttpIngress::flush(QTcpSocket *socket)
{
    const auto connection = m_connections.find(socket);
    if (connection == m_connections.end())
        return;
    QList<quint64> &queue = connection->tickets;
    while (!queue.isEmpty()) {
        const auto it = m_exchanges.find(queue.constFirst());
        if (it == m_exchanges.end()) {
            queue.removeFirst();
            continue;
        }
        Exchange &exchange = it->second;
        if (!exchange.reply)
            return; // the next response in line is not ready yet
        if (exchange.socket && exchange.socket->state() == QAbstractSocket::ConnectedState) {
            const Reply &reply = *exchange.reply;
            const auto status = QHttpServerResponder::StatusCode(reply.status);
            // No body after HEAD, 204 or 304: the client would read it as the next response.
            if (exchange.headRequest || reply.status == 204 || reply.status == 304) {
                exchange.responder.writeStatusLine(status);
                exchange.responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
                exchange.responder.writeHeader(QByteArrayLiteral("Content-Length"),
                                               QByteArray::number(exchange.headRequest
                                                                      ? reply.body.size()
                                                                      : 0));
                exchange.responder.writeBody(QByteArray());
            } else {
                exchange.responder.write(reply.body, reply.contentType, status);
            }
        }
        m_exchanges.erase(it);
        queue.removeFirst();
    }
}

bool HttpIngress::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return true; // the client is gone (or was cut off); nobody to answer
    auto connection = m_connections.find(socket);
    if (connection == m_connections.end()) {
        // A connection that did not come through listen() (QAbstractHttpServer::bind()):
        // answered all the same, from the parsed URL since its bytes were not watched.
        trackConnection(socket);
        connection = m_connections.find(socket);
    }

    // This request is complete: what arrives from now on belongs to the next one.
    QByteArray requestLine;
    if (connection->requestLineDone)
        requestLine = std::exchange(connection->requestLine, {});
    connection->requestLine.clear();
    connection->requestLineDone = false;
    connection->bytesInRequest = 0;

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    int status = 400;
    QString error;
    std::optional<IngressRequest> translated = translate(request, requestLine, nowMs, &status, &error);
    if (!translated) {
        if (status == 200) { // a reserved path the ingress answers itself
            answerDirectly(request, socket, 200, QByteArrayLiteral("{\"status\":\"ok\"}"));
            return true;
        }
        qCDebug(lcIngress, "rejecting %ls %ls with %d: %ls",
                qUtf16Printable(methodName(request.method())),
                qUtf16Printable(request.url().path(QUrl::FullyEncoded)), status,
                qUtf16Printable(error));
        answerDirectly(request, socket, status, errorBody(status, error));
        return true;
    }
    translated->ticket = openExchange(request, socket);
    Q_EMIT requestArrived(*translated);
    return true;
}

void HttpIngress::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() takes every request; this only runs if that ever changes.
    answerDirectly(request, socket, 404, errorBody(404, tr("no handler for this request")));
}

// Validates a request and builds its message. On failure returns nullopt with the HTTP
// status and the reason; status 200 means "a reserved path answered by the ingress".
std::optional<IngressRequest> HttpIngress::translate(const QHttpServerRequest &request,
                                                     const QByteArray &requestLine,
                                                     qint64 nowMs, int *status,
                                                     QString *error) const
{
    const QHttpServerRequest::Method method = request.method();
    const QUrl url = request.url();
    QByteArray lineMethod;
    std::optional<RawTarget> target = splitRequestLine(requestLine, &lineMethod);
    if (target) {
        // The captured line must be the one the parser read: same method, and the same
        // path and query once read the way QtHttpServer 6.4 reads a target.
        const QUrl asQtReadsIt = QUrl::fromEncoded(target->whole);
        const bool sameLine =
            (method == QHttpServerRequest::Method::Unknown
             || lineMethod == methodName(method).toLatin1())
            && asQtReadsIt.path(QUrl::FullyEncoded) == url.path(QUrl::FullyEncoded)
            && asQtReadsIt.query(QUrl::FullyEncoded) == url.query(QUrl::FullyEncoded);
        if (!sameLine)
            target.reset();
    }
    if (!target) {
        // Not expected with QtHttpServer 6.4's parser; fall back to its repaired URL.
        qCWarning(lcIngress, "request line not captured; using the parsed URL");
        target = RawTarget{{}, url.path(QUrl::FullyEncoded).toLatin1(),
                           url.query(QUrl::FullyEncoded).toLatin1()};
    }

    QString reason;
    std::optional<QString> address;
    if (const std::optional<QString> decoded = decodePath(target->path, &reason))
        address = normaliseAddress(*decoded, &reason);
    if (!address) {
        *status = 400;
        *error = tr("path %1").arg(reason);
        return std::nullopt;
    }

    if (*address == kReservedPrefix || address->startsWith(kReservedPrefix + u'/')) {
        if (*address != kHealthPath) {
            *status = 404;
            *error = tr("%1 is reserved for the ingress itself").arg(kReservedPrefix);
        } else if (method != QHttpServerRequest::Method::Get) {
            *status = 405;
            *error = tr("%1 only answers GET").arg(kHealthPath);
        } else {
            *status = 200;
        }
        return std::nullopt;
    }

    if (!isSupportedMethod(method)) {
        *status = 405;
        *error = tr("method %1 is not supported; use GET, POST, PUT, DELETE or PATCH")
                     .arg(lineMethod.isEmpty() ? methodName(method) : QString::fromLatin1(lineMethod));
        return std::nullopt;
    }

    const QByteArray body = request.body();
    if (body.size() > m_maxBodyBytes) {
        *status = 413;
        *error = tr("body of %1 bytes exceeds the limit of %2 bytes")
                     .arg(body.size())
                     .arg(m_maxBodyBytes);
        return std::nullopt;
    }

    IngressRequest result;
    const QByteArray replyToRaw = request.value(QByteArrayLiteral("Reply-To"));
    if (!replyToRaw.isEmpty()) {
        const std::optional<QString> replyTo =
            normaliseAddress(QString::fromUtf8(replyToRaw.trimmed()), &reason);
        if (!replyTo) {
            *status = 400;
            *error = tr("Reply-To %1").arg(reason);
            return std::nullopt;
        }
        result.envelope.replyTo = *replyTo;
        result.waitForAnswer = false;
    }

    qint64 deadlineIn = DefaultDeadlineMs;
    const QByteArray deadlineRaw = request.value(QByteArrayLiteral("X-Deadline-Ms"));
    if (!deadlineRaw.isEmpty()) {
        const std::optional<qint64> parsed = parseDeadline(deadlineRaw, &reason);
        if (!parsed) {
            *status = 400;
            *error = reason;
            return std::nullopt;
        }
        deadlineIn = *parsed;
    }
    result.deadlineMs = nowMs + deadlineIn;

    Wire::Envelope &envelope = result.envelope;
    envelope.address = *address;
    envelope.body = body;
    envelope.createdMs = nowMs;
    envelope.deadlineMs = result.deadlineMs;
    envelope.setHeader(u"Method"_s, methodName(method));
    if (!target->query.isEmpty())
        envelope.setHeader(u"Query"_s, QString::fromUtf8(target->query));
    const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
    if (!contentType.isEmpty())
        envelope.setHeader(u"Content-Type"_s, QString::fromUtf8(contentType));
    const auto headers = request.headers();
    for (const auto &[name, value] : headers) {
        if (name.size() > 2 && name.first(2).compare("x-", Qt::CaseInsensitive) == 0)
            envelope.setHeader(QString::fromUtf8(name), QString::fromUtf8(value));
    }
    return result;
}

} // namespace Portolan::Node
