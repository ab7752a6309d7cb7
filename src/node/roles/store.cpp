#include "node/roles/store.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

using Pugs::ChildRequest;
using Pugs::RequestFields;
using Pugs::StoreFind;

namespace {

Q_LOGGING_CATEGORY(lcStore, "portolan.node.store")

const QString nearbyTagPrefix = u"nearby-"_s;
const QString allStoresTag = u"all"_s;
const QString holdTagPrefix = u"hold-"_s;
const QString orderTag = u"order"_s;

bool isUnder(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

// The request id an entity correlates by; a message sent without one carries its own id.
QByteArray requestIdOf(const Wire::Envelope &message)
{
    return message.requestId.isEmpty() ? message.id : message.requestId;
}

// The store number in a tag such as "nearby-7"; 0 when the tag has another shape.
int storeInTag(const QString &tag, const QString &prefix)
{
    if (!tag.startsWith(prefix))
        return 0;
    bool ok = false;
    const int store = tag.mid(prefix.size()).toInt(&ok);
    return ok ? store : 0;
}

} // namespace

QString StoreRole::name() const
{
    return u"store"_s;
}

void StoreRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_number = int(Pugs::integerOf(params.value(u"number"_s)));
    if (m_number <= 0)
        qCWarning(lcStore) << "store" << context.nodeId() << "has no valid param \"number\"";
    m_base = u"/store/"_s + QString::number(m_number);
    m_answers = m_base + u"/answers"_s;
    m_position = Pugs::MapPoint::fromJson(params.value(u"position"_s)).value_or(Pugs::MapPoint{});
    m_nearby = Pugs::integerListOf(params.value(u"nearby"_s));
    m_nearby.removeAll(m_number);
    m_answerTimeoutMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"answerTimeoutMs"_s), 800));
    m_orderTimeoutMs = qMax<qint64>(1, Pugs::integerOf(params.value(u"orderTimeoutMs"_s), 5000));
    m_expectedStores = int(qMax<qint64>(0, Pugs::integerOf(params.value(u"expectedStores"_s), 0)));

    seedInventoryOnce();
    restoreInProgress();
    refreshInventory();

    context.subscribe(m_base);
    context.subscribe(u"/all-stores"_s);
}

void StoreRole::seedInventoryOnce()
{
    // The scenario's inventory is the store's state on day one. A restarted store keeps
    // what it sold and received since, so the seed is written once and remembered.
    EntityStore &store = m_context->store();
    if (store.record(u"meta"_s, u"inventory-seeded"_s))
        return;
    store.begin();
    const QJsonObject inventory = m_context->params().value(u"inventory"_s).toObject();
    for (auto it = inventory.constBegin(); it != inventory.constEnd(); ++it)
        store.setInventory(it.key(), qMax<qint64>(0, Pugs::integerOf(it.value())));
    store.putRecord(u"meta"_s, u"inventory-seeded"_s, QJsonObject{{u"seededMs"_s, m_context->nowMs()}});
    if (!store.commit())
        qCWarning(lcStore) << "seeding the inventory failed:" << store.lastError();
}

void StoreRole::restoreInProgress()
{
    EntityStore &store = m_context->store();
    const QList<QJsonObject> finds = store.records(u"find"_s);
    m_findCount = finds.size();
    for (const QJsonObject &record : finds) {
        std::optional<StoreFind> find = StoreFind::fromJson(record);
        if (find && find->phase() != StoreFind::Phase::Done)
            m_finds.insert(find->requestId(), *find);
    }
    const QList<QJsonObject> orders = store.records(u"order"_s);
    m_orderCount = orders.size();
    for (const QJsonObject &order : orders) {
        if (order.value(u"status"_s).toString() == u"sent")
            m_orders.insert(order.value(u"requestId"_s).toString().toUtf8(), order);
    }
    m_holdCount = store.holds().size();
}

