#include "node/runtime/nodecommandline.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

bool parsePeerEndpoint(const QString &text, PeerEndpoint *out, QString *error)
{
    PeerEndpoint p;
    QString rest = text;
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        p.peer = rest.left(at);
        rest = rest.mid(at + 1);
    }
    const QStringList parts = rest.split(u',');
    const QString hostPort = parts.value(0);
    const qsizetype colon = hostPort.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon > 0 ? hostPort.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535) {
        *error = u"'%1': expected peer@host:port[,cost[,provider]]"_s.arg(text);
        return false;
    }
    p.host = hostPort.left(colon);
    p.port = quint16(port);
    if (parts.size() > 1) {
        p.cost = parts.at(1).toInt(&ok);
        if (!ok || p.cost < 0) {
            *error = u"'%1': the cost must be a non-negative integer"_s.arg(text);
            return false;
        }
    }
    if (parts.size() > 2)
        p.provider = parts.at(2);
    *out = p;
    return true;
}

bool parseNodeCommandLine(const QStringList &arguments, NodeConfig *config, QString *error, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A Portolan node: an interior or edge router of the messaging mesh, or an entity "
        "(store, factory, truck, generator, worker, ...) attached to one."_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption configFile(u"config"_s, u"Read the node's configuration from <file> (JSON); flags override it."_s, u"file"_s);
    const QCommandLineOption id(u"id"_s, u"Node id, unique in the mesh."_s, u"id"_s);
    const QCommandLineOption role(u"role"_s, u"interior, edge, or an entity role."_s, u"role"_s);
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s);
    const QCommandLineOption linkPort(u"link-port"_s, u"Routers: port for links and entities (0 = any)."_s, u"port"_s);
    const QCommandLineOption controlPort(u"control-port"_s, u"Port of the control WebSocket (0 = any)."_s, u"port"_s);
    const QCommandLineOption httpPort(u"http-port"_s, u"Routers: serve the HTTP ingress on <port> (0 = any)."_s, u"port"_s);
    const QCommandLineOption http(u"http"_s, u"Routers: serve the HTTP ingress."_s);
    const QCommandLineOption token(u"token"_s, u"Token the control WebSocket requires."_s, u"token"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Entities: directory of the SQLite database."_s, u"dir"_s);
    const QCommandLineOption dial(u"dial"_s, u"Link to dial: peer@host:port[,cost[,provider]]; repeatable."_s, u"endpoint"_s);
    const QCommandLineOption accept(u"accept"_s, u"Terms for a peer that dials in: peer,cost[,provider]; repeatable."_s, u"terms"_s);
    const QCommandLineOption distribution(u"distribution"_s, u"prefix=mode (closest, balanced, multicast, keyed, unacked); repeatable."_s, u"rule"_s);
    const QCommandLineOption param(u"param"_s, u"Role parameter key=value (value read as JSON when it parses); repeatable."_s, u"pair"_s);
    const QCommandLineOption software(u"software-version"_s, u"Software version to report (upgrade demos)."_s, u"version"_s);
    const QCommandLineOption hello(u"hello-ms"_s, u"Hello interval in ms (default 100)."_s, u"ms"_s);
    parser.addOptions({configFile, id, role, listen, linkPort, controlPort, httpPort, http, token, dataDir,
                       dial, accept, distribution, param, software, hello});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        *helpText = parser.helpText();
        return true;
    }
    if (parser.isSet(version)) {
        *helpText = u"portolan-node " PORTOLAN_VERSION ""_s;
        return true;
    }

    NodeConfig c;
    if (parser.isSet(configFile)) {
        QFile file(parser.value(configFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            *error = u"%1: not a JSON object (%2 at offset %3)"_s.arg(file.fileName(), parseError.errorString())
                         .arg(parseError.offset);
            return false;
        }
        QJsonObject json = doc.object();
        if (!json.contains("id"_L1) && parser.isSet(id))
            json.insert(u"id"_s, parser.value(id));
        if (!NodeConfig::fromJson(json, &c, error)) {
            *error = file.fileName() + u": "_s + *error;
            return false;
        }
    }
    auto port = [&](const QCommandLineOption &option, quint16 *out) {
        bool ok = false;
        const uint value = parser.value(option).toUInt(&ok);
        if (!ok || value > 65535) {
            *error = u"--%1: '%2' is not a port"_s.arg(option.names().constFirst(), parser.value(option));
            return false;
        }
        *out = quint16(value);
        return true;
    };
    if (parser.isSet(id))
        c.id = parser.value(id);
    if (parser.isSet(role))
        c.role = parser.value(role);
    if (parser.isSet(listen) && !c.listenAddress.setAddress(parser.value(listen))) {
        *error = u"--listen: '%1' is not an IP address"_s.arg(parser.value(listen));
        return false;
    }
    if ((parser.isSet(linkPort) && !port(linkPort, &c.linkPort))
        || (parser.isSet(controlPort) && !port(controlPort, &c.controlPort))
        || (parser.isSet(httpPort) && !port(httpPort, &c.httpPort)))
        return false;
    if (parser.isSet(http) || parser.isSet(httpPort))
        c.httpIngress = true;
    if (parser.isSet(token))
        c.token = parser.value(token).toUtf8();
    if (parser.isSet(dataDir))
        c.dataDir = parser.value(dataDir);
    if (parser.isSet(software))
        c.software = parser.value(software);
    if (parser.isSet(hello)) {
        bool ok = false;
        c.helloIntervalMs = parser.value(hello).toUInt(&ok);
        if (!ok || c.helloIntervalMs == 0) {
            *error = u"--hello-ms: expected a positive number"_s;
            return false;
        }
    }
    const QStringList dials = parser.values(dial);
    for (const QString &text : dials) {
        PeerEndpoint p;
        if (!parsePeerEndpoint(text, &p, error)) {
            *error = u"--dial "_s + *error;
            return false;
        }
        c.dial.append(p);
    }
    const QStringList accepts = parser.values(accept);
    for (const QString &text : accepts) {
        const QStringList parts = text.split(u',');
        bool ok = false;
        LinkTerms t{parts.value(0), parts.value(1).toInt(&ok), parts.value(2)};
        if (t.peer.isEmpty() || !ok) {
            *error = u"--accept '%1': expected peer,cost[,provider]"_s.arg(text);
            return false;
        }
        c.accept.append(t);
    }
    const QStringList rules = parser.values(distribution);
    for (const QString &text : rules) {
        const qsizetype eq = text.indexOf(u'=');
        Routing::Distribution d;
        d.prefix = text.left(eq);
        const QString mode = eq > 0 ? text.mid(eq + 1) : QString();
        if (mode == "unacked"_L1) {
            d.mode = Routing::Mode::Multicast;
            d.acked = false;
        } else if (const auto m = Routing::modeFromName(mode)) {
            d.mode = *m;
        } else {
            *error = u"--distribution '%1': expected /prefix=closest|balanced|multicast|keyed|unacked"_s.arg(text);
            return false;
        }
        if (!d.prefix.startsWith(u'/')) {
            *error = u"--distribution '%1': the prefix must start with '/'"_s.arg(text);
            return false;
        }
        c.distributions.append(d);
    }
    const QStringList params = parser.values(param);
    for (const QString &text : params) {
        const qsizetype eq = text.indexOf(u'=');
        if (eq <= 0) {
            *error = u"--param '%1': expected key=value"_s.arg(text);
            return false;
        }
        const QString value = text.mid(eq + 1);
        // Numbers, lists and objects as JSON; anything else as a string.
        const QJsonDocument doc = QJsonDocument::fromJson("[" + value.toUtf8() + "]");
        c.params.insert(text.left(eq), doc.isArray() && doc.array().size() == 1 ? doc.array().at(0) : QJsonValue(value));
    }
    if (c.id.isEmpty()) {
        *error = u"a node needs an id (--id or \"id\" in --config)"_s;
        return false;
    }
    *config = c;
    return true;
}

} // namespace Portolan::Node
