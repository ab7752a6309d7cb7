#include "node/roles/milkfactory/saleprocess.h"

#include "node/roles/milkfactory/busrecord.h"
#include "node/roles/pugs/jsonvalues.h"

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::MilkFactory {

namespace {

constexpr SaleProcess::Step allSteps[] = {
    SaleProcess::Step::CreateDraft, SaleProcess::Step::ModifyDraft, SaleProcess::Step::SelectPartner,
    SaleProcess::Step::Offer,       SaleProcess::Step::Accept,      SaleProcess::Step::Approval,
    SaleProcess::Step::Approve,     SaleProcess::Step::Billing,     SaleProcess::Step::Done};

constexpr SaleProcess::State allStates[] = {SaleProcess::State::Running, SaleProcess::State::Completed,
                                            SaleProcess::State::Failed, SaleProcess::State::TimedOut};

std::optional<SaleProcess::State> stateFromName(const QString &name)
{
    for (SaleProcess::State state : allStates) {
        if (SaleProcess::stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

} // namespace

std::optional<SaleProcess> SaleProcess::fromOrder(const QJsonObject &order, const QByteArray &requestId,
                                                  qint64 defaultTtlMs, QString *error)
{
    SaleProcess sale;
    sale.m_customer = order.value(u"customer"_s).toString().trimmed();
    if (sale.m_customer.isEmpty()) {
        *error = u"a sale needs a customer"_s;
        return std::nullopt;
    }
    sale.m_requestId = requestId.isEmpty() ? (u"sale-"_s + sale.m_customer).toUtf8() : requestId;
    sale.m_contractId = u"C-"_s + sale.m_customer;
    sale.m_country = order.value(u"country"_s).toString(u"CH"_s);
    sale.m_partnerId = order.value(u"partner"_s).toString();
    sale.m_productId = order.value(u"productId"_s).toString(u"milkshake"_s);
    sale.m_quantity = Pugs::integerOf(order.value(u"quantity"_s), 1);
    sale.m_profile = order.value(u"profile"_s).toObject();
    sale.m_changes = order.value(u"changes"_s).toObject();
    sale.m_ttlMs = qMax(qint64(1), Pugs::integerOf(order.value(u"mustBeProcessedWithinMs"_s), defaultTtlMs));
    if (sale.m_partnerId.isEmpty()) {
        *error = u"a sale needs a partner"_s;
        return std::nullopt;
    }
    return sale;
}

QString SaleProcess::stepName(Step step)
{
    switch (step) {
    case Step::CreateDraft:
        return u"create-draft"_s;
    case Step::ModifyDraft:
        return u"modify-draft"_s;
    case Step::SelectPartner:
        return u"select-partner"_s;
    case Step::Offer:
        return u"offer"_s;
    case Step::Accept:
        return u"accept"_s;
    case Step::Approval:
        return u"approval"_s;
    case Step::Approve:
        return u"approve"_s;
    case Step::Billing:
        return u"billing"_s;
    case Step::Done:
        return u"done"_s;
    }
    return {};
}

std::optional<SaleProcess::Step> SaleProcess::stepFromName(const QString &name)
{
    for (Step step : allSteps) {
        if (stepName(step) == name)
            return step;
    }
    return std::nullopt;
}

QString SaleProcess::stateName(State state)
{
    switch (state) {
    case State::Running:
        return u"running"_s;
    case State::Completed:
        return u"completed"_s;
    case State::Failed:
        return u"failed"_s;
    case State::TimedOut:
        return u"timed-out"_s;
    }
    return {};
}

QString SaleProcess::commandId(Step step) const
{
    return QString::fromUtf8(m_requestId) + u'/' + stepName(step);
}

SaleProcess::Command SaleProcess::commandFor(Step step) const
{
    switch (step) {
    case Step::CreateDraft:
        return {BusRecord::EventBus, u"CREATE_DRAFT"_s,
                {{u"customer"_s, m_customer}, {u"country"_s, m_country}, {u"productId"_s, m_productId},
                 {u"profile"_s, m_profile}, {u"quantity"_s, m_quantity}}};
    case Step::ModifyDraft:
        return {BusRecord::EventBus, u"UPDATE_DRAFT"_s, {{u"changes"_s, m_changes}}};
    case Step::SelectPartner:
        return {u"/partners/commands"_s, u"CREATE_PARTNER_RELATIONSHIP"_s,
                {{u"partnerId"_s, m_partnerId}, {u"role"_s, u"CONTRACT_HOLDER"_s}, {u"country"_s, m_country}}};
    case Step::Offer:
        return {BusRecord::EventBus, u"OFFER_DRAFT"_s, {}};
    case Step::Accept:
        return {BusRecord::EventBus, u"ACCEPT_OFFER"_s, {{u"total"_s, m_total}}};
    case Step::Approval:
        return {u"/cases/commands"_s, u"CREATE_CASE"_s,
                {{u"caseId"_s, m_contractId},
                 {u"kind"_s, u"APPROVAL"_s},
                 {u"task"_s, u"sign off contract %1: CHF %2 is over the credit limit"_s.arg(m_contractId).arg(m_total)}}};
    case Step::Approve:
        return {BusRecord::EventBus, u"APPROVE_CONTRACT"_s, {}};
    case Step::Billing:
        return {u"/billing/commands"_s, u"START_BILLING"_s, {{u"customer"_s, m_customer}, {u"total"_s, m_total}}};
    case Step::Done:
        break;
    }
    return {};
}

SaleProcess::Progress SaleProcess::apply(const QString &event, const QJsonObject &body)
{
    if (m_state != State::Running)
        return Progress::None;
    const qint64 version = Pugs::integerOf(body.value(u"version"_s));
    if (event == u"UPDATED_PRICES") {
        // Prices may arrive before or after the draft event they belong to.
        if (version >= m_pricedVersion) {
            m_pricedVersion = version;
            m_total = Pugs::numberOf(body.value(u"total"_s), m_total);
        }
    } else if ((event == u"CREATED_DRAFT" && m_step == Step::CreateDraft)
               || (event == u"UPDATED_DRAFT" && m_step == Step::ModifyDraft)) {
        m_draftSeen = true;
        m_draftVersion = version;
    }
    bool done = false;
    switch (m_step) {
    case Step::CreateDraft:
    case Step::ModifyDraft:
        done = m_draftSeen && m_pricedVersion == m_draftVersion;
        break;
    case Step::SelectPartner:
        done = event == u"CREATED_PARTNER_RELATIONSHIP";
        break;
    case Step::Offer:
        done = event == u"OFFERED_DRAFT";
        break;
    case Step::Accept:
        if (event == u"ACCEPTED_OFFER") {
            m_approvalRequired = body.value(u"approvalRequired"_s).toBool();
            done = true;
        }
        break;
    case Step::Approval:
        if (event == u"CHANGED_CASE") {
            if (body.value(u"state"_s).toString() == u"OPEN") {
                m_caseOpen = true;
            } else if (body.value(u"state"_s).toString() == u"DONE") {
                if (body.value(u"decision"_s).toString() != u"APPROVED")
                    return Progress::Refused;
                done = true;
            }
        }
        break;
    case Step::Approve:
        done = event == u"APPROVED_CONTRACT";
        break;
    case Step::Billing:
        done = event == u"BILLING_STARTED";
        break;
    case Step::Done:
        break;
    }
    if (!done)
        return Progress::None;
    advance();
    return Progress::StepDone;
}

void SaleProcess::advance()
{
    m_done.append(stepName(m_step));
    m_draftSeen = false;
    m_caseOpen = false;
    switch (m_step) {
    case Step::CreateDraft:
        m_step = m_changes.isEmpty() ? Step::SelectPartner : Step::ModifyDraft;
        break;
    case Step::ModifyDraft:
        m_step = Step::SelectPartner;
        break;
    case Step::SelectPartner:
        m_step = Step::Offer;
        break;
    case Step::Offer:
        m_step = Step::Accept;
        break;
    case Step::Accept:
        m_step = m_approvalRequired ? Step::Approval : Step::Billing;
        break;
    case Step::Approval:
        m_step = Step::Approve;
        break;
    case Step::Approve:
        m_step = Step::Billing;
        break;
    case Step::Billing:
    case Step::Done:
        m_step = Step::Done;
        break;
    }
    if (m_step == Step::Done)
        m_state = State::Completed;
}

void SaleProcess::start(qint64 nowMs)
{
    m_state = State::Running;
    m_startedMs = nowMs;
    m_stepStartedMs = nowMs;
}

void SaleProcess::finish(State state, qint64 nowMs, const QJsonObject &error)
{
    m_state = state;
    m_finishedMs = nowMs;
    m_error = error;
}

void SaleProcess::resume(qint64 nowMs)
{
    m_state = State::Running;
    m_error = {};
    m_finishedMs = 0;
    m_stepStartedMs = nowMs;
}

void SaleProcess::addWaiter(const QString &replyTo, const QByteArray &requestId)
{
    if (!replyTo.isEmpty())
        m_waiters.append(QJsonObject{{u"replyTo"_s, replyTo}, {u"requestId"_s, QString::fromUtf8(requestId)}});
}

QJsonArray SaleProcess::takeWaiters()
{
    return std::exchange(m_waiters, QJsonArray{});
}

QJsonObject SaleProcess::summary() const
{
    QJsonObject out{{u"customer"_s, m_customer},
                    {u"requestId"_s, QString::fromUtf8(m_requestId)},
                    {u"contract"_s, m_contractId},
                    {u"state"_s, stateName(m_state)},
                    {u"step"_s, stepName(m_step)},
                    {u"steps"_s, QJsonArray::fromStringList(m_done)},
                    {u"total"_s, m_total},
                    {u"approvalRequired"_s, m_approvalRequired}};
    if (!m_error.isEmpty())
        out.insert(u"error"_s, m_error);
    if (m_finishedMs > 0)
        out.insert(u"tookMs"_s, m_finishedMs - m_startedMs);
    return out;
}

QJsonObject SaleProcess::toJson() const
{
    QJsonObject json = summary();
    json.insert(u"country"_s, m_country);
    json.insert(u"partner"_s, m_partnerId);
    json.insert(u"productId"_s, m_productId);
    json.insert(u"quantity"_s, m_quantity);
    json.insert(u"profile"_s, m_profile);
    json.insert(u"changes"_s, m_changes);
    json.insert(u"ttlMs"_s, m_ttlMs);
    json.insert(u"draftSeen"_s, m_draftSeen);
    json.insert(u"draftVersion"_s, m_draftVersion);
    json.insert(u"pricedVersion"_s, m_pricedVersion);
    json.insert(u"caseOpen"_s, m_caseOpen);
    json.insert(u"startedMs"_s, m_startedMs);
    json.insert(u"stepStartedMs"_s, m_stepStartedMs);
    json.insert(u"finishedMs"_s, m_finishedMs);
    json.insert(u"waiters"_s, m_waiters);
    json.insert(u"error"_s, m_error);
    return json;
}

std::optional<SaleProcess> SaleProcess::fromJson(const QJsonObject &record)
{
    const std::optional<Step> step = stepFromName(record.value(u"step"_s).toString());
    const std::optional<State> state = stateFromName(record.value(u"state"_s).toString());
    SaleProcess sale;
    sale.m_customer = record.value(u"customer"_s).toString();
    if (sale.m_customer.isEmpty() || !step || !state)
        return std::nullopt;
    sale.m_step = *step;
    sale.m_state = *state;
    sale.m_requestId = record.value(u"requestId"_s).toString().toUtf8();
    sale.m_contractId = record.value(u"contract"_s).toString();
    sale.m_country = record.value(u"country"_s).toString();
    sale.m_partnerId = record.value(u"partner"_s).toString();
    sale.m_productId = record.value(u"productId"_s).toString();
    sale.m_quantity = Pugs::integerOf(record.value(u"quantity"_s));
    sale.m_profile = record.value(u"profile"_s).toObject();
    sale.m_changes = record.value(u"changes"_s).toObject();
    sale.m_ttlMs = Pugs::integerOf(record.value(u"ttlMs"_s), 3000);
    const QJsonArray done = record.value(u"steps"_s).toArray();
    for (const QJsonValue &name : done)
        sale.m_done.append(name.toString());
    sale.m_draftSeen = record.value(u"draftSeen"_s).toBool();
    sale.m_draftVersion = Pugs::integerOf(record.value(u"draftVersion"_s));
    sale.m_pricedVersion = Pugs::integerOf(record.value(u"pricedVersion"_s));
    sale.m_total = Pugs::numberOf(record.value(u"total"_s), 0);
    sale.m_approvalRequired = record.value(u"approvalRequired"_s).toBool();
    sale.m_caseOpen = record.value(u"caseOpen"_s).toBool();
    sale.m_error = record.value(u"error"_s).toObject();
    sale.m_startedMs = Pugs::integerOf(record.value(u"startedMs"_s));
    sale.m_stepStartedMs = Pugs::integerOf(record.value(u"stepStartedMs"_s));
    sale.m_finishedMs = Pugs::integerOf(record.value(u"finishedMs"_s));
    sale.m_waiters = record.value(u"waiters"_s).toArray();
    return sale;
}

} // namespace Portolan::Node::MilkFactory