void StoreRole::handle(const Wire::Envelope &message)
{
    const RequestFields fields(message);
    const QString &path = fields.path();
    if (isUnder(path, m_answers)) {
        takeAnswer(message, fields);
        return;
    }

    QString action;
    bool multicast = false;
    if (isUnder(path, m_base)) {
        action = path.mid(m_base.size());
    } else if (isUnder(path, u"/all-stores"_s)) {
        action = path.mid(qsizetype(sizeof("/all-stores") - 1));
        multicast = true;
    } else {
        // A prefix subscription such as "/store/3" may be offered "/store/32/..."; that
        // message is another store's, and answering it would be a wrong answer.
        qCDebug(lcStore) << "store" << m_number << "ignores" << path;
        return;
    }
    while (action.endsWith(u'/'))
        action.chop(1);

    if (action.isEmpty() || action == u"/inventory")
        answerInventory(message, fields);
    else if (multicast)
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
    else if (!fields.isWrite() && (action == u"/hold" || action == u"/deliver" || action == u"/find"
                                   || action == u"/order"))
        replyJson(message, QJsonObject{{u"error"_s, QString(action.mid(1) + u" needs POST"_s)}}, 405);
    else if (action == u"/hold")
        holdItem(message, fields);
    else if (action == u"/deliver")
        receiveDelivery(message, fields);
    else if (action == u"/find")
        startFind(message, fields);
    else if (action == u"/order")
        placeOrder(message, fields);
    else
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
}

void StoreRole::answerInventory(const Wire::Envelope &request, const RequestFields &fields)
{
    QJsonObject answer{{u"store"_s, m_number}, {u"node"_s, m_context->nodeId()}, {u"position"_s, m_position.toJson()}};
    const QString item = fields.text(u"item"_s);
    if (item.isEmpty()) {
        QJsonObject inventory;
        for (auto it = m_inventory.cbegin(); it != m_inventory.cend(); ++it)
            inventory.insert(it.key(), it.value());
        answer.insert(u"inventory"_s, inventory);
    } else {
        answer.insert(u"item"_s, item);
        answer.insert(u"quantity"_s, m_context->store().inventory(item));
    }
    replyJson(request, answer);
}

void StoreRole::holdItem(const Wire::Envelope &request, const RequestFields &fields)
{
    const QString item = fields.text(u"item"_s);
    const QString customer = fields.text(u"customer"_s);
    if (item.isEmpty()) {
        replyJson(request, QJsonObject{{u"error"_s, u"hold needs an item"_s}}, 400);
        return;
    }
    EntityStore &store = m_context->store();
    const QByteArray holdId = requestIdOf(request);
    // A resent hold (same request id) is answered from the first outcome, never taken twice.
    const bool known = store.findHold(holdId).has_value();
    // An anonymous hold is stored with an empty (not a null) customer name.
    const bool held = known || store.hold(holdId, item, customer.isNull() ? u""_s : customer, m_context->nowMs());
    if (held && !known) {
        ++m_holdCount;
        refreshInventory();
        m_context->emitEvent(u"item-held"_s, QJsonObject{{u"store"_s, m_number},
                                                         {u"item"_s, item},
                                                         {u"customer"_s, customer},
                                                         {u"holdId"_s, QString::fromUtf8(holdId)}});
    }
    replyJson(request,
              QJsonObject{{u"held"_s, held},
                          {u"store"_s, m_number},
                          {u"item"_s, item},
                          {u"customer"_s, customer},
                          {u"holdId"_s, QString::fromUtf8(holdId)},
                          {u"remaining"_s, store.inventory(item)}},
              held ? 200 : 409);
}

