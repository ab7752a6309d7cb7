#include "node/roles/fishandchips/tally.h"

#include "node/store/entitystore.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::FishAndChips {

namespace {
const QString tallyKind = u"tally"_s;
}

Tally::Tally(QString recordId)
    : m_recordId(std::move(recordId))
{
}

void Tally::load(EntityStore &store)
{
    m_values.clear();
    const QJsonObject record = store.record(tallyKind, m_recordId).value_or(QJsonObject{});
    for (auto it = record.constBegin(); it != record.constEnd(); ++it)
        m_values.insert(it.key(), qint64(it.value().toDouble()));
}

void Tally::add(EntityStore &store, const QString &name, qint64 delta)
{
    if (delta == 0)
        return;
    m_values[name] += delta;
    QJsonObject record;
    for (auto it = m_values.constBegin(); it != m_values.constEnd(); ++it)
        record.insert(it.key(), it.value());
    store.putRecord(tallyKind, m_recordId, record);
}

QJsonObject Tally::toJson(const QStringList &zeros) const
{
    QMap<QString, qint64> all = m_values;
    for (const QString &name : zeros) {
        if (!all.contains(name))
            all.insert(name, 0);
    }
    QJsonObject out;
    for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
        const qsizetype dot = it.key().indexOf(u'.');
        if (dot < 0) {
            out.insert(it.key(), it.value());
            continue;
        }
        const QString group = it.key().left(dot);
        QJsonObject nested = out.value(group).toObject();
        nested.insert(it.key().mid(dot + 1), it.value());
        out.insert(group, nested);
    }
    return out;
}

} // namespace Portolan::Node::FishAndChips
