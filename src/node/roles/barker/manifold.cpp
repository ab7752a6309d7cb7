#include "node/roles/barker/manifold.h"

#include "node/roles/barker/bark.h"
#include "node/roles/pugs/jsonvalues.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {

Q_LOGGING_CATEGORY(lcManifold, "portolan.node.barker.manifold")

QString receiptAddressOf(const Wire::Envelope &message)
{
    // Only another Barker queue asks for a receipt; an HTTP client gets its answer now.
    return message.replyTo.startsWith(u"/barker/receipts/") ? message.replyTo : QString();
}

} // namespace

QString ManifoldRole::name() const
{
    return u"manifold"_s;
}

bool ManifoldRole::readParams(const QJsonObject &params)
{
    m_service = params.value(u"service"_s).toString();
    if (m_service.isEmpty()) {
        m_error = u"param \"service\" is required"_s;
        return false;
    }
    m_rank = int(Pugs::integerOf(params.value(u"rank"_s), 1));
    m_address = params.value(u"address"_s).toString(u"/barker/%1/%2"_s.arg(m_service, m_context->nodeId()));
    const QJsonObject forwardTo = params.value(u"forwardTo"_s).toObject();
    m_forwardTo.address = forwardTo.value(u"address"_s).toString();
    m_forwardTo.service = forwardTo.value(u"service"_s).toString();
    const std::optional<Policy> policy = policyFromName(forwardTo.value(u"policy"_s).toString(u"failover"_s));
    if (m_forwardTo.address.isEmpty() == m_forwardTo.service.isEmpty() || !policy) {
        m_error = u"param \"forwardTo\" needs an address or a service, and a policy failover or round-robin"_s;
        return false;
    }
    m_forwardTo.policy = *policy;
    // A service's instances come and go: wait for their receipts unless told otherwise.
    m_forwardTo.receipts = forwardTo.value(u"receipts"_s).toBool(!m_forwardTo.service.isEmpty());
    m_window = int(Pugs::integerOf(params.value(u"window"_s), 32));
    m_retryMs = Pugs::integerOf(params.value(u"retryMs"_s), 250);
    m_heartbeatMs = Pugs::integerOf(params.value(u"heartbeatMs"_s), 250);
    if (m_window < 1 || m_retryMs < 1 || m_heartbeatMs < 10 || !m_address.startsWith(u'/')) {
        m_error = u"params window and retryMs must be >= 1, heartbeatMs >= 10, address a path"_s;
        return false;
    }
    return true;
}

void ManifoldRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcManifold).noquote() << context.nodeId() << m_error;
        return;
    }
    m_directory.start(context, m_heartbeatMs);
    if (!m_forwardTo.service.isEmpty())
        m_directory.watch(m_forwardTo.service);
    m_queue.start(context, &m_directory, m_forwardTo, m_window, m_retryMs);
    publishDepth();
    context.subscribe(m_address);
    m_directory.provide(m_service, m_address, m_rank);
}

void ManifoldRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty() || m_directory.handle(message))
        return;
    if (m_queue.handle(message)) {
        publishDepth();
        return;
    }
    const QString requestId = QString::fromUtf8(message.requestId.isEmpty() ? message.id : message.requestId);
    std::optional<Bark> bark = Bark::fromPost(message.body, requestId);
    if (!bark) {
        m_context->reply(message, Pugs::compactJson(QJsonObject{{u"error"_s, u"a bark is a JSON object"_s}}), 400);
        return;
    }
    if (bark->postedMs == 0)
        bark->postedMs = m_context->nowMs();   // the inbox: the bark is posted now
    // Written before the sender hears "acked"; a bark seen before is not queued again.
    m_queue.push(bark->id, bark->toJson(), receiptAddressOf(message));
    publishDepth();
    if (!receiptAddressOf(message).isEmpty())
        return;
    m_context->reply(message,
                     Pugs::compactJson(QJsonObject{{u"accepted"_s, true}, {u"bark"_s, bark->id},
                                                   {u"queueDepth"_s, qint64(m_queue.depth())}}),
                     200);
}

void ManifoldRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    m_directory.tick(nowMs);
    if (!m_draining)
        m_queue.tick(nowMs);
}

void ManifoldRole::settled(const QByteArray &messageId, bool accepted)
{
    if (m_context && m_queue.settled(messageId, accepted))
        publishDepth();
}

void ManifoldRole::publishDepth()
{
    m_context->setOutstanding(int(qMin<qsizetype>(m_queue.depth(), 1 << 30)));
}

QJsonObject ManifoldRole::telemetry() const
{
    QJsonObject t = m_context && m_error.isEmpty() ? m_queue.telemetry() : QJsonObject{};
    t.insert(u"service"_s, m_service);
    t.insert(u"address"_s, m_address);
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool ManifoldRole::drain()
{
    // The queue is durable and waits for the restart; only what is in flight is finished.
    if (!m_draining && m_context && m_error.isEmpty())
        m_context->unsubscribe(m_address);
    m_draining = true;
    return m_queue.inFlight() == 0;
}

} // namespace Portolan::Node::Barker
