#include "node/roles/barker/directoryclient.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/roles/role.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {

const QString heartbeats = u"/barker/heartbeats"_s;
const QString announcements = u"/barker/services"_s;
const QString directory = u"/barker/directory"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

} // namespace

std::optional<Policy> policyFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == "failover"_L1)
        return Policy::Failover;
    if (n == "round-robin"_L1 || n == "roundrobin"_L1)
        return Policy::RoundRobin;
    return std::nullopt;
}

QString policyName(Policy policy)
{
    return policy == Policy::Failover ? u"failover"_s : u"round-robin"_s;
}

void DirectoryClient::start(RoleContext &context, qint64 heartbeatMs)
{
    m_context = &context;
    m_heartbeatMs = qMax<qint64>(10, heartbeatMs);
    m_answers = u"/barker/directory-answers/"_s + context.nodeId();
}

void DirectoryClient::provide(const QString &service, const QString &address, int rank)
{
    m_provided.append({service, address, rank});
    beat(m_context->nowMs());
}

void DirectoryClient::watch(const QString &service)
{
    if (m_watched.isEmpty()) {
        m_context->subscribe(announcements);
        m_context->subscribe(m_answers);
    }
    if (m_watched.contains(service))
        return;
    m_watched.append(service);
    lookup(service, m_context->nowMs());
}

void DirectoryClient::beat(qint64 nowMs)
{
    m_lastBeatMs = nowMs;
    for (const Provided &p : std::as_const(m_provided)) {
        Wire::Envelope beat;
        beat.address = heartbeats;
        beat.body = Pugs::compactJson(QJsonObject{{u"service"_s, p.service},
                                                  {u"instance"_s, m_context->nodeId()},
                                                  {u"address"_s, p.address},
                                                  {u"rank"_s, p.rank}});
        m_context->send(std::move(beat));
    }
}

void DirectoryClient::lookup(const QString &service, qint64 nowMs)
{
    m_lookedUpAtMs.insert(service, nowMs);
    Wire::Envelope ask;
    ask.address = directory + u'/' + service;
    ask.replyTo = m_answers;
    ask.setHeader(u"Method"_s, u"GET"_s);
    m_context->send(std::move(ask));
}

void DirectoryClient::tick(qint64 nowMs)
{
    if (!m_context)
        return;
    if (!m_provided.isEmpty() && nowMs - m_lastBeatMs >= m_heartbeatMs)
        beat(nowMs);
    // Until the directory has told us about a service, keep asking.
    for (const QString &service : std::as_const(m_watched)) {
        if (!m_views.contains(service) && nowMs - m_lookedUpAtMs.value(service) >= LookupRetryMs)
            lookup(service, nowMs);
    }
}

bool DirectoryClient::handle(const Wire::Envelope &message)
{
    if (!m_context)
        return false;
    const Pugs::RequestFields fields(message);
    if (!isUnder(fields.path(), announcements) && fields.path() != m_answers)
        return false;
    if (fields.status() == 200)
        apply(fields.body());
    return true;
}

void DirectoryClient::apply(const QJsonObject &announcement)
{
    const QString service = announcement.value(u"service"_s).toString();
    if (!m_watched.contains(service))
        return;
    const qint64 version = qint64(announcement.value(u"version"_s).toDouble());
    View &view = m_views[service];
    if (version < view.version)
        return;   // older than what we have: announcements and answers may cross
    view.version = version;
    view.instances.clear();
    const QJsonArray instances = announcement.value(u"instances"_s).toArray();
    for (const QJsonValue &v : instances) {
        const QJsonObject o = v.toObject();
        view.instances.append({o.value(u"instance"_s).toString(), o.value(u"address"_s).toString(),
                               o.value(u"rank"_s).toInt()});
    }
    std::sort(view.instances.begin(), view.instances.end(), [](const ServiceInstance &a, const ServiceInstance &b) {
        return std::tie(a.rank, a.instance) < std::tie(b.rank, b.instance);
    });
}

QList<ServiceInstance> DirectoryClient::instances(const QString &service) const
{
    return m_views.value(service).instances;
}

std::optional<ServiceInstance> DirectoryClient::pick(const QString &service, Policy policy, quint64 turn) const
{
    const QList<ServiceInstance> live = instances(service);
    if (live.isEmpty())
        return std::nullopt;
    if (policy == Policy::Failover)
        return live.first();
    return live.at(qsizetype(turn % quint64(live.size())));
}

} // namespace Portolan::Node::Barker