void StoreRole::receiveDelivery(const Wire::Envelope &request, const RequestFields &fields)
{
    const QString item = fields.text(u"item"_s);
    const qint64 quantity = Pugs::integerOf(fields.value(u"quantity"_s), 1);
    QString tracking = fields.text(u"tracking"_s);
    if (tracking.isEmpty())
        tracking = QString::fromUtf8(requestIdOf(request));
    if (item.isEmpty() || quantity <= 0) {
        replyJson(request, QJsonObject{{u"error"_s, u"deliver needs an item and a positive quantity"_s}}, 400);
        return;
    }
    EntityStore &store = m_context->store();
    // The truck resends a delivery it did not see acknowledged; the tracking id makes the
    // second one a no-op, both in the inventory and in the delivery log.
    const bool repeat = store.record(u"delivery"_s, tracking).has_value();
    if (!repeat) {
        store.adjustInventory(item, quantity, u"delivery:"_s.toUtf8() + tracking.toUtf8());
        store.putRecord(u"delivery"_s, tracking,
                        QJsonObject{{u"tracking"_s, tracking},
                                    {u"item"_s, item},
                                    {u"quantity"_s, quantity},
                                    {u"receivedMs"_s, m_context->nowMs()}});
        refreshInventory();
        m_context->emitEvent(u"delivery-received"_s, QJsonObject{{u"store"_s, m_number},
                                                                 {u"item"_s, item},
                                                                 {u"quantity"_s, quantity},
                                                                 {u"tracking"_s, tracking}});
    }
    replyJson(request, QJsonObject{{u"received"_s, true},
                                   {u"store"_s, m_number},
                                   {u"item"_s, item},
                                   {u"tracking"_s, tracking},
                                   {u"inventory"_s, store.inventory(item)}});
}

void StoreRole::startFind(const Wire::Envelope &request, const RequestFields &fields)
{
    const QByteArray findId = requestIdOf(request);
    if (m_finds.contains(findId))
        return;   // a resent request for a find in progress: its reply is coming
    if (const std::optional<QJsonObject> record = m_context->store().record(u"find"_s, QString::fromUtf8(findId))) {
        if (const std::optional<StoreFind> done = StoreFind::fromJson(*record)) {
            replyJson(request, done->story(m_number), done->status());
            return;
        }
    }
    const QString item = fields.text(u"item"_s);
    if (item.isEmpty()) {
        replyJson(request, QJsonObject{{u"error"_s, u"find needs an item"_s}}, 400);
        return;
    }
    if (m_draining) {
        replyJson(request, QJsonObject{{u"error"_s, u"store is draining"_s}}, 503);
        return;
    }

    StoreFind find(findId, request.replyTo, item, fields.text(u"customer"_s), m_context->nowMs());
    ++m_findCount;
    m_context->emitEvent(u"find-started"_s, QJsonObject{{u"store"_s, m_number},
                                                        {u"find"_s, QString::fromUtf8(findId)},
                                                        {u"item"_s, item},
                                                        {u"customer"_s, find.customer()},
                                                        {u"nearby"_s, Pugs::toJsonArray(m_nearby)}});
    if (m_nearby.isEmpty()) {
        askAllStores(find);
    } else {
        find.askNearby(m_nearby, m_context->nowMs());
        for (int store : std::as_const(m_nearby)) {
            const ChildRequest question{findId, nearbyTagPrefix + QString::number(store)};
            const QByteArray messageId = ask(u"/store/"_s + QString::number(store) + u"/inventory"_s, question,
                                             u"GET"_s, QJsonObject{{u"item"_s, item}},
                                             m_context->nowMs() + m_answerTimeoutMs);
            m_awaitingSettlement.insert(messageId, question);
        }
    }
    m_finds.insert(findId, find);
    saveFind(find);
}

void StoreRole::askAllStores(StoreFind &find)
{
    find.askAll(m_context->nowMs());
    // Multicast is best effort: its settlement says little, the answer timeout decides.
    ask(u"/all-stores/inventory"_s, ChildRequest{find.requestId(), allStoresTag}, u"GET"_s,
        QJsonObject{{u"item"_s, find.item()}}, m_context->nowMs() + m_answerTimeoutMs);
}

