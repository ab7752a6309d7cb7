#include "node/roles/milkfactory/contracts.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using MilkFactory::BusRecord;

namespace {

Q_LOGGING_CATEGORY(lcContracts, "portolan.node.milkfactory.contracts")

const QString contractKind = u"contract"_s;
const QString retryAddress = u"/contracts/retry"_s;

// Each command and the event that says it was done.
const QHash<QString, QString> &eventFor()
{
    static const QHash<QString, QString> events{{u"CREATE_DRAFT"_s, u"CREATED_DRAFT"_s},
                                                {u"UPDATE_DRAFT"_s, u"UPDATED_DRAFT"_s},
                                                {u"OFFER_DRAFT"_s, u"OFFERED_DRAFT"_s},
                                                {u"ACCEPT_OFFER"_s, u"ACCEPTED_OFFER"_s},
                                                {u"APPROVE_CONTRACT"_s, u"APPROVED_CONTRACT"_s}};
    return events;
}

const QStringList &chocolates()
{
    static const QStringList kinds{u"none"_s, u"milk"_s, u"dark"_s, u"white"_s};
    return kinds;
}

const QStringList &states()
{
    static const QStringList list{u"DRAFT"_s, u"OFFERED"_s, u"ACCEPTED"_s, u"APPROVED"_s};
    return list;
}

} // namespace

QString ContractsRole::name() const
{
    return u"contracts"_s;
}

void ContractsRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_creditLimit = Pugs::numberOf(params.value(u"creditLimit"_s), 500);
    m_maxFat = int(qBound(qint64(0), Pugs::integerOf(params.value(u"maxFat"_s), 40), qint64(100)));
    m_maxQuantity = int(qMax(qint64(1), Pugs::integerOf(params.value(u"maxQuantity"_s), 500)));
    if (params.contains(u"rooms"_s)) {
        const std::optional<MilkFactory::RetryRooms> rooms = MilkFactory::RetryRooms::fromJson(params.value(u"rooms"_s));
        if (rooms)
            m_rooms = *rooms;
        else
            qCWarning(lcContracts) << "param \"rooms\" must be a list of addresses; retrying nothing";
    }
    const QList<QJsonObject> contracts = context.store().records(contractKind);
    for (const QJsonObject &c : contracts)
        m_states.insert(c.value(u"contractId"_s).toString(), c.value(u"state"_s).toString());
    m_ledger.open(context, name());
    context.subscribe(BusRecord::EventBus, u"contracts"_s);
    context.subscribe(u"/contracts"_s);
}

void ContractsRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    const QString path = fields.path();
    if (path == BusRecord::EventBus || path == retryAddress) {
        const BusRecord record(message);
        if (record.kind() == BusRecord::Kind::Event && record.name() == u"UPDATED_PRICES")
            keepPrices(record);
        else if (record.kind() == BusRecord::Kind::Command && eventFor().contains(record.name()))
            apply(message, record);
        // Everything else on the bus is for other services.
        return;
    }
    answerRead(message, path);
}

std::optional<QJsonObject> ContractsRole::contract(const QString &id) const
{
    return m_context->store().record(contractKind, id);
}

void ContractsRole::apply(const Wire::Envelope &envelope, const BusRecord &record)
{
    const QString commandId = record.commandId();
    if (commandId.isEmpty() || record.contractId().isEmpty()) {
        reject(record, u"VALIDATION"_s, u"a command needs a commandId and a contractId"_s);
        return;
    }
    if (m_ledger.isDuplicate(record))
        return;
    QJsonObject contract = this->contract(record.contractId()).value_or(QJsonObject{});
    const Outcome outcome = decide(record, contract);
    if (outcome.transient) {
        const int attempt = record.attempt() + 1;
        std::optional<Wire::Envelope> parked = m_rooms.park(envelope, attempt, retryAddress, outcome.message);
        if (!parked) {
            reject(record, u"RETRIES_EXHAUSTED"_s, outcome.message);
            return;
        }
        ++m_parked;
        m_context->emitEvent(u"retry-scheduled"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                    {u"commandId"_s, commandId},
                                                    {u"command"_s, record.name()},
                                                    {u"attempt"_s, attempt},
                                                    {u"room"_s, parked->address},
                                                    {u"reason"_s, outcome.message}});
        m_context->send(std::move(*parked));
        return;
    }
    if (!outcome.errorCode.isEmpty()) {
        reject(record, outcome.errorCode, outcome.message);
        return;
    }
    const qint64 version = Pugs::integerOf(contract.value(u"version"_s)) + 1;
    contract.insert(u"version"_s, version);
    contract.insert(u"updatedMs"_s, m_context->nowMs());
    m_context->store().putRecord(contractKind, record.contractId(), contract);
    m_states.insert(record.contractId(), contract.value(u"state"_s).toString());
    m_ledger.applied(record, {{u"version"_s, version}});
    m_context->send(BusRecord::event(BusRecord::EventBus, outcome.event, record.contractId(), contract,
                                     record.requestId(), record.name()));
    m_context->emitEvent(u"contract-changed"_s, {{u"requestId"_s, QString::fromUtf8(record.requestId())},
                                                 {u"contractId"_s, record.contractId()},
                                                 {u"command"_s, record.name()},
                                                 {u"commandId"_s, commandId},
                                                 {u"version"_s, version},
                                                 {u"state"_s, contract.value(u"state"_s)}});
}

