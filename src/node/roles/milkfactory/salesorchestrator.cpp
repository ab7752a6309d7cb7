#include "node/roles/milkfactory/salesorchestrator.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;
using MilkFactory::SaleProcess;

namespace {

Q_LOGGING_CATEGORY(lcSales, "portolan.node.milkfactory.sales")

const QString saleKind = u"sale"_s;
const QString retryAddress = u"/sales/retry"_s;

int statusFor(SaleProcess::State state)
{
    switch (state) {
    case SaleProcess::State::Completed:
        return 200;
    case SaleProcess::State::Failed:
        return 422;
    case SaleProcess::State::TimedOut:
        return 504;
    case SaleProcess::State::Running:
        break;
    }
    return 202;
}

} // namespace

QString SalesOrchestratorRole::name() const
{
    return u"sales-orchestrator"_s;
}

void SalesOrchestratorRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_customers = int(qMax(qint64(0), Pugs::integerOf(params.value(u"customers"_s), 0)));
    m_rate = qMax(0.001, Pugs::numberOf(params.value(u"rate"_s), 1));
    m_startDelayMs = qMax(qint64(0), Pugs::integerOf(params.value(u"startDelayMs"_s), 0));
    m_partners = int(qMax(qint64(1), Pugs::integerOf(params.value(u"partners"_s), 10)));
    m_approvalEvery = int(qMax(qint64(0), Pugs::integerOf(params.value(u"approvalEvery"_s), 0)));
    m_ttlMs = qMax(qint64(1), Pugs::integerOf(params.value(u"ttlMs"_s), 3000));
    m_stepTimeoutMs = qMax(qint64(1), Pugs::integerOf(params.value(u"stepTimeoutMs"_s), 8000));
    if (const std::optional<MilkFactory::RetryRooms> rooms = MilkFactory::RetryRooms::fromJson(params.value(u"rooms"_s)))
        m_rooms = *rooms;
    else if (params.contains(u"rooms"_s))
        qCWarning(lcSales) << "param \"rooms\" must be a list of addresses; retrying nothing";
    m_startedAtMs = context.nowMs();
    restore();

    context.subscribe(u"/sales"_s);
    context.subscribe(BusRecord::EventBus, u"sales"_s);
    context.subscribe(u"/partners/events"_s, u"sales"_s);
    context.subscribe(u"/cases/events"_s, u"sales"_s);
    context.subscribe(u"/billing/events"_s, u"sales"_s);
    context.subscribe(BusRecord::ErrorsAddress, u"sales"_s);
}

void SalesOrchestratorRole::restore()
{
    EntityStore &store = m_context->store();
    const QList<QJsonObject> records = store.records(saleKind);
    for (const QJsonObject &record : records) {
        std::optional<SaleProcess> sale = SaleProcess::fromJson(record);
        if (!sale)
            continue;
        // Commands in flight when the previous process stopped are not known to have
        // arrived; the step's watchdog decides, and a timed-out sale can be resumed.
        m_byRequest.insert(sale->requestId(), sale->customer());
        m_sales.insert(sale->customer(), *sale);
    }
    if (const std::optional<QJsonObject> meta = store.record(u"meta"_s, u"background"_s)) {
        m_nextCustomer = int(Pugs::integerOf(meta->value(u"next"_s), 1));
        m_startedAtMs = Pugs::integerOf(meta->value(u"startedMs"_s), m_startedAtMs);
    } else {
        store.putRecord(u"meta"_s, u"background"_s, {{u"next"_s, 1}, {u"startedMs"_s, m_startedAtMs}});
    }
}

QJsonObject SalesOrchestratorRole::backgroundOrder(int n) const
{
    static const QStringList chocolates{u"none"_s, u"milk"_s, u"dark"_s, u"white"_s};
    const bool big = m_approvalEvery > 0 && n % m_approvalEvery == 0;
    return {{u"customer"_s, u"c%1"_s.arg(n)},
            {u"country"_s, u"CH"_s},
            {u"partner"_s, u"P-%1"_s.arg(1 + n % m_partners)},
            {u"quantity"_s, big ? 120 + n % 20 : 2 + n % 5},
            {u"profile"_s, QJsonObject{{u"fat"_s, 5 + (n * 7) % 30},
                                       {u"sugar"_s, (n * 13) % 40},
                                       {u"chocolate"_s, chocolates.at(n % 4)}}},
            {u"changes"_s, QJsonObject{{u"fat"_s, 3 + (n * 11) % 35}, {u"chocolate"_s, chocolates.at((n + 1) % 4)}}}};
}