void StoreRole::takeAnswer(const Wire::Envelope &answer, const RequestFields &fields)
{
    const std::optional<ChildRequest> question = ChildRequest::parse(answer.requestId);
    if (!question) {
        qCDebug(lcStore) << "store" << m_number << "got an answer to no question:" << answer.requestId;
        return;
    }
    const auto find = m_finds.find(question->parent);
    if (find != m_finds.end()) {
        takeFindAnswer(*find, question->tag, fields);
        return;
    }
    if (question->tag == orderTag) {
        takeOrderAnswer(question->parent, fields);
        return;
    }
    // Late answers (after a timeout or the end of a find) change nothing.
    qCDebug(lcStore) << "store" << m_number << "ignores a late answer" << answer.requestId;
}

StoreFind::Answer StoreRole::answerFrom(const RequestFields &fields, int fallbackStore, bool nearby) const
{
    StoreFind::Answer answer;
    answer.store = int(Pugs::integerOf(fields.value(u"store"_s), fallbackStore));
    answer.nearby = nearby;
    // An error answer (the store could not read its inventory) counts as "not here".
    answer.quantity = isSuccess(fields.status()) ? qMax<qint64>(0, Pugs::integerOf(fields.value(u"quantity"_s))) : 0;
    if (const std::optional<Pugs::MapPoint> where = Pugs::MapPoint::fromJson(fields.value(u"position"_s)))
        answer.distance = m_position.distanceTo(*where);
    return answer;
}

void StoreRole::takeFindAnswer(StoreFind &find, const QString &tag, const RequestFields &fields)
{
    if (const int asked = storeInTag(tag, nearbyTagPrefix)) {
        if (find.phase() != StoreFind::Phase::AskingNearby)
            return;
        const StoreFind::Answer answer = answerFrom(fields, asked, true);
        find.recordAnswer(answer);
        m_context->emitEvent(u"find-answered"_s, QJsonObject{{u"store"_s, m_number},
                                                             {u"find"_s, QString::fromUtf8(find.requestId())},
                                                             {u"from"_s, answer.store},
                                                             {u"quantity"_s, answer.quantity},
                                                             {u"nearby"_s, true}});
        if (find.everyNearbyAnswered())
            concludeNearby(find);
        else
            saveFind(find);
    } else if (tag == allStoresTag) {
        if (find.phase() != StoreFind::Phase::AskingAll)
            return;
        const StoreFind::Answer answer = answerFrom(fields, 0, false);
        if (answer.store <= 0)
            return;   // an answer that does not say which store it is cannot be chosen
        find.recordAnswer(answer);
        m_context->emitEvent(u"find-answered"_s, QJsonObject{{u"store"_s, m_number},
                                                             {u"find"_s, QString::fromUtf8(find.requestId())},
                                                             {u"from"_s, answer.store},
                                                             {u"quantity"_s, answer.quantity},
                                                             {u"nearby"_s, false}});
        if (m_expectedStores > 0 && find.allStoresAnswerCount() >= m_expectedStores)
            concludeAll(find);
        else
            saveFind(find);
    } else if (const int holder = storeInTag(tag, holdTagPrefix)) {
        const std::optional<StoreFind::Answer> candidate = find.candidate();
        if (find.phase() != StoreFind::Phase::Holding || !candidate || candidate->store != holder)
            return;
        if (isSuccess(fields.status()) && fields.value(u"held"_s).toBool())
            finishFind(find, 200, true, {});
        else
            holdRefused(find);
    }
}

void StoreRole::concludeNearby(StoreFind &find)
{
    if (find.beginHolding(m_context->nowMs()))
        askToHold(find);
    else
        askAllStores(find);
    saveFind(find);
}

void StoreRole::concludeAll(StoreFind &find)
{
    if (find.beginHolding(m_context->nowMs())) {
        askToHold(find);
        saveFind(find);
    } else {
        finishFind(find, 404, false, u"no store has "_s + find.item());
    }
}