ContractsRole::Outcome ContractsRole::decide(const BusRecord &record, QJsonObject &contract) const
{
    const QString &command = record.name();
    const QJsonObject &body = record.body();
    const QString state = contract.value(u"state"_s).toString();
    const QString event = eventFor().value(command);
    auto fail = [](const QString &code, const QString &message) { return Outcome{{}, code, message, false}; };

    if (command == u"CREATE_DRAFT") {
        if (!contract.isEmpty())
            return fail(u"ALREADY_EXISTS"_s, u"contract %1 already exists"_s.arg(record.contractId()));
        const QString customer = body.value(u"customer"_s).toString();
        const QString country = body.value(u"country"_s).toString();
        const qint64 quantity = Pugs::integerOf(body.value(u"quantity"_s), -1);
        if (customer.isEmpty())
            return fail(u"VALIDATION"_s, u"a draft needs a customer"_s);
        if (country.size() != 2)
            return fail(u"VALIDATION"_s, u"country must be a two-letter code, not \"%1\""_s.arg(country));
        if (quantity < 1 || quantity > m_maxQuantity)
            return fail(u"VALIDATION"_s, u"quantity must be from 1 to %1, not %2"_s.arg(m_maxQuantity).arg(quantity));
        const QJsonObject profile = body.value(u"profile"_s).toObject();
        if (const QString problem = validateProfile(profile); !problem.isEmpty())
            return fail(u"VALIDATION"_s, problem);
        contract = QJsonObject{{u"contractId"_s, record.contractId()},
                               {u"customer"_s, customer},
                               {u"country"_s, country},
                               {u"productId"_s, body.value(u"productId"_s).toString(u"milkshake"_s)},
                               {u"profile"_s, profile},
                               {u"quantity"_s, quantity},
                               {u"state"_s, u"DRAFT"_s},
                               {u"version"_s, 0},
                               {u"draftVersion"_s, 1},
                               {u"approvalRequired"_s, false},
                               {u"createdMs"_s, m_context->nowMs()}};
        return {event, {}, {}, false};
    }
    if (contract.isEmpty())
        return fail(u"NOT_FOUND"_s, u"no contract %1"_s.arg(record.contractId()));
    const qint64 next = Pugs::integerOf(contract.value(u"version"_s)) + 1;

    if (command == u"UPDATE_DRAFT") {
        if (state != u"DRAFT")
            return fail(u"ILLEGAL_STATE"_s, u"contract %1 is %2; only a draft can be modified"_s.arg(record.contractId(), state));
        const QJsonObject changes = body.value(u"changes"_s).toObject();
        QJsonObject profile = contract.value(u"profile"_s).toObject();
        for (const QString &field : {u"fat"_s, u"sugar"_s, u"chocolate"_s}) {
            if (changes.contains(field))
                profile.insert(field, changes.value(field));
        }
        if (const QString problem = validateProfile(profile); !problem.isEmpty())
            return fail(u"VALIDATION"_s, problem);
        if (changes.contains(u"quantity"_s)) {
            const qint64 quantity = Pugs::integerOf(changes.value(u"quantity"_s), -1);
            if (quantity < 1 || quantity > m_maxQuantity)
                return fail(u"VALIDATION"_s, u"quantity must be from 1 to %1, not %2"_s.arg(m_maxQuantity).arg(quantity));
            contract.insert(u"quantity"_s, quantity);
        }
        contract.insert(u"profile"_s, profile);
        contract.insert(u"draftVersion"_s, next);
        return {event, {}, {}, false};
    }
    if (command == u"OFFER_DRAFT") {
        if (state != u"DRAFT")
            return fail(u"ILLEGAL_STATE"_s, u"contract %1 is %2; only a draft can be offered"_s.arg(record.contractId(), state));
        contract.insert(u"state"_s, u"OFFERED"_s);
        return {event, {}, {}, false};
    }
    if (command == u"ACCEPT_OFFER") {
        if (state != u"OFFERED")
            return fail(u"ILLEGAL_STATE"_s, u"contract %1 is %2; only an offer can be accepted"_s.arg(record.contractId(), state));
        // Prices are checked when the offer is accepted. Pricing may not have been heard
        // yet for the latest draft: that is worth waiting for, not an error.
        if (contract.value(u"pricedVersion"_s) != contract.value(u"draftVersion"_s))
            return Outcome{{}, {}, u"the prices of version %1 are not known yet"_s.arg(
                                        Pugs::integerOf(contract.value(u"draftVersion"_s))),
                           true};
        const double total = Pugs::numberOf(contract.value(u"total"_s), 0);
        contract.insert(u"state"_s, u"ACCEPTED"_s);
        contract.insert(u"approvalRequired"_s, total > m_creditLimit);
        contract.insert(u"acceptedMs"_s, m_context->nowMs());
        return {event, {}, {}, false};
    }
    if (command == u"APPROVE_CONTRACT") {
        if (state != u"ACCEPTED" || !contract.value(u"approvalRequired"_s).toBool())
            return fail(u"ILLEGAL_STATE"_s, u"contract %1 is %2 and needs no approval"_s.arg(record.contractId(), state));
        contract.insert(u"state"_s, u"APPROVED"_s);
        return {event, {}, {}, false};
    }
    return fail(u"VALIDATION"_s, u"unknown command %1"_s.arg(command));
}