// ---- messages ------------------------------------------------------------------------

void SalesOrchestratorRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);

    if (path == retryAddress) {
        retryReturned(message);
    } else if (path == BusRecord::ErrorsAddress) {
        onError(message);
    } else if (path == BusRecord::EventBus || path == u"/partners/events" || path == u"/cases/events"
               || path == u"/billing/events") {
        onEvent(message);
    } else if (path == u"/sales") {
        if (fields.method() == u"GET") {
            replyJson(message, telemetry(), 200);
        } else if (fields.isWrite()) {
            order(message, fields);
        } else {
            replyJson(message, {{u"error"_s, u"sales take GET or POST"_s}}, 405);
        }
    } else if (path.startsWith(u"/sales/")) {
        const QStringList parts = path.mid(u"/sales/"_s.size()).split(u'/');
        const QString customer = parts.value(0);
        if (parts.size() == 1 && fields.method() == u"GET") {
            const auto sale = m_sales.constFind(customer);
            if (sale == m_sales.cend())
                replyJson(message, {{u"error"_s, QString(u"no sale for "_s + customer)}}, 404);
            else
                replyJson(message, sale->summary(), 200);
        } else if (parts.size() == 2 && parts.at(1) == u"resume" && fields.isWrite()) {
            resume(message, customer, fields);
        } else if (parts.size() == 3 && parts.at(1) == u"steps" && fields.isWrite()) {
            resendStep(message, customer, parts.at(2));
        } else {
            replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
        }
    } else {
        replyJson(message, {{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    }
}

void SalesOrchestratorRole::order(const Wire::Envelope &request, const Pugs::RequestFields &fields)
{
    QString error;
    std::optional<SaleProcess> sale = SaleProcess::fromOrder(fields.body(), request.header(u"X-Request-Id").toUtf8(),
                                                             m_ttlMs, &error);
    if (!sale) {
        replyJson(request, {{u"error"_s, error}}, 400);
        return;
    }
    const auto known = m_sales.find(sale->customer());
    if (known != m_sales.end()) {
        // The same customer's sale again: one sale per customer. Running, the request
        // waits for its outcome as well; stopped, it is answered with it.
        if (known->isRunning()) {
            known->addWaiter(request.replyTo, request.requestId);
            save(*known);
        } else {
            replyJson(request, known->summary(), statusFor(known->state()));
        }
        return;
    }
    startSale(*sale, &request);
}

void SalesOrchestratorRole::startSale(SaleProcess sale, const Wire::Envelope *request)
{
    sale.start(m_context->nowMs());
    if (request)
        sale.addWaiter(request->replyTo, request->requestId);
    m_byRequest.insert(sale.requestId(), sale.customer());
    auto it = m_sales.insert(sale.customer(), sale);
    m_context->emitEvent(u"sale-started"_s, {{u"requestId"_s, QString::fromUtf8(it->requestId())},
                                             {u"customer"_s, it->customer()},
                                             {u"contractId"_s, it->contractId()},
                                             {u"background"_s, request == nullptr}});
    sendStep(*it);
}

void SalesOrchestratorRole::resume(const Wire::Envelope &request, const QString &customer,
                                   const Pugs::RequestFields &fields)
{
    const auto it = m_sales.find(customer);
    if (it == m_sales.end()) {
        replyJson(request, {{u"error"_s, QString(u"no sale for "_s + customer)}}, 404);
        return;
    }
    if (it->state() != SaleProcess::State::TimedOut) {
        QJsonObject body = it->summary();
        body.insert(u"error"_s, u"only a timed-out sale can be resumed; this one is %1"_s.arg(SaleProcess::stateName(it->state())));
        replyJson(request, body, 409);
        return;
    }
    const QJsonValue ttl = fields.value(u"mustBeProcessedWithinMs"_s);
    if (!ttl.isUndefined())
        it->setTtlMs(qMax(qint64(1), Pugs::integerOf(ttl, it->ttlMs())));
    it->resume(m_context->nowMs());
    it->addWaiter(request.replyTo, request.requestId);
    m_context->emitEvent(u"sale-resumed"_s, {{u"requestId"_s, QString::fromUtf8(it->requestId())},
                                             {u"customer"_s, customer},
                                             {u"step"_s, SaleProcess::stepName(it->step())}});
    sendStep(*it);
}

void SalesOrchestratorRole::resendStep(const Wire::Envelope &request, const QString &customer, const QString &stepName)
{
    const auto it = m_sales.constFind(customer);
    const std::optional<SaleProcess::Step> step = SaleProcess::stepFromName(stepName);
    if (it == m_sales.cend() || !step) {
        replyJson(request, {{u"error"_s, u"no sale for %1 with a step %2"_s.arg(customer, stepName)}}, 404);
        return;
    }
    if (!it->stepDone(*step)) {
        replyJson(request, {{u"error"_s, u"step %1 of %2's sale is not done; nothing to send again"_s.arg(stepName, customer)}},
                  409);
        return;
    }
    // What a user clicking twice does: the same command, under the same command id.
    const SaleProcess::Command command = it->commandFor(*step);
    const QString commandId = it->commandId(*step);
    m_context->send(BusRecord::command(command.address, command.name, commandId, it->contractId(), command.payload,
                                       it->requestId(), m_context->nowMs() + it->ttlMs()));
    m_context->emitEvent(u"command-resent"_s, {{u"requestId"_s, QString::fromUtf8(it->requestId())},
                                               {u"customer"_s, customer},
                                               {u"step"_s, stepName},
                                               {u"commandId"_s, commandId}});
    replyJson(request, {{u"resent"_s, stepName}, {u"command"_s, command.name}, {u"commandId"_s, commandId}}, 202);
}

void SalesOrchestratorRole::retryReturned(const Wire::Envelope &message)
{
    const BusRecord record(message);
    SaleProcess *sale = saleOf(record.requestId());
    if (!sale || !sale->isRunning() || sale->commandId(sale->step()) != record.commandId())
        return;   // the sale moved on or stopped meanwhile
    // The same command, deadline and id, to where it was first sent.
    Wire::Envelope again = message;
    again.id.clear();
    again.createdMs = 0;
    again.address = message.header(u"Original-Address");
    m_context->emitEvent(u"command-retried"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                {u"customer"_s, sale->customer()},
                                                {u"command"_s, record.name()},
                                                {u"attempt"_s, record.attempt()}});
    send(*sale, sale->step(), std::move(again));
}

void SalesOrchestratorRole::onEvent(const Wire::Envelope &message)
{
    const BusRecord record(message);
    if (record.kind() != BusRecord::Kind::Event)
        return;   // our own commands on the bus, among others
    SaleProcess *sale = saleOf(record.requestId());
    if (!sale || !sale->isRunning())
        return;
    const SaleProcess::Step before = sale->step();
    const SaleProcess::Progress progress = sale->apply(record.name(), record.body());
    if (progress == SaleProcess::Progress::Refused) {
        stop(*sale, SaleProcess::State::Failed, u"APPROVAL_REFUSED"_s,
             u"the approval of contract %1 was refused"_s.arg(sale->contractId()), u"cases"_s);
        return;
    }
    if (progress != SaleProcess::Progress::StepDone) {
        save(*sale);   // prices or an open case noted
        return;
    }
    m_context->emitEvent(u"step-done"_s, {{u"requestId"_s, QString::fromUtf8(sale->requestId())},
                                          {u"customer"_s, sale->customer()},
                                          {u"step"_s, SaleProcess::stepName(before)},
                                          {u"event"_s, record.name()}});
    if (sale->state() == SaleProcess::State::Completed) {
        sale->finish(SaleProcess::State::Completed, m_context->nowMs());
        save(*sale);
        QJsonObject done = sale->summary();
        done.insert(u"requestId"_s, QString::fromUtf8(sale->requestId()));
        m_context->emitEvent(u"sale-completed"_s, {{u"requestId"_s, QString::fromUtf8(sale->requestId())},
                                                   {u"customer"_s, sale->customer()},
                                                   {u"total"_s, done.value(u"total"_s)},
                                                   {u"approvalRequired"_s, done.value(u"approvalRequired"_s)},
                                                   {u"tookMs"_s, done.value(u"tookMs"_s)}});
        answerWaiters(*sale);
        return;
    }
    sale->setStepStartedMs(m_context->nowMs());
    sendStep(*sale);
}

void SalesOrchestratorRole::onError(const Wire::Envelope &message)
{
    const BusRecord record(message);
    if (record.name() != u"ERROR")
        return;
    SaleProcess *sale = saleOf(record.requestId());
    if (!sale || !sale->isRunning())
        return;
    const QJsonObject &body = record.body();
    // An error about another command of this sale (one sent again by hand) does not stop it.
    const QString commandId = body.value(u"commandId"_s).toString();
    if (!commandId.isEmpty() && commandId != sale->commandId(sale->step()))
        return;
    const QString code = body.value(u"code"_s).toString();
    stop(*sale, code == u"DEADLINE_PASSED" ? SaleProcess::State::TimedOut : SaleProcess::State::Failed, code,
         body.value(u"message"_s).toString(), body.value(u"service"_s).toString());
}

void SalesOrchestratorRole::settled(const QByteArray &messageId, bool accepted)
{
    if (const auto park = m_parks.constFind(messageId); park != m_parks.cend()) {
        const QString customer = *park;
        m_parks.erase(park);
        auto sale = m_sales.find(customer);
        if (!accepted && sale != m_sales.end() && sale->isRunning())
            stop(*sale, SaleProcess::State::TimedOut, u"WAITING_ROOM_UNAVAILABLE"_s,
                 u"a command could not be delivered and no waiting room took it for a retry"_s, name());
        return;
    }
    const auto it = m_sent.constFind(messageId);
    if (it == m_sent.cend())
        return;
    const Sent sent = *it;
    m_sent.erase(it);
    auto sale = m_sales.find(sent.customer);
    if (accepted || sale == m_sales.end() || !sale->isRunning() || sale->step() != sent.step)
        return;
    const BusRecord record(sent.command);
    const qint64 now = m_context->nowMs();
    if (sent.command.deadlineMs > 0 && now > sent.command.deadlineMs) {
        stop(*sale, SaleProcess::State::TimedOut, u"DEADLINE_PASSED"_s,
             u"%1 was not taken at %2 before its deadline"_s.arg(record.name(), sent.command.address), name());
        return;
    }
    // Nobody took it: the service is down or out of reach. Worth another try, later.
    const int attempt = record.attempt() + 1;
    const QString reason = u"nobody took %1 at %2"_s.arg(record.name(), sent.command.address);
    std::optional<Wire::Envelope> parked = m_rooms.park(sent.command, attempt, retryAddress, reason);
    if (!parked) {
        stop(*sale, SaleProcess::State::TimedOut, u"RETRIES_EXHAUSTED"_s,
             u"%1 after %2 retries"_s.arg(reason).arg(attempt - 1), name());
        return;
    }
    ++m_retries;
    m_context->emitEvent(u"retry-scheduled"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                {u"customer"_s, sale->customer()},
                                                {u"command"_s, record.name()},
                                                {u"attempt"_s, attempt},
                                                {u"room"_s, parked->address},
                                                {u"reason"_s, reason}});
    m_parks.insert(m_context->send(std::move(*parked)), sale->customer());
}

