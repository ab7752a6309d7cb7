#include "node/roles/factoryedge/orderdesk.h"

#include "node/roles/factoryedge/addressscheme.h"
#include "node/roles/factoryedge/roleparams.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using FactoryEdge::AddressScheme;

namespace {

Q_LOGGING_CATEGORY(lcDesk, "portolan.node.roles.orderdesk")

const QString purposeOrder = u"order"_s;
const QString orderKind = u"order"_s;
const QString countersKind = u"desk"_s;
const QString countersId = u"counters"_s;
const QString acknowledged = u"acknowledged"_s;
const QString completed = u"completed"_s;

// A rate from a JSON number or a decimal string: orders per second, fractions allowed.
std::optional<double> rateOf(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return 1.0;
    const double rate = Pugs::numberOf(value, -1);
    if (rate < 0 || !std::isfinite(rate))
        return std::nullopt;
    return rate;
}

} // namespace

QString OrderDeskRole::name() const
{
    return u"order-desk"_s;
}

bool OrderDeskRole::readParams()
{
    const QJsonObject raw = m_context->params();
    FactoryEdge::RoleParams params(raw);
    m_address = params.address(u"address"_s);
    if (m_address.isEmpty() && params.ok())
        m_address = AddressScheme::workOrders();
    m_item = params.text(u"item"_s, u"part"_s);
    m_count = params.integer(u"count"_s, 0, 0, std::numeric_limits<qint64>::max() / 2);
    const qint64 retryMs = params.integer(u"retryMs"_s, 1000, 1);
    const qint64 startDelayMs = params.integer(u"startDelayMs"_s, 0);
    const std::optional<double> rate = rateOf(raw.value(u"rate"_s));
    if (!params.ok()) {
        m_error = params.error();
        return false;
    }
    if (!rate) {
        m_error = u"param \"rate\" must be a number >= 0"_s;
        return false;
    }
    m_rate = *rate;
    m_own = AddressScheme::orderDesk(m_context->nodeId());
    m_startAtMs = m_context->nowMs() + startDelayMs;
    m_lastRefillMs = m_startAtMs;
    m_outbox.start(*m_context, retryMs);
    return true;
}

void OrderDeskRole::start(RoleContext &context)
{
    m_context = &context;
    if (!readParams()) {
        qCWarning(lcDesk).noquote() << context.nodeId() << m_error;
        return;
    }
    const QJsonObject c = context.store().record(countersKind, countersId).value_or(QJsonObject{});
    m_stopped = c.value("stopped"_L1).toBool();
    m_issued = Pugs::integerOf(c.value("issued"_L1));
    m_acknowledged = Pugs::integerOf(c.value("acknowledged"_L1));
    m_completed = Pugs::integerOf(c.value("completed"_L1));
    m_madeTwice = Pugs::integerOf(c.value("madeTwice"_L1));
    context.subscribe(m_own);
    context.subscribe(AddressScheme::orderDesks());
}

void OrderDeskRole::tick(qint64 nowMs)
{
    if (!m_context || !m_error.isEmpty())
        return;
    m_outbox.tick(nowMs);
    if (m_stopped || m_draining || limitReached() || nowMs < m_startAtMs) {
        m_lastRefillMs = qMax(m_lastRefillMs, nowMs);
        return;
    }
    // Refilled by elapsed time, so late ticks catch up; capped at a second's worth so a
    // stalled process does not burst without bound.
    const qint64 elapsed = nowMs - m_lastRefillMs;
    m_lastRefillMs = nowMs;
    m_credit = std::min(m_credit + double(qMax<qint64>(0, elapsed)) * m_rate, std::max(1000.0, m_rate * 1000.0));
    while (m_credit >= 1000.0 && !limitReached()) {
        m_credit -= 1000.0;
        issue();
    }
}

void OrderDeskRole::issue()
{
    ++m_issued;
    Wire::Envelope order;
    order.address = m_address;
    order.replyTo = m_own + u"/done"_s;
    order.setHeader(u"Method"_s, u"POST"_s);
    order.body = Pugs::compactJson({{u"item"_s, m_item}, {u"desk"_s, m_context->nodeId()}, {u"number"_s, m_issued}});
    const QByteArray id = m_outbox.send(std::move(order), purposeOrder);
    m_context->store().putRecord(orderKind, QString::fromUtf8(id), {{u"state"_s, u"issued"_s}});
    save();
}