QString ContractsRole::validateProfile(const QJsonObject &profile) const
{
    const qint64 fat = Pugs::integerOf(profile.value(u"fat"_s), -1);
    const qint64 sugar = Pugs::integerOf(profile.value(u"sugar"_s), -1);
    const QString chocolate = profile.value(u"chocolate"_s).toString(u"none"_s);
    if (fat < 0 || fat > m_maxFat)
        return u"fat content must be from 0 to %1 %, not %2"_s.arg(m_maxFat).arg(Pugs::numberOf(profile.value(u"fat"_s), -1));
    if (sugar < 0 || sugar > 100)
        return u"sugar must be from 0 to 100 %, not %1"_s.arg(Pugs::numberOf(profile.value(u"sugar"_s), -1));
    if (!chocolates().contains(chocolate))
        return u"chocolate must be one of %1, not \"%2\""_s.arg(chocolates().join(u", "_s), chocolate);
    return {};
}

void ContractsRole::keepPrices(const BusRecord &record)
{
    std::optional<QJsonObject> known = contract(record.contractId());
    if (!known)
        return;
    const QJsonValue version = record.body().value(u"version"_s);
    // Only the prices of the latest draft matter; older ones arriving late are ignored.
    if (Pugs::integerOf(version) < Pugs::integerOf(known->value(u"pricedVersion"_s)))
        return;
    known->insert(u"pricedVersion"_s, version);
    known->insert(u"total"_s, record.body().value(u"total"_s));
    m_context->store().putRecord(contractKind, record.contractId(), *known);
}

void ContractsRole::reject(const BusRecord &record, const QString &code, const QString &message)
{
    m_ledger.rejected(record, code, message);
}

void ContractsRole::answerRead(const Wire::Envelope &request, const QString &path)
{
    const Pugs::RequestFields fields(request);
    if (fields.method() != u"GET") {
        m_context->reply(request, Pugs::compactJson({{u"error"_s, u"contracts are written with commands on the event bus"_s}}),
                         405);
        return;
    }
    if (path == u"/contracts") {
        m_context->reply(request, Pugs::compactJson(telemetry()), 200);
        return;
    }
    const QString id = path.mid(u"/contracts/"_s.size());
    if (const std::optional<QJsonObject> found = contract(id))
        m_context->reply(request, Pugs::compactJson(*found), 200);
    else
        m_context->reply(request, Pugs::compactJson({{u"error"_s, QString(u"no contract "_s + id)}}), 404);
}

QJsonObject ContractsRole::telemetry() const
{
    QJsonObject byState;
    for (const QString &state : states())
        byState.insert(state, 0);
    for (const QString &state : m_states)
        byState.insert(state, byState.value(state).toInteger() + 1);
    return {{u"contracts"_s, qint64(m_states.size())},
            {u"byState"_s, byState},
            {u"applied"_s, m_ledger.appliedCount()},
            {u"duplicates"_s, m_ledger.duplicateCount()},
            {u"rejected"_s, m_ledger.rejectedCount()},
            {u"parked"_s, m_parked},
            {u"creditLimit"_s, m_creditLimit}};
}

} // namespace Portolan::Node
