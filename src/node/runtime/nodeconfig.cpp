#include "node/runtime/nodeconfig.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

bool NodeConfig::isRouter() const
{
    return role == "interior"_L1 || role == "edge"_L1;
}

Wire::NodeKind NodeConfig::kind() const
{
    if (role == "interior"_L1)
        return Wire::NodeKind::Interior;
    if (role == "edge"_L1)
        return Wire::NodeKind::Edge;
    return Wire::NodeKind::Entity;
}

namespace {

// Reads fields with type checks; the first problem wins and names the field.
class FieldReader
{
public:
    explicit FieldReader(QString *error) : m_error(error) {}

    bool ok() const { return m_ok; }

    bool fail(const QString &message)
    {
        if (m_ok && m_error)
            *m_error = message;
        m_ok = false;
        return false;
    }

    void string(const QJsonObject &o, QLatin1StringView key, QString &out, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isString()) {
            fail(u"%1%2: expected a string"_s.arg(where, key));
            return;
        }
        out = v.toString();
    }

    template<typename Int>
    void integer(const QJsonObject &o, QLatin1StringView key, Int &out, qint64 min, qint64 max, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
            fail(u"%1%2: expected an integer in %3..%4"_s.arg(where, key).arg(min).arg(max));
            return;
        }
        out = Int(qint64(d));
    }

    void boolean(const QJsonObject &o, QLatin1StringView key, bool &out, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isBool()) {
            fail(u"%1%2: expected true or false"_s.arg(where, key));
            return;
        }
        out = v.toBool();
    }

    QJsonArray array(const QJsonObject &o, QLatin1StringView key, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(u"%1%2: expected a list"_s.arg(where, key));
            return {};
        }
        return v.toArray();
    }

private:
    QString *m_error;
    bool m_ok = true;
};

} // namespace

