#include "node/roles/milkfactory/pricing.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/milkfactory/enveloperecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;
using MilkFactory::EnvelopeRecord;

namespace {

Q_LOGGING_CATEGORY(lcPricing, "portolan.node.milkfactory.pricing")

const QString pendingKind = u"pending"_s;
const QString pricedKind = u"priced"_s;
const QString retryAddress = u"/pricing/retry"_s;
const QString answersAddress = u"/pricing/raw-costs"_s;

double centimes(double amount)
{
    return std::round(amount * 100.0) / 100.0;
}

} // namespace

QString PricingRole::name() const
{
    return u"pricing"_s;
}

void PricingRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    if (const std::optional<MilkFactory::RetryRooms> rooms = MilkFactory::RetryRooms::fromJson(params.value(u"rooms"_s)))
        m_rooms = *rooms;
    else if (params.contains(u"rooms"_s))
        qCWarning(lcPricing) << "param \"rooms\" must be a list of addresses; retrying nothing";
    m_queryTimeoutMs = qMax(qint64(1), Pugs::integerOf(params.value(u"queryTimeoutMs"_s), 1000));
    m_indexAddress = params.value(u"indexAddress"_s).toString(u"/raw-costs"_s);
    m_basePrice = Pugs::numberOf(params.value(u"basePrice"_s), 5.0);
    m_fatPrice = Pugs::numberOf(params.value(u"fatPrice"_s), 0.04);
    m_sugarPrice = Pugs::numberOf(params.value(u"sugarPrice"_s), 0.02);
    m_chocolatePrice = Pugs::numberOf(params.value(u"chocolatePrice"_s), 1.5);

    EntityStore &store = context.store();
    m_priced = store.records(pricedKind).size();
    // Drafts that were waiting for the index when the previous process stopped: ask again.
    const QList<QJsonObject> pending = store.records(pendingKind);
    for (const QJsonObject &record : pending) {
        Pending p;
        p.key = record.value(u"key"_s).toString();
        p.draft = record.value(u"draft"_s).toObject();
        p.attempt = int(Pugs::integerOf(record.value(u"attempt"_s)));
        m_pending.insert(p.key, p);
        ask(m_pending[p.key]);
    }
    context.subscribe(BusRecord::EventBus, u"pricing"_s);
    context.subscribe(u"/pricing"_s);
}

void PricingRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    const QString &path = fields.path();
    if (path == answersAddress) {
        answered(message);
    } else if (path == BusRecord::EventBus || path == retryAddress) {
        const BusRecord record(message);
        if (record.kind() == BusRecord::Kind::Event
            && (record.name() == u"CREATED_DRAFT" || record.name() == u"UPDATED_DRAFT"))
            price(message, record.attempt());
    } else if (fields.method() == u"GET") {
        m_context->reply(message, Pugs::compactJson(telemetry()), 200);
    } else {
        m_context->reply(message, Pugs::compactJson({{u"error"_s, QString(u"unknown resource "_s + path)}}), 404);
    }
}

void PricingRole::price(const Wire::Envelope &draft, int attempt)
{
    const BusRecord record(draft);
    const QString key = record.contractId() + u'@'
                        + QString::number(Pugs::integerOf(record.body().value(u"version"_s)));
    if (m_pending.contains(key) || m_context->store().record(pricedKind, key))
        return;   // this version is priced, or being priced: a repeat changes nothing
    Pending pending;
    pending.key = key;
    pending.draft = EnvelopeRecord::toJson(draft);
    pending.attempt = attempt;
    m_context->store().putRecord(pendingKind, key, {{u"key"_s, key}, {u"draft"_s, pending.draft},
                                                    {u"attempt"_s, attempt}});
    m_pending.insert(key, pending);
    ask(m_pending[key]);
}

void PricingRole::ask(Pending &pending)
{
    const Wire::Envelope draft = EnvelopeRecord::fromJson(pending.draft);
    Wire::Envelope query;
    query.address = m_indexAddress;
    query.requestId = draft.requestId;   // the user's request, one more hop
    query.replyTo = answersAddress;
    query.setHeader(u"Method"_s, u"GET"_s);
    query.body = Pugs::compactJson({{u"ref"_s, pending.key},
                                    {u"productId"_s, BusRecord(draft).body().value(u"productId"_s)}});
    pending.askedMs = m_context->nowMs();
    pending.queryId = m_context->send(std::move(query));
    m_queries.insert(pending.queryId, pending.key);
}

void PricingRole::answered(const Wire::Envelope &answer)
{
    const Pugs::RequestFields fields(answer);
    const QString key = fields.text(u"ref"_s);
    const auto it = m_pending.find(key);
    if (it == m_pending.end())
        return;   // a late answer for a draft already retried or priced
    if (fields.status() != 200) {
        failTransiently(key, u"the raw-cost index answered %1"_s.arg(fields.status()));
        return;
    }
    const double index = Pugs::numberOf(fields.value(u"index"_s), -1);
    if (index <= 0) {
        failTransiently(key, u"the raw-cost index gave no index"_s);
        return;
    }
    const Pending pending = *it;   // publish() forgets it
    m_queries.remove(pending.queryId);
    publish(pending, index);
}