void SalesOrchestratorRole::tick(qint64 nowMs)
{
    // Background customers, at the configured rate.
    while (m_nextCustomer <= m_customers
           && nowMs >= m_startedAtMs + m_startDelayMs + qint64(double(m_nextCustomer - 1) * 1000.0 / m_rate)) {
        const int n = m_nextCustomer++;
        m_context->store().putRecord(u"meta"_s, u"background"_s, {{u"next"_s, m_nextCustomer}, {u"startedMs"_s, m_startedAtMs}});
        QString error;
        std::optional<SaleProcess> sale = SaleProcess::fromOrder(backgroundOrder(n), {}, m_ttlMs, &error);
        if (sale && !m_sales.contains(sale->customer()))
            startSale(*sale, nullptr);
    }
    // A step whose service never answered: the sale stops, resumable.
    QList<QString> late;
    for (const SaleProcess &sale : std::as_const(m_sales)) {
        if (sale.isRunning() && !sale.waitingForPerson() && nowMs - sale.stepStartedMs() > m_stepTimeoutMs)
            late.append(sale.customer());
    }
    for (const QString &customer : std::as_const(late)) {
        SaleProcess &sale = m_sales[customer];
        stop(sale, SaleProcess::State::TimedOut, u"NO_ANSWER"_s,
             u"no answer to step %1 within %2 ms"_s.arg(SaleProcess::stepName(sale.step())).arg(m_stepTimeoutMs), name());
    }
}

