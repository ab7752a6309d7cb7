#include "console/panels/addressesmodel.h"

#include "console/panels/seriesnaming.h"

#include <QJsonArray>
#include <QMap>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

AddressesModel::AddressesModel(QObject *parent)
    : TelemetryTableModel({tr("Address"), tr("Queue"), tr("Subscribed"), tr("Group"), tr("Capacity")},
                          {tr("An address path; routers group queues by its first two segments"),
                           tr("Routers: messages sent and not yet settled. Entities: outstanding work."),
                           tr("Whether this entity consumes the address"),
                           tr("The consumer group it subscribed with (shares the address's messages)"),
                           tr("The most outstanding work balanced distribution sends it (0 = unbounded)")},
                          parent)
{
}

void AddressesModel::setTelemetry(const QJsonObject &t)
{
    struct Entry
    {
        bool queued = false;
        double depth = 0;
        bool subscribed = false;
        QString group;
        qint64 capacity = 0;
    };
    QMap<QString, Entry> entries;   // sorted by address
    const QJsonObject queues = t.value("queues"_L1).toObject();
    for (auto it = queues.begin(); it != queues.end(); ++it) {
        Entry &e = entries[it.key()];
        e.queued = true;
        e.depth = it.value().toDouble();
    }
    const QJsonArray subscriptions = t.value("subscriptions"_L1).toArray();
    for (const QJsonValue &value : subscriptions) {
        const QJsonObject s = value.toObject();
        const QString address = s.value("address"_L1).toString();
        if (address.isEmpty())
            continue;
        Entry &e = entries[address];
        e.subscribed = true;
        e.group = s.value("group"_L1).toString();
        e.capacity = qint64(s.value("capacity"_L1).toDouble());
    }

    QList<Row> rows;
    rows.reserve(entries.size());
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const Entry &e = it.value();
        Row row;
        row.key = it.key();
        row.metric = e.queued ? SeriesNaming::queue(it.key()) : QString();
        Cell address = text(it.key());
        address.tone = e.depth > 0 ? StatusTone::Info : StatusTone::Neutral;
        Cell depth = e.queued ? number(e.depth) : text({});
        depth.numeric = true;
        Cell capacity = e.subscribed ? (e.capacity > 0 ? number(double(e.capacity)) : text(tr("unbounded"))) : text({});
        capacity.numeric = true;
        row.cells = {address, depth, text(e.subscribed ? tr("yes") : QString()), text(e.group), capacity};
        rows.append(std::move(row));
    }
    setRows(std::move(rows));
}

} // namespace Portolan::Console
