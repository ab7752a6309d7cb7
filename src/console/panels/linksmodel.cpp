#include "console/panels/linksmodel.h"

#include "console/panels/seriesnaming.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

// A number when the field is there, an empty right-aligned cell when the node does not
// report it (a down link reports only what its configuration knows).
KeyedTableModel::Cell optionalNumber(const QJsonObject &o, QLatin1StringView field, const QString &suffix = {})
{
    KeyedTableModel::Cell cell;
    cell.numeric = true;
    if (!o.value(field).isDouble())
        return cell;
    cell = KeyedTableModel::number(o.value(field).toDouble());
    if (!suffix.isEmpty())
        cell.text += suffix;
    return cell;
}

} // namespace

LinksModel::LinksModel(QObject *parent)
    : TelemetryTableModel({tr("Peer"), tr("State"), tr("Kind"), tr("Cost"), tr("Provider"), tr("Added latency"),
                           tr("In /s"), tr("Out /s"), tr("Frames in"), tr("Frames out")},
                          {{}, {}, tr("What the peer is: interior or edge router, or an attached entity"),
                           tr("The link's cost in shortest-path routing"), tr("The backbone provider the link belongs to"),
                           tr("Delay added to everything sent on the link (set-link-latency)"),
                           tr("Frames received per second"), tr("Frames sent per second"),
                           tr("Frames received since the link came up"), tr("Frames sent since the link came up")},
                          parent)
{
}

void LinksModel::setTelemetry(const QJsonObject &t)
{
    QList<Row> rows;
    auto addLink = [&rows](const QString &peer, const QJsonObject &l, const QString &fallbackState,
                           const QString &fallbackKind) {
        Row row;
        row.key = peer;
        row.metric = SeriesNaming::linkRate(peer);
        const QString linkState = l.value("state"_L1).toString(fallbackState);
        row.emphasis = linkState == "up"_L1 || linkState == "attached"_L1 ? Emphasis::Normal : Emphasis::Muted;
        Cell cost = optionalNumber(l, "cost"_L1);
        row.cells = {text(peer),
                     state(linkState, l.value("reason"_L1).toString()),
                     text(l.value("kind"_L1).toString(fallbackKind)),
                     cost,
                     text(l.value("provider"_L1).toString()),
                     optionalNumber(l, "latencyMs"_L1, u" ms"_s),
                     optionalNumber(l, "rateIn"_L1),
                     optionalNumber(l, "rateOut"_L1),
                     optionalNumber(l, "framesIn"_L1),
                     optionalNumber(l, "framesOut"_L1)};
        rows.append(std::move(row));
    };
    const QJsonObject links = t.value("links"_L1).toObject();
    for (auto it = links.begin(); it != links.end(); ++it)
        addLink(it.key(), it.value().toObject(), u"up"_s, QString());
    // A router's attached entities are links too, reported in their own map.
    const QJsonObject entities = t.value("entities"_L1).toObject();
    for (auto it = entities.begin(); it != entities.end(); ++it) {
        if (!links.contains(it.key()))
            addLink(it.key(), it.value().toObject(), u"attached"_s, u"entity"_s);
    }
    setRows(std::move(rows));
}

} // namespace Portolan::Console
