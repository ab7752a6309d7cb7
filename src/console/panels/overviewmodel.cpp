#include "console/panels/overviewmodel.h"

#include "console/panels/displayformat.h"
#include "console/panels/seriesnaming.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

OverviewModel::OverviewModel(QObject *parent)
    : TelemetryTableModel({tr("Property"), tr("Value")}, {}, parent)
{
}

void OverviewModel::setIdentity(const QString &node, const QString &roleOrKind)
{
    m_node = node;
    m_roleOrKind = roleOrKind;
}

void OverviewModel::setTelemetry(const QJsonObject &t)
{
    QList<Row> rows;
    auto add = [&rows](const QString &key, const QString &label, Cell value, const QString &metric = {}) {
        Row row;
        row.key = key;
        value.numeric = false;   // a property list reads best with values next to their names
        row.cells = {text(label, key), std::move(value)};
        row.metric = metric;
        rows.append(std::move(row));
    };

    const QString node = t.value("node"_L1).toString(m_node);
    add(u"node"_s, tr("Node"), text(node));
    add(u"role"_s, tr("Role"), text(t.value("role"_L1).toString(m_roleOrKind)));
    if (t.contains("kind"_L1))
        add(u"kind"_s, tr("Kind"), text(t.value("kind"_L1).toString()));
    if (t.contains("version"_L1))
        add(u"version"_s, tr("Version"), text(t.value("version"_L1).toString()));
    const QString nodeState = t.isEmpty() ? tr("no telemetry yet") : t.value("state"_L1).toString();
    add(u"state"_s, tr("State"), state(nodeState));
    if (t.contains("uptimeMs"_L1)) {
        const qint64 uptime = qint64(t.value("uptimeMs"_L1).toDouble());
        Cell cell = text(DisplayFormat::duration(uptime));
        cell.sort = uptime;
        add(u"uptimeMs"_s, tr("Uptime"), cell);
    }

    const bool router = isRouter(t, m_roleOrKind);
    if (!router && t.contains("router"_L1)) {
        const QString attachedTo = t.value("router"_L1).toString();
        add(u"router"_s, tr("Attached to"), attachedTo.isEmpty() ? state(tr("detached")) : text(attachedTo));
    }
    if (router) {
        const QJsonObject links = t.value("links"_L1).toObject();
        int up = 0;
        for (auto it = links.begin(); it != links.end(); ++it)
            up += it.value().toObject().value("state"_L1).toString() == "up"_L1 ? 1 : 0;
        Cell cell = text(tr("%1 of %2 up").arg(up).arg(links.size()));
        cell.tone = links.isEmpty() ? StatusTone::Neutral : up == links.size() ? StatusTone::Good
                                                          : up == 0             ? StatusTone::Bad
                                                                                : StatusTone::Warning;
        add(u"links"_s, tr("Router links"), cell);
        const int entities = int(t.value("entities"_L1).toObject().size());
        add(u"entities"_s, tr("Attached entities"), number(entities));
        const int http = t.value("httpPort"_L1).toInt();
        if (http > 0)
            add(u"httpPort"_s, tr("HTTP ingress"), text(u"http://127.0.0.1:%1/"_s.arg(http)));
    }

    if (t.contains("queues"_L1)) {
        const QJsonObject queues = t.value("queues"_L1).toObject();
        double total = 0;
        for (auto it = queues.begin(); it != queues.end(); ++it)
            total += it.value().toDouble();
        add(u"queueDepth"_s, tr("Queue depth (all addresses)"),
            number(total, tr("Messages queued or in flight, summed over the node's addresses")),
            SeriesNaming::queueDepth());
    }

    const QJsonObject counters = t.value("counters"_L1).toObject();
    for (auto it = counters.begin(); it != counters.end(); ++it) {
        if (!it.value().isDouble())
            continue;
        const QString key = u"counters."_s + it.key();
        add(key, DisplayFormat::humanize(it.key()), number(it.value().toDouble()), SeriesNaming::counter(it.key()));
    }
    setRows(std::move(rows));
}

} // namespace Portolan::Console
