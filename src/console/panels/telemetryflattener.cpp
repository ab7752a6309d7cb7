#include "console/panels/telemetryflattener.h"

#include <QStringList>

namespace Portolan::Console {

namespace {

// Deep enough for any role's data; a cycle cannot occur in JSON, this only bounds work.
constexpr int MaxDepth = 16;

void walk(const QJsonObject &object, const QString &path, QStringList &keys, int depth, bool numbersOnly,
          QList<TelemetryFlattener::Leaf> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString childPath = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
        keys.append(it.key());
        const QJsonValue value = it.value();
        if (value.isObject() && depth < MaxDepth) {
            walk(value.toObject(), childPath, keys, depth + 1, numbersOnly, out);
        } else if (!numbersOnly || value.isDouble()) {
            out.append({childPath, keys, value});
        }
        keys.removeLast();
    }
}

} // namespace

QList<TelemetryFlattener::Leaf> TelemetryFlattener::flatten(const QJsonObject &object, const QString &prefix)
{
    QList<Leaf> out;
    QStringList keys;
    walk(object, prefix, keys, 0, false, out);
    return out;
}

QList<TelemetryFlattener::Leaf> TelemetryFlattener::numbers(const QJsonObject &object, const QString &prefix)
{
    QList<Leaf> out;
    QStringList keys;
    walk(object, prefix, keys, 0, true, out);
    return out;
}

} // namespace Portolan::Console
