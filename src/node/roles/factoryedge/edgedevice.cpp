#include "node/roles/factoryedge/edgedevice.h"

#include "node/roles/factoryedge/addressscheme.h"
#include "node/roles/factoryedge/roleparams.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using FactoryEdge::AddressScheme;

namespace {

Q_LOGGING_CATEGORY(lcDevice, "portolan.node.roles.edgedevice")

const QString purposeReport = u"report"_s;
const QString purposeHandoff = u"handoff"_s;
const QString countersKind = u"device"_s;
const QString countersId = u"counters"_s;

// What a job in the backlog keeps of its message: enough to report it done later,
// from this process or the next one after a restart.
QByteArray jobPayload(const Wire::Envelope &message)
{
    return Pugs::compactJson(QJsonObject{{u"requestId"_s, QString::fromLatin1(message.requestId.toBase64())},
                                         {u"replyTo"_s, message.replyTo},
                                         {u"createdMs"_s, message.createdMs}});
}

} // namespace

QString EdgeDeviceRole::name() const
{
    return u"edge-device"_s;
}

bool EdgeDeviceRole::readParams()
{
    FactoryEdge::RoleParams params(m_context->params());
    m_site = params.site(u"site"_s);
    m_number = int(params.requiredInteger(u"number"_s));
    m_kind = params.text(u"kind"_s, u"device"_s);
    m_serviceMs = params.integer(u"serviceMs"_s, 1000);
    m_nextStation = int(params.integer(u"nextStation"_s, 0));
    m_capacity = int(params.integer(u"capacity"_s, 0));
    const qint64 retryMs = params.integer(u"retryMs"_s, 500, 1);
    if (!params.ok()) {
        m_error = params.error();
        return false;
    }
    m_jobs = AddressScheme::jobs(m_site);
    m_commands = AddressScheme::devices(m_site);
    m_own = AddressScheme::device(m_site, m_number);
    m_outbox.start(*m_context, retryMs);
    return true;
}

void EdgeDeviceRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams()) {
        qCWarning(lcDevice).noquote() << context.nodeId() << m_error;
        return;
    }
    EntityStore &store = context.store();
    const QJsonObject counters = store.record(countersKind, countersId).value_or(QJsonObject{});
    m_shutdown = counters.value("shutdown"_L1).toBool();
    m_shutdowns = Pugs::integerOf(counters.value("shutdowns"_L1));
    m_handoffsSent = Pugs::integerOf(counters.value("handoffsSent"_L1));
    m_handoffsDelivered = Pugs::integerOf(counters.value("handoffsDelivered"_L1));
    m_handoffsReceived = Pugs::integerOf(counters.value("handoffsReceived"_L1));
    m_handoffsLocal = Pugs::integerOf(counters.value("handoffsLocal"_L1));
    m_handoffPaths = counters.value("handoffPaths"_L1).toObject();
    // Whatever was being worked when the previous process stopped starts over now.
    m_freeAtMs = context.nowMs();

    context.subscribe(m_commands);
    context.subscribe(m_own);
    if (!m_shutdown)
        context.subscribe(m_jobs, {}, m_capacity);
    publishOutstanding();
    context.emitEvent(u"device-online"_s, {{u"site"_s, m_site},
                                           {u"device"_s, context.nodeId()},
                                           {u"kind"_s, m_kind},
                                           {u"shutdown"_s, m_shutdown},
                                           {u"backlog"_s, qint64(store.backlogSize())}});
}

void EdgeDeviceRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (AddressScheme::isUnder(path, m_jobs)) {
        if (!fields.isWrite()) {
            replyJson(message, {{u"error"_s, u"jobs need POST"_s}}, 405);
            return;
        }
        // Runs inside the runtime's delivery transaction: once the ack goes out, the
        // job is on disk. Idempotent by message id, should a duplicate get through.
        if (m_context->store().enqueue(message.id, jobPayload(message), m_context->nowMs()))
            publishOutstanding();
    } else if (AddressScheme::isUnder(path, m_commands)) {
        QString command = AddressScheme::below(path, m_commands);
        if (command.isEmpty())
            command = fields.text(u"command"_s);
        handleCommand(message, command.isEmpty() && !fields.isWrite() ? u"status"_s : command);
    } else if (AddressScheme::isUnder(path, m_own)) {
        const QString sub = AddressScheme::below(path, m_own);
        if (sub == "handoff"_L1)
            receiveHandoff(message);
        else if (sub.isEmpty() || sub == "status"_L1)
            replyJson(message, status());
        else
            replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    } else {
        qCDebug(lcDevice) << m_context->nodeId() << "ignores" << path;
    }
}

