#include "node/roles/factoryedge/topicmonitor.h"

#include "node/roles/factoryedge/addressscheme.h"
#include "node/roles/factoryedge/roleparams.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using FactoryEdge::AddressScheme;

namespace {

Q_LOGGING_CATEGORY(lcMonitor, "portolan.node.roles.topicmonitor")

const QString countersKind = u"monitor"_s;
const QString countersId = u"counters"_s;

} // namespace

QString TopicMonitorRole::name() const
{
    return u"topic-monitor"_s;
}

void TopicMonitorRole::start(RoleContext &context)
{
    m_context = &context;
    FactoryEdge::RoleParams params(context.params());
    m_topics = params.addresses(u"topics"_s);
    m_group = params.text(u"group"_s);
    if (!params.ok()) {
        m_error = params.error();
        qCWarning(lcMonitor).noquote() << context.nodeId() << m_error;
        return;
    }
    const QJsonObject c = context.store().record(countersKind, countersId).value_or(QJsonObject{});
    m_received = Pugs::integerOf(c.value("received"_L1));
    m_byTopic = c.value("byTopic"_L1).toObject();
    m_bySource = c.value("bySource"_L1).toObject();
    m_lastMs = Pugs::integerOf(c.value("lastMs"_L1));
    for (const QString &topic : std::as_const(m_topics))
        context.subscribe(topic, m_group);
}

void TopicMonitorRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const Pugs::RequestFields fields(message);
    // The longest subscribed topic the message falls under names it.
    QString topic;
    for (const QString &t : std::as_const(m_topics)) {
        if (AddressScheme::isUnder(fields.path(), t) && t.size() > topic.size())
            topic = t;
    }
    if (topic.isEmpty()) {
        qCDebug(lcMonitor) << m_context->nodeId() << "ignores" << fields.path();
        return;
    }
    QString source = fields.text(u"site"_s);
    if (source.isEmpty())
        source = message.header(u"From");
    if (source.isEmpty())
        source = u"unknown"_s;
    const bool first = !m_byTopic.contains(topic);
    ++m_received;
    m_byTopic.insert(topic, m_byTopic.value(topic).toInteger() + 1);
    m_bySource.insert(source, m_bySource.value(source).toInteger() + 1);
    m_lastMs = m_context->nowMs();
    save();
    if (first)
        m_context->emitEvent(u"topic-first-message"_s, {{u"topic"_s, topic}, {u"from"_s, source}});
}

void TopicMonitorRole::save()
{
    m_context->store().putRecord(countersKind, countersId, {{u"received"_s, m_received},
                                                            {u"byTopic"_s, m_byTopic},
                                                            {u"bySource"_s, m_bySource},
                                                            {u"lastMs"_s, m_lastMs}});
}

QJsonObject TopicMonitorRole::telemetry() const
{
    QJsonObject t{{u"topics"_s, m_byTopic},
                  {u"sources"_s, m_bySource},
                  {u"received"_s, m_received},
                  {u"subscribed"_s, qint64(m_topics.size())},
                  {u"lastMs"_s, m_lastMs}};
    if (!m_group.isEmpty())
        t.insert(u"group"_s, m_group);
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

} // namespace Portolan::Node