// ---- the process ---------------------------------------------------------------------

void SalesOrchestratorRole::sendStep(SaleProcess &sale)
{
    const SaleProcess::Command command = sale.commandFor(sale.step());
    send(sale, sale.step(),
         BusRecord::command(command.address, command.name, sale.commandId(sale.step()), sale.contractId(),
                            command.payload, sale.requestId(), m_context->nowMs() + sale.ttlMs()));
    save(sale);
}

void SalesOrchestratorRole::send(const SaleProcess &sale, SaleProcess::Step step, Wire::Envelope command)
{
    const Wire::Envelope copy = command;
    m_sent.insert(m_context->send(std::move(command)), Sent{sale.customer(), step, copy});
}

void SalesOrchestratorRole::stop(SaleProcess &sale, SaleProcess::State state, const QString &code,
                                 const QString &message, const QString &service)
{
    const QJsonObject error{{u"code"_s, code}, {u"message"_s, message}, {u"service"_s, service}};
    const QString step = SaleProcess::stepName(sale.step());
    sale.finish(state, m_context->nowMs(), error);
    save(sale);
    m_context->emitEvent(state == SaleProcess::State::TimedOut ? u"sale-timed-out"_s : u"sale-failed"_s,
                         {{u"requestId"_s, QString::fromUtf8(sale.requestId())},
                          {u"customer"_s, sale.customer()},
                          {u"step"_s, step},
                          {u"code"_s, code},
                          {u"service"_s, service},
                          {u"message"_s, message}});
    answerWaiters(sale);
}