void EdgeDeviceRole::handleCommand(const Wire::Envelope &message, const QString &command)
{
    if (command == "shutdown"_L1) {
        setShutdown(true);
        replyJson(message, status());
    } else if (command == "start"_L1) {
        setShutdown(false);
        replyJson(message, status());
    } else if (command == "status"_L1) {
        replyJson(message, status());
    } else {
        replyJson(message, {{u"error"_s, u"unknown device command \"%1\" (shutdown, start, status)"_s.arg(command)}},
                  400);
    }
}

void EdgeDeviceRole::setShutdown(bool shutdown)
{
    if (m_shutdown == shutdown)
        return;   // a repeated command changes nothing
    m_shutdown = shutdown;
    const qint64 backlog = m_context->store().backlogSize();
    if (shutdown) {
        ++m_shutdowns;
        // Stop being offered jobs; the backlog stays on disk and resumes on "start".
        m_context->unsubscribe(m_jobs);
    } else {
        m_freeAtMs = m_context->nowMs();
        m_context->subscribe(m_jobs, {}, m_capacity);
    }
    saveCounters();
    m_context->emitEvent(shutdown ? u"device-shutdown"_s : u"device-started"_s,
                         {{u"site"_s, m_site}, {u"device"_s, m_context->nodeId()}, {u"backlog"_s, backlog}});
}

void EdgeDeviceRole::receiveHandoff(const Wire::Envelope &message)
{
    // The routers that carried it, as they recorded themselves on the traced message.
    const QString path = message.path.isEmpty() ? u"untraced"_s : message.path.join(u" > "_s);
    ++m_handoffsReceived;
    if (message.path.size() == 1)
        ++m_handoffsLocal;
    m_handoffPaths.insert(path, m_handoffPaths.value(path).toInteger() + 1);
    saveCounters();
}

void EdgeDeviceRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    m_outbox.tick(nowMs);
    if (m_shutdown)
        return;
    EntityStore &store = m_context->store();
    int finished = 0;
    while (finished < MaxCompletionsPerTick) {
        const std::optional<EntityStore::WorkItem> item = store.nextWork();
        if (!item)
            break;
        const qint64 startedMs = qMax(item->enqueuedMs, m_freeAtMs);
        const qint64 finishedMs = startedMs + m_serviceMs;
        if (finishedMs > nowMs)
            break;
        const qsizetype before = store.backlogSize();
        store.complete(item->id);
        if (store.backlogSize() == before)
            break;   // the store refused; the runtime's commit reports it
        m_freeAtMs = finishedMs;
        finishJob(item->id, item->payload, startedMs, finishedMs, item->enqueuedMs);
        ++finished;
    }
    if (finished > 0)
        publishOutstanding();
}

