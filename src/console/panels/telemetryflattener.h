#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Portolan::Console {

// Turns a nested telemetry object into its leaves with dot paths, the way the scenario's
// expectations and the metric files name them: {"inventory":{"cutlass":4}} under prefix
// "data" gives ("data.inventory.cutlass", 4). Objects are descended into; arrays and
// scalars are leaves (a position [x, y] stays one value). Keys keep JSON object order.
class TelemetryFlattener
{
public:
    struct Leaf
    {
        QString path;       // "data.inventory.cutlass"
        QStringList keys;   // {"inventory", "cutlass"}: the path below the prefix
        QJsonValue value;
        friend bool operator==(const Leaf &, const Leaf &) = default;
    };

    static QList<Leaf> flatten(const QJsonObject &object, const QString &prefix = {});
    // Only the numeric leaves, as chartable metrics.
    static QList<Leaf> numbers(const QJsonObject &object, const QString &prefix = {});
};

} // namespace Portolan::Console