void StoreRole::askToHold(StoreFind &find)
{
    const int holder = find.candidate()->store;
    const ChildRequest question{find.requestId(), holdTagPrefix + QString::number(holder)};
    const QByteArray messageId = ask(u"/store/"_s + QString::number(holder) + u"/hold"_s, question, u"POST"_s,
                                     QJsonObject{{u"item"_s, find.item()},
                                                 {u"customer"_s, find.customer()},
                                                 {u"forStore"_s, m_number}},
                                     0);
    m_awaitingSettlement.insert(messageId, question);
}

void StoreRole::holdRefused(StoreFind &find)
{
    // Sold in the meantime or unreachable: the next closest store that said it has one.
    if (find.nextCandidate(m_context->nowMs())) {
        askToHold(find);
        saveFind(find);
    } else {
        finishFind(find, 409, false, u"no store could hold "_s + find.item());
    }
}

void StoreRole::finishFind(StoreFind &find, int status, bool held, const QString &error)
{
    QByteArray holdId;
    if (const std::optional<StoreFind::Answer> candidate = find.candidate())
        holdId = ChildRequest{find.requestId(), holdTagPrefix + QString::number(candidate->store)}.id();
    find.finish(status, held, holdId, error, m_context->nowMs());
    saveFind(find);
    const QJsonObject story = find.story(m_number);
    answerRequest(find.requestId(), find.replyTo(), story, status);
    m_context->emitEvent(u"find-done"_s, QJsonObject{{u"store"_s, m_number},
                                                     {u"find"_s, QString::fromUtf8(find.requestId())},
                                                     {u"item"_s, find.item()},
                                                     {u"found"_s, story.value(u"found"_s)},
                                                     {u"chosen"_s, story.value(u"chosen"_s)},
                                                     {u"held"_s, held},
                                                     {u"answers"_s, story.value(u"answers"_s)},
                                                     {u"status"_s, status}});
    const QByteArray findId = find.requestId();   // find is a reference into m_finds: last use
    m_finds.remove(findId);
}

void StoreRole::saveFind(const StoreFind &find)
{
    m_context->store().putRecord(u"find"_s, QString::fromUtf8(find.requestId()), find.toJson());
}

void StoreRole::placeOrder(const Wire::Envelope &request, const RequestFields &fields)
{
    const QByteArray orderId = requestIdOf(request);
    if (m_orders.contains(orderId))
        return;   // a resent request for an order on its way: its reply is coming
    if (const std::optional<QJsonObject> record = m_context->store().record(u"order"_s, QString::fromUtf8(orderId))) {
        replyJson(request, record->value(u"reply"_s).toObject(), int(Pugs::integerOf(record->value(u"replyStatus"_s), 200)));
        return;
    }
    const QString item = fields.text(u"item"_s);
    if (item.isEmpty()) {
        replyJson(request, QJsonObject{{u"error"_s, u"order needs an item"_s}}, 400);
        return;
    }
    if (m_draining) {
        replyJson(request, QJsonObject{{u"error"_s, u"store is draining"_s}}, 503);
        return;
    }
    const QString customer = fields.text(u"customer"_s);
    // The work order goes to "/factories": balanced anycast, the shortest backlog wins.
    const ChildRequest question{orderId, orderTag};
    const QByteArray messageId = ask(u"/factories/orders"_s, question, u"POST"_s,
                                     QJsonObject{{u"item"_s, item},
                                                 {u"customer"_s, customer},
                                                 {u"store"_s, m_number},
                                                 {u"storePosition"_s, m_position.toJson()}},
                                     0);
    m_awaitingSettlement.insert(messageId, question);
    const QJsonObject order{{u"requestId"_s, QString::fromUtf8(orderId)},
                            {u"replyTo"_s, request.replyTo},
                            {u"item"_s, item},
                            {u"customer"_s, customer},
                            {u"status"_s, u"sent"_s},
                            {u"sentMs"_s, m_context->nowMs()}};
    m_orders.insert(orderId, order);
    m_context->store().putRecord(u"order"_s, QString::fromUtf8(orderId), order);
    ++m_orderCount;
    m_context->emitEvent(u"order-sent"_s, QJsonObject{{u"store"_s, m_number},
                                                      {u"order"_s, QString::fromUtf8(orderId)},
                                                      {u"item"_s, item},
                                                      {u"customer"_s, customer}});
}