void EdgeDeviceRole::finishJob(const QByteArray &id, const QByteArray &payload, qint64 startedMs, qint64 finishedMs,
                               qint64 enqueuedMs)
{
    const QJsonObject job = QJsonDocument::fromJson(payload).object();
    const QByteArray requestId = QByteArray::fromBase64(job.value("requestId"_L1).toString().toLatin1());
    const QString jobId = QString::fromUtf8(requestId.isEmpty() ? id : requestId);
    const QString replyTo = job.value("replyTo"_L1).toString();
    const qint64 queuedMs = startedMs - enqueuedMs;

    if (!replyTo.isEmpty()) {
        // The report must reach the controller even while the site's router restarts.
        Wire::Envelope report;
        report.address = replyTo;
        report.requestId = requestId.isEmpty() ? id : requestId;
        report.setHeader(u"Method"_s, u"POST"_s);
        report.setHeader(u"Status"_s, u"200"_s);
        report.setHeader(u"From"_s, m_context->nodeId());
        report.setHeader(u"Content-Type"_s, u"application/json"_s);
        report.body = Pugs::compactJson({{u"device"_s, m_context->nodeId()},
                                         {u"site"_s, m_site},
                                         {u"station"_s, m_number},
                                         {u"job"_s, jobId},
                                         {u"queuedMs"_s, queuedMs},
                                         {u"serviceMs"_s, m_serviceMs},
                                         {u"finishedMs"_s, finishedMs}});
        m_outbox.send(std::move(report), purposeReport);
    }
    m_context->emitEvent(u"job-done"_s, {{u"site"_s, m_site},
                                         {u"device"_s, m_context->nodeId()},
                                         {u"job"_s, jobId},
                                         {u"queuedMs"_s, queuedMs},
                                         {u"serviceMs"_s, m_serviceMs},
                                         {u"backlog"_s, qint64(m_context->store().backlogSize())}});

    if (m_nextStation > 0 && m_nextStation != m_number) {
        // Device to device: the part goes on to the next station of the line, traced so
        // the receiver sees the routers it crossed.
        Wire::Envelope handoff;
        handoff.address = AddressScheme::device(m_site, m_nextStation) + u"/handoff"_s;
        handoff.trace = true;
        handoff.setHeader(u"Method"_s, u"POST"_s);
        handoff.body = Pugs::compactJson({{u"from"_s, m_context->nodeId()}, {u"station"_s, m_number}, {u"job"_s, jobId}});
        m_outbox.send(std::move(handoff), purposeHandoff);
        ++m_handoffsSent;
        saveCounters();
    }
}

void EdgeDeviceRole::settled(const QByteArray &messageId, bool accepted)
{
    const std::optional<FactoryEdge::Outbox::Settlement> settlement = m_outbox.settled(messageId, accepted);
    if (!settlement || !settlement->delivered || settlement->purpose != purposeHandoff)
        return;
    ++m_handoffsDelivered;
    saveCounters();
}

void EdgeDeviceRole::saveCounters()
{
    m_context->store().putRecord(countersKind, countersId,
                                 {{u"shutdown"_s, m_shutdown},
                                  {u"shutdowns"_s, m_shutdowns},
                                  {u"handoffsSent"_s, m_handoffsSent},
                                  {u"handoffsDelivered"_s, m_handoffsDelivered},
                                  {u"handoffsReceived"_s, m_handoffsReceived},
                                  {u"handoffsLocal"_s, m_handoffsLocal},
                                  {u"handoffPaths"_s, m_handoffPaths}});
}

void EdgeDeviceRole::publishOutstanding()
{
    const qsizetype backlog = m_context->store().backlogSize();
    m_context->setOutstanding(int(qMin<qsizetype>(backlog, std::numeric_limits<int>::max())));
}

QJsonObject EdgeDeviceRole::status() const
{
    QJsonObject s = telemetry();
    s.insert(u"device"_s, m_context->nodeId());
    return s;
}

void EdgeDeviceRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

QJsonObject EdgeDeviceRole::telemetry() const
{
    QJsonObject t{{u"site"_s, m_site},
                  {u"number"_s, m_number},
                  {u"kind"_s, m_kind},
                  {u"state"_s, m_shutdown ? u"shutdown"_s : u"running"_s},
                  {u"serviceMs"_s, m_serviceMs},
                  {u"nextStation"_s, m_nextStation},
                  {u"shutdowns"_s, m_shutdowns},
                  {u"handoffsSent"_s, m_handoffsSent},
                  {u"handoffsDelivered"_s, m_handoffsDelivered},
                  {u"handoffsReceived"_s, m_handoffsReceived},
                  {u"handoffsLocal"_s, m_handoffsLocal},
                  {u"handoffPaths"_s, m_handoffPaths},
                  {u"pendingMessages"_s, qint64(m_outbox.pending())},
                  {u"retries"_s, m_outbox.retries()}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    if (m_context) {
        EntityStore &store = m_context->store();
        t.insert(u"backlog"_s, qint64(store.backlogSize()));
        t.insert(u"completed"_s, store.completedCount());
    }
    return t;
}

bool EdgeDeviceRole::drain()
{
    // A delivered job cannot be refused (the runtime withdraws the subscriptions while
    // draining), so draining means finishing the backlog, unless the device is shut down
    // and works nothing, and getting every report and hand-off through.
    if (!m_context || !m_error.isEmpty())
        return true;
    return (m_shutdown || m_context->store().backlogSize() == 0) && m_outbox.pending() == 0;
}

} // namespace Portolan::Node