bool NodeConfig::fromJson(const QJsonObject &json, NodeConfig *out, QString *error)
{
    NodeConfig c;
    FieldReader r(error);
    const QString top;
    r.string(json, "id"_L1, c.id, top);
    r.string(json, "role"_L1, c.role, top);
    r.string(json, "software"_L1, c.software, top);
    QString token;
    r.string(json, "token"_L1, token, top);
    c.token = token.toUtf8();
    QString listen;
    r.string(json, "listen"_L1, listen, top);
    if (!listen.isEmpty() && !c.listenAddress.setAddress(listen))
        r.fail(u"listen: '%1' is not an IP address"_s.arg(listen));
    r.integer(json, "linkPort"_L1, c.linkPort, 0, 65535, top);
    r.integer(json, "controlPort"_L1, c.controlPort, 0, 65535, top);
    r.integer(json, "httpPort"_L1, c.httpPort, 0, 65535, top);
    r.boolean(json, "httpIngress"_L1, c.httpIngress, top);
    r.string(json, "dataDir"_L1, c.dataDir, top);
    r.integer(json, "helloIntervalMs"_L1, c.helloIntervalMs, 1, 60000, top);
    r.integer(json, "deadIntervals"_L1, c.deadIntervals, 1, 100, top);
    r.integer(json, "retransmitMs"_L1, c.retransmitMs, 10, 600000, top);
    r.integer(json, "tickMs"_L1, c.tickMs, 1, 60000, top);
    if (json.contains("params"_L1)) {
        if (!json.value("params"_L1).isObject())
            r.fail(u"params: expected an object"_s);
        c.params = json.value("params"_L1).toObject();
    }

    const QJsonArray dial = r.array(json, "dial"_L1, top);
    for (qsizetype i = 0; i < dial.size() && r.ok(); ++i) {
        const QString where = u"dial[%1]."_s.arg(i);
        if (!dial.at(i).isObject()) {
            r.fail(u"dial[%1]: expected an object"_s.arg(i));
            break;
        }
        const QJsonObject o = dial.at(i).toObject();
        PeerEndpoint p;
        r.string(o, "peer"_L1, p.peer, where);
        r.string(o, "host"_L1, p.host, where);
        r.integer(o, "port"_L1, p.port, 1, 65535, where);
        r.integer(o, "cost"_L1, p.cost, 0, std::numeric_limits<qint32>::max(), where);
        r.string(o, "provider"_L1, p.provider, where);
        if (r.ok() && p.port == 0)
            r.fail(where + u"port: required"_s);
        c.dial.append(p);
    }
    const QJsonArray accept = r.array(json, "accept"_L1, top);
    for (qsizetype i = 0; i < accept.size() && r.ok(); ++i) {
        const QString where = u"accept[%1]."_s.arg(i);
        const QJsonObject o = accept.at(i).toObject();
        LinkTerms t;
        r.string(o, "peer"_L1, t.peer, where);
        r.integer(o, "cost"_L1, t.cost, 0, std::numeric_limits<qint32>::max(), where);
        r.string(o, "provider"_L1, t.provider, where);
        if (r.ok() && t.peer.isEmpty())
            r.fail(where + u"peer: required"_s);
        c.accept.append(t);
    }
    const QJsonArray distributions = r.array(json, "distributions"_L1, top);
    for (qsizetype i = 0; i < distributions.size() && r.ok(); ++i) {
        const QString where = u"distributions[%1]."_s.arg(i);
        const QJsonObject o = distributions.at(i).toObject();
        Routing::Distribution d;
        QString mode = u"closest"_s;
        r.string(o, "prefix"_L1, d.prefix, where);
        r.string(o, "mode"_L1, mode, where);
        r.boolean(o, "acked"_L1, d.acked, where);
        if (mode == "unacked"_L1) {   // the scenario's shorthand for fire-and-forget multicast
            d.mode = Routing::Mode::Multicast;
            d.acked = false;
        } else if (const auto m = Routing::modeFromName(mode)) {
            d.mode = *m;
        } else {
            r.fail(where + u"mode: '%1' is not closest, balanced, multicast, keyed or unacked"_s.arg(mode));
        }
        if (r.ok() && !d.prefix.startsWith(u'/'))
            r.fail(where + u"prefix: must start with '/'"_s);
        c.distributions.append(d);
    }

    if (r.ok() && c.id.isEmpty())
        r.fail(u"id: required"_s);
    if (!r.ok())
        return false;
    *out = std::move(c);
    return true;
}

QJsonObject NodeConfig::toJson() const
{
    QJsonArray dialJson;
    for (const PeerEndpoint &p : dial)
        dialJson.append(QJsonObject{{u"peer"_s, p.peer}, {u"host"_s, p.host}, {u"port"_s, p.port},
                                    {u"cost"_s, p.cost}, {u"provider"_s, p.provider}});
    QJsonArray acceptJson;
    for (const LinkTerms &t : accept)
        acceptJson.append(QJsonObject{{u"peer"_s, t.peer}, {u"cost"_s, t.cost}, {u"provider"_s, t.provider}});
    QJsonArray distributionJson;
    for (const Routing::Distribution &d : distributions)
        distributionJson.append(QJsonObject{{u"prefix"_s, d.prefix}, {u"mode"_s, Routing::modeName(d.mode)},
                                            {u"acked"_s, d.acked}});
    return QJsonObject{
        {u"id"_s, id}, {u"role"_s, role}, {u"software"_s, software},
        {u"token"_s, QString::fromUtf8(token)}, {u"listen"_s, listenAddress.toString()},
        {u"linkPort"_s, linkPort}, {u"controlPort"_s, controlPort}, {u"httpPort"_s, httpPort},
        {u"httpIngress"_s, httpIngress}, {u"dataDir"_s, dataDir},
        {u"dial"_s, dialJson}, {u"accept"_s, acceptJson}, {u"distributions"_s, distributionJson},
        {u"helloIntervalMs"_s, qint64(helloIntervalMs)}, {u"deadIntervals"_s, qint64(deadIntervals)},
        {u"retransmitMs"_s, qint64(retransmitMs)}, {u"tickMs"_s, qint64(tickMs)},
        {u"params"_s, params},
    };
}

} // namespace Portolan::Node