void StoreRole::takeOrderAnswer(const QByteArray &orderId, const RequestFields &fields)
{
    const QString tracking = fields.text(u"tracking"_s);
    if (!m_orders.contains(orderId)) {
        // Answered after the order timed out: the factory did take it, so keep the
        // tracking id where the operator can find it, though the customer heard 504.
        std::optional<QJsonObject> record = m_context->store().record(u"order"_s, QString::fromUtf8(orderId));
        if (record && !tracking.isEmpty() && isSuccess(fields.status())) {
            record->insert(u"tracking"_s, tracking);
            record->insert(u"factory"_s, fields.value(u"factory"_s));
            record->insert(u"status"_s, u"placed-late"_s);
            m_context->store().putRecord(u"order"_s, QString::fromUtf8(orderId), *record);
        }
        return;
    }
    const QJsonObject order = m_orders.value(orderId);
    if (isSuccess(fields.status()) && !tracking.isEmpty()) {
        finishOrder(orderId, 200,
                    QJsonObject{{u"tracking"_s, tracking},
                                {u"factory"_s, fields.value(u"factory"_s)},
                                {u"queuePosition"_s, fields.value(u"queuePosition"_s)},
                                {u"store"_s, m_number},
                                {u"item"_s, order.value(u"item"_s)},
                                {u"customer"_s, order.value(u"customer"_s)}});
    } else {
        const QString error = fields.text(u"error"_s);
        finishOrder(orderId, isSuccess(fields.status()) ? 502 : fields.status(),
                    QJsonObject{{u"error"_s, error.isEmpty() ? u"the factory did not take the order"_s : error},
                                {u"store"_s, m_number},
                                {u"item"_s, order.value(u"item"_s)}});
    }
}

void StoreRole::finishOrder(const QByteArray &orderId, int status, const QJsonObject &answer)
{
    QJsonObject order = m_orders.take(orderId);
    order.insert(u"status"_s, isSuccess(status) ? u"placed"_s : u"failed"_s);
    if (answer.contains(u"tracking"_s)) {
        order.insert(u"tracking"_s, answer.value(u"tracking"_s));
        order.insert(u"factory"_s, answer.value(u"factory"_s));
    }
    order.insert(u"reply"_s, answer);
    order.insert(u"replyStatus"_s, status);
    m_context->store().putRecord(u"order"_s, QString::fromUtf8(orderId), order);
    answerRequest(orderId, order.value(u"replyTo"_s).toString(), answer, status);
    m_context->emitEvent(isSuccess(status) ? u"order-placed"_s : u"order-failed"_s,
                         QJsonObject{{u"store"_s, m_number},
                                     {u"order"_s, QString::fromUtf8(orderId)},
                                     {u"tracking"_s, order.value(u"tracking"_s)},
                                     {u"status"_s, status}});
}

