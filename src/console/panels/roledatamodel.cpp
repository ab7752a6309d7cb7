#include "console/panels/roledatamodel.h"

#include "console/panels/displayformat.h"
#include "console/panels/seriesnaming.h"
#include "console/panels/telemetryflattener.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

RoleDataModel::RoleDataModel(QObject *parent)
    : TelemetryTableModel({tr("Field"), tr("Value")}, {}, parent)
{
}

QString RoleDataModel::fieldLabel(const QStringList &keys)
{
    QStringList words;
    words.reserve(keys.size());
    for (const QString &key : keys)
        words.append(words.isEmpty() ? DisplayFormat::humanize(key) : key);
    return words.join(u" › "_s);
}

void RoleDataModel::setTelemetry(const QJsonObject &t)
{
    const QList<TelemetryFlattener::Leaf> leaves = TelemetryFlattener::flatten(t.value("data"_L1).toObject());
    QList<Row> rows;
    rows.reserve(leaves.size());
    for (const TelemetryFlattener::Leaf &leaf : leaves) {
        Row row;
        row.key = leaf.path;
        Cell value;
        if (leaf.value.isDouble()) {
            value = number(leaf.value.toDouble());
            value.numeric = false;   // next to its name, like the text values
            row.metric = SeriesNaming::data(leaf.path);
        } else {
            value = text(DisplayFormat::value(leaf.value));
            if (leaf.keys.constLast() == "status"_L1 || leaf.keys.constLast() == "state"_L1)
                value.tone = StatusToneStyle::ofState(leaf.value.toString());
            if (leaf.keys.constLast() == "error"_L1)
                value.tone = StatusTone::Bad;
        }
        row.cells = {text(fieldLabel(leaf.keys), u"data."_s + leaf.path), value};
        rows.append(std::move(row));
    }
    setRows(std::move(rows));
}

} // namespace Portolan::Console
