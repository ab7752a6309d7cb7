#include "console/dropplanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLineF>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Portolan::Console::DropPlanner", text);
}

// Router ids by distance from position, nearest first; only interior ones when asked.
QStringList routersByDistance(const Scenario::Scenario &scenario, const QPointF &position, bool interiorOnly)
{
    QList<const Scenario::Router *> routers;
    for (const Scenario::Router &r : scenario.routers) {
        if (!interiorOnly || r.kind == "interior"_L1)
            routers.append(&r);
    }
    std::stable_sort(routers.begin(), routers.end(), [&](const Scenario::Router *a, const Scenario::Router *b) {
        return QLineF(a->position, position).length() < QLineF(b->position, position).length();
    });
    QStringList ids;
    for (const Scenario::Router *r : std::as_const(routers))
        ids.append(r->id);
    return ids;
}

QJsonArray point(const QPointF &p)
{
    return QJsonArray{p.x(), p.y()};
}

} // namespace

QString DropPlanner::idStem(const QJsonObject &item)
{
    const QString kind = item.value("kind"_L1).toString();
    if (kind == "interior"_L1)
        return u"core"_s;
    if (kind == "edge"_L1)
        return u"edge"_s;
    const QString role = item.value("role"_L1).toString();
    return role.isEmpty() ? u"device"_s : role;
}

std::optional<QJsonObject> DropPlanner::plan(const QJsonObject &item, const QPointF &position, const QString &target,
                                             const Scenario::Scenario &scenario, const QString &newId, QString *error)
{
    const QString kind = item.value("kind"_L1).toString();
    const Scenario::Router *targetRouter = scenario.router(target);
    const QString label = item.value("label"_L1).toString();

    if (kind == "entity"_L1) {
        QString router;
        if (targetRouter)
            router = targetRouter->id;
        else if (const Scenario::Entity *entity = scenario.entity(target); entity && !entity->routers.isEmpty())
            router = entity->routers.constFirst();
        else if (const QStringList nearest = routersByDistance(scenario, position, false); !nearest.isEmpty())
            router = nearest.constFirst();
        if (router.isEmpty()) {
            *error = tr("There is no router to attach it to.");
            return std::nullopt;
        }
        const QString role = item.value("role"_L1).toString();
        if (role.isEmpty()) {
            *error = tr("The palette item names no role.");
            return std::nullopt;
        }
        return QJsonObject{{u"entity"_s, QJsonObject{{u"id"_s, newId}, {u"role"_s, role},
                                                      {u"params"_s, item.value("params"_L1).toObject()},
                                                      {u"routers"_s, QJsonArray{router}},
                                                      {u"position"_s, point(position)}, {u"label"_s, label}}}};
    }

    if (kind == "edge"_L1 || kind == "interior"_L1) {
        QStringList peers;
        if (targetRouter && targetRouter->kind == "interior"_L1)
            peers.append(targetRouter->id);
        for (const QString &id : routersByDistance(scenario, position, true)) {
            if (peers.size() >= 2)
                break;
            if (!peers.contains(id))
                peers.append(id);
        }
        if (peers.isEmpty()) {
            *error = tr("There is no interior router to link it to.");
            return std::nullopt;
        }
        return QJsonObject{{u"router"_s, QJsonObject{{u"id"_s, newId}, {u"kind"_s, kind},
                                                      {u"peers"_s, QJsonArray::fromStringList(peers)},
                                                      {u"provider"_s, scenario.router(peers.constFirst())->provider},
                                                      {u"position"_s, point(position)}, {u"label"_s, label}}}};
    }
    *error = tr("Unknown palette item kind “%1”.").arg(kind);
    return std::nullopt;
}

} // namespace Portolan::Console