void OrderDeskRole::settled(const QByteArray &messageId, bool accepted)
{
    const std::optional<FactoryEdge::Outbox::Settlement> settlement = m_outbox.settled(messageId, accepted);
    if (!settlement || !settlement->delivered)
        return;   // refused: the outbox issues it again
    EntityStore &store = m_context->store();
    const QString id = QString::fromUtf8(messageId);
    QJsonObject record = store.record(orderKind, id).value_or(QJsonObject{});
    if (record.value("acknowledged"_L1).toBool())
        return;
    record.insert(acknowledged, true);
    store.putRecord(orderKind, id, record);
    ++m_acknowledged;
    save();
}

void OrderDeskRole::handle(const Wire::Envelope &message)
{
    if (!m_context || !m_error.isEmpty())
        return;
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    QString command;
    if (AddressScheme::isUnder(path, m_own))
        command = AddressScheme::below(path, m_own);
    else if (AddressScheme::isUnder(path, AddressScheme::orderDesks()))
        command = AddressScheme::below(path, AddressScheme::orderDesks());
    else
        return;

    if (command == "done"_L1) {
        recordCompletion(message);
    } else if (command == "stop"_L1 || command == "start"_L1) {
        setStopped(command == "stop"_L1);
        m_context->reply(message, Pugs::compactJson(status()), 200);
    } else if (command.isEmpty() || command == "status"_L1) {
        m_context->reply(message, Pugs::compactJson(status()), 200);
    } else {
        m_context->reply(message,
                         Pugs::compactJson({{u"error"_s, u"unknown desk command \"%1\" (stop, start, status)"_s.arg(command)}}),
                         400);
    }
}

void OrderDeskRole::recordCompletion(const Wire::Envelope &report)
{
    EntityStore &store = m_context->store();
    const QString id = QString::fromUtf8(report.requestId);
    std::optional<QJsonObject> record = store.record(orderKind, id);
    if (!record)
        return;   // not one of ours
    const QString factory = report.header(u"From");
    if (record->value(completed).toBool()) {
        // The same order reported by a second factory: it was made twice (at-least-once
        // delivery across a link that failed just after the first factory took it).
        const QString first = record->value("factory"_L1).toString();
        if (!factory.isEmpty() && factory != first && !record->value("madeTwice"_L1).toBool()) {
            record->insert(u"madeTwice"_s, true);
            store.putRecord(orderKind, id, *record);
            ++m_madeTwice;
            save();
        }
        return;
    }
    record->insert(completed, true);
    record->insert(u"factory"_s, factory);
    store.putRecord(orderKind, id, *record);
    ++m_completed;
    save();
}

void OrderDeskRole::setStopped(bool stopped)
{
    if (m_stopped == stopped)
        return;
    m_stopped = stopped;
    m_credit = 0;
    m_lastRefillMs = m_context->nowMs();
    save();
    m_context->emitEvent(stopped ? u"orders-stopped"_s : u"orders-started"_s,
                         {{u"issued"_s, m_issued}, {u"acknowledged"_s, m_acknowledged}, {u"completed"_s, m_completed}});
}

void OrderDeskRole::save()
{
    m_context->store().putRecord(countersKind, countersId, {{u"stopped"_s, m_stopped},
                                                            {u"issued"_s, m_issued},
                                                            {u"acknowledged"_s, m_acknowledged},
                                                            {u"completed"_s, m_completed},
                                                            {u"madeTwice"_s, m_madeTwice}});
}

QJsonObject OrderDeskRole::status() const
{
    QJsonObject s = telemetry();
    s.insert(u"desk"_s, m_context->nodeId());
    return s;
}

QJsonObject OrderDeskRole::telemetry() const
{
    QJsonObject t{{u"address"_s, m_address},
                  {u"rate"_s, m_rate},
                  {u"count"_s, m_count},
                  {u"stopped"_s, m_stopped},
                  {u"issued"_s, m_issued},
                  {u"acknowledged"_s, m_acknowledged},
                  {u"completed"_s, m_completed},
                  {u"open"_s, m_acknowledged - m_completed},
                  {u"madeTwice"_s, m_madeTwice},
                  {u"pendingMessages"_s, qint64(m_outbox.pending())},
                  {u"retries"_s, m_outbox.retries()}};
    if (!m_error.isEmpty())
        t.insert(u"error"_s, m_error);
    return t;
}

bool OrderDeskRole::drain()
{
    // Issue nothing new; drained once every issued order is acknowledged.
    m_draining = true;
    return !m_context || !m_error.isEmpty() || m_outbox.pending() == 0;
}

} // namespace Portolan::Node
