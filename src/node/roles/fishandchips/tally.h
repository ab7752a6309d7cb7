#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace Portolan::Node {
class EntityStore;
}

namespace Portolan::Node::FishAndChips {

// A role's durable counters (orders taken, income, portions served, ...), kept as one
// record of the entity's own store. Each change is written in the transaction of the
// message or tick that caused it, so what telemetry reports is what the entity has on
// disk, and a restarted entity counts on from there.
//
// Names may have one dot ("served.cod"): telemetry shows those as a nested object.
class Tally
{
public:
    explicit Tally(QString recordId = QStringLiteral("totals"));

    void load(EntityStore &store);
    qint64 value(const QString &name) const { return m_values.value(name, 0); }
    void add(EntityStore &store, const QString &name, qint64 delta = 1);

    // Every counter, "a.b" names as {a: {b: n}}; names given in `zeros` appear even
    // while they are 0, so telemetry paths exist from the start.
    QJsonObject toJson(const QStringList &zeros = {}) const;

private:
    QString m_recordId;
    QMap<QString, qint64> m_values;
};

} // namespace Portolan::Node::FishAndChips
