#include "node/roles/barker/feed.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"
#include "node/store/entitystore.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Barker {

namespace {
const QString barkKind = u"bark"_s;
const QString userKind = u"user"_s;
}

QString FeedRole::name() const
{
    return u"feed"_s;
}

void FeedRole::start(RoleContext &context)
{
    m_context = &context;
    m_keep = int(std::clamp<qint64>(Pugs::integerOf(context.params().value(u"keep"_s), 200), 1, 100000));
    m_tally.load(context.store());
    const QList<QJsonObject> stored = context.store().records(barkKind);
    for (qsizetype i = qMax<qsizetype>(0, stored.size() - m_keep); i < stored.size(); ++i) {
        if (std::optional<Bark> bark = Bark::fromBody(Pugs::compactJson(stored.at(i))))
            m_recent.append(*bark);
    }
    context.subscribe(u"/barker/feed"_s);
}

void FeedRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    if (fields.method() == u"GET") {
        const qint64 limit = Pugs::integerOf(fields.value(u"limit"_s), 20);
        answer(message, fields.text(u"user"_s), int(std::clamp<qint64>(limit, 1, m_keep)));
        return;
    }
    const std::optional<Bark> bark = Bark::fromBody(message.body);
    if (!bark) {
        m_context->reply(message, Pugs::compactJson(QJsonObject{{u"error"_s, u"not a bark"_s}}), 400);
        return;
    }
    publish(*bark);
}

void FeedRole::publish(const Bark &bark)
{
    EntityStore &store = m_context->store();
    if (store.record(barkKind, bark.id)) {
        m_tally.add(store, u"duplicates"_s);
        return;
    }
    store.putRecord(barkKind, bark.id, bark.toJson());
    QJsonObject user = store.record(userKind, bark.user).value_or(QJsonObject{});
    if (user.isEmpty())
        m_tally.add(store, u"users"_s);
    user.insert(u"count"_s, user.value(u"count"_s).toInt() + 1);
    // The user's newest barks by id, so a reader asking for one user finds them however
    // many others barked since.
    QJsonArray recent = user.value(u"recent"_s).toArray();
    recent.append(bark.id);
    while (recent.size() > UserRecent)
        recent.removeFirst();
    user.insert(u"recent"_s, recent);
    store.putRecord(userKind, bark.user, user);
    m_tally.add(store, u"barks"_s);
    m_recent.append(bark);
    if (m_recent.size() > m_keep)
        m_recent.removeFirst();
    if (bark.postedMs > 0) {
        m_lastLatencyMs = qMax<qint64>(0, m_context->nowMs() - bark.postedMs);
        m_maxLatencyMs = qMax(m_maxLatencyMs, m_lastLatencyMs);
    }
}

void FeedRole::answer(const Wire::Envelope &request, const QString &user, int limit)
{
    QJsonArray barks;
    qint64 count = 0;
    if (user.isEmpty()) {
        for (qsizetype i = m_recent.size() - 1; i >= 0 && barks.size() < limit; --i)
            barks.append(m_recent.at(i).toJson());
        count = m_tally.value(u"barks"_s);
    } else {
        EntityStore &store = m_context->store();
        const QJsonObject record = store.record(userKind, user).value_or(QJsonObject{});
        const QJsonArray recent = record.value(u"recent"_s).toArray();
        for (qsizetype i = recent.size() - 1; i >= 0 && barks.size() < limit; --i) {
            if (const std::optional<QJsonObject> bark = store.record(barkKind, recent.at(i).toString()))
                barks.append(*bark);
        }
        count = record.value(u"count"_s).toInteger();
    }
    QJsonObject body{{u"count"_s, count}, {u"barks"_s, barks}, {u"latest"_s, barks.isEmpty() ? QJsonValue() : barks.first()}};
    if (!user.isEmpty())
        body.insert(u"user"_s, user);
    m_context->reply(request, Pugs::compactJson(body), 200);
}

QJsonObject FeedRole::telemetry() const
{
    QJsonObject t = m_tally.toJson({u"barks"_s, u"duplicates"_s, u"users"_s});
    t.insert(u"latencyMs"_s, m_lastLatencyMs);
    t.insert(u"maxLatencyMs"_s, m_maxLatencyMs);
    return t;
}

} // namespace Portolan::Node::Barker
