#include "node/roles/pugs/storefind.h"

#include "node/roles/pugs/jsonvalues.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Pugs {

namespace {

QJsonObject answerToJson(const StoreFind::Answer &answer)
{
    return QJsonObject{{u"store"_s, answer.store},
                       {u"quantity"_s, answer.quantity},
                       {u"distance"_s, answer.distance},
                       {u"nearby"_s, answer.nearby}};
}

StoreFind::Answer answerFromJson(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    StoreFind::Answer answer;
    answer.store = int(integerOf(object.value(u"store"_s)));
    answer.quantity = integerOf(object.value(u"quantity"_s));
    answer.distance = numberOf(object.value(u"distance"_s), -1);
    answer.nearby = object.value(u"nearby"_s).toBool();
    return answer;
}

QJsonArray answersToJson(const QList<StoreFind::Answer> &answers)
{
    QJsonArray array;
    for (const StoreFind::Answer &answer : answers)
        array.append(answerToJson(answer));
    return array;
}

QList<StoreFind::Answer> answersFromJson(const QJsonValue &value)
{
    QList<StoreFind::Answer> answers;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array)
        answers.append(answerFromJson(entry));
    return answers;
}

// Closest first; answers without a position after all located ones; then store number,
// so the choice does not depend on the order the answers happened to arrive in.
bool closerThan(const StoreFind::Answer &a, const StoreFind::Answer &b)
{
    const bool aLocated = a.distance >= 0;
    const bool bLocated = b.distance >= 0;
    if (aLocated != bLocated)
        return aLocated;
    if (aLocated && a.distance != b.distance)
        return a.distance < b.distance;
    return a.store < b.store;
}

constexpr StoreFind::Phase allPhases[] = {StoreFind::Phase::AskingNearby, StoreFind::Phase::AskingAll,
                                          StoreFind::Phase::Holding, StoreFind::Phase::Done};

} // namespace

StoreFind::StoreFind(QByteArray requestId, QString replyTo, QString item, QString customer, qint64 nowMs)
    : m_requestId(std::move(requestId))
    , m_replyTo(std::move(replyTo))
    , m_item(std::move(item))
    , m_customer(std::move(customer))
    , m_startedMs(nowMs)
    , m_phaseStartedMs(nowMs)
{
}

QString StoreFind::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::AskingNearby:
        return u"asking-nearby"_s;
    case Phase::AskingAll:
        return u"asking-all"_s;
    case Phase::Holding:
        return u"holding"_s;
    case Phase::Done:
        return u"done"_s;
    }
    return {};
}

std::optional<StoreFind> StoreFind::fromJson(const QJsonObject &json)
{
    const QString phase = json.value(u"phase"_s).toString();
    const auto known = std::find_if(std::begin(allPhases), std::end(allPhases),
                                    [&phase](Phase p) { return phaseName(p) == phase; });
    const QString requestId = json.value(u"requestId"_s).toString();
    if (known == std::end(allPhases) || requestId.isEmpty())
        return std::nullopt;

    StoreFind find(requestId.toUtf8(), json.value(u"replyTo"_s).toString(), json.value(u"item"_s).toString(),
                   json.value(u"customer"_s).toString(), integerOf(json.value(u"startedMs"_s)));
    find.m_phase = *known;
    find.m_phaseStartedMs = integerOf(json.value(u"phaseStartedMs"_s));
    find.m_finishedMs = integerOf(json.value(u"finishedMs"_s));
    find.m_askedNearby = integerListOf(json.value(u"askedNearby"_s));
    find.m_unreachable = integerListOf(json.value(u"unreachable"_s));
    find.m_askedAll = json.value(u"askedAll"_s).toBool();
    find.m_answers = answersFromJson(json.value(u"answers"_s));
    find.m_candidates = answersFromJson(json.value(u"candidates"_s));
    find.m_candidateIndex = integerOf(json.value(u"candidateIndex"_s), -1);
    if (find.m_candidateIndex >= find.m_candidates.size())
        find.m_candidateIndex = -1;
    find.m_held = json.value(u"held"_s).toBool();
    find.m_holdId = json.value(u"holdId"_s).toString().toUtf8();
    find.m_error = json.value(u"error"_s).toString();
    find.m_status = int(integerOf(json.value(u"status"_s)));
    return find;
}

QJsonObject StoreFind::toJson() const
{
    return QJsonObject{{u"requestId"_s, QString::fromUtf8(m_requestId)},
                       {u"replyTo"_s, m_replyTo},
                       {u"item"_s, m_item},
                       {u"customer"_s, m_customer},
                       {u"phase"_s, phaseName(m_phase)},
                       {u"startedMs"_s, m_startedMs},
                       {u"phaseStartedMs"_s, m_phaseStartedMs},
                       {u"finishedMs"_s, m_finishedMs},
                       {u"askedNearby"_s, toJsonArray(m_askedNearby)},
                       {u"unreachable"_s, toJsonArray(m_unreachable)},
                       {u"askedAll"_s, m_askedAll},
                       {u"answers"_s, answersToJson(m_answers)},
                       {u"candidates"_s, answersToJson(m_candidates)},
                       {u"candidateIndex"_s, qint64(m_candidateIndex)},
                       {u"held"_s, m_held},
                       {u"holdId"_s, QString::fromUtf8(m_holdId)},
                       {u"error"_s, m_error},
                       {u"status"_s, m_status}};
}

