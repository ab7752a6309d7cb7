#include "scenario/remotenode.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

QString RemoteNode::controlUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(host);
    url.setPort(controlPort);
    url.setPath(u"/"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, QString::fromUtf8(token));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

std::optional<RemoteNode> RemoteNode::fromControlUrl(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty()) {
        *error = u"'%1' is not a control URL (ws://HOST:PORT/?token=TOKEN)"_s.arg(text);
        return std::nullopt;
    }
    // The control socket is plain WebSocket: wss would need TLS the nodes do not speak.
    if (url.scheme() != u"ws") {
        *error = u"a control URL starts with ws://, got '%1'"_s.arg(url.scheme());
        return std::nullopt;
    }
    if (url.host().isEmpty()) {
        *error = u"the control URL '%1' names no host"_s.arg(text);
        return std::nullopt;
    }
    if (url.port() <= 0) {
        *error = u"the control URL '%1' names no port: give the node's control port"_s.arg(text);
        return std::nullopt;
    }
    const QString token = QUrlQuery(url).queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (token.isEmpty()) {
        *error = u"the control URL '%1' has no token: add ?token=... (the node's \"token\")"_s.arg(text);
        return std::nullopt;
    }
    RemoteNode node;
    node.host = url.host();
    node.controlPort = quint16(url.port());
    node.token = token.toUtf8();
    return node;
}

bool RemoteNode::setLinkAddress(const QString &hostPort, QString *error)
{
    // QUrl parses host and port, brackets around IPv6 included, so borrow it.
    const QUrl url(u"tcp://"_s + hostPort.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0 || !url.path().isEmpty()
        || url.hasQuery() || !url.userInfo().isEmpty()) {
        *error = u"'%1' is not a link address (HOST:PORT)"_s.arg(hostPort);
        return false;
    }
    linkHost = url.host();
    linkPort = quint16(url.port());
    return true;
}

} // namespace Portolan::Scenario