void PricingRole::settled(const QByteArray &messageId, bool accepted)
{
    if (const QString key = m_queries.take(messageId); !key.isEmpty()) {
        if (!accepted && m_pending.contains(key) && m_pending.value(key).queryId == messageId)
            failTransiently(key, u"the raw-cost index is unreachable"_s);
        return;
    }
    const QJsonObject parked = m_parks.take(messageId);
    if (parked.isEmpty() || accepted)
        return;
    // No waiting room took it: the draft cannot be retried, and its originator must know.
    const BusRecord record(EnvelopeRecord::fromJson(parked));
    qCWarning(lcPricing).noquote() << "no waiting room took the draft of" << record.contractId();
    ++m_gaveUp;
    m_context->send(BusRecord::error(name(), u"WAITING_ROOM_UNAVAILABLE"_s,
                                     u"pricing failed and no waiting room took the draft for a retry"_s, record));
}

void PricingRole::tick(qint64 nowMs)
{
    QStringList late;
    for (const Pending &pending : std::as_const(m_pending)) {
        if (!pending.queryId.isEmpty() && nowMs - pending.askedMs > m_queryTimeoutMs)
            late.append(pending.key);
    }
    for (const QString &key : std::as_const(late))
        failTransiently(key, u"no answer from the raw-cost index within %1 ms"_s.arg(m_queryTimeoutMs));
}

void PricingRole::failTransiently(const QString &key, const QString &reason)
{
    const Pending pending = m_pending.take(key);
    m_queries.remove(pending.queryId);
    m_context->store().removeRecord(pendingKind, key);
    const Wire::Envelope draft = EnvelopeRecord::fromJson(pending.draft);
    const BusRecord record(draft);
    const int attempt = pending.attempt + 1;
    std::optional<Wire::Envelope> parked = m_rooms.park(draft, attempt, retryAddress, reason);
    if (!parked) {
        ++m_gaveUp;
        m_context->emitEvent(u"retries-exhausted"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                      {u"contractId"_s, record.contractId()},
                                                      {u"attempts"_s, pending.attempt},
                                                      {u"reason"_s, reason}});
        m_context->send(BusRecord::error(name(), u"RETRIES_EXHAUSTED"_s,
                                         u"no prices after %1 retries: %2"_s.arg(pending.attempt).arg(reason), record));
        return;
    }
    ++m_retries;
    m_context->emitEvent(u"retry-scheduled"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                {u"contractId"_s, record.contractId()},
                                                {u"version"_s, record.body().value(u"version"_s)},
                                                {u"attempt"_s, attempt},
                                                {u"room"_s, parked->address},
                                                {u"reason"_s, reason}});
    m_parks.insert(m_context->send(std::move(*parked)), pending.draft);
}

PricingRole::Prices PricingRole::pricesFor(const QJsonObject &draft, double index) const
{
    const QJsonObject profile = draft.value(u"profile"_s).toObject();
    const double fat = Pugs::numberOf(profile.value(u"fat"_s), 0);
    const double sugar = Pugs::numberOf(profile.value(u"sugar"_s), 0);
    const bool chocolate = profile.value(u"chocolate"_s).toString(u"none"_s) != u"none";
    const double quantity = Pugs::numberOf(draft.value(u"quantity"_s), 0);
    const double unit = centimes((m_basePrice + fat * m_fatPrice + sugar * m_sugarPrice
                                  + (chocolate ? m_chocolatePrice : 0.0)) * index);
    return {unit, centimes(unit * quantity)};
}

void PricingRole::publish(const Pending &pending, double index)
{
    const Wire::Envelope draftEnvelope = EnvelopeRecord::fromJson(pending.draft);
    const BusRecord record(draftEnvelope);
    const QJsonObject &draft = record.body();
    const Prices prices = pricesFor(draft, index);
    const QJsonValue version = draft.value(u"version"_s);
    const QJsonObject body{{u"contractId"_s, record.contractId()},
                           {u"version"_s, version},
                           {u"unitPrice"_s, prices.unitPrice},
                           {u"total"_s, prices.total},
                           {u"index"_s, index},
                           {u"currency"_s, u"CHF"_s}};
    EntityStore &store = m_context->store();
    store.removeRecord(pendingKind, pending.key);
    store.putRecord(pricedKind, pending.key, body);
    m_pending.remove(pending.key);
    ++m_priced;
    m_context->send(BusRecord::event(BusRecord::EventBus, u"UPDATED_PRICES"_s, record.contractId(), body,
                                     record.requestId(), record.originalCommand()));
    m_context->emitEvent(u"prices-updated"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                               {u"contractId"_s, record.contractId()},
                                               {u"version"_s, version},
                                               {u"total"_s, prices.total},
                                               {u"attempt"_s, pending.attempt}});
}

QJsonObject PricingRole::telemetry() const
{
    return {{u"priced"_s, m_priced},
            {u"waitingForIndex"_s, qint64(m_pending.size())},
            {u"retries"_s, m_retries},
            {u"gaveUp"_s, m_gaveUp}};
}

} // namespace Portolan::Node
