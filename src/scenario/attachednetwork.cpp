#include "scenario/attachednetwork.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Scenario {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

void writePosition(YAML::Emitter &out, const QPointF &p)
{
    out << YAML::Key << "position" << YAML::Value << YAML::Flow << YAML::BeginSeq << qRound(p.x()) << qRound(p.y())
        << YAML::EndSeq;
}

bool isRouterKind(const QString &kind)
{
    return kind == u"interior" || kind == u"edge";
}

} // namespace

AttachedNetwork::AttachedNetwork(QList<DiscoveredNode> nodes)
    : m_nodes(std::move(nodes))
{
    // Routers first, then entities, each by id: the file reads the same however the
    // URLs were ordered.
    std::sort(m_nodes.begin(), m_nodes.end(), [](const DiscoveredNode &x, const DiscoveredNode &y) {
        const bool xr = isRouterKind(x.kind);
        const bool yr = isRouterKind(y.kind);
        if (xr != yr)
            return xr;
        if (xr && x.kind != y.kind)
            return x.kind == u"interior";
        return x.id < y.id;
    });
    collect();
    layOut();
}

const DiscoveredNode *AttachedNetwork::find(const QString &id) const
{
    for (const DiscoveredNode &n : m_nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

void AttachedNetwork::collect()
{
    QSet<QString> seenLinks;
    QSet<QString> missing;
    for (const DiscoveredNode &node : std::as_const(m_nodes)) {
        if (!isRouterKind(node.kind))
            continue;
        QHash<QString, int> providerUse;
        const QJsonObject links = node.telemetry.value("links"_L1).toObject();
        for (auto it = links.constBegin(); it != links.constEnd(); ++it) {
            const QString peer = it.key();
            const QJsonObject link = it.value().toObject();
            LinkInfo info{node.id, peer, qint32(link.value("cost"_L1).toInt(1)), link.value("provider"_L1).toString()};
            if (!info.provider.isEmpty()) {
                ++providerUse[info.provider];
                if (!m_providers.contains(info.provider))
                    m_providers.append(info.provider);
            }
            const DiscoveredNode *other = find(peer);
            if (!other) {
                if (!missing.contains(peer))
                    m_warnings.append(u"%1 has a link to %2, which was not attached; the link is left out"_s.arg(node.id, peer));
                missing.insert(peer);
                continue;
            }
            if (node.kind == u"edge" && other->kind == u"interior") {
                m_uplinks[node.id].append(info);
            } else if (node.kind == u"interior" && other->kind == u"interior") {
                if (info.a > info.b)
                    std::swap(info.a, info.b);
                const QString key = info.a + u'\n' + info.b;
                if (!seenLinks.contains(key)) {
                    seenLinks.insert(key);
                    m_links.append(info);
                }
            }
        }
        QString provider;
        int best = 0;
        for (auto it = providerUse.constBegin(); it != providerUse.constEnd(); ++it) {
            if (it.value() > best || (it.value() == best && it.key() < provider)) {
                best = it.value();
                provider = it.key();
            }
        }
        m_routerProvider.insert(node.id, provider);
        // A router lists the entities attached to it; an entity names its router too.
        const QJsonObject entities = node.telemetry.value("entities"_L1).toObject();
        for (auto it = entities.constBegin(); it != entities.constEnd(); ++it)
            m_entityRouter.insert(it.key(), node.id);
    }
    std::sort(m_links.begin(), m_links.end(),
              [](const LinkInfo &x, const LinkInfo &y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    for (const DiscoveredNode &node : std::as_const(m_nodes)) {
        if (isRouterKind(node.kind))
            continue;
        const QString router = node.telemetry.value("router"_L1).toString();
        if (!router.isEmpty() && find(router))
            m_entityRouter.insert(node.id, router);
        const QString known = m_entityRouter.value(node.id);
        if (known.isEmpty() || !find(known))
            m_warnings.append(u"%1 is attached to %2, which was not attached; it is left out"_s.arg(
                node.id, router.isEmpty() ? u"no router"_s : router));
    }
}

void AttachedNetwork::layOut()
{
    // Interior routers round an inner ellipse, each edge router further out in the
    // direction of its uplinks, entities fanned out beyond their router: readable at once,
    // and the operator drags from there (the layout is saved beside the file).
    const QPointF centre(500, 350);
    QStringList interior;
    for (const DiscoveredNode &n : std::as_const(m_nodes)) {
        if (n.kind == u"interior")
            interior.append(n.id);
    }
    auto onEllipse = [&](double angle, double scale) {
        return centre + QPointF(scale * 420 * std::cos(angle), scale * 300 * std::sin(angle));
    };
    QHash<QString, double> angleOf;
    for (qsizetype i = 0; i < interior.size(); ++i) {
        const double angle = 2 * std::numbers::pi * double(i) / double(interior.size()) - std::numbers::pi / 2;
        angleOf.insert(interior.at(i), angle);
        m_positions.insert(interior.at(i), onEllipse(angle, interior.size() == 1 ? 0 : 0.45));
    }
    int looseEdges = 0;
    for (const DiscoveredNode &n : std::as_const(m_nodes)) {
        if (n.kind != u"edge")
            continue;
        // The mean direction of its uplinks' routers (as a vector, so that -170° and 170°
        // average to 180°, not 0°).
        QPointF direction;
        for (const LinkInfo &u : m_uplinks.value(n.id)) {
            if (angleOf.contains(u.b))
                direction += QPointF(std::cos(angleOf.value(u.b)), std::sin(angleOf.value(u.b)));
        }
        const double angle = direction.isNull() ? std::numbers::pi / 4 * double(++looseEdges)
                                                : std::atan2(direction.y(), direction.x());
        angleOf.insert(n.id, angle);
        m_positions.insert(n.id, onEllipse(angle, 0.8));
    }
    QHash<QString, int> entitiesAt;
    for (const DiscoveredNode &n : std::as_const(m_nodes)) {
        const QString router = m_entityRouter.value(n.id);
        if (isRouterKind(n.kind) || !m_positions.contains(router))
            continue;
        const int k = entitiesAt[router]++;
        // Outward from the centre, spread sideways by 0.35 rad per entity.
        const double angle = angleOf.value(router) + 0.35 * double((k + 1) / 2) * (k % 2 ? 1 : -1);
        m_positions.insert(n.id, m_positions.value(router) + QPointF(70 * std::cos(angle), 70 * std::sin(angle)));
    }
}

QByteArray AttachedNetwork::toYaml(const QString &name, const QDateTime &written) const
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment(utf8(u"Written by portolan --attach on %1 from the nodes it found. Keep it, lay it out in the "
                              u"console, and add a timeline and expectations as in any scenario (docs/scenarios.md)."_s
                                  .arg(written.toString(Qt::ISODate))));
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << utf8(name);
    int routers = 0;
    int entities = 0;
    for (const DiscoveredNode &n : m_nodes)
        (isRouterKind(n.kind) ? routers : entities) += 1;
    const auto count = [](int n, const QString &one, const QString &many) {
        return u"%1 %2"_s.arg(n).arg(n == 1 ? one : many);
    };
    out << YAML::Key << "description" << YAML::Value
        << utf8(u"%1 and %2 running on other hosts, attached through their control ports."_s.arg(
            count(routers, u"router"_s, u"routers"_s), count(entities, u"entity"_s, u"entities"_s)));

    if (!m_providers.isEmpty()) {
        out << YAML::Key << "providers" << YAML::Value << YAML::BeginSeq;
        for (const QString &p : m_providers)
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << utf8(p) << YAML::EndMap;
        out << YAML::EndSeq;
    }

    out << YAML::Key << "routers" << YAML::Value << YAML::BeginSeq;
    for (const DiscoveredNode &n : m_nodes) {
        if (!isRouterKind(n.kind))
            continue;
        out << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << utf8(n.id);
        out << YAML::Key << "kind" << YAML::Value << utf8(n.kind);
        writePosition(out, m_positions.value(n.id));
        if (const QString provider = m_routerProvider.value(n.id); !provider.isEmpty())
            out << YAML::Key << "provider" << YAML::Value << utf8(provider);
        out << YAML::Key << "attach" << YAML::Value << utf8(n.remote.controlUrl());
        const QList<LinkInfo> uplinks = m_uplinks.value(n.id);
        if (!uplinks.isEmpty()) {
            out << YAML::Key << "uplinks" << YAML::Value << YAML::BeginSeq;
            for (const LinkInfo &u : uplinks) {
                out << YAML::Flow << YAML::BeginMap << YAML::Key << "router" << YAML::Value << utf8(u.b);
                out << YAML::Key << "cost" << YAML::Value << u.cost;
                if (!u.provider.isEmpty())
                    out << YAML::Key << "provider" << YAML::Value << utf8(u.provider);
                out << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;

    if (!m_links.isEmpty()) {
        out << YAML::Key << "links" << YAML::Value << YAML::BeginSeq;
        for (const LinkInfo &l : m_links) {
            out << YAML::Flow << YAML::BeginMap;
            out << YAML::Key << "between" << YAML::Value << YAML::Flow << YAML::BeginSeq << utf8(l.a) << utf8(l.b)
                << YAML::EndSeq;
            out << YAML::Key << "cost" << YAML::Value << l.cost;
            if (!l.provider.isEmpty())
                out << YAML::Key << "provider" << YAML::Value << utf8(l.provider);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }

    bool anyEntity = false;
    for (const DiscoveredNode &n : m_nodes) {
        const QString router = m_entityRouter.value(n.id);
        if (isRouterKind(n.kind) || router.isEmpty() || !find(router))
            continue;
        if (!anyEntity)
            out << YAML::Key << "entities" << YAML::Value << YAML::BeginSeq;
        anyEntity = true;
        out << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << utf8(n.id);
        out << YAML::Key << "role" << YAML::Value << utf8(n.role);
        out << YAML::Key << "router" << YAML::Value << utf8(router);
        writePosition(out, m_positions.value(n.id));
        out << YAML::Key << "attach" << YAML::Value << utf8(n.remote.controlUrl());
        out << YAML::EndMap;
    }
    if (anyEntity)
        out << YAML::EndSeq;
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

} // namespace Portolan::Scenario