void SalesOrchestratorRole::answerWaiters(SaleProcess &sale)
{
    const QJsonArray waiters = sale.takeWaiters();
    save(sale);
    for (const QJsonValue &waiter : waiters) {
        Wire::Envelope request;
        request.replyTo = waiter.toObject().value(u"replyTo"_s).toString();
        request.requestId = waiter.toObject().value(u"requestId"_s).toString().toUtf8();
        replyJson(request, sale.summary(), statusFor(sale.state()));
    }
}

void SalesOrchestratorRole::save(const SaleProcess &sale)
{
    m_context->store().putRecord(saleKind, sale.customer(), sale.toJson());
}

SaleProcess *SalesOrchestratorRole::saleOf(const QByteArray &requestId)
{
    const auto customer = m_byRequest.constFind(requestId);
    if (customer == m_byRequest.cend())
        return nullptr;
    const auto sale = m_sales.find(*customer);
    return sale == m_sales.end() ? nullptr : &*sale;
}

QJsonObject SalesOrchestratorRole::telemetry() const
{
    qint64 running = 0, completed = 0, failed = 0, timedOut = 0, approvals = 0;
    for (const SaleProcess &sale : m_sales) {
        switch (sale.state()) {
        case SaleProcess::State::Running:
            ++running;
            break;
        case SaleProcess::State::Completed:
            ++completed;
            break;
        case SaleProcess::State::Failed:
            ++failed;
            break;
        case SaleProcess::State::TimedOut:
            ++timedOut;
            break;
        }
        if (sale.stepDone(SaleProcess::Step::Approve))
            ++approvals;
    }
    return {{u"sales"_s, QJsonObject{{u"total"_s, qint64(m_sales.size())},
                                     {u"running"_s, running},
                                     {u"completed"_s, completed},
                                     {u"failed"_s, failed},
                                     {u"timedOut"_s, timedOut},
                                     {u"approved"_s, approvals}}},
            {u"background"_s, QJsonObject{{u"started"_s, m_nextCustomer - 1}, {u"of"_s, m_customers}}},
            {u"retries"_s, m_retries}};
}

void SalesOrchestratorRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

} // namespace Portolan::Node
