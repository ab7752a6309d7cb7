#include "console/panels/stepsummary.h"

#include "console/panels/displayformat.h"
#include "scenario/scenario.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QString arg(const QJsonObject &args, QLatin1StringView key)
{
    const QJsonValue v = args.value(key);
    return v.isUndefined() ? u"?"_s : DisplayFormat::value(v);
}

// A link argument, [a, b], as "a–b".
QString link(const QJsonObject &args)
{
    const QJsonArray ends = args.value("link"_L1).toArray();
    if (ends.size() != 2)
        return arg(args, "link"_L1);
    return ends.at(0).toString() + u"–"_s + ends.at(1).toString();
}

} // namespace

QString StepSummary::describe(const Scenario::Step &step)
{
    const QJsonObject &a = step.args;
    const QString &action = step.action;
    if (action == "request"_L1) {
        const QString method = a.value("method"_L1).toString(u"GET"_s).toUpper();
        return tr("%1 %2 via %3").arg(method, arg(a, "path"_L1), arg(a, "router"_L1));
    }
    if (action == "cut-link"_L1)
        return a.value("silent"_L1).toBool() ? tr("cut link %1 silently").arg(link(a)) : tr("cut link %1").arg(link(a));
    if (action == "restore-link"_L1)
        return tr("restore link %1").arg(link(a));
    if (action == "set-cost"_L1)
        return tr("link %1 costs %2").arg(link(a), arg(a, "cost"_L1));
    if (action == "set-latency"_L1)
        return tr("link %1 delayed %2 ms").arg(link(a), arg(a, "ms"_L1));
    if (action == "fail-node"_L1)
        return tr("fail %1").arg(arg(a, "node"_L1));
    if (action == "restore-node"_L1)
        return tr("restore %1").arg(arg(a, "node"_L1));
    if (action == "kill-node"_L1)
        return tr("kill %1").arg(arg(a, "node"_L1));
    if (action == "restart-node"_L1)
        return tr("restart %1").arg(arg(a, "node"_L1));
    if (action == "upgrade-node"_L1)
        return tr("upgrade %1 to %2").arg(arg(a, "node"_L1), arg(a, "version"_L1));
    if (action == "provider-down"_L1)
        return tr("provider %1 down").arg(arg(a, "provider"_L1));
    if (action == "provider-up"_L1)
        return tr("provider %1 up").arg(arg(a, "provider"_L1));
    if (action == "add-node"_L1) {
        const QJsonObject entity = a.value("entity"_L1).toObject();
        return tr("add %1 (%2)").arg(arg(entity, "id"_L1), arg(entity, "role"_L1));
    }
    if (action == "remove-node"_L1)
        return tr("remove %1").arg(arg(a, "node"_L1));
    if (action == "command"_L1)
        return tr("%1 on %2").arg(arg(a, "command"_L1), arg(a, "node"_L1));
    if (action == "caption"_L1)
        return tr("caption");
    if (a.isEmpty())
        return action;
    return action + u" "_s + QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace Portolan::Console
