#include "node/roles/fishandchips/hotcabinet.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {

Q_LOGGING_CATEGORY(lcCabinet, "portolan.node.fishandchips.hotcabinet")

const QString takeKind = u"take"_s;
const QString stockKind = u"stock"_s;

// The menu's items are always reported, so their telemetry paths exist from the start.
const QStringList shownItems{u"cod"_s, u"chips"_s, u"plaice"_s};

QString requestKey(const Wire::Envelope &request)
{
    return QString::fromUtf8(request.requestId.isEmpty() ? request.id : request.requestId);
}

} // namespace

QString HotCabinetRole::name() const
{
    return u"hot-cabinet"_s;
}

void HotCabinetRole::start(RoleContext &context)
{
    m_context = &context;
    seedOnce();
    m_tally.load(context.store());
    context.subscribe(u"/cabinet"_s);
}

void HotCabinetRole::seedOnce()
{
    // The scenario's stock is the cabinet on opening; a restarted cabinet keeps what it has.
    EntityStore &store = m_context->store();
    if (store.record(u"meta"_s, u"stock-seeded"_s))
        return;
    const std::optional<Portions> seed = Portions::fromJson(m_context->params().value(u"stock"_s).toObject());
    if (!seed)
        qCWarning(lcCabinet).noquote() << m_context->nodeId() << "ignores param \"stock\": counts must be whole numbers >= 0";
    const QStringList items = seed ? seed->items() : QStringList{};
    for (const QString &item : items)
        store.setInventory(item, seed->count(item));
    store.putRecord(u"meta"_s, u"stock-seeded"_s, QJsonObject{{u"seededMs"_s, m_context->nowMs()}});
}

void HotCabinetRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    QString path = fields.path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    if (path == u"/cabinet/take" && fields.isWrite())
        take(message, fields.body());
    else if (path == u"/cabinet/stock" && fields.isWrite())
        addStock(message, fields.body());
    else if (path == u"/cabinet" || path == u"/cabinet/stock")
        replyJson(message, status(), 200);
    else if (path == u"/cabinet/take")
        replyJson(message, QJsonObject{{u"error"_s, u"a take needs POST"_s}}, 405);
    else
        replyJson(message, QJsonObject{{u"error"_s, QString(u"unknown resource "_s + path)}}, 404);
}

void HotCabinetRole::take(const Wire::Envelope &request, const QJsonObject &body)
{
    EntityStore &store = m_context->store();
    const QString key = requestKey(request);
    if (const std::optional<QJsonObject> known = store.record(takeKind, key)) {
        replyJson(request, known->value(u"answer"_s).toObject(), known->value(u"status"_s).toInt());
        return;
    }
    QString problem;
    const std::optional<Portions> items = Portions::fromJson(body.value(u"items"_s).toObject(), &problem);
    if (!items || items->isEmpty()) {
        replyJson(request, QJsonObject{{u"error"_s, problem.isEmpty() ? u"a take needs items"_s : problem}}, 400);
        return;
    }
    const QString order = body.value(u"order"_s).toString();
    // The check and the take below run in this one delivery's transaction, and the
    // entity handles one message at a time: nothing can take the portions in between.
    Portions short_;
    const QStringList names = items->items();
    for (const QString &item : names) {
        const qint64 missing = items->count(item) - store.inventory(item);
        if (missing > 0)
            short_.set(item, missing);
    }
    QJsonObject answer;
    int statusCode = 200;
    if (short_.isEmpty()) {
        for (const QString &item : names) {
            store.adjustInventory(item, -items->count(item), {});
            m_tally.add(store, u"taken."_s + item, items->count(item));
        }
        m_tally.add(store, u"takes"_s);
        answer = QJsonObject{{u"taken"_s, true}, {u"order"_s, order}, {u"stock"_s, stock().toJson()}};
        m_context->emitEvent(u"portions-taken"_s, QJsonObject{{u"order"_s, order}, {u"items"_s, items->toJson()}});
    } else {
        statusCode = 409;
        m_tally.add(store, u"refusedTakes"_s);
        answer = QJsonObject{{u"taken"_s, false}, {u"order"_s, order}, {u"short"_s, short_.toJson()},
                             {u"stock"_s, stock().toJson()}};
        m_context->emitEvent(u"take-refused"_s, QJsonObject{{u"order"_s, order}, {u"short"_s, short_.toJson()}});
    }
    store.putRecord(takeKind, key, QJsonObject{{u"status"_s, statusCode}, {u"answer"_s, answer}});
    replyJson(request, answer, statusCode);
}

void HotCabinetRole::addStock(const Wire::Envelope &request, const QJsonObject &body)
{
    EntityStore &store = m_context->store();
    const QString key = requestKey(request);
    if (store.record(stockKind, key)) {
        replyJson(request, QJsonObject{{u"added"_s, false}, {u"repeat"_s, true}, {u"stock"_s, stock().toJson()}}, 200);
        return;
    }
    QString problem;
    const std::optional<Portions> items = Portions::fromJson(body.value(u"items"_s).toObject(), &problem);
    if (!items) {
        replyJson(request, QJsonObject{{u"error"_s, problem}}, 400);
        return;
    }
    const QStringList names = items->items();
    for (const QString &item : names) {
        store.adjustInventory(item, items->count(item), {});
        m_tally.add(store, u"added."_s + item, items->count(item));
    }
    m_tally.add(store, u"deliveries"_s);
    store.putRecord(stockKind, key, QJsonObject{{u"items"_s, items->toJson()}, {u"cook"_s, body.value(u"cook"_s)}});
    m_context->emitEvent(u"stock-added"_s, QJsonObject{{u"items"_s, items->toJson()}, {u"cook"_s, body.value(u"cook"_s)},
                                                      {u"order"_s, body.value(u"order"_s)}});
    replyJson(request, QJsonObject{{u"added"_s, true}, {u"stock"_s, stock().toJson()}}, 200);
}

Portions HotCabinetRole::stock() const
{
    Portions portions;
    const QHash<QString, qint64> all = m_context->store().inventoryAll();
    for (auto it = all.constBegin(); it != all.constEnd(); ++it)
        portions.set(it.key(), it.value());
    return portions;
}

QJsonObject HotCabinetRole::status() const
{
    QJsonObject out = m_tally.toJson({u"takes"_s, u"refusedTakes"_s, u"deliveries"_s});
    QJsonObject stockJson = stock().toJson();
    for (const QString &item : shownItems) {
        if (!stockJson.contains(item))
            stockJson.insert(item, 0);
    }
    out.insert(u"stock"_s, stockJson);
    for (const QString &group : {u"taken"_s, u"added"_s}) {
        QJsonObject counts = out.value(group).toObject();
        for (const QString &item : shownItems) {
            if (!counts.contains(item))
                counts.insert(item, 0);
        }
        out.insert(group, counts);
    }
    return out;
}

QJsonObject HotCabinetRole::telemetry() const
{
    if (!m_context)
        return {};
    return status();
}

void HotCabinetRole::replyJson(const Wire::Envelope &request, const QJsonObject &body, int status)
{
    m_context->reply(request, Pugs::compactJson(body), status);
}

} // namespace Portolan::Node::FishAndChips
