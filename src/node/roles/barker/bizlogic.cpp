#include "node/roles/barker/bizlogic.h"

#include "node/roles/barker/bark.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {
Q_LOGGING_CATEGORY(lcBizlogic, "portolan.node.barker.bizlogic")
}

QString BizlogicRole::name() const
{
    return u"bizlogic"_s;
}

QStringList BizlogicRole::tokens(const QString &text, QChar marker)
{
    // A marker at the start or after a non-word character, then word characters.
    static const QRegularExpression word(uR"((?:^|(?<=[^\w]))([#@])(\w+))"_s,
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList found;
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(1).at(0) != marker)
            continue;
        const QString token = marker + match.captured(2);
        if (!found.contains(token))
            found.append(token);
    }
    return found;
}

bool BizlogicRole::readParams(const QJsonObject &params)
{
    m_service = params.value(u"service"_s).toString(u"bizlogic"_s);
    m_rank = int(Pugs::integerOf(params.value(u"rank"_s), 1));
    m_outbox = params.value(u"outbox"_s).toString(u"outbox"_s);
    const std::optional<Policy> policy = policyFromName(params.value(u"policy"_s).toString(u"round-robin"_s));
    m_window = int(Pugs::integerOf(params.value(u"window"_s), 32));
    m_retryMs = Pugs::integerOf(params.value(u"retryMs"_s), 250);
    m_heartbeatMs = Pugs::integerOf(params.value(u"heartbeatMs"_s), 250);
    m_maxLength = int(Pugs::integerOf(params.value(u"maxLength"_s), 280));
    m_receipts = params.value(u"receipts"_s).toBool(true);
    if (!policy || m_window < 1 || m_retryMs < 1 || m_heartbeatMs < 10 || m_maxLength < 1 || m_service.isEmpty()
        || m_outbox.isEmpty()) {
        m_error = u"params: policy failover or round-robin, window/retryMs/maxLength >= 1, heartbeatMs >= 10"_s;
        return false;
    }
    m_policy = *policy;
    m_address = u"/barker/%1/%2"_s.arg(m_service, m_context->nodeId());
    return true;
}

void BizlogicRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams(context.params())) {
        qCWarning(lcBizlogic).noquote() << context.nodeId() << m_error;
        return;
    }
    m_tally.load(context.store());
    m_directory.start(context, m_heartbeatMs);
    m_directory.watch(m_outbox);
    m_queue.start(context, &m_directory, ForwardQueue::Target{{}, m_outbox, m_policy, m_receipts}, m_window,
                  m_retryMs);
    context.setOutstanding(int(m_queue.depth()));
    context.subscribe(m_address);
    m_directory.provide(m_service, m_address, m_rank);
}

void BizlogicRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty() || m_directory.handle(message))
        return;
    if (m_queue.handle(message)) {
        m_context->setOutstanding(int(m_queue.depth()));
        return;
    }
    const std::optional<Bark> posted = Bark::fromBody(message.body);
    if (!posted) {
        m_context->reply(message, Pugs::compactJson(QJsonObject{{u"error"_s, u"not a bark"_s}}), 400);
        return;
    }
    Bark bark = *posted;
    EntityStore &store = m_context->store();
    QString reason;
    if (bark.user.trimmed().isEmpty())
        reason = u"no user"_s;
    else if (bark.text.trimmed().isEmpty())
        reason = u"no text"_s;
    else if (bark.text.size() > m_maxLength)
        reason = u"longer than %1 characters"_s.arg(m_maxLength);
    if (!reason.isEmpty()) {
        m_tally.add(store, u"rejected"_s);
        m_context->emitEvent(u"bark-rejected"_s, QJsonObject{{u"bark"_s, bark.id}, {u"user"_s, bark.user},
                                                            {u"reason"_s, reason}});
        return;
    }
    bark.processedBy = m_context->nodeId();
    bark.processedMs = m_context->nowMs();
    bark.hashtags = tokens(bark.text, u'#');
    bark.mentions = tokens(bark.text, u'@');
    // The inbox's receipt waits until an outbox has the bark: a bark this instance holds
    // when it dies is still the inbox's to send elsewhere.
    const QString receiptTo = message.replyTo.startsWith(u"/barker/receipts/") ? message.replyTo : QString();
    if (m_queue.push(bark.id, bark.toJson(), receiptTo))
        m_tally.add(store, u"processed"_s);
    m_context->setOutstanding(int(m_queue.depth()));
}

void BizlogicRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    m_directory.tick(nowMs);
    if (!m_draining)
        m_queue.tick(nowMs);
}

void BizlogicRole::settled(const QByteArray &messageId, bool accepted)
{
    if (m_context && m_queue.settled(messageId, accepted))
        m_context->setOutstanding(int(m_queue.depth()));
}

QJsonObject BizlogicRole::telemetry() const
{
    QJsonObject t = m_context && m_error.isEmpty() ? m_queue.telemetry() : QJsonObject{};
    const QJsonObject own = m_tally.toJson({u"processed"_s, u"rejected"_s});
    for (auto it = own.begin(); it != own.end(); ++it)
        t.insert(it.key(), it.value());
    t.insert(u"service"_s, m_service);
    t.insert(u"rank"_s, m_rank);
    t.insert(u"policy"_s, policyName(m_policy));
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool BizlogicRole::drain()
{
    if (!m_draining && m_context && m_error.isEmpty())
        m_context->unsubscribe(m_address);
    m_draining = true;
    return m_queue.inFlight() == 0;
}

} // namespace Portolan::Node::Barker