void StoreFind::askNearby(const QList<int> &stores, qint64 nowMs)
{
    m_phase = Phase::AskingNearby;
    m_phaseStartedMs = nowMs;
    m_askedNearby = stores;
}

void StoreFind::nearbyUnreachable(int store)
{
    if (m_askedNearby.contains(store) && !m_unreachable.contains(store))
        m_unreachable.append(store);
}

bool StoreFind::everyNearbyAnswered() const
{
    return std::all_of(m_askedNearby.cbegin(), m_askedNearby.cend(), [this](int store) {
        return m_unreachable.contains(store)
            || std::any_of(m_answers.cbegin(), m_answers.cend(),
                           [store](const Answer &a) { return a.nearby && a.store == store; });
    });
}

void StoreFind::askAll(qint64 nowMs)
{
    m_phase = Phase::AskingAll;
    m_phaseStartedMs = nowMs;
    m_askedAll = true;
}

int StoreFind::allStoresAnswerCount() const
{
    return int(std::count_if(m_answers.cbegin(), m_answers.cend(), [](const Answer &a) { return !a.nearby; }));
}

void StoreFind::recordAnswer(const Answer &answer)
{
    for (Answer &known : m_answers) {
        if (known.store == answer.store && known.nearby == answer.nearby) {
            known = answer;
            return;
        }
    }
    m_answers.append(answer);
}

QList<StoreFind::Answer> StoreFind::storesWithItem() const
{
    // Answers arrive in time order, so a later one (the multicast after the nearby
    // question) overwrites an earlier one of the same store.
    QMap<int, Answer> latest;
    for (const Answer &answer : m_answers)
        latest.insert(answer.store, answer);
    QList<Answer> withItem;
    for (const Answer &answer : std::as_const(latest)) {
        if (answer.quantity > 0)
            withItem.append(answer);
    }
    std::sort(withItem.begin(), withItem.end(), closerThan);
    return withItem;
}

bool StoreFind::beginHolding(qint64 nowMs)
{
    m_candidates = storesWithItem();
    if (m_candidates.isEmpty())
        return false;
    m_phase = Phase::Holding;
    m_phaseStartedMs = nowMs;
    m_candidateIndex = 0;
    return true;
}

std::optional<StoreFind::Answer> StoreFind::candidate() const
{
    if (m_candidateIndex < 0 || m_candidateIndex >= m_candidates.size())
        return std::nullopt;
    return m_candidates.at(m_candidateIndex);
}

bool StoreFind::nextCandidate(qint64 nowMs)
{
    if (m_candidateIndex + 1 >= m_candidates.size())
        return false;
    ++m_candidateIndex;
    m_phaseStartedMs = nowMs;
    return true;
}

void StoreFind::finish(int status, bool held, const QByteArray &holdId, const QString &error, qint64 nowMs)
{
    m_phase = Phase::Done;
    m_status = status;
    m_held = held;
    m_holdId = holdId;
    m_error = error;
    m_finishedMs = nowMs;
}

QJsonObject StoreFind::story(int thisStore) const
{
    QJsonArray withItem;
    const QList<Answer> stocked = storesWithItem();
    for (const Answer &answer : stocked)
        withItem.append(answer.store);

    QJsonObject story{{u"store"_s, thisStore},
                      {u"item"_s, m_item},
                      {u"customer"_s, m_customer},
                      {u"askedNearby"_s, toJsonArray(m_askedNearby)},
                      {u"nearbyAnswers"_s, qint64(m_answers.size() - allStoresAnswerCount())},
                      {u"askedAll"_s, m_askedAll},
                      {u"answers"_s, allStoresAnswerCount()},
                      {u"storesWithItem"_s, withItem},
                      {u"found"_s, !m_candidates.isEmpty()},
                      {u"held"_s, m_held},
                      {u"elapsedMs"_s, (m_finishedMs ? m_finishedMs : m_phaseStartedMs) - m_startedMs}};
    if (!m_unreachable.isEmpty())
        story.insert(u"unreachable"_s, toJsonArray(m_unreachable));
    if (const std::optional<Answer> chosen = candidate()) {
        story.insert(u"chosen"_s, chosen->store);
        story.insert(u"distance"_s, chosen->distance >= 0 ? QJsonValue(chosen->distance) : QJsonValue());
        story.insert(u"foundBy"_s, chosen->nearby ? u"nearby"_s : u"all-stores"_s);
    } else {
        story.insert(u"chosen"_s, QJsonValue());
    }
    if (!m_holdId.isEmpty())
        story.insert(u"holdId"_s, QString::fromUtf8(m_holdId));
    if (!m_error.isEmpty())
        story.insert(u"error"_s, m_error);
    return story;
}

} // namespace Portolan::Node::Pugs
