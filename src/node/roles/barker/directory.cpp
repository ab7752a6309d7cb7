#include "node/roles/barker/directory.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonArray>

#include <algorithm>
#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {

const QString instanceKind = u"instance"_s;
const QString directoryPath = u"/barker/directory"_s;

} // namespace

QString DirectoryRole::name() const
{
    return u"directory"_s;
}

void DirectoryRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_ttlMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"ttlMs"_s), 1000));
    m_announceMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"announceMs"_s), 1000));
    m_tally.load(context.store());
    // Every instance ever seen is listed, not live until it heartbeats again.
    const QList<QJsonObject> known = context.store().records(instanceKind);
    for (const QJsonObject &record : known) {
        Instance instance;
        instance.address = record.value(u"address"_s).toString();
        instance.rank = record.value(u"rank"_s).toInt();
        m_services[record.value(u"service"_s).toString()].insert(record.value(u"instance"_s).toString(), instance);
    }
    m_lastAnnounceMs = context.nowMs();
    context.subscribe(u"/barker/heartbeats"_s);
    context.subscribe(directoryPath);
}

void DirectoryRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    if (path == u"/barker/heartbeats") {
        heartbeat(fields.body());
        return;
    }
    if (path == directoryPath) {
        QJsonObject services;
        for (auto it = m_services.cbegin(); it != m_services.cend(); ++it)
            services.insert(it.key(), serviceJson(it.key()));
        m_context->reply(message, Pugs::compactJson(QJsonObject{{u"services"_s, services}}), 200);
        return;
    }
    if (path.startsWith(directoryPath + u'/')) {
        const QString service = path.mid(directoryPath.size() + 1);
        m_context->reply(message, Pugs::compactJson(serviceJson(service)), 200);
        return;
    }
    m_context->reply(message, Pugs::compactJson(QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}), 404);
}

void DirectoryRole::heartbeat(const QJsonObject &beat)
{
    const QString service = beat.value(u"service"_s).toString();
    const QString name = beat.value(u"instance"_s).toString();
    if (service.isEmpty() || name.isEmpty())
        return;
    Instance &instance = m_services[service][name];
    const QString address = beat.value(u"address"_s).toString();
    const int rank = beat.value(u"rank"_s).toInt();
    const bool changed = instance.address != address || instance.rank != rank;
    instance.lastSeenMs = m_context->nowMs();
    if (instance.live && !changed)
        return;
    instance.address = address;
    instance.rank = rank;
    const bool cameUp = !instance.live;
    instance.live = true;
    EntityStore &store = m_context->store();
    QJsonObject record = store.record(instanceKind, service + u'/' + name).value_or(QJsonObject{});
    record.insert(u"service"_s, service);
    record.insert(u"instance"_s, name);
    record.insert(u"address"_s, address);
    record.insert(u"rank"_s, rank);
    if (cameUp) {
        record.insert(u"ups"_s, record.value(u"ups"_s).toInt() + 1);
        m_tally.add(store, u"ups"_s);
        m_context->emitEvent(u"instance-up"_s, QJsonObject{{u"service"_s, service}, {u"instance"_s, name},
                                                          {u"address"_s, address}, {u"rank"_s, rank}});
    }
    store.putRecord(instanceKind, service + u'/' + name, record);
    announce(service);
}

void DirectoryRole::tick(qint64 nowMs)
{
    if (!m_context)
        return;
    for (auto service = m_services.begin(); service != m_services.end(); ++service) {
        bool changed = false;
        for (auto it = service->begin(); it != service->end(); ++it) {
            if (!it->live || nowMs - it->lastSeenMs <= m_ttlMs)
                continue;
            it->live = false;
            changed = true;
            EntityStore &store = m_context->store();
            QJsonObject record = store.record(instanceKind, service.key() + u'/' + it.key()).value_or(QJsonObject{});
            record.insert(u"downs"_s, record.value(u"downs"_s).toInt() + 1);
            store.putRecord(instanceKind, service.key() + u'/' + it.key(), record);
            m_tally.add(store, u"downs"_s);
            m_context->emitEvent(u"instance-down"_s, QJsonObject{{u"service"_s, service.key()},
                                                                {u"instance"_s, it.key()},
                                                                {u"silentMs"_s, nowMs - it->lastSeenMs}});
        }
        if (changed)
            announce(service.key());
    }
    if (nowMs - m_lastAnnounceMs >= m_announceMs) {
        // Callers that missed a change, or started since, hear the lists again.
        m_lastAnnounceMs = nowMs;
        const QStringList services = m_services.keys();
        for (const QString &service : services)
            announce(service);
    }
}

QJsonObject DirectoryRole::serviceJson(const QString &service) const
{
    struct Live
    {
        QString name;
        Instance instance;
    };
    QList<Live> live;
    const QMap<QString, Instance> instances = m_services.value(service);
    for (auto it = instances.cbegin(); it != instances.cend(); ++it) {
        if (it->live)
            live.append({it.key(), it.value()});
    }
    std::sort(live.begin(), live.end(), [](const Live &a, const Live &b) {
        return std::tie(a.instance.rank, a.name) < std::tie(b.instance.rank, b.name);
    });
    QJsonArray list;
    for (const Live &l : std::as_const(live))
        list.append(QJsonObject{{u"instance"_s, l.name}, {u"address"_s, l.instance.address}, {u"rank"_s, l.instance.rank}});
    return QJsonObject{{u"service"_s, service}, {u"live"_s, qint64(live.size())}, {u"instances"_s, list},
                       {u"version"_s, m_context->nowMs()}};
}

void DirectoryRole::announce(const QString &service)
{
    Wire::Envelope announcement;
    announcement.address = u"/barker/services"_s;
    announcement.setHeader(u"Method"_s, u"POST"_s);
    announcement.body = Pugs::compactJson(serviceJson(service));
    m_context->send(std::move(announcement));
}

QJsonObject DirectoryRole::telemetry() const
{
    QJsonObject live;
    QJsonObject instances;
    for (auto service = m_services.cbegin(); service != m_services.cend(); ++service) {
        qint64 count = 0;
        for (auto it = service->cbegin(); it != service->cend(); ++it) {
            instances.insert(it.key(), it->live ? 1 : 0);
            count += it->live ? 1 : 0;
        }
        live.insert(service.key(), count);
    }
    QJsonObject t = m_tally.toJson({u"ups"_s, u"downs"_s});
    t.insert(u"live"_s, live);
    t.insert(u"instances"_s, instances);
    t.insert(u"ttlMs"_s, m_ttlMs);
    return t;
}

} // namespace Portolan::Node::Barker