void StoreRole::settled(const QByteArray &messageId, bool accepted)
{
    const std::optional<ChildRequest> question = m_awaitingSettlement.contains(messageId)
        ? std::optional<ChildRequest>(m_awaitingSettlement.take(messageId))
        : std::nullopt;
    if (!question || accepted)
        return;
    const auto find = m_finds.find(question->parent);
    if (find != m_finds.end()) {
        if (const int asked = storeInTag(question->tag, nearbyTagPrefix);
            asked && find->phase() == StoreFind::Phase::AskingNearby) {
            find->nearbyUnreachable(asked);
            if (find->everyNearbyAnswered())
                concludeNearby(*find);
            else
                saveFind(*find);
        } else if (const int holder = storeInTag(question->tag, holdTagPrefix);
                   holder && find->phase() == StoreFind::Phase::Holding && find->candidate()
                   && find->candidate()->store == holder) {
            holdRefused(*find);
        }
        return;
    }
    if (question->tag == orderTag && m_orders.contains(question->parent)) {
        finishOrder(question->parent, 503,
                    QJsonObject{{u"error"_s, u"no factory took the order"_s}, {u"store"_s, m_number}});
    }
}

void StoreRole::tick(qint64 nowMs)
{
    // Collect first: finishing a find removes it from m_finds.
    const QList<QByteArray> findIds = m_finds.keys();
    for (const QByteArray &id : findIds) {
        const auto find = m_finds.find(id);
        if (find == m_finds.end() || nowMs - find->phaseStartedMs() < m_answerTimeoutMs)
            continue;
        switch (find->phase()) {
        case StoreFind::Phase::AskingNearby:
            concludeNearby(*find);   // the silent nearby stores count as "not here"
            break;
        case StoreFind::Phase::AskingAll:
            concludeAll(*find);      // whoever answered in time is all there is
            break;
        case StoreFind::Phase::Holding:
            finishFind(*find, 504, false, u"the hold was not answered in time"_s);
            break;
        case StoreFind::Phase::Done:
            m_finds.erase(find);
            break;
        }
    }

    const QList<QByteArray> orderIds = m_orders.keys();
    for (const QByteArray &id : orderIds) {
        if (nowMs - Pugs::integerOf(m_orders.value(id).value(u"sentMs"_s)) >= m_orderTimeoutMs) {
            finishOrder(id, 504, QJsonObject{{u"error"_s, u"no factory answered in time"_s}, {u"store"_s, m_number}});
        }
    }
}

QJsonObject StoreRole::telemetry() const
{
    QJsonObject inventory;
    for (auto it = m_inventory.cbegin(); it != m_inventory.cend(); ++it)
        inventory.insert(it.key(), it.value());
    return QJsonObject{{u"store"_s, m_number},
                       {u"inventory"_s, inventory},
                       {u"holds"_s, qint64(m_holdCount)},
                       {u"finds"_s, qint64(m_findCount)},
                       {u"findsInProgress"_s, qint64(m_finds.size())},
                       {u"orders"_s, qint64(m_orderCount)},
                       {u"position"_s, m_position.toJson()}};
}

bool StoreRole::drain()
{
    // Keep answering inventory questions (other stores depend on them) but take no new
    // finds or orders; done once the ones in progress have their answers.
    m_draining = true;
    return m_finds.isEmpty() && m_orders.isEmpty();
}

QByteArray StoreRole::ask(const QString &address, const ChildRequest &child, const QString &method,
                          const QJsonObject &body, qint64 deadlineMs)
{
    Wire::Envelope question;
    question.address = address;
    question.requestId = child.id();
    question.replyTo = m_answers;
    question.deadlineMs = deadlineMs;
    question.setHeader(u"Method"_s, method);
    if (body.contains(u"item"_s) && method == u"GET")
        question.setHeader(u"Query"_s, RequestFields::queryString(u"item"_s, body.value(u"item"_s).toString()));
    question.body = Pugs::compactJson(body);
    return m_context->send(std::move(question));
}

void StoreRole::answerRequest(const QByteArray &requestId, const QString &replyTo, const QJsonObject &body, int status)
{
    Wire::Envelope original;
    original.requestId = requestId;
    original.replyTo = replyTo;
    replyJson(original, body, status);
}

void StoreRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

void StoreRole::refreshInventory()
{
    m_inventory = m_context->store().inventoryAll();
}

} // namespace Portolan::Node
